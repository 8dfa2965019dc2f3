"""Load objects for a view: 404 for what the user may not see, 403 for what he may not do."""

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.shortcuts import get_object_or_404

from . import permissions
from .models import Page, PageRevision, RemedyProposal, TimeEater


def _check(abilities: dict, ability: str | None):
    if ability and not abilities.get(ability):
        raise PermissionDenied


def get_page_for_user(request, slug, ability: str | None = None) -> tuple[Page, dict]:
    page = get_object_or_404(
        Page.objects.visible_to(request.user)
        .select_related("circle", "updated_by", "created_by")
        .annotate(revision_number=F("current_revision__number")),
        slug=slug,
    )
    abilities = permissions.page_abilities(request.user, page)
    _check(abilities, ability)
    return page, abilities


def get_revision_for_user(request, slug, number, ability: str | None = None):
    page, abilities = get_page_for_user(request, slug, ability=ability)
    revision = get_object_or_404(
        PageRevision.objects.select_related("author", "restored_from"), page=page, number=number
    )
    return page, revision, abilities


def get_time_eater_for_user(request, slug, ability: str | None = None):
    if not request.user.is_authenticated:  # login_required runs first; defensive
        raise PermissionDenied
    time_eater = get_object_or_404(
        TimeEater.objects.with_counts(request.user).select_related("created_by"), slug=slug
    )
    abilities = permissions.time_eater_abilities(request.user, time_eater)
    _check(abilities, ability)
    return time_eater, abilities


def get_proposal_for_user(request, pk, ability: str | None = None):
    proposal = get_object_or_404(
        RemedyProposal.objects.select_related("time_eater", "author"), pk=pk
    )
    abilities = permissions.remedy_abilities(request.user, proposal, proposal.time_eater)
    _check(abilities, ability)
    return proposal, abilities
