"""Axes keep the tick pictures of ranges they showed (viz.fitted_text).

A kept picture must be the one pyqtgraph would draw: the same range at the
same size looks the same, and anything else that goes into the picture (a
pen, the tick font, the size, the range) makes a new one.
"""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontInfo, QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication

from viz.fitted_text import FittedAxisItem, _pen_key, _style_key, fitted_axis_items


@pytest.fixture(autouse=True)
def _no_kept_pictures():
    """Each test starts with no kept pictures (they are shared by all axes)."""
    from viz import fitted_text

    fitted_text._PICTURES.clear()
    yield
    fitted_text._PICTURES.clear()


class _Counting(FittedAxisItem):
    """Counts the pictures worked out afresh."""

    made = 0

    def generateDrawSpecs(self, p):
        type(self).made += 1
        return super().generateDrawSpecs(p)


def _plot(qtbot) -> tuple[pg.PlotWidget, _Counting]:
    axes = fitted_axis_items()
    axes["left"] = _Counting("left")
    widget = pg.PlotWidget(axisItems=axes)
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    widget.plot([0, 1, 2], [0, 3, 1])
    widget.getPlotItem().disableAutoRange()
    widget.show()
    qtbot.waitExposed(widget)
    return widget, axes["left"]


def _drawn(widget: pg.PlotWidget, y: tuple[float, float]) -> QImage:
    widget.setYRange(*y, padding=0)
    for _ in range(3):  # a new text width resizes the axis, which paints again
        QApplication.processEvents()
    return widget.grab().toImage()


def test_a_range_shown_again_reuses_its_picture_and_looks_the_same(qtbot) -> None:
    widget, _ = _plot(qtbot)
    first = _drawn(widget, (0.0, 1.0))
    _drawn(widget, (0.0, 3.0))  # tick text as wide: the axis keeps its size
    made = _Counting.made
    again = _drawn(widget, (0.0, 1.0))
    assert _Counting.made == made, "the picture of 0..1 was worked out again"
    assert again == first
    _drawn(widget, (0.0, 7.0))
    assert _Counting.made > made, "a range never shown needs its own picture"


def test_a_wider_axis_reports_its_text_again_when_its_picture_is_reused(qtbot) -> None:
    # Tick text of 0..2.5e7 is wider than that of 0..1: pyqtgraph widens the
    # axis while it works the picture out. Served from the kept pictures,
    # the axis must widen all the same, or its numbers would be cut off.
    widget, axis = _plot(qtbot)
    _drawn(widget, (0.0, 1.0))
    _drawn(widget, (0.0, 2.5e7))
    wide = axis.width()
    _drawn(widget, (0.0, 1.0))
    narrow = axis.width()
    assert wide > narrow
    made = _Counting.made
    _drawn(widget, (0.0, 2.5e7))
    assert axis.width() == wide
    assert _Counting.made <= made + 1  # at most the first paint at the old width


def test_a_new_pen_or_tick_font_is_not_served_an_old_picture(qtbot) -> None:
    widget, axis = _plot(qtbot)
    plain = _drawn(widget, (0.0, 1.0))
    _drawn(widget, (0.0, 9.0))
    made = _Counting.made
    axis.setTextPen(pg.mkPen("#d00000"))
    red = _drawn(widget, (0.0, 1.0))
    assert _Counting.made > made
    assert red != plain
    made = _Counting.made
    # The same size in bold: before the axis is laid out again (bold is
    # wider) only the font can tell the pictures apart.
    font = QFont(QApplication.font())
    font.setPixelSize(QFontInfo(font).pixelSize())
    font.setBold(True)
    before = axis._picture_key()
    axis.setStyle(tickFont=font)
    assert axis._picture_key() != before
    _drawn(widget, (0.0, 9.0))
    bold = _drawn(widget, (0.0, 1.0))
    assert _Counting.made > made
    assert bold != red


def test_fonts_that_differ_only_in_their_fallbacks_are_told_apart() -> None:
    # QFont.toString() names the first family only; Chinese type is a
    # fallback family appended to the Latin one.
    latin = QFont("DejaVu Sans", 12)
    with_cjk = QFont(latin)
    with_cjk.setFamilies(["DejaVu Sans", "WenQuanYi Micro Hei"])
    assert latin.toString() == with_cjk.toString()
    assert _style_key(latin) != _style_key(with_cjk)


