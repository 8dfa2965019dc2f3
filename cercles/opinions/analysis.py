"""The opinion map's analysis, a pure module (numpy and scikit-learn, no Django).

It follows Pol.is (Small et al., 2021; the `polismath` code of compdemocracy/polis),
computed server-side and documented in docs/opinion-map.md:

1. **Vote matrix** V, participants × statements: agree = +1, disagree = −1, pass = 0,
   unseen = missing.
2. **Who is placed**: participants who voted on at least N statements
   (N = min(`min_votes`, number of statements), 7 by default, as Pol.is).
3. **Two axes**: a PCA (2 components) of the placed participants' matrix, unseen votes
   read as 0. Each participant is projected on his own votes only, and the projection
   is scaled by √(n_statements / n_voted) (Pol.is' `sparsity-aware-project-ptpt`): someone
   who voted on few statements is not pulled to the centre by the votes he never cast.
4. **Groups**: k-means on the 2-D positions, k in 2…5 chosen by the silhouette score.
   k = 1 (no groups) when the best silhouette is no better than what the same pipeline
   finds on the same votes shuffled within each statement (a permutation null model:
   same marginals, no correlation, hence no opinion groups), or below an absolute floor.
5. **Per group and statement**: A (agrees), D (disagrees), S (seen = A + D + passes), and
   Pol.is' smoothed estimates and tests:
      pa = (A + 1) / (S + 2)                       pd = (D + 1) / (S + 2)
      pat = prop_test(A, S)                        pdt = prop_test(D, S)
      ra = pa / pa_rest                            rd = pd / pd_rest
      rat = two_prop_test(A, A_rest, S, S_rest)    rdt = two_prop_test(D, D_rest, S, S_rest)
   where "rest" sums the other groups. A statement **distinguishes** a group when
   rat > 1.2816 and pat > 1.2816 (agree) or rdt and pdt likewise (disagree): 90 %
   one-sided. Its direction is agree when rat > rdt; ranked by r · rt · p · pt.
6. **Group-informed consensus** (Pol.is' `group-aware-consensus`): Π_g (A_g + 1)/(S_g + 2)
   (and the same with D for a shared rejection). A statement is a consensus when every
   group's estimate is above ½ and the agreement among everyone placed is significant.
7. **Divisive**: a group mostly agrees while another mostly disagrees, the two
   differing significantly; ranked by half the spread of pa − pd across groups.

Every random step has a fixed seed: the same votes always give the same map.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

AGREE = 1
DISAGREE = -1
PASS = 0

# 90 % one-sided significance of a z statistic (Pol.is' `z-sig-90?`).
Z_90 = 1.2816
# Fewer placed participants: no map (the groups would mean nothing, and in an anonymous
# consultation a tiny map tells who voted what).
MIN_PARTICIPANTS = 5
MAX_GROUPS = 5
MAX_REPRESENTATIVE = 5
MAX_LISTED = 10
# Below this silhouette a split is never called a group structure…
MIN_SILHOUETTE = 0.25
# … and it must beat the shuffled votes' best silhouette by this margin.
NULL_MARGIN = 0.03
# Groups are called "clear" from this silhouette and this many placed participants.
CLEAR_SILHOUETTE = 0.5
CLEAR_PARTICIPANTS = 15
NULL_RUNS = 3
# The silhouette costs O(n²): past this many points it is estimated on a sample.
SILHOUETTE_SAMPLE = 2000

CONFIDENCE_NONE = "none"  # not enough participants placed: no map
CONFIDENCE_NO_GROUPS = "no_groups"  # placed, but no group structure (k = 1)
CONFIDENCE_LOW = "low"  # groups, weakly marked or from few people
CONFIDENCE_CLEAR = "clear"


def prop_test(successes: float, n: float) -> float:
    """z of "more than half succeed", with one pseudo-success and one pseudo-trial
    (Pol.is' `prop-test`): 2 √(n+1) ((s+1)/(n+1) − ½)."""
    return 2 * math.sqrt(n + 1) * ((successes + 1) / (n + 1) - 0.5)


def two_prop_test(succ_in: float, succ_out: float, n_in: float, n_out: float) -> float:
    """z of "the share is higher in than out", each count plus one (Pol.is'
    `two-prop-test`); 0 when the pooled share is 0 or 1 (no variance)."""
    s1, s2, n1, n2 = succ_in + 1, succ_out + 1, n_in + 1, n_out + 1
    p1, p2 = s1 / n1, s2 / n2
    pooled = (s1 + s2) / (n1 + n2)
    if pooled <= 0 or pooled >= 1:
        return 0.0
    return (p1 - p2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))


