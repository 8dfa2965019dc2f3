"""Onboarding pages: the newcomer's plan ("Mon intégration"), the tasks of those who
welcome him ("Mes tâches d'intégration"), HR's list with progress, creating and
editing an onboarding, checking and reassigning tasks.

Each view loads its objects through the access helpers (404 / 403) and writes through
the services.
"""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cercles.lib.ids import storable_id
from cercles.organisation.models import Circle
from cercles.people.functions import is_hr

from .. import permissions, services
from ..access import (
    get_onboarding_for_user,
    get_task_for_user,
)
from ..buddies import find_person, suggest_buddies
from ..forms import (
    OnboardingFilters,
    OnboardingForm,
    OnboardingTaskForm,
    OnboardingUpdateForm,
    ReassignForm,
    people_search,
)
from ..models import PHASE_RANK, Onboarding, OnboardingTask, Phase
from .common import PER_PAGE, data_or_none, get_and_post, next_or, service_call

# --- the plan --------------------------------------------------------------------------


def _progress(tasks, today):
    total = len(tasks)
    done = sum(1 for t in tasks if t.is_done)
    return {
        "total": total,
        "done": done,
        "percent": round(100 * done / total) if total else 0,
        "overdue": sum(1 for t in tasks if t.is_overdue(today)),
    }


def _plan(request, onboarding, abilities):
    user, today = request.user, timezone.localdate()
    # Queries: the user's people functions (HR), the circles he leads (and the tree
    # when he leads one), the onboarding with its people, circle, role, booklet and
    # template; its tasks with their assignees.
    tasks = sorted(
        onboarding.tasks.select_related("assignee").only(
            "id",
            "onboarding_id",
            "position",
            "phase",
            "due_date",
            "title",
            "description",
            "assignee_kind",
            "link",
            "done_at",
            "assignee__id",
            "assignee__first_name",
            "assignee__last_name",
            "assignee__email",
        ),
        key=lambda t: (PHASE_RANK[t.phase], t.due_date, t.position, t.id),
    )
    for task in tasks:
        task.abilities = permissions.task_abilities(
            user, task, onboarding, runs=abilities["update"]
        )
    labels = dict(Phase.choices)
    phases = [(key, labels[key], list(rows)) for key, rows in groupby(tasks, key=lambda t: t.phase)]
    return render(
        request,
        "onboarding/onboarding_detail.html",
        {
            "onboarding": onboarding,
            "abilities": abilities,
            "phases": phases,
            "progress": _progress(tasks, today),
            "is_newcomer": onboarding.newcomer_id == user.pk,
            "today": today,
        },
    )


@login_required
def mine(request):
    """ "Mon intégration": the newcomer's plan (his open one, else his latest); others
    go to their tasks, HR to the list; 404 for whoever has nothing to do with onboarding."""
    user = request.user
    own = (
        Onboarding.objects.filter(newcomer=user)
        .order_by("closed_at", "-start_date", "-id")
        .values_list("pk", flat=True)
        .first()
    )
    if own is not None:
        onboarding, abilities = get_onboarding_for_user(request, own)
        return _plan(request, onboarding, abilities)
    involved = Onboarding.objects.filter(
        Q(buddy=user)
        | Q(lead_link=user)
        | Q(hr_contact=user)
        | Exists(OnboardingTask.objects.filter(onboarding_id=OuterRef("pk"), assignee=user))
    ).exists()
    if involved:
        return redirect("onboarding:my_tasks")
    if permissions.can_list_onboardings(user):
        return redirect("onboarding:list")
    raise Http404


@login_required
def detail(request, pk):
    onboarding, abilities = get_onboarding_for_user(request, pk)
    return _plan(request, onboarding, abilities)


def _render_task(request, task, onboarding, progress):
    context = {"task": task, "onboarding": onboarding, "progress": progress, "oob": True}
    context["today"] = timezone.localdate()
    # The row's form keeps the page it is on: this request's path is the toggle URL,
    # which only takes POST (the redirect after the last task would be a 405).
    context["next_url"] = next_or(request, onboarding.get_absolute_url())
    html = render_to_string("onboarding/onboarding_detail.html#task", context, request)
    html += render_to_string("onboarding/onboarding_detail.html#progress", context, request)
    return HttpResponse(html)


@login_required
@require_POST
def task_toggle(request, pk):
    """Check (done=1) or uncheck (done=0) a task: the row and the progress with htmx,
    back to the page otherwise."""
    task, onboarding, abilities, _task_abilities = get_task_for_user(request, pk, ability="check")
    done = request.POST.get("done") == "1"
    try:
        closed = services.task_set_done(task=task, by=request.user, done=done)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(onboarding)
    if closed:
        messages.success(request, _("Toutes les tâches sont faites : l'intégration est terminée."))
    if request.htmx and not closed:
        fresh = Onboarding.objects.with_progress().get(pk=onboarding.pk)
        task.abilities = permissions.task_abilities(
            request.user, task, onboarding, runs=abilities["update"]
        )
        progress = {
            "total": fresh.task_count,
            "done": fresh.done_count,
            "percent": fresh.percent_done,
            "overdue": fresh.overdue_count,
        }
        return _render_task(request, task, onboarding, progress)
    target = next_or(request, onboarding.get_absolute_url())
    if request.htmx:
        response = HttpResponse()
        response["HX-Redirect"] = target
        return response
    return redirect(target)


