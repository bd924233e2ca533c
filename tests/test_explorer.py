"""The explorer page through its real widgets: control → state → results → views."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from chinese import assert_chinese, in_chinese
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QSlider, QWidget
from qt_input import send_mouse, view_point
from scipy.special import rel_entr
from scipy.stats import entropy as scipy_entropy

from core import default_scenario, evaluate, normalize
from core.numbers import parse_shown
from viz.controls import LOGIT_SCALE, TEMPERATURE_SCALE, WEIGHT_SCALE
from viz.explorer import slider_number


def settle(qtbot, store):
    """Let the one scheduled recompute run."""
    qtbot.waitUntil(lambda: not store.pending)


def control(window, cls, name):
    widget = window.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name}"
    return widget


def readout_number(window, key):
    text = control(window, QWidget, f"readout_{key}").text()
    assert "nan" not in text.lower()
    if text.startswith("∞"):
        return math.inf
    return parse_shown(text.split()[0])


# control → state ---------------------------------------------------------


@pytest.mark.parametrize("series", ["p", "q"])
def test_weight_slider_writes_only_its_weight(window, store, qtbot, series):
    before = getattr(store.scenario, f"{series}_weights").copy()
    slider = control(window, QSlider, f"{series}_slider_2")
    slider.setValue(WEIGHT_SCALE.to_position(0.8))
    after = getattr(store.scenario, f"{series}_weights")
    assert after[2] == pytest.approx(0.8)
    assert np.array_equal(np.delete(after, 2), np.delete(before, 2))


def test_weight_slider_minimum_is_weight_zero(window, store):
    control(window, QSlider, "q_slider_1").setValue(0)
    assert store.scenario.q_weights[1] == 0.0


def test_logit_slider_writes_the_logit(window, store):
    control(window, QSlider, "logit_slider_3").setValue(LOGIT_SCALE.to_position(-7.5))
    assert store.scenario.logits[3] == pytest.approx(-7.5)


def test_logit_slider_covers_minus_ten_to_ten_in_steps_of_a_tenth_or_finer(window):
    slider = control(window, QSlider, "logit_slider_0")
    assert slider.scale.to_value(slider.minimum()) <= -10
    assert slider.scale.to_value(slider.maximum()) >= 10
    assert (LOGIT_SCALE.high - LOGIT_SCALE.low) / LOGIT_SCALE.steps <= 0.1


def test_temperature_slider_is_logarithmic_from_0_05_to_20(window, store):
    slider = control(window, QSlider, "temperature_slider")
    slider.setValue(slider.minimum())
    assert store.scenario.temperature == pytest.approx(0.05)
    slider.setValue(slider.maximum())
    assert store.scenario.temperature == pytest.approx(20.0)
    slider.setValue((slider.minimum() + slider.maximum()) // 2)
    assert store.scenario.temperature == pytest.approx(1.0, rel=0.01)


def test_label_combo_and_smoothing_and_link_write_the_state(window, store):
    control(window, QComboBox, "label_combo").setCurrentIndex(2)
    control(window, QSlider, "smoothing_slider").setValue(100)
    control(window, QWidget, "link_toggle").click()
    assert store.scenario.label == 2
    assert store.scenario.label_smoothing == pytest.approx(0.1)
    assert store.scenario.linked is True


def test_units_toggle_and_reset(window, store, qtbot):
    control(window, QWidget, "units_toggle").click()
    assert store.scenario.units == "nats"
    control(window, QSlider, "p_slider_0").setValue(0)
    control(window, QWidget, "reset_button").click()
    assert store.scenario == default_scenario()


# state → control ---------------------------------------------------------


def test_state_moves_every_control(window, store, qtbot):
    store.set_scenario(
        default_scenario().replace(
            p_weights=[0.1, 0.9, 0.0, 0.5],
            logits=[3.0, -2.0, 0.5, 0.0],
            temperature=4.0,
            label=3,
            label_smoothing=0.25,
            units="nats",
            linked=True,
        )
    )
    settle(qtbot, store)
    assert control(window, QSlider, "p_slider_1").value() == WEIGHT_SCALE.to_position(
        0.9
    )
    assert control(window, QSlider, "p_slider_2").value() == 0
    assert control(
        window, QSlider, "logit_slider_0"
    ).value() == LOGIT_SCALE.to_position(3.0)
    temperature = control(window, QSlider, "temperature_slider")
    assert temperature.value() == TEMPERATURE_SCALE.to_position(4.0)
    assert control(window, QComboBox, "label_combo").currentIndex() == 3
    assert control(window, QSlider, "smoothing_slider").value() == 250
    assert control(window, QWidget, "link_toggle").isChecked()
    assert control(window, QWidget, "units_toggle").isChecked()
    assert not control(window, QSlider, "q_slider_0").isEnabled()


def test_state_to_control_does_not_feed_back(window, store, qtbot):
    scenario = default_scenario().replace(p_weights=[0.1234567, 0.3, 0.2, 0.1])
    store.set_scenario(scenario)
    settle(qtbot, store)
    # The slider shows the nearest position; the state keeps the exact value.
    assert store.scenario.p_weights[0] == 0.1234567


def test_probability_labels_show_the_normalised_values(window, store, qtbot):
    store.update(p_weights=[1.0, 1.0, 2.0, 0.0])
    settle(qtbot, store)
    texts = [control(window, QLabel, f"p_value_{i}").text() for i in range(4)]
    assert texts == ["0.250", "0.250", "0.500", "0"]


# readouts ------------------------------------------------------------------


def test_readouts_equal_independent_reference_values(window, store, qtbot):
    p_w, q_w = [0.7, 0.3, 0.2, 0.5], [0.1, 0.6, 0.6, 0.2]
    store.update(p_weights=p_w, q_weights=q_w)
    settle(qtbot, store)
    p, q = normalize(p_w), normalize(q_w)
    expected = {
        "entropy_p": scipy_entropy(p, base=2),
        "entropy_q": scipy_entropy(q, base=2),
        "kl_pq": scipy_entropy(p, q, base=2),
        "kl_qp": scipy_entropy(q, p, base=2),
        "cross_entropy_pq": -np.sum(p * np.log2(q)),
        "cross_entropy_qp": -np.sum(q * np.log2(p)),
    }
    for key, value in expected.items():
        assert readout_number(window, key) == pytest.approx(value, abs=5e-5), key
        assert control(window, QWidget, f"readout_{key}").text().endswith("bits")


def test_every_readout_matches_the_core_for_the_shown_scenario(window, store, qtbot):
    control(window, QWidget, "units_toggle").click()
    control(window, QSlider, "logit_slider_1").setValue(LOGIT_SCALE.to_position(4.0))
    settle(qtbot, store)
    results = evaluate(store.scenario)
    for key in (
        "entropy_p",
        "entropy_q",
        "cross_entropy_pq",
        "cross_entropy_qp",
        "kl_pq",
        "kl_qp",
        "js",
        "loss",
    ):
        assert readout_number(window, key) == pytest.approx(
            getattr(results, key), abs=5e-5
        )
        assert control(window, QWidget, f"readout_{key}").text().endswith("nats")


def test_a_zero_in_q_shows_infinity_with_its_reason(window, store, qtbot):
    control(window, QSlider, "q_slider_3").setValue(0)
    settle(qtbot, store)
    text = control(window, QWidget, "readout_kl_pq").text()
    assert text.startswith("∞")
    assert "Q = 0 where P > 0 at outcome 3" in text
    assert control(window, QWidget, "readout_cross_entropy_pq").text().startswith("∞")
    # The other direction and JS stay finite.
    assert math.isfinite(readout_number(window, "kl_qp"))
    js = readout_number(window, "js")
    assert 0 < js <= 1
    assert js == pytest.approx(evaluate(store.scenario).js, abs=5e-5)


def test_a_readout_whose_infinity_came_and_went_lines_up_with_its_row(
    window, store, qtbot
):
    """The value sits where its neighbours' do once the reason line is gone."""

    def value_tops():
        return {
            key: control(window, QWidget, f"readout_{key}_value")
            .mapTo(
                window,
                control(window, QWidget, f"readout_{key}_value").rect().topLeft(),
            )
            .y()
            for key in ("kl_pq", "kl_qp", "js", "loss")  # one row of readouts
        }

    QApplication.processEvents()
    before = value_tops()
    slider = control(window, QSlider, "q_slider_3")
    kept = slider.value()
    slider.setValue(0)
    settle(qtbot, store)
    assert control(window, QWidget, "readout_kl_pq").text().startswith("∞")
    slider.setValue(kept)
    settle(qtbot, store)
    qtbot.waitUntil(lambda: value_tops() == before)
    assert len(set(value_tops().values())) == 1


