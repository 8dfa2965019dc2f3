"""Who may do what with the people functions, the talent path catalogue and paths.

- People functions (HR, coaching coordinator): organisation admins grant and revoke
  them; nobody else sees the page (403).
- The catalogue: everyone logged in reads the live items; HR (`functions.is_hr`, admins
  included) create, edit, reorder, archive and unarchive them, and read archived ones.
- A person's path: the person reads and writes all of it. Someone he shared it with
  reads its non-private steps (and what each module lets him see). Anyone else,
  HR and admins included, gets a 404: a path is personal.
- Suggestions: anyone logged in suggests a format to an active colleague (not to
  himself); only the person sees it and answers it.
"""

from .functions import is_hr
from .models import PathEntry, PathItem, PathShare, Suggestion, SuggestionStatus


def _authenticated(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_manage_catalogue(user) -> bool:
    return _authenticated(user) and is_hr(user)


def can_manage_functions(user) -> bool:
    return _authenticated(user) and user.is_admin


def item_abilities(user, item: PathItem) -> dict[str, bool]:
    hr = can_manage_catalogue(user)
    live = not item.is_archived
    return {
        "view": _authenticated(user) and (live or hr),
        "update": hr and live,
        "move": hr and live,
        "archive": hr and live,
        "unarchive": hr and not live,
        "suggest": _authenticated(user) and live and item.kind == "format",
    }


def is_shared_with(person, viewer) -> bool:
    """Has `person` shared his path with `viewer`? One query per person, unless the
    viewer is the person; the answer is kept on the viewer for the request, so the
    path page and the path steps of this app ask once."""
    if not _authenticated(viewer):
        return False
    if viewer.pk == person.pk:
        return True
    known = viewer.__dict__.setdefault("_cercles_paths_shared", {})
    if person.pk not in known:
        known[person.pk] = PathShare.objects.filter(owner=person, viewer=viewer).exists()
    return known[person.pk]


def forget(viewer) -> None:
    viewer.__dict__.pop("_cercles_paths_shared", None)


def path_abilities(viewer, person, *, shared: bool | None = None) -> dict[str, bool]:
    """What `viewer` may do on `person`'s path. `shared` (is_shared_with) may be given
    when already known."""
    authenticated = _authenticated(viewer)
    me = authenticated and viewer.pk == person.pk
    if shared is None:
        shared = is_shared_with(person, viewer) if authenticated and not me else me
    return {
        "view": me or (authenticated and shared and person.is_active),
        "view_private": me,
        "edit": me,
        "share": me,
        "suggest": authenticated and not me and person.is_active,
    }


def entry_abilities(user, entry: PathEntry) -> dict[str, bool]:
    """The person does everything with his entries; someone he shared his path with
    reads the non-private ones; nobody else reads any (HR and admins included)."""
    mine = _authenticated(user) and entry.person_id == user.pk
    shared = (
        not mine
        and not entry.private
        and _authenticated(user)
        and entry.person.is_active
        and is_shared_with(entry.person, user)
    )
    return {"view": mine or shared, "update": mine, "delete": mine}


def suggestion_abilities(user, suggestion: Suggestion) -> dict[str, bool]:
    mine = _authenticated(user) and suggestion.person_id == user.pk
    pending = suggestion.status == SuggestionStatus.PENDING
    return {"view": mine, "accept": mine and pending, "dismiss": mine and pending}
