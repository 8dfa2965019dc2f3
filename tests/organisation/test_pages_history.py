"""The whole organisation's governance history."""

import datetime

from django.urls import reverse

from cercles.accounts.services import person_update
from cercles.organisation import services
from cercles.organisation.models import GovernanceChange
from tests.factories import PersonFactory

HISTORY = reverse("organisation:history")


def items(body):
    return body.count('class="card history-item"')


def test_anonymous_is_sent_to_login(client, org):
    response = client.get(HISTORY)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_history_shows_who_when_what_and_why(login, agent, admin, org, member):
    at = datetime.datetime(2024, 7, 1, 22, 30, tzinfo=datetime.UTC)
    services.circle_update(
        circle=org["numerique"], by=admin, purpose="Outiller les agents.", note="Séminaire.", at=at
    )
    body = login(agent).get(HISTORY).content.decode()
    # 22:30 UTC is 00:30 the next day in Paris (summer time).
    assert "2 juillet 2024 à 00:30" in body
    assert "<td>—</td><td>Outiller les agents.</td>" in body
    assert "Séminaire." in body
    assert "par Ada Admin" in body
    # Assignments name the person and the role.
    assert ">Marc Membre</a> —" in body
    assert ">Chargé de recrutement</a>" in body


def test_history_moves_show_parent_names(login, agent, admin, org):
    services.circle_move(circle=org["formation"], new_parent=None, by=admin)
    body = login(agent).get(HISTORY, {"action": "circle_move"}).content.decode()
    assert items(body) == 1
    assert "<td>Ressources humaines</td><td>aucun (premier niveau)</td>" in body


def test_history_filters_by_action_and_is_paginated(login, agent, admin, org):
    client = login(agent)
    body = client.get(HISTORY, {"action": "circle_create"}).content.decode()
    assert items(body) == 4
    assert '<option value="circle_create" selected>' in body
    total = GovernanceChange.objects.count()  # 4 circles x (1 + 4 core roles) = 20
    for i in range(11):
        services.role_create(by=admin, circle=org["rh"], name=f"Rôle {i}")
    # 20 + 11 = 31 changes: 25 on the first page, 6 on the second.
    body = client.get(HISTORY).content.decode()
    assert items(body) == 25
    assert f"Page 1 sur 2 ({total + 11} résultats)" in body
    body = client.get(HISTORY, {"page": "2"}).content.decode()
    assert items(body) == total + 11 - 25


def test_history_of_someone_deleted_keeps_the_change(login, agent, admin, org):
    boss = PersonFactory(is_org_admin=True)
    services.circle_update(circle=org["rh"], by=boss, purpose="Raison.")
    boss.delete()
    body = login(agent).get(HISTORY, {"action": "circle_update"}).content.decode()
    assert "auteur inconnu" in body


def test_history_queries_do_not_grow(login, agent, admin, org, member, django_assert_num_queries):
    client = login(agent)
    services.circle_move(circle=org["formation"], new_parent=org["numerique"], by=admin)
    # Cards not cached yet: session; user; count; the ids of the page's changes; the
    # changes with author, circle, role and assignment; the people of those
    # assignments; the names of the parents in the page's moves.
    with django_assert_num_queries(7):
        client.get(HISTORY)
    # Cards and count cached: session; user; the ids of the page's changes.
    with django_assert_num_queries(3):
        client.get(HISTORY)
    for i in range(10):
        person = PersonFactory()
        role = services.role_create(by=admin, circle=org["numerique"], name=f"Rôle {i}")
        services.assignment_create(role=role, person=person, by=admin, share=10)
    with django_assert_num_queries(7):
        client.get(HISTORY)
    with django_assert_num_queries(3):
        response = client.get(HISTORY)
    # 20 for the tree, 2 for the member, 1 move, 20 added: 43 changes, a full page.
    assert items(response.content.decode()) == 25
    assert "(43 résultats)" in response.content.decode()


def test_cached_cards_show_todays_names_after_a_change(login, agent, admin, org, member):
    """Cards are cached (cercles.core.fragments); a rename through the services makes
    them stale, so the history never shows yesterday's names."""
    client = login(agent)
    body = client.get(HISTORY).content.decode()
    assert org["rh"].name in body and member.full_name in body
    services.circle_update(circle=org["rh"], by=admin, name="Ressources humaines et talents")
    person_update(person=member, last_name="Nouveau-Nom")
    body = client.get(HISTORY).content.decode()
    assert "Ressources humaines et talents" in body
    assert f"{member.first_name} Nouveau-Nom" in body


def test_cards_follow_the_language(login, agent, org):
    client = login(agent)
    assert "Création de cercle" in client.get(HISTORY).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": HISTORY})
    body = client.get(HISTORY).content.decode()
    assert "Création de cercle" not in body
    assert "Circle created" in body
