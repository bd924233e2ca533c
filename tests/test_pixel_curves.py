"""Curves thinned to their pixel columns draw what every point would draw."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QTransform

from viz.pixel_curves import PixelThinnedCurve, thinned_to_pixel_columns


def rank_curve(n: int = 1346) -> tuple[np.ndarray, np.ndarray]:
    """A log–log rank curve like the next-token lab's: dense in its tail."""
    ranks = np.unique(np.geomspace(1, 262_144, 2000).round())[:n]
    rng = np.random.default_rng(3)
    log_p = -1.1 * np.log10(ranks) - 0.4 + np.cumsum(rng.normal(0, 0.002, ranks.size))
    return np.log10(ranks), np.minimum.accumulate(log_p)  # falling, as ranks


def column_extents(x: Any, y: Any, pixel: float) -> dict[int, tuple[float, float]]:
    columns = np.floor((x - x[0]) / pixel).astype(int)
    return {
        int(c): (float(y[columns == c].min()), float(y[columns == c].max()))
        for c in np.unique(columns)
    }


@pytest.mark.parametrize("falling", [True, False], ids=["monotone", "noisy"])
def test_every_column_keeps_its_extent_its_ends_and_the_order(falling: bool) -> None:
    x, y = rank_curve()
    if not falling:
        y = y + np.random.default_rng(0).normal(0, 0.3, y.size)
    pixel = (x[-1] - x[0]) / 520  # a plot 520 px wide
    tx, ty = thinned_to_pixel_columns(x, y, pixel)
    assert column_extents(tx, ty, pixel) == column_extents(x, y, pixel)
    assert (tx[0], ty[0], tx[-1], ty[-1]) == (x[0], y[0], x[-1], y[-1])
    # A subsequence of the points, in their order.
    positions = np.searchsorted(x, tx)
    assert np.all(np.diff(positions) >= 0) and np.all(x[positions] == tx)
    per_column = np.bincount(np.floor((tx - x[0]) / pixel).astype(int))
    assert per_column.max() <= (2 if falling else 4)
    assert tx.size < x.size * (0.6 if falling else 0.9)


@pytest.mark.parametrize(
    "x, y, pixel",
    [
        ([0.0, 1.0, 2.0, 3.0], [1.0, 2.0, 3.0, 4.0], 10.0),  # too few to thin
        (np.linspace(0, 1, 50), np.linspace(1, 0, 50), 0.0),
        (np.linspace(0, 1, 50), np.linspace(1, 0, 50), float("nan")),
        (np.linspace(1, 0, 50), np.linspace(1, 0, 50), 0.1),  # x falls
        (np.linspace(0, 1, 50), np.r_[np.ones(25), np.nan, np.ones(24)], 0.1),
        (np.linspace(0, 1, 50), np.r_[np.ones(25), np.inf, np.ones(24)], 0.1),
    ],
    ids=["short", "zero pixel", "nan pixel", "x falls", "nan gap", "infinite"],
)
def test_what_cannot_be_thinned_faithfully_is_drawn_whole(
    x: Any, y: Any, pixel: float
) -> None:
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    tx, ty = thinned_to_pixel_columns(x, y, pixel)
    assert tx is x and ty is y


def inked(x: Any, y: Any, transform: QTransform, width: float) -> np.ndarray:
    image = QImage(600, 420, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    painter.setTransform(transform)
    pen = QPen(QColor("black"))
    pen.setWidthF(width)
    pen.setCosmetic(True)
    painter.setPen(pen)
    painter.drawPath(pg.arrayToQPath(x, y, connect="all"))
    painter.end()
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(420, 600, 4)
    return pixels[..., 0] < 128


@pytest.mark.parametrize("width", [1.0, 2.5])
def test_the_thinned_line_inks_the_same_pixels(qapp: Any, width: float) -> None:
    x, y = rank_curve()
    transform = QTransform(520 / (x[-1] - x[0]), 0, 0, -60, 40, 20)
    tx, ty = thinned_to_pixel_columns(x, y, 1 / transform.m11())
    whole, thinned = inked(x, y, transform, width), inked(tx, ty, transform, width)
    # Rasterising a chord or the points it replaces may step a pixel apart,
    # never more: each inks nothing farther than a pixel from the other.
    assert not (thinned & ~near(whole)).any()
    assert not (whole & ~near(thinned)).any()
    assert (whole ^ thinned).sum() <= 0.2 * whole.sum()
    assert whole.sum() > 400  # the curve was drawn at all


def near(inked_pixels: np.ndarray) -> np.ndarray:
    """The inked pixels and their eight neighbours."""
    padded = np.pad(inked_pixels, 1)
    height, width = inked_pixels.shape
    grown = np.zeros_like(inked_pixels)
    for dy in range(3):
        for dx in range(3):
            grown |= padded[dy : dy + height, dx : dx + width]
    return grown


def test_a_plot_curve_draws_thinned_on_screen_and_whole_in_an_export(
    qtbot: Any,
) -> None:
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    curve = PixelThinnedCurve(pen=pg.mkPen("k", width=2.5))
    widget.getPlotItem().addItem(curve)
    x, y = rank_curve()
    curve.setData(x, y)
    widget.resize(600, 400)
    widget.show()
    qtbot.waitExposed(widget)
    widget.grab()  # a paint: the view's scale is known
    on_screen = curve.getPath().elementCount()
    assert on_screen < 0.6 * x.size
    curve.setExportMode({"antialias": True})
    try:
        assert curve.getPath().elementCount() == x.size
    finally:
        curve.setExportMode(False)
    widget.resize(300, 400)  # fewer columns: thinned again
    widget.grab()
    assert curve.getPath().elementCount() < 0.7 * on_screen
