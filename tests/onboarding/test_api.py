"""The onboarding API: what each one sees, creating, checking, reassigning, bad input,
query counts."""

import pytest

from cercles.accounts.tokens import api_token_create
from cercles.onboarding import services
from cercles.onboarding.models import Onboarding, OnboardingTask
from tests.factories import PersonFactory

BASE = "/api/v1/onboarding"


@pytest.fixture
def api(client):
    def _api(person):
        _token, raw = api_token_create(person=person, name="test")
        client.defaults["HTTP_AUTHORIZATION"] = f"Token {raw}"
        return client

    return _api


def test_each_one_sees_his_onboardings(api, onboarding, newcomer, buddy, lead_link, hr, agent):
    for person in (newcomer, buddy, lead_link, hr):
        data = api(person).get(f"{BASE}/onboardings/").json()
        assert [o["id"] for o in data["results"]] == [onboarding.pk], person
    row = api(hr).get(f"{BASE}/onboardings/{onboarding.pk}/").json()
    assert row["newcomer_name"] == "Nina Nouvelle" and row["buddy_name"] == "Marc Membre"
    assert (row["task_count"], row["done_count"], row["overdue_count"]) == (6, 0, 2)
    assert row["abilities"]["close"] is True
    assert api(agent).get(f"{BASE}/onboardings/").json()["results"] == []
    assert api(agent).get(f"{BASE}/onboardings/{onboarding.pk}/").status_code == 404
    assert api(agent).get(f"{BASE}/tasks/").json()["results"] == []


def test_create_and_bad_input(api, hr, org, template, member, today):
    person = PersonFactory()
    client = api(hr)
    response = client.post(
        f"{BASE}/onboardings/",
        {"newcomer": person.pk, "start_date": today.isoformat(), "circle": 2**62, "buddy": 999999},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"circle", "buddy"}
    response = client.post(
        f"{BASE}/onboardings/",
        {"newcomer": person.pk, "start_date": today.isoformat(), "buddy": person.pk},
        content_type="application/json",
    )
    assert response.json() == {
        "buddy": ["Le parrain ou la marraine ne peut pas être le nouvel arrivant."]
    }
    assert not Onboarding.objects.exists()
    response = client.post(
        f"{BASE}/onboardings/",
        {
            "newcomer": person.pk,
            "start_date": today.isoformat(),
            "circle": org["rh"].pk,
            "buddy": member.pk,
            "template": template.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["task_count"] == 6
    assert (
        api(member)
        .post(
            f"{BASE}/onboardings/",
            {"newcomer": PersonFactory().pk, "start_date": today.isoformat()},
            content_type="application/json",
        )
        .status_code
        == 403
    )


def test_check_and_reassign_tasks(api, onboarding, newcomer, buddy, hr, agent):
    own = onboarding.tasks.get(title="Lire le livret d'accueil")
    other = onboarding.tasks.get(title="Visiter les sites")
    client = api(newcomer)
    response = client.post(
        f"{BASE}/tasks/{own.pk}/check/", {"done": True}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["done"] is True
    assert (
        client.post(
            f"{BASE}/tasks/{other.pk}/check/", {"done": True}, content_type="application/json"
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"{BASE}/tasks/{other.pk}/reassign/",
            {"assignee": agent.pk},
            content_type="application/json",
        ).status_code
        == 403
    )
    response = api(hr).post(
        f"{BASE}/tasks/{other.pk}/reassign/",
        {"assignee": agent.pk},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["assignee_name"] == "Alice Agent"
    assert api(agent).get(f"{BASE}/tasks/", {"mine": "true"}).json()["results"][0]["id"] == other.pk
    response = api(hr).post(
        f"{BASE}/tasks/{other.pk}/reassign/", {"assignee": 2**62}, content_type="application/json"
    )
    assert response.status_code == 400 and "assignee" in response.json()
    response = api(hr).post(f"{BASE}/onboardings/{onboarding.pk}/close/")
    assert response.status_code == 200 and response.json()["closed_at"] is not None
    response = api(hr).post(
        f"{BASE}/tasks/{other.pk}/check/", {"done": True}, content_type="application/json"
    )
    assert response.status_code == 403
    assert OnboardingTask.objects.get(pk=other.pk).done_at is None


def test_templates_for_hr_only(api, hr, member, template):
    data = api(hr).get(f"{BASE}/templates/").json()["results"]
    assert [t["name"] for t in data] == ["Accueil standard"]
    assert [t["day_offset"] for t in data[0]["tasks"]] == [-7, -3, 0, 0, 4, 30]
    assert api(member).get(f"{BASE}/templates/").json()["results"] == []
    assert api(member).get(f"{BASE}/templates/{template.pk}/").status_code == 404


def test_list_query_counts(api, django_assert_num_queries, hr, org, template, today):
    for _ in range(3):
        services.onboarding_create(
            by=hr,
            newcomer=PersonFactory(),
            start_date=today,
            circle=org["rh"],
            buddy=PersonFactory(),
            template=template,
        )
    client = api(hr)
    # Token and its person (one join); the token's last use; the people functions;
    # the count; the page with progress, people and the user's task flag.
    with django_assert_num_queries(5):
        assert len(client.get(f"{BASE}/onboardings/").json()["results"]) == 3
    # Token (its last use was just recorded); people functions; the count; the tasks
    # with assignee, onboarding and newcomer.
    with django_assert_num_queries(4):
        assert len(client.get(f"{BASE}/tasks/").json()["results"]) == 18


def test_an_absurd_start_date_is_a_400_not_a_500(api, hr, template):
    person = PersonFactory()
    for start in ("0001-01-01", "9999-12-31"):
        response = api(hr).post(
            f"{BASE}/onboardings/",
            {"newcomer": person.pk, "start_date": start, "template": template.pk},
            content_type="application/json",
        )
        assert response.status_code == 400 and list(response.json()) == ["start_date"], start
    assert not Onboarding.objects.exists()
