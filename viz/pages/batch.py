"""A batch's cross-entropy loss, as PyTorch computes it, in an editable table.

Claim 11 of docs/teaching.md: the loss from logits is L = −z_y + log Σ exp(z) per
sample (log-softmax, then negative log-likelihood) and a batch's loss is
the mean over its samples. The table opens on the course's example,
``torch.manual_seed(100); torch.rand(4, 5)`` with labels [4, 3, 3, 2], whose
mean loss is 1.5229846 nats. Every logit and label can be edited; an entry
that is not a valid number or class is refused with a message and the cell
keeps its last valid value, so the page never shows NaN.

State: a frozen :class:`BatchState`, the N×K logits and N labels with the
per-sample losses that :func:`core.cross_entropy_loss` gives for them
(``reduction="none"``), and the message on show. :func:`edit_cell` turns a
cell's text into the next state and message; the table's slot only stores
them and asks for one redraw.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.losses import cross_entropy_loss
from core.session import LOGIT_LIMIT, MAX_BATCH_ROWS, panel_settings
from core.softmax import softmax
from core.training import pytorch_batch_example
from viz import theme
from viz.pages.common import (
    CROSS_ENTROPY_COLOUR,
    big_label,
    controls_column,
    fixed_text,
    next_pass_timer,
    text_label,
)
from viz.plotting import OutcomeAxis, Series, StickyRange, style_plot, swatch
from viz.widgets import group, named, problem_label, set_text

#: Decimals of a logit in the table (the exact value is kept).
LOGIT_DECIMALS = 4

#: The table shows this many samples before it scrolls.
VISIBLE_ROWS = 6

#: Decimals of the mean loss: PyTorch's float32 prints 1.5229846.
MEAN_DECIMALS = 7

#: What Space and "." say here, where there is nothing to animate.
NOTHING_TO_PLAY = (
    "Nothing to play on this page: edit a logit or a label and the losses "
    "follow at once."
)
NOTHING_TO_STEP = (
    "Nothing to step on this page: edit a logit or a label and the losses "
    "follow at once."
)

ORIGIN = (
    "The example: <tt>torch.manual_seed(100); logits = torch.rand(4, 5)</tt>, "
    "labels <tt>[4, 3, 3, 2]</tt>, "
    "<tt>nn.CrossEntropyLoss()(logits, labels)</tt> = 1.5229846."
)


def parse_number(text: str) -> float:
    """A float from a cell's text; ValueError says why it is refused."""
    cleaned = text.strip().replace("−", "-")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"“{text.strip()}” is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"“{text.strip()}” is not a finite number")
    if abs(value) > LOGIT_LIMIT:
        raise ValueError(
            f"{fixed_text(value, 2)} is outside [−{LOGIT_LIMIT:g}, {LOGIT_LIMIT:g}]"
        )
    return value


def parse_label(text: str, k: int) -> int:
    """A class index in [0, k) from a cell's text; ValueError says why not."""
    cleaned = text.strip()
    try:
        value = int(cleaned)
    except ValueError:
        raise ValueError(f"“{cleaned}” is not a whole number") from None
    if not 0 <= value < k:
        raise ValueError(f"class {value} does not exist: labels run from 0 to {k - 1}")
    return value


@dataclass(frozen=True, eq=False)
class BatchState:
    """A batch and what it gives: build it with :meth:`of`, never edit it in place.

    Attributes
    ----------
    logits : ndarray, shape (N, K)
    labels : ndarray of int, shape (N,)
    losses : ndarray, shape (N,)
        −z_y + log Σ exp(z) per sample.
    mean : float
        The batch's loss, the mean of ``losses``.
    probabilities : ndarray, shape (N, K)
        softmax(z) per sample.
    """

    logits: NDArray[np.float64]
    labels: NDArray[np.int64]
    losses: NDArray[np.float64]
    mean: float
    probabilities: NDArray[np.float64]

    @classmethod
    def of(cls, logits: Any, labels: Any) -> BatchState:
        """The batch of ``logits`` and ``labels`` with its losses computed."""
        z = np.array(logits, dtype=np.float64)
        y = np.array(labels, dtype=np.int64)
        losses = np.asarray(
            cross_entropy_loss(z, y, reduction="none"), dtype=np.float64
        )
        return cls(z, y, losses, float(np.mean(losses)), softmax(z))

    @property
    def k(self) -> int:
        """The number of classes."""
        return int(self.logits.shape[1])