def test_linked_loss_equals_cross_entropy_and_kl_is_loss_minus_entropy(
    window, store, qtbot
):
    control(window, QWidget, "link_toggle").click()
    settle(qtbot, store)
    loss = readout_number(window, "loss")
    assert loss == pytest.approx(readout_number(window, "cross_entropy_pq"), abs=1e-4)
    kl = readout_number(window, "kl_pq")
    assert kl == pytest.approx(loss - readout_number(window, "entropy_p"), abs=2e-4)


def test_all_zero_p_explains_and_keeps_the_last_plots(window, store, qtbot, explorer):
    last = explorer.distributions.p.heights().copy()
    for i in range(4):
        control(window, QSlider, f"p_slider_{i}").setValue(0)
    settle(qtbot, store)
    problem = control(window, QLabel, "problem_label")
    assert problem.isVisible()
    assert "P is all zero" in problem.text()
    assert np.array_equal(explorer.distributions.p.heights(), last)
    assert "nan" not in control(window, QWidget, "readout_entropy_p").text().lower()
    control(window, QSlider, "p_slider_1").setValue(500)
    settle(qtbot, store)
    assert not problem.isVisible()


def test_the_explanation_is_worded_from_the_error_and_follows_the_language(
    window, store, qtbot
):
    """It was the core's English message with its field names rewritten, and
    it stayed English after a switch to Chinese."""
    for i in range(4):
        control(window, QSlider, f"q_slider_{i}").setValue(0)
    settle(qtbot, store)
    problem = control(window, QLabel, "problem_label")
    english = problem.text()
    assert english.startswith("Cannot compute: Q is all zero")
    assert "q_weights" not in english
    with in_chinese():
        assert problem.isVisible()
        assert_chinese(problem.text())
    assert problem.text() == english
    control(window, QSlider, "q_slider_1").setValue(500)
    settle(qtbot, store)
    assert not problem.isVisible()


