"""Stage "dates": expressions resolved against the publication date, roles, and the stage's inheritance rule."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventledger.extract.dates import make_dates_stage, normalise, resolve_dates
from eventledger.models import Article, Event, Evidence, Extraction
from eventledger.nlp import get_nlp
from eventledger.registry import get_stage_factory

SEED = Path(__file__).resolve().parent / "data" / "ingest" / "hasaka.txt"
FRIDAY = date(2022, 1, 21)  # the seed article's publication date
D = date


@pytest.fixture(scope="session")
def nlp():
    return get_nlp()


@pytest.mark.parametrize(("text", "start", "end", "precision"), [
    ("Thursday", D(2022, 1, 20), None, 1),
    ("Friday", D(2022, 1, 21), None, 1),  # the weekday of publication is that day, not a week back
    ("last Friday", D(2022, 1, 14), None, 1),
    ("Friday night", D(2022, 1, 21), None, 1),
    ("the night of Thursday to Friday", D(2022, 1, 21), None, 1),
    ("early Sunday", D(2022, 1, 16), None, 1),
    ("yesterday", D(2022, 1, 20), None, 1),
    ("last night", D(2022, 1, 20), None, 1),
    ("today", D(2022, 1, 21), None, 1),
    ("two days ago", D(2022, 1, 19), None, 1),
    ("on 3 March", D(2021, 3, 3), None, 1),  # a day-month after publication is last year's
    ("March 3, 2021", D(2021, 3, 3), None, 1),
    ("Thursday, January 20", D(2022, 1, 20), None, 1),
    ("last week", D(2022, 1, 10), D(2022, 1, 16), 2),
    ("this week", D(2022, 1, 17), D(2022, 1, 21), 2),
    ("over the weekend", D(2022, 1, 15), D(2022, 1, 16), 2),
    ("from Monday to Wednesday", D(2022, 1, 17), D(2022, 1, 19), 2),
    ("between 3 and 5 January", D(2022, 1, 3), D(2022, 1, 5), 2),
    ("the past two weeks", D(2022, 1, 7), D(2022, 1, 21), 2),
    ("since Tuesday", D(2022, 1, 18), D(2022, 1, 21), 1),
    ("in November", D(2021, 11, 1), D(2021, 11, 30), 3),
    ("earlier this month", D(2022, 1, 1), D(2022, 1, 21), 3),
    ("last month", D(2021, 12, 1), D(2021, 12, 31), 3),
    ("March 2019", D(2019, 3, 1), D(2019, 3, 31), 3),
    ("in 2019", D(2019, 1, 1), D(2019, 12, 31), 3),
    ("last summer", D(2021, 6, 1), D(2021, 8, 31), 3),
    ("early December", D(2021, 12, 1), D(2021, 12, 31), 3),
    ("New Year's Day", D(2022, 1, 1), None, 1),
    ("Christmas Eve", D(2021, 12, 24), None, 1),  # the last one before publication
    ("a week ago", D(2022, 1, 14), None, 2),
    ("the night of 19 to 20 January", D(2022, 1, 20), None, 1),
    ("January 10-12", D(2022, 1, 10), D(2022, 1, 12), 2),
    ("Monday last week", D(2022, 1, 10), None, 1),
])
def test_normalise(text, start, end, precision):
    found = normalise(text, FRIDAY)
    assert found is not None, text
    assert (found.start, found.end, found.precision) == (start, end, precision)


@pytest.mark.parametrize("text", ["40", "between 30 and 40", "next week", "tomorrow", "for years", "three years",
                                  "30-year-old", "decades", "the previous day", "a day later",
                                  "March 3, 2023", "next Monday",
                                  # a time of day alone names no day: the event takes the day told before it
                                  "shortly before midnight", "midnight", "at dawn"])
def test_not_a_past_date(text):
    assert normalise(text, FRIDAY) is None


def test_never_after_publication():
    # "in January" in a mid-January paper is this month, cut at publication
    found = normalise("in January", FRIDAY)
    assert found is not None and found.end == FRIDAY


@pytest.mark.parametrize(("text", "event_date", "end_date", "precision"), [
    ("Gunmen killed five villagers on Thursday, police said on Saturday.", D(2022, 1, 20), None, 1),
    ("Police said on Monday they had arrested five men.", D(2022, 1, 17), None, 2),  # only a reporting date
    ("The siege began on Tuesday and fighting was still going on on Thursday.", D(2022, 1, 18), D(2022, 1, 20),
     1),
    ("Fighting continued on Friday around the airport.", D(2022, 1, 21), None, 1),
    ("Clashes on Monday and Tuesday left four dead.", D(2022, 1, 17), D(2022, 1, 18), 2),
    ("Rebels seized the town in November after a week of fighting.", D(2021, 11, 1), D(2021, 11, 30), 3),
    ("A roadside bomb killed two soldiers.", None, None, None),
    ("The toll from Sunday's bombing rose to 21 on Wednesday.", D(2022, 1, 16), None, 1),  # update date
    ("Talks will be held in Geneva on Friday.", None, None, None),  # future: no event date
    ("Rebels entered the capital on Sunday after an offensive that began on 3 January.", D(2022, 1, 16), None, 1),
    ("Clashes that began on Sunday continued into Tuesday.", D(2022, 1, 16), D(2022, 1, 18), 1),
    ("Some 2,000 people have fled in the past fortnight.", D(2022, 1, 7), D(2022, 1, 21), 2),  # NER misses it
    ("Thousands have fled since the town fell on Sunday.", D(2022, 1, 16), D(2022, 1, 21), 1),
    ("In a statement on Thursday, the army said it had arrested 6 suspects over the 3 January bombing.",
     D(2022, 1, 20), None, 2),  # the bombing's date is not the arrests'
    ("Yesterday's attack killed eleven people.", D(2022, 1, 20), None, 1),
    ("Five fishermen have been missing since their boat was attacked on Sunday.", D(2022, 1, 16), None, 1),
    ("Elections are due to take place in March.", None, None, None),
    # the model makes 'Tuesday of Sunday' one entity: the report's day and the attack's
    ("The two sides gave different accounts on Tuesday of Sunday's attack on the post.", D(2022, 1, 16),
     D(2022, 1, 18), 2),
    # the model tags '4th' as an ordinal apart from 'August, 2021': one expression, a day
    ("Bandits attacked the town on the night of 4th August, 2021.", D(2021, 8, 4), None, 1),
    # a date told before the source and its verb dates what they said happened
    ("A second worker has died after rebels opened fire on a road project in Ilaga, in Central Papua province, on "
     "Tuesday, police said, bringing the toll to two.", D(2022, 1, 18), None, 1),
    # a police statement's numeric date, which the model does not tag (day first, as outside the US)
    ("Police confirm an attack by gunmen on the village on 16.01.2022 at about 2300hrs.", D(2022, 1, 16), None, 2),
    # the day of an attack whose victims were being buried is not the day of what befell the mourners
    ("Gunmen this afternoon abducted 28 mourners at the burial of victims of last night's attack on the village.",
     D(2022, 1, 21), None, 1),
])
def test_resolve_dates(nlp, text, event_date, end_date, precision):
    found = resolve_dates(text, FRIDAY, nlp)
    assert (found.event_date, found.end_date, found.time_precision) == (event_date, end_date, precision)


def test_evidence_offsets_point_at_the_expression(nlp):
    text = "Militants stormed a checkpoint late on Wednesday, the army said."
    found = resolve_dates(text, FRIDAY, nlp)
    assert [text[m.start_char:m.end_char] for m in found.mentions] == [m.text for m in found.mentions]
    assert "Wednesday" in found.mentions[0].text


def _event(doc, *sentence_starts: str) -> Event:
    spans = []
    for start in sentence_starts:
        offset = doc.text.index(start)
        sent = doc.char_span(offset, offset + len(start), alignment_mode="expand").sent
        spans.append(Evidence.from_text(doc.text, sent.start_char, sent.end_char, field="sentence"))
    return Event(sentences=spans)


def test_stage_on_the_seed_article(nlp):
    text = SEED.read_text(encoding="utf-8")
    doc = nlp(text)
    events = [
        _event(doc, "The attack on Hasaka prison began Thursday", "The state news agency Sana also reported"),
        _event(doc, "The SDF fighters also caught 89 escapees"),
        _event(doc, "IS fighters only tried to free the prisoners"),
        _event(doc, "Eleven Iraqi soldiers were killed"),
        _event(doc, "Germany, France, Switzerland"),
        _event(doc, "The uprising in the prison and fighting in the area continued"),
        _event(doc, "In Iraq, too, the extremists are still present"),
    ]
    extraction = Extraction(article=Article(text=text, published=FRIDAY), events=events)
    out = get_stage_factory("dates")()(doc, extraction)
    got = [(e.event_date, e.end_date, e.time_precision) for e in out.events]
    assert got[0] == (D(2022, 1, 20), D(2022, 1, 21), 1)  # began Thursday, not over on Friday
    assert got[1] == (D(2022, 1, 21), None, 1)  # no date of its own: the paragraph's "on Friday"
    assert "date:inherited-paragraph" in out.events[1].tags
    assert got[2] == (D(2021, 11, 1), D(2021, 11, 30), 3)
    assert got[3] == (D(2022, 1, 21), None, 1)
    assert got[4] == (FRIDAY, None, 2) and "date:publication" in out.events[4].tags
    # "continued": began with the assault on Thursday (previous paragraph), still going on Friday
    assert got[5] == (D(2022, 1, 20), D(2022, 1, 21), 1) and "date:inherited-continuation" in out.events[5].tags
    assert got[6] == (FRIDAY, None, 2)  # "still present" is a state, not a continuing event
    for event in out.events:
        for span in event.date_evidence:
            assert text[span.start:span.end] == span.text and span.field == "date"


def test_stage_without_publication_date_warns(nlp):
    doc = nlp("Gunmen killed five villagers on Thursday.")
    extraction = Extraction(article=Article(text=doc.text), events=[Event(sentences=[
        Evidence.from_text(doc.text, 0, len(doc.text))])])
    out = make_dates_stage()(doc, extraction)
    assert out.events[0].event_date is None
    assert any("publication date" in w for w in out.warnings)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(
    st.text(max_size=40),
    st.builds(" ".join, st.lists(st.sampled_from(
        ["on", "last", "next", "Friday", "night", "of", "to", "since", "March", "3", "2021", "between", "and",
         "week", "ago", "two", "the", "weekend", "early", "Christmas", "yesterday", "this", "month", "1999",
         "from", "until", "mid-", "summer", "today", "overnight", "31", "February"]), max_size=7))),
    published=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)))
def test_normalise_never_after_publication(text, published):
    found = normalise(text, published)
    if found is not None:
        assert found.start <= published
        assert found.end is None or found.start < found.end <= published
        assert found.precision in (1, 2, 3)


def test_resolve_dates_needs_a_publication_date(nlp):
    with pytest.raises(ValueError, match="publication date"):
        resolve_dates("Clashes on Friday.", None, nlp)
    assert resolve_dates("", FRIDAY, nlp).event_date is None


def test_a_date_in_a_sentence_without_a_verb_is_read_and_does_not_hang():
    """The parse root's head is the root itself: walking up must stop there (a fuzz run found the loop)."""
    import signal

    from eventledger.extract.dates import find_dates
    from eventledger.nlp import get_nlp

    def too_slow(*_):
        raise TimeoutError("find_dates did not return")

    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(20)
    try:
        found = find_dates(get_nlp()("Yesterday.")[:], date(2024, 1, 1))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert [(m.text, m.value.start) for m in found] == [("Yesterday", date(2023, 12, 31))]


