"""Load objects for a view: 404 for what the user may not see, 403 for what he may not do."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from . import permissions
from .models import Election, Objection


def _check(abilities: dict, ability: str | None):
    if ability and not abilities.get(ability):
        raise PermissionDenied


def get_election_for_user(request, pk, ability: str | None = None) -> tuple[Election, dict]:
    election = get_object_or_404(Election.objects.visible_to(request.user).for_display(), pk=pk)
    abilities = permissions.election_abilities(request.user, election)
    _check(abilities, ability)
    return election, abilities


def get_objection_for_user(request, pk, ability: str | None = None):
    objection = get_object_or_404(
        Objection.objects.filter(
            election__in=Election.objects.visible_to(request.user)
        ).select_related(
            "person",
            "proposal",
            "proposal__candidate",
            "election",
            "election__circle",
            "election__role",
            "election__candidate",
            "election__facilitator",
        ),
        pk=pk,
    )
    abilities = permissions.election_abilities(request.user, objection.election)
    _check(abilities, ability)
    return objection, abilities
