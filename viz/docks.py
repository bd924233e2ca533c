"""Side panels: the preset's explanation, and the formulas with live numbers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QScrollArea, QWidget

from core import Results, Scenario
from core.formulas import formulas

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
    """What the current preset shows and what to try next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("About this example", parent)
        self.setObjectName("explanation_panel")
        self.text = _rich_label("explanation_text")
        self.text.setAccessibleName("Explanation of the current example")
        self.setWidget(_scrolling(self.text))
        # A few lines under the plots: the plots keep most of the height.
        self.setMaximumHeight(120)
        self.show_explanation("", WELCOME)

    def show_explanation(self, title: str, html: str) -> None:
        """Show a preset's title and explanation (rich text)."""
        heading = f"<b>{title}.</b> " if title else ""
        self.text.setText(heading + html)


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