def test_an_undated_sentence_takes_the_reports_date_not_history_told_before_it(nlp):
    from eventledger.pipeline import Pipeline

    text = ("Officials gave accounts on Thursday of Wednesday's attack on the post at Farabougou, a village that "
            "jihadists besieged for months in 2020. The army says it repelled the assault, losing four soldiers.")
    events = Pipeline().extract_one(Article(text=text, published=FRIDAY)).events
    assert events and all(e.event_date and e.event_date.year == 2022 for e in events)


def test_an_undated_sentence_takes_the_day_of_what_happened_not_how_long_a_state_lasted(nlp):
    from eventledger.pipeline import Pipeline

    text = ("Police launched an operation this morning to clear the blockade on the highway, held since last week "
            "by supporters of the former president. Two police patrol trucks were set on fire.")
    events = Pipeline().extract_one(Article(text=text, published=FRIDAY)).events
    assert [(e.event_date, e.time_precision) for e in events] == [(FRIDAY, 1)]


@pytest.mark.parametrize(("text", "event_date", "precision"), [
    # a month's name in a place's name is no date
    ("Gunmen opened fire on a street dance on March Pen Road in Spanish Town.", None, None),
    # the part of a time expression that names a day
    ("Four people were killed in Spanish Town shortly before midnight last night.", D(2026, 7, 11), 1),
])
def test_only_words_that_name_a_day_date_the_event(nlp, text, event_date, precision):
    resolution = resolve_dates(text, D(2026, 7, 12), nlp)
    assert (resolution.event_date, resolution.time_precision) == (event_date, precision)


