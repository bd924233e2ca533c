"""The core against mpmath at 50 digits, where double precision is hardest.

Q close to P (δ = 1e-3 … 1e-14), subnormal probabilities, K = 10⁶, a linked Q
that underflows, the losses' tiny gradients. The references are computed
here from the inputs alone: exact rational sums (``fractions``) and mpmath
logarithms at 50 digits, written so that they cannot lose their own digits
(each helper checks its cancellation). No core function computes an
expected value.

What "true" means: a float vector normalised in floating point sums to 1 only
within rounding, so the reference for an entropy or divergence is that of
p/Σp and q/Σq, with the sums exact (the core documents the same). The
per-outcome ``kl_terms`` are p·log(p/q) of the numbers as given.

Tolerances are in ulps (units of 2⁻⁵³ relative): every result is a short sum
of terms that are each within two or three ulps, so a few ulps is what is
promised (measured worst cases over thousands of random pairs: 6 for the
KL, 9 for JS, 4 for the per-outcome terms and cross-entropy).
"""

from __future__ import annotations

import math
from fractions import Fraction

import mpmath as mp
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from core import (
    Family,
    Scenario,
    bce_with_logits,
    bce_with_logits_grad,
    cross_entropy,
    cross_entropy_grad,
    entropy,
    evaluate,
    js_divergence,
    kl_divergence,
    kl_terms,
    mse_sigmoid,
    mse_sigmoid_grad,
    normalize,
)

DIGITS = 50
ULP = 2.0**-53
#: The promised accuracy, in ulps.
KL_ULPS = 8
JS_ULPS = 12
TERM_ULPS = 6
ENTROPY_ULPS = 6
#: A subnormal result is quantised to multiples of 4.9e-324.
SUBNORMAL = 1e-323
DELTAS = [10.0**-e for e in range(3, 15)]


# --- the reference -----------------------------------------------------------------


def _exact(values) -> list[Fraction]:
    return [Fraction(float(v)) for v in values]


def _weights(n: int, counts) -> list[int]:
    return [1] * n if counts is None else [int(c) for c in counts]


def _check_cancellation(parts, total) -> None:
    """The reference keeps at least 25 of its 50 digits."""
    size = mp.fsum(abs(x) for x in parts)
    if size:
        assert total != 0
        assert size / abs(total) < mp.mpf(10) ** (DIGITS - 25), "reference lost digits"


def ref_kl(p, q, counts=None):
    """D(p̂‖q̂) = Σ p̂·log(p/q) + log(Σq/Σp), p̂ = p/Σp with exact sums."""
    with mp.workdps(DIGITS):
        n = _weights(len(p), counts)
        P, Q = _exact(p), _exact(q)
        sp = sum(c * a for c, a in zip(n, P, strict=True))
        sq = sum(c * b for c, b in zip(n, Q, strict=True))
        parts = []
        for c, a, b in zip(n, P, Q, strict=True):
            if a == 0:
                continue
            if b == 0:
                return mp.inf
            parts.append(c * mp.mpf(a / sp) * mp.log(mp.mpf(a / b)))
        parts.append(mp.log1p(mp.mpf((sq - sp) / sp)))
        total = mp.fsum(parts)
        _check_cancellation(parts, total)
        return total


def _j(s):
    """(1 + s)·log(1 + s) + (1 − s)·log(1 − s) with 0·log 0 = 0."""
    plus = (1 + s) * mp.log1p(s) if s > -1 else mp.mpf(0)
    minus = (1 - s) * mp.log1p(-s) if s < 1 else mp.mpf(0)
    return plus + minus


def ref_js(p, q, counts=None):
    """JS(p̂, q̂) = Σ (p̂ + q̂)/4 · j(ŝ) with ŝ = (p̂ − q̂)/(p̂ + q̂) exact."""
    with mp.workdps(DIGITS):
        n = _weights(len(p), counts)
        P, Q = _exact(p), _exact(q)
        sp = sum(c * a for c, a in zip(n, P, strict=True))
        sq = sum(c * b for c, b in zip(n, Q, strict=True))
        parts = []
        for c, a, b in zip(n, P, Q, strict=True):
            a, b = a / sp, b / sq
            if a + b:
                parts.append(c * mp.mpf(a + b) / 4 * _j(mp.mpf((a - b) / (a + b))))
        return mp.fsum(parts)


