"""The Code-length lab: "bits" made concrete as codewords that P's draws are sent in.

Issue 16, section 2. Four prefix codes are built from the explorer's P and Q:
Shannon's (lengths ⌈−log₂ q⌉) and Huffman's for Q, Huffman's and Shannon's
for P. Draws from P are coded with each, and their average length per symbol
converges to the code's expected length on P. The page says which code each
number uses and shows the claims that hold (:mod:`core.code_lab`):

* Shannon's code of Q: H(P,Q) ≤ L < H(P,Q) + 1, for every P;
* Huffman's code of P: H(P) ≤ L < H(P) + 1, the best prefix code for P;
* the extra bits of Q's code over P's own, with Shannon's codes, lie within
  one bit of D(P‖Q);
* Huffman's code of Q is *not* within one bit of H(P,Q) on P's draws in
  general (optimal for Q, not for P): it is shown, with only the bound that
  holds, L ≥ P's own Huffman length.

Each outcome's codewords and lengths stand next to −log₂ q and −log₂ p in the
table, the lengths against the ideal ones in a plot, and for K ≤ 16 the
chosen code as a tree.

State: a :class:`core.code_lab.CodeLabState` in the page's store; P and Q
follow the explorer (:class:`viz.pages.lab_common.LabPage`).
"""

from __future__ import annotations

import math
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.code_lab import (
    CODE_NAMES,
    CodeEstimate,
    CodeLabResults,
    CodeLabState,
    advance_code_lab,
    can_advance_code_lab,
    reset_code_lab,
    restart_code_lab,
    with_code_rate,
    with_tree,
)
from core.sampling import Estimate
from viz import theme
from viz.pages.code_views import (
    CODE_COLOURS,
    CODE_STYLES,
    CodeTreePlot,
    CodewordModel,
    LengthsPlot,
    code_title,
    draws_text,
)
from viz.pages.common import controls_column, number_text, text_label
from viz.pages.lab_common import (
    HeaderArea,
    LabPage,
    form,
    outcomes_text,
    show_problem_label,
)
from viz.pages.lab_plots import RunningMeansPlot, translucent
from viz.plot_grid import GridItem, PlotGrid
from viz.plotting import style_plot, swatch
from viz.state import ScenarioStore
from viz.store import Store
from viz.widgets import group, named, problem_label, set_text

#: The table's columns after the code's name. The expected length and the
#: claim it meets come first: where a narrow screen (1024 px in lecture
#: type) must scroll the table sideways, what scrolls away is the detail.
COLUMNS = ("exact", "claim", "mean", "built")
#: The column of the claim, which is fitted to its widest line.
CLAIM_COLUMN = 1 + COLUMNS.index("claim")


def built_text(name: str) -> str:
    """How a code's lengths are chosen."""
    texts = {
        "shannon_q": QCoreApplication.translate("CodesPage", "l = ⌈−log₂ q⌉"),
        "huffman_q": QCoreApplication.translate("CodesPage", "optimal for Q"),
        "huffman_p": QCoreApplication.translate("CodesPage", "optimal for P"),
        "shannon_p": QCoreApplication.translate("CodesPage", "l = ⌈−log₂ p⌉"),
    }
    # A formula is not broken across lines ("l =" above "⌈−log₂ q⌉").
    return texts[name].replace(" ", "\u00a0") if "shannon" in name else texts[name]


def average_text(estimate: CodeEstimate) -> str:
    """A code's running bits per symbol ± 2 SE, or ∞ and the outcome why."""
    moments = estimate.moments
    if moments.mean is None:
        return QCoreApplication.translate("CodesPage", "no draws yet")
    if math.isinf(moments.mean):
        return QCoreApplication.translate(
            "CodesPage", "∞: drew {which}, which has no codeword (q = 0)"
        ).format(which=outcomes_text(moments.infinite_at))
    mean = number_text(moments.mean)
    if moments.standard_error is None:
        return QCoreApplication.translate(
            "CodesPage", "{mean} (± after 2 draws)"
        ).format(mean=mean)
    return QCoreApplication.translate("CodesPage", "<b>{mean}</b> ± {error}").format(
        mean=mean, error=number_text(2 * moments.standard_error)
    )


