"""What the lecture-hall layout test checks on a laid-out window.

Each check returns a list of problems in words (empty when all is well), so a
failing test says which plot, which text and by how many pixels.
"""

from __future__ import annotations

import contextlib
import itertools
import math
from collections.abc import Iterator

import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter, Qt, QTextDocument
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

#: Text may overrun its item by this much (antialiasing, document margins).
SLACK_PX = 2.0


@contextlib.contextmanager
def in_lecture(
    window, width: int, height: int, app_style: bool = False
) -> Iterator[None]:
    """``window`` in lecture type at ``width``×``height``; as it was after.

    ``app_style`` also sets the application's lecture font (as the window's
    own lecture action does), and the normal one after.
    """
    from viz import appearance, theme

    size = window.size()
    if app_style:
        appearance.apply_application_style(theme.LECTURE, 1.0)
    window.set_lecture(True, full_screen=False)
    window.resize(width, height)
    try:
        yield
    finally:
        window.set_lecture(False, full_screen=False)
        if app_style:
            appearance.apply_application_style(theme.NORMAL, 1.0)
        window.resize(size)


def visible_plot_items(root: QWidget) -> Iterator[tuple[str, pg.PlotItem]]:
    """Every PlotItem on show under ``root``, named by its widget."""
    for view in root.findChildren(pg.GraphicsView):
        if not view.isVisibleTo(root) or not view.isVisible():
            continue
        scene = view.scene()
        if scene is None:
            continue
        for item in scene.items():
            if isinstance(item, pg.PlotItem) and item.isVisible():
                name = view.objectName() or type(view.parent()).__name__
                yield name, item


def plot_size_problems(root: QWidget, min_height: int, min_width: int) -> list[str]:
    """Plots smaller than the theme's minimum (their view box, axes aside)."""
    problems = []
    for name, plot in visible_plot_items(root):
        rect = plot.vb.sceneBoundingRect()
        whole = plot.sceneBoundingRect()
        if whole.height() < min_height - SLACK_PX:
            problems.append(f"{name}: plot {whole.height():.0f} px tall")
        # A side plot (the KL totals) may be narrower than a whole cell.
        if rect.height() < 40 or rect.width() < min_width / 4:
            problems.append(f"{name}: data area {rect.width():.0f}×{rect.height():.0f}")
    return problems


def plot_outside_view_problems(root: QWidget) -> list[str]:
    """Plots larger than the view that holds them: their lower part is hidden.

    A pyqtgraph view sizes its plot to itself, but never below the plot's
    minimum; a plot once clamped taller than its view (a title wrapped when
    the page was a few pixels wide) showed no x axis at all.
    """
    problems = []
    for widget in root.findChildren(pg.PlotWidget):
        plot = widget.getPlotItem()
        if not widget.isVisible() or plot is None:
            continue
        size = plot.geometry().size()
        if (
            size.height() > widget.height() + SLACK_PX
            or size.width() > widget.width() + SLACK_PX
        ):
            problems.append(
                f"{widget.objectName() or plot.titleLabel.text!r}: plot "
                f"{size.width():.0f}×{size.height():.0f} in a view of "
                f"{widget.width()}×{widget.height()}"
            )
    return problems


def _text_width(item: pg.GraphicsObject) -> float:
    return float(item.boundingRect().width())


def title_problems(root: QWidget) -> list[str]:
    """Titles wider than their plot."""
    problems = []
    for name, plot in visible_plot_items(root):
        title = plot.titleLabel
        if not title.isVisible() or not title.text:
            continue
        room = plot.vb.sceneBoundingRect().width() + plot.getAxis("left").width()
        text = title.item.sceneBoundingRect()
        if text.width() > room + SLACK_PX:
            problems.append(
                f"{name}: title {text.width():.0f} px in {room:.0f} px: {title.text!r}"
            )
        whole = plot.sceneBoundingRect()
        outside = text.left() < whole.left() - SLACK_PX
        outside |= text.right() > whole.right() + SLACK_PX
        if outside:
            problems.append(f"{name}: title outside its plot: {title.text!r}")
    return problems


def _axis_length(axis: pg.AxisItem) -> float:
    size = axis.size()
    return size.height() if axis.orientation in ("left", "right") else size.width()


