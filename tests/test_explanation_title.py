"""The explanation dock's title says what its text is about: a page or an example.

Before a preset is loaded the dock shows a page's welcome (what the page is
for, what to try), and its title said "About this example" over it, an
example the student never loaded. Now it says "About this page" until a
preset's text is on show, and "About this example" while one is, in the
language in use.
"""

from __future__ import annotations

from viz.language import set_language


def title(window) -> str:
    return window.explanation.windowTitle()


def test_the_title_is_the_page_s_until_an_example_is_loaded(window, qtbot):
    dock = window.explanation
    assert title(window) == "About this page"
    assert not dock.explains_an_example()
    for panel in ("codes", "binary", "explorer"):
        window.show_panel(panel)
        assert title(window) == "About this page", panel
    window.apply_preset(window.preset("kl-asymmetry"))
    assert title(window) == "About this example"
    assert dock.text.accessibleName() == "Explanation of the current example"
    window.show_panel("sampling")  # the example's text stays, marked stale
    assert title(window) == "About this example"
    assert not dock.is_current()


def test_the_title_follows_the_language(window, qtbot):
    set_language("zh_CN")
    try:  # the language change arrives as an event
        qtbot.waitUntil(lambda: title(window) == "关于此页面")
        window.apply_preset(window.preset("kl-asymmetry"))
        assert title(window) == "关于此例"
    finally:
        set_language("en")
    qtbot.waitUntil(lambda: title(window) == "About this example")
