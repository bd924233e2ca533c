"""Plot pieces of the labs: running means with ±2 SE bands on a log axis, recent draws.

Every item is created once and then updated with ``setData``/``setValue``;
nothing here computes a statistic, it only draws what the results hold.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from viz.plotting import StickyRange, text_symbol

FloatArray = NDArray[np.float64]

#: Line styles that tell series apart without their colours.
STYLES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine)

#: Symbols that tell the recent draws' series apart without their colours.
SYMBOLS = ("o", "t", "s")
#: Each symbol as its title's legend draws it (pyqtgraph's "t" points down).
SYMBOL_MARKS = ("●", "▼", "■")

#: Running means before this many draws swing too far to fit the y range to.
FIT_FROM = 10
#: Where a log axis of draws starts: log10 of 0.93 draws, right of 0.9's tick.
LEFT_OF_DRAW_1 = -0.03
#: The rows of ∞ marks above the finite draws: a mark's height and a gap, and
#: the margin above the first row, in pixels.
INFINITY_ROW_PX, INFINITY_MARGIN_PX = 18.0, 4.0
#: The width of a running mean's ∞ mark, in pixels.
INFINITY_MARK_PX = 20


def translucent(colour: str, alpha: int = 45) -> QColor:
    """``colour`` with the given alpha, for a band behind its line."""
    shade = QColor(colour)
    shade.setAlpha(alpha)
    return shade


def band(means: FloatArray, errors: FloatArray) -> tuple[FloatArray, FloatArray]:
    """The ±2 standard-error band's edges of finite means and errors."""
    return means - 2 * errors, means + 2 * errors


