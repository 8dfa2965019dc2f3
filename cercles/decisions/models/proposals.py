"""Proposals, their versions, the log of their steps, and what people bring to them
(reactions, clarifying questions, objections, requests for a meeting).

The life cycle is a small state machine: `TRANSITIONS` between statuses, and while a
proposal is being decided in a meeting, `NEXT_STEPS` between the steps of its process.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cercles.core.models import TimeStampedModel
from cercles.lib.urls import cached_reverse


class ProposalKind(models.TextChoices):
    OPERATIONAL = "operational", _("Opérationnelle")
    GOVERNANCE = "governance", _("Gouvernance")


class Process(models.TextChoices):
    CONSENT = "consent", _("Consentement")
    IDM = "idm", _("Décision intégrative")


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    TO_MEETING = "to_meeting", _("À traiter en réunion")
    OPEN = "open", _("En cours de décision")
    ASYNC = "async", _("Soumise au cercle")
    ADOPTED = "adopted", _("Adoptée")
    REJECTED = "rejected", _("Rejetée")
    WITHDRAWN = "withdrawn", _("Retirée")


S = ProposalStatus
FINAL = (S.ADOPTED, S.REJECTED, S.WITHDRAWN)
TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.TO_MEETING, S.ASYNC, S.WITHDRAWN}),
    S.TO_MEETING: frozenset({S.OPEN, S.ASYNC, S.WITHDRAWN}),
    S.OPEN: frozenset({S.ADOPTED, S.REJECTED, S.WITHDRAWN, S.TO_MEETING}),
    S.ASYNC: frozenset({S.ADOPTED, S.TO_MEETING, S.WITHDRAWN}),
    S.ADOPTED: frozenset(),
    S.REJECTED: frozenset(),
    S.WITHDRAWN: frozenset(),
}


class Step(models.TextChoices):
    PRESENTATION = "presentation", _("Présentation")
    CLARIFYING = "clarifying", _("Questions de clarification")
    REACTIONS = "reactions", _("Tour de réactions")
    AMEND = "amend", _("Amender et clarifier")
    OBJECTIONS = "objections", _("Tour d'objections")
    INTEGRATION = "integration", _("Intégration")


STEPS: dict[str, tuple[str, ...]] = {
    Process.CONSENT: (Step.PRESENTATION, Step.REACTIONS, Step.OBJECTIONS, Step.INTEGRATION),
    Process.IDM: (
        Step.PRESENTATION,
        Step.CLARIFYING,
        Step.REACTIONS,
        Step.AMEND,
        Step.OBJECTIONS,
        Step.INTEGRATION,
    ),
}
# Where the facilitator may move the proposal from each step. The integration step
# leads back to a new objection round (on the amended version); the facilitator may
# also go back one step when the circle needs it.
NEXT_STEPS: dict[str, dict[str, tuple[str, ...]]] = {
    Process.CONSENT: {
        Step.PRESENTATION: (Step.REACTIONS,),
        Step.REACTIONS: (Step.OBJECTIONS, Step.PRESENTATION),
        Step.OBJECTIONS: (Step.INTEGRATION, Step.REACTIONS),
        Step.INTEGRATION: (Step.OBJECTIONS,),
    },
    Process.IDM: {
        Step.PRESENTATION: (Step.CLARIFYING,),
        Step.CLARIFYING: (Step.REACTIONS, Step.PRESENTATION),
        Step.REACTIONS: (Step.AMEND, Step.CLARIFYING),
        Step.AMEND: (Step.OBJECTIONS, Step.REACTIONS),
        Step.OBJECTIONS: (Step.INTEGRATION, Step.AMEND),
        Step.INTEGRATION: (Step.OBJECTIONS,),
    },
}
# Steps in which the proposer (or the facilitator) may post an amended version.
AMENDING_STEPS = (Step.AMEND, Step.INTEGRATION)


class ProposalQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Proposals of the circles whose meetings the user sees, those of the meetings he
        sees (an invited participant), and his own. A draft is seen by its proposer only."""
        if not (user and user.is_authenticated):
            return self.none()
        if user.is_admin:
            return self
        from cercles.meetings.models import Meeting
        from cercles.meetings.permissions import seen_circle_ids

        seen = Q(circle_id__in=seen_circle_ids(user)) | Q(
            meeting__in=Meeting.objects.visible_to(user).values("pk")
        )
        return self.filter((seen & ~Q(status=S.DRAFT)) | Q(proposer=user))

    def pending(self):
        return self.exclude(status__in=FINAL)


