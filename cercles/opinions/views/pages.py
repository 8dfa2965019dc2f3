"""Pages of consultations: a circle's consultations, launching and editing one, the
voting page (one statement at a time), moderation, and the opinion map.

Each view loads its objects through the access helpers (404 / 403) and writes through
the services. Every form is a plain form; the voting buttons also work through htmx,
which swaps the voting box in place.
"""

from contextlib import contextmanager

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cercles.organisation.access import get_circle_for_user

from .. import participation, permissions, results, services, voting
from ..access import get_consultation_for_user, get_statement_for_user
from ..forms import ConsultationForm, ModerationForm, ResumeForm, SeedForm, StatementForm
from ..models import CHOICE_NAMES, Consultation, StatementStatus

get_and_post = require_http_methods(["GET", "POST"])
PER_PAGE = 30


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


def error_text(exc) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or _("Action non autorisée.")


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


# --- a circle's consultations ----------------------------------------------------------


@login_required
def circle_consultations(request, pk):
    circle, _abilities = get_circle_for_user(request, pk)
    # Queries: session, user; the circle with its parent; the user's led circles; his
    # roles (the circles he sees); the count and the page of consultations with their
    # meeting and their numbers of statements and participants.
    consultations = (
        Consultation.objects.visible_to(request.user)
        .filter(circle=circle)
        .with_counts()
        .select_related("meeting")
    )
    page = Paginator(consultations, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "opinions/consultation_list.html",
        {
            "circle": circle,
            "page": page,
            "can_create": permissions.can_create_consultation(request.user, circle),
        },
    )


def _form_page(request, *, form, circle, consultation=None):
    return render(
        request,
        "opinions/consultation_form.html",
        {"form": form, "circle": circle, "consultation": consultation},
    )


@login_required
@get_and_post
def consultation_create(request, pk):
    circle, _abilities = get_circle_for_user(request, pk)
    if not permissions.can_create_consultation(request.user, circle):
        raise PermissionDenied
    form = ConsultationForm(
        request.POST if request.method == "POST" else None,
        circle=circle,
        # From a meeting's page: the consultation is attached to it.
        initial={"meeting": _int(request.GET.get("meeting"))},
    )
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            consultation = services.consultation_create(
                by=request.user, circle=circle, **form.values()
            )
        if call.ok:
            messages.success(
                request, _("La consultation « %(q)s » est lancée.") % {"q": consultation}
            )
            return redirect(consultation)
    return _form_page(request, form=form, circle=circle)


