"""`eventledger watch`: folders and feeds, once or continuously, stopped cleanly, bad sources refused clearly.

Most tests hand the watcher an ingest function that stores articles in a real SQLite store without running the
models (the extraction has its own tests); the CLI test at the end runs the whole pipeline.
"""

from __future__ import annotations

import importlib.util
import json
import threading
import time
from collections.abc import Iterable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventledger.cli import app
from eventledger.models import Article, Extraction
from eventledger.store import Store
from eventledger.watch import LRUSet, Watcher

runner = CliRunner()
REPORTS = [
    "Gunmen attacked a police checkpoint in Kirkuk on Monday, killing three policemen, an Iraqi security official "
    "said.",
    "Police in Nairobi fired tear gas on Tuesday to disperse hundreds of protesters, a police spokesman said.",
    "Russian artillery shelled residential streets of Kupiansk on Saturday, killing two civilians, the regional "
    "governor said.",
    "Armed bandits kidnapped 25 pupils from a school in Kuriga, Kaduna State, on Sunday, officials said.",
]


@pytest.fixture
def store(tmp_path):
    # No resolver: these tests are about what reaches the store, not about merging events.
    s = Store(f"sqlite:///{tmp_path / 'watch.db'}", resolver=None)
    yield s
    s.close()


def storing(store: Store, calls: list[int] | None = None):
    """An ingest function that stores each article (no extraction) and returns the CLI's summary counts."""

    def ingest(articles: Iterable[Article]) -> dict[str, int]:
        summary = {"read": 0, "new": 0, "known": 0, "inserted": 0, "merged": 0}
        for article in articles:
            summary["read"] += 1
            new = store.add(Extraction(article=article)).new_article
            summary["new" if new else "known"] += 1
        if calls is not None:
            calls.append(summary["read"])
        return summary

    return ingest


def write_atomically(path: Path, text: str) -> None:
    """Write beside the target under a hidden name, then rename: the watcher never sees a half-written file."""
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_text(text, encoding="utf-8")
    tmp.rename(path)


def wait_for(condition, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


# -- folders ---------------------------------------------------------------------------------------------------------

def test_folder_once_reads_every_visible_file_and_then_only_changed_ones(tmp_path, store):
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    (inbox / "a.txt").write_text(REPORTS[0], encoding="utf-8")
    (inbox / "sub" / "b.jsonl").write_text(
        "\n".join(json.dumps({"text": t, "published": "2025-03-01"}) for t in REPORTS[1:3]) + "\n", encoding="utf-8")
    (inbox / ".draft.txt").write_text(REPORTS[3], encoding="utf-8")  # hidden: never an article
    calls: list[int] = []
    watcher = Watcher(str(inbox), interval=0.2)

    summary = watcher.run(storing(store, calls), once=True)
    assert summary.files == 2 and summary.totals["read"] == 3 and summary.totals["new"] == 3
    assert store.stats()["articles"] == 3

    watcher.run(storing(store, calls), once=True)  # nothing changed: nothing read
    assert calls == [3]

    (inbox / "a.txt").write_text(REPORTS[0] + " Two attackers were arrested.", encoding="utf-8")
    again = watcher.run(storing(store, calls), once=True)
    assert calls == [3, 1] and again.totals["new"] == 4 and store.stats()["articles"] == 4


def test_a_fresh_watcher_rereads_the_folder_and_the_store_keeps_one_copy(tmp_path, store):
    (tmp_path / "a.txt").write_text(REPORTS[0], encoding="utf-8")
    Watcher(str(tmp_path / "a.txt")).run(storing(store), once=True)
    second = Watcher(str(tmp_path / "a.txt")).run(storing(store), once=True)
    assert second.totals["known"] == 1 and second.totals["new"] == 0
    assert store.stats()["articles"] == 1


def test_a_file_added_while_watching_is_ingested_and_stop_ends_the_watch(tmp_path, store):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "first.txt").write_text(REPORTS[0], encoding="utf-8")
    stop = threading.Event()
    messages: list[str] = []
    watcher = Watcher(str(inbox), interval=30, stop=stop, log=messages.append)
    thread = threading.Thread(target=watcher.run, args=(storing(store),), daemon=True)
    thread.start()
    try:
        assert wait_for(lambda: any(m.startswith("watching") for m in messages)), messages
        assert store.stats()["articles"] == 1

        write_atomically(inbox / "second.txt", REPORTS[1])
        assert wait_for(lambda: store.stats()["articles"] == 2), messages
        # The watch is surely running now; with interval=30 only the OS notification can bring this one in time.
        nested = inbox / "later"
        nested.mkdir()
        write_atomically(nested / "third.txt", REPORTS[2])
        assert wait_for(lambda: store.stats()["articles"] == 3, timeout=15), messages
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive(), "the watcher did not stop"
    assert watcher.summary.files == 3 and watcher.summary.totals["new"] == 3


def test_ctrl_c_stops_with_a_summary_and_keeps_what_was_stored(tmp_path, store):
    for i, text in enumerate(REPORTS[:3]):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")

    def interrupted_after_two(articles: Iterable[Article]) -> dict[str, int]:
        for n, article in enumerate(articles):
            if n == 2:
                raise KeyboardInterrupt
            store.add(Extraction(article=article))
        return {}

    summary = Watcher(str(tmp_path)).run(interrupted_after_two)
    assert summary.interrupted
    assert store.stats()["articles"] == 2


