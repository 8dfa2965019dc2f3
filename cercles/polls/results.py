"""A poll's results as the pages, the CSV export, the API and the minutes show them.

`poll_results(poll)` reads the options and the ballots (two queries), counts them with
`counting.py` and returns the summary sentence, the counting rule, the tables (the
same numbers as the SVG chart, for screen readers and the CSV) and the comments. The
callers decide first whether the reader may see them (`permissions.results_shown`);
nothing here is ever computed for a reader who may not.

An anonymous poll's tables hold aggregates only, and its comments no name, in the
order of the ballots' random ids. An open poll adds the table of who voted what.
"""

from dataclasses import dataclass, field

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cercles.lib.svg import bar_chart

from . import counting
from .ballots import for_counting
from .models import Ballot, Poll, PollKind, RankingMethod

AVAILABILITY_LABELS = {
    "yes": lambda: _("Oui"),
    "maybe": lambda: _("Si besoin"),
    "no": lambda: _("Non"),
}
CHOICE_LABELS = {
    "yes": lambda: _("Oui"),
    "no": lambda: _("Non"),
    "abstain": lambda: _("Abstention"),
}


def position_labels(kind: str) -> dict[str, str]:
    if kind == PollKind.ADVICE:
        return {"agree": _("D'accord"), "concerns": _("Réserves"), "object": _("Désaccord")}
    return {
        "agree": _("Je consens"),
        "concerns": _("Je consens avec des réserves"),
        "object": _("J'objecte"),
    }


def availability_labels() -> dict[str, str]:
    return {k: v() for k, v in AVAILABILITY_LABELS.items()}


def choice_labels() -> dict[str, str]:
    return {k: v() for k, v in CHOICE_LABELS.items()}


def method_statement(poll: Poll, option_count: int | None = None) -> str:
    """How the poll is counted, in one paragraph (shown on the poll and results pages)."""
    kind = poll.kind
    if kind == PollKind.RANKED and poll.ranking_method == RankingMethod.IRV:
        return _(
            "Vote alternatif : à chaque tour, chaque bulletin compte pour l'option qu'il "
            "classe le plus haut parmi celles encore en lice. Une option qui recueille plus "
            "de la moitié de ces bulletins l'emporte ; sinon, la moins soutenue est éliminée "
            "et l'on recompte. En cas d'égalité pour la dernière place, est éliminée celle "
            "qui avait le moins de voix au tour précédent (puis au tour d'avant, jusqu'au "
            "premier), puis celle qui a le moins de points Borda, puis la dernière de la "
            "liste. Un bulletin dont toutes les options classées sont éliminées est épuisé."
        )
    if kind == PollKind.RANKED:
        n = option_count if option_count is not None else poll.options.count()
        return ngettext(
            "Méthode de Borda : avec %(n)s options, la première classée sur un bulletin "
            "reçoit %(top)s point, la deuxième un de moins, et ainsi de suite ; une option "
            "non classée reçoit 0. Le plus de points l'emporte ; les égalités sont "
            "annoncées comme telles.",
            "Méthode de Borda : avec %(n)s options, la première classée sur un bulletin "
            "reçoit %(top)s points, la deuxième un de moins, et ainsi de suite ; une option "
            "non classée reçoit 0. Le plus de points l'emporte ; les égalités sont "
            "annoncées comme telles.",
            max(n - 1, 0),
        ) % {"n": n, "top": max(n - 1, 0)}
    if kind == PollKind.DOTS:
        text = ngettext(
            "Vote par points : chacun répartit jusqu'à %(n)s point entre les options.",
            "Vote par points : chacun répartit jusqu'à %(n)s points entre les options.",
            poll.dots_total or 0,
        ) % {"n": poll.dots_total}
        if poll.dots_max_per_option:
            text += " " + _("Au plus %(m)s sur une même option.") % {"m": poll.dots_max_per_option}
        return text + " " + _("Le total le plus élevé l'emporte.")
    if kind == PollKind.SCORE:
        return _(
            "Notes : chacun note chaque option de 0 à %(max)s. Les options sont classées "
            "par note moyenne, puis par note médiane."
        ) % {"max": poll.score_max}
    if kind == PollKind.CONSENT:
        return _(
            "Consentement : la proposition est adoptable si personne n'objecte. Les réserves "
            "sont notées sans bloquer ; une objection et une réserve sont motivées."
        )
    if kind == PollKind.ADVICE:
        return _(
            "Sollicitation d'avis : chacun dit s'il est d'accord, a des réserves ou est en "
            "désaccord, en motivant ses réserves et son désaccord. La personne qui décide "
            "tient compte des avis ; le sondage ne tranche pas."
        )
    if kind == PollKind.YES_NO:
        return _(
            "Oui, non, abstention : la majorité des suffrages exprimés (oui et non) "
            "l'emporte ; les abstentions sont comptées à part."
        )
    return _(
        "Choix d'un créneau : pour chaque créneau, chacun répond oui, si besoin ou non. Le "
        "meilleur créneau a le plus de « oui », puis le plus de « oui » et « si besoin », "
        "puis est le plus tôt."
    )


