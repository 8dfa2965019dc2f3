"""Every change to polls goes through here.

Each function is keyword-only and runs in one transaction; it raises ValidationError
(French message) on bad input or on a move the poll's state forbids, and
PermissionDenied when the person may not do it (`permissions.poll_abilities`): the
pages, the API and the periodic task all call these functions.

A vote locks the poll's row, so two votes of one person cannot both pass, and
`Participation` and `Ballot` are written together (models' docstring). The periodic
task (`tasks.poll_deadlines`) closes the polls whose deadline has passed and reminds
the electors who have not voted, once per poll and person.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cercles.core.notifications import notify
from cercles.organisation.models import Assignment

from . import permissions
from .ballots import clean_answer
from .models import (
    OPTIONS_MAX,
    Ballot,
    Elector,
    Participation,
    Poll,
    PollKind,
    PollOption,
    PollStatus,
    QuorumKind,
    RankingMethod,
    ResultsVisibility,
    utc_day,
)

# What may change before the first vote; after it, only the context and the deadline
# (changing the question, the options or the rules under the voters' feet would be
# unfair to those who already voted).
SETTINGS_FIELDS = {
    "question",
    "description",
    "is_anonymous",
    "results_visibility",
    "min_respondents",
    "ranking_method",
    "dots_total",
    "dots_max_per_option",
    "score_max",
    "closes_at",
    "quorum_kind",
    "quorum_value",
}
AFTER_FIRST_VOTE_FIELDS = {"description", "closes_at"}
# The reminder goes this long before the deadline (or at half the poll's time, if shorter).
REMINDER_BEFORE = datetime.timedelta(hours=24)


# --- helpers -----------------------------------------------------------------------


def _require(by, poll: Poll, ability: str, message: str) -> None:
    if not permissions.poll_abilities(by, poll)[ability]:
        raise PermissionDenied(message)


def _locked(poll: Poll) -> Poll:
    return (
        Poll.objects.select_for_update(of=("self",))
        .select_related("meeting", "circle")
        .get(pk=poll.pk)
    )


def electorate_ids(poll: Poll) -> list[int]:
    """Who is asked to vote today: the meeting's participants for a meeting poll, the
    people holding a live role in the circle otherwise (active accounts only)."""
    if poll.meeting_id:
        from cercles.meetings.models import Participant

        ids = Participant.objects.filter(meeting_id=poll.meeting_id, person__is_active=True)
    else:
        ids = Assignment.objects.current().filter(
            role__circle_id=poll.circle_id,
            role__archived_at__isnull=True,
            person__is_active=True,
        )
    return sorted(set(ids.values_list("person_id", flat=True)))


def _runner_ids(poll: Poll) -> set[int]:
    """Whom to ask for the outcome: the author, the meeting's facilitator or else the
    circle's."""
    from cercles.organisation.models import CoreRole

    ids = {poll.created_by_id}
    if poll.meeting_id and poll.meeting.facilitator_id:
        ids.add(poll.meeting.facilitator_id)
    else:
        ids |= set(
            Assignment.objects.current()
            .filter(role__circle_id=poll.circle_id, role__core_role=CoreRole.FACILITATOR)
            .values_list("person_id", flat=True)
        )
    ids.discard(None)
    return ids


def _normalise(poll: Poll) -> None:
    """Blank the settings that do not belong to the poll's kind."""
    if poll.kind != PollKind.RANKED:
        poll.ranking_method = ""
    if poll.kind != PollKind.DOTS:
        poll.dots_total = None
        poll.dots_max_per_option = None
    if poll.kind != PollKind.SCORE:
        poll.score_max = None
    if poll.quorum_kind == QuorumKind.NONE:
        poll.quorum_value = None
    poll.question = (poll.question or "").strip()
    poll.description = (poll.description or "").strip()


