"""Periodic work of trainings (beat: once a day, or more often; it is idempotent): remind
the people registered to tomorrow's sessions."""

from celery import shared_task

from . import services


@shared_task
def remind_tomorrow_sessions() -> int:
    """Send the day-before reminders; each session is reminded once."""
    return services.remind_tomorrow_sessions()