def ref_terms(p, q) -> list:
    """p·log(p/q) per outcome: 0 where p = 0, +inf where q = 0 < p."""
    with mp.workdps(DIGITS):
        terms = []
        for a, b in zip(_exact(p), _exact(q), strict=True):
            if a == 0:
                terms.append(mp.mpf(0))
            elif b == 0:
                terms.append(mp.inf)
            else:
                terms.append(mp.mpf(a) * mp.log(mp.mpf(a / b)))
        return terms


def ref_cross_entropy(p, q, counts=None):
    """H(p̂, q̂) = −Σ p̂·log(q/Σq), each log of an exact ratio."""
    with mp.workdps(DIGITS):
        n = _weights(len(p), counts)
        P, Q = _exact(p), _exact(q)
        sp = sum(c * a for c, a in zip(n, P, strict=True))
        sq = sum(c * b for c, b in zip(n, Q, strict=True))
        parts = []
        for c, a, b in zip(n, P, Q, strict=True):
            if a == 0:
                continue
            if b == 0:
                return mp.inf
            parts.append(-c * mp.mpf(a / sp) * mp.log1p(mp.mpf((b - sq) / sq)))
        return mp.fsum(parts)


def ref_entropy(p, counts=None):
    return ref_cross_entropy(p, p, counts)


def ulps(value: float, reference) -> float:
    """|value − reference|/|reference| in units of 2⁻⁵³ (0 if both are 0)."""
    with mp.workdps(DIGITS):
        if reference == 0 or mp.isinf(reference):
            return 0.0 if value == reference else math.inf
        return float(abs(mp.mpf(float(value)) - reference) / abs(reference) / ULP)


def assert_pair_matches(p, q, groups=None) -> None:
    """KL both ways, JS, entropy and cross-entropy against the reference.

    ``groups`` = (p values, q values, counts) describes (p, q) by its distinct
    pairs, for the reference to sum each once.
    """
    a, b, counts = (p, q, None) if groups is None else groups
    assert ulps(kl_divergence(p, q), ref_kl(a, b, counts)) <= KL_ULPS
    assert ulps(kl_divergence(q, p), ref_kl(b, a, counts)) <= KL_ULPS
    assert ulps(js_divergence(p, q), ref_js(a, b, counts)) <= JS_ULPS
    assert ulps(entropy(p), ref_entropy(a, counts)) <= ENTROPY_ULPS
    assert ulps(cross_entropy(p, q), ref_cross_entropy(a, b, counts)) <= ENTROPY_ULPS


def assert_divergences_match_or_are_infinite(p, q) -> None:
    """KL both ways (+inf where the reference is) and JS against the reference."""
    for a, b in ((p, q), (q, p)):
        expected = ref_kl(a, b)
        if mp.isinf(expected):
            assert kl_divergence(a, b) == math.inf
        else:
            assert ulps(kl_divergence(a, b), expected) <= KL_ULPS
    assert ulps(js_divergence(p, q), ref_js(p, q)) <= JS_ULPS


def near_pair(delta: float, k: int = 10, seed: int = 0) -> tuple:
    """P with K positive entries and Q = P·(1 + δ·r), r ∈ [−1, 1], both normalised."""
    rng = np.random.default_rng(seed)
    p = normalize(rng.uniform(0.05, 1.0, k))
    q = normalize(p * (1 + delta * rng.uniform(-1.0, 1.0, k)))
    return p, q