@dataclass(frozen=True)
class CellEdit:
    """What typing into a cell does (see :func:`edit_cell`).

    ``batch`` is the batch afterwards (the same one unless accepted);
    ``message`` is None when the entry changes nothing, "" when it is
    accepted and the refusal, naming the cell and the kept value, otherwise.
    """

    batch: BatchState
    message: str | None


def edit_cell(batch: BatchState, row: int, column: int, text: str) -> CellEdit:
    """The batch after ``text`` is typed into cell (``row``, ``column``).

    Columns 0..K−1 hold logits (see :func:`parse_number`), column K the
    label (:func:`parse_label`); the loss column is not editable. Confirming
    a logit as shown (rounded) keeps its exact value.
    """
    k = batch.k
    if column > k:
        return CellEdit(batch, None)
    if column < k:
        current = float(batch.logits[row, column])
        if text == fixed_text(current, LOGIT_DECIMALS):
            return CellEdit(batch, None)  # the shown value: keep the exact one
        try:
            value = parse_number(text)
        except ValueError as error:
            where = f"Sample {row}, logit z{column}"
            kept = fixed_text(current, LOGIT_DECIMALS)
            return CellEdit(batch, f"{where}: {error}; kept {kept}.")
        logits = batch.logits.copy()
        logits[row, column] = value
        return CellEdit(BatchState.of(logits, batch.labels), "")
    try:
        label = parse_label(text, k)
    except ValueError as error:
        kept_label = int(batch.labels[row])
        return CellEdit(batch, f"Sample {row}, label: {error}; kept {kept_label}.")
    labels = batch.labels.copy()
    labels[row] = label
    return CellEdit(BatchState.of(batch.logits, labels), "")


class BatchPlots(QWidget):
    """Per-sample losses with their mean, and one sample's softmax vs its label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.losses_widget = pg.PlotWidget()
        self.losses_widget.setObjectName("batch_losses_plot")
        plot = self.losses_widget.getPlotItem()
        style_plot(
            plot,
            f"{swatch(CROSS_ENTROPY_COLOUR, 'loss per sample')}, dashed: their mean",
            "sample",
            "cross-entropy loss (nats)",
        )
        self.losses = Series(plot, CROSS_ENTROPY_COLOUR, 0.0, 0.6, "loss")
        self.mean_line = plot.addLine(
            y=0.0, pen=pg.mkPen("k", width=2, style=Qt.PenStyle.DashLine)
        )
        self.losses_axis = OutcomeAxis(plot, "sample")
        self.losses_range = StickyRange(plot)
        self.sample_widget = pg.PlotWidget()
        self.sample_widget.setObjectName("batch_sample_plot")
        self.sample_plot = self.sample_widget.getPlotItem()
        style_plot(self.sample_plot, "", "class", "probability")
        self.target = Series(self.sample_plot, theme.TARGET_COLOUR, -0.2, 0.38, "y")
        self.softmax = Series(self.sample_plot, theme.MODEL_COLOUR, 0.2, 0.38, "q")
        self.sample_axis = OutcomeAxis(self.sample_plot, "class", probability=True)
        self._title = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.losses_widget, self.sample_widget):
            widget.setMinimumSize(200, 150)
            widget.setSizePolicy(
                QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding
            )
            layout.addWidget(widget)

    def plot_items(self) -> list[pg.PlotItem]:
        """The plots inside this widget (for styling and export)."""
        return [self.losses_widget.getPlotItem(), self.sample_plot]

    def show_batch(
        self,
        losses: NDArray[np.float64],
        mean: float,
        row: int,
        probabilities: NDArray[np.float64],
        label: int,
    ) -> None:
        """Draw the losses, their mean and sample ``row``'s prediction."""
        self.losses_axis.fit(losses.size, False)
        self.losses.set_values(losses)
        self.mean_line.setValue(mean)
        self.losses_range.fit(0.0, float(np.max(losses)))
        k = probabilities.size
        self.sample_axis.fit(k, False)
        onehot = np.zeros(k)
        onehot[label] = 1.0
        self.target.set_values(onehot)
        self.softmax.set_values(probabilities)
        title = (
            f"sample {row}: {swatch(theme.MODEL_COLOUR, 'softmax(z)')} vs "
            f"{swatch(theme.TARGET_COLOUR, f'label {label}')}"
        )
        if title != self._title:  # a new title re-lays out the plot
            self._title = title
            self.sample_plot.setTitle(title)


