"""The Vanishing gradients page through its real widgets, its store and the window.

Layered as the other pages: controls write the race store, the store drives
the controls (signals blocked), the views draw the store's results, play and
pause are one undo step, and the counts beside the race are the core's.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QPushButton,
    QSlider,
    QStyle,
    QStyleOptionSlider,
)

from core.losses import bce_with_logits_grad, mse_sigmoid_grad
from core.race import (
    COUNT_LIMIT,
    THRESHOLD,
    advance_race,
    derive_race,
    race_finished,
    start_race,
)
from core.ranges import RACE_LEARNING_RATE, RACE_SPEEDS, RACE_Z0
from core.state_schemas import race_from_dict, race_to_dict
from core.training import (
    LOSS_KINDS,
    run_sigmoid_descent,
    sigmoid_loss_curves,
    start_sigmoid_descent,
    steps_to_reach,
)
from viz.pages.binary import BinaryPage
from viz.pages.common import number_text
from viz.store import Store

NO_MODIFIER = Qt.KeyboardModifier.NoModifier


#: Built before the shared window is handed out (tests/window_reuse.py).
SHARED_WINDOW_PAGES = ("binary",)


@pytest.fixture
def race(window):
    """The window's race store (made with the window, before the page)."""
    return window.stores["race"]


@pytest.fixture
def page(window, race):
    window.show_panel("binary")
    page = window.pages["binary"]
    assert isinstance(page, BinaryPage)
    assert page.isVisible() and page.store is race
    assert window.current_store() is race
    return page


def child(page, cls, name):
    widget = page.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name}"
    return widget


def text(page, name):
    return child(page, QLabel, name).text()


def click(qtbot, page, name):
    qtbot.mouseClick(child(page, QPushButton, name), Qt.MouseButton.LeftButton)


def settle(qtbot, store):
    """Let the store's one scheduled derive run."""
    qtbot.waitUntil(lambda: store.results_state is store.state)


def wait_for_counts(qtbot, page):
    qtbot.waitUntil(lambda: page.counter.done, timeout=20_000)
    settle(qtbot, page.store)


def drag(slider, *offsets):
    """Press the slider's handle, move it by each offset (pixels), release."""
    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    handle = slider.style().subControlRect(
        QStyle.ComplexControl.CC_Slider,
        option,
        QStyle.SubControl.SC_SliderHandle,
        slider,
    )
    start = handle.center()
    QTest.mousePress(slider, Qt.MouseButton.LeftButton, NO_MODIFIER, start)
    for dx in offsets:
        QTest.mouseMove(slider, start + QPoint(dx, 0))
    end = start + QPoint(offsets[-1], 0)
    QTest.mouseRelease(slider, Qt.MouseButton.LeftButton, NO_MODIFIER, end)


def spy(signal):
    """Record every emission of ``signal``."""
    seen = []
    signal.connect(lambda *args: seen.append(args))
    return seen


# controls → store -----------------------------------------------------------


def test_the_page_opens_on_the_stores_default_race(page, race):
    assert race.state == start_race()
    assert (race.state.z0, race.state.label, race.state.learning_rate) == (-8.0, 1, 1.0)
    slider = child(page, QSlider, "binary_z_slider")
    assert slider.value() == slider.scale.to_position(-8.0)
    assert child(page, QComboBox, "binary_y_combo").currentData() == 1
    assert text(page, "binary_step_label") == "step 0"


def test_the_z_slider_writes_the_store(page, race, qtbot):
    race.set_state(advance_race(race.state, 5))
    slider = child(page, QSlider, "binary_z_slider")
    slider.setValue(slider.scale.to_position(0.0))
    state = race.state
    assert state.z0 == pytest.approx(0.0, abs=1e-12)
    assert state.step == 0  # a new z₀ starts the race again
    assert all(racer.z == state.z0 for racer in state.racers)
    settle(qtbot, race)
    assert text(page, "binary_ce_gradient") == "−0.5000"
    assert text(page, "binary_se_gradient") == "−0.2500"
    assert page.plots.loss_z0.value() == state.z0


def test_the_label_combo_writes_the_store(page, race):
    combo = child(page, QComboBox, "binary_y_combo")
    combo.setCurrentIndex(combo.findData(0))
    assert race.state.label == 0
    assert all(racer.y == 0.0 for racer in race.state.racers)
    assert race.state.z0 == -8.0  # the other settings stay


