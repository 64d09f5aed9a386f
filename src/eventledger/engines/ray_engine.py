"""Ray backend: extraction runs as Ray Data `map_batches` on an actor pool; the driver writes to the store.

Each actor builds the pipeline once (spaCy and models load once per actor, not per batch). Results stream back to
the driver, which stores them one article per transaction: a single writer keeps deduplication correct across
batches and workers, and an interrupted run keeps every article already stored.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from eventledger.models import Article, Extraction


class ExtractBatch:
    """A Ray actor: holds one Pipeline and extracts batches of articles (as JSON) with it."""

    def __init__(self, stages: Sequence[str] | None = None) -> None:
        from eventledger.pipeline import DEFAULT_STAGES, Pipeline

        self.pipeline = Pipeline(stages=stages or DEFAULT_STAGES)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        articles = [Article.model_validate_json(item) for item in batch["article"]]
        return {"extraction": [x.model_dump_json() for x in self.pipeline.extract(articles)]}


def connect(address: str | None = None, num_cpus: int | None = None) -> None:
    """Join the Ray cluster at `address` ("auto", "ray://head:10001"), or start a local instance."""
    import ray

    if ray.is_initialized():
        return
    options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                               "logging_level": logging.WARNING}
    if address:
        ray.init(address=address, **options)
    else:
        ray.init(num_cpus=num_cpus, **options)
    # Ray Data prints its own progress; the CLI shows one progress bar of its own.
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)


def extract_with_ray(articles: Iterable[Article], *, workers: int = 2, batch_size: int = 16,
                     address: str | None = None, stages: Sequence[str] | None = None) -> Iterator[Extraction]:
    """Extract on an actor pool of `workers` actors; yields extractions as they finish (order not kept)."""
    import ray.data

    connect(address, num_cpus=None if address else max(workers, 1))
    items = [{"article": article.model_dump_json()} for article in articles]
    if not items:
        return
    dataset = ray.data.from_items(items).map_batches(
        ExtractBatch, fn_constructor_kwargs={"stages": tuple(stages) if stages else None},
        batch_size=batch_size, concurrency=workers, num_cpus=1,
    )
    for row in dataset.iter_rows():
        yield Extraction.model_validate_json(row["extraction"])
