"""A proposal's life: writing it, putting it to a meeting, the steps of its process
(reactions, clarifying questions, amendments, objections, their test and integration),
and its outcome, which leaves a Decision record.

Each function is keyword-only and runs in one transaction; it locks the proposal row
(`common.locked`) before any change of state, checks who may act
(`permissions.proposal_abilities`, PermissionDenied) and what the state allows
(ValidationError with a French message), and records what happened (ProposalEvent).
Notifications leave once the transaction commits (`core.notifications.notify`).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cercles.core.notifications import notify
from cercles.meetings.models import Meeting, MeetingStatus

from .. import permissions
from ..models import (
    BLOCKING,
    TRANSITIONS,
    Decision,
    DecisionOutcome,
    EventKind,
    Objection,
    ObjectionStatus,
    Process,
    Proposal,
    ProposalKind,
    ProposalStatus,
    Question,
    Reaction,
    Step,
)
from . import governance
from .common import (
    NOTE_MAX,
    authenticated,
    changed,
    clean_text,
    event,
    latest_version,
    locked,
    require,
    snapshot_version,
)

S = ProposalStatus
PROPOSAL_FIELDS = {"title", "tension", "text", "kind", "process", "meeting", "agenda_item"}


def _status_label(status: str) -> str:
    return str(S(status).label)


def _step_label(step: str) -> str:
    return str(Step(step).label)


def _move(proposal, to: str) -> None:
    if to not in TRANSITIONS[proposal.status]:
        raise ValidationError(
            _("Une proposition « %(from)s » ne peut pas passer à « %(to)s ».")
            % {"from": _status_label(proposal.status), "to": _status_label(to)}
        )
    proposal.status = to


def _save(proposal, *fields) -> None:
    proposal.save(update_fields=[*fields, "updated_at"])
    changed()


def _check_content(proposal) -> None:
    proposal.title = clean_text(
        proposal.title,
        field="title",
        required=_("Donnez un titre à la proposition."),
        max_length=200,
    )
    proposal.tension = clean_text(
        proposal.tension,
        field="tension",
        required=_("Décrivez la tension à laquelle la proposition répond."),
    )
    proposal.text = clean_text(proposal.text, field="text", required=_("Écrivez la proposition."))
    if proposal.kind not in ProposalKind.values:
        raise ValidationError({"kind": _("Nature de proposition inconnue.")})
    if proposal.process not in Process.values:
        raise ValidationError({"process": _("Processus de décision inconnu.")})


def _check_meeting(proposal, by) -> None:
    meeting, item = proposal.meeting, proposal.agenda_item
    if item is not None and (meeting is None or item.meeting_id != meeting.pk):
        raise ValidationError(
            {"agenda_item": _("Ce point n'est pas à l'ordre du jour de la réunion.")}
        )
    if meeting is None:
        return
    if (
        meeting.circle_id != proposal.circle_id
        and not meeting.other_circles.filter(pk=proposal.circle_id).exists()
    ):
        raise ValidationError({"meeting": _("Cette réunion n'est pas une réunion du cercle.")})
    if meeting.status == MeetingStatus.CLOSED and not permissions.drives_circle(
        by, proposal.circle_id
    ):
        raise ValidationError({"meeting": _("La réunion est close.")})


def next_meeting(circle, after=None, exclude=None) -> Meeting | None:
    """The circle's next meeting not yet closed (today's included)."""
    day = timezone.localtime(after or timezone.now()).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    meetings = Meeting.objects.filter(circle=circle, starts_at__gte=day).exclude(
        status=MeetingStatus.CLOSED
    )
    if exclude is not None:
        meetings = meetings.exclude(pk=exclude.pk)
    return meetings.order_by("starts_at", "id").first()


def _drivers(proposal) -> list[int]:
    """Who facilitates the circle: to be told a proposal waits for a meeting."""
    from cercles.organisation.models import Assignment, CoreRole

    ids = list(
        Assignment.objects.current()
        .filter(
            role__circle_id=proposal.circle_id,
            role__core_role__in=(CoreRole.FACILITATOR, CoreRole.SECRETARY),
            role__archived_at__isnull=True,
        )
        .values_list("person_id", flat=True)
    )
    if proposal.meeting_id and proposal.meeting.facilitator_id:
        ids.append(proposal.meeting.facilitator_id)
    return ids


def _notify(proposal, recipients, kind, text, *, exclude=None) -> None:
    ids = {pk if isinstance(pk, int) else pk.pk for pk in recipients if pk is not None}
    if exclude is not None:
        ids.discard(exclude.pk)
    notify(ids, kind=kind, text=text, url=proposal.get_absolute_url())


# --- writing ---------------------------------------------------------------------------


@transaction.atomic
def proposal_create(
    *,
    by,
    circle,
    title,
    tension,
    text,
    kind=ProposalKind.OPERATIONAL,
    process=Process.CONSENT,
    meeting=None,
    agenda_item=None,
    submit=False,
    at=None,
) -> Proposal:
    """Write a proposal (a draft, seen by its author only), or write and submit it."""
    if circle.is_archived:
        raise ValidationError(_("Ce cercle est archivé."))
    if not permissions.can_propose(by, circle, meeting):
        raise PermissionDenied(_("Seuls les membres du cercle et les participants proposent."))
    proposal = Proposal(
        circle=circle,
        meeting=meeting,
        agenda_item=agenda_item,
        proposer=by,
        title=title,
        tension=tension,
        text=text,
        kind=kind,
        process=process,
    )
    _check_content(proposal)
    _check_meeting(proposal, by)
    proposal.full_clean()
    proposal.save()
    if at is not None:
        Proposal.objects.filter(pk=proposal.pk).update(created_at=at, updated_at=at)
    event(proposal, EventKind.CREATED, by, at=at)
    changed()
    if submit:
        proposal = proposal_submit(proposal=proposal, by=by, at=at)
    return proposal


@transaction.atomic
def proposal_update(*, proposal, by, **fields) -> Proposal:
    """The proposer edits his proposal before it is decided (a new version once it
    has been submitted)."""
    unknown = set(fields) - PROPOSAL_FIELDS
    if unknown:
        raise TypeError(f"proposal_update() got unexpected fields {sorted(unknown)}")
    proposal = locked(proposal)
    require(
        permissions.proposal_abilities(by, proposal),
        "update",
        _("Seul le porteur modifie sa proposition, avant qu'elle soit traitée."),
    )
    if fields.get("kind", proposal.kind) != ProposalKind.GOVERNANCE and proposal.changes.exists():
        raise ValidationError(
            {"kind": _("Retirez d'abord les changements de gouvernance de la proposition.")}
        )
    for key, value in fields.items():
        setattr(proposal, key, value)
    _check_content(proposal)
    _check_meeting(proposal, by)
    proposal.full_clean()
    _save(proposal, *fields)
    event(proposal, EventKind.EDITED, by)
    if proposal.status != S.DRAFT:
        snapshot_version(proposal, by=by, note=_("Modifiée avant son traitement."))
    return proposal


@transaction.atomic
def proposal_submit(*, proposal, by, at=None) -> Proposal:
    """The proposer submits his draft: it waits for a meeting (its own, if it has one)."""
    proposal = locked(proposal)
    require(
        permissions.proposal_abilities(by, proposal),
        "submit",
        _("Seul le porteur dépose sa proposition."),
    )
    governance.validate_all(proposal)
    _move(proposal, S.TO_MEETING)
    _save(proposal, "status")
    snapshot_version(proposal, by=by, at=at)
    event(proposal, EventKind.SUBMITTED, by, at=at)
    if proposal.meeting_id:
        _notify(
            proposal,
            _drivers(proposal),
            "proposal_submitted",
            _("Nouvelle proposition pour la réunion « %(m)s » : %(t)s")
            % {"m": proposal.meeting.title, "t": proposal.title},
            exclude=by,
        )
    return proposal


# --- in a meeting ----------------------------------------------------------------------


@transaction.atomic
def proposal_start(*, proposal, by, meeting=None, at=None) -> Proposal:
    """The facilitator takes up the proposal in a meeting: its presentation begins."""
    proposal = locked(proposal)
    require(
        permissions.proposal_abilities(by, proposal),
        "start",
        _("Seul le facilitateur ouvre le traitement d'une proposition."),
    )
    if meeting is not None:
        proposal.meeting = meeting
    if proposal.meeting is None:
        raise ValidationError(
            {"meeting": _("Choisissez la réunion où la proposition est traitée.")}
        )
    _check_meeting(proposal, by)
    governance.validate_all(proposal)
    _move(proposal, S.OPEN)
    proposal.step = Step.PRESENTATION
    _save(proposal, "status", "step", "meeting")
    snapshot_version(proposal, by=by, at=at)
    event(
        proposal,
        EventKind.STARTED,
        by,
        at=at,
        text=_("Réunion « %(m)s »") % {"m": proposal.meeting.title},
    )
    return proposal


@transaction.atomic
def proposal_step(*, proposal, by, to: str, at=None) -> Proposal:
    """The facilitator moves the proposal to the next step of its process."""
    proposal = locked(proposal)
    require(
        permissions.proposal_abilities(by, proposal),
        "drive",
        _("Seul le facilitateur fait avancer la proposition."),
    )
    if to not in proposal.next_steps():
        raise ValidationError(
            {
                "to": _("On ne passe pas de « %(from)s » à cette étape.")
                % {"from": _step_label(proposal.step)}
            }
        )
    objections = proposal.objections
    if to == Step.INTEGRATION and not objections.filter(status=ObjectionStatus.VALID).exists():
        raise ValidationError(
            {"to": _("Aucune objection valide à intégrer : la proposition peut être adoptée.")}
        )
    if (
        proposal.step == Step.INTEGRATION
        and objections.filter(status=ObjectionStatus.VALID).exists()
    ):
        raise ValidationError(
            {
                "to": _(
                    "Des objections valides restent à intégrer : amendez la proposition, ou "
                    "rejetez-la si elles ne peuvent pas l'être."
                )
            }
        )
    proposal.step = to
    _save(proposal, "step")
    event(proposal, EventKind.STEP, by, at=at, text=_step_label(to))
    return proposal


@transaction.atomic
def reaction_create(*, proposal, by, text, at=None) -> Reaction:
    """A participant's reaction in the reaction round (once per version)."""
    proposal = locked(proposal)
    require(
        permissions.proposal_abilities(by, proposal),
        "react",
        _("Les participants réagissent pendant le tour de réactions."),
    )
    text = clean_text(
        text, field="text", required=_("Écrivez votre réaction."), max_length=NOTE_MAX
    )
    version = latest_version(proposal)
    if Reaction.objects.filter(version=version, author=by).exists():
        raise ValidationError({"text": _("Vous avez déjà réagi à cette version.")})
    reaction = Reaction.objects.create(
        proposal=proposal, version=version, author=by, text=text, created_at=at or timezone.now()
    )
    event(proposal, EventKind.REACTION, by, at=at, text=text)
    return reaction