def test_an_error_without_fields_is_quoted_not_lost():
    from viz.explorer import problem_text

    text = problem_text(ValueError("temperature must be above 0"))
    assert text == (
        "Cannot compute: temperature must be above 0. "
        "The plots and the greyed numbers still show the last valid state."
    )


def test_the_last_valid_numbers_are_greyed_while_nothing_can_be_computed(
    window, store, qtbot
):
    """Q's sliders all at 0 read "0.250" each, and H(Q) = 2.0000 bits, in
    black: the last valid state's numbers looked like the new state's."""
    from viz.widgets import STALE_TEXT

    def colour(widget):
        return widget.palette().color(QPalette.ColorRole.WindowText).name().upper()

    entropy_q = control(window, QWidget, "readout_entropy_q_value")
    beside_q = control(window, QWidget, "q_value_0")
    live = colour(entropy_q)
    assert live != STALE_TEXT.upper() and colour(beside_q) == live
    for i in range(4):
        control(window, QSlider, f"q_slider_{i}").setValue(0)
    settle(qtbot, store)
    assert control(window, QLabel, "problem_label").isVisible()
    assert colour(entropy_q) == colour(beside_q) == STALE_TEXT.upper()
    control(window, QSlider, "q_slider_1").setValue(500)
    settle(qtbot, store)
    assert colour(entropy_q) == colour(beside_q) == live


# live and coalesced --------------------------------------------------------


def test_twenty_set_values_in_one_pass_make_exactly_one_recompute(
    window, store, qtbot, explorer
):
    settle(qtbot, store)
    before = store.evaluations
    slider = control(window, QSlider, "p_slider_0")
    for position in range(20, 420, 20):
        slider.setValue(position)
    assert store.evaluations == before
    settle(qtbot, store)
    QApplication.processEvents()
    assert store.evaluations == before + 1
    expected = normalize(store.scenario.p_weights)
    assert store.scenario.p_weights[0] == pytest.approx(WEIGHT_SCALE.to_value(400))
    assert np.allclose(explorer.distributions.p.heights(), expected, rtol=0, atol=1e-15)


