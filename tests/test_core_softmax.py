"""Stable logsumexp, softmax and log-softmax with a temperature (core.softmax)."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal
from scipy.special import log_softmax as scipy_log_softmax
from scipy.special import logsumexp as scipy_logsumexp
from scipy.special import softmax as scipy_softmax

from core import log_softmax, logsumexp, softmax

RTOL = 1e-12
LN2 = math.log(2.0)

REFERENCE_LOGITS = [
    pytest.param([2.0, 1.0, 0.1], id="teaching"),
    pytest.param([0.0], id="one-class"),
    pytest.param([-3.5, 0.25, 7.0, 7.0, -1e-3], id="ties"),
    pytest.param([500.0, 499.0, -200.0], id="large"),
    pytest.param([[0.1, 0.2, 0.3], [30.0, -30.0, 0.0]], id="batch"),
]
TEMPERATURES = [1.0, 0.1, 3.0, 100.0]


# --- reference values --------------------------------------------------------


def test_softmax_worked_example_from_teaching() -> None:
    assert_allclose(softmax([2.0, 1.0, 0.1]), [0.659, 0.242, 0.099], atol=5e-4)


@pytest.mark.parametrize("temperature", TEMPERATURES)
@pytest.mark.parametrize("z", REFERENCE_LOGITS)
def test_softmax_matches_scipy(z: list[float], temperature: float) -> None:
    expected = scipy_softmax(np.asarray(z) / temperature, axis=-1)
    assert_allclose(softmax(z, temperature), expected, rtol=RTOL, atol=1e-300)


@pytest.mark.parametrize("temperature", TEMPERATURES)
@pytest.mark.parametrize("z", REFERENCE_LOGITS)
def test_log_softmax_matches_scipy(z: list[float], temperature: float) -> None:
    expected = scipy_log_softmax(np.asarray(z) / temperature, axis=-1)
    assert_allclose(log_softmax(z, temperature), expected, rtol=RTOL, atol=1e-15)


@pytest.mark.parametrize("z", REFERENCE_LOGITS)
def test_logsumexp_matches_scipy(z: list[float]) -> None:
    assert_allclose(logsumexp(z), scipy_logsumexp(z, axis=-1), rtol=RTOL)


def test_logsumexp_of_a_vector_is_a_float_and_of_a_batch_one_per_row() -> None:
    assert isinstance(logsumexp([0.0, 0.0]), float)
    rows = logsumexp([[0.0, 0.0], [1.0, -np.inf]])
    assert rows.shape == (2,)
    assert_allclose(rows, [LN2, 1.0], rtol=RTOL)


def test_each_row_of_a_batch_is_independent() -> None:
    batch = np.array([[1.0, 2.0, 3.0], [1000.0, 0.0, -1000.0]])
    for row in range(2):
        assert_array_equal(softmax(batch)[row], softmax(batch[row]))
        assert_array_equal(log_softmax(batch)[row], log_softmax(batch[row]))


# --- stability: a valid input never yields NaN -------------------------------


def test_softmax_of_a_huge_logit_is_exactly_one_hot() -> None:
    assert_array_equal(softmax([1000.0, 0.0]), [1.0, 0.0])


def test_log_softmax_of_a_huge_logit_keeps_the_small_log_probability() -> None:
    assert_array_equal(log_softmax([1000.0, 0.0]), [0.0, -1000.0])


def test_logsumexp_of_huge_equal_logits() -> None:
    assert logsumexp([1000.0, 1000.0]) == 1000.0 + LN2


def test_logsumexp_across_the_whole_float_range() -> None:
    assert logsumexp([-1.7e308, 1.7e308]) == 1.7e308
    assert logsumexp([-1e308, -1e308]) == pytest.approx(-1e308, rel=RTOL)


def test_log_softmax_keeps_precision_where_softmax_is_tiny() -> None:
    # log(softmax) would give log(1 − 1e-40) = 0 exactly for the top class and
    # −inf below exp(−745); the stable form keeps both.
    out = log_softmax([0.0, -92.1034037197618, -800.0])
    assert out[0] == pytest.approx(-1e-40, rel=1e-9)
    assert out[2] == pytest.approx(-800.0, rel=RTOL)


def test_tiny_temperature_gives_the_one_hot_limit() -> None:
    assert_array_equal(softmax([0.3, 2.0, -1.0], temperature=1e-300), [0, 1, 0])
    # The probabilities underflow to 0 but their logs stay finite: (z − max)/T.
    assert_allclose(
        log_softmax([0.3, 2.0, -1.0], temperature=1e-300),
        [-1.7e300, 0.0, -3e300],
        rtol=RTOL,
    )
    # Beyond the float range they become −inf, never NaN.
    assert_array_equal(log_softmax([-1e10, 1e10], temperature=1e-300), [-np.inf, 0.0])


def test_tiny_temperature_shares_tied_maxima_equally() -> None:
    assert_array_equal(
        softmax([2.0, -1.0, 2.0, 2.0], temperature=1e-300), [1 / 3, 0, 1 / 3, 1 / 3]
    )
    assert_allclose(
        log_softmax([2.0, 2.0, -1.0], temperature=1e-300),
        [-LN2, -LN2, -3e300],
        rtol=RTOL,
    )


def test_huge_temperature_gives_the_uniform_limit() -> None:
    assert_allclose(softmax([5.0, -3.0, 100.0, 0.0], temperature=1e300), [0.25] * 4)


def test_small_temperature_sharpens_and_large_flattens() -> None:
    z = [2.0, 1.0, 0.1]
    assert softmax(z, 0.5)[0] > softmax(z)[0] > softmax(z, 2.0)[0] > 1 / 3


def test_minus_infinity_is_a_probability_of_exactly_zero() -> None:
    z = [1.0, -np.inf, 1.0]
    assert_array_equal(softmax(z), [0.5, 0.0, 0.5])
    assert_allclose(log_softmax(z), [-LN2, -np.inf, -LN2], rtol=RTOL)
    assert logsumexp(z) == pytest.approx(1.0 + LN2, rel=RTOL)


def test_extreme_logits_give_no_nan() -> None:
    z = [1.7e308, -1.7e308, 0.0, -np.inf]
    assert_array_equal(softmax(z), [1.0, 0.0, 0.0, 0.0])
    assert_array_equal(log_softmax(z), [0.0, -np.inf, -1.7e308, -np.inf])


# --- rejected inputs ---------------------------------------------------------

BAD_LOGITS = [
    pytest.param([0.0, np.nan], r"^z\[1\] is NaN", id="nan"),
    pytest.param([[0.0, 1.0], [2.0, np.nan]], r"^z\[1, 1\] is NaN", id="nan-batch"),
    pytest.param([np.inf, 0.0], r"^z\[0\] is \+inf", id="plus-inf"),
    pytest.param([[0.0, 0.0, np.inf]], r"^z\[0, 2\] is \+inf", id="plus-inf-batch"),
    pytest.param([-np.inf, -np.inf], r"^z is all -inf", id="all-minus-inf"),
    pytest.param(
        [[0.0, 1.0], [-np.inf, -np.inf]], r"^z\[1\] is all -inf", id="row-minus-inf"
    ),
    pytest.param([], r"^z is empty", id="empty"),
    pytest.param(np.zeros((2, 0)), r"^z is empty", id="empty-rows"),
    pytest.param(1.0, r"^z must have shape \(K,\) or \(N, K\), got \(\)", id="0-D"),
    pytest.param(
        np.zeros((2, 2, 2)),
        r"^z must have shape \(K,\) or \(N, K\), got \(2, 2, 2\)",
        id="3-D",
    ),
    pytest.param(["a", "b"], r"^z must be numbers", id="strings"),
]


@pytest.mark.parametrize(("z", "message"), BAD_LOGITS)
@pytest.mark.parametrize("function", [softmax, log_softmax, logsumexp])
def test_invalid_logits_are_rejected_by_name(function, z, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        function(z)


@pytest.mark.parametrize(
    ("temperature", "message"),
    [
        (0.0, r"^temperature must be finite and > 0, got 0\.0"),
        (-1.0, r"^temperature must be finite and > 0, got -1\.0"),
        (math.nan, r"^temperature must be finite and > 0, got nan"),
        (math.inf, r"^temperature must be finite and > 0, got inf"),
        ("hot", r"^temperature must be a number, got 'hot'"),
        (None, r"^temperature must be a number, got None"),
    ],
)
@pytest.mark.parametrize("function", [softmax, log_softmax])
def test_invalid_temperatures_are_rejected(function, temperature, message) -> None:
    with pytest.raises(ValueError, match=message):
        function([1.0, 2.0], temperature)


# --- properties --------------------------------------------------------------

PROPERTY_SETTINGS = settings(max_examples=300, deadline=None)
MODERATE = st.floats(min_value=-50.0, max_value=50.0)
ANY_FINITE = st.floats(min_value=-1e300, max_value=1e300)
LOGITS = st.lists(MODERATE, min_size=1, max_size=10).map(np.array)
WILD_LOGITS = st.lists(
    st.one_of(ANY_FINITE, st.just(-np.inf)), min_size=1, max_size=10
).filter(lambda z: not np.all(np.isneginf(z)))
TEMPERATURE = st.floats(min_value=1e-300, max_value=1e300)


@PROPERTY_SETTINGS
@given(LOGITS, st.floats(min_value=-1e3, max_value=1e3))
def test_adding_a_constant_changes_nothing(z: np.ndarray, c: float) -> None:
    assert_allclose(softmax(z + c), softmax(z), rtol=1e-9, atol=1e-15)
    assert_allclose(log_softmax(z + c), log_softmax(z), rtol=1e-9, atol=1e-9)
    assert logsumexp(z + c) == pytest.approx(logsumexp(z) + c, rel=1e-12, abs=1e-9)


@PROPERTY_SETTINGS
@given(WILD_LOGITS, TEMPERATURE)
def test_any_valid_input_gives_a_distribution_without_nan(
    z: list[float], temperature: float
) -> None:
    q = softmax(z, temperature)
    log_q = log_softmax(z, temperature)
    assert not np.isnan(q).any()
    assert not np.isnan(log_q).any()
    assert np.all((q >= 0) & (q <= 1))
    assert np.all(log_q <= 0)
    assert q.sum() == pytest.approx(1.0, rel=1e-12)
    assert_array_equal(q[np.isneginf(z)], 0.0)


@PROPERTY_SETTINGS
@given(LOGITS, st.floats(min_value=0.05, max_value=20.0))
def test_log_softmax_is_the_log_of_softmax(z: np.ndarray, temperature: float) -> None:
    # atol: subnormal probabilities carry fewer significant digits.
    assert_allclose(
        np.exp(log_softmax(z, temperature)),
        softmax(z, temperature),
        rtol=1e-12,
        atol=1e-300,
    )
    assert_allclose(
        log_softmax(z, temperature),
        z / temperature - scipy_logsumexp(z / temperature),
        rtol=1e-9,
        atol=1e-12,
    )


@PROPERTY_SETTINGS
@given(LOGITS)
def test_logsumexp_matches_scipy_on_random_logits(z: np.ndarray) -> None:
    assert logsumexp(z) == pytest.approx(scipy_logsumexp(z), rel=1e-12, abs=1e-14)


@PROPERTY_SETTINGS
@given(st.lists(MODERATE, min_size=2, max_size=6), st.integers(1, 4))
def test_a_batch_is_row_by_row(row: list[float], n: int) -> None:
    batch = np.array([np.roll(row, shift) for shift in range(n)])
    for i in range(n):
        assert_array_equal(softmax(batch)[i], softmax(batch[i]))
        assert_array_equal(log_softmax(batch)[i], log_softmax(batch[i]))
        assert logsumexp(batch)[i] == logsumexp(batch[i])
