"""The Code-length lab's views: the tree, the lengths against −log₂ q, the codewords.

Each view draws a :class:`core.code_lab.CodeLabResults`; items are created
once (the tree's labels are a pool that grows to the largest tree shown and
hides what it does not need).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics

from core.code_lab import CODE_NAMES, CodeLabResults
from core.huffman import TREE_DRAWING_K, CodeTree
from core.numbers import format_number
from viz import theme
from viz.plotting import (
    BAR_LIMIT,
    PLOT_TEXT_MIN_PX,
    InfiniteBars,
    OutcomeAxis,
    Series,
    after_text_px,
    plot_text,
    set_text_px,
)

FloatArray = NDArray[np.float64]
_Index = QModelIndex | QPersistentModelIndex

#: Each code's colour: its distribution's (Q orange, P blue).
CODE_COLOURS = {
    "shannon_q": theme.Q_COLOUR,
    "huffman_q": theme.Q_COLOUR,
    "huffman_p": theme.P_COLOUR,
    "shannon_p": theme.P_COLOUR,
}

#: Line styles: Shannon's codes solid, Huffman's dashed (never colour alone).
CODE_STYLES = {
    "shannon_q": Qt.PenStyle.SolidLine,
    "huffman_q": Qt.PenStyle.DashLine,
    "huffman_p": Qt.PenStyle.DashLine,
    "shannon_p": Qt.PenStyle.SolidLine,
}


def code_title(name: str) -> str:
    """A code's name in words: "Shannon's code of Q" and so on."""
    titles = {
        "shannon_q": QCoreApplication.translate("CodesPage", "Shannon's code of Q"),
        "huffman_q": QCoreApplication.translate("CodesPage", "Huffman's code of Q"),
        "huffman_p": QCoreApplication.translate("CodesPage", "Huffman's code of P"),
        "shannon_p": QCoreApplication.translate("CodesPage", "Shannon's code of P"),
    }
    return titles[name]


def word_text(word: str | None, length: float, side: str) -> str:
    """A codeword and its length, "0110 (4)"; the empty word is "ε (0)"."""
    if word is None:
        return QCoreApplication.translate(
            "CodesPage", "none: {side} = 0 (∞ bits)"
        ).format(side=side.lower())
    return f"{word or 'ε'} ({int(length)})"


#: Tree levels between a leaf and the top of its label.
LEAF_LABEL_GAP = 0.15
#: The smallest type a leaf's codeword shrinks to, to fit beside its neighbours.
SMALLEST_WORD_PX = 8


