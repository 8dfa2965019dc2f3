"""Coaching: volunteer coaches ("développeurs de talents"), requests for support, the
coordinator's matching rounds and the matches they propose, which become confidential
coaching relationships once both people accept.

A `Match` is one proposed pair (a request and a coach). It lives in a round while the
coordinator reviews it (PROPOSED), waits for both answers once the round is published
(PUBLISHED), then is the relationship itself (ACTIVE, then CLOSED), unless one of them
declines (DECLINED) or the coordinator drops it from the round (DROPPED). Only the pair
and the coaching coordinators learn that it exists (see permissions.py).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cercles.core.models import TimeStampedModel
from cercles.lib.urls import cached_reverse


class Format(models.TextChoices):
    COACHING = "coaching", _("Coaching")
    MENTORING = "mentoring", _("Mentorat")
    TUTORING = "tutoring", _("Tutorat")
    SHADOWING = "shadowing", _("Immersion, observation")
    CO_DEVELOPMENT = "codev", _("Codéveloppement")


class HalfDay(models.TextChoices):
    MON_AM = "mon_am", _("lundi matin")
    MON_PM = "mon_pm", _("lundi après-midi")
    TUE_AM = "tue_am", _("mardi matin")
    TUE_PM = "tue_pm", _("mardi après-midi")
    WED_AM = "wed_am", _("mercredi matin")
    WED_PM = "wed_pm", _("mercredi après-midi")
    THU_AM = "thu_am", _("jeudi matin")
    THU_PM = "thu_pm", _("jeudi après-midi")
    FRI_AM = "fri_am", _("vendredi matin")
    FRI_PM = "fri_pm", _("vendredi après-midi")


class PreviousCoach(models.TextChoices):
    AVOID = "avoid", _("Un autre accompagnant que ceux que j'ai déjà eus")
    ALLOWED = "allowed", _("Peu importe")
    WANTED = "wanted", _("De préférence un accompagnant que j'ai déjà eu")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("En attente d'un accompagnant")
    PROPOSED = "proposed", _("Accompagnant proposé")
    MATCHED = "matched", _("Accompagnement en cours")
    CLOSED = "closed", _("Terminée")
    WITHDRAWN = "withdrawn", _("Retirée")


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposition à valider")
    PUBLISHED = "published", _("En attente des réponses")
    ACTIVE = "active", _("En cours")
    DECLINED = "declined", _("Déclinée")
    DROPPED = "dropped", _("Écartée")
    CLOSED = "closed", _("Terminée")


# A coach's places are taken by these matches; these also make a pair "already worked
# together" once active or closed.
TAKING_PLACE = (MatchStatus.PUBLISHED, MatchStatus.ACTIVE)
WORKED_TOGETHER = (MatchStatus.ACTIVE, MatchStatus.CLOSED)
# What the pair sees: never a proposal still under the coordinator's review.
SHOWN_TO_PAIR = (
    MatchStatus.PUBLISHED,
    MatchStatus.ACTIVE,
    MatchStatus.DECLINED,
    MatchStatus.CLOSED,
)


class CoachQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The pool is open to everyone logged in (who offers what, never to whom)."""
        if not (user and user.is_authenticated):
            return self.none()
        return self

    def active(self):
        return self.filter(active=True, person__is_active=True)


class Coach(TimeStampedModel):
    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="coach_profile",
    )
    competencies = models.ManyToManyField(
        "competencies.Competency",
        verbose_name=_("compétences transmises"),
        blank=True,
        related_name="coaches",
    )
    offer = models.TextField(
        _("ce que je peux apporter"),
        blank=True,
        help_text=_("En quelques phrases : votre expérience, ce sur quoi vous aidez volontiers."),
    )
    formats = models.JSONField(_("formats proposés"), default=list)
    capacity = models.PositiveSmallIntegerField(
        _("nombre de personnes accompagnées en même temps"), default=1
    )
    half_days = models.JSONField(_("demi-journées disponibles"), default=list, blank=True)
    availability_note = models.CharField(
        _("précisions sur mes disponibilités"), max_length=300, blank=True
    )
    site = models.CharField(_("site"), max_length=200, blank=True)
    remote_ok = models.BooleanField(_("à distance possible"), default=True)
    active = models.BooleanField(
        _("accepte de nouvelles personnes"),
        default=True,
        help_text=_("Décochez pour faire une pause : vos accompagnements en cours continuent."),
    )

    objects = CoachQuerySet.as_manager()

    class Meta:
        verbose_name = _("développeur de talents")
        verbose_name_plural = _("développeurs de talents")
        ordering = ["person__last_name", "person__first_name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=10), name="coach_capacity_range"
            ),
        ]

    def __str__(self):
        return str(self.person)

    def get_formats_display(self) -> list[str]:
        labels = dict(Format.choices)
        return [str(labels[f]) for f in self.formats if f in labels]

    def get_half_days_display(self) -> list[str]:
        labels = dict(HalfDay.choices)
        return [str(labels[h]) for h in HalfDay.values if h in self.half_days]


class CoachingRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The requester and the coaching coordinators."""
        from cercles.people.functions import is_coaching_coordinator

        if not (user and user.is_authenticated):
            return self.none()
        if is_coaching_coordinator(user):
            return self
        return self.filter(requester=user)

    def mine(self, user):
        return self.filter(requester=user)


class CoachingRequest(TimeStampedModel):
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandeur"),
        on_delete=models.CASCADE,
        related_name="coaching_requests",
    )
    need = models.TextField(
        _("mon besoin"),
        help_text=_(
            "Ce que vous voulez développer ou la situation pour laquelle vous cherchez de l'aide."
        ),
    )
    competencies = models.ManyToManyField(
        "competencies.Competency",
        verbose_name=_("compétences recherchées"),
        blank=True,
        related_name="coaching_requests",
    )
    format = models.CharField(_("format souhaité"), max_length=20, choices=Format, blank=True)
    half_days = models.JSONField(_("demi-journées disponibles"), default=list, blank=True)
    availability_note = models.CharField(
        _("précisions sur mes disponibilités"), max_length=300, blank=True
    )
    site = models.CharField(_("site"), max_length=200, blank=True)
    remote_ok = models.BooleanField(_("à distance possible"), default=True)
    allow_circle = models.BooleanField(
        _("j'accepte un accompagnant de mon cercle"),
        default=False,
        help_text=_("Par défaut, personne qui tient un rôle dans l'un de vos cercles."),
    )
    allow_line = models.BooleanField(
        _("j'accepte un accompagnant de ma ligne hiérarchique"),
        default=False,
        help_text=_("Par défaut, ni votre premier lien ni ceux des cercles au-dessus."),
    )
    previous_coach = models.CharField(
        _("un accompagnant que j'ai déjà eu"),
        max_length=10,
        choices=PreviousCoach,
        default=PreviousCoach.AVOID,
    )
    status = models.CharField(
        _("état"), max_length=10, choices=RequestStatus, default=RequestStatus.OPEN
    )
    closed_at = models.DateTimeField(_("terminée le"), null=True, blank=True)

    objects = CoachingRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("demande d'accompagnement")
        verbose_name_plural = _("demandes d'accompagnement")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(condition=~Q(need=""), name="coaching_request_need_not_empty"),
        ]

    def __str__(self):
        return f"{self.requester} — {self.need[:40]}"

    def get_absolute_url(self):
        return cached_reverse("coaching:request_detail", self.pk)

    def get_half_days_display(self) -> list[str]:
        labels = dict(HalfDay.choices)
        return [str(labels[h]) for h in HalfDay.values if h in self.half_days]


class MatchingRoundQuerySet(models.QuerySet):
    def visible_to(self, user):
        from cercles.people.functions import is_coaching_coordinator

        return self if is_coaching_coordinator(user) else self.none()


class MatchingRound(models.Model):
    """One run of the matching engine over the open requests, reviewed then published."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lancé par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("lancé le"), auto_now_add=True)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    request_count = models.PositiveIntegerField(_("demandes examinées"), default=0)
    coach_count = models.PositiveIntegerField(_("accompagnants disponibles"), default=0)
    seconds = models.FloatField(_("durée du calcul (s)"), default=0)

    objects = MatchingRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("tour d'appariement")
        verbose_name_plural = _("tours d'appariement")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"#{self.pk}"

    def get_absolute_url(self):
        return cached_reverse("coaching:round_detail", self.pk)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class MatchQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Coordinators see every match; the pair sees theirs once published; nobody else
        (not HR, not lead links) learns that it exists."""
        from cercles.people.functions import is_coaching_coordinator

        if not (user and user.is_authenticated):
            return self.none()
        if is_coaching_coordinator(user):
            return self
        return self.filter(
            Q(request__requester=user) | Q(coach__person=user), status__in=SHOWN_TO_PAIR
        )

    def with_people(self):
        return self.select_related("request__requester", "coach__person")


class Match(models.Model):
    round = models.ForeignKey(
        MatchingRound,
        verbose_name=_("tour"),
        on_delete=models.CASCADE,
        related_name="matches",
    )
    request = models.ForeignKey(
        CoachingRequest,
        verbose_name=_("demande"),
        on_delete=models.CASCADE,
        related_name="matches",
    )
    coach = models.ForeignKey(
        Coach, verbose_name=_("accompagnant"), on_delete=models.CASCADE, related_name="matches"
    )
    score = models.IntegerField(_("score"), default=0)
    # [{"label": str, "points": int}], in French as computed (see matching.Reason).
    reasons = models.JSONField(_("raisons"), default=list)
    status = models.CharField(
        _("état"), max_length=10, choices=MatchStatus, default=MatchStatus.PROPOSED
    )
    requester_accepted_at = models.DateTimeField(
        _("acceptée par le demandeur le"), null=True, blank=True
    )
    coach_accepted_at = models.DateTimeField(
        _("acceptée par l'accompagnant le"), null=True, blank=True
    )
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("déclinée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decline_reason = models.CharField(_("raison du refus"), max_length=500, blank=True)
    started_at = models.DateTimeField(_("commencée le"), null=True, blank=True)
    closed_at = models.DateTimeField(_("terminée le"), null=True, blank=True)
    feedback = models.TextField(_("bilan"), blank=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("accompagnement")
        verbose_name_plural = _("accompagnements")
        ordering = ["-round__created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "request"], name="coaching_match_once_per_round"
            ),
        ]

    def __str__(self):
        return f"{self.request_id} ↔ {self.coach_id}"

    def get_absolute_url(self):
        return cached_reverse("coaching:match_detail", self.pk)