def test_a_date_after_what_a_protest_is_about_dates_that_not_the_protest(nlp):
    from eventledger.pipeline import Pipeline

    text = ("The town lived through a night of violence yesterday. Hundreds of young people, gathered in front of "
            "the health centre to protest against the death of a woman last week, ended up throwing stones at the "
            "police.")
    events = Pipeline().extract_one(Article(text=text, published=D(2026, 7, 2))).events
    assert [(e.event_date, e.time_precision) for e in events] == [(D(2026, 7, 1), 1)]


def test_later_sentences_about_the_event_do_not_move_the_day_its_own_sentence_names(nlp):
    from eventledger.pipeline import Pipeline

    text = ("Armed men on motorbikes opened fire this afternoon on the weekly market of Gasseliki, traders said. "
            "At least twelve people were killed. The attack came a day after the assault on the army detachment, "
            "and the road between the two localities has been closed since Friday.")
    events = Pipeline().extract_one(Article(text=text, published=D(2026, 1, 10))).events
    assert [(e.event_date, e.end_date, e.time_precision) for e in events][:1] == [(D(2026, 1, 10), None, 1)]


@pytest.mark.parametrize(("text", "event_date"), [
    # who the perpetrators are, told by what they did on another day: the event is today's
    ("Three men accused of being informants for the gangs that attacked the town on Monday were beaten to death by "
     "a crowd this afternoon, witnesses said.", D(2026, 10, 14)),
    # the bomb that injured four is the event, whenever the warrant was issued
    ("The court on Wednesday issued a warrant for a man suspected of planting the motorcycle bomb that injured four "
     "people outside a store on Monday evening.", D(2026, 10, 12)),
])
def test_a_relative_clause_about_the_perpetrators_does_not_date_the_event(nlp, text, event_date):
    from eventledger.pipeline import Pipeline

    events = Pipeline().extract_one(Article(text=text, published=D(2026, 10, 14))).events
    assert [e.event_date for e in events][:1] == [event_date]


