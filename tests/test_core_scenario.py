"""The single-pass evaluate(Scenario) (core.scenario)."""

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from core import (
    UNITS,
    Family,
    Results,
    Scenario,
    cross_entropy,
    cross_entropy_grad,
    cross_entropy_loss,
    default_scenario,
    entropy,
    evaluate,
    family_weights,
    information,
    js_divergence,
    kl_divergence,
    kl_terms,
    normalize,
    smoothed_targets,
    softmax,
    support_violations,
)
from core._checks import InputError

RTOL = 1e-12
ATOL = 1e-14


def _logits(scenario: Scenario) -> np.ndarray:
    """The logits evaluate uses (log Q's weights when they follow Q)."""
    if not scenario.logits_follow_q:
        return np.asarray(scenario.logits)
    q_weights = (
        family_weights(scenario.q_family) if scenario.q_family else scenario.q_weights
    )
    with np.errstate(divide="ignore"):
        return np.log(q_weights)


def _p_and_q(scenario: Scenario) -> tuple[np.ndarray, np.ndarray]:
    p_w = family_weights(scenario.p_family) if scenario.p_family else scenario.p_weights
    q_w = family_weights(scenario.q_family) if scenario.q_family else scenario.q_weights
    p = normalize(p_w)
    if scenario.linked:
        return p, softmax(_logits(scenario), scenario.temperature)
    return p, normalize(q_w)


def assert_readouts_match_the_standalone_functions(scenario: Scenario) -> None:
    results = evaluate(scenario)
    base = UNITS[scenario.units]
    ln_unit = math.log(base)
    p, q = _p_and_q(scenario)
    z, t, eps = _logits(scenario), scenario.temperature, scenario.label_smoothing
    raw_target = p if scenario.linked else scenario.label

    assert results.units == scenario.units
    assert_allclose(results.p, p, rtol=RTOL)
    assert_allclose(results.q, q, rtol=RTOL)
    # q ≈ 1 amplifies its last-ulp difference in −log q: hence the atol.
    assert_allclose(results.information_p, information(p, base), rtol=RTOL, atol=ATOL)
    assert_allclose(results.information_q, information(q, base), rtol=RTOL, atol=ATOL)
    scalars = {
        "entropy_p": entropy(p, base),
        "entropy_q": entropy(q, base),
        "cross_entropy_pq": cross_entropy(p, q, base),
        "cross_entropy_qp": cross_entropy(q, p, base),
        "kl_pq": kl_divergence(p, q, base),
        "kl_qp": kl_divergence(q, p, base),
        "js": js_divergence(p, q, base),
        "loss": cross_entropy_loss(z, raw_target, eps, t) / ln_unit,
    }
    for name, expected in scalars.items():
        assert getattr(results, name) == pytest.approx(expected, rel=RTOL, abs=ATOL), (
            name
        )
    assert_allclose(results.kl_terms_pq, kl_terms(p, q, base), rtol=RTOL, atol=ATOL)
    assert_allclose(results.kl_terms_qp, kl_terms(q, p, base), rtol=RTOL, atol=ATOL)
    assert results.kl_pq_infinite_at == support_violations(p, q)
    assert results.kl_qp_infinite_at == support_violations(q, p)
    assert_allclose(results.softmax, softmax(z, t), rtol=RTOL)
    assert_allclose(results.target, smoothed_targets(z, raw_target, eps)[0], rtol=RTOL)
    assert_allclose(
        results.grad, cross_entropy_grad(z, raw_target, eps, t), rtol=RTOL, atol=ATOL
    )


def assert_no_nan(results: Results) -> None:
    for field in dataclasses.fields(results):
        value = getattr(results, field.name)
        if isinstance(value, (float, np.ndarray)):
            assert not np.isnan(value).any(), field.name
    for name in ("z", "loss", "grad"):
        assert not np.isnan(getattr(results.curve, name)).any(), f"curve.{name}"


def assert_infinities_are_named(results: Results) -> None:
    assert math.isinf(results.kl_pq) == bool(results.kl_pq_infinite_at)
    assert math.isinf(results.cross_entropy_pq) == bool(results.kl_pq_infinite_at)
    assert math.isinf(results.kl_qp) == bool(results.kl_qp_infinite_at)
    assert math.isinf(results.cross_entropy_qp) == bool(results.kl_qp_infinite_at)
    assert math.isinf(results.loss) == bool(results.loss_infinite_at)
    assert math.isfinite(results.js)


