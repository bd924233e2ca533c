"""Vanishing gradients: one sigmoid output trained with squared error or cross-entropy.

Claims 13 and 14 of docs/teaching.md. The top plots show both losses and their
gradient magnitudes over z ∈ [−10, 10] for the chosen label, with the
inspected logit z₀ marked and both gradients read out in large text. The
race below starts gradient descent at z₀ for both losses with the same
learning rate: cross-entropy recovers from a confidently wrong output in a
few steps while squared error crawls, because its gradient carries the
vanishing factor σ(z)(1 − σ(z)).

State: a :class:`core.race.RaceState` in the page's store (z₀, y, the
learning rate and both racers); :func:`core.race.derive_race` gives what the
page draws. The steps each loss needs are counted for half a frame per
pass of the event loop (:class:`ReachCounter`), from the state's settings,
never from its step.
"""

from __future__ import annotations

import math
import time
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from core.numbers import (
    format_count,
    format_fixed,
    format_probability,
    format_unit_bounded,
)
from core.race import (
    COUNT_LIMIT,
    THRESHOLD,
    RaceResults,
    RaceState,
    ReachCount,
    advance_race,
    can_advance,
    count_further,
    restart_race,
    start_count,
    with_speed,
)
from core.ranges import RACE_LEARNING_RATE, RACE_SPEEDS, RACE_Z0
from core.training import LOSS_KINDS, SigmoidDescentState, SigmoidLossCurves
from viz import theme
from viz.pages.common import (
    LOSS_COLOURS,
    AnimatedPage,
    GrowingRange,
    LabelledSlider,
    LogRange,
    big_label,
    coloured,
    controls_column,
    loss_name,
    loss_title,
    number_text,
    positive,
    slider_scale,
    text_label,
)
from viz.plot_grid import GridItem, PlotGrid
from viz.plotting import style_plot, swatch
from viz.store import Store
from viz.translated import LiveTexts, Retranslating, set_plot_texts
from viz.widgets import group, set_text

translate = QCoreApplication.translate


#: Steps the counter takes at a time: about 10 ms of a slow machine's time.
COUNT_CHUNK = 50

#: Seconds of counting per pass of the event loop: half a frame, so a count
#: of 150,000 steps (a small learning rate) never makes the window stutter.
COUNT_BUDGET = 0.008

_KIND_SHORT = {"cross_entropy": "ce", "squared_error": "se"}


class ReachCounter(QObject):
    """How many steps each loss needs to get below the threshold.

    Counted in chunks (:func:`core.race.count_further`) for at most
    :data:`COUNT_BUDGET` per pass of the event loop, so a long count never
    blocks; started afresh whenever z₀, y or the learning rate change, never
    per frame.
    """

    counted = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.counts: dict[str, ReachCount] = {}
        self._key: tuple[float, int, float] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._work)

    @property
    def results(self) -> dict[str, int | None]:
        """The finished counts by loss kind (None: more than the limit)."""
        return {kind: c.steps for kind, c in self.counts.items() if c.done}

    @property
    def done(self) -> bool:
        """True once every loss has its count."""
        return all(count.done for count in self.counts.values())

    def progress(self, kind: str) -> int:
        """Steps checked so far for a loss."""
        return self.counts[kind].progress

    def follow(self, state: RaceState) -> None:
        """Count for ``state``'s start, unless that is already being counted."""
        key = (state.z0, state.label, state.learning_rate)
        if key == self._key:
            return
        self._key = key
        self.counts = {kind: start_count(kind, state) for kind in LOSS_KINDS}
        if self.done:
            self._timer.stop()
        else:
            self._timer.start()
        self.counted.emit()

    def _work(self) -> None:
        began = time.perf_counter()
        while not self.done and time.perf_counter() - began < COUNT_BUDGET:
            kind = next(k for k, count in self.counts.items() if not count.done)
            self.counts[kind] = count_further(self.counts[kind], COUNT_CHUNK)
        if self.done:
            self._timer.stop()
        self.counted.emit()


