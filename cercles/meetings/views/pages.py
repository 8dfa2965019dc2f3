"""Pages of meetings: a circle's meetings with its equity trend, planning and editing a
meeting, the meeting page (agenda, attendance, live room), and the plain forms that
change them.

Each view loads its objects through the access helpers (404 / 403) and writes through
the services. The live room's buttons post to `room_action` when JavaScript is off;
with it, the same forms go through the websocket (`consumers.py`).
"""

from contextlib import contextmanager

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cercles.accounts.models import Person
from cercles.core import panels
from cercles.lib.ids import storable_id
from cercles.organisation.access import get_circle_for_user

from .. import live, permissions, ratings, services, trends
from ..access import get_agenda_item_for_user, get_meeting_for_user
from ..forms import AgendaItemForm, MeetingForm
from ..models import Meeting, MeetingAction, Participant

get_and_post = require_http_methods(["GET", "POST"])
MEETINGS_PER_PAGE = 30
TREND_MEETINGS = 12


class _Call:
    ok = True


@contextmanager
def service_call(form):
    """Run a service; its ValidationError goes onto the form and `call.ok` turns False."""
    call = _Call()
    try:
        yield call
    except ValidationError as exc:
        call.ok = False
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                target = field if field in form.fields and field != NON_FIELD_ERRORS else None
                form.add_error(target, errors)
        else:
            form.add_error(None, exc)


def _data(request):
    return request.POST if request.method == "POST" else None


# --- a circle's meetings ---------------------------------------------------------------


@login_required
def circle_meetings(request, pk):
    circle, _abilities = get_circle_for_user(request, pk)
    # Queries: the circle; the user's led circles; his roles (the circles he sees); the
    # count and the page of meetings; the latest closed meetings, their turns, their
    # attendance and their ratings' means (the trend).
    meetings = Meeting.objects.visible_to(request.user).filter(circle=circle)
    page = Paginator(meetings.select_related("facilitator"), MEETINGS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    trend = trends.circle_trend(request.user, circle, TREND_MEETINGS)
    figures = {row.meeting.pk: row.equity_percent for row in trend}
    for meeting in page:
        meeting.equity_percent = figures.get(meeting.pk)
    equity_chart, rating_chart = trends.trend_charts(trend, f"equity-trend-{circle.pk}")
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "circle": circle,
            "page": page,
            "trend": trend,
            "equity_chart": equity_chart,
            "rating_chart": rating_chart,
            "can_create": permissions.can_create_meeting(request.user, circle),
        },
    )


def _form_page(request, *, form, circle, meeting=None, status=200):
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "circle": circle, "meeting": meeting},
        status=status,
    )


@login_required
@get_and_post
def meeting_create(request, pk):
    circle, _abilities = get_circle_for_user(request, pk)
    if not permissions.can_create_meeting(request.user, circle):
        raise PermissionDenied
    form = MeetingForm(_data(request), circle=circle)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        for role in ("facilitator", "secretary"):
            if values[role] is None:
                values[role] = services.DEFAULT
        with service_call(form) as call:
            meeting = services.meeting_create(
                by=request.user,
                circle=circle,
                other_circles=list(form.cleaned_data["other_circles"]),
                template=form.cleaned_data["template"],
                **values,
            )
        if call.ok:
            messages.success(request, _("La réunion « %(t)s » est planifiée.") % {"t": meeting})
            return redirect(meeting)
    return _form_page(request, form=form, circle=circle)


