"""The sampling lab's core (core.sampling): convergence, the KL estimators, purity.

Expected values are computed here with mpmath at 40 digits from P and Q
alone; the convergence tests allow 4 standard errors over a fixed set of
seeds (any machine's random stream passes with overwhelming probability: at
4σ a single check fails about once in 16,000).
"""

from __future__ import annotations

import dataclasses
import doctest
import json
import math
import subprocess
import sys

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import core.sampling
from core.information import cross_entropy, entropy, kl_divergence
from core.sampling import (
    FROM_P,
    FROM_Q,
    MAX_DRAW,
    QUANTITIES,
    RECENT_LIMIT,
    _k3,
    _log_ratio,
    draw,
    reset,
    samples_due,
    sampling_results,
    start_sampling,
)

mp.mp.dps = 40
SEEDS = range(10)
LN2 = math.log(2.0)

#: (P, Q) pairs with overlapping supports, and ones that are far apart.
PAIRS = [
    ([0.4, 0.3, 0.2, 0.1], [0.25, 0.25, 0.25, 0.25]),
    ([0.7, 0.3], [0.5, 0.5]),
    ([0.05, 0.15, 0.3, 0.1, 0.2, 0.2], [0.3, 0.05, 0.05, 0.2, 0.15, 0.25]),
    ([0.5, 0.5], [0.999, 0.001]),
]


def test_docstring_examples_hold() -> None:
    failures, _ = doctest.testmod(core.sampling)
    assert failures == 0


# --- the reference --------------------------------------------------------------------


def reference(p, q) -> dict[str, tuple[mp.mpf, mp.mpf]]:
    """(mean, standard deviation) of one draw of each quantity, in nats."""
    p = [mp.mpf(x) / mp.fsum(mp.mpf(v) for v in p) for x in p]
    q = [mp.mpf(x) / mp.fsum(mp.mpf(v) for v in q) for x in q]

    def moments(weights, values):
        pairs = [(w, v) for w, v in zip(weights, values, strict=True) if w > 0]
        mean = mp.fsum(w * v for w, v in pairs)
        variance = mp.fsum(w * (v - mean) ** 2 for w, v in pairs)
        return mean, mp.sqrt(variance)

    log_r = [
        mp.log(a / b) if a > 0 and b > 0 else None for a, b in zip(p, q, strict=True)
    ]
    return {
        "information_p": moments(p, [-mp.log(a) if a > 0 else 0 for a in p]),
        "information_q": moments(p, [-mp.log(b) if b > 0 else 0 for b in q]),
        "log_ratio": moments(p, [lr if lr is not None else 0 for lr in log_r]),
        "k1": moments(q, [-lr if lr is not None else 0 for lr in log_r]),
        "k2": moments(q, [lr**2 / 2 if lr is not None else 0 for lr in log_r]),
        "k3": moments(
            q,
            [
                (mp.exp(lr) - 1) - lr if lr is not None else 0
                for lr in log_r  # r − 1 − log r
            ],
        ),
    }


def no_nan(results) -> bool:
    arrays = [results.recent_values, results.history_means, results.history_errors]
    numbers = [
        x
        for e in results.estimates
        for x in (e.mean, e.standard_error, e.expected, e.target, e.bias)
        if x is not None
    ]
    return not any(np.isnan(a).any() for a in arrays) and not any(
        math.isnan(x) for x in numbers
    )


# --- convergence ----------------------------------------------------------------------


@pytest.mark.parametrize(("p", "q"), PAIRS)
def test_running_means_converge_to_the_exact_values_within_4_standard_errors(
    p, q
) -> None:
    n = 20_000
    for seed in SEEDS:
        results = sampling_results(draw(start_sampling(p, q, seed), n), "nats")
        for estimate in results.estimates:
            assert estimate.count == n
            assert abs(estimate.mean - estimate.expected) <= 4 * max(
                estimate.standard_error, 1e-15
            ), (seed, estimate)


