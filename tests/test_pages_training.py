"""The training page: both losses trained from the explorer's scenario."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSlider

from core import Family, default_scenario, evaluate
from core.training import LOSS_KINDS, run_logit_training, start_logit_training
from viz.pages import training as training_module
from viz.pages.training import LR_SCALE, TrainingPage

PRESET_LOGITS = [2.0, 1.0, 0.1]


@pytest.fixture
def page(window):
    window.show_panel("training")
    page = window.pages["training"]
    assert isinstance(page, TrainingPage)
    return page


def child(page, cls, name):
    widget = page.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name}"
    return widget


def click(qtbot, page, name):
    qtbot.mouseClick(child(page, QPushButton, name), Qt.MouseButton.LeftButton)


def settle(qtbot, page):
    """Let the one scheduled restart run."""
    qtbot.waitUntil(lambda: not page.restart_pending)


def use_preset(window, preset_id="training-the-logits"):
    window.apply_preset(window.preset(preset_id))
    page = window.pages["training"]
    assert window.current_panel() == "training"
    return page


def test_starts_from_the_explorers_scenario(page, store):
    scenario = store.scenario
    results = evaluate(scenario)
    for kind in LOSS_KINDS:
        state = page.states[kind]
        assert np.array_equal(state.logits, scenario.logits)
        assert np.array_equal(state.target, results.target)
        assert state.lr == page.lr == 0.5
    # Cross-entropy's gradient is the explorer's (softmax − y)/T.
    assert np.allclose(page.states["cross_entropy"].gradient, results.grad)
    assert page.true_class == scenario.label


def test_linked_smoothed_and_tempered_target(window, page, store, qtbot):
    scenario = default_scenario().replace(
        linked=True, label_smoothing=0.2, temperature=2.0, label=1
    )
    store.set_scenario(scenario)
    settle(qtbot, page)
    results = evaluate(scenario)
    state = page.states["cross_entropy"]
    assert np.array_equal(state.target, results.target)  # (1 − ε)·P + ε/K
    assert np.allclose(state.gradient, (results.softmax - results.target) / 2.0)
    assert np.allclose(state.gradient, results.grad)
    assert state.temperature == 2.0 and state.label_smoothing == 0.2
    formula = child(page, QLabel, "training_ce_formula").text()
    assert "/T" in formula and "/2.00" in formula  # the 1/T factor, live
    assert "T = 2.00" in child(page, QLabel, "training_note").text()


def test_bars_and_curve_are_the_core_states(page):
    page.advance(7)
    for kind in LOSS_KINDS:
        state = page.states[kind]
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


def test_the_preset_shows_the_gradient_formula_with_live_numbers(window):
    page = use_preset(window)
    assert page.lr == 0.5
    ce = child(page, QLabel, "training_ce_formula").text()
    assert "(q<sub>2</sub> − y<sub>2</sub>)/T" in ce
    assert "(0.099 − 1.000)/1.000 = <b>−0.9014</b>" in ce
    se = child(page, QLabel, "training_se_formula").text()
    assert "Σ q(q − y)" in se and "<b>−0.2574</b>" in se


def test_squared_error_pushes_every_output_cross_entropy_only_the_truth(window):
    page = use_preset(window)
    ce = page.plots.kinds["cross_entropy"].gradient.heights()
    se = page.plots.kinds["squared_error"].gradient.heights()
    q = page.states["cross_entropy"].probabilities
    # Cross-entropy: every wrong class is pushed down by exactly its probability.
    assert np.allclose(ce[:2], q[:2]) and ce[2] == pytest.approx(q[2] - 1)
    # Squared error: the wrong class 1 is pushed *up*, the truth up by less.
    assert se.round(3).tolist() == [0.336, -0.078, -0.257]
    assert se[1] < 0 < ce[1]
    assert abs(se[2]) < abs(ce[2])


def test_training_is_deterministic(window, qtbot):
    page = use_preset(window)
    for _ in range(30):
        click(qtbot, page, "training_step_button")
    assert page.step == 30
    for kind in LOSS_KINDS:
        expected = run_logit_training(
            start_logit_training(PRESET_LOGITS, [0.0, 0.0, 1.0], kind, 0.5), 30
        )
        assert np.array_equal(page.states[kind].logits, expected.logits)
        assert page.states[kind].loss == expected.loss
    assert page.states["cross_entropy"].loss == pytest.approx(0.0518097270, rel=1e-8)
    assert page.states["squared_error"].loss == pytest.approx(0.0211051325, rel=1e-8)
    assert child(page, QLabel, "training_step_label").text() == "step 30"


def test_play_pause_step_reset(page, qtbot):
    button = child(page, QPushButton, "training_play_button")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert page.timer.isActive() and page.timer.interval() >= 16
    qtbot.waitUntil(lambda: page.step >= 3)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not page.timer.isActive()
    stopped = page.step
    click(qtbot, page, "training_step_button")
    assert page.step == stopped + 1
    click(qtbot, page, "training_reset_button")
    assert page.step == 0


def test_the_timer_stops_when_hidden_and_a_changed_scenario_restarts(
    window, page, store
):
    page.advance(5)
    page.toggle_play()
    window.show_panel("explorer")
    assert not page.timer.isActive()
    store.update(logits=[0.0, 0.0, 3.0, 0.0])
    assert page.step >= 5  # hidden: nothing is recomputed yet
    window.show_panel("training")
    assert page.step == 0  # back on show: started again from the explorer
    assert not page.playing
    assert np.array_equal(page.states["cross_entropy"].logits, [0.0, 0.0, 3.0, 0.0])


def test_learning_rate_slider_and_settings(page, qtbot):
    child(page, QSlider, "training_lr_slider").setValue(LR_SCALE.to_position(2.0))
    assert page.lr == pytest.approx(2.0, rel=1e-2)
    settle(qtbot, page)
    assert page.states["squared_error"].lr == page.lr
    page.apply_settings({"learning_rate": 0.05})
    assert page.settings() == {"learning_rate": 0.05}
    assert child(page, QSlider, "training_lr_slider").value() == LR_SCALE.to_position(
        0.05
    )
    page.apply_settings({})
    assert page.settings() == {"learning_rate": 0.5}


def test_family_mode_is_explained_not_a_crash(page, store, qtbot):
    store.update(
        p_family=Family("zipf", 1000, {"exponent": 1.1}),
        q_family=Family("zipf", 1000, {"exponent": 0.8}),
        logits_follow_q=True,
    )
    settle(qtbot, page)
    problem = child(page, QLabel, "training_problem")
    assert problem.isVisible() and "family mode" in problem.text()
    page.advance(3)
    for label in page.findChildren(QLabel):
        assert "nan" not in label.text().lower()


def count_restarts(page, monkeypatch):
    """Record every training start and every redraw of the page."""
    starts, draws = [], []
    real_start, real_draw = training_module.start_logit_training, page.draw

    def counting_start(*args, **kwargs):
        starts.append(args[3])  # the learning rate
        return real_start(*args, **kwargs)

    def counting_draw():
        draws.append(page.lr)
        real_draw()

    monkeypatch.setattr(training_module, "start_logit_training", counting_start)
    monkeypatch.setattr(page, "draw", counting_draw)
    return starts, draws


def test_a_dragged_learning_rate_restarts_once_per_pass(
    page, store, qtbot, monkeypatch
):
    store.update(linked=True)  # the target is P, from the store's results
    settle(qtbot, page)
    starts, draws = count_restarts(page, monkeypatch)
    evaluations = store.evaluations
    slider = child(page, QSlider, "training_lr_slider")
    positions = [LR_SCALE.to_position(0.5) + 10 * i for i in range(1, 21)]
    for position in positions:  # one pass of the event loop, as a fast drag
        slider.setValue(position)
    last = LR_SCALE.to_value(positions[-1])
    assert page.lr == last  # the state follows at once ...
    assert starts == [] and draws == []  # ... but nothing is recomputed in the slot
    assert page.restart_pending
    settle(qtbot, page)
    assert starts == [last] * len(LOSS_KINDS)  # one restart, on the last value
    assert draws == [last]
    assert all(state.lr == last and state.step == 0 for state in page.states.values())
    assert slider.value() == positions[-1]
    assert child(page, QLabel, "training_lr_value").text() == f"{last:.4f}"
    assert store.evaluations == evaluations  # P came from the store's results
    assert np.array_equal(page.states["cross_entropy"].target, store.results.target)


def test_scenario_changes_in_one_pass_restart_once_on_the_stores_evaluation(
    page, store, qtbot, monkeypatch
):
    starts, draws = count_restarts(page, monkeypatch)
    evaluations = store.evaluations
    for logit in (1.0, 2.0, 3.0):
        store.update(logits=[0.0, 0.0, logit, 0.0])
    assert starts == [] and draws == []
    settle(qtbot, page)
    qtbot.waitUntil(lambda: not store.pending)
    assert len(starts) == len(LOSS_KINDS) and len(draws) == 1
    assert store.evaluations == evaluations + 1  # the store's one evaluation
    assert np.array_equal(page.states["cross_entropy"].logits, [0.0, 0.0, 3.0, 0.0])


def test_an_unevaluable_scenario_is_explained(page, store, qtbot):
    store.update(p_weights=[0.0, 0.0, 0.0, 0.0])
    settle(qtbot, page)
    problem = child(page, QLabel, "training_problem")
    assert problem.isVisible()
    assert problem.text() == (
        f"The explorer's scenario cannot be trained: {store.error}."
    )
