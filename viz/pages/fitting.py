"""Forward against reverse KL: fitting one bump Q to a two-peak target P.

Claim 16 of docs/teaching.md. P lives on K = 60 bins and has two peaks whose
positions, widths and heights the user sets (also while the fits run); Q is
a single discretised Gaussian. Two fits start from the same (μ, σ): one
minimises D(P‖Q) and spreads over both peaks (mode covering), the other
minimises D(Q‖P) and settles on one peak (mode seeking). A random start
(seeded, the seed shown) shows that the reverse fit can land on either peak.

State: a :class:`core.kl_fits.FitsState` in the page's store (P's peaks,
the start, which fits are shown, both fits); :func:`core.kl_fits.derive_fits`
gives the readouts. Reshaping P continues both fits from their current Q
(:func:`core.kl_fits.reshape`).
"""

from __future__ import annotations

import dataclasses
import math
from functools import partial

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QSignalBlocker
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from core._checks import InputError
from core.fitting import DIRECTIONS, KLFitState
from core.i18n import QT_TRANSLATE_NOOP
from core.kl_fits import (
    FitsResults,
    FitsState,
    FitSummary,
    Peaks,
    advance_fits,
    can_advance,
    peaks,
    reshape,
    restart_fits,
    show,
)
from core.numbers import format_count, format_number, format_probability
from core.ranges import FIT_BINS, PEAK_HEIGHT_1, PEAK_POSITION_1, PEAK_WIDTH_1, SEED
from viz import theme
from viz.pages.common import (
    AnimatedPage,
    GrowingRange,
    LabelledSlider,
    big_label,
    controls_column,
    heading,
    number_text,
    slider_scale,
    text_label,
)
from viz.plot_grid import COMPACT_SHAPE, GridItem, PlotGrid
from viz.plotting import Series, StickyRange, style_plot, swatch
from viz.store import Store
from viz.translated import LiveTexts, Retranslating, set_plot_texts
from viz.widgets import group, problem_label, set_text

translate = QCoreApplication.translate

#: The peak sliders span exactly the ranges of core.ranges.
POSITION_SCALE = slider_scale(PEAK_POSITION_1, 2 * (FIT_BINS - 1))
WIDTH_SCALE = slider_scale(PEAK_WIDTH_1, 290)
HEIGHT_SCALE = slider_scale(PEAK_HEIGHT_1, 100)

#: What the "show" box offers, by the value of the ``direction`` setting
#: (in English; :func:`shown_text` gives the language in use).
SHOWN = {
    "both": QT_TRANSLATE_NOOP("FittingPage", "Both fits side by side"),
    "forward": QT_TRANSLATE_NOOP("FittingPage", "Forward fit only"),
    "reverse": QT_TRANSLATE_NOOP("FittingPage", "Reverse fit only"),
}
#: The "both" entry where the page has no room for the two side by side and
#: shows them in turn (a small projector in lecture type): "side by side"
#: stood above a page showing one fit.
BOTH_IN_TURN = QT_TRANSLATE_NOOP("FittingPage", "Both fits, one at a time")

TITLES = {
    "forward": QT_TRANSLATE_NOOP(
        "FittingPage", "Forward KL: minimise D(P‖Q), mode covering"
    ),
    "reverse": QT_TRANSLATE_NOOP(
        "FittingPage", "Reverse KL: minimise D(Q‖P), mode seeking"
    ),
}


def mass_text(mass: float) -> str:
    """A share of Q's mass to two significant digits: 0.88, 0.083, 5.3×10⁻⁵.

    Never "0.00" beside a finite D(P‖Q) (a mass of 0 where P > 0 would make
    it ∞), nor "1.00" for a mass short of 1 (then as many 9s as it takes).
    The page had "0.88" beside "8.344×10⁻²".
    """
    if mass <= 0.0 or mass >= 0.1:
        return format_probability(mass, 2)
    if float(f"{mass:.2g}") >= 0.1:  # 0.0996 to two digits: 0.10, not 0.100
        return format_number(0.1, decimals=2)
    decimals = min(3, 1 - math.floor(math.log10(mass)))
    return format_number(mass, decimals=decimals, significant=2)


def shown_text(key: str, in_turn: bool = False) -> str:
    """An entry of the "show" box, in the language in use.

    ``in_turn``: the page shows the two fits one at a time, for lack of room.
    """
    if key == "both" and in_turn:
        return translate("FittingPage", BOTH_IN_TURN)  # i18n: variable
    return translate("FittingPage", SHOWN[key])  # i18n: variable (SHOWN)


