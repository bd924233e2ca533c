"""The fitting page: forward and reverse KL fits side by side.

Claim 16 of docs/teaching.md, watched on the page: the forward fit covers
both peaks, the reverse fit seeks one, a seed can land it on either peak,
and P can be reshaped while the fits run. The page's state is a
:class:`core.kl_fits.FitsState` in ``window.stores["fits"]``; the tests
check controls → store, store → controls, results → views, and undo on
the page on show (a run from Play to Pause is one step).
"""

from __future__ import annotations

import dataclasses
import json
import re

import numpy as np
import pytest
from chinese import assert_chinese, in_chinese
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QSlider,
    QStyle,
    QStyleOptionSlider,
)

from core import kl_fits
from core.fitting import (
    DIRECTIONS,
    peak_masses,
    random_kl_start,
    run_kl_fit,
    run_kl_fit_to_convergence,
    start_kl_fit,
    two_peak_target,
)
from core.kl_fits import (
    FitsState,
    Peaks,
    advance_fits,
    can_advance,
    derive_fits,
    peaks,
    restart_fits,
    start_fits,
    summarise,
)
from core.numbers import parse_shown
from core.ranges import PEAKS, SEED
from core.session import session_to_json
from core.state_schemas import fits_to_dict
from tests.qt_input import send_mouse
from viz.language import set_language
from viz.pages.fitting import (
    HEIGHT_SCALE,
    PEAK_CONTROLS,
    POSITION_SCALE,
    FittingPage,
    mass_text,
    shown_text,
)
from viz.plotting import configure_pyqtgraph
from viz.store import Store

SUPERSCRIPTS = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")


#: Built before the shared window is handed out (tests/window_reuse.py).
SHARED_WINDOW_PAGES = ("fitting",)


@pytest.fixture
def fits_state() -> FitsState:
    """The state the page opens on."""
    return start_fits()


@pytest.fixture
def fits_store(request, qtbot, fits_state):
    """The page's store: the window's, if the test names the window.

    Building a window costs about two seconds; a test that needs no menus,
    undo on the page on show or sessions gets a store and a page of its own.
    """
    if "window" in request.fixturenames:
        store = request.getfixturevalue("window").stores["fits"]
        assert store.state == fits_state
        return store
    return Store(fits_state, derive_fits, "the fits")


@pytest.fixture
def page(request, qtbot, fits_store):
    """The fitting page on show, drawn from ``fits_store``."""
    if "window" in request.fixturenames:
        window = request.getfixturevalue("window")
        window.show_panel("fitting")
        page = window.pages["fitting"]
    else:
        configure_pyqtgraph()
        page = FittingPage(fits_store)
        qtbot.addWidget(page)
        page.resize(1280, 760)
        page.show()
        qtbot.waitExposed(page)
    assert isinstance(page, FittingPage)
    assert page.store is fits_store
    return page


@pytest.fixture(scope="module")
def converged_state() -> FitsState:
    """Both fits from the default start, stepped until both have converged."""
    state = start_fits()
    while can_advance(state):
        state = advance_fits(state, 1)
    return state


def child(page, cls, name):
    widget = page.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name}"
    return widget


def click(qtbot, page, name):
    qtbot.mouseClick(child(page, QPushButton, name), Qt.MouseButton.LeftButton)


def settle(qtbot, store):
    """Wait for the one derive the store scheduled (results of the current state)."""
    qtbot.waitUntil(lambda: store.results_state is store.state)


def masses(state, direction):
    return peak_masses(state.fit(direction).model, 15.0, 45.0)


def shown_number(text: str) -> tuple[float, float]:
    """The number at the start of a readout, and half its last shown digit."""
    match = re.match(r"([−\-]?\d+(?:\.(\d+))?)(?:×10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+))?", text)
    assert match is not None, text
    mantissa = float(match.group(1).replace("−", "-"))
    decimals = len(match.group(2) or "")
    exponent = int(match.group(3).translate(SUPERSCRIPTS)) if match.group(3) else 0
    return mantissa * 10.0**exponent, 0.5 * 10.0 ** (exponent - decimals)


