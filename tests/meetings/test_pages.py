"""The meeting pages: who sees and does what, bad input, and query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cercles.meetings import services
from cercles.meetings.models import Meeting, MeetingStatus, RequestStatus

from .conftest import at


def detail(meeting):
    return reverse("meetings:meeting_detail", args=[meeting.pk])


def floor(meeting):
    return reverse("meetings:room_action", args=[meeting.pk])


# --- who sees --------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, meeting):
    response = client.get(detail(meeting))
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_outsider_gets_404(login, agent, meeting):
    assert login(agent).get(detail(meeting)).status_code == 404
    assert login(agent).get(reverse("meetings:meeting_detail", args=[999999])).status_code == 404


def test_an_invited_outsider_sees_the_meeting(login, agent, admin, meeting):
    services.participant_add(meeting=meeting, person=agent, by=admin)
    assert login(agent).get(detail(meeting)).status_code == 200


def test_members_of_an_invited_circle_see_it(login, admin, org, meeting):
    from cercles.organisation import services as org_services
    from tests.factories import PersonFactory

    guest = PersonFactory(first_name="Nina", last_name="Numérique")
    role = org_services.role_create(by=admin, circle=org["numerique"], name="Développeuse")
    org_services.assignment_create(role=role, person=guest, by=admin, share=100)
    assert login(guest).get(detail(meeting)).status_code == 404
    services.meeting_update(meeting=meeting, by=admin, other_circles=[org["numerique"]])
    assert login(guest).get(detail(meeting)).status_code == 200


def test_the_page_shows_the_meeting(login, member, meeting, admin, facilitator):
    services.agenda_item_create(meeting=meeting, by=admin, title="Tour d'inclusion")
    body = login(member).get(detail(meeting)).content.decode()
    assert "<h1>Réunion tactique de mars" in body
    assert "Fabien Facilitateur" in body and "Tour d&#x27;inclusion" in body
    assert "5 participants" in body
    # Planned: no live room yet, no buttons, no socket.
    assert "ws-connect" not in body and "Demander la parole" not in body
    assert "Ouvrir la réunion" not in body  # a member does not drive


def test_a_live_meeting_connects_participants_and_offers_the_buttons(login, member, live_meeting):
    body = login(member).get(detail(live_meeting)).content.decode()
    assert f'ws-connect="/ws/meetings/{live_meeting.pk}/"' in body
    assert "vendor/htmx-ext-ws/ws.min.js" in body and "js/countdown.js" in body
    assert "Demander la parole" in body and "Donner la parole" not in body


def test_a_member_who_is_not_a_participant_sees_without_connecting(
    login, admin, org, live_meeting, member
):
    live_meeting.participants.filter(person=member).delete()
    body = login(member).get(detail(live_meeting)).content.decode()
    assert "ws-connect" not in body and "Demander la parole" not in body


def test_the_facilitator_sees_the_controls(login, facilitator, live_meeting, member):
    services.speaker_request_create(meeting=live_meeting, person=member)
    body = login(facilitator).get(detail(live_meeting)).content.decode()
    assert ">Donner la parole<" in body and "Donner la parole à Marc Membre" in body
    assert "Clore la réunion" in body


# --- the room without JavaScript -------------------------------------------------------


def test_ask_and_withdraw_with_plain_forms(login, member, live_meeting):
    client = login(member)
    response = client.post(floor(live_meeting), {"action": "ask", "kind": "speak"})
    assert response.status_code == 302 and response.url == detail(live_meeting) + "#live-room"
    assert live_meeting.speaker_requests.get().status == RequestStatus.WAITING
    body = client.get(detail(live_meeting)).content.decode()
    assert "Retirer ma demande" in body and "Vous êtes dans la file d" in body
    client.post(floor(live_meeting), {"action": "withdraw"})
    assert live_meeting.speaker_requests.get().status == RequestStatus.WITHDRAWN


def test_a_participant_cannot_give_the_floor(login, member, live_meeting):
    client = login(member)
    client.post(floor(live_meeting), {"action": "ask"})
    response = client.post(floor(live_meeting), {"action": "give"}, follow=True)
    assert "Seul le facilitateur anime la réunion." in response.content.decode()
    assert live_meeting.speaker_requests.get().status == RequestStatus.WAITING


def test_the_facilitator_gives_and_stops_the_floor(login, facilitator, member, live_meeting):
    services.speaker_request_create(meeting=live_meeting, person=member)
    client = login(facilitator)
    client.post(floor(live_meeting), {"action": "give"})
    body = client.get(detail(live_meeting)).content.decode()
    assert "<strong>Marc Membre</strong> a la parole" in body
    client.post(floor(live_meeting), {"action": "stop"})
    assert live_meeting.speaker_requests.get().status == RequestStatus.DONE


@pytest.mark.parametrize(
    "data, message",
    [
        ({"action": "fly"}, "Action inconnue."),
        ({"action": "give", "request": "999999"}, "Cette demande n&#x27;existe pas."),
        ({"action": "up"}, "Choisissez une demande."),
        ({"action": "ask", "kind": "shout"}, "Type de demande inconnu."),
    ],
)
def test_bad_room_input(login, facilitator, live_meeting, data, message):
    response = login(facilitator).post(floor(live_meeting), data, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_room_action_needs_post_and_sight(login, agent, member, live_meeting):
    assert login(member).get(floor(live_meeting)).status_code == 405
    assert login(agent).post(floor(live_meeting), {"action": "ask"}).status_code == 404


# --- start, close, attendance, agenda --------------------------------------------------


def test_start_and_close(login, facilitator, member, meeting):
    start = reverse("meetings:meeting_start", args=[meeting.pk])
    close = reverse("meetings:meeting_close", args=[meeting.pk])
    assert login(member).post(start).status_code == 403
    assert login(facilitator).post(start).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.LIVE
    assert login(member).post(close).status_code == 403
    assert login(facilitator).post(close).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CLOSED
    assert login(facilitator).post(close).status_code == 403


def test_attendance(login, facilitator, member, meeting, agent):
    url = reverse("meetings:attendance", args=[meeting.pk])
    assert login(member).post(url, {"person": member.pk, "present": "1"}).status_code == 403
    assert login(facilitator).post(url, {"person": member.pk, "present": "1"}).status_code == 302
    assert meeting.participants.get(person=member).present
    # Someone who is not a participant, or nonsense: 404.
    assert login(facilitator).post(url, {"person": agent.pk, "present": "1"}).status_code == 404
    assert login(facilitator).post(url, {"person": "x"}).status_code == 404


def test_agenda(login, facilitator, member, meeting):
    url = reverse("meetings:agenda_item_create", args=[meeting.pk])
    assert login(member).post(url, {"title": "Point"}).status_code == 403
    client = login(facilitator)
    client.post(url, {"title": "Météo", "time_box_minutes": "5", "owner": str(member.pk)})
    client.post(url, {"title": "Tensions"})
    items = list(meeting.agenda_items.all())
    assert [(i.title, i.owner, i.time_box_minutes) for i in items] == [
        ("Météo", member, 5),
        ("Tensions", None, None),
    ]
    change = reverse("meetings:agenda_item_change", args=[items[1].pk])
    client.post(change, {"change": "up"})
    client.post(change, {"change": "done"})
    assert [(i.title, i.done) for i in meeting.agenda_items.all()] == [
        ("Tensions", True),
        ("Météo", False),
    ]
    # Bad input: an empty title, a negative time box.
    response = client.post(url, {"title": " ", "time_box_minutes": "-3"}, follow=True)
    body = response.content.decode()
    assert "Donnez un intitulé au point." in body and "Au moins une minute." in body
    assert meeting.agenda_items.count() == 2


# --- planning a meeting ----------------------------------------------------------------


def create_url(circle):
    return reverse("meetings:meeting_create", args=[circle.pk])


def test_who_plans_a_meeting(login, org, member, facilitator, lead_link, admin, agent):
    url = create_url(org["rh"])
    assert login(member).get(url).status_code == 403
    assert login(agent).get(url).status_code == 403
    for person in (facilitator, lead_link, admin):
        assert login(person).get(url).status_code == 200


def test_plan_a_meeting(login, org, facilitator, member):
    response = login(facilitator).post(
        create_url(org["rh"]),
        {
            "title": "Gouvernance d'avril",
            "kind": "governance",
            "starts_at": "2025-04-03T14:00",
            "duration_minutes": "90",
            "place": "Salle du conseil",
            "video_link": "",
            "facilitator": "",
            "secretary": "",
            "speaking_time_limit_seconds": "90",
            "allow_replies": "on",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response.url == detail(meeting)
    assert meeting.kind == "governance" and meeting.duration_minutes == 90
    assert meeting.facilitator == facilitator  # the circle's, by default
    assert timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M") == "2025-04-03 14:00"
    assert meeting.participants.filter(person=member).exists()


def test_bad_meeting_input(login, org, facilitator):
    response = login(facilitator).post(
        create_url(org["rh"]),
        {
            "title": "",
            "kind": "banquet",
            "starts_at": "demain",
            "duration_minutes": "1",
            "video_link": "pas une adresse",
            "speaking_time_limit_seconds": "5",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    for message in (
        "Donnez un titre à la réunion.",
        "Indiquez une date et une heure",
        "Une réunion dure au moins 5 minutes.",
        "Indiquez une adresse web",
        "Au moins 10 secondes.",
        "banquet",
    ):
        assert message in body
    assert not Meeting.objects.exists()


def test_edit_a_meeting(login, facilitator, member, meeting, lead_link):
    url = reverse("meetings:meeting_update", args=[meeting.pk])
    assert login(member).get(url).status_code == 403
    client = login(facilitator)
    page = client.get(url).content.decode()
    assert 'value="Réunion tactique de mars"' in page
    response = client.post(
        url,
        {
            "title": "Tactique de mars",
            "kind": "tactical",
            "starts_at": "2025-03-20T10:00",
            "duration_minutes": "45",
            "facilitator": str(lead_link.pk),
            "secretary": "",
            "speaking_time_limit_seconds": "60",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.title, meeting.facilitator, meeting.speaking_time_limit_seconds) == (
        "Tactique de mars",
        lead_link,
        60,
    )
    assert meeting.allow_replies is False  # the box was not ticked


# --- a circle's meetings and the equity trend -----------------------------------------


def closed_meeting(org, admin, facilitator, people, seconds, day):
    meeting = services.meeting_create(
        by=admin,
        circle=org["rh"],
        title=f"Réunion {day}",
        starts_at=timezone.now() - datetime.timedelta(days=30 - day),
    )
    services.meeting_start(meeting=meeting, by=facilitator)
    clock = 0
    for person, length in zip(people, seconds, strict=True):
        services.participant_set_present(meeting=meeting, person=person, present=True, by=admin)
        if length:
            services.speaker_request_create(meeting=meeting, person=person, at=at(clock))
            services.floor_give(meeting=meeting, by=facilitator, at=at(clock))
            services.floor_stop(meeting=meeting, by=facilitator, at=at(clock + length))
            clock += length
    services.meeting_close(meeting=meeting, by=facilitator, at=at(clock + 1))
    return meeting


def test_circle_meetings_show_the_equity_trend(
    login, org, admin, facilitator, member, speakers, django_assert_num_queries
):
    people = [member, *speakers]
    closed_meeting(org, admin, facilitator, people, [60, 60, 60], day=1)  # 100 %
    closed_meeting(org, admin, facilitator, people, [180, 0, 0], day=2)  # 33 %
    closed_meeting(org, admin, facilitator, people, [90, 60, 30], day=3)  # 78 %
    client = login(member)
    url = reverse("meetings:circle_meetings", args=[org["rh"].pk])
    # Queries: session, user; the circle with its parent; the user's led circles; his
    # roles (the circles whose meetings he sees); the meetings' count; the page of
    # meetings with facilitators; the closed meetings of the trend; their turns; their
    # attendance; their ratings' means.
    with django_assert_num_queries(11):
        response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    trend = body[body.index("<caption") : body.index("</table>")]
    assert trend.index("Réunion 1") < trend.index("Réunion 2") < trend.index("Réunion 3")
    assert "<td>100 %</td>" in trend and "<td>33 %</td>" in trend and "<td>78 %</td>" in trend
    assert 'role="img"' in body  # the SVG bars
    assert "Planifier une réunion" not in body


def test_circle_meetings_query_count_does_not_grow(
    login, org, admin, facilitator, member, speakers, django_assert_num_queries
):
    for day in range(1, 5):
        closed_meeting(org, admin, facilitator, [member, *speakers], [30, 20, 10], day=day)
    client = login(member)
    with django_assert_num_queries(11):
        client.get(reverse("meetings:circle_meetings", args=[org["rh"].pk]))


def test_circle_meetings_are_404_for_an_unknown_circle(login, member):
    assert login(member).get(reverse("meetings:circle_meetings", args=[999999])).status_code == 404


def test_meeting_page_query_count(
    login, facilitator, member, speakers, live_meeting, admin, django_assert_num_queries, own_panels
):
    for i, person in enumerate([member, *speakers]):
        services.agenda_item_create(meeting=live_meeting, by=admin, title=f"Point {i}")
        services.speaker_request_create(meeting=live_meeting, person=person, at=at(i))
    services.floor_give(meeting=live_meeting, by=facilitator, at=at(10))
    services.floor_stop(meeting=live_meeting, by=facilitator, at=at(40))
    services.floor_give(meeting=live_meeting, by=facilitator, at=at(41))
    client = login(member)
    # Queries: session, user; the user's roles and led circles (the circles whose
    # meetings he sees); the meeting with circle, facilitator, secretary, charter,
    # template and minutes; his participant row; the agenda with owners; the
    # participants with people; the room's turns and waiting requests; the checklist;
    # the actions; the ratings.
    with django_assert_num_queries(13):
        response = client.get(detail(live_meeting))
    body = response.content.decode()
    assert "Temps de parole" in body and "30 s" in body
    assert "Équité du temps de parole" in body


def test_circle_page_links_to_its_meetings(login, member, org):
    body = login(member).get(reverse("organisation:circle_detail", args=[org["rh"].pk]))
    assert f'href="/circles/{org["rh"].pk}/meetings/"' in body.content.decode()


def test_closed_meeting_page_query_count_does_not_grow(
    login,
    org,
    admin,
    facilitator,
    member,
    speakers,
    lead_link,
    django_assert_num_queries,
    own_panels,
):
    from cercles.meetings.models import MeetingTemplate

    meeting = services.meeting_create(
        by=admin,
        circle=org["rh"],
        title="Tactique",
        starts_at=timezone.now() - datetime.timedelta(hours=2),
        template=MeetingTemplate.objects.get(kind="tactical"),
    )
    meeting = services.meeting_start(meeting=meeting, by=facilitator)
    people = [member, *speakers, lead_link]

    def grow(n):
        for i in range(n):
            person = people[i % len(people)]
            services.participant_set_present(meeting=meeting, person=person, present=True, by=admin)
            services.tension_add(meeting=meeting, by=person, title=f"Tension {i}")
            services.action_create(
                meeting=meeting, by=facilitator, title=f"Action {i}", owner=person
            )

    grow(1)
    closed = services.meeting_close(meeting=meeting, by=facilitator)
    services.rating_save(meeting=closed, person=member, score=4, voice="yes", comment="Bien.")
    services.minutes_generate(meeting=closed, by=facilitator)
    client = login(member)
    # Queries: session, user; his roles and led circles; the meeting with circle,
    # facilitator, secretary, charter, template and minutes; his participant row; the
    # agenda; the participants; the room's turns and waiting requests; the checklist;
    # the actions; the ratings.
    with django_assert_num_queries(13):
        client.get(detail(closed))
    services.participant_set_present(meeting=closed, person=speakers[0], present=True, by=admin)
    for i in range(5):
        services.action_create(meeting=closed, by=facilitator, title=f"Suite {i}", owner=member)
    services.rating_save(meeting=closed, person=speakers[0], score=2, voice="no")
    with django_assert_num_queries(13):
        body = client.get(detail(closed)).content.decode()
    assert "Suite 4" in body and "Tension 0" in body and "(2 évaluations)" in body
    assert "Lire le compte rendu" not in body  # a draft: not for him
