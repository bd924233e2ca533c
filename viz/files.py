"""Writing what the window shows to files: PNG and SVG pictures, CSV, text."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QWidget

PICTURE_SUFFIXES = (".png", ".svg")


class ExportError(ValueError):
    """A picture could not be written; the message says why, in one line."""


def picture_suffix(path: str | os.PathLike[str]) -> str:
    """``.png`` or ``.svg`` for a picture path; anything else is an error."""
    suffix = Path(path).suffix.lower()
    if suffix not in PICTURE_SUFFIXES:
        raise ExportError(f"{path}: a picture must end in .png or .svg")
    return suffix


def save_picture(widget: QWidget, path: str | os.PathLike[str]) -> None:
    """Write ``widget`` as it looks now to a PNG (pixels) or SVG (vectors) file.

    Raises
    ------
    ExportError
        For another suffix, or when the file cannot be written.
    """
    if picture_suffix(path) == ".png":
        if not widget.grab().save(str(path), "PNG"):
            raise ExportError(f"{path}: could not write the PNG file")
        return
    _save_svg(widget, Path(path))


def _save_svg(widget: QWidget, path: Path) -> None:
    if not path.parent.is_dir():
        raise ExportError(f"{path}: the folder does not exist")
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    size = widget.size()
    generator.setSize(QSize(size.width(), size.height()))
    generator.setViewBox(QRect(0, 0, size.width(), size.height()))
    generator.setTitle("Entropy Lab")
    painter = QPainter()
    if not painter.begin(generator):
        raise ExportError(f"{path}: could not write the SVG file")
    try:
        # QWidget's own render: pyqtgraph's views override it with another one.
        QWidget.render(widget, painter, QPoint())
    finally:
        painter.end()


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 text (CSV, readouts); raises OSError on failure."""
    Path(path).write_text(text, encoding="utf-8", newline="")
