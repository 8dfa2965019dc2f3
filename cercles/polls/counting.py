"""Counting the ballots of a poll: pure functions over plain data, no database.

Options are identified by ints, listed in the poll's order; each function takes the
answers of the ballots (already validated by `ballots.clean_answer`) and returns a small
result object. The rules are stated in docs/polls.md and on the results page.

Ranked choice, instant-runoff (`instant_runoff`)
    Each round, every ballot counts for its highest-ranked option still in the race;
    a ballot whose ranked options are all out is *exhausted*. An option with more than
    half of the ballots still counting wins. Otherwise the option with the fewest votes
    is eliminated and the next round begins. Ties for the fewest votes are broken:
    1. backwards: the option that had fewer votes in the previous round is eliminated,
       then the round before, back to the first round;
    2. then the option with fewer Borda points over all ballots (ranked lower overall);
    3. then the option listed last on the poll.
    No lot is drawn: the same ballots always give the same result.

Ranked choice, Borda (`borda`)
    With n options, an option ranked first on a ballot gets n − 1 points, second n − 2,
    and so on; an option a ballot does not rank gets 0. Most points wins; equal points
    are shown as a tie (ex aequo), not broken.

Dot vote (`dot_totals`), score (`score_summary`), consent and advice
(`consent_summary`), yes/no/abstain (`yes_no_summary`), time slot
(`time_slot_summary`): see each function.
"""

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

POSITIONS = ("agree", "concerns", "object")
CHOICES = ("yes", "no", "abstain")
AVAILABILITY = ("yes", "maybe", "no")

# Why an option was eliminated rather than the others tied with it.
TIE_PREVIOUS_ROUND = "previous_round"
TIE_BORDA = "borda"
TIE_POSITION = "position"


def _first(options: Sequence[int], values: dict[int, float], best) -> list[int]:
    """The options with the best value (max or min), in the poll's order."""
    if not options:
        return []
    target = best(values[o] for o in options)
    return [o for o in options if values[o] == target]


# --- ranked choice --------------------------------------------------------------------


@dataclass
class IrvRound:
    counts: dict[int, int]  # the options still in the race → their votes this round
    exhausted: int  # ballots whose ranked options are all out
    eliminated: int | None = None  # the option eliminated at the end of the round
    tie_break: str | None = None  # how a tie for the fewest votes was broken
    tied: list[int] = field(default_factory=list)  # the options tied for the fewest

    @property
    def active(self) -> int:
        return sum(self.counts.values())


@dataclass
class IrvResult:
    ballots: int
    rounds: list[IrvRound]
    winner: int | None
    # The winner's share of the ballots still counting in the last round.
    winner_votes: int = 0

    @property
    def eliminated_in(self) -> dict[int, int]:
        """Option → the 1-based round at the end of which it was eliminated."""
        return {r.eliminated: i for i, r in enumerate(self.rounds, start=1) if r.eliminated}


def borda_points(rankings: Iterable[Sequence[int]], options: Sequence[int]) -> dict[int, int]:
    n = len(options)
    points = dict.fromkeys(options, 0)
    for ranking in rankings:
        for rank, option in enumerate(ranking):
            if option in points:
                points[option] += n - 1 - rank
    return points


def _break_elimination_tie(
    tied: list[int], history: list[dict[int, int]], borda: dict[int, int]
) -> tuple[int, str]:
    """The option to eliminate among `tied` (module docstring), and the rule used."""
    candidates = list(tied)
    for counts in reversed(history):
        fewest = _first(candidates, counts, min)
        if len(fewest) < len(candidates):
            candidates = fewest
            if len(candidates) == 1:
                return candidates[0], TIE_PREVIOUS_ROUND
    fewest = _first(candidates, borda, min)
    if len(fewest) == 1:
        return fewest[0], TIE_BORDA
    return fewest[-1], TIE_POSITION


def instant_runoff(rankings: Sequence[Sequence[int]], options: Sequence[int]) -> IrvResult:
    """Instant-runoff count of `rankings` (each a list of options, best first; a ballot
    may rank only some). See the module's docstring for the rule and its ties."""
    known = set(options)
    rankings = [[o for o in r if o in known] for r in rankings]
    continuing = list(options)
    borda = borda_points(rankings, options)
    history: list[dict[int, int]] = []
    rounds: list[IrvRound] = []
    while continuing:
        alive = set(continuing)
        counts = dict.fromkeys(continuing, 0)
        exhausted = 0
        for ranking in rankings:
            top = next((o for o in ranking if o in alive), None)
            if top is None:
                exhausted += 1
            else:
                counts[top] += 1
        current = IrvRound(counts=counts, exhausted=exhausted)
        rounds.append(current)
        active = current.active
        if active == 0:
            return IrvResult(len(rankings), rounds, None)
        leaders = _first(continuing, counts, max)
        if counts[leaders[0]] * 2 > active:
            return IrvResult(len(rankings), rounds, leaders[0], counts[leaders[0]])
        tied = _first(continuing, counts, min)
        if len(tied) == 1:
            loser, reason = tied[0], None
        else:
            loser, reason = _break_elimination_tie(tied, history, borda)
        current.eliminated = loser
        current.tie_break = reason
        current.tied = tied if reason else []
        history.append(counts)
        continuing.remove(loser)
    return IrvResult(len(rankings), rounds, None)  # pragma: no cover (no options at all)


