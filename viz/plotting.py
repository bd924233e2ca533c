"""Shared plot machinery: bars that turn into lines at large K, ∞ markers, styling.

Every item here is created once and later updated with ``setOpts``/``setData``.
"""

from __future__ import annotations

import functools
import math
import re
import weakref
from collections.abc import Callable
from typing import Any

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QGraphicsItem

from viz import theme
from viz.fitted_text import FittedTitle, fitted_axes

#: Above this many outcomes bars are sub-pixel: draw a line instead.
BAR_LIMIT = 200

#: A line of K points is drawn through this many buckets' minima and maxima.
ENVELOPE_BUCKETS = 1200


def configure_pyqtgraph() -> None:
    """Global pyqtgraph look: white background, no antialiasing (speed at large K)."""
    pg.setConfigOptions(
        antialias=False, background="w", foreground=theme.NORMAL.foreground
    )


@functools.cache
def text_symbol(text: str) -> QPainterPath:
    """A scatter symbol drawn as text, centred on its point (for ∞ marks).

    Built on first use: fonts need a running QApplication.
    """
    path = QPainterPath()
    font = QFont()
    font.setPointSize(10)
    font.setBold(True)
    path.addText(QPointF(0, 0), font, text)
    box = path.boundingRect()
    scale = 1.0 / max(box.width(), box.height())
    transform = QTransform()
    transform.scale(scale, scale)
    transform.translate(-box.x() - box.width() / 2, -box.y() - box.height() / 2)
    return transform.map(path)


def swatch(colour: str, text: str, mark: str = "■") -> str:
    """Rich text: a coloured square and a name, for a title that is its own legend.

    ``mark`` is the square's stand-in for a series drawn as other symbols
    (● ▼ for points drawn as circles and triangles).

    A legend box inside the plot hides the bars behind it and repaints with
    them; a colour-keyed title does neither.
    """
    # Never broken across lines: "q·log(q/" over "p)" reads as nonsense.
    # Qt's nowrap only keeps spaces from breaking; a word joiner after "/"
    # (a lecture at 1920 px broke there) and between two Chinese characters
    # (which kept "目标" from breaking into "目" over "标") does the rest.
    text = _SLASH_OUTSIDE_TAGS.sub(
        lambda m: m.group(1) or "/\u2060", _CJK_PAIR.sub("\\1\u2060", text)
    )
    return (
        f"<span style='white-space:nowrap'><span style='color:{colour}'>{mark}</span>"
        f"&nbsp;{text}</span>"
    )


#: A CJK character followed by another (where Qt may break a line).
_CJK_PAIR = re.compile(
    r"([\u3400-\u9fff\uff00-\uffef])(?=[\u3400-\u9fff\uff00-\uffef])"
)
#: A tag (kept as it is) or a slash in the text (joined to what follows).
_SLASH_OUTSIDE_TAGS = re.compile(r"(<[^>]*>)|/")


def _fitted_title(plot: pg.PlotItem) -> None:
    old = plot.titleLabel
    plot.layout.removeItem(old)
    if old.scene() is not None:
        old.scene().removeItem(old)
    plot.titleLabel = FittedTitle()
    plot.titleLabel.setParentItem(plot)
    plot.layout.addItem(plot.titleLabel, 0, 1)


#: Texts inside a plot (a line's name, a tree's codewords) against the axis
#: type: in lecture type they stayed at 13 px beside 24-px ticks.
PLOT_TEXT_SCALE = 0.85
#: Never smaller than the normal axis type.
PLOT_TEXT_MIN_PX = 12


def plot_text_px(axis_px: int) -> int:
    """The pixel size of the texts inside a plot whose axes are ``axis_px``."""
    return max(PLOT_TEXT_MIN_PX, round(axis_px * PLOT_TEXT_SCALE))


def set_plot_text_px(plot: pg.PlotItem, px: int) -> None:
    """Every text inside ``plot`` at ``px``, and those made later by plot_text.

    Then whatever fits its texts to its own room (:func:`after_text_px`)
    fits them again: a tree's codewords, shrunk to their leaves, came back
    full size and ran together after Ctrl+0.
    """
    plot.setProperty("plot_text_px", px)
    pending = list(plot.childItems())
    while pending:
        item = pending.pop()
        if isinstance(item, pg.TextItem):
            set_text_px(item, px)
        else:
            pending.extend(item.childItems())
    for refit in _REFITS.get(plot, ()):
        refit()