def assert_shows(label: QLabel, value: float, unit: str = " nats") -> None:
    """The label shows ``value``, rounded to the digits it shows, then ``unit``."""
    text = label.text()
    assert text.endswith(unit), text
    number, half_digit = shown_number(text)
    assert abs(number - value) <= half_digit * (1 + 1e-9), (text, value)


def handle_centre(slider: QSlider) -> QPointF:
    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    handle = slider.style().subControlRect(
        QStyle.ComplexControl.CC_Slider,
        option,
        QStyle.SubControl.SC_SliderHandle,
        slider,
    )
    return QPointF(handle.center())


def undo_steps(window, store) -> int:
    """Undo on the page on show until nothing is left; how many steps it took."""
    steps = 0
    while store.can_undo:
        window.undo()
        steps += 1
    return steps


# --- the claims, watched on the page ----------------------------------------------


def test_forward_covers_both_peaks_reverse_seeks_one(page, fits_store, qtbot):
    # Through the page: "." until both fits have converged.
    while page.can_play():
        assert page.step_once() is None
    state = fits_store.state
    assert min(masses(state, "forward")) > 0.25
    assert max(masses(state, "reverse")) > 0.9
    # The page steps the core's fits: the same states, bit for bit.
    target = two_peak_target()
    converged_at = {}
    for direction in DIRECTIONS:
        core = run_kl_fit_to_convergence(start_kl_fit(target, direction))
        fit = state.fit(direction)
        assert fit.converged and fit.mu == core.mu and fit.loss == core.loss
        converged_at[direction] = core.step
    # The fits step together until both have converged: a band, not a count.
    assert state.step == max(converged_at.values())
    assert 150 <= state.step <= 450
    assert state.fit("forward").loss == pytest.approx(0.571162, abs=1e-6)
    assert state.fit("reverse").loss == pytest.approx(0.692839, abs=1e-6)
    assert (
        page.step_once() == "Nothing left to step: reset (or change a setting) first."
    )
    settle(qtbot, fits_store)
    assert "both converged" in child(page, QLabel, "fitting_step_label").text()
    for direction in DIRECTIONS:
        assert "converged" in child(page, QLabel, f"fitting_{direction}_details").text()


def test_a_random_start_can_pick_the_other_peak(window, page, fits_store, qtbot):
    default = {
        d: run_kl_fit_to_convergence(fits_store.state.fit(d)) for d in DIRECTIONS
    }
    assert peak_masses(default["reverse"].model, 15, 45)[0] > 0.9  # the left peak
    click(qtbot, page, "fitting_restart_button")
    state = fits_store.state
    assert state.seed == 0 and page.seed == 0
    mu, log_sigma = random_kl_start(60, 0)
    for direction in DIRECTIONS:  # both fits start together
        fit = state.fit(direction)
        assert (fit.step, fit.mu, fit.log_sigma) == (0, mu, log_sigma)
    seeded = run_kl_fit_to_convergence(state.fit("reverse"))
    assert peak_masses(seeded.model, 15, 45)[1] > 0.9  # the right peak
    settle(qtbot, fits_store)
    start_text = child(page, QLabel, "fitting_start_label").text()
    assert "seed 0" in start_text
    click(qtbot, page, "fitting_restart_button")
    assert fits_store.state.seed == 1
    click(qtbot, page, "fitting_default_start_button")
    assert fits_store.state.seed is None
    settle(qtbot, fits_store)
    assert "default start" in child(page, QLabel, "fitting_start_label").text()
    # Every restart is one undo step on the page on show.
    window.undo()
    assert fits_store.state.seed == 1
    window.undo()
    assert fits_store.state == start_fits(seed=0)
    window.undo()
    assert fits_store.state == start_fits() and not fits_store.can_undo


def test_the_seeds_wrap_around_at_the_end_of_their_range(page, fits_store, qtbot):
    fits_store.set_state(start_fits(seed=SEED.high))
    click(qtbot, page, "fitting_restart_button")
    assert fits_store.state.seed == 0


