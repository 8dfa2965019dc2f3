"""Calendars: a meeting's invitation (.ics) and a person's feed at a secret address."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from cercles.meetings import services
from cercles.meetings.models import CalendarFeed


def ics_url(meeting):
    return reverse("meetings:meeting_ics", args=[meeting.pk])


def parse(response):
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_invitation(login, meeting, member, facilitator, admin, agent, client):
    services.agenda_item_create(
        meeting=meeting, by=admin, title="Tour d'inclusion", time_box_minutes=5
    )
    services.meeting_update(meeting=meeting, by=admin, place="Salle Gambetta")
    assert client.get(ics_url(meeting)).status_code == 302
    assert login(agent).get(ics_url(meeting)).status_code == 404
    response = login(member).get(ics_url(meeting))
    assert 'filename="reunion-' in response["Content-Disposition"]
    calendar = parse(response)
    assert str(calendar["method"]) == "PUBLISH"
    (event,) = calendar.walk("VEVENT")
    assert str(event["uid"]) == f"{meeting.uid}@cercles"
    assert int(event["sequence"]) == 1  # the place changed once
    assert str(event["summary"]) == "Réunion tactique de mars"
    assert str(event["location"]) == "Salle Gambetta"
    assert event.decoded("dtstart") == meeting.starts_at.replace(microsecond=0)
    assert event.decoded("dtend") - event.decoded("dtstart") == datetime.timedelta(minutes=60)
    assert str(event["organizer"]) == f"mailto:{facilitator.email}"
    attendees = {str(a): a.params["CN"] for a in event["attendee"]}
    assert attendees[f"mailto:{member.email}"] == "Marc Membre" and len(attendees) == 5
    description = str(event["description"])
    assert "1. Tour d'inclusion (5 min)" in description
    assert f"/meetings/{meeting.pk}/" in description


def test_sequence_goes_up_on_changes_a_calendar_must_see(meeting, admin):
    uid = meeting.uid
    services.meeting_update(meeting=meeting, by=admin, speaking_time_limit_seconds=60)
    assert meeting.sequence == 0
    services.meeting_update(
        meeting=meeting, by=admin, starts_at=meeting.starts_at + datetime.timedelta(hours=1)
    )
    services.meeting_update(meeting=meeting, by=admin, video_link="https://visio.exemple.fr/a")
    meeting.refresh_from_db()
    assert meeting.sequence == 2 and meeting.uid == uid


def test_invitation_query_count(login, meeting, member, admin, django_assert_num_queries):
    client = login(member)
    # Queries: session, user; his roles and led circles; the meeting; his participant
    # row; the agenda; the participants with people.
    with django_assert_num_queries(8):
        client.get(ics_url(meeting))
    for i in range(4):
        services.agenda_item_create(meeting=meeting, by=admin, title=f"Point {i}")
    with django_assert_num_queries(8):
        client.get(ics_url(meeting))


# --- the personal feed -----------------------------------------------------------------


@pytest.fixture
def feed_key(member):
    _feed, raw = services.calendar_feed_create(person=member)
    return raw


def feed_url(key):
    return reverse("meetings:calendar_feed", args=[key])


def test_feed_lists_his_meetings_without_login(client, feed_key, meeting, org, admin, member):
    old = services.meeting_create(
        by=admin,
        circle=org["rh"],
        title="Trop ancienne",
        starts_at=timezone.now() - datetime.timedelta(days=120),
    )
    recent = services.meeting_create(
        by=admin,
        circle=org["rh"],
        title="Le mois dernier",
        starts_at=timezone.now() - datetime.timedelta(days=30),
    )
    elsewhere = services.meeting_create(
        by=admin, circle=org["numerique"], title="Ailleurs", starts_at=timezone.now()
    )
    assert old and elsewhere
    response = client.get(feed_url(feed_key))
    assert response.status_code == 200
    events = parse(response).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Le mois dernier", "Réunion tactique de mars"]
    assert str(events[0]["uid"]) == f"{recent.uid}@cercles"
    assert "attendee" not in events[0]  # a feed lists nobody else
    assert CalendarFeed.objects.get(person=member).last_used_at is not None


def test_bad_or_revoked_keys_get_404(client, feed_key, member):
    assert client.get(feed_url("pas-une-clé")).status_code == 404
    assert client.get(feed_url("x" * 200)).status_code == 404
    # Only the hash is stored.
    assert not CalendarFeed.objects.filter(key_hash=feed_key).exists()
    _feed, new_key = services.calendar_feed_create(person=member)
    assert client.get(feed_url(feed_key)).status_code == 404
    assert client.get(feed_url(new_key)).status_code == 200
    services.calendar_feed_revoke(person=member)
    assert client.get(feed_url(new_key)).status_code == 404


def test_feed_of_an_inactive_person_is_gone(client, feed_key, member):
    member.is_active = False
    member.save(update_fields=["is_active"])
    assert client.get(feed_url(feed_key)).status_code == 404


def test_feed_query_count(client, feed_key, meeting, org, admin, django_assert_num_queries):
    client.get(feed_url(feed_key))  # the day of last use is written once
    # Queries: the feed with its person; the meetings with circle, facilitator and
    # creator; their agenda items.
    with django_assert_num_queries(3):
        client.get(feed_url(feed_key))
    for i in range(4):
        m = services.meeting_create(
            by=admin, circle=org["rh"], title=f"R{i}", starts_at=timezone.now()
        )
        services.agenda_item_create(meeting=m, by=admin, title="Point")
    with django_assert_num_queries(3):
        assert len(parse(client.get(feed_url(feed_key))).walk("VEVENT")) == 5


# --- "Mes réunions" --------------------------------------------------------------------


def test_my_meetings_and_the_feed_address(
    client, login, member, meeting, django_assert_num_queries
):
    url = reverse("meetings:my_meetings")
    assert client.get(url).status_code == 302
    client = login(member)
    # Queries: session, user; the coming meetings; the recent ones; his feed.
    with django_assert_num_queries(5):
        body = client.get(url).content.decode()
    assert "Réunion tactique de mars" in body and "Créer mon adresse d" in body
    manage = reverse("meetings:calendar_feed_manage")
    assert client.get(manage).status_code == 405
    response = client.post(manage, {"action": "create"})
    assert response.status_code == 200
    body = response.content.decode()
    feed = CalendarFeed.objects.get(person=member)
    start = body.index('id="feed-url" type="text" readonly value="') + len(
        'id="feed-url" type="text" readonly value="'
    )
    address = body[start : body.index('"', start)]
    assert address.startswith("http://testserver/calendar/") and address.endswith(".ics")
    assert address.split("/")[-1].startswith(feed.prefix)
    assert "webcal://testserver/calendar/" in body
    # Shown once: the page afterwards only says an address is active.
    body = client.get(url).content.decode()
    assert address not in body and "Une adresse est active" in body
    response = client.post(manage, {"action": "revoke"})
    assert response.status_code == 302 and not CalendarFeed.objects.exists()
    response = client.post(manage, {"action": "voler"}, follow=True)
    assert "Action inconnue." in response.content.decode()
