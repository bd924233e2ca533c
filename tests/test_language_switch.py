"""Switching the language at run time retranslates every visible text.

The window is built in English and every page is shown; then the language
changes and every text on show (labels, buttons, group titles, tabs, menus
and their actions, dock titles, plot titles and axis labels, table
headers) must have changed, unless it is a symbol, a formula or a proper
name. Switching back must give the English texts exactly.

Two switches are checked:

* to a pseudo-language: a translator that marks every text it is asked
  for (``⟪…⟫``), on top of zh_CN. It does not depend on the catalogue, so
  it fails on any text that has no retranslate path (set once, never again)
  or that never goes through Qt's translate at all;
* to zh_CN with the real catalogue: this also needs every string translated,
  so it fails on an unfinished entry of the catalogue.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pyqtgraph as pg
import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDockWidget,
    QGroupBox,
    QHeaderView,
    QLabel,
    QMenu,
    QTabBar,
    QWidget,
)

from core.i18n import LANGUAGES
from viz.language import set_language

#: Words that stay as they are in every language: names, formats, functions.
SAME_IN_EVERY_LANGUAGE = {
    "entropy",  # in "Entropy Lab", the app's name
    "lab",
    "softmax",
    "pytorch",
    "svg",
    "png",
    "pdf",
    "gif",
    "apng",
    "csv",
    "json",
    "log",
    "exp",
    "top",  # top-k, top-p
    "min",  # min-p
    "max",
    "argmax",
    "logit",
    "logits",
    "huffman",
    "shannon",
    "jensen",
    "dirichlet",
    "zipf",
    "kullback",
    "leibler",
    "bce",
    "mse",
    "english",  # the Language menu names each language in itself
}

_TAG = re.compile(r"<[^>]*>")
_ENTITY = re.compile(r"&[a-z]+;|&#\d+;")
_WORD = re.compile(r"[A-Za-z]{3,}")


def is_symbolic(text: str) -> bool:
    """A text that is the same in every language: formulas, numbers, names.

    "H(P)", "D(P‖Q)", "K", "0.1187", "Softmax", "top-k", "Entropy Lab":
    every word of three or more Latin letters is a name or a symbol.
    """
    plain = _ENTITY.sub(" ", _TAG.sub(" ", text)).replace("&", "")
    return all(word.lower() in SAME_IN_EVERY_LANGUAGE for word in _WORD.findall(plain))


#: What each item is called, for the failure messages: class and object name.
_NAMES: dict[tuple[int, str], str] = {}


def _key(item: object, role: str) -> tuple[int, str]:
    key = shiboken6.getCppPointer(item)[0], role
    name = item.objectName() if hasattr(item, "objectName") else ""
    _NAMES[key] = f"{type(item).__name__} {name}".strip()
    return key


def _widget_texts(widget: QWidget) -> Iterator[tuple[tuple[int, str], str]]:
    if isinstance(widget, (QLabel, QAbstractButton)):
        yield _key(widget, "text"), widget.text()
    elif isinstance(widget, QGroupBox):
        yield _key(widget, "title"), widget.title()
    elif isinstance(widget, QDockWidget):
        yield _key(widget, "title"), widget.windowTitle()
    elif isinstance(widget, QTabBar):
        for index in range(widget.count()):
            yield _key(widget, f"tab {index}"), widget.tabText(index)
    elif isinstance(widget, QHeaderView) and widget.model() is not None:
        model = widget.model()
        count = (
            model.columnCount()
            if widget.orientation() == Qt.Orientation.Horizontal
            else 0
        )
        for section in range(count):
            text = model.headerData(section, widget.orientation())
            yield _key(widget, f"header {section}"), str(text or "")


def _plot_texts(item: pg.PlotItem) -> Iterator[tuple[tuple[int, str], str]]:
    yield _key(item, "plot title"), item.titleLabel.text
    for side in ("left", "bottom"):
        axis = item.getAxis(side)
        if axis.isVisible():
            yield _key(item, f"axis {side}"), axis.labelText


def _menu_texts(menu: QMenu) -> Iterator[tuple[tuple[int, str], str]]:
    yield _key(menu, "menu title"), menu.title()
    for action in menu.actions():
        if action.isSeparator():
            continue
        yield _key(action, "action"), action.text()
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            yield from _menu_texts(submenu)


def visible_texts(window) -> dict[tuple[int, str], str]:
    """Every text on show in ``window`` now, by item and role (empty ones left out)."""
    texts: dict[tuple[int, str], str] = {}
    for widget in window.findChildren(QWidget):
        if widget.isVisible():
            texts.update(_widget_texts(widget))
    for view in window.findChildren(pg.PlotWidget):
        if view.isVisible():
            texts.update(_plot_texts(view.getPlotItem()))
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            texts.update(_menu_texts(menu))
    return {key: text for key, text in texts.items() if text.strip()}


def every_page_texts(window, qtbot) -> dict[tuple[int, str], str]:
    """The visible texts of every page, each shown in turn (then the first again)."""
    texts: dict[tuple[int, str], str] = {}
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.waitUntil(lambda index=index: window.tabs.currentIndex() == index)
        QApplication.processEvents()
        # Counts made in the background (the race's steps to reach a loss)
        # finish first: their text changes with time, not with the language.
        counter = getattr(window.current_page(), "counter", None)
        if counter is not None:
            qtbot.waitUntil(lambda counter=counter: counter.done, timeout=30_000)
            QApplication.processEvents()
        texts.update(visible_texts(window))
    window.tabs.setCurrentIndex(0)
    QApplication.processEvents()
    return texts


def untranslated(
    english: dict[tuple[int, str], str], other: dict[tuple[int, str], str]
) -> list[str]:
    """The English texts still on show, word for word, in the other language."""
    return sorted(
        {
            f"{text!r} ({_NAMES.get(key, '?')})"
            for key, text in other.items()
            if english.get(key) == text and not is_symbolic(text)
        }
    )


class MarkingTranslator(QTranslator):
    """A pseudo-language: every text asked for comes back marked ``⟪…⟫``."""

    def translate(
        self,
        context: str,
        source: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str:
        del context, disambiguation, n
        return f"⟪{source}⟫"

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def english_window(window, qtbot):
    """The window in English, every page built and shown once."""
    set_language("en")
    QApplication.processEvents()
    yield window
    set_language("en")


def test_the_symbol_allow_list_keeps_words_out():
    assert is_symbolic("H(P)") and is_symbolic("D(P‖Q)") and is_symbolic("K")
    assert is_symbolic("0.1187") and is_symbolic("Entropy Lab")
    assert is_symbolic("top-k") and is_symbolic("<b>P</b>") and is_symbolic("Softmax")
    assert not is_symbolic("&File") and not is_symbolic("Open &recent")
    assert not is_symbolic("0.1187 bits") and not is_symbolic("temperature T")


def test_every_visible_text_follows_a_switch_of_language(english_window, qtbot):
    window = english_window
    english = every_page_texts(window, qtbot)
    assert len(english) > 200  # the scan does see the window's texts
    marker = MarkingTranslator()
    set_language("zh_CN")
    QCoreApplication.installTranslator(marker)
    try:
        QApplication.processEvents()
        marked = every_page_texts(window, qtbot)
    finally:
        QCoreApplication.removeTranslator(marker)
    set_language("en")
    QApplication.processEvents()
    back = every_page_texts(window, qtbot)
    left = untranslated(english, marked)
    assert not left, f"{len(left)} texts kept their English: {left}"
    changed = {
        english[key]: back.get(key)
        for key in english
        if key in back and back[key] != english[key]
    }
    assert not changed, f"English again differs: {changed}"


def test_the_language_menu_names_each_language(english_window):
    menu = english_window.language_menu
    assert set(menu.actions_by_language) == set(LANGUAGES)
    assert menu.actions_by_language["en"].isChecked()


def test_zh_cn_leaves_no_english_on_show(english_window, qtbot):
    window = english_window
    english = every_page_texts(window, qtbot)
    set_language("zh_CN")
    QApplication.processEvents()
    chinese = every_page_texts(window, qtbot)
    set_language("en")
    QApplication.processEvents()
    back = every_page_texts(window, qtbot)
    left = untranslated(english, chinese)
    assert {key: back.get(key) for key in english} == english
    assert not left, f"{len(left)} texts still English in zh_CN: {left}"


def test_a_colour_keyed_name_in_chinese_is_never_broken_inside_a_word():
    from viz.plotting import swatch

    name = re.sub(r"<[^>]*>|&nbsp;|■", "", swatch("#000000", "目标 y"))
    # Qt may break a line between any two CJK characters; a word joiner
    # (U+2060) between them forbids it, and renders as nothing.
    assert name == "目\u2060标 y"
    assert swatch("#000000", "H(P)").endswith("&nbsp;H(P)</span>")


def test_the_gradient_axes_keep_their_translated_label_when_k_changes(window, qtbot):
    """The bars' axis re-showed its English "class" whenever K changed."""
    set_language("zh_CN")
    try:
        window.explorer.controls.count.spin.setValue(5)
        qtbot.waitUntil(lambda: window.store.results.p.size == 5)
        window.show_panel("training")
        gradient = window.explorer.plots["gradient"].getPlotItem()
        training = window.pages["training"].plots.kinds["cross_entropy"]
        for plot in (gradient, training.gradient_plot):
            label = plot.getAxis("bottom").labelText
            assert label and label != "class" and re.search(r"[\u4e00-\u9fff]", label)
    finally:
        set_language("en")


def test_outcome_axes_keep_their_translated_label_on_a_page_built_in_chinese(
    fresh_window, qtbot
):
    """The sampling and code-length pages, first shown in Chinese, labelled
    their outcome axes "outcome" once their first results came."""
    window = fresh_window
    set_language("zh_CN")
    try:
        for panel in ("sampling", "codes"):
            window.show_panel(panel)
            page = window.pages[panel]
            qtbot.waitUntil(lambda page=page: page.store.results is not None)
            QApplication.processEvents()
        plots = (
            window.pages["sampling"].plots.plot("counts"),
            window.pages["codes"].plots.plot("lengths"),
        )
        for plot in plots:
            label = plot.getAxis("bottom").labelText
            assert label and "outcome" not in label
            assert re.search(r"[\u4e00-\u9fff]", label), label
    finally:
        set_language("en")
