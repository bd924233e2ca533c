"""The fitting page: forward and reverse KL fits side by side."""

from __future__ import annotations

import json
from dataclasses import fields

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QSlider

from core.fitting import (
    DIRECTIONS,
    kl_readouts,
    peak_masses,
    random_kl_start,
    run_kl_fit,
    run_kl_fit_to_convergence,
    start_kl_fit,
    two_peak_target,
)
from core.session import PEAK_RANGES, SessionError
from viz.pages import fitting as fitting_module
from viz.pages.common import number_text
from viz.pages.fitting import (
    HEIGHT_SCALE,
    PEAK_CONTROLS,
    POSITION_SCALE,
    FittingPage,
    Peaks,
    summarise,
)


@pytest.fixture
def page(window):
    window.show_panel("fitting")
    page = window.pages["fitting"]
    assert isinstance(page, FittingPage)
    return page


def child(page, cls, name):
    widget = page.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name}"
    return widget


def click(qtbot, page, name):
    qtbot.mouseClick(child(page, QPushButton, name), Qt.MouseButton.LeftButton)


def masses(page, direction):
    return peak_masses(page.fits[direction].model, 15.0, 45.0)


def test_forward_covers_both_peaks_reverse_seeks_one(page):
    # Through the page: "." until both fits have converged.
    while not page.converged():
        page.step_once()
    forward, reverse = masses(page, "forward"), masses(page, "reverse")
    assert min(forward) > 0.25
    assert max(reverse) > 0.9
    # The page steps the core's fits: the same states, bit for bit.
    target = two_peak_target()
    converged_at = {}
    for direction in DIRECTIONS:
        core = run_kl_fit_to_convergence(start_kl_fit(target, direction))
        state = page.fits[direction]
        assert state.converged and state.mu == core.mu
        assert state.loss == core.loss
        converged_at[direction] = core.step
    # The fits step together until both have converged.
    assert page.step == max(converged_at.values())
    assert page.fits["forward"].loss == pytest.approx(0.571162, abs=1e-6)
    assert page.fits["reverse"].loss == pytest.approx(0.692839, abs=1e-6)
    assert "both converged" in child(page, QLabel, "fitting_step_label").text()


def test_plots_and_readouts_are_the_cores(page):
    page.advance(25)
    for direction in DIRECTIONS:
        state = page.fits[direction]
        view = page.views[direction]
        assert np.array_equal(view.p_bars.heights(), state.target)
        x, q = view.q_line.getData()
        assert x.tolist() == list(range(60)) and np.array_equal(q, state.model)
        steps, losses = view.loss_curve.getData()
        assert steps.tolist() == list(range(26))
        assert np.array_equal(losses, state.loss_history)
        pair = kl_readouts(state)
        assert child(page, QLabel, f"fitting_{direction}_kl_pq").text() == (
            f"{number_text(pair.forward)} nats"
        )
        assert child(page, QLabel, f"fitting_{direction}_kl_qp").text() == (
            f"{number_text(pair.reverse)} nats"
        )
    assert np.array_equal(page.views["forward"].p_bars.heights(), two_peak_target())


def test_both_fits_start_together_and_a_random_start_can_pick_the_other_peak(
    page, qtbot
):
    default = {d: run_kl_fit_to_convergence(page.fits[d]) for d in DIRECTIONS}
    assert masses(page, "reverse") != (1.0, 0.0)
    assert peak_masses(default["reverse"].model, 15, 45)[0] > 0.9  # the left peak
    click(qtbot, page, "fitting_restart_button")
    assert page.seed == 0
    assert "seed 0" in child(page, QLabel, "fitting_start_label").text()
    mu, log_sigma = random_kl_start(60, 0)
    for direction in DIRECTIONS:
        assert page.fits[direction].step == 0
        assert (page.fits[direction].mu, page.fits[direction].log_sigma) == (
            mu,
            log_sigma,
        )
    seeded = run_kl_fit_to_convergence(page.fits["reverse"])
    assert peak_masses(seeded.model, 15, 45)[1] > 0.9  # the right peak
    click(qtbot, page, "fitting_restart_button")
    assert page.seed == 1
    click(qtbot, page, "fitting_default_start_button")
    assert page.seed is None
    assert "default start" in child(page, QLabel, "fitting_start_label").text()


