"""Information, entropy, cross-entropy, KL and JS divergence (core.information).

Three kinds of test: reference values (SciPy and the worked examples of
docs/teaching.md), properties (hypothesis), and one test per rejected input.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal
from scipy.spatial.distance import jensenshannon
from scipy.special import kl_div, rel_entr
from scipy.stats import entropy as scipy_entropy

from core import (
    cross_entropy,
    entropy,
    information,
    js_divergence,
    kl_divergence,
    kl_terms,
    normalize,
    support_violations,
)

RTOL = 1e-12
# Values that are 0 in exact arithmetic may come out a few ulps away from it.
ATOL = 1e-15
LN2 = math.log(2.0)

# (p, q) pairs with and without zeros; q > 0 wherever p > 0, so KL is finite.
FINITE_PAIRS = [
    ([0.7, 0.3], [0.5, 0.5]),
    ([0.5, 0.5], [0.7, 0.3]),
    ([0.1, 0.2, 0.3, 0.4], [0.25, 0.25, 0.25, 0.25]),
    ([0.0, 0.25, 0.75], [0.2, 0.3, 0.5]),
    ([0.0, 1.0, 0.0], [0.0, 0.999, 0.001]),
    ([1e-12, 1 - 1e-12], [0.5, 0.5]),
    (
        [0.05, 0.15, 0.3, 0.1, 0.2, 0.2],
        [0.3, 0.05, 0.05, 0.2, 0.15, 0.25],
    ),
]
BASES = [math.e, 2.0, 10.0]


# --- reference values: the worked examples of docs/teaching.md --------------------


def test_entropy_of_a_biased_coin_is_0_8813_bits() -> None:
    assert entropy([0.7, 0.3], base=2) == pytest.approx(0.8813, abs=5e-5)


def test_kl_is_not_symmetric_worked_example() -> None:
    p, q = [0.7, 0.3], [0.5, 0.5]
    assert kl_divergence(p, q, base=2) == pytest.approx(0.1187, abs=5e-5)
    assert kl_divergence(q, p, base=2) == pytest.approx(0.1258, abs=5e-5)


@pytest.mark.parametrize(
    ("system", "entropy_bits", "information_sum_bits"),
    [
        ([0.5, 0.5], 1.0, 2.0),
        ([0.99, 0.01], 0.081, 6.66),
    ],
)
def test_entropy_is_expected_information_not_its_sum(
    system: list[float], entropy_bits: float, information_sum_bits: float
) -> None:
    assert entropy(system, base=2) == pytest.approx(entropy_bits, abs=5e-4)
    assert information(system, base=2).sum() == pytest.approx(
        information_sum_bits, abs=5e-3
    )


def test_a_near_certain_system_has_more_information_in_sum_but_less_entropy() -> None:
    even, skewed = [0.5, 0.5], [0.99, 0.01]
    assert information(skewed, 2).sum() > information(even, 2).sum()
    assert entropy(skewed, 2) < entropy(even, 2)


def test_information_of_two_fair_coin_heads_adds_to_two_bits() -> None:
    assert_array_equal(information([0.5, 0.25, 0.25], base=2), [1.0, 2.0, 2.0])


def test_one_nat_is_1_4427_bits() -> None:
    p = [0.2, 0.5, 0.3]
    assert entropy(p, base=2) / entropy(p) == pytest.approx(1.4427, abs=5e-5)
    assert entropy(p, base=2) == pytest.approx(entropy(p) / LN2, rel=RTOL)


@pytest.mark.parametrize("k", [1, 2, 3, 10, 1000])
def test_uniform_entropy_is_log_k(k: int) -> None:
    assert entropy(np.full(k, 1.0 / k)) == pytest.approx(math.log(k), rel=RTOL)


@pytest.mark.parametrize("p", [[1.0], [1.0, 0.0], [0.0, 0.0, 1.0, 0.0]])
def test_a_certain_outcome_has_zero_entropy_and_no_information(p: list[float]) -> None:
    h = entropy(p, base=2)
    assert h == 0.0
    assert not math.copysign(1.0, h) < 0, "shown as -0"
    certain = information(p, base=2)[np.argmax(p)]
    assert certain == 0.0
    assert not np.signbit(certain), "shown as -0"


def test_an_impossible_outcome_carries_infinite_information() -> None:
    assert_array_equal(information([0.0, 1.0]), [np.inf, 0.0])


# --- reference values: SciPy -------------------------------------------------


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize(("p", "q"), FINITE_PAIRS)
def test_entropy_matches_scipy(p: list[float], q: list[float], base: float) -> None:
    assert entropy(p, base) == pytest.approx(
        scipy_entropy(p, base=base), rel=RTOL, abs=ATOL
    )


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize(("p", "q"), FINITE_PAIRS)
def test_kl_divergence_matches_scipy(
    p: list[float], q: list[float], base: float
) -> None:
    expected = scipy_entropy(p, q, base=base)
    assert kl_divergence(p, q, base) == pytest.approx(expected, rel=RTOL, abs=ATOL)
    # kl_div(x, y) = x log(x/y) − x + y sums to the same for two distributions.
    via_kl_div = np.sum(kl_div(p, q)) / math.log(base)
    assert kl_divergence(p, q, base) == pytest.approx(via_kl_div, rel=RTOL, abs=ATOL)


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize(("p", "q"), FINITE_PAIRS)
def test_kl_terms_match_scipy_rel_entr(
    p: list[float], q: list[float], base: float
) -> None:
    assert_allclose(kl_terms(p, q, base), rel_entr(p, q) / math.log(base), rtol=RTOL)


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize(("p", "q"), FINITE_PAIRS)
def test_cross_entropy_matches_scipy(
    p: list[float], q: list[float], base: float
) -> None:
    expected = scipy_entropy(p, base=base) + scipy_entropy(p, q, base=base)
    assert cross_entropy(p, q, base) == pytest.approx(expected, rel=RTOL, abs=ATOL)


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize(
    ("p", "q"),
    [*FINITE_PAIRS, ([1.0, 0.0], [0.0, 1.0]), ([0.5, 0.5, 0.0], [0.0, 0.2, 0.8])],
)
def test_js_divergence_is_the_square_of_scipys_jensenshannon(
    p: list[float], q: list[float], base: float
) -> None:
    expected = jensenshannon(p, q, base=base) ** 2
    assert js_divergence(p, q, base) == pytest.approx(expected, rel=RTOL, abs=ATOL)


@pytest.mark.parametrize("base", BASES)
def test_information_is_minus_log_p(base: float) -> None:
    p = np.array([0.5, 0.25, 0.125, 0.125])
    assert_allclose(information(p, base), -np.log(p) / math.log(base), rtol=RTOL)


# --- conventions: 0·log 0 = 0 and infinite KL --------------------------------


def test_zero_probabilities_contribute_nothing_to_entropy() -> None:
    assert entropy([0.5, 0.0, 0.5], base=2) == 1.0


def test_kl_terms_follow_rel_entr_edge_cases() -> None:
    # p > 0, q > 0: p log(p/q); p = 0: 0 whatever q; q = 0 < p: +inf.
    terms = kl_terms([0.5, 0.0, 0.0, 0.5], [0.25, 0.75, 0.0, 0.0])
    assert_allclose(terms[0], 0.5 * math.log(2.0), rtol=RTOL)
    assert_array_equal(terms[1:], [0.0, 0.0, np.inf])


def test_a_single_kl_term_may_be_negative_but_not_the_sum() -> None:
    terms = kl_terms([0.7, 0.3], [0.5, 0.5])
    assert terms[1] < 0
    assert terms.sum() > 0
    assert kl_divergence([0.7, 0.3], [0.5, 0.5]) == pytest.approx(terms.sum(), rel=RTOL)


@pytest.mark.parametrize(
    ("p", "q", "violations"),
    [
        ([0.5, 0.5], [1.0, 0.0], (1,)),
        ([0.2, 0.3, 0.5], [0.0, 1.0, 0.0], (0, 2)),
        ([0.25, 0.25, 0.25, 0.25], [0.0, 0.0, 0.0, 1.0], (0, 1, 2)),
    ],
)
def test_kl_is_infinite_exactly_where_q_is_zero_and_p_is_not(
    p: list[float], q: list[float], violations: tuple[int, ...]
) -> None:
    assert kl_divergence(p, q) == math.inf
    assert cross_entropy(p, q) == math.inf
    assert support_violations(p, q) == violations
    infinite_terms = tuple(int(i) for i in np.flatnonzero(np.isinf(kl_terms(p, q))))
    assert infinite_terms == violations


def test_the_reverse_kl_may_stay_finite_and_js_stays_below_one_bit() -> None:
    p, q = [0.5, 0.5], [1.0, 0.0]
    assert kl_divergence(p, q) == math.inf
    assert kl_divergence(q, p, base=2) == pytest.approx(1.0, rel=RTOL)
    assert support_violations(q, p) == ()
    assert 0 < js_divergence(p, q, base=2) < 1


def test_q_zero_where_p_is_zero_is_not_a_violation() -> None:
    p, q = [0.0, 0.4, 0.6], [0.0, 0.5, 0.5]
    assert support_violations(p, q) == ()
    assert math.isfinite(kl_divergence(p, q))
    assert math.isfinite(cross_entropy(p, q))


def test_js_of_disjoint_supports_is_exactly_one_bit() -> None:
    assert js_divergence([1.0, 0.0], [0.0, 1.0], base=2) == 1.0
    assert js_divergence([0.5, 0.5, 0.0], [0.0, 0.0, 1.0]) == pytest.approx(
        LN2, rel=RTOL
    )


def test_cross_entropy_with_a_one_hot_p_is_minus_log_q_of_the_true_class() -> None:
    q = [0.1, 0.6, 0.3]
    assert cross_entropy([0.0, 1.0, 0.0], q) == pytest.approx(-math.log(0.6), rel=RTOL)


def test_a_subnormal_q_gives_a_large_finite_kl_not_an_overflow() -> None:
    # p/q overflows to inf for q this small; q > 0, so the KL is finite.
    p, q = [0.5, 0.5], [1.0, 1e-320]
    expected = float(np.sum(rel_entr(p, q)))
    assert support_violations(p, q) == ()
    assert kl_divergence(p, q) == pytest.approx(expected, rel=RTOL)
    by_hand = 0.5 * (math.log(0.5) - math.log(1e-320))
    assert kl_terms(p, q)[1] == pytest.approx(by_hand, rel=RTOL)


@pytest.mark.parametrize(
    ("p", "q"),
    [([1.0, 0.0], [1.0, 5e-324]), ([0.0, 1.0], [5e-324, 1.0]), ([5e-324, 1.0], [0, 1])],
)
def test_js_of_distributions_a_subnormal_apart_is_zero(p, q) -> None:
    # (P + Q)/2 underflows to 0 where only one of them is 5e-324; JS must not
    # turn that into an infinite term (clipped to log 2).
    assert js_divergence(p, q) == pytest.approx(0.0, abs=1e-300)
    assert js_divergence(q, p) == pytest.approx(0.0, abs=1e-300)


# --- Q → P: the non-negative form (issue 10, item 1) ----------------------------
# Reference values from mpmath at 50 digits (tests/test_core_reference.py has
# the reference itself and the sweep over δ = 1e-3 … 1e-14).


def test_a_single_term_near_q_equal_p_keeps_its_digits() -> None:
    # log(p/q) of a ratio 1/(1 − 1e-15) rounds to a multiple of 2.2e-16: 11%.
    p, q = [1.0, 0.0], [1 - 1e-15, 1e-15]
    assert kl_terms(p, q)[0] == pytest.approx(9.992007221626415e-16, rel=1e-15, abs=0)
    assert kl_divergence(p, q) == pytest.approx(
        1.0000000000000007e-15, rel=1e-15, abs=0
    )
    assert cross_entropy(p, q) == pytest.approx(
        1.0000000000000007e-15, rel=1e-15, abs=0
    )


@pytest.mark.parametrize(
    ("delta", "kl", "js"),
    [
        (1e-8, 2.4999999696126452e-17, 6.249999924031613e-18),
        (1e-10, 2.500000413701872e-21, 6.25000103425468e-22),
    ],
)
def test_kl_and_js_of_exactly_normalised_pairs_a_delta_apart(delta, kl, js) -> None:
    # Both sum to exactly 1; Σ p log(p/q) gave 2.8e-18 and 0 for the KL.
    p = [0.5, 0.25, 0.25]
    q = [0.5, 0.25 * (1 + delta), 0.0]
    q[2] = 1.0 - q[0] - q[1]
    assert kl_divergence(p, q) == pytest.approx(kl, rel=2e-15, abs=0)
    assert js_divergence(p, q) == pytest.approx(js, rel=2e-15, abs=0)


def test_one_distribution_normalised_twice_is_not_two() -> None:
    # [82, 1] and [410, 5] are one distribution; normalised separately the
    # floats differ in their last bit. The divergences between those floats
    # are ~1e-34, not the rounding of their sums (JS came out 1.3e-18), and
    # H(P,Q) never drops below H(P) (it was 1.4e-17 below).
    p, q = normalize([0.82, 0.01]), normalize([4.1, 0.05])
    assert not np.array_equal(p, q)
    assert kl_divergence(p, q) == pytest.approx(
        1.2337988706230728e-34, rel=2e-15, abs=0
    )
    assert js_divergence(p, q) == pytest.approx(3.084497176557682e-35, rel=2e-15, abs=0)
    assert cross_entropy(p, q) >= entropy(p)


def test_the_entropy_of_a_near_certain_outcome_is_that_of_the_distribution() -> None:
    # [1.0, 3.8e-25] stands for [1 − 3.8e-25, 3.8e-25]: −Σ p log p misses
    # the first outcome's share, 1.8% of the entropy.
    assert entropy([1.0, 3.8e-25]) == pytest.approx(
        2.1747257978085143e-23, rel=2e-15, abs=0
    )


# --- normalize ---------------------------------------------------------------


def test_normalize_divides_by_the_sum() -> None:
    assert normalize([1, 3]).tolist() == [0.25, 0.75]


def test_normalize_keeps_zero_weights_exactly_zero() -> None:
    p = normalize([0.0, 2.0, 0.0, 6.0])
    assert_array_equal(p, [0.0, 0.25, 0.0, 0.75])


def test_normalize_handles_weights_near_the_float_limit() -> None:
    assert_allclose(normalize([1e308, 1e308, 1e308]), np.full(3, 1 / 3), rtol=RTOL)


def test_normalize_handles_subnormal_weights() -> None:
    assert_allclose(normalize([5e-324, 5e-324]), [0.5, 0.5], rtol=RTOL)


# --- rejected inputs: one test per branch ------------------------------------

ONE_DISTRIBUTION = [information, entropy]
TWO_DISTRIBUTIONS = [
    kl_terms,
    kl_divergence,
    cross_entropy,
    js_divergence,
    support_violations,
]

BAD_DISTRIBUTIONS = [
    pytest.param([0.5, -0.1, 0.6], r"\[1\] is negative \(-0\.1\)", id="negative"),
    pytest.param([0.5, 0.5, np.nan], r"\[2\] is NaN", id="nan"),
    pytest.param([np.inf, 0.5], r"\[0\] is infinite", id="inf"),
    pytest.param([0.5, -np.inf], r"\[1\] is infinite", id="minus-inf"),
    pytest.param([0.0, 0.0], r" is all zero", id="all-zero"),
    pytest.param([], r" is empty", id="empty"),
    pytest.param([[0.5, 0.5]], r" must be 1-D, got shape \(1, 2\)", id="2-D"),
    pytest.param(0.5, r" must be 1-D, got shape \(\)", id="scalar"),
    pytest.param(["a", "b"], r" must be numbers", id="strings"),
    pytest.param([0.5, 0.4], r" sums to 0\.9, not 1", id="sum-below-1"),
    pytest.param(
        [0.5, 0.5 + 2e-9], r" sums to 1\.000000002\d*, not 1", id="sum-above-1"
    ),
    # Complex values were truncated to their real part with only a warning.
    pytest.param(
        np.array([0.5 + 0j, 0.5]), r" must be real numbers, got complex", id="complex"
    ),
    pytest.param([0.5, 0.5j], r" must be real numbers, got complex", id="complex-list"),
    # A Python integer beyond the float range raised OverflowError.
    pytest.param(
        [10**400, 1], r"\[0\] is an integer too large for a float", id="huge-int"
    ),
    # float32 within its own rounding of 1 is accepted; this is not.
    pytest.param(
        np.array([0.5, 0.501], dtype=np.float32), r" sums to 1\.00099", id="float32"
    ),
]


@pytest.mark.parametrize(("bad", "message"), BAD_DISTRIBUTIONS)
@pytest.mark.parametrize("function", ONE_DISTRIBUTION)
def test_an_invalid_p_is_rejected_by_name(function, bad, message: str) -> None:
    with pytest.raises(ValueError, match=r"^p" + message):
        function(bad)


@pytest.mark.parametrize(("bad", "message"), BAD_DISTRIBUTIONS)
@pytest.mark.parametrize("function", TWO_DISTRIBUTIONS)
def test_an_invalid_p_of_a_pair_is_rejected_by_name(function, bad, message) -> None:
    q = [0.5, 0.5] if np.ndim(bad) != 1 or len(bad) != 3 else [0.2, 0.3, 0.5]
    with pytest.raises(ValueError, match=r"^p" + message):
        function(bad, q)


@pytest.mark.parametrize(("bad", "message"), BAD_DISTRIBUTIONS)
@pytest.mark.parametrize("function", TWO_DISTRIBUTIONS)
def test_an_invalid_q_is_rejected_by_name(function, bad, message: str) -> None:
    p = [0.5, 0.5] if np.ndim(bad) != 1 or len(bad) != 3 else [0.2, 0.3, 0.5]
    with pytest.raises(ValueError, match=r"^q" + message):
        function(p, bad)


@pytest.mark.parametrize("function", ONE_DISTRIBUTION)
def test_a_sum_within_1e_9_of_one_is_accepted(function) -> None:
    assert np.all(np.isfinite(function([0.5, 0.5 + 5e-10])))


@pytest.mark.parametrize("dtype", [np.float32, np.float16])
@pytest.mark.parametrize("function", ONE_DISTRIBUTION)
def test_probabilities_in_a_narrower_float_are_accepted(function, dtype) -> None:
    # 0.1 in float32 is 0.10000000149: ten of them sum to 1 + 1.5e-8, which
    # the float64 tolerance of 1e-9 refused. The tolerance is K·ε of the type.
    p = np.full(10, 0.1, dtype=dtype)
    assert abs(float(np.sum(p.astype(np.float64))) - 1.0) > 1e-9
    assert np.all(np.isfinite(function(p)))


def test_float32_probabilities_give_the_entropy_of_their_distribution() -> None:
    assert entropy(np.full(10, 0.1, dtype=np.float32)) == pytest.approx(
        math.log(10), rel=1e-15, abs=0
    )
    p = np.array([0.7, 0.3], dtype=np.float32)
    q = np.array([0.5, 0.5], dtype=np.float32)
    expected = scipy_entropy(p.astype(np.float64), q.astype(np.float64))
    assert kl_divergence(p, q) == pytest.approx(expected, rel=1e-14, abs=0)


@pytest.mark.parametrize("function", TWO_DISTRIBUTIONS)
@pytest.mark.parametrize(
    ("p", "q", "lengths"),
    [
        ([0.5, 0.5], [1.0], r"\(2 vs 1\)"),  # a length-1 q is never broadcast
        ([1.0], [0.5, 0.5], r"\(1 vs 2\)"),
        ([0.2, 0.3, 0.5], [0.5, 0.5], r"\(3 vs 2\)"),
    ],
)
def test_lengths_that_differ_are_rejected(function, p, q, lengths: str) -> None:
    with pytest.raises(ValueError, match=r"^p and q differ in length " + lengths):
        function(p, q)


BAD_BASES = [
    pytest.param(1, r"^base must be finite and greater than 1, got 1$", id="one"),
    pytest.param(0, r"^base must be finite and greater than 1, got 0$", id="zero"),
    pytest.param(-2.0, r"^base must be finite and greater than 1, got -2\.0", id="neg"),
    # A base in (0, 1) would make every entropy negative (and a KL clamp to 0).
    pytest.param(0.5, r"^base must be finite and greater than 1, got 0\.5", id="half"),
    pytest.param(
        math.nan, r"^base must be finite and greater than 1, got nan", id="nan"
    ),
    pytest.param(
        math.inf, r"^base must be finite and greater than 1, got inf", id="inf"
    ),
    pytest.param("two", r"^base must be a number, got 'two'", id="string"),
    pytest.param(None, r"^base must be a number, got None", id="none"),
    pytest.param(2 + 0j, r"^base must be a real number, got \(2\+0j\)", id="complex"),
    pytest.param(
        np.complex128(2.0), r"^base must be a real number", id="numpy-complex"
    ),
    pytest.param(
        10**400, r"^base must be a finite number, got an integer too large", id="huge"
    ),
]


@pytest.mark.parametrize(("base", "message"), BAD_BASES)
@pytest.mark.parametrize("function", ONE_DISTRIBUTION)
def test_a_bad_base_is_rejected(function, base, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        function([0.5, 0.5], base)


@pytest.mark.parametrize(("base", "message"), BAD_BASES)
@pytest.mark.parametrize(
    "function", [kl_terms, kl_divergence, cross_entropy, js_divergence]
)
def test_a_bad_base_is_rejected_for_a_pair(function, base, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        function([0.5, 0.5], [0.5, 0.5], base)


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ([1.0, -2.0], r"^weights\[1\] is negative \(-2\.0\)"),
        ([np.nan, 1.0], r"^weights\[0\] is NaN"),
        ([1.0, np.inf], r"^weights\[1\] is infinite"),
        ([0.0, 0.0, 0.0], r"^weights is all zero"),
        ([], r"^weights is empty"),
        ([[1.0, 2.0]], r"^weights must be 1-D"),
        (["x"], r"^weights must be numbers"),
    ],
)
def test_normalize_rejects_invalid_weights_by_name(weights, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        normalize(weights)


def test_the_first_offending_index_is_named() -> None:
    with pytest.raises(ValueError, match=r"^p\[3\] is negative \(-0\.5\)"):
        entropy([0.5, 0.5, 0.5, -0.5, -0.5])


# --- properties --------------------------------------------------------------

# Weights include exact zeros and subnormals; normalize turns them into P.
WEIGHT = st.one_of(st.just(0.0), st.floats(min_value=0.0, max_value=1e3))
PROPERTY_SETTINGS = settings(max_examples=300, deadline=None)


def distributions(k: int) -> st.SearchStrategy[np.ndarray]:
    weights = st.lists(WEIGHT, min_size=k, max_size=k).filter(any)
    return weights.map(normalize)


SIZES = st.integers(min_value=1, max_value=8)
SINGLE = SIZES.flatmap(distributions)
PAIRS = SIZES.flatmap(lambda k: st.tuples(distributions(k), distributions(k)))


@PROPERTY_SETTINGS
@given(PAIRS)
def test_kl_is_non_negative(pair: tuple[np.ndarray, np.ndarray]) -> None:
    p, q = pair
    assert kl_divergence(p, q) >= 0.0


@PROPERTY_SETTINGS
@given(SINGLE)
def test_kl_of_a_distribution_with_itself_is_zero(p: np.ndarray) -> None:
    assert kl_divergence(p, p) == 0.0
    assert js_divergence(p, p) == 0.0
    assert cross_entropy(p, p) == entropy(p)
    assert_array_equal(kl_terms(p, p), np.zeros_like(p))


@PROPERTY_SETTINGS
@given(PAIRS)
def test_cross_entropy_is_entropy_plus_kl(pair: tuple[np.ndarray, np.ndarray]) -> None:
    p, q = pair
    kl = kl_divergence(p, q)
    if math.isinf(kl):
        assert cross_entropy(p, q) == math.inf
    else:
        # Within 2 ulps, and never below the entropy (Gibbs' inequality).
        assert cross_entropy(p, q) == pytest.approx(entropy(p) + kl, rel=4.5e-16, abs=0)
        assert cross_entropy(p, q) >= entropy(p)


@PROPERTY_SETTINGS
@given(PAIRS)
def test_kl_is_infinite_exactly_at_support_violations(
    pair: tuple[np.ndarray, np.ndarray],
) -> None:
    p, q = pair
    expected = tuple(int(i) for i in np.flatnonzero((p > 0) & (q == 0)))
    assert support_violations(p, q) == expected
    assert math.isinf(kl_divergence(p, q)) == bool(expected)
    assert tuple(int(i) for i in np.flatnonzero(np.isinf(kl_terms(p, q)))) == expected


@PROPERTY_SETTINGS
@given(PAIRS)
def test_kl_terms_sum_to_the_kl(pair: tuple[np.ndarray, np.ndarray]) -> None:
    p, q = pair
    terms = kl_terms(p, q, base=2)
    assert not np.isnan(terms).any()
    assert kl_divergence(p, q, base=2) == pytest.approx(
        max(float(terms.sum()), 0.0), rel=1e-12, abs=1e-15
    )


@PROPERTY_SETTINGS
@given(PAIRS)
def test_js_is_symmetric_finite_and_at_most_log_2(
    pair: tuple[np.ndarray, np.ndarray],
) -> None:
    p, q = pair
    js = js_divergence(p, q)
    assert 0.0 <= js <= LN2
    assert js == pytest.approx(js_divergence(q, p), rel=1e-12, abs=1e-15)
    assert js_divergence(p, q, base=2) <= 1.0


@PROPERTY_SETTINGS
@given(SINGLE)
def test_entropy_lies_between_zero_and_log_k(p: np.ndarray) -> None:
    h = entropy(p)
    assert 0.0 <= h <= math.log(p.size) * (1 + 1e-12)


@PROPERTY_SETTINGS
@given(PAIRS)
def test_random_pairs_match_scipy(pair: tuple[np.ndarray, np.ndarray]) -> None:
    p, q = pair
    assert entropy(p) == pytest.approx(scipy_entropy(p), rel=1e-12, abs=1e-14)
    assert_allclose(kl_terms(p, q), rel_entr(p, q), rtol=1e-12, atol=1e-14)
    # SciPy's M = (P + Q)/2 rounds half the smallest subnormal to 0 and then
    # returns inf; that case has its own test below.
    if np.all((0.5 * (p + q) > 0) == ((p > 0) | (q > 0))):
        assert js_divergence(p, q) == pytest.approx(
            jensenshannon(p, q) ** 2, rel=1e-9, abs=1e-14
        )


@PROPERTY_SETTINGS
@given(SINGLE)
def test_information_is_non_negative_and_averages_to_entropy(p: np.ndarray) -> None:
    info = information(p)
    assert np.all(info >= 0)
    assert np.all(np.isinf(info) == (p == 0))
    positive = p > 0
    assert float(np.sum(p[positive] * info[positive])) == pytest.approx(
        entropy(p), rel=1e-12, abs=1e-15
    )
