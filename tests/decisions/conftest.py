"""Ressources humaines with its facilitator, members and a meeting (the meetings'
fixtures), and proposals of it at each stage, made through the services."""

import datetime

import pytest
from django.utils import timezone

from cercles.decisions import services
from cercles.decisions.models import ProposalKind, Step
from tests.meetings.conftest import (  # noqa: F401  (fixtures)
    facilitator,
    live_meeting,
    login,
    meeting,
    secretary,
    speakers,
)

CRITERIA_MET = {"harm": True, "caused": True, "known": True, "limits": True}


@pytest.fixture
def proposal(member, meeting):  # noqa: F811
    """A consent proposal of the member, submitted for the meeting."""
    return services.proposal_create(
        by=member,
        circle=meeting.circle,
        meeting=meeting,
        title="Accueillir les stagiaires le lundi",
        tension="Les stagiaires arrivent n'importe quel jour et personne n'est prêt.",
        text="Les stagiaires arrivent **le lundi** à 9 h.",
        submit=True,
    )


def open_at(proposal, facilitator, step):  # noqa: F811
    """Start the proposal in its meeting and move it up to `step`."""
    proposal = services.proposal_start(proposal=proposal, by=facilitator)
    for current in proposal.steps()[1:]:
        if proposal.step == step:
            break
        proposal = services.proposal_step(proposal=proposal, by=facilitator, to=current)
    assert proposal.step == step
    return proposal


@pytest.fixture
def objecting(proposal, facilitator):  # noqa: F811
    """The proposal in its objection round."""
    return open_at(proposal, facilitator, Step.OBJECTIONS)


@pytest.fixture
def governance_proposal(member, org):
    """A governance draft of the member: create a role in Ressources humaines."""
    proposal = services.proposal_create(
        by=member,
        circle=org["rh"],
        title="Un rôle pour l'accueil",
        tension="Personne ne prépare l'arrivée des nouveaux.",
        text="Créer le rôle *Référent accueil*.",
        kind=ProposalKind.GOVERNANCE,
    )
    services.change_add(
        proposal=proposal,
        by=member,
        kind="role_create",
        name="Référent accueil",
        purpose="Que chaque arrivant soit attendu.",
        accountabilities="Préparer le poste\nPrésenter l'équipe",
    )
    return proposal


def in_days(days):
    return timezone.now() + datetime.timedelta(days=days)