BASE = default_scenario()
SCENARIOS = {
    "default": BASE,
    "nats": BASE.replace(units="nats"),
    "temperature-smoothing-label": BASE.replace(
        temperature=0.4, label_smoothing=0.1, label=2
    ),
    "hot": BASE.replace(temperature=7.5, label=3, units="nats"),
    "zeros-in-p-and-q": BASE.replace(
        p_weights=[0.0, 3.0, 1.0, 0.0], q_weights=[2.0, 0.0, 1.0, 1.0]
    ),
    "minus-inf-logit": BASE.replace(logits=[2.0, -np.inf, 0.1, -1.0], label=0),
    "linked": BASE.replace(linked=True, temperature=1.5),
    "linked-smoothed": BASE.replace(linked=True, label_smoothing=0.2, label=1),
    "linked-zeros": BASE.replace(linked=True, p_weights=[0.0, 1.0, 1.0, 0.0]),
    "follow-q": BASE.replace(
        logits_follow_q=True, q_weights=[4.0, 0.0, 2.0, 1.0], temperature=0.7
    ),
    "families": Scenario(
        p_family=Family("zipf", 300, {"exponent": 1.2}),
        q_family=Family("two_peaks", 300, {"width_1": 0.01, "width_2": 0.01}),
        logits=np.linspace(-3.0, 3.0, 300),
        label=17,
    ),
    "families-follow-q-linked": Scenario(
        p_family=Family("dirichlet", 50, {"seed": 4}),
        q_family=Family("zipf", 50),
        logits_follow_q=True,
        linked=True,
        temperature=2.0,
        label=3,
    ),
}


