"""A seeded random user through the real widgets: the window survives anything.

The actions and the checks live in ``benchmarks/monkey.py`` (one copy for CI
and for the full run); this file runs a short sequence of them and shows that
the checks can fail.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QSlider, QWidget

from core import default_scenario

_MONKEY = Path(__file__).resolve().parents[1] / "benchmarks" / "monkey.py"


def _load_monkey():
    spec = importlib.util.spec_from_file_location("entropy_lab_monkey", _MONKEY)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


monkey = _load_monkey()

#: Actions per run in CI: one patient and one impatient run, each with its
#: own seed; ``benchmarks/monkey.py`` runs 5,000 of each kind by default,
#: and ``-m slow`` runs both kinds with every seed here.
CI_ACTIONS = 150
CI_SEEDS = (11, 12)
PATIENT_SEEDS = [12, pytest.param(11, marks=pytest.mark.slow)]
IMPATIENT_SEEDS = [11, pytest.param(12, marks=pytest.mark.slow)]


def make_monkey(window, qtbot, seed, patient=True):
    store = window.store
    return monkey.Monkey(
        window,
        seed,
        lambda: qtbot.waitUntil(lambda: not store.pending),
        patient=patient,
    )


@pytest.mark.parametrize("seed", IMPATIENT_SEEDS)
def test_the_window_survives_an_impatient_user(window, qtbot, seed):
    # Input sent before the window has caught up found the stale-bar
    # exception (a click on a bar a preset was about to remove).
    m = make_monkey(window, qtbot, seed, patient=False)
    m.run(CI_ACTIONS)
    assert sum(m.counts.values()) == CI_ACTIONS
    assert m.counts["bar_click"] + m.counts["bar_drag"] > 10


@pytest.mark.parametrize("seed", PATIENT_SEEDS)
def test_the_window_survives_a_random_user(window, qtbot, seed):
    m = make_monkey(window, qtbot, seed)
    m.run(CI_ACTIONS)
    assert sum(m.counts.values()) == CI_ACTIONS
    # The sequence reached what it is meant to reach: every kind of action,
    # and invalid states (all of P's weights at zero, say) more than once.
    assert set(m.counts) == {name for name, *_ in monkey.ACTIONS}
    assert m.checked_invalid > 5


def test_the_same_seed_replays_the_same_sequence(window, qtbot):
    from viz import MainWindow

    first = make_monkey(window, qtbot, 5)
    first.run(40)
    other = MainWindow()
    qtbot.addWidget(other)
    other.resize(1280, 800)
    other.show()
    qtbot.waitExposed(other)
    second = make_monkey(other, qtbot, 5)
    second.run(40)
    assert second.recent == first.recent
    assert other.store.scenario == window.store.scenario


# the checks can fail -----------------------------------------------------------


def settle(qtbot, store):
    qtbot.waitUntil(lambda: not store.pending)


def test_the_check_catches_a_wrong_readout(window, qtbot):
    m = make_monkey(window, qtbot, 0)
    settle(qtbot, window.store)
    m.check()
    window.findChild(QLabel, "readout_kl_pq_value").setText("0.1234 bits")
    with pytest.raises(AssertionError, match="readout kl_pq"):
        m.check()


def test_the_check_catches_a_stale_plot(window, qtbot):
    m = make_monkey(window, qtbot, 0)
    settle(qtbot, window.store)
    window.explorer.softmax.softmax.set_values(np.full(4, 0.25))
    with pytest.raises(AssertionError, match="softmax"):
        m.check()


def test_the_check_catches_readouts_that_change_while_invalid(window, qtbot):
    m = make_monkey(window, qtbot, 0)
    settle(qtbot, window.store)
    m.check()
    for index in range(window.store.scenario.k):
        window.findChild(QSlider, f"p_slider_{index}").setValue(0)
    settle(qtbot, window.store)
    assert window.store.error is not None
    m.check()  # the last valid readouts, the problem on show
    window.findChild(QLabel, "readout_loss_value").setText("0.0000 bits")
    with pytest.raises(AssertionError, match="readouts changed while invalid"):
        m.check()


def test_the_check_catches_a_hidden_problem(window, qtbot):
    m = make_monkey(window, qtbot, 0)
    settle(qtbot, window.store)
    m.check()
    window.store.update(p_weights=[0.0, 0.0, 0.0, 0.0])
    settle(qtbot, window.store)
    window.findChild(QLabel, "problem_label").setVisible(False)
    with pytest.raises(AssertionError, match="no problem shown"):
        m.check()


def test_a_failure_names_the_seed_and_the_action(window, qtbot, monkeypatch):
    # Readouts that stop following the results break the first action that
    # changes a number; the failure says how to replay it.
    monkeypatch.setattr(window.explorer.readouts, "show_results", lambda _: None)
    m = make_monkey(window, qtbot, 3)
    with pytest.raises(monkey.MonkeyError, match=r"seed 3, action #\d+") as caught:
        m.run(200)
    assert caught.value.index < 200
    assert "the last actions" in str(caught.value)
    window.store.set_scenario(default_scenario())


# what the monkey found ------------------------------------------------------------


def drag_bar(window, series, index, heights):
    plot = window.explorer.distributions
    x = index - 0.2 if series == "p" else index + 0.2
    viewport = plot.viewport()
    press, release = QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease
    monkey.send_mouse(viewport, press, monkey.view_point(plot, x, heights[0]), True)
    for y in heights[1:]:
        point = monkey.view_point(plot, x, y)
        monkey.send_mouse(viewport, QEvent.Type.MouseMove, point, True)
    point = monkey.view_point(plot, x, heights[-1])
    monkey.send_mouse(viewport, release, point, False)


def test_dragging_a_bar_of_a_family_explains_instead_of_failing(window, qtbot):
    # A family of K ≤ 200 is drawn as bars but has no weight per outcome:
    # dragging bar 50 raised ValueError in the slot.
    window.apply_preset(window.preset("mode-covering-vs-mode-seeking"))
    window.show_panel("explorer")
    settle(qtbot, window.store)
    before = window.store.scenario
    drag_bar(window, "p", 50, [0.1, 0.4])
    settle(qtbot, window.store)
    assert window.store.scenario == before
    problem = window.findChild(QLabel, "problem_label")
    assert problem.isVisible() and "Families controls" in problem.text()


def test_dragging_q_while_linked_is_a_hint_not_a_failure(window, qtbot):
    window.findChild(QWidget, "link_toggle").click()
    settle(qtbot, window.store)
    before = window.store.scenario
    drag_bar(window, "q", 1, [0.3, 0.6])
    problem = window.findChild(QLabel, "problem_label")
    # Not "Cannot compute: Q follows the the logits … instead.." as it was.
    assert problem.text() == (
        "Q follows the logits while linked: move the logits instead."
    )
    assert window.store.scenario == before and window.store.error is None
