"""Meetings of a circle: participants and attendance, the agenda, and the live speaker queue.

A speaking turn is a SpeakerRequest that was given the floor: its `granted_at` and
`ended_at` bound the turn, so a person's speaking time in a meeting is the sum of
(ended_at − granted_at) over his turns (see `ordering.py` for the queue's rule and
`equity.py` for the equity figure). Everything the live room shows is read from these
rows: a page reload or a dropped connection shows the same state.
"""

import datetime
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cercles.core.models import TimeStampedModel
from cercles.lib.urls import cached_reverse


class MeetingKind(models.TextChoices):
    TACTICAL = "tactical", _("Réunion tactique")
    GOVERNANCE = "governance", _("Réunion de gouvernance")
    WORKSHOP = "workshop", _("Atelier")
    SEMINAR = "seminar", _("Séminaire")
    INTER_SERVICE = "inter_service", _("Rencontre inter-services")
    OTHER = "other", _("Autre")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Prévue")
    LIVE = "live", _("En cours")
    CLOSED = "closed", _("Close")


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Admins see every meeting; others, the meetings of the circles they belong to or
        manage (`permissions.seen_circle_ids`) and those they take part in."""
        if not (user and user.is_authenticated):
            return self.none()
        if user.is_admin:
            return self
        from ..permissions import seen_circle_ids

        circle_ids = seen_circle_ids(user)
        guest = Meeting.other_circles.through.objects.filter(
            meeting_id=OuterRef("pk"), circle_id__in=circle_ids
        )
        taking_part = Participant.objects.filter(meeting_id=OuterRef("pk"), person=user)
        return self.filter(Q(circle_id__in=circle_ids) | Exists(guest) | Exists(taking_part))

    def with_mine(self, user):
        """With the user's own participant row (`my_participation`) and the other
        circles, so that the abilities of a page of meetings cost no query each."""
        return self.prefetch_related(
            "other_circles",
            models.Prefetch(
                "participants",
                queryset=Participant.objects.filter(person=user),
                to_attr="my_participation",
            ),
        )


class Meeting(TimeStampedModel):
    circle = models.ForeignKey(
        "organisation.Circle",
        verbose_name=_("cercle"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    # Inter-service meetings: the other circles invited (their members see the meeting).
    other_circles = models.ManyToManyField(
        "organisation.Circle",
        verbose_name=_("autres cercles"),
        blank=True,
        related_name="guest_meetings",
    )
    kind = models.CharField(
        _("type"), max_length=20, choices=MeetingKind, default=MeetingKind.TACTICAL
    )
    title = models.CharField(_("titre"), max_length=200)
    starts_at = models.DateTimeField(_("début"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("durée (minutes)"),
        default=60,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
    )
    place = models.CharField(_("lieu"), max_length=200, blank=True)
    video_link = models.URLField(_("lien de visioconférence"), blank=True)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitateur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("secrétaire"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("état"), max_length=10, choices=MeetingStatus, default=MeetingStatus.PLANNED
    )
    speaking_time_limit_seconds = models.PositiveSmallIntegerField(
        _("temps de parole par intervention (secondes)"),
        default=120,
        validators=[MinValueValidator(10), MaxValueValidator(3600)],
    )
    allow_replies = models.BooleanField(
        _("réponses prioritaires"),
        default=True,
        help_text=_("Une demande de réponse passe avant les autres demandes de parole."),
    )
    started_at = models.DateTimeField(_("ouverte le"), null=True, blank=True)
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True)
    minutes_public = models.BooleanField(
        _("compte rendu visible de tous"),
        default=False,
        help_text=_(
            "Une fois publié, le compte rendu est lu par toutes les personnes connectées, "
            "et non plus seulement par les membres du cercle et les participants."
        ),
    )
    # The calendar invitation's UID (stable for the meeting's whole life) and SEQUENCE
    # (bumped by each change a calendar app must pick up, `services.meeting_update`).
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The template it was planned from, and the charter it follows (the template's, or
    # the organisation's meeting charter), copied at creation.
    template = models.ForeignKey(
        "meetings.MeetingTemplate",
        verbose_name=_("modèle"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    charter = models.ForeignKey(
        "knowledge.Page",
        verbose_name=_("charte de réunion"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sequence = models.PositiveIntegerField(_("version de l'invitation"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("réunion")
        verbose_name_plural = _("réunions")
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["circle", "-starts_at"])]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="meeting_title_not_empty"),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5), name="meeting_duration_positive"
            ),
            models.CheckConstraint(
                condition=Q(speaking_time_limit_seconds__gte=10),
                name="meeting_speaking_limit_positive",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return cached_reverse("meetings:meeting_detail", self.pk)

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    @property
    def is_live(self) -> bool:
        return self.status == MeetingStatus.LIVE

    @property
    def is_closed(self) -> bool:
        return self.status == MeetingStatus.CLOSED


class Participant(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="meeting_participations",
    )
    invited = models.BooleanField(_("invité"), default=True)
    present = models.BooleanField(_("présent"), default=False)
    # Absent with a reason given beforehand ("excusé" in the minutes).
    excused = models.BooleanField(_("excusé"), default=False)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["person__last_name", "person__first_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="participant_once"),
            models.CheckConstraint(
                condition=Q(present=False) | Q(excused=False),
                name="participant_not_present_and_excused",
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.meeting}"

    @property
    def attendance(self) -> str:
        """'present', 'excused' or 'absent'."""
        if self.present:
            return "present"
        return "excused" if self.excused else "absent"


class AgendaItemKind(models.TextChoices):
    ITEM = "item", _("Point")
    # The tactical meeting's triage: participants add their tensions below it, live.
    TRIAGE = "triage", _("Triage des tensions")
    TENSION = "tension", _("Tension")


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("point"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("porteur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    time_box_minutes = models.PositiveSmallIntegerField(
        _("durée prévue (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)],
    )
    done = models.BooleanField(_("traité"), default=False)
    kind = models.CharField(
        _("nature"), max_length=10, choices=AgendaItemKind, default=AgendaItemKind.ITEM
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ajouté par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("point de l'ordre du jour")
        verbose_name_plural = _("points de l'ordre du jour")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="agenda_item_title_not_empty"),
        ]

    def __str__(self):
        return self.title


class RequestKind(models.TextChoices):
    SPEAK = "speak", _("Prise de parole")
    POINT_OF_ORDER = "point_of_order", _("Motion d'ordre")
    REPLY = "reply", _("Réponse")


class RequestStatus(models.TextChoices):
    WAITING = "waiting", _("En attente")
    SPEAKING = "speaking", _("A la parole")
    DONE = "done", _("Terminée")
    WITHDRAWN = "withdrawn", _("Retirée")


class SpeakerRequestQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(status=RequestStatus.WAITING)

    def turns(self):
        """The requests that were given the floor: one speaking turn each."""
        return self.filter(granted_at__isnull=False)


class SpeakerRequest(models.Model):
    """A request for the floor; once given the floor, a speaking turn."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="speaker_requests")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="speaker_requests",
    )
    kind = models.CharField(
        _("type"), max_length=20, choices=RequestKind, default=RequestKind.SPEAK
    )
    requested_at = models.DateTimeField(_("demandée le"), default=timezone.now)
    status = models.CharField(
        _("état"), max_length=10, choices=RequestStatus, default=RequestStatus.WAITING
    )
    # The facilitator's hand ordering (`services.queue_reorder`): it overrides the rule.
    manual_position = models.PositiveIntegerField(_("rang choisi"), null=True, blank=True)
    granted_at = models.DateTimeField(_("parole donnée le"), null=True, blank=True)
    ended_at = models.DateTimeField(_("parole rendue le"), null=True, blank=True)

    objects = SpeakerRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("demande de parole")
        verbose_name_plural = _("demandes de parole")
        ordering = ["requested_at", "id"]
        indexes = [models.Index(fields=["meeting", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(status="waiting"),
                name="speaker_request_one_waiting_per_person",
                violation_error_message=_("Vous avez déjà demandé la parole."),
            ),
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(status="speaking"),
                name="speaker_request_one_speaker",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True)
                | Q(granted_at__isnull=False, ended_at__gte=models.F("granted_at")),
                name="speaker_request_ends_after_granted",
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.get_kind_display()}"

    @property
    def seconds(self) -> float:
        """Length of the finished turn, in seconds (0 if not a finished turn)."""
        if self.granted_at is None or self.ended_at is None:
            return 0.0
        return (self.ended_at - self.granted_at).total_seconds()

    def ends_at(self, limit_seconds: int) -> datetime.datetime | None:
        """When the countdown of a turn in progress reaches zero."""
        if self.granted_at is None:
            return None
        return self.granted_at + datetime.timedelta(seconds=limit_seconds)
