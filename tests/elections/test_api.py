"""The elections API: reading (who nominated whom hidden before the reveal), nominating
and objecting, each permission-checked."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cercles.elections import services
from cercles.elections.models import Objection
from cercles.organisation.models import CoreRole
from tests.conftest import core_role

LIST = "/api/v1/elections/"


@pytest.fixture
def api():
    client = APIClient()

    def _as(person):
        client.logout()
        if person is not None:
            client.force_login(person)
        return client

    return _as


def detail(election):
    return reverse("v1:election-detail", args=[election.pk])


def test_anonymous_gets_401(api, election):
    assert api(None).get(LIST).status_code == 401
    assert api(None).get(detail(election)).status_code == 401
    response = api(None).post(
        reverse("v1:election-nominate", args=[election.pk]), {}, format="json"
    )
    assert response.status_code == 401


@pytest.mark.parametrize("extra", [0, 2])
def test_list_queries_do_not_grow(
    api, rh, facilitator, member, extra, colleagues, django_assert_num_queries
):
    kinds = [CoreRole.SECRETARY, CoreRole.REP_LINK, CoreRole.FACILITATOR]
    for kind in kinds[: extra + 1]:
        election = services.election_create(by=facilitator, circle=rh, role=core_role(rh, kind))
        services.election_open(election=election, by=facilitator)
        services.nominate(election=election, by=member, candidate=colleagues[0])
    client = api(member)
    # Queries: session, user; the count; the page with circle, role and the count of
    # nominations; the user's roles and the circles he leads (the abilities).
    with django_assert_num_queries(6):
        data = client.get(LIST).json()
    assert data["count"] == extra + 1
    row = data["results"][0]
    assert row["nomination_count"] == 1 and row["status"] == "nominating"
    assert row["abilities"]["nominate"] and not row["abilities"]["reveal"]


def test_filters(api, election, member, org):
    client = api(member)
    assert client.get(LIST, {"circle": org["numerique"].pk}).json()["results"] == []
    assert len(client.get(LIST, {"status": "described"}).json()["results"]) == 1
    assert client.get(LIST, {"status": "sleeping"}).status_code == 400


def test_nominations_are_hidden_before_the_reveal(
    api, election, advance, member, facilitator, agent, colleagues
):
    advance(election, "nominating")
    data = api(member).get(detail(election)).json()
    assert data["nominations"] is None
    assert data["my_nomination"]["candidate_name"] == "Claire Calme"
    assert data["nomination_count"] == 3
    data = api(agent).get(detail(election)).json()
    assert data["nominations"] is None and data["my_nomination"] is None
    data = api(facilitator).get(detail(election)).json()
    assert len(data["nominations"]) == 3
    services.election_reveal(election=election, by=facilitator)
    data = api(agent).get(detail(election)).json()
    reasons = {n["nominator_name"]: n["reason"] for n in data["nominations"]}
    assert reasons["Claire Calme"] == "Écoute."


def test_nominate(api, election, facilitator, member, agent, colleagues):
    url = reverse("v1:election-nominate", args=[election.pk])
    claire = colleagues[1]
    response = api(member).post(url, {"candidate": claire.pk}, format="json")
    assert response.status_code == 400
    assert "Les nominations ne sont pas ouvertes." in str(response.json())
    services.election_open(election=election, by=facilitator)
    assert api(agent).post(url, {"candidate": claire.pk}, format="json").status_code == 403
    response = api(member).post(url, {"candidate": agent.pk}, format="json")
    assert response.status_code == 400
    assert "ne tient aucun rôle dans ce cercle" in str(response.json()["candidate"])
    response = api(member).post(url, {"candidate": 999999}, format="json")
    assert response.status_code == 400
    response = api(member).post(url, {"candidate": claire.pk, "reason": "Rigueur."}, format="json")
    assert response.status_code == 200
    assert response.json()["my_nomination"]["reason"] == "Rigueur."
    assert election.nominations.get().candidate == claire


def test_change_after_the_reveal_needs_a_reason(api, election, advance, member, colleagues):
    advance(election, "changing")
    url = reverse("v1:election-nominate", args=[election.pk])
    bruno = colleagues[0]
    response = api(member).post(url, {"candidate": bruno.pk}, format="json")
    assert response.status_code == 400
    assert response.json()["reason"] == ["Dites pourquoi vous changez votre nomination."]
    response = api(member).post(url, {"candidate": bruno.pk, "reason": "Convaincu."}, format="json")
    assert response.status_code == 200
    mine = response.json()["my_nomination"]
    assert mine["candidate"] == bruno.pk and mine["changes"][0]["reason"] == "Convaincu."


def test_object(api, election, advance, member, agent, admin, facilitator):
    url = reverse("v1:election-object", args=[election.pk])
    assert api(member).post(url, {"reason": "Non."}, format="json").status_code == 403
    advance(election, "objections")
    for outsider in (agent, admin):
        assert api(outsider).post(url, {"reason": "Non."}, format="json").status_code == 403
    response = api(member).post(url, {"reason": ""}, format="json")
    assert response.status_code == 400
    response = api(member).post(url, {"reason": "Elle part en mars."}, format="json")
    assert response.status_code == 200
    objections = response.json()["proposals"][0]["objections"]
    assert objections[0]["reason"] == "Elle part en mars." and objections[0]["resolution"] == ""
    assert Objection.objects.get().person == member
    response = api(member).post(url, {"reason": "Encore."}, format="json")
    assert response.status_code == 400
    assert "Vous avez déjà une objection en cours" in str(response.json())


def test_retrieve_unknown_is_404(api, member):
    assert api(member).get("/api/v1/elections/999999/").status_code == 404