def test_reshaping_p_while_it_runs_continues_from_the_current_q(
    page, fits_store, qtbot
):
    page.toggle_play()
    qtbot.waitUntil(lambda: fits_store.state.step >= 2)
    before = fits_store.state
    slider = child(page, QSlider, "fitting_position_2_slider")
    slider.setValue(POSITION_SCALE.to_position(35.0))  # as a key press does
    state = fits_store.state
    assert state.peaks.position_2 == 35.0 and state.step == 0
    assert page.timer.isActive()  # still running
    target = two_peak_target(60, 15.0, 35.0)
    for direction in DIRECTIONS:
        fit = state.fit(direction)
        np.testing.assert_array_equal(fit.target, target)
        assert fit.mu == before.fit(direction).mu  # continues from the current Q
        assert fit.log_sigma == before.fit(direction).log_sigma
    qtbot.waitUntil(lambda: fits_store.state.step >= 2)
    page.toggle_play()
    assert not page.timer.isActive() and not page.playing


def test_an_impossible_p_is_refused_with_a_message_and_changes_nothing(
    window, page, fits_store, qtbot
):
    child(page, QSlider, "fitting_height_1_slider").setValue(0)
    assert fits_store.state.peaks.height_1 == 0.0  # one peak may vanish
    before = fits_store.state
    changes = []
    fits_store.state_changed.connect(changes.append)
    child(page, QSlider, "fitting_height_2_slider").setValue(0)
    problem = child(page, QLabel, "fitting_problem")
    assert problem.isVisible()
    assert problem.text() == (
        "P keeps its last shape: one of its two peaks must have a height above 0. "
        "Raise height 1 or height 2."
    )
    with in_chinese():  # it stayed English in Chinese
        assert_chinese(problem.text())
    assert problem.text().startswith("P keeps its last shape: one of its two peaks")
    assert fits_store.state is before and changes == []  # nothing changed
    assert child(page, QSlider, "fitting_height_2_slider").value() == (
        HEIGHT_SCALE.to_position(1.0)  # the control shows the state again
    )
    child(page, QPushButton, "fitting_peaks_reset_button").click()
    assert fits_store.state.peaks == Peaks()
    assert not problem.isVisible()
    # The refusal was no undo step: undo goes back through the two real changes.
    window.undo()
    assert fits_store.state.peaks == peaks(height_1=0.0)
    window.undo()
    assert fits_store.state == start_fits() and not fits_store.can_undo


def test_the_refusal_is_cleared_once_p_changes_not_by_frames(page, fits_store, qtbot):
    child(page, QSlider, "fitting_height_1_slider").setValue(0)
    child(page, QSlider, "fitting_height_2_slider").setValue(0)  # refused
    problem = child(page, QLabel, "fitting_problem")
    page.toggle_play()
    qtbot.waitUntil(lambda: fits_store.state.step >= 3)
    assert problem.isVisible()  # still true while the fits run on
    page.pause()
    fits_store.set_state(restart_fits(fits_store.state, peaks=Peaks()))
    assert not problem.isVisible()  # P has another shape: the message is stale


# --- playback and undo ------------------------------------------------------------


def test_single_steps_match_the_core_and_each_is_an_undo_step(
    window, page, fits_store, qtbot
):
    for _ in range(3):
        click(qtbot, page, "fitting_step_button")
    window.actions_by_name["step"].trigger()  # "."
    target = two_peak_target()
    for direction in DIRECTIONS:
        expected = run_kl_fit(start_kl_fit(target, direction), 4)
        fit = fits_store.state.fit(direction)
        assert (fit.mu, fit.loss, fit.step) == (expected.mu, expected.loss, 4)
    assert undo_steps(window, fits_store) == 4
    assert fits_store.state == start_fits()
    window.redo()
    assert fits_store.state.step == 1


def test_a_run_from_play_to_pause_is_one_undo_step(window, page, fits_store, qtbot):
    play = child(page, QPushButton, "fitting_play_button")
    click(qtbot, page, "fitting_play_button")
    assert page.playing and page.timer.isActive() and "Pause" in play.text()
    qtbot.waitUntil(lambda: fits_store.state.step >= 5)
    click(qtbot, page, "fitting_play_button")
    assert not page.playing and not page.timer.isActive() and "Play" in play.text()
    ran = fits_store.state
    assert ran.step >= 5
    window.undo()
    assert fits_store.state == start_fits() and not fits_store.can_undo
    window.redo()
    assert fits_store.state == ran
    # Undo while it runs pauses, and takes back the whole run.
    window.actions_by_name["play"].trigger()  # Space
    qtbot.waitUntil(lambda: fits_store.state.step >= ran.step + 3)
    window.undo()
    assert not page.playing and not page.timer.isActive()
    assert fits_store.state == ran


