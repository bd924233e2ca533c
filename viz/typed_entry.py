"""Type a value exactly: double-click the number beside a slider (or press F2).

A slider moves in steps; a lecturer who wants p = 0.7 or T = 0.5 types it.
The field opens over the number with the current value selected; Enter
commits, Esc or leaving the field cancels. A value that is not a number or
lies outside the control's range is refused with the reason beside the
field, which stays open for a correction.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QToolTip, QWidget

from core.numbers import symbols

translate = QCoreApplication.translate

#: What a commit callback returns: None when the value was taken, else why not.
Commit = Callable[[float], str | None]


def parse_typed_number(text: str) -> float:
    """A number as a person types it: "0.7", "−1.5", "1e-3", " 2 ", "0,7".

    The language's decimal point is accepted, and so are "." and ",".

    Raises
    ------
    ValueError
        "not a number: …" for anything else, NaN and infinities included.
    """
    cleaned = text.strip().replace("−", "-").replace(symbols().decimal, ".")
    cleaned = cleaned.replace(",", ".")
    quoted = repr(text.strip()[:40])
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(
            translate("TypedEntry", "not a number: {text}").format(text=quoted)
        ) from None
    if not math.isfinite(value):
        raise ValueError(
            translate("TypedEntry", "not a finite number: {text}").format(text=quoted)
        )
    return value


def in_range(low: float, high: float, name: str, commit: Commit) -> Commit:
    """``commit`` for values in [low, high]; outside, a message naming ``name``."""

    def checked(value: float) -> str | None:
        if not low <= value <= high:
            return translate("TypedEntry", "{name} must lie in [{low}, {high}]").format(
                name=name, low=f"{low:g}", high=f"{high:g}"
            )
        return commit(value)

    return checked


class TypedEntry(QObject):
    """Makes ``label`` (and F2/Enter on ``slider``) open a field to type a value.

    Parameters
    ----------
    label : QLabel
        The number shown beside the control.
    slider : QWidget or None
        The control whose F2 or Enter key also opens the field.
    current : callable() -> float
        The value to start from.
    commit : callable(float) -> str or None
        Takes the typed value; returns None, or why the value was refused.
    """

    def __init__(
        self,
        label: QLabel,
        slider: QWidget | None,
        current: Callable[[], float],
        commit: Commit,
    ) -> None:
        super().__init__(label)
        self.label = label
        self.current = current
        self.commit = commit
        self.field: QLineEdit | None = None
        #: Why the last typed value was refused ("" when none was).
        self.last_problem = ""
        label.installEventFilter(self)
        label.setToolTip(translate("TypedEntry", "Double-click to type an exact value"))
        if slider is not None:
            slider.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Open the field on a double-click on the label, or F2/Enter on the slider."""
        if watched is self.label and event.type() == QEvent.Type.LanguageChange:
            self.label.setToolTip(
                translate("TypedEntry", "Double-click to type an exact value")
            )
            return False
        if watched is self.label and event.type() == QEvent.Type.MouseButtonDblClick:
            self.open()
            return True
        if (
            watched is not self.label
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.open()
            return True
        return False

    def open(self) -> QLineEdit:
        """Show the field over the label, holding the current value, selected."""
        if self.field is None:
            self.field = QLineEdit(self.label.parentWidget())
            self.field.setObjectName(f"{self.label.objectName()}_entry")
            self.field.setAccessibleName(
                translate("TypedEntry", "Type {value}").format(
                    value=self.label.accessibleName()
                )
            )
            self.field.returnPressed.connect(self._take)
            self.field.installEventFilter(_Cancel(self))
        field = self.field
        geometry = self.label.geometry()
        geometry.setWidth(max(geometry.width(), 90))
        field.setGeometry(geometry)
        field.setText(f"{self.current():.6g}".replace("-", "−"))
        field.selectAll()
        field.show()
        field.raise_()
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        return field

    def close(self) -> None:
        """Hide the field without taking its text."""
        if self.field is not None and self.field.isVisible():
            self.field.hide()
            self.label.setFocus(Qt.FocusReason.OtherFocusReason)

    def _take(self) -> None:
        assert self.field is not None
        try:
            problem = self.commit(parse_typed_number(self.field.text()))
        except ValueError as error:
            problem = str(error)
        if problem is None:
            self.close()
            return
        self.field.setToolTip(problem)
        self.field.setStyleSheet("border: 2px solid #B00020;")
        QToolTip.showText(
            self.field.mapToGlobal(self.field.rect().bottomLeft()), problem, self.field
        )
        self.last_problem = problem


class _Cancel(QObject):
    """Esc or leaving the field cancels the entry."""

    def __init__(self, entry: TypedEntry) -> None:
        super().__init__(entry)
        self.entry = entry

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Close on Esc or when the field loses the focus."""
        kind = event.type()
        escape = (
            kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        )
        if escape or kind == QEvent.Type.FocusOut:
            field = self.entry.field
            if field is not None:
                field.setStyleSheet("")
                field.setToolTip("")
            self.entry.close()
            return escape
        return False
