"""Benchmark the event classifier on our held-out gold sentences: per-class P/R/F1, macro/weighted F1, speed.

    python benchmarks/classify.py                # both shipped models on benchmarks/gold/classify_heldout.jsonl
    python benchmarks/classify.py --model DIR    # one model: fast, accurate, or a directory from `train --acled`
    python benchmarks/classify.py --cv           # 5-fold cross-validation on the training data (model selection)
    python benchmarks/classify.py --shift        # style shift: train without ACLED-note-style examples, test on them

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

from eventledger.classify.cues import span_cues
from eventledger.classify.examples import load_jsonl
from eventledger.classify.model import DEFAULT_C, DEFAULT_CUE_SCALE, get_classifier, parse_cues
from eventledger.nlp import get_nlp
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


def style_shift() -> None:
    """How much is lost on a writing style the model never saw: ACLED notes ("On 3 May 2023, ...")."""
    import re

    from eventledger.classify.model import train

    note = re.compile(r"^On \d{1,2} \w+ \d{4},")
    examples, gold_set = load_jsonl(), load_jsonl(GOLD)
    notes = [e for e in gold_set if note.match(e.text)]
    table = Table(title=f"Style shift: {len(notes)} held-out ACLED-style notes", header_style="bold")
    for column in ("embedding", "trained on", "weighted F1"):
        table.add_column(column)
    for embedder in ("static", "minilm"):
        for name, subset in (("news-style examples only", [e for e in examples if not note.match(e.text)]),
                             ("all examples", examples)):
            predicted = [p.label for p in train(subset, embedder=embedder).predict([e.text for e in notes])]
            table.add_row(embedder, f"{name} ({len(subset)})",
                          f"{f1_score([e.label for e in notes], predicted, average='weighted'):.3f}")
    console.print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="fast, accurate or a classifier directory (default: both shipped models)")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--cv", action="store_true", help="cross-validate settings on the training data")
    parser.add_argument("--shift", action="store_true", help="measure the loss on an unseen writing style")
    parser.add_argument("--speed-n", type=int, default=2000, help="snippets for the throughput measurement")
    args = parser.parse_args()
    if args.cv:
        cross_validate()
        return
    if args.shift:
        style_shift()
        return
    examples = load_jsonl(args.gold)
    texts, gold = [e.text for e in examples], [e.label for e in examples]
    cue_rows = parse_cues(texts)
    speed = Table(title="Throughput (this machine)", header_style="bold")
    for column in ("model", "snippets/s: parse + embed + classify (CLI)", "ms/event with the pipeline's parse"):
        speed.add_column(column, justify="left" if column == "model" else "right")
    for name in [args.model] if args.model else ["fast", "accurate"]:
        classifier = get_classifier(name)
        predicted = [p.label for p in classifier.predict(texts, cue_rows)]
        report(gold, predicted, f"{name}: event classification on {args.gold.name} ({len(gold)} sentences, "
               f"{len(set(gold))} classes)")
        confusions(gold, predicted)
        # Speed with a loaded model. CLI path: parse the snippets for their cues, embed, classify.
        # Pipeline path: the article is already parsed; the cost is the cue read-out, embedding and classifier.
        snippets = [texts[i % len(texts)] + f" ({i})" for i in range(args.speed_n)]
        started = time.perf_counter()
        classifier.predict(snippets)
        cli_rate = len(snippets) / (time.perf_counter() - started)
        docs = list(get_nlp().pipe(texts))
        started = time.perf_counter()
        classifier.predict_proba(texts, np.vstack([span_cues(doc) for doc in docs]))
        per_event = (time.perf_counter() - started) / len(texts)
        speed.add_row(name, f"{cli_rate:,.0f}", f"{per_event * 1e3:.3f}")
    console.print(speed)


if __name__ == "__main__":
    main()
