"""The trainings' part of the URL guard (tests/core/test_url_guard.py).

The member proposed the training and gives its session (so he edits them); the admin
is HR; the session is to come (no attendance nor feedback yet); the member has
registered to nothing, the agent holds a registration."""

import datetime

from django.utils import timezone

from tests.guard import API_POST_ONLY, API_READ, LOGIN, admins, everyone, logged_in


def training(ctx):
    return {"pk": ctx["trainings_training"].pk}


def session(ctx):
    return {"pk": ctx["trainings_session"].pk}


TRAINERS = {"anonymous": LOGIN, "agent": 403, "member": 200, "lead_link": 403, "admin": 200}

EXPECTED = {
    "trainings:training_list": (None, logged_in()),
    "trainings:training_create": (None, logged_in()),
    "trainings:training_detail": (training, logged_in()),
    "trainings:training_update": (training, TRAINERS),
    "trainings:training_publish": (training, logged_in(405)),
    "trainings:training_archive": (training, logged_in(405)),
    "trainings:session_create": (training, TRAINERS),
    "trainings:session_list": (None, admins()),
    "trainings:session_detail": (session, logged_in()),
    "trainings:session_update": (session, TRAINERS),
    "trainings:session_cancel": (session, logged_in(405)),
    "trainings:session_register": (session, logged_in(405)),
    "trainings:session_unregister": (session, logged_in(405)),
    "trainings:session_attendance": (session, logged_in(403)),  # not started yet
    "trainings:session_feedback": (session, logged_in(403)),  # not attended
    "trainings:session_ics": (session, logged_in()),
    "trainings:my_trainings": (None, logged_in()),
    "trainings:calendar_feed_manage": (None, logged_in(405)),
    "trainings:calendar_feed": (  # no login: the secret key is the access
        lambda ctx: {"key": ctx["trainings_feed_key"]},
        everyone(200),
    ),
    "trainings:trainer_detail": (lambda ctx: {"pk": ctx["member"].pk}, logged_in()),
    "v1:trainings-training-list": (None, API_READ),
    "v1:trainings-training-detail": (training, API_READ),
    "v1:trainings-session-list": (None, API_READ),
    "v1:trainings-session-detail": (session, API_READ),
    "v1:trainings-session-register": (session, API_POST_ONLY),
    "v1:trainings-session-unregister": (session, API_POST_ONLY),
    "v1:trainings-registration-list": (None, API_READ),
    "v1:trainings-registration-detail": (  # one's own registrations only
        lambda ctx: {"pk": ctx["trainings_registration"].pk},
        {**logged_in(404, anonymous=401), "agent": 200},
    ),
}


def context(*, org, admin, agent, member, lead_link) -> dict:
    from cercles.trainings import services

    training = services.training_propose(by=member, title="Tableur sans peur")
    services.training_publish(training=training, by=admin)
    starts_at = timezone.now() + datetime.timedelta(days=7)
    session = services.session_create(
        training=training, by=member, starts_at=starts_at, capacity=2, place="Salle 1"
    )
    registration = services.registration_create(session=session, person=agent)
    _feed, key = services.calendar_feed_create(person=member)
    return {
        "trainings_training": training,
        "trainings_session": session,
        "trainings_registration": registration,
        "trainings_feed_key": key,
    }
