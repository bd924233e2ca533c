"""What a lesson step draws over the window: halos, veils and bar bands.

A *halo* is a thick frame around an element the caption points at; a
*veil* covers an element that would give a question's answer away until it
is answered; a *band* marks one bar of a bar plot. All three are drawn over
the existing widgets (children of them, following their size), so no page
needs to know about lessons, and removing them leaves every widget as it
was.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

#: The halo's colour: a strong magenta, 5.9:1 on white, apart from P's blue,
#: Q's orange and the vermillion gradient.
HALO_COLOUR = "#C2185B"
VEIL_BACKGROUND = "#E4E4E4"
VEIL_TEXT = "#202020"


class _Follower(QWidget):
    """A child widget that always covers its parent exactly, on top."""

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self.target = target
        target.installEventFilter(self)
        self.setGeometry(target.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow the target's size; stay above children it adds later."""
        if watched is self.target and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.ChildAdded,
            QEvent.Type.LayoutRequest,
        ):
            self.setGeometry(self.target.rect())
            self.raise_()
        return False

    def remove(self) -> None:
        """Take the mark away (the target is left as it was)."""
        self.target.removeEventFilter(self)
        self.hide()
        self.setParent(None)
        self.deleteLater()


def _alive(widget: _Follower) -> bool:
    """Whether Qt still holds the widget (a deleted target takes its marks)."""
    return bool(shiboken6.isValid(widget)) and bool(shiboken6.isValid(widget.target))


