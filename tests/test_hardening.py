"""The window survives what a user can do: extremes, exceptions, bad files."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox, QSlider, QWidget

from core import default_scenario, evaluate
from core.numbers import parse_shown
from viz.errors import ExceptionReporter

READOUT_KEYS = (
    "entropy_p",
    "entropy_q",
    "cross_entropy_pq",
    "cross_entropy_qp",
    "kl_pq",
    "kl_qp",
    "js",
    "loss",
)


def settle(qtbot, store):
    qtbot.waitUntil(lambda: not store.pending)


def readouts(window):
    return {
        key: window.findChild(QWidget, f"readout_{key}").text() for key in READOUT_KEYS
    }


def assert_readouts_match_core(window, store):
    results = evaluate(store.scenario)
    for key, text in readouts(window).items():
        assert "nan" not in text.lower(), (key, text)
        value = getattr(results, key)
        if math.isinf(value):
            assert text.startswith("∞"), (key, text)
        else:
            shown = parse_shown(text.split()[0])
            assert shown == pytest.approx(value, abs=5e-5, rel=5e-4), key


# extremes reachable from the interface ---------------------------------------


def test_every_weight_of_p_at_zero_explains_and_keeps_the_plots(window, store, qtbot):
    settle(qtbot, store)
    shown = window.explorer.distributions.p.heights().copy()
    before = readouts(window)
    for index in range(store.scenario.k):
        window.findChild(QSlider, f"p_slider_{index}").setValue(0)
    settle(qtbot, store)
    problem = window.findChild(QWidget, "problem_label")
    assert problem.isVisible() and "P is all zero" in problem.text()
    assert np.array_equal(window.explorer.distributions.p.heights(), shown)
    assert readouts(window) == before


def test_every_logit_at_its_extreme_with_the_smallest_temperature(window, store, qtbot):
    temperature = window.findChild(QSlider, "temperature_slider")
    temperature.setValue(temperature.minimum())
    for index in range(store.scenario.k):
        slider = window.findChild(QSlider, f"logit_slider_{index}")
        slider.setValue(slider.maximum() if index % 2 else slider.minimum())
    window.findChild(QWidget, "link_toggle").click()
    settle(qtbot, store)
    assert store.scenario.temperature == pytest.approx(0.05)
    assert store.error is None
    assert_readouts_match_core(window, store)
    results = store.results
    assert np.isfinite(results.grad).all()
    assert np.isfinite(results.curve.loss).all()


def test_label_smoothing_one_makes_the_target_uniform(window, store, qtbot):
    smoothing = window.findChild(QSlider, "smoothing_slider")
    smoothing.setValue(smoothing.maximum())
    settle(qtbot, store)
    assert store.scenario.label_smoothing == 1.0
    assert np.allclose(store.results.target, 0.25)
    assert_readouts_match_core(window, store)


def test_the_largest_family_k_reachable_from_the_interface(window, store, qtbot):
    window.findChild(QWidget, "mode_combo").setCurrentIndex(1)
    spin = window.findChild(QWidget, "family_k_spin")
    spin.setValue(spin.maximum())
    settle(qtbot, store)
    assert store.scenario.k == 100_000
    assert store.error is None
    assert_readouts_match_core(window, store)
    line = window.explorer.distributions.p.line
    _, y = line.getData()
    assert line.isVisible() and len(y) < 5000  # drawn as an envelope, not 10⁵ points
    assert np.max(y) == pytest.approx(np.max(store.results.p))


# exceptions ------------------------------------------------------------------


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_shown_and_the_app_goes_on(
    window, store, qtbot, monkeypatch
):
    reporter = ExceptionReporter(window)
    reporter.install()
    try:
        original = window.explorer.gradient.show_results
        calls = {"n": 0}

        def broken_once(*arguments):
            calls["n"] += 1
            if calls["n"] == 1:
                raise RuntimeError("a view failed")
            return original(*arguments)

        monkeypatch.setattr(window.explorer.gradient, "show_results", broken_once)
        window.findChild(QSlider, "p_slider_0").setValue(900)
        settle(qtbot, store)
        qtbot.waitUntil(lambda: len(reporter.reported) == 1)
        box = window.findChild(QMessageBox, "exception_dialog")
        assert box is not None and "a view failed" in box.text()
        assert "Traceback" in box.detailedText()
        window.findChild(QSlider, "p_slider_0").setValue(100)
        settle(qtbot, store)
        assert_readouts_match_core(window, store)
        assert np.allclose(
            window.explorer.gradient.gradient.heights(), store.results.grad
        )
    finally:
        reporter.uninstall()


def test_the_reporter_gives_the_hook_back(window):
    import sys

    before = sys.excepthook
    reporter = ExceptionReporter(window)
    reporter.install()
    assert sys.excepthook == reporter.report
    reporter.uninstall()
    assert sys.excepthook is before


# every preset evaluates and shows the core's numbers ----------------------------


def test_a_damaged_preset_is_explained_and_changes_nothing(window, store, qtbot):
    import json

    from core.presets import parse_presets

    text = json.dumps(
        {
            "format": "entropy-lab-presets",
            "version": 2,
            "presets": [
                {
                    "id": "damaged",
                    "title": "Damaged",
                    "key": None,
                    "page": "race",
                    "scenario": {"p_weights": [1, 1], "q_weights": [1, 1]},
                    "explanation": "Never shown.",
                }
            ],
        }
    )
    (damaged,) = parse_presets(text, "presets.json", check_states=False)
    before = (store.scenario, window.stores["race"].state, window.current_panel())
    window.apply_preset(damaged)
    settle(qtbot, store)
    after = (store.scenario, window.stores["race"].state, window.current_panel())
    assert after == before
    dialog = window.findChild(QMessageBox, "problem_dialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.text().startswith("presets.json: preset 0 (damaged): scenario")
    assert "logits" in dialog.text()
    dialog.close()
    # Page Down goes on past it: the preset after it is shown, not it again.
    good = window.presets[0]
    presets = window.presets
    try:
        window.presets = (damaged, good)
        window.lessons.step_preset(1)
        settle(qtbot, store)
        assert window.explained_preset is good and store.scenario == good.scenario
    finally:
        window.presets = presets
        for box in window.findChildren(QMessageBox, "problem_dialog"):
            box.close()


def test_every_preset_shows_the_cores_numbers(window, store, qtbot):
    for preset in window.presets:
        window.apply_preset(preset)
        settle(qtbot, store)
        assert store.error is None, preset.id
        assert_readouts_match_core(window, store)
    window.show_panel("explorer")
    store.set_scenario(default_scenario())
