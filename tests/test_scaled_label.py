"""A large readout shrinks until its number fits, and stays shrunk."""

from __future__ import annotations

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
