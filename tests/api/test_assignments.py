"""/api/v1/assignments/: who holds which role, with which share; created and ended by managers."""

import datetime

import pytest
from django.utils import timezone

from cercles.organisation import services
from cercles.organisation.models import Assignment, ChangeAction, GovernanceChange
from tests.conftest import core_role
from tests.factories import PersonFactory

URL = "/api/v1/assignments/"
TODAY = timezone.localdate


def detail(assignment, suffix=""):
    return f"{URL}{assignment.pk}/{suffix}"


@pytest.fixture
def recruteur(admin, org):
    return services.role_create(by=admin, circle=org["rh"], name="Recruteur")


@pytest.fixture
def dev(admin, org):
    return services.role_create(by=admin, circle=org["numerique"], name="Développeur")


def test_anonymous_gets_401(api, lead_link, recruteur, agent):
    assert api.get(URL).status_code == 401
    payload = {"role": recruteur.pk, "person": agent.pk}
    assert api.post(URL, payload, format="json").status_code == 401
    assert not Assignment.objects.filter(person=agent).exists()


def test_list_current_by_default_and_as_of_a_date(login, agent, admin, org, lead_link, recruteur):
    past = services.assignment_create(
        role=recruteur,
        person=agent,
        by=admin,
        start_date=TODAY() - datetime.timedelta(days=20),
        end_date=TODAY() - datetime.timedelta(days=5),
    )
    client = login(agent)
    body = client.get(URL).json()
    assert [(a["person_name"], a["role_name"], a["circle_name"]) for a in body["results"]] == [
        ("Léa Lien", "Premier lien", "Ressources humaines")
    ]
    assert body["results"][0]["is_current"] is True

    every = client.get(URL, {"current": "false"}).json()["results"]
    assert {a["id"] for a in every} == {past.pk, body["results"][0]["id"]}

    as_of = (TODAY() - datetime.timedelta(days=10)).isoformat()
    then = client.get(URL, {"date": as_of}).json()["results"]
    assert {a["id"] for a in then} == {past.pk, body["results"][0]["id"]}

    long_ago = (TODAY() - datetime.timedelta(days=100)).isoformat()
    assert client.get(URL, {"date": long_ago}).json()["count"] == 0


def test_list_filters_person_role_circle(login, agent, admin, org, lead_link, member, dev):
    services.assignment_create(role=dev, person=agent, by=admin, share=40)
    client = login(agent)

    def people(**params):
        return sorted(a["person_name"] for a in client.get(URL, params).json()["results"])

    assert people(circle=org["rh"].pk) == ["Léa Lien", "Marc Membre"]
    assert people(circle=org["numerique"].pk) == ["Alice Agent"]
    assert people(person=member.pk) == ["Marc Membre"]
    assert people(role=dev.pk) == ["Alice Agent"]


@pytest.mark.parametrize(
    "params", [{"date": "2024-13-45"}, {"date": "hier"}, {"current": "oui-non"}, {"person": "x"}]
)
def test_bad_filters_are_400(login, agent, params):
    response = login(agent).get(URL, params)
    assert response.status_code == 400
    assert set(response.json()) == set(params)


def test_agent_cannot_assign_update_or_end(login, agent, admin, lead_link, recruteur, org):
    held = Assignment.objects.get(person=lead_link)
    client = login(agent)
    payload = {"role": recruteur.pk, "person": agent.pk, "share": 10}
    assert client.post(URL, payload, format="json").status_code == 403
    assert client.patch(detail(held), {"share": 90}, format="json").status_code == 403
    assert client.post(detail(held, "end/"), {}, format="json").status_code == 403
    held.refresh_from_db()
    assert (held.share, held.end_date) == (50, None)
    assert not Assignment.objects.filter(person=agent).exists()