class BatchPage(QWidget):
    """The "batch" page (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.batch = BatchState.of(*pytorch_batch_example())
        self.message_text = ""
        self._draw_timer = next_pass_timer(self, self.draw)
        self._build()
        self.reset()

    # layout -----------------------------------------------------------------

    def _build(self) -> None:
        self.table = QTableWidget()
        named(
            self.table,
            "batch_table",
            "Logits, labels and per-sample losses of the batch",
        )
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch
        )
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.mean_label = big_label("batch_mean_loss", "Mean loss of the batch", 2.0)
        self.sum_label = text_label("batch_mean_formula", "The mean, written out")
        self.message = problem_label("batch_message")
        self.reset_button = QPushButton("Reset to the PyTorch example")
        named(self.reset_button, "batch_reset_button", "Reset to the course's example")
        self.add_button = QPushButton("Add sample")
        named(self.add_button, "batch_add_row_button", "Add a sample to the batch")
        self.remove_button = QPushButton("Remove last sample")
        named(
            self.remove_button,
            "batch_remove_row_button",
            "Remove the last sample of the batch",
        )
        rows = QWidget()
        rows_layout = QHBoxLayout(rows)
        rows_layout.setContentsMargins(0, 0, 0, 0)
        rows_layout.addWidget(self.add_button)
        rows_layout.addWidget(self.remove_button)
        formula = text_label("batch_loss_formula", "The per-sample loss")
        formula.setText(
            "Per sample: L = −z<sub>y</sub> + log Σ<sub>j</sub> exp(z<sub>j</sub>) "
            "(log-softmax, then the negative log-likelihood of the label).<br>"
            "The batch's loss is the mean over its samples."
        )
        origin = text_label("batch_origin", "Where the example comes from")
        origin.setText(ORIGIN)
        column = controls_column(
            "batch_controls",
            group("Mean cross-entropy loss", self.mean_label, self.sum_label),
            self.message,
            group("Edit the batch", self.reset_button, rows),
            group("How it is computed", formula, origin),
        )
        self.plots = BatchPlots()
        right = QVBoxLayout()
        right.setContentsMargins(4, 4, 4, 0)
        right.addWidget(self.table)
        right.addWidget(self.plots, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(column)
        layout.addLayout(right, 1)
        self.table.itemChanged.connect(self._cell_edited)
        self.table.currentCellChanged.connect(lambda *_: self._show_plots())
        self.reset_button.clicked.connect(self.reset)
        self.add_button.clicked.connect(self.add_sample)
        self.remove_button.clicked.connect(self.remove_sample)

    def plot_widgets(self) -> list[QWidget]:
        """The widgets holding this page's plots (each has ``plot_items()``)."""
        return [self.plots]

    # the page protocol ----------------------------------------------------

    def toggle_play(self) -> None:
        """Nothing to play on this page: say so (Space)."""
        self._show_message(NOTHING_TO_PLAY)

    def step_once(self) -> None:
        """Nothing to step on this page: say so (".")."""
        self._show_message(NOTHING_TO_STEP)

    def reset(self) -> None:
        """Back to the course's example."""
        logits, labels = pytorch_batch_example()
        self.set_batch(logits, labels)

    def settings(self) -> dict[str, Any]:
        """The logits and labels (see core.session.PANEL_SETTINGS)."""
        return {
            "logits": tuple(tuple(float(z) for z in row) for row in self.logits),
            "labels": tuple(int(label) for label in self.labels),
        }

    def apply_settings(self, settings: dict[str, Any]) -> None:
        """Take a batch (checked as a session's); the example when none is given."""
        checked = panel_settings("batch", settings)
        if "logits" not in checked:
            self.reset()
            return
        self.set_batch(np.array(checked["logits"]), np.array(checked["labels"]))

    # state ------------------------------------------------------------------

    @property
    def logits(self) -> NDArray[np.float64]:
        """The N×K logits."""
        return self.batch.logits

    @property
    def labels(self) -> NDArray[np.int64]:
        """The N labels."""
        return self.batch.labels

    @property
    def losses(self) -> NDArray[np.float64]:
        """The loss of each sample."""
        return self.batch.losses

    @property
    def mean(self) -> float:
        """The batch's (mean) loss."""
        return self.batch.mean

    @property
    def k(self) -> int:
        """The number of classes."""
        return self.batch.k

    def set_batch(self, logits: Any, labels: Any) -> None:
        """Replace the whole batch and redraw the table."""
        self.batch = BatchState.of(logits, labels)
        self.message_text = ""
        self._fill_table()
        self.draw()

    def add_sample(self) -> None:
        """Append a sample with logits 0 and label 0."""
        if len(self.labels) >= MAX_BATCH_ROWS:
            self._show_message(f"A batch holds at most {MAX_BATCH_ROWS} samples here.")
            return
        self.set_batch(
            np.vstack([self.logits, np.zeros(self.k)]), [*self.labels.tolist(), 0]
        )

    def remove_sample(self) -> None:
        """Drop the last sample (a batch keeps at least one)."""
        if len(self.labels) <= 1:
            self._show_message("A batch needs at least one sample.")
            return
        self.set_batch(self.logits[:-1], self.labels[:-1])

    def _cell_edited(self, item: QTableWidgetItem) -> None:
        """A cell was typed into: store the next state and ask for a redraw."""
        edit = edit_cell(self.batch, item.row(), item.column(), item.text())
        if edit.message is not None:
            self.batch, self.message_text = edit.batch, edit.message
            self.request_draw()

    def _show_message(self, text: str) -> None:
        """Say ``text`` (a refused action) and redraw."""
        self.message_text = text
        self.draw()

    def request_draw(self) -> None:
        """Redraw once, on the next pass of the event loop, however often asked."""
        if not self._draw_timer.isActive():
            self._draw_timer.start()

    @property
    def draw_pending(self) -> bool:
        """True while a requested redraw has not run yet."""
        return self._draw_timer.isActive()

    # views ------------------------------------------------------------------

    def _fill_table(self) -> None:
        n, k = self.logits.shape
        with QSignalBlocker(self.table):
            self.table.clear()
            self.table.setRowCount(n)
            self.table.setColumnCount(k + 2)
            self.table.setHorizontalHeaderLabels(
                [f"z{j}" for j in range(k)] + ["label y", "loss (nats)"]
            )
            self.table.setVerticalHeaderLabels([f"sample {i}" for i in range(n)])
            for row in range(n):
                for column in range(k + 2):
                    item = QTableWidgetItem()
                    if column == k + 1:
                        item.setFlags(
                            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                        )
                        item.setBackground(QBrush(QColor("#EEF7F3")))
                        item.setToolTip("Computed: −z_y + log Σ exp(z)")
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                    self.table.setItem(row, column, item)
            if self.table.currentRow() < 0 or self.table.currentRow() >= n:
                self.table.setCurrentCell(0, 0)
        self._fit_table_height()

    def _fit_table_height(self) -> None:
        """Tall enough for every sample up to VISIBLE_ROWS; then it scrolls."""
        rows = min(len(self.labels), VISIBLE_ROWS)
        header = self.table.horizontalHeader().sizeHint().height()
        row_height = self.table.verticalHeader().defaultSectionSize()
        frame = 2 * self.table.frameWidth()
        self.table.setFixedHeight(header + rows * row_height + frame + 2)

    def _show_cell(self, row: int, column: int) -> None:
        item = self.table.item(row, column)
        if item is None:
            return
        k = self.k
        if column < k:
            text = fixed_text(float(self.logits[row, column]), LOGIT_DECIMALS)
        elif column == k:
            text = str(int(self.labels[row]))
        else:
            text = fixed_text(float(self.losses[row]), 4)
        if item.text() != text:  # a typed text that was refused is put back too
            with QSignalBlocker(self.table):
                item.setText(text)

    def draw(self) -> None:
        """Every view from the state: the cells, the message, the mean, the plots."""
        self._draw_timer.stop()
        set_text(self.message, self.message_text)
        self.message.setVisible(bool(self.message_text))
        n, k = self.logits.shape
        for row in range(n):
            for column in range(k + 2):
                self._show_cell(row, column)
        set_text(self.mean_label, f"{fixed_text(self.mean, MEAN_DECIMALS)} nats")
        terms = [fixed_text(float(loss), 4) for loss in self.losses]
        if len(terms) > 6:
            terms = [*terms[:3], "…", terms[-1]]
        set_text(
            self.sum_label,
            f"({' + '.join(terms)}) / {len(self.losses)} = "
            f"<b>{fixed_text(self.mean, MEAN_DECIMALS)}</b>",
        )
        self._show_plots()

    def _show_plots(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.labels):
            row = 0
        self.plots.show_batch(
            self.losses,
            self.mean,
            row,
            self.batch.probabilities[row],
            int(self.labels[row]),
        )