def title_text(direction: str) -> str:
    """A fit's title, in the language in use."""
    return translate("FittingPage", TITLES[direction])  # i18n: variable (TITLES)


#: key, caption, accessible name, scale, decimals (texts in English: see
#: :func:`peak_texts`).
PEAK_CONTROLS = (
    ("position_1", "peak 1 at", "Position of peak 1, in bins", POSITION_SCALE, 1),
    ("position_2", "peak 2 at", "Position of peak 2, in bins", POSITION_SCALE, 1),
    ("width_1", "width 1", "Width of peak 1, in bins", WIDTH_SCALE, 2),
    ("width_2", "width 2", "Width of peak 2, in bins", WIDTH_SCALE, 2),
    ("height_1", "height 1", "Height of peak 1", HEIGHT_SCALE, 2),
    ("height_2", "height 2", "Height of peak 2", HEIGHT_SCALE, 2),
)


def peak_texts(key: str) -> tuple[str, str]:
    """A peak slider's caption and accessible name, in the language in use."""
    what, peak = key.split("_")
    if what == "position":
        return (
            translate("FittingPage", "peak {peak} at").format(peak=peak),
            translate("FittingPage", "Position of peak {peak}, in bins").format(
                peak=peak
            ),
        )
    if what == "width":
        return (
            translate("FittingPage", "width {peak}").format(peak=peak),
            translate("FittingPage", "Width of peak {peak}, in bins").format(peak=peak),
        )
    return (
        translate("FittingPage", "height {peak}").format(peak=peak),
        translate("FittingPage", "Height of peak {peak}").format(peak=peak),
    )


