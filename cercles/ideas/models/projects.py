"""Innovation groups / projects: anyone proposes one and leads it, others join or leave.

A project carries its purpose, members, milestones (whose mean progress is the
project's), expected and measured results, the ideas it came from, and a takeover
sheet (governance and meeting rhythm, calendar, first actions) so that someone else
can pick it up (seeds 001 and 004). It may become a circle of the organisation
(`services.project_make_circle`); `circle` then names it.

The lead is always a member too (a `ProjectMember` row): the member list is one table,
and handing over the lead only changes `lead`.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Avg, Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cercles.core.models import TimeStampedModel


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposé")
    ACTIVE = "active", _("En cours")
    PAUSED = "paused", _("En pause")
    COMPLETED = "completed", _("Terminé")
    ABANDONED = "abandoned", _("Abandonné")


# A project in these states takes no new members.
CLOSED_PROJECT_STATUSES = (ProjectStatus.COMPLETED, ProjectStatus.ABANDONED)


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Anyone logged in reads every project: they are open to all by nature."""
        if not (user and user.is_authenticated):
            return self.none()
        return self

    def for_list(self):
        """With lead, campaign, circle, member count and mean milestone progress, in the
        one query of the page (subqueries, so the two aggregates do not multiply)."""
        members = (
            ProjectMember.objects.filter(project=OuterRef("pk"))
            .order_by()
            .values("project")
            .annotate(n=Count("id"))
            .values("n")
        )
        progress = (
            Milestone.objects.filter(project=OuterRef("pk"))
            .order_by()
            .values("project")
            .annotate(p=Avg("progress"))
            .values("p")
        )
        return self.select_related("lead", "campaign", "circle").annotate(
            member_count=Coalesce(Subquery(members), 0),
            mean_progress=Subquery(progress, output_field=models.FloatField()),
        )

    def listing(self, user, *, status="", campaign_id=None, member=None):
        projects = self.visible_to(user).for_list()
        if status:
            projects = projects.filter(status=status)
        if campaign_id:
            projects = projects.filter(campaign_id=campaign_id)
        if member is not None:
            projects = projects.filter(memberships__person=member)
        return projects.order_by("-created_at", "-id")


class Project(TimeStampedModel):
    title = models.CharField(_("titre"), max_length=200)
    purpose = models.TextField(_("raison d'être"), help_text=_("Ce que le projet veut changer."))
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    status = models.CharField(
        _("état"), max_length=20, choices=ProjectStatus, default=ProjectStatus.PROPOSED
    )
    # PROTECT, like assignments: people leave by deactivation; the lead is handed over.
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("porteur"),
        on_delete=models.PROTECT,
        related_name="led_projects",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="ideas.ProjectMember",
        verbose_name=_("membres"),
        related_name="projects",
    )
    circle = models.ForeignKey(
        "organisation.Circle",
        verbose_name=_("cercle"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
        help_text=_("Le cercle dont il relève, ou qu'il est devenu."),
    )
    theme = models.ForeignKey(
        "ideas.Theme",
        verbose_name=_("thème d'origine"),
        null=True,
        blank=True,
        # A new grouping of the campaign replaces its themes: the project keeps its ideas.
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    campaign = models.ForeignKey(
        "ideas.Campaign",
        verbose_name=_("campagne"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    ideas = models.ManyToManyField(
        "ideas.Idea", verbose_name=_("idées liées"), blank=True, related_name="projects"
    )
    expected_results = models.TextField(_("résultats attendus"), blank=True)
    measured_results = models.TextField(_("résultats mesurés"), blank=True)
    # The takeover sheet ("fiche de reprise").
    governance = models.TextField(
        _("gouvernance"), blank=True, help_text=_("Qui décide, à quel rythme l'équipe se réunit.")
    )
    calendar = models.TextField(_("calendrier"), blank=True)
    first_actions = models.TextField(_("premières actions"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("projet")
        verbose_name_plural = _("projets")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(title=""),
                name="project_title_not_empty",
                violation_error_message=_("Donnez un titre au projet."),
            ),
            models.CheckConstraint(
                condition=~Q(purpose=""),
                name="project_purpose_not_empty",
                violation_error_message=_("Dites ce que le projet veut changer."),
            ),
        ]
        indexes = [models.Index(fields=["status", "-created_at"], name="project_status_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ideas:project_detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_PROJECT_STATUSES

    def status_class(self) -> str:
        return f"status-{self.status}"

    def has_takeover_sheet(self) -> bool:
        return bool(self.governance or self.calendar or self.first_actions)


class ProjectMember(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_memberships"
    )
    joined_at = models.DateTimeField(_("arrivé le"), default=timezone.now)
    role_label = models.CharField(
        _("rôle dans le projet"), max_length=100, blank=True, help_text=_("Facultatif.")
    )

    class Meta:
        verbose_name = _("membre d'un projet")
        verbose_name_plural = _("membres d'un projet")
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "person"], name="project_member_once")
        ]
        indexes = [models.Index(fields=["person", "project"])]

    def __str__(self):
        return f"{self.person_id} → {self.project_id}"


class Milestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("titre"), max_length=200)
    due_on = models.DateField(_("échéance"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(
        _("avancement (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    done_at = models.DateTimeField(_("atteint le"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("jalon")
        verbose_name_plural = _("jalons")
        ordering = ["position", "due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100),
                name="milestone_progress_0_100",
                violation_error_message=_("L'avancement va de 0 à 100 %."),
            ),
            # Reached means complete: the page and the progress bar must agree.
            models.CheckConstraint(
                condition=Q(done_at__isnull=True) | Q(progress=100),
                name="milestone_done_is_complete",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="milestone_title_not_empty"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
