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

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from viz.widgets import named, set_text

#: Arrangements tried, most plots first: (columns, rows).
ARRANGEMENTS = ((3, 2), (2, 2), (3, 1), (2, 1), (1, 2), (1, 1))


@dataclass(frozen=True)
class GridItem:
    """A plot in the grid: its widget, its name and how many columns it wants."""

    name: str
    widget: QWidget
    weight: float = 1.0


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
        self, items: Sequence[GridItem], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.items = tuple(items)
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
        named(self.back, "plots_previous", "Show the previous plots (Alt+Left)")
        self.forward = QPushButton("▶")
        named(self.forward, "plots_next", "Show the next plots (Alt+Right)")
        self.where = QLabel()
        self.where.setObjectName("plots_where")
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

    def _fits(self, columns: int, rows: int, width: int, height: int) -> bool:
        row_height = (height - (rows - 1) * self.SPACING) / rows
        column_width = (width - (columns - 1) * self.SPACING) / columns
        return row_height >= self.min_height and column_width >= self.min_width

    def arrangement(self, width: int, height: int, count: int) -> tuple[int, int]:
        """The (columns, rows) to use for ``count`` plots in width × height."""
        for columns, rows in ARRANGEMENTS:
            if columns * rows > count and (columns - 1) * rows >= count:
                continue  # a whole empty column
            if self._fits(columns, rows, width, height):
                return columns, rows
        return 1, 1

    def _arrange(self) -> None:
        visible = self._visible()
        for item in self.items:
            item.widget.setVisible(False)
        if not visible:
            self.strip.hide()
            self._announce(())
            return
        width, height = self.width(), self.height()
        columns, rows = self.arrangement(width, height, len(visible))
        capacity = min(columns * rows, len(visible))
        paging = capacity < len(visible)
        if paging:
            height -= self.STRIP_HEIGHT
            columns, rows = self.arrangement(width, height, len(visible))
            capacity = min(columns * rows, len(visible))
        else:
            self.first = 0
        self.first %= len(visible)
        chosen = [visible[(self.first + i) % len(visible)] for i in range(capacity)]
        self._place(chosen, columns, rows, width, height)
        self.strip.setVisible(paging)
        if paging:
            self.strip.setGeometry(0, height, width, self.STRIP_HEIGHT)
            numbers = [(self.first + i) % len(visible) + 1 for i in range(capacity)]
            shown = ", ".join(str(n) for n in numbers)
            set_text(
                self.where,
                f"plots {shown} of {len(visible)} · Alt+→ for more",
            )
        self._announce(tuple(item.name for item in chosen))

    def _place(
        self,
        chosen: list[GridItem],
        columns: int,
        rows: int,
        width: int,
        height: int,
    ) -> None:
        row_height = (height - (rows - 1) * self.SPACING) / rows
        per_row = math.ceil(len(chosen) / rows)
        for r in range(rows):
            in_row = chosen[r * per_row : (r + 1) * per_row]
            if not in_row:
                continue
            weights = sum(item.weight for item in in_row)
            free = width - (len(in_row) - 1) * self.SPACING
            x = 0.0
            for item in in_row:
                w = free * item.weight / weights
                top = round(r * (row_height + self.SPACING))
                item.widget.setGeometry(
                    QRect(round(x), top, round(w), round(row_height))
                )
                item.widget.setVisible(True)
                x += w + self.SPACING

    def _announce(self, shown: tuple[str, ...]) -> None:
        if shown != self.shown:
            self.shown = shown
            self.shown_changed.emit(shown)
