"""Every change to meetings, their agenda, attendance and speaker queue goes through here.

Each function is keyword-only and runs in one transaction; it raises ValidationError
(French message) on bad input or on a move the meeting's state forbids. The live
room's writes lock the meeting row (`select_for_update`) so two facilitators' clicks or
two requests from one person cannot interleave. After each change to what the live
room shows, `live.broadcast_room` is scheduled with `transaction.on_commit`: it sends
the re-rendered partials to everyone connected.

Who may ask for the floor (a participant) and who may drive the room (the
facilitator, whoever manages the circle, admins) is checked here too, since the
websocket consumer, the pages and the API all call these functions.
"""

import datetime
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cercles.organisation.models import Assignment, CoreRole

from .. import live, ordering, permissions
from ..models import (
    AgendaItem,
    AgendaItemKind,
    Meeting,
    MeetingStatus,
    Participant,
    RequestKind,
    RequestStatus,
    SpeakerRequest,
)

MEETING_FIELDS = {
    "title",
    "kind",
    "starts_at",
    "duration_minutes",
    "place",
    "video_link",
    "facilitator",
    "secretary",
    "speaking_time_limit_seconds",
    "allow_replies",
    "minutes_public",
}
# A change to one of these is one a calendar app must pick up: SEQUENCE goes up.
CALENDAR_FIELDS = {
    "title",
    "kind",
    "starts_at",
    "duration_minutes",
    "place",
    "video_link",
    "facilitator",
}
AGENDA_FIELDS = {"title", "owner", "time_box_minutes", "done"}
DEFAULT = object()


# --- helpers -----------------------------------------------------------------------


def _broadcast(meeting: Meeting) -> None:
    transaction.on_commit(partial(live.broadcast_room, meeting.pk))


def _broadcast_if_live(meeting: Meeting) -> None:
    """The room shows the tensions of the agenda: push it again after an agenda change."""
    if meeting.status == MeetingStatus.LIVE:
        _broadcast(meeting)


def _locked(meeting: Meeting) -> Meeting:
    """The meeting row, locked until the transaction ends (SQLite locks the whole
    database on write anyway)."""
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _require_drive(by, meeting: Meeting) -> None:
    if not permissions.meeting_abilities(by, meeting)["drive"]:
        raise PermissionDenied(_("Seul le facilitateur anime la réunion."))


def _require_live(meeting: Meeting) -> None:
    if meeting.status != MeetingStatus.LIVE:
        raise ValidationError(_("La réunion n'est pas en cours."))


def _require_open(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.CLOSED:
        raise ValidationError(_("La réunion est close."))


def core_role_holder(circle, core_role: str):
    """The person holding a core role of the circle today (the earliest assigned), or None."""
    assignment = (
        Assignment.objects.current()
        .filter(role__circle=circle, role__core_role=core_role, role__archived_at__isnull=True)
        .select_related("person")
        .order_by("start_date", "id")
        .first()
    )
    return assignment.person if assignment else None


def circle_member_ids(circles) -> list[int]:
    """People holding a live role today in any of the circles."""
    return list(
        Assignment.objects.current()
        .filter(role__circle__in=circles, role__archived_at__isnull=True)
        .values_list("person_id", flat=True)
        .distinct()
    )


# --- meetings ----------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    by,
    circle,
    title,
    starts_at,
    kind="tactical",
    duration_minutes=60,
    place="",
    video_link="",
    other_circles=(),
    facilitator=DEFAULT,
    secretary=DEFAULT,
    speaking_time_limit_seconds=120,
    allow_replies=True,
    minutes_public=False,
    participants=None,
    template=None,
) -> Meeting:
    """Plan a meeting. The facilitator and secretary default to the holders of the
    circle's core roles; the participants, to the current members of the circle(s),
    plus the facilitator and the secretary. A `template` (MeetingTemplate) gives the
    meeting its agenda, its checklist and its charter."""
    if circle.is_archived:
        raise ValidationError({"circle": _("Ce cercle est archivé.")})
    other_circles = [c for c in other_circles if c.pk != circle.pk]
    if any(c.is_archived for c in other_circles):
        raise ValidationError({"other_circles": _("Un des cercles invités est archivé.")})
    if facilitator is DEFAULT:
        facilitator = core_role_holder(circle, CoreRole.FACILITATOR)
    if secretary is DEFAULT:
        secretary = core_role_holder(circle, CoreRole.SECRETARY)
    from .templates import apply_template, organisation_charter

    charter = template.charter if template is not None and template.charter_id else None
    meeting = Meeting(
        circle=circle,
        title=(title or "").strip(),
        starts_at=starts_at,
        kind=kind,
        duration_minutes=duration_minutes,
        place=place,
        video_link=video_link,
        facilitator=facilitator,
        secretary=secretary,
        speaking_time_limit_seconds=speaking_time_limit_seconds,
        allow_replies=allow_replies,
        minutes_public=minutes_public,
        template=template,
        charter=charter or organisation_charter(),
        created_by=by if (by is not None and by.is_authenticated) else None,
    )
    meeting.full_clean()
    meeting.save()
    if other_circles:
        meeting.other_circles.set(other_circles)
    if participants is None:
        person_ids = circle_member_ids([circle, *other_circles])
    else:
        person_ids = [p.pk for p in participants]
    person_ids += [p.pk for p in (facilitator, secretary) if p is not None]
    Participant.objects.bulk_create(
        [Participant(meeting=meeting, person_id=pk) for pk in dict.fromkeys(person_ids)]
    )
    if template is not None:
        apply_template(meeting=meeting, template=template)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, by, other_circles=None, **fields) -> Meeting:
    unknown = set(fields) - MEETING_FIELDS
    if unknown:
        raise TypeError(f"meeting_update() got unexpected fields {sorted(unknown)}")
    _require_open(meeting)
    changed = set()
    for key, value in fields.items():
        value = value.strip() if key == "title" else value
        if getattr(meeting, key) != value:
            changed.add(key)
        setattr(meeting, key, value)
    if changed & CALENDAR_FIELDS:
        meeting.sequence += 1
        fields["sequence"] = meeting.sequence
    meeting.full_clean()
    meeting.save(update_fields=[*fields, "updated_at"])
    if other_circles is not None:
        meeting.other_circles.set([c for c in other_circles if c.pk != meeting.circle_id])
    for person in (meeting.facilitator, meeting.secretary):
        if person is not None:
            Participant.objects.get_or_create(meeting=meeting, person=person)
    _broadcast(meeting)
    return meeting


