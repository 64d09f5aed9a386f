"""The command line, as a user runs it: clear output, idempotent ingestion, exit codes, no tracebacks."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventledger.cli import app

SEED = Path(__file__).resolve().parent / "data" / "ingest" / "hasaka.txt"  # a copy of shared/examples/hasaka.txt
runner = CliRunner()

REPORT = ("Gunmen attacked a police checkpoint in Kirkuk on Monday, killing three policemen, an Iraqi security "
          "official said. Two attackers were arrested after a gunfight.\n")


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTLEDGER_HOME", str(tmp_path / "home"))
    return tmp_path


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.mark.slow
@pytest.mark.skipif(not SEED.exists(), reason="the shared seed article is not beside this clone")
def test_extract_prints_the_seed_article_events_as_json():
    result = run("extract", str(SEED), "--published", "2022-01-21", "--format", "json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    text = payload["article"] and SEED.read_text(encoding="utf-8")
    assert len(payload["events"]) >= 4
    for event in payload["events"]:
        trigger = event["trigger"]
        assert trigger["text"] in text


@pytest.mark.slow
def test_ingest_is_idempotent_and_events_and_export_read_the_store(home):
    report = home / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    db = str(home / "events.db")
    first = run("ingest", str(report), "--db", db, "--published", "2023-05-02")
    assert first.exit_code == 0, first.output
    assert "1 new" in first.stderr
    again = run("ingest", str(report), "--db", db, "--published", "2023-05-02")
    assert again.exit_code == 0 and "0 new, 1 already stored" in again.stderr

    listed = run("events", "--db", db, "--format", "json")
    events = json.loads(listed.stdout)
    assert events and all(e["article_ids"] for e in events)

    exported = run("export", "--db", db, "--format", "acled-csv")
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert len(rows) == len(events)
    out = home / "events.geojson"
    assert run("export", "--db", db, "--format", "geojson", "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text())["type"] == "FeatureCollection"


def test_missing_input_is_a_clear_error_not_a_traceback(home):
    result = run("extract", str(home / "nope.txt"))
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "nope.txt" in result.output


def test_events_without_a_database_says_what_to_do(home):
    result = run("events", "--db", str(home / "missing.db"))
    assert result.exit_code == 2
    assert "eventledger ingest" in result.stderr


def test_bad_option_values_are_rejected():
    assert run("extract", "x.txt", "--published", "21/01/2022").exit_code == 2
    assert run("export", "--format", "xlsx").exit_code == 2


@pytest.mark.slow
def test_demo_prints_the_summary_table(home):
    result = run("demo")
    assert result.exit_code == 0, result.output
    assert "Demo: events found" in result.stdout
    assert "backed by several articles" in result.stdout
