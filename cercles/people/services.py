from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import functions
from .models import Function, PeopleFunction


def _check_admin(by) -> None:
    if not (by and by.is_authenticated and by.is_admin):
        raise PermissionDenied(_("Seuls les administrateurs confient les fonctions RH."))


@transaction.atomic
def function_grant(*, person, function: str, by) -> PeopleFunction:
    _check_admin(by)
    if function not in Function.values:
        raise ValidationError({"function": _("Fonction inconnue.")})
    if not person.is_active:
        raise ValidationError({"person": _("Cette personne n'est plus active.")})
    grant, _created = PeopleFunction.objects.get_or_create(
        person=person, function=function, defaults={"granted_by": by}
    )
    functions.forget(person)
    return grant


@transaction.atomic
def function_revoke(*, grant: PeopleFunction, by) -> None:
    _check_admin(by)
    person = grant.person
    grant.delete()
    functions.forget(person)
