"""Feedback results: what trainers and HR read of the attendees' opinions, without names."""

from django.db.models import Count

from .models import Feedback


def feedback_results(session_ids) -> dict:
    """Mean, distribution and comments (without authors) of these sessions' feedback:
    two queries."""
    rows = list(
        Feedback.objects.filter(session_id__in=session_ids)
        .values("rating")
        .annotate(n=Count("id"))
        .order_by("rating")
    )
    counts = {r["rating"]: r["n"] for r in rows}
    total = sum(counts.values())
    mean = sum(k * v for k, v in counts.items()) / total if total else None
    comments = list(
        Feedback.objects.filter(session_id__in=session_ids)
        .exclude(comment="")
        .order_by("-rating", "comment")
        .values_list("rating", "comment")
    )
    return {
        "total": total,
        "mean": mean,
        "distribution": [
            (
                rating,
                counts.get(rating, 0),
                round(100 * counts.get(rating, 0) / total) if total else 0,
            )
            for rating in range(5, 0, -1)
        ],
        "comments": comments,
    }
