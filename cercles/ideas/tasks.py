"""Background work of the ideas app: the embeddings of the similarity engine."""

from celery import shared_task

from cercles.ideas.models import Idea
from cercles.ideas.similarity import current_model_id, get_embedder, idea_text, pack
from cercles.ideas.similarity.store import bump_generation

BACKFILL_BATCH = 64


def _store(pk: int, title: str, body: str, vector) -> bool:
    # A queryset update, not a service: the vector is data derived from the text, not a
    # domain change; it must not touch `updated_at` (an anonymous idea's times are cut to
    # the day) nor run the idea's validation. Matching on the text that was embedded
    # keeps an edit made meanwhile from receiving a stale vector (its own task follows).
    return bool(
        Idea.objects.filter(pk=pk, title=title, body=body).update(
            embedding=pack(vector), embedding_model=current_model_id()
        )
    )


@shared_task
def embed_idea(idea_id: int) -> bool:
    """Compute and store the idea's embedding. True when a vector was stored."""
    row = Idea.objects.filter(pk=idea_id).values_list("title", "body").first()
    if row is None:
        return False
    title, body = row
    stored = _store(idea_id, title, body, get_embedder().embed_one(idea_text(title, body)))
    if stored:
        bump_generation()
    return stored


def embed_missing(batch_size: int = BACKFILL_BATCH) -> int:
    """Embed every idea without a vector of the current model (a backfill after a change
    of model, or for ideas loaded in bulk). Returns the number of ideas embedded."""
    embedder = get_embedder()
    pending = (
        Idea.objects.exclude(embedding_model=embedder.model_id, embedding__isnull=False)
        .order_by("pk")
        .values_list("pk", "title", "body")
    )
    done = 0
    last = 0
    while True:
        rows = list(pending.filter(pk__gt=last)[:batch_size])
        if not rows:
            break
        vectors = embedder.embed([idea_text(title, body) for _pk, title, body in rows])
        for (pk, title, body), vector in zip(rows, vectors, strict=True):
            done += _store(pk, title, body, vector)
        last = rows[-1][0]
    if done:
        bump_generation()
    return done


@shared_task
def embed_missing_task() -> int:
    return embed_missing()
