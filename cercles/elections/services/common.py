"""What the election steps share: the log, the lock, who may take a step, the members
and the candidates, the term's rules."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cercles.accounts.models import Person
from cercles.core import fragments
from cercles.organisation.models import Assignment, CoreRole

from .. import permissions
from ..models import (
    DEFAULT_TERM_MONTHS,
    Election,
    ElectionEvent,
    Proposal,
    ProposalStatus,
    add_months,
)

ELECTIONS = "elections"
DEFAULT = object()
MAX_TERM_MONTHS = 60
# Fields a locked election is read again with (its state may have moved meanwhile).
STATE_FIELDS = (
    "status",
    "facilitator",
    "candidate",
    "elected",
    "revealed_at",
    "term_start",
    "term_end",
    "share",
    "description",
)


def lead_link_message() -> str:
    return _(
        "Le premier lien n'est pas élu : il est nommé par le premier lien du cercle parent "
        "(ou par un administrateur). Seuls le facilitateur, le secrétaire et le second lien "
        "sont élus."
    )


# --- helpers -----------------------------------------------------------------------


def _now(at) -> datetime.datetime:
    return at or timezone.now()


def _today(at) -> datetime.date:
    return timezone.localtime(at).date() if at else timezone.localdate()


def _lock(election: Election) -> Election:
    """Lock the election's row until the transaction ends, and read its state again."""
    list(Election.objects.select_for_update().filter(pk=election.pk).values_list("pk"))
    election.refresh_from_db(fields=STATE_FIELDS)
    return election


RUNNER_STEPS = {"update", "open", "reveal", "propose", "resolve", "confirm", "cancel"}
ELECTOR_STEPS = {"nominate", "change", "answer"}


def _require(by, election: Election, ability: str, message: str) -> None:
    """Who may take the step, whatever the election's state (the state's own message
    comes from the step's checks)."""
    if ability in RUNNER_STEPS:
        allowed = permissions.runs(by, election)
    elif ability in ELECTOR_STEPS:
        allowed = permissions.is_elector(by, election) or (
            ability == "answer" and by is not None and by.pk == election.candidate_id
        )
    else:
        allowed = permissions.election_abilities(by, election)[ability]
    if not allowed:
        raise PermissionDenied(message)


def _event(election, kind, *, by, at, person=None, note="", secret=False, proposal=None, **data):
    return ElectionEvent.objects.create(
        election=election,
        kind=kind,
        actor=by if (by is not None and by.is_authenticated) else None,
        person=person,
        note=note,
        secret=secret,
        proposal_number=proposal.number if proposal is not None else None,
        at=_now(at),
        data=data,
    )


def _changed(election: Election) -> None:
    """What the pages cache about elections is stale."""
    fragments.bump(ELECTIONS)


def members(circle, on: datetime.date | None = None):
    """The circle's members: active people holding one of its live roles on that day."""
    held = (
        Assignment.objects.current(on)
        .filter(role__circle=circle, role__archived_at__isnull=True)
        .values("person_id")
    )
    return Person.objects.filter(pk__in=held, is_active=True)


def eligible_candidates(election: Election):
    """Whom the members may nominate: the circle's members; for the rep link, not the
    circle's lead link."""
    people = members(election.circle_id)
    if election.role.core_role == CoreRole.REP_LINK:
        people = people.exclude(pk__in=_lead_link_ids(election.circle_id))
    return people.order_by("last_name", "first_name", "id")


def _lead_link_ids(circle_id):
    return (
        Assignment.objects.current()
        .filter(role__circle_id=circle_id, role__core_role=CoreRole.LEAD_LINK)
        .values("person_id")
    )


def _check_candidate(election: Election, candidate, field="candidate") -> None:
    if candidate is None:
        raise ValidationError({field: _("Choisissez une personne.")})
    if not members(election.circle_id).filter(pk=candidate.pk).exists():
        raise ValidationError(
            {
                field: _(
                    "%(name)s ne tient aucun rôle dans ce cercle : seuls ses membres peuvent "
                    "être nommés."
                )
                % {"name": candidate.full_name}
            }
        )
    if (
        election.role.core_role == CoreRole.REP_LINK
        and _lead_link_ids(election.circle_id).filter(person_id=candidate.pk).exists()
    ):
        raise ValidationError(
            {field: _("Le premier lien du cercle ne peut pas en être aussi le second lien.")}
        )


def _elector_ids(election: Election, *, but=None) -> list[int]:
    ids = list(members(election.circle_id).values_list("pk", flat=True))
    return [pk for pk in ids if but is None or pk != but.pk]


def current_proposal(election: Election) -> Proposal | None:
    return election.proposals.filter(status=ProposalStatus.OPEN).select_related("candidate").first()


def _running_assignments(role, on: datetime.date):
    """The role's assignments still held on `on` (those a new term replaces)."""
    return (
        role.assignments.filter(start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=on))
        .select_related("person", "role", "role__circle")
    )


def default_term_start(role, today: datetime.date) -> datetime.date:
    """The day after the current term, when it ends later than today; else today."""
    ends = [
        a.end_date
        for a in Assignment.objects.current(today).filter(role=role).only("end_date")
        if a.end_date is not None
    ]
    return max([today, *ends])


def default_description(role) -> str:
    """The role's purpose and accountabilities, as the election page recalls them."""
    parts = []
    if role.purpose.strip():
        parts.append(role.purpose.strip())
    accountabilities = role.accountability_list()
    if accountabilities:
        parts.append(
            _("Redevabilités :") + "\n" + "\n".join(f"- {line}" for line in accountabilities)
        )
    return "\n\n".join(parts)


def term_end_for(start: datetime.date, term_end=None, term_months=None) -> datetime.date:
    """The end of a term: the date given, else `term_months` (12 by default) later."""
    if term_end is not None:
        return term_end
    months = DEFAULT_TERM_MONTHS if term_months is None else term_months
    if not 1 <= months <= MAX_TERM_MONTHS:
        raise ValidationError(
            {"term_months": _("Un mandat dure de 1 à %(n)s mois.") % {"n": MAX_TERM_MONTHS}}
        )
    return add_months(start, months)


def _check_term(by, start, end, share, *, today) -> None:
    if not 2000 <= start.year <= 2100:
        raise ValidationError({"term_start": _("Indiquez une date entre 2000 et 2100.")})
    if end <= start:
        raise ValidationError({"term_end": _("La fin du mandat doit venir après son début.")})
    if end > add_months(start, MAX_TERM_MONTHS):
        raise ValidationError(
            {"term_end": _("Un mandat dure au plus %(n)s mois.") % {"n": MAX_TERM_MONTHS}}
        )
    if not 0 <= share <= 100:
        raise ValidationError({"share": _("La part du temps va de 0 à 100 %.")})
    # Like assignments: only admins (and the demo loader) write a term in the past.
    if start < today and not (by is not None and by.is_admin):
        raise ValidationError(
            {"term_start": _("Le mandat ne peut pas commencer avant aujourd'hui.")}
        )


def _term_data(election: Election) -> dict:
    return {
        "term_start": election.term_start.isoformat(),
        "term_end": election.term_end.isoformat(),
        "share": election.share,
    }


def term_label(start: datetime.date, end: datetime.date) -> str:
    return _("du %(start)s au %(end)s (exclu)") % {
        "start": date_format(start, "j F Y"),
        "end": date_format(end, "j F Y"),
    }


def _open_objections(proposal: Proposal):
    return proposal.objections.filter(resolved_at__isnull=True)
