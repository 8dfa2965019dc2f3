"""The consultations' API: what one may see and do, anonymous participation by key,
the analysis — and never who voted what."""

import json

import pytest

from cercles.opinions import services
from cercles.opinions.models import Audience, Participant, ResultsVisibility, Vote

from .conftest import people, two_camps, vote_all

API = "/api/v1/consultations/"


@pytest.fixture
def api(client):
    def _as(person):
        client.force_login(person)
        return client

    return _as


def post(client, path, data=None, **headers):
    return client.post(path, json.dumps(data or {}), content_type="application/json", **headers)


def published(consultation):
    return list(consultation.statements.published().order_by("created_at", "id"))


def test_anonymous_calls_are_refused(client, consultation):
    assert client.get(API).status_code == 401
    assert client.get(f"{API}{consultation.pk}/").status_code == 401


def test_list_and_retrieve_what_one_may_see(api, consultation, make_consultation, agent, member):
    everyone = make_consultation(question="Pour tous ?", audience=Audience.ORGANISATION)
    body = api(member).get(API).json()
    assert {c["id"] for c in body["results"]} == {consultation.pk, everyone.pk}
    row = next(c for c in body["results"] if c["id"] == consultation.pk)
    assert row["statement_count"] == 10 and row["participant_count"] == 0
    assert row["state"] == "open" and row["abilities"]["vote"] is True
    assert row["abilities"]["moderate"] is False
    assert [c["id"] for c in api(agent).get(API).json()["results"]] == [everyone.pk]
    assert api(agent).get(f"{API}{consultation.pk}/").status_code == 404
    assert api(member).get(f"{API}{consultation.pk}/").json()["question"].startswith("Comment")
    # Filters, and bad filter values.
    assert api(member).get(API, {"circle": consultation.circle_id}).json()["count"] == 2
    assert api(member).get(API, {"open": "true"}).json()["count"] == 2
    assert api(member).get(API, {"circle": "abc"}).status_code == 400


@pytest.mark.parametrize("count", [2, 5])
def test_the_list_query_count_does_not_grow(
    api, make_consultation, member, count, django_assert_num_queries
):
    for i in range(count):
        make_consultation(question=f"Question {i} ?")
    client = api(member)
    # Queries: session, user; the user's roles and led circles (what he sees); the
    # count; the page with circle, meeting, counts and his part in their meeting.
    with django_assert_num_queries(6):
        response = client.get(API)
    assert response.json()["count"] == count


