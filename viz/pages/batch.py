"""A batch's cross-entropy loss, as PyTorch computes it, in an editable table.

Claim 11 of TEACHING.md: the loss from logits is L = −z_y + log Σ exp(z) per
sample (log-softmax, then negative log-likelihood) and a batch's loss is
the mean over its samples. The table opens on the course's example,
``torch.manual_seed(100); torch.rand(4, 5)`` with labels [4, 3, 3, 2], whose
mean loss is 1.5229846 nats. Every logit and label can be edited; an entry
that is not a valid number or class is refused with a message and the cell
keeps its last valid value, so the page never shows NaN.

State: the N×K logits and the N labels (plain arrays on the page); the
per-sample losses come from :func:`core.cross_entropy_loss` with
``reduction="none"`` after every valid edit.
"""

from __future__ import annotations

import math
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
    group,
    named,
    problem_label,
    set_text,
    text_label,
)
from viz.plotting import OutcomeAxis, Series, StickyRange, style_plot, swatch

#: Decimals of a logit in the table (the exact value is kept).
LOGIT_DECIMALS = 4

#: The table shows this many samples before it scrolls.
VISIBLE_ROWS = 6

#: Decimals of the mean loss: PyTorch's float32 prints 1.5229846.
MEAN_DECIMALS = 7

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
        self.logits, self.labels = pytorch_batch_example()
        self.losses: NDArray[np.float64] = np.zeros(len(self.labels))
        self.mean = 0.0
        self.probabilities: NDArray[np.float64] = np.zeros_like(self.logits)
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
        """Nothing to play on this page."""

    def step_once(self) -> None:
        """Nothing to step on this page."""

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
    def k(self) -> int:
        """The number of classes."""
        return int(self.logits.shape[1])

    def set_batch(self, logits: Any, labels: Any) -> None:
        """Replace the whole batch and redraw the table."""
        self.logits = np.array(logits, dtype=np.float64)
        self.labels = np.array(labels, dtype=np.int64)
        self._show_message("")
        self._recompute()
        self._fill_table()
        self._show_results()

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

    def _recompute(self) -> None:
        self.losses = np.asarray(
            cross_entropy_loss(self.logits, self.labels, reduction="none"),
            dtype=np.float64,
        )
        self.mean = float(np.mean(self.losses))
        self.probabilities = softmax(self.logits)

    def _cell_edited(self, item: QTableWidgetItem) -> None:
        row, column = item.row(), item.column()
        if column > self.k:
            return
        text = item.text()
        if column < self.k:
            where = f"Sample {row}, logit z{column}"
            current = float(self.logits[row, column])
            if text == fixed_text(current, LOGIT_DECIMALS):
                return  # the shown value, unchanged: keep the exact one
            try:
                self.logits[row, column] = parse_number(text)
            except ValueError as error:
                self._refuse(item, f"{where}: {error}; kept {fixed_text(current, 4)}.")
                return
        else:
            where = f"Sample {row}, label"
            try:
                self.labels[row] = parse_label(text, self.k)
            except ValueError as error:
                kept = int(self.labels[row])
                self._refuse(item, f"{where}: {error}; kept {kept}.")
                return
        self._show_message("")
        self._recompute()
        self._show_cell(row, column)
        self._show_results()

    def _refuse(self, item: QTableWidgetItem, message: str) -> None:
        self._show_message(message)
        self._show_cell(item.row(), item.column())

    def _show_message(self, text: str) -> None:
        set_text(self.message, text)
        self.message.setVisible(bool(text))

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
                    self.table.setItem(row, column, item)
                    self._show_cell(row, column)
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
        with QSignalBlocker(self.table):
            item.setText(text)
            item.setTextAlignment(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )

    def _show_results(self) -> None:
        k = self.k
        for row in range(len(self.labels)):
            self._show_cell(row, k + 1)
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
            self.probabilities[row],
            int(self.labels[row]),
        )
