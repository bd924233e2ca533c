"""The conventions of a finished desktop app: Help (keyboard sheet, tour, About),
Esc out of lecture mode, the icon, the desktop entry, the application's names and
a title that names the session and marks unsaved changes."""

from __future__ import annotations

import configparser
import importlib.metadata
import platform
import tomllib
from pathlib import Path

import numpy
import pyqtgraph
import PySide6
import pytest
from PySide6.QtCore import QPoint, QSettings, Qt, qVersion
from PySide6.QtGui import QAction, QGuiApplication, QImage, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QMenu,
)

from core.race import restart_race
from viz import MainWindow
from viz.application import DESKTOP_FILE_NAME, configure_application
from viz.help import TOUR_SETTING, action_label, shortcut_text
from viz.icon import ICON_SIZES, ICON_SVG, icon_png, render_svg
from viz.theme import LECTURE, NORMAL

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "assets"


def activate(qtbot, widget):
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


@pytest.fixture
def lecture(window, qtbot):
    """The window in lecture mode (full screen), active; normal again after."""
    window.set_lecture(True)
    activate(qtbot, window)
    yield window
    window.set_lecture(False)


def every_keyed_action(window):
    actions = set(window.actions())
    for menu in window.findChildren(QMenu):
        actions.update(a for a in menu.actions() if a.menu() is None)
    return [a for a in actions if not a.isSeparator() and shortcut_text(a)]


# the keyboard sheet ------------------------------------------------------------


def test_f1_opens_a_sheet_listing_every_action_that_has_a_key(window, qtbot):
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    sheet = window.help.keyboard_sheet
    assert sheet is not None
    qtbot.waitUntil(sheet.isVisible)
    listed = {
        (row.keys, row.what) for section in sheet.sections for row in section.rows
    }
    shown = sheet.text.toPlainText()
    actions = every_keyed_action(window)
    assert len(actions) >= 40  # the menus' keys, the presets' digits, F1, Esc
    for action in actions:
        assert (shortcut_text(action), action_label(action)) in listed
        assert shortcut_text(action) in shown and action_label(action) in shown
    titles = [section.title for section in sheet.sections]
    assert titles[:4] == ["File", "Edit", "View", "Presets"]
    assert {"F1", "Esc", "F11", "Ctrl+S", "3"} <= {k for k, _ in listed}


def test_the_sheet_follows_keys_added_or_changed_after_the_window_was_built(
    window, qtbot
):
    window.actions_by_name["pin"].setShortcut(QKeySequence("Ctrl+Alt+P"))
    extra = QAction("Jump to the answer", window)
    extra.setShortcut(QKeySequence("Ctrl+Alt+J"))
    window.addAction(extra)  # a shortcut in no menu
    sheet = window.help.show_keyboard_sheet()
    rows = {
        (row.keys, row.what, section.title)
        for section in sheet.sections
        for row in section.rows
    }
    pin = action_label(window.actions_by_name["pin"])
    assert ("Ctrl+Alt+P", pin, "Edit") in rows
    assert not any(keys == "Ctrl+G" for keys, _, _ in rows)
    assert ("Ctrl+Alt+J", "Jump to the answer", "Other keys") in rows


def test_labels_lose_their_mnemonics_and_ellipses():
    action = QAction("Save session &as…")
    assert action_label(action) == "Save session as"
    assert action_label(QAction("Salt && &pepper...")) == "Salt & pepper"


def test_help_dialogs_use_the_reading_size_of_the_mode(window, qtbot):
    screen = window.screen().availableGeometry()
    for on in (False, True):
        window.set_lecture(on, full_screen=False)
        expected = (LECTURE if on else NORMAL).explanation_font_px
        sheet = window.help.show_keyboard_sheet()
        about = window.help.show_about()
        tour = window.help.start_tour()
        assert sheet.text.font().pixelSize() == expected
        assert about.text.font().pixelSize() == expected
        assert tour.body.font().pixelSize() == expected
        for dialog in (sheet, about, tour):
            assert screen.contains(dialog.frameGeometry())
        # Never scrolled sideways; in normal type (at 1920×1080) not at all.
        assert sheet.text.horizontalScrollBar().maximum() == 0
        assert about.text.verticalScrollBar().maximum() == 0
        if not on:
            assert sheet.text.verticalScrollBar().maximum() == 0
        tour.reject()
    window.set_lecture(False, full_screen=False)


# About ------------------------------------------------------------------------