#: What to call after a plot's texts were set to a new size, by plot.
_REFITS: weakref.WeakKeyDictionary[pg.PlotItem, list[Callable[[], None]]] = (
    weakref.WeakKeyDictionary()
)


def after_text_px(plot: pg.PlotItem, refit: Callable[[], None]) -> None:
    """Call ``refit`` whenever :func:`set_plot_text_px` sets ``plot``'s texts."""
    _REFITS.setdefault(plot, []).append(refit)


def plot_text(plot: pg.PlotItem, *args: Any, **kwargs: Any) -> pg.TextItem:
    """A pg.TextItem in the type of ``plot``'s other texts (lecture or not)."""
    item = pg.TextItem(*args, **kwargs)
    px = plot.property("plot_text_px")
    if px:
        set_text_px(item, int(px))
    return item


def set_text_px(item: pg.TextItem, px: int) -> None:
    """``item``'s type at ``px`` pixels (nothing done if it is already)."""
    font = QFont(item.textItem.font())
    if font.pixelSize() != px:
        font.setPixelSize(px)
        item.setFont(font)


def style_plot(
    plot: pg.PlotItem, title: str, x_label: str, y_label: str, hint: str = ""
) -> None:
    """Title, axis labels and a light grid; no accidental panning or zooming.

    ``hint`` (what a newcomer can do: "drag a bar") shows after the title
    except in lecture mode and in slides. Title and labels fit their room
    (:mod:`viz.fitted_text`).
    """
    _fitted_title(plot)
    fitted_axes(plot)
    plot.setTitle(title)
    plot.titleLabel.set_hint(hint)
    plot.setLabel("bottom", x_label)
    plot.setLabel("left", y_label)
    # No grid: a grid line belongs to its axis, so the axis (and all its tick
    # text) would repaint whenever anything in the plot changes.
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.setMenuEnabled(False)
    for side in ("left", "bottom"):
        axis = plot.getAxis(side)
        # "(x0.001)" on an axis confuses students more than 0.001 on a tick.
        axis.enableAutoSIPrefix(False)
        # Replaying an axis's tick text costs about a millisecond; a pixmap
        # cache makes a repaint of unchanged axes a blit.
        axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    for side in ("top", "right"):
        # Hidden, but pyqtgraph still rewrites their labels (a text layout
        # each) at every change of range while the SI prefix is on.
        plot.getAxis(side).autoSIPrefix = False


def integer_ticks(plot: pg.PlotItem, k: int) -> None:
    """Label the outcomes 0..K−1 on the x axis (every one while they fit)."""
    step = max(1, math.ceil(k / 16))
    ticks = [(i, str(i)) for i in range(0, k, step)]
    plot.getAxis("bottom").setTicks([ticks, []] if k <= BAR_LIMIT else None)


