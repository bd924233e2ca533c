"""Information content, entropy and divergences of discrete distributions.

Every function takes probability vectors that are 1-D, finite, non-negative and
sum to 1 within 1e-9 (use :func:`normalize` on raw weights first), and a
logarithm base: ``math.e`` (nats, the default) or 2 (bits).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

from core import _checks
from core._checks import FloatArray


def normalize(weights: Any) -> FloatArray:
    """Turn non-negative weights into probabilities that sum to 1.

    Parameters
    ----------
    weights : array_like, shape (K,)
        Finite, non-negative, not all zero.

    Returns
    -------
    ndarray, shape (K,)
        ``weights / sum(weights)``. Zero weights stay exactly 0.

    Raises
    ------
    ValueError
        If ``weights`` is empty, not 1-D, contains NaN, ±inf or a negative
        entry, or is all zero.

    Notes
    -----
    The weights are scaled by their maximum first, so weights near the float
    limit (1e308) do not overflow the sum.

    Examples
    --------
    >>> normalize([1, 3]).tolist()
    [0.25, 0.75]
    """
    return _scale_to_one(_checks.weights(weights, "weights"))


def _scale_to_one(weights: FloatArray) -> FloatArray:
    scaled: FloatArray = weights / weights.max()
    return scaled / float(scaled.sum())


def information(p: Any, base: float = math.e) -> FloatArray:
    """Information content −log p(x) of each outcome.

    Parameters
    ----------
    p : array_like, shape (K,)
        A probability vector.
    base : float
        Logarithm base (e for nats, 2 for bits).

    Returns
    -------
    ndarray, shape (K,)
        ``-log(p) / log(base)``; ``+inf`` where ``p == 0`` (an impossible
        outcome would be infinitely surprising), 0 where ``p == 1``.

    Raises
    ------
    ValueError
        For an invalid ``p`` (see module docstring) or ``base``.

    Examples
    --------
    >>> information([0.5, 0.25, 0.25], base=2).tolist()
    [1.0, 2.0, 2.0]
    """
    ln_base = _checks.log_base(base)
    array = _checks.distribution(p, "p")
    with np.errstate(divide="ignore"):
        # 0.0 − log p, not −log p: a certain outcome carries +0, never −0.
        return (0.0 - np.log(array)) / ln_base


def entropy(p: Any, base: float = math.e) -> float:
    """Shannon entropy H(P) = −Σ p log p.

    Parameters
    ----------
    p : array_like, shape (K,)
        A probability vector.
    base : float
        Logarithm base (e for nats, 2 for bits).

    Returns
    -------
    float
        In [0, log K]: 0 for a certain outcome, log K for the uniform
        distribution. Outcomes with ``p == 0`` contribute 0 (0·log 0 = 0).

    Raises
    ------
    ValueError
        For an invalid ``p`` or ``base``.

    Examples
    --------
    >>> round(entropy([0.7, 0.3], base=2), 4)
    0.8813
    """
    ln_base = _checks.log_base(base)
    array = _checks.distribution(p, "p")
    return _entropy_nats(array) / ln_base


def _entropy_nats(p: FloatArray) -> float:
    with np.errstate(divide="ignore"):
        log_p = np.log(p)
    return _entropy_from_log(p, log_p)


def _safe_log(p: FloatArray, log_p: FloatArray) -> FloatArray:
    """Log p with 0 where p = 0, so that p·log p is 0 there (0·log 0 = 0)."""
    return np.where(p > 0, log_p, 0.0)


def _entropy_from_log(p: FloatArray, log_p: FloatArray) -> float:
    """H(P) in nats from P and log P (which may hold −inf where p = 0)."""
    # max(0.0, x) returns +0.0 for x = −0.0: a certain outcome shows 0, not −0.
    # A sum of products, not np.dot: BLAS wakes its threads for a dot
    # product, which costs milliseconds at K = 100,000.
    return max(0.0, -float(np.sum(p * _safe_log(p, log_p))))


def kl_terms(p: Any, q: Any, base: float = math.e) -> FloatArray:
    """Per-outcome contributions p·log(p/q) to D(P‖Q); they sum to the KL.

    Parameters
    ----------
    p, q : array_like, shape (K,)
        Probability vectors of the same length (a length-1 ``q`` is never
        broadcast).
    base : float
        Logarithm base.

    Returns
    -------
    ndarray, shape (K,)
        Following SciPy's ``rel_entr``: ``p·log(p/q)`` where both are
        positive; 0 where ``p == 0`` (whatever ``q``); ``+inf`` where
        ``q == 0 < p``. A single term may be negative (where q > p); their sum
        is not.

    Raises
    ------
    ValueError
        For invalid ``p``, ``q`` or ``base``, or lengths that differ.
    """
    ln_base = _checks.log_base(base)
    p_array, q_array = _checks.distribution_pair(p, q)
    return _kl_terms_nats(p_array, q_array) / ln_base


def _kl_terms_nats(p: FloatArray, q: FloatArray) -> FloatArray:
    # Whole-array arithmetic first (fast at K = 100,000); the few entries it
    # gets wrong (p = 0, q = 0, or p/q overflowing) are repaired after.
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        terms: FloatArray = p * np.log(p / q)
    broken = ~np.isfinite(terms)
    if broken.any():
        _repair_kl_terms(terms, p, q, broken)
    return terms


def _repair_kl_terms(
    terms: FloatArray, p: FloatArray, q: FloatArray, broken: NDArray[np.bool_]
) -> None:
    """Apply the conventions where p·log(p/q) came out non-finite.

    0 for p = 0 (0·log 0 = 0) and +inf for q = 0 < p. A subnormal q > 0 can
    overflow p/q to inf: there the difference of logs keeps the term finite
    (log(p/q) is more accurate elsewhere, where p ≈ q).
    """
    index = np.flatnonzero(broken)
    p_b, q_b = p[index], q[index]
    fixed = np.where(q_b == 0, np.inf, 0.0)
    overflowed = (p_b > 0) & (q_b > 0)
    fixed[overflowed] = p_b[overflowed] * (
        np.log(p_b[overflowed]) - np.log(q_b[overflowed])
    )
    fixed[p_b == 0] = 0.0
    terms[index] = fixed


def kl_divergence(p: Any, q: Any, base: float = math.e) -> float:
    """Kullback–Leibler divergence D(P‖Q) = Σ p log(p/q).

    Parameters
    ----------
    p, q : array_like, shape (K,)
        Probability vectors of the same length.
    base : float
        Logarithm base.

    Returns
    -------
    float
        ≥ 0, and exactly 0 when ``p == q``. ``+inf`` exactly when some
        ``q[i] == 0`` with ``p[i] > 0`` (:func:`support_violations` names
        them). Not symmetric: D(P‖Q) ≠ D(Q‖P) in general.

    Raises
    ------
    ValueError
        For invalid ``p``, ``q`` or ``base``, or lengths that differ.

    Notes
    -----
    Rounding can leave the sum of the terms a few ulps below zero when P ≈ Q;
    the result is clamped at 0, the true minimum.

    Examples
    --------
    >>> round(kl_divergence([0.7, 0.3], [0.5, 0.5], base=2), 4)
    0.1187
    """
    return float(np.sum(kl_terms(p, q, base)).clip(min=0.0))


def cross_entropy(p: Any, q: Any, base: float = math.e) -> float:
    """Cross-entropy H(P,Q) = −Σ p log q = H(P) + D(P‖Q).

    Parameters
    ----------
    p, q : array_like, shape (K,)
        Probability vectors of the same length.
    base : float
        Logarithm base.

    Returns
    -------
    float
        ≥ H(P). Outcomes with ``p == 0`` contribute 0 even where ``q == 0``;
        ``+inf`` exactly when some ``q[i] == 0`` with ``p[i] > 0``. With a
        one-hot ``p`` it equals −log q[true class].

    Raises
    ------
    ValueError
        For invalid ``p``, ``q`` or ``base``, or lengths that differ.
    """
    ln_base = _checks.log_base(base)
    p_array, q_array = _checks.distribution_pair(p, q)
    return _cross_entropy_nats(p_array, q_array) / ln_base


def _cross_entropy_nats(p: FloatArray, q: FloatArray) -> float:
    with np.errstate(divide="ignore"):
        log_q = np.log(q)
    return _cross_entropy_from_log(p, log_q)


def _cross_entropy_from_log(p: FloatArray, log_q: FloatArray) -> float:
    """H(P,Q) in nats from P and log Q: +inf if log q = −inf where p > 0."""
    if np.any(np.isneginf(log_q) & (p > 0)):
        return math.inf
    return 0.0 - float(np.sum(p * np.where(p > 0, log_q, 0.0)))


def js_divergence(p: Any, q: Any, base: float = math.e) -> float:
    """Jensen–Shannon divergence ½D(P‖M) + ½D(Q‖M) with M = (P + Q)/2.

    Parameters
    ----------
    p, q : array_like, shape (K,)
        Probability vectors of the same length.
    base : float
        Logarithm base.

    Returns
    -------
    float
        Symmetric and always finite, in [0, log 2] (at most 1 bit), even
        where P and Q have disjoint supports. It is the square of SciPy's
        ``jensenshannon`` distance.

    Raises
    ------
    ValueError
        For invalid ``p``, ``q`` or ``base``, or lengths that differ.
    """
    ln_base = _checks.log_base(base)
    p_array, q_array = _checks.distribution_pair(p, q)
    return _js_nats(p_array, q_array) / ln_base


def _js_nats(p: FloatArray, q: FloatArray) -> float:
    both = p + q
    m = 0.5 * both
    # Halving the smallest subnormal gives 0, which would make M rule out an
    # outcome P or Q allows (an infinite term); there p + q stands in for M,
    # a change of at most p·log 2 ≈ 1e-324 in that term.
    underflowed = m == 0
    m[underflowed] = both[underflowed]
    total = 0.5 * np.sum(_kl_terms_nats(p, m)) + 0.5 * np.sum(_kl_terms_nats(q, m))
    return float(np.clip(total, 0.0, math.log(2.0)))


def support_violations(p: Any, q: Any) -> tuple[int, ...]:
    """Outcomes where ``q == 0`` but ``p > 0``: the causes of an infinite D(P‖Q).

    Parameters
    ----------
    p, q : array_like, shape (K,)
        Probability vectors of the same length.

    Returns
    -------
    tuple of int
        Indices in increasing order; empty when D(P‖Q) is finite.

    Raises
    ------
    ValueError
        For invalid ``p`` or ``q``, or lengths that differ.
    """
    p_array, q_array = _checks.distribution_pair(p, q)
    return _violations(p_array, q_array)


def _violations(p: FloatArray, q: FloatArray) -> tuple[int, ...]:
    return tuple(int(i) for i in np.flatnonzero((p > 0) & (q == 0)))