class FitView(Retranslating, QWidget):
    """One fit: its title, both divergences, P and Q, and its loss against step."""

    def __init__(self, direction: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.direction = direction
        self.texts = LiveTexts()
        self.setObjectName(f"fitting_{direction}_view")
        title = heading("")
        self.kl_pq = big_label(f"fitting_{direction}_kl_pq", "")
        self.kl_qp = big_label(f"fitting_{direction}_kl_qp", "")
        self.details = text_label(f"fitting_{direction}_details", "")
        self.fit_widget = pg.PlotWidget(enableMenu=False)
        self.fit_widget.setObjectName(f"fitting_{direction}_plot")
        plot = self.fit_widget.getPlotItem()
        style_plot(plot, "", "", "")
        self.p_bars = Series(plot, theme.TARGET_COLOUR, 0.0, 0.8, "P")
        self.q_line = plot.plot(pen=pg.mkPen(theme.MODEL_COLOUR, width=3))
        plot.setXRange(-0.6, FIT_BINS - 0.4, padding=0)
        self.fit_range = StickyRange(plot)
        self.loss_widget = pg.PlotWidget(enableMenu=False)
        self.loss_widget.setObjectName(f"fitting_{direction}_loss_plot")
        loss_plot = self.loss_widget.getPlotItem()
        style_plot(loss_plot, "", "", "")
        self.loss_curve = loss_plot.plot(pen=pg.mkPen(theme.MODEL_COLOUR, width=2))
        # Where the fit is now: a resumed fit whose way there is unknown (P
        # was reshaped on it) has one loss, which a line alone never shows.
        self.loss_now = loss_plot.plot(
            pen=None,
            symbol="o",
            symbolSize=7,
            symbolPen=None,
            symbolBrush=pg.mkBrush(theme.MODEL_COLOUR),
        )
        self.loss_range = StickyRange(loss_plot)
        self.step_range = GrowingRange(loss_plot, minimum=50.0)
        self._register_texts(title, plot, loss_plot)
        readouts = QGridLayout()
        readouts.setVerticalSpacing(0)
        for column, (symbol, label) in enumerate(
            (("D(P‖Q)", self.kl_pq), ("D(Q‖P)", self.kl_qp))
        ):
            fitted = column == (0 if direction == "forward" else 1)
            caption = QLabel()
            self.texts.set(caption, partial(_caption, symbol, fitted))
            caption.setWordWrap(True)
            readouts.addWidget(caption, 0, column)
            readouts.addWidget(label, 1, column)
        self.header = QWidget()
        header = QVBoxLayout(self.header)
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(title)
        header.addLayout(readouts)
        header.addWidget(self.details)
        self.plots = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.plots.addWidget(self.fit_widget, 1)
        self.plots.addWidget(self.loss_widget, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.header)
        layout.addLayout(self.plots, 1)
        for widget in (self.fit_widget, self.loss_widget):
            widget.setMinimumSize(120, 80)
            widget.setSizePolicy(
                QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding
            )

    def extra_height(self) -> int:
        """The heading and readouts above the plots (for the page's grid)."""
        return self.header.sizeHint().height() + 8

    def set_shape(self, shape: int) -> None:
        """0: P and Q over the loss; 1: side by side; 2: P and Q alone.

        Shape 2 is for a small projector: both fits side by side without
        their loss curves, where the page would otherwise show one at a time.
        """
        self.plots.setDirection(
            QBoxLayout.Direction.LeftToRight
            if shape == 1
            else QBoxLayout.Direction.TopToBottom
        )
        compact = shape == COMPACT_SHAPE
        if self.loss_widget.isVisibleTo(self) == compact or not self._shaped:
            self._shaped = True
            self.loss_widget.setVisible(not compact)

    _shaped = False

    def plot_items(self) -> list[pg.PlotItem]:
        """The plots inside this widget (for styling and export)."""
        return [self.fit_widget.getPlotItem(), self.loss_widget.getPlotItem()]

    def _register_texts(
        self, title: QLabel, plot: pg.PlotItem, loss_plot: pg.PlotItem
    ) -> None:
        direction = self.direction
        minimised = "D(P‖Q)" if direction == "forward" else "D(Q‖P)"
        texts = self.texts
        texts.set(self, partial(title_text, direction), "setAccessibleName")
        texts.set(title, partial(title_text, direction))
        texts.set(
            self.kl_pq,
            lambda: translate("FitView", "D(P‖Q) of this fit"),
            "setAccessibleName",
        )
        texts.set(
            self.kl_qp,
            lambda: translate("FitView", "D(Q‖P) of this fit"),
            "setAccessibleName",
        )
        texts.set(
            self.details,
            lambda: translate("FitView", "μ, σ and masses"),
            "setAccessibleName",
        )
        texts.call(
            lambda: set_plot_texts(
                plot,
                translate("FitView", "{p} and {q} (one Gaussian bump)").format(
                    p=swatch(theme.TARGET_COLOUR, "P"),
                    q=swatch(theme.MODEL_COLOUR, "Q"),
                ),
                translate("FitView", "bin"),
                translate("FitView", "probability"),
            )
        )
        texts.call(
            lambda: set_plot_texts(
                loss_plot,
                translate("FitView", "{divergence} vs step").format(
                    divergence=swatch(theme.MODEL_COLOUR, minimised)
                ),
                translate("FitView", "step since P last changed"),
                translate("FitView", "{divergence} (nats)").format(
                    divergence=minimised
                ),
            )
        )

    def show_fit(self, state: KLFitState, summary: FitSummary) -> None:
        """Draw P, Q, the loss history and the readouts of ``state``."""
        p, q = np.asarray(state.target), np.asarray(state.model)
        self.p_bars.set_values(p)
        self.q_line.setData(np.arange(q.size, dtype=np.float64), q)
        self.fit_range.fit(0.0, float(max(p.max(), q.max())))
        history = np.asarray(state.loss_history)
        steps = np.arange(state.history_start, state.step + 1, dtype=np.float64)
        self.loss_curve.setData(steps, history)
        self.loss_now.setData([float(state.step)], [float(history[-1])])
        self.step_range.fit(0.0, float(state.step))
        self.loss_range.fit(0.0, float(np.max(history)))
        nats = translate("FitView", "{value} nats")
        set_text(
            self.kl_pq, nats.format(value=number_text(summary.divergences.forward, 3))
        )
        set_text(
            self.kl_qp, nats.format(value=number_text(summary.divergences.reverse, 3))
        )
        if summary.masses is not None:
            one, two = (mass_text(m) for m in summary.masses)
            if summary.halfway > 0:
                # 0.88 and 0.083 summed to 0.963: the rest is on the bin
                # half-way, which counts for neither peak.
                masses = translate(
                    "FitView",
                    "Q's mass near peak 1: <b>{one}</b>, near peak 2: <b>{two}</b>, "
                    "on the bin half-way: <b>{half}</b>",
                ).format(one=one, two=two, half=mass_text(summary.halfway))
            else:
                masses = translate(
                    "FitView",
                    "Q's mass near peak 1: <b>{one}</b>, near peak 2: <b>{two}</b>",
                ).format(one=one, two=two)
        else:
            masses = translate("FitView", "The peaks coincide: P has one peak.")
        if state.converged:
            status = translate("FitView", "converged")
        else:
            status = translate("FitView", "step {step}").format(
                step=format_count(state.step)
            )
        set_text(
            self.details,
            translate(
                "FitView", "μ = {mu}, σ = {sigma} bins · {status}<br>{masses}"
            ).format(
                mu=number_text(state.mu, 3),
                sigma=number_text(state.sigma, 3),
                status=status,
                masses=masses,
            ),
        )


def _caption(symbol: str, fitted: bool) -> str:
    """A divergence's caption above its readout: minimised or not."""
    if fitted:
        return translate("FitView", "{divergence}, <b>minimised</b>").format(
            divergence=symbol
        )
    return translate("FitView", "{divergence}, not fitted").format(divergence=symbol)


def _note(text: str) -> QLabel:
    """A line of advice that wraps rather than widening the controls."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class FittingPage(AnimatedPage):
    """The "fitting" page (see the module docstring)."""

    steps_per_tick = 1
    store: Store[FitsState, FitsResults]

    def __init__(
        self, store: Store[FitsState, FitsResults], parent: QWidget | None = None
    ) -> None:
        super().__init__(
            store, "fitting", translate("FittingPage", "both fits"), parent
        )
        #: P's shape when a refusal was shown: the message holds until it changes.
        self._kept_peaks: Peaks | None = None
        self._build()
        store.state_changed.connect(self._state_changed)
        store.results_ready.connect(self.show_results)
        self._state_changed(store.state)
        if store.results_state is not store.state:
            store.derive_now()
        elif store.results is not None:
            self.show_results(store.results)

    # layout -----------------------------------------------------------------

    def _build(self) -> None:
        self.step_label = text_label("fitting_step_label", "", wrap=False)
        self.restart = QPushButton()
        self.restart.setObjectName("fitting_restart_button")
        self.default_start = QPushButton()
        self.default_start.setObjectName("fitting_default_start_button")
        starts = QWidget()
        starts_layout = QHBoxLayout(starts)
        starts_layout.setContentsMargins(0, 0, 0, 0)
        starts_layout.addWidget(self.restart)
        starts_layout.addWidget(self.default_start)
        self.start_label = text_label("fitting_start_label", "")
        self.show_combo = QComboBox()
        self.show_combo.setObjectName("fitting_show_combo")
        for key in SHOWN:
            self.show_combo.addItem("", key)
        self.peak_controls = {
            key: LabelledSlider(f"fitting_{key}", "", "", scale, "00.00", decimals)
            for key, _, _, scale, decimals in PEAK_CONTROLS
        }
        self.default_peaks = QPushButton()
        self.default_peaks.setObjectName("fitting_peaks_reset_button")
        self._button_texts()
        self.problem = problem_label("fitting_problem")
        #: The shape refused last, worded again on a change of language.
        self._refusal: ValueError | None = None
        self.texts.call(self._word_refusal, self.problem)
        self.peaks_note = _note("")
        self.texts.set(
            self.peaks_note,
            lambda: translate("FittingPage", "Change them while it runs."),
        )
        column = controls_column(
            "fitting_controls",
            group(
                translate("FittingPage", "Gradient descent on (μ, log σ)"),
                self.playback,
                self.step_label,
                starts,
                self.start_label,
                self.show_combo,
            ),
            group(
                "",
                self.peaks_note,
                *self.peak_controls.values(),
                self.default_peaks,
            ),
            self.problem,
        )
        self.views = {direction: FitView(direction) for direction in DIRECTIONS}
        self._group_texts()
        # Each fit stacks its P-and-Q plot over its loss, or puts them side by
        # side in a short, wide cell; on a narrow projector, one fit at a time.
        self.plot_grid = PlotGrid(
            [
                GridItem(
                    direction, view, 1.0, 2, alternative=(2.0, 1), compact=(1.0, 1)
                )
                for direction, view in self.views.items()
            ],
            name="fitting_plots",
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(column)
        layout.addWidget(self.plot_grid, 1)
        self.restart.clicked.connect(self.restart_random)
        self.default_start.clicked.connect(lambda: self.set_seed(None))
        self.default_peaks.clicked.connect(lambda: self.set_peaks(Peaks()))
        self.show_combo.currentIndexChanged.connect(
            lambda index: self.set_shown(str(self.show_combo.itemData(index)))
        )
        self.plot_grid.shown_changed.connect(self._word_both)
        for key, control in self.peak_controls.items():
            control.value_changed.connect(
                lambda value, key=key: self.set_peak_value(key, value)
            )
            self.bind_drag(control.slider)

    def plot_widgets(self) -> list[QWidget]:
        """The widgets holding this page's plots (each has ``plot_items()``)."""
        return list(self.views.values())

    def _button_texts(self) -> None:
        """The controls' texts, set again on every language change."""
        texts = self.texts
        texts.call(
            lambda: self.playback.set_what(translate("FittingPage", "both fits"))
        )
        texts.set(self.restart, lambda: translate("FittingPage", "New random start"))
        texts.set(
            self.restart,
            lambda: translate(
                "FittingPage", "Restart both fits from a new random start"
            ),
            "setAccessibleName",
        )
        texts.set(
            self.restart,
            lambda: translate(
                "FittingPage", "The next seed: the start is reproducible"
            ),
            "setToolTip",
        )
        texts.set(self.default_start, lambda: translate("FittingPage", "Default start"))
        texts.set(
            self.default_start,
            lambda: translate(
                "FittingPage", "Restart both fits from the default start"
            ),
            "setAccessibleName",
        )
        texts.set(self.default_peaks, lambda: translate("FittingPage", "Default peaks"))
        texts.set(
            self.default_peaks,
            lambda: translate(
                "FittingPage", "Put P's peaks back to their default shape"
            ),
            "setAccessibleName",
        )
        texts.set(
            self.show_combo,
            lambda: translate("FittingPage", "Which fits to show"),
            "setAccessibleName",
        )
        texts.set(
            self.step_label,
            lambda: translate("FittingPage", "Steps taken"),
            "setAccessibleName",
        )
        texts.set(
            self.start_label,
            lambda: translate("FittingPage", "Where both fits start"),
            "setAccessibleName",
        )
        texts.call(self._combo_and_slider_texts)

    def _group_texts(self) -> None:
        """The titles of the column's groups (found through what they hold)."""
        descent = self.playback.parentWidget()
        if isinstance(descent, QGroupBox):
            self.texts.set(
                descent,
                lambda: translate("FittingPage", "Gradient descent on (μ, log σ)"),
                "setTitle",
            )
        peaks = self.peaks_note.parentWidget()
        if isinstance(peaks, QGroupBox):
            self.texts.set(
                peaks,
                lambda: translate("FittingPage", "Target P: two peaks"),
                "setTitle",
            )

    #: True while the grid shows both fits one at a time (see BOTH_IN_TURN).
    _both_in_turn = False

    def _word_both(self, shown: tuple[str, ...]) -> None:
        """Say in the "show" box whether "both" stand side by side or in turn."""
        if self.store.state.shown != "both":
            return  # one fit on show says nothing about room for two
        in_turn = len(shown) < len(DIRECTIONS)
        if in_turn != self._both_in_turn:
            self._both_in_turn = in_turn
            index = self.show_combo.findData("both")
            self.show_combo.setItemText(index, shown_text("both", in_turn))

    def _combo_and_slider_texts(self) -> None:
        for index, key in enumerate(SHOWN):
            self.show_combo.setItemText(index, shown_text(key, self._both_in_turn))
        for key, control in self.peak_controls.items():
            control.set_texts(*peak_texts(key))

    # controls → state -------------------------------------------------------

    def restart_random(self) -> None:
        """Restart both fits from the next seed's random start (after the last, 0)."""
        seed = self.store.state.seed
        self.set_seed(0 if seed is None or seed >= SEED.high else seed + 1)

    def set_seed(self, seed: int | None) -> None:
        """Restart both fits from the seed's start (None: the default start)."""
        self.pause()
        self.store.set_state(restart_fits(self.store.state, seed=seed))

    def set_shown(self, shown: str) -> None:
        """Show both fits, or only one."""
        self.store.set_state(show(self.store.state, shown))

    def set_peak_value(self, key: str, value: float) -> None:
        """Reshape one peak of P; both fits continue from their current Q."""
        values = dataclasses.asdict(self.store.state.peaks)
        values[key] = float(value)
        try:
            shape = peaks(**values)
        except ValueError as error:
            self._refuse(error)
            return
        self.set_peaks(shape)

    def set_peaks(self, shape: Peaks) -> None:
        """Give P a new shape (refused, with a message, if it is impossible)."""
        try:
            self.store.set_state(reshape(self.store.state, shape))
        except ValueError as error:
            self._refuse(error)
            return
        self._show_problem("")

    def _refuse(self, error: ValueError) -> None:
        self._refusal = error
        self._word_refusal()
        self._kept_peaks = self.store.state.peaks
        self._show_peak_controls(self.store.state.peaks)

    def _word_refusal(self) -> None:
        if self._refusal is not None:
            self._show_problem(refusal_text(self._refusal))

    def _show_problem(self, text: str) -> None:
        if not text:
            self._kept_peaks = None
            self._refusal = None
        set_text(self.problem, text)
        self.problem.setVisible(bool(text))

    def _show_peak_controls(self, shape: Peaks) -> None:
        for key, control in self.peak_controls.items():
            control.show_value(getattr(shape, key))

    # the page protocol ----------------------------------------------------

    def advanced(self, state: FitsState, steps: int) -> FitsState:
        """Both fits ``steps`` further."""
        return advance_fits(state, steps)

    def can_advance(self, state: FitsState) -> bool:
        """Until both have converged."""
        return can_advance(state)

    def restarted(self, state: FitsState) -> FitsState:
        """Both fits at the start again, towards the current P."""
        return restart_fits(state)

    def converged(self) -> bool:
        """True when both fits have converged."""
        return self.store.state.converged

    @property
    def fits(self) -> dict[str, KLFitState]:
        """Both fits' states, by direction."""
        return dict(zip(DIRECTIONS, self.store.state.fits, strict=True))

    @property
    def seed(self) -> int | None:
        """The random start's seed (None: the default start)."""
        return self.store.state.seed

    @property
    def step(self) -> int:
        """Steps since the last start or reshaping of P."""
        return self.store.state.step

    # state → controls, results → views ------------------------------------

    def _state_changed(self, state: FitsState) -> None:
        if self._kept_peaks is not None and state.peaks != self._kept_peaks:
            self._show_problem("")  # "P keeps its last shape" no longer holds
        self._show_peak_controls(state.peaks)
        for direction in self.views:
            self.plot_grid.set_hidden(direction, state.shown not in ("both", direction))
        # The grid may show the same one fit as before ("forward" only, then
        # "both" with no room for two): no shown_changed, so worded here.
        self._word_both(self.plot_grid.shown)
        index = self.show_combo.findData(state.shown)
        if self.show_combo.currentIndex() != index:
            with QSignalBlocker(self.show_combo):
                self.show_combo.setCurrentIndex(index)

    def show_results(self, results: FitsResults) -> None:
        """Every view from the derived results."""
        state = results.state
        step = format_count(state.step)
        if state.converged:
            steps = translate("FittingPage", "step {step} · both converged")
        else:
            steps = translate("FittingPage", "step {step}")
        set_text(self.step_label, steps.format(step=step))
        if state.seed is None:
            where = translate("FittingPage", "default start")
        else:
            where = translate("FittingPage", "random start, <b>seed {seed}</b>").format(
                seed=state.seed
            )
        mu = results.start[0]
        set_text(
            self.start_label,
            translate(
                "FittingPage", "Both fits: {where}: μ = {mu}, σ = {sigma} bins."
            ).format(
                where=where,
                mu=number_text(mu, 3),
                sigma=number_text(results.start_sigma, 3),
            ),
        )
        for direction, fit, summary in zip(
            DIRECTIONS, state.fits, results.summaries, strict=True
        ):
            self.views[direction].show_fit(fit, summary)


def refusal_text(error: ValueError) -> str:
    """Why P keeps its last shape, in the language in use.

    The one refusal the sliders can reach (both heights at 0) is worded from
    the error's fields; any other quotes the core's English message.
    """
    if isinstance(error, InputError) and error.reason == "no_height":
        return translate(
            "FittingPage",
            "P keeps its last shape: one of its two peaks must have a height above "
            "0. Raise {first} or {second}.",
        ).format(first=peak_texts("height_1")[0], second=peak_texts("height_2")[0])
    return translate("FittingPage", "P keeps its last shape: {error}.").format(
        error=error
    )
