"""Forward against reverse KL: fitting one bump Q to a two-peak target P.

Claim 16 of docs/teaching.md. P lives on K = 60 bins and has two peaks whose
positions, widths and heights the user sets (also while the fits run); Q is
a single discretised Gaussian. Two fits start from the same (μ, σ): one
minimises D(P‖Q) and spreads over both peaks (mode covering), the other
minimises D(Q‖P) and settles on one peak (mode seeking). A random start
(seeded, the seed shown) shows that the reverse fit can land on either peak.

State: the peak parameters, the start (default or a seed), which fits are
shown, and two frozen :class:`core.fitting.KLFitState` objects that the
frame timer replaces with ``run_kl_fit(state, 1)``, each with the
:class:`FitSummary` its readouts show (computed whenever a fit changes, never
while drawing). Reshaping P continues both fits from their current Q
(:func:`core.fitting.retarget_kl_fit`). The peaks, the start and the shown
fits are the page's session settings.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from core.fitting import (
    DEFAULT_K,
    DIRECTIONS,
    DivergencePair,
    KLFitState,
    default_kl_start,
    kl_readouts,
    peak_masses,
    random_kl_start,
    retarget_kl_fit,
    run_kl_fit,
    start_kl_fit,
    two_peak_target,
)
from core.session import PEAK_RANGES, panel_settings
from viz import theme
from viz.pages.common import (
    AnimatedPage,
    GrowingRange,
    LabelledSlider,
    big_label,
    controls_column,
    heading,
    number_text,
    text_label,
)
from viz.plotting import Series, StickyRange, style_plot, swatch
from viz.sliders import SliderScale
from viz.widgets import group, named, problem_label, set_text

#: The peak sliders span exactly what a session may hold (PEAK_RANGES).
POSITION_SCALE = SliderScale(*PEAK_RANGES["position_1"], steps=2 * (DEFAULT_K - 1))
WIDTH_SCALE = SliderScale(*PEAK_RANGES["width_1"], steps=290)
HEIGHT_SCALE = SliderScale(*PEAK_RANGES["height_1"], steps=100)

#: What the "show" box offers, by the value of the ``direction`` setting.
SHOWN = {
    "both": "Both fits side by side",
    "forward": "Forward fit only",
    "reverse": "Reverse fit only",
}

#: Play stops after this many steps even if a fit has not converged.
STEP_LIMIT = 20_000

TITLES = {
    "forward": "Forward KL: minimise D(P‖Q), mode covering",
    "reverse": "Reverse KL: minimise D(Q‖P), mode seeking",
}


@dataclass(frozen=True)
class Peaks:
    """The target's two peaks, in bins (see :func:`core.fitting.two_peak_target`)."""

    position_1: float = 15.0
    position_2: float = 45.0
    width_1: float = 4.0
    width_2: float = 4.0
    height_1: float = 1.0
    height_2: float = 1.0

    def target(self) -> np.ndarray:
        """P over the K bins; ValueError for an impossible shape."""
        return two_peak_target(
            DEFAULT_K,
            self.position_1,
            self.position_2,
            self.width_1,
            self.width_2,
            self.height_1,
            self.height_2,
        )


@dataclass(frozen=True)
class FitSummary:
    """What a fit's readouts show, computed before drawing."""

    divergences: DivergencePair
    masses: tuple[float, float] | None  # None when the peaks coincide


def summarise(state: KLFitState, peaks: Peaks) -> FitSummary:
    """Both divergences of the fit's Q and its mass near each peak."""
    masses = None
    if peaks.position_1 != peaks.position_2:
        masses = peak_masses(state.model, peaks.position_1, peaks.position_2)
    return FitSummary(kl_readouts(state), masses)


PEAK_CONTROLS = (
    ("position_1", "peak 1 at", "Position of peak 1, in bins", POSITION_SCALE, 1),
    ("position_2", "peak 2 at", "Position of peak 2, in bins", POSITION_SCALE, 1),
    ("width_1", "width 1", "Width of peak 1, in bins", WIDTH_SCALE, 2),
    ("width_2", "width 2", "Width of peak 2, in bins", WIDTH_SCALE, 2),
    ("height_1", "height 1", "Height of peak 1", HEIGHT_SCALE, 2),
    ("height_2", "height 2", "Height of peak 2", HEIGHT_SCALE, 2),
)


