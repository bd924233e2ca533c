"""Tests for core.training (gradient descent you can watch) and core.fitting."""

import dataclasses
import math
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import core.training as training
from core.fitting import (
    CONVERGENCE_TOLERANCE,
    DEFAULT_FIT_LR,
    SIGMA_MIN,
    default_kl_start,
    gaussian_model,
    halfway_mass,
    kl_fit_objective,
    kl_readouts,
    peak_masses,
    random_kl_start,
    retarget_kl_fit,
    run_kl_fit,
    run_kl_fit_to_convergence,
    start_kl_fit,
    step_kl_fit,
    two_peak_target,
)
from core.information import kl_divergence
from core.losses import (
    bce_with_logits,
    bce_with_logits_grad,
    cross_entropy_grad,
    cross_entropy_loss,
    mse_sigmoid,
    mse_sigmoid_grad,
)
from core.softmax import softmax
from core.training import (
    DEFAULT_LOGIT_LR,
    DEFAULT_SIGMOID_LR,
    logit_loss_and_gradient,
    pytorch_batch_example,
    run_logit_training,
    run_sigmoid_descent,
    sigmoid_loss_curves,
    start_logit_training,
    start_sigmoid_descent,
    step_logit_training,
    step_sigmoid_descent,
    steps_to_reach,
)

# Results of iterations: tests/test_portability.py runs these again with
# NumPy's AVX-512 paths off and with OpenBLAS's Haswell kernels.
pytestmark = pytest.mark.iterative

BAD_LRS = [0.0, -1.0, math.nan, math.inf, "fast", None, True]
BAD_COUNTS = [-1, 1.5, True, "3", None]
EXAMPLE_LOGITS = [2.0, 1.0, 0.1, -1.0, 0.5]


def central_difference(f, x, h):
    x = np.asarray(x, dtype=np.float64)
    grad = np.empty_like(x)
    for i in range(x.size):
        up, down = x.copy(), x.copy()
        up[i] += h
        down[i] -= h
        grad[i] = (f(up) - f(down)) / (2 * h)
    return grad


def assert_read_only(*arrays):
    for array in arrays:
        assert not array.flags.writeable
        with pytest.raises(ValueError, match="read-only"):
            array[...] = 0.0


# ---------------------------------------------------------------------------
# One sigmoid output: curves.


def test_curves_default_grid_and_values():
    curves = sigmoid_loss_curves()
    assert curves.z.shape == (401,)
    assert curves.z[0] == -10.0 and curves.z[-1] == 10.0
    assert curves.y == 1.0
    np.testing.assert_array_equal(
        curves.cross_entropy_loss, bce_with_logits(curves.z, 1)
    )
    np.testing.assert_array_equal(
        curves.cross_entropy_gradient, np.abs(bce_with_logits_grad(curves.z, 1))
    )
    np.testing.assert_array_equal(curves.squared_error_loss, mse_sigmoid(curves.z, 1))
    np.testing.assert_array_equal(
        curves.squared_error_gradient, np.abs(mse_sigmoid_grad(curves.z, 1))
    )
    assert_read_only(
        curves.z,
        curves.cross_entropy_loss,
        curves.cross_entropy_gradient,
        curves.squared_error_loss,
        curves.squared_error_gradient,
    )


def test_curves_show_the_vanishing_gradient():
    curves = sigmoid_loss_curves(1)
    # Every gradient is > 0, so both curves fit on a log axis.
    assert np.all(curves.cross_entropy_gradient > 0)
    assert np.all(curves.squared_error_gradient > 0)
    # Confidently wrong (z = -10, y = 1): cross-entropy's gradient is ~1,
    # squared error's ~1e-4.
    assert curves.cross_entropy_gradient[0] > 0.9999
    assert curves.squared_error_gradient[0] < 1e-4
    assert curves.squared_error_loss[0] < 1.0 < curves.cross_entropy_loss[0]
    # Cross-entropy's gradient is largest where the output is most wrong.
    assert np.argmax(curves.cross_entropy_gradient) == 0


def test_curves_for_label_zero_mirror_label_one():
    z = np.linspace(-7.0, 7.0, 29)
    one = sigmoid_loss_curves(1, z)
    zero = sigmoid_loss_curves(0, -z)
    np.testing.assert_allclose(zero.cross_entropy_loss, one.cross_entropy_loss)
    np.testing.assert_allclose(zero.squared_error_gradient, one.squared_error_gradient)


@pytest.mark.parametrize(
    ("y", "z", "match"),
    [
        (0.5, None, "y must be 0 or 1"),
        (2, None, "y must be 0 or 1"),
        (math.nan, None, "y must be finite"),
        ("one", None, "y must be a number"),
        (1, [0.0, math.nan], r"z\[1\] is NaN"),
        (1, [0.0, math.inf], r"z\[1\] is infinite"),
        (1, [[0.0, 1.0]], "z must be 1-D"),
        (1, [], "z is empty"),
    ],
)
def test_curves_reject_bad_input(y, z, match):
    with pytest.raises(ValueError, match=match):
        sigmoid_loss_curves(y, z)


# ---------------------------------------------------------------------------
# One sigmoid output: the race.


def test_required_cross_entropy_needs_under_a_tenth_of_the_steps():
    bce = steps_to_reach("cross_entropy", -8.0, 1, DEFAULT_SIGMOID_LR, 0.1)
    mse = steps_to_reach("squared_error", -8.0, 1, DEFAULT_SIGMOID_LR, 0.1)
    assert bce is not None and mse is not None
    assert bce < mse / 10
    # About 20 against about 1500 (the docstring's figures), as bands: the
    # counts come from an iteration, and the claim is the ratio.
    assert 15 <= bce <= 25 and 1300 <= mse <= 1700


