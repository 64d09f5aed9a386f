"""Integrity of the deduplication gold (`benchmarks/gold/dedup.jsonl`): the data, not the model's accuracy."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parents[1] / "benchmarks" / "gold" / "dedup.jsonl"
SINGLETONS = {"i23", "i24", "i25", "i26"}  # incidents reported once, on purpose (see dedup_README.md)
FIELDS = {"fatalities", "actor1", "status"}


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_row_has_the_documented_keys(rows) -> None:
    for row in rows:
        assert {"id", "incident", "published", "outlet", "title", "text"} <= set(row), row.get("id")
        assert set(row) <= {"id", "incident", "published", "outlet", "title", "text", "contradictions"}, row["id"]
        assert row["text"].strip() and row["title"].strip() and row["outlet"].strip(), row["id"]


def test_ids_are_unique_and_texts_distinct(rows) -> None:
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))
    # The store keys articles by a hash of their text: two identical texts would silently become one article.
    assert len({row["text"] for row in rows}) == len(rows)


def test_size(rows) -> None:
    assert len(rows) >= 60
    assert len({row["incident"] for row in rows}) >= 20


def test_incidents_have_several_reports_except_the_singletons(rows) -> None:
    per_incident = Counter(row["incident"] for row in rows)
    for incident, n in per_incident.items():
        if incident in SINGLETONS:
            assert n == 1, incident
        else:
            assert 2 <= n <= 5, (incident, n)
    assert set(per_incident) >= SINGLETONS
    assert sum(1 for n in per_incident.values() if n >= 2) >= 22


def test_dates_parse_and_the_file_is_in_publication_order(rows) -> None:
    published = [date.fromisoformat(row["published"]) for row in rows]
    assert published == sorted(published)


def test_article_lengths(rows) -> None:
    for row in rows:
        assert 60 <= len(row["text"].split()) <= 180, row["id"]


def test_contradictions_are_well_formed_and_on_the_last_report(rows) -> None:
    last = {row["incident"]: row["id"] for row in rows}
    planted = 0
    incidents = set()
    for row in rows:
        if "contradictions" not in row:
            continue
        assert row["id"] == last[row["incident"]], f"{row['id']}: contradictions belong on the incident's last article"
        assert row["incident"] not in SINGLETONS
        assert row["contradictions"], row["id"]
        fields = [c["field"] for c in row["contradictions"]]
        assert len(fields) == len(set(fields)), row["id"]
        for item in row["contradictions"]:
            assert item["field"] in FIELDS, row["id"]
            assert len(item["values"]) >= 2, row["id"]
            assert len(set(item["values"])) == len(item["values"]), row["id"]
            planted += 1
        incidents.add(row["incident"])
    assert planted >= 10
    assert len(incidents) >= 10