@transaction.atomic
def question_ask(*, proposal, by, text, at=None) -> Question:
    proposal = locked(proposal)
    require(
        permissions.proposal_abilities(by, proposal),
        "ask",
        _(
            "Les participants posent leurs questions pendant l'étape des questions de clarification."
        ),
    )
    text = clean_text(
        text, field="text", required=_("Écrivez votre question."), max_length=NOTE_MAX
    )
    question = Question.objects.create(
        proposal=proposal, author=by, text=text, created_at=at or timezone.now()
    )
    event(proposal, EventKind.QUESTION, by, at=at, text=text)
    return question


@transaction.atomic
def question_answer(*, question, by, answer, at=None) -> Question:
    """The proposer (or the facilitator) answers a clarifying question."""
    proposal = locked(question.proposal)
    require(
        permissions.proposal_abilities(by, proposal),
        "answer",
        _("Le porteur répond aux questions pendant l'étape des questions de clarification."),
    )
    answer = clean_text(
        answer, field="answer", required=_("Écrivez la réponse."), max_length=NOTE_MAX
    )
    question.answer = answer
    question.answered_by = by
    question.answered_at = at or timezone.now()
    question.save(update_fields=["answer", "answered_by", "answered_at"])
    event(proposal, EventKind.ANSWER, by, at=at, text=answer)
    return question


