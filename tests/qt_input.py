"""Real mouse input for tests and the monkey script: presses, moves, releases."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget


def send_mouse(
    widget: QWidget, kind: QEvent.Type, position: QPointF, held: bool
) -> None:
    """A left-button press, move or release at ``position`` (widget coordinates)."""
    button = (
        Qt.MouseButton.NoButton
        if kind == QEvent.Type.MouseMove
        else Qt.MouseButton.LeftButton
    )
    buttons = Qt.MouseButton.LeftButton if held else Qt.MouseButton.NoButton
    event = QMouseEvent(
        kind,
        QPointF(position),
        widget.mapToGlobal(QPointF(position)),
        button,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def view_point(plot: Any, x: float, y: float) -> QPointF:
    """The viewport position of the data point (x, y) of a plot with a view box."""
    scene = plot.view_box.mapViewToScene(QPointF(x, y))
    return QPointF(plot.mapFromScene(scene))
