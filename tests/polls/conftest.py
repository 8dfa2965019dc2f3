"""A circle (Ressources humaines) with a facilitator and four more members, a meeting of
it, and helpers to make polls through the services."""

import datetime

import pytest
from django.utils import timezone

from cercles.meetings import services as meeting_services
from cercles.organisation import services as org_services
from cercles.organisation.models import CoreRole
from cercles.polls import services
from tests.conftest import core_role
from tests.factories import PersonFactory

T0 = datetime.datetime(2025, 3, 14, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def login(client):
    def _login(person):
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
def voters(org, admin):
    """Four more members of Ressources humaines."""
    role = org_services.role_create(by=admin, circle=org["rh"], name="Gestionnaire paie")
    people = [
        PersonFactory(first_name=first, last_name=last)
        for first, last in (
            ("Bruno", "Bavard"),
            ("Claire", "Calme"),
            ("Denis", "Discret"),
            ("Émilie", "Entier"),
        )
    ]
    for person in people:
        org_services.assignment_create(role=role, person=person, by=admin, share=50)
    return people


@pytest.fixture
def circle(org, facilitator, member, voters):
    """Ressources humaines, with its facilitator, the member and four voters (6 members)."""
    return org["rh"]


@pytest.fixture
def meeting(circle, admin):
    return meeting_services.meeting_create(
        by=admin,
        circle=circle,
        title="Réunion tactique de mars",
        starts_at=timezone.now() + datetime.timedelta(days=1),
    )


@pytest.fixture
def make_poll(circle, facilitator):
    def _make(kind="yes_no", *, by=None, options=None, **kwargs):
        if options is None and kind in ("dots", "score", "ranked"):
            options = [{"label": label} for label in ("Vélo", "Bus", "Covoiturage")]
        if options is None and kind == "time_slot":
            options = [
                {"starts_at": timezone.now() + datetime.timedelta(days=d, hours=2)}
                for d in (3, 4, 5)
            ]
        defaults = {
            "dots": {"dots_total": 5},
            "score": {"score_max": 5},
            "ranked": {"ranking_method": "irv"},
        }.get(kind, {})
        return services.poll_create(
            by=by or facilitator,
            circle=kwargs.pop("circle", circle),
            kind=kind,
            question=kwargs.pop("question", f"Question {kind} ?"),
            options=options or (),
            **{**defaults, **kwargs},
        )

    return _make
