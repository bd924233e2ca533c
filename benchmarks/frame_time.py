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


def time_frames(app, window, slider, frames: int) -> list[float]:
    from viz.probe import PaintProbe

    probe = PaintProbe(window.explorer.distributions.viewport())
    # A drag: the handle sweeps back and forth across the middle of its range
    # in steps of 1% of the range, as a hand moves it.
    low, high = slider.minimum(), slider.maximum()
    step = max(1, (high - low) // 100)
    sweep = list(range(20, 80)) + list(range(80, 20, -1))
    positions = [low + step * sweep[i % len(sweep)] for i in range(frames + 20)]
    times = []
    for frame, position in enumerate(positions):
        painted_before = probe.count
        start = time.perf_counter()
        slider.setValue(position if position != slider.value() else position + 1)
        while probe.count == painted_before:
            app.processEvents()
        elapsed = time.perf_counter() - start
        if frame >= 20:  # warm-up frames are not counted
            times.append(elapsed * 1000)
    assert probe.count >= frames, "the plot did not paint every frame"
    return times


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