@pytest.mark.parametrize("kind", ["cross_entropy", "squared_error"])
@pytest.mark.parametrize("lr", [1.0, 10.0])
def test_race_counts_are_far_from_a_rounding_tie(kind, lr):
    # The loss crosses 0.1 by at least 1% in the step that counts, so a
    # different CPU's last bits cannot move the count by a step.
    n = steps_to_reach(kind, -8.0, 1, lr)
    start = start_sigmoid_descent(kind, -8.0, 1, lr)
    assert run_sigmoid_descent(start, n - 1).loss > 0.1 * 1.01
    assert run_sigmoid_descent(start, n).loss < 0.1 * 0.99


@pytest.mark.parametrize("lr", [0.1, 0.5, 2.0, 5.0])
def test_cross_entropy_wins_tenfold_at_any_learning_rate(lr):
    bce = steps_to_reach("cross_entropy", -8.0, 1, lr)
    mse = steps_to_reach("squared_error", -8.0, 1, lr)
    assert bce is not None and mse is not None
    assert 10 * bce < mse


@pytest.mark.parametrize("kind", ["cross_entropy", "squared_error"])
def test_label_zero_is_the_mirror_image(kind):
    assert steps_to_reach(kind, 8.0, 0) == steps_to_reach(kind, -8.0, 1)


@pytest.mark.parametrize("kind", ["cross_entropy", "squared_error"])
def test_steps_to_reach_agrees_with_running_the_state(kind):
    n = steps_to_reach(kind)
    assert n is not None
    start = start_sigmoid_descent(kind)
    assert run_sigmoid_descent(start, n).loss < 0.1
    assert run_sigmoid_descent(start, n - 1).loss >= 0.1


def test_steps_to_reach_edge_cases():
    assert steps_to_reach("cross_entropy", 5.0, 1) == 0
    assert steps_to_reach("squared_error", -8.0, 1, max_steps=100) is None
    assert steps_to_reach("squared_error", -8.0, 1, max_steps=0) is None
    # Squared error never exceeds 1: below a threshold of 1.5 from the start.
    assert steps_to_reach("squared_error", -8.0, 1, threshold=1.5) == 0
    needed = steps_to_reach("squared_error", -8.0, 1)
    assert steps_to_reach("squared_error", -8.0, 1, max_steps=needed) == needed
    assert steps_to_reach("squared_error", -8.0, 1, max_steps=needed - 1) is None


def test_sigmoid_state_contents():
    state = start_sigmoid_descent("squared_error")
    assert (state.z, state.y, state.lr, state.step) == (
        -8.0,
        1.0,
        DEFAULT_SIGMOID_LR,
        0,
    )
    assert state.loss == mse_sigmoid(-8.0, 1)
    assert state.gradient == mse_sigmoid_grad(-8.0, 1)
    assert state.probability == pytest.approx(1 / (1 + math.exp(8.0)), rel=1e-15)
    np.testing.assert_array_equal(state.loss_history, [state.loss])
    assert state.history_start == 0
    assert_read_only(state.loss_history)
    with pytest.raises(dataclasses.FrozenInstanceError):
        state.z = 0.0  # type: ignore[misc]


def test_sigmoid_step_is_gradient_descent():
    start = start_sigmoid_descent("cross_entropy", -8.0, 1, 0.5)
    after = step_sigmoid_descent(start)
    assert after.z == -8.0 - 0.5 * bce_with_logits_grad(-8.0, 1)
    assert after.step == 1
    assert after.loss == bce_with_logits(after.z, 1)
    assert after.gradient == bce_with_logits_grad(after.z, 1)
    np.testing.assert_array_equal(after.loss_history, [start.loss, after.loss])
    # The starting state is untouched.
    assert start.step == 0 and start.z == -8.0 and len(start.loss_history) == 1


@pytest.mark.parametrize("kind", ["cross_entropy", "squared_error"])
def test_sigmoid_descent_is_deterministic_and_composes(kind):
    start = start_sigmoid_descent(kind)
    once = run_sigmoid_descent(start, 300)
    again = run_sigmoid_descent(start, 300)
    split = run_sigmoid_descent(run_sigmoid_descent(start, 120), 180)
    stepped = start
    for _ in range(300):
        stepped = step_sigmoid_descent(stepped)
    for other in (again, split, stepped):
        assert other.z == once.z and other.loss == once.loss
        np.testing.assert_array_equal(other.loss_history, once.loss_history)
    assert np.all(np.diff(once.loss_history) < 0)
    assert run_sigmoid_descent(start, 0) is start


def test_history_is_trimmed_to_the_limit(monkeypatch):
    monkeypatch.setattr(training, "HISTORY_LIMIT", 5)
    start = start_sigmoid_descent("squared_error")
    state = run_sigmoid_descent(start, 3)
    assert len(state.loss_history) == 4 and state.history_start == 0
    state = run_sigmoid_descent(state, 4)
    assert state.step == 7 and len(state.loss_history) == 5
    assert state.history_start == 3
    assert state.loss_history[-1] == state.loss
    np.testing.assert_array_equal(
        state.loss_history, run_sigmoid_descent(start, 7).loss_history
    )
    assert len(run_sigmoid_descent(start, 50).loss_history) == 5


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"loss_kind": "hinge"}, "loss_kind must be one of"),
        ({"z0": math.nan}, "z0 must be finite"),
        ({"z0": "far"}, "z0 must be a number"),
        ({"y": 0.3}, "y must be 0 or 1"),
        *[({"lr": lr}, "lr must be") for lr in BAD_LRS],
    ],
)
def test_sigmoid_start_rejects_bad_input(kwargs, match):
    arguments = {"loss_kind": "cross_entropy", **kwargs}
    with pytest.raises(ValueError, match=match):
        start_sigmoid_descent(**arguments)
    with pytest.raises(ValueError, match=match):
        steps_to_reach(**arguments)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"threshold": 0.0}, "threshold must be > 0"),
        ({"threshold": math.inf}, "threshold must be finite"),
        *[({"max_steps": n}, "max_steps must be") for n in BAD_COUNTS],
    ],
)
def test_steps_to_reach_rejects_bad_limits(kwargs, match):
    with pytest.raises(ValueError, match=match):
        steps_to_reach("cross_entropy", **kwargs)