def test_lru_set_forgets_the_oldest_keys():
    seen = LRUSet(capacity=3)
    for key in "abcd":
        seen.add(key)
    assert len(seen) == 3 and "a" not in seen and "d" in seen


# -- feeds -----------------------------------------------------------------------------------------------------------

def rss(items: list[tuple[str, str]]) -> bytes:
    body = "".join(f"<item><title>{title}</title><link>https://example.org/{i}</link><guid>{i}</guid>"
                   f"<pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate><description>{text}</description></item>"
                   for i, (title, text) in enumerate(items))
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test Wire</title>'
            f"<link>https://example.org/</link>{body}</channel></rss>").encode()


class FeedServer:
    """A feed on 127.0.0.1 that answers conditional requests (ETag) and records what it was asked."""

    def __init__(self) -> None:
        self.body = rss([])
        self.requests: list[dict[str, str]] = []
        self.not_modified = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append(dict(self.headers))
                if self.path != "/feed.xml":
                    self.send_error(404, "Not Found")
                    return
                etag = f'"{hash(server.body) & 0xFFFFFFFF:x}"'
                if self.headers.get("If-None-Match") == etag:
                    server.not_modified += 1
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(server.body)))
                self.end_headers()
                self.wfile.write(server.body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> FeedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def feed() -> Iterator[FeedServer]:
    with FeedServer() as server:
        yield server


def test_feed_once_ingests_its_items(feed, store):
    feed.body = rss([("Checkpoint attack", REPORTS[0]), ("Tear gas in Nairobi", REPORTS[1])])
    summary = Watcher(f"{feed.url}/feed.xml").run(storing(store), once=True)
    assert summary.feed_items == 2 and summary.totals["new"] == 2
    titles = {a.title for a in store.articles()}
    assert titles == {"Checkpoint attack", "Tear gas in Nairobi"}
    assert all(a.published and a.published.isoformat() == "2025-03-03" for a in store.articles())


def test_feed_polling_reads_only_new_items_and_uses_conditional_requests(feed, store):
    feed.body = rss([("Checkpoint attack", REPORTS[0])])
    stop = threading.Event()
    calls: list[int] = []
    watcher = Watcher(f"{feed.url}/feed.xml", interval=0.1, stop=stop)
    thread = threading.Thread(target=watcher.run, args=(storing(store, calls),), daemon=True)
    thread.start()
    try:
        assert wait_for(lambda: store.stats()["articles"] == 1)
        assert wait_for(lambda: feed.not_modified >= 2)  # unchanged feed: 304, nothing parsed
        assert any(r.get("If-None-Match") for r in feed.requests)
        feed.body = rss([("Checkpoint attack", REPORTS[0]), ("Shelling in Kupiansk", REPORTS[2])])
        assert wait_for(lambda: store.stats()["articles"] == 2)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
    assert calls == [1, 1]  # the old item was not read again
    assert watcher.summary.feed_items == 2 and watcher.summary.errors == 0


def test_a_feed_that_fails_after_the_first_poll_is_retried_not_fatal(feed, store):
    feed.body = rss([("Checkpoint attack", REPORTS[0])])
    stop = threading.Event()
    messages: list[str] = []
    watcher = Watcher(f"{feed.url}/feed.xml", interval=0.1, stop=stop, log=messages.append)
    thread = threading.Thread(target=watcher.run, args=(storing(store),), daemon=True)
    thread.start()
    try:
        assert wait_for(lambda: store.stats()["articles"] == 1)
        feed.body = b"<html><body>maintenance</body></html>"
        assert wait_for(lambda: watcher.summary.errors >= 1)
        feed.body = rss([("Abduction in Kuriga", REPORTS[3])])
        assert wait_for(lambda: store.stats()["articles"] == 2)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert any("poll failed" in m for m in messages)


# -- the command -----------------------------------------------------------------------------------------------------

@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTLEDGER_HOME", str(tmp_path / "home"))
    return tmp_path


@pytest.mark.parametrize("where", ["http://127.0.0.1:9/feed.xml", "{feed}/missing.xml", "{feed}/feed.xml",
                                   "https:///feed.xml", "no/such/folder"])
def test_a_bad_source_is_a_clear_error_with_a_non_zero_exit_and_no_database(where, feed, home):
    feed.body = b"<html><body>not a feed</body></html>"
    db = home / "events.db"
    result = runner.invoke(app, ["watch", where.format(feed=feed.url), "--db", str(db), "--once"])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error:") and "Traceback" not in result.output
    assert not db.exists()


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("eventledger.extract.mentions") is None
                    or importlib.util.find_spec("eventledger.resolve.dedup") is None,
                    reason="the extraction stages are not on main yet")
def test_watch_once_on_a_folder_runs_the_pipeline_and_is_idempotent(home):
    inbox = home / "inbox"
    inbox.mkdir()
    (inbox / "kirkuk.txt").write_text(REPORTS[0], encoding="utf-8")
    (inbox / "nairobi.txt").write_text(REPORTS[1], encoding="utf-8")
    db = str(home / "events.db")
    first = runner.invoke(app, ["watch", str(inbox), "--db", db, "--once"])
    assert first.exit_code == 0, first.output
    assert "2 articles read, 2 new" in first.stderr
    assert json.loads(runner.invoke(app, ["events", "--db", db, "--format", "json"]).stdout)
    again = runner.invoke(app, ["watch", str(inbox), "--db", db, "--once"])
    assert again.exit_code == 0 and "0 new, 2 already stored" in again.stderr
