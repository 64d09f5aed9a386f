"""Throughput of the pipeline against bare spaCy, on the synthetic corpus (`benchmarks/corpus.py`).

    python benchmarks/throughput.py                 # 2,000 articles
    python benchmarks/throughput.py --quick         # 300 articles
    python benchmarks/throughput.py --n-process 3   # the multi-process rows with 3 processes (default: CPUs, <= 4)
    python benchmarks/throughput.py --profile 300   # pyinstrument profile of Pipeline.extract on 300 articles

Rows, each in its own process so that the peak memory (ru_maxrss) is the row's own:
- bare spaCy: `get_nlp().pipe(texts, batch_size=...)`, the model and components the pipeline uses, on one
  process and on one per CPU (spaCy's n_process);
- pipeline: `Pipeline().extract(articles)`, every stage, on one process and on one per CPU;
- ingest: the JSONL file read by the ingest readers (cleaning, language check), `Pipeline.ingest` into a fresh
  SQLite store (deduplication included), with the pipeline's default choice of processes (one per idle CPU).
Model loading and a one-article warm-up are timed apart ("load s") and not counted in the throughput.
Targets (issue 7): pipeline >= 50% of bare spaCy, >= 20 articles/s on 2 cores, peak memory < 2 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "src"), str(HERE)]

from corpus import generate, to_articles, write_jsonl  # noqa: E402
from eventledger.pipeline import AUTO_PROCESSES_MAX, AUTO_PROCESSES_MIN_ARTICLES, auto_processes  # noqa: E402

console = Console()


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process, and of its largest finished child (Linux: ru_maxrss is in KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own / 1024, children / 1024


def cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children (spaCy's n_process workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_phase(phase: str, n: int, batch_size: int, n_process: int) -> dict[str, Any]:
    """Run one phase in this process and return its figures."""
    items = generate(n)
    articles = to_articles(items)
    texts = [a.text for a in articles]
    result: dict[str, Any] = {"phase": phase, "articles": n, "words": sum(len(t.split()) for t in texts),
                              "events": 0}
    processes = n_process or 1
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        if phase == "bare":
            from eventledger.nlp import get_nlp

            nlp = get_nlp()
            list(nlp.pipe(texts[:2]))
            work = (None for _ in nlp.pipe(texts, batch_size=batch_size, n_process=processes))
            count = lambda _item: 0  # noqa: E731
        elif phase == "pipeline":
            from eventledger.pipeline import Pipeline

            pipeline = Pipeline(batch_size=batch_size, n_process=n_process or None)
            pipeline.extract_one(articles[0])  # lazy pools (gazetteer, embeddings) load here, outside the timing
            work = pipeline.extract(articles)
            count = lambda extraction: len(extraction.events)  # noqa: E731
        elif phase == "ingest":
            from eventledger.ingest import read_paths
            from eventledger.models import Article
            from eventledger.pipeline import Pipeline
            from eventledger.store import Store

            source = write_jsonl(items, Path(tmp) / "corpus.jsonl")
            store = Store(f"sqlite:///{Path(tmp) / 'bench.db'}")
            pipeline = Pipeline(batch_size=batch_size, n_process=n_process or None)
            pipeline.extract_one(articles[0])
            read = (item for item in read_paths([source]) if isinstance(item, Article))
            work = pipeline.ingest(read, store)
            count = lambda pair: len(pair[1].inserted) + len(pair[1].merged)  # noqa: E731
        else:
            raise SystemExit(f"unknown phase {phase}")
        result["load"] = time.perf_counter() - start
        if not n_process:  # the pipeline's default, decided as the pipeline decides it, now
            processes = auto_processes() if n >= AUTO_PROCESSES_MIN_ARTICLES else 1
        t0, c0 = time.perf_counter(), cpu_seconds()
        for item in work:  # the generators do the work as they are consumed
            result["events"] += count(item)
        result["seconds"], result["cpu"] = time.perf_counter() - t0, cpu_seconds() - c0
        if phase == "ingest":
            result["stored_events"] = store.stats()["events"]
            store.close()
    result["peak_mb"], result["child_peak_mb"] = peak_rss_mb()
    result["processes"] = processes
    return result


def in_subprocess(phase: str, n: int, batch_size: int, n_process: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--phase", phase, "--n", str(n), "--batch-size", str(batch_size),
               "--n-process", str(n_process)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE.parent / "src"), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        console.print(f"[red]phase {phase} failed[/red]\n{done.stderr[-3000:]}")
        raise SystemExit(1)
    return json.loads(done.stdout.strip().splitlines()[-1])


def profile(n: int, batch_size: int) -> None:
    from pyinstrument import Profiler

    from eventledger.pipeline import Pipeline

    articles = to_articles(generate(n))
    pipeline = Pipeline(batch_size=batch_size, n_process=1)  # one process: the profiler sees the parse too
    pipeline.extract_one(articles[0])
    profiler = Profiler(interval=0.0005)
    profiler.start()
    events = sum(len(x.events) for x in pipeline.extract(articles))
    profiler.stop()
    console.print(f"{n} articles, {events} events")
    console.print(profiler.output_text(unicode=True, color=False, show_all=False, short_mode=False))
    out = HERE / "out" / "profile.html"
    out.parent.mkdir(exist_ok=True)
    out.write_text(profiler.output_html(), encoding="utf-8")
    console.print(f"HTML profile: {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="articles (default 2000)")
    parser.add_argument("--quick", action="store_true", help="300 articles")
    parser.add_argument("--batch-size", type=int, default=32, help="spaCy batch size (the pipeline's default: 32)")
    parser.add_argument("--n-process", type=int, default=0,
                        help="worker processes for the multi-process rows (default: what the pipeline chooses)")
    parser.add_argument("--no-ingest", action="store_true", help="skip the ingest phase")
    parser.add_argument("--profile", type=int, metavar="N", help="profile Pipeline.extract on N articles instead")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    args = parser.parse_args()
    n = 300 if args.quick else args.n
    if args.phase:
        print(json.dumps(run_phase(args.phase, n, args.batch_size, args.n_process)))
        return
    if args.profile:
        profile(args.profile, args.batch_size)
        return

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    several = args.n_process or min(cpus, AUTO_PROCESSES_MAX)
    phases = [("bare spaCy, 1 process", "bare", 1), ("pipeline, 1 process", "pipeline", 1)]
    if several > 1:
        phases += [(f"bare spaCy, {several} processes", "bare", several),
                   (f"pipeline, {several} processes", "pipeline", several)]
    if not args.no_ingest:
        phases.append(("ingest JSONL → SQLite", "ingest", 0))
    results = []
    for label, phase, n_process in phases:
        console.print(f"[dim]running {label} on {n} articles (load average {os.getloadavg()[0]:.1f})…[/dim]")
        result = in_subprocess(phase, n, args.batch_size, n_process)
        if not n_process:
            label += f" (default: {result['processes']} process{'es' * (result['processes'] > 1)})"
        results.append((label, result))

    bare_rows = {r["processes"]: r for _, r in results if r["phase"] == "bare"}
    table = Table(title=f"Throughput on {n} synthetic articles ({results[0][1]['words'] / n:.0f} words each), "
                  f"{os.cpu_count()} CPUs, batch size {args.batch_size}", header_style="bold")
    for column in ("phase", "articles/s", "words/s", "ms/article", "vs bare spaCy", "articles/CPU-s",
                   "vs bare (CPU)", "events", "load s", "peak RSS MB"):
        table.add_column(column, justify="left" if column == "phase" else "right")
    for label, r in results:
        bare = bare_rows.get(r["processes"], results[0][1])  # compared with bare spaCy on as many processes
        rate, cpu_rate = r["articles"] / r["seconds"], r["articles"] / r["cpu"]
        bare_rate, bare_cpu = bare["articles"] / bare["seconds"], bare["articles"] / bare["cpu"]
        memory = f"{r['peak_mb']:,.0f}"
        if r["processes"] > 1:
            total = r["peak_mb"] + r["processes"] * r["child_peak_mb"]
            memory = f"{r['peak_mb']:,.0f} + {r['processes']}×{r['child_peak_mb']:,.0f} = {total:,.0f}"
        table.add_row(label, f"{rate:.1f}", f"{r['words'] / r['seconds']:,.0f}", f"{1000 / rate:.1f}",
                      f"{rate / bare_rate:.0%}", f"{cpu_rate:.1f}", f"{cpu_rate / bare_cpu:.0%}",
                      str(r["events"]) if r["phase"] != "bare" else "", f"{r['load']:.1f}", memory)
    console.print(table)
    console.print("vs bare spaCy: against bare spaCy on as many processes. Peak RSS of a multi-process row: the main "
                  "process + each worker (the largest worker's peak), an upper bound (pages shared after fork count "
                  f"twice). Load average at the end: {os.getloadavg()[0]:.1f}; other processes on the machine slow "
                  "the wall-clock figures, the CPU-time ones less so.")


if __name__ == "__main__":
    main()