def test_about_names_the_version_licence_and_every_library(window, qtbot):
    window.actions_by_name["about"].trigger()
    about = window.help.about
    assert about is not None and about.isVisible()
    text = about.text.toPlainText()
    assert f"Version {importlib.metadata.version('entropy-lab')}" in text
    assert "Licence: MIT" in text
    for name, version in (
        ("Python", platform.python_version()),
        ("PySide6", PySide6.__version__),
        ("Qt", qVersion()),
        ("pyqtgraph", pyqtgraph.__version__),
        ("NumPy", numpy.__version__),
    ):
        assert f"{name}\n{version}" in text or f"{name}\t{version}" in text
    try:
        pillow = importlib.metadata.version("pillow")
    except importlib.metadata.PackageNotFoundError:
        assert "Pillow" not in text
    else:
        assert f"Pillow\n{pillow}" in text or f"Pillow\t{pillow}" in text
    assert not about.icon.pixmap().isNull()


# the tour ---------------------------------------------------------------------


def test_the_tour_shows_on_the_first_run_only(tmp_path, qtbot):
    path = str(tmp_path / "settings.ini")
    first = MainWindow(settings=QSettings(path, QSettings.Format.IniFormat))
    qtbot.addWidget(first)
    first.show()
    assert first.help.offer_first_run_tour()
    tour = first.help.tour
    assert tour is not None and tour.isVisible() and tour.index == 0
    first.close()
    again = MainWindow(settings=QSettings(path, QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    again.show()
    assert not again.help.offer_first_run_tour()
    assert again.help.tour is None
    # Reopened from the Help menu, from its first step.
    again.actions_by_name["tour"].trigger()
    assert again.help.tour is not None and again.help.tour.isVisible()
    assert again.help.tour.index == 0


def test_no_tour_without_settings_and_a_damaged_memory_shows_it_again(tmp_path, qtbot):
    window = MainWindow()  # tests and --export keep no settings
    qtbot.addWidget(window)
    assert not window.help.offer_first_run_tour()
    path = str(tmp_path / "settings.ini")
    settings = QSettings(path, QSettings.Format.IniFormat)
    settings.setValue(TOUR_SETTING, "not a number")
    settings.sync()
    damaged = MainWindow(settings=QSettings(path, QSettings.Format.IniFormat))
    qtbot.addWidget(damaged)
    damaged.show()
    assert damaged.help.offer_first_run_tour()


def test_the_tour_points_at_each_part_and_can_be_skipped(window, qtbot):
    window.show_panel("batch")
    tour = window.help.start_tour()
    assert window.current_panel() == "explorer"  # what the steps point at
    qtbot.waitUntil(tour.isVisible)
    titles = []
    for index in range(len(tour.steps)):
        assert tour.index == index
        titles.append(tour.heading.text())
        target = tour.steps[index].target()
        assert target is not None and not target.isEmpty()
        assert tour.spotlight.isVisible() and tour.spotlight.target == target
        assert window.rect().intersects(target)
        # The dialog never covers what the step points at, where there is room.
        dialog = tour.frameGeometry()
        pointed = target.translated(window.mapToGlobal(QPoint(0, 0)))
        if index in (0, 3, 4, 5):  # the controls column and the menus' titles
            assert not dialog.intersects(pointed)
        assert tour.back.isEnabled() == (index > 0)
        qtbot.mouseClick(tour.next, Qt.MouseButton.LeftButton)
    assert titles == [
        "The controls",
        "The readouts",
        "The plots",
        "Presets",
        "Lecture mode",
        "Help",
    ]
    assert not tour.isVisible() and not tour.spotlight.isVisible()
    # Skipped with Esc or the button, from any step.
    tour = window.help.start_tour()
    qtbot.mouseClick(tour.next, Qt.MouseButton.LeftButton)
    activate(qtbot, tour)
    qtbot.keyClick(tour, Qt.Key.Key_Escape)
    assert not tour.isVisible() and not tour.spotlight.isVisible()
    tour = window.help.start_tour()
    assert tour.index == 0
    qtbot.mouseClick(tour.skip, Qt.MouseButton.LeftButton)
    assert not tour.isVisible()


def test_a_step_whose_part_is_hidden_points_nowhere(window, qtbot):
    window.actions_by_name["toggle_controls"].trigger()  # Ctrl+6 hides the column
    tour = window.help.start_tour()
    assert tour.steps[0].target() is None
    assert not tour.spotlight.isVisible()
    assert tour.isVisible() and tour.heading.text() == "The controls"


def test_the_real_entry_point_shows_the_tour_once(tmp_path):
    import subprocess
    import sys

    environment = {
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path),
        "HOME": str(tmp_path),
        "PATH": "/usr/bin:/bin",
    }
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--quit-after-paint"],
            capture_output=True,
            text=True,
            timeout=120,
            env=environment,
            cwd=tmp_path,
        )
        assert done.returncode == 0, done.stderr
    # The settings live where every earlier version kept them.
    stored = QSettings(
        str(tmp_path / "Entropy Lab" / "Entropy Lab.conf"), QSettings.Format.IniFormat
    )
    assert stored.value(TOUR_SETTING) in (1, "1")


