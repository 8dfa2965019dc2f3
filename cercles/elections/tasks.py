"""Periodic work of the elections: the reminder before an elected term ends."""

from celery import shared_task

from . import reminders


@shared_task
def remind_term_ends() -> int:
    """Announce to the circles' facilitators and lead links the elected terms ending in
    the next days (`CERCLES_TERM_REMINDER_DAYS`, 30 by default); returns the count."""
    return reminders.term_end_reminders()
