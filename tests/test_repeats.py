"""One incident told twice in an article is one event (`eventledger.extract.repeats`)."""

from __future__ import annotations

from datetime import date

import pytest

from eventledger.extract.repeats import fold_repeats
from eventledger.models import Actor, Article, Event, Evidence, Place

TEXT = ("A crowd attacked Coptic homes in the village on Friday. Young men with sticks set fire to two houses. "
        "Doctors marched to the ministry at 9 a.m. Youths threw stones at police at 7 p.m.")
@pytest.fixture(scope="module")
def pipeline():
    from eventledger.pipeline import Pipeline

    return Pipeline()


SAMALUT = Place(name="Samalut", country_code="EG", geonameid=350370, geo_precision=1)


def event(sentence: str, label: str = "MOB_VIOL", event_type: str = "Riots", *, confidence: float = 0.5,
          deaths: int | None = None, actor1: str | None = None, day: date = date(2026, 4, 24)) -> Event:
    start = TEXT.index(sentence)
    span = Evidence.from_text(TEXT, start, start + len(sentence), field="sentence")
    return Event(label=label, event_type=event_type, confidence=confidence, event_date=day, time_precision=1,
                 place=SAMALUT, sentences=[span], fatalities=deaths,
                 actor1=Actor(name=actor1, inter=2) if actor1 else None)


def test_a_riot_told_twice_is_one_event_with_both_sentences_and_the_surer_label() -> None:
    first = event("A crowd attacked Coptic homes in the village on Friday.", confidence=0.4)
    again = event("Young men with sticks set fire to two houses.", label="VIOL_DEMONSTR", confidence=0.7)
    (folded,) = fold_repeats([first, again])
    assert [s.text for s in folded.sentences] == [first.sentences[0].text, again.sentences[0].text]
    assert folded.label == "VIOL_DEMONSTR" and folded.confidence == 0.7


def test_what_sets_two_events_apart_keeps_them_apart() -> None:
    one = "A crowd attacked Coptic homes in the village on Friday."
    two = "Young men with sticks set fire to two houses."
    assert len(fold_repeats([event(one, deaths=1), event(two, deaths=3)])) == 2  # two tolls
    assert len(fold_repeats([event(one), event(two, day=date(2026, 4, 25))])) == 2  # two days
    assert len(fold_repeats([event(one, "ATTACK", "Violence against civilians", actor1="Islamic State"),
                             event(two, "ATTACK", "Violence against civilians", actor1="Boko Haram")])) == 2
    assert len(fold_repeats([event(one, "ATTACK", "Violence against civilians"),
                             event(two, "ABDUCT_DISSAP", "Violence against civilians")])) == 2  # not a crowd
    march = event("Doctors marched to the ministry at 9 a.m.", "PEACE_PROTEST", "Protests")
    stones = event("Youths threw stones at police at 7 p.m.", "PEACE_PROTEST", "Protests")
    assert len(fold_repeats([march, stones])) == 2  # ten hours apart
    assert len(fold_repeats([event(one, "ATTACK", "Violence against civilians", deaths=2),
                             event(two, "ATTACK", "Violence against civilians")])) == 1


def test_one_span_of_days_told_twice_is_one_event() -> None:
    one = event("A crowd attacked Coptic homes in the village on Friday.", "AIR_STRIKE", "Explosions/Remote violence",
                deaths=2)
    two = event("Young men with sticks set fire to two houses.", "AIR_STRIKE", "Explosions/Remote violence")
    for e in (one, two):  # 'struck on Sunday ... died in hospital on Tuesday'
        e.end_date, e.time_precision = date(2026, 4, 26), 2
    assert len(fold_repeats([one, two])) == 1


def test_a_sentence_read_as_two_events_gives_one(pipeline) -> None:
    text = ("The official line that central Athens was quiet before 11 p.m. on Saturday does not match what "
            "residents of Exarchia lived through. People on Themistokleous and Kallidromiou streets told the "
            "Evening Post that running battles between riot police and masked youths went on until around 3 a.m., "
            "with tear gas drifting into flats and at least one more car set ablaze after midnight. The police "
            "press office said it had \"no record\" of clashes after eleven.")
    events = pipeline.extract_one(Article(text=text, published=date(2026, 3, 1))).events
    assert len([e for e in events if e.event_type == "Riots"]) == 1


def test_a_riot_and_the_clash_the_mentions_stage_split_from_its_sentence_are_one_demonstration() -> None:
    riot = event("A crowd attacked Coptic homes in the village on Friday.", label="VIOL_DEMONSTR", confidence=0.4)
    clash = event("A crowd attacked Coptic homes in the village on Friday.", label="ARMED_CLASH", event_type="Battles",
                  confidence=0.6)
    (folded,) = fold_repeats([riot, clash])
    assert (folded.label, folded.event_type) == ("VIOL_DEMONSTR", "Riots")  # ACLED codes one demonstration
    apart = event("Young men with sticks set fire to two houses.", label="ARMED_CLASH", event_type="Battles")
    assert len(fold_repeats([riot, apart])) == 2  # told in other sentences: a clash of its own
    assault = event("A crowd attacked Coptic homes in the village on Friday.", label="ARMED_CLASH",
                    event_type="Battles", actor1="Islamic State")
    assert len(fold_repeats([riot, assault])) == 2  # an armed group's assault told with the riot: two incidents
