"""Pages of the people app: the "Mon développement" hub, the people functions, the talent
path catalogue, the "Choisir mon parcours" questionnaire, a person's path with its
entries, shares and suggestions."""

import datetime
from contextlib import contextmanager

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from cercles.core import panels
from cercles.lib.urls import cached_reverse
from cercles.organisation.forms import find_people

from . import chooser, permissions, services
from .access import (
    get_entry_for_user,
    get_item_for_user,
    get_path_for_user,
    get_person_to_suggest,
    get_share_for_user,
    get_suggestion_for_user,
)
from .forms import (
    ChooserForm,
    EntryForm,
    FunctionGrantForm,
    GoalForm,
    PathItemForm,
    ShareForm,
    SuggestionForm,
)
from .models import (
    FormatKey,
    Function,
    ItemKind,
    PathItem,
    PathShare,
    PeopleFunction,
    Suggestion,
    SuggestionStatus,
)
from .modules import module_link
from .path import PathStep

get_and_post = require_http_methods(["GET", "POST"])


class _Call:
    ok = True


@contextmanager
def service_call(form):
    """Run a service; its ValidationError goes onto the form and `call.ok` turns False."""
    call = _Call()
    try:
        yield call
    except ValidationError as exc:
        call.ok = False
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                target = field if field in form.fields and field != NON_FIELD_ERRORS else None
                form.add_error(target, errors)
        else:
            form.add_error(None, exc)


def _data(request):
    return request.POST if request.method == "POST" else None


def _suggestions(request, param: str):
    """The <datalist> of people matching what is typed (htmx), or None."""
    if request.htmx and request.method == "GET" and param in request.GET:
        return render(
            request,
            "people/_person_suggestions.html",
            {"suggestions": find_people(request.user, request.GET.get(param, "")[:200])},
        )
    return None


# --- The hub ---------------------------------------------------------------------------


@login_required
def home(request):
    # Queries: session, user; then each card of the "development_home" slot (at most
    # two each, see the apps' panels.py).
    return render(
        request,
        "people/home.html",
        {"cards": panels.render("development_home", request)},
    )


# --- People functions (admins) ---------------------------------------------------------


@login_required
@get_and_post
def function_list(request):
    if not permissions.can_manage_functions(request.user):
        raise PermissionDenied
    suggestions = _suggestions(request, "person")
    if suggestions is not None:
        return suggestions
    form = FunctionGrantForm(_data(request))
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            grant = services.function_grant(
                person=form.cleaned_data["person"],
                function=form.cleaned_data["function"],
                by=request.user,
            )
        if call.ok:
            messages.success(
                request,
                _("%(name)s exerce désormais la fonction « %(function)s ».")
                % {"name": grant.person, "function": grant.get_function_display()},
            )
            return redirect("people:functions")
    # Queries: session, user; the grants with their people and grantors.
    grants = list(
        PeopleFunction.objects.select_related("person", "granted_by").order_by(
            "function", "person__last_name", "person__first_name", "id"
        )
    )
    groups = [
        (value, label, [g for g in grants if g.function == value])
        for value, label in Function.choices
    ]
    return render(
        request,
        "people/function_list.html",
        {"form": form, "groups": groups, "suggestions_url": cached_reverse("people:functions")},
    )


@login_required
@require_POST
def function_revoke(request, pk):
    if not permissions.can_manage_functions(request.user):
        raise PermissionDenied
    grant = get_object_or_404(PeopleFunction.objects.select_related("person"), pk=pk)
    services.function_revoke(grant=grant, by=request.user)
    messages.success(
        request,
        _("%(name)s n'exerce plus la fonction « %(function)s ».")
        % {"name": grant.person, "function": grant.get_function_display()},
    )
    return redirect("people:functions")


# --- The catalogue ---------------------------------------------------------------------

SECTION_TITLES = {
    ItemKind.ENTRY: _lazy("Points d'entrée : par où commencer"),
    ItemKind.DETECTION: _lazy("Outils de détection : repérer vos talents"),
    ItemKind.FORMAT: _lazy("Formats d'accompagnement : vous faire grandir"),
}


@login_required
def catalogue(request):
    can_manage = permissions.can_manage_catalogue(request.user)
    archived = can_manage and request.GET.get("archived") == "1"
    kind = request.GET.get("kind", "")
    if kind not in ItemKind.values:
        kind = ""
    # Queries: session, user; the user's people functions (HR?); the items.
    items = PathItem.objects.filter(archived_at__isnull=not archived).defer(
        "description", "audience", "getting_started"
    )
    if kind:
        items = items.filter(kind=kind)
    items = list(items.in_order())
    sections = []
    for value in ItemKind.values:
        label = SECTION_TITLES[value]
        rows = [i for i in items if i.kind == value]
        for index, item in enumerate(rows):
            item.first, item.last = index == 0, index == len(rows) - 1
        if rows or (not kind and not archived):
            sections.append((value, label, rows))
    context = {
        "sections": sections,
        "kind": kind,
        "kinds": ItemKind.choices,
        "archived": archived,
        "can_manage": can_manage,
    }
    template = "people/item_list.html"
    return render(request, f"{template}#results" if request.htmx else template, context)


