"""The competency framework: the list by family (filters by nature and a search), a
competency with its four levels, and HR's pages to create, edit, archive and import."""

import re
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import importers, permissions, services
from ..access import get_competency_for_user, get_family_for_hr, require_hr
from ..forms import CompetencyForm, FamilyForm, ImportForm
from ..models import Competency, CompetencyKind
from .common import data, get_and_post, service_call

PER_PAGE = 100
MAX_QUERY = 200


@login_required
def framework(request):
    # PostgreSQL refuses a NUL character in a query: a 500 instead of "no result".
    q = request.GET.get("q", "").replace("\x00", "").strip()[:MAX_QUERY]
    kind = request.GET.get("kind", "")
    if kind not in CompetencyKind.values:
        kind = ""
    archived = request.GET.get("archived") == "1"
    # Queries: the count and the page of competencies with their families.
    competencies = Competency.objects.filter(archived_at__isnull=not archived).select_related(
        "family"
    )
    if kind:
        competencies = competencies.filter(kind=kind)
    if q:
        competencies = competencies.filter(name__icontains=q)
    page = Paginator(
        competencies.defer("level_1", "level_2", "level_3", "level_4"), PER_PAGE
    ).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "q": q,
        "kind": kind,
        "kinds": CompetencyKind.choices,
        "archived": archived,
        "can_manage": permissions.can_manage_framework(request.user),
    }
    template = "competencies/framework.html"
    return render(request, f"{template}#results" if request.htmx else template, context)


@login_required
def competency_detail(request, pk):
    competency, abilities = get_competency_for_user(request, pk)
    return render(
        request,
        "competencies/competency_detail.html",
        {"competency": competency, "abilities": abilities},
    )


@login_required
@get_and_post
def competency_create(request):
    require_hr(request)
    form = CompetencyForm(data(request), initial={"family": request.GET.get("family")})
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            competency = services.competency_create(by=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(
                request, _("La compétence « %(n)s » est créée.") % {"n": competency.name}
            )
            return redirect(competency)
    return render(request, "competencies/competency_form.html", {"form": form})


@login_required
@get_and_post
def competency_update(request, pk):
    competency, _abilities = get_competency_for_user(request, pk, ability="update")
    initial = {name: getattr(competency, name) for name in services.COMPETENCY_FIELDS}
    form = CompetencyForm(data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.competency_update(competency=competency, by=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, _("La compétence est enregistrée."))
            return redirect(competency)
        competency.refresh_from_db()
    return render(
        request, "competencies/competency_form.html", {"form": form, "competency": competency}
    )


@login_required
@require_POST
def competency_archive(request, pk):
    competency, _abilities = get_competency_for_user(request, pk, ability="archive")
    services.competency_archive(competency=competency, by=request.user)
    messages.success(request, _("La compétence est archivée : elle ne sera plus proposée."))
    return redirect(competency)


@login_required
@require_POST
def competency_unarchive(request, pk):
    competency, _abilities = get_competency_for_user(request, pk, ability="unarchive")
    try:
        services.competency_unarchive(competency=competency, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("La compétence est rétablie."))
    return redirect(competency)


@login_required
@get_and_post
def family_create(request):
    require_hr(request)
    form = FamilyForm(data(request))
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            family = services.family_create(by=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, _("La famille « %(n)s » est créée.") % {"n": family.name})
            return redirect("competencies:framework")
    return render(request, "competencies/family_form.html", {"form": form})


@login_required
@get_and_post
def family_update(request, pk):
    family = get_family_for_hr(request, pk)
    initial = {"name": family.name, "description": family.description, "position": family.position}
    form = FamilyForm(data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.family_update(family=family, by=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, _("La famille est enregistrée."))
            return redirect("competencies:framework")
    return render(request, "competencies/family_form.html", {"form": form, "family": family})


# --- Import ------------------------------------------------------------------------

SESSION_KEY = "cercles_competencies_import"
UPLOAD_MAX_AGE = 24 * 3600
_TOKEN = re.compile(r"^[0-9a-f]{32}$")


def _upload_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports" / "competencies"


def _store(content: bytes) -> str:
    directory = _upload_dir()
    directory.mkdir(parents=True, exist_ok=True)
    limit = time.time() - UPLOAD_MAX_AGE  # abandoned dry runs are swept here
    for old in directory.iterdir():
        if old.is_file() and old.stat().st_mtime < limit:
            old.unlink(missing_ok=True)
    token = uuid.uuid4().hex
    (directory / token).write_bytes(content)
    return token


def _forget(request):
    stored = request.session.pop(SESSION_KEY, None) or {}
    if _TOKEN.match(stored.get("token") or ""):
        (_upload_dir() / stored["token"]).unlink(missing_ok=True)


def _render_import(request, form, plan=None, token=None):
    return render(
        request,
        "competencies/import.html",
        {"form": form, "plan": plan, "token": token, "layouts": importers.LAYOUTS},
    )


@login_required
@get_and_post
def import_competencies(request):
    """Upload: a dry run shown in full; confirm: the same file applied, all or nothing."""
    if not permissions.can_manage_framework(request.user):
        raise PermissionDenied
    if request.method == "GET":
        return _render_import(request, ImportForm())
    if "token" in request.POST:
        return _confirm(request)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_import(request, form)
    upload, layout = form.cleaned_data["file"], form.cleaned_data["layout"] or None
    content = upload.read()
    try:
        plan = importers.plan_import(upload.name, content, layout=layout)
    except importers.ImportFileError as exc:
        form.add_error("file", str(exc))
        return _render_import(request, form)
    _forget(request)
    token = None
    if plan.ok and plan.has_changes:
        token = _store(content)
        request.session[SESSION_KEY] = {"token": token, "filename": upload.name, "layout": layout}
    return _render_import(request, ImportForm(), plan=plan, token=token)


def _confirm(request):
    stored = request.session.get(SESSION_KEY) or {}
    token = request.POST.get("token", "")
    path = _upload_dir() / token
    if not _TOKEN.match(token) or stored.get("token") != token or not path.is_file():
        messages.error(
            request, _("Le fichier à importer n'est plus disponible : déposez-le à nouveau.")
        )
        return redirect("competencies:import")
    content = path.read_bytes()
    try:
        plan = importers.apply_import(
            stored.get("filename", ""), content, by=request.user, layout=stored.get("layout")
        )
    except importers.ImportRefused as exc:
        _forget(request)
        messages.error(request, str(exc))
        return _render_import(request, ImportForm(), plan=exc.plan)
    except (importers.ImportFileError, ValidationError) as exc:
        _forget(request)
        text = str(exc) if isinstance(exc, importers.ImportFileError) else " ".join(exc.messages)
        messages.error(request, _("L'import a échoué, rien n'a été modifié : %(e)s") % {"e": text})
        return redirect("competencies:import")
    _forget(request)
    messages.success(request, _("Import terminé : %(summary)s") % {"summary": plan.summary()})
    return redirect("competencies:framework")