class Proposal(TimeStampedModel):
    circle = models.ForeignKey(
        "organisation.Circle",
        verbose_name=_("cercle"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    # SET_NULL: a decision record outlives the meeting row, should it ever be deleted.
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("réunion"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("point de l'ordre du jour"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("porteur"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    title = models.CharField(_("titre"), max_length=200)
    tension = models.TextField(
        _("tension"), help_text=_("Ce qui manque ou gêne aujourd'hui, que la proposition résout.")
    )
    text = models.TextField(_("proposition"), help_text=_("Markdown accepté."))
    kind = models.CharField(
        _("nature"), max_length=20, choices=ProposalKind, default=ProposalKind.OPERATIONAL
    )
    process = models.CharField(
        _("processus"), max_length=20, choices=Process, default=Process.CONSENT
    )
    status = models.CharField(_("état"), max_length=20, choices=ProposalStatus, default=S.DRAFT)
    step = models.CharField(_("étape"), max_length=20, choices=Step, blank=True, default="")
    # Asynchronous consultation: the proposal passes at this moment unless someone
    # objected or asked for a meeting.
    closes_at = models.DateTimeField(_("clôture de la consultation"), null=True, blank=True)
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposition")
        verbose_name_plural = _("propositions")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["circle", "status"]),
            models.Index(fields=["status", "closes_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="proposal_title_not_empty"),
            models.CheckConstraint(
                condition=~Q(status="async") | Q(closes_at__isnull=False),
                name="proposal_async_has_closing_date",
            ),
            # A step only while the proposal is being decided in a meeting.
            models.CheckConstraint(
                condition=(Q(status="open") & ~Q(step="")) | (~Q(status="open") & Q(step="")),
                name="proposal_step_only_when_open",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return cached_reverse("decisions:proposal_detail", self.pk)

    @property
    def is_final(self) -> bool:
        return self.status in FINAL

    @property
    def is_governance(self) -> bool:
        return self.kind == ProposalKind.GOVERNANCE

    def steps(self) -> tuple[str, ...]:
        return STEPS[self.process]

    def next_steps(self) -> tuple[str, ...]:
        if self.status != S.OPEN or not self.step:
            return ()
        return NEXT_STEPS[self.process].get(self.step, ())


class ProposalVersion(models.Model):
    """A version of the text: the first one, then each amendment. Never changed."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(_("titre"), max_length=200)
    text = models.TextField(_("proposition"))
    # The structured governance changes as they stood with this text (readable lines).
    changes = models.JSONField(_("changements"), default=list, blank=True)
    note = models.TextField(_("ce qui change"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créée le"))

    class Meta:
        verbose_name = _("version de proposition")
        verbose_name_plural = _("versions de proposition")
        ordering = ["proposal_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "number"], name="proposal_version_once"),
        ]

    def __str__(self):
        return f"{self.proposal_id} v{self.number}"


class EventKind(models.TextChoices):
    CREATED = "created", _("Proposition rédigée")
    EDITED = "edited", _("Proposition modifiée")
    SUBMITTED = "submitted", _("Proposition déposée")
    SCHEDULED = "scheduled", _("Inscrite à une réunion")
    STARTED = "started", _("Traitement ouvert")
    STEP = "step", _("Changement d'étape")
    REACTION = "reaction", _("Réaction")
    QUESTION = "question", _("Question de clarification")
    ANSWER = "answer", _("Réponse")
    AMENDED = "amended", _("Proposition amendée")
    OBJECTION = "objection", _("Objection")
    OBJECTION_TESTED = "objection_tested", _("Objection testée")
    OBJECTION_INTEGRATED = "objection_integrated", _("Objection intégrée")
    OBJECTION_WITHDRAWN = "objection_withdrawn", _("Objection retirée")
    CHANGE_ADDED = "change_added", _("Changement de gouvernance ajouté")
    CHANGE_REMOVED = "change_removed", _("Changement de gouvernance retiré")
    ASYNC_OPENED = "async_opened", _("Soumise au cercle")
    MEETING_ASKED = "meeting_asked", _("Demande de réunion")
    ASYNC_CLOSED = "async_closed", _("Consultation close")
    ADOPTED = "adopted", _("Adoptée")
    REJECTED = "rejected", _("Rejetée")
    WITHDRAWN = "withdrawn", _("Retirée")


class ProposalEvent(models.Model):
    """One recorded act in the life of a proposal: who, when, at which step, what.

    Written once by the services and never changed (`save` refuses an update)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("date"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("type"), max_length=30, choices=EventKind)
    status = models.CharField(_("état"), max_length=20, choices=ProposalStatus)
    step = models.CharField(_("étape"), max_length=20, choices=Step, blank=True)
    text = models.TextField(_("détail"), blank=True)

    class Meta:
        verbose_name = _("étape enregistrée")
        verbose_name_plural = _("étapes enregistrées")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["proposal", "at"])]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise RuntimeError("A proposal's recorded event is never changed.")
        super().save(*args, **kwargs)


class Reaction(models.Model):
    """One person's reaction in the reaction round, on one version of the text."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reactions")
    version = models.ForeignKey(ProposalVersion, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    text = models.TextField(_("réaction"))
    created_at = models.DateTimeField(_("date"))

    class Meta:
        verbose_name = _("réaction")
        verbose_name_plural = _("réactions")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "author"],
                name="reaction_once_per_version",
                violation_error_message=_("Vous avez déjà réagi à cette version."),
            ),
        ]

    def __str__(self):
        return self.text[:60]


class Question(models.Model):
    """A clarifying question and its answer (integrative decision-making)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="questions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    text = models.TextField(_("question"))
    created_at = models.DateTimeField(_("date"))
    answer = models.TextField(_("réponse"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("réponse de"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("répondue le"), null=True, blank=True)

    class Meta:
        verbose_name = _("question de clarification")
        verbose_name_plural = _("questions de clarification")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.text[:60]


class ObjectionStatus(models.TextChoices):
    RAISED = "raised", _("À tester")
    VALID = "valid", _("Valide, à intégrer")
    NOT_VALID = "not_valid", _("Non valide")
    INTEGRATED = "integrated", _("Intégrée")
    WITHDRAWN = "withdrawn", _("Retirée")


# Objections that still stand in the way of the adoption.
BLOCKING = (ObjectionStatus.RAISED, ObjectionStatus.VALID)
# The four questions of holacracy's objection test (constitution, art. 3.2.4): an
# objection is valid when the answer to each is yes.
CRITERIA = (
    (
        "harm",
        _(
            "Elle ferait du tort : adopter la proposition dégraderait la capacité du cercle "
            "à remplir sa raison d'être ou ses redevabilités (pas seulement « on pourrait "
            "faire mieux »)."
        ),
    ),
    (
        "caused",
        _(
            "Elle est causée par la proposition : la tension n'existerait pas si l'on "
            "renonçait à la proposition (ce n'est pas une tension déjà présente)."
        ),
    ),
    (
        "known",
        _(
            "Elle repose sur des faits connus, ou sur un risque si grave qu'on ne pourrait "
            "pas corriger à temps (« assez sûr pour essayer » ne suffit pas à l'écarter)."
        ),
    ),
    (
        "limits",
        _(
            "Elle limite l'objecteur dans l'un de ses rôles, ou le cercle dans sa raison "
            "d'être (elle ne parle pas à la place d'un autre rôle)."
        ),
    ),
)


class Objection(models.Model):
    """An objection to one version of a proposal, the facilitator's test of it, and how
    it was integrated (by an amended version)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="objections")
    version = models.ForeignKey(
        ProposalVersion,
        verbose_name=_("version objectée"),
        on_delete=models.CASCADE,
        related_name="objections",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("objecteur"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("raison"))
    created_at = models.DateTimeField(_("date"))
    # Raised during an asynchronous consultation: it sends the proposal to a meeting.
    during_consultation = models.BooleanField(_("pendant la consultation"), default=False)
    status = models.CharField(
        _("état"), max_length=20, choices=ObjectionStatus, default=ObjectionStatus.RAISED
    )
    # The test (each criterion answered yes or no; valid when all are yes).
    harm = models.BooleanField(_("fait du tort"), null=True, blank=True)
    caused = models.BooleanField(_("causée par la proposition"), null=True, blank=True)
    known = models.BooleanField(_("faits connus"), null=True, blank=True)
    limits = models.BooleanField(_("limite un rôle"), null=True, blank=True)
    test_reason = models.TextField(_("motif du test"), blank=True)
    tested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("testée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tested_at = models.DateTimeField(_("testée le"), null=True, blank=True)
    # The integration: the amended version that answers it, and how.
    integrated_in = models.ForeignKey(
        ProposalVersion,
        verbose_name=_("intégrée dans"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="integrated_objections",
    )
    integration_note = models.TextField(_("intégration"), blank=True)
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["proposal", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="integrated") | Q(integrated_in__isnull=False),
                name="objection_integrated_has_version",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["valid", "not_valid"]) | ~Q(test_reason=""),
                name="objection_test_has_reason",
            ),
        ]

    def __str__(self):
        return self.reason[:60]

    @property
    def is_blocking(self) -> bool:
        return self.status in BLOCKING

    def criteria(self) -> list[tuple[str, str, bool | None]]:
        """(name, question, answer) for the four criteria of the test."""
        return [(name, label, getattr(self, name)) for name, label in CRITERIA]


class MeetingRequest(models.Model):
    """During an asynchronous consultation, someone asks for the proposal to be
    discussed in a meeting instead."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="meeting_requests"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.TextField(_("pourquoi"), blank=True)
    created_at = models.DateTimeField(_("date"))

    class Meta:
        verbose_name = _("demande de réunion")
        verbose_name_plural = _("demandes de réunion")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "person"],
                name="meeting_request_once",
                violation_error_message=_("Vous avez déjà demandé une réunion."),
            ),
        ]

    def __str__(self):
        return f"{self.person_id} — {self.proposal_id}"