@login_required
def item_detail(request, slug):
    item, abilities = get_item_for_user(request, slug)
    return render(
        request,
        "people/item_detail.html",
        {"item": item, "abilities": abilities, "module": module_link(item.format)},
    )


def _item_form_page(request, form, item=None):
    return render(request, "people/item_form.html", {"form": form, "item": item})


@login_required
@get_and_post
def item_create(request):
    if not permissions.can_manage_catalogue(request.user):
        raise PermissionDenied
    form = PathItemForm(_data(request), initial={"kind": request.GET.get("kind", "")})
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            item = services.item_create(by=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, _("« %(name)s » rejoint le catalogue.") % {"name": item})
            return redirect(item)
    return _item_form_page(request, form)


@login_required
@get_and_post
def item_update(request, slug):
    item, _abilities = get_item_for_user(request, slug, ability="update")
    initial = {key: getattr(item, key) for key in services.ITEM_FIELDS}
    form = PathItemForm(_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.item_update(item=item, by=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, _("L'élément est enregistré."))
            return redirect(item)
        item.refresh_from_db()
    return _item_form_page(request, form, item)


@login_required
@require_POST
def item_archive(request, slug):
    item, _abilities = get_item_for_user(request, slug, ability="archive")
    services.item_archive(item=item, by=request.user)
    messages.success(request, _("L'élément est archivé : il n'apparaît plus au catalogue."))
    return redirect(item)


@login_required
@require_POST
def item_unarchive(request, slug):
    item, _abilities = get_item_for_user(request, slug, ability="unarchive")
    services.item_unarchive(item=item, by=request.user)
    messages.success(request, _("L'élément est de nouveau au catalogue."))
    return redirect(item)


@login_required
@require_POST
def item_move(request, slug):
    item, _abilities = get_item_for_user(request, slug, ability="move")
    try:
        services.item_move(item=item, by=request.user, direction=request.POST.get("direction"))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect(cached_reverse("people:catalogue") + f"#item-{item.slug}")


# --- Choisir mon parcours --------------------------------------------------------------


def _format_items() -> dict[str, PathItem]:
    """The live catalogue item of each format (the first in the catalogue's order)."""
    items = {}
    for item in PathItem.objects.active().filter(kind=ItemKind.FORMAT).in_order():
        items.setdefault(item.format, item)
    return items


def _decorate(scored_list, items):
    labels = dict(FormatKey.choices)
    for scored in scored_list:
        scored.item = items.get(scored.format)
        scored.label = scored.item.name if scored.item else labels[scored.format]
        scored.module = module_link(scored.format)
    return scored_list


@login_required
def chooser_page(request):
    """The questionnaire (GET, so a result can be bookmarked and needs no token); the
    result below it once every question has an answer."""
    submitted = "answered" in request.GET or any(k in request.GET for k in chooser.QUESTION_KEYS)
    form = ChooserForm(request.GET if submitted else None)
    result = None
    if submitted and form.is_valid():
        result = chooser.recommend(form.cleaned_data)
        # Queries: session, user; the format items of the catalogue.
        items = _format_items()
        _decorate(result.ranked, items)
        labels = dict(FormatKey.choices)
        result.give_items = [
            {"format": key, "label": labels[key], "module": module_link(key)} for key in result.give
        ]
    return render(request, "people/chooser.html", {"form": form, "result": result})


@login_required
@require_POST
def chooser_save(request):
    answers = {key: request.POST.get(key, "") for key in chooser.QUESTION_KEYS}
    try:
        services.choice_save(person=request.user, answers=answers)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("people:chooser")
    messages.success(
        request, _("Le résultat est enregistré dans votre parcours (visible de vous seul).")
    )
    return redirect("people:my_path")


# --- A person's path -------------------------------------------------------------------

STEP_KINDS = {
    "goal": _lazy("Objectif"),
    "note": _lazy("Note"),
    "choice": _lazy("Questionnaire"),
    "suggestion": _lazy("Suggestion retenue"),
    "assessment": _lazy("Auto-évaluation"),
    "coaching": _lazy("Coaching"),
    "mission": _lazy("Mission"),
    "training": _lazy("Formation"),
    "onboarding": _lazy("Intégration"),
    "path": _lazy("Parcours"),
}


def path_steps(*, person, viewer) -> list[PathStep]:
    """Every module's steps of `person` as `viewer` may see them, the latest first.

    Someone the path is shared with never reads a private step, even one a module
    would show him elsewhere (a coaching relationship to the coordinator, an
    onboarding to HR): the page promises the person that what is marked « privé »
    is seen by him alone."""
    mine = viewer is not None and viewer.pk == person.pk
    steps = [
        step
        for steps in panels.collect("talent_path", person=person, viewer=viewer)
        for step in steps
        if mine or not step.private
    ]
    # Stable: steps of the same day keep each module's order (ours: the latest first).
    # A module giving a datetime instead of a date must not break the page (a datetime
    # and a date do not compare).
    return sorted(steps, key=lambda s: _day(s.date), reverse=True)


def _day(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def _path_page(request, person, abilities):
    steps = path_steps(person=person, viewer=request.user)
    rows = [{"step": step, "kind_label": STEP_KINDS.get(step.kind, step.kind)} for step in steps]
    context = {"person": person, "abilities": abilities, "rows": rows, "is_me": abilities["edit"]}
    if abilities["edit"]:
        context["suggestions"] = list(
            Suggestion.objects.filter(person=person, status=SuggestionStatus.PENDING)
            .select_related("item", "author")
            .order_by("-created_at", "-id")
        )
        context["share_count"] = PathShare.objects.filter(owner=person).count()
    return render(request, "people/path_detail.html", context)


@login_required
def my_path(request):
    # Queries: session, user; the path steps of each module (ours: the entries); the
    # pending suggestions with their formats and authors; the count of shares.
    person, abilities = get_path_for_user(request, request.user.pk)
    return _path_page(request, person, abilities)


@login_required
def person_path(request, pk):
    # Queries: session, user; the person; whether he shared his path with the user;
    # the path steps of each module (ours: the non-private entries).
    person, abilities = get_path_for_user(request, pk)
    return _path_page(request, person, abilities)


@login_required
@get_and_post
def entry_create(request):
    form = GoalForm(_data(request))
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.entry_create(person=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, _("L'étape est ajoutée à votre parcours."))
            return redirect("people:my_path")
    return render(request, "people/entry_form.html", {"form": form})


@login_required
@get_and_post
def entry_update(request, pk):
    entry = get_entry_for_user(request, pk)
    initial = {key: getattr(entry, key) for key in ("title", "date", "body", "private")}
    form = EntryForm(_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.entry_update(entry=entry, by=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, _("L'étape est enregistrée."))
            return redirect("people:my_path")
        entry.refresh_from_db()
    return render(request, "people/entry_form.html", {"form": form, "entry": entry})


@login_required
@require_POST
def entry_delete(request, pk):
    entry = get_entry_for_user(request, pk)
    services.entry_delete(entry=entry, by=request.user)
    messages.success(request, _("L'étape est retirée de votre parcours."))
    return redirect("people:my_path")


@login_required
@get_and_post
def share_list(request):
    suggestions = _suggestions(request, "viewer")
    if suggestions is not None:
        return suggestions
    form = ShareForm(_data(request))
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            share = services.share_add(owner=request.user, viewer=form.cleaned_data["viewer"])
        if call.ok:
            messages.success(
                request,
                _("Votre parcours est partagé avec %(name)s.") % {"name": share.viewer},
            )
            return redirect("people:shares")
    # Queries: session, user; my shares with their viewers; the paths shared with me
    # with their owners.
    shares = list(
        PathShare.objects.filter(owner=request.user)
        .select_related("viewer")
        .order_by("viewer__last_name", "viewer__first_name", "id")
    )
    shared_with_me = list(
        PathShare.objects.filter(viewer=request.user, owner__is_active=True)
        .select_related("owner")
        .order_by("owner__last_name", "owner__first_name", "id")
    )
    return render(
        request,
        "people/share_list.html",
        {
            "form": form,
            "shares": shares,
            "shared_with_me": shared_with_me,
            "suggestions_url": cached_reverse("people:shares"),
        },
    )


@login_required
@require_POST
def share_revoke(request, pk):
    share = get_share_for_user(request, pk)
    services.share_revoke(share=share, by=request.user)
    messages.success(request, _("%(name)s ne voit plus votre parcours.") % {"name": share.viewer})
    return redirect("people:shares")


@login_required
@get_and_post
def suggest(request, pk):
    person = get_person_to_suggest(request, pk)
    initial = {}
    item_slug = request.GET.get("item")
    if item_slug:
        initial["item"] = (
            PathItem.objects.filter(slug=item_slug[:120]).values_list("pk", flat=True).first()
        )
    form = SuggestionForm(_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.suggestion_create(author=request.user, person=person, **form.cleaned_data)
        if call.ok:
            messages.success(
                request,
                _("Votre suggestion est envoyée à %(name)s : elle seule la voit.")
                % {"name": person},
            )
            return redirect(cached_reverse("organisation:person_detail", person.pk))
    return render(request, "people/suggestion_form.html", {"form": form, "person": person})


@login_required
@require_POST
def suggestion_accept(request, pk):
    suggestion = get_suggestion_for_user(request, pk)
    try:
        services.suggestion_accept(suggestion=suggestion, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("« %(name)s » est ajouté à votre parcours.") % {"name": suggestion.item.name},
        )
    return redirect("people:my_path")


@login_required
@require_POST
def suggestion_dismiss(request, pk):
    suggestion = get_suggestion_for_user(request, pk)
    try:
        services.suggestion_dismiss(suggestion=suggestion, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("La suggestion est écartée."))
    return redirect("people:my_path")
