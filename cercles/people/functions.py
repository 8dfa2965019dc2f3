"""Who holds a people-development function, read once per request.

`is_hr(user)` and `is_coaching_coordinator(user)` are what the people modules'
permissions ask. Organisation admins hold every function (they can grant them
anyway); the answer is kept on the user object like organisation.permissions does,
so checking many objects costs one query at most.
"""

from .models import Function, PeopleFunction


def _functions(user) -> frozenset[str]:
    if not hasattr(user, "_cercles_people_functions"):
        user._cercles_people_functions = frozenset(
            PeopleFunction.objects.filter(person=user).values_list("function", flat=True)
        )
    return user._cercles_people_functions


def forget(user) -> None:
    if hasattr(user, "_cercles_people_functions"):
        delattr(user, "_cercles_people_functions")


def has_function(user, function: str) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_admin or function in _functions(user)


def is_hr(user) -> bool:
    return has_function(user, Function.HR)


def is_coaching_coordinator(user) -> bool:
    return has_function(user, Function.COACHING_COORDINATOR)


def holders(function: str):
    """The people who hold `function` by grant (admins not included): who to notify."""
    from cercles.accounts.models import Person

    return Person.objects.filter(is_active=True, people_functions__function=function).order_by(
        "last_name", "first_name", "id"
    )
