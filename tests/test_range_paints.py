"""A plot whose y range moves paints once, not again for the move itself.

pyqtgraph moves a view's items to a new range as the next paint begins;
moved during the paint, they were dirty again after it and the plot painted
a second time (at K = 100,000 a fifth of a drag's frames on the KL terms'
plot). viz.plotting.set_y_range_now moves them before the paint.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtWidgets import QApplication

from viz.pages.common import LogRange
from viz.plotting import StickyRange
from viz.probe import PaintProbe


def shown_plot(qtbot: Any) -> tuple[pg.PlotWidget, pg.PlotDataItem]:
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    curve = widget.getPlotItem().plot(np.arange(50.0), np.linspace(0.1, 1.0, 50))
    widget.getPlotItem().setXRange(0.0, 49.0)  # as every page's plots: no autorange
    widget.resize(400, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget, curve


def paints_after(qtbot: Any, widget: pg.PlotWidget, change: Any) -> int:
    """Paints of ``widget``'s viewport once ``change`` is made and all is drawn."""
    probe = PaintProbe(widget.viewport())
    change()
    qtbot.waitUntil(lambda: probe.count > 0)
    settle()  # what the paint left queued, drawn too
    return probe.count


def settle() -> None:
    """Every pass of the event loop the last change asked for."""
    app = QApplication.instance()
    for _ in range(6):
        app.sendPostedEvents()
        app.processEvents()


@pytest.mark.parametrize("kind", ["sticky", "log"])
def test_new_data_out_of_range_is_drawn_in_one_paint(qtbot: Any, kind: str) -> None:
    widget, curve = shown_plot(qtbot)
    plot = widget.getPlotItem()
    y_range = StickyRange(plot) if kind == "sticky" else LogRange(plot)
    y_range.fit(np.array([0.1, 1.0])) if kind == "log" else y_range.fit(0.1, 1.0)
    settle()
    before = plot.getViewBox().viewRange()[1]

    def grow() -> None:
        y = np.linspace(0.1, 1.9, 50)
        curve.setData(np.arange(50.0), y)
        y_range.fit(y) if kind == "log" else y_range.fit(0.1, 1.9)

    width = plot.getAxis("left").width()
    assert paints_after(qtbot, widget, grow) == 1
    assert plot.getAxis("left").width() == width, width
    assert plot.getViewBox().viewRange()[1] != before  # the range did move