def exact_text(estimate: CodeEstimate) -> str:
    """L = Σ p·l, or ∞ where P has mass on an outcome without a codeword."""
    if math.isinf(estimate.expected):
        return QCoreApplication.translate(
            "CodesPage", "L = ∞ (q = 0 where p > 0 at {which})"
        ).format(which=outcomes_text(estimate.expected_infinite_at))
    return f"L = {number_text(estimate.expected)}"


def claim_text(estimate: CodeEstimate) -> str:
    """The bound that holds for this code, with its numbers, and whether L meets it."""
    if estimate.name == "huffman_q":
        return QCoreApplication.translate(
            "CodesPage", "L ≥ {low}:\nP's own Huffman"
        ).format(low=number_text(estimate.low))
    target = "H(P,Q)" if estimate.name == "shannon_q" else "H(P)"
    if math.isinf(estimate.low):
        return QCoreApplication.translate(
            "CodesPage", "{target} ≤ L < {target} + 1: both ∞ here"
        ).format(target=target)
    holds = estimate.meets_bound
    # Two lines: the bound, then its numbers. On one line the claim was the
    # widest cell of the table, and at 1024 px it wrapped a word a line.
    return QCoreApplication.translate(
        "CodesPage", "{target} ≤ L < {target} + 1:\n{low} ≤ L < {high} {mark}"
    ).format(
        target=target,
        low=number_text(estimate.low),
        high=number_text(estimate.high),
        mark="✓" if holds else "✗",
    )


def claim_detail(name: str) -> str:
    """What the claim's cell says more, as its tooltip ("" for none)."""
    if name != "huffman_q":
        return ""
    return QCoreApplication.translate(
        "CodesPage",
        "Not within a bit of H(P,Q) in general: optimal for Q, not for P's draws.",
    )


def ideal_average_text(estimate: Estimate) -> str:
    """The running mean of the ideal lengths −log₂ q(x) or −log₂ p(x)."""
    if estimate.mean is None:
        return QCoreApplication.translate("CodesPage", "no draws yet")
    if math.isinf(estimate.mean):
        return QCoreApplication.translate(
            "CodesPage", "∞: drew {which}, where q = 0"
        ).format(which=outcomes_text(estimate.infinite_at))
    error = estimate.standard_error
    mean = number_text(estimate.mean)
    if error is None:
        return mean
    if math.isinf(error):
        return QCoreApplication.translate("CodesPage", "<b>{mean}</b>").format(
            mean=mean
        )
    return QCoreApplication.translate("CodesPage", "<b>{mean}</b> ± {error}").format(
        mean=mean, error=number_text(2 * error)
    )


def extra_bits_text(results: CodeLabResults) -> str:
    """What coding P's draws with Q's code costs over P's own, code by code."""
    r = results.readouts
    if math.isinf(r.shannon_extra):
        return QCoreApplication.translate(
            "CodesPage",
            "<b>Extra bits</b> for coding P's draws with Q's code: ∞, as D(P‖Q) = ∞: "
            "Q's codes have no codeword for an outcome P can give.",
        )
    return QCoreApplication.translate(
        "CodesPage",
        "<b>Extra bits</b> per symbol for coding P's draws with Q's code instead "
        "of P's own: with the ideal lengths exactly D(P‖Q) = <b>{kl}</b>; with "
        "Shannon's codes <b>{shannon}</b>, within one bit of it (each code rounds "
        "up by less than a bit); with Huffman's codes {huffman} (never negative, "
        "no bound against D).",
    ).format(
        shannon=number_text(r.shannon_extra),
        kl=number_text(r.kl_pq),
        huffman=number_text(r.huffman_extra),
    )


#: Below this the Shannon extra bits are negative, not float noise on a zero.
NEGATIVE_EXTRA = -1e-12