class LogDrawsAxis:
    """An x axis of draw counts on a log scale, growing a whole decade at a time."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self.plot = plot
        self.decades: int | None = None
        plot.setLogMode(x=True, y=False)
        plot.disableAutoRange(axis="x")
        self.fit(0)

    def fit(self, count: int) -> None:
        """Show draws 1 … at least ``count`` (at least two decades)."""
        decades = max(2, math.ceil(math.log10(max(count, 1)) + 1e-9))
        if decades != self.decades:
            self.decades = decades
            # A little room left of draw 1 for its dot, but less than to
            # 0.9: a log axis labelled that tick, and no run has 0.9 draws.
            self.plot.setXRange(LEFT_OF_DRAW_1, decades * 1.02, padding=0.0)


class RunningMean:
    """One running mean: its line, its ±2 SE band, its exact value and label."""

    def __init__(
        self, plot: pg.PlotItem, colour: str, style: Qt.PenStyle, label: str
    ) -> None:
        self.colour = colour
        # No symbol options here: given any, pyqtgraph draws a dot at every
        # point. The dot is set when a mean has one point (see show).
        self.line = plot.plot(pen=pg.mkPen(colour, width=2.5, style=style))
        self.upper = plot.plot(pen=pg.mkPen(translucent(colour, 90), width=1))
        self.lower = plot.plot(pen=pg.mkPen(translucent(colour, 90), width=1))
        self.band = pg.FillBetweenItem(
            self.upper, self.lower, brush=translucent(colour)
        )
        plot.addItem(self.band)
        dashed = pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DashLine)
        self.exact = pg.InfiniteLine(angle=0, pen=dashed)
        plot.addItem(self.exact)
        # On a white ground: a label that must sit across another line
        # (E[k2] under its own, over D(Q‖P)'s) stays legible, not struck out.
        self.label = pg.TextItem(
            label, color=colour, anchor=(1, 1), fill=pg.mkBrush(255, 255, 255, 220)
        )
        plot.addItem(self.label)
        self.infinite = pg.ScatterPlotItem(
            symbol=text_symbol("∞"), size=INFINITY_MARK_PX, brush=colour, pen=None
        )
        plot.addItem(self.infinite)
        self.infinite.setZValue(10)

    def show(
        self,
        checkpoints: FloatArray,
        means: FloatArray,
        errors: FloatArray,
        exact: float,
        label: str,
    ) -> None:
        """Draw the history and the exact value (hidden when it is not finite)."""
        finite = np.isfinite(means)
        self.line.setData(checkpoints[finite], means[finite])
        # A line through one point draws nothing: after Draw 1, a dot.
        single = int(np.count_nonzero(finite)) == 1
        if single != self._dot:
            self._dot = single
            if single:
                self.line.setSymbolBrush(self.colour)
                self.line.setSymbolPen(None)
                self.line.setSymbolSize(8)
            self.line.setSymbol("o" if single else None)
        banded = finite & np.isfinite(errors)
        lower, upper = band(means[banded], errors[banded])
        self.upper.setData(checkpoints[banded], upper)
        self.lower.setData(checkpoints[banded], lower)
        # Emptied edges leave a FillBetweenItem's last path standing: after
        # Reset, or under a mean gone infinite, the old run's band stayed.
        self.band.setVisible(bool(banded.any()))
        self.exact.setVisible(math.isfinite(exact))
        if math.isfinite(exact):
            self.exact.setValue(exact)
        self.label.setText(label)
        self.label.setVisible(math.isfinite(exact))
        self._infinite_from = (
            float(checkpoints[~finite][0]) if (~finite).any() else None
        )

    def place(self, x_right: float, y_top: float, x_clear: float) -> None:
        """Put the label at the right end of its line and ∞ marks at the top.

        A mark stands no further left than ``x_clear``, where all of it is
        inside the plot: centred on draw 1 it lay half over the axis's ticks.
        """
        if self.exact.isVisible():
            self.label.setPos(x_right, self.exact.value())
        if self._infinite_from is None:
            self.infinite.setData(x=[], y=[])
        else:
            self.infinite.setData(x=[self.infinite_x(x_clear)], y=[y_top])

    _infinite_from: float | None = None
    _dot = False

    @property
    def infinite_from(self) -> float | None:
        """The first draw after which the mean is infinite (None: it is not)."""
        return self._infinite_from

    def infinite_x(self, x_clear: float) -> float:
        """Where :meth:`place` puts the ∞ mark (+inf when there is none)."""
        start = self._infinite_from
        return math.inf if start is None else max(math.log10(start), x_clear)


class RunningMeansPlot:
    """Several running means against the number of draws (log scale)."""

    def __init__(
        self,
        plot: pg.PlotItem,
        colours: Sequence[str],
        labels: Sequence[str],
        styles: Sequence[Qt.PenStyle] = STYLES,
    ) -> None:
        self.plot = plot
        self.axis = LogDrawsAxis(plot)
        self.means = [
            RunningMean(plot, colour, styles[i % len(styles)], label)
            for i, (colour, label) in enumerate(zip(colours, labels, strict=True))
        ]
        self.y_range = StickyRange(plot)
        self._count = 0
        plot.getViewBox().sigRangeChanged.connect(lambda *_: self._place())
        # Where a label fits depends on the plot's height in pixels too.
        plot.getViewBox().sigResized.connect(lambda *_: self._place())

    def show(
        self,
        checkpoints: NDArray[np.int64],
        means: FloatArray,
        errors: FloatArray,
        exact: Sequence[float],
        extra: Sequence[float],
        labels: Sequence[str],
        count: int,
    ) -> None:
        """Draw each row of ``means``/``errors`` with its exact value.

        ``extra`` are further values the y range must show (what a biased
        estimator converges to).
        """
        x = checkpoints.astype(np.float64)
        for row, mean in enumerate(self.means):
            mean.show(x, means[row], errors[row], exact[row], labels[row])
        self.axis.fit(count)
        if count < self._count:  # a new run: its range, not the last one's
            self.y_range.forget()
        self._count = count
        self._fit_y(checkpoints, means, errors, [*exact, *extra])
        self._place()

    def _fit_y(
        self,
        checkpoints: NDArray[np.int64],
        means: FloatArray,
        errors: FloatArray,
        fixed: Sequence[float],
    ) -> None:
        late = checkpoints >= FIT_FROM
        if not late.any():
            # Fewer than FIT_FROM draws: the first means are all there is.
            # Fitted to the exact values alone, Draw 1's mean (k1 = 0.32
            # over a top of 0.25) was off the plot, which showed nothing.
            late = np.ones_like(late)
        values = [v for v in fixed if math.isfinite(v)]
        shown = late[None, :] & np.isfinite(means) & np.isfinite(errors)
        if shown.any():
            lower, upper = band(means[shown], errors[shown])
            values += [float(lower.min()), float(upper.max())]
        # A mean with no error yet (one draw) is shown all the same.
        bare = late[None, :] & np.isfinite(means) & ~np.isfinite(errors)
        if bare.any():
            values += [float(means[bare].min()), float(means[bare].max())]
        if values:
            self.y_range.fit(min(values), max(values))

    def _place(self) -> None:
        view = self.plot.getViewBox()
        (x_low, x_high), (y_low, y_high) = view.viewRange()
        top = y_high - 0.06 * (y_high - y_low)
        width_px, height_px = view.width(), view.height()
        clear, step = x_low, 0.0
        if width_px > 0 and x_high > x_low:
            clear += (INFINITY_MARK_PX / 2 + 2) * (x_high - x_low) / width_px
            step = (INFINITY_MARK_PX + 2) * (x_high - x_low) / width_px
        # Means gone infinite at the same draw (or close): their marks side
        # by side along the top, not one over the other (nor stacked down
        # over the band in a short plot).
        for mean in sorted(self.means, key=lambda m: m.infinite_x(clear)):
            mean.place(x_high, top, clear)
            clear = max(clear, mean.infinite_x(clear)) + step
        if width_px <= 0 or height_px <= 0 or x_high <= x_low or y_high <= y_low:
            return
        per_x = width_px / (x_high - x_low)
        per_y = height_px / (y_high - y_low)
        for mean, (anchor, shift) in self._label_places(
            y_high, per_y, height_px
        ).items():
            if tuple(mean.label.anchor) != anchor:
                mean.label.setAnchor(anchor)
            if shift:
                mean.label.setPos(x_high - shift / per_x, mean.exact.value())

    def _label_places(
        self, y_high: float, per_y: float, height_px: float
    ) -> dict[RunningMean, tuple[tuple[int, int], float]]:
        """Each label's anchor and leftward shift (px), clear of the others.

        From the top line down, a label goes above its line, else below it,
        wherever it stays inside the plot and off the labels placed before
        (E[k2] at the top of its range lost its upper half above its line);
        where neither does (H(P) and H(P,Q) a few pixels apart), below it
        (above, if below runs off the plot) and left of the labels in its way.
        """
        shown = [m for m in self.means if m.label.isVisible()]
        boxes: list[_LabelBox] = []
        places = {}
        for mean in sorted(shown, key=lambda m: -m.exact.value()):
            line = (y_high - mean.exact.value()) * per_y
            box = mean.label.boundingRect()
            above = _LabelBox(line - box.height(), line, 0.0, box.width())
            below = _LabelBox(line, line + box.height(), 0.0, box.width())
            fitting = [
                (anchor, candidate)
                for anchor, candidate in (((1, 1), above), ((1, 0), below))
                if candidate.top >= 0 and candidate.bottom <= height_px
            ]
            clear = [(a, c) for a, c in fitting if not c.meets_any(boxes)]
            if clear:
                anchor, chosen = clear[0]
            else:
                anchor, chosen = fitting[-1] if fitting else ((1, 0), below)
                chosen = chosen.left_of(boxes)
            places[mean] = (anchor, chosen.near)
            boxes.append(chosen)
        return places


@dataclass(frozen=True)
class _LabelBox:
    """A label's rows (px from the plot's top) and its span left of the right edge."""

    top: float
    bottom: float
    near: float  # px from the right edge to the label's right side
    far: float  # to its left side

    def meets(self, other: _LabelBox) -> bool:
        """True if the two boxes overlap."""
        return (
            self.top < other.bottom
            and other.top < self.bottom
            and self.near < other.far
            and other.near < self.far
        )

    def meets_any(self, others: list[_LabelBox]) -> bool:
        """True if this box overlaps any of ``others``."""
        return any(self.meets(other) for other in others)

    def left_of(self, others: list[_LabelBox]) -> _LabelBox:
        """The same rows, moved left past every box of ``others`` on them."""
        in_rows = [o for o in others if self.top < o.bottom and o.top < self.bottom]
        shift = max((o.far + 6.0 for o in in_rows), default=0.0)
        width = self.far - self.near
        return _LabelBox(self.top, self.bottom, shift, shift + width)


class RecentDraws:
    """The values of each of the latest draws, newest at 0, with ∞ drawn at the top."""

    def __init__(self, plot: pg.PlotItem, colours: Sequence[str], limit: int) -> None:
        self.plot = plot
        self.points = [
            plot.plot(
                pen=None,
                symbol=SYMBOLS[i % len(SYMBOLS)],
                symbolSize=7,
                symbolBrush=colour,
                symbolPen=pg.mkPen(colour),
            )
            for i, colour in enumerate(colours)
        ]
        self.exact = [
            pg.InfiniteLine(
                angle=0, pen=pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DashLine)
            )
            for colour in colours
        ]
        for line in self.exact:
            plot.addItem(line)
        self.infinite = [
            pg.ScatterPlotItem(symbol=text_symbol("∞"), size=16, brush=colour, pen=None)
            for colour in colours
        ]
        for item in self.infinite:
            plot.addItem(item)
            item.setZValue(10)
        plot.setXRange(-(limit - 1) - 0.5, 0.5, padding=0.01)
        plot.disableAutoRange(axis="x")
        self.y_range = StickyRange(plot)
        self._drawn = 0
        self._infinite_x: list[FloatArray] = [np.empty(0) for _ in colours]
        plot.getViewBox().sigRangeChanged.connect(lambda *_: self._place())
        # Where a label fits depends on the plot's height in pixels too.
        plot.getViewBox().sigResized.connect(lambda *_: self._resized())

    def show(self, values: FloatArray, exact: Sequence[float]) -> None:
        """``values`` (rows: series; columns: draws, oldest first) and their means."""
        m = values.shape[1]
        if m < self._drawn:  # a new run: its range, not the last one's
            self.y_range.forget()
        self._drawn = m
        x = np.arange(-(m - 1), 1, dtype=np.float64)
        shown: list[float] = []
        for row, item in enumerate(self.points):
            finite = np.isfinite(values[row])
            item.setData(x[finite], values[row][finite])
            self._infinite_x[row] = x[~finite]
            shown += values[row][finite].tolist()
            line = self.exact[row]
            line.setVisible(math.isfinite(exact[row]))
            if math.isfinite(exact[row]):
                line.setValue(exact[row])
                shown.append(exact[row])
        self._finite = (min(shown), max(shown)) if shown else None
        self._fit_range()
        self._place()

    def _fit_range(self) -> None:
        """The y range: the finite values and, above them, the rows of ∞.

        At the top of the finite range the ∞ marks sat on the k2 and k3
        points: they get a band of their own, whose share of the plot is
        its pixels' share (worked out again when the plot is resized).
        """
        if self._finite is None:
            return
        low, high = self._finite
        self.y_range.fit(low, high)
        if not any(x.size for x in self._infinite_x):
            return
        view = self.plot.getViewBox()
        for _ in range(3):  # the range snaps to nice values: it settles at once
            _, (y_low, y_high) = view.viewRange()
            per_px = (y_high - y_low) / max(view.height(), 1.0)
            needed = high + self._band_px() * per_px
            if y_high >= needed or view.height() < 1.4 * self._band_px():
                return  # (a plot too small for the band keeps its data)
            self.y_range.fit(low, needed + 0.1 * (needed - high))

    def _resized(self) -> None:
        self._fit_range()
        self._place()

    _finite: tuple[float, float] | None = None

    def _band_px(self) -> float:
        """The height the rows of ∞ marks take, from the plot's top."""
        return INFINITY_MARGIN_PX + len(self.infinite) * INFINITY_ROW_PX

    def _place(self) -> None:
        view = self.plot.getViewBox()
        _, (y_low, y_high) = view.viewRange()
        per_px = (y_high - y_low) / max(view.height(), 1.0)
        rows = zip(self.infinite, self._infinite_x, strict=True)
        for row, (item, x) in enumerate(rows):
            # One row of ∞ a series, from the top down: the same draw's
            # k1, k2 and k3 are all ∞ together and would hide each other.
            below_top = INFINITY_MARGIN_PX + (row + 0.5) * INFINITY_ROW_PX
            item.setData(x=x, y=np.full(x.size, y_high - below_top * per_px))


__all__ = [
    "FIT_FROM",
    "LogDrawsAxis",
    "RecentDraws",
    "RunningMean",
    "RunningMeansPlot",
    "translucent",
]
