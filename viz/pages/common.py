"""What the extra pages share: playback on a frame timer, names, numbers, ranges.

Every page follows the explorer's flow: a control writes the page's state (a
frozen core state or a few plain values), the page schedules one redraw, and
the views only draw. An animated page advances its state by a fixed number
of steps per timer tick, at most once per screen refresh, and only while it
is on show.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QHideEvent,
    QResizeEvent,
    QShowEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from core.i18n import QT_TRANSLATE_NOOP
from core.numbers import format_number
from core.ranges import Range
from viz import theme
from viz.livetext import FixedWidthLabel
from viz.plotting import nice_ceiling, set_y_range_now
from viz.sliders import FloatSlider, SliderScale
from viz.store import Store
from viz.translated import LiveTexts, Retranslating, reannounce
from viz.widgets import named, set_text

translate = QCoreApplication.translate

#: One colour per loss on every page (Okabe–Ito, colour-blind safe).
CROSS_ENTROPY_COLOUR = theme.ACCENT_COLOUR  # bluish green
SQUARED_ERROR_COLOUR = theme.GRADIENT_COLOUR  # vermillion
LOSS_COLOURS = {
    "cross_entropy": CROSS_ENTROPY_COLOUR,
    "squared_error": SQUARED_ERROR_COLOUR,
}
#: Each loss's name in English; :func:`loss_name` gives it in the language in use.
LOSS_NAMES = {
    "cross_entropy": QT_TRANSLATE_NOOP("Losses", "cross-entropy"),
    "squared_error": QT_TRANSLATE_NOOP("Losses", "squared error"),
}


def loss_name(kind: str) -> str:
    """The name of the loss ``kind`` ("cross-entropy"), in the language in use."""
    return translate("Losses", LOSS_NAMES[kind])  # i18n: variable (LOSS_NAMES)


def loss_title(kind: str) -> str:
    """The loss's name as a heading ("Cross-entropy", "交叉熵")."""
    if kind == "cross_entropy":
        return translate("Losses", "Cross-entropy")
    return translate("Losses", "Squared error")


#: Never tick faster than this, whatever the screen claims (ms).
MIN_FRAME_MS = 16


def frame_interval_ms(widget: QWidget | None = None) -> int:
    """A timer interval of at least one refresh of the widget's screen (≥ 16 ms)."""
    screen = widget.screen() if widget is not None else None
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    rate = screen.refreshRate() if screen is not None else 60.0
    if not math.isfinite(rate) or rate <= 0:
        rate = 60.0
    return max(MIN_FRAME_MS, math.ceil(1000.0 / rate))


def next_pass_timer(parent: QObject, slot: Callable[[], object]) -> QTimer:
    """A zero-interval single-shot timer that runs ``slot`` on the next pass.

    Starting it again while it waits changes nothing, so however many
    changes ask for it in one pass of the event loop, ``slot`` runs once,
    after the last of them (as :class:`viz.state.ScenarioStore` recomputes).
    """
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(0)
    timer.timeout.connect(slot)
    return timer


def number_text(value: float, decimals: int = 4) -> str:
    """``value`` for a page's readout: :func:`core.numbers.format_number`."""
    return format_number(value, decimals)


def fixed_text(value: float, decimals: int) -> str:
    """``value`` with ``decimals`` decimals: :func:`core.numbers.format_number`."""
    return format_number(value, decimals)


def coloured(colour: str, text: str) -> str:
    """Rich text in ``colour``'s text version (a loss named in its plot colour)."""
    return f"<span style='color:{theme.text_colour(colour)}'>{text}</span>"


def application_font_px() -> float:
    """The application font's size in pixels (lecture mode and zoom change it)."""
    font = QGuiApplication.font()
    if font.pixelSize() > 0:
        return float(font.pixelSize())
    return font.pointSizeF() * 96.0 / 72.0


