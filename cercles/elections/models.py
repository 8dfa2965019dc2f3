"""Elections of a circle's elected roles (facilitator, secretary, rep link) by the
integrative election process of holacracy and sociocracy.

An Election goes through its steps (`ElectionStatus`): the role and the term are
described; each member of the circle writes one nomination, secret until the
facilitator reveals them; after the reveal each may change his nomination, giving a
reason (`NominationChange`); the facilitator proposes a candidate (`Proposal`); the
objection round follows — objections (`Objection`) are integrated by adjusting the term
or by proposing someone else, and the candidate answers last; then the facilitator
confirms, which creates the role's assignment through the organisation services with
the election as its decision. Every step is written to the election's log
(`ElectionEvent`). `TermReminder` marks the term ends already announced.

The lead link is not elected (he is appointed by the circle above), so only the three
roles of `ELECTED_ROLES` have elections. Terms are stored like assignments: the end
date is the first day the role is no longer held.
"""

import calendar
import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cercles.core.models import TimeStampedModel
from cercles.lib.urls import cached_reverse
from cercles.organisation.models import CoreRole

ELECTED_ROLES = (CoreRole.FACILITATOR, CoreRole.SECRETARY, CoreRole.REP_LINK)
DEFAULT_TERM_MONTHS = 12
DEFAULT_SHARE = 5


class ElectionStatus(models.TextChoices):
    DESCRIBED = "described", _("Rôle et mandat décrits")
    NOMINATING = "nominating", _("Nominations")
    CHANGING = "changing", _("Révélation et changements")
    OBJECTIONS = "objections", _("Proposition et objections")
    ELECTED = "elected", _("Élection conclue")
    CANCELLED = "cancelled", _("Annulée")


