"""The order of the speaker queue: a pure function, documented in docs/meetings.md.

1. Points of order come first (they are about the meeting's procedure), among them
   by the facilitator's hand order if he set one, then by request time.
2. Then the requests the facilitator placed by hand (`manual_position`), in that order.
3. Then the rest, by the equity rule:
   a. replies, if the meeting allows replies (otherwise a reply is a plain request);
   b. people who have not spoken yet in this meeting;
   c. least total speaking time so far;
   d. earliest request (then the lowest id, so the order is total).
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

SPEAK = "speak"
POINT_OF_ORDER = "point_of_order"
REPLY = "reply"


@dataclass(frozen=True)
class QueueEntry:
    id: int
    person_id: int
    kind: str
    requested_at: datetime.datetime
    manual_position: int | None = None


def sort_key(
    entry: QueueEntry,
    *,
    spoken_seconds: Mapping[int, float],
    has_spoken: set[int] | frozenset[int],
    allow_replies: bool = True,
) -> tuple:
    """The key that sorts the queue (see the module's docstring)."""
    manual = entry.manual_position
    if entry.kind == POINT_OF_ORDER:
        group = 0
    elif manual is not None:
        group = 1
    else:
        group = 2
    reply_rank = 0 if (allow_replies and entry.kind == REPLY) else 1
    return (
        group,
        manual if (manual is not None and group < 2) else 0,
        reply_rank if group == 2 else 0,
        0 if entry.person_id not in has_spoken else 1,
        spoken_seconds.get(entry.person_id, 0.0),
        entry.requested_at,
        entry.id,
    )


def order_queue(
    entries: Iterable[QueueEntry],
    *,
    spoken_seconds: Mapping[int, float],
    has_spoken: Iterable[int] = (),
    allow_replies: bool = True,
) -> list[QueueEntry]:
    """The waiting requests in the order the floor goes to them.

    `spoken_seconds` is each person's speaking time so far in this meeting (finished
    turns); `has_spoken` the people who had the floor at least once (a turn in progress
    counts), since a turn cut at zero seconds is still a turn.
    """
    spoke = frozenset(has_spoken) | {p for p, s in spoken_seconds.items() if s > 0}
    return sorted(
        entries,
        key=lambda e: sort_key(
            e, spoken_seconds=spoken_seconds, has_spoken=spoke, allow_replies=allow_replies
        ),
    )
