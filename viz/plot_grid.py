"""Plots laid out in as many rows and columns as the space allows, no more.

On a 1920-pixel monitor the explorer's six plots fit in two rows; on a
1024×768 projector in lecture mode, six plots would be 100 pixels tall and
unreadable from the back row. :class:`PlotGrid` picks, on every resize, the
largest arrangement in which every plot is at least ``min_height`` tall and
``min_width`` wide per unit of its width weight, and shows that many plots at
once: a *focus* layout. When not all of them fit, a strip under them says
which are on show and its arrows (or Alt+→ and Alt+←) bring the next ones.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from viz.livetext import LiveText
from viz.widgets import named, set_text

#: Arrangements tried, most plots first: (columns, rows).
ARRANGEMENTS = ((3, 2), (2, 2), (3, 1), (2, 1), (1, 2), (1, 1))


@dataclass(frozen=True)
class GridItem:
    """A plot in the grid: its widget, its name and the room it needs.

    ``weight`` is its share of a row's width (a widget of two plots side by
    side needs more); ``rows`` is how many plots it stacks (each of which
    must be at least the minimum height). ``alternative`` is another
    (weight, rows) the widget can take, through its ``set_shape(index)``:
    two plots side by side in a short, wide cell instead of stacked.
    """

    name: str
    widget: QWidget
    weight: float = 1.0
    rows: int = 1
    alternative: tuple[float, int] | None = None
    #: A last resort (weight, rows), ``set_shape(2)``, that leaves part of the
    #: widget out: taken only where it lets every item show at once (both
    #: fits side by side on a small projector, without their loss curves).
    compact: tuple[float, int] | None = None

    def shapes(self) -> tuple[tuple[float, int], ...]:
        """Its (weight, rows) shapes, the preferred first."""
        first = ((self.weight, self.rows),)
        return first + ((self.alternative,) if self.alternative else ())

    def choices(self, compact: bool) -> list[tuple[int, tuple[float, int]]]:
        """(shape index, shape) pairs to try: only the compact one if asked."""
        if compact and self.compact is not None:
            return [(COMPACT_SHAPE, self.compact)]
        return list(enumerate(self.shapes()))


#: The index ``set_shape`` gets for an item's compact shape.
COMPACT_SHAPE = 2


@dataclass(frozen=True)
class Placed:
    """A plot in an arrangement, in one of its shapes."""

    item: GridItem
    shape: int
    weight: float
    rows: int


@dataclass(frozen=True)
class Arrangement:
    """Which plots go in which row, in which shape, and each row's height."""

    rows: tuple[tuple[Placed, ...], ...]
    heights: tuple[float, ...]

    @property
    def items(self) -> tuple[GridItem, ...]:
        """The plots on show, in order."""
        return tuple(placed.item for row in self.rows for placed in row)


def _extra_height(item: GridItem) -> int:
    """Height a widget needs besides its plots (headings, readouts)."""
    extra = getattr(item.widget, "extra_height", None)
    return int(extra()) if callable(extra) else 0


