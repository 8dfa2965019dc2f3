"""What a participant votes on next, and where he stands (reads only).

The next statement is drawn among those he has not voted on yet, favouring those with
the fewest votes (weight 1 / (1 + votes)²: new statements get seen, and every
statement collects votes for the map) with some chance, so that everybody does not
answer the same statements in the same order. The draw is seeded by the participant
and his number of votes: reloading the page shows the same statement.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import OuterRef, Q, Subquery

from .models import Participant, Statement, StatementStatus, Vote


def choose_next(candidates: Sequence, *, seed) -> object | None:
    """One of `candidates` (objects with `vote_count` and `pk`), fewer votes first,
    with randomness; None if there is none."""
    if not candidates:
        return None
    ordered = sorted(candidates, key=lambda s: s.pk)
    weights = [1.0 / (1 + s.vote_count) ** 2 for s in ordered]
    return random.Random(seed).choices(ordered, weights=weights)[0]


@dataclass
class Ballot:
    """A participant's view of the statements: published ones with his vote (None if
    not voted), and the ones he wrote that are not published."""

    published: list[Statement]
    own_unpublished: list[Statement] = field(default_factory=list)
    next: Statement | None = None

    @property
    def voted(self) -> list[Statement]:
        return [s for s in self.published if s.my_vote is not None]

    @property
    def votes_cast(self) -> int:
        return len(self.voted)

    @property
    def total(self) -> int:
        return len(self.published)

    @property
    def remaining(self) -> int:
        return self.total - self.votes_cast


def ballot(consultation, participant: Participant | None, *, viewer_id=0) -> Ballot:
    """One query: the published statements (and the participant's own unpublished
    ones) with his vote on each. `viewer_id` seeds the draw of someone who has not
    voted yet (it is not stored)."""
    statements = consultation.statements.select_related("author")
    if participant is None:
        rows = list(statements.filter(status=StatementStatus.ACCEPTED))
        for statement in rows:
            statement.my_vote = None
    else:
        rows = list(
            statements.filter(
                Q(status=StatementStatus.ACCEPTED) | Q(participant=participant)
            ).annotate(
                my_vote=Subquery(
                    Vote.objects.filter(statement=OuterRef("pk"), participant=participant).values(
                        "value"
                    )[:1]
                )
            )
        )
    published = [s for s in rows if s.status == StatementStatus.ACCEPTED]
    result = Ballot(
        published=published,
        own_unpublished=[s for s in rows if s.status != StatementStatus.ACCEPTED],
    )
    unvoted = [s for s in published if s.my_vote is None]
    who = f"p{participant.pk}" if participant else f"v{viewer_id}"
    seed = f"{consultation.pk}:{who}:{result.votes_cast}"
    result.next = choose_next(unvoted, seed=seed)
    return result
