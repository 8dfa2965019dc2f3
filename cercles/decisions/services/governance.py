"""The structured changes of a governance proposal: validated when proposed and again at
adoption, shown as a readable diff, and applied through the organisation's services
(`cercles.organisation.services`) with `decision=` the Decision, so each entry of the
governance history links to the decision that adopted it.

A proposal's changes stay within its circle, as in holacracy's governance process: the
circle creates, amends and archives its own roles, creates sub-circles and amends their
purpose, accountabilities and domains (its own belong to the circle above), and assigns
people to its roles (not the lead link, chosen by the circle above).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cercles.organisation import services as org_services
from cercles.organisation.models import Assignment, Circle, CoreRole, Role

from .. import permissions
from ..models import ChangeKind, EventKind, GovernanceChangeItem, ProposalStatus
from .common import changed, event, locked, snapshot_version

K = ChangeKind
CHARTER = ("name", "purpose", "accountabilities", "domains")
FIELDS: dict[str, tuple[str, ...]] = {
    K.ROLE_CREATE: CHARTER,
    K.ROLE_UPDATE: ("role", *CHARTER),
    K.ROLE_ARCHIVE: ("role",),
    K.CIRCLE_CREATE: CHARTER,
    K.CIRCLE_UPDATE: ("target_circle", "purpose", "accountabilities", "domains"),
    K.ASSIGNMENT_CREATE: ("role", "new_role", "person", "share", "focus"),
    K.ASSIGNMENT_END: ("assignment",),
}
TEXT_FIELDS = ("name", "purpose", "accountabilities", "domains", "focus")
MAX_CHANGES = 50


def _labels() -> dict[str, str]:
    return {
        "name": _("Nom"),
        "purpose": _("Raison d'être"),
        "accountabilities": _("Redevabilités"),
        "domains": _("Domaines"),
        "focus": _("Focus"),
        "share": _("Part du temps"),
    }


def _lines(text: str) -> str:
    return "\n".join(line.strip() for line in (text or "").splitlines() if line.strip())


def _norm(field: str, value) -> str:
    """Texts as compared and stored: one entry a line for the lists, trimmed otherwise."""
    if field in ("accountabilities", "domains"):
        return _lines(value)
    return (value or "").strip()


# --- reading ---------------------------------------------------------------------------


def items_queryset():
    """Changes with everything their description reads (one query for any number)."""
    return GovernanceChangeItem.objects.select_related(
        "role",
        "target_circle",
        "person",
        "assignment__person",
        "assignment__role",
        "new_role",
        "result_role",
        "result_circle",
    ).order_by("proposal_id", "position", "id")


def items_for_display(proposal):
    """The proposal's changes, in order, in one query."""
    return list(items_queryset().filter(proposal=proposal))


def _current(item) -> dict | None:
    """The target's charter as it stands (or as it stood when the change was applied)."""
    if item.before is not None:
        return item.before
    target = item.role if item.kind == K.ROLE_UPDATE else item.target_circle
    if target is None:
        return None
    return {f: getattr(target, f) for f in CHARTER}


def describe(item) -> dict:
    """A readable line for the change: its title, and (label, before, after) rows."""
    labels = _labels()
    kind = item.kind
    rows: list[tuple[str, str, str]] = []
    role_name = item.role.name if item.role else "?"
    if kind in (K.ROLE_CREATE, K.CIRCLE_CREATE):
        template = (
            _("Créer le rôle « %(name)s »")
            if kind == K.ROLE_CREATE
            else _("Créer le sous-cercle « %(name)s »")
        )
        title = template % {"name": item.name}
        rows = [(labels[f], "", getattr(item, f)) for f in CHARTER if getattr(item, f)]
    elif kind in (K.ROLE_UPDATE, K.CIRCLE_UPDATE):
        current = _current(item) or {}
        if kind == K.ROLE_UPDATE:
            title = _("Modifier le rôle « %(name)s »") % {"name": current.get("name", role_name)}
            fields = CHARTER
        else:
            name = item.target_circle.name if item.target_circle else "?"
            title = _("Modifier le sous-cercle « %(name)s »") % {"name": name}
            fields = CHARTER[1:]
        for f in fields:
            before, after = _norm(f, current.get(f, "")), _norm(f, getattr(item, f))
            if before != after:
                rows.append((labels[f], before, after))
    elif kind == K.ROLE_ARCHIVE:
        title = _("Archiver le rôle « %(name)s » (ses affectations prennent fin)") % {
            "name": role_name
        }
    elif kind == K.ASSIGNMENT_CREATE:
        role = item.role.name if item.role else (item.new_role.name if item.new_role else "?")
        title = _("Affecter %(person)s au rôle « %(role)s », %(share)s %% du temps") % {
            "person": item.person.full_name if item.person else "?",
            "role": role,
            "share": item.share or 0,
        }
        if item.focus:
            rows = [(labels["focus"], "", item.focus)]
    else:  # assignment_end
        assignment = item.assignment
        title = _("Mettre fin à l'affectation de %(person)s au rôle « %(role)s »") % {
            "person": assignment.person.full_name if assignment else "?",
            "role": assignment.role.name if assignment else "?",
        }
    return {"title": title, "rows": rows}


