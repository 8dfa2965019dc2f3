"""The live room's state, as the meeting page and the websocket both show it.

`room_state(meeting)` reads the queue, the turn in progress and the speaking times in
three queries; `render_room` renders the page's `room` partial from it (the same
template the page includes, so a reload shows what the socket pushed). While the
meeting is live, the speaking-time box lists only the people who have spoken and counts
the others in one line: every change sends the box to every connection, and one row and
one bar per present participant made it 53 kB at 300 people (docs/performance.md, "Live
meeting room under load"). Before and after the meeting, and in `rows` (the API, the
minutes), the distribution is whole. After each change the services schedule
`broadcast_room`, which renders the partial twice (for participants, and with the
controls of whoever drives the room) and sends both to the meeting's group; each
connection picks its variant and adds its own buttons (`render_controls`, no query).
`room_action` is the one entry point for the actions taken in the room, used by the
websocket consumer and by the page's plain forms.
"""

import asyncio
import datetime
import functools
import threading
from dataclasses import dataclass, field

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cercles.lib.ids import storable_id
from cercles.lib.svg import bar_chart

from . import equity as equity_lib
from .models import (
    AgendaItemKind,
    Meeting,
    Participant,
    RequestKind,
    RequestStatus,
    SpeakerRequest,
)

ROOM_TEMPLATE = "meetings/meeting_detail.html#room"
CONTROLS_TEMPLATE = "meetings/meeting_detail.html#controls"
ACTIONS = ("ask", "withdraw", "give", "stop", "up", "down", "tension")


def group_name(meeting_id: int) -> str:
    return f"meeting-{meeting_id}"


def duration_label(seconds: float) -> str:
    """125.4 -> '2 min 05 s'; 42 -> '42 s'."""
    total = int(round(seconds))
    minutes, rest = divmod(total, 60)
    return f"{minutes} min {rest:02d} s" if minutes else f"{rest} s"


@dataclass
class TimeRow:
    person: object
    seconds: float = 0.0
    turns: int = 0
    present: bool = False

    @property
    def label(self) -> str:
        return duration_label(self.seconds)

    @property
    def spoke(self) -> bool:
        """Given the floor at least once (the speaker in his first turn included)."""
        return self.turns > 0


@dataclass
class RoomState:
    meeting: Meeting
    queue: list = field(default_factory=list)
    speaker: SpeakerRequest | None = None
    speaker_ends_at: datetime.datetime | None = None
    # Everyone present or who spoke, longest first: the whole distribution (a brief
    # state, see `room_state`, holds only who spoke).
    rows: list[TimeRow] = field(default_factory=list)
    # While live, the box lists only who spoke (`listed`) and counts the present people
    # who have not spoken yet (`silent`); the equity figure counts everyone in `rows`.
    only_speakers: bool = False
    silent: int = 0
    equity: float | None = None
    chart: str = ""
    # The tactical meeting's triage: whether the agenda has one, and the tensions the
    # participants added (shown live in the room).
    triage: bool = False
    tensions: list = field(default_factory=list)

    @property
    def waiting_person_ids(self) -> list[int]:
        return [r.person_id for r in self.queue]

    @property
    def equity_percent(self) -> int | None:
        return None if self.equity is None else round(self.equity * 100)

    @property
    def listed(self) -> list[TimeRow]:
        """The rows the speaking-time box shows."""
        return [r for r in self.rows if r.spoke] if self.only_speakers else self.rows


TRIAGE_KINDS = (AgendaItemKind.TRIAGE, AgendaItemKind.TENSION)


def room_state(meeting: Meeting, participants=None, agenda=None, *, brief=False) -> RoomState:
    """The room as it stands. `brief` (the live room's update, while the meeting is
    live): the attendance is read as ids only and `rows` holds only who spoke, the
    others being counted in `silent`; no model is built per silent participant, which
    at 300 people was most of the work and of the garbage of each change."""
    # Queries: the turns (given the floor) with their person; the waiting requests with
    # their person; the participants with their person (unless given; brief: their ids
    # and presence); the agenda's triage and tensions with their owner (unless given).
    from .services import ordered_queue

    turns = list(meeting.speaker_requests.turns().select_related("person"))
    waiting = list(meeting.speaker_requests.waiting().select_related("person"))
    brief = brief and participants is None and meeting.is_live
    rows: dict[int, TimeRow] = {}
    if brief:
        attendance = Participant.objects.filter(meeting=meeting).values_list("person_id", "present")
        present = {person_id for person_id, here in attendance if here}
    else:
        if participants is None:
            participants = list(
                Participant.objects.filter(meeting=meeting).select_related("person")
            )
        present = {p.person_id for p in participants if p.present}
        rows = {p.person_id: TimeRow(person=p.person, present=p.present) for p in participants}
    seconds: dict[int, float] = {}
    spoke: set[int] = set()
    speaker = None
    for turn in turns:
        spoke.add(turn.person_id)
        row = rows.get(turn.person_id)
        if row is None:
            row = rows[turn.person_id] = TimeRow(
                person=turn.person, present=turn.person_id in present
            )
        row.turns += 1
        if turn.status == RequestStatus.SPEAKING:
            speaker = turn
        elif turn.ended_at is not None:
            row.seconds += turn.seconds
            seconds[turn.person_id] = seconds.get(turn.person_id, 0.0) + turn.seconds
    queue = ordered_queue(meeting, waiting=waiting, times=(seconds, spoke))
    shown = sorted(
        (r for r in rows.values() if r.present or r.turns),
        key=lambda r: (-r.seconds, r.person.last_name.lower(), r.person.first_name.lower()),
    )
    state = RoomState(
        meeting=meeting,
        queue=queue,
        speaker=speaker,
        speaker_ends_at=speaker.ends_at(meeting.speaking_time_limit_seconds) if speaker else None,
        rows=shown,
        only_speakers=meeting.is_live,
        silent=len(present - spoke),
        # Everyone present or who spoke counts, the silent with zero.
        equity=equity_lib.equity(seconds.get(pid, 0.0) for pid in present | spoke),
    )
    if agenda is None:
        agenda = list(meeting.agenda_items.filter(kind__in=TRIAGE_KINDS).select_related("owner"))
    state.triage = any(item.kind in TRIAGE_KINDS for item in agenda)
    state.tensions = [item for item in agenda if item.kind == AgendaItemKind.TENSION]
    listed = state.listed
    if any(r.seconds for r in listed):
        if state.only_speakers:
            desc = _(
                "Durée totale des interventions de chaque participant qui a parlé ; le tableau qui suit donne les mêmes valeurs."
            )
        else:
            desc = _(
                "Durée totale des interventions de chaque participant présent ; le tableau qui suit donne les mêmes valeurs."
            )
        state.chart = bar_chart(
            [(r.person.full_name, r.seconds, r.label) for r in listed],
            chart_id=f"speaking-time-{meeting.pk}",
            title=_("Temps de parole par personne"),
            desc=desc,
        )
    return state


