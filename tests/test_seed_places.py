"""The seed article through `mentions` + `places`: prison events in Al-Hasakah city, the Diyala attack in Iraq."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import pytest

from eventledger.models import Article

SEED = Path(__file__).parent / "data" / "ingest" / "hasaka.txt"  # the shared seed article, copied

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("eventledger.extract.mentions") is None,
                       reason="stage 'mentions' (eventledger.extract.mentions) is not on this branch yet"),
    pytest.mark.skipif(not SEED.exists(), reason="seed article hasaka.txt not available"),
]


@pytest.fixture(scope="module")
def extraction():
    from eventledger.pipeline import Pipeline

    article = Article(text=SEED.read_text(encoding="utf-8"), published=date(2022, 1, 21))
    return Pipeline(stages=("mentions", "places")).extract_one(article)


def test_every_event_is_geocoded(extraction) -> None:
    assert extraction.events and all(e.place is not None for e in extraction.events)


def test_prison_events_are_in_al_hasakah_city(extraction) -> None:
    prison = [e for e in extraction.events if "prison" in " ".join(s.text for s in e.sentences).lower()]
    assert prison
    for event in prison:
        assert (event.place.country_code, event.place.admin1, event.place.feature_class) == ("SY", "Al Hasakah", "P")
        assert event.place.geo_precision == 1


def test_diyala_attack_is_in_diyala_province_iraq(extraction) -> None:
    diyala = [e for e in extraction.events if "soldiers" in " ".join(s.text for s in e.sentences)]
    assert diyala
    place = diyala[0].place
    assert (place.admin1, place.country_code, place.country) == ("Diyala", "IQ", "Iraq")
    assert place.geo_precision in (2, 3)


def test_article_places_include_syria_iraq_and_deir_ez_zor(extraction) -> None:
    names = {p.name for p in extraction.places}
    assert {"Al Hasakah", "Syria", "Iraq", "Diyala", "Deir ez-Zor"} <= names
