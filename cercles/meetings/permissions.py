"""Who may do what on meetings.

- A meeting is seen by the members of its circle and of its other circles (people who
  hold a role there today), by those who manage the circle (its lead link or one above,
  `organisation.permissions.manages`), by its participants (invited or added), and by
  the organisation's admins.
- Meetings of a circle are planned and edited (agenda, attendance) by its facilitator
  and secretary (the meeting's, or the holders of the circle's core roles), by whoever
  manages the circle, and by admins.
- In the live room, only participants ask for the floor; only the meeting's
  facilitator, whoever manages the circle and admins drive it (give and stop the
  floor, reorder the queue, open and close the meeting). Participants add their
  tensions to the agenda while the meeting is live.
- Actions are created by those who organise the meeting (before, during or after it)
  and ticked done by their owner or by those who organise the meeting.
- A participant marked present rates the meeting once it is closed, or during its last
  `RATING_OPENS_BEFORE_END` minutes; whoever sees the meeting sees the summary.
- The minutes are written by those who organise the meeting; once published they are
  read by whoever sees the meeting, or by everyone logged in if the meeting says so
  (`Meeting.minutes_public`); a draft is read only by those who write it.

The per-user facts (circles he belongs to, manages, facilitates) are read once and kept
on the user object for the request or the websocket connection.
"""

import datetime

from django.utils import timezone

from cercles.organisation.models import Assignment, CoreRole
from cercles.organisation.permissions import _led_circle_ids, _parent_map, is_admin, manages

from .models import Meeting, MeetingStatus, Participant

# A participant may rate a live meeting in its last minutes (the closing round).
RATING_OPENS_BEFORE_END = datetime.timedelta(minutes=10)

_FACTS = ("_cercles_member_circle_ids", "_cercles_meeting_role_ids", "_cercles_seen_circle_ids")


def forget(user) -> None:
    for attr in _FACTS:
        if hasattr(user, attr):
            delattr(user, attr)


def _current_roles(user):
    return Assignment.objects.current(timezone.localdate()).filter(
        person=user, role__archived_at__isnull=True
    )


def member_circle_ids(user) -> set[int]:
    """Circles where the user holds a role today."""
    if not hasattr(user, "_cercles_member_circle_ids"):
        rows = list(_current_roles(user).values_list("role__circle_id", "role__core_role"))
        user._cercles_member_circle_ids = {c for c, _core in rows}
        user._cercles_meeting_role_ids = {
            c for c, core in rows if core in (CoreRole.FACILITATOR, CoreRole.SECRETARY)
        }
    return user._cercles_member_circle_ids


def meeting_role_circle_ids(user) -> set[int]:
    """Circles whose facilitator or secretary the user is today."""
    member_circle_ids(user)
    return user._cercles_meeting_role_ids


def seen_circle_ids(user) -> set[int]:
    """Circles whose meetings the user sees: those he belongs to and those he manages."""
    if not hasattr(user, "_cercles_seen_circle_ids"):
        ids = set(member_circle_ids(user))
        led = _led_circle_ids(user)
        if led:
            parents = _parent_map(user)
            ids |= {c for c in parents if manages(user, c)}
        user._cercles_seen_circle_ids = ids
    return user._cercles_seen_circle_ids


def participant_of(user, meeting: Meeting) -> Participant | None:
    """The user's participant row, read once per meeting object."""
    cache = meeting.__dict__.setdefault("_cercles_participants", {})
    if user.pk not in cache and hasattr(meeting, "my_participation"):
        # Prefetched by a list for the requesting user (`Meeting.objects.with_mine`).
        cache[user.pk] = meeting.my_participation[0] if meeting.my_participation else None
    if user.pk not in cache:
        cache[user.pk] = Participant.objects.filter(meeting=meeting, person=user).first()
    return cache[user.pk]


def can_create_meeting(user, circle) -> bool:
    if not (user and user.is_authenticated) or circle.is_archived:
        return False
    return is_admin(user) or circle.pk in meeting_role_circle_ids(user) or manages(user, circle.pk)


def _drives(user, meeting) -> bool:
    return is_admin(user) or meeting.facilitator_id == user.pk or manages(user, meeting.circle_id)


def organises(user, meeting) -> bool:
    """The meeting's facilitator or secretary, the circle's, its managers, admins."""
    return (
        _drives(user, meeting)
        or user.pk in (meeting.facilitator_id, meeting.secretary_id)
        or meeting.circle_id in meeting_role_circle_ids(user)
    )


MEETING_ABILITIES = (
    "view",
    "update",
    "organise",
    "take_part",
    "ask",
    "drive",
    "start",
    "close",
    "live_room",
    "add_tension",
    "rate",
)


def rating_open(meeting: Meeting, now=None) -> bool:
    """Closed, or live and in its last minutes."""
    if meeting.status == MeetingStatus.CLOSED:
        return True
    now = now or timezone.now()
    return meeting.status == MeetingStatus.LIVE and now >= meeting.ends_at - RATING_OPENS_BEFORE_END


def meeting_abilities(user, meeting: Meeting) -> dict[str, bool]:
    if not (user and user.is_authenticated):
        return dict.fromkeys(MEETING_ABILITIES, False)
    participant = participant_of(user, meeting)
    drives = _drives(user, meeting)
    view = (
        drives
        or participant is not None
        or meeting.circle_id in seen_circle_ids(user)
        or any(c.pk in seen_circle_ids(user) for c in meeting.other_circles.all())
    )
    open_ = meeting.status != MeetingStatus.CLOSED
    organise = organises(user, meeting)
    live = meeting.status == MeetingStatus.LIVE
    return {
        "view": view,
        "update": open_ and organise,
        # Not bound to the meeting's state: actions and minutes are written afterwards.
        "organise": organise,
        "take_part": participant is not None,
        "ask": participant is not None and live,
        "drive": open_ and drives,
        "start": drives and meeting.status == MeetingStatus.PLANNED,
        "close": drives and open_,
        # Who may connect to the live room's websocket.
        "live_room": participant is not None or drives,
        "add_tension": participant is not None and live,
        "rate": participant is not None and participant.present and rating_open(meeting),
    }


def action_abilities(user, action, meeting_abilities_: dict | None = None) -> dict[str, bool]:
    """What the user may do on an action; `meeting_abilities_` when already known."""
    if not (user and user.is_authenticated):
        return {"view": False, "tick": False, "update": False}
    abilities = meeting_abilities_ or meeting_abilities(user, action.meeting)
    return {
        "view": abilities["view"],
        "tick": abilities["view"] and (abilities["organise"] or action.owner_id == user.pk),
        "update": abilities["organise"],
    }


def minutes_abilities(user, meeting: Meeting, minutes, abilities: dict) -> dict[str, bool]:
    """What the user may do on the meeting's minutes (`minutes` may be None: none yet).
    `abilities` are his meeting abilities (all False if he may not see the meeting)."""
    edit = bool(abilities.get("organise"))
    published = minutes is not None and minutes.published
    read = minutes is not None and (
        edit
        or (
            published
            and (abilities.get("view") or (meeting.minutes_public and user.is_authenticated))
        )
    )
    return {"view": read, "edit": edit, "export": read}
