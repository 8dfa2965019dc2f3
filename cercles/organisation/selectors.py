"""Reading the organisation, as it is now or as it was at any past moment.

The live tables hold today's organisation. For a past date the circles and roles
are rebuilt from the GovernanceChange snapshots: each change's `after` holds the
whole entity, so the latest change of each circle (or role) at or before the
moment is its state then. An entity with no change yet did not exist; one whose
latest snapshot says "archived" is hidden. Each rebuild costs one query per kind
of entity, whatever the size of the organisation.

Assignments carry their own dates: those held on a day are `start <= day < end`.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cercles.lib.text import fold

from .models import Assignment, ChangeAction, Circle, CoreRole, GovernanceChange, Role

PARIS = ZoneInfo("Europe/Paris")

CIRCLE_ACTIONS = (
    ChangeAction.CIRCLE_CREATE,
    ChangeAction.CIRCLE_UPDATE,
    ChangeAction.CIRCLE_MOVE,
    ChangeAction.CIRCLE_ARCHIVE,
)
ROLE_ACTIONS = (ChangeAction.ROLE_CREATE, ChangeAction.ROLE_UPDATE, ChangeAction.ROLE_ARCHIVE)
ASSIGNMENT_ACTIONS = (
    ChangeAction.ASSIGNMENT_CREATE,
    ChangeAction.ASSIGNMENT_UPDATE,
    ChangeAction.ASSIGNMENT_END,
)
CORE_ORDER = {value: index for index, value in enumerate(CoreRole.values)}

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# --- "as of a date" -------------------------------------------------------------


@dataclass(frozen=True)
class AsOf:
    """The day a page shows. `date` is None for today's live organisation."""

    date: datetime.date | None = None
    error: str = ""

    @property
    def is_past(self) -> bool:
        return self.date is not None

    @property
    def on(self) -> datetime.date:
        return self.date or timezone.localdate()

    @property
    def moment(self) -> datetime.datetime | None:
        """The end of the day in Paris: a change made that day counts."""
        if self.date is None:
            return None
        return datetime.datetime.combine(self.date, datetime.time.max, tzinfo=PARIS)

    @property
    def iso(self) -> str:
        return self.date.isoformat() if self.date else ""

    @property
    def label(self) -> str:
        return date_format(self.on, "j F Y")

    @property
    def query(self) -> str:
        """`?date=…` to carry the date along links, or nothing."""
        return f"?date={self.iso}" if self.date else ""


def parse_as_of(value: str | None) -> AsOf:
    """Read `?date=YYYY-MM-DD`. Never fails: a bad or future date falls back to today."""
    value = (value or "").strip()
    if not value:
        return AsOf()
    day = None
    if _ISO_DATE.match(value):
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            day = None
    if day is None:
        return AsOf(
            error=_(
                "La date « %(value)s » n'est pas valide : indiquez-la au format AAAA-MM-JJ. "
                "L'organisation est affichée à ce jour."
            )
            % {"value": value[:40]}
        )
    today = timezone.localdate()
    if day > today:
        return AsOf(
            error=_("La date demandée est dans le futur : l'organisation est affichée à ce jour.")
        )
    if day == today:
        # Today's state is the live tables: no need to rebuild it.
        return AsOf()
    return AsOf(date=day)


# --- a read-only picture of the organisation ---------------------------------------


# Sorting the whole tree folds every name on each request; names rarely change.
_folded = lru_cache(maxsize=65536)(fold)


def circle_sort_key(circle):
    return (_folded(circle.name), circle.pk)


def role_sort_key(role):
    return (CORE_ORDER.get(role.core_role, len(CORE_ORDER)), _folded(role.name), role.pk)


def circle_ancestors(circle) -> list:
    """The live chain of parents of a circle, top-level first: one recursive query,
    whatever the size of the organisation."""
    if circle.parent_id is None:
        return []
    table = connection.ops.quote_name(Circle._meta.db_table)
    sql = (
        "WITH RECURSIVE chain(id, depth) AS ("
        f" SELECT c.parent_id, 0 FROM {table} c WHERE c.id = %s"
        " UNION ALL"
        f" SELECT c.parent_id, chain.depth + 1 FROM {table} c JOIN chain ON c.id = chain.id"
        "  WHERE c.parent_id IS NOT NULL AND chain.depth < 200"
        f") SELECT c.id, c.name, c.kind, c.parent_id, c.colour, c.archived_at FROM {table} c"
        " JOIN chain ON c.id = chain.id ORDER BY chain.depth DESC"
    )
    return list(Circle.objects.raw(sql, [circle.pk]))


class OrgState:
    """Active circles (and, when asked, roles) of the organisation on one day.

    Circles and roles are model instances: read from the tables for today, built
    from snapshots (unsaved, never to be saved) for a past date. Circles carry
    `n_roles` when role counts were asked for.
    """

    def __init__(self, circles, *, on, roles=None, past=False):
        self.on = on
        self.past = past
        self.circles = {c.pk: c for c in circles}
        self.children = defaultdict(list)
        self.roots = []
        for circle in sorted(self.circles.values(), key=circle_sort_key):
            if circle.parent_id is not None and circle.parent_id in self.circles:
                self.children[circle.parent_id].append(circle)
            else:
                self.roots.append(circle)
        self.roles = {}
        self.roles_by_circle = defaultdict(list)
        for role in sorted(roles or [], key=role_sort_key):
            circle = self.circles.get(role.circle_id)
            if circle is None:
                continue
            role.circle = circle
            self.roles[role.pk] = role
            self.roles_by_circle[role.circle_id].append(role)

    def __len__(self):
        return len(self.circles)

    def ancestors(self, pk) -> list:
        """The chain of parents of a circle, top-level first."""
        chain, seen = [], {pk}
        circle = self.circles.get(pk)
        while circle is not None and circle.parent_id is not None:
            parent = self.circles.get(circle.parent_id)
            if parent is None or parent.pk in seen:
                break
            seen.add(parent.pk)
            chain.append(parent)
            circle = parent
        chain.reverse()
        return chain