def test_plots_show_the_results(window, store, qtbot, explorer):
    control(window, QComboBox, "label_combo").setCurrentIndex(1)
    settle(qtbot, store)
    results = evaluate(store.scenario)
    assert np.allclose(explorer.softmax.softmax.heights(), results.softmax)
    assert np.allclose(explorer.softmax.target.heights(), results.target)
    assert np.allclose(explorer.gradient.gradient.heights(), results.grad)
    assert explorer.gradient.gradient.heights()[1] < 0
    p, q = results.p, results.q
    assert np.allclose(
        explorer.asymmetry.pq_terms.heights(), rel_entr(p, q) / np.log(2)
    )
    _, y = explorer.loss_curve.loss_curve.getData()
    assert np.allclose(y, results.curve.loss)


# direct manipulation -------------------------------------------------------


def test_dragging_a_p_bar_sets_its_weight(window, store, qtbot, explorer):
    settle(qtbot, store)
    plot = explorer.distributions
    viewport = plot.viewport()
    send_mouse(
        viewport, QEvent.Type.MouseButtonPress, view_point(plot, -0.2, 0.35), True
    )
    for y in (0.4, 0.5, 0.55):
        send_mouse(viewport, QEvent.Type.MouseMove, view_point(plot, -0.2, y), True)
    send_mouse(
        viewport, QEvent.Type.MouseButtonRelease, view_point(plot, -0.2, 0.55), False
    )
    settle(qtbot, store)
    p = normalize(store.scenario.p_weights)
    assert p[0] == pytest.approx(0.55, abs=0.01)
    assert np.array_equal(
        store.scenario.p_weights[1:], default_scenario().p_weights[1:]
    )
    slider = control(window, QSlider, "p_slider_0")
    assert slider.value() == WEIGHT_SCALE.to_position(store.scenario.p_weights[0])


def test_clicking_in_q_half_of_a_slot_sets_q(window, store, qtbot, explorer):
    settle(qtbot, store)
    plot = explorer.distributions
    point = view_point(plot, 2.2, 0.1)
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=point.toPoint())
    settle(qtbot, store)
    assert normalize(store.scenario.q_weights)[2] == pytest.approx(0.1, abs=0.01)
    assert np.array_equal(store.scenario.p_weights, default_scenario().p_weights)


# K -------------------------------------------------------------------------


def _slider_names(window):
    return sorted(
        s.objectName()
        for s in window.findChildren(QSlider)
        if re.match(r"(p|q|logit)_slider_\d+$", s.objectName())
    )


def test_changing_k_rebuilds_the_sliders_without_leaking(window, store, qtbot):
    spin = control(window, QWidget, "k_spin")
    spin.setValue(16)
    settle(qtbot, store)
    assert len(_slider_names(window)) == 48
    assert store.scenario.k == 16
    assert control(window, QComboBox, "label_combo").count() == 16
    spin.setValue(3)
    settle(qtbot, store)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    counts = []
    for k in (9, 2, 16, 5, 3):
        spin.setValue(k)
        settle(qtbot, store)
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        counts.append(len(window.findChildren(QWidget)))
    assert _slider_names(window) == sorted(
        f"{prefix}_slider_{i}" for prefix in ("p", "q", "logit") for i in range(3)
    )
    assert counts[-1] == counts[0] - 6 * 3 * 3  # three widgets a row, three columns
    assert len(window.findChildren(QWidget)) == counts[-1]


def test_shrinking_k_keeps_the_label_in_range(window, store, qtbot):
    control(window, QComboBox, "label_combo").setCurrentIndex(3)
    control(window, QWidget, "k_spin").setValue(2)
    settle(qtbot, store)
    assert store.scenario.label == 1
    assert control(window, QComboBox, "label_combo").currentIndex() == 1


