"""People and their assignments from an HR export (CSV or XLSX).

Two steps. `plan_people_import` reads the file and computes what would change, writing
nothing (the dry run shown to the admin). `apply_people_import` computes the plan again
inside one transaction and applies it through the services, or refuses the whole file
if any line has an error. Assignments named in the file are added (or their share and
focus updated); assignments absent from the file are left alone: an HR export says who
holds what, not what must end.
"""

import csv
import datetime
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from cercles.accounts import services as account_services
from cercles.accounts.models import Person
from cercles.lib.text import fold

from .. import services
from ..models import Assignment, Circle, Role

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 100_000
_CHUNK = 500

# Canonical column key (a Person or assignment field) -> French header written by the
# exports. The headers are not translated: a file must import whatever the UI language.
HEADERS = {
    "matricule": "matricule",
    "last_name": "nom",
    "first_name": "prénom",
    "email": "e-mail",
    "unit": "unité",
    "job_title": "fonction",
    "circle": "cercle",
    "role": "rôle",
    "share": "part",
    "focus": "focus",
    "site": "site",
    "phone": "téléphone",
}
REQUIRED_COLUMNS = ("matricule", "last_name", "first_name", "email", "unit", "job_title")
# Headers are compared folded (no case, no accents, punctuation as spaces).
ALIASES = {
    "matricule": (
        "matricule",
        "numero matricule",
        "n matricule",
        "no matricule",
        "employee id",
        "employee number",
        "staff id",
        "staff number",
    ),
    "last_name": ("nom", "nom de famille", "nom d usage", "last name", "lastname", "surname"),
    "first_name": ("prenom", "first name", "firstname", "given name"),
    "email": (
        "e mail",
        "email",
        "courriel",
        "mail",
        "adresse e mail",
        "adresse email",
        "adresse mail",
        "adresse electronique",
        "email address",
        "e mail address",
    ),
    "unit": ("unite", "service", "unit", "department", "unite sirh"),
    "job_title": (
        "fonction",
        "intitule de poste",
        "intitule du poste",
        "poste",
        "job title",
        "title",
        "position",
    ),
    "circle": ("cercle", "circle"),
    "role": ("role",),
    "share": ("part", "share", "part du temps", "quotite"),
    "focus": ("focus",),
    "site": ("site", "location", "lieu de travail"),
    "phone": ("telephone", "tel", "phone", "phone number", "numero de telephone"),
}
_HEADER_LOOKUP = {alias: key for key, aliases in ALIASES.items() for alias in aliases}
MAX_LENGTHS = {
    "matricule": 50,
    "last_name": 150,
    "first_name": 150,
    "email": 254,
    "unit": 200,
    "job_title": 200,
    "circle": 200,
    "role": 200,
    "focus": 300,
    "site": 200,
    "phone": 40,
}
# Person fields an import may change, in report order.
PERSON_IMPORT_FIELDS = (
    "email",
    "matricule",
    "last_name",
    "first_name",
    "unit",
    "job_title",
    "site",
    "phone",
)
# Our exports prefix these with an apostrophe so that spreadsheets do not run them as
# formulas; the import takes the apostrophe off again.
FORMULA_CHARS = ("=", "+", "-", "@", "\t", "\r")


class ImportFileError(Exception):
    """The file as a whole cannot be read (format, encoding, columns)."""


class PeopleImportRefused(Exception):
    """The file has errors: nothing was written."""

    def __init__(self, plan):
        super().__init__(_("Le fichier contient des erreurs : rien n'a été importé."))
        self.plan = plan


def _header_key(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(header)).strip()


# --- Reading the file --------------------------------------------------------------


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value).strip()
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_CHARS:
        text = text[1:]
    return text


