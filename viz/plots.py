"""The explorer's five plots. Each reads a :class:`core.Results` and draws it."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import QCoreApplication, Qt, Signal

from core import Results
from core.numbers import unit_name
from viz import theme
from viz.fitted_text import fitted_axis_items
from viz.hover import HoverReporter
from viz.plotting import (
    BAR_LIMIT,
    GHOST_PEN,
    GradientBars,
    InfiniteBars,
    OutcomeAxis,
    Series,
    SteadyBars,
    StickyRange,
    capped,
    finite_cap,
    kept_for_comparison,
    same_values,
    step_envelope,
    style_plot,
    swatch,
    without_infinity,
)
from viz.translated import Retranslating, set_plot_texts


class BarDragViewBox(pg.ViewBox):
    """A view box that turns a vertical drag on a bar into ``bar_dragged``.

    The left half of each outcome's slot belongs to P, the right half to Q.
    ``bar_dragged(series, index, probability, k)`` carries the number of
    outcomes drawn when the drag began, so that a receiver can tell a bar
    the user saw from one of a state that has changed since.
    """

    bar_dragged = Signal(str, int, float, int)
    gesture_started = Signal()
    gesture_finished = Signal()

    def __init__(self) -> None:
        super().__init__(enableMenu=False)
        self.k = 0
        self._target: tuple[str, int, int] | None = None

    def _hit(self, x: float) -> tuple[str, int, int] | None:
        index = round(x)
        if not 0 <= index < self.k or self.k > BAR_LIMIT:
            return None
        return ("p" if x < index else "q", index, self.k)

    def mouseDragEvent(self, ev, axis=None) -> None:  # type: ignore[no-untyped-def]
        """Drag a bar: the pointer's height becomes the outcome's probability."""
        if ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        ev.accept()
        if ev.isStart():
            self._target = self._hit(self.mapSceneToView(ev.buttonDownScenePos()).x())
            if self._target is not None:
                self.gesture_started.emit()
        if self._target is None:
            return
        y = self.mapSceneToView(ev.scenePos()).y()
        series, index, k = self._target
        self.bar_dragged.emit(series, index, float(y), k)
        if ev.isFinish():
            self._target = None
            self.gesture_finished.emit()

    def mouseClickEvent(self, ev) -> None:  # type: ignore[no-untyped-def]
        """Click above or inside a bar: set it to that height at once."""
        if ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        point = self.mapSceneToView(ev.scenePos())
        target = self._hit(point.x())
        if target is not None:
            ev.accept()
            self.gesture_started.emit()
            series, index, k = target
            self.bar_dragged.emit(series, index, float(point.y()), k)
            self.gesture_finished.emit()


translate = QCoreApplication.translate


def _relabel_units(plot: Any) -> None:
    """Word a plot's unit label again: ``set_units`` relabels only on a change."""
    units = getattr(plot, "_units", None)
    if units is not None:
        plot._units = None
        plot.set_units(units)


