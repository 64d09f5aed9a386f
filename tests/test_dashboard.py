"""The web dashboard in a real browser (Debian's Chromium driven by Playwright) against the real app.

The app runs under uvicorn on a free loopback port over a temporary SQLite store seeded with a few events built
from the models: one event reported by two articles with claims, a contradiction and evidence spans, and some
others for the filters, the map and the timeline. Screenshots go to artifacts/screenshots/ (CI collects them).
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import io
import json
import os
import shutil
import socket
import threading
import time
import urllib.request
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from eventledger.models import Actor, Article, Claim, Contradiction, Count, Event, Evidence, Extraction, Place
from eventledger.store import Store, schema

pytestmark = pytest.mark.browser

# The tests share one server and store; each review test works on its own event, so the order does not matter.
# Event ids shaped like the store's own (hex digests), which the ACLED export turns into numbers.
ID = {name: hashlib.sha256(name.encode()).hexdigest()[:20] for name in
      ("hasakah", "baghdad", "kirkuk", "kharkiv", "nairobi")}
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"

SOHR_TEXT = (
    "Syrian Democratic Forces fighters clashed with Islamic State militants near Al-Hasakah on Monday, "
    "killing at least 12 people, the Syrian Observatory for Human Rights said.\n\n"
    "The observatory, citing activists on the ground, said fighting continued into the night. "
    "Residents reported heavy gunfire near the Ghuwayran prison."
)
SANA_TEXT = (
    "State news agency SANA reported that seven people were killed in clashes in Hasaka on Monday.\n\n"
    "The SDF denied that its positions near the prison had been overrun."
)


def span(text: str, phrase: str, field: str, article_id: str, nth: int = 0) -> Evidence:
    """Evidence for the nth occurrence of `phrase` in `text` (fails loudly if the seed text changes)."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Evidence.from_text(text, start, start + len(phrase), field, article_id)


def sentence(text: str, phrase: str, article_id: str) -> Evidence:
    """The sentence around `phrase` (the seed texts have no abbreviations, so '. ' ends a sentence)."""
    at = text.index(phrase)
    stop = text.rfind(". ", 0, at)
    start = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, at) + 1)
    end = text.index(".", at) + 1
    return Evidence.from_text(text, start, end, "sentence", article_id)


