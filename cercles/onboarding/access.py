"""Load objects for a view: 404 for what the user may not see, 403 for what he may not do."""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404

from . import permissions
from .models import Onboarding, OnboardingTask, PlanTemplate, TemplateTask


def _check(abilities: dict, ability: str | None):
    if ability and not abilities.get(ability):
        raise PermissionDenied


def _onboardings(user):
    return (
        Onboarding.objects.visible_to(user)
        .for_display()
        .annotate(
            is_assignee=Exists(
                OnboardingTask.objects.filter(onboarding_id=OuterRef("pk"), assignee=user)
            )
        )
    )


def get_onboarding_for_user(request, pk, ability: str | None = None):
    onboarding = get_object_or_404(_onboardings(request.user), pk=pk)
    abilities = permissions.onboarding_abilities(request.user, onboarding)
    _check(abilities, ability)
    return onboarding, abilities


def get_task_for_user(request, pk, ability: str | None = None):
    """The task, its onboarding (seen by the user) and the task's abilities."""
    task = get_object_or_404(OnboardingTask.objects.select_related("assignee"), pk=pk)
    try:
        onboarding, abilities = get_onboarding_for_user(request, task.onboarding_id)
    except Http404:
        raise Http404 from None
    task.onboarding = onboarding
    task_abilities = permissions.task_abilities(
        request.user, task, onboarding, runs=abilities["update"] or abilities["reopen"]
    )
    _check(task_abilities, ability)
    return task, onboarding, abilities, task_abilities


def _templates_allowed(request):
    if not permissions.can_manage_templates(request.user):
        raise PermissionDenied


def get_template_for_user(request, pk) -> PlanTemplate:
    _templates_allowed(request)
    return get_object_or_404(PlanTemplate, pk=pk)


def get_template_task_for_user(request, pk) -> TemplateTask:
    _templates_allowed(request)
    return get_object_or_404(TemplateTask.objects.select_related("template"), pk=pk)
