"""The missions marketplace: a circle posts a mission, people apply, the poster selects.

A mission is a share of someone's time (40 % = two days a week) in another circle, for
a period: a role of the circle (existing, or created when the mission is published)
or a contribution to a project, which also takes a role in the circle so that the
organisation knows who does what. Accepting a mission creates the role assignment
through the organisation services (the assignment then shows on the person's page).

An application is seen by the applicant, by whoever manages the mission's circle, and
by the applicant's lead links once they have been informed of his selection
(`ApplicationLeadLink`, written at the selection) — by no one else.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from cercles.core.models import TimeStampedModel
from cercles.lib.urls import cached_reverse

MAX_TITLE = 200
MAX_TEXT = 5000
MAX_PLACES = 50


class MissionKind(models.TextChoices):
    ROLE = "role", _("Rôle dans le cercle")
    PROJECT = "project", _("Contribution à un projet")


class MissionStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    OPEN = "open", _("Ouverte aux candidatures")
    CLOSED = "closed", _("Close")
    FILLED = "filled", _("Pourvue")


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    SELECTED = "selected", _("Retenue, à confirmer")
    ACCEPTED = "accepted", _("Acceptée")
    DECLINED = "declined", _("Non retenue")
    WITHDRAWN = "withdrawn", _("Retirée")
    VETOED = "vetoed", _("Refusée par un premier lien")


# The applications still in play: one per person and mission at most.
LIVE_STATUSES = (ApplicationStatus.PENDING, ApplicationStatus.SELECTED, ApplicationStatus.ACCEPTED)


class LeadLinkOpinion(models.TextChoices):
    INFORMED = "informed", _("Informé")
    AGREED = "agreed", _("D'accord")
    REFUSED = "refused", _("Pas d'accord")


def managed_circle_ids(user) -> set[int] | None:
    """The circles the user manages (None: all of them, for an admin), from the facts
    organisation.permissions keeps on the user (no query once they are read)."""
    from cercles.organisation import permissions as org_permissions

    if not (user and user.is_authenticated):
        return set()
    if user.is_admin:
        return None
    if not org_permissions._led_circle_ids(user):
        return set()
    return {pk for pk in org_permissions._parent_map(user) if org_permissions.manages(user, pk)}


class MissionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Everyone logged in reads the published missions; a draft is read by whoever
        manages its circle and by its author."""
        if not (user and user.is_authenticated):
            return self.none()
        managed = managed_circle_ids(user)
        if managed is None:
            return self
        return self.filter(
            ~Q(status=MissionStatus.DRAFT) | Q(circle_id__in=managed) | Q(created_by=user)
        )

    def open(self):
        return self.filter(status=MissionStatus.OPEN)

    def with_mine(self, user):
        """With `my_live`: whether the user has a live application to each mission."""
        return self.annotate(
            my_live=Exists(
                Application.objects.filter(
                    mission_id=OuterRef("pk"), person=user.pk, status__in=LIVE_STATUSES
                )
            )
        )

    def accepting(self, on):
        """Open, with the application deadline not passed on `on`."""
        return self.open().filter(Q(deadline__isnull=True) | Q(deadline__gte=on))