def test_dragging_p_while_it_runs_is_never_an_undo_step_per_frame(
    window, page, fits_store, qtbot
):
    slider = child(page, QSlider, "fitting_position_2_slider")
    page.toggle_play()
    qtbot.waitUntil(lambda: fits_store.state.step >= 3)
    # A real drag: press on the handle, move, release.
    start = handle_centre(slider)
    send_mouse(slider, QEvent.Type.MouseButtonPress, start, True)
    for dx in (-10.0, -20.0, -30.0):
        send_mouse(slider, QEvent.Type.MouseMove, start + QPointF(dx, 0.0), True)
    send_mouse(slider, QEvent.Type.MouseButtonRelease, start + QPointF(-30.0, 0), False)
    dragged = fits_store.state.peaks.position_2
    assert dragged < 45.0
    # The run goes on after the drag, for several frames.
    qtbot.waitUntil(lambda: fits_store.state.step >= 5)
    page.toggle_play()
    assert fits_store.state.peaks.position_2 == dragged
    # The run before the drag, the drag, and the run after it: three steps,
    # never one per frame.
    assert undo_steps(window, fits_store) == 3
    assert fits_store.state == start_fits()


def test_play_stops_at_convergence_and_the_timer_when_hidden(
    window, page, fits_store, qtbot, converged_state
):
    page.toggle_play()
    assert page.timer.isActive()
    window.show_panel("batch")
    assert not page.timer.isActive() and page.playing
    window.show_panel("fitting")
    assert page.timer.isActive()
    page.pause()
    # A run that reaches convergence pauses itself: one undo step.
    near_end = resume_near(converged_state, 3)
    fits_store.set_state(near_end)
    assert page.can_play()
    page.toggle_play()
    qtbot.waitUntil(lambda: not page.playing)
    assert not page.timer.isActive()
    assert fits_store.state.converged and not page.can_play()
    assert fits_store.state.step == converged_state.step
    window.undo()
    assert fits_store.state == near_end
    window.redo()
    message = page.toggle_play()
    assert message == "Nothing left to play: reset (or change a setting) first."
    click(qtbot, page, "fitting_play_button")
    assert not page.playing and not page.timer.isActive()
    # Reset: back to step 0, one undo step.
    done = fits_store.state
    click(qtbot, page, "fitting_reset_button")
    assert fits_store.state == start_fits() and page.can_play()
    window.undo()
    assert fits_store.state == done


def resume_near(converged_state: FitsState, steps_before: int) -> FitsState:
    """The default fits ``steps_before`` steps before both have converged."""
    return advance_fits(start_fits(), converged_state.step - steps_before)


# --- controls → store, store → controls -----------------------------------------


def test_the_peak_sliders_span_the_core_ranges(page):
    ranges = {limits.name: limits for limits in PEAKS}
    assert [key for key, *_ in PEAK_CONTROLS] == list(ranges)
    assert {field.name for field in dataclasses.fields(Peaks)} == set(ranges)
    for key, _, _, scale, _ in PEAK_CONTROLS:
        assert (scale.low, scale.high) == (ranges[key].low, ranges[key].high)
        slider = child(page, QSlider, f"fitting_{key}_slider")
        assert (slider.minimum(), slider.maximum()) == (0, scale.steps)


WANTED_PEAKS = {
    "position_1": 20.0,
    "position_2": 40.5,
    "width_1": 2.5,
    "width_2": 7.0,
    "height_1": 0.6,
    "height_2": 0.3,
}


