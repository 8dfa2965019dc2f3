"""A circle with a facilitator, two more members, and a meeting of it."""

import datetime

import pytest
from django.utils import timezone

from cercles.meetings import services
from cercles.organisation import services as org_services
from cercles.organisation.models import CoreRole
from tests.conftest import core_role
from tests.factories import PersonFactory

T0 = datetime.datetime(2025, 3, 14, 9, 0, tzinfo=datetime.UTC)


def at(seconds: float) -> datetime.datetime:
    """A moment `seconds` after T0 (the turns' clock in the tests)."""
    return T0 + datetime.timedelta(seconds=seconds)


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
def secretary(org, admin):
    person = PersonFactory(first_name="Sonia", last_name="Secrétaire")
    org_services.assignment_create(
        role=core_role(org["rh"], CoreRole.SECRETARY), person=person, by=admin, share=10
    )
    return person


@pytest.fixture
def speakers(org, admin):
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
def meeting(org, admin, facilitator, member, lead_link, speakers):
    return services.meeting_create(
        by=admin,
        circle=org["rh"],
        title="Réunion tactique de mars",
        starts_at=timezone.now() + datetime.timedelta(days=1),
    )


@pytest.fixture
def live_meeting(meeting, facilitator):
    return services.meeting_start(meeting=meeting, by=facilitator)


@pytest.fixture
def own_panels(monkeypatch):
    """Only the meetings module's panels on the pages: the query counts below are this
    module's; the other modules' panels are counted by their own tests."""
    from cercles.core import panels

    monkeypatch.setattr(
        panels,
        "_PANELS",
        {
            slot: [e for e in entries if e[1].startswith("cercles.meetings.")]
            for slot, entries in panels._PANELS.items()
        },
    )


@pytest.fixture
def closed_meeting(meeting, facilitator, member, speakers, admin):
    """The meeting, held: Marc and Bruno present and speaking, Claire excused, then
    closed."""
    services.meeting_start(meeting=meeting, by=facilitator)
    for person in (member, speakers[0]):
        services.participant_set_present(meeting=meeting, person=person, present=True, by=admin)
    services.participant_set_attendance(
        meeting=meeting, person=speakers[1], state="excused", by=admin
    )
    services.speaker_request_create(meeting=meeting, person=member, at=at(0))
    services.floor_give(meeting=meeting, by=facilitator, at=at(1))
    services.floor_stop(meeting=meeting, by=facilitator, at=at(61))
    return services.meeting_close(meeting=meeting, by=facilitator, at=at(120))


@pytest.fixture
def api_client(client):
    def _as(person):
        client.force_login(person)
        return client

    return _as