@dataclass
class Table:
    key: str
    caption: str
    headers: list[str]
    rows: list[list]  # the first cell of each row is its header


@dataclass
class Comment:
    text: str
    tag: str  # the position or choice it goes with, if any
    name: str  # empty in an anonymous poll


@dataclass
class Results:
    poll: Poll
    ballots: int
    summary: str
    chart: str
    tables: list[Table] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    winners: list[str] = field(default_factory=list)
    irv: counting.IrvResult | None = None
    option_count: int = 0
    notes: list[str] = field(default_factory=list)  # how ties were broken

    @property
    def chart_title(self) -> str:
        return getattr(self.chart, "title", "")

    @property
    def main_table(self) -> Table | None:
        return self.tables[0] if self.tables else None

    def table(self, key: str) -> Table | None:
        return next((t for t in self.tables if t.key == key), None)

    def as_data(self) -> dict:
        """The results as JSON for the API: summary, tables, comments."""
        return {
            "ballots": self.ballots,
            "summary": self.summary,
            "winners": self.winners,
            "notes": self.notes,
            "tables": [
                {
                    "key": t.key,
                    "caption": t.caption,
                    "headers": t.headers,
                    "rows": [[_plain(c) for c in row] for row in t.rows],
                }
                for t in self.tables
            ],
            "comments": [
                {"text": c.text, "tag": c.tag, "name": c.name or None} for c in self.comments
            ],
        }


def _plain(value):
    if isinstance(value, float):
        return round(value, 2)
    return value


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "—"


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    text = f"{value:.1f}".replace(".", ",")
    return text[:-2] if text.endswith(",0") else text


class Chart(SafeString):
    """The chart's SVG, with its title (shown above it on the page)."""

    title = ""


def _chart(poll: Poll, key: str, title: str, rows) -> Chart:
    chart = Chart(_bar_chart(poll, key, title, rows))
    chart.title = title
    return chart


def _bar_chart(poll: Poll, key: str, title: str, rows) -> str:
    return bar_chart(
        rows,
        chart_id=f"poll-{poll.pk}-{key}",
        title=title,
        desc=_("Les mêmes valeurs sont données dans le tableau qui suit."),
        label_width=260,
    )


def poll_results(poll: Poll) -> Results:
    """Count the poll's ballots (module docstring). Two queries: options, ballots."""
    options = list(poll.options.all())
    names = {o.pk: o.display for o in options}
    ids = [o.pk for o in options]
    ballots = Ballot.objects.filter(poll=poll)
    if poll.is_anonymous:
        rows = list(ballots.order_by("id").values_list("answer", "comment"))
        people = [""] * len(rows)
    else:
        data = list(
            ballots.order_by("person__last_name", "person__first_name", "id").values_list(
                "answer", "comment", "person__first_name", "person__last_name"
            )
        )
        rows = [(a, c) for a, c, _f, _l in data]
        people = [
            f"{f or ''} {last or ''}".strip() or _("(compte supprimé)") for *_x, f, last in data
        ]
    answers = [a for a, _c in rows]
    counted = for_counting(poll.kind, answers)
    total = len(answers)
    builder = _BUILDERS[poll.kind]
    result = builder(poll, counted, ids, names, total)
    result.option_count = len(options)
    # Comments: with the position or choice they go with, and the name in an open poll.
    tag_of = _tagger(poll)
    for (answer, comment), name in zip(rows, people, strict=True):
        if comment:
            result.comments.append(Comment(comment, tag_of(answer), name))
    if not poll.is_anonymous:
        result.tables.append(_named_table(poll, answers, people, ids, names))
    return result


