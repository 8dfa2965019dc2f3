"""Load objects for a view: 404 for what the user may not see, 403 for what he may not do."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from . import permissions
from .models import Consultation, Statement


def _check(abilities: dict, ability: str | None):
    if ability and not abilities.get(ability):
        raise PermissionDenied


def consultations_for(user):
    return (
        Consultation.objects.visible_to(user)
        .with_meeting_part(user)
        .select_related("circle", "meeting", "created_by")
    )


def get_consultation_for_user(request, pk, ability: str | None = None) -> tuple[Consultation, dict]:
    consultation = get_object_or_404(consultations_for(request.user), pk=pk)
    abilities = permissions.consultation_abilities(request.user, consultation)
    _check(abilities, ability)
    return consultation, abilities


def get_statement_for_user(request, pk, ability: str | None = None) -> tuple[Statement, dict]:
    statement = get_object_or_404(
        Statement.objects.filter(consultation__in=Consultation.objects.visible_to(request.user)),
        pk=pk,
    )
    consultation = consultations_for(request.user).get(pk=statement.consultation_id)
    statement.consultation = consultation
    abilities = permissions.consultation_abilities(request.user, consultation)
    _check(abilities, ability)
    return statement, abilities
