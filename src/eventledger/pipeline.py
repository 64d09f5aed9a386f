"""The pipeline a reader can follow: ingest → nlp → extract (stages) → resolve → store.

`Pipeline.extract` turns Articles into Extractions (one spaCy pass, then each registered stage in order);
`Pipeline.ingest` also stores them, where cross-article resolution (deduplication) happens.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable, Iterator, Sized
from itertools import chain, islice
from typing import TYPE_CHECKING

from eventledger.models import Article, Extraction
from eventledger.nlp import get_nlp
from eventledger.registry import Stage, get_stage_factory

if TYPE_CHECKING:
    from eventledger.store import AddResult, Store

# Order matters: mentions finds event mentions and their sentences; the others enrich them; finalize derives
# what needs several fields (actor names localised by the event's country, interaction, notes).
DEFAULT_STAGES = ("mentions", "classify", "dates", "counts", "places", "attribution", "finalize")


# The spaCy parse is ~80% of the work. On a large input it can run in worker processes (spaCy's n_process) while
# the stages run in this one. On 2 idle cores, 2 workers extract ~1.5x faster; with one core busy elsewhere they
# are ~15% slower than one process (benchmarks/throughput.py). So: only for inputs of this many articles or more
# (each worker loads the model), and only on CPUs that are idle when the input starts.
AUTO_PROCESSES_MIN_ARTICLES = 256
AUTO_PROCESSES_MAX = 4
PROCESSES_ENV = "EVENTLEDGER_PROCESSES"


def _cpu_times() -> tuple[float, float] | None:
    """(idle, total) jiffies of all CPUs since boot (Linux), or None."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [float(x) for x in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    return fields[3] + (fields[4] if len(fields) > 4 else 0.0), sum(fields[:8])


def idle_cpus(cpus: int, window: float = 0.25) -> float:
    """How many CPUs are idle now: measured over `window` seconds (Linux), else from the load average."""
    before = _cpu_times()
    if before is not None:
        time.sleep(window)
        after = _cpu_times()
        if after is not None and after[1] > before[1]:
            share = (after[0] - before[0]) / (after[1] - before[1])
            return share * (os.cpu_count() or cpus)
    try:
        return cpus - os.getloadavg()[0]
    except OSError:
        return float(cpus)


def auto_processes() -> int:
    """Parse processes for a large input: EVENTLEDGER_PROCESSES if set; else one per idle CPU among the CPUs this
    process may use, at most 4, if that is 2 or more; else 1. Always 1 outside the main thread: forking a process
    while other threads run is unsafe."""
    if threading.current_thread() is not threading.main_thread():
        return 1
    if value := os.environ.get(PROCESSES_ENV, "").strip():
        if not value.isdigit() or int(value) < 1:
            raise ValueError(f"{PROCESSES_ENV}={value!r}: give a number of processes, 1 or more")
        return int(value)
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    if cpus < 2:
        return 1
    idle = min(int(idle_cpus(cpus) + 0.5), cpus)
    return min(idle, AUTO_PROCESSES_MAX) if idle >= 2 else 1


class Pipeline:
    """Build once (models load once), then feed it articles."""

    def __init__(self, stages: Iterable[str] = DEFAULT_STAGES, batch_size: int = 32,
                 n_process: int | None = None) -> None:
        """`n_process`: spaCy worker processes for the parse (the stages run in this process); None: several
        for inputs of AUTO_PROCESSES_MIN_ARTICLES articles or more (see `auto_processes`), else 1."""
        if n_process is not None and n_process < 1:
            raise ValueError(f"n_process must be 1 or more (or None for automatic), got {n_process}")
        self.nlp = get_nlp()
        self.stage_names = tuple(stages)
        self.stages: list[Stage] = [get_stage_factory(name)() for name in self.stage_names]
        self.batch_size = batch_size
        self.n_process = n_process

    def _processes(self, articles: Iterable[Article]) -> tuple[int, Iterable[Article]]:
        """How many parse processes for this input (peeking at its first articles if it is a stream)."""
        if self.n_process is not None:
            return self.n_process, articles
        if isinstance(articles, Sized):
            return (auto_processes() if len(articles) >= AUTO_PROCESSES_MIN_ARTICLES else 1), articles
        stream = iter(articles)
        head = list(islice(stream, AUTO_PROCESSES_MIN_ARTICLES))
        return (auto_processes() if len(head) >= AUTO_PROCESSES_MIN_ARTICLES else 1), chain(head, stream)

    def extract(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        """Extract events from each article, in order, streaming."""
        n_process, articles = self._processes(articles)
        pairs = ((article.text, article) for article in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size,
                                          n_process=n_process):
            extraction = Extraction(article=article)
            for stage in self.stages:
                extraction = stage(doc, extraction)
            yield extraction

    def extract_one(self, article: Article) -> Extraction:
        return next(self.extract([article]))

    def ingest(self, articles: Iterable[Article], store: Store) -> Iterator[tuple[Extraction, AddResult]]:
        """Extract and store, one transaction per article (so an interruption loses nothing stored).

        Articles already in the store are skipped before extraction: ingestion is idempotent and cheap to re-run.
        """
        fresh = (article for article in articles if not store.has_article(article.id))
        for extraction in self.extract(fresh):
            yield extraction, store.add(extraction)
