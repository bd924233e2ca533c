"""The fitting page's state as a value (core/kl_fits.py), without Qt.

Claim 16 of docs/teaching.md: from the same start, the forward fit covers
both peaks of P and the reverse fit settles on one; a random start can
land the reverse fit on either peak. Where a fit stops is decided by an
iteration, so step counts are asserted as bands (as in test_training.py),
and the tests that run fits to convergence are marked ``iterative``
(test_portability.py runs them again with other CPU kernels).
"""

from __future__ import annotations

import dataclasses
import json
import math
import subprocess
import sys

import numpy as np
import pytest

from core.fitting import (
    DIRECTIONS,
    default_kl_start,
    kl_readouts,
    peak_masses,
    random_kl_start,
    run_kl_fit,
    run_kl_fit_to_convergence,
    start_kl_fit,
    two_peak_target,
)
from core.json_values import SessionError, strict_json
from core.kl_fits import (
    SHOWN,
    FitsState,
    Peaks,
    advance_fits,
    can_advance,
    derive_fits,
    peaks,
    reshape,
    restart_fits,
    resume_fits,
    show,
    start_fits,
    summarise,
)
from core.ranges import FIT_BINS, FIT_STEPS, PEAKS, SEED
from core.state_schemas import fits_from_dict, fits_to_dict

DEFAULT_PEAKS = {
    "position_1": 15.0,
    "position_2": 45.0,
    "width_1": 4.0,
    "width_2": 4.0,
    "height_1": 1.0,
    "height_2": 1.0,
}


def run_to_the_end(state: FitsState, chunk: int = 50) -> FitsState:
    """Advance in chunks until both fits have converged (or the step limit)."""
    while can_advance(state):
        state = advance_fits(state, chunk)
    return state


@pytest.fixture(scope="module")
def converged() -> FitsState:
    """Both fits from the default start, run until both have converged."""
    return run_to_the_end(start_fits())


def test_importing_the_state_loads_no_qt():
    probe = "import sys, core.kl_fits; print('PySide6' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert done.stdout.strip() == "False"


# --- the peaks ------------------------------------------------------------------


def test_peaks_left_out_take_their_defaults():
    assert dataclasses.asdict(peaks()) == DEFAULT_PEAKS
    assert peaks() == Peaks()
    shape = peaks(position_2=30, height_1=0)
    assert shape == Peaks(position_2=30.0, height_1=0.0)  # one peak may vanish
    assert type(shape.position_2) is float
    assert {limits.name for limits in PEAKS} == set(DEFAULT_PEAKS)
    for limits in PEAKS:
        assert getattr(Peaks(), limits.name) == limits.default


def test_the_target_is_two_peak_target_on_the_page_bins():
    shape = peaks(position_1=20.0, width_2=7.0, height_2=0.3)
    target = shape.target()
    assert target.size == FIT_BINS
    np.testing.assert_array_equal(
        target, two_peak_target(FIT_BINS, 20.0, 45.0, 4.0, 7.0, 1.0, 0.3)
    )
    assert math.fsum(target) == pytest.approx(1.0, abs=1e-15)


@pytest.mark.parametrize(
    ("values", "match"),
    [
        ({"position_1": 59.5}, r"^position_1 must lie in \[0, 59\], got 59.5$"),
        ({"position_2": -1.0}, r"^position_2 must lie in \[0, 59\]"),
        ({"width_1": 0.0}, r"^width_1 must lie in \[0.5, 15\], got 0$"),
        ({"width_2": 15.5}, r"^width_2 must lie in \[0.5, 15\]"),
        ({"height_1": 1.5}, r"^height_1 must lie in \[0, 1\]"),
        ({"height_2": math.nan}, r"^height_2 must lie in \[0, 1\], got nan$"),
        ({"width_1": math.inf}, r"^width_1 must lie in"),
        ({"height_1": "1"}, r"^height_1 must be a number, got '1'$"),
        ({"height_1": True}, r"^height_1 must be a number, got True$"),
        ({"height_1": None}, r"^height_1 must be a number"),
        ({"colour": 1.0}, r"^unknown peak setting 'colour'$"),
        ({"height_1": 0.0, "height_2": 0}, r"^height_2 must be above 0"),
    ],
)
def test_an_impossible_peak_is_refused_naming_its_key(values, match):
    with pytest.raises(ValueError, match=match):
        peaks(**values)


def test_a_long_unknown_key_is_quoted_short():
    with pytest.raises(ValueError, match="unknown peak setting") as caught:
        peaks(**{"x" * 100_000: 1.0})
    assert len(str(caught.value)) < 80


