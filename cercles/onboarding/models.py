"""Onboarding: plan templates, and each newcomer's plan with his buddy (seed 001).

A PlanTemplate lists tasks relative to the start date (before day one, day one, week
one, month one), each for the newcomer, his buddy, his lead link or HR. An Onboarding
is one newcomer's welcome: his start date, the circle (and role) he joins, the people
around him and the welcome booklet (a knowledge page); creating it copies the
template's tasks into OnboardingTask rows with their due date and their assignee
(a person, so a task can be reassigned). It closes by itself when every task is done.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cercles.core.models import TimeStampedModel
from cercles.lib.urls import cached_reverse


class Phase(models.TextChoices):
    BEFORE = "before", _("Avant l'arrivée")
    DAY_ONE = "day_one", _("Premier jour")
    WEEK_ONE = "week_one", _("Première semaine")
    MONTH_ONE = "month_one", _("Premier mois")


# Days from the start date a task of each phase is due, unless the template says
# otherwise, and the offsets each phase accepts.
DEFAULT_OFFSET = {Phase.BEFORE: -7, Phase.DAY_ONE: 0, Phase.WEEK_ONE: 4, Phase.MONTH_ONE: 30}
OFFSET_RANGE = {
    Phase.BEFORE: (-60, -1),
    Phase.DAY_ONE: (0, 0),
    Phase.WEEK_ONE: (1, 7),
    Phase.MONTH_ONE: (8, 62),
}
PHASE_RANK = {value: i for i, value in enumerate(Phase.values)}


class AssigneeKind(models.TextChoices):
    NEWCOMER = "newcomer", _("Le nouvel arrivant")
    BUDDY = "buddy", _("Le parrain ou la marraine")
    LEAD_LINK = "lead_link", _("Le premier lien")
    HR = "hr", _("Le contact RH")


class PlanTemplateQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)


class PlanTemplate(TimeStampedModel):
    name = models.CharField(_("nom"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("En Markdown."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # An archived template is no longer offered for new onboardings; those made from
    # it keep their tasks (copied) and their link to it.
    archived_at = models.DateTimeField(_("archivé le"), null=True, blank=True)

    objects = PlanTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = _("modèle de parcours d'intégration")
        verbose_name_plural = _("modèles de parcours d'intégration")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="onboarding_template_name"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return cached_reverse("onboarding:template_detail", self.pk)

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class TemplateTask(models.Model):
    template = models.ForeignKey(PlanTemplate, on_delete=models.CASCADE, related_name="tasks")
    position = models.PositiveIntegerField(_("ordre"), default=0)
    phase = models.CharField(_("étape"), max_length=20, choices=Phase)
    day_offset = models.SmallIntegerField(
        _("jours après l'arrivée"),
        help_text=_("Négatif avant l'arrivée : -7 pour une semaine avant, 0 le premier jour."),
    )
    title = models.CharField(_("intitulé"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("En Markdown."))
    assignee_kind = models.CharField(_("qui s'en charge"), max_length=20, choices=AssigneeKind)
    link = models.URLField(_("lien"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("tâche du modèle")
        verbose_name_plural = _("tâches du modèle")
        ordering = ["template", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="onboarding_template_task_title"),
        ]

    def __str__(self):
        return self.title

    @property
    def offset_label(self) -> str:
        if self.day_offset == 0:
            return gettext("le jour d'arrivée")
        if self.day_offset < 0:
            return gettext("J−%(n)s") % {"n": -self.day_offset}
        return gettext("J+%(n)s") % {"n": self.day_offset}


class OnboardingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """HR see every onboarding; others those where they are the newcomer, his
        buddy, lead link or HR contact, its author, the assignee of a task, or that
        belong to a circle they manage (see permissions.py)."""
        if not (user and user.is_authenticated):
            return self.none()
        from cercles.people.functions import is_hr

        if is_hr(user):
            return self
        from .permissions import managed_circle_ids

        return self.filter(
            Q(newcomer=user)
            | Q(buddy=user)
            | Q(lead_link=user)
            | Q(hr_contact=user)
            | Q(created_by=user)
            | Q(circle_id__in=managed_circle_ids(user))
            | Exists(OnboardingTask.objects.filter(onboarding_id=OuterRef("pk"), assignee=user))
        )

    def open(self):
        return self.filter(closed_at__isnull=True)

    def with_progress(self, on: datetime.date | None = None):
        """With `task_count`, `done_count` and `overdue_count` (not done, due before
        `on`), counted in the same query."""
        on = on or timezone.localdate()
        return self.annotate(
            task_count=Count("tasks", distinct=True),
            done_count=Count("tasks", filter=Q(tasks__done_at__isnull=False), distinct=True),
            overdue_count=Count(
                "tasks",
                filter=Q(tasks__done_at__isnull=True, tasks__due_date__lt=on),
                distinct=True,
            ),
        )

    def for_display(self):
        return self.select_related(
            "newcomer", "buddy", "lead_link", "hr_contact", "circle", "role", "booklet", "template"
        ).defer(
            "booklet__body",
            "circle__purpose",
            "circle__domains",
            "circle__accountabilities",
            "circle__search_text",
            "role__purpose",
            "role__domains",
            "role__accountabilities",
            "role__search_text",
            "template__description",
        )


class Onboarding(TimeStampedModel):
    newcomer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nouvel arrivant"),
        on_delete=models.CASCADE,
        related_name="onboardings",
    )
    start_date = models.DateField(_("date d'arrivée"))
    circle = models.ForeignKey(
        "organisation.Circle",
        verbose_name=_("cercle rejoint"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="onboardings",
    )
    role = models.ForeignKey(
        "organisation.Role",
        verbose_name=_("rôle"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="onboardings",
    )
    buddy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("parrain ou marraine"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="onboardings_as_buddy",
    )
    lead_link = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("premier lien"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="onboardings_as_lead_link",
    )
    hr_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact RH"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="onboardings_as_hr",
    )
    booklet = models.ForeignKey(
        "knowledge.Page",
        verbose_name=_("livret d'accueil"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="onboardings",
    )
    template = models.ForeignKey(
        PlanTemplate,
        verbose_name=_("modèle"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="onboardings",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("terminé le"), null=True, blank=True)

    objects = OnboardingQuerySet.as_manager()

    class Meta:
        verbose_name = _("intégration")
        verbose_name_plural = _("intégrations")
        ordering = ["-start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(buddy=models.F("newcomer")), name="onboarding_buddy_not_newcomer"
            ),
            models.UniqueConstraint(
                fields=["newcomer"],
                condition=Q(closed_at__isnull=True),
                name="onboarding_one_open_per_newcomer",
                violation_error_message=_("Cette personne a déjà une intégration en cours."),
            ),
        ]
        indexes = [models.Index(fields=["closed_at", "start_date"])]

    def __str__(self):
        return str(self.newcomer)

    def get_absolute_url(self):
        return cached_reverse("onboarding:detail", self.pk)

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def percent_done(self) -> int:
        """From the `with_progress` annotations."""
        total = getattr(self, "task_count", 0)
        return round(100 * self.done_count / total) if total else 0


class OnboardingTaskQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(done_at__isnull=True)

    def due_by(self, on: datetime.date):
        return self.pending().filter(due_date__lte=on)


class OnboardingTask(models.Model):
    onboarding = models.ForeignKey(Onboarding, on_delete=models.CASCADE, related_name="tasks")
    position = models.PositiveIntegerField(_("ordre"), default=0)
    phase = models.CharField(_("étape"), max_length=20, choices=Phase)
    due_date = models.DateField(_("échéance"))
    title = models.CharField(_("intitulé"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    assignee_kind = models.CharField(_("qui s'en charge"), max_length=20, choices=AssigneeKind)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confiée à"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="onboarding_tasks",
    )
    link = models.URLField(_("lien"), max_length=500, blank=True)
    done_at = models.DateTimeField(_("faite le"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("faite par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The day the assignee was last reminded: one reminder per task per day.
    reminded_on = models.DateField(_("rappel envoyé le"), null=True, blank=True)

    objects = OnboardingTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("tâche d'intégration")
        verbose_name_plural = _("tâches d'intégration")
        ordering = ["onboarding", "due_date", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="onboarding_task_title"),
        ]
        indexes = [
            models.Index(fields=["assignee", "done_at"]),
            models.Index(fields=["done_at", "due_date"]),
        ]

    def __str__(self):
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def is_overdue(self, on: datetime.date | None = None) -> bool:
        return self.done_at is None and self.due_date < (on or timezone.localdate())
