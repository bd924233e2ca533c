"""Every page's state as JSON and back (core/state_schemas.py), without Qt.

A saved page comes back as it was: the race and the trainings run again to
their step and equal the original bit for bit (histories included), the fits
resume at the same μ, log σ and step, the batch is the same table. A value
that a control could not show is refused naming its field (z₀ = 30, while
the race's slider stops at 10, was the issue's example of a range
mismatch), and so is an unknown or missing key.
"""

from __future__ import annotations

import dataclasses
import json
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.batch import BatchState, add_sample, batch_of, edit_cell, example_batch
from core.code_lab import advance_code_lab, start_code_lab
from core.fitting import SIGMA_MIN, run_kl_fit
from core.json_values import SessionError, strict_json
from core.kl_fits import (
    FitsState,
    advance_fits,
    peaks,
    reshape,
    resume_fits,
    start_fits,
)
from core.next_token import DecodingSettings
from core.next_token_lab import start_lab, with_settings
from core.race import RaceState, advance_race, start_race
from core.ranges import (
    FIT_BINS,
    FIT_STEPS,
    RACE_LEARNING_RATE,
    RACE_STEPS,
    RACE_Z0,
    TRAINING_STEPS,
)
from core.sampling_lab import advance_sampling_lab, start_sampling_lab
from core.scenario import Scenario, default_scenario, evaluate
from core.session import Session, parse_session, session_to_json
from core.state_schemas import (
    FIT_LOG_SIGMA,
    FIT_MU,
    SETTING_KINDS,
    START_LOGIT,
    STATE_KINDS,
    batch_from_dict,
    batch_to_dict,
    fits_from_dict,
    race_from_dict,
    settings_to_state,
    trainings_from_dict,
)
from core.trainings import (
    DEFAULT_START,
    TrainingsState,
    advance_trainings,
    start_trainings,
    training_start,
)

# --- helpers ------------------------------------------------------------------


def assert_same(a: Any, b: Any, where: str = "state") -> None:
    """Equal field by field, arrays bit for bit (more than the states' ==)."""
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        assert type(a) is type(b), where
        for f in dataclasses.fields(a):
            assert_same(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, np.ndarray):
        assert isinstance(b, np.ndarray), where
        assert a.dtype == b.dtype and a.shape == b.shape, where
        np.testing.assert_array_equal(a, b, err_msg=where, strict=True)
    elif isinstance(a, (tuple, list)):
        assert type(a) is type(b) and len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            assert_same(x, y, f"{where}[{i}]")
    else:
        assert a == b, f"{where}: {a!r} != {b!r}"


def through_a_session(kind: str, state: Any) -> Any:
    """The state saved in a session's text and read back."""
    text = session_to_json(Session(default_scenario(), {kind: state}))
    return parse_session(text).pages[kind]


def dict_of(kind: str, state: Any) -> dict[str, Any]:
    """The state's JSON data, as the file holds it (a deep, plain copy)."""
    data: dict[str, Any] = json.loads(json.dumps(STATE_KINDS[kind][0](state)))
    return data


def read(kind: str, data: Any) -> Any:
    return STATE_KINDS[kind][1](data, kind)


def played(state: Any, advance: Any, chunks: list[int]) -> Any:
    """A page's play: ``advance`` by each chunk in turn (a frame's steps)."""
    for steps in chunks:
        state = advance(state, steps)
    return state


def linked_scenario() -> Scenario:
    """Linked, smoothed, at T = 0.5: the trainings start from a soft target."""
    return Scenario(
        p_weights=[0.1, 0.6, 0.3],
        q_weights=[1.0, 1.0, 1.0],
        logits=[2.0, -1.0, 0.5],
        temperature=0.5,
        label=1,
        label_smoothing=0.1,
        units="nats",
        linked=True,
    )


# --- the kinds ----------------------------------------------------------------


def test_the_kinds() -> None:
    assert tuple(STATE_KINDS) == (
        "race",
        "trainings",
        "fits",
        "batch",
        "next_token",
        "sampling",
        "codes",
    )
    assert ("scenario", *STATE_KINDS) == SETTING_KINDS


# --- round trips ----------------------------------------------------------------


