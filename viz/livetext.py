"""Labels for numbers that change every frame without re-laying out the window.

``QLabel.setText`` always asks the layouts above it to recompute: with eight
readouts and a dozen slider values changing per frame, that cost more than
all the plots together. A :class:`LiveText` keeps its own text and only asks
for a repaint.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class LiveText(QLabel):
    """A one-line label whose size comes from a template, not from its text.

    Parameters
    ----------
    template : str
        The widest text expected (for the size hint), e.g. ``"0.0000 bits"``.
    """

    def __init__(self, template: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._template = template
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def setText(self, text: str) -> None:
        """Show ``text``: a repaint, never a new layout."""
        if text != self._text:
            self._text = text
            self.update()

    def text(self) -> str:
        """The text on show."""
        return self._text

    def sizeHint(self) -> QSize:
        """As large as the template in the current font."""
        metrics = self.fontMetrics()
        margins = self.contentsMargins()
        return QSize(
            metrics.horizontalAdvance(self._template)
            + 6
            + margins.left()
            + margins.right(),
            metrics.height() + margins.top() + margins.bottom(),
        )

    def minimumSizeHint(self) -> QSize:
        """The template's height; any width."""
        return QSize(0, self.sizeHint().height())

    def changeEvent(self, event: QEvent) -> None:
        """A new font (lecture mode, zoom) is the one time the size may change."""
        if event.type() == QEvent.Type.FontChange:
            self.setFixedHeight(self.sizeHint().height())
            self.updateGeometry()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the text with the label's font, colour and alignment."""
        painter = QPainter(self)
        painter.setFont(self._font_that_fits())
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(self.contentsRect(), int(self.alignment()), self._text)
        painter.end()

    def _font_that_fits(self) -> QFont:
        """The label's font, smaller if the text is wider than the label.

        A number wider than its template (1.2×10⁻³⁰⁸ beside a slider made for
        0.000) would otherwise lose its first digits off the edge: shrunk,
        it stays whole and true.
        """
        font = self.font()
        width = self.contentsRect().width()
        advance = QFontMetrics(font).horizontalAdvance(self._text)
        if advance <= width or advance == 0:
            return font
        smaller = QFont(font)
        size = font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * 4 / 3
        smaller.setPixelSize(max(6, int(size * width / advance)))
        return smaller


class FixedWidthLabel(LiveText):
    """A live label exactly as wide as its template (slider values)."""

    def __init__(self, template: str, parent: QWidget | None = None) -> None:
        super().__init__(template, parent)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._fit()

    def _fit(self) -> None:
        hint = self.sizeHint()
        self.setFixedSize(hint.width(), hint.height())

    def minimumSizeHint(self) -> QSize:
        """Never narrower than the template."""
        return self.sizeHint()

    def changeEvent(self, event: QEvent) -> None:
        """Refit the size when the font changes."""
        if event.type() == QEvent.Type.FontChange:
            self._fit()
        QLabel.changeEvent(self, event)