@pytest.mark.parametrize("n", BAD_COUNTS)
def test_runs_reject_bad_step_counts(n):
    sigmoid_state = start_sigmoid_descent("cross_entropy")
    logit_state = start_logit_training(EXAMPLE_LOGITS, 3)
    fit_state = start_kl_fit(two_peak_target(), "forward")
    with pytest.raises(ValueError, match="n must be"):
        run_sigmoid_descent(sigmoid_state, n)
    with pytest.raises(ValueError, match="n must be"):
        run_logit_training(logit_state, n)
    with pytest.raises(ValueError, match="n must be"):
        run_kl_fit(fit_state, n)
    with pytest.raises(ValueError, match="max_steps must be"):
        run_kl_fit_to_convergence(fit_state, n)


# ---------------------------------------------------------------------------
# A logit vector.

logit_vectors = st.integers(2, 7).flatmap(
    lambda k: st.lists(st.floats(-4.0, 4.0), min_size=k, max_size=k)
)


@st.composite
def training_problems(draw):
    logits = np.array(draw(logit_vectors))
    k = logits.size
    if draw(st.booleans()):
        target = draw(st.integers(0, k - 1))
    else:
        weights = np.array(draw(st.lists(st.floats(0.01, 1.0), min_size=k, max_size=k)))
        target = weights / weights.sum()
    temperature = draw(st.floats(0.3, 3.0))
    eps = draw(st.sampled_from([0.0, 0.1, 0.5, 1.0]))
    kind = draw(st.sampled_from(["cross_entropy", "squared_error"]))
    return logits, target, kind, temperature, eps


@settings(deadline=None, max_examples=150)
@given(training_problems())
def test_logit_gradient_matches_finite_differences(problem):
    logits, target, kind, temperature, eps = problem
    loss, gradient = logit_loss_and_gradient(logits, target, kind, temperature, eps)

    def f(z):
        return logit_loss_and_gradient(z, target, kind, temperature, eps)[0]

    assert loss == pytest.approx(f(logits), rel=0, abs=0)
    numeric = central_difference(f, logits, 1e-6)
    np.testing.assert_allclose(gradient, numeric, rtol=1e-5, atol=1e-7)
    assert abs(gradient.sum()) < 1e-12


def test_cross_entropy_gradient_is_the_core_one():
    loss, gradient = logit_loss_and_gradient(
        EXAMPLE_LOGITS, 3, "cross_entropy", 0.7, 0.2
    )
    expected = cross_entropy_grad(EXAMPLE_LOGITS, 3, 0.2, 0.7)
    np.testing.assert_array_equal(gradient, expected)
    assert loss == pytest.approx(cross_entropy_loss(EXAMPLE_LOGITS, 3, 0.2, 0.7))


def test_squared_error_matches_its_definition():
    q = softmax(EXAMPLE_LOGITS, 2.0)
    y = np.eye(5)[3] * 0.9 + 0.1 / 5
    loss, gradient = logit_loss_and_gradient(
        EXAMPLE_LOGITS, 3, "squared_error", 2.0, 0.1
    )
    assert loss == pytest.approx(np.sum((q - y) ** 2), rel=1e-14)
    jacobian = (np.diag(q) - np.outer(q, q)) / 2.0
    np.testing.assert_allclose(gradient, jacobian.T @ (2 * (q - y)), rtol=1e-12)


def test_claim_15_what_the_gradient_bars_show():
    _, ce = logit_loss_and_gradient(EXAMPLE_LOGITS, 3, "cross_entropy")
    _, se = logit_loss_and_gradient(EXAMPLE_LOGITS, 3, "squared_error")
    wrong = [0, 1, 2, 4]
    # Cross-entropy: push the true class up, every other class down by q_j.
    assert ce[3] < 0 and np.all(ce[wrong] > 0)
    np.testing.assert_allclose(ce[wrong], softmax(EXAMPLE_LOGITS)[wrong])
    # Squared error: the top wrong class goes down, small wrong classes up,
    # and the true class gets a push more than ten times weaker.
    assert se[0] > 0 and np.all(se[[1, 2, 4]] < 0)
    assert abs(se[3]) * 10 < abs(ce[3])
    np.testing.assert_allclose(
        ce, [0.5585452, 0.2054773, 0.0835408, -0.9721917, 0.1246283], atol=1e-7
    )
    np.testing.assert_allclose(
        se, [0.2333326, -0.0592566, -0.0444653, -0.0735175, -0.0560931], atol=1e-7
    )


def test_claim_15_squared_error_cares_how_wrong_mass_is_spread():
    even = np.log([0.4, 0.2, 0.2, 0.2])
    lopsided = np.log([0.4, 0.5, 0.05, 0.05])
    ce_even, _ = logit_loss_and_gradient(even, 0, "cross_entropy")
    ce_lopsided, _ = logit_loss_and_gradient(lopsided, 0, "cross_entropy")
    se_even, _ = logit_loss_and_gradient(even, 0, "squared_error")
    se_lopsided, _ = logit_loss_and_gradient(lopsided, 0, "squared_error")
    assert ce_even == pytest.approx(ce_lopsided, rel=1e-14)
    assert ce_even == pytest.approx(-math.log(0.4), rel=1e-14)
    assert se_even == pytest.approx(0.48) and se_lopsided == pytest.approx(0.615)


