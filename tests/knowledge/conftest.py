"""A facilitator of Ressources humaines, and pages written through the services."""

import pytest

from cercles.knowledge import services
from cercles.knowledge.models import PageKind
from cercles.organisation import services as org_services
from cercles.organisation.models import CoreRole
from tests.conftest import core_role
from tests.factories import PersonFactory


@pytest.fixture
def login(client):
    def _login(person):
        client.force_login(person)
        return client

    return _login


@pytest.fixture
def facilitator(org, admin):
    """Facilitator of Ressources humaines."""
    person = PersonFactory(first_name="Fabien", last_name="Facilitateur")
    org_services.assignment_create(
        role=core_role(org["rh"], CoreRole.FACILITATOR), person=person, by=admin, share=10
    )
    return person


@pytest.fixture
def open_page(member):
    """A page of the whole organisation, open to every editor."""
    return services.page_create(
        by=member,
        title="Guide du travail collaboratif",
        body="# Principes\n\nOn décide ensemble.\n\n# Outils\n\nUn tableau partagé.\n",
        kind=PageKind.GUIDE,
    )


@pytest.fixture
def protected_page(org, admin):
    """The meeting charter, held by Ressources humaines and protected."""
    return services.page_create(
        by=admin,
        title="Charte des réunions",
        body="1. Un ordre du jour envoyé avant.\n2. On démarre à l'heure.\n",
        kind=PageKind.CHARTER,
        circle=org["rh"],
        protected=True,
    )


@pytest.fixture
def restricted_page(org, admin):
    """A procedure only Ressources humaines reads."""
    return services.page_create(
        by=admin,
        title="Clôture de la paie",
        body="Étapes de la paie.",
        kind=PageKind.PROCEDURE,
        circle=org["rh"],
        restricted=True,
    )