def shape_p_with_the_sliders(page, store):
    """Move every peak slider off its default; returns the peaks it made."""
    for key, _, _, scale, _ in PEAK_CONTROLS:
        slider = child(page, QSlider, f"fitting_{key}_slider")
        slider.setValue(scale.to_position(WANTED_PEAKS[key]))
        wanted = scale.to_value(scale.to_position(WANTED_PEAKS[key]))
        assert getattr(store.state.peaks, key) == wanted
        assert wanted == pytest.approx(WANTED_PEAKS[key])
    return store.state.peaks


def test_controls_write_the_store_one_undo_step_each(window, page, fits_store):
    shaped = shape_p_with_the_sliders(page, fits_store)
    combo = child(page, QComboBox, "fitting_show_combo")
    combo.setCurrentIndex(combo.findData("reverse"))
    assert fits_store.state.shown == "reverse"
    assert fits_store.state.peaks == shaped
    assert page.views["reverse"].isVisible()
    assert not page.views["forward"].isVisible()
    assert undo_steps(window, fits_store) == len(PEAK_CONTROLS) + 1
    assert fits_store.state == start_fits()


def test_the_store_moves_the_controls_without_feedback(page, fits_store, qtbot):
    # Peaks between slider steps: the sliders move, and write nothing back.
    between = peaks(position_1=15.3, width_2=3.333, height_1=0.77)
    state = advance_fits(start_fits(between, seed=3, shown="reverse"), 10)
    changes = []
    fits_store.state_changed.connect(changes.append)
    fits_store.set_state(state)
    assert changes == [state] and fits_store.state is state
    for key, _, _, scale, _ in PEAK_CONTROLS:
        slider = child(page, QSlider, f"fitting_{key}_slider")
        assert slider.value() == scale.to_position(getattr(between, key))
    combo = child(page, QComboBox, "fitting_show_combo")
    assert combo.currentData() == "reverse"
    assert page.views["reverse"].isVisible()
    assert not page.views["forward"].isVisible()
    settle(qtbot, fits_store)
    assert changes == [state] and fits_store.state is state  # still no echo
    np.testing.assert_array_equal(
        page.views["forward"].p_bars.heights(), between.target()
    )
    fits_store.set_state(kl_fits.show(state, "both"))
    assert combo.currentData() == "both" and page.views["forward"].isVisible()


def test_results_are_drawn_in_every_view(page, fits_store, qtbot):
    fits_store.set_state(advance_fits(fits_store.state, 25))
    settle(qtbot, fits_store)
    results = fits_store.results
    state = results.state
    for direction, summary in zip(DIRECTIONS, results.summaries, strict=True):
        fit = state.fit(direction)
        view = page.views[direction]
        np.testing.assert_array_equal(view.p_bars.heights(), results.target)
        x, q = view.q_line.getData()
        assert x.tolist() == list(range(60))
        np.testing.assert_array_equal(q, fit.model)
        steps, losses = view.loss_curve.getData()
        assert steps.tolist() == list(range(26))
        np.testing.assert_array_equal(losses, fit.loss_history)
        pair = summary.divergences
        assert_shows(child(page, QLabel, f"fitting_{direction}_kl_pq"), pair.forward)
        assert_shows(child(page, QLabel, f"fitting_{direction}_kl_qp"), pair.reverse)
        details = child(page, QLabel, f"fitting_{direction}_details").text()
        one, two = summary.masses
        # Never "0.00" or "1.00" for a mass that is neither (a mass of 0
        # where P > 0 would make D(P‖Q) infinite).
        for mass in (one, two, summary.halfway):
            assert f"<b>{mass_text(mass)}</b>" in details
            if 0 < mass < 1:
                assert "<b>0.00</b>" not in details and "<b>1.00</b>" not in details
        # The three shares on show add up to the whole, to their digits
        # (0.88 and 0.083 alone made 0.963: bin 30 is half-way): two digits
        # each, half a hundredth apiece.
        shown = [parse_shown(m) for m in re.findall(r"<b>([^<]+)</b>", details)[-3:]]
        assert "half-way" in details and sum(shown) == pytest.approx(1.0, abs=0.0105)
        assert "step 25" in details
    np.testing.assert_array_equal(results.target, two_peak_target())
    assert child(page, QLabel, "fitting_step_label").text() == "step 25"
    start_text = child(page, QLabel, "fitting_start_label").text()
    assert "default start" in start_text
    assert "μ = 23.600" in start_text and "σ = 5.000 bins" in start_text