@transaction.atomic
def proposal_amend(
    *, proposal, by, text, title=None, note="", integrates=(), integration_note="", at=None
):
    """Amend the proposal (amend and integration steps): a new version, which may
    integrate valid objections. Back to a new objection round once none is left."""
    proposal = locked(proposal)
    require(
        permissions.proposal_abilities(by, proposal),
        "amend",
        _(
            "Le porteur et le facilitateur amendent la proposition pendant l'amendement ou l'intégration."
        ),
    )
    proposal.text = clean_text(text, field="text", required=_("Écrivez la proposition amendée."))
    if title is not None:
        proposal.title = clean_text(
            title, field="title", required=_("Donnez un titre à la proposition."), max_length=200
        )
    note = (note or "").strip()[:NOTE_MAX]
    integration_note = (integration_note or "").strip()
    objections = list(
        proposal.objections.filter(pk__in=[o.pk for o in integrates]).select_related("version")
    )
    if len(objections) != len(set(integrates)):
        raise ValidationError(
            {"integrates": _("Cette objection n'est pas celle de la proposition.")}
        )
    if any(o.status != ObjectionStatus.VALID for o in objections):
        raise ValidationError({"integrates": _("On n'intègre que des objections jugées valides.")})
    if objections and not integration_note:
        raise ValidationError(
            {"integration_note": _("Dites comment la proposition amendée intègre l'objection.")}
        )
    previous = latest_version(proposal)
    _save(proposal, "text", "title")
    version = snapshot_version(proposal, by=by, note=note or integration_note, at=at)
    if any(o.version.number >= version.number for o in objections):
        raise ValidationError(
            {
                "text": _(
                    "La proposition amendée est identique à la version objectée : modifiez-la "
                    "pour intégrer l'objection."
                )
            }
        )
    if version != previous:
        event(proposal, EventKind.AMENDED, by, at=at, text=note or integration_note)
    now = at or timezone.now()
    for objection in objections:
        objection.status = ObjectionStatus.INTEGRATED
        objection.integrated_in = version
        objection.integration_note = integration_note
        objection.closed_at = now
        objection.save(update_fields=["status", "integrated_in", "integration_note", "closed_at"])
        event(proposal, EventKind.OBJECTION_INTEGRATED, by, at=at, text=integration_note)
    if (
        objections
        and proposal.step == Step.INTEGRATION
        and not proposal.objections.filter(status=ObjectionStatus.VALID).exists()
    ):
        proposal.step = Step.OBJECTIONS
        _save(proposal, "step")
        event(proposal, EventKind.STEP, by, at=at, text=_step_label(Step.OBJECTIONS))
    return version


