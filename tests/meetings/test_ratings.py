"""Participants rate the meeting: who and when, the form, the summary without names,
the API, and the circle's trend (page of meetings and circle page's panel)."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from cercles.meetings import services
from cercles.meetings.models import MeetingRating
from cercles.meetings.ratings import summarise

from .conftest import at


def rating_url(meeting):
    return reverse("meetings:rating", args=[meeting.pk])


# --- who rates, when -------------------------------------------------------------------


def test_present_participants_rate_a_closed_meeting(closed_meeting, member, speakers, lead_link):
    services.rating_save(meeting=closed_meeting, person=member, score=4, voice="yes")
    # One rating per person: a second one changes it.
    services.rating_save(
        meeting=closed_meeting, person=member, score=2, voice="partly", comment="  Trop long. "
    )
    rating = MeetingRating.objects.get()
    assert (rating.score, rating.voice, rating.comment) == (2, "partly", "Trop long.")
    # Claire was excused, Léa absent: they did not live the meeting.
    for person in (speakers[1], lead_link):
        with pytest.raises(PermissionDenied):
            services.rating_save(meeting=closed_meeting, person=person, score=5, voice="yes")


def test_a_live_meeting_is_rated_in_its_last_minutes(org, admin, facilitator, member):
    meeting = services.meeting_create(
        by=admin,
        circle=org["rh"],
        title="Tactique",
        starts_at=timezone.now() - datetime.timedelta(minutes=30),
        duration_minutes=60,
    )
    services.meeting_start(meeting=meeting, by=facilitator)
    services.participant_set_present(meeting=meeting, person=member, present=True, by=admin)
    with pytest.raises(ValidationError):
        services.rating_save(meeting=meeting, person=member, score=5, voice="yes")
    later = timezone.now() + datetime.timedelta(minutes=21)
    services.rating_save(meeting=meeting, person=member, score=5, voice="yes", now=later)
    assert MeetingRating.objects.count() == 1


def test_bad_rating_input(closed_meeting, member):
    with pytest.raises(ValidationError) as error:
        services.rating_save(
            meeting=closed_meeting, person=member, score=9, voice="bof", comment="x" * 2001
        )
    assert set(error.value.message_dict) == {"score", "voice", "comment"}
    assert not MeetingRating.objects.exists()


# --- the page --------------------------------------------------------------------------


def test_who_opens_the_rating_page(
    client, login, closed_meeting, member, agent, lead_link, meeting
):
    url = rating_url(closed_meeting)
    assert client.get(url).status_code == 302
    assert login(agent).get(url).status_code == 404
    assert login(lead_link).get(url).status_code == 403  # absent
    assert login(member).get(url).status_code == 200


def test_rate_through_the_page(login, closed_meeting, member):
    client = login(member)
    body = client.get(reverse("meetings:meeting_detail", args=[closed_meeting.pk])).content
    assert "Évaluer la réunion" in body.decode()
    response = client.post(
        rating_url(closed_meeting), {"score": "4", "voice": "partly", "comment": "Bien animée."}
    )
    assert response.status_code == 302 and response.url.endswith("#rating")
    body = client.get(rating_url(closed_meeting)).content.decode()
    assert re.search(r'name="score" value="4"[^>]*checked', body)
    assert re.search(r'name="voice" value="partly"[^>]*checked', body)
    assert "Bien animée." in body


def test_bad_input_keeps_the_values(login, closed_meeting, member):
    response = login(member).post(
        rating_url(closed_meeting), {"score": "7", "comment": "Je garde ce texte."}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Choisissez une note de 1 à 5." in body
    assert "Dites si vous avez pu dire ce que vous vouliez." in body
    assert "Je garde ce texte." in body
    assert not MeetingRating.objects.exists()


def test_summary_shows_no_names(login, closed_meeting, member, speakers, admin, lead_link):
    services.participant_set_present(
        meeting=closed_meeting, person=lead_link, present=True, by=admin
    )
    services.rating_save(
        meeting=closed_meeting, person=member, score=5, voice="yes", comment="Zut, trop court."
    )
    services.rating_save(
        meeting=closed_meeting, person=speakers[0], score=3, voice="no", comment="Animé."
    )
    services.rating_save(meeting=closed_meeting, person=lead_link, score=4, voice="yes")
    body = login(lead_link).get(reverse("meetings:meeting_detail", args=[closed_meeting.pk]))
    section = body.content.decode()
    section = section[section.index('id="rating"') : section.index('id="minutes"')]
    assert "<strong>4,0 sur 5</strong> (3 évaluations)" in section
    assert "67 % des participants ont pu dire ce qu'ils voulaient." in section
    # The comments, alphabetically, and nobody's name next to them.
    assert section.index("Animé.") < section.index("Zut, trop court.")
    for name in ("Marc", "Bruno", "Léa"):
        assert name not in section


def test_summarise():
    summary = summarise([(5, "yes", ""), (4, "partly", " b "), (4, "yes", "A")])
    assert summary.count == 3 and summary.mean == pytest.approx(13 / 3)
    assert summary.distribution[:2] == [(5, 1, 33), (4, 2, 67)]
    assert summary.share_yes == 67 and summary.comments == ["A", "b"]
    empty = summarise([])
    assert empty.count == 0 and empty.mean is None and empty.share_yes is None


# --- API -------------------------------------------------------------------------------

RATINGS = "/api/v1/meeting-ratings/"


def test_api_rate_and_read_own(api_client, closed_meeting, member, speakers, lead_link, agent):
    payload = {"meeting": closed_meeting.pk, "score": 4, "voice": "yes", "comment": "Claire."}
    # A meeting he may not see is "not found" on the field, as for the other writes.
    hidden = api_client(agent).post(RATINGS, payload, content_type="application/json")
    assert hidden.status_code == 400 and hidden.json() == {"meeting": ["Réunion introuvable."]}
    assert (
        api_client(lead_link).post(RATINGS, payload, content_type="application/json").status_code
        == 403
    )
    response = api_client(member).post(RATINGS, payload, content_type="application/json")
    assert response.status_code == 201 and response.json()["score"] == 4
    bad = api_client(member).post(
        RATINGS,
        {"meeting": closed_meeting.pk, "score": 0, "voice": "?"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and set(bad.json()) == {"score", "voice"}
    assert [r["score"] for r in api_client(member).get(RATINGS).json()["results"]] == [4]
    # Nobody else's ratings, even to someone who sees the meeting.
    assert api_client(lead_link).get(RATINGS).json()["results"] == []
    own = MeetingRating.objects.get()
    assert api_client(lead_link).get(f"{RATINGS}{own.pk}/").status_code == 404
    summary = api_client(lead_link).get(f"/api/v1/meetings/{closed_meeting.pk}/ratings/").json()
    assert summary["count"] == 1 and summary["comments"] == ["Claire."]
    assert "person" not in str(summary)
    assert (
        api_client(agent).get(f"/api/v1/meetings/{closed_meeting.pk}/ratings/").status_code == 404
    )


# --- the circle's trend ----------------------------------------------------------------


def held(org, admin, facilitator, people, day, scores):
    meeting = services.meeting_create(
        by=admin,
        circle=org["rh"],
        title=f"Réunion {day}",
        starts_at=timezone.now() - datetime.timedelta(days=40 - day),
    )
    services.meeting_start(meeting=meeting, by=facilitator)
    for i, person in enumerate(people):
        services.participant_set_present(meeting=meeting, person=person, present=True, by=admin)
        services.speaker_request_create(meeting=meeting, person=person, at=at(100 * i))
        services.floor_give(meeting=meeting, by=facilitator, at=at(100 * i))
        services.floor_stop(meeting=meeting, by=facilitator, at=at(100 * i + 30 * (i + 1)))
    services.meeting_close(meeting=meeting, by=facilitator, at=at(1000))
    for person, score in zip(people, scores, strict=False):
        services.rating_save(meeting=meeting, person=person, score=score, voice="yes")
    return meeting


def test_circle_page_shows_the_trend(
    login, org, admin, facilitator, member, speakers, agent, django_assert_num_queries, own_panels
):
    people = [member, *speakers]
    for day in range(1, 4):
        held(org, admin, facilitator, people, day, [day + 1, day + 2])
    url = reverse("organisation:circle_detail", args=[org["rh"].pk])
    client = login(member)
    client.get(url)  # the circle body is cached from here on
    # The page's own queries (session; user; the circle; his led circles; the
    # breadcrumb), then the panel: his roles; the last closed meetings; their turns;
    # their attendance; their ratings' means.
    with django_assert_num_queries(10):
        body = client.get(url).content.decode()
    section = body[body.index('id="meeting-trend"') :]
    assert section.count('role="img"') == 2
    assert "Réunion 1" in section and "2,5 / 5" in section and "4,5 / 5" in section
    for day in range(4, 10):
        held(org, admin, facilitator, people, day, [3])
    client.get(url)
    with django_assert_num_queries(10):
        body = client.get(url).content.decode()
    section = body[body.index('id="meeting-trend"') :]
    assert "Réunion 1<" not in section and "Réunion 9" in section  # the last 8
    # Someone who does not see the circle's meetings sees no trend.
    assert 'id="meeting-trend"' not in login(agent).get(url).content.decode()


def test_circle_meetings_page_shows_mean_ratings(login, org, admin, facilitator, member, speakers):
    held(org, admin, facilitator, [member, *speakers], 1, [5, 4])
    body = login(member).get(reverse("meetings:circle_meetings", args=[org["rh"].pk]))
    body = body.content.decode()
    assert "4,5 / 5" in body and "(2 évaluations)" in body
    assert body.count('role="img"') == 2
