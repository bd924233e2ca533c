"""The guards that spare a redraw of what did not change never spare a change."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from viz.plotting import SteadyBars


def shown_bars(qtbot) -> tuple[pg.PlotWidget, SteadyBars]:
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    bars = SteadyBars(x=[0, 1, 2], height=[1.0, 2.0, 3.0], width=0.5, pen="k")
    widget.addItem(bars)
    widget.resize(300, 200)
    widget.show()
    qtbot.waitExposed(widget)
    return widget, bars


def test_equal_bars_are_not_drawn_again_and_changed_ones_are(qtbot) -> None:
    _, bars = shown_bars(qtbot)
    heights = np.array([1.0, 2.0, 3.0])
    bars.setOpts(height=heights)
    bars.boundingRect()
    bars.drawPicture()
    bars.setOpts(height=np.array([1.0, 2.0, 3.0]))  # equal values, new array
    assert bars.picture is not None
    heights[1] = 5.0  # changed in place, then given again
    bars.setOpts(height=heights)
    assert bars.picture is None
    assert bars.boundingRect().height() >= 5.0


def test_the_kept_rectangle_is_pyqtgraphs(qtbot) -> None:
    widget, bars = shown_bars(qtbot)
    stock = pg.BarGraphItem(x=[0, 1, 2], height=[1.0, 2.0, 3.0], width=0.5, pen="k")
    widget.addItem(stock)
    for size in ((300, 200), (640, 480)):
        widget.resize(*size)
        qtbot.waitUntil(lambda: bars.boundingRect() == stock.boundingRect())
    bars.setOpts(height=[4.0, 1.0, 0.5])
    stock.setOpts(height=[4.0, 1.0, 0.5])
    assert bars.boundingRect() == stock.boundingRect()


def test_a_long_tail_is_enveloped_again_only_when_it_changes(qtbot) -> None:
    from viz.plotting import BAR_LIMIT, Series

    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    series = Series(widget.getPlotItem(), "#0072B2", 0.0, 0.4, "P")
    values = np.linspace(1.0, 2.0, 10 * BAR_LIMIT)
    series.set_values(values)
    drawn = series.line.getData()[1]
    series.set_values(values.copy())
    assert series.line.getData()[1] is drawn  # equal: not drawn again
    changed = values.copy()
    changed[-1] = 9.0
    series.set_values(changed)
    assert series.line.getData()[1].max() == 9.0
    assert series.line.isVisible() and not series.bars.isVisible()


def test_side_by_side_infinity_badges_never_overlap_in_a_narrow_plot(qtbot) -> None:
    from viz.plotting import InfiniteBars

    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    plot = widget.getPlotItem()
    plot.setXRange(-0.5, 2.5, padding=0)
    p_bars = InfiniteBars(plot, "#0072B2", 0.38)
    q_bars = InfiniteBars(plot, "#E69F00", 0.38)
    widget.resize(160, 200)  # a 1024-pixel window's KL-terms plot
    widget.show()
    qtbot.waitExposed(widget)
    p_bars.show([0.8])
    q_bars.show([1.2])
    view = plot.getViewBox()
    px_per_x = view.width() / 3.0
    gap_px = 0.4 * px_per_x  # between the two badges' centres
    assert q_bars.discs.opts["size"] <= gap_px
    assert p_bars.discs.opts["size"] >= InfiniteBars.SMALLEST_DISC_PX
    widget.resize(900, 400)
    qtbot.waitUntil(lambda: q_bars.discs.opts["size"] == InfiniteBars.DISC_PX)


def test_parts_made_when_first_needed_are_drawn_where_they_would_have_been(qtbot):
    """A long tail's line and a pinned outline, made late, keep their layer.

    Made with the series they would lie under what was added after it (here a
    zero line and a second series); made late, pyqtgraph would draw them last.
    """
    from viz.plotting import Series

    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    plot = widget.getPlotItem()
    p = Series(plot, "#0072B2", -0.2, 0.38, "P")
    zero = plot.addLine(y=0)
    q = Series(plot, "#E69F00", 0.2, 0.38, "Q")
    tail = np.linspace(1.0, 0.0, 500)
    q.set_values(tail)
    p.set_ghost(tail)
    p.set_values(tail)
    q.set_ghost(tail)
    drawn = plot.getViewBox().childGroup.childItems()
    p_ghost, q_ghost = p._ghost, q._ghost
    assert p_ghost is not None and q_ghost is not None
    expected = [
        p.bars,
        p.line,
        p_ghost.bars,
        p_ghost.line,
        zero,
        q.bars,
        q.line,
        q_ghost.bars,
        q_ghost.line,
    ]
    assert [drawn.index(item) for item in expected] == sorted(
        drawn.index(item) for item in expected
    )