class DistributionPlot(Retranslating, pg.PlotWidget):
    """P and Q side by side per outcome; drag a bar to set its weight."""

    def __init__(self) -> None:
        self.view_box = BarDragViewBox()
        pg.PlotWidget.__init__(
            self, viewBox=self.view_box, enableMenu=False, axisItems=fitted_axis_items()
        )
        self.setObjectName("plot_distributions")
        plot = self.getPlotItem()
        style_plot(plot, "", "", "")
        self.p = Series(plot, theme.P_COLOUR, -0.2, 0.38, "P")
        self.q = Series(plot, theme.Q_COLOUR, 0.2, 0.38, "Q")
        self.hover = HoverReporter(self, plot)
        self.axis = OutcomeAxis(plot, "", probability=True)
        #: Whether a drag sets a bar: not in family mode, where the family's
        #: parameters shape P and Q (a drag there only says so).
        self.draggable = True
        self.retranslate()

    def retranslate(self) -> None:
        """Title, axis labels and hint in the language in use."""
        title = translate("Plots", "{p} and {q}").format(
            p=swatch(theme.P_COLOUR, "P"), q=swatch(theme.Q_COLOUR, "Q")
        )
        outcome = translate("Plots", "outcome")
        probability = translate("Plots", "probability")
        hint = translate("Plots", "drag a bar") if self.draggable else ""
        set_plot_texts(self.getPlotItem(), title, outcome, probability, hint)
        self.axis.set_label(outcome)

    def plot_items(self) -> list[pg.PlotItem]:
        """The plots inside this widget (for styling and export)."""
        return [self.getPlotItem()]

    def show_ghost(self, pinned: Results | None, log_x: bool = False) -> None:
        """Outline a pinned state's P and Q (None removes the outlines)."""
        self.p.set_ghost(None if pinned is None else pinned.p, log_x)
        self.q.set_ghost(None if pinned is None else pinned.q, log_x)

    def show_results(self, results: Results, log_x: bool = False) -> None:
        """Draw normalised P and Q."""
        if self.draggable == results.family_mode:
            self.draggable = not results.family_mode
            self.retranslate()
        k = results.p.size
        self.view_box.k = k
        log_x = self.axis.fit(k, log_x)
        self.axis.fit_top(max(float(np.max(results.p)), float(np.max(results.q))))
        self.hover.show_results(results, log_x)
        self.p.set_values(results.p, log_x=log_x)
        self.q.set_values(results.q, log_x=log_x)


class InformationPlot(Retranslating, pg.PlotWidget):
    """Entropy as an area: each outcome a rectangle p wide and −log p tall.

    Laid side by side along [0, 1], P's rectangles have the areas
    p·(−log p), which add up to H(P), the information to expect (claim 2 of
    docs/teaching.md): a rare outcome is tall but thin, so it adds little.
    Q's own rectangles (q wide, −log q tall) are outlined over them, with
    the area H(Q): two systems' uncertainty side by side. An impossible
    outcome has no width, and so no area, however surprising. Above 200
    outcomes both become step lines through every column's extremes.
    """

    def __init__(self) -> None:
        # pyqtgraph's own __init__, named: the mixin before it takes no arguments.
        pg.PlotWidget.__init__(self, enableMenu=False, axisItems=fitted_axis_items())
        self.setObjectName("plot_information")
        plot = self.getPlotItem()
        style_plot(plot, "", "", "")
        self.retranslate()
        self.rectangles = {
            "p": SteadyBars(
                x0=[], width=[], height=[], brush=theme.P_COLOUR, pen=pg.mkPen("w")
            ),
            "q": SteadyBars(
                x0=[],
                width=[],
                height=[],
                brush=None,
                pen=pg.mkPen(theme.Q_COLOUR, width=3),
            ),
        }
        self.lines = {
            "p": pg.PlotDataItem(pen=pg.mkPen(theme.P_COLOUR, width=1)),
            "q": pg.PlotDataItem(pen=pg.mkPen(theme.Q_COLOUR, width=1)),
        }
        self._lines_drawn: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._tops: dict[str, float] = {}
        for item in (*self.rectangles.values(), *self.lines.values()):
            plot.addItem(item)
        plot.setXRange(0.0, 1.0, padding=0.01)
        self.y_range = StickyRange(plot)

    def retranslate(self) -> None:
        """Title and axis labels in the language in use."""
        plot = self.getPlotItem()
        plot.setTitle(
            translate("Plots", "{h_p} {h_q} as areas").format(
                h_p=swatch(theme.P_COLOUR, "H(P)"), h_q=swatch(theme.Q_COLOUR, "H(Q)")
            )
        )
        plot.setLabel("bottom", translate("Plots", "outcomes, each p wide"))
        _relabel_units(self)

    def plot_items(self) -> list[pg.PlotItem]:
        """The plots inside this widget (for styling and export)."""
        return [self.getPlotItem()]

    def set_units(self, units: str) -> None:
        """Label the axis with the unit (only on change: relabelling is costly)."""
        if units != getattr(self, "_units", None):
            self._units = units
            label = translate("Plots", "−log p ({units})").format(
                units=unit_name(units)
            )
            self.getPlotItem().getAxis("left").setLabel(label)

    def set_line_px(self, px: int) -> None:
        """Both step lines ``px`` wide (one pixel draws at the speed of the floor)."""
        self.lines["p"].setPen(pg.mkPen(theme.P_COLOUR, width=px))
        self.lines["q"].setPen(pg.mkPen(theme.Q_COLOUR, width=px))

    def show_ghost(self, pinned: Results | None, log_x: bool = False) -> None:
        """No ghost: a pinned state's widths would not line up with these."""

    def show_results(self, results: Results, log_x: bool = False) -> None:
        """Draw P's rectangles and Q's outlines, each over its own widths."""
        self.set_units(results.units)
        as_bars = results.p.size <= BAR_LIMIT
        tops = []
        for name, probability, information in (
            ("p", results.p, results.information_p),
            ("q", results.q, results.information_q),
        ):
            self.rectangles[name].setVisible(as_bars)
            self.lines[name].setVisible(not as_bars)
            held = self._lines_drawn.get(name)
            if not as_bars and _same_arrays(held, (probability, information)):
                # Q's steps stand still while P is dragged: not worked out again.
                tops.append(self._tops[name])
                continue
            left = np.empty_like(probability)
            left[0] = 0.0
            np.cumsum(probability[:-1], out=left[1:])
            # An outcome that never happens has no width: its height is moot.
            height = np.where(probability > 0, information, 0.0)
            if as_bars:
                self.rectangles[name].setOpts(x0=left, width=probability, height=height)
            else:
                self._lines_drawn[name] = (
                    kept_for_comparison(probability),
                    kept_for_comparison(information),
                )
                self.lines[name].setData(*step_envelope(left, probability, height))
            self._tops[name] = float(np.max(height))
            tops.append(self._tops[name])
        self.y_range.fit(0.0, max(tops))


