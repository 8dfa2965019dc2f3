"""Knowledge pages: the home (pages by kind, search by title), a page, writing and
editing one (with a preview and the edit-conflict screen), its settings, its history,
an old version, the comparison of two versions, restoring, archiving and deleting.

Each view loads its objects through the access helpers (404 / 403) and writes through
the services.
"""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Window
from django.db.models.functions import Lag, Length
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cercles.lib.ids import storable_id
from cercles.organisation.models import Circle

from .. import permissions, services
from ..access import get_page_for_user, get_revision_for_user
from ..diff import diff_texts
from ..forms import PageCreateForm, PageEditForm, PageSettingsForm, RestoreForm
from ..models import Page, PageKind, PageRevision, TimeEater
from ..rendering import render_body, render_revision
from .common import data, get_and_post, service_call

PAGES_PER_PAGE = 100
REVISIONS_PER_PAGE = 50
TOP_TIME_EATERS = 5
MAX_QUERY = 200


# --- the home ----------------------------------------------------------------------------


@login_required
def home(request):
    q = request.GET.get("q", "").strip()[:MAX_QUERY]
    kind = request.GET.get("kind", "")
    if kind not in PageKind.values:
        kind = ""
    archived = request.GET.get("archived") == "1"
    circle_id = storable_id(request.GET.get("circle"))
    # Queries: the user's roles and led circles (restricted pages he reads); the count and
    # the page of pages with circle, last editor and version number; the circles for the
    # filter; the most shared time eaters.
    pages = (
        Page.objects.visible_to(request.user)
        .filter(archived_at__isnull=not archived)
        .select_related("circle", "updated_by")
        .defer("body", "circle__purpose", "circle__domains", "circle__accountabilities")
        .annotate(revision_number=F("current_revision__number"))
        .in_kind_order()
    )
    if q:
        pages = pages.filter(title__icontains=q)
    if kind:
        pages = pages.filter(kind=kind)
    if circle_id:
        pages = pages.filter(circle_id=circle_id)
    page = Paginator(pages, PAGES_PER_PAGE).get_page(request.GET.get("page"))
    labels = dict(PageKind.choices)
    sections = [
        (key, labels[key], list(rows))
        for key, rows in groupby(page.object_list, key=lambda p: p.kind)
    ]
    context = {
        "page": page,
        "sections": sections,
        "q": q,
        "kind": kind,
        "kinds": PageKind.choices,
        "archived": archived,
        "circle_id": circle_id,
        "filtered": bool(q or kind or circle_id or archived),
        "can_create": permissions.can_create_page(request.user),
    }
    if request.htmx:
        return render(request, "knowledge/page_list.html#results", context)
    context["circles"] = list(
        Circle.objects.filter(knowledge_pages__isnull=False)
        .distinct()
        .order_by("name")
        .values_list("id", "name")
    )
    context["time_eaters"] = list(
        TimeEater.objects.active()
        .with_counts(request.user)
        .only("id", "slug", "name", "category")
        .order_by("-concern_count", "name")[:TOP_TIME_EATERS]
    )
    return render(request, "knowledge/page_list.html", context)


# --- a page ------------------------------------------------------------------------------


def _contributors(page):
    return list(
        PageRevision.objects.filter(page=page, author__isnull=False)
        .values("author_id", "author__first_name", "author__last_name", "author__email")
        .annotate(n=Count("id"))
        .order_by("-n", "author__last_name", "author_id")
    )


@login_required
def page_detail(request, slug):
    page, abilities = get_page_for_user(request, slug)
    # Queries: the user's roles and led circles (reading and steward rights); the page
    # with its circle, authors and version number; its contributors. The rendered text
    # comes from the cache (one per version).
    rendered = render_revision(page.current_revision_id, page.body)
    return render(
        request,
        "knowledge/page_detail.html",
        {
            "page": page,
            "abilities": abilities,
            "rendered": rendered,
            "contributors": [
                {
                    "name": f"{c['author__first_name']} {c['author__last_name']}".strip()
                    or c["author__email"],
                    "count": c["n"],
                }
                for c in _contributors(page)
            ],
        },
    )


