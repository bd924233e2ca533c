"""Side panels: the preset's explanation, and the formulas with live numbers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from core import Results, Scenario
from core.formulas import formulas
from core.i18n import QT_TRANSLATE_NOOP
from viz.widgets import style_as_problem

translate = QCoreApplication.translate


def welcome() -> str:
    """What the explanation says before any preset, in the language in use."""
    return translate(
        "ExplanationDock",
        "<b>Welcome to Entropy Lab.</b><br>Move a slider or drag a bar and every "
        "number follows. Pick a worked example from the <i>Presets</i> menu (keys "
        "1–9); each comes with what to look at and what to try next.",
    )


#: The welcome in English (what a test or a session that knows no language reads).
WELCOME = welcome()

#: A page's own welcome: what it shows and what to try (the explorer's talks
#: of sliders, bars and presets the other pages have not got). The explorer
#: uses welcome().
PAGE_WELCOMES = {
    "binary": QT_TRANSLATE_NOOP(
        "ExplanationDock",
        "<b>Vanishing gradients.</b> One logit z through a sigmoid, trained from "
        "z₀ two ways: with squared error and with cross-entropy. Far on the "
        "wrong side (large |z₀|), the squared error's gradient carries "
        "σ′(z) and all but vanishes, so it crawls; cross-entropy's gradient "
        "σ(z) − y stays large. Press <i>Play</i> and compare the steps each "
        "needs.",
    ),
    "training": QT_TRANSLATE_NOOP(
        "ExplanationDock",
        "<b>Training the logits.</b> The Explorer's logits trained by gradient "
        "descent towards the true class, with cross-entropy and with squared "
        "error side by side. Cross-entropy's gradient is softmax(z) − "
        "onehot(y). Press <i>Play</i> and watch the true class's probability "
        "and each loss.",
    ),
    "fitting": QT_TRANSLATE_NOOP(
        "ExplanationDock",
        "<b>Forward vs reverse KL.</b> One bump Q fitted twice to P's two "
        "peaks: minimising D(P‖Q) covers both peaks (mode covering), "
        "minimising D(Q‖P) settles on one (mode seeking). Press <i>Play</i>; "
        "move the peaks, or try a new random start.",
    ),
    "batch": QT_TRANSLATE_NOOP(
        "ExplanationDock",
        "<b>A PyTorch batch.</b> Cross-entropy from logits as PyTorch's "
        "CrossEntropyLoss computes it: each sample's −z[y] + log Σ exp(z), "
        "averaged over the batch. Edit a logit or a label in the table and "
        "every loss and the mean follow.",
    ),
    "sampling": QT_TRANSLATE_NOOP(
        "ExplanationDock",
        "<b>Sampling.</b> Draws from the Explorer's P and Q, one by one: each "
        "row's running mean settles on the exact value in its last column, and "
        "its ±2 SE band narrows as 1/√n. Press <i>Play</i> or <i>Draw 1</i>; "
        "change P or Q on the Explorer and the run starts again.",
    ),
    "codes": QT_TRANSLATE_NOOP(
        "ExplanationDock",
        "<b>Code lengths.</b> Prefix codes built from the Explorer's P and Q, "
        "and P's draws sent in each: bits become whole codewords. Press "
        "<i>Play</i> and compare each code's bits per symbol with H(P) and "
        "H(P,Q); make Q unlike P on the Explorer: H(P,Q) grows by D(P‖Q), and "
        "Q's Shannon code, always within a bit of it, grows with it.",
    ),
    "next_token": QT_TRANSLATE_NOOP(
        "ExplanationDock",
        "<b>Next-token lab.</b> Two models' next-token distributions over one "
        "vocabulary, decoded with a temperature and top-k, top-p and min-p. "
        "Move the decoding controls and watch the entropy, the mass cut off "
        "and the divergences; import your own logits from a file.",
    ),
}


def page_welcome(panel: str) -> str:
    """What the dock says on ``panel`` before any preset, in the language in use."""
    text = PAGE_WELCOMES.get(panel)
    return translate("ExplanationDock", text) if text else welcome()


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
        super().__init__("", parent)
        self.setObjectName("explanation_panel")
        self.text = _rich_label("explanation_text")
        #: The preset shown (its title and text in every language), or None.
        self._preset: Any = None
        self._welcome = True
        #: Whether the text is an example's (a titled preset), not a page's.
        self._example = False
        #: The page whose welcome is on show (while no preset is explained).
        self._panel = "explorer"
        self.stale = QLabel()
        self.stale.setObjectName("explanation_stale")
        self.stale.setTextFormat(Qt.TextFormat.PlainText)
        self.stale.setWordWrap(True)
        style_as_problem(self.stale)
        self.restore = QPushButton()
        self.restore.setObjectName("explanation_restore")
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
        self.retranslate()
        self.show_explanation("", welcome())

    def retranslate(self) -> None:
        """The dock's title, button and text in the language in use.

        A preset's text is shown again in the new language; the window words
        the "changed since" strip again itself.
        """
        self._show_title()
        self.restore.setText(translate("ExplanationDock", "Back to the example"))
        self.restore.setAccessibleName(
            translate("ExplanationDock", "Back to the example")
        )
        if self._preset is not None:
            self._set_text(self._preset.title, self._preset.explanation)
        elif self._welcome:
            self._set_text("", page_welcome(self._panel))

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_font_px(self, px: int) -> None:
        """The explanation's type size (24 px in lecture mode)."""
        font = self.text.font()
        font.setPixelSize(px)
        self.text.setFont(font)
        self.stale.setFont(font)
        self._font_px = px
        self._fit_height()

    def set_window_height(self, height: int) -> None:
        """Keep three to five lines, by the window's height, and scroll past them.

        The plots keep most of the height: on a 720-pixel projector five
        lines of lecture type would leave no plot its 240 pixels.
        """
        self._lines = max(3, min(5, height // 200))
        self._fit_height()

    def _fit_height(self) -> None:
        px = getattr(self, "_font_px", 13)
        lines = getattr(self, "_lines", 5)
        self.setMaximumHeight(round(px * 1.45 * lines + 30))

    def show_explanation(self, title: str, html: str) -> None:
        """Show a preset's title and explanation (rich text), as current.

        Without a title the text is a page's (a welcome), and the dock's
        title says so.
        """
        self._preset = None
        self._welcome = html == welcome()
        self._example = bool(title)
        self._set_text(title, html)
        self._show_title()
        self.show_changed("")

    def explains_an_example(self) -> bool:
        """True while the text is an example's (a preset's), not a page's welcome."""
        return self._example

    def _show_title(self) -> None:
        # "About this example" over a page's welcome promised an example that
        # was never loaded.
        if self._example:
            title = translate("ExplanationDock", "About this example")
            accessible = translate(
                "ExplanationDock", "Explanation of the current example"
            )
        else:
            title = translate("ExplanationDock", "About this page")
            accessible = translate(
                "ExplanationDock", "What the page on show is for and what to try"
            )
        self.setWindowTitle(title)
        self.text.setAccessibleName(accessible)

    def show_page(self, panel: str) -> None:
        """Follow the page on show: its own welcome, until a preset is explained."""
        self._panel = panel
        if self._welcome and self._preset is None:
            self._set_text("", page_welcome(panel))

    def show_preset(self, preset: Any) -> None:
        """Show ``preset``'s title and explanation, in the language in use.

        ``preset`` has ``title`` and ``explanation`` in the language in use
        (:class:`core.presets.Preset`): a language change shows them anew.
        """
        self.show_explanation(preset.title, preset.explanation)
        self._preset = preset

    def _set_text(self, title: str, html: str) -> None:
        heading = ""
        if title:
            heading = translate("ExplanationDock", "<b>{title}.</b> ").format(
                title=title
            )
        self.text.setText(heading + html)

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
        super().__init__("", parent)
        self.setObjectName("formulas_panel")
        self.text = _rich_label("formulas_text")
        self.setWidget(_scrolling(self.text))
        self.retranslate()

    def retranslate(self) -> None:
        """The dock's title in the language in use (the formulas follow the results)."""
        self.setWindowTitle(translate("FormulaDock", "Formulas with live numbers"))
        self.text.setAccessibleName(
            translate("FormulaDock", "Formulas with the current numbers")
        )

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        """Open at a width where a formula reads in two or three lines.

        A new dock gets its contents' minimum width: a 65-pixel sliver.
        """
        super().showEvent(event)
        window = self.parentWidget()
        if not isinstance(window, QMainWindow) or self.isFloating():
            return
        readable = self.readable_width(window.width())
        if self.width() < readable:
            window.resizeDocks([self], [readable], Qt.Orientation.Horizontal)

    def readable_width(self, window_width: int) -> int:
        """About 34 characters of the dock's type, at most 40% of the window."""
        characters = self.fontMetrics().averageCharWidth() * 34
        return max(200, min(characters, round(window_width * 0.4)))

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