@dataclass(frozen=True)
class VoteCounts:
    agree: int = 0
    disagree: int = 0
    passed: int = 0

    @property
    def seen(self) -> int:
        return self.agree + self.disagree + self.passed

    def share(self, direction: str) -> float | None:
        """The raw share of agrees (or disagrees) among the votes, None without votes."""
        if not self.seen:
            return None
        return (self.agree if direction == "agree" else self.disagree) / self.seen

    def percent(self, direction: str) -> int | None:
        share = self.share(direction)
        return None if share is None else round(share * 100)


@dataclass(frozen=True)
class Representative:
    """A statement that distinguishes a group from the others (Pol.is' repness)."""

    statement_id: int
    direction: str  # "agree" or "disagree"
    in_group: VoteCounts
    others: VoteCounts
    probability: float  # pa or pd in the group (smoothed)
    probability_test: float  # pat or pdt
    repness: float  # ra or rd
    repness_test: float  # rat or rdt
    significant: bool  # passes both 90 % tests; False for the fallback "best" statement

    @property
    def metric(self) -> float:
        return self.repness * self.repness_test * self.probability * self.probability_test

    @property
    def in_group_percent(self) -> int | None:
        return self.in_group.percent(self.direction)

    @property
    def others_percent(self) -> int | None:
        return self.others.percent(self.direction)


@dataclass(frozen=True)
class Group:
    index: int
    label: str  # "A", "B"…
    size: int
    center: tuple[float, float]
    representative: tuple[Representative, ...]
    counts: dict[int, VoteCounts] = field(default_factory=dict)


@dataclass(frozen=True)
class ConsensusStatement:
    statement_id: int
    direction: str  # "agree": everyone holds it; "disagree": everyone rejects it
    score: float  # Π_g (A_g + 1)/(S_g + 2), or with D
    geometric_mean: float  # score ** (1/k): comparable between maps with k groups
    group_probabilities: tuple[float, ...]
    counts: VoteCounts  # among the placed participants


@dataclass(frozen=True)
class DivisiveStatement:
    statement_id: int
    score: float  # between 0 and 1
    # Per group: share of agrees and of disagrees (raw), None without votes.
    group_shares: tuple[tuple[float | None, float | None], ...]
    counts: VoteCounts


@dataclass(frozen=True)
class Point:
    participant_id: int
    x: float
    y: float
    group: int


@dataclass(frozen=True)
class Analysis:
    participants: int  # who cast at least one vote
    placed: int  # who voted enough to be on the map
    min_votes: int  # the threshold applied
    statements: dict[int, VoteCounts]  # every vote, placed or not
    points: tuple[Point, ...] = ()
    groups: tuple[Group, ...] = ()
    silhouette: float | None = None
    null_silhouette: float | None = None
    confidence: str = CONFIDENCE_NONE
    explained_variance: tuple[float, float] = (0.0, 0.0)
    consensus: tuple[ConsensusStatement, ...] = ()
    consensus_against: tuple[ConsensusStatement, ...] = ()
    divisive: tuple[DivisiveStatement, ...] = ()

    @property
    def k(self) -> int:
        return len(self.groups)

    @property
    def has_map(self) -> bool:
        return self.confidence != CONFIDENCE_NONE

    @property
    def has_groups(self) -> bool:
        return len(self.groups) >= 2

    def group_of(self, participant_id: int) -> Group | None:
        for point in self.points:
            if point.participant_id == participant_id:
                return self.groups[point.group]
        return None


# --- the steps --------------------------------------------------------------------------


def vote_matrix(
    votes: Iterable[tuple[int, int, int]], statement_ids: Sequence[int]
) -> tuple[list[int], np.ndarray]:
    """(participant ids in increasing order, matrix with NaN for unseen statements).
    Votes on statements not listed are ignored."""
    column = {sid: j for j, sid in enumerate(statement_ids)}
    rows: dict[int, dict[int, int]] = {}
    for participant_id, statement_id, value in votes:
        j = column.get(statement_id)
        if j is not None:
            rows.setdefault(participant_id, {})[j] = value
    participant_ids = sorted(rows)
    matrix = np.full((len(participant_ids), len(statement_ids)), np.nan)
    for i, pid in enumerate(participant_ids):
        for j, value in rows[pid].items():
            matrix[i, j] = value
    return participant_ids, matrix


