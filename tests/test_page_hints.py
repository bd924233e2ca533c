"""The status line says what to do on the page on show, not the explorer's hint.

Before, every page's status line read "Move a slider or drag a bar. Presets:
keys 1–9.", the explorer's hint: wrong on the next-token lab (no bars) and
on the pages whose keys 1–9 load another page's presets. Each page now has
its own hint, in the language in use; a transient message still shows and
then gives way to it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel, QStatusBar, QTabWidget, QWidget
from window_reuse import EVERY_LAB_PAGE

from viz.language import set_language
from viz.page_hints import PAGE_HINTS, PageHint, page_hint
from viz.pages import PAGES

#: Built before the shared window is handed out (tests/window_reuse.py).
SHARED_WINDOW_PAGES = EVERY_LAB_PAGE

EXPLORER_HINT = "Move a slider or drag a bar. Presets: keys 1–9."
FAMILY_HINT = "Move a family's sliders to reshape P and Q. Presets: keys 1–9."


def status_line(window) -> str:
    """What the status bar shows: its message, or else its visible labels."""
    bar = window.statusBar()
    if bar.currentMessage():
        return bar.currentMessage()
    labels = [w for w in bar.findChildren(QLabel) if w.isVisible() and w.text()]
    return " ".join(label.text() for label in labels)


def test_every_page_has_its_own_hint():
    assert set(PAGE_HINTS) == {spec.panel for spec in PAGES}
    assert len(set(PAGE_HINTS.values())) == len(PAGE_HINTS)
    assert PAGE_HINTS["explorer"] == EXPLORER_HINT
    assert "bar" not in PAGE_HINTS["next_token"]
    for panel, hint in PAGE_HINTS.items():
        if panel != "explorer":
            assert "keys 1–9" not in hint, panel  # those load the explorer's


def test_the_status_line_follows_the_page_on_show(window, qtbot):
    window.show_panel("explorer")
    assert status_line(window) == EXPLORER_HINT
    for spec in PAGES:
        window.show_panel(spec.panel)
        assert status_line(window) == page_hint(spec.panel), spec.panel
    window.show_panel("next_token")
    assert "drag a bar" not in status_line(window)


def test_a_transient_message_shows_and_then_gives_way_to_the_hint(window, qtbot):
    window.show_panel("sampling")
    window.statusBar().showMessage("Exported /tmp/x.png", 50)
    assert status_line(window) == "Exported /tmp/x.png"
    assert not window.page_hint.isVisible()
    qtbot.waitUntil(lambda: window.page_hint.isVisible())
    assert status_line(window) == page_hint("sampling")


def test_a_message_about_the_page_left_behind_is_cleared(window, qtbot):
    window.show_panel("batch")
    window.actions_by_name["play"].trigger()
    assert "Nothing to play" in status_line(window)
    QApplication.processEvents()  # a later action: the message is old now
    window.show_panel("codes")
    assert status_line(window) == page_hint("codes")


def test_a_preset_that_changes_page_keeps_its_message(window, qtbot):
    window.show_panel("explorer")
    QApplication.processEvents()
    window.apply_preset(window.preset("pytorch-batch"))
    assert window.current_panel() == "batch"
    assert status_line(window).startswith("Preset: ")
    window.statusBar().clearMessage()
    assert status_line(window) == page_hint("batch")


def test_the_hint_follows_the_language(window, qtbot):
    window.show_panel("next_token")
    english = window.page_hint.hint()
    set_language("zh_CN")
    try:  # the language change arrives as an event
        qtbot.waitUntil(lambda: window.page_hint.hint() != english)
        assert window.page_hint.hint() == page_hint("next_token")
        assert "温度" in window.page_hint.hint()
    finally:
        set_language("en")
    qtbot.waitUntil(lambda: window.page_hint.hint() == english)


def test_a_long_hint_is_shortened_never_widening_the_window(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    bar, tabs = QStatusBar(host), QTabWidget(host)
    hint = PageHint(bar, tabs, lambda: "binary")
    bar.resize(200, 30)
    host.show()
    qtbot.waitUntil(lambda: 0 < hint.width() <= 200)
    assert hint.minimumSizeHint().width() < 200 or hint.sizePolicy().horizontalPolicy()
    assert hint.text().endswith("…") and len(hint.text()) < len(hint.hint())
    assert hint.fontMetrics().horizontalAdvance(hint.text()) <= hint.width()
    assert hint.toolTip() == page_hint("binary")


def _colours(widget: QWidget) -> int:
    image = widget.grab().toImage()
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), 2)
            for y in range(image.height())
        }
    )


def test_a_window_shown_again_does_not_draw_the_hint_over_a_message(window, qtbot):
    """Lecture mode shows the window again, which showed the hidden hint too."""
    hint = window.findChild(PageHint, "status_page_hint")
    assert _colours(hint) > 1  # the hint's text is drawn
    window.statusBar().showMessage("Preset: KL divergence is not symmetric")
    window.hide()
    window.show()
    qtbot.waitExposed(window)
    assert _colours(hint) == 1  # nothing over the message
    window.statusBar().clearMessage()
    assert _colours(hint) > 1


def test_the_distributions_title_offers_a_drag_only_where_a_drag_sets_a_bar(
    window, qtbot
):
    # In family mode the family's parameters shape P and Q: a drag on the
    # plot only says so, so its title must not invite one.
    explorer = window.explorer
    title = explorer.distributions.getPlotItem().titleLabel
    assert "drag a bar" in title.shown_text()
    explorer.controls.mode.setCurrentIndex(1)
    qtbot.waitUntil(lambda: explorer.store.results.family_mode)
    QApplication.processEvents()
    assert "drag a bar" not in title.shown_text()
    assert "P" in title.shown_text()
    assert status_line(window) == FAMILY_HINT  # the status line too
    explorer.controls.mode.setCurrentIndex(0)
    qtbot.waitUntil(lambda: not explorer.store.results.family_mode)
    QApplication.processEvents()
    assert "drag a bar" in title.shown_text()
    assert status_line(window) == EXPLORER_HINT


def test_the_family_hint_speaks_chinese_too(window, qtbot):
    explorer = window.explorer
    explorer.controls.mode.setCurrentIndex(1)
    qtbot.waitUntil(lambda: explorer.store.results.family_mode)
    set_language("zh_CN")
    try:
        QApplication.processEvents()
        assert status_line(window) == "移动分布族的滑块来重塑 P 和 Q。预设：按键 1–9。"
    finally:
        set_language("en")
        explorer.controls.mode.setCurrentIndex(0)
        qtbot.waitUntil(lambda: not explorer.store.results.family_mode)
    assert status_line(window) == EXPLORER_HINT
