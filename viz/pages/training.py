"""Gradient descent on the logit vector, with cross-entropy and squared error.

Claims 12 and 15 of docs/teaching.md. Both trainings start from the explorer's
scenario (its logits, true class, temperature and label smoothing; in linked
mode the target is P) and take the same steps z ← z − lr·∂L/∂z side by side.
Cross-entropy's gradient is (softmax − y)/T, y the smoothed target, so it
acts through the true class's log-probability alone; squared error on the
softmax pulls every output toward its target and its gradient mixes all the
errors. The formula for the true class is shown with live numbers.

State: a :class:`core.trainings.TrainingsState` in the page's store (the
start, the learning rate, both trainings). The start is read from the
explorer's results (:func:`core.trainings.training_start`) whenever they
change while the page is on show, when it is shown, and on reset.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import partial
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from core.numbers import format_count, format_probability
from core.ranges import TRAINING_LEARNING_RATE
from core.training import LOSS_KINDS, LogitTrainingState, LossKind
from core.trainings import (
    DEFAULT_START,
    TrainingsResults,
    TrainingsState,
    TrainingStart,
    TrueClassTerms,
    advance_trainings,
    can_advance,
    restart_trainings,
    training_start,
)
from viz import theme
from viz.error_words import error_words
from viz.pages.common import (
    LOSS_COLOURS,
    AnimatedPage,
    GrowingRange,
    LabelledSlider,
    LogRange,
    coloured,
    controls_column,
    fixed_text,
    loss_name,
    number_text,
    positive,
    slider_scale,
    text_label,
)
from viz.plot_grid import GridItem, PlotGrid
from viz.plotting import GradientBars, OutcomeAxis, Series, style_plot, swatch
from viz.state import ScenarioStore
from viz.store import Store
from viz.translated import set_plot_texts
from viz.widgets import group, problem_label, set_text

translate = QCoreApplication.translate

#: Steps per frame while playing: one, so every step is seen.
STEPS_PER_TICK = 1

_KIND_SHORT = {"cross_entropy": "ce", "squared_error": "se"}


def look_at() -> str:
    """What the page's column says to look at, in the language in use."""
    return translate(
        "TrainingPage",
        "<b>What to look at.</b> Cross-entropy's bar for each class j is "
        "(q<sub>j</sub> − y<sub>j</sub>)/T. With a one-hot target the true "
        "class's is (q<sub>y</sub> − 1)/T and every other is q<sub>j</sub>/T: "
        "it pushes the true logit up and the others down, each by its own "
        "probability; with label smoothing or a linked target, every class "
        "whose q<sub>j</sub> is below its y<sub>j</sub> is pushed up. Squared "
        "error's bars "
        "mix all the errors, can push a small "
        "wrong class <i>up</i>, and carry the factor q, so a true class the model "
        "gives almost nothing barely moves.",
    )


def formula_html(kind: str, terms: TrueClassTerms, c: int) -> str:
    """The true class's gradient, symbolically and with today's numbers."""
    # q = 0.999506 as "1.000" made (1.000 − 1.000)/1.000 = −4.943×10⁻⁴.
    q, y = (format_probability(v, 3) for v in (terms.q, terms.y))
    t = number_text(terms.temperature, 3)
    value = number_text(terms.gradient)
    sub = f"<sub>{c}</sub>"
    if kind == "cross_entropy":
        return equation(
            f"∂L/∂z{sub}", f"(q{sub} − y{sub})/T", f"({q} − {y})/{t}", f"<b>{value}</b>"
        )
    mixed = number_text(terms.mixed, 3)
    return equation(
        f"∂L/∂z{sub}",
        f"2q{sub}[(q{sub} − y{sub}) − Σ q(q − y)]/T",
        f"2·{q}·[({q} − {y}) − ({mixed})]/{t}",
        f"<b>{value}</b>",
    )


def unbroken(html: str) -> str:
    """``html`` kept on one line (a formula wrapped inside reads as another)."""
    return f"<span style='white-space:nowrap'>{html}</span>"


