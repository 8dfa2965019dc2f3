"""Synthetic votes with planted opinion groups, for the analysis tests.

Three groups (40 participants each) vote on 30 statements:
- statements 0–3: every group agrees (planted consensus);
- statements 4–5: every group disagrees (planted shared rejection);
- statements 6–29: eight per group; a group agrees with its own eight and disagrees
  with the others' (planted distinguishing statements).
Each vote is flipped with probability `flip`, turned into a pass with probability
`pass_rate`, and missing with probability `missing`.
"""

import numpy as np

CONSENSUS = range(0, 4)
REJECTED = range(4, 6)
BLOCK = 8


def block(group: int) -> range:
    start = 6 + group * BLOCK
    return range(start, start + BLOCK)


def planted(
    *,
    seed=0,
    groups=3,
    per_group=40,
    statements=30,
    flip=0.12,
    pass_rate=0.08,
    missing=0.3,
    structure=True,
):
    """(votes [(participant, statement, value)], truth {participant: group}, statement ids)."""
    rng = np.random.default_rng(seed)
    votes, truth = [], {}
    participant = 0
    for group in range(groups):
        own = set(block(group))
        for _ in range(per_group):
            participant += 1
            truth[participant] = group
            for s in range(statements):
                if rng.random() < missing:
                    continue
                if not structure:
                    value = int(rng.choice([-1, 1]))
                elif s in CONSENSUS:
                    value = 1
                elif s in REJECTED:
                    value = -1
                else:
                    value = 1 if s in own else -1
                if structure and rng.random() < flip:
                    value = -value
                if rng.random() < pass_rate:
                    value = 0
                votes.append((participant, s, value))
    return votes, truth, list(range(statements))
