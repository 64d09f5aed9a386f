"""Benchmark cross-article deduplication and contradictions on our own gold news stream.

    python benchmarks/dedup.py                 # full pipeline, store with its default resolver
    python benchmarks/dedup.py --no-resolver   # baseline: every mention becomes its own event
    python benchmarks/dedup.py --json out.json --worst 20

Gold: `benchmarks/gold/dedup.jsonl` (see `dedup_README.md`): 68 articles we wrote about 26 invented incidents,
in publication order. Every article is extracted by `Pipeline` and stored in a fresh temporary SQLite `Store`,
in file order, so the resolver sees them as a news stream.

Scoring, on articles (an article is "in" every stored event it is linked to in `event_articles`):

- Pairwise merging, headline = "any shared event": two articles are predicted the same incident when at least
  one stored event links both. Gold: same `incident`. Second definition = "any shared event, passing mentions
  allowed": as the headline, but a pair of two incidents counts neither way when the event they share is one both
  articles may be in: an event of the article's own incident, or, through a side mention (never its main one), of
  another incident the article names in passing (gold `mentions`, annotated from the text; see dedup_README.md).
  Third definition = "main event": each article's main event is the stored event that received the article's
  mention with the most sentences (ties: the first mention); two articles are predicted the same when their main
  events are the same event.
- B-cubed precision/recall on the article clustering given by the main events (an article with no event is a
  cluster of its own), and on the connected components of the "any shared event" graph.
- Events per incident, and the worst false merges (events mixing incidents) and missed merges (incidents split).
- Contradiction recall: a planted (incident, field) is found when an event linked to any of the incident's
  articles has a `Contradiction` with that field. Contradictions on fields no incident of the event planted are
  listed as "unplanted" (not necessarily wrong: the gold only lists what we planted).
- Speed: articles/s of the whole ingest (extraction + resolution + writes), model loading excluded.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

GOLD = Path(__file__).parent / "gold" / "dedup.jsonl"


# -- gold -------------------------------------------------------------------------------------------------------

@dataclass
class GoldArticle:
    id: str
    incident: str
    published: date
    outlet: str
    title: str
    text: str
    contradictions: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)  # other incidents of the set the article names in passing


def load_gold(path: Path) -> list[GoldArticle]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            rows.append(GoldArticle(id=row["id"], incident=row["incident"],
                                    published=date.fromisoformat(row["published"]), outlet=row["outlet"],
                                    title=row["title"], text=row["text"],
                                    contradictions=row.get("contradictions", []),
                                    mentions=[m["incident"] for m in row.get("mentions", [])]))
        except (ValueError, KeyError, TypeError) as err:
            raise ValueError(f"{path}:{n}: not a gold article ({err})") from err
    return rows


def planted_contradictions(gold: list[GoldArticle]) -> list[tuple[str, str, list[str]]]:
    """(incident, field, values) for every planted disagreement."""
    return [(g.incident, c["field"], list(c["values"])) for g in gold for c in g.contradictions]


# -- scoring (pure functions over article ids) ------------------------------------------------------------------

@dataclass
class PRF:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def pairwise(incident: dict[str, str], same: Any, excused: Any = None,
             ) -> tuple[PRF, list[tuple[str, str]], list[tuple[str, str]]]:
    """Pairwise P/R/F1 of `same(a, b)` against gold incidents; also the false-merge and missed-merge pairs.

    A predicted pair of two incidents for which `excused(a, b)` holds counts neither way (see `passing_mention`).
    """
    tp = fp = fn = 0
    false_merges, missed = [], []
    for a, b in itertools.combinations(sorted(incident), 2):
        gold, predicted = incident[a] == incident[b], same(a, b)
        if gold and predicted:
            tp += 1
        elif predicted and excused is not None and excused(a, b):
            continue
        elif predicted:
            fp += 1
            false_merges.append((a, b))
        elif gold:
            fn += 1
            missed.append((a, b))
    return PRF(tp, fp, fn), false_merges, missed


def passing_mention(a: str, b: str, shared: Iterable[str], incident: dict[str, str],
                    mentions: dict[str, set[str]], main: dict[str, str | None]) -> bool:
    """Whether every event two articles of different incidents share is one both may be in.

    An article may be in any event of its own incident, and, through a mention other than its main one, in the
    main event of another incident of the set it names in passing (gold `mentions`): the event that is the main
    one of some article of that incident. So a report on a protest that names Monday's killings may join the
    killings' event with a side mention, never with its main one.
    """
    def may_be_in(article: str, event: str, inc: str) -> bool:
        if inc == incident[article]:
            return True
        return (inc in mentions.get(article, ()) and event != main.get(article)
                and any(main.get(x) == event for x, i in incident.items() if i == inc))

    shared = list(shared)
    return bool(shared) and all(
        any(may_be_in(a, event, inc) and may_be_in(b, event, inc) for inc in {incident[a], incident[b]}
            | mentions.get(a, set()) | mentions.get(b, set()))
        for event in shared)


def bcubed(incident: dict[str, str], cluster: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 of a partition of the articles (`cluster`: article -> cluster id)."""
    by_cluster: dict[str, set[str]] = defaultdict(set)
    by_incident: dict[str, set[str]] = defaultdict(set)
    for article in incident:
        by_cluster[cluster[article]].add(article)
        by_incident[incident[article]].add(article)
    precision = recall = 0.0
    for article in incident:
        mine, gold = by_cluster[cluster[article]], by_incident[incident[article]]
        both = len(mine & gold)
        precision += both / len(mine)
        recall += both / len(gold)
    n = len(incident)
    p, r = precision / n, recall / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def components(articles: Iterable[str], links: dict[str, set[str]]) -> dict[str, str]:
    """Connected components of the graph "two articles share an event" (union-find); article -> component."""
    parent = {a: a for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for linked in links.values():
        first, *rest = sorted(linked)
        for other in rest:
            parent[find(other)] = find(first)
    return {a: find(a) for a in parent}


# -- running the pipeline ---------------------------------------------------------------------------------------

@dataclass
class Run:
    events: dict[str, Any]  # event id -> Event
    links: dict[str, set[str]]  # event id -> gold article ids linked to it
    reasons: dict[tuple[str, str], str | None]  # (event id, gold article id) -> merge_reason
    main_event: dict[str, str | None]  # gold article id -> its main stored event (None: no event)
    n_mentions: dict[str, int]  # gold article id -> event mentions extracted
    seconds: float
    load_seconds: float


def stored_ids(extraction: Any, result: Any, event_id_for: Any) -> list[str | None]:
    """The stored event each extracted mention ended up in, in mention order.

    The store appends every mention either to `inserted` (a new event, id from `event_id_for`, re-hashed with the
    article id on a collision) or to `merged` (an existing event), in mention order.
    """
    import hashlib

    article_id = extraction.article.id
    inserted, merged = set(result.inserted), iter(result.merged)
    out: list[str | None] = []
    for index, mention in enumerate(extraction.events):
        own = mention.id or event_id_for(article_id, mention, index)
        rehashed = hashlib.sha256(f"{own}:{article_id}".encode()).hexdigest()[:20]
        if own in inserted:
            out.append(own)
        elif rehashed in inserted:
            out.append(rehashed)
        else:
            target = next(merged, None)
            out.append(target[0] if target else None)
    return out


def run_pipeline(gold: list[GoldArticle], *, use_resolver: bool, console: Console, db: Path | None,
                 pair_model: Any = None) -> Run:
    from sqlalchemy import select

    from eventledger.models import Article
    from eventledger.pipeline import Pipeline
    from eventledger.store import Store, schema
    from eventledger.store.store import event_id_for

    t0 = time.perf_counter()
    pipeline = Pipeline()
    load_seconds = time.perf_counter() - t0

    articles = [Article(text=g.text, title=g.title, outlet=g.outlet, published=g.published, origin=f"gold:{g.id}")
                for g in gold]
    gold_id = {article.id: g.id for article, g in zip(articles, gold, strict=True)}
    with tempfile.TemporaryDirectory(prefix="eventledger-dedup-") as tmp:
        path = db or Path(tmp) / "dedup.db"
        if path.exists():
            raise ValueError(f"{path} already exists; give a new file for --db (the benchmark needs a fresh store)")
        if not use_resolver:
            store = Store(f"sqlite:///{path}", resolver=None)
        elif pair_model is not None:
            from eventledger.resolve.dedup import Resolver

            store = Store(f"sqlite:///{path}", resolver=Resolver(pair_model))
        else:
            store = Store(f"sqlite:///{path}")
        main_event: dict[str, str | None] = {}
        n_mentions: dict[str, int] = {}
        t0 = time.perf_counter()
        with Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=console, transient=True) as progress:
            task = progress.add_task("ingest", total=len(articles))
            for extraction, result in pipeline.ingest(articles, store):
                aid = gold_id[extraction.article.id]
                targets = stored_ids(extraction, result, event_id_for)
                n_mentions[aid] = len(targets)
                # Main mention: the one built from most sentences; ties go to the first (usually the lede).
                best = max(range(len(targets)), key=lambda i: (len(extraction.events[i].sentences), -i),
                           default=None)
                main_event[aid] = targets[best] if best is not None else None
                progress.advance(task)
        seconds = time.perf_counter() - t0
        events = {event.id: event for event in store.events(limit=100_000)}
        links: dict[str, set[str]] = defaultdict(set)
        reasons: dict[tuple[str, str], str | None] = {}
        with store.engine.connect() as conn:
            for row in conn.execute(select(schema.event_articles)):
                if row.article_id in gold_id:
                    links[row.event_id].add(gold_id[row.article_id])
                    reasons[(row.event_id, gold_id[row.article_id])] = row.merge_reason
        store.close()
    for g in gold:  # an article that was not processed (should not happen in a fresh store) has no event
        main_event.setdefault(g.id, None)
        n_mentions.setdefault(g.id, 0)
    return Run(events, dict(links), reasons, main_event, n_mentions, seconds, load_seconds)


