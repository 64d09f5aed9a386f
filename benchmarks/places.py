"""Benchmark the "places" stage on our own gold sentences: precision/recall/F1, distance, speed.

    python benchmarks/places.py            # the table
    python benchmarks/places.py --errors   # also list every miss

Gold: `benchmarks/gold/places.jsonl`, news-style sentences we wrote (many countries, spelling variants,
source locations, sentences without a place). Each sentence is one article with one event spanning it; the
event's place is scored.

Scoring. A prediction is correct when its country is the gold country and either its point is within 25 km of
the gold point, or (gold precision 3, a province) it is that admin1 unit (name match). A wrong place counts as
a false positive and a false negative; a place for a sentence that names none is a false positive.
Also printed: the share of gold places predicted within 25 km, agreement on geo_precision, and speed.
"""

from __future__ import annotations

import argparse
import json
import time
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--errors", action="store_true", help="list every miss")
    args = parser.parse_args()
    console = Console()
    items = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]

    start = time.perf_counter()
    nlp, stage = get_nlp(), make_places_stage()
    gaz = get_gazetteer()
    gaz.fuzzy("warmup"), gaz.fuzzy_admin1("warmup")  # load the fuzzy pools once, outside the timing
    load = time.perf_counter() - start

    texts = [item["text"] for item in items]
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=64))
    t_nlp = time.perf_counter() - t0

    tp = fp = fn = near = prec_ok = prec_n = 0
    t0 = time.perf_counter()
    results = []
    for item, doc in zip(items, docs, strict=True):
        event = Event(sentences=[Evidence.from_text(item["text"], 0, len(item["text"]))])
        results.append(stage(doc, Extraction(article=Article(text=item["text"]), events=[event])).events[0].place)
    t_stage = time.perf_counter() - t0

    for item, place in zip(items, results, strict=True):
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
        if args.errors and (not ok) and (gold or place):
            got = f"{place.name}, {place.admin1}, {place.country_code} (p{place.geo_precision})" if place else "-"
            want = f"{gold}, {item.get('admin1')}, {item.get('country_code')}" if gold else "-"
            dist_txt = f" {dist:.0f} km" if dist is not None else ""
            console.print(f"[red]{item['id']}[/red] want {want}; got {got}{dist_txt}\n   {item['text']}")

    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    n_gold = sum(1 for i in items if i.get("place"))
    table = Table(title=f"places on {args.gold.name}: {len(items)} sentences, {n_gold} with a gold place")
    for column in ("P", "R", "F1", f"within {NEAR_KM:.0f} km", "geo_precision agrees", "stage ms/sentence",
                   "spaCy ms/sentence", "load s"):
        table.add_column(column, justify="right")
    table.add_row(f"{precision:.3f}", f"{recall:.3f}", f"{f1:.3f}", f"{near / n_gold:.3f}",
                  f"{prec_ok / prec_n:.3f}" if prec_n else "-", f"{1000 * t_stage / len(items):.2f}",
                  f"{1000 * t_nlp / len(items):.2f}", f"{load:.1f}")
    console.print(table)


if __name__ == "__main__":
    main()
