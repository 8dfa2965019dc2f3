from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cercles.core.models import TimeStampedModel
from cercles.lib.urls import cached_reverse


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


# --- The talent path catalogue (seed 003: "le livre dont vous êtes le talent") --------


class ItemKind(models.TextChoices):
    ENTRY = "entry", _("Point d'entrée")
    DETECTION = "detection", _("Outil de détection")
    FORMAT = "format", _("Format d'accompagnement")


class FormatKey(models.TextChoices):
    """The accompaniment formats the questionnaire recommends, each with the module that
    runs it: stable keys, so a catalogue item renamed by HR keeps its link."""

    COACHING = "coaching", _("Coaching")
    MENTORING = "mentoring", _("Mentorat")
    TUTORING = "tutoring", _("Tutorat")
    IMMERSION = "immersion", _("Immersion")
    TRAINING = "training", _("Formation")
    MISSION = "mission", _("Mission")


class PathItemQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)

    def in_order(self):
        rank = models.Case(
            *(models.When(kind=value, then=i) for i, value in enumerate(ItemKind.values)),
            default=len(ItemKind.values),
            output_field=models.IntegerField(),
        )
        return self.alias(kind_rank=rank).order_by("kind_rank", "position", "name", "id")


class PathItem(TimeStampedModel):
    """One page of the catalogue: a way in, a way to detect a talent, or a format of
    accompaniment (with the module that runs it)."""

    kind = models.CharField(_("type"), max_length=20, choices=ItemKind)
    slug = models.SlugField(_("adresse"), max_length=120, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    summary = models.CharField(_("en une phrase"), max_length=300)
    description = models.TextField(_("description"), blank=True, help_text=_("En Markdown."))
    audience = models.TextField(_("pour qui, quand"), blank=True, help_text=_("En Markdown."))
    getting_started = models.TextField(
        _("comment démarrer"), blank=True, help_text=_("En Markdown.")
    )
    format = models.CharField(
        _("format"),
        max_length=20,
        choices=FormatKey,
        blank=True,
        help_text=_("Pour un format d'accompagnement : le module qui le propose."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    archived_at = models.DateTimeField(_("archivé le"), null=True, blank=True)

    objects = PathItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("élément du catalogue des parcours")
        verbose_name_plural = _("éléments du catalogue des parcours")
        ordering = ["kind", "position", "name", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="path_item_name_not_empty"),
            models.CheckConstraint(condition=~models.Q(slug=""), name="path_item_slug_not_empty"),
            # A format names its module; the other kinds have none.
            models.CheckConstraint(
                condition=(models.Q(kind="format") & ~models.Q(format=""))
                | (~models.Q(kind="format") & models.Q(format="")),
                name="path_item_format_iff_format_kind",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return cached_reverse("people:item_detail", self.slug)

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


# --- A person's path ------------------------------------------------------------------


class EntryKind(models.TextChoices):
    GOAL = "goal", _("Objectif")
    NOTE = "note", _("Note")
    CHOICE = "choice", _("Résultat du questionnaire")
    SUGGESTION = "suggestion", _("Suggestion retenue")


class PathEntryQuerySet(models.QuerySet):
    def seen_by(self, person, viewer):
        """The entries of `person` that `viewer` may read: all of them for himself, the
        non-private ones for someone he shared his path with, none otherwise (the path
        page answers 404 before asking)."""
        entries = self.filter(person=person)
        if viewer is None or viewer.pk != person.pk:
            entries = entries.filter(private=False)
        return entries


class PathEntry(TimeStampedModel):
    """What a person writes on his own path: a goal, a note, a saved questionnaire
    result, a suggestion he accepted."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="path_entries",
    )
    kind = models.CharField(_("type"), max_length=20, choices=EntryKind, default=EntryKind.GOAL)
    date = models.DateField(_("date"))
    title = models.CharField(_("titre"), max_length=200)
    body = models.TextField(_("texte"), blank=True, help_text=_("En Markdown."))
    item = models.ForeignKey(
        PathItem,
        verbose_name=_("élément du catalogue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    private = models.BooleanField(
        _("privé"),
        default=True,
        help_text=_(
            "Un élément privé n'est montré qu'à vous, même si vous partagez votre parcours."
        ),
    )
    # The questionnaire's answers and the formats it recommended, for a "choice".
    data = models.JSONField(_("données"), default=dict, blank=True)

    objects = PathEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("étape de parcours")
        verbose_name_plural = _("étapes de parcours")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["person", "date"], name="path_entry_person_idx")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(title=""), name="path_entry_title_not_empty")
        ]

    def __str__(self):
        return self.title


class PathShare(models.Model):
    """The owner lets `viewer` read his path (its non-private steps)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="path_shares",
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("partagé avec"),
        on_delete=models.CASCADE,
        related_name="paths_shared_with_me",
    )
    created_at = models.DateTimeField(_("partagé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("partage de parcours")
        verbose_name_plural = _("partages de parcours")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "viewer"], name="path_share_once"),
            models.CheckConstraint(
                condition=~models.Q(owner=models.F("viewer")), name="path_share_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.owner_id} → {self.viewer_id}"


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    ACCEPTED = "accepted", _("Ajoutée au parcours")
    DISMISSED = "dismissed", _("Écartée")


class Suggestion(TimeStampedModel):
    """A colleague or a lead link suggests an accompaniment format to a person; only the
    person sees it, and adds it to his path or dismisses it."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pour"),
        on_delete=models.CASCADE,
        related_name="path_suggestions",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("suggérée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="path_suggestions_made",
    )
    # Whether the author was one of the person's lead links when he suggested it.
    from_lead_link = models.BooleanField(_("par un premier lien"), default=False)
    item = models.ForeignKey(
        PathItem,
        verbose_name=_("format d'accompagnement"),
        on_delete=models.PROTECT,
        related_name="suggestions",
    )
    message = models.TextField(_("message"))
    status = models.CharField(
        _("état"), max_length=20, choices=SuggestionStatus, default=SuggestionStatus.PENDING
    )
    answered_at = models.DateTimeField(_("répondue le"), null=True, blank=True)
    entry = models.ForeignKey(
        PathEntry,
        verbose_name=_("étape créée"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("suggestion d'accompagnement")
        verbose_name_plural = _("suggestions d'accompagnement")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(message=""), name="suggestion_message"),
            models.CheckConstraint(
                condition=~models.Q(person=models.F("author")), name="suggestion_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.item_id} → {self.person_id}"