# -- report -----------------------------------------------------------------------------------------------------

def describe(event: Any) -> str:
    """One line a developer can compare: type, date, place, actor, fatalities."""
    if event is None:
        return "-"
    place = event.place
    where = f"{place.name} ({place.country_code or '?'})" if place else "no place"
    actor = event.actor1.name if event.actor1 else "-"
    return (f"{event.label or '?'} {event.event_date or 'no date'} {where} a1={actor} "
            f"f={event.fatalities if event.fatalities is not None else '-'}")


def evaluate(gold: list[GoldArticle], run: Run, worst: int) -> dict[str, Any]:
    incident = {g.id: g.incident for g in gold}
    events_of: dict[str, set[str]] = defaultdict(set)
    for event_id, linked in run.links.items():
        for article in linked:
            events_of[article].add(event_id)

    any_prf, any_fm, any_missed = pairwise(incident, lambda a, b: bool(events_of[a] & events_of[b]))
    mentions = {g.id: set(g.mentions) for g in gold}
    passing_prf, passing_fm, _ = pairwise(
        incident, lambda a, b: bool(events_of[a] & events_of[b]),
        excused=lambda a, b: passing_mention(a, b, events_of[a] & events_of[b], incident, mentions, run.main_event))
    main_prf, _, _ = pairwise(incident, lambda a, b: run.main_event[a] is not None
                              and run.main_event[a] == run.main_event[b])
    main_cluster = {a: run.main_event[a] or f"none:{a}" for a in incident}
    b3_main = bcubed(incident, main_cluster)
    b3_any = bcubed(incident, components(incident, run.links))

    # Per incident: how many stored events its articles are linked to / have as main event.
    articles_of: dict[str, list[str]] = defaultdict(list)
    for g in gold:
        articles_of[g.incident].append(g.id)
    per_incident = []
    for inc, arts in articles_of.items():
        linked = set().union(*(events_of[a] for a in arts))
        mains = {run.main_event[a] for a in arts if run.main_event[a]}
        mixed = sorted({incident[o] for e in linked for o in run.links.get(e, ())} - {inc})
        per_incident.append({"incident": inc, "articles": len(arts), "events_linked": len(linked),
                             "main_events": len(mains), "no_event": sum(1 for a in arts if not events_of[a]),
                             "mixed_with": mixed})

    # False merges: stored events whose articles come from several incidents, worst (most wrong pairs) first.
    false_merges = []
    for event_id, linked in run.links.items():
        by_inc = Counter(incident[a] for a in linked)
        if len(by_inc) < 2:
            continue
        wrong = sum(x * y for x, y in itertools.combinations(by_inc.values(), 2))
        event = run.events.get(event_id)
        false_merges.append({
            "event": event_id, "wrong_pairs": wrong, "summary": describe(event),
            "articles": [{"article": a, "incident": incident[a], "merge_reason": run.reasons.get((event_id, a))}
                         for a in sorted(linked, key=lambda a: (incident[a], a))],
            "merge_log": list(event.merge_log) if event else [],
        })
    false_merges.sort(key=lambda x: -x["wrong_pairs"])

    # Missed merges: same-incident pairs that share no event, grouped by incident.
    missed_by_incident: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for a, b in any_missed:
        missed_by_incident[incident[a]].append((a, b))
    missed = []
    for inc, pairs in sorted(missed_by_incident.items(), key=lambda kv: -len(kv[1])):
        arts = articles_of[inc]
        missed.append({
            "incident": inc, "missed_pairs": len(pairs),
            "articles": [{"article": a, "main_event": run.main_event[a], "events": sorted(events_of[a]),
                          "mentions": run.n_mentions[a],
                          "summary": describe(run.events.get(run.main_event[a] or ""))} for a in arts],
        })

    # Contradictions.
    planted = planted_contradictions(gold)
    planted_keys = {(inc, fld) for inc, fld, _ in planted}
    contradiction_rows = []
    for inc, fld, values in planted:
        linked = sorted(set().union(*(events_of[a] for a in articles_of[inc])))
        found = [(e, c) for e in linked if e in run.events for c in run.events[e].contradictions
                 if c.field.lower() == fld]
        contradiction_rows.append({
            "incident": inc, "field": fld, "planted": values, "found": bool(found),
            "found_values": [list(c.values) for _, c in found], "events": sorted({e for e, _ in found}),
        })
    unplanted = []
    for event_id, event in run.events.items():
        incs = sorted({incident[a] for a in run.links.get(event_id, ())})
        for c in event.contradictions:
            if not any((inc, c.field.lower()) in planted_keys for inc in incs):
                unplanted.append({"event": event_id, "incidents": incs, "field": c.field, "values": list(c.values),
                                  "sources": list(c.sources)})
    found_n = sum(1 for r in contradiction_rows if r["found"])

    n = len(gold)
    return {
        "articles": n, "incidents": len(articles_of), "events_stored": len(run.events),
        "articles_without_event": sum(1 for a in incident if not events_of[a]),
        "mentions": sum(run.n_mentions.values()),
        "pairwise_any_shared_event": any_prf.as_dict(),
        "pairwise_any_shared_event_passing_mentions": {
            **passing_prf.as_dict(), "excused": len(any_fm) - len(passing_fm),
            "articles_with_mentions": sum(1 for g in gold if g.mentions)},
        "pairwise_main_event": main_prf.as_dict(),
        "bcubed_main_event": dict(zip(("precision", "recall", "f1"), (round(x, 4) for x in b3_main), strict=True)),
        "bcubed_any_shared_components": dict(zip(("precision", "recall", "f1"), (round(x, 4) for x in b3_any),
                                                 strict=True)),
        "contradiction_recall": {"found": found_n, "planted": len(contradiction_rows),
                                 "recall": round(found_n / len(contradiction_rows), 4) if contradiction_rows else 0},
        "seconds": round(run.seconds, 2), "load_seconds": round(run.load_seconds, 2),
        "articles_per_second": round(n / run.seconds, 2) if run.seconds else None,
        "per_incident": per_incident, "false_merges": false_merges[:worst], "false_merge_events": len(false_merges),
        "missed_merges": missed[:worst], "contradictions": contradiction_rows, "unplanted": unplanted,
        "false_merge_pairs": [list(p) for p in any_fm],
    }


