"""The opinion map's analysis (pure): planted groups are recovered, with their
distinguishing statements and the planted consensus; no structure gives no groups."""

from collections import Counter

import pytest
from sklearn.metrics import adjusted_rand_score

from cercles.opinions import analysis
from cercles.opinions.analysis import analyse, prop_test, two_prop_test

from .synthetic import CONSENSUS, REJECTED, block, planted


def labels(result, truth):
    placed = {p.participant_id: p.group for p in result.points}
    ids = sorted(placed)
    return [truth[i] for i in ids], [placed[i] for i in ids]


def planted_group_of(result, truth):
    """Map each found group to the planted group most of its members come from."""
    members = {}
    for point in result.points:
        members.setdefault(point.group, []).append(truth[point.participant_id])
    return {g: Counter(found).most_common(1)[0][0] for g, found in members.items()}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_planted_groups_are_recovered(seed):
    votes, truth, statements = planted(seed=seed)
    result = analyse(votes, statements)
    assert result.k == 3
    assert result.confidence == analysis.CONFIDENCE_CLEAR
    assert result.placed == 120
    expected, found = labels(result, truth)
    assert adjusted_rand_score(expected, found) >= 0.9
    assert sorted(g.size for g in result.groups) == sorted(Counter(found).values())


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_each_group_is_told_by_its_planted_statements(seed):
    votes, truth, statements = planted(seed=seed)
    result = analyse(votes, statements)
    origin = planted_group_of(result, truth)
    assert sorted(origin.values()) == [0, 1, 2]  # one found group per planted group
    for group in result.groups:
        own = set(block(origin[group.index]))
        reps = group.representative
        assert len(reps) == analysis.MAX_REPRESENTATIVE
        assert all(r.significant for r in reps)
        # Every statement that distinguishes the group is one of its own, agreed with.
        assert {(r.statement_id in own, r.direction) for r in reps} == {(True, "agree")}
        for rep in reps:
            assert rep.in_group_percent >= 60 and rep.others_percent <= 30
            assert rep.repness > 1 and rep.repness_test > analysis.Z_90


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_planted_consensus_is_found(seed):
    votes, _truth, statements = planted(seed=seed)
    result = analyse(votes, statements)
    agreed = {c.statement_id for c in result.consensus}
    rejected = {c.statement_id for c in result.consensus_against}
    assert set(CONSENSUS) == agreed
    assert set(REJECTED) == rejected
    for item in result.consensus:
        assert all(p > 0.5 for p in item.group_probabilities)
        assert item.score == pytest.approx(
            item.group_probabilities[0] * item.group_probabilities[1] * item.group_probabilities[2]
        )
    # The planted distinguishing statements divide; the consensus ones do not.
    divisive = {d.statement_id for d in result.divisive}
    assert divisive and divisive <= set(range(6, 30))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_no_structure_gives_no_groups(seed):
    votes, _truth, statements = planted(seed=seed, structure=False)
    result = analyse(votes, statements)
    assert result.has_map and result.k == 1
    assert result.confidence == analysis.CONFIDENCE_NO_GROUPS
    assert result.groups[0].size == 120 and result.groups[0].representative == ()
    # The best split was tried and judged no better than shuffled votes.
    assert result.silhouette is not None and result.null_silhouette is not None


def test_two_planted_groups():
    votes, truth, statements = planted(seed=7, groups=2, per_group=30)
    result = analyse(votes, statements)
    assert result.k == 2
    assert adjusted_rand_score(*labels(result, truth)) >= 0.9


def test_the_analysis_is_deterministic():
    votes, _truth, statements = planted(seed=3)
    first, second = analyse(votes, statements), analyse(list(reversed(votes)), statements)
    assert first == second


def test_the_biggest_group_is_a():
    votes, _truth, statements = planted(seed=4)
    # Drop most of planted group 2 and half of group 1: sizes 40, 20, 8.
    votes = [v for v in votes if not (41 <= v[0] <= 60 or 81 <= v[0] <= 112)]
    result = analyse(votes, statements)
    assert [g.size for g in result.groups] == sorted((g.size for g in result.groups), reverse=True)
    assert [g.label for g in result.groups] == ["A", "B", "C"][: result.k]