class Mission(TimeStampedModel):
    circle = models.ForeignKey(
        "organisation.Circle",
        verbose_name=_("cercle"),
        on_delete=models.PROTECT,
        related_name="missions",
    )
    kind = models.CharField(
        _("nature"), max_length=10, choices=MissionKind, default=MissionKind.ROLE
    )
    role = models.ForeignKey(
        "organisation.Role",
        verbose_name=_("rôle"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="missions",
    )
    new_role_name = models.CharField(
        _("nouveau rôle"),
        max_length=200,
        blank=True,
        help_text=_("Créé dans le cercle à la publication de la mission."),
    )
    title = models.CharField(_("titre"), max_length=MAX_TITLE)
    description = models.TextField(_("description"), blank=True)
    share = models.PositiveSmallIntegerField(
        _("part du temps (%)"),
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("20 % = un jour par semaine, 40 % = deux jours par semaine."),
    )
    start_date = models.DateField(_("début"))
    end_date = models.DateField(
        _("fin"), help_text=_("Premier jour où la mission n'est plus tenue.")
    )
    skills = models.ManyToManyField(
        "competencies.Competency",
        verbose_name=_("compétences recherchées"),
        blank=True,
        related_name="missions",
    )
    places = models.PositiveSmallIntegerField(
        _("places"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_PLACES)]
    )
    deadline = models.DateField(_("date limite de candidature"), null=True, blank=True)
    status = models.CharField(
        _("état"), max_length=10, choices=MissionStatus, default=MissionStatus.DRAFT
    )
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("publiée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = MissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "deadline"], name="mission_open_idx"),
            models.Index(fields=["circle", "status"], name="mission_circle_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="mission_title_not_empty"),
            models.CheckConstraint(
                condition=Q(share__gte=1, share__lte=100), name="mission_share_1_100"
            ),
            models.CheckConstraint(
                condition=Q(end_date__gt=models.F("start_date")),
                name="mission_end_after_start",
            ),
            models.CheckConstraint(condition=Q(places__gte=1), name="mission_places_min_1"),
            # A published mission has its role: chosen, or created at the publication.
            models.CheckConstraint(
                condition=Q(status="draft") | Q(role__isnull=False),
                name="mission_published_has_role",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return cached_reverse("missions:mission_detail", self.pk)

    @property
    def is_draft(self) -> bool:
        return self.status == MissionStatus.DRAFT

    @property
    def is_open(self) -> bool:
        return self.status == MissionStatus.OPEN

    @property
    def days_per_week(self):
        """The share in days of a five-day week (40 % = 2), for people to picture it."""
        days = self.share * 5 / 100
        return int(days) if days == int(days) else round(days, 1)

    @property
    def role_label(self) -> str:
        if self.role_id:
            return self.role.name
        return self.new_role_name


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The applicant, whoever manages the mission's circle, the lead links informed."""
        if not (user and user.is_authenticated):
            return self.none()
        managed = managed_circle_ids(user)
        if managed is None:
            return self
        informed = ApplicationLeadLink.objects.filter(person=user).values("application_id")
        return self.filter(Q(person=user) | Q(mission__circle_id__in=managed) | Q(pk__in=informed))

    def live(self):
        return self.filter(status__in=LIVE_STATUSES)


class Application(TimeStampedModel):
    mission = models.ForeignKey(
        Mission, verbose_name=_("mission"), on_delete=models.CASCADE, related_name="applications"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("candidat"),
        on_delete=models.CASCADE,
        related_name="mission_applications",
    )
    message = models.TextField(_("message"))
    status = models.CharField(
        _("état"), max_length=10, choices=ApplicationStatus, default=ApplicationStatus.PENDING
    )
    decline_reason = models.TextField(_("motif"), blank=True)
    selected_at = models.DateTimeField(_("retenue le"), null=True, blank=True)
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("retenue par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    assignment = models.OneToOneField(
        "organisation.Assignment",
        verbose_name=_("affectation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mission_application",
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("candidature")
        verbose_name_plural = _("candidatures")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "person"],
                condition=Q(status__in=["pending", "selected", "accepted"]),
                name="application_one_live_per_person",
                violation_error_message=_("Vous avez déjà candidaté à cette mission."),
            ),
            models.CheckConstraint(condition=~Q(message=""), name="application_message_not_empty"),
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(selected_at__isnull=False),
                name="application_accepted_was_selected",
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.mission}"

    def get_absolute_url(self):
        return cached_reverse("missions:application_detail", self.pk)

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_STATUSES


class ApplicationLeadLink(models.Model):
    """A lead link of the applicant, informed of his selection (and his opinion, when
    the setting CERCLES_MISSIONS_LEAD_LINK_VETO lets lead links agree or refuse)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="lead_links"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("premier lien"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    opinion = models.CharField(
        _("avis"), max_length=10, choices=LeadLinkOpinion, default=LeadLinkOpinion.INFORMED
    )
    informed_at = models.DateTimeField(_("informé le"), auto_now_add=True)
    answered_at = models.DateTimeField(_("avis donné le"), null=True, blank=True)

    class Meta:
        verbose_name = _("premier lien informé")
        verbose_name_plural = _("premiers liens informés")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "person"], name="application_lead_link_once"
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.application_id}"


class ApplicationMessage(models.Model):
    """The discussion on an application between the poster, the applicant and his lead
    links once informed."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("écrit le"), auto_now_add=True)

    class Meta:
        verbose_name = _("message de discussion")
        verbose_name_plural = _("messages de discussion")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="application_message_body"),
        ]

    def __str__(self):
        return f"{self.application_id} — {self.created_at:%Y-%m-%d}"
