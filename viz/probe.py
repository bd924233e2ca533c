"""Notice when a widget has really painted (for start-up checks and benchmarks)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal


class PaintProbe(QObject):
    """Counts paint events of one widget and announces each after it is drawn.

    Install it on a plot's viewport: ``PaintProbe(plot.viewport())``.

    An event filter sees an event before its widget does, so a filter that
    only counted would announce a paint that has not happened yet (a
    benchmark would stop its clock before the plot drew anything). The probe
    therefore sends the paint event again itself (a scroll area's own filter
    paints a viewport), ignores it on the way through, and counts once that
    has returned. Other filters on the widget see each paint twice.
    """

    painted = Signal()

    def __init__(self, watched: QObject) -> None:
        super().__init__(watched)
        self.count = 0
        self._passing_on = False
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Let a paint event be drawn, then count it and announce it."""
        if event.type() != QEvent.Type.Paint or self._passing_on:
            return False
        self._passing_on = True
        try:
            QCoreApplication.sendEvent(watched, event)
        finally:
            self._passing_on = False
        self.count += 1
        self.painted.emit()
        return True
