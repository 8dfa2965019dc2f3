"""Pages of elections: a circle's elections and elected terms, describing an election
(from the circle or from a meeting), the election page with the step in progress and
the actions the reader may take, and the pages of the facilitator's steps.

Each view loads its objects through the access helpers (404 / 403), parses the input
with a form and calls a service. A form sent with errors comes back (status 200) with
what was typed and the French message; a step the election's state forbids comes back
as a message on the election page.
"""

from contextlib import contextmanager

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cercles.organisation.access import get_circle_for_user

from . import permissions, selectors, services
from .access import get_election_for_user, get_objection_for_user
from .forms import (
    AnswerForm,
    CancelForm,
    ConfirmForm,
    ElectionForm,
    NominationForm,
    ProposalForm,
    ResolveForm,
)
from .models import (
    ELECTED_ROLES,
    Election,
    ElectionStatus,
    EventKind,
    NominationChange,
    ProposalStatus,
    add_months,
    months_between,
)

get_and_post = require_http_methods(["GET", "POST"])
ELECTIONS_PER_PAGE = 30


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


def _message_of(exc: ValidationError) -> str:
    return " ".join(exc.messages)


# --- a circle's elections ------------------------------------------------------------


@login_required
def circle_elections(request, pk):
    circle, _abilities = get_circle_for_user(request, pk)
    # Queries: the circle with its parent; the user's led circles (and the tree, if he
    # leads any); the elected roles, their holders and the elections in progress
    # (cached until the organisation or an election changes); the count and the page
    # of elections with their role, candidate and elected person.
    terms = selectors.circle_terms(circle.pk)
    elections = (
        Election.objects.visible_to(request.user)
        .filter(circle=circle)
        .select_related("role", "candidate", "elected")
    )
    page = Paginator(elections, ELECTIONS_PER_PAGE).get_page(request.GET.get("page"))
    can_create = permissions.can_create_election(
        request.user, circle, facilitator_ids=selectors.facilitator_ids(terms)
    )
    return render(
        request,
        "elections/election_list.html",
        {
            "circle": circle,
            "terms": terms,
            "page": page,
            "can_create": can_create,
            "reminder_days": selectors.reminder_days(),
        },
    )


# --- describing an election ------------------------------------------------------------


def _elected_roles(circle):
    return list(circle.roles.filter(core_role__in=ELECTED_ROLES, archived_at__isnull=True))