def test_the_reference_knows_a_value_by_hand() -> None:
    # D([½, ½] ‖ [¼, ¾]) = ½ log 2 + ½ log(2/3); JS of disjoint supports = log 2.
    expected = 0.5 * math.log(2) + 0.5 * math.log(2 / 3)
    assert float(ref_kl([0.5, 0.5], [0.25, 0.75])) == pytest.approx(expected, 1e-15)
    assert float(ref_js([1, 0], [0, 1])) == pytest.approx(math.log(2), rel=1e-15)
    # Only the normalised vectors count: [½, ¼] stands for [⅔, ⅓].
    expected = (2 / 3) * math.log(2 / 3 / 0.5) + (1 / 3) * math.log(1 / 3 / 0.5)
    assert float(ref_kl([0.5, 0.25], [0.5, 0.5])) == pytest.approx(expected, 1e-15)


# --- Q → P -------------------------------------------------------------------------


@pytest.mark.parametrize("delta", DELTAS, ids=[f"{d:.0e}" for d in DELTAS])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_divergences_match_mpmath_as_q_approaches_p(delta: float, seed: int) -> None:
    p, q = near_pair(delta, seed=seed)
    assert_pair_matches(p, q)


@pytest.mark.parametrize("delta", DELTAS, ids=[f"{d:.0e}" for d in DELTAS])
def test_each_term_matches_mpmath_as_q_approaches_p(delta: float) -> None:
    p, q = near_pair(delta, seed=3)
    for value, reference in zip(kl_terms(p, q), ref_terms(p, q), strict=True):
        assert ulps(value, reference) <= TERM_ULPS
    for value, reference in zip(kl_terms(q, p), ref_terms(q, p), strict=True):
        assert ulps(value, reference) <= TERM_ULPS


@pytest.mark.parametrize("delta", DELTAS, ids=[f"{d:.0e}" for d in DELTAS])
def test_exactly_normalised_pairs_match_mpmath(delta: float) -> None:
    # Both sum to exactly 1: here Σ p log(p/q) itself is the truth.
    p = [0.5, 0.25, 0.25]
    q = [0.5, 0.25 * (1 + delta), 0.0]
    q[2] = 1.0 - q[0] - q[1]
    assert sum(_exact(q)) == 1 and sum(_exact(p)) == 1
    assert_pair_matches(p, q)


def test_equal_vectors_give_exactly_zero() -> None:
    p = normalize(np.random.default_rng(4).uniform(0.0, 1.0, 1000))
    assert kl_divergence(p, p) == 0.0
    assert js_divergence(p, p) == 0.0
    assert cross_entropy(p, p) == entropy(p)


NEAR_WEIGHTS = st.lists(
    st.floats(min_value=1e-6, max_value=1.0), min_size=2, max_size=8
)


@settings(max_examples=150, deadline=None)
@given(
    NEAR_WEIGHTS,
    st.integers(min_value=1, max_value=15),
    st.integers(min_value=0, max_value=2**32 - 1),
)
def test_near_equal_pairs_match_mpmath(weights, exponent: int, seed: int) -> None:
    p = normalize(weights)
    rng = np.random.default_rng(seed)
    q = normalize(p * np.exp(10.0**-exponent * rng.uniform(-1.0, 1.0, p.size)))
    if np.array_equal(p, q):
        assert kl_divergence(p, q) == js_divergence(p, q) == 0.0
        return
    assert_pair_matches(p, q)
    for value, reference in zip(kl_terms(p, q), ref_terms(p, q), strict=True):
        assert ulps(value, reference) <= TERM_ULPS


FAR_VALUES = st.sampled_from([0.0, 1e-310, 1e-3, 0.25, 4.0, 50.0])


@settings(max_examples=120, deadline=None)
@given(
    st.lists(st.floats(min_value=0.05, max_value=1.0), min_size=4, max_size=12),
    st.lists(st.tuples(FAR_VALUES, FAR_VALUES), min_size=1, max_size=3),
    st.integers(min_value=0, max_value=2**32 - 1),
)
def test_mostly_near_pairs_with_far_outcomes_match_mpmath(near, far, seed) -> None:
    # Most outcomes within |p − q|/(p + q) < ½ (the series), the rest far,
    # zero or subnormal: the two formulas are mixed within one pair.
    rng = np.random.default_rng(seed)
    spread = rng.uniform(-0.4, 0.4, len(near))
    p = np.concatenate([near, [a for a, _ in far]])
    q = np.concatenate([np.array(near) * np.exp(spread), [b for _, b in far]])
    assume(p.sum() > 0 and q.sum() > 0)
    p, q = normalize(p), normalize(q)
    assert_divergences_match_or_are_infinite(p, q)
    for value, reference in zip(kl_terms(p, q), ref_terms(p, q), strict=True):
        if abs(reference) < 1e-300 or mp.isinf(reference):
            assert value == reference or abs(value - float(reference)) <= SUBNORMAL
        else:
            assert ulps(value, reference) <= TERM_ULPS


