"""Consultations and their opinion map (docs/opinion-map.md).

A consultation asks a circle a question; participants agree, disagree or pass on short
statements and may add their own; `analysis.py` groups the participants by their
votes. Writes go through `services.py`.

Anonymity (PRODUCT promise 3): in an anonymous consultation a participant is a row with
a random key's hash and no person; the key lives only in the person's browser (a
signed cookie) or with his API client. No row, column, timestamp or cache key links
the person to the participant: participants and votes carry no time at all, their ids
(and statements' ids) are drawn at random so that the order of creation tells nothing
(on SQLite the random id is the rowid, `RandomIdField`: no hidden insertion counter),
and an anonymous participant's statement keeps only its day.
"""

import datetime
import hashlib
import secrets
import unicodedata

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cercles.core.models import TimeStampedModel

# Re-exported: migrations and callers name them from here.
from cercles.lib.random_ids import RANDOM_ID_MAX, RandomIdField, random_id  # noqa: F401
from cercles.lib.urls import cached_reverse

STATEMENT_MAX_LENGTH = 280


def new_participant_key() -> str:
    return secrets.token_urlsafe(24)


def key_hash(key: str) -> str:
    """The participant key as stored: its SHA-256, so that a copy of the database does
    not let anyone vote in a participant's name."""
    return hashlib.sha256(key.encode()).hexdigest()


