"""Slides: one plot, the readouts, or a page's plots, drawn offscreen for a file.

A slide is never a picture of the window: it is a fresh copy of a page
(:class:`OffscreenPage`), given a copy of the page's state, styled as the
window is (lecture mode, zoom), laid out at the slide's size and never shown
on screen. The copy draws with the page's own code, so a slide shows exactly
what the page would, but without menus, controls, sliders or hints ("drag a
bar"). Its store is its own: frames of an animation set states there
(:meth:`OffscreenPage.show_state`) without touching the window's undo
history.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from core.export import readouts_text
from viz import appearance
from viz.files import (
    ExportError,
    PictureInfo,
    check_scale,
    render_image,
    save_picture,
)
from viz.pages import PAGES
from viz.pages.common import ControlsColumn, Page

if TYPE_CHECKING:
    from viz.explorer import ExplorerPage
    from viz.window import MainWindow

#: The explorer's plots, each a slide of its own.
SLIDE_PLOTS = (
    "distributions",
    "information",
    "asymmetry",
    "softmax",
    "gradient",
    "loss_curve",
)
#: Every slide: a plot, the readouts alone, or the page on show without
#: its controls (the explorer: readouts and the plots the window shows).
SLIDE_NAMES = (*SLIDE_PLOTS, "readouts", "page")
translate = QCoreApplication.translate
#: A slide's size in the export dialogs: 16:9, as projectors are.
SLIDE_SIZE = (1600, 900)

#: Hints in a title, for plots whose title still carries its hint as text.
_HINT = re.compile(r"\s*\((?:drag|click|double-click|scroll|type)[^()]*\)\s*$")
_TAG = re.compile(r"<[^>]*>")


def slide_title(name: str) -> str:
    """How the menu names a slide."""
    from viz.window import PANEL_KEYS

    if name in PANEL_KEYS:
        plot = translate("MainWindow", PANEL_KEYS[name][0])  # i18n: variable
        return translate("Export", "Plot “{plot}”").format(plot=plot)
    if name == "readouts":
        return translate("Export", "The readouts")
    return translate("Export", "The page on show (no controls)")


def check_slide(name: str) -> str:
    """``name`` if it is a slide; ExportError naming ``slide`` otherwise."""
    if name not in SLIDE_NAMES:
        known = ", ".join(SLIDE_NAMES)
        raise ExportError(f"slide must be one of {known}; got {name[:40]!r}")
    return name


def plain_text(rich: str) -> str:
    """Rich text as plain text: tags dropped, entities decoded, spaces tidied."""
    text = _TAG.sub(" ", rich.replace("<br>", "\n"))
    lines = (" ".join(html.unescape(line).split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def hide_hints(widgets: list[Any]) -> None:
    """Titles without their hints ("drag a bar"): a slide has no mouse.

    A title that knows its hint (``set_style(size, colour, show_hint)``)
    is told to hide it; an older one, holding the hint as part of its text,
    has it cut off.
    """
    for widget in widgets:
        for plot in getattr(widget, "plot_items", list)():
            title = plot.titleLabel
            if hasattr(title, "show_hint") and hasattr(title, "set_style"):
                title.set_style(title.size_px, title.colour, False)
            elif isinstance(getattr(title, "text", None), str):
                plain = _HINT.sub("", title.text)
                if plain != title.text:
                    plot.setTitle(plain)


class OffscreenPage:
    """A copy of one of the window's pages, laid out offscreen at ``size``.

    Parameters
    ----------
    window : MainWindow
        Whose page, state and look to copy.
    panel : str
        The page's tab id ("explorer", "binary", ...).
    slide : str
        What to keep on show: ``"page"`` (everything but the controls), one
        of :data:`SLIDE_PLOTS` or ``"readouts"`` (the explorer only).
    size : (int, int)
        Width and height in pixels.

    Use it as a context manager, or call :meth:`close`.
    """

    def __init__(
        self, window: MainWindow, panel: str, slide: str, size: tuple[int, int]
    ) -> None:
        check_slide(slide)
        if slide != "page" and panel != "explorer":
            raise ExportError(
                f"slide {slide!r} is one of the explorer's; the {panel} page "
                "exports as slide 'page'"
            )
        self.window = window
        self.panel = panel
        self.slide = slide
        self.size = size
        spec = next((s for s in PAGES if s.panel == panel), None)
        if spec is None:
            raise ExportError(f"no page called {panel!r}")
        self.kind = spec.kind
        live = window.stores[spec.kind]
        self.store: Any
        if spec.kind == "scenario":
            from viz.state import ScenarioStore

            self.store = ScenarioStore(window.store.scenario)
            self._copy_pin(window.store)
        else:
            assert spec.new_store is not None
            self.store = spec.new_store(None)  # type: ignore[arg-type]
            self.store.refine(live.state)
        self.page: Page
        if spec.kind == "scenario":
            from viz.explorer import ExplorerPage

            self.page = ExplorerPage(self.store)
        else:
            self.page = spec.build(self.store, window.store)
        self._style()
        #: What is shown: an optional caption line (a sweep's value) over the page.
        self.frame = QWidget()
        self.frame.setObjectName("slide_frame")
        self.caption = QLabel("")
        self.caption.setObjectName("slide_caption")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.hide()
        layout = QVBoxLayout(self.frame)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.page, 1)
        self.frame.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        # Never painted but by a picture (:meth:`painting`): an offscreen
        # page that repainted itself on every event-loop pass took four
        # times as long per frame as the picture of it.
        self.frame.setUpdatesEnabled(False)
        self._keep_on_show()
        self.frame.resize(*size)
        self.frame.show()
        self.store.derive_now()
        self.settle()
        #: False when the page's background work outlasted the wait.
        self.work_finished = self.finish_work()

    def _copy_pin(self, live: Any) -> None:
        """The pinned ghost too, if the window has one (pinned, then current)."""
        pinned = getattr(live, "_pinned", None)
        if pinned is None:
            return
        current = self.store.state
        self.store.refine(pinned)
        self.store.derive_now()
        self.store.pin()
        self.store.refine(current)

    @property
    def explorer(self) -> ExplorerPage:
        """The copy as an explorer page (only for the explorer)."""
        from viz.explorer import ExplorerPage

        assert isinstance(self.page, ExplorerPage)
        return self.page

    def plot_widgets(self) -> list[Any]:
        """The copy's plot widgets."""
        if self.kind == "scenario":
            return list(self.explorer.plots.values())
        return self.page.plot_widgets()

    def _style(self) -> None:
        window = self.window
        style = appearance.theme_for(window.lecture)
        zoom = window.zoom
        appearance.style_plots(self.plot_widgets(), style, zoom)
        hide_hints(self.plot_widgets())
        if self.kind == "scenario":
            readouts = self.explorer.readouts
            readouts.set_reason_colour("#7A2E00" if window.lecture else "#A0300A")
            px = round(style.readout_font_px * zoom)
            if self.slide == "readouts":
                # The readouts alone fill the slide: as large as four
                # columns and two rows allow ("0.1536 bits" in a quarter).
                width, height = self.size
                px = max(px, round(min(height / 10, width / 30)))
            readouts.set_font_px(px)

    def _keep_on_show(self) -> None:
        """Hide the controls, and on the explorer what the slide leaves out."""
        for column in self.page.findChildren(ControlsColumn):
            column.hide()
        if self.kind != "scenario":
            return
        explorer, live = self.explorer, self.window.explorer
        explorer.controls_column.hide()
        grid = explorer.plot_grid
        # A slide is as large as it is: every plot it keeps fits in it.
        grid.set_minimum(60, 80)
        if self.slide == "page":
            explorer.readouts.setHidden(live.readouts.isHidden())
            for name in SLIDE_PLOTS:
                grid.set_hidden(name, live.plot_grid.is_hidden(name))
            return
        explorer.problem.hide()
        explorer.problem.setMaximumHeight(0)
        if self.slide == "readouts":
            grid.hide()
            return
        explorer.readouts.hide()
        for name in SLIDE_PLOTS:
            grid.set_hidden(name, name != self.slide)

    @property
    def widget(self) -> QWidget:
        """What a picture of the slide renders (inside :meth:`painting`)."""
        if self.slide == "readouts" and self.caption.isHidden():
            return self.explorer.readouts
        return self.frame

    def set_caption(self, text: str) -> None:
        """A line over the slide (what a sweep has reached), in the readouts' size."""
        style = appearance.theme_for(self.window.lecture)
        px = round(style.readout_font_px * self.window.zoom * 0.75)
        self.caption.setStyleSheet(f"font-size: {px}px; font-weight: 600;")
        self.caption.setText(text)
        self.caption.setVisible(bool(text))
        self.settle()

    @contextmanager
    def painting(self) -> Iterator[QWidget]:
        """The widget to render, able to paint while inside."""
        self.frame.setUpdatesEnabled(True)
        try:
            yield self.widget
        finally:
            self.frame.setUpdatesEnabled(False)

    def image(self, scale: int = 1) -> QImage:
        """The slide as it looks now, ``scale`` times its size in pixels."""
        with self.painting() as widget:
            return render_image(widget, scale)

    def save(
        self, path: str | os.PathLike[str], scale: int = 1, extra: str = ""
    ) -> None:
        """Write the slide to a PNG, SVG or PDF file (see :func:`save_picture`)."""
        info = self.info(extra)
        with self.painting() as widget:
            save_picture(widget, path, scale, info)

    def show_state(self, state: Any) -> None:
        """Draw ``state`` (a frame of an animation): no undo step anywhere."""
        self.store.refine(state)
        self.store.derive_now()
        self.settle()
        self.work_finished = self.finish_work()

    def finish_work(self) -> bool:
        """Let the copy's background work finish (bounded); False if it did not.

        :meth:`settle` runs no timers, but a count the page shows must be
        done before a picture of it (:mod:`viz.background_work`); a frame
        whose count is done already waits for nothing.
        """
        from viz.background_work import finish_background_work

        finished = finish_background_work([self.page])
        self.settle()
        return finished

    def settle(self) -> None:
        """Let layouts and fitted titles catch up before a picture is taken.

        Posted events only (layout requests): timers do not run, so a page's
        background work (the race's step count) takes no frame's time. A
        plot's scene takes its view's size only on a resize, clamped to the
        plot's minimum size at that moment; a page laid out once (never
        resized again, as a window is) kept the larger minimum it had before
        its titles were fitted, and its plots ran off the slide's edge.
        """
        QApplication.sendPostedEvents()
        for view in self.page.findChildren(pg.GraphicsView):
            item = view.centralWidget
            if item is not None and item.size().toSize() != view.size():
                view.resizeEvent(None)
        QApplication.sendPostedEvents()

    def numbers(self) -> str:
        """The numbers on show, as text: the readouts, or the page's labels."""
        if self.kind == "scenario":
            results = self.store.results
            return readouts_text(results) if results is not None else ""
        texts = []
        for label in self.page.findChildren(QLabel):
            if label.isHidden() or not label.text():
                continue
            texts.append(plain_text(label.text()))
        return "\n".join(text for text in texts if text) + "\n"

    def title(self) -> str:
        """The file's title: the page's, and the plot's for a plot slide."""
        from viz.window import PANEL_KEYS

        tab = next(s.title for s in PAGES if s.panel == self.panel)
        if self.slide in PANEL_KEYS:
            return f"Entropy Lab: {tab}, {PANEL_KEYS[self.slide][0]}"
        if self.slide == "readouts":
            return f"Entropy Lab: {tab}, readouts"
        return f"Entropy Lab: {tab}"

    def info(self, extra: str = "") -> PictureInfo:
        """Title and numbers for the file's metadata."""
        description = self.numbers()
        if extra:
            description = f"{extra}\n{description}"
        return PictureInfo(self.title(), description.strip())

    def close(self) -> None:
        """Throw the copy away (its store and page)."""
        self.frame.close()
        self.frame.deleteLater()
        self.store.deleteLater()
        QApplication.processEvents()

    def __enter__(self) -> OffscreenPage:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