class ScaledLabel(QLabel):
    """A label whose bold text is ``scale`` times the application font.

    It follows the application font, so lecture mode and zoom enlarge it
    with everything else.
    """

    def __init__(
        self, scale: float, weight: int = 600, parent: QWidget | None = None
    ) -> None:
        super().__init__("", parent)
        self.scale = scale
        self.weight = weight
        self._px = 0
        self.refont()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.fontChanged.connect(self.refont)

    def refont(self, *_: object) -> None:
        """Size the text from the application font, smaller if it must fit."""
        px = max(8, round(application_font_px() * self.scale))
        room = self.contentsRect().width()
        if room > 1 and self.text():
            # Measured at the full size: at the size last chosen a shrunk
            # text fits, and the next refit would grow it back over the edge.
            needed = _rich_text_width(self.text(), self.font(), px)
            if needed > room:
                # A number as small as it takes (8 px at least): cut off
                # ("0.571 na", "13.307 r") it says less than small. Text that
                # wraps shrinks to 60% at most and takes more lines.
                smallest = round(px * 0.6) if self.wordWrap() else 8
                px = max(smallest, min(px, math.floor(px * room / needed)))
        if px != self._px:
            self._px = px
            self.setStyleSheet(f"font-size: {px}px; font-weight: {self.weight};")

    def setText(self, text: str) -> None:
        """Show ``text``, fitted to the label's width."""
        super().setText(text)
        self.refont()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fit the text again to the new width."""
        super().resizeEvent(event)
        self.refont()


def _rich_text_width(text: str, font: QFont, px: int) -> float:
    """Width of ``text`` (rich text allowed) in ``font`` at ``px`` pixels."""
    document = QTextDocument()
    document.setDocumentMargin(0)
    sized = QFont(font)
    sized.setPixelSize(px)
    document.setDefaultFont(sized)
    document.setHtml(text)
    return document.idealWidth()


def big_label(object_name: str, accessible: str, scale: float = 1.7) -> QLabel:
    """A large, selectable readout that never re-lays out the page."""
    label = ScaledLabel(scale)
    named(label, object_name, accessible)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


def heading(text: str, scale: float = 1.25) -> QLabel:
    """A bold heading a little larger than the application font."""
    label = ScaledLabel(scale)
    label.setText(text)
    label.setWordWrap(True)  # wraps rather than widening the window
    return label


def text_label(object_name: str, accessible: str, wrap: bool = True) -> QLabel:
    """A rich-text readout or note in the page's normal font."""
    label = QLabel("")
    named(label, object_name, accessible)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ControlsColumn(QScrollArea):
    """The left-hand column of a page: its controls, scrolling if they must.

    Between 300 and 380 pixels wide, and wider when larger type (lecture
    mode, zoom) needs it, so no control is ever cut off.
    """

    def __init__(self, object_name: str, *widgets: QWidget) -> None:
        super().__init__()
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(4, 4, 4, 4)
        for widget in widgets:
            layout.addWidget(widget)
        layout.addStretch(1)
        self.setObjectName(object_name)
        self.setWidget(inner)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner.installEventFilter(self)
        self.fit_width()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Refit the width once a new font or language has reached every control."""
        if watched is self.widget() and event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.LanguageChange,
        ):
            QTimer.singleShot(0, self.fit_width)
        return False

    def showEvent(self, event: QShowEvent) -> None:
        """Fit to the controls as they are now.

        A page sets its texts after building its column, and one built in
        lecture type gets no font change: its buttons were cut off at the
        column's 300 pixels.
        """
        self.fit_width()
        super().showEvent(event)

    def fit_width(self) -> None:
        """As wide as the controls need, at least 300 pixels."""
        inner = self.widget()
        needed = inner.minimumSizeHint().width() if inner is not None else 0
        width = max(300, needed + self.verticalScrollBar().sizeHint().width() + 4)
        if width != self.minimumWidth():
            self.setMinimumWidth(width)
            self.setMaximumWidth(max(380, width))


def controls_column(object_name: str, *widgets: QWidget) -> QScrollArea:
    """The left-hand column of a page (see :class:`ControlsColumn`)."""
    return ControlsColumn(object_name, *widgets)


class LabelledSlider(QWidget):
    """A caption, a float slider and its value: ``{name}_slider``, ``{name}_value``.

    ``value_changed`` carries the float the user chose; :meth:`show_value`
    moves the handle without emitting (state → control).
    """

    value_changed = Signal(float)

    def __init__(
        self,
        name: str,
        caption: str,
        accessible: str,
        scale: SliderScale,
        template: str = "00.000",
        decimals: int = 3,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.decimals = decimals
        self.slider = FloatSlider(scale)
        self.slider.setObjectName(f"{name}_slider")
        self.value = FixedWidthLabel(template)
        self.value.setObjectName(f"{name}_value")
        label = QLabel(caption)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setBuddy(self.slider)
        self.caption = label
        self.set_texts(caption, accessible)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.value)
        self.slider.value_changed_float.connect(self._emit)

    def set_texts(self, caption: str, accessible: str) -> None:
        """The caption and the slider's accessible name (a new language)."""
        set_text(self.caption, caption)
        self.slider.setAccessibleName(accessible)
        self.value.setAccessibleName(
            translate("LabelledSlider", "{control}: value").format(control=accessible)
        )

    def _emit(self, value: float) -> None:
        self.value_changed.emit(value)

    def show_value(self, value: float) -> None:
        """Move the handle to ``value`` (without emitting) and show it."""
        self.slider.set_float(value)
        set_text(self.value, fixed_text(value, self.decimals))


