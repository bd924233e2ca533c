"""Monkey: a seeded random sequence of user actions through the real widgets.

Every action goes through a real control of the window, found by its object
name: the outcome sliders (values, extremes, drags, keys), K, the temperature
near its bounds, the true class, label smoothing, link, units, reset, the
mode, the family editors, bar drags and clicks on the P/Q plot (mouse events),
presets, play and pause on the animated pages, undo and redo, pin and unpin.
A *patient* monkey lets the coalesced recompute run after each action, then
:meth:`Monkey.check` holds the window to its promises: every readout equals
``core.evaluate`` of the current scenario (to the four decimals shown), no
readout says "nan", and an invalid scenario keeps the last valid readouts
and plots with the problem label on show. An *impatient* monkey is a fast
real user: it sends the next input before the window has caught up (a click
on a bar that a preset is about to remove, say), aims at the bars as they
are drawn rather than at the current scenario, and checks only now and
then, when it pauses. Either way an exception in a slot, an exception
dialog or a Qt warning fails the action.

``tests/test_monkey.py`` runs a short sequence of the same machinery in CI;
this script runs the full one.

Run: .venv/bin/python benchmarks/monkey.py [--actions 5000] [--seed 1]
[--mode both|patient|impatient]

It prints how often each action ran and, on a failure, the seed and the index
of the failing action; ``--actions <index + 1>`` with the same seed replays
the sequence up to it.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import re
import sys
import time
import traceback
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import numpy as np
from PySide6.QtCore import (
    QEvent,
    QEventLoop,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QWidget,
)
from qt_input import send_mouse, view_point

from core import FAMILY_PARAMETERS, evaluate
from core.metrics import READOUTS, reason_text
from core.numbers import parse_shown

DEFAULT_ACTIONS = 5_000
DEFAULT_SEED = 1

#: Pages with a play button, and every page a tab can show.
ANIMATED_PANELS = ("binary", "training", "fitting")
PANELS = ("explorer", "binary", "training", "fitting", "batch")

#: Qt messages that are the offscreen platform's, not ours (as in pyproject).
IGNORED_QT_MESSAGES = re.compile(
    r"This plugin does not support (propagateSizeHints|raise)"
)

#: Family sizes worth visiting: both sides of the bar limit and of the
#: envelope's threshold, and the largest.
FAMILY_SIZES = (2, 3, 100, 199, 200, 201, 2400, 2401, 5000, 100_000)

#: Keys a slider and a spin box answer to.
SLIDER_KEYS = (
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
)


class MonkeyError(AssertionError):
    """A broken promise, with what it takes to reproduce it: the action's index."""

    def __init__(self, message: str, index: int) -> None:
        super().__init__(message)
        self.index = index


# --- reading the window -----------------------------------------------------


def find(window: QWidget, cls: type, name: str) -> Any:
    """The child ``name`` of type ``cls``; AssertionError if there is none."""
    widget = window.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name}"
    return widget


def readout_texts(window: QWidget) -> dict[str, str]:
    """What every readout shows, as one line each (value, unit or ∞ reason)."""
    return {key: find(window, QWidget, f"readout_{key}").text() for key in READOUTS}


def shown_number(text: str) -> float:
    """The number at the start of a readout's text ("−1.2×10⁻⁵ bits" → -1.2e-05)."""
    if text.startswith("∞"):
        return math.inf
    return parse_shown(text.split()[0])


def is_family_mode(window: QWidget) -> bool:
    """True when the explorer shows the family editors."""
    s = window.store.scenario
    return s.p_family is not None and s.q_family is not None


def plotted(window: QWidget) -> dict[str, np.ndarray]:
    """What the explorer's plots draw now, per series."""
    e = window.explorer
    series = {
        "p": e.distributions.p,
        "q": e.distributions.q,
        "pq_terms": e.asymmetry.pq_terms,
        "qp_terms": e.asymmetry.qp_terms,
        "target": e.softmax.target,
        "softmax": e.softmax.softmax,
        "gradient": e.gradient.gradient,
    }
    drawn = {name: s.heights().copy() for name, s in series.items()}
    drawn["loss_curve"] = line_values(e.loss_curve.loss_curve)
    drawn["grad_curve"] = line_values(e.loss_curve.grad_curve)
    return drawn