_LIGHT_CIRCLE_FIELDS = ("id", "name", "kind", "parent_id", "colour", "archived_at")


def organisation_live(*, role_counts=False) -> OrgState:
    """Today's organisation from the tables: one query."""
    qs = Circle.objects.active().only(*_LIGHT_CIRCLE_FIELDS)
    if role_counts:
        qs = qs.annotate(n_roles=Count("roles", filter=Q(roles__archived_at__isnull=True)))
    return OrgState(list(qs), on=timezone.localdate())


def _latest_change(moment, *, entity: str, actions) -> Subquery:
    # Ordered by date rather than id: imports may record changes dated in the past.
    return Subquery(
        GovernanceChange.objects.filter(
            **{entity: OuterRef("pk")}, action__in=actions, at__lte=moment
        )
        .order_by("-at", "-id")
        .values("id")[:1]
    )


def _latest_circle_changes(moment, circle_ids=None):
    circles = Circle.objects.all()
    if circle_ids is not None:
        circles = circles.filter(pk__in=circle_ids)
    latest = circles.annotate(
        last_change=_latest_change(moment, entity="circle", actions=CIRCLE_ACTIONS)
    ).values("last_change")
    return GovernanceChange.objects.filter(pk__in=latest)


def _latest_role_changes(moment, *, circle_ids=None, role_ids=None):
    roles = Role.objects.all()
    if circle_ids is not None:
        roles = roles.filter(circle_id__in=circle_ids)
    if role_ids is not None:
        roles = roles.filter(pk__in=role_ids)
    latest = roles.annotate(
        last_change=_latest_change(moment, entity="role", actions=ROLE_ACTIONS)
    ).values("last_change")
    return GovernanceChange.objects.filter(pk__in=latest)


def assignment_terms_as_of(moment, assignments) -> None:
    """Give `assignments` the share and focus they had at `moment` (one query).

    Their dates already tell whether they were held; a later edit of the share or the
    focus must not rewrite what a past date shows.
    """
    by_id = {a.pk: a for a in assignments}
    if not by_id:
        return
    latest = (
        Assignment.objects.filter(pk__in=list(by_id))
        .annotate(
            last_change=_latest_change(moment, entity="assignment", actions=ASSIGNMENT_ACTIONS)
        )
        .values("last_change")
    )
    rows = GovernanceChange.objects.filter(pk__in=latest).values_list("assignment_id", "after")
    for assignment_id, after in rows:
        assignment = by_id[assignment_id]
        assignment.share = (after or {}).get("share", assignment.share)
        assignment.focus = (after or {}).get("focus", assignment.focus)


def _circle_from_snapshot(pk, data) -> Circle:
    return Circle(
        pk=pk,
        name=data.get("name") or "",
        purpose=data.get("purpose") or "",
        domains=data.get("domains") or "",
        accountabilities=data.get("accountabilities") or "",
        kind=data.get("kind") or "circle",
        parent_id=data.get("parent_id"),
        colour=data.get("colour") or "",
    )


def _role_from_snapshot(pk, data) -> Role:
    return Role(
        pk=pk,
        name=data.get("name") or "",
        purpose=data.get("purpose") or "",
        domains=data.get("domains") or "",
        accountabilities=data.get("accountabilities") or "",
        circle_id=data.get("circle_id"),
        core_role=data.get("core_role") or "",
    )


def circles_as_of(moment, circle_ids=None) -> list[Circle]:
    """Circles that existed and were not archived at `moment`: one query."""
    rows = _latest_circle_changes(moment, circle_ids).values_list("circle_id", "after")
    return [
        _circle_from_snapshot(pk, after)
        for pk, after in rows
        if after and not after.get("archived")
    ]


def roles_as_of(moment, *, circle_ids=None, role_ids=None) -> list[Role]:
    """Roles that existed and were not archived at `moment`: one query."""
    rows = _latest_role_changes(moment, circle_ids=circle_ids, role_ids=role_ids).values_list(
        "role_id", "after"
    )
    return [
        _role_from_snapshot(pk, after) for pk, after in rows if after and not after.get("archived")
    ]


def role_counts_as_of(moment) -> dict[int, int]:
    """Number of live roles per circle at `moment`: one query, no snapshot read.

    Roles never change circle and are never restored, so a role counts when its
    latest change is anything but its archiving.
    """
    rows = (
        _latest_role_changes(moment)
        .exclude(action=ChangeAction.ROLE_ARCHIVE)
        .values("circle_id")
        .annotate(n=Count("id"))
        .values_list("circle_id", "n")
    )
    return dict(rows)


def organisation_as_of(moment, *, role_counts=False, roles=False, role_circle_ids=None) -> OrgState:
    """The organisation as it was at `moment`.

    One query for the circles, one more for the role counts, one more for the
    roles (all of them, or those of `role_circle_ids`).
    """
    circles = circles_as_of(moment)
    if role_counts:
        counts = role_counts_as_of(moment)
        for circle in circles:
            circle.n_roles = counts.get(circle.pk, 0)
    role_list = roles_as_of(moment, circle_ids=role_circle_ids) if roles else None
    on = timezone.localtime(moment, PARIS).date()
    return OrgState(circles, on=on, roles=role_list, past=True)


def organisation_on(as_of: AsOf, *, role_counts=False) -> OrgState:
    if as_of.is_past:
        return organisation_as_of(as_of.moment, role_counts=role_counts)
    return organisation_live(role_counts=role_counts)
