"""The reminder before an elected term ends: once per assignment, to the circle's
facilitator and lead link, in the beat schedule."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from cercles.core.models import Notification
from cercles.elections import reminders, services, tasks
from cercles.elections.models import TermReminder
from cercles.organisation import services as org_services
from cercles.organisation.models import CoreRole
from tests.conftest import core_role

TODAY = timezone.localdate


@pytest.fixture
def ending(rh, admin, colleagues):
    """Bruno's secretary term ends in 20 days."""
    return org_services.assignment_create(
        role=core_role(rh, CoreRole.SECRETARY),
        person=colleagues[0],
        by=admin,
        share=5,
        end_date=TODAY() + datetime.timedelta(days=20),
    )


def sent_to(kind="election_term_ending"):
    return sorted(
        Notification.objects.filter(kind=kind).values_list("recipient__last_name", flat=True)
    )


def test_the_facilitator_and_the_lead_link_are_told_once(
    ending, facilitator, lead_link, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.term_end_reminders() == 1
    assert sent_to() == ["Facilitateur", "Lien"]
    notification = Notification.objects.filter(recipient=facilitator).get()
    assert "Le mandat de Bruno Bavard au rôle « Secrétaire »" in notification.text
    assert notification.url.endswith("?role=secretary")
    assert TermReminder.objects.get().assignment == ending
    # Idempotent: the next runs send nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.term_end_reminders() == 0
        assert tasks.remind_term_ends() == 0
    assert len(sent_to()) == 2


def test_only_terms_ending_within_the_window(rh, admin, colleagues, facilitator, ending):
    org_services.assignment_create(
        role=core_role(rh, CoreRole.REP_LINK),
        person=colleagues[1],
        by=admin,
        share=5,
        end_date=TODAY() + datetime.timedelta(days=45),
    )
    assert [a.pk for a in reminders.ending_terms(TODAY(), 30)] == [ending.pk]
    assert len(reminders.ending_terms(TODAY(), 60)) == 2
    assert reminders.ending_terms(TODAY(), 10).count() == 0
    # The lead link is appointed: his term is not announced.
    org_services.assignment_create(
        role=core_role(rh),
        person=colleagues[1],
        by=admin,
        share=5,
        end_date=TODAY() + datetime.timedelta(days=5),
    )
    assert len(reminders.ending_terms(TODAY(), 30)) == 1


def test_no_reminder_when_an_election_is_running_or_the_successor_known(
    rh, admin, facilitator, member, ending
):
    election = services.election_create(
        by=facilitator, circle=rh, role=core_role(rh, CoreRole.SECRETARY)
    )
    assert reminders.ending_terms(TODAY(), 30).count() == 0
    services.election_cancel(election=election, by=facilitator, reason="Reportée.")
    assert reminders.ending_terms(TODAY(), 30).count() == 1
    org_services.assignment_create(
        role=core_role(rh, CoreRole.SECRETARY),
        person=member,
        by=admin,
        share=5,
        start_date=ending.end_date,
    )
    assert reminders.ending_terms(TODAY(), 30).count() == 0


def test_a_circle_without_facilitator_nor_lead_link_is_tried_again(rh, ending, admin):
    # `rh` has a lead link and a facilitator (fixtures): both leave today.
    for kind in (CoreRole.LEAD_LINK, CoreRole.FACILITATOR):
        held = core_role(rh, kind).assignments.get()
        org_services.assignment_end(assignment=held, by=admin, end_date=TODAY())
    assert reminders.term_end_reminders() == 0
    assert not TermReminder.objects.exists()


def test_the_reminder_is_in_the_beat_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["remind-term-ends"]
    assert entry["task"] == "cercles.elections.tasks.remind_term_ends"
    assert tasks.remind_term_ends.name == entry["task"]


def test_the_window_is_a_setting(settings, ending, facilitator):
    settings.CERCLES_TERM_REMINDER_DAYS = 10
    assert reminders.term_end_reminders() == 0
    settings.CERCLES_TERM_REMINDER_DAYS = 25
    assert reminders.term_end_reminders() == 1
