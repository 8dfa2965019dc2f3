"""HR, a newcomer and his buddy, a plan template and an onboarding, all made through
the services."""

import datetime

import pytest
from django.utils import timezone

from cercles.onboarding import services
from cercles.onboarding.models import AssigneeKind, Phase
from cercles.people.models import Function
from cercles.people.services import function_grant
from tests.factories import PersonFactory

TASKS = [
    # phase, offset (None: the phase's default), title, assignee kind
    (Phase.BEFORE, None, "Préparer le poste de travail", AssigneeKind.HR),
    (Phase.BEFORE, -3, "Envoyer le mot d'accueil", AssigneeKind.LEAD_LINK),
    (Phase.DAY_ONE, None, "Lire le livret d'accueil", AssigneeKind.NEWCOMER),
    (Phase.DAY_ONE, None, "Déjeuner avec son parrain", AssigneeKind.BUDDY),
    (Phase.WEEK_ONE, None, "Visiter les sites", AssigneeKind.BUDDY),
    (Phase.MONTH_ONE, None, "Point d'étonnement", AssigneeKind.LEAD_LINK),
]


@pytest.fixture
def login(client):
    def _login(person):
        client.force_login(person)
        return client

    return _login


@pytest.fixture
def hr(admin):
    person = PersonFactory(first_name="Hélène", last_name="Rh", email="helene.rh@exemple.fr")
    function_grant(person=person, function=Function.HR, by=admin)
    return person


@pytest.fixture
def newcomer(db):
    return PersonFactory(
        first_name="Nina", last_name="Nouvelle", email="nina@exemple.fr", site="Site nord"
    )


@pytest.fixture
def buddy(member):
    """The member of Ressources humaines."""
    return member


@pytest.fixture
def template(hr):
    template = services.template_create(by=hr, name="Accueil standard", description="Le parcours.")
    for phase, offset, title, kind in TASKS:
        services.template_task_create(
            template=template,
            by=hr,
            phase=phase,
            day_offset=offset,
            title=title,
            assignee_kind=kind,
            description=f"À faire : **{title.lower()}**.",
        )
    return template


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def onboarding(hr, org, newcomer, buddy, lead_link, template, today):
    """Nina joins Ressources humaines today; the member is her buddy."""
    return services.onboarding_create(
        by=hr,
        newcomer=newcomer,
        start_date=today,
        circle=org["rh"],
        buddy=buddy,
        template=template,
    )


def days(n):
    return datetime.timedelta(days=n)
