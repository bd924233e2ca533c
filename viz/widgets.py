"""Small widget helpers every page uses: names, texts, groups, problem strips."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QStyle,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

#: A warning strip's colours: dark orange-brown on pale orange (7.9:1).
PROBLEM_TEXT, PROBLEM_BACKGROUND = "#7A2E00", "#FFF4E5"


def style_as_problem(label: QLabel) -> None:
    """Colour ``label`` as a warning strip, by palette, not by style sheet.

    A style sheet would pin the label's font: lecture mode's larger type
    (and zoom) would pass the strip by.
    """
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(PROBLEM_BACKGROUND))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(PROBLEM_TEXT))
    label.setPalette(palette)
    label.setAutoFillBackground(True)
    label.setFrameShape(QFrame.Shape.Box)
    label.setMargin(6)


#: The grey of a number that belongs to the last state that could be
#: computed, not to the one on show (4.5:1 on white: legible, and receding).
STALE_TEXT = "#767676"


def show_stale(widgets: list[QWidget], stale: bool) -> None:
    """Grey ``widgets``' text while it is the last valid state's, not the current one.

    By palette (a style sheet would pin the font against lecture type);
    not stale, a widget takes its parent's palette again, whatever the
    theme has made it since.
    """
    for widget in widgets:
        if widget.property("stale") is stale:
            continue
        widget.setProperty("stale", stale)
        if stale:
            palette = widget.palette()
            palette.setColor(QPalette.ColorRole.WindowText, QColor(STALE_TEXT))
            widget.setPalette(palette)
        else:
            widget.setPalette(QPalette())
        widget.update()


def named(widget: QWidget, object_name: str, accessible: str) -> QWidget:
    """Give ``widget`` a stable object name (tests) and an accessible name."""
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible)
    return widget


def set_text(label: QLabel | QPushButton, text: str) -> None:
    """Set a text only when it changes: every setText schedules a repaint."""
    if label.text() != text:
        label.setText(text)


def set_range(box: QSpinBox, low: int, high: int) -> None:
    """Set a spin box's range only when it changes, as set_text does for text.

    setRange re-lays out the box even to the same range, and a relayout on
    every frame of a drag repaints the whole controls column.
    """
    if (box.minimum(), box.maximum()) != (low, high):
        box.setRange(low, high)


def group(title: str, *widgets: QWidget) -> QGroupBox:
    """A titled column of widgets."""
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(6, 6, 6, 6)
    for widget in widgets:
        layout.addWidget(widget)
    return box


#: Quoted input is cut to this many characters in any message.
MAX_QUOTED = 200


def shortened(text: str, limit: int = MAX_QUOTED) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (a message stays short)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def problem_label(object_name: str) -> QLabel:
    """A hidden warning strip for a refused entry or an unusable scenario.

    Plain text only: a problem often quotes input (a file, a typed cell),
    and markup in it must show as characters, never as a link or an image.
    """
    label = QLabel("")
    label.setTextFormat(Qt.TextFormat.PlainText)
    named(label, object_name, QCoreApplication.translate("ProblemLabel", "Problem"))
    label.setWordWrap(True)
    style_as_problem(label)
    label.setVisible(False)
    return label


class RoomyTabBar(QTabBar):
    """Tabs tall enough for their text's descenders on the unselected tabs.

    Fusion draws an unselected tab's label lower by its vertical shift but
    sizes the tab for the text unshifted: "logits" and "PyTorch" lost the
    bottoms of their g and y.
    """

    def tabSizeHint(self, index: int) -> QSize:
        """Qt's size, taller by the style's shift of an unselected tab."""
        size = super().tabSizeHint(index)
        shift = self.style().pixelMetric(
            QStyle.PixelMetric.PM_TabBarTabShiftVertical, None, self
        )
        return QSize(size.width(), size.height() + max(shift, 0))