# --- objections ------------------------------------------------------------------------


@transaction.atomic
def objection_raise(*, proposal, by, reason, at=None) -> Objection:
    """Object to the proposal as it stands, with a reason: in the objection round, or
    during a consultation (it then goes to a meeting at the closing date)."""
    proposal = locked(proposal)
    require(
        permissions.proposal_abilities(by, proposal),
        "object",
        _("Les participants objectent pendant le tour d'objections ou la consultation."),
    )
    reason = clean_text(
        reason,
        field="reason",
        required=_("Dites en quoi la proposition ferait du tort : une objection a une raison."),
        max_length=NOTE_MAX,
    )
    objection = Objection.objects.create(
        proposal=proposal,
        version=latest_version(proposal),
        author=by,
        reason=reason,
        created_at=at or timezone.now(),
        during_consultation=proposal.status == S.ASYNC,
    )
    event(proposal, EventKind.OBJECTION, by, at=at, text=reason)
    if proposal.status == S.ASYNC:
        _notify(
            proposal,
            [proposal.proposer_id],
            "proposal_objection",
            _("Objection à votre proposition « %(t)s » : elle sera traitée en réunion.")
            % {"t": proposal.title},
            exclude=by,
        )
    return objection


@transaction.atomic
def objection_test(
    *, objection, by, harm: bool, caused: bool, known: bool, limits: bool, reason, at=None
) -> Objection:
    """The facilitator tests the objection against the four criteria, with a reason: it
    is valid when all are met, and must then be integrated."""
    proposal = locked(objection.proposal)
    abilities = permissions.objection_abilities(
        by, objection, permissions.proposal_abilities(by, proposal)
    )
    require(abilities, "test", _("Seul le facilitateur teste une objection."))
    reason = clean_text(
        reason,
        field="reason",
        required=_("Donnez le motif du test : ce que l'objecteur a répondu aux questions."),
        max_length=NOTE_MAX,
    )
    answers = {"harm": harm, "caused": caused, "known": known, "limits": limits}
    valid = all(answers.values())
    for key, value in answers.items():
        setattr(objection, key, bool(value))
    objection.status = ObjectionStatus.VALID if valid else ObjectionStatus.NOT_VALID
    objection.test_reason = reason
    objection.tested_by = by
    objection.tested_at = at or timezone.now()
    objection.closed_at = None if valid else objection.tested_at
    objection.save(
        update_fields=[
            *answers,
            "status",
            "test_reason",
            "tested_by",
            "tested_at",
            "closed_at",
        ]
    )
    verdict = _("valide") if valid else _("non valide")
    event(
        proposal,
        EventKind.OBJECTION_TESTED,
        by,
        at=at,
        text=_("Objection de %(who)s jugée %(verdict)s : %(reason)s")
        % {
            "who": objection.author.full_name if objection.author else "?",
            "verdict": verdict,
            "reason": reason,
        },
    )
    return objection


