"""Frame time of the explorer and time to the first painted window.

A frame is one slider ``setValue`` followed by ``processEvents()`` until the
P/Q plot has painted (checked with a paint probe), at 1280×800 offscreen with
every panel visible. Reports median and p90 in milliseconds.

Run: .venv/bin/python benchmarks/frame_time.py [--frames 120] [--startup-runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGETS_MS = {
    "K = 10 (sliders)": 4.0,
    "K = 10^4 (family)": 6.0,
    "K = 10^5 (family)": 16.7,
}
STARTUP_TARGET_S = 1.5


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


class Drag:
    """A hand dragging one slider, one frame at a time.

    The handle sweeps back and forth across the middle of its range in steps
    of 1% of the range, as a hand moves it. A frame is one ``setValue``, then
    ``processEvents()`` until ``viewport`` has painted.
    """

    def __init__(self, app, viewport, slider) -> None:
        from viz.probe import PaintProbe

        self.app = app
        self.probe = PaintProbe(viewport)
        self.slider = slider
        low, high = slider.minimum(), slider.maximum()
        step = max(1, (high - low) // 100)
        sweep = list(range(20, 80)) + list(range(80, 20, -1))
        self._positions = [low + step * i for i in sweep]
        self.frames = 0

    def frame(self, settle: bool = False) -> float:
        """One frame of the drag, in ms.

        With ``settle`` the frame also takes what it left queued (two more
        passes of posted events and ``processEvents()``), so that when two
        windows take turns neither is charged with the other's leftovers.
        """
        position = self._positions[self.frames % len(self._positions)]
        self.frames += 1
        painted_before = self.probe.count
        start = time.perf_counter()
        slider = self.slider
        slider.setValue(position if position != slider.value() else position + 1)
        while self.probe.count == painted_before:
            self.app.processEvents()
        if settle:  # what the frame queued (a layout, then its repaint)
            for _ in range(2):
                self.app.sendPostedEvents()
                self.app.processEvents()
        return (time.perf_counter() - start) * 1000


def time_frames(app, window, slider, frames: int) -> list[float]:
    """``frames`` frames of a drag on ``window``'s P/Q plot, after 20 unmeasured."""
    drag = Drag(app, window.explorer.distributions.viewport(), slider)
    times = [drag.frame() for _ in range(frames + 20)]
    return times[20:]  # warm-up frames are not counted


def frame_benchmarks(frames: int) -> dict[str, list[float]]:
    from PySide6.QtWidgets import QApplication, QSlider

    from viz import MainWindow

    app = QApplication.instance() or QApplication([])
    results = {}
    for name, family_k in (
        ("K = 10 (sliders)", None),
        ("K = 10^4 (family)", 10_000),
        ("K = 10^5 (family)", 100_000),
    ):
        window = MainWindow()
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        if family_k is None:
            window.explorer.controls.count.spin.setValue(10)
            slider = window.findChild(QSlider, "p_slider_0")
        else:
            window.explorer.controls.mode.setCurrentIndex(1)
            app.processEvents()
            window.explorer.controls.families.k.setValue(family_k)
            slider = window.findChild(QSlider, "p_family_exponent")
        app.processEvents()
        assert window.store.scenario.k == (family_k or 10)
        results[name] = time_frames(app, window, slider, frames)
        window.close()
        window.deleteLater()
        app.processEvents()
    return results


def startup_times(runs: int) -> list[float]:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--quit-after-paint"],
            capture_output=True,
            text=True,
            env=environment,
            timeout=60,
            check=True,
        )
        assert "first paint" in done.stdout
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=120)
    parser.add_argument("--startup-runs", type=int, default=5)
    arguments = parser.parse_args()
    print(f"{'case':22} {'median ms':>10} {'p90 ms':>8} {'target':>8}")
    for name, times in frame_benchmarks(arguments.frames).items():
        median = statistics.median(times)
        verdict = "ok" if median <= TARGETS_MS[name] else "SLOW"
        print(
            f"{name:22} {median:10.2f} {percentile(times, 0.9):8.2f} "
            f"{TARGETS_MS[name]:8.1f}  {verdict}"
        )
    startup = startup_times(arguments.startup_runs)
    median = statistics.median(startup)
    verdict = "ok" if median <= STARTUP_TARGET_S else "SLOW"
    print(
        f"{'start to first paint':22} {median * 1000:10.0f} "
        f"{percentile(startup, 0.9) * 1000:8.0f} "
        f"{STARTUP_TARGET_S * 1000:8.0f}  {verdict}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