def render_room(state: RoomState, *, driver: bool, request=None) -> str:
    return render_to_string(
        ROOM_TEMPLATE,
        {"meeting": state.meeting, "room": state, "driver": driver, "oob": True},
        request=request,
    )


def render_controls(
    *,
    meeting_id: int,
    status: str,
    user_id: int,
    waiting: list[int],
    speaker: int | None,
    take_part: bool,
) -> str:
    """The connected person's own buttons, from the broadcast's facts (no query)."""
    return _controls(
        meeting_id,
        status == "live",
        take_part,
        user_id in waiting,
        speaker == user_id,
        get_language(),
    )


@functools.lru_cache(maxsize=1024)
def _controls(meeting_id, live, take_part, me_waiting, me_speaking, language) -> str:
    # A handful of variants per meeting, each rendered once per process instead of once
    # per connection and change: at 300 connections that was 18 ms of the server's time
    # after every change (docs/performance.md, "Live meeting room under load").
    return render_to_string(
        CONTROLS_TEMPLATE,
        {
            "meeting_id": meeting_id,
            "live": live,
            "take_part": take_part,
            "me_waiting": me_waiting,
            "me_speaking": me_speaking,
            "oob": True,
        },
    )


def room_message(state: RoomState) -> dict:
    """The group message sent after a change."""
    meeting = state.meeting
    return {
        "type": "room.update",
        "meeting": meeting.pk,
        "status": meeting.status,
        "waiting": state.waiting_person_ids,
        "speaker": state.speaker.person_id if state.speaker else None,
        "participant": render_room(state, driver=False),
        "driver": render_room(state, driver=True),
    }


def broadcast_room(meeting_id: int) -> None:
    """Send the room's new state to everyone connected (run after the commit)."""
    meeting = Meeting.objects.select_related("circle").filter(pk=meeting_id).first()
    if meeting is None:
        return
    layer = get_channel_layer()
    if layer is None:
        return
    send = async_to_sync(layer.group_send)
    message = room_message(room_state(meeting, brief=True))
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        send(group_name(meeting_id), message)
        return
    # Synchronous code running under an event loop of its own (a script or a test
    # driving Playwright) cannot call async_to_sync here: send from a helper thread.
    thread = threading.Thread(target=send, args=(group_name(meeting_id), message))
    thread.start()
    thread.join(timeout=10)


def room_action(*, user, meeting: Meeting, action: str, data: dict) -> None:
    """Do what a button of the live room asks. Raises ValidationError or
    PermissionDenied (the services check who may)."""
    from . import services

    if action not in ACTIONS:
        raise ValidationError(_("Action inconnue."))
    if action == "ask":
        kind = data.get("kind") or RequestKind.SPEAK
        services.speaker_request_create(meeting=meeting, person=user, kind=kind)
        return
    if action == "stop":
        services.floor_stop(meeting=meeting, by=user)
        return
    if action == "tension":
        services.tension_add(meeting=meeting, by=user, title=str(data.get("title") or ""))
        return
    request = None
    request_id = storable_id(data.get("request"))
    if request_id is not None:
        request = meeting.speaker_requests.filter(pk=request_id).first()
        if request is None:
            raise ValidationError(_("Cette demande n'existe pas."))
    if action == "withdraw":
        if request is None:
            request = meeting.speaker_requests.waiting().filter(person=user).first()
            if request is None:
                raise ValidationError(_("Vous n'avez pas de demande en attente."))
        services.speaker_request_withdraw(request=request, by=user)
    elif action == "give":
        services.floor_give(meeting=meeting, by=user, request=request)
    else:  # up, down
        if request is None:
            raise ValidationError(_("Choisissez une demande."))
        services.queue_move(
            meeting=meeting, by=user, request=request, offset=-1 if action == "up" else 1
        )


def error_text(exc: Exception) -> str:
    if isinstance(exc, PermissionDenied):
        return str(exc) or _("Vous ne pouvez pas faire cela.")
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)
