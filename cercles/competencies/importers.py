"""Import a competency framework from CSV or XLSX, with a dry run.

Three layouts, recognised from the header row:

- ours: famille, nom, nature, description, niveau_1 … niveau_4 (and an optional
  identifiant). "nature" reads "technique" or "savoir-être".
- ESCO's CSV export (French edition), e.g. skills_fr.csv or
  transversalSkillsCollection_fr.csv: conceptType, conceptUri, skillType, reuseLevel,
  preferredLabel, altLabels, …, description, and in the collections broaderConceptUri /
  broaderConceptPT. The family is the broader concept (first one), else the reuse
  level; transversal skills are "savoir-être", the others technical.
- France Travail's ROME 4.0 open data "savoir-être professionnels": a `code_ogr`
  column (or code_ogr_…), a label (`libelle`, `libelle_competence`,
  `libelle_savoir_etre`…) and optionally a category (`categorie`, `libelle_categorie`,
  `cat_comp`, `libelle_enjeu`). All are "savoir-être".

ESCO and ROME rows are matched by (origin, identifier): importing the same file again
updates, never duplicates. `plan_import` writes nothing; `apply_import` computes the
plan again inside one transaction and refuses the whole file if a line has an error.
The reading of CSV/XLSX files is the organisation importer's.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cercles.lib.text import fold
from cercles.organisation.importers.people import ImportFileError, read_table
from cercles.people.functions import is_hr

from .models import Competency, CompetencyFamily, CompetencyKind, CompetencySource

__all__ = ["ImportFileError", "ImportRefused", "LAYOUTS", "apply_import", "plan_import"]

OURS, ESCO, ROME = "ours", "esco", "rome"
LAYOUTS = {
    OURS: gettext_lazy("Référentiel Cercles (famille, nom, nature, description, niveaux 1 à 4)"),
    ESCO: gettext_lazy("ESCO, export CSV (édition française)"),
    ROME: gettext_lazy("ROME 4.0, savoir-être professionnels (France Travail)"),
}
MAX_ROWS = 20_000
TEXT_FIELDS = ("description", "level_1", "level_2", "level_3", "level_4")
COMPARED = ("family_name", "name", "kind", *TEXT_FIELDS)

ESCO_TRANSVERSAL_FAMILY = "Compétences transversales (ESCO)"
ESCO_FAMILY = "Compétences ESCO"
ROME_FAMILY = "Savoir-être professionnels (ROME 4.0)"

# Our layout's headers, compared folded (no case, accents or punctuation).
OUR_COLUMNS = {
    "family": ("famille", "family"),
    "name": ("nom", "name", "competence", "intitule"),
    "kind": ("nature", "kind", "type"),
    "description": ("description",),
    "level_1": ("niveau 1", "level 1"),
    "level_2": ("niveau 2", "level 2"),
    "level_3": ("niveau 3", "level 3"),
    "level_4": ("niveau 4", "level 4"),
    "external_id": ("identifiant", "id", "code"),
}
ROME_LABELS = (
    "libelle",
    "libelle competence",
    "libelle savoir etre",
    "libelle savoir etre professionnel",
)
ROME_CATEGORIES = ("categorie", "libelle categorie", "cat comp", "libelle enjeu", "enjeu")
BEHAVIOURAL_WORDS = ("savoir etre", "behavioural", "comportement", "transversal")


class ImportRefused(Exception):
    """The file has errors: nothing was written."""

    def __init__(self, plan):
        super().__init__(_("Le fichier contient des erreurs : rien n'a été importé."))
        self.plan = plan


def _key(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(header)).strip()


@dataclass
class Item:
    line: int
    family_name: str
    name: str
    kind: str
    description: str = ""
    level_1: str = ""
    level_2: str = ""
    level_3: str = ""
    level_4: str = ""
    source: str = CompetencySource.LOCAL
    external_id: str = ""


@dataclass
class Update:
    item: Item
    competency: Competency
    changes: list  # (field label, before, after)


@dataclass
class Plan:
    layout: str = ""
    row_count: int = 0
    families_created: list = field(default_factory=list)
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: int = 0
    skipped: int = 0
    errors: list = field(default_factory=list)  # (line, message)

    @property
    def ok(self):
        return not self.errors

    @property
    def has_changes(self):
        return bool(self.created or self.updated)

    @property
    def layout_label(self):
        return LAYOUTS.get(self.layout, "")

    def summary(self) -> str:
        return _(
            "%(created)s compétence(s) créée(s), %(updated)s modifiée(s), "
            "%(unchanged)s inchangée(s), %(families)s famille(s) créée(s)."
        ) % {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": self.unchanged,
            "families": len(self.families_created),
        }

    def error_lines(self) -> list[str]:
        return [
            _("Ligne %(line)s : %(message)s") % {"line": line, "message": message}
            if line
            else message
            for line, message in sorted(self.errors, key=lambda e: e[0] or 0)
        ]


# --- Layouts -----------------------------------------------------------------------


def detect_layout(headers: list[str]) -> str | None:
    keys = {_key(h) for h in headers}
    if "concepturi" in keys and "preferredlabel" in keys:
        return ESCO
    if any(k == "code ogr" or k.startswith("code ogr ") for k in keys) and any(
        k in ROME_LABELS or k.startswith("libelle") for k in keys
    ):
        return ROME
    if {"famille", "nom"} <= keys or {"family", "name"} <= keys:
        return OURS
    return None


def _index(headers, names) -> int | None:
    keys = [_key(h) for h in headers]
    for name in names:
        if name in keys:
            return keys.index(name)
    return None


def _cell(row, index):
    if index is None or index >= len(row):
        return ""
    # A NUL character (a damaged file) would crash PostgreSQL on save: dropped.
    return (row[index] or "").replace("\x00", "").strip()


def _kind(value: str) -> str | None:
    folded = _key(value)
    if not folded or folded in ("technique", "technical", "savoir faire", "savoir"):
        return CompetencyKind.TECHNICAL
    if any(word in folded for word in BEHAVIOURAL_WORDS):
        return CompetencyKind.BEHAVIOURAL
    return None


def _ours(headers, rows, plan):
    columns = {key: _index(headers, aliases) for key, aliases in OUR_COLUMNS.items()}
    for line, row in rows:
        kind = _kind(_cell(row, columns["kind"]))
        if kind is None:
            plan.errors.append(
                (
                    line,
                    _("nature « %(v)s » inconnue : écrivez « technique » ou « savoir-être ».")
                    % {"v": _cell(row, columns["kind"])},
                )
            )
            continue
        yield Item(
            line=line,
            family_name=_cell(row, columns["family"]),
            name=_cell(row, columns["name"]),
            kind=kind,
            description=_cell(row, columns["description"]),
            **{f"level_{n}": _cell(row, columns[f"level_{n}"]) for n in (1, 2, 3, 4)},
            external_id=_cell(row, columns["external_id"]),
        )


def _esco(headers, rows, plan):
    col = {
        name: _index(headers, [name.lower()])
        for name in (
            "conceptType",
            "conceptUri",
            "reuseLevel",
            "preferredLabel",
            "status",
            "description",
            "broaderConceptPT",
        )
    }
    for line, row in rows:
        concept_type = _cell(row, col["conceptType"])
        status = _cell(row, col["status"])
        if (concept_type and concept_type != "KnowledgeSkillCompetence") or (
            status and status != "released"
        ):
            plan.skipped += 1
            continue
        reuse = _cell(row, col["reuseLevel"])
        broader = _cell(row, col["broaderConceptPT"]).split("|")[0].strip()
        transversal = reuse == "transversal"
        family = broader or (ESCO_TRANSVERSAL_FAMILY if transversal else ESCO_FAMILY)
        yield Item(
            line=line,
            family_name=family[:1].upper() + family[1:],
            name=_cell(row, col["preferredLabel"]),
            kind=CompetencyKind.BEHAVIOURAL if transversal else CompetencyKind.TECHNICAL,
            description=_cell(row, col["description"]),
            source=CompetencySource.ESCO,
            external_id=_cell(row, col["conceptUri"]),
        )


def _rome(headers, rows, plan):
    keys = [_key(h) for h in headers]
    code = next(i for i, k in enumerate(keys) if k == "code ogr" or k.startswith("code ogr "))
    label = _index(headers, ROME_LABELS)
    if label is None:
        label = next(i for i, k in enumerate(keys) if k.startswith("libelle"))
    category = _index(headers, ROME_CATEGORIES)
    for line, row in rows:
        family = _cell(row, category) if category is not None else ""
        if family and fold(family) == fold(_cell(row, label)):
            family = ""
        yield Item(
            line=line,
            family_name=family or ROME_FAMILY,
            name=_cell(row, label),
            kind=CompetencyKind.BEHAVIOURAL,
            source=CompetencySource.ROME,
            external_id=_cell(row, code),
        )


READERS = {OURS: _ours, ESCO: _esco, ROME: _rome}


# --- Planning ----------------------------------------------------------------------


def _field_label(name):
    return {
        "family_name": _("famille"),
        "name": _("nom"),
        "kind": _("nature"),
        "description": _("description"),
        "level_1": _("niveau 1"),
        "level_2": _("niveau 2"),
        "level_3": _("niveau 3"),
        "level_4": _("niveau 4"),
    }[name]


def _validate(item: Item) -> str | None:
    if not item.name:
        return _("le nom de la compétence manque.")
    if len(item.name) > 200:
        return _("le nom compte plus de 200 caractères.")
    if not item.family_name:
        return _("la famille manque.")
    if len(item.family_name) > 200:
        return _("le nom de la famille compte plus de 200 caractères.")
    if len(item.external_id) > 300:
        return _("l'identifiant compte plus de 300 caractères.")
    return None


def plan_import(filename: str, content: bytes, layout: str | None = None) -> Plan:
    """What importing the file would change; writes nothing."""
    table = iter(read_table(filename, content))
    header_line = next(((n, r) for n, r in table if any(c.strip() for c in r)), None)
    if header_line is None:
        raise ImportFileError(_("Le fichier ne contient aucune ligne."))
    headers = header_line[1]
    detected = detect_layout(headers)
    if layout and layout not in LAYOUTS:
        raise ImportFileError(_("Format inconnu : %(layout)s.") % {"layout": layout})
    layout = layout or detected
    if layout is None or detected != layout:
        raise ImportFileError(
            _(
                "Colonnes non reconnues. Attendu : « famille ; nom ; nature ; description ; "
                "niveau 1 … niveau 4 », un export CSV d'ESCO (conceptUri, preferredLabel…) "
                "ou le référentiel ROME 4.0 (code_ogr, libellé)."
            )
        )
    plan = Plan(layout=layout)
    rows = []
    for line, row in table:
        if not any(c.strip() for c in row):
            continue
        rows.append((line, row))
        if len(rows) > MAX_ROWS:
            raise ImportFileError(
                _("Le fichier dépasse %(n)s lignes : découpez-le.") % {"n": MAX_ROWS}
            )
    plan.row_count = len(rows)
    items = []
    for item in READERS[layout](headers, rows, plan):
        error = _validate(item)
        if error:
            plan.errors.append((item.line, error))
        else:
            items.append(item)
    _compare(plan, items)
    if not plan.row_count:
        plan.errors.append((None, _("Le fichier ne contient aucune compétence.")))
    return plan


def _compare(plan: Plan, items: list[Item]) -> None:
    families = {fold(f.name): f for f in CompetencyFamily.objects.live()}
    by_external = {
        (c.source, c.external_id): c
        for c in Competency.objects.exclude(external_id="").select_related("family")
    }
    by_name = {
        (c.family_id, fold(c.name)): c for c in Competency.objects.live().select_related("family")
    }
    seen_keys, seen_names, new_families = set(), set(), {}
    for item in items:
        key = (item.source, item.external_id) if item.external_id else None
        name_key = (fold(item.family_name), fold(item.name))
        if (key and key in seen_keys) or name_key in seen_names:
            plan.errors.append(
                (item.line, _("cette compétence figure déjà plus haut dans le fichier."))
            )
            continue
        if key:
            seen_keys.add(key)
        seen_names.add(name_key)
        family = families.get(fold(item.family_name))
        if family is None and fold(item.family_name) not in new_families:
            new_families[fold(item.family_name)] = item.family_name
            plan.families_created.append(item.family_name)
        existing = by_external.get(key) if key else None
        same_name = by_name.get((family.pk, fold(item.name))) if family else None
        if existing is None and same_name is not None and (not key or not same_name.external_id):
            existing = same_name  # a local competency of that name: completed, not doubled
        elif same_name is not None and same_name != existing:
            plan.errors.append(
                (
                    item.line,
                    _("la famille « %(f)s » a déjà une compétence « %(n)s ».")
                    % {"f": item.family_name, "n": item.name},
                )
            )
            continue
        if existing is None:
            plan.created.append(item)
            continue
        current = {
            "family_name": existing.family.name,
            "name": existing.name,
            "kind": existing.kind,
            **{f: getattr(existing, f) for f in TEXT_FIELDS},
        }
        wanted = {name: getattr(item, name) for name in COMPARED}
        # Empty cells of ESCO/ROME files (no level descriptors there) keep ours.
        changes = [
            (_field_label(name), current[name], wanted[name])
            for name in COMPARED
            if wanted[name] != current[name]
            and not (name in TEXT_FIELDS and not wanted[name])
            and not (name == "family_name" and fold(wanted[name]) == fold(current[name]))
        ]
        if item.external_id and not existing.external_id:
            changes.append((_("identifiant"), "", item.external_id))
        if changes:
            plan.updated.append(Update(item=item, competency=existing, changes=changes))
        else:
            plan.unchanged += 1


# --- Applying ----------------------------------------------------------------------


@transaction.atomic
def apply_import(filename: str, content: bytes, *, by=None, layout: str | None = None) -> Plan:
    """Apply the file (HR, or an operator's command when `by` is None); all or nothing."""
    if by is not None and not is_hr(by):
        raise PermissionDenied
    plan = plan_import(filename, content, layout=layout)
    if plan.errors:
        raise ImportRefused(plan)
    families = {fold(f.name): f for f in CompetencyFamily.objects.live()}

    def family_for(name):
        family = families.get(fold(name))
        if family is None:
            family = CompetencyFamily(name=name)
            family.full_clean()
            family.save()
            families[fold(name)] = family
        return family

    for item in plan.created:
        competency = Competency(
            family=family_for(item.family_name),
            name=item.name,
            kind=item.kind,
            source=item.source,
            external_id=item.external_id,
            **{f: getattr(item, f) for f in TEXT_FIELDS},
        )
        competency.full_clean()
        competency.save()
    for update in plan.updated:
        competency, item = update.competency, update.item
        competency.family = family_for(item.family_name)
        competency.name = item.name
        competency.kind = item.kind
        for name in TEXT_FIELDS:
            if getattr(item, name):
                setattr(competency, name, getattr(item, name))
        if item.external_id and not competency.external_id:
            # A local competency matched by name takes the file's identifier, so the
            # next import finds it by identifier even after a change of label.
            competency.source, competency.external_id = item.source, item.external_id
        competency.full_clean()
        competency.save(
            update_fields=[
                "family",
                "name",
                "kind",
                *TEXT_FIELDS,
                "source",
                "external_id",
                "updated_at",
            ]
        )
    return plan


def format_plan_report(plan: Plan) -> str:
    lines = [_("Format : %(layout)s") % {"layout": plan.layout_label}, plan.summary()]
    for item in plan.created:
        lines.append(_("+ %(family)s / %(name)s") % {"family": item.family_name, "name": item.name})
    for update in plan.updated:
        changes = ", ".join(label for label, _b, _a in update.changes)
        lines.append(
            _("~ %(name)s (%(changes)s)") % {"name": update.competency.name, "changes": changes}
        )
    lines.extend(plan.error_lines())
    return "\n".join(lines)
