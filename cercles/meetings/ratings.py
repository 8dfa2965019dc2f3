"""Reading the participants' ratings of meetings: one meeting's summary, many meetings'
means. Ratings carry their author (one may change his own), but what is shown to
others never does: counts, mean, distribution, share of "yes", and the comments
without names, sorted alphabetically rather than by time, so that their order tells
nothing about who wrote them.
"""

from dataclasses import dataclass, field

from django.db.models import Avg, Count
from django.utils.translation import gettext as _

from .models import MeetingRating, Voice


@dataclass
class RatingSummary:
    count: int = 0
    mean: float | None = None
    # (score, how many, share of the ratings in %) for 5, 4, 3, 2, 1.
    distribution: list[tuple[int, int, int]] = field(default_factory=list)
    # (value, label, how many, share in %) for yes, partly, no.
    voices: list[tuple[str, str, int, int]] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    @property
    def mean_label(self) -> str:
        return "—" if self.mean is None else f"{self.mean:.1f}".replace(".", ",")

    @property
    def share_yes(self) -> int | None:
        if not self.count:
            return None
        return next(share for value, _label, _n, share in self.voices if value == Voice.YES)


def _share(n: int, total: int) -> int:
    return round(100 * n / total) if total else 0


def summarise(rows) -> RatingSummary:
    """`rows`: (score, voice, comment) tuples of one meeting."""
    rows = list(rows)
    total = len(rows)
    scores = [score for score, _voice, _comment in rows]
    summary = RatingSummary(count=total, mean=(sum(scores) / total) if total else None)
    summary.distribution = [
        (score, scores.count(score), _share(scores.count(score), total))
        for score in range(5, 0, -1)
    ]
    voices = [voice for _score, voice, _comment in rows]
    summary.voices = [
        (value, label, voices.count(value), _share(voices.count(value), total))
        for value, label in Voice.choices
    ]
    summary.comments = sorted(
        (comment.strip() for _s, _v, comment in rows if comment.strip()), key=str.casefold
    )
    return summary


def meeting_ratings(meeting, user) -> tuple[RatingSummary, MeetingRating | None]:
    """The meeting's summary and the user's own rating, in one query."""
    ratings = list(
        MeetingRating.objects.filter(meeting=meeting).only(
            "id", "meeting_id", "person_id", "score", "voice", "comment", "updated_at"
        )
    )
    mine = next((r for r in ratings if r.person_id == user.pk), None)
    return summarise((r.score, r.voice, r.comment) for r in ratings), mine


def mean_scores(meeting_ids) -> dict[int, tuple[float, int]]:
    """{meeting id: (mean score, number of ratings)} for the meetings rated, one query."""
    return {
        row["meeting_id"]: (row["mean"], row["n"])
        for row in MeetingRating.objects.filter(meeting_id__in=list(meeting_ids))
        .values("meeting_id")
        .annotate(mean=Avg("score"), n=Count("id"))
        .order_by()
    }


def mean_label(mean: float | None) -> str:
    return "—" if mean is None else _("%(mean)s / 5") % {"mean": f"{mean:.1f}".replace(".", ",")}
