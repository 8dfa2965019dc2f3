"""Asynchronous decisions: a proposal put to the circle with a closing date passes if
nobody objects or asks for a meeting; otherwise it goes to the circle's next meeting."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cercles.core.models import Notification
from cercles.decisions import services, tasks
from cercles.decisions.models import (
    Decision,
    EventKind,
    ObjectionStatus,
    ProposalKind,
    ProposalStatus,
)
from cercles.meetings import services as meeting_services
from cercles.organisation.models import GovernanceChange, Role

S = ProposalStatus


@pytest.fixture
def draft(member, org, speakers, facilitator):
    return services.proposal_create(
        by=member,
        circle=org["rh"],
        title="Télétravail le vendredi",
        tension="Les trajets du vendredi pèsent.",
        text="Le vendredi est télétravaillé pour qui le souhaite.",
    )


def consult(proposal, by, days=3):
    now = timezone.now()
    services.proposal_consult(
        proposal=proposal, by=by, closes_at=now + datetime.timedelta(days=days)
    )
    proposal.refresh_from_db()
    return proposal


def after(proposal, hours=1):
    return proposal.closes_at + datetime.timedelta(hours=hours)


def test_members_are_notified(
    draft, member, speakers, facilitator, lead_link, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = consult(draft, member)
    assert proposal.status == S.ASYNC and proposal.versions.count() == 1
    notified = set(
        Notification.objects.filter(kind="proposal_consultation").values_list(
            "recipient", flat=True
        )
    )
    assert notified == {speakers[0].pk, speakers[1].pk, facilitator.pk, lead_link.pk}


@pytest.mark.parametrize(
    "delta, message",
    [
        (datetime.timedelta(hours=2), "au moins 24 heures"),
        (datetime.timedelta(days=61), "au plus 60 jours"),
    ],
)
def test_closing_date_bounds(draft, member, delta, message):
    with pytest.raises(ValidationError, match=message):
        services.proposal_consult(proposal=draft, by=member, closes_at=timezone.now() + delta)
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


def test_without_objection_it_passes_at_the_closing_date(draft, member, speakers):
    proposal = consult(draft, member)
    # Not yet due: nothing happens.
    assert services.consultation_close(proposal=proposal) == ""
    assert services.consultation_close(proposal=proposal, at=after(proposal)) == "adopted"
    proposal.refresh_from_db()
    decision = proposal.decision
    assert proposal.status == S.ADOPTED and decision.asynchronous
    assert decision.decided_at == proposal.closes_at and decision.decided_by is None
    # Idempotent: a second run does nothing.
    assert services.consultation_close(proposal=proposal, at=after(proposal, 2)) == ""
    assert Decision.objects.count() == 1
    # The circle's members took part: they may dissent.
    services.dissent_note_save(decision=decision, by=speakers[0], text="Le lien d'équipe souffre.")


def test_an_objection_sends_it_to_the_next_meeting(draft, member, speakers, admin, org):
    proposal = consult(draft, member)
    objection = services.objection_raise(
        proposal=proposal, by=speakers[0], reason="L'accueil du public est fermé le vendredi."
    )
    assert objection.during_consultation
    next_meeting = meeting_services.meeting_create(
        by=admin,
        circle=org["rh"],
        title="Tactique",
        starts_at=proposal.closes_at + datetime.timedelta(days=2),
    )
    assert services.consultation_close(proposal=proposal, at=after(proposal)) == "to_meeting"
    proposal.refresh_from_db()
    assert (proposal.status, proposal.meeting) == (S.TO_MEETING, next_meeting)
    assert not Decision.objects.exists()
    event = proposal.events.get(kind=EventKind.ASYNC_CLOSED)
    assert "1 objection(s), 0 demande(s) de réunion." in event.text and "Tactique" in event.text
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.RAISED  # tested in the meeting


def test_a_withdrawn_objection_no_longer_counts(draft, member, speakers):
    proposal = consult(draft, member)
    objection = services.objection_raise(proposal=proposal, by=speakers[0], reason="Doute")
    services.objection_withdraw(objection=objection, by=speakers[0])
    assert services.consultation_close(proposal=proposal, at=after(proposal)) == "adopted"


def test_asking_for_a_meeting(draft, member, speakers, agent):
    proposal = consult(draft, member)
    services.meeting_request_create(proposal=proposal, by=speakers[1], reason="À discuter.")
    with pytest.raises(ValidationError, match="déjà demandé"):
        services.meeting_request_create(proposal=proposal, by=speakers[1])
    for person in (member, agent):  # the proposer, an outsider
        with pytest.raises(PermissionDenied):
            services.meeting_request_create(proposal=proposal, by=person)
    assert services.consultation_close(proposal=proposal, at=after(proposal)) == "to_meeting"
    proposal.refresh_from_db()
    assert proposal.status == S.TO_MEETING and proposal.meeting is None  # none planned


def test_a_governance_consultation_applies_its_changes(member, org, speakers):
    proposal = services.proposal_create(
        by=member,
        circle=org["rh"],
        title="Rôle de veille",
        tension="Personne ne suit les textes.",
        text="Créer le rôle.",
        kind=ProposalKind.GOVERNANCE,
    )
    services.change_add(proposal=proposal, by=member, kind="role_create", name="Veille juridique")
    proposal = consult(proposal, member)
    assert services.consultation_close(proposal=proposal, at=after(proposal)) == "adopted"
    role = Role.objects.get(name="Veille juridique")
    change = GovernanceChange.objects.get(role=role)
    assert change.decision == proposal.decision and change.by == member


def test_a_change_that_failed_sends_it_to_a_meeting(member, org, admin):
    from cercles.organisation import services as org_services

    proposal = services.proposal_create(
        by=member,
        circle=org["rh"],
        title="Rôle de veille",
        tension="T",
        text="Créer le rôle.",
        kind=ProposalKind.GOVERNANCE,
    )
    services.change_add(proposal=proposal, by=member, kind="role_create", name="Veille")
    proposal = consult(proposal, member)
    org_services.role_create(by=admin, circle=org["rh"], name="Veille")
    assert services.consultation_close(proposal=proposal, at=after(proposal)) == "to_meeting"
    proposal.refresh_from_db()
    assert proposal.status == S.TO_MEETING and not Decision.objects.exists()
    assert "n'ont pas pu être appliqués" in proposal.events.get(kind=EventKind.ASYNC_CLOSED).text


def test_the_beat_task_closes_what_is_due(draft, member, org, speakers, settings):
    proposal = consult(draft, member)
    second = services.proposal_create(
        by=speakers[0], circle=org["rh"], title="Autre", tension="T", text="P"
    )
    second = consult(second, speakers[0], days=10)
    counts = services.close_due_consultations(now=after(proposal))
    assert counts == {"adopted": 1, "to_meeting": 0}
    second.refresh_from_db()
    assert second.status == S.ASYNC
    # The task is scheduled by celery beat, and does nothing when nothing is due.
    assert "close-consultations" in settings.CELERY_BEAT_SCHEDULE
    assert tasks.close_consultations() == {"adopted": 0, "to_meeting": 0}