class PlotGrid(QWidget):
    """Lays out its plots by :data:`ARRANGEMENTS`, in their order, paging if need be.

    Parameters
    ----------
    items : sequence of GridItem
        In display order. Hidden widgets (the user hid them) take no place.
    """

    #: The plots on show changed (names, in order).
    shown_changed = Signal(object)

    STRIP_HEIGHT = 34
    SPACING = 6

    def __init__(
        self,
        items: Sequence[GridItem],
        parent: QWidget | None = None,
        column_major: bool = False,
        name: str = "plots",
    ) -> None:
        super().__init__(parent)
        self.items = tuple(items)
        #: Fill columns first: the items come in pairs that belong one over
        #: the other (a model's softmax over its gradient).
        self.column_major = column_major
        self.min_height = 130
        self.min_width = 180
        self.first = 0
        self.shown: tuple[str, ...] = ()
        self._hidden: set[str] = set()
        for item in self.items:
            item.widget.setParent(self)
        self.strip = QWidget(self)
        row = QHBoxLayout(self.strip)
        row.setContentsMargins(4, 0, 4, 0)
        self.back = QPushButton("◀")
        named(
            self.back,
            f"{name}_previous",
            self.tr("Show the previous plots (Alt+Left)"),
        )
        self.forward = QPushButton("▶")
        named(self.forward, f"{name}_next", self.tr("Show the next plots (Alt+Right)"))
        # Smaller type where it must, never cut: in Chinese lecture type at
        # 1280×720 beside a lesson, "第 1 组图…查看更多" lost both its ends.
        self.where = LiveText("plots 1, 2, 3 of 6 · Alt+→ for more")
        self.where.setObjectName(f"{name}_where")
        self.where.setAccessibleName(self.tr("Which plots are on show"))
        self.where.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.back)
        row.addWidget(self.where, 1)
        row.addWidget(self.forward)
        self.back.clicked.connect(lambda: self.page(-1))
        self.forward.clicked.connect(lambda: self.page(+1))
        self.strip.hide()

    # what the user changes ---------------------------------------------------

    def set_minimum(self, height: int, width: int) -> None:
        """The smallest plot to show (lecture mode asks for larger ones)."""
        self.min_height, self.min_width = height, width
        self._arrange()

    def set_hidden(self, name: str, hidden: bool) -> None:
        """Hide a plot (it takes no place) or show it again."""
        if hidden:
            self._hidden.add(name)
        else:
            self._hidden.discard(name)
        self._arrange()

    def is_hidden(self, name: str) -> bool:
        """Whether the user hid ``name``."""
        return name in self._hidden

    def page(self, step: int) -> None:
        """Bring the next (or previous) plots on show, wrapping round."""
        visible = self._visible()
        if not visible:
            return
        count = max(len(self.shown), 1)
        self.first = (self.first + step * count) % len(visible)
        self._arrange()

    # layout ----------------------------------------------------------------

    def _visible(self) -> list[GridItem]:
        return [item for item in self.items if item.name not in self._hidden]

    def minimumSizeHint(self) -> QSize:
        """One plot of the minimum size."""
        return QSize(self.min_width, self.min_height + self.STRIP_HEIGHT)

    def sizeHint(self) -> QSize:
        """Room for the usual two rows of three."""
        return QSize(3 * self.min_width * 2, 2 * self.min_height * 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Choose the arrangement for the new size."""
        super().resizeEvent(event)
        self._arrange()

    def arrangement(
        self,
        items: Sequence[GridItem],
        width: int,
        height: int,
        compact: bool = False,
    ) -> Arrangement | None:
        """The first of :data:`ARRANGEMENTS` in which ``items`` fit.

        Items are taken from the first; each plot is at least the minimum.
        With ``compact``, items that have a compact shape take it.
        """
        for columns, rows in ARRANGEMENTS:
            count = min(columns * rows, len(items))
            if (columns - 1) * rows >= count and columns > 1:
                continue  # a whole empty column
            if rows > 1 and columns * (rows - 1) >= count:
                continue  # a whole empty row
            chosen = items[:count]
            grouped = self._grouped(chosen, rows)
            fitted = self._fit_rows(grouped, width, height, compact)
            if fitted is not None:
                return fitted
        return None

    def _grouped(
        self, chosen: Sequence[GridItem], rows: int
    ) -> tuple[tuple[GridItem, ...], ...]:
        if self.column_major:
            return tuple(tuple(chosen[r::rows]) for r in range(rows))
        per_row = math.ceil(len(chosen) / rows)
        return tuple(
            tuple(chosen[r * per_row : (r + 1) * per_row]) for r in range(rows)
        )

    def _fit_rows(
        self,
        rows: tuple[tuple[GridItem, ...], ...],
        width: int,
        height: int,
        compact: bool = False,
    ) -> Arrangement | None:
        placed_rows = []
        for row in rows:
            placed = self._fit_row(row, width, compact)
            if placed is None:
                return None
            placed_rows.append(placed)
        needs = [
            max(self.min_height * p.rows + _extra_height(p.item) for p in row)
            for row in placed_rows
        ]
        free = height - (len(rows) - 1) * self.SPACING
        if sum(needs) > free:
            return None
        # Spare height is shared equally: a row of stacked plots already
        # has its double share, and the other row should not be squeezed.
        spare = (free - sum(needs)) / len(needs)
        heights = tuple(need + spare for need in needs)
        return Arrangement(tuple(placed_rows), heights)

    def _fit_row(
        self, row: tuple[GridItem, ...], width: int, compact: bool = False
    ) -> tuple[Placed, ...] | None:
        """The shapes that fit ``width`` with the least height, if any."""
        room = width - (len(row) - 1) * self.SPACING
        best: tuple[Placed, ...] | None = None
        for choice in itertools.product(*(item.choices(compact) for item in row)):
            placed = tuple(
                Placed(item, index, weight, rows)
                for item, (index, (weight, rows)) in zip(row, choice, strict=True)
            )
            if sum(self.min_width * p.weight for p in placed) > room:
                continue
            if best is None or max(p.rows for p in placed) < max(p.rows for p in best):
                best = placed
        return best

    def _arrange(self) -> None:
        visible = self._visible()
        for item in self.items:
            item.widget.setVisible(False)
        if not visible:
            self.strip.hide()
            self._announce(())
            return
        self.first %= len(visible)
        ordered = visible[self.first :] + visible[: self.first]
        width, height = self.width(), self.height()
        chosen = self.arrangement(ordered, width, height)
        paging = chosen is None or len(chosen.items) < len(visible)
        if paging:
            whole = self.arrangement(ordered, width, height, compact=True)
            if whole is not None and len(whole.items) == len(visible):
                chosen, paging = whole, False
        if paging:
            height -= self.STRIP_HEIGHT
            chosen = self.arrangement(ordered, width, height)
        else:
            self.first = 0
        if chosen is None:
            # Not even one plot fits at the minimum: the first, in its
            # flattest shape, as large as the room allows.
            shapes = list(enumerate(ordered[0].shapes()))
            index, (weight, rows) = min(shapes, key=lambda shape: shape[1][1])
            only = Placed(ordered[0], index, weight, rows)
            chosen = Arrangement(((only,),), (float(max(height, 1)),))
        self._place(chosen, width)
        self.strip.setVisible(paging)
        if paging:
            self._label_strip(chosen, visible, width, height)
        self._announce(tuple(item.name for item in chosen.items))

    def _label_strip(
        self,
        chosen: Arrangement,
        visible: list[GridItem],
        width: int,
        height: int,
    ) -> None:
        self.strip.setGeometry(0, height, width, self.STRIP_HEIGHT)
        numbers = [visible.index(item) + 1 for item in chosen.items]
        shown = ", ".join(str(n) for n in numbers)
        set_text(
            self.where,
            self.tr("plots {shown} of {count} · Alt+→ for more").format(
                shown=shown, count=len(visible)
            ),
        )

    def _place(self, chosen: Arrangement, width: int) -> None:
        top = 0.0
        for row, row_height in zip(chosen.rows, chosen.heights, strict=True):
            weights = sum(placed.weight for placed in row)
            free = width - (len(row) - 1) * self.SPACING
            x = 0.0
            for placed in row:
                w = free * placed.weight / weights
                widget = placed.item.widget
                set_shape = getattr(widget, "set_shape", None)
                if set_shape is not None:
                    set_shape(placed.shape)
                widget.setGeometry(
                    QRect(round(x), round(top), round(w), round(row_height))
                )
                widget.setVisible(True)
                x += w + self.SPACING
            top += row_height + self.SPACING

    def _announce(self, shown: tuple[str, ...]) -> None:
        if shown != self.shown:
            self.shown = shown
            self.shown_changed.emit(shown)