def race_played() -> RaceState:
    # Two steps a frame, as the page plays: 20 frames, then a single step.
    return played(start_race(-8.0, 1, 1.0), advance_race, [2] * 20 + [1])


def race_of_the_other_label() -> RaceState:
    return played(start_race(6.5, 0, 0.3), advance_race, [7, 100, 16])


def trainings_played() -> TrainingsState:
    start = training_start(evaluate(linked_scenario()))
    assert start.soft_target is not None
    return played(start_trainings(start, 0.5), advance_trainings, [1] * 30)


def trainings_of_a_label() -> TrainingsState:
    return played(start_trainings(DEFAULT_START, 2.5), advance_trainings, [5, 12])


@pytest.mark.parametrize(
    ("kind", "make"),
    [
        ("race", race_played),
        ("race", race_of_the_other_label),
        ("race", start_race),
        ("trainings", trainings_played),
        ("trainings", trainings_of_a_label),
        ("trainings", lambda: start_trainings(DEFAULT_START)),
    ],
    ids=["race", "race-y0", "race-start", "trainings", "trainings-label", "t-start"],
)
def test_races_and_trainings_run_again_to_their_step_and_equal_the_original(
    kind: str, make: Any
) -> None:
    state = make()
    loaded = through_a_session(kind, state)
    assert loaded == state
    assert loaded.step == state.step
    # Not only the settings and the step: every racer's z, loss, gradient
    # and loss history, bit for bit.
    assert_same(loaded, state)


def test_a_race_at_its_step_limit_is_refused_one_step_beyond() -> None:
    data = dict_of("race", start_race())
    data["step"] = RACE_STEPS.high + 1
    with pytest.raises(SessionError) as caught:
        race_from_dict(data)
    assert str(caught.value) == "race.step must lie in [0, 200000], got 200001"


def test_fits_resume_at_the_same_mu_log_sigma_and_step() -> None:
    state = advance_fits(start_fits(seed=11, shown="reverse"), 41)
    state = advance_fits(reshape(state, peaks(position_1=20.5, width_2=2.25)), 17)
    loaded = through_a_session("fits", state)
    assert loaded == state
    assert (loaded.peaks, loaded.seed, loaded.shown) == (
        state.peaks,
        state.seed,
        state.shown,
    )
    for saved, fit in zip(state.fits, loaded.fits, strict=True):
        assert (fit.direction, fit.mu, fit.log_sigma, fit.step) == (
            saved.direction,
            saved.mu,
            saved.log_sigma,
            saved.step,
        )
        np.testing.assert_array_equal(fit.model, saved.model)
        np.testing.assert_array_equal(fit.target, saved.target)
        assert (fit.loss, fit.converged) == (saved.loss, saved.converged)
        # The history starts afresh there; the fit goes on exactly as before.
        assert fit.loss_history.tolist() == [saved.loss]
        after, expected = run_kl_fit(fit, 25), run_kl_fit(saved, 25)
        assert (after.mu, after.log_sigma, after.step) == (
            expected.mu,
            expected.log_sigma,
            expected.step,
        )


def test_converged_fits_resume_converged() -> None:
    state = advance_fits(start_fits(), FIT_STEPS.high)
    assert state.converged
    loaded = through_a_session("fits", state)
    assert loaded.converged and loaded == state


def test_an_edited_batch_round_trips_exactly() -> None:
    state = add_sample(example_batch()).state
    state = edit_cell(state, 4, 2, "-49.99999").state
    state = edit_cell(state, 0, 0, "1e-320").state  # a subnormal survives
    state = edit_cell(state, 4, 5, "3").state  # column K is the label
    loaded = through_a_session("batch", state)
    assert loaded == state
    assert_same(loaded, state)
    assert loaded.labels.tolist() == [4, 3, 3, 2, 3]
    assert loaded.logits[0, 0] == 1e-320


