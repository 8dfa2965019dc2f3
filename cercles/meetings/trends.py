"""A circle's meetings over time: the equity of speaking time and the mean rating of
each closed meeting, in a constant number of queries whatever the number of meetings.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import equity as equity_lib
from . import ratings
from .charts import line_chart
from .models import Meeting, MeetingStatus, Participant, SpeakerRequest


def equity_trend(meetings) -> dict[int, float | None]:
    """The equity figure of each closed meeting, in two queries (turns, attendance)."""
    ids = [m.pk for m in meetings]
    seconds: dict[int, dict[int, float]] = {pk: {} for pk in ids}
    for meeting_id, person_id, granted, ended in SpeakerRequest.objects.filter(
        meeting_id__in=ids, granted_at__isnull=False, ended_at__isnull=False
    ).values_list("meeting_id", "person_id", "granted_at", "ended_at"):
        times = seconds[meeting_id]
        times[person_id] = times.get(person_id, 0.0) + (ended - granted).total_seconds()
    for meeting_id, person_id in Participant.objects.filter(
        meeting_id__in=ids, present=True
    ).values_list("meeting_id", "person_id"):
        seconds[meeting_id].setdefault(person_id, 0.0)
    return {pk: equity_lib.equity(seconds[pk].values()) for pk in ids}


def percent(value):
    return None if value is None else round(value * 100)


@dataclass
class TrendRow:
    meeting: Meeting
    equity_percent: int | None
    mean_score: float | None
    ratings: int

    @property
    def mean_label(self) -> str:
        return ratings.mean_label(self.mean_score)


def circle_trend(user, circle, count: int) -> list[TrendRow]:
    """The last `count` closed meetings of the circle the user sees, oldest first.
    Queries: the meetings; their turns; their attendance; their ratings' means."""
    meetings = list(
        Meeting.objects.visible_to(user)
        .filter(circle=circle, status=MeetingStatus.CLOSED)
        .only("id", "title", "starts_at")
        .order_by("-starts_at", "-id")[:count]
    )[::-1]
    if not meetings:
        return []
    figures = equity_trend(meetings)
    means = ratings.mean_scores(m.pk for m in meetings)
    return [
        TrendRow(
            meeting=m,
            equity_percent=percent(figures[m.pk]),
            mean_score=means.get(m.pk, (None, 0))[0],
            ratings=means.get(m.pk, (None, 0))[1],
        )
        for m in meetings
    ]


def trend_charts(rows: list[TrendRow], chart_id: str) -> tuple[str, str]:
    """(equity chart, rating chart) as SVG lines; "" for a series with no value."""
    labels = [f"{row.meeting.starts_at:%d/%m}" for row in rows]
    equity_chart = rating_chart = ""
    if any(row.equity_percent is not None for row in rows):
        equity_chart = line_chart(
            [
                (
                    label,
                    row.equity_percent,
                    "—" if row.equity_percent is None else f"{row.equity_percent} %",
                )
                for label, row in zip(labels, rows, strict=True)
            ],
            chart_id=f"{chart_id}-equity",
            title=_("Équité du temps de parole, réunion après réunion"),
            desc=_(
                "Pour chaque réunion close, de la plus ancienne à la plus récente : 100 % "
                "quand chaque participant présent a parlé autant. Le tableau qui suit "
                "donne les mêmes valeurs."
            ),
            y_min=0,
            y_max=100,
            ticks=[(0, "0 %"), (50, "50 %"), (100, "100 %")],
        )
    if any(row.mean_score is not None for row in rows):
        rating_chart = line_chart(
            [
                (label, row.mean_score, ratings.mean_label(row.mean_score))
                for label, row in zip(labels, rows, strict=True)
            ],
            chart_id=f"{chart_id}-rating",
            title=_("Appréciation moyenne des participants, réunion après réunion"),
            desc=_(
                "Note moyenne de 1 à 5 donnée par les participants présents à chaque réunion "
                "close, de la plus ancienne à la plus récente. Le tableau qui suit donne les "
                "mêmes valeurs."
            ),
            y_min=1,
            y_max=5,
            ticks=[(1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "5")],
        )
    return equity_chart, rating_chart