def project(matrix: np.ndarray) -> tuple[np.ndarray, tuple[float, float]]:
    """Positions on two axes (n × 2) and the share of variance each axis explains."""
    from sklearn.decomposition import PCA

    n, m = matrix.shape
    voted = ~np.isnan(matrix)
    filled = np.where(voted, matrix, 0.0)
    components = min(2, n, m)
    if components == 0 or not filled.std(axis=0).any():
        return np.zeros((n, 2)), (0.0, 0.0)
    pca = PCA(n_components=components, svd_solver="full").fit(filled)
    # Project each participant on the votes he cast only; the others count as the mean.
    centred = np.where(voted, filled - pca.mean_, 0.0)
    positions = centred @ pca.components_.T
    positions *= np.sqrt(m / np.maximum(voted.sum(axis=1), 1))[:, None]
    if components < 2:
        positions = np.hstack([positions, np.zeros((n, 2 - components))])
    ratios = list(pca.explained_variance_ratio_) + [0.0] * (2 - components)
    return positions, (float(ratios[0]), float(ratios[1]))


def _silhouette(points: np.ndarray, labels: np.ndarray, random_state: int) -> float:
    from sklearn.metrics import silhouette_score

    sample = SILHOUETTE_SAMPLE if len(points) > SILHOUETTE_SAMPLE else None
    return float(silhouette_score(points, labels, sample_size=sample, random_state=random_state))


def best_clustering(
    points: np.ndarray, *, max_groups: int, random_state: int
) -> tuple[int, np.ndarray | None, float | None]:
    """(k, labels, silhouette) of the k-means with the best silhouette, k in 2…max;
    (1, None, None) when no k can be tried."""
    from sklearn.cluster import KMeans

    distinct = len(np.unique(np.round(points, 9), axis=0))
    best: tuple[int, np.ndarray | None, float | None] = (1, None, None)
    for k in range(2, min(max_groups, distinct, len(points) - 1) + 1):
        labels = KMeans(n_clusters=k, n_init=10, random_state=random_state).fit_predict(points)
        if np.bincount(labels, minlength=k).min() < 2:
            continue  # a "group" of one person is no group
        score = _silhouette(points, labels, random_state)
        if best[2] is None or score > best[2] + 1e-12:
            best = (k, labels, score)
    return best


def null_silhouette(matrix: np.ndarray, *, max_groups: int, random_state: int) -> float | None:
    """The best silhouette the pipeline finds once each statement's votes are shuffled
    among the participants: same vote shares, no opinion groups. The highest of
    NULL_RUNS shuffles, so that a real structure must beat them all."""
    rng = np.random.default_rng(random_state)
    scores = []
    for _run in range(NULL_RUNS):
        shuffled = np.column_stack([rng.permutation(col) for col in matrix.T])
        positions, _ = project(shuffled)
        _k, _labels, score = best_clustering(
            positions, max_groups=max_groups, random_state=random_state
        )
        if score is not None:
            scores.append(score)
    return max(scores) if scores else None


