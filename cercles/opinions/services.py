"""Every change to consultations, statements, participants and votes goes through here.

Each function is keyword-only and runs in one transaction; it raises ValidationError
(French message) on bad input and PermissionDenied when `by` may not act. Each change
to what the map shows bumps the consultation's cache generation
(`cercles.core.fragments`), so the analysis is computed again on the next read.

Anonymous consultations: `participant_join` hands back a random key that the caller
keeps on the person's side (a signed cookie, an API client); only its hash is stored,
with no person. `vote_cast` and `statement_create` receive the person (`by`) to check
his rights and store nothing of him.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cercles.core import fragments

from . import permissions
from .models import (
    STATEMENT_MAX_LENGTH,
    Audience,
    Choice,
    Consultation,
    Moderation,
    Participant,
    ResultsVisibility,
    Statement,
    StatementStatus,
    Vote,
    day_start,
    key_hash,
    new_participant_key,
    text_key,
)

CONSULTATION_FIELDS = {
    "question",
    "description",
    "meeting",
    "audience",
    "allow_statements",
    "moderation",
    "results_visibility",
    "min_votes",
    "opens_at",
    "closes_at",
}
COUNTERS = {
    Choice.AGREE: "agree_count",
    Choice.DISAGREE: "disagree_count",
    Choice.PASS: "pass_count",
}


def changed(consultation: Consultation) -> None:
    """The map's data changed: its cached analysis will not be read again."""
    fragments.bump(consultation.generation_name)


def _require(abilities: dict, ability: str, message: str) -> None:
    if not abilities.get("view"):
        raise PermissionDenied(_("Cette consultation ne vous est pas ouverte."))
    if not abilities.get(ability):
        raise PermissionDenied(message)


def _check_meeting(circle, meeting) -> None:
    if meeting is not None and meeting.circle_id != circle.pk:
        raise ValidationError({"meeting": _("Choisissez une réunion de ce cercle.")})


def _clean_text(text) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError({"text": _("Écrivez la proposition.")})
    if len(text) > STATEMENT_MAX_LENGTH:
        raise ValidationError(
            {
                "text": _("Une proposition tient en %(n)d caractères au plus.")
                % {"n": STATEMENT_MAX_LENGTH}
            }
        )
    return text


def _new_statement(*, consultation, text, **fields) -> Statement:
    clean = _clean_text(text)
    key = text_key(clean)
    if consultation.statements.filter(text_key=key).exists():
        raise ValidationError({"text": _("Cette proposition existe déjà.")})
    statement = Statement(consultation=consultation, text=clean, text_key=key, **fields)
    statement.full_clean(exclude=["consultation", "participant", "author", "moderated_by"])
    try:
        with transaction.atomic():
            statement.save(force_insert=True)
    except IntegrityError as exc:  # the same text, sent twice at once
        raise ValidationError({"text": _("Cette proposition existe déjà.")}) from exc
    return statement


def split_lines(text: str) -> list[str]:
    """The non-empty lines of a text, e.g. seed statements typed one per line."""
    return [line.strip(" -•*\t") for line in (text or "").splitlines() if line.strip(" -•*\t")]


# --- consultations ---------------------------------------------------------------------


@transaction.atomic
def consultation_create(
    *,
    by,
    circle,
    question,
    description="",
    meeting=None,
    audience=Audience.CIRCLE,
    anonymous=False,
    allow_statements=True,
    moderation=Moderation.AFTER,
    results_visibility=ResultsVisibility.AFTER_VOTING,
    min_votes=7,
    opens_at=None,
    closes_at=None,
    seeds=(),
) -> Consultation:
    """Launch a consultation, with its seed statements (the organisers' own)."""
    if not permissions.can_create_consultation(by, circle):
        raise PermissionDenied(
            _("Seuls les membres du cercle et ceux qui le pilotent lancent une consultation.")
        )
    _check_meeting(circle, meeting)
    consultation = Consultation(
        circle=circle,
        meeting=meeting,
        question=" ".join((question or "").split()),
        description=(description or "").strip(),
        audience=audience,
        anonymous=anonymous,
        allow_statements=allow_statements,
        moderation=moderation,
        results_visibility=results_visibility,
        min_votes=min_votes,
        opens_at=opens_at or timezone.now(),
        closes_at=closes_at,
        created_by=by,
    )
    consultation.full_clean()
    consultation.save()
    seen = set()
    for text in seeds:
        if text_key(text) in seen:
            continue  # the same seed typed twice: kept once
        seen.add(text_key(text))
        _new_statement(
            consultation=consultation,
            text=text,
            author=by,
            is_seed=True,
            status=StatementStatus.ACCEPTED,
        )
    changed(consultation)
    return consultation