def negative_extra_text(results: CodeLabResults) -> str:
    """Why the Shannon codes' extra bits are negative ("" when they are not).

    L_Q(P) − L_P(P) = D(P‖Q) + w_Q − w_P, where w is what a code wastes by
    rounding −log₂ up (0 ≤ w < 1): with Shannon's code of P wasting more
    than D(P‖Q) and Q's waste together, the difference is below zero. It is
    an exact expectation, not a sample's: more draws do not change it.
    """
    if not results.readouts.shannon_extra < NEGATIVE_EXTRA:
        return ""
    return QCoreApplication.translate(
        "CodesPage",
        "<b>Why negative, though D(P‖Q) ≥ 0:</b> Shannon's code of P is not "
        "P's best code: rounding each −log₂ p up, it wastes more here than "
        "D(P‖Q) and Q's rounding together. The numbers are exact expected "
        "lengths Σ p·l, not averages of the draws. Huffman's code of P is the "
        "best, so the extra bits with Huffman's codes are never negative.",
    )


class CodeTable(QWidget):
    """The four codes side by side, and the ideal lengths they round."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(2)
        self.headers = [QLabel() for _ in range(len(COLUMNS) + 1)]
        for column, header in enumerate(self.headers):
            header.setTextFormat(Qt.TextFormat.RichText)
            header.setWordWrap(True)
            grid.addWidget(header, 0, column)
        self.names: dict[str, QLabel] = {}
        self.cells: dict[tuple[str, str], QLabel] = {}
        for row, name in enumerate((*CODE_NAMES, "ideal_q", "ideal_p"), start=1):
            self.names[name] = QLabel()
            self.names[name].setTextFormat(Qt.TextFormat.RichText)
            self.names[name].setWordWrap(True)
            grid.addWidget(self.names[name], row, 0)
            for column, key in enumerate(COLUMNS, start=1):
                # The claim wraps (it is long) and is plain text: "L < H + 1"
                # would start a tag in rich text.
                claim = key == "claim"
                cell = text_label(
                    f"codes_{name}_{key}", f"{name}: {key}", wrap=key != "mean"
                )
                if claim:
                    cell.setTextFormat(Qt.TextFormat.PlainText)
                self.cells[(name, key)] = cell
                grid.addWidget(cell, row, column)
        grid.setColumnStretch(len(COLUMNS), 1)  # the last takes what is left
        self._grid = grid
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        """New type (lecture mode, zoom): the claim's column is fitted again."""
        if event.type() == QEvent.Type.FontChange:
            self._fit_claims()
        super().changeEvent(event)

    def _fit_claims(self) -> None:
        """The claim's column as wide as its widest line.

        Left to the grid, it got what the other columns left over: at
        1024 px, one word a line and the last rows scrolled out of sight.
        The other columns wrap instead.
        """
        lines = [
            line
            for name in CODE_NAMES  # the ideal rows' words wrap
            for line in self.cells[(name, "claim")].text().split("\n")
        ]
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(line) for line in lines), default=0)
        self._grid.setColumnMinimumWidth(CLAIM_COLUMN, widest + 4)

    def retranslate(self) -> None:
        """Headers and names in the language in use."""
        by_column = {
            "built": QCoreApplication.translate("CodesPage", "<b>lengths</b>"),
            "mean": QCoreApplication.translate(
                "CodesPage", "<b>bits per symbol of P's draws</b> ± 2 SE"
            ),
            "exact": QCoreApplication.translate(
                "CodesPage", "<b>converges to</b> Σ p·l"
            ),
            "claim": QCoreApplication.translate(
                "CodesPage", "<b>the claim that holds</b>"
            ),
        }
        headers = (
            QCoreApplication.translate("CodesPage", "<b>code</b>"),
            *(by_column[key] for key in COLUMNS),
        )
        for header, text in zip(self.headers, headers, strict=True):
            set_text(header, text)
        for name in CODE_NAMES:
            set_text(self.names[name], swatch(CODE_COLOURS[name], code_title(name)))
        set_text(
            self.names["ideal_q"],
            QCoreApplication.translate("CodesPage", "ideal −log₂ q(x), no code"),
        )
        set_text(
            self.names["ideal_p"],
            QCoreApplication.translate("CodesPage", "ideal −log₂ p(x), no code"),
        )

    def show_results(self, results: CodeLabResults) -> None:
        """Every cell from the results."""
        for estimate in results.estimates:
            name = estimate.name
            set_text(self.cells[(name, "built")], built_text(name))
            set_text(self.cells[(name, "mean")], average_text(estimate))
            set_text(self.cells[(name, "exact")], exact_text(estimate))
            set_text(self.cells[(name, "claim")], claim_text(estimate))
            self.cells[(name, "claim")].setToolTip(claim_detail(name))
        sampling = results.sampling
        for name, quantity, target in (
            ("ideal_q", "information_q", "H(P,Q)"),
            ("ideal_p", "information_p", "H(P)"),
        ):
            ideal = sampling.estimate(quantity)
            set_text(
                self.cells[(name, "built")],
                QCoreApplication.translate("CodesPage", "as they are, not rounded"),
            )
            set_text(self.cells[(name, "mean")], ideal_average_text(ideal))
            value = "∞" if math.isinf(ideal.target) else number_text(ideal.target)
            set_text(self.cells[(name, "exact")], f"{target} = {value}")
            set_text(
                self.cells[(name, "claim")],
                QCoreApplication.translate(
                    "CodesPage", "the lengths a code rounds up or down"
                ),
            )
        self._fit_claims()