def test_summaries_are_derived_once_per_pass_never_when_drawn(
    page, fits_store, qtbot, monkeypatch
):
    readouts, mass_calls = [], []
    real_readouts, real_masses = kl_fits.kl_readouts, kl_fits.peak_masses

    def counting_readouts(fit):
        readouts.append(fit.step)
        return real_readouts(fit)

    def counting_masses(model, *positions):
        mass_calls.append(positions)
        return real_masses(model, *positions)

    monkeypatch.setattr(kl_fits, "kl_readouts", counting_readouts)
    monkeypatch.setattr(kl_fits, "peak_masses", counting_masses)
    for _ in range(5):
        page.show_results(fits_store.results)  # drawing computes nothing
    assert readouts == [] and mass_calls == []
    derivations = fits_store.derivations
    for _ in range(5):
        page.step_once()  # five changes in one pass of the event loop
    assert readouts == []  # nothing derived yet
    settle(qtbot, fits_store)
    assert fits_store.derivations == derivations + 1
    assert readouts == [5, 5]  # one summary per fit, of the latest state
    assert mass_calls == [(15.0, 45.0), (15.0, 45.0)]
    child(page, QSlider, "fitting_position_2_slider").setValue(
        POSITION_SCALE.to_position(35.0)
    )  # reshaping P summarises the retargeted fits against the new peaks
    settle(qtbot, fits_store)
    assert mass_calls[2:] == [(15.0, 35.0), (15.0, 35.0)]
    state = fits_store.state
    for fit, summary in zip(state.fits, fits_store.results.summaries, strict=True):
        assert summary == summarise(fit, state.peaks)


# --- sessions ---------------------------------------------------------------------