def test_reshaping_p_while_it_runs(page, qtbot):
    page.toggle_play()
    qtbot.waitUntil(lambda: page.fits["reverse"].step >= 2)
    before = dict(page.fits)
    slider = child(page, QSlider, "fitting_position_2_slider")
    slider.setValue(POSITION_SCALE.to_position(35.0))
    assert page.peaks.position_2 == 35.0
    assert page.timer.isActive()  # still running
    target = two_peak_target(60, 15.0, 35.0)
    for direction in DIRECTIONS:
        state = page.fits[direction]
        assert np.array_equal(state.target, target)
        assert state.mu == before[direction].mu  # continues from the current Q
    qtbot.waitUntil(lambda: page.fits["forward"].step >= 2)
    page.toggle_play()
    assert not page.timer.isActive()


def test_an_impossible_p_is_refused_with_a_message(page):
    child(page, QSlider, "fitting_height_1_slider").setValue(0)
    assert page.peaks.height_1 == 0.0  # one peak may vanish
    child(page, QSlider, "fitting_height_2_slider").setValue(0)
    problem = child(page, QLabel, "fitting_problem")
    assert problem.isVisible() and "both 0" in problem.text()
    assert page.peaks.height_2 == 1.0  # kept
    assert child(page, QSlider, "fitting_height_2_slider").value() == (
        HEIGHT_SCALE.to_position(1.0)
    )
    click_default = child(page, QPushButton, "fitting_peaks_reset_button")
    click_default.click()
    assert page.peaks.height_1 == 1.0
    assert not problem.isVisible()


def test_play_stops_at_convergence_and_the_timer_when_hidden(window, page, qtbot):
    page.toggle_play()
    assert page.timer.isActive()
    window.show_panel("batch")
    assert not page.timer.isActive() and page.playing
    window.show_panel("fitting")
    assert page.timer.isActive()
    page.pause()
    page.fits = {d: run_kl_fit_to_convergence(s) for d, s in page.fits.items()}
    assert not page.can_play()
    click(qtbot, page, "fitting_play_button")
    assert not page.playing and not page.timer.isActive()
    click(qtbot, page, "fitting_reset_button")
    assert page.step == 0 and page.can_play()


def test_single_steps_match_the_core(page, qtbot):
    for _ in range(3):
        click(qtbot, page, "fitting_step_button")
    target = two_peak_target()
    for direction in DIRECTIONS:
        expected = run_kl_fit(start_kl_fit(target, direction), 3)
        assert page.fits[direction].mu == expected.mu
        assert page.fits[direction].loss == expected.loss


DEFAULT_PEAKS = {
    "position_1": 15.0,
    "position_2": 45.0,
    "width_1": 4.0,
    "width_2": 4.0,
    "height_1": 1.0,
    "height_2": 1.0,
}


def test_settings_round_trip(page):
    assert page.settings() == {"direction": "both", **DEFAULT_PEAKS}
    page.apply_settings({"direction": "reverse", "seed": 3})
    assert page.settings() == {"direction": "reverse", "seed": 3, **DEFAULT_PEAKS}
    assert page.views["reverse"].isVisible() and not page.views["forward"].isVisible()
    assert child(page, QComboBox, "fitting_show_combo").currentData() == "reverse"
    mu, _ = random_kl_start(60, 3)
    assert page.fits["forward"].mu == mu
    child(page, QComboBox, "fitting_show_combo").setCurrentIndex(0)
    assert page.shown == "both" and page.views["forward"].isVisible()
    page.apply_settings({})
    assert page.settings() == {"direction": "both", **DEFAULT_PEAKS}
    with pytest.raises(ValueError, match="direction must be one of"):
        page.apply_settings({"direction": "sideways"})


def test_the_peak_sliders_span_what_a_session_may_hold():
    assert {field.name for field in fields(Peaks)} == set(PEAK_RANGES)
    for key, _, _, scale, _ in PEAK_CONTROLS:
        assert (scale.low, scale.high) == PEAK_RANGES[key]


