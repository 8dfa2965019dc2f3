"""A person's reporting line and circle mates, from the current assignments.

In circles and roles, "his manager" is the lead link of each circle where he holds
a role, and the reporting line climbs through the lead links of the circles above.
Coaching keeps these people away from a person's coach unless he allows it;
missions inform them when he is selected elsewhere.

Both functions take many people at once (coach matching asks for 500 requesters)
and cost three queries whatever their number.
"""

import datetime
from collections import defaultdict

from django.utils import timezone

from cercles.organisation.models import Assignment, Circle, CoreRole


def _current(on):
    return Assignment.objects.current(on or timezone.localdate()).filter(
        role__archived_at__isnull=True, person__is_active=True
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
    """person id -> ids of the lead links of the circles where he holds a role (not himself)."""
    circles = _circles_of(person_ids, on)
    leads = lead_links_by_circle(on)
    return {
        pid: {lead for c in circles.get(pid, ()) for lead in leads.get(c, ())} - {pid}
        for pid in person_ids
    }


def reporting_line(person_ids, on: datetime.date | None = None) -> dict[int, set[int]]:
    """person id -> ids of the lead links of his circles and of every circle above them."""
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
