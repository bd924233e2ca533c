"""The Training page through its real widgets, its store, the explorer and the window.

Both losses train from the explorer's scenario (claims 12 and 15). The page
reads its start from the explorer's results (core.trainings.training_start),
controls write the trainings store, the store drives the controls (signals
blocked), the views draw the store's results, and a run is one undo step.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from chinese import assert_chinese, in_chinese
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPushButton,
    QSlider,
    QStyle,
    QStyleOptionSlider,
)

from core import Family, default_scenario, evaluate
from core.ranges import TRAINING_LEARNING_RATE
from core.training import LOSS_KINDS, run_logit_training, start_logit_training
from core.trainings import (
    IMPOSSIBLE_GAP,
    TrainingStart,
    advance_trainings,
    derive_trainings,
    restart_trainings,
    start_trainings,
    training_start,
)
from viz.pages.common import number_text
from viz.pages.training import TrainingPage, formula_html

PRESET_LOGITS = [2.0, 1.0, 0.1]
NO_MODIFIER = Qt.KeyboardModifier.NoModifier
SHORT = {"cross_entropy": "ce", "squared_error": "se"}


#: Built before the shared window is handed out (tests/window_reuse.py).
SHARED_WINDOW_PAGES = ("training",)


@pytest.fixture
def trainings(window):
    """The window's trainings store (made with the window, before the page)."""
    return window.stores["trainings"]


@pytest.fixture
def page(window, trainings, qtbot):
    window.show_panel("training")
    page = window.pages["training"]
    assert isinstance(page, TrainingPage)
    assert page.isVisible() and page.store is trainings
    assert window.current_store() is trainings
    settle(qtbot, window)
    return page


def child(page, cls, name):
    widget = page.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name}"
    return widget


def text(page, name):
    return child(page, QLabel, name).text()


def click(qtbot, page, name):
    qtbot.mouseClick(child(page, QPushButton, name), Qt.MouseButton.LeftButton)


def settle(qtbot, window):
    """Let the explorer evaluate, the page follow it, and the trainings derive."""
    explorer, trainings = window.store, window.stores["trainings"]
    qtbot.waitUntil(
        lambda: (
            not explorer.pending
            and not trainings.pending
            and trainings.results_state is trainings.state
        )
    )


def following(window):
    """The trainings start from the explorer's latest results."""
    results = window.store.results
    assert window.store.results_state is window.store.state
    return window.stores["trainings"].state.start == training_start(results)


def use_preset(window, qtbot, preset_id="training-the-logits"):
    window.apply_preset(window.preset(preset_id))
    page = window.pages["training"]
    assert window.current_panel() == "training"
    settle(qtbot, window)
    return page


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


# the start is the explorer's -----------------------------------------------------


def test_starts_from_the_explorers_scenario(window, page, trainings, store):
    scenario = store.scenario
    results = evaluate(scenario)
    state = trainings.state
    assert state.step == 0 and following(window)
    assert state.learning_rate == page.lr == TRAINING_LEARNING_RATE.default == 0.5
    for kind in LOSS_KINDS:
        training = state.training(kind)
        assert np.array_equal(training.logits, scenario.logits)
        assert np.array_equal(training.target, results.target)
        assert training.lr == 0.5 and training.true_class == scenario.label
    # Cross-entropy's gradient is the explorer's (softmax − y)/T.
    assert np.allclose(state.training("cross_entropy").gradient, results.grad)
    start = text(page, "training_start")
    assert "z = [2.00, 1.00, 0.10, −1.00]" in start and "one-hot(0)" in start


def test_opening_the_page_reads_the_explorer_without_an_undo_step(
    window, page, trainings
):
    # The store's first state is a placeholder nobody saw: undo never returns to it.
    assert following(window) and not trainings.can_undo
    assert not window.actions_by_name["undo"].isEnabled()


