"""JSON Lines: one article object per line; a broken line is reported with its number, the rest go on."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import BinaryIO

import dateparser

from eventledger.ingest.decode import RAISE_LIMIT_HINT
from eventledger.ingest.problems import IngestError

FIELDS = ("text", "title", "url", "published", "outlet")


@dataclass
class Record:
    line: int
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None


def parse_date(value: object) -> date:
    """ISO dates/datetimes first (exact), then free-form dates ("21 January 2022", RFC 822) via dateparser."""
    if not isinstance(value, str) or not value.strip():
        raise IngestError(f"'published' is not a date: {value!r}", "use an ISO date such as 2022-01-21")
    text = value.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    parsed = dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True})
    if parsed is None:
        raise IngestError(f"'published' is not a date: {value!r}", "use an ISO date such as 2022-01-21")
    return parsed.date()


def _optional_str(obj: dict[str, object], key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise IngestError(f"{key!r} must be a string, not {type(value).__name__}")
    return value.strip() or None


def parse_record(obj: object, line: int) -> Record:
    if not isinstance(obj, dict):
        raise IngestError(
            f"expected a JSON object, got {type(obj).__name__}",
            'write one object per line: {"text": "...", "title": ...}',
        )
    text = obj.get("text")
    if not isinstance(text, str):
        raise IngestError(
            "missing 'text'" if text is None else "'text' must be a string",
            'every line needs a "text" field with the article text',
        )
    published = obj.get("published")
    return Record(
        line=line,
        text=text,
        title=_optional_str(obj, "title"),
        url=_optional_str(obj, "url"),
        outlet=_optional_str(obj, "outlet"),
        published=parse_date(published) if published not in (None, "") else None,
    )


def bounded_lines(handle: BinaryIO, max_bytes: int) -> Iterator[bytes]:
    """Lines of a binary file; a line longer than `max_bytes` comes back cut to `max_bytes + 1` bytes (enough
    to reject it) and the rest of it is skipped in chunks, so a huge line never sits in memory."""
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
        yield line


def parse_lines(lines: Iterable[bytes], *, max_bytes: int) -> Iterator[Record | tuple[int, IngestError]]:
    """Parse raw lines; bad lines come back as (line number, error) so the batch goes on."""
    for number, raw in enumerate(lines, start=1):
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        if len(raw) > max_bytes:
            yield (
                number,
                IngestError(
                    f"line too large: over {max_bytes / 1_048_576:.1f} MB",
                    f"split the article {RAISE_LIMIT_HINT}",
                ),
            )
            continue
        try:
            obj = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            yield number, IngestError("not UTF-8", "JSON Lines must be UTF-8; re-encode the file")
            continue
        except json.JSONDecodeError as err:
            yield (
                number,
                IngestError(f"invalid JSON: {err.msg} at column {err.colno}", "fix or remove this line"),
            )
            continue
        try:
            yield parse_record(obj, number)
        except IngestError as err:
            yield number, err


def parse_json_document(data: bytes, *, max_bytes: int) -> Iterator[Record | tuple[int, IngestError]]:
    """A .json file: one article object or a list of them (numbered from 1 in `line`)."""
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise IngestError(
            f"invalid JSON: {err}", "fix the file, or use JSON Lines (one article per line)"
        ) from err
    items = obj if isinstance(obj, list) else [obj]
    for number, item in enumerate(items, start=1):
        try:
            record = parse_record(item, number)
        except IngestError as err:
            yield number, err
            continue
        if len(record.text) > max_bytes:
            yield number, IngestError("too large", f"split the article {RAISE_LIMIT_HINT}")
            continue
        yield record
