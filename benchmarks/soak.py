"""Soak: many updates in a row must not leak memory, objects or speed.

Drives the explorer through ``--updates`` slider changes (P, Q, logits,
temperature, smoothing, units, K, pin and unpin), each followed by the
coalesced recompute and a paint, at 1280×800 offscreen. Reports resident
memory after warm-up and at the end, the number of QObjects and of plot items
(graphics items in every plot's scene), and the median frame time of the
first and last measuring windows.

Run: .venv/bin/python benchmarks/soak.py [--updates 100000]
Pass/fail lines follow the targets: memory growth < 20 MB after warm-up,
constant object and item counts, final frame time within 10% of the start.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

WARM_UP = 2_000
WINDOW = 500


def resident_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def counts(window) -> tuple[int, int]:
    from PySide6.QtCore import QObject

    objects = len(window.findChildren(QObject))
    items = sum(len(plot.scene().items()) for plot in window.explorer.plots.values())
    return objects, items


def action(window, rng: random.Random, step: int) -> None:
    from PySide6.QtWidgets import QSlider

    store = window.store
    k = store.scenario.k
    choice = step % 10
    if choice < 4:
        name = f"{rng.choice(['p', 'q', 'logit'])}_slider_{rng.randrange(k)}"
        slider = window.findChild(QSlider, name)
        slider.setValue(rng.randint(slider.minimum(), slider.maximum()))
    elif choice < 6:
        slider = window.findChild(
            QSlider, rng.choice(["temperature_slider", "smoothing_slider"])
        )
        slider.setValue(rng.randint(slider.minimum(), slider.maximum()))
    elif choice == 6 and step % 100 == 6:
        store.update(units=rng.choice(["bits", "nats"]))
    elif choice == 7 and step % 250 == 7:
        window.explorer.set_outcome_count(rng.choice([3, 4, 6, 8]))
    elif choice == 8 and step % 500 == 8:
        if window.explorer.pinned is None:
            window.explorer.pin()
        else:
            window.explorer.unpin()
    else:
        slider = window.findChild(QSlider, f"p_slider_{rng.randrange(k)}")
        slider.setValue(rng.randint(0, slider.maximum()))


def settle_on_reference(app, window) -> None:
    """The same state before both counts: labels hold text machinery only while
    they show a reason, so counting in different states would differ."""
    from PySide6.QtCore import QEvent

    from core import default_scenario

    window.explorer.unpin()
    window.store.set_scenario(default_scenario())
    window.store.recompute_now()
    app.processEvents()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def timed_window(app, window, seed: int) -> list[float]:
    """Frame times of one fixed sequence from the reference state.

    The start and the end replay the same actions from the same state, so a
    difference is the app's, not a different K or scenario.
    """
    settle_on_reference(app, window)
    rng = random.Random(seed + 1)
    for step in range(WINDOW):  # warm the caches for this sequence
        frame(app, window, rng, step)
    settle_on_reference(app, window)
    rng = random.Random(seed + 1)
    return [frame(app, window, rng, step) for step in range(WINDOW)]


def frame(app, window, rng, step) -> float:
    from PySide6.QtCore import QEvent

    start = time.perf_counter()
    action(window, rng, step)
    window.store.recompute_now()
    app.processEvents()
    # The event loop deletes deleteLater()'d widgets (sliders of a smaller K);
    # processEvents() alone never does, which would look like a leak.
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    arguments = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    from viz import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    rng = random.Random(arguments.seed)
    for step in range(WARM_UP):
        frame(app, window, rng, step)
    # Labels build their text machinery the first time they show a reason or
    # a pinned value: show every one once, so that growth means a leak.
    window.explorer.set_outcome_count(4)
    window.store.update(p_weights=[0.5, 0.0, 0.5, 0.0], q_weights=[0.0, 0.5, 0.5, 0.0])
    window.store.recompute_now()
    window.explorer.pin()
    app.processEvents()
    settle_on_reference(app, window)
    start_memory, start_counts = resident_mb(), counts(window)
    first = timed_window(app, window, arguments.seed)
    for step in range(WINDOW, arguments.updates - WINDOW):
        frame(app, window, rng, step)
        if step % 10_000 == 0:
            print(f"  {step:>7} updates, {resident_mb():7.1f} MB", flush=True)
    last = timed_window(app, window, arguments.seed)
    settle_on_reference(app, window)
    end_memory, end_counts = resident_mb(), counts(window)
    growth = end_memory - start_memory
    first_median, last_median = statistics.median(first), statistics.median(last)
    change = (last_median - first_median) / first_median
    print(f"updates                  {arguments.updates}")
    print(
        f"resident memory          {start_memory:.1f} MB -> {end_memory:.1f} MB "
        f"(growth {growth:+.1f} MB, target < 20)  {'ok' if growth < 20 else 'FAIL'}"
    )
    print(
        f"QObjects, plot items     {start_counts} -> {end_counts}  "
        f"{'ok' if start_counts == end_counts else 'FAIL'}"
    )
    print(
        f"median frame             {first_median:.2f} ms -> {last_median:.2f} ms "
        f"({change:+.1%}, target within 10%)  {'ok' if abs(change) <= 0.10 else 'FAIL'}"
    )
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
