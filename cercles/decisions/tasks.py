"""Periodic work of the decisions app: closing the consultations whose date has come
(`CELERY_BEAT_SCHEDULE["close-consultations"]`, hourly)."""

from celery import shared_task

from . import services


@shared_task
def close_consultations() -> dict[str, int]:
    """Adopt, or send to a meeting, the consultations due; counts of each (idempotent)."""
    return services.close_due_consultations()
