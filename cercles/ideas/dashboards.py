"""What became of the ideas: the figures of the dashboards, per campaign and overall.

Pure reads. Every figure comes from a fixed number of aggregate queries, whatever the
number of ideas (see `dashboard`); nothing here loops over the ideas in Python. The
ideas counted are the posted ones (drafts are their authors' alone): everyone logged in
reads them, so everyone reads these figures too.

Anonymous ideas are counted, never attributed: the figures about people are the number
of distinct signed authors and the number of anonymous ideas, nothing that names anyone.

Definitions:
- *answered*: the idea has had its first public answer (`answered_at`), a change of
  state or a merge. *Answered in time*: on or before its `answer_due_on`, the day in
  Europe/Paris. *Overdue*: the same rule as `IdeaQuerySet.overdue` — still waiting past
  its due day. The share answered in time is taken over the ideas whose deadline has
  come (answered, or overdue), so that ideas still within their delay do not count
  against it.
- *time to first answer*: `answered_at - submitted_at`. An anonymous idea's
  `submitted_at` is cut to midnight UTC, so its wait may read up to a day longer.
- *supports*: the sum of the ideas' `support_count`, which the services keep with the
  Support rows (a merged idea's supports move to its target and count once).
- *comments*: the comments nobody hid.
- *circle*: the circle that answers the idea — its own, else its campaign's, as in the
  list's circle filter.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, FloatField, Func, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import AWAITING_ANSWER, Campaign, Comment, Idea, IdeaAnswer, IdeaStatus

S = IdeaStatus
TOP = 10
MONTHS = 12
# The states of the funnel, as the life cycle (`models.TRANSITIONS`) allows them:
# an idea reaches IMPLEMENTED only from ACCEPTED or IN_PROJECT, and IN_PROJECT only from
# ACCEPTED, so every idea in project or implemented has been accepted.
ACCEPTED_OR_BEYOND = (S.ACCEPTED, S.IN_PROJECT, S.IMPLEMENTED)


@dataclass(frozen=True)
class Share:
    part: int
    whole: int

    @property
    def percent(self) -> int | None:
        """Rounded percentage, None when there is nothing to divide by."""
        if not self.whole:
            return None
        return round(100 * self.part / self.whole)


@dataclass
class Dashboard:
    ideas: int = 0
    supports: int = 0
    comments: int = 0
    signed_authors: int = 0
    anonymous_ideas: int = 0
    answered: int = 0
    answered_in_time: int = 0
    overdue: int = 0
    median_days: float | None = None
    # [(status, count)] for each state but draft, in the life cycle's order.
    by_status: list = field(default_factory=list)
    # [(stage key, count)]: ideas, accepted, in_project, implemented.
    funnel: list = field(default_factory=list)
    # [(objective id or None, name or None, count)]; None: ideas with no objective.
    by_objective: list = field(default_factory=list)
    # [(circle id or None, name or None, count)], top 10, then "others" and "none".
    by_circle: list = field(default_factory=list)
    other_circles: int = 0
    no_circle: int = 0
    # [(first day of the month, count)] for the last 12 months, oldest first.
    by_month: list = field(default_factory=list)
    most_supported: list = field(default_factory=list)
    oldest_unanswered: list = field(default_factory=list)

    @property
    def share_answered(self) -> Share:
        return Share(self.answered, self.ideas)

    @property
    def share_in_time(self) -> Share:
        """Answered in time, among the ideas whose deadline has come."""
        return Share(self.answered_in_time, self.answered + self.overdue)


class DaysBetween(Func):
    """Days from one datetime column to another, as a float, native on each database.

    Django's own `F(a) - F(b)` calls a Python function per row on SQLite; julianday()
    is SQLite's built-in, and PostgreSQL subtracts timestamps natively.
    """

    output_field = FloatField()
    arity = 2
    template = "EXTRACT(EPOCH FROM (%(expressions)s)) / 86400.0"
    arg_joiner = " - "

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            template="(julianday(%(expressions)s))",
            arg_joiner=") - julianday(",
            **extra_context,
        )


def posted_ideas(campaign: Campaign | None = None) -> QuerySet:
    """The ideas a dashboard describes: every posted idea, or a campaign's."""
    ideas = Idea.objects.published()
    if campaign is not None:
        ideas = ideas.filter(campaign=campaign)
    return ideas