# --- starting, restarting, reshaping ----------------------------------------------


def test_both_fits_start_together_from_the_default_start():
    state = start_fits()
    assert (state.peaks, state.seed, state.shown) == (Peaks(), None, "both")
    assert state.step == 0 and not state.converged
    assert [fit.direction for fit in state.fits] == list(DIRECTIONS)
    assert state.start_point() == default_kl_start(FIT_BINS)
    for direction in DIRECTIONS:
        fit = state.fit(direction)
        expected = start_kl_fit(two_peak_target(), direction)
        assert (fit.mu, fit.log_sigma, fit.step) == (expected.mu, expected.log_sigma, 0)
        np.testing.assert_array_equal(fit.target, Peaks().target())
        np.testing.assert_array_equal(fit.loss_history, [expected.loss])


def test_a_seed_gives_a_reproducible_random_start():
    state = start_fits(seed=3, shown="reverse")
    assert state.seed == 3 and state.shown == "reverse"
    mu, log_sigma = random_kl_start(FIT_BINS, 3)
    assert state.start_point() == (mu, log_sigma)
    for fit in state.fits:
        assert (fit.mu, fit.log_sigma, fit.step) == (mu, log_sigma, 0)
    assert start_fits(seed=3, shown="reverse") == state
    assert start_fits(seed=4) != start_fits(seed=3)
    assert start_fits(seed=SEED.high).seed == SEED.high


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"seed": -1}, r"^seed must lie in \[0, 2147483647\], got -1$"),
        ({"seed": SEED.high + 1}, r"^seed must lie in"),
        ({"seed": 1.5}, r"^seed must be an integer, got 1.5$"),
        ({"seed": True}, r"^seed must be an integer, got True$"),
        ({"shown": "sideways"}, r"^shown must be one of \('both', 'forward'"),
        (
            {"shape": Peaks(height_1=0.0, height_2=0.0)},
            "height_1 and height_2 are both 0",
        ),
        ({"shape": Peaks(position_1=70.0)}, r"position_1 must lie in \[0, 59\]"),
    ],
)
def test_a_bad_start_is_refused_naming_what(kwargs, match):
    with pytest.raises(ValueError, match=match):
        start_fits(**kwargs)


def test_restart_goes_back_to_step_0_with_some_settings_changed():
    shape = peaks(position_2=35.0)
    state = advance_fits(start_fits(shape, seed=2, shown="forward"), 20)
    assert state.step == 20
    again = restart_fits(state)
    assert again == start_fits(shape, seed=2, shown="forward")
    assert again.step == 0
    assert restart_fits(state, seed=None) == start_fits(shape, None, "forward")
    assert restart_fits(state, shown="both").shown == "both"
    assert restart_fits(state, peaks=Peaks()).peaks == Peaks()
    with pytest.raises(ValueError, match=r"^unknown fit setting 'colour'$"):
        restart_fits(state, colour="red")
    with pytest.raises(ValueError, match=r"^seed must lie in"):
        restart_fits(state, seed=-3)
    assert state.step == 20  # never changed in place


def test_reshaping_p_continues_both_fits_from_their_current_q():
    state = advance_fits(start_fits(), 30)
    shape = peaks(position_2=35.0)
    moved = reshape(state, shape)
    assert moved.peaks == shape and moved.step == 0  # a new objective
    assert (moved.seed, moved.shown) == (state.seed, state.shown)
    for before, after in zip(state.fits, moved.fits, strict=True):
        assert (after.mu, after.log_sigma) == (before.mu, before.log_sigma)
        assert after.direction == before.direction and after.lr == before.lr
        np.testing.assert_array_equal(after.target, two_peak_target(60, 15.0, 35.0))
        np.testing.assert_array_equal(after.model, before.model)  # the same Q
    assert state.peaks == Peaks() and state.step == 30  # unchanged


def test_reshaping_to_the_same_shape_is_no_change():
    state = advance_fits(start_fits(), 30)
    assert reshape(state, Peaks()) is state
    assert reshape(state, peaks(**DEFAULT_PEAKS)) is state


def test_an_impossible_shape_is_refused_and_changes_nothing():
    state = advance_fits(start_fits(seed=1), 10)
    fits = state.fits
    with pytest.raises(ValueError, match="both 0"):
        reshape(state, Peaks(height_1=0.0, height_2=0.0))
    assert state.fits is fits and state.peaks == Peaks() and state.step == 10


