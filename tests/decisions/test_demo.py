"""The decisions demo: decisions in the meetings demo's past meetings, one of them a
governance decision that changed a role, linked from the circle's history."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from cercles.accounts.models import Person
from cercles.decisions import demo
from cercles.decisions.models import Decision, DissentNote, ObjectionStatus, ProposalStatus
from cercles.organisation.demo import ADMIN_EMAIL
from cercles.organisation.models import ChangeAction, GovernanceChange

pytestmark = pytest.mark.django_db


def test_load_demo_loads_decisions_once(client):
    call_command("load_demo", stdout=StringIO())
    assert demo.is_loaded()
    decisions = list(Decision.objects.select_related("meeting"))
    assert len(decisions) == 5
    assert {d.outcome for d in decisions} == {"adopted", "rejected"}
    assert all(d.meeting and d.decided_at > d.meeting.starts_at for d in decisions)
    first = Decision.objects.get(title=demo.FIRST_TITLE)
    statuses = set(first.proposal.objections.values_list("status", flat=True))
    assert statuses == {ObjectionStatus.INTEGRATED, ObjectionStatus.NOT_VALID}
    assert DissentNote.objects.filter(decision=first).exists()
    # One governance decision changed a role, through the services: linked in the history.
    governance = Decision.objects.get(kind="governance")
    change = GovernanceChange.objects.get(decision_id=governance.pk)
    assert change.action == ChangeAction.ROLE_UPDATE
    assert "procédures écrites" in change.role.accountabilities
    assert change.at == governance.decided_at
    client.force_login(Person.objects.get(email=ADMIN_EMAIL))
    history = client.get(reverse("organisation:circle_history", args=[governance.circle_id]))
    assert f'href="{governance.get_absolute_url()}"' in history.content.decode()
    assert client.get(first.get_absolute_url()).status_code == 200
    assert first.proposal.circle.proposals.filter(status=ProposalStatus.ASYNC).exists()
    # A second run adds nothing; a reset loads it again.
    call_command("load_demo", stdout=StringIO())
    assert Decision.objects.count() == 5
    call_command("load_demo", "--reset", stdout=StringIO())
    assert Decision.objects.count() == 5