def test_logit_state_contents():
    state = start_logit_training(EXAMPLE_LOGITS, 3, "squared_error", 0.3, 1.5, 0.1)
    assert state.loss_kind == "squared_error" and state.label == 3
    assert (state.lr, state.temperature, state.label_smoothing) == (0.3, 1.5, 0.1)
    np.testing.assert_allclose(state.target, np.eye(5)[3] * 0.9 + 0.02)
    np.testing.assert_array_equal(state.probabilities, softmax(EXAMPLE_LOGITS, 1.5))
    loss, gradient = logit_loss_and_gradient(
        EXAMPLE_LOGITS, 3, "squared_error", 1.5, 0.1
    )
    assert state.loss == loss
    np.testing.assert_array_equal(state.gradient, gradient)
    np.testing.assert_array_equal(state.loss_history, [loss])
    assert_read_only(
        state.logits,
        state.target,
        state.probabilities,
        state.gradient,
        state.loss_history,
    )
    soft = start_logit_training([0.0, 0.0], [0.25, 0.75])
    assert soft.label is None
    np.testing.assert_array_equal(soft.target, [0.25, 0.75])


def test_logit_step_is_gradient_descent():
    start = start_logit_training(EXAMPLE_LOGITS, 3, lr=0.5)
    after = step_logit_training(start)
    np.testing.assert_array_equal(after.logits, start.logits - 0.5 * start.gradient)
    assert after.step == 1
    loss, gradient = logit_loss_and_gradient(after.logits, 3)
    assert after.loss == loss
    np.testing.assert_array_equal(after.gradient, gradient)
    np.testing.assert_array_equal(start.logits, EXAMPLE_LOGITS)


@pytest.mark.parametrize("kind", ["cross_entropy", "squared_error"])
def test_logit_training_is_deterministic_and_composes(kind):
    start = start_logit_training(EXAMPLE_LOGITS, 3, kind, temperature=0.8)
    once = run_logit_training(start, 200)
    split = run_logit_training(run_logit_training(start, 77), 123)
    np.testing.assert_array_equal(split.logits, once.logits)
    np.testing.assert_array_equal(split.loss_history, once.loss_history)
    assert np.all(np.diff(once.loss_history) < 0)
    assert run_logit_training(start, 0) is start


def test_logit_training_step_counts():
    def steps_below(state, threshold):
        while state.loss >= threshold:
            state = step_logit_training(state)
        return state.step

    ce = start_logit_training(EXAMPLE_LOGITS, 3, "cross_entropy", DEFAULT_LOGIT_LR)
    se = start_logit_training(EXAMPLE_LOGITS, 3, "squared_error", DEFAULT_LOGIT_LR)
    assert steps_below(ce, 0.1) == 23
    assert steps_below(se, 0.1) == 33
    # Confidently wrong: squared error's true-class push vanishes.
    wrong = [6.0, 1.0, 0.1, -3.0, 0.5]
    ce = start_logit_training(wrong, 3, "cross_entropy", DEFAULT_LOGIT_LR)
    se = start_logit_training(wrong, 3, "squared_error", DEFAULT_LOGIT_LR)
    assert steps_below(ce, 0.1) == 27
    assert steps_below(se, 0.1) == 421


def test_smoothed_training_converges_to_the_smoothed_target():
    for kind in ("cross_entropy", "squared_error"):
        state = start_logit_training(EXAMPLE_LOGITS, 3, kind, 1.0, 1.0, 0.2)
        state = run_logit_training(state, 3000)
        np.testing.assert_allclose(state.probabilities, state.target, atol=1e-4)


def test_tiny_temperature_stays_finite():
    state = start_logit_training([0.0, 1.0], 0, temperature=1e-3, lr=1e-4)
    # From the log-softmax: (1 - 0)/T exactly, where log(softmax) would be inf.
    assert state.loss == 1000.0
    np.testing.assert_array_equal(state.gradient, [-1000.0, 1000.0])
    after = step_logit_training(state)
    np.testing.assert_allclose(after.logits, [0.1, 0.9])


@pytest.mark.parametrize(
    ("logits", "target", "kwargs", "match"),
    [
        ([[1.0, 2.0]], 0, {}, "logits must be 1-D"),
        ([], 0, {}, "logits is empty"),
        ([1.0, math.nan], 0, {}, r"logits\[1\] is NaN"),
        ([1.0, math.inf], 0, {}, r"logits\[1\] is \+inf"),
        ([1.0, -math.inf], 0, {}, r"logits\[1\] is infinite"),
        ([1.0, 2.0], 2, {}, r"target 2 is out of range \[0, 2\)"),
        ([1.0, 2.0], 0.5, {}, r"target must be (an )?integer class"),
        ([1.0, 2.0], [0.5, 0.6], {}, "target sums to"),
        ([1.0, 2.0], [1.5, -0.5], {}, r"target\[1\] is negative"),
        ([1.0, 2.0], 0, {"loss_kind": "hinge"}, "loss_kind must be one of"),
        ([1.0, 2.0], 0, {"temperature": 0.0}, "temperature must be finite and > 0"),
        ([1.0, 2.0], 0, {"label_smoothing": 1.5}, r"label_smoothing must lie in"),
    ],
)
def test_logit_training_rejects_bad_input(logits, target, kwargs, match):
    with pytest.raises(ValueError, match=match):
        logit_loss_and_gradient(logits, target, **kwargs)
    with pytest.raises(ValueError, match=match):
        start_logit_training(logits, target, **kwargs)


@pytest.mark.parametrize("lr", BAD_LRS)
def test_logit_training_rejects_bad_learning_rates(lr):
    with pytest.raises(ValueError, match="lr must be"):
        start_logit_training(EXAMPLE_LOGITS, 3, lr=lr)


# ---------------------------------------------------------------------------
# The batch example.


