"""What one change would save: A/B of a runtime patch on the real explorer.

A diagnostic for issue 12 (see benchmarks/floor.py), not a benchmark: each
change below is a monkeypatch applied at run time that emulates a proposed
fix, so its saving can be measured before anyone edits viz/ or core/. No file
is changed. Written against commit eaa309e; the patches reach into private
names (``_BarsOrLine``, ``store._derive``) and will need updating when those
change.

Frames: one window, blocks of frames alternating without and with the
change, timed in CPU time of this process (``time.process_time``) around the
same setValue-until-painted loop as frame_time.py: on a shared, loaded
machine CPU time varies far less than wall time, and both sides of an A/B
see the same load. The control change ``nothing`` shows the noise.

Start-up: fresh processes, interleaved by change, each on an empty settings
directory, timing (CPU and wall) import, MainWindow(), first paint and quit.

Run:
  .venv/bin/python benchmarks/explorer_ab.py frames --change skip_unchanged \
      [--case 10|16|10000|100000] [--blocks 6] [--frames 40]
  .venv/bin/python benchmarks/explorer_ab.py startup \
      --change none,late_key_filter,no_menus,no_presets [--runs 5]
"""

from __future__ import annotations

import argparse
import collections
import functools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from floor import Case, delete_window, open_explorer

Toggle = tuple[Callable[[], None], Callable[[], None]]  # (apply, undo)


# Frames ----------------------------------------------------------------------


