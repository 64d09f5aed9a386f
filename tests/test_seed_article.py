"""The seed article end to end, as a user runs it: `eventledger extract hasaka.txt --published 2022-01-21`.

Checks the acceptance table of `shared/examples/README.md` as far as the product reaches: the car bomb, the
prison assault (more than 40 killed, Syria), the 89 recaptured, the Diyala attack (11 soldiers, Iraq), each with
evidence spans that are real slices of the text; the uprising with the SDF-vs-observatory contradiction; no
events from page furniture or from the article's background figures.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventledger.cli import app

SEED = Path(__file__).parent / "data" / "ingest" / "hasaka.txt"  # a copy of shared/examples/hasaka.txt

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def payload() -> dict:
    result = CliRunner().invoke(app, ["extract", str(SEED), "--published", "2022-01-21", "--format", "json"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def events_saying(payload: dict, words: str) -> list[dict]:
    return [e for e in payload["events"] if any(words in s["text"] for s in e["sentences"])]


def only(events: list[dict], label: str | None = None) -> dict:
    chosen = [e for e in events if label is None or e["label"] == label]
    assert chosen, f"no event with label {label}: {[e['label'] for e in events]}"
    return chosen[0]


def test_every_evidence_span_is_a_slice_of_the_article_text(payload):
    text = SEED.read_text(encoding="utf-8")
    for event in payload["events"]:
        spans = [event["trigger"], *event["sentences"], *event["date_evidence"]]
        spans += [span for claim in event["claims"] for span in claim["evidence"]]
        spans += [span for count in event["counts"] for span in count["evidence"]]
        spans += event["place"]["evidence"] if event["place"] else []
        for span in spans:
            assert span["text"].strip() and span["text"] in text


def test_car_bomb_at_the_gate(payload):
    bomb = only(events_saying(payload, "car bomb detonating"), "REM_EXPLOS")
    assert bomb["event_type"] == "Explosions/Remote violence"
    assert (bomb["event_date"], bomb["time_precision"]) == ("2022-01-20", 1)
    assert bomb["place"]["country_code"] == "SY" and bomb["place"]["admin1"] == "Al Hasakah"
    assert bomb["trigger"]["text"] == "bomb"


def test_prison_assault_more_than_forty_killed_in_syria(payload):
    assault = only(events_saying(payload, "More than forty"))
    assert assault["event_type"] == "Battles"
    assert (assault["fatalities"], assault["fatalities_bound"]) == (40, "more_than")
    assert assault["place"]["country"] == "Syria" and assault["place"]["name"] == "Al Hasakah"
    assert assault["event_date"] == "2022-01-20" and assault["end_date"] == "2022-01-21"
    assert assault["actor1"]["name"] == "Islamic State"
    assert assault["actor2"]["name"].startswith("SDF")
    killed = next(c for c in assault["counts"] if c["kind"] == "killed")
    assert killed["source"] == "Syrian Observatory for Human Rights"
    assert "More than forty" in killed["evidence"][0]["text"]


def test_eighty_nine_escapees_recaptured_by_the_sdf(payload):
    arrest = only(events_saying(payload, "89 escapees"), "ARREST")
    assert arrest["event_date"] == "2022-01-21"
    assert any(c["kind"] == "arrested" and c["value"] == 89 for c in arrest["counts"])
    assert arrest["actor1"]["name"].startswith("SDF")
    assert any(claim["source"].startswith("Farhad Sami") for claim in arrest["claims"])


def test_diyala_attack_eleven_soldiers_killed_in_iraq(payload):
    diyala = only(events_saying(payload, "Eleven Iraqi soldiers"))
    assert diyala["fatalities"] == 11
    assert (diyala["place"]["admin1"], diyala["place"]["country_code"]) == ("Diyala", "IQ")
    assert diyala["event_date"] == "2022-01-21"
    assert diyala["actor2"]["name"] == "Military Forces of Iraq"
    # row 6: the article names one jihadist group (IS) and calls it "the extremists" in the sentence before
    assert diyala["event_type"] == "Battles"
    assert diyala["actor1"]["name"] == "Islamic State"
    assert diyala["actor1"]["evidence"][0]["text"] == "the extremists"
    assert all(e["text"] in SEED.read_text(encoding="utf-8") for e in diyala["actor1"]["evidence"])
    assert "Provincial governor" in diyala["sources"]


def test_november_attack_is_its_own_event_dated_to_the_month(payload):
    november = only(events_saying(payload, "in November"))
    assert (november["event_date"], november["time_precision"]) == ("2021-11-01", 3)
    assert not events_saying(payload, "in November")[0]["sentences"][0]["text"].startswith("More than")


def test_november_attack_that_was_repulsed_is_an_armed_clash(payload):
    # row 5: IS tried to free the prisoners, the attack was repulsed: two armed sides fought
    november = only(events_saying(payload, "in November"))
    assert (november["event_type"], november["sub_event_type"]) == ("Battles", "Armed clash")
    assert november["actor1"]["name"] == "Islamic State"
    assert november.get("actor2") is None or november["actor2"]["inter"] != 7  # the prisoners are not the target
    assert not november["civilian_targeting"]


def test_uprising_keeps_the_sdf_versus_observatory_contradiction(payload):
    uprising = only(events_saying(payload, "brought under control"))
    status = next(c for c in uprising["contradictions"] if c["field"] == "status")
    assert set(status["values"]) == {"ongoing", "under control"}
    sides = " | ".join(status["sources"])
    assert "Syrian Observatory for Human Rights" in sides and "Farhad Sami" in sides
    claimed = next(c for c in uprising["claims"] if c["value"] == "under control")
    assert claimed["strength"] == "claimed"


def test_page_furniture_and_background_figures_make_no_events(payload):
    for words in ("this photo", "Goran Tomasevic", "site-111", "thirteen attacks", "flying airstrikes",
                  "60,000", "10,000 jihadists", "raiding convoys"):
        assert not events_saying(payload, words), words
    facts = " ".join(f["text"] for f in payload["facts"])
    assert "3,500" in facts


def test_python_api_gives_the_same_events():
    from eventledger.ingest import read_paths
    from eventledger.pipeline import Pipeline

    articles = [a.model_copy(update={"published": date(2022, 1, 21)}) for a in read_paths([str(SEED)])]
    extraction = Pipeline().extract_one(articles[0])
    labels = {e.label for e in extraction.events}
    assert {"REM_EXPLOS", "ARREST"} <= labels
