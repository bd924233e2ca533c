"""Plot titles and axis labels that fit the room they are given.

pyqtgraph sizes a title by its text: on a 1024-pixel projector with 24-px
lecture type a title wider than its plot forces the plot off the window, and
an axis label longer than its axis runs into the next plot. These items take
the room the layout gives them and fit their text into it: first in smaller
type (down to :data:`MIN_SCALE` of the asked size), then over several lines.
They are never clipped: clipping children to shape made every frame 10 ms
slower, and text fitted to its room needs no clip.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetricsF, QGuiApplication, QPen
from PySide6.QtWidgets import QGraphicsTextItem

from core.numbers import UNIT_NAMES, power_of_ten, unit_name

#: Text never shrinks below this fraction of its size: smaller is unreadable
#: from the back of a hall, and two lines read better.
MIN_SCALE = 0.75

#: A fitted text is fitted again when its room changes by more than this,
#: or when it no longer fits. Without the margin a title and an axis label
#: can chase each other: a wrapped title shortens the axis, a smaller axis
#: label narrows the axis, which widens the title's room, and so on.
REFIT_PX = 8.0

#: "contribution (bits)" ends in its units; Chinese writes "贡献（比特）".
UNITS_AT_END = re.compile(r"[(（]([^()（）]+)[)）]\s*$")
UNITS_IN_HTML = re.compile(r">[^<]*[(（]([^()（）<]+)[)）]\s*<")
#: What comes before the brackets: "rank" of "rank (1 = most probable)".
NAME_IN_HTML = re.compile(r">([^<]*?)\s*[(（][^()（）<]+[)）]\s*<")


def _unit_words() -> set[str]:
    """The units an axis label may end in, in the language in use."""
    return {unit_name(units) for units in UNIT_NAMES}


#: The colour of a hint ("drag a bar") beside a title: secondary, 7:1 on white.
HINT_COLOUR = "#4D4D4D"


def fit_text(
    item: QGraphicsTextItem,
    html_at: Callable[[int], str],
    size_px: int,
    room: float,
    wrap: bool = True,
) -> int:
    """Lay ``html_at(px)`` into ``item`` so that it is at most ``room`` wide.

    Returns the pixel size used. Below ``room`` ≤ 1 (not laid out yet) the
    text keeps its size on one line. Without ``wrap`` the text stays on one
    line, at least :data:`MIN_SCALE` of its size.
    """
    _set_text_width(item, -1)
    _set_html(item, html_at(size_px))
    natural = item.boundingRect().width()
    if room <= 1 or natural <= room:
        return size_px
    smaller = max(math.floor(size_px * room / natural), math.ceil(size_px * MIN_SCALE))
    _set_html(item, html_at(smaller))
    if wrap and item.boundingRect().width() > room:
        _set_text_width(item, room)
    return smaller


# A text item lays its text out again on every setHtml and setTextWidth, even
# to what it already shows: a window's build asked for the same label about
# 800 times. What each item was last given is kept on it, and only a change
# is passed on (every change to these items' text goes through here).
def _set_html(item: QGraphicsTextItem, html: str) -> None:
    if getattr(item, "_fitted_html", None) != html:
        item.setHtml(html)
        item._fitted_html = html  # type: ignore[attr-defined]


def _set_text_width(item: QGraphicsTextItem, width: float) -> None:
    if getattr(item, "_fitted_width", None) != width:
        item.setTextWidth(width)
        item._fitted_width = width  # type: ignore[attr-defined]


def _pixel_size(size: object, fallback: int) -> int:
    """``"15px"`` → 15; pyqtgraph's point sizes ("11pt") → pixels at 96 dpi."""
    match = re.fullmatch(r"\s*([\d.]+)\s*(px|pt)\s*", str(size))
    if match is None:
        return fallback
    value = float(match.group(1))
    return round(value * 96 / 72) if match.group(2) == "pt" else round(value)


def _views_showing(plot: Any) -> list[Any]:
    """The pyqtgraph views whose central item is ``plot`` (a PlotWidget's)."""
    scene = plot.scene()
    if scene is None:
        return []
    return [
        view
        for view in scene.views()
        if getattr(view, "centralWidget", None) is plot and hasattr(view, "range")
    ]


