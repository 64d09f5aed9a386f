"""The Ray engine on a local Ray instance (2 CPUs, small object store, no dashboard, no usage report): results
come back in input order, Ray is shut down afterwards, and `ingest --engine ray` stores exactly what the local
engine stores, merges of duplicate reports across batches included."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventledger.cli import app

ray = pytest.importorskip("ray")

pytestmark = pytest.mark.slow
runner = CliRunner()
DEMO = Path(__file__).resolve().parents[1] / "src" / "eventledger" / "data" / "demo" / "reports.jsonl"
STAGES_LANDED = all(importlib.util.find_spec(m) is not None for m in (
    "eventledger.extract.mentions", "eventledger.extract.attribution", "eventledger.extract.finalize",
    "eventledger.resolve.dedup"))


@pytest.fixture(autouse=True)
def quiet_ray(monkeypatch):
    monkeypatch.setenv("RAY_USAGE_STATS_ENABLED", "0")
    monkeypatch.setenv("EVENTLEDGER_RAY_OBJECT_STORE_MB", "128")
    yield
    if ray.is_initialized():  # a failed test must not leave Ray running for the next one
        ray.shutdown()


def test_ray_extraction_keeps_input_order_and_shuts_down_the_ray_it_started():
    from eventledger.engines.ray_engine import extract_with_ray
    from eventledger.models import Article

    lines = DEMO.read_text(encoding="utf-8").splitlines()
    articles = [Article(**{k: v for k, v in json.loads(line).items() if v is not None}) for line in lines]
    # The stages that exist on every branch; the spaCy pass and batching are what is under test here.
    got = list(extract_with_ray(articles, workers=2, batch_size=4, stages=("dates", "counts")))
    assert [x.article.id for x in got] == [a.id for a in articles]
    assert [x.article.published for x in got] == [a.published for a in articles]
    assert not ray.is_initialized()


def event_view(db: str) -> list[tuple]:
    result = runner.invoke(app, ["events", "--db", db, "--format", "json", "--limit", "1000"])
    assert result.exit_code == 0, result.output
    return sorted((
        (tuple(sorted(e["article_ids"])), e.get("event_type"), e.get("sub_event_type"), e.get("event_date"),
         (e.get("place") or {}).get("name"), e.get("fatalities"), len(e.get("sources") or []),
         len(e.get("contradictions") or []))
        for e in json.loads(result.stdout)
    ), key=repr)  # None and numbers do not compare


@pytest.mark.skipif(not STAGES_LANDED, reason="the extraction stages are not on main yet")
def test_ingest_on_ray_stores_the_same_events_and_merges_as_the_local_engine(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTLEDGER_HOME", str(tmp_path / "home"))
    folder = tmp_path / "reports"
    folder.mkdir()
    # One report per file, several reports per incident (Mogadishu x3, Kupiansk x3, Tawila, Nairobi, Kuriga,
    # Seytenga x2), and one file twice: 19 files, more than two Ray batches, duplicates in different batches.
    for number, line in enumerate(DEMO.read_text(encoding="utf-8").splitlines(), start=1):
        (folder / f"{number:02d}.jsonl").write_text(line + "\n", encoding="utf-8")
    shutil.copy(folder / "01.jsonl", folder / "20-copy-of-01.jsonl")

    local_db, ray_db = str(tmp_path / "local.db"), str(tmp_path / "ray.db")
    local = runner.invoke(app, ["ingest", str(folder), "--db", local_db])
    assert local.exit_code == 0, local.output
    on_ray = runner.invoke(app, ["ingest", str(folder), "--db", ray_db, "--engine", "ray", "--workers", "2"])
    assert on_ray.exit_code == 0, on_ray.output
    assert not ray.is_initialized()

    def summary(output: str) -> str:
        words = " ".join(output.split())  # rich wraps lines at the terminal width
        return words[words.index("read "):words.index(" inputs skipped")]

    assert summary(on_ray.stderr) == summary(local.stderr)  # same counts of new, inserted and merged events
    assert "18 new, 1 already stored" in summary(local.stderr)
    assert "merged into known events" in summary(local.stderr) and " 0 merged" not in summary(local.stderr)
    assert event_view(ray_db) == event_view(local_db)
    assert any(len(view[0]) > 1 for view in event_view(ray_db))  # some events are backed by several articles


def test_ray_settings_stay_off_the_network():
    from eventledger.engines.ray_engine import connect

    assert connect(num_cpus=1) is True
    try:
        assert os.environ["RAY_USAGE_STATS_ENABLED"] == "0"
        assert connect() is False  # joining the running instance: not ours to shut down
        assert ray.cluster_resources().get("CPU") == 1
        assert ray.data.DataContext.get_current().execution_options.preserve_order
    finally:
        ray.shutdown()