def _create(request, circle, meeting=None):
    from cercles.meetings.models import Meeting, MeetingStatus

    if not permissions.can_create_election(request.user, circle, meeting):
        raise PermissionDenied
    roles = _elected_roles(circle)
    meetings = None
    if meeting is None:
        meetings = list(
            Meeting.objects.filter(circle=circle)
            .exclude(status=MeetingStatus.CLOSED)
            .order_by("starts_at", "id")[:50]
        )
    today = timezone.localdate()
    initial = {"term_start": today, "term_months": 12, "share": 5}
    chosen = next((r for r in roles if r.core_role == request.GET.get("role")), None)
    if chosen is not None:
        initial["role"] = chosen.core_role
        initial["description"] = services.default_description(chosen)
        initial["term_start"] = services.default_term_start(chosen, today)
    if meeting is not None:
        # Elected during the meeting: the term starts that day at the earliest.
        initial["term_start"] = max(
            initial["term_start"], timezone.localtime(meeting.starts_at).date()
        )
    form = ElectionForm(
        _data(request), circle=circle, roles=roles, meetings=meetings, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen_meeting = meeting
        if meetings is not None and data.get("meeting"):
            chosen_meeting = next((m for m in meetings if m.pk == data["meeting"]), None)
        with service_call(form) as call:
            election = services.election_create(
                by=request.user,
                circle=circle,
                role=data["role"],
                meeting=chosen_meeting,
                description=data["description"] or None,
                term_start=data["term_start"],
                term_end=data["term_end"],
                share=data["share"],
            )
        if call.ok:
            messages.success(
                request,
                _(
                    "L'élection du rôle « %(role)s » est décrite : ouvrez les nominations quand "
                    "chacun a entendu la description."
                )
                % {"role": data["role"].name},
            )
            return redirect(election)
    return render(
        request,
        "elections/election_form.html",
        {"form": form, "circle": circle, "meeting": meeting, "election": None},
    )


@login_required
@get_and_post
def election_create(request, pk):
    circle, _abilities = get_circle_for_user(request, pk)
    return _create(request, circle)


@login_required
@get_and_post
def election_create_for_meeting(request, pk):
    from cercles.meetings.access import get_meeting_for_user

    meeting, _abilities = get_meeting_for_user(request, pk)
    return _create(request, meeting.circle, meeting)


@login_required
@get_and_post
def election_update(request, pk):
    election, _abilities = get_election_for_user(request, pk, ability="update")
    form = ElectionForm(_data(request), election=election)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_call(form) as call:
            services.election_update(
                election=election,
                by=request.user,
                description=data["description"],
                term_start=data["term_start"],
                term_end=data["term_end"],
                share=data["share"],
            )
        if call.ok:
            messages.success(request, _("L'élection est enregistrée."))
            return redirect(election)
        election.refresh_from_db()
    return render(
        request,
        "elections/election_form.html",
        {"form": form, "circle": election.circle, "meeting": None, "election": election},
    )


# --- the election page ---------------------------------------------------------------


def _nominate_form(election, data=None, initial=None):
    return NominationForm(
        data,
        people=services.eligible_candidates(election),
        change=election.status == ElectionStatus.CHANGING,
        initial=initial,
        prefix="nomination",
    )


def _event_detail(event) -> str:
    """A log line's details: the term it set, the nomination it replaced."""
    data = event.data or {}
    if event.kind == EventKind.CHANGED and data.get("previous"):
        return _("au lieu de %(name)s") % {"name": data["previous"]}
    term = data.get("after") or data
    start, end = parse_date(str(term.get("term_start"))), parse_date(str(term.get("term_end")))
    if start and end:
        return _("mandat %(term)s, %(share)s %% du temps") % {
            "term": services.term_label(start, end),
            "share": term.get("share", "—"),
        }
    return ""


def _detail_page(request, election, abilities, *, bound=None, status=200):
    """The election page; `bound` holds the forms sent with errors, shown again."""
    user = request.user
    bound = bound or {}
    # Queries (besides the election and the user's facts for the abilities): the
    # nominations with their people and their changes; the proposals; the objections;
    # the log; the members of the circle (how many may nominate, and whom).
    nominations = list(
        election.nominations.select_related("nominator", "candidate").prefetch_related(
            Prefetch(
                "changes",
                queryset=NominationChange.objects.select_related("previous_candidate", "candidate"),
            )
        )
    )
    see = abilities["see_nominations"]
    mine = next((n for n in nominations if n.nominator_id == user.pk), None)
    proposals = list(election.proposals.select_related("candidate", "proposed_by"))
    objections = list(election.objections.select_related("person", "resolved_by"))
    for proposal in proposals:
        proposal.objection_list = [o for o in objections if o.proposal_id == proposal.pk]
        proposal.open_objections = [o for o in proposal.objection_list if o.is_open]
    current = next((p for p in proposals if p.status == ProposalStatus.OPEN), None)
    events = [
        e
        for e in election.events.select_related("actor", "person")
        if not e.secret or see or e.actor_id == user.pk
    ]
    for event in events:
        event.detail = _event_detail(event)
    if current is not None:
        current.no_objection = [
            e.actor
            for e in events
            if e.kind == EventKind.NO_OBJECTION and e.proposal_number == current.number and e.actor
        ]
    elector_count = services.members(election.circle_id).count()
    my_objection = None
    if current is not None:
        my_objection = next((o for o in current.open_objections if o.person_id == user.pk), None)
    context = {
        "election": election,
        "abilities": abilities,
        "steps": election.steps(),
        "nominations": nominations if see else [],
        "nomination_count": len(nominations),
        "elector_count": elector_count,
        "tally": services.tally(nominations) if see else [],
        "secret": see and not election.is_revealed,
        "mine": mine,
        "proposals": proposals,
        "current": current,
        "my_objection": my_objection,
        "events": events,
        "is_candidate": election.candidate_id == user.pk,
        "can_change": abilities["change"] and mine is not None,
        "nominate_form": bound.get("nominate"),
        "answer_form": bound.get("answer") or AnswerForm(prefix="answer"),
        "confirm_form": bound.get("confirm")
        or ConfirmForm(initial={"share": election.share}, prefix="confirm"),
        "term_label": services.term_label(election.term_start, election.term_end),
    }
    if context["nominate_form"] is None:
        initial = None
        if mine is not None and election.status == ElectionStatus.NOMINATING:
            initial = {"candidate": mine.candidate_id, "reason": mine.reason}
        context["nominate_form"] = _nominate_form(election, initial=initial)
    return render(request, "elections/election_detail.html", context, status=status)


@login_required
def election_detail(request, pk):
    election, abilities = get_election_for_user(request, pk)
    return _detail_page(request, election, abilities)


def _step_error(request, election, exc: ValidationError):
    messages.error(request, _message_of(exc))
    return redirect(election)


@login_required
@require_POST
def election_open(request, pk):
    election, _abilities = get_election_for_user(request, pk, ability="open")
    try:
        services.election_open(election=election, by=request.user)
    except ValidationError as exc:
        return _step_error(request, election, exc)
    messages.success(
        request, _("Les nominations sont ouvertes : chacun écrit la sienne, en secret.")
    )
    return redirect(election)


@login_required
@require_POST
def election_nominate(request, pk):
    """Write one's nomination, or change it after the reveal."""
    election, abilities = get_election_for_user(request, pk)
    changing = election.status == ElectionStatus.CHANGING
    if not (abilities["change"] if changing else abilities["nominate"]):
        raise PermissionDenied
    form = _nominate_form(election, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        with service_call(form) as call:
            if changing:
                services.nomination_change(
                    election=election,
                    by=request.user,
                    candidate=data["candidate"],
                    reason=data["reason"],
                )
            else:
                services.nominate(
                    election=election,
                    by=request.user,
                    candidate=data["candidate"],
                    reason=data["reason"],
                )
        if call.ok:
            messages.success(
                request,
                _("Votre nomination est changée.")
                if changing
                else _(
                    "Votre nomination est enregistrée ; elle reste secrète jusqu'à la révélation."
                ),
            )
            return redirect(election.get_absolute_url() + "#nominations")
    election.refresh_from_db()
    return _detail_page(request, election, abilities, bound={"nominate": form})


@login_required
@require_POST
def election_reveal(request, pk):
    election, _abilities = get_election_for_user(request, pk, ability="reveal")
    try:
        services.election_reveal(election=election, by=request.user)
    except ValidationError as exc:
        return _step_error(request, election, exc)
    messages.success(
        request,
        _("Les nominations sont révélées : chacun peut changer la sienne, en disant pourquoi."),
    )
    return redirect(election.get_absolute_url() + "#nominations")


def _proposal_initial(election, tally):
    today = timezone.localdate()
    start, end = election.term_start, election.term_end
    if start < today:
        # The term keeps its length from today.
        months = months_between(start, end)
        end = add_months(today, months) if months else today + (end - start)
        start = today
    initial = {"term_start": start, "term_end": end, "share": election.share}
    if election.candidate_id:
        initial["candidate"] = election.candidate_id
    elif tally:
        initial["candidate"] = tally[0][0].pk
    return initial


@login_required
@get_and_post
def election_propose(request, pk):
    election, _abilities = get_election_for_user(request, pk, ability="propose")
    people = services.eligible_candidates(election)
    nominations = list(election.nominations.select_related("candidate"))
    tally = services.tally(nominations)
    form = ProposalForm(_data(request), people=people, initial=_proposal_initial(election, tally))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_call(form) as call:
            proposal = services.election_propose(
                election=election,
                by=request.user,
                candidate=data["candidate"],
                reason=data["reason"],
                term_start=data["term_start"],
                term_end=data["term_end"],
                share=data["share"],
            )
        if call.ok:
            messages.success(
                request,
                _(
                    "%(name)s est proposé·e : le tour d'objections est ouvert, le candidat répond en dernier."
                )
                % {"name": proposal.candidate.full_name},
            )
            return redirect(election.get_absolute_url() + "#proposal")
        election.refresh_from_db()
    return render(
        request,
        "elections/election_propose.html",
        {"form": form, "election": election, "tally": tally, "nomination_count": len(nominations)},
    )


@login_required
@require_POST
def election_answer(request, pk):
    """The objection round: "no objection", or an objection with its reason; for the
    candidate, "no objection" is his acceptance."""
    election, abilities = get_election_for_user(request, pk, ability="answer")
    form = AnswerForm(request.POST, prefix="answer")
    objection = request.POST.get("answer") == "objection"
    if form.is_valid():
        with service_call(form) as call:
            services.election_answer(
                election=election,
                by=request.user,
                objection=objection,
                reason=form.cleaned_data["reason"],
            )
        if call.ok:
            if objection:
                text = _("Votre objection est enregistrée : le facilitateur va la traiter.")
            elif election.candidate_id == request.user.pk:
                text = _("Vous acceptez : le facilitateur peut conclure l'élection.")
            else:
                text = _("C'est noté : pas d'objection.")
            messages.success(request, text)
            return redirect(election.get_absolute_url() + "#proposal")
    election.refresh_from_db()
    return _detail_page(request, election, abilities, bound={"answer": form})


@login_required
@get_and_post
def objection_resolve(request, pk):
    objection, _abilities = get_objection_for_user(request, pk, ability="resolve")
    election = objection.election
    if not objection.is_open:
        messages.info(request, _("Cette objection est déjà traitée."))
        return redirect(election.get_absolute_url() + "#proposal")
    form = ResolveForm(
        _data(request),
        initial={
            "term_start": election.term_start,
            "term_end": election.term_end,
            "share": election.share,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_call(form) as call:
            services.objection_resolve(
                objection=objection,
                by=request.user,
                resolution=data["resolution"],
                note=data["note"],
                term_start=data["term_start"],
                term_end=data["term_end"],
                share=data["share"],
            )
        if call.ok:
            messages.success(request, _("L'objection est traitée."))
            return redirect(election.get_absolute_url() + "#proposal")
        election.refresh_from_db()
    return render(
        request,
        "elections/objection_resolve.html",
        {"form": form, "objection": objection, "election": election},
    )


@login_required
@require_POST
def election_confirm(request, pk):
    election, abilities = get_election_for_user(request, pk, ability="confirm")
    form = ConfirmForm(request.POST, prefix="confirm")
    if form.is_valid():
        with service_call(form) as call:
            services.election_confirm(
                election=election, by=request.user, share=form.cleaned_data["share"]
            )
        if call.ok:
            messages.success(
                request,
                _("%(name)s est élu·e au rôle « %(role)s », mandat %(term)s.")
                % {
                    "name": election.elected.full_name,
                    "role": election.role.name,
                    "term": services.term_label(election.term_start, election.term_end),
                },
            )
            return redirect(election)
    election.refresh_from_db()
    abilities = permissions.election_abilities(request.user, election)
    return _detail_page(request, election, abilities, bound={"confirm": form})


@login_required
@get_and_post
def election_cancel(request, pk):
    election, _abilities = get_election_for_user(request, pk, ability="cancel")
    form = CancelForm(_data(request))
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.election_cancel(
                election=election, by=request.user, reason=form.cleaned_data["reason"]
            )
        if call.ok:
            messages.success(request, _("L'élection est annulée."))
            return redirect(election)
    return render(request, "elections/election_cancel.html", {"form": form, "election": election})


@login_required
@require_POST
def election_take_over(request, pk):
    election, _abilities = get_election_for_user(request, pk, ability="take_over")
    services.election_take_over(election=election, by=request.user)
    messages.success(request, _("Vous animez maintenant cette élection."))
    return redirect(election)
