from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cercles.core.models import TimeStampedModel
from cercles.lib.urls import cached_reverse

LEVELS = (1, 2, 3, 4)
LEVEL_LABELS = {
    1: _("Découverte"),
    2: _("Pratique"),
    3: _("Maîtrise"),
    4: _("Expertise"),
}


class CompetencyKind(models.TextChoices):
    TECHNICAL = "technical", _("Technique")
    BEHAVIOURAL = "behavioural", _("Savoir-être")


class CompetencySource(models.TextChoices):
    LOCAL = "local", _("Référentiel de l'organisation")
    ESCO = "esco", _("ESCO")
    ROME = "rome", _("ROME 4.0 (France Travail)")


class CompetencyFamilyQuerySet(models.QuerySet):
    def live(self):
        return self.filter(archived_at__isnull=True)


class CompetencyFamily(TimeStampedModel):
    name = models.CharField(_("nom"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    archived_at = models.DateTimeField(_("archivée le"), null=True, blank=True)

    objects = CompetencyFamilyQuerySet.as_manager()

    class Meta:
        verbose_name = _("famille de compétences")
        verbose_name_plural = _("familles de compétences")
        ordering = ["position", "name", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="competency_family_name_not_empty"),
            models.UniqueConstraint(
                Lower("name"),
                condition=Q(archived_at__isnull=True),
                name="competency_family_name_unique",
                violation_error_message=_("Une famille de ce nom existe déjà."),
            ),
        ]

    def __str__(self):
        return self.name


class CompetencyQuerySet(models.QuerySet):
    def live(self):
        return self.filter(archived_at__isnull=True)


class Competency(TimeStampedModel):
    """A competency of the organisation's framework, with what each of 4 levels means."""

    family = models.ForeignKey(
        CompetencyFamily,
        verbose_name=_("famille"),
        on_delete=models.PROTECT,
        related_name="competencies",
    )
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(
        _("nature"), max_length=20, choices=CompetencyKind, default=CompetencyKind.TECHNICAL
    )
    description = models.TextField(_("description"), blank=True)
    level_1 = models.TextField(_("niveau 1 — découverte"), blank=True)
    level_2 = models.TextField(_("niveau 2 — pratique"), blank=True)
    level_3 = models.TextField(_("niveau 3 — maîtrise"), blank=True)
    level_4 = models.TextField(_("niveau 4 — expertise, transmission"), blank=True)
    source = models.CharField(
        _("origine"), max_length=10, choices=CompetencySource, default=CompetencySource.LOCAL
    )
    external_id = models.CharField(
        _("identifiant d'origine"),
        max_length=300,
        blank=True,
        help_text=_(
            "L'URI ESCO ou le code ROME : un nouvel import met à jour au lieu de dupliquer."
        ),
    )
    archived_at = models.DateTimeField(_("archivée le"), null=True, blank=True)

    objects = CompetencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("compétence")
        verbose_name_plural = _("compétences")
        ordering = ["family__position", "family__name", "name", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="competency_name_not_empty"),
            models.UniqueConstraint(
                Lower("name"),
                "family",
                condition=Q(archived_at__isnull=True),
                name="competency_name_unique_in_family",
                violation_error_message=_("Cette famille a déjà une compétence de ce nom."),
            ),
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~Q(external_id=""),
                name="competency_external_id_unique",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return cached_reverse("competencies:competency_detail", self.pk)

    def level_descriptors(self) -> list[tuple[int, str]]:
        return [(level, getattr(self, f"level_{level}")) for level in LEVELS]


# --- Self-assessment campaigns ------------------------------------------------------


class CampaignAudience(models.TextChoices):
    EVERYONE = "everyone", _("Toute l'organisation")
    CIRCLES = "circles", _("Les cercles choisis")


class AssessmentCampaignQuerySet(models.QuerySet):
    def live(self):
        return self.filter(archived_at__isnull=True)


class AssessmentCampaign(TimeStampedModel):
    """A self-assessment campaign: who is invited, on which competencies, when.

    HR create it; each invited person rates himself on its competencies (and on free
    work axes when allowed). What he writes stays his own unless he shares it.
    """

    name = models.CharField(_("nom"), max_length=200)
    description = models.TextField(_("présentation"), blank=True)
    starts_on = models.DateField(_("ouverte du"))
    ends_on = models.DateField(_("au"))
    competencies = models.ManyToManyField(
        Competency, verbose_name=_("compétences"), related_name="campaigns"
    )
    allow_work_axes = models.BooleanField(
        _("axes de travail libres"),
        default=True,
        help_text=_("Chacun peut ajouter ses propres axes de travail, avec son niveau."),
    )
    audience = models.CharField(
        _("public"), max_length=10, choices=CampaignAudience, default=CampaignAudience.EVERYONE
    )
    circles = models.ManyToManyField(
        "organisation.Circle", verbose_name=_("cercles"), related_name="+", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créée par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    archived_at = models.DateTimeField(_("archivée le"), null=True, blank=True)

    objects = AssessmentCampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("campagne d'auto-évaluation")
        verbose_name_plural = _("campagnes d'auto-évaluation")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="assessment_campaign_name"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="assessment_campaign_period"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return cached_reverse("competencies:campaign_detail", self.pk)

    def is_open(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.archived_at is None and self.starts_on <= on <= self.ends_on


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Validée")


class AssessmentQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(status=AssessmentStatus.SUBMITTED)

    def visible_to(self, user):
        """His own assessments, and the submitted ones their author shared with him
        (one assessment, or all of them). Nobody else, whatever his function."""
        if not (user and user.is_authenticated):
            return self.none()
        shared = AssessmentShare.objects.filter(viewer=user).filter(
            Q(assessment=OuterRef("pk")) | Q(assessment__isnull=True, owner=OuterRef("person"))
        )
        return self.filter(Q(person=user) | Q(Exists(shared), status=AssessmentStatus.SUBMITTED))


class Assessment(TimeStampedModel):
    """A person's self-assessment in a campaign: private to him unless he shares it."""

    campaign = models.ForeignKey(
        AssessmentCampaign,
        verbose_name=_("campagne"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="self_assessments",
    )
    status = models.CharField(
        _("état"), max_length=10, choices=AssessmentStatus, default=AssessmentStatus.DRAFT
    )
    comment = models.TextField(_("commentaire général"), blank=True)
    submitted_at = models.DateTimeField(_("validée le"), null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("auto-évaluation")
        verbose_name_plural = _("auto-évaluations")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "person"], name="assessment_once"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="assessment_submitted_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.campaign}"

    def get_absolute_url(self):
        return cached_reverse("competencies:assessment_detail", self.pk)

    @property
    def is_submitted(self) -> bool:
        return self.status == AssessmentStatus.SUBMITTED


class AssessmentRating(models.Model):
    """His level on one competency of the campaign (None: not assessed)."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("auto-évaluation"),
        on_delete=models.CASCADE,
        related_name="ratings",
    )
    competency = models.ForeignKey(
        Competency, verbose_name=_("compétence"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("niveau"), null=True, blank=True)
    comment = models.TextField(_("commentaire"), blank=True)

    class Meta:
        verbose_name = _("niveau estimé")
        verbose_name_plural = _("niveaux estimés")
        ordering = ["competency__family__position", "competency__family__name", "competency__name"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "competency"], name="rating_once"),
            models.CheckConstraint(
                condition=Q(level__isnull=True) | Q(level__gte=1, level__lte=4),
                name="rating_level_range",
            ),
        ]

    def __str__(self):
        return f"{self.competency_id}: {self.level}"


class WorkAxis(models.Model):
    """A free work axis the person names himself, with his level."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("auto-évaluation"),
        on_delete=models.CASCADE,
        related_name="work_axes",
    )
    title = models.CharField(_("axe de travail"), max_length=200)
    level = models.PositiveSmallIntegerField(_("niveau"), null=True, blank=True)
    comment = models.TextField(_("commentaire"), blank=True)

    class Meta:
        verbose_name = _("axe de travail")
        verbose_name_plural = _("axes de travail")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="work_axis_title"),
            models.CheckConstraint(
                condition=Q(level__isnull=True) | Q(level__gte=1, level__lte=4),
                name="work_axis_level_range",
            ),
        ]

    def __str__(self):
        return self.title


class AssessmentShare(models.Model):
    """The owner lets `viewer` read one submitted assessment, or all of them (assessment
    empty). Deleting the row revokes it."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="assessment_shares",
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("partagée avec"),
        on_delete=models.CASCADE,
        related_name="assessments_shared_with_me",
    )
    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("auto-évaluation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="shares",
    )
    created_at = models.DateTimeField(_("partagée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("partage d'auto-évaluation")
        verbose_name_plural = _("partages d'auto-évaluation")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "viewer", "assessment"], name="assessment_share_once"
            ),
            models.UniqueConstraint(
                fields=["owner", "viewer"],
                condition=Q(assessment__isnull=True),
                name="assessment_share_all_once",
            ),
            models.CheckConstraint(
                condition=~Q(owner=F("viewer")), name="assessment_share_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.owner_id} -> {self.viewer_id}"


class FeedbackStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    ANSWERED = "answered", _("Répondu")
    DECLINED = "declined", _("Décliné")


class PeerFeedback(TimeStampedModel):
    """A colleague the person asked to rate him on the campaign's competencies. The
    answer is read by the person (and whoever he shares the assessment with)."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("auto-évaluation"),
        on_delete=models.CASCADE,
        related_name="peer_feedback",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("collègue"),
        on_delete=models.CASCADE,
        related_name="peer_feedback_requests",
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("état"), max_length=10, choices=FeedbackStatus, default=FeedbackStatus.PENDING
    )
    comment = models.TextField(_("commentaire"), blank=True)
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)

    class Meta:
        verbose_name = _("retour d'un collègue")
        verbose_name_plural = _("retours de collègues")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "reviewer"], name="peer_feedback_once"),
        ]

    def get_absolute_url(self):
        return cached_reverse("competencies:feedback_answer", self.pk)


