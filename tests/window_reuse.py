"""One main window for the tests of a module, handed over only when it is as new.

Building a :class:`viz.MainWindow` costs about 0.6 s of CPU, and most tests
read a few numbers off it. So a module's tests share one window: after each
test it is put back (every store to the state it was made with, its undo
history emptied, animations paused, the explorer on show, the size the
fixture gives) and then compared with what it looked like when new: the
``Fingerprint`` below. If anything differs (a test left lecture mode on,
zoomed, closed a dock, typed into a field, built a page after changing a
state, opened a lesson), the window is thrown away and the next test gets a
new one. A reset that missed something therefore costs time, never isolation.

A page is built lazily, so a module names the pages its tests use in
``SHARED_WINDOW_PAGES``: they are built and shown once before the
fingerprint is taken. A test that builds another page leaves a window with
a page the fingerprint does not know, which again only means a new window.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QToolBar,
    QWidget,
)

from core.history import History

SIZE = (1280, 800)

#: Every page but the explorer (which a window builds at once), in tab order:
#: the ``SHARED_WINDOW_PAGES`` of a module whose tests visit them all.
EVERY_LAB_PAGE = (
    "binary",
    "training",
    "fitting",
    "batch",
    "sampling",
    "codes",
    "next_token",
)

#: Set when a window is let go of: conftest's teardown hook then collects
#: the garbage it leaves (see ``pytest_runtest_teardown``).
LET_GO = [False]


def new_window(qtbot: Any) -> Any:
    """A new main window on the default scenario, shown, at :data:`SIZE`."""
    from viz import MainWindow

    window = MainWindow()
    window.resize(*SIZE)
    window.show()
    qtbot.waitExposed(window)
    return window


def settle() -> None:
    """Let posted layout requests and first-show polish run (bounded)."""
    for _ in range(3):
        QCoreApplication.sendPostedEvents()
        QApplication.processEvents()


def _at_rest(window: Any) -> bool:
    """No store is deriving and no page is still counting in the background."""
    counters = [
        getattr(page, "counter", None) for page in window.pages.built().values()
    ]
    return not any(store.pending for store in window.stores.values()) and all(
        counter.done for counter in counters if counter is not None
    )


def wait_at_rest(window: Any, qtbot: Any) -> None:
    """Wait for :func:`_at_rest`, then for the layout to settle."""
    qtbot.waitUntil(lambda: _at_rest(window))
    settle()


def _attribute_marks(owner: object) -> dict[str, int]:
    """Which object each of ``owner``'s public callable attributes is.

    A test that swaps one (a fake clock, a broken slot) and does not put it
    back changes what the next test runs, invisibly: so it counts as a change.
    (Private ones, such as a label's text maker, change in normal use.)
    """
    return {
        name: id(value)
        for name, value in vars(owner).items()
        if callable(value) and not name.startswith("_")
    }


def _widget_marks(page: QWidget) -> Counter[str]:
    """What a user could see changed on ``page``: values, checks, texts, plot
    ranges, and which objects the page's own callable attributes are.

    Controls and labels count hidden too (a hidden family editor's K is
    what the next test gets when it turns family mode on); a reset writes
    back the texts of labels that were hidden in the new window
    (:func:`_hidden_label_texts`).
    """
    marks: Counter[str] = Counter([repr(_attribute_marks(page))])
    for widget in page.findChildren(QWidget):
        key = widget.objectName() or type(widget).__name__
        mark: tuple[Any, ...] = (widget.isVisibleTo(page), widget.isEnabled())
        if isinstance(widget, QAbstractSlider):
            mark += (widget.value(), widget.minimum(), widget.maximum())
        elif isinstance(widget, QAbstractSpinBox):
            mark += (widget.text(),)
        elif isinstance(widget, QComboBox):
            mark += (widget.currentIndex(), widget.count())
        elif isinstance(widget, QAbstractButton):
            mark += (widget.isChecked(), widget.text())
        elif isinstance(widget, QLineEdit | QLabel):
            mark += (widget.text(),)
        elif hasattr(widget, "getPlotItem"):  # a plot: where its view is
            # An axis that ranges itself follows the data drawn again in the
            # reset (when next painted); one set by hand or a zoom must match.
            view = widget.getPlotItem().getViewBox()
            automatic = view.state["autoRange"]
            mark += tuple(
                (
                    bool(automatic[axis]),
                    None if automatic[axis] else view.viewRange()[axis],
                )
                for axis in (0, 1)
            )
        # Counted, not listed: a control rebuilt (K changed and back) comes
        # back at the end of the children, and unnamed ones are alike.
        marks[repr((key, mark))] += 1
    return marks


def _focus_name(widget: QWidget | None) -> str | None:
    if widget is None:
        return None
    return f"{type(widget).__name__} {widget.objectName()}"


_PLAIN = (bool, int, float, str, set, dict, list, tuple)

_ROLES = (
    QPalette.ColorRole.Window,
    QPalette.ColorRole.WindowText,
    QPalette.ColorRole.Base,
    QPalette.ColorRole.Text,
    QPalette.ColorRole.Button,
    QPalette.ColorRole.Highlight,
)


def _window_marks(window: Any) -> dict[str, Any]:
    """The window's own state: everything outside the pages."""
    from viz.language import current_language

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    others = [
        type(widget).__name__
        for widget in QApplication.topLevelWidgets()
        if widget.isVisible() and widget is not window
    ]
    stores = {
        kind: (store.can_undo, store.can_redo, store.error)
        for kind, store in window.stores.items()
    }
    playing = sorted(
        panel
        for panel, page in window.pages.built().items()
        if getattr(page, "playing", False)
    )
    palette = app.palette()
    return {
        "attributes": _attribute_marks(window),
        "panel": window.current_panel(),
        "visible": window.isVisible(),
        "size": (window.width(), window.height()),
        "window state": window.windowState().value,
        "lecture": window.lecture,
        "zoom": window.zoom,
        "title": window.windowTitle(),
        "status": window.statusBar().currentMessage(),
        "session path": window.session_path,
        "explained": window.explained_preset,
        "stepped": window.stepped_preset,
        "pinned": window.store.pinned_results is not None,
        # A lesson's controller keeps where it was (index, answers, progress,
        # the view to restore) after it ends: any lesson started counts.
        "lessons": {
            name: repr(value)
            for name, value in vars(window.lessons).items()
            if value is None or isinstance(value, _PLAIN) or name == "_progress"
        },
        "laser": window.laser.is_on(),
        "language": current_language(),
        "application font": app.font().toString(),
        "style sheet": app.styleSheet(),
        "palette": [palette.color(role).name() for role in _ROLES],
        "other windows": sorted(others),
        # Keys go where the focus is: a test that moved it (or the window is
        # no longer the active one) changes what the next test's keys do.
        "active": QApplication.activeWindow() is window,
        "focus": _focus_name(QApplication.focusWidget()),
        "docks": {
            dock.objectName(): dock.isVisible()
            for dock in window.findChildren(QDockWidget)
        },
        "tool bars": {
            bar.objectName(): bar.isVisible() for bar in window.findChildren(QToolBar)
        },
        "actions": {
            name: (action.isChecked(), action.isEnabled(), action.text())
            for name, action in window.actions_by_name.items()
        },
        "stores": stores,
        "playing": playing,
    }


@dataclass
class Fingerprint:
    """What the window looked like new: stores' states, the window, each page."""

    states: dict[str, Any]
    window: dict[str, Any]
    pages: dict[str, Counter[str]] = field(default_factory=dict)
    #: The widget that had the keyboard focus, given it back in a reset.
    focus: QWidget | None = None
    #: The pages' sticky ranges, found once (a walk of every widget's objects).
    sticky: list[Any] = field(default_factory=list)
    #: Labels hidden in the new window, with their texts then (see reset).
    hidden_texts: list[tuple[QWidget, QLabel, str]] = field(default_factory=list)

    def differences(self, window: Any) -> list[str]:
        """What differs now from new (empty when the window is as new)."""
        found = [
            f"store {kind}"
            for kind, store in window.stores.items()
            if not _same(store.state, self.states[kind])
        ]
        now = _window_marks(window)
        found += [f"window {key}" for key in now if now[key] != self.window.get(key)]
        for panel, page in window.pages.built().items():
            if panel not in self.pages:
                found.append(f"page {panel} built without a fingerprint")
            else:
                now_page, then = _widget_marks(page), self.pages[panel]
                if now_page != then:
                    changed = list((now_page - then) + (then - now_page))
                    found.append(f"page {panel} {[c[:60] for c in changed[:2]]}")
        return found


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a is b or a == b)
    except ValueError:  # arrays compare element by element
        return False