def axis_label_problems(root: QWidget) -> list[str]:
    """Axis labels longer than their axis."""
    problems = []
    for name, plot in visible_plot_items(root):
        for side in ("left", "bottom"):
            axis = plot.getAxis(side)
            if not axis.isVisible() or not axis.label.isVisible():
                continue
            if not axis.labelText:
                continue
            width = _text_width(axis.label)
            if width > _axis_length(axis) + SLACK_PX:
                problems.append(
                    f"{name}: {side} label {width:.0f} px on a "
                    f"{_axis_length(axis):.0f}-px axis: {axis.labelText!r}"
                )
    return problems


def _tick_text_rects(axis: pg.AxisItem) -> list[tuple[QRectF, str]]:
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    if specs is None:
        return []
    return [(QRectF(rect), text) for rect, _flags, text in specs[2]]


def _missing_names(
    name: str, side: str, axis: pg.AxisItem, drawn: set[str]
) -> list[str]:
    """Named ticks (a bar's category) in the axis's range but not drawn.

    Numbers may drop out where they crowd (their neighbours tell the
    scale); a bar without its name says nothing about what it is. Fixed
    numbered ticks (the outcomes 0..K−1) are thinned evenly to what fits,
    so none of those left may drop either: pyqtgraph's overlap rule read
    "7 8 9 11 13" at K = 16.
    """
    levels = getattr(axis, "_tickLevels", None)
    if not levels:
        return []
    low, high = sorted(axis.range)
    fixed = getattr(axis, "_given_ticks", None) is not None
    return [
        f"{name}: {side} tick {text!r} is not drawn"
        for value, text in levels[0]
        if low <= value <= high
        and text not in drawn
        and (fixed or not _is_number(text))
    ]


def _is_number(text: str) -> bool:
    try:
        float(text.replace("−", "-"))
    except ValueError:
        return False
    return True


def tick_problems(root: QWidget) -> list[str]:
    """Tick labels that overlap each other or leave their axis's length, and
    named ticks that are not drawn."""
    problems = []
    for name, plot in visible_plot_items(root):
        for side in ("left", "bottom"):
            axis = plot.getAxis(side)
            if not axis.isVisible():
                continue
            rects = _tick_text_rects(axis)
            problems += _missing_names(name, side, axis, {text for _, text in rects})
            ordered = sorted(
                rects,
                key=lambda pair: pair[0].top() if side == "left" else pair[0].left(),
            )
            for (a, text_a), (b, text_b) in itertools.pairwise(ordered):
                overlap = (
                    a.bottom() - b.top() if side == "left" else a.right() - b.left()
                )
                if overlap > SLACK_PX:
                    problems.append(
                        f"{name}: {side} ticks {text_a!r} and {text_b!r} "
                        f"overlap by {overlap:.0f} px"
                    )
                elif (
                    side == "bottom"
                    and _is_number(text_a)
                    and _is_number(text_b)
                    and -overlap < 0.25 * a.height()
                ):
                    # "50" and "70" two pixels apart read as "5070".
                    problems.append(
                        f"{name}: bottom ticks {text_a!r} and {text_b!r} run "
                        f"together ({-overlap:.0f} px apart)"
                    )
    return problems


def _label_width(label: QLabel, text: str) -> int:
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and Qt.mightBeRichText(text)
    )
    if not rich:
        return label.fontMetrics().horizontalAdvance(text)
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setDefaultFont(label.font())
    document.setHtml(text)
    return math.ceil(document.idealWidth())


def clipped_label_problems(root: QWidget) -> list[str]:
    """Plain labels and buttons whose text is wider than the widget."""
    problems = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and not widget.wordWrap():
            text = widget.text()
            if not text:
                continue
            needed = _label_width(widget, text)
        elif isinstance(widget, QAbstractButton) and widget.text():
            needed = widget.fontMetrics().horizontalAdvance(widget.text())
        else:
            continue
        if needed > widget.contentsRect().width() + 8:
            problems.append(
                f"{widget.objectName() or type(widget).__name__}: "
                f"{widget.text()!r} needs {needed} px, has "
                f"{widget.contentsRect().width()}"
            )
    return problems
