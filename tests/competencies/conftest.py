"""HR, a small framework, an open campaign for everyone, and helpers that fill in
self-assessments through the services."""

import datetime

import pytest
from django.utils import timezone

from cercles.competencies import services
from cercles.competencies.models import CompetencyKind
from cercles.people.models import Function
from cercles.people.services import function_grant
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
def framework(hr):
    accueil = services.family_create(by=hr, name="Relation aux usagers", position=1)
    numerique = services.family_create(by=hr, name="Numérique", position=2)

    def make(family, name, kind=CompetencyKind.TECHNICAL):
        return services.competency_create(
            by=hr,
            family=family,
            name=name,
            kind=kind,
            description=f"Description de {name}.",
            level_1="Découvre.",
            level_2="Pratique.",
            level_3="Maîtrise.",
            level_4="Transmet.",
        )

    return {
        "accueil": make(accueil, "Accueil du public", CompetencyKind.BEHAVIOURAL),
        "ecoute": make(accueil, "Écoute active", CompetencyKind.BEHAVIOURAL),
        "courrier": make(accueil, "Langage clair"),
        "tableur": make(numerique, "Tableur"),
        "families": [accueil, numerique],
    }


@pytest.fixture
def campaign(hr, framework):
    today = timezone.localdate()
    return services.campaign_create(
        by=hr,
        name="Auto-évaluation 2026",
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=30),
        competencies=[framework["accueil"], framework["ecoute"], framework["tableur"]],
    )


def rate(campaign, person, levels: dict, *, submit=True, axes=(), comment=""):
    """Fill in (and by default submit) the person's assessment: competency -> level."""
    assessment = services.assessment_start(campaign=campaign, person=person)
    return services.assessment_save(
        assessment=assessment,
        by=person,
        ratings={c.pk: (level, "") for c, level in levels.items()},
        work_axes=axes,
        comment=comment,
        submit=submit,
    )


@pytest.fixture
def rated(campaign, framework, member):
    """The member's submitted, private self-assessment."""
    return rate(
        campaign,
        member,
        {framework["accueil"]: 3, framework["ecoute"]: 2, framework["tableur"]: None},
        axes=[("Prendre la parole en public", 2, "")],
        comment="Mon commentaire très personnel.",
    )
