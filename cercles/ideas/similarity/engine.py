"""The engine: an immutable in-memory index of ideas and the fused search over it.

An `Index` holds, for every candidate idea, its id, title, unit-length embedding (when it
has one of the current model) and its lexical term counts. A search embeds only the
query, takes one dot product against the embedding matrix and one sparse product against
the lexical index, fuses both scores and keeps the best. Indexes are never modified:
`derive` makes the next one, so a search in another thread keeps reading a consistent one.

Corpus adjustment ("all but the top", Mu & Viswanath 2018): e5's vectors of any two
French texts on public administration are close (cosines 0.8-0.9); the direction shared
by the whole corpus and its main axis of variation carry style (formal note or quick
message) more than meaning. With enough ideas, the index subtracts the corpus mean and
its first principal component from both sides before the cosine. On the evaluation set
this lifts the semantic MAP from 0.46 to 0.60 (docs/similarity.md). It uses no label,
only the stored vectors, and is recomputed whenever the index changes (a few ms).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .embedders import Embedder
from .lexical import LexicalIndex
from .text import idea_text

# Fewer vectors than this and the corpus statistics are noise: raw cosines are used.
MIN_VECTORS_TO_ADJUST = 100

# Fusion: score = SEMANTIC_WEIGHT * semantic' + (1 - SEMANTIC_WEIGHT) * lexical', each
# mapped from [floor, ceiling] onto [0, 1]. The lexical floor means that shared letters
# only count past a clear overlap (an idea typed twice, an acronym, a software's name):
# below it, two paraphrases and two unrelated ideas share about as many n-grams.
# Chosen on the evaluation set (docs/similarity.md says so, with the figures).
SEMANTIC_WEIGHT = 0.8
# (floor, ceiling) of the semantic cosine, adjusted corpus / raw vectors.
SEMANTIC_RANGE_ADJUSTED = (0.0, 0.5)
SEMANTIC_RANGE_RAW = (0.80, 0.95)
LEXICAL_RANGE = (0.15, 0.6)


def _scale(values: np.ndarray, bounds: tuple[float, float]) -> np.ndarray:
    low, high = bounds
    return np.clip((values - low) / (high - low), 0.0, 1.0)


def fuse(
    semantic: np.ndarray,
    lexical: np.ndarray,
    has_vector: np.ndarray | None = None,
    *,
    weight: float = SEMANTIC_WEIGHT,
    semantic_range: tuple[float, float] = SEMANTIC_RANGE_ADJUSTED,
    lexical_range: tuple[float, float] = LEXICAL_RANGE,
) -> np.ndarray:
    """Fused score in 0..1. Ideas without an embedding of the current model
    (`has_vector` false) are scored on the lexical part alone, without its floor: until
    the background task embeds them, shared words are all there is to go on."""
    fused = weight * _scale(semantic, semantic_range) + (1.0 - weight) * _scale(
        lexical, lexical_range
    )
    if has_vector is not None:
        fused = np.where(has_vector, fused, _scale(lexical, (0.0, lexical_range[1])))
    return fused.astype(np.float32)


@dataclass(frozen=True)
class Adjustment:
    """Corpus mean and first principal component, removed from every vector."""

    mean: np.ndarray
    component: np.ndarray

    @classmethod
    def fit(cls, vectors: np.ndarray) -> Adjustment | None:
        if len(vectors) < MIN_VECTORS_TO_ADJUST:
            return None
        mean = vectors.mean(axis=0)
        centred = vectors - mean
        # Power iteration: the first component of 20,000 x 384 in a few milliseconds.
        component = np.random.default_rng(0).standard_normal(vectors.shape[1]).astype(np.float32)
        for _ in range(30):
            component = centred.T @ (centred @ component)
            component /= np.linalg.norm(component) or 1.0
        return cls(mean.astype(np.float32), component.astype(np.float32))

    def apply(self, vectors: np.ndarray) -> np.ndarray:
        """Adjusted vectors, not normalised."""
        centred = vectors - self.mean
        return centred - np.outer(centred @ self.component, self.component).reshape(centred.shape)


@dataclass(frozen=True)
class Index:
    ids: np.ndarray  # int64, one per row
    titles: list[str]
    vectors: np.ndarray  # float32 (rows, dim), unit length; zeros where has_vector is false
    has_vector: np.ndarray  # bool
    lexical: LexicalIndex
    adjustment: Adjustment | None
    # Length of each adjusted row (1 where there is no adjustment or no vector), so that
    # the adjusted cosine needs no second copy of the matrix (see `semantic_scores`).
    adjusted_norms: np.ndarray

    @classmethod
    def build(
        cls,
        *,
        ids: Sequence[int],
        titles: Sequence[str],
        texts: Sequence[str],
        vectors: np.ndarray | Sequence[np.ndarray | None],
        dim: int | None = None,
    ) -> Index:
        matrix, present = _stack(vectors, len(ids), dim)
        return cls._make(
            np.asarray(ids, dtype=np.int64),
            list(titles),
            matrix,
            present,
            LexicalIndex.build(list(texts)),
        )

    @classmethod
    def _make(cls, ids, titles, vectors, present, lexical) -> Index:
        adjustment = Adjustment.fit(vectors[present])
        norms = np.ones(len(ids), dtype=np.float32)
        if adjustment is not None and present.any():
            adjusted = np.linalg.norm(adjustment.apply(vectors[present]), axis=1)
            adjusted[adjusted == 0] = 1.0
            norms[present] = adjusted
        return cls(ids, titles, vectors, present, lexical, adjustment, norms)

    @classmethod
    def empty(cls, dim: int = 0) -> Index:
        return cls.build(ids=[], titles=[], texts=[], vectors=[], dim=dim)

    @property
    def size(self) -> int:
        return len(self.ids)

    @property
    def nbytes(self) -> int:
        lexical = sum(
            m.data.nbytes + m.indices.nbytes + m.indptr.nbytes for m in self.lexical.counts
        )
        return self.vectors.nbytes + self.ids.nbytes + self.adjusted_norms.nbytes + lexical

    def derive(
        self,
        *,
        drop_ids: Iterable[int],
        ids: Sequence[int],
        titles: Sequence[str],
        texts: Sequence[str],
        vectors: Sequence[np.ndarray | None],
    ) -> Index:
        """A new index without `drop_ids`, with the given rows appended."""
        drop = np.fromiter(drop_ids, dtype=np.int64)
        keep = np.flatnonzero(~np.isin(self.ids, drop))
        dim = self.vectors.shape[1] if self.size else None
        new_matrix, new_present = _stack(vectors, len(ids), dim)
        if not self.size:
            matrix, present = new_matrix, new_present
        else:
            matrix = np.vstack([self.vectors[keep], new_matrix])
            present = np.concatenate([self.has_vector[keep], new_present])
        return Index._make(
            np.concatenate([self.ids[keep], np.asarray(ids, dtype=np.int64)]),
            [self.titles[i] for i in keep] + list(titles),
            matrix,
            present,
            self.lexical.derive(keep, list(texts)),
        )

    def semantic_scores(self, query: np.ndarray) -> np.ndarray:
        """Cosine of every row with the query vector, on adjusted vectors when the corpus
        is large enough. With q' the adjusted query (orthogonal to the component), the
        adjusted dot product reduces to (V q' - mean . q') / |row'|."""
        if self.adjustment is None:
            return self.vectors @ query
        adjusted = self.adjustment.apply(query)
        adjusted /= np.linalg.norm(adjusted) or 1.0
        return (
            self.vectors @ adjusted - float(self.adjustment.mean @ adjusted)
        ) / self.adjusted_norms

    def scores(self, embedder: Embedder | None, text: str) -> np.ndarray:
        """Fused score of every row for the query text."""
        lexical = self.lexical.scores(text)
        if embedder is None or not self.has_vector.any():
            return fuse(np.zeros_like(lexical), lexical, np.zeros(self.size, dtype=bool))
        semantic = self.semantic_scores(embedder.embed_one(text))
        bounds = SEMANTIC_RANGE_ADJUSTED if self.adjustment else SEMANTIC_RANGE_RAW
        return fuse(semantic, lexical, self.has_vector, semantic_range=bounds)