# --- subnormal probabilities -------------------------------------------------------

SUBNORMAL_PAIRS = {
    # p/q overflows: a subnormal q under a p of ½.
    "q-subnormal": ([0.5, 0.5], [1.0, 1e-320]),
    "q-smallest": ([0.5, 0.5], [1.0, 5e-324]),
    # A subnormal p against a normal q.
    "p-subnormal": ([1.0, 1e-310], [0.5, 0.5]),
    "both-subnormal-far": ([1.0, 1e-320, 0.0], [0.75, 2e-310, 0.25]),
    "subnormal-against-zero": ([1.0, 0.0, 3e-315], [0.5, 0.5, 0.0]),
}


@pytest.mark.parametrize(
    ("p", "q"), SUBNORMAL_PAIRS.values(), ids=SUBNORMAL_PAIRS.keys()
)
def test_subnormal_probabilities_match_mpmath(p, q) -> None:
    assert_divergences_match_or_are_infinite(p, q)
    for value, reference in zip(kl_terms(p, q), ref_terms(p, q), strict=True):
        if abs(reference) < 1e-300:  # a subnormal term: quantised
            assert abs(value - float(reference)) <= SUBNORMAL
        else:
            assert ulps(value, reference) <= TERM_ULPS


@pytest.mark.parametrize(
    ("p", "q"),
    [
        ([1.0, 0.0], [1.0, 5e-324]),
        ([1.0, 3e-320, 0.0], [1.0, 2e-320, 1e-320]),
    ],
)
def test_pairs_a_few_subnormals_apart_are_within_a_subnormal(p, q) -> None:
    # The divergences are themselves subnormal: exact to the float grid.
    assert kl_divergence(p, q) == pytest.approx(float(ref_kl(p, q)), abs=SUBNORMAL)
    assert js_divergence(p, q) == pytest.approx(float(ref_js(p, q)), abs=SUBNORMAL)
    assert js_divergence(q, p) == pytest.approx(float(ref_js(q, p)), abs=SUBNORMAL)


# --- K = 10⁶ -----------------------------------------------------------------------


def test_a_million_outcomes_match_mpmath() -> None:
    # Eight groups of equal outcomes (the reference sums each group once,
    # with its count); within a group P and Q differ by 1e-9 relative.
    rng = np.random.default_rng(5)
    counts = np.array([1, 7, 70, 900, 9_000, 90_000, 300_000, 600_022])
    assert counts.sum() == 1_000_000
    weights = np.repeat(rng.uniform(0.1, 10.0, counts.size), counts)
    shifts = np.repeat(1e-9 * rng.uniform(-1.0, 1.0, counts.size), counts)
    p = normalize(weights)
    q = normalize(weights * (1.0 + shifts))
    pairs, inverse, group_counts = np.unique(
        np.stack([p, q]), axis=1, return_inverse=True, return_counts=True
    )
    assert pairs.shape[1] == counts.size
    assert_pair_matches(p, q, (pairs[0], pairs[1], group_counts))
    terms = kl_terms(p, q)
    for j, reference in enumerate(ref_terms(pairs[0], pairs[1])):
        where = np.flatnonzero(inverse.ravel() == j)
        assert ulps(terms[where[0]], reference) <= TERM_ULPS
        assert np.all(terms[where] == terms[where[0]])


# --- evaluate: the same paths in the window's single pass --------------------------


def _family_scenario(p: Family, q: Family, **settings) -> Scenario:
    return Scenario(
        p_weights=[1.0, 1.0],
        q_weights=[1.0, 1.0],
        logits=[0.0, 0.0],
        p_family=p,
        q_family=q,
        logits_follow_q=True,
        units="nats",
        **settings,
    )


