"""What the module computes for display: the radar chart (server-side SVG), a person's
latest and previous assessments, and a campaign's aggregates for HR.

Aggregates count submitted assessments only and show a competency's distribution only
when at least `min_group()` people rated it: below, "moins de 5 réponses". No function
here returns a person's answers.
"""

import csv
import io
import math
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cercles.lib.svg import attrs, fit_text, num

from .models import LEVELS, AssessmentRating, AssessmentStatus

ANONYMITY_FLOOR = 5


def min_group() -> int:
    """Never below 5, whatever the setting says."""
    return max(ANONYMITY_FLOOR, int(getattr(settings, "CERCLES_COMPETENCIES_MIN_GROUP", 5)))


# --- Radar -------------------------------------------------------------------------

RADAR_SIZE = 560
RADAR_RADIUS = 170
RADAR_FONT = 12.0
INK = "#1b1f24"
GRID = "#6b7684"
LATEST = "#1f5f8b"
PREVIOUS = "#a3461d"


@dataclass
class RadarAxis:
    label: str
    latest: int | None
    previous: int | None = None


def _point(index, count, level, centre, radius):
    angle = -math.pi / 2 + 2 * math.pi * index / count
    distance = radius * (level or 0) / len(LEVELS)
    return centre + distance * math.cos(angle), centre + distance * math.sin(angle)


def radar_svg(axes: list[RadarAxis], *, chart_id: str, title: str, desc: str) -> str:
    """An accessible radar chart: one axis a competency, rings at levels 1 to 4, the
    latest levels as a filled shape and the previous ones as a dashed line. One image
    for assistive technologies (role="img", <title>, <desc>); the page gives the same
    numbers in a table next to it."""
    count = max(len(axes), 1)
    centre = RADAR_SIZE / 2
    parts = []
    for level in LEVELS:
        ring = [_point(i, count, level, centre, RADAR_RADIUS) for i in range(count)]
        points = " ".join(f"{num(x)},{num(y)}" for x, y in ring)
        parts.append(
            f"<polygon{attrs(points=points, fill='none', stroke=GRID, stroke_width='0.75')}/>"
        )
        x, y = _point(0, count, level, centre, RADAR_RADIUS)
        parts.append(f"<text{attrs(x=x + 4, y=y + 4, font_size='10', fill=GRID)}>{level}</text>")
    for i, axis in enumerate(axes):
        x, y = _point(i, count, len(LEVELS), centre, RADAR_RADIUS)
        parts.append(
            f"<line{attrs(x1=centre, y1=centre, x2=x, y2=y, stroke=GRID, stroke_width='0.75')}/>"
        )
        lx, ly = _point(i, count, len(LEVELS) + 0.45, centre, RADAR_RADIUS)
        anchor = "middle" if abs(lx - centre) < 20 else ("start" if lx > centre else "end")
        room = RADAR_SIZE - lx - 4 if anchor == "start" else (lx - 4 if anchor == "end" else 160)
        parts.append(
            f"<text{attrs(x=lx, y=ly + RADAR_FONT / 3, text_anchor=anchor)}>"
            f"{escape(fit_text(axis.label, min(room, 170), RADAR_FONT))}</text>"
        )

    def shape(values, colour, dashed):
        points = " ".join(
            "{},{}".format(*map(num, _point(i, count, v, centre, RADAR_RADIUS)))
            for i, v in enumerate(values)
        )
        return f"<polygon{attrs(points=points, fill=colour if not dashed else 'none', fill_opacity='0.2' if not dashed else None, stroke=colour, stroke_width='2.5', stroke_dasharray='6 4' if dashed else None)}/>"

    if any(a.previous is not None for a in axes):
        parts.append(shape([a.previous for a in axes], PREVIOUS, True))
    parts.append(shape([a.latest for a in axes], LATEST, False))
    for i, axis in enumerate(axes):
        if axis.latest:
            x, y = _point(i, count, axis.latest, centre, RADAR_RADIUS)
            parts.append(f"<circle{attrs(cx=x, cy=y, r='4', fill=LATEST)}/>")
    svg = (
        f"<svg{attrs(viewBox=f'0 0 {RADAR_SIZE} {RADAR_SIZE}', role='img', aria_labelledby=f'{chart_id}-title {chart_id}-desc', class_='radar-chart', width=RADAR_SIZE, height=RADAR_SIZE, style='max-width: 100%; height: auto')}>"
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>'
        f"<g{attrs(fill=INK, font_size=RADAR_FONT, font_family='system-ui, sans-serif')}>"
        + "".join(parts)
        + "</g></svg>"
    )
    return mark_safe(svg)  # every text above is escaped


