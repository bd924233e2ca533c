"""A named, invisible widget over one column of a table view.

A lesson hides or points at window elements by their object names; a
table's column has none. A :class:`ColumnArea` is a transparent child of
the table's viewport that always covers one column's cells (the last one,
or the one ``column`` picks), so a veil or a halo can cover the column by
name while the rest of the table stays in view. It takes no mouse events
and draws nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QTableView, QWidget


class ColumnArea(QWidget):
    """Covers column ``column()`` of ``table`` across its viewport's height."""

    def __init__(self, table: QTableView, name: str, column: Callable[[], int]) -> None:
        super().__init__(table.viewport())
        self.table = table
        self.column = column
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        header = table.horizontalHeader()
        header.sectionResized.connect(self.follow)
        header.sectionMoved.connect(self.follow)
        header.geometriesChanged.connect(self.follow)
        table.horizontalScrollBar().valueChanged.connect(self.follow)
        # A vertical scroll moves the viewport's children with the rows:
        # the area is put back over the whole column after Qt has moved it.
        table.verticalScrollBar().valueChanged.connect(self.follow)
        table.viewport().installEventFilter(self)
        self.follow()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow the viewport's size."""
        if event.type() == QEvent.Type.Resize:
            self.follow()
        return False

    def follow(self, *_: object) -> None:
        """Move over the column's cells (nothing when there is no such column)."""
        column = self.column()
        model = self.table.model()
        if model is None or not 0 <= column < model.columnCount():
            self.setGeometry(0, 0, 0, 0)
            return
        self.setGeometry(
            self.table.columnViewportPosition(column),
            0,
            self.table.columnWidth(column),
            self.table.viewport().height(),
        )
