"""The explorer page: controls on the left, readouts and five plots on the right.

Data flow: a control's signal → one ``store.update`` → (next event-loop pass)
one ``evaluate`` → ``results_ready`` → every view's ``show_results``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core import Family, Results, Scenario, default_scenario
from core.editing import resized, weights_for_probability, with_entry
from core.i18n import QT_TRANSLATE_NOOP
from core.numbers import format_fixed, format_number, format_probability
from viz.controls import (
    LOGIT_SCALE,
    WEIGHT_SCALE,
    LossSettings,
    OutcomeCount,
    SliderColumn,
    ViewSettings,
)
from viz.error_words import error_words
from viz.family_controls import FamilySettings
from viz.pages.common import Page
from viz.plot_grid import GridItem, PlotGrid
from viz.plots import (
    AsymmetryPlot,
    DistributionPlot,
    GradientPlot,
    InformationPlot,
    LossCurvePlot,
    SoftmaxPlot,
)
from viz.readouts import ReadoutPanel
from viz.state import ScenarioStore
from viz.translated import LiveTexts, Retranslating
from viz.widgets import group, problem_label

#: What family mode starts with: word frequencies against a flatter model.
DEFAULT_FAMILY_K = 10_000
DEFAULT_P_FAMILY = Family("zipf", DEFAULT_FAMILY_K, {"exponent": 1.1})
DEFAULT_Q_FAMILY = Family("zipf", DEFAULT_FAMILY_K, {"exponent": 0.8})

translate = QCoreApplication.translate

#: The ways to set P and Q: a key and its menu text (translated when shown).
MODES = (
    ("sliders", QT_TRANSLATE_NOOP("Explorer", "One slider per outcome (K ≤ 16)")),
    ("families", QT_TRANSLATE_NOOP("Explorer", "Families (K up to 100,000)")),
)


def is_family_mode(scenario: Scenario) -> bool:
    """True when P and Q come from families rather than sliders."""
    return scenario.p_family is not None and scenario.q_family is not None


class ExplorerControls(Retranslating, QWidget):
    """Every control of the explorer, grouped, in one scrollable column.

    Its texts follow the language (:attr:`texts`).
    """

    def changeEvent(self, event: QEvent) -> None:
        """Let the column grow with the font (lecture mode, zoom)."""
        if event.type() == QEvent.Type.FontChange:
            column = self.parentWidget()
            while column is not None and not isinstance(column, QScrollArea):
                column = column.parentWidget()
            if column is not None:
                column.setMinimumWidth(self.minimumSizeHint().width() + 24)
        super().changeEvent(event)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = LiveTexts()
        texts = self.texts
        self.mode = QComboBox()
        self.mode.setObjectName("mode_combo")
        texts.set(
            self.mode,
            lambda: translate("Explorer", "How P and Q are set: sliders or families"),
            "setAccessibleName",
        )
        for key, _ in MODES:
            self.mode.addItem("", key)
        texts.call(self._name_modes, self.mode)
        self.count = OutcomeCount()
        self.view = ViewSettings()
        self.families = FamilySettings()
        self.p_sliders = SliderColumn(
            "p",
            "p",
            WEIGHT_SCALE,
            lambda i: translate("Explorer", "Weight of P at outcome {i}").format(i=i),
            widest=WIDEST_PROBABILITY,
        )
        self.q_sliders = SliderColumn(
            "q",
            "q",
            WEIGHT_SCALE,
            lambda i: translate("Explorer", "Weight of Q at outcome {i}").format(i=i),
            widest=WIDEST_PROBABILITY,
        )
        self.logit_sliders = SliderColumn(
            "logit",
            "z",
            LOGIT_SCALE,
            lambda i: translate("Explorer", "Logit of class {i}").format(i=i),
            widest="+10.00 → 0.000",
        )
        self.follow_q = QCheckBox()
        self.follow_q.setObjectName("follow_q_toggle")
        texts.set(
            self.follow_q,
            lambda: translate("Explorer", "Logits = log Q (a model's prediction)"),
        )
        texts.set(
            self.follow_q,
            lambda: translate("Explorer", "The logits are log Q"),
            "setAccessibleName",
        )
        texts.set(
            self.follow_q,
            lambda: translate(
                "Explorer",
                "The logits become log q of Q's weights: Q's sliders set them, as a\n"
                "language model's log-probabilities do; T then reshapes the softmax.",
            ),
            "setToolTip",
        )
        self.loss = LossSettings()
        self.q_note = QLabel()
        self.q_note.setObjectName("q_linked_note")
        self.q_note.setWordWrap(True)
        self.q_note.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        outcomes = group("", self.mode, self.count, self.view)
        texts.set(
            outcomes, lambda: translate("Explorer", "Outcomes and units"), "setTitle"
        )
        layout.addWidget(outcomes)
        self.family_group = group("", self.families)
        texts.set(
            self.family_group, lambda: translate("Explorer", "Families"), "setTitle"
        )
        self.slider_groups = (
            group("", self.p_sliders),
            group("", self.q_note, self.q_sliders),
            group("", self.follow_q, self.logit_sliders),
        )
        p_box, q_box, logits_box = self.slider_groups
        texts.set(
            p_box, lambda: translate("Explorer", "P: weights → probability"), "setTitle"
        )
        texts.set(
            q_box, lambda: translate("Explorer", "Q: weights → probability"), "setTitle"
        )
        texts.set(
            logits_box, lambda: translate("Explorer", "Logits z → softmax"), "setTitle"
        )
        layout.addWidget(self.family_group)
        for box in self.slider_groups:
            layout.addWidget(box)
        loss_box = group("", self.loss)
        texts.set(loss_box, lambda: translate("Explorer", "Loss"), "setTitle")
        layout.addWidget(loss_box)
        layout.addStretch(1)

    def _name_modes(self) -> None:
        for index, (_, title) in enumerate(MODES):
            self.mode.setItemText(index, translate("Explorer", title))

    def show_mode(self, family_mode: bool) -> None:
        """Show the family editors or the per-outcome sliders."""
        if self.family_group.isVisibleTo(self) == family_mode:
            return
        with QSignalBlocker(self.mode):
            self.mode.setCurrentIndex(1 if family_mode else 0)
        self.family_group.setVisible(family_mode)
        self.count.setVisible(not family_mode)
        for box in self.slider_groups:
            box.setVisible(not family_mode)


class ExplorerPage(Page):
    """The product's main page, bound to one :class:`ScenarioStore`.

    Nothing here plays: Space and "." say so (see :class:`Page`). The
    window styles its plots with the window itself.
    """

    store: ScenarioStore

    #: A plain-language problem to show (empty when there is none).
    problem_changed = Signal(str)

    def __init__(self, store: ScenarioStore, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.controls = ExplorerControls()
        self.readouts = ReadoutPanel()
        self.problem = problem_label("problem_label")
        self.distributions = DistributionPlot()
        self.information = InformationPlot()
        self.asymmetry = AsymmetryPlot()
        self.softmax = SoftmaxPlot()
        self.gradient = GradientPlot()
        self.loss_curve = LossCurvePlot()
        self._ghost_log_x = False
        #: Words the problem on show in the language in use (None: none).
        self._problem_words: Callable[[], str] | None = None
        self._build_layout()
        self._connect_controls()
        store.scenario_changed.connect(self.show_scenario)
        store.results_ready.connect(self.show_results)
        store.derive_failed.connect(self.show_error)
        store.pinned_changed.connect(lambda _: self._show_ghosts())
        self.show_scenario(store.scenario)

    def retranslate(self) -> None:
        """The texts made from the scenario and from the results, worded anew."""
        super().retranslate()
        self.show_scenario(self.store.scenario)
        if self._problem_words is not None:
            self._show_message(self._problem_words())

    @property
    def plots(self) -> dict[str, Any]:
        """The plot widgets by panel name (for hiding, export and tests).

        Any: they subclass pyqtgraph's widgets, which carry no types.
        """
        return {
            "distributions": self.distributions,
            "information": self.information,
            "asymmetry": self.asymmetry,
            "softmax": self.softmax,
            "gradient": self.gradient,
            "loss_curve": self.loss_curve,
        }

    def _build_layout(self) -> None:
        scroll = QScrollArea()
        scroll.setObjectName("controls_column")
        self.controls_column = scroll
        scroll.setWidget(self.controls)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(300)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.readouts)
        right_layout.addWidget(self.problem)
        # The KL plot holds two plots side by side: it takes more width.
        shapes = {
            "asymmetry": GridItem("", self, 1.5),
            # The loss over its gradient needs two plots' height; side by
            # side, two plots' width.
            "loss_curve": GridItem("", self, 1.2, 2, alternative=(2.2, 1)),
        }
        self.plot_grid = PlotGrid(
            [
                replace(shapes.get(name, GridItem("", self)), name=name, widget=plot)
                for name, plot in self.plots.items()
            ],
            name="explorer_plots",
        )
        self.plot_grid.setObjectName("plot_grid")
        right_layout.addWidget(self.plot_grid, 1)
        splitter = QSplitter()
        splitter.addWidget(scroll)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _connect_controls(self) -> None:
        self._allow_typing()
        c = self.controls
        c.count.count_changed.connect(self.set_outcome_count)
        c.p_sliders.value_changed.connect(
            lambda i, w: self._set_weight("p_weights", i, w)
        )
        c.q_sliders.value_changed.connect(
            lambda i, w: self._set_weight("q_weights", i, w)
        )
        c.logit_sliders.value_changed.connect(
            lambda i, z: self._set_weight("logits", i, z)
        )
        c.loss.temperature_changed.connect(lambda t: self.store.update(temperature=t))
        c.loss.label_changed.connect(lambda y: self.store.update(label=y))
        c.loss.smoothing_changed.connect(lambda e: self.store.update(label_smoothing=e))
        c.loss.linked_changed.connect(lambda on: self.store.update(linked=on))
        c.view.units_changed.connect(lambda u: self.store.update(units=u))
        c.view.reset_requested.connect(
            lambda: self.store.set_scenario(default_scenario())
        )
        self.distributions.view_box.bar_dragged.connect(self.drag_bar)
        gesture_sources = (
            c.p_sliders,
            c.q_sliders,
            c.logit_sliders,
            c.loss,
            c.families.p,
            c.families.q,
            self.distributions.view_box,
        )
        for source in gesture_sources:
            source.gesture_started.connect(self.store.begin_gesture)
            source.gesture_finished.connect(self.store.end_gesture)
        c.mode.currentIndexChanged.connect(self.set_mode)
        c.follow_q.toggled.connect(self.set_logits_follow_q)
        c.families.k_changed.connect(self.set_family_k)
        c.families.label_changed.connect(lambda y: self.store.update(label=y))
        c.families.p.family_changed.connect(lambda f: self.store.update(p_family=f))
        c.families.q.family_changed.connect(lambda f: self.store.update(q_family=f))

    def _allow_typing(self) -> None:
        """Double-click a number to type it: a probability of P or Q, a logit."""
        c = self.controls
        for series, column in (("p", c.p_sliders), ("q", c.q_sliders)):
            column.allow_typing(
                partial(self._shown_probability, series),
                partial(self.type_probability, series),
            )
        c.logit_sliders.allow_typing(
            lambda i: float(self.store.scenario.logits[i]), self.type_logit
        )

    def _shown_probability(self, series: str, index: int) -> float:
        results = self.store.results
        if results is None or index >= results.p.size:
            return float(getattr(self.store.scenario, f"{series}_weights")[index])
        return float(getattr(results, series)[index])

    def type_probability(self, series: str, index: int, value: float) -> str | None:
        """A typed probability for outcome ``index`` of P or Q; None if taken."""
        if not 0.0 <= value <= 1.0:
            return "a probability must lie in [0, 1]"
        s = self.store.scenario
        if series == "q" and s.linked:
            return "Q follows the logits while linked: type a logit instead"
        if index >= s.p_weights.size:
            return "that outcome no longer exists"
        field = f"{series}_weights"
        weights = getattr(s, field)
        self.store.update(
            **{field: weights_for_probability(weights, index, value, WEIGHT_SCALE.high)}
        )
        return None

    def type_logit(self, index: int, value: float) -> str | None:
        """A typed logit for class ``index``; None if taken."""
        s = self.store.scenario
        if s.logits_follow_q:
            return translate(
                "Explorer", "the logits follow Q (z = log q): untick that to set them"
            )
        if not LOGIT_SCALE.low <= value <= LOGIT_SCALE.high:
            return translate("Explorer", "a logit must lie in [{low}, {high}]").format(
                low=f"{LOGIT_SCALE.low:g}", high=f"{LOGIT_SCALE.high:g}"
            )
        if index >= s.logits.size:
            return translate("Explorer", "that class no longer exists")
        self.store.update(logits=with_entry(s.logits, index, value))
        return None

    def swap_p_and_q(self) -> str:
        """Exchange P and Q (one undo step); returns what happened, to say."""
        s = self.store.scenario
        if s.linked:
            return translate(
                "Explorer", "Q follows the logits while linked: unlink to swap P and Q."
            )
        self.store.update(
            p_weights=s.q_weights,
            q_weights=s.p_weights,
            p_family=s.q_family,
            q_family=s.p_family,
        )
        return translate("Explorer", "Swapped P and Q: D(P‖Q) and D(Q‖P) trade places.")

    def copy_p_to_q(self) -> str:
        """Make Q equal to P (one undo step); returns what happened, to say."""
        s = self.store.scenario
        if s.linked:
            return translate(
                "Explorer", "Q follows the logits while linked: unlink to copy P to Q."
            )
        self.store.update(q_weights=s.p_weights, q_family=s.p_family)
        return translate("Explorer", "Q is now P: every divergence is exactly 0.")

    def set_logits_follow_q(self, follow: bool) -> None:
        """Tie the logits to log Q, or free them where they stood (one step)."""
        s = self.store.scenario
        if follow == s.logits_follow_q:
            return
        if follow:
            self.store.update(logits_follow_q=True)
            return
        shown = self.store.results
        logits = s.logits
        if shown is not None and shown.logits.size == logits.size:
            finite = shown.logits[np.isfinite(shown.logits)]
            top = float(np.max(finite)) if finite.size else 0.0
            logits = np.clip(shown.logits - top, LOGIT_SCALE.low, LOGIT_SCALE.high)
        self.store.update(logits_follow_q=False, logits=logits)

    def set_mode(self, index: int) -> None:
        """Switch between per-outcome sliders and families."""
        s = self.store.scenario
        if MODES[index][0] == "families":
            self.store.update(
                p_family=DEFAULT_P_FAMILY,
                q_family=DEFAULT_Q_FAMILY,
                logits_follow_q=True,
                label=min(s.label, DEFAULT_FAMILY_K - 1),
            )
        else:
            self.store.update(
                p_family=None,
                q_family=None,
                logits_follow_q=False,
                label=min(s.label, s.p_weights.size - 1),
            )

    def set_family_k(self, k: int) -> None:
        """Give both families ``k`` outcomes."""
        s = self.store.scenario
        if s.p_family is None or s.q_family is None:
            return
        self.store.update(
            p_family=Family(s.p_family.kind, k, s.p_family.params),
            q_family=Family(s.q_family.kind, k, s.q_family.params),
            label=min(s.label, k - 1),
        )

    def _set_weight(self, field: str, index: int, value: float) -> None:
        current = getattr(self.store.scenario, field)
        self.store.update(**{field: with_entry(current, index, value)})

    def focus_neighbour_slider(self, step: int) -> None:
        """Move keyboard focus to the same kind of slider one outcome along.

        With no slider focused, the first P slider takes the focus; the arrow
        keys then nudge the focused slider.
        """
        c = self.controls
        columns = (c.p_sliders, c.q_sliders, c.logit_sliders)
        focused = self.focusWidget()
        for column in columns:
            sliders = list(column.sliders)
            if focused in sliders:
                index = (sliders.index(focused) + step) % len(sliders)
                sliders[index].setFocus(Qt.FocusReason.ShortcutFocusReason)
                return
        if c.p_sliders.sliders:
            c.p_sliders.sliders[0].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def set_outcome_count(self, k: int) -> None:
        """Grow or shrink every per-outcome array to ``k`` entries."""
        s = self.store.scenario
        self.store.update(
            # New outcomes get the average weight: a uniform P stays uniform
            # (8 equal outcomes are 3 bits, as a preset suggests trying).
            p_weights=resized(s.p_weights, k, float(np.mean(s.p_weights))),
            q_weights=resized(s.q_weights, k, float(np.mean(s.q_weights))),
            logits=resized(s.logits, k, 0.0),
            label=min(s.label, k - 1),
        )

    def drag_bar(
        self, series: str, index: int, probability: float, shown_k: int | None = None
    ) -> None:
        """Set the weight that gives outcome ``index`` the dragged probability.

        ``shown_k`` is the number of bars the user saw. When the scenario has
        changed since (a preset, the mouse wheel on K), the bar may no longer
        exist or mean the same outcome: the drag is ignored, and the plot
        catches up on the next frame.
        """
        if is_family_mode(self.store.scenario):
            # A family of K ≤ 200 is drawn as bars, but has no weight per
            # outcome to set (dragging bar 50 raised ValueError in the slot).
            self._show_words(
                lambda: translate(
                    "Explorer",
                    "In family mode the family's parameters shape P and Q: "
                    "use the Families controls instead.",
                )
            )
            return
        if series == "q" and self.store.scenario.linked:
            # A hint, not a failed evaluation: shown as written, without
            # "Cannot compute" and the renaming of field names.
            self._show_words(
                lambda: translate(
                    "Explorer",
                    "Q follows the logits while linked: move the logits instead.",
                )
            )
            return
        current_k = self.store.scenario.p_weights.size
        stale = shown_k is not None and shown_k != current_k
        if stale or not 0 <= index < current_k:
            return
        field = f"{series}_weights"
        weights = getattr(self.store.scenario, field)
        self.store.update(
            **{
                field: weights_for_probability(
                    weights, index, probability, WEIGHT_SCALE.high
                )
            }
        )

    def show_scenario(self, scenario: Scenario) -> None:
        """Make every control show ``scenario`` (without feeding back)."""
        c = self.controls
        family_mode = is_family_mode(scenario)
        c.show_mode(family_mode)
        if scenario.p_family is not None and scenario.q_family is not None:
            c.families.show_families(
                scenario.p_family, scenario.q_family, scenario.label
            )
        k = scenario.p_weights.size
        c.count.show_count(k)
        for column in (c.p_sliders, c.q_sliders, c.logit_sliders):
            column.set_count(k)
        c.p_sliders.show_values(scenario.p_weights)
        c.q_sliders.show_values(scenario.q_weights)
        follow = scenario.logits_follow_q
        if not follow:
            c.logit_sliders.show_values(scenario.logits)
        c.logit_sliders.set_editable(
            not follow,
            translate(
                "Explorer",
                "The logits follow Q: z = log q. Untick 'Logits = log Q' to set them.",
            ),
        )
        if c.follow_q.isChecked() != follow:
            with QSignalBlocker(c.follow_q):
                c.follow_q.setChecked(follow)
        c.q_sliders.set_editable(
            not scenario.linked or follow,
            translate("Explorer", "Linked: Q is the softmax of the logits"),
        )
        c.q_note.setText(
            translate("Explorer", "Linked: these weights set the logits (z = log q).")
            if follow
            else translate("Explorer", "Linked: Q follows the logits.")
        )
        if c.q_note.isVisibleTo(c) != scenario.linked:
            c.q_note.setVisible(scenario.linked)
        c.loss.show_settings(
            scenario.temperature,
            scenario.label,
            None if family_mode else k,
            scenario.label_smoothing,
            scenario.linked,
        )
        c.view.show_units(scenario.units)

    def show_results(self, results: Results) -> None:
        """Update readouts, plots and the labels beside the sliders."""
        self._problem_words = None
        self.problem.setVisible(False)
        self.problem_changed.emit("")
        self._show_stale(False)
        if not results.family_mode:
            self._show_slider_texts(results)
        self.readouts.show_results(results)
        units = results.units
        self.asymmetry.set_units(units)
        self.loss_curve.set_units(units)
        log_x = results.log_rank
        if self.pinned is not None and log_x != self._ghost_log_x:
            self._ghost_log_x = log_x
            self._show_ghosts()
        self.distributions.show_results(results, log_x)
        self.information.show_results(results)
        self.asymmetry.show_results(results, log_x)
        self.softmax.show_results(results, log_x)
        self.gradient.show_results(results, results.label, log_x)
        self.loss_curve.show_results(results, results.label)

    @property
    def pinned(self) -> Results | None:
        """The pinned state's results (shown as ghosts), or None."""
        return self.store.pinned_results

    def pin(self) -> bool:
        """Keep the shown results as a dashed ghost in every plot, to compare."""
        shown = self.store.results
        self._ghost_log_x = shown.log_rank if shown is not None else False
        return self.store.pin()

    def unpin(self) -> None:
        """Remove the ghost."""
        self.store.unpin()

    def _show_ghosts(self) -> None:
        for plot in self.plots.values():
            plot.show_ghost(self.pinned, self._ghost_log_x)
        self.readouts.show_pinned(self.pinned)

    def _show_slider_texts(self, results: Results) -> None:
        c = self.controls
        if results.linked and not results.logits_follow_q:
            # Linked, Q's sliders follow the logits: their handles show Q.
            c.q_sliders.show_values(results.q)
        if results.logits_follow_q:
            # The logits are log q: their handles show it (shifted so the
            # largest is 0, as softmax allows), disabled, with the reason.
            finite = results.logits[np.isfinite(results.logits)]
            top = float(np.max(finite)) if finite.size else 0.0
            c.logit_sliders.show_values(
                np.clip(results.logits - top, LOGIT_SCALE.low, LOGIT_SCALE.high)
            )
        c.p_sliders.show_texts([slider_number(p) for p in results.p])
        c.q_sliders.show_texts([slider_number(q) for q in results.q])
        c.logit_sliders.show_texts(
            [
                f"{logit_text(z)} → {slider_number(s)}"
                for z, s in zip(results.logits, results.softmax, strict=True)
            ]
        )

    def show_error(self, error: ValueError) -> None:
        """Explain why nothing could be computed; the plots keep the last state.

        The numbers keep it too, greyed: H(Q) = 2.0000 bits in black over
        sliders all at 0 read as the new state's.
        """
        self._show_words(lambda: problem_text(error))
        self._show_stale(True)

    def _show_stale(self, stale: bool) -> None:
        self.readouts.set_stale(stale)
        c = self.controls
        for sliders in (c.p_sliders, c.q_sliders, c.logit_sliders):
            sliders.set_texts_stale(stale)

    def _show_words(self, words: Callable[[], str]) -> None:
        """Show what ``words`` says until the next results (anew in a new language)."""
        self._problem_words = words
        self._show_message(words())

    def _show_message(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(True)
        self.problem_changed.emit(text)


def logit_text(z: float) -> str:
    """A logit beside its slider: two decimals with a sign, −∞ for log 0."""
    if np.isneginf(z):
        return "−∞"
    return f"{z:+.2f}".replace("-", "−")


def slider_number(value: float) -> str:
    """A probability beside a slider: three decimals, or 1.2×10⁻⁵, never 0.000.

    Exact where up to five decimals hold it: 0.0625 is not 0.062, and
    0.001 is not 1.0×10⁻³.

    Nor 1.000 unless it is 1: 0.99997 beside a near-certain P's slider
    (whose H(P) reads 5.4×10⁻⁴ bits) is 0.99997, past six decimals
    1 − 6.0×10⁻⁹.
    """
    if 0.0 < value < 1.0 and f"{value:.3f}".startswith("1"):
        return format_probability(value, 3, most_decimals=6)
    for decimals in EXACT_SLIDER_DECIMALS:
        # Uniform over 16 is 0.0625 exactly: "0.062" sixteen times read as
        # a distribution summing to 0.992.
        # Exact to rounding: Q = [0.999, 0.001] normalises to 0.000999…98.
        short = float(f"{value:.{decimals}f}")
        if value > 0 and math.isclose(short, value, rel_tol=EXACT_TO, abs_tol=0.0):
            return format_fixed(value, decimals)  # 0.001, not 1.0×10⁻³
    return format_number(value, decimals=3, significant=2)


#: The widest probability beside a slider that keeps its full size: at the
#: width of "0.000", q = 1.0×10⁻³ of a preset shrank to an unreadable size.
WIDEST_PROBABILITY = "8.8×10⁻⁸"

#: A probability beside a slider with this many decimals or fewer is shown
#: exactly (1/16, 1/32 and the like), not rounded to three.
EXACT_SLIDER_DECIMALS = (3, 4, 5)
#: How near a short decimal a probability must be to be shown as it: the
#: rounding of a normalisation (a few ulps), far below any digit shown.
EXACT_TO = 1e-12


def problem_text(error: ValueError) -> str:
    """Why the scenario cannot be computed, in the language in use."""
    return translate(
        "Explorer",
        "Cannot compute: {problem} The plots and the greyed numbers still show "
        "the last valid state.",
    ).format(problem=error_words(error))