def test_every_page_in_one_session_with_its_view() -> None:
    pages = {
        "race": race_played(),
        "trainings": trainings_played(),
        "fits": advance_fits(start_fits(), 9),
        "batch": example_batch(),
    }
    session = Session(linked_scenario(), pages, {"page": "fits"})
    text = session_to_json(session)
    document = json.loads(text)
    assert list(document) == ["format", "version", "scenario", "pages", "view"]
    assert document["version"] == 2
    assert list(document["pages"]) == list(pages)
    loaded = parse_session(text)
    assert loaded.scenario == session.scenario
    assert loaded.view == {"page": "fits"}
    assert set(loaded.pages) == set(pages)
    for kind, state in pages.items():
        assert loaded.pages[kind] == state
    # Written again, the text is the same: nothing drifts through a round trip.
    assert session_to_json(loaded) == text


@pytest.mark.parametrize(
    ("kind", "state"),
    [
        ("race", start_race(-2.5, 0, 0.05)),
        ("trainings", start_trainings(DEFAULT_START)),
        ("fits", start_fits(seed=5)),
        ("batch", example_batch()),
        ("next_token", start_lab(262_144)),
    ],
)
def test_the_data_is_plain_json(kind: str, state: Any) -> None:
    data = STATE_KINDS[kind][0](state)

    def plain(value: Any) -> None:
        if isinstance(value, dict):
            assert all(type(key) is str for key in value)
            for item in value.values():
                plain(item)
        elif isinstance(value, list):
            for item in value:
                plain(item)
        else:
            assert value is None or type(value) in (bool, int, float, str), value

    plain(data)
    assert json.loads(json.dumps(data, allow_nan=False)) == data
    assert read(kind, strict_json(json.dumps(data))) == state


race_settings = st.builds(
    lambda z0, label, lr, chunks: played(
        start_race(z0, label, lr), advance_race, chunks
    ),
    st.floats(RACE_Z0.low, RACE_Z0.high),
    st.sampled_from([0, 1]),
    st.floats(RACE_LEARNING_RATE.low, RACE_LEARNING_RATE.high),
    st.lists(st.integers(0, 12), max_size=5),
)


@settings(deadline=None, max_examples=60)
@given(race_settings)
def test_any_race_round_trips(state: RaceState) -> None:
    loaded = race_from_dict(strict_json(json.dumps(dict_of("race", state))))
    assert_same(loaded, state)


slider_scenarios = st.integers(2, 16).flatmap(
    lambda k: st.builds(
        Scenario,
        p_weights=st.lists(st.floats(0, 1), min_size=k, max_size=k).filter(any),
        q_weights=st.lists(st.floats(0, 1), min_size=k, max_size=k).filter(any),
        logits=st.lists(st.floats(-10, 10), min_size=k, max_size=k),
        temperature=st.floats(0.05, 20),
        label=st.integers(0, k - 1),
        label_smoothing=st.floats(0, 1),
        linked=st.booleans(),
        logits_follow_q=st.booleans(),
    )
)


@settings(deadline=None, max_examples=60)
@given(slider_scenarios, st.floats(0.001, 10.0), st.integers(0, 8))
def test_the_trainings_of_any_explorer_state_round_trip(
    scenario: Scenario, lr: float, steps: int
) -> None:
    # Whatever the explorer shows, the trainings the page starts from it can
    # be saved and read back (a Q weight of 1e-300 whose logits follow Q
    # gives a start logit near −690).
    start = training_start(evaluate(scenario))
    state = advance_trainings(start_trainings(start, lr), steps)
    loaded = trainings_from_dict(strict_json(json.dumps(dict_of("trainings", state))))
    assert_same(loaded, state)


# --- the limits the core reaches are inside the file's ---------------------------


def test_a_start_from_log_q_with_tiny_and_zero_weights_saves() -> None:
    # Before: a start logit had to lie in [−100, 100]; log Q of a weight of
    # 1e-30 is −69 and an impossible class 40 below that, so the window could
    # neither save this session nor remember its last state.
    smallest = 5e-324
    scenario = default_scenario().replace(
        q_weights=[1.0, smallest, 0.0, 1.0], logits_follow_q=True
    )
    start = training_start(evaluate(scenario))
    assert min(start.logits) == pytest.approx(math.log(smallest) - 40.0)
    assert min(start.logits) > -START_LOGIT
    state = start_trainings(start)
    assert through_a_session("trainings", state) == state
    session = Session(scenario, {"trainings": state})
    assert parse_session(session_to_json(session)).pages["trainings"] == state