def cpu_frames(app: Any, window: Any, slider: Any, frames: int) -> list[float]:
    """frame_time.time_frames' drag, in CPU milliseconds per frame."""
    from viz.probe import PaintProbe

    probe = PaintProbe(window.explorer.distributions.viewport())
    low, high = slider.minimum(), slider.maximum()
    step = max(1, (high - low) // 100)
    sweep = list(range(20, 80)) + list(range(80, 20, -1))
    positions = [low + step * sweep[i % len(sweep)] for i in range(frames + 5)]
    times = []
    for frame, position in enumerate(positions):
        painted_before = probe.count
        start = time.process_time()
        slider.setValue(position if position != slider.value() else position + 1)
        while probe.count == painted_before:
            app.processEvents()
        if frame >= 5:
            times.append((time.process_time() - start) * 1000)
    probe.deleteLater()
    return times


def _same(a: Any, b: Any) -> bool:
    import numpy as np

    if a is b:
        return True
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
        return a.shape == b.shape and bool(np.array_equal(a, b))
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _on_instance(obj: Any, name: str, function: Callable[..., Any]) -> Toggle:
    def apply() -> None:
        setattr(obj, name, function.__get__(obj))

    def undo() -> None:
        obj.__dict__.pop(name, None)

    return apply, undo


def _on_class(owner: Any, name: str, function: Callable[..., Any]) -> Toggle:
    original = getattr(owner, name)
    return (lambda: setattr(owner, name, function)), (
        lambda: setattr(owner, name, original)
    )


def _both(*toggles: Toggle) -> Toggle:
    return (lambda: [t[0]() for t in toggles]), (
        lambda: [t[1]() for t in reversed(toggles)]
    )


def nothing(app: Any, window: Any) -> Toggle:
    """The control: no change at all (the difference is the noise)."""
    return (lambda: None), (lambda: None)


def no_key_filter(app: Any, window: Any) -> Toggle:
    """viz/keys.py's KeyOwnership off the QApplication (not on every event)."""
    ownership = window.key_ownership
    return (lambda: app.removeEventFilter(ownership)), (
        lambda: app.installEventFilter(ownership)
    )


def skip_unchanged(app: Any, window: Any) -> Toggle:
    """Views redraw only what changed: each series, Q's areas, softmax,
    gradient and loss curve keep what they last drew and skip equal data."""
    import numpy as np

    import viz.plotting as plotting

    explorer = window.explorer
    original_draw = plotting._BarsOrLine.draw

    def draw(self: Any, heights: Any, offset: Any, y0: Any, log_x: Any) -> None:
        key = (heights, offset, y0, log_x, self.width)
        if getattr(self, "_ab_key", None) is not None and _same(self._ab_key, key):
            return
        self._ab_key = key
        original_draw(self, heights, offset, y0, log_x)

    def skipping(plot: Any, key: Callable[[Any, tuple[Any, ...]], Any]) -> Toggle:
        original = type(plot).show_results

        def show_results(self: Any, results: Any, *rest: Any) -> None:
            new = key(results, rest)
            old = self.__dict__.get("_ab_key")
            if old is not None and _same(old, new):
                return
            self._ab_key = new
            original(self, results, *rest)

        return _on_instance(plot, "show_results", show_results)

    def information(self: Any, results: Any, log_x: bool = False) -> None:
        self.set_units(results.units)
        as_bars = results.p.size <= plotting.BAR_LIMIT
        last = self.__dict__.setdefault("_ab_last", {})
        tops = []
        for name, probability, info in (
            ("p", results.p, results.information_p),
            ("q", results.q, results.information_q),
        ):
            key = (probability, info, as_bars)
            if name in last and _same(last[name][0], key):
                tops.append(last[name][1])
                continue
            left = np.concatenate(([0.0], np.cumsum(probability)[:-1]))
            height = np.where(probability > 0, info, 0.0)
            self.rectangles[name].setVisible(as_bars)
            self.lines[name].setVisible(not as_bars)
            if as_bars:
                self.rectangles[name].setOpts(x0=left, width=probability, height=height)
            else:
                self.lines[name].setData(
                    *plotting.step_envelope(left, probability, height)
                )
            last[name] = (key, float(np.max(height)))
            tops.append(last[name][1])
        self.y_range.fit(0.0, max(tops))

    def curve_key(results: Any, rest: tuple[Any, ...]) -> Any:
        curve = results.curve
        return (curve.z, curve.loss, curve.grad, results.loss, rest)

    def fresh() -> None:
        for plot in explorer.plots.values():
            plot.__dict__.pop("_ab_key", None)
            plot.__dict__.pop("_ab_last", None)

    toggle = _both(
        _on_class(plotting._BarsOrLine, "draw", draw),
        skipping(explorer.softmax, lambda r, rest: (r.softmax, r.target, rest)),
        skipping(explorer.gradient, lambda r, rest: (r.grad, rest)),
        skipping(explorer.loss_curve, curve_key),
        _on_instance(explorer.information, "show_results", information),
    )
    return (lambda: (fresh(), toggle[0]())), toggle[1]


def curve_items(app: Any, window: Any) -> Toggle:
    """Long tails drawn through PlotCurveItem.setData, not PlotDataItem.setData."""
    import numpy as np

    import viz.plotting as plotting

    original = plotting._BarsOrLine.draw

    def draw(self: Any, heights: Any, offset: Any, y0: Any, log_x: Any) -> None:
        if heights.size <= plotting.BAR_LIMIT:
            original(self, heights, offset, y0, log_x)
            return
        x, y = plotting.envelope(heights, log_x)
        # x as the log-rank axis shows it (a real fix caches this per K).
        self.line.curve.setData(
            np.log10(x + 1.0) if log_x else x, y, skipFiniteCheck=True
        )
        self.bars.setVisible(False)
        self.line.setVisible(True)

    return _on_class(plotting._BarsOrLine, "draw", draw)


def zipf_exp(app: Any, window: Any) -> Toggle:
    """Zipf weights as exp(−s·log r), log r cached per K, not r ** −s."""
    import numpy as np

    import core.families as families

    original = families._family_weights

    @functools.lru_cache(maxsize=4)
    def log_ranks(k: int) -> Any:
        return np.log(np.arange(1, k + 1, dtype=np.float64))

    def weights(family: Any) -> Any:
        if family.kind != "zipf":
            return original(family)
        exponent = families._checked_params(family)["exponent"]
        return np.exp(-exponent * log_ranks(family.k))

    return _on_class(families, "_family_weights", weights)


def frozen_ranges(app: Any, window: Any) -> Toggle:
    """StickyRange never moves once set: what re-ranging axes costs."""
    import viz.plotting as plotting

    original = plotting.StickyRange.fit

    def fit(self: Any, low: float, high: float) -> None:
        if self.shown is None:
            original(self, low, high)

    return _on_class(plotting.StickyRange, "fit", fit)


def fixed_axis_width(app: Any, window: Any) -> Toggle:
    """Left axes 56 px wide: a re-range no longer re-lays out its plot."""
    axes = [
        plot.getAxis("left")
        for widget in window.explorer.plots.values()
        for plot in widget.plot_items()
    ]
    return (lambda: [a.setWidth(56) for a in axes]), (
        lambda: [a.setWidth(None) for a in axes]
    )


def guarded_spins(app: Any, window: Any) -> Toggle:
    """FamilySettings sets K's and the label's spin boxes only when they differ
    (a same-value setValue/setRange still re-lays out the controls column)."""
    from PySide6.QtCore import QSignalBlocker

    families = window.explorer.controls.families

    def show_families(self: Any, p: Any, q: Any, label: int) -> None:
        if self.k.value() != p.k:
            with QSignalBlocker(self.k):
                self.k.setValue(p.k)
        if self.label.maximum() != p.k - 1 or self.label.value() != label:
            with QSignalBlocker(self.label):
                self.label.setRange(0, p.k - 1)
                self.label.setValue(label)
        self.p.show_family(p)
        self.q.show_family(q)

    return _on_instance(families, "show_families", show_families)


FRAME_CHANGES = {
    f.__name__: f
    for f in (
        nothing,
        no_key_filter,
        skip_unchanged,
        curve_items,
        zipf_exp,
        frozen_ranges,
        fixed_axis_width,
        guarded_spins,
    )
}


def frames_ab(names: list[str], k: int, blocks: int, frames: int) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    case = Case(f"K = {k}", "bars" if k <= 16 else "curves", k)
    window, slider = open_explorer(app, case)
    toggles = [FRAME_CHANGES[name](app, window) for name in names]
    apply, undo = _both(*toggles)
    without: list[float] = []
    with_change: list[float] = []
    cpu_frames(app, window, slider, frames)  # warm-up, not counted
    for _ in range(blocks):
        undo()
        without += cpu_frames(app, window, slider, frames)
        apply()
        with_change += cpu_frames(app, window, slider, frames)
    undo()
    delete_window(app, window)
    before, after = statistics.median(without), statistics.median(with_change)
    print(
        f"{'+'.join(names):28} {case.name:12} CPU median {before:6.2f} → "
        f"{after:6.2f} ms/frame: saves {before - after:+6.2f}"
    )


# Start-up --------------------------------------------------------------------

STARTUP_CHANGES = ("none", "late_key_filter", "no_menus", "no_presets")


def startup_child(change: str) -> None:
    """One start-up, as main.py makes it, with ``change``; prints its phases."""
    marks: list[tuple[str, float, float]] = []

    def mark(name: str) -> None:
        marks.append((name, time.perf_counter(), time.process_time()))

    started = (time.perf_counter(), time.process_time())
    import numpy  # noqa: F401
    import pyqtgraph as pg
    from PySide6.QtCore import QSettings, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    mark("numpy, pyqtgraph, PySide6")
    import viz.window
    from viz.probe import PaintProbe

    mark("the app's modules")
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Entropy Lab")
    app.setOrganizationName("Entropy Lab")
    if "late_key_filter" in change:  # installed after the first paint instead

        class NoApplication:
            @staticmethod
            def instance() -> None:
                return None

        viz.window.QApplication = NoApplication  # type: ignore[assignment,misc]
    if "no_menus" in change:  # every ViewBox(enableMenu=False)
        original = pg.ViewBox.__init__

        def view_box(self: Any, *args: Any, **kwargs: Any) -> None:
            kwargs["enableMenu"] = False
            original(self, *args, **kwargs)

        pg.ViewBox.__init__ = view_box
    if "no_presets" in change:
        viz.window.load_presets = lambda: ()  # type: ignore[assignment]
    window = viz.window.MainWindow(settings=QSettings())
    mark("MainWindow()")
    window.restore_geometry()
    window.restore_last_state()
    available = app.primaryScreen().availableGeometry()
    window.resize(min(1600, available.width()), min(1000, available.height()))
    probe = PaintProbe(window.explorer.distributions.viewport())

    def painted() -> None:
        mark("show → first paint")
        if "late_key_filter" in change:
            app.installEventFilter(window.key_ownership)
        QTimer.singleShot(0, app.quit)

    probe.painted.connect(painted, Qt.ConnectionType.SingleShotConnection)
    window.show()
    app.exec()
    window.deleteLater()
    app.processEvents()
    mark("quit")
    wall, cpu = started
    for name, wall_at, cpu_at in marks:
        print(f"{name}|{(wall_at - wall) * 1000:.1f}|{(cpu_at - cpu) * 1000:.1f}")
        wall, cpu = wall_at, cpu_at


def startup_ab(changes: list[str], runs: int) -> None:
    phases: dict[str, dict[str, list[tuple[float, float]]]] = {
        change: collections.defaultdict(list) for change in changes
    }
    for _ in range(runs):
        for change in changes:
            with tempfile.TemporaryDirectory() as settings:
                environment = dict(os.environ, XDG_CONFIG_HOME=settings)
                start = time.perf_counter()
                done = subprocess.run(
                    [sys.executable, __file__, "startup-child", change],
                    capture_output=True,
                    text=True,
                    env=environment,
                    timeout=120,
                    check=True,
                )
                total = (time.perf_counter() - start) * 1000
            for line in done.stdout.splitlines():
                name, wall, cpu = line.split("|")
                phases[change][name].append((float(wall), float(cpu)))
            phases[change]["process start → exit"].append((total, float("nan")))
    print(f"{'median ms (wall / CPU)':26}" + "".join(f"{c:>22}" for c in changes))
    for name in phases[changes[0]]:
        row = f"{name:26}"
        for change in changes:
            wall = statistics.median(w for w, _ in phases[change][name])
            cpu = statistics.median(c for _, c in phases[change][name])
            row += f"{wall:11.0f} / {cpu:7.0f}"
        print(row)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("frames", "startup", "startup-child"))
    parser.add_argument("change", nargs="?", help="(startup-child only)")
    parser.add_argument("--change", dest="changes", default="nothing")
    parser.add_argument("--case", type=int, default=10, help="K: 10, 16, 10^4, 10^5")
    parser.add_argument("--blocks", type=int, default=6)
    parser.add_argument("--frames", type=int, default=40, help="per block")
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    if arguments.what == "startup-child":
        startup_child(arguments.change)
        return 0
    names = arguments.changes.split(",")
    print(f"load: {os.getloadavg()[0]:.2f}")
    if arguments.what == "frames":  # "a,b": each alone; "a+b": both at once
        for name in names:
            frames_ab(
                name.split("+"), arguments.case, arguments.blocks, arguments.frames
            )
    else:
        startup_ab(names, arguments.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
