"""Benchmark the "dates" and "counts" stages on our own gold sentences: precision/recall/F1 and speed.

    python benchmarks/fields.py                  # all gold files
    python benchmarks/fields.py --errors         # also list every miss
    python benchmarks/fields.py --gold FILE      # one gold file

Five gold files, all our own sentences: `fields.jsonl` (development: the rules were improved while looking at
its misses) and `fields_heldout.jsonl`, `fields_heldout2.jsonl` ... `fields_heldout4.jsonl` (each written after
the rules of the moment were frozen; their first-run figures are the honest estimates, quoted in the commits
that added them; later fixes were made looking at their misses, so later figures on them are optimistic).

Sentence items are run through `resolve_dates` / `count_items` (the text alone, no article context); seed
items name sentences of the seed article, are built into events by hand and go through the real stages (so
paragraph inheritance and the article's context facts are measured too).

Scoring. Dates: an item's answer is correct when event_date, end_date and time_precision all match; a wrong
answer counts as a false positive and a false negative; "no date" is the right answer for undated items.
Counts: multiset match of (kind, value, bound, is_context) ("strict") and of (kind, value) ("lenient").
Fatalities: the headline figure (value, bound) per item that has one in the gold.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from eventledger.extract.counts import count_items, fatality_figure, make_counts_stage
from eventledger.extract.dates import make_dates_stage, resolve_dates
from eventledger.models import Article, Count, Event, Evidence, Extraction
from eventledger.nlp import get_nlp

ROOT = Path(__file__).resolve().parents[1]
GOLDS = [ROOT / "benchmarks" / "gold" / name for name in ("fields.jsonl", "fields_heldout.jsonl",
                                                           "fields_heldout2.jsonl", "fields_heldout3.jsonl",
                                                           "fields_heldout4.jsonl")]
console = Console()


class Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, gold: Counter, predicted: Counter) -> tuple[Counter, Counter]:
        hit = gold & predicted
        self.tp += sum(hit.values())
        self.fp += sum((predicted - hit).values())
        self.fn += sum((gold - hit).values())
        return gold - hit, predicted - hit

    def row(self) -> tuple[str, str, str, str]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", str(self.tp + self.fn)


def _date_key(value: dict | None) -> tuple | None:
    if value is None:
        return None
    return value["event_date"], value["end_date"], value["time_precision"]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _count_keys(counts: list, strict: bool) -> Counter:
    keys = Counter()
    for c in counts:
        c = c if isinstance(c, dict) else c.model_dump()
        keys[(c["kind"], c["value"], c["bound"], c["is_context"]) if strict else (c["kind"], c["value"])] += 1
    return keys


def _seed_event(doc, starts: list[str]) -> Event:
    spans = []
    for start in starts:
        offset = doc.text.index(start)
        sent = doc.char_span(offset, offset + len(start), alignment_mode="expand").sent
        spans.append(Evidence.from_text(doc.text, sent.start_char, sent.end_char, field="sentence"))
    return Event(sentences=spans)


def run(gold_path: Path, errors: bool) -> None:
    nlp = get_nlp()
    items = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    dates, strict, lenient, fatal, facts = Score(), Score(), Score(), Score(), Score()
    misses: list[str] = []
    seed_docs: dict[str, object] = {}
    started = time.perf_counter()
    n_sentences = 0
    for item in items:
        published = date.fromisoformat(item["published"])
        if "article" in item:  # a seed-article item: real stages on hand-built events
            path = item["article"]
            if path not in seed_docs:
                seed_docs[path] = nlp((ROOT / path).read_text(encoding="utf-8"))
            doc = seed_docs[path]
            events = [_seed_event(doc, item["sentences"])] if "sentences" in item else []
            extraction = Extraction(article=Article(text=doc.text, published=published), events=events)
            extraction = make_counts_stage()(doc, make_dates_stage()(doc, extraction))
            if "facts" in item:
                missed, extra = facts.add(_count_keys(item["facts"], True), _count_keys(extraction.facts, True))
                if missed or extra:
                    misses.append(f"{item['id']} facts: missed {dict(missed)} extra {dict(extra)}")
                continue
            event = extraction.events[0]
            predicted_date = (_iso(event.event_date), _iso(event.end_date), event.time_precision)
            predicted_counts: list[Count] = event.counts
            figure = (event.fatalities, event.fatalities_bound) if event.fatalities is not None else None
        else:
            n_sentences += 1
            doc = nlp(item["text"])
            resolution = resolve_dates(doc, published)
            predicted_date = (_iso(resolution.event_date), _iso(resolution.end_date), resolution.time_precision)
            items_found = count_items(doc[:], published=published)
            predicted_counts = [item.count for item in items_found]
            figure = fatality_figure(items_found)
        if predicted_date == (None, None, None):
            predicted_date = None
        if "date" in item:
            gold_date = _date_key(item["date"])
            hit = Counter([gold_date]) if gold_date else Counter()
            got = Counter([predicted_date]) if predicted_date else Counter()
            missed, extra = dates.add(hit, got)
            if missed or extra:
                misses.append(f"{item['id']} date: gold {gold_date} got {predicted_date}  | {item.get('text', '')}")
        missed, extra = strict.add(_count_keys(item["counts"], True), _count_keys(predicted_counts, True))
        lenient.add(_count_keys(item["counts"], False), _count_keys(predicted_counts, False))
        if missed or extra:
            misses.append(f"{item['id']} counts: missed {dict(missed)} extra {dict(extra)}  | {item.get('text', '')}")
        if "fatalities" in item:
            gold_figure = tuple(item["fatalities"]) if item["fatalities"] else None
            m, e = fatal.add(Counter([gold_figure]) if gold_figure else Counter(),
                             Counter([tuple(figure)]) if figure else Counter())
            if m or e:
                misses.append(f"{item['id']} fatalities: gold {gold_figure} got {figure}")
    elapsed = time.perf_counter() - started

    table = Table(title=f"dates and counts on {gold_path.name} ({len(items)} items)", header_style="bold")
    for column in ("field", "precision", "recall", "F1", "gold"):
        table.add_column(column, justify="left" if column == "field" else "right")
    table.add_row("dates (date, end, precision)", *dates.row())
    table.add_row("counts strict (kind, value, bound, context)", *strict.row())
    table.add_row("counts lenient (kind, value)", *lenient.row())
    table.add_row("headline fatalities (value, bound)", *fatal.row())
    if facts.tp + facts.fn:
        table.add_row("seed context facts", *facts.row())
    console.print(table)
    console.print(f"{n_sentences} sentences + seed items in {elapsed:.2f}s "
                  f"({n_sentences / elapsed:.0f} sentences/s including parsing)")
    if errors:
        for line in misses:
            console.print(line, highlight=False, markup=False)


def stage_speed(repeats: int = 10) -> None:
    """Time of the two stages alone (parse excluded) on the seed article, one event per sentence (worst case)."""
    nlp = get_nlp()
    text = (ROOT / "tests" / "data" / "ingest" / "hasaka.txt").read_text(encoding="utf-8")
    doc = nlp(text)
    dates_stage, counts_stage = make_dates_stage(), make_counts_stage()
    started = time.perf_counter()
    for _ in range(repeats):
        events = [Event(sentences=[Evidence.from_text(text, s.start_char, s.end_char)]) for s in doc.sents]
        extraction = Extraction(article=Article(text=text, published=date(2022, 1, 21)), events=events)
        counts_stage(doc, dates_stage(doc, extraction))
    per_article = (time.perf_counter() - started) / repeats * 1000
    console.print(f"stages dates+counts on the seed article ({len(events)} events, parse excluded): "
                  f"{per_article:.1f} ms per article")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every miss")
    parser.add_argument("--gold", type=Path, action="append", help="gold JSONL file (default: all)")
    args = parser.parse_args()
    for path in args.gold or GOLDS:
        run(path, args.errors)
    stage_speed()
