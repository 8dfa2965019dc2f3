"""What a meeting leaves behind: its actions, its participants' ratings, its minutes.

- A MeetingAction is a task decided in the meeting (optionally under one agenda item),
  with an owner and a due date; it is ticked done by its owner or by whoever organises
  the meeting. The person page lists a person's actions (to readers who may see the
  meeting).
- A MeetingRating is one present participant's rating of the meeting (1–5), his answer
  to "did you get to say what you wanted?" and an optional comment. Ratings are stored
  with their author (so that one can change his own), but nobody else ever sees who
  rated what: the meeting shows a summary, the comments without names.
- MeetingMinutes is the meeting's minutes in Markdown: generated from the meeting
  (`cercles.meetings.minutes`), then edited by the secretary; every text it ever had
  is kept as a MinutesRevision, so a regeneration loses nothing.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .meeting import AgendaItem, Meeting


class MeetingActionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The actions of the meetings the user sees."""
        return self.filter(meeting__in=Meeting.objects.visible_to(user).values("pk"))

    def open(self):
        return self.filter(done=False)

    def in_due_order(self):
        """Open actions first by due date (those without one last), then by creation."""
        return self.order_by(models.F("due_on").asc(nulls_last=True), "created_at", "id")


class MeetingAction(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("point de l'ordre du jour"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsable"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_actions",
    )
    due_on = models.DateField(_("échéance"), null=True, blank=True)
    done = models.BooleanField(_("faite"), default=False)
    done_at = models.DateTimeField(_("faite le"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cochée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = MeetingActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["done", "due_on", "created_at", "id"]
        indexes = [
            models.Index(fields=["owner", "done"], name="meeting_action_owner_idx"),
            models.Index(fields=["meeting", "done"], name="meeting_action_meeting_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="meeting_action_title_not_empty"),
            models.CheckConstraint(
                condition=Q(done=False, done_at__isnull=True) | Q(done=True, done_at__isnull=False),
                name="meeting_action_done_has_date",
            ),
        ]

    def __str__(self):
        return self.title

    def is_late(self, today) -> bool:
        return not self.done and self.due_on is not None and self.due_on < today


class Voice(models.TextChoices):
    """The answer to "did you get to say what you wanted?"."""

    YES = "yes", _("Oui")
    PARTLY = "partly", _("En partie")
    NO = "no", _("Non")


class MeetingRating(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="ratings")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="meeting_ratings",
    )
    score = models.PositiveSmallIntegerField(
        _("note"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    voice = models.CharField(
        _("avez-vous pu dire ce que vous vouliez ?"), max_length=10, choices=Voice
    )
    comment = models.TextField(_("commentaire"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("donnée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("appréciation de réunion")
        verbose_name_plural = _("appréciations de réunion")
        ordering = ["meeting", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="meeting_rating_once"),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="meeting_rating_score_1_to_5"
            ),
            models.CheckConstraint(
                condition=Q(voice__in=["yes", "partly", "no"]), name="meeting_rating_voice_known"
            ),
        ]

    def __str__(self):
        return f"{self.meeting} — {self.score}/5"


class MeetingMinutes(models.Model):
    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    text = models.TextField(_("texte"), blank=True, help_text=_("En Markdown."))
    generated_at = models.DateTimeField(_("généré le"))
    # Set when someone saves the text by hand; cleared by a regeneration. A regeneration
    # over an edited text asks for confirmation (the edited text is kept as a revision).
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modifié par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    edited_at = models.DateTimeField(_("modifié le"), null=True, blank=True)
    published = models.BooleanField(_("publié"), default=False)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    # Bumped by every save: the edit form carries it, so two secretaries editing at
    # once cannot overwrite each other's text unknowingly.
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("compte rendu")
        verbose_name_plural = _("comptes rendus")
        constraints = [
            models.CheckConstraint(
                condition=Q(published=False) | Q(published_at__isnull=False),
                name="meeting_minutes_published_has_date",
            ),
        ]

    def __str__(self):
        return str(self.meeting)

    @property
    def was_edited(self) -> bool:
        return self.edited_at is not None


class RevisionReason(models.TextChoices):
    GENERATED = "generated", _("généré")
    EDITED = "edited", _("modifié")


class MinutesRevision(models.Model):
    """Every text the minutes ever had, as it was saved (never changed afterwards): a
    regeneration replaces the current text, which stays here."""

    minutes = models.ForeignKey(MeetingMinutes, on_delete=models.CASCADE, related_name="revisions")
    text = models.TextField(_("texte"), blank=True)
    reason = models.CharField(_("motif"), max_length=10, choices=RevisionReason)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    saved_at = models.DateTimeField(_("le"))

    class Meta:
        verbose_name = _("version du compte rendu")
        verbose_name_plural = _("versions du compte rendu")
        ordering = ["-saved_at", "-id"]

    def __str__(self):
        return f"{self.minutes} — {self.get_reason_display()}"
