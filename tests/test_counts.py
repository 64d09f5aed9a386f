"""Stage "counts": quantities, bounds, kinds and subjects from the parse; context facts; headline fatalities."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventledger.extract.counts import count_items, count_text, fatality_figure, parse_quantity
from eventledger.models import Article, Event, Evidence, Extraction
from eventledger.nlp import get_nlp
from eventledger.registry import get_stage_factory

SEED = Path(__file__).resolve().parent / "data" / "ingest" / "hasaka.txt"


@pytest.fixture(scope="session")
def nlp():
    return get_nlp()


@pytest.mark.parametrize(("text", "value", "bound"), [
    ("more than forty", 40, "more_than"),
    ("at least 11", 11, "at_least"),
    ("around 3,500", 3500, "about"),
    ("some 60,000", 60000, "about"),
    ("3 500", 3500, "exact"),
    ("twenty-three", 23, "exact"),
    ("eleven", 11, "exact"),
    ("one hundred and five", 105, "exact"),
    ("1.2 million", 1_200_000, "exact"),
    ("dozens", 12, "vague"),
    ("scores", 20, "vague"),
    ("hundreds", 100, "vague"),
    ("several", 10, "vague"),
    ("tens of thousands", 10000, "vague"),
    ("a dozen", 12, "about"),
    ("more than a dozen", 12, "more_than"),
    ("up to 30", 30, "at_most"),
    ("fewer than 10", 10, "less_than"),
])
def test_parse_quantity(text, value, bound):
    parsed = parse_quantity(text)
    assert parsed is not None and parsed[:2] == (value, bound)


def test_range_is_conservative():
    assert parse_quantity("between 10 and 15") == (10, "at_least", 10, 15)


def _counts(nlp, text):
    return [(c.kind, c.value, c.bound, c.is_context) for c in count_text(text, nlp)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Eleven Iraqi soldiers were killed in an attack on a military base.", [("killed", 11, "exact", False)]),
    # the dead told otherwise: succumbed, buried, killings, lives sacrificed (but not trapped under the rubble)
    ("One person succumbed to injuries at the scene.", [("killed", 1, "exact", False)]),
    ("Community leaders said 17 people were buried after the attack.", [("killed", 17, "exact", False)]),
    ("The division condemns the killing of four civilians on Wednesday night.", [("killed", 4, "exact", False)]),
    ("Two members of the security forces sacrificed their lives.", [("killed", 2, "exact", False)]),
    ("Rescuers said 12 people were buried under the rubble.", [("other", 12, "exact", True)]),
    ("Gunmen killed at least 23 villagers and wounded dozens of others.",
     [("killed", 23, "at_least", False), ("injured", 12, "vague", False)]),
    ("Twelve gunmen stormed the village and killed four farmers.",
     [("other", 12, "exact", True), ("killed", 4, "exact", False)]),  # the gunmen are not victims
    ("Police arrested 1,200 protesters in the capital.", [("arrested", 1200, "exact", False)]),
    ("Hundreds of families fled their homes after the shelling.", [("displaced", 100, "vague", False)]),
    ("Dozens of inmates escaped from the jail.", [("escaped", 12, "vague", False)]),
    ("Three dead, 5 injured in market blast", [("killed", 3, "exact", False), ("injured", 5, "exact", False)]),
    ("The death toll rose to 40 on Sunday.", [("killed", 40, "exact", False)]),
    ("Between 10 and 15 people were abducted from the bus.", [("abducted", 10, "at_least", False)]),
    ("A policeman was shot dead at the checkpoint.", [("killed", 1, "exact", False)]),
    ("The camp houses around 60,000 people.", [("held", 60000, "about", True)]),
    ("The war has killed more than 500,000 people since 2011.", [("killed", 500000, "more_than", True)]),
    ("The strike destroyed 30 houses on 3 March 2021.", []),  # not people; a date is not a count
    ("A 30-year-old man was arrested in 2019.", [("arrested", 1, "exact", False)]),
    ("No one was killed in the attack, police said.", [("killed", 0, "exact", False)]),
    ("Five children were among the 14 people killed in the strike.",
     [("killed", 5, "exact", False), ("killed", 14, "exact", False)]),
    ("The clinic serves about 15,000 displaced people.", [("displaced", 15000, "about", True)]),
    ("Eleven miners are still missing.", [("missing", 11, "exact", False)]),
    ("Police detain 40 after protest turns violent", [("arrested", 40, "exact", False)]),  # spaCy: DATE
    ("Two tourists were shot dead by a policeman.", [("killed", 2, "exact", False)]),  # the agent is no victim
    ("More than 1,500 detainees were released under the amnesty.", []),
    ("Dozens were feared dead after the attack.", [("killed", 12, "vague", False)]),
    ("Around 100 people are believed to have been taken hostage.", [("abducted", 100, "about", False)]),
    ("The ambush left 17 soldiers dead and another 11 missing.",
     [("killed", 17, "exact", False), ("missing", 11, "exact", False)]),
    ("Gunmen killed a tribal leader and his bodyguard.", [("killed", 1, "exact", False)] * 2),
    ("Some two dozen people were wounded in the stampede.", [("injured", 24, "about", False)]),
    ("The death toll of 12 included four policemen.", [("killed", 12, "exact", False), ("killed", 4, "exact", False)]),
    ("A man was stabbed to death outside the church.", [("killed", 1, "exact", False)]),
    ("Police rescued 8 hostages held by the gang.", [("abducted", 8, "exact", False)]),
    ("Nineteen worshippers died, two local officials said.", [("killed", 19, "exact", False)]),  # not the sources
    ("Police arrested 12 people on Thursday and another 30 on Friday.",
     [("arrested", 12, "exact", False), ("arrested", 30, "exact", False)]),
    ("Strikes killed 21 people on Sunday, including four children, medics said.",
     [("killed", 21, "exact", False), ("killed", 4, "exact", False)]),
    ("Fighters seized 3 towns and took 90 soldiers prisoner.", [("arrested", 90, "exact", False)]),
    ("Wagner fighters shot down several military aircraft.", []),
    ("The mob lynched two suspected thieves.", [("killed", 2, "exact", False)]),  # people whatever the noun
    ("The blast killed 3 people and 20 cattle.", [("killed", 3, "exact", False)]),
    ("Eight men were killed and more than 30 houses burnt when fighting broke out.",
     [("killed", 8, "exact", False)]),  # houses are not killed
    ("The UN said 1,300 civilians had been killed in Tigray between January and June.",
     [("killed", 1300, "exact", True)]),
    ("Gunmen killed the village chief, Tomas Caal, 48, outside his home.", []),  # an age, not a toll
])
def test_counts_in_sentences(nlp, text, expected):
    assert _counts(nlp, text) == expected


def test_subject_and_evidence(nlp):
    text = "More than forty inmates, attackers and civilians were killed, the monitor said."
    doc = nlp(text)
    (item,) = count_items(doc[:])
    count = item.count
    assert count.subject == "inmates, attackers, civilians"
    evidence = count.evidence[0]
    assert text[evidence.start:evidence.end] == evidence.text
    assert evidence.text.startswith("More than forty") and evidence.text.endswith("killed")
    assert evidence.field == "fatalities"


@pytest.mark.parametrize(("text", "figure"), [
    ("Five soldiers and three civilians were killed.", (8, "exact")),  # coordinated: added
    ("Twenty people were killed, including six children.", (20, "exact")),  # subset: left out
    ("The army said 12 were killed. Medics said at least 15 people died.", (12, "exact")),  # most conservative
    ("Two soldiers were wounded.", None),
    ("Five children were among the 14 people killed in the strike.", (14, "exact")),
    ("No one was killed in the attack.", (0, "exact")),
    ("The death toll of 12 included four policemen.", (12, "exact")),
    ("Fourteen people died, according to police, while organisers put the toll at 20.", (14, "exact")),
    ("Twelve people were killed on Friday. The death toll rose to 19 from 12 on Saturday.", (19, "exact")),
    # one side's toll is a part of the whole, not a rival total
    ("The rebels killed five soldiers, and the guerrillas suffered no casualties.", (5, "exact")),
])
def test_fatality_figure(nlp, text, figure):
    assert fatality_figure(count_items(nlp(text)[:])) == figure


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
        _event(doc, "The attack on Hasaka prison began Thursday", "More than forty inmates"),
        _event(doc, "Inmates have taken control of weapons"),
        _event(doc, "The SDF fighters also caught 89 escapees"),
        _event(doc, "Eleven Iraqi soldiers were killed"),
    ]
    extraction = Extraction(article=Article(text=text, published=date(2022, 1, 21)), events=events)
    out = get_stage_factory("counts")()(doc, extraction)
    assoc = [(e.fatalities, e.fatalities_bound) for e in out.events]
    assert assoc == [(40, "more_than"), (None, None), (None, None), (11, "exact")]
    assert [(c.kind, c.value, c.bound) for c in out.events[1].counts] == [("escaped", 12, "vague")]
    assert [(c.kind, c.value, c.subject) for c in out.events[2].counts] == [("arrested", 89, "escapees")]
    assert out.events[3].counts[0].subject == "soldiers"
    facts = {c.value for c in out.facts}
    assert {3500, 10000, 60000, 2000} <= facts
    assert all(c.is_context for c in out.facts)
    for event in out.events:
        assert not any(c.is_context for c in event.counts)
        for count in event.counts:
            span = count.evidence[0]
            assert text[span.start:span.end] == span.text


@settings(max_examples=60, deadline=None)
@given(st.builds(" ".join, st.lists(st.sampled_from(
    ["killed", "at", "least", "more", "than", "forty", "3,500", "dozens", "of", "people", "were", "no", "one",
     "and", "a", "soldier", "wounded", "held", "in", "2019", "the", "prison", "between", "10", "-", ",", ".",
     "another", "his", "guard", "including", "among", "them", "fled", "1.2", "million", "by", "police"]),
    max_size=14)))
def test_counts_on_word_salad_are_well_formed(text):
    for count in count_text(text):
        assert count.value is None or count.value >= 0
        span = count.evidence[0]
        assert text[span.start:span.end] == span.text


@pytest.mark.parametrize(("text", "subject"), [
    ("A car bomb killed 12 people and wounded 30 others, police said.", ["people", "others"]),
    ("Security forces arrested seven suspected Islamic State members.", ["islamic state members"]),
    ("No injuries were reported.", [None]),
    ("Armed men kidnapped 3 aid workers and a driver.", ["aid workers", "driver"]),
    ("Some 60,000 supporters and their families are held in the camp.", ["supporters, families"]),
])
def test_subjects(nlp, text, subject):
    assert [c.subject for c in count_text(text, nlp)] == subject


def test_running_total_since_a_date_long_before_publication_is_context(nlp):
    text = "The ministry said 34,904 people had been killed in Gaza since October 7."
    (count,) = count_text(text, nlp, published=date(2024, 5, 10))
    assert count.is_context
    (count,) = count_text(text, nlp, published=date(2023, 10, 20))  # a fortnight: the toll of the war's start
    assert not count.is_context


def test_cumulative_toll_before_the_verb_is_context(nlp):
    (count,) = count_text("Since 2015, thousands of people have been killed in attacks across the Sahel.", nlp)
    assert (count.kind, count.value, count.is_context) == ("killed", 1000, True)


def test_article_words_belong_to_the_number(nlp):
    got = [(c.text, c.value, c.bound) for c in count_text(
        "A few people were hurt; half a dozen were detained and more than a hundred fled their homes.", nlp)]
    assert got == [("A few people", 3, "vague"), ("half a dozen", 6, "about"), ("more than a hundred", 100,
                                                                               "more_than")]


def test_a_number_in_a_units_name_is_not_a_count():
    from eventledger.extract.counts import count_text

    found = count_text("At least 11 people were killed in clashes between the Radaa force and the 444 Brigade.")
    assert [(c.kind, c.value) for c in found] == [("killed", 11)]


def test_people_also_killed_add_to_the_toll_and_are_no_rival_figure(nlp):
    from eventledger.extract.counts import count_items, fatality_figure

    doc = nlp("Militants attacked a police station, killing three policemen. Two attackers were also killed.")
    items = [item for sent in doc.sents for item in count_items(sent)]
    assert [(i.count.value, i.count.subject) for i in items] == [(3, "policemen"), (2, "attackers (also)")]
    assert fatality_figure(items) == (5, "exact")
