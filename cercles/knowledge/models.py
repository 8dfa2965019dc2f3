"""Knowledge: co-written pages with revisions, and the catalogue of time eaters.

A Page holds its current title and body; every save made through `services.page_save`
also writes a PageRevision with the full text, its author, its time and a summary of the
change, and points `Page.current_revision` at it. The edit form carries the id of the
revision it started from: if another revision was saved meanwhile, the save is refused
as a conflict (optimistic concurrency) and the user's text is shown back to him.

Time eaters ("chronophages", seed 001) are the habits that eat the organisation's time,
each with the remedies the organisation adopted; people say "ça me concerne" (one mark
per person) and propose further remedies.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from cercles.core.models import TimeStampedModel
from cercles.lib.urls import cached_reverse


class PageKind(models.TextChoices):
    CHARTER = "charter", _("Charte")
    GUIDE = "guide", _("Guide")
    KIT = "kit", _("Kit")
    BOOKLET = "booklet", _("Livret")
    PROCEDURE = "procedure", _("Procédure")
    OTHER = "other", _("Autre")


class PageQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Every logged-in person reads the pages that are not restricted; a page
        restricted to a circle is read by the circle's members, by those who manage it
        and by admins (see `permissions.py`)."""
        if not (user and user.is_authenticated):
            return self.none()
        if user.is_admin:
            return self
        from .permissions import reader_circle_ids

        return self.filter(Q(restricted=False) | Q(circle_id__in=reader_circle_ids(user)))

    def active(self):
        return self.filter(archived_at__isnull=True)

    def in_kind_order(self):
        """Charters first, then guides, kits, booklets, procedures, others (the order of
        PageKind), each kind by title."""
        rank = models.Case(
            *(models.When(kind=value, then=i) for i, value in enumerate(PageKind.values)),
            default=len(PageKind.values),
            output_field=models.IntegerField(),
        )
        return self.alias(kind_rank=rank).order_by("kind_rank", "title", "id")

    def charter(self):
        """The organisation's meeting charter: the oldest active page of kind charter
        that is not restricted to a circle, or None."""
        return (
            self.active()
            .filter(kind=PageKind.CHARTER, restricted=False)
            .order_by("created_at", "id")
            .first()
        )