def test_linked_smoothed_and_tempered_target(window, page, trainings, store, qtbot):
    scenario = default_scenario().replace(
        linked=True, label_smoothing=0.2, temperature=2.0, label=1
    )
    store.set_scenario(scenario)
    settle(qtbot, window)
    assert following(window)
    results = evaluate(scenario)
    start = trainings.state.start
    assert start.soft_target == tuple(results.p.tolist())  # the target is P
    state = trainings.state.training("cross_entropy")
    assert np.array_equal(state.target, results.target)  # (1 − ε)·P + ε/K
    assert np.allclose(state.gradient, (results.softmax - results.target) / 2.0)
    assert np.allclose(state.gradient, results.grad)
    assert state.temperature == 2.0 and state.label_smoothing == 0.2
    # The class measured is the one P makes most likely, and the page says so.
    assert start.label == state.true_class == int(np.argmax(results.p)) == 0
    assert "true class 0, target P (linked)" in text(page, "training_start")
    formula = text(page, "training_ce_formula")
    assert "/T" in formula and "/2.00" in formula  # the 1/T factor, live
    assert "z<sub>0</sub>" in formula
    assert "T = 2.00" in text(page, "training_note")


def test_logits_that_follow_q_start_finite(window, page, trainings, store, qtbot):
    store.update(logits_follow_q=True, q_weights=np.array([0.5, 0.3, 0.0, 0.2]))
    settle(qtbot, window)
    assert following(window)
    results = store.results
    assert np.isneginf(results.logits[2])  # log of a zero weight
    logits = trainings.state.training("cross_entropy").logits
    possible = [0, 1, 3]
    assert np.array_equal(logits[possible], results.logits[possible])
    assert logits[2] == np.min(results.logits[possible]) - IMPOSSIBLE_GAP
    click(qtbot, page, "training_step_button")
    settle(qtbot, window)
    for label in page.findChildren(QLabel):
        assert "nan" not in label.text().lower()


def test_restarts_when_the_explorer_changes_while_on_show(
    window, page, trainings, store, qtbot
):
    trainings.set_state(advance_trainings(trainings.state, 5))
    store.update(label=2)
    settle(qtbot, window)
    assert trainings.state.step == 0 and following(window)
    assert trainings.state.start.label == 2
    window.undo()  # the restart was one undo step
    assert trainings.state.step == 5 and trainings.state.start.label == 0


def test_a_hidden_page_restarts_from_a_changed_explorer_when_shown(
    window, page, trainings, store, qtbot
):
    for _ in range(5):
        click(qtbot, page, "training_step_button")
    page.toggle_play()
    window.show_panel("explorer")
    assert not page.timer.isActive() and page.playing
    store.update(logits=np.array([0.0, 0.0, 3.0, 0.0]))
    qtbot.waitUntil(lambda: store.results_state is store.state)
    run = trainings.state
    assert run.step >= 5  # hidden: it neither runs nor follows
    assert not following(window)
    window.show_panel("training")
    settle(qtbot, window)  # back on show: started again from the explorer
    assert trainings.state.step == 0 and following(window)
    assert not page.playing and not page.timer.isActive()
    ce = trainings.state.training("cross_entropy")
    assert np.array_equal(ce.logits, [0.0, 0.0, 3.0, 0.0])
    window.undo()
    assert trainings.state == run


def test_explorer_changes_in_one_pass_restart_once(
    window, page, trainings, store, qtbot
):
    evaluations, derivations = store.evaluations, trainings.derivations
    changes = spy(trainings.state_changed)
    for logit in (1.0, 2.0, 3.0):
        store.update(logits=np.array([0.0, 0.0, logit, 0.0]))
    assert changes == []  # nothing follows before the explorer evaluates
    settle(qtbot, window)
    assert store.evaluations == evaluations + 1  # the explorer's one evaluation
    assert len(changes) == 1 and trainings.derivations == derivations + 1
    assert np.array_equal(trainings.state.start.logits, [0.0, 0.0, 3.0, 0.0])
    window.undo()
    assert trainings.state.start == training_start(evaluate(default_scenario()))


