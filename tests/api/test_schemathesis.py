"""Schemathesis guard: generated requests on every endpoint never get a server error.

The schema is read from the running application and each operation receives a bounded,
deterministic set of generated requests (valid and invalid), authenticated as an admin
so the write paths run too. Every response must be a non-5xx answer whose status code
and body the schema documents.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from cercles.accounts.models import Person
from cercles.accounts.tokens import api_token_create
from cercles.organisation.models import Assignment, Circle, GovernanceChange, Role

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


# The schema view is public and reads no database: it can load when the module is collected.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", WSGIHandler())


@pytest.fixture(autouse=True)
def keep_test_connection():
    """Run the WSGI handler inside the test's transaction.

    Like Django's test client, keep the handler from closing the connection at the end of
    each request: that would drop the transaction that holds the test data.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# Ids of the objects in the current test's data, by resource (filled by `admin_token`).
KNOWN: dict[str, list[int]] = {}
ID_FIELDS = {
    "parent": "circles",
    "circle": "circles",
    "role": "roles",
    "person": "people",
    "campaign": "campaigns",
    "into": "ideas",
    "theme": "themes",
}


def _known(resource: str, value):
    """For even generated ids, a real object's id, so the success paths run as well as 404s."""
    ids = KNOWN.get(resource)
    if ids and isinstance(value, int) and not isinstance(value, bool) and value % 2 == 0:
        return ids[(value // 2) % len(ids)]
    return value


@schema.hook
def map_case(context, case):
    resource = case.operation.path.split("/")[3]  # /api/v1/<resource>/...
    if case.path_parameters and "id" in case.path_parameters:
        case.path_parameters["id"] = _known(resource, case.path_parameters["id"])
    if isinstance(case.body, dict):
        for key, target in ID_FIELDS.items():
            if key in case.body:
                case.body[key] = _known(target, case.body[key])
    return case


def _ideas_known(admin, member, org) -> dict:
    """A campaign and two ideas (one anonymous) for the ideas endpoints to act on."""
    from django.utils import timezone

    from cercles.ideas import services as idea_services

    campaign = idea_services.campaign_create(
        by=admin,
        title="Défi",
        question="Quoi ?",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate(),
        circle=org["rh"],
    )
    ideas = [
        idea_services.idea_create(by=member, title="Idée", body="Texte.", campaign=campaign),
        idea_services.idea_create(by=member, title="Autre", body="Texte.", anonymous=True),
    ]
    theme = idea_services.theme_create(campaign=campaign, name="Thème", by=admin)
    idea_services.theme_move_idea(idea=ideas[0], theme=theme, by=admin)
    projects = [
        idea_services.project_create(by=admin, title="Projet", purpose="But.", theme=theme),
        idea_services.project_create(by=member, title="Autre", purpose="But."),
    ]
    milestone = idea_services.milestone_create(project=projects[0], by=admin, title="Jalon")
    return {
        "campaigns": [campaign.pk],
        "ideas": [i.pk for i in ideas],
        "themes": [theme.pk],
        "projects": [p.pk for p in projects],
        "milestones": [milestone.pk],
    }


def _meetings_known(admin, org) -> list[int]:
    """A planned meeting and a live one with a request in the queue."""
    from django.utils import timezone

    from cercles.meetings import services as meeting_services

    planned = meeting_services.meeting_create(
        by=admin, circle=org["rh"], title="Prévue", starts_at=timezone.now()
    )
    live = meeting_services.meeting_create(
        by=admin, circle=org["rh"], title="En cours", starts_at=timezone.now(), participants=[admin]
    )
    meeting_services.meeting_start(meeting=live, by=admin)
    meeting_services.speaker_request_create(meeting=live, person=admin)
    return [planned.pk, live.pk]


@pytest.fixture
def admin_token(admin, org, lead_link, member):
    """An admin's token, with a small organisation for the generated requests to act on."""
    KNOWN.update(
        circles=list(Circle.objects.values_list("pk", flat=True)),
        roles=list(Role.objects.values_list("pk", flat=True)),
        people=list(Person.objects.values_list("pk", flat=True)),
        assignments=list(Assignment.objects.values_list("pk", flat=True)),
        history=list(GovernanceChange.objects.values_list("pk", flat=True)),
        **_ideas_known(admin, member, org),
        meetings=_meetings_known(admin, org),
    )
    _, raw = api_token_create(person=admin, name="schemathesis")
    yield raw
    KNOWN.clear()


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_every_generated_request(case, admin_token):
    case.call_and_validate(headers={"Authorization": f"Token {admin_token}"}, checks=CHECKS)
