"""Controls that paint as vectors while a window is exported to SVG or PDF.

Qt's Fusion style draws a group box's frame from a PNG, and push buttons,
combo boxes and spin boxes into cached pixmaps, which it then stamps onto the
painter; a dock's close and float buttons are icon pixmaps. In an SVG or PDF
of the whole window each would be an embedded 1× ``<image>`` that blurs on a
slide. :class:`VectorStyle` draws those few parts itself, with paths, in
Fusion's colours and shapes, and leaves every other part (and all text) to
the real style. :func:`vector_controls` puts it on a widget tree for the
length of an export and then gives each widget its own style back.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionComboBox,
    QStyleOptionComplex,
    QStyleOptionSlider,
    QStyleOptionSpinBox,
    QWidget,
)

#: Fusion's corner radius for buttons, fields and frames.
RADIUS = 2.0
#: The object names Qt gives a dock's title-bar buttons.
DOCK_CLOSE = "qt_dockwidget_closebutton"
DOCK_FLOAT = "qt_dockwidget_floatbutton"

_PE = QStyle.PrimitiveElement
_CC = QStyle.ComplexControl
_SC = QStyle.SubControl
#: Fusion's arrows (combo, spin box, the tab bar's scroll buttons, menus):
#: cached pixmaps, here triangles pointing their way.
_ARROWS = {
    _PE.PE_IndicatorArrowDown: "down",
    _PE.PE_IndicatorArrowUp: "up",
    _PE.PE_IndicatorArrowLeft: "left",
    _PE.PE_IndicatorArrowRight: "right",
}


def outline(palette: QPalette) -> QColor:
    """Fusion's frame colour: the window colour, darker."""
    return palette.window().color().darker(140)


class VectorStyle(QProxyStyle):
    """The application's style, with its pixmap-drawn parts drawn as paths."""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        """Group box frames and command buttons as paths; the rest as Qt does."""
        if element == _PE.PE_FrameGroupBox:
            _frame(painter, QRectF(option.rect), outline(option.palette), None)
        elif element == _PE.PE_PanelButtonCommand:
            _frame(painter, QRectF(option.rect), outline(option.palette), _fill(option))
        elif element in _ARROWS:
            color = option.palette.buttonText().color()
            _arrow(painter, option.rect, color, _ARROWS[element])
        else:
            super().drawPrimitive(element, option, painter, widget)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        """Combo boxes, spin boxes and dock buttons as paths; the rest as Qt does."""
        if control == _CC.CC_ComboBox and isinstance(option, QStyleOptionComboBox):
            self._combo_box(option, painter, widget)
        elif control == _CC.CC_SpinBox and isinstance(option, QStyleOptionSpinBox):
            self._spin_box(option, painter, widget)
        elif control == _CC.CC_ScrollBar and isinstance(option, QStyleOptionSlider):
            self._scroll_bar(option, painter, widget)
        elif control == _CC.CC_ToolButton and _dock_button(widget):
            _dock_glyph(painter, option, widget)
        else:
            super().drawComplexControl(control, option, painter, widget)

    def _combo_box(
        self, option: QStyleOptionComboBox, painter: QPainter, widget: Any
    ) -> None:
        palette = option.palette
        fill = palette.base().color() if option.editable else _fill(option)
        _frame(painter, QRectF(option.rect), outline(palette), fill)
        arrow = self.subControlRect(
            _CC.CC_ComboBox, option, _SC.SC_ComboBoxArrow, widget
        )
        _arrow(painter, arrow, palette.buttonText().color(), "down")

    def _spin_box(
        self, option: QStyleOptionSpinBox, painter: QPainter, widget: Any
    ) -> None:
        palette = option.palette
        _frame(painter, QRectF(option.rect), outline(palette), palette.base().color())
        if option.buttonSymbols == QAbstractSpinBox.ButtonSymbols.NoButtons:
            return
        up = self.subControlRect(_CC.CC_SpinBox, option, _SC.SC_SpinBoxUp, widget)
        down = self.subControlRect(_CC.CC_SpinBox, option, _SC.SC_SpinBoxDown, widget)
        painter.save()
        painter.setPen(QPen(outline(palette), 1))
        left = min(up.left(), down.left()) + 0.5
        painter.drawLine(
            QPointF(left, option.rect.top() + 1), QPointF(left, option.rect.bottom())
        )
        painter.restore()
        text = palette.buttonText().color()
        _arrow(painter, up, text, "up")
        _arrow(painter, down, text, "down")

    def _scroll_bar(
        self, option: QStyleOptionSlider, painter: QPainter, widget: Any
    ) -> None:
        # Fusion stamps the two arrow buttons' arrows from a pixmap: draw the
        # rest with it, the buttons here.
        buttons = _SC.SC_ScrollBarAddLine | _SC.SC_ScrollBarSubLine
        rest = QStyleOptionSlider(option)
        rest.subControls = option.subControls & ~buttons
        super().drawComplexControl(_CC.CC_ScrollBar, rest, painter, widget)
        across = option.orientation == Qt.Orientation.Horizontal
        ways = ("right", "left") if across else ("down", "up")
        palette = option.palette
        for part, way in zip(
            (_SC.SC_ScrollBarAddLine, _SC.SC_ScrollBarSubLine), ways, strict=True
        ):
            if not option.subControls & part:
                continue
            rect = self.subControlRect(_CC.CC_ScrollBar, option, part, widget)
            _frame(painter, QRectF(rect), outline(palette), palette.button().color())
            _arrow(painter, rect, palette.buttonText().color(), way)


