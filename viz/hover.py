"""Hovering over a bar tells that outcome's numbers in a tooltip."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QObject, QPointF, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QToolTip

from core import Results
from core.export import outcome_summary


class HoverReporter(QObject):
    """Watches the pointer over one per-outcome plot and explains the outcome under it.

    The text comes from the last results shown (:meth:`show_results`); the
    pointer's x is an outcome index on a linear axis and log₁₀ of the rank on
    a log-rank axis.
    """

    hovered = Signal(int, str)

    def __init__(self, widget: pg.GraphicsView, plot: pg.PlotItem) -> None:
        super().__init__(widget)
        self._widget = widget
        self._plot = plot
        self._results: Results | None = None
        self._log_x = False
        self._shown: int | None = None
        widget.scene().sigMouseMoved.connect(self.pointer_moved)

    def show_results(self, results: Results, log_x: bool) -> None:
        """Remember what is on show (nothing is computed here)."""
        self._results = results
        self._log_x = log_x
        self._shown = None

    def outcome_at(self, scene_position: QPointF) -> int | None:
        """The outcome under a scene position, or None outside the bars."""
        if self._results is None:
            return None
        view_box = self._plot.getViewBox()
        if not view_box.sceneBoundingRect().contains(scene_position):
            return None
        x = view_box.mapSceneToView(scene_position).x()
        index = round(10**x) - 1 if self._log_x else round(x)
        return index if 0 <= index < self._results.p.size and math.isfinite(x) else None

    def pointer_moved(self, scene_position: QPointF) -> None:
        """Show (or hide) the tooltip for the outcome under the pointer."""
        index = self.outcome_at(scene_position)
        if index is None or self._results is None:
            if self._shown is not None:
                QToolTip.hideText()
                self._shown = None
            return
        if index == self._shown:
            return
        self._shown = index
        text = outcome_summary(self._results, index)
        QToolTip.showText(QCursor.pos(), text, self._widget)
        self.hovered.emit(index, text)