def line_values(line: Any) -> np.ndarray:
    """The y data of a plotted line (pyqtgraph gives None for an empty one)."""
    y = line.getData()[1]
    return np.empty(0) if y is None else np.array(y, dtype=np.float64)


def readout_problem(text: str, value: float, units: str, reason: str) -> str:
    """Why ``text`` does not show ``value`` to display precision ("" if it does)."""
    if "nan" in text.lower():
        return f"shows nan: {text!r}"
    if math.isinf(value):
        expected = f"∞ {reason}"
        return "" if text == expected else f"shows {text!r}, expected {expected!r}"
    parts = text.split()
    if len(parts) != 2 or parts[1] != units:
        return f"shows {text!r}, expected a number in {units}"
    shown = shown_number(text)
    if (shown == 0) != (value == 0):
        return f"shows {text!r} for {value!r}: a zero must read 0, nothing else"
    # Four decimals, or four significant digits in scientific notation.
    scientific = "×10" in parts[0]
    tolerance = 5e-4 * abs(value) if scientific else 5e-5
    if abs(shown - value) > tolerance * (1 + 1e-9):
        return f"shows {text!r}, the core says {value!r}"
    return ""


# --- sending real input -----------------------------------------------------


# --- watching for exceptions and Qt warnings ---------------------------------


class Watch:
    """Records exceptions raised in slots and Qt warnings, chaining to the hooks.

    pytest-qt installs its own hooks for the same purpose; this one sits in
    front of them, so a test still fails as pytest-qt decides, and the monkey
    knows which action caused it.
    """

    def __init__(self) -> None:
        self.problems: list[str] = []
        self._previous_hook: Callable[..., Any] | None = None
        self._previous_handler: Any = None

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        sys.excepthook = self._exception
        self._previous_handler = qInstallMessageHandler(self._message)

    def uninstall(self) -> None:
        if self._previous_hook is not None:
            sys.excepthook = self._previous_hook
        qInstallMessageHandler(self._previous_handler)

    def _exception(self, kind: type, value: BaseException, tb: Any) -> None:
        text = "".join(traceback.format_exception(kind, value, tb))
        self.problems.append(f"exception in a slot:\n{text}")
        if self._previous_hook is not None:
            self._previous_hook(kind, value, tb)

    def _message(self, mode: QtMsgType, context: Any, message: str) -> None:
        serious = mode in (
            QtMsgType.QtWarningMsg,
            QtMsgType.QtCriticalMsg,
            QtMsgType.QtFatalMsg,
        )
        if serious and not IGNORED_QT_MESSAGES.search(message):
            self.problems.append(f"Qt {mode.name}: {message}")
        if self._previous_handler is not None:
            self._previous_handler(mode, context, message)

    def take(self) -> list[str]:
        problems, self.problems = self.problems, []
        return problems


def exception_dialogs(window: QWidget) -> list[str]:
    """One line per exception dialog open (the app's "Something went wrong")."""
    found = []
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == "exception_dialog" and widget.isVisible():
            found.append(f"an exception dialog is open: {widget.windowTitle()}")
            widget.close()
    return found


# --- the monkey ---------------------------------------------------------------