@contextmanager
def offscreen(
    window: MainWindow, slide: str, size: tuple[int, int], panel: str | None = None
) -> Iterator[OffscreenPage]:
    """An :class:`OffscreenPage` of ``panel`` (default: the page on show)."""
    if slide != "page":
        panel = "explorer"
    copy = OffscreenPage(window, panel or window.current_panel(), slide, size)
    try:
        yield copy
    finally:
        copy.close()


def export_slide(
    window: MainWindow,
    slide: str,
    path: str | os.PathLike[str],
    size: tuple[int, int] = SLIDE_SIZE,
    scale: int = 1,
    panel: str | None = None,
) -> tuple[int, int]:
    """Write a slide to a PNG, SVG or PDF file; returns its size in pixels.

    ``slide`` is one of :data:`SLIDE_NAMES`; ``"page"`` is ``panel`` (default:
    the page on show) without its controls. The file's metadata carry the
    title and the numbers on show.

    Raises
    ------
    ExportError
        For an unknown slide, a bad scale or suffix, or a file that cannot
        be written (one line; a previous file is left intact).
    """
    check_slide(slide)
    check_scale(scale)
    from viz.files import picture_suffix

    picture_suffix(path)
    with offscreen(window, slide, size, panel) as copy:
        copy.save(path, scale)
        shown = copy.widget.size()
    return shown.width(), shown.height()