def test_the_fits_survive_saving_and_opening_a_session(
    window, page, fits_store, qtbot, tmp_path
):
    shaped = shape_p_with_the_sliders(page, fits_store)
    fits_store.set_state(
        advance_fits(restart_fits(fits_store.state, seed=2, shown="forward"), 40)
    )
    saved_state = fits_store.state
    path = tmp_path / "fits.json"
    assert window.save_session_to(path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["pages"]["fits"] == fits_to_dict(saved_state)
    assert saved["view"] == {"page": "fits"}
    click(qtbot, page, "fitting_reset_button")
    child(page, QPushButton, "fitting_peaks_reset_button").click()
    fits_store.set_state(start_fits())
    window.show_panel("explorer")
    assert window.load_session_from(path)
    assert window.current_panel() == "fitting"
    # state
    assert fits_store.state == saved_state
    assert fits_store.state.peaks == shaped
    for direction in DIRECTIONS:
        fit = fits_store.state.fit(direction)
        np.testing.assert_array_equal(fit.target, shaped.target())
        assert fit.step == 40
    # state → controls
    for key, _, _, scale, _ in PEAK_CONTROLS:
        slider = child(page, QSlider, f"fitting_{key}_slider")
        assert slider.value() == scale.to_position(getattr(shaped, key))
    assert child(page, QComboBox, "fitting_show_combo").currentData() == "forward"
    # Opening the session is one undo step on the page.
    window.undo()
    assert fits_store.state == start_fits()


BAD_PEAKS = [
    ("position_1", 59.5, "pages.fits.peaks.position_1"),
    ("width_2", 0.0, "pages.fits.peaks.width_2"),
    ("height_1", "1", "pages.fits.peaks.height_1"),
    ("colour", 1.0, "pages.fits.peaks"),
]


def test_a_bad_peak_in_a_session_is_refused_naming_it_and_changes_nothing(
    window, page, fits_store, tmp_path
):
    fits_store.set_state(restart_fits(fits_store.state, seed=5))
    before = fits_store.state
    good = json.loads(session_to_json(window.session()))
    for key, value, field in BAD_PEAKS:
        document = json.loads(json.dumps(good))
        document["pages"]["fits"]["peaks"][key] = value
        path = tmp_path / f"bad-{key}.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        assert not window.load_session_from(path)
        assert fits_store.state is before
        dialog = window.findChild(QMessageBox, "problem_dialog")
        assert dialog is not None and dialog.text().startswith(field + " ")
        dialog.close()
        dialog.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.mark.parametrize(
    ("size", "lecture", "compact"),
    [
        ((1280, 720), True, True),
        ((1920, 1080), True, False),
        ((1280, 800), False, False),
    ],
)
def test_both_fits_show_side_by_side_where_the_page_is_small(
    window, page, qtbot, size, lecture, compact
):
    # At 1280×720 in lecture type one fit showed at a time ("plots 1 of 2"),
    # beside a menu that said "Both fits side by side": the fits now drop
    # their loss curves there, and only there.
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from viz import appearance, theme

    before = window.size()
    appearance.apply_application_style(theme.LECTURE if lecture else theme.NORMAL, 1.0)
    window.set_lecture(lecture, full_screen=False)
    window.resize(*size)
    try:
        for _ in range(12):
            QCoreApplication.sendPostedEvents()
            QApplication.processEvents()
        grid = page.plot_grid
        assert grid.shown == ("forward", "reverse") and not grid.strip.isVisible()
        for view in page.views.values():
            assert view.fit_widget.isVisible()
            assert view.loss_widget.isVisible() == (not compact)
    finally:
        window.set_lecture(False, full_screen=False)
        appearance.apply_application_style(theme.NORMAL, 1.0)
        window.resize(before)


def test_the_show_box_says_whether_both_fits_stand_side_by_side(window, page, qtbot):
    # In Chinese at 1280×720 in lecture type the page had no room for both
    # fits and showed them one at a time, under "两个拟合并排显示" (side by side).
    combo = page.findChild(QComboBox, "fitting_show_combo")
    grid = page.plot_grid
    size = window.size()
    seen = set()
    try:
        window.set_lecture(True, full_screen=False)
        for language, width, height in (
            ("en", 1280, 720),
            ("zh_CN", 1280, 720),
            ("en", 1024, 520),
        ):
            set_language(language)
            window.resize(width, height)
            qtbot.waitUntil(lambda: bool(grid.shown))
            QApplication.processEvents()
            in_turn = len(grid.shown) < 2
            seen.add(in_turn)
            assert combo.currentData() == "both"
            assert combo.currentText() == shown_text("both", in_turn), (
                language,
                width,
                height,
                grid.shown,
            )
    finally:
        set_language("en")
        window.set_lecture(False, full_screen=False)
        window.resize(size)
    assert seen == {True, False}  # both wordings were put to the test


def test_both_chosen_where_only_one_fits_is_said_to_be_in_turn(window, page, qtbot):
    # "Forward only", then "both" in a window with room for one: the grid
    # kept showing the forward fit, announced no change, and the box said
    # "side by side".
    combo = page.findChild(QComboBox, "fitting_show_combo")
    size = window.size()
    try:
        window.resize(1600, 1000)  # room for both: "side by side"
        qtbot.waitUntil(lambda: len(page.plot_grid.shown) == 2)
        assert combo.currentText() == shown_text("both", False)
        combo.setCurrentIndex(combo.findData("forward"))
        qtbot.waitUntil(lambda: page.plot_grid.shown == ("forward",))
        window.set_lecture(True, full_screen=False)
        window.resize(1024, 520)
        qtbot.waitUntil(lambda: window.height() == 520)
        combo.setCurrentIndex(combo.findData("both"))
        qtbot.waitUntil(lambda: page.store.state.shown == "both")
        assert page.plot_grid.shown == ("forward",)  # no room for the two
        assert combo.currentText() == shown_text("both", True)
    finally:
        combo.setCurrentIndex(combo.findData("both"))
        window.set_lecture(False, full_screen=False)
        window.resize(size)


@pytest.mark.parametrize(
    ("mass", "shown"),
    [
        (0.88, "0.88"),
        (0.08344, "0.083"),
        (0.0996, "0.10"),
        (5.3e-5, "5.3×10⁻⁵"),
        (0.999999998, "0.999999998"),
        (0.0, "0"),
    ],
)
def test_a_mass_is_two_significant_digits(mass, shown):
    assert mass_text(mass) == shown