class PeerRating(models.Model):
    feedback = models.ForeignKey(
        PeerFeedback, verbose_name=_("retour"), on_delete=models.CASCADE, related_name="ratings"
    )
    competency = models.ForeignKey(
        Competency, verbose_name=_("compétence"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("niveau"), null=True, blank=True)

    class Meta:
        verbose_name = _("niveau vu par un collègue")
        verbose_name_plural = _("niveaux vus par des collègues")
        constraints = [
            models.UniqueConstraint(fields=["feedback", "competency"], name="peer_rating_once"),
            models.CheckConstraint(
                condition=Q(level__isnull=True) | Q(level__gte=1, level__lte=4),
                name="peer_rating_level_range",
            ),
        ]

    def __str__(self):
        return f"{self.competency_id}: {self.level}"


# --- Public competencies -------------------------------------------------------------


class PublicCompetency(TimeStampedModel):
    """A competency a person chose to show on his profile, with his level."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="public_competencies",
    )
    competency = models.ForeignKey(
        Competency,
        verbose_name=_("compétence"),
        on_delete=models.CASCADE,
        related_name="public_holders",
    )
    level = models.PositiveSmallIntegerField(_("niveau"))

    class Meta:
        verbose_name = _("compétence affichée")
        verbose_name_plural = _("compétences affichées")
        ordering = ["competency__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "competency"], name="public_competency_once"),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=4), name="public_competency_level_range"
            ),
        ]
