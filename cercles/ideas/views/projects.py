"""Pages of the innovation groups / projects: the list, a project, proposing and editing
it, joining and leaving, milestones, handing over the lead, becoming a circle."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cercles.lib.ids import storable_id
from cercles.organisation.models import Circle
from cercles.organisation.permissions import forget

from .. import permissions, services
from ..access import get_milestone_for_user, get_project_for_user, get_theme_for_user
from ..forms import HandOverForm, MakeCircleForm, MilestoneForm, ProjectForm
from ..models import Campaign, Idea, IdeaStatus, Project, ProjectMember, ProjectStatus
from .ideas import _options, get_and_post, service_call

PROJECTS_PER_PAGE = 30
MAX_LINKED_IDEAS = 200


# --- helpers ---------------------------------------------------------------------------


def _idea_numbers(text: str) -> list[int] | None:
    """'12, 15 40' -> [12, 15, 40]; None when something else was typed."""
    parts = [p for p in re.split(r"[\s,;]+", text or "") if p]
    numbers = []
    for part in parts:
        number = storable_id(part.lstrip("#"))
        if number is None:
            return None
        numbers.append(number)
    return list(dict.fromkeys(numbers))


def _linked_ideas(request, form) -> list[Idea] | None:
    """The ideas named in the form's `ideas` box, or None after putting an error on it."""
    numbers = _idea_numbers(request.POST.get("ideas", ""))
    if numbers is None or len(numbers) > MAX_LINKED_IDEAS:
        form.add_error(
            None, _("Idées liées : indiquez des numéros d'idées séparés par des virgules.")
        )
        return None
    ideas = list(
        Idea.objects.visible_to(request.user)
        .exclude(status=IdeaStatus.DRAFT)
        .filter(pk__in=numbers)
    )
    missing = sorted(set(numbers) - {i.pk for i in ideas})
    if missing:
        form.add_error(
            None,
            _("Aucune idée publiée ne porte le numéro %(n)s.")
            % {"n": ", ".join(str(n) for n in missing)},
        )
        return None
    return ideas


def _ideas_text(ideas) -> str:
    return ", ".join(str(i.pk) for i in ideas)


def _membership_context(request, project):
    permissions.forget_projects(request.user)
    fresh = Project.objects.select_related("lead", "circle").get(pk=project.pk)
    return {
        "project": fresh,
        "abilities": permissions.project_abilities(request.user, fresh),
        "memberships": list(ProjectMember.objects.filter(project=fresh).select_related("person")),
    }


# --- list and detail -------------------------------------------------------------------


@login_required
def project_list(request):
    status = request.GET.get("status", "")
    if status not in ProjectStatus.values:
        status = ""
    campaign_id = storable_id(request.GET.get("campaign"))
    mine = request.GET.get("mine") == "1"
    # Queries: the campaigns for the filter; the count; the page of projects with their
    # lead, campaign, circle, member count and mean progress.
    campaigns = list(Campaign.objects.visible_to(request.user).values_list("id", "title"))
    projects = Project.objects.listing(
        request.user,
        status=status,
        campaign_id=campaign_id,
        member=request.user if mine else None,
    )
    page = Paginator(projects, PROJECTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "statuses": ProjectStatus.choices,
        "mine": mine,
        "campaign_options": _options(campaigns, campaign_id),
    }
    template = "ideas/project_list.html#results" if request.htmx else "ideas/project_list.html"
    return render(request, template, context)


def _progress(milestones) -> int | None:
    if not milestones:
        return None
    return round(sum(m.progress for m in milestones) / len(milestones))


@login_required
def project_detail(request, pk):
    project, abilities = get_project_for_user(request, pk)
    # Queries: the user's projects (abilities); the members; the milestones; the linked
    # ideas the user may see.
    memberships = list(ProjectMember.objects.filter(project=project).select_related("person"))
    milestones = list(project.milestones.all())
    ideas = list(
        project.ideas.visible_to(request.user).only("id", "title", "status").order_by("id")
    )
    return render(
        request,
        "ideas/project_detail.html",
        {
            "project": project,
            "abilities": abilities,
            "memberships": memberships,
            "milestones": milestones,
            "progress": _progress(milestones),
            "ideas": ideas,
        },
    )


# --- proposing and editing -------------------------------------------------------------


@login_required
@get_and_post
def project_create(request):
    """Propose a project; `?idea=1&idea=2` or `?theme=3` start it from ideas or a theme."""
    theme = None
    theme_id = storable_id(request.POST.get("theme") or request.GET.get("theme"))
    if theme_id:
        theme, _abilities = get_theme_for_user(request, theme_id)
    form = ProjectForm(request.POST or None, creating=True)
    if request.method == "POST":
        ideas = _linked_ideas(request, form)
        if form.is_valid() and ideas is not None:
            with service_call(form) as call:
                project = services.project_create(
                    by=request.user, ideas=ideas, theme=theme, **form.values()
                )
            if call.ok:
                messages.success(request, _("Votre projet est proposé : vous le portez."))
                return redirect(project)
        ideas_text = request.POST.get("ideas", "")
    else:
        numbers = [n for n in map(storable_id, request.GET.getlist("idea")) if n][:MAX_LINKED_IDEAS]
        preset = Idea.objects.visible_to(request.user).exclude(status=IdeaStatus.DRAFT)
        ideas_text = _ideas_text(preset.filter(pk__in=numbers).order_by("pk"))
        if theme is not None:
            form.initial["title"] = theme.name
    return render(
        request,
        "ideas/project_form.html",
        {"form": form, "project": None, "theme": theme, "ideas_text": ideas_text},
    )


