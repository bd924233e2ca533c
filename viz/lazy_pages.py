"""The window's pages, each built the first time it is shown or asked for.

Building every page at start cost most of the start-up time and of every
test that opens a window; a page nobody opens now costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

PageFactory = Callable[[], QWidget]


class LazyPages(Mapping[str, QWidget]):
    """Pages by panel id; looking one up builds it (in its tab) if need be.

    Each tab holds a bare host widget from the start, so the tab bar is
    complete; the page is built into its host when the tab is first shown,
    or when code asks for it (a preset's settings, a session).

    Parameters
    ----------
    tabs : QTabWidget
        Where the hosts go, one tab each, in the order added.
    on_built : callable(panel, page)
        Called once per page, right after it is built (to style it).
    """

    def __init__(
        self, tabs: QTabWidget, on_built: Callable[[str, QWidget], None]
    ) -> None:
        self._tabs = tabs
        self._on_built = on_built
        self._hosts: dict[str, QWidget] = {}
        self._factories: dict[str, PageFactory] = {}
        self._built: dict[str, QWidget] = {}
        tabs.currentChanged.connect(self._build_current)

    def add(self, panel: str, title: str, factory: PageFactory) -> None:
        """A tab titled ``title`` whose page ``factory()`` builds on demand."""
        host = QWidget()
        host.setObjectName(f"page_host_{panel}")
        layout = QVBoxLayout(host)
        layout.setContentsMargins(0, 0, 0, 0)
        self._hosts[panel] = host
        self._factories[panel] = factory
        self._tabs.addTab(host, title)

    def __getitem__(self, panel: str) -> QWidget:
        if panel not in self._hosts:
            raise KeyError(panel)
        if panel not in self._built:
            page = self._factories.pop(panel)()
            layout = self._hosts[panel].layout()
            assert layout is not None  # every host is made with one
            layout.addWidget(page)
            self._built[panel] = page
            self._on_built(panel, page)
        return self._built[panel]

    def __iter__(self) -> Iterator[str]:
        return iter(self._hosts)

    def __len__(self) -> int:
        return len(self._hosts)

    def built(self) -> dict[str, QWidget]:
        """The pages built so far, by panel id (none is built by this call)."""
        return dict(self._built)

    def host(self, panel: str) -> QWidget:
        """The tab's widget for ``panel`` (the page sits inside it)."""
        return self._hosts[panel]

    def current_panel(self) -> str:
        """The id of the tab on show."""
        current = self._tabs.currentWidget()
        return next(panel for panel, host in self._hosts.items() if host is current)

    def _build_current(self, _index: int) -> None:
        if self._tabs.currentWidget() is not None:
            self[self.current_panel()]
