"""Coaching fixtures: a small framework of competencies, a coordinator, and helpers that
register coaches and requests through the services."""

import pytest

from cercles.coaching import services
from cercles.competencies.models import Competency, CompetencyFamily
from cercles.people.models import Function
from cercles.people.services import function_grant
from tests.factories import PersonFactory


@pytest.fixture
def skills(db):
    # The competencies app has no service for this yet: its models are created directly.
    family = CompetencyFamily.objects.create(name="Management")
    return {
        name: Competency.objects.create(family=family, name=name)
        for name in ("Animer une réunion", "Conduire le changement", "Prendre la parole")
    }


@pytest.fixture
def coordinator(admin):
    person = PersonFactory(first_name="Colette", last_name="Coordinatrice")
    function_grant(person=person, function=Function.COACHING_COORDINATOR, by=admin)
    return person


@pytest.fixture
def hr(admin):
    person = PersonFactory(first_name="Hervé", last_name="Rh")
    function_grant(person=person, function=Function.HR, by=admin)
    return person


def make_coach(person=None, *, competencies=(), **fields):
    person = person or PersonFactory()
    fields.setdefault("formats", ["coaching", "mentoring"])
    fields.setdefault("capacity", 1)
    return services.coach_save(person=person, competencies=competencies, **fields)


def make_request(person=None, *, need="Mieux animer mes réunions.", **fields):
    person = person or PersonFactory()
    return services.request_create(by=person, need=need, **fields)


def matched_pair(coordinator, *, coach=None, request=None, accept=True):
    """A request and a coach matched by a published round (accepted by both if asked)."""
    coach = coach or make_coach()
    request = request or make_request()
    matching_round = services.round_run(by=coordinator)
    services.round_publish(matching_round=matching_round, by=coordinator)
    match = matching_round.matches.get(request=request)
    if accept:
        services.match_accept(match=match, by=request.requester)
        match = services.match_accept(match=match, by=coach.person)
    return match
