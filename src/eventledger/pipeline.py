"""The pipeline a reader can follow: ingest → nlp → extract (stages) → resolve → store.

`Pipeline.extract` turns Articles into Extractions (one spaCy pass, then each registered stage in order);
`Pipeline.ingest` also stores them, where cross-article resolution (deduplication) happens.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from eventledger.models import Article, Extraction
from eventledger.nlp import get_nlp
from eventledger.registry import Stage, get_stage_factory

if TYPE_CHECKING:
    from eventledger.store import AddResult, Store

# Order matters: mentions finds event mentions and their sentences; the others enrich them; finalize derives
# what needs several fields (actor names localised by the event's country, interaction, notes).
DEFAULT_STAGES = ("mentions", "classify", "dates", "counts", "places", "attribution", "finalize")


class Pipeline:
    """Build once (models load once), then feed it articles."""

    def __init__(self, stages: Iterable[str] = DEFAULT_STAGES, batch_size: int = 32, n_process: int = 1) -> None:
        self.nlp = get_nlp()
        self.stage_names = tuple(stages)
        self.stages: list[Stage] = [get_stage_factory(name)() for name in self.stage_names]
        self.batch_size = batch_size
        self.n_process = n_process  # spaCy worker processes for the parse (the stages run in this process)

    def extract(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        """Extract events from each article, in order, streaming."""
        pairs = ((article.text, article) for article in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size,
                                          n_process=self.n_process):
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