def _both_losses() -> str:
    """Both losses' names, each in its colour (a title that is its own legend)."""
    return translate("BinaryPlots", "{cross_entropy} and {squared_error}").format(
        cross_entropy=swatch(LOSS_COLOURS["cross_entropy"], loss_name("cross_entropy")),
        squared_error=swatch(LOSS_COLOURS["squared_error"], loss_name("squared_error")),
    )


class BinaryPlots(Retranslating, QWidget):
    """Loss and |dL/dz| against z, and the race's loss against step.

    Every item is created once; :meth:`show_curves`, :meth:`show_z0` and
    :meth:`show_race` only call ``setData``/``setValue``.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = LiveTexts()
        self.loss_widget = pg.PlotWidget(enableMenu=False)
        self.loss_widget.setObjectName("binary_loss_plot")
        self.loss_plot = self.loss_widget.getPlotItem()
        style_plot(self.loss_plot, "", "", "")
        self.grad_widget = pg.PlotWidget(enableMenu=False)
        self.grad_widget.setObjectName("binary_gradient_plot")
        self.grad_plot = self.grad_widget.getPlotItem()
        style_plot(self.grad_plot, "", "", "")
        self.grad_plot.setLogMode(x=False, y=True)
        self.race_widget = pg.PlotWidget(enableMenu=False)
        self.race_widget.setObjectName("binary_race_plot")
        self.race_plot = self.race_widget.getPlotItem()
        style_plot(self.race_plot, "", "", "")
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
        self.threshold_text = pg.TextItem("", color="#555555", anchor=(1, 1))
        self.race_plot.addItem(self.threshold_text)
        self.grad_range = LogRange(self.grad_plot)
        self.race_range = LogRange(self.race_plot)
        self.race_x = GrowingRange(self.race_plot, minimum=20.0)
        self.loss_plot.disableAutoRange(axis="y")
        # The two curves side by side over the race, or fewer at a time.
        self.plot_grid = PlotGrid(
            [
                GridItem(widget.objectName(), widget)
                for widget in (self.loss_widget, self.grad_widget, self.race_widget)
            ],
            name="binary_plots",
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_grid)
        self.texts.call(self._set_titles)

    def _set_titles(self) -> None:
        both = _both_losses()
        set_plot_texts(
            self.loss_plot,
            translate("BinaryPlots", "Loss vs z: {losses} (CE in nats)").format(
                losses=both
            ),
            translate("BinaryPlots", "logit z"),
            translate("BinaryPlots", "loss"),
        )
        set_plot_texts(
            self.grad_plot,
            translate(
                "BinaryPlots", "|dL/dz| vs z (log scale): squared error vanishes"
            ),
            translate("BinaryPlots", "logit z"),
            translate("BinaryPlots", "|dL/dz|"),
        )
        set_plot_texts(
            self.race_plot,
            translate(
                "BinaryPlots", "Race from z₀: loss vs step ({losses}), log scale"
            ).format(losses=both),
            translate("BinaryPlots", "gradient-descent step"),
            translate("BinaryPlots", "loss"),
        )
        self.threshold_text.setText(
            translate("BinaryPlots", "loss = {threshold}").format(
                threshold=f"{THRESHOLD:g}"
            )
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

    store: Store[RaceState, RaceResults]

    def __init__(
        self, store: Store[RaceState, RaceResults], parent: QWidget | None = None
    ) -> None:
        super().__init__(store, "binary", translate("BinaryPage", "the race"), parent)
        self.counter = ReachCounter(self)
        self._build()
        self.counter.counted.connect(self._show_counts)
        store.state_changed.connect(self._state_changed)
        store.results_ready.connect(self.show_results)
        self._state_changed(store.state)
        if store.results is None or store.results_state is not store.state:
            store.derive_now()
        elif store.results is not None:
            self.show_results(store.results)

    # layout -----------------------------------------------------------------

    def _build(self) -> None:
        self.z_control = LabelledSlider(
            "binary_z", "", "", slider_scale(RACE_Z0, 2000), "−10.00", 2
        )
        self.y_combo = QComboBox()
        self.y_combo.setObjectName("binary_y_combo")
        self.y_combo.addItem("y = 0", 0)
        self.y_combo.addItem("y = 1", 1)
        y_row = QWidget()
        y_layout = QHBoxLayout(y_row)
        y_layout.setContentsMargins(0, 0, 0, 0)
        y_caption = QLabel()
        y_caption.setBuddy(self.y_combo)
        y_layout.addWidget(y_caption)
        y_layout.addWidget(self.y_combo, 1)
        self.probability = text_label("binary_probability", "")
        self.gradient_readouts = {
            kind: big_label(f"binary_{_KIND_SHORT[kind]}_gradient", "")
            for kind in LOSS_KINDS
        }
        self.loss_readouts = {
            kind: text_label(f"binary_{_KIND_SHORT[kind]}_loss", "")
            for kind in LOSS_KINDS
        }
        self.ratio = text_label("binary_gradient_ratio", "")
        self.lr_control = LabelledSlider(
            "binary_lr", "", "", slider_scale(RACE_LEARNING_RATE)
        )
        self.speed = QComboBox()
        self.speed.setObjectName("binary_speed_combo")
        for steps in RACE_SPEEDS:
            self.speed.addItem("", steps)
        self.step_label = text_label("binary_step_label", "", wrap=False)
        self.race_readouts = {
            kind: text_label(f"binary_{_KIND_SHORT[kind]}_race", "")
            for kind in LOSS_KINDS
        }
        self.counts = {
            kind: text_label(f"binary_{_KIND_SHORT[kind]}_count", "")
            for kind in LOSS_KINDS
        }
        inspect = group("", self.z_control, y_row, self.probability)
        readouts = QWidget()
        readout_layout = QVBoxLayout(readouts)
        readout_layout.setContentsMargins(0, 0, 0, 0)
        captions = {}
        for kind in ("squared_error", "cross_entropy"):
            caption = QLabel()
            caption.setTextFormat(Qt.TextFormat.RichText)
            captions[kind] = caption
            readout_layout.addWidget(caption)
            readout_layout.addWidget(self.gradient_readouts[kind])
            readout_layout.addWidget(self.loss_readouts[kind])
        readout_layout.addWidget(self.ratio)
        gradients = group("", readouts)
        race = group(
            "",
            self.lr_control,
            self.speed,
            self.playback,
            self.step_label,
            *(self.race_readouts[kind] for kind in LOSS_KINDS),
            *(self.counts[kind] for kind in LOSS_KINDS),
        )
        texts = self.texts
        texts.call(lambda: self.playback.set_what(translate("BinaryPage", "the race")))
        texts.call(
            lambda: self.z_control.set_texts(
                translate("BinaryPage", "logit z₀"),
                translate("BinaryPage", "Logit z of the sigmoid output"),
            )
        )
        texts.call(
            lambda: self.lr_control.set_texts(
                translate("BinaryPage", "learning rate"),
                translate("BinaryPage", "Learning rate of the race"),
            )
        )
        texts.set(
            self.y_combo,
            lambda: translate("BinaryPage", "Label y, 0 or 1"),
            "setAccessibleName",
        )
        texts.set(y_caption, lambda: translate("BinaryPage", "label y"))
        texts.set(
            self.speed,
            lambda: translate("BinaryPage", "Steps per frame"),
            "setAccessibleName",
        )
        texts.call(self._speed_texts)
        texts.set(
            inspect,
            lambda: translate("BinaryPage", "The output: σ(z) against label y"),
            "setTitle",
        )
        texts.set(
            gradients, lambda: translate("BinaryPage", "Gradient at z₀"), "setTitle"
        )
        texts.set(
            race,
            lambda: translate(
                "BinaryPage", "Race: descent from z₀ until loss < {threshold}"
            ).format(threshold=f"{THRESHOLD:g}"),
            "setTitle",
        )
        texts.call(lambda: self._caption_texts(captions))
        self.column = controls_column("binary_controls", inspect, gradients, race)
        self.plots = BinaryPlots()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.column)
        layout.addWidget(self.plots, 1)
        self.z_control.value_changed.connect(lambda z: self._restart(z0=z))
        self.y_combo.currentIndexChanged.connect(
            lambda index: self._restart(label=int(self.y_combo.itemData(index)))
        )
        self.lr_control.value_changed.connect(
            lambda lr: self._restart(learning_rate=lr)
        )
        for control in (self.z_control, self.lr_control):
            self.bind_drag(control.slider)
        self.speed.currentIndexChanged.connect(
            lambda index: self.set_speed(int(self.speed.itemData(index)))
        )

    def _speed_texts(self) -> None:
        for index, steps in enumerate(RACE_SPEEDS):
            self.speed.setItemText(
                index,
                # self.tr with n: the form lupdate marks as a plural.
                self.tr("%n steps per frame", "", steps),
            )

    def _caption_texts(self, captions: dict[str, QLabel]) -> None:
        formulas = {
            "squared_error": "dL/dz = 2(σ − y)·σ(1 − σ)",
            "cross_entropy": "dL/dz = σ − y",
        }
        for kind, caption in captions.items():
            name = coloured(LOSS_COLOURS[kind], "■ " + loss_name(kind))
            caption.setText(f"{name}: {formulas[kind]}")
        for kind in LOSS_KINDS:
            name = loss_name(kind)
            self.gradient_readouts[kind].setAccessibleName(
                translate("BinaryPage", "dL/dz, {loss}").format(loss=name)
            )
            self.loss_readouts[kind].setAccessibleName(
                translate("BinaryPage", "Loss, {loss}").format(loss=name)
            )
            self.race_readouts[kind].setAccessibleName(
                translate("BinaryPage", "Race, {loss}").format(loss=name)
            )
            self.counts[kind].setAccessibleName(
                translate("BinaryPage", "Steps needed, {loss}").format(loss=name)
            )
        self.probability.setAccessibleName(
            translate("BinaryPage", "Predicted probability")
        )
        self.ratio.setAccessibleName(translate("BinaryPage", "Ratio of the gradients"))
        self.step_label.setAccessibleName(translate("BinaryPage", "Steps taken"))

    # controls → state -------------------------------------------------------

    def _restart(self, **changes: Any) -> None:
        """A new z₀, label or learning rate: the race starts again from z₀."""
        self.pause()
        step = self.store.state.step
        self.store.set_state(restart_race(self.store.state, **changes))
        if step > 0:
            self.said.emit(
                translate(
                    "BinaryPage",
                    "A new setting: the race starts again from z₀ at step 0 "
                    "(Ctrl+Z: back to step {step}).",
                ).format(step=format_count(step))
            )

    def set_speed(self, steps: int) -> None:
        """Steps per frame while playing (the run goes on: no restart)."""
        self.store.set_state(with_speed(self.store.state, steps))

    @property
    def steps_per_tick(self) -> int:  # type: ignore[override]
        """Steps per frame while playing: the state's (saved with a session)."""
        return int(self.store.state.steps_per_frame)

    # the page protocol ----------------------------------------------------

    def advanced(self, state: RaceState, steps: int) -> RaceState:
        """Both racers ``steps`` further."""
        return advance_race(state, steps)

    def can_advance(self, state: RaceState) -> bool:
        """Until both losses are under the threshold (or the step limit)."""
        return can_advance(state)

    def restarted(self, state: RaceState) -> RaceState:
        """Both racers back at z₀."""
        return restart_race(state)

    def plot_widgets(self) -> list[QWidget]:
        """The widgets holding this page's plots (each has ``plot_items()``)."""
        return [self.plots]

    @property
    def step(self) -> int:
        """Steps the racers have taken."""
        return self.store.state.step

    # state → controls, results → views ------------------------------------

    def _state_changed(self, state: RaceState) -> None:
        self.z_control.show_value(state.z0)
        self.lr_control.show_value(state.learning_rate)
        speed = self.speed.findData(state.steps_per_frame)
        if self.speed.currentIndex() != speed:
            with QSignalBlocker(self.speed):
                self.speed.setCurrentIndex(speed)
        index = self.y_combo.findData(state.label)
        if self.y_combo.currentIndex() != index:
            with QSignalBlocker(self.y_combo):
                self.y_combo.setCurrentIndex(index)
        self.counter.follow(state)

    def show_results(self, results: RaceResults) -> None:
        """Draw what the store derived."""
        self.plots.show_curves(results.curves)
        self._show_inspection(results)
        self._show_race(results.state)
        self._show_counts()

    def _show_inspection(self, results: RaceResults) -> None:
        state = results.state
        at_z0 = dict(zip(LOSS_KINDS, results.at_z0, strict=True))
        losses: dict[str, float] = {kind: r.loss for kind, r in at_z0.items()}
        grads: dict[str, float] = {kind: r.gradient for kind, r in at_z0.items()}
        set_text(
            self.probability,
            translate(
                "BinaryPage",
                "σ(z₀) = {probability}: the output's probability of class 1; "
                "the label says {label}.",
            ).format(
                # σ(10) = 0.99995, not "1.0000": a sigmoid is never certain.
                probability=format_probability(results.probability),
                label=state.label,
            ),
        )
        for kind in LOSS_KINDS:
            # |σ − y| < 1 always: "1.0000" read as the bound reached.
            set_text(self.gradient_readouts[kind], format_unit_bounded(grads[kind]))
            if kind == "cross_entropy":
                text = translate("BinaryPage", "loss {value} nats")
            else:
                text = translate("BinaryPage", "loss {value} (no unit)")
            set_text(
                self.loss_readouts[kind], text.format(value=number_text(losses[kind]))
            )
        ratio = results.gradient_ratio
        if math.isfinite(ratio):
            # The × is the sentence's: Chinese says 倍 instead ("1,491× 倍").
            shown = format_fixed(ratio, 0 if ratio >= 10 else 2)
            text = translate(
                "BinaryPage",
                "Cross-entropy's gradient is <b>{ratio}×</b> squared error's here.",
            ).format(ratio=shown)
        else:
            text = translate(
                "BinaryPage", "Squared error's gradient is 0 here: no learning at all."
            )
        set_text(self.ratio, text)
        self.plots.show_z0(state.z0, losses, grads)

    def _show_race(self, state: RaceState) -> None:
        set_text(
            self.step_label,
            translate("BinaryPage", "step {step}").format(
                step=format_count(state.step)
            ),
        )
        for kind, racer in zip(LOSS_KINDS, state.racers, strict=True):
            name = coloured(LOSS_COLOURS[kind], f"■ {loss_name(kind)}")
            set_text(
                self.race_readouts[kind],
                translate("BinaryPage", "{loss}: z = {z}, loss {value}").format(
                    loss=name, z=number_text(racer.z, 3), value=number_text(racer.loss)
                ),
            )
        self.plots.show_race(dict(zip(LOSS_KINDS, state.racers, strict=True)))

    def background_busy(self) -> bool:
        """While the step counts (or the store's derive) are still running."""
        return not self.counter.done or super().background_busy()

    def _show_counts(self) -> None:
        step = self.store.state.step
        for kind in LOSS_KINDS:
            name = loss_title(kind)
            count = self.counter.counts.get(kind)
            if count is None or not count.done:
                done = count.progress if count is not None else 0
                text = translate(
                    "BinaryPage", "{loss}: counting… (more than {done})"
                ).format(loss=name, done=format_count(done))
            elif count.steps is None:
                text = translate(
                    "BinaryPage", "{loss} needs more than {limit} steps."
                ).format(loss=name, limit=format_count(COUNT_LIMIT))
            else:
                steps = count.steps  # a name: lupdate misses "count.steps" here
                text = translate(
                    "BinaryPage", "{loss} needs <b>{count}</b> steps", "", steps
                ).format(loss=name, count=format_count(steps))
                if step >= steps:
                    text += " ✓"
            set_text(self.counts[kind], text)