def test_pytorch_batch_example():
    logits, labels = pytorch_batch_example()
    assert logits.shape == (4, 5) and logits.dtype == np.float64
    assert labels.tolist() == [4, 3, 3, 2] and labels.dtype == np.int64
    assert cross_entropy_loss(logits, labels) == pytest.approx(
        1.5229845917064049, rel=1e-15
    )
    per_sample = cross_entropy_loss(logits, labels, reduction="none")
    np.testing.assert_allclose(per_sample, [1.4360, 1.7127, 1.4064, 1.5368], atol=5e-5)
    # Float32 values, stored exactly.
    np.testing.assert_array_equal(logits.astype(np.float32).astype(np.float64), logits)
    logits[0, 0] = 99.0
    assert pytorch_batch_example()[0][0, 0] != 99.0


# ---------------------------------------------------------------------------
# The two-peak target.


def test_default_two_peak_target():
    p = two_peak_target()
    assert p.shape == (60,)
    assert p.sum() == pytest.approx(1.0, abs=1e-12)
    assert np.all(p > 0)
    assert np.argmax(p[:30]) == 15 and 30 + np.argmax(p[30:]) == 45
    assert p[15] == pytest.approx(p[45], rel=1e-12)
    assert p.min() / p.max() == pytest.approx(8.85e-4, rel=1e-3)  # tails at 3.75σ
    narrow = two_peak_target(width_1=1.0, width_2=1.0)
    assert narrow.min() / narrow.max() == pytest.approx(1e-6, rel=1e-9)
    left, right = peak_masses(p, 15, 45)
    # Bin 30 is half-way and counts for neither peak.
    assert left == pytest.approx(0.5, abs=1e-4) and right == pytest.approx(
        0.5, abs=1e-4
    )
    assert left + right + p[30] == pytest.approx(1.0, abs=1e-12)


def test_two_peak_target_reshapes():
    p = two_peak_target(40, 5.0, 30.0, 2.0, 6.0, 1.0, 0.5)
    assert p.shape == (40,)
    assert np.argmax(p) == 5 and p[30] / p[5] == pytest.approx(0.5, rel=1e-3)
    one_peak = two_peak_target(height_2=0.0)
    assert np.argmax(one_peak) == 15 and one_peak[45] == pytest.approx(
        one_peak[59], rel=1e-5
    )
    # A needle between two bins still gives a proper distribution.
    needle = two_peak_target(position_1=15.5, width_1=0.01, height_2=0.0)
    assert needle.sum() == pytest.approx(1.0) and np.all(needle > 0)
    assert needle[15] == needle[16] == needle.max()


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"k": 1}, "k must be at least 2"),
        ({"k": 60.0}, "k must be an integer"),
        ({"k": True}, "k must be an integer"),
        ({"position_1": -1.0}, r"position_1 must lie in \[0, 59\]"),
        ({"position_2": 60.0}, r"position_2 must lie in \[0, 59\]"),
        ({"position_1": math.nan}, "position_1 must be finite"),
        ({"width_1": 0.0}, "width_1 must be > 0"),
        ({"width_2": math.inf}, "width_2 must be finite"),
        ({"height_1": -0.1}, "height_1 must be >= 0"),
        ({"height_2": math.nan}, "height_2 must be finite"),
        ({"height_1": 0.0, "height_2": 0.0}, "both 0"),
        ({"floor": 0.0}, "floor must be > 0"),
    ],
)
def test_two_peak_target_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        two_peak_target(**kwargs)


def test_peak_masses():
    q = np.full(5, 0.2)
    assert peak_masses(q, 0, 4) == pytest.approx((0.4, 0.4))  # bin 2 is a tie
    assert peak_masses(q, 4, 0) == pytest.approx((0.4, 0.4))
    assert peak_masses(q, 0, 3) == pytest.approx((0.4, 0.6))
    with pytest.raises(ValueError, match="coincide"):
        peak_masses(q, 2, 2)
    with pytest.raises(ValueError, match="distribution sums to"):
        peak_masses([0.5, 0.6], 0, 1)
    with pytest.raises(ValueError, match="position_2 must be finite"):
        peak_masses(q, 0, math.inf)


@pytest.mark.parametrize("positions", [(0, 4), (4, 0), (0, 3), (1.2, 3.7), (15, 45)])
def test_the_halfway_mass_is_what_the_peaks_leave(positions):
    # The page read "near peak 1: 0.88, near peak 2: 0.083": 0.963, with
    # the rest on the bin half-way, which counts for neither.
    q = np.random.default_rng(5).dirichlet(np.ones(60))
    one, two = peak_masses(q, *positions)
    half = halfway_mass(q, *positions)
    assert one + two + half == pytest.approx(1.0, abs=1e-15)
    midpoint = sum(positions) / 2
    on_a_bin = midpoint == int(midpoint)
    assert half == (q[int(midpoint)] if on_a_bin else 0.0)
    with pytest.raises(ValueError, match="coincide"):
        halfway_mass(q, 2, 2)


# ---------------------------------------------------------------------------
# The model and its gradients.


def test_gaussian_model():
    q = gaussian_model(60, 20.0, math.log(3.0))
    assert q.sum() == pytest.approx(1.0, abs=1e-12) and np.argmax(q) == 20
    x = np.arange(60)
    assert np.sum(q * x) == pytest.approx(20.0, abs=1e-9)
    assert np.sum(q * (x - 20.0) ** 2) == pytest.approx(9.0, rel=1e-6)
    one_hot = gaussian_model(10, 3.0, math.log(0.01))
    assert one_hot[3] == 1.0 and one_hot.sum() == 1.0
    with pytest.raises(ValueError, match="mu must be finite"):
        gaussian_model(60, math.nan, 0.0)
    with pytest.raises(ValueError, match="log_sigma must be finite"):
        gaussian_model(60, 0.0, math.inf)


