"""Durability: `eventledger ingest` killed mid-batch leaves a consistent database that a re-run completes
without duplicates; two ingest processes on the same database (SQLite WAL, PostgreSQL) lose and duplicate
nothing. These run the real CLI in subprocesses with the real pipeline."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import uuid
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

SRC = Path(__file__).resolve().parents[1] / "src"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"

# Short reports in our own words; combined so that every article text is different.
PLACES = ["Kirkuk", "Mosul", "Aleppo", "Homs", "Idlib", "Deir ez-Zor", "Raqqa", "Kandahar", "Maiduguri", "Mogadishu",
          "Gao", "Kidal", "Sanaa", "Taiz", "Benghazi"]
ACTORS = [("Gunmen", "a police checkpoint"), ("Militants", "an army post"), ("Unidentified attackers", "a market"),
          ("Fighters of an armed group", "a village"), ("Suicide bombers", "a mosque")]
CLOSERS = ["police said on Tuesday.", "a local official said.", "the health ministry said.",
           "residents told reporters.", "the army said in a statement."]


def report(i: int) -> str:
    place = PLACES[i % len(PLACES)]
    actor, target = ACTORS[(i // len(PLACES)) % len(ACTORS)]
    closer = CLOSERS[i % len(CLOSERS)]
    killed, wounded = 2 + i % 9, 1 + (i * 7) % 13
    return (f"{actor} attacked {target} in {place} on Monday, killing {killed} people and wounding {wounded} "
            f"others, {closer} Security forces arrested {3 + i % 5} suspects after the attack (report {i}).\n")


def write_corpus(folder: Path, numbers: range) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in numbers:
        (folder / f"report-{i:03d}.txt").write_text(report(i), encoding="utf-8")
    return folder


def ingest_cmd(db: str, *paths: Path) -> list[str]:
    return [sys.executable, "-m", "eventledger", "ingest", *map(str, paths), "--db", db, "--published", "2023-05-02"]


def env(home: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(SRC), "EVENTLEDGER_HOME": str(home), "HF_HUB_OFFLINE": "1"}


def snapshot(url: str) -> dict[str, object]:
    """What a consistent database holds: article ids, event ids, links, and the mention each event came from."""
    engine = create_engine(url)
    with engine.connect() as conn:
        articles = [r[0] for r in conn.execute(text("SELECT id FROM articles"))]
        events = [r[0] for r in conn.execute(text("SELECT id FROM events"))]
        links = [tuple(r) for r in conn.execute(text("SELECT event_id, article_id FROM event_articles"))]
        creators = [tuple(r) for r in conn.execute(text(
            "SELECT ea.article_id, e.payload FROM event_articles ea JOIN events e ON e.id = ea.event_id "
            "WHERE ea.merge_reason IS NULL"))]
        orphans = conn.execute(text(
            "SELECT count(*) FROM events e WHERE NOT EXISTS "
            "(SELECT 1 FROM event_articles ea WHERE ea.event_id = e.id)")).scalar_one()
        dangling = conn.execute(text(
            "SELECT count(*) FROM event_articles ea WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = "
            "ea.article_id) OR NOT EXISTS (SELECT 1 FROM events e WHERE e.id = ea.event_id)")).scalar_one()
    engine.dispose()
    mentions = Counter()
    for article_id, payload in creators:
        data = payload if isinstance(payload, dict) else json.loads(payload)
        trigger = data.get("trigger") or {}
        mentions[(article_id, trigger.get("start"), trigger.get("end"))] += 1
    return {"articles": articles, "events": events, "links": links, "mentions": mentions, "orphans": orphans,
            "dangling": dangling}


def assert_consistent(snap: dict[str, object]) -> None:
    assert len(snap["articles"]) == len(set(snap["articles"]))
    assert len(snap["links"]) == len(set(snap["links"]))
    assert snap["orphans"] == 0, "an event without its article: half-written"
    assert snap["dangling"] == 0
    duplicated = [key for key, n in snap["mentions"].items() if n > 1]
    assert not duplicated, f"the same mention stored as several events: {duplicated[:3]}"


def count_articles(db_file: Path) -> int:
    if not db_file.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db_file}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # tables not created yet
        return 0


@pytest.fixture
def pg_schema():
    """A schema of our own in the shared test database, dropped afterwards."""
    psycopg = pytest.importorskip("psycopg")
    name = f"durability_{uuid.uuid4().hex[:10]}"
    try:
        conn = psycopg.connect("postgresql://postgres@127.0.0.1:5432/test", autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as err:
        pytest.skip(f"PostgreSQL is not running: {err}")
    conn.execute(f'CREATE SCHEMA "{name}"')
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{name}"
    finally:
        conn.execute(f'DROP SCHEMA "{name}" CASCADE')
        conn.close()


OPEN_STORE = "import sys; from eventledger.store import Store; Store(sys.argv[1], resolver=None)"


def open_at_once(url: str, home: Path, processes: int = 4) -> list[str]:
    procs = [subprocess.Popen([sys.executable, "-c", OPEN_STORE, url], env=env(home), stderr=subprocess.PIPE,
                              text=True) for _ in range(processes)]
    return [err.strip().splitlines()[-1] for proc in procs if (err := proc.communicate(timeout=120)[1]) and
            proc.returncode]


def test_processes_opening_a_new_sqlite_database_at_once(tmp_path):
    """Two `ingest` runs started together on a new file used to fail with "database is locked"."""
    for trial in range(3):
        assert open_at_once(f"sqlite:///{tmp_path / f'new-{trial}.db'}", tmp_path) == []


@pytest.mark.postgres
def test_processes_opening_a_new_postgresql_schema_at_once(tmp_path, pg_schema):
    """...and on PostgreSQL with a duplicate-key error from CREATE TABLE."""
    assert open_at_once(pg_schema, tmp_path) == []
