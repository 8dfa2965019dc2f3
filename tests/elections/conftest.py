"""Ressources humaines with a facilitator, a lead link and four more members, and an
election of its secretary run by the facilitator."""

import pytest

from cercles.elections import services
from cercles.organisation import services as org_services
from cercles.organisation.models import CoreRole
from tests.conftest import core_role
from tests.factories import PersonFactory


@pytest.fixture
def login(client):
    def _login(person):
        client.logout()
        if person is not None:
            client.force_login(person)
        return client

    return _login


@pytest.fixture
def facilitator(org, admin):
    person = PersonFactory(first_name="Fabien", last_name="Facilitateur")
    org_services.assignment_create(
        role=core_role(org["rh"], CoreRole.FACILITATOR), person=person, by=admin, share=10
    )
    return person


@pytest.fixture
def colleagues(org, admin):
    """Two more members of Ressources humaines."""
    role = org_services.role_create(by=admin, circle=org["rh"], name="Gestionnaire paie")
    people = [
        PersonFactory(first_name="Bruno", last_name="Bavard"),
        PersonFactory(first_name="Claire", last_name="Calme"),
    ]
    for person in people:
        org_services.assignment_create(role=role, person=person, by=admin, share=50)
    return people


@pytest.fixture
def rh(org, facilitator, member, lead_link, colleagues):
    """The circle with its five members."""
    return org["rh"]


@pytest.fixture
def secretary_role(org):
    return core_role(org["rh"], CoreRole.SECRETARY)


@pytest.fixture
def election(rh, facilitator, secretary_role):
    return services.election_create(by=facilitator, circle=rh, role=secretary_role)


@pytest.fixture
def advance(facilitator, member, lead_link, colleagues):
    """advance(election, to): take the election to a step, the way the circle would —
    nominations (Claire twice, Bruno once), the reveal, the proposal of Claire, her
    acceptance, the conclusion."""
    bruno, claire = colleagues

    def _advance(election, to):
        order = ["nominating", "changing", "objections", "accepted", "elected"]
        steps = order[: order.index(to) + 1]
        if "nominating" in steps:
            services.election_open(election=election, by=facilitator)
            services.nominate(election=election, by=member, candidate=claire, reason="Rigueur.")
            services.nominate(election=election, by=lead_link, candidate=claire)
            services.nominate(election=election, by=claire, candidate=bruno, reason="Écoute.")
        if "changing" in steps:
            services.election_reveal(election=election, by=facilitator)
        if "objections" in steps:
            services.election_propose(
                election=election, by=facilitator, candidate=claire, reason="La plus nommée."
            )
        if "accepted" in steps:
            services.election_answer(election=election, by=claire, objection=False)
        if "elected" in steps:
            services.election_confirm(election=election, by=facilitator)
        election.refresh_from_db()
        return election

    return _advance