class SharedWindow:
    """Hands out one window for as long as each test leaves it as new."""

    def __init__(self) -> None:
        self.window: Any = None
        self.fingerprint: Fingerprint | None = None
        self.built = 0
        self.reused = 0
        self.discarded: list[str] = []

    def take(self, qtbot: Any, pages: tuple[str, ...] = ()) -> Any:
        """The shared window, or a new one with ``pages`` built and shown once."""
        if self.window is None:
            window = new_window(qtbot)
            for panel in pages:
                window.show_panel(panel)
                settle()
            window.show_panel("explorer")
            wait_at_rest(window, qtbot)
            self.fingerprint = Fingerprint(
                states={kind: store.state for kind, store in window.stores.items()},
                window=_window_marks(window),
                pages={
                    panel: _widget_marks(page)
                    for panel, page in window.pages.built().items()
                },
                focus=QApplication.focusWidget(),
                sticky=_sticky_ranges(window),
                hidden_texts=_hidden_label_texts(window),
            )
            self.window = window
            self.built += 1
        else:
            self.reused += 1
        return self.window

    def give_back(self, qtbot: Any, test: str) -> None:
        """After a test: reset the window; keep it only if it is as new."""
        window, fingerprint = self.window, self.fingerprint
        if window is None or fingerprint is None:
            return
        try:
            reset(window, fingerprint, qtbot)
            differences = fingerprint.differences(window)
        except Exception as error:  # a window a test broke is not reused
            differences = [f"reset failed: {error!r}"]
        if differences:
            self.discarded.append(f"{test}: {', '.join(differences[:4])}")
            self.close()

    def close(self) -> None:
        """Throw the window away (at the end of the module or when changed)."""
        if self.window is not None:
            # Deleted by conftest's teardown hook once every fixture of the
            # test is gone, as pytest-qt's own windows are.
            self.window.close()
            self.window.deleteLater()
            LET_GO[0] = True
        self.window = self.fingerprint = None