@transaction.atomic
def participant_add(*, meeting: Meeting, person, by) -> Participant:
    """Invite someone (from outside the circle too)."""
    _require_open(meeting)
    participant, _created = Participant.objects.get_or_create(meeting=meeting, person=person)
    _broadcast(meeting)
    return participant


@transaction.atomic
def participant_set_present(*, meeting: Meeting, person, present: bool, by) -> Participant:
    """Mark someone present or absent; someone who was not invited is added. Present
    clears "excused"."""
    participant, _created = Participant.objects.get_or_create(
        meeting=meeting, person=person, defaults={"invited": False}
    )
    if participant.present != present or (present and participant.excused):
        participant.present = present
        participant.excused = participant.excused and not present
        participant.save(update_fields=["present", "excused"])
        _broadcast(meeting)
    return participant


ATTENDANCE = ("present", "absent", "excused")


@transaction.atomic
def participant_set_attendance(*, meeting: Meeting, person, state: str, by) -> Participant:
    """Mark someone "present", "absent" or "excused" (absent with a reason given)."""
    if state not in ATTENDANCE:
        raise ValidationError(_("Présence inconnue."))
    participant = participant_set_present(
        meeting=meeting, person=person, present=state == "present", by=by
    )
    excused = state == "excused"
    if participant.excused != excused:
        participant.excused = excused
        participant.save(update_fields=["excused"])
    return participant


@transaction.atomic
def meeting_start(*, meeting: Meeting, by) -> Meeting:
    _require_drive(by, meeting)
    meeting = _locked(meeting)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("La réunion est déjà ouverte ou close."))
    meeting.status = MeetingStatus.LIVE
    meeting.started_at = timezone.now()
    meeting.save(update_fields=["status", "started_at", "updated_at"])
    _broadcast(meeting)
    return meeting


@transaction.atomic
def meeting_close(*, meeting: Meeting, by, at=None) -> Meeting:
    """Close the meeting: the speaker in progress ends his turn, waiting requests are
    withdrawn."""
    _require_drive(by, meeting)
    meeting = _locked(meeting)
    _require_open(meeting)
    now = at or timezone.now()
    _end_current_turn(meeting, now)
    meeting.speaker_requests.waiting().update(status=RequestStatus.WITHDRAWN)
    meeting.status = MeetingStatus.CLOSED
    meeting.closed_at = now
    meeting.save(update_fields=["status", "closed_at", "updated_at"])
    _broadcast(meeting)
    return meeting


# --- agenda ------------------------------------------------------------------------


