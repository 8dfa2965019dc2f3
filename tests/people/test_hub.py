"""The "Mon développement" hub: the cards of every people module, ours included."""

import pytest
from django.urls import reverse

from cercles.core import panels
from cercles.people import services
from tests.factories import PersonFactory

URL = reverse("people:home")


@pytest.fixture
def only_our_cards(monkeypatch):
    """The hub renders the cards of every module; the query count below measures ours."""
    ours = [
        e for e in panels._PANELS.get("development_home", []) if e[1].startswith("cercles.people")
    ]
    monkeypatch.setitem(panels._PANELS, "development_home", ours)


def test_hub_shows_our_cards_with_my_counts(login, member, lead_link, make_item):
    item = make_item()
    services.entry_create(person=member, title="Objectif")
    services.suggestion_create(author=lead_link, person=member, item=item, message="Vas-y")
    page = login(member).get(URL).content.decode()
    assert "<h1>Mon développement</h1>" in page
    for title in ("Mon parcours", "Choisir mon parcours", "Le livre dont vous êtes le talent"):
        assert f">{title}</h2>" in page
    assert "1 étape à vous" in page and "1 suggestion en attente" in page
    assert "Fonctions RH" not in page


def test_admins_get_the_functions_card(login, admin):
    assert reverse("people:functions") in login(admin).get(URL).content.decode()


def test_other_modules_cards_are_rendered(login, agent, monkeypatch):
    def card(request):
        return '<section class="card"><h2>Formations</h2></section>'

    monkeypatch.setitem(
        panels._PANELS,
        "development_home",
        [(40, "tests.card", card), *panels._PANELS.get("development_home", [])],
    )
    page = login(agent).get(URL).content.decode()
    assert page.index("<h2>Formations</h2>") < page.index("Mon parcours")


def test_anonymous_is_sent_to_login(client):
    assert client.get(URL).status_code == 302


@pytest.mark.parametrize("count", [3, 9])
def test_hub_query_count(
    login, member, lead_link, make_item, count, only_our_cards, django_assert_num_queries
):
    item = make_item()
    for i in range(count):
        services.entry_create(person=member, title=f"Objectif {i}")
        services.suggestion_create(
            author=PersonFactory(), person=member, item=item, message="Vas-y"
        )
    client = login(member)
    # Queries: session, user; my entries and pending suggestions counted (one query).
    with django_assert_num_queries(3):
        response = client.get(URL)
    assert f"{count} étapes à vous" in response.content.decode()
