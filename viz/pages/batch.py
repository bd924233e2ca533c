"""A batch's cross-entropy loss, as PyTorch computes it, in an editable table.

Claim 11 of docs/teaching.md: the loss from logits is L = −z_y + log Σ exp(z) per
sample (log-softmax, then negative log-likelihood) and a batch's loss is
the mean over its samples. The table opens on the course's example,
``torch.manual_seed(100); torch.rand(4, 5)`` with labels [4, 3, 3, 2], whose
mean loss is 1.5229846 nats. Every logit and label can be edited; an entry
that is not a valid number or class is refused with a message and the cell
keeps its last valid value, so the page never shows NaN.

State: a :class:`core.batch.BatchState` in the page's store, shown by a
:class:`BatchModel` (a ``QAbstractTableModel`` over the store's results):
an edit goes through :func:`core.batch.edit_cell` into the store, one undo
step, and the model reports the changed cells.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.batch import (
    BatchResults,
    BatchState,
    Edit,
    Problem,
    add_sample,
    edit_cell,
    example_batch,
    logit_text,
    remove_sample,
)
from core.numbers import format_count, format_number
from core.ranges import BATCH_LOGIT
from viz import theme
from viz.column_area import ColumnArea
from viz.pages.common import (
    CROSS_ENTROPY_COLOUR,
    Page,
    big_label,
    controls_column,
    fixed_text,
    text_label,
)
from viz.plot_grid import GridItem, PlotGrid
from viz.plotting import OutcomeAxis, Series, StickyRange, style_plot, swatch
from viz.store import Store
from viz.translated import set_plot_texts
from viz.widgets import group, problem_label, set_text

translate = QCoreApplication.translate

#: The table shows this many samples before it scrolls.
VISIBLE_ROWS = 6

#: Decimals of the mean loss: PyTorch's float32 prints 1.5229846.
MEAN_DECIMALS = 7


def origin_text() -> str:
    """Where the example comes from, in the language in use."""
    return translate(
        "BatchPage",
        "The example: <tt>torch.manual_seed(100); logits = torch.rand(4, 5)</tt>, "
        "labels <tt>[4, 3, 3, 2]</tt>, "
        "<tt>nn.CrossEntropyLoss()(logits, labels)</tt> = 1.5229846.",
    )


_Index = QModelIndex | QPersistentModelIndex


def _table_name() -> str:
    return translate("BatchPage", "Logits, labels and per-sample losses of the batch")


def _mean_name() -> str:
    return translate("BatchPage", "Mean loss of the batch")


def _sum_name() -> str:
    return translate("BatchPage", "The mean, written out")


def _reset_text() -> str:
    return translate("BatchPage", "Reset to the PyTorch example")


def _reset_name() -> str:
    return translate("BatchPage", "Reset to the course's example")


def _add_text() -> str:
    return translate("BatchPage", "Add sample")


def _add_name() -> str:
    return translate("BatchPage", "Add a sample to the batch")


def _remove_text() -> str:
    return translate("BatchPage", "Remove last sample")


def _remove_name() -> str:
    return translate("BatchPage", "Remove the last sample of the batch")


def _formula_text() -> str:
    return translate(
        "BatchPage",
        "Per sample: L = −z<sub>y</sub> + log Σ<sub>j</sub> exp(z<sub>j</sub>) "
        "(log-softmax, then the negative log-likelihood of the label).<br>"
        "The batch's loss is the mean over its samples.",
    )


def _formula_name() -> str:
    return translate("BatchPage", "The per-sample loss")


def _origin_name() -> str:
    return translate("BatchPage", "Where the example comes from")


def _mean_title() -> str:
    return translate("BatchPage", "Mean cross-entropy loss")


def _edit_title() -> str:
    return translate("BatchPage", "Edit the batch")


def problem_words(problem: Problem) -> str:
    """Why an edit was refused, in the language in use."""
    if problem.code == "too_many":
        return translate("BatchPage", "A batch holds at most {n} samples here.").format(
            n=problem.limit
        )
    if problem.code == "too_few":
        return translate("BatchPage", "A batch needs at least one sample.")
    low, high = (format_number(v, 0) for v in (BATCH_LOGIT.low, BATCH_LOGIT.high))
    reasons = {
        "not_a_number": lambda: translate("BatchPage", "“{shown}” is not a number"),
        "not_finite": lambda: translate(
            "BatchPage", "“{shown}” is not a finite number"
        ),
        "outside": lambda: translate("BatchPage", "{shown} is outside [{low}, {high}]"),
        "not_whole": lambda: translate("BatchPage", "“{shown}” is not a whole number"),
        "no_such_class": lambda: translate(
            "BatchPage", "class {shown} does not exist: labels run from 0 to {last}"
        ),
    }
    reason = reasons[problem.code]().format(
        shown=problem.shown, low=low, high=high, last=problem.limit
    )
    if problem.column is None:
        sentence = translate("BatchPage", "Sample {row}, label: {reason}; kept {kept}.")
    else:
        sentence = translate(
            "BatchPage", "Sample {row}, logit z{column}: {reason}; kept {kept}."
        )
    return sentence.format(
        row=problem.row, column=problem.column, reason=reason, kept=problem.kept
    )


def _how_title() -> str:
    return translate("BatchPage", "How it is computed")


class BatchModel(QAbstractTableModel):
    """The batch as a table: K logit columns, the label, the loss (read-only).

    It reads the store's latest results and writes edits to the store (one
    undo step each); a refused entry is reported through ``on_message``.
    """

    def __init__(
        self,
        store: Store[BatchState, BatchResults],
        on_message: Any,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.on_message = on_message
        self._shape = (0, 0)
        store.results_ready.connect(self.show_results)

    @property
    def results(self) -> BatchResults | None:
        """The results on show."""
        return self.store.results

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Samples."""
        return 0 if parent.isValid() else self._shape[0]

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """K logits, the label, the loss."""
        return 0 if parent.isValid() else self._shape[1] + 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = 0
    ) -> Any:
        """z0 … z(K−1), "label y", "loss (nats)"; "sample i" down the side."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return translate("BatchModel", "sample {index}").format(index=section)
        k = self._shape[1]
        if section < k:
            return f"z{section}"
        if section == k:
            return translate("BatchModel", "label y")
        return translate("BatchModel", "loss (nats)")

    def retranslate(self) -> None:
        """Headers and cells again, in the language in use."""
        rows, columns = self.rowCount(), self.columnCount()
        if rows:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, rows - 1)
        if columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """Logits and labels are editable; the loss is computed."""
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() <= self._shape[1]:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role: int = 0) -> Any:
        """The cell's text, alignment, background and tooltip."""
        results = self.results
        if results is None or not index.isValid():
            return None
        row, column, k = index.row(), index.column(), self._shape[1]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            state = results.state
            if column < k:
                return logit_text(float(state.logits[row, column]))
            if column == k:
                return str(int(state.labels[row]))
            return fixed_text(float(results.losses[row]), 4)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and column == k + 1:
            return QBrush(QColor("#EEF7F3"))
        if role == Qt.ItemDataRole.ToolTipRole and column == k + 1:
            return translate("BatchModel", "Computed: −z_y + log Σ exp(z)")
        return None

    def setData(
        self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        """Typing into a cell: the next state goes to the store, or a refusal.

        True when the cell now holds what was typed (a confirmed value
        included); False for a refusal or a cell that is not editable.
        """
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        edit = edit_cell(self.store.state, index.row(), index.column(), str(value))
        self.apply(edit)
        return edit.problem is None

    def apply(self, edit: Edit) -> None:
        """Store an edit's state (one undo step) and say why it was refused."""
        self.store.set_state(edit.state)
        self.on_message(edit.problem)

    def show_results(self, results: BatchResults) -> None:
        """New results: reshape if the batch did, else report every cell changed."""
        shape = results.state.logits.shape
        if shape != self._shape:
            self.beginResetModel()
            self._shape = (int(shape[0]), int(shape[1]))
            self.endResetModel()
            return
        top_left = self.index(0, 0)
        bottom_right = self.index(self._shape[0] - 1, self._shape[1] + 1)
        self.dataChanged.emit(top_left, bottom_right)


class BatchPlots(QWidget):
    """Per-sample losses with their mean, and one sample's softmax vs its label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.losses_widget = pg.PlotWidget(enableMenu=False)
        self.losses_widget.setObjectName("batch_losses_plot")
        plot = self.losses_widget.getPlotItem()
        self.losses_plot = plot
        style_plot(plot, "", "", "")
        self.losses = Series(plot, CROSS_ENTROPY_COLOUR, 0.0, 0.6, "loss")
        self.mean_line = plot.addLine(
            y=0.0, pen=pg.mkPen("k", width=2, style=Qt.PenStyle.DashLine)
        )
        self.losses_axis = OutcomeAxis(plot, "sample")
        self.losses_range = StickyRange(plot)
        self.sample_widget = pg.PlotWidget(enableMenu=False)
        self.sample_widget.setObjectName("batch_sample_plot")
        self.sample_plot = self.sample_widget.getPlotItem()
        style_plot(self.sample_plot, "", "", "")
        self.target = Series(self.sample_plot, theme.TARGET_COLOUR, -0.2, 0.38, "y")
        self.softmax = Series(self.sample_plot, theme.MODEL_COLOUR, 0.2, 0.38, "q")
        self.sample_axis = OutcomeAxis(self.sample_plot, "class", probability=True)
        self._title = ""
        self._shown: tuple[int, int] | None = None
        self.retranslate()
        self.plot_grid = PlotGrid(
            [
                GridItem(widget.objectName(), widget)
                for widget in (self.losses_widget, self.sample_widget)
            ],
            name="batch_plots",
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_grid)

    def retranslate(self) -> None:
        """Titles and axis labels in the language in use."""
        set_plot_texts(
            self.losses_plot,
            translate("BatchPlots", "{losses}, dashed: their mean").format(
                losses=swatch(
                    CROSS_ENTROPY_COLOUR, translate("BatchPlots", "loss per sample")
                )
            ),
            translate("BatchPlots", "sample"),
            translate("BatchPlots", "cross-entropy loss (nats)"),
        )
        self.losses_axis.set_label(translate("BatchPlots", "sample"))
        class_label = translate("BatchPlots", "class")
        self.sample_plot.setLabel("bottom", class_label)
        self.sample_plot.setLabel("left", translate("BatchPlots", "probability"))
        self.sample_axis.set_label(class_label)
        if self._shown is not None:
            self._show_title(*self._shown)

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
        self._show_title(row, label)

    def _show_title(self, row: int, label: int) -> None:
        self._shown = (row, label)
        title = translate("BatchPlots", "sample {row}: {softmax} vs {label}").format(
            row=row,
            softmax=swatch(theme.MODEL_COLOUR, "softmax(z)"),
            label=swatch(
                theme.TARGET_COLOUR,
                translate("BatchPlots", "label {label}").format(label=label),
            ),
        )
        if title != self._title:  # a new title re-lays out the plot
            self._title = title
            self.sample_plot.setTitle(title)


class BatchPage(Page):
    """The "batch" page (see the module docstring)."""

    store: Store[BatchState, BatchResults]

    def __init__(
        self, store: Store[BatchState, BatchResults], parent: QWidget | None = None
    ) -> None:
        super().__init__(store, parent)
        self.message_text = ""
        self._problem: Problem | None = None
        self._build()
        store.state_changed.connect(self._state_changed)
        store.results_ready.connect(self.show_results)
        if store.results_state is not store.state:
            store.derive_now()
        elif store.results is not None:
            self.model.show_results(store.results)
            self.show_results(store.results)

    # layout -----------------------------------------------------------------

    def _fit_columns(self, *_: object) -> None:
        """The logits share the width; the label and the loss take what they need.

        All stretched alike, the last two were cut in lecture type at
        1024 px: "oss (nats" over "1.436".
        """
        header = self.table.horizontalHeader()
        columns = self.model.columnCount()
        for column in range(columns):
            mode = (
                QHeaderView.ResizeMode.ResizeToContents
                if column >= columns - 2
                else QHeaderView.ResizeMode.Stretch
            )
            header.setSectionResizeMode(column, mode)

    def changeEvent(self, event: QEvent) -> None:
        """A new type size (lecture mode, zoom): the table's columns and rows again."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.store.results is not None:
            # After the new type is laid out: the rows' heights follow it.
            QTimer.singleShot(0, self, self._refit_table)

    def _refit_table(self) -> None:
        results = self.store.results
        if results is not None:
            self._fit_table_height(results.state.n)

    def _build(self) -> None:
        self.model = BatchModel(self.store, self._refused, self)
        self.table = QTableView()
        self.table.setObjectName("batch_table")
        self.table.setModel(self.model)
        #: The losses' column, by name (a lesson hides it until answered).
        self.loss_column = ColumnArea(
            self.table, "batch_loss_column", lambda: self.model.columnCount() - 1
        )
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        #: The style's own narrowest column (the logits' width only widens it).
        self._narrowest_section = self.table.horizontalHeader().minimumSectionSize()
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch
        )
        for signal in (
            self.model.modelReset,
            self.model.columnsInserted,
            self.model.columnsRemoved,
            self.model.headerDataChanged,
        ):
            signal.connect(self._fit_columns)
        self._fit_columns()
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.mean_label = big_label("batch_mean_loss", "", 2.0)
        self.sum_label = text_label("batch_mean_formula", "")
        self.message = problem_label("batch_message")
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("batch_reset_button")
        self.add_button = QPushButton()
        self.add_button.setObjectName("batch_add_row_button")
        self.remove_button = QPushButton()
        self.remove_button.setObjectName("batch_remove_row_button")
        rows = QWidget()
        rows_layout = QHBoxLayout(rows)
        rows_layout.setContentsMargins(0, 0, 0, 0)
        rows_layout.addWidget(self.add_button)
        rows_layout.addWidget(self.remove_button)
        formula = text_label("batch_loss_formula", "")
        origin = text_label("batch_origin", "")
        mean_group = group("", self.mean_label, self.sum_label)
        edit_group = group("", self.reset_button, rows)
        how_group = group("", formula, origin)
        column = controls_column(
            "batch_controls", mean_group, self.message, edit_group, how_group
        )
        texts = self.texts
        for widget, make, setter in (
            (self.table, _table_name, "setAccessibleName"),
            (self.mean_label, _mean_name, "setAccessibleName"),
            (self.sum_label, _sum_name, "setAccessibleName"),
            (self.reset_button, _reset_text, "setText"),
            (self.reset_button, _reset_name, "setAccessibleName"),
            (self.add_button, _add_text, "setText"),
            (self.add_button, _add_name, "setAccessibleName"),
            (self.remove_button, _remove_text, "setText"),
            (self.remove_button, _remove_name, "setAccessibleName"),
            (formula, _formula_text, "setText"),
            (formula, _formula_name, "setAccessibleName"),
            (origin, origin_text, "setText"),
            (origin, _origin_name, "setAccessibleName"),
            (mean_group, _mean_title, "setTitle"),
            (edit_group, _edit_title, "setTitle"),
            (how_group, _how_title, "setTitle"),
        ):
            texts.set(widget, make, setter)
        self.plots = BatchPlots()
        right = QVBoxLayout()
        right.setContentsMargins(4, 4, 4, 0)
        right.addWidget(self.table)
        right.addWidget(self.plots, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(column)
        layout.addLayout(right, 1)
        self.table.selectionModel().currentChanged.connect(
            lambda *_: self._show_plots()
        )
        self.reset_button.clicked.connect(self.reset)
        self.add_button.clicked.connect(
            lambda: self.model.apply(add_sample(self.store.state))
        )
        self.remove_button.clicked.connect(
            lambda: self.model.apply(remove_sample(self.store.state))
        )

    def plot_widgets(self) -> list[QWidget]:
        """The widgets holding this page's plots (each has ``plot_items()``)."""
        return [self.plots]

    def retranslate(self) -> None:
        """Every text again: the page's, the table's headers, the plots'."""
        super().retranslate()
        self.model.retranslate()
        self.plots.retranslate()
        if self._problem is not None:
            self._refused(self._problem)

    # the page protocol ----------------------------------------------------

    def toggle_play(self) -> str | None:
        """Nothing to play on this page: say so (Space)."""
        self._say(self.nothing_to_play)
        return self.nothing_to_play

    def step_once(self) -> str | None:
        """Nothing to step on this page: say so (".")."""
        self._say(self.nothing_to_play)
        return self.nothing_to_play

    def reset(self) -> None:
        """Back to the course's example (one undo step)."""
        self.store.set_state(example_batch())
        self._say("")

    # state ------------------------------------------------------------------

    @property
    def batch(self) -> BatchState:
        """The batch on show."""
        return self.store.state

    @property
    def logits(self) -> NDArray[np.float64]:
        """The N×K logits."""
        return self.store.state.logits

    @property
    def labels(self) -> NDArray[np.int64]:
        """The N labels."""
        return self.store.state.labels

    @property
    def losses(self) -> NDArray[np.float64]:
        """The loss of each sample (of the results on show)."""
        results = self.store.results
        return results.losses if results is not None else np.empty(0)

    @property
    def mean(self) -> float:
        """The batch's (mean) loss."""
        results = self.store.results
        return results.mean if results is not None else float("nan")

    @property
    def k(self) -> int:
        """The number of classes."""
        return self.store.state.k

    def _state_changed(self, _state: BatchState) -> None:
        """A refusal or hint describes the batch it was said about: clear it."""
        self._say("")

    def _say(self, text: str) -> None:
        """Show ``text`` (a refused action; "" clears it)."""
        self._problem = None
        self._show_message(text)

    def _refused(self, problem: Problem | None) -> None:
        """Say why an edit was refused (None: it was not), in words kept up to date."""
        self._problem = problem
        self._show_message("" if problem is None else problem_words(problem))

    def _show_message(self, text: str) -> None:
        self.message_text = text
        set_text(self.message, text)
        self.message.setVisible(bool(text))

    # views ------------------------------------------------------------------

    def show_results(self, results: BatchResults) -> None:
        """The mean, its sum written out, the table's height and the plots."""
        mean = fixed_text(results.mean, MEAN_DECIMALS)
        set_text(
            self.mean_label, translate("BatchPage", "{value} nats").format(value=mean)
        )
        terms = [fixed_text(float(loss), 4) for loss in results.losses]
        if len(terms) > 6:
            terms = [*terms[:3], "…", terms[-1]]
        set_text(
            self.sum_label,
            f"({' + '.join(terms)}) / {format_count(results.losses.size)} = "
            f"<b>{mean}</b>",
        )
        self._fit_table_height(results.state.n)
        if not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))
        self._show_plots()

    def _fit_table_height(self, n: int) -> None:
        """Tall enough for every sample up to VISIBLE_ROWS; then it scrolls.

        The logits are never cut to "0.11…": a column is at least as wide as
        its numbers (in lecture type at 1024 px the table then scrolls
        sideways, and the bar's height is counted). Rows are measured as
        laid out: at 3840×2160 the default row height left sample 3 cut.
        """
        table = self.table
        header = table.horizontalHeader()
        logits = range(max(0, self.model.columnCount() - 2))
        needed = max((table.sizeHintForColumn(c) for c in logits), default=0)
        needed = max(needed, self._narrowest_section)
        if needed != header.minimumSectionSize():
            header.setMinimumSectionSize(needed)
        rows = min(n, VISIBLE_ROWS)
        heights = sum(table.rowHeight(row) for row in range(rows))
        frame = 2 * table.frameWidth()
        total = header.sizeHint().height() + heights + frame + 2
        wide = sum(
            max(header.sectionSizeHint(c), table.sizeHintForColumn(c), needed)
            for c in range(self.model.columnCount())
        )
        if wide > table.viewport().width() + table.verticalScrollBar().width():
            total += table.horizontalScrollBar().sizeHint().height()
        table.setFixedHeight(total)

    def _show_plots(self) -> None:
        results = self.store.results
        if results is None:
            return
        row = self.table.currentIndex().row()
        if not 0 <= row < results.state.n:
            row = 0
        self.plots.show_batch(
            results.losses,
            results.mean,
            row,
            results.probabilities[row],
            int(results.state.labels[row]),
        )