def snapshot(proposal) -> list[dict]:
    """The changes as readable lines, kept with each version of the proposal."""
    if not proposal.is_governance:
        return []
    return [
        {"title": d["title"], "rows": [list(row) for row in d["rows"]]}
        for d in (describe(item) for item in items_for_display(proposal))
    ]


# --- validation ------------------------------------------------------------------------


def _error(field: str, message: str):
    return ValidationError({field: message})


def validate_item(item, *, proposal, others) -> None:
    """Raise ValidationError (French, by field) if the change cannot be made as it
    stands; `others` are the proposal's other changes (the earlier ones first)."""
    circle = proposal.circle
    kind = item.kind
    if kind not in K.values:
        raise _error("kind", _("Type de changement inconnu."))
    if circle.is_archived:
        raise ValidationError(_("Ce cercle est archivé : sa gouvernance ne change plus."))
    for field in TEXT_FIELDS:
        setattr(item, field, _norm(field, getattr(item, field)))
    if kind in (K.ROLE_CREATE, K.CIRCLE_CREATE, K.ROLE_UPDATE) and not item.name:
        raise _error("name", _("Donnez un nom."))
    if kind == K.ROLE_CREATE:
        _check_new_role_name(item, circle, others)
    elif kind in (K.ROLE_UPDATE, K.ROLE_ARCHIVE):
        _check_role_target(item, circle, others)
    elif kind == K.CIRCLE_UPDATE:
        _check_circle_target(item, circle, others)
    elif kind == K.ASSIGNMENT_CREATE:
        _check_assignment(item, circle, others)
    elif kind == K.ASSIGNMENT_END:
        _check_assignment_end(item, circle, others)


def _check_new_role_name(item, circle, others, *, exclude_role=None) -> None:
    name = item.name.lower()
    live = Role.objects.filter(circle=circle, archived_at__isnull=True, name__iexact=item.name)
    if exclude_role is not None:
        live = live.exclude(pk=exclude_role.pk)
    renamed_away = {
        o.role_id
        for o in others
        if o.kind in (K.ROLE_UPDATE, K.ROLE_ARCHIVE)
        and o.role_id
        and (o.kind == K.ROLE_ARCHIVE or o.name.lower() != name)
    }
    if any(role.pk not in renamed_away for role in live):
        raise _error("name", _("Ce cercle a déjà un rôle de ce nom."))
    for other in others:
        if other.kind == K.ROLE_CREATE and other.name.lower() == name:
            raise _error("name", _("Cette proposition crée déjà un rôle de ce nom."))
        if (
            other.kind == K.ROLE_UPDATE
            and other.name.lower() == name
            and (exclude_role is None or other.role_id != exclude_role.pk)
        ):
            raise _error("name", _("Cette proposition donne déjà ce nom à un autre rôle."))


def _check_role_target(item, circle, others) -> None:
    role = item.role
    if role is None:
        raise _error("role", _("Choisissez un rôle."))
    if role.circle_id != circle.pk:
        raise _error("role", _("Ce rôle n'appartient pas au cercle de la proposition."))
    if role.is_archived:
        raise _error("role", _("Ce rôle est déjà archivé."))
    if role.is_core:
        raise _error(
            "role",
            _(
                "Un rôle structurel (premier lien, second lien, facilitateur, secrétaire) ne "
                "se modifie ni ne s'archive par une proposition du cercle."
            ),
        )
    if any(o.role_id == role.pk and o.kind in (K.ROLE_UPDATE, K.ROLE_ARCHIVE) for o in others):
        raise _error("role", _("Cette proposition change déjà ce rôle."))
    if item.kind == K.ROLE_UPDATE:
        if all(getattr(item, f) == _norm(f, getattr(role, f)) for f in CHARTER):
            raise ValidationError(_("Ce changement ne modifie rien au rôle."))
        if item.name.lower() != role.name.lower():
            _check_new_role_name(item, circle, others, exclude_role=role)