@transaction.atomic
def agenda_item_create(
    *, meeting: Meeting, by, title, owner=None, time_box_minutes=None, kind=AgendaItemKind.ITEM
) -> AgendaItem:
    _require_open(meeting)
    last = meeting.agenda_items.aggregate(last=Max("position"))["last"]
    item = AgendaItem(
        meeting=meeting,
        title=(title or "").strip(),
        owner=owner,
        time_box_minutes=time_box_minutes,
        kind=kind,
        position=0 if last is None else last + 1,
        added_by=by if (by is not None and by.is_authenticated) else None,
    )
    item.full_clean()
    item.save()
    _broadcast_if_live(meeting)
    return item


@transaction.atomic
def tension_add(*, meeting: Meeting, by, title) -> AgendaItem:
    """A participant adds a tension to the agenda while the meeting is live (the
    tactical meeting's triage): it goes after the triage item and the tensions already
    added, before the items that follow (the closing round), with him as its owner."""
    meeting = _locked(meeting)
    _require_live(meeting)
    if not Participant.objects.filter(meeting=meeting, person=by).exists():
        raise PermissionDenied(_("Seuls les participants ajoutent une tension."))
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Décrivez la tension en quelques mots.")})
    items = list(meeting.agenda_items.all())
    anchor = None  # the last triage or tension item
    for index, item in enumerate(items):
        if item.kind in (AgendaItemKind.TRIAGE, AgendaItemKind.TENSION):
            anchor = index
    at = len(items) if anchor is None else anchor + 1
    tension = AgendaItem(
        meeting=meeting, title=title, owner=by, added_by=by, kind=AgendaItemKind.TENSION
    )
    tension.full_clean(exclude=["position"])
    items.insert(at, tension)
    tension.position = at
    tension.save()
    for position, item in enumerate(items):
        item.position = position
    AgendaItem.objects.bulk_update([i for i in items if i.pk != tension.pk], ["position"])
    _broadcast(meeting)
    return tension


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, by, **fields) -> AgendaItem:
    unknown = set(fields) - AGENDA_FIELDS
    if unknown:
        raise TypeError(f"agenda_item_update() got unexpected fields {sorted(unknown)}")
    _require_open(item.meeting)
    for key, value in fields.items():
        setattr(item, key, value.strip() if key == "title" else value)
    item.full_clean()
    item.save(update_fields=list(fields))
    _broadcast_if_live(item.meeting)
    return item


@transaction.atomic
def agenda_item_reorder(*, meeting: Meeting, by, order: list[int]) -> list[AgendaItem]:
    """Put the meeting's agenda items in the order of `order` (their ids, every one)."""
    _require_open(meeting)
    items = {item.pk: item for item in meeting.agenda_items.all()}
    if sorted(order) != sorted(items):
        raise ValidationError(_("L'ordre donné ne reprend pas tous les points de l'ordre du jour."))
    for position, pk in enumerate(order):
        items[pk].position = position
    AgendaItem.objects.bulk_update(items.values(), ["position"])
    _broadcast_if_live(meeting)
    return [items[pk] for pk in order]


# --- the speaker queue -------------------------------------------------------------


def speaking_times(meeting: Meeting, *, now=None) -> tuple[dict[int, float], set[int]]:
    """(seconds spoken per person in finished turns, people who had the floor at all)."""
    seconds: dict[int, float] = {}
    spoke: set[int] = set()
    for person_id, granted, ended in meeting.speaker_requests.turns().values_list(
        "person_id", "granted_at", "ended_at"
    ):
        spoke.add(person_id)
        if ended is not None:
            seconds[person_id] = seconds.get(person_id, 0.0) + (ended - granted).total_seconds()
    return seconds, spoke


def ordered_queue(meeting: Meeting, waiting=None, times=None) -> list[SpeakerRequest]:
    """The waiting requests, in the order the floor goes to them (`ordering.py`)."""
    if waiting is None:
        waiting = list(meeting.speaker_requests.waiting().select_related("person"))
    seconds, spoke = times if times is not None else speaking_times(meeting)
    by_id = {r.pk: r for r in waiting}
    entries = [
        ordering.QueueEntry(r.pk, r.person_id, r.kind, r.requested_at, r.manual_position)
        for r in waiting
    ]
    ordered = ordering.order_queue(
        entries, spoken_seconds=seconds, has_spoken=spoke, allow_replies=meeting.allow_replies
    )
    return [by_id[e.id] for e in ordered]


