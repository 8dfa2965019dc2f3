"""Reading the organisation: home, chart, circles, roles, people and history.

Pages that accept `?date=YYYY-MM-DD` show the organisation as it was that day
(see selectors.py); without it they read the live tables.
"""

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import render
from django.template.loader import get_template
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from cercles.accounts.models import Person
from cercles.core import fragments, panels
from cercles.core.search import filter_by_search
from cercles.lib.ids import storable_id

from .. import permissions
from ..access import get_circle_for_user, get_person_for_user, get_role_for_user
from ..chart import OrgChart, parse_depth
from ..models import (
    Assignment,
    ChangeAction,
    Circle,
    CircleKind,
    CoreRole,
    GovernanceChange,
    Role,
)
from ..selectors import (
    assignment_terms_as_of,
    circle_ancestors,
    circle_sort_key,
    circles_as_of,
    organisation_as_of,
    organisation_on,
    parse_as_of,
    role_sort_key,
    roles_as_of,
)

PEOPLE_PER_PAGE = 50
CHANGES_PER_PAGE = 25


def _page(request, queryset, per_page):
    paginator = Paginator(queryset, per_page)
    # Organisation data only: the total changes with the organisation's generation, and
    # counting 18,900 changes or searching 7,500 people twice per page is not free.
    paginator.count = fragments.cached_count(queryset, fragments.ORGANISATION)
    return paginator.get_page(request.GET.get("page"))


def _total_share(assignments) -> int:
    return sum(a.share for a in assignments)


# --- home ---------------------------------------------------------------------


@login_required
def home(request):
    # Queries: my current assignments with role and circle; the five latest changes.
    mine = list(
        Assignment.objects.current()
        .filter(person=request.user, role__archived_at__isnull=True)
        .select_related("role", "role__circle")
        .order_by("role__circle__name", "role__name")
    )
    recent = list(GovernanceChange.objects.for_display()[:5])
    return render(
        request,
        "organisation/home.html",
        {"assignments": mine, "total_share": _total_share(mine), "recent_changes": recent},
    )


# --- chart ----------------------------------------------------------------------


def _not_found_notice(as_of):
    return (
        _("Ce cercle n'existe pas à cette date : toute l'organisation est affichée.")
        if as_of.is_past
        else _("Ce cercle n'existe pas ou est archivé : toute l'organisation est affichée.")
    )


def _draw_chart(as_of, depth, root_id):
    """Everything the chart page shows that depends only on the organisation."""
    org = organisation_on(as_of, role_counts=True)
    root = org.circles.get(root_id) if root_id else None
    drawing = OrgChart(org, root=root, depth=depth, date_query=as_of.query)
    return {
        "notices": [_not_found_notice(as_of)] if root_id and root is None else [],
        "svg": drawing.svg() if drawing.nodes else "",
        "outline": drawing.outline(),
        "root": {"pk": root.pk, "name": root.name} if root else None,
        "ancestors": [{"pk": a.pk, "name": a.name} for a in org.ancestors(root.pk)] if root else [],
        "circle_count": len(org),
    }


@login_required
def chart(request):
    as_of = parse_as_of(request.GET.get("date"))
    depth = parse_depth(request.GET.get("depth"))
    root_id = storable_id(request.GET.get("circle"))
    # Queries, on a cache miss only: the circles with their role counts (two queries
    # when as of a date). The drawing is the same for everyone, so it is cached per
    # state of the organisation (any change, even of the past, draws it anew), date,
    # depth, zoom and language.
    key = ":".join(
        [
            "orgchart",
            fragments.generation(fragments.ORGANISATION),
            get_language() or "",
            as_of.iso if as_of.is_past else "live",
            str(depth),
            str(root_id or ""),
        ]
    )
    drawn = fragments.cached_value(key, lambda: _draw_chart(as_of, depth, root_id))
    notices = list(drawn["notices"])
    if request.GET.get("circle") and root_id is None:
        notices.append(_not_found_notice(as_of))
    root = drawn["root"]
    keep = [("depth", depth)] + ([("circle", root["pk"])] if root else [])
    return render(
        request,
        "organisation/chart.html",
        {
            **drawn,
            "as_of": as_of,
            "messages_on_page": ([as_of.error] if as_of.error else []) + notices,
            "depth": depth,
            "keep": keep,
            "depth_choices": range(1, 9),
        },
    )


