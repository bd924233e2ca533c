"""The binary page: vanishing gradients and the race, through its real widgets."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QSlider

from core.losses import bce_with_logits_grad, mse_sigmoid_grad
from core.training import (
    LOSS_KINDS,
    run_sigmoid_descent,
    sigmoid_loss_curves,
    start_sigmoid_descent,
    steps_to_reach,
)
from viz.pages.binary import LR_SCALE, THRESHOLD, Z_SCALE, BinaryPage
from viz.pages.common import number_text


@pytest.fixture
def page(window):
    window.show_panel("binary")
    page = window.pages["binary"]
    assert isinstance(page, BinaryPage)
    assert page.isVisible()
    return page


def child(page, cls, name):
    widget = page.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name}"
    return widget


def click(qtbot, page, name):
    qtbot.mouseClick(child(page, QPushButton, name), Qt.MouseButton.LeftButton)


def wait_for_counts(qtbot, page):
    qtbot.waitUntil(lambda: page.counter.done, timeout=10_000)
    qtbot.waitUntil(lambda: not page.draw_pending)


def first_below(state, threshold=THRESHOLD):
    below = np.flatnonzero(np.asarray(state.loss_history) < threshold)
    return state.history_start + int(below[0]) if below.size else None


# what is drawn equals the core ------------------------------------------------


@pytest.mark.parametrize("y", [1, 0])
def test_curves_are_the_cores(page, y):
    page.y_combo.setCurrentIndex(page.y_combo.findData(y))
    page.draw()
    curves = sigmoid_loss_curves(y)
    plots = page.plots
    names = {"cross_entropy": "cross_entropy", "squared_error": "squared_error"}
    for kind, field in names.items():
        z, loss = plots.loss_curves[kind].getData()
        assert np.array_equal(z, curves.z)
        assert np.array_equal(loss, getattr(curves, f"{field}_loss"))
        _, gradient = plots.grad_curves[kind].getOriginalDataset()
        assert np.array_equal(gradient, getattr(curves, f"{field}_gradient"))
    assert plots.grad_plot.getViewBox().state["logMode"][1]  # log y axis


def test_gradient_readouts_at_minus_eight(page):
    ce = child(page, QLabel, "binary_ce_gradient").text()
    se = child(page, QLabel, "binary_se_gradient").text()
    assert ce == number_text(bce_with_logits_grad(-8.0, 1.0)) == "−0.9997"
    assert se == number_text(mse_sigmoid_grad(-8.0, 1.0)) == "−6.703×10⁻⁴"
    assert "1,491×" in child(page, QLabel, "binary_gradient_ratio").text()
    marks = page.plots.loss_marks["cross_entropy"].getData()
    assert marks[0].tolist() == [-8.0]
    assert page.plots.loss_z0.value() == -8.0


def test_z_slider_and_y_combo_write_the_state(page, qtbot):
    child(page, QSlider, "binary_z_slider").setValue(Z_SCALE.to_position(0.0))
    assert page.z0 == pytest.approx(0.0)
    assert page.race["cross_entropy"].z == pytest.approx(0.0)
    qtbot.waitUntil(lambda: not page.draw_pending)
    assert child(page, QLabel, "binary_ce_gradient").text() == "−0.5000"
    assert child(page, QLabel, "binary_se_gradient").text() == "−0.2500"
    child(page, QComboBox, "binary_y_combo").setCurrentIndex(0)
    assert page.label == 0
    assert page.race["squared_error"].y == 0.0


# the race -------------------------------------------------------------------


def test_cross_entropy_needs_under_a_tenth_of_the_steps(page, qtbot):
    assert (page.z0, page.label, page.lr) == (-8.0, 1, 1.0)
    while not page.finished():
        page.advance(100)
    ce = first_below(page.race["cross_entropy"])
    se = first_below(page.race["squared_error"])
    assert ce < se / 10
    # The counts shown beside the race are the core's, counted without blocking.
    wait_for_counts(qtbot, page)
    assert page.counter.results == {"cross_entropy": ce, "squared_error": se}
    for kind in LOSS_KINDS:
        assert page.counter.results[kind] == steps_to_reach(kind, -8.0, 1, 1.0)
    assert f"<b>{ce:,}</b>" in child(page, QLabel, "binary_ce_count").text()
    assert f"<b>{se:,}</b>" in child(page, QLabel, "binary_se_count").text()


def test_the_race_is_deterministic(page):
    page.advance(250)
    for kind in LOSS_KINDS:
        expected = run_sigmoid_descent(start_sigmoid_descent(kind, -8.0, 1, 1.0), 250)
        state = page.race[kind]
        assert state.z == expected.z and state.loss == expected.loss
        assert np.array_equal(state.loss_history, expected.loss_history)
    assert page.race["cross_entropy"].loss == pytest.approx(0.00417000166, rel=1e-8)
    assert page.race["squared_error"].loss == pytest.approx(0.99919458479, rel=1e-8)
    steps, losses = page.plots.race_curves["squared_error"].getOriginalDataset()
    assert steps.tolist() == list(range(251))
    assert np.array_equal(losses, page.race["squared_error"].loss_history)


def test_counts_follow_the_learning_rate(page, qtbot):
    child(page, QSlider, "binary_lr_slider").setValue(LR_SCALE.to_position(10.0))
    assert page.lr == pytest.approx(10.0)
    wait_for_counts(qtbot, page)
    assert page.counter.results == {
        "cross_entropy": steps_to_reach("cross_entropy", -8.0, 1, 10.0),
        "squared_error": steps_to_reach("squared_error", -8.0, 1, 10.0),
    }
    ce, se = (page.counter.results[kind] for kind in LOSS_KINDS)
    assert ce <= 3 and 100 <= se <= 200 and ce < se / 10


def test_step_and_reset_buttons(page, qtbot):
    click(qtbot, page, "binary_step_button")
    assert page.step == 1
    expected = run_sigmoid_descent(start_sigmoid_descent("cross_entropy"), 1)
    assert page.race["cross_entropy"].z == expected.z
    assert child(page, QLabel, "binary_step_label").text() == "step 1"
    click(qtbot, page, "binary_reset_button")
    assert page.step == 0
    assert page.race["cross_entropy"].z == -8.0


def test_play_pause_through_the_button(page, qtbot):
    button = child(page, QPushButton, "binary_play_button")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert page.playing and page.timer.isActive()
    assert page.timer.interval() >= 16
    assert "Pause" in button.text()
    qtbot.waitUntil(lambda: page.step >= 3 * page.steps_per_tick)
    assert page.step % page.steps_per_tick == 0  # a fixed number per tick
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not page.playing and not page.timer.isActive()
    assert "Play" in button.text()


def test_the_timer_stops_when_the_page_is_hidden(window, page, qtbot):
    page.toggle_play()
    assert page.timer.isActive()
    window.show_panel("explorer")
    assert not page.isVisible()
    assert not page.timer.isActive()
    assert page.playing  # it resumes when the page comes back
    window.show_panel("binary")
    assert page.timer.isActive()
    page.toggle_play()
    assert not page.timer.isActive()


def test_play_stops_once_both_have_arrived(page):
    page.advance(1500)
    assert not page.finished()
    page.play()
    keep_going = page.advance(20)
    assert page.finished() and not keep_going


def test_settings_round_trip(page):
    page.apply_settings({"z0": -5.0, "y": 0.0, "learning_rate": 0.3})
    assert page.settings() == {"z0": -5.0, "y": 0.0, "learning_rate": 0.3}
    assert page.race["squared_error"].lr == 0.3
    assert page.race["cross_entropy"].z == -5.0
    assert child(page, QComboBox, "binary_y_combo").currentData() == 0
    assert child(page, QSlider, "binary_z_slider").value() == Z_SCALE.to_position(-5)
    other = BinaryPage()
    other.apply_settings(page.settings())
    assert other.settings() == page.settings()
    other.deleteLater()
    page.apply_settings({})
    assert page.settings() == {"z0": -8.0, "y": 1.0, "learning_rate": 1.0}


def test_no_readout_shows_nan(page):
    page.apply_settings({"z0": 50.0, "y": 0.0, "learning_rate": 10.0})
    page.advance(200)
    for label in page.findChildren(QLabel):
        assert "nan" not in label.text().lower()
