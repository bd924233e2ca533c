# ruff: noqa: E501
# (the reference rows below keep one sample per line)
"""Cross-entropy and binary losses with their gradients (core.losses).

The multi-class references were computed with torch 2.13 in float64
(``torch.nn.CrossEntropyLoss``) and are hard-coded so the tests need no torch.
"""

import math
from decimal import Decimal, getcontext

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal
from scipy.special import expit
from scipy.special import log_softmax as scipy_log_softmax
from scipy.special import logsumexp as scipy_logsumexp
from scipy.special import softmax as scipy_softmax

from core import (
    bce_with_logits,
    bce_with_logits_grad,
    cross_entropy_grad,
    cross_entropy_loss,
    mse_sigmoid,
    mse_sigmoid_grad,
    sigmoid,
    smoothed_targets,
)

RTOL = 1e-12

# torch.manual_seed(100); torch.rand(4, 5)
X = np.array(
    [
        [0.1116642951965332, 0.8158431053161621, 0.26256197690963745, 0.48387759923934937, 0.676503598690033],
        [0.7539109587669373, 0.26269054412841797, 0.042839646339416504, 0.2080286741256714, 0.11803746223449707],
        [0.12169468402862549, 0.7355988621711731, 0.7117654085159302, 0.7875806093215942, 0.41830527782440186],
        [0.9014149904251099, 0.9968863129615784, 0.7565145492553711, 0.2238936424255371, 0.3023461699485779],
    ]
)  # fmt: skip
LABELS = [4, 3, 3, 2]
SOFT = scipy_softmax(np.arange(20.0).reshape(4, 5) / 7, axis=1)

TORCH_NONE = [1.435987859550945, 1.7127138695853732, 1.4064368520365431, 1.5367997856527582]  # fmt: skip
TORCH_SMOOTHED = {
    0.1: [1.456629207912914, 1.7058065912860414, 1.429696016131468, 1.5488301272779719],
    0.3: [1.4979119046368519, 1.6919920346873782, 1.4762143443213178, 1.572890810528399],
    1.0: [1.642401343170635, 1.6436410865920565, 1.6390284929857923, 1.6571032019048944],
}  # fmt: skip
TORCH_SOFT = {
    0.0: [1.6201715774571679, 1.6788760649938954, 1.6244957449936084, 1.7134768038425425],
    0.2: [1.6246175305998616, 1.6718290693135276, 1.6274022945920454, 1.7022020834550131],
}  # fmt: skip
# d(mean loss)/d logits with label_smoothing=0.1
TORCH_GRAD_SMOOTHED = np.array(
    [
        [0.02880584629426494, 0.0633616889701955, 0.03431206371505751, 0.04405033711441397, -0.1705299360939319],
        [0.07283796801646646, 0.042627432977303543, 0.03322760965919867, -0.18490609702808936, 0.03621308637512071],
        [0.02647325509332688, 0.05315095597702987, 0.051781403276852864, -0.16874631163439796, 0.037340697287188335],
        [0.05715066845310355, 0.06337675282745842, -0.17623293353654698, 0.026564725813714312, 0.029140786442270732],
    ]
)  # fmt: skip

BCE_Z = np.array([-1e4, -8.0, -1.0, 0.0, 2.5, 37.0, 1e4])
TORCH_BCE = {
    0.0: [0.0, 0.0003354063728959744, 0.3132616875182228, 0.6931471805599453, 2.5788897342925496, 37.0, 10000.0],
    1.0: [10000.0, 8.000335406372896, 1.3132616875182228, 0.6931471805599453, 0.07888973429254963, 8.533047625744066e-17, 0.0],
    0.3: [3000.0, 2.4003354063728963, 0.6132616875182229, 0.6931471805599453, 1.8288897342925496, 25.9, 7000.0],
}  # fmt: skip


# --- cross-entropy: PyTorch reference values ---------------------------------


def test_mean_loss_matches_torch() -> None:
    assert cross_entropy_loss(X, LABELS) == pytest.approx(1.5229845917064049, rel=RTOL)


def test_sum_loss_matches_torch() -> None:
    assert cross_entropy_loss(X, LABELS, reduction="sum") == pytest.approx(
        6.0919383668256195, rel=RTOL
    )


