"""The speaking-time box of the room: while the meeting is live it lists only the people
who have spoken and counts the present people who have not in one line, so the update
sent to every connection after each change does not grow with the room
(docs/performance.md, "Live meeting room under load"); the equity figure counts everyone
present. Before and after the meeting, in the minutes and in the API, the distribution
is whole (zero-time people included)."""

import re

import pytest
from django.urls import reverse

from cercles.meetings import live, services
from cercles.meetings.minutes import generate_text
from tests.factories import PersonFactory

from .conftest import at

pytestmark = pytest.mark.django_db


def times_box(html: str) -> str:
    start = html.index('id="room-times"')
    return html[start : html.index('id="room-tensions"', start)]


def names_in_table(box: str) -> list[str]:
    return re.findall(r'<th scope="row">([^<]+)</th>', box)


def page(client, person, meeting) -> str:
    client.force_login(person)
    response = client.get(reverse("meetings:meeting_detail", args=[meeting.pk]))
    assert response.status_code == 200
    return response.content.decode()


def present(meeting, admin, *people):
    for person in people:
        services.participant_set_present(meeting=meeting, person=person, present=True, by=admin)


def speak(meeting, facilitator, person, start, end):
    services.speaker_request_create(meeting=meeting, person=person, at=at(start))
    services.floor_give(meeting=meeting, by=facilitator, at=at(start + 1))
    if end is not None:
        services.floor_stop(meeting=meeting, by=facilitator, at=at(start + 1 + end))


@pytest.fixture
def room(live_meeting, admin, facilitator, member, speakers, lead_link):
    """Marc, Bruno, Claire and Léa present; Marc spoke for a minute."""
    present(live_meeting, admin, member, *speakers, lead_link)
    speak(live_meeting, facilitator, member, 0, 60)
    return live_meeting


def test_live_box_lists_who_spoke_and_counts_the_others(client, room, member):
    box = times_box(page(client, member, room))
    assert names_in_table(box) == ["Marc Membre"]
    assert "<td>1</td><td>1 min 00 s</td>" in box
    assert "3 participants présents n'ont pas encore parlé." in box
    # The equity figure still counts the three silent people: 1 − Gini(60, 0, 0, 0).
    assert "Équité du temps de parole : <strong>25 %</strong>" in box
    # The chart has one row (a name and a value), Marc's.
    assert box.count("<text") == 2
    assert "Bruno Bavard" not in box and "Claire Calme" not in box and "Léa Lien" not in box
    assert "participant qui a parlé" in box


def test_one_silent_participant_is_singular(client, room, admin, facilitator, speakers):
    speak(room, facilitator, speakers[0], 100, 30)
    speak(room, facilitator, speakers[1], 200, 30)
    box = times_box(page(client, speakers[0], room))
    assert names_in_table(box) == ["Marc Membre", "Bruno Bavard", "Claire Calme"]
    assert "1 participant présent n'a pas encore parlé." in box


def test_the_speaker_in_his_first_turn_is_listed(client, room, facilitator, speakers):
    speak(room, facilitator, speakers[0], 100, None)  # Bruno has the floor
    box = times_box(page(client, speakers[1], room))
    assert names_in_table(box) == ["Marc Membre", "Bruno Bavard"]
    assert "<td>1</td><td>0 s</td>" in box
    assert "2 participants présents n'ont pas encore parlé." in box


def test_when_everyone_spoke_there_is_no_silent_line(client, live_meeting, admin, facilitator):
    people = [PersonFactory(), PersonFactory()]
    present(live_meeting, admin, *people)
    for i, person in enumerate(people):
        speak(live_meeting, facilitator, person, 100 * i, 10)
    box = times_box(page(client, admin, live_meeting))
    assert len(names_in_table(box)) == 2
    assert "pas encore parlé" not in box and 'id="room-silent"' not in box


def test_before_anyone_speaks_only_the_line(client, live_meeting, admin, member, speakers):
    present(live_meeting, admin, member, *speakers)
    box = times_box(page(client, member, live_meeting))
    assert "<table" not in box and "<svg" not in box
    assert "3 participants présents n'ont pas encore parlé." in box
    assert "Aucun participant n'est encore marqué présent." not in box