class CodePlots(QWidget):
    """Bits per symbol against draws, the chosen code's tree, lengths, codewords."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.widgets: dict[str, pg.PlotWidget] = {}
        for name in ("bits", "tree", "lengths"):
            widget = pg.PlotWidget()
            widget.setObjectName(f"codes_{name}_plot")
            self.widgets[name] = widget
        for name, texts in self.titles("huffman_q").items():
            style_plot(self.plot(name), *texts)
        self.bits = RunningMeansPlot(
            self.plot("bits"),
            [CODE_COLOURS[n] for n in CODE_NAMES],
            ["H(P,Q)", "", "H(P)", ""],
            [CODE_STYLES[n] for n in CODE_NAMES],
        )
        self.regions = {
            side: pg.LinearRegionItem(
                values=(0.0, 1.0),
                orientation="horizontal",
                movable=False,
                brush=translucent(colour, 35),
                pen=pg.mkPen(translucent(colour, 120)),
            )
            for side, colour in (("q", theme.Q_COLOUR), ("p", theme.P_COLOUR))
        }
        for region in self.regions.values():
            self.plot("bits").addItem(region)
            region.setZValue(-10)
        self.tree = CodeTreePlot(self.plot("tree"))
        self.lengths = LengthsPlot(self.plot("lengths"))
        self.model = CodewordModel()
        self.table = QTableView()
        named(self.table, "codes_table", self.tr("Every outcome's codewords"))
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        # Two rows of two where they fit; on a small projector fewer at a
        # time, the draws' bits per symbol first.
        cells = (
            ("bits", self.widgets["bits"]),
            ("tree", self.widgets["tree"]),
            ("lengths", self.widgets["lengths"]),
            ("table", self.table),
        )
        self.plot_grid = PlotGrid(
            [GridItem(name, widget) for name, widget in cells], name="codes_plots"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_grid)
        self._tree_shown = "huffman_q"

    def plot(self, name: str) -> pg.PlotItem:
        """The plot ``name``: bits, tree or lengths."""
        item: pg.PlotItem = self.widgets[name].getPlotItem()
        return item

    def plot_items(self) -> list[pg.PlotItem]:
        """The plots inside this widget (for styling and export)."""
        return [widget.getPlotItem() for widget in self.widgets.values()]

    def titles(self, tree: str) -> dict[str, tuple[str, str, str, str]]:
        """Each plot's title and axis labels, in the language in use."""
        side = tree[-1]
        other = "q" if side == "q" else "p"
        return {
            "bits": (
                QCoreApplication.translate(
                    "CodesPage", "Bits per symbol of P's draws: {q}, {p}"
                ).format(
                    q=swatch(
                        theme.Q_COLOUR,
                        QCoreApplication.translate("CodesPage", "Q's codes"),
                    ),
                    p=swatch(
                        theme.P_COLOUR,
                        QCoreApplication.translate("CodesPage", "P's own"),
                    ),
                ),
                QCoreApplication.translate("CodesPage", "draws n (log scale)"),
                QCoreApplication.translate("CodesPage", "bits"),
                QCoreApplication.translate(
                    "CodesPage",
                    "solid: Shannon, dashed: Huffman; shaded: [H, H + 1)",
                ),
            ),
            "tree": (
                QCoreApplication.translate("CodesPage", "The tree of {code}").format(
                    code=code_title(tree)
                ),
                "",
                "",
                "",
            ),
            "lengths": (
                QCoreApplication.translate(
                    "CodesPage", "Codeword lengths of {side}'s codes"
                ).format(side=side.upper()),
                QCoreApplication.translate("CodesPage", "outcome"),
                QCoreApplication.translate("CodesPage", "bits"),
                QCoreApplication.translate(
                    "CodesPage", "filled: Huffman, outlined: Shannon; — −log₂ {other}"
                ).format(other=other),
            ),
        }

    def retranslate(self, tree: str) -> None:
        """Titles and axis labels for the code the tree shows."""
        self._tree_shown = tree
        for name, (title, x_label, y_label, hint) in self.titles(tree).items():
            plot = self.plot(name)
            plot.setTitle(title)
            plot.titleLabel.set_hint(hint)
            if name == "tree":
                continue  # a tree has no axes (setLabel would show them)
            plot.setLabel("bottom", x_label)
            plot.setLabel("left", y_label)
        # The outcome axis writes its own label when K or its scale changes.
        self.lengths.axis.set_label(self.titles(tree)["lengths"][1])
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1
        )

    def show_results(self, results: CodeLabResults) -> None:
        """Draw every view from the results."""
        tree = results.state.tree
        if tree != self._tree_shown:
            self.retranslate(tree)
        r = results.readouts
        self.bits.show(
            results.checkpoints,
            results.history_means,
            results.history_errors,
            [r.cross_entropy_pq, math.nan, r.entropy_p, math.nan],
            [e.expected for e in results.estimates],
            ["H(P,Q)", "", "H(P)", ""],
            results.count,
        )
        for side, low in (("q", r.cross_entropy_pq), ("p", r.entropy_p)):
            region = self.regions[side]
            region.setVisible(math.isfinite(low))
            if math.isfinite(low):
                region.setRegion((low, low + 1.0))
        self.tree.show(results.tree, CODE_COLOURS[tree], int(results.p.size))
        self.lengths.show(results, tree[-1])
        self.model.show(results)


