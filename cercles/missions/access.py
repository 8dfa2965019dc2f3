"""Load missions and applications for a view: 404 for what the user may not see, 403 for
what he may not do."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from . import permissions
from .models import Application, ApplicationLeadLink, Mission


def _check(abilities: dict, ability: str | None):
    if ability and not abilities.get(ability):
        raise PermissionDenied


def get_mission_for_user(request, pk, ability: str | None = None) -> tuple[Mission, dict]:
    user = request.user
    mission = get_object_or_404(
        Mission.objects.visible_to(user)
        .with_mine(user)
        .select_related("circle", "role", "created_by"),
        pk=pk,
    )
    abilities = permissions.mission_abilities(user, mission)
    _check(abilities, ability)
    return mission, abilities


def get_application_for_user(request, pk, ability: str | None = None) -> tuple[Application, dict]:
    user = request.user
    application = get_object_or_404(
        Application.objects.visible_to(user)
        .select_related(
            "mission", "mission__circle", "mission__role", "mission__created_by", "person"
        )
        .prefetch_related(
            Prefetch(
                "lead_links",
                queryset=ApplicationLeadLink.objects.select_related("person").order_by("id"),
            )
        ),
        pk=pk,
    )
    abilities = permissions.application_abilities(user, application)
    _check(abilities, ability)
    return application, abilities