@st.composite
def fit_problems(draw):
    k = draw(st.integers(10, 60))
    target = two_peak_target(
        k,
        draw(st.floats(0.0, k - 1.0)),
        draw(st.floats(0.0, k - 1.0)),
        draw(st.floats(0.5, k / 4)),
        draw(st.floats(0.5, k / 4)),
        draw(st.floats(0.05, 1.0)),
        draw(st.floats(0.0, 1.0)),
    )
    mu = draw(st.floats(-5.0, k + 5.0))
    log_sigma = draw(st.floats(math.log(0.7), math.log(k)))
    direction = draw(st.sampled_from(["forward", "reverse"]))
    return target, mu, log_sigma, direction


@settings(deadline=None, max_examples=200)
@given(fit_problems())
def test_kl_fit_gradient_matches_finite_differences(problem):
    target, mu, log_sigma, direction = problem
    loss, gradient = kl_fit_objective(target, mu, log_sigma, direction)

    def f(theta):
        return kl_fit_objective(target, theta[0], theta[1], direction)[0]

    numeric = central_difference(f, [mu, log_sigma], 1e-5)
    scale = max(1.0, abs(loss))
    np.testing.assert_allclose(gradient, numeric, rtol=1e-5, atol=1e-8 * scale)
    q = gaussian_model(target.size, mu, log_sigma)
    # Subnormal q keep only a few significant digits: compare where q is normal.
    if np.all(q > np.finfo(float).tiny):
        expected = kl_divergence(
            *((target, q) if direction == "forward" else (q, target))
        )
        assert loss == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_forward_gradient_is_moment_matching():
    p = two_peak_target()
    x = np.arange(60)
    mu, log_sigma = 23.6, math.log(5.0)
    q = gaussian_model(60, mu, log_sigma)
    _, gradient = kl_fit_objective(p, mu, log_sigma, "forward")
    assert gradient[0] == pytest.approx((q @ x - p @ x) / 25.0, rel=1e-12)


@pytest.mark.parametrize(
    ("target", "direction", "kwargs", "match"),
    [
        ([0.5, 0.5, 0.0], "forward", {}, r"target\[2\] is 0: reverse KL needs P > 0"),
        ([1.0], "forward", {}, "target must have at least 2 bins"),
        ([0.5, 0.6], "forward", {}, "target sums to"),
        ([[0.5, 0.5]], "forward", {}, "target must be 1-D"),
        ([0.5, 0.5], "sideways", {}, "direction must be one of"),
        ([0.5, 0.5], "reverse", {"mu": math.nan}, "mu must be finite"),
        ([0.5, 0.5], "reverse", {"log_sigma": "wide"}, "log_sigma must be a number"),
        *[([0.5, 0.5], "forward", {"lr": lr}, "lr must be") for lr in BAD_LRS],
    ],
)
def test_kl_fit_rejects_bad_input(target, direction, kwargs, match):
    with pytest.raises(ValueError, match=match):
        start_kl_fit(target, direction, **kwargs)
    if "lr" not in kwargs:
        mu = kwargs.get("mu", 0.0)
        log_sigma = kwargs.get("log_sigma", 0.0)
        with pytest.raises(ValueError, match=match):
            kl_fit_objective(target, mu, log_sigma, direction)


# ---------------------------------------------------------------------------
# The fits.


@pytest.fixture(scope="module")
def default_fits():
    p = two_peak_target()
    return {
        direction: run_kl_fit_to_convergence(start_kl_fit(p, direction))
        for direction in ("forward", "reverse")
    }


@pytest.fixture(scope="module")
def reference_minima():
    """Each fit's minimum found independently, by SciPy's BFGS (gain left < 1e-13)."""
    from scipy.optimize import minimize

    p = two_peak_target()
    starts = {"forward": (30.0, 3.0), "reverse": (15.0, 1.4)}
    minima = {}
    for direction, start in starts.items():
        found = minimize(
            lambda theta, d=direction: kl_fit_objective(p, theta[0], theta[1], d),
            start,
            jac=True,
            method="BFGS",
            options={"gtol": 1e-13},
        )
        # A gtol of 1e-13 asks for more than float64 can always give: on some
        # CPUs BFGS ends with "precision loss" (status 2) a step short of it.
        # What makes the point a reference is that the loss left to gain
        # there, ½·gᵀH⁻¹g, is far below the fits' own tolerance of 1e-11.
        assert found.status in (0, 2), found.message
        gain = 0.5 * float(found.jac @ found.hess_inv @ found.jac)
        assert 0.0 <= gain < 1e-13, (gain, found.jac)
        minima[direction] = (found.x[0], math.exp(found.x[1]), found.fun)
    return minima


def test_required_forward_kl_covers_both_peaks(default_fits, reference_minima):
    fit = default_fits["forward"]
    assert fit.converged
    left, right = peak_masses(fit.model, 15, 45)
    assert left > 0.25 and right > 0.25
    mu, sigma, _ = reference_minima["forward"]
    assert (mu, sigma) == pytest.approx((30.65952, 23.67285), rel=1e-6)
    assert fit.mu == pytest.approx(mu, rel=1e-5)
    assert fit.sigma == pytest.approx(sigma, rel=1e-5)


def test_required_reverse_kl_seeks_one_peak(default_fits, reference_minima):
    fit = default_fits["reverse"]
    assert fit.converged
    assert max(peak_masses(fit.model, 15, 45)) > 0.9
    mu, sigma, _ = reference_minima["reverse"]
    assert (mu, sigma) == pytest.approx((15.004208, 4.008002), rel=1e-6)
    assert fit.mu == pytest.approx(mu, rel=1e-5)
    assert fit.sigma == pytest.approx(sigma, rel=1e-5)


