"""Small widget helpers every page uses: names, texts, groups, problem strips."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

#: A warm strip that explains a refused entry or a state that cannot be shown.
PROBLEM_STYLE = (
    "background: #FFF4E5; color: #7A2E00; padding: 6px; border: 1px solid #E69F00;"
)


def named(widget: QWidget, object_name: str, accessible: str) -> QWidget:
    """Give ``widget`` a stable object name (tests) and an accessible name."""
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible)
    return widget


def set_text(label: QLabel | QPushButton, text: str) -> None:
    """Set a text only when it changes: every setText schedules a repaint."""
    if label.text() != text:
        label.setText(text)


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
    label.setStyleSheet(PROBLEM_STYLE)
    label.setVisible(False)
    return label
