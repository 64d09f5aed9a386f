"""Language check: the extractors are English-only, so other languages are skipped with a reason."""

from __future__ import annotations

import re
import threading

from langdetect import DetectorFactory, LangDetectException, detect_langs

MIN_LETTERS = 80  # below this langdetect guesses; short English snippets are let through
SAMPLE_CHARS = 5000  # langdetect reads at most 10,000 chars anyway; the opening is representative
MIN_CONFIDENCE = 0.80
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)
_lock = threading.Lock()  # langdetect's seed is a module global


def detect_language(text: str) -> tuple[str | None, float]:
    """Return (ISO 639-1 code, probability), or (None, 0.0) when there is too little text to tell."""
    sample = text[:SAMPLE_CHARS]
    if len(_LETTERS.findall(sample)) < MIN_LETTERS:
        return None, 0.0
    with _lock:
        DetectorFactory.seed = 0  # langdetect is random; a fixed seed makes the verdict reproducible
        try:
            best = detect_langs(sample)[0]
        except LangDetectException:
            return None, 0.0
    return best.lang, best.prob


def non_english(text: str) -> str | None:
    """The language code if the text is confidently not English, else None."""
    lang, prob = detect_language(text)
    if lang is None or lang == "en" or prob < MIN_CONFIDENCE:
        return None
    return lang