@transaction.atomic
def consultation_update(*, consultation: Consultation, by, **fields) -> Consultation:
    if "anonymous" in fields and fields.pop("anonymous") != consultation.anonymous:
        raise ValidationError(
            {"anonymous": _("L'anonymat d'une consultation ne change plus après sa création.")}
        )
    unknown = set(fields) - CONSULTATION_FIELDS
    if unknown:
        raise TypeError(f"consultation_update() got unexpected fields {sorted(unknown)}")
    _require(
        permissions.consultation_abilities(by, consultation),
        "update",
        _("Seuls les organisateurs modifient la consultation."),
    )
    if "meeting" in fields:
        _check_meeting(consultation.circle, fields["meeting"])
    for key, value in fields.items():
        if key == "question":
            value = " ".join((value or "").split())
        elif key == "description":
            value = (value or "").strip()
        setattr(consultation, key, value)
    consultation.full_clean()
    consultation.save(update_fields=[*fields, "updated_at"])
    changed(consultation)
    return consultation


@transaction.atomic
def consultation_close(*, consultation: Consultation, by, at=None) -> Consultation:
    _require(
        permissions.consultation_abilities(by, consultation),
        "close",
        _("Seuls les organisateurs closent la consultation."),
    )
    consultation.closed_at = at or timezone.now()
    consultation.save(update_fields=["closed_at", "updated_at"])
    changed(consultation)
    return consultation


@transaction.atomic
def consultation_reopen(*, consultation: Consultation, by) -> Consultation:
    """Open a closed consultation again; a planned closing already past is dropped."""
    _require(
        permissions.consultation_abilities(by, consultation),
        "reopen",
        _("Seuls les organisateurs rouvrent la consultation."),
    )
    now = timezone.now()
    consultation.closed_at = None
    if consultation.closes_at is not None and consultation.closes_at <= now:
        consultation.closes_at = None
    consultation.save(update_fields=["closed_at", "closes_at", "updated_at"])
    changed(consultation)
    return consultation


# --- participants ----------------------------------------------------------------------


def participant_find(*, consultation: Consultation, person=None, key=None) -> Participant | None:
    """The participant of `person` (named consultation) or of `key` (anonymous one)."""
    if consultation.anonymous:
        if not key:
            return None
        return Participant.objects.filter(consultation=consultation, key_hash=key_hash(key)).first()
    if person is None or not person.is_authenticated:
        return None
    return Participant.objects.filter(consultation=consultation, person=person).first()


@transaction.atomic
def participant_join(*, consultation: Consultation, by) -> tuple[Participant, str | None]:
    """Take part: (the participant, the key to keep on the person's side — anonymous
    consultations only, else None). A named person joins once; each call in an
    anonymous consultation starts a new participant."""
    _require(
        permissions.consultation_abilities(by, consultation),
        "vote",
        _("Cette consultation n'est pas ouverte."),
    )
    if not consultation.anonymous:
        participant, _created = Participant.objects.get_or_create(
            consultation=consultation, person=by
        )
        return participant, None
    key = new_participant_key()
    participant = Participant.objects.create(consultation=consultation, key_hash=key_hash(key))
    return participant, key


def _require_own(consultation: Consultation, participant: Participant, by) -> None:
    if participant.consultation_id != consultation.pk:
        raise ValidationError(_("Ce participant n'appartient pas à la consultation."))
    if not consultation.anonymous and participant.person_id != by.pk:
        raise PermissionDenied(_("Vous ne votez qu'en votre nom."))


# --- votes -----------------------------------------------------------------------------


@transaction.atomic
def vote_cast(
    *, consultation: Consultation, participant: Participant, statement: Statement, value, by
) -> Vote:
    """Record (or change) the participant's vote on a published statement."""
    _require(
        permissions.consultation_abilities(by, consultation),
        "vote",
        _("Cette consultation n'est pas ouverte au vote."),
    )
    _require_own(consultation, participant, by)
    try:
        value = Choice(int(value))
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            {"choice": _("Choisissez d'accord, pas d'accord ou je passe.")}
        ) from exc
    statement = (
        Statement.objects.select_for_update()
        .filter(pk=statement.pk, consultation=consultation, status=StatementStatus.ACCEPTED)
        .first()
    )
    if statement is None:
        raise ValidationError({"statement": _("Cette proposition n'est pas soumise au vote.")})
    vote = Vote.objects.filter(participant=participant, statement=statement).first()
    if vote is None:
        vote = Vote.objects.create(participant=participant, statement=statement, value=value)
        Statement.objects.filter(pk=statement.pk).update(
            **{COUNTERS[value]: F(COUNTERS[value]) + 1}
        )
    elif vote.value != value:
        old = Choice(vote.value)
        vote.value = value
        vote.save(update_fields=["value"])
        Statement.objects.filter(pk=statement.pk).update(
            **{COUNTERS[old]: F(COUNTERS[old]) - 1, COUNTERS[value]: F(COUNTERS[value]) + 1}
        )
    else:
        return vote
    changed(consultation)
    return vote


# --- statements ------------------------------------------------------------------------


