"""Import and export of people and of the whole organisation (organisation admins only).

The people import is a dry run first: the uploaded file is kept on the server under
MEDIA_ROOT/imports/<random token>, its token in the session, and read again when the
admin confirms, so the client never carries the data between the two steps.
"""

import re
import time
import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from .. import exporters, importers, permissions

SESSION_KEY = "cercles_people_import"
UPLOAD_MAX_AGE = 24 * 3600
JSON_MAX_BYTES = 50 * 1024 * 1024
_TOKEN = re.compile(r"^[0-9a-f]{32}$")


def _require_import(user):
    if not permissions.can_import(user):
        raise PermissionDenied


class PeopleUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Fichier CSV ou XLSX"),
        help_text=gettext_lazy("Export du SIRH, 5 Mo au plus."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > importers.MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("Le fichier dépasse la taille maximale de %(size)s Mo.")
                % {"size": importers.MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload


class OrganisationUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Document JSON exporté de Cercles"))
    wipe = forms.BooleanField(
        required=False,
        label=gettext_lazy(
            "Effacer l'organisation actuelle (cercles, rôles, affectations, historique)"
        ),
    )
    confirm_wipe = forms.BooleanField(
        required=False,
        label=gettext_lazy("Je confirme : l'organisation actuelle sera définitivement remplacée"),
    )

    def __init__(self, *args, organisation_empty=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation_empty = organisation_empty

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > JSON_MAX_BYTES:
            raise ValidationError(
                _("Le fichier dépasse la taille maximale de %(size)s Mo.")
                % {"size": JSON_MAX_BYTES // (1024 * 1024)}
            )
        return upload

    def clean(self):
        data = super().clean()
        if data.get("wipe") and not data.get("confirm_wipe"):
            self.add_error(
                "confirm_wipe",
                _("Cochez la confirmation pour effacer l'organisation actuelle."),
            )
        elif not self.organisation_empty and not data.get("wipe"):
            self.add_error(
                "wipe",
                _(
                    "L'organisation contient déjà des cercles : cochez « Effacer l'organisation actuelle » et confirmez pour la remplacer."
                ),
            )
        return data


def _upload_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def _store_upload(content: bytes) -> str:
    directory = _upload_dir()
    directory.mkdir(parents=True, exist_ok=True)
    # Abandoned dry runs are swept here rather than by a periodic task.
    limit = time.time() - UPLOAD_MAX_AGE
    for old in directory.iterdir():
        if old.is_file() and old.stat().st_mtime < limit:
            old.unlink(missing_ok=True)
    token = uuid.uuid4().hex
    (directory / token).write_bytes(content)
    return token


def _stored_upload(request, token: str) -> tuple[str, bytes] | None:
    stored = request.session.get(SESSION_KEY) or {}
    if not _TOKEN.match(token or "") or stored.get("token") != token:
        return None
    path = _upload_dir() / token
    if not path.is_file():
        return None
    return stored.get("filename", ""), path.read_bytes()


def _forget_upload(request):
    stored = request.session.pop(SESSION_KEY, None) or {}
    token = stored.get("token") or ""
    if _TOKEN.match(token):
        (_upload_dir() / token).unlink(missing_ok=True)


def _columns_help():
    required = set(importers.REQUIRED_COLUMNS)
    return [
        {
            "header": importers.HEADERS[key],
            "aliases": ", ".join(a for a in importers.ALIASES[key] if a != importers.HEADERS[key]),
            "required": key in required,
        }
        for key in importers.HEADERS
    ]


def _render_people(request, form, plan=None, token=None, status=200):
    return render(
        request,
        "organisation/people_import.html",
        {"form": form, "plan": plan, "token": token, "columns": _columns_help()},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def people_import(request):
    _require_import(request.user)
    if request.method == "GET":
        return _render_people(request, PeopleUploadForm())
    if "token" in request.POST:
        return _people_import_confirm(request)
    form = PeopleUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_people(request, form)
    upload = form.cleaned_data["file"]
    content = upload.read()
    try:
        plan = importers.plan_people_import(upload.name, content)
    except importers.ImportFileError as exc:
        form.add_error("file", str(exc))
        return _render_people(request, form)
    _forget_upload(request)
    token = None
    if plan.ok and plan.has_changes:
        token = _store_upload(content)
        request.session[SESSION_KEY] = {
            "token": token,
            "filename": upload.name,
            "plan": importers.plan_fingerprint(plan),
        }
    return _render_people(request, PeopleUploadForm(), plan=plan, token=token)


def _people_import_confirm(request):
    stored = _stored_upload(request, request.POST.get("token", ""))
    if stored is None:
        messages.error(
            request,
            _("Le fichier à importer n'est plus disponible : déposez-le à nouveau."),
        )
        return redirect("organisation:people_import")
    filename, content = stored
    expected = (request.session.get(SESSION_KEY) or {}).get("plan")
    try:
        plan = importers.apply_people_import(filename, content, by=request.user, expected=expected)
    except importers.PeopleImportChanged as exc:
        # Same file, new plan: show it, and let the admin confirm this one (if there is
        # still anything to do).
        messages.error(request, str(exc))
        if not exc.plan.has_changes:
            _forget_upload(request)
            return _render_people(request, PeopleUploadForm(), plan=exc.plan)
        request.session[SESSION_KEY] = {
            **request.session[SESSION_KEY],
            "plan": importers.plan_fingerprint(exc.plan),
        }
        token = request.session[SESSION_KEY]["token"]
        return _render_people(request, PeopleUploadForm(), plan=exc.plan, token=token)
    except importers.PeopleImportRefused as exc:
        _forget_upload(request)
        messages.error(request, str(exc))
        return _render_people(request, PeopleUploadForm(), plan=exc.plan)
    except importers.ImportFileError as exc:
        _forget_upload(request)
        messages.error(request, str(exc))
        return redirect("organisation:people_import")
    except ValidationError as exc:
        # The database changed since the dry run in a way the plan did not foresee.
        messages.error(
            request,
            _("L'import a échoué, rien n'a été modifié : %(error)s")
            % {"error": " ".join(exc.messages)},
        )
        return redirect("organisation:people_import")
    _forget_upload(request)
    messages.success(request, _("Import terminé : %(summary)s") % {"summary": plan.summary()})
    return redirect("organisation:people_import")


def _export(request, build, content_type, stem, extension):
    """A download for organisation admins; the content is built only once they are checked."""
    _require_import(request.user)
    response = HttpResponse(build(), content_type=content_type)
    filename = exporters.export_filename(stem, extension)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


_XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def people_export_csv(request):
    return _export(request, exporters.people_csv, "text/csv; charset=utf-8", "personnes", "csv")


@login_required
@require_GET
def people_export_xlsx(request):
    return _export(request, exporters.people_xlsx, _XLSX_TYPE, "personnes", "xlsx")


@login_required
@require_GET
def organisation_export_json(request):
    return _export(
        request,
        exporters.organisation_json,
        "application/json; charset=utf-8",
        "organisation",
        "json",
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_import_json(request):
    _require_import(request.user)
    empty = importers.organisation_is_empty()
    form = OrganisationUploadForm(
        request.POST or None, request.FILES or None, organisation_empty=empty
    )
    if request.method == "POST" and form.is_valid():
        try:
            document = importers.load_organisation_document(form.cleaned_data["file"].read())
            counts = importers.import_organisation(document, wipe=form.cleaned_data["wipe"])
        except importers.OrganisationImportError as exc:
            for message in exc.messages:
                form.add_error("file", message)
        else:
            messages.success(
                request,
                _(
                    "Organisation importée : %(circles)s cercle(s), %(roles)s rôle(s), "
                    "%(assignments)s affectation(s), %(history)s changement(s) d'historique, "
                    "%(people_created)s personne(s) créée(s)."
                )
                % counts,
            )
            return redirect("organisation:chart")
    return render(
        request,
        "organisation/organisation_import.html",
        {"form": form, "organisation_empty": empty},
    )
