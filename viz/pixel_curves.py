"""Curves drawn through no more points than their pixels can show.

A stroke wider than one pixel costs Qt's raster engine a join per point: the
next-token lab's rank curves hold 1,346 points each, a quarter of a pixel
apart in their long tail, and drawing the two at 2.5 px took 2 ms of every
frame of a temperature drag (at 1 px, 0.1 ms). Within one pixel column a
line through all its points covers the same span as one through the
column's first, lowest, highest and last point, in their order (drawn, the
two lie within a pixel of each other); the curve keeps those and no others,
worked out again whenever the view's scale changes. Exports (SVG, PDF,
slides at 2× or 3×) draw every point.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtGui import QPainterPath

FloatArray = NDArray[np.float64]


def thinned_to_pixel_columns(
    x: FloatArray, y: FloatArray, pixel: float
) -> tuple[FloatArray, FloatArray]:
    """The points of a polyline that decide which pixels it covers.

    Parameters
    ----------
    x, y : ndarray
        The polyline, x increasing (not necessarily strictly).
    pixel : float
        The width of one pixel column in x's units.

    Returns
    -------
    (ndarray, ndarray)
        In their original order, the first, lowest, highest and last point
        of every column of width ``pixel`` counted from ``x[0]``: at most
        four a column. The input unchanged when it cannot be thinned
        faithfully: fewer than five points, ``pixel`` not positive and
        finite, x not increasing, or any value not finite (a gap a line
        must break at).
    """
    n = len(x)
    if n < 5 or not (np.isfinite(pixel) and pixel > 0) or not np.isfinite(x + y).all():
        return x, y
    column = np.floor((x - x[0]) * (1.0 / pixel)).astype(np.int64)
    moves = np.diff(column)
    if (moves < 0).any():  # x falls somewhere: not a curve over x
        return x, y
    new_column = moves != 0
    keep = np.ones(n, dtype=bool)
    keep[1:-1] = new_column[:-1] | new_column[1:]  # a column's first or last
    rise = np.diff(y)
    if not (np.all(rise <= 0) or np.all(rise >= 0)):
        # Not monotone: a column's lowest and highest point may lie inside
        # it. Sorted by (column, y), each column's lowest comes first.
        by_height = np.lexsort((y, column))
        ordered = column[by_height]
        edge = ordered[1:] != ordered[:-1]
        lowest = by_height[np.flatnonzero(np.concatenate(([True], edge)))]
        highest = by_height[np.flatnonzero(np.concatenate((edge, [True])))]
        keep[lowest] = keep[highest] = True
    if keep.all():
        return x, y
    return x[keep], y[keep]


class PixelThinnedCurve(pg.PlotCurveItem):
    """A PlotCurveItem whose path holds at most four points a pixel column.

    A PlotCurveItem knows no log mode: on a log axis give it log10 values.
    (A PlotDataItem's own curve cannot be swapped for one: the curve it made
    must then be deleted, and Qt crashed later delivering an event to it.)
    Draws its path with ``drawPath``, never pyqtgraph's separate segments:
    for these curves the segments were the slower of the two.
    """

    path: QPainterPath | None  # pyqtgraph's cache of the path to stroke

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setSegmentedLineMode("off")

    def getPath(self) -> QPainterPath:
        """The path to stroke: thinned on screen, every point in an export."""
        if self._exportOpts is not False:
            x, y = self.getData()
            if x is None or len(x) == 0:
                return QPainterPath()
            whole: QPainterPath = self.generatePath(x, y)
            return whole
        if self.path is None:
            x, y = self.getData()
            if x is None or len(x) == 0 or y is None or len(y) == 0:
                self.path = QPainterPath()
            else:
                pixel = self.pixelWidth()
                self.path = self.generatePath(*thinned_to_pixel_columns(x, y, pixel))
            self.fillPath = None
            self._fillPathList = None
            self._mouseShape = None
        return self.path

    def viewTransformChanged(self) -> None:
        """A new scale has other pixel columns: thin the points again."""
        self.path = None
        super().viewTransformChanged()