def _stack(vectors, rows: int, dim: int | None) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(vectors, np.ndarray) and vectors.ndim == 2:
        return vectors.astype(np.float32, copy=False), np.ones(rows, dtype=bool)
    present = np.array([v is not None for v in vectors], dtype=bool)
    if dim is None:
        dim = next((len(v) for v in vectors if v is not None), 0)
    matrix = np.zeros((rows, dim), dtype=np.float32)
    for i, vector in enumerate(vectors):
        if vector is not None:
            matrix[i] = vector
    return matrix, present


def top(scores: np.ndarray, k: int, exclude: np.ndarray | None = None) -> np.ndarray:
    """The k best rows, best first (ties by row), without sorting the whole array."""
    if exclude is not None and exclude.any():
        scores = np.where(exclude, -np.inf, scores)
    k = min(k, len(scores))
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    part = np.argpartition(-scores, k - 1)[:k]
    part = part[np.isfinite(scores[part])]
    return part[np.lexsort((part, -scores[part]))]


def search(
    index: Index,
    embedder: Embedder | None,
    title: str,
    body: str,
    limit: int = 5,
    exclude_ids: Iterable[int] = (),
) -> list[tuple[int, str, float]]:
    """(id, title, score) of the `limit` best rows for a title and body, best first."""
    text = idea_text(title, body)
    if not text or not index.size:
        return []
    scores = index.scores(embedder, text)
    exclude = np.isin(index.ids, np.fromiter(exclude_ids, dtype=np.int64))
    rows = top(scores, limit, exclude)
    return [(int(index.ids[r]), index.titles[r], round(float(scores[r]), 4)) for r in rows]