@login_required
@get_and_post
def page_create(request):
    if not permissions.can_create_page(request.user):
        raise PermissionDenied
    initial = {}
    if request.method == "GET" and request.GET.get("kind") in PageKind.values:
        initial["kind"] = request.GET["kind"]
    form = PageCreateForm(data(request), initial=initial)
    preview = None
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        if "preview" in request.POST:
            preview = render_body(values["body"])
        else:
            with service_call(form) as call:
                page = services.page_create(by=request.user, **values)
            if call.ok:
                messages.success(request, _("La page « %(t)s » est créée.") % {"t": page.title})
                return redirect(page)
    return render(request, "knowledge/page_form.html", {"form": form, "preview": preview})


@login_required
@get_and_post
def page_update(request, slug):
    page, abilities = get_page_for_user(request, slug, ability="update")
    initial = {"title": page.title, "body": page.body, "base_revision": page.current_revision_id}
    form = PageEditForm(data(request), initial=initial)
    context = {"page": page, "abilities": abilities}
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        if "preview" in request.POST:
            context["preview"] = render_body(values["body"])
        else:
            conflict = None
            with service_call(form) as call:
                try:
                    revision = services.page_update(
                        page=page,
                        by=request.user,
                        title=values["title"],
                        body=values["body"],
                        summary=values["summary"],
                        base_revision_id=values["base_revision"],
                    )
                except services.EditConflict as exc:
                    conflict = exc
            if conflict is not None:
                return _conflict(request, page, abilities, conflict)
            if call.ok:
                if revision is None:
                    messages.info(request, _("Vous n'avez rien modifié : rien n'a été enregistré."))
                else:
                    messages.success(
                        request,
                        _("La page est enregistrée (version %(n)s).") % {"n": revision.number},
                    )
                return redirect(page)
    context["form"] = form
    return render(request, "knowledge/page_edit.html", context)


def _conflict(request, page, abilities, conflict):
    """Someone saved meanwhile: show his version, the difference with the user's text,
    and the form again with the user's text, now based on the saved version (sending it
    again replaces the saved version, knowingly)."""
    current = conflict.current
    posted = request.POST.copy()
    posted["base_revision"] = str(current.pk)
    form = PageEditForm(posted)
    form.is_valid()
    form.add_error(None, conflict)
    mine_title = form.cleaned_data.get("title", "")
    mine_body = services._clean_text(form.cleaned_data.get("body", ""))
    return render(
        request,
        "knowledge/page_edit.html",
        {
            "page": page,
            "abilities": abilities,
            "form": form,
            "conflict": current,
            "conflict_diff": diff_texts(current.body, mine_body),
            "conflict_title_changed": current.title != mine_title,
            "mine_title": mine_title,
        },
    )


