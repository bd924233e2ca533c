"""Lecture and self-study features of the window: presets, formulas, lecture
mode, keyboard, hover, compare, undo, export and sessions."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox, QSlider, QWidget

from core import default_scenario, evaluate
from core.export import outcome_table_csv
from core.session import Session, load_session, session_to_json
from viz import MainWindow
from viz.controls import WEIGHT_SCALE


def settle(qtbot, store):
    qtbot.waitUntil(lambda: not store.pending)


def readout_text(window, key):
    return window.findChild(QWidget, f"readout_{key}").text()


# presets ---------------------------------------------------------------------


def test_presets_menu_has_the_course_examples_with_keys_one_to_nine(window):
    ids = [preset.id for preset in window.presets]
    assert len(ids) >= 12
    keys = [preset.key for preset in window.presets if preset.key is not None]
    assert sorted(keys) == list(range(1, 10))
    action = window.actions_by_name["preset_kl-asymmetry"]
    assert action.shortcut().toString() == "3"


def test_key_three_loads_the_asymmetry_example(window, store, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_3)
    settle(qtbot, store)
    assert readout_text(window, "kl_pq") == "0.1187 bits"
    assert readout_text(window, "kl_qp") == "0.1258 bits"
    assert readout_text(window, "entropy_p") == "0.8813 bits"
    explanation = window.explanation.text.text()
    assert "not symmetric" in explanation
    assert "Try next" in explanation


def test_a_preset_is_one_undo_step(window, store, qtbot):
    window.apply_preset(window.preset("softmax"))
    settle(qtbot, store)
    assert np.allclose(store.results.softmax, [0.659, 0.242, 0.099], atol=5e-4)
    window.actions_by_name["undo"].trigger()
    assert store.scenario == default_scenario()


def test_unknown_preset_names_the_known_ones(window):
    with pytest.raises(ValueError, match="known presets: fair-vs-biased-coin"):
        window.preset("no-such-thing")


# formulas ----------------------------------------------------------------------


def test_formulas_panel_shows_the_formula_with_the_current_numbers(
    window, store, qtbot
):
    window.apply_preset(window.preset("kl-asymmetry"))
    window.formulas.show()
    settle(qtbot, store)
    text = window.formulas.text.text()
    assert "0.7·log<sub>2</sub> 0.7 + 0.3·log<sub>2</sub> 0.3" in text
    assert "0.8813 bits" in text
    assert "nan" not in text.lower()


def test_formulas_for_many_outcomes_are_cut_with_an_ellipsis(window, store, qtbot):
    window.formulas.show()
    window.findChild(QWidget, "k_spin").setValue(12)
    settle(qtbot, store)
    assert "&hellip;" in window.formulas.text.text()


# lecture mode ------------------------------------------------------------------


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture
def lecture_window(window, qtbot):
    window.resize(1920, 1080)
    window.set_lecture(True)
    yield window
    window.set_lecture(False)
    window.set_zoom(1.0)


def test_lecture_mode_makes_readouts_and_axes_legible_from_the_back(lecture_window):
    window = lecture_window
    assert window.isFullScreen()
    value = window.findChild(QWidget, "readout_kl_pq_value")
    assert value.font().pixelSize() >= 32 or value.fontInfo().pixelSize() >= 32
    for plot in window.explorer.plots.values():
        for item in plot.plot_items():
            font = item.getAxis("bottom").style["tickFont"]
            assert font is not None and font.pixelSize() >= 18


def test_lecture_mode_is_a_high_contrast_light_theme(lecture_window):
    palette = QApplication.palette()
    pairs = [
        (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
        (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
        (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
        (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight),
    ]
    for text, background in pairs:
        assert contrast(palette.color(text), palette.color(background)) >= 7
    assert _luminance(palette.color(QPalette.ColorRole.Window)) > 0.9  # light
    reason = QColor("#7A2E00")
    assert contrast(reason, QColor("#FFFFFF")) >= 7


def test_lecture_mode_thickens_the_bars(window):
    normal = window.explorer.distributions.p.bars.opts["width"]
    window.set_lecture(True)
    thick = window.explorer.distributions.p.bars.opts["width"]
    window.set_lecture(False)
    assert thick > normal
    assert thick <= 0.4  # paired bars never overlap


def _long_tail_line_widths(window) -> set[float]:
    plots = window.explorer.plots
    lines = [
        plots["distributions"].p.line,
        plots["asymmetry"].pq_terms.line,
        plots["information"].lines["p"],
    ]
    return {line.opts["pen"].widthF() for line in lines}


def test_long_tails_are_drawn_in_one_pixel_and_in_two_for_a_lecture(window):
    # Qt strokes wider lines as polygons: a one-pixel line is what keeps a
    # frame at K = 10,000 near a bare pyqtgraph window's.
    assert _long_tail_line_widths(window) == {1.0}
    assert window.explorer.plots["information"].lines["q"].opts["pen"].widthF() == 1
    window.set_lecture(True, full_screen=False)
    try:
        assert _long_tail_line_widths(window) == {2.0}
    finally:
        window.set_lecture(False)
    assert _long_tail_line_widths(window) == {1.0}


def test_a_new_device_pixel_ratio_restyles_the_plots(window, monkeypatch):
    # Moved to a 200 % screen, the curves must be drawn two device pixels wide.
    ratios = iter([2.0])
    monkeypatch.setattr(
        type(window.explorer.plots["distributions"]),
        "devicePixelRatioF",
        lambda self: next(ratios, 2.0),
    )
    QApplication.sendEvent(window, QEvent(QEvent.Type.DevicePixelRatioChange))
    assert window.explorer.plots["distributions"].p.line.opts["pen"].widthF() == 2
    monkeypatch.undo()
    QApplication.sendEvent(window, QEvent(QEvent.Type.DevicePixelRatioChange))
    assert window.explorer.plots["distributions"].p.line.opts["pen"].widthF() == 1


def test_zoom_keys_scale_the_readouts(window, qtbot):
    value = window.findChild(QWidget, "readout_js_value")
    before = value.fontInfo().pixelSize()
    window.actions_by_name["zoom_in"].trigger()
    window.actions_by_name["zoom_in"].trigger()
    assert window.zoom > 1
    assert value.fontInfo().pixelSize() > before
    window.actions_by_name["zoom_out"].trigger()
    window.actions_by_name["zoom_reset"].trigger()
    assert window.zoom == 1.0
    assert window.actions_by_name["zoom_in"].shortcut().toString() == "Ctrl+="
    assert window.actions_by_name["zoom_out"].shortcut().toString() == "Ctrl+-"


def test_panels_hide_and_show_with_keys(window):
    plot = window.explorer.plots["asymmetry"]
    action = window.actions_by_name["toggle_asymmetry"]
    assert action.shortcut().toString() == "Ctrl+2"
    action.trigger()
    assert not plot.isVisible()
    action.trigger()
    assert plot.isVisible()
    window.actions_by_name["toggle_controls"].trigger()
    assert not window.explorer.controls_column.isVisible()


# keyboard --------------------------------------------------------------------


def test_next_outcome_and_arrow_keys_nudge_the_selected_slider(window, store, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.actions_by_name["next_outcome"].trigger()
    first = QApplication.focusWidget()
    assert first.objectName() == "p_slider_0"
    window.actions_by_name["next_outcome"].trigger()
    assert QApplication.focusWidget().objectName() == "p_slider_1"
    window.actions_by_name["previous_outcome"].trigger()
    assert QApplication.focusWidget().objectName() == "p_slider_0"
    before = store.scenario.p_weights[0]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    assert store.scenario.p_weights[0] > before


def test_every_control_has_a_name_and_an_accessible_name(window):
    for slider in window.findChildren(QSlider):
        assert slider.objectName(), slider
        assert slider.accessibleName(), slider.objectName()
    for key in (
        "k_spin",
        "label_combo",
        "link_toggle",
        "units_toggle",
        "reset_button",
        "mode_combo",
        "family_k_spin",
    ):
        widget = window.findChild(QWidget, key)
        assert widget is not None and widget.accessibleName(), key


# hover -------------------------------------------------------------------------


def test_hovering_over_a_bar_tells_its_numbers(window, store, qtbot, explorer):
    settle(qtbot, store)
    plot = explorer.distributions
    view_box = plot.getPlotItem().getViewBox()
    with qtbot.waitSignal(plot.hover.hovered) as signal:
        plot.hover.pointer_moved(view_box.mapViewToScene(QPointF(2.1, 0.1)))
    index, text = signal.args
    results = store.results
    assert index == 2
    assert f"p = {results.p[2]:.4f}" in text
    assert f"−log p = {results.information_p[2]:.4f} bits" in text
    expected_term = f"{results.kl_terms_pq[2]:.4f}".replace("-", "−")
    assert f"p·log(p/q) = {expected_term} bits" in text
    assert plot.hover.outcome_at(view_box.mapViewToScene(QPointF(7.0, 0.1))) is None


# compare ---------------------------------------------------------------------


def test_pin_keeps_a_ghost_of_the_state_in_every_plot(window, store, qtbot, explorer):
    settle(qtbot, store)
    pinned = store.results
    window.actions_by_name["pin"].trigger()
    store.update(p_weights=[0.1, 0.2, 0.3, 0.4])
    settle(qtbot, store)
    assert np.allclose(explorer.distributions.p.ghost_heights(), pinned.p)
    assert np.allclose(explorer.gradient.gradient.ghost_heights(), pinned.grad)
    assert not np.allclose(explorer.distributions.p.heights(), pinned.p)
    pinned_label = window.findChild(QWidget, "readout_kl_pq_pinned")
    assert pinned_label.text() == f"pinned: {pinned.kl_pq:.4f} bits"
    window.actions_by_name["unpin"].trigger()
    assert explorer.distributions.p.ghost_heights() is None
    assert not pinned_label.isVisible()


# undo and redo ---------------------------------------------------------------------


def test_one_slider_drag_is_one_undo_step(window, store, qtbot):
    slider = window.findChild(QSlider, "p_slider_0")
    slider.sliderPressed.emit()
    for position in (100, 200, 300, 500):
        slider.setValue(position)
    slider.sliderReleased.emit()
    slider.setValue(900)  # a separate step (a click or a key)
    assert store.scenario.p_weights[0] == pytest.approx(0.9)
    window.actions_by_name["undo"].trigger()
    assert store.scenario.p_weights[0] == pytest.approx(0.5)
    window.actions_by_name["undo"].trigger()
    assert store.scenario == default_scenario()
    assert not window.actions_by_name["undo"].isEnabled()
    window.actions_by_name["redo"].trigger()
    assert store.scenario.p_weights[0] == pytest.approx(0.5)
    assert slider.value() == WEIGHT_SCALE.to_position(0.5)
    assert window.actions_by_name["redo"].shortcut().toString() == "Ctrl+Shift+Z"


# export ----------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_window_and_each_plot_export_as_pictures(
    window, store, qtbot, tmp_path, suffix
):
    settle(qtbot, store)
    targets = {"window": window, **window.explorer.plots}
    for name, widget in targets.items():
        path = tmp_path / f"{name}{suffix}"
        assert window.export_picture(widget, path)
        if suffix == ".png":
            image = QImage(str(path))
            assert image.width() == widget.width() and image.height() == widget.height()
        else:
            root = ElementTree.parse(path).getroot()
            assert root.tag.endswith("svg")
            assert len(list(root.iter())) > 20  # vector content, not an empty page


def test_export_refuses_other_suffixes_with_a_message(window, tmp_path, qtbot):
    assert not window.export_picture(window, tmp_path / "picture.gif")
    box = window.findChild(QMessageBox, "problem_dialog")
    assert box is not None and ".png, .svg or .pdf" in box.text()


def test_csv_table_holds_every_per_outcome_number(window, store, qtbot, tmp_path):
    store.update(q_weights=[1.0, 1.0, 1.0, 0.0])
    settle(qtbot, store)
    path = tmp_path / "table.csv"
    assert window.export_csv(path)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    results = evaluate(store.scenario)
    assert len(rows) == 4
    assert [float(row["p"]) for row in rows] == pytest.approx(results.p, rel=1e-15)
    assert rows[3]["kl_term_pq_bits"] == "inf"
    assert float(rows[0]["gradient_nats"]) == pytest.approx(results.grad[0], rel=1e-15)
    assert path.read_text(encoding="utf-8") == outcome_table_csv(results)


def test_an_infinite_term_on_hover_says_why(window, store, qtbot, explorer):
    from core.export import outcome_summary

    store.update(q_weights=[1.0, 1.0, 1.0, 0.0])
    settle(qtbot, store)
    text = outcome_summary(store.results, 3)
    assert "p·log(p/q) = ∞ (q = 0 where p > 0)" in text
    assert "−log q = ∞ (q = 0)" in text
    assert "∞ bits" not in text


def test_copied_readouts_match_the_screen_for_tiny_values(window, store, qtbot):
    store.update(q_weights=[0.4, 0.3, 0.2, 0.1000001])
    settle(qtbot, store)
    shown = window.findChild(QWidget, "readout_kl_pq").text()
    assert "×10⁻" in shown  # too small for four decimals
    assert f"D(P‖Q) = {shown}" in window.copy_readouts()


def test_readouts_are_copied_as_text(window, store, qtbot):
    store.update(q_weights=[1.0, 1.0, 1.0, 0.0])
    settle(qtbot, store)
    text = window.copy_readouts()
    assert QGuiApplication.clipboard().text() == text
    assert "H(P) = 1.8464 bits" in text
    assert "D(P‖Q) = ∞ (Q = 0 where P > 0 at outcome 3)" in text


# sessions ----------------------------------------------------------------------


def test_save_and_load_restore_the_whole_state(window, store, qtbot, tmp_path):
    store.update(
        p_weights=[0.2, 0.0, 0.5, 0.3],
        temperature=2.5,
        units="nats",
        label=2,
        label_smoothing=0.1,
    )
    path = tmp_path / "lecture.json"
    assert window.save_session_to(path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["format"] == "entropy-lab-session"
    assert saved["version"] == 2
    assert "\n" in path.read_text(encoding="utf-8")  # readable by a person
    kept = store.scenario
    store.set_scenario(default_scenario())
    assert window.load_session_from(path)
    assert store.scenario == kept
    assert window.findChild(QSlider, "p_slider_2").value() == WEIGHT_SCALE.to_position(
        0.5
    )


BAD_FILES = {
    "not json": "this is not json",
    "wrong version": json.dumps(
        {"format": "entropy-lab-session", "version": 99, "scenario": {}}
    ),
    "wrong types": None,
    "negative weights": None,
    "a million outcomes": None,
    "missing keys": json.dumps({"format": "entropy-lab-session", "version": 1}),
}


def _valid_session(window):
    return json.loads(session_to_json(Session(default_scenario())))


@pytest.mark.parametrize("problem", list(BAD_FILES))
def test_a_bad_file_is_explained_and_changes_nothing(
    window, store, qtbot, tmp_path, problem
):
    text = BAD_FILES[problem]
    if text is None:
        data = _valid_session(window)
        if problem == "wrong types":
            data["scenario"]["temperature"] = "hot"
        elif problem == "negative weights":
            data["scenario"]["p_weights"] = [0.5, -0.5, 0.5, 0.5]
        else:
            data["scenario"]["p_weights"] = [1.0] * 1_000_000
        text = json.dumps(data)
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    store.update(temperature=3.0)
    before = store.scenario
    assert not window.load_session_from(path)
    assert store.scenario == before
    box = window.findChild(QMessageBox, "problem_dialog")
    assert box is not None and box.text()
    assert "Traceback" not in box.text()


def test_an_interrupted_save_keeps_the_old_file(window, store, tmp_path, monkeypatch):
    path = tmp_path / "kept.json"
    assert window.save_session_to(path)
    old = path.read_bytes()
    store.update(temperature=5.0)

    def power_cut(*args, **kwargs):
        raise OSError("power cut")

    monkeypatch.setattr(os, "replace", power_cut)
    assert not window.save_session_to(path)
    assert path.read_bytes() == old
    assert [p.name for p in tmp_path.iterdir()] == ["kept.json"]


def test_recent_files_and_last_state_are_remembered(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    first = MainWindow(settings=settings)
    qtbot.addWidget(first)
    first.resize(1000, 760)
    first.show()
    first.store.update(p_weights=[0.9, 0.05, 0.03, 0.02], units="nats")
    first.save_session_to(tmp_path / "a.json")
    first.move(40, 30)
    first.set_zoom(1.3)
    geometry = first.geometry()
    first.close()
    second = MainWindow(settings=settings)
    qtbot.addWidget(second)
    second.restore_from_settings()
    assert second.store.scenario == first.store.scenario
    assert second.recent_files() == [str((tmp_path / "a.json").resolve())]
    assert [a.text() for a in second.recent_menu.actions()] == second.recent_files()
    assert second.geometry() == geometry
    assert second.zoom == 1.3
    second.set_zoom(1.0)  # the application font is shared by later tests


def test_loading_from_the_recent_menu(qtbot, tmp_path, window, store):
    path = tmp_path / "b.json"
    store.update(temperature=7.0)
    window.save_session_to(path)
    assert load_session(path).scenario.temperature == pytest.approx(7.0)
    store.update(temperature=1.0)
    assert window.load_session_from(path)
    assert math.isclose(store.scenario.temperature, 7.0)


@pytest.mark.parametrize("panel", ["binary", "training", "fitting", "batch"])
def test_each_page_exports_as_a_picture(window, qtbot, tmp_path, panel):
    window.show_panel(panel)
    page = window.tabs.currentWidget()
    path = tmp_path / f"{panel}.png"
    assert window.export_picture(page, path)
    assert QImage(str(path)).size() == page.size()
    assert window.actions_by_name["export_page"] is not None


# single-key shortcuts and focused controls ------------------------------------


def _focus(window, qtbot, widget):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def test_a_digit_typed_into_the_batch_table_edits_the_cell(window, qtbot):
    from PySide6.QtWidgets import QAbstractItemView, QTableView

    window.show_panel("batch")
    table = window.findChild(QTableView, "batch_table")
    table.setCurrentIndex(table.model().index(0, 1))
    _focus(window, qtbot, table)
    qtbot.keyClick(table, Qt.Key.Key_2)
    assert window.current_panel() == "batch"
    assert table.state() == QAbstractItemView.State.EditingState


def test_space_ticks_a_focused_check_box_and_does_not_play(window, store, qtbot):
    link = window.findChild(QWidget, "link_toggle")
    _focus(window, qtbot, link)
    qtbot.keyClick(link, Qt.Key.Key_Space)
    assert store.scenario.linked


def test_a_digit_on_a_focused_combo_box_is_not_a_preset(window, store, qtbot):
    combo = window.findChild(QWidget, "label_combo")
    _focus(window, qtbot, combo)
    qtbot.keyClick(combo, Qt.Key.Key_2)
    assert store.scenario.p_weights.size == 4  # preset 2 would make it 4 equal weights
    assert not np.allclose(store.scenario.q_weights, [1.0, 0.0, 0.0, 0.0])


def test_a_digit_on_a_focused_slider_still_loads_a_preset(window, store, qtbot):
    slider = window.findChild(QSlider, "p_slider_0")
    _focus(window, qtbot, slider)
    qtbot.keyClick(slider, Qt.Key.Key_3)
    assert np.allclose(store.scenario.p_weights, [0.7, 0.3])


def test_a_pinned_ghost_follows_a_change_of_units(window, store, qtbot, explorer):
    settle(qtbot, store)
    window.actions_by_name["pin"].trigger()
    window.findChild(QWidget, "units_toggle").click()
    settle(qtbot, store)
    in_nats = evaluate(default_scenario().replace(units="nats"))
    assert np.allclose(explorer.asymmetry.pq_terms.ghost_heights(), in_nats.kl_terms_pq)
    assert np.allclose(
        explorer.asymmetry.pq_terms.ghost_heights(),
        explorer.asymmetry.pq_terms.heights(),
    )
    pinned_label = window.findChild(QWidget, "readout_kl_pq_pinned")
    assert pinned_label.text() == f"pinned: {in_nats.kl_pq:.4f} nats"


def test_panel_keys_work_from_another_tab_and_keep_the_menu_in_step(window):
    window.show_panel("binary")
    action = window.actions_by_name["toggle_distributions"]
    action.trigger()
    assert window.explorer.plots["distributions"].isHidden()
    assert not action.isChecked()
    action.trigger()
    window.show_panel("explorer")
    assert window.explorer.plots["distributions"].isVisible()
    assert action.isChecked()


def test_closing_on_an_invalid_state_remembers_the_last_valid_one(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    first = MainWindow(settings=settings)
    qtbot.addWidget(first)
    first.store.update(logits=[5.0, 1.0, 0.0, -2.0])
    first.store.recompute_now()
    valid = first.store.scenario
    first.store.update(p_weights=[0.0, 0.0, 0.0, 0.0])  # P all zero: kept, explained
    first.store.recompute_now()
    assert first.store.error is not None
    first.close()
    second = MainWindow(settings=settings)
    qtbot.addWidget(second)
    second.restore_last_state()
    assert second.store.scenario == valid


def test_a_linked_state_with_unused_q_weights_at_zero_saves(window, store, tmp_path):
    store.update(q_weights=[0.0, 0.0, 0.0, 0.0], linked=True)
    store.recompute_now()
    assert store.error is None
    path = tmp_path / "linked.json"
    assert window.save_session_to(path)
    assert load_session(path).scenario == store.scenario


@pytest.mark.parametrize(
    "key, bad",
    [
        ("recent_files", 7),
        ("recent_files", QRect(1, 2, 3, 4)),
        ("recent_files", QSize(5, 6)),
        ("recent_files", QPoint(7, 8)),
        ("recent_files", [1, 2]),
        ("zoom", "huge"),
        ("zoom", QSize(1, 1)),
        ("geometry", "not bytes"),
        ("last_session", 42),
    ],
)
def test_a_damaged_setting_is_dropped_with_a_note(qtbot, tmp_path, key, bad):
    # Before: recent_files of a non-list type raised TypeError in __init__,
    # and the app could not start until the user found the settings file.
    path = str(tmp_path / "settings.ini")
    settings = QSettings(path, QSettings.Format.IniFormat)
    settings.setValue(key, bad)
    settings.sync()
    window = MainWindow(settings=QSettings(path, QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.restore_from_settings()
    assert window.recent_files() == []
    assert window.zoom == 1.0
    assert key in window.statusBar().currentMessage()
    assert not QSettings(path, QSettings.Format.IniFormat).contains(key)


def test_good_settings_read_back_as_written(tmp_path):
    from viz.remembered import Remembered

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("one", ["only"])
    settings.setValue("two", ["a", "b"])
    settings.setValue("zoom", 1.3)
    settings.setValue("text", "hello")
    remembered = Remembered(settings)
    assert remembered.texts("one") == ["only"]
    assert remembered.texts("two") == ["a", "b"]
    assert remembered.number("zoom") == 1.3
    assert remembered.text("text") == "hello"
    assert remembered.texts("absent") == [] and remembered.number("absent") is None
    assert remembered.dropped == []
    assert Remembered(None).texts("one") == []


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_a_failed_export_keeps_the_old_file_and_says_why(
    window, tmp_path, monkeypatch, suffix
):
    # Before: a PNG export over an existing file truncated it and reported
    # success; an SVG on a full disk left 0 bytes and said "wrote".
    import viz.files

    target = tmp_path / f"slide{suffix}"
    target.write_bytes(b"the old slide")

    if suffix in (".svg", ".pdf"):
        # QSvgGenerator and QPdfWriter write the file themselves: the disk
        # fills up under them.
        def full_disk(widget, temporary, info):
            temporary.write_bytes(b"half")
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(viz.files, f"_write_{suffix[1:]}", full_disk)
    else:
        # A PNG is encoded in memory, then its bytes written: that write fails.
        real_write_bytes = Path.write_bytes

        def half_written(self, data):
            real_write_bytes(self, data[:4])
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(Path, "write_bytes", half_written)
    assert not window.export_picture(window.explorer, target)
    assert target.read_bytes() == b"the old slide"
    assert os.listdir(tmp_path) == [target.name]
    message = window.statusBar().currentMessage()
    assert str(target) in message and ".tmp" not in message
    assert "No space left on device" in message


def test_a_problem_quoting_markup_shows_it_as_text(window, tmp_path, qtbot):
    path = tmp_path / "trap.json"
    path.write_text(
        "{\"format\": \"<a href='https://example.com'>Fix it</a><img src='x.png'>\"}",
        encoding="utf-8",
    )
    assert not window.load_session_from(path)
    box = window.findChild(QMessageBox, "problem_dialog")
    assert box is not None
    assert box.textFormat() == Qt.TextFormat.PlainText
    box.close()


def test_a_recent_file_that_no_longer_opens_leaves_the_list(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    kept, gone = tmp_path / "kept.json", tmp_path / "gone.json"
    window.save_session_to(kept)
    window.save_session_to(gone)
    gone.unlink()
    assert window.recent_files() == [str(gone.resolve()), str(kept.resolve())]
    window.recent_menu.actions()[0].trigger()
    assert window.recent_files() == [str(kept.resolve())]
    assert [a.text() for a in window.recent_menu.actions()] == [str(kept.resolve())]
    window.recent_menu.actions()[0].trigger()
    assert window.recent_files() == [str(kept.resolve())]
    for box in window.findChildren(QMessageBox):
        box.close()


def test_the_explanation_says_when_it_no_longer_describes_the_state(
    window, store, qtbot
):
    # Before: "About this example" changed only when a preset loaded, so after
    # a drag, Reset or a session it contradicted the readouts beside it.
    preset = window.preset("kl-asymmetry")
    window.apply_preset(preset)
    dock = window.explanation
    assert dock.is_current()
    store.update(p_weights=[0.9, 0.1])
    assert not dock.is_current()
    assert "Changed since the example was loaded" in dock.stale.text()
    window.actions_by_name["undo"].trigger()
    assert dock.is_current()  # back to the example's own state
    window.show_panel("binary")
    assert "explains the example on the Explorer page" in dock.stale.text()
    window.show_panel("explorer")
    assert dock.is_current()
    window.actions_by_name["reset"].trigger()
    assert not dock.is_current()
    dock.restore.click()
    assert dock.is_current() and store.scenario == preset.scenario