@transaction.atomic
def speaker_request_create(
    *, meeting: Meeting, person, kind=RequestKind.SPEAK, at=None
) -> SpeakerRequest:
    """A participant asks for the floor: one waiting request per person."""
    if kind not in RequestKind.values:
        raise ValidationError({"kind": _("Type de demande inconnu.")})
    meeting = _locked(meeting)
    _require_live(meeting)
    if not Participant.objects.filter(meeting=meeting, person=person).exists():
        raise PermissionDenied(_("Seuls les participants demandent la parole."))
    if meeting.speaker_requests.waiting().filter(person=person).exists():
        raise ValidationError(_("Vous avez déjà demandé la parole."))
    try:
        with transaction.atomic():
            request = SpeakerRequest.objects.create(
                meeting=meeting, person=person, kind=kind, requested_at=at or timezone.now()
            )
    except IntegrityError as exc:  # a second request that slipped past the check
        raise ValidationError(_("Vous avez déjà demandé la parole.")) from exc
    _broadcast(meeting)
    return request


@transaction.atomic
def speaker_request_withdraw(*, request: SpeakerRequest, by) -> SpeakerRequest:
    """The person (or whoever drives the room) withdraws a waiting request."""
    meeting = _locked(request.meeting)
    if by.pk != request.person_id:
        _require_drive(by, meeting)
    updated = SpeakerRequest.objects.filter(pk=request.pk, status=RequestStatus.WAITING).update(
        status=RequestStatus.WITHDRAWN
    )
    if not updated:
        raise ValidationError(_("Cette demande n'est plus en attente."))
    request.status = RequestStatus.WITHDRAWN
    _broadcast(meeting)
    return request


def _end_current_turn(meeting: Meeting, now: datetime.datetime) -> SpeakerRequest | None:
    current = meeting.speaker_requests.filter(status=RequestStatus.SPEAKING).first()
    if current is None:
        return None
    current.status = RequestStatus.DONE
    current.ended_at = max(now, current.granted_at)
    current.save(update_fields=["status", "ended_at"])
    return current


@transaction.atomic
def floor_give(
    *, meeting: Meeting, by, request: SpeakerRequest | None = None, at=None
) -> SpeakerRequest:
    """Give the floor to `request`, or to the first of the queue. The turn in progress,
    if any, ends now; the new speaker is marked present."""
    _require_drive(by, meeting)
    meeting = _locked(meeting)
    _require_live(meeting)
    now = at or timezone.now()
    _end_current_turn(meeting, now)
    if request is None:
        queue = ordered_queue(meeting)
        if not queue:
            raise ValidationError(_("Personne n'a demandé la parole."))
        request = queue[0]
    else:
        request = (
            meeting.speaker_requests.waiting()
            .filter(pk=request.pk)
            .select_related("person")
            .first()
        )
        if request is None:
            raise ValidationError(_("Cette demande n'est plus en attente."))
    request.status = RequestStatus.SPEAKING
    request.granted_at = now
    request.manual_position = None
    request.save(update_fields=["status", "granted_at", "manual_position"])
    Participant.objects.update_or_create(
        meeting=meeting, person_id=request.person_id, defaults={"present": True}
    )
    _broadcast(meeting)
    return request


@transaction.atomic
def floor_stop(*, meeting: Meeting, by, at=None) -> SpeakerRequest:
    """End the turn in progress."""
    _require_drive(by, meeting)
    meeting = _locked(meeting)
    ended = _end_current_turn(meeting, at or timezone.now())
    if ended is None:
        raise ValidationError(_("Personne n'a la parole."))
    _broadcast(meeting)
    return ended


@transaction.atomic
def queue_reorder(*, meeting: Meeting, by, order: list[int]) -> list[SpeakerRequest]:
    """The facilitator's hand order: `order` lists waiting requests' ids; they take these
    places ahead of the rule. Waiting requests not listed lose any hand position."""
    _require_drive(by, meeting)
    meeting = _locked(meeting)
    _require_live(meeting)
    waiting = {r.pk: r for r in meeting.speaker_requests.waiting()}
    if len(set(order)) != len(order) or not set(order) <= set(waiting):
        raise ValidationError(_("Cette demande n'est plus en attente."))
    for request in waiting.values():
        request.manual_position = None
    for position, pk in enumerate(order):
        waiting[pk].manual_position = position
    SpeakerRequest.objects.bulk_update(waiting.values(), ["manual_position"])
    _broadcast(meeting)
    return ordered_queue(meeting)


@transaction.atomic
def queue_move(*, meeting: Meeting, by, request: SpeakerRequest, offset: int):
    """Move one waiting request up (offset −1) or down (+1) the queue as it stands: the
    whole queue takes hand positions, so the move sticks."""
    queue = [r.pk for r in ordered_queue(meeting)]
    if request.pk not in queue:
        raise ValidationError(_("Cette demande n'est plus en attente."))
    index = queue.index(request.pk)
    target = min(max(index + offset, 0), len(queue) - 1)
    queue.insert(target, queue.pop(index))
    return queue_reorder(meeting=meeting, by=by, order=queue)
