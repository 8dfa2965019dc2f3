"""The equity of speaking time in a meeting: 1 − Gini, a pure function.

With x₁ … xₙ the speaking times (seconds) of the n people counted and μ their mean:

    Gini = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² μ)        equity = 1 − Gini

computed in O(n log n) on the sorted times x₍₁₎ ≤ … ≤ x₍ₙ₎ as
Gini = 2 Σᵢ i·x₍ᵢ₎ / (n Σ x) − (n + 1) / n.

Everyone speaking as long → 1. One person speaking all the time among n → 1/n (near
0 for a large meeting). Nobody counted, or nobody spoke → None (no figure).
"""

from collections.abc import Iterable


def gini(values: Iterable[float]) -> float | None:
    xs = sorted(max(float(v), 0.0) for v in values)
    n = len(xs)
    total = sum(xs)
    if n == 0 or total <= 0:
        return None
    weighted = sum(i * x for i, x in enumerate(xs, start=1))
    value = 2 * weighted / (n * total) - (n + 1) / n
    return min(max(value, 0.0), 1.0)


def equity(values: Iterable[float]) -> float | None:
    """1 − Gini of the speaking times, between 0 and 1; None when undefined."""
    g = gini(values)
    return None if g is None else 1.0 - g