def _taller_than_its_view(plot: Any) -> bool:
    """True when ``plot`` is larger than the view that should hold it exactly."""
    size = plot.geometry().size()
    return any(
        size.height() > view.range.height() + 0.5
        or size.width() > view.range.width() + 0.5
        for view in _views_showing(plot)
    )


class FittedTitle(pg.LabelItem):
    """A plot title that fits its plot's width, with an optional hint.

    The hint ("drag a bar") tells a newcomer what to do; it shows only while
    :attr:`show_hint` is set, which lecture mode and slide exports clear.
    """

    # Class-level defaults: LabelItem's constructor calls setText before
    # this class's own attributes could be set.
    title = ""
    hint = ""
    show_hint = True
    size_px = 15
    colour: str | None = None
    _room = -1.0
    _refit_to_view_pending = False

    def __init__(self) -> None:
        super().__init__("")

    def setText(self, text: str, **args: Any) -> None:
        """The title's text (PlotItem.setTitle comes through here)."""
        self.title = text
        if "size" in args:
            self.size_px = _pixel_size(args["size"], self.size_px)
        if "color" in args:
            self.colour = args["color"]
        self._refit()

    def set_hint(self, hint: str) -> None:
        """What a newcomer can do with the plot, shown after the title."""
        self.hint = hint
        self._refit()

    def set_style(self, size_px: int, colour: str, show_hint: bool) -> None:
        """Type size and colour of the theme, and whether hints show."""
        self.size_px, self.colour, self.show_hint = size_px, colour, show_hint
        self._refit()

    def shown_text(self) -> str:
        """The rich text on show: the title and, where hints show, the hint."""
        if self.hint and self.show_hint and self.title:
            hint = f"<span style='color:{HINT_COLOUR}'>({self.hint})</span>"
            return f"{self.title} {hint}"
        return self.title

    def _html(self, px: int) -> str:
        colour = self.colour or pg.getConfigOption("foreground")
        colour = pg.mkColor(colour).name()
        return (
            f"<span style='color:{colour}; font-size:{px}px'>{self.shown_text()}</span>"
        )

    def _refit(self) -> None:
        self.text = self.shown_text()
        self._room = self.rect().width()
        fit_text(self.item, self._html, self.size_px, self._room)
        self.updateMin()
        self._fit_row()
        super().resizeEvent(None)

    def _fit_row(self) -> None:
        """Make the plot's title row as tall as the text (pyqtgraph fixes 30 px)."""
        plot = self.parentItem()
        layout = getattr(plot, "layout", None)
        if layout is None or not self.isVisible():
            return
        height = self.item.boundingRect().height() if self.text else 0.0
        self.setMaximumHeight(height)
        layout.setRowFixedHeight(0, height)
        if not self._refit_to_view_pending and _taller_than_its_view(plot):
            # A title wrapped in a plot a few pixels wide (a page laid out
            # before it is shown) made the plot's minimum taller than its
            # view, and the view's resize could only clamp the plot to that
            # height; the shorter title now lets it fit, but no resize will
            # come to say so: the plot's lower part and its x axis stayed
            # below the window. Fitted on the next pass, not here: this runs
            # inside the plot's own layout pass.
            self._refit_to_view_pending = True
            QTimer.singleShot(0, self._fit_plot_to_view)

    def _fit_plot_to_view(self) -> None:
        self._refit_to_view_pending = False
        plot = self.parentItem()
        if plot is not None and shiboken6.isValid(plot):
            for view in _views_showing(plot):
                plot.setGeometry(QRectF(view.range))

    def resizeEvent(self, ev: Any) -> None:
        """Fit again when the plot's width changed (see :data:`REFIT_PX`)."""
        width = self.rect().width()
        overflows = self.item.boundingRect().width() > width + 0.5
        if overflows or abs(width - self._room) > REFIT_PX:
            self._refit()
            return
        super().resizeEvent(ev)

    def updateMin(self) -> None:
        """The text's height is the minimum; any width will do."""
        super().updateMin()
        self.setMinimumWidth(0)
        height = self._sizeHint[Qt.SizeHint.MinimumSize][1]
        self._sizeHint[Qt.SizeHint.MinimumSize] = (0, height)
        self._sizeHint[Qt.SizeHint.PreferredSize] = (0, height)


#: Pixels under a horizontal axis's text when no label stands below it.
BARE_TEXT_ROOM_PX = 4


