"""The counting rules (cercles/polls/counting.py): examples worked by hand, and
properties checked on random ballots with hypothesis."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cercles.polls import counting

A, B, C, D = 1, 2, 3, 4


# --- instant-runoff --------------------------------------------------------------------


def test_irv_majority_in_the_first_round():
    result = counting.instant_runoff([[A, B], [A], [B, A]], [A, B, C])
    assert result.winner == A and len(result.rounds) == 1
    assert result.rounds[0].counts == {A: 2, B: 1, C: 0}
    assert result.winner_votes == 2


def test_irv_transfers_votes_round_by_round():
    # 9 ballots: A 4, B 3, C 2. C is eliminated, its ballots go to B: B wins 5 to 4.
    ballots = [[A]] * 4 + [[B, A]] * 3 + [[C, B]] * 2
    result = counting.instant_runoff(ballots, [A, B, C])
    assert [r.counts for r in result.rounds] == [{A: 4, B: 3, C: 2}, {A: 4, B: 5}]
    assert result.rounds[0].eliminated == C and result.rounds[0].tie_break is None
    assert result.winner == B and result.winner_votes == 5
    assert result.eliminated_in == {C: 1}


def test_irv_counts_exhausted_ballots():
    # C's two ballots rank nobody else: exhausted in round 2; A wins 4 of the 7 left.
    ballots = [[A]] * 4 + [[B]] * 3 + [[C]] * 2
    result = counting.instant_runoff(ballots, [A, B, C])
    second = result.rounds[1]
    assert second.counts == {A: 4, B: 3} and second.exhausted == 2
    assert result.winner == A  # 4 of 7 still counting: a majority of those


def test_irv_tie_broken_by_the_previous_round():
    ballots = [[A]] * 3 + [[B]] * 2 + [[C]] + [[D, C]]
    result = counting.instant_runoff(ballots, [A, B, C, D])
    assert result.rounds[0].counts == {A: 3, B: 2, C: 1, D: 1}
    # Round 1: C and D tie at 1 with no earlier round; Borda: C 3 (first once, n=4 → 3)
    # + 2 (second on D's ballot) = 5; D 3: D, fewer points, is eliminated.
    assert result.rounds[0].eliminated == D and result.rounds[0].tie_break == "borda"
    assert result.rounds[1].counts == {A: 3, B: 2, C: 2}
    # Round 2: B and C tie at 2; in round 1 C had 1 and B 2: C goes.
    assert result.rounds[1].eliminated == C
    assert result.rounds[1].tie_break == "previous_round"
    assert result.rounds[1].tied == [B, C]
    assert result.winner == A  # 3 of the 5 ballots still counting


def test_irv_tie_broken_by_position_when_all_else_is_equal():
    result = counting.instant_runoff([[A], [B]], [A, B])
    # 1 to 1, no earlier round, equal Borda points: the last listed (B) is eliminated.
    assert result.rounds[0].eliminated == B and result.rounds[0].tie_break == "position"
    assert result.winner == A


def test_irv_without_ballots_has_no_winner():
    result = counting.instant_runoff([], [A, B])
    assert result.winner is None and result.rounds[0].counts == {A: 0, B: 0}


def test_irv_ignores_unknown_options():
    result = counting.instant_runoff([[99, A], [B]], [A, B])
    assert result.rounds[0].counts == {A: 1, B: 1}


# --- Borda -----------------------------------------------------------------------------


def test_borda_points_and_ties():
    # n = 3: first 2 points, second 1, third 0; unranked 0.
    result = counting.borda([[A, B, C], [B, A], [C]], [A, B, C])
    assert result.points == {A: 3, B: 3, C: 2}
    assert result.winners == [A, B]  # a tie is announced, not broken
    assert result.order() == [A, B, C]


def test_borda_can_differ_from_irv():
    # B is few people's first choice but everyone's solid second.
    ballots = [[A, B, C]] * 4 + [[C, B, A]] * 3 + [[B, A, C]] * 2
    # IRV: B (2) is eliminated first, its ballots go to A: A 6 against C 3.
    assert counting.instant_runoff(ballots, [A, B, C]).winner == A
    # Borda: A 4×2 + 2×1 = 10, B 4 + 3 + 2×2 = 11, C 3×2 = 6.
    assert counting.borda(ballots, [A, B, C]).points == {A: 10, B: 11, C: 6}
    assert counting.borda(ballots, [A, B, C]).winners == [B]


# --- dots, scores, positions, slots ---------------------------------------------------------


def test_dot_totals():
    result = counting.dot_totals([{A: 3, B: 2}, {B: 5}, {C: 1, A: 0}], [A, B, C])
    assert result.totals == {A: 3, B: 7, C: 1}
    assert result.supporters == {A: 1, B: 2, C: 1}
    assert result.winners == [B] and result.dots == 11
    assert result.order() == [B, A, C]
    assert counting.dot_totals([], [A, B]).winners == []


def test_score_means_medians_and_distribution():
    result = counting.score_summary([{A: 5, B: 1}, {A: 0, B: 2}, {A: 4, B: 3}], [A, B], 5)
    assert result.stats[A].mean == pytest.approx(3.0) and result.stats[A].median == 4.0
    assert result.stats[B].mean == pytest.approx(2.0) and result.stats[B].median == 2.0
    assert result.stats[A].distribution == [1, 0, 0, 0, 1, 1]
    assert result.winners == [A]
    # Equal means: the better median wins.
    tie = counting.score_summary([{A: 0, B: 2}, {A: 3, B: 2}, {A: 3, B: 2}], [A, B], 3)
    assert tie.stats[A].mean == tie.stats[B].mean == 2.0
    assert tie.winners == [A]  # median 3 against 2


def test_consent_summary():
    result = counting.consent_summary(["agree", "concerns", "agree"])
    assert result.counts == {"agree": 2, "concerns": 1, "object": 0}
    assert result.consent and result.total == 3
    blocked = counting.consent_summary(["agree", "object"])
    assert not blocked.consent and blocked.objections == 1
    assert not counting.consent_summary([]).consent


def test_yes_no_summary():
    result = counting.yes_no_summary(["yes", "yes", "no", "abstain", "abstain"])
    assert result.expressed == 3 and result.outcome == "yes"
    assert counting.yes_no_summary(["yes", "no", "abstain"]).outcome == "tie"
    assert counting.yes_no_summary(["abstain"]).outcome is None


def test_time_slot_best():
    answers = [
        {A: "yes", B: "yes", C: "no"},
        {A: "maybe", B: "yes", C: "yes"},
        {A: "yes", B: "no", C: "yes"},
    ]
    result = counting.time_slot_summary(answers, [A, B, C])
    # Two "yes" each; A has one "si besoin" more (no "non"): A is best.
    assert result.best == A
    assert (result.slots[A].yes, result.slots[A].maybe, result.slots[A].no) == (2, 1, 0)
    assert not result.everyone_available(A)
    all_yes = counting.time_slot_summary([{A: "yes", B: "yes"}] * 2, [A, B])
    assert all_yes.best == A  # equal: the earliest
    assert all_yes.everyone_available(B)


# --- properties ------------------------------------------------------------------------

OPTIONS = [1, 2, 3, 4, 5]
rankings = st.lists(
    st.lists(st.sampled_from(OPTIONS), min_size=1, max_size=5, unique=True),
    min_size=1,
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(rankings)
def test_irv_elects_a_first_round_majority(ballots):
    firsts = {}
    for ballot in ballots:
        firsts[ballot[0]] = firsts.get(ballot[0], 0) + 1
    top, votes = max(firsts.items(), key=lambda item: item[1])
    result = counting.instant_runoff(ballots, OPTIONS)
    if votes * 2 > len(ballots):
        assert result.winner == top and len(result.rounds) == 1


@settings(max_examples=200, deadline=None)
@given(rankings)
def test_irv_conserves_ballots_and_always_elects(ballots):
    result = counting.instant_runoff(ballots, OPTIONS)
    for rnd in result.rounds:
        assert rnd.active + rnd.exhausted == len(ballots)
    # Every ballot ranks someone, so somebody wins, with a majority of the last round.
    assert result.winner is not None
    assert result.winner_votes * 2 > result.rounds[-1].active
    # One option leaves per round; the winner never left; exhausted ballots only grow.
    eliminated = [r.eliminated for r in result.rounds[:-1]]
    assert result.winner not in eliminated and len(set(eliminated)) == len(eliminated)
    exhausted = [r.exhausted for r in result.rounds]
    assert exhausted == sorted(exhausted)


@settings(max_examples=200, deadline=None)
@given(rankings)
def test_irv_winner_beats_a_condorcet_loser_never_elected(ballots):
    """An option that every other option beats head to head never wins IRV (IRV is
    Condorcet-loser consistent)."""

    def prefers(ballot, x, y):
        rank = {o: i for i, o in enumerate(ballot)}
        return rank.get(x, len(OPTIONS)) < rank.get(y, len(OPTIONS))

    def beats(x, y):
        return sum(prefers(b, x, y) for b in ballots) > sum(prefers(b, y, x) for b in ballots)

    losers = [x for x in OPTIONS if all(beats(y, x) for y in OPTIONS if y != x)]
    result = counting.instant_runoff(ballots, OPTIONS)
    assert result.winner not in losers


@settings(max_examples=200, deadline=None)
@given(st.lists(st.permutations(OPTIONS), min_size=1, max_size=30))
def test_borda_total_points_of_full_rankings(ballots):
    result = counting.borda([list(b) for b in ballots], OPTIONS)
    n = len(OPTIONS)
    assert sum(result.points.values()) == len(ballots) * n * (n - 1) // 2
    assert all(result.points[w] == max(result.points.values()) for w in result.winners)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.dictionaries(st.sampled_from(OPTIONS), st.integers(0, 10), max_size=5), max_size=30)
)
def test_dot_totals_add_up(allocations):
    result = counting.dot_totals(allocations, OPTIONS)
    assert result.dots == sum(sum(a.values()) for a in allocations)
    if result.winners:
        assert all(result.totals[w] == max(result.totals.values()) for w in result.winners)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries({o: st.sampled_from(counting.AVAILABILITY) for o in OPTIONS}),
        min_size=1,
        max_size=30,
    )
)
def test_the_best_slot_has_the_most_yes(answers):
    result = counting.time_slot_summary(answers, OPTIONS)
    most = max(s.yes for s in result.slots.values())
    assert result.slots[result.best].yes == most
    for slot in result.slots.values():
        assert slot.yes + slot.maybe + slot.no == len(answers)
