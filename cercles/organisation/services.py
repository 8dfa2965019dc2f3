"""Every change of the structure goes through these functions.

Each one runs in a transaction, validates its input (raising ValidationError with a
message for the user), writes the change and records a GovernanceChange with the
state before and after. `at` lets imports and the demo loader date a change in the
past; `decision` links a change to the decision that adopted it.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cercles.core import fragments
from cercles.lib.text import fold

from .models import (
    Assignment,
    ChangeAction,
    Circle,
    CircleKind,
    CoreRole,
    GovernanceChange,
    Role,
)

CORE_ROLE_PURPOSES = {
    CoreRole.LEAD_LINK: (
        "Porter la raison d'être du cercle, affecter les rôles et fixer les priorités."
    ),
    CoreRole.REP_LINK: ("Porter les tensions du cercle vers le cercle parent et le représenter."),
    CoreRole.FACILITATOR: "Animer les réunions du cercle selon ses règles.",
    CoreRole.SECRETARY: "Convoquer les réunions, tenir les comptes rendus et le registre.",
}


def _record(
    *,
    action,
    circle,
    by,
    before=None,
    after=None,
    role=None,
    assignment=None,
    at=None,
    note="",
    decision=None,
) -> GovernanceChange:
    change = GovernanceChange(
        action=action,
        circle=circle,
        role=role,
        assignment=assignment,
        by=by if (by is not None and by.is_authenticated) else None,
        before=before,
        after=after,
        note=note,
        at=at or timezone.now(),
    )
    if decision is not None:
        change.decision = decision
    change.save()
    # The pages' cached rows show the structure: every change makes them stale.
    fragments.bump(fragments.ORGANISATION)
    return change


def _search_text(obj: Circle | Role) -> str:
    return fold(f"{obj.name} {obj.purpose}")


def _targets(obj: Circle | Role) -> dict:
    """What a change to `obj` is recorded against. Read only when recording, so that a
    no-op update does not load a role's circle."""
    if isinstance(obj, Role):
        return {"circle": obj.circle, "role": obj}
    return {"circle": obj}


def _create_entity(obj: Circle | Role, *, action, by, at, decision, note):
    obj.search_text = _search_text(obj)
    obj.full_clean()
    obj.save()
    if at is not None:
        type(obj).objects.filter(pk=obj.pk).update(created_at=at)
    _record(
        action=action,
        by=by,
        after=obj.snapshot(),
        at=at,
        decision=decision,
        note=note,
        **_targets(obj),
    )
    return obj


def _update_entity(
    obj: Circle | Role,
    *,
    fields: dict,
    allowed: set,
    caller: str,
    archived_message: str,
    action,
    by,
    at,
    decision,
    note,
):
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"{caller}() got unexpected fields {sorted(unknown)}")
    if obj.is_archived:
        raise ValidationError(archived_message)
    before = obj.snapshot()
    for key, value in fields.items():
        setattr(obj, key, value.strip() if key == "name" else value)
    obj.search_text = _search_text(obj)
    obj.full_clean()
    if obj.snapshot() == before:
        return obj
    obj.save(update_fields=[*fields, "search_text", "updated_at"])
    _record(
        action=action,
        by=by,
        before=before,
        after=obj.snapshot(),
        at=at,
        decision=decision,
        note=note,
        **_targets(obj),
    )
    return obj


def _check_parent(circle: Circle | None, parent: Circle | None) -> None:
    if parent is None:
        return
    if parent.is_archived:
        raise ValidationError({"parent": _("Le cercle parent est archivé.")})
    if circle is None or circle.pk is None:
        return
    node = parent
    seen = set()
    while node is not None and node.pk not in seen:
        if node.pk == circle.pk:
            raise ValidationError(
                {
                    "parent": _(
                        "Un cercle ne peut pas être placé dans lui-même ou dans l'un de ses sous-cercles."
                    )
                }
            )
        seen.add(node.pk)
        node = node.parent


@transaction.atomic
def circle_create(
    *,
    by,
    name,
    parent=None,
    purpose="",
    domains="",
    accountabilities="",
    kind=CircleKind.CIRCLE,
    colour="",
    at=None,
    decision=None,
    note="",
) -> Circle:
    """Create a circle and its four core roles."""
    _check_parent(None, parent)
    circle = Circle(
        name=name.strip(),
        parent=parent,
        purpose=purpose,
        domains=domains,
        accountabilities=accountabilities,
        kind=kind,
        colour=colour,
    )
    _create_entity(
        circle, action=ChangeAction.CIRCLE_CREATE, by=by, at=at, decision=decision, note=note
    )
    for core in CoreRole:
        role_create(
            by=by,
            circle=circle,
            name=str(core.label),
            core_role=core.value,
            purpose=CORE_ROLE_PURPOSES[core],
            at=at,
            decision=decision,
        )
    return circle


