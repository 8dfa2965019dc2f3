"""Load objects for a view: 404 for what the user may not see, 403 for what he may not do."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from . import permissions
from .models import AgendaItem, Meeting


def _check(abilities: dict, ability: str | None):
    if ability and not abilities.get(ability):
        raise PermissionDenied


def get_meeting_for_user(request, pk, ability: str | None = None) -> tuple[Meeting, dict]:
    meeting = get_object_or_404(
        Meeting.objects.visible_to(request.user).select_related(
            "circle", "facilitator", "secretary"
        ),
        pk=pk,
    )
    abilities = permissions.meeting_abilities(request.user, meeting)
    _check(abilities, ability)
    return meeting, abilities


def get_agenda_item_for_user(request, pk, ability: str | None = None):
    item = get_object_or_404(
        AgendaItem.objects.filter(
            meeting__in=Meeting.objects.visible_to(request.user)
        ).select_related("meeting", "meeting__circle"),
        pk=pk,
    )
    abilities = permissions.meeting_abilities(request.user, item.meeting)
    _check(abilities, ability)
    return item, abilities
