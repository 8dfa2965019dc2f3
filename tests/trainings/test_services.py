"""Registrations, the waiting list and its promotions, cancellations, attendance,
feedback and reminders, through the services."""

import datetime
import random

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cercles.core.models import Notification
from cercles.trainings import services
from cercles.trainings.models import (
    Feedback,
    Registration,
    RegistrationStatus,
    SessionStatus,
    TrainingStatus,
)

from .conftest import in_days, started

pytestmark = pytest.mark.django_db


def statuses(session):
    return {
        r.person.first_name: r.status
        for r in Registration.objects.filter(session=session).select_related("person")
    }


def notes(person, kind):
    return list(
        Notification.objects.filter(recipient=person, kind=kind).values_list("text", flat=True)
    )


def test_propose_makes_the_author_trainer_and_tells_hr(
    trainer, hr, competencies, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        training = services.training_propose(
            by=trainer, title="  Excel sans peur ", competencies=competencies
        )
    assert training.status == TrainingStatus.PROPOSED
    assert training.title == "Excel sans peur" and training.duration_minutes == 120
    assert list(training.trainers.all()) == [trainer]
    assert set(training.competencies.all()) == set(competencies)
    assert notes(hr, "training_proposed") == [
        "Théo Formateur propose la formation « Excel sans peur »."
    ]


def test_only_hr_publish_and_archive(trainer, hr, member):
    training = services.training_propose(by=trainer, title="Excel")
    with pytest.raises(PermissionDenied):
        services.training_publish(training=training, by=trainer)
    services.training_publish(training=training, by=hr)
    assert training.status == TrainingStatus.PUBLISHED and training.published_at
    with pytest.raises(PermissionDenied):
        services.training_archive(training=training, by=trainer)
    with pytest.raises(PermissionDenied):
        services.training_update(training=training, by=member, title="Autre")
    services.training_update(training=training, by=trainer, title="Excel avancé")
    assert training.title == "Excel avancé"


def test_register_then_wait_in_order_when_full(session, people):
    a, b, c, d, _e = people
    assert services.registration_create(session=session, person=a).status == "registered"
    assert services.registration_create(session=session, person=b).status == "registered"
    assert services.registration_create(session=session, person=c).status == "waiting"
    assert services.registration_create(session=session, person=d).status == "waiting"
    assert statuses(session) == {
        "P0": "registered",
        "P1": "registered",
        "P2": "waiting",
        "P3": "waiting",
    }


def test_cancelling_promotes_the_first_waiting_and_tells_him(
    session, people, django_capture_on_commit_callbacks
):
    a, b, c, d, _e = people
    for person in (a, b, c, d):
        services.registration_create(session=session, person=person)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(session=session, person=a)
    assert statuses(session) == {
        "P0": "cancelled",
        "P1": "registered",
        "P2": "registered",
        "P3": "waiting",
    }
    promoted = Registration.objects.get(session=session, person=c)
    assert promoted.promoted_at is not None
    when = timezone.localtime(session.starts_at).strftime("%d/%m/%Y %H:%M")
    assert notes(c, "training_promoted") == [
        "Une place s'est libérée : vous êtes inscrit·e à la session « Animer une réunion "
        f"courte » du {when}."
    ]
    assert notes(d, "training_promoted") == []
    # Leaving the waiting list promotes nobody and frees no seat.
    services.registration_cancel(session=session, person=d)
    assert statuses(session)["P3"] == "cancelled"
    assert statuses(session)["P1"] == "registered"


def test_a_person_who_comes_back_goes_to_the_end_of_the_queue(session, people):
    a, b, c, d, _e = people
    for person in (a, b, c, d):
        services.registration_create(session=session, person=person)
    services.registration_cancel(session=session, person=c)  # leaves the queue
    services.registration_create(session=session, person=c)  # back, after d
    services.registration_cancel(session=session, person=a)
    assert statuses(session) == {
        "P0": "cancelled",
        "P1": "registered",
        "P2": "waiting",
        "P3": "registered",
    }


def test_raising_the_capacity_promotes_the_waiting_people(
    session, trainer, people, django_capture_on_commit_callbacks
):
    for person in people:
        services.registration_create(session=session, person=person)
    with django_capture_on_commit_callbacks(execute=True):
        services.session_update(session=session, by=trainer, capacity=4)
    assert [s for s in statuses(session).values()].count("registered") == 4
    assert statuses(session)["P4"] == "waiting"
    assert len(notes(people[2], "training_promoted")) == 1
    assert len(notes(people[3], "training_promoted")) == 1
    # The capacity cannot go below the people registered.
    with pytest.raises(ValidationError) as error:
        services.session_update(session=session, by=trainer, capacity=3)
    assert error.value.message_dict == {
        "capacity": ["4 personnes sont déjà inscrites : la capacité ne peut descendre en dessous."]
    }


def test_no_registration_twice_after_the_start_or_to_a_cancelled_session(session, trainer, people):
    a, b, c, *_ = people
    services.registration_create(session=session, person=a)
    with pytest.raises(ValidationError) as error:
        services.registration_create(session=session, person=a)
    assert error.value.messages == ["Vous êtes déjà inscrit·e à cette session."]
    with pytest.raises(ValidationError) as error:
        services.registration_create(session=session, person=trainer)
    assert error.value.messages == ["Vous animez cette session : inutile de vous y inscrire."]
    started(session)
    with pytest.raises(ValidationError) as error:
        services.registration_create(session=session, person=b)
    assert error.value.messages == ["Cette session a commencé : les inscriptions sont closes."]
    with pytest.raises(ValidationError):
        services.registration_cancel(session=session, person=a)
    assert Registration.objects.filter(session=session).count() == 1


def test_cancelling_the_session_tells_everyone(
    session, trainer, people, django_capture_on_commit_callbacks
):
    for person in people[:3]:
        services.registration_create(session=session, person=person)
    sequence = session.sequence
    with django_capture_on_commit_callbacks(execute=True):
        services.session_cancel(session=session, by=trainer)
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED and session.sequence == sequence + 1
    for person in people[:3]:
        assert len(notes(person, "training_session_cancelled")) == 1
    assert notes(people[3], "training_session_cancelled") == []
    with pytest.raises(ValidationError) as error:
        services.registration_create(session=session, person=people[4])
    assert error.value.messages == ["Cette session est annulée."]


def test_moving_a_session_bumps_its_sequence_and_tells_the_people(
    session, trainer, people, django_capture_on_commit_callbacks
):
    services.registration_create(session=session, person=people[0])
    with django_capture_on_commit_callbacks(execute=True):
        services.session_update(session=session, by=trainer, starts_at=in_days(8))
    session.refresh_from_db()
    assert session.sequence == 1
    assert len(notes(people[0], "training_session_changed")) == 1
    services.session_update(session=session, by=trainer, capacity=5)
    session.refresh_from_db()
    assert session.sequence == 1  # seats do not move the calendar event


def test_session_create_checks_rights_date_and_place(training, member, trainer):
    with pytest.raises(PermissionDenied):
        services.session_create(
            training=training, by=member, starts_at=in_days(3), capacity=3, place="Salle"
        )
    with pytest.raises(ValidationError) as error:
        services.session_create(
            training=training, by=trainer, starts_at=in_days(-1), capacity=3, place="Salle"
        )
    assert error.value.message_dict == {"starts_at": ["Choisissez une date à venir."]}
    with pytest.raises(ValidationError) as error:
        services.session_create(training=training, by=trainer, starts_at=in_days(3), capacity=3)
    assert "place" in error.value.message_dict


def test_attendance_then_feedback_once_and_without_author(session, trainer, hr, people):
    a, b, c, *_ = people
    for person in (a, b, c):
        services.registration_create(session=session, person=person)
    with pytest.raises(PermissionDenied):  # not started yet
        services.attendance_mark(session=session, by=trainer, present_ids=[a.pk])
    started(session)
    with pytest.raises(PermissionDenied):
        services.attendance_mark(session=session, by=a, present_ids=[a.pk])
    with pytest.raises(ValidationError):  # c waits: not registered
        services.attendance_mark(session=session, by=trainer, present_ids=[c.pk])
    assert services.attendance_mark(session=session, by=trainer, present_ids=[a.pk]) == 1
    assert {r.person_id: r.attended for r in session.registrations.all()} == {
        a.pk: True,
        b.pk: False,
        c.pk: None,
    }
    with pytest.raises(ValidationError) as error:
        services.feedback_give(session=session, person=b, rating=4)
    assert error.value.messages == [
        "Seules les personnes présentes donnent leur avis, après la session."
    ]
    feedback = services.feedback_give(session=session, person=a, rating=5, comment=" Top ")
    assert [f.name for f in Feedback._meta.get_fields()] == [
        "id",
        "session",
        "rating",
        "comment",
        "given_on",
    ]
    assert feedback.comment == "Top"
    with pytest.raises(ValidationError) as error:
        services.feedback_give(session=session, person=a, rating=1)
    assert error.value.messages == ["Vous avez déjà donné votre avis sur cette session."]
    assert Feedback.objects.count() == 1
    # Once he gave his feedback, his presence stays.
    with pytest.raises(ValidationError):
        services.attendance_mark(session=session, by=hr, present_ids=[])


def test_feedback_rating_out_of_range_writes_nothing(session, trainer, people):
    services.registration_create(session=session, person=people[0])
    started(session)
    services.attendance_mark(session=session, by=trainer, present_ids=[people[0].pk])
    with pytest.raises(ValidationError):
        services.feedback_give(session=session, person=people[0], rating=6)
    assert not Feedback.objects.exists()
    assert Registration.objects.get(person=people[0]).feedback_given_at is None


def test_reminders_go_the_day_before_once(
    training, trainer, people, django_capture_on_commit_callbacks
):
    tomorrow = services.session_create(
        training=training, by=trainer, starts_at=in_days(1, hour=14), capacity=1, place="Salle"
    )
    later = services.session_create(
        training=training, by=trainer, starts_at=in_days(3), capacity=5, place="Salle"
    )
    services.registration_create(session=tomorrow, person=people[0])
    services.registration_create(session=tomorrow, person=people[1])  # waiting: no reminder
    services.registration_create(session=later, person=people[2])
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_tomorrow_sessions() == 1
    assert notes(people[0], "training_reminder") == [
        "Rappel : formation « Animer une réunion courte » demain à 14:00 (Salle)."
    ]
    assert notes(people[1], "training_reminder") == []
    assert notes(people[2], "training_reminder") == []
    assert services.remind_tomorrow_sessions() == 0  # once
    # Three days on, the later session is tomorrow.
    now = timezone.now() + datetime.timedelta(days=2)
    assert services.remind_tomorrow_sessions(now=now) == 1


def test_archiving_cancels_the_sessions_to_come(training, session, hr, people):
    services.registration_create(session=session, person=people[0])
    services.training_archive(training=training, by=hr)
    session.refresh_from_db()
    assert training.status == TrainingStatus.ARCHIVED
    assert session.status == SessionStatus.CANCELLED


def test_waiting_list_is_kept_whatever_the_order_of_operations(session, trainer, people):
    """The capacity is never exceeded and the queue is served first come, first served."""
    for person in people:
        services.registration_create(session=session, person=person)
    services.registration_cancel(session=session, person=people[1])
    services.session_update(session=session, by=trainer, capacity=3)
    services.registration_cancel(session=session, person=people[0])
    registered = Registration.objects.filter(
        session=session, status=RegistrationStatus.REGISTERED
    ).order_by("queued_at")
    assert [r.person for r in registered] == [people[2], people[3], people[4]]
    assert registered.count() <= 3


def test_a_trainer_may_step_down_but_only_hr_remove_another_trainer(trainer, hr, member):
    # Regression: the rule was inverted: a co-trainer could push out the trainer who
    # proposed the training, but could not step down himself.
    training = services.training_propose(by=trainer, title="Excel", trainers=[member])
    with pytest.raises(ValidationError) as exc:
        services.training_update(training=training, by=member, trainers=[member])
    assert exc.value.message_dict["trainers"] == [
        "Seuls les RH retirent un formateur qui n'est pas vous."
    ]
    assert set(training.trainers.all()) == {trainer, member}
    services.training_update(training=training, by=member, trainers=[trainer])
    assert set(training.trainers.all()) == {trainer}
    services.training_update(training=training, by=hr, trainers=[hr])
    assert set(training.trainers.all()) == {hr}


@pytest.mark.parametrize("seed", range(8))
def test_waiting_list_matches_a_first_come_first_served_queue(seed, training, trainer, people):
    """Random registrations, departures and capacity raises, checked after each step
    against a plain queue: never more people than seats, nobody waiting while a seat is
    free, the waiting list served in the order people asked."""
    rng = random.Random(seed)
    session = services.session_create(
        training=training, by=trainer, starts_at=in_days(5), capacity=2, place="Salle"
    )
    capacity, registered, waiting = 2, [], []
    for _step in range(25):
        person = rng.choice(people)
        op = rng.choices(["register", "cancel", "raise"], weights=[5, 4, 1])[0]
        active = person in registered or person in waiting
        if op == "raise":
            capacity += 1
            services.session_update(session=session, by=trainer, capacity=capacity)
        elif op == "register" and active or op == "cancel" and not active:
            with pytest.raises(ValidationError):
                getattr(services, f"registration_{'create' if op == 'register' else op}")(
                    session=session, person=person
                )
        elif op == "register":
            services.registration_create(session=session, person=person)
            (registered if len(registered) < capacity and not waiting else waiting).append(person)
        else:
            services.registration_cancel(session=session, person=person)
            (registered if person in registered else waiting).remove(person)
        while waiting and len(registered) < capacity:
            registered.append(waiting.pop(0))
        rows = Registration.objects.filter(session=session).order_by("queued_at", "id")
        assert {r.person for r in rows if r.status == RegistrationStatus.REGISTERED} == set(
            registered
        )
        assert [r.person for r in rows if r.status == RegistrationStatus.WAITING] == waiting
        assert len(registered) <= capacity
