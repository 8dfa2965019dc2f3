"""The analysis of a consultation, cached, and what the map page, the API and the
meeting minutes show of it.

The analysis is computed on demand and cached under the consultation's generation
(`cercles.core.fragments`), which every vote, statement and setting change bumps: a
page read between two votes costs no computation, and no app server keeps state.

Privacy rule (docs/opinion-map.md): in an anonymous consultation, no percentage is
shown that counts fewer than 5 people (a small group's shares, a statement's overall
shares with fewer than 5 votes). The map never names anyone, in any consultation.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cercles.core import fragments

from . import chart
from .analysis import (
    MIN_PARTICIPANTS,
    Analysis,
    ConsensusStatement,
    DivisiveStatement,
    Group,
    Representative,
    VoteCounts,
    analyse,
)
from .models import Consultation, Statement, StatementStatus, Vote

# Part of the cache key: a new version of the analysis is never read from an old entry.
ANALYSIS_VERSION = 1
# Fewer people than this behind a share: not shown in an anonymous consultation.
SMALL = 5
RANDOM_STATE = 0


def analysis_key(consultation: Consultation) -> str:
    generation = fragments.generation(consultation.generation_name)
    return f"opinions:analysis:v{ANALYSIS_VERSION}:{consultation.pk}:{generation}"


def analysis_for(consultation: Consultation, statement_ids=None) -> Analysis:
    """The consultation's analysis, from the cache or computed (one query for the votes,
    one more for the statements if `statement_ids` is not given)."""

    def compute():
        ids = statement_ids
        if ids is None:
            ids = list(
                consultation.statements.published().order_by("pk").values_list("pk", flat=True)
            )
        votes = Vote.objects.filter(
            statement__consultation=consultation, statement__status=StatementStatus.ACCEPTED
        ).values_list("participant_id", "statement_id", "value")
        return analyse(
            votes.iterator(chunk_size=5000),
            sorted(ids),
            min_votes=consultation.min_votes,
            random_state=RANDOM_STATE,
        )

    return fragments.cached_value(analysis_key(consultation), compute)


def numbers_shown(consultation: Consultation, people: int) -> bool:
    return not consultation.anonymous or people >= SMALL


def percent(counts: VoteCounts, direction: str) -> int | None:
    return counts.percent(direction)


@dataclass
class RepresentativeView:
    rep: Representative
    statement: Statement

    @property
    def direction_label(self) -> str:
        return _("D'accord") if self.rep.direction == "agree" else _("Pas d'accord")


@dataclass
class GroupView:
    group: Group
    style: dict
    icon: str
    position: str
    show_numbers: bool
    representative: list[RepresentativeView]
    quote: str = ""

    @property
    def label(self) -> str:
        return self.group.label


@dataclass
class ConsensusView:
    item: ConsensusStatement
    statement: Statement
    group_percents: list[tuple[str, int | None]]  # (group label, % of the group)
    overall_percent: int | None


@dataclass
class DivisiveView:
    item: DivisiveStatement
    statement: Statement
    # (group label, % agree, % disagree), None where not shown
    group_shares: list[tuple[str, int | None, int | None]]


@dataclass
class StatementRow:
    statement: Statement
    counts: VoteCounts
    show_numbers: bool

    def pct(self, direction: str) -> int | None:
        return self.counts.percent(direction) if self.show_numbers else None

    @property
    def agree_percent(self):
        return self.pct("agree")

    @property
    def disagree_percent(self):
        return self.pct("disagree")

    @property
    def pass_percent(self):
        if not self.show_numbers or not self.counts.seen:
            return None
        return round(self.counts.passed / self.counts.seen * 100)


@dataclass
class MapView:
    consultation: Consultation
    analysis: Analysis
    groups: list[GroupView] = field(default_factory=list)
    consensus: list[ConsensusView] = field(default_factory=list)
    consensus_against: list[ConsensusView] = field(default_factory=list)
    divisive: list[DivisiveView] = field(default_factory=list)
    rows: list[StatementRow] = field(default_factory=list)
    svg: str = ""
    my_group: GroupView | None = None
    consensus_quote: str = ""

    @property
    def min_participants(self) -> int:
        return MIN_PARTICIPANTS

    @property
    def hides_small_groups(self) -> bool:
        return self.consultation.anonymous and any(not g.show_numbers for g in self.groups)


def _pct(value: float | None) -> int | None:
    return None if value is None else round(value * 100)


def _quote_line(rep_view: RepresentativeView, show_numbers: bool) -> str:
    rep = rep_view.rep
    text = rep_view.statement.text
    verb = _("D'accord") if rep.direction == "agree" else _("Pas d'accord")
    line = f"- {verb} : « {text} »"
    if show_numbers:
        line += " " + _("(%(in)s %% du groupe, %(out)s %% des autres)") % {
            "in": rep.in_group_percent,
            "out": rep.others_percent,
        }
    if not rep.significant:
        line += " " + _("— tendance, non significative")
    return line


def group_quote(consultation: Consultation, analysis: Analysis, view: GroupView) -> str:
    """The group's distinguishing statements as Markdown, to quote in a decision."""
    lines = [
        _("**Consultation « %(q)s » — groupe %(g)s**")
        % {"q": consultation.question, "g": view.label},
        ngettext(
            "%(n)d participant sur %(total)d placés sur la carte.",
            "%(n)d participants sur %(total)d placés sur la carte.",
            view.group.size,
        )
        % {"n": view.group.size, "total": analysis.placed},
        "",
        _("Ce qui distingue ce groupe des autres :"),
    ]
    lines += [_quote_line(r, view.show_numbers) for r in view.representative] or [
        _("- (aucune proposition ne le distingue nettement)")
    ]
    return "\n".join(lines)