def test_family_mode_is_explained_not_a_crash(window, page, trainings, store, qtbot):
    before = trainings.state
    store.update(
        p_family=Family("zipf", 1000, {"exponent": 1.1}),
        q_family=Family("zipf", 1000, {"exponent": 0.8}),
        logits_follow_q=True,
    )
    settle(qtbot, window)
    problem = child(page, QLabel, "training_problem")
    assert problem.isVisible() and "family mode" in problem.text()
    assert trainings.state is before  # the last start stays
    for _ in range(3):
        click(qtbot, page, "training_step_button")
    settle(qtbot, window)
    assert trainings.state.step == 3
    for label in page.findChildren(QLabel):
        assert "nan" not in label.text().lower()


def test_an_unevaluable_scenario_is_explained(window, page, trainings, store, qtbot):
    before = trainings.state
    store.update(p_weights=np.array([0.0, 0.0, 0.0, 0.0]))
    qtbot.waitUntil(lambda: store.error is not None)
    problem = child(page, QLabel, "training_problem")
    assert problem.isVisible()
    assert problem.text() == (
        "The explorer's scenario cannot be trained: P is all zero: at least one "
        "weight must be positive. Raise one of its sliders above zero. Showing the "
        "last start."
    )  # not the core's "p_weights is all zero"
    with in_chinese():
        assert_chinese(problem.text())
    assert trainings.state is before
    store.undo()
    qtbot.waitUntil(lambda: store.error is None and store.results_state is store.state)
    assert not problem.isVisible()


# controls → store, store → controls ---------------------------------------------


def test_the_learning_rate_slider_writes_the_store(page, trainings):
    slider = child(page, QSlider, "training_lr_slider")
    trainings.set_state(advance_trainings(trainings.state, 4))
    slider.setValue(slider.scale.to_position(2.0))
    state = trainings.state
    assert state.learning_rate == pytest.approx(2.0, rel=1e-2)
    assert state.step == 0  # both trainings start again
    assert all(t.lr == state.learning_rate for t in state.trainings)
    assert child(page, QLabel, "training_lr_value").text() == number_text(
        state.learning_rate, 4
    )


def test_the_controls_follow_the_store_without_writing_back(page, trainings, qtbot):
    slider = child(page, QSlider, "training_lr_slider")
    emitted = [spy(slider.valueChanged), spy(page.lr_control.value_changed)]
    changes = spy(trainings.state_changed)
    state = restart_trainings(trainings.state, learning_rate=0.05)
    trainings.set_state(state)
    assert slider.value() == slider.scale.to_position(0.05)
    assert child(page, QLabel, "training_lr_value").text() == "0.0500"
    assert all(seen == [] for seen in emitted)  # signals blocked: no loop
    assert len(changes) == 1 and trainings.state is state
    trainings.undo()
    assert trainings.state.learning_rate == 0.5 and not trainings.can_undo
    assert slider.value() == slider.scale.to_position(0.5)


def test_a_dragged_learning_rate_derives_once_per_pass(
    window, page, trainings, store, qtbot
):
    store.update(linked=True)  # the target is P, from the explorer's results
    settle(qtbot, window)
    evaluations, derivations = store.evaluations, trainings.derivations
    drawn = spy(trainings.results_ready)
    slider = child(page, QSlider, "training_lr_slider")
    positions = [slider.scale.to_position(0.5) + 10 * i for i in range(1, 21)]
    for position in positions:  # one pass of the event loop, as a fast drag
        slider.setValue(position)
    last = slider.scale.to_value(positions[-1])
    assert trainings.state.learning_rate == last  # the state follows at once ...
    assert drawn == [] and trainings.pending  # ... the views on the next pass
    settle(qtbot, window)
    assert trainings.derivations == derivations + 1 and len(drawn) == 1
    assert trainings.results.state is trainings.state
    assert all(t.lr == last and t.step == 0 for t in trainings.state.trainings)
    assert slider.value() == positions[-1]
    assert child(page, QLabel, "training_lr_value").text() == number_text(last, 4)
    assert store.evaluations == evaluations  # P came from the explorer's results
    ce = trainings.state.training("cross_entropy")
    assert np.array_equal(ce.target, store.results.target)