class Monkey:
    """Random user actions on ``window``, each followed by :meth:`check`.

    Parameters
    ----------
    window : MainWindow
        Shown, on any scenario.
    seed : int
        The whole sequence follows from it.
    settle : callable
        Returns once the store's scheduled recompute has run
        (``qtbot.waitUntil(lambda: not store.pending)`` in a test).
    patient : bool
        Wait for the recompute after every action (and check every time), or
        send input without waiting, as a fast user does.
    """

    #: An impatient monkey pauses (lets the window catch up and checks it)
    #: after this share of its actions, and processes pending events
    #: without waiting after another share; the rest follow at once.
    PAUSE_SHARE, GLANCE_SHARE = 0.2, 0.3

    def __init__(
        self,
        window: Any,
        seed: int,
        settle: Callable[[], None],
        patient: bool = True,
    ) -> None:
        self.window = window
        self.patient = patient
        self.seed = seed
        self.rng = random.Random(seed)
        self.settle = settle
        self.counts: Counter[str] = Counter()
        self.recent: list[str] = []
        self.valid_readouts: dict[str, str] | None = None
        self.valid_plots: dict[str, np.ndarray] | None = None
        self.checked_invalid = 0
        self.watch = Watch()

    # running -------------------------------------------------------------------

    def run(self, count: int) -> None:
        """``count`` actions; MonkeyError names the seed and action that broke."""
        self.watch.install()
        try:
            self.settle()
            self.check()
            for index in range(count):
                self.step(index)
            self.settle()
            self.check()  # an impatient run ends with the window caught up
        finally:
            self.watch.uninstall()

    def step(self, index: int) -> None:
        """One random action, the recompute, and every check."""
        name, act = self._choose()
        try:
            detail = act(self)
            self.counts[name] += 1
            self.recent = [*self.recent[-11:], f"#{index} {name} {detail or ''}"]
            pause = self.patient or self.rng.random() < self.PAUSE_SHARE
            if pause:
                self.settle()
                QApplication.processEvents()  # paints, and the pages' animations
            elif self.rng.random() < self.GLANCE_SHARE / (1 - self.PAUSE_SHARE):
                QApplication.processEvents()
            problems = [*self.watch.take(), *exception_dialogs(self.window)]
            assert not problems, "\n".join(problems)
            if pause:
                self.check()
        except Exception as error:  # a broken check, or the action itself
            what = (
                "" if isinstance(error, AssertionError) else f"{type(error).__name__}: "
            )
            raise MonkeyError(
                f"seed {self.seed}, action #{index} ({name}) broke a promise:\n"
                f"{what}{error}\nthe last actions:\n  " + "\n  ".join(self.recent),
                index,
            ) from error

    def _choose(self) -> tuple[str, Callable[[Monkey], str | None]]:
        family = is_family_mode(self.window)
        table = [
            (name, weight, act)
            for name, weight, act, where in ACTIONS
            if where == "any" or (where == "families") == family
        ]
        weights = [weight for _, weight, _ in table]
        name, _, act = self.rng.choices(table, weights)[0]
        return name, act

    def summary(self) -> str:
        """How often each action ran, most frequent first."""
        width = max(len(name) for name, *_ in ACTIONS)
        lines = [f"  {name:<{width}} {n:>6}" for name, n in self.counts.most_common()]
        return "\n".join(lines)

    # checks ---------------------------------------------------------------------

    def check(self) -> None:
        """Readouts equal the core's (or, if invalid, the last valid ones)."""
        window, store = self.window, self.window.store
        assert not store.pending, "the recompute has not run"
        texts = readout_texts(window)
        for key, text in texts.items():
            assert "nan" not in text.lower(), f"readout {key} shows {text!r}"
        problem = find(window, QLabel, "problem_label")
        if store.error is None:
            self._check_valid(texts, problem)
        else:
            self._check_invalid(texts, problem)
        self._check_controls()

    def _check_valid(self, texts: dict[str, str], problem: QLabel) -> None:
        store = self.window.store
        assert store.results_scenario == store.scenario, "results of an old scenario"
        results = evaluate(store.scenario)
        self._check_readouts(texts, results)
        assert not problem.isVisibleTo(
            self.window.explorer
        ) or not problem.text().startswith("Cannot compute"), (
            f"problem shown while valid: {problem.text()}"
        )
        self._check_plots(results)
        self.valid_readouts = texts
        self.valid_plots = plotted(self.window)

    def _check_readouts(self, texts: dict[str, str], results: Any) -> None:
        for key, text in texts.items():
            wrong = readout_problem(
                text, getattr(results, key), results.units, reason_text(results, key)
            )
            assert not wrong, f"readout {key} {wrong}"

    def _check_invalid(self, texts: dict[str, str], problem: QLabel) -> None:
        self.checked_invalid += 1
        explorer = self.window.explorer
        assert problem.isVisibleTo(explorer), (
            f"no problem shown for {self.window.store.error}"
        )
        if self.window.current_panel() == "explorer":
            assert problem.isVisible(), "the problem label is not on screen"
        assert problem.text(), "an empty problem label"
        if not self.patient:
            # Valid states came and went unchecked: the window must still show
            # the last one that evaluated, whichever it was.
            last_valid = self.window.store.results_scenario
            self._check_readouts(texts, evaluate(last_valid))
            self._check_plots(evaluate(last_valid))
            return
        assert texts == self.valid_readouts, (
            f"readouts changed while invalid: {texts} != {self.valid_readouts}"
        )
        assert self.valid_plots is not None
        now = plotted(self.window)
        for name, values in self.valid_plots.items():
            assert np.array_equal(now[name], values), (
                f"plot {name} changed while invalid"
            )

    def _check_plots(self, results: Any) -> None:
        """Each plot draws the results (bars exactly; a long line by its extremes)."""
        drawn = plotted(self.window)
        expected = {
            "p": results.p,
            "q": results.q,
            "target": results.target,
            "softmax": results.softmax,
            "gradient": results.grad,
        }
        for name, values in expected.items():
            shown = drawn[name]
            if shown.size == values.size:
                assert np.array_equal(shown, values), f"plot {name} is stale"
            else:  # an envelope keeps every bucket's extremes
                assert shown.max() == values.max(), f"plot {name}'s maximum"
                assert shown.min() == values.min(), f"plot {name}'s minimum"
        finite = np.isfinite(results.curve.loss)
        curves = {
            "loss_curve": results.curve.loss[finite],
            "grad_curve": results.curve.grad,
        }
        for name, values in curves.items():
            assert np.array_equal(drawn[name], values), f"plot {name} is stale"
        self._check_on_screen(drawn)

    def _check_on_screen(self, drawn: dict[str, np.ndarray]) -> None:
        """Every finite value drawn lies inside its plot's y range."""
        e = self.window.explorer
        plots = {
            "p": e.distributions.getPlotItem(),
            "q": e.distributions.getPlotItem(),
            "pq_terms": e.asymmetry.terms_plot,
            "qp_terms": e.asymmetry.terms_plot,
            "target": e.softmax.getPlotItem(),
            "softmax": e.softmax.getPlotItem(),
            "gradient": e.gradient.getPlotItem(),
            "loss_curve": e.loss_curve.loss_plot,
            "grad_curve": e.loss_curve.grad_plot,
        }
        for name, plot in plots.items():
            values = drawn[name][np.isfinite(drawn[name])]
            low, high = plot.viewRange()[1]
            inside = low <= values.min(initial=0.0) and values.max(initial=0.0) <= high
            assert inside, f"plot {name} runs off its y range [{low:.3g}, {high:.3g}]"

    def _check_controls(self) -> None:
        """The controls show the scenario (state → control)."""
        window, s = self.window, self.window.store.scenario
        assert find(window, QPushButton, "units_toggle").isChecked() == (
            s.units == "nats"
        ), "units toggle"
        assert find(window, QWidget, "link_toggle").isChecked() == s.linked, "link"
        mode = find(window, QComboBox, "mode_combo").currentIndex()
        assert mode == int(is_family_mode(window)), "mode combo"
        if is_family_mode(window):
            assert find(window, QSpinBox, "family_k_spin").value() == s.k, "family K"
            shown = find(window, QSpinBox, "family_label_spin").value()
            assert shown == s.label, f"family label spin box shows {shown}"
            return
        assert find(window, QSpinBox, "k_spin").value() == s.k, "K spin box"
        shown = find(window, QComboBox, "label_combo").currentIndex()
        assert shown == s.label, f"label combo shows {shown}"
        sliders = window.explorer.controls.p_sliders.sliders
        assert len(sliders) == s.k, "one P slider per outcome"

    # choosing values --------------------------------------------------------------

    def position(self, slider: QSlider) -> int:
        """A slider position: often an extreme or next to one, else anywhere."""
        low, high = slider.minimum(), slider.maximum()
        if self.rng.random() < 0.35:
            return self.rng.choice((low, low + 1, high - 1, high))
        return self.rng.randint(low, high)

    def outcome_slider(self) -> QSlider:
        """A random enabled P, Q or logit slider."""
        s = self.window.store.scenario
        prefixes = ("p", "logit") if s.linked else ("p", "q", "logit")
        name = f"{self.rng.choice(prefixes)}_slider_{self.rng.randrange(s.k)}"
        return find(self.window, QSlider, name)