class CodesPage(LabPage):
    """The "codes" page (see the module docstring)."""

    store: Store[CodeLabState, CodeLabResults]

    def __init__(
        self,
        store: Store[CodeLabState, CodeLabResults],
        explorer: ScenarioStore,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(store, explorer, "codes", "the draws", parent)
        self._build()
        store.state_changed.connect(self._state_changed)
        store.results_ready.connect(self.show_results)
        self._state_changed(store.state)
        self.follow_explorer()
        if store.results_state is not store.state:
            store.derive_now()
        elif store.results is not None:
            self.show_results(store.results)

    def _build(self) -> None:
        self.tree_box = QComboBox()
        named(self.tree_box, "codes_tree_combo", self.tr("The code the tree shows"))
        for name in ("huffman_q", "shannon_q", "huffman_p", "shannon_p"):
            self.tree_box.addItem(code_title(name), name)
        self.rate_caption, self.seed_caption, self.tree_caption = (
            QLabel(),
            QLabel(),
            QLabel(),
        )
        settings = form(
            (self.rate_caption, self.rate_box),
            (self.seed_caption, self.seed_box),
            (self.tree_caption, self.tree_box),
        )
        self.count_label = text_label("codes_count", self.tr("Draws so far"))
        self.source_label = text_label(
            "codes_source", self.tr("Where P and Q come from")
        )
        self.problem = problem_label("codes_problem")
        self.look = text_label("codes_look_at", self.tr("What to look at"))
        self.draws_group = group("", self.playback, settings, self.count_label)
        self.source_group = group("", self.source_label)
        column = controls_column(
            "codes_controls",
            self.draws_group,
            self.source_group,
            self.problem,
            self.look,
        )
        self.table = CodeTable()
        self.extra = text_label("codes_extra_bits", self.tr("Extra bits of Q's code"))
        self.extra_reason = text_label(
            "codes_extra_reason", self.tr("Why the extra bits are negative")
        )
        # Hidden until there is a reason: an empty line that shows takes room.
        self.extra_reason.setVisible(False)
        self.draws = text_label("codes_draws", self.tr("The latest draws, coded"))
        self.plots = CodePlots()
        right = QVBoxLayout()
        right.setContentsMargins(4, 4, 4, 0)
        # The extra bits first: the lab's point (D(P‖Q) in bits per symbol)
        # was the line the area scrolled out of sight at 1366×768. Why they
        # can be negative, a paragraph, comes after the table.
        self.header = HeaderArea(
            "codes_header", self.extra, self.table, self.extra_reason, self.draws
        )
        right.addWidget(self.header)
        right.addWidget(self.plots, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(column)
        layout.addLayout(right, 1)
        self.tree_box.currentIndexChanged.connect(
            lambda _: self.set_tree(str(self.tree_box.currentData()))
        )
        self.retranslate()

    def retranslate(self) -> None:
        """Every text the page owns, in the language in use."""
        super().retranslate()
        self.playback.step.setText(self.tr("Draw 1"))
        self.playback.step.setToolTip(
            self.tr("One draw from P, coded with each code (.)")
        )
        self.draws_group.setTitle(self.tr("Draws from P, coded four ways"))
        self.source_group.setTitle(self.source_title(self.store.state))
        self.rate_caption.setText(self.tr("rate"))
        self.seed_caption.setText(self.tr("seed"))
        self.tree_caption.setText(self.tr("tree of"))
        for index in range(self.tree_box.count()):
            self.tree_box.setItemText(
                index, code_title(str(self.tree_box.itemData(index)))
            )
        self._show_look(self._huffman_misses)
        self.table.retranslate()
        self.plots.retranslate(self.store.state.tree)
        if self.store.results is not None:
            self.show_results(self.store.results)

    #: Whether Huffman's code of Q misses H(P,Q) by a bit or more (_show_look).
    _huffman_misses = False

    def _show_look(self, huffman_misses: bool) -> None:
        """What to look at, and a next step the page does not already show.

        "Try next: make Q = [0.9, 0.05, 0.05] and P = [0.05, 0.05, 0.9]"
        stood beside the very P and Q it asks for (its preset's).
        """
        self._huffman_misses = huffman_misses
        look = self.tr(
            "<b>What to look at.</b> A codeword is a whole number of bits, "
            "about −log₂ of its probability: rare outcomes get long words. "
            "Coding P's draws with Q's code never costs fewer bits per symbol "
            "than P's own Huffman code, the best whole-bit code for P; with "
            "Shannon's codes the average lands in [H(P,Q), H(P,Q) + 1) and the "
            "difference is within a bit of D(P‖Q). "
            "Huffman's code of Q is optimal only for Q: on P's draws it can "
            "miss H(P,Q) by more than a bit."
        )
        if huffman_misses:
            try_next = self.tr(
                "<br><b>Here it does:</b> Huffman's code of Q averages a bit or "
                "more away from H(P,Q). <b>Try next:</b> on the Explorer make "
                "Q = P: every code of Q becomes one of P's, and the extra bits "
                "vanish."
            )
        else:
            try_next = self.tr(
                "<br><b>Try next:</b> on the Explorer make Q = [0.9, 0.05, 0.05] "
                "and P = [0.05, 0.05, 0.9]: Huffman's code of Q spends 2 bits where "
                "−log₂ q is 4.32."
            )
        set_text(self.look, look + try_next)

    # controls → state -----------------------------------------------------------

    def set_tree(self, tree: str) -> None:
        """Show another code's tree and lengths (the run goes on)."""
        self.store.set_state(with_tree(self.store.state, tree))

    def show_problem(self, text: str) -> None:
        """Say why the explorer's P and Q are not coded ("" to clear)."""
        show_problem_label(self.problem, text)

    # the page protocol -------------------------------------------------------------

    def advanced(self, state: CodeLabState, steps: int) -> CodeLabState:
        """``steps`` more draws from P."""
        return advance_code_lab(state, steps)

    def can_advance(self, state: CodeLabState) -> bool:
        """Until the draw limit."""
        return can_advance_code_lab(state)

    def restarted(self, state: CodeLabState) -> CodeLabState:
        """The same codes before the first draw."""
        return reset_code_lab(state)

    def restarted_from(
        self, state: CodeLabState, p: Any = None, q: Any = None, seed: Any = None
    ) -> CodeLabState:
        """New codes (new P and Q) or new draws (a new seed)."""
        return restart_code_lab(state, p, q, seed)

    def with_rate(self, state: CodeLabState, rate: int) -> CodeLabState:
        """The same run at another rate."""
        return with_code_rate(state, rate)

    def plot_widgets(self) -> list[QWidget]:
        """The widgets holding this page's plots (each has ``plot_items()``)."""
        return [self.plots]

    # state → controls, results → views ---------------------------------------------

    def _state_changed(self, state: CodeLabState) -> None:
        self.rate_box.show_rate(state.rate)
        self.seed_box.show_seed(state.seed)
        index = self.tree_box.findData(state.tree)
        if index != self.tree_box.currentIndex():
            with QSignalBlocker(self.tree_box):
                self.tree_box.setCurrentIndex(index)

    def show_source(self, state: Any) -> None:
        """Say whose P and Q the run is of, and what changing them does."""
        if self.behind_explorer(state):
            source = self.tr(
                "K = {k} outcomes, codes of an earlier P and Q: the Explorer's "
                "have changed since. Reset codes the Explorer's again."
            )
        else:
            source = self.tr(
                "K = {k} outcomes. Change P and Q on the Explorer: new codes, and "
                "the draws start again (Ctrl+Z brings these back)."
            )
        set_text(self.source_label, source.format(k=len(state.p)))
        self.source_group.setTitle(self.source_title(state))

    def show_results(self, results: CodeLabResults) -> None:
        """Every view from the derived results."""
        state = results.state
        set_text(
            self.count_label,
            # A plural message: "1 draw", not "1 draws" (English catalogue).
            self.tr("<b>{n}</b> draws from P", "", results.count).format(
                n=f"{results.count:,}"
            ),
        )
        self.show_source(state)
        self.table.show_results(results)
        huffman_q = next(e for e in results.estimates if e.name == "huffman_q")
        # Either way: on the preset's P it lands 2.2 bits below H(P,Q).
        gap = abs(huffman_q.expected - results.readouts.cross_entropy_pq)
        misses = bool(gap >= 1.0)  # False at ∞ − ∞ (NaN): nothing to miss
        if misses != self._huffman_misses:
            self._show_look(misses)
        set_text(self.extra, extra_bits_text(results))
        reason = negative_extra_text(results)
        set_text(self.extra_reason, reason)
        self.extra.setToolTip(reason)
        self.extra_reason.setVisible(bool(reason))
        set_text(self.draws, draws_text(results))
        self.plots.show_results(results)


__all__ = [
    "CodesPage",
    "average_text",
    "claim_text",
    "exact_text",
    "extra_bits_text",
    "negative_extra_text",
]