@login_required
@get_and_post
def meeting_update(request, pk):
    meeting, _abilities = get_meeting_for_user(request, pk, ability="update")
    initial = {name: getattr(meeting, name) for name in MeetingForm.FIELDS}
    initial["other_circles"] = list(meeting.other_circles.all())
    form = MeetingForm(_data(request), circle=meeting.circle, meeting=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.meeting_update(
                meeting=meeting,
                by=request.user,
                other_circles=list(form.cleaned_data["other_circles"]),
                **form.values(),
            )
        if call.ok:
            messages.success(request, _("La réunion est enregistrée."))
            return redirect(meeting)
        meeting.refresh_from_db()
    return _form_page(request, form=form, circle=meeting.circle, meeting=meeting)


# --- the meeting page ------------------------------------------------------------------


@login_required
def meeting_detail(request, pk):
    meeting, abilities = get_meeting_for_user(request, pk)
    # Queries: the user's roles and led circles (the circles he sees); the meeting with
    # circle, facilitator, secretary, charter, template and minutes; his participant
    # row; the agenda with owners; the participants with their person; the room's turns
    # and waiting requests; the checklist; the actions with owners and agenda items;
    # the ratings.
    agenda = list(meeting.agenda_items.select_related("owner", "added_by"))
    participants = list(meeting.participants.select_related("person"))
    state = live.room_state(meeting, participants=participants, agenda=agenda)
    checklist = list(meeting.checklist_items.all())
    actions = list(
        MeetingAction.objects.filter(meeting=meeting)
        .select_related("owner", "agenda_item")
        .order_by("done", "due_on", "id")
    )
    for action in actions:
        action.meeting = meeting  # the same row: no query per action
        action.abilities = permissions.action_abilities(request.user, action, abilities)
    summary, my_rating = ratings.meeting_ratings(meeting, request.user)
    minutes = getattr(meeting, "minutes", None)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "abilities": abilities,
            "agenda": agenda,
            "participants": participants,
            "room": state,
            "driver": abilities["drive"],
            "meeting_id": meeting.pk,
            "live": meeting.is_live,
            "take_part": abilities["take_part"],
            "me_waiting": request.user.pk in state.waiting_person_ids,
            "me_speaking": bool(state.speaker and state.speaker.person_id == request.user.pk),
            "agenda_form": AgendaItemForm(),
            "checklist": checklist,
            "charter_url": _charter_url(meeting),
            "actions": actions,
            "today": timezone.localdate(),
            "summary": summary,
            "my_rating": my_rating,
            "minutes": minutes,
            "minutes_abilities": permissions.minutes_abilities(
                request.user, meeting, minutes, abilities
            ),
            "panels": panels.render(
                "meeting_detail", request, meeting=meeting, abilities=abilities
            ),
        },
    )


def _charter_url(meeting) -> str:
    """The charter page's address ("" when the knowledge module has no page route)."""
    if meeting.charter is None:
        return ""
    try:
        return meeting.charter.get_absolute_url()
    except NoReverseMatch:
        return ""


def _back(meeting, anchor=""):
    return redirect(meeting.get_absolute_url() + anchor)


@login_required
@require_POST
def room_action(request, pk):
    """The live room's buttons without JavaScript: one POST, then back to the page."""
    meeting, _abilities = get_meeting_for_user(request, pk)
    try:
        live.room_action(
            user=request.user,
            meeting=meeting,
            action=request.POST.get("action", ""),
            data=request.POST,
        )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, live.error_text(exc))
    return _back(meeting, "#live-room")


@login_required
@require_POST
def meeting_start(request, pk):
    meeting, _abilities = get_meeting_for_user(request, pk, ability="start")
    services.meeting_start(meeting=meeting, by=request.user)
    messages.success(request, _("La réunion est ouverte."))
    return _back(meeting, "#live-room")


@login_required
@require_POST
def meeting_close(request, pk):
    meeting, _abilities = get_meeting_for_user(request, pk, ability="close")
    services.meeting_close(meeting=meeting, by=request.user)
    messages.success(request, _("La réunion est close."))
    return _back(meeting)


@login_required
@require_POST
def attendance(request, pk):
    """Mark a participant present, absent or excused (the secretary, facilitator…):
    `state` is "present", "absent" or "excused" (or the older `present` = 1 / 0)."""
    meeting, _abilities = get_meeting_for_user(request, pk, ability="update")
    participant = get_object_or_404(
        Participant.objects.select_related("person"),
        meeting=meeting,
        person_id=storable_id(request.POST.get("person")) or 0,
    )
    state = request.POST.get("state") or (
        "present" if request.POST.get("present") == "1" else "absent"
    )
    try:
        services.participant_set_attendance(
            meeting=meeting, person=participant.person, state=state, by=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _back(meeting, "#attendance")


@login_required
@require_POST
def agenda_item_create(request, pk):
    meeting, _abilities = get_meeting_for_user(request, pk, ability="update")
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        owner_id = storable_id(request.POST.get("owner"))
        owner = Person.objects.filter(pk=owner_id).first() if owner_id else None
        with service_call(form) as call:
            services.agenda_item_create(
                meeting=meeting, by=request.user, owner=owner, **form.cleaned_data
            )
        if call.ok:
            return _back(meeting, "#agenda")
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return _back(meeting, "#agenda")


@login_required
@require_POST
def agenda_item_change(request, pk):
    """Tick an agenda item as done (or not), or move it up or down."""
    item, _abilities = get_agenda_item_for_user(request, pk, ability="update")
    meeting = item.meeting
    change = request.POST.get("change")
    if change in ("up", "down"):
        order = list(meeting.agenda_items.values_list("pk", flat=True))
        index = order.index(item.pk)
        target = min(max(index + (-1 if change == "up" else 1), 0), len(order) - 1)
        order.insert(target, order.pop(index))
        services.agenda_item_reorder(meeting=meeting, by=request.user, order=order)
    elif change in ("done", "undone"):
        services.agenda_item_update(item=item, by=request.user, done=change == "done")
    else:
        messages.error(request, _("Action inconnue."))
    return _back(meeting, "#agenda")
