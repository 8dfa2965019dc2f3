"""The structured changes a governance proposal carries (see `services.governance`)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .proposals import Proposal


class ChangeKind(models.TextChoices):
    ROLE_CREATE = "role_create", _("Créer un rôle")
    ROLE_UPDATE = "role_update", _("Modifier un rôle")
    ROLE_ARCHIVE = "role_archive", _("Archiver un rôle")
    CIRCLE_CREATE = "circle_create", _("Créer un sous-cercle")
    CIRCLE_UPDATE = "circle_update", _("Modifier un sous-cercle")
    ASSIGNMENT_CREATE = "assignment_create", _("Affecter une personne à un rôle")
    ASSIGNMENT_END = "assignment_end", _("Mettre fin à une affectation")


class GovernanceChangeItem(models.Model):
    """One structured change carried by a governance proposal, applied through the
    organisation's services when the proposal is adopted (`services.governance`).

    Which fields count depends on `kind`:
    - role_create: name, purpose, accountabilities, domains (in the proposal's circle);
    - role_update: role, and its new name, purpose, accountabilities, domains;
    - role_archive: role;
    - circle_create: name, purpose, accountabilities, domains (a sub-circle);
    - circle_update: target_circle (a sub-circle), new purpose, accountabilities, domains;
    - assignment_create: person, role (or new_role: a role created by this proposal),
      share, focus;
    - assignment_end: assignment.
    """

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="changes")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("changement"), max_length=30, choices=ChangeKind)
    role = models.ForeignKey(
        "organisation.Role",
        verbose_name=_("rôle"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    new_role = models.ForeignKey(
        "self",
        verbose_name=_("rôle créé par cette proposition"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assignments_to_new_role",
    )
    target_circle = models.ForeignKey(
        "organisation.Circle",
        verbose_name=_("sous-cercle"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assignment = models.ForeignKey(
        "organisation.Assignment",
        verbose_name=_("affectation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("nom"), max_length=200, blank=True)
    purpose = models.TextField(_("raison d'être"), blank=True)
    accountabilities = models.TextField(
        _("redevabilités"), blank=True, help_text=_("Une redevabilité par ligne.")
    )
    domains = models.TextField(_("domaines"), blank=True, help_text=_("Un domaine par ligne."))
    share = models.PositiveSmallIntegerField(_("part du temps (%)"), null=True, blank=True)
    focus = models.CharField(_("focus"), max_length=300, blank=True)
    # Once applied: the state before (frozen for the record) and what was created.
    applied_at = models.DateTimeField(_("appliqué le"), null=True, blank=True)
    before = models.JSONField(_("avant"), null=True, blank=True)
    result_role = models.ForeignKey(
        "organisation.Role", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    result_circle = models.ForeignKey(
        "organisation.Circle", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    result_assignment = models.ForeignKey(
        "organisation.Assignment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("changement de gouvernance proposé")
        verbose_name_plural = _("changements de gouvernance proposés")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(share__isnull=True) | Q(share__lte=100),
                name="change_item_share_max_100",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.proposal_id})"
