"""The extra pages inside the real window: tabs, names, keys, presets, sessions."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QComboBox,
    QLabel,
    QScrollBar,
    QTableWidget,
)

from core.session import PANEL_SETTINGS, SessionError, panel_settings, parse_session
from core.session import session_to_json as session_json
from viz.pages import build_pages
from viz.pages.common import frame_interval_ms, number_text

PAGES = ("binary", "training", "fitting", "batch")


def test_build_pages_gives_the_four_panels_in_order(store, qtbot):
    pages = build_pages(store)
    for _, _, factory in pages:
        qtbot.addWidget(factory())
    assert [panel for panel, _, _ in pages] == list(PAGES)
    assert all(title for _, title, _ in pages)


def test_pages_are_built_when_first_shown(window):
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
    assert window.tabs.count() == 5
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
        *page.findChildren(QTableWidget),
    ]
    # Scroll bars and table corners belong to Qt's own widgets.
    controls = [
        c
        for c in controls
        if not isinstance(c, QScrollBar)
        and c.metaObject().className() != "QTableCornerButton"
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
    }[panel]
    assert expected <= names
    readouts = [label for label in page.findChildren(QLabel) if label.objectName()]
    for label in readouts:
        assert label.accessibleName(), label.objectName()


@pytest.mark.parametrize("panel", ["binary", "training", "fitting"])
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
    for panel in ("binary", "training", "fitting"):
        window.show_panel(panel)
        window.pages[panel].toggle_play()
    window.show_panel("batch")
    for panel in ("binary", "training", "fitting"):
        assert not window.pages[panel].timer.isActive()


@pytest.mark.parametrize(
    "preset_id",
    [
        "sigmoid-squared-error-vs-cross-entropy",
        "mode-covering-vs-mode-seeking",
        "pytorch-batch",
        "training-the-logits",
    ],
)
def test_presets_open_their_page_with_their_settings(window, preset_id):
    preset = window.preset(preset_id)
    window.apply_preset(preset)
    assert window.current_panel() == preset.panel
    page = window.pages[preset.panel]
    settings = page.settings()
    for key, value in preset.settings.items():
        assert settings[key] == value
    assert "Try next" in window.explanation.text.text()


@pytest.mark.parametrize("panel", PAGES)
def test_sessions_round_trip_each_pages_settings(window, panel, tmp_path):
    window.show_panel(panel)
    page = window.pages[panel]
    changed = {
        "binary": {"z0": -3.5, "y": 0.0, "learning_rate": 0.25},
        "training": {"learning_rate": 0.125},
        "fitting": {
            "direction": "reverse",
            "seed": 4,
            "position_1": 10.5,
            "position_2": 50.0,
            "width_1": 3.0,
            "width_2": 6.5,
            "height_1": 0.4,
            "height_2": 1.0,
        },
        "batch": {"logits": ((1.0, -1.0), (0.5, 2.0), (0.0, 0.0)), "labels": (1, 0, 1)},
    }[panel]
    page.apply_settings(changed)
    view = window.view_state()
    assert view == {"panel": panel, "settings": changed}
    assert set(changed) <= set(PANEL_SETTINGS[panel])
    path = tmp_path / "session.json"
    assert window.save_session_to(path)
    page.apply_settings({})
    assert page.settings() != changed
    window.show_panel("explorer")
    assert window.load_session_from(path)
    assert window.current_panel() == panel
    assert page.settings() == changed
    _, loaded = parse_session(session_json(window.store.scenario, view))
    assert loaded["settings"] == changed


@pytest.mark.parametrize(
    ("panel", "settings", "message"),
    [
        ("binary", {"y": 0.5}, "settings.y must be 0 or 1, got 0.5"),
        ("binary", {"y": 2}, "settings.y must lie in [0, 1], got 2"),
        ("binary", {"learning_rate": 0}, "settings.learning_rate must lie in"),
        ("fitting", {"seed": -1}, "settings.seed must lie in [0, 2147483647], got -1"),
        ("fitting", {"seed": 1.5}, "settings.seed must be an integer, got 1.5"),
        ("fitting", {"seed": True}, "settings.seed must be an integer, got true"),
        ("fitting", {"direction": "up"}, 'must be one of "forward", "reverse", "both"'),
    ],
)
def test_new_settings_are_checked_strictly(panel, settings, message):
    with pytest.raises(SessionError) as caught:
        panel_settings(panel, settings)
    assert message in str(caught.value)


def test_new_settings_that_are_accepted():
    assert panel_settings("fitting", {"direction": "both", "seed": 0}) == {
        "direction": "both",
        "seed": 0,
    }
    assert panel_settings("binary", {"y": 0, "learning_rate": 10}) == {
        "y": 0.0,
        "learning_rate": 10.0,
    }


def test_number_text_never_says_nan():
    assert number_text(float("nan")) == "—"
    assert number_text(float("inf")) == "∞"
    assert number_text(float("-inf")) == "−∞"
    assert number_text(-0.9997) == "−0.9997"
    assert number_text(4.54e-5) == "4.540×10⁻⁵"
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