# Esc ----------------------------------------------------------------------------


def test_esc_leaves_lecture_mode_and_full_screen(lecture, qtbot):
    window = lecture
    assert (
        window.isFullScreen()
        and window.actions_by_name["leave_full_screen"].isEnabled()
    )
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.lecture and not window.isFullScreen()
    assert not window.actions_by_name["lecture"].isChecked()
    assert not window.actions_by_name["leave_full_screen"].isEnabled()
    window.showFullScreen()  # full screen alone (a window manager's key)
    qtbot.waitUntil(lambda: window.actions_by_name["leave_full_screen"].isEnabled())
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isFullScreen()


@pytest.mark.qt_log_ignore("does not support grabbing the keyboard")
def test_esc_is_left_to_dialogs_typed_values_menus_and_cell_editors(
    lecture, explorer, qtbot
):
    window = lecture

    def still_lecturing():
        return window.lecture and window.isFullScreen()

    # A dialog: Esc closes it, and only it.
    for show in (window.help.show_keyboard_sheet, window.help.show_about):
        dialog = show()
        activate(qtbot, dialog)
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible() and still_lecturing()
    activate(qtbot, window)
    # A value being typed: Esc cancels the value.
    label = explorer.controls.loss.temperature_value
    qtbot.mouseDClick(label, Qt.MouseButton.LeftButton)
    field = label.parentWidget().findChild(QLineEdit, f"{label.objectName()}_entry")
    assert field is not None
    qtbot.waitUntil(field.hasFocus)
    field.setText("3")
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert not field.isVisible() and still_lecturing()
    assert window.store.scenario.temperature == 1.0
    # An open menu: Esc closes the menu.
    menu = window.findChild(QMenu, "help_menu")
    menu.popup(window.mapToGlobal(QPoint(40, 40)))
    qtbot.waitUntil(menu.isVisible)
    qtbot.keyClick(menu, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not menu.isVisible())
    assert still_lecturing()
    # A table cell being edited: Esc ends the edit.
    window.show_panel("batch")
    table = window.current_page().table
    index = table.model().index(0, 1)
    table.setCurrentIndex(index)
    table.edit(index)
    qtbot.waitUntil(lambda: table.state() == QAbstractItemView.State.EditingState)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not table
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)
    assert still_lecturing()
    # A spin box does nothing with Esc: there it leaves lecture mode.
    window.show_panel("explorer")
    spin = explorer.controls.count.spin
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    qtbot.keyClick(spin, Qt.Key.Key_Escape)
    assert not window.lecture and not window.isFullScreen()


# the icon, the desktop entry, the application's names --------------------------------


@pytest.mark.parametrize("size", ICON_SIZES)
def test_each_icon_png_is_square_of_its_size_and_matches_the_svg(size, qapp):
    image = QImage(str(ASSETS / icon_png(size)))
    assert not image.isNull()
    assert (image.width(), image.height()) == (size, size)
    drawn = render_svg((ASSETS / ICON_SVG).read_bytes(), size)
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    drawn = drawn.convertToFormat(QImage.Format.Format_ARGB32)
    # Every pixel's channels, compared: the PNG was rendered from this SVG.
    difference = numpy.abs(_pixels(image) - _pixels(drawn))
    assert difference.mean() < 2.0  # of 255: another renderer may round otherwise
    assert numpy.percentile(difference, 99) < 40


def _pixels(image):
    data = numpy.frombuffer(image.constBits(), dtype=numpy.uint8)
    return data.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4]


def test_the_svg_is_a_square_high_contrast_drawing(qapp):
    image = render_svg((ASSETS / ICON_SVG).read_bytes(), 64)
    colours = {image.pixelColor(x, y).name() for x in range(64) for y in range(64)}
    assert {"#000000", "#ffffff", "#0072b2", "#d55e00"} <= colours
    with pytest.raises(ValueError, match="svg"):
        render_svg(b"<not an svg", 16)


