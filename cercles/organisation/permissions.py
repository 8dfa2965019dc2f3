"""Who may do what on circles, roles and assignments.

- Anyone logged in reads the whole organisation.
- Organisation admins change everything and alone create top-level circles.
- The lead link of a circle manages it and every circle below it: creates
  sub-circles and roles, edits and archives its roles, (un)assigns people.
- A circle's own charter (name, purpose, domains, accountabilities), its core roles,
  its lead link, and moving or archiving it belong to whoever manages its parent: a
  lead link cannot rewrite his own mandate.

The per-user facts (circles led, the tree) are read once and kept on the user object
for the request, so checking many objects costs no extra query.
"""

from django.utils import timezone

from .models import Assignment, Circle, CoreRole, Role


def _led_circle_ids(user) -> set[int]:
    if not hasattr(user, "_cercles_led_ids"):
        user._cercles_led_ids = set(
            Assignment.objects.current(timezone.localdate())
            .filter(person=user, role__core_role=CoreRole.LEAD_LINK, role__archived_at__isnull=True)
            .values_list("role__circle_id", flat=True)
        )
    return user._cercles_led_ids


def _parent_map(user) -> dict[int, int | None]:
    if not hasattr(user, "_cercles_parent_map"):
        user._cercles_parent_map = dict(Circle.objects.values_list("id", "parent_id"))
    return user._cercles_parent_map


def forget(user) -> None:
    """Drop the per-request facts kept on the user, after a change that alters them."""
    for attr in ("_cercles_led_ids", "_cercles_parent_map"):
        if hasattr(user, attr):
            delattr(user, attr)


def is_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.is_admin)


def manages(user, circle_id: int | None) -> bool:
    """True if the user is an admin or leads this circle or one of its ancestors."""
    if not (user and user.is_authenticated) or circle_id is None:
        return False
    if is_admin(user):
        return True
    led = _led_circle_ids(user)
    if not led:
        return False
    parents = _parent_map(user)
    seen = set()
    node = circle_id
    while node is not None and node not in seen:
        if node in led:
            return True
        seen.add(node)
        node = parents.get(node)
    return False


def can_create_top_level_circle(user) -> bool:
    return is_admin(user)


def can_import(user) -> bool:
    return is_admin(user)


def circle_abilities(user, circle: Circle) -> dict[str, bool]:
    authenticated = bool(user and user.is_authenticated)
    live = not circle.is_archived
    manage = live and manages(user, circle.pk)
    manage_parent = live and (is_admin(user) or manages(user, circle.parent_id))
    return {
        "view": authenticated,
        "update": manage_parent,
        "create_subcircle": manage,
        "create_role": manage,
        "assign": manage,
        "move": manage_parent,
        "archive": manage_parent,
    }


def role_abilities(user, role: Role) -> dict[str, bool]:
    authenticated = bool(user and user.is_authenticated)
    live = not role.is_archived and not role.circle.is_archived
    manage = live and manages(user, role.circle_id)
    manage_parent = live and (is_admin(user) or manages(user, role.circle.parent_id))
    # The lead link of a circle is chosen by whoever manages the circle above.
    assign = manage_parent if role.core_role == CoreRole.LEAD_LINK else manage
    return {
        "view": authenticated,
        "update": manage_parent if role.is_core else manage,
        "archive": manage and not role.is_core,
        "assign": assign,
    }


def assignment_abilities(user, assignment: Assignment) -> dict[str, bool]:
    role_ab = role_abilities(user, assignment.role)
    ended = assignment.end_date is not None and assignment.end_date <= timezone.localdate()
    return {
        "view": role_ab["view"],
        "update": role_ab["assign"] and not ended,
        "end": role_ab["assign"] and not ended,
    }