@pytest.mark.parametrize(("p", "q"), PAIRS)
def test_expected_values_targets_and_deviations_match_mpmath(p, q) -> None:
    ref = reference(p, q)
    state = start_sampling(p, q)
    results = sampling_results(state, "nats")
    for estimate in results.estimates:
        mean, deviation = ref[estimate.name]
        assert estimate.expected == pytest.approx(float(mean), rel=1e-12, abs=1e-15)
        assert estimate.standard_deviation == pytest.approx(
            float(deviation), rel=1e-10, abs=1e-15
        )
    by_name = {e.name: e for e in results.estimates}
    # What each running mean estimates: the core's exact values of the
    # normalised vectors the state holds.
    p, q = state.p, state.q
    assert by_name["information_p"].target == entropy(p)
    assert by_name["information_q"].target == cross_entropy(p, q)
    assert by_name["log_ratio"].target == kl_divergence(p, q)
    for name in FROM_Q:
        assert by_name[name].target == kl_divergence(q, p)  # D(Q‖P), not D(P‖Q)


@pytest.mark.parametrize(("p", "q"), PAIRS)
def test_standard_errors_estimate_sigma_over_root_n(p, q) -> None:
    n = 200_000
    # A rare outcome (q = 0.001: about 200 draws) makes the spread itself
    # uncertain by some 4%; otherwise it is known to a fraction of 1%.
    tolerance = 0.2 if min(q) < 0.01 else 0.05
    results = sampling_results(draw(start_sampling(p, q, 7), n), "nats")
    for estimate in results.estimates:
        expected_error = estimate.standard_deviation / math.sqrt(n)
        assert estimate.standard_error == pytest.approx(
            expected_error, rel=tolerance, abs=1e-15
        )


def test_k1_and_k3_are_unbiased_and_k2_is_not() -> None:
    p, q = [0.5, 0.5], [0.999, 0.001]  # far apart: k2's bias is large
    results = sampling_results(start_sampling(p, q), "nats")
    k1, k2, k3 = (results.estimate(name) for name in FROM_Q)
    assert k1.bias == 0.0 and k3.bias == 0.0
    assert k1.expected == k3.expected == k1.target
    ref_k2, _ = reference(p, q)["k2"]
    assert k2.bias == pytest.approx(float(ref_k2) - kl_divergence(q, p), rel=1e-12)
    assert k2.bias < -0.4  # E[k2] = 0.26 nats against D(Q‖P) = 0.69
    # Sampled: k2's mean lands on its own expectation, many errors from D(Q‖P).
    sampled = sampling_results(draw(start_sampling(p, q, 3), 20_000), "nats")
    k2 = sampled.estimate("k2")
    assert abs(k2.mean - k2.expected) <= 4 * k2.standard_error
    assert abs(k2.mean - k2.target) > 20 * k2.standard_error


def test_k3_has_lower_variance_than_k1_for_close_distributions() -> None:
    results = sampling_results(start_sampling([0.36, 0.64], [0.4, 0.6]), "nats")
    k1, k2, k3 = (results.estimate(name) for name in FROM_Q)
    assert k3.standard_deviation < k1.standard_deviation / 10
    assert abs(k2.bias) < k3.expected / 10  # close: k2 is nearly unbiased


def test_k3_is_biased_by_the_mass_of_p_outside_q() -> None:
    p, q = [0.5, 0.3, 0.2], [0.6, 0.4, 0.0]
    results = sampling_results(start_sampling(p, q), "nats")
    k3 = results.estimate("k3")
    assert k3.target == kl_divergence(q, p)  # finite: P > 0 wherever Q > 0
    assert k3.bias == -0.2
    ref_k3, _ = reference(p, q)["k3"]
    assert k3.expected == pytest.approx(float(ref_k3), rel=1e-12)
    assert results.estimate("k1").bias == 0.0
    for seed in SEEDS:
        sampled = sampling_results(draw(start_sampling(p, q, seed), 5_000), "nats")
        k3 = sampled.estimate("k3")
        assert abs(k3.mean - k3.expected) <= 4 * k3.standard_error


# --- infinite values: said, never NaN -------------------------------------------------


def test_q_missing_an_outcome_of_p_makes_two_means_infinite_once_drawn() -> None:
    p, q = [0.5, 0.5, 0.0], [1.0, 0.0, 0.0]
    results = sampling_results(draw(start_sampling(p, q), 100), "bits")
    for name in ("information_q", "log_ratio"):
        estimate = results.estimate(name)
        assert estimate.mean == math.inf and estimate.standard_error == math.inf
        assert estimate.infinite_at == (1,) and estimate.expected_infinite_at == (1,)
        assert estimate.expected == math.inf and estimate.bias is None
    assert results.estimate("information_p").mean == 1.0
    assert no_nan(results)
    # Before the outcome is drawn, the mean is finite but the exact value is not.
    rare = sampling_results(draw(start_sampling([0.999, 0.001], [1.0, 0.0]), 5))
    estimate = rare.estimate("log_ratio")
    assert math.isfinite(estimate.mean) and estimate.infinite_at == ()
    assert estimate.expected == math.inf and estimate.expected_infinite_at == (1,)
    assert no_nan(rare)


