"""Polls of a circle, or of one of its meetings, and the ballots cast in them.

A poll asks one question of an *electorate*: the circle's members, or the meeting's
participants, as they were when the poll opened (`Elector`, a snapshot: the quorum is
measured against it and the reminders go to it). Each elector casts one ballot.

Open and anonymous polls
------------------------
In an open poll a ballot names its voter (`Ballot.person`) and everyone who may see
the results sees who voted what. In an anonymous poll nothing links a ballot to its
voter (PRODUCT, promise 3):

- `Participation(poll, person)` records *that* someone voted — one ballot per person,
  and who has not voted yet (reminders, quorum) — with no time at all;
- the `Ballot` has no person, a random id (`random_id`: sequential ids would give the
  order of the votes, and so pair them with the order of the participations), and
  only the day it was cast (`cast_on`);
- both are written in one transaction (`services.poll_vote`), and on PostgreSQL the
  poll's ballots are then rewritten in the order of their random ids
  (`services._reseal`): rows keep the order and the transaction id of their insertion
  (`ctid`, `xmin`), which a dump or a superuser could otherwise pair with the
  participations'. On SQLite the random id *is* the rowid (`RandomIdField`), so the
  table holds no insertion order either;
- a poll that is anonymous stays anonymous: the services and the forms refuse the
  change, and a database trigger refuses it too (`migrations/0002`, `db.py`).

The answer of a ballot is one JSON object whose shape depends on the poll's kind
(`ballots.py`): it is one row per ballot, so there is nothing else to keep unlinked.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from cercles.core.models import TimeStampedModel

# Re-exported: migrations and callers name them from here.
from cercles.lib.random_ids import RANDOM_ID_MAX, RandomIdField, random_id  # noqa: F401
from cercles.lib.urls import cached_reverse

# Below this many respondents an anonymous poll shows no aggregate (PRODUCT, promise 3).
ANONYMOUS_MIN_RESPONDENTS = 5
DOTS_MAX = 100
SCORE_MAX = 100
OPTIONS_MAX = 30


def utc_day(moment: datetime.datetime) -> datetime.date:
    """The UTC day of a moment: the only precision an anonymous ballot keeps."""
    return moment.astimezone(datetime.UTC).date()


class PollKind(models.TextChoices):
    CONSENT = "consent", _("Consentement")
    ADVICE = "advice", _("Sollicitation d'avis")
    YES_NO = "yes_no", _("Oui, non, abstention")
    DOTS = "dots", _("Vote par points")
    SCORE = "score", _("Notes")
    RANKED = "ranked", _("Classement")
    TIME_SLOT = "time_slot", _("Choix d'un créneau")


# The kinds whose ballots are about options listed by the author.
KINDS_WITH_OPTIONS = {PollKind.DOTS, PollKind.SCORE, PollKind.RANKED, PollKind.TIME_SLOT}


class RankingMethod(models.TextChoices):
    IRV = "irv", _("Vote alternatif (éliminations successives)")
    BORDA = "borda", _("Méthode de Borda (points par rang)")


class ResultsVisibility(models.TextChoices):
    ALWAYS = "always", _("Toujours visibles")
    AFTER_VOTE = "after_vote", _("Visibles après avoir voté")
    AFTER_CLOSE = "after_close", _("Visibles à la clôture")


class PollStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    OPEN = "open", _("Ouvert")
    CLOSED = "closed", _("Clos")


class QuorumKind(models.TextChoices):
    NONE = "none", _("Pas de quorum")
    COUNT = "count", _("Nombre minimum de votants")
    PERCENT = "percent", _("Part minimum du corps électoral (%)")


class PollQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Admins see every poll; others, the polls of the circles whose meetings they see
        (`meetings.permissions.seen_circle_ids`: members and managers), those they are
        electors of, and those of the meetings they see (guests of an inter-service
        meeting, invited participants)."""
        if not (user and user.is_authenticated):
            return self.none()
        if user.is_admin:
            return self
        from cercles.meetings.models import Meeting
        from cercles.meetings.permissions import seen_circle_ids

        elector = Elector.objects.filter(poll_id=OuterRef("pk"), person=user)
        return self.filter(
            Q(circle_id__in=seen_circle_ids(user))
            | Exists(elector)
            | Q(meeting__in=Meeting.objects.visible_to(user).values("pk"))
        )

    def with_mine(self, user):
        """With `my_elector` and `my_voted` (booleans) for the user, so that a page of
        polls knows who may vote and who has voted without a query per poll."""
        return self.annotate(
            my_elector=Exists(Elector.objects.filter(poll_id=OuterRef("pk"), person=user.pk)),
            my_voted=Exists(Participation.objects.filter(poll_id=OuterRef("pk"), person=user.pk)),
        )

    def open(self):
        return self.filter(status=PollStatus.OPEN)

    def closed(self):
        return self.filter(status=PollStatus.CLOSED)


