"""Who may do what on knowledge pages and time eaters.

Pages are co-written:
- Every logged-in person reads every page, except a page *restricted* to its circle:
  that one is read by the circle's members (people who hold a role there today), by
  whoever manages the circle (its lead link or one above,
  `organisation.permissions.manages`) and by admins. Others get a 404.
- Whoever reads a page edits it (title and text, each save a new revision), unless it is
  *protected*: then only its stewards edit it.
- The stewards of a page are the admins and, when the page belongs to a circle, whoever
  manages the circle and the circle's facilitator. They alone change a page's settings
  (kind, circle, restriction, protection).
- Admins archive, unarchive and delete pages. An archived page is read only.

Time eaters:
- Everyone logged in reads the catalogue, adds a time eater, says "ça me concerne"
  (once) and proposes remedies.
- The author of a time eater and admins edit it; admins archive it and adopt a proposed
  remedy into the adopted ones. The author of a proposed remedy and admins delete it.

The per-user facts (circles he belongs to, facilitates, manages) are read once and kept
on the user object for the request.
"""

from django.utils import timezone

from cercles.organisation.models import Assignment, CoreRole
from cercles.organisation.permissions import _led_circle_ids, _parent_map, is_admin, manages

from .models import Page, RemedyProposal, TimeEater

_FACTS = (
    "_cercles_knowledge_member_ids",
    "_cercles_knowledge_facilitated_ids",
    "_cercles_knowledge_reader_ids",
)


def forget(user) -> None:
    for attr in _FACTS:
        if hasattr(user, attr):
            delattr(user, attr)


def member_circle_ids(user) -> set[int]:
    """Circles where the user holds a role today."""
    if not hasattr(user, "_cercles_knowledge_member_ids"):
        rows = list(
            Assignment.objects.current(timezone.localdate())
            .filter(person=user, role__archived_at__isnull=True)
            .values_list("role__circle_id", "role__core_role")
        )
        user._cercles_knowledge_member_ids = {c for c, _core in rows}
        user._cercles_knowledge_facilitated_ids = {
            c for c, core in rows if core == CoreRole.FACILITATOR
        }
    return user._cercles_knowledge_member_ids


def facilitated_circle_ids(user) -> set[int]:
    """Circles whose facilitator the user is today."""
    member_circle_ids(user)
    return user._cercles_knowledge_facilitated_ids


def reader_circle_ids(user) -> set[int]:
    """Circles whose restricted pages the user reads: those he belongs to and those he
    manages."""
    if not hasattr(user, "_cercles_knowledge_reader_ids"):
        ids = set(member_circle_ids(user))
        if _led_circle_ids(user):
            ids |= {c for c in _parent_map(user) if manages(user, c)}
        user._cercles_knowledge_reader_ids = ids
    return user._cercles_knowledge_reader_ids


def stewards_circle(user, circle_id: int | None) -> bool:
    """Admins; for a circle, whoever manages it and its facilitator."""
    if not (user and user.is_authenticated):
        return False
    if is_admin(user):
        return True
    if circle_id is None:
        return False
    return circle_id in facilitated_circle_ids(user) or manages(user, circle_id)


def may_read_circle(user, circle_id: int | None) -> bool:
    """May the user read a page restricted to this circle?"""
    if not (user and user.is_authenticated):
        return False
    return is_admin(user) or (circle_id is not None and circle_id in reader_circle_ids(user))


def can_create_page(user) -> bool:
    return bool(user and user.is_authenticated)


PAGE_ABILITIES = (
    "view",
    "update",
    "configure",
    "history",
    "restore",
    "archive",
    "unarchive",
    "delete",
)


def page_abilities(user, page: Page) -> dict[str, bool]:
    if not (user and user.is_authenticated):
        return dict.fromkeys(PAGE_ABILITIES, False)
    admin = is_admin(user)
    view = admin or not page.restricted or may_read_circle(user, page.circle_id)
    live = view and not page.is_archived
    steward = view and stewards_circle(user, page.circle_id)
    edit = live and (not page.protected or steward)
    return {
        "view": view,
        "update": edit,
        "configure": live and steward,
        "history": view,
        "restore": edit,
        "archive": admin and not page.is_archived,
        "unarchive": admin and page.is_archived,
        "delete": admin,
    }


def can_create_time_eater(user) -> bool:
    return bool(user and user.is_authenticated)


def time_eater_abilities(user, time_eater: TimeEater) -> dict[str, bool]:
    authenticated = bool(user and user.is_authenticated)
    admin = is_admin(user)
    live = authenticated and time_eater.archived_at is None
    return {
        "view": authenticated,
        "update": live and (admin or time_eater.created_by_id == user.pk),
        "concern": live,
        "propose": live,
        "adopt": live and admin,
        "archive": live and admin,
        "unarchive": admin and time_eater.archived_at is not None,
    }


def remedy_abilities(user, proposal: RemedyProposal, time_eater: TimeEater) -> dict[str, bool]:
    authenticated = bool(user and user.is_authenticated)
    admin = is_admin(user)
    live = authenticated and time_eater.archived_at is None
    return {
        "delete": live
        and (admin or (proposal.author_id is not None and proposal.author_id == user.pk)),
        "adopt": live and admin and proposal.adopted_at is None,
    }