class FittedAxisItem(pg.AxisItem):
    """An axis whose label fits the axis's length, in smaller type if need be.

    The label stays on one line: a second line would make the axis thicker,
    which changes the room of the plot's title (see :data:`REFIT_PX`).
    """

    label_px = 13
    _room = -1.0
    #: The tick font the theme asked for; named ticks may be shown smaller.
    _asked_tick_font: QFont | None = None
    #: The whole label did not fit even in the smallest type: only its units
    #: are shown ("bits" of "contribution (bits)"), or, where the brackets
    #: hold no units, only what comes before them ("rank" of "rank (1 = most
    #: probable)").
    units_only = False
    name_only = False
    #: The largest tick text size the last picture reported.
    _text_size: int | None = None
    #: pyqtgraph found no ticks to draw (the axis is not on a view yet).
    _drew_nothing = False

    def __init__(self, orientation: str) -> None:
        super().__init__(orientation)
        # "(x0.001)" on an axis confuses students more than 0.001 on a tick;
        # off from the start, every range change would otherwise rewrite and
        # refit the label (a third of a window's build).
        self.autoSIPrefix = False

    def _updateHeight(self) -> None:
        """The height pyqtgraph gives, and a few pixels under the text if no label.

        Without a label under them the totals' names, "P‖Q Q‖P H(P,Q)", lost
        the bottom of their brackets and bars to the plot's edge in lecture
        type: pyqtgraph's text height leaves no room under the glyphs.
        """
        super()._updateHeight()
        if self.orientation not in ("bottom", "top") or self.fixedHeight is not None:
            return
        if not self.isVisible() or self.label.isVisible():
            return
        height = self.maximumHeight() + BARE_TEXT_ROOM_PX
        self.setMaximumHeight(height)
        self.setMinimumHeight(height)

    def set_label_px(self, px: int) -> None:
        """The label's type size before fitting."""
        self.label_px = px
        self._room = -1.0
        self.resizeEvent(None)

    def setStyle(self, **kwargs: Any) -> None:
        """The axis style (pyqtgraph's); a tick font is the size to fit from."""
        if kwargs.get("tickFont") is not None:
            self._asked_tick_font = QFont(kwargs["tickFont"])
        super().setStyle(**kwargs)
        if "tickFont" in kwargs:
            self._fit_named_ticks()

    #: The fixed ticks as given, before :meth:`_thin_numbered_ticks`.
    _given_ticks: Any = None

    def setTicks(self, ticks: Any) -> None:
        """Fixed ticks (named categories, say), fitted to the axis."""
        self._given_ticks = ticks
        super().setTicks(ticks)
        self._fit_named_ticks()

    def setRange(self, mn: float, mx: float) -> None:
        """The axis's range (pyqtgraph's); numbered ticks are thinned for it."""
        # Called from pyqtgraph's __init__, before there is a range.
        changed = tuple(getattr(self, "range", ())) != (mn, mx)
        super().setRange(mn, mx)
        if changed and self._given_ticks is not None:
            self._thin_numbered_ticks()

    def _thin_numbered_ticks(self) -> None:
        """Every 1st, 2nd, 5th, 10th … numbered tick: as many as fit, evenly.

        pyqtgraph's overlap rule drops whichever text runs into the one
        before it: 16 outcomes in lecture type read "7 8 9 11 13".
        """
        given = self._given_ticks
        if not given or self.orientation not in ("bottom", "top"):
            return
        ticks = sorted(given[0])
        low, high = self.range
        length = self._length()
        numbered = all(_is_number(text) for _, text in ticks)
        if len(ticks) < 2 or not numbered or length <= 1 or high <= low:
            return
        metrics = QFontMetricsF(self.style["tickFont"] or QFont())
        widest = max(metrics.horizontalAdvance(text) for _, text in ticks)
        spacing = (ticks[1][0] - ticks[0][0]) / (high - low) * length
        every = next(
            (n for n in (1, 2, 5, 10, 20, 50) if n * spacing >= widest + 8), 100
        )
        kept = [tick for index, tick in enumerate(ticks) if index % every == 0]
        if self._tickLevels is None or sorted(self._tickLevels[0]) != kept:
            pg.AxisItem.setTicks(self, [kept, *given[1:]])

    def _fit_named_ticks(self) -> None:
        """Named ticks in type small enough that no name hides another.

        The overlap rule of :meth:`generateDrawSpecs` drops a tick's text that
        would run into its neighbour's: right for numbers, whose neighbours
        tell the scale, but a named bar ("H(P,Q)" beside "Q‖P" in a
        1024-pixel window) would stand unlabelled; so would one whose name
        reaches past the end of the axis, which pyqtgraph drops. So named
        ticks on a horizontal axis shrink, down to :data:`MIN_SCALE`, until
        they all fit.
        """
        self._thin_numbered_ticks()
        asked = self._asked_tick_font
        levels = self._tickLevels
        if asked is None or not levels or self.orientation not in ("bottom", "top"):
            return
        ticks = sorted(levels[0])
        low, high = self.range
        length = self._length()
        named = any(not _is_number(text) for _, text in ticks)
        if not named or len(ticks) < 2 or length <= 1 or high <= low:
            return
        centres = [(x - low) / (high - low) * length for x, _ in ticks]
        px = asked.pixelSize()
        font = QFont(asked)
        for size in range(px, math.ceil(px * MIN_SCALE) - 1, -1):
            font.setPixelSize(size)
            widths = [QFontMetricsF(font).horizontalAdvance(t) for _, t in ticks]
            gaps = zip(centres, centres[1:], widths, widths[1:], strict=False)
            # 6 px: the overlap rule's margin (2 px each side) and a little air.
            apart = all(c2 - c1 >= (w1 + w2) / 2 + 6 for c1, c2, w1, w2 in gaps)
            # pyqtgraph drops a text that reaches past either end of its axis.
            inside = centres[0] - widths[0] / 2 >= 1
            inside &= centres[-1] + widths[-1] / 2 <= length - 1
            if apart and inside:
                break
        shown = self.style["tickFont"]
        if shown is None or shown.pixelSize() != font.pixelSize():
            super().setStyle(tickFont=font)

    def _length(self) -> float:
        size = self.size()
        return float(
            size.height() if self.orientation in ("left", "right") else size.width()
        )

    def _has_units(self) -> bool:
        """True if the label ends in its units: "contribution (bits)".

        Only units count: "rank (1 = most probable)" shortened to "1 = most
        probable", and "抽样次数 n（对数坐标）" to "对数坐标" (log scale),
        no longer said what the axis measures.
        """
        return self._bracketed() in _unit_words()

    def _bracketed(self) -> str | None:
        """What the label's closing brackets hold, or None."""
        found = UNITS_AT_END.search(str(self.labelText))
        return None if found is None else found.group(1).strip()

    def _label_html(self, px: int) -> str:
        font = self.label.font()
        if font.pixelSize() != px:
            font.setPixelSize(px)
            self.label.setFont(font)
        html = str(self.labelString())
        if self.units_only:
            html = UNITS_IN_HTML.sub(r">\1<", html, count=1)
        elif self.name_only:
            html = NAME_IN_HTML.sub(r">\1<", html, count=1)
        return html

    def resizeEvent(self, ev: Any = None) -> None:
        """Fit the label to the axis, then let pyqtgraph place it."""
        length = self._length()
        if self.label is not None and (
            abs(length - self._room) > REFIT_PX
            or self.label.boundingRect().width() > length + 0.5 > 1.5
        ):
            self._room = length
            before = self.label.boundingRect().height()
            # Full size first: "bits" in 24-px lecture type reads better from
            # the back row than "contribution (bits)" shrunk to 18 px.
            self.units_only = self.name_only = False
            _set_html(self.label, self._label_html(self.label_px))
            too_long = length > 1 and self.label.boundingRect().width() > length
            bracketed = too_long and self._bracketed() is not None
            self.units_only = bracketed and self._has_units()
            self.name_only = bracketed and not self.units_only
            fit_text(self.label, self._label_html, self.label_px, length, wrap=False)
            if abs(self.label.boundingRect().height() - before) > 0.5:
                self._adjustSize()
            self._fit_named_ticks()
        super().resizeEvent(ev)

    def paint(self, p: Any, opt: Any, widget: Any) -> None:
        """Paint as pyqtgraph does, reusing tick pictures already made.

        pyqtgraph throws its picture away whenever the range moves and works
        out every tick and text again: 2 ms an axis, the dearest part of a
        frame at K = 100,000. A drag goes back and forth, and sticky ranges
        snap to a few nice values, so the same picture is asked for again
        and again; every new window shows the same first ranges. A picture
        is kept under everything that goes into it, for every axis alike,
        with the text size it reported (which may resize the axis), reported
        again when it is used.
        """
        if self.picture is None:  # type: ignore[has-type]
            key = self._picture_key()
            kept = _PICTURES.get(key)
            if kept is not None:
                _PICTURES.move_to_end(key)
                picture, text_size = kept
                if text_size is not None:  # (which forgets the picture)
                    self._updateMaxTextSize(text_size)
                self.picture = picture
            else:
                self._text_size = None
                self._drew_nothing = False
                super().paint(p, opt, widget)
                if self._drew_nothing:  # not laid out yet: nothing worth keeping
                    return
                _PICTURES[key] = (self.picture, self._text_size)
                while len(_PICTURES) > KEPT_PICTURES:
                    _PICTURES.popitem(last=False)
                return
        super().paint(p, opt, widget)

    def _updateMaxTextSize(self, x: int) -> None:
        """pyqtgraph's, noting the size (see :meth:`paint`)."""
        self._text_size = x
        super()._updateMaxTextSize(x)

    def _picture_key(self) -> tuple[Any, ...]:
        """Everything pyqtgraph's picture of this axis is made from."""
        view = self.linkedView()
        grid_room = (
            _rect_key(view.mapRectToItem(self, view.boundingRect()))
            if view is not None and self.grid is not False
            else None
        )
        return (
            type(self),
            self.orientation,
            tuple(self.range),
            self.logMode,
            self.scale,
            self.autoSIPrefixScale,
            self.grid,
            grid_room,
            self._tickDensity,
            repr(self._tickSpacing),
            repr(self._tickLevels),
            _rect_key(self.geometry()),
            _rect_key(self.sceneBoundingRect()),
            tuple((name, _style_key(value)) for name, value in self.style.items()),
            # Without a tick font, pyqtgraph's picture takes the application's.
            _style_key(QGuiApplication.font()) if not self.style["tickFont"] else None,
            _pen_key(self.pen()),
            _pen_key(self.textPen()),
            _pen_key(self.tickPen()),
        )

    def boundingRect(self) -> QRectF:
        """pyqtgraph's, and for a bottom axis the corner below the left axis.

        pyqtgraph leaves out a tick's text that would reach past the axis's
        ends: the rank plot's axis from rank 1 lost its "10⁰", half of which
        lies below the plot's left axis, where nothing else is drawn. The
        axis's own x in its plot is that corner's width (the plot itself is
        not asked: Qt asks for this while the plot is being deleted).
        """
        rect: QRectF = super().boundingRect()
        if self.orientation == "bottom":
            room = self.geometry().x()
            if room > 0:
                rect = rect.adjusted(-room, 0, 0, 0)
        return rect

    def generateDrawSpecs(self, p: Any) -> Any:
        """The ticks pyqtgraph draws, less any text that would overlap another.

        Major ticks come first in pyqtgraph's list, so they keep their text.
        """
        specs = super().generateDrawSpecs(p)
        if specs is None:
            self._drew_nothing = True
            return None
        axis, ticks, texts = specs
        kept: list[Any] = []
        for spec in texts:
            # Side by side, numbers need a space between them: "50" and "70"
            # two pixels apart read as "5070".
            gap = 2.0
            if self.orientation in ("bottom", "top"):
                gap = max(gap, 0.3 * spec[0].height())
            rect = spec[0].adjusted(-gap, -1, gap, 1)
            if not any(rect.intersects(other[0]) for other in kept):
                kept.append(spec)
        return axis, ticks, kept

    def logTickStrings(self, values: Any, scale: float, spacing: float) -> list[str]:
        """The tick text of a log axis, all in one form.

        pyqtgraph writes each tick the shortest way, so one axis read "10¹",
        "1", "0.1" and another "0.0001" beside "10⁻⁶". Here an axis whose
        ticks all lie in [0.001, 10⁴] reads as plain numbers ("10", "1",
        "0.1"), any other in powers of ten ("10⁰", "10⁻²", "5·10⁻⁴").
        """
        numbers = [float(10.0**value * scale) for value in values]
        plain = all(LOG_PLAIN[0] <= number <= LOG_PLAIN[1] for number in numbers)
        if plain and self._range_is_plain(scale):
            return [f"{number:.6g}" for number in numbers]
        return [power_of_ten(number) for number in numbers]

    def _range_is_plain(self, scale: float) -> bool:
        """Whether every tick this log axis can show lies in :data:`LOG_PLAIN`.

        pyqtgraph asks for the text of major and minor ticks one level at a
        time: judged by its own ticks alone, an axis from 1 to 10⁵ wrote its
        majors "1, 100, 10000" and its minors "10¹, 10³". A log axis's ticks
        are d·10ⁿ (d = 1 … 9), so the range tells which can show.
        """
        low, high = (float(value) for value in sorted(self.range))
        if not (math.isfinite(low) and math.isfinite(high)):
            return True  # no range yet: the ticks alone decide
        smallest = _nice_tick(10.0**low * scale, up=True)
        largest = _nice_tick(10.0**high * scale, up=False)
        return LOG_PLAIN[0] <= smallest and largest <= LOG_PLAIN[1]

    def _updateLabel(self) -> None:
        """A new label text is fitted afresh.

        pyqtgraph's own would first set it unfitted: a layout for nothing.
        """
        self._room = -1.0
        self.resizeEvent(None)
        self._adjustSize()
        self.picture = None
        self.update()