class OutcomeAxis:
    """The x axis of a per-outcome plot: integer ticks, or a log rank axis.

    A Zipf tail of 100,000 outcomes is only readable against log rank; bars
    (K ≤ 200) always stand on a linear axis.
    """

    def __init__(
        self, plot: pg.PlotItem, label: str, probability: bool = False
    ) -> None:
        self.plot = plot
        self.label = label
        self.probability = probability
        self._shown: tuple[int, bool] | None = None
        self._y_range: StickyRange | None = None

    def fit(self, k: int, log_x: bool) -> bool:
        """Adapt the axis to K outcomes; returns whether it is logarithmic."""
        log_x = log_x and k > BAR_LIMIT
        if self._shown == (k, log_x):
            return log_x
        self._shown = (k, log_x)
        self.plot.setLogMode(x=log_x, y=False)
        if log_x:
            self.plot.getAxis("bottom").setTicks(None)
            self.plot.setXRange(0, math.log10(k), padding=0.02)
        else:
            integer_ticks(self.plot, k)
            self.plot.setXRange(-0.6, k - 0.4, padding=0)
        self._show_label()
        if self.probability and k <= BAR_LIMIT:
            # Fixed, so that a drag maps straight to a probability.
            self.plot.setYRange(0, 1, padding=0.02)
            self._y_range = None
        elif self.probability:
            self._y_range = StickyRange(self.plot)
        return log_x

    def set_label(self, label: str) -> None:
        """A new label (another language): shown at once."""
        self.label = label
        if self._shown is not None:
            self._show_label()

    def _show_label(self) -> None:
        if self._shown is not None and self._shown[1]:
            text = QCoreApplication.translate("OutcomeAxis", "{axis} rank (log scale)")
            self.plot.setLabel("bottom", text.format(axis=self.label))
        else:
            self.plot.setLabel("bottom", self.label)

    def fit_top(self, top: float) -> None:
        """Follow the largest probability shown, when a long tail needs it."""
        if self._y_range is not None:
            self._y_range.fit(0.0, top)


GHOST_PEN = pg.mkPen("#222222", width=2, style=Qt.PenStyle.DashLine)


class SteadyBars(pg.BarGraphItem):
    """pyqtgraph's bars, their bounding rectangle worked out once per change.

    Qt asks an item for its bounding rectangle several times a frame (the
    scene's index, exposure, painting); pyqtgraph works it out afresh each
    time from the device transform, about a quarter of an explorer frame
    over its twenty bar items. It depends only on the bars (``setOpts``) and
    the view's transform, so it is kept until one of them changes. Before
    the item is on screen (no pixel size yet) nothing is kept. A
    ``setOpts`` that changes nothing (a view that draws every frame what
    only sometimes moves) neither recomputes nor repaints.
    """

    _steady_rect: QRectF | None = None

    def setOpts(self, **opts: Any) -> None:
        """As pyqtgraph's, unless every option given is the one held."""
        if self._steady_rect is not None and all(
            _same_option(self.opts.get(key), value) for key, value in opts.items()
        ):
            return
        self._steady_rect = None
        super().setOpts(**opts)

    def viewTransformChanged(self) -> None:
        """A new zoom or size: the pen's padding in data units changed."""
        self._steady_rect = None
        super().viewTransformChanged()

    def boundingRect(self) -> QRectF:
        """The bars plus half the pen (as pyqtgraph has it), kept while it holds."""
        if self._steady_rect is not None:
            return QRectF(self._steady_rect)
        xmn, xmx = self.dataBounds(ax=0)
        ymn, ymx = self.dataBounds(ax=1)
        if xmn is None or xmx is None or ymn is None or ymx is None:
            return QRectF()
        px = py = 0.0
        padding = self.pixelPadding()
        if padding > 0:
            x_vector, y_vector = self.pixelVectors()
            if x_vector is None or y_vector is None:
                return QRectF(xmn, ymn, xmx - xmn, ymx - ymn)  # not on screen
            px, py = x_vector.length() * padding, y_vector.length() * padding
        self._steady_rect = QRectF(
            xmn - px, ymn - py, 2 * px + xmx - xmn, 2 * py + ymx - ymn
        )
        return QRectF(self._steady_rect)


def _same_option(held: Any, given: Any) -> bool:
    """True if a bar option ``given`` is the one ``held`` (arrays by value).

    The same list or writable array given again counts as changed: it may
    have been changed in place, so only its values could tell, and they
    are the ones held. The same read-only array is the same values (the
    results share theirs while their side of the state stands still).
    """
    if held is given:
        if isinstance(held, np.ndarray):
            return not held.flags.writeable
        return not isinstance(held, list)
    try:
        if isinstance(held, (np.ndarray, list, tuple)) or isinstance(
            given, (np.ndarray, list, tuple)
        ):
            old, new = np.asarray(held), np.asarray(given)
            return old.shape == new.shape and bool(np.array_equal(old, new))
        return bool(held == given)
    except (TypeError, ValueError):
        return False