class Poll(TimeStampedModel):
    circle = models.ForeignKey(
        "organisation.Circle",
        verbose_name=_("cercle"),
        on_delete=models.PROTECT,
        related_name="polls",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("réunion"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="polls",
    )
    kind = models.CharField(_("type"), max_length=20, choices=PollKind)
    question = models.CharField(_("question"), max_length=300)
    description = models.TextField(_("contexte"), blank=True, help_text=_("Markdown."))
    is_anonymous = models.BooleanField(_("anonyme"), default=False)
    results_visibility = models.CharField(
        _("résultats"),
        max_length=20,
        choices=ResultsVisibility,
        default=ResultsVisibility.AFTER_VOTE,
    )
    min_respondents = models.PositiveSmallIntegerField(
        _("réponses minimum avant d'afficher un résultat (sondage anonyme)"),
        default=ANONYMOUS_MIN_RESPONDENTS,
        validators=[MinValueValidator(ANONYMOUS_MIN_RESPONDENTS), MaxValueValidator(10000)],
    )
    ranking_method = models.CharField(
        _("méthode de dépouillement"), max_length=10, choices=RankingMethod, blank=True
    )
    dots_total = models.PositiveSmallIntegerField(
        _("points par votant"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(DOTS_MAX)],
    )
    dots_max_per_option = models.PositiveSmallIntegerField(
        _("points au plus sur une même option"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(DOTS_MAX)],
    )
    score_max = models.PositiveSmallIntegerField(
        _("note maximale"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(SCORE_MAX)],
    )
    status = models.CharField(
        _("état"), max_length=10, choices=PollStatus, default=PollStatus.DRAFT
    )
    opened_at = models.DateTimeField(_("ouvert le"), null=True, blank=True)
    closes_at = models.DateTimeField(_("échéance"), null=True, blank=True)
    closed_at = models.DateTimeField(_("clos le"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("clos par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # When the reminders went to the electors who had not voted (one per poll and person).
    reminded_at = models.DateTimeField(_("relance envoyée le"), null=True, blank=True)
    quorum_kind = models.CharField(
        _("quorum"), max_length=10, choices=QuorumKind, default=QuorumKind.NONE
    )
    quorum_value = models.PositiveIntegerField(_("valeur du quorum"), null=True, blank=True)
    # Kept by the services (the electorate at opening; one more at each first vote), so a
    # list shows the turnout without counting rows.
    electorate_size = models.PositiveIntegerField(_("corps électoral"), default=0)
    voter_count = models.PositiveIntegerField(_("votants"), default=0)
    quorum_reached = models.BooleanField(_("quorum atteint"), null=True, blank=True)
    outcome = models.TextField(_("conclusion"), blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("conclusion écrite par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome_at = models.DateTimeField(_("conclusion écrite le"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PollQuerySet.as_manager()

    class Meta:
        verbose_name = _("sondage")
        verbose_name_plural = _("sondages")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["circle", "status", "-created_at"], name="poll_circle_idx"),
            models.Index(fields=["status", "closes_at"], name="poll_due_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(question=""), name="poll_question_not_empty"),
            # Live results would let anyone compare the totals before and after a
            # colleague's vote: an anonymous poll shows them at the closing only.
            models.CheckConstraint(
                condition=Q(is_anonymous=False) | Q(results_visibility="after_close"),
                name="poll_anonymous_results_after_close",
                violation_error_message=_(
                    "Un sondage anonyme ne montre ses résultats qu'à la clôture."
                ),
            ),
            models.CheckConstraint(
                condition=Q(min_respondents__gte=ANONYMOUS_MIN_RESPONDENTS),
                name="poll_min_respondents_at_least_5",
            ),
            models.CheckConstraint(
                condition=~Q(kind="dots") | Q(dots_total__gte=1),
                name="poll_dots_have_a_total",
            ),
            models.CheckConstraint(
                condition=Q(dots_max_per_option__isnull=True)
                | Q(dots_max_per_option__lte=models.F("dots_total")),
                name="poll_dots_max_within_total",
            ),
            models.CheckConstraint(
                condition=~Q(kind="score") | Q(score_max__gte=1),
                name="poll_score_has_a_maximum",
            ),
            models.CheckConstraint(
                condition=~Q(kind="ranked") | Q(ranking_method__in=["irv", "borda"]),
                name="poll_ranked_has_a_method",
            ),
            models.CheckConstraint(
                condition=Q(quorum_kind="none", quorum_value__isnull=True)
                | Q(quorum_kind="count", quorum_value__gte=1)
                | Q(quorum_kind="percent", quorum_value__gte=1, quorum_value__lte=100),
                name="poll_quorum_consistent",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False),
                name="poll_closed_has_a_date",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(opened_at__isnull=False),
                name="poll_opened_has_a_date",
            ),
        ]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return cached_reverse("polls:poll_detail", self.pk)

    @property
    def has_options(self) -> bool:
        return self.kind in KINDS_WITH_OPTIONS

    @property
    def is_open(self) -> bool:
        return self.status == PollStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == PollStatus.CLOSED

    @property
    def is_draft(self) -> bool:
        return self.status == PollStatus.DRAFT

    @property
    def respondents_needed(self) -> int:
        """How many respondents an aggregate needs: the anonymous minimum, or one."""
        return self.min_respondents if self.is_anonymous else 1

    @property
    def quorum_needed(self) -> int | None:
        """The number of voters the quorum asks for, against the electorate's size."""
        if self.quorum_kind == QuorumKind.COUNT:
            return self.quorum_value
        if self.quorum_kind == QuorumKind.PERCENT:
            # Rounded up: 50 % of 7 electors is 4 voters.
            return -(-self.electorate_size * self.quorum_value // 100)
        return None

    @property
    def quorum_met_now(self) -> bool | None:
        needed = self.quorum_needed
        return None if needed is None else self.voter_count >= needed

    @property
    def turnout_percent(self) -> int | None:
        if not self.electorate_size:
            return None
        return round(100 * self.voter_count / self.electorate_size)

    @property
    def closed_automatically(self) -> bool:
        return self.is_closed and self.closed_by_id is None

    @property
    def needs_outcome(self) -> bool:
        return self.is_closed and not self.outcome


class PollOption(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label = models.CharField(_("intitulé"), max_length=200, blank=True)
    # Time-slot polls: the slot offered.
    starts_at = models.DateTimeField(_("créneau"), null=True, blank=True)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(label="") | Q(starts_at__isnull=False),
                name="poll_option_label_or_slot",
            ),
        ]

    def __str__(self):
        return self.display

    @property
    def display(self) -> str:
        """The label, or for a time slot its date and time (and label)."""
        if self.starts_at is None:
            return self.label
        from django.utils import formats, timezone

        when = formats.date_format(timezone.localtime(self.starts_at), "l j F Y, H:i")
        return f"{when} — {self.label}" if self.label else when


class Elector(models.Model):
    """Someone asked to vote: the electorate snapshot taken at the opening (and the
    people added to it afterwards). Written in one batch, in no order of voting."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="electors")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="poll_electors",
    )

    class Meta:
        verbose_name = _("électeur")
        verbose_name_plural = _("électeurs")
        constraints = [models.UniqueConstraint(fields=["poll", "person"], name="elector_once")]

    def __str__(self):
        return f"{self.person} — {self.poll}"


class Participation(models.Model):
    """That someone voted in a poll: one per person, no time (module docstring)."""

    id = RandomIdField()
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="poll_participations",
    )

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "person"],
                name="participation_once",
                violation_error_message=_("Vous avez déjà voté."),
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.poll}"


class Ballot(models.Model):
    """One voter's answer. In an anonymous poll: no person, a random id, the day only."""

    id = RandomIdField()
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="ballots")
    # Copied from the poll so the database itself refuses a voter on an anonymous ballot.
    is_anonymous = models.BooleanField(_("anonyme"), default=False)
    # Open polls only; null too once a voter's account is erased (RGPD).
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("votant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="poll_ballots",
    )
    answer = models.JSONField(_("réponse"))
    comment = models.TextField(_("commentaire"), blank=True)
    cast_on = models.DateField(_("jour du vote"))

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_anonymous=False) | Q(person__isnull=True),
                name="ballot_anonymous_has_no_person",
            ),
            models.UniqueConstraint(
                fields=["poll", "person"],
                condition=Q(person__isnull=False),
                name="ballot_once_per_person",
            ),
        ]

    def __str__(self):
        return f"{self.poll_id} — {self.pk}"