def test_lead_link_assigns_in_his_circles_only(login, lead_link, agent, org, recruteur, dev):
    client = login(lead_link)
    response = client.post(
        URL,
        {"role": recruteur.pk, "person": agent.pk, "share": 30, "focus": "Cadres"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["person"], body["role"], body["share"], body["focus"]) == (
        agent.pk,
        recruteur.pk,
        30,
        "Cadres",
    )
    assert body["start_date"] == TODAY().isoformat()
    assert body["abilities"] == {"view": True, "update": True, "end": True}
    assert GovernanceChange.objects.filter(
        action=ChangeAction.ASSIGNMENT_CREATE, by=lead_link
    ).exists()

    response = client.post(URL, {"role": dev.pk, "person": agent.pk}, format="json")
    assert response.status_code == 403
    # His own lead link role is assigned from Direction, above him.
    response = client.post(
        URL, {"role": core_role(org["rh"]).pk, "person": agent.pk}, format="json"
    )
    assert response.status_code == 403
    # ...but he chooses Formation's lead link.
    formation_lead = core_role(org["formation"]).pk
    response = client.post(URL, {"role": formation_lead, "person": agent.pk}, format="json")
    assert response.status_code == 201
    assert Assignment.objects.filter(person=agent).count() == 2


def test_lead_link_updates_and_ends_an_assignment(login, lead_link, admin, member, dev, agent):
    held = Assignment.objects.get(person=member)
    client = login(lead_link)
    response = client.patch(detail(held), {"share": 70, "focus": "Stagiaires"}, format="json")
    assert response.status_code == 200
    held.refresh_from_db()
    assert (held.share, held.focus) == (70, "Stagiaires")

    end = TODAY() + datetime.timedelta(days=7)
    response = client.post(detail(held, "end/"), {"end_date": end.isoformat()}, format="json")
    assert response.status_code == 200
    assert response.json()["end_date"] == end.isoformat()
    held.refresh_from_db()
    assert held.end_date == end

    elsewhere = services.assignment_create(role=dev, person=agent, by=admin, share=10)
    assert client.patch(detail(elsewhere), {"share": 20}, format="json").status_code == 403
    assert client.post(detail(elsewhere, "end/"), {}, format="json").status_code == 403


def test_admin_ends_today_by_default(login, admin, member):
    held = Assignment.objects.get(person=member)
    response = login(admin).post(detail(held, "end/"), {}, format="json")
    assert response.status_code == 200
    held.refresh_from_db()
    assert held.end_date == TODAY()
    assert response.json()["is_current"] is False
    assert response.json()["abilities"]["end"] is False


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"share": 150}, "share"),
        ({"share": -5}, "share"),
        ({"share": "beaucoup"}, "share"),
        ({"role": 999999}, "role"),
        ({"person": 999999}, "person"),
        ({"role": None}, "role"),
        ({"start_date": "2024-02-30"}, "start_date"),
        ({"start_date": "demain"}, "start_date"),
        ({"start_date": "2024-05-01", "end_date": "2024-04-01"}, "end_date"),
        ({"focus": "x" * 301}, "focus"),
    ],
)
def test_create_bad_input_is_400(login, admin, agent, recruteur, payload, field):
    data = {"role": recruteur.pk, "person": agent.pk, "share": 10, **payload}
    response = login(admin).post(URL, data, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Assignment.objects.filter(person=agent).exists()


def test_create_twice_is_400_with_message(login, admin, member):
    held = Assignment.objects.get(person=member)
    response = login(admin).post(URL, {"role": held.role_id, "person": member.pk}, format="json")
    assert response.status_code == 400
    assert response.json() == {"person": ["Cette personne tient déjà ce rôle sur cette période."]}


def test_create_on_archived_role_is_400(login, admin, agent, recruteur):
    services.role_archive(role=recruteur, by=admin)
    response = login(admin).post(URL, {"role": recruteur.pk, "person": agent.pk}, format="json")
    assert response.status_code == 400
    assert response.json() == {"role": ["Ce rôle est archivé."]}


def test_update_and_end_bad_input_is_400(login, admin, member):
    held = Assignment.objects.get(person=member)
    client = login(admin)
    assert client.patch(detail(held), {"share": 150}, format="json").status_code == 400
    before_start = (held.start_date - datetime.timedelta(days=1)).isoformat()
    response = client.post(detail(held, "end/"), {"end_date": before_start}, format="json")
    assert response.status_code == 400
    assert "end_date" in response.json()
    response = client.post(detail(held, "end/"), {"end_date": "bientôt"}, format="json")
    assert response.status_code == 400
    held.refresh_from_db()
    assert (held.share, held.end_date) == (60, None)


@pytest.mark.parametrize("extra", [3, 8])
def test_list_query_count_is_constant(
    login, lead_link, admin, recruteur, django_assert_num_queries, extra
):
    for person in PersonFactory.create_batch(extra):
        services.assignment_create(role=recruteur, person=person, by=admin, share=10)
    client = login(lead_link)
    # session, user, COUNT, page of assignments with role, circle and person,
    # circles led by the user, the tree
    with django_assert_num_queries(6):
        response = client.get(URL)
    assert response.json()["count"] == 1 + extra