def test_slider_values_sit_inside_the_visible_column(window, store, qtbot):
    settle(qtbot, store)
    column = window.explorer.controls_column.viewport()
    for prefix in ("p", "q", "logit"):
        for index in range(store.scenario.k):
            label = control(window, QLabel, f"{prefix}_value_{index}")
            top_left = label.mapTo(column, label.rect().topLeft())
            bottom_right = label.mapTo(column, label.rect().bottomRight())
            assert column.rect().contains(top_left), label.objectName()
            assert column.rect().contains(bottom_right), label.objectName()
            assert label.width() >= label.fontMetrics().horizontalAdvance(label.text())


def test_a_family_kind_chosen_for_the_first_time_starts_from_its_defaults(
    window, store, qtbot
):
    from core import FAMILY_PARAMETERS

    control(window, QComboBox, "mode_combo").setCurrentIndex(1)
    settle(qtbot, store)
    combo = control(window, QComboBox, "p_family_combo")
    for kind in ("two_peaks", "dirichlet"):
        combo.setCurrentIndex(combo.findData(kind))
        settle(qtbot, store)
        family = store.scenario.p_family
        assert family.kind == kind
        for name, (default, _, _) in FAMILY_PARAMETERS[kind].items():
            assert family.params[name] == pytest.approx(default, rel=0.01), name


def test_every_family_slider_shows_its_value_and_takes_a_typed_one(
    window, store, qtbot
):
    # The family sliders had no number beside them: a lecturer could not
    # say what the exponent was.
    from PySide6.QtWidgets import QLineEdit

    from viz.family_controls import parameter_text

    control(window, QComboBox, "mode_combo").setCurrentIndex(1)
    settle(qtbot, store)
    combo = control(window, QComboBox, "p_family_combo")
    combo.setCurrentIndex(combo.findData("two_peaks"))
    settle(qtbot, store)
    column = window.explorer.controls_column.viewport()
    for name in ("position_1", "width_1", "position_2", "width_2", "mix"):
        label = control(window, QLabel, f"p_family_{name}_value")
        assert label.isVisibleTo(window), name
        assert label.text() == parameter_text(store.scenario.p_family.params[name])
        corner = label.mapTo(column, label.rect().bottomRight())
        assert column.rect().contains(corner), name
    slider = control(window, QSlider, "p_family_width_1")
    slider.setValue(200)
    settle(qtbot, store)
    shown = control(window, QLabel, "p_family_width_1_value").text()
    assert shown == parameter_text(store.scenario.p_family.params["width_1"])
    assert shown != parameter_text(0.05)  # it followed the drag
    label = control(window, QLabel, "p_family_mix_value")
    before = len(store._history._past)
    qtbot.mouseDClick(label, Qt.MouseButton.LeftButton)
    field = label.parentWidget().findChild(QLineEdit, "p_family_mix_value_entry")
    field.setText("0.3")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    settle(qtbot, store)
    assert store.scenario.p_family.params["mix"] == 0.3  # exactly
    assert label.text() == "0.300"
    assert len(store._history._past) == before + 1
    window.undo()
    settle(qtbot, store)
    assert store.scenario.p_family.params["mix"] == 0.5
    assert label.text() == "0.500"  # the number follows the state back


def test_dragging_a_bar_above_what_its_weight_allows_still_reaches_the_pointer(
    window, store, qtbot, explorer
):
    store.update(p_weights=[1.0, 1.0, 1.0, 1.0])
    settle(qtbot, store)
    explorer.drag_bar("p", 0, 0.9)
    settle(qtbot, store)
    assert store.results.p[0] == pytest.approx(0.9, rel=1e-9)
    assert explorer.distributions.p.heights()[0] == pytest.approx(0.9, rel=1e-9)


def test_growing_k_keeps_a_uniform_p_uniform(window, store, qtbot):
    window.apply_preset(window.preset("uniform-vs-certain"))
    control(window, QWidget, "k_spin").setValue(8)
    settle(qtbot, store)
    assert readout_number(window, "entropy_p") == pytest.approx(3.0, abs=5e-5)


