"""The Help menu's dialogs: the keyboard sheet (F1) and About.

The keyboard sheet is read from the window's own menus and actions when it
opens, so a new shortcut appears in it without anyone editing a list, and a
changed one can never be shown with its old key. Both dialogs use the
explanation's type size: 24 px in lecture mode, readable from the back row.
"""

from __future__ import annotations

import contextlib
import html
import itertools
import math
import platform
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy
import pyqtgraph
import PySide6
from PySide6.QtCore import QCoreApplication, QObject, QSize, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QMenu,
    QStyle,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from viz import appearance
from viz.application import DISTRIBUTION, application_version
from viz.icon import application_icon
from viz.tour import Tour, window_tour

if TYPE_CHECKING:
    from viz.window import MainWindow


translate = QCoreApplication.translate


@dataclass(frozen=True)
class KeyRow:
    """One line of the keyboard sheet: the keys, and what they do."""

    keys: str
    what: str


@dataclass(frozen=True)
class KeySection:
    """The keys of one menu (or of the controls), under its title."""

    title: str
    rows: tuple[KeyRow, ...]


def shortcut_text(action: QAction) -> str:
    """Every key of ``action`` as the platform writes it ("Ctrl+S"), or ""."""
    keys = [
        shortcut.toString(QKeySequence.SequenceFormat.NativeText)
        for shortcut in action.shortcuts()
        if not shortcut.isEmpty()
    ]
    return ", ".join(keys)


def action_label(action: QAction) -> str:
    """An action's menu text without its mnemonic (&) or trailing ellipsis."""
    text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.removesuffix("…").removesuffix("...").strip()


def _menu_actions(menu: QMenu) -> Iterable[QAction]:
    """The actions of ``menu`` and of its submenus, in menu order."""
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            yield from _menu_actions(submenu)
        elif not action.isSeparator():
            yield action


def keyboard_sections(window: QMainWindow) -> list[KeySection]:
    """Every action of ``window`` that has a key, by menu, then the rest.

    An action in no menu but added to the window (a shortcut only) is listed
    under "Other keys"; the keys the controls themselves take, which are no
    action, close the sheet.
    """
    sections = []
    seen: set[QAction] = set()
    for entry in window.menuBar().actions():
        menu = entry.menu()
        if not isinstance(menu, QMenu):
            continue
        rows = []
        for action in _menu_actions(menu):
            seen.add(action)
            keys = shortcut_text(action)
            if keys:
                rows.append(KeyRow(keys, action_label(action)))
        if rows:
            sections.append(KeySection(action_label(entry), tuple(rows)))
    others = [
        KeyRow(shortcut_text(action), action_label(action))
        for action in window.actions()
        if action not in seen and shortcut_text(action)
    ]
    if others:
        sections.append(KeySection(translate("Help", "Other keys"), tuple(others)))
    sections.append(control_keys())
    return sections


def control_keys() -> KeySection:
    """Keys that the focused control takes itself (no menu has them)."""
    return KeySection(
        translate("Help", "In the controls"),
        (
            KeyRow(
                translate("Help", "Double-click a number, F2"),
                translate("Help", "Type a value exactly"),
            ),
            KeyRow(
                translate("Help", "Enter / Esc"),
                translate("Help", "Take / cancel a typed value"),
            ),
            KeyRow(
                translate("Help", "Arrows"),
                translate("Help", "Nudge the focused slider"),
            ),
            KeyRow(
                translate("Help", "Tab / Shift+Tab"),
                translate("Help", "The next / previous control"),
            ),
        ),
    )


def _section_html(section: KeySection) -> str:
    rows = "".join(
        f"<tr><td style='padding: 2px 18px 2px 0; white-space: nowrap'>"
        f"<b>{html.escape(row.keys)}</b></td>"
        f"<td style='padding: 2px 0; white-space: nowrap'>"
        f"{html.escape(row.what)}</td></tr>"
        for row in section.rows
    )
    return (
        f"<h3 style='margin: 10px 0 4px 0'>{html.escape(section.title)}</h3>"
        f"<table cellspacing='0'>{rows}</table>"
    )


def _balanced_columns(
    sections: Sequence[KeySection], columns: int
) -> list[list[KeySection]]:
    """Consecutive sections in at most ``columns`` columns, the longest shortest."""
    if not sections:
        return []
    lengths = [len(section.rows) + 2 for section in sections]  # + the heading
    count = min(columns, len(sections))
    best: tuple[int, ...] = ()
    best_height = math.inf
    for cuts in itertools.combinations(range(1, len(sections)), count - 1):
        bounds = (0, *cuts, len(sections))
        height = max(sum(lengths[a:b]) for a, b in itertools.pairwise(bounds))
        if height < best_height:
            best, best_height = bounds, height
    return [list(sections[a:b]) for a, b in itertools.pairwise(best)]


