"""What goes wrong while reading input: reported per item so that a batch goes on, or raised when a single
input cannot be used at all."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# error: the input (or one line/entry of it) was not read; warning: read, but something looks off;
# skipped: read fine but deliberately left out (e.g. not English).
Severity = Literal["error", "warning", "skipped"]


@dataclass(frozen=True)
class IngestProblem:
    """One input (or one line/entry of it) that could not be turned into an Article, and what to do."""

    origin: str  # file path, "<stdin>", or feed URL
    reason: str  # what is wrong, in plain words
    hint: str = ""  # what to do next
    line: int | None = None  # 1-based line (JSONL) or entry number (feeds)
    severity: Severity = "error"

    @property
    def where(self) -> str:
        return f"{self.origin}:{self.line}" if self.line is not None else self.origin

    def __str__(self) -> str:
        text = f"{self.where}: {self.reason}"
        return f"{text} ({self.hint})" if self.hint else text


class IngestError(ValueError):
    """A single input that cannot be used at all; the message says what to do next."""

    def __init__(self, reason: str, hint: str = "", origin: str | None = None) -> None:
        self.reason, self.hint, self.origin = reason, hint, origin
        where = f"{origin}: " if origin else ""
        super().__init__(f"{where}{reason}" + (f". {hint}" if hint else ""))

    def as_problem(self, origin: str | None = None, line: int | None = None) -> IngestProblem:
        return IngestProblem(
            origin=origin or self.origin or "?", reason=self.reason, hint=self.hint, line=line
        )