def test_a_drag_is_one_undo_step_and_pauses_a_run(window, page, trainings, qtbot):
    before = trainings.state
    page.toggle_play()
    qtbot.waitUntil(lambda: trainings.state.step >= 3)
    drag(child(page, QSlider, "training_lr_slider"), 15, 30, 45)
    assert not page.playing and not page.timer.isActive()
    assert trainings.state.learning_rate > 0.5 and trainings.state.step == 0
    window.undo()  # the drag ...
    assert trainings.state.learning_rate == 0.5 and trainings.state.step >= 3
    window.undo()  # ... and then the run
    assert trainings.state == before


# results → views --------------------------------------------------------------


def test_bars_and_curves_are_the_derived_states(window, page, trainings, qtbot):
    trainings.set_state(advance_trainings(trainings.state, 7))
    settle(qtbot, window)
    results = trainings.results
    assert results.state is trainings.state
    for kind in LOSS_KINDS:
        state = results.state.training(kind)
        plots = page.plots.kinds[kind]
        assert np.array_equal(plots.softmax.heights(), state.probabilities)
        assert np.array_equal(plots.target.heights(), state.target)
        assert np.array_equal(plots.gradient.heights(), state.gradient)
        curves = (
            (page.plots.probability_curves, state.true_probability_history),
            (page.plots.cross_entropy_curves, state.cross_entropy_history),
        )
        for curve, history in curves:
            steps, values = curve[kind].getOriginalDataset()
            assert steps.tolist() == list(range(8))
            assert np.array_equal(values, history)
    assert text(page, "training_step_label") == "step 7"
    for kind, terms in zip(LOSS_KINDS, results.terms, strict=True):
        header = text(page, f"training_{SHORT[kind]}_formula")
        assert (
            formula_html(kind, terms, results.state.trainings[0].true_class) in header
        )


def test_the_formulas_are_the_derived_terms(window, qtbot):
    page = use_preset(window, qtbot)
    assert page.lr == 0.5
    terms = derive_trainings(page.store.state).terms
    assert terms == page.store.results.terms
    # The spans keep each side of an equation on one line (see equation()).
    ce = re.sub(r"</?span[^>]*>", "", text(page, "training_ce_formula"))
    assert "(q<sub>2</sub> − y<sub>2</sub>)/T" in ce
    assert "(0.099 − 1.000)/1.000 = <b>−0.9014</b>" in ce
    assert number_text(terms[0].gradient) == "−0.9014"
    se = re.sub(r"</?span[^>]*>", "", text(page, "training_se_formula"))
    assert "Σ q(q − y)" in se and "<b>−0.2574</b>" in se


def test_squared_error_pushes_every_output_cross_entropy_only_the_truth(window, qtbot):
    page = use_preset(window, qtbot)
    ce = page.plots.kinds["cross_entropy"].gradient.heights()
    se = page.plots.kinds["squared_error"].gradient.heights()
    q = page.store.state.training("cross_entropy").probabilities
    # Cross-entropy: every wrong class is pushed down by exactly its probability.
    assert np.allclose(ce[:2], q[:2]) and ce[2] == pytest.approx(q[2] - 1)
    # Squared error: the wrong class 1 is pushed *up*, the truth up by less.
    assert se.round(3).tolist() == [0.336, -0.078, -0.257]
    assert se[1] < 0 < ce[1]
    assert abs(se[2]) < abs(ce[2])


def test_a_preset_never_shows_a_stale_start(window, trainings, qtbot):
    # The preset sets the explorer and the trainings, then shows the page
    # before the explorer has evaluated: the page waits for those results
    # instead of restarting from the previous scenario's.
    starts = spy(trainings.state_changed)
    page = use_preset(window, qtbot)
    preset = window.preset("training-the-logits")
    assert starts and all(state.start == preset.state.start for (state,) in starts)
    assert page.store.state == preset.state
    window.undo()  # the preset was one undo step on this page
    assert not trainings.can_undo