@login_required
@get_and_post
def task_reassign(request, pk):
    task, onboarding, _abilities, _task_abilities = get_task_for_user(
        request, pk, ability="reassign"
    )
    initial = {"assignee": task.assignee.email if task.assignee else ""}
    form = ReassignForm(data_or_none(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.task_reassign(
                task=task, by=request.user, assignee=form.cleaned_data["assignee"]
            )
        if call.ok:
            messages.success(
                request,
                _("La tâche « %(title)s » est confiée à %(name)s.")
                % {"title": task.title, "name": task.assignee},
            )
            return redirect(onboarding)
    return render(
        request,
        "onboarding/task_reassign.html",
        {"form": form, "task": task, "onboarding": onboarding},
    )


@login_required
@get_and_post
def task_create(request, pk):
    """Add a one-off task to this onboarding only (those who run it)."""
    onboarding, _abilities = get_onboarding_for_user(request, pk, ability="update")
    form = OnboardingTaskForm(data_or_none(request))
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            task = services.task_create(onboarding=onboarding, by=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(
                request,
                _("La tâche « %(title)s » est ajoutée au parcours.") % {"title": task.title},
            )
            return redirect(f"{onboarding.get_absolute_url()}#task-{task.pk}")
    return render(request, "onboarding/task_form.html", {"form": form, "onboarding": onboarding})


@login_required
def my_tasks(request):
    """ "Mes tâches d'intégration": the open onboardings one helps with, each with its
    progress and the user's tasks in it."""
    user, today = request.user, timezone.localdate()
    # Queries: the onboardings (with progress and people), the user's tasks in them.
    onboardings = list(
        Onboarding.objects.open()
        .filter(
            Q(buddy=user)
            | Q(lead_link=user)
            | Q(hr_contact=user)
            | Exists(OnboardingTask.objects.filter(onboarding_id=OuterRef("pk"), assignee=user))
        )
        .exclude(newcomer=user)
        .with_progress(today)
        .select_related("newcomer", "circle")
        .only(
            "id",
            "start_date",
            "closed_at",
            "buddy_id",
            "lead_link_id",
            "hr_contact_id",
            "newcomer__id",
            "newcomer__first_name",
            "newcomer__last_name",
            "newcomer__email",
            "circle__id",
            "circle__name",
        )
        .order_by("start_date", "id")
    )
    tasks = list(
        OnboardingTask.objects.filter(assignee=user, onboarding__in=[o.pk for o in onboardings])
        .select_related("assignee")
        .order_by("done_at", "due_date", "position", "id")
    )
    by_onboarding = {}
    for task in tasks:
        task.abilities = {"check": True, "reassign": False}
        by_onboarding.setdefault(task.onboarding_id, []).append(task)
    sections = []
    for onboarding in onboardings:
        progress = {
            "total": onboarding.task_count,
            "done": onboarding.done_count,
            "percent": onboarding.percent_done,
            "overdue": onboarding.overdue_count,
        }
        sections.append((onboarding, progress, by_onboarding.get(onboarding.pk, [])))
    return render(
        request,
        "onboarding/my_tasks.html",
        {
            "sections": sections,
            "today": today,
            "pending": sum(1 for t in tasks if not t.is_done),
            "can_list": permissions.can_list_onboardings(user),
        },
    )


# --- HR's list ---------------------------------------------------------------------------


@login_required
def onboarding_list(request):
    if not permissions.can_list_onboardings(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    filters = OnboardingFilters(request.GET)
    params = filters.cleaned_data if filters.is_valid() else {}
    status = params.get("status") or "open"
    # Queries: the user's functions and led circles; the count and the page of
    # onboardings with their progress, newcomer, buddy and circle; the circles for the
    # filter.
    rows = (
        Onboarding.objects.visible_to(request.user)
        .with_progress(today)
        .select_related("newcomer", "buddy", "circle")
        .only(
            "id",
            "start_date",
            "closed_at",
            "newcomer__id",
            "newcomer__first_name",
            "newcomer__last_name",
            "newcomer__email",
            "buddy__id",
            "buddy__first_name",
            "buddy__last_name",
            "buddy__email",
            "circle__id",
            "circle__name",
        )
        .order_by("closed_at", "-start_date", "-id")
    )
    if status == "open":
        rows = rows.filter(closed_at__isnull=True)
    elif status == "closed":
        rows = rows.filter(closed_at__isnull=False)
    if params.get("q"):
        rows = people_search(rows, params["q"])
    if params.get("circle"):
        rows = rows.filter(circle_id=params["circle"])
    if params.get("overdue"):
        rows = rows.filter(overdue_count__gt=0)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "params": params,
        "status": status,
        "statuses": OnboardingFilters.STATUS,
        "can_create": permissions.can_create_onboarding(request.user),
        "can_templates": permissions.can_manage_templates(request.user),
    }
    if request.htmx:
        return render(request, "onboarding/onboarding_list.html#results", context)
    # Only the circles of onboardings he sees: a lead link does not learn that another
    # circle is welcoming someone.
    context["circles"] = list(
        Circle.objects.filter(
            onboardings__in=Onboarding.objects.visible_to(request.user).values("pk")
        )
        .distinct()
        .order_by("name")
        .values_list("id", "name")
    )
    return render(request, "onboarding/onboarding_list.html", context)


# --- creating and editing an onboarding --------------------------------------------------


def _circles_for(user):
    circles = Circle.objects.active().only("id", "name").order_by("name")
    if is_hr(user):
        return circles
    return circles.filter(pk__in=permissions.managed_circle_ids(user))


@login_required
@get_and_post
def onboarding_create(request):
    user = request.user
    if not permissions.can_create_onboarding(user):
        raise PermissionDenied
    refresh = request.method == "POST" and "refresh" in request.POST
    source = request.POST if request.method == "POST" else request.GET
    circle_id = storable_id(source.get("circle"))
    form_kwargs = {
        "user": user,
        "circles": _circles_for(user),
        "circle_id": circle_id,
        "hr": is_hr(user),
    }
    if request.method == "POST" and not refresh:
        form = OnboardingForm(request.POST, **form_kwargs)
    else:
        # The first display, a refresh of the roles and suggestions after the circle
        # or the newcomer changed (with htmx, or the button without JavaScript).
        initial = {key: source.get(key, "") for key in source if key != "csrfmiddlewaretoken"}
        form = OnboardingForm(initial=initial, **form_kwargs)
    if request.method == "POST" and not refresh and form.is_valid():
        values = form.cleaned_data
        with service_call(form) as call:
            onboarding = services.onboarding_create(by=user, **values)
        if call.ok:
            messages.success(
                request,
                _("Le parcours d'intégration de %(name)s est prêt.")
                % {"name": onboarding.newcomer},
            )
            return redirect(onboarding)
    refresh_attrs = {
        "hx-get": reverse("onboarding:create"),
        "hx-target": "#onboarding-dependent",
        "hx-include": "[name='newcomer'], [name='circle']",
    }
    form.fields["circle"].widget.attrs.update(refresh_attrs, **{"hx-trigger": "change"})
    form.fields["newcomer"].widget.attrs.update(refresh_attrs, **{"hx-trigger": "change"})
    context = {
        "form": form,
        "suggestions": suggest_buddies(
            circle_id=circle_id, newcomer=find_person(source.get("newcomer", ""))
        ),
    }
    if request.htmx and request.method == "GET":
        return render(request, "onboarding/onboarding_form.html#dependent", context)
    return render(request, "onboarding/onboarding_form.html", context)


@login_required
@get_and_post
def onboarding_update(request, pk):
    onboarding, abilities = get_onboarding_for_user(request, pk, ability="update")
    initial = {
        "start_date": onboarding.start_date,
        "booklet": onboarding.booklet_id,
        **{
            key: getattr(onboarding, key).email
            for key in ("buddy", "lead_link", "hr_contact")
            if getattr(onboarding, key) is not None
        },
    }
    form = OnboardingUpdateForm(
        data_or_none(request),
        initial=initial,
        user=request.user,
        booklet_id=onboarding.booklet_id,
    )
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.onboarding_update(onboarding=onboarding, by=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, _("L'intégration est mise à jour."))
            return redirect(onboarding)
    suggestions = suggest_buddies(circle_id=onboarding.circle_id, newcomer=onboarding.newcomer)
    return render(
        request,
        "onboarding/onboarding_edit.html",
        {"form": form, "onboarding": onboarding, "suggestions": suggestions},
    )


@login_required
@require_POST
def onboarding_close(request, pk):
    onboarding, _abilities = get_onboarding_for_user(request, pk, ability="close")
    services.onboarding_close(onboarding=onboarding, by=request.user)
    messages.success(request, _("L'intégration est terminée."))
    return redirect(onboarding)


@login_required
@require_POST
def onboarding_reopen(request, pk):
    onboarding, _abilities = get_onboarding_for_user(request, pk, ability="reopen")
    try:
        services.onboarding_reopen(onboarding=onboarding, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("L'intégration est rouverte."))
    return redirect(onboarding)
