"""Integrity of the held-out deduplication golds (`benchmarks/gold/dedup_heldout*.jsonl`): the data only."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

GOLD_DIR = Path(__file__).resolve().parents[1] / "benchmarks" / "gold"
# file -> the fewest articles it was written with
SETS = {
    "dedup_heldout.jsonl": 30,
    "dedup_heldout2.jsonl": 60,
    "dedup_heldout3.jsonl": 60,
    "dedup_heldout4.jsonl": 45,
    "dedup_heldout5.jsonl": 55,
    "dedup_heldout6.jsonl": 50,
    "dedup_heldout7.jsonl": 50,
    "dedup_heldout8.jsonl": 58,
    "dedup_heldout9.jsonl": 59,
    "dedup_heldout10.jsonl": 60,
    "dedup_heldout11.jsonl": 60,
    "dedup_heldout12.jsonl": 60,
    "dedup_heldout13.jsonl": 60,
    "dedup_heldout14.jsonl": 60,
    "dedup_heldout15.jsonl": 60,
    "dedup_heldout16.jsonl": 60,
    "dedup_heldout17.jsonl": 60,
    "dedup_heldout18.jsonl": 60,
    "dedup_heldout19.jsonl": 60,
    "dedup_heldout20.jsonl": 60,
    "dedup_heldout21.jsonl": 60,
    "dedup_heldout22.jsonl": 60,
    "dedup_heldout23.jsonl": 60,
    "dedup_heldout24.jsonl": 60,
    "dedup_heldout25.jsonl": 60,
    "dedup_heldout26.jsonl": 60,
    "dedup_heldout27.jsonl": 60,
    "dedup_heldout28.jsonl": 60,
    "dedup_heldout29.jsonl": 60,
    "dedup_heldout30.jsonl": 60,
    "dedup_heldout31.jsonl": 60,
    "dedup_heldout32.jsonl": 60,
    "dedup_heldout33.jsonl": 60,
    "dedup_heldout34.jsonl": 60,
    "dedup_heldout35.jsonl": 60,
    "dedup_heldout36.jsonl": 60,
    "dedup_heldout37.jsonl": 60,
    "dedup_heldout38.jsonl": 60,
    "dedup_heldout39.jsonl": 60,
    "dedup_heldout40.jsonl": 60,
}
KEYS = {"id", "incident", "published", "outlet", "title", "text"}


@pytest.fixture(scope="module", params=sorted(SETS))
def gold(request) -> tuple[list[dict], int]:
    text = (GOLD_DIR / request.param).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()], SETS[request.param]


def test_rows_are_well_formed_distinct_and_in_publication_order(gold) -> None:
    rows, fewest = gold
    assert len(rows) >= fewest
    for row in rows:
        assert KEYS <= set(row) <= KEYS | {"contradictions", "mentions"}, row.get("id")
        assert 60 <= len(row["text"].split()) <= 150, row["id"]
    assert len({row["id"] for row in rows}) == len(rows)
    assert len({row["text"] for row in rows}) == len(rows)
    published = [date.fromisoformat(row["published"]) for row in rows]
    assert published == sorted(published)


def test_incidents_and_planted_contradictions(gold) -> None:
    rows, _ = gold
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


def test_passing_mentions_name_another_incident_of_the_set_in_the_articles_own_words(gold) -> None:
    rows, _ = gold
    incidents = {row["incident"] for row in rows}
    for row in rows:
        named = [m["incident"] for m in row.get("mentions", [])]
        assert "mentions" not in row or named, row["id"]  # an empty list is left out
        assert len(named) == len(set(named)), row["id"]
        for mention in row.get("mentions", []):
            assert set(mention) == {"incident", "quote"}, row["id"]
            assert mention["incident"] in incidents and mention["incident"] != row["incident"], row["id"]
            assert mention["quote"] in row["title"] or mention["quote"] in row["text"], row["id"]