def _same_arrays(
    held: tuple[np.ndarray, ...] | None, given: tuple[np.ndarray, ...]
) -> bool:
    """True if ``given`` arrays equal the ``held`` ones, element by element."""
    return held is not None and all(
        same_values(a, b) for a, b in zip(held, given, strict=True)
    )


#: Where the totals' bars stand: D(P‖Q), D(Q‖P), then H(P) + D(P‖Q) stacked,
#: far enough apart for their labels in lecture type.
KL_PQ_X, KL_QP_X, STACK_X = 0.0, 1.2, 2.7


class AsymmetryPlot(Retranslating, pg.GraphicsLayoutWidget):
    """Per-outcome KL terms both ways, and the two totals side by side."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("plot_asymmetry")
        self.terms_plot = self.addPlot(
            row=0, col=0, enableMenu=False, axisItems=fitted_axis_items()
        )
        title = (
            f"{swatch(theme.P_COLOUR, 'p·log(p/q)')}   "
            f"{swatch(theme.Q_COLOUR, 'q·log(q/p)')}"
        )
        style_plot(self.terms_plot, title, "", "")
        self.pq_terms = Series(
            self.terms_plot, theme.P_COLOUR, -0.2, 0.38, "p·log(p/q)"
        )
        self.qp_terms = Series(self.terms_plot, theme.Q_COLOUR, 0.2, 0.38, "q·log(q/p)")
        self.hover = HoverReporter(self, self.terms_plot)
        self.infinite_pq = InfiniteBars(self.terms_plot, theme.P_COLOUR, 0.38)
        self.infinite_qp = InfiniteBars(self.terms_plot, theme.Q_COLOUR, 0.38)
        self.terms_plot.addLine(y=0, pen=pg.mkPen("#888888"))
        self.totals_plot = self.addPlot(
            row=0, col=1, enableMenu=False, axisItems=fitted_axis_items()
        )
        style_plot(self.totals_plot, "", "", "")
        # Equal halves: in lecture type the totals' three labels need it.
        self.ci.layout.setColumnStretchFactor(0, 1)
        self.ci.layout.setColumnStretchFactor(1, 1)
        self.kl_pq_bar = SteadyBars(
            x=[KL_PQ_X], height=[0], width=0.7, brush=theme.P_COLOUR, pen=None
        )
        self.kl_qp_bar = SteadyBars(
            x=[KL_QP_X], height=[0], width=0.7, brush=theme.Q_COLOUR, pen=None
        )
        self.entropy_part = SteadyBars(
            x=[STACK_X], height=[0], width=0.7, brush=theme.ENTROPY_COLOUR, pen=None
        )
        self.kl_part = SteadyBars(
            x=[STACK_X],
            y0=[0],
            height=[0],
            width=0.7,
            brush=theme.P_COLOUR,
            pen=pg.mkPen("w"),
        )
        for item in (self.kl_pq_bar, self.kl_qp_bar, self.entropy_part, self.kl_part):
            self.totals_plot.addItem(item)
        self.totals_ghost = SteadyBars(
            x=[KL_PQ_X, KL_QP_X, STACK_X],
            height=[0, 0, 0],
            width=0.7,
            brush=None,
            pen=GHOST_PEN,
        )
        self.totals_plot.addItem(self.totals_ghost)
        self.totals_ghost.setVisible(False)
        self.infinite_totals = InfiniteBars(self.totals_plot, theme.P_COLOUR, 0.7)
        self.infinite_qp_total = InfiniteBars(self.totals_plot, theme.Q_COLOUR, 0.7)
        self.terms_range = StickyRange(self.terms_plot)
        self.totals_range = StickyRange(self.totals_plot, floor=0.1)
        self.totals_plot.getAxis("bottom").setTicks(
            # Short, so that all three fit under their bars in lecture type.
            [[(KL_PQ_X, "P‖Q"), (KL_QP_X, "Q‖P"), (STACK_X, "H(P,Q)")], []]
        )
        self.totals_plot.setXRange(-0.55, STACK_X + 0.75, padding=0)
        self.axis = OutcomeAxis(self.terms_plot, "")
        self.retranslate()

    def retranslate(self) -> None:
        """Titles and axis labels in the language in use."""
        self.terms_plot.setLabel("bottom", translate("Plots", "outcome"))
        self.axis.set_label(translate("Plots", "outcome"))
        stack = translate("Plots", "D both ways; {h} + {d}").format(
            h=swatch(theme.ENTROPY_COLOUR, "H(P)"), d=swatch(theme.P_COLOUR, "D(P‖Q)")
        )
        self.totals_plot.setTitle(stack)
        if getattr(self, "_units", None) is None:
            self.terms_plot.setLabel("left", translate("Plots", "contribution"))
        _relabel_units(self)

    def plot_items(self) -> list[pg.PlotItem]:
        """The plots inside this widget (for styling and export)."""
        return [self.terms_plot, self.totals_plot]

    def outcome_plots(self) -> list[pg.PlotItem]:
        """The plot whose x is the outcome (the totals' x is the three sums)."""
        return [self.terms_plot]

    def set_units(self, units: str) -> None:
        """Label the axes with the unit (relabelling is costly: only on change)."""
        if units == getattr(self, "_units", None):
            return
        self._units = units
        name = unit_name(units)
        self.terms_plot.getAxis("left").setLabel(
            translate("Plots", "contribution ({units})").format(units=name)
        )
        self.totals_plot.getAxis("left").setLabel(name)

    def show_ghost(self, pinned: Results | None, log_x: bool = False) -> None:
        """Outline a pinned state's terms and totals (None removes them)."""
        if pinned is None:
            self.pq_terms.set_ghost(None)
            self.qp_terms.set_ghost(None)
            self.totals_ghost.setVisible(False)
            return
        both = np.concatenate([pinned.kl_terms_pq, pinned.kl_terms_qp])
        cap = finite_cap(both)
        self.pq_terms.set_ghost(capped(pinned.kl_terms_pq, cap), log_x)
        self.qp_terms.set_ghost(capped(pinned.kl_terms_qp, cap), log_x)
        totals = np.array([pinned.kl_pq, pinned.kl_qp, pinned.cross_entropy_pq])
        self.totals_ghost.setOpts(height=capped(totals, finite_cap(totals, floor=0.1)))
        self.totals_ghost.setVisible(True)

    def show_results(self, results: Results, log_x: bool = False) -> None:
        """Draw the terms and totals, with ∞ where a value is infinite."""
        k = results.p.size
        log_x = self.axis.fit(k, log_x)
        self.hover.show_results(results, log_x)
        pq, qp = results.kl_terms_pq, results.kl_terms_qp
        infinite_pq, infinite_qp = results.kl_pq_infinite_at, results.kl_qp_infinite_at
        self.pq_terms.set_values(_zero_at(pq, infinite_pq), log_x=log_x)
        self.qp_terms.set_values(_zero_at(qp, infinite_qp), log_x=log_x)
        self.terms_range.fit(*_finite_span(pq, qp, bool(infinite_pq or infinite_qp)))
        self.infinite_pq.show(
            _infinity_positions(infinite_pq, k, -0.2, log_x), bars=k <= BAR_LIMIT
        )
        self.infinite_qp.show(
            _infinity_positions(infinite_qp, k, 0.2, log_x), bars=k <= BAR_LIMIT
        )
        self._show_totals(results)

    def _show_totals(self, results: Results) -> None:
        totals = np.array(
            [results.kl_pq, results.kl_qp, results.entropy_p, results.cross_entropy_pq]
        )
        finite_top = float(np.max(totals[np.isfinite(totals)], initial=0.0))
        # An infinite value gets no finite bar: its hatched bar runs to the
        # top edge instead (InfiniteBars), so it never reads as a number.
        kl_pq, kl_qp = (0.0 if np.isinf(v) else v for v in totals[:2])
        self.kl_pq_bar.setOpts(height=[kl_pq])
        self.kl_qp_bar.setOpts(height=[kl_qp])
        self.entropy_part.setOpts(height=[results.entropy_p])
        self.kl_part.setOpts(y0=[results.entropy_p], height=[max(kl_pq, 0.0)])
        # Headroom above H(P) when D(P‖Q) = ∞, so the broken bar shows.
        headroom = 1.6 * results.entropy_p if np.isinf(results.kl_pq) else 0.0
        self.totals_range.fit(0.0, max(finite_top, headroom))
        if np.isinf(results.kl_pq):
            self.infinite_totals.show([KL_PQ_X, STACK_X], [0.0, results.entropy_p])
        else:
            self.infinite_totals.show([])
        self.infinite_qp_total.show([KL_QP_X] if np.isinf(results.kl_qp) else [])


#: At most this many ∞ marks on a long tail (each is a symbol to draw).
MAX_INFINITY_MARKS = 200


def _zero_at(
    terms: NDArray[np.float64], infinite_at: tuple[int, ...]
) -> NDArray[np.float64]:
    """``terms`` with 0 at its infinite entries (an InfiniteBars stands there)."""
    if not infinite_at:
        return terms  # no copy of 100,000 terms to change nothing
    return without_infinity(terms)


def _finite_span(
    pq: NDArray[np.float64], qp: NDArray[np.float64], any_infinite: bool
) -> tuple[float, float]:
    """The lowest and highest finite term of both (0 included)."""
    if any_infinite:
        both = np.concatenate([pq, qp])
        pq = qp = both[np.isfinite(both)]
    low = min(float(np.min(pq, initial=0.0)), float(np.min(qp, initial=0.0)))
    high = max(float(np.max(pq, initial=0.0)), float(np.max(qp, initial=0.0)))
    return low, high


def _infinity_positions(
    infinite_at: tuple[int, ...], k: int, offset: float, log_x: bool
) -> NDArray[np.float64]:
    """Where infinite terms are drawn, for bars (offset) and lines alike.

    A scatter item is not mapped by the plot's log mode: log rank is applied
    here. On a long tail only the first marks are drawn.
    """
    where = np.array(infinite_at[:MAX_INFINITY_MARKS], dtype=np.intp)
    if k <= BAR_LIMIT:
        return (where + offset).astype(np.float64)
    positions = where.astype(np.float64)
    return np.log10(positions + 1.0, dtype=np.float64) if log_x else positions


class SoftmaxPlot(Retranslating, pg.PlotWidget):
    """softmax(z/T) against the (smoothed) target."""

    def __init__(self) -> None:
        # pyqtgraph's own __init__, named: the mixin before it takes no arguments.
        pg.PlotWidget.__init__(self, enableMenu=False, axisItems=fitted_axis_items())
        self.setObjectName("plot_softmax")
        plot = self.getPlotItem()
        style_plot(plot, "", "", "")
        self.target = Series(plot, theme.TARGET_COLOUR, -0.2, 0.38, "target y")
        self.softmax = Series(plot, theme.MODEL_COLOUR, 0.2, 0.38, "softmax(z/T)")
        self.axis = OutcomeAxis(plot, "", probability=True)
        self.retranslate()

    def retranslate(self) -> None:
        """Title and axis labels in the language in use."""
        title = translate("Plots", "{softmax} vs {target}").format(
            softmax=swatch(theme.MODEL_COLOUR, "softmax(z/T)"),
            target=swatch(theme.TARGET_COLOUR, translate("Plots", "target y")),
        )
        class_label = translate("Plots", "class")
        probability = translate("Plots", "probability")
        set_plot_texts(self.getPlotItem(), title, class_label, probability)
        self.axis.set_label(class_label)

    def plot_items(self) -> list[pg.PlotItem]:
        """The plots inside this widget (for styling and export)."""
        return [self.getPlotItem()]

    def show_ghost(self, pinned: Results | None, log_x: bool = False) -> None:
        """Outline a pinned state's softmax and target."""
        self.target.set_ghost(None if pinned is None else pinned.target, log_x)
        self.softmax.set_ghost(None if pinned is None else pinned.softmax, log_x)

    def show_results(self, results: Results, log_x: bool = False) -> None:
        """Draw the prediction and the target."""
        log_x = self.axis.fit(results.softmax.size, log_x)
        top = max(float(np.max(results.softmax)), float(np.max(results.target)))
        self.axis.fit_top(top)
        self.target.set_values(results.target, log_x=log_x)
        self.softmax.set_values(results.softmax, log_x=log_x)


def gradient_unit_note() -> str:
    """Why a gradient is always per nat, whatever the readouts' unit."""
    return translate(
        "Plots",
        "The gradient is of the loss in nats: ∂L/∂z = (softmax − y)/T, the rule\n"
        "a network trains with. Measured in bits the loss is 1/ln 2 ≈ 1.443 times\n"
        "larger, and so is its gradient; its direction is the same.",
    )


#: Broken only at "=" when it must wrap: a lecture at 1920 px read
#: "(softmax − y)/" over "T" (no-break spaces, and a word joiner after "/").
GRADIENT_TITLE = "∂L/\u2060∂z = (softmax\u00a0−\u00a0y)/\u2060T"


class GradientPlot(Retranslating, pg.PlotWidget):
    """∂L/∂z per logit: softmax − target; the true class's bar goes negative."""

    def __init__(self) -> None:
        # pyqtgraph's own __init__, named: the mixin before it takes no arguments.
        pg.PlotWidget.__init__(self, enableMenu=False, axisItems=fitted_axis_items())
        self.setObjectName("plot_gradient")
        plot = self.getPlotItem()
        style_plot(plot, GRADIENT_TITLE, "", "")
        self.bars = GradientBars(plot, theme.GRADIENT_COLOUR)
        self.gradient, self.true_class = self.bars.gradient, self.bars.true_class
        self.retranslate()

    def retranslate(self) -> None:
        """Axis labels and tooltip in the language in use."""
        plot = self.getPlotItem()
        class_label = translate("Plots", "class")
        plot.setLabel("bottom", class_label)
        # The bars' axis shows its label again when K changes: the same one.
        self.bars.axis.set_label(class_label)
        plot.setLabel("left", translate("Plots", "∂L/∂z, L in nats"))
        self.setToolTip(gradient_unit_note())

    def plot_items(self) -> list[pg.PlotItem]:
        """The plots inside this widget (for styling and export)."""
        return [self.getPlotItem()]

    def show_ghost(self, pinned: Results | None, log_x: bool = False) -> None:
        """Outline a pinned state's gradient."""
        self.gradient.set_ghost(None if pinned is None else pinned.grad, log_x)

    def show_results(self, results: Results, label: int, log_x: bool = False) -> None:
        """Draw the gradient and outline the true class's bar."""
        self.bars.show(results.grad, label, log_x)


def _infinite_loss_reason(results: Results) -> str:
    needed = ", ".join(str(i) for i in results.loss_infinite_at[:3])
    return translate("Plots", "the target needs class {needed}, whose q is 0").format(
        needed=needed
    )


class LossCurvePlot(Retranslating, pg.GraphicsLayoutWidget):
    """Loss and its gradient against the true-class logit, others fixed."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("plot_loss_curve")
        self.loss_plot = self.addPlot(
            row=0, col=0, enableMenu=False, axisItems=fitted_axis_items()
        )
        style_plot(self.loss_plot, "", "", "")
        self.grad_plot = self.addPlot(
            row=1, col=0, enableMenu=False, axisItems=fitted_axis_items()
        )
        self._shape = 0
        style_plot(self.grad_plot, "", "z<sub>y</sub>", "")
        # The results whose loss is ∞ everywhere (None if not): the reason is
        # worded from them in the language in use, on every retranslation.
        self._infinite_results: Results | None = None
        self.grad_plot.setXLink(self.loss_plot)
        self.loss_curve = self.loss_plot.plot(
            pen=pg.mkPen(theme.ACCENT_COLOUR, width=2)
        )
        self.grad_curve = self.grad_plot.plot(
            pen=pg.mkPen(theme.GRADIENT_COLOUR, width=2)
        )
        self.grad_plot.addLine(y=0, pen=pg.mkPen("#888888"))
        self.loss_ghost = self.loss_plot.plot(pen=GHOST_PEN)
        self.grad_ghost = self.grad_plot.plot(pen=GHOST_PEN)
        self.loss_ghost.setVisible(False)
        self.grad_ghost.setVisible(False)
        self.loss_range = StickyRange(self.loss_plot)
        self.grad_range = StickyRange(self.grad_plot, symmetric=True)
        self._z_range: tuple[float, float] | None = None
        self._drawn: tuple[Any, ...] | None = None
        marker = {"size": 11, "brush": theme.MARKER_COLOUR, "pen": pg.mkPen("k")}
        self.loss_marker = pg.ScatterPlotItem(**marker)
        self.grad_marker = pg.ScatterPlotItem(**marker)
        self.loss_plot.addItem(self.loss_marker)
        # The whole curve is ∞ when the target needs a class whose logit is
        # −∞ (whatever z_y): an empty plot would hide it, so it says so.
        self.everywhere_infinite = pg.TextItem(
            "L = ∞ for every z",
            color=theme.text_colour(theme.P_COLOUR),
            anchor=(0.5, 0.5),
        )
        self.everywhere_infinite.setParentItem(self.loss_plot.getViewBox())
        self.everywhere_infinite.setVisible(False)
        self.grad_plot.addItem(self.grad_marker)
        self.loss_line = self.loss_plot.addLine(
            x=0, pen=pg.mkPen(theme.MARKER_COLOUR, style=Qt.PenStyle.DashLine)
        )
        self.grad_line = self.grad_plot.addLine(
            x=0, pen=pg.mkPen(theme.MARKER_COLOUR, style=Qt.PenStyle.DashLine)
        )
        self.retranslate()

    def retranslate(self) -> None:
        """Titles, axis labels and tooltip in the language in use."""
        self.loss_plot.setTitle(
            translate("Plots", "loss vs z<sub>y</sub>, others fixed")
        )
        if getattr(self, "_units", None) is None:
            self.loss_plot.setLabel("left", translate("Plots", "loss"))
        self.grad_plot.setLabel(
            "left", translate("Plots", "∂L/∂z<sub>y</sub>, L in nats")
        )
        self.everywhere_infinite.setText(translate("Plots", "L = ∞ for every z"))
        self._show_tooltip()
        _relabel_units(self)

    def _show_tooltip(self) -> None:
        note = gradient_unit_note()
        shown = self._infinite_results
        reason = "" if shown is None else _infinite_loss_reason(shown)
        self.setToolTip(f"{reason}\n\n{note}" if reason else note)

    def plot_items(self) -> list[pg.PlotItem]:
        """The plots inside this widget (for styling and export)."""
        return [self.loss_plot, self.grad_plot]

    def set_shape(self, shape: int) -> None:
        """0: the gradient under the loss; 1: beside it (a short, wide cell)."""
        if shape == self._shape:
            return
        self._shape = shape
        self.ci.removeItem(self.grad_plot)
        row, col = (1, 0) if shape == 0 else (0, 1)
        self.ci.addItem(self.grad_plot, row=row, col=col)

    def set_units(self, units: str) -> None:
        """Label the loss axis with the unit (only on change)."""
        if units == getattr(self, "_units", None):
            return
        self._units = units
        self.loss_plot.getAxis("left").setLabel(
            translate("Plots", "loss ({units})").format(units=unit_name(units))
        )

    def show_ghost(self, pinned: Results | None, log_x: bool = False) -> None:
        """Dashed copies of a pinned state's curves."""
        del log_x
        if pinned is None:
            self.loss_ghost.setVisible(False)
            self.grad_ghost.setVisible(False)
            return
        curve = pinned.curve
        finite = np.isfinite(curve.loss)
        self.loss_ghost.setData(curve.z[finite], curve.loss[finite])
        self.grad_ghost.setData(curve.z, curve.grad)
        self.loss_ghost.setVisible(True)
        self.grad_ghost.setVisible(True)

    def _say_everywhere_infinite(self, infinite: bool, results: Results) -> None:
        self.everywhere_infinite.setVisible(infinite)
        self._infinite_results = results if infinite else None
        self._show_tooltip()
        if infinite:
            box = self.loss_plot.getViewBox().boundingRect()
            self.everywhere_infinite.setPos(box.center())

    def show_results(self, results: Results, label: int) -> None:
        """Draw both curves and mark the current logit."""
        curve = results.curve
        finite = np.isfinite(curve.loss)
        # The reason of an everywhere-infinite loss can change while the
        # curve does not (which class the target needs): always worded.
        self._say_everywhere_infinite(not finite.any(), results)
        # Unlinked, the curve depends on the logits, the label and T, not on
        # P: a drag of P's sliders redraws it only if it moved.
        drawn = (
            curve.z,
            curve.loss,
            curve.grad,
            curve.current_z,
            results.loss,
            results.grad[label],
        )
        if self._drawn is not None and all(
            np.array_equal(a, b) for a, b in zip(drawn, self._drawn, strict=True)
        ):
            return
        self._drawn = drawn
        self.loss_curve.setData(curve.z[finite], curve.loss[finite])
        self.grad_curve.setData(curve.z, curve.grad)
        z_range = (float(curve.z[0]), float(curve.z[-1]))
        if z_range != self._z_range:
            self._z_range = z_range
            self.loss_plot.setXRange(*z_range, padding=0.02)
        if finite.any():
            self.loss_range.fit(0.0, float(np.max(curve.loss[finite])))
        self.grad_range.fit(float(np.min(curve.grad)), float(np.max(curve.grad)))
        z = curve.current_z
        # A −inf true-class logit (log Q where Q's weight is 0) lies off the
        # grid: a marker or line there made pyqtgraph's bounds NaN (warnings
        # and failed paints). Nothing is marked then.
        on_grid = bool(np.isfinite(z))
        if on_grid and np.isfinite(results.loss):
            self.loss_marker.setData(x=[z], y=[results.loss])
        else:
            self.loss_marker.setData(x=[], y=[])
        if on_grid:
            self.grad_marker.setData(x=[z], y=[results.grad[label]])
            self.loss_line.setValue(z)
            self.grad_line.setValue(z)
        else:
            self.grad_marker.setData(x=[], y=[])
        self.loss_line.setVisible(on_grid)
        self.grad_line.setVisible(on_grid)
