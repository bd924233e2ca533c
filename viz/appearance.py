"""Lecture mode and zoom: fonts, bar widths and the high-contrast light theme.

Everything here changes how things look, never what they show.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from viz import theme
from viz.fitted_text import FittedAxisItem, FittedTitle
from viz.plotting import Series, plot_text_px, set_plot_text_px
from viz.theme import Theme

#: The window's base font size in pixels, by theme, before zoom.
BASE_FONT_PX = {"normal": 13, "lecture": 18}

ZOOM_STEPS = (0.6, 0.7, 0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0)


def zoom_in(zoom: float) -> float:
    """The next larger zoom step."""
    return next((step for step in ZOOM_STEPS if step > zoom + 1e-9), ZOOM_STEPS[-1])


def zoom_out(zoom: float) -> float:
    """The next smaller zoom step."""
    smaller = [step for step in ZOOM_STEPS if step < zoom - 1e-9]
    return smaller[-1] if smaller else ZOOM_STEPS[0]


def high_contrast_palette() -> QPalette:
    """Black on white (21:1) with a dark blue selection: survives a projector."""
    palette = QPalette()
    white, black = QColor("#FFFFFF"), QColor("#000000")
    roles = {
        QPalette.ColorRole.Window: white,
        QPalette.ColorRole.WindowText: black,
        QPalette.ColorRole.Base: white,
        QPalette.ColorRole.AlternateBase: QColor("#F2F2F2"),
        QPalette.ColorRole.Text: black,
        QPalette.ColorRole.Button: QColor("#F2F2F2"),
        QPalette.ColorRole.ButtonText: black,
        QPalette.ColorRole.Highlight: QColor("#003C8F"),
        QPalette.ColorRole.HighlightedText: white,
        QPalette.ColorRole.ToolTipBase: white,
        QPalette.ColorRole.ToolTipText: black,
        QPalette.ColorRole.PlaceholderText: QColor("#404040"),
    }
    for role, colour in roles.items():
        palette.setColor(role, colour)
    # A control that does nothing must look it: without a disabled group
    # the unchecked top-k box and the linked Q controls read as live.
    # (Inactive controls are exempt from the 7:1 rule, and should be.)
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(disabled, role, QColor("#8C8C8C"))
    palette.setColor(disabled, QPalette.ColorRole.Button, QColor("#E8E8E8"))
    palette.setColor(disabled, QPalette.ColorRole.Base, QColor("#F2F2F2"))
    palette.setColor(disabled, QPalette.ColorRole.Highlight, QColor("#A0A0A0"))
    return palette


def _style_plot_item(plot: pg.PlotItem, style: Theme, zoom: float) -> None:
    size = round(style.axis_font_px * zoom)
    font = QFont()
    font.setPixelSize(size)
    for side in ("left", "bottom"):
        axis = plot.getAxis(side)
        axis.setStyle(tickFont=font)
        axis.setPen(
            pg.mkPen(style.foreground, width=2 if style.name == "lecture" else 1)
        )
        axis.setTextPen(pg.mkPen(style.foreground))
        if isinstance(axis, FittedAxisItem):
            axis.set_label_px(size)
        else:
            axis.label.setFont(font)
        axis.picture = None
        axis.update()
    set_plot_text_px(plot, plot_text_px(size))
    title = plot.titleLabel
    if isinstance(title, FittedTitle):
        title.set_style(round(size * 1.15), style.foreground, style.shows_hints)
    else:
        px = f"{round(size * 1.15)}px"
        title.setText(title.text, size=px, color=style.foreground)


def style_plots(widgets: Iterable[QWidget], style: Theme, zoom: float) -> None:
    """Fonts, axis pens and bar widths of every plot in ``widgets``."""
    for widget in widgets:
        plot_items: Iterable[Any] = getattr(widget, "plot_items", lambda: [])()
        for plot in plot_items:
            _style_plot_item(plot, style, zoom)
        line_px = style.line_width(widget.devicePixelRatioF())
        set_line_px = getattr(widget, "set_line_px", None)
        if set_line_px is not None:
            set_line_px(line_px)
        for value in vars(widget).values():
            if isinstance(value, Series):
                value.set_width_scale(style.bar_scale, line_px)


def apply_application_style(style: Theme, zoom: float) -> None:
    """Application font and palette for ``style``."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    font = app.font()
    font.setPixelSize(round(BASE_FONT_PX[style.name] * zoom))
    app.setFont(font)
    app.setPalette(high_contrast_palette() if style.name == "lecture" else QPalette())


def theme_for(lecture: bool) -> Theme:
    """The lecture theme or the normal one."""
    return theme.LECTURE if lecture else theme.NORMAL