# --- the actions ----------------------------------------------------------------
# Each takes the monkey, acts through a real control and returns a short detail.


def act_slider(m: Monkey) -> str:
    slider = m.outcome_slider()
    position = m.position(slider)
    slider.setValue(position)
    return f"{slider.objectName()}={position}"


def act_slider_drag(m: Monkey) -> str:
    slider = m.outcome_slider()
    positions = [m.position(slider) for _ in range(m.rng.randint(2, 6))]
    slider.setSliderDown(True)  # sliderPressed: a gesture (one undo step) begins
    for position in positions:
        slider.setValue(position)
    slider.setSliderDown(False)
    return f"{slider.objectName()} through {positions}"


def act_slider_key(m: Monkey) -> str:
    slider = m.outcome_slider()
    key = m.rng.choice(SLIDER_KEYS)
    QTest.keyClick(slider, key)
    return f"{slider.objectName()} {key.name}"


def act_zero_all(m: Monkey) -> str:
    s = m.window.store.scenario
    series = "p" if s.linked or m.rng.random() < 0.7 else "q"
    for index in range(s.k):
        find(m.window, QSlider, f"{series}_slider_{index}").setValue(0)
    return f"every {series} weight"


def act_k(m: Monkey) -> str:
    spin = find(m.window, QSpinBox, "k_spin")
    if m.rng.random() < 0.4:
        key = m.rng.choice((Qt.Key.Key_Up, Qt.Key.Key_Down))
        QTest.keyClick(spin, key)
        return key.name
    k = m.rng.choice((spin.minimum(), spin.maximum(), m.rng.randint(2, 16)))
    spin.setValue(k)
    return str(k)