def day_start(moment: datetime.datetime) -> datetime.datetime:
    """Midnight UTC of the moment's UTC day: all that is kept of an anonymous
    participant's statement time."""
    moment = moment.astimezone(datetime.UTC)
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def text_key(text: str) -> str:
    """The text as compared for duplicates: case, accents and spacing ignored."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(folded.split()).rstrip(" .!?…")


class Audience(models.TextChoices):
    CIRCLE = "circle", _("Les membres du cercle")
    ORGANISATION = "organisation", _("Toute l'organisation")


class Moderation(models.TextChoices):
    AFTER = "after", _("A posteriori : les propositions sont publiées aussitôt, masquables")
    BEFORE = "before", _("A priori : les propositions sont publiées une fois acceptées")


class ResultsVisibility(models.TextChoices):
    ALWAYS = "always", _("À tout moment")
    AFTER_VOTING = "after_voting", _("Après avoir voté (assez pour figurer sur la carte)")
    AFTER_CLOSING = "after_closing", _("À la clôture")


class ConsultationState(models.TextChoices):
    UPCOMING = "upcoming", _("À venir")
    OPEN = "open", _("Ouverte")
    CLOSED = "closed", _("Close")


class ConsultationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Admins see every consultation; others, those open to the whole organisation,
        those of the circles they belong to or manage, those they created, and those of
        the meetings they take part in."""
        if not (user and user.is_authenticated):
            return self.none()
        if user.is_admin:
            return self
        from cercles.meetings.models import Participant as MeetingParticipant
        from cercles.meetings.permissions import seen_circle_ids

        in_meeting = MeetingParticipant.objects.filter(
            meeting_id=OuterRef("meeting_id"), person=user
        )
        return self.filter(
            Q(audience=Audience.ORGANISATION)
            | Q(circle_id__in=seen_circle_ids(user))
            | Q(created_by=user)
            | Exists(in_meeting)
        )

    def with_meeting_part(self, user):
        """With `in_meeting`: whether the user takes part in the consultation's meeting
        (read by the abilities without a query of their own)."""
        from cercles.meetings.models import Participant as MeetingParticipant

        if not (user and user.is_authenticated):
            return self.annotate(in_meeting=models.Value(False))
        return self.annotate(
            in_meeting=Exists(
                MeetingParticipant.objects.filter(meeting_id=OuterRef("meeting_id"), person=user)
            )
        )

    def open_now(self, now=None):
        now = now or timezone.now()
        return self.filter(opens_at__lte=now, closed_at__isnull=True).filter(
            Q(closes_at__isnull=True) | Q(closes_at__gt=now)
        )

    def with_counts(self):
        """Published statements and participants, as subqueries (one query for a page)."""
        statements = (
            Statement.objects.filter(consultation=OuterRef("pk"), status=StatementStatus.ACCEPTED)
            .order_by()
            .values("consultation")
            .annotate(n=Count("pk"))
            .values("n")
        )
        participants = (
            Participant.objects.filter(consultation=OuterRef("pk"))
            .order_by()
            .values("consultation")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(
            statement_count=models.functions.Coalesce(models.Subquery(statements), 0),
            participant_count=models.functions.Coalesce(models.Subquery(participants), 0),
        )


class Consultation(TimeStampedModel):
    circle = models.ForeignKey(
        "organisation.Circle",
        verbose_name=_("cercle"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("réunion"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    question = models.CharField(_("question"), max_length=300)
    description = models.TextField(_("contexte"), blank=True)
    audience = models.CharField(
        _("participants"), max_length=20, choices=Audience, default=Audience.CIRCLE
    )
    # Fixed at creation (the services refuse to change it): votes cast under a promise
    # of anonymity never become named, and named votes have a link that cannot be undone.
    anonymous = models.BooleanField(_("anonyme"), default=False)
    allow_statements = models.BooleanField(
        _("les participants peuvent ajouter des propositions"), default=True
    )
    moderation = models.CharField(
        _("modération"), max_length=10, choices=Moderation, default=Moderation.AFTER
    )
    results_visibility = models.CharField(
        _("carte visible"),
        max_length=20,
        choices=ResultsVisibility,
        default=ResultsVisibility.AFTER_VOTING,
    )
    min_votes = models.PositiveSmallIntegerField(
        _("votes pour figurer sur la carte"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    opens_at = models.DateTimeField(_("ouverture"), default=timezone.now)
    closes_at = models.DateTimeField(_("clôture prévue"), null=True, blank=True)
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-opens_at", "-id"]
        indexes = [models.Index(fields=["circle", "-opens_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(question=""), name="consultation_question_not_empty"
            ),
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True) | Q(closes_at__gt=models.F("opens_at")),
                name="consultation_closes_after_opening",
                violation_error_message=_("La clôture doit suivre l'ouverture."),
            ),
            models.CheckConstraint(
                condition=Q(min_votes__gte=1), name="consultation_min_votes_positive"
            ),
        ]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return cached_reverse("opinions:consultation_detail", self.pk)

    def state_at(self, now: datetime.datetime) -> str:
        if self.closed_at is not None or (self.closes_at is not None and now >= self.closes_at):
            return ConsultationState.CLOSED
        if now < self.opens_at:
            return ConsultationState.UPCOMING
        return ConsultationState.OPEN

    @property
    def state(self) -> str:
        return self.state_at(timezone.now())

    @property
    def state_label(self) -> str:
        return ConsultationState(self.state).label

    @property
    def is_open(self) -> bool:
        return self.state == ConsultationState.OPEN

    @property
    def is_closed(self) -> bool:
        return self.state == ConsultationState.CLOSED

    @property
    def generation_name(self) -> str:
        """The cache generation of what its votes and statements show (`fragments`)."""
        return f"opinions:{self.pk}"


class StatementStatus(models.TextChoices):
    PENDING = "pending", _("En attente de modération")
    ACCEPTED = "accepted", _("Publiée")
    HIDDEN = "hidden", _("Masquée")


class Participant(models.Model):
    """Someone who takes part in a consultation: a person (named consultation) or a
    random key's hash (anonymous one), never both."""

    id = RandomIdField()
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="participants"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="opinion_participations",
    )
    # NULL for named participants: unique among the keys, and NULLs never collide.
    key_hash = models.CharField(  # noqa: DJ001
        _("clé (empreinte)"), max_length=64, null=True, blank=True
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, key_hash__isnull=True)
                | Q(person__isnull=True, key_hash__isnull=False),
                name="opinion_participant_person_or_key",
            ),
            models.UniqueConstraint(
                fields=["consultation", "person"], name="opinion_participant_once"
            ),
            models.UniqueConstraint(fields=["key_hash"], name="opinion_participant_key_unique"),
        ]

    def __str__(self):
        return _("Participant %(id)s") % {"id": self.pk}


class StatementQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=StatementStatus.ACCEPTED)


class Statement(models.Model):
    id = RandomIdField()
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="statements"
    )
    text = models.CharField(_("proposition"), max_length=STATEMENT_MAX_LENGTH)
    text_key = models.CharField(max_length=STATEMENT_MAX_LENGTH, editable=False)
    # The person who wrote it: organisers' seed statements, and participants' ones in a
    # named consultation. Always null for a participant's statement in an anonymous one.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The participant who wrote it (so he sees its moderation), if a participant did.
    participant = models.ForeignKey(
        Participant,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statements",
    )
    is_seed = models.BooleanField(_("proposition de départ"), default=False)
    status = models.CharField(
        _("état"), max_length=10, choices=StatementStatus, default=StatementStatus.ACCEPTED
    )
    moderation_reason = models.CharField(_("motif"), max_length=300, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modérée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("proposée le"), default=timezone.now)
    # Counters kept by `services.vote_cast`, so that choosing the next statement and
    # listing statements cost no aggregate over the votes.
    agree_count = models.PositiveIntegerField(default=0)
    disagree_count = models.PositiveIntegerField(default=0)
    pass_count = models.PositiveIntegerField(default=0)

    objects = StatementQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposition")
        verbose_name_plural = _("propositions")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["consultation", "status"])]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="statement_text_not_empty"),
            models.UniqueConstraint(
                fields=["consultation", "text_key"],
                name="statement_unique_text",
                violation_error_message=_("Cette proposition existe déjà."),
            ),
            models.CheckConstraint(
                condition=~Q(status="hidden") | ~Q(moderation_reason=""),
                name="statement_hidden_has_reason",
                violation_error_message=_("Donnez le motif du masquage."),
            ),
        ]

    def __str__(self):
        return self.text

    @property
    def vote_count(self) -> int:
        return self.agree_count + self.disagree_count + self.pass_count


class Choice(models.IntegerChoices):
    AGREE = 1, _("D'accord")
    DISAGREE = -1, _("Pas d'accord")
    PASS = 0, _("Je passe")


class VoteChoice(models.TextChoices):
    """The votes by name, as the forms and the API send them."""

    AGREE = "agree", _("D'accord")
    DISAGREE = "disagree", _("Pas d'accord")
    PASS = "pass", _("Je passe")


CHOICE_NAMES = {
    VoteChoice.AGREE.value: Choice.AGREE,
    VoteChoice.DISAGREE.value: Choice.DISAGREE,
    VoteChoice.PASS.value: Choice.PASS,
}


class Vote(models.Model):
    """One participant's vote on one statement; no time is kept (see the module)."""

    id = RandomIdField()
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    value = models.SmallIntegerField(_("vote"), choices=Choice)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["participant", "statement"], name="opinion_vote_once"),
            models.CheckConstraint(condition=Q(value__in=[-1, 0, 1]), name="opinion_vote_value"),
        ]

    def __str__(self):
        return f"{self.statement_id}: {self.value}"
