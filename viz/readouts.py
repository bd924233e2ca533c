"""The large readouts: one value with its unit, and ∞ with its reason."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from core import Results
from core.export import TITLES, readout_title
from core.i18n import QT_TRANSLATE_NOOP
from core.metrics import READOUTS as READOUT_KEYS
from core.metrics import reason_text
from core.numbers import format_with_unit
from viz import theme
from viz.livetext import LiveText
from viz.translated import Retranslating
from viz.widgets import show_stale

translate = QCoreApplication.translate


@dataclass(frozen=True)
class ReadoutSpec:
    """Which result a readout shows and how it is titled (in English).

    :attr:`shown_title` and :attr:`shown_tooltip` give the language in use.
    """

    key: str
    title: str
    tooltip: str

    @property
    def shown_title(self) -> str:
        """The title in the language in use ("Loss" is a word; the rest symbols)."""
        return readout_title(self.key)

    @property
    def shown_tooltip(self) -> str:
        """The tooltip in the language in use."""
        return translate("Readouts", self.tooltip)  # i18n: variable (TOOLTIPS)


#: What a pointer over each readout explains (English; translated when shown).
TOOLTIPS = {
    "entropy_p": QT_TRANSLATE_NOOP("Readouts", "Entropy of P: −Σ p log p"),
    "entropy_q": QT_TRANSLATE_NOOP("Readouts", "Entropy of Q: −Σ q log q"),
    "cross_entropy_pq": QT_TRANSLATE_NOOP(
        "Readouts", "Cross-entropy −Σ p log q = H(P) + D(P‖Q)"
    ),
    "cross_entropy_qp": QT_TRANSLATE_NOOP(
        "Readouts", "Cross-entropy −Σ q log p = H(Q) + D(Q‖P)"
    ),
    "kl_pq": QT_TRANSLATE_NOOP("Readouts", "KL divergence Σ p log(p/q)"),
    "kl_qp": QT_TRANSLATE_NOOP(
        "Readouts", "KL divergence Σ q log(q/p): not the same as D(P‖Q)"
    ),
    "js": QT_TRANSLATE_NOOP(
        "Readouts", "Jensen–Shannon divergence: symmetric, at most 1 bit"
    ),
    "loss": QT_TRANSLATE_NOOP(
        "Readouts", "Cross-entropy loss of the logits against the target"
    ),
}

#: The readouts in the order the core lists them, titled as everywhere else.
READOUTS: tuple[ReadoutSpec, ...] = tuple(
    ReadoutSpec(key, TITLES[key], TOOLTIPS[key]) for key in READOUT_KEYS
)


#: The smallest type a reason shrinks to before it may take a third line.
MIN_REASON_PX = 11
#: Pixels the card's two lines of room fall short of two full lines (its
#: margins, and a Chinese line's taller fallback glyphs).
REASON_SLACK_PX = 4


class Readout(Retranslating, QFrame):
    """A titled value, e.g. ``D(P‖Q)`` over ``0.1187 bits``."""

    def __init__(self, spec: ReadoutSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._value_px = theme.NORMAL.readout_font_px
        #: The (value px, reason colour) the labels are styled for.
        self._styled: tuple[int, str] | None = None
        self._pinned: tuple[float, str] | None = None
        self.setObjectName(f"readout_{spec.key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(0)
        self.title = QLabel(spec.title)
        self.value = LiveText("0.0000 bits")
        self.value.setObjectName(f"readout_{spec.key}_value")
        self.reason = QLabel("")
        self.reason.setObjectName(f"readout_{spec.key}_reason")
        self.reason.setWordWrap(True)
        # Hidden until there is a reason: an empty line that shows takes
        # room, and a readout whose ∞ came and went sat lower than its row.
        self.reason.setVisible(False)
        self.pinned = QLabel("")
        self.pinned.setObjectName(f"readout_{spec.key}_pinned")
        self.pinned.setVisible(False)
        for label in (self.title, self.value, self.reason, self.pinned):
            if label is not self.value:  # a LiveText sizes itself
                # The labels take the width they are given: a long reason
                # must not widen the window.
                label.setSizePolicy(
                    QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
                )
            label.setAlignment(
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
            )
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
        self.retranslate()

    def retranslate(self) -> None:
        """Title, tooltip and the pinned value's words in the language in use.

        The value and its reason follow when the results are shown again.
        """
        self.title.setText(self.spec.shown_title)
        self.setAccessibleName(self.spec.shown_title)
        self.setToolTip(self.spec.shown_tooltip)
        if self._pinned is not None:
            self.show_pinned(*self._pinned)

    def _fit_value_font(self) -> None:
        """Largest font up to the chosen size at which the value fits the width.

        A 1280-pixel projector in lecture mode has less room per readout than
        the chosen size assumes; a clipped number is worse than a smaller one.
        """
        text = self.value.text() or "0.0000 bits"
        font = self.value.font()
        size = self._value_px
        available = max(self.value.width() - 4, 20)
        while size > 10:
            font.setPixelSize(size)
            if QFontMetrics(font).horizontalAdvance(text) <= available:
                break
            size -= 1
        if font.pixelSize() != self.value.font().pixelSize():
            self.value.setFont(font)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Refit the value's and the reason's fonts to the new width."""
        super().resizeEvent(event)
        self._fit_value_font()
        self._fit_reason_font()

    def _fit_reason_font(self) -> None:
        """Largest type up to the chosen size in which the reason takes two lines.

        The card has room for about two lines of it: in lecture type at
        1024 px "Q = 0 where P > 0 at outcome 1" wrapped to three and lost
        its outcome. The room is two lines of the chosen size, not the
        label's height, which follows the type and would shrink it step by
        step; the text is measured by the label's own layout (Chinese comes
        from a taller fallback font than the label's).
        """
        label = self.reason
        if not label.text():
            return
        width = max(label.width(), 20)
        font = QFont(label.font())
        chosen = max(11, self._value_px // 2)
        font.setPixelSize(chosen)
        room = 2 * QFontMetrics(font).lineSpacing() - REASON_SLACK_PX
        size = chosen
        label.setFont(font)
        while size > MIN_REASON_PX and label.heightForWidth(width) > room:
            size -= 1
            font.setPixelSize(size)
            label.setFont(font)

    def text(self) -> str:
        """What the readout shows, as one line of plain text."""
        parts = [self.value.text(), self.reason.text()]
        return " ".join(part for part in parts if part)

    def show_value(self, value: float, units: str, reason: str) -> None:
        """Display ``value`` in ``units``; an infinite value gets its reason."""
        text = format_with_unit(value, units)
        if self.value.text() != text:
            self.value.setText(text)
            self._fit_value_font()
        if self.reason.text() != reason:
            self.reason.setText(reason)
            self.reason.setVisible(bool(reason))
            self._fit_reason_font()
        self.setAccessibleDescription(self.text())

    def show_pinned(self, value: float | None, units: str) -> None:
        """Show a pinned earlier value under the current one (None hides it)."""
        if value is None:
            self._pinned = None
            self.pinned.setVisible(False)
            return
        self._pinned = (value, units)
        shown = format_with_unit(value, units)
        self.pinned.setText(
            translate("Readouts", "pinned: {value}").format(value=shown)
        )
        self.pinned.setVisible(True)

    def set_font_px(self, value_px: int, reason_colour: str = "#A0300A") -> None:
        """Scale the value's font (lecture mode makes it larger)."""
        if self._styled == (value_px, reason_colour):
            return  # style sheets cost a polish each: 10 ms a window's start
        self._styled = (value_px, reason_colour)
        self._value_px = value_px
        font = self.value.font()
        font.setPixelSize(value_px)
        font.setWeight(QFont.Weight.DemiBold)
        self.value.setFont(font)
        self._fit_value_font()
        self.title.setStyleSheet(f"font-size: {max(12, value_px // 2)}px;")
        # The reason's size by font, not style sheet: _fit_reason_font sets it.
        self.reason.setStyleSheet(f"color: {reason_colour};")
        reason_font = self.reason.font()
        reason_font.setPixelSize(max(11, value_px // 2))
        self.reason.setFont(reason_font)
        self._fit_reason_font()
        self.pinned.setStyleSheet(
            f"font-size: {max(11, value_px // 2)}px; color: #333333;"
        )


class ReadoutPanel(QWidget):
    """All readouts in a grid, always visible above the plots."""

    #: The share of its chosen size below which a value may not shrink to
    #: fit a cell: narrower, the readouts go two a row instead of four (at
    #: twice the height, so only where four would be truly unreadable).
    SMALLEST_SHARE = 0.4
    #: The widest value usually shown, to judge a cell's room by.
    TEMPLATE = "0.0000 bits"

    def __init__(self, columns: int = 4, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(4)
        self.readouts = {spec.key: Readout(spec) for spec in READOUTS}
        self._reason_colour = "#A0300A"
        self._font_px = theme.NORMAL.readout_font_px
        self._wide_columns = columns
        self.columns = 0
        self._lay_out(columns)
        self.set_font_px(theme.NORMAL.readout_font_px)

    def _lay_out(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        for readout in self.readouts.values():
            self.grid.removeWidget(readout)
        for index, readout in enumerate(self.readouts.values()):
            self.grid.addWidget(readout, index // columns, index % columns)

    def _columns_for(self, width: int) -> int:
        """Four a row, unless their values would shrink below SMALLEST_SHARE.

        In lecture type at 1280×720 beside a lesson, "1.0986 奈特" in a
        quarter of the panel was 9 pixels tall, the smallest text on screen.
        """
        font = QFont(self.font())
        font.setPixelSize(self._font_px)
        font.setWeight(QFont.Weight.DemiBold)
        full = QFontMetrics(font).horizontalAdvance(self.TEMPLATE)
        needed = self.SMALLEST_SHARE * full + 20  # the frame's margins
        room = (width - 3 * self.grid.spacing()) / self._wide_columns
        return self._wide_columns if room >= needed else 2

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Two readouts a row where four would be too small to read."""
        super().resizeEvent(event)
        self._lay_out(self._columns_for(event.size().width()))

    def show_results(self, results: Results) -> None:
        """Show every value of ``results``."""
        for key, readout in self.readouts.items():
            readout.show_value(
                getattr(results, key), results.units, reason_text(results, key)
            )

    def set_stale(self, stale: bool) -> None:
        """Grey every value while it is the last valid state's (see show_stale)."""
        show_stale([r.value for r in self.readouts.values()], stale)

    def set_font_px(self, value_px: int) -> None:
        """Scale every readout."""
        self._font_px = value_px
        for readout in self.readouts.values():
            readout.set_font_px(value_px, self._reason_colour)
        if self.width() > 0:
            self._lay_out(self._columns_for(self.width()))

    def show_pinned(self, pinned: Results | None) -> None:
        """Show each readout's pinned value, or hide them all."""
        for key, readout in self.readouts.items():
            value = None if pinned is None else getattr(pinned, key)
            readout.show_pinned(value, "" if pinned is None else pinned.units)

    def set_reason_colour(self, colour: str) -> None:
        """The colour of the "why ∞" lines (darker on a projector)."""
        self._reason_colour = colour
        self.set_font_px(self._font_px)
