"""Waiting, for a picture, until the background work a page shows has finished.

A page may show numbers that work beside the event loop is still making:
the race's step counts (:class:`viz.pages.binary.ReachCounter`, a little
per pass of the event loop) or the next-token lab's derive on a worker
thread (:class:`viz.background_store.BackgroundStore`). A picture taken
before they finish catches them mid-way ("counting… (more than 150)" beside
a revealed answer of 1,511 steps). Every export (``--export``,
``--animate``, File ▸ Export) first lets that work finish, for at most
:data:`WAIT_BOUND` seconds; past it the page still says, truly, that it
is counting, and the caller says so too.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

from viz.pages.common import Page

#: The longest an export waits for a page's background work, in seconds:
#: the slowest count (squared error at the smallest learning rate, about
#: 150,000 steps) takes some 25 s on a slow laptop core.
WAIT_BOUND = 40.0

#: How often the wait wakes to look again (a worker's result wakes it too).
POLL_MS = 20


def busy(pages: Iterable[Page]) -> bool:
    """True while any of ``pages`` shows background work still running."""
    return any(page.background_busy() for page in pages)


def finish_background_work(pages: Iterable[Page], bound: float = WAIT_BOUND) -> bool:
    """Let the pages' background work finish; False if ``bound`` seconds ran out.

    Runs the event loop meanwhile (timers and queued results, but no user
    input: a click cannot change what is being exported). Returns at once
    when nothing is running.
    """
    pages = list(pages)
    if not busy(pages):
        return True
    deadline = time.monotonic() + bound
    waker = QTimer()
    waker.setInterval(POLL_MS)
    waker.start()
    flags = (
        QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
        | QEventLoop.ProcessEventsFlag.WaitForMoreEvents
    )
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        while busy(pages) and time.monotonic() < deadline:
            QCoreApplication.processEvents(flags)
    finally:
        QApplication.restoreOverrideCursor()
        waker.stop()
    return not busy(pages)


__all__ = ["POLL_MS", "WAIT_BOUND", "busy", "finish_background_work"]
