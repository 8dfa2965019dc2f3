"""Governance proposals: their structured changes validated when proposed and at
adoption, shown as a diff, and applied through the organisation's services, each entry
of the history linked to the decision — all or nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cercles.decisions import services
from cercles.decisions.models import Decision, ProposalKind, ProposalStatus, Step
from cercles.organisation import services as org_services
from cercles.organisation.models import Assignment, ChangeAction, CoreRole, GovernanceChange, Role
from tests.conftest import core_role
from tests.factories import PersonFactory


def governance(member, circle, title="Gouvernance"):
    return services.proposal_create(
        by=member,
        circle=circle,
        title=title,
        tension="La structure ne suit plus.",
        text="Les changements ci-dessous.",
        kind=ProposalKind.GOVERNANCE,
    )


def to_objections(proposal, member, facilitator, meeting):
    proposal = services.proposal_submit(proposal=proposal, by=member)
    proposal = services.proposal_start(proposal=proposal, by=facilitator, meeting=meeting)
    for step in (Step.REACTIONS, Step.OBJECTIONS):
        proposal = services.proposal_step(proposal=proposal, by=facilitator, to=step)
    return proposal


def add(proposal, by, kind, **fields):
    return services.change_add(proposal=proposal, by=by, kind=kind, **fields)


def test_a_governance_proposal_needs_a_change(member, org):
    proposal = governance(member, org["rh"])
    with pytest.raises(ValidationError, match="au moins un changement"):
        services.proposal_submit(proposal=proposal, by=member)


@pytest.mark.parametrize(
    "case, message",
    [
        ("duplicate_name", "Ce cercle a déjà un rôle de ce nom."),
        ("duplicate_in_proposal", "Cette proposition crée déjà un rôle de ce nom."),
        ("core_role", "Un rôle structurel"),
        ("other_circle_role", "n'appartient pas au cercle"),
        ("not_a_subcircle", "choisissez un sous-cercle direct"),
        ("lead_link", "Le premier lien d'un cercle est choisi par le cercle qui le contient."),
        ("already_holds", "Cette personne tient déjà ce rôle."),
        ("no_change", "ne modifie rien"),
        ("empty_name", "Donnez un nom."),
        ("share", "entre 0 et 100"),
    ],
)
def test_changes_are_validated_when_proposed(member, org, admin, case, message):
    proposal = governance(member, org["rh"])
    recruiting = member.assignments.get().role  # "Chargé de recrutement", in RH
    other = org_services.role_create(by=admin, circle=org["numerique"], name="Développeur")
    attempts = {
        "duplicate_name": ("role_create", {"name": "chargé de recrutement"}),
        "duplicate_in_proposal": ("role_create", {"name": "Paie"}),
        "core_role": ("role_archive", {"role": core_role(org["rh"], CoreRole.SECRETARY)}),
        "other_circle_role": ("role_archive", {"role": other}),
        "not_a_subcircle": ("circle_update", {"target_circle": org["numerique"], "purpose": "X"}),
        "lead_link": (
            "assignment_create",
            {"role": core_role(org["rh"]), "person": PersonFactory(), "share": 10},
        ),
        "already_holds": ("assignment_create", {"role": recruiting, "person": member}),
        "no_change": ("role_update", {"role": recruiting, "name": recruiting.name}),
        "empty_name": ("circle_create", {"name": "  "}),
        "share": (
            "assignment_create",
            {"role": recruiting, "person": PersonFactory(), "share": 150},
        ),
    }
    if case == "duplicate_in_proposal":
        add(proposal, member, "role_create", name="Paie")
    kind, fields = attempts[case]
    before = proposal.changes.count()
    with pytest.raises(ValidationError) as exc:
        add(proposal, member, kind, **fields)
    assert message in " ".join(exc.value.messages)
    assert proposal.changes.count() == before


def test_only_the_proposer_edits_the_changes(member, speakers, org):
    proposal = governance(member, org["rh"])
    with pytest.raises(PermissionDenied):
        add(proposal, speakers[0], "role_create", name="Intrus")


def test_adoption_applies_every_change_linked_to_the_decision(
    member, org, admin, facilitator, meeting, speakers
):
    rh = org["rh"]
    payroll = speakers[0].assignments.get().role  # "Gestionnaire paie"
    recruiting = member.assignments.get().role
    formation = org["formation"]
    newcomer = PersonFactory(first_name="Nadia", last_name="Nouvelle", email="nadia@exemple.fr")
    proposal = governance(member, rh)
    welcome = add(
        proposal,
        member,
        "role_create",
        name="Référent accueil",
        purpose="Que chaque arrivant soit attendu.",
        accountabilities="Préparer le poste\n\nPrésenter l'équipe ",
    )
    add(proposal, member, "assignment_create", new_role=welcome, person=newcomer, share=20)
    add(
        proposal,
        member,
        "role_update",
        role=recruiting,
        name="Chargé de recrutement",
        purpose="Recruter vite et bien.",
    )
    add(proposal, member, "assignment_end", assignment=speakers[1].assignments.get())
    add(proposal, member, "circle_create", name="Qualité de vie au travail")
    add(
        proposal,
        member,
        "circle_update",
        target_circle=formation,
        purpose="Former tous les agents.",
    )
    add(proposal, member, "role_archive", role=payroll)
    proposal = to_objections(proposal, member, facilitator, meeting)
    decision = services.proposal_adopt(proposal=proposal, by=facilitator)

    role = Role.objects.get(circle=rh, name="Référent accueil")
    assert role.accountability_list() == ["Préparer le poste", "Présenter l'équipe"]
    assignment = Assignment.objects.get(role=role)
    assert (assignment.person, assignment.share) == (newcomer, 20)
    recruiting.refresh_from_db()
    payroll.refresh_from_db()
    formation.refresh_from_db()
    assert recruiting.purpose == "Recruter vite et bien." and payroll.is_archived
    assert formation.purpose == "Former tous les agents."
    assert rh.children.filter(name="Qualité de vie au travail").exists()
    assert not speakers[1].assignments.current().exists()
    # Every change recorded in the history is linked to the decision, by the facilitator.
    changes = GovernanceChange.objects.filter(decision_id=decision.pk)
    assert {c.action for c in changes} >= {
        ChangeAction.ROLE_CREATE,
        ChangeAction.ASSIGNMENT_CREATE,
        ChangeAction.ROLE_UPDATE,
        ChangeAction.ASSIGNMENT_END,
        ChangeAction.CIRCLE_CREATE,
        ChangeAction.CIRCLE_UPDATE,
        ChangeAction.ROLE_ARCHIVE,
    }
    assert all(c.decision == decision and c.by == facilitator for c in changes)
    # The record keeps the state before the change, for the diff.
    update = proposal.changes.get(kind="role_update")
    assert update.before["purpose"] == "" and update.applied_at is not None
    diff = services.describe(update)
    assert diff["rows"] == [("Raison d'être", "", "Recruter vite et bien.")]


def test_a_change_that_became_impossible_rolls_everything_back(
    member, org, admin, facilitator, meeting
):
    proposal = governance(member, org["rh"])
    add(proposal, member, "circle_create", name="Archives")
    add(proposal, member, "role_create", name="Archiviste")
    proposal = to_objections(proposal, member, facilitator, meeting)
    # Meanwhile, someone creates a role of that name directly.
    org_services.role_create(by=admin, circle=org["rh"], name="Archiviste")
    with pytest.raises(ValidationError) as exc:
        services.proposal_adopt(proposal=proposal, by=facilitator)
    message = " ".join(exc.value.messages)
    assert "Changement n° 2 (Créer le rôle « Archiviste »)" in message
    assert "Ce cercle a déjà un rôle de ce nom." in message
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.OPEN and proposal.step == Step.OBJECTIONS
    assert not Decision.objects.exists()
    assert not org["rh"].children.filter(name="Archives").exists()
    assert not GovernanceChange.objects.filter(decision_id__isnull=False).exists()


def test_changes_edited_during_integration_make_a_version(
    member, org, facilitator, meeting, speakers
):
    proposal = governance(member, org["rh"])
    add(proposal, member, "role_create", name="Référent accueil")
    proposal = to_objections(proposal, member, facilitator, meeting)
    with pytest.raises(PermissionDenied):  # not while objecting
        add(proposal, member, "role_create", name="Trop tôt")
    objection = services.objection_raise(
        proposal=proposal, by=speakers[0], reason="Sans redevabilité, le rôle ne sert à rien."
    )
    services.objection_test(
        objection=objection,
        by=facilitator,
        reason="Valide.",
        harm=True,
        caused=True,
        known=True,
        limits=True,
    )
    proposal = services.proposal_step(proposal=proposal, by=facilitator, to=Step.INTEGRATION)
    item = proposal.changes.get()
    services.change_remove(item=item, by=member)
    add(
        proposal,
        member,
        "role_create",
        name="Référent accueil",
        accountabilities="Préparer le poste",
    )
    assert proposal.versions.count() == 3
    version = services.proposal_amend(
        proposal=proposal,
        by=member,
        text=proposal.text,
        integrates=[objection],
        integration_note="Le rôle a désormais une redevabilité.",
    )
    assert version.number == 3  # the latest version already carries the new change
    assert version.changes[0]["rows"] == [
        ["Nom", "", "Référent accueil"],
        ["Redevabilités", "", "Préparer le poste"],
    ]
    proposal.refresh_from_db()
    decision = services.proposal_adopt(proposal=proposal, by=facilitator)
    assert Role.objects.get(name="Référent accueil").accountabilities == "Préparer le poste"
    assert decision.version.number == 3
