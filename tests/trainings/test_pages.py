"""The trainings pages: catalogue, training, session, forms, "Mes formations", trainer
and HR pages — permissions, bad input and query counts (constant in rows)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cercles.core.models import Notification
from cercles.trainings import services
from cercles.trainings.models import Registration, Session, Training, TrainingStatus
from tests.factories import PersonFactory

from .conftest import in_days, started

pytestmark = pytest.mark.django_db


def make_trainings(n, *, hr, competencies, start=0):
    """n published trainings, each given by a new trainer, with a session to come."""
    made = []
    for i in range(start, start + n):
        trainer = PersonFactory(first_name=f"F{i}", last_name="Formateur")
        training = services.training_propose(
            by=trainer, title=f"Formation {i:02d}", competencies=competencies
        )
        services.training_publish(training=training, by=hr)
        services.session_create(
            training=training, by=trainer, starts_at=in_days(3 + i), capacity=5, place="Salle"
        )
        made.append(training)
    return made


# --- catalogue ---------------------------------------------------------------------------


def test_catalogue_queries_do_not_grow_with_rows(
    login, member, hr, competencies, django_assert_num_queries
):
    make_trainings(3, hr=hr, competencies=competencies)
    client = login(member)
    url = reverse("trainings:training_list")
    client.get(url)  # warms the unread-notifications cache
    # Queries: session; user; his people functions (read once for visible_to and
    # is_hr); the count of trainings; the page of trainings with their number of sessions
    # to come; their trainers; their competencies; the competencies of the filter.
    with django_assert_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200
    assert [t.title for t in response.context["page"].object_list] == [
        "Formation 00",
        "Formation 01",
        "Formation 02",
    ]
    make_trainings(3, hr=hr, competencies=competencies, start=3)
    with django_assert_num_queries(8):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 6


def test_catalogue_search_filters_and_htmx_partial(login, member, hr, competencies, trainer):
    a, b, _c = make_trainings(3, hr=hr, competencies=competencies[:1])
    services.training_update(training=b, by=hr, competencies=competencies[1:])
    Session.objects.filter(training=a).delete()  # a: no session to come
    proposal = services.training_propose(by=trainer, title="Proposition de Théo")
    client = login(member)
    url = reverse("trainings:training_list")

    def titles(**params):
        response = client.get(url, params)
        return [t.title for t in response.context["page"].object_list]

    assert titles(q="01") == ["Formation 01"]
    assert titles(competency=competencies[1].pk) == ["Formation 01"]
    assert titles(upcoming="1") == ["Formation 01", "Formation 02"]
    assert titles(show="proposed") == []  # the member sees no one else's proposal
    assert titles(competency="x", show="bad") == ["Formation 00", "Formation 01", "Formation 02"]
    client.force_login(hr)
    assert titles(show="proposed") == [proposal.title]
    response = client.get(url, {"q": "02"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<h1>" not in html and "Formation 02" in html and "1 formation" in html


# --- a training --------------------------------------------------------------------------


def test_training_page_queries_do_not_grow_with_sessions(
    login, member, training, trainer, people, django_assert_num_queries
):
    for days in (3, 4, 5):
        services.session_create(
            training=training, by=trainer, starts_at=in_days(days), capacity=2, place="Salle"
        )
    session = training.sessions.first()
    services.registration_create(session=session, person=member)
    client = login(member)
    url = reverse("trainings:training_detail", args=[training.pk])
    client.get(url)
    # Queries: session; user; his people functions; the training; its trainers; its
    # competencies; the sessions to come with counts; their trainers; his registrations;
    # the past sessions.
    with django_assert_num_queries(10):
        response = client.get(url)
    assert len(response.context["coming"]) == 3
    assert response.context["coming"][0].my_status == "registered"
    assert not response.context["abilities"]["update"]
    services.session_create(
        training=training, by=trainer, starts_at=in_days(6), capacity=2, place="Salle"
    )
    with django_assert_num_queries(10):
        response = client.get(url)
    assert len(response.context["coming"]) == 4


def test_a_proposed_training_is_hidden_from_others(login, agent, trainer, hr):
    proposal = services.training_propose(by=trainer, title="Brouillon")
    url = reverse("trainings:training_detail", args=[proposal.pk])
    assert login(agent).get(url).status_code == 404
    assert login(trainer).get(url).status_code == 200
    response = login(hr).get(url)
    assert response.context["abilities"]["publish"]


def test_propose_a_training_through_the_form(login, member, hr, competencies):
    client = login(member)
    url = reverse("trainings:training_create")
    response = client.post(
        url,
        {
            "title": "Excel sans peur",
            "summary": "Les tableaux croisés.",
            "duration_minutes": "120",
            "competencies": [competencies[0].pk],
            "co_trainers": hr.email.upper(),
        },
    )
    training = Training.objects.get(title="Excel sans peur")
    assert response.status_code == 302 and response["Location"] == training.get_absolute_url()
    assert training.status == TrainingStatus.PROPOSED
    assert set(training.trainers.all()) == {member, hr}


def test_propose_form_bad_input_keeps_what_was_typed(login, member):
    client = login(member)
    response = client.post(
        reverse("trainings:training_create"),
        {
            "title": "",
            "summary": "Mon résumé",
            "duration_minutes": "5",
            "co_trainers": "inconnu@exemple.fr",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {
        "title": ["Donnez un titre à la formation."],
        "duration_minutes": ["Une formation dure au moins 15 minutes."],
        "co_trainers": ["Personne d'active ne porte ces adresses : inconnu@exemple.fr."],
    }
    assert 'value="Mon résumé"' in response.content.decode()
    assert not Training.objects.exists()


def test_trainer_edits_his_training_others_cannot(login, training, trainer, agent):
    url = reverse("trainings:training_update", args=[training.pk])
    assert login(agent).get(url).status_code == 403
    client = login(trainer)
    response = client.post(
        url,
        {"title": "Réunions courtes", "duration_minutes": "90", "co_trainers": trainer.email},
    )
    assert response.status_code == 302
    training.refresh_from_db()
    assert training.title == "Réunions courtes" and training.duration_minutes == 90


def test_publish_and_archive_are_hr_posts(login, trainer, hr, agent):
    proposal = services.training_propose(by=trainer, title="Brouillon")
    publish = reverse("trainings:training_publish", args=[proposal.pk])
    assert login(trainer).post(publish).status_code == 403
    assert login(hr).post(publish).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == TrainingStatus.PUBLISHED
    archive = reverse("trainings:training_archive", args=[proposal.pk])
    assert login(agent).post(archive).status_code == 403
    assert login(hr).post(archive).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == TrainingStatus.ARCHIVED


# --- sessions ----------------------------------------------------------------------------


def test_schedule_a_session_bad_input_then_good(login, training, trainer):
    client = login(trainer)
    url = reverse("trainings:session_create", args=[training.pk])
    response = client.post(
        url, {"starts_at": "demain", "duration_minutes": "120", "capacity": "0", "place": "Ici"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "starts_at": ["Indiquez une date et une heure, par exemple 2026-03-14 09:30."],
        "capacity": ["Une session a au moins une place."],
    }
    assert 'value="Ici"' in response.content.decode()
    response = client.post(
        url, {"starts_at": "2001-01-01T10:00", "duration_minutes": "120", "capacity": "4"}
    )
    assert response.context["form"].errors == {
        "place": ["Indiquez un lieu ou un lien de visioconférence (ou les deux)."],
    }
    response = client.post(
        url,
        {
            "starts_at": "2001-01-01T10:00",
            "duration_minutes": "120",
            "capacity": "4",
            "place": "Ici",
        },
    )
    assert response.context["form"].errors == {"starts_at": ["Choisissez une date à venir."]}
    assert not training.sessions.exists()
    starts = in_days(4, hour=15)
    response = client.post(
        url,
        {
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": "120",
            "capacity": "4",
            "online_link": "visio.exemple.fr/salle",
        },
    )
    session = training.sessions.get()
    assert response["Location"] == session.get_absolute_url()
    assert session.starts_at == starts and session.online_link == "https://visio.exemple.fr/salle"
    assert list(session.trainers.all()) == [trainer]


def test_session_page_queries_do_not_grow_with_people(
    login, session, trainer, people, django_assert_num_queries
):
    for person in people[:3]:
        services.registration_create(session=session, person=person)
    client = login(trainer)
    url = session.get_absolute_url()
    client.get(url)
    # Queries: session; user; his people functions; the session with its training; its
    # trainers; his registration; the seat counts; the people registered or waiting.
    with django_assert_num_queries(8):
        response = client.get(url)
    assert [r.person for r in response.context["registered"]] == people[:2]
    assert [r.person for r in response.context["waiting"]] == [people[2]]
    for person in people[3:]:
        services.registration_create(session=session, person=person)
    with django_assert_num_queries(8):
        response = client.get(url)
    assert len(response.context["waiting"]) == 3


def test_session_page_shows_a_waiting_person_his_place(login, session, people):
    for person in people[:4]:
        services.registration_create(session=session, person=person)
    response = login(people[3]).get(session.get_absolute_url())
    assert response.context["position"] == 2
    html = response.content.decode()
    assert "Vous êtes en liste d'attente, en position 2." in html
    assert people[0].full_name not in html  # names are for trainers and HR


def test_register_and_unregister_through_the_pages(login, session, people):
    url_in = reverse("trainings:session_register", args=[session.pk])
    url_out = reverse("trainings:session_unregister", args=[session.pk])
    for person in people[:3]:
        login(person).post(url_in)
    client = login(people[2])
    response = client.get(session.get_absolute_url())
    assert "Me mettre en liste d'attente" not in response.content.decode()
    assert "Quitter la liste d'attente" in response.content.decode()
    response = login(people[0]).post(url_out, follow=True)
    assert "Vous êtes désinscrit·e ; votre place revient au suivant." in response.content.decode()
    assert Registration.objects.get(person=people[2]).status == "registered"
    response = login(people[0]).post(url_out, follow=True)  # twice: an error, not a crash
    assert "pas inscrit·e à cette session." in response.content.decode()
    assert login(people[3]).get(url_in).status_code == 405


def test_attendance_and_feedback_pages(login, session, trainer, hr, people):
    for person in people[:2]:
        services.registration_create(session=session, person=person)
    started(session)
    url = reverse("trainings:session_attendance", args=[session.pk])
    assert login(people[0]).get(url).status_code == 403
    client = login(trainer)
    response = client.post(url, {"present": [str(people[0].pk), "x"]})
    assert response.status_code == 302
    assert {r.person_id: r.attended for r in session.registrations.all()} == {
        people[0].pk: True,
        people[1].pk: False,
    }
    feedback = reverse("trainings:session_feedback", args=[session.pk])
    assert login(people[1]).get(feedback).status_code == 403
    client = login(people[0])
    response = client.post(feedback, {"rating": "9", "comment": "Mon avis"})
    assert response.context["form"].errors == {"rating": ["Choisissez une note de 1 à 5."]}
    assert "Mon avis" in response.content.decode()
    response = client.post(feedback, {"rating": "4", "comment": "Très clair"})
    assert response.status_code == 302
    assert client.get(feedback).status_code == 403  # once
    # The trainer reads the mean, the distribution and the comment, without a name.
    response = login(trainer).get(session.get_absolute_url())
    results = response.context["results"]
    assert results["total"] == 1 and results["mean"] == 4
    assert results["comments"] == [(4, "Très clair")]
    section = response.content.decode().split('id="results-title"')[1]
    assert "Très clair" in section and people[0].full_name not in section
    # The attendee does not.
    assert "results" not in login(people[0]).get(session.get_absolute_url()).context


def test_cancel_and_update_a_session(
    login, session, trainer, agent, people, django_capture_on_commit_callbacks
):
    services.registration_create(session=session, person=people[0])
    cancel = reverse("trainings:session_cancel", args=[session.pk])
    assert login(agent).post(cancel).status_code == 403
    update = reverse("trainings:session_update", args=[session.pk])
    client = login(trainer)
    response = client.post(
        update,
        {
            "starts_at": timezone.localtime(session.starts_at).strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": "120",
            "capacity": "3",
            "place": session.place,
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.capacity == 3 and session.sequence == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(cancel).status_code == 302
    session.refresh_from_db()
    assert session.status == "cancelled"
    assert Notification.objects.filter(
        recipient=people[0], kind="training_session_cancelled"
    ).exists()


# --- people's pages ----------------------------------------------------------------------


def test_my_trainings_queries_do_not_grow(
    login, member, hr, competencies, people, django_assert_num_queries
):
    trainings = make_trainings(3, hr=hr, competencies=competencies)
    for training in trainings:
        session = training.sessions.get()
        services.registration_create(session=session, person=member)
    client = login(member)
    url = reverse("trainings:my_trainings")
    client.get(url)
    # Queries: session; user; his registrations to come (with place in the queue); the
    # sessions he attended; the sessions he gives to come; those he gave; his feed.
    with django_assert_num_queries(7):
        response = client.get(url)
    assert len(response.context["coming"]) == 3
    for training in make_trainings(2, hr=hr, competencies=competencies, start=3):
        services.registration_create(session=training.sessions.get(), person=member)
    with django_assert_num_queries(7):
        response = client.get(url)
    assert len(response.context["coming"]) == 5


def test_my_trainings_shows_the_place_in_the_queue_and_the_history(login, session, trainer, people):
    for person in people[:4]:
        services.registration_create(session=session, person=person)
    response = login(people[3]).get(reverse("trainings:my_trainings"))
    assert "En liste d'attente (position 2)" in response.content.decode()
    started(session)
    services.attendance_mark(session=session, by=trainer, present_ids=[people[0].pk])
    response = login(people[0]).get(reverse("trainings:my_trainings"))
    assert [r.session for r in response.context["attended"]] == [session]
    response = login(trainer).get(reverse("trainings:my_trainings"))
    assert [s.present_count for s in response.context["gave"]] == [1]


def test_trainer_page_and_who_sees_the_feedback(
    login, session, trainer, hr, agent, people, django_assert_num_queries
):
    for person in people[:2]:
        services.registration_create(session=session, person=person)
    started(session)
    services.attendance_mark(session=session, by=trainer, present_ids=[p.pk for p in people[:2]])
    services.feedback_give(session=session, person=people[0], rating=5, comment="Super")
    url = reverse("trainings:trainer_detail", args=[trainer.pk])
    response = login(agent).get(url)
    assert response.context["trained"] == 2 and response.context["results"] is None
    client = login(hr)
    client.get(url)
    # Queries: session; user; his people functions; the person; the trainings he gives;
    # his sessions to come; the people he trained; the feedback's distribution; comments.
    with django_assert_num_queries(9):
        response = client.get(url)
    assert response.context["results"]["mean"] == 5
    assert login(trainer).get(url).context["results"]["comments"] == [(5, "Super")]
    assert login(agent).get(reverse("trainings:trainer_detail", args=[agent.pk])).status_code == 404


def test_hr_session_list_with_fill_rates(
    login, hr, member, competencies, people, django_assert_num_queries
):
    trainings = make_trainings(3, hr=hr, competencies=competencies)
    for person in people[:2]:
        services.registration_create(session=trainings[0].sessions.get(), person=person)
    url = reverse("trainings:session_list")
    assert login(member).get(url).status_code == 403
    client = login(hr)
    client.get(url)
    # Queries: session; user; his people functions; the count of sessions; the page of
    # sessions with training and counts; their trainers.
    with django_assert_num_queries(6):
        response = client.get(url)
    assert [s.fill_rate for s in response.context["page"].object_list] == [40, 0, 0]
    make_trainings(2, hr=hr, competencies=competencies, start=3)
    with django_assert_num_queries(6):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 5
    response = client.get(url, {"when": "past"}, HTTP_HX_REQUEST="true")
    assert (
        "<h1>" not in response.content.decode() and "Aucune session." in response.content.decode()
    )


@pytest.mark.parametrize("value", ["99999999999999999999", "-3", "abc"])
def test_propose_form_refuses_an_impossible_competency_id(login, member, value):
    # Regression: an id past 2**63 crashed the form's lookup (OverflowError on SQLite,
    # DataError on PostgreSQL): a 500 instead of a message.
    response = login(member).post(
        reverse("trainings:training_create"),
        {"title": "Excel", "duration_minutes": "120", "competencies": [value]},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "competencies": ["Cette compétence n'existe pas ou plus."]
    }
    assert 'value="Excel"' in response.content.decode()
    assert not Training.objects.exists()