def test_the_fit_bounds_are_those_the_fitting_keeps() -> None:
    assert (-float(FIT_BINS), 2.0 * FIT_BINS) == FIT_MU
    assert (math.log(SIGMA_MIN), math.log(FIT_BINS)) == FIT_LOG_SIGMA
    # Fits pushed to every corner of their box are clipped onto it, and load.
    for mu in (-1e9, 1e9):
        for log_sigma in (-50.0, 50.0):
            where = ((mu, log_sigma, 3), (mu, log_sigma, 0))
            state = resume_fits(peaks(), None, "both", where)
            assert state.fits[0].mu in FIT_MU
            assert state.fits[0].log_sigma in FIT_LOG_SIGMA
            assert through_a_session("fits", state) == state


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("mu", -60.5, "must lie in [-60, 120], got -60.5"),
        ("mu", 120.5, "must lie in [-60, 120], got 120.5"),
        ("log_sigma", -2.31, "must lie in [-2.30259, 4.09434], got -2.31"),
        ("log_sigma", 4.1, "must lie in [-2.30259, 4.09434], got 4.1"),
    ],
)
def test_a_fit_beyond_the_fittings_bounds_is_refused_not_clipped(
    key: str, value: float, message: str
) -> None:
    # Before: μ = −100 loaded as −60 without a word.
    data = dict_of("fits", start_fits())
    data["fits"][1][key] = value
    with pytest.raises(SessionError) as caught:
        fits_from_dict(data)
    assert str(caught.value) == f"fits.fits[1].{key} {message}"
    assert caught.value.field == f"fits.fits[1].{key}"


# --- refusals -------------------------------------------------------------------

_MISSING = object()


