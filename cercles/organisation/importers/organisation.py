"""Restore the whole organisation from the JSON document of `exporters.organisation_document`."""

import datetime
import json

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from cercles.accounts.models import Person
from cercles.accounts.services import PROFILE_FIELDS
from cercles.core import fragments

from .. import services
from ..models import Assignment, Circle, GovernanceChange, Role

_CHUNK = 500


class OrganisationImportError(Exception):
    def __init__(self, messages):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("\n".join(self.messages))


def organisation_is_empty() -> bool:
    return not (
        Circle.objects.exists()
        or Role.objects.exists()
        or Assignment.objects.exists()
        or GovernanceChange.objects.exists()
    )


@transaction.atomic
def organisation_wipe() -> None:
    """Delete circles, roles, assignments and history. People (the accounts) stay."""
    fragments.bump(fragments.ORGANISATION)
    try:
        GovernanceChange.objects.all().delete()
        Assignment.objects.all().delete()
        Role.objects.all().delete()
        # Parents are protected: detach them so the whole tree goes in one delete.
        Circle.objects.exclude(parent=None).update(parent=None)
        Circle.objects.all().delete()
    except ProtectedError as exc:
        raise OrganisationImportError(
            _(
                "L'organisation ne peut pas être effacée : d'autres données (réunions, idées…) s'y rattachent."
            )
        ) from exc


def load_organisation_document(content: bytes) -> dict:
    from ..exporters import ORGANISATION_FORMAT, ORGANISATION_VERSION

    try:
        document = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise OrganisationImportError(_("Ce fichier n'est pas un document JSON valide.")) from exc
    if not isinstance(document, dict) or document.get("format") != ORGANISATION_FORMAT:
        raise OrganisationImportError(
            _("Ce document JSON n'est pas un export d'organisation Cercles.")
        )
    if document.get("version") != ORGANISATION_VERSION:
        raise OrganisationImportError(
            _("Version de document non prise en charge : %(version)s.")
            % {"version": document.get("version")}
        )
    for key in ("people", "circles", "roles", "assignments", "history"):
        if not isinstance(document.get(key), list):
            raise OrganisationImportError(
                _("Le document n'a pas de liste « %(key)s ».") % {"key": key}
            )
    return document


def _dt(value):
    return datetime.datetime.fromisoformat(value) if value else None


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _ref(value, known: set, what: str, errors: list, where: str, optional=False):
    if value is None and optional:
        return None
    if value not in known:
        errors.append(
            _("%(where)s : %(what)s « %(ref)s » introuvable dans le document.")
            % {"where": where, "what": what, "ref": value}
        )
        return None
    return int(value)


def _clean(obj, exclude, where, errors):
    try:
        obj.clean_fields(exclude=exclude)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.extend(f"{where} ({name}) : {m}" for m in messages)


def _snapshot_in(data, person_ids):
    if isinstance(data, dict) and "person" in data:
        data = dict(data)
        data["person_id"] = person_ids.get(data.pop("person"))
    return data


