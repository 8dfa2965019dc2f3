"""The decisions API: proposals, decisions, objections and dissent notes, permission-
checked, at a constant number of queries."""

import pytest
from django.urls import reverse

from cercles.decisions import services
from cercles.decisions.models import DissentNote, Objection, Proposal, Step
from cercles.organisation.models import Role

from .conftest import CRITERIA_MET, open_at


@pytest.fixture
def api(client):
    def _as(person):
        client.force_login(person)
        return client

    return _as


def adopted(member, meeting, facilitator, speakers, title, objections=1):
    proposal = services.proposal_create(
        by=member,
        circle=meeting.circle,
        meeting=meeting,
        title=title,
        tension="T",
        text="P",
        submit=True,
    )
    proposal = open_at(proposal, facilitator, Step.OBJECTIONS)
    for i in range(objections):
        objection = services.objection_raise(proposal=proposal, by=speakers[i % 2], reason=f"O{i}")
        services.objection_test(
            objection=objection, by=facilitator, reason="Non.", **{**CRITERIA_MET, "known": False}
        )
    return services.proposal_adopt(proposal=proposal, by=facilitator)


def test_anonymous_gets_401(client):
    for path in (
        "/api/v1/proposals/",
        "/api/v1/decisions/",
        "/api/v1/objections/",
        "/api/v1/dissent-notes/",
    ):
        assert client.get(path).status_code == 401


def test_proposals_list_what_one_sees(
    api, proposal, agent, speakers, member, org, django_assert_num_queries
):
    assert api(agent).get("/api/v1/proposals/").json()["results"] == []
    services.proposal_create(by=member, circle=org["rh"], title="Brouillon", tension="T", text="P")
    client = api(speakers[0])
    # Queries: session, user; the user's roles and led circles; the count; the page
    # with proposers, meetings and decisions; the meetings' other circles; his
    # participant rows.
    with django_assert_num_queries(8):
        data = client.get("/api/v1/proposals/").json()
    assert [p["id"] for p in data["results"]] == [proposal.pk]  # not the draft
    row = data["results"][0]
    assert row["status"] == "to_meeting" and row["abilities"]["view"]
    assert not row["abilities"]["start"]
    for i in range(3):
        services.proposal_create(
            by=speakers[1], circle=org["rh"], title=f"P{i}", tension="T", text="P", submit=True
        )
    with django_assert_num_queries(8):
        assert len(client.get("/api/v1/proposals/").json()["results"]) == 4
    assert (
        len(
            client.get(
                "/api/v1/proposals/", {"status": "to_meeting", "circle": org["rh"].pk}
            ).json()["results"]
        )
        == 4
    )
    assert client.get("/api/v1/proposals/", {"status": "flying"}).status_code == 400


def test_retrieve_a_proposal(api, objecting, speakers, agent):
    services.objection_raise(proposal=objecting, by=speakers[0], reason="Férié")
    url = reverse("v1:proposal-detail", args=[objecting.pk])
    data = api(speakers[1]).get(url).json()
    assert data["step"] == "objections" and data["versions"][0]["number"] == 1
    assert data["objections"][0]["reason"] == "Férié" and data["abilities"]["object"]
    assert api(agent).get(url).status_code == 404


