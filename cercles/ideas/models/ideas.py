"""Campaigns, ideas and what happens to them: public answers, supports, comments, follows.

An idea's life is a small state machine (`TRANSITIONS`): every change made by a
facilitator leaves a public `IdeaAnswer` with its reason, so nobody's proposal goes
unanswered in silence (seed 003). Writes go through `services.py`.

Anonymity (PRODUCT, ideas module): an anonymous idea keeps no link to its author —
`author` is null and nothing else names him (no follow, no log line, no cache key).
Its timestamps are cut to the day (midnight UTC), so that the exact second of the
posting cannot be joined with the server's access logs or with the author's other
rows. Its id, and the ids of the rows written with it (`IdeaObjective`), are drawn at
random (`random_id`): sequential ids would place it between the signed ideas posted
just before and after it, whose exact times are public, and so pin its posting time.
"""

import datetime
import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cercles.core.models import TimeStampedModel

# Re-exported: migrations and callers name them from here.
from cercles.lib.random_ids import RANDOM_ID_MAX, RandomIdField, random_id  # noqa: F401

ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
ATTACHMENT_EXTENSIONS = ["pdf", "png", "jpg", "jpeg", "odt", "docx", "xlsx", "ods", "txt"]
# An anonymous idea carries no file: the file keeps its exact time on the server's disk,
# and a document's own metadata (the author of a PDF or an office file) may name him.
ANONYMOUS_ATTACHMENT_REFUSED = _(
    "Une idée anonyme ne peut pas porter de pièce jointe : un document garde souvent le "
    "nom de son auteur dans ses propriétés (PDF, traitement de texte), ce qui vous "
    "identifierait. Décrivez-en le contenu dans le texte, ou publiez l'idée signée."
)


def validate_attachment_size(file):
    if file.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(_("La pièce jointe dépasse 5 Mo."), code="too_large")


def attachment_path(instance, filename):
    # A random name: the file's own name often carries its author's ("note_dupont.pdf").
    ext = os.path.splitext(filename)[1].lower()
    return f"ideas/{uuid.uuid4().hex}{ext}"


# Random ids stay below 2**53 so that JavaScript clients of the API read them exactly.


def day_start(moment: datetime.datetime) -> datetime.datetime:
    """Midnight UTC of the moment's UTC day: the only precision kept for anonymous ideas."""
    moment = moment.astimezone(datetime.UTC)
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