def test_fits_stop_within_the_tolerance_of_the_minimum(default_fits, reference_minima):
    for direction, fit in default_fits.items():
        minimum = reference_minima[direction][2]
        # The rule bounds the second-order gain of a full step by 1e-12 nats;
        # the loss then lies that close to the minimum, whatever the CPU.
        assert 0.0 <= fit.loss - minimum <= 10 * CONVERGENCE_TOLERANCE
        # A few hundred steps at the default rate: a few seconds of motion.
        assert 150 <= fit.step <= 450
        # Visibly done long before the rule stops it: within 1e-3 nats of
        # the end after roughly a second (at one step per frame).
        close = int(np.argmax(fit.loss_history - fit.loss < 1e-3))
        assert 30 <= close <= 100


@pytest.mark.parametrize("direction", ["forward", "reverse"])
def test_fits_are_deterministic(default_fits, direction):
    again = run_kl_fit_to_convergence(start_kl_fit(two_peak_target(), direction))
    fit = default_fits[direction]
    assert again.step == fit.step
    assert again.loss == pytest.approx(fit.loss, rel=1e-12)
    np.testing.assert_array_equal(again.loss_history, fit.loss_history)
    np.testing.assert_array_equal(again.model, fit.model)


@pytest.mark.parametrize("direction", ["forward", "reverse"])
def test_fit_runs_compose_and_never_raise_the_loss(default_fits, direction):
    start = start_kl_fit(two_peak_target(), direction)
    once = run_kl_fit(start, 100)
    split = run_kl_fit(run_kl_fit(start, 37), 63)
    stepped = start
    for _ in range(100):
        stepped = step_kl_fit(stepped)
    for other in (split, stepped):
        assert (other.mu, other.log_sigma, other.step) == (once.mu, once.log_sigma, 100)
        np.testing.assert_array_equal(other.loss_history, once.loss_history)
    assert np.all(np.diff(default_fits[direction].loss_history) <= 0)
    assert run_kl_fit(start, 0) is start


def test_readouts_of_both_divergences(default_fits):
    p = two_peak_target()
    forward, reverse = default_fits["forward"], default_fits["reverse"]
    for fit in (forward, reverse):
        readout = kl_readouts(fit)
        assert readout.forward == pytest.approx(kl_divergence(p, fit.model), rel=1e-9)
        assert readout.reverse == pytest.approx(kl_divergence(fit.model, p), rel=1e-9)
    assert kl_readouts(forward).forward == forward.loss
    assert kl_readouts(reverse).reverse == reverse.loss
    # Each fit wins on its own divergence and loses on the other.
    assert kl_readouts(forward).forward < kl_readouts(reverse).forward
    assert kl_readouts(reverse).reverse < kl_readouts(forward).reverse
    assert kl_readouts(reverse).forward > 10  # Q misses a whole peak of P


def test_converged_state_stays_put(default_fits):
    fit = default_fits["reverse"]
    later = run_kl_fit(fit, 5)
    assert later.step == fit.step + 5 and later.converged
    assert (later.mu, later.log_sigma, later.loss) == (fit.mu, fit.log_sigma, fit.loss)
    assert run_kl_fit_to_convergence(fit) is fit
    unfinished = run_kl_fit_to_convergence(
        start_kl_fit(two_peak_target(), "forward"), 10
    )
    assert unfinished.step == 10 and not unfinished.converged


def test_random_restarts_reach_both_peaks():
    p = two_peak_target()
    sides = []
    for seed in range(12):
        mu, log_sigma = random_kl_start(60, seed)
        reverse = run_kl_fit_to_convergence(start_kl_fit(p, "reverse", mu, log_sigma))
        forward = run_kl_fit_to_convergence(start_kl_fit(p, "forward", mu, log_sigma))
        left, right = peak_masses(reverse.model, 15, 45)
        if max(left, right) > 0.9:
            sides.append("left" if left > right else "right")
        assert min(peak_masses(forward.model, 15, 45)) > 0.25
        assert forward.mu == pytest.approx(30.65952, rel=1e-5)
    assert sides.count("left") >= 3 and sides.count("right") >= 3
    assert len(sides) >= 10


def test_random_start_is_seeded():
    assert random_kl_start(60, 7) == random_kl_start(60, 7)
    assert random_kl_start(60, 7) != random_kl_start(60, 8)
    generator = np.random.default_rng(7)
    assert random_kl_start(60, generator) == random_kl_start(60, 7)
    for seed in range(50):
        mu, log_sigma = random_kl_start(60, seed)
        assert 0 <= mu <= 59 and math.log(2) <= log_sigma <= math.log(5)
    for seed, match in ((-1, "seed must be >= 0"), (1.5, "seed must be an int")):
        with pytest.raises(ValueError, match=match):
            random_kl_start(60, seed)
    with pytest.raises(ValueError, match="k must be at least 2"):
        random_kl_start(1, 0)


def test_default_start():
    mu, log_sigma = default_kl_start()
    assert mu == pytest.approx(23.6) and math.exp(log_sigma) == pytest.approx(5.0)
    state = start_kl_fit(two_peak_target(), "reverse")
    assert (state.mu, state.log_sigma) == (mu, log_sigma)
    assert state.lr == DEFAULT_FIT_LR and state.k == 60 and state.step == 0
    assert not state.converged
    np.testing.assert_array_equal(state.model, gaussian_model(60, mu, log_sigma))
    assert_read_only(state.target, state.model, state.gradient, state.loss_history)
    with pytest.raises(dataclasses.FrozenInstanceError):
        state.mu = 0.0  # type: ignore[misc]


def test_retarget_continues_from_the_current_model(default_fits):
    fit = default_fits["reverse"]
    moved = two_peak_target(position_1=20.0)
    again = retarget_kl_fit(fit, moved)
    assert (again.mu, again.log_sigma, again.lr) == (fit.mu, fit.log_sigma, fit.lr)
    assert again.direction == "reverse" and again.step == 0 and not again.converged
    done = run_kl_fit_to_convergence(again)
    assert done.mu == pytest.approx(20.0, abs=0.1)


