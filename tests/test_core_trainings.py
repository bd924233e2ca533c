"""The Training page as a value (core/trainings.py), without Qt.

Claims 12 and 15 of docs/teaching.md: both trainings start from the
explorer's logits (linked: toward P), cross-entropy's gradient is
(softmax − y)/T, squared error's mixes every error.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

import core.trainings as trainings_module
from core import default_scenario, evaluate
from core.json_values import SessionError
from core.ranges import TRAINING_LEARNING_RATE, TRAINING_STEPS, IntRange
from core.softmax import softmax
from core.state_schemas import trainings_from_dict, trainings_to_dict
from core.training import (
    LOSS_KINDS,
    logit_loss_and_gradient,
    run_logit_training,
    start_logit_training,
)
from core.trainings import (
    DEFAULT_START,
    IMPOSSIBLE_GAP,
    TrainingsState,
    TrainingStart,
    advance_trainings,
    can_advance,
    derive_trainings,
    restart_trainings,
    run_trainings_to,
    start_trainings,
    trainable,
    training_start,
)

# Results of iterations: tests/test_portability.py runs these again with
# other SIMD and BLAS kernels.
pytestmark = pytest.mark.iterative

#: The "Training the logits" preset: z = [2, 1, 0.1], true class 2.
PRESET_START = TrainingStart((2.0, 1.0, 0.1), 2, None, 1.0, 0.0)


def same_training(a, b):
    """Bit-identical trainings (the trainings are deterministic)."""
    assert (a.loss_kind, a.label, a.lr, a.step) == (b.loss_kind, b.label, b.lr, b.step)
    assert (a.temperature, a.label_smoothing) == (b.temperature, b.label_smoothing)
    for name in ("target", "logits", "probabilities", "gradient", "loss_history"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    assert a.loss == b.loss


def core_training(start, kind, lr, steps=0):
    target = start.soft_target if start.soft_target is not None else start.label
    first = start_logit_training(
        start.logits, target, kind, lr, start.temperature, start.label_smoothing
    )
    return run_logit_training(first, steps)


@pytest.fixture
def small_step_limit(monkeypatch):
    """Trainings that may take only 20 steps (the real limit is 100,000)."""
    monkeypatch.setattr(trainings_module, "TRAINING_STEPS", IntRange("steps", 0, 20, 0))
    return 20


# the start ----------------------------------------------------------------------


def test_trainable_makes_an_impossible_class_finite_and_far_below():
    logits = np.array([1.0, -np.inf, 3.0, -2.0])
    finite = trainable(logits)
    assert np.array_equal(finite, [1.0, -2.0 - IMPOSSIBLE_GAP, 3.0, -2.0])
    assert np.isneginf(logits[1])  # the input is left alone
    # Far enough below to be e⁻⁴⁰ of the smallest, near enough to move.
    q = softmax(finite)
    assert 0 < q[1] / q[3] == pytest.approx(math.exp(-IMPOSSIBLE_GAP), rel=1e-12)
    assert np.array_equal(trainable(np.array([0.5, -1.0])), [0.5, -1.0])
    assert np.array_equal(trainable(np.array([-np.inf, -np.inf])), [-40.0, -40.0])


def test_the_start_of_the_default_scenario_is_its_logits_and_label():
    scenario = default_scenario()
    start = training_start(evaluate(scenario))
    assert start == TrainingStart(
        tuple(scenario.logits.tolist()), scenario.label, None, 1.0, 0.0
    )
    assert all(type(z) is float for z in start.logits)
    assert type(start.label) is int


def test_tempered_and_smoothed_starts_carry_t_and_epsilon():
    scenario = default_scenario().replace(temperature=2.0, label_smoothing=0.2, label=3)
    start = training_start(evaluate(scenario))
    assert (start.temperature, start.label_smoothing, start.label) == (2.0, 0.2, 3)
    state = start_trainings(start)
    results = evaluate(scenario)
    for training in state.trainings:
        assert training.temperature == 2.0 and training.label_smoothing == 0.2
        # The target is the explorer's: (1 − ε)·onehot + ε/K.
        assert np.array_equal(training.target, results.target)
    ce = state.training("cross_entropy")
    assert np.allclose(ce.gradient, results.grad, rtol=1e-12, atol=1e-15)


def test_logits_that_follow_q_start_finite():
    scenario = default_scenario().replace(
        logits_follow_q=True, q_weights=np.array([0.5, 0.3, 0.0, 0.2])
    )
    results = evaluate(scenario)
    assert np.isneginf(results.logits[2])  # log of a zero weight
    start = training_start(results)
    logits = np.array(start.logits)
    assert np.all(np.isfinite(logits))
    possible = [0, 1, 3]
    assert np.array_equal(logits[possible], results.logits[possible])
    assert logits[2] == np.min(results.logits[possible]) - IMPOSSIBLE_GAP
    state = start_trainings(start)
    for training in state.trainings:
        assert np.all(np.isfinite(training.gradient)) and math.isfinite(training.loss)
    # Q is the softmax of its own logits: the trainings start from Q.
    assert np.allclose(state.trainings[0].probabilities, results.q, atol=1e-15)


@pytest.mark.parametrize("label", [0, 2])
def test_a_linked_start_trains_toward_p(label):
    scenario = default_scenario().replace(
        linked=True, label_smoothing=0.2, temperature=2.0, label=label
    )
    results = evaluate(scenario)
    start = training_start(results)
    assert start.soft_target == tuple(results.p.tolist())
    # The class P makes most likely, whatever the explorer's label: the one
    # the formulas and the q_y plot measure.
    assert start.label == int(np.argmax(results.p)) == 0
    state = start_trainings(start)
    for training in state.trainings:
        assert training.label is None  # a soft target
        assert training.true_class == start.label
        assert np.array_equal(training.target, results.target)  # (1 − ε)·P + ε/K
    ce = state.training("cross_entropy")
    assert np.allclose(ce.gradient, (results.softmax - results.target) / 2.0)
    assert np.allclose(ce.gradient, results.grad, rtol=1e-12, atol=1e-15)


def test_a_linked_start_ignores_the_explorers_label():
    linked = default_scenario().replace(linked=True)
    assert training_start(evaluate(linked.replace(label=0))) == training_start(
        evaluate(linked.replace(label=3))
    )


# starting, advancing, restarting ----------------------------------------------


@pytest.mark.parametrize("start", [DEFAULT_START, PRESET_START])
def test_both_trainings_are_the_cores(start):
    state = start_trainings(start, 0.7)
    assert state.start is start and state.learning_rate == 0.7 and state.step == 0
    assert tuple(t.loss_kind for t in state.trainings) == LOSS_KINDS
    for kind in LOSS_KINDS:
        same_training(state.training(kind), core_training(start, kind, 0.7))


def test_the_default_learning_rate_and_start():
    state = start_trainings(DEFAULT_START)
    assert state.learning_rate == TRAINING_LEARNING_RATE.default == 0.5
    assert state.start is DEFAULT_START


def test_a_soft_target_start_is_the_cores():
    start = TrainingStart((0.0, 1.0, -1.0), 1, (0.2, 0.5, 0.3), 1.5, 0.1)
    state = start_trainings(start, 0.2)
    for kind in LOSS_KINDS:
        same_training(state.training(kind), core_training(start, kind, 0.2))
        assert state.training(kind).true_class == 1


@pytest.mark.parametrize(
    "lr", [0.0, 0.0009, 10.5, -1.0, math.nan, math.inf, "fast", None, True]
)
def test_a_learning_rate_outside_its_range_is_refused_by_name(lr):
    with pytest.raises(ValueError, match=r"^learning_rate must"):
        start_trainings(DEFAULT_START, lr)
    if lr is not None:  # None keeps the learning rate
        with pytest.raises(ValueError, match=r"^learning_rate must"):
            restart_trainings(start_trainings(DEFAULT_START), learning_rate=lr)


def test_a_start_the_core_refuses_is_a_value_error():
    with pytest.raises(ValueError, match=r"target 5 is out of range \[0, 2\)"):
        start_trainings(TrainingStart((1.0, 2.0), 5, None, 1.0, 0.0))
    with pytest.raises(ValueError, match=r"target sums to 1\.1, not 1"):
        start_trainings(TrainingStart((1.0, 2.0), 0, (0.5, 0.6), 1.0, 0.0))
    with pytest.raises(ValueError, match="logits"):
        start_trainings(TrainingStart((1.0, math.inf), 0, None, 1.0, 0.0))


def test_advance_is_the_cores_training_for_both():
    state = advance_trainings(start_trainings(PRESET_START), 30)
    assert state.step == 30
    for kind in LOSS_KINDS:
        same_training(state.training(kind), core_training(PRESET_START, kind, 0.5, 30))
    # Both learn the true class from a wrong start (q₂ ≈ 0.1 at step 0).
    for training in state.trainings:
        assert training.probabilities[2] > 0.75
        assert training.loss < training.loss_history[0] / 10


def test_advance_in_pieces_equals_one_run():
    start = start_trainings(PRESET_START, 1.3)
    whole = advance_trainings(start, 25)
    pieces = advance_trainings(advance_trainings(start, 1), 24)
    assert pieces == whole
    for a, b in zip(pieces.trainings, whole.trainings, strict=True):
        same_training(a, b)
    assert start.step == 0
    with pytest.raises(AttributeError):
        start.learning_rate = 1.0  # type: ignore[misc]


@pytest.mark.parametrize("steps", [0, -2])
def test_no_steps_is_the_same_state(steps):
    state = advance_trainings(start_trainings(PRESET_START), 3)
    assert advance_trainings(state, steps) is state


def test_the_trainings_stop_at_the_step_limit(small_step_limit):
    state = advance_trainings(start_trainings(PRESET_START), 15)
    assert can_advance(state)
    full = advance_trainings(state, 100)
    assert full.step == small_step_limit and not can_advance(full)
    assert advance_trainings(full, 1) is full


def test_training_never_stops_by_itself():
    state = advance_trainings(start_trainings(PRESET_START, 10.0), 300)
    assert state.training("cross_entropy").loss < 1e-3
    assert can_advance(state)


def test_restart_goes_back_to_step_0_with_the_changes():
    state = advance_trainings(start_trainings(PRESET_START, 0.3), 12)
    again = restart_trainings(state)
    assert again.step == 0 and again == start_trainings(PRESET_START, 0.3)
    fresh = start_trainings(PRESET_START, 0.3)
    for a, b in zip(again.trainings, fresh.trainings, strict=True):
        same_training(a, b)
    other = TrainingStart((0.0, 1.0, -1.0), 0, None, 1.0, 0.0)
    moved = restart_trainings(state, start=other)
    assert moved.start is other and moved.learning_rate == 0.3 and moved.step == 0
    faster = restart_trainings(state, learning_rate=2.0)
    assert faster.start is state.start and faster.learning_rate == 2.0
    assert faster.step == 0


def test_run_trainings_to_is_exactly_that_many_steps_from_the_start():
    state = advance_trainings(start_trainings(PRESET_START, 0.8), 9)
    for step in (0, 4, 9, 21):
        again = run_trainings_to(state, step)
        expected = advance_trainings(start_trainings(PRESET_START, 0.8), step)
        assert again == expected
        for a, b in zip(again.trainings, expected.trainings, strict=True):
            same_training(a, b)
    with pytest.raises(ValueError, match=r"^steps must lie in"):
        run_trainings_to(state, TRAINING_STEPS.high + 1)
    with pytest.raises(ValueError, match=r"^steps must"):
        run_trainings_to(state, -1)


# equality ------------------------------------------------------------------------


def test_states_are_equal_when_start_rate_and_step_are():
    a = advance_trainings(start_trainings(PRESET_START, 0.5), 4)
    b = advance_trainings(
        start_trainings(TrainingStart((2.0, 1.0, 0.1), 2, None, 1.0, 0.0), 0.5), 4
    )
    assert a == b and a is not b and a.start is not b.start
    assert a != advance_trainings(a, 1)
    assert a != advance_trainings(start_trainings(PRESET_START, 0.6), 4)
    other_start = TrainingStart((2.0, 1.0, 0.1), 1, None, 1.0, 0.0)
    assert a != advance_trainings(start_trainings(other_start, 0.5), 4)
    soft = TrainingStart((2.0, 1.0, 0.1), 2, (0.0, 0.0, 1.0), 1.0, 0.0)
    assert a != advance_trainings(start_trainings(soft, 0.5), 4)
    assert a != "trainings" and a.__eq__("trainings") is NotImplemented
    with pytest.raises(TypeError):
        hash(a)


def test_starts_are_equal_by_value():
    scenario = default_scenario()
    assert training_start(evaluate(scenario)) == training_start(evaluate(scenario))
    assert training_start(evaluate(scenario)) != training_start(
        evaluate(scenario.replace(logits=np.array([2.0, 1.0, 0.1, -0.5])))
    )


# deriving ----------------------------------------------------------------------


@pytest.mark.parametrize("steps", [0, 7])
@pytest.mark.parametrize(
    "start",
    [PRESET_START, TrainingStart((0.5, -1.0, 2.0, 0.0), 1, None, 0.7, 0.1)],
)
def test_the_terms_are_the_cores_gradient(start, steps):
    state = advance_trainings(start_trainings(start, 0.4), steps)
    results = derive_trainings(state)
    assert results.state is state
    c = start.label
    for kind, training, terms in zip(
        LOSS_KINDS, state.trainings, results.terms, strict=True
    ):
        _, gradient = logit_loss_and_gradient(
            training.logits, c, kind, start.temperature, start.label_smoothing
        )
        assert terms.gradient == training.gradient[c]
        assert terms.gradient == pytest.approx(gradient[c], rel=1e-12, abs=1e-15)
        assert terms.q == training.probabilities[c]
        assert terms.y == training.target[c]
        assert terms.temperature == start.temperature
        q, y = training.probabilities, training.target
        assert terms.mixed == pytest.approx(np.sum(q * (q - y)), rel=1e-12)
        # What the page's formulas say, with these numbers.
        if kind == "cross_entropy":
            expected = (terms.q - terms.y) / terms.temperature
        else:
            expected = (
                2 * terms.q * ((terms.q - terms.y) - terms.mixed) / terms.temperature
            )
        assert terms.gradient == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_the_presets_numbers():
    ce, se = derive_trainings(start_trainings(PRESET_START)).terms
    q2 = math.exp(0.1) / (math.exp(2.0) + math.exp(1.0) + math.exp(0.1))
    assert ce.q == pytest.approx(q2, rel=1e-14) and round(q2, 3) == 0.099
    assert ce.y == 1.0 and ce.gradient == pytest.approx(q2 - 1.0, rel=1e-14)
    assert round(ce.gradient, 4) == -0.9014 and round(se.gradient, 4) == -0.2574


def test_squared_error_pushes_every_output_cross_entropy_only_the_truth():
    state = start_trainings(PRESET_START)
    ce = state.training("cross_entropy").gradient
    se = state.training("squared_error").gradient
    q = state.training("cross_entropy").probabilities
    # Cross-entropy: every wrong class is pushed down by exactly its probability.
    assert np.allclose(ce[:2], q[:2], rtol=1e-14) and ce[2] == pytest.approx(q[2] - 1)
    # Squared error: the wrong class 1 is pushed *up*, the truth up by less.
    assert se.round(3).tolist() == [0.336, -0.078, -0.257]
    assert se[1] < 0 < ce[1] and abs(se[2]) < abs(ce[2])


def test_a_soft_target_is_measured_at_its_most_likely_class():
    start = TrainingStart((0.0, 1.0, -1.0), 1, (0.2, 0.3, 0.5), 1.0, 0.0)
    results = derive_trainings(start_trainings(start))
    for training, terms in zip(results.state.trainings, results.terms, strict=True):
        assert training.true_class == 2
        assert terms.y == 0.5 and terms.gradient == training.gradient[2]


# sessions -----------------------------------------------------------------------


def linked_start():
    scenario = default_scenario().replace(
        linked=True, label_smoothing=0.2, temperature=2.0
    )
    return training_start(evaluate(scenario))


def follow_q_start():
    scenario = default_scenario().replace(
        logits_follow_q=True, q_weights=np.array([0.5, 0.3, 0.0, 0.2])
    )
    return training_start(evaluate(scenario))


@pytest.mark.parametrize("steps", [0, 1, 40])
@pytest.mark.parametrize(
    "make_start", [lambda: PRESET_START, linked_start, follow_q_start]
)
def test_the_trainings_round_trip_through_json(make_start, steps):
    state = advance_trainings(start_trainings(make_start(), 0.37), steps)
    data = json.loads(json.dumps(trainings_to_dict(state)))
    assert data["step"] == steps and data["learning_rate"] == 0.37
    again = trainings_from_dict(data)
    assert isinstance(again, TrainingsState) and again == state
    assert again.start == state.start
    for a, b in zip(again.trainings, state.trainings, strict=True):
        same_training(a, b)


def start_data(**changes):
    data = trainings_to_dict(start_trainings(PRESET_START))
    data["start"].update(changes)
    return data


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (
            {**start_data(), "learning_rate": 20},
            r"^trainings\.learning_rate must lie in \[0\.001, 10\], got 20",
        ),
        ({**start_data(), "learning_rate": 0}, r"^trainings\.learning_rate must"),
        (
            {**start_data(), "step": TRAINING_STEPS.high + 1},
            r"^trainings\.step must lie in \[0, 100000\]",
        ),
        ({**start_data(), "step": -1}, r"^trainings\.step must lie in"),
        (start_data(label=3), r"^trainings\.start\.label must lie in \[0, 2\], got 3"),
        (
            start_data(soft_target=[0.5, 0.5, 0.5]),
            r"^trainings\.start\.soft_target must sum to 1",
        ),
        (
            start_data(soft_target=[1.5, -0.5, 0.0]),
            r"^trainings\.start\.soft_target\[0\] must lie in \[0, 1\]",
        ),
        (start_data(temperature=0), r"^trainings\.start\.temperature must lie in"),
        (
            start_data(label_smoothing=2),
            r"^trainings\.start\.label_smoothing must lie in \[0, 1\]",
        ),
        (start_data(logits=[1.0]), r"^trainings\.start\.logits"),
        (start_data(logits=[1.0, "2", 3.0]), r"^trainings\.start\.logits\[1\]"),
        (
            {"learning_rate": 0.5, "step": 0},
            r'^trainings is missing the key "start"',
        ),
        ({**start_data(), "lr": 0.5}, r'^trainings has an unknown key "lr"'),
    ],
)
def test_a_trainings_file_out_of_range_is_refused_by_field(data, match):
    with pytest.raises(SessionError, match=match):
        trainings_from_dict(data)
