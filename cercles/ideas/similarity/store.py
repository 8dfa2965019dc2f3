"""The per-process index of the ideas that may be proposed as similar, kept up to date.

The index holds every idea that is neither a draft nor merged (drafts are private, a
merged idea points elsewhere). The index is compared with the database, with one
aggregate query, when a generation token changed (see below) or every RECHECK_SECONDS
otherwise: number of candidates, a checksum of their ids
(ids are random, so the latest id says nothing of a new row), latest change,
number of vectors of the current model and which rows have one. When something moved,
only the rows that changed are read again and a new index is derived from the old one;
the whole table is read once per process, on the first search.

A generation token in Django's cache (shared by all processes when the cache is Redis)
makes every process compare its rows with the database again: the embedding task bumps
it after storing a vector, the ideas services bump the ideas' generation
(`cercles.core.fragments.IDEAS`), and an emptied cache (a restart, a test) has the
same effect.
"""

from __future__ import annotations

import dataclasses
import datetime
import threading
import time
import uuid
from dataclasses import dataclass

import numpy as np
from django.core.cache import cache
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Max, Q, Sum
from django.utils import timezone

from cercles.core import fragments

from . import engine
from .embedders import Embedder, get_embedder
from .text import idea_text
from .vectors import unpack

GENERATION_KEY = "ideas:similarity:generation"
# Rows read per query when (re)loading: bounded memory, few round trips.
CHUNK = 2000
# How often the index is compared with the table when no service said anything changed.
RECHECK_SECONDS = 30
# How far back a new vector may belong to an edit the index has already read.
RECENT = datetime.timedelta(hours=1)


def candidates():
    from cercles.ideas.models import Idea, IdeaStatus

    return Idea.objects.exclude(status__in=(IdeaStatus.DRAFT, IdeaStatus.MERGED))