@pytest.mark.parametrize("scenario", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_readouts_equal_the_standalone_functions(scenario: Scenario) -> None:
    assert_readouts_match_the_standalone_functions(scenario)


@pytest.mark.parametrize("scenario", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_no_readout_is_nan_and_every_infinity_is_named(scenario: Scenario) -> None:
    results = evaluate(scenario)
    assert_no_nan(results)
    assert_infinities_are_named(results)


def test_the_default_scenario_in_numbers() -> None:
    results = evaluate(default_scenario())
    assert results.units == "bits"
    assert_allclose(results.p, [0.4, 0.3, 0.2, 0.1], rtol=RTOL)
    assert_allclose(results.q, [0.25] * 4, rtol=RTOL)
    assert results.entropy_q == pytest.approx(2.0, rel=RTOL)
    assert results.entropy_p == pytest.approx(1.8464393446710154, rel=RTOL)
    assert results.cross_entropy_pq == pytest.approx(2.0, rel=RTOL)
    assert results.kl_pq == pytest.approx(2.0 - 1.8464393446710154, rel=1e-11)
    # Softmax([2, 1, 0.1, -1]) and −log2 of its first entry.
    expected_softmax = np.exp([2.0, 1.0, 0.1, -1.0])
    expected_softmax /= expected_softmax.sum()
    assert_allclose(results.softmax, expected_softmax, rtol=RTOL)
    assert results.loss == pytest.approx(-math.log2(expected_softmax[0]), rel=RTOL)


def test_teaching_example_kl_is_not_symmetric() -> None:
    scenario = Scenario(
        p_weights=[0.7, 0.3], q_weights=[0.5, 0.5], logits=[0.0, 0.0], units="bits"
    )
    results = evaluate(scenario)
    assert results.entropy_p == pytest.approx(0.8813, abs=5e-5)
    assert results.kl_pq == pytest.approx(0.1187, abs=5e-5)
    assert results.kl_qp == pytest.approx(0.1258, abs=5e-5)


def test_units_convert_by_ln_2() -> None:
    bits = evaluate(BASE.replace(temperature=0.8, label=1))
    nats = evaluate(BASE.replace(temperature=0.8, label=1, units="nats"))
    for name in ("entropy_p", "cross_entropy_pq", "kl_qp", "js", "loss"):
        assert getattr(nats, name) == pytest.approx(
            getattr(bits, name) * math.log(2), rel=RTOL
        )
    assert_allclose(nats.curve.loss, bits.curve.loss * math.log(2), rtol=RTOL)
    # The gradients are of the loss in nats whatever the unit.
    assert_array_equal(nats.grad, bits.grad)
    assert_array_equal(nats.curve.grad, bits.curve.grad)


# --- linked mode: the loss is a cross-entropy --------------------------------


@pytest.mark.parametrize(
    "scenario",
    [
        BASE.replace(linked=True),
        BASE.replace(linked=True, temperature=0.3, units="nats"),
        BASE.replace(linked=True, p_weights=[0.0, 0.0, 5.0, 1.0], label=2),
    ],
)
def test_linked_loss_is_the_cross_entropy_and_kl_the_excess(
    scenario: Scenario,
) -> None:
    results = evaluate(scenario)
    assert_allclose(results.q, results.softmax, rtol=RTOL)
    assert_allclose(results.target, results.p, rtol=RTOL)
    assert results.loss == pytest.approx(results.cross_entropy_pq, rel=RTOL)
    assert results.kl_pq == pytest.approx(
        results.loss - results.entropy_p, rel=1e-10, abs=1e-13
    )


def test_a_linked_q_that_underflows_keeps_the_loss_equal_to_the_cross_entropy():
    # q_1 = e^−800 is 0 in float64, yet log q_1 = −800 is finite: H(P,Q) must
    # stay the finite loss, not turn infinite "because q_1 = 0".
    scenario = Scenario(
        p_weights=[1.0, 1.0],
        q_weights=[1.0, 1.0],
        logits=[0.0, -8.0],
        temperature=0.01,
        linked=True,
        units="nats",
    )
    results = evaluate(scenario)
    assert results.q[1] == 0.0
    assert results.loss == pytest.approx(400.0, rel=RTOL)
    assert results.cross_entropy_pq == pytest.approx(400.0, rel=RTOL)
    assert results.kl_pq == pytest.approx(400.0 - math.log(2), rel=RTOL)
    assert results.kl_pq_infinite_at == ()
    assert_allclose(
        results.kl_terms_pq, [-0.5 * math.log(2), 400 - 0.5 * math.log(2)], rtol=RTOL
    )
    assert_allclose(results.information_q, [0.0, 800.0], rtol=RTOL)
    # Only a −inf logit makes a linked Q rule an outcome out.
    ruled_out = evaluate(scenario.replace(logits=[0.0, -np.inf]))
    assert ruled_out.cross_entropy_pq == math.inf
    assert ruled_out.kl_pq_infinite_at == (1,)


def test_a_linked_q_that_underflows_is_still_positive_where_p_is_zero() -> None:
    # q₁ = e^−800 underflows to 0, but log q₁ = −800 is finite: Q allows an
    # outcome P rules out, so D(Q‖P) = H(Q,P) = ∞ (they read 0.0000, no reason).
    scenario = Scenario(
        p_weights=[1.0, 0.0], q_weights=[1.0, 1.0], logits=[0.0, -800.0],
        linked=True,
    )  # fmt: skip
    results = evaluate(scenario)
    assert results.q[1] == 0.0
    assert results.information_q[1] == pytest.approx(800 / math.log(2), rel=RTOL)
    assert results.kl_qp == math.inf
    assert results.cross_entropy_qp == math.inf
    assert results.kl_qp_infinite_at == (1,)
    assert_array_equal(results.kl_terms_qp, [0.0, math.inf])
    assert results.kl_pq == 0.0  # log(1 + e^−800) is below every float
    assert math.isfinite(results.js)
    assert_infinities_are_named(results)
    # A −inf logit is a true zero: Q rules outcome 1 out, D(Q‖P) is finite.
    ruled_out = evaluate(scenario.replace(logits=[0.0, -np.inf]))
    assert ruled_out.kl_qp == 0.0
    assert ruled_out.kl_qp_infinite_at == ()


def test_the_true_class_gradient_of_a_confident_answer_is_not_zero() -> None:
    # q₀ = 1/(1 + e⁻⁴⁰) rounds to 1: softmax − target gave [0, 4.25e-18], in
    # the readout and along the loss curve (mpmath: q₁ = 4.2483542552915890e-18).
    q_1 = 4.248354255291589e-18
    results = evaluate(Scenario([1, 1], [1, 1], [40.0, 0.0], label=0))
    assert results.grad[0] == pytest.approx(-q_1, rel=1e-15, abs=0)
    assert results.grad[1] == pytest.approx(q_1, rel=1e-15, abs=0)
    assert results.grad.sum() == 0.0
    curve = results.curve
    assert curve.z[-1] == 41.0
    q_1_at_41 = 1.5628821893349888e-18  # e^−41/(1 + e^−41)
    assert curve.grad[-1] == pytest.approx(-q_1_at_41, rel=1e-14, abs=0)
    assert np.all(curve.grad < 0)


def test_a_family_against_itself_shows_zero_divergence() -> None:
    zipf = Family("zipf", 20_000, {"exponent": 1.1})
    results = evaluate(Scenario(p_family=zipf, q_family=zipf, logits=np.zeros(20_000)))
    assert results.kl_pq == results.kl_qp == results.js == 0.0
    assert results.cross_entropy_pq == results.entropy_p
    # Linked, Q = softmax(log w) differs from P in the last bits: the true
    # divergence between those floats is ~1e-30 (tests/test_core_reference.py).
    linked = evaluate(
        Scenario(p_family=zipf, q_family=zipf, logits_follow_q=True, linked=True)
    )
    assert 0.0 <= linked.kl_pq < 1e-26
    assert 0.0 <= linked.js < 1e-26
    assert linked.cross_entropy_pq >= linked.entropy_p


def test_linked_mode_ignores_q_weights() -> None:
    scenario = BASE.replace(linked=True, q_weights=[])
    assert_allclose(evaluate(scenario).q, softmax(BASE.logits), rtol=RTOL)


def test_logits_that_follow_q_reproduce_q_at_temperature_one() -> None:
    scenario = BASE.replace(q_weights=[5.0, 3.0, 0.0, 2.0], logits_follow_q=True)
    results = evaluate(scenario)
    assert_allclose(results.softmax, [0.5, 0.3, 0.0, 0.2], rtol=RTOL)
    assert_allclose(results.softmax, results.q, rtol=RTOL)
    # A temperature reshapes the prediction: softmax(log q / T) ∝ q^(1/T).
    sharper = evaluate(scenario.replace(temperature=0.5))
    assert_allclose(sharper.softmax, normalize([25.0, 9.0, 0.0, 4.0]), rtol=RTOL)


def test_families_expand_to_their_weights() -> None:
    p_family = Family("zipf", 1000, {"exponent": 1.5})
    q_family = Family("uniform", 1000)
    scenario = Scenario(
        p_family=p_family, q_family=q_family, logits=np.zeros(1000), label=999
    )
    results = evaluate(scenario)
    assert scenario.k == 1000
    assert_allclose(results.p, normalize(family_weights(p_family)), rtol=RTOL)
    assert_allclose(results.q, np.full(1000, 1e-3), rtol=RTOL)
    assert results.cross_entropy_pq == pytest.approx(math.log2(1000), rel=RTOL)
    assert results.loss == pytest.approx(math.log2(1000), rel=RTOL)


def test_a_family_replaces_the_weights_it_stands_for() -> None:
    family = Family("uniform", 4)
    scenario = BASE.replace(p_family=family, p_weights=[9.0, 0.0, 0.0, 0.0])
    assert_allclose(evaluate(scenario).p, [0.25] * 4, rtol=RTOL)


# --- infinite values name their outcomes -------------------------------------


def test_infinite_kl_names_the_outcomes_q_rules_out() -> None:
    scenario = BASE.replace(
        p_weights=[1.0, 1.0, 1.0, 0.0], q_weights=[1.0, 0.0, 0.0, 1.0]
    )
    results = evaluate(scenario)
    assert results.kl_pq == math.inf
    assert results.cross_entropy_pq == math.inf
    assert results.kl_pq_infinite_at == (1, 2)
    assert tuple(np.flatnonzero(np.isinf(results.kl_terms_pq))) == (1, 2)
    assert results.kl_qp == math.inf
    assert results.kl_qp_infinite_at == (3,)
    assert math.isfinite(results.js)
    assert_array_equal(np.isinf(results.information_q), [False, True, True, False])


def test_the_reverse_kl_stays_finite_when_only_q_has_a_zero() -> None:
    scenario = BASE.replace(
        p_weights=[1.0, 1.0, 0.0, 0.0], q_weights=[1.0, 0.0, 0.0, 0.0]
    )
    results = evaluate(scenario)
    assert results.kl_pq_infinite_at == (1,)
    assert results.kl_qp_infinite_at == ()
    assert results.kl_qp == pytest.approx(1.0, rel=RTOL)  # log2(1/0.5)
    assert results.js < 1.0


@pytest.mark.parametrize(
    ("changes", "infinite_at"),
    [
        ({"label": 1}, (1,)),
        ({"label": 0}, ()),
        ({"label": 0, "label_smoothing": 0.1}, (1, 3)),
        ({"linked": True, "p_weights": [1.0, 0.0, 1.0, 1.0]}, (3,)),
        ({"linked": True, "p_weights": [1.0, 0.0, 1.0, 0.0]}, ()),
    ],
)
def test_an_infinite_loss_names_the_classes_of_probability_zero(
    changes: dict[str, object], infinite_at: tuple[int, ...]
) -> None:
    scenario = BASE.replace(logits=[2.0, -np.inf, 0.0, -np.inf], **changes)
    results = evaluate(scenario)
    assert results.loss_infinite_at == infinite_at
    assert math.isinf(results.loss) == bool(infinite_at)
    assert np.all(np.isfinite(results.grad))


# --- the loss curve ----------------------------------------------------------


CURVE_SCENARIOS = {
    "default": BASE,
    "smoothing-temperature": BASE.replace(
        label=2, label_smoothing=0.3, temperature=0.6, units="nats"
    ),
    "full-smoothing": BASE.replace(label=1, label_smoothing=1.0),
    "linked": BASE.replace(linked=True, label=3, temperature=2.0),
    "linked-p-zero-at-label": BASE.replace(
        linked=True, label=3, p_weights=[1.0, 1.0, 1.0, 0.0]
    ),
    "far-logit": BASE.replace(logits=[30.0, 1.0, 0.1, -1.0]),
    "minus-inf-elsewhere": BASE.replace(logits=[2.0, -np.inf, 0.1, -1.0]),
}


@pytest.mark.parametrize(
    "scenario", CURVE_SCENARIOS.values(), ids=CURVE_SCENARIOS.keys()
)
def test_the_curve_is_the_loss_as_the_true_class_logit_sweeps(
    scenario: Scenario,
) -> None:
    results = evaluate(scenario)
    curve = results.curve
    assert curve.current_z == scenario.logits[scenario.label]
    for i in (0, 37, 120, 199, len(curve.z) - 1):
        logits = np.array(scenario.logits)
        logits[scenario.label] = curve.z[i]
        at_point = evaluate(scenario.replace(logits=logits))
        assert curve.loss[i] == pytest.approx(at_point.loss, rel=RTOL, abs=ATOL)
        assert curve.grad[i] == pytest.approx(
            at_point.grad[scenario.label], rel=1e-10, abs=ATOL
        )


@pytest.mark.parametrize(
    "scenario", CURVE_SCENARIOS.values(), ids=CURVE_SCENARIOS.keys()
)
def test_the_curve_passes_through_the_current_loss(scenario: Scenario) -> None:
    results = evaluate(scenario)
    curve = results.curve
    assert curve.z[0] <= curve.current_z <= curve.z[-1]
    # The grid step is 0.1 or so and |loss''| ≤ 1/(4T²): linear interpolation
    # is within h²/8·max|loss''| of the readout.
    step = curve.z[1] - curve.z[0]
    bound = (
        step**2 / 8 / (4 * scenario.temperature**2) / math.log(UNITS[scenario.units])
    )
    interpolated = np.interp(curve.current_z, curve.z, curve.loss)
    assert interpolated == pytest.approx(results.loss, abs=bound + 1e-12)


def test_the_curve_grid_spans_the_current_logit() -> None:
    default = evaluate(BASE).curve
    assert default.z[0] == -12.0
    assert default.z[-1] == 12.0
    assert np.all(np.diff(default.z) > 0)
    far = evaluate(BASE.replace(logits=[30.0, 1.0, 0.1, -1.0])).curve
    assert far.z[0] == -12.0
    assert far.z[-1] == 31.0
    below = evaluate(BASE.replace(logits=[-40.0, 1.0, 0.1, -1.0])).curve
    assert below.z[0] == -41.0


@pytest.mark.parametrize(
    ("scenario", "loss_everywhere"),
    [
        # Every other class has probability 0: the true class is certain.
        (
            Scenario(
                p_weights=[1.0, 1.0, 1.0],
                q_weights=[1.0, 0.0, 0.0],
                logits_follow_q=True,
            ),
            0.0,
        ),
        # ... and smoothing gives mass to those impossible classes.
        (
            Scenario(
                p_weights=[1.0, 1.0, 1.0],
                q_weights=[1.0, 0.0, 0.0],
                logits_follow_q=True,
                label_smoothing=0.1,
            ),
            math.inf,
        ),
    ],
)
def test_the_curve_with_every_other_class_impossible_has_no_nan(
    scenario: Scenario, loss_everywhere: float
) -> None:
    results = evaluate(scenario)
    assert_no_nan(results)
    assert_array_equal(
        results.curve.loss, np.full(len(results.curve.z), loss_everywhere)
    )
    assert results.loss == loss_everywhere


def test_the_curve_of_a_true_class_at_minus_infinity_stays_on_a_finite_grid() -> None:
    scenario = Scenario(
        p_weights=[1.0, 1.0, 1.0], q_weights=[1.0, 1.0, 1.0],
        logits=[0.0, -np.inf, -np.inf], label=1,
    )  # fmt: skip
    results = evaluate(scenario)
    assert_no_nan(results)
    assert results.loss == math.inf
    assert results.loss_infinite_at == (1,)
    assert results.curve.current_z == -math.inf
    assert results.curve.z[0] == -12.0
    assert results.curve.z[-1] == 12.0
    # Sweeping z_1 against the one other possible class (z_0 = 0): 1 bit at 0.
    assert np.interp(0.0, results.curve.z, results.curve.loss) == pytest.approx(
        1.0, rel=1e-12
    )


def test_a_tiny_temperature_gives_a_finite_or_infinite_but_never_nan_curve() -> None:
    results = evaluate(BASE.replace(temperature=1e-300, label_smoothing=0.1))
    assert_no_nan(results)


# --- gradients equal central differences -------------------------------------


MODERATE_TEMPERATURES = st.floats(min_value=0.25, max_value=5.0)


@st.composite
def scenarios(
    draw,
    finite_logits: bool = False,
    smoothing: bool = True,
    temperatures: st.SearchStrategy[float] = MODERATE_TEMPERATURES,
):
    k = draw(st.integers(min_value=2, max_value=6))
    weight = st.one_of(st.just(0.0), st.floats(min_value=1e-3, max_value=10.0))
    weights = st.lists(weight, min_size=k, max_size=k).filter(any)
    logit = st.floats(min_value=-10.0, max_value=10.0)
    if not finite_logits:
        logit = st.one_of(logit, st.just(-np.inf))
    logits = draw(
        st.lists(logit, min_size=k, max_size=k).filter(
            lambda z: not all(v == -np.inf for v in z)
        )
    )
    return Scenario(
        p_weights=draw(weights),
        q_weights=draw(weights),
        logits=logits,
        temperature=draw(temperatures),
        label=draw(st.integers(min_value=0, max_value=k - 1)),
        label_smoothing=draw(st.sampled_from([0.0, 0.1, 0.5, 1.0]))
        if smoothing
        else 0.0,
        units=draw(st.sampled_from(["bits", "nats"])),
        linked=draw(st.booleans()),
    )


PROPERTY_SETTINGS = settings(max_examples=150, deadline=None)


def _loss_in_nats(scenario: Scenario, logits: np.ndarray) -> float:
    return evaluate(scenario.replace(logits=logits, units="nats")).loss


@PROPERTY_SETTINGS
@given(scenarios(finite_logits=True))
def test_the_gradient_equals_a_central_difference(scenario: Scenario) -> None:
    h = 1e-5
    z = np.array(scenario.logits)
    numeric = np.zeros_like(z)
    for i in range(z.size):
        step = np.zeros_like(z)
        step[i] = h
        numeric[i] = (
            _loss_in_nats(scenario, z + step) - _loss_in_nats(scenario, z - step)
        ) / (2 * h)
    assert_allclose(evaluate(scenario).grad, numeric, rtol=1e-6, atol=1e-8)


@PROPERTY_SETTINGS
@given(scenarios(finite_logits=True), st.sampled_from([0, 45, 120, 200, 240]))
def test_the_curve_gradient_equals_a_central_difference(
    scenario: Scenario, index: int
) -> None:
    h = 1e-5
    curve = evaluate(scenario).curve
    z = np.array(scenario.logits)
    z[scenario.label] = curve.z[index] + h
    above = _loss_in_nats(scenario, z)
    z[scenario.label] = curve.z[index] - h
    below = _loss_in_nats(scenario, z)
    numeric = (above - below) / (2 * h)
    assert curve.grad[index] == pytest.approx(numeric, rel=1e-6, abs=1e-8)


@PROPERTY_SETTINGS
@given(scenarios())
def test_random_scenarios_match_the_standalone_functions(scenario: Scenario) -> None:
    assert_readouts_match_the_standalone_functions(scenario)


@PROPERTY_SETTINGS
@given(scenarios())
def test_random_scenarios_have_no_nan_and_named_infinities(scenario: Scenario) -> None:
    results = evaluate(scenario)
    assert_no_nan(results)
    assert_infinities_are_named(results)


@PROPERTY_SETTINGS
@given(scenarios(smoothing=False, temperatures=st.floats(1e-3, 5.0)))
def test_linked_loss_is_cross_entropy_and_kl_is_loss_minus_entropy(
    scenario: Scenario,
) -> None:
    results = evaluate(scenario.replace(linked=True))
    assert results.loss == pytest.approx(results.cross_entropy_pq, rel=1e-12, abs=1e-12)
    if math.isfinite(results.loss):
        assert results.kl_pq == pytest.approx(
            results.loss - results.entropy_p, rel=1e-9, abs=1e-12
        )


@PROPERTY_SETTINGS
@given(scenarios(finite_logits=True))
def test_the_curve_equals_the_loss_at_the_current_logit(scenario: Scenario) -> None:
    # Put the current logit on a grid point, where no interpolation is needed.
    grid = evaluate(scenario).curve.z
    logits = np.array(scenario.logits)
    logits[scenario.label] = grid[100]
    results = evaluate(scenario.replace(logits=logits))
    curve = results.curve
    assert curve.current_z == grid[100]
    at = int(np.flatnonzero(curve.z == curve.current_z)[0])
    assert curve.loss[at] == pytest.approx(results.loss, rel=RTOL, abs=ATOL)
    assert curve.grad[at] == pytest.approx(
        results.grad[scenario.label], rel=1e-10, abs=ATOL
    )


# --- the Scenario value ------------------------------------------------------


def test_scenario_arrays_are_read_only_copies() -> None:
    weights = np.array([1.0, 2.0])
    scenario = Scenario(p_weights=weights, q_weights=[1, 1], logits=[0, 0])
    weights[0] = 5.0
    assert scenario.p_weights[0] == 1.0
    assert scenario.p_weights.dtype == np.float64
    with pytest.raises(ValueError, match="read-only"):
        scenario.logits[0] = 1.0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param(
            {"p_weights": [10**400, 1]},
            r"^p_weights\[0\] is an integer too large",
            id="huge-int",
        ),
        pytest.param(
            {"q_weights": np.array([1j, 1])},
            r"^q_weights must be real numbers",
            id="complex-array",
        ),
        pytest.param(
            {"logits": [0.0, 0.5 + 0.5j]},
            r"^logits must be real numbers",
            id="complex-list",
        ),
    ],
)
def test_arrays_that_are_not_real_numbers_are_refused_by_field(changes, message):
    # Complex values were truncated with a warning, huge ints raised
    # OverflowError; neither can be a slider's state.
    with pytest.raises(ValueError, match=message):
        Scenario(
            **{"p_weights": [1, 1], "q_weights": [1, 1], "logits": [0, 0], **changes}
        )


