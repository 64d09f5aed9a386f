"""Registries for pipeline stages, in the style of spaCy's `registry` (built on `catalogue`).

A stage factory takes keyword settings and returns a callable `stage(doc, extraction) -> extraction`.
Third-party packages can add stages through the `eventledger_stages` entry point group.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Protocol

import catalogue
from spacy.tokens import Doc

from eventledger.models import Extraction


class Stage(Protocol):
    def __call__(self, doc: Doc, extraction: Extraction) -> Extraction: ...


stages = catalogue.create("eventledger", "stages", entry_points=True)

# Where the built-in stages live: imported on first use so that `eventledger --help` stays fast.
BUILTIN_STAGE_MODULES = {
    "mentions": "eventledger.extract.mentions",
    "classify": "eventledger.classify.stage",
    "dates": "eventledger.extract.dates",
    "counts": "eventledger.extract.counts",
    "places": "eventledger.geo.stage",
    "attribution": "eventledger.extract.attribution",
    "finalize": "eventledger.extract.finalize",
}


def get_stage_factory(name: str) -> Callable[..., Stage]:
    if name in BUILTIN_STAGE_MODULES:
        importlib.import_module(BUILTIN_STAGE_MODULES[name])
    try:
        return stages.get(name)
    except catalogue.RegistryError as err:
        known = sorted(set(BUILTIN_STAGE_MODULES) | set(stages.get_all()))
        raise ValueError(f"unknown pipeline stage {name!r}; known stages: {', '.join(known)}") from err