def bump_generation() -> None:
    """Tell every process to compare its index with the database on its next search."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def _generation() -> str:
    token = cache.get(GENERATION_KEY)
    if token is None:
        token = uuid.uuid4().hex
        cache.add(GENERATION_KEY, token, timeout=None)
        token = cache.get(GENERATION_KEY, token)
    return token


@dataclass(frozen=True)
class _State:
    index: engine.Index
    model_id: str
    signature: tuple
    generation: str
    # id -> (updated_at, embedding_model, has embedding): what makes a row worth re-reading.
    keys: dict
    built_at: float


_state: _State | None = None
_lock = threading.Lock()


def reset() -> None:
    """Forget the index of this process (tests, a change of model)."""
    global _state
    with _lock:
        _state = None


def _signature(model_id: str) -> tuple:
    row = candidates().aggregate(
        n=Count("id"),
        # Sum of the ids modulo a prime below 2**20: changes when one candidate replaces
        # another (a merge and a new idea between two searches), and fits in 64 bits.
        ids=Sum(F("id") % 1_000_003),
        changed=Max("updated_at"),
        current=Count("id", filter=Q(embedding_model=model_id)),
        missing=Count("id", filter=Q(embedding__isnull=True)),
    )
    return (row["n"], row["ids"], row["changed"], row["current"], row["missing"])


def _read_rows(ids: list[int] | None, model_id: str, dim: int | None):
    """(ids, titles, texts, vectors, keys) for the given ids, or for every candidate."""
    queryset = candidates()
    fields = ("id", "title", "body", "embedding", "embedding_model", "updated_at")
    out_ids, titles, texts, vectors, keys = [], [], [], [], {}
    batches = [None] if ids is None else [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]
    for batch in batches:
        rows = queryset if batch is None else queryset.filter(pk__in=batch)
        for pk, title, body, blob, model, updated_at in rows.values_list(*fields).iterator(
            chunk_size=CHUNK
        ):
            vector = unpack(blob, dim) if model == model_id else None
            out_ids.append(pk)
            titles.append(title)
            texts.append(idea_text(title, body))
            vectors.append(vector)
            keys[pk] = (updated_at, model, blob is not None)
    return out_ids, titles, texts, vectors, keys


def _full_load(embedder: Embedder, signature: tuple, generation: str) -> _State:
    ids, titles, texts, vectors, keys = _read_rows(None, embedder.model_id, embedder.dim or None)
    index = engine.Index.build(
        ids=ids, titles=titles, texts=texts, vectors=vectors, dim=embedder.dim or None
    )
    return _State(index, embedder.model_id, signature, generation, keys, time.monotonic())


def _refresh(state: _State, embedder: Embedder, signature: tuple, generation: str) -> _State:
    """Re-read only the rows whose key changed; drop the ones that left."""
    current = {
        pk: (updated_at, model, has_blob)
        for pk, updated_at, model, has_blob in candidates()
        .annotate(
            has_blob=ExpressionWrapper(Q(embedding__isnull=False), output_field=BooleanField())
        )
        .values_list("id", "updated_at", "embedding_model", "has_blob")
        .iterator(chunk_size=CHUNK * 5)
    }
    gone = state.keys.keys() - current.keys()
    changed = [pk for pk, key in current.items() if state.keys.get(pk) != key]
    if generation != state.generation:
        # A vector was stored somewhere. A new vector for an edited idea leaves its key as
        # it was when the edit was read (same updated_at and model): re-read the ideas
        # changed lately too, a handful of rows.
        since = timezone.now() - RECENT
        changed += [
            pk
            for pk, (updated_at, _model, _blob) in current.items()
            if updated_at >= since and state.keys.get(pk) == current[pk]
        ]
    if not gone and not changed:
        return _State(
            state.index, state.model_id, signature, generation, state.keys, state.built_at
        )
    ids, titles, texts, vectors, keys = _read_rows(changed, embedder.model_id, embedder.dim or None)
    index = state.index.derive(
        drop_ids=list(gone) + changed, ids=ids, titles=titles, texts=texts, vectors=vectors
    )
    merged_keys = {pk: key for pk, key in state.keys.items() if pk not in gone}
    merged_keys.update(keys)
    return _State(index, state.model_id, signature, generation, merged_keys, time.monotonic())


def current_index(embedder: Embedder | None = None) -> engine.Index:
    """The index of the candidate ideas, as of now (see the module's docstring)."""
    global _state
    embedder = embedder or get_embedder()
    # The ideas services and the embedding task bump these tokens: while they stand,
    # the index is trusted without reading the table (the signature scans every
    # candidate: 13-20 ms at 20,000 ideas). Writes that bypass both (bulk imports,
    # the admin) are caught by the signature, checked at most every RECHECK_SECONDS.
    generation = f"{_generation()}:{fragments.generation(fragments.IDEAS)}"
    state = _state
    if (
        state is not None
        and state.model_id == embedder.model_id
        and state.generation == generation
        and time.monotonic() - state.built_at < RECHECK_SECONDS
    ):
        return state.index
    signature = _signature(embedder.model_id)
    with _lock:
        state = _state
        if state is None or state.model_id != embedder.model_id:
            _state = _full_load(embedder, signature, generation)
        elif state.signature != signature or state.generation != generation:
            _state = _refresh(state, embedder, signature, generation)
        else:
            _state = dataclasses.replace(state, built_at=time.monotonic())
        return _state.index


def find_similar(
    ideas_queryset,
    title: str,
    body: str,
    limit: int = 5,
    exclude_id: int | None = None,
    min_score: float = 0.0,
) -> list[tuple[int, str, float]]:
    """The ideas of `ideas_queryset` most similar to a title and body, as (id, title,
    score in 0..1), best first. Drafts and merged ideas are never proposed."""
    text = idea_text(title, body)
    if not text or limit <= 0:
        return []
    embedder = get_embedder()
    index = current_index(embedder)
    if not index.size:
        return []
    scores = index.scores(embedder, text)
    exclude = scores < min_score
    if exclude_id is not None:
        exclude |= index.ids == exclude_id
    results: list[tuple[int, str, float]] = []
    # Best rows first, then keep those the caller's queryset allows. One query for a
    # first window of candidates usually suffices; a caller who may see few ideas widens
    # the window, and past a few windows the allowed ids are read once.
    window = max(limit * 10, 50)
    seen = 0
    # Rows that may still be proposed (above `min_score`, not excluded): once they are all
    # in the window, widening it finds nothing more.
    eligible = int(index.size - np.count_nonzero(exclude))
    if not eligible:
        return []
    order = engine.top(scores, min(index.size, window), exclude)
    for _attempt in range(3):
        batch = order[seen:]
        if not len(batch):
            break
        allowed = set(
            ideas_queryset.filter(pk__in=[int(index.ids[r]) for r in batch]).values_list(
                "pk", flat=True
            )
        )
        results += [_result(index, scores, r) for r in batch if int(index.ids[r]) in allowed]
        seen = len(order)
        if len(results) >= limit or len(order) >= min(index.size, eligible):
            return results[:limit]
        window *= 8
        order = engine.top(scores, min(index.size, window), exclude)
    allowed_all = np.isin(
        index.ids, np.fromiter(ideas_queryset.values_list("pk", flat=True), dtype=np.int64)
    )
    rows = engine.top(scores, limit, exclude | ~allowed_all)
    return [_result(index, scores, r) for r in rows]


def _result(index: engine.Index, scores: np.ndarray, row: int) -> tuple[int, str, float]:
    return int(index.ids[row]), index.titles[row], round(float(scores[row]), 4)