@transaction.atomic
def statement_create(
    *, consultation: Consultation, by, text, participant: Participant | None = None
) -> Statement:
    """A statement by a participant (who then agrees with it, as in Pol.is) or, without
    a participant, an organiser's seed statement (published at once)."""
    abilities = permissions.consultation_abilities(by, consultation)
    if participant is None:
        _require(
            abilities, "moderate", _("Seuls les organisateurs ajoutent des propositions de départ.")
        )
        if consultation.is_closed:
            raise ValidationError(_("La consultation est close."))
        statement = _new_statement(
            consultation=consultation,
            text=text,
            author=by,
            is_seed=True,
            status=StatementStatus.ACCEPTED,
        )
        changed(consultation)
        return statement
    _require(abilities, "add_statement", _("Cette consultation ne reçoit pas de propositions."))
    _require_own(consultation, participant, by)
    pending = consultation.moderation == Moderation.BEFORE and not abilities["moderate"]
    now = timezone.now()
    statement = _new_statement(
        consultation=consultation,
        text=text,
        participant=participant,
        author=None if consultation.anonymous else by,
        status=StatementStatus.PENDING if pending else StatementStatus.ACCEPTED,
        created_at=day_start(now) if consultation.anonymous else now,
    )
    if not pending:
        vote_cast(
            consultation=consultation,
            participant=participant,
            statement=statement,
            value=Choice.AGREE,
            by=by,
        )
    changed(consultation)
    return statement


@transaction.atomic
def statement_moderate(*, statement: Statement, by, status, reason="") -> Statement:
    """Publish or hide a statement (hiding needs a reason, shown to its author). The
    author's own agree vote, kept back while the statement waited, is cast on
    publication."""
    consultation = statement.consultation
    _require(
        permissions.consultation_abilities(by, consultation),
        "moderate",
        _("Seuls les organisateurs modèrent les propositions."),
    )
    if status not in (StatementStatus.ACCEPTED, StatementStatus.HIDDEN):
        raise ValidationError({"status": _("Choisissez de publier ou de masquer.")})
    reason = " ".join((reason or "").split())
    if status == StatementStatus.HIDDEN and not reason:
        raise ValidationError({"reason": _("Donnez le motif du masquage.")})
    if len(reason) > 300:
        raise ValidationError({"reason": _("Le motif tient en 300 caractères au plus.")})
    was_pending = statement.status == StatementStatus.PENDING
    statement.status = status
    statement.moderation_reason = reason if status == StatementStatus.HIDDEN else ""
    statement.moderated_by = by
    statement.save(update_fields=["status", "moderation_reason", "moderated_by"])
    if was_pending and status == StatementStatus.ACCEPTED and statement.participant_id:
        participant = statement.participant
        if not Vote.objects.filter(participant=participant, statement=statement).exists():
            Vote.objects.create(participant=participant, statement=statement, value=Choice.AGREE)
            Statement.objects.filter(pk=statement.pk).update(agree_count=F("agree_count") + 1)
    changed(consultation)
    return statement


# --- taking part in one step (the pages and the API) -----------------------------------


@transaction.atomic
def vote_as(
    *, consultation: Consultation, by, participant: Participant | None, statement, value
) -> tuple[Vote, Participant, str | None]:
    """Vote, joining first if `participant` is None: (vote, participant, new key or
    None). One transaction: a refused vote leaves no empty participant behind."""
    key = None
    if participant is None:
        participant, key = participant_join(consultation=consultation, by=by)
    vote = vote_cast(
        consultation=consultation,
        participant=participant,
        statement=statement,
        value=value,
        by=by,
    )
    return vote, participant, key


@transaction.atomic
def statement_propose(
    *, consultation: Consultation, by, participant: Participant | None, text
) -> tuple[Statement, Participant, str | None]:
    """A participant's statement, joining first if `participant` is None."""
    _require(
        permissions.consultation_abilities(by, consultation),
        "add_statement",
        _("Cette consultation ne reçoit pas de propositions."),
    )
    key = None
    if participant is None:
        participant, key = participant_join(consultation=consultation, by=by)
    statement = statement_create(
        consultation=consultation, by=by, text=text, participant=participant
    )
    return statement, participant, key


@transaction.atomic
def statements_seed(*, consultation: Consultation, by, texts) -> list[Statement]:
    """Several seed statements at once (the organisers'); all or none. A text already
    in the consultation, or typed twice, is reported by its line."""
    created, seen = [], set()
    for line, text in enumerate(texts, start=1):
        key = text_key(text)
        if key in seen:
            continue
        seen.add(key)
        try:
            created.append(statement_create(consultation=consultation, by=by, text=text))
        except ValidationError as exc:
            messages = exc.message_dict.get("text") if hasattr(exc, "error_dict") else exc.messages
            raise ValidationError(
                {
                    "seeds": _("Ligne %(line)d : %(error)s")
                    % {"line": line, "error": " ".join(messages or exc.messages)}
                }
            ) from exc
    return created
