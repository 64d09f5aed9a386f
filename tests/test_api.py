"""The REST API as a client sees it: browse and filter events, read one, review it, submit articles, export.

Every test runs on SQLite and on PostgreSQL (conftest.db_url). Articles are submitted through `FakePipeline`, a
test double of the extraction pipeline (one event per article, no models) so that these tests take milliseconds;
one slow test submits through the real pipeline. TestClient re-raises any server error, so a test that passes
also shows that no request ended in a 500.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from typer.testing import CliRunner

from eventledger.cli import app as cli_app
from eventledger.models import Actor, Article, Claim, Event, Evidence, Extraction, Place
from eventledger.serve.api import KEEP_ALIVE_SECONDS, MAX_BATCH, MAX_BODY_BYTES, create_app
from eventledger.store import Store

KIRKUK = "Gunmen attacked a checkpoint in Kirkuk on Monday, killing three policemen, police said."
ALEPPO = ("Syrian government forces clashed with Islamic State fighters near Aleppo on Saturday, leaving twelve "
          "dead, the Syrian Observatory for Human Rights said.")
POKROVSK = "Russian forces shelled Pokrovsk in Donetsk region overnight, officials said; no one was hurt."
LAGOS = "Police arrested forty protesters in Lagos on Thursday, witnesses said."
GERMAN = ("Bewaffnete griffen am Montag einen Kontrollpunkt in Kirkuk an und töteten drei Polizisten, wie die "
          "Polizei mitteilte. Die Angreifer flohen nach dem Anschlag in unbekannte Richtung.")


def report(text: str, published: date, trigger: str, **fields) -> Extraction:
    """One article and one coded event, written by hand (what the pipeline would produce)."""
    article = Article(text=text, title=text.split(",")[0], published=published, outlet="Wire",
                      url=f"https://news.example/{published.isoformat()}")
    start = text.index(trigger)
    event = Event(trigger=Evidence.from_text(text, start, start + len(trigger), "trigger", article.id),
                  sentences=[Evidence.from_text(text, 0, len(text), "sentence", article.id)],
                  notes=text, **fields)
    return Extraction(article=article, events=[event])


REPORTS = {
    "kirkuk": report(
        KIRKUK, date(2023, 5, 2), "attacked", label="ATTACK", event_type="Violence against civilians",
        sub_event_type="Attack", actor1=Actor(name="Unidentified Armed Group (Iraq)", inter=2),
        actor2=Actor(name="Police Forces of Iraq", inter=1), event_date=date(2023, 5, 1), fatalities=3,
        place=Place(name="Kirkuk", country="Iraq", country_code="IQ", admin1="Kirkuk", latitude=35.47,
                    longitude=44.39, geo_precision=1),
        claims=[Claim(id="c1", source="police", strength="said", field="fatalities", value="3")]),
    "aleppo": report(
        ALEPPO, date(2023, 6, 11), "clashed", label="ARMED_CLASH", event_type="Battles",
        sub_event_type="Armed clash", actor1=Actor(name="Military Forces of Syria", inter=1),
        actor2=Actor(name="Islamic State", inter=2), event_date=date(2023, 6, 10), fatalities=12,
        place=Place(name="Aleppo", country="Syria", country_code="SY", admin1="Aleppo", latitude=36.20,
                    longitude=37.16, geo_precision=2)),
    "pokrovsk": report(
        POKROVSK, date(2024, 1, 16), "shelled", label="ART_MISS_ATTACK", event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack", actor1=Actor(name="Military Forces of Russia", inter=8),
        event_date=date(2024, 1, 15), fatalities=0,
        place=Place(name="Pokrovsk", country="Ukraine", country_code="UA", admin1="Donetsk", latitude=48.28,
                    longitude=37.18, geo_precision=1)),
    "lagos": report(  # no coordinates: listed and exported, but not on a map
        LAGOS, date(2024, 2, 2), "arrested", label="ARREST", event_type="Strategic developments",
        sub_event_type="Arrests", actor1=Actor(name="Police Forces of Nigeria", inter=1),
        actor2=Actor(name="Protesters (Nigeria)", inter=6), event_date=date(2024, 2, 1),
        place=Place(name="Lagos", country="Nigeria", country_code="NG", admin1="Lagos")),
}


class FakePipeline:
    """Test double of `eventledger.pipeline.Pipeline`: one ATTACK event per article, on its first sentence."""

    built = 0

    def __init__(self) -> None:
        FakePipeline.built += 1
        self.calls = 0

    def extract_one(self, article: Article) -> Extraction:
        self.calls += 1
        first = article.text.split(".")[0]
        event = Event(label="ATTACK", event_type="Violence against civilians", sub_event_type="Attack",
                      trigger=Evidence.from_text(article.text, 0, len(first.split()[0]), "trigger", article.id),
                      sentences=[Evidence.from_text(article.text, 0, len(first), "sentence", article.id)],
                      event_date=article.published, notes=first)
        return Extraction(article=article, events=[event])


@pytest.fixture
def store(db_url):
    s = Store(db_url, resolver=None)  # no deduplication: every report is its own event here
    yield s
    s.close()


@pytest.fixture
def client(store):
    FakePipeline.built = 0
    with TestClient(create_app(store, pipeline_factory=FakePipeline)) as c:
        yield c


@pytest.fixture
def ids(store) -> dict[str, str]:
    """The four hand-coded reports, stored; name -> event id."""
    return {name: store.add(extraction).inserted[0] for name, extraction in REPORTS.items()}


def names(ids: dict[str, str], items: list[dict]) -> list[str]:
    by_id = {v: k for k, v in ids.items()}
    return [by_id[item["id"]] for item in items]


# -- status ---------------------------------------------------------------------------------------------------

def test_health_names_the_database(client, db_url):
    assert client.get("/api/health").json() == {"status": "ok", "db": db_url.split(":")[0].split("+")[0]}


def test_stats_sum_up_the_store(client, ids):
    stats = client.get("/api/stats").json()
    assert stats["articles"] == stats["events"] == 4
    assert stats["fatalities"] == 15
    assert stats["first_date"] == "2023-05-01" and stats["last_date"] == "2024-02-01"
    assert stats["by_type"]["Battles"] == 1


def test_docs_and_dashboard_are_served(client):
    assert client.get("/docs").status_code == 200
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/articles", "/api/export"} <= set(spec["paths"])
    assert {t["name"] for t in spec["tags"]} == {"status", "events", "reviews", "articles", "export"}
    home = client.get("/")
    assert home.status_code == 200 and "text/html" in home.headers["content-type"]


# -- events ---------------------------------------------------------------------------------------------------

def test_events_are_listed_newest_first_with_review_status_and_sources(client, ids, store):
    page = client.get("/api/events").json()
    assert page["total"] == 4 and page["limit"] == 50 and page["offset"] == 0
    assert names(ids, page["items"]) == ["lagos", "pokrovsk", "aleppo", "kirkuk"]
    first = page["items"][0]
    assert first.pop("review_status") is None and first.pop("n_sources") == 1
    assert first == store.get_event(ids["lagos"]).model_dump(mode="json")  # the Event JSON, unchanged


@pytest.mark.parametrize(("query", "expected"), [
    ({"country": "Iraq"}, ["kirkuk"]),
    ({"country": "sy"}, ["aleppo"]),  # ISO code, any case
    ({"admin1": "donetsk"}, ["pokrovsk"]),
    ({"event_type": "Battles"}, ["aleppo"]),
    ({"sub_event_type": "arrests"}, ["lagos"]),
    ({"label": "ATTACK"}, ["kirkuk"]),
    ({"actor": "police"}, ["lagos", "kirkuk"]),
    ({"min_fatalities": 3}, ["aleppo", "kirkuk"]),
    ({"since": "2023-06-10", "until": "2024-01-15"}, ["pokrovsk", "aleppo"]),
    ({"q": "observatory"}, ["aleppo"]),
    ({"bbox": "36,34,45,37.5"}, ["aleppo", "kirkuk"]),  # Syria and Iraq; Lagos has no coordinates
    ({"country": "Iraq", "min_fatalities": 4}, []),
])
def test_filters(client, ids, query, expected):
    page = client.get("/api/events", params=query).json()
    assert names(ids, page["items"]) == expected
    assert page["total"] == len(expected)


def test_pages(client, ids):
    first = client.get("/api/events", params={"limit": 3}).json()
    second = client.get("/api/events", params={"limit": 3, "offset": 3}).json()
    assert (first["total"], second["total"]) == (4, 4)
    assert names(ids, first["items"] + second["items"]) == ["lagos", "pokrovsk", "aleppo", "kirkuk"]
    assert client.get("/api/events", params={"offset": 10}).json()["items"] == []
    for limit in (0, 501):
        assert client.get("/api/events", params={"limit": limit}).status_code == 422


@pytest.mark.parametrize(("query", "message"), [
    ({"bbox": "36,34,45"}, "four numbers"),
    ({"bbox": "a,b,c,d"}, "four numbers"),
    ({"bbox": "36,34,200,37"}, "within -180..180"),
    ({"bbox": "45,34,36,37"}, "west <= east"),
    ({"since": "last week"}, "valid date"),
    ({"until": "2024-02-30"}, "date"),
    ({"since": "2024-01-01", "until": "2023-01-01"}, "before since"),
    ({"review_status": "maybe"}, "accepted"),
    ({"min_fatalities": -1}, "greater than or equal to 0"),
])
def test_bad_filters_are_422_with_the_reason(client, query, message):
    response = client.get("/api/events", params=query)
    assert response.status_code == 422
    assert message in response.json()["detail"][0]["msg"]


def test_an_event_page_has_its_articles_reviews_and_merge_reasons(client, ids):
    detail = client.get(f"/api/events/{ids['kirkuk']}").json()
    assert detail["event"]["id"] == ids["kirkuk"]
    assert detail["event"]["claims"][0]["source"] == "police"
    assert detail["review_status"] is None and detail["reviews"] == []
    [article] = detail["articles"]
    assert article["text"] == KIRKUK and article["published"] == "2023-05-02" and article["outlet"] == "Wire"
    trigger = detail["event"]["trigger"]
    assert article["text"][trigger["start"]:trigger["end"]] == "attacked"  # evidence offsets point into it
    assert detail["merge_reasons"] == {article["id"]: None}


def test_an_unknown_event_is_404(client):
    response = client.get("/api/events/nope")
    assert response.status_code == 404
    assert response.json() == {"detail": "no event with id 'nope'"}


# -- reviews --------------------------------------------------------------------------------------------------

def test_reviews_accept_edit_reject_and_export_as_gold_data(client, ids):
    accepted = client.post(f"/api/events/{ids['kirkuk']}/reviews", json={"action": "accept", "reviewer": "ana"})
    assert accepted.status_code == 201
    assert accepted.json()["id"] and accepted.json()["action"] == "accept"
    edit = {"action": "edit", "changes": {"fatalities": 14, "place.name": "Aleppo city"}, "reviewer": "ana",
            "note": "the observatory raised the toll"}
    assert client.post(f"/api/events/{ids['aleppo']}/reviews", json=edit).status_code == 201
    assert client.post(f"/api/events/{ids['lagos']}/reviews", json={"action": "reject"}).status_code == 201

    detail = client.get(f"/api/events/{ids['aleppo']}").json()
    assert detail["event"]["fatalities"] == 14 and detail["event"]["place"]["name"] == "Aleppo city"
    assert detail["review_status"] == "edited"
    assert [r["note"] for r in detail["reviews"]] == ["the observatory raised the toll"]
    rejected = client.get("/api/events", params={"review_status": "rejected"}).json()["items"]
    assert names(ids, rejected) == ["lagos"]
    assert [r["action"] for r in client.get("/api/reviews").json()] == ["accept", "edit", "reject"]
    assert len(client.get("/api/reviews", params={"event_id": ids["kirkuk"]}).json()) == 1

    gold = client.get("/api/reviews/export")
    assert gold.headers["content-type"].startswith("application/x-ndjson")
    assert "attachment" in gold.headers["content-disposition"]
    lines = {line["event_id"]: line for line in map(json.loads, gold.text.splitlines())}
    assert set(lines) == {ids["kirkuk"], ids["aleppo"], ids["lagos"]}  # pokrovsk was not reviewed
    aleppo = lines[ids["aleppo"]]
    assert (aleppo["action"], aleppo["review_status"]) == ("edit", "edited")
    assert aleppo["event"]["fatalities"] == 14  # the event as corrected
    assert aleppo["changes"] == {"fatalities": 14, "place.name": "Aleppo city"}
    assert aleppo["articles"][0]["text"] == ALEPPO
    assert lines[ids["lagos"]]["action"] == "reject"


@pytest.mark.parametrize(("body", "message"), [
    ({"action": "edit", "changes": {"payload": 1}}, "cannot edit payload"),
    ({"action": "edit", "changes": {"event_date": "yesterday"}}, "event_date"),
    ({"action": "edit", "changes": {"time_precision": 7}}, "time_precision"),
    ({"action": "edit"}, "an edit needs `changes`"),
    ({"action": "accept", "changes": {"fatalities": 1}}, "only for action 'edit'"),
])
def test_a_review_that_cannot_be_applied_is_422_and_changes_nothing(client, ids, body, message):
    response = client.post(f"/api/events/{ids['kirkuk']}/reviews", json=body)
    assert response.status_code == 422
    assert message in response.json()["detail"]
    detail = client.get(f"/api/events/{ids['kirkuk']}").json()
    assert detail["reviews"] == [] and detail["event"]["fatalities"] == 3


def test_review_input_is_checked(client, ids):
    assert client.post("/api/events/nope/reviews", json={"action": "accept"}).status_code == 404
    assert client.post(f"/api/events/{ids['kirkuk']}/reviews", json={"action": "approve"}).status_code == 422
    assert client.post(f"/api/events/{ids['kirkuk']}/reviews", json={"action": "accept", "x": 1}).status_code == 422


# -- export ---------------------------------------------------------------------------------------------------

def test_export_acled_csv(client, ids):
    response = client.get("/api/export", params={"format": "acled-csv", "country": "Iraq"})
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="eventledger-events.csv"'
    [row] = list(csv.DictReader(io.StringIO(response.text)))
    assert (row["country"], row["fatalities"], row["sub_event_type"]) == ("Iraq", "3", "Attack")


def test_export_geojson_has_the_events_with_coordinates(client, ids):
    response = client.get("/api/export", params={"format": "geojson"})
    assert response.headers["content-type"].startswith("application/geo+json")
    features = response.json()["features"]
    assert sorted(f["id"] for f in features) == sorted(ids[n] for n in ("kirkuk", "aleppo", "pokrovsk"))
    kirkuk = next(f for f in features if f["id"] == ids["kirkuk"])
    assert kirkuk["geometry"] == {"type": "Point", "coordinates": [44.39, 35.47]}


def test_export_json_takes_the_list_filters(client, ids):
    response = client.get("/api/export", params={"format": "json", "since": "2024-01-01"})
    assert response.headers["content-disposition"].endswith('.json"')
    assert sorted(e["id"] for e in response.json()) == sorted([ids["pokrovsk"], ids["lagos"]])
    assert client.get("/api/export", params={"format": "xlsx"}).status_code == 422
    assert client.get("/api/export", params={"bbox": "1,2"}).status_code == 422


# -- submitting articles --------------------------------------------------------------------------------------

def test_submitting_an_article_extracts_and_stores_its_events(client):
    assert FakePipeline.built == 0  # the models load on the first submission, not at start-up
    response = client.post("/api/articles", json={"text": KIRKUK, "title": "Checkpoint attack", "outlet": "Wire",
                                                  "published": "2023-05-02"})
    assert response.status_code == 201
    result = response.json()
    assert result["stored"] is True and result["warnings"] == []
    [event] = result["events"]
    assert event["label"] == "ATTACK" and event["merged"] is False and event["reason"] is None

    detail = client.get(f"/api/events/{event['id']}").json()
    assert detail["articles"][0]["id"] == result["article_id"]
    assert detail["articles"][0]["title"] == "Checkpoint attack"
    assert detail["event"]["event_date"] == "2023-05-02"

    client.post("/api/articles", json={"text": ALEPPO})
    assert FakePipeline.built == 1  # ...and once


def test_the_same_article_twice_is_stored_once(client, store):
    first = client.post("/api/articles", json={"text": KIRKUK, "published": "2023-05-02"}).json()
    again = client.post("/api/articles", json={"text": KIRKUK + "\n", "published": "2023-05-02"})
    assert again.status_code == 201
    assert again.json()["stored"] is False
    assert again.json()["article_id"] == first["article_id"]
    assert again.json()["events"] == first["events"]  # what the article reported, from the store
    assert "already stored" in again.json()["warnings"][0]
    assert store.stats()["articles"] == 1 and store.count_events() == 1


def test_an_article_without_date_gets_a_warning(client):
    result = client.post("/api/articles", json={"text": LAGOS}).json()
    assert result["stored"] and "no publication date" in result["warnings"][0]


def test_html_pages_are_cleaned_and_keep_their_metadata(client, store):
    page = f"""<html><head><title>Checkpoint attack in Kirkuk</title>
    <meta property="og:site_name" content="Wire"><meta property="article:published_time" content="2023-05-02">
    </head><body><nav><a href="/">Home</a> | <a href="/world">World</a> | Subscribe</nav>
    <article><h1>Checkpoint attack in Kirkuk</h1><p>{KIRKUK}</p>
    <p>The attackers fled the scene, according to a police statement issued later in the day.</p></article>
    <footer>Copyright 2023 Wire. All rights reserved.</footer></body></html>"""
    result = client.post("/api/articles", json={"text": page, "format": "html"}).json()
    article = store.get_article(result["article_id"])
    assert article.text.startswith("Gunmen attacked") and "Subscribe" not in article.text
    assert "Copyright" not in article.text
    assert article.title == "Checkpoint attack in Kirkuk" and article.published == date(2023, 5, 2)


@pytest.mark.parametrize(("body", "reason"), [
    ({"text": "   "}, "empty"),
    ({"text": GERMAN}, "not English"),
    ({"text": "<html><body><script>var a = 1;</script></body></html>", "format": "html"}, "no article text"),
    ({"text": KIRKUK, "published": (date.today() + timedelta(days=30)).isoformat()}, "in the future"),
])
def test_unusable_articles_are_422_with_the_reason(client, store, body, reason):
    response = client.post("/api/articles", json=body)
    assert response.status_code == 422
    assert reason in response.json()["detail"]
    assert store.stats()["articles"] == 0


def test_a_batch_stores_the_good_articles_and_reports_the_bad_ones(client, store):
    batch = [{"text": KIRKUK, "published": "2023-05-02"}, {"text": ""}, {"text": GERMAN},
             {"text": ALEPPO, "published": "2023-06-11"}, {"text": KIRKUK, "published": "2023-05-02"}]
    response = client.post("/api/articles/batch", json={"articles": batch})
    assert response.status_code == 200
    result = response.json()
    assert (result["stored"], result["known"], result["failed"]) == (2, 1, 2)
    assert [item["ok"] for item in result["items"]] == [True, False, False, True, True]
    assert [item["index"] for item in result["items"]] == [0, 1, 2, 3, 4]
    assert "empty" in result["items"][1]["error"] and "not English" in result["items"][2]["error"]
    assert result["items"][4]["result"]["stored"] is False  # the same article again in the batch
    assert store.stats()["articles"] == 2


def test_a_batch_has_1_to_100_articles(client):
    too_many = {"articles": [{"text": f"{KIRKUK} ({n})"} for n in range(MAX_BATCH + 1)]}
    response = client.post("/api/articles/batch", json=too_many)
    assert response.status_code == 422
    assert "at most 100" in response.json()["detail"][0]["msg"]
    assert client.post("/api/articles/batch", json={"articles": []}).status_code == 422


def test_bodies_over_5_mb_are_413(client, store):
    big = {"text": "Gunmen attacked a checkpoint. " * (MAX_BODY_BYTES // 30 + 10)}
    response = client.post("/api/articles", json=big)
    assert response.status_code == 413
    assert "limit is 5 MB" in response.json()["detail"]

    def chunks():  # streamed without a Content-Length: counted as it arrives
        for _ in range(6):
            yield b" " * 1_048_576

    streamed = client.post("/api/articles", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413
    assert store.stats()["articles"] == 0


@pytest.mark.parametrize("body", [b"{not json", b'{"text": 12}', b'{"title": "no text"}', b'{"text": "a", "x": 1}'])
def test_malformed_requests_are_422(client, body):
    response = client.post("/api/articles", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"]


def test_reads_are_answered_while_submissions_wait_for_the_models(tmp_path):
    """Articles are extracted one at a time; many waiting submissions must not hold every worker thread."""
    gate, entered = threading.Event(), threading.Event()

    class Busy(FakePipeline):
        def extract_one(self, article: Article) -> Extraction:
            entered.set()
            assert gate.wait(30)
            return super().extract_one(article)

    store = Store(f"sqlite:///{tmp_path / 'busy.db'}", resolver=None)
    with TestClient(create_app(store, pipeline_factory=Busy)) as client:
        codes: list[int] = []
        submitters = [threading.Thread(target=lambda n=n: codes.append(
            client.post("/api/articles", json={"text": f"{KIRKUK} ({n})"}).status_code)) for n in range(60)]
        for thread in submitters:
            thread.start()
        assert entered.wait(10)
        health: list[int] = []
        reader = threading.Thread(target=lambda: health.append(client.get("/api/health").status_code))
        reader.start()
        reader.join(timeout=5)
        answered_while_busy = not reader.is_alive()
        gate.set()
        for thread in [reader, *submitters]:
            thread.join(timeout=30)
    store.close()
    assert answered_while_busy and health == [200]
    assert codes == [201] * 60


# -- failures are JSON, never a traceback ----------------------------------------------------------------------

def test_models_that_cannot_load_are_503(store):
    def broken() -> FakePipeline:
        raise ModuleNotFoundError("No module named 'eventledger.extract.mentions'")

    with TestClient(create_app(store, pipeline_factory=broken)) as client:
        response = client.post("/api/articles", json={"text": KIRKUK})
    assert response.status_code == 503
    assert "extraction models cannot be loaded" in response.json()["detail"]
    assert store.stats()["articles"] == 0


def test_an_unexpected_error_is_a_short_json_500(store, caplog):
    class Crashing(FakePipeline):
        def extract_one(self, article: Article) -> Extraction:
            raise RuntimeError("bug in a stage")

    with TestClient(create_app(store, pipeline_factory=Crashing), raise_server_exceptions=False) as client:
        response = client.post("/api/articles", json={"text": KIRKUK})
        batch = client.post("/api/articles/batch", json={"articles": [{"text": KIRKUK}]}).json()
    assert response.status_code == 500
    assert response.json() == {"detail": "internal error (RuntimeError); it is logged on the server, please "
                                         "report it"}
    assert "Traceback" not in response.text
    assert batch["failed"] == 1 and "internal error" in batch["items"][0]["error"]
    assert "bug in a stage" in caplog.text  # ...but the server log has it


def test_a_database_failure_is_503(client, store, ids):
    with store.engine.begin() as conn:
        conn.execute(text("DROP TABLE reviews"))  # as if an operator broke the database under the server
    response = client.get(f"/api/events/{ids['kirkuk']}")
    assert response.status_code == 503
    assert "database is unavailable" in response.json()["detail"]
    assert client.get("/api/events").status_code == 200  # what does not need the lost table still works


@pytest.mark.skipif(importlib.util.find_spec("eventledger.resolve.dedup") is None,
                    reason="the store's default resolver (eventledger.resolve.dedup) has not landed yet")
def test_the_app_can_open_its_own_store(tmp_path):
    with TestClient(create_app(db_url=f"sqlite:///{tmp_path / 'own.db'}")) as client:
        assert client.get("/api/health").json()["db"] == "sqlite"


def test_unknown_paths_are_json_404(client):
    response = client.get("/api/nothing-here")
    assert response.status_code == 404 and response.json() == {"detail": "Not Found"}


# -- the real pipeline ------------------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("eventledger.extract.mentions") is None,
                    reason="the extraction stages (eventledger.extract.mentions, ...) have not landed yet")
def test_submitting_through_the_real_pipeline(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'real.db'}", resolver=None)
    with TestClient(create_app(store)) as client:
        response = client.post("/api/articles", json={"text": KIRKUK, "published": "2023-05-02"})
        assert response.status_code == 201
        result = response.json()
        assert result["stored"] and result["events"]
        event = client.get(f"/api/events/{result['events'][0]['id']}").json()["event"]
        assert event["event_date"] == "2023-05-01"  # "on Monday" before a Tuesday publication
        assert event["fatalities"] == 3
    store.close()


# -- the command line --------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_server_keeps_idle_connections_longer_than_clients_do():
    """Equal timeouts (uvicorn and httpx both 5 s) made requests fail with read errors under load: a client reused
    a connection just as the server closed it (benchmarks/api_load.py, 22 of 10,000). The client must let go first."""
    assert httpx.Limits().keepalive_expiry < KEEP_ALIVE_SECONDS


def test_serve_refuses_a_busy_port_with_a_clear_message(tmp_path):
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli_app, ["serve", "--port", str(port), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in " ".join(result.output.split())
    assert "Traceback" not in result.output


@pytest.mark.skipif(importlib.util.find_spec("eventledger.resolve.dedup") is None,
                    reason="the store's default resolver (eventledger.resolve.dedup) has not landed yet")
def test_eventledger_serve_answers_on_its_port(tmp_path):
    port = free_port()
    env = {**os.environ, "EVENTLEDGER_HOME": str(tmp_path), "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    server = subprocess.Popen([sys.executable, "-m", "eventledger", "serve", "--port", str(port), "--db",
                               str(tmp_path / "served.db")], env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2)
                break
            except httpx.TransportError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the server did not start: {server.communicate()[1]}")
                time.sleep(0.2)
        assert health.json() == {"status": "ok", "db": "sqlite"}
        assert httpx.get(f"http://127.0.0.1:{port}/api/events").json()["total"] == 0
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_api_docs_work_offline(client):
    """The docs page uses the Swagger UI shipped in the package, not a CDN."""
    page = client.get("/docs")
    assert page.status_code == 200
    assert "/vendor/swagger-ui-bundle.js" in page.text
    assert "https://" not in page.text.replace("https://github.com", "")
    assert client.get("/vendor/swagger-ui-bundle.js").status_code == 200
    assert client.get("/openapi.json").json()["info"]["title"] == "eventledger"