def test_p_missing_an_outcome_of_q_makes_the_estimators_infinite() -> None:
    p, q = [1.0, 0.0], [0.5, 0.5]
    results = sampling_results(draw(start_sampling(p, q), 100), "nats")
    for name in FROM_Q:
        estimate = results.estimate(name)
        assert estimate.mean == math.inf and estimate.infinite_at == (1,)
        assert estimate.target == math.inf and estimate.bias is None
    assert no_nan(results)
    assert results.history_means[3:, -1].tolist() == [math.inf] * 3


def test_draws_after_an_infinite_mean_stay_infinite_without_a_warning() -> None:
    # A second batch once a mean was +inf computed inf − inf (NumPy warns:
    # an error under this suite's filterwarnings), one draw at a time as a
    # page plays at 1 draw per second.
    state = draw(start_sampling([0.5, 0.5], [1.0, 0.0], 0), 10)
    assert math.isinf(state.means[1])
    for n in (10, 1, 1, 250):
        state = draw(state, n)
    assert state.means[1:3].tolist() == [math.inf, math.inf]
    assert state.squared_deviations[1:3].tolist() == [math.inf, math.inf]
    assert np.isfinite(state.means[[0, 3, 4, 5]]).all()
    assert no_nan(sampling_results(state))


def test_outcomes_of_probability_zero_are_never_drawn() -> None:
    p, q = [0.0, 0.5, 0.0, 0.5, 0.0], [0.2, 0.0, 0.4, 0.4, 0.0]
    state = draw(start_sampling(p, q, 11), 50_000)
    assert state.counts_p[[0, 2, 4]].tolist() == [0, 0, 0]
    assert state.counts_q[[1, 4]].tolist() == [0, 0]
    assert state.counts_p.sum() == state.counts_q.sum() == 50_000


