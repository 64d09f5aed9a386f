"""Ray backend: extraction runs as Ray Data `map_batches` on an actor pool; the driver writes to the store.

Each actor builds the pipeline once (spaCy and models load once per actor, not per batch). Results stream back to
the driver, which stores them one article per transaction: a single writer keeps deduplication correct across
batches and workers, and an interrupted run keeps every article already stored.
"""

from __future__ import annotations

import importlib.util
import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from eventledger.models import Article, Extraction


class ExtractBatch:
    """A Ray actor: holds one Pipeline and extracts batches of articles (as JSON) with it."""

    def __init__(self, stages: Sequence[str] | None = None) -> None:
        from eventledger.pipeline import DEFAULT_STAGES, Pipeline

        # One process per actor: Ray runs as many actors as there are workers.
        self.pipeline = Pipeline(stages=stages or DEFAULT_STAGES, n_process=1)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        articles = [Article.model_validate_json(item) for item in batch["article"]]
        return {"extraction": [x.model_dump_json() for x in self.pipeline.extract(articles)]}


class RayConnectError(ValueError):
    """The Ray cluster cannot be reached; the message says what to check."""


# A local instance needs little shared memory: batches of articles and extractions are small (JSON strings).
OBJECT_STORE_MB = 256


def connect(address: str | None = None, num_cpus: int | None = None) -> bool:
    """Join the Ray cluster at `address` ("auto", "ray://head:10001"), or start a local instance with `num_cpus`
    CPUs; returns True if this call started Ray (the caller then shuts it down)."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no usage report (CI and offline machines)
    import ray
    import ray.data

    if ray.is_initialized():
        return False
    options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                               "logging_level": logging.WARNING}
    # Ray logs a notice about token authentication on every local start; it is not the user's business here.
    logging.getLogger("ray._private.authentication.authentication_token_setup").setLevel(logging.ERROR)
    if address:
        if address.startswith("ray://") and importlib.util.find_spec("grpc") is None:
            raise RayConnectError(f"{address}: ray:// addresses need Ray Client (grpcio); install "
                                  "'ray[client]' in this environment (`make setup` does), or run on the cluster "
                                  "with --address auto")
        try:
            ray.init(address=address, **options)
        except ConnectionError as err:
            raise RayConnectError(f"cannot reach the Ray cluster at {address} ({err}); check --address: "
                                  "ray://HEAD:10001 (Ray Client port of the head node) or auto (the cluster this "
                                  "machine is part of)") from err
    else:
        megabytes = int(os.environ.get("EVENTLEDGER_RAY_OBJECT_STORE_MB", OBJECT_STORE_MB))
        # The workers import this very copy of eventledger (a source checkout wins over an installed one).
        package_root = str(Path(__file__).resolve().parents[2])
        python_path = os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p)
        ray.init(num_cpus=num_cpus, object_store_memory=megabytes * 1024 * 1024,
                 runtime_env={"env_vars": {"PYTHONPATH": python_path}}, **options)
    # Ray Data prints its own progress; the CLI shows one progress bar of its own.
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    # Results come back in input order, so the store sees the same sequence as with the local engine: the same
    # events are inserted and merged, whatever the number of workers.
    context.execution_options.preserve_order = True
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    return True


def extract_with_ray(articles: Iterable[Article], *, workers: int = 2, batch_size: int = 8,
                     address: str | None = None, stages: Sequence[str] | None = None) -> Iterator[Extraction]:
    """Extract on an actor pool of `workers` actors; yields extractions in input order, as they finish.

    A local Ray instance started here is shut down when the iteration ends (or is abandoned)."""
    import ray
    import ray.data

    items = [{"article": article.model_dump_json()} for article in articles]
    if not items:
        return
    started = connect(address, num_cpus=None if address else max(workers, 1))
    try:
        dataset = ray.data.from_items(items).map_batches(
            ExtractBatch, fn_constructor_kwargs={"stages": tuple(stages) if stages else None},
            batch_size=batch_size, compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=1,
        )
        for row in dataset.iter_rows():
            yield Extraction.model_validate_json(row["extraction"])
    finally:
        if started:
            ray.shutdown()
