"""Personas of the ideas module, on top of the shared organisation (tests/conftest.py).

- `facilitator`: holds the Facilitateur role of Ressources humaines.
- `lead_link` (shared): lead link of Ressources humaines (manages RH and Formation).
- `author`: an agent who posts ideas; `agent` (shared): another agent, an outsider.
"""

import pytest

from cercles.core.models import Notification
from cercles.organisation import services as org_services
from cercles.organisation.models import CoreRole
from tests.conftest import core_role
from tests.factories import PersonFactory

from .factories import IdeaFactory


@pytest.fixture
def login(client):
    def _login(person):
        client.force_login(person)
        return client

    return _login


@pytest.fixture
def facilitator(org, admin):
    person = PersonFactory(first_name="Fanny", last_name="Facilitatrice")
    org_services.assignment_create(
        role=core_role(org["rh"], CoreRole.FACILITATOR), person=person, by=admin, share=20
    )
    return person


@pytest.fixture
def author(db):
    return PersonFactory(first_name="Paul", last_name="Porteur", email="paul.porteur@exemple.fr")


@pytest.fixture
def idea(org, author):
    """A signed idea of Paul's, posted for Ressources humaines."""
    return IdeaFactory(
        by=author,
        title="Un guichet unique pour les arrivées",
        body="Les nouveaux agents courent entre **cinq** services.",
        circle=org["rh"],
    )


def notified(person, kind=None):
    qs = Notification.objects.filter(recipient=person)
    if kind:
        qs = qs.filter(kind=kind)
    return list(qs.values_list("text", flat=True))


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(): …` runs what the services scheduled for after the commit
    (notifications, the embedding task) when the block ends, as a real commit would."""

    def _committed():
        return django_capture_on_commit_callbacks(execute=True)

    return _committed
