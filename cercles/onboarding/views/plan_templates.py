"""The plan templates (HR): list, create, edit, and their tasks (add, edit, remove,
reorder with htmx)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import permissions, services
from ..access import get_template_for_user, get_template_task_for_user
from ..forms import TemplateForm, TemplateTaskForm
from ..models import PlanTemplate
from .common import data_or_none, get_and_post, service_call


@login_required
def template_list(request):
    if not permissions.can_manage_templates(request.user):
        raise PermissionDenied
    # Queries: the user's functions; the templates with their task and onboarding counts.
    templates = list(
        PlanTemplate.objects.annotate(
            task_count=Count("tasks", distinct=True),
            onboarding_count=Count("onboardings", distinct=True),
        ).order_by(F("archived_at").asc(nulls_first=True), "name", "id")
    )
    return render(request, "onboarding/template_list.html", {"templates": templates})


@login_required
@get_and_post
def template_create(request):
    if not permissions.can_manage_templates(request.user):
        raise PermissionDenied
    form = TemplateForm(data_or_none(request))
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            template = services.template_create(by=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(
                request,
                _("Le modèle « %(name)s » est créé : ajoutez-lui des tâches.")
                % {"name": template.name},
            )
            return redirect(template)
    return render(request, "onboarding/template_form.html", {"form": form})


def _template_tasks(template):
    return list(template.tasks.order_by("position", "id"))


@login_required
def template_detail(request, pk):
    template = get_template_for_user(request, pk)
    # Queries: the user's functions; the template; its tasks.
    return render(
        request,
        "onboarding/template_detail.html",
        {"template": template, "tasks": _template_tasks(template)},
    )


@login_required
@get_and_post
def template_update(request, pk):
    template = get_template_for_user(request, pk)
    form = TemplateForm(
        data_or_none(request), initial={"name": template.name, "description": template.description}
    )
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.template_update(template=template, by=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, _("Le modèle est enregistré."))
            return redirect(template)
    return render(request, "onboarding/template_form.html", {"form": form, "template": template})


@login_required
@get_and_post
def template_task_create(request, pk):
    template = get_template_for_user(request, pk)
    form = TemplateTaskForm(data_or_none(request))
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.template_task_create(template=template, by=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, _("La tâche est ajoutée au modèle."))
            return redirect(template)
    return render(
        request, "onboarding/template_task_form.html", {"form": form, "template": template}
    )


@login_required
@get_and_post
def template_task_update(request, pk):
    task = get_template_task_for_user(request, pk)
    initial = {
        key: getattr(task, key)
        for key in ("phase", "day_offset", "title", "description", "assignee_kind", "link")
    }
    form = TemplateTaskForm(data_or_none(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.template_task_update(task=task, by=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, _("La tâche est enregistrée."))
            return redirect(task.template)
    return render(
        request,
        "onboarding/template_task_form.html",
        {"form": form, "template": task.template, "task": task},
    )


@login_required
@require_POST
def template_task_delete(request, pk):
    task = get_template_task_for_user(request, pk)
    services.template_task_delete(task=task, by=request.user)
    messages.success(
        request, _("La tâche « %(title)s » est retirée du modèle.") % {"title": task.title}
    )
    return redirect(task.template)


@login_required
@require_POST
def template_task_move(request, pk):
    """Move a task up or down: the list with htmx, the page otherwise."""
    task = get_template_task_for_user(request, pk)
    try:
        services.template_task_move(
            task=task, by=request.user, direction=request.POST.get("direction")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    if request.htmx:
        return render(
            request,
            "onboarding/template_detail.html#tasks",
            {"template": task.template, "tasks": _template_tasks(task.template), "moved": task.pk},
        )
    return redirect(reverse("onboarding:template_detail", args=[task.template_id]) + "#tasks")


@login_required
@require_POST
def template_archive(request, pk):
    """Archive (action=archive) or bring back (action=restore) a template."""
    template = get_template_for_user(request, pk)
    restore = request.POST.get("action") == "restore"
    try:
        if restore:
            services.template_restore(template=template, by=request.user)
        else:
            services.template_archive(template=template, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Le modèle est de nouveau proposé.")
            if restore
            else _("Le modèle est archivé : il n'est plus proposé pour un nouvel accueil."),
        )
    return redirect(template)
