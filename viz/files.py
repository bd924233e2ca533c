"""Writing what the window shows to files: PNG and SVG pictures, CSV, text.

Every write is atomic (:mod:`core.atomic`): a failure leaves the previous
file intact and is reported with the user's file name and the reason.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QWidget

from core.atomic import FileError, atomic_write, atomic_write_bytes

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
        For another suffix, or when the file cannot be written (the reason
        in the message; a previous file at ``path`` is left intact).
    """
    suffix = picture_suffix(path)
    kind = "PNG" if suffix == ".png" else "SVG"

    def write(temporary: Path) -> None:
        if suffix == ".png":
            if not widget.grab().save(str(temporary), "PNG"):
                raise FileError("the PNG encoder failed")
        else:
            _write_svg(widget, temporary)

    try:
        atomic_write(path, write)
    except FileError as error:
        raise ExportError(f"could not write the {kind} file {path}: {error}") from None


def _write_svg(widget: QWidget, path: Path) -> None:
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    size = widget.size()
    generator.setSize(QSize(size.width(), size.height()))
    generator.setViewBox(QRect(0, 0, size.width(), size.height()))
    generator.setTitle("Entropy Lab")
    painter = QPainter()
    if not painter.begin(generator):
        raise FileError("the SVG file could not be opened")
    try:
        # QWidget's own render: pyqtgraph's views override it with another one.
        QWidget.render(widget, painter, QPoint())
    finally:
        finished = painter.end()
    if not finished:
        raise FileError("the SVG file could not be finished")


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 text (CSV, readouts) atomically; raises FileError (OSError)."""
    atomic_write_bytes(path, text.encode("utf-8"))