class CodeTreePlot:
    """A code's binary tree: root at the top, "0" to the left, leaves labelled.

    Built for K ≤ :data:`core.huffman.TREE_DRAWING_K`; for larger K the plot
    says why there is no tree.
    """

    def __init__(self, plot: pg.PlotItem) -> None:
        self.plot = plot
        self.edges = plot.plot(pen=pg.mkPen("#555555", width=2), connect="pairs")
        self.inner = pg.ScatterPlotItem(
            symbol="o", size=8, brush="#888888", pen=pg.mkPen("#333333")
        )
        self.leaves = pg.ScatterPlotItem(symbol="s", size=14, pen=pg.mkPen("k"))
        plot.addItem(self.inner)
        plot.addItem(self.leaves)
        self.message = plot_text(plot, "", color="#333333", anchor=(0.5, 0.5))
        plot.addItem(self.message)
        self._bits: list[pg.TextItem] = []
        self._words: list[pg.TextItem] = []
        for axis in ("left", "bottom"):
            plot.hideAxis(axis)
        plot.disableAutoRange()
        self.shown: Any = None
        self._depth: int | None = None
        plot.getViewBox().sigResized.connect(self._fit_y)
        after_text_px(plot, self._fit_y)  # a new type size: fit the words again

    def _pool(
        self, pool: list[pg.TextItem], n: int, anchor: tuple[float, float]
    ) -> None:
        while len(pool) < n:
            item = plot_text(self.plot, "", color="#222222", anchor=anchor)
            self.plot.addItem(item)
            pool.append(item)
        for item in pool[n:]:
            item.setVisible(False)

    def show(self, tree: CodeTree | None, colour: str, k: int) -> None:
        """Draw ``tree`` (None: the page's K is too large for a legible tree)."""
        if tree is self.shown and tree is not None:
            return
        self.shown = tree
        if tree is None:
            self._clear()
            self.message.setText(
                QCoreApplication.translate(
                    "CodesPage",
                    "A tree is drawn for up to {most} outcomes; here K = {k}. The "
                    "table lists every codeword.",
                ).format(most=TREE_DRAWING_K, k=f"{k:,}")
            )
            self.message.setPos(0.0, 0.0)
            self.message.setVisible(True)
            self.plot.setXRange(-1, 1, padding=0)
            self.plot.setYRange(-1, 1, padding=0)
            self._fit_y()
            return
        self.message.setVisible(False)
        nodes = tree.nodes
        x = np.array([node.x for node in nodes])
        y = -np.array([node.depth for node in nodes], dtype=np.float64)
        pairs = [(node.parent, node.index) for node in nodes if node.parent >= 0]
        ends = np.array(pairs, dtype=np.intp).ravel()
        self.edges.setData(x[ends], y[ends])
        leaf = np.array([not node.children for node in nodes])
        self.inner.setData(x[~leaf], y[~leaf])
        self.leaves.setData(x[leaf], y[leaf], brush=colour)
        self._label_bits(nodes, x, y)
        self._label_leaves(nodes, x, y)
        width = max(1.0, float(x.max()))
        self.plot.setXRange(-0.7, width + 0.7, padding=0)
        self._depth = tree.depth
        self._fit_y()

    def _fit_y(self, *_: Any) -> None:
        """Room below the deepest leaf for its two lines of text, in pixels.

        A fixed margin in tree levels cut the deepest codeword off ("3" with
        its 1010 below the plot's edge) once the plot was short: text keeps
        its size in pixels while a level shrinks with the plot.
        """
        if self._depth is None:
            # The message wraps within the plot: in lecture type its one
            # line ran off both sides ("…5 outcomes; here K = 40. The").
            width = float(self.plot.getViewBox().width())
            if width > 1:
                self.message.setTextWidth(0.9 * width)
            return
        self._fit_words()
        height = float(self.plot.getViewBox().height())
        words = [item for item in self._words if item.isVisible()]
        text = max((item.textItem.boundingRect().height() for item in words), default=0)
        span = self._depth + 0.5 + LEAF_LABEL_GAP
        share = min((text + 4.0) / height, 0.6) if height > 1 else 0.2
        below = share * span / (1.0 - share)
        self.plot.setYRange(-self._depth - LEAF_LABEL_GAP - below, 0.5, padding=0)

    def _fit_words(self) -> None:
        """Codewords no wider than a leaf's room, and no larger than other texts.

        In lecture type twelve leaves' words ran into each other (1101 0101
        1110 read as one number); they shrink to the room between two
        leaves, never below :data:`SMALLEST_WORD_PX`.
        """
        words = [item for item in self._words if item.isVisible()]
        box = self.plot.getViewBox()
        (left, right), _ = box.viewRange()
        if not words or box.width() <= 1 or right <= left:
            return
        room = 0.95 * box.width() / (right - left)  # pixels between two leaves
        base = int(self.plot.property("plot_text_px") or PLOT_TEXT_MIN_PX)
        font = QFont(words[0].textItem.font())
        font.setPixelSize(base)
        metrics = QFontMetrics(font)
        widest = max(
            metrics.horizontalAdvance(line)
            for item in words
            for line in item.textItem.toPlainText().split("\n")
        )
        px = (
            base if widest <= room else max(SMALLEST_WORD_PX, int(base * room / widest))
        )
        for item in words:
            set_text_px(item, px)

    def _label_bits(self, nodes: Any, x: FloatArray, y: FloatArray) -> None:
        children = [node for node in nodes if node.parent >= 0]
        self._pool(self._bits, len(children), (0.5, 0.5))
        for item, node in zip(self._bits, children, strict=False):
            parent = node.parent
            item.setText(node.bit)
            # A lone child stands straight below its parent: its bit beside
            # the edge, not on it between the two dots.
            straight = abs(x[parent] - x[node.index]) < 1e-9
            item.setAnchor((-0.4, 0.5) if straight else (0.5, 0.5))
            item.setPos(
                (x[parent] + x[node.index]) / 2, (y[parent] + y[node.index]) / 2
            )
            item.setVisible(True)

    def _label_leaves(self, nodes: Any, x: FloatArray, y: FloatArray) -> None:
        leaves = [node for node in nodes if not node.children]
        self._pool(self._words, len(leaves), (0.5, 0.0))
        for item, node in zip(self._words, leaves, strict=False):
            item.setText(f"{node.outcome}\n{node.prefix or 'ε'}")
            item.setPos(x[node.index], y[node.index] - LEAF_LABEL_GAP)
            item.setVisible(True)

    def _clear(self) -> None:
        self._depth = None
        self.edges.setData([], [])
        self.inner.setData([], [])
        self.leaves.setData([], [])
        for item in (*self._bits, *self._words):
            item.setVisible(False)