def consensus_quote(consultation: Consultation, view: "MapView") -> str:
    lines = [_("**Consultation « %(q)s » — ce qui rassemble**") % {"q": consultation.question}]
    if view.consensus:
        lines += ["", _("Tous les groupes sont d'accord avec :")]
        lines += [f"- « {c.statement.text} »" for c in view.consensus]
    if view.consensus_against:
        lines += ["", _("Tous les groupes rejettent :")]
        lines += [f"- « {c.statement.text} »" for c in view.consensus_against]
    if not (view.consensus or view.consensus_against):
        lines += ["", _("Aucune proposition ne fait consensus pour l'instant.")]
    return "\n".join(lines)


def map_view(
    consultation: Consultation,
    analysis: Analysis,
    statements: list[Statement],
    *,
    me: int | None = None,
    with_svg: bool = True,
) -> MapView:
    """Everything the map page shows, from the analysis and the published statements
    (`with_svg=False`: all but the drawing, for the API)."""
    by_id = {s.pk: s for s in statements}
    view = MapView(consultation=consultation, analysis=analysis)
    view.rows = [
        StatementRow(
            statement=s,
            counts=analysis.statements.get(s.pk, VoteCounts()),
            show_numbers=numbers_shown(
                consultation, analysis.statements.get(s.pk, VoteCounts()).seen
            ),
        )
        for s in statements
    ]
    if not analysis.has_map:
        return view
    extent = chart._scale(analysis.points)
    for group in analysis.groups:
        gv = GroupView(
            group=group,
            style=chart.style(group.index),
            icon=chart.icon(group.index),
            position=chart.where(group.center[0], group.center[1], extent),
            show_numbers=numbers_shown(consultation, group.size),
            representative=[
                RepresentativeView(r, by_id[r.statement_id])
                for r in group.representative
                if r.statement_id in by_id
            ],
        )
        gv.quote = group_quote(consultation, analysis, gv)
        view.groups.append(gv)
    shown = {g.group.index: g.show_numbers for g in view.groups}
    for items, target in (
        (analysis.consensus, view.consensus),
        (analysis.consensus_against, view.consensus_against),
    ):
        for item in items:
            if item.statement_id not in by_id:
                continue
            target.append(
                ConsensusView(
                    item=item,
                    statement=by_id[item.statement_id],
                    group_percents=[
                        (
                            g.label,
                            percent(g.counts[item.statement_id], item.direction)
                            if shown[g.index]
                            else None,
                        )
                        for g in analysis.groups
                    ],
                    overall_percent=percent(item.counts, item.direction)
                    if numbers_shown(consultation, item.counts.seen)
                    else None,
                )
            )
    for item in analysis.divisive:
        if item.statement_id not in by_id:
            continue
        view.divisive.append(
            DivisiveView(
                item=item,
                statement=by_id[item.statement_id],
                group_shares=[
                    (g.label, _pct(a), _pct(d)) if shown[g.index] else (g.label, None, None)
                    for g, (a, d) in zip(analysis.groups, item.group_shares, strict=True)
                ],
            )
        )
    if me is not None:
        group = analysis.group_of(me)
        if group is not None:
            view.my_group = view.groups[group.index]
    if with_svg:
        view.svg = chart.opinion_map(
            analysis,
            chart_id=f"opinion-map-{consultation.pk}",
            title=_("Carte des opinions : « %(q)s »") % {"q": consultation.question},
            desc=map_description(analysis, view),
            me=me,
        )
    view.consensus_quote = consensus_quote(consultation, view)
    return view


def map_description(analysis: Analysis, view: MapView) -> str:
    head = ngettext(
        "Chaque marque est un participant (%(n)d au total), placé selon ses votes : ceux "
        "qui votent de la même façon sont proches.",
        "Chaque marque est un participant (%(n)d au total), placé selon ses votes : ceux "
        "qui votent de la même façon sont proches.",
        analysis.placed,
    ) % {"n": analysis.placed}
    if not analysis.has_groups:
        return head + " " + _("Aucun groupe d'opinion net ne se dégage.")
    parts = [
        _("Groupe %(g)s : %(shape)s %(colour)s, %(n)d participants, %(where)s.")
        % {
            "g": g.label,
            "shape": g.style["shape_name"],
            "colour": g.style["colour_name"],
            "n": g.group.size,
            "where": g.position,
        }
        for g in view.groups
    ]
    return " ".join([head, *parts])


def minutes_section(consultation: Consultation) -> str:
    """A consultation's results as Markdown for a meeting's minutes (empty while its
    results are hidden to some readers: only shown at any time or once closed)."""
    from .models import ResultsVisibility

    lines = [f"### {consultation.question}"]
    if not (consultation.results_visibility == ResultsVisibility.ALWAYS or consultation.is_closed):
        lines.append(_("Consultation en cours : ses résultats seront publiés à sa clôture."))
        return "\n".join(lines)
    statements = list(consultation.statements.published())
    analysis = analysis_for(consultation, [s.pk for s in statements])
    view = map_view(consultation, analysis, statements, with_svg=False)
    if not analysis.has_map:
        lines.append(
            _("Pas assez de participants pour une carte (%(n)d placés, %(min)d nécessaires).")
            % {"n": analysis.placed, "min": MIN_PARTICIPANTS}
        )
        return "\n".join(lines)
    lines.append(
        ngettext(
            "%(n)d participant placé sur la carte.",
            "%(n)d participants placés sur la carte.",
            analysis.placed,
        )
        % {"n": analysis.placed}
    )
    lines += ["", view.consensus_quote]
    for group in view.groups if analysis.has_groups else []:
        lines += ["", group.quote]
    return "\n".join(lines)
