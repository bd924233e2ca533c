"""The labs' readout tables above their plots end under a whole row.

At 1366×768 the code-length lab's table scrolled with its last row in sight
cut in half across its words ("ideal −log₂ p(x), no …"): a page that looked
broken rather than one that scrolls.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from viz.pages.lab_common import HeaderArea, clean_cut

#: Built before the shared window is handed out (tests/window_reuse.py).
SHARED_WINDOW_PAGES = ("sampling", "codes", "next_token")


def test_a_clean_cut_ends_the_last_whole_row_in_reach() -> None:
    rows = [(0, 30), (32, 60), (32, 75), (77, 100)]
    assert clean_cut(rows, 90, 10) == 75  # 60 is inside the second row's tall cell
    assert clean_cut(rows, 74, 10) == 30
    assert clean_cut(rows, 100, 10) == 100
    assert clean_cut(rows, 29, 10) is None  # the first row alone is too tall
    assert clean_cut(rows, 90, 40) == 75
    assert clean_cut(rows, 74, 40) is None  # nothing clean above the lowest


@pytest.mark.parametrize("lecture", [False, True], ids=["normal", "lecture"])
@pytest.mark.parametrize("size", [(1366, 768), (1280, 720), (1024, 768)])
@pytest.mark.parametrize("panel", SHARED_WINDOW_PAGES)
def test_the_tables_view_ends_under_a_whole_row(
    window, qtbot, panel, size, lecture
) -> None:
    before = window.size()
    window.show_panel(panel)
    window.set_lecture(lecture, full_screen=False)
    window.resize(*size)
    area = window.pages[panel].findChild(HeaderArea)
    try:
        area.verticalScrollBar().setValue(0)

        def bottom_cuts_nothing() -> bool:
            QApplication.processEvents()
            bottom = area.viewport().height()
            spans = HeaderArea._row_spans(area.widget())
            return not any(top < bottom < end for top, end in spans)

        qtbot.waitUntil(bottom_cuts_nothing)
        # The view is not cut short for nothing: whatever it leaves blank
        # is less than the next row would need.
        inner = area.widget()
        if inner.height() > area.viewport().height():
            blank = area.viewportMargins().bottom()
            bottom = area.viewport().height()
            below = [
                end - bottom
                for top, end in HeaderArea._row_spans(inner)
                if top >= bottom
            ]
            assert not below or blank < min(below)
        assert area.mapTo(window, QPoint(0, 0)).y() >= 0
    finally:
        window.set_lecture(False, full_screen=False)
        window.resize(before)


@pytest.mark.parametrize("size", [(1366, 768), (1024, 768)])
@pytest.mark.parametrize("panel", SHARED_WINDOW_PAGES)
def test_scrolled_the_view_still_ends_under_a_whole_row(
    window, qtbot, panel, size
) -> None:
    # Cut for the top of the tables only: three steps down, a row was cut
    # in half at the bottom edge again.
    before = window.size()
    window.show_panel(panel)
    window.resize(*size)
    area = window.pages[panel].findChild(HeaderArea)
    bar = area.verticalScrollBar()
    try:
        qtbot.waitUntil(area.isVisible)
        if bar.maximum() == 0:
            pytest.skip("the tables fit whole at this size")
        for steps in (1, 3):
            bar.setValue(min(bar.maximum(), steps * bar.singleStep()))

            def bottom_cuts_nothing() -> bool:
                QApplication.processEvents()
                bottom = bar.value() + area.viewport().height()
                spans = HeaderArea._row_spans(area.widget())
                return not any(top < bottom < end for top, end in spans)

            qtbot.waitUntil(bottom_cuts_nothing)
    finally:
        bar.setValue(0)
        window.resize(before)