@transaction.atomic
def circle_update(*, circle: Circle, by, at=None, decision=None, note="", **fields) -> Circle:
    """Change a circle's name, purpose, domains, accountabilities, kind or colour."""
    return _update_entity(
        circle,
        fields=fields,
        allowed={"name", "purpose", "domains", "accountabilities", "kind", "colour"},
        caller="circle_update",
        archived_message=_("Ce cercle est archivé : il ne peut plus être modifié."),
        action=ChangeAction.CIRCLE_UPDATE,
        by=by,
        at=at,
        decision=decision,
        note=note,
    )


@transaction.atomic
def circle_move(
    *, circle: Circle, new_parent: Circle | None, by, at=None, decision=None, note=""
) -> Circle:
    """Place a circle under another one (or at the top level)."""
    if circle.is_archived:
        raise ValidationError(_("Ce cercle est archivé : il ne peut plus être déplacé."))
    if new_parent is not None:
        # Concurrent moves could each pass the cycle check against a tree the other is
        # changing: moves are rare, so they simply take turns (one PostgreSQL lock held
        # until the transaction ends), then read the parent chain afresh.
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CIRCLE_MOVE_LOCK])
        new_parent.refresh_from_db(fields=["parent", "archived_at"])
    _check_parent(circle, new_parent)
    if circle.parent_id == (new_parent.pk if new_parent else None):
        return circle
    before = circle.snapshot()
    circle.parent = new_parent
    circle.save(update_fields=["parent", "updated_at"])
    _record(
        action=ChangeAction.CIRCLE_MOVE,
        circle=circle,
        by=by,
        before=before,
        after=circle.snapshot(),
        at=at,
        decision=decision,
        note=note,
    )
    return circle


@transaction.atomic
def circle_archive(*, circle: Circle, by, at=None, decision=None, note="") -> Circle:
    """Archive a circle: its roles are archived and their assignments ended.

    A circle that still has active sub-circles cannot be archived: move or archive
    them first, so nothing disappears from the chart by surprise.
    """
    if circle.is_archived:
        return circle
    if circle.children.filter(archived_at__isnull=True).exists():
        raise ValidationError(
            _("Ce cercle a encore des sous-cercles actifs : déplacez-les ou archivez-les d'abord.")
        )
    moment = at or timezone.now()
    for role in circle.roles.filter(archived_at__isnull=True):
        _archive_role(role=role, by=by, at=moment, decision=decision, note=note)
    before = circle.snapshot()
    circle.archived_at = moment
    circle.save(update_fields=["archived_at", "updated_at"])
    _record(
        action=ChangeAction.CIRCLE_ARCHIVE,
        circle=circle,
        by=by,
        before=before,
        after=circle.snapshot(),
        at=moment,
        decision=decision,
        note=note,
    )
    return circle


@transaction.atomic
def role_create(
    *,
    by,
    circle: Circle,
    name,
    purpose="",
    domains="",
    accountabilities="",
    core_role="",
    at=None,
    decision=None,
    note="",
) -> Role:
    if circle.is_archived:
        raise ValidationError(_("Ce cercle est archivé : on ne peut plus y créer de rôle."))
    role = Role(
        circle=circle,
        name=name.strip(),
        purpose=purpose,
        domains=domains,
        accountabilities=accountabilities,
        core_role=core_role,
    )
    return _create_entity(
        role, action=ChangeAction.ROLE_CREATE, by=by, at=at, decision=decision, note=note
    )


@transaction.atomic
def role_update(*, role: Role, by, at=None, decision=None, note="", **fields) -> Role:
    return _update_entity(
        role,
        fields=fields,
        allowed={"name", "purpose", "domains", "accountabilities"},
        caller="role_update",
        archived_message=_("Ce rôle est archivé : il ne peut plus être modifié."),
        action=ChangeAction.ROLE_UPDATE,
        by=by,
        at=at,
        decision=decision,
        note=note,
    )


def _archive_role(*, role, by, at, decision, note):
    on = timezone.localtime(at).date()
    for assignment in role.assignments.current(on).select_related("role"):
        assignment_end(assignment=assignment, by=by, end_date=on, at=at, decision=decision)
    before = role.snapshot()
    role.archived_at = at
    role.save(update_fields=["archived_at", "updated_at"])
    _record(
        action=ChangeAction.ROLE_ARCHIVE,
        circle=role.circle,
        role=role,
        by=by,
        before=before,
        after=role.snapshot(),
        at=at,
        decision=decision,
        note=note,
    )