class LengthsPlot:
    """Each outcome's codeword lengths in both codes of one side, and −log₂ of it."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self.plot = plot
        self.huffman = Series(plot, "#555555", -0.2, 0.38, "Huffman")
        self.shannon = Series(plot, "#555555", 0.2, 0.38, "Shannon")
        self.missing = InfiniteBars(plot, "#555555", 0.38)
        self.ideal = plot.plot(pen=pg.mkPen("k", width=3), connect="pairs")
        self.axis = OutcomeAxis(plot, "outcome")
        plot.disableAutoRange(axis="y")
        self._top: float | None = None

    def show(self, results: CodeLabResults, side: str) -> None:
        """The lengths of the codes of ``side`` ("p" or "q") against −log₂ of it."""
        huffman = results.code(f"huffman_{side}").lengths
        shannon = results.code(f"shannon_{side}").lengths
        ideal = results.ideal_p if side == "p" else results.ideal_q
        colour = theme.P_COLOUR if side == "p" else theme.Q_COLOUR
        k = ideal.size
        self.axis.fit(k, False)
        for series, lengths in ((self.huffman, huffman), (self.shannon, shannon)):
            series.bars.setOpts(brush=colour if series is self.huffman else None)
            series.bars.setOpts(pen=pg.mkPen(colour, width=2))
            series.set_values(np.where(np.isfinite(lengths), lengths, 0.0))
        none = np.flatnonzero(~np.isfinite(huffman))
        if k <= BAR_LIMIT:
            self.missing.show(
                np.concatenate([none - 0.2, none + 0.2]).astype(np.float64)
            )
            finite = np.isfinite(ideal)
            xs = np.arange(k, dtype=np.float64)[finite]
            self.ideal.setData(
                np.column_stack([xs - 0.42, xs + 0.42]).ravel(),
                np.repeat(ideal[finite], 2),
            )
        else:
            self.missing.show([])
            self.ideal.setData([], [])
        finite_lengths = np.concatenate([huffman, shannon, ideal])
        finite_lengths = finite_lengths[np.isfinite(finite_lengths)]
        top = float(finite_lengths.max()) + 1.0 if finite_lengths.size else 1.0
        if top != self._top:
            self._top = top
            self.plot.setYRange(0.0, top, padding=0.02)


#: The codeword table's columns.
TABLE_COLUMNS = (
    "outcome",
    "p",
    "q",
    "ideal_q",
    "shannon_q",
    "huffman_q",
    "ideal_p",
    "huffman_p",
    "shannon_p",
)


class CodewordModel(QAbstractTableModel):
    """One row per outcome: p, q, −log₂ q, Q's codewords, −log₂ p, P's codewords."""

    def __init__(self) -> None:
        super().__init__()
        self.results: CodeLabResults | None = None
        self._book: Any = None

    def show(self, results: CodeLabResults) -> None:
        """Show ``results``' codes (the table resets only when the codes change)."""
        book = results.state.run.book
        if book is self._book:
            self.results = results
            return
        self.beginResetModel()
        self.results = results
        self._book = book
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """One row per outcome."""
        if parent.isValid() or self.results is None:
            return 0
        return int(self.results.p.size)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """The columns of :data:`TABLE_COLUMNS`."""
        return 0 if parent.isValid() else len(TABLE_COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        """Column titles; no row numbers (the first column is the outcome)."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return None
        titles = {
            "outcome": QCoreApplication.translate("CodesPage", "x"),
            "p": "p",
            "q": "q",
            "ideal_q": "−log₂ q",
            "shannon_q": QCoreApplication.translate("CodesPage", "Q: Shannon"),
            "huffman_q": QCoreApplication.translate("CodesPage", "Q: Huffman"),
            "ideal_p": "−log₂ p",
            "huffman_p": QCoreApplication.translate("CodesPage", "P: Huffman"),
            "shannon_p": QCoreApplication.translate("CodesPage", "P: Shannon"),
        }
        return titles[TABLE_COLUMNS[section]]

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        """The text of a cell, and its colour (Q's columns orange, P's blue)."""
        results = self.results
        if results is None or not index.isValid():
            return None
        column = TABLE_COLUMNS[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and column in CODE_COLOURS:
            return QBrush(QColor(CODE_COLOURS[column]).darker(130))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return cell_text(results, index.row(), column)


def cell_text(results: CodeLabResults, row: int, column: str) -> str:
    """What the codeword table shows at outcome ``row`` in ``column``."""
    if column == "outcome":
        return str(row)
    if column in ("p", "q"):
        return format_number(float(getattr(results, column)[row]))
    if column in ("ideal_q", "ideal_p"):
        value = float(getattr(results, column)[row])
        return format_number(value, 3)
    code = results.code(column)
    side = "Q" if column.endswith("_q") else "P"
    return word_text(code.codewords[row], float(code.lengths[row]), side)


def draws_text(results: CodeLabResults) -> str:
    """The latest draws from P and the bits each of two codes sends for them."""
    if not results.recent:
        return QCoreApplication.translate(
            "CodesPage", "No draws yet: press Play or Draw 1."
        )
    outcomes = " ".join(str(x) for x in results.recent)
    lines = [
        QCoreApplication.translate("CodesPage", "Last draws from P: {outcomes}").format(
            outcomes=outcomes
        )
    ]
    for name in ("shannon_q", "huffman_p"):
        words = results.recent_words[CODE_NAMES.index(name)]
        shown = " ".join("∞" if w is None else (w or "ε") for w in words)
        bits = sum(len(w) for w in words if w is not None)
        sent = (
            QCoreApplication.translate("CodesPage", "∞ bits: no codeword")
            if None in words
            else QCoreApplication.translate("CodesPage", "{bits} bits").format(
                bits=bits
            )
        )
        lines.append(f"{code_title(name)}: <tt>{shown}</tt> ({sent})")
    return "<br>".join(lines)


__all__ = [
    "CODE_COLOURS",
    "CODE_STYLES",
    "TABLE_COLUMNS",
    "CodeTreePlot",
    "CodewordModel",
    "LengthsPlot",
    "cell_text",
    "code_title",
    "draws_text",
    "word_text",
]
