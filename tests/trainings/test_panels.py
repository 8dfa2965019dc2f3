"""The trainings on other pages: the talent path, the person page, the hub card."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from cercles.core import panels
from cercles.trainings import services
from cercles.trainings.panels import development_card, training_steps, trainings_given

from .conftest import started

pytestmark = pytest.mark.django_db


def test_path_steps_attended_and_given(session, trainer, people, agent, django_assert_num_queries):
    for person in people[:2]:
        services.registration_create(session=session, person=person)
    started(session)
    services.attendance_mark(session=session, by=trainer, present_ids=[people[0].pk])
    # Queries: the sessions attended; the sessions given.
    with django_assert_num_queries(2):
        steps = training_steps(person=people[0], viewer=agent)
    assert [(s.kind, s.title, s.url, s.private) for s in steps] == [
        (
            "training",
            "Formation suivie : Animer une réunion courte",
            session.get_absolute_url(),
            False,
        )
    ]
    assert training_steps(person=people[1], viewer=agent) == []  # absent
    given = training_steps(person=trainer, viewer=agent)
    assert [s.title for s in given] == ["Formation donnée : Animer une réunion courte"]
    assert given[0].detail == "2 h"
    assert any(
        step.title.startswith("Formation suivie")
        for steps in panels.collect("talent_path", person=people[0], viewer=agent)
        for step in steps
    )


def test_person_page_panel_lists_trainings_given(login, training, trainer, agent):
    response = login(agent).get(reverse("organisation:person_detail", args=[trainer.pk]))
    html = response.content.decode()
    assert "Formations qu'il ou elle donne" in html
    assert training.get_absolute_url() in html
    response = login(agent).get(reverse("organisation:person_detail", args=[agent.pk]))
    assert "Formations qu'il ou elle donne" not in response.content.decode()


def test_hub_card_counts_my_sessions(session, people, django_assert_num_queries):
    for person in people[:3]:
        services.registration_create(session=session, person=person)
    request = RequestFactory().get("/development/")
    request.user = people[2]
    # Queries: his registrations to come.
    with django_assert_num_queries(1):
        html = development_card(request)
    assert "Vous êtes en liste d'attente pour 1 session." in html
    assert "inscrit·e à" not in html
    request.user = people[0]
    assert "Vous êtes inscrit·e à 1 session à venir." in development_card(request)


def test_person_panel_is_one_query(rf, training, trainer, agent, django_assert_num_queries):
    from cercles.organisation.selectors import AsOf

    request = rf.get("/")
    request.user = agent
    with django_assert_num_queries(1):
        html = trainings_given(request, person=trainer, is_me=False, as_of=AsOf())
    assert training.title in html
