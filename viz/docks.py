"""Side panels: the preset's explanation, and the formulas with live numbers."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from core import Results, Scenario
from core.formulas import formulas
from viz.widgets import PROBLEM_STYLE, named

WELCOME = (
    "<b>Welcome to Entropy Lab.</b><br>Move a slider or drag a bar and every "
    "number follows. Pick a worked example from the <i>Presets</i> menu (keys "
    "1–9); each comes with what to look at and what to try next."
)


def _rich_label(object_name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setMargin(8)
    return label


def _scrolling(widget: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidget(widget)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    return scroll


class ExplanationDock(QDockWidget):
    """What the current preset shows and what to try next.

    A preset's text quotes its numbers as loaded. Once the state on show is
    no longer the preset's (a drag, Reset, a session, another page), a
    strip above the text says so, and its button brings the example back:
    the text never silently contradicts the readouts beside it.
    """

    #: Pressed "Back to the example".
    restore_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("About this example", parent)
        self.setObjectName("explanation_panel")
        self.text = _rich_label("explanation_text")
        self.text.setAccessibleName("Explanation of the current example")
        self.stale = QLabel()
        self.stale.setObjectName("explanation_stale")
        self.stale.setTextFormat(Qt.TextFormat.PlainText)
        self.stale.setWordWrap(True)
        self.stale.setStyleSheet(PROBLEM_STYLE)
        self.restore = QPushButton("Back to the example")
        named(self.restore, "explanation_restore", "Back to the example")
        self.restore.clicked.connect(self.restore_requested)
        strip = QWidget()
        row = QHBoxLayout(strip)
        row.setContentsMargins(8, 4, 8, 0)
        row.addWidget(self.stale, 1)
        row.addWidget(self.restore)
        self.strip = strip
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(strip)
        column.addWidget(self.text, 1)
        self.setWidget(_scrolling(body))
        # A few lines under the plots: the plots keep most of the height.
        self.setMaximumHeight(150)
        self.show_explanation("", WELCOME)

    def set_font_px(self, px: int) -> None:
        """The explanation's type size (24 px in lecture mode), and room for it.

        The dock keeps about five lines of text and scrolls past them, so the
        plots keep most of the height.
        """
        font = self.text.font()
        font.setPixelSize(px)
        self.text.setFont(font)
        self.stale.setFont(font)
        self.setMaximumHeight(round(px * 1.45 * 5 + 40))

    def show_explanation(self, title: str, html: str) -> None:
        """Show a preset's title and explanation (rich text), as current."""
        heading = f"<b>{title}.</b> " if title else ""
        self.text.setText(heading + html)
        self.show_changed("")

    def show_changed(self, why: str) -> None:
        """Say why the text no longer describes what is on show ("" when it does)."""
        self.stale.setText(why)
        self.strip.setVisible(bool(why))
        self.text.setEnabled(not why)  # greyed: a description of another state

    def is_current(self) -> bool:
        """True while the text describes the state on show."""
        return self.strip.isHidden()


class FormulaDock(QDockWidget):
    """Each readout's formula, and the same formula with today's numbers in it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Formulas with live numbers", parent)
        self.setObjectName("formulas_panel")
        self.text = _rich_label("formulas_text")
        self.text.setAccessibleName("Formulas with the current numbers")
        self.setWidget(_scrolling(self.text))

    def show_results(self, scenario: Scenario, results: Results) -> None:
        """Typeset every formula for the scenario the results belong to."""
        if not self.isVisible():
            return
        rows = []
        for formula in formulas(scenario, results).values():
            rows.append(
                f"<p style='margin-bottom:10px'>{formula.symbolic_html}<br>"
                f"<span style='color:#0B3D91'>{formula.numeric_html}</span></p>"
            )
        self.text.setText("".join(rows))

    def plain_text(self) -> str:
        """What the panel shows, without markup (for tests and the clipboard)."""
        return self.text.text()
