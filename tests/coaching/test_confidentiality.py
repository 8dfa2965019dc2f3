"""A coaching relationship is seen by the pair and the coordinators only: not HR, not
the lead link, not a colleague — through pages, the API, the talent path, the person
page and the exports."""

import pytest
from django.urls import reverse

from cercles.core import panels
from tests.factories import PersonFactory

from .conftest import make_coach, make_request, matched_pair

pytestmark = pytest.mark.django_db

NEED = "Sortir du conflit avec mon équipe."


@pytest.fixture
def pair(coordinator, member):
    coach = make_coach(PersonFactory(first_name="Paul", last_name="Coach"))
    request = make_request(member, need=NEED)
    return matched_pair(coordinator, coach=coach, request=request)


@pytest.fixture
def outsiders(hr, lead_link, agent):
    return {"hr": hr, "lead_link": lead_link, "agent": agent}


def test_pages_hide_the_relationship(client, pair, outsiders, coordinator):
    urls = [pair.get_absolute_url(), pair.request.get_absolute_url()]
    for name, person in outsiders.items():
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 404, (name, url)
        for url in (reverse("coaching:home"), reverse("coaching:coach_list")):
            body = client.get(url).content.decode()
            assert NEED not in body and "Marc Membre" not in body, (name, url)
        assert client.get(reverse("coaching:coordination")).status_code == 403
    for person in (pair.request.requester, pair.coach.person, coordinator):
        client.force_login(person)
        assert NEED in client.get(pair.get_absolute_url()).content.decode()


def test_api_hides_the_relationship(client, pair, outsiders, coordinator):
    for name, person in outsiders.items():
        client.force_login(person)
        for path in ("/api/v1/coaching/matches/", "/api/v1/coaching/requests/?scope=all"):
            data = client.get(path).json()
            assert data["count"] == 0 and data["results"] == [], (name, path)
        assert client.get(f"/api/v1/coaching/matches/{pair.pk}/").status_code == 404
        assert client.get(f"/api/v1/coaching/requests/{pair.request_id}/").status_code == 404
        assert client.get("/api/v1/coaching/rounds/").json()["count"] == 0
        assert client.get(f"/api/v1/coaching/rounds/{pair.round_id}/").status_code == 404
        # The pool shows the coach, never whom he accompanies.
        pool = client.get("/api/v1/coaching/coaches/").content.decode()
        assert "Paul" in pool and "Membre" not in pool and NEED not in pool
    for person in (pair.request.requester, pair.coach.person, coordinator):
        client.force_login(person)
        assert [m["id"] for m in client.get("/api/v1/coaching/matches/").json()["results"]] == [
            pair.pk
        ]


def test_talent_path_shows_steps_to_the_pair_and_coordinators_only(pair, outsiders, coordinator):
    requester, coach = pair.request.requester, pair.coach.person
    for name, viewer in outsiders.items():
        for person in (requester, coach):
            assert panels.collect("talent_path", person=person, viewer=viewer) == [], name
    steps = [
        s
        for group in panels.collect("talent_path", person=requester, viewer=requester)
        for s in group
    ]
    assert [(s.kind, s.title, s.private) for s in steps] == [
        ("coaching", "Accompagné·e par Paul Coach", True)
    ]
    steps = [
        s
        for group in panels.collect("talent_path", person=coach, viewer=coordinator)
        for s in group
    ]
    assert [s.title for s in steps] == ["Accompagne Marc Membre"]


def test_person_page_and_exports_say_nothing(client, pair, admin, hr, lead_link):
    for viewer in (hr, lead_link, admin):
        client.force_login(viewer)
        for person in (pair.request.requester, pair.coach.person):
            body = client.get(
                reverse("organisation:person_detail", args=[person.pk])
            ).content.decode()
            assert NEED not in body and "Accompagn" not in body
    client.force_login(admin)
    for name in ("people_export_csv", "people_export_xlsx", "organisation_export_json"):
        response = client.get(reverse(f"organisation:{name}"))
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert NEED.encode() not in content and b"coaching" not in content.lower(), name


def test_unpublished_proposal_is_hidden_from_the_pair(client, coordinator, member):
    from cercles.coaching import services

    make_coach()
    make_request(member)
    match = services.round_run(by=coordinator).matches.get()
    for person in (member, match.coach.person):
        client.force_login(person)
        assert client.get(match.get_absolute_url()).status_code == 404
        assert client.get("/api/v1/coaching/matches/").json()["count"] == 0