def _validate(poll: Poll, *, now) -> None:
    errors: dict[str, list[str]] = {}
    if poll.is_anonymous and poll.results_visibility != ResultsVisibility.AFTER_CLOSE:
        errors["results_visibility"] = [
            _(
                "Un sondage anonyme ne montre ses résultats qu'à la clôture : des résultats "
                "en cours permettraient de déduire un vote en comparant avant et après."
            )
        ]
    if poll.kind == PollKind.DOTS and not poll.dots_total:
        errors["dots_total"] = [_("Indiquez combien de points chacun répartit.")]
    if (
        poll.kind == PollKind.DOTS
        and poll.dots_total
        and poll.dots_max_per_option
        and poll.dots_max_per_option > poll.dots_total
    ):
        errors["dots_max_per_option"] = [
            _("Le maximum par option ne peut dépasser le nombre de points.")
        ]
    if poll.kind == PollKind.SCORE and not poll.score_max:
        errors["score_max"] = [_("Indiquez la note maximale.")]
    if poll.kind == PollKind.RANKED and poll.ranking_method not in RankingMethod.values:
        errors["ranking_method"] = [
            _("Choisissez la méthode de dépouillement : vote alternatif ou Borda.")
        ]
    if poll.quorum_kind != QuorumKind.NONE and not poll.quorum_value:
        errors["quorum_value"] = [_("Indiquez la valeur du quorum.")]
    if poll.quorum_kind == QuorumKind.PERCENT and poll.quorum_value and poll.quorum_value > 100:
        errors["quorum_value"] = [_("Un quorum en pourcentage va de 1 à 100.")]
    if poll.closes_at is not None and poll.status != PollStatus.CLOSED and poll.closes_at <= now:
        errors["closes_at"] = [_("L'échéance doit être dans le futur.")]
    if errors:
        raise ValidationError(errors)
    poll.full_clean(exclude=["circle", "meeting", "created_by"])


def _clean_options(kind: str, options) -> list[dict]:
    """The options as {"label", "starts_at"} dicts, checked for the kind; time slots
    sorted by time."""
    if kind not in (PollKind.DOTS, PollKind.SCORE, PollKind.RANKED, PollKind.TIME_SLOT):
        return []
    cleaned = []
    for option in options or ():
        label = (option.get("label") or "").strip()
        starts_at = option.get("starts_at")
        if kind == PollKind.TIME_SLOT:
            if starts_at is None:
                if label:
                    raise ValidationError(
                        {"options": [_("Chaque créneau a une date et une heure.")]}
                    )
                continue
        elif not label:
            continue
        else:
            starts_at = None
        if len(label) > 200:
            raise ValidationError({"options": [_("Un intitulé fait au plus 200 caractères.")]})
        cleaned.append({"label": label, "starts_at": starts_at})
    if kind == PollKind.TIME_SLOT:
        cleaned.sort(key=lambda o: o["starts_at"])
        times = [o["starts_at"] for o in cleaned]
        if len(set(times)) != len(times):
            raise ValidationError({"options": [_("Deux créneaux ont la même heure.")]})
        if not cleaned:
            raise ValidationError({"options": [_("Proposez au moins un créneau.")]})
    else:
        labels = [o["label"].casefold() for o in cleaned]
        if len(set(labels)) != len(labels):
            raise ValidationError({"options": [_("Deux options portent le même intitulé.")]})
        if len(cleaned) < 2:
            raise ValidationError({"options": [_("Proposez au moins deux options.")]})
    if len(cleaned) > OPTIONS_MAX:
        raise ValidationError({"options": [_("Au plus %(n)s options.") % {"n": OPTIONS_MAX}]})
    return cleaned


def _write_options(poll: Poll, cleaned: list[dict]) -> None:
    poll.options.all().delete()
    PollOption.objects.bulk_create(
        [
            PollOption(poll=poll, position=i, label=o["label"], starts_at=o["starts_at"])
            for i, o in enumerate(cleaned)
        ]
    )


def _snapshot_electorate(poll: Poll) -> int:
    ids = electorate_ids(poll)
    Elector.objects.bulk_create([Elector(poll=poll, person_id=pk) for pk in ids])
    return len(ids)


def _open(poll: Poll, *, by, now) -> None:
    poll.status = PollStatus.OPEN
    poll.opened_at = now
    poll.electorate_size = _snapshot_electorate(poll)
    poll.save(update_fields=["status", "opened_at", "electorate_size", "updated_at"])
    recipients = set(poll.electors.values_list("person_id", flat=True)) - {by.pk}
    notify(
        recipients,
        kind="poll_open",
        text=_("Nouveau sondage : « %(q)s »") % {"q": poll.question},
        url=poll.get_absolute_url(),
    )


# --- creating and editing ----------------------------------------------------------


