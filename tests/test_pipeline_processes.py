"""Large inputs are parsed in several processes (spaCy's n_process) and give exactly what one process gives."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from eventledger import pipeline as pipeline_module
from eventledger.models import Article
from eventledger.pipeline import AUTO_PROCESSES_MIN_ARTICLES, Pipeline, auto_processes

DEMO = Path(__file__).resolve().parents[1] / "src" / "eventledger" / "data" / "demo" / "reports.jsonl"


def demo_articles() -> list[Article]:
    lines = DEMO.read_text(encoding="utf-8").splitlines()
    return [Article(**{k: v for k, v in json.loads(line).items() if v is not None}) for line in lines]


@pytest.fixture(scope="module")
def bare() -> Pipeline:
    return Pipeline(stages=())  # spaCy only: the choice of processes does not depend on the stages


def test_small_inputs_stay_in_one_process_and_streams_are_peeked_not_consumed(bare, monkeypatch):
    monkeypatch.setattr(pipeline_module, "auto_processes", lambda: 2)
    articles = demo_articles()
    assert bare._processes(articles)[0] == 1
    many = articles * (AUTO_PROCESSES_MIN_ARTICLES // len(articles) + 1)
    assert bare._processes(many)[0] == 2
    n, stream = bare._processes(iter(many))
    assert n == 2 and [a.id for a in stream] == [a.id for a in many]
    n, stream = bare._processes(a for a in articles)
    assert n == 1 and len(list(stream)) == len(articles)


def test_no_worker_processes_outside_the_main_thread():
    found: list[int] = []
    thread = threading.Thread(target=lambda: found.append(auto_processes()))
    thread.start()
    thread.join()
    assert found == [1]


def test_workers_go_to_idle_cpus_only(monkeypatch):
    monkeypatch.delenv("EVENTLEDGER_PROCESSES", raising=False)
    monkeypatch.setattr(pipeline_module.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(pipeline_module, "idle_cpus", lambda cpus: 1.9)  # both cores free
    assert auto_processes() == 2
    monkeypatch.setattr(pipeline_module, "idle_cpus", lambda cpus: 1.2)  # one core busy elsewhere
    assert auto_processes() == 1
    monkeypatch.setattr(pipeline_module.os, "sched_getaffinity", lambda pid: set(range(16)), raising=False)
    monkeypatch.setattr(pipeline_module, "idle_cpus", lambda cpus: 15.0)
    assert auto_processes() == 4


def test_idle_cpus_are_measured():
    assert 0 <= pipeline_module.idle_cpus(2, window=0.05) <= (pipeline_module.os.cpu_count() or 2) + 0.01


def test_the_number_of_processes_can_be_set(monkeypatch):
    monkeypatch.setenv("EVENTLEDGER_PROCESSES", "3")
    assert auto_processes() == 3
    monkeypatch.setenv("EVENTLEDGER_PROCESSES", "many")
    with pytest.raises(ValueError, match="EVENTLEDGER_PROCESSES"):
        auto_processes()


def test_n_process_must_be_positive():
    with pytest.raises(ValueError, match="n_process"):
        Pipeline(stages=(), n_process=0)


@pytest.mark.slow
def test_several_processes_extract_exactly_what_one_process_extracts():
    articles = demo_articles() * (AUTO_PROCESSES_MIN_ARTICLES // len(demo_articles()) + 1)
    one = [x.model_dump_json() for x in Pipeline(n_process=1).extract(articles)]
    two = [x.model_dump_json() for x in Pipeline(n_process=2).extract(iter(articles))]
    assert two == one
    assert sum(len(json.loads(x)["events"]) for x in one) > len(articles)  # real extractions were compared
