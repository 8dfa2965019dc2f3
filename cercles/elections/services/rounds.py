"""The rounds: nominations (secret until the reveal), the reveal and the change round,
the facilitator's proposal and the objection round (the candidate answers last)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cercles.core.notifications import notify
from cercles.organisation.models import CoreRole

from ..models import (
    Election,
    ElectionEvent,
    ElectionStatus,
    EventKind,
    Nomination,
    NominationChange,
    Objection,
    Proposal,
    ProposalStatus,
    Resolution,
)
from .common import (
    _changed,
    _check_candidate,
    _check_term,
    _elector_ids,
    _event,
    _lock,
    _now,
    _open_objections,
    _require,
    _term_data,
    _today,
    current_proposal,
)

# --- nominations -------------------------------------------------------------------


@transaction.atomic
def nominate(*, election: Election, by, candidate, reason="", at=None) -> Nomination:
    """Write (or, before the reveal, rewrite) one's nomination. Secret until the reveal:
    only the election's facilitator sees who nominated whom."""
    election = _lock(election)
    if election.status != ElectionStatus.NOMINATING:
        raise ValidationError(
            _("Les nominations ne sont pas ouvertes.")
            if election.status == ElectionStatus.DESCRIBED
            else _("Les nominations sont closes.")
        )
    _require(by, election, "nominate", _("Seuls les membres du cercle écrivent une nomination."))
    _check_candidate(election, candidate)
    reason = (reason or "").strip()
    nomination = Nomination.objects.filter(election=election, nominator=by).first()
    replaced = nomination is not None
    if nomination is None:
        nomination = Nomination(election=election, nominator=by)
    nomination.candidate = candidate
    nomination.reason = reason
    nomination.created_at = _now(at)
    nomination.full_clean()
    nomination.save()
    _event(
        election,
        EventKind.NOMINATED,
        by=by,
        at=at,
        person=candidate,
        note=reason,
        secret=True,
        replaced=replaced,
    )
    return nomination


