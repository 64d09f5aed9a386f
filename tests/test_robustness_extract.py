"""Property-based tests over the full extractor: any short text gives a valid Extraction whose evidence spans
are real slices of the article, and absurd figures never become casualty counts."""

from __future__ import annotations

from datetime import date
from importlib.util import find_spec

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventledger.models import Article, Extraction
from eventledger.registry import BUILTIN_STAGE_MODULES
from eventledger.store.validate import plausible

MISSING = [m for m in BUILTIN_STAGE_MODULES.values() if find_spec(m) is None]
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(bool(MISSING), reason=f"stages not on this branch yet: {', '.join(MISSING)}")]

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                           HealthCheck.too_slow])
# Figures no report can mean literally for one event: more people than live on Earth, or not a count at all.
ABSURD = ["9,999,999,999", "99999999999999999999", "10 billion", "1e309", "-5", "minus forty", "3.7"]
PLAUSIBLE_MAX = 8_200_000_000  # nobody can be killed/arrested more often than there are people

ACTORS = st.sampled_from(["Gunmen", "Islamic State fighters", "Police", "Soldiers", "Rebels", "Unknown attackers",
                          "Protesters", "The army", "Militants"])
VERBS = st.sampled_from(["killed", "attacked", "shelled", "arrested", "abducted", "wounded", "clashed with",
                         "stormed", "bombed"])
OBJECTS = st.sampled_from(["a checkpoint", "the village", "civilians", "a prison", "police officers",
                           "the market", "a convoy", "soldiers"])
PLACES = st.sampled_from(["in Kirkuk", "near Aleppo", "in Hasaka", "in Diyala province", "in Mogadishu", "",
                          "outside the capital", "in Zzyzx"])
WHEN = st.sampled_from(["on Monday", "yesterday", "last week", "on 31 February", "in March 2019", "",
                        "on Friday night", "in the year 10000"])
NUMBERS = st.one_of(st.integers(-10, 10**12).map(str), st.sampled_from(ABSURD), st.sampled_from(
    ["dozens of", "more than forty", "at least 11", "hundreds of thousands of", "a dozen", "no"]))
SENTENCE = st.builds(
    lambda a, v, o, p, w, n, k: f"{a} {v} {o} {p} {w}, killing {n} {k}, officials said.",
    ACTORS, VERBS, OBJECTS, PLACES, WHEN, NUMBERS,
    st.sampled_from(["people", "soldiers", "inmates", "civilians", ""]),
)
NOISE = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)
TEXTS = st.lists(st.one_of(SENTENCE, SENTENCE, NOISE), min_size=1, max_size=4).map(" ".join).filter(str.strip)


@pytest.fixture(scope="module")
def pipeline():
    from eventledger.pipeline import Pipeline

    return Pipeline()


def check(extraction: Extraction) -> None:
    text = extraction.article.text
    for event in extraction.events:
        for span in event.evidence():
            assert 0 <= span.start <= span.end <= len(text), span
            assert text[span.start : span.end] == span.text, span
    stored = plausible(extraction)  # what Store.add writes
    for event in stored.events:
        for count in [*event.counts, *stored.facts]:
            for value in (count.value, count.low, count.high):
                assert value is None or 0 <= value <= PLAUSIBLE_MAX, count
        assert event.fatalities is None or 0 <= event.fatalities <= 1_000_000


@SETTINGS
@given(text=TEXTS, published=st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2026, 1, 1))))
def test_any_short_text_gives_a_valid_extraction(pipeline, text, published):
    extraction = pipeline.extract_one(Article(text=text, published=published))
    check(extraction)
    Extraction.model_validate(extraction.model_dump())  # still a valid record after every stage


@pytest.mark.parametrize("figure", ABSURD[:4])
def test_absurd_casualty_figures_are_not_stored_as_counts(pipeline, figure):
    text = f"Gunmen attacked a checkpoint in Kirkuk on Monday, killing {figure} people, police said."
    extraction = pipeline.extract_one(Article(text=text, published=date(2023, 5, 2)))
    check(extraction)
    for event in plausible(extraction).events:
        assert event.fatalities is None or event.fatalities <= 1_000_000