@transaction.atomic
def poll_create(
    *,
    by,
    circle,
    kind,
    question,
    options=(),
    meeting=None,
    description="",
    is_anonymous=False,
    results_visibility=None,
    min_respondents=5,
    ranking_method="",
    dots_total=None,
    dots_max_per_option=None,
    score_max=None,
    closes_at=None,
    quorum_kind=QuorumKind.NONE,
    quorum_value=None,
    open_now=True,
    now=None,
) -> Poll:
    """Create a poll of `circle` (or of `meeting`, in its circle); open it at once
    unless `open_now` is false (a draft, opened later by `poll_open`)."""
    now = now or timezone.now()
    if meeting is not None:
        circle = meeting.circle
    if not permissions.can_create_poll(by, circle, meeting):
        raise PermissionDenied(_("Vous ne pouvez pas créer de sondage ici."))
    if kind not in PollKind.values:
        raise ValidationError({"kind": [_("Type de sondage inconnu.")]})
    if results_visibility is None:
        results_visibility = (
            ResultsVisibility.AFTER_CLOSE if is_anonymous else ResultsVisibility.AFTER_VOTE
        )
    poll = Poll(
        circle=circle,
        meeting=meeting,
        kind=kind,
        question=question,
        description=description,
        is_anonymous=is_anonymous,
        results_visibility=results_visibility,
        min_respondents=min_respondents,
        ranking_method=ranking_method or "",
        dots_total=dots_total,
        dots_max_per_option=dots_max_per_option,
        score_max=score_max,
        closes_at=closes_at,
        quorum_kind=quorum_kind,
        quorum_value=quorum_value,
        created_by=by,
    )
    _normalise(poll)
    _validate(poll, now=now)
    cleaned = _clean_options(kind, options)
    poll.save()
    _write_options(poll, cleaned)
    if open_now:
        _open(poll, by=by, now=now)
    return poll


@transaction.atomic
def poll_update(*, poll: Poll, by, options=None, now=None, **fields) -> Poll:
    """Change a poll's settings (and options, given as for `poll_create`). Before the
    first vote everything may change but the kind, except that an anonymous poll stays
    anonymous; after it, only the context and the deadline."""
    unknown = set(fields) - SETTINGS_FIELDS
    if unknown:
        raise TypeError(f"poll_update() got unexpected fields {sorted(unknown)}")
    now = now or timezone.now()
    _require(by, poll, "manage", _("Vous ne pouvez pas modifier ce sondage."))
    poll = _locked(poll)
    if poll.status == PollStatus.CLOSED:
        raise ValidationError(_("Le sondage est clos."))
    if poll.is_anonymous and fields.get("is_anonymous", True) is False:
        raise ValidationError(
            {
                "is_anonymous": [
                    _(
                        "Un sondage anonyme le reste : ceux qui ont voté, ou qui voteront, "
                        "l'ont fait sur cette promesse."
                    )
                ]
            }
        )
    changed = {k for k, v in fields.items() if getattr(poll, k) != v}
    if poll.voter_count:
        locked = changed - AFTER_FIRST_VOTE_FIELDS
        if locked or options is not None:
            raise ValidationError(
                _(
                    "Des votes ont été exprimés : seuls le contexte et l'échéance peuvent "
                    "encore changer."
                )
            )
    for key, value in fields.items():
        setattr(poll, key, value)
    if poll.is_anonymous and "results_visibility" not in fields:
        poll.results_visibility = ResultsVisibility.AFTER_CLOSE
    _normalise(poll)
    _validate(poll, now=now)
    poll.save(update_fields=[*SETTINGS_FIELDS, "updated_at"])
    if options is not None:
        _write_options(poll, _clean_options(poll.kind, options))
    return poll


@transaction.atomic
def poll_open(*, poll: Poll, by, now=None) -> Poll:
    """Open a draft: the electorate is taken as it stands now."""
    now = now or timezone.now()
    _require(by, poll, "manage", _("Vous ne pouvez pas ouvrir ce sondage."))
    poll = _locked(poll)
    if poll.status != PollStatus.DRAFT:
        raise ValidationError(_("Ce sondage est déjà ouvert ou clos."))
    if poll.closes_at is not None and poll.closes_at <= now:
        raise ValidationError({"closes_at": [_("L'échéance doit être dans le futur.")]})
    if poll.has_options and poll.options.count() < (1 if poll.kind == PollKind.TIME_SLOT else 2):
        raise ValidationError(_("Ajoutez les options avant d'ouvrir le sondage."))
    _open(poll, by=by, now=now)
    return poll


@transaction.atomic
def poll_delete(*, poll: Poll, by) -> None:
    """Delete a poll nobody voted in (a mistake, a draft given up)."""
    _require(by, poll, "manage", _("Vous ne pouvez pas supprimer ce sondage."))
    poll = _locked(poll)
    if poll.voter_count or poll.participations.exists():
        raise ValidationError(_("Des votes ont été exprimés : le sondage ne peut être supprimé."))
    poll.delete()


