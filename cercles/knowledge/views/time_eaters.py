"""The catalogue of time eaters ("chronophages"): the list with its filters and counts,
a time eater with its remedies and the remedies people propose, "ça me concerne",
adding and editing one, adopting a proposed remedy, archiving."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from .. import permissions, services
from ..access import get_proposal_for_user, get_time_eater_for_user
from ..forms import RemedyForm, TimeEaterForm
from ..models import TimeEater, TimeEaterCategory
from .common import data, get_and_post, service_call

TIME_EATERS_PER_PAGE = 50
MAX_QUERY = 200
SORTS = {
    "concerns": ("-concern_count", "name", "id"),
    "name": ("name", "id"),
    "recent": ("-created_at", "-id"),
}


@login_required
def time_eater_list(request):
    q = request.GET.get("q", "").strip()[:MAX_QUERY]
    category = request.GET.get("category", "")
    if category not in TimeEaterCategory.values:
        category = ""
    mine = request.GET.get("mine") == "1"
    archived = request.GET.get("archived") == "1"
    sort = request.GET.get("sort", "concerns")
    if sort not in SORTS:
        sort = "concerns"
    # Queries: the count per category (the filter's figures); the count and the page of
    # time eaters with their "ça me concerne" count, proposal count and the user's mark.
    base = TimeEater.objects.filter(archived_at__isnull=not archived)
    per_category = dict(
        base.order_by().values_list("category").annotate(n=Count("id")).values_list("category", "n")
    )
    eaters = base.with_counts(request.user).defer("remedies")
    if q:
        eaters = eaters.filter(name__icontains=q)
    if category:
        eaters = eaters.filter(category=category)
    if mine:
        eaters = eaters.filter(concerns__person=request.user)
    page = Paginator(eaters.order_by(*SORTS[sort]), TIME_EATERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "q": q,
        "category": category,
        "categories": [
            (value, label, per_category.get(value, 0)) for value, label in TimeEaterCategory.choices
        ],
        "total": sum(per_category.values()),
        "mine": mine,
        "archived": archived,
        "sort": sort,
        "sorts": [
            ("concerns", _("Les plus partagés")),
            ("name", _("Par nom")),
            ("recent", _("Les plus récents")),
        ],
        "can_create": permissions.can_create_time_eater(request.user),
    }
    template = "knowledge/time_eater_list.html"
    return render(request, f"{template}#results" if request.htmx else template, context)


def _detail_context(request, time_eater, abilities, *, remedy_form=None):
    proposals = list(time_eater.proposals.select_related("author"))
    for proposal in proposals:
        proposal.abilities = permissions.remedy_abilities(request.user, proposal, time_eater)
    return {
        "time_eater": time_eater,
        "abilities": abilities,
        "proposals": proposals,
        "remedy_form": remedy_form or RemedyForm(),
    }


@login_required
def time_eater_detail(request, slug):
    time_eater, abilities = get_time_eater_for_user(request, slug)
    # Queries: the time eater with its counts, the user's mark and its author; the
    # proposed remedies with their authors.
    return render(
        request,
        "knowledge/time_eater_detail.html",
        _detail_context(request, time_eater, abilities),
    )


@login_required
@get_and_post
def time_eater_create(request):
    if not permissions.can_create_time_eater(request.user):
        raise PermissionDenied
    form = TimeEaterForm(data(request))
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            time_eater = services.time_eater_create(by=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(
                request,
                _("« %(n)s » rejoint le catalogue des chronophages.") % {"n": time_eater.name},
            )
            return redirect(time_eater)
    return render(request, "knowledge/time_eater_form.html", {"form": form})


@login_required
@get_and_post
def time_eater_update(request, slug):
    time_eater, abilities = get_time_eater_for_user(request, slug, ability="update")
    initial = {name: getattr(time_eater, name) for name in services.TIME_EATER_FIELDS}
    form = TimeEaterForm(data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.time_eater_update(time_eater=time_eater, by=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, _("Le chronophage est enregistré."))
            return redirect(time_eater)
        time_eater.refresh_from_db()
    return render(
        request, "knowledge/time_eater_form.html", {"form": form, "time_eater": time_eater}
    )


def _concern_fragment(request, time_eater):
    if not request.htmx:
        return redirect(time_eater)
    time_eater, abilities = get_time_eater_for_user(request, time_eater.slug)
    return render(
        request,
        "knowledge/time_eater_detail.html#concern",
        {"time_eater": time_eater, "abilities": abilities},
    )


@login_required
@require_POST
def time_eater_concern(request, slug):
    time_eater, abilities = get_time_eater_for_user(request, slug)
    if not abilities["concern"]:
        raise PermissionDenied
    try:
        services.concern_add(time_eater=time_eater, person=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        if request.htmx:
            return HttpResponseClientRedirect(time_eater.get_absolute_url())
        return redirect(time_eater)
    return _concern_fragment(request, time_eater)


@login_required
@require_POST
def time_eater_unconcern(request, slug):
    time_eater, _abilities = get_time_eater_for_user(request, slug)
    services.concern_remove(time_eater=time_eater, person=request.user)
    return _concern_fragment(request, time_eater)


@login_required
@require_POST
def remedy_propose(request, slug):
    time_eater, abilities = get_time_eater_for_user(request, slug, ability="propose")
    form = RemedyForm(request.POST)
    if form.is_valid():
        with service_call(form) as call:
            proposal = services.remedy_propose(
                time_eater=time_eater, author=request.user, body=form.cleaned_data["body"]
            )
        if call.ok:
            messages.success(request, _("Merci : votre remède est proposé."))
            return redirect(time_eater.get_absolute_url() + f"#remede-{proposal.pk}")
    return render(
        request,
        "knowledge/time_eater_detail.html",
        _detail_context(request, time_eater, abilities, remedy_form=form),
    )


@login_required
@require_POST
def remedy_delete(request, pk):
    proposal, _abilities = get_proposal_for_user(request, pk, ability="delete")
    time_eater = proposal.time_eater
    services.remedy_delete(proposal=proposal, by=request.user)
    messages.success(request, _("Le remède proposé est supprimé."))
    return redirect(time_eater.get_absolute_url() + "#remedes-proposes")


@login_required
@require_POST
def remedy_adopt(request, pk):
    proposal, _abilities = get_proposal_for_user(request, pk, ability="adopt")
    time_eater = services.remedy_adopt(proposal=proposal, by=request.user)
    messages.success(request, _("Le remède est ajouté aux remèdes retenus."))
    return redirect(time_eater)


@login_required
@require_POST
def time_eater_archive(request, slug):
    time_eater, _abilities = get_time_eater_for_user(request, slug, ability="archive")
    services.time_eater_archive(time_eater=time_eater, by=request.user)
    messages.success(request, _("Le chronophage est archivé."))
    return redirect(time_eater)


@login_required
@require_POST
def time_eater_unarchive(request, slug):
    time_eater, _abilities = get_time_eater_for_user(request, slug, ability="unarchive")
    services.time_eater_unarchive(time_eater=time_eater, by=request.user)
    messages.success(request, _("Le chronophage est de nouveau au catalogue."))
    return redirect(time_eater)
