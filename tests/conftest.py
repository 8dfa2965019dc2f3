"""Shared personas. Data is created through the services, as the application does."""

import datetime

import pytest
from django.utils import timezone

from cercles.organisation import services
from cercles.organisation.models import CoreRole
from tests.factories import PersonFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Production argon2 costs ~0.3 s a hash; the suite creates hundreds of people.
    settings.PASSWORD_HASHERS = ["tests.hashers.FastArgon2PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    # A rolled-back test may leave the same ids behind for the next one: start clean.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def admin(db):
    return PersonFactory(is_org_admin=True, first_name="Ada", last_name="Admin")


@pytest.fixture
def agent(db):
    """Logged-in member of staff with no role anywhere."""
    return PersonFactory(first_name="Alice", last_name="Agent")


@pytest.fixture
def org(db, admin):
    """A small tree: Direction > (Ressources humaines > Formation, Numérique)."""
    direction = services.circle_create(by=admin, name="Direction générale", purpose="Piloter.")
    rh = services.circle_create(by=admin, name="Ressources humaines", parent=direction)
    formation = services.circle_create(by=admin, name="Formation", parent=rh)
    numerique = services.circle_create(by=admin, name="Numérique", parent=direction)
    return {"direction": direction, "rh": rh, "formation": formation, "numerique": numerique}


def core_role(circle, kind=CoreRole.LEAD_LINK):
    return circle.roles.get(core_role=kind)


@pytest.fixture
def lead_link(org, admin):
    """Lead link of Ressources humaines (so manages RH and Formation, not Numérique)."""
    person = PersonFactory(first_name="Léa", last_name="Lien")
    services.assignment_create(
        role=core_role(org["rh"]),
        person=person,
        by=admin,
        share=50,
        start_date=timezone.localdate() - datetime.timedelta(days=30),
    )
    return person


@pytest.fixture
def member(org, admin):
    """Holds a plain role in Ressources humaines."""
    person = PersonFactory(first_name="Marc", last_name="Membre")
    role = services.role_create(by=admin, circle=org["rh"], name="Chargé de recrutement")
    services.assignment_create(role=role, person=person, by=admin, share=60)
    return person
