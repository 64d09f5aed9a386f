"""Training and evaluation data: our own labelled sentences (JSONL) and ACLED exports (CSV)."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from eventledger.taxonomy import lookup

TRAIN_PATH = Path(__file__).parent / "data" / "train.jsonl"


class DataError(ValueError):
    """Unusable training or evaluation data; the message says where and why."""


@dataclass(frozen=True)
class Example:
    text: str
    label: str  # short label from TAXONOMY.md, e.g. "ARMED_CLASH"


def load_jsonl(path: Path = TRAIN_PATH) -> list[Example]:
    """Read `{"text": ..., "label": ...}` lines; the label may be a short label or an ACLED sub-event name."""
    if not path.exists():
        raise DataError(f"{path}: no such file")
    examples: list[Example] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text, label = str(record["text"]).strip(), lookup(str(record["label"])).label
            except (json.JSONDecodeError, KeyError, TypeError) as err:
                raise DataError(f"{path}:{number}: expected a JSON object with 'text' and a known 'label' "
                                f"({err})") from None
            if text:
                examples.append(Example(text, label))
    if not examples:
        raise DataError(f"{path}: no examples")
    return examples


def read_acled_csv(path: Path) -> tuple[list[Example], dict[str, int]]:
    """Examples from an ACLED export: `notes` is the text, `sub_event_type` the class.

    Returns the examples and what was skipped (empty notes, sub-event types outside the taxonomy) so the caller
    can report it.
    """
    if not path.exists():
        raise DataError(f"{path}: no such file")
    skipped: dict[str, int] = {}
    examples: list[Example] = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            columns = {name.strip().lower(): name for name in reader.fieldnames or []}
            missing = [c for c in ("notes", "sub_event_type") if c not in columns]
            if missing:
                raise DataError(f"{path}: missing column(s) {', '.join(missing)}; an ACLED export has "
                                f"'notes' and 'sub_event_type' (found: {', '.join(columns) or 'no header'})")
            for row in reader:
                text = (row.get(columns["notes"]) or "").strip()
                sub_event = (row.get(columns["sub_event_type"]) or "").strip()
                if not text:
                    skipped["empty notes"] = skipped.get("empty notes", 0) + 1
                    continue
                try:
                    examples.append(Example(text, lookup(sub_event).label))
                except KeyError:
                    key = f"unknown sub_event_type {sub_event!r}"
                    skipped[key] = skipped.get(key, 0) + 1
    except UnicodeDecodeError as err:
        raise DataError(f"{path}: not UTF-8 text ({err.reason}); save the export as UTF-8 CSV") from None
    except csv.Error as err:
        raise DataError(f"{path}: not a readable CSV file ({err})") from None
    return examples, skipped