# --- circle ---------------------------------------------------------------------


def _holders_by_role(roles, as_of):
    """Holders of each role on the day shown, in one query (two for a past date, with
    the share and focus of that day); returns (by role id, distinct people)."""
    holders = {role.pk: [] for role in roles}
    people = {}
    assignments = list(
        Assignment.objects.current(as_of.on)
        .filter(role_id__in=list(holders))
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "id")
    )
    if as_of.is_past:
        assignment_terms_as_of(as_of.moment, assignments)
    for assignment in assignments:
        holders[assignment.role_id].append(assignment)
        people.setdefault(assignment.person_id, assignment.person)
    members = sorted(people.values(), key=lambda p: (p.last_name.lower(), p.first_name.lower()))
    return holders, members


def _circle_body(as_of, subcircles, roles) -> str:
    """The circle page's sub-circles, roles with their holders, and members."""
    holders, members = _holders_by_role(roles, as_of) if roles else ({}, [])
    for role in roles:
        role.holders = holders.get(role.pk, [])
    context = {"as_of": as_of, "subcircles": subcircles, "roles": roles, "members": members}
    return get_template("organisation/circle_detail.html#body").render(context)


@login_required
def circle_detail(request, pk):
    as_of = parse_as_of(request.GET.get("date"))
    # Queries: the circle; the user's led circles (and the tree, if he leads any);
    # the breadcrumb (one recursive query) — or, as of a date, the organisation of
    # that day; then, unless cached for today, the sub-circles, the circle's roles and
    # their holders with the people.
    live_circle, abilities = get_circle_for_user(request, pk)
    if as_of.is_past:
        org = organisation_as_of(as_of.moment, roles=True, role_circle_ids=[pk])
        circle = org.circles.get(pk)
        ancestors = org.ancestors(pk) if circle else []
        body = _circle_body(
            as_of,
            org.children.get(pk, []) if circle else [],
            org.roles_by_circle.get(pk, []) if circle else [],
        )
    else:
        circle = live_circle
        ancestors = circle_ancestors(live_circle)

        def render_body():
            subcircles = sorted(live_circle.children.active(), key=circle_sort_key)
            roles = (
                sorted(live_circle.roles.active(), key=role_sort_key)
                if not live_circle.is_archived
                else []
            )
            return _circle_body(as_of, subcircles, roles)

        # The same for every reader: cached per state of the organisation, day, language.
        body = fragments.cached_fragment(
            ":".join(
                [
                    "circle-body",
                    fragments.generation(fragments.ORGANISATION),
                    str(as_of.on),
                    get_language() or "",
                    str(pk),
                ]
            ),
            render_body,
        )
    return render(
        request,
        "organisation/circle_detail.html",
        {
            "as_of": as_of,
            "live_circle": live_circle,
            "circle": circle,
            "abilities": abilities if not as_of.is_past else {},
            "ancestors": ancestors,
            "body": body,
            "panels": panels.render(
                "circle_detail", request, circle=live_circle, abilities=abilities, as_of=as_of
            )
            if circle and not as_of.is_past
            else "",
        },
    )


# --- role -----------------------------------------------------------------------