def test_a_family_against_itself_has_zero_divergence() -> None:
    zipf = Family("zipf", 5000, {"exponent": 1.1})
    results = evaluate(_family_scenario(zipf, zipf))
    assert results.kl_pq == results.kl_qp == results.js == 0.0
    assert results.cross_entropy_pq == results.entropy_p


def test_a_linked_family_against_itself_is_exactly_zero() -> None:
    # Linked with logits that follow Q, at T = 1: Q = softmax(log w) is P in
    # exact arithmetic, and Q is taken as the normalised weights (exp∘log
    # would differ from P in the last bits). The issue's case showed
    # D(P‖Q) = 9.7e-17 bits here; it must show 0.
    zipf = Family("zipf", 2000, {"exponent": 1.1})
    results = evaluate(_family_scenario(zipf, zipf, linked=True))
    assert np.array_equal(results.p, results.q)
    assert results.kl_pq == results.kl_qp == results.js == 0.0
    assert np.allclose(results.q, results.softmax, rtol=1e-12, atol=0)


def test_a_linked_family_at_another_temperature_is_true_to_the_q_it_shows() -> None:
    # At T ≠ 1 the softmax is the model: divergences are those of the
    # vectors shown, to a few ulps of mpmath.
    zipf = Family("zipf", 2000, {"exponent": 1.1})
    scenario = _family_scenario(zipf, zipf, linked=True).replace(temperature=1.5)
    results = evaluate(scenario)
    p, q = results.p, results.q
    assert ulps(results.kl_pq, ref_kl(p, q)) <= KL_ULPS
    assert ulps(results.kl_qp, ref_kl(q, p)) <= KL_ULPS
    assert ulps(results.js, ref_js(p, q)) <= JS_ULPS


@pytest.mark.parametrize("delta", [1e-4, 1e-8, 1e-12])
def test_evaluate_matches_mpmath_as_q_approaches_p(delta: float) -> None:
    p, q = near_pair(delta, k=12, seed=6)
    scenario = Scenario(p_weights=p, q_weights=q, logits=np.zeros(12), units="nats")
    results = evaluate(scenario)
    p, q = results.p, results.q
    assert ulps(results.kl_pq, ref_kl(p, q)) <= KL_ULPS
    assert ulps(results.kl_qp, ref_kl(q, p)) <= KL_ULPS
    assert ulps(results.js, ref_js(p, q)) <= JS_ULPS
    assert ulps(results.cross_entropy_pq, ref_cross_entropy(p, q)) <= ENTROPY_ULPS
    assert ulps(results.cross_entropy_qp, ref_cross_entropy(q, p)) <= ENTROPY_ULPS
    for value, reference in zip(results.kl_terms_pq, ref_terms(p, q), strict=True):
        assert ulps(value, reference) <= TERM_ULPS


def _softmax_reference(logits, temperature: float = 1.0) -> list:
    with mp.workdps(DIGITS):
        z = [mp.mpf(float(v)) / temperature for v in logits]
        top = max(z)
        normaliser = top + mp.log(mp.fsum(mp.exp(v - top) for v in z))
        return [mp.exp(v - normaliser) for v in z]


def test_a_linked_q_that_underflows_is_positive_in_every_readout() -> None:
    # q₁ = e^−800 is 0 as a float, yet Q gives outcome 1 a positive
    # probability where P gives none: D(Q‖P) = H(Q,P) = ∞, with the reason.
    scenario = Scenario(
        p_weights=[1.0, 0.0], q_weights=[1.0, 1.0], logits=[0.0, -800.0],
        linked=True, units="nats",
    )  # fmt: skip
    results = evaluate(scenario)
    assert results.q[1] == 0.0
    assert results.kl_qp == results.cross_entropy_qp == math.inf
    assert results.kl_qp_infinite_at == (1,)
    assert results.kl_terms_qp[1] == math.inf
    q = _softmax_reference([0.0, -800.0])
    # D(P‖Q) = −log q₀ = log(1 + e^−800): below the smallest subnormal.
    assert results.kl_pq == 0.0
    assert ulps(results.information_q[1], -mp.log(q[1])) <= TERM_ULPS


