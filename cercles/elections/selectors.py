"""Reads that the circle's page and the list of a circle's elections share: the circle's
elected roles, who holds them, until when, and the election in progress for each.

The result is plain data, cached per state of the organisation and of the elections
and per day (`core.fragments`): the circle's page pays for it once, then nothing.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from cercles.core import fragments
from cercles.organisation.models import Assignment, Role

from .models import ELECTED_ROLES, Election, ElectionStatus


def reminder_days() -> int:
    """How many days before a term ends its reminder goes out (and the pages flag it)."""
    return settings.CERCLES_TERM_REMINDER_DAYS


def _read_terms(circle_id: int, today: datetime.date) -> dict:
    # Queries: the circle's elected roles; their holders today with the people; the
    # elections in progress in the circle.
    order = {core: i for i, core in enumerate(ELECTED_ROLES)}
    roles = sorted(
        Role.objects.filter(
            circle_id=circle_id, core_role__in=ELECTED_ROLES, archived_at__isnull=True
        ).only("id", "name", "core_role"),
        key=lambda r: order[r.core_role],
    )
    holders: dict[int, list] = {role.pk: [] for role in roles}
    for a in (
        Assignment.objects.current(today)
        .filter(role_id__in=list(holders))
        .select_related("person")
        .order_by("start_date", "id")
    ):
        holders[a.role_id].append(
            {
                "person_id": a.person_id,
                "name": a.person.full_name,
                "start": a.start_date,
                "end": a.end_date,
            }
        )
    running = {
        role_id: {"pk": pk, "status": status}
        for pk, role_id, status in Election.objects.open()
        .filter(circle_id=circle_id)
        .values_list("pk", "role_id", "status")
    }
    return {
        "roles": [
            {
                "pk": role.pk,
                "name": role.name,
                "core_role": role.core_role,
                "holders": holders[role.pk],
                "election": running.get(role.pk),
            }
            for role in roles
        ],
    }


def circle_terms(circle_id: int, today: datetime.date | None = None) -> list[dict]:
    """The circle's elected roles as dicts: name, holders (with `end`, `days_left` and
    `ends_soon`), the election in progress (with its step's label) and `facilitator_ids`."""
    from .services import ELECTIONS

    today = today or timezone.localdate()
    key = ":".join(
        [
            "election-terms",
            fragments.generation(fragments.ORGANISATION),
            fragments.generation(ELECTIONS),
            str(today),
            str(circle_id),
        ]
    )
    data = fragments.cached_value(key, lambda: _read_terms(circle_id, today))
    soon = reminder_days()
    roles = []
    for role in data["roles"]:
        holders = []
        for holder in role["holders"]:
            days_left = (holder["end"] - today).days if holder["end"] else None
            holders.append(
                {
                    **holder,
                    "days_left": days_left,
                    "ends_soon": days_left is not None and days_left <= soon,
                }
            )
        election = role["election"]
        if election is not None:
            election = {**election, "label": ElectionStatus(election["status"]).label}
        roles.append({**role, "holders": holders, "election": election})
    return roles


def facilitator_ids(terms: list[dict]) -> set[int]:
    from cercles.organisation.models import CoreRole

    return {
        h["person_id"]
        for role in terms
        if role["core_role"] == CoreRole.FACILITATOR
        for h in role["holders"]
    }
