"""The window title: the open session's file name, and a mark once it is changed.

"week3.json* — Entropy Lab" says that what is on show is no longer what the
file holds. The mark follows the states themselves, not a count of edits:
each page's state is compared with the one saved or opened, so undoing back
to the saved state clears the mark again. Without a session file the title
is the application's name alone.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from viz.page_stores import PageStores
from viz.store import Store

#: Qt puts the modified mark where the title says "[*]"; "[*][*]" is a literal one.
MARK = "[*]"


class SessionTitle(QObject):
    """Keeps ``window``'s title and modified flag in step with ``stores``.

    Parameters
    ----------
    window : QWidget
        The window whose title this sets.
    stores : PageStores
        Every page's store by state kind: what a session file holds.
    """

    def __init__(self, window: QWidget, stores: PageStores) -> None:
        super().__init__(window)
        self.main_window = window
        self.stores = stores
        #: The session file on show, or None.
        self.path: Path | None = None
        self._saved: dict[str, Any] = {}
        self._changed: set[str] = set()
        stores.each(self._listen)
        self._show()

    def _listen(self, kind: str, store: Store[Any, Any]) -> None:
        store.state_changed.connect(partial(self._state_changed, kind))

    @property
    def modified(self) -> bool:
        """True when some page's state is not the one in the session file."""
        return bool(self._changed)

    def title(self) -> str:
        """The title, with Qt's "[*]" where the modified mark goes."""
        if self.path is None:
            return self.tr("Entropy Lab")
        name = self.path.name.replace(MARK, MARK + MARK)
        return self.tr("{name}[*] — Entropy Lab").format(name=name)

    def matches_file(self, path: Path) -> None:
        """``path`` now holds every page's state on show: after a save or an open."""
        self.path = path
        self._saved = {kind: store.state for kind, store in self.stores.items()}
        self._changed.clear()
        self._show()

    def _state_changed(self, kind: str, state: Any) -> None:
        if self.path is None:
            return
        if kind in self._saved and state == self._saved[kind]:
            self._changed.discard(kind)
        else:
            self._changed.add(kind)
        self._show()

    def _show(self) -> None:
        window = self.main_window
        title = self.title()
        if window.windowTitle() != title:
            window.setWindowTitle(title)
        window.setWindowModified(self.modified)