def test_parameters_stay_in_bounds():
    # Peaks at both edges: the forward optimum is flatter than any Gaussian.
    edges = two_peak_target(60, 0.0, 59.0, 2.0, 2.0)
    fit = run_kl_fit_to_convergence(start_kl_fit(edges, "forward"), 20_000)
    assert fit.converged and fit.sigma <= 60.0 * (1 + 1e-12)
    assert -60 <= fit.mu <= 120
    # A needle-thin peak: reverse KL wants σ → 0.
    needle = two_peak_target(60, 15.0, 45.0, 0.05, 4.0, 1.0, 0.1)
    fit = run_kl_fit_to_convergence(start_kl_fit(needle, "reverse", 14.0, 0.0), 20_000)
    assert fit.converged and fit.sigma >= SIGMA_MIN * (1 - 1e-12)
    assert fit.model[15] > 0.99
    assert np.all(np.isfinite(fit.loss_history))
    # Starting values outside the bounds are clipped.
    clipped = start_kl_fit(two_peak_target(), "forward", 1000.0, 50.0)
    assert clipped.mu == 120.0 and clipped.log_sigma == pytest.approx(math.log(60))


def newton_gain(state):
    """½·gᵀF⁻¹g: what a full natural-gradient step would gain, to second order."""
    from core.fitting import _evaluate, _natural_direction

    p = state.target
    evaluation = _evaluate(np.log(p), p, state.mu, state.log_sigma, state.direction)
    _, decrement = _natural_direction(evaluation, (state.mu, state.log_sigma), p.size)
    return 0.5 * decrement


@pytest.mark.parametrize("direction", ["forward", "reverse"])
def test_convergence_is_the_stated_rule(default_fits, direction):
    assert CONVERGENCE_TOLERANCE == 1e-12
    fit = default_fits[direction]
    before = run_kl_fit(start_kl_fit(two_peak_target(), direction), fit.step - 1)
    assert not before.converged
    assert newton_gain(before) > CONVERGENCE_TOLERANCE >= newton_gain(fit)
    # The last steps move the parameters by next to nothing.
    assert abs(before.mu - fit.mu) < 1e-4 * abs(fit.mu)
    assert abs(before.log_sigma - fit.log_sigma) < 1e-4


def test_fits_converge_at_every_learning_rate():
    p = two_peak_target()
    for lr in (0.01, 0.05, 1.0, 3.0):
        forward = run_kl_fit_to_convergence(start_kl_fit(p, "forward", lr=lr))
        reverse = run_kl_fit_to_convergence(start_kl_fit(p, "reverse", lr=lr))
        assert forward.converged and reverse.converged
        assert forward.mu == pytest.approx(30.65952, rel=1e-5)
        assert reverse.mu == pytest.approx(15.004208, rel=1e-5)
    # A larger rate takes fewer steps: the count follows lr, not rounding.
    steps = [
        run_kl_fit_to_convergence(start_kl_fit(p, "forward", lr=lr)).step
        for lr in (0.01, 0.05, 1.0)
    ]
    assert steps[0] > steps[1] > steps[2]


def test_step_counts_do_not_hang_on_the_last_bits(default_fits):
    # A relative change of 4e-16 in P (what another CPU's rounding does)
    # neither moves where the fits stop by more than a step nor their result.
    rng = np.random.default_rng(1)
    base = two_peak_target()
    for _ in range(5):
        p = base * (1 + 4e-16 * rng.standard_normal(base.size))
        p /= p.sum()
        for direction, reference in default_fits.items():
            fit = run_kl_fit_to_convergence(start_kl_fit(p, direction))
            assert abs(fit.step - reference.step) <= 1
            assert fit.mu == pytest.approx(reference.mu, rel=1e-9)


# ---------------------------------------------------------------------------
# Purity.


def test_core_training_imports_neither_qt_nor_scipy():
    code = (
        "import sys, core.training, core.fitting; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'scipy')]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_both_trainings_are_measured_on_the_same_scales():
    # Claim 15: compare like with like. Squared error has no unit; the
    # cross-entropy of each model and the probability of the true class do.
    start = {
        kind: start_logit_training(EXAMPLE_LOGITS, 3, kind, lr=0.5)
        for kind in ("cross_entropy", "squared_error")
    }
    after = {kind: run_logit_training(state, 10) for kind, state in start.items()}
    for state in after.values():
        assert state.cross_entropy_history.size == state.loss_history.size == 11
        assert state.true_probability_history.size == 11
        assert state.true_probability_history[-1] == state.probabilities[3]
        expected = cross_entropy_loss(state.logits, 3)
        assert state.cross_entropy_history[-1] == pytest.approx(expected, rel=1e-12)
        assert_read_only(state.cross_entropy_history, state.true_probability_history)
    np.testing.assert_array_equal(
        after["cross_entropy"].cross_entropy_history,
        after["cross_entropy"].loss_history,
    )
    ce, se = after["cross_entropy"], after["squared_error"]
    # Ten steps from q_y = 0.028: cross-entropy is past 0.5, squared error
    # (its gradient carries the factor q_y) has barely moved.
    assert ce.true_probability_history[-1] > 0.5 > 0.1 > se.true_probability_history[-1]
    assert ce.cross_entropy_history[-1] < se.cross_entropy_history[-1] / 3


def test_a_soft_target_is_measured_at_its_most_likely_class():
    target = [0.1, 0.6, 0.3]
    state = run_logit_training(start_logit_training([0.0, 0.0, 0.0], target), 5)
    assert state.label is None and state.true_class == 1
    assert state.true_probability_history[-1] == state.probabilities[1]
