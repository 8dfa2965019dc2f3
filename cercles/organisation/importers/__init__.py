"""Imports: people from an HR export (people.py), the organisation from JSON (organisation.py)."""

from .organisation import (
    OrganisationImportError,
    import_organisation,
    load_organisation_document,
    organisation_is_empty,
    organisation_wipe,
)
from .people import (
    ALIASES,
    FORMULA_CHARS,
    HEADERS,
    MAX_UPLOAD_BYTES,
    REQUIRED_COLUMNS,
    ImportFileError,
    PeopleImportChanged,
    PeopleImportRefused,
    PeoplePlan,
    apply_people_import,
    format_plan_report,
    plan_fingerprint,
    plan_people_import,
    read_table,
)

__all__ = [
    "ALIASES",
    "FORMULA_CHARS",
    "HEADERS",
    "MAX_UPLOAD_BYTES",
    "REQUIRED_COLUMNS",
    "ImportFileError",
    "OrganisationImportError",
    "PeopleImportChanged",
    "plan_fingerprint",
    "PeopleImportRefused",
    "PeoplePlan",
    "apply_people_import",
    "format_plan_report",
    "import_organisation",
    "load_organisation_document",
    "organisation_is_empty",
    "organisation_wipe",
    "plan_people_import",
    "read_table",
]
