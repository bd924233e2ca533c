"""Gradient descent on the logit vector, with cross-entropy and squared error.

Claims 12 and 15 of docs/teaching.md. Both trainings start from the explorer's
scenario (its logits, true class, temperature and label smoothing; in linked
mode the target is P) and take the same steps z ← z − lr·∂L/∂z side by side.
Cross-entropy's gradient is (softmax − y)/T, y the smoothed target, so it
acts through the true class's log-probability alone; squared error on the
softmax pulls every output toward its target and its gradient mixes all the
errors. The formula for the true class is shown with live numbers.

State: two frozen :class:`core.training.LogitTrainingState` objects that the
frame timer replaces with ``run_logit_training(state, 1)``; the learning
rate. The explorer's :class:`~viz.state.ScenarioStore` is read on reset:
its scenario, and P from its results. A learning-rate drag or a changed
scenario only writes the state and schedules one restart for the next pass
of the event loop, however many changes arrive before it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from core.scenario import Results, Scenario
from core.training import (
    DEFAULT_LOGIT_LR,
    LOSS_KINDS,
    LogitTrainingState,
    LossKind,
    run_logit_training,
    start_logit_training,
)
from viz import theme
from viz.pages.common import (
    LOSS_COLOURS,
    LOSS_NAMES,
    AnimatedPage,
    GrowingRange,
    LabelledSlider,
    LogRange,
    coloured,
    controls_column,
    fixed_text,
    next_pass_timer,
    number_text,
    positive,
    text_label,
)
from viz.plotting import GradientBars, OutcomeAxis, Series, style_plot, swatch
from viz.sliders import SliderScale
from viz.state import ScenarioStore
from viz.widgets import group, problem_label, set_text

#: The learning rate slider: logarithmic, as the session allows.
LR_SCALE = SliderScale(0.001, 10.0, steps=1000, log=True)

#: Steps per frame while playing: one, so every step is seen.
STEPS_PER_TICK = 1

#: Play stops after this many steps.
STEP_LIMIT = 100_000

_KIND_SHORT = {"cross_entropy": "ce", "squared_error": "se"}

LOOK_AT = (
    "<b>What to look at.</b> Cross-entropy's bar for the true class is "
    "(q<sub>y</sub> − y<sub>y</sub>)/T and every other bar is q<sub>j</sub>/T: "
    "it pushes the true logit up and the others down, each by its own "
    "probability. Squared error's bars mix all the errors, can push a small "
    "wrong class <i>up</i>, and carry the factor q, so a true class the model "
    "gives almost nothing barely moves."
)


def true_class_terms(state: LogitTrainingState, c: int) -> dict[str, float]:
    """The numbers in the true-class formula of ``state``'s loss, for display.

    Returns q_c, y_c, T, Σ q(q − y) (used by squared error) and the core's
    gradient entry ∂L/∂z_c.
    """
    q, y = state.probabilities, state.target
    return {
        "q": float(q[c]),
        "y": float(y[c]),
        "t": state.temperature,
        "mixed": float(np.sum(q * (q - y))),
        "gradient": float(state.gradient[c]),
    }


def formula_html(state: LogitTrainingState, c: int) -> str:
    """The true class's gradient, symbolically and with today's numbers."""
    n = true_class_terms(state, c)
    q, y, t = (number_text(n[key], 3) for key in ("q", "y", "t"))
    value = number_text(n["gradient"])
    sub = f"<sub>{c}</sub>"
    if state.loss_kind == "cross_entropy":
        return f"∂L/∂z{sub} = (q{sub} − y{sub})/T = ({q} − {y})/{t} = <b>{value}</b>"
    mixed = number_text(n["mixed"], 3)
    return (
        f"∂L/∂z{sub} = 2q{sub}[(q{sub} − y{sub}) − Σ q(q − y)]/T<br>"
        f"= 2·{q}·[({q} − {y}) − ({mixed})]/{t} = <b>{value}</b>"
    )


class KindPlots:
    """One loss's softmax-vs-target bars and gradient bars (created once)."""

    def __init__(self, kind: str) -> None:
        colour = LOSS_COLOURS[kind]
        name = LOSS_NAMES[kind]
        self.softmax_widget = pg.PlotWidget()
        self.softmax_widget.setObjectName(f"training_{_KIND_SHORT[kind]}_softmax_plot")
        plot = self.softmax_widget.getPlotItem()
        style_plot(
            plot,
            f"{swatch(theme.MODEL_COLOUR, 'softmax')} vs "
            f"{swatch(theme.TARGET_COLOUR, 'target y')}",
            "class",
            "probability",
        )
        self.target = Series(plot, theme.TARGET_COLOUR, -0.2, 0.38, "target y")
        self.softmax = Series(plot, theme.MODEL_COLOUR, 0.2, 0.38, "softmax(z/T)")
        self.softmax_axis = OutcomeAxis(plot, "class", probability=True)
        self.gradient_widget = pg.PlotWidget()
        self.gradient_widget.setObjectName(
            f"training_{_KIND_SHORT[kind]}_gradient_plot"
        )
        plot = self.gradient_widget.getPlotItem()
        style_plot(
            plot,
            f"{swatch(colour, '∂L/∂z')} per logit ({name})",
            "class",
            "∂L/∂z (per unit of z)",
        )
        self.bars = GradientBars(plot, colour)
        self.gradient, self.true_class = self.bars.gradient, self.bars.true_class

    def widgets(self) -> list[pg.PlotWidget]:
        """Both plot widgets."""
        return [self.softmax_widget, self.gradient_widget]

    def show_state(self, state: LogitTrainingState, c: int) -> None:
        """Draw the state's softmax, target and gradient."""
        k = state.probabilities.size
        self.softmax_axis.fit(k, False)
        self.target.set_values(np.asarray(state.target))
        self.softmax.set_values(np.asarray(state.probabilities))
        self.bars.show(np.asarray(state.gradient), c)