def add_after(plot: pg.PlotItem, item: Any, anchor: Any = None) -> None:
    """Add ``item`` to ``plot`` drawn just above ``anchor`` (None: above all).

    Items of equal z are drawn in the order they were added. An item made
    when first needed (a long tail's line, a pinned outline) takes the place
    it would have had if made with its series: under the zero line, the
    true class's outline and the series added after it.
    """
    plot.addItem(item)
    if anchor is None:
        return
    siblings = item.parentItem().childItems()  # in drawing order
    later = [s for s in siblings[siblings.index(anchor) + 1 :] if s is not item]
    if later:
        item.stackBefore(later[0])


class _BarsOrLine:
    """A bar item and a line item for one set of values; one of them shows.

    The line (for more than :data:`BAR_LIMIT` values) is made the first time
    it is needed: a window starts with K = 4, and every pyqtgraph item added
    to a plot costs its build time.
    """

    def __init__(
        self,
        plot: pg.PlotItem,
        width: float,
        brush: str | None,
        pen: QPen | None,
        after: Any = None,
    ) -> None:
        self.width = width
        self._plot = plot
        self.bars = SteadyBars(x=[], height=[], width=width, brush=brush, pen=pen)
        add_after(plot, self.bars, after)
        self._line_pen = pen if brush is None else pg.mkPen(brush, width=1)
        self._line: pg.PlotDataItem | None = None
        self._line_drawn: tuple[NDArray[np.float64], bool] | None = None

    @property
    def line(self) -> pg.PlotDataItem:
        """The line item (made now if it was never needed)."""
        if self._line is None:
            self._line = pg.PlotDataItem(pen=self._line_pen)
            self._line.setVisible(False)
            add_after(self._plot, self._line, self.bars)
        return self._line

    def last_item(self) -> Any:
        """The item drawn last of the two (the line, once it is made)."""
        return self.bars if self._line is None else self._line

    def set_line_pen(self, pen: QPen) -> None:
        """The line's pen, now or whenever the line is made."""
        self._line_pen = pen
        if self._line is not None:
            self._line.setPen(pen)

    def draw(
        self,
        heights: NDArray[np.float64],
        offset: float,
        y0: NDArray[np.float64] | None,
        log_x: bool,
    ) -> None:
        k = heights.size
        as_bars = k <= BAR_LIMIT
        if not as_bars and self._line_drawn is not None:
            # A long tail that did not move (Q's while P is dragged) keeps
            # its envelope: working it out and repainting cost a millisecond.
            held, held_log_x = self._line_drawn
            if held_log_x == log_x and same_values(held, heights):
                self.bars.setVisible(False)
                self.line.setVisible(True)
                return
        if as_bars:
            base = np.zeros(k) if y0 is None else y0
            x = np.arange(k) + offset
            self.bars.setOpts(x=x, height=heights, y0=base, width=self.width)
        else:
            x, y = envelope(heights, log_x)
            self.line.setData(x + (1.0 if log_x else 0.0), y)
            self._line_drawn = (kept_for_comparison(heights), log_x)
        self.bars.setVisible(as_bars)
        if self._line is not None or not as_bars:
            self.line.setVisible(not as_bars)

    def hide(self) -> None:
        self.bars.setVisible(False)
        if self._line is not None:
            self._line.setVisible(False)

    def line_visible(self) -> bool:
        """Whether the line is on show (False if it was never made)."""
        return self._line is not None and self._line.isVisible()


