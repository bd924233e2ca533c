"""The status line's standing hint: what to do on the page on show.

The explorer's "move a slider or drag a bar; presets: keys 1–9" is wrong on
the other pages (the next-token lab has no bars, keys 1–9 load the
explorer's presets), so each page has its own one line, in the language in
use (context ``PageHints`` of the catalogue).

The hint is a normal widget of the status bar: a transient message
(``statusBar().showMessage``, with or without a timeout) covers it, and it
is back once the message is cleared, by its timeout or by a change of page:
a message about one page is stale on the next, unless it was shown in the
same pass of the event loop (a preset or a session that switches the page
and says so, in either order).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar, QTabWidget

from core.i18n import QT_TRANSLATE_NOOP

#: The catalogue's context of the hints.
CONTEXT = "PageHints"

#: Each page's hint, by panel (viz.pages.PAGES), in English.
PAGE_HINTS = {
    "explorer": QT_TRANSLATE_NOOP(
        "PageHints", "Move a slider or drag a bar. Presets: keys 1–9."
    ),
    "binary": QT_TRANSLATE_NOOP(
        "PageHints",
        "Set z₀, the label y and the learning rate, then press Play (Space): "
        "squared error and cross-entropy race from z₀.",
    ),
    "training": QT_TRANSLATE_NOOP(
        "PageHints",
        "Set the learning rate and press Play (Space): both losses train the "
        "Explorer's logits side by side.",
    ),
    "fitting": QT_TRANSLATE_NOOP(
        "PageHints",
        "Press Play (Space) and watch both fits; move P's peaks, also while "
        "they run, or try a new random start.",
    ),
    "batch": QT_TRANSLATE_NOOP(
        "PageHints",
        "Edit a logit or a label in the table: each sample's loss and the "
        "batch's mean follow. Add or remove samples with the buttons.",
    ),
    "sampling": QT_TRANSLATE_NOOP(
        "PageHints",
        "Press Play (Space) or Draw 1 (.) to draw from P and Q; change P or Q "
        "on the Explorer to start again.",
    ),
    "codes": QT_TRANSLATE_NOOP(
        "PageHints",
        "Press Play (Space) or Draw 1 (.) to code P's draws four ways; change "
        "P or Q on the Explorer for new codes.",
    ),
    "next_token": QT_TRANSLATE_NOOP(
        "PageHints",
        "Move the temperature, top-k, top-p and min-p to decode P and Q; open "
        "or paste your own logits.",
    ),
}


#: The explorer's hint in family mode, where a family's parameters shape P
#: and Q and there is no bar to drag.
EXPLORER_FAMILY_HINT = QT_TRANSLATE_NOOP(
    "PageHints", "Move a family's sliders to reshape P and Q. Presets: keys 1–9."
)


def page_hint(panel: str) -> str:
    """The hint of ``panel`` in the language in use ("" for a page without one)."""
    source = PAGE_HINTS.get(panel)
    return QCoreApplication.translate(CONTEXT, source) if source else ""


class PageHint(QLabel):
    """The hint of the page on show, in the status bar, under any message.

    It takes the room the status bar gives it and never widens the window:
    a hint too long for it ends in "…", and the whole hint is its tooltip.
    """

    def __init__(
        self,
        status_bar: QStatusBar,
        tabs: QTabWidget,
        current_panel: Callable[[], str],
    ) -> None:
        super().__init__()
        self.setObjectName("status_page_hint")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._status_bar = status_bar
        self._current_panel = current_panel
        self._panel = ""
        self._hint = ""
        self._family_mode = False
        #: A message shown in this pass of the event loop (kept on a page change).
        self._fresh_message = False
        status_bar.addWidget(self, 1)
        status_bar.messageChanged.connect(self._message_changed)
        tabs.currentChanged.connect(self._page_changed)
        self.show_page(current_panel())

    def hint(self) -> str:
        """The whole hint on show (the label may show it shortened)."""
        return self._hint

    def show_page(self, panel: str) -> None:
        """Show the hint of ``panel``."""
        self._panel = panel
        self._set_hint(self._hint_text())

    def follow_explorer(self, family_mode: bool) -> None:
        """The explorer's hint for its mode (a family has no bars to drag)."""
        if family_mode != self._family_mode:
            self._family_mode = family_mode
            self.show_page(self._panel)

    def retranslate(self) -> None:
        """The hint in the language in use."""
        self.show_page(self._panel)

    def _hint_text(self) -> str:
        if self._panel == "explorer" and self._family_mode:
            return QCoreApplication.translate(CONTEXT, EXPLORER_FAMILY_HINT)
        return page_hint(self._panel)

    def _page_changed(self, _index: int = -1) -> None:
        if self._status_bar.currentMessage() and not self._fresh_message:
            self._status_bar.clearMessage()  # it spoke of the page left behind
        self.show_page(self._current_panel())

    def paintEvent(self, event: QPaintEvent) -> None:
        """Nothing while a message is on: the message is drawn where the hint is.

        The status bar hides its normal widgets under a message, but not
        for good: a window shown again (lecture mode goes full screen)
        shows them all, and the hint was drawn over the message.
        """
        if not self._status_bar.currentMessage():
            super().paintEvent(event)

    def _message_changed(self, message: str) -> None:
        self.update()  # drawn again, or not, once the message changed
        if message and not self._fresh_message:
            self._fresh_message = True
            QTimer.singleShot(0, self._message_aged)

    def _message_aged(self) -> None:
        self._fresh_message = False

    def _set_hint(self, hint: str) -> None:
        self._hint = hint
        self._fit()

    def _fit(self) -> None:
        width = self.contentsRect().width()
        shown = self._hint
        if width > 0 and self.fontMetrics().horizontalAdvance(shown) > width:
            shown = self.fontMetrics().elidedText(
                shown, Qt.TextElideMode.ElideRight, width
            )
        if self.text() != shown:
            self.setText(shown)
        self.setToolTip(self._hint if shown != self._hint else "")

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fit the hint into the new width."""
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        """Follow the language, and fit again in another font."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()
        super().changeEvent(event)


__all__ = ["CONTEXT", "EXPLORER_FAMILY_HINT", "PAGE_HINTS", "PageHint", "page_hint"]
