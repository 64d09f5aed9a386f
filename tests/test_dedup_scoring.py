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


def test_a_side_mention_may_join_an_incident_the_article_names_but_a_main_one_may_not(dedup) -> None:
    # p1 reports a protest (i2) and names the killings (i1) in passing; k1 reports the killings.
    incident = {"k1": "i1", "p1": "i2", "p2": "i2", "x": "i3"}
    mentions = {"p1": {"i1"}}
    main = {"k1": "E-kill", "p1": "E-protest", "p2": "E-protest", "x": "E-other"}
    assert dedup.passing_mention("k1", "p1", {"E-kill"}, incident, mentions, main)
    # The protest report's MAIN mention merged into the killings: a false merge, named or not.
    main_wrong = {**main, "p1": "E-kill"}
    assert not dedup.passing_mention("k1", "p1", {"E-kill"}, incident, mentions, main_wrong)
    # p2 names nothing: sharing the killings' event is a false merge.
    assert not dedup.passing_mention("k1", "p2", {"E-kill"}, incident, mentions, main)
    # One excused event and one unexplained event: the pair is still a false merge.
    assert not dedup.passing_mention("k1", "p1", {"E-kill", "E-other"}, incident, mentions, main)
    # Two reports of different incidents that both name a third one may share its event through side mentions.
    incident3 = {"a": "i1", "b": "i2", "z": "i3"}
    both = {"a": {"i3"}, "b": {"i3"}}
    assert dedup.passing_mention("a", "b", {"E-z"}, incident3, both, {"a": "E-a", "b": "E-b", "z": "E-z"})
    assert not dedup.passing_mention("a", "b", {"E-z"}, incident3, {"a": {"i3"}}, {"a": "E-a", "b": "E-b"})


def test_excused_pairs_count_neither_way(dedup) -> None:
    incident = {"k1": "i1", "k2": "i1", "p1": "i2"}
    together = {"k1", "k2", "p1"}
    prf, false_merges, _ = dedup.pairwise(incident, lambda a, b: a in together and b in together,
                                          excused=lambda a, b: "p1" in (a, b))
    assert (prf.tp, prf.fp, prf.fn) == (1, 0, 0) and false_merges == []
    prf, false_merges, _ = dedup.pairwise(incident, lambda a, b: a in together and b in together)
    assert (prf.tp, prf.fp, prf.fn) == (1, 2, 0)
