"""Deduplication across articles: one incident, many reports -> one event with many sources; different incidents
stay apart; contradictions between reports are recorded, not hidden."""

from __future__ import annotations

from datetime import date

import pytest

from eventledger.models import Actor, Article, Claim, Event, Evidence, Extraction, Place
from eventledger.resolve.dedup import Resolver
from eventledger.store import Store

MOGADISHU = dict(name="Mogadishu", country="Somalia", country_code="SO", admin1="Banaadir", latitude=2.0371,
                 longitude=45.3438, geo_precision=1, geonameid=53654, feature_class="P")


def report(text: str, *, label: str = "REM_EXPLOS", day: date = date(2025, 3, 14), deaths: int | None = 12,
           source: str = "Police", place: dict | None = None, actor1: str | None = None) -> Extraction:
    article = Article(text=text, published=day)
    span = Evidence.from_text(text, 0, len(text), field="sentence", article_id=article.id)
    claims = [Claim(id=f"{article.id[:8]}-f", source=source, field="fatalities", value=str(deaths), statement=text,
                    strength="said", article_id=article.id, evidence=[span])] if deaths is not None else []
    event = Event(label=label, event_type="Explosions/Remote violence" if label == "REM_EXPLOS" else "Protests",
                  confidence=0.8, event_date=day, time_precision=1, place=Place(**(place or MOGADISHU)),
                  fatalities=deaths, sentences=[span], claims=claims, sources=[source],
                  actor1=Actor(name=actor1, inter=2) if actor1 else None)
    return Extraction(article=article, events=[event])


@pytest.fixture
def store(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'dedup.db'}")
    yield s
    s.close()


def test_two_reports_of_one_bombing_become_one_event_with_both_sources(store):
    store.add(report("A car bomb exploded at Hamarweyne market in Mogadishu on Friday, killing 12 people, "
                     "police said."))
    result = store.add(report("Twelve people died when a car bomb went off at the Hamarweyne market in "
                              "Mogadishu, a doctor said.", source="Medical sources"))
    assert len(result.merged) == 1 and not result.inserted
    (event,) = store.events()
    assert len(event.article_ids) == 2 and set(event.sources) == {"Police", "Medical sources"}
    assert "same place (Mogadishu)" in event.merge_log[0]
    assert store.event_articles(event.id) and len(store.event_articles(event.id)) == 2


def test_different_incidents_the_same_day_in_the_same_city_stay_apart(store):
    store.add(report("A car bomb exploded at Hamarweyne market in Mogadishu on Friday, killing 12 people."))
    result = store.add(report("Hundreds of students marched peacefully to the parliament in Mogadishu on Friday "
                              "to demand exams be held.", label="PEACE_PROTEST", deaths=None))
    assert result.inserted and not result.merged
    assert store.count_events() == 2


def test_a_report_a_day_later_at_province_level_still_merges(store):
    store.add(report("A car bomb exploded at Hamarweyne market in Mogadishu on Friday, killing 12 people."))
    banaadir = dict(name="Banaadir", country="Somalia", country_code="SO", admin1="Banaadir", latitude=2.07,
                    longitude=45.36, geo_precision=3, geonameid=64833, feature_class="A")
    result = store.add(report("A car bomb at Hamarweyne market in Banaadir region killed 12 people, officials said.",
                              day=date(2025, 3, 15), place=banaadir, source="Officials"))
    assert len(result.merged) == 1
    (event,) = store.events()
    assert event.place.name == "Mogadishu"  # the more precise place is kept


def test_far_apart_places_are_never_merged(store):
    store.add(report("A car bomb exploded at a market in Mogadishu on Friday, killing 12 people."))
    kismayo = dict(name="Kismayo", country="Somalia", country_code="SO", admin1="Lower Juba", latitude=-0.3582,
                   longitude=42.5454, geo_precision=1, geonameid=55671, feature_class="P")
    result = store.add(report("A car bomb exploded at a market in Kismayo on Friday, killing 12 people.",
                              place=kismayo))
    assert result.inserted and store.count_events() == 2


def test_different_tolls_are_a_recorded_contradiction_with_the_conservative_figure(store):
    store.add(report("A car bomb exploded at Hamarweyne market in Mogadishu on Friday, killing 12 people, "
                     "police said.", deaths=12))
    store.add(report("A car bomb at Hamarweyne market in Mogadishu killed 20 people, hospital staff said.",
                     deaths=20, source="Medical sources"))
    (event,) = store.events()
    toll = next(c for c in event.contradictions if c.field == "fatalities")
    assert set(toll.values) == {"12", "20"} and toll.chosen == "12"
    assert event.fatalities == 12


def test_different_named_perpetrators_are_a_recorded_contradiction(store):
    store.add(report("A car bomb exploded at Hamarweyne market in Mogadishu on Friday, killing 12 people; "
                     "the army blamed Al Shabaab.", actor1="Al Shabaab"))
    store.add(report("A car bomb exploded at Hamarweyne market in Mogadishu on Friday, killing 12 people; "
                     "a statement blamed the Islamic State.", actor1="Islamic State", source="Statement"))
    (event,) = store.events()
    perpetrators = next(c for c in event.contradictions if c.field == "actor1")
    assert set(perpetrators.values) == {"Al Shabaab", "Islamic State"}
    assert event.actor1.name == "Al Shabaab"


def test_blocking_window_and_related_types():
    resolver = Resolver()
    event = report("x").events[0]
    block = resolver.block(event)
    assert block.start == date(2025, 3, 11) and block.end == date(2025, 3, 17)
    assert block.country_code == "SO" and {"SUIC_BOMB", "ATTACK", "ARMED_CLASH"} <= block.labels
    assert "PEACE_PROTEST" not in block.labels
