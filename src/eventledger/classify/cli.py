"""`eventledger classify` and `eventledger train` (plain functions; `eventledger.cli` registers them)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, BinaryIO

import numpy as np
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

err_console = Console(stderr=True)


class Embedder(StrEnum):
    static = "static"
    minilm = "minilm"


CHUNK = 1000  # snippets per model call: large enough to batch the parser, small enough to stream


def _lines(handle: BinaryIO, problems: list[str]) -> Iterator[tuple[int, str]]:
    """Stripped lines decoded as UTF-8 (a byte-order mark is dropped); undecodable lines are noted and skipped."""
    for number, raw in enumerate(handle, start=1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as err:
            problems.append(f"line {number}: not UTF-8 text ({err.reason})")
            continue
        yield number, line.strip()


def _chunks(lines: Iterator[tuple[int, str]]) -> Iterator[list[tuple[int, str]]]:
    chunk: list[tuple[int, str]] = []
    for number, text in lines:
        if text:
            chunk.append((number, text))
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def classify(
    file: Annotated[str, typer.Argument(help="Snippets, one per line (UTF-8); '-' for stdin.")] = "-",
    model: Annotated[str, typer.Option("--model", help="'accurate' (transformer embedding, ~250 snippets/s), "
                                       "'fast' (static embedding, the pipeline's model, ~700 snippets/s) or a "
                                       "directory written by `eventledger train --acled`.")] = "accurate",
    explain: Annotated[bool, typer.Option("--explain", help="Add the parse cues that fired to each object.")]
    = False,
) -> None:
    """Classify snippets into ACLED event types: one JSON object per input line (blank lines are skipped)."""
    from eventledger.classify.cues import active_cues
    from eventledger.classify.model import SHIPPED, get_classifier, parse_cues

    if model not in SHIPPED and not Path(model).is_dir():
        raise FileNotFoundError(f"--model {model}: no such directory (or use 'accurate' or 'fast')")
    classifier = get_classifier(model)
    if file == "-":
        handle: BinaryIO = getattr(sys.stdin, "buffer", sys.stdin)  # bytes: we decode (UTF-8 whatever the locale)
    else:
        path = Path(file)
        if not path.is_file():
            raise FileNotFoundError(f"{file}: no such file")
        handle = path.open("rb")
    count = 0
    problems: list[str] = []
    try:
        for chunk in _chunks(_lines(handle, problems)):
            texts = [text for _, text in chunk]
            # an embedding-only model (trained with --no-cues) needs no parse unless cues are asked for
            cues = parse_cues(texts) if classifier.use_cues or explain else None
            predictions = classifier.predict(texts, cues)
            for i, ((number, _), prediction) in enumerate(zip(chunk, predictions, strict=True)):
                record = {"line": number, **prediction.to_dict()}
                if explain and cues is not None:
                    record["cues"] = active_cues(cues[i])
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            sys.stdout.flush()
            count += len(chunk)
    finally:
        if file != "-":
            handle.close()
    for problem in problems:
        err_console.print(f"[yellow]skipped[/] {problem}")
    if count == 0:
        raise ValueError("no snippet in the input (expected one UTF-8 snippet per line)")
    if problems:
        raise typer.Exit(1)  # partial: the good lines were classified


def train(
    acled: Annotated[Path | None, typer.Option("--acled", help="An ACLED export (CSV with 'notes' and "
                                               "'sub_event_type') to train a model of your own.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Where to write the model (default: the shipped "
                                             "model's directory without --acled, else <data dir>/classifier).")]
    = None,
    no_cues: Annotated[bool, typer.Option("--no-cues", help="Use the sentence embedding only (faster "
                                          "training on big exports, usually less accurate).")] = False,
    embedder: Annotated[Embedder, typer.Option(help="Embedding for a model trained from --acled: 'static' "
                                               "(fast) or 'minilm' (accurate, ~4 ms per note to train and to "
                                               "classify).")] = Embedder.static,
) -> None:
    """Train the event classifier: from the shipped examples (reproducible), or from an ACLED export."""
    from eventledger.classify.examples import TRAIN_PATH, load_jsonl, read_acled_csv
    from eventledger.classify.model import EMBEDDER_OF, SHIPPED
    from eventledger.paths import data_dir

    if acled is None:
        # Both shipped models, from the shipped examples (`--out DIR` writes DIR/fast and DIR/accurate).
        examples = load_jsonl(TRAIN_PATH)
        cues = _parse_with_progress([e.text for e in examples])
        for name, directory in SHIPPED.items():
            target = out / name if out else directory
            _fit_and_save(examples, cues, "eventledger/classify/data/train.jsonl", EMBEDDER_OF[name], target)
        return
    examples, skipped = read_acled_csv(acled)
    for reason, n in skipped.items():
        err_console.print(f"[yellow]skipped[/] {n} rows: {reason}")
    classes = {e.label for e in examples}
    if len(classes) < 2:
        raise ValueError(f"{acled.name}: training needs examples of at least two sub-event types "
                         f"(found {len(examples)} usable rows, {len(classes)} type(s))")
    target = out or data_dir() / "classifier"
    cues = None if no_cues else _parse_with_progress([e.text for e in examples])
    _fit_and_save(examples, cues, acled.name, embedder.value, target)
    err_console.print(f"use it with: eventledger classify --model {target}")


def _parse_with_progress(texts: list[str]) -> np.ndarray:
    from eventledger.classify.model import parse_cues

    parts = []
    with Progress(TextColumn("parsing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err_console, transient=True) as progress:
        task = progress.add_task("parsing", total=len(texts))
        for start in range(0, len(texts), 500):
            parts.append(parse_cues(texts[start:start + 500]))
            progress.update(task, advance=len(parts[-1]))
    return np.vstack(parts)


def _fit_and_save(examples: list, cues: np.ndarray | None, source: str, embedder: str, target: Path) -> None:
    from eventledger.classify.model import train as fit

    with err_console.status(f"training ({embedder} embedding)…"):
        classifier = fit(examples, use_cues=cues is not None, source=source, cues=cues, embedder=embedder)
    classifier.save(target)
    err_console.print(f"trained on {len(examples)} examples of {len(classifier.labels)} classes from {source} "
                      f"({embedder} embedding); wrote {target}")
