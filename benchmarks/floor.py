"""The explorer against a floor: a bare PySide6 + pyqtgraph window of its shape.

The floor (issue 12) is what the toolkit alone costs for the same picture: a
window laid out like the explorer (menu bar, five tabs, a 300-pixel column of
sliders, eight readouts above a 3 × 2 grid of plots, a dock of text below)
whose six plots and eight readouts are updated in place from one slider, with
nothing else: no store, no evaluation, fixed axis ranges, no event filter.

* Bars, K = 10 and 16: each plot holds two bar series of K bars.
* Curves, K = 10⁴ and 10⁵: the explorer draws a long tail as min/max
  envelopes of at most 2,400 points. The floor draws as many curves, of the
  same point counts, as the explorer showed in that run (read from its
  plots, and printed), dealt over its six plots.
* 262,144 tokens, the next-token lab: a drag of P's temperature on the lab
  (the real window, the bundled example at 262,144 tokens, Q linked)
  against a floor of one plot drawing two curves of the lab's point counts
  (its downsampled rank curves, about 2,000 points each) and the eight
  readouts, for "a temperature drag within 1.3× of a bare window". The lab
  derives on a worker thread (about 20 ms at this size), so its frame is
  split: the GUI thread's work, from ``setValue`` until it returns plus
  from the results' arrival until the plot has painted, is compared with
  the floor's whole frame (the target); the CPU time of the GUI thread per
  frame, both sides, and the lab's latency (``setValue`` until the plot
  shows that temperature's numbers) are reported beside it.

A frame, for the app and the floor alike, is a ``frame_time.Drag`` frame:
one slider ``setValue``, then ``processEvents()`` until the first plot has
painted, and two more passes (posted events, then ``processEvents()``) for
what it left queued, a layout and the repaint it asks for. App and floor
take turns frame by frame, in ``--rounds`` pairs of freshly built (and then
really deleted) windows, so that a change of machine speed hits both alike
(on this machine a block of 50 frames ran anywhere between 0.75× and 1.25×
of the next); each goes first every other frame, each round starts with no
kept axis pictures and with the builds' objects collected and frozen out of
the garbage collector. Start-up is process start to exit around
``main.py --quit-after-paint`` and around this script's
``--quit-after-paint`` (the floor window, built as main.py builds its
window on a first start), interleaved, each run with an empty settings
directory, and with the app's modules byte-compiled first, as Python leaves
them after the app's first start: where PYTHONDONTWRITEBYTECODE is set (as
on the development machines), every start compiled core/ and viz/ from
source again, some 0.12 s, while the floor's PySide6 and pyqtgraph come
compiled by pip. Reports medians, p90 and app/floor; no target is
asserted.

Run: .venv/bin/python benchmarks/floor.py [--frames 240] [--rounds 3] [--runs 7]
"""

from __future__ import annotations

import argparse
import compileall
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STARTED = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from frame_time import (  # noqa: E402
    ROOT,
    Drag,
    percentile,
    startup_times,
    time_frames,
)

#: The window size of frame_time.py's frames.
FRAME_SIZE = (1280, 800)
#: main.py's first-start size (DEFAULT_SIZE), cut to the screen as it does.
FIRST_START_SIZE = (1600, 1000)
#: Plots and readouts of the explorer.
PLOTS, READOUTS = 6, 8
#: A long tail is drawn through this many buckets' minima and maxima (as
#: viz.plotting.ENVELOPE_BUCKETS; not imported: the floor loads no app code).
ENVELOPE_BUCKETS = 1200
ENVELOPE_POINTS = 2 * ENVELOPE_BUCKETS
#: The next-token lab's vocabulary (issue 12: "262,144 tokens").
NEXT_TOKEN_VOCABULARY = 262_144
TARGETS = {"bars": 1.5, "curves": 1.5, "startup": 1.3, "next_token": 1.3}
TAB_TITLES = (
    "Explorer",
    "Vanishing gradients",
    "Training the logits",
    "Forward vs reverse KL",
    "A PyTorch batch",
)
READOUT_TITLES = (
    "H(P)",
    "H(Q)",
    "H(P,Q)",
    "H(Q,P)",
    "D(P‖Q)",
    "D(Q‖P)",
    "JS(P,Q)",
    "Loss",
)


