"""Load objects for a view: 404 for what the user may not see, 403 for what he may not do."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from cercles.accounts.models import Person

from . import permissions
from .models import PathEntry, PathItem, PathShare, Suggestion


def _check(abilities: dict, ability: str | None):
    if ability and not abilities.get(ability):
        raise PermissionDenied


def get_item_for_user(request, slug, ability: str | None = None) -> tuple[PathItem, dict]:
    item = get_object_or_404(PathItem, slug=slug)
    abilities = permissions.item_abilities(request.user, item)
    if not abilities["view"]:
        raise Http404
    _check(abilities, ability)
    return item, abilities


def get_path_for_user(request, pk) -> tuple[Person, dict]:
    """The person whose path the user may read: himself, or someone who shared it with
    him. Anyone else: 404, as if the path did not exist."""
    if pk == request.user.pk:
        person = request.user
    else:
        person = get_object_or_404(Person.objects.filter(is_active=True), pk=pk)
    abilities = permissions.path_abilities(request.user, person)
    if not abilities["view"]:
        raise Http404
    return person, abilities


def get_entry_for_user(request, pk) -> PathEntry:
    """One of the user's own path entries (nobody else writes them)."""
    return get_object_or_404(PathEntry, pk=pk, person=request.user)


def get_share_for_user(request, pk) -> PathShare:
    return get_object_or_404(PathShare.objects.select_related("viewer"), pk=pk, owner=request.user)


def get_suggestion_for_user(request, pk) -> Suggestion:
    return get_object_or_404(
        Suggestion.objects.select_related("item", "author"), pk=pk, person=request.user
    )


def get_person_to_suggest(request, pk) -> Person:
    person = get_object_or_404(Person.objects.filter(is_active=True), pk=pk)
    if not permissions.path_abilities(request.user, person, shared=False)["suggest"]:
        raise PermissionDenied
    return person