@transaction.atomic
def poll_electorate_update(*, poll: Poll, by) -> int:
    """Add to the electorate the people who would be in it today (new members of the
    circle, people added to the meeting); nobody is removed. Returns how many."""
    _require(by, poll, "manage", _("Vous ne pouvez pas modifier les votants."))
    poll = _locked(poll)
    if poll.status != PollStatus.OPEN:
        raise ValidationError(_("Le sondage n'est pas ouvert."))
    known = set(poll.electors.values_list("person_id", flat=True))
    added = [pk for pk in electorate_ids(poll) if pk not in known]
    Elector.objects.bulk_create([Elector(poll=poll, person_id=pk) for pk in added])
    if added:
        Poll.objects.filter(pk=poll.pk).update(electorate_size=F("electorate_size") + len(added))
        notify(
            added,
            kind="poll_open",
            text=_("Nouveau sondage : « %(q)s »") % {"q": poll.question},
            url=poll.get_absolute_url(),
        )
    return len(added)


# --- voting ------------------------------------------------------------------------


def _reseal(poll_id: int) -> None:
    """Rewrite the poll's ballots in the order of their random ids (PostgreSQL).

    A PostgreSQL table keeps its rows in the order they were inserted (a dump lists
    them so) and stamps each with its transaction (`xmin`), which the participation
    written with it shares: either would pair an anonymous ballot with its voter.
    Rewritten together in one statement at each vote, the ballots all carry the last
    vote's transaction and lie in random order. The cost is one delete and one insert
    of the poll's ballots per vote (a few milliseconds for hundreds of ballots). SQLite
    needs none of it: the random id is the rowid, its only order."""
    if connection.vendor != "postgresql":
        return
    rows = list(Ballot.objects.filter(poll_id=poll_id).order_by("id").values())
    Ballot.objects.filter(poll_id=poll_id).delete()
    Ballot.objects.bulk_create([Ballot(**row) for row in rows])


@transaction.atomic
def poll_vote(*, poll: Poll, person, answer, comment="", now=None) -> Ballot | None:
    """Cast (or, in an open poll, change) the person's ballot. Returns the ballot of an
    open poll, None for an anonymous one (the caller has no use for it)."""
    now = now or timezone.now()
    poll = _locked(poll)
    if poll.status != PollStatus.OPEN or (poll.closes_at is not None and poll.closes_at <= now):
        raise ValidationError(_("Le sondage n'est pas ouvert au vote."))
    if not Elector.objects.filter(poll=poll, person=person).exists():
        raise PermissionDenied(_("Vous ne faites pas partie des votants de ce sondage."))
    option_ids = list(poll.options.values_list("pk", flat=True))
    answer, comment = clean_answer(poll, option_ids, answer, comment)
    voted = Participation.objects.filter(poll=poll, person=person).exists()
    if voted and poll.is_anonymous:
        raise ValidationError(
            _(
                "Vous avez déjà voté. Un vote anonyme ne peut plus être modifié : rien ne le relie à vous."
            )
        )
    if voted:
        ballot = Ballot.objects.get(poll=poll, person=person)
        ballot.answer, ballot.comment, ballot.cast_on = answer, comment, utc_day(now)
        ballot.save(update_fields=["answer", "comment", "cast_on"])
        return ballot
    try:
        with transaction.atomic():
            Participation.objects.create(poll=poll, person=person)
            ballot = Ballot.objects.create(
                poll=poll,
                is_anonymous=poll.is_anonymous,
                person=None if poll.is_anonymous else person,
                answer=answer,
                comment=comment,
                cast_on=utc_day(now),
            )
    except IntegrityError as exc:  # a second vote that slipped past the check
        raise ValidationError(_("Vous avez déjà voté.")) from exc
    # A queryset update: `updated_at` says when the settings changed, not who voted when.
    Poll.objects.filter(pk=poll.pk).update(voter_count=F("voter_count") + 1)
    if poll.is_anonymous:
        _reseal(poll.pk)
        return None
    return ballot


# --- closing -----------------------------------------------------------------------


def _close(poll: Poll, *, by, now, outcome="") -> None:
    poll.refresh_from_db(fields=["voter_count", "electorate_size"])
    needed = poll.quorum_needed
    poll.status = PollStatus.CLOSED
    poll.closed_at = now
    poll.closed_by = by
    poll.quorum_reached = None if needed is None else poll.voter_count >= needed
    fields = ["status", "closed_at", "closed_by", "quorum_reached", "updated_at"]
    if outcome:
        poll.outcome, poll.outcome_by, poll.outcome_at = outcome, by, now
        fields += ["outcome", "outcome_by", "outcome_at"]
    poll.save(update_fields=fields)


