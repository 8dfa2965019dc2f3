"""Trainings' personas: an HR person, a trainer, a published training and a session of
two seats to come. Data is created through the services; a session "in the past" is
one created to come whose date is then moved back (time passing), the only write
outside the services."""

import datetime

import pytest
from django.utils import timezone

from cercles.competencies.models import CompetencyFamily
from cercles.people.models import Function
from cercles.people.services import function_grant
from cercles.trainings import services
from cercles.trainings.models import Session
from tests.factories import PersonFactory


@pytest.fixture
def login(client):
    def _login(person):
        client.force_login(person)
        return client

    return _login


@pytest.fixture
def hr(admin):
    person = PersonFactory(first_name="Hélène", last_name="Rh")
    function_grant(person=person, function=Function.HR, by=admin)
    return person


@pytest.fixture
def trainer(db):
    return PersonFactory(first_name="Théo", last_name="Formateur")


@pytest.fixture
def competencies(db):
    # The competencies app has no write service yet (its helper owns it): plain rows.
    family = CompetencyFamily.objects.create(name="Coopération")
    return [
        family.competencies.create(name="Animer une réunion"),
        family.competencies.create(name="Écoute active", kind="behavioural"),
    ]


@pytest.fixture
def training(trainer, hr, competencies):
    training = services.training_propose(
        by=trainer,
        title="Animer une réunion courte",
        summary="Deux heures pour des réunions qui finissent à l'heure.",
        programme="Ordre du jour, tour de parole, décisions.",
        audience="Toute personne qui anime.",
        competencies=competencies[:1],
    )
    return services.training_publish(training=training, by=hr)


def in_days(days: float, hour: int = 10) -> datetime.datetime:
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


@pytest.fixture
def session(training, trainer):
    return services.session_create(
        training=training,
        by=trainer,
        starts_at=in_days(7),
        capacity=2,
        place="Salle Jean Moulin",
    )


def started(session, hours_ago: float = 3) -> Session:
    """Time passes: the session started `hours_ago` hours ago."""
    moment = timezone.now() - datetime.timedelta(hours=hours_ago)
    Session.objects.filter(pk=session.pk).update(starts_at=moment)
    session.refresh_from_db()
    return session


@pytest.fixture
def people(db):
    return [PersonFactory(first_name=f"P{n}", last_name=f"Personne{n}") for n in range(5)]