def _check_circle_target(item, circle, others) -> None:
    target = item.target_circle
    if target is None:
        raise _error("target_circle", _("Choisissez un sous-cercle."))
    if target.parent_id != circle.pk:
        raise _error(
            "target_circle",
            _(
                "La raison d'être, les redevabilités et les domaines d'un cercle sont "
                "décidés par le cercle qui le contient : choisissez un sous-cercle direct."
            ),
        )
    if target.is_archived:
        raise _error("target_circle", _("Ce cercle est archivé."))
    if any(o.kind == K.CIRCLE_UPDATE and o.target_circle_id == target.pk for o in others):
        raise _error("target_circle", _("Cette proposition modifie déjà ce sous-cercle."))
    if all(getattr(item, f) == _norm(f, getattr(target, f)) for f in CHARTER[1:]):
        raise ValidationError(_("Ce changement ne modifie rien au sous-cercle."))


def _check_assignment(item, circle, others) -> None:
    if item.person is None:
        raise _error("person", _("Choisissez une personne."))
    if not item.person.is_active:
        raise _error("person", _("Cette personne n'est plus active."))
    if (item.role is None) == (item.new_role is None):
        raise _error("role", _("Choisissez un rôle."))
    if item.share is None:
        item.share = 0
    if not 0 <= item.share <= 100:
        raise _error("share", _("Indiquez une part du temps entre 0 et 100 %."))
    if item.new_role is not None:
        if item.new_role.kind != K.ROLE_CREATE or item.new_role not in others:
            raise _error("role", _("Ce rôle n'est pas créé par cette proposition."))
        role_key = ("new", item.new_role.pk)
    else:
        role = item.role
        if role.circle_id != circle.pk:
            raise _error("role", _("Ce rôle n'appartient pas au cercle de la proposition."))
        if role.is_archived or any(
            o.kind == K.ROLE_ARCHIVE and o.role_id == role.pk for o in others
        ):
            raise _error("role", _("Ce rôle est archivé (ou archivé par cette proposition)."))
        if role.core_role == CoreRole.LEAD_LINK:
            raise _error(
                "role", _("Le premier lien d'un cercle est choisi par le cercle qui le contient.")
            )
        held = Assignment.objects.current().filter(role=role, person=item.person)
        ending = {o.assignment_id for o in others if o.kind == K.ASSIGNMENT_END}
        if held.exclude(pk__in=ending).exists():
            raise _error("person", _("Cette personne tient déjà ce rôle."))
        role_key = ("role", role.pk)
    for other in others:
        if other.kind == K.ASSIGNMENT_CREATE and other.person_id == item.person.pk:
            other_key = ("new", other.new_role_id) if other.new_role_id else ("role", other.role_id)
            if other_key == role_key:
                raise _error(
                    "person", _("Cette proposition affecte déjà cette personne à ce rôle.")
                )


def _check_assignment_end(item, circle, others) -> None:
    assignment = item.assignment
    if assignment is None:
        raise _error("assignment", _("Choisissez une affectation."))
    if assignment.role.circle_id != circle.pk:
        raise _error(
            "assignment", _("Cette affectation n'est pas dans le cercle de la proposition.")
        )
    if not assignment.is_current():
        raise _error("assignment", _("Cette affectation est déjà terminée."))
    if assignment.role.core_role == CoreRole.LEAD_LINK:
        raise _error(
            "assignment", _("Le premier lien d'un cercle est choisi par le cercle qui le contient.")
        )
    if any(o.kind == K.ASSIGNMENT_END and o.assignment_id == assignment.pk for o in others):
        raise _error("assignment", _("Cette proposition met déjà fin à cette affectation."))


def validate_all(proposal) -> None:
    """Validate every change in order; the first error names the change it comes from."""
    items = items_for_display(proposal)
    if proposal.is_governance and not items:
        raise ValidationError(
            _("Une proposition de gouvernance porte au moins un changement de gouvernance.")
        )
    for index, item in enumerate(items):
        try:
            validate_item(item, proposal=proposal, others=items[:index])
        except ValidationError as exc:
            raise _named(index, item, exc) from exc


def _named(index: int, item, exc: ValidationError) -> ValidationError:
    return ValidationError(
        _("Changement n° %(n)s (%(title)s) : %(error)s")
        % {"n": index + 1, "title": describe(item)["title"], "error": " ".join(exc.messages)}
    )


# --- editing the list ------------------------------------------------------------------