def _tagger(poll: Poll):
    if poll.kind in (PollKind.CONSENT, PollKind.ADVICE):
        labels = position_labels(poll.kind)
        return lambda answer: labels[answer["position"]]
    if poll.kind == PollKind.YES_NO:
        labels = choice_labels()
        return lambda answer: labels[answer["choice"]]
    return lambda answer: ""


def _consent(poll, positions, ids, names, total) -> Results:
    summary_ = counting.consent_summary(positions)
    labels = position_labels(poll.kind)
    table = Table(
        "positions",
        _("Positions exprimées"),
        [_("Position"), _("Réponses"), _("Part")],
        [[labels[p], n, _percent(n, total)] for p, n in summary_.counts.items()],
    )
    if poll.kind == PollKind.CONSENT:
        if summary_.consent:
            summary = ngettext(
                "Consentement : aucune objection, %(c)s réserve.",
                "Consentement : aucune objection, %(c)s réserves.",
                summary_.counts["concerns"],
            ) % {"c": summary_.counts["concerns"]}
        else:
            summary = ngettext(
                "%(n)s objection : pas de consentement en l'état.",
                "%(n)s objections : pas de consentement en l'état.",
                summary_.objections,
            ) % {"n": summary_.objections}
    else:
        summary = _("%(a)s d'accord, %(c)s avec réserves, %(o)s en désaccord.") % {
            "a": summary_.counts["agree"],
            "c": summary_.counts["concerns"],
            "o": summary_.counts["object"],
        }
    chart = _chart(
        poll,
        "positions",
        _("Positions exprimées"),
        [(labels[p], n, f"{n} ({_percent(n, total)})") for p, n in summary_.counts.items()],
    )
    return Results(poll, total, summary, chart, [table])


def _yes_no(poll, choices, ids, names, total) -> Results:
    summary_ = counting.yes_no_summary(choices)
    labels = choice_labels()
    expressed = summary_.expressed
    table = Table(
        "choices",
        _("Votes"),
        [_("Vote"), _("Voix"), _("Part des votants"), _("Part des suffrages exprimés")],
        [
            [
                labels[c],
                n,
                _percent(n, total),
                _percent(n, expressed) if c != "abstain" else "—",
            ]
            for c, n in summary_.counts.items()
        ],
    )
    outcome = summary_.outcome
    if outcome is None:
        summary = _("Aucun suffrage exprimé (que des abstentions).")
    elif outcome == "tie":
        summary = _("Égalité entre le oui et le non.")
    else:
        summary = _("Le %(c)s l'emporte avec %(p)s des suffrages exprimés.") % {
            "c": labels[outcome].lower(),
            "p": _percent(summary_.counts[outcome], expressed),
        }
    chart = _chart(
        poll,
        "choices",
        _("Votes"),
        [(labels[c], n, f"{n} ({_percent(n, total)})") for c, n in summary_.counts.items()],
    )
    return Results(poll, total, summary, chart, [table])


def _winners_sentence(winners: list[str], one: str, tie: str) -> str:
    if not winners:
        return _("Aucun vote exprimé.")
    if len(winners) == 1:
        return one % {"w": winners[0]}
    return tie % {"w": ", ".join(winners)}


def _dots(poll, allocations, ids, names, total) -> Results:
    res = counting.dot_totals(allocations, ids)
    order = res.order()
    winners = [names[o] for o in res.winners]
    table = Table(
        "dots",
        _("Points reçus"),
        [_("Option"), _("Points"), _("Part des points"), _("Votants qui l'ont soutenue")],
        [
            [names[o], res.totals[o], _percent(res.totals[o], res.dots), res.supporters[o]]
            for o in order
        ],
    )
    summary = _winners_sentence(
        winners,
        _("« %(w)s » reçoit le plus de points."),
        _("Égalité en tête entre %(w)s."),
    )
    chart = _chart(poll, "dots", _("Points reçus"), [(names[o], res.totals[o]) for o in order])
    return Results(poll, total, summary, chart, [table], winners=winners)