@dataclass(frozen=True)
class Case:
    """One comparison: what the explorer shows, and what its floor draws."""

    name: str
    kind: str  # "bars" or "curves"
    k: int


CASES = (
    Case("K = 10 (bars)", "bars", 10),
    Case("K = 16 (bars)", "bars", 16),
    Case("K = 10^4 (curves)", "curves", 10_000),
    Case("K = 10^5 (curves)", "curves", 100_000),
)


# The floor window ------------------------------------------------------------


def build_floor(
    bars: int | None = None,
    curves: Sequence[int] = (),
    plots: int = PLOTS,
    readouts: int = READOUTS,
    sliders: int = 1,
) -> Any:
    """A floor window (not yet shown) of ``plots`` plots and ``readouts`` readouts.

    Give ``bars``, for two bar series of that many bars in every plot, or
    ``curves``, the number of points of each curve, dealt over the plots in
    turn (curve i goes to plot i mod ``plots``). The window's ``slider``
    drives every frame; ``window.explorer.distributions`` is its first plot,
    as in the app, so frame_time's paint probe finds it.
    """
    import numpy as np
    import pyqtgraph as pg
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFont, QFontMetrics
    from PySide6.QtWidgets import (
        QDockWidget,
        QFrame,
        QGridLayout,
        QHBoxLayout,
        QLabel,
        QMainWindow,
        QScrollArea,
        QSizePolicy,
        QSlider,
        QSplitter,
        QTabWidget,
        QVBoxLayout,
        QWidget,
    )

    if (bars is None) == (not curves):
        raise ValueError("give bars or curves")
    pg.setConfigOptions(antialias=False, background="w", foreground="#222222")

    class FloorPage(QWidget):
        """Sliders on the left; readouts over a grid of plots on the right."""

        def __init__(self) -> None:
            super().__init__()
            column = QWidget()
            column_layout = QVBoxLayout(column)
            self.sliders = []
            for _ in range(sliders):
                slider = QSlider(Qt.Orientation.Horizontal)
                slider.setRange(0, 1000)
                slider.setValue(500)
                column_layout.addWidget(slider)
                self.sliders.append(slider)
            column_layout.addStretch(1)
            scroll = QScrollArea()
            scroll.setWidget(column)
            scroll.setWidgetResizable(True)
            scroll.setMinimumWidth(300)
            right = QWidget()
            right_layout = QVBoxLayout(right)
            right_layout.setContentsMargins(0, 0, 0, 0)
            right_layout.addWidget(self._readout_grid())
            grid = QGridLayout()
            self.plots = []
            self.items = []
            for index in range(plots):
                plot = pg.PlotWidget()
                plot.setSizePolicy(
                    QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding
                )
                plot.setMinimumSize(160, 130)
                item = plot.getPlotItem()
                item.setTitle(f"plot {index}")
                item.setLabel("bottom", "outcome")
                item.setLabel("left", "probability")
                item.setMouseEnabled(x=False, y=False)
                item.hideButtons()
                self.items.append(self._fill(item, index))
                grid.addWidget(plot, index // 3, index % 3)
                self.plots.append(plot)
            if plots == PLOTS:  # the explorer's: the third column is wider
                for column_index, stretch in enumerate((2, 2, 3)):
                    grid.setColumnStretch(column_index, stretch)
            right_layout.addLayout(grid, 1)
            splitter = QSplitter()
            splitter.addWidget(scroll)
            splitter.addWidget(right)
            splitter.setStretchFactor(1, 1)
            layout = QHBoxLayout(self)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(splitter)
            self.distributions = self.plots[0]

        def _readout_grid(self) -> QWidget:
            panel = QWidget()
            panel.setMinimumHeight(136)  # the app's readouts, at 1280×800
            grid = QGridLayout(panel)
            grid.setContentsMargins(0, 0, 0, 0)
            grid.setSpacing(4)
            font = QFont()
            font.setPixelSize(24)
            font.setWeight(QFont.Weight.DemiBold)
            metrics = QFontMetrics(font)
            self.values = []
            for index in range(readouts):
                frame = QFrame()
                frame.setFrameShape(QFrame.Shape.StyledPanel)
                box = QVBoxLayout(frame)
                box.setContentsMargins(8, 4, 8, 4)
                box.setSpacing(0)
                title = QLabel(READOUT_TITLES[index % len(READOUT_TITLES)] + ", bits")
                value = QLabel("0.0000")
                value.setFont(font)
                # A fixed size: setText repaints, and never re-lays out.
                value.setFixedSize(
                    metrics.horizontalAdvance("0.0000") + 4,
                    metrics.height() + 2,
                )
                # As the app's titles: they take the width they are given.
                title.setSizePolicy(
                    QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
                )
                title.setAlignment(Qt.AlignmentFlag.AlignCenter)
                value.setAlignment(Qt.AlignmentFlag.AlignCenter)
                box.addWidget(title)
                box.addWidget(value, alignment=Qt.AlignmentFlag.AlignHCenter)
                grid.addWidget(frame, index // 4, index % 4)
                self.values.append(value)
            return panel

        def _fill(self, item: Any, index: int) -> list[Any]:
            """The plot's items: two bar series, or its share of the curves."""
            colours = ("#0072B2", "#E69F00")
            drawn = []
            if bars is not None:
                for number, offset in enumerate((-0.2, 0.2)):
                    bar_item = pg.BarGraphItem(
                        x=np.arange(bars) + offset,
                        height=np.zeros(bars),
                        width=0.38,
                        brush=colours[number],
                        pen=None,
                    )
                    drawn.append(bar_item)
            for number, size in enumerate(curves[index::plots]):
                curve = pg.PlotDataItem(pen=pg.mkPen(colours[number % 2], width=1))
                # Envelope positions in 0..1 and a decaying tail's ranks.
                curve.floor_x = np.linspace(0.0, 1.0, size)
                curve.floor_rank = np.linspace(1.0, 50.0, size)
                drawn.append(curve)
            for drawn_item in drawn:
                item.addItem(drawn_item)
            # Fixed ranges: the axes are laid out once, as a floor should be.
            item.disableAutoRange()
            if bars is not None:
                item.setXRange(-0.6, bars - 0.4, padding=0)
                item.setYRange(0, 1, padding=0.02)
            else:
                item.setXRange(0, 1, padding=0.02)
                item.setYRange(0, 1, padding=0.02)
            return drawn

    class FloorWindow(QMainWindow):
        """The explorer's shape around a :class:`FloorPage`."""

        def __init__(self) -> None:
            super().__init__()
            for title in ("&File", "&Edit", "&View", "&Presets"):
                self.menuBar().addMenu(title)
            self.tabs = QTabWidget()
            self.explorer = FloorPage()
            self.tabs.addTab(self.explorer, TAB_TITLES[0])
            for title in TAB_TITLES[1:]:
                self.tabs.addTab(QWidget(), title)
            self.setCentralWidget(self.tabs)
            dock = QDockWidget("About this example", self)
            text = QLabel("Welcome: move a slider and every number follows. " * 4)
            text.setWordWrap(True)
            scroll = QScrollArea()  # as the app's explanation is
            scroll.setWidget(text)
            scroll.setWidgetResizable(True)
            dock.setWidget(scroll)
            dock.setMinimumHeight(130)  # the app's explanation, at 1280×800
            dock.setMaximumHeight(150)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            self.statusBar().showMessage("Move a slider.")
            self.slider = self.explorer.sliders[0]
            self.slider.valueChanged.connect(self.show_value)
            self.show_value(self.slider.value())

        def show_value(self, value: int) -> None:
            """One frame: new data for every item and every readout, in place."""
            s = 0.5 + value / 1000
            page = self.explorer
            for plot_index, drawn in enumerate(page.items):
                for number, item in enumerate(drawn):
                    shift = 0.05 * (plot_index + number)
                    if bars is not None:
                        weights = np.arange(1.0, bars + 1.0) ** -(s + shift)
                        item.setOpts(height=weights / weights.sum())
                    else:
                        item.setData(item.floor_x, item.floor_rank ** -(s + shift))
            for index, label in enumerate(page.values):
                label.setText(f"{s + 0.1 * index:.4f}")

    return FloorWindow()


def delete_window(app: Any, window: Any) -> None:
    """Close ``window`` and really delete it now (its event filters go with it).

    ``deleteLater`` then ``processEvents()`` leaves the window alive: deferred
    deletions run only from an event loop, or when sent explicitly.
    """
    from PySide6.QtCore import QEvent

    window.close()
    window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()


# The app ---------------------------------------------------------------------


def open_explorer(app: Any, case: Case) -> tuple[Any, Any]:
    """The real window at ``case``'s K, shown at 1280×800, as frame_time sets it up."""
    from PySide6.QtWidgets import QSlider

    from viz import MainWindow

    window = MainWindow()
    window.resize(*FRAME_SIZE)
    window.show()
    app.processEvents()
    if case.kind == "bars":
        window.explorer.controls.count.spin.setValue(case.k)
        slider = window.findChild(QSlider, "p_slider_0")
    else:
        window.explorer.controls.mode.setCurrentIndex(1)
        app.processEvents()
        window.explorer.controls.families.k.setValue(case.k)
        slider = window.findChild(QSlider, "p_family_exponent")
    app.processEvents()
    assert window.store.scenario.k == case.k
    return window, slider


def curve_sizes(window: Any) -> list[int]:
    """Points of every curve the explorer shows (envelopes, step lines, loss)."""
    import pyqtgraph as pg

    sizes = []
    for widget in window.explorer.plots.values():
        for plot in widget.plot_items():
            for item in plot.listDataItems():
                if isinstance(item, pg.PlotDataItem) and item.isVisible():
                    x, _ = item.getData()
                    if x is not None and len(x):
                        sizes.append(len(x))
    return sizes


def time_window(app: Any, window: Any, slider: Any, frames: int) -> list[float]:
    """frame_time's frames, on ``window`` shown at 1280×800."""
    window.resize(*FRAME_SIZE)
    window.show()
    app.processEvents()
    return time_frames(app, window, slider, frames)


#: Frames each window draws before any is measured.
WARM_UP_FRAMES = 20


def _drag(app: Any, window: Any, slider: Any) -> Drag:
    """A warmed-up drag on ``window`` shown at 1280×800."""
    window.resize(*FRAME_SIZE)
    window.show()
    app.processEvents()
    drag = Drag(app, window.explorer.distributions.viewport(), slider)
    for _ in range(WARM_UP_FRAMES):
        drag.frame(settle=True)
    return drag


def compare_frames(
    case: Case, frames: int, rounds: int
) -> tuple[list[float], list[float], list[int]]:
    """App and floor frame times for ``case``, frame by frame in turn.

    Each of ``rounds`` rounds builds a fresh app window and a fresh floor
    and lets them take turns, one frame each, so that a machine that slows
    down or speeds up (other work, a clock that changes) does so for both.
    Also returns the point counts of the curves both draw (curves only).
    """
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    per_round = max(1, frames // rounds)
    app_times: list[float] = []
    floor_times: list[float] = []
    sizes: list[int] = []
    for _ in range(rounds):
        forget_kept_pictures()
        window, slider = open_explorer(app, case)
        app_drag = _drag(app, window, slider)
        if case.kind == "bars":
            floor = build_floor(bars=case.k)
        else:
            sizes = curve_sizes(window)  # after the warm-up: what a drag shows
            floor = build_floor(curves=sizes)
        floor_drag = _drag(app, floor, floor.slider)
        # What the builds left is no one's frame: collected and set aside.
        gc.collect()
        gc.freeze()
        try:
            for frame in range(per_round):
                # Each goes first every other frame, so that neither always
                # inherits what the other left (a queued layout, a collection).
                turns = ((app_drag, app_times), (floor_drag, floor_times))
                for drag, times in turns if frame % 2 == 0 else turns[::-1]:
                    times.append(drag.frame(settle=True))
        finally:
            gc.unfreeze()
        delete_window(app, floor)
        delete_window(app, window)
    return app_times, floor_times, sizes


def forget_kept_pictures() -> None:
    """Start a round with no kept axis pictures (viz.fitted_text), as a new app."""
    from viz import fitted_text

    fitted_text._PICTURES.clear()


def next_token_floor(frames: int) -> list[float]:
    """A floor for the next-token lab: one plot, two envelopes of 262,144 tokens."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    floor = build_floor(curves=(ENVELOPE_POINTS, ENVELOPE_POINTS), plots=1)
    times = time_window(app, floor, floor.slider, frames)
    delete_window(app, floor)
    return times


# The next-token lab ----------------------------------------------------------


@dataclass(frozen=True)
class LabFrame:
    """One drag frame, in ms: GUI-thread wall time, its CPU time, and latency."""

    gui: float
    cpu: float
    latency: float


def open_next_token(app: Any) -> tuple[Any, Any, Any]:
    """The real window on the lab at 262,144 tokens, shown at 1280×800, derived."""
    from PySide6.QtCore import QEventLoop

    from viz import MainWindow

    window = MainWindow()
    window.resize(*FRAME_SIZE)
    window.show()
    app.processEvents()
    window.show_panel("next_token")
    page = window.pages["next_token"]
    page.show_example(NEXT_TOKEN_VOCABULARY)
    store = page.store
    while store.pending:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    app.processEvents()
    assert store.results.statistics.p.vocabulary_size == NEXT_TOKEN_VOCABULARY
    return window, page, store


def lab_curve_sizes(page: Any) -> list[int]:
    """Points of the lab's two rank curves (what its floor draws)."""
    return [len(page.plot.curves[role].getData()[0]) for role in ("p", "q")]


class _PaintClock:
    """When a widget last painted: wall time and the GUI thread's CPU time."""

    def __init__(self, widget: Any) -> None:
        from viz.probe import PaintProbe

        self.probe = PaintProbe(widget)
        self.wall = 0.0
        self.cpu = 0.0
        self.probe.painted.connect(self._painted)

    def _painted(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = time.thread_time()


def lab_frames(
    app: Any, widget: Any, slider: Any, frames: int, store: Any = None
) -> list[LabFrame]:
    """A temperature drag (frame_time's sweep), frame by frame.

    Without ``store`` (the floor) a frame ends at the next paint of
    ``widget``; with it (the lab) at the first paint after the results of
    that frame's state arrived. Waiting blocks in the event loop
    (``WaitForMoreEvents``), so idle time costs the GUI thread no CPU.
    """
    from PySide6.QtCore import QEventLoop

    clock = _PaintClock(widget)
    low, high = slider.minimum(), slider.maximum()
    step = max(1, (high - low) // 100)
    sweep = list(range(20, 80)) + list(range(80, 20, -1))
    positions = [low + step * sweep[i % len(sweep)] for i in range(frames + 20)]
    wait = QEventLoop.ProcessEventsFlag.WaitForMoreEvents
    measured: list[LabFrame] = []
    for frame, position in enumerate(positions):
        painted_before = clock.probe.count
        start, start_cpu = time.perf_counter(), time.thread_time()
        slider.setValue(position if position != slider.value() else position + 1)
        returned = time.perf_counter()
        if store is None:
            while clock.probe.count == painted_before:
                app.processEvents(wait)
            gui = clock.wall - start
        else:
            state = store.state
            while not (
                store.results_state is state
                and store.delivered_at > start
                and clock.wall > store.delivered_at
            ):
                app.processEvents(wait)
            gui = (returned - start) + (clock.wall - store.delivered_at)
        if frame >= 20:  # warm-up frames are not counted
            measured.append(
                LabFrame(
                    gui=gui * 1000,
                    cpu=(clock.cpu - start_cpu) * 1000,
                    latency=(clock.wall - start) * 1000,
                )
            )
    return measured


def compare_next_token(
    frames: int, rounds: int
) -> tuple[list[LabFrame], list[LabFrame], list[int]]:
    """Lab and floor drag frames at 262,144 tokens, alternating in ``rounds`` blocks."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    per_round = max(1, frames // rounds)
    lab: list[LabFrame] = []
    bare: list[LabFrame] = []
    sizes: list[int] = []
    for _ in range(rounds):
        window, page, store = open_next_token(app)
        slider = page.decoding["p"].temperature.slider
        lab += lab_frames(app, page.plot.widget.viewport(), slider, per_round, store)
        sizes = lab_curve_sizes(page)
        delete_window(app, window)
        floor = build_floor(curves=sizes, plots=1)
        floor.resize(*FRAME_SIZE)
        floor.show()
        app.processEvents()
        viewport = floor.explorer.distributions.viewport()
        bare += lab_frames(app, viewport, floor.slider, per_round)
        delete_window(app, floor)
    return lab, bare, sizes


def _lab_rows(lab: list[LabFrame], bare: list[LabFrame]) -> list[str]:
    target = TARGETS["next_token"]
    rows = [
        _row(
            "262,144: GUI per frame",
            [f.gui for f in lab],
            [f.gui for f in bare],
            target,
        ),
        _row(
            "262,144: GUI CPU/frame",
            [f.cpu for f in lab],
            [f.cpu for f in bare],
            target,
        ),
    ]
    latency = [f.latency for f in lab]
    rows.append(
        f"{'262,144: lab latency':24} {statistics.median(latency):9.2f} "
        f"{percentile(latency, 0.9):8.2f}  (setValue until its numbers are drawn)"
    )
    return rows


# Start-up --------------------------------------------------------------------


def quit_after_paint() -> int:
    """The floor's start-up: import, build, first paint, quit (as main.py does)."""
    import numpy  # noqa: F401  (main.py imports it with the core)
    import pyqtgraph  # noqa: F401
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    window = build_floor(bars=4, sliders=12)  # the default scenario: K = 4
    available = app.primaryScreen().availableGeometry()
    window.resize(
        min(FIRST_START_SIZE[0], available.width()),
        min(FIRST_START_SIZE[1], available.height()),
    )
    probe = _paint_probe_class()(window.explorer.distributions.viewport())

    def report() -> None:
        elapsed = time.perf_counter() - STARTED
        size = f"{window.width()}x{window.height()}"
        print(f"first paint after {elapsed * 1000:.0f} ms at {size}", flush=True)
        QTimer.singleShot(0, app.quit)

    probe.painted.connect(report, Qt.ConnectionType.SingleShotConnection)
    window.show()
    code = app.exec()
    window.deleteLater()
    app.processEvents()
    return code


def _paint_probe_class() -> Any:
    """viz/probe.py's PaintProbe, loaded alone: ``import viz`` loads the app."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("probe", ROOT / "viz" / "probe.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.PaintProbe


def floor_startup_time() -> float:
    """Seconds from starting the floor's process to its exit (external timer)."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--quit-after-paint"],
        capture_output=True,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        timeout=60,
        check=True,
    )
    elapsed = time.perf_counter() - start
    assert "first paint" in done.stdout
    return elapsed


def compile_the_app() -> None:
    """core/ and viz/ byte-compiled, as a start after the first finds them."""
    for package in ("core", "viz"):
        compileall.compile_dir(str(ROOT / package), quiet=1)


def compare_startup(runs: int) -> tuple[list[float], list[float]]:
    """Interleaved app and floor start-ups, each on a first start (no settings)."""
    compile_the_app()
    app_times: list[float] = []
    floor_times: list[float] = []
    saved = os.environ.get("XDG_CONFIG_HOME")
    try:
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as settings:
                os.environ["XDG_CONFIG_HOME"] = settings
                app_times += startup_times(1)
            with tempfile.TemporaryDirectory() as settings:
                os.environ["XDG_CONFIG_HOME"] = settings
                floor_times.append(floor_startup_time())
    finally:
        if saved is None:
            os.environ.pop("XDG_CONFIG_HOME", None)
        else:
            os.environ["XDG_CONFIG_HOME"] = saved
    return app_times, floor_times


# Report ----------------------------------------------------------------------


def _row(name: str, app: list[float], floor: list[float], target: float) -> str:
    ratio = statistics.median(app) / statistics.median(floor)
    verdict = "ok" if ratio <= target else "OVER"
    return (
        f"{name:24} {statistics.median(app):9.2f} {percentile(app, 0.9):8.2f} "
        f"{statistics.median(floor):9.2f} {percentile(floor, 0.9):8.2f} "
        f"{ratio:7.2f} {target:6.1f}  {verdict}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=240, help="per case and side")
    parser.add_argument("--rounds", type=int, default=3, help="app/floor blocks")
    parser.add_argument("--runs", type=int, default=7, help="start-ups per side")
    parser.add_argument(
        "--quit-after-paint",
        action="store_true",
        help="be the floor's start-up: show the floor window, quit once painted",
    )
    parser.add_argument("--no-startup", action="store_true", help="frames only")
    parser.add_argument(
        "--next-token-only",
        action="store_true",
        help="only the next-token lab's drag against its floor",
    )
    arguments = parser.parse_args()
    if arguments.quit_after_paint:
        return quit_after_paint()
    print(f"load before: {os.getloadavg()[0]:.2f} (1-min average)")
    print(
        f"{'case':24} {'app ms':>9} {'p90':>8} {'floor ms':>9} {'p90':>8} "
        f"{'ratio':>7} {'target':>6}"
    )
    if arguments.next_token_only:
        lab, bare, lab_sizes = compare_next_token(arguments.frames, arguments.rounds)
        for row in _lab_rows(lab, bare):
            print(row)
        print(f"the lab's rank curves: {lab_sizes} points")
        print(f"load after: {os.getloadavg()[0]:.2f}")
        return 0
    drawn = []
    for case in CASES:
        app_times, floor_times, sizes = compare_frames(
            case, arguments.frames, arguments.rounds
        )
        print(_row(case.name, app_times, floor_times, TARGETS[case.kind]), flush=True)
        if sizes:
            drawn.append(f"{case.name}: {len(sizes)} curves of {sizes} points")
    lab, bare, lab_sizes = compare_next_token(arguments.frames, arguments.rounds)
    for row in _lab_rows(lab, bare):
        print(row, flush=True)
    if not arguments.no_startup:
        app_s, floor_s = compare_startup(arguments.runs)
        print(
            _row(
                "start-up (ms)",
                [t * 1000 for t in app_s],
                [t * 1000 for t in floor_s],
                TARGETS["startup"],
            )
        )
    for line in drawn:
        print(line)
    print(
        f"{NEXT_TOKEN_VOCABULARY:,} tokens: the lab's rank curves of {lab_sizes} "
        f"points; the floor: one plot of 2 curves of those sizes, "
        f"{READOUTS} readouts"
    )
    print(f"load after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