def keyboard_sheet_html(sections: Sequence[KeySection], columns: int = 2) -> str:
    """The sheet as rich text: the sections in ``columns`` columns."""
    cells = "".join(
        "<td valign='top' style='padding-right: 36px'>"
        + "".join(_section_html(section) for section in column)
        + "</td>"
        for column in _balanced_columns(sections, columns)
    )
    return f"<table cellspacing='0'><tr>{cells}</tr></table>"


def library_versions() -> list[tuple[str, str]]:
    """(name, version) of Python and of every library the app runs on."""
    versions = [
        ("Python", platform.python_version()),
        ("PySide6", PySide6.__version__),
        ("Qt", qVersion()),
        ("pyqtgraph", str(pyqtgraph.__version__)),
        ("NumPy", numpy.__version__),
    ]
    import importlib.metadata  # here: a start-up need not pay 25 ms for it

    # Optional: only the animation export needs it.
    with contextlib.suppress(importlib.metadata.PackageNotFoundError):
        versions.append(("Pillow", importlib.metadata.version("pillow")))
    return versions


def licence() -> str:
    """The licence the installed distribution declares ("MIT")."""
    import importlib.metadata

    try:
        metadata = importlib.metadata.metadata(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return "MIT"  # pyproject.toml's, when run from a checkout never installed
    for field in ("License-Expression", "License"):
        # get_all, not []: a missing field is None, without a warning.
        values = metadata.get_all(field)
        if values:
            return str(values[0])
    return "MIT"


def about_html() -> str:
    """The About text: what the app is, its version and licence, its libraries."""
    version = application_version()
    rows = "".join(
        f"<tr><td style='padding: 1px 18px 1px 0'>{html.escape(name)}</td>"
        f"<td>{html.escape(number)}</td></tr>"
        for name, number in library_versions()
    )
    summary = translate(
        "Help",
        "Move sliders and watch entropy, KL divergence, cross-entropy and "
        "softmax losses respond live.",
    )
    lines = (
        translate("Help", "Version {version}").format(version=version),
        summary,
        translate("Help", "Licence: {licence}").format(licence=licence()),
    )
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    name = html.escape(translate("Help", "Entropy Lab"))
    running_on = html.escape(translate("Help", "Running on"))
    return (
        f"<h2>{name}</h2>{paragraphs}<h3>{running_on}</h3>"
        f"<table cellspacing='0'>{rows}</table>"
    )


class ReadableDialog(QDialog):
    """A dialog of rich text that scrolls, in the window's reading size."""

    def __init__(self, title: str, object_name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWindowTitle(title)
        self.text = QTextBrowser()
        self.text.setObjectName(f"{object_name}_text")
        self.text.setOpenLinks(False)  # nothing in it may navigate away
        self.text.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)

    def set_reading_size(self, lecture: bool, zoom: float) -> None:
        """The explanation's type size: large in lecture mode, zoomed with Ctrl+=."""
        px = round(appearance.theme_for(lecture).explanation_font_px * zoom)
        font = self.font()
        font.setPixelSize(px)
        self.setFont(font)
        self.text.setFont(font)
        self.text.document().setDefaultFont(font)

    def natural_size(self, max_width: int) -> QSize:
        """The size that shows all of the text, lines at most ``max_width`` wide."""
        document = self.text.document()
        chrome_width = 40 + self.style().pixelMetric(
            QStyle.PixelMetric.PM_ScrollBarExtent
        )
        # Everything but the text: the buttons (and icon), margins, spacing.
        chrome_height = self.sizeHint().height() - self.text.sizeHint().height() + 16
        document.setTextWidth(max(max_width - chrome_width, 200))
        width = math.ceil(document.idealWidth()) + chrome_width
        document.setTextWidth(width - chrome_width)
        return QSize(width, math.ceil(document.size().height()) + chrome_height)

    def fit_to(self, window: QWidget, width_share: float, height_share: float) -> None:
        """Large enough for the text, within a share of ``window``'s screen."""
        self._place(window, self._limits(window, width_share, height_share))

    def _limits(
        self, window: QWidget, width_share: float, height_share: float
    ) -> QSize:
        screen = window.screen().availableGeometry()
        return QSize(
            round(screen.width() * width_share), round(screen.height() * height_share)
        )

    def _place(self, window: QWidget, limits: QSize) -> None:
        """Resize to the text (or to ``limits``, scrolling); centre on ``window``.

        Kept on the screen: a window smaller than the dialog, or partly off
        the screen, must not push the dialog's title bar out of reach.
        """
        wanted = self.natural_size(limits.width())
        size = wanted.expandedTo(QSize(420, 240)).boundedTo(limits)
        self.resize(size)
        screen = window.screen().availableGeometry()
        centre = window.frameGeometry().center()
        x = centre.x() - size.width() // 2
        y = centre.y() - size.height() // 2
        x = max(screen.left(), min(x, screen.right() + 1 - size.width()))
        y = max(screen.top(), min(y, screen.bottom() + 1 - size.height()))
        self.move(x, y)


class KeyboardSheet(ReadableDialog):
    """Every key of the window, by menu (F1)."""

    #: Column counts, tried in turn: the first that needs no scrolling wins.
    COLUMN_CHOICES = (1, 2, 3)

    def __init__(self, parent: QMainWindow) -> None:
        super().__init__(self.tr("Keyboard shortcuts"), "keyboard_sheet", parent)
        self.sections: list[KeySection] = []
        self.columns = 2

    def refresh(self, window: QMainWindow) -> None:
        """Read the keys again from the window's actions (they may have changed)."""
        self.setWindowTitle(self.tr("Keyboard shortcuts"))  # in today's language
        self.sections = keyboard_sections(window)
        self.text.setHtml(keyboard_sheet_html(self.sections, self.columns))

    def fit_to(self, window: QWidget, width_share: float, height_share: float) -> None:
        """As few columns as show every key unscrolled (large type takes more)."""
        limits = self._limits(window, width_share, height_share)
        sizes = {}
        for columns in self.COLUMN_CHOICES:
            self.text.setHtml(keyboard_sheet_html(self.sections, columns))
            sizes[columns] = self.natural_size(limits.width())
        fitting = [c for c, size in sizes.items() if size.width() <= limits.width()]
        unscrolled = [c for c in fitting if sizes[c].height() <= limits.height()]
        if unscrolled:
            self.columns = unscrolled[0]
        elif fitting:
            self.columns = min(fitting, key=lambda c: sizes[c].height())
        else:
            self.columns = 1
        self.text.setHtml(keyboard_sheet_html(self.sections, self.columns))
        self._place(window, limits)


class AboutDialog(ReadableDialog):
    """Version, licence and the versions of the libraries underneath."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(self.tr("About Entropy Lab"), "about_dialog", parent)
        self.icon = QLabel()
        self.icon.setObjectName("about_icon")
        self.icon.setPixmap(application_icon().pixmap(96, 96))
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self.icon)
        self.refresh()

    def refresh(self) -> None:
        """The text again, in the language installed now."""
        self.setWindowTitle(self.tr("About Entropy Lab"))
        self.text.setHtml(about_html())


#: The tour's edition: a later, different tour raises it to be shown once more.
TOUR_EDITION = 1
#: Where QSettings remembers the edition of the tour last shown.
TOUR_SETTING = "tour_shown_edition"


class HelpDialogs(QObject):
    """The Help menu's dialogs for ``window``, each made the first time it opens."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.main_window = window
        self.keyboard_sheet: KeyboardSheet | None = None
        self.about: AboutDialog | None = None
        self.tour: Tour | None = None

    def _present(self, dialog: ReadableDialog | Tour) -> None:
        dialog.set_reading_size(self.main_window.lecture, self.main_window.zoom)

    def show_keyboard_sheet(self) -> KeyboardSheet:
        """F1: the sheet, read again from the window's actions."""
        if self.keyboard_sheet is None:
            self.keyboard_sheet = KeyboardSheet(self.main_window)
        sheet = self.keyboard_sheet
        self._present(sheet)
        sheet.refresh(self.main_window)
        sheet.fit_to(self.main_window, 0.9, 0.9)
        _raise(sheet)
        return sheet

    def show_about(self) -> AboutDialog:
        """Help → About."""
        if self.about is None:
            self.about = AboutDialog(self.main_window)
        self.about.refresh()
        self._present(self.about)
        self.about.fit_to(self.main_window, 0.6, 0.8)
        _raise(self.about)
        return self.about

    def start_tour(self) -> Tour:
        """Help → Tour: from its first step, on the explorer."""
        window = self.main_window
        steps = window_tour(window)  # in the language installed now
        if self.tour is None:
            self.tour = Tour(window, steps)
        self.tour.steps = steps
        window.show_panel("explorer")
        self._present(self.tour)
        self.tour.start()
        return self.tour

    def offer_first_run_tour(self) -> bool:
        """Start the tour if this tour was never shown here; True if it starts.

        Remembered as soon as it is shown, not when it ends: a tour closed
        any way at all (Skip, Esc, quitting) never comes back by itself.
        """
        window = self.main_window
        settings = window.settings
        if settings is None:
            return False
        shown = window.remembered.number(TOUR_SETTING)
        if shown is not None and shown >= TOUR_EDITION:
            return False
        settings.setValue(TOUR_SETTING, TOUR_EDITION)
        self.start_tour()
        return True


def _raise(dialog: QDialog) -> None:
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
