"""Meetings, attendance, agenda and the speaker queue, through the services."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cercles.meetings import services
from cercles.meetings.models import (
    MeetingStatus,
    Participant,
    RequestKind,
    RequestStatus,
    SpeakerRequest,
)
from cercles.organisation import services as org_services
from tests.factories import PersonFactory

from .conftest import at


def participant_ids(meeting):
    return set(meeting.participants.values_list("person_id", flat=True))


# --- creating a meeting ------------------------------------------------------------


def test_defaults_come_from_the_circle(meeting, org, facilitator, member, lead_link, speakers):
    assert meeting.facilitator == facilitator
    assert meeting.secretary is None  # nobody holds the secretary role of RH
    assert meeting.status == MeetingStatus.PLANNED
    assert meeting.speaking_time_limit_seconds == 120
    assert participant_ids(meeting) == {
        facilitator.pk,
        member.pk,
        lead_link.pk,
        speakers[0].pk,
        speakers[1].pk,
    }
    assert not meeting.participants.filter(present=True).exists()


def test_secretary_defaults_to_the_core_role_holder(org, admin, secretary):
    meeting = services.meeting_create(
        by=admin, circle=org["rh"], title="Gouvernance", starts_at=timezone.now()
    )
    assert meeting.secretary == secretary
    assert secretary.pk in participant_ids(meeting)


def test_inter_service_meeting_invites_both_circles(org, admin, member, lead_link):
    guest = PersonFactory(first_name="Nina", last_name="Numérique")
    plain = org_services.role_create(by=admin, circle=org["numerique"], name="Développeuse")
    org_services.assignment_create(role=plain, person=guest, by=admin, share=100)
    meeting = services.meeting_create(
        by=admin,
        circle=org["rh"],
        title="Rencontre RH et numérique",
        starts_at=timezone.now(),
        kind="inter_service",
        other_circles=[org["numerique"]],
    )
    assert list(meeting.other_circles.all()) == [org["numerique"]]
    assert participant_ids(meeting) == {member.pk, lead_link.pk, guest.pk}


def test_chosen_people_replace_the_defaults(org, admin, member, agent):
    meeting = services.meeting_create(
        by=admin,
        circle=org["rh"],
        title="Atelier",
        starts_at=timezone.now(),
        facilitator=agent,
        secretary=None,
        participants=[member],
    )
    assert meeting.facilitator == agent
    assert participant_ids(meeting) == {member.pk, agent.pk}


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"title": "   "}, "title"),
        ({"duration_minutes": 2}, "duration_minutes"),
        ({"video_link": "pas une adresse"}, "video_link"),
        ({"speaking_time_limit_seconds": 5}, "speaking_time_limit_seconds"),
        ({"kind": "banquet"}, "kind"),
    ],
)
def test_bad_input_is_refused(org, admin, fields, field):
    values = {"title": "Réunion", "starts_at": timezone.now(), **fields}
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(by=admin, circle=org["rh"], **values)
    assert field in exc.value.message_dict


def test_update_keeps_the_facilitator_a_participant(meeting, admin, agent):
    services.meeting_update(meeting=meeting, by=admin, facilitator=agent, title=" Nouveau ")
    meeting.refresh_from_db()
    assert meeting.title == "Nouveau" and meeting.facilitator == agent
    assert agent.pk in participant_ids(meeting)


def test_update_refuses_unknown_fields(meeting, admin):
    with pytest.raises(TypeError):
        services.meeting_update(meeting=meeting, by=admin, status="closed")


# --- attendance and agenda ---------------------------------------------------------


def test_attendance(meeting, admin, member, agent):
    services.participant_set_present(meeting=meeting, person=member, present=True, by=admin)
    services.participant_set_present(meeting=meeting, person=agent, present=True, by=admin)
    assert set(meeting.participants.filter(present=True).values_list("person_id", flat=True)) == {
        member.pk,
        agent.pk,
    }
    assert Participant.objects.get(meeting=meeting, person=agent).invited is False


def test_agenda_items_are_appended_then_reordered(meeting, admin, member):
    first = services.agenda_item_create(meeting=meeting, by=admin, title="Tour d'inclusion")
    second = services.agenda_item_create(
        meeting=meeting, by=admin, title="Tensions", owner=member, time_box_minutes=20
    )
    assert (first.position, second.position) == (0, 1)
    services.agenda_item_reorder(meeting=meeting, by=admin, order=[second.pk, first.pk])
    assert list(meeting.agenda_items.values_list("title", flat=True)) == [
        "Tensions",
        "Tour d'inclusion",
    ]
    services.agenda_item_update(item=second, by=admin, done=True)
    second.refresh_from_db()
    assert second.done
    with pytest.raises(ValidationError):
        services.agenda_item_reorder(meeting=meeting, by=admin, order=[first.pk])
    with pytest.raises(ValidationError):
        services.agenda_item_create(meeting=meeting, by=admin, title=" ")


# --- the meeting's life -------------------------------------------------------------


def test_only_who_drives_opens_the_meeting(meeting, member):
    with pytest.raises(PermissionDenied):
        services.meeting_start(meeting=meeting, by=member)


def test_lead_link_and_admin_may_drive(meeting, lead_link):
    services.meeting_start(meeting=meeting, by=lead_link)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.LIVE and meeting.started_at is not None
    with pytest.raises(ValidationError):
        services.meeting_start(meeting=meeting, by=lead_link)


def test_asking_needs_a_live_meeting(meeting, member):
    with pytest.raises(ValidationError):
        services.speaker_request_create(meeting=meeting, person=member)


# --- the queue ----------------------------------------------------------------------


def test_one_waiting_request_per_person(live_meeting, member):
    services.speaker_request_create(meeting=live_meeting, person=member)
    with pytest.raises(ValidationError, match="déjà demandé la parole"):
        services.speaker_request_create(meeting=live_meeting, person=member)
    assert live_meeting.speaker_requests.waiting().count() == 1


def test_the_database_refuses_a_second_waiting_request(live_meeting, member):
    SpeakerRequest.objects.create(meeting=live_meeting, person=member)
    with pytest.raises(IntegrityError), transaction.atomic():
        SpeakerRequest.objects.create(meeting=live_meeting, person=member)


def test_only_participants_ask_for_the_floor(live_meeting, agent):
    with pytest.raises(PermissionDenied):
        services.speaker_request_create(meeting=live_meeting, person=agent)


def test_unknown_kind_is_refused(live_meeting, member):
    with pytest.raises(ValidationError):
        services.speaker_request_create(meeting=live_meeting, person=member, kind="shout")


def test_floor_give_and_stop_measure_the_turn(live_meeting, facilitator, member):
    services.speaker_request_create(meeting=live_meeting, person=member, at=at(0))
    turn = services.floor_give(meeting=live_meeting, by=facilitator, at=at(10))
    assert turn.person == member and turn.status == RequestStatus.SPEAKING
    assert Participant.objects.get(meeting=live_meeting, person=member).present
    ended = services.floor_stop(meeting=live_meeting, by=facilitator, at=at(85))
    assert ended.status == RequestStatus.DONE
    assert ended.seconds == 75.0
    seconds, spoke = services.speaking_times(live_meeting)
    assert seconds == {member.pk: 75.0} and spoke == {member.pk}
    with pytest.raises(ValidationError, match="Personne n'a la parole"):
        services.floor_stop(meeting=live_meeting, by=facilitator, at=at(90))


def test_speaking_time_adds_up_over_turns(live_meeting, facilitator, member):
    for start, length in ((0, 30), (100, 45)):
        services.speaker_request_create(meeting=live_meeting, person=member, at=at(start))
        services.floor_give(meeting=live_meeting, by=facilitator, at=at(start + 1))
        services.floor_stop(meeting=live_meeting, by=facilitator, at=at(start + 1 + length))
    assert services.speaking_times(live_meeting)[0] == {member.pk: 75.0}


def test_giving_the_floor_ends_the_turn_in_progress(live_meeting, facilitator, member, speakers):
    services.speaker_request_create(meeting=live_meeting, person=member, at=at(0))
    services.speaker_request_create(meeting=live_meeting, person=speakers[0], at=at(1))
    services.floor_give(meeting=live_meeting, by=facilitator, at=at(2))
    services.floor_give(meeting=live_meeting, by=facilitator, at=at(62))
    assert services.speaking_times(live_meeting)[0] == {member.pk: 60.0}
    assert live_meeting.speaker_requests.get(status=RequestStatus.SPEAKING).person == speakers[0]


def test_who_has_not_spoken_gets_the_floor_first(live_meeting, facilitator, member, speakers):
    bruno, claire = speakers
    # Bruno has spoken already; then Bruno and Claire ask, Bruno first.
    services.speaker_request_create(meeting=live_meeting, person=bruno, at=at(0))
    services.floor_give(meeting=live_meeting, by=facilitator, at=at(1))
    services.floor_stop(meeting=live_meeting, by=facilitator, at=at(60))
    services.speaker_request_create(meeting=live_meeting, person=bruno, at=at(61))
    services.speaker_request_create(meeting=live_meeting, person=claire, at=at(62))
    assert [r.person for r in services.ordered_queue(live_meeting)] == [claire, bruno]
    assert services.floor_give(meeting=live_meeting, by=facilitator, at=at(63)).person == claire


def test_only_who_drives_gives_or_stops_the_floor(live_meeting, member, speakers):
    services.speaker_request_create(meeting=live_meeting, person=speakers[0])
    for call in (services.floor_give, services.floor_stop):
        with pytest.raises(PermissionDenied):
            call(meeting=live_meeting, by=member)
    with pytest.raises(PermissionDenied):
        services.queue_reorder(meeting=live_meeting, by=member, order=[])


def test_give_to_a_chosen_request(live_meeting, facilitator, member, speakers):
    services.speaker_request_create(meeting=live_meeting, person=member, at=at(0))
    chosen = services.speaker_request_create(meeting=live_meeting, person=speakers[1], at=at(5))
    assert services.floor_give(meeting=live_meeting, by=facilitator, request=chosen).pk == chosen.pk
    with pytest.raises(ValidationError):  # no longer waiting
        services.floor_give(meeting=live_meeting, by=facilitator, request=chosen)


def test_give_with_an_empty_queue(live_meeting, facilitator):
    with pytest.raises(ValidationError, match="Personne n'a demandé la parole"):
        services.floor_give(meeting=live_meeting, by=facilitator)


def test_withdraw(live_meeting, facilitator, member, speakers):
    mine = services.speaker_request_create(meeting=live_meeting, person=member)
    services.speaker_request_withdraw(request=mine, by=member)
    assert live_meeting.speaker_requests.get(pk=mine.pk).status == RequestStatus.WITHDRAWN
    with pytest.raises(ValidationError):
        services.speaker_request_withdraw(request=mine, by=member)
    # Another participant may not withdraw someone else's request; the facilitator may.
    other = services.speaker_request_create(meeting=live_meeting, person=speakers[0])
    with pytest.raises(PermissionDenied):
        services.speaker_request_withdraw(request=other, by=member)
    services.speaker_request_withdraw(request=other, by=facilitator)
    # Asking again after withdrawing is fine.
    services.speaker_request_create(meeting=live_meeting, person=member)


def test_queue_reorder_and_move(live_meeting, facilitator, member, speakers):
    a = services.speaker_request_create(meeting=live_meeting, person=member, at=at(0))
    b = services.speaker_request_create(meeting=live_meeting, person=speakers[0], at=at(1))
    c = services.speaker_request_create(meeting=live_meeting, person=speakers[1], at=at(2))
    order = services.queue_reorder(meeting=live_meeting, by=facilitator, order=[c.pk, a.pk])
    assert [r.pk for r in order] == [c.pk, a.pk, b.pk]
    order = services.queue_move(meeting=live_meeting, by=facilitator, request=b, offset=-1)
    assert [r.pk for r in order] == [c.pk, b.pk, a.pk]
    with pytest.raises(ValidationError):
        services.queue_reorder(meeting=live_meeting, by=facilitator, order=[a.pk, a.pk])
    # Once given the floor, the hand position is dropped.
    given = services.floor_give(meeting=live_meeting, by=facilitator)
    assert given.pk == c.pk and given.manual_position is None


def test_point_of_order_and_reply(live_meeting, facilitator, member, speakers):
    services.speaker_request_create(meeting=live_meeting, person=member, at=at(0))
    services.speaker_request_create(
        meeting=live_meeting, person=speakers[0], kind=RequestKind.REPLY, at=at(1)
    )
    services.speaker_request_create(
        meeting=live_meeting, person=speakers[1], kind=RequestKind.POINT_OF_ORDER, at=at(2)
    )
    assert [r.person for r in services.ordered_queue(live_meeting)] == [
        speakers[1],
        speakers[0],
        member,
    ]
    services.meeting_update(meeting=live_meeting, by=facilitator, allow_replies=False)
    assert [r.person for r in services.ordered_queue(live_meeting)] == [
        speakers[1],
        member,
        speakers[0],
    ]


def test_close_ends_the_turn_and_the_queue(live_meeting, facilitator, member, speakers):
    services.speaker_request_create(meeting=live_meeting, person=member, at=at(0))
    services.floor_give(meeting=live_meeting, by=facilitator, at=at(1))
    services.speaker_request_create(meeting=live_meeting, person=speakers[0], at=at(2))
    services.meeting_close(meeting=live_meeting, by=facilitator, at=at(31))
    live_meeting.refresh_from_db()
    assert live_meeting.status == MeetingStatus.CLOSED
    assert services.speaking_times(live_meeting)[0] == {member.pk: 30.0}
    assert not live_meeting.speaker_requests.waiting().exists()
    with pytest.raises(ValidationError):
        services.speaker_request_create(meeting=live_meeting, person=speakers[1])
    with pytest.raises(PermissionDenied):  # a closed meeting is driven by nobody
        services.meeting_close(meeting=live_meeting, by=facilitator)


def test_changes_are_broadcast_after_commit(
    live_meeting, member, facilitator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        services.speaker_request_create(meeting=live_meeting, person=member)
    assert len(callbacks) == 1
    assert callbacks[0].func.__name__ == "broadcast_room"
    assert callbacks[0].args == (live_meeting.pk,)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.floor_give(meeting=live_meeting, by=facilitator)
    assert len(callbacks) == 1


def test_meeting_time_helpers(meeting):
    assert meeting.ends_at - meeting.starts_at == datetime.timedelta(minutes=60)