def _with(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    """A deep copy of ``data`` with the item at ``path`` replaced (or removed)."""
    data = json.loads(json.dumps(data))
    *parents, last = path
    holder = data
    for key in parents:
        holder = holder[key]
    if value is _MISSING:
        del holder[last]
    else:
        holder[last] = value
    return data


def valid(kind: str) -> dict[str, Any]:
    """A valid saved state of ``kind``, a few steps in."""
    states = {
        "race": lambda: advance_race(start_race(), 3),
        "trainings": lambda: advance_trainings(
            start_trainings(training_start(evaluate(linked_scenario()))), 3
        ),
        "fits": lambda: advance_fits(start_fits(), 3),
        "batch": example_batch,
        "next_token": lambda: with_settings(
            start_lab(), "p", DecodingSettings(0.8, top_k=50, top_p=0.9, min_p=0.01)
        ),
        "sampling": lambda: advance_sampling_lab(
            start_sampling_lab([0.7, 0.3], [0.5, 0.5], 3), 3
        ),
        "codes": lambda: advance_code_lab(
            start_code_lab([0.5, 0.25, 0.25], [0.25, 0.25, 0.5], 3), 3
        ),
    }
    return dict_of(kind, states[kind]())


OUT_OF_RANGE = [
    # The example: a z₀ of 30 loaded while the slider stopped at 10.
    ("race", ("z0",), 30, "race.z0", "must lie in [-10, 10], got 30"),
    ("race", ("z0",), -10.5, "race.z0", "must lie in [-10, 10], got -10.5"),
    ("race", ("z0",), "1", "race.z0", 'must be a number, got the string "1"'),
    ("race", ("z0",), None, "race.z0", "must be a number, got null"),
    ("race", ("label",), 2, "race.label", "must be 0 or 1, got 2"),
    ("race", ("label",), True, "race.label", "must be an integer, got true"),
    ("race", ("learning_rate",), 0.0, "race.learning_rate", "must lie in [0.01, 10]"),
    ("race", ("learning_rate",), 11, "race.learning_rate", "must lie in [0.01, 10]"),
    ("race", ("step",), -1, "race.step", "must lie in [0, 200000], got -1"),
    ("race", ("step",), 1.5, "race.step", "must be an integer, got 1.5"),
    (
        "race",
        ("step",),
        10**30,
        "race.step",
        "must lie in [0, 200000], got an integer with 31 digits",
    ),
    (
        "trainings",
        ("learning_rate",),
        0.0005,
        "trainings.learning_rate",
        "must lie in [0.001, 10], got 0.0005",
    ),
    (
        "trainings",
        ("step",),
        TRAINING_STEPS.high + 1,
        "trainings.step",
        "must lie in [0, 100000], got 100001",
    ),
    (
        "trainings",
        ("start", "logits"),
        [0.0],
        "trainings.start.logits",
        "must have 2 to 16 entries, got 1",
    ),
    (
        "trainings",
        ("start", "logits", 0),
        1000.5,
        "trainings.start.logits[0]",
        "must lie in [-1000, 1000], got 1000.5",
    ),
    (
        "trainings",
        ("start", "label"),
        3,
        "trainings.start.label",
        "must lie in [0, 2], got 3",
    ),
    (
        "trainings",
        ("start", "soft_target"),
        [0.5, 0.5],
        "trainings.start.soft_target",
        "must have 3",
    ),
    (
        "trainings",
        ("start", "soft_target"),
        [0.5, 0.5, 0.5],
        "trainings.start.soft_target",
        "must sum to 1",
    ),
    (
        "trainings",
        ("start", "soft_target", 0),
        -0.1,
        "trainings.start.soft_target[0]",
        "must lie in [0, 1], got -0.1",
    ),
    (
        "trainings",
        ("start", "temperature"),
        0.01,
        "trainings.start.temperature",
        "must lie in [0.05, 20], got 0.01",
    ),
    (
        "trainings",
        ("start", "label_smoothing"),
        2,
        "trainings.start.label_smoothing",
        "must lie in [0, 1], got 2",
    ),
    (
        "fits",
        ("peaks", "position_1"),
        59.5,
        "fits.peaks.position_1",
        "must lie in [0, 59], got 59.5",
    ),
    (
        "fits",
        ("peaks", "width_1"),
        0.4,
        "fits.peaks.width_1",
        "must lie in [0.5, 15], got 0.4",
    ),
    ("fits", ("seed",), -1, "fits.seed", "must lie in [0, 2147483647], got -1"),
    ("fits", ("seed",), 2**31, "fits.seed", "must lie in [0, 2147483647]"),
    ("fits", ("shown",), "sideways", "fits.shown", 'must be one of "both"'),
    ("fits", ("fits",), [], "fits.fits", "must have 2"),
    ("fits", ("fits", 0, "step"), 100_001, "fits.fits[0].step", "must lie in"),
    ("fits", ("fits", 0, "mu"), 1e300, "fits.fits[0].mu", "must lie in [-60, 120]"),
    (
        "batch",
        ("logits", 0, 0),
        51,
        "batch.logits[0][0]",
        "must lie in [-50, 50], got 51",
    ),
    ("batch", ("logits",), [], "batch.logits", "must have 1 to 64 entries, got 0"),
    ("batch", ("logits",), [[0.0, 0.0]] * 65, "batch.logits", "must have 1 to 64"),
    ("batch", ("logits", 1), [0.0], "batch.logits[1]", "must have 2 to 16 entries"),
    ("batch", ("logits", 1), [0.0] * 17, "batch.logits[1]", "must have 2 to 16"),
    ("batch", ("logits", 1), [0.0] * 6, "batch.logits", "must have rows of equal"),
    ("batch", ("labels", 0), 5, "batch.labels[0]", "must lie in [0, 4], got 5"),
    ("batch", ("labels", 0), 1.0, "batch.labels[0]", "must be an integer, got 1.0"),
    (
        "batch",
        ("labels",),
        [0, 1, 2],
        "batch.labels",
        "must have 4",
    ),
]


@pytest.mark.parametrize(
    ("kind", "path", "value", "field", "message"),
    OUT_OF_RANGE,
    ids=[f"{c[3]}={c[2]!r:.12}" for c in OUT_OF_RANGE],
)
def test_a_value_a_control_could_not_show_is_refused_naming_the_field(
    kind: str, path: tuple[Any, ...], value: Any, field: str, message: str
) -> None:
    data = _with(valid(kind), path, value)
    with pytest.raises(SessionError) as caught:
        read(kind, data)
    assert str(caught.value).startswith(f"{field} {message}")
    assert caught.value.field == field
    assert "\n" not in str(caught.value)
    # Inside a session the field is named from the top of the file.
    document = json.loads(session_to_json(Session(default_scenario())))
    document["pages"] = {kind: data}
    with pytest.raises(SessionError) as caught:
        parse_session(json.dumps(document))
    assert str(caught.value).startswith(f"pages.{field} {message}")
    assert caught.value.field == f"pages.{field}"


def _objects(data: Any, path: tuple[Any, ...] = ()) -> Any:
    """Every path to an object inside ``data``, the root first."""
    if isinstance(data, dict):
        yield path
        for key, item in data.items():
            yield from _objects(item, (*path, key))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _objects(item, (*path, i))


def _name(kind: str, path: tuple[Any, ...]) -> str:
    name = kind
    for step in path:
        name += f"[{step}]" if isinstance(step, int) else f".{step}"
    return name


KEYED = [(kind, path) for kind in STATE_KINDS for path in _objects(valid(kind))]


@pytest.mark.parametrize(("kind", "path"), KEYED, ids=[_name(*k) for k in KEYED])
def test_an_unknown_key_is_refused_naming_its_object(
    kind: str, path: tuple[Any, ...]
) -> None:
    data = _with(valid(kind), (*path, "colour"), "red")
    with pytest.raises(SessionError) as caught:
        read(kind, data)
    assert str(caught.value) == f'{_name(kind, path)} has an unknown key "colour"'
    assert caught.value.field == _name(kind, path)


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


REQUIRED = [
    (kind, (*path, key))
    for kind in STATE_KINDS
    for path in _objects(valid(kind))
    for key in _at(valid(kind), path)
    if not (kind == "fits" and path == ("peaks",))  # every peak has a default
    # Written since the speed is in the state; older files lack it.
    and not (kind == "race" and key == "steps_per_frame")
]


@pytest.mark.parametrize(("kind", "path"), REQUIRED, ids=[_name(*k) for k in REQUIRED])
def test_a_missing_key_is_refused_naming_it(kind: str, path: tuple[Any, ...]) -> None:
    data = _with(valid(kind), path, _MISSING)
    with pytest.raises(SessionError) as caught:
        read(kind, data)
    where = _name(kind, path[:-1])
    assert str(caught.value) == f'{where} is missing the key "{path[-1]}"'


def test_peaks_left_out_take_their_defaults() -> None:
    data = valid("fits")
    data["peaks"] = {"width_2": 2.0}
    assert fits_from_dict(data).peaks == peaks(width_2=2.0)


@pytest.mark.parametrize("kind", list(STATE_KINDS))
@pytest.mark.parametrize("value", [None, [], "race", 1, True])
def test_a_state_that_is_not_an_object_is_refused(kind: str, value: Any) -> None:
    with pytest.raises(SessionError, match=f"^{kind} must be an object, got "):
        read(kind, value)


def test_a_shape_of_p_with_both_heights_at_0_is_refused() -> None:
    data = valid("fits")
    data["peaks"].update(height_1=0.0, height_2=0)
    with pytest.raises(SessionError, match=r"^fits\.peaks height_2 must be above 0"):
        fits_from_dict(data)


def test_nothing_in_a_state_is_executed(tmp_path: Any) -> None:
    marker = tmp_path / "owned"
    payload = f"__import__('os').system('touch {marker}')"
    for kind in STATE_KINDS:
        for path in _objects(valid(kind)):
            data = _with(valid(kind), path, payload) if path else payload
            with pytest.raises(SessionError):
                read(kind, data)
    data = _with(valid("race"), ("z0",), payload)
    with pytest.raises(SessionError, match=r"^race\.z0 must be a number"):
        race_from_dict(data)
    assert not marker.exists()


# --- settings (presets and version-1 files) ------------------------------------------


def test_race_settings_take_defaults_and_accept_v1_labels() -> None:
    scenario = default_scenario()
    assert settings_to_state("race", {}, scenario, "settings") == start_race()
    state = settings_to_state(
        "race", {"z0": 2.5, "y": 0.0, "learning_rate": 0.2}, scenario, "settings"
    )
    assert state == start_race(2.5, 0, 0.2) and state.step == 0


def test_trainings_settings_start_from_the_scenario() -> None:
    scenario = linked_scenario()
    state = settings_to_state("trainings", {"learning_rate": 3.0}, scenario, "s")
    assert state == start_trainings(training_start(evaluate(scenario)), 3.0)
    default = settings_to_state("trainings", {}, scenario, "s")
    assert default.learning_rate == 0.5
    # In family mode there are no logits to train: the page's default start.
    families = default_scenario().replace(
        p_family=_family("zipf"), q_family=_family("uniform"), logits_follow_q=True
    )
    assert settings_to_state("trainings", {}, families, "s").start == DEFAULT_START


def _family(kind: str) -> Any:
    from core.families import Family

    return Family(kind, 50)


def test_fits_settings() -> None:
    scenario = default_scenario()
    assert settings_to_state("fits", {}, scenario, "s") == start_fits()
    state = settings_to_state(
        "fits",
        {"direction": "forward", "seed": 4, "position_1": 3.0, "height_2": 0.5},
        scenario,
        "s",
    )
    assert state == start_fits(peaks(position_1=3.0, height_2=0.5), 4, "forward")


def test_batch_settings() -> None:
    scenario = default_scenario()
    assert settings_to_state("batch", {}, scenario, "s") == example_batch()
    state = settings_to_state(
        "batch", {"logits": [[1, 2], [3, 4]], "labels": [1, 0]}, scenario, "s"
    )
    assert state == batch_of([[1.0, 2.0], [3.0, 4.0]], [1, 0])
    assert isinstance(state, BatchState)


def test_the_explorer_takes_no_settings() -> None:
    assert settings_to_state("scenario", {}, default_scenario(), "s") is None


@pytest.mark.parametrize(
    ("kind", "settings_value", "message"),
    [
        ("race", {"z0": 30}, "settings.z0 must lie in [-10, 10], got 30"),
        ("race", {"y": 2}, "settings.y must be 0 or 1, got 2"),
        ("race", {"label": 1}, 'settings has an unknown key "label"'),
        ("race", {"learning_rate": 20}, "settings.learning_rate must lie in"),
        ("trainings", {"step": 3}, 'settings has an unknown key "step"'),
        ("trainings", {"learning_rate": 0}, "settings.learning_rate must lie in"),
        ("fits", {"direction": "up"}, 'settings.direction must be one of "both"'),
        ("fits", {"seed": 1.5}, "settings.seed must be an integer, got 1.5"),
        ("fits", {"width_1": 0.1}, "settings.width_1 must lie in [0.5, 15]"),
        ("fits", {"height_1": 0, "height_2": 0}, "settings height_2 must be above 0"),
        ("batch", {"logits": [[1, 2]]}, "settings must give batch logits and labels"),
        ("batch", {"labels": [0]}, "settings must give batch logits and labels"),
        ("batch", {"logits": [[1, 99]], "labels": [0]}, "settings.logits[0][1] must"),
        ("scenario", {"z0": 1}, 'settings has an unknown key "z0"'),
        ("graphs", {}, 'settings belongs to an unknown page the string "graphs"'),
        ("race", [], "settings must be an object, got a list of 0"),
    ],
)
def test_bad_settings_are_refused_naming_the_field(
    kind: str, settings_value: Any, message: str
) -> None:
    with pytest.raises(SessionError) as caught:
        settings_to_state(kind, settings_value, default_scenario(), "settings")
    assert str(caught.value).startswith(message)


def test_a_fits_state_compares_where_the_fits_are() -> None:
    state = advance_fits(start_fits(), 5)
    assert isinstance(state, FitsState)
    moved = advance_fits(state, 1)
    assert read("fits", dict_of("fits", moved)) != state


def test_batch_to_dict_of_a_read_only_table() -> None:
    state = example_batch()
    assert not state.logits.flags.writeable
    data = batch_to_dict(state)
    assert batch_from_dict(data) == state
    data["logits"][0][0] = 9.0  # the dict is the caller's, not the state's
    assert state.logits[0, 0] != 9.0