def _announce_closing(poll: Poll) -> None:
    notify(
        set(poll.electors.values_list("person_id", flat=True)) - {poll.closed_by_id},
        kind="poll_closed",
        text=_("Le sondage « %(q)s » est clos.") % {"q": poll.question},
        url=poll.get_absolute_url(),
    )


@transaction.atomic
def poll_close(*, poll: Poll, by, outcome, now=None) -> Poll:
    """Close the poll by hand, with its outcome statement (required)."""
    now = now or timezone.now()
    _require(by, poll, "manage", _("Seuls l'auteur et le facilitateur closent le sondage."))
    poll = _locked(poll)
    if poll.status != PollStatus.OPEN:
        raise ValidationError(_("Le sondage n'est pas ouvert."))
    outcome = (outcome or "").strip()
    if not outcome:
        raise ValidationError(
            {"outcome": [_("Écrivez la conclusion : ce que le cercle retient de ce sondage.")]}
        )
    _close(poll, by=by, now=now, outcome=outcome)
    _announce_closing(poll)
    return poll


@transaction.atomic
def poll_conclude(*, poll: Poll, by, outcome, now=None) -> Poll:
    """Write (or rewrite) the outcome statement of a closed poll."""
    now = now or timezone.now()
    _require(by, poll, "manage", _("Seuls l'auteur et le facilitateur concluent le sondage."))
    poll = _locked(poll)
    if poll.status != PollStatus.CLOSED:
        raise ValidationError(_("Le sondage n'est pas encore clos."))
    outcome = (outcome or "").strip()
    if not outcome:
        raise ValidationError(
            {"outcome": [_("Écrivez la conclusion : ce que le cercle retient de ce sondage.")]}
        )
    poll.outcome, poll.outcome_by, poll.outcome_at = outcome, by, now
    poll.save(update_fields=["outcome", "outcome_by", "outcome_at", "updated_at"])
    return poll


def close_due_polls(now=None) -> int:
    """Close the open polls whose deadline has passed, each in its own transaction, and
    ask their author and facilitator for the outcome. Returns how many were closed."""
    now = now or timezone.now()
    closed = 0
    due = Poll.objects.open().filter(closes_at__lte=now).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            poll = (
                Poll.objects.select_for_update(of=("self",))
                .select_related("meeting")
                .filter(pk=pk, status=PollStatus.OPEN)
                .first()
            )
            if poll is None:  # closed meanwhile
                continue
            _close(poll, by=None, now=now)
            _announce_closing(poll)
            notify(
                _runner_ids(poll),
                kind="poll_outcome_needed",
                text=_("Le sondage « %(q)s » a atteint son échéance : écrivez sa conclusion.")
                % {"q": poll.question},
                url=poll.get_absolute_url(),
            )
            closed += 1
    return closed


def reminder_due_at(poll: Poll) -> datetime.datetime | None:
    """When the electors who have not voted are reminded: 24 h before the deadline, or
    halfway through a poll shorter than 48 h."""
    if poll.closes_at is None or poll.opened_at is None:
        return None
    before = min(REMINDER_BEFORE, (poll.closes_at - poll.opened_at) / 2)
    return poll.closes_at - before


def remind_due_polls(now=None) -> int:
    """Remind, once per poll, the electors who have not voted in the open polls whose
    reminder is due. Returns how many people were reminded.

    Idempotent: a poll is claimed by setting `reminded_at` where it is still empty, in
    the transaction that sends its reminders; a second run finds it set."""
    now = now or timezone.now()
    sent = 0
    candidates = Poll.objects.open().filter(
        reminded_at__isnull=True, closes_at__gt=now, opened_at__isnull=False
    )
    for poll in candidates.only("id", "question", "closes_at", "opened_at"):
        due = reminder_due_at(poll)
        if due is None or due > now:
            continue
        with transaction.atomic():
            if not Poll.objects.filter(pk=poll.pk, reminded_at__isnull=True).update(
                reminded_at=now
            ):
                continue  # another run got it first
            voted = Participation.objects.filter(poll_id=poll.pk).values("person_id")
            waiting = list(
                Elector.objects.filter(poll_id=poll.pk)
                .exclude(person_id__in=voted)
                .values_list("person_id", flat=True)
            )
            deadline = timezone.localtime(poll.closes_at)
            notify(
                waiting,
                kind="poll_reminder",
                text=_("Vous n'avez pas encore voté : « %(q)s » (clôture le %(d)s à %(h)s).")
                % {
                    "q": poll.question,
                    "d": deadline.strftime("%d/%m/%Y"),
                    "h": deadline.strftime("%H:%M"),
                },
                url=poll.get_absolute_url(),
            )
            sent += len(waiting)
    return sent