# --- purity, determinism, the history ------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 300), st.integers(0, 300), st.integers(0, 2**32))
def test_the_draws_depend_only_on_the_seed_and_their_position(a, b, seed) -> None:
    start = start_sampling([0.1, 0.2, 0.3, 0.4], [0.4, 0.3, 0.2, 0.1], seed)
    split, whole = draw(draw(start, a), b), draw(start, a + b)
    for name in ("counts_p", "counts_q", "recent_p", "recent_q", "checkpoints"):
        assert np.array_equal(getattr(split, name), getattr(whole, name)), name
    np.testing.assert_allclose(split.means, whole.means, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(
        split.history_means, whole.history_means, rtol=1e-12, atol=1e-15
    )


def test_draw_is_pure() -> None:
    start = start_sampling([0.7, 0.3], [0.5, 0.5], 5)
    before = {f.name: getattr(start, f.name) for f in dataclasses.fields(start)}
    first, second = draw(start, 1000), draw(start, 1000)
    assert start.count == 0
    for name, value in before.items():
        assert getattr(start, name) is value
    for field in dataclasses.fields(first):
        a, b = getattr(first, field.name), getattr(second, field.name)
        if isinstance(a, np.ndarray):
            assert np.array_equal(a, b)
            assert not a.flags.writeable
    assert draw(start, 0) is start


def test_different_seeds_draw_differently_and_reset_starts_over() -> None:
    a = draw(start_sampling([0.5, 0.5], [0.5, 0.5], 1), 200)
    b = draw(start_sampling([0.5, 0.5], [0.5, 0.5], 2), 200)
    assert not np.array_equal(a.recent_p, b.recent_p)
    fresh = reset(a)
    assert fresh.count == 0 and fresh.checkpoints.size == 0
    assert np.array_equal(draw(fresh, 200).recent_p, a.recent_p)


def test_history_records_the_running_means_at_geometric_checkpoints() -> None:
    p, q = [0.4, 0.3, 0.2, 0.1], [0.1, 0.2, 0.3, 0.4]
    state = draw(start_sampling(p, q, 4), RECENT_LIMIT)  # every draw is recent
    results = sampling_results(state, "nats")
    checkpoints = results.checkpoints.tolist()
    assert checkpoints[:13] == [*range(1, 13), 13]
    assert checkpoints[-1] <= RECENT_LIMIT
    gaps = np.diff(checkpoints)
    assert (gaps >= 1).all()
    values = results.recent_values  # every draw's value, in order
    for index, count in enumerate(checkpoints):
        mean = values[:, :count].mean(axis=1)
        np.testing.assert_allclose(
            results.history_means[:, index], mean, rtol=1e-12, atol=1e-15
        )
        if count > 1:
            error = values[:, :count].std(axis=1, ddof=1) / math.sqrt(count)
            np.testing.assert_allclose(
                results.history_errors[:, index], error, rtol=1e-9, atol=1e-15
            )
        else:
            assert (results.history_errors[:, index] == math.inf).all()
    np.testing.assert_allclose(
        [e.mean for e in results.estimates], values.mean(axis=1), rtol=1e-12
    )


def test_history_stays_short_for_a_long_run() -> None:
    state = start_sampling([0.5, 0.5], [0.5, 0.5])
    for _ in range(3):
        state = draw(state, MAX_DRAW)
    assert state.count == 3 * MAX_DRAW
    assert state.checkpoints.size < 180  # about 8 per doubling
    late = state.checkpoints[state.checkpoints >= 100]
    ratios = late[1:] / late[:-1]
    assert (ratios > 1.08).all() and (ratios <= 1.0910).all()


def test_recent_draws_are_bounded_and_numbered() -> None:
    state = draw(start_sampling([0.5, 0.5], [0.5, 0.5]), 1000)
    results = sampling_results(state)
    assert results.recent_p.size == results.recent_q.size == RECENT_LIMIT
    assert results.first_recent == 1000 - RECENT_LIMIT + 1
    assert results.recent_values.shape == (6, RECENT_LIMIT)


def test_results_before_the_first_and_second_draw() -> None:
    results = sampling_results(start_sampling([0.7, 0.3], [0.5, 0.5]))
    assert results.count == 0
    assert all(e.mean is None and e.standard_error is None for e in results.estimates)
    assert results.checkpoints.size == 0 and results.recent_values.shape == (6, 0)
    one = sampling_results(draw(start_sampling([0.7, 0.3], [0.5, 0.5]), 1))
    assert all(e.mean is not None and e.standard_error is None for e in one.estimates)


def test_bits_are_nats_over_ln_2() -> None:
    state = draw(start_sampling([0.7, 0.2, 0.1], [0.3, 0.3, 0.4], 9), 500)
    bits, nats = sampling_results(state, "bits"), sampling_results(state, "nats")
    for b, n in zip(bits.estimates, nats.estimates, strict=True):
        for field in ("mean", "standard_error", "expected", "target", "bias"):
            assert getattr(b, field) == pytest.approx(getattr(n, field) / LN2)
    np.testing.assert_allclose(bits.history_means, nats.history_means / LN2)
    np.testing.assert_allclose(bits.recent_values, nats.recent_values / LN2)
    assert bits.estimate("information_p").expected == pytest.approx(
        entropy([0.7, 0.2, 0.1], 2)
    )


# --- accurate per-outcome values ------------------------------------------------------


@pytest.mark.parametrize("x", [1e-12, -1e-9, 1e-5, -0.01, 0.3, -0.99, 0.999, 1.5, -8.0])
def test_k3_is_accurate_however_close_r_is_to_1(x) -> None:
    value = float(_k3(np.array([x]))[0])
    exact = mp.expm1(mp.mpf(x)) - mp.mpf(x)
    assert value == pytest.approx(float(exact), rel=4e-16)


def test_k3_of_a_missing_p_is_infinite() -> None:
    assert _k3(np.array([-math.inf]))[0] == math.inf


@pytest.mark.parametrize(
    ("p", "q"), [(0.5, 0.5 + 1e-12), (0.3, 0.29), (0.9, 0.001), (1e-300, 0.5)]
)
def test_log_ratios_are_accurate(p, q) -> None:
    value = float(_log_ratio(np.array([p]), np.array([q]))[0])
    exact = mp.log(mp.mpf(p) / mp.mpf(q))
    assert value == pytest.approx(float(exact), rel=1e-15)


# --- pacing and rejected input --------------------------------------------------------


def test_samples_due_carries_the_fraction_of_a_draw() -> None:
    total, carried = 0, 0.0
    for _ in range(60):  # one second at 60 frames/s, 10 draws/s
        n, carried = samples_due(10, 1 / 60, carried)
        total += n
    assert total in (9, 10)  # rounding of 60 sixtieths
    assert samples_due(10_000, 0.5) == (5000, 0.0)
    assert samples_due(10_000, 1e9) == (MAX_DRAW, 0.0)
    assert samples_due(0, 1.0) == (0, 0.0)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((-1, 1.0), "rate must be finite"),
        ((10, math.nan), "elapsed must be finite"),
        ((10, 1.0, 1.0), r"carried must lie in \[0, 1\)"),
        (("fast", 1.0), "rate must be a number"),
    ],
)
def test_samples_due_refuses_bad_input(args, message) -> None:
    with pytest.raises(ValueError, match=message):
        samples_due(*args)


