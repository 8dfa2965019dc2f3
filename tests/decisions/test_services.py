"""The life of a proposal through the services: consent and integrative decision-making,
the objection test and integration, the outcome and its record."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cercles.core.models import Notification
from cercles.decisions import services
from cercles.decisions.models import (
    Decision,
    EventKind,
    ObjectionStatus,
    Process,
    Proposal,
    ProposalEvent,
    ProposalStatus,
    Step,
)

from .conftest import CRITERIA_MET, open_at

S = ProposalStatus


def test_a_draft_is_seen_by_its_proposer_only(member, speakers, admin, org, lead_link):
    draft = services.proposal_create(
        by=member, circle=org["rh"], title="Brouillon", tension="T", text="Texte"
    )
    assert draft.status == S.DRAFT and not draft.versions.exists()
    assert list(Proposal.objects.visible_to(member)) == [draft]
    assert list(Proposal.objects.visible_to(speakers[0])) == []
    assert list(Proposal.objects.visible_to(lead_link)) == []
    services.proposal_submit(proposal=draft, by=member)
    assert list(Proposal.objects.visible_to(speakers[0])) == [draft]
    assert list(Proposal.objects.visible_to(lead_link)) == [draft]
    assert draft.versions.get().number == 1


def test_only_members_and_participants_propose(agent, org, meeting, admin):
    with pytest.raises(PermissionDenied):
        services.proposal_create(by=agent, circle=org["rh"], title="X", tension="T", text="P")
    from cercles.meetings import services as meeting_services

    meeting_services.participant_add(meeting=meeting, person=agent, by=admin)
    proposal = services.proposal_create(
        by=agent, circle=org["rh"], meeting=meeting, title="X", tension="T", text="P"
    )
    assert proposal.proposer == agent


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"title": "  "}, "title"),
        ({"tension": ""}, "tension"),
        ({"text": " "}, "text"),
        ({"kind": "magic"}, "kind"),
        ({"process": "vote"}, "process"),
    ],
)
def test_bad_proposal_input(member, org, fields, field):
    values = {"title": "Titre", "tension": "Tension", "text": "Texte", **fields}
    with pytest.raises(ValidationError) as exc:
        services.proposal_create(by=member, circle=org["rh"], **values)
    assert field in exc.value.message_dict
    assert not Proposal.objects.exists()


def test_a_meeting_of_another_circle_is_refused(member, org, admin):
    from cercles.meetings import services as meeting_services
    from tests.meetings.conftest import at

    other = meeting_services.meeting_create(
        by=admin, circle=org["numerique"], title="Autre", starts_at=at(0)
    )
    with pytest.raises(ValidationError) as exc:
        services.proposal_create(
            by=member, circle=org["rh"], meeting=other, title="X", tension="T", text="P"
        )
    assert exc.value.message_dict == {"meeting": ["Cette réunion n'est pas une réunion du cercle."]}


def test_consent_with_an_integrated_objection(proposal, facilitator, member, speakers):
    proposal = open_at(proposal, facilitator, Step.REACTIONS)
    services.reaction_create(proposal=proposal, by=speakers[0], text="Bonne idée.")
    with pytest.raises(ValidationError):
        services.reaction_create(proposal=proposal, by=speakers[0], text="Encore")
    proposal = services.proposal_step(proposal=proposal, by=facilitator, to=Step.OBJECTIONS)
    objection = services.objection_raise(
        proposal=proposal, by=speakers[1], reason="Le lundi de Pâques est férié."
    )
    # Nothing to integrate yet, and an untested objection blocks the adoption.
    with pytest.raises(ValidationError, match="Aucune objection valide"):
        services.proposal_step(proposal=proposal, by=facilitator, to=Step.INTEGRATION)
    with pytest.raises(ValidationError, match="restent à tester"):
        services.proposal_adopt(proposal=proposal, by=facilitator)
    services.objection_test(
        objection=objection, by=facilitator, reason="Fait connu, causé par la date.", **CRITERIA_MET
    )
    with pytest.raises(ValidationError, match="valides restent à intégrer"):
        services.proposal_adopt(proposal=proposal, by=facilitator)
    proposal = services.proposal_step(proposal=proposal, by=facilitator, to=Step.INTEGRATION)
    # The same text integrates nothing.
    with pytest.raises(ValidationError, match="identique à la version objectée"):
        services.proposal_amend(
            proposal=proposal,
            by=member,
            text=proposal.text,
            integrates=[objection],
            integration_note="Rien",
        )
    version = services.proposal_amend(
        proposal=proposal,
        by=member,
        text="Les stagiaires arrivent le premier jour ouvré de la semaine.",
        integrates=[objection],
        integration_note="Premier jour ouvré au lieu du lundi.",
    )
    objection.refresh_from_db()
    assert (objection.status, objection.integrated_in) == (ObjectionStatus.INTEGRATED, version)
    proposal.refresh_from_db()
    assert proposal.step == Step.OBJECTIONS  # a new objection round, automatically
    decision = services.proposal_adopt(proposal=proposal, by=facilitator)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.step) == (S.ADOPTED, "")
    assert decision.text == "Les stagiaires arrivent le premier jour ouvré de la semaine."
    assert (decision.version.number, decision.process, decision.meeting) == (
        2,
        Process.CONSENT,
        proposal.meeting,
    )
    assert [v.number for v in proposal.versions.all()] == [1, 2]
    assert list(proposal.events.values_list("kind", flat=True)) == [
        EventKind.CREATED,
        EventKind.SUBMITTED,
        EventKind.STARTED,
        EventKind.STEP,
        EventKind.REACTION,
        EventKind.STEP,
        EventKind.OBJECTION,
        EventKind.OBJECTION_TESTED,
        EventKind.STEP,
        EventKind.AMENDED,
        EventKind.OBJECTION_INTEGRATED,
        EventKind.STEP,
        EventKind.ADOPTED,
    ]


def test_a_not_valid_objection_does_not_block(objecting, facilitator, speakers):
    objection = services.objection_raise(
        proposal=objecting, by=speakers[0], reason="Je préfère mardi."
    )
    with pytest.raises(ValidationError) as exc:
        services.objection_test(objection=objection, by=facilitator, reason=" ", **CRITERIA_MET)
    assert "reason" in exc.value.message_dict
    services.objection_test(
        objection=objection,
        by=facilitator,
        reason="Une préférence : rien ne se dégrade.",
        **{**CRITERIA_MET, "harm": False},
    )
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.NOT_VALID and objection.harm is False
    decision = services.proposal_adopt(proposal=objecting, by=facilitator)
    assert decision.proposal.objections.get().test_reason == "Une préférence : rien ne se dégrade."


def test_who_drives_and_who_objects(objecting, member, speakers, facilitator, agent, lead_link):
    # The proposer does not object to his own proposal; an outsider takes no part.
    for person in (member, agent):
        with pytest.raises(PermissionDenied):
            services.objection_raise(proposal=objecting, by=person, reason="Non")
    objection = services.objection_raise(proposal=objecting, by=speakers[0], reason="Tort")
    # A participant does not test, nor adopt; the lead link (manages the circle) does.
    with pytest.raises(PermissionDenied):
        services.objection_test(objection=objection, by=speakers[1], reason="x", **CRITERIA_MET)
    with pytest.raises(PermissionDenied):
        services.proposal_adopt(proposal=objecting, by=member)
    services.objection_test(
        objection=objection,
        by=lead_link,
        reason="Non valide",
        harm=False,
        caused=True,
        known=True,
        limits=True,
    )
    # Only its author withdraws an objection.
    with pytest.raises(PermissionDenied):
        services.objection_withdraw(objection=objection, by=speakers[1])


def test_steps_follow_the_process(proposal, facilitator):
    proposal = services.proposal_start(proposal=proposal, by=facilitator)
    with pytest.raises(ValidationError):
        services.proposal_step(proposal=proposal, by=facilitator, to=Step.OBJECTIONS)
    with pytest.raises(ValidationError):
        services.proposal_step(proposal=proposal, by=facilitator, to="dance")
    with pytest.raises(ValidationError, match="tour d'objections"):
        services.proposal_adopt(proposal=proposal, by=facilitator)


def test_integrative_decision_making(member, meeting, facilitator, speakers):
    proposal = services.proposal_create(
        by=member,
        circle=meeting.circle,
        meeting=meeting,
        title="Astreinte partagée",
        tension="Une seule personne porte l'astreinte.",
        text="L'astreinte tourne chaque semaine.",
        process=Process.IDM,
        submit=True,
    )
    proposal = services.proposal_start(proposal=proposal, by=facilitator)
    assert proposal.next_steps() == (Step.CLARIFYING,)
    proposal = services.proposal_step(proposal=proposal, by=facilitator, to=Step.CLARIFYING)
    question = services.question_ask(proposal=proposal, by=speakers[0], text="Qui commence ?")
    with pytest.raises(PermissionDenied):
        services.question_ask(proposal=proposal, by=member, text="Moi ?")  # the proposer
    services.question_answer(question=question, by=member, answer="Par ordre alphabétique.")
    proposal = services.proposal_step(proposal=proposal, by=facilitator, to=Step.REACTIONS)
    with pytest.raises(PermissionDenied):
        services.question_ask(proposal=proposal, by=speakers[0], text="Trop tard")
    services.reaction_create(proposal=proposal, by=speakers[1], text="Et les congés ?")
    proposal = services.proposal_step(proposal=proposal, by=facilitator, to=Step.AMEND)
    version = services.proposal_amend(
        proposal=proposal,
        by=member,
        text="L'astreinte tourne chaque semaine, hors congés posés.",
        note="Les congés sont exclus.",
    )
    assert version.number == 2
    proposal = services.proposal_step(proposal=proposal, by=facilitator, to=Step.OBJECTIONS)
    decision = services.proposal_adopt(proposal=proposal, by=facilitator)
    assert decision.process == Process.IDM
    question.refresh_from_db()
    assert question.answer == "Par ordre alphabétique." and question.answered_by == member


def test_rejection_keeps_a_record_with_its_reason(objecting, facilitator):
    with pytest.raises(ValidationError) as exc:
        services.proposal_reject(proposal=objecting, by=facilitator, reason="")
    assert "reason" in exc.value.message_dict
    decision = services.proposal_reject(
        proposal=objecting, by=facilitator, reason="Objection impossible à intégrer."
    )
    assert decision.outcome == "rejected" and decision.reason.startswith("Objection")
    with pytest.raises(PermissionDenied):  # decided: nothing left to withdraw
        services.proposal_withdraw(proposal=objecting, by=facilitator)


def test_withdrawal_leaves_no_decision(proposal, member):
    services.proposal_withdraw(proposal=proposal, by=member, reason="Plus utile.")
    proposal.refresh_from_db()
    assert proposal.status == S.WITHDRAWN and not Decision.objects.exists()


def test_postponing_sends_it_to_the_next_meeting(proposal, facilitator, admin, org):
    from datetime import timedelta

    from django.utils import timezone

    from cercles.meetings import services as meeting_services

    proposal = services.proposal_start(proposal=proposal, by=facilitator)
    later = meeting_services.meeting_create(
        by=admin, circle=org["rh"], title="Suivante", starts_at=timezone.now() + timedelta(days=8)
    )
    proposal = services.proposal_postpone(proposal=proposal, by=facilitator)
    assert (proposal.status, proposal.step, proposal.meeting) == (S.TO_MEETING, "", later)


def test_editing_after_submission_makes_a_version(proposal, member, speakers):
    services.proposal_update(proposal=proposal, by=member, text="Le lundi à 10 h.")
    assert [v.text for v in proposal.versions.all()] == [
        "Les stagiaires arrivent **le lundi** à 9 h.",
        "Le lundi à 10 h.",
    ]
    with pytest.raises(PermissionDenied):
        services.proposal_update(proposal=proposal, by=speakers[0], text="Non")


def test_events_are_never_changed(proposal):
    event = ProposalEvent.objects.filter(proposal=proposal).first()
    event.text = "Réécrit"
    with pytest.raises(RuntimeError):
        event.save()


def test_adoption_notifies_who_took_part(
    objecting, facilitator, speakers, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        objection = services.objection_raise(proposal=objecting, by=speakers[0], reason="R")
        services.objection_withdraw(objection=objection, by=speakers[0])
        services.proposal_adopt(proposal=objecting, by=facilitator)
    notified = set(
        Notification.objects.filter(kind="proposal_adopted").values_list("recipient", flat=True)
    )
    assert notified == {member.pk, speakers[0].pk}


def test_dissent_notes(objecting, facilitator, speakers, agent, member):
    decision = services.proposal_adopt(proposal=objecting, by=facilitator)
    note = services.dissent_note_save(decision=decision, by=speakers[0], text="Je reste réservé.")
    again = services.dissent_note_save(decision=decision, by=speakers[0], text="Très réservé.")
    assert note.pk == again.pk and again.text == "Très réservé."
    with pytest.raises(ValidationError):
        services.dissent_note_save(decision=decision, by=speakers[1], text="  ")
    with pytest.raises(PermissionDenied):
        services.dissent_note_save(decision=decision, by=agent, text="Dehors")
    with pytest.raises(PermissionDenied):
        services.dissent_note_delete(note=again, by=member)
    services.dissent_note_delete(note=again, by=speakers[0])
    assert not decision.dissent_notes.exists()


def test_no_dissent_on_a_rejected_decision(objecting, facilitator, speakers):
    decision = services.proposal_reject(proposal=objecting, by=facilitator, reason="Non.")
    with pytest.raises(PermissionDenied):
        services.dissent_note_save(decision=decision, by=speakers[0], text="Hélas")