class FitView(QWidget):
    """One fit: its title, both divergences, P and Q, and its loss against step."""

    def __init__(self, direction: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.direction = direction
        named(self, f"fitting_{direction}_view", TITLES[direction])
        title = heading(TITLES[direction])
        self.kl_pq = big_label(f"fitting_{direction}_kl_pq", "D(P‖Q) of this fit")
        self.kl_qp = big_label(f"fitting_{direction}_kl_qp", "D(Q‖P) of this fit")
        self.details = text_label(f"fitting_{direction}_details", "μ, σ and masses")
        self.fit_widget = pg.PlotWidget()
        self.fit_widget.setObjectName(f"fitting_{direction}_plot")
        plot = self.fit_widget.getPlotItem()
        style_plot(
            plot,
            f"{swatch(theme.TARGET_COLOUR, 'P')} and "
            f"{swatch(theme.MODEL_COLOUR, 'Q')} (one Gaussian bump)",
            "bin",
            "probability",
        )
        self.p_bars = Series(plot, theme.TARGET_COLOUR, 0.0, 0.8, "P")
        self.q_line = plot.plot(pen=pg.mkPen(theme.MODEL_COLOUR, width=3))
        plot.setXRange(-0.6, DEFAULT_K - 0.4, padding=0)
        self.fit_range = StickyRange(plot)
        self.loss_widget = pg.PlotWidget()
        self.loss_widget.setObjectName(f"fitting_{direction}_loss_plot")
        loss_plot = self.loss_widget.getPlotItem()
        minimised = "D(P‖Q)" if direction == "forward" else "D(Q‖P)"
        style_plot(
            loss_plot,
            f"{swatch(theme.MODEL_COLOUR, minimised)} vs step",
            "step since P last changed",
            f"{minimised} (nats)",
        )
        self.loss_curve = loss_plot.plot(pen=pg.mkPen(theme.MODEL_COLOUR, width=2))
        self.loss_range = StickyRange(loss_plot)
        self.step_range = GrowingRange(loss_plot, minimum=50.0)
        readouts = QGridLayout()
        readouts.setVerticalSpacing(0)
        for column, (symbol, label) in enumerate(
            (("D(P‖Q)", self.kl_pq), ("D(Q‖P)", self.kl_qp))
        ):
            fitted = column == (0 if direction == "forward" else 1)
            caption = QLabel(
                f"{symbol}, <b>minimised</b>" if fitted else f"{symbol}, not fitted"
            )
            readouts.addWidget(caption, 0, column)
            readouts.addWidget(label, 1, column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(title)
        layout.addLayout(readouts)
        layout.addWidget(self.details)
        layout.addWidget(self.fit_widget, 3)
        layout.addWidget(self.loss_widget, 2)
        for widget in (self.fit_widget, self.loss_widget):
            widget.setMinimumSize(200, 120)
            widget.setSizePolicy(
                QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding
            )

    def plot_items(self) -> list[pg.PlotItem]:
        """The plots inside this widget (for styling and export)."""
        return [self.fit_widget.getPlotItem(), self.loss_widget.getPlotItem()]

    def show_fit(self, state: KLFitState, summary: FitSummary) -> None:
        """Draw P, Q, the loss history and the readouts of ``state``."""
        p, q = np.asarray(state.target), np.asarray(state.model)
        self.p_bars.set_values(p)
        self.q_line.setData(np.arange(q.size, dtype=np.float64), q)
        self.fit_range.fit(0.0, float(max(p.max(), q.max())))
        history = np.asarray(state.loss_history)
        steps = np.arange(state.history_start, state.step + 1, dtype=np.float64)
        self.loss_curve.setData(steps, history)
        self.step_range.fit(0.0, float(state.step))
        self.loss_range.fit(0.0, float(np.max(history)))
        set_text(self.kl_pq, f"{number_text(summary.divergences.forward)} nats")
        set_text(self.kl_qp, f"{number_text(summary.divergences.reverse)} nats")
        if summary.masses is not None:
            one, two = summary.masses
            masses = (
                f"Q's mass near peak 1: <b>{one:.2f}</b>, near peak 2: <b>{two:.2f}</b>"
            )
        else:
            masses = "The peaks coincide: P has one peak."
        status = "converged" if state.converged else f"step {state.step:,}"
        set_text(
            self.details,
            f"μ = {number_text(state.mu, 3)}, σ = "
            f"{number_text(state.sigma, 3)} bins · {status}<br>{masses}",
        )


class FittingPage(AnimatedPage):
    """The "fitting" page (see the module docstring)."""

    steps_per_tick = 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("fitting", "both fits", parent)
        self.peaks = Peaks()
        self.seed: int | None = None
        self.shown = "both"
        self._fits: dict[str, KLFitState] = {}
        self.summaries: dict[str, FitSummary] = {}
        self._build()
        self.reset()

    # layout -----------------------------------------------------------------

    def _build(self) -> None:
        self.step_label = text_label("fitting_step_label", "Steps taken", wrap=False)
        self.restart = QPushButton("New random start")
        named(
            self.restart,
            "fitting_restart_button",
            "Restart both fits from a new random start",
        )
        self.restart.setToolTip("The next seed: the start is reproducible")
        self.default_start = QPushButton("Default start")
        named(
            self.default_start,
            "fitting_default_start_button",
            "Restart both fits from the default start",
        )
        starts = QWidget()
        starts_layout = QHBoxLayout(starts)
        starts_layout.setContentsMargins(0, 0, 0, 0)
        starts_layout.addWidget(self.restart)
        starts_layout.addWidget(self.default_start)
        self.start_label = text_label("fitting_start_label", "Where both fits start")
        self.show_combo = QComboBox()
        named(self.show_combo, "fitting_show_combo", "Which fits to show")
        for key, text in SHOWN.items():
            self.show_combo.addItem(text, key)
        self.peak_controls = {
            key: LabelledSlider(
                f"fitting_{key}", caption, accessible, scale, "00.00", decimals
            )
            for key, caption, accessible, scale, decimals in PEAK_CONTROLS
        }
        self.default_peaks = QPushButton("Default peaks")
        named(
            self.default_peaks,
            "fitting_peaks_reset_button",
            "Put P's peaks back to their default shape",
        )
        self.problem = problem_label("fitting_problem")
        column = controls_column(
            "fitting_controls",
            group(
                "Gradient descent on (μ, log σ)",
                self.playback,
                self.step_label,
                starts,
                self.start_label,
                self.show_combo,
            ),
            group(
                "Target P: two peaks (change them while it runs)",
                *self.peak_controls.values(),
                self.default_peaks,
            ),
            self.problem,
        )
        self.views = {direction: FitView(direction) for direction in DIRECTIONS}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(column)
        for view in self.views.values():
            layout.addWidget(view, 1)
        self.restart.clicked.connect(self.restart_random)
        self.default_start.clicked.connect(lambda: self.set_seed(None))
        self.default_peaks.clicked.connect(lambda: self.set_peaks(Peaks()))
        self.show_combo.currentIndexChanged.connect(
            lambda index: self.set_shown(str(self.show_combo.itemData(index)))
        )
        for key, control in self.peak_controls.items():
            control.value_changed.connect(
                lambda value, key=key: self.set_peak_value(key, value)
            )

    def plot_widgets(self) -> list[QWidget]:
        """The widgets holding this page's plots (each has ``plot_items()``)."""
        return list(self.views.values())

    # state ------------------------------------------------------------------

    @property
    def fits(self) -> dict[str, KLFitState]:
        """Both fits' states, by direction."""
        return self._fits

    @fits.setter
    def fits(self, fits: dict[str, KLFitState]) -> None:
        """New fit states: their readouts are summarised here, once, not in draw."""
        self._fits = dict(fits)
        self.summaries = {
            direction: summarise(state, self.peaks)
            for direction, state in self._fits.items()
        }

    # controls → state -------------------------------------------------------

    def start(self) -> tuple[float, float]:
        """(μ, log σ) both fits start from: the default, or the seed's."""
        if self.seed is None:
            return default_kl_start(DEFAULT_K)
        return random_kl_start(DEFAULT_K, self.seed)

    def restart_random(self) -> None:
        """Restart both fits from the next seed's random start."""
        self.set_seed(0 if self.seed is None else self.seed + 1)

    def set_seed(self, seed: int | None) -> None:
        """Restart both fits from the seed's start (None: the default start)."""
        self.seed = seed
        self.reset()

    def set_shown(self, shown: str) -> None:
        """Show both fits, or only one."""
        if shown not in SHOWN:
            raise ValueError(f"direction must be one of {tuple(SHOWN)}, got {shown!r}")
        self.shown = shown
        for direction, view in self.views.items():
            view.setVisible(shown in ("both", direction))
        index = self.show_combo.findData(shown)
        if self.show_combo.currentIndex() != index:
            with QSignalBlocker(self.show_combo):
                self.show_combo.setCurrentIndex(index)

    def set_peak_value(self, key: str, value: float) -> None:
        """Reshape one peak of P; both fits continue from their current Q."""
        self.set_peaks(replace(self.peaks, **{key: float(value)}))

    def set_peaks(self, peaks: Peaks) -> None:
        """Give P a new shape (refused, with a message, if it is impossible)."""
        try:
            target = peaks.target()
        except ValueError as error:
            self._show_problem(f"P keeps its last shape: {error}.")
            self._show_peak_controls()
            return
        self._show_problem("")
        self.peaks = peaks
        self.fits = {
            direction: retarget_kl_fit(state, target)
            for direction, state in self.fits.items()
        }
        self._show_peak_controls()
        self.request_draw()

    def _show_problem(self, text: str) -> None:
        set_text(self.problem, text)
        self.problem.setVisible(bool(text))

    def _show_peak_controls(self) -> None:
        for key, control in self.peak_controls.items():
            control.show_value(getattr(self.peaks, key))

    # the page protocol ----------------------------------------------------

    def reset(self) -> None:
        """Pause and start both fits again from the current start and P."""
        super().reset()
        mu, log_sigma = self.start()
        target = self.peaks.target()
        self.fits = {
            direction: start_kl_fit(target, direction, mu, log_sigma)
            for direction in DIRECTIONS
        }
        if self.seed is None:
            where = "default start"
        else:
            where = f"random start, <b>seed {self.seed}</b>"
        set_text(
            self.start_label,
            f"Both fits: {where}: μ = {number_text(mu, 3)}, "
            f"σ = {number_text(math.exp(log_sigma), 3)} bins.",
        )
        self._show_peak_controls()
        self.draw()

    def can_play(self) -> bool:
        """Nothing to play once both fits have converged."""
        return not self.converged()

    def converged(self) -> bool:
        """True when both fits have converged."""
        return all(state.converged for state in self.fits.values())

    def advance(self, steps: int) -> bool:
        """``steps`` more steps for both fits; False once both have converged."""
        self.fits = {
            direction: run_kl_fit(state, steps)
            for direction, state in self.fits.items()
        }
        self.draw()
        return not self.converged() and self.step < STEP_LIMIT

    @property
    def step(self) -> int:
        """Steps since the last start or reshaping of P."""
        return max(state.step for state in self.fits.values())

    def settings(self) -> dict[str, Any]:
        """The shown fits, the seed and P's peaks (see core.session.PANEL_SETTINGS)."""
        settings: dict[str, Any] = {"direction": self.shown}
        if self.seed is not None:
            settings["seed"] = self.seed
        for key in PEAK_RANGES:
            settings[key] = float(getattr(self.peaks, key))
        return settings

    def apply_settings(self, settings: dict[str, Any]) -> None:
        """Take the shown fits, the seed and the peaks, and start both fits again.

        The settings are checked as a session's first (SessionError, naming
        the key, changes nothing); keys left out take their defaults.
        """
        checked = panel_settings("fitting", settings)
        defaults = Peaks()
        self.peaks = Peaks(
            **{key: checked.get(key, getattr(defaults, key)) for key in PEAK_RANGES}
        )
        self._show_problem("")
        self.set_shown(checked.get("direction", "both"))
        self.set_seed(checked.get("seed"))

    # views ------------------------------------------------------------------

    def draw(self) -> None:
        """Every view from the two fits."""
        set_text(
            self.step_label,
            f"step {self.step:,}" + (" · both converged" if self.converged() else ""),
        )
        for direction, view in self.views.items():
            view.show_fit(self.fits[direction], self.summaries[direction])