def test_without_a_tick_font_the_application_font_is_in_the_key(qtbot) -> None:
    widget, axis = _plot(qtbot)
    _drawn(widget, (0.0, 1.0))
    assert axis.style["tickFont"] is None
    before = axis._picture_key()
    font = QFont(QApplication.font())
    original = QFont(font)
    font.setBold(True)
    QApplication.setFont(font)
    try:
        assert axis._picture_key() != before
    finally:
        QApplication.setFont(original)


def test_pens_that_differ_in_cap_join_or_brush_are_told_apart() -> None:
    plain = pg.mkPen("#000000", width=3)
    capped, joined, brushed = QPen(plain), QPen(plain), QPen(plain)
    capped.setCapStyle(Qt.PenCapStyle.RoundCap)
    joined.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    brushed.setBrush(QBrush(QColor("#000000"), Qt.BrushStyle.Dense4Pattern))
    keys = {_pen_key(pen) for pen in (plain, capped, joined, brushed)}
    assert len(keys) == 4


def test_an_axis_with_nothing_to_draw_keeps_no_picture(qtbot) -> None:
    from viz import fitted_text

    axis = FittedAxisItem("left")  # on no view: pyqtgraph draws no ticks
    axis.setRange(0.0, 1.0)
    image = QImage(200, 200, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        axis.paint(painter, None, None)
    finally:
        painter.end()
    assert axis._drew_nothing
    assert not fitted_text._PICTURES


def test_a_new_size_is_not_served_the_old_size_s_picture(qtbot) -> None:
    widget, _ = _plot(qtbot)
    _drawn(widget, (0.0, 1.0))
    made = _Counting.made
    widget.resize(400, 500)
    _drawn(widget, (0.0, 1.0))
    assert _Counting.made > made


def test_after_a_drag_there_and_back_every_axis_looks_as_if_drawn_afresh(
    fresh_window, qtbot
) -> None:
    # Zipf's exponent swept up and down moves the plots' ranges and brings
    # back those seen on the way up: their axes come from kept pictures.
    # Drawn again from nothing, each plot must look exactly the same.
    from PySide6.QtWidgets import QSlider

    from viz import fitted_text

    window = fresh_window
    controls = window.explorer.controls
    controls.mode.setCurrentIndex(1)
    QApplication.processEvents()
    controls.families.k.setValue(1000)
    slider = window.findChild(QSlider, "p_family_exponent")
    low, high = slider.minimum(), slider.maximum()
    sweep = [low + (high - low) * i // 12 for i in range(2, 11)]
    ranges = set()
    plots = list(window.explorer.plots.values())
    for position in sweep + sweep[::-1]:
        slider.setValue(position)
        qtbot.waitUntil(lambda: not window.store.pending)
        QApplication.processEvents()
        ranges.add(tuple(window.explorer.asymmetry.plot_items()[0].viewRange()[1]))
        kept = [plot.grab().toImage() for plot in plots]
        held = dict(fitted_text._PICTURES)
        fitted_text._PICTURES.clear()
        for plot in plots:
            for item in plot.plot_items():
                for side in ("left", "bottom"):
                    axis = item.getAxis(side)
                    axis.picture = None
                    axis.update()  # or its pixmap cache shows the old picture
        fresh = [plot.grab().toImage() for plot in plots]
        fitted_text._PICTURES.update(held)  # the drag goes on with them
        assert all(a == b for a, b in zip(kept, fresh, strict=True)), position
    assert len(ranges) > 2, "the sweep should move the terms' range"


@pytest.mark.parametrize(
    ("label", "shortened"),
    [
        ("contribution (bits)", "bits"),  # units: they are what a tick means
        ("rank (1 = most probable)", "rank"),  # not units: the name stays
        ("抽样次数 n（对数坐标）", "抽样次数 n"),
    ],
)
def test_a_label_too_long_for_its_axis_keeps_what_it_measures(
    qtbot, label, shortened
) -> None:
    # Any closing brackets were taken for units: "rank (1 = most probable)"
    # became "1 = most probable", and 抽样次数 n（对数坐标） became 对数坐标
    # ("log scale"): the axis no longer said what it measures.
    widget = pg.PlotWidget(axisItems=fitted_axis_items())
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    widget.show()
    qtbot.waitExposed(widget)
    axis = widget.getPlotItem().getAxis("bottom")
    axis.setLabel(label)
    widget.resize(90, 300)  # far too narrow for the whole label in any type

    def shown() -> str:
        return axis.label.toPlainText().strip()

    qtbot.waitUntil(lambda: shown() == shortened)
    widget.resize(900, 300)
    qtbot.waitUntil(lambda: shown() == label)
