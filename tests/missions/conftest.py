"""The Numérique circle posts missions; Marc Membre (60 % in Ressources humaines, whose
lead link is Léa Lien) applies. Data is created through the services."""

import datetime

import pytest
from django.utils import timezone

from cercles.competencies.models import Competency, CompetencyFamily, CompetencyKind
from cercles.missions import services
from cercles.organisation import services as org_services
from tests.conftest import core_role
from tests.factories import PersonFactory

TODAY = timezone.localdate


@pytest.fixture
def login(client):
    def _login(person):
        client.force_login(person)
        return client

    return _login


@pytest.fixture
def poster(org, admin):
    """Lead link of Numérique: manages it, posts its missions."""
    person = PersonFactory(first_name="Paul", last_name="Posteur")
    org_services.assignment_create(
        role=core_role(org["numerique"]),
        person=person,
        by=admin,
        share=30,
        start_date=TODAY() - datetime.timedelta(days=60),
    )
    return person


@pytest.fixture
def skills(db):
    # No competencies service exists yet (another module's): rows written directly.
    family = CompetencyFamily.objects.create(name="Droit")
    return [
        Competency.objects.create(family=family, name=name, kind=kind)
        for name, kind in (
            ("Droit des contrats", CompetencyKind.TECHNICAL),
            ("Négociation", CompetencyKind.TECHNICAL),
            ("Écoute", CompetencyKind.BEHAVIOURAL),
        )
    ]


@pytest.fixture
def make_mission(org, poster):
    def _make(**fields):
        values = {
            "by": poster,
            "circle": org["numerique"],
            "title": "Juriste pour les contrats",
            "share": 40,
            "start_date": TODAY() + datetime.timedelta(days=7),
            "end_date": TODAY() + datetime.timedelta(days=187),
            "new_role_name": "Juriste contrats",
            "description": "Relire les contrats des éditeurs.",
            "publish": True,
        }
        values.update(fields)
        return services.mission_create(**values)

    return _make


@pytest.fixture
def mission(make_mission):
    return make_mission()


@pytest.fixture
def apply(member):
    def _apply(mission, person=None, message="Je connais bien le droit des contrats."):
        application, _warning = services.application_create(
            mission=mission, person=person or member, message=message
        )
        return application

    return _apply
