"""Who may do what on a page, persona by persona (the views and the API read these)."""

import pytest

from cercles.knowledge import services
from cercles.knowledge.permissions import page_abilities, time_eater_abilities
from cercles.organisation.models import Circle


def allowed(abilities):
    return {name for name, value in abilities.items() if value}


READ = {"view", "history"}
EDIT = READ | {"update", "restore"}
STEWARD = EDIT | {"configure"}
ADMIN = STEWARD | {"archive", "delete"}


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("agent", EDIT),
        ("member", EDIT),
        ("lead_link", EDIT),
        ("facilitator", EDIT),
        ("admin", ADMIN),
    ],
)
def test_open_page_without_circle(request, open_page, persona, expected):
    assert allowed(page_abilities(request.getfixturevalue(persona), open_page)) == expected


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("agent", READ),
        ("member", READ),
        ("lead_link", STEWARD),
        ("facilitator", STEWARD),
        ("admin", ADMIN),
    ],
)
def test_protected_page(request, protected_page, persona, expected):
    assert allowed(page_abilities(request.getfixturevalue(persona), protected_page)) == expected


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("agent", set()),
        ("member", EDIT),
        ("lead_link", STEWARD),
        ("facilitator", STEWARD),
        ("admin", ADMIN),
    ],
)
def test_restricted_page(request, restricted_page, persona, expected):
    abilities = page_abilities(request.getfixturevalue(persona), restricted_page)
    assert allowed(abilities) - {"view", "history"} == expected - {"view", "history"}
    assert abilities["view"] == ("view" in expected)


def test_archived_page_is_read_only(open_page, admin, member):
    services.page_archive(page=open_page, by=admin)
    assert allowed(page_abilities(member, open_page)) == READ
    assert allowed(page_abilities(admin, open_page)) == READ | {"unarchive", "delete"}


def test_anonymous_may_nothing(open_page, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert allowed(page_abilities(AnonymousUser(), open_page)) == set()


def test_the_lead_link_of_a_parent_circle_stewards_pages_below(org, admin, lead_link):
    page = services.page_create(
        by=admin, title="Formation", circle=org["formation"], protected=True
    )
    assert page_abilities(lead_link, page)["configure"]
    other = services.page_create(
        by=admin, title="Numérique", circle=Circle.objects.get(name="Numérique"), protected=True
    )
    assert not page_abilities(lead_link, other)["update"]


def test_time_eater_abilities(member, agent, admin):
    eater = services.time_eater_create(by=member, name="Interruptions", description="x")
    assert allowed(time_eater_abilities(member, eater)) == {"view", "update", "concern", "propose"}
    assert allowed(time_eater_abilities(agent, eater)) == {"view", "concern", "propose"}
    assert allowed(time_eater_abilities(admin, eater)) == {
        "view",
        "update",
        "concern",
        "propose",
        "adopt",
        "archive",
    }
