"""Vanishing gradients: one sigmoid output trained with squared error or cross-entropy.

Claims 13 and 14 of docs/teaching.md. The top plots show both losses and their
gradient magnitudes over z ∈ [−10, 10] for the chosen label, with the
inspected logit z₀ marked and both gradients read out in large text. The
race below starts gradient descent at z₀ for both losses with the same
learning rate: cross-entropy recovers from a confidently wrong output in a
few steps while squared error crawls, because its gradient carries the
vanishing factor σ(z)(1 − σ(z)).

State: z₀, y, the learning rate and the speed are plain values on the page;
the two races are frozen :class:`core.training.SigmoidDescentState` objects that
the frame timer replaces with ``run_sigmoid_descent(state, n)``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from core.training import (
    DEFAULT_SIGMOID_LR,
    DEFAULT_SIGMOID_START,
    LOSS_KINDS,
    SigmoidDescentState,
    SigmoidLossCurves,
    run_sigmoid_descent,
    sigmoid_loss_curves,
    start_sigmoid_descent,
)
from viz import theme
from viz.pages.common import (
    LOSS_COLOURS,
    LOSS_NAMES,
    AnimatedPage,
    GrowingRange,
    LabelledSlider,
    LogRange,
    big_label,
    coloured,
    controls_column,
    number_text,
    positive,
    text_label,
)
from viz.plotting import style_plot, swatch
from viz.sliders import SliderScale
from viz.widgets import group, named, set_text

#: The race counts the steps until the loss drops below this.
THRESHOLD = 0.1

#: z₀ slider: the plotted range, in steps of 0.01.
Z_SCALE = SliderScale(-10.0, 10.0, steps=2000)

#: Learning rate slider: logarithmic, 0.01 to 10.
LR_SCALE = SliderScale(0.01, 10.0, steps=1000, log=True)

#: Steps per frame the speed box offers; the default is the core's choice.
SPEEDS = (1, 2, 5, 20, 100)
DEFAULT_SPEED = 2

#: The count of steps to reach THRESHOLD gives up after this many steps.
COUNT_LIMIT = 200_000

#: Steps the counter takes per pass of the event loop (about 7 ms).
COUNT_CHUNK = 250

#: The race pauses itself after this many steps.
RACE_LIMIT = 200_000

_KIND_SHORT = {"cross_entropy": "ce", "squared_error": "se"}


class ReachCounter(QObject):
    """How many steps each loss needs to get below :data:`THRESHOLD`.

    Counted a chunk per pass of the event loop, so a long count never blocks.

    The answer is exactly :func:`core.training.steps_to_reach` with
    ``max_steps`` = :data:`COUNT_LIMIT` (None when that is not enough); it
    is computed once per change of z₀, y or the learning rate, never per
    frame.
    """

    counted = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.results: dict[str, int | None] = {}
        self._runs: dict[str, SigmoidDescentState] = {}
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._work)

    @property
    def done(self) -> bool:
        """True once every loss has its count."""
        return not self._runs

    def progress(self, kind: str) -> int:
        """Steps checked so far for a loss still being counted."""
        run = self._runs.get(kind)
        return run.step if run is not None else 0

    def start(self, z0: float, y: int, lr: float) -> None:
        """Count afresh for a new start or learning rate."""
        self.results = {}
        self._runs = {}
        for kind in LOSS_KINDS:
            state = start_sigmoid_descent(kind, z0, y, lr)
            if state.loss < THRESHOLD:
                self.results[kind] = 0
            else:
                self._runs[kind] = state
        if self._runs:
            self._timer.start()
        else:
            self._timer.stop()
        self.counted.emit()

    def _work(self) -> None:
        kind = next(iter(self._runs))
        state = run_sigmoid_descent(self._runs[kind], COUNT_CHUNK)
        recent = state.loss_history[-COUNT_CHUNK:]
        below = np.flatnonzero(recent < THRESHOLD)
        if below.size:
            self.results[kind] = state.step - COUNT_CHUNK + 1 + int(below[0])
            del self._runs[kind]
        elif state.step >= COUNT_LIMIT:
            self.results[kind] = None
            del self._runs[kind]
        else:
            self._runs[kind] = state
        if not self._runs:
            self._timer.stop()
        self.counted.emit()


class BinaryPlots(QWidget):
    """Loss and |dL/dz| against z, and the race's loss against step.

    Every item is created once; :meth:`show_curves`, :meth:`show_z0` and
    :meth:`show_race` only call ``setData``/``setValue``.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        both = (
            f"{swatch(LOSS_COLOURS['cross_entropy'], 'cross-entropy')} and "
            f"{swatch(LOSS_COLOURS['squared_error'], 'squared error')}"
        )
        self.loss_widget = pg.PlotWidget()
        self.loss_widget.setObjectName("binary_loss_plot")
        self.loss_plot = self.loss_widget.getPlotItem()
        style_plot(
            self.loss_plot, f"Loss vs z: {both}", "logit z", "loss (nats; SE: no unit)"
        )
        self.grad_widget = pg.PlotWidget()
        self.grad_widget.setObjectName("binary_gradient_plot")
        self.grad_plot = self.grad_widget.getPlotItem()
        style_plot(
            self.grad_plot,
            "|dL/dz| vs z (log scale): squared error vanishes",
            "logit z",
            "|dL/dz| per unit of z",
        )
        self.grad_plot.setLogMode(x=False, y=True)
        self.race_widget = pg.PlotWidget()
        self.race_widget.setObjectName("binary_race_plot")
        self.race_plot = self.race_widget.getPlotItem()
        style_plot(
            self.race_plot,
            f"Race from z₀: loss vs step ({both}), log scale",
            "gradient-descent step",
            "loss (log scale)",
        )
        self.race_plot.setLogMode(x=False, y=True)
        for plot in (self.loss_plot, self.grad_plot):
            plot.setXRange(-10.0, 10.0, padding=0.02)
        self.loss_curves: dict[str, pg.PlotDataItem] = {}
        self.grad_curves: dict[str, pg.PlotDataItem] = {}
        self.race_curves: dict[str, pg.PlotDataItem] = {}
        self.loss_marks: dict[str, pg.PlotDataItem] = {}
        self.grad_marks: dict[str, pg.PlotDataItem] = {}
        self.loss_racers: dict[str, pg.PlotDataItem] = {}
        self.grad_racers: dict[str, pg.PlotDataItem] = {}
        self.race_heads: dict[str, pg.PlotDataItem] = {}
        for kind in LOSS_KINDS:
            colour = LOSS_COLOURS[kind]
            pen = pg.mkPen(colour, width=3)
            self.loss_curves[kind] = self.loss_plot.plot(pen=pen)
            self.grad_curves[kind] = self.grad_plot.plot(pen=pen)
            self.race_curves[kind] = self.race_plot.plot(pen=pen)
            mark = {
                "pen": None,
                "symbol": "o",
                "symbolSize": 9,
                "symbolBrush": theme.MARKER_COLOUR,
                "symbolPen": pg.mkPen("k"),
            }
            racer = {
                "pen": None,
                "symbol": "s",
                "symbolSize": 13,
                "symbolBrush": colour,
                "symbolPen": pg.mkPen("k", width=1.5),
            }
            self.loss_marks[kind] = self.loss_plot.plot(**mark)
            self.grad_marks[kind] = self.grad_plot.plot(**mark)
            self.loss_racers[kind] = self.loss_plot.plot(**racer)
            self.grad_racers[kind] = self.grad_plot.plot(**racer)
            self.race_heads[kind] = self.race_plot.plot(**racer)
        dashed = pg.mkPen(theme.MARKER_COLOUR, style=Qt.PenStyle.DashLine, width=1.5)
        self.loss_z0 = self.loss_plot.addLine(x=0.0, pen=dashed)
        self.grad_z0 = self.grad_plot.addLine(x=0.0, pen=dashed)
        self.threshold_line = self.race_plot.addLine(
            y=math.log10(THRESHOLD), pen=pg.mkPen("#888888", style=Qt.PenStyle.DashLine)
        )
        self.threshold_text = pg.TextItem(
            f"loss = {THRESHOLD:g}", color="#555555", anchor=(1, 1)
        )
        self.race_plot.addItem(self.threshold_text)
        self.grad_range = LogRange(self.grad_plot)
        self.race_range = LogRange(self.race_plot)
        self.race_x = GrowingRange(self.race_plot, minimum=20.0)
        self.loss_plot.disableAutoRange(axis="y")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.loss_widget, 0, 0)
        layout.addWidget(self.grad_widget, 0, 1)
        layout.addWidget(self.race_widget, 1, 0, 1, 2)
        for widget in (self.loss_widget, self.grad_widget, self.race_widget):
            widget.setMinimumSize(200, 150)
            widget.setSizePolicy(
                QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding
            )

    def plot_items(self) -> list[pg.PlotItem]:
        """The plots inside this widget (for styling and export)."""
        return [self.loss_plot, self.grad_plot, self.race_plot]

    def show_curves(self, curves: SigmoidLossCurves) -> None:
        """Both losses and gradient magnitudes over the grid of z."""
        losses = {
            "cross_entropy": curves.cross_entropy_loss,
            "squared_error": curves.squared_error_loss,
        }
        gradients = {
            "cross_entropy": curves.cross_entropy_gradient,
            "squared_error": curves.squared_error_gradient,
        }
        for kind in LOSS_KINDS:
            self.loss_curves[kind].setData(curves.z, losses[kind])
            self.grad_curves[kind].setData(curves.z, positive(gradients[kind]))
        top = max(float(np.max(values)) for values in losses.values())
        self.loss_plot.setYRange(0.0, top * 1.05, padding=0.02)
        self.grad_range.fit(np.concatenate(list(gradients.values())))

    def show_z0(
        self, z0: float, losses: dict[str, float], grads: dict[str, float]
    ) -> None:
        """Mark the inspected logit on both curves."""
        self.loss_z0.setValue(z0)
        self.grad_z0.setValue(z0)
        for kind in LOSS_KINDS:
            self.loss_marks[kind].setData([z0], [losses[kind]])
            self.grad_marks[kind].setData([z0], positive(np.array([abs(grads[kind])])))

    def show_race(self, race: dict[str, SigmoidDescentState]) -> None:
        """Each racer's loss history, and where it stands on the curves."""
        latest = 0
        everything = []
        for kind, state in race.items():
            history = state.loss_history
            steps = np.arange(state.history_start, state.step + 1, dtype=np.float64)
            self.race_curves[kind].setData(steps, positive(np.asarray(history)))
            self.race_heads[kind].setData(
                [float(state.step)], positive(np.array([state.loss]))
            )
            self.loss_racers[kind].setData([state.z], [state.loss])
            self.grad_racers[kind].setData(
                [state.z], positive(np.array([abs(state.gradient)]))
            )
            latest = max(latest, state.step)
            everything.append(np.asarray(history))
        # From step 0 even when the history keeps only the latest steps, so
        # the axis re-ranges rarely.
        self.race_x.fit(0.0, float(latest))
        values = np.concatenate([*everything, [THRESHOLD]])
        self.race_range.fit(positive(values))
        shown = self.race_x.shown or (0.0, 1.0)
        self.threshold_text.setPos(shown[1], math.log10(THRESHOLD))


