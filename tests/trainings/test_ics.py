"""Calendar files: a session's invitation, and the personal feed behind a secret key."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from cercles.trainings import services
from cercles.trainings.models import CalendarFeed

pytestmark = pytest.mark.django_db


def events(content: bytes):
    return [c for c in Calendar.from_ical(content).walk() if c.name == "VEVENT"]


def test_session_ics_has_a_stable_uid_and_utc_times(login, session, member):
    response = login(member).get(reverse("trainings:session_ics", args=[session.pk]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="formation-{session.pk}.ics"'
    (event,) = events(response.content)
    assert str(event["uid"]) == f"training-session-{session.uid}@cercles"
    assert event["sequence"] == 0
    assert event.decoded("dtstart") == session.starts_at.astimezone(datetime.UTC)
    assert event.decoded("dtend") - event.decoded("dtstart") == datetime.timedelta(hours=2)
    assert str(event["summary"]) == "Formation : Animer une réunion courte"
    assert str(event["location"]) == "Salle Jean Moulin"
    assert str(event["status"]) == "CONFIRMED"


def test_feed_lists_my_sessions_and_a_cancelled_one_struck_out(
    client, session, training, trainer, member, people
):
    other = services.session_create(
        training=training,
        by=trainer,
        starts_at=session.starts_at + datetime.timedelta(days=1),
        capacity=3,
        place="Salle",
    )
    services.registration_create(session=session, person=member)
    services.registration_create(session=other, person=people[0])  # not his
    feed, key = services.calendar_feed_create(person=member)
    assert feed.key_hash != key and len(key) > 30
    url = reverse("trainings:calendar_feed", args=[key])
    (event,) = events(client.get(url).content)
    assert str(event["uid"]) == f"training-session-{session.uid}@cercles"
    services.session_cancel(session=session, by=trainer)
    (event,) = events(client.get(url).content)
    assert str(event["status"]) == "CANCELLED" and event["sequence"] == 1
    # The trainer's feed holds the sessions he gives.
    _feed, trainer_key = services.calendar_feed_create(person=trainer)
    assert (
        len(events(client.get(reverse("trainings:calendar_feed", args=[trainer_key])).content)) == 2
    )


def test_feed_key_revoked_or_wrong_is_404(client, member):
    _feed, key = services.calendar_feed_create(person=member)
    _feed, new_key = services.calendar_feed_create(person=member)
    assert client.get(reverse("trainings:calendar_feed", args=[key])).status_code == 404
    assert client.get(reverse("trainings:calendar_feed", args=[new_key])).status_code == 200
    services.calendar_feed_revoke(person=member)
    assert client.get(reverse("trainings:calendar_feed", args=[new_key])).status_code == 404
    assert client.get(reverse("trainings:calendar_feed", args=["x" * 200])).status_code == 404


def test_feed_page_shows_the_address_once(login, member):
    client = login(member)
    response = client.post(reverse("trainings:calendar_feed_manage"), {"action": "create"})
    assert response.status_code == 200 and response.context["feed_url"].startswith("http://")
    assert CalendarFeed.objects.filter(person=member).count() == 1
    response = client.get(reverse("trainings:my_trainings"))
    assert response.context["feed_url"] == ""
    client.post(reverse("trainings:calendar_feed_manage"), {"action": "revoke"})
    assert not CalendarFeed.objects.exists()