def act_temperature(m: Monkey) -> str:
    slider = find(m.window, QSlider, "temperature_slider")
    position = m.position(slider)
    slider.setValue(position)
    return f"T = {slider.float_value():.4g}"


def act_label(m: Monkey) -> str:
    combo = find(m.window, QComboBox, "label_combo")
    index = m.rng.randrange(combo.count())
    combo.setCurrentIndex(index)
    return str(index)


def act_smoothing(m: Monkey) -> str:
    slider = find(m.window, QSlider, "smoothing_slider")
    position = m.position(slider)
    slider.setValue(position)
    return f"ε = {slider.float_value():.4g}"


def act_click(name: str) -> Callable[[Monkey], str]:
    def click(m: Monkey) -> str:
        find(m.window, QWidget, name).click()
        return ""

    return click


def act_mode(m: Monkey) -> str:
    combo = find(m.window, QComboBox, "mode_combo")
    combo.setCurrentIndex(1 - combo.currentIndex())
    return str(combo.currentData())


def act_family_k(m: Monkey) -> str:
    spin = find(m.window, QSpinBox, "family_k_spin")
    k = m.rng.choice((*FAMILY_SIZES, m.rng.randint(2, 3000)))
    spin.setValue(k)
    return str(k)


def act_family_kind(m: Monkey) -> str:
    prefix = m.rng.choice(("p", "q"))
    combo = find(m.window, QComboBox, f"{prefix}_family_combo")
    index = m.rng.randrange(combo.count())
    combo.setCurrentIndex(index)
    return f"{prefix}: {combo.currentData()}"


