"""Benchmark event detection and typing through the whole pipeline, on short news passages we wrote ourselves.

    python benchmarks/mentions.py              # benchmarks/gold/mentions_heldout.jsonl
    python benchmarks/mentions.py --gold benchmarks/gold/mentions_heldout2.jsonl   # the second set
    python benchmarks/mentions.py --errors     # also list every passage the pipeline got wrong
    python benchmarks/mentions.py --json out.json

Gold (see `mentions_README.md`): `mentions_heldout.jsonl`, 360 passages of one to three sentences, each with the
ACLED sub-event label of the one event it reports (280), or NONE when it reports no event that happened (80 hard
negatives: threats, denials, trends, metaphors, history, sports); `mentions_heldout2.jsonl`, 300 passages of two
to four sentences (230 events, 70 NONE). Each written blind by a helper session from the taxonomy alone, with
deliberately varied wording ('traded fire', 'strafed', 'whisked away').

Each passage is an article (its text and publication date) run through `Pipeline.extract_one`, the stages a
stored event goes through. Its answer is the label of its main event (the one built from most sentences; ties:
the first), or NONE when no event is extracted. Scores:

- detection: recall = event passages with an event; false alarms = NONE passages with one, and among them those
  typed as political violence, a demonstration or a strategic development (the tool also types disasters,
  accidents, crime and diplomacy, outside ACLED, so that they are not mistaken for it: a NONE passage about a gas
  explosion typed MAN_MADE_DISASTER is an event found, not a political one);
- typing: the main event's label against the gold label (sub-event) and its ACLED event type (the six types),
  over all event passages (a missed event is a wrong label) and over those detected;
- per gold label: passages, detected, label right.

The classifier benchmark (`classify.py`) scores the model on gold sentences; this one scores what the tool as a
whole stores, including the trigger rules that decide whether there is an event at all.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

GOLD = Path(__file__).parent / "gold" / "mentions_heldout.jsonl"
NONE = "NONE"


@dataclass(frozen=True)
class Passage:
    id: str
    published: date
    text: str
    label: str


def load_gold(path: Path) -> list[Passage]:
    from eventledger.taxonomy import BY_LABEL

    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            passage = Passage(row["id"], date.fromisoformat(row["published"]), row["text"], row["label"])
        except (ValueError, KeyError, TypeError) as err:
            raise ValueError(f"{path}:{n}: not a gold passage ({err})") from err
        if passage.label != NONE and passage.label not in BY_LABEL:
            raise ValueError(f"{path}:{n}: unknown label {passage.label!r}")
        rows.append(passage)
    return rows


def run(gold: list[Passage], console: Console) -> tuple[dict[str, str], float]:
    """The label of each passage's main event (NONE: no event), and the seconds the extraction took."""
    from eventledger.models import Article
    from eventledger.pipeline import Pipeline

    pipeline = Pipeline()
    answers: dict[str, str] = {}
    started = time.perf_counter()
    with Progress(TextColumn("extract"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as progress:
        task = progress.add_task("extract", total=len(gold))
        for passage in gold:
            events = pipeline.extract_one(Article(text=passage.text, published=passage.published,
                                                  origin=f"gold:{passage.id}")).events
            main = max(range(len(events)), key=lambda i: (len(events[i].sentences), -i), default=None)
            answers[passage.id] = (events[main].label or NONE) if main is not None else NONE
            progress.advance(task)
    return answers, time.perf_counter() - started


def evaluate(gold: list[Passage], answers: dict[str, str]) -> dict:
    from eventledger.taxonomy import BY_LABEL

    def event_type(label: str) -> str:
        return BY_LABEL[label].event_type if label in BY_LABEL else NONE

    events = [p for p in gold if p.label != NONE]
    negatives = [p for p in gold if p.label == NONE]
    detected = [p for p in events if answers[p.id] != NONE]
    label_right = [p for p in events if answers[p.id] == p.label]
    type_right = [p for p in events if event_type(answers[p.id]) == event_type(p.label)]
    per_label: dict[str, Counter] = defaultdict(Counter)
    for p in events:
        per_label[p.label]["passages"] += 1
        per_label[p.label]["detected"] += answers[p.id] != NONE
        per_label[p.label]["right"] += answers[p.id] == p.label

    def share(part: list, whole: list) -> float:
        return round(len(part) / len(whole), 4) if whole else 0.0

    return {
        "passages": len(gold), "event_passages": len(events), "none_passages": len(negatives),
        "detection_recall": share(detected, events),
        "false_alarms": sum(1 for p in negatives if answers[p.id] != NONE),
        "false_alarm_rate": share([p for p in negatives if answers[p.id] != NONE], negatives),
        "political_false_alarms": sum(1 for p in negatives if answers[p.id] in BY_LABEL
                                      and BY_LABEL[answers[p.id]].acled),
        "label_accuracy": share(label_right, events), "label_accuracy_detected": share(label_right, detected),
        "type_accuracy": share(type_right, events),
        "type_accuracy_detected": share([p for p in detected if p in type_right], detected),
        "per_label": {label: dict(c) for label, c in sorted(per_label.items())},
        "errors": [{"id": p.id, "gold": p.label, "answer": answers[p.id], "text": p.text}
                   for p in gold if answers[p.id] != p.label],
    }


def print_report(report: dict, seconds: float, console: Console, errors: bool) -> None:
    t = Table(title=f"event detection and typing on {report['passages']} passages "
                    f"({report['event_passages']} events, {report['none_passages']} NONE)")
    for col in ("measure", "value"):
        t.add_column(col, justify="left" if col == "measure" else "right")
    t.add_row("detection recall (event passages with an event)", f"{report['detection_recall']:.3f}")
    t.add_row("false alarms (NONE passages with an event)",
              f"{report['false_alarms']}/{report['none_passages']} = {report['false_alarm_rate']:.3f}")
    t.add_row("... typed as an ACLED event (not a disaster, accident, crime or diplomacy)",
              f"{report['political_false_alarms']}/{report['none_passages']}")
    t.add_row("sub-event label right, all event passages", f"{report['label_accuracy']:.3f}")
    t.add_row("sub-event label right, detected passages", f"{report['label_accuracy_detected']:.3f}")
    t.add_row("event type right, all event passages", f"{report['type_accuracy']:.3f}")
    t.add_row("event type right, detected passages", f"{report['type_accuracy_detected']:.3f}")
    t.add_row("passages/s (one at a time, models loaded)", f"{report['passages'] / seconds:.1f}")
    console.print(t)
    p = Table(title="per gold label")
    for col in ("label", "passages", "detected", "label right"):
        p.add_column(col, justify="left" if col == "label" else "right")
    for label, c in report["per_label"].items():
        p.add_row(label, str(c["passages"]), str(c["detected"]), str(c["right"]))
    console.print(p)
    if errors:
        e = Table(title=f"{len(report['errors'])} passages answered wrong")
        for col in ("id", "gold", "answer", "text"):
            e.add_column(col, overflow="fold")
        for row in report["errors"]:
            e.add_row(row["id"], row["gold"], row["answer"], row["text"])
        console.print(e)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--errors", action="store_true", help="list every passage answered wrong")
    parser.add_argument("--json", type=Path, help="write the full report here")
    args = parser.parse_args(argv)
    console = Console()
    try:
        gold = load_gold(args.gold)
    except (OSError, ValueError) as err:
        console.print(f"[red]error:[/red] {err}")
        return 2
    answers, seconds = run(gold, console)
    report = evaluate(gold, answers)
    print_report(report, seconds, console, args.errors)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