@transaction.atomic
def objection_withdraw(*, objection, by, at=None) -> Objection:
    """The objector withdraws his objection (before it is integrated)."""
    proposal = locked(objection.proposal)
    objection = Objection.objects.get(pk=objection.pk)
    abilities = permissions.objection_abilities(
        by, objection, permissions.proposal_abilities(by, proposal)
    )
    require(abilities, "withdraw", _("Seul l'objecteur retire son objection."))
    if proposal.is_final:
        raise ValidationError(_("La proposition est déjà décidée."))
    objection.status = ObjectionStatus.WITHDRAWN
    objection.closed_at = at or timezone.now()
    objection.save(update_fields=["status", "closed_at"])
    event(proposal, EventKind.OBJECTION_WITHDRAWN, by, at=at, text=objection.reason)
    return objection


# --- outcome ---------------------------------------------------------------------------


def _decide(proposal, *, outcome, by, at, reason="", asynchronous=False) -> Decision:
    version = snapshot_version(proposal, by=by, at=at)
    return Decision.objects.create(
        proposal=proposal,
        circle_id=proposal.circle_id,
        meeting_id=proposal.meeting_id,
        kind=proposal.kind,
        process=proposal.process,
        outcome=outcome,
        asynchronous=asynchronous,
        title=proposal.title,
        tension=proposal.tension,
        text=version.text,
        version=version,
        reason=reason,
        proposer_id=proposal.proposer_id,
        decided_by=authenticated(by),
        decided_at=at,
    )


def _took_part(proposal) -> set[int]:
    ids = set(proposal.objections.values_list("author_id", flat=True))
    ids |= set(proposal.reactions.values_list("author_id", flat=True))
    ids.add(proposal.proposer_id)
    ids.discard(None)
    return ids


def adopt(proposal, *, by, at, asynchronous=False, changes_at=None) -> Decision:
    """Adopt (inside the caller's transaction, the proposal locked): the decision record,
    then the governance changes applied through the organisation's services with it. By
    whom the changes are recorded: the one who stated the adoption, or the proposer
    when the circle adopted it without a meeting."""
    _move(proposal, S.ADOPTED)
    proposal.step = ""
    proposal.decided_at = at
    _save(proposal, "status", "step", "decided_at")
    decision = _decide(
        proposal, outcome=DecisionOutcome.ADOPTED, by=by, at=at, asynchronous=asynchronous
    )
    if proposal.is_governance:
        governance.apply_all(proposal, decision=decision, by=by or proposal.proposer, at=changes_at)
    event(proposal, EventKind.ADOPTED, by, at=at)
    return decision


