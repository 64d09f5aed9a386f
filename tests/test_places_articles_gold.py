"""Integrity of the article-level places gold (`benchmarks/gold/places_articles.jsonl`) and the main-event rule of
`benchmarks/places.py --articles`: the data and the scoring, not the geocoder's accuracy."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from eventledger.models import Article, Event, Evidence, Extraction

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold" / "places_articles.jsonl"
SCRIPT = ROOT / "benchmarks" / "places.py"
KEYS = {"id", "published", "title", "text", "place", "country_code", "admin1", "admin2", "lat", "lon", "precision"}


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def places():
    spec = importlib.util.spec_from_file_location("places_benchmark", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_rows_have_the_documented_keys_and_values(rows) -> None:
    for row in rows:
        assert set(row) == KEYS, row["id"]
        assert row["title"].strip() and row["place"].strip() and row["admin1"].strip(), row["id"]
        assert 60 <= len(row["text"].split()) <= 140, row["id"]
        date.fromisoformat(row["published"])
        assert len(row["country_code"]) == 2 and row["country_code"].isupper(), row["id"]
        assert -90 <= row["lat"] <= 90 and -180 <= row["lon"] <= 180, row["id"]
        assert row["precision"] in (1, 2, 3), row["id"]
        if row["precision"] == 3:
            assert row["admin2"] is None, row["id"]


def test_size_and_spread(rows) -> None:
    assert 45 <= len(rows) <= 55
    assert len({row["id"] for row in rows}) == len(rows)
    assert len({row["text"] for row in rows}) == len(rows)
    assert len({row["country_code"] for row in rows}) >= 25
    per_precision = Counter(row["precision"] for row in rows)
    assert per_precision[2] >= 15 and per_precision[3] >= 4


def _event(n_sentences: int, start: int) -> Event:
    text = "x" * 100
    return Event(label=str(start), sentences=[Evidence.from_text(text, start + i, start + i + 1)
                                              for i in range(n_sentences)])


def test_main_event_is_the_one_with_most_sentences_first_on_ties(places) -> None:
    article = Article(text="x" * 100)
    assert places.main_event(Extraction(article=article)) is None
    events = [_event(1, 0), _event(2, 10), _event(2, 20)]
    assert places.main_event(Extraction(article=article, events=events)).label == "10"