@pytest.mark.parametrize("gap", [730.0, 800.0, 1000.0])
def test_a_linked_q_in_or_below_the_subnormals_keeps_its_log(gap: float) -> None:
    scenario = Scenario(
        p_weights=[1.0, 1.0], q_weights=[1.0, 1.0], logits=[0.0, -gap],
        linked=True, units="nats",
    )  # fmt: skip
    results = evaluate(scenario)
    q = _softmax_reference([0.0, -gap])
    with mp.workdps(DIGITS):
        kl = mp.fsum(mp.mpf(0.5) * mp.log(mp.mpf(0.5) / v) for v in q)
    assert ulps(results.kl_pq, kl) <= KL_ULPS
    assert ulps(results.cross_entropy_pq, kl + mp.log(2)) <= ENTROPY_ULPS
    assert results.kl_pq_infinite_at == results.kl_qp_infinite_at == ()


@pytest.mark.parametrize("top", [1 + 2.0**-52, 1.0, 1 - 4 * 2.0**-53, 1 - 2.0**-45])
@pytest.mark.parametrize("tiny", [1e-40, 4.99e-22, 3.8e-25, 1e-300])
def test_a_near_certain_entropy_matches_mpmath(top: float, tiny: float) -> None:
    # The plain sum corrected for Σp ≠ 1 gave 2.5e-32 for 9.3e-39 at
    # [1 + 2⁻⁵², 1e-40] and 0 at [1 − 4·2⁻⁵³, 1e-40].
    p = [top, tiny, 0.0]
    # At 400 digits: ref_entropy's log1p(q − Σq) of the tiny entry keeps
    # only 10 of 50 digits at 1e-40.
    with mp.workdps(400):
        total = sum(_exact(p))
        shares = [mp.mpf(v / total) for v in _exact(p) if v]
        expected = -mp.fsum(r * mp.log(r) for r in shares)
    assert ulps(entropy(p), expected) <= ENTROPY_ULPS


@pytest.mark.parametrize("gap", [20.0, 40.0, 100.0, 700.0])
def test_a_linked_near_certain_q_has_the_entropy_of_its_softmax(gap: float) -> None:
    # Logits 0 and −40 showed H(Q) = 1.784e-16 nats for 1.742e-16: the
    # correction for Σq ≠ 1 was added to logs that were already exact.
    scenario = Scenario(
        p_weights=[1.0, 1.0], q_weights=[1.0, 1.0], logits=[0.0, -gap],
        linked=True, units="nats",
    )  # fmt: skip
    with mp.workdps(400):  # 1 − q₀ = q₁ keeps its digits
        q1 = mp.exp(-gap) / (1 + mp.exp(-gap))
        expected = -mp.fsum(v * mp.log(v) for v in (1 - q1, q1))
    assert ulps(evaluate(scenario).entropy_q, expected) <= ENTROPY_ULPS


# --- losses ------------------------------------------------------------------------


def _sigmoid(z):
    return 1 / (1 + mp.exp(-z))


def _residual(z: float, y: float):
    """σ(z) − y as ½·tanh(z/2) + (½ − y): no 50-digit rounding of σ(z) ≈ ½."""
    with mp.workdps(DIGITS):
        return mp.tanh(mp.mpf(z) / 2) / 2 + (mp.mpf(0.5) - mp.mpf(y))


@pytest.mark.parametrize("gap", [20.0, 40.0, 100.0, 700.0])
def test_the_true_class_gradient_keeps_its_tiny_value(gap: float) -> None:
    grad = cross_entropy_grad([gap, 0.0], 0)
    q = _softmax_reference([gap, 0.0])
    # q₀ − 1 = −q₁ exactly (q₀ itself rounds to 1 even at 50 digits).
    assert ulps(grad[0], -q[1]) <= 4
    assert ulps(grad[1], q[1]) <= 4
    assert abs(grad.sum()) <= 4 * ULP * abs(grad[1])


