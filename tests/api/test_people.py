"""/api/v1/people/: the directory, read-only, without passwords or staff flags."""

import pytest

from cercles.accounts import services as account_services
from cercles.organisation import services
from tests.conftest import core_role
from tests.factories import PersonFactory

URL = "/api/v1/people/"


def test_anonymous_gets_401(api, agent):
    assert api.get(URL).status_code == 401
    assert api.get(f"{URL}{agent.pk}/").status_code == 401


def test_list_exposes_only_directory_fields(login, agent, admin):
    response = login(agent).get(URL)
    assert response.status_code == 200
    results = response.json()["results"]
    assert [p["full_name"] for p in results] == ["Ada Admin", "Alice Agent"]
    assert set(results[0]) == {
        "id",
        "email",
        "first_name",
        "last_name",
        "full_name",
        "job_title",
        "unit",
        "site",
    }


def test_inactive_people_are_hidden(login, agent, admin):
    gone = PersonFactory(first_name="Paul", last_name="Parti")
    account_services.person_update(person=gone, is_active=False)
    client = login(agent)
    assert [p["id"] for p in client.get(URL).json()["results"]] == [admin.pk, agent.pk]
    assert client.get(f"{URL}{gone.pk}/").status_code == 404


def test_filters_search_circle_and_role(login, agent, admin, org, lead_link, member):
    client = login(agent)

    def names(**params):
        response = client.get(URL, params)
        assert response.status_code == 200
        return [p["full_name"] for p in response.json()["results"]]

    assert names(q="lea") == ["Léa Lien"]
    assert names(circle=org["rh"].pk) == ["Léa Lien", "Marc Membre"]
    assert names(role=core_role(org["rh"]).pk) == ["Léa Lien"]
    assert names(circle=org["numerique"].pk) == []


def test_retrieve_shows_current_assignments_and_total_share(login, agent, admin, org, lead_link):
    services.assignment_create(
        role=core_role(org["formation"], "facilitator"), person=lead_link, by=admin, share=30
    )
    response = login(agent).get(f"{URL}{lead_link.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["total_share"] == 80
    assert sorted((a["circle_name"], a["role_name"], a["share"]) for a in body["assignments"]) == [
        ("Formation", "Facilitateur", 30),
        ("Ressources humaines", "Premier lien", 50),
    ]
    assert "password" not in body and "is_staff" not in body


def test_people_are_read_only(login, admin, agent):
    client = login(admin)
    assert client.post(URL, {"email": "x@exemple.fr"}, format="json").status_code == 405
    assert client.patch(f"{URL}{agent.pk}/", {"first_name": "X"}, format="json").status_code == 405
    assert client.delete(f"{URL}{agent.pk}/").status_code == 405


@pytest.mark.parametrize("params", [{"circle": "rh"}, {"role": "-1"}, {"q": "x" * 201}])
def test_bad_filters_are_400(login, agent, params):
    response = login(agent).get(URL, params)
    assert response.status_code == 400
    assert set(response.json()) == set(params)


@pytest.mark.parametrize("extra", [3, 8])
def test_list_query_count_is_constant(login, agent, django_assert_num_queries, extra):
    PersonFactory.create_batch(extra)
    client = login(agent)
    # Nothing cached: session, user, COUNT, the page's ids, the people in full.
    with django_assert_num_queries(5):
        response = client.get(URL)
    assert response.json()["count"] == 1 + extra
    # Count and items cached until the organisation changes: session, user, the ids.
    with django_assert_num_queries(3):
        assert client.get(URL).json() == response.json()


@pytest.mark.parametrize("roles", [1, 4])
def test_retrieve_query_count_is_constant(
    login, agent, admin, org, django_assert_num_queries, roles
):
    for i in range(roles):
        role = services.role_create(by=admin, circle=org["rh"], name=f"Rôle {i}")
        services.assignment_create(role=role, person=agent, by=admin, share=10)
    client = login(agent)
    # session, user, person, current assignments with roles and circles
    with django_assert_num_queries(4):
        response = client.get(f"{URL}{agent.pk}/")
    assert response.json()["total_share"] == 10 * roles
