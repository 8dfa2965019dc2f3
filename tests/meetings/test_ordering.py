"""The queue's ordering rule (cercles/meetings/ordering.py, docs/meetings.md)."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from cercles.meetings.ordering import POINT_OF_ORDER, REPLY, SPEAK, QueueEntry, order_queue

T0 = datetime.datetime(2025, 3, 14, 9, 0, tzinfo=datetime.UTC)


def entry(id, person, kind=SPEAK, second=0, manual=None):
    return QueueEntry(id, person, kind, T0 + datetime.timedelta(seconds=second), manual)


def ids(entries):
    return [e.id for e in entries]


def test_people_who_have_not_spoken_come_first():
    # Person 1 asked first but has spoken already; person 2 has not.
    queue = [entry(1, person=1, second=0), entry(2, person=2, second=30)]
    assert ids(order_queue(queue, spoken_seconds={1: 45.0})) == [2, 1]


def test_a_turn_cut_at_zero_seconds_still_counts_as_having_spoken():
    queue = [entry(1, person=1, second=0), entry(2, person=2, second=30)]
    assert ids(order_queue(queue, spoken_seconds={}, has_spoken={1})) == [2, 1]


def test_then_least_speaking_time():
    queue = [entry(1, person=1, second=0), entry(2, person=2, second=10)]
    assert ids(order_queue(queue, spoken_seconds={1: 120.0, 2: 60.0})) == [2, 1]


def test_then_earliest_request():
    queue = [entry(2, person=2, second=10), entry(1, person=1, second=0)]
    assert ids(order_queue(queue, spoken_seconds={})) == [1, 2]
    assert ids(order_queue(queue, spoken_seconds={1: 30.0, 2: 30.0})) == [1, 2]


def test_points_of_order_first_then_replies():
    queue = [
        entry(1, person=1, second=0),
        entry(2, person=2, kind=REPLY, second=5),
        entry(3, person=3, kind=POINT_OF_ORDER, second=10),
    ]
    assert ids(order_queue(queue, spoken_seconds={2: 300.0})) == [3, 2, 1]


def test_a_reply_is_a_plain_request_when_replies_are_not_allowed():
    queue = [entry(1, person=1, second=0), entry(2, person=2, kind=REPLY, second=5)]
    assert ids(order_queue(queue, spoken_seconds={2: 300.0}, allow_replies=False)) == [1, 2]


def test_the_facilitators_hand_order_overrides_the_rule():
    queue = [
        entry(1, person=1, second=0),
        entry(2, person=2, second=5, manual=1),
        entry(3, person=3, second=10, manual=0),
        entry(4, person=4, kind=REPLY, second=15),
    ]
    # 3 and 2 by hand, then the rule (the reply first), 1 last.
    assert ids(order_queue(queue, spoken_seconds={})) == [3, 2, 4, 1]


def test_a_point_of_order_still_goes_before_the_hand_order():
    queue = [entry(1, person=1, manual=0), entry(2, person=2, kind=POINT_OF_ORDER, second=5)]
    assert ids(order_queue(queue, spoken_seconds={})) == [2, 1]


def test_empty_queue():
    assert order_queue([], spoken_seconds={}) == []


# --- properties ------------------------------------------------------------------------

KINDS = st.sampled_from([SPEAK, SPEAK, SPEAK, REPLY, POINT_OF_ORDER])


@st.composite
def queues(draw):
    n = draw(st.integers(min_value=0, max_value=12))
    people = draw(st.lists(st.integers(1, 30), min_size=n, max_size=n, unique=True))
    entries = [
        entry(
            i + 1,
            person=person,
            kind=draw(KINDS),
            second=draw(st.integers(0, 600)),
            manual=draw(st.one_of(st.none(), st.integers(0, 20))),
        )
        for i, person in enumerate(people)
    ]
    spoken = draw(
        st.dictionaries(st.integers(1, 30), st.floats(0, 3600, allow_nan=False), max_size=30)
    )
    has_spoken = draw(st.sets(st.integers(1, 30), max_size=10))
    return entries, spoken, has_spoken


@given(queues(), st.booleans(), st.randoms())
def test_order_is_a_permutation_independent_of_input_order(data, allow_replies, rnd):
    entries, spoken, has_spoken = data
    ordered = order_queue(
        entries, spoken_seconds=spoken, has_spoken=has_spoken, allow_replies=allow_replies
    )
    assert sorted(ids(ordered)) == sorted(ids(entries))
    shuffled = list(entries)
    rnd.shuffle(shuffled)
    again = order_queue(
        shuffled, spoken_seconds=spoken, has_spoken=has_spoken, allow_replies=allow_replies
    )
    assert ids(again) == ids(ordered)


def _group(e):
    if e.kind == POINT_OF_ORDER:
        return 0
    return 1 if e.manual_position is not None else 2


@given(queues(), st.booleans())
def test_order_follows_the_rule_pairwise(data, allow_replies):
    entries, spoken, has_spoken = data
    ordered = order_queue(
        entries, spoken_seconds=spoken, has_spoken=has_spoken, allow_replies=allow_replies
    )
    spoke = set(has_spoken) | {p for p, s in spoken.items() if s > 0}
    for a, b in zip(ordered, ordered[1:], strict=False):
        # Points of order, then the hand order, then the rest.
        assert _group(a) <= _group(b)
        if _group(a) != _group(b):
            continue
        if _group(a) < 2:
            ma, mb = a.manual_position or 0, b.manual_position or 0
            if a.manual_position is not None and b.manual_position is not None:
                assert ma <= mb
            continue
        a_reply = allow_replies and a.kind == REPLY
        b_reply = allow_replies and b.kind == REPLY
        assert a_reply >= b_reply  # replies before plain requests
        if a_reply != b_reply:
            continue
        a_new, b_new = a.person_id not in spoke, b.person_id not in spoke
        assert a_new >= b_new  # those who have not spoken first
        if a_new != b_new:
            continue
        ta, tb = spoken.get(a.person_id, 0.0), spoken.get(b.person_id, 0.0)
        assert ta <= tb  # least speaking time first
        if ta == tb:
            assert (a.requested_at, a.id) <= (b.requested_at, b.id)  # then first come


@given(queues())
def test_someone_who_has_not_spoken_is_never_behind_someone_who_has(data):
    entries, spoken, _has_spoken = data
    plain = [e for e in entries if e.kind == SPEAK and e.manual_position is None]
    ordered = order_queue(plain, spoken_seconds=spoken)
    spoke = {p for p, s in spoken.items() if s > 0}
    flags = [e.person_id in spoke for e in ordered]
    assert flags == sorted(flags)