OPEN_STATUSES = (
    ElectionStatus.DESCRIBED,
    ElectionStatus.NOMINATING,
    ElectionStatus.CHANGING,
    ElectionStatus.OBJECTIONS,
)
# The steps in order, as the election page lists them.
STEPS = (*OPEN_STATUSES, ElectionStatus.ELECTED)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` plus `months` calendar months; the 31st becomes the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(start: datetime.date, end: datetime.date) -> int | None:
    """The whole number of months from `start` to `end`, if `end` is exactly that far."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months if months > 0 and add_months(start, months) == end else None


class ElectionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Elections complete the governance history, which everyone logged in reads;
        what stays secret (the nominations before the reveal) is filtered on the page."""
        if not (user and user.is_authenticated):
            return self.none()
        return self

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def for_display(self):
        return self.select_related(
            "circle", "role", "meeting", "facilitator", "candidate", "elected", "created_by"
        )


class Election(TimeStampedModel):
    circle = models.ForeignKey(
        "organisation.Circle",
        verbose_name=_("cercle"),
        on_delete=models.PROTECT,
        related_name="elections",
    )
    role = models.ForeignKey(
        "organisation.Role",
        verbose_name=_("rôle élu"),
        on_delete=models.PROTECT,
        related_name="elections",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("réunion"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="elections",
    )
    description = models.TextField(
        _("description du rôle"),
        blank=True,
        help_text=_("Raison d'être et redevabilités du rôle, rappelées avant les nominations."),
    )
    term_start = models.DateField(_("début du mandat"))
    term_end = models.DateField(
        _("fin du mandat"), help_text=_("Premier jour où le rôle n'est plus tenu.")
    )
    share = models.PositiveSmallIntegerField(
        _("part du temps (%)"),
        default=DEFAULT_SHARE,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    status = models.CharField(
        _("étape"), max_length=12, choices=ElectionStatus, default=ElectionStatus.DESCRIBED
    )
    # Who runs the election: the circle's facilitator by default (see permissions.py).
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitateur de l'élection"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The candidate of the proposal in progress (kept here so that the abilities need
    # no query); the proposals themselves are the history.
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("candidat proposé"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    elected = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("élu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="elections_won",
    )
    # The assignment the election created.
    assignment = models.ForeignKey(
        "organisation.Assignment",
        verbose_name=_("affectation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revealed_at = models.DateTimeField(_("nominations révélées le"), null=True, blank=True)
    elected_at = models.DateTimeField(_("conclue le"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    cancel_reason = models.TextField(_("motif de l'annulation"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ElectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("élection")
        verbose_name_plural = _("élections")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["circle", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__gt=F("term_start")), name="election_term_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(share__lte=100), name="election_share_max_100"),
            # Two elections of one role at once would each end the other's assignment.
            models.UniqueConstraint(
                fields=["role"],
                condition=Q(status__in=[s.value for s in OPEN_STATUSES]),
                name="election_one_open_per_role",
                violation_error_message=_("Une élection de ce rôle est déjà en cours."),
            ),
        ]

    def __str__(self):
        return _("Élection : %(role)s — %(circle)s") % {
            "role": self.role.name,
            "circle": self.circle.name,
        }

    def get_absolute_url(self):
        return cached_reverse("elections:election_detail", self.pk)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_revealed(self) -> bool:
        return self.revealed_at is not None

    @property
    def term_months(self) -> int | None:
        return months_between(self.term_start, self.term_end)

    def steps(self) -> list[dict]:
        """The process's steps, each marked done, current or to come."""
        current = -1 if self.status == ElectionStatus.CANCELLED else STEPS.index(self.status)
        return [
            {
                "label": step.label,
                "done": current > i or self.status == ElectionStatus.ELECTED,
                "current": current == i and self.status != ElectionStatus.ELECTED,
            }
            for i, step in enumerate(STEPS)
        ]


class Nomination(models.Model):
    """One member's written nomination: whom he sees in the role, and why."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="nominations")
    nominator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur de la nomination"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne nommée"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.TextField(_("raison"), blank=True)
    created_at = models.DateTimeField(_("écrite le"), default=timezone.now)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "nominator"],
                name="nomination_one_per_person",
                violation_error_message=_("Vous avez déjà écrit votre nomination."),
            )
        ]

    def __str__(self):
        return f"{self.nominator} → {self.candidate}"


class NominationChange(models.Model):
    """A change of nomination in the round after the reveal, with its reason."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="changes")
    previous_candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nomination précédente"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nouvelle nomination"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.TextField(_("raison du changement"))
    at = models.DateTimeField(_("le"), default=timezone.now)

    class Meta:
        verbose_name = _("changement de nomination")
        verbose_name_plural = _("changements de nomination")
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""), name="nomination_change_reason_not_empty"
            )
        ]

    def __str__(self):
        return f"{self.previous_candidate} → {self.candidate}"


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("En cours")
    SUPERSEDED = "superseded", _("Remplacée par une autre proposition")
    ELECTED = "elected", _("Retenue")
    CANCELLED = "cancelled", _("Abandonnée")


class Proposal(models.Model):
    """The facilitator's proposal of a candidate; a new one supersedes the previous."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="proposals")
    number = models.PositiveSmallIntegerField(_("numéro"))
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("candidat"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.TextField(_("raison"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposé le"), default=timezone.now)
    status = models.CharField(
        _("état"), max_length=12, choices=ProposalStatus, default=ProposalStatus.OPEN
    )
    # The candidate's own "no objection", asked last: void again whenever an objection
    # is raised or the term changes.
    accepted_at = models.DateTimeField(_("acceptée par le candidat le"), null=True, blank=True)

    class Meta:
        verbose_name = _("proposition de candidat")
        verbose_name_plural = _("propositions de candidat")
        ordering = ["election_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["election", "number"], name="proposal_number_unique"),
            models.UniqueConstraint(
                fields=["election"],
                condition=Q(status="open"),
                name="proposal_one_open_per_election",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="proposal_reason_not_empty"),
        ]

    def __str__(self):
        return f"#{self.number} {self.candidate}"


class Resolution(models.TextChoices):
    TERM = "term", _("Intégrée : mandat ajusté")
    CANDIDATE = "candidate", _("Intégrée : autre candidat proposé")
    WITHDRAWN = "withdrawn", _("Retirée par son auteur")
    INVALID = "invalid", _("Non retenue après vérification")


class Objection(models.Model):
    """An objection to a proposal, with its reason and how it was resolved."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="objections")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="objections")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur de l'objection"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.TextField(_("raison"))
    raised_at = models.DateTimeField(_("soulevée le"), default=timezone.now)
    resolution = models.CharField(
        _("résolution"), max_length=12, choices=Resolution, blank=True, default=""
    )
    resolution_note = models.TextField(_("comment elle a été traitée"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("traitée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("traitée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["raised_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "person"],
                condition=Q(resolved_at__isnull=True),
                name="objection_one_open_per_person",
                violation_error_message=_("Vous avez déjà une objection en cours."),
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="objection_reason_not_empty"),
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True, resolution="")
                | (Q(resolved_at__isnull=False) & ~Q(resolution="")),
                name="objection_resolution_with_date",
            ),
        ]

    def __str__(self):
        return f"{self.person}: {self.reason[:50]}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class EventKind(models.TextChoices):
    CREATED = "created", _("Élection ouverte, rôle et mandat décrits")
    DESCRIBED = "described", _("Description ou mandat modifié")
    NOMINATIONS_OPENED = "nominations_opened", _("Nominations ouvertes")
    NOMINATED = "nominated", _("Nomination écrite")
    REVEALED = "revealed", _("Nominations révélées")
    CHANGED = "changed", _("Nomination changée")
    PROPOSED = "proposed", _("Candidat proposé")
    NO_OBJECTION = "no_objection", _("Pas d'objection")
    OBJECTION = "objection", _("Objection")
    OBJECTION_RESOLVED = "objection_resolved", _("Objection traitée")
    TERM_ADJUSTED = "term_adjusted", _("Mandat ajusté")
    ACCEPTED = "accepted", _("Le candidat accepte")
    ELECTED = "elected", _("Élu")
    CANCELLED = "cancelled", _("Élection annulée")
    FACILITATOR_CHANGED = "facilitator_changed", _("Animation reprise")


class ElectionEvent(models.Model):
    """One line of an election's log. A nomination's line is `secret` until the reveal:
    only the election's facilitator (and its author) read it before."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("étape"), max_length=24, choices=EventKind)
    at = models.DateTimeField(_("le"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Whom the step is about: the person nominated, proposed, elected.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne concernée"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposal_number = models.PositiveSmallIntegerField(_("proposition"), null=True, blank=True)
    note = models.TextField(_("raison"), blank=True)
    secret = models.BooleanField(_("secret jusqu'à la révélation"), default=False)
    data = models.JSONField(_("détails"), default=dict, blank=True)

    class Meta:
        verbose_name = _("étape d'élection")
        verbose_name_plural = _("étapes d'élection")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.at:%Y-%m-%d %H:%M}"


class TermReminder(models.Model):
    """The reminder sent before an elected assignment's term ends: at most one per
    assignment and end date (a new end date is announced again)."""

    assignment = models.ForeignKey(
        "organisation.Assignment", on_delete=models.CASCADE, related_name="+"
    )
    end_date = models.DateField(_("fin du mandat"))
    sent_at = models.DateTimeField(_("envoyé le"), default=timezone.now)

    class Meta:
        verbose_name = _("rappel de fin de mandat")
        verbose_name_plural = _("rappels de fin de mandat")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "end_date"], name="term_reminder_once_per_end"
            )
        ]

    def __str__(self):
        return f"{self.assignment_id} — {self.end_date}"