def test_create_a_governance_proposal_with_its_changes(api, member, org, speakers):
    payload = {
        "circle": org["rh"].pk,
        "title": "Un rôle d'accueil",
        "tension": "Personne n'accueille.",
        "text": "Créer le rôle et y affecter Claire.",
        "kind": "governance",
        "changes": [
            {"kind": "role_create", "name": "Référent accueil", "accountabilities": "Accueillir"},
            {
                "kind": "assignment_create",
                "new_role_index": 0,
                "person": speakers[1].pk,
                "share": 10,
            },
        ],
        "submit": True,
    }
    response = api(member).post("/api/v1/proposals/", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "to_meeting" and [c["kind"] for c in data["changes"]] == [
        "role_create",
        "assignment_create",
    ]
    assert data["changes"][1]["title"].startswith(
        "Affecter Claire Calme au rôle « Référent accueil »"
    )
    assert not Role.objects.filter(name="Référent accueil").exists()  # not before adoption


def test_bad_proposal_input_writes_nothing(api, member, org, agent):
    client = api(member)
    bad = {"circle": org["rh"].pk, "title": "", "tension": "T", "text": "P", "kind": "magic"}
    response = client.post("/api/v1/proposals/", bad, content_type="application/json")
    assert response.status_code == 400 and set(response.json()) >= {"title", "kind"}
    # A change the service refuses: the proposal itself is not kept either.
    payload = {
        "circle": org["rh"].pk,
        "title": "Doublon",
        "tension": "T",
        "text": "P",
        "kind": "governance",
        "changes": [{"kind": "role_create", "name": "Chargé de recrutement"}],
    }
    response = client.post("/api/v1/proposals/", payload, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"name": ["Ce cercle a déjà un rôle de ce nom."]}
    assert not Proposal.objects.exists()
    # Someone outside the circle may not propose there.
    payload = {"circle": org["rh"].pk, "title": "X", "tension": "T", "text": "P"}
    assert (
        api(agent).post("/api/v1/proposals/", payload, content_type="application/json").status_code
        == 403
    )


def test_decisions(api, member, meeting, facilitator, speakers, agent, django_assert_num_queries):
    decision = adopted(member, meeting, facilitator, speakers, "D0")
    client = api(speakers[0])
    # Queries: session, user; the user's roles and led circles; the count; the page
    # with counts and meetings; the meetings' other circles; his participant rows.
    with django_assert_num_queries(8):
        rows = client.get("/api/v1/decisions/").json()["results"]
    assert rows[0]["objection_count"] == 1 and rows[0]["abilities"]["dissent"]
    for i in range(1, 4):
        adopted(member, meeting, facilitator, speakers, f"D{i}", objections=2)
    with django_assert_num_queries(8):
        rows = client.get("/api/v1/decisions/").json()["results"]
    assert len(rows) == 4
    data = client.get(reverse("v1:decision-detail", args=[decision.pk])).json()
    assert data["objections"][0]["status"] == "not_valid" and data["text"] == "P"
    assert api(agent).get(reverse("v1:decision-detail", args=[decision.pk])).status_code == 404


def test_raise_an_objection(api, objecting, speakers, member, agent):
    payload = {"proposal": objecting.pk, "reason": "Le lundi est férié."}
    assert (
        api(member)
        .post("/api/v1/objections/", payload, content_type="application/json")
        .status_code
        == 403
    )
    assert (
        api(agent).post("/api/v1/objections/", payload, content_type="application/json").status_code
        == 400
    )
    response = api(speakers[0]).post(
        "/api/v1/objections/", payload, content_type="application/json"
    )
    assert response.status_code == 201 and response.json()["status"] == "raised"
    blank = {"proposal": objecting.pk, "reason": " "}
    assert (
        api(speakers[1])
        .post("/api/v1/objections/", blank, content_type="application/json")
        .status_code
        == 400
    )
    rows = api(speakers[1]).get("/api/v1/objections/", {"proposal": objecting.pk}).json()["results"]
    assert [r["reason"] for r in rows] == ["Le lundi est férié."]
    assert Objection.objects.count() == 1


def test_dissent_notes(api, member, meeting, facilitator, speakers, agent):
    decision = adopted(member, meeting, facilitator, speakers, "D")
    payload = {"decision": decision.pk, "text": "Réservé."}
    client = api(speakers[0])
    response = client.post("/api/v1/dissent-notes/", payload, content_type="application/json")
    assert response.status_code == 201
    note = response.json()
    assert note["abilities"] == {"update": True, "delete": True}
    url = reverse("v1:dissent-note-detail", args=[note["id"]])
    assert (
        client.patch(url, {"text": "Très réservé."}, content_type="application/json").status_code
        == 200
    )
    assert DissentNote.objects.get().text == "Très réservé."
    other = api(speakers[1])
    assert other.patch(url, {"text": "Non"}, content_type="application/json").status_code == 403
    assert other.delete(url).status_code == 403
    assert (
        api(agent)
        .post("/api/v1/dissent-notes/", payload, content_type="application/json")
        .status_code
        == 400
    )
    assert api(speakers[0]).delete(url).status_code == 204
    assert not DissentNote.objects.exists()


def test_objection_and_dissent_lists_query_count(
    api, member, meeting, facilitator, speakers, django_assert_num_queries
):
    first = adopted(member, meeting, facilitator, speakers, "D0", objections=1)
    services.dissent_note_save(decision=first, by=speakers[0], text="Réservé.")
    client = api(speakers[1])
    # Queries: session, user; the user's roles and led circles; the count; the page
    # with authors and versions.
    with django_assert_num_queries(6):
        assert len(client.get("/api/v1/objections/").json()["results"]) == 1
    with django_assert_num_queries(6):
        assert len(client.get("/api/v1/dissent-notes/").json()["results"]) == 1
    second = adopted(member, meeting, facilitator, speakers, "D1", objections=4)
    for person in speakers:
        services.dissent_note_save(decision=second, by=person, text="Non.")
    with django_assert_num_queries(6):
        assert len(client.get("/api/v1/objections/").json()["results"]) == 5
    with django_assert_num_queries(6):
        assert len(client.get("/api/v1/dissent-notes/").json()["results"]) == 3