def test_per_sample_losses_match_torch_and_teaching() -> None:
    losses = cross_entropy_loss(X, LABELS, reduction="none")
    assert_allclose(losses, TORCH_NONE, rtol=RTOL)
    assert_allclose(losses, [1.4360, 1.7127, 1.4064, 1.5368], atol=5e-5)


@pytest.mark.parametrize("eps", sorted(TORCH_SMOOTHED))
def test_label_smoothing_matches_torch(eps: float) -> None:
    losses = cross_entropy_loss(X, LABELS, label_smoothing=eps, reduction="none")
    assert_allclose(losses, TORCH_SMOOTHED[eps], rtol=RTOL)


@pytest.mark.parametrize("eps", sorted(TORCH_SOFT))
def test_soft_targets_match_torch(eps: float) -> None:
    losses = cross_entropy_loss(X, SOFT, label_smoothing=eps, reduction="none")
    assert_allclose(losses, TORCH_SOFT[eps], rtol=RTOL)


def test_gradient_with_label_smoothing_matches_torch() -> None:
    grad = cross_entropy_grad(X, LABELS, label_smoothing=0.1)
    assert_allclose(grad, TORCH_GRAD_SMOOTHED, rtol=1e-12, atol=1e-16)


# --- cross-entropy: definitions and conventions ------------------------------


@pytest.mark.parametrize("temperature", [1.0, 0.25, 4.0])
@pytest.mark.parametrize("label", [0, 2, 4])
def test_single_sample_loss_is_minus_logit_plus_logsumexp(
    label: int, temperature: float
) -> None:
    z = X[2]
    expected = -z[label] / temperature + scipy_logsumexp(z / temperature)
    assert cross_entropy_loss(z, label, temperature=temperature) == pytest.approx(
        expected, rel=RTOL
    )


def test_reductions_are_mean_sum_and_per_sample() -> None:
    per_sample = cross_entropy_loss(X, LABELS, reduction="none")
    assert per_sample.shape == (4,)
    assert cross_entropy_loss(X, LABELS, reduction="mean") == pytest.approx(
        per_sample.mean(), rel=RTOL
    )
    assert cross_entropy_loss(X, LABELS, reduction="sum") == pytest.approx(
        per_sample.sum(), rel=RTOL
    )


def test_a_single_sample_gives_a_float_for_every_reduction() -> None:
    for reduction in ("mean", "sum", "none"):
        value = cross_entropy_loss(X[0], 4, reduction=reduction)
        assert type(value) is float
        assert value == pytest.approx(TORCH_NONE[0], rel=RTOL)


def test_one_hot_soft_targets_equal_class_labels() -> None:
    one_hot = np.eye(5)[LABELS]
    assert_allclose(
        cross_entropy_loss(X, one_hot, reduction="none"), TORCH_NONE, rtol=RTOL
    )


@pytest.mark.parametrize("eps", [0.0, 0.1, 0.5, 1.0])
def test_smoothed_targets_are_one_minus_eps_times_y_plus_eps_over_k(
    eps: float,
) -> None:
    expected = (1 - eps) * np.eye(5)[LABELS] + eps / 5
    assert_allclose(smoothed_targets(X, LABELS, eps), expected, rtol=RTOL)
    assert_allclose(smoothed_targets(X[0], 4, eps), expected[:1], rtol=RTOL)
    assert_allclose(
        smoothed_targets(X, SOFT, eps), (1 - eps) * SOFT + eps / 5, rtol=RTOL
    )


def test_full_smoothing_ignores_the_label() -> None:
    losses = [
        cross_entropy_loss(X[1], label, label_smoothing=1.0) for label in range(5)
    ]
    assert_allclose(losses, -np.mean(scipy_log_softmax(X[1])), rtol=RTOL)


def test_extreme_logits_give_the_exact_loss() -> None:
    assert cross_entropy_loss([1000.0, -1000.0], 1) == 2000.0
    assert cross_entropy_loss([1000.0, -1000.0], 1, label_smoothing=0.1) == (
        pytest.approx(1900.0, rel=RTOL)
    )
    perfect = cross_entropy_loss([1000.0, -1000.0], 0)
    assert perfect == 0.0
    assert not math.copysign(1.0, perfect) < 0, "shown as -0"