@transaction.atomic
def proposal_adopt(*, proposal, by, at=None) -> Decision:
    """The facilitator states the adoption at the end of an objection round with no
    objection left to test or integrate."""
    proposal = locked(proposal)
    require(
        permissions.proposal_abilities(by, proposal),
        "drive",
        _("Seul le facilitateur constate l'adoption."),
    )
    if proposal.step != Step.OBJECTIONS:
        raise ValidationError(_("Une proposition s'adopte à l'issue du tour d'objections."))
    blocking = proposal.objections.filter(status__in=BLOCKING)
    if blocking.filter(status=ObjectionStatus.RAISED).exists():
        raise ValidationError(_("Des objections restent à tester."))
    if blocking.exists():
        raise ValidationError(_("Des objections valides restent à intégrer."))
    # The changes are dated `at` only when the adoption is (the demo's past meetings).
    decision = adopt(proposal, by=by, at=at or timezone.now(), changes_at=at)
    _notify(
        proposal,
        _took_part(proposal),
        "proposal_adopted",
        _("La proposition « %(t)s » est adoptée.") % {"t": proposal.title},
        exclude=by,
    )
    return decision


@transaction.atomic
def proposal_reject(*, proposal, by, reason, at=None) -> Decision:
    """The facilitator states the rejection (objections that cannot be integrated…),
    with a reason. The record is kept like an adoption's."""
    proposal = locked(proposal)
    require(
        permissions.proposal_abilities(by, proposal),
        "drive",
        _("Seul le facilitateur constate le rejet."),
    )
    reason = clean_text(
        reason, field="reason", required=_("Donnez le motif du rejet."), max_length=NOTE_MAX
    )
    now = at or timezone.now()
    _move(proposal, S.REJECTED)
    proposal.step = ""
    proposal.decided_at = now
    _save(proposal, "status", "step", "decided_at")
    decision = _decide(proposal, outcome=DecisionOutcome.REJECTED, by=by, at=now, reason=reason)
    event(proposal, EventKind.REJECTED, by, at=at, text=reason)
    _notify(
        proposal,
        _took_part(proposal),
        "proposal_rejected",
        _("La proposition « %(t)s » est rejetée.") % {"t": proposal.title},
        exclude=by,
    )
    return decision


@transaction.atomic
def proposal_withdraw(*, proposal, by, reason="", at=None) -> Proposal:
    """The proposer (or the facilitator) withdraws the proposal: no decision record."""
    proposal = locked(proposal)
    require(
        permissions.proposal_abilities(by, proposal),
        "withdraw",
        _("Seuls le porteur et le facilitateur retirent une proposition."),
    )
    reason = (reason or "").strip()[:NOTE_MAX]
    _move(proposal, S.WITHDRAWN)
    proposal.step = ""
    _save(proposal, "status", "step")
    event(proposal, EventKind.WITHDRAWN, by, at=at, text=reason)
    return proposal


@transaction.atomic
def proposal_postpone(*, proposal, by, at=None) -> Proposal:
    """Out of time: the proposal goes back to wait for the circle's next meeting (what
    was said, reacted and objected stays recorded)."""
    proposal = locked(proposal)
    require(
        permissions.proposal_abilities(by, proposal),
        "postpone",
        _("Seul le facilitateur reporte une proposition."),
    )
    _move(proposal, S.TO_MEETING)
    proposal.step = ""
    proposal.meeting = next_meeting(proposal.circle, at, exclude=proposal.meeting)
    _save(proposal, "status", "step", "meeting")
    event(
        proposal,
        EventKind.SCHEDULED,
        by,
        at=at,
        text=(
            _("Reportée à la réunion « %(m)s »") % {"m": proposal.meeting.title}
            if proposal.meeting
            else _("Reportée à une prochaine réunion")
        ),
    )
    return proposal
