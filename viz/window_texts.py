"""The main window's own texts (menus, actions, tabs, status line), in any language.

The window's menus and actions are built once; their texts are registered
here as the function that makes each (``translate`` over a source literal,
so ``pyside6-lupdate`` finds it) and are made again when the window gets
``QEvent.LanguageChange`` (:meth:`WindowTexts.retranslate`). The keyboard
sheet (F1) reads the actions' texts, so it follows as well.

The status line is transient: a message the window made itself is worded
again in the new language, any other one (a page's, already worded) is
cleared rather than left in the old language.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QStatusBar, QTabWidget, QWidget

#: The context of the window's texts in the catalogue (MainWindow's ``self.tr``).
CONTEXT = "MainWindow"

TextMaker = Callable[[], str]


def window_text(source: str) -> str:
    """``source`` (a literal marked for lupdate under :data:`CONTEXT`), translated."""
    return QCoreApplication.translate(CONTEXT, source)


def text_maker(text: str | TextMaker) -> TextMaker:
    """A text's maker: a callable as is, a source string via :func:`window_text`."""
    if callable(text):
        return text
    source = text
    return lambda: window_text(source)


class WindowTexts:
    """Every registered text of the window, set now and again on :meth:`retranslate`."""

    def __init__(self, status_bar: QStatusBar) -> None:
        self._status_bar = status_bar
        self._entries: list[tuple[QObject, Callable[[], None]]] = []
        self._status_maker: TextMaker | None = None
        self._status_shown = ""

    def action(self, action: QAction, text: str | TextMaker) -> None:
        """``action``'s text, now and in every language to come."""
        make = text_maker(text)
        self._add(action, lambda: action.setText(make()))

    def menu(self, menu: QMenu, text: str | TextMaker) -> QMenu:
        """``menu``'s title, now and in every language to come; returns ``menu``."""
        make = text_maker(text)
        self._add(menu, lambda: menu.setTitle(make()))
        return menu

    def tab(self, tabs: QTabWidget, page: QWidget, text: str | TextMaker) -> None:
        """The title of ``page``'s tab in ``tabs``."""
        make = text_maker(text)

        def apply() -> None:
            index = tabs.indexOf(page)
            if index >= 0:
                tabs.setTabText(index, make())

        self._add(page, apply)

    def widget(
        self, target: QObject, text: str | TextMaker, setter: str = "setText"
    ) -> None:
        """``target.<setter>(text)`` now and in every language to come."""
        make = text_maker(text)
        method = getattr(target, setter)
        self._add(target, lambda: method(make()))

    def status(self, text: str | TextMaker) -> None:
        """Show a message the window words itself (worded again on a change)."""
        self._status_maker = text_maker(text)
        self._status_shown = self._status_maker()
        self._status_bar.showMessage(self._status_shown)

    def _add(self, owner: QObject, apply: Callable[[], None]) -> None:
        apply()
        self._entries.append((owner, apply))

    def retranslate(self) -> None:
        """Make and set every registered text again, in the language now installed."""
        self._entries = [
            (owner, apply) for owner, apply in self._entries if shiboken6.isValid(owner)
        ]
        for _, apply in self._entries:
            apply()
        current = self._status_bar.currentMessage()
        if not current:
            return
        if self._status_maker is not None and current == self._status_shown:
            self.status(self._status_maker)
        else:
            self._status_bar.clearMessage()