def test_a_target_class_of_probability_zero_costs_infinity_not_nan() -> None:
    z = [0.0, -np.inf, 1.0]
    assert cross_entropy_loss(z, 1) == math.inf
    assert cross_entropy_loss(z, 2) == pytest.approx(
        -1.0 + np.logaddexp(0.0, 1.0), rel=RTOL
    )
    # Smoothing gives every class some mass, the impossible one included.
    assert cross_entropy_loss(z, 2, label_smoothing=0.1) == math.inf
    assert_array_equal(
        cross_entropy_loss([[0.0, -np.inf], [0.0, 0.0]], [1, 1], reduction="none"),
        [math.inf, math.log(2.0)],
    )


def test_tiny_temperature_gives_the_hard_limit() -> None:
    assert cross_entropy_loss([1.0, 2.0], 1, temperature=1e-300) == 0.0
    assert cross_entropy_loss([2.0, 2.0], 1, temperature=1e-300) == pytest.approx(
        math.log(2.0), rel=RTOL
    )
    # −log q for a gap of 1 at T = 1e-300 is 1e300: huge, but not NaN.
    assert cross_entropy_loss([1.0, 2.0], 0, temperature=1e-300) == pytest.approx(
        1e300, rel=RTOL
    )


# --- cross-entropy gradient --------------------------------------------------


@pytest.mark.parametrize("temperature", [1.0, 0.5, 3.0])
@pytest.mark.parametrize("eps", [0.0, 0.2])
def test_single_sample_gradient_is_softmax_minus_target_over_t(
    eps: float, temperature: float
) -> None:
    z = X[3]
    y = (1 - eps) * np.eye(5)[2] + eps / 5
    expected = (scipy_softmax(z / temperature) - y) / temperature
    grad = cross_entropy_grad(z, 2, label_smoothing=eps, temperature=temperature)
    assert grad.shape == (5,)
    assert_allclose(grad, expected, rtol=RTOL, atol=1e-16)


def test_batch_gradient_is_divided_by_n() -> None:
    grad = cross_entropy_grad(X, LABELS, temperature=2.0)
    for row, label in enumerate(LABELS):
        single = cross_entropy_grad(X[row], label, temperature=2.0)
        assert_allclose(grad[row], single / 4, rtol=RTOL)


def test_gradient_rows_sum_to_zero_and_push_the_true_class_up() -> None:
    grad = cross_entropy_grad(X, LABELS, label_smoothing=0.1)
    assert_allclose(grad.sum(axis=1), 0.0, atol=1e-16)
    assert np.all(grad[np.arange(4), LABELS] < 0)


def test_gradient_with_soft_targets() -> None:
    expected = (scipy_softmax(X, axis=1) - SOFT) / 4
    assert_allclose(cross_entropy_grad(X, SOFT), expected, rtol=RTOL, atol=1e-16)


def test_gradient_at_extreme_logits_is_finite() -> None:
    assert_array_equal(cross_entropy_grad([1000.0, -1000.0], 1), [1.0, -1.0])
    assert_array_equal(cross_entropy_grad([0.0, -np.inf], 0), [0.0, 0.0])


def test_the_true_class_gradient_of_a_confident_answer_is_not_zero() -> None:
    # q₀ = 1/(1 + e⁻⁴⁰) rounds to 1, so q₀ − 1 gave 0 and the row summed to
    # 4.25e-18; the true gradient is −q₁ (mpmath: 4.2483542552915890e-18).
    q_1 = 4.248354255291589e-18
    grad = cross_entropy_grad([40.0, 0.0], 0)
    assert grad[0] == pytest.approx(-q_1, rel=1e-15, abs=0)
    assert grad[1] == pytest.approx(q_1, rel=1e-15, abs=0)
    assert grad.sum() == 0.0
    batch = cross_entropy_grad([[40.0, 0.0], [0.0, 40.0]], [0, 1])
    assert_allclose(batch, [[-q_1 / 2, q_1 / 2], [q_1 / 2, -q_1 / 2]], rtol=1e-15)
    # With smoothing, q₀ − y = (1 − y) − (1 − q₀) and 1 − y = ε/2: the
    # rounded target 1 − ε/2 holds only 8 of ε's digits (1 − y₀ was 8e-8 off).
    smoothed = cross_entropy_grad([40.0, 0.0], 0, label_smoothing=1e-10)
    assert smoothed[0] == pytest.approx(0.5e-10 - q_1, rel=1e-15, abs=0)


