"""Describing an election (role, term), opening its nominations, cancelling it, and
handing its facilitation over."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cercles.core.notifications import notify
from cercles.organisation.models import Assignment, CoreRole

from .. import permissions
from ..models import (
    DEFAULT_SHARE,
    ELECTED_ROLES,
    Election,
    ElectionStatus,
    EventKind,
    ProposalStatus,
)
from .common import (
    DEFAULT,
    _changed,
    _check_term,
    _elector_ids,
    _event,
    _lock,
    _now,
    _require,
    _term_data,
    _today,
    default_description,
    default_term_start,
    lead_link_message,
    term_end_for,
)

# --- describing and opening ----------------------------------------------------------


def _default_facilitator(circle, meeting, by):
    if meeting is not None and meeting.facilitator_id:
        return meeting.facilitator
    holder = (
        Assignment.objects.current()
        .filter(role__circle=circle, role__core_role=CoreRole.FACILITATOR)
        .select_related("person")
        .order_by("start_date", "id")
        .first()
    )
    if holder is not None and holder.person.is_active:
        return holder.person
    return by


def _check_meeting(circle, meeting) -> None:
    if meeting is None:
        return
    if meeting.circle_id != circle.pk and not meeting.other_circles.filter(pk=circle.pk).exists():
        raise ValidationError({"meeting": _("Cette réunion n'est pas une réunion de ce cercle.")})
    from cercles.meetings.models import MeetingStatus

    if meeting.status == MeetingStatus.CLOSED:
        raise ValidationError({"meeting": _("Cette réunion est close.")})


@transaction.atomic
def election_create(
    *,
    by,
    circle,
    role,
    meeting=None,
    description=None,
    term_start=None,
    term_end=None,
    term_months=None,
    share=DEFAULT_SHARE,
    facilitator=DEFAULT,
    at=None,
) -> Election:
    """Describe the role and the term of an election of one of the circle's elected
    roles. The term starts today by default, or when the current holder's term ends;
    it lasts `term_months` (12 by default) unless `term_end` is given."""
    if role is None or role.circle_id != circle.pk:
        raise ValidationError({"role": _("Choisissez un rôle élu de ce cercle.")})
    if role.core_role == CoreRole.LEAD_LINK:
        raise ValidationError({"role": lead_link_message()})
    if role.core_role not in ELECTED_ROLES:
        raise ValidationError(
            {"role": _("Seuls le facilitateur, le secrétaire et le second lien sont élus.")}
        )
    if circle.is_archived or role.is_archived:
        raise ValidationError({"role": _("Ce cercle ou ce rôle est archivé.")})
    _check_meeting(circle, meeting)
    if not permissions.can_create_election(by, circle, meeting):
        raise PermissionDenied(
            _("Seuls le facilitateur du cercle et son premier lien organisent une élection.")
        )
    if Election.objects.open().filter(role=role).exists():
        raise ValidationError({"role": _("Une élection de ce rôle est déjà en cours.")})
    today = _today(at)
    start = term_start or default_term_start(role, today)
    end = term_end_for(start, term_end, term_months)
    _check_term(by, start, end, share, today=today)
    election = Election(
        circle=circle,
        role=role,
        meeting=meeting,
        description=(default_description(role) if description is None else description).strip(),
        term_start=start,
        term_end=end,
        share=share,
        facilitator=_default_facilitator(circle, meeting, by)
        if facilitator is DEFAULT
        else facilitator,
        created_by=by if (by is not None and by.is_authenticated) else None,
    )
    election.full_clean()
    election.save()
    if at is not None:
        Election.objects.filter(pk=election.pk).update(created_at=at)
    _event(election, EventKind.CREATED, by=by, at=at, **_term_data(election))
    _changed(election)
    return election


@transaction.atomic
def election_update(
    *, election: Election, by, description=None, term_start=None, term_end=None, share=None, at=None
) -> Election:
    """Change the role's description or the term, before the proposal."""
    election = _lock(election)
    _require(by, election, "update", _("Seul le facilitateur de l'élection la modifie."))
    if election.status not in (
        ElectionStatus.DESCRIBED,
        ElectionStatus.NOMINATING,
        ElectionStatus.CHANGING,
    ):
        raise ValidationError(
            _("Le candidat est proposé : le mandat s'ajuste en traitant une objection.")
        )
    before = {**_term_data(election), "description": election.description}
    if description is not None:
        election.description = description.strip()
    start = term_start or election.term_start
    end = term_end or election.term_end
    share = election.share if share is None else share
    _check_term(by, start, end, share, today=_today(at))
    election.term_start, election.term_end, election.share = start, end, share
    after = {**_term_data(election), "description": election.description}
    if after == before:
        return election
    election.full_clean()
    election.save(update_fields=["description", "term_start", "term_end", "share", "updated_at"])
    _event(election, EventKind.DESCRIBED, by=by, at=at, before=before, after=after)
    _changed(election)
    return election


@transaction.atomic
def election_open(*, election: Election, by, at=None) -> Election:
    """Open the nominations: each member writes his own."""
    election = _lock(election)
    _require(by, election, "open", _("Seul le facilitateur de l'élection ouvre les nominations."))
    if election.status != ElectionStatus.DESCRIBED:
        raise ValidationError(_("Les nominations sont déjà ouvertes."))
    election.status = ElectionStatus.NOMINATING
    election.save(update_fields=["status", "updated_at"])
    _event(election, EventKind.NOMINATIONS_OPENED, by=by, at=at)
    notify(
        _elector_ids(election, but=by),
        kind="election_nominations",
        text=_(
            "Élection du rôle « %(role)s » (%(circle)s) : écrivez votre nomination, "
            "secrète jusqu'à la révélation."
        )
        % {"role": election.role.name, "circle": election.circle.name},
        url=election.get_absolute_url(),
    )
    _changed(election)
    return election


@transaction.atomic
def election_cancel(*, election: Election, by, reason, at=None) -> Election:
    election = _lock(election)
    _require(by, election, "cancel", _("Seul le facilitateur de l'élection l'annule."))
    if not election.is_open:
        raise ValidationError(_("Cette élection est déjà close."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Dites pourquoi l'élection est annulée.")})
    election.proposals.filter(status=ProposalStatus.OPEN).update(status=ProposalStatus.CANCELLED)
    election.status = ElectionStatus.CANCELLED
    election.cancelled_at = _now(at)
    election.cancel_reason = reason
    election.save(update_fields=["status", "cancelled_at", "cancel_reason", "updated_at"])
    _event(election, EventKind.CANCELLED, by=by, at=at, note=reason)
    _changed(election)
    return election


@transaction.atomic
def election_take_over(*, election: Election, by, at=None) -> Election:
    """Whoever manages the circle takes the facilitation over (the facilitator is away,
    or is the candidate of his own role's election)."""
    election = _lock(election)
    _require(
        by,
        election,
        "take_over",
        _("Seul le premier lien du cercle (ou qui le gère) reprend l'animation."),
    )
    previous = election.facilitator
    election.facilitator = by
    election.save(update_fields=["facilitator", "updated_at"])
    _event(
        election,
        EventKind.FACILITATOR_CHANGED,
        by=by,
        at=at,
        person=by,
        previous=previous.full_name if previous else "",
    )
    _changed(election)
    return election