def slider_scale(limits: Range, steps: int = 1000) -> SliderScale:
    """A slider's float scale over a core range (so both agree by construction)."""
    return SliderScale(limits.low, limits.high, steps=steps, log=limits.log)


def bind_gestures(slider: QSlider, store: Store[Any, Any]) -> None:
    """A press and release of ``slider`` bracket one undo step of ``store``."""
    slider.sliderPressed.connect(store.begin_gesture)
    slider.sliderReleased.connect(store.end_gesture)


class PlaybackBar(QWidget):
    """Play/pause, single step and reset: ``{prefix}_play_button`` and friends.

    ``what`` names what plays in the buttons' accessible names ("the race");
    its page retranslates the bar (:meth:`retranslate`) before its own texts,
    so a page may word a button its own way ("Draw 1").
    """

    play_clicked = Signal()
    step_clicked = Signal()
    reset_clicked = Signal()

    def __init__(self, prefix: str, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.what = what
        self.playing = False
        self.play = QPushButton()
        self.play.setObjectName(f"{prefix}_play_button")
        self.step = QPushButton()
        self.step.setObjectName(f"{prefix}_step_button")
        self.reset = QPushButton()
        self.reset.setObjectName(f"{prefix}_reset_button")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in (self.play, self.step, self.reset):
            layout.addWidget(button)
        self.play.clicked.connect(self.play_clicked)
        self.step.clicked.connect(self.step_clicked)
        self.reset.clicked.connect(self.reset_clicked)
        self.retranslate()

    def set_what(self, what: str) -> None:
        """What plays, in the language in use (its page calls this on a change)."""
        self.what = what
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the bar in the language in use."""
        what = self.what
        self.play.setAccessibleName(
            translate("PlaybackBar", "Play or pause {what} (Space)").format(what=what)
        )
        self.play.setToolTip(translate("PlaybackBar", "Play or pause (Space)"))
        self.step.setText(translate("PlaybackBar", "Step"))
        self.step.setAccessibleName(
            translate("PlaybackBar", "One step of {what} (.)").format(what=what)
        )
        self.step.setToolTip(translate("PlaybackBar", "One gradient step (.)"))
        self.reset.setText(translate("PlaybackBar", "Reset"))
        self.reset.setAccessibleName(
            translate("PlaybackBar", "Reset {what}").format(what=what)
        )
        self.show_playing(self.playing)

    def show_playing(self, playing: bool) -> None:
        """Label the play button with what a click would do."""
        self.playing = playing
        if playing:
            set_text(self.play, translate("PlaybackBar", "❚❚ Pause"))
        else:
            set_text(self.play, translate("PlaybackBar", "▶ Play"))


class Page(Retranslating, QWidget):
    """What the window asks of every page, typed (no ``getattr`` probing).

    A page draws its :attr:`store`'s results and writes the store from its
    controls; it never keeps state of its own that a session or undo would
    miss. The window calls :meth:`toggle_play`, :meth:`step_once` and
    :meth:`reset` from Space, "." and the menus, and styles
    :meth:`plot_widgets` for lecture mode and zoom.

    On a language change (``QEvent.LanguageChange``) :meth:`retranslate`
    sets the page's texts again (those registered in :attr:`texts`) and has
    the store announce its results again, so every text made from them is
    made anew in the new language.
    """

    #: A passing remark for the status line (the window shows it a while):
    #: what a control did that the page does not show by itself.
    said = Signal(str)

    def __init__(self, store: Store[Any, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        #: Texts that follow the language (see :class:`viz.translated.LiveTexts`).
        self.texts = LiveTexts()

    @property
    def nothing_to_play(self) -> str:
        """What Space and "." say on a page with nothing to animate."""
        return translate(
            "Page", "Nothing to play on this page: its numbers follow every edit."
        )

    def retranslate(self) -> None:
        """Every text again in the language in use, then the results redrawn."""
        self.texts.retranslate()
        reannounce(self.store)

    def can_play(self) -> bool:
        """Whether play would do anything now."""
        return False

    @property
    def playing(self) -> bool:
        """True while an animation runs (or would, once the page is on show)."""
        return False

    def toggle_play(self) -> str | None:
        """Play or pause; returns why nothing happened, or None."""
        return self.nothing_to_play

    def step_once(self) -> str | None:
        """One step; returns why nothing happened, or None."""
        return self.nothing_to_play

    def pause(self) -> None:
        """Stop an animation (nothing to do on a page without one)."""

    def reset(self) -> None:
        """Back to the page's start (one undo step)."""

    def plot_widgets(self) -> list[QWidget]:
        """The widgets holding this page's plots (each has ``plot_items()``)."""
        return []

    def background_busy(self) -> bool:
        """True while numbers on show still wait for work beside the event loop.

        The store's derive, by default (a worker thread's, for a
        :class:`viz.background_store.BackgroundStore`); a page with work of its
        own adds it. An export waits for it (:mod:`viz.background_work`).
        """
        return self.store.pending


class AnimatedPage(Page):
    """A page whose state a frame timer advances by ``steps_per_tick`` steps.

    Subclasses give :meth:`advanced` (the state after n steps, pure) and
    :meth:`can_advance`. A run from Play to Pause is one undo step (a
    gesture of the store), as a drag is. The timer runs only while the page
    is visible: hiding the page stops it and showing it again resumes a run
    the user had started.
    """

    #: Steps per timer tick: fixed, so the pace never depends on CPU speed.
    steps_per_tick = 1

    def __init__(
        self,
        store: Store[Any, Any],
        prefix: str,
        what: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(store, parent)
        self.prefix = prefix
        self.playback = PlaybackBar(prefix, what)
        # Before the page's own texts, which may reword a button.
        self.texts.call(self.playback.retranslate, self.playback)
        self.timer = QTimer(self)
        self.timer.setObjectName(f"{prefix}_timer")
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._tick)
        self._playing = False
        #: Whether the run's undo step is open, and whether a drag's is.
        self._run_open = False
        self._dragging = False
        self.playback.play_clicked.connect(self.toggle_play)
        self.playback.step_clicked.connect(self.step_once)
        self.playback.reset_clicked.connect(self.reset)

    # what a page provides -------------------------------------------------

    def advanced(self, state: Any, steps: int) -> Any:
        """The state after ``steps`` more steps (pure)."""
        raise NotImplementedError

    def can_advance(self, state: Any) -> bool:
        """Whether a step from ``state`` would change anything."""
        raise NotImplementedError

    def restarted(self, state: Any) -> Any:
        """The state back at its start."""
        raise NotImplementedError

    # playback ---------------------------------------------------------------

    def can_play(self) -> bool:
        """Whether play would do anything now."""
        return bool(self.can_advance(self.store.state))

    @property
    def playing(self) -> bool:
        """True while the user wants the animation to run (even if hidden)."""
        return self._playing

    def toggle_play(self) -> str | None:
        """Play if paused, pause if playing (Space)."""
        if self._playing:
            self.pause()
            return None
        return self.play()

    def play(self) -> str | None:
        """Start the frame timer (it runs only while the page is visible)."""
        if not self.can_play():
            return translate(
                "Page", "Nothing left to play: reset (or change a setting) first."
            )
        self._playing = True
        self._open_run()
        self.playback.show_playing(True)
        if self.isVisible():
            self.timer.start(frame_interval_ms(self))
        return None

    def pause(self) -> None:
        """Stop the frame timer; the run so far is one undo step."""
        self._close_run()
        self._playing = False
        self.timer.stop()
        self.playback.show_playing(False)

    def _open_run(self) -> None:
        if not self._run_open and not self._dragging:
            self.store.begin_gesture()
            self._run_open = True

    def _close_run(self) -> None:
        if self._run_open:
            self.store.end_gesture()
            self._run_open = False

    def bind_drag(self, slider: QSlider) -> None:
        """A drag of ``slider`` is one undo step, also while the page runs.

        The run so far becomes one step, the drag (with the frames during
        it) the next, and a run that goes on after it one more: a control
        that pauses the run (a restart) does not split the drag.
        """
        slider.sliderPressed.connect(self._drag_started)
        slider.sliderReleased.connect(self._drag_ended)

    def _drag_started(self) -> None:
        self._close_run()
        self._dragging = True
        self.store.begin_gesture()

    def _drag_ended(self) -> None:
        self.store.end_gesture()
        self._dragging = False
        if self._playing:
            self._open_run()

    def step_once(self) -> str | None:
        """Pause and take exactly one step (".")."""
        self.pause()
        if not self.can_advance(self.store.state):
            return translate(
                "Page", "Nothing left to step: reset (or change a setting) first."
            )
        self.store.set_state(self.advanced(self.store.state, 1))
        return None

    def reset(self) -> None:
        """Pause, and back to the start (one undo step)."""
        self.pause()
        self.store.set_state(self.restarted(self.store.state))

    def _tick(self) -> None:
        if not self.isVisible():
            self.timer.stop()
            return
        state = self.advanced(self.store.state, self.steps_per_tick)
        self.store.set_state(state)
        if not self.can_advance(state):
            self.pause()

    def hideEvent(self, event: QHideEvent) -> None:
        """Stop the timer while the page is not on show."""
        self.timer.stop()
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        """Resume a run that was playing when the page was hidden."""
        super().showEvent(event)
        if self._playing and not self.timer.isActive():
            self.timer.start(frame_interval_ms(self))


class GrowingRange:
    """An x range [start, end] that grows in nice steps as a run gets longer.

    Re-ranging an axis regenerates its tick text; a step axis that followed
    every new step would do it on every frame.
    """

    def __init__(self, plot: pg.PlotItem, minimum: float = 10.0) -> None:
        self.plot = plot
        self.minimum = minimum
        self.shown: tuple[float, float] | None = None
        plot.disableAutoRange(axis="x")

    def fit(self, start: float, end: float) -> None:
        """Make sure [start, end] is visible."""
        span = max(end - start, self.minimum)
        if self.shown is not None:
            low, high = self.shown
            fits = low == start and (end - low) * 1.02 <= high - low
            if fits and span > 0.2 * (high - low):
                return
        wanted = (start, start + nice_ceiling(span * 1.3))
        if wanted != self.shown:
            self.shown = wanted
            # Room for a marker at the first step: at 0.01 of the span the
            # dot of step 0 sat half behind the left axis.
            self.plot.setXRange(*wanted, padding=0.03)


class LogRange:
    """A y range in whole decades for a log-scale axis; moves only when needed."""

    def __init__(self, plot: pg.PlotItem, lowest: float = 1e-12) -> None:
        self.plot = plot
        self.lowest = lowest
        self.shown: tuple[int, int] | None = None
        plot.disableAutoRange(axis="y")

    def fit(self, values: NDArray[np.float64]) -> None:
        """Make sure every positive finite value is visible."""
        shown = values[np.isfinite(values) & (values > 0)]
        if shown.size == 0:
            return
        low = math.floor(math.log10(max(float(shown.min()), self.lowest)))
        high = math.ceil(math.log10(float(shown.max())))
        low = min(low, high - 3)  # fewer than 3 decades get cluttered minor labels
        if self.shown is not None:
            shown_low, shown_high = self.shown
            if shown_low <= low and high <= shown_high and shown_low >= low - 2:
                return
        self.shown = (low, high)
        # Headroom above the top decade (a twentieth of the range: half a
        # marker's height on a plot 110 px tall): a value at 1 on an axis
        # ending at 10⁰ ran along the plot's edge, its marker cut in half.
        span = high - low
        set_y_range_now(self.plot, low - 0.02 * span, high + 0.05 * span)


def positive(values: NDArray[np.float64], floor: float = 1e-300) -> NDArray[np.float64]:
    """``values`` with zeros lifted to ``floor``, for a logarithmic axis."""
    return np.maximum(values, floor)