def _score(poll, scores, ids, names, total) -> Results:
    res = counting.score_summary(scores, ids, poll.score_max)
    order = res.order()
    winners = [names[o] for o in res.winners]
    tables = [
        Table(
            "scores",
            _("Notes"),
            [_("Option"), _("Moyenne"), _("Médiane"), _("Notes données")],
            [
                [
                    names[o],
                    _number(res.stats[o].mean),
                    _number(res.stats[o].median),
                    res.stats[o].count,
                ]
                for o in order
            ],
        )
    ]
    if poll.score_max <= 10:
        tables.append(
            Table(
                "distribution",
                _("Répartition des notes"),
                [_("Option"), *[str(v) for v in range(poll.score_max + 1)]],
                [[names[o], *res.stats[o].distribution] for o in order],
            )
        )
    summary = _winners_sentence(
        winners,
        _("« %(w)s » a la meilleure note moyenne."),
        _("Égalité en tête entre %(w)s."),
    )
    chart = _chart(
        poll,
        "scores",
        _("Note moyenne par option"),
        [(names[o], res.stats[o].mean or 0, _number(res.stats[o].mean)) for o in order],
    )
    return Results(poll, total, summary, chart, tables, winners=winners)


def _ranked(poll, rankings, ids, names, total) -> Results:
    if poll.ranking_method == RankingMethod.BORDA:
        res = counting.borda(rankings, ids)
        order = res.order()
        firsts = dict.fromkeys(ids, 0)
        for ranking in rankings:
            if ranking:
                firsts[ranking[0]] += 1
        winners = [names[o] for o in res.winners]
        table = Table(
            "borda",
            _("Points Borda"),
            [_("Option"), _("Points"), _("Classée première")],
            [[names[o], res.points[o], firsts[o]] for o in order],
        )
        summary = _winners_sentence(
            winners,
            _("« %(w)s » l'emporte selon la méthode de Borda."),
            _("Égalité en tête entre %(w)s selon la méthode de Borda."),
        )
        chart = _chart(poll, "borda", _("Points Borda"), [(names[o], res.points[o]) for o in order])
        return Results(poll, total, summary, chart, [table], winners=winners)
    irv = counting.instant_runoff(rankings, ids)
    rounds = irv.rounds
    eliminated_in = irv.eliminated_in
    headers = [_("Option")] + [_("Tour %(n)s") % {"n": i} for i in range(1, len(rounds) + 1)]
    rows = []
    # Options in the order they lasted: the winner first, then the last eliminated…
    order = sorted(ids, key=lambda o: (-eliminated_in.get(o, len(rounds) + 1), ids.index(o)))
    for option in order:
        cells = [names[option]]
        for i, rnd in enumerate(rounds, start=1):
            if option in rnd.counts:
                cell = str(rnd.counts[option])
                if rnd.eliminated == option:
                    cell += " — " + _("éliminée")
                elif irv.winner == option and i == len(rounds):
                    cell += " — " + _("élue")
                cells.append(cell)
            else:
                cells.append("")
        rows.append(cells)
    rows.append([_("Bulletins épuisés")] + [r.exhausted for r in rounds])
    table = Table("rounds", _("Tours du vote alternatif"), headers, rows)
    winners = [names[irv.winner]] if irv.winner is not None else []
    if irv.winner is None:
        summary = _("Aucun vote exprimé.")
    else:
        active = rounds[-1].active
        summary = ngettext(
            "« %(w)s » l'emporte au tour %(r)s avec %(v)s voix sur %(a)s bulletin encore en jeu.",
            "« %(w)s » l'emporte au tour %(r)s avec %(v)s voix sur %(a)s bulletins encore en jeu.",
            active,
        ) % {"w": winners[0], "r": len(rounds), "v": irv.winner_votes, "a": active}
    first = rounds[0].counts if rounds else {}
    chart = _chart(
        poll,
        "first",
        _("Premiers choix (tour 1)"),
        [(names[o], first.get(o, 0)) for o in sorted(ids, key=lambda o: -first.get(o, 0))],
    )
    result = Results(poll, total, summary, chart, [table], winners=winners, irv=irv)
    rules = {
        counting.TIE_PREVIOUS_ROUND: _("moins de voix au tour précédent"),
        counting.TIE_BORDA: _("moins de points Borda"),
        counting.TIE_POSITION: _("dernière de la liste"),
    }
    for i, rnd in enumerate(rounds, start=1):
        if rnd.tie_break:
            result.notes.append(
                _(
                    "Tour %(r)s : égalité pour la dernière place entre %(t)s ; « %(e)s » est éliminée (%(why)s)."
                )
                % {
                    "r": i,
                    "t": ", ".join(f"« {names[o]} »" for o in rnd.tied),
                    "e": names[rnd.eliminated],
                    "why": rules[rnd.tie_break],
                }
            )
    return result