def test_the_preset_trains_toward_its_target(window, qtbot):
    page = use_preset(window, qtbot)
    preset = window.preset("training-the-logits")
    assert page.store.state == preset.state and following(window)
    assert page.store.state.start == TrainingStart(
        tuple(PRESET_LOGITS), 2, (0.0, 0.0, 1.0), 1.0, 0.0
    )


# playback ---------------------------------------------------------------------


def test_training_is_deterministic(window, qtbot):
    page = use_preset(window, qtbot)
    for _ in range(30):
        click(qtbot, page, "training_step_button")
    state = page.store.state
    assert state.step == 30
    for kind in LOSS_KINDS:
        expected = run_logit_training(
            start_logit_training(PRESET_LOGITS, [0.0, 0.0, 1.0], kind, 0.5), 30
        )
        assert np.array_equal(state.training(kind).logits, expected.logits)
        assert state.training(kind).loss == expected.loss
    assert state.training("cross_entropy").loss == pytest.approx(0.0518097270, rel=1e-8)
    assert state.training("squared_error").loss == pytest.approx(0.0211051325, rel=1e-8)
    settle(qtbot, window)
    assert text(page, "training_step_label") == "step 30"


def test_play_and_pause_are_one_undo_step(window, page, trainings, qtbot):
    before = trainings.state
    button = child(page, QPushButton, "training_play_button")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert page.playing and page.timer.isActive() and page.timer.interval() >= 16
    assert "Pause" in button.text()
    qtbot.waitUntil(lambda: trainings.state.step >= 3)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not page.playing and not page.timer.isActive()
    played = trainings.state
    assert played == advance_trainings(before, played.step)
    window.undo()
    assert trainings.state == before and not trainings.can_undo
    window.redo()
    assert trainings.state == played


def test_step_is_one_step_and_reset_is_undoable(window, page, trainings, qtbot):
    before = trainings.state
    click(qtbot, page, "training_step_button")
    assert trainings.state == advance_trainings(before, 1)
    window.single_step()  # "."
    assert trainings.state.step == 2
    window.undo()
    assert trainings.state.step == 1
    click(qtbot, page, "training_reset_button")
    assert trainings.state.step == 0 and following(window)
    window.undo()
    assert trainings.state.step == 1
    window.undo()
    assert trainings.state == before


def test_a_hidden_page_does_not_animate(window, page, trainings, qtbot):
    before = trainings.state
    page.toggle_play()
    qtbot.waitUntil(lambda: trainings.state.step >= 2)
    window.show_panel("explorer")
    assert not page.isVisible() and not page.timer.isActive() and page.playing
    hidden_at = trainings.state.step
    for _ in range(5):
        QApplication.processEvents()
    assert trainings.state.step == hidden_at
    window.show_panel("training")
    assert page.timer.isActive()
    qtbot.waitUntil(lambda: trainings.state.step > hidden_at)
    window.undo()  # pauses, and the whole run is one undo step
    assert not page.playing and trainings.state == before


def test_sessions_keep_the_trainings(window, page, trainings):
    state = advance_trainings(start_trainings(trainings.state.start, 1.5), 9)
    trainings.set_state(state)
    assert window.session().pages["trainings"] is state


def test_step_zero_shows_on_both_progress_plots(page, trainings, qtbot):
    """The cross-entropy plot was x-linked to the one above it, whose narrower
    axis labels moved its range to start at step 0.92: at step 0 it showed
    nothing. Both start a marker's width before step 0."""
    page.reset()
    qtbot.waitUntil(lambda: trainings.state.step == 0)
    plots = page.plots
    for plot in (plots.probability_plot, plots.cross_entropy_plot):
        (low, high), _ = plot.vb.viewRange()
        # The 11-px head of step 0 lies whole inside the data area.
        margin = (0 - low) / (high - low) * plot.vb.width()
        assert margin >= 5.5, (plot.titleLabel.text, low, high)