@login_required
def role_detail(request, pk):
    as_of = parse_as_of(request.GET.get("date"))
    on = as_of.on
    # Queries: the role with its circle; the user's led circles (and the tree, if he
    # leads any); the breadcrumb (one recursive query), or as of a date the role's
    # snapshot and the circles of that day; all the role's assignments with people.
    role, abilities = get_role_for_user(request, pk)
    shown, circle = role, role.circle
    existed = True
    if as_of.is_past:
        abilities = {}
        old_roles = roles_as_of(as_of.moment, role_ids=[pk])
        org = organisation_as_of(as_of.moment)
        existed = bool(old_roles)
        if existed:
            shown = old_roles[0]
            circle = org.circles.get(role.circle_id, role.circle)
            shown.circle = circle
        ancestors = org.ancestors(role.circle_id)
    else:
        ancestors = circle_ancestors(role.circle)
    current, past, upcoming = [], [], []
    for assignment in role.assignments.select_related("person").order_by("-start_date", "id"):
        assignment.abilities = (
            permissions.assignment_abilities(request.user, assignment) if not as_of.is_past else {}
        )
        if assignment.is_current(on):
            current.append(assignment)
        elif assignment.start_date > on:
            if not as_of.is_past:
                upcoming.append(assignment)
        else:
            past.append(assignment)
    if as_of.is_past and existed:
        assignment_terms_as_of(as_of.moment, current)
    return render(
        request,
        "organisation/role_detail.html",
        {
            "as_of": as_of,
            "role": shown,
            "live_role": role,
            "circle": circle,
            "ancestors": ancestors,
            "existed": existed,
            "abilities": abilities,
            "current": current if existed else [],
            "past": past,
            "upcoming": upcoming,
        },
    )


# --- people ---------------------------------------------------------------------


def _person_page(request, person, *, is_me):
    as_of = parse_as_of(request.GET.get("date"))
    on = as_of.on
    # Queries: every assignment of the person with its role and circle; when as of
    # a date, the roles' and circles' snapshots of that day.
    assignments = list(
        Assignment.objects.filter(person=person)
        .select_related("role", "role__circle")
        .order_by("-start_date", "id")
    )
    current = [a for a in assignments if a.is_current(on)]
    past = [a for a in assignments if a.end_date is not None and a.end_date <= on]
    upcoming = [a for a in assignments if a.start_date > on]
    if as_of.is_past and current:
        assignment_terms_as_of(as_of.moment, current)
        # Show the role and circle names of that day, not today's.
        role_ids = {a.role_id for a in current}
        old_roles = {r.pk: r for r in roles_as_of(as_of.moment, role_ids=role_ids)}
        circle_ids = {a.role.circle_id for a in current}
        old_circles = {c.pk: c for c in circles_as_of(as_of.moment, circle_ids=circle_ids)}
        for assignment in current:
            old_role = old_roles.get(assignment.role_id)
            old_circle = old_circles.get(assignment.role.circle_id)
            if old_role is not None:
                if old_circle is not None:
                    old_role.circle = old_circle
                else:
                    old_role.circle = assignment.role.circle
                assignment.role = old_role
    total = _total_share(current)
    return render(
        request,
        "organisation/person_detail.html",
        {
            "as_of": as_of,
            "person": person,
            "is_me": is_me,
            "current": current,
            "past": past,
            "upcoming": upcoming,
            "total_share": total,
            "over_allocated": total > 100,
            "panels": panels.render(
                "person_detail", request, person=person, is_me=is_me, as_of=as_of
            ),
        },
    )


@login_required
def person_detail(request, pk):
    person = get_person_for_user(request, pk)
    return _person_page(request, person, is_me=person.pk == request.user.pk)


@login_required
def my_roles(request):
    return _person_page(request, request.user, is_me=True)


def _circle_options(user) -> tuple[str, set[int]]:
    """The directory's circle filter: the live circles as `<option>`s, and their ids.

    Built in Python and cached per state of the organisation, not in a template loop:
    an organisation may have thousands of circles.
    """
    key = f"directory-circles:{fragments.generation(fragments.ORGANISATION)}"
    cached = cache.get(key)
    if cached is None:
        circles = Circle.objects.visible_to(user).active().values_list("id", "name")
        cached = (
            "".join(f'<option value="{pk}">{escape(name)}</option>' for pk, name in circles),
            {pk for pk, _name in circles},
        )
        cache.set(key, cached, fragments.FRAGMENT_SECONDS)
    return cached