class Series:
    """One data series drawn as bars (small K) or as a line (large K).

    It can also show a pinned earlier state as a dashed outline (a ghost), to
    compare against.

    Parameters
    ----------
    plot : PlotItem
    colour : str
    offset : float
        Horizontal shift of the bars, so two series can stand side by side.
    width : float
        Bar width in outcome units.
    name : str
        What the series is, e.g. "P".
    """

    def __init__(
        self, plot: pg.PlotItem, colour: str, offset: float, width: float, name: str
    ) -> None:
        self.offset = offset
        self.width = width
        self.colour = colour
        self.name = name
        outline = theme.OUTLINES.get(colour)
        pen = pg.mkPen(outline, width=1.5) if outline else None
        self._plot = plot
        self._face = _BarsOrLine(plot, width, colour, pen)
        #: The pinned outline, made when first pinned.
        self._ghost: _BarsOrLine | None = None
        self.bars = self._face.bars

    @property
    def line(self) -> pg.PlotDataItem:
        """The line drawn for a long tail (made when first needed)."""
        return self._face.line

    def set_values(
        self,
        heights: NDArray[np.float64],
        y0: NDArray[np.float64] | None = None,
        log_x: bool = False,
    ) -> None:
        """Show ``heights`` for outcomes 0..K−1 (bars start at ``y0``, default 0).

        With ``log_x`` a line is drawn against the rank 1..K, which a
        logarithmic axis can show (outcome 0 has rank 1).
        """
        self._face.draw(heights, self.offset, y0, log_x)

    def set_ghost(
        self, heights: NDArray[np.float64] | None, log_x: bool = False
    ) -> None:
        """Outline pinned values (dashed), or remove the outline with None."""
        if heights is None:
            if self._ghost is not None:
                self._ghost.hide()
            return
        if self._ghost is None:
            self._ghost = _BarsOrLine(
                self._plot,
                self._face.width,
                None,
                GHOST_PEN,
                after=self._face.last_item(),
            )
        self._ghost.draw(heights, self.offset, None, log_x)

    def ghost_heights(self) -> NDArray[np.float64] | None:
        """The outlined values, or None when nothing is pinned."""
        ghost = self._ghost
        if ghost is None:
            return None
        if ghost.bars.isVisible():
            return np.asarray(ghost.bars.opts["height"], dtype=np.float64)
        if ghost.line_visible():
            return np.asarray(ghost.line.getData()[1], dtype=np.float64)
        return None

    def set_width_scale(self, scale: float, line_px: int = 1) -> None:
        """Wider bars by ``scale`` and ``line_px`` lines (lecture mode).

        Paired bars never overlap.
        """
        widest = 2 * abs(self.offset) if self.offset else 0.9
        width = min(self.width * scale, widest)
        for face in (self._face, self._ghost):
            if face is not None:
                face.width = width
        self.bars.setOpts(width=width)
        self._face.set_line_pen(pg.mkPen(self.colour, width=line_px))

    def heights(self) -> NDArray[np.float64]:
        """What is drawn now (bar heights or line values), for tests and export."""
        if self.bars.isVisible() or not self._face.line_visible():
            return np.asarray(self.bars.opts["height"], dtype=np.float64)
        return np.asarray(self.line.getData()[1], dtype=np.float64)


def kept_for_comparison(values: NDArray[np.float64]) -> NDArray[np.float64]:
    """``values`` to compare with later: itself if read-only, else a copy.

    Results share their read-only arrays while the side of the state they
    come from stands still (see core.scenario), so the same object again
    means the same values, known without reading them.
    """
    return values if not values.flags.writeable else np.array(values, copy=True)


def same_values(held: NDArray[np.float64], given: NDArray[np.float64]) -> bool:
    """Equal arrays; the same object is known equal without a pass over it.

    Two different read-only arrays of the results are taken as different:
    a side of the state that stood still hands on its very arrays, so a new
    one is new values (at worst it is drawn once more, never left stale).
    """
    if held is given:
        return True
    if not (held.flags.writeable or given.flags.writeable):
        return False
    return bool(np.array_equal(held, given))


