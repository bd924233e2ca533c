"""A state reached by a jump (a lesson's step, a session) shows the run that led there.

A lesson's step sets the fits at step 400; their "D vs step" plots were
blank (a fresh history of one loss) and their empty y-range hinted at the
hidden answer. The history is now replayed by the rule of playing.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest

from core.kl_fits import advance_fits, peaks, reshape, resume_fits, start_fits
from core.lessons import bundled_entries, load_bundled
from core.state_schemas import fits_from_dict, fits_to_dict

#: Built before the shared window is handed out (tests/window_reuse.py).
SHARED_WINDOW_PAGES = ("fitting",)

ASSETS = Path(__file__).resolve().parents[1] / "assets"
LESSON = ASSETS / "lessons" / "06-why-cross-entropy.json"


def lesson_fits_dict(step_index: int) -> dict:
    return json.loads(LESSON.read_text())["steps"][step_index]["pages"]["fits"]


def same_to_rounding(a, b, rtol: float = 1e-9) -> bool:
    """Equal field by field, with floats and arrays within ``rtol`` (and 1e-12)."""
    if dataclasses.is_dataclass(a) and type(a) is type(b):
        return all(
            same_to_rounding(getattr(a, f.name), getattr(b, f.name), rtol)
            for f in dataclasses.fields(a)
        )
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(
            same_to_rounding(x, y, rtol) for x, y in zip(a, b, strict=True)
        )
    if isinstance(a, (float, np.ndarray)) or isinstance(b, (float, np.ndarray)):
        return np.shape(a) == np.shape(b) and bool(
            np.allclose(a, b, rtol=rtol, atol=1e-12, equal_nan=False)
        )
    return a == b


def where(state):
    return tuple((fit.mu, fit.log_sigma, fit.step) for fit in state.fits)


@pytest.mark.iterative
@pytest.mark.parametrize("step_index", [7, 8])
def test_the_lessons_fits_carry_the_losses_of_playing_them(step_index):
    jumped = fits_from_dict(lesson_fits_dict(step_index))
    played = advance_fits(start_fits(), 400)
    # The lesson's numbers were played on another CPU: 400 steps of float
    # arithmetic agree to rounding there, not to the last bit.
    assert same_to_rounding(jumped, played)
    for fit, reference in zip(jumped.fits, played.fits, strict=True):
        assert fit.step == 400 and fit.history_start == 0
        assert fit.loss_history.size == 401
        np.testing.assert_allclose(
            fit.loss_history, reference.loss_history, rtol=1e-12, atol=0
        )
        assert fit.loss_history[-1] == fit.loss
        assert np.all(np.diff(fit.loss_history) <= 0)  # never increasing
        # The start's loss heads the curve: far above the converged one.
        assert fit.loss_history[0] > 2 * fit.loss


def test_a_session_round_trip_keeps_the_played_history():
    state = advance_fits(start_fits(peaks(width_1=7.0), 3, "forward"), 20)
    loaded = fits_from_dict(fits_to_dict(state))
    assert loaded == state
    for fit, reference in zip(loaded.fits, state.fits, strict=True):
        np.testing.assert_allclose(fit.loss_history, reference.loss_history)


def test_a_point_playing_does_not_reach_starts_its_history_there():
    # P reshaped on the way: playing from the start does not arrive there.
    state = advance_fits(start_fits(), 30)
    state = advance_fits(reshape(state, peaks(position_1=20.0)), 10)
    resumed = resume_fits(state.peaks, None, "both", where(state))
    assert resumed == state
    for fit in resumed.fits:
        assert fit.loss_history.size == 1 and fit.history_start == fit.step == 10


def test_step_zero_has_its_one_loss():
    state = start_fits(seed=4)
    resumed = resume_fits(state.peaks, 4, "both", where(state))
    for fit in resumed.fits:
        assert fit.loss_history.size == 1 and fit.loss_history[0] == fit.loss


# --- in the window ---------------------------------------------------------------


def lesson(name):
    entry = next(e for e in bundled_entries() if e.name == name)
    return load_bundled(entry.file)


def curve_points(item) -> tuple[np.ndarray, np.ndarray]:
    x, y = item.getData()
    if x is None:
        return np.empty(0), np.empty(0)
    return np.asarray(x), np.asarray(y)


@pytest.mark.parametrize("step_index", [7, 8])
def test_a_lessons_jump_draws_the_fits_loss_curves(window, qtbot, step_index):
    window.lessons.start(lesson("why-cross-entropy"), step_index, remember=False)
    window.stores["fits"].derive_now()
    page = window.current_page()
    for direction, view in page.views.items():
        x, y = curve_points(view.loss_curve)
        assert x.size == 401, direction
        assert x[0] == 0 and x[-1] == 400
        fit = page.fits[direction]
        assert y[-1] == pytest.approx(fit.loss, rel=1e-12)
        # The y-range spans the curve from its start, not a band around
        # the hidden final loss.
        _, high = view.loss_widget.getPlotItem().viewRange()[1]
        assert high >= y[0] > 2 * fit.loss


def test_a_fit_with_one_known_loss_still_shows_where_it_is(window, qtbot):
    state = advance_fits(start_fits(), 30)
    state = advance_fits(reshape(state, peaks(position_1=20.0)), 10)
    store = window.stores["fits"]
    window.show_panel("fitting")
    store.set_state(resume_fits(state.peaks, None, "both", where(state)))
    store.derive_now()
    view = window.current_page().views["reverse"]
    x, y = curve_points(view.loss_now)
    assert x.tolist() == [10.0]
    assert y[0] == pytest.approx(state.fits[1].loss)


def test_the_curve_ending_on_a_hidden_divergence_is_veiled(window, qtbot):
    from viz.lesson_marks import Veil

    window.lessons.start(lesson("why-cross-entropy"), 8, remember=False)
    window.lessons.settle()
    veiled = {
        v.target.objectName()
        for v in window.findChildren(Veil)
        if v.isVisibleTo(v.target) and v.parent() is not None
    }
    # The question asks for the reverse fit's D(Q‖P), the loss its curve shows.
    assert {"fitting_reverse_kl_qp", "fitting_reverse_loss_plot"} <= veiled
    assert "fitting_forward_loss_plot" not in veiled
