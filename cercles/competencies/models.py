from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from cercles.core.models import TimeStampedModel

LEVELS = (1, 2, 3, 4)


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

    def level_descriptors(self) -> list[tuple[int, str]]:
        return [(level, getattr(self, f"level_{level}")) for level in LEVELS]