def month_starts(today: datetime.date, count: int = MONTHS) -> list[datetime.date]:
    """The first days of the `count` months ending with today's, oldest first."""
    year, month = today.year, today.month
    days = []
    for _i in range(count):
        days.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return days[::-1]


def _month_bounds(today: datetime.date) -> list[datetime.datetime]:
    """Local midnights that open each of the last 12 months, and the next month's."""
    starts = month_starts(today)
    last = starts[-1]
    after = datetime.date(last.year + last.month // 12, last.month % 12 + 1, 1)
    return [
        timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
        for day in [*starts, after]
    ]


def _totals(ideas: QuerySet, today: datetime.date) -> dict:
    """One aggregate query over the ideas (one table scan), months included: twelve
    range counts cost less than grouping on a truncated date, which SQLite computes
    in Python for every row."""
    # The same rule as IdeaQuerySet.overdue, as a condition of the aggregate.
    overdue = Q(status__in=AWAITING_ANSWER, answered_at__isnull=True, answer_due_on__lt=today)
    in_time = Q(answered_at__isnull=False, answered_at__date__lte=F("answer_due_on"))
    was_in_project = Exists(
        IdeaAnswer.objects.filter(idea_id=OuterRef("pk"), to_status=S.IN_PROJECT)
    )
    has_objective = Exists(Idea.objectives.through.objects.filter(idea_id=OuterRef("pk")))
    per_status = {f"status_{s}": Count("pk", filter=Q(status=s)) for s in S.values if s != S.DRAFT}
    bounds = _month_bounds(today)
    per_month = {
        f"month_{i}": Count("pk", filter=Q(submitted_at__gte=start, submitted_at__lt=end))
        for i, (start, end) in enumerate(zip(bounds, bounds[1:], strict=False))
    }
    return ideas.aggregate(
        ideas=Count("pk"),
        anonymous_ideas=Count("pk", filter=Q(is_anonymous=True)),
        signed_authors=Count("author", distinct=True),
        supports=Coalesce(Sum("support_count"), 0),
        answered=Count("pk", filter=Q(answered_at__isnull=False)),
        answered_in_time=Count("pk", filter=in_time),
        overdue=Count("pk", filter=overdue),
        implemented_after_project=Count("pk", filter=Q(status=S.IMPLEMENTED) & Q(was_in_project)),
        no_objective=Count("pk", filter=~Q(has_objective)),
        **per_status,
        **per_month,
    )


def _median_days(ideas: QuerySet, answered: int) -> float | None:
    """The median wait for the first answer, in days, read in SQL on any database.

    PostgreSQL has percentile_cont, SQLite has nothing alike; both sort the answered
    ideas by their wait and skip to the middle (ORDER BY … LIMIT 2 OFFSET n/2), so only
    the one or two middle values leave the database. `answered` is the count the
    aggregate already gave.
    """
    middle = max(answered - 1, 0) // 2
    size = 2 if answered and answered % 2 == 0 else 1
    waits = list(
        ideas.filter(answered_at__isnull=False, submitted_at__isnull=False)
        .annotate(wait=DaysBetween("answered_at", "submitted_at"))
        .order_by("wait", "pk")
        .values_list("wait", flat=True)[middle : middle + size]
    )
    if not waits:
        return None
    # float(): PostgreSQL's EXTRACT gives a Decimal.
    return round(max(sum(float(w) for w in waits) / len(waits), 0.0), 1)


def _by_objective(ideas: QuerySet, no_objective: int) -> list:
    links = Idea.objectives.through.objects.filter(idea__in=ideas)
    rows = [
        (row["objective_id"], row["objective__name"], row["n"])
        for row in links.values("objective_id", "objective__name")
        .annotate(n=Count("idea_id"))
        .order_by("-n", "objective__name", "objective_id")
    ]
    if no_objective:
        rows.append((None, None, no_objective))
    return rows


def _by_circle(ideas: QuerySet) -> tuple[list, int, int]:
    """Top circles, the count of the others, the count without any circle.

    One row per circle that has ideas comes back: at most the organisation's circles,
    whatever the number of ideas.
    """
    groups = (
        ideas.values(
            scope=Coalesce("circle_id", "campaign__circle_id"),
            scope_name=Coalesce("circle__name", "campaign__circle__name"),
        )
        .annotate(n=Count("pk"))
        .order_by("-n", "scope_name", "scope")
    )
    named, none = [], 0
    for row in groups:
        if row["scope"] is None:
            none = row["n"]
        else:
            named.append((row["scope"], row["scope_name"], row["n"]))
    return named[:TOP], sum(n for _pk, _name, n in named[TOP:]), none


def dashboard(*, campaign: Campaign | None = None, today: datetime.date | None = None):
    """The figures of a campaign's dashboard, or of all the ideas when `campaign` is None.

    Seven queries, whatever the number of ideas: the totals (one aggregate, months
    included), the median wait, ideas by objective, by circle, the most supported, the
    oldest unanswered, the comments.

    The funnel counts, at each stage, the ideas that reached it or went beyond:
    - ideas: every posted idea;
    - accepted: now accepted, in project or implemented (the life cycle reaches the
      last two only through acceptance);
    - in project: now in project, or implemented after having been in a project (an
      answer moved it to IN_PROJECT). An accepted idea may also be implemented
      directly, without a project, and one taken back from a project to "accepted"
      is no longer in it: so this stage may be smaller than the next;
    - implemented: now implemented.
    Refused and merged ideas stop at the first stage.
    """
    today = today or timezone.localdate()
    ideas = posted_ideas(campaign)
    totals = _totals(ideas, today)
    data = Dashboard(
        ideas=totals["ideas"],
        supports=totals["supports"],
        signed_authors=totals["signed_authors"],
        anonymous_ideas=totals["anonymous_ideas"],
        answered=totals["answered"],
        answered_in_time=totals["answered_in_time"],
        overdue=totals["overdue"],
    )
    status = {s: totals[f"status_{s}"] for s in S.values if s != S.DRAFT}
    data.by_status = list(status.items())
    data.funnel = [
        ("ideas", data.ideas),
        ("accepted", sum(status[s] for s in ACCEPTED_OR_BEYOND)),
        ("in_project", status[S.IN_PROJECT] + totals["implemented_after_project"]),
        ("implemented", status[S.IMPLEMENTED]),
    ]
    data.median_days = _median_days(ideas, data.answered)
    data.by_objective = _by_objective(ideas, totals["no_objective"])
    data.by_circle, data.other_circles, data.no_circle = _by_circle(ideas)
    data.by_month = [(start, totals[f"month_{i}"]) for i, start in enumerate(month_starts(today))]
    data.most_supported = list(
        ideas.exclude(status=S.MERGED)
        .filter(support_count__gt=0)
        .order_by("-support_count", "-submitted_at", "-id")
        .only("id", "title", "status", "support_count")[:TOP]
    )
    data.oldest_unanswered = list(
        ideas.filter(status__in=AWAITING_ANSWER, answered_at__isnull=True)
        .order_by("answer_due_on", "submitted_at", "id")
        .only("id", "title", "status", "submitted_at", "answer_due_on", "answered_at")[:TOP]
    )
    for idea in data.oldest_unanswered:
        idea.overdue = idea.is_overdue_on(today)
    data.comments = Comment.objects.filter(idea__in=ideas, hidden_at__isnull=True).count()
    return data