def _central_difference(function, z: np.ndarray, h: float) -> np.ndarray:
    grad = np.zeros_like(z)
    for index in np.ndindex(z.shape):
        step = np.zeros_like(z)
        step[index] = h
        grad[index] = (function(z + step) - function(z - step)) / (2 * h)
    return grad


PROPERTY_SETTINGS = settings(max_examples=150, deadline=None)


@st.composite
def classification_problems(draw):
    n = draw(st.integers(min_value=1, max_value=3))
    k = draw(st.integers(min_value=2, max_value=5))
    logits = np.array(
        draw(
            st.lists(
                st.floats(min_value=-8.0, max_value=8.0),
                min_size=n * k,
                max_size=n * k,
            )
        )
    ).reshape(n, k)
    labels = draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n))
    return logits, labels


@PROPERTY_SETTINGS
@given(
    classification_problems(),
    st.sampled_from([0.0, 0.1, 0.5, 1.0]),
    st.floats(min_value=0.3, max_value=5.0),
    st.booleans(),
)
def test_cross_entropy_gradient_equals_a_central_difference(
    problem, eps: float, temperature: float, single: bool
) -> None:
    logits, labels = problem
    if single:  # a (K,) sample with one label
        logits, labels = logits[0], labels[0]

    def loss(z: np.ndarray) -> float:
        return cross_entropy_loss(
            z, labels, label_smoothing=eps, temperature=temperature
        )

    numeric = _central_difference(loss, logits, h=1e-5)
    analytic = cross_entropy_grad(
        logits, labels, label_smoothing=eps, temperature=temperature
    )
    assert analytic.shape == logits.shape
    assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-8)


@PROPERTY_SETTINGS
@given(classification_problems(), st.floats(min_value=0.3, max_value=5.0))
def test_soft_target_gradient_equals_a_central_difference(problem, temperature):
    logits, _ = problem
    target = scipy_softmax(logits[::-1] * 0.7, axis=1)

    def loss(z: np.ndarray) -> float:
        return cross_entropy_loss(z, target, temperature=temperature)

    numeric = _central_difference(loss, logits, h=1e-5)
    analytic = cross_entropy_grad(logits, target, temperature=temperature)
    assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-8)


# --- binary losses -----------------------------------------------------------


@pytest.mark.parametrize("y", sorted(TORCH_BCE))
def test_bce_with_logits_matches_torch(y: float) -> None:
    # torch's value at z = -8, y = 0 is 6e-13 off in relative terms (see the
    # exact test below), so rtol is 1e-12 rather than tighter.
    assert_allclose(bce_with_logits(BCE_Z, y), TORCH_BCE[y], rtol=1e-12, atol=1e-300)


def test_bce_with_logits_is_exact_where_the_loss_is_log1p_of_a_tiny_number() -> None:
    getcontext().prec = 40
    exact = float((1 + Decimal(-8).exp()).ln())
    assert bce_with_logits(-8.0, 0.0) == pytest.approx(exact, rel=1e-15)


@pytest.mark.parametrize("z", [-1e4, -745.0, -40.0, -1.0, 0.0, 3.0, 40.0, 1e4])
def test_sigmoid_matches_scipy_expit(z: float) -> None:
    assert sigmoid(z) == pytest.approx(expit(z), rel=RTOL, abs=1e-300)


@pytest.mark.parametrize("y", [0.0, 0.3, 1.0])
def test_bce_gradient_is_sigmoid_minus_y(y: float) -> None:
    z = np.array([-1e4, -40.0, -8.0, -1.0, 0.0, 2.5, 40.0, 1e4])
    expected = expit(z) - y
    assert_allclose(bce_with_logits_grad(z, y), expected, rtol=1e-12, atol=1e-16)


def test_bce_keeps_the_digits_of_a_label_near_one() -> None:
    # max(z, 0) − y·z rounded to a multiple of ulp(513) = 1.1e-13; the loss
    # is (1 − y)·z = 513·2⁻⁵³ (+ e⁻⁵¹³), by mpmath 5.695444116327053e-14.
    expected = 5.695444116327053e-14
    assert bce_with_logits(513.0, 1 - 2.0**-53) == pytest.approx(
        expected, rel=1e-15, abs=0
    )
    assert bce_with_logits(-513.0, 2.0**-53) == pytest.approx(
        expected, rel=1e-15, abs=0
    )