def test_a_click_on_a_bar_that_is_about_to_vanish_is_ignored(
    window, store, qtbot, explorer
):
    # Before: the bar index came from the last shown results and was applied
    # to the current scenario: after a preset with a smaller K, a click on
    # bar 3 raised "index 3 is out of range [0, 2)" in the slot.
    assert store.scenario.k == 4
    plot = explorer.distributions
    point = view_point(plot, 3.0 - 0.2, 0.3)  # P's bar of outcome 3
    window.apply_preset(window.preset("kl-asymmetry"))  # K = 2, not drawn yet
    assert store.pending
    before = store.scenario
    viewport = plot.viewport()
    send_mouse(viewport, QEvent.Type.MouseButtonPress, point, True)
    send_mouse(viewport, QEvent.Type.MouseButtonRelease, point, False)
    settle(qtbot, store)
    assert store.scenario == before  # and no exception in the slot
    # Once the plot shows K = 2, a click on a bar works again.
    point = view_point(plot, 1.0 - 0.2, 0.6)
    send_mouse(viewport, QEvent.Type.MouseButtonPress, point, True)
    send_mouse(viewport, QEvent.Type.MouseButtonRelease, point, False)
    settle(qtbot, store)
    assert store.results.p[1] == pytest.approx(0.6, abs=0.02)


def test_a_double_click_types_a_probability_a_logit_t_and_epsilon(
    window, store, qtbot, explorer
):
    from PySide6.QtWidgets import QLineEdit

    c = explorer.controls

    def type_into(label, text):
        qtbot.mouseDClick(label, Qt.MouseButton.LeftButton)
        field = label.parentWidget().findChild(QLineEdit, f"{label.objectName()}_entry")
        assert field is not None and field.isVisible()
        field.setText(text)
        qtbot.keyClick(field, Qt.Key.Key_Return)
        settle(qtbot, store)
        return field

    before = len(store._history._past)
    type_into(c.p_sliders.readout(0), "0.7")
    assert store.results.p[0] == pytest.approx(0.7, rel=1e-12)
    assert len(store._history._past) == before + 1  # one undo step
    type_into(c.logit_sliders.readout(1), "−2.5")
    assert store.scenario.logits[1] == -2.5
    type_into(c.loss.temperature_value, "0.5")
    assert store.scenario.temperature == 0.5  # exactly, not a slider step
    type_into(c.loss.smoothing_value, "0.1")
    assert store.scenario.label_smoothing == 0.1
    # Out of range or not a number: refused, the field stays open, nothing changes.
    scenario = store.scenario
    for label, text, why in (
        (c.loss.temperature_value, "0", "T must lie in [0.05, 20]"),
        (c.p_sliders.readout(0), "1.5", "a probability must lie in [0, 1]"),
        (c.logit_sliders.readout(0), "abc", "not a number"),
    ):
        field = type_into(label, text)
        assert field.isVisible() and why in field.toolTip()
        qtbot.keyClick(field, Qt.Key.Key_Escape)
        assert not field.isVisible()
    assert store.scenario == scenario


def test_swap_and_copy_p_and_q(window, store, qtbot):
    window.apply_preset(window.preset("kl-asymmetry"))
    settle(qtbot, store)
    forward, backward = store.results.kl_pq, store.results.kl_qp
    window.actions_by_name["swap"].trigger()
    settle(qtbot, store)
    assert store.results.kl_pq == pytest.approx(backward, rel=1e-12)
    assert store.results.kl_qp == pytest.approx(forward, rel=1e-12)
    window.actions_by_name["copy_p_to_q"].trigger()
    settle(qtbot, store)
    assert store.results.kl_pq == 0.0 and store.results.kl_qp == 0.0
    assert store.results.js == 0.0
    window.actions_by_name["undo"].trigger()
    settle(qtbot, store)
    assert store.results.kl_pq == pytest.approx(backward, rel=1e-12)