def _fill(option: QStyleOption) -> QColor:
    """A button's face: darker while pressed or checked, as Fusion's is."""
    color = option.palette.button().color()
    pressed = option.state & (QStyle.StateFlag.State_Sunken | QStyle.StateFlag.State_On)
    return color.darker(110) if pressed else color


def _frame(painter: QPainter, rect: QRectF, line: QColor, fill: QColor | None) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(line, 1))
    painter.setBrush(Qt.BrushStyle.NoBrush if fill is None else fill)
    painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), RADIUS, RADIUS)
    painter.restore()


def _arrow(painter: QPainter, rect: QRect, color: QColor, way: str) -> None:
    """A small filled triangle centred in ``rect``, pointing ``way``."""
    if rect.isEmpty():
        return
    half = max(2.0, min(rect.width(), rect.height()) / 4)
    tip = half / 2
    # Drawn pointing down, then turned: up 180°, left 90°, right −90°.
    turn = {"down": 0.0, "up": 180.0, "left": 90.0, "right": -90.0}[way]
    triangle = QPolygonF([QPointF(-half, -tip), QPointF(half, -tip), QPointF(0.0, tip)])
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(QRectF(rect).center())
    painter.rotate(turn)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawPolygon(triangle)
    painter.restore()


def _dock_button(widget: QWidget | None) -> bool:
    return widget is not None and widget.objectName() in (DOCK_CLOSE, DOCK_FLOAT)


def _dock_glyph(painter: QPainter, option: QStyleOption, widget: Any) -> None:
    """A dock's close (×) or float (two windows) button, drawn with lines."""
    rect = QRectF(option.rect)
    side = min(rect.width(), rect.height()) * 0.5
    box = QRectF(0, 0, side, side)
    box.moveCenter(rect.center())
    path = QPainterPath()
    if widget.objectName() == DOCK_CLOSE:
        path.moveTo(box.topLeft())
        path.lineTo(box.bottomRight())
        path.moveTo(box.topRight())
        path.lineTo(box.bottomLeft())
    else:
        offset = side / 3
        path.addRect(box.adjusted(offset, 0, 0, -offset))
        path.addRect(box.adjusted(0, offset, -offset, 0))
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(option.palette.windowText().color(), 1.2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    painter.restore()


@contextmanager
def vector_controls(widget: QWidget) -> Iterator[None]:
    """While inside, ``widget`` and its children draw with :class:`VectorStyle`.

    Widgets with a style of their own or a style sheet keep theirs (a style
    sheet draws with paths already); hidden ones, which an export does not
    draw, are left alone. Each widget's style is given back on
    leaving, even after an exception. The proxy wraps a fresh instance of the
    application's style, so sizes and layout do not change.
    """
    app = QApplication.instance()
    base = app.style().name() if isinstance(app, QApplication) else "fusion"
    style = VectorStyle(base)
    changed: list[QWidget] = []
    try:
        for each in [widget, *widget.findChildren(QWidget)]:
            own = each.testAttribute(Qt.WidgetAttribute.WA_SetStyle)
            if own or each.styleSheet() or not each.isVisible():
                continue
            each.setStyle(style)
            changed.append(each)
        yield
    finally:
        for each in changed:
            each.setStyle(None)  # type: ignore[arg-type]  # None: the app's style
        style.deleteLater()


def controls_for_picture(
    widget: QWidget, path: str | os.PathLike[str]
) -> AbstractContextManager[None]:
    """:func:`vector_controls` for an SVG or PDF; nothing for a PNG.

    A PNG keeps the style's own pixmaps: they are drawn at the PNG's pixel
    ratio, so they are sharp there.
    """
    vector = Path(path).suffix.lower() in (".svg", ".pdf")
    return vector_controls(widget) if vector else nullcontext()