class Objective(TimeStampedModel):
    """One of the organisation's innovation objectives (edited in the Django admin)."""

    name = models.CharField(_("nom"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("actif"), default=True)

    class Meta:
        verbose_name = _("objectif")
        verbose_name_plural = _("objectifs")
        ordering = ["position", "name", "id"]

    def __str__(self):
        return self.name


class CampaignQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Anyone logged in reads every campaign."""
        if not (user and user.is_authenticated):
            return self.none()
        return self

    def open_on(self, day: datetime.date):
        return self.filter(starts_on__lte=day, ends_on__gte=day)


class Campaign(TimeStampedModel):
    """A challenge ("défi"): a question put to everyone (or to a circle) for a period."""

    title = models.CharField(_("titre"), max_length=200)
    question = models.CharField(_("question"), max_length=500)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    starts_on = models.DateField(_("début"))
    ends_on = models.DateField(_("fin"))
    objectives = models.ManyToManyField(
        Objective, verbose_name=_("objectifs"), blank=True, related_name="campaigns"
    )
    circle = models.ForeignKey(
        "organisation.Circle",
        verbose_name=_("périmètre"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="campaigns",
        help_text=_("Vide : toute l'organisation."),
    )
    answer_deadline_days = models.PositiveSmallIntegerField(
        _("délai de réponse (jours)"), default=30, validators=[MinValueValidator(1)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("campagne")
        verbose_name_plural = _("campagnes")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="campaign_ends_after_start",
                violation_error_message=_("La fin doit suivre le début."),
            ),
            models.CheckConstraint(
                condition=Q(answer_deadline_days__gte=1), name="campaign_deadline_positive"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="campaign_title_not_empty"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ideas:campaign_detail", args=[self.pk])

    def is_open_on(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on

    @property
    def is_open(self) -> bool:
        return self.is_open_on(timezone.localdate())


class IdeaStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Déposée")
    UNDER_STUDY = "under_study", _("À l'étude")
    ACCEPTED = "accepted", _("Retenue")
    REFUSED = "refused", _("Non retenue")
    MERGED = "merged", _("Fusionnée")
    IN_PROJECT = "in_project", _("En projet")
    IMPLEMENTED = "implemented", _("Réalisée")


S = IdeaStatus
# The life cycle: where a facilitator may take an idea from each state. Leaving a
# draft is the author's `idea_submit`; reaching MERGED only goes through `idea_merge`.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED}),
    S.SUBMITTED: frozenset({S.UNDER_STUDY, S.ACCEPTED, S.REFUSED, S.MERGED}),
    S.UNDER_STUDY: frozenset({S.ACCEPTED, S.REFUSED, S.MERGED}),
    S.ACCEPTED: frozenset({S.IN_PROJECT, S.IMPLEMENTED, S.REFUSED}),
    S.IN_PROJECT: frozenset({S.IMPLEMENTED, S.ACCEPTED}),
    S.REFUSED: frozenset({S.UNDER_STUDY}),  # reopened
    S.MERGED: frozenset(),
    S.IMPLEMENTED: frozenset(),
}
# States still waiting for the public answer they are due.
AWAITING_ANSWER = (S.SUBMITTED, S.UNDER_STUDY)
# States in which people may still rally behind an idea.
SUPPORTABLE = (S.SUBMITTED, S.UNDER_STUDY, S.ACCEPTED, S.IN_PROJECT)


def facilitator_targets(status: str) -> list[str]:
    """States a facilitator may choose on the answer form (merging has its own form)."""
    return [s for s in IdeaStatus.values if s in TRANSITIONS[status] and s != S.MERGED]


class IdeaQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Logged-in people read every idea that is not a draft, and their own drafts."""
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(~Q(status=S.DRAFT) | Q(author_id=user.pk))

    def published(self):
        return self.exclude(status=S.DRAFT)

    def overdue(self, today: datetime.date):
        """Waiting for their answer past the day it was due."""
        return self.filter(
            status__in=AWAITING_ANSWER, answered_at__isnull=True, answer_due_on__lt=today
        )

    def for_list(self):
        return self.select_related("author", "campaign", "circle")

    def similar_candidates(self, user):
        """What the similar-ideas panel and endpoint search: the ideas the user may see,
        except merged ones (their target is offered instead)."""
        return self.visible_to(user).exclude(status=S.MERGED)

    def listing(
        self,
        user,
        *,
        campaign_id=None,
        status="",
        objective_id=None,
        circle_id=None,
        overdue_on=None,
        sort="recent",
    ):
        """The list pages' and the API's ideas, filtered and sorted."""
        ideas = self.visible_to(user).for_list()
        if campaign_id:
            ideas = ideas.filter(campaign_id=campaign_id)
        if status:
            ideas = ideas.filter(status=status)
        if objective_id:
            ideas = ideas.filter(objectives__id=objective_id)
        if circle_id:
            # The idea's circle, or its campaign's when it names none: who answers it.
            ideas = ideas.filter(
                Q(circle_id=circle_id) | Q(circle__isnull=True, campaign__circle_id=circle_id)
            )
        if overdue_on is not None:
            ideas = ideas.overdue(overdue_on)
        if sort == "supported":
            return ideas.order_by("-support_count", "-created_at", "-id")
        return ideas.order_by("-created_at", "-id")


class Idea(TimeStampedModel):
    # Random, not sequential: see the module's docstring.
    id = RandomIdField()
    # Set by the services, not auto_now: an anonymous idea's times are cut to the day.
    created_at = models.DateTimeField(_("créée le"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("modifiée le"), default=timezone.now, editable=False)

    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campagne"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ideas",
    )
    title = models.CharField(_("titre"), max_length=200)
    body = models.TextField(_("description"), help_text=_("Markdown."))
    objectives = models.ManyToManyField(
        Objective,
        verbose_name=_("objectifs"),
        blank=True,
        related_name="ideas",
        through="IdeaObjective",
    )
    circle = models.ForeignKey(
        "organisation.Circle",
        verbose_name=_("cercle concerné"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ideas",
    )
    attachment = models.FileField(
        _("pièce jointe"),
        upload_to=attachment_path,
        blank=True,
        validators=[
            FileExtensionValidator(ATTACHMENT_EXTENSIONS),
            validate_attachment_size,
        ],
    )
    # Always null for an anonymous idea (constraint below).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
    )
    is_anonymous = models.BooleanField(_("anonyme"), default=False)
    status = models.CharField(
        _("état"), max_length=20, choices=IdeaStatus, default=IdeaStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("déposée le"), null=True, blank=True)
    answer_due_on = models.DateField(_("réponse attendue le"), null=True, blank=True)
    answered_at = models.DateTimeField(_("première réponse le"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("fusionnée dans"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_ideas",
    )
    # The theme of its campaign the idea was grouped into (at most one: a column, not a
    # table). Set only by the theme services, which keep it within the idea's campaign.
    theme = models.ForeignKey(
        "ideas.Theme",
        verbose_name=_("thème"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
    )
    # Kept by the services in the same transaction as the Support rows: the list sorts
    # and shows it for 20,000 ideas and 200,000 supports, where a COUNT per page or an
    # annotated sort over the whole table would cost far more than an indexed column.
    support_count = models.PositiveIntegerField(_("soutiens"), default=0, editable=False)
    # Filled in the background by `tasks.embed_idea` (similarity engine).
    embedding = models.BinaryField(null=True, blank=True, editable=False)
    embedding_model = models.CharField(max_length=64, blank=True, editable=False)
    # Accent-folded title and body: the search key (cercles.core.search).
    search_text = models.TextField(editable=False, default="")

    objects = IdeaQuerySet.as_manager()

    class Meta:
        verbose_name = _("idée")
        verbose_name_plural = _("idées")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_anonymous=False) | Q(author__isnull=True),
                name="idea_anonymous_has_no_author",
            ),
            models.CheckConstraint(
                condition=~Q(status="draft") | Q(is_anonymous=False),
                name="idea_anonymous_not_draft",
                violation_error_message=_("Une idée anonyme ne peut pas être un brouillon."),
            ),
            models.CheckConstraint(
                condition=~Q(status="merged") | Q(merged_into__isnull=False),
                name="idea_merged_has_target",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="idea_title_not_empty"),
            models.CheckConstraint(condition=~Q(body=""), name="idea_body_not_empty"),
        ]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="idea_recent_idx"),
            models.Index(fields=["-support_count", "-id"], name="idea_supported_idx"),
            models.Index(fields=["status", "answer_due_on"], name="idea_due_idx"),
            models.Index(fields=["campaign", "status"], name="idea_campaign_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ideas:idea_detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == S.DRAFT

    def is_overdue_on(self, today: datetime.date) -> bool:
        return (
            self.status in AWAITING_ANSWER
            and self.answered_at is None
            and self.answer_due_on is not None
            and self.answer_due_on < today
        )

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())

    @property
    def scope_circle_id(self) -> int | None:
        """The circle whose facilitators answer: the idea's own, else its campaign's."""
        if self.circle_id:
            return self.circle_id
        return self.campaign.circle_id if self.campaign_id else None

    def status_class(self) -> str:
        return f"status-{self.status}"


