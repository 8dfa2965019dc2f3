"""The periodic reminder of ideas left without an answer past their deadline.

Kept out of `tasks.py` (the similarity engine's background work) and registered with
Celery through CELERY_IMPORTS in the settings; the beat schedule runs it daily.
"""

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task
def remind_overdue_ideas() -> int:
    """Notify the facilitators of each circle whose ideas are overdue; returns how many
    people were notified."""
    return services.overdue_reminders(timezone.localdate())