def _hidden_label_texts(window: Any) -> list[tuple[QWidget, QLabel, str]]:
    """The pages' hidden labels and their texts.

    A page writes such a label before it shows it (a problem solved, a
    lecture left), so what a test left there is not seen; it is put back in
    a reset all the same, so that the next test reads what a new window has.
    """
    return [
        (page, label, label.text())
        for page in window.pages.built().values()
        for label in page.findChildren(QLabel)
        if not label.isVisibleTo(page)
    ]


def _close_popups(window: Any) -> None:
    for widget in QApplication.topLevelWidgets():
        if widget is not window and widget.isVisible():
            widget.close()


def reset(window: Any, fingerprint: Fingerprint, qtbot: Any) -> None:
    """Put back what tests commonly change; the fingerprint judges the rest."""
    from viz.docks import welcome
    from viz.pages import KIND_OF_PANEL

    _close_popups(window)
    _leave_lesson(window)
    if window.lecture:
        window.set_lecture(False, full_screen=False)
    if window.isFullScreen():
        window.showNormal()
    for page in window.pages.built().values():
        if getattr(page, "playing", False):
            page.pause()
    window.store.unpin()
    for kind, store in window.stores.items():
        store.set_state(fingerprint.states[kind])
    qtbot.waitUntil(lambda: _at_rest(window))
    # Derived and drawn again even where the state did not change: a test
    # may have drawn on a plot or a label itself (the monkey's checks do);
    # the plots' sticky ranges start afresh, as in a new window.
    for sticky in fingerprint.sticky:
        sticky.shown = None
    for panel in window.pages.built():
        window.stores[KIND_OF_PANEL[panel]].derive_now()
    for store in window.stores.values():
        store._history = History(store.state)
        store.history_changed.emit()
    window.show_panel(fingerprint.window["panel"])
    window._stepped = None  # Page Down starts from the first preset again
    if window.explained_preset is not None:  # a preset's text, as at the start
        window._explained = None
        window.explanation.show_explanation("", welcome())
        window.explanation.show_page(window.current_panel())
    if window.session_path is not None:  # a saved or opened session: none again
        window.session_path = None
        title = window.session_title
        title.path, title._saved = None, {}
        title._changed.clear()
        title._show()
    for dock in window.findChildren(QDockWidget):
        dock.setVisible(fingerprint.window["docks"][dock.objectName()])
    if window.size().toTuple() != SIZE:
        window.resize(*SIZE)
    wait_at_rest(window, qtbot)
    for page, label, text in fingerprint.hidden_texts:
        # A label rebuilt since (a control made again) is not the new one's.
        if shiboken6.isValid(label) and not label.isVisibleTo(page):
            label.setText(text)
    _give_focus_back(window, fingerprint.focus)
    # What _say left (a preset's name, "nothing to play"): the window's own
    # status line comes back the way _say put the other one up.
    window.statusBar().showMessage(fingerprint.window["status"])


def _leave_lesson(window: Any) -> None:
    """End a lesson a test opened, and forget its answers as a new window has none.

    Tests run without settings, so no progress was remembered on disk.
    """
    lessons = window.lessons
    lessons.leave()
    lessons.index = 0
    lessons._progress = None  # as new: made when a lesson first asks for it
    lessons.revealed, lessons.picked, lessons.guesses = set(), {}, {}
    lessons._snapshot = None


def _give_focus_back(window: Any, focus: QWidget | None) -> None:
    """The window active again, the keyboard focus where it was when new."""
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        window.raise_()
        settle()
    if focus is not None and QApplication.focusWidget() is not focus:
        focus.setFocus()
        settle()


def _sticky_ranges(window: Any) -> list[Any]:
    """Every page's :class:`viz.plotting.StickyRange`, to forget in a reset.

    A sticky range keeps the widest range it was asked for (on purpose:
    re-ranging costs a frame); a reset sets each one as before its first
    fit. They are found on the pages' widgets and on the plain objects they
    hold, two levels down. (A page built later leaves a window that is not
    reused, so the list made with the fingerprint is complete.)
    """
    from viz.plotting import StickyRange

    seen: set[int] = set()
    found: list[Any] = []

    def visit(owner: object, depth: int) -> None:
        if id(owner) in seen or not hasattr(owner, "__dict__"):
            return
        seen.add(id(owner))
        for value in vars(owner).values():
            if isinstance(value, StickyRange):
                found.append(value)
            elif depth > 0 and not isinstance(value, type | QWidget):
                visit(value, depth - 1)

    for page in window.pages.built().values():
        for widget in [page, *page.findChildren(QWidget)]:
            visit(widget, 2)
    return found