@login_required
@get_and_post
def project_update(request, pk):
    project, _abilities = get_project_for_user(request, pk, ability="update")
    form = ProjectForm(request.POST or None, initial=ProjectForm.initial_for(project))
    if request.method == "POST":
        ideas = _linked_ideas(request, form)
        if form.is_valid() and ideas is not None:
            with service_call(form) as call:
                services.project_update(
                    project=project, by=request.user, ideas=ideas, **form.values()
                )
            if call.ok:
                messages.success(request, _("Le projet est modifié."))
                return redirect(project)
        ideas_text = request.POST.get("ideas", "")
    else:
        ideas_text = _ideas_text(project.ideas.order_by("pk").only("id"))
    return render(
        request,
        "ideas/project_form.html",
        {"form": form, "project": project, "theme": None, "ideas_text": ideas_text},
    )


# --- joining, leaving, the lead -------------------------------------------------------


def _membership_answer(request, project):
    if request.htmx:
        return render(
            request,
            "ideas/project_detail.html#membership",
            _membership_context(request, project),
        )
    return redirect(project)


@login_required
@require_POST
def project_join(request, pk):
    project, _abilities = get_project_for_user(request, pk, ability="join")
    try:
        services.project_join(project=project, person=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if not request.htmx:
            messages.success(request, _("Vous avez rejoint le projet."))
    return _membership_answer(request, project)


@login_required
@require_POST
def project_leave(request, pk):
    project, _abilities = get_project_for_user(request, pk, ability="leave")
    services.project_leave(project=project, person=request.user)
    if not request.htmx:
        messages.success(request, _("Vous avez quitté le projet."))
    return _membership_answer(request, project)


@login_required
@get_and_post
def project_hand_over(request, pk):
    project, _abilities = get_project_for_user(request, pk, ability="hand_over")
    members = [
        m.person
        for m in ProjectMember.objects.filter(project=project, person__is_active=True)
        .exclude(person_id=project.lead_id)
        .select_related("person")
    ]
    form = HandOverForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        to = next(p for p in members if p.pk == form.cleaned_data["to"])
        with service_call(form) as call:
            services.project_hand_over(project=project, to=to, by=request.user)
        if call.ok:
            messages.success(
                request, _("%(name)s porte désormais le projet.") % {"name": to.full_name}
            )
            return redirect(project)
    return render(
        request,
        "ideas/project_hand_over.html",
        {"project": project, "form": form, "members": members},
    )


# --- milestones ------------------------------------------------------------------------


@login_required
@get_and_post
def milestone_create(request, pk):
    project, _abilities = get_project_for_user(request, pk, ability="update")
    form = MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.milestone_create(project=project, by=request.user, **form.values())
        if call.ok:
            messages.success(request, _("Le jalon est ajouté."))
            return redirect(project)
    return render(
        request,
        "ideas/project_milestone.html",
        {"project": project, "form": form, "milestone": None},
    )


@login_required
@get_and_post
def milestone_update(request, pk):
    milestone, _abilities = get_milestone_for_user(request, pk, ability="update")
    project = milestone.project
    form = MilestoneForm(request.POST or None, initial=MilestoneForm.initial_for(milestone))
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.milestone_update(milestone=milestone, by=request.user, **form.values())
        if call.ok:
            messages.success(request, _("Le jalon est modifié."))
            return redirect(project)
    return render(
        request,
        "ideas/project_milestone.html",
        {"project": project, "form": form, "milestone": milestone},
    )


@login_required
@require_POST
def milestone_delete(request, pk):
    milestone, _abilities = get_milestone_for_user(request, pk, ability="update")
    services.milestone_delete(milestone=milestone, by=request.user)
    messages.success(request, _("Le jalon est supprimé."))
    return redirect(milestone.project)


# --- becoming a circle -----------------------------------------------------------------


def _parent_choices(user):
    """Circles under which the user may create one: all for admins, else those he leads
    (or lies below one he leads)."""
    circles = Circle.objects.active().order_by("name", "id")
    if permissions.is_admin(user):
        return circles
    allowed = [pk for pk in circles.values_list("pk", flat=True) if permissions.manages(user, pk)]
    return circles.filter(pk__in=allowed)


@login_required
@get_and_post
def project_make_circle(request, pk):
    project, _abilities = get_project_for_user(request, pk, ability="make_circle")
    parents = _parent_choices(request.user)
    form = MakeCircleForm(
        request.POST or None,
        parents=parents,
        allow_top=permissions.is_admin(request.user),
    )
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            circle = services.project_make_circle(
                project=project, parent=form.cleaned_data["parent"], by=request.user
            )
        if call.ok:
            forget(request.user)
            messages.success(
                request,
                _("Le projet est devenu le cercle « %(name)s ».") % {"name": circle.name},
            )
            return redirect(circle)
    return render(request, "ideas/project_make_circle.html", {"project": project, "form": form})
