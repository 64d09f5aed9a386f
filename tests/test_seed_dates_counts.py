"""The seed article through mentions -> dates -> counts: the dates and counts of the acceptance table."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import pytest

from eventledger.models import Article, Event

SEED = Path(__file__).resolve().parent / "data" / "ingest" / "hasaka.txt"

pytestmark = pytest.mark.skipif(importlib.util.find_spec("eventledger.extract.mentions") is None,
                                reason="stage 'mentions' (eventledger.extract.mentions) is not on main yet")


@pytest.fixture(scope="module")
def extraction():
    from eventledger.pipeline import Pipeline

    article = Article(text=SEED.read_text(encoding="utf-8"), published=date(2022, 1, 21))
    return Pipeline(stages=("mentions", "dates", "counts")).extract_one(article)


def _event_with(extraction, words: str) -> Event:
    """The event whose sentences contain `words` (the acceptance table names events by what they say)."""
    text = extraction.article.text
    for event in extraction.events:
        if any(words in text[s.start:s.end] for s in event.sentences):
            return event
    raise AssertionError(f"no event built from a sentence with {words!r}")


def test_prison_assault(extraction):
    event = _event_with(extraction, "More than forty")
    assert (event.fatalities, event.fatalities_bound) == (40, "more_than")
    assert event.event_date in (date(2022, 1, 20), date(2022, 1, 21))


def test_car_bomb_began_thursday(extraction):
    event = _event_with(extraction, "began Thursday")
    assert (event.event_date, event.time_precision) == (date(2022, 1, 20), 1)


def test_recapture(extraction):
    event = _event_with(extraction, "89 escapees")
    assert event.event_date == date(2022, 1, 21)
    assert any(c.kind == "arrested" and c.value == 89 for c in event.counts)


def test_november_attack(extraction):
    event = _event_with(extraction, "in November")
    assert (event.event_date, event.time_precision) == (date(2021, 11, 1), 3)


def test_diyala(extraction):
    event = _event_with(extraction, "Eleven Iraqi soldiers")
    assert (event.event_date, event.time_precision) == (date(2022, 1, 21), 1)
    assert (event.fatalities, event.fatalities_bound) == (11, "exact")
    assert any(c.subject == "soldiers" for c in event.counts)


def test_escaped_dozens(extraction):
    counts = [c for e in extraction.events for c in e.counts if c.kind == "escaped"]
    assert any(c.value == 12 and c.bound == "vague" for c in counts)


def test_context_facts(extraction):
    facts = {c.value for c in extraction.facts}
    assert {3500, 10000, 60000, 2000} <= facts
    casualties = {c.value for e in extraction.events for c in e.counts}
    assert not ({10000, 60000, 2000} & casualties)
    for event in extraction.events:
        assert event.event_date is None or event.event_date <= date(2022, 1, 21)