def test_a_time_of_day_alone_keeps_the_day_told_before(nlp):
    from eventledger.pipeline import Pipeline

    text = ("Russian missiles hit a printing house in Kharkiv late on Tuesday morning, killing five. Later the same "
            "day, shortly before midnight, Russian drones struck an apartment block in the Saltivka district.")
    events = Pipeline().extract_one(Article(text=text, published=D(2026, 4, 8))).events
    assert [e.event_date for e in events] == [D(2026, 4, 7), D(2026, 4, 7)]


def test_a_clause_after_the_date_is_not_its_source(nlp):
    from eventledger.pipeline import Pipeline

    # ', contradicting police who said' is no source of what went on on 7 July: the report's day is not the event's
    text = ("Running battles between police and protesters went on in Nairobi until after 7 p.m. on 7 July, a rights "
            "monitor said in a report released on Wednesday, contradicting police who said the city centre was "
            "reopened by 3 p.m.")
    events = Pipeline().extract_one(Article(text=text, published=D(2026, 7, 15))).events
    assert [e.event_date for e in events][:1] == [D(2026, 7, 7)]


def test_what_an_attack_avenged_is_another_incident(nlp):
    from eventledger.pipeline import Pipeline

    text = ("Gunmen killed five passengers on a bus near Wapenamanda on Monday, in what police said was revenge for a "
            "tribal fight that left eight dead in the nearby Tsak Valley on Saturday.")
    events = Pipeline().extract_one(Article(text=text, published=D(2026, 11, 17))).events
    assert [e.event_date for e in events][:1] == [D(2026, 11, 16)]


def test_what_a_crowd_protests_against_is_another_incident(nlp):
    from eventledger.pipeline import Pipeline

    text = ("Security forces fired tear gas this afternoon to stop hundreds of women marching from Moirang towards the "
            "foothills to protest against yesterday's killing of farmers near Phubala.")
    events = Pipeline().extract_one(Article(text=text, published=D(2026, 6, 23))).events
    assert [e.event_date for e in events][:1] == [D(2026, 6, 23)]


def test_a_season_no_year_or_word_points_to_is_no_date():
    # 'the summer holidays' says which time of year, not which summer: no date
    resolution = resolve_dates("The bomb hit the courtyard of a lyceum, which was empty for the summer holidays.",
                               D(2026, 8, 8))
    assert resolution.mentions == []
    assert resolve_dates("The village was attacked last summer.", D(2026, 8, 8)).event_date == D(2025, 6, 1)


def test_a_wire_dateline_dates_the_report_and_a_reported_incident_keeps_its_own_day(nlp):
    from eventledger.extract.dates import find_dates

    doc = nlp("LATAKIA, Syria, 14 July (OPA) – Four security men were killed in an ambush near Jableh. The "
              "authorities also reported Monday's attack on a checkpoint outside Qardaha.")
    roles = {m.text: (m.role, m.value.start) for m in find_dates(doc[:], date(2026, 7, 14))}
    assert roles["14 July"][0] == "report"  # the day the report was filed
    assert roles["Monday"] == ("event", date(2026, 7, 13))  # the attack's day, not the day it was reported