# 1.5e-16: 1 − ε/2 rounds to 1 itself, and the gradient's sign was lost.
@pytest.mark.parametrize("eps", [1.5e-16, 1e-12, 1e-9, 1e-6])
@pytest.mark.parametrize("gap", [10.0, 50.0])
def test_a_slightly_smoothed_label_keeps_the_gradients_digits(
    eps: float, gap: float
) -> None:
    # 1 − (1 − ε + ε/K) lost ε's digits: at ε = 1e-12 and a gap of 50 the
    # true class's gradient came out 4.99933e-13 for 4.99999999807e-13.
    with mp.workdps(DIGITS):
        q = _softmax_reference([0.0, -gap])
        y = 1 - mp.mpf(eps) + mp.mpf(eps) / 2
        expected = [q[0] - y, q[1] - (1 - y)]
    grad = cross_entropy_grad([0.0, -gap], 0, label_smoothing=eps)
    scenario = Scenario(
        [1, 1], [1, 1], [0.0, -gap], label=0, label_smoothing=eps, units="nats"
    )
    for values in (grad, evaluate(scenario).grad):
        assert ulps(values[0], expected[0]) <= 8
        assert ulps(values[1], expected[1]) <= 8


def test_evaluate_and_the_loss_curve_keep_the_tiny_gradient() -> None:
    results = evaluate(Scenario([1, 1], [1, 1], [40.0, 0.0], label=0, units="nats"))
    q = _softmax_reference([40.0, 0.0])
    assert ulps(results.grad[0], -q[1]) <= 4
    assert ulps(results.grad[1], q[1]) <= 4
    curve = results.curve
    assert curve.z[-1] == 41.0
    for z, gradient in zip(curve.z[-40:], curve.grad[-40:], strict=True):
        # z from 32 to 41: q₀ rounds to 1 from 37 on.
        assert ulps(gradient, -_softmax_reference([z, 0.0])[1]) <= 8


def _bce(z, y):
    with mp.workdps(DIGITS):
        z, y = mp.mpf(float(z)), mp.mpf(float(y))
        return -(y * mp.log(_sigmoid(z)) + (1 - y) * mp.log(_sigmoid(-z)))


@pytest.mark.parametrize(
    ("z", "y"),
    [(513.0, 1 - 2.0**-53), (-513.0, 2.0**-53), (40.0, 1.0), (1e-20, 0.5), (3.0, 0.7)],
)
def test_bce_with_logits_matches_mpmath(z: float, y: float) -> None:
    assert ulps(bce_with_logits(z, y), _bce(z, y)) <= 4


@pytest.mark.parametrize("z", [1e-20, 1e-15, 3e-16, 1e-8, 0.3, -0.9, 2.0])
def test_the_residual_near_its_root_at_zero_matches_mpmath(z: float) -> None:
    # y = ½: σ(z) − ½ = ½·tanh(z/2), well conditioned in z.
    residual = _residual(z, 0.5)
    with mp.workdps(DIGITS):
        slope = _sigmoid(mp.mpf(z)) * _sigmoid(-mp.mpf(z))
    assert ulps(bce_with_logits_grad(z, 0.5), residual) <= 4
    assert ulps(mse_sigmoid(z, 0.5), residual**2) <= 8
    assert ulps(mse_sigmoid_grad(z, 0.5), 2 * residual * slope) <= 8


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=-50.0, max_value=50.0), st.floats(0.0, 1.0))
def test_the_residual_is_backward_stable(z: float, y: float) -> None:
    # Near a root z* = logit(y) ≠ 0, σ(z) − y is ill-conditioned in z: the
    # promise is the exact residual of a logit within 4 ulps of z, i.e. an
    # error at most 4u·(|σ'(z)·z| + the rounding of the result).
    residual = _residual(z, y)
    with mp.workdps(DIGITS):
        zm = mp.mpf(z)
        slack = 4 * ULP * (abs(_sigmoid(zm) * _sigmoid(-zm) * zm) + abs(residual))
        assert abs(mp.mpf(bce_with_logits_grad(z, y)) - residual) <= slack
