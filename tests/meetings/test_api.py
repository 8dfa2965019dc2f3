"""The meetings API: list and read what one may see, with the room read only; plan."""

import pytest
from django.urls import reverse

from cercles.meetings import services
from cercles.meetings.models import Meeting

from .conftest import at

LIST = "/api/v1/meetings/"


@pytest.fixture
def api(client):
    def _as(person):
        client.force_login(person)
        return client

    return _as


def test_anonymous_gets_401(client, meeting):
    assert client.get(LIST).status_code == 401


def test_list_shows_only_what_one_may_see(api, agent, member, meeting, django_assert_num_queries):
    assert api(agent).get(LIST).json()["results"] == []
    client = api(member)
    # Queries: session, user; the user's roles and led circles; the count; the page;
    # the other circles; the user's participant rows.
    with django_assert_num_queries(8):
        data = client.get(LIST).json()
    assert [m["id"] for m in data["results"]] == [meeting.pk]
    row = data["results"][0]
    assert row["abilities"]["view"] and row["abilities"]["take_part"]
    assert not row["abilities"]["drive"]


def test_list_query_count_does_not_grow(
    api, admin, org, member, meeting, django_assert_num_queries
):
    for i in range(3):
        services.meeting_create(by=admin, circle=org["rh"], title=f"R{i}", starts_at=at(i))
    client = api(member)
    with django_assert_num_queries(8):
        assert len(client.get(LIST).json()["results"]) == 4


def test_filters(api, member, meeting, org):
    client = api(member)
    assert client.get(LIST, {"circle": org["numerique"].pk}).json()["results"] == []
    assert len(client.get(LIST, {"status": "planned"}).json()["results"]) == 1
    assert client.get(LIST, {"status": "dancing"}).status_code == 400


def test_retrieve_shows_the_queue(api, member, speakers, facilitator, live_meeting, agent):
    services.speaker_request_create(meeting=live_meeting, person=speakers[0], at=at(0))
    services.floor_give(meeting=live_meeting, by=facilitator, at=at(1))
    services.floor_stop(meeting=live_meeting, by=facilitator, at=at(31))
    services.speaker_request_create(meeting=live_meeting, person=speakers[0], at=at(32))
    services.speaker_request_create(meeting=live_meeting, person=member, at=at(33))
    url = reverse("v1:meeting-detail", args=[live_meeting.pk])
    room = api(member).get(url).json()["room"]
    assert [e["person_name"] for e in room["queue"]] == ["Marc Membre", "Bruno Bavard"]
    assert room["speaker"] is None
    bruno = next(r for r in room["speaking_times"] if r["person_name"] == "Bruno Bavard")
    assert bruno == {
        "person": speakers[0].pk,
        "person_name": "Bruno Bavard",
        "present": True,
        "turns": 1,
        "seconds": 30.0,
    }
    assert room["equity"] == pytest.approx(1.0)  # one present person who spoke
    assert api(agent).get(url).status_code == 404


def test_create(api, facilitator, member, org):
    payload = {
        "circle": org["rh"].pk,
        "title": "Tactique",
        "starts_at": "2025-04-01T09:00:00+02:00",
        "kind": "tactical",
    }
    assert api(member).post(LIST, payload, content_type="application/json").status_code == 403
    response = api(facilitator).post(LIST, payload, content_type="application/json")
    assert response.status_code == 201
    meeting = Meeting.objects.get()
    assert response.json()["id"] == meeting.pk and meeting.facilitator == facilitator


def test_create_bad_input(api, facilitator, org):
    response = api(facilitator).post(
        LIST,
        {"circle": org["rh"].pk, "title": "", "starts_at": "x", "duration_minutes": 1},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"title", "starts_at", "duration_minutes"}