@transaction.atomic
def nomination_change(*, election: Election, by, candidate, reason, at=None) -> NominationChange:
    """After the reveal, change one's nomination, saying why."""
    election = _lock(election)
    if election.status != ElectionStatus.CHANGING:
        raise ValidationError(
            _("Les nominations se changent après leur révélation, avant la proposition.")
        )
    _require(by, election, "change", _("Seuls les membres du cercle changent leur nomination."))
    nomination = Nomination.objects.filter(election=election, nominator=by).first()
    if nomination is None:
        raise ValidationError(
            _("Vous n'avez pas écrit de nomination : seuls leurs auteurs les changent.")
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Dites pourquoi vous changez votre nomination.")})
    if candidate is not None and candidate.pk == nomination.candidate_id:
        raise ValidationError(
            {"candidate": _("C'est déjà votre nomination : choisissez une autre personne.")}
        )
    _check_candidate(election, candidate)
    change = NominationChange.objects.create(
        nomination=nomination,
        previous_candidate_id=nomination.candidate_id,
        candidate=candidate,
        reason=reason,
        at=_now(at),
    )
    previous = nomination.candidate
    nomination.candidate = candidate
    nomination.save(update_fields=["candidate"])
    _event(
        election,
        EventKind.CHANGED,
        by=by,
        at=at,
        person=candidate,
        note=reason,
        previous=previous.full_name,
        previous_id=previous.pk,
    )
    return change


def tally(nominations) -> list[tuple[object, int]]:
    """(person, number of nominations) from the most nominated, ties by name."""
    counts: dict[int, list] = {}
    for nomination in nominations:
        entry = counts.setdefault(nomination.candidate_id, [nomination.candidate, 0])
        entry[1] += 1
    return sorted(
        ((person, n) for person, n in counts.values()),
        key=lambda item: (-item[1], item[0].last_name.lower(), item[0].first_name.lower()),
    )


@transaction.atomic
def election_reveal(*, election: Election, by, at=None) -> Election:
    """Reveal who nominated whom, and why; the change round opens."""
    election = _lock(election)
    _require(
        by, election, "reveal", _("Seul le facilitateur de l'élection révèle les nominations.")
    )
    if election.status != ElectionStatus.NOMINATING:
        raise ValidationError(_("Les nominations ne sont pas en cours."))
    nominations = list(election.nominations.select_related("candidate"))
    if not nominations:
        raise ValidationError(_("Personne n'a encore écrit de nomination : rien à révéler."))
    election.status = ElectionStatus.CHANGING
    election.revealed_at = _now(at)
    election.save(update_fields=["status", "revealed_at", "updated_at"])
    _event(
        election,
        EventKind.REVEALED,
        by=by,
        at=at,
        tally=[[p.full_name, n] for p, n in tally(nominations)],
    )
    notify(
        _elector_ids(election, but=by),
        kind="election_revealed",
        text=_(
            "Élection du rôle « %(role)s » (%(circle)s) : les nominations sont révélées, "
            "vous pouvez changer la vôtre."
        )
        % {"role": election.role.name, "circle": election.circle.name},
        url=election.get_absolute_url(),
    )
    _changed(election)
    return election


# --- proposal and objection round --------------------------------------------------------


@transaction.atomic
def election_propose(
    *,
    election: Election,
    by,
    candidate,
    reason,
    term_start=None,
    term_end=None,
    share=None,
    at=None,
) -> Proposal:
    """The facilitator proposes a candidate (often the most nominated) and the term; a
    new proposal replaces the one in progress, whose open objections it integrates."""
    if (
        election.role.core_role == CoreRole.FACILITATOR
        and candidate is not None
        and by is not None
        and candidate.pk == by.pk
    ):
        raise ValidationError(
            {
                "candidate": _(
                    "Vous ne pouvez pas proposer votre propre élection au rôle de facilitateur : "
                    "le premier lien du cercle (ou qui le gère) fait alors la proposition et "
                    "mène le tour d'objections."
                )
            }
        )
    election = _lock(election)
    _require(by, election, "propose", _("Seul le facilitateur de l'élection propose un candidat."))
    if election.status not in (ElectionStatus.CHANGING, ElectionStatus.OBJECTIONS):
        raise ValidationError(_("Le candidat se propose après la révélation des nominations."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Donnez la raison de cette proposition.")})
    _check_candidate(election, candidate)
    start = term_start or election.term_start
    end = term_end or election.term_end
    share = election.share if share is None else share
    term_changed = (start, end, share) != (election.term_start, election.term_end, election.share)
    if term_changed:
        _check_term(by, start, end, share, today=_today(at))
    now = _now(at)
    previous = current_proposal(election)
    if previous is not None:
        previous.status = ProposalStatus.SUPERSEDED
        previous.save(update_fields=["status"])
        for objection in previous.objections.filter(resolved_at__isnull=True):
            objection.resolution = Resolution.CANDIDATE
            objection.resolution_note = _("Intégrée par une nouvelle proposition : %(name)s.") % {
                "name": candidate.full_name
            }
            objection.resolved_by = by
            objection.resolved_at = now
            objection.save(
                update_fields=["resolution", "resolution_note", "resolved_by", "resolved_at"]
            )
    number = (previous.number if previous else election.proposals.count()) + 1
    proposal = Proposal.objects.create(
        election=election,
        number=number,
        candidate=candidate,
        reason=reason,
        proposed_by=by if (by is not None and by.is_authenticated) else None,
        proposed_at=now,
    )
    election.term_start, election.term_end, election.share = start, end, share
    election.candidate = candidate
    election.status = ElectionStatus.OBJECTIONS
    election.full_clean()
    election.save(
        update_fields=["term_start", "term_end", "share", "candidate", "status", "updated_at"]
    )
    nominations = election.nominations.filter(candidate=candidate).count()
    _event(
        election,
        EventKind.PROPOSED,
        by=by,
        at=at,
        person=candidate,
        note=reason,
        proposal=proposal,
        nominations=nominations,
        **_term_data(election),
    )
    text = _(
        "Élection du rôle « %(role)s » (%(circle)s) : %(name)s est proposé·e, le tour "
        "d'objections est ouvert."
    ) % {"role": election.role.name, "circle": election.circle.name, "name": candidate.full_name}
    notify(
        [pk for pk in _elector_ids(election, but=by) if pk != candidate.pk],
        kind="election_proposed",
        text=text,
        url=election.get_absolute_url(),
    )
    notify(
        [candidate] if candidate.pk != getattr(by, "pk", None) else [],
        kind="election_candidate",
        text=_(
            "Vous êtes proposé·e au rôle « %(role)s » (%(circle)s) : vous répondez en dernier "
            "au tour d'objections."
        )
        % {"role": election.role.name, "circle": election.circle.name},
        url=election.get_absolute_url(),
    )
    _changed(election)
    return proposal


@transaction.atomic
def election_answer(
    *, election: Election, by, objection: bool, reason="", at=None
) -> Objection | ElectionEvent | Proposal:
    """One's answer in the objection round: an objection (with its reason) or none. The
    candidate answers last: his "no objection" is his acceptance, given once no
    objection is open; an objection raised afterwards voids it."""
    election = _lock(election)
    if election.status != ElectionStatus.OBJECTIONS:
        raise ValidationError(_("Le tour d'objections n'est pas ouvert."))
    _require(
        by, election, "answer", _("Seuls les membres du cercle répondent au tour d'objections.")
    )
    proposal = current_proposal(election)
    reason = (reason or "").strip()
    if objection:
        if not reason:
            raise ValidationError(
                {
                    "reason": _(
                        "Donnez la raison de votre objection : ce que cette élection "
                        "empêcherait ou abîmerait."
                    )
                }
            )
        if _open_objections(proposal).filter(person=by).exists():
            raise ValidationError(_("Vous avez déjà une objection en cours sur cette proposition."))
        raised = Objection.objects.create(
            election=election, proposal=proposal, person=by, reason=reason, raised_at=_now(at)
        )
        if proposal.accepted_at is not None:
            proposal.accepted_at = None
            proposal.save(update_fields=["accepted_at"])
        _event(election, EventKind.OBJECTION, by=by, at=at, note=reason, proposal=proposal)
        notify(
            [election.facilitator] if election.facilitator_id != by.pk else [],
            kind="election_objection",
            text=_("Élection du rôle « %(role)s » : %(name)s soulève une objection.")
            % {"role": election.role.name, "name": by.full_name},
            url=election.get_absolute_url(),
        )
        return raised
    if by.pk == election.candidate_id:
        return _accept(election, proposal, by=by, at=at)
    now = _now(at)
    withdrawn = 0
    for mine in _open_objections(proposal).filter(person=by):
        mine.resolution = Resolution.WITHDRAWN
        mine.resolution_note = _("Retirée par son auteur.")
        mine.resolved_by = by
        mine.resolved_at = now
        mine.save(update_fields=["resolution", "resolution_note", "resolved_by", "resolved_at"])
        withdrawn += 1
    said = ElectionEvent.objects.filter(
        election=election,
        kind=EventKind.NO_OBJECTION,
        actor=by,
        proposal_number=proposal.number,
    ).first()
    if said is not None and not withdrawn:
        return said
    return _event(
        election,
        EventKind.NO_OBJECTION,
        by=by,
        at=at,
        proposal=proposal,
        withdrawn=withdrawn,
    )


def _accept(election, proposal, *, by, at) -> Proposal:
    if _open_objections(proposal).exists():
        raise ValidationError(
            _("Le candidat répond en dernier : des objections restent à traiter.")
        )
    if proposal.accepted_at is not None:
        return proposal
    proposal.accepted_at = _now(at)
    proposal.save(update_fields=["accepted_at"])
    _event(election, EventKind.ACCEPTED, by=by, at=at, person=by, proposal=proposal)
    notify(
        [election.facilitator] if election.facilitator_id != by.pk else [],
        kind="election_accepted",
        text=_("Élection du rôle « %(role)s » : %(name)s accepte, l'élection peut être conclue.")
        % {"role": election.role.name, "name": by.full_name},
        url=election.get_absolute_url(),
    )
    return proposal


@transaction.atomic
def objection_resolve(
    *,
    objection: Objection,
    by,
    resolution,
    note,
    term_start=None,
    term_end=None,
    share=None,
    at=None,
) -> Objection:
    """The facilitator tests and integrates an objection: by adjusting the term, or it
    is withdrawn, or it does not hold. (Proposing someone else integrates every open
    objection: `election_propose`.)"""
    election = objection.election
    election = _lock(election)
    _require(
        by, election, "resolve", _("Seul le facilitateur de l'élection traite les objections.")
    )
    objection.refresh_from_db()
    if election.status != ElectionStatus.OBJECTIONS:
        raise ValidationError(_("Le tour d'objections n'est pas ouvert."))
    proposal = objection.proposal
    if not objection.is_open or proposal.status != ProposalStatus.OPEN:
        raise ValidationError(_("Cette objection est déjà traitée."))
    if resolution not in (Resolution.TERM, Resolution.WITHDRAWN, Resolution.INVALID):
        raise ValidationError({"resolution": _("Choisissez comment l'objection est traitée.")})
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Dites comment l'objection a été traitée.")})
    if resolution == Resolution.TERM:
        start = term_start or election.term_start
        end = term_end or election.term_end
        share = election.share if share is None else share
        if (start, end, share) == (election.term_start, election.term_end, election.share):
            raise ValidationError(
                {"term_end": _("Le mandat ajusté doit différer du mandat proposé.")}
            )
        _check_term(by, start, end, share, today=_today(at))
        before = _term_data(election)
        election.term_start, election.term_end, election.share = start, end, share
        election.save(update_fields=["term_start", "term_end", "share", "updated_at"])
        # The candidate accepted another term: he answers again.
        if proposal.accepted_at is not None:
            proposal.accepted_at = None
            proposal.save(update_fields=["accepted_at"])
        _event(
            election,
            EventKind.TERM_ADJUSTED,
            by=by,
            at=at,
            note=note,
            proposal=proposal,
            before=before,
            after=_term_data(election),
        )
    objection.resolution = resolution
    objection.resolution_note = note
    objection.resolved_by = by
    objection.resolved_at = _now(at)
    objection.save(update_fields=["resolution", "resolution_note", "resolved_by", "resolved_at"])
    _event(
        election,
        EventKind.OBJECTION_RESOLVED,
        by=by,
        at=at,
        person=objection.person,
        note=note,
        proposal=proposal,
        resolution=resolution,
    )
    notify(
        [objection.person] if objection.person_id != by.pk else [],
        kind="election_objection_resolved",
        text=_("Élection du rôle « %(role)s » : votre objection a été traitée (%(how)s).")
        % {"role": election.role.name, "how": Resolution(resolution).label},
        url=election.get_absolute_url(),
    )
    _changed(election)
    return objection
