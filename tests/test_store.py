"""The store keeps each article once, writes atomically, filters events and records reviews."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select

from eventledger.models import Actor, Article, Claim, Contradiction, Event, Evidence, Extraction, Place, Review
from eventledger.store import Store, StoreError, migrate, schema
from eventledger.store.store import apply_changes, make_engine

TEXT = "Gunmen attacked a checkpoint in Kirkuk on Monday, killing three policemen, police said."


def make_extraction(text: str = TEXT, n_events: int = 1) -> Extraction:
    article = Article(text=text, title="Checkpoint attack", published=date(2023, 5, 2), outlet="Wire")
    events = []
    for i in range(n_events):
        events.append(Event(
            label="ATTACK", event_type="Violence against civilians", sub_event_type="Attack",
            trigger=Evidence.from_text(text, 7, 15, "trigger", article.id),
            actor1=Actor(name="Unidentified Armed Group (Iraq)", inter=2),
            actor2=Actor(name="Police Forces of Iraq", inter=1),
            place=Place(name="Kirkuk", country="Iraq", country_code="IQ", admin1="Kirkuk",
                        latitude=35.47 + i, longitude=44.39, geo_precision=1),
            event_date=date(2023, 5, 1), time_precision=1, fatalities=3 + i, notes=f"checkpoint attack {i}",
            claims=[Claim(id="c1", source="police", strength="said", field="fatalities", value="3",
                          evidence=[Evidence.from_text(text, 0, len(text), "claim")])],
            contradictions=[Contradiction(field="fatalities", values=["3", "4"], sources=["police", "medics"])],
        ))
    return Extraction(article=article, events=events)


@pytest.fixture
def store(db_url):
    """A fresh store per test, on SQLite and on PostgreSQL (see conftest.db_url)."""
    s = Store(db_url, resolver=None)
    yield s
    s.close()


def test_the_same_article_is_stored_once(store):
    first = store.add(make_extraction())
    again = store.add(make_extraction())
    assert first.new_article and len(first.inserted) == 1
    assert not again.new_article and again.inserted == []
    assert store.stats()["articles"] == 1
    assert store.count_events() == 1


def test_event_round_trip_keeps_evidence_claims_and_contradictions(store):
    result = store.add(make_extraction())
    event = store.get_event(result.inserted[0])
    assert event is not None
    assert event.trigger is not None and event.trigger.text == "attacked"
    assert event.claims[0].source == "police"
    assert event.contradictions[0].values == ["3", "4"]
    assert event.article_ids == [result.article_id]
    assert [a.id for a in store.event_articles(event.id)] == [result.article_id]
    assert store.stats()["contradictions"] == 1


def test_filters(store):
    store.add(make_extraction(n_events=2))
    assert store.count_events(country="Iraq") == 2
    assert store.count_events(country="iq", min_fatalities=4) == 1
    assert store.count_events(actor="police") == 2
    assert store.count_events(since=date(2023, 5, 2)) == 0
    assert store.count_events(bbox=(44.0, 35.0, 45.0, 36.0)) == 1
    assert store.count_events(text="checkpoint attack 1") == 1
    assert store.count_events(label="arrest") == 0
    assert len(store.events(limit=1)) == 1


def test_a_failed_write_leaves_nothing_half_stored(store, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "_write_event", boom)
    with pytest.raises(RuntimeError):
        store.add(make_extraction())
    monkeypatch.undo()
    assert store.stats()["articles"] == 0
    assert store.add(make_extraction()).new_article


def test_reviews_edit_the_event_and_are_listed(store):
    event_id = store.add(make_extraction()).inserted[0]
    review = store.add_review(Review(event_id=event_id, action="edit", changes={"fatalities": 4}, reviewer="ana"))
    assert review.id is not None
    assert store.get_event(event_id).fatalities == 4
    assert store.event_status(event_id) == "edited"
    assert [r.action for r in store.reviews(event_id)] == ["edit"]
    with pytest.raises(KeyError):
        store.add_review(Review(event_id="nope", action="accept"))


def test_apply_changes_rejects_unknown_fields():
    event = make_extraction().events[0]
    with pytest.raises(ValueError, match="cannot edit"):
        apply_changes(event, {"payload": 1})
    assert apply_changes(event, {"place.name": "Kirkuk city"}).place.name == "Kirkuk city"


def test_text_filters_take_percent_and_underscore_literally(store):
    store.add(make_extraction(n_events=2))
    assert store.count_events(text="%") == 0
    assert store.count_events(actor="_") == 0
    assert store.count_events(text="attack _") == 0
    assert store.count_events(text="attack 1") == 1


def test_event_records_carry_review_status_and_sources(store):
    result = store.add(make_extraction(n_events=2))
    first, second = result.inserted
    store.add_review(Review(event_id=first, action="reject"))
    records = {r.event.id: r for r in store.event_records()}
    assert records[first].review_status == "rejected" and records[second].review_status is None
    assert {r.n_sources for r in records.values()} == {1}
    assert [r.event.id for r in store.event_records(review_status="rejected")] == [first]
    assert store.merge_reasons(first) == {result.article_id: None}
    assert sorted(e[0] for e in store.article_events(result.article_id)) == sorted(result.inserted)


def test_undated_events_come_last_on_every_database(store):
    undated = make_extraction(text=TEXT + " Undated.")
    undated.events[0].event_date = None
    store.add(undated)
    store.add(make_extraction())
    assert [e.event_date for e in store.events()] == [date(2023, 5, 1), None]


# -- schema migrations (Alembic) ------------------------------------------------------------------------------------

def test_a_new_database_is_migrated_to_head_and_matches_the_tables(db_url):
    store = Store(db_url, resolver=None)
    with store.engine.connect() as conn:
        assert migrate.current(conn) == migrate.head()
        assert compare_metadata(MigrationContext.configure(conn), schema.metadata) == []  # nothing missing or extra
    store.close()
    Store(db_url, resolver=None).close()  # reopening finds it at head


def test_a_database_made_before_migrations_is_stamped_not_recreated(db_url):
    engine = make_engine(db_url)
    schema.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(schema.articles.insert().values(id="a1", text="kept", ingested_at=datetime.now(UTC)))
        assert migrate.current(conn) is None
    engine.dispose()
    store = Store(db_url, resolver=None)
    with store.engine.connect() as conn:
        assert migrate.current(conn) == migrate.head()
    assert store.get_article("a1").text == "kept"
    store.close()


def test_a_database_at_the_first_revision_gains_the_doubtful_place_column_and_keeps_its_events(db_url):
    from alembic import command

    engine = make_engine(db_url)
    with engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), "0001")
        assert "place_uncertain" not in {c["name"] for c in inspect(conn).get_columns("events")}
    engine.dispose()
    store = Store(db_url, resolver=None)
    store.add(make_extraction())
    with store.engine.connect() as conn:
        assert migrate.current(conn) == migrate.head()
        assert compare_metadata(MigrationContext.configure(conn), schema.metadata) == []
        assert conn.execute(select(schema.events.c.place_uncertain)).scalars().all() == [False]
    store.close()


def test_a_database_with_only_some_of_the_tables_is_refused(db_url):
    engine = make_engine(db_url)
    schema.articles.create(engine)
    engine.dispose()
    with pytest.raises(StoreError, match="some of eventledger's tables"):
        Store(db_url, resolver=None)
