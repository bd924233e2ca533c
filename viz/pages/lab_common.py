"""What the Sampling and Code-length labs share: the explorer's P and Q, the clock.

Both labs draw from the explorer's P and Q. A lecturer builds P and Q once, on
the explorer (sliders, bar drags, families, presets), and opens a lab to see
what those same numbers mean as averages over draws; a lab with its own 2 × 16
sliders would be a third copy of P and Q to keep in step. So a lab reads P
and Q from the explorer's results whenever they change while it is on show
and when it is shown, and starts its run again when they differ from the
run's (one undo step; the first start replaces the window's placeholder run
without one).

Playing draws at a rate in draws per second of wall-clock time, whatever the
frame rate: each frame asks :func:`core.sampling.samples_due` how many draws
the time since the last frame is worth, carrying the fraction, so 1 draw per
second draws once a second at 60 frames per second, and 10,000 per second
draws about 167 a frame.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QPoint,
    QSignalBlocker,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.ranges import LAB_K, LAB_RATES, SEED
from core.sampling import samples_due
from viz.error_words import error_words
from viz.pages.common import AnimatedPage
from viz.state import ScenarioStore
from viz.store import Store
from viz.widgets import named, set_text


def rate_text(rate: int) -> str:
    """How a rate is offered: "1 draw per second", "10,000 draws per second"."""
    if rate == 1:
        return QCoreApplication.translate("Labs", "1 draw per second")
    return QCoreApplication.translate("Labs", "{rate} draws per second").format(
        rate=f"{rate:,}"
    )


def outcomes_text(indices: tuple[int, ...]) -> str:
    """Outcomes in words: "outcome 3", "outcomes 1 and 3", "… and 7 more"."""
    if len(indices) == 1:
        return QCoreApplication.translate("Labs", "outcome {index}").format(
            index=indices[0]
        )
    shown = [str(i) for i in indices[:5]]
    if len(indices) > 5:
        return QCoreApplication.translate(
            "Labs", "outcomes {first} and {more} more"
        ).format(first=", ".join(shown), more=len(indices) - 5)
    return QCoreApplication.translate("Labs", "outcomes {first} and {last}").format(
        first=", ".join(shown[:-1]), last=shown[-1]
    )


class RateBox(QComboBox):
    """The rate of Play: one of :data:`core.ranges.LAB_RATES` draws per second."""

    def __init__(self, object_name: str) -> None:
        super().__init__()
        named(
            self,
            object_name,
            QCoreApplication.translate("Labs", "Draws per second while playing"),
        )
        for rate in LAB_RATES:
            self.addItem(rate_text(rate), rate)

    def retranslate(self) -> None:
        """Every rate's text in the language in use."""
        for index, rate in enumerate(LAB_RATES):
            self.setItemText(index, rate_text(rate))

    def rate(self) -> int:
        """The rate chosen."""
        return int(self.currentData())

    def show_rate(self, rate: int) -> None:
        """Select ``rate`` without emitting (state → control)."""
        index = self.findData(rate)
        if index != self.currentIndex():
            with QSignalBlocker(self):
                self.setCurrentIndex(index)


class SeedBox(QSpinBox):
    """The run's seed, in :data:`core.ranges.SEED`."""

    def __init__(self, object_name: str) -> None:
        super().__init__()
        named(
            self, object_name, QCoreApplication.translate("Labs", "Seed of the draws")
        )
        self.setRange(SEED.low, SEED.high)
        self.setKeyboardTracking(False)  # a typed 1234 is one seed, not four

    def show_seed(self, seed: int) -> None:
        """Show ``seed`` without emitting."""
        if self.value() != seed:
            with QSignalBlocker(self):
                self.setValue(seed)


def form(*rows: tuple[QLabel, QWidget]) -> QWidget:
    """Captions and controls in two columns."""
    widget = QWidget()
    layout = QFormLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    for caption, control in rows:
        caption.setBuddy(control)
        layout.addRow(caption, control)
    return widget


