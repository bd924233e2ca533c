"""The extra pages inside the real window: tabs, names, keys, presets, sessions."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QComboBox,
    QGroupBox,
    QLabel,
    QScrollBar,
    QTableView,
)
from window_reuse import EVERY_LAB_PAGE

from core.kl_fits import peaks, start_fits
from core.race import start_race
from core.ranges import RACE_Z0
from core.session import parse_session
from viz.pages import KIND_OF_PANEL
from viz.pages import PAGES as PAGE_SPECS
from viz.pages.common import AnimatedPage, Page, frame_interval_ms, number_text

PAGES = ("binary", "training", "fitting", "batch", "sampling", "codes", "next_token")
#: The pages that play an animation (Space, ".", a run as one undo step).
ANIMATED = ("binary", "training", "fitting", "sampling", "codes")


#: Built before the shared window is handed out (tests/window_reuse.py).
SHARED_WINDOW_PAGES = EVERY_LAB_PAGE


def test_the_page_registry_gives_every_page_a_state_kind_in_tab_order():
    assert [spec.panel for spec in PAGE_SPECS] == ["explorer", *PAGES]
    assert [spec.kind for spec in PAGE_SPECS] == [
        "scenario",
        "race",
        "trainings",
        "fits",
        "batch",
        "sampling",
        "codes",
        "next_token",
    ]
    assert all(spec.title for spec in PAGE_SPECS)


def test_every_page_is_a_typed_page_with_its_own_store(window):
    for panel in ["explorer", *PAGES]:
        page = window.pages[panel]
        assert isinstance(page, Page)
        assert page.store is window.stores[KIND_OF_PANEL[panel]]
    for panel in ANIMATED:
        assert isinstance(window.pages[panel], AnimatedPage)


def test_pages_are_built_when_first_shown(fresh_window):
    window = fresh_window
    assert list(window.pages.built()) == ["explorer"]
    window.show_panel("fitting")
    assert list(window.pages.built()) == ["explorer", "fitting"]
    page = window.pages.built()["fitting"]
    assert page.isVisible() and window.current_page() is page
    # Looking a page up builds it too, once; the tab on show stays.
    batch = window.pages["batch"]
    assert window.pages["batch"] is batch and window.current_panel() == "fitting"
    assert set(window.pages.built()) == {"explorer", "fitting", "batch"}


def test_the_window_has_a_tab_per_page(window):
    assert list(window.pages) == ["explorer", *PAGES]
    assert window.tabs.count() == len(PAGES) + 1
    for panel in PAGES:
        window.show_panel(panel)
        assert window.current_panel() == panel


@pytest.mark.parametrize("panel", PAGES)
def test_every_control_and_readout_has_stable_names(window, panel):
    page = window.pages[panel]
    controls = [
        *page.findChildren(QAbstractButton),
        *page.findChildren(QAbstractSlider),
        *page.findChildren(QComboBox),
        *page.findChildren(QTableView),
    ]
    # Scroll bars and table corners belong to Qt's own widgets.
    controls = [
        c
        for c in controls
        if not isinstance(c, QScrollBar)
        and c.metaObject().className() != "QTableCornerButton"
        and c.objectName() != "qt_scrollarea_viewport"
    ]
    assert controls
    for control in controls:
        assert control.objectName().startswith(f"{panel}_"), control
        assert control.accessibleName(), control.objectName()
    names = {c.objectName() for c in controls}
    expected = {
        "binary": {"binary_play_button", "binary_step_button", "binary_lr_slider"},
        "training": {"training_play_button", "training_lr_slider"},
        "fitting": {"fitting_restart_button", "fitting_play_button"},
        "batch": {"batch_table", "batch_reset_button"},
        "sampling": {"sampling_play_button", "sampling_rate_combo"},
        "codes": {"codes_play_button", "codes_tree_combo", "codes_table"},
        "next_token": {"next_token_p_open", "next_token_p_temperature_slider"},
    }[panel]
    assert expected <= names
    readouts = [label for label in page.findChildren(QLabel) if label.objectName()]
    for label in readouts:
        assert label.accessibleName(), label.objectName()


@pytest.mark.parametrize("panel", ANIMATED)
def test_space_and_dot_reach_the_page_on_show(window, panel):
    window.show_panel(panel)
    page = window.pages[panel]
    window.actions_by_name["step"].trigger()
    assert page.step == 1
    window.actions_by_name["play"].trigger()
    assert page.playing and page.timer.isActive()
    window.actions_by_name["play"].trigger()
    assert not page.playing and not page.timer.isActive()


def test_only_the_page_on_show_animates(window):
    for panel in ANIMATED:
        window.show_panel(panel)
        window.pages[panel].toggle_play()
    window.show_panel("batch")
    for panel in ANIMATED:
        assert not window.pages[panel].timer.isActive()


def test_undo_acts_on_the_page_on_show(window, qtbot):
    # Before: Ctrl+Z on the Batch page silently undid an explorer change that
    # was not on screen, and the batch edit itself could not be undone.
    window.store.update(temperature=3.0)
    window.show_panel("batch")
    batch = window.stores["batch"]
    page = window.pages["batch"]
    page.model.setData(page.model.index(0, 0), "2.5")
    assert batch.state.logits[0, 0] == 2.5
    window.actions_by_name["undo"].trigger()
    assert batch.state.logits[0, 0] != 2.5
    assert window.store.scenario.temperature == 3.0  # the explorer is untouched
    assert not window.actions_by_name["undo"].isEnabled()
    window.show_panel("explorer")
    assert window.actions_by_name["undo"].isEnabled()
    window.actions_by_name["undo"].trigger()
    assert window.store.scenario.temperature == 1.0


@pytest.mark.parametrize("panel", ANIMATED)
def test_an_animation_run_is_one_undo_step(window, qtbot, panel):
    window.show_panel(panel)
    store = window.stores[KIND_OF_PANEL[panel]]
    before = store.state
    window.actions_by_name["play"].trigger()
    qtbot.waitUntil(lambda: store.state.step >= 3, timeout=10_000)
    window.actions_by_name["play"].trigger()
    assert store.state.step >= 3
    window.actions_by_name["undo"].trigger()
    assert store.state == before
    window.actions_by_name["redo"].trigger()
    assert store.state.step >= 3


@pytest.mark.parametrize("load", ["preset", "session"])
@pytest.mark.parametrize("panel", ANIMATED)
def test_a_run_left_on_a_hidden_page_ends_before_a_preset_or_session_loads(
    window, qtbot, tmp_path, panel, load
):
    # Before: the run's undo step stayed open on the hidden page; the loaded
    # state went into it and played on when the page was shown, and Undo
    # went back to before the run, losing its end.
    path = tmp_path / "session.json"
    assert window.save_session_to(path)
    page, store = window.pages[panel], window.stores[KIND_OF_PANEL[panel]]
    window.show_panel(panel)
    window.actions_by_name["play"].trigger()
    qtbot.waitUntil(lambda: store.state.step >= 3, timeout=10_000)
    window.show_panel("batch")
    run_end = store.state
    if load == "preset":
        preset = next(p for p in window.presets if p.page == KIND_OF_PANEL[panel])
        window.apply_preset(preset)
    else:
        assert window.load_session_from(path)
    assert not page.playing
    loaded = store.state
    window.show_panel(panel)
    qtbot.wait(frame_interval_ms(page) * 3)  # a few frames, were it playing
    assert store.state == loaded
    window.actions_by_name["undo"].trigger()
    assert store.state == run_end


@pytest.mark.parametrize("panel", ["training", "sampling", "codes"])
def test_an_undone_restart_stays_undone_when_the_page_is_shown_again(
    window, qtbot, panel
):
    # Before: the page compared its run with the explorer on every show, and
    # restarted a run that Ctrl+Z had brought back (Redo gone).
    page, store = window.pages[panel], window.stores[KIND_OF_PANEL[panel]]
    window.show_panel(panel)
    page.step_once()  # a run of the user's (a first run untouched is replaced)
    first_run = store.state
    window.show_panel("explorer")
    if panel == "training":
        window.store.update(temperature=2.0)  # what the trainings start from
    else:
        window.store.update(p_weights=np.array([0.7, 0.1, 0.1, 0.1]))
    window.show_panel(panel)
    # The explorer's new P is followed once derived (on the next pass).
    qtbot.waitUntil(lambda: store.state != first_run, timeout=5_000)
    window.actions_by_name["undo"].trigger()
    assert store.state == first_run
    window.show_panel("explorer")
    window.show_panel(panel)
    assert store.state == first_run and store.can_redo
    source = page.findChild(
        QLabel, "training_start" if panel == "training" else f"{panel}_source"
    )
    qtbot.waitUntil(lambda: store.results_state is store.state, timeout=5_000)
    assert "earlier" in source.text()  # not the explorer's P and Q: says so
    title = source.parentWidget()
    while not isinstance(title, QGroupBox):
        title = title.parentWidget()
    assert "earlier" in title.title()  # and so does the title over it
    page.reset()  # reads the explorer again
    assert store.state != first_run
    qtbot.waitUntil(lambda: store.results_state is store.state, timeout=5_000)
    assert "earlier" not in source.text() and "earlier" not in title.title()


@pytest.mark.parametrize(
    "panel, box",
    [
        ("sampling", "sampling_seed_spin"),
        ("codes", "codes_seed_spin"),
        ("explorer", "k_spin"),
    ],
)
def test_ctrl_z_in_a_spin_box_undoes_the_page_s_change(window, qtbot, panel, box):
    # The box's line edit kept Ctrl+Z for its own text: nothing happened,
    # while Edit → Undo worked.
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractSpinBox, QApplication

    window.show_panel(panel)
    store = window.stores[KIND_OF_PANEL[panel]]
    spin = window.pages[panel].findChild(QAbstractSpinBox, box)
    window.activateWindow()
    spin.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() in (spin, spin.lineEdit()))
    before = store.state
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    assert store.state != before
    qtbot.keyClick(spin, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.state == before
    shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(spin, Qt.Key.Key_Z, shift)
    assert store.state != before


@pytest.mark.parametrize(
    "panel, slider",
    [("binary", "binary_lr_slider"), ("training", "training_lr_slider")],
)
def test_a_drag_away_and_back_changes_nothing_and_is_no_step(window, panel, slider):
    # The default learning rates lie between two steps of their sliders: a
    # drag away and back made 0.5 into 0.5012, and left an undo step.
    window.show_panel(panel)
    store = window.stores[KIND_OF_PANEL[panel]]
    handle = window.pages[panel].findChild(QAbstractSlider, slider)
    before, could_undo = store.state, store.can_undo
    start = handle.value()
    handle.setSliderDown(True)
    handle.setValue(start + 50)
    assert store.state != before
    handle.setValue(start)
    handle.setSliderDown(False)
    assert store.state == before
    assert store.can_undo == could_undo
    assert window.actions_by_name["undo"].isEnabled() == could_undo


def test_resetting_the_explorer_from_another_page_shows_it(window):
    # Ctrl+Backspace on another page reset the explorer out of sight, where
    # the page's Ctrl+Z could not undo it.
    window.store.update(temperature=3.0)
    window.show_panel("binary")
    window.actions_by_name["reset"].trigger()
    assert window.current_panel() == "explorer"
    assert window.store.scenario.temperature == 1.0
    assert window.statusBar().currentMessage()
    window.actions_by_name["undo"].trigger()
    assert window.store.scenario.temperature == 3.0


def test_space_on_a_page_without_animation_says_so(window):
    window.show_panel("batch")
    window.actions_by_name["play"].trigger()
    assert "Nothing to play" in window.statusBar().currentMessage()
    window.show_panel("explorer")
    window.actions_by_name["step"].trigger()
    assert "Nothing to play" in window.statusBar().currentMessage()


@pytest.mark.parametrize(
    "preset_id",
    [
        "sigmoid-squared-error-vs-cross-entropy",
        "mode-covering-vs-mode-seeking",
        "pytorch-batch",
        "training-the-logits",
        "sampling-average-information",
        "huffman-of-q-misses-cross-entropy",
    ],
)
def test_presets_open_their_page_with_its_state(window, preset_id):
    preset = window.preset(preset_id)
    window.apply_preset(preset)
    assert KIND_OF_PANEL[window.current_panel()] == preset.page
    if preset.state is not None:
        assert window.stores[preset.page].state == preset.state
    assert "Try next" in window.explanation.text.text()
    assert window.explanation.is_current()


def test_a_page_preset_says_when_it_changed_the_explorer_too(window):
    # Every preset carries a scenario: a page's preset replaced the
    # explorer's out of sight, and the page's Ctrl+Z did not put it back.
    window.store.update(temperature=3.0)
    preset = window.preset("sampling-average-information")
    window.apply_preset(preset)
    said = window.statusBar().currentMessage()
    assert "Explorer" in said and "Ctrl+Z" in said
    window.apply_preset(preset)  # the explorer holds it already: nothing to say
    assert "Explorer" not in window.statusBar().currentMessage()
    window.show_panel("explorer")
    window.actions_by_name["undo"].trigger()
    assert window.store.scenario.temperature == 3.0


def test_sessions_keep_every_pages_state(window, tmp_path, qtbot):
    race = window.stores["race"]
    fits = window.stores["fits"]
    race.set_state(start_race(-3.5, 0, 0.25))
    fits.set_state(start_fits(peaks(position_1=10.5, width_2=6.5), 4, "reverse"))
    window.show_panel("fitting")
    saved = (race.state, fits.state, window.stores["batch"].state)
    path = tmp_path / "session.json"
    assert window.save_session_to(path)
    race.set_state(start_race())
    fits.set_state(start_fits())
    window.show_panel("explorer")
    assert window.load_session_from(path)
    assert window.current_panel() == "fitting"
    assert (race.state, fits.state, window.stores["batch"].state) == saved
    session = parse_session(path.read_text(encoding="utf-8"))
    assert session.view == {"page": "fits"}
    assert set(session.pages) == set(window.stores) - {"scenario"}
    assert {"race", "trainings", "fits", "batch", "sampling", "codes"} <= set(
        session.pages
    )


def test_a_session_with_a_view_the_window_cannot_show_changes_nothing(window, tmp_path):
    path = tmp_path / "session.json"
    assert window.save_session_to(path)
    text = path.read_text(encoding="utf-8").replace('"page": "scenario"', '"page": "x"')
    path.write_text(text, encoding="utf-8")
    before = {kind: store.state for kind, store in window.stores.items()}
    assert not window.load_session_from(path)
    assert {kind: store.state for kind, store in window.stores.items()} == before
    assert "view.page must be one of" in window.statusBar().currentMessage()


def test_a_slider_shows_every_value_its_state_can_hold(window):
    # Before: a session with z₀ = 30 loaded; the page computed at 30 while
    # its slider sat at 10 and the marker was off the plot. The range is
    # defined once (core.ranges) and the slider is built from it.
    window.show_panel("binary")
    slider = window.pages["binary"].z_control.slider
    assert slider.scale.low == RACE_Z0.low and slider.scale.high == RACE_Z0.high
    with pytest.raises(ValueError, match="z0 must lie in"):
        start_race(30.0)


def test_number_text_never_says_nan():
    assert number_text(float("nan")) == "—"
    assert number_text(float("inf")) == "∞"
    assert number_text(float("-inf")) == "−∞"
    assert number_text(-0.9997) == "−0.9997"
    assert number_text(4.54e-5) == "4.540×10⁻⁵"
    assert number_text(0.00067) == "6.700×10⁻⁴"
    assert number_text(0.0) == "0"


def test_the_frame_interval_is_at_least_one_refresh(window):
    interval = frame_interval_ms(window)
    assert interval >= 16
    refresh = window.screen().refreshRate()
    if refresh > 0:
        assert interval >= 1000 / refresh


def test_lecture_type_enlarges_readouts_and_never_cuts_a_button(window, qtbot):
    window.show_panel("binary")
    page = window.pages["binary"]
    readout = page.gradient_readouts["cross_entropy"]
    normal = readout.scale * 13  # the normal theme's 13 px font
    window.set_lecture(True, full_screen=False)
    try:
        lecture = readout.scale * 18
        assert readout.styleSheet().startswith(f"font-size: {round(lecture)}px")
        qtbot.waitUntil(lambda: page.column.minimumWidth() > 300)
        for button in page.column.findChildren(QAbstractButton):
            assert button.width() >= button.minimumSizeHint().width(), button
    finally:
        window.set_lecture(False, full_screen=False)
    assert readout.styleSheet().startswith(f"font-size: {round(normal)}px")


@pytest.mark.parametrize("lecture", [False, True])
def test_no_page_makes_the_window_wider_than_a_laptop(window, lecture):
    window.set_lecture(lecture, full_screen=False)
    try:
        for panel in PAGES:
            assert window.pages[panel].minimumSizeHint().width() <= 1024, panel
        assert window.minimumSizeHint().width() <= 1280
    finally:
        window.set_lecture(False, full_screen=False)


def test_every_lab_page_of_the_shared_windows_is_every_page_but_the_explorer():
    assert tuple(s.panel for s in PAGE_SPECS if s.panel != "explorer") == EVERY_LAB_PAGE