def _counts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per column: agrees, disagrees, seen (NaN = unseen)."""
    agree = (values == AGREE).sum(axis=0)
    disagree = (values == DISAGREE).sum(axis=0)
    seen = (~np.isnan(values)).sum(axis=0)
    return agree, disagree, seen


def _vote_counts(agree, disagree, seen) -> VoteCounts:
    return VoteCounts(int(agree), int(disagree), int(seen - agree - disagree))


def representative_statements(
    statement_ids: Sequence[int],
    group_counts: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
    g: int,
) -> tuple[Representative, ...]:
    """The statements that distinguish group g from the others (Pol.is' repness and
    `select-rep-comments`): those passing both 90 % tests, best first (at most five,
    agrees before disagrees); if none passes, the one with the highest test, flagged
    as not significant."""
    a_in, d_in, s_in = group_counts[g]
    a_out = sum(c[0] for i, c in enumerate(group_counts) if i != g)
    d_out = sum(c[1] for i, c in enumerate(group_counts) if i != g)
    s_out = sum(c[2] for i, c in enumerate(group_counts) if i != g)
    sufficient, best = [], None
    for j, sid in enumerate(statement_ids):
        a, d, s = int(a_in[j]), int(d_in[j]), int(s_in[j])
        ar, dr, sr = int(a_out[j]), int(d_out[j]), int(s_out[j])
        pa, pd = (a + 1) / (s + 2), (d + 1) / (s + 2)
        pat, pdt = prop_test(a, s), prop_test(d, s)
        ra = pa / ((ar + 1) / (sr + 2))
        rd = pd / ((dr + 1) / (sr + 2))
        rat, rdt = two_prop_test(a, ar, s, sr), two_prop_test(d, dr, s, sr)
        agree_passes = rat > Z_90 and pat > Z_90
        disagree_passes = rdt > Z_90 and pdt > Z_90
        passes = agree_passes or disagree_passes
        agree_side = rat > rdt if agree_passes == disagree_passes else agree_passes
        rep = Representative(
            statement_id=sid,
            direction="agree" if agree_side else "disagree",
            in_group=VoteCounts(a, d, s - a - d),
            others=VoteCounts(ar, dr, sr - ar - dr),
            probability=pa if agree_side else pd,
            probability_test=pat if agree_side else pdt,
            repness=ra if agree_side else rd,
            repness_test=rat if agree_side else rdt,
            significant=passes,
        )
        if passes:
            sufficient.append(rep)
        elif a + d > 0 and (best is None or max(rat, rdt) > best.repness_test):
            best = rep
    if not sufficient:
        return (best,) if best is not None and best.repness_test > 0 else ()
    top = sorted(sufficient, key=lambda r: (-r.metric, r.statement_id))[:MAX_REPRESENTATIVE]
    return tuple(
        [r for r in top if r.direction == "agree"] + [r for r in top if r.direction == "disagree"]
    )


def consensus_statements(
    statement_ids: Sequence[int],
    group_counts: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
    direction: str,
) -> tuple[ConsensusStatement, ...]:
    """Statements every group holds (or rejects): each group's (n + 1)/(S + 2) above ½
    and the share among everyone placed significant (z > 1.2816); ranked by the
    group-informed consensus Π_g (n_g + 1)/(S_g + 2)."""
    k = len(group_counts)
    index = 0 if direction == "agree" else 1
    probabilities = np.array([(c[index] + 1) / (c[2] + 2) for c in group_counts])  # k × m
    a_all = sum(c[0] for c in group_counts)
    d_all = sum(c[1] for c in group_counts)
    s_all = sum(c[2] for c in group_counts)
    hits = []
    for j, sid in enumerate(statement_ids):
        column = probabilities[:, j]
        successes = a_all[j] if direction == "agree" else d_all[j]
        if column.min() <= 0.5 or prop_test(successes, s_all[j]) <= Z_90:
            continue
        score = float(np.prod(column))
        hits.append(
            ConsensusStatement(
                statement_id=sid,
                direction=direction,
                score=score,
                geometric_mean=score ** (1 / k),
                group_probabilities=tuple(float(p) for p in column),
                counts=_vote_counts(a_all[j], d_all[j], s_all[j]),
            )
        )
    hits.sort(key=lambda c: (-c.score, c.statement_id))
    return tuple(hits[:MAX_LISTED])


def divisive_statements(
    statement_ids: Sequence[int],
    group_counts: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
) -> tuple[DivisiveStatement, ...]:
    """With groups: a group mostly agrees ((A+1)/(S+2) > ½) while another mostly
    disagrees, and their agree shares differ significantly; ranked by half the spread
    of pa − pd across groups. Without groups: statements on which the participants
    split, at least a third each way (smoothed), ranked by the smaller side."""
    a_all = sum(c[0] for c in group_counts)
    d_all = sum(c[1] for c in group_counts)
    s_all = sum(c[2] for c in group_counts)
    found = []
    for j, sid in enumerate(statement_ids):
        pa = [(c[0][j] + 1) / (c[2][j] + 2) for c in group_counts]
        pd = [(c[1][j] + 1) / (c[2][j] + 2) for c in group_counts]
        if len(group_counts) >= 2:
            agreeing = [g for g, p in enumerate(pa) if p > 0.5]
            rejecting = [g for g, p in enumerate(pd) if p > 0.5]
            if not agreeing or not rejecting:
                continue
            g = max(agreeing, key=lambda i: pa[i])
            h = max(rejecting, key=lambda i: pd[i])
            test = two_prop_test(
                group_counts[g][0][j], group_counts[h][0][j], group_counts[g][2][j],
                group_counts[h][2][j],
            )  # fmt: skip
            if g == h or test <= Z_90:
                continue
            net = [a - d for a, d in zip(pa, pd, strict=True)]
            score = (max(net) - min(net)) / 2
        else:
            if s_all[j] < MIN_PARTICIPANTS or min(pa[0], pd[0]) < 1 / 3:
                continue
            score = 2 * min(pa[0], pd[0])
        shares = tuple(
            ((float(c[0][j] / c[2][j]), float(c[1][j] / c[2][j])) if c[2][j] else (None, None))
            for c in group_counts
        )
        found.append(
            DivisiveStatement(
                statement_id=sid,
                score=float(min(score, 1.0)),
                group_shares=shares,
                counts=_vote_counts(a_all[j], d_all[j], s_all[j]),
            )
        )
    found.sort(key=lambda s: (-s.score, s.statement_id))
    return tuple(found[:MAX_LISTED])


def effective_min_votes(min_votes: int, statement_count: int) -> int:
    """Pol.is places those who voted on 7 statements, or on all if there are fewer."""
    return max(1, min(min_votes, statement_count))


def analyse(
    votes: Iterable[tuple[int, int, int]],
    statement_ids: Sequence[int],
    *,
    min_votes: int = 7,
    max_groups: int = MAX_GROUPS,
    random_state: int = 0,
) -> Analysis:
    """The whole analysis of one consultation.

    `votes`: (participant id, statement id, value) with value in {1, −1, 0};
    `statement_ids`: the statements to analyse (hidden ones left out by the caller).

    Runs on one thread: the matrices are small, and BLAS or OpenMP thread pools inside
    a web or Celery worker fight the other workers for the cores (measured: 0.08 s on
    one thread, 0.5–3 s with the default pools on a busy 2-core machine, 120 × 30).
    """
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        return _analyse(
            votes,
            statement_ids,
            min_votes=min_votes,
            max_groups=max_groups,
            random_state=random_state,
        )


def _analyse(votes, statement_ids, *, min_votes, max_groups, random_state) -> Analysis:
    statement_ids = list(statement_ids)
    participant_ids, matrix = vote_matrix(votes, statement_ids)
    agree, disagree, seen = _counts(matrix)
    statements = {
        sid: _vote_counts(agree[j], disagree[j], seen[j]) for j, sid in enumerate(statement_ids)
    }
    threshold = effective_min_votes(min_votes, len(statement_ids))
    n_voted = (~np.isnan(matrix)).sum(axis=1)
    keep = n_voted >= threshold
    base = {
        "participants": int((n_voted > 0).sum()),
        "placed": int(keep.sum()),
        "min_votes": threshold,
        "statements": statements,
    }
    if keep.sum() < MIN_PARTICIPANTS or len(statement_ids) < 2:
        return Analysis(**base)

    placed_ids = [pid for pid, k in zip(participant_ids, keep, strict=True) if k]
    placed = matrix[keep]
    positions, explained = project(placed)
    k, labels, silhouette = best_clustering(
        positions, max_groups=max_groups, random_state=random_state
    )
    null = None
    if k >= 2:
        null = null_silhouette(placed, max_groups=max_groups, random_state=random_state)
        floor = max(MIN_SILHOUETTE, (null or 0.0) + NULL_MARGIN)
        if silhouette is None or silhouette < floor:
            k, labels = 1, None
    if labels is None:
        labels = np.zeros(len(placed), dtype=int)
        confidence = CONFIDENCE_NO_GROUPS
    elif silhouette >= CLEAR_SILHOUETTE and len(placed) >= CLEAR_PARTICIPANTS:
        confidence = CONFIDENCE_CLEAR
    else:
        confidence = CONFIDENCE_LOW

    # Stable labels: the biggest group is A; equal sizes by position on the first axis.
    order = sorted(
        range(k),
        key=lambda g: (-(labels == g).sum(), float(positions[labels == g, 0].mean()), g),
    )
    rank = {old: new for new, old in enumerate(order)}
    labels = np.array([rank[g] for g in labels])

    group_counts = [_counts(placed[labels == g]) for g in range(k)]
    groups = []
    for g in range(k):
        members = positions[labels == g]
        groups.append(
            Group(
                index=g,
                label=chr(ord("A") + g),
                size=int(len(members)),
                center=(float(members[:, 0].mean()), float(members[:, 1].mean())),
                representative=(
                    representative_statements(statement_ids, group_counts, g) if k >= 2 else ()
                ),
                counts={
                    sid: _vote_counts(
                        group_counts[g][0][j], group_counts[g][1][j], group_counts[g][2][j]
                    )
                    for j, sid in enumerate(statement_ids)
                },
            )
        )
    points = tuple(
        sorted(
            (
                Point(pid, float(x), float(y), int(g))
                for pid, (x, y), g in zip(placed_ids, positions, labels, strict=True)
            ),
            # Never in the order of participation: a neighbour could tell who came first.
            key=lambda p: (p.group, round(p.x, 6), round(p.y, 6), p.participant_id),
        )
    )
    return Analysis(
        **base,
        points=points,
        groups=tuple(groups),
        silhouette=silhouette,
        null_silhouette=null,
        confidence=confidence,
        explained_variance=explained,
        consensus=consensus_statements(statement_ids, group_counts, "agree"),
        consensus_against=consensus_statements(statement_ids, group_counts, "disagree"),
        divisive=divisive_statements(statement_ids, group_counts),
    )