def print_report(report: dict[str, Any], console: Console, mode: str) -> None:
    t = Table(title=f"dedup on {report['articles']} articles / {report['incidents']} incidents ({mode})")
    for col in ("definition", "pairs TP", "FP", "FN", "P", "R", "F1"):
        t.add_column(col, justify="right" if col != "definition" else "left")
    for label, key in (("pairwise, any shared event (HEADLINE)", "pairwise_any_shared_event"),
                       ("pairwise, any shared event, passing mentions allowed",
                        "pairwise_any_shared_event_passing_mentions"),
                       ("pairwise, same main event", "pairwise_main_event")):
        r = report[key]
        precision = f"{r['precision']:.3f}" if r["tp"] + r["fp"] else "- (no merge)"
        t.add_row(label, str(r["tp"]), str(r["fp"]), str(r["fn"]), precision, f"{r['recall']:.3f}", f"{r['f1']:.3f}")
    for label, key in (("B-cubed, main-event clusters", "bcubed_main_event"),
                       ("B-cubed, any-shared components", "bcubed_any_shared_components")):
        r = report[key]
        t.add_row(label, "", "", "", f"{r['precision']:.3f}", f"{r['recall']:.3f}", f"{r['f1']:.3f}")
    console.print(t)

    c = report["contradiction_recall"]
    s = Table(title="totals and speed")
    for col in ("events stored", "mentions", "articles w/o event", "contradiction recall", "unplanted",
                "ingest s", "articles/s", "model load s"):
        s.add_column(col, justify="right")
    s.add_row(str(report["events_stored"]), str(report["mentions"]), str(report["articles_without_event"]),
              f"{c['found']}/{c['planted']} = {c['recall']:.3f}", str(len(report["unplanted"])),
              f"{report['seconds']:.1f}", f"{report['articles_per_second']}", f"{report['load_seconds']:.1f}")
    console.print(s)

    p = Table(title="events per incident (ideal: 1 main event, no event shared with another incident)")
    for col in ("incident", "articles", "events linked", "main events", "no event", "shares events with"):
        p.add_column(col)
    for r in sorted(report["per_incident"], key=lambda r: r["incident"]):
        style = "" if r["main_events"] == 1 and not r["mixed_with"] and not r["no_event"] else "yellow"
        p.add_row(r["incident"], str(r["articles"]), str(r["events_linked"]), str(r["main_events"]),
                  str(r["no_event"]), ", ".join(r["mixed_with"]) or "-", style=style)
    console.print(p)

    k = Table(title="planted contradictions")
    for col in ("incident", "field", "planted values", "found", "found values"):
        k.add_column(col)
    for r in report["contradictions"]:
        k.add_row(r["incident"], r["field"], " | ".join(r["planted"]), "yes" if r["found"] else "[red]no[/red]",
                  "; ".join(" | ".join(v) for v in r["found_values"]) or "-")
    console.print(k)
    if report["unplanted"]:
        u = Table(title="unplanted contradictions (not in the gold; not necessarily wrong)")
        for col in ("event", "incidents", "field", "values", "sources"):
            u.add_column(col)
        for r in report["unplanted"]:
            u.add_row(r["event"], ", ".join(r["incidents"]), r["field"], " | ".join(r["values"]),
                      ", ".join(r["sources"]))
        console.print(u)

    if report["false_merges"]:
        f = Table(title=f"worst false merges ({report['false_merge_events']} events mix incidents)")
        for col in ("event", "wrong pairs", "event summary", "articles (incident, merge_reason)", "merge_log"):
            f.add_column(col, overflow="fold")
        for r in report["false_merges"]:
            arts = "\n".join(f"{a['article']} {a['incident']}: {a['merge_reason'] or 'created it'}"
                             for a in r["articles"])
            f.add_row(r["event"], str(r["wrong_pairs"]), r["summary"], arts, "\n".join(r["merge_log"][-4:]) or "-")
        console.print(f)
    if report["missed_merges"]:
        m = Table(title="worst missed merges (same incident, no shared event)")
        for col in ("incident", "missed pairs", "article: main event (mentions) summary"):
            m.add_column(col, overflow="fold")
        for r in report["missed_merges"]:
            arts = "\n".join(f"{a['article']}: {a['main_event'] or '-'} ({a['mentions']}) {a['summary']}"
                             for a in r["articles"])
            m.add_row(r["incident"], str(r["missed_pairs"]), arts)
        console.print(m)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--no-resolver", action="store_true", help="baseline: store without deduplication")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--worst", type=int, default=10, help="how many false/missed merges to list")
    parser.add_argument("--db", type=Path, help="keep the store in this NEW SQLite file (default: a temp file)")
    args = parser.parse_args(argv)
    console = Console(width=None if sys.stdout.isatty() else 160)  # wide tables when piped to a file
    try:
        gold = load_gold(args.gold)
    except (OSError, ValueError) as err:
        console.print(f"[red]cannot read the gold file:[/red] {err}")
        return 2
    try:
        run = run_pipeline(gold, use_resolver=not args.no_resolver, console=console, db=args.db)
    except ImportError as err:
        resolver = "resolve" in str(err)
        what = "the resolver (eventledger.resolve.dedup)" if resolver else "the pipeline stages"
        hint = " Or run --no-resolver for the baseline." if resolver and not args.no_resolver else ""
        console.print(f"[red]cannot import {what}:[/red] {err}. Is this branch rebased on a main that has them?{hint}")
        return 2
    except ValueError as err:  # unknown stage, existing --db file
        console.print(f"[red]cannot run the benchmark:[/red] {err}")
        return 2
    report = evaluate(gold, run, args.worst)
    report["mode"] = "no resolver (baseline)" if args.no_resolver else "default resolver"
    print_report(report, console, report["mode"])
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
        console.print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