def _progress_curves(
    plot: pg.PlotItem,
) -> tuple[dict[LossKind, Any], dict[LossKind, Any]]:
    """One line and one head marker per training, in its loss's colour."""
    curves = {
        kind: plot.plot(pen=pg.mkPen(LOSS_COLOURS[kind], width=3))
        for kind in LOSS_KINDS
    }
    heads = {
        kind: plot.plot(
            pen=None,
            symbol="s",
            symbolSize=11,
            symbolBrush=LOSS_COLOURS[kind],
            symbolPen=pg.mkPen("k"),
        )
        for kind in LOSS_KINDS
    }
    return curves, heads


class TrainingPlots(QWidget):
    """Both trainings' bars side by side, and both on the same two measures.

    A squared error has no unit and a cross-entropy is in nats: one log axis
    for both made squared error look like the winner. So the two trainings
    are compared on what they share: the probability each model gives the
    true class, and each model's cross-entropy (nats), against step.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kinds = {kind: KindPlots(kind) for kind in LOSS_KINDS}
        self.probability_widget = pg.PlotWidget()
        self.probability_widget.setObjectName("training_probability_plot")
        self.probability_plot = self.probability_widget.getPlotItem()
        style_plot(
            self.probability_plot,
            # The lines wear their column's colour: no legend needed.
            "each model's q of the true class",
            "",
            "q<sub>y</sub>",
        )
        self.probability_plot.setYRange(0.0, 1.0, padding=0.02)
        self.probability_curves, self.probability_heads = _progress_curves(
            self.probability_plot
        )
        self.cross_entropy_widget = pg.PlotWidget()
        self.cross_entropy_widget.setObjectName("training_cross_entropy_plot")
        self.cross_entropy_plot = self.cross_entropy_widget.getPlotItem()
        style_plot(
            self.cross_entropy_plot,
            "each model's cross-entropy",
            "gradient-descent step",
            "nats (log scale)",
        )
        self.cross_entropy_plot.setLogMode(x=False, y=True)
        self.cross_entropy_curves, self.cross_entropy_heads = _progress_curves(
            self.cross_entropy_plot
        )
        self.cross_entropy_plot.setXLink(self.probability_plot)
        self.cross_entropy_range = LogRange(self.cross_entropy_plot)
        self.step_range = GrowingRange(self.probability_plot, minimum=20.0)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, kind in enumerate(LOSS_KINDS):
            for row, widget in enumerate(self.kinds[kind].widgets()):
                grid.addWidget(widget, row, column)
        grid.addWidget(self.probability_widget, 0, 2)
        grid.addWidget(self.cross_entropy_widget, 1, 2)
        for widget in self.plot_widgets():
            widget.setMinimumSize(200, 150)
            widget.setSizePolicy(
                QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding
            )

    def plot_widgets(self) -> list[pg.PlotWidget]:
        """Every plot widget of the page."""
        widgets = [w for kind in self.kinds.values() for w in kind.widgets()]
        return [*widgets, self.probability_widget, self.cross_entropy_widget]

    def plot_items(self) -> list[pg.PlotItem]:
        """The plots inside this widget (for styling and export)."""
        return [widget.getPlotItem() for widget in self.plot_widgets()]

    def show_states(
        self, states: Mapping[LossKind, LogitTrainingState], c: int
    ) -> None:
        """Draw every view of both trainings."""
        cross_entropies = []
        for kind, state in states.items():
            self.kinds[kind].show_state(state, c)
            steps = np.arange(state.history_start, state.step + 1, dtype=np.float64)
            last = [float(state.step)]
            q = np.asarray(state.true_probability_history)
            self.probability_curves[kind].setData(steps, q)
            self.probability_heads[kind].setData(last, q[-1:])
            cross_entropy = positive(np.asarray(state.cross_entropy_history))
            self.cross_entropy_curves[kind].setData(steps, cross_entropy)
            self.cross_entropy_heads[kind].setData(last, cross_entropy[-1:])
            cross_entropies.append(cross_entropy)
        step = max(state.step for state in states.values())
        self.step_range.fit(0.0, float(step))
        self.cross_entropy_range.fit(np.concatenate(cross_entropies))


#: A logit of −∞ (log of a zero weight) starts this far below the smallest
#: finite one: probability e⁻⁴⁰ ≈ 4e-18, and a gradient that can move it.
IMPOSSIBLE_GAP = 40.0


def trainable(logits: NDArray[np.float64]) -> NDArray[np.float64]:
    """``logits`` with −∞ (an impossible class) made finite but far below."""
    finite = logits[np.isfinite(logits)]
    floor = (float(np.min(finite)) if finite.size else 0.0) - IMPOSSIBLE_GAP
    return np.where(np.isneginf(logits), floor, logits)


class TrainingPage(AnimatedPage):
    """The "training" page (see the module docstring)."""

    steps_per_tick = STEPS_PER_TICK

    def __init__(self, store: ScenarioStore, parent: QWidget | None = None) -> None:
        super().__init__("training", "the training", parent)
        self.store = store
        self.lr = DEFAULT_LOGIT_LR
        self.true_class = 0
        self.states: dict[LossKind, LogitTrainingState] = {}
        self._stale = False
        self._restart_timer = next_pass_timer(self, self.reset)
        self._build()
        store.scenario_changed.connect(self._scenario_changed)
        self.reset()

    def _build(self) -> None:
        self.lr_control = LabelledSlider(
            "training_lr", "learning rate", "Learning rate", LR_SCALE, "00.0000", 4
        )
        self.step_label = text_label("training_step_label", "Steps taken", wrap=False)
        self.start_label = text_label("training_start", "Where the training starts")
        self.problem = problem_label("training_problem")
        look = text_label("training_look_at", "What to look at")
        look.setText(LOOK_AT)
        self.headers = {
            kind: text_label(
                f"training_{_KIND_SHORT[kind]}_formula",
                f"Loss and true-class gradient, {LOSS_NAMES[kind]}",
            )
            for kind in LOSS_KINDS
        }
        self.note = text_label("training_note", "How the temperature enters")
        column = controls_column(
            "training_controls",
            group(
                "Gradient descent: z ← z − lr·∂L/∂z",
                self.lr_control,
                self.playback,
                self.step_label,
            ),
            group("Start: the explorer's scenario", self.start_label),
            self.problem,
            look,
        )
        self.plots = TrainingPlots()
        top = QGridLayout()
        for index, kind in enumerate(LOSS_KINDS):
            top.addWidget(self.headers[kind], 0, index)
        top.addWidget(self.note, 0, 2)
        top.setColumnStretch(0, 1)
        top.setColumnStretch(1, 1)
        top.setColumnStretch(2, 1)
        right = QVBoxLayout()
        right.setContentsMargins(4, 4, 4, 0)
        right.addLayout(top)
        right.addWidget(self.plots, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(column)
        layout.addLayout(right, 1)
        self.lr_control.value_changed.connect(self.set_learning_rate)

    # state ------------------------------------------------------------------

    def _scenario_changed(self, _scenario: Scenario) -> None:
        """The explorer changed: start again from it (next pass if on show)."""
        self._stale = True
        if self.isVisible():
            self.request_restart()

    def set_learning_rate(self, lr: float) -> None:
        """A new learning rate: both trainings start again, on the next pass."""
        self.lr = float(lr)
        self.request_restart()

    def request_restart(self) -> None:
        """Start again once, on the next pass of the event loop, however often asked."""
        if not self._restart_timer.isActive():
            self._restart_timer.start()

    @property
    def restart_pending(self) -> bool:
        """True while a requested restart has not run yet."""
        return self._restart_timer.isActive()

    def _current_results(self) -> Results | None:
        """The store's results for its current scenario, or None if it fails.

        A scheduled evaluation is run now (it is the store's one evaluation
        of the scenario, only earlier); the page never evaluates by itself.
        """
        store = self.store
        if store.results_scenario is not store.scenario and store.pending:
            store.recompute_now()
        if store.results_scenario is store.scenario:
            return store.results
        return None

    def _start_states(self) -> str:
        """Start both trainings from the store's scenario; returns a problem."""
        scenario = self.store.scenario
        if scenario.p_family is not None or scenario.q_family is not None:
            return (
                "The explorer is in family mode, which has no logits to train: "
                "switch it to one slider per outcome. Showing the last start."
            )
        results = self._current_results()
        if results is None:
            if self.store.error is None:  # not evaluated yet: start once it is
                self._stale = True
                return ""
            return f"The explorer's scenario cannot be trained: {self.store.error}."
        # The logits the explorer used (log Q when they follow Q), so the
        # trainings start from what it showed.
        start = trainable(results.logits)
        try:
            target: Any = results.p if scenario.linked else scenario.label
            states = {
                kind: start_logit_training(
                    start,
                    target,
                    kind,
                    self.lr,
                    scenario.temperature,
                    scenario.label_smoothing,
                )
                for kind in LOSS_KINDS
            }
        except ValueError as error:
            return f"The explorer's scenario cannot be trained: {error}."
        self.states = states
        self.true_class = int(scenario.label)
        linked = scenario.linked
        logits = ", ".join(fixed_text(z, 2) for z in start)
        target_text = "P (linked)" if linked else f"one-hot({scenario.label})"
        set_text(
            self.start_label,
            f"z = [{logits}]<br>true class {scenario.label}, target {target_text}, "
            f"T = {number_text(scenario.temperature)}, "
            f"ε = {fixed_text(scenario.label_smoothing, 3)}<br>"
            "<i>Reset reads the explorer again.</i>",
        )
        return ""

    def plot_widgets(self) -> list[QWidget]:
        """The widgets holding this page's plots (each has ``plot_items()``)."""
        return [self.plots]

    # the page protocol ----------------------------------------------------

    def reset(self) -> None:
        """Pause and start both trainings again from the explorer's scenario."""
        super().reset()
        self._restart_timer.stop()
        self._stale = False
        problem = self._start_states()
        if not self.states:  # the very first start failed: a safe default
            self.states = {
                kind: start_logit_training([2.0, 1.0, 0.1], 2, kind, self.lr)
                for kind in LOSS_KINDS
            }
            self.true_class = 2
        set_text(self.problem, problem)
        self.problem.setVisible(bool(problem))
        self.lr_control.show_value(self.lr)
        self.draw()

    def advance(self, steps: int) -> bool:
        """``steps`` more steps for both trainings."""
        self.states = {
            kind: run_logit_training(state, steps)
            for kind, state in self.states.items()
        }
        self.draw()
        return self.step < STEP_LIMIT

    @property
    def step(self) -> int:
        """Steps taken since the last start."""
        return next(iter(self.states.values())).step

    def settings(self) -> dict[str, Any]:
        """The learning rate (see core.session.PANEL_SETTINGS)."""
        return {"learning_rate": self.lr}

    def apply_settings(self, settings: dict[str, Any]) -> None:
        """Take the learning rate (default when left out) and start again."""
        self.lr = float(settings.get("learning_rate", DEFAULT_LOGIT_LR))
        self.reset()

    def showEvent(self, event: QShowEvent) -> None:
        """Start again from the explorer if it changed while hidden."""
        if self._stale:
            self.reset()
        super().showEvent(event)

    # views ------------------------------------------------------------------

    def draw(self) -> None:
        """Every view from the two states."""
        c = self.true_class
        set_text(self.step_label, f"step {self.step:,}")
        for kind, state in self.states.items():
            unit = " nats" if kind == "cross_entropy" else " (no unit)"
            loss = "L = −Σ y log q" if kind == "cross_entropy" else "L = Σ (q − y)²"
            name = coloured(LOSS_COLOURS[kind], "■ " + LOSS_NAMES[kind])
            set_text(
                self.headers[kind],
                f"<big><b>{name}</b>: {loss}</big><br>"
                f"<big>loss <b>{number_text(state.loss)}</b>{unit}</big><br>"
                f"{formula_html(state, c)}",
            )
        t = next(iter(self.states.values())).temperature
        set_text(
            self.note,
            f"q = softmax(z/T), y = the (smoothed) target. Step {self.step:,}: "
            f"each step moves z by −lr·∂L/∂z, and every gradient carries 1/T "
            f"(here T = {number_text(t, 3)}, lr = {number_text(self.lr, 3)}).",
        )
        self.plots.show_states(self.states, c)


__all__ = ["TrainingPage", "formula_html", "true_class_terms"]