@dataclass
class BordaResult:
    ballots: int
    points: dict[int, int]
    winners: list[int]  # several when tied

    def order(self) -> list[int]:
        """The options from most to fewest points (the poll's order among equals)."""
        options = list(self.points)
        return sorted(options, key=lambda o: (-self.points[o], options.index(o)))


def borda(rankings: Sequence[Sequence[int]], options: Sequence[int]) -> BordaResult:
    points = borda_points(rankings, options)
    winners = _first(list(options), points, max) if rankings else []
    return BordaResult(len(rankings), points, winners)


# --- dots and scores -------------------------------------------------------------------


@dataclass
class DotResult:
    ballots: int
    totals: dict[int, int]  # option → dots
    supporters: dict[int, int]  # option → voters who gave it at least one dot
    winners: list[int]

    @property
    def dots(self) -> int:
        return sum(self.totals.values())

    def order(self) -> list[int]:
        options = list(self.totals)
        return sorted(options, key=lambda o: (-self.totals[o], -self.supporters[o]))


def dot_totals(allocations: Sequence[dict[int, int]], options: Sequence[int]) -> DotResult:
    """Dots per option, and how many voters gave each at least one. The winners have the
    most dots; equal totals are shown as a tie."""
    totals = dict.fromkeys(options, 0)
    supporters = dict.fromkeys(options, 0)
    for allocation in allocations:
        for option, dots in allocation.items():
            if option in totals and dots > 0:
                totals[option] += dots
                supporters[option] += 1
    winners = _first(list(options), totals, max) if any(totals.values()) else []
    return DotResult(len(allocations), totals, supporters, winners)


@dataclass
class ScoreStat:
    count: int
    mean: float | None
    median: float | None
    distribution: list[int]  # how many gave 0, 1, … maximum


@dataclass
class ScoreResult:
    ballots: int
    maximum: int
    stats: dict[int, ScoreStat]
    winners: list[int]  # the best mean, then the best median; equal are a tie

    def order(self) -> list[int]:
        options = list(self.stats)
        return sorted(
            options,
            key=lambda o: (-(self.stats[o].mean or 0), -(self.stats[o].median or 0)),
        )


def score_summary(
    scores: Sequence[dict[int, int]], options: Sequence[int], maximum: int
) -> ScoreResult:
    """Mean, median and distribution of the scores (0..maximum) each option received."""
    given: dict[int, list[int]] = {o: [] for o in options}
    for ballot in scores:
        for option, value in ballot.items():
            if option in given:
                given[option].append(value)
    stats = {}
    for option, values in given.items():
        distribution = [0] * (maximum + 1)
        for value in values:
            distribution[value] += 1
        stats[option] = ScoreStat(
            count=len(values),
            mean=statistics.fmean(values) if values else None,
            median=float(statistics.median(values)) if values else None,
            distribution=distribution,
        )
    scored = [o for o in options if stats[o].count]
    winners = []
    if scored:
        means = {o: stats[o].mean for o in scored}
        best = _first(scored, means, max)
        medians = {o: stats[o].median for o in best}
        winners = _first(best, medians, max)
    return ScoreResult(len(scores), maximum, stats, winners)


# --- positions -------------------------------------------------------------------------


@dataclass
class ConsentResult:
    counts: dict[str, int]  # agree / concerns / object

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def objections(self) -> int:
        return self.counts["object"]

    @property
    def consent(self) -> bool:
        """Consent is given when someone answered and nobody objects (concerns are
        recorded, they do not block)."""
        return self.total > 0 and self.objections == 0


def consent_summary(positions: Iterable[str]) -> ConsentResult:
    counts = dict.fromkeys(POSITIONS, 0)
    for position in positions:
        counts[position] += 1
    return ConsentResult(counts)


@dataclass
class YesNoResult:
    counts: dict[str, int]  # yes / no / abstain

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def expressed(self) -> int:
        """Yes and no: abstentions are counted apart, as in most assemblies."""
        return self.counts["yes"] + self.counts["no"]

    @property
    def outcome(self) -> str | None:
        """'yes' or 'no' (the majority of the votes expressed), 'tie', None if none."""
        if not self.expressed:
            return None
        if self.counts["yes"] == self.counts["no"]:
            return "tie"
        return "yes" if self.counts["yes"] > self.counts["no"] else "no"


def yes_no_summary(choices: Iterable[str]) -> YesNoResult:
    counts = dict.fromkeys(CHOICES, 0)
    for choice in choices:
        counts[choice] += 1
    return YesNoResult(counts)


@dataclass
class SlotCount:
    yes: int = 0
    maybe: int = 0
    no: int = 0


@dataclass
class TimeSlotResult:
    ballots: int
    slots: dict[int, SlotCount]
    best: int | None

    def everyone_available(self, option: int) -> bool:
        slot = self.slots[option]
        return self.ballots > 0 and slot.yes == self.ballots


def time_slot_summary(answers: Sequence[dict[int, str]], options: Sequence[int]) -> TimeSlotResult:
    """Yes / if need be / no per slot. The best slot has the most "yes"; among equals,
    the most "yes" and "if need be" together (the fewest "no"); then the earliest, the
    slots being listed in time order."""
    slots = {o: SlotCount() for o in options}
    for answer in answers:
        for option, availability in answer.items():
            if option in slots:
                slot = slots[option]
                setattr(slot, availability, getattr(slot, availability) + 1)
    best = None
    if answers and options:
        best = min(options, key=lambda o: (-slots[o].yes, -(slots[o].yes + slots[o].maybe)))
    return TimeSlotResult(len(answers), slots, best)
