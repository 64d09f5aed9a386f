"""Ray scaling: the same synthetic corpus extracted on 1 and 2 Ray workers (a local Ray instance).

    python benchmarks/ray_scaling.py                 # 400 articles, 1 and 2 workers, plus the local engine
    python benchmarks/ray_scaling.py --n 1000 --workers 1,2,4 --address auto   # on a running cluster

Each run builds a new actor pool, so "total" includes the actors' start and model loading; "steady" counts from
the first result on (the rate a long backfill approaches). Results come back in input order, as the store needs.
The local engine (`Pipeline.extract` in this process on one process, models already loaded) is the reference row.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "src"), str(HERE)]

from corpus import generate, to_articles  # noqa: E402
from eventledger.engines.ray_engine import connect, extract_with_ray  # noqa: E402
from eventledger.pipeline import DEFAULT_STAGES, Pipeline  # noqa: E402

console = Console()


def timed(extractions) -> tuple[float, float, int, int]:
    """(total seconds, seconds to the first result, results, events) of consuming `extractions`."""
    start = time.perf_counter()
    first = None
    count = events = 0
    for extraction in extractions:
        first = first if first is not None else time.perf_counter() - start
        count += 1
        events += len(extraction.events)
    return time.perf_counter() - start, first or 0.0, count, events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=400, help="articles (default 400)")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts (default 1,2)")
    parser.add_argument("--batch-size", type=int, default=8, help="articles per Ray batch")
    parser.add_argument("--address", help="Ray cluster address (default: a local instance)")
    parser.add_argument("--stages", help="comma-separated stages (default: all)")
    parser.add_argument("--no-local", action="store_true", help="skip the local-engine reference row")
    args = parser.parse_args()
    counts = [int(w) for w in args.workers.split(",")]
    stages = tuple(args.stages.split(",")) if args.stages else DEFAULT_STAGES
    articles = to_articles(generate(args.n))

    rows = []
    if not args.no_local:
        pipeline = Pipeline(stages=stages, n_process=1)  # one process, as each Ray actor
        pipeline.extract_one(articles[0])
        total, _first, count, events = timed(pipeline.extract(articles))
        rows.append(("local, 1 process", total, None, count, events))

    start = time.perf_counter()
    connect(args.address, num_cpus=None if args.address else max(counts))
    ray_start = time.perf_counter() - start
    import ray

    cpus = ray.cluster_resources().get("CPU", 0)
    try:
        for workers in counts:
            console.print(f"[dim]{workers} Ray worker(s) on {args.n} articles…[/dim]")
            total, first, count, events = timed(extract_with_ray(articles, workers=workers, batch_size=args.batch_size,
                                                                 address=args.address, stages=stages))
            rows.append((f"Ray, {workers} worker{'s' * (workers > 1)}", total, first, count, events))
    finally:
        ray.shutdown()

    table = Table(title=f"Ray scaling on {args.n} synthetic articles ({os.cpu_count()} CPUs here, Ray cluster "
                  f"{cpus:g} CPUs, started in {ray_start:.1f} s; batch size {args.batch_size})", header_style="bold")
    for column in ("engine", "total s", "articles/s (total)", "start s", "articles/s (steady)", "speed-up (steady)",
                   "events"):
        table.add_column(column, justify="left" if column == "engine" else "right")
    one = next((r for r in rows if r[0].startswith("Ray, 1 ")), None)
    one_steady = (one[3] - 1) / (one[1] - one[2]) if one and one[1] > one[2] else None
    for label, total, first, count, events in rows:
        steady = (count - 1) / (total - first) if first is not None and total > first else count / total
        table.add_row(label, f"{total:.1f}", f"{count / total:.1f}", "" if first is None else f"{first:.1f}",
                      f"{steady:.1f}", f"{steady / one_steady:.2f}×" if one_steady and first is not None else "",
                      str(events))
    console.print(table)
    console.print(f"load average: {os.getloadavg()[0]:.1f} (other processes on the machine slow every row)")


if __name__ == "__main__":
    main()
