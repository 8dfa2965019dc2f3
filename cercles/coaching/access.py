"""Load objects for a view: 404 for what the user may not see, 403 for what he may not do."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from . import permissions
from .models import CoachingRequest, Match, MatchingRound


def _check(abilities: dict, ability: str | None):
    if ability and not abilities.get(ability):
        raise PermissionDenied


def get_request_for_user(request, pk, ability: str | None = None):
    coaching_request = get_object_or_404(
        CoachingRequest.objects.visible_to(request.user)
        .select_related("requester")
        .prefetch_related("competencies"),
        pk=pk,
    )
    abilities = permissions.request_abilities(request.user, coaching_request)
    _check(abilities, ability)
    return coaching_request, abilities


def get_match_for_user(request, pk, ability: str | None = None):
    match = get_object_or_404(
        Match.objects.visible_to(request.user).with_people().select_related("round"), pk=pk
    )
    abilities = permissions.match_abilities(request.user, match)
    _check(abilities, ability)
    return match, abilities


def get_round_for_user(request, pk, ability: str | None = None):
    if not permissions.can_coordinate(request.user):
        raise PermissionDenied
    matching_round = get_object_or_404(
        MatchingRound.objects.visible_to(request.user).select_related("created_by"), pk=pk
    )
    abilities = permissions.round_abilities(request.user, matching_round)
    _check(abilities, ability)
    return matching_round, abilities