class Page(TimeStampedModel):
    slug = models.SlugField(_("adresse"), max_length=120, unique=True)
    title = models.CharField(_("titre"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=PageKind, default=PageKind.OTHER)
    body = models.TextField(_("texte"), blank=True, help_text=_("En Markdown."))
    circle = models.ForeignKey(
        "organisation.Circle",
        verbose_name=_("cercle"),
        null=True,
        blank=True,
        # PROTECT, not SET_NULL: losing the circle would open a restricted page to all.
        on_delete=models.PROTECT,
        related_name="knowledge_pages",
    )
    restricted = models.BooleanField(
        _("réservée aux membres du cercle"),
        default=False,
        help_text=_("Seuls les membres du cercle, ceux qui le pilotent et les admins la lisent."),
    )
    protected = models.BooleanField(
        _("protégée"),
        default=False,
        help_text=_("Seuls les admins, le premier lien et le facilitateur du cercle la modifient."),
    )
    current_revision = models.ForeignKey(
        "PageRevision",
        verbose_name=_("version actuelle"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modifiée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    archived_at = models.DateTimeField(_("archivée le"), null=True, blank=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["kind", "title", "id"]
        indexes = [models.Index(fields=["kind", "title"])]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="page_title_not_empty"),
            models.CheckConstraint(condition=~Q(slug=""), name="page_slug_not_empty"),
            models.CheckConstraint(
                condition=Q(restricted=False) | Q(circle__isnull=False),
                name="page_restricted_needs_circle",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return cached_reverse("knowledge:page_detail", self.slug)

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class PageRevision(models.Model):
    """One saved state of a page: its full title and text, never changed afterwards."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("numéro"))
    title = models.CharField(_("titre"), max_length=200)
    body = models.TextField(_("texte"), blank=True)
    summary = models.CharField(_("résumé de la modification"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_revisions",
    )
    restored_from = models.ForeignKey(
        "self",
        verbose_name=_("restaurée depuis"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("enregistrée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("version de page")
        verbose_name_plural = _("versions de page")
        ordering = ["page", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="page_revision_number_once"),
            models.CheckConstraint(condition=Q(number__gte=1), name="page_revision_number_pos"),
        ]

    def __str__(self):
        return f"{self.page_id} v{self.number}"

    def get_absolute_url(self):
        return cached_reverse("knowledge:revision_detail", self.page.slug, self.number)


class TimeEaterCategory(models.TextChoices):
    MEETINGS = "meetings", _("Réunions")
    EMAIL = "email", _("Courriels")
    INTERRUPTIONS = "interruptions", _("Interruptions")
    TOOLS = "tools", _("Outils")
    PROCESS = "process", _("Procédures")
    COORDINATION = "coordination", _("Coordination")
    OTHER = "other", _("Autre")


class TimeEaterQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)

    def with_counts(self, user=None):
        """With `concern_count`, `proposal_count` and, for a user, `is_mine` (he marked
        "ça me concerne"), each one subquery so a list costs one query."""
        concerns = (
            TimeEaterConcern.objects.filter(time_eater_id=OuterRef("pk"))
            .order_by()
            .values("time_eater_id")
            .annotate(n=Count("id"))
            .values("n")
        )
        proposals = (
            RemedyProposal.objects.filter(time_eater_id=OuterRef("pk"))
            .order_by()
            .values("time_eater_id")
            .annotate(n=Count("id"))
            .values("n")
        )
        qs = self.annotate(
            concern_count=models.functions.Coalesce(models.Subquery(concerns), 0),
            proposal_count=models.functions.Coalesce(models.Subquery(proposals), 0),
        )
        if user is not None and user.is_authenticated:
            qs = qs.annotate(
                is_mine=Exists(
                    TimeEaterConcern.objects.filter(time_eater_id=OuterRef("pk"), person=user)
                )
            )
        return qs


class TimeEater(TimeStampedModel):
    slug = models.SlugField(_("adresse"), max_length=120, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    category = models.CharField(
        _("catégorie"), max_length=20, choices=TimeEaterCategory, default=TimeEaterCategory.OTHER
    )
    description = models.TextField(_("description"), help_text=_("En Markdown."))
    remedies = models.TextField(_("remèdes"), blank=True, help_text=_("En Markdown."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    archived_at = models.DateTimeField(_("archivé le"), null=True, blank=True)

    objects = TimeEaterQuerySet.as_manager()

    class Meta:
        verbose_name = _("chronophage")
        verbose_name_plural = _("chronophages")
        ordering = ["category", "name", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="time_eater_name_not_empty"),
            models.CheckConstraint(condition=~Q(slug=""), name="time_eater_slug_not_empty"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return cached_reverse("knowledge:time_eater_detail", self.slug)


class TimeEaterConcern(models.Model):
    """A person's "ça me concerne" on a time eater: one per person."""

    time_eater = models.ForeignKey(TimeEater, on_delete=models.CASCADE, related_name="concerns")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="time_eater_concerns",
    )
    created_at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        verbose_name = _("« ça me concerne »")
        verbose_name_plural = _("« ça me concerne »")
        constraints = [
            models.UniqueConstraint(fields=["time_eater", "person"], name="time_eater_concern_once")
        ]

    def __str__(self):
        return f"{self.person_id} → {self.time_eater_id}"


class RemedyProposal(models.Model):
    """A remedy a person proposes for a time eater (shown as a list of comments)."""

    time_eater = models.ForeignKey(TimeEater, on_delete=models.CASCADE, related_name="proposals")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="remedy_proposals",
    )
    body = models.TextField(_("remède proposé"), help_text=_("En Markdown."))
    created_at = models.DateTimeField(_("proposé le"), auto_now_add=True)
    # Set when the remedy was taken into the time eater's adopted remedies.
    adopted_at = models.DateTimeField(_("retenu le"), null=True, blank=True)

    class Meta:
        verbose_name = _("remède proposé")
        verbose_name_plural = _("remèdes proposés")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="remedy_proposal_not_empty")
        ]

    def __str__(self):
        return self.body[:60]
