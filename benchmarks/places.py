"""Benchmark the "places" stage on our own gold sentences: precision/recall/F1, distance, speed.

    python benchmarks/places.py                       # the table
    python benchmarks/places.py --errors              # also list every miss
    python benchmarks/places.py --articles [--errors] # whole articles through the full pipeline

Gold: `benchmarks/gold/places.jsonl`, news-style sentences we wrote (many countries, spelling variants,
source locations, sentences without a place). Each sentence is one article with one event spanning it; the
event's place is scored.

`--articles`: gold `benchmarks/gold/places_articles.jsonl` (see `places_articles_README.md`), short articles with
a title and a publication date. Each goes through the full `Pipeline().extract_one(...)`; the place of the
article's main event (the event built from the most sentences; ties: the first) is scored. An article with no
event, or whose main event has no place, is a miss.

Scoring. A prediction is correct when its country is the gold country and either its point is within 25 km of
the gold point, or (gold precision 3, a province) it is that admin1 unit (name match). A wrong place counts as
a false positive and a false negative; a place for a sentence that names none is a false positive.
Also printed: the share of gold places predicted within 25 km, agreement on geo_precision, and speed.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date
from pathlib import Path

from rapidfuzz import fuzz
from rich.console import Console
from rich.table import Table

from eventledger.geo.distance import km
from eventledger.geo.gazetteer import get_gazetteer
from eventledger.geo.names import name_key
from eventledger.geo.stage import make_places_stage
from eventledger.models import Article, Event, Evidence, Extraction, Place
from eventledger.nlp import get_nlp

GOLD = Path(__file__).parent / "gold" / "places.jsonl"
GOLD_ARTICLES = Path(__file__).parent / "gold" / "places_articles.jsonl"
NEAR_KM = 25.0


def correct(place: Place, gold: dict) -> tuple[bool, float | None]:
    if place.latitude is None or place.longitude is None:
        return False, None
    dist = km(place.latitude, place.longitude, gold["lat"], gold["lon"])
    if place.country_code != gold["country_code"]:
        return False, dist
    if gold["precision"] == 3:
        same_admin = place.feature_code == "ADM1" and fuzz.ratio(
            name_key(place.admin1 or ""), name_key(gold["admin1"])) >= 80
        return same_admin or dist <= NEAR_KM, dist
    return dist <= NEAR_KM, dist


def main_event(extraction: Extraction) -> Event | None:
    """The article's main event: the one built from the most sentences (ties: the first); None if no event."""
    best: Event | None = None
    for event in extraction.events:
        if best is None or len(event.sentences) > len(best.sentences):
            best = event
    return best


def score(items: list[dict], places: list[Place | None], console: Console, errors: bool) -> dict[str, int]:
    """Count TP/FP/FN, places within NEAR_KM and geo_precision agreement; print the misses if `errors`."""
    tp = fp = fn = near = prec_ok = prec_n = 0
    for item, place in zip(items, places, strict=True):
        gold = item.get("place")
        ok, dist = (correct(place, item) if place and gold else (False, None))
        if gold is None:
            fp += place is not None
        elif ok:
            tp += 1
        else:
            fn += 1
            fp += place is not None
        if gold and dist is not None and dist <= NEAR_KM:
            near += 1
        if gold and ok:
            prec_n += 1
            prec_ok += place.geo_precision == item["precision"]
        if errors and (not ok) and (gold or place):
            got = f"{place.name}, {place.admin1}, {place.country_code} (p{place.geo_precision})" if place else "-"
            want = f"{gold}, {item.get('admin1')}, {item.get('country_code')}" if gold else "-"
            dist_txt = f" {dist:.0f} km" if dist is not None else ""
            title = f"{item['title']} | " if item.get("title") else ""
            console.print(f"[red]{item['id']}[/red] want {want}; got {got}{dist_txt}\n   {title}{item['text']}")
    return {"tp": tp, "fp": fp, "fn": fn, "near": near, "prec_ok": prec_ok, "prec_n": prec_n}


def print_table(console: Console, title: str, counts: dict[str, int], n_gold: int,
                timings: list[tuple[str, str]]) -> None:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    table = Table(title=title)
    for column in ("P", "R", "F1", f"within {NEAR_KM:.0f} km", "geo_precision agrees", *(c for c, _ in timings)):
        table.add_column(column, justify="right")
    table.add_row(f"{precision:.3f}", f"{recall:.3f}", f"{f1:.3f}", f"{counts['near'] / n_gold:.3f}",
                  f"{counts['prec_ok'] / counts['prec_n']:.3f}" if counts["prec_n"] else "-",
                  *(v for _, v in timings))
    console.print(table)


def run_articles(items: list[dict], console: Console, errors: bool, gold_name: str) -> None:
    from eventledger.pipeline import Pipeline

    start = time.perf_counter()
    pipeline = Pipeline()
    gaz = get_gazetteer()
    gaz.fuzzy("warmup"), gaz.fuzzy_admin1("warmup")  # load the fuzzy pools once, outside the timing
    pipeline.extract_one(Article(text="Warm-up: a bomb exploded in Kabul on Monday."))
    load = time.perf_counter() - start

    places: list[Place | None] = []
    t0 = time.perf_counter()
    for item in items:
        published = date.fromisoformat(item["published"]) if item.get("published") else None
        extraction = pipeline.extract_one(Article(text=item["text"], title=item.get("title"),
                                                  published=published))
        event = main_event(extraction)
        places.append(event.place if event else None)
    t_run = time.perf_counter() - t0

    counts = score(items, places, console, errors)
    n_gold = sum(1 for i in items if i.get("place"))
    print_table(console, f"places (main event, full pipeline) on {gold_name}: {len(items)} articles, {n_gold} with "
                f"a gold place", counts, n_gold,
                [("pipeline ms/article", f"{1000 * t_run / len(items):.1f}"), ("load s", f"{load:.1f}")])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=None,
                        help=f"gold file (default {GOLD.name}, or {GOLD_ARTICLES.name} with --articles)")
    parser.add_argument("--articles", action="store_true",
                        help="score whole articles (main event) through the full pipeline")
    parser.add_argument("--errors", action="store_true", help="list every miss")
    args = parser.parse_args()
    console = Console()
    gold_path = args.gold or (GOLD_ARTICLES if args.articles else GOLD)
    items = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.articles:
        run_articles(items, console, args.errors, gold_path.name)
        return

    start = time.perf_counter()
    nlp, stage = get_nlp(), make_places_stage()
    gaz = get_gazetteer()
    gaz.fuzzy("warmup"), gaz.fuzzy_admin1("warmup")  # load the fuzzy pools once, outside the timing
    load = time.perf_counter() - start

    texts = [item["text"] for item in items]
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=64))
    t_nlp = time.perf_counter() - t0

    t0 = time.perf_counter()
    results = []
    for item, doc in zip(items, docs, strict=True):
        event = Event(sentences=[Evidence.from_text(item["text"], 0, len(item["text"]))])
        results.append(stage(doc, Extraction(article=Article(text=item["text"]), events=[event])).events[0].place)
    t_stage = time.perf_counter() - t0

    counts = score(items, results, console, args.errors)
    n_gold = sum(1 for i in items if i.get("place"))
    print_table(console, f"places on {gold_path.name}: {len(items)} sentences, {n_gold} with a gold place", counts,
                n_gold, [("stage ms/sentence", f"{1000 * t_stage / len(items):.2f}"),
                         ("spaCy ms/sentence", f"{1000 * t_nlp / len(items):.2f}"), ("load s", f"{load:.1f}")])


if __name__ == "__main__":
    main()
