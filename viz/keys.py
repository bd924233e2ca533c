"""Single-key shortcuts (1–9, [, ], ., Space, Esc) never take a key a control needs.

The window's shortcuts are window-wide, so without this a digit typed into a
table cell would load a preset, Space on a focused check box would start
an animation instead of ticking it, and Esc in a value being typed would
leave lecture mode instead of cancelling the value. The other way round, a
spin box never keeps Undo and Redo (see :func:`window_undoes`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

#: Controls that read typed text: every printable key is theirs.
TEXT_TAKERS = (QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QTextEdit)
#: Controls that Space presses or toggles.
SPACE_TAKERS = (QAbstractButton,)


def is_open_editor(widget: QWidget) -> bool:
    """True for a field being typed into, which Esc cancels.

    That is a line edit on its own (a typed entry; a spin box's or combo
    box's line edit hands its focus to the box) or an editable text. A
    table cell's editor claims Esc through its delegate already. A spin box
    or a list does nothing with Esc, so there Esc still leaves lecture mode.
    """
    if isinstance(widget, QLineEdit):
        return True
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly()
    return False


def control_wants(widget: QWidget, event: QKeyEvent) -> bool:
    """True when the focused ``widget`` should get this key, not a shortcut."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if event.key() == Qt.Key.Key_Escape:
        return is_open_editor(widget)
    plain = modifiers in (
        Qt.KeyboardModifier.NoModifier,
        Qt.KeyboardModifier.ShiftModifier,
    )
    if event.key() == Qt.Key.Key_Space and plain:
        return isinstance(widget, (*TEXT_TAKERS, *SPACE_TAKERS))
    if plain and event.text() and event.text().isprintable():
        return isinstance(widget, TEXT_TAKERS)
    deleting_a_word = (
        event.key() == Qt.Key.Key_Backspace
        and modifiers == Qt.KeyboardModifier.ControlModifier
    )
    return deleting_a_word and isinstance(widget, (QAbstractSpinBox, QLineEdit))


def window_undoes(widget: QWidget, event: QKeyEvent) -> bool:
    """True for Undo or Redo in a spin box: the window's, not the box's own.

    A spin box's line edit keeps Undo and Redo for its text history, which
    is never what a user means there: every value it showed was already a
    change of the page's state, which the window's Undo takes back (Ctrl+Z
    in the seed box did nothing, Edit → Undo worked). A typed entry (F2)
    is a line edit of its own and keeps them.
    """
    keys = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
    in_spin_box = isinstance(widget, QAbstractSpinBox) or isinstance(
        widget.parent(), QAbstractSpinBox
    )
    return in_spin_box and any(event.matches(key) for key in keys)


class KeyOwnership(QObject):
    """An application event filter that lets focused controls keep their keys."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Accept a ShortcutOverride for keys the focused control needs.

        And refuse it for the ones the window's shortcut must get.
        """
        if not (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(watched, QWidget)
            and isinstance(event, QKeyEvent)
        ):
            return False
        if window_undoes(watched, event):
            event.ignore()
            return True
        if control_wants(watched, event):
            event.accept()
            return True
        return False


class FocusFollower(QObject):
    """Keeps an event filter on whichever widget has the keyboard focus.

    Key events (and their ShortcutOverride) go to the focus widget, or to
    the window when nothing has focus: a filter there sees every key an
    application-wide filter would, without being called for the hundreds
    of thousands of paint, timer and layout events a session sends.
    """

    def __init__(self, window: QWidget, event_filter: QObject) -> None:
        super().__init__(event_filter)
        self.event_filter = event_filter
        window.installEventFilter(event_filter)
        application = QApplication.instance()
        if isinstance(application, QApplication):
            application.focusChanged.connect(self.focus_changed)
            focused = application.focusWidget()
            if focused is not None:
                focused.installEventFilter(event_filter)

    def focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Put the filter on the widget that now has the focus."""
        if new is not None:
            new.installEventFilter(self.event_filter)