def test_replace_changes_only_what_it_names() -> None:
    changed = BASE.replace(temperature=2.0)
    assert changed.temperature == 2.0
    assert BASE.temperature == 1.0
    assert_array_equal(changed.p_weights, BASE.p_weights)
    assert changed != BASE
    assert changed.replace(temperature=1.0) == BASE


def test_scenarios_compare_by_value_and_are_unhashable() -> None:
    assert default_scenario() == default_scenario()
    assert BASE.replace(logits=[2.0, 1.0, 0.1, -1.5]) != BASE
    assert BASE.replace(p_family=Family("uniform", 4)) != BASE
    assert BASE.__eq__(object()) is NotImplemented
    with pytest.raises(TypeError):
        hash(BASE)


def test_k_comes_from_the_family_when_there_is_one() -> None:
    assert BASE.k == 4
    assert Scenario(p_family=Family("zipf", 321)).k == 321


def test_units_name_their_logarithm_base() -> None:
    assert {"bits": 2.0, "nats": math.e} == UNITS


# --- rejected scenarios ------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"units": "furlongs"}, r"^units must be 'bits' or 'nats', got 'furlongs'"),
        (
            {"p_weights": [1.0, -1.0, 1.0, 1.0]},
            r"^p_weights\[1\] is negative \(-1\.0\)",
        ),
        ({"p_weights": [0.0, 0.0, 0.0, 0.0]}, r"^p_weights is all zero"),
        ({"p_weights": [[1.0, 1.0], [1.0, 1.0]]}, r"^p_weights must be 1-D"),
        ({"p_weights": [1.0]}, r"^p_weights must have at least 2 outcomes, got 1"),
        ({"p_weights": []}, r"^p_weights must have at least 2 outcomes, got 0"),
        ({"q_weights": [np.nan, 1.0, 1.0, 1.0]}, r"^q_weights\[0\] is NaN"),
        ({"q_weights": [1.0, 1.0, np.inf, 1.0]}, r"^q_weights\[2\] is infinite"),
        ({"q_weights": [0.0, 0.0, 0.0, 0.0]}, r"^q_weights is all zero"),
        (
            {"q_weights": [1.0, 1.0, 1.0]},
            r"^q_weights has 3 entries but p_weights has 4",
        ),
        ({"q_weights": [1.0]}, r"^q_weights has 1 entries but p_weights has 4"),
        ({"logits": [1.0, 2.0, 3.0]}, r"^logits has 3 entries but p_weights has 4"),
        (
            {"logits": [[1.0, 2.0], [3.0, 4.0]]},
            r"^logits must be 1-D, got shape \(2, 2\)",
        ),
        ({"logits": [1.0, 2.0, np.nan, 0.0]}, r"^logits\[2\] is NaN"),
        ({"logits": [np.inf, 2.0, 0.0, 0.0]}, r"^logits\[0\] is \+inf"),
        ({"logits": [-np.inf] * 4}, r"^logits is all -inf"),
        ({"temperature": 0.0}, r"^temperature must be finite and > 0, got 0\.0"),
        ({"temperature": -1.0}, r"^temperature must be finite and > 0, got -1\.0"),
        ({"temperature": math.inf}, r"^temperature must be finite and > 0, got inf"),
        ({"temperature": math.nan}, r"^temperature must be finite and > 0, got nan"),
        ({"label": 4}, r"^label 4 is out of range \[0, 4\)"),
        ({"label": -1}, r"^label -1 is out of range \[0, 4\)"),
        ({"label": True}, r"^label must be an integer class, got True"),
        ({"label": 1.0}, r"^label must be an integer class, got 1\.0"),
        ({"label_smoothing": 1.5}, r"^label_smoothing must lie in \[0, 1\], got 1\.5"),
        (
            {"label_smoothing": -0.1},
            r"^label_smoothing must lie in \[0, 1\], got -0\.1",
        ),
        (
            {"logits_follow_q": True, "q_weights": [0.0, 0.0, 0.0, 0.0]},
            r"^q_weights is all zero",
        ),
        (
            {"logits_follow_q": True, "q_weights": [1.0, -2.0, 1.0, 1.0]},
            r"^q_weights\[1\] is negative",
        ),
        (
            {"p_family": Family("zipf", 4, {"exponent": 9.0})},
            r"^zipf exponent must lie in \[0\.0, 4\.0\]",
        ),
        (
            {"q_family": Family("uniform", 5)},
            r"^q_weights has 5 entries but p_weights has 4",
        ),
    ],
)
def test_invalid_scenarios_are_rejected_naming_the_field(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        evaluate(BASE.replace(**changes))


@pytest.mark.parametrize(
    ("changes", "argument", "reason", "index"),
    [
        ({"p_weights": [0.0, 0.0, 0.0, 0.0]}, "p_weights", "all_zero", None),
        ({"q_weights": [1.0, -1.0, 1.0, 1.0]}, "q_weights", "negative", "1"),
        ({"q_weights": [np.nan, 1.0, 1.0, 1.0]}, "q_weights", "nan", "0"),
        ({"p_weights": [1.0, 1.0, np.inf, 1.0]}, "p_weights", "infinite", "2"),
        ({"p_weights": [[1.0, 1.0], [1.0, 1.0]]}, "p_weights", "shape", None),
    ],
)
def test_a_rejected_weight_says_which_and_why_in_fields(
    changes: dict[str, object], argument: str, reason: str, index: str | None
) -> None:
    """So that an interface words it in its own language (issue 12)."""
    with pytest.raises(InputError) as caught:
        evaluate(BASE.replace(**changes))
    error = caught.value
    assert (error.argument, error.reason, error.index) == (argument, reason, index)
    assert str(error).startswith(argument)


def test_a_change_shares_every_array_it_does_not_touch():
    # Before: each replace() copied every array, so 600 temperature steps
    # with 100,000 logits took the undo history from 158 MB to 556 MB.
    from core.history import History

    logits = np.random.default_rng(0).uniform(-1, 1, 100_000)
    first = Scenario(p_weights=[1.0, 1.0], q_weights=[1.0, 1.0], logits=logits)
    history = History(first)
    state = first
    for step in range(600):
        state = state.replace(temperature=1.0 + step / 1000)
        history.record(state)
    assert state.logits is first.logits
    assert state.p_weights is first.p_weights
    # A caller's writable array is still copied, so a later write cannot
    # reach into a state.
    writable = np.array([0.2, 0.8])
    owned = Scenario(p_weights=writable, q_weights=[1.0, 1.0], logits=[0.0, 0.0])
    writable[0] = 9.0
    assert owned.p_weights[0] == 0.2


def test_results_carry_what_the_views_draw():
    from core.families import Family

    scenario = default_scenario().replace(label=2, temperature=0.5, linked=True)
    results = evaluate(scenario)
    assert (results.label, results.temperature, results.linked) == (2, 0.5, True)
    np.testing.assert_array_equal(results.logits, scenario.logits)
    zipf = Family("zipf", 300, {"exponent": 1.1})
    family = evaluate(
        scenario.replace(
            p_family=zipf, q_family=zipf, logits_follow_q=True, label=0, temperature=1.0
        )
    )
    assert family.family_mode and family.log_rank and family.logits_follow_q
    np.testing.assert_allclose(
        np.exp(family.logits - family.logits.max()),
        family.q / family.q.max(),
        rtol=1e-12,
    )


# The sides of a scenario are cached (core.scenario): warm results must be
# the cold ones to the last bit, and a side that did not change must come
# back as the same arrays (the views skip redrawing them by identity).

CHANGES = {
    "p": lambda s: (
        s.replace(p_family=Family("zipf", s.k, {"exponent": 0.7}))
        if s.p_family
        else s.replace(p_weights=np.asarray(s.p_weights)[::-1] + 0.5)
    ),
    "temperature": lambda s: s.replace(temperature=s.temperature * 1.3),
    "label": lambda s: s.replace(label=(s.label + 1) % s.k),
    "units": lambda s: s.replace(units="nats" if s.units == "bits" else "bits"),
    "linked": lambda s: s.replace(linked=not s.linked),
    "smoothing": lambda s: s.replace(label_smoothing=0.05),
}


def _cold(scenario: Scenario) -> Results:
    import importlib

    importlib.import_module("core.scenario").forget_cached_sides()
    return evaluate(scenario)


def assert_same_results(warm: Results, cold: Results) -> None:
    for field in dataclasses.fields(Results):
        a, b = getattr(warm, field.name), getattr(cold, field.name)
        if field.name == "curve":
            for name in ("z", "loss", "grad"):
                assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)
            assert a.current_z == b.current_z or (
                math.isnan(a.current_z) and math.isnan(b.current_z)
            )
        else:
            assert_array_equal(a, b, err_msg=field.name)


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
@pytest.mark.parametrize("scenario", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_results_after_a_change_equal_those_worked_out_anew(
    scenario: Scenario, change
) -> None:
    changed = change(scenario)
    evaluate(scenario)
    warm = evaluate(changed)
    assert_same_results(warm, _cold(changed))
    # and back: the first scenario's sides are still cached, and still right
    evaluate(changed)
    assert_same_results(evaluate(scenario), _cold(scenario))


def test_a_change_of_p_hands_on_the_softmax_and_q_as_the_same_arrays() -> None:
    scenario = SCENARIOS["families"]
    before = evaluate(scenario)
    after = evaluate(CHANGES["p"](scenario))
    assert after.q is before.q
    assert after.softmax is before.softmax
    assert after.information_q is before.information_q
    assert after.p is not before.p
    hotter = evaluate(CHANGES["temperature"](scenario))
    assert hotter.p is before.p or hotter.p is after.p
    assert hotter.softmax is not before.softmax


def test_shared_result_arrays_cannot_be_changed_in_place() -> None:
    results = evaluate(SCENARIOS["families"])
    for name in ("p", "q", "softmax", "information_p", "target", "grad", "logits"):
        with pytest.raises(ValueError, match="read-only"):
            getattr(results, name)[0] = 1.0
    for name in ("z", "loss", "grad"):  # the curve is shared too
        with pytest.raises(ValueError, match="read-only"):
            getattr(results.curve, name)[0] = 1.0


@pytest.mark.parametrize(
    ("p_kind", "q_kind", "log_rank"),
    [
        ("zipf", "zipf", True),
        ("zipf", "uniform", True),
        ("uniform", "uniform", False),
        ("two_peaks", "zipf", False),
        ("zipf", "dirichlet", False),
        ("two_peaks", "dirichlet", False),
    ],
)
def test_the_outcome_axis_is_a_log_rank_only_for_ranked_families(
    p_kind, q_kind, log_rank
) -> None:
    # A two-peaks P beside a Zipf Q: its peaks at outcomes 25,000 and
    # 75,000 were squeezed into the last decade of "outcome rank".
    from core.families import Family

    k = 1_000
    scenario = default_scenario().replace(
        p_family=Family(p_kind, k),
        q_family=Family(q_kind, k),
        label=0,
        logits=np.zeros(k),
    )
    assert evaluate(scenario).log_rank is log_rank
