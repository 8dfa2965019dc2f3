"""The equity figure: 1 − Gini of the speaking times (cercles/meetings/equity.py)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cercles.meetings.equity import equity, gini


def test_everyone_speaking_as_long_is_perfect_equity():
    assert equity([60, 60, 60, 60]) == pytest.approx(1.0)


def test_one_person_speaking_all_the_time_is_near_zero():
    # Among n people, 1/n: 0.01 for a hundred.
    assert equity([600] + [0] * 99) == pytest.approx(0.01)
    assert equity([600, 0, 0, 0]) == pytest.approx(0.25)


def test_known_value():
    # |1-3| pairs: Σ|xi-xj| = 2·(2) = 4 over 2·n²·μ = 2·4·2 = 16 -> Gini 0.25.
    assert gini([1, 3]) == pytest.approx(0.25)
    assert equity([1, 3]) == pytest.approx(0.75)


def test_no_figure_when_nobody_spoke_or_nobody_counted():
    assert equity([]) is None
    assert equity([0, 0, 0]) is None


def test_a_single_speaker_alone_is_equal_to_himself():
    assert equity([42]) == pytest.approx(1.0)


def _pairwise_gini(xs):
    n = len(xs)
    mean = sum(xs) / n
    return sum(abs(a - b) for a in xs for b in xs) / (2 * n * n * mean)


# Speaking times: none, or from a millisecond to two hours.
TIMES = st.lists(st.one_of(st.just(0.0), st.floats(0.001, 7200)), min_size=1, max_size=40)


@given(TIMES)
def test_matches_the_pairwise_definition_and_stays_between_0_and_1(xs):
    if sum(xs) <= 0:
        assert equity(xs) is None
        return
    value = equity(xs)
    assert 0.0 <= value <= 1.0
    assert gini(xs) == pytest.approx(_pairwise_gini(xs), abs=1e-9)


@given(TIMES, st.floats(0.1, 100, allow_nan=False), st.randoms())
def test_does_not_depend_on_order_or_unit(xs, scale, rnd):
    if sum(xs) <= 0:
        return
    shuffled = list(xs)
    rnd.shuffle(shuffled)
    assert equity(shuffled) == pytest.approx(equity(xs), abs=1e-9)
    assert equity([x * scale for x in xs]) == pytest.approx(equity(xs), abs=1e-9)
