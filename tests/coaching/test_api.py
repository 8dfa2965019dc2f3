"""The coaching API: the pool, one's requests and matches, the coordinator's rounds."""

import pytest
from django.core.management import call_command

from cercles.coaching import services
from cercles.coaching.models import Coach, CoachingRequest, MatchStatus

from .conftest import make_coach, make_request, matched_pair

pytestmark = pytest.mark.django_db


def test_coach_list_queries(client, agent, skills, django_assert_num_queries):
    for _ in range(3):
        make_coach(competencies=list(skills.values()))
    client.force_login(agent)
    # session, user, count, coaches with person, their competencies.
    with django_assert_num_queries(5):
        data = client.get("/api/v1/coaching/coaches/").json()
    assert data["count"] == 3 and len(data["results"][0]["competencies"]) == 3


def test_coach_me_saves_and_rejects_bad_input(client, agent, skills):
    client.force_login(agent)
    assert client.get("/api/v1/coaching/coaches/me/").status_code == 404
    response = client.put(
        "/api/v1/coaching/coaches/me/",
        {"formats": ["mentoring"], "capacity": 2, "competencies": [999999]},
        content_type="application/json",
    )
    assert response.status_code == 400 and "competencies" in response.json()
    assert not Coach.objects.exists()
    skill = skills["Prendre la parole"]
    response = client.put(
        "/api/v1/coaching/coaches/me/",
        {"formats": ["mentoring"], "capacity": 2, "competencies": [skill.pk]},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["competencies"] == [skill.pk] and response.json()["capacity"] == 2


def test_requests_mine_and_all(client, agent, coordinator, django_assert_num_queries):
    # One waiting request at a time: the two earlier ones were withdrawn.
    for _ in range(2):
        services.request_withdraw(request=make_request(agent), by=agent)
    make_request(agent)
    make_request()
    client.force_login(agent)
    # session, user, coordinator function (the scope), count, requests, competencies.
    with django_assert_num_queries(6):
        data = client.get("/api/v1/coaching/requests/").json()
    assert data["count"] == 3
    assert client.get("/api/v1/coaching/requests/?scope=all").json()["count"] == 3
    client.force_login(coordinator)
    assert client.get("/api/v1/coaching/requests/?scope=all").json()["count"] == 4
    assert client.get("/api/v1/coaching/requests/?scope=nope").status_code == 400


def test_request_create_and_withdraw(client, agent):
    client.force_login(agent)
    response = client.post(
        "/api/v1/coaching/requests/",
        {"need": "", "preferred_format": "tutoring"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "need" in response.json()
    response = client.post(
        "/api/v1/coaching/requests/",
        {
            "need": "Prendre un poste d'encadrement.",
            "preferred_format": "",
            "half_days": ["tue_pm"],
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "open" and data["abilities"] == {"view": True, "withdraw": True}
    response = client.post(f"/api/v1/coaching/requests/{data['id']}/withdraw/")
    assert response.json()["status"] == "withdrawn"
    assert CoachingRequest.objects.get().status == "withdrawn"


def test_matches_list_and_answers(client, coordinator, django_assert_num_queries):
    matches = [matched_pair(coordinator, accept=False) for _ in range(3)]
    client.force_login(coordinator)
    # session, user, coordinator function, count, matches with their people.
    with django_assert_num_queries(5):
        data = client.get("/api/v1/coaching/matches/").json()
    assert data["count"] == 3
    match = matches[0]
    client.force_login(match.request.requester)
    assert client.post(f"/api/v1/coaching/matches/{match.pk}/accept/").json()[
        "requester_accepted_at"
    ]
    client.force_login(match.coach.person)
    data = client.post(f"/api/v1/coaching/matches/{match.pk}/accept/").json()
    assert data["status"] == MatchStatus.ACTIVE
    response = client.post(
        f"/api/v1/coaching/matches/{match.pk}/close/", {}, content_type="application/json"
    )
    assert response.status_code == 400
    data = client.post(
        f"/api/v1/coaching/matches/{match.pk}/close/",
        {"feedback": "Bien."},
        content_type="application/json",
    ).json()
    assert data["status"] == MatchStatus.CLOSED
    other = matches[1]
    client.force_login(other.coach.person)
    data = client.post(
        f"/api/v1/coaching/matches/{other.pk}/decline/",
        {"reason": "Pas disponible."},
        content_type="application/json",
    ).json()
    assert data["status"] == MatchStatus.DECLINED and data["decline_reason"] == "Pas disponible."
    client.force_login(other.request.requester)
    assert client.get(f"/api/v1/coaching/matches/{other.pk}/").json()["decline_reason"] == ""


def test_rounds_for_coordinators(client, coordinator, member):
    make_coach()
    make_request()
    client.force_login(member)
    assert client.post("/api/v1/coaching/rounds/").status_code == 403
    client.force_login(coordinator)
    response = client.post("/api/v1/coaching/rounds/")
    assert response.status_code == 201
    data = response.json()
    assert len(data["matches"]) == 1 and data["matches"][0]["reasons"][0]["points"] == 10
    match_id = data["matches"][0]["id"]
    response = client.post(
        f"/api/v1/coaching/matches/{match_id}/replace/",
        {"coach": 999999},
        content_type="application/json",
    )
    assert response.status_code == 400 and "coach" in response.json()
    data = client.post(f"/api/v1/coaching/rounds/{data['id']}/publish/").json()
    assert data["published_at"] and data["matches"][0]["status"] == "published"


def test_bench_command_prints_the_figures(capsys):
    call_command("bench_matching", "--requests", "50", "--coaches", "20", "--markdown")
    out = capsys.readouterr().out
    assert out.startswith("| coaching matching | 50 requests × 20 coaches") and "matched" in out