def shape_p_with_the_sliders(page):
    """Move every peak slider off its default; returns the peaks it made."""
    wanted = {
        "position_1": 20.0,
        "position_2": 40.5,
        "width_1": 2.5,
        "width_2": 7.0,
        "height_1": 0.6,
        "height_2": 0.3,
    }
    for key, _, _, scale, _ in PEAK_CONTROLS:
        slider = child(page, QSlider, f"fitting_{key}_slider")
        slider.setValue(scale.to_position(wanted[key]))
        assert getattr(page.peaks, key) == pytest.approx(wanted[key])
    return page.peaks


def test_the_peaks_survive_saving_and_opening_a_session(window, page, tmp_path):
    shaped = shape_p_with_the_sliders(page)
    page.apply_settings({"direction": "forward", "seed": 2, **vars(shaped)})
    path = tmp_path / "peaks.json"
    assert window.save_session_to(path)
    saved = json.loads(path.read_text(encoding="utf-8"))["view"]["settings"]
    assert {key: saved[key] for key in PEAK_RANGES} == vars(shaped)
    child(page, QPushButton, "fitting_peaks_reset_button").click()
    page.apply_settings({})
    assert page.peaks == Peaks()
    window.show_panel("explorer")
    assert window.load_session_from(path)
    assert window.current_panel() == "fitting"
    # state
    assert page.peaks == shaped
    assert page.settings() == {"direction": "forward", "seed": 2, **vars(shaped)}
    target = shaped.target()
    for direction in DIRECTIONS:
        assert np.array_equal(page.fits[direction].target, target)
        assert page.fits[direction].step == 0
    # state → control
    for key, _, _, scale, _ in PEAK_CONTROLS:
        slider = child(page, QSlider, f"fitting_{key}_slider")
        assert slider.value() == scale.to_position(getattr(shaped, key))


def test_peaks_between_slider_steps_round_trip_exactly(page):
    peaks = {**vars(Peaks()), "position_1": 15.3, "width_2": 3.333, "height_1": 0.77}
    page.apply_settings(peaks)
    assert page.settings() == {"direction": "both", **peaks}
    assert np.array_equal(
        page.views["forward"].p_bars.heights(), Peaks(**peaks).target()
    )


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        ({"position_1": 59.5}, "settings.position_1"),
        ({"width_2": 0.0}, "settings.width_2"),
        ({"height_1": "1"}, "settings.height_1"),
        ({"height_1": 0, "height_2": 0}, "settings.height_2"),
    ],
)
def test_a_bad_peak_is_refused_naming_it_and_changes_nothing(page, settings, field):
    page.apply_settings({"seed": 5, "position_2": 30.0})
    before, fits = page.settings(), page.fits
    with pytest.raises(SessionError) as caught:
        page.apply_settings(settings)
    assert caught.value.field == field
    assert str(caught.value).startswith(field)
    assert page.settings() == before and page.fits == fits


def test_summaries_are_computed_when_the_fits_change_never_when_drawn(
    page, monkeypatch
):
    readouts, masses = [], []
    real_readouts, real_masses = fitting_module.kl_readouts, fitting_module.peak_masses

    def counting_readouts(state):
        readouts.append(state.step)
        return real_readouts(state)

    def counting_masses(model, *positions):
        masses.append(positions)
        return real_masses(model, *positions)

    monkeypatch.setattr(fitting_module, "kl_readouts", counting_readouts)
    monkeypatch.setattr(fitting_module, "peak_masses", counting_masses)
    for _ in range(5):
        page.draw()
    assert readouts == [] and masses == []
    page.advance(1)  # one summary per fit, as it steps
    assert readouts == [1, 1] and len(masses) == 2
    child(page, QSlider, "fitting_position_2_slider").setValue(
        POSITION_SCALE.to_position(35.0)
    )  # reshaping P summarises the retargeted fits against the new peaks
    assert masses[2:] == [(15.0, 35.0), (15.0, 35.0)]
    readouts.clear()
    page.draw()
    assert readouts == []
    for direction in DIRECTIONS:
        state = page.fits[direction]
        assert page.summaries[direction] == summarise(state, page.peaks)
        assert child(page, QLabel, f"fitting_{direction}_kl_pq").text() == (
            f"{number_text(kl_readouts(state).forward)} nats"
        )
