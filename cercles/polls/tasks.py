"""Periodic work of polls (beat schedule in the settings, every few minutes): close the
polls whose deadline has passed, and remind the electors who have not voted."""

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task
def poll_deadlines() -> dict:
    """Close the due polls, then send the due reminders. Idempotent: a poll is closed
    once, and its reminders go once (`services.remind_due_polls`)."""
    now = timezone.now()
    closed = services.close_due_polls(now)
    reminded = services.remind_due_polls(now)
    return {"closed": closed, "reminded": reminded}
