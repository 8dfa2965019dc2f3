"""Personas of Ressources humaines (tests/conftest.py) plus its facilitator, and
consultations created through the services."""

import pytest

from cercles.opinions import services
from cercles.opinions.models import Audience, ResultsVisibility
from cercles.organisation import services as org_services
from cercles.organisation.models import CoreRole
from tests.conftest import core_role
from tests.factories import PersonFactory

SEEDS = [
    "L'accueil devrait ouvrir plus tôt le matin.",
    "L'accueil devrait fermer plus tard le soir.",
    "Le samedi matin doit rester ouvert.",
    "Les rendez-vous en ligne suffisent pour les démarches simples.",
    "Il faut garder un accueil sans rendez-vous.",
    "Les agents doivent choisir leurs créneaux.",
    "Une pause méridienne commune est nécessaire.",
    "Les horaires doivent être les mêmes toute l'année.",
    "L'été, on peut réduire les horaires.",
    "Les usagers doivent être consultés aussi.",
]


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
def make_consultation(org, facilitator):
    def _make(**kwargs):
        values = {
            "by": facilitator,
            "circle": org["rh"],
            "question": "Comment organiser les horaires de l'accueil ?",
            "seeds": SEEDS,
        }
        values.update(kwargs)
        return services.consultation_create(**values)

    return _make


@pytest.fixture
def consultation(make_consultation, member, lead_link):
    """Named, for the members of Ressources humaines, map shown after voting."""
    return make_consultation()


@pytest.fixture
def anonymous_consultation(make_consultation, member, lead_link):
    return make_consultation(
        question="Que pensez-vous du télétravail ?", anonymous=True, seeds=SEEDS[:8]
    )


def people(n, prefix="Votant"):
    return [PersonFactory(first_name=prefix, last_name=f"N{i}") for i in range(n)]


def vote_all(consultation, voters, profile):
    """Each voter votes on every published statement: `profile(i, j)` gives the value
    (1, −1, 0, or None to skip) of voter i on the j-th statement (by position)."""
    statements = list(consultation.statements.published().order_by("created_at", "id"))
    keys = {}
    for i, person in enumerate(voters):
        participant = None
        for j, statement in enumerate(statements):
            value = profile(i, j)
            if value is None:
                continue
            _vote, participant, key = services.vote_as(
                consultation=consultation,
                by=person,
                participant=participant,
                statement=statement,
                value=value,
            )
            keys.setdefault(person.pk, key)
    return keys


def two_camps(i, j):
    """Even voters agree with the first half of the statements and reject the second
    half; odd voters the other way round; everyone agrees with the last statement."""
    if j == 9:
        return 1
    first_half = j < 5
    return 1 if (i % 2 == 0) == first_half else -1


@pytest.fixture
def mapped(make_consultation, facilitator):
    """A consultation open to the whole organisation with 12 voters in two camps (so
    the map has two groups of 6)."""
    consultation = make_consultation(
        audience=Audience.ORGANISATION, results_visibility=ResultsVisibility.ALWAYS
    )
    voters = people(12)
    vote_all(consultation, voters, two_camps)
    return consultation, voters
