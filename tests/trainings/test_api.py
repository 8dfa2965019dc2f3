"""The trainings API: the catalogue, proposing, sessions with seats, registering and
leaving, one's registrations; query counts constant in rows."""

import pytest
from django.urls import reverse

from cercles.trainings import services
from cercles.trainings.models import Registration, Training

from .conftest import in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    def _api(person):
        client.force_login(person)
        return client

    return _api


def add_trainings(n, *, hr, trainer, start=0):
    for i in range(start, start + n):
        training = services.training_propose(by=trainer, title=f"API {i:02d}")
        services.training_publish(training=training, by=hr)
        services.session_create(
            training=training, by=trainer, starts_at=in_days(2 + i), capacity=3, place="Salle"
        )


def test_training_list_queries_and_fields(
    api, member, hr, trainer, training, django_assert_num_queries
):
    add_trainings(3, hr=hr, trainer=trainer)
    client = api(member)
    url = reverse("v1:trainings-training-list")
    # Queries: session; user; his people functions; the count; the page of trainings with
    # sessions to come; their trainers; their competencies.
    with django_assert_num_queries(7):
        response = client.get(url)
    body = response.json()
    assert body["count"] == 4
    first = body["results"][0]
    assert first["title"] == "API 00" and first["status"] == "published"
    assert first["upcoming_sessions"] == 1 and first["trainers"] == [trainer.pk]
    assert first["abilities"] == {
        "view": True,
        "update": False,
        "publish": False,
        "archive": False,
        "schedule": False,
    }
    add_trainings(3, hr=hr, trainer=trainer, start=3)
    with django_assert_num_queries(7):
        assert client.get(url).json()["count"] == 7
    assert client.get(url, {"q": "05"}).json()["count"] == 1
    assert client.get(url, {"upcoming": "true", "q": "Animer"}).json()["count"] == 0
    assert client.get(url, {"competency": "x"}).status_code == 400


def test_propose_through_the_api(api, member, competencies):
    client = api(member)
    url = reverse("v1:trainings-training-list")
    response = client.post(
        url,
        {"title": "Par l'API", "competencies": [competencies[0].pk]},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["status"] == "proposed" and response.json()["trainers"] == [member.pk]
    response = client.post(
        url, {"title": "", "competencies": [999999]}, content_type="application/json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"title", "competencies"}
    assert Training.objects.filter(title="Par l'API").count() == 1


def test_session_list_queries_and_register_unregister(
    api, member, agent, hr, trainer, django_assert_num_queries
):
    add_trainings(3, hr=hr, trainer=trainer)
    client = api(member)
    url = reverse("v1:trainings-session-list")
    # Queries: session; user; his people functions; the count; the page of sessions with
    # training, counts and his status; their trainers.
    with django_assert_num_queries(6):
        response = client.get(url)
    assert response.json()["count"] == 3
    session_id = response.json()["results"][0]["id"]
    assert response.json()["results"][0]["my_status"] is None
    register = reverse("v1:trainings-session-register", args=[session_id])
    response = client.post(register)
    assert response.status_code == 200 and response.json()["status"] == "registered"
    response = client.post(register)
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Vous êtes déjà inscrit·e à cette session."]}
    detail = client.get(reverse("v1:trainings-session-detail", args=[session_id])).json()
    assert detail["my_status"] == "registered" and detail["registered_count"] == 1
    add_trainings(2, hr=hr, trainer=trainer, start=3)
    with django_assert_num_queries(6):
        assert client.get(url).json()["count"] == 5
    unregister = reverse("v1:trainings-session-unregister", args=[session_id])
    assert client.post(unregister).json()["status"] == "cancelled"
    assert client.post(unregister).status_code == 400


def test_registrations_are_ones_own(api, session, member, agent, django_assert_num_queries):
    mine = services.registration_create(session=session, person=member)
    theirs = services.registration_create(session=session, person=agent)
    client = api(member)
    # Queries: session; user; the count; the page with sessions and trainings.
    with django_assert_num_queries(4):
        body = client.get(reverse("v1:trainings-registration-list")).json()
    assert [r["id"] for r in body["results"]] == [mine.pk]
    assert body["results"][0]["feedback_given"] is False
    url = reverse("v1:trainings-registration-detail", args=[theirs.pk])
    assert client.get(url).status_code == 404
    assert Registration.objects.count() == 2


def test_anonymous_gets_401(client):
    assert client.get(reverse("v1:trainings-training-list")).status_code == 401
