"""Every write of the coaching module: coach profiles, requests, matching rounds,
proposals and the relationships they become."""

import dataclasses
import time

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from cercles.core.notifications import notify
from cercles.people.functions import holders, is_coaching_coordinator
from cercles.people.models import Function

from . import matching
from .models import (
    Coach,
    CoachingRequest,
    Format,
    HalfDay,
    Match,
    MatchingRound,
    MatchStatus,
    PreviousCoach,
    RequestStatus,
)

MAX_CAPACITY = 10
COACH_FIELDS = (
    "offer",
    "formats",
    "capacity",
    "half_days",
    "availability_note",
    "site",
    "remote_ok",
    "active",
)
REQUEST_FIELDS = (
    "need",
    "format",
    "half_days",
    "availability_note",
    "site",
    "remote_ok",
    "allow_circle",
    "allow_line",
    "previous_coach",
)


def _check_coordinator(by) -> None:
    if not is_coaching_coordinator(by):
        raise PermissionDenied(_("Réservé à la coordination du coaching."))


def _clean_choices(values, allowed, field: str) -> list[str]:
    values = list(dict.fromkeys(values or []))
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ValidationError({field: _("Valeur inconnue : %(v)s.") % {"v": ", ".join(unknown)}})
    return [v for v in allowed if v in values]  # in the canonical order


# --- coaches -------------------------------------------------------------------------


