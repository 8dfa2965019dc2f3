"""The people app's sections on other pages (cercles/core/panels.py):

- "development_home": the cards of the hub that are this app's (my path, choose my
  path, the catalogue, and the people functions for admins); one query in all.
- "talent_path": a person's own path entries (goals, notes, saved questionnaire
  results, accepted suggestions), the private ones only to himself; one query (two
  when the viewer is someone else and the share was not already checked).
- "person_detail": on a person's page, a link to my path, or to suggest an
  accompaniment to him; no query.
"""

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils.text import Truncator

from cercles.core import panels
from cercles.lib.urls import cached_reverse

from . import permissions
from .models import EntryKind, PathEntry, SuggestionStatus
from .path import PathStep


@panels.register("development_home", order=60)
def my_path_card(request):
    from cercles.accounts.models import Person

    user = request.user
    counts = (
        Person.objects.filter(pk=user.pk)
        .annotate(
            entries=Count("path_entries", distinct=True),
            pending=Count(
                "path_suggestions",
                filter=Q(path_suggestions__status=SuggestionStatus.PENDING),
                distinct=True,
            ),
        )
        .values("entries", "pending")
        .first()
    ) or {"entries": 0, "pending": 0}
    return render_to_string("people/_cards.html#path", counts, request)


@panels.register("development_home", order=61)
def chooser_card(request):
    return render_to_string("people/_cards.html#chooser", {}, request)


@panels.register("development_home", order=62)
def catalogue_card(request):
    return render_to_string("people/_cards.html#catalogue", {}, request)


@panels.register("development_home", order=63)
def functions_card(request):
    if not permissions.can_manage_functions(request.user):
        return ""
    return render_to_string("people/_cards.html#functions", {}, request)


def _detail(entry: PathEntry) -> str:
    first = next((line for line in entry.body.splitlines() if line.strip()), "")
    return Truncator(first).chars(160)


@panels.register("talent_path", order=90)
def path_entries(*, person, viewer) -> list[PathStep]:
    if not permissions.is_shared_with(person, viewer):
        return []
    mine = viewer.pk == person.pk
    entries = PathEntry.objects.seen_by(person, viewer).order_by("-date", "-id")
    return [
        PathStep(
            date=entry.date,
            kind=entry.kind if entry.kind in EntryKind.values else "path",
            title=entry.title,
            url=cached_reverse("people:entry_update", entry.pk) if mine else "",
            detail=_detail(entry),
            private=entry.private,
        )
        for entry in entries
    ]


@panels.register("person_detail", order=60)
def person_path_panel(request, *, person, is_me, as_of):
    """No query: whether the person shared his path with the reader is not asked here
    (the page is read often); the paths shared with someone are listed on his sharing
    page, and he is notified with the link when a path is shared with him."""
    user = request.user
    if not (user and user.is_authenticated):
        return ""
    abilities = permissions.path_abilities(user, person, shared=is_me)
    return render_to_string(
        "people/_person_panel.html",
        {"person": person, "is_me": is_me, "abilities": abilities},
        request,
    )