@pytest.mark.parametrize(
    ("n", "message"),
    [
        (-1, "n must be >= 0"),
        (1.5, "n must be an integer"),
        (True, "n must be an integer"),
        (MAX_DRAW + 1, "at most 1,000,000"),
    ],
)
def test_draw_refuses_bad_counts(n, message) -> None:
    with pytest.raises(ValueError, match=message):
        draw(start_sampling([0.5, 0.5], [0.5, 0.5]), n)


@pytest.mark.parametrize(
    ("p", "q", "seed", "message"),
    [
        ([0.5, 0.5], [0.5, 0.5], -1, "seed must be >= 0"),
        ([0.5, 0.5], [0.5, 0.5], "x", "seed must be an integer"),
        ([0.5, 0.5], [0.2, 0.3, 0.5], 0, "differ in length"),
        ([0.5, 0.6], [0.5, 0.5], 0, "p sums to"),
        ([0.5, 0.5], [-0.5, 1.5], 0, r"q\[0\] is negative"),
    ],
)
def test_start_refuses_bad_input(p, q, seed, message) -> None:
    with pytest.raises(ValueError, match=message):
        start_sampling(p, q, seed)


def test_unknown_units_and_names_are_refused() -> None:
    state = start_sampling([0.5, 0.5], [0.5, 0.5])
    with pytest.raises(ValueError, match="units must be"):
        sampling_results(state, "hartleys")
    with pytest.raises(ValueError, match="name must be one of"):
        sampling_results(state).estimate("k4")


def test_quantities_are_split_between_p_and_q() -> None:
    assert FROM_P + FROM_Q == QUANTITIES


def test_new_core_modules_import_no_qt_and_no_scipy() -> None:
    code = (
        "import json, sys\n"
        "import core.sampling, core.huffman\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'PySide6', 'shiboken6', 'pyqtgraph', 'scipy'})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert json.loads(done.stdout) == []


def test_a_rare_first_draw_costs_the_running_means_no_digits() -> None:
    # Seed 271140 draws Q's rare outcome (q = 2⁻²⁰) first: shifted by it, a
    # million nearly equal deviations summed in turn put k3's mean 1e-5 off.
    p, q = [0.5, 0.5], [2.0**-20, 1 - 2.0**-20]
    # The premise: Q's stream is the same whatever the batch, so its first
    # draw alone is the first of the million.
    assert draw(start_sampling(p, q, 271140), 1).counts_q[0] == 1
    state = draw(start_sampling(p, q, 271140), 10**6)
    results = sampling_results(state, "nats")
    for row, name in ((3, "k1"), (4, "k2"), (5, "k3")):
        values, counts = state.tables.values[row], state.counts_q
        mean = math.fsum(int(c) * v for c, v in zip(counts, values, strict=True))
        mean /= state.count
        m2 = math.fsum(
            int(c) * (v - mean) ** 2 for c, v in zip(counts, values, strict=True)
        )
        error = math.sqrt(m2 / (state.count - 1) / state.count)
        estimate = results.estimate(name)
        assert estimate.mean == pytest.approx(mean, rel=1e-9, abs=0), name
        assert estimate.standard_error == pytest.approx(error, rel=1e-9, abs=0), name
