"""Circles, roles, assignments and the governance history that records every change.

The tables hold the organisation as it is now. Each GovernanceChange keeps a full
snapshot of the circle or role after the change, so the organisation as it was on
any past date is rebuilt from the latest snapshot of each entity before that date
(see `selectors.organisation_as_of`). Assignments carry their own start and end
dates and are never deleted, only ended.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cercles.core.models import TimeStampedModel
from cercles.lib.urls import cached_reverse

colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Indiquez une couleur au format #RRGGBB, par exemple #2a6f97.")
)


class CircleKind(models.TextChoices):
    CIRCLE = "circle", _("Cercle")
    DEPARTMENT = "department", _("Service")
    NETWORK = "network", _("Réseau")
    PROJECT = "project", _("Projet")


class CoreRole(models.TextChoices):
    LEAD_LINK = "lead_link", _("Premier lien")
    REP_LINK = "rep_link", _("Second lien")
    FACILITATOR = "facilitator", _("Facilitateur")
    SECRETARY = "secretary", _("Secrétaire")


class CharterQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Anyone logged in reads the organisation."""
        if not (user and user.is_authenticated):
            return self.none()
        return self

    def active(self):
        return self.filter(archived_at__isnull=True)


class Charter(TimeStampedModel):
    """What circles and roles share: a purpose, domains and accountabilities.

    Never deleted: archived, so the history keeps what they were.
    """

    name = models.CharField(_("nom"), max_length=200)
    purpose = models.TextField(_("raison d'être"), blank=True)
    domains = models.TextField(_("domaines"), blank=True, help_text=_("Un domaine par ligne."))
    accountabilities = models.TextField(
        _("redevabilités"), blank=True, help_text=_("Une redevabilité par ligne.")
    )
    archived_at = models.DateTimeField(_("archivé le"), null=True, blank=True)
    # Accent-folded name and purpose: the search key.
    search_text = models.TextField(editable=False, default="")

    objects = CharterQuerySet.as_manager()

    SNAPSHOT_FIELDS: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def is_archived(self):
        return self.archived_at is not None

    def snapshot(self) -> dict:
        data = {f: getattr(self, f) for f in self.SNAPSHOT_FIELDS}
        data["archived"] = self.is_archived
        return data

    def domain_list(self):
        return [line.strip() for line in self.domains.splitlines() if line.strip()]

    def accountability_list(self):
        return [line.strip() for line in self.accountabilities.splitlines() if line.strip()]


class Circle(Charter):
    kind = models.CharField(_("type"), max_length=20, choices=CircleKind, default=CircleKind.CIRCLE)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cercle parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    colour = models.CharField(_("couleur"), max_length=7, blank=True, validators=[colour_validator])

    SNAPSHOT_FIELDS = (
        "name",
        "purpose",
        "domains",
        "accountabilities",
        "kind",
        "parent_id",
        "colour",
    )

    class Meta:
        verbose_name = _("cercle")
        verbose_name_plural = _("cercles")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="circle_name_not_empty"),
        ]

    def get_absolute_url(self):
        return cached_reverse("organisation:circle_detail", self.pk)


class Role(Charter):
    circle = models.ForeignKey(
        Circle, verbose_name=_("cercle"), on_delete=models.PROTECT, related_name="roles"
    )
    core_role = models.CharField(
        _("rôle structurel"), max_length=20, choices=CoreRole, blank=True, default=""
    )

    SNAPSHOT_FIELDS = ("name", "purpose", "domains", "accountabilities", "circle_id", "core_role")

    class Meta:
        verbose_name = _("rôle")
        verbose_name_plural = _("rôles")
        ordering = ["circle_id", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["circle", "core_role"],
                condition=~Q(core_role=""),
                name="role_one_core_role_per_circle",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="role_name_not_empty"),
            # Two live roles with one name in a circle would be told apart by nobody
            # (nor by the importer, which finds roles by name).
            models.UniqueConstraint(
                Lower("name"),
                "circle",
                condition=Q(archived_at__isnull=True),
                name="role_name_unique_in_circle",
                violation_error_message=_("Ce cercle a déjà un rôle de ce nom."),
            ),
        ]

    def get_absolute_url(self):
        return cached_reverse("organisation:role_detail", self.pk)

    @property
    def is_core(self):
        return bool(self.core_role)


class AssignmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not (user and user.is_authenticated):
            return self.none()
        return self

    def current(self, on: datetime.date | None = None):
        """Assignments held on a date: start <= date < end (the end date is exclusive)."""
        on = on or timezone.localdate()
        return self.filter(start_date__lte=on).filter(Q(end_date__isnull=True) | Q(end_date__gt=on))