def equation(*sides: str) -> str:
    """``a = b = c``, wrapped before an equals sign rather than inside a side.

    At 1024 pixels "(0.638 − 1.000)/1.000" broke after its minus. A side of
    more than :data:`UNBROKEN_CHARACTERS` characters may still break: kept
    whole, the squared error's long side made the header too tall for the
    plots in lecture type.
    """
    return " = ".join(
        unbroken(side)
        if len(re.sub(r"<[^>]+>", "", side)) <= UNBROKEN_CHARACTERS
        else side
        for side in sides
    )


#: The longest side of an equation kept on one line (see :func:`equation`).
UNBROKEN_CHARACTERS = 24


def _header_name(kind: str) -> str:
    return translate("TrainingPage", "Loss and true-class gradient, {loss}").format(
        loss=loss_name(kind)
    )


class KindPlots:
    """One loss's softmax-vs-target bars and gradient bars (created once)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.softmax_widget = pg.PlotWidget(enableMenu=False)
        self.softmax_widget.setObjectName(f"training_{_KIND_SHORT[kind]}_softmax_plot")
        self.softmax_plot = self.softmax_widget.getPlotItem()
        style_plot(self.softmax_plot, "", "", "")
        plot = self.softmax_plot
        self.target = Series(plot, theme.TARGET_COLOUR, -0.2, 0.38, "target y")
        self.softmax = Series(plot, theme.MODEL_COLOUR, 0.2, 0.38, "softmax(z/T)")
        self.softmax_axis = OutcomeAxis(plot, "class", probability=True)
        self.gradient_widget = pg.PlotWidget(enableMenu=False)
        self.gradient_widget.setObjectName(
            f"training_{_KIND_SHORT[kind]}_gradient_plot"
        )
        self.gradient_plot = self.gradient_widget.getPlotItem()
        style_plot(self.gradient_plot, "", "", "")
        self.bars = GradientBars(self.gradient_plot, LOSS_COLOURS[kind])
        self.gradient, self.true_class = self.bars.gradient, self.bars.true_class
        self.retranslate()

    def retranslate(self) -> None:
        """Titles and axis labels in the language in use."""
        class_label = translate("TrainingPlots", "class")
        set_plot_texts(
            self.softmax_plot,
            translate("TrainingPlots", "{softmax} vs {target}").format(
                softmax=swatch(theme.MODEL_COLOUR, "softmax"),
                target=swatch(
                    theme.TARGET_COLOUR, translate("TrainingPlots", "target y")
                ),
            ),
            class_label,
            translate("TrainingPlots", "probability"),
        )
        self.softmax_axis.set_label(class_label)
        set_plot_texts(
            self.gradient_plot,
            translate("TrainingPlots", "{gradient} per logit ({loss})").format(
                gradient=swatch(LOSS_COLOURS[self.kind], "∂L/∂z"),
                loss=loss_name(self.kind),
            ),
            class_label,
            translate("TrainingPlots", "∂L/∂z (per unit of z)"),
        )
        # The bars' axis shows its label again when K changes: the same one.
        self.bars.axis.set_label(class_label)

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
        self.probability_widget = pg.PlotWidget(enableMenu=False)
        self.probability_widget.setObjectName("training_probability_plot")
        self.probability_plot = self.probability_widget.getPlotItem()
        style_plot(self.probability_plot, "", "", "")
        self.probability_plot.setYRange(0.0, 1.0, padding=0.02)
        self.probability_curves, self.probability_heads = _progress_curves(
            self.probability_plot
        )
        self.cross_entropy_widget = pg.PlotWidget(enableMenu=False)
        self.cross_entropy_widget.setObjectName("training_cross_entropy_plot")
        self.cross_entropy_plot = self.cross_entropy_widget.getPlotItem()
        style_plot(self.cross_entropy_plot, "", "", "")
        self.cross_entropy_plot.setLogMode(x=False, y=True)
        self.cross_entropy_curves, self.cross_entropy_heads = _progress_curves(
            self.cross_entropy_plot
        )
        self.cross_entropy_range = LogRange(self.cross_entropy_plot)
        # Each plot its own range of the same steps, not an x link: a link
        # lines the steps up on screen, and the cross-entropy plot's wider
        # axis labels moved its range to start at step 0.92 (step 0 unseen).
        self.step_ranges = [
            GrowingRange(plot, minimum=20.0)
            for plot in (self.probability_plot, self.cross_entropy_plot)
        ]
        # Column by column: each model's softmax over its gradient, then the
        # two progress plots; when fewer fit, one model's pair at a time.
        widgets = [w for kind in LOSS_KINDS for w in self.kinds[kind].widgets()]
        widgets += [self.probability_widget, self.cross_entropy_widget]
        self.plot_grid = PlotGrid(
            [GridItem(w.objectName(), w) for w in widgets],
            column_major=True,
            name="training_plots",
        )
        grid = QVBoxLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.plot_grid)
        self.retranslate()

    def retranslate(self) -> None:
        """Every plot's title and labels in the language in use."""
        for kind in self.kinds.values():
            kind.retranslate()
        set_plot_texts(
            self.probability_plot,
            # The lines wear their column's colour: no legend needed.
            translate("TrainingPlots", "each model's q of the true class"),
            "",
            "q<sub>y</sub>",
        )
        set_plot_texts(
            self.cross_entropy_plot,
            translate("TrainingPlots", "each model's cross-entropy"),
            translate("TrainingPlots", "gradient-descent step"),
            translate("TrainingPlots", "nats (log scale)"),
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
        for step_range in self.step_ranges:
            step_range.fit(0.0, float(step))
        self.cross_entropy_range.fit(np.concatenate(cross_entropies))


class TrainingPage(AnimatedPage):
    """The "training" page (see the module docstring)."""

    steps_per_tick = STEPS_PER_TICK
    store: Store[TrainingsState, TrainingsResults]

    def __init__(
        self,
        store: Store[TrainingsState, TrainingsResults],
        explorer: ScenarioStore,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            store, "training", translate("TrainingPage", "the training"), parent
        )
        self.explorer = explorer
        #: The explorer's start when this page last read it (None: never).
        self.followed: TrainingStart | None = None
        self._build()
        store.state_changed.connect(self._state_changed)
        store.results_ready.connect(self.show_results)
        explorer.results_ready.connect(self._explorer_changed)
        explorer.derive_failed.connect(self._explorer_changed)
        self._state_changed(store.state)
        self._follow_explorer()
        if store.results_state is not store.state:
            store.derive_now()
        elif store.results is not None:
            self.show_results(store.results)

    def _build(self) -> None:
        self.lr_control = LabelledSlider(
            "training_lr", "", "", slider_scale(TRAINING_LEARNING_RATE), "00.0000", 4
        )
        self.step_label = text_label("training_step_label", "", wrap=False)
        self.start_label = text_label("training_start", "")
        self.problem = problem_label("training_problem")
        look = text_label("training_look_at", "")
        self.headers = {
            kind: text_label(f"training_{_KIND_SHORT[kind]}_formula", "")
            for kind in LOSS_KINDS
        }
        self.note = text_label("training_note", "")
        descent = group("", self.lr_control, self.playback, self.step_label)
        start = group("", self.start_label)
        column = controls_column(
            "training_controls", descent, start, self.problem, look
        )
        texts = self.texts
        texts.call(
            lambda: self.playback.set_what(translate("TrainingPage", "the training"))
        )
        texts.call(
            lambda: self.lr_control.set_texts(
                translate("TrainingPage", "learning rate"),
                translate("TrainingPage", "Learning rate"),
            )
        )
        texts.set(look, look_at)
        texts.set(
            descent,
            lambda: translate("TrainingPage", "Gradient descent: z ← z − lr·∂L/∂z"),
            "setTitle",
        )
        self.start_group = start
        texts.set(start, self._start_title, "setTitle")
        names = {
            self.step_label: lambda: translate("TrainingPage", "Steps taken"),
            self.start_label: lambda: translate(
                "TrainingPage", "Where the training starts"
            ),
            look: lambda: translate("TrainingPage", "What to look at"),
            self.note: lambda: translate("TrainingPage", "How the temperature enters"),
        }
        for label, name in names.items():
            texts.set(label, name, "setAccessibleName")
        for kind in LOSS_KINDS:
            texts.set(
                self.headers[kind], partial(_header_name, kind), "setAccessibleName"
            )
        self.plots = TrainingPlots()
        top = QGridLayout()
        for index, kind in enumerate(LOSS_KINDS):
            top.addWidget(self.headers[kind], 0, index)
        top.addWidget(self.note, 0, 2)
        for column_index in range(3):
            top.setColumnStretch(column_index, 1)
        right = QVBoxLayout()
        right.setContentsMargins(4, 4, 4, 0)
        right.addLayout(top)
        right.addWidget(self.plots, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(column)
        layout.addLayout(right, 1)
        self.lr_control.value_changed.connect(self.set_learning_rate)
        self.bind_drag(self.lr_control.slider)

    # controls and the explorer → state ------------------------------------

    def set_learning_rate(self, lr: float) -> None:
        """A new learning rate: both trainings start again (and it is said)."""
        self.pause()
        step = self.store.state.step
        self.store.set_state(restart_trainings(self.store.state, learning_rate=lr))
        if step > 0:
            # The plots emptied at step 93 with nothing to say why.
            self.said.emit(
                translate(
                    "TrainingPage",
                    "A new learning rate: both trainings start again from step 0 "
                    "(Ctrl+Z: back to step {step}).",
                ).format(step=format_count(step))
            )

    def _explorer_changed(self, *_: object) -> None:
        if self.isVisible():
            self._follow_explorer()

    def _follow_explorer(self, again: bool = False) -> None:
        """Start again from the explorer, if its start moved and differs from ours.

        Only a change on the explorer starts the trainings again: trainings
        that Ctrl+Z brought back (from a scenario the explorer has since
        left) stay, until the explorer changes again or Reset (``again``).
        """
        explorer = self.explorer
        stale = explorer.pending or explorer.results_state is not explorer.state
        if stale and explorer.error is None:
            return  # the explorer's results are on their way: follow them then
        results = explorer.results
        problem = ""
        if self.explorer.problem is not None:
            problem = translate(
                "TrainingPage",
                "The explorer's scenario cannot be trained: {problem} "
                "Showing the last start.",
            ).format(problem=error_words(self.explorer.problem))
        elif results is not None and results.family_mode:
            problem = translate(
                "TrainingPage",
                "The explorer is in family mode, which has no logits to train: "
                "switch it to one slider per outcome. Showing the last start.",
            )
        elif results is not None:
            start = training_start(results)
            was_behind = self.behind_explorer(self.store.state.start)
            moved = start != self.followed
            self.followed = start
            if start == self.store.state.start or not (moved or again):
                if was_behind != self.behind_explorer(self.store.state.start):
                    self._show_start(self.store.state.start)
            else:
                self.pause()
                try:
                    restarted = restart_trainings(self.store.state, start)
                except ValueError as error:
                    problem = translate(
                        "TrainingPage",
                        "The explorer's scenario cannot be trained: {problem}",
                    ).format(problem=error_words(error))
                else:
                    self._start_from(restarted)
        set_text(self.problem, problem)
        self.problem.setVisible(bool(problem))

    def _start_from(self, state: TrainingsState) -> None:
        """Show ``state``: one undo step, except when it replaces the placeholder.

        The page's first state (:data:`core.trainings.DEFAULT_START`) was never
        the user's: undo must not go back to it.
        """
        placeholder = self.store.state.start is DEFAULT_START
        if placeholder and not self.store.can_undo:
            self.store.refine(state)
        else:
            self.store.set_state(state)

    def showEvent(self, event: QShowEvent) -> None:
        """Start again from the explorer if it changed while hidden."""
        self._follow_explorer()
        super().showEvent(event)

    # the page protocol ----------------------------------------------------

    def advanced(self, state: TrainingsState, steps: int) -> TrainingsState:
        """Both trainings ``steps`` further."""
        return advance_trainings(state, steps)

    def can_advance(self, state: TrainingsState) -> bool:
        """Until the step limit."""
        return can_advance(state)

    def restarted(self, state: TrainingsState) -> TrainingsState:
        """Both trainings at their start again."""
        return restart_trainings(state)

    def reset(self) -> None:
        """Pause and start both trainings again from the explorer's scenario."""
        super().reset()
        self._follow_explorer(again=True)

    def behind_explorer(self, start: TrainingStart) -> bool:
        """Whether ``start`` is no longer the explorer's (trainings undone to)."""
        return self.followed is not None and start != self.followed

    def _start_title(self) -> str:
        if self.behind_explorer(self.store.state.start):
            return translate(
                "TrainingPage", "Start: an earlier scenario of the explorer's"
            )
        return translate("TrainingPage", "Start: the explorer's scenario")

    def plot_widgets(self) -> list[QWidget]:
        """The widgets holding this page's plots (each has ``plot_items()``)."""
        return [self.plots]

    @property
    def step(self) -> int:
        """Steps taken since the last start."""
        return self.store.state.step

    @property
    def states(self) -> dict[LossKind, LogitTrainingState]:
        """Both trainings by loss kind."""
        return dict(zip(LOSS_KINDS, self.store.state.trainings, strict=True))

    @property
    def lr(self) -> float:
        """The learning rate."""
        return self.store.state.learning_rate

    # views ------------------------------------------------------------------

    def retranslate(self) -> None:
        """Every text again, the problem strip's included."""
        super().retranslate()
        self.plots.retranslate()
        self._follow_explorer()

    def _state_changed(self, state: TrainingsState) -> None:
        self.lr_control.show_value(state.learning_rate)

    def show_results(self, results: TrainingsResults) -> None:
        """Every view from the derived results."""
        state = results.state
        c = state.trainings[0].true_class
        step = format_count(state.step)
        set_text(
            self.step_label, translate("TrainingPage", "step {step}").format(step=step)
        )
        self._show_start(state.start)
        for kind, training, terms in zip(
            LOSS_KINDS, state.trainings, results.terms, strict=True
        ):
            if kind == "cross_entropy":
                value = translate("TrainingPage", "loss <b>{value}</b> nats")
            else:
                value = translate("TrainingPage", "loss <b>{value}</b> (no unit)")
            loss = unbroken(
                "L = −Σ y log q" if kind == "cross_entropy" else "L = Σ (q − y)²"
            )
            name = coloured(LOSS_COLOURS[kind], "■ " + loss_name(kind))
            set_text(
                self.headers[kind],
                f"<big><b>{name}</b>: {loss}</big><br>"
                f"<big>{value.format(value=number_text(training.loss))}</big><br>"
                f"{formula_html(kind, terms, c)}",
            )
        t, lr = state.start.temperature, state.learning_rate
        set_text(
            self.note,
            translate(
                "TrainingPage",
                "q = softmax(z/T), y = the (smoothed) target. Step {step}: "
                "each step moves z by −lr·∂L/∂z, and every gradient carries 1/T "
                "(here T = {t}, lr = {lr}).",
            ).format(step=step, t=number_text(t, 3), lr=number_text(lr, 3)),
        )
        # The results' state, as the readouts above: never a newer one.
        self.plots.show_states(dict(zip(LOSS_KINDS, state.trainings, strict=True)), c)

    def _show_start(self, start: TrainingStart) -> None:
        self.start_group.setTitle(self._start_title())
        logits = ", ".join(fixed_text(z, 2) for z in start.logits)
        linked = start.soft_target is not None
        if linked:
            target = translate("TrainingPage", "P (linked)")
        elif start.label_smoothing > 0:
            # The target the bars show: "one-hot(0)" beside 0.7, 0.1, 0.1, 0.1.
            target = f"(1 − ε)·one-hot({start.label}) + ε/K"
        else:
            target = f"one-hot({start.label})"
        set_text(
            self.start_label,
            translate(
                "TrainingPage",
                # No break inside "ε = 0": its value stood alone a line below.
                "z = [{logits}]<br>true class {label}, target {target}, "
                "T\u00a0=\u00a0{t}, ε\u00a0=\u00a0{epsilon}<br><i>{reset}</i>",
            ).format(
                reset=translate(
                    "TrainingPage",
                    "An earlier scenario of the explorer's, which has changed "
                    "since: Reset starts from its scenario now.",
                )
                if self.behind_explorer(start)
                else translate("TrainingPage", "Reset reads the explorer again."),
                logits=logits,
                label=start.label,
                target=target,
                t=number_text(start.temperature, 3),
                epsilon=fixed_text(start.label_smoothing, 3),
            ),
        )


__all__ = ["TrainingPage", "formula_html"]
