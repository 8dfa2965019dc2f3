"""Pages of what a meeting leaves behind and of what happens in it besides the floor:
actions (create, edit, tick, delete; "Mes actions"), the participant's rating, the
tensions added live, the checklist.

Each view loads its objects through the access helpers (404 / 403) and writes through
the services; a form sent with errors comes back with its messages and the typed values.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import live, services
from ..access import get_action_for_user, get_checklist_item_for_user, get_meeting_for_user
from ..forms import ActionForm, RatingForm, TensionForm
from ..models import MeetingAction
from .pages import _back, _data, get_and_post, service_call

ACTIONS_PER_PAGE = 50


def _next_or(request, fallback: str) -> str:
    """The `next` address sent with a form, if it is one of ours; else `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


# --- actions ---------------------------------------------------------------------------


def _action_page(request, *, form, meeting, action=None, status=200):
    return render(
        request,
        "meetings/action_form.html",
        {"form": form, "meeting": meeting, "action": action},
        status=status,
    )


@login_required
@get_and_post
def action_create(request, pk):
    meeting, _abilities = get_meeting_for_user(request, pk, ability="organise")
    form = ActionForm(_data(request), meeting=meeting)
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.action_create(meeting=meeting, by=request.user, **form.values())
        if call.ok:
            messages.success(request, _("L'action est ajoutée."))
            return _back(meeting, "#actions")
    return _action_page(request, form=form, meeting=meeting)


@login_required
@get_and_post
def action_update(request, pk):
    action, _abilities = get_action_for_user(request, pk, ability="update")
    meeting = action.meeting
    initial = {name: getattr(action, name) for name in ActionForm.FIELDS}
    form = ActionForm(_data(request), meeting=meeting, action=action, initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.action_update(action=action, by=request.user, **form.values())
        if call.ok:
            messages.success(request, _("L'action est enregistrée."))
            return _back(meeting, "#actions")
    return _action_page(request, form=form, meeting=meeting, action=action)


@login_required
@require_POST
def action_done(request, pk):
    """Tick an action done (`done` = 1) or not done (0): its owner or the organisers."""
    action, _abilities = get_action_for_user(request, pk, ability="tick")
    if request.POST.get("done") not in ("0", "1"):
        messages.error(request, _("Action inconnue."))
    else:
        services.action_set_done(action=action, by=request.user, done=request.POST["done"] == "1")
    return redirect(_next_or(request, action.meeting.get_absolute_url() + "#actions"))


@login_required
@require_POST
def action_delete(request, pk):
    action, _abilities = get_action_for_user(request, pk, ability="update")
    meeting = action.meeting
    services.action_delete(action=action, by=request.user)
    messages.success(request, _("L'action « %(t)s » est supprimée.") % {"t": action.title})
    return _back(meeting, "#actions")


@login_required
def my_actions(request):
    """The user's own actions: open ones by due date, then the done ones."""
    # Queries: session, user; his roles and led circles (the meetings he sees); the
    # count and the page of open actions; the count and the page of done ones.
    mine = (
        MeetingAction.objects.visible_to(request.user)
        .filter(owner=request.user)
        .select_related("meeting", "meeting__circle", "agenda_item")
    )
    open_page = Paginator(mine.open().in_due_order(), ACTIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    done_page = Paginator(mine.filter(done=True).order_by("-done_at", "-id"), 20).get_page(
        request.GET.get("done_page")
    )
    return render(
        request,
        "meetings/my_actions.html",
        {"page": open_page, "done_page": done_page, "today": timezone.localdate()},
    )


# --- rating ----------------------------------------------------------------------------


@login_required
@get_and_post
def rating(request, pk):
    """Rate the meeting (or change one's rating): a participant marked present, once
    the meeting is closed or in its last minutes."""
    meeting, abilities = get_meeting_for_user(request, pk)
    if not abilities["rate"]:
        raise PermissionDenied
    mine = meeting.ratings.filter(person=request.user).first()
    initial = {"score": mine.score, "voice": mine.voice, "comment": mine.comment} if mine else {}
    form = RatingForm(_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.rating_save(meeting=meeting, person=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, _("Merci : votre évaluation est enregistrée."))
            return _back(meeting, "#rating")
    return render(
        request, "meetings/rating_form.html", {"form": form, "meeting": meeting, "mine": mine}
    )


# --- live tensions and the checklist ---------------------------------------------------


@login_required
@get_and_post
def tension_create(request, pk):
    """A participant adds a tension to the agenda of the live meeting (without
    JavaScript; with it, the form goes through the websocket)."""
    meeting, abilities = get_meeting_for_user(request, pk, ability="add_tension")
    form = TensionForm(_data(request))
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.tension_add(meeting=meeting, by=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, _("Votre tension est à l'ordre du jour."))
            return _back(meeting, "#live-room")
    return render(request, "meetings/tension_form.html", {"form": form, "meeting": meeting})


@login_required
@require_POST
def checklist_item_change(request, pk):
    item, _abilities = get_checklist_item_for_user(request, pk, ability="update")
    done = request.POST.get("done")
    if done not in ("0", "1"):
        messages.error(request, _("Action inconnue."))
    else:
        try:
            services.checklist_item_set_done(item=item, by=request.user, done=done == "1")
        except ValidationError as exc:
            messages.error(request, live.error_text(exc))
    return _back(item.meeting, "#checklist")
