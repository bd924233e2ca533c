"""Texts inside plots follow lecture type, and a tree's codewords fit their room.

In lecture type at 1280×720 the names on the sampling lab's lines (H(P),
E[k2], D(Q‖P)), the race's "loss = 0.1" and the code tree's words stayed at
13 px beside 24-px axes: unreadable from the back of a hall.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from layout_checks import in_lecture
from PySide6.QtGui import QFont, QFontMetrics

from viz import appearance, theme
from viz.pages.code_views import SMALLEST_WORD_PX
from viz.plotting import plot_text_px

#: Built before the shared window is handed out (tests/window_reuse.py).
SHARED_WINDOW_PAGES = ("sampling", "binary", "codes")


def _texts(page) -> list[pg.TextItem]:
    found = []
    for widget in page.plot_widgets():
        for plot in widget.plot_items():
            pending = list(plot.childItems())
            while pending:
                item = pending.pop()
                if isinstance(item, pg.TextItem):
                    found.append(item)
                else:
                    pending.extend(item.childItems())
    return found


@pytest.mark.parametrize("panel", ["sampling", "binary"])
def test_texts_in_plots_take_the_lecture_type(window, qtbot, panel) -> None:
    window.show_panel(panel)
    page = window.pages[panel]
    texts = _texts(page)
    assert len(texts) >= (6 if panel == "sampling" else 1)
    normal = plot_text_px(theme.NORMAL.axis_font_px)
    lecture = plot_text_px(theme.LECTURE.axis_font_px)
    assert lecture >= 1.5 * normal
    try:
        window.set_lecture(True, full_screen=False)
        qtbot.waitUntil(
            lambda: all(t.textItem.font().pixelSize() == lecture for t in texts)
        )
    finally:
        window.set_lecture(False, full_screen=False)
    assert all(t.textItem.font().pixelSize() == normal for t in texts)


def test_a_trees_codewords_fit_between_its_leaves(window, store, qtbot) -> None:
    # Twelve leaves' words in lecture type ran into each other.
    k = 12
    rng = np.random.default_rng(3)
    store.update(
        p_weights=rng.dirichlet(np.ones(k)),
        q_weights=rng.dirichlet(np.ones(k)),
        logits=np.zeros(k),
    )
    window.show_panel("codes")
    page = window.pages["codes"]
    codes = window.stores["codes"]
    qtbot.waitUntil(lambda: codes.results is not None and codes.results.p.size == k)
    tree = page.plots.tree
    with in_lecture(window, 1280, 720):

        def words_fit() -> bool:
            words = [item for item in tree._words if item.isVisible()]
            box = tree.plot.getViewBox()
            (left, right), _ = box.viewRange()
            room = box.width() / (right - left)
            for item in words:
                font = QFont(item.textItem.font())
                widest = max(
                    QFontMetrics(font).horizontalAdvance(line)
                    for line in item.textItem.toPlainText().split("\n")
                )
                if widest > room and font.pixelSize() > SMALLEST_WORD_PX:
                    return False
            return len(words) == k

        qtbot.waitUntil(words_fit)
        # Styled again with no resize (Ctrl+0 at 100 %): the words had gone
        # back to full size and run together.
        appearance.style_plots(page.plot_widgets(), theme.LECTURE, window.zoom)
        assert words_fit()


def test_the_trees_message_wraps_inside_its_plot(window, store, qtbot) -> None:
    # K = 40 has no tree; in lecture type the one-line message ran off both
    # sides of the plot ("…5 outcomes; here K = 40. The").
    k = 40
    store.update(p_weights=np.ones(k), q_weights=np.ones(k), logits=np.zeros(k))
    window.show_panel("codes")
    page = window.pages["codes"]
    codes = window.stores["codes"]
    tree = page.plots.tree
    with in_lecture(window, 1280, 720):

        def inside() -> bool:
            message = tree.message
            if not (codes.results is not None and message.isVisible()):
                return False
            box = tree.plot.getViewBox()
            shown = message.mapRectToScene(message.boundingRect())
            room = box.mapRectToScene(box.boundingRect())
            return room.left() <= shown.left() and shown.right() <= room.right()

        qtbot.waitUntil(inside)