def _person_rows(ids: list[int], today) -> list:
    """The directory rows of these people, in this order: each rendered once per state of
    the organisation, day (the roles held) and language."""
    prefix = (
        f"directory-row:{fragments.generation(fragments.ORGANISATION)}:{today}:{get_language()}"
    )

    def render_rows(missing):
        # Queries (only for the rows not cached): the people; their current
        # assignments with roles and circles.
        people = Person.objects.filter(pk__in=missing).prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.current(today)
                .filter(role__archived_at__isnull=True)
                .select_related("role", "role__circle")
                .order_by("role__circle__name", "role__name"),
                to_attr="current_assignments",
            )
        )
        template = get_template("organisation/people.html#row")
        return fragments.render_each(template, "p", people)

    rows = fragments.cached_fragments({pk: f"{prefix}:{pk}" for pk in ids}, render_rows)
    return [rows[pk] for pk in ids]


@login_required
def people(request):
    query = request.GET.get("q", "").strip()[:200]
    today = timezone.localdate()
    # Queries: the circles for the filter (unless cached); the roles of the chosen
    # circle; the count; the ids of the page's people; the rows not cached yet.
    circle_options, circle_ids = _circle_options(request.user)
    circle_id = storable_id(request.GET.get("circle"))
    role_id = storable_id(request.GET.get("role"))
    if circle_id not in circle_ids:
        circle_id = None
    roles = (
        list(Role.objects.active().filter(circle_id=circle_id).only("id", "name", "core_role"))
        if circle_id
        else []
    )
    roles.sort(key=role_sort_key)
    # A role filter only stands with the circle it belongs to.
    if role_id not in {r.pk for r in roles}:
        role_id = None
    # The same full-text search as the search box, in the directory's name order.
    people_qs = filter_by_search(Person.objects.visible_to(request.user), query, order=False)
    held = Assignment.objects.current(today).filter(
        person=OuterRef("pk"), role__archived_at__isnull=True
    )
    if role_id:
        people_qs = people_qs.filter(Exists(held.filter(role_id=role_id)))
    elif circle_id:
        people_qs = people_qs.filter(Exists(held.filter(role__circle_id=circle_id)))
    page = _page(request, people_qs.values_list("pk", flat=True), PEOPLE_PER_PAGE)
    page.object_list = _person_rows(list(page.object_list), today)
    if circle_id:
        chosen = f'<option value="{circle_id}">'
        circle_options = circle_options.replace(chosen, f'<option value="{circle_id}" selected>')
    context = {
        "query": query,
        "circle_options": mark_safe(circle_options),  # each name is escaped when built
        "roles": roles,
        "circle_id": circle_id,
        "role_id": role_id,
        "page": page,
        "refresh_roles": bool(request.htmx)
        and storable_id(request.GET.get("roles_for")) != circle_id,
    }
    template = "organisation/people.html#results" if request.htmx else "organisation/people.html"
    return render(request, template, context)


# --- history --------------------------------------------------------------------

FIELD_LABELS = {
    "name": gettext_lazy("nom"),
    "purpose": gettext_lazy("raison d'être"),
    "domains": gettext_lazy("domaines"),
    "accountabilities": gettext_lazy("redevabilités"),
    "kind": gettext_lazy("type"),
    "parent_id": gettext_lazy("cercle parent"),
    "colour": gettext_lazy("couleur"),
    "archived": gettext_lazy("archivé"),
    "circle_id": gettext_lazy("cercle"),
    "core_role": gettext_lazy("rôle structurel"),
    "role_id": gettext_lazy("rôle"),
    "person_id": gettext_lazy("personne"),
    "focus": gettext_lazy("focus"),
    "share": gettext_lazy("part du temps"),
    "start_date": gettext_lazy("début"),
    "end_date": gettext_lazy("fin"),
}