def hasakah_event(sohr: Article, sana: Article) -> Event:
    """One clash reported by two outlets that disagree on the death toll (what the resolver would build)."""
    a, b = sohr.id, sana.id
    place = Place(name="Al-Hasakah", mention="Al-Hasakah", country="Syria", country_code="SY", iso=760,
                  region="Middle East", admin1="Al-Hasakah", latitude=36.5024, longitude=40.7477, geo_precision=1,
                  evidence=[span(SOHR_TEXT, "Al-Hasakah", "place", a), span(SANA_TEXT, "Hasaka", "place", b)])
    claims = [
        Claim(id="c1", source="Syrian Observatory for Human Rights", source_type="monitor", verb="said",
              strength="said", via=["activists on the ground"], field="fatalities", value="12",
              statement=sentence(SOHR_TEXT, "killing at least", a).text, article_id=a,
              evidence=[sentence(SOHR_TEXT, "killing at least", a).model_copy(update={"field": "claim"})]),
        Claim(id="c2", source="Sana", source_type="state_media", verb="reported", strength="reported",
              field="fatalities", value="7", statement=sentence(SANA_TEXT, "seven people", b).text, article_id=b,
              evidence=[sentence(SANA_TEXT, "seven people", b).model_copy(update={"field": "claim"})]),
        Claim(id="c3", source="Syrian Democratic Forces", source_type="armed_group", verb="denied",
              strength="denied", field="status", value="positions overrun",
              statement="The SDF denied that its positions near the prison had been overrun.", article_id=b,
              evidence=[span(SANA_TEXT, "The SDF denied that its positions near the prison had been overrun.",
                             "claim", b)]),
    ]
    return Event(
        id=ID["hasakah"], label="ARMED_CLASH", event_type="Battles", sub_event_type="Armed clash",
        disorder_type="Political violence", plover="FIGHT", cameo="190", confidence=0.91,
        trigger=span(SOHR_TEXT, "clashed", "trigger", a),
        sentences=[sentence(SOHR_TEXT, "clashed", a), sentence(SANA_TEXT, "clashes", b)],
        actor1=Actor(name="SDF: Syrian Democratic Forces", mention="Syrian Democratic Forces fighters", inter=2,
                     evidence=[span(SOHR_TEXT, "Syrian Democratic Forces fighters", "actor1", a)]),
        actor2=Actor(name="Islamic State (Syria)", mention="Islamic State militants", inter=2,
                     evidence=[span(SOHR_TEXT, "Islamic State militants", "actor2", a)]),
        interaction=22, place=place, event_date=date(2024, 3, 4), time_precision=1,
        date_evidence=[span(SOHR_TEXT, "on Monday", "date", a), span(SANA_TEXT, "on Monday", "date", b)],
        fatalities=7, fatalities_bound="exact",
        counts=[
            Count(kind="killed", value=12, low=12, bound="at_least", subject="people", text="at least 12 people",
                  source="Syrian Observatory for Human Rights",
                  evidence=[span(SOHR_TEXT, "at least 12 people", "fatalities", a)]),
            Count(kind="killed", value=7, bound="exact", subject="people", text="seven people", source="Sana",
                  evidence=[span(SANA_TEXT, "seven people", "fatalities", b)]),
        ],
        claims=claims,
        contradictions=[Contradiction(
            field="fatalities", claim_ids=["c1", "c2"], values=["12", "7"],
            sources=["Syrian Observatory for Human Rights", "Sana"],
            note="The monitor and state media give different death tolls.",
            chosen="7", rule="lowest credible figure",
        )],
        sources=["Syrian Observatory for Human Rights", "Sana", "Syrian Democratic Forces"],
        article_ids=[a, b],
        notes="SDF and Islamic State fighters clashed near Al-Hasakah; 7 to 12 killed.",
        merge_log=[f"article {b[:8]} merged: same day, places 0 km apart, same type family (Battles)"],
    )


def simple_event(eid: str, text: str, article_id: str, trigger: str, *, event_type: str, sub: str, label: str,
                 day: date, place: Place, fatalities: int, actor1: str, actor2: str | None = None) -> Event:
    return Event(
        id=eid, label=label, event_type=event_type, sub_event_type=sub,
        trigger=span(text, trigger, "trigger", article_id), sentences=[sentence(text, trigger, article_id)],
        actor1=Actor(name=actor1), actor2=Actor(name=actor2) if actor2 else None, place=place,
        event_date=day, time_precision=1, fatalities=fatalities, fatalities_bound="exact",
        claims=[Claim(id="c1", source="the article", strength="unattributed", statement=text, article_id=article_id)],
        sources=["the article"], article_ids=[article_id], notes=f"{sub} in {place.name}",
    )


