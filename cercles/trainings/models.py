"""Short trainings given by internal trainers (seeds 001 and 004).

- A *training* is an entry of the catalogue: what it teaches, to whom, which
  competencies it develops, who gives it. Anyone proposes one he would give; HR
  publish, edit and archive; its trainers edit it.
- A *session* is one occurrence of a training, on a date (stored in UTC, shown in
  Europe/Paris), with a capacity. People register; past the capacity they join a
  waiting list, promoted in order when a seat frees up (`services`).
- A *registration* carries the person's place (registered, waiting, cancelled), his
  attendance once the session has started, and whether he gave his feedback.
- A *feedback* is a rating (1–5) and a comment on a session, stored WITHOUT its
  author: trainers and HR read the comments without names. The registration only
  records that its person gave one (so he gives it once).
"""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cercles.core.models import TimeStampedModel
from cercles.lib.urls import cached_reverse

DEFAULT_DURATION = 120  # minutes: the "2-hour micro training" of seed 004


class TrainingStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposée")
    PUBLISHED = "published", _("Publiée")
    ARCHIVED = "archived", _("Archivée")


class TrainingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Published and archived trainings to everyone logged in; a proposed one to its
        trainers, its author and HR."""
        from cercles.people.functions import is_hr

        if not (user and user.is_authenticated):
            return self.none()
        if is_hr(user):
            return self
        return self.filter(
            ~Q(status=TrainingStatus.PROPOSED)
            | Q(proposed_by=user)
            | Exists(Training.trainers.through.objects.filter(training=OuterRef("pk"), person=user))
        )

    def with_upcoming(self, now=None):
        """Annotate the number of scheduled sessions still to come."""
        now = now or timezone.now()
        return self.annotate(
            upcoming_count=Count(
                "sessions",
                filter=Q(sessions__status=SessionStatus.SCHEDULED, sessions__starts_at__gte=now),
                distinct=True,
            )
        )


class Training(TimeStampedModel):
    title = models.CharField(_("titre"), max_length=200)
    summary = models.CharField(_("en bref"), max_length=500, blank=True)
    programme = models.TextField(_("programme"), blank=True)
    audience = models.CharField(_("public"), max_length=300, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("durée habituelle (minutes)"), default=DEFAULT_DURATION
    )
    competencies = models.ManyToManyField(
        "competencies.Competency",
        verbose_name=_("compétences développées"),
        related_name="trainings",
        blank=True,
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("formateurs"),
        related_name="trainings_given",
        blank=True,
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=TrainingStatus, default=TrainingStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)

    objects = TrainingQuerySet.as_manager()

    class Meta:
        verbose_name = _("formation")
        verbose_name_plural = _("formations")
        ordering = ["title", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="training_title_not_empty"),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=15, duration_minutes__lte=8 * 60),
                name="training_duration_range",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return cached_reverse("trainings:training_detail", self.pk)


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Programmée")
    CANCELLED = "cancelled", _("Annulée")


class SessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The sessions of the trainings the user sees."""
        return self.filter(training__in=Training.objects.visible_to(user))

    def upcoming(self, now=None):
        return self.filter(status=SessionStatus.SCHEDULED, starts_at__gte=now or timezone.now())

    def with_counts(self):
        return self.annotate(
            registered_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)
            ),
            waiting_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
            ),
        )


class Session(TimeStampedModel):
    training = models.ForeignKey(
        Training, verbose_name=_("formation"), on_delete=models.CASCADE, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("début"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("durée (minutes)"), default=DEFAULT_DURATION
    )
    place = models.CharField(_("lieu"), max_length=200, blank=True)
    online_link = models.URLField(_("lien de visioconférence"), max_length=500, blank=True)
    capacity = models.PositiveSmallIntegerField(_("nombre de places"))
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("formateurs"),
        related_name="training_sessions_given",
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=SessionStatus, default=SessionStatus.SCHEDULED
    )
    # The calendar event's identity: the same UID for the session's whole life, and a
    # SEQUENCE bumped when its date, duration or place change (like meetings).
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    reminded_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_capacity_positive"),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=15, duration_minutes__lte=8 * 60),
                name="session_duration_range",
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"], name="session_status_start_idx")]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{self.training.title} — {local:%d/%m/%Y %H:%M}"

    def get_absolute_url(self):
        return cached_reverse("trainings:session_detail", self.pk)

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    def has_started(self, now=None) -> bool:
        return self.starts_at <= (now or timezone.now())

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Inscrit·e")
    WAITING = "waiting", _("En liste d'attente")
    CANCELLED = "cancelled", _("Désinscrit·e")


class Registration(TimeStampedModel):
    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="training_registrations",
    )
    status = models.CharField(_("statut"), max_length=20, choices=RegistrationStatus)
    # The waiting list's order: when the person (last) asked for a seat.
    queued_at = models.DateTimeField(_("demandée le"))
    promoted_at = models.DateTimeField(_("passée de l'attente à l'inscription le"), null=True)
    cancelled_at = models.DateTimeField(_("désinscrit·e le"), null=True, blank=True)
    attended = models.BooleanField(_("présent·e"), null=True, blank=True)
    feedback_given_at = models.DateTimeField(_("avis donné le"), null=True, blank=True)

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["queued_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="registration_once"),
        ]
        indexes = [
            models.Index(fields=["session", "status", "queued_at"], name="registration_queue_idx"),
        ]

    def __str__(self):
        return f"{self.person} — {self.session}"


class Feedback(models.Model):
    """An attendee's opinion of a session, with no link to its author (see the module)."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="feedbacks"
    )
    rating = models.PositiveSmallIntegerField(_("note"))
    comment = models.TextField(_("commentaire"), blank=True)
    # The day only: a time would let one match a comment with a registration's
    # `feedback_given_at`.
    given_on = models.DateField(_("donné le"))

    class Meta:
        verbose_name = _("avis")
        verbose_name_plural = _("avis")
        # Not by id, which follows the order the attendees answered in.
        ordering = ["-rating", "comment"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_range"
            ),
        ]

    def __str__(self):
        return f"{self.session_id}: {self.rating}"


class CalendarFeed(models.Model):
    """The secret address of a person's training sessions feed: only the key's SHA-256
    is stored (like meetings' feed); a new key kills the old address."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="training_calendar_feed",
    )
    prefix = models.CharField(max_length=6, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dernière lecture"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda des formations")
        verbose_name_plural = _("agendas des formations")

    def __str__(self):
        return f"{self.person} ({self.prefix}…)"
