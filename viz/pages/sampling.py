"""The Sampling lab: "expected information" made visible, one draw at a time.

Issue 16, section 1. Outcomes are drawn from the explorer's P (and, in step,
from Q). For each draw x ~ P the page shows its information −log p(x), −log
q(x) and log p(x)/q(x); their running means converge to H(P), H(P,Q) and
D(P‖Q), with a ±2 standard-error band that narrows as 1/√n around the exact
value. From the draws of Q, the three Monte Carlo estimators of Schulman's
note (k1 = −log r, k2 = (log r)²/2, k3 = (r − 1) − log r, r = p(x)/q(x))
estimate **D(Q‖P)**, the divergence weighted by the distribution sampled
from, side by side with their bias and variance.

State: a :class:`core.sampling_lab.SamplingLabState` in the page's store (P
and Q as the explorer gave them, the seed, the units, the rate, the run);
:func:`core.sampling_lab.derive_sampling_lab` gives what the page draws. P
and Q follow the explorer (:class:`viz.pages.lab_common.LabPage`).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from core.numbers import unit_name
from core.sampling import QUANTITIES, RECENT_LIMIT, Estimate
from core.sampling_lab import (
    LAB_UNITS,
    SamplingLabResults,
    SamplingLabState,
    advance_sampling_lab,
    can_advance_sampling_lab,
    reset_sampling_lab,
    restart_sampling_lab,
    with_rate,
    with_units,
)
from viz import theme
from viz.pages.common import controls_column, number_text, text_label
from viz.pages.lab_common import (
    HeaderArea,
    LabPage,
    form,
    outcomes_text,
    show_problem_label,
)
from viz.pages.lab_plots import SYMBOL_MARKS, RecentDraws, RunningMeansPlot
from viz.plot_grid import GridItem, PlotGrid
from viz.plotting import OutcomeAxis, Series, style_plot, swatch
from viz.state import ScenarioStore
from viz.store import Store
from viz.widgets import group, named, problem_label, set_text

#: One colour per quantity, on every plot and in the table (Okabe–Ito).
COLOURS = {
    "information_p": theme.P_COLOUR,
    "information_q": theme.Q_COLOUR,
    "log_ratio": theme.ACCENT_COLOUR,
    "k1": theme.GRADIENT_COLOUR,
    "k2": theme.MARKER_COLOUR,
    "k3": theme.ENTROPY_COLOUR,
}

#: The table's columns after the quantity's name.
COLUMNS = ("mean", "exact", "bias", "variance")


def quantity_html(name: str, mark: str = "■") -> str:
    """A quantity's formula as rich text, after ``mark`` in its colour."""
    formulas = {
        "information_p": QCoreApplication.translate("SamplingPage", "−log p(x)"),
        "information_q": QCoreApplication.translate("SamplingPage", "−log q(x)"),
        "log_ratio": QCoreApplication.translate("SamplingPage", "log p(x)/q(x)"),
        "k1": QCoreApplication.translate("SamplingPage", "k1 = −log r"),
        "k2": QCoreApplication.translate("SamplingPage", "k2 = (log r)²/2"),
        "k3": QCoreApplication.translate("SamplingPage", "k3 = (r − 1) − log r"),
    }
    return swatch(COLOURS[name], formulas[name], mark)


def target_name(name: str) -> str:
    """What a quantity's running mean estimates: H(P), H(P,Q), D(P‖Q) or D(Q‖P)."""
    return {
        "information_p": "H(P)",
        "information_q": "H(P,Q)",
        "log_ratio": "D(P‖Q)",
    }.get(name, "D(Q‖P)")


def mean_text(estimate: Estimate, units: str) -> str:
    """The running mean ± 2 SE, or why there is none, or ∞ and why."""
    if estimate.mean is None:
        return QCoreApplication.translate("SamplingPage", "no draws yet")
    if math.isinf(estimate.mean):
        which = outcomes_text(estimate.infinite_at)
        if estimate.name in ("information_q", "log_ratio"):
            return QCoreApplication.translate(
                "SamplingPage", "∞: drew {which}, where q = 0"
            ).format(which=which)
        return QCoreApplication.translate(
            "SamplingPage", "∞: drew {which} from Q, where p = 0"
        ).format(which=which)
    mean = number_text(estimate.mean)
    if estimate.standard_error is None:
        return QCoreApplication.translate(
            "SamplingPage", "{mean} (± after 2 draws)"
        ).format(mean=mean)
    return QCoreApplication.translate("SamplingPage", "<b>{mean}</b> ± {error}").format(
        mean=mean, error=number_text(2 * estimate.standard_error)
    )


