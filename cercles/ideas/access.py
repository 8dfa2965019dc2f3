"""Load objects for a view: 404 for what the user may not see, 403 for what he may not change."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from . import permissions
from .models import Campaign, Comment, Idea, Milestone, Project, Theme


def _check(abilities: dict, ability: str | None):
    if ability and not abilities.get(ability):
        raise PermissionDenied


def get_idea_for_user(request, pk, ability: str | None = None) -> tuple[Idea, dict]:
    idea = get_object_or_404(
        Idea.objects.visible_to(request.user)
        .select_related("author", "campaign", "circle", "merged_into")
        # The vector (1.5 kB) and the search text are for the engine, not the pages.
        .defer("embedding", "search_text"),
        pk=pk,
    )
    abilities = permissions.idea_abilities(request.user, idea)
    _check(abilities, ability)
    return idea, abilities


def get_campaign_for_user(request, pk, ability: str | None = None) -> tuple[Campaign, dict]:
    campaign = get_object_or_404(
        Campaign.objects.visible_to(request.user).select_related("circle"), pk=pk
    )
    abilities = permissions.campaign_abilities(request.user, campaign)
    _check(abilities, ability)
    return campaign, abilities


def get_comment_for_user(request, pk, ability: str | None = None) -> tuple[Comment, dict]:
    comment = get_object_or_404(
        Comment.objects.visible_to(request.user).select_related("idea", "idea__campaign", "parent"),
        pk=pk,
    )
    idea_ab = permissions.idea_abilities(request.user, comment.idea)
    if not idea_ab["view"]:
        raise Http404
    abilities = permissions.comment_abilities(request.user, comment, idea_ab)
    _check(abilities, ability)
    return comment, abilities


def get_themes_campaign_for_user(request, pk, ability: str | None = None) -> tuple[Campaign, dict]:
    """A campaign, with the abilities on its themes."""
    campaign = get_object_or_404(
        Campaign.objects.visible_to(request.user).select_related("circle"), pk=pk
    )
    abilities = permissions.themes_abilities(request.user, campaign)
    _check(abilities, ability)
    return campaign, abilities


def get_theme_for_user(request, pk, ability: str | None = None) -> tuple[Theme, dict]:
    theme = get_object_or_404(
        Theme.objects.visible_to(request.user).select_related("campaign", "campaign__circle"),
        pk=pk,
    )
    abilities = permissions.themes_abilities(request.user, theme.campaign)
    _check(abilities, ability)
    return theme, abilities


def get_project_for_user(request, pk, ability: str | None = None) -> tuple[Project, dict]:
    project = get_object_or_404(
        Project.objects.visible_to(request.user).select_related(
            "lead", "campaign", "circle", "theme"
        ),
        pk=pk,
    )
    abilities = permissions.project_abilities(request.user, project)
    _check(abilities, ability)
    return project, abilities


def get_milestone_for_user(request, pk, ability: str | None = None) -> tuple[Milestone, dict]:
    milestone = get_object_or_404(
        Milestone.objects.filter(
            project__in=Project.objects.visible_to(request.user)
        ).select_related("project", "project__circle"),
        pk=pk,
    )
    abilities = permissions.milestone_abilities(request.user, milestone)
    _check(abilities, ability)
    return milestone, abilities