@transaction.atomic
def import_organisation(document: dict, *, wipe: bool = False) -> dict[str, int]:
    """Restore an organisation from `exporters.organisation_document`, in one transaction.

    This is a restore, not a governance change: rows are written directly in bulk, with
    their original ids (the document's refs) and dates, and the history is restored as
    it was — no new GovernanceChange is recorded, since the snapshots it holds refer to
    those same ids. Only an empty organisation is restored into, unless `wipe` first
    deletes the current one. People are matched by e-mail: existing accounts are kept
    as they are, missing ones are created without a password (they reset it or sign in
    through single sign-on).
    """
    # Written in bulk, not through the services: the cached rows must go stale here.
    fragments.bump(fragments.ORGANISATION)
    if wipe:
        organisation_wipe()
    elif not organisation_is_empty():
        raise OrganisationImportError(
            _(
                "L'organisation n'est pas vide : l'import est refusé. Choisissez d'effacer l'organisation actuelle pour la remplacer."
            )
        )
    errors: list[str] = []

    # People, by e-mail.
    doc_people = {}
    for index, item in enumerate(document["people"], start=1):
        email = str(item.get("email") or "").strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            errors.append(
                _("Personne n° %(n)s : adresse e-mail invalide « %(email)s ».")
                % {"n": index, "email": email}
            )
            continue
        doc_people[email] = item
    existing = {}
    emails = sorted(doc_people)
    for i in range(0, len(emails), _CHUNK):
        existing.update(
            Person.objects.filter(email__in=emails[i : i + _CHUNK]).values_list("email", "id")
        )
    new_people = []
    for email, item in doc_people.items():
        if email in existing:
            continue
        person = Person(
            email=email,
            password=make_password(None),
            **{k: item.get(k) or "" for k in PROFILE_FIELDS},
            is_org_admin=bool(item.get("is_org_admin")),
            is_active=bool(item.get("is_active", True)),
        )
        person.search_text = person.compute_search_text()
        _clean(person, ["password"], email, errors)
        new_people.append(person)
    matricules = sorted(p.matricule for p in new_people if p.matricule)
    for i in range(0, len(matricules), _CHUNK):
        for email, matricule in Person.objects.filter(
            matricule__in=matricules[i : i + _CHUNK]
        ).values_list("email", "matricule"):
            errors.append(
                _("Le matricule « %(matricule)s » appartient déjà à %(email)s.")
                % {"matricule": matricule, "email": email}
            )

    # Circles, roles, assignments: refs are the original ids.
    def refs(items, what):
        found = set()
        for item in items:
            ref = item.get("ref")
            if not (isinstance(ref, str) and ref.isdigit() and int(ref) > 0) or ref in found:
                errors.append(
                    _("%(what)s : référence « %(ref)s » invalide ou en double.")
                    % {"what": what, "ref": ref}
                )
            found.add(ref)
        return found

    circle_refs = refs(document["circles"], _("Cercle"))
    role_refs = refs(document["roles"], _("Rôle"))
    assignment_refs = refs(document["assignments"], _("Affectation"))
    known_emails = set(doc_people)

    circles = []
    for item in document["circles"]:
        where = _("Cercle « %s »") % item.get("ref")
        circle = Circle(
            pk=int(item["ref"]) if str(item.get("ref")).isdigit() else None,
            name=item.get("name") or "",
            purpose=item.get("purpose") or "",
            domains=item.get("domains") or "",
            accountabilities=item.get("accountabilities") or "",
            kind=item.get("kind") or "",
            colour=item.get("colour") or "",
            parent_id=_ref(item.get("parent"), circle_refs, _("cercle"), errors, where, True),
            archived_at=_dt(item.get("archived_at")),
        )
        circle.search_text = services._search_text(circle)
        _clean(circle, ["parent"], where, errors)
        circles.append((circle, item))
    parents = {c.pk: c.parent_id for c, _item in circles}
    for pk in parents:
        node, seen = pk, set()
        while node is not None and node not in seen:
            seen.add(node)
            node = parents.get(node)
        if node is not None:
            errors.append(_("Le cercle « %s » est placé dans l'un de ses sous-cercles.") % pk)
            break

    roles = []
    for item in document["roles"]:
        where = _("Rôle « %s »") % item.get("ref")
        role = Role(
            pk=int(item["ref"]) if str(item.get("ref")).isdigit() else None,
            circle_id=_ref(item.get("circle"), circle_refs, _("cercle"), errors, where),
            name=item.get("name") or "",
            purpose=item.get("purpose") or "",
            domains=item.get("domains") or "",
            accountabilities=item.get("accountabilities") or "",
            core_role=item.get("core_role") or "",
            archived_at=_dt(item.get("archived_at")),
        )
        role.search_text = services._search_text(role)
        _clean(role, ["circle"], where, errors)
        roles.append((role, item))

    assignments = []
    for item in document["assignments"]:
        where = _("Affectation « %s »") % item.get("ref")
        person = str(item.get("person") or "").lower()
        if person not in known_emails:
            errors.append(
                _("%(where)s : personne « %(email)s » introuvable dans le document.")
                % {"where": where, "email": person}
            )
        assignment = Assignment(
            pk=int(item["ref"]) if str(item.get("ref")).isdigit() else None,
            role_id=_ref(item.get("role"), role_refs, _("rôle"), errors, where),
            focus=item.get("focus") or "",
            share=item.get("share") if isinstance(item.get("share"), int) else -1,
            start_date=_date(item.get("start_date")),
            end_date=_date(item.get("end_date")),
        )
        _clean(assignment, ["role", "person"], where, errors)
        assignments.append((assignment, item, person))

    changes = []
    for index, item in enumerate(document["history"], start=1):
        where = _("Historique n° %s") % index
        by = str(item.get("by") or "").lower() or None
        if by is not None and by not in known_emails:
            errors.append(
                _("%(where)s : personne « %(email)s » introuvable dans le document.")
                % {"where": where, "email": by}
            )
        change = GovernanceChange(
            at=_dt(item.get("at")),
            action=item.get("action") or "",
            circle_id=_ref(item.get("circle"), circle_refs, _("cercle"), errors, where),
            role_id=_ref(item.get("role"), role_refs, _("rôle"), errors, where, True),
            assignment_id=_ref(
                item.get("assignment"), assignment_refs, _("affectation"), errors, where, True
            ),
            note=item.get("note") or "",
            decision_id=(item.get("decision") or {}).get("id"),
        )
        _clean(change, ["circle", "role", "assignment", "by", "decision_type"], where, errors)
        changes.append((change, item, by))

    if errors:
        raise OrganisationImportError(errors[:50])

    # Write: people first, then the structure with its own ids and dates.
    Person.objects.bulk_create(new_people, batch_size=_CHUNK)
    person_ids = dict(existing)
    for i in range(0, len(emails), _CHUNK):
        person_ids.update(
            Person.objects.filter(email__in=emails[i : i + _CHUNK]).values_list("email", "id")
        )
    from django.contrib.contenttypes.models import ContentType

    for assignment, _item, person in assignments:
        assignment.person_id = person_ids[person]
    for change, item, by in changes:
        change.by_id = person_ids.get(by) if by else None
        change.before = _snapshot_in(item.get("before"), person_ids)
        change.after = _snapshot_in(item.get("after"), person_ids)
        decision = item.get("decision")
        if decision:
            app_label, _dot, model = str(decision.get("type", "")).partition(".")
            change.decision_type = ContentType.objects.get_by_natural_key(app_label, model)
    try:
        for model, pairs in ((Circle, circles), (Role, roles), (Assignment, assignments)):
            objs = [pair[0] for pair in pairs]
            model.objects.bulk_create(objs, batch_size=_CHUNK)
            # bulk_create stamps auto_now fields with the current time; put the originals back.
            for obj, item, *_rest in pairs:
                obj.created_at = _dt(item.get("created_at")) or obj.created_at
                obj.updated_at = _dt(item.get("updated_at")) or obj.updated_at
            model.objects.bulk_update(objs, ["created_at", "updated_at"], batch_size=_CHUNK)
        GovernanceChange.objects.bulk_create([c for c, *_rest in changes], batch_size=_CHUNK)
    except IntegrityError as exc:
        raise OrganisationImportError(
            _("Le document est incohérent : %(error)s") % {"error": exc}
        ) from exc
    # Explicit ids leave PostgreSQL's sequences behind; move them past the restored ids.
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Circle, Role, Assignment]):
            cursor.execute(sql)
    return {
        "people_created": len(new_people),
        "circles": len(circles),
        "roles": len(roles),
        "assignments": len(assignments),
        "history": len(changes),
    }