def envelope(
    values: NDArray[np.float64], log_x: bool
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Positions and values of a line that keeps every bucket's minimum and maximum.

    A screen is a few hundred pixels wide: drawing 100,000 points costs
    milliseconds and shows nothing more than each pixel column's extremes.
    Buckets are equal in width, or in log width for a log-rank axis, so the
    head of a Zipf tail keeps one bucket per outcome. A single spike anywhere
    survives.
    """
    k = values.size
    if k <= 2 * ENVELOPE_BUCKETS:
        return np.arange(k, dtype=np.float64), values
    starts, positions = _bucket_starts(k, log_x)
    low = np.minimum.reduceat(values, starts)
    high = np.maximum.reduceat(values, starts)
    return positions, np.column_stack([low, high]).ravel()


def step_envelope(
    left: NDArray[np.float64], width: NDArray[np.float64], height: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """A step line over intervals [left, left + width], at most a few thousand points.

    For many intervals each of the ENVELOPE_BUCKETS columns of x keeps the
    largest and smallest height of the intervals that start in it, so a
    narrow spike survives as it does in :func:`envelope`.
    """
    k = height.size
    if k <= 2 * ENVELOPE_BUCKETS:
        x = np.column_stack([left, left + width]).ravel()
        return x, np.repeat(height, 2)
    span = float(left[-1] + width[-1]) or 1.0
    # ``left`` rises (a cumulative sum): each column's first interval is
    # found by bisection, not by a pass over every interval.
    edges = np.arange(ENVELOPE_BUCKETS) * (span / ENVELOPE_BUCKETS)
    found = np.searchsorted(left, edges)  # rising: equal neighbours, not a sort
    starts = found[np.concatenate(([True], found[1:] != found[:-1]))]
    starts = starts[starts < k]
    starts[0] = 0
    low = np.minimum.reduceat(height, starts)
    high = np.maximum.reduceat(height, starts)
    x = np.repeat(left[starts], 2)
    return x, np.column_stack([high, low]).ravel()


@functools.lru_cache(maxsize=8)
def _bucket_starts(k: int, log_x: bool) -> tuple[NDArray[np.intp], NDArray[np.float64]]:
    """First outcome of each bucket, and the line's x positions (two per bucket)."""
    if log_x:
        starts = np.geomspace(1, k + 1, ENVELOPE_BUCKETS, endpoint=False) - 1
    else:
        starts = np.linspace(0, k, ENVELOPE_BUCKETS, endpoint=False)
    unique = np.unique(starts.astype(np.intp))
    positions = np.repeat(unique.astype(np.float64), 2)
    unique.setflags(write=False)
    positions.setflags(write=False)
    return unique, positions


def finite_cap(values: NDArray[np.float64], floor: float = 1e-3) -> float:
    """A height at which to draw an infinite value: above every finite one."""
    finite = np.abs(values[np.isfinite(values)])
    top = float(finite.max()) if finite.size else 0.0
    return max(top * 1.25, floor)


def capped(values: NDArray[np.float64], cap: float) -> NDArray[np.float64]:
    """``values`` with +inf drawn at ``cap``."""
    return np.where(np.isposinf(values), cap, values)


def without_infinity(values: NDArray[np.float64]) -> NDArray[np.float64]:
    """``values`` with +inf as 0: an :class:`InfiniteBars` stands there instead."""
    return np.where(np.isposinf(values), 0.0, values)


class InfiniteBars:
    """Bars for infinite values: hatched, running to the top edge, ∞ inside.

    A finite bar drawn at some "cap" height looks like a finite value, and a
    mark above it is cut off when the axis does not reach it. These bars are
    re-measured whenever the plot's y range changes, so at any range they
    end exactly at the top edge, hatched like a broken bar, with an ∞ and an
    arrow drawn inside the plot just below the edge.

    Parameters
    ----------
    plot : PlotItem
    colour : str
        The series' colour (outline and hatching).
    width : float
        Bar width in x units.
    """

    #: Pixels from the top edge to the arrow's and to the ∞'s centre.
    ARROW_DEPTH_PX, MARK_DEPTH_PX = 7.0, 26.0
    #: The ∞'s disc and glyph at full size, and the smallest disc (a narrow plot).
    DISC_PX, MARK_PX, SMALLEST_DISC_PX = 30, 22, 14

    def __init__(self, plot: pg.PlotItem, colour: str, width: float) -> None:
        self.plot = plot
        self.width = width
        self.colour = colour
        self._disc_px = self.DISC_PX
        #: bars, arrows, discs and marks: made when the first ∞ is shown (most
        #: states have none, and every item added to a plot costs start-up).
        self._items: tuple[Any, ...] | None = None
        self._x = np.empty(0)
        self._y0 = np.empty(0)
        self._show_bars = True
        plot.getViewBox().sigYRangeChanged.connect(self._follow_range)
        plot.getViewBox().sigResized.connect(self._follow_range)

    def _made(self) -> tuple[Any, ...]:
        if self._items is None:
            colour = self.colour
            hatch = QBrush(QColor(colour), Qt.BrushStyle.BDiagPattern)
            bars = SteadyBars(
                x=[],
                height=[],
                width=self.width,
                brush=hatch,
                pen=pg.mkPen(colour, width=2),
            )
            arrows = pg.ScatterPlotItem(symbol="t1", size=12, brush=colour, pen=None)
            # A white disc behind each ∞ keeps it legible over the hatching.
            discs = pg.ScatterPlotItem(
                symbol="o", size=self._disc_px, brush="w", pen=pg.mkPen(colour, width=2)
            )
            marks = pg.ScatterPlotItem(
                symbol=text_symbol("∞"),
                size=round(self._disc_px * self.MARK_PX / self.DISC_PX),
                brush=theme.text_colour(colour),
                pen=None,
            )
            self._items = (bars, arrows, discs, marks)
            for depth, item in enumerate(self._items):
                item.setVisible(False)
                self.plot.addItem(item)
                item.setZValue(5 + depth)
        return self._items

    @property
    def bars(self) -> SteadyBars:
        """The hatched bars (made on first use)."""
        bars = self._made()[0]
        assert isinstance(bars, SteadyBars)
        return bars

    @property
    def arrows(self) -> pg.ScatterPlotItem:
        """The arrows at the top edge (made on first use)."""
        return self._made()[1]

    @property
    def discs(self) -> pg.ScatterPlotItem:
        """The white discs behind the ∞ marks (made on first use)."""
        return self._made()[2]

    @property
    def marks(self) -> pg.ScatterPlotItem:
        """The ∞ marks (made on first use)."""
        return self._made()[3]

    def show(
        self,
        x: NDArray[np.float64] | list[float],
        y0: NDArray[np.float64] | list[float] | None = None,
        bars: bool = True,
    ) -> None:
        """Infinite values at ``x``, their bars starting at ``y0`` (default 0).

        ``bars=False`` draws only the marks (a long tail drawn as a line).
        """
        was_empty = self._x.size == 0
        self._x = np.asarray(x, dtype=np.float64)
        self._y0 = np.zeros(self._x.size) if y0 is None else np.asarray(y0, float)
        self._show_bars = bars
        if self._x.size == 0 and not was_empty and self._items is not None:
            self.marks.setData(x=[], y=[])
            self.discs.setData(x=[], y=[])
            self.arrows.setData(x=[], y=[])
            self.bars.setOpts(x=[], y0=[], height=[])
        self._follow_range()

    def _follow_range(self, *_: object) -> None:
        any_shown = self._x.size > 0
        if not any_shown and self._items is None:
            return
        for item in self._made():
            item.setVisible(any_shown)
        if not any_shown:
            return
        view = self.plot.getViewBox()
        self._fit_badges(view)
        low, high = view.viewRange()[1]
        per_pixel = (high - low) / max(view.height(), 60.0)
        mark_y = np.full(self._x.size, high - self.MARK_DEPTH_PX * per_pixel)
        self.marks.setData(x=self._x, y=mark_y)
        self.discs.setData(x=self._x, y=mark_y)
        arrow_y = high - self.ARROW_DEPTH_PX * per_pixel
        self.arrows.setData(x=self._x, y=np.full(self._x.size, arrow_y))
        self.bars.setVisible(self._show_bars)
        if self._show_bars:
            self.bars.setOpts(
                x=self._x, y0=self._y0, height=high - self._y0, width=self.width
            )

    def _fit_badges(self, view: pg.ViewBox) -> None:
        """An ∞ badge no wider than its bar: side by side, two never overlap."""
        disc = self.DISC_PX
        if self._show_bars:
            (x_low, x_high), _ = view.viewRange()
            bar_px = self.width * view.width() / max(x_high - x_low, 1e-9)
            disc = int(min(self.DISC_PX, max(self.SMALLEST_DISC_PX, bar_px)))
        if disc != self._disc_px:
            self._disc_px = disc
            self.discs.setSize(disc)
            self.marks.setSize(round(disc * self.MARK_PX / self.DISC_PX))


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ that is ≥ ``value`` (> 0)."""
    exponent = math.floor(math.log10(value))
    for step in (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0):
        candidate = step * 10.0**exponent
        if candidate >= value * (1 - 1e-12):
            return candidate
    return 10.0 ** (exponent + 1)


def set_y_range_now(
    plot: pg.PlotItem, low: float, high: float, padding: float = 0.0
) -> None:
    """Set ``plot``'s y range and move its items there at once, not in paint.

    pyqtgraph moves a view's items to a new range as the next paint begins;
    moved while being painted, they are dirty again when it ends, and the
    plot was painted twice (at K = 100,000, a fifth of a drag's frames
    painted the KL terms' plot twice, some five times).
    """
    plot.setYRange(low, high, padding=padding)
    plot.getViewBox().updateMatrix()


class StickyRange:
    """A y range that moves only when the data leave it or shrink far inside it.

    Re-ranging an axis regenerates all its tick text, which costs more than
    the rest of a frame; a range that follows every small change would do it
    on every frame. The range snaps to "nice" bounds (see :func:`nice_ceiling`).
    """

    def __init__(
        self, plot: pg.PlotItem, symmetric: bool = False, floor: float = 1e-3
    ) -> None:
        self.plot = plot
        self.symmetric = symmetric
        self.floor = floor
        self.shown: tuple[float, float] | None = None
        plot.disableAutoRange(axis="y")

    def forget(self) -> None:
        """Fit the next data afresh, as before the first fit (a run restarted)."""
        self.shown = None

    def fit(self, low: float, high: float) -> None:
        """Make sure [low, high] (and 0) is visible, with some headroom."""
        low, high = min(low, 0.0), max(high, 0.0)
        if self.symmetric:
            high = max(abs(low), high)
            low = -high
        wanted = (
            -nice_ceiling(max(-low * 1.05, self.floor)) if low < 0 else 0.0,
            nice_ceiling(max(high * 1.05, self.floor)) if high > 0 or low == 0 else 0.0,
        )
        # pyqtgraph's setLogMode (an OutcomeAxis turning to log rank) switches
        # autorange back on, which moves the range behind our back: the
        # gradient of a Zipf family then showed ±1e-29 and clipped its line.
        moved = bool(self.plot.getViewBox().autoRangeEnabled()[1])
        if self.shown is not None and not moved and self._still_fits(low, high):
            return
        self.shown = wanted
        set_y_range_now(self.plot, *wanted, padding=0.02)

    def _still_fits(self, low: float, high: float) -> bool:
        assert self.shown is not None
        shown_low, shown_high = self.shown
        inside = shown_low <= low and high <= shown_high
        span = max(high - low, self.floor)
        return inside and span > 0.3 * (shown_high - shown_low)


class GradientBars:
    """∂L/∂z per class: bars, the true class outlined, a zero line, a symmetric range.

    The explorer and the training page draw the same picture; this is it.
    """

    def __init__(self, plot: pg.PlotItem, colour: str) -> None:
        self.gradient = Series(plot, colour, 0.0, 0.6, "∂L/∂z")
        self.true_class = SteadyBars(
            x=[0],
            height=[0],
            width=0.6,
            brush=None,
            pen=pg.mkPen(theme.P_COLOUR, width=3),
        )
        plot.addItem(self.true_class)
        plot.addLine(y=0, pen=pg.mkPen("#888888"))
        self.axis = OutcomeAxis(plot, "class")
        self.y_range = StickyRange(plot, symmetric=True)

    def show(
        self, gradient: NDArray[np.float64], label: int, log_x: bool = False
    ) -> None:
        """Draw ``gradient`` and outline the bar of class ``label``."""
        k = gradient.size
        log_x = self.axis.fit(k, log_x)
        self.gradient.set_values(gradient, log_x=log_x)
        self.true_class.setOpts(
            x=[label], height=[gradient[label]], width=self.gradient.bars.opts["width"]
        )
        self.true_class.setVisible(k <= BAR_LIMIT)
        self.y_range.fit(float(np.min(gradient)), float(np.max(gradient)))
