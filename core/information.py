"""Information content, entropy and divergences of discrete distributions.

Every function takes probability vectors that are 1-D, finite, non-negative and
sum to 1 within 1e-9 (within K·ε for float32 or float16 values; use
:func:`normalize` on raw weights first), and a logarithm base greater than 1:
``math.e`` (nats, the default) or 2 (bits).

A vector normalised in floating point sums to 1 only within rounding, so the
entropies and divergences are those of the distributions p/Σp and q/Σq that
the vectors stand for. It matters only where the values are tiny: the KL of
two vectors equal but for their last bits, or the entropy of a near-certain
outcome, would otherwise show that rounding instead of the value. The
per-outcome :func:`information` and :func:`kl_terms` are of the numbers as
given.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
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

    Notes
    -----
    The entropy of p/Σp (see the module docstring), accurate to a few ulps
    however near certain P is: the largest outcome's log is taken from the
    mass of the others, log(max p/Σp) = log1p(−(Σp − max p)/Σp), never from
    log(max p), whose rounding would dwarf an entropy of the order of that
    mass. [1.0, 3.8e-25] stands for [1 − 3.8e-25, 3.8e-25], of entropy
    2.17e-23, where −Σ p log p gives 2.14e-23; [1 + 2⁻⁵², 1e-40] has entropy
    9.31e-39 (the plain sum, corrected for Σp ≠ 1, gave 2.5e-32).

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
    """H(p/Σp) in nats from p and log p (which may hold −inf where p = 0).

    With S = Σp and the others' mass o = S − max p, the largest outcome's
    share is r = max p / S and log r = log1p(−o/S): taken from o, not from
    log(max p), whose rounding (an ulp of 1 nat) dwarfs an entropy of
    order o when P is near certain (1 nat·2⁻⁵³ against [1, 1e-40]'s 9.3e-39),
    and which counts o twice when ``log_p`` is a log-softmax that is exact
    while max p rounded to 1 (logits 0 and −40: 1.78e-16 for 1.74e-16). The
    others' logs are log p − log S. Every part is non-negative but the tiny
    o·log S, so nothing cancels.
    """
    top = int(np.argmax(p))
    top_p = float(p[top])
    others = float(np.sum(p[:top])) + float(np.sum(p[top + 1 :]))
    excess = (top_p - 1.0) + others  # S − 1, exact once max p ≥ ½
    log_total = math.log1p(excess)
    total = 1.0 + excess
    terms = p * _safe_log(p, log_p)
    if top_p >= 0.5:
        terms[top] = 0.0
        top_term = 0.0 - (top_p / total) * math.log1p(-others / total)
    else:
        top_term = 0.0
    # A sum of products, not np.dot: BLAS wakes its threads for a dot
    # product, which costs milliseconds at K = 100,000.
    plain = 0.0 - float(np.sum(terms))
    entropy = (plain + others * log_total) / total + top_term
    if top_p < 0.5:
        # All of Σ p log p is in ``plain``: its normaliser, as for the others.
        entropy += (top_p / total) * log_total
    # max(0.0, x) returns +0.0 for x = −0.0: a certain outcome shows 0, not −0.
    return max(0.0, entropy)


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
        is not. Exactly 0 where ``p == q``.

    Raises
    ------
    ValueError
        For invalid ``p``, ``q`` or ``base``, or lengths that differ.

    Notes
    -----
    Each term is accurate to a few ulps: log(p/q) is taken as
    ``log1p((p − q)/q)`` while p and q are within a factor 3 of each other
    (where ``log(p/q)`` would lose the digits of a ratio near 1: 11% of the
    term at p = 1, q = 1 − 1e-15), from the ratio further apart, and as
    ``log p − log q`` where the ratio is beyond the float range (a subnormal
    ``q``).
    """
    ln_base = _checks.log_base(base)
    p_array, q_array = _checks.distribution_pair(p, q)
    return _divergences(p_array, q_array).terms_pq / ln_base


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
    Accurate to a few ulps however close Q is to P: the sum is taken over
    the non-negative terms p·log(p/q) − p + q (Taylor series where p ≈ q),
    not over p·log(p/q), whose terms are first-order in q − p and cancel to
    a second-order result (at q = p(1 ± 1e-8) the plain sum came out 10³
    times too large, at 1e-10 as 0). SciPy's ``rel_entr`` is off by about
    u/δ there. Exactly 0 when ``p == q``.

    The terms add Σ(q − p), which is 0 only if both vectors sum to exactly
    1. They rarely do (a normalised vector sums to 1 within rounding, and
    up to 1e-9 is accepted), and a literal Σ p log(p/q) would then be off by
    Σ(p − q), far more than a divergence near 0 and of either sign. The
    result is therefore the divergence of the normalised distributions
    p/Σp and q/Σq, which the vectors stand for: the terms are taken against
    q·(1 + ε), ε = Σ(p − q)/Σq, whose sum is Σp, and their sum divided by
    Σp. For exactly normalised vectors that is Σ p log(p/q).

    Examples
    --------
    >>> round(kl_divergence([0.7, 0.3], [0.5, 0.5], base=2), 4)
    0.1187
    """
    ln_base = _checks.log_base(base)
    p_array, q_array = _checks.distribution_pair(p, q)
    return _divergences(p_array, q_array).kl_pq / ln_base


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

    Notes
    -----
    Computed as :func:`entropy` + :func:`kl_divergence`, two non-negative
    numbers each accurate to a few ulps, so the identity holds to rounding
    and H(P,Q) is never below H(P). −Σ p log q itself would carry the
    rounding of Σp and Σq (a vector normalised in floating point sums to 1
    only within an ulp or so): between two such vectors that differ in the
    last bits it came out 9 ulps below H(P).
    """
    ln_base = _checks.log_base(base)
    p_array, q_array = _checks.distribution_pair(p, q)
    kl = _divergences(p_array, q_array).kl_pq
    return (_entropy_nats(p_array) + kl) / ln_base


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
        where P and Q have disjoint supports; exactly 0 when ``p == q``. It
        is the square of SciPy's ``jensenshannon`` distance.

    Raises
    ------
    ValueError
        For invalid ``p``, ``q`` or ``base``, or lengths that differ.

    Notes
    -----
    The per-outcome terms ½p·log(2p/(p+q)) + ½q·log(2q/(p+q)) are each
    ≥ 0; near P = Q they come from their Taylor series, so the result is
    accurate to a few ulps however small. M is never formed (half of the
    smallest subnormal would round to 0). As for :func:`kl_divergence`,
    vectors that sum to 1 only within rounding are taken as p/Σp and q/Σq.
    """
    ln_base = _checks.log_base(base)
    p_array, q_array = _checks.distribution_pair(p, q)
    return _divergences(p_array, q_array).js / ln_base


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


# --- divergences: one pass over a pair ---------------------------------------
#
# Write s = (p − q)/(p + q) ∈ [−1, 1] and t = p + q for one outcome. Then
#   p·log(p/q) − p + q = t·g(s),     g(s) = (1 + s)·atanh(s) − s ≥ 0,
#   ½p·log(2p/t) + ½q·log(2q/t) = t·j(s)/4,
#                      j(s) = (1 + s)·log(1 + s) + (1 − s)·log(1 − s) ≥ 0,
# non-negative terms whose sums are D(P‖Q) (as Σ(q − p) = 0) and JS. Both are
# of second order in s, so evaluated as written near P = Q they cancel to
# nothing (p·log(p/q) is a first-order quantity rounded to 1 ulp; the sum is
# of order δ²): for |s| < ½ they come from their Taylor series instead,
#   t·g(±s) = (p − q)·s·Σ_k s^(2k)/(2k+1) ± (p − q)·s²·Σ_k s^(2k)/(2k+3),
#   t·j(s) = (p − q)·s·Σ_k s^(2k)/((k+1)(2k+1)),
# each term accurate to a few ulps. From ½ on, the logs of the shares 2p/t
# and 2q/t carry no cancellation worth a series.
#
# Σ(q − p) is 0 only if both vectors sum to exactly 1, which a vector
# normalised in floating point rarely does. The sums are therefore taken
# against q' = q·(1 + ε), ε = Σ(p − q)/Σq, which sums to Σp: then they are
# Σp·D(p̂‖q̂), Σp·D(q̂‖p̂) and Σp·JS(p̂, q̂) exactly, for p̂ = p/Σp and
# q̂ = q/Σq. Adding Σ(q − p) instead would leave (Σp − Σq)²/2 ≈ 1e-32 in
# the KL, the whole of it between vectors that differ by rounding; and a
# literal Σ p·log(p/q) is off by Σp − Σq itself, of either sign.

#: Below this |s| the non-negative terms come from their series.
_SERIES_BELOW = 0.5
#: A truncated series is stopped when its first omitted term is below this
#: fraction of the result (a quarter of an ulp).
_SERIES_TAIL = 2.0**-55
_LN2 = math.log(2.0)
_TINY = float(np.finfo(np.float64).tiny)


def _series_length(largest: float, tail: Callable[[int, float], float]) -> int:
    """Fewest terms K whose first omitted term ``tail(K, |s|)`` is negligible."""
    k = 1
    while tail(k, largest) > _SERIES_TAIL:
        k += 1
    return k


def _horner(
    x: FloatArray, coefficients: list[float], out: FloatArray | None = None
) -> FloatArray:
    """Σ_k c_k x^k, highest power first, in place on one buffer (``out``)."""
    total = np.full_like(x, coefficients[-1]) if out is None else out
    if out is not None:
        total.fill(coefficients[-1])
    for c in reversed(coefficients[:-1]):
        total *= x
        total += c
    return total


def _odd_part(s: FloatArray, x: FloatArray) -> FloatArray:
    """Σ_k x^k/(2k+3), with x = s², to the accuracy g(s) needs (|s| < 1/2).

    The odd part s³·Σ of g is at most |s|/3 of g, so the series may stop once
    s^(2K+1)·2/(2K+3) is negligible: 23 terms at |s| = ½, 3 at 10⁻³.
    """
    largest = float(np.max(np.abs(s), initial=0.0))
    k = _series_length(largest, lambda n, a: 2 * a ** (2 * n + 1) / (2 * n + 3))
    return _horner(x, [1.0 / (2 * n + 3) for n in range(k)])


def _js_series(
    s: FloatArray, x: FloatArray, out: FloatArray | None = None
) -> FloatArray:
    """j(s)/s² = Σ_k x^k/((k+1)(2k+1)), x = s², for |s| < 1/2 (all terms > 0)."""
    largest = float(np.max(np.abs(s), initial=0.0))
    k = _series_length(largest, lambda n, a: a ** (2 * n) / ((n + 1) * (2 * n + 1)))
    return _horner(x, [1.0 / ((n + 1) * (2 * n + 1)) for n in range(k)], out)


@dataclass(frozen=True)
class _Divergences:
    """Per-outcome terms and totals for one pair (P, Q), in nats.

    ``terms_pq`` and ``terms_qp`` are p·log(p/q) and q·log(q/p) of the given
    numbers, with the conventions of :func:`kl_terms`. ``kl_pq``, ``kl_qp``
    and ``js`` are D(p̂‖q̂), D(q̂‖p̂) and JS(p̂, q̂) of the normalised vectors.
    """

    terms_pq: FloatArray
    terms_qp: FloatArray
    kl_pq: float
    kl_qp: float
    js: float


def _divergences(
    p: FloatArray, q: FloatArray, log_q: FloatArray | None = None
) -> _Divergences:
    """Every KL and JS term of P and Q in one pass; see the comment above.

    The sums are taken against q' = q·(1 + ε), which sums to Σp: then
    Σ[p·log(p/q') − p + q'] = Σp·D(p̂‖q̂) exactly, with nothing to subtract
    (the plain terms over q add Σq·φ(Σp/Σq) ≈ (Σp − Σq)²/2, which is all
    there is to a divergence between vectors that differ by rounding). ε is
    Σ(p − q)/Σq, summed from the differences; near P = Q the differences
    p − q' are taken as (p − q) − ε·q, exact to their own rounding.

    ``log_q``, if given, is log Q computed without Q (a log-softmax): where
    Q underflows to 0 or to a subnormal, its log comes from there, and an
    entry with a finite log counts as positive even where the float is 0.
    At K = 100,000 each fresh array costs a page-faulted buffer (more than
    the arithmetic on it), so buffers are reused in place where it is safe.
    """
    d_total, t_total, near = _classify(p, q, log_q)
    total_p = 0.5 * (t_total + d_total)
    eps = d_total / (0.5 * (t_total - d_total))  # Σq' = Σq·(1 + ε) = Σp
    count = int(np.count_nonzero(near))
    if count == p.size:  # P ≈ Q everywhere: no far terms, no logarithm
        log_ratio, *sums = _near_terms(p, q, eps)
        return _totals(p * log_ratio, 0.0 - q * log_ratio, sums, total_p)
    if 2 * count >= p.size:
        return _mostly_near(p, q, log_q, near, eps, total_p)
    terms_pq, terms_qp, sum_pq, sum_qp, sum_js = _far_side(
        p, q, log_q, eps, near if count else None
    )
    return _totals(terms_pq, terms_qp, (sum_pq, sum_qp, sum_js), total_p)


def _classify(
    p: FloatArray, q: FloatArray, log_q: FloatArray | None
) -> tuple[float, float, NDArray[np.bool_]]:
    """Σ(p − q), Σ(p + q), and which outcomes are near (|s| < ½, or p = q = 0).

    In blocks, as :func:`_far_side`: the differences and ratios are only
    needed for this, and need not all exist at once.
    """
    n = p.size
    near = np.empty(n, dtype=bool)
    size = min(n, _FAR_BLOCK)
    d, t, other = np.empty(size), np.empty(size), np.empty(size, dtype=bool)
    d_sums, t_sums = [], []
    any_zero = False
    with np.errstate(divide="ignore", invalid="ignore"):
        for start in range(0, n, _FAR_BLOCK):
            stop = min(n, start + _FAR_BLOCK)
            m = stop - start
            db, tb, ob, nb = d[:m], t[:m], other[:m], near[start:stop]
            np.subtract(p[start:stop], q[start:stop], out=db)
            np.add(p[start:stop], q[start:stop], out=tb)
            d_sums.append(float(np.sum(db)))
            t_sums.append(float(np.sum(tb)))
            np.equal(tb, 0.0, out=ob)
            any_zero = any_zero or bool(ob.any())
            np.divide(db, tb, out=db)  # s; NaN where p = q = 0
            np.greater(db, -_SERIES_BELOW, out=nb)
            np.less(db, _SERIES_BELOW, out=ob)
            nb &= ob  # False at NaN
    # The blocks' sums added exactly: near P = Q, ε = Σ(p − q)/Σq must keep
    # every digit a single pairwise sum would (the series depend on it).
    d_total, t_total = math.fsum(d_sums), math.fsum(t_sums)
    if any_zero:
        both_zero = p + q == 0
        if log_q is not None:  # a softmax that underflowed is not 0
            both_zero &= np.isneginf(log_q)
        near |= both_zero  # p = q = 0: every term is 0, as in the series
    return d_total, t_total, near


def _totals(
    terms_pq: FloatArray,
    terms_qp: FloatArray,
    sums: Sequence[float],
    total_p: float,
) -> _Divergences:
    """The pair's divergences from the sums against q' (of P's total mass)."""
    sum_pq, sum_qp, sum_js = sums
    return _Divergences(
        terms_pq=terms_pq,
        terms_qp=terms_qp,
        kl_pq=max(0.0, sum_pq / total_p),
        kl_qp=max(0.0, sum_qp / total_p),
        js=min(max(0.0, sum_js / total_p), _LN2),
    )


#: The far formulas run over blocks of this many outcomes: a block's dozen
#: temporaries stay in the CPU's cache. Over 100,000 outcomes at once each
#: of them went out to memory and back (_divergences at K = 100,000: 1.8 ms
#: whole, 1.3 ms in blocks). The sums do not depend on the block size
#: beyond rounding.
_FAR_BLOCK = 16_384


def _far_side(
    p: FloatArray,
    q: FloatArray,
    log_q: FloatArray | None,
    eps: float,
    near: NDArray[np.bool_] | None,
) -> tuple[FloatArray, FloatArray, float, float, float]:
    """Terms p·log(p/q), q·log(q/p) and the three sums, by the far formulas.

    The outcomes marked in ``near`` (|s| < ½, or p = q = 0) come from the
    series instead. Outcomes where p or q is 0, or p/q is subnormal or
    beyond the floats, are worked out again by :func:`_repair`.
    """
    n = p.size
    terms_pq, terms_qp = np.empty(n), np.empty(n)
    broken = np.empty(n, dtype=bool)
    scratch = _FarScratch(min(n, _FAR_BLOCK))
    block_sums = []
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for start in range(0, n, _FAR_BLOCK):
            block = slice(start, min(n, start + _FAR_BLOCK))
            block_sums.append(
                _far_block(
                    p[block],
                    q[block],
                    None if log_q is None else log_q[block],
                    None if near is None else near[block],
                    eps,
                    (terms_pq[block], terms_qp[block], broken[block]),
                    scratch,
                )
            )
    # Added exactly, as the blocks' sums would be in one pairwise sum or better.
    sum_pq, sum_qp, sum_js = (math.fsum(column) for column in np.array(block_sums).T)
    if near is not None:
        index = np.flatnonzero(near)
        broken[index] = False  # p = q = 0 among them: the series gives 0
        p_near, q_near = p[index], q[index]
        near_log_ratio, near_pq, near_qp, near_js = _near_terms(p_near, q_near, eps)
        terms_pq[index] = p_near * near_log_ratio
        terms_qp[index] = 0.0 - q_near * near_log_ratio
        sum_pq, sum_qp = sum_pq + near_pq, sum_qp + near_qp
        sum_js = 0.5 * sum_js + near_js
    else:
        sum_js *= 0.5
    repair = np.flatnonzero(broken)
    if repair.size:
        far = _repair(p, q, log_q, eps, repair, terms_pq, terms_qp)
        sum_pq += float(np.sum(far[0]))
        sum_qp += float(np.sum(far[1]))
        sum_js += 0.5 * float(np.sum(far[2]))
    return terms_pq, terms_qp, sum_pq, sum_qp, sum_js


class _FarScratch:
    """Buffers for one block of :func:`_far_block`, made once per pair."""

    def __init__(self, size: int) -> None:
        self.floats = [np.empty(size) for _ in range(6)]
        self.flags = [np.empty(size, dtype=bool) for _ in range(2)]

    def views(self, size: int) -> tuple[list[FloatArray], list[NDArray[np.bool_]]]:
        """The buffers cut to ``size`` (the last block may be shorter)."""
        return [f[:size] for f in self.floats], [b[:size] for b in self.flags]


def _far_block(
    p: FloatArray,
    q: FloatArray,
    log_q: FloatArray | None,
    near: NDArray[np.bool_] | None,
    eps: float,
    outputs: tuple[FloatArray, FloatArray, NDArray[np.bool_]],
    scratch: _FarScratch,
) -> FloatArray:
    """One block of :func:`_far_side`: its terms, and its far outcomes' sums.

    Writes p·log(p/q), q·log(q/p) and which outcomes are broken (0,
    subnormal or beyond the floats: :func:`_repair` redoes them) into
    ``outputs``. Returns the sums, over the outcomes neither near nor
    broken, of the non-negative terms against q' = q(1 + ε):
    p·log(p/q') − (p − q'), q'·log(q'/p) + (p − q') and twice the JS term,
    t'·log(1 + |s'|) − min(p, q')·|log(p/q')|: the larger share's log
    directly (1 + |s'| ∈ [1.5, 2], as accurate as log1p), the smaller one's
    as that minus |log(p/q')|; no term cancels by more than a factor 6.
    """
    terms_pq, terms_qp, broken = outputs
    floats, (fine, excluded) = scratch.views(p.size)
    log_ratio, scaled_q, difference, total, js, magnitude = floats
    np.divide(p, q, out=log_ratio)
    # Where p/q is 0, subnormal, infinite or NaN the logs are repaired.
    np.greater_equal(log_ratio, _TINY, out=fine)
    np.less(log_ratio, np.inf, out=excluded)
    fine &= excluded
    np.logical_not(fine, out=broken)
    if log_q is not None:
        broken |= q < _TINY  # an underflowed softmax: its own log is better
    np.log(log_ratio, out=log_ratio)  # accurate where p/q ≥ 3 or ≤ ⅓
    np.multiply(p, log_ratio, out=terms_pq)
    np.multiply(q, log_ratio, out=terms_qp)
    np.negative(terms_qp, out=terms_qp)
    log_scaled = log_ratio
    log_scaled -= math.log1p(eps)  # log(p/q')
    np.multiply(q, 1.0 + eps, out=scaled_q)
    np.subtract(p, scaled_q, out=difference)
    np.add(p, scaled_q, out=total)
    np.divide(difference, total, out=js)
    np.abs(js, out=js)
    js += 1.0
    np.log(js, out=js)
    js *= total
    np.abs(log_scaled, out=magnitude)
    smaller = np.minimum(p, scaled_q, out=total)
    smaller *= magnitude
    js -= smaller
    f_pq = np.multiply(p, log_scaled, out=smaller)
    f_pq -= difference
    f_qp = np.multiply(scaled_q, log_scaled, out=scaled_q)
    np.subtract(difference, f_qp, out=f_qp)
    if near is None:
        excluded[...] = broken
    else:
        np.logical_or(broken, near, out=excluded)
    sums = np.empty(3)
    for i, values in enumerate((f_pq, f_qp, js)):
        np.copyto(values, 0.0, where=excluded)  # their terms come from elsewhere
        sums[i] = np.sum(values)
    return sums


def _mostly_near(
    p: FloatArray,
    q: FloatArray,
    log_q: FloatArray | None,
    near: NDArray[np.bool_],
    eps: float,
    total_p: float,
) -> _Divergences:
    """:func:`_divergences` where at least half the outcomes have |s| < ½.

    The series runs over the whole arrays with the far outcomes set to
    p = q = 0 (where every series term is 0), and the far formulas only over
    the far outcomes: at K = 100,000 gathering the many near ones costs more
    than a pass, and a logarithm of every ratio more than both.
    """
    log_ratio, sum_pq, sum_qp, sum_js = _near_terms(
        np.where(near, p, 0.0), np.where(near, q, 0.0), eps
    )
    terms_pq = p * log_ratio
    terms_qp = 0.0 - q * log_ratio
    far_index = np.flatnonzero(~near)
    if far_index.size:
        p_far, q_far = p[far_index], q[far_index]
        q_log = None if log_q is None else log_q[far_index]
        pq, qp, far_pq, far_qp, far_js = _far_side(p_far, q_far, q_log, eps, None)
        terms_pq[far_index] = pq
        terms_qp[far_index] = qp
        sum_pq += far_pq
        sum_qp += far_qp
        sum_js += far_js
    return _totals(terms_pq, terms_qp, (sum_pq, sum_qp, sum_js), total_p)


def _near_terms(
    p: FloatArray, q: FloatArray, eps: float
) -> tuple[FloatArray, float, float, float]:
    """log(p/q) and the sums of the three non-negative terms, for |s| < ½.

    The sums are against q' = q(1 + ε), with d' = (p − q) − εq, t' = t + εq
    and s' = d'/t'. With x = s'² and B = Σ_k x^k/(2k+3): atanh(s')/s' =
    1 + x·B, t'·g(±s') = d'·s'·(1 + xB) ± d'·x·B, and the JS term
    t'·j(s')/4 = d'·s'·J(x)/4. The odd part d'·x·B is at most a sixth of the
    even one, so summing them apart loses nothing. log(p/q) = 2·atanh(s) is
    2s(1 + xB) with the unscaled s (1 + xB changes by a relative s·ε).
    """
    d = p - q
    t = p + q
    with np.errstate(invalid="ignore"):
        s = d / t
    if eps != 0.0:
        shift = q * eps
        d -= shift
        t += shift
        with np.errstate(invalid="ignore"):
            s_scaled = d / t
    else:
        s_scaled = s
    zeros = t == 0
    if zeros.any():  # p = q = 0
        s[zeros] = 0.0
        s_scaled[zeros] = 0.0
    x = s_scaled * s_scaled
    series = _odd_part(s_scaled, x)
    atanh_over_s = x * series
    atanh_over_s += 1.0
    ds = d * s_scaled  # t'·s'² ≥ 0
    product = np.multiply(ds, atanh_over_s)
    even = float(np.sum(product))  # Σ t'·s'·atanh(s')
    np.multiply(d, x, out=product)
    product *= series
    odd = float(np.sum(product))  # Σ t'·s'³·B
    series = _js_series(s_scaled, x, out=series)
    series *= ds
    js = 0.25 * float(np.sum(series))
    log_ratio = atanh_over_s  # 2·atanh(s), without the ratio's rounding
    log_ratio *= s
    log_ratio *= 2.0
    return log_ratio, even + odd, even - odd, js


def _repair(
    p_all: FloatArray,
    q_all: FloatArray,
    log_q_all: FloatArray | None,
    eps: float,
    i: NDArray[np.intp],
    terms_pq: FloatArray,
    terms_qp: FloatArray,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Outcomes where p or q is 0, or p/q is subnormal or beyond the floats.

    There log(p/q) is log p − log q (log q from ``log_q`` when given, so a
    softmax that underflowed to 0 keeps its finite log); 0·log 0 = 0: p = 0
    gives p·log(p/q) = 0 and a non-negative term q', q = 0 < p gives +inf.
    Writes the outcomes ``i`` of the terms; returns their three
    non-negative terms (as :func:`_far_block` sums them).
    """
    p, q = p_all[i], q_all[i]
    p_pos = p > 0
    q_pos = q > 0 if log_q_all is None else log_q_all[i] > -np.inf
    both = p_pos & q_pos
    q_scaled = q + q * eps
    t = p + q_scaled
    with np.errstate(divide="ignore", invalid="ignore"):
        log_q = np.log(q) if log_q_all is None else log_q_all[i]
        difference = np.log(p) - log_q  # log(p/q)
        scaled = difference - math.log1p(eps)  # log(p/q')
        small = np.minimum(p, q_scaled)
        share = np.where(t > 0, 2.0 * np.maximum(p, q_scaled) / t, 2.0)
        js = t * np.log(share) - small * np.abs(scaled)
        pq = p * difference
        qp = 0.0 - q * difference
        f_pq = p * scaled - (p - q_scaled)
        f_qp = (p - q_scaled) - q_scaled * scaled
    terms_pq[i] = np.where(both, pq, np.where(p_pos, np.inf, 0.0))
    terms_qp[i] = np.where(both, qp, np.where(q_pos, np.inf, 0.0))
    return (
        np.where(both, f_pq, np.where(p_pos, np.inf, q_scaled)),
        np.where(both, f_qp, np.where(q_pos, np.inf, p)),
        np.where(small > 0, js, t * _LN2),
    )
