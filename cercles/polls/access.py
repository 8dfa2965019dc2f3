"""Load polls for a view: 404 for what the user may not see, 403 for what he may not do."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from . import permissions
from .models import Poll


def get_poll_for_user(request, pk, ability: str | None = None) -> tuple[Poll, dict]:
    user = request.user
    poll = get_object_or_404(
        Poll.objects.visible_to(user)
        .with_mine(user)
        .select_related("circle", "meeting", "created_by", "outcome_by"),
        pk=pk,
    )
    abilities = permissions.poll_abilities(user, poll)
    if not abilities["view"]:  # pragma: no cover (visible_to and view agree)
        raise Http404
    if ability and not abilities.get(ability):
        raise PermissionDenied
    return poll, abilities