def test_show_changes_only_what_is_shown():
    state = advance_fits(start_fits(seed=5), 7)
    for shown in SHOWN:
        shown_state = show(state, shown)
        assert shown_state.shown == shown
        assert shown_state.fits is state.fits and shown_state.peaks == state.peaks
    with pytest.raises(ValueError, match=r"^shown must be one of .*got 'up'$"):
        show(state, "up")


# --- advancing ------------------------------------------------------------------


def test_advance_steps_both_fits_as_the_core_does():
    start = start_fits(seed=4)
    state = advance_fits(start, 25)
    assert state.step == 25 and start.step == 0
    for direction in DIRECTIONS:
        expected = run_kl_fit(start.fit(direction), 25)
        fit = state.fit(direction)
        assert (fit.mu, fit.log_sigma, fit.step) == (
            expected.mu,
            expected.log_sigma,
            25,
        )
        np.testing.assert_array_equal(fit.loss_history, expected.loss_history)
    # One step at a time is the same as all at once.
    stepped = start
    for _ in range(25):
        stepped = advance_fits(stepped, 1)
    assert stepped == state
    assert advance_fits(state, 0) is state
    assert advance_fits(state, -3) is state


@pytest.mark.iterative
def test_forward_covers_both_peaks_reverse_seeks_one(converged):
    assert converged.converged and not can_advance(converged)
    forward = peak_masses(converged.fit("forward").model, 15.0, 45.0)
    reverse = peak_masses(converged.fit("reverse").model, 15.0, 45.0)
    assert min(forward) > 0.25
    assert max(reverse) > 0.9
    # Where the fits stop is decided by a tolerance: a band, never a count.
    assert 150 <= converged.step <= 450
    # Both fits step together until both have converged.
    for fit in converged.fits:
        core = run_kl_fit_to_convergence(start_kl_fit(two_peak_target(), fit.direction))
        assert core.step <= fit.step == converged.step
        assert fit.mu == pytest.approx(core.mu, rel=1e-12)
        assert fit.loss == pytest.approx(core.loss, rel=1e-9)
    assert converged.fit("forward").loss == pytest.approx(0.571162, abs=1e-6)
    assert converged.fit("reverse").loss == pytest.approx(0.692839, abs=1e-6)
    later = advance_fits(converged, 10)  # steps still count, nothing moves
    assert later.step == converged.step + 10 and later.converged
    for before, after in zip(converged.fits, later.fits, strict=True):
        assert (after.mu, after.log_sigma) == (before.mu, before.log_sigma)


@pytest.mark.iterative
def test_a_random_start_can_pick_the_other_peak():
    seeded = run_to_the_end(start_fits(seed=0))
    assert peak_masses(seeded.fit("reverse").model, 15.0, 45.0)[1] > 0.9  # right
    assert min(peak_masses(seeded.fit("forward").model, 15.0, 45.0)) > 0.25
    default = run_to_the_end(start_fits())
    assert peak_masses(default.fit("reverse").model, 15.0, 45.0)[0] > 0.9  # the left


def test_the_fits_stop_at_the_step_limit():
    near = resume_fits(
        Peaks(), None, "both", ((23.6, 1.6, FIT_STEPS.high - 3),) * len(DIRECTIONS)
    )
    assert can_advance(near)
    at_limit = advance_fits(near, 10)
    assert at_limit.step == FIT_STEPS.high
    assert not can_advance(at_limit)
    assert advance_fits(at_limit, 1) is at_limit


@pytest.mark.iterative
def test_resume_puts_the_fits_where_they_were_with_the_played_history(converged):
    where = tuple((fit.mu, fit.log_sigma, fit.step) for fit in converged.fits)
    resumed = resume_fits(converged.peaks, converged.seed, converged.shown, where)
    assert resumed == converged
    for fit, played in zip(resumed.fits, converged.fits, strict=True):
        np.testing.assert_allclose(fit.loss_history, played.loss_history)
        assert fit.history_start == 0
        assert fit.converged  # the stopping rule holds where it stopped
    with pytest.raises(ValueError):
        resume_fits(Peaks(), None, "both", where[:1])
    with pytest.raises(ValueError, match=r"^steps must lie in \[0, 100000\]"):
        resume_fits(Peaks(), None, "both", ((23.6, 1.6, -1),) * 2)


# --- results --------------------------------------------------------------------


