"""Who demonstrated (`eventledger.extract.demonstrators`) and what it does to matching two demonstrations."""

from __future__ import annotations

from datetime import date

import pytest

from eventledger.extract.demonstrators import demonstrator_groups
from eventledger.models import Actor, Event, Evidence, Place
from eventledger.nlp import get_nlp
from eventledger.resolve.dedup import Resolver


def groups(text: str) -> list[str]:
    doc = get_nlp()(text)
    return demonstrator_groups(doc, Event(sentences=[Evidence.from_text(text, 0, len(text), field="sentence")]))


@pytest.mark.parametrize(("text", "expected"), [
    ("Hundreds of doctors in white coats marched to the health ministry.", ["Health Workers"]),
    ("Security forces broke up the pensioners' weekly protest outside Congress.", ["Pensioners"]),
    ("Teachers, non-teaching staff and students gathered at the square.", ["Teachers", "Students"]),
    ("Health workers staged a sit-in at the hospital gate.", ["Health Workers"]),
    ("Police fired tear gas at students near the campus.", []),  # the target, not who demonstrated
    ("Youths and residents blocked the road with burning tyres.", []),  # no group of their own
])
def test_the_groups_a_crowd_is_named_by(text, expected) -> None:
    assert groups(text) == expected


def crowd(text: str, group: str | None) -> Event:
    span = Evidence.from_text(text, 0, len(text), field="sentence")
    nairobi = Place(name="Nairobi", country="Kenya", country_code="KE", geonameid=184745, geo_precision=1,
                    feature_class="P", population=2_750_000, latitude=-1.2833, longitude=36.8167)
    return Event(label="PEACE_PROTEST", event_type="Protests", confidence=0.8, event_date=date(2026, 6, 9),
                 time_precision=1, place=nairobi, sentences=[span], actor1=Actor(name="Protesters (Kenya)", inter=6),
                 assoc_actors=[Actor(name=f"{group} (Kenya)", inter=6)] if group else [])


def test_two_crowds_of_different_groups_the_same_day_have_nothing_in_common() -> None:
    doctors = crowd("Doctors marched through the city centre to Afya House.", "Health Workers")
    pensioners = crowd("Pensioners marched through the city centre to the Treasury.", "Pensioners")
    more_doctors = crowd("Doctors marched through the city centre to the health ministry.", "Health Workers")
    unnamed = crowd("Protesters marched through the city centre.", None)
    resolver = Resolver()
    assert resolver.features(doctors, pensioners)[0]["details"] == -1.0
    assert resolver.features(doctors, more_doctors)[0]["details"] > -1.0
    assert resolver.features(doctors, unnamed)[0]["details"] > -1.0
