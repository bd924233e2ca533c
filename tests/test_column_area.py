"""A lesson's veil over one table column covers it wherever the table scrolls."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView

from viz.column_area import ColumnArea


def covers_the_column(area: ColumnArea, table: QTableView, column: int) -> bool:
    geometry = area.geometry()
    return (
        geometry.x() == table.columnViewportPosition(column)
        and geometry.width() == table.columnWidth(column)
        and geometry.y() == 0
        and geometry.height() == table.viewport().height()
    )


def test_the_area_stays_over_its_column_when_the_rows_scroll(qtbot) -> None:
    model = QStandardItemModel(60, 3)
    for row in range(60):
        for column in range(3):
            model.setItem(row, column, QStandardItem(f"{row}.{column}"))
    table = QTableView()
    table.setModel(model)
    qtbot.addWidget(table)
    table.resize(300, 200)
    table.show()
    qtbot.waitExposed(table)
    area = ColumnArea(table, "loss_column", lambda: 2)
    assert covers_the_column(area, table, 2)
    bar = table.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    assert covers_the_column(area, table, 2)
    table.horizontalScrollBar().setValue(table.horizontalScrollBar().maximum())
    bar.setValue(bar.maximum() // 2)
    assert covers_the_column(area, table, 2)