@pytest.mark.parametrize(
    ("z", "residual"), [(1e-20, 2.5e-21), (1e-15, 2.5e-16), (3e-16, 7.5e-17)]
)
def test_the_residual_near_its_root_at_zero_keeps_its_digits(z, residual) -> None:
    # σ(z) − ½ = ½·tanh(z/2): σ(1e-20) rounds to ½ and the gradient was 0;
    # the squared error was 3× off near 3e-16. References from mpmath.
    assert bce_with_logits_grad(z, 0.5) == pytest.approx(residual, rel=1e-15, abs=0)
    assert bce_with_logits_grad(-z, 0.5) == pytest.approx(-residual, rel=1e-15, abs=0)
    assert mse_sigmoid(z, 0.5) == pytest.approx(residual**2, rel=4e-15, abs=0)
    assert mse_sigmoid_grad(z, 0.5) == pytest.approx(
        2 * residual * 0.25, rel=4e-15, abs=0
    )


def test_bce_gradient_keeps_the_tiny_residual_of_a_confident_right_answer() -> None:
    # 1 − σ(40) rounds to 0; written as −σ(−40) it keeps its digits.
    assert bce_with_logits_grad(40.0, 1.0) == pytest.approx(-expit(-40.0), rel=RTOL)
    assert bce_with_logits_grad(-40.0, 0.0) == pytest.approx(expit(-40.0), rel=RTOL)


@pytest.mark.parametrize("y", [0.0, 0.3, 1.0])
def test_mse_sigmoid_and_its_gradient_match_the_formulas(y: float) -> None:
    z = np.array([-1e4, -30.0, -2.0, 0.0, 0.7, 30.0, 1e4])
    # σ(z) − y and σ(z)(1 − σ(z)) from expit without cancelling 1 − σ(30):
    # 1 − σ(z) = σ(−z).
    residual = (1 - y) * expit(z) - y * expit(-z)
    slope = expit(z) * expit(-z)
    assert_allclose(mse_sigmoid(z, y), residual**2, rtol=1e-12, atol=1e-300)
    assert_allclose(mse_sigmoid_grad(z, y), 2 * residual * slope, rtol=1e-12)
    # Where nothing cancels, the formula as written agrees too.
    moderate = np.array([-2.0, 0.0, 0.7])
    s = expit(moderate)
    naive = 2 * (s - y) * s * (1 - s)
    assert_allclose(mse_sigmoid_grad(moderate, y), naive, rtol=1e-12)


def test_squared_error_barely_learns_when_confidently_wrong() -> None:
    # Claim 14 of docs/teaching.md: the σ′ factor vanishes for MSE, cross-entropy keeps ≈ −1.
    assert bce_with_logits_grad(-30.0, 1.0) == pytest.approx(-1.0, rel=1e-12)
    assert abs(mse_sigmoid_grad(-30.0, 1.0)) < 1e-12


@pytest.mark.parametrize(
    "function", [bce_with_logits, bce_with_logits_grad, mse_sigmoid, mse_sigmoid_grad]
)
def test_binary_functions_stay_finite_up_to_huge_logits(function) -> None:
    z = np.array([-1e4, -1e300, 1e300, 1e4])
    for y in (0.0, 0.5, 1.0):
        assert np.all(np.isfinite(function(z, y)))


@pytest.mark.parametrize(
    "function", [bce_with_logits, bce_with_logits_grad, mse_sigmoid, mse_sigmoid_grad]
)
def test_binary_functions_take_scalars_or_equal_shapes(function) -> None:
    z = np.array([-2.0, 0.5, 3.0])
    y = np.array([1.0, 0.0, 0.25])
    assert type(function(0.5, 1.0)) is float
    per_pair = function(z, y)
    assert per_pair.shape == (3,)
    assert_array_equal(per_pair, [function(a, b) for a, b in zip(z, y, strict=True)])
    assert_array_equal(function(z, 1.0), function(z, np.ones(3)))


BINARY_SETTINGS = settings(max_examples=300, deadline=None)
BINARY_Z = st.floats(min_value=-30.0, max_value=30.0)
BINARY_Y = st.floats(min_value=0.0, max_value=1.0)


@BINARY_SETTINGS
@given(BINARY_Z, BINARY_Y)
def test_bce_gradient_equals_a_central_difference(z: float, y: float) -> None:
    h = 1e-5
    numeric = (bce_with_logits(z + h, y) - bce_with_logits(z - h, y)) / (2 * h)
    assert bce_with_logits_grad(z, y) == pytest.approx(numeric, rel=1e-6, abs=1e-8)