@transaction.atomic
def coach_save(*, person, competencies=(), **fields) -> Coach:
    """Register `person` as a coach, or update his profile (he is the only writer)."""
    if not person.is_active:
        raise ValidationError(_("Cette personne n'est plus active."))
    unknown = set(fields) - set(COACH_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {unknown}")
    coach = Coach.objects.filter(person=person).first()
    if coach is None:
        coach = Coach(person=person, site=person.site)
    for name, value in fields.items():
        setattr(coach, name, value)
    coach.formats = _clean_choices(coach.formats, Format.values, "formats")
    coach.half_days = _clean_choices(coach.half_days, HalfDay.values, "half_days")
    if not coach.formats:
        raise ValidationError({"formats": _("Choisissez au moins un format.")})
    if not 1 <= (coach.capacity or 0) <= MAX_CAPACITY:
        raise ValidationError(
            {"capacity": _("Entre 1 et %(n)s personnes à la fois.") % {"n": MAX_CAPACITY}}
        )
    coach.full_clean(exclude=["person"])
    coach.save()
    coach.competencies.set(competencies)
    return coach


# --- requests ------------------------------------------------------------------------


@transaction.atomic
def request_create(*, by, need, competencies=(), **fields) -> CoachingRequest:
    unknown = set(fields) - set(REQUEST_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {unknown}")
    if not by.is_active:
        raise ValidationError(_("Cette personne n'est plus active."))
    need = (need or "").strip()
    if not need:
        raise ValidationError({"need": _("Décrivez votre besoin en quelques mots.")})
    # One waiting request a person: two would let a round give him the same coach twice
    # (the assignment counts places, not pairs). Locking his row serialises double posts.
    get_user_model().objects.select_for_update().filter(pk=by.pk).exists()
    if CoachingRequest.objects.filter(
        requester=by, status__in=(RequestStatus.OPEN, RequestStatus.PROPOSED)
    ).exists():
        raise ValidationError(
            _(
                "Vous avez déjà une demande en attente : complétez-la ou retirez-la "
                "avant d'en faire une autre."
            )
        )
    fields.setdefault("site", by.site)
    request = CoachingRequest(requester=by, need=need, **fields)
    request.half_days = _clean_choices(request.half_days, HalfDay.values, "half_days")
    if request.previous_coach not in PreviousCoach.values:
        raise ValidationError({"previous_coach": _("Valeur inconnue.")})
    request.full_clean(exclude=["requester"])
    request.save()
    request.competencies.set(competencies)
    notify(
        holders(Function.COACHING_COORDINATOR),
        kind="coaching_request",
        text=_("Une nouvelle demande d'accompagnement attend un tour d'appariement."),
        url=_coordination_url(),
    )
    return request


def _coordination_url() -> str:
    from django.urls import reverse

    return reverse("coaching:coordination")


@transaction.atomic
def request_withdraw(*, request: CoachingRequest, by) -> CoachingRequest:
    request = CoachingRequest.objects.select_for_update().get(pk=request.pk)
    if request.requester_id != by.pk:
        raise PermissionDenied
    if request.status not in (RequestStatus.OPEN, RequestStatus.PROPOSED):
        raise ValidationError(_("Cette demande ne peut plus être retirée."))
    pending = list(
        Match.objects.filter(
            request=request, status__in=(MatchStatus.PROPOSED, MatchStatus.PUBLISHED)
        ).select_related("coach")
    )
    for match in pending:
        if match.status == MatchStatus.PUBLISHED:
            notify(
                [match.coach.person_id],
                kind="coaching_withdrawn",
                text=_("Une proposition d'accompagnement vous concernant a été retirée."),
                url="",
            )
        match.status = MatchStatus.DROPPED
        match.save(update_fields=["status"])
    request.status = RequestStatus.WITHDRAWN
    request.closed_at = timezone.now()
    request.save(update_fields=["status", "closed_at", "updated_at"])
    return request


# --- rounds --------------------------------------------------------------------------


@transaction.atomic
def round_run(*, by) -> MatchingRound:
    """Run the engine over the open requests and keep its proposals for review.

    A round that was never published is replaced: its proposals are dropped, so a
    request is never in two drafts at once."""
    _check_coordinator(by)
    MatchingRound.objects.filter(published_at__isnull=True).delete()
    started = time.monotonic()
    requests, coaches, names = matching.load()
    pairs = matching.solve(requests, coaches, names)
    seconds = time.monotonic() - started
    matching_round = MatchingRound.objects.create(
        created_by=by,
        request_count=len(requests),
        coach_count=sum(1 for c in coaches if c.active and c.places > 0),
        seconds=round(seconds, 4),
    )
    Match.objects.bulk_create(
        [
            Match(
                round=matching_round,
                request_id=pair.request_id,
                coach_id=pair.coach_id,
                score=pair.score,
                reasons=[r.as_dict() for r in pair.reasons],
            )
            for pair in pairs
        ]
    )
    return matching_round


def _check_draft(match: Match) -> None:
    if match.status != MatchStatus.PROPOSED or match.round.is_published:
        raise ValidationError(_("Cette proposition est déjà publiée."))


@transaction.atomic
def match_drop(*, match: Match, by) -> Match:
    _check_coordinator(by)
    match = Match.objects.select_for_update().select_related("round").get(pk=match.pk)
    _check_draft(match)
    match.status = MatchStatus.DROPPED
    match.save(update_fields=["status"])
    return match


def _in_round(round_id) -> dict[int, int]:
    """coach id -> proposals under review in this round."""
    return dict(
        Match.objects.filter(round_id=round_id, status=MatchStatus.PROPOSED)
        .values_list("coach_id")
        .annotate(n=Count("id"))
        .values_list("coach_id", "n")
    )


def _with_places(coaches, in_round, give_back=None):
    """The coaches with the places the round's proposals leave them (`give_back`: the
    coach of the proposal being changed, whose place is his to take again)."""
    return [
        dataclasses.replace(
            c, places=c.places - in_round.get(c.id, 0) + (1 if c.id == give_back else 0)
        )
        for c in coaches
    ]


def round_review(matching_round: MatchingRound, matches) -> dict[int, list[dict]]:
    """For each proposal under review, the other feasible coaches, best first, with
    their score, reasons and name (the alternatives the coordinator may pick).
    Queries: the engine's loader once for all the round's requests, the round's
    proposals per coach, the coaches' names."""
    proposed = [m for m in matches if m.status == MatchStatus.PROPOSED]
    if not proposed:
        return {}
    requests, coaches, names = matching.load([m.request_id for m in proposed])
    in_round = _in_round(matching_round.pk)
    by_id = {r.id: r for r in requests}
    full_names = {
        pk: f"{first} {last}".strip()
        for pk, first, last in Coach.objects.values_list(
            "pk", "person__first_name", "person__last_name"
        )
    }
    review = {}
    for match in proposed:
        request = by_id.get(match.request_id)
        if request is None:
            continue
        pairs = matching.ranked(
            request, _with_places(coaches, in_round, give_back=match.coach_id), names
        )
        review[match.pk] = [
            {
                "coach_id": p.coach_id,
                "name": full_names.get(p.coach_id, ""),
                "score": p.score,
                "reasons": [r.as_dict() for r in p.reasons],
            }
            for p in pairs
            if p.coach_id != match.coach_id
        ][:5]
    return review


@transaction.atomic
def match_replace(*, match: Match, coach: Coach, by) -> Match:
    """Put another feasible coach on a proposal under review (score and reasons anew)."""
    _check_coordinator(by)
    match = Match.objects.select_for_update().select_related("round").get(pk=match.pk)
    _check_draft(match)
    requests, coaches, names = matching.load([match.request_id])
    in_round = _in_round(match.round_id)
    coaches = _with_places(coaches, in_round, give_back=match.coach_id)
    data = next((c for c in coaches if c.id == coach.pk), None)
    if not requests or data is None:
        raise ValidationError({"coach": _("Accompagnant inconnu.")})
    why = matching.exclusion(requests[0], data)
    if why:
        raise ValidationError(
            {"coach": _("Cet accompagnant ne convient pas : %(why)s.") % {"why": why}}
        )
    points, reasons = matching.score(requests[0], data, names)
    match.coach = coach
    match.score = points
    match.reasons = [r.as_dict() for r in reasons]
    match.save(update_fields=["coach", "score", "reasons"])
    return match


@transaction.atomic
def round_publish(*, matching_round: MatchingRound, by) -> MatchingRound:
    """Publish the round's remaining proposals: each pair is told and asked to accept."""
    _check_coordinator(by)
    matching_round = MatchingRound.objects.select_for_update().get(pk=matching_round.pk)
    if matching_round.is_published:
        raise ValidationError(_("Ce tour est déjà publié."))
    proposals = list(
        matching_round.matches.filter(status=MatchStatus.PROPOSED).select_related(
            "request__requester", "coach__person"
        )
    )
    # Things may have changed since the round ran (a coach paused or is full, someone
    # joined the requester's circle, a pair was declined): every hard constraint and
    # every place is checked again, as the engine would, before anyone is told.
    requests, coaches, _names = matching.load([m.request_id for m in proposals])
    requests = {r.id: r for r in requests}
    coaches = {c.id: c for c in coaches}
    used = {}
    for match in proposals:
        if match.request.status != RequestStatus.OPEN:
            raise ValidationError(
                _("Une demande de ce tour n'est plus ouverte : relancez un tour.")
            )
        coach = dataclasses.replace(
            coaches[match.coach_id],
            places=coaches[match.coach_id].places - used.get(match.coach_id, 0),
        )
        why = matching.exclusion(requests[match.request_id], coach)
        if why:
            raise ValidationError(
                _(
                    "%(coach)s ne peut plus être proposé à %(requester)s (%(why)s) : "
                    "changez ou écartez cette proposition."
                )
                % {
                    "coach": match.coach.person.full_name,
                    "requester": match.request.requester.full_name,
                    "why": why,
                }
            )
        used[match.coach_id] = used.get(match.coach_id, 0) + 1
    now = timezone.now()
    matching_round.published_at = now
    matching_round.save(update_fields=["published_at"])
    for match in proposals:
        match.status = MatchStatus.PUBLISHED
        match.save(update_fields=["status"])
        match.request.status = RequestStatus.PROPOSED
        match.request.save(update_fields=["status", "updated_at"])
        notify(
            [match.request.requester_id, match.coach.person_id],
            kind="coaching_proposed",
            text=_("Un accompagnement vous est proposé : acceptez-le ou déclinez-le."),
            url=match.get_absolute_url(),
        )
    return matching_round


# --- the pair's answers ----------------------------------------------------------------


def _pair_side(match: Match, person) -> str:
    if match.request.requester_id == person.pk:
        return "requester"
    if match.coach.person_id == person.pk:
        return "coach"
    raise PermissionDenied


@transaction.atomic
def match_accept(*, match: Match, by) -> Match:
    match = Match.objects.select_for_update().with_people().get(pk=match.pk)
    side = _pair_side(match, by)
    if match.status != MatchStatus.PUBLISHED:
        raise ValidationError(_("Cette proposition n'attend plus de réponse."))
    if getattr(match, f"{side}_accepted_at"):
        raise ValidationError(_("Vous avez déjà accepté cette proposition."))
    now = timezone.now()
    setattr(match, f"{side}_accepted_at", now)
    fields = [f"{side}_accepted_at"]
    if match.requester_accepted_at and match.coach_accepted_at:
        match.status = MatchStatus.ACTIVE
        match.started_at = now
        fields += ["status", "started_at"]
        match.request.status = RequestStatus.MATCHED
        match.request.save(update_fields=["status", "updated_at"])
        notify(
            [match.request.requester_id, match.coach.person_id],
            kind="coaching_active",
            text=_("Vous avez accepté tous les deux : l'accompagnement commence."),
            url=match.get_absolute_url(),
        )
    match.save(update_fields=fields)
    return match


@transaction.atomic
def match_decline(*, match: Match, by, reason: str = "") -> Match:
    """One of the pair declines: the request goes back to the open ones and the
    coordinators see why."""
    match = Match.objects.select_for_update().with_people().get(pk=match.pk)
    side = _pair_side(match, by)
    if match.status != MatchStatus.PUBLISHED:
        raise ValidationError(_("Cette proposition n'attend plus de réponse."))
    match.status = MatchStatus.DECLINED
    match.declined_by = by
    match.decline_reason = (reason or "").strip()[:500]
    match.save(update_fields=["status", "declined_by", "decline_reason"])
    match.request.status = RequestStatus.OPEN
    match.request.save(update_fields=["status", "updated_at"])
    other = match.coach.person_id if side == "requester" else match.request.requester_id
    notify(
        [other],
        kind="coaching_declined",
        text=_("La proposition d'accompagnement n'a pas été retenue : une autre sera cherchée."),
        url="",
    )
    notify(
        holders(Function.COACHING_COORDINATOR),
        kind="coaching_declined",
        text=_("Une proposition d'accompagnement a été déclinée."),
        url=match.get_absolute_url(),
    )
    return match


@transaction.atomic
def match_close(*, match: Match, by, feedback: str = "") -> Match:
    match = Match.objects.select_for_update().with_people().get(pk=match.pk)
    if not is_coaching_coordinator(by):
        _pair_side(match, by)
    if match.status != MatchStatus.ACTIVE:
        raise ValidationError(_("Seul un accompagnement en cours peut être terminé."))
    now = timezone.now()
    match.status = MatchStatus.CLOSED
    match.closed_at = now
    match.feedback = (feedback or "").strip()
    match.save(update_fields=["status", "closed_at", "feedback"])
    match.request.status = RequestStatus.CLOSED
    match.request.closed_at = now
    match.request.save(update_fields=["status", "closed_at", "updated_at"])
    notify(
        [match.request.requester_id, match.coach.person_id],
        kind="coaching_closed",
        text=_("L'accompagnement est terminé. Merci !"),
        url=match.get_absolute_url(),
    )
    return match
