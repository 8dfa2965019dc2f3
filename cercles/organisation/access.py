"""Load objects for a view: 404 for what the user may not see, 403 for what he may not change."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from . import permissions
from .models import Assignment, Circle, Role


def _check(abilities: dict, ability: str | None):
    if ability and not abilities.get(ability):
        raise PermissionDenied


def get_circle_for_user(request, pk, ability: str | None = None) -> tuple[Circle, dict]:
    circle = get_object_or_404(
        Circle.objects.visible_to(request.user).select_related("parent"), pk=pk
    )
    abilities = permissions.circle_abilities(request.user, circle)
    _check(abilities, ability)
    return circle, abilities


def get_role_for_user(request, pk, ability: str | None = None) -> tuple[Role, dict]:
    role = get_object_or_404(
        Role.objects.visible_to(request.user).select_related("circle", "circle__parent"), pk=pk
    )
    abilities = permissions.role_abilities(request.user, role)
    _check(abilities, ability)
    return role, abilities


def get_assignment_for_user(request, pk, ability: str | None = None) -> tuple[Assignment, dict]:
    assignment = get_object_or_404(
        Assignment.objects.visible_to(request.user).select_related(
            "person", "role", "role__circle", "role__circle__parent"
        ),
        pk=pk,
    )
    abilities = permissions.assignment_abilities(request.user, assignment)
    _check(abilities, ability)
    return assignment, abilities


def get_person_for_user(request, pk):
    from cercles.accounts.models import Person

    return get_object_or_404(Person.objects.visible_to(request.user), pk=pk)
