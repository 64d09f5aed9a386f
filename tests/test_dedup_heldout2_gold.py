"""Integrity of the second held-out deduplication gold (`benchmarks/gold/dedup_heldout2.jsonl`): the data only."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parents[1] / "benchmarks" / "gold" / "dedup_heldout2.jsonl"
KEYS = {"id", "incident", "published", "outlet", "title", "text"}


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_rows_are_well_formed_distinct_and_in_publication_order(rows) -> None:
    assert len(rows) >= 60
    for row in rows:
        assert KEYS <= set(row) <= KEYS | {"contradictions"}, row.get("id")
        assert 60 <= len(row["text"].split()) <= 150, row["id"]
    assert len({row["id"] for row in rows}) == len(rows)
    assert len({row["text"] for row in rows}) == len(rows)
    published = [date.fromisoformat(row["published"]) for row in rows]
    assert published == sorted(published)


def test_incidents_and_planted_contradictions(rows) -> None:
    per_incident = Counter(row["incident"] for row in rows)
    assert sum(1 for n in per_incident.values() if 2 <= n <= 4) >= 10
    last = {row["incident"]: row["id"] for row in rows}
    planted = 0
    for row in rows:
        for item in row.get("contradictions", []):
            assert row["id"] == last[row["incident"]], row["id"]
            assert item["field"] in {"fatalities", "actor1", "status"}, row["id"]
            assert len(set(item["values"])) == len(item["values"]) >= 2, row["id"]
            planted += 1
    assert planted >= 5
