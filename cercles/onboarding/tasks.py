"""Periodic work of onboarding (beat schedule in the settings, daily): remind the
assignees of the tasks due today or late."""

from celery import shared_task

from . import services


@shared_task
def remind_onboarding_tasks() -> dict:
    """Idempotent within a day: each pending task is reminded once a day at most
    (`OnboardingTask.reminded_on`)."""
    return {"reminded": services.remind_due_tasks()}