class IdeaObjective(models.Model):
    """An idea's objective. Written with the idea, so its id is random too: sequential
    ids would give the idea's place among the other ideas' links (module docstring)."""

    id = RandomIdField()
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="objective_links")
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="idea_links")

    class Meta:
        verbose_name = _("objectif d'une idée")
        verbose_name_plural = _("objectifs des idées")
        constraints = [
            models.UniqueConstraint(fields=["idea", "objective"], name="idea_objective_once")
        ]

    def __str__(self):
        return f"{self.idea_id} → {self.objective_id}"


class IdeaAnswer(models.Model):
    """A public answer: the change of state and its reason, for everyone to read."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="answers")
    from_status = models.CharField(_("état précédent"), max_length=20, choices=IdeaStatus)
    to_status = models.CharField(_("nouvel état"), max_length=20, choices=IdeaStatus)
    text = models.TextField(_("réponse"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("le"), default=timezone.now)

    class Meta:
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses")
        ordering = ["at", "id"]
        constraints = [
            # Every answer carries its reason; a refusal above all.
            models.CheckConstraint(
                condition=~Q(text=""),
                name="idea_answer_has_text",
                violation_error_message=_("La réponse doit être motivée."),
            ),
        ]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class Support(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_supports"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("soutien")
        verbose_name_plural = _("soutiens")
        constraints = [
            models.UniqueConstraint(fields=["idea", "person"], name="support_once_per_person")
        ]
        indexes = [models.Index(fields=["person", "idea"])]

    def __str__(self):
        return f"{self.person_id} → {self.idea_id}"


class Follow(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="follows")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnements")
        constraints = [
            models.UniqueConstraint(fields=["idea", "person"], name="follow_once_per_person")
        ]
        indexes = [models.Index(fields=["person", "idea"])]

    def __str__(self):
        return f"{self.person_id} → {self.idea_id}"


class CommentQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(idea__in=Idea.objects.visible_to(user))


class Comment(TimeStampedModel):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="idea_comments",
    )
    # One level of replies: a reply to a reply is attached to the first comment.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    body = models.TextField(_("commentaire"))
    hidden_at = models.DateTimeField(_("masqué le"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("masqué par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_reason = models.TextField(_("motif du masquage"), blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("commentaire")
        verbose_name_plural = _("commentaires")
        ordering = ["created_at", "id"]
        indexes = [
            # An idea's page reads its threads (first comments) a page at a time, oldest
            # first, and counts them.
            models.Index(fields=["idea", "parent", "created_at", "id"], name="comment_thread_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="comment_body_not_empty"),
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""),
                name="comment_hidden_has_reason",
                violation_error_message=_("Indiquez pourquoi le commentaire est masqué."),
            ),
        ]

    def __str__(self):
        return self.body[:60]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class CommentReport(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("motif"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("signalement")
        verbose_name_plural = _("signalements")
        constraints = [
            models.UniqueConstraint(fields=["comment", "by"], name="report_once_per_person")
        ]

    def __str__(self):
        return f"{self.by_id} → {self.comment_id}"
