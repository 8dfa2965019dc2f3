"""Pages of a proposal: writing and editing it, its page (the current step and what the
reader may do), and the plain forms of each step. Each view loads its objects through
the access helpers (404 / 403) and writes through the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cercles.meetings.models import Meeting, MeetingStatus
from cercles.organisation.access import get_circle_for_user

from .. import permissions, services
from ..access import (
    get_objection_for_user,
    get_proposal_for_user,
    get_question_for_user,
)
from ..forms import (
    AmendForm,
    AnswerForm,
    ConsultForm,
    MeetingRequestForm,
    ObjectionForm,
    ObjectionTestForm,
    OutcomeForm,
    ProposalForm,
    QuestionForm,
    ReactionForm,
)
from ..models import (
    BLOCKING,
    CRITERIA,
    ChangeKind,
    MeetingRequest,
    Objection,
    ObjectionStatus,
    ProposalStatus,
    Question,
    Reaction,
    Step,
)
from ..textdiff import word_diff
from .common import data, flash_errors, forget, get_and_post, service_call

S = ProposalStatus


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# --- the proposal page -----------------------------------------------------------------


def _versions_with_diffs(versions):
    previous = None
    for version in versions:
        version.diff = word_diff(previous.text, version.text) if previous else None
        version.title_changed = previous is not None and previous.title != version.title
        previous = version
    return versions


def proposal_context(request, proposal, abilities, **forms) -> dict:
    """Everything the proposal page shows, in a constant number of queries: the
    versions, the event log, objections, reactions, questions, changes and meeting
    requests (one query each), and the meetings a facilitator may open it in."""
    user = request.user
    versions = _versions_with_diffs(list(proposal.versions.select_related("author")))
    current = versions[-1] if versions else None
    objections = list(
        Objection.objects.filter(proposal=proposal).select_related(
            "author", "tested_by", "version", "integrated_in"
        )
    )
    for objection in objections:
        objection.abilities = permissions.objection_abilities(user, objection, abilities)
    reactions = list(Reaction.objects.filter(proposal=proposal).select_related("author", "version"))
    questions = list(
        Question.objects.filter(proposal=proposal).select_related("author", "answered_by")
    )
    requests = list(MeetingRequest.objects.filter(proposal=proposal).select_related("person"))
    events = list(proposal.events.select_related("by"))
    changes = (
        [(item, services.describe(item)) for item in services.items_for_display(proposal)]
        if proposal.is_governance
        else []
    )
    blocking = [o for o in objections if o.status in BLOCKING]
    meetings = []
    if abilities["start"]:
        meetings = list(
            Meeting.objects.filter(circle_id=proposal.circle_id)
            .exclude(status=MeetingStatus.CLOSED)
            .order_by("starts_at", "id")
        )
        if proposal.meeting is not None and proposal.meeting not in meetings:
            meetings.insert(0, proposal.meeting)
    reacted = current is not None and any(
        r.author_id == user.pk and r.version_id == current.pk for r in reactions
    )
    decision = getattr(proposal, "decision", None) if proposal.is_final else None
    steps = [(step, Step(step).label) for step in proposal.steps()]
    return {
        "proposal": proposal,
        "abilities": abilities,
        "current": current,
        "versions": versions,
        "objections": objections,
        "round_objections": [o for o in objections if current and o.version_id == current.pk],
        "reactions": reactions,
        "questions": questions,
        "meeting_requests": requests,
        "asked_meeting": any(r.person_id == user.pk for r in requests),
        "events": events,
        "changes": changes,
        "blocking": blocking,
        "can_adopt": abilities["drive"] and proposal.step == Step.OBJECTIONS and not blocking,
        "has_valid": any(o.status == ObjectionStatus.VALID for o in objections),
        "meetings": meetings,
        "steps": steps,
        "step_labels": dict(steps),
        "next_steps": [(s, Step(s).label) for s in proposal.next_steps()],
        "reacted": reacted,
        "decision": decision,
        "change_kinds": ChangeKind.choices,
        "reaction_form": forms.get("reaction_form") or ReactionForm(),
        "question_form": forms.get("question_form") or QuestionForm(),
        "objection_form": forms.get("objection_form") or ObjectionForm(),
        "meeting_request_form": forms.get("meeting_request_form") or MeetingRequestForm(),
        "reject_form": _outcome_form(forms, "reject"),
        "withdraw_form": _outcome_form(forms, "withdraw"),
        "outcome_errors": _outcome_errors(forms),
        "answer_forms": {
            q.pk: (forms.get("answer_forms") or {}).get(q.pk) or AnswerForm(prefix=f"q{q.pk}")
            for q in questions
            if abilities["answer"]
        },
    }


def _outcome_form(forms: dict, action: str):
    """The reason form of `action`: the one just posted when it was that action."""
    if forms.get("outcome_action") == action and forms.get("outcome_form") is not None:
        return forms["outcome_form"]
    return OutcomeForm(auto_id=f"{action}-%s")


def _outcome_errors(forms: dict) -> list[str]:
    """Errors of an adoption or postponement (their buttons have no field)."""
    form = forms.get("outcome_form")
    if form is None or forms.get("outcome_action") in ("reject", "withdraw"):
        return []
    return [str(e) for errors in form.errors.values() for e in errors]


def _detail_page(request, proposal, abilities, status=200, **forms):
    return render(
        request,
        "decisions/proposal_detail.html",
        proposal_context(request, proposal, abilities, **forms),
        status=status,
    )


@login_required
def proposal_detail(request, pk):
    proposal, abilities = get_proposal_for_user(request, pk)
    return _detail_page(request, proposal, abilities)


def _back(proposal, anchor=""):
    return redirect(proposal.get_absolute_url() + anchor)


# --- writing ---------------------------------------------------------------------------


def _form_page(request, *, form, circle, proposal=None, meeting=None, status=200):
    return render(
        request,
        "decisions/proposal_form.html",
        {"form": form, "circle": circle, "proposal": proposal, "meeting": meeting},
        status=status,
    )


@login_required
@get_and_post
def proposal_create(request, pk):
    """Write a proposal for the circle (`?meeting=<id>`: for that meeting)."""
    circle, _abilities = get_circle_for_user(request, pk)
    meeting = None
    meeting_id = _int(request.GET.get("meeting"))
    if meeting_id:
        meeting = (
            Meeting.objects.visible_to(request.user).filter(pk=meeting_id, circle=circle).first()
        )
    if not permissions.can_propose(request.user, circle, meeting):
        raise PermissionDenied
    initial = {"meeting": meeting} if meeting else {}
    form = ProposalForm(data(request), circle=circle, current_meeting=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            proposal = services.proposal_create(
                by=request.user,
                circle=circle,
                submit=request.POST.get("action") == "submit",
                **form.values(),
            )
        if call.ok:
            if proposal.status == S.DRAFT:
                messages.success(
                    request,
                    _("Brouillon enregistré : vous seul le voyez jusqu'à ce que vous le déposiez."),
                )
            else:
                messages.success(request, _("La proposition est déposée."))
            return redirect(proposal)
    return _form_page(request, form=form, circle=circle, meeting=meeting)


@login_required
@get_and_post
def proposal_update(request, pk):
    proposal, _abilities = get_proposal_for_user(request, pk, ability="update")
    initial = {name: getattr(proposal, name) for name in ProposalForm.FIELDS}
    form = ProposalForm(
        data(request), circle=proposal.circle, current_meeting=proposal.meeting, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.proposal_update(proposal=proposal, by=request.user, **form.values())
        if call.ok:
            messages.success(request, _("La proposition est enregistrée."))
            return redirect(proposal)
        proposal.refresh_from_db()
    return _form_page(request, form=form, circle=proposal.circle, proposal=proposal)


@login_required
@require_POST
def proposal_submit(request, pk):
    proposal, _abilities = get_proposal_for_user(request, pk, ability="submit")
    with flash_errors(request) as call:
        services.proposal_submit(proposal=proposal, by=request.user)
    if call.ok:
        messages.success(request, _("La proposition est déposée : elle attend sa réunion."))
    return _back(proposal)


@login_required
@get_and_post
def proposal_consult(request, pk):
    """Put the proposal to the circle with a closing date, instead of a meeting."""
    proposal, _abilities = get_proposal_for_user(request, pk, ability="consult")
    form = ConsultForm(data(request))
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.proposal_consult(
                proposal=proposal, by=request.user, closes_at=form.cleaned_data["closes_at"]
            )
        if call.ok:
            messages.success(request, _("La proposition est soumise au cercle."))
            return _back(proposal)
    return render(request, "decisions/proposal_consult.html", {"proposal": proposal, "form": form})


# --- the steps -------------------------------------------------------------------------


@login_required
@require_POST
def proposal_start(request, pk):
    proposal, _abilities = get_proposal_for_user(request, pk, ability="start")
    meeting = None
    meeting_id = _int(request.POST.get("meeting"))
    if meeting_id:
        meeting = Meeting.objects.visible_to(request.user).filter(pk=meeting_id).first()
        if meeting is None:
            messages.error(request, _("Cette réunion n'existe pas."))
            return _back(proposal)
    with flash_errors(request) as call:
        services.proposal_start(proposal=proposal, by=request.user, meeting=meeting)
    if call.ok:
        messages.success(request, _("La proposition est ouverte : présentation."))
    return _back(proposal, "#process")


@login_required
@require_POST
def proposal_step(request, pk):
    proposal, _abilities = get_proposal_for_user(request, pk, ability="drive")
    with flash_errors(request):
        services.proposal_step(proposal=proposal, by=request.user, to=request.POST.get("to", ""))
    return _back(proposal, "#process")


@login_required
@require_POST
def proposal_react(request, pk):
    proposal, abilities = get_proposal_for_user(request, pk, ability="react")
    form = ReactionForm(request.POST)
    if form.is_valid():
        with service_call(form) as call:
            services.reaction_create(
                proposal=proposal, by=request.user, text=form.cleaned_data["text"]
            )
        if call.ok:
            return _back(proposal, "#reactions")
    return _detail_page(request, proposal, abilities, reaction_form=form)


@login_required
@require_POST
def question_create(request, pk):
    proposal, abilities = get_proposal_for_user(request, pk, ability="ask")
    form = QuestionForm(request.POST)
    if form.is_valid():
        with service_call(form) as call:
            services.question_ask(
                proposal=proposal, by=request.user, text=form.cleaned_data["text"]
            )
        if call.ok:
            return _back(proposal, "#questions")
    return _detail_page(request, proposal, abilities, question_form=form)


@login_required
@require_POST
def question_answer(request, pk):
    question, abilities = get_question_for_user(request, pk, ability="answer")
    form = AnswerForm(request.POST, prefix=f"q{question.pk}")
    if form.is_valid():
        with service_call(form) as call:
            services.question_answer(
                question=question, by=request.user, answer=form.cleaned_data["answer"]
            )
        if call.ok:
            return _back(question.proposal, "#questions")
    return _detail_page(request, question.proposal, abilities, answer_forms={question.pk: form})


@login_required
@get_and_post
def proposal_amend(request, pk):
    proposal, _abilities = get_proposal_for_user(request, pk, ability="amend")
    initial = {"title": proposal.title, "text": proposal.text}
    form = AmendForm(data(request), proposal=proposal, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        with service_call(form) as call:
            services.proposal_amend(
                proposal=proposal,
                by=request.user,
                title=values["title"],
                text=values["text"],
                note=values["note"],
                integrates=list(values["integrates"]),
                integration_note=values["integration_note"],
            )
        if call.ok:
            messages.success(request, _("La proposition amendée est enregistrée."))
            return _back(proposal, "#process")
    return render(
        request,
        "decisions/proposal_amend.html",
        {"proposal": proposal, "form": form, "changes_editable": proposal.is_governance},
    )


@login_required
@require_POST
def objection_create(request, pk):
    proposal, abilities = get_proposal_for_user(request, pk, ability="object")
    form = ObjectionForm(request.POST)
    if form.is_valid():
        with service_call(form) as call:
            services.objection_raise(
                proposal=proposal, by=request.user, reason=form.cleaned_data["reason"]
            )
        if call.ok:
            messages.success(request, _("Votre objection est enregistrée."))
            return _back(proposal, "#objections")
    return _detail_page(request, proposal, abilities, objection_form=form)


@login_required
@get_and_post
def objection_test(request, pk):
    objection, _abilities = get_objection_for_user(request, pk, ability="test")
    initial = {name: bool(getattr(objection, name)) for name, _label in CRITERIA}
    initial["reason"] = objection.test_reason
    form = ObjectionTestForm(data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.objection_test(objection=objection, by=request.user, **form.cleaned_data)
        if call.ok:
            objection.refresh_from_db(fields=["status"])
            if objection.status == ObjectionStatus.VALID:
                messages.success(request, _("Objection valide : elle doit être intégrée."))
            else:
                messages.success(request, _("Objection non valide : elle est écartée."))
            return _back(objection.proposal, "#objections")
    return render(
        request,
        "decisions/objection_test.html",
        {"objection": objection, "proposal": objection.proposal, "form": form},
    )


@login_required
@require_POST
def objection_withdraw(request, pk):
    objection, _abilities = get_objection_for_user(request, pk, ability="withdraw")
    with flash_errors(request):
        services.objection_withdraw(objection=objection, by=request.user)
    return _back(objection.proposal, "#objections")


@login_required
@require_POST
def meeting_request(request, pk):
    proposal, abilities = get_proposal_for_user(request, pk, ability="ask_meeting")
    form = MeetingRequestForm(request.POST)
    if form.is_valid():
        with service_call(form) as call:
            services.meeting_request_create(
                proposal=proposal, by=request.user, reason=form.cleaned_data["reason"]
            )
        if call.ok:
            messages.success(request, _("Votre demande de réunion est enregistrée."))
            return _back(proposal, "#consultation")
    return _detail_page(request, proposal, abilities, meeting_request_form=form)


OUTCOMES = {
    "adopt": "drive",
    "reject": "drive",
    "postpone": "postpone",
    "withdraw": "withdraw",
}


@login_required
@require_POST
def proposal_outcome(request, pk):
    """Adopt or reject (the facilitator), postpone (the facilitator), withdraw (the
    proposer or the facilitator)."""
    action = request.POST.get("action", "")
    if action not in OUTCOMES:
        proposal, _abilities = get_proposal_for_user(request, pk)
        messages.error(request, _("Action inconnue."))
        return _back(proposal)
    proposal, abilities = get_proposal_for_user(request, pk, ability=OUTCOMES[action])
    form = OutcomeForm(request.POST, auto_id=f"{action}-%s")
    if not form.is_valid():
        return _detail_page(request, proposal, abilities, outcome_form=form, outcome_action=action)
    reason = form.cleaned_data["reason"]
    with service_call(form) as call:
        if action == "adopt":
            decision = services.proposal_adopt(proposal=proposal, by=request.user)
        elif action == "reject":
            decision = services.proposal_reject(proposal=proposal, by=request.user, reason=reason)
        elif action == "postpone":
            services.proposal_postpone(proposal=proposal, by=request.user)
        else:
            services.proposal_withdraw(proposal=proposal, by=request.user, reason=reason)
    if not call.ok:
        proposal, abilities = get_proposal_for_user(request, pk)
        return _detail_page(request, proposal, abilities, outcome_form=form, outcome_action=action)
    forget(request.user)
    if action == "adopt":
        messages.success(request, _("La proposition est adoptée."))
        return redirect(decision)
    if action == "reject":
        messages.success(request, _("La proposition est rejetée."))
        return redirect(decision)
    if action == "postpone":
        messages.success(request, _("La proposition est reportée à une prochaine réunion."))
    else:
        messages.success(request, _("La proposition est retirée."))
    return _back(proposal)