def test_logits_that_follow_q_are_shown_and_disabled_not_dead(
    window, store, qtbot, explorer
):
    # Before: after preset 6 the logit sliders read "+0.00 → 0.200" and
    # dragging one changed nothing; the Training page started elsewhere.
    window.apply_preset(window.preset("one-hot-label"))
    settle(qtbot, store)
    assert store.scenario.logits_follow_q
    c = explorer.controls
    assert c.follow_q.isChecked()
    slider = c.logit_sliders.sliders[0]
    assert not slider.isEnabled() and "follow Q" in slider.toolTip()
    log_q = np.log(store.results.q)
    for index, text in enumerate(
        control(window, QLabel, f"logit_value_{i}").text()
        for i in range(store.scenario.k)
    ):
        shown = float(text.split(" → ")[0].replace("−", "-"))
        assert shown == pytest.approx(log_q[index], abs=0.006)
    # Unticking frees the logits where they stood: nothing on screen jumps.
    before = store.results.softmax.copy()
    c.follow_q.click()
    settle(qtbot, store)
    assert not store.scenario.logits_follow_q and slider.isEnabled()
    np.testing.assert_allclose(store.results.softmax, before, rtol=1e-9, atol=1e-12)
    window.actions_by_name["undo"].trigger()
    settle(qtbot, store)
    assert store.scenario.logits_follow_q and c.follow_q.isChecked()
    # The Training page starts from the logits the explorer used: log Q.
    window.show_panel("training")
    page = window.pages["training"]
    page.reset()
    start = page.states["cross_entropy"].logits
    np.testing.assert_allclose(start - start.max(), log_q - log_q.max(), atol=1e-9)


def test_an_everywhere_infinite_loss_names_the_class_the_target_needs_now(
    window, store, qtbot
):
    """The curve stays ∞ when the needed class moves; its reason follows."""
    plot = window.explorer.loss_curve
    store.update(
        linked=True,
        logits=[0.0, 0.0, -math.inf, -math.inf],
        p_weights=[0.5, 0.25, 0.25, 0.0],
    )
    settle(qtbot, store)
    assert plot.everywhere_infinite.isVisible()
    assert "needs class 2," in plot.toolTip()
    store.update(p_weights=[0.5, 0.25, 0.0, 0.25])
    settle(qtbot, store)
    assert "needs class 3," in plot.toolTip()
    store.update(p_weights=[0.5, 0.5, 0.0, 0.0])
    settle(qtbot, store)
    assert not plot.everywhere_infinite.isVisible()
    assert "needs class" not in plot.toolTip()


def test_the_loss_curve_follows_a_change_of_logit_after_a_drag_of_p(
    window, store, qtbot
):
    """Skipping an unchanged curve must not skip a changed one."""
    curve = window.explorer.loss_curve.loss_curve
    store.update(p_weights=[1.0, 2.0, 3.0, 4.0])
    settle(qtbot, store)
    before = curve.getData()[1].copy()
    # Another class's logit: the curve of the true class's logit moves.
    store.update(logits=[2.0, 2.5, 0.1, -1.0])
    settle(qtbot, store)
    after = curve.getData()[1]
    assert not np.array_equal(before, after)
    assert np.array_equal(
        after, store.results.curve.loss[np.isfinite(store.results.curve.loss)]
    )


def test_the_loss_settings_write_their_values_as_the_sliders_above_do(window):
    """Temperature "1" and smoothing "0" stood under the sliders' "0.400"."""
    c = window.explorer.controls
    decimals = {
        label.text().split(".")[-1]
        for label in (c.loss.temperature_value, c.loss.smoothing_value)
    }
    assert decimals == {"000"}, [
        c.loss.temperature_value.text(),
        c.loss.smoothing_value.text(),
    ]


def test_a_near_certain_probability_beside_its_slider_is_not_1(window, store, qtbot):
    # p₀ = 0.99997 read "1.000" beside its slider, under H(P) = 5.4×10⁻⁴ bits.
    store.update(p_weights=np.array([1.0, 1e-5, 1e-5, 1e-5]))
    settle(qtbot, store)
    assert control(window, QWidget, "p_value_0").text() == "0.99997"
    assert control(window, QWidget, "p_value_1").text() == "1.0×10⁻⁵"


def test_readouts_go_two_a_row_where_four_would_be_unreadable(qtbot):
    # In lecture type at 1280×720 beside a lesson, "1.0986 nats" in a
    # quarter of the panel was 9 pixels tall, the smallest text on screen.
    from viz.readouts import ReadoutPanel

    panel = ReadoutPanel()
    qtbot.addWidget(panel)
    panel.set_font_px(42)  # lecture type
    readout = panel.readouts["entropy_p"]
    readout.show_value(1.0986, "nats", "")
    panel.resize(430, 300)
    panel.show()
    value = readout.value
    qtbot.waitUntil(
        lambda: panel.columns == 2 and value._font_that_fits().pixelSize() >= 0.4 * 42
    )
    panel.resize(1100, 300)
    qtbot.waitUntil(lambda: panel.columns == 4)
    panel.set_font_px(24)  # normal type: four fit at 700 pixels
    panel.resize(700, 200)
    qtbot.waitUntil(lambda: panel.columns == 4)


