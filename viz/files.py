"""Writing what the window shows to files: PNG, SVG and PDF pictures, CSV, text.

Every write is atomic (:mod:`core.atomic`): a failure leaves the previous
file intact and is reported with the user's file name and the reason.

Pictures are vector where the format allows: an SVG or PDF holds text as
text and axes as paths (:func:`vector_export` turns off the pixmap caches
that would otherwise be embedded as images), and a PNG is rendered at 1×,
2× or 3× the widget's size in pixels for a sharp slide. Each file carries a
title and a description (the readouts) in its metadata.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QPoint,
    QRect,
    QSize,
    QSizeF,
)
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QWidget

from core.atomic import FileError, atomic_write, atomic_write_bytes

PICTURE_SUFFIXES = (".png", ".svg", ".pdf")
#: Pixel ratios a PNG can be rendered at.
PNG_SCALES = (1, 2, 3)
#: What writes the files (PNG "Software", SVG and PDF creator).
CREATOR = "Entropy Lab"
#: A PDF page is the widget's size at this many dots per inch (96: a pixel
#: on screen is a pixel of the page, and text keeps its size in points).
PDF_DPI = 96

_KINDS = {".png": "PNG", ".svg": "SVG", ".pdf": "PDF"}


class ExportError(ValueError):
    """A picture could not be written; the message says why, in one line."""


@dataclass(frozen=True)
class PictureInfo:
    """What a picture file says about itself: a title and a description."""

    title: str = CREATOR
    description: str = ""


def picture_suffix(path: str | os.PathLike[str]) -> str:
    """``.png``, ``.svg`` or ``.pdf`` for a picture path; anything else is an error."""
    suffix = Path(path).suffix.lower()
    if suffix not in PICTURE_SUFFIXES:
        raise ExportError(f"{path}: a picture must end in .png, .svg or .pdf")
    return suffix


def check_scale(scale: Any) -> int:
    """1, 2 or 3 (a PNG's pixel ratio); ExportError naming ``scale`` otherwise."""
    if isinstance(scale, bool) or scale not in PNG_SCALES:
        raise ExportError(f"scale must be 1, 2 or 3, got {scale!r:.40}")
    return int(scale)


def save_picture(
    widget: QWidget,
    path: str | os.PathLike[str],
    scale: int = 1,
    info: PictureInfo | None = None,
) -> None:
    """Write ``widget`` as it looks now to a PNG, SVG or PDF file.

    ``scale`` is the PNG's device pixel ratio: the image is ``scale`` times
    the widget's size in pixels (SVG and PDF are vectors, and ignore it).

    Raises
    ------
    ExportError
        For another suffix or scale, or when the file cannot be written (the
        reason in the message; a previous file at ``path`` is left intact).
    """
    suffix = picture_suffix(path)
    ratio = check_scale(scale)
    about = info or PictureInfo()
    kind = _KINDS[suffix]

    def write(temporary: Path) -> None:
        if suffix == ".png":
            _write_png(widget, temporary, ratio, about)
        elif suffix == ".svg":
            _write_svg(widget, temporary, about)
        else:
            _write_pdf(widget, temporary, about)

    try:
        atomic_write(path, write)
    except FileError as error:
        raise ExportError(f"could not write the {kind} file {path}: {error}") from None


@contextmanager
def vector_export(widget: QWidget) -> Iterator[None]:
    """While inside, ``widget``'s plots paint as vectors, not cached pixmaps.

    Axes cache their tick text as a pixmap, the plot views cache their
    background, and scatter symbols are stamped from a pixmap atlas: each
    would land in an SVG or PDF as a blurred 1× image. Here the caches are
    off and pyqtgraph's export mode is on (symbols drawn as paths); both are
    restored afterwards.
    """
    items: list[tuple[QGraphicsItem, QGraphicsItem.CacheMode]] = []
    views: list[tuple[QGraphicsView, QGraphicsView.CacheModeFlag]] = []
    exporting: list[Any] = []
    for view in _graphics_views(widget):
        views.append((view, view.cacheMode()))
        view.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
        view.resetCachedContent()
        for item in view.items():
            mode = item.cacheMode()
            if mode != QGraphicsItem.CacheMode.NoCache:
                items.append((item, mode))
                item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
            set_export_mode = getattr(item, "setExportMode", None)
            if callable(set_export_mode):
                set_export_mode(True, {"antialias": True, "resolutionScale": 1.0})
                exporting.append(item)
    try:
        yield
    finally:
        for item in exporting:
            item.setExportMode(False)
        for item, mode in items:
            item.setCacheMode(mode)
        for view, flag in views:
            view.setCacheMode(flag)


def _graphics_views(widget: QWidget) -> list[QGraphicsView]:
    views = widget.findChildren(QGraphicsView)
    if isinstance(widget, QGraphicsView):
        views.insert(0, widget)
    return views


def render_image(widget: QWidget, scale: int = 1) -> QImage:
    """``widget`` as it looks now, in an image ``scale`` times its pixel size.

    The image's device pixel ratio is ``scale``: text and lines are drawn at
    the higher resolution, not enlarged (the pixmap caches, made at 1×, are
    off while it is drawn, as in :func:`vector_export`).
    """
    ratio = check_scale(scale)
    size = widget.size()
    image = QImage(
        size.width() * ratio, size.height() * ratio, QImage.Format.Format_ARGB32
    )
    image.setDevicePixelRatio(ratio)
    image.fill(widget.palette().window().color())
    painter = QPainter()
    if not painter.begin(image):
        raise FileError("the image could not be painted")
    try:
        with vector_export(widget) if ratio > 1 else nullcontext():
            # QWidget's own render: pyqtgraph's views override it with another one.
            QWidget.render(widget, painter, QPoint())
    finally:
        painter.end()
    return image


def png_bytes(image: QImage, info: PictureInfo) -> bytes:
    """``image`` encoded as PNG, with title, description and software as text chunks."""
    image.setText("Title", info.title)
    if info.description:
        image.setText("Description", info.description)
    image.setText("Software", CREATOR)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 takes the format as str, whatever its stubs say.
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise FileError("the PNG encoder failed")
    buffer.close()
    return bytes(data.data())


def _write_png(widget: QWidget, path: Path, scale: int, info: PictureInfo) -> None:
    path.write_bytes(png_bytes(render_image(widget, scale), info))


def _write_svg(widget: QWidget, path: Path, info: PictureInfo) -> None:
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    size = widget.size()
    generator.setSize(QSize(size.width(), size.height()))
    generator.setViewBox(QRect(0, 0, size.width(), size.height()))
    generator.setTitle(info.title)
    generator.setDescription(info.description or CREATOR)
    generator.setResolution(PDF_DPI)
    _paint_vector(widget, generator, "SVG")


def _write_pdf(widget: QWidget, path: Path, info: PictureInfo) -> None:
    writer = QPdfWriter(str(path))
    writer.setTitle(info.title)
    writer.setCreator(CREATOR)
    writer.setResolution(PDF_DPI)
    size = widget.size()
    points = QSizeF(size.width() * 72 / PDF_DPI, size.height() * 72 / PDF_DPI)
    layout = QPageLayout(
        QPageSize(points, QPageSize.Unit.Point, "slide"),
        QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
    )
    writer.setPageLayout(layout)
    if info.description:
        writer.setDocumentXmpMetadata(_xmp(info))
    _paint_vector(widget, writer, "PDF")


def _paint_vector(widget: QWidget, device: Any, kind: str) -> None:
    painter = QPainter()
    if not painter.begin(device):
        raise FileError(f"the {kind} file could not be opened")
    try:
        with vector_export(widget):
            QWidget.render(widget, painter, QPoint())
    finally:
        finished = painter.end()
    if not finished:
        raise FileError(f"the {kind} file could not be finished")


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xmp(info: PictureInfo) -> QByteArray:
    """Dublin Core title and description, as a PDF reader's properties show them."""
    title, description = _xml_text(info.title), _xml_text(info.description)
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li>'
        "</rdf:Alt></dc:title>"
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{description}'
        "</rdf:li></rdf:Alt></dc:description>"
        f"<xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )
    return QByteArray(packet.encode("utf-8"))


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 text (CSV, readouts) atomically; raises FileError (OSError)."""
    atomic_write_bytes(path, text.encode("utf-8"))
