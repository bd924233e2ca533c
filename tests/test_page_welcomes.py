"""The explanation dock speaks of the page on show until a preset is explained.

The explorer's welcome talks of sliders, bars and presets; every other page
has its own welcome, in the language in use. A
preset's text, once loaded, stays on every page (with the strip saying which
page it explains), as before.
"""

from __future__ import annotations

import pytest
from window_reuse import EVERY_LAB_PAGE

from viz.docks import WELCOME
from viz.language import set_language

#: Built before the shared window is handed out (tests/window_reuse.py).
SHARED_WINDOW_PAGES = EVERY_LAB_PAGE


def dock_text(window) -> str:
    return window.explanation.text.text()


@pytest.mark.parametrize(
    ("panel", "start"),
    [
        ("sampling", "<b>Sampling.</b>"),
        ("codes", "<b>Code lengths.</b>"),
        ("next_token", "<b>Next-token lab.</b>"),
        ("binary", "<b>Vanishing gradients.</b>"),
        ("training", "<b>Training the logits.</b>"),
        ("fitting", "<b>Forward vs reverse KL.</b>"),
        ("batch", "<b>A PyTorch batch.</b>"),
    ],
)
def test_a_lab_page_shows_its_own_welcome_and_the_explorer_its_own(
    window, qtbot, panel, start
):
    assert dock_text(window) == WELCOME
    window.show_panel(panel)
    assert dock_text(window).startswith(start)
    assert "slider" not in dock_text(window)
    window.show_panel("explorer")
    assert dock_text(window) == WELCOME


def test_every_page_but_the_explorer_has_its_own_welcome():
    """The general welcome talks of sliders, bars and presets (keys 1–9)."""
    from viz.docks import PAGE_WELCOMES
    from viz.pages import PAGES

    assert set(PAGE_WELCOMES) == {spec.panel for spec in PAGES} - {"explorer"}
    for text in PAGE_WELCOMES.values():
        assert "keys 1–9" not in text and "drag a bar" not in text


def test_the_code_length_welcome_claims_only_what_holds():
    """Not "Q's codes cost more": Shannon's code of a uniform Q beats P's own."""
    from viz.docks import PAGE_WELCOMES

    assert "codes cost more" not in PAGE_WELCOMES["codes"]
    assert "within a bit" in PAGE_WELCOMES["codes"]


def test_a_preset_s_text_stays_on_a_lab_page_with_the_strip(window, qtbot):
    window.apply_preset(window.presets[0])
    text = dock_text(window)
    window.show_panel("sampling")
    assert dock_text(window) == text
    assert not window.explanation.is_current()


def test_a_lab_page_s_welcome_follows_the_language(window, qtbot):
    window.show_panel("codes")
    set_language("zh_CN")
    try:  # the language change arrives as an event
        qtbot.waitUntil(lambda: dock_text(window).startswith("<b>码长。</b>"))
    finally:
        set_language("en")
    qtbot.waitUntil(lambda: dock_text(window).startswith("<b>Code lengths.</b>"))
