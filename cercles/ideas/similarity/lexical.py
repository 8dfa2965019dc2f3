"""The lexical part: TF-IDF cosine over accent-folded character n-grams and French stems.

Features are hashed (scikit-learn's HashingVectorizer), so turning a text into term
counts needs no fitted vocabulary: a new idea is added to an index, or a query scored,
without refitting anything. Only the IDF weights depend on the corpus; they are
recomputed when an index is built from the counts, which is cheap.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer

from .text import lexical_text, stems

CHAR_FEATURES = 2**20
STEM_FEATURES = 2**18
# Share of the character n-grams in the lexical score (the rest: stems). Tuned on the
# evaluation set (docs/similarity.md).
CHAR_WEIGHT = 0.5

_chars = HashingVectorizer(
    analyzer="char_wb",
    ngram_range=(3, 5),
    n_features=CHAR_FEATURES,
    alternate_sign=False,
    norm=None,
    lowercase=False,
    dtype=np.float32,
)


def _stem_features(text: str) -> list[str]:
    words = stems(text)
    # Stem bigrams keep a little word order ("jour teletravail" vs "teletravail jour").
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


_stems = HashingVectorizer(
    analyzer=_stem_features,
    n_features=STEM_FEATURES,
    alternate_sign=False,
    norm=None,
    dtype=np.float32,
)


def _sublinear(matrix: sp.csr_matrix) -> sp.csr_matrix:
    matrix = matrix.tocsr()
    np.log(matrix.data, out=matrix.data)
    matrix.data += 1.0
    return matrix


def term_counts(texts: list[str]) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """(character n-gram, stem) sublinear term frequencies, one row per text."""
    folded = [lexical_text(t) for t in texts]
    return _sublinear(_chars.transform(folded)), _sublinear(_stems.transform(texts))


def _idf(counts: sp.csc_matrix) -> np.ndarray:
    n = counts.shape[0]
    df = np.diff(counts.indptr).astype(np.float32)  # rows holding each term
    return (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)


def _norms(counts: sp.csc_matrix, idf: np.ndarray) -> np.ndarray:
    """Length of each row's TF-IDF vector (1 for an empty row)."""
    weights = counts.data * np.repeat(idf, np.diff(counts.indptr))
    squares = np.bincount(
        counts.indices, weights=weights.astype(np.float64) ** 2, minlength=counts.shape[0]
    )
    norms = np.sqrt(squares).astype(np.float32)
    norms[norms == 0] = 1.0
    return norms


def _query_weights(query: sp.csr_matrix, idf: np.ndarray) -> np.ndarray:
    weights = query.data * idf[query.indices]
    return weights / (np.linalg.norm(weights) or 1.0)


def _csc(matrix: sp.spmatrix) -> sp.csc_matrix:
    matrix = matrix.tocsc()
    matrix.sum_duplicates()  # the IDF counts one entry per (row, term)
    return matrix


class LexicalIndex:
    """Immutable TF-IDF index over a list of texts; `scores(text)` gives one cosine a row.

    Only the term counts are kept, column-major: a query multiplies its few columns (the
    cost follows the postings of its terms, not the size of the corpus) by its weights
    times the IDF, then divides by each row's TF-IDF length. No second, weighted copy of
    the matrix is held (it would double the memory of the index)."""

    def __init__(self, chars: sp.spmatrix, stems_: sp.spmatrix):
        self.counts = tuple(_csc(m) for m in (chars, stems_))
        self.size = chars.shape[0]
        self._idf = tuple(_idf(m) for m in self.counts)
        self._norms = tuple(_norms(m, idf) for m, idf in zip(self.counts, self._idf, strict=True))

    @classmethod
    def build(cls, texts: list[str]) -> LexicalIndex:
        return cls(*term_counts(list(texts)))

    def derive(self, keep: np.ndarray, new_texts: list[str]) -> LexicalIndex:
        """A new index with the rows `keep` of this one followed by `new_texts`."""
        chars, stems_ = (m if len(keep) == self.size else m[keep] for m in self.counts)
        if new_texts:
            new_chars, new_stems = term_counts(new_texts)
            chars = sp.vstack([chars, new_chars.tocsc()], format="csc")
            stems_ = sp.vstack([stems_, new_stems.tocsc()], format="csc")
        return LexicalIndex(chars, stems_)

    def scores(self, text: str, char_weight: float = CHAR_WEIGHT) -> np.ndarray:
        out = np.zeros(self.size, dtype=np.float32)
        if not self.size:
            return out
        for weight, query, idf, norms, matrix in zip(
            (char_weight, 1.0 - char_weight),
            term_counts([text]),
            self._idf,
            self._norms,
            self.counts,
            strict=True,
        ):
            if not weight or not query.nnz:
                continue
            columns = matrix[:, query.indices]
            q = _query_weights(query, idf) * idf[query.indices]
            out += weight * (np.asarray(columns @ q, dtype=np.float32).ravel() / norms)
        return out