def _require_changes(by, proposal) -> None:
    if not permissions.proposal_abilities(by, proposal)["changes"]:
        raise PermissionDenied(
            _("Seul le porteur modifie les changements, avant la décision ou pour l'intégration.")
        )


@transaction.atomic
def change_add(*, proposal, by, kind, **fields) -> GovernanceChangeItem:
    """Add a change to a governance proposal (its proposer, while he may edit it)."""
    proposal = locked(proposal)
    _require_changes(by, proposal)
    if kind not in K.values:
        raise _error("kind", _("Type de changement inconnu."))
    unknown = set(fields) - set(FIELDS[kind])
    if unknown:
        raise TypeError(f"change_add() got fields {sorted(unknown)} for {kind}")
    others = items_for_display(proposal)
    if len(others) >= MAX_CHANGES:
        raise ValidationError(
            _("Une proposition porte au plus %(n)s changements.") % {"n": MAX_CHANGES}
        )
    last = proposal.changes.aggregate(last=Max("position"))["last"]
    item = GovernanceChangeItem(
        proposal=proposal, kind=kind, position=0 if last is None else last + 1, **fields
    )
    validate_item(item, proposal=proposal, others=others)
    item.full_clean(exclude=["proposal"])
    item.save()
    title = describe(item)["title"]
    event(proposal, EventKind.CHANGE_ADDED, by, text=title)
    if proposal.status == ProposalStatus.OPEN:
        snapshot_version(proposal, by=by, note=_("Changement ajouté : %(t)s") % {"t": title})
    changed()
    return item


@transaction.atomic
def change_remove(*, item, by) -> None:
    """Remove a change (and the assignments to the role it would have created)."""
    proposal = locked(item.proposal)
    _require_changes(by, proposal)
    title = describe(item)["title"]
    item.delete()
    event(proposal, EventKind.CHANGE_REMOVED, by, text=title)
    if proposal.status == ProposalStatus.OPEN:
        snapshot_version(proposal, by=by, note=_("Changement retiré : %(t)s") % {"t": title})
    changed()


# --- applying --------------------------------------------------------------------------


def apply_all(proposal, *, decision, by, at=None) -> None:
    """Apply the changes in order through the organisation's services, each recorded in
    the governance history with `decision`. Called inside the adoption's transaction: an
    error rolls everything back, and names the change that failed."""
    validate_all(proposal)
    items = items_for_display(proposal)
    moment = at or timezone.now()
    for index, item in enumerate(items):
        try:
            _apply(item, proposal=proposal, decision=decision, by=by, at=at)
        except ValidationError as exc:
            raise _named(index, item, exc) from exc
        item.applied_at = moment
        item.save(
            update_fields=[
                "applied_at",
                "before",
                "result_role",
                "result_circle",
                "result_assignment",
            ]
        )


def _charter(item, fields=CHARTER) -> dict:
    return {f: getattr(item, f) for f in fields}


def _apply(item, *, proposal, decision, by, at) -> None:
    common = {"by": by, "decision": decision, "at": at}
    circle = proposal.circle
    kind = item.kind
    if kind == K.ROLE_CREATE:
        item.result_role = org_services.role_create(circle=circle, **_charter(item), **common)
    elif kind == K.ROLE_UPDATE:
        role = Role.objects.select_related("circle").get(pk=item.role_id)
        item.before = {f: getattr(role, f) for f in CHARTER}
        item.result_role = org_services.role_update(role=role, **_charter(item), **common)
    elif kind == K.ROLE_ARCHIVE:
        role = Role.objects.select_related("circle").get(pk=item.role_id)
        item.result_role = org_services.role_archive(role=role, **common)
    elif kind == K.CIRCLE_CREATE:
        item.result_circle = org_services.circle_create(parent=circle, **_charter(item), **common)
    elif kind == K.CIRCLE_UPDATE:
        target = Circle.objects.get(pk=item.target_circle_id)
        item.before = {f: getattr(target, f) for f in CHARTER}
        item.result_circle = org_services.circle_update(
            circle=target, **_charter(item, CHARTER[1:]), **common
        )
    elif kind == K.ASSIGNMENT_CREATE:
        role = item.role
        if item.new_role_id is not None:
            role = GovernanceChangeItem.objects.get(pk=item.new_role_id).result_role
        item.result_assignment = org_services.assignment_create(
            role=role, person=item.person, share=item.share or 0, focus=item.focus, **common
        )
    elif kind == K.ASSIGNMENT_END:
        assignment = Assignment.objects.select_related("role__circle").get(pk=item.assignment_id)
        item.result_assignment = org_services.assignment_end(assignment=assignment, **common)
