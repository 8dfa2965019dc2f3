"""Fixtures for the organisation's reading pages: an organisation with a dated past."""

import datetime

import pytest
from django.utils import timezone

from cercles.organisation import services
from tests.factories import PersonFactory


def days_ago(n: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=n)


def date_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


@pytest.fixture
def login(client):
    def _login(person):
        client.force_login(person)
        return client

    return _login


@pytest.fixture
def history_org(db, admin):
    """An organisation whose changes are dated in the past.

    100 days ago: "Service client" (under "Siège") and "Projet Alpha" (under "Siège")
    are created; Paul Passé holds "Conseiller" in "Service client" (40 %) and
    "Chef de projet" in "Projet Alpha" (70 %).
    60 days ago: "Service client" is renamed "Relation usagers".
    40 days ago: "Projet Alpha" moves under "Relation usagers"; Paul stops being
    "Conseiller".
    20 days ago: "Projet Alpha" is archived (Paul's assignment ends with it).
    Today: "Nouveau cercle" is created.
    """
    t100, t60, t40, t20 = days_ago(100), days_ago(60), days_ago(40), days_ago(20)
    siege = services.circle_create(by=admin, name="Siège", at=t100)
    client_circle = services.circle_create(
        by=admin, name="Service client", parent=siege, purpose="Répondre aux usagers.", at=t100
    )
    alpha = services.circle_create(by=admin, name="Projet Alpha", parent=siege, at=t100)
    conseiller = services.role_create(
        by=admin, circle=client_circle, name="Conseiller", purpose="Conseiller.", at=t100
    )
    chef = services.role_create(by=admin, circle=alpha, name="Chef de projet", at=t100)
    paul = PersonFactory(first_name="Paul", last_name="Passé")
    conseil = services.assignment_create(
        role=conseiller, person=paul, by=admin, share=40, start_date=date_ago(100), at=t100
    )
    services.assignment_create(
        role=chef, person=paul, by=admin, share=70, start_date=date_ago(100), at=t100
    )
    services.circle_update(
        circle=client_circle, by=admin, name="Relation usagers", purpose="Accueillir.", at=t60
    )
    services.role_update(role=conseiller, by=admin, name="Conseiller usagers", at=t60)
    services.circle_move(circle=alpha, new_parent=client_circle, by=admin, at=t40)
    services.assignment_end(assignment=conseil, by=admin, end_date=date_ago(40), at=t40)
    services.circle_archive(circle=alpha, by=admin, at=t20)
    nouveau = services.circle_create(by=admin, name="Nouveau cercle", parent=siege)
    return {
        "siege": siege,
        "client": client_circle,
        "alpha": alpha,
        "nouveau": nouveau,
        "conseiller": conseiller,
        "chef": chef,
        "paul": paul,
    }


def grow(admin, org, n, *, prefix="Cercle"):
    """Add n circles under Numérique, each with a plain role held by a new person."""
    people = []
    for i in range(n):
        circle = services.circle_create(by=admin, name=f"{prefix} {i}", parent=org["numerique"])
        role = services.role_create(by=admin, circle=circle, name=f"Rôle {prefix} {i}")
        person = PersonFactory(job_title=f"Agent {prefix} {i}")
        services.assignment_create(role=role, person=person, by=admin, share=30, focus="Focus")
        people.append(person)
    return people