def test_named_voting(api, consultation, member):
    client = api(member)
    first = client.get(f"{API}{consultation.pk}/next-statement/").json()
    assert first["votes_cast"] == 0 and first["total"] == 10 and first["next"]["id"]
    response = post(
        client,
        f"{API}{consultation.pk}/vote/",
        {"statement": first["next"]["id"], "choice": "agree"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["votes_cast"] == 1 and body["participant_key"] is None
    assert Vote.objects.get().participant.person == member
    statements = client.get(f"{API}{consultation.pk}/statements/").json()["results"]
    assert [s["my_vote"] for s in statements if s["id"] == first["next"]["id"]] == ["agree"]
    response = post(client, f"{API}{consultation.pk}/statements/", {"text": "Ouvrir à 7 h 30."})
    assert response.status_code == 201
    assert response.json()["author"] == member.pk and response.json()["my_vote"] is None


def test_bad_votes(api, consultation, member, facilitator):
    client = api(member)
    statement = published(consultation)[0]
    for data, field in (
        ({"statement": statement.pk, "choice": "maybe"}, "choice"),
        ({"statement": 999999, "choice": "agree"}, "statement"),
        ({"statement": "x", "choice": "agree"}, "statement"),
        ({}, "statement"),
    ):
        response = post(client, f"{API}{consultation.pk}/vote/", data)
        assert response.status_code == 400 and field in response.json(), data
    response = post(client, f"{API}{consultation.pk}/statements/", {"text": "x" * 281})
    assert response.status_code == 400
    services.consultation_close(consultation=consultation, by=facilitator)
    response = post(
        client, f"{API}{consultation.pk}/vote/", {"statement": statement.pk, "choice": "agree"}
    )
    assert response.status_code == 403
    assert "pas ouverte" in response.json()["detail"]
    assert not Vote.objects.exists() and not Participant.objects.exists()


def test_anonymous_participation_by_key(api, anonymous_consultation, member, lead_link):
    c = anonymous_consultation
    client = api(member)
    statement = published(c)[0]
    # A first vote without a key: the participant is created and his key given once.
    body = post(client, f"{API}{c.pk}/vote/", {"statement": statement.pk, "choice": "agree"}).json()
    key = body["participant_key"]
    assert key and body["votes_cast"] == 1
    # Without the key the server does not know him: a new participant each time.
    assert client.get(f"{API}{c.pk}/next-statement/").json()["votes_cast"] == 0
    headers = {"HTTP_X_PARTICIPANT_KEY": key}
    assert client.get(f"{API}{c.pk}/next-statement/", **headers).json()["votes_cast"] == 1
    body = post(
        client, f"{API}{c.pk}/vote/", {"statement": published(c)[1].pk, "choice": "pass"}, **headers
    ).json()
    assert body["votes_cast"] == 2 and body["participant_key"] is None
    assert Participant.objects.get().person is None
    # A wrong key is an error, not a new participant.
    response = client.get(f"{API}{c.pk}/next-statement/", HTTP_X_PARTICIPANT_KEY="faux")
    assert response.status_code == 400 and "participant_key" in response.json()
    # Participate: a new participant each call, key given.
    response = post(api(lead_link), f"{API}{c.pk}/participate/")
    assert response.status_code == 201 and response.json()["participant_key"]
    assert Participant.objects.count() == 2


def test_anonymous_statements_and_counts_name_nobody(api, anonymous_consultation, member):
    c = anonymous_consultation
    client = api(member)
    response = post(client, f"{API}{c.pk}/statements/", {"text": "Le lundi au bureau."})
    assert response.status_code == 201
    assert response.json()["author"] is None and response.json()["author_name"] is None
    key = response["X-Participant-Key"]
    rows = client.get(f"{API}{c.pk}/statements/", HTTP_X_PARTICIPANT_KEY=key).json()["results"]
    mine = next(r for r in rows if r["text"] == "Le lundi au bureau.")
    assert mine["my_vote"] == "agree"
    # One vote: fewer than 5, so no count in an anonymous consultation.
    assert mine["agree_count"] is None and mine["disagree_count"] is None


def test_the_analysis(api, mapped, agent):
    consultation, voters = mapped
    response = api(voters[0]).get(f"{API}{consultation.pk}/analysis/")
    assert response.status_code == 200
    body = response.json()
    assert body["placed"] == 12 and len(body["groups"]) == 2
    assert {g["size"] for g in body["groups"]} == {6}
    assert all(g["distinguishing"] for g in body["groups"])
    assert body["me"] is not None and body["me"]["group"] in {"A", "B"}
    assert len(body["points"]) == 12 and set(body["points"][0]) == {"x", "y", "group"}
    assert [c["text"] for c in body["consensus"]] == ["Les usagers doivent être consultés aussi."]
    # Nothing in it points at a person or a participant.
    text = json.dumps(body)
    assert "participant_id" not in text and "person" not in text and '"id"' not in text
    for person in voters:
        assert person.full_name not in text
    assert api(agent).get(f"{API}{consultation.pk}/analysis/").json()["me"] is None


def test_the_analysis_waits_for_the_votes(api, consultation, member, facilitator):
    response = api(member).get(f"{API}{consultation.pk}/analysis/")
    assert response.status_code == 403
    body = api(facilitator).get(f"{API}{consultation.pk}/analysis/").json()
    assert body["confidence"] == "none" and body["groups"] == [] and body["points"] == []


def test_organisers_see_every_statement(api, make_consultation, member, facilitator):
    c = make_consultation(moderation="before", results_visibility=ResultsVisibility.ALWAYS)
    post(api(member), f"{API}{c.pk}/statements/", {"text": "En attente."})
    statuses = {
        s["text"]: s["status"]
        for s in api(facilitator).get(f"{API}{c.pk}/statements/").json()["results"]
    }
    assert statuses["En attente."] == "pending"
    # The author sees his own, waiting; the others do not.
    texts = [s["text"] for s in api(member).get(f"{API}{c.pk}/statements/").json()["results"]]
    assert "En attente." in texts


def test_anonymous_analysis_hides_small_group_percentages(api, make_consultation, facilitator):
    c = make_consultation(
        anonymous=True, audience=Audience.ORGANISATION, results_visibility=ResultsVisibility.ALWAYS
    )
    vote_all(c, people(12), lambda i, j: two_camps(0 if i < 9 else 1, j))
    groups = api(facilitator).get(f"{API}{c.pk}/analysis/").json()["groups"]
    small = next(g for g in groups if g["size"] == 3)
    assert small["distinguishing"]
    assert {d["in_group_percent"] for d in small["distinguishing"]} == {None}
    big = next(g for g in groups if g["size"] == 9)
    assert None not in {d["in_group_percent"] for d in big["distinguishing"]}