@login_required
@get_and_post
def consultation_update(request, pk):
    consultation, _abilities = get_consultation_for_user(request, pk, ability="update")
    initial = {name: getattr(consultation, name) for name in ConsultationForm.UPDATE_FIELDS}
    form = ConsultationForm(
        request.POST if request.method == "POST" else None,
        circle=consultation.circle,
        consultation=consultation,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.consultation_update(
                consultation=consultation, by=request.user, **form.values()
            )
        if call.ok:
            messages.success(request, _("La consultation est enregistrée."))
            return redirect(consultation)
        consultation.refresh_from_db()
    return _form_page(request, form=form, circle=consultation.circle, consultation=consultation)


@login_required
@require_POST
def consultation_close(request, pk):
    consultation, _abilities = get_consultation_for_user(request, pk, ability="close")
    services.consultation_close(consultation=consultation, by=request.user)
    messages.success(request, _("La consultation est close."))
    return redirect(consultation)


@login_required
@require_POST
def consultation_reopen(request, pk):
    consultation, _abilities = get_consultation_for_user(request, pk, ability="reopen")
    services.consultation_reopen(consultation=consultation, by=request.user)
    messages.success(request, _("La consultation est rouverte."))
    return redirect(consultation)


# --- the voting page -------------------------------------------------------------------


def _vote_context(request, consultation, abilities, **extra) -> dict:
    participant = participation.current(request, consultation)
    ballot = voting.ballot(consultation, participant, viewer_id=request.user.pk)
    key = participation.read_key(request, consultation) if consultation.anonymous else None
    return {
        "consultation": consultation,
        "abilities": abilities,
        "participant": participant,
        "ballot": ballot,
        "results_visible": permissions.results_visible(
            consultation, abilities, votes_cast=ballot.votes_cast, statement_count=ballot.total
        ),
        "resume_code": key if participant is not None else None,
        "statement_form": StatementForm(),
        "resume_form": ResumeForm(),
        "choices": (
            ("agree", _("D'accord")),
            ("disagree", _("Pas d'accord")),
            ("pass", _("Je passe")),
        ),
        "pending_count": (
            consultation.statements.filter(status=StatementStatus.PENDING).count()
            if abilities["moderate"]
            else 0
        ),
        **extra,
    }


@login_required
def consultation_detail(request, pk):
    consultation, abilities = get_consultation_for_user(request, pk)
    # Queries: session, user; the consultation with circle, meeting and author (and
    # whether the user takes part in the meeting); his roles and led circles (what he
    # sees); his participant row; the statements with his votes; for organisers, the
    # statements waiting for moderation.
    return render(
        request,
        "opinions/consultation_detail.html",
        _vote_context(request, consultation, abilities),
    )


def _vote_box(request, consultation, abilities, *, error=None, key=None):
    response = render(
        request,
        "opinions/consultation_detail.html#vote_box",
        _vote_context(request, consultation, abilities, vote_error=error),
    )
    participation.remember(response, request, consultation, key)
    return response


@login_required
@require_POST
def vote(request, pk):
    """One vote (a plain form, or htmx swapping the voting box)."""
    consultation, abilities = get_consultation_for_user(request, pk)
    statement_id = _int(request.POST.get("statement"))
    value = CHOICE_NAMES.get(request.POST.get("choice", ""))
    statement = consultation.statements.filter(pk=statement_id).first() if statement_id else None
    error, key = None, None
    if statement is None:
        error = _("Cette proposition n'est pas soumise au vote.")
    elif value is None:
        error = _("Choisissez d'accord, pas d'accord ou je passe.")
    else:
        try:
            _vote, participant, key = services.vote_as(
                consultation=consultation,
                by=request.user,
                participant=participation.current(request, consultation),
                statement=statement,
                value=value,
            )
            participation.set_current(request, consultation, participant)
        except (ValidationError, PermissionDenied) as exc:
            error = error_text(exc)
    if request.htmx:
        return _vote_box(request, consultation, abilities, error=error, key=key)
    if error:
        messages.error(request, error)
    response = redirect(consultation.get_absolute_url() + "#vote")
    participation.remember(response, request, consultation, key)
    return response


@login_required
@require_POST
def statement_create(request, pk):
    """A participant's own statement."""
    consultation, abilities = get_consultation_for_user(request, pk)
    form = StatementForm(request.POST)
    key = None
    if form.is_valid():
        try:
            with service_call(form) as call:
                statement, participant, key = services.statement_propose(
                    consultation=consultation,
                    by=request.user,
                    participant=participation.current(request, consultation),
                    text=form.cleaned_data["text"],
                )
        except PermissionDenied as exc:
            # No form to show it on (proposing is closed): the page's messages say it.
            messages.error(request, error_text(exc))
            call.ok = False
        if call.ok:
            participation.set_current(request, consultation, participant)
            if statement.status == StatementStatus.PENDING:
                messages.success(
                    request,
                    _("Votre proposition est enregistrée : elle sera publiée après modération."),
                )
            else:
                messages.success(request, _("Votre proposition est publiée."))
            response = redirect(consultation.get_absolute_url() + "#propose")
            participation.remember(response, request, consultation, key)
            return response
    context = _vote_context(request, consultation, abilities, statement_form=form)
    return render(request, "opinions/consultation_detail.html", context)


@login_required
@require_POST
def resume(request, pk):
    """Carry an anonymous participation to this browser with its resume code."""
    consultation, abilities = get_consultation_for_user(request, pk)
    form = ResumeForm(request.POST)
    if form.is_valid():
        code = form.cleaned_data["code"].strip()
        participant = (
            services.participant_find(consultation=consultation, key=code)
            if consultation.anonymous
            else None
        )
        if participant is not None:
            messages.success(request, _("Vous reprenez votre participation."))
            response = redirect(consultation.get_absolute_url() + "#vote")
            participation.remember(response, request, consultation, code)
            return response
        form.add_error("code", _("Ce code ne correspond à aucune participation."))
    context = _vote_context(request, consultation, abilities, resume_form=form)
    return render(request, "opinions/consultation_detail.html", context)


# --- moderation ------------------------------------------------------------------------


def _moderation_page(request, consultation, abilities, **extra):
    statements = list(
        consultation.statements.select_related("author", "moderated_by").order_by(
            "created_at", "id"
        )
    )
    failed_form, failed_statement = (
        extra.pop("failed_form", None),
        extra.pop("failed_statement", None),
    )
    for statement in statements:
        # The moderation form that came back with errors, shown on its statement.
        statement.failed_form = failed_form if statement.pk == failed_statement else None
    groups = {
        status: [s for s in statements if s.status == status]
        for status in (StatementStatus.PENDING, StatementStatus.ACCEPTED, StatementStatus.HIDDEN)
    }
    return render(
        request,
        "opinions/moderation.html",
        {
            "consultation": consultation,
            "abilities": abilities,
            "pending": groups[StatementStatus.PENDING],
            "published": groups[StatementStatus.ACCEPTED],
            "hidden": groups[StatementStatus.HIDDEN],
            "seed_form": extra.pop("seed_form", None) or SeedForm(),
            **extra,
        },
    )


@login_required
@get_and_post
def moderation(request, pk):
    """The organisers' page: every statement by state, publish or hide, add seeds."""
    consultation, abilities = get_consultation_for_user(request, pk, ability="moderate")
    # Queries: session, user; the consultation; the user's roles and led circles; every
    # statement with its author and moderator.
    if request.method == "POST":
        form = SeedForm(request.POST)
        if form.is_valid():
            with service_call(form) as call:
                created = services.statements_seed(
                    consultation=consultation, by=request.user, texts=form.cleaned_data["seeds"]
                )
            if call.ok:
                messages.success(
                    request,
                    _("%(n)d proposition(s) ajoutée(s).") % {"n": len(created)},
                )
                return redirect("opinions:moderation", consultation.pk)
        return _moderation_page(request, consultation, abilities, seed_form=form)
    return _moderation_page(request, consultation, abilities)


@login_required
@require_POST
def statement_moderate(request, pk):
    statement, abilities = get_statement_for_user(request, pk, ability="moderate")
    consultation = statement.consultation
    form = ModerationForm(request.POST)
    if form.is_valid():
        with service_call(form) as call:
            services.statement_moderate(
                statement=statement,
                by=request.user,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        if call.ok:
            messages.success(
                request,
                _("La proposition est publiée.")
                if statement.status == StatementStatus.ACCEPTED
                else _("La proposition est masquée."),
            )
            return redirect("opinions:moderation", consultation.pk)
        statement.refresh_from_db()
    return _moderation_page(
        request, consultation, abilities, failed_form=form, failed_statement=statement.pk
    )


# --- the map ---------------------------------------------------------------------------


@login_required
def consultation_map(request, pk):
    consultation, abilities = get_consultation_for_user(request, pk)
    # Queries: session, user; the consultation; the user's roles and led circles; his
    # participant row; the statements with his votes; the votes, when the analysis is
    # not in the cache yet (computed once per change of the votes).
    participant = participation.current(request, consultation)
    ballot = voting.ballot(consultation, participant, viewer_id=request.user.pk)
    visible = permissions.results_visible(
        consultation, abilities, votes_cast=ballot.votes_cast, statement_count=ballot.total
    )
    view = None
    if visible:
        analysis = results.analysis_for(consultation, [s.pk for s in ballot.published])
        view = results.map_view(
            consultation,
            analysis,
            ballot.published,
            me=participant.pk if participant is not None else None,
        )
    return render(
        request,
        "opinions/consultation_map.html",
        {
            "consultation": consultation,
            "abilities": abilities,
            "ballot": ballot,
            "visible": visible,
            "view": view,
        },
    )