class Halo(_Follower):
    """A frame around ``target``: what the caption says to look at."""

    def __init__(self, target: QWidget, width: int = 4) -> None:
        self.thickness = width
        super().__init__(target)
        self.setObjectName(f"lesson_halo_{target.objectName()}")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)

    def set_width(self, width: int) -> None:
        """The frame's thickness (thicker in lecture mode)."""
        self.thickness = width
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """A rounded frame just inside the target's edge."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # Never more than a sixth of the target's height: lecture mode's
        # frame, inside a 20-pixel slider, was a solid pill over its handle.
        thickness = max(2, min(self.thickness, min(self.width(), self.height()) // 6))
        pen = QPen(QColor(HALO_COLOUR), thickness)
        painter.setPen(pen)
        inset = thickness / 2 + 1
        painter.drawRoundedRect(
            QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), 6, 6
        )


class Veil(_Follower):
    """An opaque cover over ``target`` until the question is answered.

    It says "?  Answer first"; over a target too small for that in its font
    (the one-line readout beside a slider) it says only "?", in the target's
    own font, so the veil never shows a cut-off word.
    """

    def __init__(self, target: QWidget, font_px: int = 15, later: bool = False) -> None:
        self.label = QLabel()
        self._font_px = font_px
        #: Veiled for a question of a later step (this step asks nothing of it).
        self.later = later
        self._words = (
            QCoreApplication.translate("Lessons", "?  Asked on a later step")
            if later
            else QCoreApplication.translate("Lessons", "?  Answer first")
        )
        self._built = False  # _Follower's first resize comes before the layout
        super().__init__(target)
        self.setObjectName(f"lesson_veil_{target.objectName()}")
        self.label.setParent(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(2, 2, 2, 2)
        self._layout.addWidget(self.label)
        self.setAccessibleName(
            QCoreApplication.translate(
                "Lessons", "Hidden until a later question is answered"
            )
            if later
            else QCoreApplication.translate("Lessons", "Hidden until you answer")
        )
        self._built = True
        self._fit_words()

    def _fit_words(self) -> None:
        """The full words if they fit on the veil, else "?" in the target's font."""
        bold = f"color: {VEIL_TEXT}; background: transparent; font-weight: bold;"
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(self._font_px)
        metrics = QFontMetrics(font)
        fits = (
            metrics.horizontalAdvance(self._words) + 8 <= self.width()
            and metrics.height() + 6 <= self.height()
        )
        text = self._words if fits else "?"
        size = f" font-size: {self._font_px}px;" if fits else ""
        if self.label.text() != text:
            self.label.setText(text)
            self.label.setStyleSheet(bold + size)
            margin = 2 if fits else 0
            self._layout.setContentsMargins(margin, margin, margin, margin)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Choose the words for the new size."""
        super().resizeEvent(event)
        if self._built:
            self._fit_words()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Fill with the veil's colour (a plain QWidget draws no style sheet)."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(VEIL_BACKGROUND))
        painter.setPen(QPen(QColor("#707070"), 2, Qt.PenStyle.DashLine))
        painter.drawRect(self.rect().adjusted(1, 1, -2, -2))


class BarBands:
    """A band behind one outcome's bars in each plot of a bar-plot widget.

    The bands are created once per plot and shown or hidden; the bars stand
    at x = 0, 1, … (a plot of more than a few dozen outcomes has no bars to
    point at, and the lesson format refuses a bar beyond the step's K).
    """

    def __init__(self) -> None:
        self._bands: dict[int, Any] = {}

    def show(self, widget: Any, index: int | None) -> None:
        """Mark outcome ``index`` in every per-outcome plot of ``widget`` (None: none).

        A widget's ``outcome_plots()`` names them where some of its plots
        are not per outcome (the totals beside the KL terms: a band at 1
        there lit up D(Q‖P)); else all its ``plot_items()``.
        """
        plots: list[Any] = getattr(
            widget, "outcome_plots", getattr(widget, "plot_items", lambda: [])
        )()
        for plot in plots:
            band = self._bands.get(id(plot))
            if band is None:
                band = pg.LinearRegionItem(
                    movable=False,
                    brush=pg.mkBrush(194, 24, 91, 46),
                    pen=pg.mkPen(HALO_COLOUR, width=3),
                )
                band.setZValue(-10)
                band.setObjectName("lesson_bar_band")
                plot.addItem(band, ignoreBounds=True)
                self._bands[id(plot)] = band
            if index is None:
                band.hide()
            else:
                band.setRegion((index - 0.5, index + 0.5))
                band.show()

    def hide_all(self) -> None:
        """Hide every band."""
        for band in self._bands.values():
            band.hide()

    def shown(self) -> list[tuple[float, float]]:
        """The regions of the bands on show (for tests)."""
        return [
            tuple(band.getRegion()) for band in self._bands.values() if band.isVisible()
        ]


class Marks:
    """Every halo, veil and band of the step on show, found by object name."""

    def __init__(self, root: QWidget) -> None:
        self.root = root
        self.halos: dict[str, Halo] = {}
        self.veils: dict[str, Veil] = {}
        self.bands = BarBands()
        self._banded: list[Any] = []
        self.halo_width = 4
        self.veil_font_px = 15

    def find(self, name: str) -> QWidget | None:
        """The window's widget called ``name`` (the first, if several)."""
        if self.root.objectName() == name:
            return self.root
        found = self.root.findChild(QWidget, name)
        return found if isinstance(found, QWidget) else None

    def highlight(self, targets: list[tuple[str, int | None]]) -> list[str]:
        """Halo each (name, bar) target; returns the names not found."""
        self.clear_highlight()
        missing = []
        for name, bar in targets:
            widget = self.find(name)
            if widget is None:
                missing.append(name)
                continue
            if name not in self.halos:
                self.halos[name] = Halo(widget, self.halo_width)
            if bar is not None:
                self.bands.show(widget, bar)
                self._banded.append(widget)
        return missing

    def clear_highlight(self) -> None:
        """Remove every halo and band."""
        for halo in self.halos.values():
            halo.remove()
        self.halos.clear()
        self.bands.hide_all()
        self._banded.clear()

    def veil(self, names: list[str], later: Collection[str] = ()) -> list[str]:
        """Cover exactly the named widgets; returns the names not found.

        Those in ``later`` are veiled for a later step's question, and say
        so. A veil already over its widget, saying the same, stays (it is
        asked again on every change of the window's state while a question
        is open); one over a widget no longer named, or since replaced (a
        slider row rebuilt), goes.
        """
        missing = []
        kept: dict[str, Veil] = {}
        for name in names:
            widget = self.find(name)
            if widget is None:
                missing.append(name)
                continue
            for_later = name in later
            veil = self.veils.pop(name, None)
            if (
                veil is not None
                and _alive(veil)
                and veil.target is widget
                and veil.later == for_later
            ):
                kept[name] = veil
                continue
            if veil is not None and _alive(veil):
                veil.remove()
            kept[name] = Veil(widget, self.veil_font_px, later=for_later)
        self.clear_veils()
        self.veils = kept
        return missing

    def clear_veils(self) -> None:
        """Uncover everything (a veil whose widget was deleted went with it)."""
        for veil in self.veils.values():
            if _alive(veil):
                veil.remove()
        self.veils.clear()

    def set_halo_width(self, width: int) -> None:
        """The halos' thickness."""
        self.halo_width = width
        for halo in self.halos.values():
            halo.set_width(width)

    def clear(self) -> None:
        """Remove every mark."""
        self.clear_highlight()
        self.clear_veils()
