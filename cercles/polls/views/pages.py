"""Pages of polls: a circle's polls, creating and editing one (for a circle or a
meeting), the poll page where one votes, its results and their CSV, and the plain
forms that open, close, conclude or delete it.

Each view loads its objects through the access helpers (404 / 403) and writes through
the services. The results are computed only for a reader who may see them
(`permissions.results_shown`): a hidden result is never in the page, not even its
counts.
"""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cercles.lib.urls import cached_reverse
from cercles.meetings.access import get_meeting_for_user
from cercles.organisation.access import get_circle_for_user
from cercles.organisation.importers import FORMULA_CHARS

from .. import permissions, services
from ..access import get_poll_for_user
from ..forms import (
    OutcomeForm,
    PollForm,
    VoteForm,
    option_formset,
    options_from_formset,
    rows_from_data,
    vote_initial,
)
from ..models import Ballot, Elector, Participation, Poll, PollStatus
from ..results import method_statement, poll_results

get_and_post = require_http_methods(["GET", "POST"])
POLLS_PER_PAGE = 30
FILTERS = ("open", "closed", "draft", "all")
ADD_ROWS = 3


def _apply_errors(form, exc: ValidationError, extra: list | None = None) -> None:
    """A service's ValidationError onto the form; errors about the options go to `extra`."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            if field == "options" and extra is not None:
                extra.extend(e for error in errors for e in error.messages)
                continue
            target = field if field in form.fields and field != NON_FIELD_ERRORS else None
            if target and form.fields[target].disabled:
                target = None
            form.add_error(target, errors)
    else:
        form.add_error(None, exc)


# --- a circle's polls ----------------------------------------------------------------


@login_required
def circle_polls(request, pk):
    circle, _abilities = get_circle_for_user(request, pk)
    user = request.user
    status = request.GET.get("status", "open")
    if status not in FILTERS:
        status = "open"
    # Queries: the circle; the user's led circles; his roles (the circles whose polls he
    # sees); the counts per state; the page's count and rows (with meetings).
    polls = Poll.objects.visible_to(user).filter(circle=circle)
    counts = polls.aggregate(
        open=Count("pk", filter=Q(status=PollStatus.OPEN)),
        closed=Count("pk", filter=Q(status=PollStatus.CLOSED)),
        draft=Count("pk", filter=Q(status=PollStatus.DRAFT)),
        all=Count("pk"),
    )
    if status != "all":
        polls = polls.filter(status=status)
    if status == "open":
        order = [F("closes_at").asc(nulls_last=True), "-created_at", "-id"]
    elif status == "closed":
        order = ["-closed_at", "-id"]
    else:
        order = ["-created_at", "-id"]
    page = Paginator(
        polls.with_mine(user).select_related("meeting").order_by(*order), POLLS_PER_PAGE
    ).get_page(request.GET.get("page"))
    for poll in page:
        poll.abilities = permissions.poll_abilities(user, poll)
    return render(
        request,
        "polls/poll_list.html",
        {
            "circle": circle,
            "page": page,
            "status": status,
            "counts": counts,
            "filters": [
                ("open", _("Ouverts")),
                ("closed", _("Clos")),
                ("draft", _("Brouillons")),
                ("all", _("Tous")),
            ],
            "can_create": permissions.can_create_poll(user, circle),
        },
    )


# --- creating and editing ------------------------------------------------------------


def _form_page(request, *, form, formset, circle, meeting=None, poll=None, option_errors=()):
    return render(
        request,
        "polls/poll_form.html",
        {
            "form": form,
            "formset": formset,
            "circle": circle,
            "meeting": meeting,
            "poll": poll,
            "option_errors": option_errors,
            "options_locked": poll is not None and poll.voter_count > 0,
        },
    )


def _initial_from(data, form_class=PollForm) -> dict:
    """The typed values as initial ones, to show the form again with more option rows
    without validating it (a ticked box is present, an unticked one absent)."""
    initial = {}
    for name, field in form_class.base_fields.items():
        if getattr(field.widget, "input_type", None) == "checkbox":
            initial[name] = name in data
        elif name in data:
            initial[name] = data.get(name)
    return initial


def _create(request, *, circle, meeting=None):
    if not permissions.can_create_poll(request.user, circle, meeting):
        raise PermissionDenied
    option_errors: list[str] = []
    if request.method == "POST" and "add_options" in request.POST:
        form = PollForm(initial=_initial_from(request.POST))
        formset = option_formset(initial=rows_from_data(request.POST), extra=ADD_ROWS)
        return _form_page(request, form=form, formset=formset, circle=circle, meeting=meeting)
    data = request.POST if request.method == "POST" else None
    form = PollForm(data)
    formset = option_formset(data)
    if data is not None and form.is_valid() & formset.is_valid():
        try:
            poll = services.poll_create(
                by=request.user,
                circle=circle,
                meeting=meeting,
                kind=form.cleaned_data["kind"],
                options=options_from_formset(formset),
                open_now=form.cleaned_data.get("open_now", False),
                **form.values(),
            )
        except ValidationError as exc:
            _apply_errors(form, exc, option_errors)
        else:
            if poll.is_open:
                messages.success(request, _("Le sondage est ouvert au vote."))
            else:
                messages.success(request, _("Le brouillon du sondage est enregistré."))
            return redirect(poll)
    return _form_page(
        request,
        form=form,
        formset=formset,
        circle=circle,
        meeting=meeting,
        option_errors=option_errors,
    )


@login_required
@get_and_post
def poll_create(request, pk):
    circle, _abilities = get_circle_for_user(request, pk)
    return _create(request, circle=circle)


@login_required
@get_and_post
def meeting_poll_create(request, pk):
    meeting, _abilities = get_meeting_for_user(request, pk)
    return _create(request, circle=meeting.circle, meeting=meeting)


@login_required
@get_and_post
def poll_update(request, pk):
    poll, _abilities = get_poll_for_user(request, pk, ability="update")
    options = list(poll.options.all())
    initial = {name: getattr(poll, name) for name in PollForm.FIELDS}
    initial["kind"] = poll.kind
    option_errors: list[str] = []
    page = {"circle": poll.circle, "meeting": poll.meeting, "poll": poll}
    if request.method == "POST" and "add_options" in request.POST:
        typed = {**initial, **_initial_from(request.POST)}
        form = PollForm(initial=typed, poll=poll)
        formset = option_formset(initial=rows_from_data(request.POST), extra=ADD_ROWS)
        return _form_page(request, form=form, formset=formset, **page)
    data = request.POST if request.method == "POST" else None
    form = PollForm(data, initial=initial, poll=poll)
    formset = option_formset(data, options=options, extra=2 if poll.has_options else 0)
    if data is not None and form.is_valid() & formset.is_valid():
        values = form.values()
        if poll.is_anonymous:
            values.pop("is_anonymous")  # locked: it stays anonymous
        if poll.voter_count:
            values = {k: values[k] for k in ("description", "closes_at")}
        try:
            services.poll_update(
                poll=poll,
                by=request.user,
                options=options_from_formset(formset)
                if poll.has_options and not poll.voter_count
                else None,
                **values,
            )
        except ValidationError as exc:
            _apply_errors(form, exc, option_errors)
        else:
            messages.success(request, _("Le sondage est enregistré."))
            return redirect(poll)
    return _form_page(request, form=form, formset=formset, option_errors=option_errors, **page)


# --- the poll page: voting -----------------------------------------------------------


@login_required
@get_and_post
def poll_detail(request, pk):
    poll, abilities = get_poll_for_user(request, pk)
    user = request.user
    # Queries: the user's roles and led circles; the poll with circle, meeting, author
    # and the user's elector and participation flags; the options; his ballot (an open
    # poll he voted in); for those who run the poll, the electors who have not voted.
    options = list(poll.options.all())
    own = None
    if abilities["change_vote"]:
        own = Ballot.objects.filter(poll=poll, person=user).only("answer", "comment").first()
    form = None
    if abilities["vote"] or abilities["change_vote"]:
        initial = vote_initial(poll, own.answer, own.comment) if own else None
        data = request.POST if request.method == "POST" else None
        form = VoteForm(data, poll=poll, options=options, initial=initial)
        if data is not None and form.is_valid():
            try:
                services.poll_vote(
                    poll=poll, person=user, answer=form.answer, comment=form.cleaned_data["comment"]
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                if own is not None:
                    messages.success(request, _("Votre vote est modifié."))
                elif poll.is_anonymous:
                    messages.success(
                        request,
                        _("Votre vote est enregistré, sans lien avec votre nom."),
                    )
                else:
                    messages.success(request, _("Votre vote est enregistré."))
                return redirect(poll)
    elif request.method == "POST":
        if not poll.is_open:
            messages.error(request, _("Le sondage n'est pas ouvert au vote."))
            return redirect(poll)
        if abilities["vote"] is False and permissions.has_voted(user, poll):
            messages.error(request, _("Vous avez déjà voté."))
            return redirect(poll)
        raise PermissionDenied
    waiting = []
    if abilities["manage"] and not poll.is_draft:
        voted = Participation.objects.filter(poll=poll).values("person_id")
        waiting = list(
            Elector.objects.filter(poll=poll)
            .exclude(person_id__in=voted)
            .select_related("person")
            .order_by("person__last_name", "person__first_name", "person_id")
        )
    return render(
        request,
        "polls/poll_detail.html",
        {
            "poll": poll,
            "abilities": abilities,
            "options": options,
            "form": form,
            "own": own,
            "voted": permissions.has_voted(user, poll),
            "elector": permissions.is_elector(user, poll),
            "method": method_statement(poll, len(options)),
            "hidden_reason": permissions.hidden_reason(user, poll),
            "waiting": waiting,
            "reminder_at": services.reminder_due_at(poll),
        },
    )


# --- results -------------------------------------------------------------------------


@login_required
def poll_results_page(request, pk):
    poll, abilities = get_poll_for_user(request, pk)
    # Queries: the user's roles and led circles; the poll; when shown, the options and
    # the ballots (with voters' names in an open poll).
    results = poll_results(poll) if abilities["results"] else None
    return render(
        request,
        "polls/poll_results.html",
        {
            "poll": poll,
            "abilities": abilities,
            "results": results,
            "method": method_statement(poll, results.option_count if results else None),
            "hidden_reason": permissions.hidden_reason(request.user, poll),
        },
    )


def _csv_cell(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_CHARS) else text


@login_required
def poll_results_csv(request, pk):
    """The results' tables, one after the other (a title line, the headers, the rows,
    a blank line). Only aggregates for an anonymous poll; an open poll's table of who
    voted what comes last."""
    poll, _abilities = get_poll_for_user(request, pk, ability="export")
    results = poll_results(poll)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_csv_cell(poll.question)])
    writer.writerow([_csv_cell(results.summary)])
    writer.writerow([])
    for table in results.tables:
        writer.writerow([_csv_cell(table.caption)])
        writer.writerow([_csv_cell(h) for h in table.headers])
        for row in table.rows:
            writer.writerow([_csv_cell(c) for c in row])
        writer.writerow([])
    if results.comments:
        writer.writerow([_("Commentaires")])
        for comment in results.comments:
            cells = [comment.tag, comment.text]
            if not poll.is_anonymous:
                cells.insert(0, comment.name)
            writer.writerow([_csv_cell(c) for c in cells])
    response = HttpResponse(
        buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="sondage-{poll.pk}-resultats.csv"'
    return response


# --- running the poll ----------------------------------------------------------------


@login_required
@require_POST
def poll_open(request, pk):
    poll, _abilities = get_poll_for_user(request, pk, ability="open")
    try:
        services.poll_open(poll=poll, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Le sondage est ouvert au vote."))
    return redirect(poll)


def _outcome_page(request, *, poll, form, closing: bool):
    return render(
        request,
        "polls/poll_outcome.html",
        {"poll": poll, "form": form, "closing": closing},
    )


@login_required
@get_and_post
def poll_close(request, pk):
    """Close by hand: the outcome statement is required."""
    poll, _abilities = get_poll_for_user(request, pk, ability="close")
    form = OutcomeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.poll_close(poll=poll, by=request.user, outcome=form.cleaned_data["outcome"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Le sondage est clos."))
            return redirect(poll)
    return _outcome_page(request, poll=poll, form=form, closing=True)


@login_required
@get_and_post
def poll_conclude(request, pk):
    """Write or rewrite the outcome of a closed poll."""
    poll, _abilities = get_poll_for_user(request, pk, ability="conclude")
    form = OutcomeForm(
        request.POST if request.method == "POST" else None, initial={"outcome": poll.outcome}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.poll_conclude(poll=poll, by=request.user, outcome=form.cleaned_data["outcome"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("La conclusion est enregistrée."))
            return redirect(poll)
    return _outcome_page(request, poll=poll, form=form, closing=False)


@login_required
@get_and_post
def poll_delete(request, pk):
    poll, _abilities = get_poll_for_user(request, pk, ability="delete")
    if request.method == "POST":
        back = (
            poll.meeting.get_absolute_url()
            if poll.meeting_id
            else cached_reverse("polls:circle_polls", poll.circle_id)
        )
        try:
            services.poll_delete(poll=poll, by=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(poll)
        messages.success(request, _("Le sondage est supprimé."))
        return redirect(back)
    return render(request, "polls/poll_confirm_delete.html", {"poll": poll})


@login_required
@require_POST
def poll_electorate(request, pk):
    poll, _abilities = get_poll_for_user(request, pk, ability="update_electorate")
    added = services.poll_electorate_update(poll=poll, by=request.user)
    if added:
        messages.success(request, _("%(n)s personne(s) ajoutée(s) aux votants.") % {"n": added})
    else:
        messages.success(request, _("Les votants sont à jour : personne à ajouter."))
    return redirect(poll.get_absolute_url() + "#electorate")
