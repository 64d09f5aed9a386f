"""Benchmark the event classifier on our held-out gold sentences: per-class P/R/F1, macro/weighted F1, speed.

    python benchmarks/classify.py                # the shipped model on benchmarks/gold/classify_heldout.jsonl
    python benchmarks/classify.py --model DIR    # a model written by `eventledger train --acled`
    python benchmarks/classify.py --cv           # 5-fold cross-validation on the training data (model selection)

The held-out sentences are never used for training or for choosing settings.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table
from sklearn.metrics import classification_report, confusion_matrix, f1_score

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from eventledger.classify.data import load_jsonl
from eventledger.classify.model import DEFAULT_C, DEFAULT_CUE_SCALE, get_classifier, parse_cues
from eventledger.taxonomy import LABELS

GOLD = Path(__file__).parent / "gold" / "classify_heldout.jsonl"
console = Console()


def report(gold: list[str], predicted: list[str], title: str) -> None:
    labels = [label for label in LABELS if label in set(gold) | set(predicted)]
    stats = classification_report(gold, predicted, labels=labels, output_dict=True, zero_division=0)
    table = Table(title=title, header_style="bold")
    for column in ("class", "precision", "recall", "F1", "support"):
        table.add_column(column, justify="left" if column == "class" else "right")
    for label in labels:
        row = stats[label]
        table.add_row(label, f"{row['precision']:.2f}", f"{row['recall']:.2f}", f"{row['f1-score']:.2f}",
                      str(int(row["support"])))
    table.add_section()
    table.add_row("accuracy", "", "", f"{np.mean(np.array(gold) == np.array(predicted)):.3f}", str(len(gold)))
    table.add_row("macro F1", "", "", f"{f1_score(gold, predicted, average='macro', labels=labels):.3f}", "")
    table.add_row("weighted F1", "", "", f"{f1_score(gold, predicted, average='weighted', labels=labels):.3f}",
                  "")
    console.print(table)


def confusions(gold: list[str], predicted: list[str], top: int = 10) -> None:
    labels = sorted(set(gold) | set(predicted))
    matrix = confusion_matrix(gold, predicted, labels=labels)
    np.fill_diagonal(matrix, 0)
    pairs = sorted(((matrix[i, j], labels[i], labels[j]) for i, j in zip(*np.nonzero(matrix), strict=True)),
                   reverse=True)[:top]
    if pairs:
        console.print("most frequent confusions (gold -> predicted): " +
                      "; ".join(f"{g} -> {p} ({n})" for n, g, p in pairs))


def cross_validate(folds: int = 5) -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    from eventledger.classify.embed import embed

    examples = load_jsonl()
    texts, gold = [e.text for e in examples], [e.label for e in examples]
    embeddings, cues = embed(texts), parse_cues(texts)
    splitter = StratifiedKFold(folds, shuffle=True, random_state=0)
    table = Table(title=f"{folds}-fold cross-validation on the training data", header_style="bold")
    for column in ("features", "C", "cue scale", "weighted F1"):
        table.add_column(column)
    for use_cues in (False, True):
        for c in (1.0, 5.0, 20.0):
            for scale in ((0.2, 0.35, 0.6) if use_cues else (0.0,)):
                features = np.hstack([embeddings, scale * cues]) if use_cues else embeddings
                estimator = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
                predicted = cross_val_predict(estimator, features, gold, cv=splitter)
                table.add_row("embedding + cues" if use_cues else "embedding", str(c), str(scale),
                              f"{f1_score(gold, predicted, average='weighted'):.3f}")
    console.print(table)
    console.print(f"shipped settings: C={DEFAULT_C}, cue scale={DEFAULT_CUE_SCALE}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="classifier directory (default: the shipped model)")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--cv", action="store_true", help="cross-validate settings on the training data")
    parser.add_argument("--speed-n", type=int, default=2000, help="snippets for the throughput measurement")
    args = parser.parse_args()
    if args.cv:
        cross_validate()
        return
    classifier = get_classifier(args.model)
    examples = load_jsonl(args.gold)
    texts, gold = [e.text for e in examples], [e.label for e in examples]
    predicted = [p.label for p in classifier.predict(texts)]
    report(gold, predicted, f"Event classification on {args.gold.name} ({len(gold)} sentences, "
           f"{len(set(gold))} classes)")
    confusions(gold, predicted)

    # Throughput, cold caches aside: the model is loaded; parsing (for cues) is part of the cost.
    snippets = [texts[i % len(texts)] + f" ({i})" for i in range(args.speed_n)]
    started = time.perf_counter()
    classifier.predict(snippets)
    with_parse = time.perf_counter() - started
    cue_rows = parse_cues(texts)
    started = time.perf_counter()
    for _ in range(5):
        classifier.predict_proba(texts, cue_rows)
    model_only = (time.perf_counter() - started) / (5 * len(texts))
    speed = Table(title="Throughput (this machine)", header_style="bold")
    speed.add_column("what")
    speed.add_column("value", justify="right")
    speed.add_row("snippets/s, parse + embed + classify (CLI path)", f"{len(snippets) / with_parse:,.0f}")
    speed.add_row("ms per event, embed + classify with cues from the pipeline's parse", f"{model_only * 1e3:.3f}")
    console.print(speed)


if __name__ == "__main__":
    main()