def test_few_voters_give_no_map():
    votes, _truth, statements = planted(seed=0, per_group=1)  # three participants
    result = analyse(votes, statements)
    assert not result.has_map and result.points == () and result.groups == ()
    assert result.confidence == analysis.CONFIDENCE_NONE
    assert result.participants == 3
    # The per-statement counts are there all the same.
    assert sum(c.seen for c in result.statements.values()) == len(votes)


def test_participants_with_too_few_votes_are_not_placed():
    votes, _truth, statements = planted(seed=0, per_group=5, missing=0.0)
    sparse = [(1000, s, 1) for s in range(3)]  # three votes only
    result = analyse(votes + sparse, statements, min_votes=7)
    assert result.participants == 16 and result.placed == 15
    assert all(p.participant_id != 1000 for p in result.points)
    # …and with fewer statements than the threshold, voting on all of them is enough.
    result = analyse([(p, s, v) for p, s, v in votes if s < 4], [0, 1, 2, 3], min_votes=7)
    assert result.min_votes == 4 and result.placed == 15


def test_sparse_voters_are_not_pulled_to_the_centre():
    """Pol.is' scaling by √(n_statements / n_voted): someone who voted the same way on a
    third of the statements lands at about √(1/3) ≈ 58 % of the distance from the centre
    of his twin who voted on all of them, not at a third (unscaled projection)."""
    votes, _truth, statements = planted(seed=5, missing=0.0, flip=0.0, pass_rate=0.0)
    full = {(p, s): v for p, s, v in votes}
    # Participant 1 (group 0) keeps only 10 of his 30 votes, one in three.
    kept = [v for v in votes if v[0] != 1 or v[1] % 3 == 0]
    result = analyse(kept, statements)
    points = {p.participant_id: p for p in result.points}
    twin = next(
        p for p in points if p != 1 and all(full[(p, s)] == full[(1, s)] for s in range(30))
    )
    dist = (points[1].x ** 2 + points[1].y ** 2) ** 0.5
    twin_dist = (points[twin].x ** 2 + points[twin].y ** 2) ** 0.5
    assert points[1].group == points[twin].group
    assert 0.5 * twin_dist < dist < 0.7 * twin_dist


def test_identical_votes_make_one_group():
    votes = [(p, s, 1) for p in range(1, 11) for s in range(8)]
    result = analyse(votes, list(range(8)))
    assert result.k == 1 and result.placed == 10
    assert {c.statement_id for c in result.consensus} == set(range(8))


def test_points_do_not_follow_the_order_of_participation():
    votes, _truth, statements = planted(seed=1)
    result = analyse(votes, statements)
    ids = [p.participant_id for p in result.points]
    assert ids != sorted(ids)
    assert [p.group for p in result.points] == sorted(p.group for p in result.points)


def test_hidden_statements_are_left_out():
    votes, _truth, statements = planted(seed=0)
    result = analyse(votes, statements[:-1])
    assert 29 not in result.statements
    assert all(r.statement_id != 29 for g in result.groups for r in g.representative)


def test_the_polis_tests():
    # prop_test: 2 √(n+1) ((s+1)/(n+1) − ½)
    assert prop_test(9, 10) == pytest.approx(2 * 11**0.5 * (10 / 11 - 0.5))
    assert prop_test(0, 0) == pytest.approx(1.0)
    # two_prop_test with one added to each count.
    p1, p2, pooled = 16 / 25, 57 / 72, 73 / 97
    z = (p1 - p2) / (pooled * (1 - pooled) * (1 / 25 + 1 / 72)) ** 0.5
    assert two_prop_test(15, 56, 24, 71) == pytest.approx(z)
    assert two_prop_test(5, 5, 5, 5) == 0.0  # everyone agrees: no variance, no z


def test_large_consultation_is_sampled_for_the_silhouette(monkeypatch):
    monkeypatch.setattr(analysis, "SILHOUETTE_SAMPLE", 100)
    votes, truth, statements = planted(seed=2)
    result = analyse(votes, statements)
    assert result.k == 3 and adjusted_rand_score(*labels(result, truth)) >= 0.9
