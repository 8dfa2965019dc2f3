"""A person's reporting line and circle mates, from the current assignments.

In circles and roles, "his manager" is the lead link of each circle where he holds
a role (the nearest one above where the circle has none, or where he is its lead
link), and the reporting line climbs through the lead links of the circles above.
Coaching keeps these people away from a person's coach unless he allows it;
missions inform them when he is selected elsewhere.

The functions take many people at once (coach matching asks for 500 requesters; any
iterable of ids) and cost three queries at most whatever their number. `on` (today by
default) picks the assignments held that day and the roles live that day; the circle
tree is today's.
"""

import datetime
from collections import defaultdict

from django.db.models import Q
from django.utils import timezone

from cercles.organisation.models import Assignment, Circle, CoreRole


def _current(on):
    on = on or timezone.localdate()
    # A role archived after `on` was live that day (archiving ends its assignments on
    # the day; one starting later is never held: the role is gone).
    return Assignment.objects.current(on).filter(
        Q(role__archived_at__isnull=True) | Q(role__archived_at__date__gt=on),
        person__is_active=True,
    )


def _circles_of(person_ids, on) -> dict[int, set[int]]:
    circles = defaultdict(set)
    for person_id, circle_id in (
        _current(on).filter(person_id__in=person_ids).values_list("person_id", "role__circle_id")
    ):
        circles[person_id].add(circle_id)
    return circles


def lead_links_by_circle(on: datetime.date | None = None) -> dict[int, set[int]]:
    leads = defaultdict(set)
    for circle_id, person_id in (
        _current(on)
        .filter(role__core_role=CoreRole.LEAD_LINK)
        .values_list("role__circle_id", "person_id")
    ):
        leads[circle_id].add(person_id)
    return leads


def direct_lead_links(person_ids, on: datetime.date | None = None) -> dict[int, set[int]]:
    """person id -> ids of his nearest lead links: for each circle where he holds a role,
    the lead link of that circle, or, where it has none or he is that lead link himself,
    the nearest one above (a lead link answers to the lead link of the circle above)."""
    person_ids = list(person_ids)
    circles = _circles_of(person_ids, on)
    leads = lead_links_by_circle(on)
    parents = dict(Circle.objects.values_list("id", "parent_id"))
    result = {}
    for pid in person_ids:
        found = set()
        for circle_id in circles.get(pid, ()):
            node, seen = circle_id, set()
            while node is not None and node not in seen:
                seen.add(node)
                others = leads.get(node, set()) - {pid}
                if others:
                    found |= others
                    break
                node = parents.get(node)
        result[pid] = found
    return result


def reporting_line(person_ids, on: datetime.date | None = None) -> dict[int, set[int]]:
    """person id -> ids of the lead links of his circles and of every circle above them."""
    person_ids = list(person_ids)
    circles = _circles_of(person_ids, on)
    leads = lead_links_by_circle(on)
    parents = dict(Circle.objects.values_list("id", "parent_id"))
    result = {}
    for pid in person_ids:
        line = set()
        for circle_id in circles.get(pid, ()):
            node, seen = circle_id, set()
            while node is not None and node not in seen:
                seen.add(node)
                line |= leads.get(node, set())
                node = parents.get(node)
        result[pid] = line - {pid}
    return result


def circle_mates(person_ids, on: datetime.date | None = None) -> dict[int, set[int]]:
    """person id -> ids of everyone holding a role in one of his circles (not himself)."""
    person_ids = list(person_ids)
    circles = _circles_of(person_ids, on)
    wanted = {c for cs in circles.values() for c in cs}
    members = defaultdict(set)
    for circle_id, person_id in (
        _current(on).filter(role__circle_id__in=wanted).values_list("role__circle_id", "person_id")
    ):
        members[circle_id].add(person_id)
    return {
        pid: {m for c in circles.get(pid, ()) for m in members.get(c, ())} - {pid}
        for pid in person_ids
    }
