"""Asynchronous decisions: a proposal put to its circle with a closing date instead of
a meeting.

The circle's members are notified. Until the closing date, any of them may object
(with a reason) or ask for the proposal to go to a meeting. At the closing date
(`consultation_close`, run by the Celery beat task `tasks.close_consultations` or
called directly; a second call does nothing) the proposal is adopted if nobody objected
or asked for a meeting — its governance changes applied — and otherwise waits for the
circle's next meeting ("à traiter en réunion"), where its objections are tested.
"""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .. import permissions
from ..models import BLOCKING, EventKind, MeetingRequest, Proposal, ProposalStatus
from . import governance
from .common import NOTE_MAX, changed, event, locked, members, require, snapshot_version
from .proposals import _drivers, _move, _notify, _save, adopt, next_meeting

S = ProposalStatus
MIN_DURATION = datetime.timedelta(hours=24)
MAX_DURATION = datetime.timedelta(days=60)
logger = logging.getLogger(__name__)


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "j F Y à H:i")


@transaction.atomic
def proposal_consult(*, proposal, by, closes_at, at=None) -> Proposal:
    """Put the proposal to the circle until `closes_at` (24 hours to 60 days ahead)."""
    proposal = locked(proposal)
    require(
        permissions.proposal_abilities(by, proposal),
        "consult",
        _("Seul le porteur soumet sa proposition au cercle."),
    )
    now = at or timezone.now()
    if closes_at is None:
        raise ValidationError({"closes_at": _("Indiquez la date de clôture.")})
    if closes_at < now + MIN_DURATION:
        raise ValidationError(
            {"closes_at": _("Laissez au cercle au moins 24 heures pour se prononcer.")}
        )
    if closes_at > now + MAX_DURATION:
        raise ValidationError({"closes_at": _("Une consultation dure au plus 60 jours.")})
    governance.validate_all(proposal)
    _move(proposal, S.ASYNC)
    proposal.closes_at = closes_at
    proposal.meeting = None
    proposal.agenda_item = None
    _save(proposal, "status", "closes_at", "meeting", "agenda_item")
    snapshot_version(proposal, by=by, at=at)
    event(
        proposal,
        EventKind.ASYNC_OPENED,
        by,
        at=at,
        text=_("Clôture le %(d)s") % {"d": _when(closes_at)},
    )
    _notify(
        proposal,
        [*members(proposal.circle), proposal.proposer_id],
        "proposal_consultation",
        _(
            "Proposition soumise au cercle %(c)s jusqu'au %(d)s : « %(t)s ». Sans objection ni "
            "demande de réunion d'ici là, elle sera adoptée."
        )
        % {"c": proposal.circle.name, "d": _when(closes_at), "t": proposal.title},
        exclude=by,
    )
    return proposal


@transaction.atomic
def meeting_request_create(*, proposal, by, reason="", at=None) -> MeetingRequest:
    """During a consultation, ask for the proposal to be discussed in a meeting."""
    proposal = locked(proposal)
    require(
        permissions.proposal_abilities(by, proposal),
        "ask_meeting",
        _("Les membres du cercle demandent une réunion pendant la consultation."),
    )
    if MeetingRequest.objects.filter(proposal=proposal, person=by).exists():
        raise ValidationError({"reason": _("Vous avez déjà demandé une réunion.")})
    reason = (reason or "").strip()[:NOTE_MAX]
    try:
        with transaction.atomic():
            request = MeetingRequest.objects.create(
                proposal=proposal, person=by, reason=reason, created_at=at or timezone.now()
            )
    except IntegrityError as exc:  # a double click that slipped past the check
        raise ValidationError({"reason": _("Vous avez déjà demandé une réunion.")}) from exc
    event(proposal, EventKind.MEETING_ASKED, by, at=at, text=reason)
    _notify(
        proposal,
        [proposal.proposer_id],
        "proposal_meeting_asked",
        _("Une réunion est demandée pour votre proposition « %(t)s ».") % {"t": proposal.title},
        exclude=by,
    )
    return request


@transaction.atomic
def consultation_close(*, proposal, at=None) -> str:
    """Close the consultation if its date has come: "adopted", "to_meeting", or "" when
    there is nothing to do (not a consultation, or not yet due)."""
    proposal = locked(proposal)
    now = at or timezone.now()
    if proposal.status != S.ASYNC or proposal.closes_at > now:
        return ""
    objections = proposal.objections.filter(status__in=BLOCKING).count()
    requests = proposal.meeting_requests.count()
    failure = ""
    if not objections and not requests:
        try:
            with transaction.atomic():
                adopt(proposal, by=None, at=proposal.closes_at, asynchronous=True)
        except ValidationError as exc:
            # The circle changed since the changes were proposed (a role renamed…):
            # the meeting will amend them.
            failure = " ".join(exc.messages)
            proposal = locked(proposal)
        else:
            event(
                proposal,
                EventKind.ASYNC_CLOSED,
                None,
                at=now,
                text=_("Ni objection ni demande de réunion : adoptée."),
            )
            _notify(
                proposal,
                [*members(proposal.circle), proposal.proposer_id],
                "proposal_adopted",
                _("Sans objection, la proposition « %(t)s » est adoptée.") % {"t": proposal.title},
            )
            return "adopted"
    _move(proposal, S.TO_MEETING)
    proposal.meeting = next_meeting(proposal.circle, now)
    _save(proposal, "status", "meeting")
    if failure:
        summary = _("Les changements n'ont pas pu être appliqués (%(e)s).") % {"e": failure}
    else:
        summary = _("%(o)s objection(s), %(r)s demande(s) de réunion.") % {
            "o": objections,
            "r": requests,
        }
    where = (
        _("À traiter à la réunion « %(m)s ».") % {"m": proposal.meeting.title}
        if proposal.meeting
        else _("À traiter à la prochaine réunion du cercle.")
    )
    event(proposal, EventKind.ASYNC_CLOSED, None, at=now, text=f"{summary} {where}")
    _notify(
        proposal,
        [proposal.proposer_id, *_drivers(proposal)],
        "proposal_to_meeting",
        _("La proposition « %(t)s » sera traitée en réunion : %(s)s")
        % {"t": proposal.title, "s": summary},
    )
    changed()
    return "to_meeting"


def close_due_consultations(*, now=None) -> dict[str, int]:
    """Close every consultation whose date has come, each in its own transaction (one
    failure does not hold the others back). Idempotent."""
    now = now or timezone.now()
    counts = {"adopted": 0, "to_meeting": 0}
    due = Proposal.objects.filter(status=S.ASYNC, closes_at__lte=now).order_by("closes_at", "pk")
    for proposal in list(due):
        try:
            outcome = consultation_close(proposal=proposal, at=now)
        except Exception:  # one broken proposal must not stop the others; logged
            logger.exception("Closing the consultation of proposal %s failed.", proposal.pk)
            continue
        if outcome:
            counts[outcome] += 1
    return counts