@BINARY_SETTINGS
@given(BINARY_Z, BINARY_Y)
def test_mse_gradient_equals_a_central_difference(z: float, y: float) -> None:
    h = 1e-5
    numeric = (mse_sigmoid(z + h, y) - mse_sigmoid(z - h, y)) / (2 * h)
    assert mse_sigmoid_grad(z, y) == pytest.approx(numeric, rel=1e-6, abs=1e-9)


@BINARY_SETTINGS
@given(st.floats(min_value=-1e4, max_value=1e4), BINARY_Y)
def test_bce_is_non_negative_and_minimal_where_sigmoid_equals_y(z, y) -> None:
    loss = bce_with_logits(z, y)
    assert loss >= 0.0
    # The BCE of σ(z) against y is at least the entropy of y (0·log 0 = 0).
    entropy_y = -sum(v * math.log(v) for v in (y, 1 - y) if v > 0)
    assert loss >= entropy_y - 1e-12 * max(1.0, abs(z))


# --- rejected inputs ---------------------------------------------------------

BAD_TARGETS = [
    pytest.param(X[0], 5, r"^target 5 is out of range \[0, 5\)", id="too-big"),
    pytest.param(X[0], -1, r"^target -1 is out of range \[0, 5\)", id="negative"),
    pytest.param(X, [4, 3, 7, 2], r"^target\[2\] 7 is out of range", id="batch"),
    pytest.param(X[0], 1.0, r"^target must be an integer class, got 1\.0", id="float"),
    pytest.param(X[0], True, r"^target must be an integer class, got True", id="bool"),
    pytest.param(
        X[0], np.bool_(False), r"^target must be an integer class, got", id="np-bool"
    ),
    pytest.param(
        X, [4, 3.0, 3, 2], r"^target\[1\] must be an integer class, got 3\.0", id="fl"
    ),
    pytest.param(
        X, [4, 3, True, 2], r"^target\[2\] must be an integer class, got True", id="b"
    ),
    pytest.param(
        X,
        np.array([4.0, 3.0, 3.0, 2.0]),
        r"^target\[0\] must be an integer class, got 4\.0",
        id="float-array",
    ),
    pytest.param(X[0], "2", r"^target must be an integer class, got '2'", id="str"),
    pytest.param(
        X, [4, 3, 3], r"^target must hold 4 class label\(s\), got shape \(3,\)", id="n"
    ),
    pytest.param(
        X,
        np.full((4, 4), 0.25),
        r"^target must hold 4 class label\(s\), got shape \(4, 4\)",
        id="soft-shape",
    ),
    pytest.param(
        X[0], [0.5, -0.1, 0.2, 0.2, 0.2], r"^target\[1\] is negative", id="soft-neg"
    ),
    pytest.param(
        X[0], [0.5, 0.1, 0.2, 0.2, 0.2], r"^target sums to 1\.2", id="soft-sum"
    ),
    pytest.param(
        X,
        np.where(np.arange(5) == 2, -0.1, SOFT),
        r"^target\[0, 2\] is negative",
        id="soft-neg-batch",
    ),
    pytest.param(
        X, SOFT * [[1], [1], [0.5], [1]], r"^target\[2\] sums to 0\.5", id="soft-row"
    ),
    pytest.param(
        X[0], [0.5, np.nan, 0.2, 0.2, 0.1], r"^target\[1\] is NaN", id="soft-nan"
    ),
    pytest.param(
        X[0], [np.inf, 0, 0, 0, 0], r"^target\[0\] is infinite", id="soft-inf"
    ),
    # Labels for every class of one sample were read as soft targets and
    # refused because they "sum to 10".
    pytest.param(
        X[0],
        [0, 1, 2, 3, 4],
        r"^target holds 5 integers for 1 sample\(s\) of 5 classes: give one class "
        r"label per sample \(1 in all\)",
        id="labels-for-one-sample",
    ),
    pytest.param(
        X,
        np.ones((4, 5), dtype=int),
        r"^target holds 20 integers for 4 sample",
        id="integer-rows",
    ),
    pytest.param(
        X[0],
        np.array([0.5, 0.5j, 0, 0, 0]),
        r"^target must be real numbers",
        id="soft-complex",
    ),
]


