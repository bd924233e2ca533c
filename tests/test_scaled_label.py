"""A large readout shrinks until its number fits, and stays shrunk."""

from __future__ import annotations

import pytest

from viz.pages.common import _rich_text_width, application_font_px, big_label


def test_a_number_too_wide_for_its_readout_fits_and_stays_fitted(qtbot) -> None:
    label = big_label("fitting_reverse_kl_pq", "D(P‖Q)")
    qtbot.addWidget(label)
    label.resize(82, 40)
    label.show()
    qtbot.waitExposed(label)
    label.setText("13.307 nats")

    def fits() -> bool:
        needed = _rich_text_width(label.text(), label.font(), label._px)
        return needed <= label.contentsRect().width()

    assert fits()
    label.refont()  # a second fit (a font change, a resize) must not undo it
    assert fits()
    shrunk = label._px
    label.resize(400, 40)  # room again: back to the full size
    full = max(8, round(application_font_px() * label.scale))
    qtbot.waitUntil(lambda: label._px == full)
    assert full > shrunk


@pytest.mark.parametrize("share", [0.0, 0.5, 1.0])
def test_the_gradient_title_wraps_only_after_its_equals_sign(qapp, share):
    # A lecture at 1920 px read "(softmax − y)/" over "T": at any width
    # that holds the formula's right side but not the whole title, the
    # break falls after "=".
    from PySide6.QtGui import QFontMetricsF
    from PySide6.QtWidgets import QGraphicsTextItem

    from viz.plots import GRADIENT_TITLE

    item = QGraphicsTextItem()
    item.setPlainText(GRADIENT_TITLE)
    font = item.font()
    font.setPixelSize(28)
    item.setFont(font)
    metrics = QFontMetricsF(font)
    right = GRADIENT_TITLE[GRADIENT_TITLE.index("(") :]
    narrow = metrics.horizontalAdvance(right) + 2 * item.document().documentMargin()
    wide = metrics.horizontalAdvance(GRADIENT_TITLE)
    item.setTextWidth(narrow + share * (wide - narrow) * 0.9 + 2)
    block = item.document().firstBlock()
    layout = block.layout()
    lines = [
        block.text()[line.textStart() : line.textStart() + line.textLength()]
        for line in (layout.lineAt(i) for i in range(layout.lineCount()))
    ]
    assert lines[-1] == right and len(lines) == 2, lines


@pytest.mark.parametrize("name", ["q·log(q/p)", "p·log(p/q)", "D(P‖Q)", "softmax(z/T)"])
def test_a_colour_keyed_name_is_never_broken_inside(qapp, name):
    # A lecture at 1920 px read "q·log(q/" over "p)" in the asymmetry plot.
    from PySide6.QtGui import QFontMetricsF
    from PySide6.QtWidgets import QGraphicsTextItem

    from viz.plotting import swatch

    item = QGraphicsTextItem()
    font = item.font()
    font.setPixelSize(28)
    item.setFont(font)
    item.setHtml(swatch("#0072B2", name) + " " + swatch("#E69F00", name))
    # From a width that holds one name (narrower, Qt breaks anywhere).
    one = QFontMetricsF(font).horizontalAdvance("■ " + name)
    narrowest = int(one + 2 * item.document().documentMargin()) + 2
    for width in range(narrowest, 2 * narrowest + 40, 4):
        item.setTextWidth(width)
        block = item.document().firstBlock()
        layout = block.layout()
        text = block.text()
        lines = [
            text[line.textStart() : line.textStart() + line.textLength()]
            .replace("\u2060", "")
            .replace("\u00a0", " ")
            .strip()
            for line in (layout.lineAt(i) for i in range(layout.lineCount()))
        ]
        for line in lines:
            assert line.count(name) == line.count("■"), (width, lines)