def test_derived_summaries_are_the_readouts_and_masses_of_each_fit():
    state = advance_fits(start_fits(peaks(position_2=40.0), seed=6), 40)
    results = derive_fits(state)
    assert results.state is state
    np.testing.assert_array_equal(results.target, state.peaks.target())
    assert results.start == random_kl_start(FIT_BINS, 6)
    assert results.start_sigma == math.exp(results.start[1])
    assert len(results.summaries) == len(DIRECTIONS)
    for fit, summary in zip(state.fits, results.summaries, strict=True):
        assert summary.divergences == kl_readouts(fit)
        assert summary.masses == peak_masses(fit.model, 15.0, 40.0)
        assert summary == summarise(fit, state.peaks)


def test_coinciding_peaks_have_no_masses():
    state = start_fits(peaks(position_1=30.0, position_2=30.0))
    for summary in derive_fits(state).summaries:
        assert summary.masses is None
        assert math.isfinite(summary.divergences.forward)


# --- equality -------------------------------------------------------------------


def test_states_are_equal_by_settings_and_where_the_fits_are():
    state = advance_fits(start_fits(seed=2), 12)
    assert state == advance_fits(start_fits(seed=2), 12)
    # A resumed state is the same state, whatever history it carries.
    where = tuple((fit.mu, fit.log_sigma, fit.step) for fit in state.fits)
    resumed = resume_fits(state.peaks, 2, "both", where)
    assert resumed == state
    elsewhere = resume_fits(state.peaks, 3, "both", where)  # not where 3 leads
    assert elsewhere.fits[0].loss_history.size == 1
    assert elsewhere != state  # the seed differs
    assert state != advance_fits(state, 1)  # the step differs
    assert state != show(state, "reverse")
    assert state != restart_fits(state)
    assert state != advance_fits(start_fits(seed=3), 12)
    assert state != reshape(state, peaks(width_1=5.0))
    assert state != "a state"
    with pytest.raises(TypeError):
        hash(state)
    with pytest.raises(dataclasses.FrozenInstanceError):
        state.seed = 4  # type: ignore[misc]


# --- JSON -----------------------------------------------------------------------


def test_the_state_round_trips_through_json_exactly():
    state = advance_fits(
        start_fits(peaks(position_1=15.3, width_2=3.333, height_1=0.77), 8, "reverse"),
        57,
    )
    data = fits_to_dict(state)
    assert data == {
        "peaks": {
            **DEFAULT_PEAKS,
            "position_1": 15.3,
            "width_2": 3.333,
            "height_1": 0.77,
        },
        "seed": 8,
        "shown": "reverse",
        "fits": [
            {"mu": fit.mu, "log_sigma": fit.log_sigma, "step": 57} for fit in state.fits
        ],
    }
    again = fits_from_dict(strict_json(json.dumps(data)))
    assert again == state
    for before, after in zip(state.fits, again.fits, strict=True):
        np.testing.assert_array_equal(after.model, before.model)
    assert fits_from_dict(fits_to_dict(start_fits())) == start_fits()


def _with(data, path, value):
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


_MISSING = object()


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("peaks", "position_1"), 59.5, "fits.peaks.position_1"),
        (("peaks", "width_2"), 0.0, "fits.peaks.width_2"),
        (("peaks", "height_1"), "1", "fits.peaks.height_1"),
        (("peaks", "colour"), 1.0, "fits.peaks"),
        (("seed",), -1, "fits.seed"),
        (("seed",), 1.5, "fits.seed"),
        (("shown",), "sideways", "fits.shown"),
        (("fits",), [], "fits.fits"),
        (("fits", 1, "step"), -1, "fits.fits[1].step"),
        (("fits", 0, "mu"), math.inf, "fits.fits[0].mu"),
        (("fits", 0, "log_sigma"), _MISSING, "fits.fits[0]"),
        (("extra",), 1, "fits"),
        (("shown",), _MISSING, "fits"),
    ],
)
def test_a_bad_file_is_refused_naming_the_field(path, value, field):
    data = _with(fits_to_dict(advance_fits(start_fits(), 3)), path, value)
    with pytest.raises(SessionError) as caught:
        fits_from_dict(data)
    assert caught.value.field == field
    assert str(caught.value).startswith(field + " ")


def test_both_heights_at_0_in_a_file_are_refused_naming_height_2():
    data = fits_to_dict(start_fits())
    data["peaks"].update(height_1=0.0, height_2=0.0)
    with pytest.raises(
        SessionError, match=r"^fits\.peaks height_2 must be above 0"
    ) as e:
        fits_from_dict(data)
    assert e.value.field == "fits.peaks.height_2"
