"""/api/v1/roles/: roles of the circles, created and changed by whoever manages the circle."""

import pytest

from cercles.organisation import services
from cercles.organisation.models import ChangeAction, GovernanceChange, Role
from tests.conftest import core_role
from tests.factories import PersonFactory

URL = "/api/v1/roles/"


def detail(role, suffix=""):
    return f"{URL}{role.pk}/{suffix}"


def test_anonymous_gets_401(api, org):
    assert api.get(URL).status_code == 401
    assert api.get(detail(core_role(org["rh"]))).status_code == 401
    assert api.post(URL, {"circle": org["rh"].pk, "name": "X"}, format="json").status_code == 401


def test_agent_reads_roles_with_filters(login, agent, admin, org):
    recruteur = services.role_create(by=admin, circle=org["rh"], name="Recruteur")
    client = login(agent)
    body = client.get(URL, {"circle": org["rh"].pk}).json()
    assert body["count"] == 5
    assert {r["name"] for r in body["results"]} >= {"Recruteur", "Premier lien"}
    entry = next(r for r in body["results"] if r["id"] == recruteur.pk)
    assert entry["circle_name"] == "Ressources humaines"
    assert entry["abilities"] == {"view": True, "update": False, "archive": False, "assign": False}

    body = client.get(URL, {"core_role": "lead_link"}).json()
    assert body["count"] == 4
    assert {r["core_role"] for r in body["results"]} == {"lead_link"}

    services.role_archive(role=recruteur, by=admin)
    assert [r["id"] for r in client.get(URL, {"archived": "true"}).json()["results"]] == [
        recruteur.pk
    ]


def test_retrieve_shows_current_holders_only(login, agent, admin, org, lead_link):
    import datetime

    from django.utils import timezone

    role = services.role_create(by=admin, circle=org["rh"], name="Recruteur")
    today = timezone.localdate()
    gone = PersonFactory(first_name="Paul", last_name="Parti")
    services.assignment_create(
        role=role,
        person=gone,
        by=admin,
        start_date=today - datetime.timedelta(days=10),
        end_date=today,
    )
    services.assignment_create(role=role, person=lead_link, by=admin, share=20, focus="Cadres")
    response = login(agent).get(detail(role))
    assert response.status_code == 200
    holders = response.json()["holders"]
    assert [(h["person_name"], h["share"], h["focus"]) for h in holders] == [
        ("Léa Lien", 20, "Cadres")
    ]


def test_agent_cannot_create_change_or_archive(login, agent, admin, org):
    role = services.role_create(by=admin, circle=org["rh"], name="Recruteur")
    client = login(agent)
    assert client.post(URL, {"circle": org["rh"].pk, "name": "X"}, format="json").status_code == 403
    assert client.patch(detail(role), {"name": "Y"}, format="json").status_code == 403
    assert client.post(detail(role, "archive/")).status_code == 403
    role.refresh_from_db()
    assert (role.name, role.archived_at) == ("Recruteur", None)
    assert not Role.objects.filter(name__in=["X", "Y"]).exists()


def test_lead_link_manages_roles_of_rh_and_formation_not_numerique(login, lead_link, org):
    client = login(lead_link)
    for circle in (org["rh"], org["formation"]):
        response = client.post(
            URL, {"circle": circle.pk, "name": "Tuteur", "purpose": "Accompagner."}, format="json"
        )
        assert response.status_code == 201, response.json()
        assert response.json()["abilities"]["update"] is True
    assert Role.objects.filter(name="Tuteur").count() == 2
    response = client.post(URL, {"circle": org["numerique"].pk, "name": "Tuteur"}, format="json")
    assert response.status_code == 403
    assert Role.objects.filter(name="Tuteur").count() == 2

    tuteur = Role.objects.get(name="Tuteur", circle=org["rh"])
    response = client.patch(detail(tuteur), {"name": "Tuteur RH"}, format="json")
    assert response.status_code == 200
    tuteur.refresh_from_db()
    assert tuteur.name == "Tuteur RH"
    assert GovernanceChange.objects.filter(role=tuteur, action=ChangeAction.ROLE_UPDATE).exists()

    response = client.post(detail(tuteur, "archive/"))
    assert response.status_code == 200
    assert response.json()["archived_at"] is not None

    numerique_secretary = core_role(org["numerique"], "secretary")
    response = client.patch(detail(numerique_secretary), {"name": "Pris"}, format="json")
    assert response.status_code == 403


def test_core_role_cannot_be_archived(login, admin, org):
    response = login(admin).post(detail(core_role(org["rh"])), format="json")
    assert response.status_code == 405  # GET-only detail does not take POST
    response = login(admin).post(detail(core_role(org["rh"]), "archive/"))
    assert response.status_code == 403
    assert core_role(org["rh"]).archived_at is None


@pytest.mark.parametrize(
    "payload, field",
    [
        (lambda org: {"name": "Sans cercle"}, "circle"),
        (lambda org: {"circle": 999999, "name": "X"}, "circle"),
        (lambda org: {"circle": "rh", "name": "X"}, "circle"),
        (lambda org: {"circle": True, "name": "X"}, "circle"),
        (lambda org: {"circle": org["rh"].pk}, "name"),
        (lambda org: {"circle": org["rh"].pk, "name": ""}, "name"),
        (lambda org: {"circle": org["rh"].pk, "name": {"fr": "X"}}, "name"),
    ],
)
def test_create_bad_input_is_400(login, admin, org, payload, field):
    before = Role.objects.count()
    response = login(admin).post(URL, payload(org), format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Role.objects.count() == before


def test_create_in_archived_circle_is_400(login, admin, org):
    services.circle_archive(circle=org["formation"], by=admin)
    response = login(admin).post(URL, {"circle": org["formation"].pk, "name": "X"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"circle": ["Ce cercle est archivé."]}


@pytest.mark.parametrize("extra", [3, 8])
def test_list_query_count_is_constant(
    login, lead_link, admin, org, django_assert_num_queries, extra
):
    for i in range(extra):
        services.role_create(by=admin, circle=org["numerique"], name=f"Rôle {i}")
    client = login(lead_link)
    # session, user, COUNT, page of roles with their circles, circles led, the tree
    with django_assert_num_queries(6):
        response = client.get(URL)
    assert response.json()["count"] == 16 + extra


@pytest.mark.parametrize("holders", [1, 4])
def test_retrieve_query_count_is_constant(
    login, agent, admin, org, django_assert_num_queries, holders
):
    role = services.role_create(by=admin, circle=org["rh"], name="Recruteur")
    for _ in range(holders):
        services.assignment_create(role=role, person=PersonFactory(), by=admin, share=10)
    client = login(agent)
    # session, user, role with its circle, current assignments with people, circles led
    with django_assert_num_queries(5):
        response = client.get(detail(role))
    assert len(response.json()["holders"]) == holders