#: Tick pictures kept for all axes (a window shows about 20 axes; a drag
#: across a slider a few dozen nice ranges of each).
KEPT_PICTURES = 512
#: The kept pictures, the most recently used last (see FittedAxisItem.paint).
_PICTURES: OrderedDict[tuple[Any, ...], tuple[Any, int | None]] = OrderedDict()


def _rect_key(rect: Any) -> tuple[float, float, float, float]:
    return (rect.x(), rect.y(), rect.width(), rect.height())


def _pen_key(pen: QPen) -> tuple[Any, ...]:
    return (
        pen.color().rgba(),
        pen.widthF(),
        pen.style(),
        pen.isCosmetic(),
        tuple(pen.dashPattern()),
        pen.capStyle(),
        pen.joinStyle(),
        pen.brush().style(),
    )


def _style_key(value: Any) -> Any:
    """A style value as something hashable that changes when it does."""
    if isinstance(value, QFont):
        # toString() names the first family only, not the fallbacks (CJK).
        return ("font", value.toString(), tuple(value.families()))
    if isinstance(value, list | dict | set):
        return repr(value)
    return value


#: A log axis whose ticks all lie in this range is written in plain numbers.
LOG_PLAIN = (1e-3, 1e4)


def _nice_tick(x: float, up: bool) -> float:
    """The nearest d·10ⁿ (d = 1 … 9) at or above (``up``) or at or below ``x``."""
    if not x > 0 or not math.isfinite(x):
        return x
    # 10.0**4 is 10000 to the bit, but a range end may be a rounding off one.
    x *= 1.0 + 1e-9 if not up else 1.0 - 1e-9
    power = 10.0 ** math.floor(math.log10(x))
    digit = math.ceil(x / power) if up else math.floor(x / power)
    return max(1, digit) * power


def _is_number(text: str) -> bool:
    """A number ("3", "−0.5"), whose neighbours tell it if it drops out."""
    try:
        float(text.replace("−", "-"))
    except ValueError:
        return False
    return True


def fitted_axis_items() -> dict[str, pg.AxisItem]:
    """Fitted left and bottom axes, to give a plot when it is made.

    ``PlotWidget(axisItems=fitted_axis_items())`` saves making pyqtgraph's
    own two axes and then replacing them (:func:`fitted_axes`). (Axes given
    are shown, so the hidden top and right ones are left to pyqtgraph.)
    """
    return {"left": FittedAxisItem("left"), "bottom": FittedAxisItem("bottom")}


def fitted_axes(plot: pg.PlotItem) -> None:
    """Give ``plot`` fitted left and bottom axes (before it is styled)."""
    if not all(
        isinstance(plot.getAxis(side), FittedAxisItem) for side in ("left", "bottom")
    ):
        plot.setAxisItems(fitted_axis_items())


def label_font(px: int) -> QFont:
    """A font of ``px`` pixels for axis text."""
    font = QFont()
    font.setPixelSize(px)
    return font