@pytest.mark.parametrize(("logits", "target", "message"), BAD_TARGETS)
@pytest.mark.parametrize("function", [cross_entropy_loss, cross_entropy_grad])
def test_invalid_targets_are_rejected_by_name(function, logits, target, message):
    with pytest.raises(ValueError, match=message):
        function(logits, target)


BAD_LOGITS = [
    pytest.param([0.0, np.nan], r"^logits\[1\] is NaN", id="nan"),
    pytest.param([[0.0, 1.0], [np.nan, 0.0]], r"^logits\[1, 0\] is NaN", id="nan-2d"),
    pytest.param([np.inf, 0.0], r"^logits\[0\] is \+inf", id="plus-inf"),
    pytest.param([-np.inf, -np.inf], r"^logits is all -inf", id="all-minus-inf"),
    pytest.param(
        [[0.0, 0.0], [-np.inf, -np.inf]], r"^logits\[1\] is all -inf", id="row"
    ),
    pytest.param([], r"^logits is empty", id="empty"),
    pytest.param(np.zeros((1, 1, 2)), r"^logits must have shape", id="3-D"),
    pytest.param(["a", "b"], r"^logits must be numbers", id="strings"),
    pytest.param([1j, 0.0], r"^logits must be real numbers, got complex", id="complex"),
    pytest.param([10**400, 0], r"^logits\[0\] is an integer too large", id="huge-int"),
]


@pytest.mark.parametrize(("logits", "message"), BAD_LOGITS)
@pytest.mark.parametrize("function", [cross_entropy_loss, cross_entropy_grad])
def test_invalid_logits_are_rejected_by_name(function, logits, message: str) -> None:
    target = [0, 0] if np.ndim(logits) == 2 else 0
    with pytest.raises(ValueError, match=message):
        function(logits, target)


@pytest.mark.parametrize(
    ("eps", "message"),
    [
        (-0.1, r"^label_smoothing must lie in \[0, 1\], got -0\.1"),
        (1.5, r"^label_smoothing must lie in \[0, 1\], got 1\.5"),
        (math.nan, r"^label_smoothing must lie in \[0, 1\], got nan"),
        (math.inf, r"^label_smoothing must lie in \[0, 1\], got inf"),
        ("some", r"^label_smoothing must be a number, got 'some'"),
        pytest.param(
            10**400,
            r"^label_smoothing must be a finite number, got an integer too",
            id="huge",
        ),
        pytest.param(
            0.5j, r"^label_smoothing must be a real number, got 0\.5j", id="complex"
        ),
    ],
)
@pytest.mark.parametrize(
    "function", [cross_entropy_loss, cross_entropy_grad, smoothed_targets]
)
def test_label_smoothing_outside_0_1_is_rejected(function, eps, message) -> None:
    with pytest.raises(ValueError, match=message):
        function(X, LABELS, label_smoothing=eps)


@pytest.mark.parametrize(
    ("temperature", "message"),
    [
        (0.0, r"^temperature must be finite and > 0, got 0\.0"),
        (-2.0, r"^temperature must be finite and > 0, got -2\.0"),
        (math.nan, r"^temperature must be finite and > 0, got nan"),
        (math.inf, r"^temperature must be finite and > 0, got inf"),
        ("warm", r"^temperature must be a number, got 'warm'"),
        pytest.param(
            10**400,
            r"^temperature must be a finite number, got an integer too large",
            id="huge",
        ),
        pytest.param(
            np.complex128(1.0), r"^temperature must be a real number", id="complex"
        ),
    ],
)
@pytest.mark.parametrize("function", [cross_entropy_loss, cross_entropy_grad])
def test_invalid_temperature_is_rejected(function, temperature, message) -> None:
    with pytest.raises(ValueError, match=message):
        function(X, LABELS, temperature=temperature)


def test_float32_soft_targets_are_accepted_within_their_rounding() -> None:
    # Five float32 fifths sum to 1 + 1.5e-8: within K·ε of float32, not 1e-9.
    target = np.full(5, 0.2, dtype=np.float32)
    assert abs(float(np.sum(target.astype(np.float64))) - 1.0) > 1e-9
    assert math.isfinite(cross_entropy_loss(X[0], target))


