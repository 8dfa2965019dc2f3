"""The election process through its services: each step, its rules, its log, and the
assignment the conclusion creates through the organisation services."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cercles.core.models import Notification
from cercles.elections import services
from cercles.elections.models import (
    Election,
    ElectionEvent,
    ElectionStatus,
    EventKind,
    Objection,
    ProposalStatus,
    Resolution,
    add_months,
)
from cercles.meetings import services as meeting_services
from cercles.organisation import services as org_services
from cercles.organisation.models import Assignment, ChangeAction, CoreRole, GovernanceChange
from tests.conftest import core_role
from tests.factories import PersonFactory

TODAY = timezone.localdate


def messages_of(excinfo) -> str:
    return " ".join(excinfo.value.messages)


# --- describing ----------------------------------------------------------------------


def test_create_describes_the_role_and_a_twelve_month_term(election, facilitator, secretary_role):
    assert election.status == ElectionStatus.DESCRIBED
    assert election.facilitator == facilitator  # the circle's facilitator runs it
    assert election.term_start == TODAY()
    assert election.term_end == add_months(TODAY(), 12)
    assert election.term_months == 12
    assert election.share == 5
    assert election.description.startswith(secretary_role.purpose)
    assert list(election.events.values_list("kind", flat=True)) == [EventKind.CREATED]


def test_the_lead_link_is_appointed_not_elected(rh, facilitator):
    with pytest.raises(ValidationError) as excinfo:
        services.election_create(by=facilitator, circle=rh, role=core_role(rh))
    assert "Le premier lien n'est pas élu" in messages_of(excinfo)
    assert not Election.objects.exists()


def test_only_core_elected_roles_and_roles_of_the_circle(rh, org, facilitator, member, admin):
    plain = member.assignments.get().role
    with pytest.raises(ValidationError) as excinfo:
        services.election_create(by=facilitator, circle=rh, role=plain)
    assert "Seuls le facilitateur, le secrétaire et le second lien sont élus." in messages_of(
        excinfo
    )
    other = core_role(org["numerique"], CoreRole.SECRETARY)
    with pytest.raises(ValidationError) as excinfo:
        services.election_create(by=admin, circle=rh, role=other)
    assert "Choisissez un rôle élu de ce cercle." in messages_of(excinfo)


def test_who_organises_an_election(rh, secretary_role, member, agent, lead_link, admin):
    for person in (member, agent):
        with pytest.raises(PermissionDenied):
            services.election_create(by=person, circle=rh, role=secretary_role)
    election = services.election_create(by=lead_link, circle=rh, role=secretary_role)
    # Nobody chose another facilitator: the circle's facilitator runs it.
    assert election.facilitator.last_name == "Facilitateur"
    services.election_cancel(election=election, by=lead_link, reason="Test.")
    assert services.election_create(by=admin, circle=rh, role=secretary_role).pk


def test_one_election_per_role_at_a_time(election, facilitator, rh, secretary_role):
    with pytest.raises(ValidationError) as excinfo:
        services.election_create(by=facilitator, circle=rh, role=secretary_role)
    assert "Une élection de ce rôle est déjà en cours." in messages_of(excinfo)
    # Another role is fine.
    services.election_create(by=facilitator, circle=rh, role=core_role(rh, CoreRole.REP_LINK))


def test_term_rules(rh, facilitator, secretary_role, admin):
    today = TODAY()
    with pytest.raises(ValidationError) as excinfo:
        services.election_create(
            by=facilitator, circle=rh, role=secretary_role, term_start=today, term_end=today
        )
    assert "La fin du mandat doit venir après son début." in messages_of(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        services.election_create(
            by=facilitator,
            circle=rh,
            role=secretary_role,
            term_start=today - datetime.timedelta(days=3),
        )
    assert "Le mandat ne peut pas commencer avant aujourd'hui." in messages_of(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        services.election_create(by=facilitator, circle=rh, role=secretary_role, term_months=61)
    assert "Un mandat dure de 1 à 60 mois." in messages_of(excinfo)
    # Admins may date a term in the past (imports, corrections), like assignments.
    past = services.election_create(
        by=admin,
        circle=rh,
        role=secretary_role,
        term_start=today - datetime.timedelta(days=3),
        term_months=6,
    )
    assert past.term_end == add_months(past.term_start, 6)


def test_the_new_term_starts_when_the_current_one_ends(rh, facilitator, admin, colleagues):
    role = core_role(rh, CoreRole.REP_LINK)
    ends = TODAY() + datetime.timedelta(days=20)
    org_services.assignment_create(
        role=role, person=colleagues[0], by=admin, share=5, end_date=ends
    )
    election = services.election_create(by=facilitator, circle=rh, role=role)
    assert election.term_start == ends
    assert election.term_end == add_months(ends, 12)


def test_an_election_during_a_meeting_of_the_circle(rh, org, facilitator, admin, lead_link):
    meeting = meeting_services.meeting_create(
        by=admin, circle=rh, title="Gouvernance", starts_at=timezone.now(), facilitator=lead_link
    )
    election = services.election_create(
        by=facilitator, circle=rh, role=core_role(rh, CoreRole.SECRETARY), meeting=meeting
    )
    assert election.meeting == meeting
    assert election.facilitator == lead_link  # the meeting's facilitator
    other = meeting_services.meeting_create(
        by=admin, circle=org["numerique"], title="Autre", starts_at=timezone.now()
    )
    with pytest.raises(ValidationError) as excinfo:
        services.election_create(
            by=admin, circle=rh, role=core_role(rh, CoreRole.REP_LINK), meeting=other
        )
    assert "Cette réunion n'est pas une réunion de ce cercle." in messages_of(excinfo)


def test_update_before_the_proposal(election, facilitator, member, advance):
    with pytest.raises(PermissionDenied):
        services.election_update(election=election, by=member, description="x")
    services.election_update(
        election=election, by=facilitator, description="Tenir le registre.", share=10
    )
    election.refresh_from_db()
    assert (election.description, election.share) == ("Tenir le registre.", 10)
    event = election.events.get(kind=EventKind.DESCRIBED)
    assert event.data["before"]["share"] == 5 and event.data["after"]["share"] == 10
    advance(election, "objections")
    with pytest.raises(ValidationError) as excinfo:
        services.election_update(election=election, by=facilitator, share=20)
    assert "le mandat s'ajuste en traitant une objection" in messages_of(excinfo)


# --- nominations ---------------------------------------------------------------------


def test_nominations_open_then_stay_secret(election, facilitator, member, colleagues):
    bruno, claire = colleagues
    with pytest.raises(ValidationError) as excinfo:
        services.nominate(election=election, by=member, candidate=claire)
    assert "Les nominations ne sont pas ouvertes." in messages_of(excinfo)
    services.election_open(election=election, by=facilitator)
    nomination = services.nominate(election=election, by=member, candidate=claire, reason="Ok")
    event = election.events.get(kind=EventKind.NOMINATED)
    assert event.secret and event.actor == member and event.person == claire
    # Rewritten before the reveal: still one nomination per person.
    services.nominate(election=election, by=member, candidate=bruno)
    nomination.refresh_from_db()
    assert nomination.candidate == bruno and election.nominations.count() == 1
    # Self-nomination is allowed.
    services.nominate(election=election, by=claire, candidate=claire, reason="Je me propose.")
    assert election.nominations.count() == 2


def test_only_members_nominate_and_only_members_are_nominated(
    election, facilitator, member, agent, admin
):
    services.election_open(election=election, by=facilitator)
    with pytest.raises(PermissionDenied):
        services.nominate(election=election, by=agent, candidate=member)
    with pytest.raises(PermissionDenied):
        services.nominate(election=election, by=admin, candidate=member)  # not a member
    with pytest.raises(ValidationError) as excinfo:
        services.nominate(election=election, by=member, candidate=agent)
    assert "Alice Agent ne tient aucun rôle dans ce cercle" in messages_of(excinfo)


def test_the_rep_link_cannot_be_the_lead_link(rh, facilitator, member, lead_link):
    election = services.election_create(
        by=facilitator, circle=rh, role=core_role(rh, CoreRole.REP_LINK)
    )
    services.election_open(election=election, by=facilitator)
    with pytest.raises(ValidationError) as excinfo:
        services.nominate(election=election, by=member, candidate=lead_link)
    assert "Le premier lien du cercle ne peut pas en être aussi le second lien." in messages_of(
        excinfo
    )
    assert lead_link not in services.eligible_candidates(election)


def test_reveal(election, facilitator, member, colleagues):
    services.election_open(election=election, by=facilitator)
    with pytest.raises(ValidationError) as excinfo:
        services.election_reveal(election=election, by=facilitator)
    assert "Personne n'a encore écrit de nomination" in messages_of(excinfo)
    services.nominate(election=election, by=member, candidate=colleagues[1])
    with pytest.raises(PermissionDenied):
        services.election_reveal(election=election, by=member)
    services.election_reveal(election=election, by=facilitator)
    election.refresh_from_db()
    assert election.status == ElectionStatus.CHANGING and election.revealed_at
    assert election.events.get(kind=EventKind.REVEALED).data["tally"] == [["Claire Calme", 1]]
    with pytest.raises(ValidationError) as excinfo:
        services.nominate(election=election, by=colleagues[0], candidate=member)
    assert "Les nominations sont closes." in messages_of(excinfo)


def test_change_round(election, advance, member, facilitator, colleagues):
    bruno, claire = colleagues
    advance(election, "changing")
    with pytest.raises(ValidationError) as excinfo:
        services.nomination_change(election=election, by=member, candidate=bruno, reason=" ")
    assert "Dites pourquoi vous changez votre nomination." in messages_of(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        services.nomination_change(election=election, by=member, candidate=claire, reason="x")
    assert "C'est déjà votre nomination" in messages_of(excinfo)
    # The facilitator wrote no nomination: nothing to change.
    with pytest.raises(ValidationError) as excinfo:
        services.nomination_change(election=election, by=facilitator, candidate=bruno, reason="x")
    assert "Vous n'avez pas écrit de nomination" in messages_of(excinfo)
    change = services.nomination_change(
        election=election, by=member, candidate=bruno, reason="Après avoir entendu Claire."
    )
    assert (change.previous_candidate, change.candidate) == (claire, bruno)
    assert election.nominations.get(nominator=member).candidate == bruno
    event = election.events.get(kind=EventKind.CHANGED)
    assert not event.secret and event.data["previous"] == "Claire Calme"


def test_tally_counts_from_the_most_nominated(election, advance, colleagues):
    advance(election, "changing")
    counts = services.tally(election.nominations.select_related("candidate"))
    assert [(p.full_name, n) for p, n in counts] == [("Claire Calme", 2), ("Bruno Bavard", 1)]


# --- proposal and objections -----------------------------------------------------------


def test_propose(
    election, advance, facilitator, member, colleagues, agent, django_capture_on_commit_callbacks
):
    bruno, claire = colleagues
    advance(election, "changing")
    with pytest.raises(PermissionDenied):
        services.election_propose(election=election, by=member, candidate=claire, reason="x")
    with pytest.raises(ValidationError) as excinfo:
        services.election_propose(election=election, by=facilitator, candidate=claire, reason="")
    assert "Donnez la raison de cette proposition." in messages_of(excinfo)
    with pytest.raises(ValidationError):
        services.election_propose(election=election, by=facilitator, candidate=agent, reason="x")
    with django_capture_on_commit_callbacks(execute=True):
        proposal = services.election_propose(
            election=election, by=facilitator, candidate=claire, reason="La plus nommée."
        )
    election.refresh_from_db()
    assert election.status == ElectionStatus.OBJECTIONS and election.candidate == claire
    assert proposal.number == 1
    event = election.events.get(kind=EventKind.PROPOSED)
    assert event.data["nominations"] == 2
    # The candidate is told he answers last.
    assert Notification.objects.filter(recipient=claire, kind="election_candidate").exists()


def test_objection_needs_a_reason_and_blocks_the_acceptance(election, advance, member, colleagues):
    claire = colleagues[1]
    advance(election, "objections")
    with pytest.raises(ValidationError) as excinfo:
        services.election_answer(election=election, by=member, objection=True, reason=" ")
    assert "Donnez la raison de votre objection" in messages_of(excinfo)
    services.election_answer(election=election, by=member, objection=True, reason="Surchargée.")
    with pytest.raises(ValidationError) as excinfo:
        services.election_answer(election=election, by=member, objection=True, reason="Encore.")
    assert "Vous avez déjà une objection en cours" in messages_of(excinfo)
    # The candidate answers last.
    with pytest.raises(ValidationError) as excinfo:
        services.election_answer(election=election, by=claire, objection=False)
    assert "Le candidat répond en dernier" in messages_of(excinfo)


def test_an_objection_after_the_acceptance_voids_it(election, advance, member, facilitator):
    election = advance(election, "accepted")
    proposal = services.current_proposal(election)
    assert proposal.accepted_at is not None
    services.election_answer(election=election, by=member, objection=True, reason="Attendez.")
    proposal.refresh_from_db()
    assert proposal.accepted_at is None
    with pytest.raises(ValidationError) as excinfo:
        services.election_confirm(election=election, by=facilitator)
    assert "Des objections restent à traiter" in messages_of(excinfo)


def test_no_objection_is_said_once_and_withdraws_ones_objection(election, advance, member):
    advance(election, "objections")
    services.election_answer(election=election, by=member, objection=False)
    services.election_answer(election=election, by=member, objection=False)
    assert election.events.filter(kind=EventKind.NO_OBJECTION, actor=member).count() == 1
    services.election_answer(election=election, by=member, objection=True, reason="Réflexion.")
    services.election_answer(election=election, by=member, objection=False)
    objection = Objection.objects.get()
    assert objection.resolution == Resolution.WITHDRAWN and objection.resolved_by == member


def test_outsiders_do_not_answer(election, advance, agent, admin):
    advance(election, "objections")
    for person in (agent, admin):
        with pytest.raises(PermissionDenied):
            services.election_answer(election=election, by=person, objection=True, reason="x")


def test_an_objection_integrated_by_adjusting_the_term(
    election, advance, member, facilitator, colleagues
):
    claire = colleagues[1]
    election = advance(election, "accepted")
    objection = services.election_answer(
        election=election, by=claire, objection=True, reason="Six mois, pas douze."
    )
    with pytest.raises(ValidationError) as excinfo:
        services.objection_resolve(
            objection=objection, by=facilitator, resolution=Resolution.TERM, note="Six mois."
        )
    assert "Le mandat ajusté doit différer du mandat proposé." in messages_of(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        services.objection_resolve(
            objection=objection, by=facilitator, resolution=Resolution.TERM, note=" "
        )
    assert "Dites comment l'objection a été traitée." in messages_of(excinfo)
    with pytest.raises(PermissionDenied):
        services.objection_resolve(
            objection=objection, by=member, resolution=Resolution.INVALID, note="Non."
        )
    new_end = add_months(election.term_start, 6)
    services.objection_resolve(
        objection=objection,
        by=facilitator,
        resolution=Resolution.TERM,
        note="Mandat ramené à six mois.",
        term_end=new_end,
    )
    election.refresh_from_db()
    objection.refresh_from_db()
    assert election.term_end == new_end and election.term_months == 6
    assert objection.resolution == Resolution.TERM and not objection.is_open
    adjusted = election.events.get(kind=EventKind.TERM_ADJUSTED)
    assert adjusted.data["after"]["term_end"] == new_end.isoformat()
    # The candidate accepts the new term, then the election concludes.
    services.election_answer(election=election, by=claire, objection=False)
    services.election_confirm(election=election, by=facilitator)
    assert Assignment.objects.get(role=election.role).end_date == new_end


def test_a_new_proposal_integrates_the_open_objections(
    election, advance, member, facilitator, colleagues
):
    bruno, claire = colleagues
    advance(election, "objections")
    services.election_answer(election=election, by=member, objection=True, reason="Pas elle.")
    services.election_propose(
        election=election, by=facilitator, candidate=bruno, reason="Nommé aussi."
    )
    first, second = election.proposals.order_by("number")
    assert first.status == ProposalStatus.SUPERSEDED and second.status == ProposalStatus.OPEN
    objection = Objection.objects.get()
    assert objection.resolution == Resolution.CANDIDATE
    assert "Bruno Bavard" in objection.resolution_note


def test_a_facilitator_candidate_does_not_run_his_own_election(
    rh, facilitator, lead_link, member, colleagues, admin
):
    """The facilitator runs the election of his own role, unless he is the candidate:
    then the lead link makes the proposal and leads the objection round."""
    election = services.election_create(
        by=facilitator, circle=rh, role=core_role(rh, CoreRole.FACILITATOR)
    )
    services.election_open(election=election, by=facilitator)
    for person in (member, lead_link, *colleagues):
        services.nominate(election=election, by=person, candidate=facilitator)
    services.election_reveal(election=election, by=facilitator)
    with pytest.raises(ValidationError) as excinfo:
        services.election_propose(
            election=election, by=facilitator, candidate=facilitator, reason="Moi."
        )
    assert "Vous ne pouvez pas proposer votre propre élection" in messages_of(excinfo)
    services.election_propose(
        election=election, by=lead_link, candidate=facilitator, reason="Unanime."
    )
    services.election_answer(election=election, by=facilitator, objection=False)
    with pytest.raises(PermissionDenied):
        services.election_confirm(election=election, by=facilitator)
    services.election_confirm(election=election, by=lead_link)
    election.refresh_from_db()
    assert election.elected == facilitator


# --- conclusion ----------------------------------------------------------------------


def test_confirm_replaces_the_holder_through_the_organisation_services(
    election,
    advance,
    facilitator,
    admin,
    member,
    colleagues,
    secretary_role,
    django_capture_on_commit_callbacks,
):
    old = PersonFactory(first_name="Odile", last_name="Ancienne")
    org_services.assignment_create(
        role=secretary_role,
        person=old,
        by=admin,
        share=10,
        start_date=TODAY() - datetime.timedelta(days=300),
    )
    claire = colleagues[1]
    with pytest.raises(ValidationError) as excinfo:
        services.election_confirm(election=election, by=facilitator)
    assert "L'élection n'en est pas au tour d'objections." in messages_of(excinfo)
    election = advance(election, "objections")
    with pytest.raises(ValidationError) as excinfo:
        services.election_confirm(election=election, by=facilitator)
    assert "Le candidat n'a pas encore accepté" in messages_of(excinfo)
    services.election_answer(election=election, by=claire, objection=False)
    with pytest.raises(PermissionDenied):
        services.election_confirm(election=election, by=member)
    with django_capture_on_commit_callbacks(execute=True):
        services.election_confirm(election=election, by=facilitator, share=10)
    election.refresh_from_db()
    assert election.status == ElectionStatus.ELECTED and election.elected == claire
    # The old secretary's assignment ends when the term starts; Claire's covers the term.
    ended = Assignment.objects.get(role=secretary_role, person=old)
    assert ended.end_date == election.term_start
    new = Assignment.objects.get(role=secretary_role, person=claire)
    assert (new.start_date, new.end_date, new.share) == (
        election.term_start,
        election.term_end,
        10,
    )
    assert election.assignment == new
    # The circle's history links both changes to the election.
    end_change = GovernanceChange.objects.get(assignment=ended, action=ChangeAction.ASSIGNMENT_END)
    create_change = GovernanceChange.objects.get(
        assignment=new, action=ChangeAction.ASSIGNMENT_CREATE
    )
    assert end_change.decision == election and create_change.decision == election
    assert end_change.circle == create_change.circle == election.circle
    assert election.get_absolute_url() == f"/elections/{election.pk}/"
    assert ElectionEvent.objects.filter(election=election, kind=EventKind.ELECTED).exists()
    # Everyone of the circle hears of it, the former holder too.
    assert Notification.objects.filter(recipient=old, kind="election_elected").exists()
    assert Notification.objects.filter(recipient=member, kind="election_elected").exists()


def test_confirm_refuses_more_than_a_full_time_and_writes_nothing(
    election, advance, facilitator, admin, colleagues, secretary_role
):
    claire = colleagues[1]  # 50 % already
    election = advance(election, "accepted")
    changes = GovernanceChange.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        services.election_confirm(election=election, by=facilitator, share=60)
    assert "Claire Calme tiendrait alors 110 % de son temps, plus de 100 %" in messages_of(excinfo)
    election.refresh_from_db()
    assert election.status == ElectionStatus.OBJECTIONS
    assert not Assignment.objects.filter(role=secretary_role, person=claire).exists()
    assert GovernanceChange.objects.count() == changes
    services.election_confirm(election=election, by=facilitator, share=50)  # exactly 100 %
    assert org_services.person_total_share(claire) == 100


def test_a_reelection_records_the_new_term(rh, facilitator, admin, member, colleagues):
    role = core_role(rh, CoreRole.REP_LINK)
    bruno = colleagues[0]
    first = org_services.assignment_create(
        role=role, person=bruno, by=admin, share=5, start_date=TODAY() - datetime.timedelta(days=9)
    )
    election = services.election_create(by=facilitator, circle=rh, role=role)
    services.election_open(election=election, by=facilitator)
    services.nominate(election=election, by=member, candidate=bruno)
    services.election_reveal(election=election, by=facilitator)
    services.election_propose(election=election, by=facilitator, candidate=bruno, reason="Encore.")
    services.election_answer(election=election, by=bruno, objection=False)
    services.election_confirm(election=election, by=facilitator)
    first.refresh_from_db()
    assert first.end_date == TODAY()
    second = Assignment.objects.get(role=role, person=bruno, start_date=TODAY())
    assert second.end_date == add_months(TODAY(), 12)
    assert org_services.person_total_share(bruno) == 55


def test_a_term_that_should_have_started_must_be_proposed_again(
    rh, facilitator, admin, member, colleagues, secretary_role
):
    claire = colleagues[1]
    yesterday = TODAY() - datetime.timedelta(days=1)
    election = services.election_create(
        by=admin, circle=rh, role=secretary_role, term_start=yesterday, facilitator=facilitator
    )
    services.election_open(election=election, by=facilitator)
    services.nominate(election=election, by=member, candidate=claire)
    services.election_reveal(election=election, by=facilitator)
    # The facilitator keeps the term of the description: it started yesterday.
    services.election_propose(election=election, by=admin, candidate=claire, reason="x")
    services.election_answer(election=election, by=claire, objection=False)
    with pytest.raises(ValidationError) as excinfo:
        services.election_confirm(election=election, by=facilitator)
    assert "avant aujourd'hui : proposez à nouveau le candidat" in messages_of(excinfo)
    services.election_propose(
        election=election, by=facilitator, candidate=claire, reason="x", term_start=TODAY()
    )
    services.election_answer(election=election, by=claire, objection=False)
    services.election_confirm(election=election, by=facilitator)
    assert Assignment.objects.get(role=secretary_role).start_date == TODAY()


def test_cancel_and_take_over(election, facilitator, lead_link, member, advance):
    with pytest.raises(PermissionDenied):
        services.election_take_over(election=election, by=member)
    with pytest.raises(PermissionDenied):
        services.election_take_over(election=election, by=facilitator)  # already his
    services.election_take_over(election=election, by=lead_link)
    election.refresh_from_db()
    assert election.facilitator == lead_link
    with pytest.raises(ValidationError) as excinfo:
        services.election_cancel(election=election, by=lead_link, reason="")
    assert "Dites pourquoi l'élection est annulée." in messages_of(excinfo)
    services.election_cancel(election=election, by=lead_link, reason="Le rôle change.")
    election.refresh_from_db()
    assert election.status == ElectionStatus.CANCELLED and election.cancel_reason
    with pytest.raises(ValidationError) as excinfo:
        services.election_cancel(election=election, by=lead_link, reason="Encore.")
    assert "Cette élection est déjà close." in messages_of(excinfo)


def test_the_log_keeps_every_step(election, advance):
    advance(election, "elected")
    kinds = list(election.events.values_list("kind", flat=True))
    assert kinds == [
        EventKind.CREATED,
        EventKind.NOMINATIONS_OPENED,
        EventKind.NOMINATED,
        EventKind.NOMINATED,
        EventKind.NOMINATED,
        EventKind.REVEALED,
        EventKind.PROPOSED,
        EventKind.ACCEPTED,
        EventKind.ELECTED,
    ]
