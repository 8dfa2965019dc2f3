"""Pages of the missions marketplace: the open missions (filters refreshed with htmx),
a mission, posting and editing one, publishing and closing it, applying, my
applications, the applications of a mission for its poster, and an application with
its discussion and the decisions on it.

Each view loads its objects through the access helpers (404 / 403) and writes through
the services.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, Sum
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cercles.competencies.models import Competency
from cercles.organisation.access import get_circle_for_user
from cercles.organisation.models import Assignment, Circle

from . import permissions, services
from .access import get_application_for_user, get_mission_for_user
from .forms import ApplyForm, CloseForm, DeclineForm, MessageForm, MissionForm
from .models import (
    Application,
    ApplicationLeadLink,
    ApplicationStatus,
    Mission,
    MissionKind,
)

get_and_post = require_http_methods(["GET", "POST"])
MISSIONS_PER_PAGE = 30
APPLICATIONS_PER_PAGE = 50


def _int(value, low=1, high=2**63 - 1):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields and field != NON_FIELD_ERRORS else None
            if target and form.fields[target].disabled:
                target = None
            form.add_error(target, errors)
    else:
        form.add_error(None, exc)


# --- the marketplace -------------------------------------------------------------------


@login_required
def marketplace(request):
    today = timezone.localdate()
    circle_id = _int(request.GET.get("circle"))
    competency_id = _int(request.GET.get("competency"))
    share_max = _int(request.GET.get("share_max"), 1, 100)
    kind = request.GET.get("kind", "")
    if kind not in MissionKind.values:
        kind = ""
    # Queries: session, user; the count and the page of open missions (with circle, role
    # and whether the user applied); their skills. Full page: the circles and the
    # competencies of the filters.
    missions = (
        Mission.objects.accepting(today)
        .with_mine(request.user)
        .select_related("circle", "role")
        .prefetch_related(Prefetch("skills", queryset=Competency.objects.order_by("name")))
        .order_by("deadline", "-published_at", "-id")
    )
    if circle_id:
        missions = missions.filter(circle_id=circle_id)
    if competency_id:
        missions = missions.filter(skills__id=competency_id)
    if share_max:
        missions = missions.filter(share__lte=share_max)
    if kind:
        missions = missions.filter(kind=kind)
    page = Paginator(missions, MISSIONS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "circle_id": circle_id,
        "competency_id": competency_id,
        "share_max": share_max,
        "kind": kind,
        "kinds": MissionKind.choices,
        "filtered": bool(circle_id or competency_id or share_max or kind),
    }
    if request.htmx:
        return render(request, "missions/mission_list.html#results", context)
    open_missions = Mission.objects.accepting(today)
    context["circles"] = list(
        Circle.objects.filter(missions__in=open_missions)
        .distinct()
        .order_by("name")
        .values_list("id", "name")
    )
    context["competencies"] = list(
        Competency.objects.filter(missions__in=open_missions)
        .distinct()
        .order_by("name")
        .values_list("id", "name")
    )
    return render(request, "missions/mission_list.html", context)


# --- a mission -------------------------------------------------------------------------


@login_required
def mission_detail(request, pk):
    mission, abilities = get_mission_for_user(request, pk)
    user = request.user
    # Queries: session, user; the mission (with circle, role, author, the user's live
    # application); his led circles (and the tree when he leads one); the skills; his
    # application when he has one; his assignments over the period when he may apply;
    # the applications' count for those who manage them.
    mine = None
    if getattr(mission, "my_live", False):
        mine = Application.objects.live().filter(mission=mission, person=user).first()
    warning = services.share_warning(user, mission) if abilities["apply"] else ""
    counts = None
    if abilities["manage_applications"]:
        counts = Application.objects.filter(mission=mission).aggregate(
            total=Count("pk"), pending=Count("pk", filter=Q(status=ApplicationStatus.PENDING))
        )
    return render(
        request,
        "missions/mission_detail.html",
        {
            "mission": mission,
            "abilities": abilities,
            "skills": list(mission.skills.order_by("name")),
            "mine": mine,
            "warning": warning,
            "counts": counts,
        },
    )


def _mission_form_page(request, *, form, circle, mission=None):
    return render(
        request,
        "missions/mission_form.html",
        {"form": form, "circle": circle, "mission": mission},
    )


@login_required
@get_and_post
def mission_create(request, pk):
    circle, _abilities = get_circle_for_user(request, pk)
    if not permissions.can_post(request.user, circle):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = MissionForm(data, circle=circle)
    if data is not None and form.is_valid():
        try:
            mission = services.mission_create(
                by=request.user,
                circle=circle,
                skills=form.cleaned_data["skills"],
                publish="publish" in request.POST,
                **form.values(),
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            if mission.is_open:
                messages.success(request, _("La mission est publiée : on peut y candidater."))
            else:
                messages.success(request, _("Le brouillon de la mission est enregistré."))
            return redirect(mission)
    return _mission_form_page(request, form=form, circle=circle)


@login_required
@get_and_post
def mission_update(request, pk):
    mission, _abilities = get_mission_for_user(request, pk, "update")
    data = request.POST if request.method == "POST" else None
    initial = {
        "title": mission.title,
        "kind": mission.kind,
        "role": mission.role_id,
        "new_role_name": mission.new_role_name,
        "description": mission.description,
        "share": mission.share,
        "start_date": mission.start_date,
        "end_date": mission.end_date,
        "places": mission.places,
        "deadline": mission.deadline,
        "skills": list(mission.skills.values_list("pk", flat=True)),
    }
    form = MissionForm(data, initial=initial, circle=mission.circle, mission=mission)
    if data is not None and form.is_valid():
        try:
            services.mission_update(
                mission=mission,
                by=request.user,
                skills=form.cleaned_data["skills"],
                **form.values(),
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("La mission est enregistrée."))
            return redirect(mission)
    return _mission_form_page(request, form=form, circle=mission.circle, mission=mission)


@login_required
@require_POST
def mission_publish(request, pk):
    mission, _abilities = get_mission_for_user(request, pk, "publish")
    try:
        services.mission_publish(mission=mission, by=request.user)
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
        return redirect("missions:mission_update", pk=mission.pk)
    messages.success(request, _("La mission est publiée : on peut y candidater."))
    return redirect(mission)


@login_required
@get_and_post
def mission_close(request, pk):
    mission, _abilities = get_mission_for_user(request, pk, "close")
    data = request.POST if request.method == "POST" else None
    form = CloseForm(data)
    if data is not None and form.is_valid():
        try:
            services.mission_close(
                mission=mission, by=request.user, message=form.cleaned_data["message"]
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("La mission est close."))
            return redirect(mission)
    return render(request, "missions/mission_close.html", {"mission": mission, "form": form})


# --- applying --------------------------------------------------------------------------


@login_required
@get_and_post
def mission_apply(request, pk):
    mission, abilities = get_mission_for_user(request, pk)
    if not abilities["apply"]:
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = ApplyForm(data)
    if data is not None and form.is_valid():
        try:
            application, warning = services.application_create(
                mission=mission, person=request.user, message=form.cleaned_data["message"]
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Votre candidature est envoyée."))
            if warning:
                messages.warning(request, warning)
            return redirect(application)
    return render(
        request,
        "missions/application_form.html",
        {
            "mission": mission,
            "form": form,
            "warning": services.share_warning(request.user, mission),
        },
    )


@login_required
def my_applications(request):
    # Queries: session, user; the count and the page of his applications with their
    # missions and circles.
    applications = (
        Application.objects.filter(person=request.user)
        .select_related("mission", "mission__circle")
        .order_by("-created_at", "-id")
    )
    page = Paginator(applications, APPLICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "missions/my_applications.html", {"page": page})


@login_required
def mission_applications(request, pk):
    mission, _abilities = get_mission_for_user(request, pk, "manage_applications")
    # Queries: session, user; the mission; the user's led circles and the tree; the
    # applications with their applicants; the lead links informed; the applicants'
    # total share of time today.
    applications = list(
        Application.objects.filter(mission=mission)
        .select_related("person")
        .prefetch_related(
            Prefetch(
                "lead_links",
                queryset=ApplicationLeadLink.objects.select_related("person").order_by("id"),
            )
        )
        .order_by("created_at", "id")
    )
    person_ids = [a.person_id for a in applications]
    totals = dict(
        Assignment.objects.current(timezone.localdate())
        .filter(person_id__in=person_ids)
        .values("person_id")
        .annotate(total=Sum("share"))
        .values_list("person_id", "total")
    )
    for application in applications:
        application.mission = mission
        application.total_share = totals.get(application.person_id, 0)
        application.after_share = application.total_share + mission.share
        application.abilities = permissions.application_abilities(request.user, application)
    return render(
        request,
        "missions/mission_applications.html",
        {"mission": mission, "applications": applications},
    )


# --- an application --------------------------------------------------------------------


@login_required
def application_detail(request, pk):
    application, abilities = get_application_for_user(request, pk)
    # Queries: session, user; the application with its mission, circle, role, author and
    # applicant; the lead links informed; the user's led circles (and the tree); the
    # discussion's messages with their authors.
    return render(
        request,
        "missions/application_detail.html",
        _application_context(application, abilities),
    )


def _application_context(application, abilities, **extra):
    return {
        "application": application,
        "mission": application.mission,
        "abilities": abilities,
        "lead_links": list(application.lead_links.all()),
        "veto": permissions.veto_enabled(),
        "discussion": list(application.messages.select_related("author")),
        "message_form": extra.pop("message_form", None) or MessageForm(),
        **extra,
    }


def _act(request, pk, ability, call, success):
    application, _abilities = get_application_for_user(request, pk, ability)
    try:
        call(application)
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.success(request, success)
    return redirect(application)


@login_required
@require_POST
def application_withdraw(request, pk):
    return _act(
        request,
        pk,
        "withdraw",
        lambda a: services.application_withdraw(application=a, by=request.user),
        _("Votre candidature est retirée."),
    )


@login_required
@require_POST
def application_select(request, pk):
    return _act(
        request,
        pk,
        "select",
        lambda a: services.application_select(application=a, by=request.user),
        _("La candidature est retenue : la personne doit maintenant confirmer."),
    )


@login_required
@require_POST
def application_accept(request, pk):
    return _act(
        request,
        pk,
        "accept",
        lambda a: services.application_accept(application=a, by=request.user),
        _("Vous avez accepté la mission : le rôle vous est affecté."),
    )


@login_required
@require_POST
def application_answer(request, pk):
    agree = request.POST.get("agree") == "1"
    return _act(
        request,
        pk,
        "answer",
        lambda a: services.lead_link_answer(application=a, by=request.user, agree=agree),
        _("Votre avis est enregistré."),
    )


@login_required
@get_and_post
def application_decline(request, pk):
    application, abilities = get_application_for_user(request, pk, "decline")
    data = request.POST if request.method == "POST" else None
    form = DeclineForm(data)
    if data is not None and form.is_valid():
        try:
            services.application_decline(
                application=application, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("La candidature est déclinée ; la personne est prévenue."))
            return redirect(application)
    return render(
        request,
        "missions/application_decline.html",
        {"application": application, "mission": application.mission, "form": form},
    )


@login_required
@require_POST
def application_message(request, pk):
    application, abilities = get_application_for_user(request, pk, "discuss")
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.application_message_create(
                application=application, by=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            return redirect(f"{application.get_absolute_url()}#discussion")
    return render(
        request,
        "missions/application_detail.html",
        _application_context(application, abilities, message_form=form),
        status=400,
    )
