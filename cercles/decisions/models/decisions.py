"""The record of a proposal's outcome, and the minority opinions attached to it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cercles.lib.urls import cached_reverse

from .proposals import Process, Proposal, ProposalKind, ProposalVersion


class DecisionOutcome(models.TextChoices):
    ADOPTED = "adopted", _("Adoptée")
    REJECTED = "rejected", _("Rejetée")


class DecisionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Decisions of the circles whose meetings the user sees and of the meetings he
        sees. An adopted governance decision changed the organisation, whose history
        everyone reads and links to it: everyone logged in reads it too."""
        if not (user and user.is_authenticated):
            return self.none()
        if user.is_admin:
            return self
        from cercles.meetings.models import Meeting
        from cercles.meetings.permissions import seen_circle_ids

        return self.filter(
            Q(circle_id__in=seen_circle_ids(user))
            | Q(meeting__in=Meeting.objects.visible_to(user).values("pk"))
            | Q(kind=ProposalKind.GOVERNANCE, outcome=DecisionOutcome.ADOPTED)
        )


class Decision(models.Model):
    """The record of a proposal's outcome: the final text, the process, and (read
    through the proposal) its versions, steps, objections; the dissent notes."""

    proposal = models.OneToOneField(
        Proposal, verbose_name=_("proposition"), on_delete=models.CASCADE, related_name="decision"
    )
    circle = models.ForeignKey(
        "organisation.Circle",
        verbose_name=_("cercle"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("réunion"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    kind = models.CharField(_("nature"), max_length=20, choices=ProposalKind)
    process = models.CharField(_("processus"), max_length=20, choices=Process)
    outcome = models.CharField(_("issue"), max_length=20, choices=DecisionOutcome)
    asynchronous = models.BooleanField(_("sans réunion"), default=False)
    title = models.CharField(_("titre"), max_length=200)
    tension = models.TextField(_("tension"))
    text = models.TextField(_("texte adopté"))
    version = models.ForeignKey(
        ProposalVersion,
        verbose_name=_("version finale"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.TextField(_("motif"), blank=True)
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("porteur"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("constatée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("décidée le"))

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("décision")
        verbose_name_plural = _("décisions")
        ordering = ["-decided_at", "-id"]
        indexes = [
            models.Index(fields=["circle", "-decided_at"]),
            models.Index(fields=["meeting"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return cached_reverse("decisions:decision_detail", self.pk)

    @property
    def is_adopted(self) -> bool:
        return self.outcome == DecisionOutcome.ADOPTED


class DissentNote(models.Model):
    """A minority opinion attached to an adopted decision: one per person, his own."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="dissent_notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.CASCADE,
        related_name="dissent_notes",
    )
    text = models.TextField(_("opinion minoritaire"))
    created_at = models.DateTimeField(_("écrite le"))
    updated_at = models.DateTimeField(_("modifiée le"))

    class Meta:
        verbose_name = _("opinion minoritaire")
        verbose_name_plural = _("opinions minoritaires")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "author"],
                name="dissent_note_once",
                violation_error_message=_("Vous avez déjà joint une opinion à cette décision."),
            ),
            models.CheckConstraint(condition=~Q(text=""), name="dissent_note_not_empty"),
        ]

    def __str__(self):
        return self.text[:60]