def exact_text(estimate: Estimate) -> str:
    """The exact value the mean converges to, or ∞ and why."""
    target = target_name(estimate.name)
    if math.isinf(estimate.target):
        which = outcomes_text(estimate.expected_infinite_at)
        if estimate.name in ("information_q", "log_ratio"):
            why = QCoreApplication.translate(
                "SamplingPage", "Q = 0 where P > 0 at {which}"
            ).format(which=which)
        else:
            why = QCoreApplication.translate(
                "SamplingPage", "P = 0 where Q > 0 at {which}"
            ).format(which=which)
        return f"{target} = ∞ ({why})"
    text = f"{target} = {number_text(estimate.target)}"
    if estimate.expected != estimate.target and math.isfinite(estimate.expected):
        text += QCoreApplication.translate(
            "SamplingPage", "; its mean → {value}"
        ).format(value=number_text(estimate.expected))
    return text


def exact_line(estimate: Estimate, first: bool) -> tuple[float, str]:
    """Where a mean's dashed line goes and its label ("" and NaN: no line).

    The three estimators share D(Q‖P): the first draws it, a biased one
    draws what it converges to instead (E[k2]).
    """
    if estimate.name in QUANTITIES[:3] or first:
        return estimate.target, target_name(estimate.name)
    if estimate.expected != estimate.target and math.isfinite(estimate.expected):
        return estimate.expected, f"E[{estimate.name}]"
    return math.nan, ""


def bias_text(estimate: Estimate) -> str:
    """The estimator's bias E[value] − target, exactly."""
    if estimate.bias is None:
        return QCoreApplication.translate("SamplingPage", "none defined (∞)")
    if estimate.bias == 0:
        return QCoreApplication.translate("SamplingPage", "0 (unbiased)")
    sign = "+" if estimate.bias > 0 else ""
    return sign + number_text(estimate.bias)


def variance_text(estimate: Estimate) -> str:
    """The exact variance of one draw's value, and the draws' own estimate."""
    exact = estimate.standard_deviation
    text = number_text(exact * exact)
    error = estimate.standard_error
    if error is not None and math.isfinite(error) and math.isfinite(exact):
        sample = error * error * estimate.count
        text += QCoreApplication.translate("SamplingPage", " (draws: {value})").format(
            value=number_text(sample)
        )
    return text


def cell_texts(estimate: Estimate, units: str) -> dict[str, str]:
    """Every cell of a quantity's row, by column."""
    return {
        "mean": mean_text(estimate, units),
        "exact": exact_text(estimate),
        "bias": bias_text(estimate),
        "variance": variance_text(estimate),
    }


