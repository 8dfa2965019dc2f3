from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cercles.core.models import TimeStampedModel


class Function(models.TextChoices):
    HR = "hr", _("Ressources humaines")
    COACHING_COORDINATOR = "coaching_coordinator", _("Coordination du coaching")


class PeopleFunctionQuerySet(models.QuerySet):
    def of(self, function: str):
        return self.filter(function=function, person__is_active=True)


class PeopleFunction(TimeStampedModel):
    """A person entrusted with a people-development function by an organisation admin.

    HR manage the competency framework, campaigns, trainings and onboarding and see
    aggregates; the coaching coordinator reviews and publishes coach matches. Neither
    sees what a person kept private.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="people_functions",
    )
    function = models.CharField(_("fonction"), max_length=30, choices=Function)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confiée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = PeopleFunctionQuerySet.as_manager()

    class Meta:
        verbose_name = _("fonction RH")
        verbose_name_plural = _("fonctions RH")
        ordering = ["function", "person_id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "function"], name="people_function_once"),
        ]

    def __str__(self):
        return f"{self.person} — {self.get_function_display()}"