def _time_slot(poll, answers, ids, names, total) -> Results:
    res = counting.time_slot_summary(answers, ids)
    labels = availability_labels()
    rows = []
    for o in ids:
        slot = res.slots[o]
        note = ""
        if o == res.best:
            note = _("meilleur créneau")
        if res.everyone_available(o):
            note = (note + ", " if note else "") + _("tout le monde est disponible")
        rows.append([names[o], slot.yes, slot.maybe, slot.no, note])
    table = Table(
        "slots",
        _("Disponibilités par créneau"),
        [_("Créneau"), labels["yes"], labels["maybe"], labels["no"], _("Remarque")],
        rows,
    )
    winners = [names[res.best]] if res.best is not None else []
    summary = _winners_sentence(
        winners, _("Meilleur créneau : %(w)s."), _("Meilleurs créneaux : %(w)s.")
    )
    chart = _chart(
        poll,
        "slots",
        _("Réponses « oui » par créneau"),
        [(names[o], res.slots[o].yes) for o in ids],
    )
    return Results(poll, total, summary, chart, [table], winners=winners)


_BUILDERS = {
    PollKind.CONSENT: _consent,
    PollKind.ADVICE: _consent,
    PollKind.YES_NO: _yes_no,
    PollKind.DOTS: _dots,
    PollKind.SCORE: _score,
    PollKind.RANKED: _ranked,
    PollKind.TIME_SLOT: _time_slot,
}


def _named_table(poll: Poll, answers: list[dict], people: list[str], ids, names) -> Table:
    """Who voted what (open polls only)."""
    kind = poll.kind
    if kind in (PollKind.CONSENT, PollKind.ADVICE):
        labels = position_labels(kind)
        headers = [_("Votant"), _("Position")]
        rows = [[p, labels[a["position"]]] for p, a in zip(people, answers, strict=True)]
    elif kind == PollKind.YES_NO:
        labels = choice_labels()
        headers = [_("Votant"), _("Vote")]
        rows = [[p, labels[a["choice"]]] for p, a in zip(people, answers, strict=True)]
    elif kind == PollKind.RANKED:
        headers = [_("Votant")] + [_("Choix %(n)s") % {"n": i} for i in range(1, len(ids) + 1)]
        rows = [
            [p, *[names.get(o, "") for o in a["ranking"]], *[""] * (len(ids) - len(a["ranking"]))]
            for p, a in zip(people, answers, strict=True)
        ]
    else:
        key = {PollKind.DOTS: "dots", PollKind.SCORE: "scores", PollKind.TIME_SLOT: "slots"}[kind]
        labels = availability_labels()
        headers = [_("Votant"), *[names[o] for o in ids]]
        rows = []
        for p, a in zip(people, answers, strict=True):
            values = a[key]
            cells = []
            for o in ids:
                value = values.get(str(o), 0 if kind == PollKind.DOTS else "")
                cells.append(labels.get(value, value) if kind == PollKind.TIME_SLOT else value)
            rows.append([p, *cells])
    return Table("ballots", _("Qui a voté quoi"), headers, rows)
