"""Coaching pages: my coaching, my requests, the pool of coaches and my coach profile,
a match (accept, decline, close), and the coordinator's dashboard and rounds."""

from contextlib import contextmanager

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import permissions, services
from .access import get_match_for_user, get_request_for_user, get_round_for_user
from .forms import CloseForm, CoachForm, DeclineForm, ReplaceForm, RequestForm
from .models import (
    SHOWN_TO_PAIR,
    Coach,
    CoachingRequest,
    Format,
    Match,
    MatchingRound,
    MatchStatus,
    RequestStatus,
)

get_and_post = require_http_methods(["GET", "POST"])


@contextmanager
def service_call(form):
    """Run a service; its ValidationError goes onto the form and `call.ok` turns False."""

    class Call:
        ok = True

    call = Call()
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


def _error_redirect(request, exc, to):
    for message in exc.messages:
        messages.error(request, message)
    return redirect(to)


# --- the person's pages --------------------------------------------------------------


@login_required
def home(request):
    user = request.user
    # Queries: his coach profile; his matches (as requester or coach) with both people;
    # his requests still waiting; the coordinator function (one, cached on the user).
    coach = Coach.objects.filter(person=user).first()
    # Only what the pair is shown, even to a coordinator who is one of them (no draft,
    # no dropped proposal).
    matches = list(
        Match.objects.visible_to(user)
        .filter(Q(request__requester=user) | Q(coach__person=user), status__in=SHOWN_TO_PAIR)
        .with_people()
        .order_by("-id")
    )
    waiting = list(
        CoachingRequest.objects.mine(user)
        .filter(status=RequestStatus.OPEN)
        .order_by("-created_at", "-id")
    )
    for match in matches:
        match.i_am_coach = match.coach.person_id == user.pk
        match.abilities = permissions.match_abilities(user, match)
    return render(
        request,
        "coaching/home.html",
        {
            "coach": coach,
            "matches": matches,
            "waiting": waiting,
            "can_coordinate": permissions.can_coordinate(user),
        },
    )


@login_required
def request_list(request):
    # Queries: his requests.
    requests = list(CoachingRequest.objects.mine(request.user).order_by("-created_at", "-id"))
    return render(request, "coaching/request_list.html", {"requests": requests})