def test_nobody_present_says_so(client, live_meeting, member):
    box = times_box(page(client, member, live_meeting))
    assert "Aucun participant n'est encore marqué présent." in box
    assert "pas encore parlé" not in box


def test_the_live_update_does_not_grow_with_silent_people(room, admin):
    """What the socket sends: the box's size does not depend on who has not spoken."""
    before = times_box(live.render_room(live.room_state(room), driver=False))
    present(room, admin, *(PersonFactory() for _ in range(20)))
    after = times_box(live.render_room(live.room_state(room), driver=False))
    assert "23 participants présents n'ont pas encore parlé." in after
    assert "Équité du temps de parole : <strong>4 %</strong>" in after  # 1 − Gini over 24
    assert len(after) - len(before) <= 2  # only the figures' digits


def test_the_socket_and_the_page_show_the_same_room(room, facilitator, speakers):
    """The update reads only the attendance's ids (`brief`); the page reads the
    participants whole: the same HTML, so a reload shows what the socket pushed."""
    speak(room, facilitator, speakers[0], 100, 60)  # as long as Marc: sorted by name
    speak(room, facilitator, speakers[1], 200, None)
    participants = list(room.participants.select_related("person"))
    brief = live.room_state(room, brief=True)
    whole = live.room_state(room, participants=participants)
    assert [r.person.full_name for r in brief.rows] == [
        "Bruno Bavard",
        "Marc Membre",
        "Claire Calme",
    ]
    assert len(whole.rows) == 4 and brief.silent == whole.silent == 1
    assert brief.equity == whole.equity
    for driver in (False, True):
        assert live.render_room(brief, driver=driver) == live.render_room(whole, driver=driver)


def test_after_the_meeting_the_page_lists_everyone(client, room, facilitator, member):
    closed = services.meeting_close(meeting=room, by=facilitator, at=at(300))
    box = times_box(page(client, member, closed))
    # Marc first (longest), then the zero-time people by last name.
    assert names_in_table(box) == ["Marc Membre", "Bruno Bavard", "Claire Calme", "Léa Lien"]
    assert box.count("<td>0</td><td>0 s</td>") == 3
    assert "pas encore parlé" not in box
    assert "Équité du temps de parole : <strong>25 %</strong>" in box
    assert box.count("<text") == 2 * 4  # a chart row each
    assert "participant présent ;" in box  # the chart's description: every present person


def test_the_minutes_and_the_api_keep_the_whole_distribution(room, facilitator, member, api_client):
    room_api = api_client(member).get(reverse("v1:meeting-detail", args=[room.pk])).json()["room"]
    assert {r["person_name"]: r["turns"] for r in room_api["speaking_times"]} == {
        "Marc Membre": 1,
        "Bruno Bavard": 0,
        "Claire Calme": 0,
        "Léa Lien": 0,
    }
    closed = services.meeting_close(meeting=room, by=facilitator, at=at(300))
    text = generate_text(closed)
    assert "| Marc Membre | 1 | 1 min 00 s |" in text
    for name in ("Bruno Bavard", "Claire Calme", "Léa Lien"):
        assert f"| {name} | 0 | 0 s |" in text
    assert "Équité du temps de parole : 25 %" in text


def test_the_live_update_query_count_does_not_grow(
    room, admin, facilitator, speakers, django_assert_num_queries
):
    def update():
        # Queries: the turns with their person; the waiting requests with their person;
        # the attendance (ids and presence); the agenda's triage and tensions.
        with django_assert_num_queries(4):
            return live.room_message(live.room_state(room, brief=True))

    update()
    present(room, admin, *(PersonFactory() for _ in range(5)))
    speak(room, facilitator, speakers[0], 100, 30)
    services.speaker_request_create(meeting=room, person=speakers[1], at=at(200))
    message = update()
    assert "Bruno Bavard" in message["participant"] and "Claire Calme" in message["driver"]
