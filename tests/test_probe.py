"""viz.probe.PaintProbe announces a paint once it has been drawn.

The benchmarks stop their clocks on its signal: announced before the
drawing, a frame would leave out the painting of the very plot it times.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from viz.probe import PaintProbe


class _Canvas(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.painted = 0

    def paintEvent(self, event) -> None:
        self.painted += 1


def _painted_once(qtbot, widget: QWidget, probe: PaintProbe) -> None:
    widget.update()
    qtbot.waitUntil(lambda: probe.count > 0)


def test_a_widget_has_painted_when_the_probe_announces_it(qtbot) -> None:
    canvas = _Canvas()
    qtbot.addWidget(canvas)
    canvas.resize(200, 100)
    canvas.show()
    qtbot.waitExposed(canvas)
    probe = PaintProbe(canvas)
    seen: list[int] = []
    probe.painted.connect(lambda: seen.append(canvas.painted))
    before = canvas.painted
    _painted_once(qtbot, canvas, probe)
    assert seen and seen[0] == before + 1  # drawn once, and before the signal
    assert canvas.painted == before + probe.count  # never twice per event


class _CountedCurve(pg.PlotCurveItem):
    drawn = 0

    def paint(self, *args) -> None:
        type(self).drawn += 1
        super().paint(*args)


def test_a_plot_viewport_has_drawn_its_curve_when_announced(qtbot) -> None:
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    plot.resize(300, 200)
    curve = _CountedCurve([0, 1, 2], [0, 1, 0])
    plot.addItem(curve)
    plot.show()
    qtbot.waitExposed(plot)
    probe = PaintProbe(plot.viewport())
    seen: list[int] = []
    probe.painted.connect(lambda: seen.append(_CountedCurve.drawn))
    before = _CountedCurve.drawn
    curve.setData([0, 1, 2], [1, 0, 1])
    qtbot.waitUntil(lambda: probe.count > 0)
    assert seen[0] > before, "the curve had not been drawn when announced"
