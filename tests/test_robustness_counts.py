"""Absurd figures ("9,999,999,999 killed") are never stored as casualty counts, and never crash the store."""

from __future__ import annotations

from datetime import date

import pytest

from eventledger.models import Article, Count, Event, Evidence, Extraction
from eventledger.store import Store
from eventledger.store.validate import TAG, plausible

TEXT = "Gunmen attacked a checkpoint in Kirkuk on Monday, killing {} people, police said."


def extraction_with(figure: str, value: int) -> Extraction:
    text = TEXT.format(figure)
    start = text.index(figure)
    count = Count(kind="killed", value=value, text=figure, subject="people",
                  evidence=[Evidence.from_text(text, start, start + len(figure), "fatalities")])
    event = Event(label="ATTACK", trigger=Evidence.from_text(text, 7, 15, "trigger"), fatalities=value,
                  fatalities_bound="exact", counts=[count], event_date=date(2023, 5, 1))
    return Extraction(article=Article(text=text, published=date(2023, 5, 2)), events=[event])


@pytest.mark.parametrize(("figure", "value"), [("9,999,999,999", 9_999_999_999),
                                               ("99999999999999999999", 99999999999999999999), ("-5", -5)])
def test_absurd_figures_are_neutralised_with_their_words_kept(figure, value):
    checked = plausible(extraction_with(figure, value))
    (event,) = checked.events
    assert event.fatalities is None and TAG in event.tags
    (count,) = event.counts
    assert count.value is None and count.text == figure and count.evidence[0].text == figure
    assert checked.warnings


def test_plausible_figures_are_untouched():
    original = extraction_with("11", 11)
    assert plausible(original) == original


def test_a_sane_figure_next_to_an_absurd_one_becomes_the_headline():
    extraction = extraction_with("9,999,999,999", 9_999_999_999)
    extraction.events[0].counts.append(Count(kind="killed", value=11, bound="at_least", text="at least 11"))
    (event,) = plausible(extraction).events
    assert (event.fatalities, event.fatalities_bound) == (11, "at_least")


def test_the_counts_stage_reading_of_an_absurd_figure_is_not_stored(tmp_path):
    """Whatever the counts stage reads from the words, the stored event has no absurd casualty figure."""
    from eventledger.extract.counts import count_text

    figure = "9,999,999,999"
    counts = count_text(TEXT.format(figure), published=date(2023, 5, 2))
    extraction = extraction_with(figure, 0)
    extraction.events[0].counts = counts
    extraction.events[0].fatalities = max((c.value or 0 for c in counts), default=None)
    store = Store(f"sqlite:///{tmp_path / 'e.db'}", resolver=None)
    (event_id,) = store.add(extraction).inserted
    stored = store.get_event(event_id)
    assert stored is not None and stored.fatalities is None
    assert all(c.value is None or c.value < 10**6 for c in stored.counts)
    assert store.stats()["fatalities"] == 0


@pytest.mark.postgres
def test_postgresql_integer_columns_never_see_absurd_figures():
    psycopg = pytest.importorskip("psycopg")
    import uuid

    name = f"counts_{uuid.uuid4().hex[:10]}"
    try:
        conn = psycopg.connect("postgresql://postgres@127.0.0.1:5432/test", autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as err:
        pytest.skip(f"PostgreSQL is not running: {err}")
    conn.execute(f'CREATE SCHEMA "{name}"')
    try:
        store = Store(f"postgresql+psycopg://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{name}",
                      resolver=None)
        # 9,999,999,999 overflows PostgreSQL's INTEGER fatalities column: the add failed before the check
        (event_id,) = store.add(extraction_with("9,999,999,999", 9_999_999_999)).inserted
        assert store.get_event(event_id).fatalities is None
        store.close()
    finally:
        conn.execute(f'DROP SCHEMA "{name}" CASCADE')
        conn.close()