class SamplingTable(QWidget):
    """The six running means side by side: mean ± 2 SE, exact, bias, variance."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(2)
        self.headers = [QLabel() for _ in range(len(COLUMNS) + 2)]
        for column, header in enumerate(self.headers):
            header.setTextFormat(Qt.TextFormat.RichText)
            header.setWordWrap(True)
            grid.addWidget(header, 0, column)
        self.names: dict[str, QLabel] = {}
        self.sources: dict[str, QLabel] = {}
        self.cells: dict[tuple[str, str], QLabel] = {}
        for row, name in enumerate(QUANTITIES, start=1):
            self.sources[name] = QLabel()
            self.names[name] = QLabel(quantity_html(name))
            self.names[name].setTextFormat(Qt.TextFormat.RichText)
            grid.addWidget(self.sources[name], row, 0)
            grid.addWidget(self.names[name], row, 1)
            for column, key in enumerate(COLUMNS, start=2):
                # Long cells wrap, so the table never widens the window.
                cell = text_label(
                    f"sampling_{name}_{key}", f"{name}: {key}", wrap=key != "mean"
                )
                self.cells[(name, key)] = cell
                grid.addWidget(cell, row, column)
        grid.setColumnStretch(len(COLUMNS) + 1, 1)
        self.retranslate("bits")

    def retranslate(self, units: str) -> None:
        """Headers and names in the language in use."""
        headers = (
            QCoreApplication.translate("SamplingPage", "<b>drawn from</b>"),
            QCoreApplication.translate("SamplingPage", "<b>each draw's value</b>"),
            QCoreApplication.translate(
                "SamplingPage", "<b>running mean ± 2 SE</b> ({units})"
            ).format(units=unit_name(units)),
            QCoreApplication.translate("SamplingPage", "<b>converges to</b>"),
            QCoreApplication.translate("SamplingPage", "<b>bias</b>"),
            QCoreApplication.translate(
                "SamplingPage", "<b>variance of one draw</b> ({units}²)"
            ).format(units=unit_name(units)),
        )
        for header, text in zip(self.headers, headers, strict=True):
            set_text(header, text)
        for name in QUANTITIES:
            source = "P" if QUANTITIES.index(name) < 3 else "Q"
            set_text(
                self.sources[name],
                QCoreApplication.translate("SamplingPage", "x ~ {source}").format(
                    source=source
                ),
            )
            self.names[name].setText(quantity_html(name))

    def show_estimates(self, estimates: tuple[Estimate, ...], units: str) -> None:
        """Every cell from the results."""
        self.retranslate(units)
        for estimate in estimates:
            for key, text in cell_texts(estimate, units).items():
                set_text(self.cells[(estimate.name, key)], text)


class SamplingPlots(QWidget):
    """Running means (from P; the k's from Q), the recent draws, and the counts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.widgets: dict[str, pg.PlotWidget] = {}
        for name in ("means_p", "means_q", "recent_p", "recent_q", "counts"):
            widget = pg.PlotWidget(enableMenu=False)
            widget.setObjectName(f"sampling_{name}_plot")
            self.widgets[name] = widget
        for name, texts in self.titles("bits").items():
            style_plot(self.plot(name), *texts)
        plot = self.plot
        from_p, from_q = QUANTITIES[:3], QUANTITIES[3:]
        self.means_p = RunningMeansPlot(
            plot("means_p"), [COLOURS[n] for n in from_p], ["H(P)", "H(P,Q)", "D(P‖Q)"]
        )
        self.means_q = RunningMeansPlot(
            plot("means_q"), [COLOURS[n] for n in from_q], ["D(Q‖P)"] * 3
        )
        self.recent_p = RecentDraws(
            plot("recent_p"), [COLOURS[n] for n in from_p], RECENT_LIMIT
        )
        self.recent_q = RecentDraws(
            plot("recent_q"), [COLOURS[n] for n in from_q], RECENT_LIMIT
        )
        counts = plot("counts")
        self.p_bars = Series(counts, theme.P_COLOUR, -0.2, 0.38, "P")
        self.q_bars = Series(counts, theme.Q_COLOUR, 0.2, 0.38, "Q")
        marker = {"pen": None, "symbol": "o", "symbolSize": 9, "symbolPen": "k"}
        self.p_share = counts.plot(symbolBrush="w", **marker)
        self.q_share = counts.plot(symbolBrush="k", **{**marker, "symbol": "s"})
        self.counts_axis = OutcomeAxis(counts, "outcome", probability=True)
        # Means over recent draws, column by column (P's, then Q's), the
        # counts beside them; on a small projector fewer at a time.
        order = ("means_p", "means_q", "counts", "recent_p", "recent_q")
        self.plot_grid = PlotGrid(
            [
                GridItem(name, self.widgets[name], 0.8 if name == "counts" else 1.0)
                for name in order
            ],
            name="sampling_plots",
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_grid)

    def plot(self, name: str) -> pg.PlotItem:
        """The plot ``name``: means_p, means_q, recent_p, recent_q or counts."""
        item: pg.PlotItem = self.widgets[name].getPlotItem()
        return item

    def plot_items(self) -> list[pg.PlotItem]:
        """The plots inside this widget (for styling and export)."""
        return [widget.getPlotItem() for widget in self.widgets.values()]

    def titles(self, units: str) -> dict[str, tuple[str, str, str]]:
        """Each plot's title and axis labels, in the language in use."""
        unit = unit_name(units)  # the axis says "bits" in the language in use
        draws = QCoreApplication.translate("SamplingPage", "draws n (log scale)")
        latest = QCoreApplication.translate("SamplingPage", "draw (0 = the latest)")
        to_p = ", ".join(swatch(COLOURS[n], target_name(n)) for n in QUANTITIES[:3])
        ks = ", ".join(swatch(COLOURS[n], n) for n in QUANTITIES[3:])
        # The recent draws are points: each name after its own symbol.
        values = ", ".join(
            quantity_html(n, mark)
            for n, mark in zip(QUANTITIES[:3], SYMBOL_MARKS, strict=True)
        )
        recent_ks = ", ".join(
            swatch(COLOURS[n], n, mark)
            for n, mark in zip(QUANTITIES[3:], SYMBOL_MARKS, strict=True)
        )
        return {
            "means_p": (
                QCoreApplication.translate(
                    "SamplingPage", "Means ± 2 SE, x ~ P → {targets}"
                ).format(targets=to_p),
                draws,
                unit,
            ),
            "means_q": (
                QCoreApplication.translate(
                    "SamplingPage", "{ks} ± 2 SE, x ~ Q → D(Q‖P)"
                ).format(ks=ks),
                draws,
                unit,
            ),
            "recent_p": (
                QCoreApplication.translate(
                    "SamplingPage", "The last draws from P: {values}"
                ).format(values=values),
                latest,
                unit,
            ),
            "recent_q": (
                QCoreApplication.translate(
                    "SamplingPage", "The last draws from Q: {ks}"
                ).format(ks=recent_ks),
                latest,
                unit,
            ),
            "counts": (
                QCoreApplication.translate(
                    "SamplingPage", "{p}, {q}; ○ ■ shares drawn"
                ).format(p=swatch(theme.P_COLOUR, "P"), q=swatch(theme.Q_COLOUR, "Q")),
                QCoreApplication.translate("SamplingPage", "outcome"),
                QCoreApplication.translate("SamplingPage", "probability"),
            ),
        }

    def retranslate(self, units: str) -> None:
        """Titles and axis labels in the language in use, in ``units``."""
        for name, (title, x_label, y_label) in self.titles(units).items():
            plot = self.plot(name)
            plot.setTitle(title)
            plot.setLabel("bottom", x_label)
            plot.setLabel("left", y_label)
            if name == "counts":
                # It writes its own label when K or its scale changes.
                self.counts_axis.set_label(x_label)

    def show_results(self, results: SamplingLabResults) -> None:
        """Draw every plot from the results."""
        sampling = results.sampling
        estimates = sampling.estimates
        for rows, plot in ((slice(0, 3), self.means_p), (slice(3, 6), self.means_q)):
            chosen = estimates[rows]
            lines = [exact_line(e, i == 0) for i, e in enumerate(chosen)]
            plot.show(
                sampling.checkpoints,
                sampling.history_means[rows],
                sampling.history_errors[rows],
                [value for value, _ in lines],
                [e.target for e in chosen],
                [label for _, label in lines],
                sampling.count,
            )
        self.recent_p.show(
            sampling.recent_values[:3], [e.expected for e in estimates[:3]]
        )
        self.recent_q.show(
            sampling.recent_values[3:], [e.expected for e in estimates[3:]]
        )
        self._show_counts(results)

    def _show_counts(self, results: SamplingLabResults) -> None:
        p, q = np.asarray(results.p), np.asarray(results.q)
        k = p.size
        self.counts_axis.fit(k, False)
        self.p_bars.set_values(p)
        self.q_bars.set_values(q)
        n = results.sampling.count
        x = np.arange(k, dtype=np.float64)
        if n == 0:
            self.p_share.setData([], [])
            self.q_share.setData([], [])
            return
        offset = 0.2 if k <= 200 else 0.0
        self.p_share.setData(x - offset, results.sampling.counts_p / n)
        self.q_share.setData(x + offset, results.sampling.counts_q / n)
        self.counts_axis.fit_top(float(max(p.max(), q.max())))


class SamplingPage(LabPage):
    """The "sampling" page (see the module docstring)."""

    store: Store[SamplingLabState, SamplingLabResults]

    def __init__(
        self,
        store: Store[SamplingLabState, SamplingLabResults],
        explorer: ScenarioStore,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(store, explorer, "sampling", "the draws", parent)
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
        self.units_box = QComboBox()
        named(self.units_box, "sampling_units_combo", self.tr("Units"))
        for units in LAB_UNITS:
            self.units_box.addItem(unit_name(units), units)
        self.rate_caption, self.seed_caption, self.units_caption = (
            QLabel(),
            QLabel(),
            QLabel(),
        )
        settings = form(
            (self.rate_caption, self.rate_box),
            (self.seed_caption, self.seed_box),
            (self.units_caption, self.units_box),
        )
        self.count_label = text_label("sampling_count", self.tr("Draws so far"))
        self.source_label = text_label(
            "sampling_source", self.tr("Where P and Q come from")
        )
        self.problem = problem_label("sampling_problem")
        self.look = text_label("sampling_look_at", self.tr("What to look at"))
        self.draws_group = group("", self.playback, settings, self.count_label)
        self.source_group = group("", self.source_label)
        column = controls_column(
            "sampling_controls",
            self.draws_group,
            self.source_group,
            self.problem,
            self.look,
        )
        self.table = SamplingTable()
        self.note = text_label("sampling_note", self.tr("How the values are computed"))
        self.plots = SamplingPlots()
        right = QVBoxLayout()
        right.setContentsMargins(4, 4, 4, 0)
        self.header = HeaderArea("sampling_header", self.table, self.note)
        right.addWidget(self.header)
        right.addWidget(self.plots, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(column)
        layout.addLayout(right, 1)
        self.units_box.currentIndexChanged.connect(
            lambda _: self.set_units(str(self.units_box.currentData()))
        )
        self.retranslate()

    def retranslate(self) -> None:
        """Every text the page owns, in the language in use."""
        super().retranslate()
        self.playback.step.setText(self.tr("Draw 1"))
        self.playback.step.setToolTip(self.tr("One draw from P and one from Q (.)"))
        self.draws_group.setTitle(self.tr("Draws from P and, in step, from Q"))
        self.source_group.setTitle(self.source_title(self.store.state))
        self.rate_caption.setText(self.tr("rate"))
        self.seed_caption.setText(self.tr("seed"))
        self.units_caption.setText(self.tr("units"))
        for index in range(self.units_box.count()):
            self.units_box.setItemText(
                index, unit_name(str(self.units_box.itemData(index)))
            )
        self._show_look(self._q_misses)
        self.note.setText(
            self.tr(
                "k1, k2, k3 use r = p(x)/q(x) with x drawn from <b>Q</b>, so they "
                "estimate D(Q‖P) (Schulman's convention), computed with the natural "
                "log; in bits each is divided by ln 2, so k2 is (ln r)²/(2 ln 2), "
                "not (log₂ r)²/2."
            )
        )
        self.plots.retranslate(self._units_shown)
        if self.store.results is not None:
            self.show_results(self.store.results)

    def _show_look(self, q_misses: bool) -> None:
        """What to look at and try next, for a Q that covers P or misses some of it.

        Said of every Q, "k3 is unbiased" stood above a table whose k3 row
        read a bias of −0.1443, with "make Q miss an outcome" to try next
        beside a Q that already did.
        """
        self._q_misses = q_misses
        common = self.tr(
            "<b>What to look at.</b> Each draw's information jumps about; its "
            "running mean settles on the exact value, and the ±2 SE band "
            "around it shrinks as 1/√n: 100 times the draws, a tenth of the "
            "width. −log q(x) = −log p(x) + log p(x)/q(x) draw by draw, so "
            "H(P,Q) = H(P) + D(P‖Q). k1 can go negative on a single draw; k2 "
            "and k3 never do."
        )
        if q_misses:
            rest = self.tr(
                " Here Q misses an outcome of P: −log q(x) and log p(x)/q(x) "
                "are ∞ from the first time it is drawn, and k3, unbiased while "
                "Q gives every outcome of P a chance, now falls short of "
                "D(Q‖P) by P(Q = 0), P's mass there: that many nats, or "
                "P(Q = 0)/ln 2 bits (its bias in the table).<br><b>Try "
                "next:</b> give that outcome a little weight in Q again and "
                "watch every mean turn finite and k3's bias vanish."
            )
        else:
            rest = self.tr(
                " k3 is unbiased, with the smallest variance when Q is close to "
                "P.<br><b>Try next:</b> make Q miss an outcome of P on the "
                "Explorer and watch −log q(x) hit ∞ the first time it is drawn, "
                "and k3 become biased."
            )
        set_text(self.look, common + rest)

    #: Whether the last results' Q misses an outcome of P (see _show_look).
    _q_misses = False

    # controls → state -----------------------------------------------------------

    def set_units(self, units: str) -> None:
        """Show the same run in other units."""
        self.store.set_state(with_units(self.store.state, units))

    def show_problem(self, text: str) -> None:
        """Say why the explorer's P and Q are not drawn from ("" to clear)."""
        show_problem_label(self.problem, text)

    # the page protocol -------------------------------------------------------------

    def advanced(self, state: SamplingLabState, steps: int) -> SamplingLabState:
        """``steps`` more draws from each of P and Q."""
        return advance_sampling_lab(state, steps)

    def can_advance(self, state: SamplingLabState) -> bool:
        """Until the draw limit."""
        return can_advance_sampling_lab(state)

    def restarted(self, state: SamplingLabState) -> SamplingLabState:
        """The same run before its first draw."""
        return reset_sampling_lab(state)

    def restarted_from(
        self, state: SamplingLabState, p: Any = None, q: Any = None, seed: Any = None
    ) -> SamplingLabState:
        """A new run: of new P and Q, or with a new seed."""
        return restart_sampling_lab(state, p, q, seed)

    def with_rate(self, state: SamplingLabState, rate: int) -> SamplingLabState:
        """The same run at another rate."""
        return with_rate(state, rate)

    def plot_widgets(self) -> list[QWidget]:
        """The widgets holding this page's plots (each has ``plot_items()``)."""
        return [self.plots]

    # state → controls, results → views ---------------------------------------------

    def _state_changed(self, state: SamplingLabState) -> None:
        self.rate_box.show_rate(state.rate)
        self.seed_box.show_seed(state.seed)
        index = self.units_box.findData(state.units)
        if index != self.units_box.currentIndex():
            with QSignalBlocker(self.units_box):
                self.units_box.setCurrentIndex(index)

    def show_source(self, state: Any) -> None:
        """Say whose P and Q the run is of, and what changing them does."""
        if self.behind_explorer(state):
            source = self.tr(
                "K = {k} outcomes, of an earlier P and Q: the Explorer's have "
                "changed since. Reset draws from the Explorer's again."
            )
        else:
            source = self.tr(
                "K = {k} outcomes. Change P and Q on the Explorer: the run "
                "starts again from its first draw (Ctrl+Z brings this one back)."
            )
        set_text(self.source_label, source.format(k=len(state.p)))
        self.source_group.setTitle(self.source_title(state))

    def show_results(self, results: SamplingLabResults) -> None:
        """Every view from the derived results."""
        state, sampling = results.state, results.sampling
        set_text(
            self.count_label,
            # A plural message: "1 draw", not "1 draws" (English catalogue).
            self.tr("<b>{n}</b> draws from each of P and Q", "", sampling.count).format(
                n=f"{sampling.count:,}"
            ),
        )
        self.show_source(state)
        self.table.show_estimates(sampling.estimates, state.units)
        q_misses = bool(sampling.estimates[1].expected_infinite_at)
        if q_misses != self._q_misses:
            self._show_look(q_misses)
        if self._units_shown != state.units:
            self._units_shown = state.units
            self.plots.retranslate(state.units)
        self.plots.show_results(results)

    #: The units the plots' axes name.
    _units_shown = "bits"


__all__ = ["SamplingPage", "cell_texts", "quantity_html", "target_name"]
