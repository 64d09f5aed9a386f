"""The scoring functions of `benchmarks/dedup.py` on tiny hand-checked clusterings."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "dedup.py"


@pytest.fixture(scope="module")
def dedup():
    spec = importlib.util.spec_from_file_location("dedup_benchmark", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


GOLD = {"a": "i1", "b": "i1", "c": "i1", "d": "i2", "e": "i3"}


def test_pairwise_counts_false_and_missed_merges(dedup) -> None:
    # Predicted clusters {a, b} {c, d} {e}: gold pairs ab ac bc; predicted pairs ab cd.
    cluster = {"a": 1, "b": 1, "c": 2, "d": 2, "e": 3}
    prf, false_merges, missed = dedup.pairwise(GOLD, lambda x, y: cluster[x] == cluster[y])
    assert (prf.tp, prf.fp, prf.fn) == (1, 1, 2)
    assert prf.precision == pytest.approx(0.5) and prf.recall == pytest.approx(1 / 3)
    assert false_merges == [("c", "d")] and missed == [("a", "c"), ("b", "c")]


def test_bcubed_perfect_and_all_in_one(dedup) -> None:
    assert dedup.bcubed(GOLD, GOLD) == (1.0, 1.0, 1.0)
    p, r, _ = dedup.bcubed(GOLD, {k: "x" for k in GOLD})
    assert r == 1.0
    assert p == pytest.approx((3 * 3 / 5 + 1 / 5 + 1 / 5) / 5)
    p, r, _ = dedup.bcubed(GOLD, {k: k for k in GOLD})  # every article alone
    assert p == 1.0 and r == pytest.approx((3 * 1 / 3 + 1 + 1) / 5)


def test_components_join_articles_through_shared_events(dedup) -> None:
    comp = dedup.components(GOLD, {"e1": {"a", "b"}, "e2": {"b", "c"}, "e3": {"e"}})
    assert comp["a"] == comp["b"] == comp["c"]
    assert len({comp["a"], comp["d"], comp["e"]}) == 3


def test_stored_ids_follow_the_store_insert_or_merge_order(dedup) -> None:
    from eventledger.models import Article, Event, Extraction
    from eventledger.store import AddResult
    from eventledger.store.store import event_id_for

    article = Article(text="One. Two. Three.")
    events = [Event(), Event(), Event()]
    first, third = event_id_for(article.id, events[0], 0), event_id_for(article.id, events[2], 2)
    result = AddResult(article_id=article.id, new_article=True, inserted=[first, third],
                       merged=[("old-event", "same place and day")])
    ids = dedup.stored_ids(Extraction(article=article, events=events), result, event_id_for)
    assert ids == [first, "old-event", third]