def test_integer_one_hot_rows_are_still_soft_targets() -> None:
    one_hot = np.eye(5, dtype=int)[LABELS]
    assert_allclose(
        cross_entropy_loss(X, one_hot, reduction="none"), TORCH_NONE, rtol=RTOL
    )


def test_an_unknown_reduction_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"^reduction must be one of .*, got 'avg'"):
        cross_entropy_loss(X, LABELS, reduction="avg")


@pytest.mark.parametrize("logits", [1.0, np.zeros((2, 0)), np.zeros((1, 2, 3))])
def test_smoothed_targets_rejects_logits_of_the_wrong_shape(logits) -> None:
    with pytest.raises(ValueError, match=r"^logits must have shape \(K,\) or \(N, K\)"):
        smoothed_targets(logits, 0)


BINARY_FUNCTIONS = [
    bce_with_logits,
    bce_with_logits_grad,
    mse_sigmoid,
    mse_sigmoid_grad,
]


@pytest.mark.parametrize(
    ("z", "y", "message"),
    [
        pytest.param([0.0, np.nan], 1.0, r"^z\[1\] is NaN", id="z-nan"),
        pytest.param([np.inf, 0.0], 1.0, r"^z\[0\] is infinite", id="z-inf"),
        pytest.param(-np.inf, 1.0, r"^z\[\] is infinite", id="z-scalar-inf"),
        pytest.param(0.0, np.nan, r"^y\[\] is NaN", id="y-nan"),
        pytest.param([0.0, 1.0], [0.5, np.inf], r"^y\[1\] is infinite", id="y-inf"),
        pytest.param(
            [0.0, 1.0], [0.5, 1.5], r"^y\[1\] must lie in \[0, 1\], got 1\.5", id="y>1"
        ),
        pytest.param(0.0, -0.5, r"^y must lie in \[0, 1\], got -0\.5", id="y<0"),
        pytest.param(
            [0.0, 1.0], [0.5, 0.5, 0.5], r"^z and y differ in shape", id="shapes"
        ),
        pytest.param(0.0, [0.5, 0.5], r"^z and y differ in shape", id="scalar-z"),
        pytest.param(["a"], 1.0, r"^z must be numbers", id="z-strings"),
        pytest.param(0.0, "b", r"^y must be numbers", id="y-string"),
        pytest.param(1j, 1.0, r"^z must be real numbers", id="z-complex"),
        pytest.param(0.0, [0.5 + 0j], r"^y must be real numbers", id="y-complex"),
        pytest.param(10**400, 1.0, r"^z is an integer too large", id="z-huge"),
    ],
)
@pytest.mark.parametrize("function", BINARY_FUNCTIONS)
def test_invalid_binary_inputs_are_rejected_by_name(function, z, y, message) -> None:
    with pytest.raises(ValueError, match=message):
        function(z, y)


@pytest.mark.parametrize(
    ("z", "message"),
    [([0.0, np.nan], r"^z\[1\] is NaN"), (np.inf, r"^z\[\] is infinite")],
)
def test_sigmoid_rejects_non_finite_logits(z, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        sigmoid(z)


@pytest.mark.parametrize("y", [0.0, 1.0, 0.5, 0.9, 0.25])
@pytest.mark.parametrize("kind", ["cross_entropy", "squared_error"])
def test_the_scalar_step_kernel_matches_the_array_functions(kind, y):
    # The race's loop uses the scalar kernel; its numbers are the array
    # functions' to the rounding of exp (NumPy's SIMD exp and libm's differ
    # in the last bits), away from the root z = logit(y) where σ(z) − y is
    # ill-conditioned in z itself.
    from core.losses import binary_loss_and_gradient

    loss, gradient = {
        "cross_entropy": (bce_with_logits, bce_with_logits_grad),
        "squared_error": (mse_sigmoid, mse_sigmoid_grad),
    }[kind]
    z = np.concatenate([np.linspace(-60, 60, 2001), [0.0, 1e-20, -1e-20, 745.0]])
    if 0 < y < 1:
        z = z[np.abs(z - np.log(y / (1 - y))) > 0.05]
    pairs = [binary_loss_and_gradient(kind, float(value), y) for value in z]
    assert np.allclose([p[0] for p in pairs], loss(z, y), rtol=5e-14, atol=0)
    assert np.allclose([p[1] for p in pairs], gradient(z, y), rtol=5e-14, atol=0)
