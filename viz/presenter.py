"""Presenter conveniences: a laser pointer the back row can see, and a caption.

A mouse cursor is 16 pixels on a 4-metre screen: students cannot follow what
the lecturer points at. :class:`LaserPointer` draws a large halo (a red ring
inside a white one, over a pale yellow disc: visible on white plots, on blue
and on orange bars alike) that follows the mouse over the whole window and
never takes a click. :class:`CaptionBar` is one line of large type at the top
of the window that the lecturer types into ("Watch D(Q‖P) as q₃ → 0").
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QKeyEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QLineEdit, QToolBar, QWidget

#: The halo's colours: a dark red ring (7.6:1 on white) inside a white ring
#: (which separates it from dark bars), over a translucent yellow disc.
RING_COLOUR = QColor("#B00020")
OUTER_COLOUR = QColor("#FFFFFF")
DISC_COLOUR = QColor(255, 230, 0, 90)

#: Follow the mouse at the display's usual frame rate, only while on.
FOLLOW_MS = 16


class LaserPointer(QWidget):
    """A halo of ``radius`` pixels around the mouse, above every part of the window.

    Transparent to the mouse: clicks and drags reach the sliders and bars
    under it. While off it costs nothing (hidden, its timer stopped).
    """

    def __init__(self, window: QWidget, radius: int = 32) -> None:
        super().__init__(window)
        self.setObjectName("laser_pointer")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.radius = radius
        #: Where the halo is, in this widget's coordinates (None: off the window).
        self.at: QPoint | None = None
        self._on = False
        self._timer = QTimer(self)
        self._timer.setInterval(FOLLOW_MS)
        self._timer.timeout.connect(self.follow_mouse)
        self.hide()

    def set_on(self, on: bool) -> None:
        """Show the halo at the mouse, or take it away."""
        self._on = on
        if on:
            self._cover_window()
            self.show()
            self._timer.start()
            self.follow_mouse()
        else:
            self._timer.stop()
            self.at = None
            self.hide()

    def is_on(self) -> bool:
        """Whether the halo is following the mouse."""
        return self._on

    def set_radius(self, radius: int) -> None:
        """Larger in lecture mode and with zoom."""
        self.radius = max(8, radius)
        self.update()

    def follow_mouse(self) -> None:
        """Move the halo to where the mouse is now."""
        self._cover_window()
        self.point_at(self.mapFromGlobal(QCursor.pos()))

    def point_at(self, point: QPoint | None) -> None:
        """Draw the halo at ``point`` (None or outside the window: nowhere)."""
        if point is not None and not self.rect().contains(point):
            point = None
        if point == self.at:
            return
        for old_or_new in (self.at, point):
            if old_or_new is not None:
                self.update(self._area(old_or_new))
        self.at = point

    def _cover_window(self) -> None:
        window = self.parentWidget()
        if window is not None and self.geometry() != window.rect():
            self.setGeometry(window.rect())
        # Docks and dialogs shown later would otherwise cover the halo.
        self.raise_()

    def _area(self, centre: QPoint) -> QRect:
        reach = self.radius + 8
        return QRect(centre.x() - reach, centre.y() - reach, 2 * reach, 2 * reach)

    def paintEvent(self, event: QPaintEvent) -> None:
        """The halo: disc, white ring, red ring."""
        if self.at is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ring = max(3, self.radius // 7)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(DISC_COLOUR)
        painter.drawEllipse(self.at, self.radius, self.radius)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(OUTER_COLOUR, ring + 4))
        painter.drawEllipse(self.at, self.radius, self.radius)
        painter.setPen(QPen(RING_COLOUR, ring))
        painter.drawEllipse(self.at, self.radius, self.radius)
        painter.end()


class CaptionLine(QLineEdit):
    """The caption's text field: Enter or Esc hands the keys back to the window."""

    #: Typing is over (Enter or Esc): the window takes the keys again.
    finished = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter and Esc end typing; the text stays on show."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
            event.accept()
            self.finished.emit()
            return
        super().keyPressEvent(event)


class CaptionBar(QToolBar):
    """One line of large type over the pages, for the room to read."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caption_bar")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)  # the View menu has its own
        self.line = CaptionLine()
        self.line.setObjectName("caption_line")
        self.line.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.line.setFrame(False)
        self.addWidget(self.line)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        """Texts in the language in use."""
        self.setWindowTitle(self.tr("Caption"))
        self.line.setAccessibleName(self.tr("Caption for the room"))
        self.line.setPlaceholderText(
            self.tr("Type a caption for the room; Enter or Esc goes back to the page")
        )

    def set_font_px(self, px: int) -> None:
        """Readout-sized type in lecture mode."""
        font = QFont(self.line.font())
        font.setPixelSize(px)
        font.setBold(True)
        self.line.setFont(font)

    def text(self) -> str:
        """The caption on show ("" when none)."""
        return self.line.text()

    def set_text(self, text: str) -> None:
        """Put ``text`` up (as a session or a lesson might)."""
        self.line.setText(text)