def test_the_window_and_the_application_have_the_icon(window, qapp):
    sizes = {size.width() for size in window.windowIcon().availableSizes()}
    assert set(ICON_SIZES) <= sizes
    before = (
        qapp.organizationName(),
        qapp.applicationName(),
        QGuiApplication.desktopFileName(),
        qapp.applicationVersion(),
        QGuiApplication.windowIcon(),
    )
    try:
        configure_application(qapp)
        assert qapp.organizationName() == "Entropy Lab"  # where settings already are
        assert qapp.applicationName() == "Entropy Lab"
        assert qapp.organizationDomain() == ""  # would move them on macOS
        assert QGuiApplication.desktopFileName() == "entropy-lab"
        assert qapp.applicationVersion() == importlib.metadata.version("entropy-lab")
        assert set(ICON_SIZES) <= {
            s.width() for s in QGuiApplication.windowIcon().availableSizes()
        }
    finally:
        qapp.setOrganizationName(before[0])
        qapp.setApplicationName(before[1])
        QGuiApplication.setDesktopFileName(before[2])
        qapp.setApplicationVersion(before[3])
        QGuiApplication.setWindowIcon(before[4])


def test_the_desktop_entry_starts_the_installed_command_with_the_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(ASSETS / "entropy-lab.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"][
        "scripts"
    ]
    assert desktop["Type"] == "Application"
    assert desktop["Name"] == "Entropy Lab"
    assert desktop["Exec"].split()[0] in scripts
    assert desktop["TryExec"] in scripts
    # The icon's name is the entry's: a theme finds entropy-lab.png for both.
    assert desktop["Icon"] == DESKTOP_FILE_NAME
    assert desktop["Terminal"] == "false"
    categories = desktop["Categories"].rstrip(";").split(";")
    assert "Education" in categories and "Science" in categories
    for key in ("Categories", "Keywords"):
        assert desktop[key].endswith(";")


# the title ----------------------------------------------------------------------


def test_the_title_names_the_session_and_marks_changes_until_saved(
    window, store, qtbot, tmp_path
):
    assert window.windowTitle() == "Entropy Lab" and not window.isWindowModified()
    store.update(temperature=2.0)  # no file yet: nothing to mark
    assert not window.isWindowModified()
    path = tmp_path / "week 3.json"
    assert window.save_session_to(path)
    assert window.windowTitle() == "week 3.json[*] — Entropy Lab"
    assert not window.isWindowModified()
    store.update(temperature=3.0)
    assert window.isWindowModified()
    window.undo()  # back to what the file holds
    assert not window.isWindowModified()
    window.stores["race"].set_state(restart_race(window.stores["race"].state, z0=-4.0))
    assert window.isWindowModified()  # another page's state is in the file too
    window.actions_by_name["save"].trigger()  # Ctrl+S: the same file
    assert not window.isWindowModified()
    store.update(temperature=0.5)
    other = tmp_path / "other.json"
    assert window.save_session_to(other)
    store.update(temperature=4.0)
    assert window.isWindowModified()
    assert window.load_session_from(path)
    assert window.windowTitle() == "week 3.json[*] — Entropy Lab"
    assert not window.isWindowModified()
    # A file that does not open changes neither the state nor the title.
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    store.update(temperature=5.0)
    assert not window.load_session_from(broken)
    assert window.windowTitle() == "week 3.json[*] — Entropy Lab"
    assert window.isWindowModified()


def test_opening_a_session_on_an_animated_page_is_not_a_change(
    window, store, qtbot, tmp_path
):
    # The animated pages run a little, the training page (which restarts
    # from the explorer when shown) on show.
    for panel in ("fitting", "training"):
        window.show_panel(panel)
        window.single_step()
    path = tmp_path / "pages.json"
    assert window.save_session_to(path)
    fresh = MainWindow()
    qtbot.addWidget(fresh)
    fresh.resize(1280, 800)
    fresh.show()
    assert fresh.load_session_from(path)
    qtbot.waitUntil(lambda: not fresh.store.pending)
    assert fresh.current_panel() == "training"
    assert not fresh.isWindowModified()


def test_a_file_name_with_the_placeholder_shows_as_itself(window, tmp_path):
    path = tmp_path / "a[*]b.json"
    assert window.save_session_to(path)
    assert window.windowTitle() == "a[*][*]b.json[*] — Entropy Lab"