@login_required
@get_and_post
def request_create(request):
    if not permissions.can_request(request.user):
        raise PermissionDenied
    form = RequestForm(_data(request), initial={"site": request.user.site})
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            created = services.request_create(by=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(
                request,
                _(
                    "Votre demande est enregistrée : la coordination vous proposera un accompagnant."
                ),
            )
            return redirect(created)
    return render(request, "coaching/request_form.html", {"form": form})


@login_required
def request_detail(request, pk):
    coaching_request, abilities = get_request_for_user(request, pk)
    # Queries: the request with its requester, its competencies; its matches the user sees.
    matches = list(
        Match.objects.visible_to(request.user)
        .filter(request=coaching_request)
        .select_related("coach__person")
        .order_by("-id")
    )
    return render(
        request,
        "coaching/request_detail.html",
        {"coaching_request": coaching_request, "abilities": abilities, "matches": matches},
    )


@login_required
@require_POST
def request_withdraw(request, pk):
    coaching_request, _abilities = get_request_for_user(request, pk, ability="withdraw")
    try:
        services.request_withdraw(request=coaching_request, by=request.user)
    except ValidationError as exc:
        return _error_redirect(request, exc, coaching_request)
    messages.success(request, _("Votre demande est retirée."))
    return redirect("coaching:request_list")


# --- coaches -------------------------------------------------------------------------


@login_required
def coach_list(request):
    fmt = request.GET.get("format", "")
    if fmt not in Format.values:
        fmt = ""
    # Queries: the coaches with their person; their competencies.
    coaches = (
        Coach.objects.visible_to(request.user)
        .active()
        .select_related("person")
        .prefetch_related("competencies")
    )
    coaches = list(coaches)
    if fmt:  # JSON containment is not portable to SQLite: filter the list here
        coaches = [c for c in coaches if fmt in c.formats]
    return render(
        request,
        "coaching/coach_list.html",
        {"coaches": coaches, "format": fmt, "formats": Format.choices},
    )


@login_required
@get_and_post
def coach_edit(request):
    if not permissions.can_register_coach(request.user):
        raise PermissionDenied
    coach = Coach.objects.filter(person=request.user).prefetch_related("competencies").first()
    if coach:
        initial = {name: getattr(coach, name) for name in services.COACH_FIELDS}
        initial["competencies"] = list(coach.competencies.all())
    else:
        initial = {"site": request.user.site, "capacity": 1, "remote_ok": True, "active": True}
    form = CoachForm(_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.coach_save(person=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(
                request,
                _("Votre profil de développeur de talents est enregistré.")
                if coach
                else _("Merci : vous rejoignez les développeurs de talents."),
            )
            return redirect("coaching:coach_list")
    return render(request, "coaching/coach_form.html", {"form": form, "coach": coach})


# --- a match -------------------------------------------------------------------------


def _match_page(request, match, abilities, *, decline_form=None, close_form=None, status=200):
    return render(
        request,
        "coaching/match_detail.html",
        {
            "match": match,
            "abilities": abilities,
            "i_am_coach": match.coach.person_id == request.user.pk,
            "decline_form": decline_form or DeclineForm(),
            "close_form": close_form or CloseForm(),
        },
        status=status,
    )


@login_required
def match_detail(request, pk):
    # Queries: the match with its round, request, requester, coach and coach's person.
    match, abilities = get_match_for_user(request, pk)
    return _match_page(request, match, abilities)


@login_required
@require_POST
def match_accept(request, pk):
    match, _abilities = get_match_for_user(request, pk, ability="accept")
    try:
        match = services.match_accept(match=match, by=request.user)
    except ValidationError as exc:
        return _error_redirect(request, exc, match)
    if match.status == MatchStatus.ACTIVE:
        messages.success(request, _("Vous avez accepté tous les deux : l'accompagnement commence."))
    else:
        messages.success(request, _("Vous avez accepté. Reste la réponse de l'autre personne."))
    return redirect(match)


@login_required
@require_POST
def match_decline(request, pk):
    match, abilities = get_match_for_user(request, pk, ability="decline")
    form = DeclineForm(request.POST)
    if form.is_valid():
        with service_call(form) as call:
            services.match_decline(match=match, by=request.user, reason=form.cleaned_data["reason"])
        if call.ok:
            messages.success(request, _("Vous avez décliné la proposition."))
            return redirect("coaching:home")
    return _match_page(request, match, abilities, decline_form=form, status=400)


@login_required
@require_POST
def match_close(request, pk):
    match, abilities = get_match_for_user(request, pk, ability="close")
    form = CloseForm(request.POST)
    if form.is_valid():
        with service_call(form) as call:
            services.match_close(
                match=match, by=request.user, feedback=form.cleaned_data["feedback"]
            )
        if call.ok:
            messages.success(request, _("L'accompagnement est terminé. Merci !"))
            return redirect(match)
    return _match_page(request, match, abilities, close_form=form, status=400)


@login_required
@require_POST
def match_drop(request, pk):
    match, _abilities = get_match_for_user(request, pk, ability="drop")
    try:
        services.match_drop(match=match, by=request.user)
    except ValidationError as exc:
        return _error_redirect(request, exc, match.round)
    messages.success(request, _("La proposition est écartée."))
    return redirect(match.round)


@login_required
@require_POST
def match_replace(request, pk):
    match, _abilities = get_match_for_user(request, pk, ability="replace")
    form = ReplaceForm(request.POST)
    if form.is_valid():
        with service_call(form) as call:
            services.match_replace(match=match, coach=form.cleaned_data["coach"], by=request.user)
        if call.ok:
            messages.success(request, _("L'accompagnant proposé est changé."))
            return redirect(match.round)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect(match.round)


# --- coordination --------------------------------------------------------------------


@login_required
def coordination(request):
    if not permissions.can_coordinate(request.user):
        raise PermissionDenied
    # Queries: the coordinator function (cached); the open requests with their
    # requester; the rounds with their proposal counts; the matches counted by status;
    # the declined matches with their people; the active coaches counted.
    open_requests = list(
        CoachingRequest.objects.filter(status=RequestStatus.OPEN)
        .select_related("requester")
        .order_by("created_at", "id")
    )
    rounds = list(
        MatchingRound.objects.annotate(
            proposals=Count("matches"),
            published=Count("matches", filter=~Q(matches__status=MatchStatus.DROPPED)),
        ).order_by("-created_at", "-id")[:10]
    )
    counts = dict(
        Match.objects.order_by()
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    declined = list(
        Match.objects.filter(status=MatchStatus.DECLINED)
        .with_people()
        .select_related("declined_by")
        .order_by("-id")[:10]
    )
    return render(
        request,
        "coaching/coordination.html",
        {
            "open_requests": open_requests,
            "rounds": rounds,
            "counts": {
                "active": counts.get(MatchStatus.ACTIVE, 0),
                "published": counts.get(MatchStatus.PUBLISHED, 0),
                "closed": counts.get(MatchStatus.CLOSED, 0),
            },
            "declined": declined,
            "coach_count": Coach.objects.active().count(),
        },
    )


@login_required
@require_POST
def round_run(request):
    if not permissions.can_coordinate(request.user):
        raise PermissionDenied
    matching_round = services.round_run(by=request.user)
    messages.success(
        request,
        _("Tour calculé : %(n)s proposition(s) pour %(r)s demande(s).")
        % {"n": matching_round.matches.count(), "r": matching_round.request_count},
    )
    return redirect(matching_round)


@login_required
def round_detail(request, pk):
    matching_round, abilities = get_round_for_user(request, pk)
    # Queries: the coordinator function; the round; its proposals with both people;
    # for the alternatives, the engine's loader (constant, see matching.load) and the
    # coaches' names.
    matches = list(matching_round.matches.with_people().order_by("-score", "id"))
    review = services.round_review(matching_round, matches) if abilities["publish"] else {}
    for match in matches:
        match.abilities = permissions.match_abilities(request.user, match)
        match.alternatives = review.get(match.pk, [])
    unmatched = []
    if abilities["publish"]:
        in_round = {m.request_id for m in matches if m.status == MatchStatus.PROPOSED}
        unmatched = list(
            CoachingRequest.objects.filter(status=RequestStatus.OPEN)
            .exclude(pk__in=in_round)
            .select_related("requester")
            .order_by("created_at", "id")
        )
    return render(
        request,
        "coaching/round_detail.html",
        {
            "round": matching_round,
            "abilities": abilities,
            "matches": matches,
            "unmatched": unmatched,
        },
    )


@login_required
@require_POST
def round_publish(request, pk):
    matching_round, _abilities = get_round_for_user(request, pk, ability="publish")
    try:
        services.round_publish(matching_round=matching_round, by=request.user)
    except ValidationError as exc:
        return _error_redirect(request, exc, matching_round)
    messages.success(request, _("Le tour est publié : chaque binôme est invité à accepter."))
    return redirect(reverse("coaching:coordination"))