def act_family_parameter(m: Monkey) -> str:
    prefix = m.rng.choice(("p", "q"))
    editor = m.window.explorer.controls.families.p
    if prefix == "q":
        editor = m.window.explorer.controls.families.q
    names = list(FAMILY_PARAMETERS[editor.current_kind()])
    if not names:
        return f"{prefix}: uniform has no parameter"
    name = m.rng.choice(names)
    control = find(m.window, QWidget, f"{prefix}_family_{name}")
    if isinstance(control, QSpinBox):
        value = m.rng.choice((0, 1, control.maximum(), m.rng.randint(0, 10**6)))
        control.setValue(value)
        return f"{prefix} {name} = {value}"
    position = m.position(control)
    control.setValue(position)
    return f"{prefix} {name} = {control.float_value():.4g}"


def act_family_label(m: Monkey) -> str:
    spin = find(m.window, QSpinBox, "family_label_spin")
    value = m.rng.choice((0, spin.maximum(), m.rng.randint(0, spin.maximum())))
    spin.setValue(value)
    return str(value)


def _bar_target(m: Monkey) -> tuple[Any, str, float]:
    if m.window.current_panel() != "explorer":
        m.window.show_panel("explorer")
        QApplication.processEvents()  # lay the page out before aiming at it
    series = m.rng.choice(("p", "q"))
    # A user aims at the bars on screen, which lag a change by one frame.
    drawn = m.window.explorer.distributions.view_box.k
    k = drawn if not m.patient and drawn > 0 else m.window.store.scenario.k
    index = m.rng.randrange(k)
    x = index - 0.2 if series == "p" else index + 0.2
    return m.window.explorer.distributions, f"{series}{index}", x


def act_bar_drag(m: Monkey) -> str:
    plot, target, x = _bar_target(m)
    viewport = plot.viewport()
    heights = [m.rng.uniform(0.05, 0.95)]
    heights += [m.rng.uniform(-0.3, 1.3) for _ in range(m.rng.randint(1, 4))]
    left = Qt.MouseButton.LeftButton
    start = view_point(plot, x, heights[0]).toPoint()
    QTest.mousePress(viewport, left, Qt.KeyboardModifier.NoModifier, start)
    for y in heights[1:]:
        # QTest's own move carries no held button to a widget: a real event.
        send_mouse(viewport, QEvent.Type.MouseMove, view_point(plot, x, y), True)
    end = view_point(plot, x, heights[-1]).toPoint()
    QTest.mouseRelease(viewport, left, Qt.KeyboardModifier.NoModifier, end)
    return f"{target} through {[round(y, 3) for y in heights]}"


def act_bar_click(m: Monkey) -> str:
    plot, target, x = _bar_target(m)
    y = m.rng.uniform(0.02, 0.98)
    point = view_point(plot, x, y).toPoint()
    QTest.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=point)
    return f"{target} at {y:.3f}"


def act_preset(m: Monkey) -> str:
    preset = m.rng.choice(m.window.presets)
    if m.rng.random() < 0.5:
        m.window.apply_preset(preset)
    else:
        m.window.actions_by_name[f"preset_{preset.id}"].trigger()
    return preset.id


def act_play(m: Monkey) -> str:
    panel = m.rng.choice(ANIMATED_PANELS)
    m.window.show_panel(panel)
    button = "play" if m.rng.random() < 0.75 else "step"
    find(m.window, QPushButton, f"{panel}_{button}_button").click()
    return f"{panel} {button}"


def act_tab(m: Monkey) -> str:
    panel = m.rng.choice(PANELS)
    m.window.show_panel(panel)
    return panel


def act_menu(name: str) -> Callable[[Monkey], str]:
    def trigger(m: Monkey) -> str:
        m.window.actions_by_name[name].trigger()
        return ""

    return trigger