@transaction.atomic
def role_archive(*, role: Role, by, at=None, decision=None, note="") -> Role:
    """Archive a role and end its assignments. Core roles live as long as their circle."""
    if role.is_archived:
        return role
    if role.is_core:
        raise ValidationError(
            _(
                "Un rôle structurel (premier lien, second lien, facilitateur, secrétaire) ne peut pas être archivé."
            )
        )
    _archive_role(role=role, by=by, at=at or timezone.now(), decision=decision, note=note)
    return role


# Any constant: the key of the advisory lock that serialises circle moves.
CIRCLE_MOVE_LOCK = 7_217_001


def _check_not_backdated(by, *, start_date=None, end_date=None) -> None:
    """Only organisation admins (and imports run without a person) may rewrite the past.

    A lead link who could start or end an assignment before today would change what
    the organisation looked like on past dates, which the history must keep as it was.
    """
    if by is None or not by.is_authenticated or by.is_admin:
        return
    today = timezone.localdate()
    if start_date is not None and start_date < today:
        raise ValidationError(
            {
                "start_date": _(
                    "Seul un administrateur peut faire commencer une affectation dans le passé."
                )
            }
        )
    if end_date is not None and end_date < today:
        raise ValidationError(
            {
                "end_date": _(
                    "Seul un administrateur peut faire finir une affectation dans le passé."
                )
            }
        )


def person_total_share(person, on: datetime.date | None = None, exclude=None) -> int:
    qs = Assignment.objects.current(on).filter(person=person)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return sum(qs.values_list("share", flat=True))


@transaction.atomic
def assignment_create(
    *,
    role: Role,
    person,
    by,
    share=0,
    focus="",
    start_date=None,
    end_date=None,
    at=None,
    decision=None,
    note="",
) -> Assignment:
    """Assign a person to a role. A total share above 100 % is allowed but shown as a warning."""
    if role.is_archived:
        raise ValidationError(_("Ce rôle est archivé : on ne peut plus y affecter quelqu'un."))
    if not person.is_active:
        raise ValidationError({"person": _("Cette personne n'est plus active.")})
    start = start_date or (timezone.localtime(at).date() if at else timezone.localdate())
    _check_not_backdated(by, start_date=start, end_date=end_date)
    overlapping = Assignment.objects.filter(role=role, person=person).filter(
        Q(end_date__isnull=True) | Q(end_date__gt=start)
    )
    if end_date is not None:
        overlapping = overlapping.filter(start_date__lt=end_date)
    if overlapping.exists():
        raise ValidationError({"person": _("Cette personne tient déjà ce rôle sur cette période.")})
    assignment = Assignment(
        role=role,
        person=person,
        share=share,
        focus=focus.strip(),
        start_date=start,
        end_date=end_date,
    )
    assignment.full_clean()
    assignment.save()
    _record(
        action=ChangeAction.ASSIGNMENT_CREATE,
        circle=role.circle,
        role=role,
        assignment=assignment,
        by=by,
        after=assignment.snapshot(),
        at=at,
        decision=decision,
        note=note,
    )
    return assignment


@transaction.atomic
def assignment_update(
    *, assignment: Assignment, by, at=None, decision=None, note="", **fields
) -> Assignment:
    allowed = {"focus", "share"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"assignment_update() got unexpected fields {sorted(unknown)}")
    if assignment.end_date is not None and assignment.end_date <= timezone.localdate():
        raise ValidationError(
            _("Cette affectation est terminée : elle ne peut plus être modifiée.")
        )
    before = assignment.snapshot()
    for key, value in fields.items():
        setattr(assignment, key, value)
    assignment.full_clean()
    if assignment.snapshot() == before:
        return assignment
    assignment.save(update_fields=[*fields, "updated_at"])
    _record(
        action=ChangeAction.ASSIGNMENT_UPDATE,
        circle=assignment.role.circle,
        role=assignment.role,
        assignment=assignment,
        by=by,
        before=before,
        after=assignment.snapshot(),
        at=at,
        decision=decision,
        note=note,
    )
    return assignment


@transaction.atomic
def assignment_end(
    *, assignment: Assignment, by, end_date=None, at=None, decision=None, note=""
) -> Assignment:
    """End an assignment: from `end_date` (today by default) the person no longer holds the role."""
    end = end_date or (timezone.localtime(at).date() if at else timezone.localdate())
    if assignment.end_date is not None and assignment.end_date <= end:
        return assignment
    _check_not_backdated(by, end_date=end)
    if end < assignment.start_date:
        raise ValidationError(
            {"end_date": _("La fin ne peut pas précéder le début de l'affectation.")}
        )
    before = assignment.snapshot()
    assignment.end_date = end
    assignment.save(update_fields=["end_date", "updated_at"])
    _record(
        action=ChangeAction.ASSIGNMENT_END,
        circle=assignment.role.circle,
        role=assignment.role,
        assignment=assignment,
        by=by,
        before=before,
        after=assignment.snapshot(),
        at=at,
        decision=decision,
        note=note,
    )
    return assignment