class LabPage(AnimatedPage):
    """An animated page whose run draws from the explorer's P and Q by the clock.

    Subclasses give, besides :meth:`advanced`, :meth:`can_advance` and
    :meth:`restarted`: :meth:`restarted_from` (a run of new P and Q or a new
    seed) and :meth:`with_rate`, and call :meth:`follow_explorer` once built.
    """

    #: Seconds since some fixed point; tests replace it to play by a fake clock.
    clock: Callable[[], float] = staticmethod(time.perf_counter)

    def __init__(
        self,
        store: Store[Any, Any],
        explorer: ScenarioStore,
        prefix: str,
        what: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(store, prefix, what, parent)
        self.explorer = explorer
        #: The explorer's P and Q when this page last read them (None: never).
        self.followed: tuple[tuple[float, ...], tuple[float, ...]] | None = None
        self._last_frame: float | None = None
        self._carried = 0.0
        self.rate_box = RateBox(f"{prefix}_rate_combo")
        self.seed_box = SeedBox(f"{prefix}_seed_spin")
        self.rate_box.currentIndexChanged.connect(
            lambda _: self.set_rate(self.rate_box.rate())
        )
        self.seed_box.valueChanged.connect(self.set_seed)
        explorer.results_ready.connect(self._explorer_changed)
        explorer.derive_failed.connect(self._explorer_changed)

    # what a lab provides ------------------------------------------------------

    def restarted_from(
        self, state: Any, p: Any = None, q: Any = None, seed: Any = None
    ) -> Any:
        """A new run: of new P and Q, or with a new seed, if given."""
        raise NotImplementedError

    def with_rate(self, state: Any, rate: int) -> Any:
        """The same run, played at ``rate`` draws per second."""
        raise NotImplementedError

    def show_problem(self, text: str) -> None:
        """Say why the explorer's P and Q are not shown ("" to clear)."""
        raise NotImplementedError

    def show_source(self, state: Any) -> None:
        """Say whose P and Q ``state``'s run is of (see :meth:`behind_explorer`)."""

    @property
    def step(self) -> int:
        """Draws so far (the other animated pages' steps)."""
        return int(self.store.state.step)

    # controls → state ---------------------------------------------------------

    def set_rate(self, rate: int) -> None:
        """Play at ``rate`` draws per second from now on (the run goes on)."""
        self.store.set_state(self.with_rate(self.store.state, rate))

    def set_seed(self, seed: int) -> None:
        """A new seed: the run starts again with other draws."""
        self.pause()
        self.store.set_state(self.restarted_from(self.store.state, seed=seed))

    # the explorer → state -----------------------------------------------------

    def _explorer_changed(self, *_: object) -> None:
        if self.isVisible():
            self.follow_explorer()

    def follow_explorer(self, again: bool = False) -> None:
        """Start again from the explorer's P and Q if they moved and are new here.

        Only a change on the explorer starts a new run: a run that Ctrl+Z
        brought back (of P and Q the explorer has since left) stays, until
        the explorer changes again or Reset (``again``) reads it anew.
        """
        explorer = self.explorer
        stale = explorer.pending or explorer.results_state is not explorer.state
        if stale and explorer.error is None:
            return  # the explorer's results are on their way: follow them then
        results = explorer.results
        if explorer.problem is not None:
            self.show_problem(
                QCoreApplication.translate(
                    "Labs",
                    "The Explorer's P and Q cannot be evaluated: {problem} "
                    "Showing the last P and Q.",
                ).format(problem=error_words(explorer.problem))
            )
            return
        if results is None:
            return
        k = int(np.asarray(results.p).size)
        if k > LAB_K.high:
            self.show_problem(
                QCoreApplication.translate(
                    "Labs",
                    "The Explorer's P and Q have {k} outcomes; this lab draws from "
                    "at most {most} (a session keeps every outcome's count). Pick a "
                    "family with fewer outcomes there. Showing the last P and Q.",
                ).format(k=f"{k:,}", most=f"{LAB_K.high:,}")
            )
            return
        self.show_problem("")
        p = tuple(float(v) for v in results.p)
        q = tuple(float(v) for v in results.q)
        state = self.store.state
        was_behind = self.behind_explorer(state)
        moved = (p, q) != self.followed
        self.followed = (p, q)
        if (p, q) == (state.p, state.q) or not (moved or again):
            if was_behind != self.behind_explorer(state):
                self.show_source(state)
            return
        self.pause()
        try:
            restarted = self.restarted_from(state, p, q)
        except ValueError as error:
            self.show_problem(
                QCoreApplication.translate(
                    "Labs", "The Explorer's P and Q cannot be drawn from: {problem}"
                ).format(problem=error_words(error))
            )
            return
        # The window's first run (made before any explorer was read) was never
        # the user's: replacing it is no undo step.
        if state.count == 0 and not self.store.can_undo:
            self.store.refine(restarted)
        else:
            self.store.set_state(restarted)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Tell the tables above the plots how much height is theirs."""
        super().resizeEvent(event)
        for area in self.findChildren(HeaderArea):
            area.set_room(self.height())

    def showEvent(self, event: QShowEvent) -> None:
        """Follow the explorer if it changed while hidden; restart the clock."""
        self.follow_explorer()
        self._last_frame = None
        super().showEvent(event)

    def reset(self) -> None:
        """Pause, back to the first draw, and read the explorer again."""
        super().reset()
        self.follow_explorer(again=True)

    def behind_explorer(self, state: Any) -> bool:
        """Whether ``state``'s P and Q are no longer the explorer's (an undone run)."""
        return self.followed is not None and (state.p, state.q) != self.followed

    def source_title(self, state: Any) -> str:
        """The title over where P and Q come from: the Explorer's, or earlier ones."""
        if self.behind_explorer(state):
            return QCoreApplication.translate(
                "Labs", "P and Q: earlier ones of the Explorer's"
            )
        return QCoreApplication.translate("Labs", "P and Q: the Explorer's")

    # playing by the clock -----------------------------------------------------

    def play(self) -> str | None:
        """Start drawing; the first frame counts from now."""
        self._last_frame = None
        self._carried = 0.0
        return super().play()

    def draws_due(self) -> int:
        """How many draws the time since the last frame is worth, at the rate."""
        now = self.clock()
        if self._last_frame is None:
            self._last_frame = now
            return 0
        elapsed = max(0.0, now - self._last_frame)
        self._last_frame = now
        due, self._carried = samples_due(self.store.state.rate, elapsed, self._carried)
        return due

    def _tick(self) -> None:
        if not self.isVisible():
            self.timer.stop()
            return
        due = self.draws_due()
        if due:
            state = self.advanced(self.store.state, due)
            self.store.set_state(state)
        if not self.can_advance(self.store.state):
            self.pause()

    def retranslate(self) -> None:
        """Set every text again: the page's (playback bar first), the rate box's.

        Called on ``QEvent.LanguageChange`` (:class:`viz.pages.common.Page`).
        """
        super().retranslate()
        self.rate_box.retranslate()


def show_problem_label(label: QLabel, text: str) -> None:
    """Show a problem strip with ``text``, or hide it for ""."""
    set_text(label, text)
    label.setVisible(bool(text))


__all__ = [
    "LabPage",
    "RateBox",
    "SeedBox",
    "form",
    "outcomes_text",
    "rate_text",
    "show_problem_label",
]


def clean_cut(spans: list[tuple[int, int]], limit: int, lowest: int) -> int | None:
    """The tallest view from the top, at most ``limit``, that cuts no span.

    ``spans`` are (top, bottom) of the lines in sight (labels, rows); a cut
    at y is clean when no span has top < y < bottom. Returns the largest
    clean y in [``lowest``, ``limit``] that ends a span, or None if none does.
    """
    best = None
    for _, y in spans:
        higher = best is None or y > best
        if lowest <= y <= limit and higher and not _cuts_any(spans, y):
            best = y
    return best


def _cuts_any(spans: list[tuple[int, int]], y: int) -> bool:
    return any(top < y < bottom for top, bottom in spans)


class HeaderArea(QScrollArea):
    """The readout tables above a lab's plots, never taller than their share.

    At 24-px lecture type on a 1280×720 projector the tables alone would take
    the page and leave the plots a sliver: the area takes at most ``share`` of
    the page's height (the rest scrolls) and never widens the window (a wide
    table scrolls sideways instead). When the tables do not fit, the view
    ends under a whole row: at 1366×768 a row cut in half across its words
    looked like a broken page, not like one that scrolls.
    """

    #: No cut leaves less than this in sight (the area's smallest height).
    LOWEST_PX = 80

    def __init__(self, object_name: str, *widgets: QWidget, share: float = 0.45):
        super().__init__()
        self.setObjectName(object_name)
        self.share = share
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            column.addWidget(widget)
        self.setWidget(inner)
        self.setWidgetResizable(True)
        # A line shown or grown inside (a truncation's reason) asks the
        # inner layout for room: the area's own height must follow, or the
        # rows below it were cut in half with space to spare on the page.
        inner.installEventFilter(self)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        # Rows move only once the inner layout has run: the cut is found
        # after the event that moved them, once for a burst of them.
        self._recut = QTimer(self)
        self._recut.setSingleShot(True)
        self._recut.timeout.connect(self._cut_under_a_row)
        # Scrolled, other rows meet the bottom edge: cut again there.
        self.verticalScrollBar().valueChanged.connect(lambda _: self._recut.start(0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The tables asked for a new layout: so do we (see __init__)."""
        if watched is self.widget():
            if event.type() == QEvent.Type.LayoutRequest:
                self.updateGeometry()
                self._recut.start(0)
            elif event.type() == QEvent.Type.Resize:
                self._recut.start(0)
        return super().eventFilter(watched, event)

    def set_room(self, page_height: int) -> None:
        """The page is ``page_height`` tall: take at most our share of it."""
        self.setMaximumHeight(max(self.LOWEST_PX, int(page_height * self.share)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A new height (the page's share, or what the plots leave): cut again."""
        super().resizeEvent(event)
        self._recut.start(0)

    def _cut_under_a_row(self) -> None:
        """End the view under the last whole row in sight, blank below it.

        The blank is a viewport margin: the area keeps the height the page's
        layout gave it, so the cut never feeds back into that layout.
        """
        inner = self.widget()
        if inner is None:
            return
        margins = self.viewportMargins()
        room = self.viewport().height() + margins.bottom()
        blank = 0
        if inner.height() > room:
            top = self.verticalScrollBar().value()
            cut = clean_cut(self._row_spans(inner), top + room, top + self.LOWEST_PX)
            blank = 0 if cut is None else top + room - cut
        if blank != margins.bottom():
            self.setViewportMargins(0, 0, 0, blank)

    @staticmethod
    def _row_spans(inner: QWidget) -> list[tuple[int, int]]:
        """(top, bottom) in ``inner`` of every visible line-holding widget."""
        spans = []
        pending = list(
            inner.findChildren(
                QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
            )
        )
        while pending:
            widget = pending.pop()
            if not widget.isVisibleTo(inner):
                continue
            children = (
                []
                if isinstance(widget, QAbstractScrollArea)
                else widget.findChildren(
                    QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
                )
            )
            shown = [c for c in children if c.isVisibleTo(inner)]
            if shown:
                pending.extend(shown)
                continue
            top = widget.mapTo(inner, QPoint(0, 0)).y()
            spans.append((top, top + widget.height()))
        return spans

    def sizeHint(self) -> QSize:
        """The tables' own height (capped by set_room), any width."""
        inner = self.widget()
        if inner is None:
            return QSize(200, 80)
        width = self.viewport().width()
        if inner.hasHeightForWidth() and width > 0:
            height = inner.heightForWidth(width)
        else:
            height = inner.sizeHint().height()
        if inner.minimumSizeHint().width() > width:
            height += self.horizontalScrollBar().sizeHint().height()
        return QSize(200, height)

    def minimumSizeHint(self) -> QSize:
        """Small: the window's width and the plots' height come first."""
        return QSize(100, 80)