class BinaryPage(AnimatedPage):
    """The "binary" page: vanishing gradients and the race (see the module)."""

    steps_per_tick = DEFAULT_SPEED

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("binary", "the race", parent)
        self.z0 = DEFAULT_SIGMOID_START
        self.label = 1
        self.lr = DEFAULT_SIGMOID_LR
        self.curves: SigmoidLossCurves = sigmoid_loss_curves(self.label)
        #: Both losses at z₀ (step 0), for the readouts; the race starts here.
        self.start: dict[str, SigmoidDescentState] = {}
        self.race: dict[str, SigmoidDescentState] = {}
        self.counter = ReachCounter(self)
        self._dirty: set[str] = {"curves", "inspect", "race", "counts"}
        self._build()
        self.counter.counted.connect(self._counts_changed)
        self._restart_race()
        self.draw()

    # layout -----------------------------------------------------------------

    def _build(self) -> None:
        self.z_control = LabelledSlider(
            "binary_z",
            "logit z₀",
            "Logit z of the sigmoid output",
            Z_SCALE,
            "−10.00",
            2,
        )
        self.y_combo = QComboBox()
        named(self.y_combo, "binary_y_combo", "Label y, 0 or 1")
        self.y_combo.addItem("y = 0", 0)
        self.y_combo.addItem("y = 1", 1)
        y_row = QWidget()
        y_layout = QHBoxLayout(y_row)
        y_layout.setContentsMargins(0, 0, 0, 0)
        y_caption = QLabel("label y")
        y_caption.setBuddy(self.y_combo)
        y_layout.addWidget(y_caption)
        y_layout.addWidget(self.y_combo, 1)
        self.probability = text_label("binary_probability", "Predicted probability")
        self.gradient_readouts = {
            kind: big_label(f"binary_{_KIND_SHORT[kind]}_gradient", f"dL/dz, {name}")
            for kind, name in LOSS_NAMES.items()
        }
        self.loss_readouts = {
            kind: text_label(f"binary_{_KIND_SHORT[kind]}_loss", f"Loss, {name}")
            for kind, name in LOSS_NAMES.items()
        }
        self.ratio = text_label("binary_gradient_ratio", "Ratio of the gradients")
        self.lr_control = LabelledSlider(
            "binary_lr", "learning rate", "Learning rate of the race", LR_SCALE
        )
        self.speed = QComboBox()
        named(self.speed, "binary_speed_combo", "Steps per frame")
        for steps in SPEEDS:
            self.speed.addItem(
                f"{steps} step{'s' if steps > 1 else ''} per frame", steps
            )
        self.speed.setCurrentIndex(SPEEDS.index(DEFAULT_SPEED))
        self.step_label = text_label("binary_step_label", "Steps taken", wrap=False)
        self.race_readouts = {
            kind: text_label(f"binary_{_KIND_SHORT[kind]}_race", f"Race, {name}")
            for kind, name in LOSS_NAMES.items()
        }
        self.counts = {
            kind: text_label(
                f"binary_{_KIND_SHORT[kind]}_count", f"Steps needed, {name}"
            )
            for kind, name in LOSS_NAMES.items()
        }
        inspect = group(
            "The output: σ(z) against label y",
            self.z_control,
            y_row,
            self.probability,
        )
        readouts = QWidget()
        readout_layout = QVBoxLayout(readouts)
        readout_layout.setContentsMargins(0, 0, 0, 0)
        formulas = {
            "squared_error": "dL/dz = 2(σ − y)·σ(1 − σ)",
            "cross_entropy": "dL/dz = σ − y",
        }
        for kind in ("squared_error", "cross_entropy"):
            caption = QLabel(
                f"{coloured(LOSS_COLOURS[kind], '■ ' + LOSS_NAMES[kind])}: "
                f"{formulas[kind]}"
            )
            caption.setTextFormat(Qt.TextFormat.RichText)
            readout_layout.addWidget(caption)
            readout_layout.addWidget(self.gradient_readouts[kind])
            readout_layout.addWidget(self.loss_readouts[kind])
        readout_layout.addWidget(self.ratio)
        gradients = group("Gradient at z₀", readouts)
        race = group(
            f"Race: descent from z₀ until loss < {THRESHOLD:g}",
            self.lr_control,
            self.speed,
            self.playback,
            self.step_label,
            *(self.race_readouts[kind] for kind in LOSS_KINDS),
            *(self.counts[kind] for kind in LOSS_KINDS),
        )
        self.column = controls_column("binary_controls", inspect, gradients, race)
        self.plots = BinaryPlots()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.column)
        layout.addWidget(self.plots, 1)
        self.z_control.value_changed.connect(self.set_z0)
        self.y_combo.currentIndexChanged.connect(
            lambda index: self.set_y(int(self.y_combo.itemData(index)))
        )
        self.lr_control.value_changed.connect(self.set_learning_rate)
        self.speed.currentIndexChanged.connect(
            lambda index: self.set_speed(int(self.speed.itemData(index)))
        )

    # controls → state -------------------------------------------------------

    def set_z0(self, z0: float) -> None:
        """Inspect a new logit and restart the race from it."""
        self.z0 = float(z0)
        self._dirty.add("inspect")
        self._restart_race()

    def set_y(self, y: int) -> None:
        """Switch the label; the curves, readouts and race follow."""
        if y not in (0, 1):
            raise ValueError(f"y must be 0 or 1, got {y!r}")
        if y == self.label:
            return
        self.label = y
        self.curves = sigmoid_loss_curves(y)
        self._dirty.update(("curves", "inspect"))
        self._restart_race()

    def set_learning_rate(self, lr: float) -> None:
        """A new learning rate restarts the race (and the counts)."""
        self.lr = float(lr)
        self._restart_race()

    def set_speed(self, steps: int) -> None:
        """Steps per frame while playing (fixed, whatever the CPU)."""
        self.steps_per_tick = int(steps)

    def _restart_race(self) -> None:
        self.pause()
        self.start = {
            kind: start_sigmoid_descent(kind, self.z0, self.label, self.lr)
            for kind in LOSS_KINDS
        }
        self.race = dict(self.start)
        self._dirty.update(("race", "counts", "controls"))
        self.counter.start(self.z0, self.label, self.lr)
        self.request_draw()

    def _counts_changed(self) -> None:
        self._dirty.add("counts")
        self.request_draw()

    def plot_widgets(self) -> list[QWidget]:
        """The widgets holding this page's plots (each has ``plot_items()``)."""
        return [self.plots]

    # the page protocol ----------------------------------------------------

    def advance(self, steps: int) -> bool:
        """``steps`` more steps for both racers; False once both have arrived."""
        was_finished = self.finished()
        self.race = {
            kind: run_sigmoid_descent(state, steps) for kind, state in self.race.items()
        }
        self._dirty.add("race")
        self.draw()
        if self.step >= RACE_LIMIT:
            return False
        return was_finished or not self.finished()

    @property
    def step(self) -> int:
        """Steps the racers have taken."""
        return next(iter(self.race.values())).step

    def finished(self) -> bool:
        """True when both racers' losses are below the threshold."""
        return all(state.loss < THRESHOLD for state in self.race.values())

    def reset(self) -> None:
        """Put both racers back at z₀."""
        super().reset()
        self._restart_race()

    def settings(self) -> dict[str, Any]:
        """z₀, y and the learning rate (see core.session.PANEL_SETTINGS)."""
        return {"z0": self.z0, "y": float(self.label), "learning_rate": self.lr}

    def apply_settings(self, settings: dict[str, Any]) -> None:
        """Take z₀, y and the learning rate (defaults for the keys left out)."""
        self.pause()
        y = round(float(settings.get("y", 1)))
        self.set_y(y)
        self.z0 = float(settings.get("z0", DEFAULT_SIGMOID_START))
        self.lr = float(settings.get("learning_rate", DEFAULT_SIGMOID_LR))
        self._dirty.update(("inspect", "controls"))
        self._restart_race()
        self.draw()  # the controls show the settings at once

    # views ------------------------------------------------------------------

    def draw(self) -> None:
        """Redraw what changed since the last draw."""
        dirty, self._dirty = self._dirty, set()
        if "controls" in dirty:
            self._show_controls()
        if "curves" in dirty:
            self.plots.show_curves(self.curves)
        if "inspect" in dirty:
            self._show_inspection()
        if "race" in dirty:
            self._show_race()
        if "counts" in dirty or "race" in dirty:
            self._show_counts()

    def _show_controls(self) -> None:
        self.z_control.show_value(self.z0)
        self.lr_control.show_value(self.lr)
        index = self.y_combo.findData(self.label)
        if self.y_combo.currentIndex() != index:
            with QSignalBlocker(self.y_combo):
                self.y_combo.setCurrentIndex(index)

    def _show_inspection(self) -> None:
        losses = {kind: state.loss for kind, state in self.start.items()}
        grads = {kind: state.gradient for kind, state in self.start.items()}
        probability = self.start["cross_entropy"].probability
        set_text(
            self.probability,
            f"σ(z₀) = {number_text(probability)}: the output's probability of "
            f"class 1; the label says {self.label}.",
        )
        for kind in LOSS_KINDS:
            set_text(self.gradient_readouts[kind], number_text(grads[kind]))
            unit = " nats" if kind == "cross_entropy" else " (no unit)"
            set_text(
                self.loss_readouts[kind], f"loss {number_text(losses[kind])}{unit}"
            )
        ce, se = abs(grads["cross_entropy"]), abs(grads["squared_error"])
        if se > 0 and math.isfinite(ce / se):
            ratio = f"{ce / se:,.0f}×" if ce / se >= 10 else f"{ce / se:.2f}×"
            text = f"Cross-entropy's gradient is <b>{ratio}</b> squared error's here."
        else:
            text = "Squared error's gradient is 0 here: no learning at all."
        set_text(self.ratio, text)
        self.plots.show_z0(self.z0, losses, grads)

    def _show_race(self) -> None:
        set_text(self.step_label, f"step {self.step:,}")
        for kind, state in self.race.items():
            name = coloured(LOSS_COLOURS[kind], f"■ {LOSS_NAMES[kind]}")
            set_text(
                self.race_readouts[kind],
                f"{name}: z = {number_text(state.z, 3)}, "
                f"loss {number_text(state.loss)}",
            )
        self.plots.show_race(self.race)

    def _show_counts(self) -> None:
        for kind in LOSS_KINDS:
            name = LOSS_NAMES[kind].capitalize()
            if kind in self.counter.results:
                count = self.counter.results[kind]
                if count is None:
                    text = f"{name} needs more than {COUNT_LIMIT:,} steps."
                else:
                    arrived = " ✓" if self.step >= count else ""
                    text = (
                        f"{name} needs <b>{count:,}</b> step{'s' if count != 1 else ''}"
                        f"{arrived}"
                    )
            else:
                text = f"{name}: counting… (more than {self.counter.progress(kind):,})"
            set_text(self.counts[kind], text)
