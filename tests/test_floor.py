"""benchmarks/floor.py's floor window is what it claims to be (no timing here).

A floor with fewer plots, fewer readouts or items that never change would
make every ratio it reports look better than it is.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QApplication

from viz.probe import PaintProbe

ROOT = Path(__file__).resolve().parents[1]


def _floor_module():
    spec = importlib.util.spec_from_file_location(
        "benchmark_floor", ROOT / "benchmarks" / "floor.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _shown(qtbot, window):
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def _frame(window) -> PaintProbe:
    """One slider move; returns the probe once the first plot has painted."""
    probe = PaintProbe(window.explorer.distributions.viewport())
    window.slider.setValue(window.slider.value() + 37)
    for _ in range(200):
        if probe.count:
            break
        QApplication.processEvents()
    return probe


def test_the_bar_floor_has_six_plots_of_two_bar_series_and_eight_readouts(qtbot):
    floor = _floor_module()
    window = _shown(qtbot, floor.build_floor(bars=16))
    page = window.explorer
    assert len(page.plots) == 6
    assert len(page.values) == 8
    assert page.distributions is page.plots[0]
    for plot in page.plots:
        bars = [i for i in plot.getPlotItem().items if isinstance(i, pg.BarGraphItem)]
        assert len(bars) == 2
        assert all(len(b.opts["height"]) == 16 for b in bars)
    before = [np.array(i.opts["height"]) for i in page.items[5]]
    texts = [label.text() for label in page.values]
    probe = _frame(window)
    assert probe.count >= 1, "the floor's first plot did not paint"
    after = [np.array(i.opts["height"]) for i in page.items[5]]
    assert all(not np.array_equal(b, a) for b, a in zip(before, after, strict=True))
    assert all(
        label.text() != text for label, text in zip(page.values, texts, strict=True)
    ), "every readout is updated in place"


def test_the_curve_floor_draws_the_given_point_counts_and_updates_them(qtbot):
    floor = _floor_module()
    sizes = [1636, 1636, 38, 2156, 1636, 1636, 241]
    window = _shown(qtbot, floor.build_floor(curves=sizes))
    drawn = [
        len(item.getData()[0])
        for plot in window.explorer.plots
        for item in plot.getPlotItem().listDataItems()
    ]
    assert sorted(drawn) == sorted(sizes)
    first = window.explorer.items[0][0]
    before = np.array(first.getData()[1])
    probe = _frame(window)
    assert probe.count >= 1
    assert not np.array_equal(before, first.getData()[1])


def test_the_next_token_floor_is_one_plot_with_two_envelopes(qtbot):
    floor = _floor_module()
    points = floor.ENVELOPE_POINTS
    window = _shown(qtbot, floor.build_floor(curves=(points, points), plots=1))
    (plot,) = window.explorer.plots
    curves = plot.getPlotItem().listDataItems()
    assert [len(c.getData()[0]) for c in curves] == [2400, 2400]
    assert _frame(window).count >= 1
