"""Meeting templates (seed 001: "charte, check-lists et trames de réunion").

A MeetingTemplate gives a kind of meeting its agenda skeleton (items with time boxes,
one of which may be the tactical meeting's triage), its checklist and its charter (a
knowledge page). Planning a meeting from a template copies the agenda and the
checklist into the meeting (`services.templates.apply_template`): changing the template
afterwards changes no meeting already planned. The default templates, in French, come
with the installation (migration 0004).

A MeetingChecklistItem is one line of a meeting's checklist, ticked by whoever
organises the meeting while it is open.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cercles.core.models import TimeStampedModel
from cercles.lib.urls import cached_reverse

from .meeting import AgendaItemKind, Meeting, MeetingKind


class MeetingTemplateQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class MeetingTemplate(TimeStampedModel):
    name = models.CharField(_("nom"), max_length=200, unique=True)
    kind = models.CharField(
        _("type de réunion"), max_length=20, choices=MeetingKind, default=MeetingKind.TACTICAL
    )
    description = models.TextField(_("description"), blank=True, help_text=_("En Markdown."))
    charter = models.ForeignKey(
        "knowledge.Page",
        verbose_name=_("charte de réunion"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Une page de la base de connaissances ; à défaut, la charte de l'organisation."
        ),
    )
    is_active = models.BooleanField(
        _("proposé"), default=True, help_text=_("Proposé quand on planifie une réunion.")
    )

    objects = MeetingTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = _("modèle de réunion")
        verbose_name_plural = _("modèles de réunion")
        ordering = ["kind", "name", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="meeting_template_name_not_empty"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return cached_reverse("meetings:template_update", self.pk)


class TemplateAgendaItem(models.Model):
    template = models.ForeignKey(
        MeetingTemplate, on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("point"), max_length=200)
    time_box_minutes = models.PositiveSmallIntegerField(
        _("durée prévue (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)],
    )
    kind = models.CharField(
        _("nature"), max_length=10, choices=AgendaItemKind, default=AgendaItemKind.ITEM
    )

    class Meta:
        verbose_name = _("point du modèle")
        verbose_name_plural = _("points du modèle")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(title=""), name="template_agenda_item_title_not_empty"
            ),
        ]

    def __str__(self):
        return self.title


class TemplateChecklistItem(models.Model):
    template = models.ForeignKey(
        MeetingTemplate, on_delete=models.CASCADE, related_name="checklist_items"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("élément"), max_length=300)

    class Meta:
        verbose_name = _("élément de checklist du modèle")
        verbose_name_plural = _("éléments de checklist du modèle")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""), name="template_checklist_item_text_not_empty"
            ),
        ]

    def __str__(self):
        return self.text


class MeetingChecklistItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="checklist_items")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("élément"), max_length=300)
    done = models.BooleanField(_("fait"), default=False)
    done_at = models.DateTimeField(_("coché le"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coché par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("élément de checklist")
        verbose_name_plural = _("checklist")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""), name="meeting_checklist_item_text_not_empty"
            ),
        ]

    def __str__(self):
        return self.text
