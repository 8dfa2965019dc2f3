"""Sections that one app adds to another app's page, without the page knowing the app.

A page declares a *slot* ("meeting_detail", "circle_detail", "person_detail") and
renders `panels.render(slot, request, **objects)` where it wants them; an app registers
a function for a slot in its AppConfig.ready():

    from cercles.core import panels

    @panels.register("meeting_detail", order=20)
    def decisions_panel(request, *, meeting, abilities):
        ...
        return render_to_string("decisions/_meeting_panel.html", context, request)

Each function returns HTML (or "" to show nothing) and checks the reader's rights
itself, like a view. Its queries count in the page's query-count test: a panel must
cost a constant number of queries, whatever the data size.

Slots and the keyword arguments they pass:
- "meeting_detail": meeting, abilities (meetings.permissions.meeting_abilities)
- "circle_detail": circle (the live circle), abilities, as_of (organisation.selectors.AsOf)
- "person_detail": person, is_me, as_of

Besides HTML panels, a slot may gather other things, read with `collect`:
- "meeting_minutes": meeting → a Markdown section of the minutes (decisions, polls,
  elections… of that meeting), or "" when the app has nothing for it.
- "talent_path": person, viewer → a list of cercles.people.path.PathStep (what the
  person did in that module, as far as the viewer may see it).
"""

from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

_PANELS: dict[str, list[tuple[int, str, Callable]]] = {}


def register(slot: str, *, order: int = 50):
    """Decorator: show the function's HTML in `slot`, panels sorted by `order`."""

    def decorator(function: Callable) -> Callable:
        name = f"{function.__module__}.{function.__qualname__}"
        entries = [e for e in _PANELS.get(slot, []) if e[1] != name]  # idempotent
        entries.append((order, name, function))
        entries.sort(key=lambda e: (e[0], e[1]))
        _PANELS[slot] = entries
        return function

    return decorator


def render(slot: str, request, **objects) -> SafeString:
    """The HTML of every panel registered for `slot`, in order."""
    parts = [function(request, **objects) for _order, _name, function in _PANELS.get(slot, [])]
    return mark_safe("".join(str(part) for part in parts if part))


def collect(slot: str, **objects) -> list:
    """What each function registered for `slot` returns, in order, empty ones left out."""
    results = [function(**objects) for _order, _name, function in _PANELS.get(slot, [])]
    return [result for result in results if result]
