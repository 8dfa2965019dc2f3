"""Load objects for a view: 404 for what the user may not see, 403 for what he may not do."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from cercles.accounts.models import Person

from . import permissions
from .models import Registration, Session, Training


def _check(abilities: dict, ability: str | None) -> None:
    if ability and not abilities.get(ability):
        raise PermissionDenied


def _people():
    return Person.objects.order_by("last_name", "first_name", "id")


def get_training_for_user(request, pk, ability: str | None = None) -> tuple[Training, dict]:
    # Queries: the training (visible to him); its trainers; (his people functions).
    training = get_object_or_404(
        Training.objects.visible_to(request.user)
        .select_related("proposed_by")
        .prefetch_related(Prefetch("trainers", queryset=_people())),
        pk=pk,
    )
    abilities = permissions.training_abilities(request.user, training)
    _check(abilities, ability)
    return training, abilities


def get_session_for_user(
    request, pk, ability: str | None = None
) -> tuple[Session, dict, Registration | None]:
    # Queries: the session with its training; its trainers; his registration;
    # (his people functions).
    session = get_object_or_404(
        Session.objects.visible_to(request.user)
        .select_related("training")
        .prefetch_related(Prefetch("trainers", queryset=_people())),
        pk=pk,
    )
    registration = Registration.objects.filter(session=session, person=request.user).first()
    abilities = permissions.session_abilities(request.user, session, registration=registration)
    _check(abilities, ability)
    return session, abilities, registration
