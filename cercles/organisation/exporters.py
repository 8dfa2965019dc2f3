"""Exports: people with their current assignments (CSV, XLSX), the organisation as JSON.

The people files have the import's columns, so an exported file imports back
unchanged. The JSON document names circles, roles and assignments by a "ref" (their
id as a string) and people by e-mail, and holds no password: see
`importers.import_organisation` for the restore.
"""

import csv
import datetime
import io
import json

from django.utils import timezone

from cercles.accounts.models import Person
from cercles.accounts.services import PROFILE_FIELDS

from .importers import FORMULA_CHARS, HEADERS
from .models import Assignment, Circle, GovernanceChange, Role

ORGANISATION_FORMAT = "cercles-organisation"
ORGANISATION_VERSION = 1
PEOPLE_COLUMNS = tuple(HEADERS)


def people_rows(on: datetime.date | None = None):
    """One row per current assignment of each active person; one bare row without any.

    Two queries, whatever the size: people, then every current assignment.
    """
    held: dict[int, list[Assignment]] = {}
    for assignment in (
        Assignment.objects.current(on)
        .filter(role__archived_at__isnull=True)
        .select_related("role__circle")
        .order_by("role__circle__name", "role__name", "id")
    ):
        held.setdefault(assignment.person_id, []).append(assignment)
    for person in Person.objects.filter(is_active=True).order_by("last_name", "first_name", "id"):
        base = {
            "matricule": person.matricule,
            "last_name": person.last_name,
            "first_name": person.first_name,
            "email": person.email,
            "unit": person.unit,
            "job_title": person.job_title,
            "circle": "",
            "role": "",
            "share": "",
            "focus": "",
            "site": person.site,
            "phone": person.phone,
        }
        assignments = held.get(person.pk)
        if not assignments:
            yield [base[k] for k in PEOPLE_COLUMNS]
            continue
        for assignment in assignments:
            row = dict(
                base,
                circle=assignment.role.circle.name,
                role=assignment.role.name,
                share=assignment.share,
                focus=assignment.focus,
            )
            yield [row[k] for k in PEOPLE_COLUMNS]


def _csv_safe(value) -> str:
    text = str(value)
    # A leading = + - @ would run as a formula in a spreadsheet (CSV injection).
    return f"'{text}" if text.startswith(FORMULA_CHARS) else text


def people_csv(on=None) -> bytes:
    """`;`-separated, UTF-8 with a byte-order mark so that Excel reads the accents."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([HEADERS[k] for k in PEOPLE_COLUMNS])
    for row in people_rows(on):
        writer.writerow([_csv_safe(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def people_xlsx(on=None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="Personnes")
    sheet.append([HEADERS[k] for k in PEOPLE_COLUMNS])
    for row in people_rows(on):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str) and value.startswith("="):
                # openpyxl would store it as a formula; it is a name or a label.
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _when(value: datetime.datetime | None) -> str | None:
    return value.astimezone(datetime.UTC).isoformat() if value else None


def _day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _ref(value) -> str | None:
    return str(value) if value is not None else None


def _snapshot_out(data, emails: dict[int, str]):
    # Snapshots hold ids; people are not restored with theirs, so name them by e-mail.
    if isinstance(data, dict) and "person_id" in data:
        data = dict(data)
        data["person"] = emails.get(data.pop("person_id"))
    return data


def organisation_document() -> dict:
    """The whole organisation, history included, as plain JSON data (5 queries)."""
    people = list(
        Person.objects.order_by("email").values(
            "id", "email", *PROFILE_FIELDS, "is_org_admin", "is_active"
        )
    )
    emails = {p.pop("id"): p["email"] for p in people}
    circles = [
        {
            "ref": str(c.pk),
            "name": c.name,
            "purpose": c.purpose,
            "domains": c.domains,
            "accountabilities": c.accountabilities,
            "kind": c.kind,
            "parent": _ref(c.parent_id),
            "colour": c.colour,
            "archived_at": _when(c.archived_at),
            "created_at": _when(c.created_at),
            "updated_at": _when(c.updated_at),
        }
        for c in Circle.objects.order_by("id")
    ]
    roles = [
        {
            "ref": str(r.pk),
            "circle": str(r.circle_id),
            "name": r.name,
            "purpose": r.purpose,
            "domains": r.domains,
            "accountabilities": r.accountabilities,
            "core_role": r.core_role,
            "archived_at": _when(r.archived_at),
            "created_at": _when(r.created_at),
            "updated_at": _when(r.updated_at),
        }
        for r in Role.objects.order_by("id")
    ]
    assignments = [
        {
            "ref": str(a.pk),
            "role": str(a.role_id),
            "person": emails.get(a.person_id),
            "focus": a.focus,
            "share": a.share,
            "start_date": _day(a.start_date),
            "end_date": _day(a.end_date),
            "created_at": _when(a.created_at),
            "updated_at": _when(a.updated_at),
        }
        for a in Assignment.objects.order_by("id")
    ]
    history = [
        {
            "at": _when(g.at),
            "by": emails.get(g.by_id),
            "action": g.action,
            "circle": str(g.circle_id),
            "role": _ref(g.role_id),
            "assignment": _ref(g.assignment_id),
            "before": _snapshot_out(g.before, emails),
            "after": _snapshot_out(g.after, emails),
            "note": g.note,
            "decision": (
                {
                    "type": f"{g.decision_type.app_label}.{g.decision_type.model}",
                    "id": g.decision_id,
                }
                if g.decision_type_id
                else None
            ),
        }
        # Oldest first, ties in creation order: the import inserts them in this order.
        for g in GovernanceChange.objects.select_related("decision_type").order_by("at", "id")
    ]
    return {
        "format": ORGANISATION_FORMAT,
        "version": ORGANISATION_VERSION,
        "people": people,
        "circles": circles,
        "roles": roles,
        "assignments": assignments,
        "history": history,
    }


def organisation_json(document: dict | None = None) -> str:
    return json.dumps(
        document if document is not None else organisation_document(),
        ensure_ascii=False,
        sort_keys=True,
        indent=2,
    )


def export_filename(stem: str, extension: str) -> str:
    return f"{stem}-{timezone.localdate().isoformat()}.{extension}"