def test_the_start_and_the_note_write_the_temperature_alike(page, trainings):
    """The start said "T = 1.0000" beside the note's "T = 1.000"."""
    found = [
        re.search("T[ \u00a0]=[ \u00a0]([^,)<]+)", label.text()).group(1)
        for label in (page.start_label, page.note)
    ]
    assert found[0] == found[1], found


def test_the_start_keeps_each_setting_with_its_value(page, qtbot):
    """ "T = 1.000, ε =" ended a line and its "0" stood alone on the next."""
    text = page.start_label.text()
    assert "T\u00a0=\u00a0" in text and "ε\u00a0=\u00a0" in text


def test_the_formula_never_rounds_a_trained_q_to_its_target() -> None:
    # After 3,000 steps q₀ = 0.999506 was shown as 1.000: the page read
    # (1.000 − 1.000)/1.000 = −4.943×10⁻⁴.
    from core.trainings import TrueClassTerms

    q = 0.999506
    terms = TrueClassTerms(
        q=q, y=1.0, temperature=1.0, mixed=0.0, gradient=(q - 1.0) / 1.0
    )
    html = formula_html("cross_entropy", terms, 0)
    assert "(0.9995 − 1.000)/1.000" in html
    assert "(1.000 − 1.000)" not in html


def test_a_smoothed_target_is_named_as_the_bars_show_it(
    window, page, trainings, store, qtbot
):
    # "target one-hot(0)" stood beside target bars of 0.7, 0.1, 0.1, 0.1.
    store.set_scenario(default_scenario().replace(label_smoothing=0.4))
    settle(qtbot, window)
    assert following(window)
    state = trainings.state.training("cross_entropy")
    assert np.allclose(state.target, [0.7, 0.1, 0.1, 0.1])
    shown = text(page, "training_start")
    assert "target (1 − ε)·one-hot(0) + ε/K" in shown and "ε\u00a0=\u00a00.400" in shown


def test_a_new_learning_rate_says_it_started_again(window, page, trainings, qtbot):
    # Step 93, a new learning rate: the plots emptied at step 0 with nothing
    # to say why, nor that Ctrl+Z brings the run back.
    trainings.set_state(page.advanced(trainings.state, 93))
    qtbot.waitUntil(lambda: trainings.results.state.step == 93)
    page.lr_control.slider.setValue(page.lr_control.slider.value() + 7)
    qtbot.waitUntil(lambda: trainings.state.step == 0)
    said = window.statusBar().currentMessage()
    assert "start again from step 0" in said and "back to step 93" in said
    window.undo()
    qtbot.waitUntil(lambda: trainings.state.step == 93)  # as it says
    page.lr_control.slider.setValue(page.lr_control.slider.value() + 3)
    qtbot.waitUntil(lambda: trainings.state.step == 0)
    window.statusBar().clearMessage()
    lr = trainings.state.learning_rate
    page.lr_control.slider.setValue(page.lr_control.slider.value() + 3)
    qtbot.waitUntil(lambda: trainings.state.learning_rate != lr)
    assert window.statusBar().currentMessage() == ""  # at step 0 nothing is lost


def test_a_new_z0_says_the_race_started_again(window, qtbot):
    window.show_panel("binary")
    page = window.pages["binary"]
    race = window.stores["race"]
    race.set_state(page.advanced(race.state, 40))
    qtbot.waitUntil(lambda: race.state.step == 40)
    window.statusBar().clearMessage()
    slider = page.z_control.slider
    slider.setValue(slider.value() + 5)
    qtbot.waitUntil(lambda: race.state.step == 0)
    assert "back to step 40" in window.statusBar().currentMessage()
    window.undo()
    qtbot.waitUntil(lambda: race.state.step == 40)