@login_required
@get_and_post
def page_settings(request, slug):
    page, abilities = get_page_for_user(request, slug, ability="configure")
    initial = {
        "kind": page.kind,
        "circle": page.circle,
        "restricted": page.restricted,
        "protected": page.protected,
    }
    form = PageSettingsForm(data(request), page=page, initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.page_configure(page=page, by=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, _("Les réglages de la page sont enregistrés."))
            return redirect(page)
        page.refresh_from_db()
    return render(
        request,
        "knowledge/page_settings.html",
        {"page": page, "abilities": abilities, "form": form},
    )


# --- history -----------------------------------------------------------------------------


@login_required
def page_history(request, slug):
    page, abilities = get_page_for_user(request, slug, ability="history")
    # Queries: the user's roles and led circles; the page; the count and the page of
    # versions with their authors, their size and the size of the one before.
    revisions = (
        PageRevision.objects.filter(page=page)
        .select_related("author", "restored_from")
        .defer("body", "restored_from__body")
        .annotate(
            size=Length("body"),
            previous_size=Window(Lag(Length("body")), order_by=F("number").asc()),
        )
        .order_by("-number")
    )
    listing = Paginator(revisions, REVISIONS_PER_PAGE).get_page(request.GET.get("page"))
    for revision in listing:
        revision.delta = revision.size - (revision.previous_size or 0)
    return render(
        request,
        "knowledge/page_history.html",
        {"page": page, "abilities": abilities, "listing": listing},
    )


@login_required
def revision_detail(request, slug, number):
    page, revision, abilities = get_revision_for_user(request, slug, number, ability="history")
    return render(
        request,
        "knowledge/revision_detail.html",
        {
            "page": page,
            "abilities": abilities,
            "revision": revision,
            "rendered": render_revision(revision.pk, revision.body),
            "is_current": revision.pk == page.current_revision_id,
            "restore_form": RestoreForm(),
        },
    )


@login_required
def page_diff(request, slug):
    page, abilities = get_page_for_user(request, slug, ability="history")
    latest = page.revision_number or 1
    to_number = storable_id(request.GET.get("to")) or latest
    from_number = storable_id(request.GET.get("from")) or max(to_number - 1, 1)
    error = ""
    if from_number > to_number:
        from_number, to_number = to_number, from_number
    # Queries: the user's roles and led circles; the page; the two versions.
    found = {
        r.number: r
        for r in PageRevision.objects.filter(
            page=page, number__in=[from_number, to_number]
        ).select_related("author")
    }
    old, new = found.get(from_number), found.get(to_number)
    diff = None
    if old is None or new is None:
        error = _("Choisissez deux versions qui existent (de 1 à %(n)s).") % {"n": latest}
    elif old.pk == new.pk:
        error = _("Choisissez deux versions différentes à comparer.")
    else:
        diff = diff_texts(old.body, new.body)
    return render(
        request,
        "knowledge/page_diff.html",
        {
            "page": page,
            "abilities": abilities,
            "old": old,
            "new": new,
            "diff": diff,
            "title_diff": diff_texts(old.title, new.title)
            if diff and old.title != new.title
            else None,
            "error": error,
            "from_number": from_number,
            "to_number": to_number,
            "latest": latest,
        },
    )


@login_required
@require_POST
def page_restore(request, slug, number):
    page, revision, _abilities = get_revision_for_user(request, slug, number, ability="restore")
    form = RestoreForm(request.POST)
    summary = form.cleaned_data["summary"] if form.is_valid() else ""
    try:
        new = services.page_restore(page=page, revision=revision, by=request.user, summary=summary)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(revision)
    messages.success(
        request,
        _("La version %(old)s est rétablie : c'est la version %(new)s.")
        % {"old": revision.number, "new": new.number},
    )
    return redirect(page)


# --- archive and delete ------------------------------------------------------------------


@login_required
@require_POST
def page_archive(request, slug):
    page, _abilities = get_page_for_user(request, slug, ability="archive")
    services.page_archive(page=page, by=request.user)
    messages.success(
        request, _("La page est archivée : elle reste lisible mais ne se modifie plus.")
    )
    return redirect(page)


@login_required
@require_POST
def page_unarchive(request, slug):
    page, _abilities = get_page_for_user(request, slug, ability="unarchive")
    services.page_unarchive(page=page, by=request.user)
    messages.success(request, _("La page est de nouveau en service."))
    return redirect(page)


@login_required
@get_and_post
def page_delete(request, slug):
    page, abilities = get_page_for_user(request, slug, ability="delete")
    if request.method == "POST":
        title = page.title
        services.page_delete(page=page, by=request.user)
        messages.success(request, _("La page « %(t)s » est supprimée.") % {"t": title})
        return redirect("knowledge:home")
    return render(request, "knowledge/page_delete.html", {"page": page, "abilities": abilities})
