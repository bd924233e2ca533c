"""The application icon: one SVG in ``assets/icons``, PNGs rendered from it.

The PNGs are committed (a desktop's icon theme, a window manager without an
SVG loader, Windows' taskbar all want bitmaps) and made again from the SVG
by ``tools/render_icons.py`` after the drawing changes; a test checks that
they still match it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from core.resources import asset_path

#: The sizes a desktop asks for, from a menu entry (16) to a dock (512).
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)
#: The drawing, relative to ``assets/``.
ICON_SVG = "icons/entropy-lab.svg"


def icon_png(size: int) -> str:
    """The PNG of ``size`` pixels square, relative to ``assets/``."""
    return f"icons/entropy-lab-{size}.png"


def render_svg(svg: bytes, size: int) -> QImage:
    """``svg`` drawn on a transparent ``size``×``size`` image.

    Raises
    ------
    ValueError
        If ``svg`` is not a drawing Qt can read.
    """
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise ValueError("svg is not a valid SVG drawing")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def application_icon() -> QIcon:
    """The window's and the application's icon, at every bundled size."""
    icon = QIcon()
    for size in ICON_SIZES:
        with asset_path(icon_png(size)) as path:
            # Loaded now: the path may be a temporary copy (a zipped install).
            icon.addPixmap(QPixmap(str(path)))
    return icon


def write_pngs(assets: Path) -> list[Path]:
    """Render every size of ``assets/icons/entropy-lab.svg`` next to it."""
    svg = (assets / ICON_SVG).read_bytes()
    written = []
    for size in ICON_SIZES:
        target = assets / icon_png(size)
        if not render_svg(svg, size).save(str(target)):
            raise OSError(f"could not write {target}")
        written.append(target)
    return written