@pytest.mark.parametrize("k, shown", [(16, "0.0625"), (8, "0.125")])
def test_a_uniform_p_reads_exactly_beside_its_sliders(window, store, qtbot, k, shown):
    # Uniform over 16 read "0.062" beside every slider: sixteen of them add
    # up to 0.992 on screen, for a distribution that sums to 1.
    store.update(p_weights=np.ones(k), q_weights=np.ones(k), logits=np.zeros(k))
    qtbot.waitUntil(lambda: store.results is not None and store.results.p.size == k)
    sliders = window.explorer.controls.p_sliders
    texts = [sliders.readout(i).text() for i in range(k)]
    assert texts == [shown] * k
    assert math.isclose(sum(parse_shown(t) for t in texts), 1.0)


@pytest.mark.parametrize(
    "value, shown",
    [
        (1 / 32, "0.03125"),
        (3 / 16, "0.1875"),
        (1 / 3, "0.333"),
        (0.5, "0.500"),
        # Q = [0.999, 0.001] normalised: 0.001 to rounding, read as 1.0×10⁻³.
        (0.0009999999999999998, "0.001"),
        (0.0010001, "1.0×10⁻³"),
    ],
)
def test_a_slider_probability_is_exact_to_five_decimals_or_three(value, shown):
    assert slider_number(value) == shown


def test_linked_the_class_box_and_the_link_say_what_the_target_is(window, store, qtbot):
    # Linked, "True class y" looked as if it set the target (it is P), and
    # with ε > 0 "target = P" beside a loss of 2.2763 bits that is not H(P,Q).
    loss = window.explorer.controls.loss
    caption = loss._captions["label"]
    note = loss.findChild(QLabel, "smoothed_target_note")
    column_width = window.explorer.controls.sizeHint().width()
    assert caption.text() == "True class y" and not note.isVisibleTo(loss)
    store.update(linked=True)
    qtbot.waitUntil(lambda: caption.text() == "Curve's class y")
    assert "not one class" in loss.label.toolTip()
    assert not note.isVisibleTo(loss)
    store.update(label_smoothing=0.3)
    qtbot.waitUntil(lambda: note.isVisibleTo(loss))
    assert "(1 − ε)·P + ε/K" in note.text()
    qtbot.waitUntil(lambda: store.results.label_smoothing == 0.3)
    results = store.results
    target = 0.7 * results.p + 0.3 / results.p.size
    against_target = -float(np.sum(target * np.log2(results.q)))
    assert results.loss == pytest.approx(against_target, rel=1e-12)  # as it says
    assert results.loss != pytest.approx(results.cross_entropy_pq, rel=1e-3)
    # Said on a line that wraps: the column of controls grows no wider.
    assert window.explorer.controls.sizeHint().width() <= column_width
    store.update(linked=False)
    qtbot.waitUntil(lambda: caption.text() == "True class y")
    assert not note.isVisibleTo(loss) and loss.label.toolTip() == ""


def test_a_small_probability_beside_a_slider_keeps_the_type_size(window, store, qtbot):
    # The "KL asymmetry made large" preset's q₁ read "1.0×10⁻³" in type
    # shrunk to fit a label made for 0.000: on a projector, unreadable.
    store.update(
        p_weights=np.array([0.5, 0.5]),
        q_weights=np.array([0.999, 0.001]),
        logits=np.zeros(2),
    )
    qtbot.waitUntil(lambda: store.results.q.size == 2)
    for small in (0.000999, 0.03125, 8.8e-8):
        store.update(q_weights=np.array([1 - small, small]))
        qtbot.waitUntil(lambda small=small: store.results.q[1] == small)
        label = window.explorer.controls.q_sliders.readout(1)
        assert label.text() == slider_number(small)
        font = label._font_that_fits()
        assert font == label.font(), label.text()
