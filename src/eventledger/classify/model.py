"""The event classifier: logistic regression on [sentence embedding ; parse cues].

Two models ship with the package, trained on the same examples (`eventledger train` rebuilds both):
- "fast": static (model2vec) embedding; a small fraction of a millisecond per event. The pipeline uses it.
- "accurate": the all-MiniLM-L6-v2 transformer embedding; a few points better, ~4 ms per snippet. The
  `eventledger classify` command uses it by default.

A model is a directory with `model.npz` (weights, intercepts, labels) and `meta.json` (how the features were
built, what it was trained on). No pickles: loading a model never runs code from the file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc, Span

from eventledger.classify.cues import CUE_NAMES, docs_cues, span_cues
from eventledger.classify.embed import embed
from eventledger.classify.examples import Example
from eventledger.taxonomy import BY_LABEL

MODEL_DIR = Path(__file__).parent / "models"
SHIPPED = {"fast": MODEL_DIR / "fast", "accurate": MODEL_DIR / "accurate"}
EMBEDDER_OF = {"fast": "static", "accurate": "minilm"}
FORMAT_VERSION = 1
# Chosen by 5-fold cross-validation on the training data (see benchmarks/classify.py --cv), never on held-out data.
DEFAULT_C = 5.0
DEFAULT_CUE_SCALE = 0.35


class ModelError(ValueError):
    """A classifier artefact is missing or unreadable."""


@dataclass(frozen=True)
class Prediction:
    """One classification with the taxonomy fields it implies."""

    label: str
    event_type: str
    sub_event_type: str
    disorder_type: str | None
    plover: str | None
    cameo: str | None
    confidence: float
    alternatives: tuple[tuple[str, float], ...] = ()  # the next best labels with their probabilities

    @classmethod
    def of(cls, label: str, confidence: float, alternatives: tuple[tuple[str, float], ...] = ()) -> Prediction:
        c = BY_LABEL[label]
        return cls(label, c.event_type, c.sub_event_type, c.disorder_type, c.plover, c.cameo,
                   round(float(confidence), 4), alternatives)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["alternatives"] = [{"label": label, "p": p} for label, p in self.alternatives]
        return data


CueInput = np.ndarray | Sequence[Doc | Span] | None


# A "snippet" longer than this is a whole article: its cues are read from its beginning, where news reports put
# the event, and parsing stays fast (the embeddings truncate on their own).
MAX_PARSE_CHARS = 5000


def parse_cues(texts: Sequence[str], batch_size: int = 256) -> np.ndarray:
    """Parse snippets with the shared spaCy pipeline (NER off: the cues do not need it) and read their cues."""
    from eventledger.nlp import get_nlp

    nlp = get_nlp()
    disabled = [name for name in ("ner",) if name in nlp.pipe_names]
    clipped = (text[:MAX_PARSE_CHARS] for text in texts)
    return docs_cues(nlp.pipe(clipped, batch_size=batch_size, disable=disabled))


def cue_matrix(texts: Sequence[str], cues: CueInput) -> np.ndarray:
    if cues is None:
        return parse_cues(texts)
    if isinstance(cues, np.ndarray):
        matrix = cues.astype(np.float32, copy=False).reshape(len(texts), -1)
    else:
        matrix = np.vstack([span_cues(c) for c in cues]) if len(cues) else np.zeros((0, len(CUE_NAMES)))
    if matrix.shape != (len(texts), len(CUE_NAMES)):
        raise ValueError(f"cues must have shape ({len(texts)}, {len(CUE_NAMES)}), got {matrix.shape}")
    return matrix


class Classifier:
    """Predict event classes for short texts (an event's sentences, an ACLED note, a headline)."""

    def __init__(self, coef: np.ndarray, intercept: np.ndarray, labels: Sequence[str], meta: dict[str, Any]):
        from sklearn.linear_model import LogisticRegression

        unknown = [label for label in labels if label not in BY_LABEL]
        if unknown:
            raise ModelError(f"the model predicts labels outside the taxonomy: {', '.join(unknown)}")
        self.meta = meta
        self.use_cues = bool(meta.get("use_cues", True))
        self.cue_scale = float(meta.get("cue_scale", DEFAULT_CUE_SCALE))
        # Rebuild the fitted estimator from its arrays, so inference is scikit-learn's own code.
        self.estimator = LogisticRegression()
        self.estimator.classes_ = np.asarray(labels)
        self.estimator.coef_ = np.asarray(coef, dtype=np.float64)
        self.estimator.intercept_ = np.asarray(intercept, dtype=np.float64)
        self.estimator.n_features_in_ = self.estimator.coef_.shape[1]

    @property
    def labels(self) -> list[str]:
        return [str(label) for label in self.estimator.classes_]

    # -- features ----------------------------------------------------------------------------------------------
    def features(self, texts: Sequence[str], cues: CueInput = None) -> np.ndarray:
        parts = [embed(texts, self.meta.get("embedder") or "static")]
        if self.use_cues:
            parts.append(self.cue_scale * cue_matrix(texts, cues))
        return np.hstack(parts)

    # -- prediction --------------------------------------------------------------------------------------------
    def predict_proba(self, texts: Sequence[str], cues: CueInput = None) -> np.ndarray:
        if not texts:
            return np.zeros((0, len(self.labels)))
        return self.estimator.predict_proba(self.features(texts, cues))

    def predict(self, texts: Sequence[str], cues: CueInput = None, alternatives: int = 2) -> list[Prediction]:
        """One Prediction per text. `cues`: a cue matrix, parsed Docs/Spans (one per text), or None to parse."""
        probabilities = self.predict_proba(texts, cues)
        labels = self.labels
        out: list[Prediction] = []
        for row in probabilities:
            order = np.argsort(-row)
            others = tuple((labels[i], round(float(row[i]), 4)) for i in order[1:1 + alternatives])
            out.append(Prediction.of(labels[order[0]], row[order[0]], others))
        return out

    # -- persistence -------------------------------------------------------------------------------------------
    def save(self, directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(directory / "model.npz", coef=self.estimator.coef_.astype(np.float32),
                            intercept=self.estimator.intercept_.astype(np.float32),
                            labels=np.asarray(self.labels))
        (directory / "meta.json").write_text(json.dumps(self.meta, indent=2, sort_keys=True) + "\n")
        return directory

    @classmethod
    def load(cls, model: Path | str | None = None) -> Classifier:
        """A shipped model by name ("fast", the default, or "accurate") or a directory written by `train`."""
        shipped = model is None or str(model) in SHIPPED
        path = SHIPPED[str(model or "fast")] if shipped else Path(model)  # type: ignore[arg-type]
        if not (path / "model.npz").exists() or not (path / "meta.json").exists():
            hint = "run `eventledger train`" if shipped else "train one with `eventledger train --acled`"
            raise ModelError(f"no classifier in {path} (model.npz and meta.json expected); {hint}")
        try:
            meta = json.loads((path / "meta.json").read_text())
            with np.load(path / "model.npz", allow_pickle=False) as arrays:
                coef, intercept, labels = arrays["coef"], arrays["intercept"], [str(x) for x in arrays["labels"]]
        except (OSError, ValueError, KeyError) as err:
            raise ModelError(f"unreadable classifier in {path}: {err}") from None
        if meta.get("format") != FORMAT_VERSION or meta.get("cue_names", list(CUE_NAMES)) != list(CUE_NAMES):
            raise ModelError(f"the classifier in {path} was built by another version of eventledger; retrain it")
        return cls(coef, intercept, labels, meta)


def train(examples: Sequence[Example], *, use_cues: bool = True, c: float = DEFAULT_C,
          cue_scale: float = DEFAULT_CUE_SCALE, source: str = "", cues: np.ndarray | None = None,
          embedder: str = "static") -> Classifier:
    """Fit the classifier (deterministic: lbfgs, fixed data order; `embedder`: "static" or "minilm")."""
    from sklearn.linear_model import LogisticRegression

    labels = sorted({e.label for e in examples})
    if len(labels) < 2:
        raise ValueError("training needs examples of at least two classes")
    texts = [e.text for e in examples]
    parts = [embed(texts, embedder)]
    if use_cues:
        parts.append(cue_scale * (parse_cues(texts) if cues is None else cues))
    estimator = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    estimator.fit(np.hstack(parts), [e.label for e in examples])
    digest = hashlib.sha256("\n".join(f"{e.label}\t{e.text}" for e in examples).encode()).hexdigest()
    meta = {"format": FORMAT_VERSION, "use_cues": use_cues, "cue_scale": cue_scale, "C": c,
            "cue_names": list(CUE_NAMES), "embedder": embedder, "source": source, "examples": len(examples),
            "classes": {label: sum(e.label == label for e in examples) for label in labels},
            "training_data_sha256": digest}
    return Classifier(estimator.coef_, estimator.intercept_, estimator.classes_, meta)


@lru_cache(maxsize=4)
def get_classifier(model: str | None = None) -> Classifier:
    """A classifier loaded once per process: "fast" (default), "accurate", or a model directory."""
    return Classifier.load(model)
