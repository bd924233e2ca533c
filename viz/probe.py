"""Notice when a widget has really painted (for start-up checks and benchmarks)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal


class PaintProbe(QObject):
    """Counts paint events of one widget and announces each after it is drawn.

    Install it on a plot's viewport: ``PaintProbe(plot.viewport())``.
    """

    painted = Signal()

    def __init__(self, watched: QObject) -> None:
        super().__init__(watched)
        self.count = 0
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Count paint events; never swallow them."""
        if event.type() == QEvent.Type.Paint:
            self.count += 1
            self.painted.emit()
        return False