def radar_for(latest, previous=None) -> tuple[list[RadarAxis], str]:
    """Axes and SVG comparing two assessments (their ratings prefetched as
    `ratings.all()` with `competency`): the competencies rated in either one."""
    before = {r.competency_id: r.level for r in previous.ratings.all()} if previous else {}
    axes = [
        RadarAxis(r.competency.name, r.level, before.get(r.competency_id))
        for r in latest.ratings.all()
        if r.level is not None or before.get(r.competency_id) is not None
    ]
    for axis in latest.work_axes.all():
        if axis.level is not None:
            axes.append(RadarAxis(axis.title, axis.level, None))
    if previous:
        desc = _(
            "Niveaux estimés de 1 à 4 dans « %(latest)s » (forme pleine) et dans « %(previous)s » "
            "(trait pointillé). Les mêmes valeurs figurent dans le tableau qui suit."
        ) % {"latest": latest.campaign.name, "previous": previous.campaign.name}
    else:
        desc = _(
            "Niveaux estimés de 1 à 4 dans « %(latest)s ». Les mêmes valeurs figurent dans "
            "le tableau qui suit."
        ) % {"latest": latest.campaign.name}
    svg = radar_svg(
        axes,
        chart_id=f"radar-{latest.pk}",
        title=_("Radar des compétences : %(name)s") % {"name": latest.campaign.name},
        desc=desc,
    )
    return axes, svg


# --- Campaign aggregates -------------------------------------------------------------


@dataclass
class CompetencyResult:
    competency: object
    counts: dict = field(default_factory=dict)  # level -> count
    not_assessed: int = 0
    shown: bool = False

    @property
    def respondents(self) -> int:
        return sum(self.counts.values())

    @property
    def mean(self) -> float | None:
        n = self.respondents
        if not n:
            return None
        return round(sum(level * c for level, c in self.counts.items()) / n, 2)

    @property
    def distribution(self) -> list[tuple[int, int]]:
        return [(level, self.counts.get(level, 0)) for level in LEVELS]


@dataclass
class CampaignResults:
    invited: int
    submitted: int
    rows: list
    min_group: int
    closed: bool = True  # levels are published once the campaign has ended

    @property
    def participation_shown(self) -> bool:
        """Below `min_group` invited people, "2 out of 3" tells who did his
        assessment: the participation is hidden like a small group's levels."""
        return self.invited >= self.min_group

    @property
    def rate(self) -> int:
        return round(100 * self.submitted / self.invited) if self.invited else 0


def campaign_results(campaign, invited_people) -> CampaignResults:
    """Queries: the invited count, the submitted count, the campaign's competencies
    with their families, the count of submitted ratings per competency and level."""
    floor = min_group()
    invited = invited_people.count()
    submitted = campaign.assessments.filter(status=AssessmentStatus.SUBMITTED).count()
    competencies = list(
        campaign.competencies.select_related("family").order_by(
            "family__position", "family__name", "name", "id"
        )
    )
    counts = (
        AssessmentRating.objects.filter(
            assessment__campaign=campaign, assessment__status=AssessmentStatus.SUBMITTED
        )
        .order_by()
        .values_list("competency_id", "level")
        .annotate(n=Count("id"))
    )
    by_competency = {c.pk: CompetencyResult(c) for c in competencies}
    for competency_id, level, n in counts:
        row = by_competency.get(competency_id)
        if row is None:
            continue
        if level is None:
            row.not_assessed += n
        else:
            row.counts[level] = n
    # While the campaign runs, comparing the results before and after one more
    # submission would give that person's levels: they are published once it has ended.
    closed = campaign.archived_at is not None or campaign.ends_on < timezone.localdate()
    for row in by_competency.values():
        row.shown = closed and row.respondents >= floor
        if not row.shown:  # nothing of a small group leaves this function
            row.counts, row.not_assessed = {}, 0
    if invited < floor:  # a small campaign: not even who took part leaves this function
        submitted = 0
    return CampaignResults(invited, submitted, list(by_competency.values()), floor, closed)


def _safe(text: str) -> str:
    """A name as a spreadsheet shows it, never run as a formula (names come from imports)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def results_csv(campaign, results: CampaignResults) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [
            _("famille"),
            _("compétence"),
            _("réponses"),
            *[_("niveau %(n)s") % {"n": level} for level in LEVELS],
            _("non évaluée"),
            _("moyenne"),
        ]
    )
    for row in results.rows:
        head = [_safe(row.competency.family.name), _safe(row.competency.name)]
        if row.shown:
            writer.writerow(
                [
                    *head,
                    row.respondents,
                    *[n for _level, n in row.distribution],
                    row.not_assessed,
                    f"{row.mean:.2f}".replace(".", ","),
                ]
            )
        else:
            writer.writerow(
                [
                    *head,
                    (
                        _("moins de %(n)s réponses") % {"n": results.min_group}
                        if results.closed
                        else _("publié à la clôture")
                    ),
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
    writer.writerow([])
    if results.participation_shown:
        writer.writerow(
            [_("participation"), f"{results.submitted} / {results.invited}", f"{results.rate} %"]
        )
    else:
        writer.writerow(
            [
                _("participation"),
                _("moins de %(n)s personnes invitées") % {"n": results.min_group},
            ]
        )
    return out.getvalue()
