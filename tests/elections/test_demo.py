"""The elections demo: a facilitator elected two months ago with every step of the
process, linked from the circle's history, and a term ending within 30 days."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cercles.accounts.models import Person
from cercles.elections import demo
from cercles.elections.models import Election, ElectionStatus, EventKind, TermReminder
from cercles.organisation import demo as org_demo
from cercles.organisation.models import ChangeAction, CoreRole, GovernanceChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    org_demo.load(log=lambda *_: None)
    assert not demo.is_loaded()
    result = demo.load(log=lambda *_: None)
    assert demo.is_loaded()
    return result


def test_a_facilitator_elected_with_every_step(loaded, client):
    assert loaded["elections"] == 2
    election = Election.objects.get(role__core_role=CoreRole.FACILITATOR)
    assert election.status == ElectionStatus.ELECTED
    assert election.circle.name == "Ressources humaines"
    assert 50 <= (timezone.localdate() - election.term_start).days <= 70
    kinds = set(election.events.values_list("kind", flat=True))
    assert {
        EventKind.NOMINATED,
        EventKind.REVEALED,
        EventKind.CHANGED,
        EventKind.PROPOSED,
        EventKind.OBJECTION,
        EventKind.OBJECTION_RESOLVED,
        EventKind.NO_OBJECTION,
        EventKind.ACCEPTED,
        EventKind.ELECTED,
    } <= kinds
    assert election.nominations.count() >= 4
    assert election.objections.get().resolved_at is not None
    # The assignment is in the circle's history, linked to the election.
    assert election.assignment.person == election.elected
    assert election.assignment.end_date == datetime.date(
        election.term_start.year + 1, election.term_start.month, election.term_start.day
    )
    change = GovernanceChange.objects.get(
        assignment=election.assignment, action=ChangeAction.ASSIGNMENT_CREATE
    )
    assert change.decision == election
    assert GovernanceChange.objects.filter(
        action=ChangeAction.ASSIGNMENT_END, decision_id=election.pk, role=election.role
    ).exists()
    client.force_login(Person.objects.get(email=org_demo.ADMIN_EMAIL))
    history = client.get(reverse("organisation:circle_history", args=[election.circle_id]))
    assert f'href="/elections/{election.pk}/"' in history.content.decode()
    page = client.get(reverse("elections:election_detail", args=[election.pk]))
    assert page.status_code == 200


def test_a_term_ending_within_30_days_is_announced(loaded, client):
    election = Election.objects.get(role__core_role=CoreRole.SECRETARY)
    assert election.status == ElectionStatus.ELECTED
    days_left = (election.term_end - timezone.localdate()).days
    assert 0 < days_left <= 30
    # A re-election: the secretary holds the role again for the new term.
    assert election.assignment.person == election.elected
    assert loaded["reminders"] == 1
    assert TermReminder.objects.get().assignment == election.assignment
    client.force_login(Person.objects.get(email=org_demo.ADMIN_EMAIL))
    body = client.get(reverse("organisation:circle_detail", args=[election.circle_id]))
    assert f"dans {days_left} jours" in body.content.decode()


def test_wipe_then_load_again(loaded):
    demo.wipe()
    assert not demo.is_loaded() and not Election.objects.exists()


def test_load_demo_loads_the_elections_once():
    call_command("load_demo", stdout=StringIO())
    assert demo.is_loaded() and Election.objects.count() == 2
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert Election.objects.count() == 2