class Assignment(TimeStampedModel):
    """A person holds a role, with a focus and a share of his working time."""

    role = models.ForeignKey(
        Role, verbose_name=_("rôle"), on_delete=models.PROTECT, related_name="assignments"
    )
    # PROTECT: deleting someone must not erase the governance history he is part of;
    # people leave by deactivation (accounts.services.person_deactivate).
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    focus = models.CharField(_("focus"), max_length=300, blank=True)
    share = models.PositiveSmallIntegerField(
        _("part du temps (%)"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    start_date = models.DateField(_("début"), default=timezone.localdate)
    end_date = models.DateField(
        _("fin"), null=True, blank=True, help_text=_("Premier jour où le rôle n'est plus tenu.")
    )

    objects = AssignmentQuerySet.as_manager()

    SNAPSHOT_FIELDS = ("role_id", "person_id", "focus", "share", "start_date", "end_date")

    class Meta:
        verbose_name = _("affectation")
        verbose_name_plural = _("affectations")
        ordering = ["start_date", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(share__lte=100), name="assignment_share_max_100"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="assignment_end_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "end_date"]),
            models.Index(fields=["role", "end_date"]),
        ]

    def __str__(self):
        return f"{self.person} — {self.role} ({self.share} %)"

    def snapshot(self) -> dict:
        data = {f: getattr(self, f) for f in self.SNAPSHOT_FIELDS}
        for key in ("start_date", "end_date"):
            data[key] = data[key].isoformat() if data[key] else None
        return data

    def is_current(self, on=None):
        on = on or timezone.localdate()
        return self.start_date <= on and (self.end_date is None or self.end_date > on)


class ChangeAction(models.TextChoices):
    CIRCLE_CREATE = "circle_create", _("Création de cercle")
    CIRCLE_UPDATE = "circle_update", _("Modification de cercle")
    CIRCLE_MOVE = "circle_move", _("Déplacement de cercle")
    CIRCLE_ARCHIVE = "circle_archive", _("Archivage de cercle")
    ROLE_CREATE = "role_create", _("Création de rôle")
    ROLE_UPDATE = "role_update", _("Modification de rôle")
    ROLE_ARCHIVE = "role_archive", _("Archivage de rôle")
    ASSIGNMENT_CREATE = "assignment_create", _("Affectation")
    ASSIGNMENT_UPDATE = "assignment_update", _("Modification d'affectation")
    ASSIGNMENT_END = "assignment_end", _("Fin d'affectation")


class GovernanceChangeQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not (user and user.is_authenticated):
            return self.none()
        return self

    def for_display(self):
        # Each join costs PostgreSQL planning time (6.6 ms with the people joined
        # through assignments, 1.1 ms without): people come in a second query.
        return self.select_related("by", "circle", "role", "assignment").prefetch_related(
            "assignment__person"
        )


class GovernanceChange(models.Model):
    """One recorded change of the structure: who, when, what before and after, why."""

    at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=30, choices=ChangeAction)
    # The circle whose history shows the change (a role's or assignment's circle).
    circle = models.ForeignKey(
        Circle, on_delete=models.CASCADE, related_name="changes", verbose_name=_("cercle")
    )
    role = models.ForeignKey(
        Role, null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    assignment = models.ForeignKey(
        Assignment, null=True, blank=True, on_delete=models.SET_NULL, related_name="changes"
    )
    before = models.JSONField(_("avant"), null=True, blank=True)
    after = models.JSONField(_("après"), null=True, blank=True)
    note = models.TextField(_("motif"), blank=True)
    # The decision (meetings module) that adopted the change, when there is one.
    decision_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_id = models.PositiveBigIntegerField(null=True, blank=True)
    decision = GenericForeignKey("decision_type", "decision_id")

    objects = GovernanceChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("changement de gouvernance")
        verbose_name_plural = _("changements de gouvernance")
        ordering = ["-at", "-id"]
        indexes = [
            # The history pages read the latest changes first, ties broken by id.
            models.Index(fields=["-at", "-id"], name="change_latest_first_idx"),
            models.Index(fields=["circle", "-at"]),
            models.Index(fields=["action", "at"]),
        ]

    def __str__(self):
        return f"{self.get_action_display()} — {self.at:%Y-%m-%d}"

    @property
    def changed_fields(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for each field that differs."""
        before, after = self.before or {}, self.after or {}
        keys = [k for k in (after or before) if before.get(k) != after.get(k)]
        return [(k, before.get(k), after.get(k)) for k in keys]