def test_the_learning_rate_slider_writes_the_store(page, race):
    slider = child(page, QSlider, "binary_lr_slider")
    slider.setValue(slider.scale.to_position(10.0))
    assert race.state.learning_rate == pytest.approx(10.0)
    assert all(racer.lr == race.state.learning_rate for racer in race.state.racers)
    # Logarithmic: the middle of the slider is the geometric middle.
    slider.setValue(slider.maximum() // 2)
    low, high = RACE_LEARNING_RATE.low, RACE_LEARNING_RATE.high
    assert race.state.learning_rate == pytest.approx(math.sqrt(low * high))


def test_a_drag_is_one_undo_step(window, page, race):
    before = race.state
    slider = child(page, QSlider, "binary_z_slider")
    changes = spy(race.state_changed)
    drag(slider, 15, 30, 45, 60)
    assert len(changes) >= 2  # the state followed the handle ...
    assert race.state.z0 > before.z0
    window.undo()  # ... and one undo takes the whole drag back
    assert race.state == before
    assert slider.value() == slider.scale.to_position(before.z0)
    assert not race.can_undo


def test_a_drag_while_playing_pauses_and_is_its_own_undo_step(
    window, page, race, qtbot
):
    before = race.state
    page.toggle_play()
    qtbot.waitUntil(lambda: race.state.step >= 4)
    drag(child(page, QSlider, "binary_z_slider"), 20, 40, 60)
    assert not page.playing and not page.timer.isActive()
    assert race.state.step == 0 and race.state.z0 > before.z0
    window.undo()  # the drag ...
    assert race.state.z0 == before.z0 and race.state.step >= 4
    window.undo()  # ... and then the run
    assert race.state == before


def test_a_changed_setting_pauses_the_race(page, race, qtbot):
    page.toggle_play()
    qtbot.waitUntil(lambda: race.state.step >= 2)
    combo = child(page, QComboBox, "binary_y_combo")
    combo.setCurrentIndex(combo.findData(0))
    assert not page.playing and not page.timer.isActive()
    assert race.state.step == 0 and race.state.label == 0


# store → controls -------------------------------------------------------------


def test_the_controls_follow_the_store_without_writing_back(page, race, qtbot):
    z = child(page, QSlider, "binary_z_slider")
    lr = child(page, QSlider, "binary_lr_slider")
    combo = child(page, QComboBox, "binary_y_combo")
    emitted = [
        spy(z.valueChanged),
        spy(lr.valueChanged),
        spy(combo.currentIndexChanged),
        spy(page.z_control.value_changed),
    ]
    changes = spy(race.state_changed)
    state = advance_race(start_race(-5.0, 0, 0.3), 3)
    race.set_state(state)
    assert z.value() == z.scale.to_position(-5.0)
    assert child(page, QLabel, "binary_z_value").text() == "−5.00"
    assert lr.value() == lr.scale.to_position(0.3)
    assert combo.currentData() == 0
    assert all(seen == [] for seen in emitted)  # signals blocked: no loop
    assert len(changes) == 1 and race.state is state
    settle(qtbot, race)
    assert text(page, "binary_step_label") == "step 3"
    race.undo()
    assert race.state == start_race() and not race.can_undo


def test_a_race_read_from_a_file_shows_on_a_new_page(page, race, qtbot):
    state = advance_race(start_race(-5.0, 0, 0.3), 12)
    race.set_state(state)
    again = race_from_dict(race_to_dict(race.state))
    assert again == state
    other = BinaryPage(Store(again, derive_race, "another race"))
    qtbot.addWidget(other)
    for name in ("binary_z_slider", "binary_lr_slider"):
        assert child(other, QSlider, name).value() == child(page, QSlider, name).value()
    assert child(other, QComboBox, "binary_y_combo").currentData() == 0
    settle(qtbot, race)
    for name in ("binary_step_label", "binary_ce_race", "binary_se_race"):
        assert text(other, name) == text(page, name)
    assert text(other, "binary_step_label") == "step 12"


def test_the_window_session_holds_the_race(window, page, race):
    race.set_state(advance_race(start_race(2.0, 0, 4.0), 7))
    assert window.session().pages["race"] is race.state


# results → views --------------------------------------------------------------


@pytest.mark.parametrize("y", [1, 0])
def test_the_curves_are_the_derived_ones(page, race, qtbot, y):
    combo = child(page, QComboBox, "binary_y_combo")
    combo.setCurrentIndex(combo.findData(y))
    settle(qtbot, race)
    curves = race.results.curves
    reference = sigmoid_loss_curves(y)
    plots = page.plots
    for kind in LOSS_KINDS:
        z, loss = plots.loss_curves[kind].getData()
        assert np.array_equal(z, curves.z) and np.array_equal(z, reference.z)
        assert np.array_equal(loss, getattr(curves, f"{kind}_loss"))
        assert np.array_equal(loss, getattr(reference, f"{kind}_loss"))
        _, gradient = plots.grad_curves[kind].getOriginalDataset()
        assert np.array_equal(gradient, getattr(curves, f"{kind}_gradient"))
    assert plots.grad_plot.getViewBox().state["logMode"][1]  # log y axis


def test_the_gradient_readouts_at_minus_eight(page, race):
    results = race.results
    assert results is not None and results.state is race.state
    ce, se = (racer.gradient for racer in results.at_z0)
    assert text(page, "binary_ce_gradient") == number_text(ce) == "−0.9997"
    assert text(page, "binary_se_gradient") == number_text(se) == "−6.703×10⁻⁴"
    assert ce == bce_with_logits_grad(-8.0, 1.0) and se == mse_sigmoid_grad(-8.0, 1.0)
    assert round(results.gradient_ratio) == 1491
    assert "1,491×" in text(page, "binary_gradient_ratio")
    from chinese import in_chinese

    with in_chinese():  # "1,491× 倍" said × twice
        page.show_results(race.results)
        said = text(page, "binary_gradient_ratio")
        assert "1,491</b> 倍" in said and "×" not in said
    page.show_results(race.results)
    assert number_text(results.probability) in text(page, "binary_probability")
    marks = page.plots.loss_marks["cross_entropy"].getData()
    assert marks[0].tolist() == [-8.0]
    assert marks[1].tolist() == [results.at_z0[0].loss]
    assert page.plots.loss_z0.value() == -8.0 and page.plots.grad_z0.value() == -8.0


def test_the_race_plot_is_the_states_racers(page, race, qtbot):
    race.set_state(advance_race(race.state, 250))
    settle(qtbot, race)
    state = race.state
    for kind in LOSS_KINDS:
        expected = run_sigmoid_descent(start_sigmoid_descent(kind, -8.0, 1, 1.0), 250)
        racer = state.racer(kind)
        assert racer.z == expected.z and racer.loss == expected.loss
        assert np.array_equal(racer.loss_history, expected.loss_history)
        steps, losses = page.plots.race_curves[kind].getOriginalDataset()
        assert steps.tolist() == list(range(251))
        assert np.array_equal(losses, racer.loss_history)
        head = page.plots.race_heads[kind].getOriginalDataset()
        assert head[0].tolist() == [250.0] and head[1].tolist() == [racer.loss]
        on_curve = page.plots.loss_racers[kind].getData()
        assert on_curve[0].tolist() == [racer.z]
    # Claim 14 after 250 steps: cross-entropy has arrived, squared error
    # has barely left.
    assert state.racer("cross_entropy").loss == pytest.approx(0.00417000166, rel=1e-8)
    assert state.racer("squared_error").loss == pytest.approx(0.99919458479, rel=1e-8)
    assert text(page, "binary_step_label") == "step 250"
    assert number_text(state.racer("squared_error").loss) in text(
        page, "binary_se_race"
    )


def test_no_readout_shows_nan_at_the_edges(page, race, qtbot):
    for z0, label, lr in (
        (RACE_Z0.high, 0, RACE_LEARNING_RATE.high),
        (RACE_Z0.low, 1, 10.0),
    ):
        race.set_state(advance_race(start_race(z0, label, lr), 200))
        settle(qtbot, race)
        for label_widget in page.findChildren(QLabel):
            assert "nan" not in label_widget.text().lower()


# playback ---------------------------------------------------------------------


def test_play_and_pause_through_the_button_are_one_undo_step(window, page, race, qtbot):
    before = race.state
    button = child(page, QPushButton, "binary_play_button")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert page.playing and page.timer.isActive()
    assert page.timer.interval() >= 16
    assert "Pause" in button.text()
    qtbot.waitUntil(lambda: race.state.step >= 3 * page.steps_per_tick)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not page.playing and not page.timer.isActive()
    assert "Play" in button.text()
    played = race.state
    assert played.step % page.steps_per_tick == 0  # a fixed number per tick
    assert played == advance_race(before, played.step)
    window.undo()
    assert race.state == before and not race.can_undo
    window.redo()
    assert race.state == played


def test_undo_while_playing_pauses_and_takes_the_run_back(window, page, race, qtbot):
    before = race.state
    window.play_or_pause()  # Space
    qtbot.waitUntil(lambda: race.state.step >= 4)
    window.undo()
    assert not page.playing and race.state == before


def test_the_speed_box_sets_the_steps_per_tick(page, race, qtbot):
    speed = child(page, QComboBox, "binary_speed_combo")
    speed.setCurrentIndex(RACE_SPEEDS.index(20))
    assert page.steps_per_tick == 20 and race.state.steps_per_frame == 20
    assert race.state.step == 0  # the race goes on: no restart
    page.toggle_play()
    qtbot.waitUntil(lambda: race.state.step >= 40)
    page.toggle_play()
    assert race.state.step % 20 == 0


def test_step_is_one_step_and_one_undo_step(window, page, race, qtbot):
    before = race.state
    click(qtbot, page, "binary_step_button")
    assert race.state.step == 1 and race.state == advance_race(before, 1)
    expected = run_sigmoid_descent(start_sigmoid_descent("cross_entropy"), 1)
    assert race.state.racer("cross_entropy").z == expected.z
    settle(qtbot, race)
    assert text(page, "binary_step_label") == "step 1"
    window.single_step()  # "."
    assert race.state.step == 2
    window.undo()
    assert race.state.step == 1
    window.undo()
    assert race.state == before


def test_reset_is_undoable(window, page, race, qtbot):
    for _ in range(3):
        click(qtbot, page, "binary_step_button")
    assert race.state.step == 3
    click(qtbot, page, "binary_reset_button")
    assert race.state.step == 0
    assert race.state.racer("cross_entropy").z == -8.0
    window.undo()
    assert race.state.step == 3


def test_a_hidden_page_does_not_animate(window, page, race, qtbot):
    before = race.state
    page.toggle_play()
    qtbot.waitUntil(lambda: race.state.step >= 2)
    window.show_panel("explorer")
    assert not page.isVisible() and not page.timer.isActive()
    assert page.playing  # it resumes when the page comes back
    hidden_at = race.state.step
    for _ in range(5):
        QApplication.processEvents()
    assert race.state.step == hidden_at
    window.show_panel("binary")
    assert page.timer.isActive()
    qtbot.waitUntil(lambda: race.state.step > hidden_at)
    page.toggle_play()
    assert not page.timer.isActive()
    window.undo()  # the run, hidden part and all, is one undo step
    assert race.state == before


def test_play_while_hidden_waits_for_the_page(window, page, race):
    window.show_panel("explorer")
    assert page.toggle_play() is None
    assert page.playing and not page.timer.isActive()
    window.show_panel("binary")
    assert page.timer.isActive()
    page.toggle_play()


def test_play_stops_once_both_have_arrived(window, page, race, qtbot):
    se = steps_to_reach("squared_error", -8.0, 1, 1.0, THRESHOLD)
    near = advance_race(race.state, se - 9)
    race.set_state(near)
    assert not race_finished(near) and page.can_play()
    page.toggle_play()
    qtbot.waitUntil(lambda: not page.playing)
    state = race.state
    assert race_finished(state) and not page.timer.isActive()
    assert se <= state.step < se + page.steps_per_tick
    assert not page.can_play()
    assert "Nothing left to play" in page.toggle_play()
    assert "Nothing left to step" in page.step_once()
    window.undo()
    assert race.state == near


# the counts beside the race --------------------------------------------------------


def test_the_counts_are_the_cores_counted_without_blocking(page, race, qtbot):
    assert (race.state.z0, race.state.label, race.state.learning_rate) == (-8.0, 1, 1.0)
    race.set_state(start_race(-8.0, 1, 1.0 + 1e-9))  # a fresh count
    race.set_state(start_race())
    assert not page.counter.done  # counted in chunks, not in the slot
    assert "counting…" in text(page, "binary_se_count")
    wait_for_counts(qtbot, page)
    expected = {
        kind: steps_to_reach(kind, -8.0, 1, 1.0, THRESHOLD, COUNT_LIMIT)
        for kind in LOSS_KINDS
    }
    assert page.counter.results == expected
    ce, se = expected["cross_entropy"], expected["squared_error"]
    assert ce < se / 10  # claim 14: under a tenth of the steps
    assert 15 <= ce <= 25 and 1300 <= se <= 1700
    assert f"<b>{ce:,}</b>" in text(page, "binary_ce_count")
    assert f"<b>{se:,}</b>" in text(page, "binary_se_count")
    assert "✓" not in text(page, "binary_ce_count")
    # The race itself arrives at the counted step.
    arrived = advance_race(race.state, ce)
    assert arrived.racer("cross_entropy").loss < THRESHOLD
    assert advance_race(race.state, ce - 1).racer("cross_entropy").loss >= THRESHOLD
    race.set_state(arrived)
    settle(qtbot, race)
    assert "✓" in text(page, "binary_ce_count")
    assert "✓" not in text(page, "binary_se_count")


def test_the_counts_follow_the_learning_rate(page, race, qtbot):
    slider = child(page, QSlider, "binary_lr_slider")
    slider.setValue(slider.scale.to_position(10.0))
    lr = race.state.learning_rate
    assert lr == pytest.approx(10.0)
    wait_for_counts(qtbot, page)
    assert page.counter.results == {
        kind: steps_to_reach(kind, -8.0, 1, lr, THRESHOLD, COUNT_LIMIT)
        for kind in LOSS_KINDS
    }
    ce, se = (page.counter.results[kind] for kind in LOSS_KINDS)
    assert ce <= 3 and 100 <= se <= 200 and ce < se / 10


def test_the_counts_do_not_restart_as_the_race_runs(page, race, qtbot):
    wait_for_counts(qtbot, page)
    counts = dict(page.counter.counts)
    race.set_state(advance_race(race.state, 30))
    assert page.counter.counts == counts and page.counter.done
    assert not race.can_redo  # counting never writes the store


def test_a_long_count_takes_many_short_passes(page, race, qtbot):
    # Squared error needs about 150,000 steps at the smallest learning rate:
    # a pass of the event loop counts for half a frame, then lets it draw.
    race.set_state(start_race(-8.0, 1, RACE_LEARNING_RATE.low))
    counter = page.counter
    assert counter.progress("cross_entropy") == 0  # nothing counted in the slot
    counter._work()  # one pass of the event loop
    checked = counter.progress("cross_entropy") + counter.progress("squared_error")
    assert checked > 0 and not counter.done
    assert "counting…" in text(page, "binary_se_count")
    race.set_state(start_race())  # a new count replaces the long one
    assert counter.progress("squared_error") == 0
    wait_for_counts(qtbot, page)


def test_a_gradient_of_one_keeps_its_marker_inside_the_plot(page):
    """Cross-entropy's |dL/dz| → 1 far on the wrong side: on an axis ending
    exactly at 10⁰ its curve ran along the edge and its marker was cut."""
    plot = page.plots.grad_plot
    _, (low, high) = plot.vb.viewRange()
    top = max(
        float(np.nanmax(item.getData()[1])) for item in page.plots.grad_curves.values()
    )
    assert top > -0.01  # the case: a gradient near 1 (log10 near 0)
    assert high - top >= 0.04 * (high - low)


@pytest.mark.parametrize(("z0", "label"), [(10.0, 0), (-10.0, 1)])
def test_a_saturated_sigmoid_is_never_shown_as_certain(page, race, qtbot, z0, label):
    # σ(10) = 0.99995 read "1.0000", and the cross-entropy gradient σ − y
    # "±1.0000": a sigmoid never saturates to certainty, and |σ − y| < 1.
    race.set_state(start_race(z0, label))
    settle(qtbot, race)
    results = race.results
    ce = results.at_z0[0].gradient
    assert 0.9999 < abs(ce) < 1.0
    gradient = text(page, "binary_ce_gradient")
    assert gradient == ("" if ce > 0 else "−") + "0.99995"
    probability = text(page, "binary_probability")
    assert "1.0000" not in probability
    assert ("0.99995" if z0 > 0 else "4.540×10⁻⁵") in probability


def test_the_speed_is_the_states_saved_and_undone(window, page, race, qtbot):
    # The speed was the page's own: a session played at 2 steps a frame
    # whatever it was saved at, and undo passed it by.
    from core.state_schemas import race_from_dict, race_to_dict

    speed = child(page, QComboBox, "binary_speed_combo")
    race.set_state(page.advanced(race.state, 6))
    speed.setCurrentIndex(RACE_SPEEDS.index(100))
    assert race.state.steps_per_frame == 100 and race.state.step == 6
    saved = race_to_dict(race.state)
    assert saved["steps_per_frame"] == 100
    window.undo()
    qtbot.waitUntil(lambda: race.state.steps_per_frame == 2)
    assert speed.currentData() == 2 and race.state.step == 6
    race.set_state(race_from_dict(saved))
    qtbot.waitUntil(lambda: speed.currentData() == 100)
    assert page.steps_per_tick == 100
    old = {key: value for key, value in saved.items() if key != "steps_per_frame"}
    assert race_from_dict(old).steps_per_frame == 2  # a file from before