#: (name, weight, action, where): where is "sliders", "families" or "any".
ACTIONS: tuple[tuple[str, float, Callable[[Monkey], str | None], str], ...] = (
    ("slider", 20, act_slider, "sliders"),
    ("slider_drag", 5, act_slider_drag, "sliders"),
    ("slider_key", 4, act_slider_key, "sliders"),
    ("zero_all_weights", 2, act_zero_all, "sliders"),
    ("k", 4, act_k, "sliders"),
    ("label", 3, act_label, "sliders"),
    ("bar_drag", 4, act_bar_drag, "any"),
    ("bar_click", 2, act_bar_click, "any"),
    ("temperature", 4, act_temperature, "any"),
    ("smoothing", 3, act_smoothing, "any"),
    ("link", 2, act_click("link_toggle"), "any"),
    ("units", 2, act_click("units_toggle"), "any"),
    ("reset", 1, act_click("reset_button"), "any"),
    ("mode", 2, act_mode, "sliders"),
    ("mode", 0.7, act_mode, "families"),
    ("family_k", 3, act_family_k, "families"),
    ("family_kind", 3, act_family_kind, "families"),
    ("family_parameter", 6, act_family_parameter, "families"),
    ("family_label", 2, act_family_label, "families"),
    ("preset", 2, act_preset, "any"),
    ("play", 2, act_play, "any"),
    ("tab", 2, act_tab, "any"),
    ("undo", 3, act_menu("undo"), "any"),
    ("redo", 2, act_menu("redo"), "any"),
    ("pin", 1, act_menu("pin"), "any"),
    ("unpin", 1, act_menu("unpin"), "any"),
)


# --- the script ---------------------------------------------------------------------


def settle_by_processing(store: Any, limit_s: float = 30.0) -> None:
    """Process events until the store's recompute has run (no pytest-qt here)."""
    deadline = time.monotonic() + limit_s
    while store.pending:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if time.monotonic() > deadline:
            raise AssertionError(f"the recompute did not run within {limit_s} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=DEFAULT_ACTIONS)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--mode", choices=("both", "patient", "impatient"), default="both"
    )
    arguments = parser.parse_args()
    warnings.simplefilter("error")  # as the test suite's filterwarnings
    modes = ("patient", "impatient") if arguments.mode == "both" else (arguments.mode,)
    app = QApplication.instance() or QApplication([])
    failed = False
    for mode in modes:
        failed |= not run_once(app, arguments.seed, arguments.actions, mode)
    return 1 if failed else 0


def run_once(app: Any, seed: int, actions: int, mode: str) -> bool:
    """One monkey run in a fresh window; prints its report, True if it passed."""
    from viz import MainWindow
    from viz.errors import ExceptionReporter

    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    reporter = ExceptionReporter(window)  # as the app: a slot's error opens a dialog
    reporter.install()
    app.processEvents()
    monkey = Monkey(
        window,
        seed,
        lambda: settle_by_processing(window.store),
        patient=mode == "patient",
    )
    start = time.perf_counter()
    failure: MonkeyError | None = None
    try:
        monkey.run(actions)
    except MonkeyError as error:
        failure = error
    finally:
        reporter.uninstall()
    elapsed = time.perf_counter() - start
    done = sum(monkey.counts.values())
    print(f"{mode} monkey, seed {seed}: {done} of {actions} actions")
    print(f"time: {elapsed:.1f} s ({1000 * elapsed / max(done, 1):.1f} ms an action)")
    print(f"invalid states checked: {monkey.checked_invalid}")
    print("actions:")
    print(monkey.summary())
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if failure is not None:
        print(f"FAIL {failure}")
        print(
            "reproduce: .venv/bin/python benchmarks/monkey.py "
            f"--seed {seed} --actions {failure.index + 1} --mode {mode}"
        )
        return False
    print("ok: no exception, no exception dialog, every check held\n")
    return True


if __name__ == "__main__":
    sys.exit(main())