def seed(store: Store) -> dict[str, str]:
    """Five events from five articles; returns {name: event id} (ids are hex, like the store's)."""
    sohr = Article(text=SOHR_TEXT, title="SDF and IS fighters clash near Hasakah", outlet="Observatory Wire",
                   url="https://example.org/sohr", published=date(2024, 3, 5))
    sana = Article(text=SANA_TEXT, title="Seven killed in Hasaka clashes", outlet="SANA", published=date(2024, 3, 5))
    # The second report is stored first; the merged event then links both articles, as the resolver would.
    store.add(Extraction(article=sana))
    store.add(Extraction(article=sohr, events=[hasakah_event(sohr, sana)]))
    with store.engine.begin() as conn:
        conn.execute(schema.event_articles.insert().values(event_id=ID["hasakah"], article_id=sana.id,
                                                           merge_reason="same day and place"))

    iraq = ("Protesters clashed with police in Baghdad on Tuesday, leaving two dead. "
            "Separately, gunmen attacked a checkpoint in Kirkuk, killing three policemen.")
    art = Article(text=iraq, title="Two incidents in Iraq", outlet="Wire", published=date(2024, 2, 21))
    irq = dict(country="Iraq", country_code="IQ", region="Middle East", geo_precision=1)
    store.add(Extraction(article=art, events=[
        simple_event(ID["baghdad"], iraq, art.id, "clashed", event_type="Riots", sub="Violent demonstration",
                     label="VIOL_DEMONSTR", day=date(2024, 2, 20), fatalities=2,
                     place=Place(name="Baghdad", admin1="Baghdad", latitude=33.34, longitude=44.40, **irq),
                     actor1="Rioters (Iraq)", actor2="Police Forces of Iraq (2022-)"),
        simple_event(ID["kirkuk"], iraq, art.id, "attacked", event_type="Violence against civilians",
                     sub="Attack", label="ATTACK", day=date(2024, 2, 27), fatalities=3,
                     place=Place(name="Kirkuk", admin1="Kirkuk", latitude=35.47, longitude=44.39, **irq),
                     actor1="Unidentified Armed Group (Iraq)", actor2="Police Forces of Iraq (2022-)"),
    ]))
    ukr = "A drone strike hit an apartment block in Kharkiv overnight, injuring five people, officials said."
    art = Article(text=ukr, title="Drone strike on Kharkiv", outlet="Wire", published=date(2024, 3, 11))
    store.add(Extraction(article=art, events=[simple_event(
        ID["kharkiv"], ukr, art.id, "drone strike", event_type="Explosions/Remote violence", sub="Air/drone strike",
        label="AIR_STRIKE", day=date(2024, 3, 10), fatalities=0,
        place=Place(name="Kharkiv", country="Ukraine", country_code="UA", admin1="Kharkiv", latitude=49.99,
                    longitude=36.23, geo_precision=1),
        actor1="Military Forces of Russia (2000-)")]))
    # Markup in the news text must show as text: the page escapes everything it did not write itself.
    ken = ('Hundreds of teachers marched peacefully in Nairobi on Monday to demand back pay, waving signs that read '
           '"<b>pay us</b> & <img src=x onerror=window.__xss=1>".')
    art = Article(text=ken, title="Teachers march in Nairobi", outlet="Wire", published=date(2024, 1, 16))
    store.add(Extraction(article=art, events=[simple_event(
        ID["nairobi"], ken, art.id, "marched", event_type="Protests", sub="Peaceful protest",
        label="PEACE_PROTEST", day=date(2024, 1, 15), fatalities=0,
        place=Place(name="Nairobi <img src=x onerror=window.__xss=3>", country="Kenya", country_code="KE",
                    admin1="Nairobi", latitude=-1.29,
                    longitude=36.82, geo_precision=1),
        actor1="Protesters (Kenya) <script>window.__xss=2</script>")]))
    return ID


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    uvicorn = pytest.importorskip("uvicorn")
    if importlib.util.find_spec("eventledger.serve.api") is None:
        pytest.skip("eventledger.serve.api (the REST API the dashboard talks to) is not in this checkout")
    from eventledger.serve.api import create_app

    store = Store(f"sqlite:///{tmp_path_factory.mktemp('dash') / 'events.db'}", resolver=None)
    seed(store)
    config = uvicorn.Config(create_app(store), host="127.0.0.1", port=free_port(), log_level="warning")
    app_server = uvicorn.Server(config)
    thread = threading.Thread(target=app_server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not app_server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the dashboard server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{config.port}"
    app_server.should_exit = True
    thread.join(10)
    store.close()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        reason = (f"Chromium is not installed at {CHROMIUM}: run scripts/test-services.sh as root "
                  "(it installs Debian's chromium package)")
        if os.environ.get("CI"):
            pytest.fail(reason)  # CI installs it first, so a missing browser there is a broken set-up, not a skip
        pytest.skip(reason)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


class Watch:
    """What a page did: console errors, uncaught exceptions, failed requests, and every host it contacted."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.hosts: set[str] = set()
        self.failed: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))
        page.on("request", lambda req: self.hosts.add(urlsplit(req.url).hostname or req.url.split(":")[0]))
        page.on("requestfailed", lambda req: self.failed.append(f"{req.url}: {req.failure}"))

    def assert_clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.failed == [], self.failed
        # Only the app itself (loopback) and inline data: URLs; never a CDN, a tile server or a font host.
        assert self.hosts <= {"127.0.0.1", "data"}, self.hosts


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=server)
    page = context.new_page()
    page.watch = Watch(page)
    yield page
    context.close()


def shot(page, name: str, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def api_get(server: str, path: str):
    with urllib.request.urlopen(server + path, timeout=10) as response:
        return json.loads(response.read())


def rows(page):
    return page.locator("#events-table tbody tr[data-event-id]")


def wait_rows(page, n: int) -> None:
    """Wait until the overview has settled (list, map and timeline loaded) showing n events."""
    page.wait_for_function(f"document.querySelectorAll('#events-table tbody tr[data-event-id]').length === {n}")
    page.wait_for_selector("#view-overview[data-loading]", state="detached")


def test_overview_shows_map_markers_timeline_and_table_offline(page, server):
    page.goto("/")
    page.wait_for_selector("path.country", state="attached")
    page.wait_for_function("document.querySelectorAll('path.event-marker').length === 5")
    assert page.locator("path.country").count() > 200  # the vendored world basemap, no tiles
    assert page.locator("img.leaflet-tile").count() == 0
    # No country ring jumps across the map (a stripe around the world): rings over the 180th meridian are unwrapped.
    jumps = page.evaluate("""() => {
      const jumps = [];
      window.dashboardMap.eachLayer((layer) => {
        const g = layer.feature && layer.feature.geometry;
        if (!g) return;
        const polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
        for (const ring of polys.flat()) {
          const jump = ring.some((p, i) => i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180);
          if (jump) jumps.push(layer.feature.properties.name);
        }
      });
      return jumps;
    }""")
    assert jumps == []
    bars = page.locator("#timeline g.bar")
    assert bars.count() >= 7
    assert sum(int(b.get_attribute("data-count")) for b in bars.all()) == 5
    assert rows(page).count() == 5
    assert page.locator("[data-stat=events] .stat-value").inner_text() == "5"
    assert page.locator("[data-stat=contradictions] .stat-value").inner_text() == "1"
    first = rows(page).first
    assert first.get_attribute("data-event-id") == ID["kharkiv"]  # newest first
    hid = ID["hasakah"]
    hasakah = page.locator(f"tr[data-event-id='{hid}']")
    assert "Al-Hasakah" in hasakah.inner_text() and "Armed clash" in hasakah.inner_text()
    assert hasakah.locator("td").nth(5).inner_text() == "2"  # two sources
    # A marker's popup links to its event page.
    page.locator(f"path.event-marker[data-event-id='{hid}']").click()
    link = page.locator(".leaflet-popup a.popup-link")
    assert link.get_attribute("href") == f"#/event/{hid}"
    page.mouse.move(5, 500)  # away from the marker: the popup stays, its hover tooltip goes
    page.wait_for_timeout(300)
    shot(page, "overview")
    page.watch.assert_clean()


def test_filters_narrow_the_list_and_live_in_the_url(page, server):
    page.goto("/")
    wait_rows(page, 5)
    page.fill("#f-country", "Iraq")
    page.press("#f-country", "Enter")
    wait_rows(page, 2)
    assert "country=Iraq" in page.url
    assert sorted(r.get_attribute("data-event-id") for r in rows(page).all()) == sorted([ID["baghdad"], ID["kirkuk"]])
    page.wait_for_function("document.querySelectorAll('path.event-marker').length === 2")
    export = page.locator(".exports a", has_text="ACLED CSV").get_attribute("href")
    assert "format=acled-csv" in export and "country=Iraq" in export

    page.select_option("#f-event_type", "Riots")
    wait_rows(page, 1)
    assert "event_type=Riots" in page.url

    # The hash is the state: a fresh page on the same URL shows the same selection.
    url = page.url
    page.goto("about:blank")
    page.goto(url)
    wait_rows(page, 1)
    assert page.locator("#f-country").input_value() == "Iraq"

    page.click("button:has-text('Reset')")
    wait_rows(page, 5)
    page.fill("#f-min_fatalities", "3")
    page.press("#f-min_fatalities", "Enter")
    wait_rows(page, 2)
    assert api_get(server, "/api/events?min_fatalities=3")["total"] == 2

    # Clicking a timeline bar filters to its dates (the list agrees with the API for that range).
    page.click("button:has-text('Reset')")
    wait_rows(page, 5)
    bar = page.locator("#timeline g.bar[data-count='1']").first
    start, end = bar.get_attribute("data-start"), bar.get_attribute("data-end")
    bar.click()
    wait_rows(page, 1)
    assert f"since={start}" in page.url and f"until={end}" in page.url
    assert api_get(server, f"/api/events?since={start}&until={end}")["total"] == 1
    assert page.locator("#timeline g.bar.selected").count() == 1
    shot(page, "filtered")
    page.watch.assert_clean()


def test_event_page_highlights_evidence_and_shows_claims_and_contradiction(page, server):
    page.goto(f"/#/event/{ID['hasakah']}")
    page.wait_for_selector("article.article")
    articles = page.locator("article.article")
    assert articles.count() == 2
    sohr, sana = articles.nth(0), articles.nth(1)
    assert sohr.locator("mark[data-field=trigger]").inner_text() == "clashed"
    assert sohr.locator("mark[data-field=actor1]").inner_text() == "Syrian Democratic Forces fighters"
    assert sohr.locator("mark[data-field=place]").inner_text() == "Al-Hasakah"
    assert sohr.locator("mark[data-field=count]").inner_text() == "at least 12 people"
    assert sana.locator("mark[data-field=place]").inner_text() == "Hasaka"
    assert sana.locator("mark[data-field=count]").inner_text() == "seven people"
    # Overlapping spans nest: the count mark lies inside the claim mark, and the article text is intact.
    assert sohr.locator("mark[data-field=claim] mark[data-field=count]").count() == 1
    assert sohr.locator(".article-text").inner_text() == SOHR_TEXT
    assert sana.locator(".article-text").inner_text() == SANA_TEXT
    assert page.locator(".warning").count() == 0  # every span matches the text at its offsets

    claims = page.locator("#claims")
    assert claims.locator(".source").count() == 3
    sohr_claims = claims.locator(".source[data-source='Syrian Observatory for Human Rights']")
    assert "activists on the ground" in sohr_claims.locator(".via").inner_text()
    assert "fatalities: 12" in sohr_claims.inner_text()
    assert "denied" in claims.locator(".source[data-source='Syrian Democratic Forces']").inner_text()

    contradiction = page.locator("#contradictions .contradiction[data-field=fatalities]")
    text = contradiction.inner_text()
    assert "12" in text and "7" in text and "Sana" in text and "Syrian Observatory for Human Rights" in text
    assert contradiction.locator(".chosen-value").inner_text() == "7"
    assert contradiction.locator(".rule").inner_text() == "lowest credible figure"
    assert "same type family" in page.locator("#merge-log").inner_text()
    assert "SDF: Syrian Democratic Forces" in page.locator("#record").inner_text()
    shot(page, "event")
    page.watch.assert_clean()


def test_review_accept_and_edit_are_stored_and_shown(page, server):
    page.goto(f"/#/event/{ID['kirkuk']}")
    page.wait_for_selector("#review-submit")
    assert page.locator("#review-status").inner_text().strip().endswith("unreviewed")
    page.fill("#review-reviewer", "analyst-1")
    page.fill("#review-note", "matches the wire copy")
    page.check("input[name=action][value=accept]")
    page.click("#review-submit")
    page.wait_for_selector("#review-status .status-accepted")
    assert "Stored review" in page.locator("#review-result").inner_text()
    stored = api_get(server, f"/api/events/{ID['kirkuk']}")
    assert stored["review_status"] == "accepted"
    assert [(r["action"], r["reviewer"], r["note"]) for r in stored["reviews"]] == [
        ("accept", "analyst-1", "matches the wire copy")]

    page.check("input[name=action][value=edit]")
    assert page.locator("#edit-fatalities").is_visible()
    page.fill("#edit-fatalities", "4")
    page.fill("#edit-actor2-name", "Police Forces of Iraq (2022-) Kirkuk Police")
    page.click("#review-submit")
    page.wait_for_selector("#review-status .status-edited")
    assert page.locator("#headline-fatalities").inner_text() == "4"
    assert "fatalities = 4" in page.locator("#review-result").inner_text()
    stored = api_get(server, f"/api/events/{ID['kirkuk']}")
    assert stored["review_status"] == "edited"
    assert stored["event"]["fatalities"] == 4
    assert stored["event"]["actor2"]["name"] == "Police Forces of Iraq (2022-) Kirkuk Police"
    assert stored["reviews"][-1]["changes"] == {"fatalities": 4,
                                                "actor2.name": "Police Forces of Iraq (2022-) Kirkuk Police"}
    assert page.locator(".review-history li").count() == 2
    shot(page, "review")

    # The list shows the new status, and the status filter finds it.
    page.goto("/#/?review_status=edited")
    page.wait_for_selector("#view-overview[data-loading]", state="detached")
    assert ID["kirkuk"] in [r.get_attribute("data-event-id") for r in rows(page).all()]
    assert set(rows(page).locator(".badge").all_inner_texts()) == {"edited"}
    page.watch.assert_clean()


def test_an_edit_with_no_change_is_refused_in_the_page(page, server):
    page.goto(f"/#/event/{ID['nairobi']}")
    page.wait_for_selector("#review-submit")
    page.check("input[name=action][value=edit]")
    page.click("#review-submit")
    assert "Change at least one field" in page.locator("#review-result").inner_text()
    assert api_get(server, f"/api/events/{ID['nairobi']}")["reviews"] == []

    page.check("input[name=action][value=reject]")
    page.fill("#review-note", "not a conflict event")
    page.click("#review-submit")
    page.wait_for_selector("#review-status .status-rejected")
    stored = api_get(server, f"/api/events/{ID['nairobi']}")
    assert stored["review_status"] == "rejected"
    assert [(r["action"], r["note"], r["changes"]) for r in stored["reviews"]] == [
        ("reject", "not a conflict event", {})]
    page.watch.assert_clean()


def test_unknown_event_says_so(page, server):
    page.goto("/#/event/no-such-event")
    page.wait_for_selector("#view-event .error")
    assert "no-such-event" in page.locator("#view-event .error").inner_text()
    # The 404 of the API call is reported by the browser as a console error; nothing else may be.
    assert all("404" in e for e in page.watch.errors), page.watch.errors


def test_exports_download_the_filtered_events_and_the_reviews(page, server):
    page.goto("/#/?country=Iraq")
    wait_rows(page, 2)
    with page.expect_download() as info:
        page.click(".exports a:has-text('ACLED CSV')")
    table = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert sorted(row["location"] for row in table) == ["Baghdad", "Kirkuk"]
    with page.expect_download() as info:
        page.click(".exports a:has-text('GeoJSON')")
    features = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))["features"]
    assert sorted(f["id"] for f in features) == sorted([ID["baghdad"], ID["kirkuk"]])
    with page.expect_download() as info:
        page.click(".exports a:has-text('Gold reviews')")
    assert info.value.suggested_filename.endswith(".jsonl")
    page.watch.assert_clean()


def test_the_timeline_and_the_event_links_work_from_the_keyboard(page, server):
    page.goto("/")
    wait_rows(page, 5)
    bar = page.locator("#timeline g.bar[data-count='1']").last
    start = bar.get_attribute("data-start")
    bar.focus()
    page.keyboard.press("Enter")
    wait_rows(page, 1)
    assert f"since={start}" in page.url
    link = rows(page).first.locator("a")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("article.article")
    assert page.evaluate("document.activeElement.id") == "event-title"
    page.watch.assert_clean()


def test_the_event_page_steps_through_the_list(page, server):
    page.goto("/#/?country=Iraq")
    wait_rows(page, 2)
    first, second = (r.get_attribute("data-event-id") for r in rows(page).all())
    rows(page).first.locator("a").click()
    page.wait_for_selector("article.article >> nth=0")
    assert "1 of 2 on this page" in page.locator("nav.back").inner_text()
    page.click("nav.back a[rel=next]")
    page.wait_for_function(f"location.hash === '#/event/{second}' && !!document.querySelector('#record')")
    page.wait_for_selector("nav.back a[rel=prev]")
    assert second in page.locator("#record").inner_text()
    assert page.locator("nav.back a[rel=next]").count() == 0
    assert page.locator("nav.back a[rel=prev]").get_attribute("href") == f"#/event/{first}"
    page.keyboard.press("k")  # back to the first one from the keyboard
    page.wait_for_function(f"location.hash === '#/event/{first}'")
    page.wait_for_selector("nav.back a[rel=next]")
    page.click("nav.back a:has-text('All events')")
    wait_rows(page, 2)
    assert "country=Iraq" in page.url
    page.watch.assert_clean()


def test_markup_in_the_news_is_shown_as_text_never_run(page, server):
    page.goto("/#/?q=nairobi")
    wait_rows(page, 1)
    assert "<script>" in rows(page).first.inner_text()
    assert "<img src=x" in rows(page).first.inner_text()
    page.hover("path.event-marker")  # the tooltip names the place
    assert "Nairobi <img src=x" in page.locator(".leaflet-tooltip").inner_text()
    page.click("path.event-marker")
    assert "Nairobi <img src=x" in page.locator(".leaflet-popup").inner_text()
    assert page.locator(".leaflet-tooltip img, .leaflet-popup img").count() == 0
    page.goto(f"/#/event/{ID['nairobi']}")
    page.wait_for_selector("article.article")
    body = page.locator(".article-text")
    assert '"<b>pay us</b> & <img src=x onerror=window.__xss=1>"' in body.inner_text()
    assert body.locator("b, img").count() == 0
    assert page.locator("#record script").count() == 0
    assert page.evaluate("window.__xss") is None
    page.watch.assert_clean()


def test_pages_and_map_area(page, server):
    page.goto("/#/?size=2")
    wait_rows(page, 2)
    assert "Page 1 of 3" in page.locator(".pager").inner_text()
    first_page = [r.get_attribute("data-event-id") for r in rows(page).all()]
    page.click(".pager button:has-text('Next')")
    # (the click's reload may not have begun when the first page's two rows still satisfy wait_rows)
    page.wait_for_function("ids => !ids.includes(document.querySelector("
                           "'#events-table tbody tr[data-event-id]')?.getAttribute('data-event-id'))", arg=first_page)
    wait_rows(page, 2)
    assert "page=2" in page.url
    second_page = [r.get_attribute("data-event-id") for r in rows(page).all()]
    page.click(".pager button:has-text('Next')")
    wait_rows(page, 1)
    assert not set(first_page) & set(second_page)
    assert page.locator(".pager button:has-text('Next')").is_disabled()

    # "Only events in this map view": zoomed on the Middle East, Kenya and Ukraine drop out.
    page.goto("/")
    wait_rows(page, 5)
    page.evaluate("window.dashboardMap.setView([35, 42], 6, {animate: false})")
    page.click("button:has-text('Only events in this map view')")
    wait_rows(page, 3)
    assert "bbox=" in page.url
    assert api_get(server, "/api/events?" + page.url.split("?", 1)[1])["total"] == 3
    page.click("button:has-text('Clear map area')")
    wait_rows(page, 5)
    page.watch.assert_clean()


def test_an_edit_of_the_type_brings_its_label_and_a_refusal_is_shown(page, server):
    page.goto(f"/#/event/{ID['kharkiv']}")
    page.wait_for_selector("#review-submit")
    page.check("input[name=action][value=edit]")
    assert page.locator("#edit-event_type").input_value() == "Explosions/Remote violence"
    page.select_option("#edit-event_type", "Protests")
    assert page.locator("#edit-sub_event_type").input_value() == "Peaceful protest"
    page.select_option("#edit-sub_event_type", "Protest with intervention")
    page.click("#review-submit")
    page.wait_for_selector("#review-status .status-edited")
    stored = api_get(server, f"/api/events/{ID['kharkiv']}")
    assert stored["reviews"][-1]["changes"] == {
        "event_type": "Protests", "sub_event_type": "Protest with intervention", "label": "PROTEST_WITH_INTER"}
    assert (stored["event"]["event_type"], stored["event"]["label"]) == ("Protests", "PROTEST_WITH_INTER")

    # When the server refuses a review (422), the page says why and keeps the form. The refusal is simulated
    # here because the form itself cannot produce an invalid edit.
    page.route("**/reviews", lambda route: route.fulfill(
        status=422, content_type="application/json",
        body=json.dumps({"detail": "cannot apply the changes: fatalities: value is not a valid integer"})))
    page.check("input[name=action][value=reject]")
    page.click("#review-submit")
    page.wait_for_selector("#review-result .error-text")
    assert "fatalities: value is not a valid integer" in page.locator("#review-result").inner_text()
    assert page.locator("#review-submit").is_enabled()
    assert api_get(server, f"/api/events/{ID['kharkiv']}")["review_status"] == "edited"
    assert all("422" in e for e in page.watch.errors), page.watch.errors


def test_a_phone_sized_screen_gets_no_sideways_scrolling(browser, server):
    context = browser.new_context(viewport={"width": 400, "height": 850}, base_url=server, is_mobile=True)
    page = context.new_page()
    watch = Watch(page)
    try:
        page.goto("/")
        wait_rows(page, 5)
        assert page.evaluate("document.documentElement.scrollWidth") <= 400
        assert page.locator("details.map-legend").get_attribute("open") is None  # folded, the map stays visible
        shot(page, "overview-narrow", full_page=False)
        page.goto(f"/#/event/{ID['hasakah']}")
        page.wait_for_selector("article.article")
        assert page.evaluate("document.documentElement.scrollWidth") <= 400
        shot(page, "event-narrow", full_page=False)
        watch.assert_clean()
    finally:
        context.close()


def test_highlighting_splits_crossing_spans_and_counts_code_points(page, server):
    """The span splitter and the timeline binning, run in the browser on cases the seed does not have."""
    page.goto("/")
    wait_rows(page, 5)
    result = page.evaluate("""async () => {
      const { highlight } = await import("./js/highlight.js");
      const { binDates } = await import("./js/timeline.js");
      // Python offsets count code points: the emoji is one character there, two UTF-16 units here.
      const text = "🔥 Shelling on Monday, killing 12 people.";
      const spans = [
        { start: 2, end: 10, field: "trigger", text: "Shelling", label: "t" },
        { start: 11, end: 28, field: "date", text: "on Monday, killin", label: "d" },   // crosses the count
        { start: 22, end: 39, field: "count", text: "killing 12 people", label: "c" },
        { start: 30, end: 99, field: "claim", text: "stale", label: "x" },              // past the end, stale
      ];
      const box = document.createElement("div");
      const { fragment, mismatches } = highlight(text, spans);
      box.append(fragment);
      const pieces = (f) => [...box.querySelectorAll(`mark[data-field=${f}]`)].map((m) => m.textContent).join("|");
      return {
        text: box.textContent, trigger: pieces("trigger"), date: pieces("date"), count: pieces("count"),
        nested: box.querySelectorAll("mark[data-field=count] mark[data-field=date], " +
                                     "mark[data-field=date] mark[data-field=count]").length,
        mismatches: mismatches.map((m) => m.field),
        days: binDates(["2024-01-01", "2024-01-03"]).bins.length,
        weeks: binDates(["2024-01-01", "2024-06-30"]).unit,
        months: binDates(["2019-01-01", "2024-06-30"]).bins.length,
      };
    }""")
    assert result["text"] == "🔥 Shelling on Monday, killing 12 people."
    assert result["trigger"] == "Shelling"
    assert result["date"] == "on Monday, |killin"  # cut where the count starts, so the marks nest
    assert result["count"] == "killin|g |12 people"  # and again where the (clipped) claim starts
    assert result["nested"] == 1
    assert result["mismatches"] == ["claim"]
    assert (result["days"], result["weeks"], result["months"]) == (3, "week", 66)
