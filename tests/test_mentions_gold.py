"""Integrity of the event detection gold (`benchmarks/gold/mentions_heldout.jsonl`) and its benchmark's scoring."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from eventledger.taxonomy import BY_LABEL

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold" / "mentions_heldout.jsonl"


def _benchmark():
    spec = importlib.util.spec_from_file_location("mentions_benchmark", ROOT / "benchmarks" / "mentions.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (its dataclasses look their module up)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name, prefix, rows_n, none_n, words", [
    ("mentions_heldout.jsonl", "m", 360, 80, (15, 70)), ("mentions_heldout2.jsonl", "n", 300, 70, (35, 110))])
def test_the_gold_is_well_formed(name, prefix, rows_n, none_n, words):
    rows = [json.loads(line) for line in (GOLD.parent / name).read_text(encoding="utf-8").splitlines()
            if line.strip()]
    assert [r["id"] for r in rows] == [f"{prefix}{n:03d}" for n in range(1, len(rows) + 1)]
    assert len(rows) == rows_n and len({r["text"] for r in rows}) == len(rows)
    labels = Counter(r["label"] for r in rows)
    assert labels["NONE"] == none_n and all(label == "NONE" or label in BY_LABEL for label in labels)
    for row in rows:
        assert set(row) == {"id", "published", "text", "label", "note"}, row["id"]
        assert date.fromisoformat(row["published"]).year == 2026
        assert words[0] <= len(row["text"].split()) <= words[1], row["id"]


def test_scoring_counts_a_missed_event_as_a_wrong_label_and_an_event_in_a_negative_as_a_false_alarm():
    bench = _benchmark()
    gold = [bench.Passage("m1", date(2026, 1, 2), "a", "ATTACK"), bench.Passage("m2", date(2026, 1, 2), "b", "ATTACK"),
            bench.Passage("m3", date(2026, 1, 2), "c", "ARREST"), bench.Passage("m4", date(2026, 1, 2), "d", "NONE")]
    report = bench.evaluate(gold, {"m1": "ATTACK", "m2": "NONE", "m3": "ABDUCT_DISSAP", "m4": "ARREST"})
    assert report["detection_recall"] == round(2 / 3, 4) and report["false_alarms"] == 1
    assert report["political_false_alarms"] == 1  # an arrest is an ACLED event
    assert report["label_accuracy"] == round(1 / 3, 4) and report["label_accuracy_detected"] == 0.5
    assert report["type_accuracy"] == round(1 / 3, 4)  # an abduction is violence against civilians, an arrest not
    assert [e["id"] for e in report["errors"]] == ["m2", "m3", "m4"]
