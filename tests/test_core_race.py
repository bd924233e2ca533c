"""The Vanishing gradients page as a value (core/race.py), without Qt.

Claims 13 and 14 of docs/teaching.md: cross-entropy recovers from a
confidently wrong sigmoid output in a few steps while squared error crawls.
Counts that an iteration decides are asserted as bands and ratios, and
against core.training.steps_to_reach, never pinned to the last step.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

import core.race as race_module
from core.json_values import SessionError
from core.race import (
    COUNT_LIMIT,
    THRESHOLD,
    RaceState,
    ReachCount,
    advance_race,
    can_advance,
    count_further,
    derive_race,
    race_finished,
    restart_race,
    run_race_to,
    start_count,
    start_race,
    with_speed,
)
from core.ranges import RACE_LEARNING_RATE, RACE_STEPS, RACE_Z0, IntRange
from core.state_schemas import race_from_dict, race_to_dict
from core.training import (
    LOSS_KINDS,
    run_sigmoid_descent,
    sigmoid_loss_curves,
    start_sigmoid_descent,
    steps_to_reach,
)

# Results of iterations: tests/test_portability.py runs these again with
# other SIMD and BLAS kernels.
pytestmark = pytest.mark.iterative


def same_racer(a, b):
    """Bit-identical descents (the race is deterministic)."""
    assert (a.loss_kind, a.y, a.lr, a.step) == (b.loss_kind, b.y, b.lr, b.step)
    assert a.z == b.z and a.loss == b.loss and a.gradient == b.gradient
    assert np.array_equal(a.loss_history, b.loss_history)


def counted(kind, state, chunk=250):
    """Run a reach count to its end, a chunk at a time, as the page does."""
    count = start_count(kind, state)
    chunks = 0
    while not count.done:
        count = count_further(count, chunk)
        chunks += 1
    return count, chunks


@pytest.fixture
def small_step_limit(monkeypatch):
    """A race that may take only 50 steps (the real limit is 200,000)."""
    monkeypatch.setattr(race_module, "RACE_STEPS", IntRange("steps", 0, 50, 0))
    return 50


# starting ---------------------------------------------------------------------


def test_the_default_race_is_confidently_wrong():
    state = start_race()
    assert (state.z0, state.label, state.learning_rate, state.step) == (
        RACE_Z0.default,
        1,
        RACE_LEARNING_RATE.default,
        0,
    )
    assert (state.z0, state.learning_rate) == (-8.0, 1.0)
    assert tuple(racer.loss_kind for racer in state.racers) == LOSS_KINDS
    for kind in LOSS_KINDS:
        assert state.racer(kind).loss_kind == kind
        same_racer(state.racer(kind), start_sigmoid_descent(kind, -8.0, 1, 1.0))
        assert state.racer(kind).loss > THRESHOLD
    assert not race_finished(state) and can_advance(state)


def test_start_race_takes_its_settings():
    state = start_race(2.5, 0, 0.3)
    assert (state.z0, state.label, state.learning_rate) == (2.5, 0, 0.3)
    for kind in LOSS_KINDS:
        same_racer(state.racer(kind), start_sigmoid_descent(kind, 2.5, 0, 0.3))
    # The range's ends are in it.
    for z0 in (RACE_Z0.low, RACE_Z0.high):
        assert start_race(z0).z0 == z0
    for lr in (RACE_LEARNING_RATE.low, RACE_LEARNING_RATE.high):
        assert start_race(learning_rate=lr).learning_rate == lr
    assert start_race(label=1.0).label == 1 and isinstance(start_race().label, int)


@pytest.mark.parametrize(
    "z0", [-10.01, 10.5, math.nan, math.inf, -math.inf, "0", None, True]
)
def test_a_z0_outside_its_range_is_refused_by_name(z0):
    with pytest.raises(ValueError, match=r"^z0 must"):
        start_race(z0=z0)


@pytest.mark.parametrize(
    "lr", [0.0, 0.009, 10.5, -1.0, math.nan, math.inf, "fast", None, True]
)
def test_a_learning_rate_outside_its_range_is_refused_by_name(lr):
    with pytest.raises(ValueError, match=r"^learning_rate must"):
        start_race(learning_rate=lr)


@pytest.mark.parametrize(
    "label", [2, -1, 0.5, "1", None, True, False, np.array([0, 1]), np.array([1]), [1]]
)
def test_a_bad_label_is_refused_by_name(label):
    with pytest.raises(ValueError, match=r"^label must be 0 or 1"):
        start_race(label=label)


# restarting, advancing ---------------------------------------------------------


def test_restart_goes_back_to_step_0_with_the_changes():
    state = advance_race(start_race(-6.0, 1, 0.5), 40)
    again = restart_race(state)
    assert again.step == 0 and again == start_race(-6.0, 1, 0.5)
    same_racer(again.racers[0], start_race(-6.0, 1, 0.5).racers[0])
    changed = restart_race(state, z0=3.0, label=0)
    assert (changed.z0, changed.label, changed.learning_rate) == (3.0, 0, 0.5)
    assert changed.step == 0
    assert restart_race(state, learning_rate=2.0).learning_rate == 2.0


def test_restart_refuses_unknown_and_out_of_range_settings():
    state = start_race()
    with pytest.raises(ValueError, match="unknown race setting 'y'"):
        restart_race(state, y=0)
    with pytest.raises(ValueError, match=r"^z0 must"):
        restart_race(state, z0=11.0)
    with pytest.raises(ValueError, match=r"^learning_rate must"):
        restart_race(state, learning_rate=0.0)
    with pytest.raises(ValueError, match=r"^label must"):
        restart_race(state, label=3)


def test_advance_is_the_cores_descent_for_both_racers():
    state = advance_race(start_race(), 250)
    assert state.step == 250
    for kind in LOSS_KINDS:
        expected = run_sigmoid_descent(start_sigmoid_descent(kind, -8.0, 1, 1.0), 250)
        same_racer(state.racer(kind), expected)
    # Claim 14 after 250 steps: cross-entropy is far below the threshold,
    # squared error has barely moved from a loss near 1.
    assert state.racer("cross_entropy").loss < THRESHOLD / 10
    assert state.racer("squared_error").loss > 0.99


def test_advance_in_pieces_equals_one_run_and_leaves_the_state_alone():
    start = start_race(-7.0, 1, 2.0)
    whole = advance_race(start, 30)
    pieces = advance_race(advance_race(advance_race(start, 1), 12), 17)
    assert pieces == whole
    for a, b in zip(pieces.racers, whole.racers, strict=True):
        same_racer(a, b)
    assert start.step == 0  # frozen: advancing made new states
    with pytest.raises(AttributeError):
        start.z0 = 1.0  # type: ignore[misc]


@pytest.mark.parametrize("steps", [0, -3])
def test_no_steps_is_the_same_state(steps):
    state = advance_race(start_race(), 5)
    assert advance_race(state, steps) is state


def test_advance_stops_at_the_step_limit(small_step_limit):
    state = advance_race(start_race(), 45)
    assert can_advance(state)
    full = advance_race(state, 20)
    assert full.step == small_step_limit
    assert not can_advance(full) and not race_finished(full)
    assert advance_race(full, 1) is full


def test_can_advance_until_both_are_below_the_threshold():
    state = start_race()
    ce = steps_to_reach("cross_entropy", -8.0, 1, 1.0, THRESHOLD)
    se = steps_to_reach("squared_error", -8.0, 1, 1.0, THRESHOLD)
    # Cross-entropy arriving first does not finish the race ...
    after_ce = advance_race(state, ce)
    assert after_ce.racer("cross_entropy").loss < THRESHOLD
    assert not race_finished(after_ce) and can_advance(after_ce)
    # ... squared error's arrival does, exactly at its count.
    assert can_advance(advance_race(state, se - 1))
    finished = advance_race(state, se)
    assert race_finished(finished) and not can_advance(finished)
    assert derive_race(finished).finished and not derive_race(after_ce).finished


def test_a_race_that_starts_below_the_threshold_cannot_be_played():
    state = start_race(8.0, 1)
    assert race_finished(state) and not can_advance(state)


def test_run_race_to_is_exactly_that_many_steps_from_the_start():
    state = advance_race(start_race(-5.0, 0, 0.2), 37)
    for step in (0, 10, 37, 60):
        again = run_race_to(state, step)
        expected = advance_race(start_race(-5.0, 0, 0.2), step)
        assert again.step == step and again == expected
        for a, b in zip(again.racers, expected.racers, strict=True):
            same_racer(a, b)
    with pytest.raises(ValueError, match=r"^steps must lie in"):
        run_race_to(state, RACE_STEPS.high + 1)
    with pytest.raises(ValueError, match=r"^steps must"):
        run_race_to(state, -1)


# equality --------------------------------------------------------------------


def test_states_are_equal_when_settings_and_step_are():
    a = advance_race(start_race(-3.0, 1, 0.5), 4)
    b = advance_race(start_race(-3.0, 1, 0.5), 4)
    assert a == b and a is not b
    assert a != advance_race(a, 1)
    assert a != advance_race(start_race(-3.0, 0, 0.5), 4)
    assert a != advance_race(start_race(-3.0, 1, 0.6), 4)
    assert a != advance_race(start_race(-3.5, 1, 0.5), 4)
    assert a != "a race" and a.__eq__("a race") is NotImplemented
    with pytest.raises(TypeError):
        hash(a)


# deriving ----------------------------------------------------------------------


@pytest.mark.parametrize("label", [0, 1])
def test_derive_gives_the_cores_curves_cached_per_label(label):
    results = derive_race(start_race(label=label))
    curves = sigmoid_loss_curves(label)
    assert np.array_equal(results.curves.z, curves.z)
    for name in (
        "cross_entropy_loss",
        "squared_error_loss",
        "cross_entropy_gradient",
        "squared_error_gradient",
    ):
        assert np.array_equal(getattr(results.curves, name), getattr(curves, name))
    # Computed once per label, not per step.
    assert derive_race(start_race(3.0, label, 0.2)).curves is results.curves


def test_derive_reads_the_gradients_at_z0_whatever_the_step():
    state = advance_race(start_race(), 300)
    results = derive_race(state)
    assert results.state is state
    for kind, at_z0 in zip(LOSS_KINDS, results.at_z0, strict=True):
        same_racer(at_z0, start_sigmoid_descent(kind, -8.0, 1, 1.0))
    sigma = 1.0 / (1.0 + math.exp(8.0))
    assert results.probability == pytest.approx(sigma, rel=1e-15)
    # |σ − y| over |2(σ − y)σ(1 − σ)|: squared error's vanishing factor.
    assert results.gradient_ratio == pytest.approx(
        1.0 / (2.0 * sigma * (1.0 - sigma)), rel=1e-12
    )
    assert 1400 < results.gradient_ratio < 1600  # "about 1,500 times"
    assert not results.finished


# the reach count ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("z0", "label", "lr"),
    [(-8.0, 1, 1.0), (-8.0, 1, 10.0), (6.0, 0, 3.0), (-2.0, 1, 0.05)],
)
@pytest.mark.parametrize("kind", LOSS_KINDS)
def test_the_count_in_chunks_is_steps_to_reach(kind, z0, label, lr):
    state = start_race(z0, label, lr)
    count, chunks = counted(kind, state)
    expected = steps_to_reach(kind, z0, label, lr, THRESHOLD, COUNT_LIMIT)
    assert count.done and count.steps == expected and count.kind == kind
    assert chunks == math.ceil(expected / 250)
    # The count ends in the chunk of the crossing: progress is at most a chunk on.
    assert expected <= count.progress < expected + 250
    # Any chunk size gives the same count.
    assert counted(kind, state, chunk=7)[0].steps == expected
    # A finished count stays as it is.
    assert count_further(count) is count


def test_the_default_counts_show_the_claim():
    state = start_race()
    ce = counted("cross_entropy", state)[0].steps
    se = counted("squared_error", state)[0].steps
    assert ce is not None and se is not None
    assert ce < se / 10  # claim 14: under a tenth of the steps
    assert 15 <= ce <= 25 and 1300 <= se <= 1700  # about 20 against 1,500


def test_a_count_that_starts_below_the_threshold_is_0_and_done():
    count = start_count("cross_entropy", start_race(8.0, 1))
    assert count == ReachCount("cross_entropy", count.runner, 0, True)
    assert count.progress == 0
    assert steps_to_reach("cross_entropy", 8.0, 1, 1.0, THRESHOLD) == 0


def test_a_count_follows_the_states_settings_not_its_step():
    state = start_race(-6.0, 1, 2.0)
    ahead = advance_race(state, 100)
    for kind in LOSS_KINDS:
        assert counted(kind, ahead)[0].steps == counted(kind, state)[0].steps


def test_a_count_gives_up_at_the_limit(monkeypatch):
    monkeypatch.setattr(race_module, "COUNT_LIMIT", 1000)
    count, _ = counted("squared_error", start_race())
    assert count.done and count.steps is None and count.progress == 1000
    assert steps_to_reach("squared_error", -8.0, 1, 1.0, THRESHOLD, 1000) is None


def test_a_chunk_never_counts_beyond_the_limit(monkeypatch):
    # A crossing just after the limit, inside the last chunk, is not counted:
    # steps_to_reach with that max_steps says None, and so must the count.
    needed = steps_to_reach("squared_error", -8.0, 1, 1.0, THRESHOLD)
    monkeypatch.setattr(race_module, "COUNT_LIMIT", needed - 1)
    count, _ = counted("squared_error", start_race(), chunk=needed + 5)
    assert count.steps is None and count.progress == needed - 1


def test_a_chunk_longer_than_the_kept_history_still_counts_exactly():
    # The runner keeps only the latest losses; a chunk longer than that must
    # not misplace the crossing.
    state = start_race(-8.0, 1, 1.0)
    expected = steps_to_reach("squared_error", -8.0, 1, 1.0, THRESHOLD)
    assert counted("squared_error", state, chunk=20_000)[0].steps == expected


@pytest.mark.parametrize("chunk", [0, -1])
def test_a_chunk_must_take_a_step(chunk):
    count = start_count("squared_error", start_race())
    with pytest.raises(ValueError, match=r"^chunk must be at least 1"):
        count_further(count, chunk)


# sessions -----------------------------------------------------------------------


@pytest.mark.parametrize("steps", [0, 1, 19, 333])
def test_the_race_round_trips_through_json(steps):
    state = advance_race(start_race(-4.25, 0, 0.37), steps)
    data = json.loads(json.dumps(race_to_dict(state)))
    assert data == {
        "z0": -4.25,
        "label": 0,
        "learning_rate": 0.37,
        "step": steps,
        "steps_per_frame": 2,
    }
    again = race_from_dict(data)
    assert isinstance(again, RaceState) and again == state
    for a, b in zip(again.racers, state.racers, strict=True):
        same_racer(a, b)


@pytest.mark.parametrize(
    ("field", "value", "match"),
    [
        ("z0", 10.5, r"^race\.z0 must lie in \[-10, 10\], got 10\.5"),
        ("z0", -11, r"^race\.z0 must lie in"),
        ("z0", "0", r"^race\.z0 must"),
        ("label", 2, r"^race\.label must be 0 or 1, got 2"),
        ("label", True, r"^race\.label must be an integer"),
        ("learning_rate", 0.001, r"^race\.learning_rate must lie in \[0\.01, 10\]"),
        ("learning_rate", 20, r"^race\.learning_rate must lie in"),
        ("step", -1, r"^race\.step must lie in \[0, 200000\]"),
        ("step", RACE_STEPS.high + 1, r"^race\.step must lie in"),
        ("step", 2.5, r"^race\.step must be an integer"),
        ("steps_per_frame", 3, r"^race\.steps_per_frame must be 1 or 2 or 5 or 20"),
        ("steps_per_frame", "2", r"^race\.steps_per_frame must be an integer"),
    ],
)
def test_a_race_file_out_of_range_is_refused_by_field(field, value, match):
    data = race_to_dict(start_race())
    data[field] = value
    with pytest.raises(SessionError, match=match):
        race_from_dict(data)


def test_a_race_file_with_a_missing_or_unknown_key_is_refused():
    data = race_to_dict(start_race())
    del data["step"]
    with pytest.raises(SessionError, match=r'^race is missing the key "step"'):
        race_from_dict(data)
    with pytest.raises(SessionError, match=r'^race has an unknown key "y"'):
        race_from_dict({**race_to_dict(start_race()), "y": 1})


def test_the_speed_is_kept_by_a_restart_and_checked() -> None:
    fast = with_speed(advance_race(start_race(), 5), 20)
    assert fast.steps_per_frame == 20 and fast.step == 5
    again = restart_race(fast, z0=1.0)
    assert again.step == 0 and again.steps_per_frame == 20
    assert again != restart_race(start_race(), z0=1.0)  # the speed counts
    for bad in (3, 2.5, "2", True, None):
        with pytest.raises(ValueError, match=r"^steps_per_frame must be one of"):
            with_speed(fast, bad)