def _decode(content: bytes) -> str:
    if b"\x00" in content[:4096]:
        raise ImportFileError(
            _("Ce fichier n'est ni un CSV ni un classeur XLSX : déposez un fichier .csv ou .xlsx.")
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(
        _("Encodage du fichier non reconnu : enregistrez-le en UTF-8 ou en Windows-1252.")
    )


def _read_csv(content: bytes):
    text = _decode(content)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(";,\t", key=first_line.count) if first_line else ";"
    if first_line and first_line.count(delimiter) == 0:
        delimiter = ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            yield reader.line_num, [_cell_text(v) for v in row]
    except csv.Error as exc:
        raise ImportFileError(
            _("Ligne %(line)s : le fichier CSV est mal formé (%(error)s).")
            % {"line": reader.line_num, "error": exc}
        ) from exc


def _read_xlsx(content: bytes):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    # openpyxl raises many kinds of exception on a damaged or foreign zip file.
    except Exception as exc:
        raise ImportFileError(
            _(
                "Ce fichier n'est pas un classeur Excel (.xlsx) valide : ouvrez-le et enregistrez-le à nouveau au format .xlsx."
            )
        ) from exc
    try:
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell_text(v) for v in row]
    finally:
        workbook.close()


def read_table(filename: str, content: bytes):
    """(line number, cells) for each row of a CSV or XLSX file, header included."""
    name = (filename or "").lower()
    if not content:
        raise ImportFileError(_("Le fichier est vide."))
    if len(content) > MAX_UPLOAD_BYTES:
        raise ImportFileError(
            _("Le fichier dépasse la taille maximale de %(size)s Mo.")
            % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    if content.startswith(b"\xd0\xcf\x11\xe0") or name.endswith(".xls"):
        raise ImportFileError(
            _(
                "L'ancien format Excel (.xls) n'est pas pris en charge : enregistrez le fichier en .xlsx ou en CSV."
            )
        )
    if content.startswith(b"PK\x03\x04") or name.endswith(".xlsx"):
        if not zipfile.is_zipfile(io.BytesIO(content)):
            raise ImportFileError(
                _(
                    "Ce fichier n'est pas un classeur Excel (.xlsx) valide : ouvrez-le et enregistrez-le à nouveau au format .xlsx."
                )
            )
        return _read_xlsx(content)
    return _read_csv(content)


# --- Planning (dry run) ------------------------------------------------------------


@dataclass
class LineError:
    line: int | None
    message: str

    def __str__(self):
        if self.line is None:
            return self.message
        return _("Ligne %(line)s : %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class Row:
    line: int
    values: dict

    def get(self, key):
        return self.values.get(key, "")


@dataclass
class PersonCreate:
    line: int
    email: str
    fields: dict

    @property
    def label(self):
        name = f"{self.fields.get('first_name', '')} {self.fields.get('last_name', '')}".strip()
        return f"{name} <{self.email}>"


@dataclass
class PersonUpdate:
    line: int
    person: Person
    fields: dict
    changes: list  # (header, before, after)

    @property
    def label(self):
        return f"{self.person.full_name} <{self.person.email}>"


@dataclass
class AssignmentCreate:
    line: int
    person_label: str
    person: Person | None  # None: created by this import
    email: str
    circle: Circle
    role: Role | None  # None: created by this import
    role_name: str
    share: int
    focus: str


@dataclass
class AssignmentUpdate:
    line: int
    person_label: str
    assignment: Assignment
    fields: dict
    changes: list  # (header, before, after)


@dataclass
class PeoplePlan:
    columns: list = field(default_factory=list)
    ignored_columns: list = field(default_factory=list)
    row_count: int = 0
    people_created: list = field(default_factory=list)
    people_updated: list = field(default_factory=list)
    roles_created: list = field(default_factory=list)  # (circle, name)
    assignments_created: list = field(default_factory=list)
    assignments_updated: list = field(default_factory=list)
    unchanged: int = 0
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    @property
    def has_changes(self):
        return bool(
            self.people_created
            or self.people_updated
            or self.roles_created
            or self.assignments_created
            or self.assignments_updated
        )

    def summary(self) -> str:
        return _(
            "%(created)s personne(s) créée(s), %(updated)s modifiée(s), %(roles)s rôle(s) créé(s), "
            "%(assigned)s affectation(s) créée(s), %(reassigned)s modifiée(s), "
            "%(unchanged)s ligne(s) sans changement."
        ) % {
            "created": len(self.people_created),
            "updated": len(self.people_updated),
            "roles": len(self.roles_created),
            "assigned": len(self.assignments_created),
            "reassigned": len(self.assignments_updated),
            "unchanged": self.unchanged,
        }


def _map_header(cells: list[str]) -> tuple[dict[int, str], list[str]]:
    mapping, ignored, seen = {}, [], {}
    for index, header in enumerate(cells):
        if not header.strip():
            continue
        key = _HEADER_LOOKUP.get(_header_key(header))
        if key is None:
            ignored.append(header)
            continue
        if key in seen:
            raise ImportFileError(
                _(
                    "Les colonnes « %(first)s » et « %(second)s » désignent la même information (%(label)s) : gardez-en une seule."
                )
                % {"first": seen[key], "second": header, "label": HEADERS[key]}
            )
        seen[key] = header
        mapping[index] = key
    missing = [HEADERS[k] for k in REQUIRED_COLUMNS if k not in seen]
    if missing:
        raise ImportFileError(
            _("Colonnes obligatoires absentes : %(missing)s. Colonnes attendues : %(expected)s.")
            % {
                "missing": ", ".join(missing),
                "expected": ", ".join(HEADERS[k] for k in REQUIRED_COLUMNS),
            }
        )
    return mapping, ignored


def _read_rows(filename: str, content: bytes) -> tuple[list[str], list[str], list[Row]]:
    table = iter(read_table(filename, content))
    for _line, cells in table:
        if any(cells):
            mapping, ignored = _map_header(cells)
            break
    else:
        raise ImportFileError(_("Le fichier est vide."))
    rows = []
    for line, cells in table:
        if not any(cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise ImportFileError(
                _("Le fichier dépasse %(max)s lignes : découpez-le.") % {"max": MAX_ROWS}
            )
        rows.append(
            Row(
                line,
                {key: cells[i] if i < len(cells) else "" for i, key in mapping.items()},
            )
        )
    return list(mapping.values()), ignored, rows


def _parse_share(text: str) -> int | None:
    cleaned = text.replace("%", "").replace("\u00a0", "").strip()
    match = re.fullmatch(r"(\d{1,3})(?:[.,]0+)?", cleaned)
    if not match or int(match.group(1)) > 100:
        return None
    return int(match.group(1))


def _check_row(row: Row, columns: set) -> list[str]:
    """Errors of one line taken alone; normalises e-mail and share in place."""
    errors = []
    email = row.get("email").lower()
    row.values["email"] = email
    if not email:
        errors.append(_("adresse e-mail manquante"))
    else:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(_("adresse e-mail invalide « %(value)s »") % {"value": email})
    if not row.get("last_name"):
        errors.append(_("nom manquant"))
    if not row.get("first_name"):
        errors.append(_("prénom manquant"))
    for key, limit in MAX_LENGTHS.items():
        if len(row.get(key)) > limit:
            errors.append(
                _("« %(column)s » dépasse %(limit)s caractères")
                % {"column": HEADERS[key], "limit": limit}
            )
    circle, role = row.get("circle"), row.get("role")
    if circle and not role:
        errors.append(_("rôle manquant pour le cercle « %(circle)s »") % {"circle": circle})
    if role and not circle:
        errors.append(_("cercle manquant pour le rôle « %(role)s »") % {"role": role})
    share_text = row.get("share")
    if share_text:
        share = _parse_share(share_text)
        if share is None:
            errors.append(
                _("part du temps « %(value)s » invalide : indiquez un nombre entier entre 0 et 100")
                % {"value": share_text}
            )
        row.values["share"] = share
    else:
        row.values["share"] = None
    if not role and (share_text or row.get("focus")):
        errors.append(_("part du temps ou focus indiqués sans cercle ni rôle"))
    return errors


def _person_fields(row: Row, columns: set) -> dict:
    return {
        k: row.get(k)
        for k in ("last_name", "first_name", "unit", "job_title", "site", "phone")
        if k in columns
    }


def _load_people(emails, matricules):
    by_email, by_matricule = {}, {}
    emails, matricules = sorted(emails), sorted(matricules)
    for i in range(0, len(emails), _CHUNK):
        for person in Person.objects.filter(email__in=emails[i : i + _CHUNK]):
            by_email[person.email] = person
    for i in range(0, len(matricules), _CHUNK):
        for person in Person.objects.filter(matricule__in=matricules[i : i + _CHUNK]):
            by_matricule[person.matricule] = by_email.get(person.email, person)
    return by_email, by_matricule


def plan_people_import(filename: str, content: bytes) -> PeoplePlan:
    """What importing this file would change. Writes nothing. Raises ImportFileError."""
    column_list, ignored, rows = _read_rows(filename, content)
    columns = set(column_list)
    plan = PeoplePlan(
        columns=[HEADERS[k] for k in HEADERS if k in columns],
        ignored_columns=ignored,
        row_count=len(rows),
    )
    if not rows:
        plan.errors.append(LineError(None, _("Le fichier ne contient aucune ligne de données.")))
        return plan

    # 1. Each line alone, then the lines against each other.
    good: list[Row] = []
    first_by_email: dict[str, Row] = {}
    first_by_matricule: dict[str, Row] = {}
    seen_roles: dict[tuple, int] = {}
    for row in rows:
        messages = _check_row(row, columns)
        email, matricule = row.get("email"), row.get("matricule")
        other = first_by_matricule.get(matricule) if matricule else None
        if other is not None and other.get("email") != email:
            messages.append(
                _(
                    "matricule « %(value)s » en double : déjà utilisé ligne %(line)s pour « %(email)s »"
                )
                % {"value": matricule, "line": other.line, "email": other.get("email")}
            )
        other = first_by_email.get(email)
        if other is not None and other.get("matricule") != matricule:
            messages.append(
                _(
                    "adresse e-mail « %(value)s » en double : déjà utilisée ligne %(line)s avec un autre matricule"
                )
                % {"value": email, "line": other.line}
            )
        elif other is not None:
            differing = [
                HEADERS[k] for k, v in _person_fields(row, columns).items() if other.get(k) != v
            ]
            if differing:
                messages.append(
                    _(
                        "informations différentes de la ligne %(line)s pour la même personne (%(columns)s)"
                    )
                    % {"line": other.line, "columns": ", ".join(differing)}
                )
            key = (email, fold(row.get("circle")), fold(row.get("role")))
            if key in seen_roles:
                messages.append(
                    _("ligne en double : même personne et même rôle que la ligne %(line)s")
                    % {"line": seen_roles[key]}
                )
        # Lines with errors still take their matricule and e-mail, so that a later
        # duplicate is reported too.
        first_by_email.setdefault(email, row)
        if matricule:
            first_by_matricule.setdefault(matricule, row)
        seen_roles.setdefault((email, fold(row.get("circle")), fold(row.get("role"))), row.line)
        if messages:
            plan.errors.extend(LineError(row.line, m) for m in messages)
            continue
        good.append(row)

    # 2. The rows against the database: people, circles, roles, assignments.
    first_good: dict[str, Row] = {}
    for row in good:
        first_good.setdefault(row.get("email"), row)
    by_email, by_matricule = _load_people(
        first_good, {r.get("matricule") for r in first_good.values() if r.get("matricule")}
    )
    circles_by_name: dict[str, list[Circle]] = {}
    for circle in Circle.objects.active().only("id", "name", "archived_at"):
        circles_by_name.setdefault(fold(circle.name), []).append(circle)

    people: dict[str, Person | None] = {}  # e-mail in the file -> existing person or None
    for email, row in first_good.items():
        matricule = row.get("matricule")
        by_m = by_matricule.get(matricule) if matricule else None
        by_e = by_email.get(email)
        if by_m is not None and by_e is not None and by_m.pk != by_e.pk:
            plan.errors.append(
                LineError(
                    row.line,
                    _(
                        "le matricule « %(matricule)s » (%(first)s) et l'adresse e-mail « %(email)s » (%(second)s) désignent deux personnes différentes"
                    )
                    % {
                        "matricule": matricule,
                        "first": by_m.full_name,
                        "email": email,
                        "second": by_e.full_name,
                    },
                )
            )
            continue
        person = by_m or by_e
        people[email] = person
        fields = _person_fields(row, columns)
        if person is None:
            if matricule:
                fields["matricule"] = matricule
            plan.people_created.append(PersonCreate(row.line, email, fields))
            continue
        fields["email"] = email
        if matricule:
            fields["matricule"] = matricule
        changes = [
            (HEADERS[k], getattr(person, k), fields[k])
            for k in PERSON_IMPORT_FIELDS
            if k in fields and getattr(person, k) != fields[k]
        ]
        if changes:
            plan.people_updated.append(
                PersonUpdate(
                    row.line,
                    person,
                    {k: fields[k] for k in PERSON_IMPORT_FIELDS if k in fields},
                    changes,
                )
            )

    wanted_circles: dict[int, Row] = {}
    row_circle: dict[int, Circle] = {}
    for row in good:
        if not row.get("circle") or row.get("email") not in people:
            continue
        found = circles_by_name.get(fold(row.get("circle")), [])
        if not found:
            plan.errors.append(
                LineError(row.line, _("cercle inconnu « %(name)s »") % {"name": row.get("circle")})
            )
        elif len(found) > 1:
            plan.errors.append(
                LineError(
                    row.line,
                    _(
                        "plusieurs cercles actifs s'appellent « %(name)s » : renommez-les avant l'import"
                    )
                    % {"name": row.get("circle")},
                )
            )
        else:
            row_circle[row.line] = found[0]
            wanted_circles[found[0].pk] = row

    roles: dict[tuple[int, str], Role] = {}
    circle_ids = sorted(wanted_circles)
    for i in range(0, len(circle_ids), _CHUNK):
        for role in (
            Role.objects.active()
            .filter(circle_id__in=circle_ids[i : i + _CHUNK])
            .order_by("id")
            .only("id", "name", "circle_id", "archived_at")
        ):
            roles.setdefault((role.circle_id, fold(role.name)), role)

    held: dict[tuple[int, int], Assignment] = {}
    person_ids = sorted({p.pk for p in people.values() if p is not None})
    for i in range(0, len(person_ids), _CHUNK):
        for assignment in (
            Assignment.objects.current()
            .filter(person_id__in=person_ids[i : i + _CHUNK], role__archived_at__isnull=True)
            .order_by("id")
        ):
            held.setdefault((assignment.person_id, assignment.role_id), assignment)

    changed_lines = {p.line for p in plan.people_created} | {p.line for p in plan.people_updated}
    new_roles: dict[tuple[int, str], str] = {}
    for row in good:
        email = row.get("email")
        circle = row_circle.get(row.line)
        if email not in people or circle is None:
            continue
        person = people[email]
        label = (
            f"{person.full_name} <{email}>"
            if person
            else f"{row.get('first_name')} {row.get('last_name')} <{email}>"
        )
        if person is not None and not person.is_active:
            plan.errors.append(
                LineError(
                    row.line,
                    _("%(person)s est désactivé(e) : impossible de lui affecter un rôle")
                    % {"person": label},
                )
            )
            continue
        role_key = (circle.pk, fold(row.get("role")))
        role = roles.get(role_key)
        if role is None and role_key not in new_roles:
            new_roles[role_key] = row.get("role")
            plan.roles_created.append((circle, row.get("role")))
            changed_lines.add(row.line)
        current = held.get((person.pk, role.pk)) if (person and role) else None
        share = row.get("share")
        if current is None:
            plan.assignments_created.append(
                AssignmentCreate(
                    line=row.line,
                    person_label=label,
                    person=person,
                    email=email,
                    circle=circle,
                    role=role,
                    role_name=role.name if role else new_roles[role_key],
                    share=share or 0,
                    focus=row.get("focus"),
                )
            )
            changed_lines.add(row.line)
            continue
        fields = {}
        if share is not None:
            fields["share"] = share
        if "focus" in columns:
            fields["focus"] = row.get("focus")
        changes = [
            (HEADERS[k], getattr(current, k), v)
            for k, v in fields.items()
            if getattr(current, k) != v
        ]
        if changes:
            plan.assignments_updated.append(
                AssignmentUpdate(row.line, label, current, fields, changes)
            )
            changed_lines.add(row.line)
    plan.unchanged = len([r for r in good if r.line not in changed_lines])
    plan.errors.sort(key=lambda e: e.line or 0)
    return plan


class PeopleImportChanged(Exception):
    """The plan is no longer the one the admin read in the dry run."""

    def __init__(self, plan):
        super().__init__(
            _(
                "Les données ont changé depuis l'aperçu : rien n'a été importé. "
                "Vérifiez le nouvel aperçu ci-dessous avant de confirmer."
            )
        )
        self.plan = plan


def plan_fingerprint(plan: PeoplePlan) -> str:
    """A digest of everything the plan would change, whatever the reader's language."""
    with translation.override("fr"):
        return hashlib.sha256(format_plan_report(plan).encode()).hexdigest()


@transaction.atomic
def apply_people_import(
    filename: str, content: bytes, *, by, expected: str | None = None
) -> PeoplePlan:
    """Plan again and apply in one transaction: all or nothing.

    With `expected` (the fingerprint of the dry run the admin confirmed), a plan that
    changed meanwhile is refused rather than applied unseen. Raises ImportFileError,
    PeopleImportRefused (the file has errors), PeopleImportChanged or the services'
    ValidationError (the database changed in a way the plan could not foresee).
    """
    plan = plan_people_import(filename, content)
    if plan.errors:
        raise PeopleImportRefused(plan)
    if expected is not None and plan_fingerprint(plan) != expected:
        raise PeopleImportChanged(plan)
    people: dict[str, Person] = {}
    for item in plan.people_created:
        people[item.email] = account_services.person_create(email=item.email, **item.fields)
    for item in plan.people_updated:
        person = account_services.person_update(person=item.person, **item.fields)
        people[person.email] = person
    roles: dict[tuple[int, str], Role] = {}
    for circle, name in plan.roles_created:
        roles[(circle.pk, fold(name))] = services.role_create(by=by, circle=circle, name=name)
    for item in plan.assignments_created:
        services.assignment_create(
            role=item.role or roles[(item.circle.pk, fold(item.role_name))],
            person=people.get(item.email) or item.person,
            by=by,
            share=item.share,
            focus=item.focus,
        )
    for item in plan.assignments_updated:
        services.assignment_update(assignment=item.assignment, by=by, **item.fields)
    return plan


def format_plan_report(plan: PeoplePlan) -> str:
    """The dry-run report as plain text, for the management command."""
    lines = [plan.summary()]
    if plan.ignored_columns:
        lines.append(_("Colonnes ignorées : %s") % ", ".join(plan.ignored_columns))
    for item in plan.people_created:
        lines.append(_("+ personne créée : %s") % item.label)
    for item in plan.people_updated:
        lines.append(_("~ personne modifiée : %s") % item.label)
        lines.extend(f"    {h} : « {b} » -> « {a} »" for h, b, a in item.changes)
    for circle, name in plan.roles_created:
        lines.append(_("+ rôle créé : %(role)s (%(circle)s)") % {"role": name, "circle": circle})
    for item in plan.assignments_created:
        lines.append(
            _("+ affectation : %(person)s -> %(role)s dans %(circle)s (%(share)s %%)")
            % {
                "person": item.person_label,
                "role": item.role_name,
                "circle": item.circle,
                "share": item.share,
            }
        )
    for item in plan.assignments_updated:
        lines.append(
            _("~ affectation modifiée : %(person)s -> %(role)s")
            % {"person": item.person_label, "role": item.assignment.role.name}
        )
        lines.extend(f"    {h} : « {b} » -> « {a} »" for h, b, a in item.changes)
    if plan.errors:
        lines.append(_("%s erreur(s) :") % len(plan.errors))
        lines.extend(f"  {error}" for error in plan.errors)
    return "\n".join(lines)
