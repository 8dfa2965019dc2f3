"""The conclusion: the candidate is elected, the role's assignments change through the
organisation services, with the election as their decision."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cercles.core.notifications import notify
from cercles.organisation import permissions as org_permissions
from cercles.organisation import services as org_services

from .. import permissions
from ..models import (
    Election,
    ElectionStatus,
    EventKind,
    ProposalStatus,
)
from .common import (
    _changed,
    _elector_ids,
    _event,
    _lock,
    _now,
    _open_objections,
    _require,
    _running_assignments,
    _term_data,
    _today,
    current_proposal,
    term_label,
)

# --- conclusion ----------------------------------------------------------------------


@transaction.atomic
def election_confirm(*, election: Election, by, share=None, at=None) -> Election:
    """Conclude: the candidate is elected for the term. The role's running assignment
    ends when the term starts, and the candidate's assignment is created, both through
    the organisation services with the election as their decision."""
    election = _lock(election)
    _require(by, election, "confirm", _("Seul le facilitateur de l'élection la conclut."))
    if election.status != ElectionStatus.OBJECTIONS:
        raise ValidationError(_("L'élection n'en est pas au tour d'objections."))
    proposal = current_proposal(election)
    if _open_objections(proposal).exists():
        raise ValidationError(_("Des objections restent à traiter avant de conclure."))
    if proposal.accepted_at is None:
        raise ValidationError(
            _("Le candidat n'a pas encore accepté : il répond en dernier au tour d'objections.")
        )
    share = election.share if share is None else share
    if not 0 <= share <= 100:
        raise ValidationError({"share": _("La part du temps va de 0 à 100 %.")})
    start, end = election.term_start, election.term_end
    if start < _today(at) and not by.is_admin:
        raise ValidationError(
            {
                "term_start": _(
                    "Le mandat devait commencer le %(date)s, avant aujourd'hui : proposez à "
                    "nouveau le candidat avec un mandat ajusté."
                )
                % {"date": date_format(start, "j F Y")}
            }
        )
    role = election.role
    candidate = election.candidate
    note = _("Élection au rôle « %(role)s », mandat %(term)s.") % {
        "role": role.name,
        "term": term_label(start, end),
    }
    previous_holders = []
    for running in _running_assignments(role, start):
        previous_holders.append(running.person)
        org_services.assignment_end(
            assignment=running, by=by, end_date=start, at=at, decision=election, note=note
        )
    total = org_services.person_total_share(candidate, on=start) + share
    if total > 100:
        raise ValidationError(
            {
                "share": _(
                    "%(name)s tiendrait alors %(total)s %% de son temps, plus de 100 %% : "
                    "baissez la part du temps de ce rôle, ou l'une de ses autres affectations, "
                    "avant de conclure."
                )
                % {"name": candidate.full_name, "total": total}
            }
        )
    assignment = org_services.assignment_create(
        role=role,
        person=candidate,
        by=by,
        share=share,
        start_date=start,
        end_date=end,
        at=at,
        decision=election,
        note=note,
    )
    proposal.status = ProposalStatus.ELECTED
    proposal.save(update_fields=["status"])
    election.status = ElectionStatus.ELECTED
    election.elected = candidate
    election.elected_at = _now(at)
    election.assignment = assignment
    election.share = share
    election.save(
        update_fields=["status", "elected", "elected_at", "assignment", "share", "updated_at"]
    )
    _event(
        election,
        EventKind.ELECTED,
        by=by,
        at=at,
        person=candidate,
        proposal=proposal,
        assignment=assignment.pk,
        **_term_data(election),
    )
    org_permissions.forget(by)
    permissions.forget(by)
    text = _("%(name)s est élu·e au rôle « %(role)s » (%(circle)s), mandat %(term)s.") % {
        "name": candidate.full_name,
        "role": role.name,
        "circle": election.circle.name,
        "term": term_label(start, end),
    }
    notify(
        [*_elector_ids(election, but=by), *previous_holders, candidate],
        kind="election_elected",
        text=text,
        url=election.get_absolute_url(),
    )
    _changed(election)
    return election