def _field_label(key):
    return str(FIELD_LABELS.get(key, key))


def _show(key, value, change, circle_names):
    if key == "archived":
        return _("oui") if value else _("non")
    if value is None or value == "":
        if key == "parent_id":
            return _("aucun (premier niveau)")
        return "—"
    if key == "kind" and value in CircleKind.values:
        return CircleKind(value).label
    if key == "core_role" and value in CoreRole.values:
        return CoreRole(value).label
    if key == "parent_id":
        return circle_names.get(value, f"#{value}")
    if key == "circle_id":
        return change.circle.name if change.circle_id == value else f"#{value}"
    if key == "role_id":
        return change.role.name if change.role_id == value and change.role else f"#{value}"
    if key == "person_id":
        assignment = change.assignment
        if assignment is not None and assignment.person_id == value:
            return assignment.person.full_name
        return f"#{value}"
    if key == "share":
        return f"{value} %"
    if key in ("start_date", "end_date"):
        day = parse_date(str(value))
        return date_format(day, "j F Y") if day else str(value)
    return str(value)


def _with_diffs(changes):
    """Attach (label, before, after) rows to each change; one query for parent names."""
    changes = list(changes)
    parent_ids = set()
    for change in changes:
        for key, before, after in change.changed_fields:
            if key == "parent_id":
                parent_ids.update(v for v in (before, after) if v is not None)
    names = dict(Circle.objects.filter(pk__in=parent_ids).values_list("id", "name"))
    for change in changes:
        change.is_creation = change.before is None
        change.diffs = [
            (_field_label(key), _show(key, before, change, names), _show(key, after, change, names))
            for key, before, after in change.changed_fields
            # A creation lists what was set, not the empty fields.
            if not (change.is_creation and after in (None, "", False))
        ]
    return changes


def _change_cards(ids: list[int]) -> list:
    """The history cards of these changes, in this order, rendered once per state of the
    organisation and language (a card shows today's names of what it links to)."""
    prefix = f"history-card:{fragments.generation(fragments.ORGANISATION)}:{get_language()}"

    def render_cards(missing):
        # Queries (only for the cards not cached): the changes with author, circle, role
        # and assignment (person, role); their decisions; the moved circles' parent names.
        changes = _with_diffs(
            GovernanceChange.objects.for_display()
            .prefetch_related("decision")
            .filter(pk__in=missing)
        )
        template = get_template("organisation/_changes.html#card")
        return fragments.render_each(template, "change", changes)

    cards = fragments.cached_fragments({pk: f"{prefix}:{pk}" for pk in ids}, render_cards)
    return [cards[pk] for pk in ids]


def _history_page(request, changes, template, extra):
    action = request.GET.get("action", "")
    if action in ChangeAction.values:
        changes = changes.filter(action=action)
    else:
        action = ""
    # Queries: the count; the ids of the page's changes; the cards not yet cached.
    page = _page(request, changes.values_list("pk", flat=True), CHANGES_PER_PAGE)
    page.object_list = _change_cards(list(page.object_list))
    context = {"page": page, "action": action, "actions": ChangeAction.choices, **extra}
    return render(request, template, context)


@login_required
def history(request):
    changes = GovernanceChange.objects.visible_to(request.user).for_display()
    return _history_page(request, changes, "organisation/history.html", {})


@login_required
def circle_history(request, pk):
    circle, abilities = get_circle_for_user(request, pk)
    changes = GovernanceChange.objects.visible_to(request.user).for_display().filter(circle=circle)
    return _history_page(
        request,
        changes,
        "organisation/circle_history.html",
        {"circle": circle, "abilities": abilities},
    )
