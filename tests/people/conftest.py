"""Helpers of the people tests: a logged-in client, an HR person, catalogue items and
entries made through the services."""

import pytest

from cercles.people import services
from cercles.people.models import Function
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
    services.function_grant(person=person, function=Function.HR, by=admin)
    return person


@pytest.fixture
def make_item(admin):
    def _make(name="Le coaching entre collègues", kind="format", format="coaching", **fields):
        return services.item_create(
            by=admin,
            kind=kind,
            format=format if kind == "format" else "",
            name=name,
            summary=fields.pop("summary", f"{name} en une phrase."),
            **fields,
        )

    return _make


@pytest.fixture
def formats(make_item):
    """One catalogue item per format, in the order of FormatKey."""
    names = {
        "coaching": "Le coaching entre collègues",
        "mentoring": "Le mentorat",
        "tutoring": "Le tutorat",
        "immersion": "L'immersion",
        "training": "La formation entre collègues",
        "mission": "La mission dans un autre cercle",
    }
    return {key: make_item(name=name, format=key) for key, name in names.items()}
