"""English plurals: one token cut reads "1 token", whether or not a language was chosen.

The next-token lab's reasons for an infinite divergence are plural messages
(``self.tr(text, "", n)``) whose English forms live in the English
catalogue; a window made before any language had been chosen (a script's or
a test's window) used the source text, "1 tokens", for n = 1.
"""

from __future__ import annotations

from typing import Any

from core.next_token import DecodingSettings
from core.next_token_lab import start_lab, with_settings
from viz.pages.next_token import NextTokenPage

#: All but one of the bundled example's 262,144 tokens: exactly one is cut.
ONE_CUT = DecodingSettings(top_k=262_143)


def one_cut_state() -> Any:
    state = with_settings(start_lab(262_144), "p", ONE_CUT)
    assert state.p_settings == state.q_settings == ONE_CUT  # linked
    return state


def texts(page: NextTokenPage) -> list[str]:
    shown = [page.readouts.reasons.toolTip()]
    for key in ("kl_pq", "kl_qp"):
        reason = page.pair[key].reason
        shown += [reason.text(), reason.toolTip()]
    return shown


def check_singular(page: NextTokenPage) -> None:
    tooltip, *pair = texts(page)
    # D(P‖P̃) and D(Q‖Q̃): each model's one cut token.
    assert tooltip.count("the truncation gives probability 0 to 1 token that") == 2
    assert "1 tokens" not in tooltip
    # D(P̃‖Q̃) and D(Q̃‖P̃): each keeps the one token the other cuts.
    for text in pair:
        assert "gives probability 0 to 1 token that" in text, text
        assert "1 tokens" not in text, text


def test_one_token_cut_is_singular_in_the_window(window: Any, qtbot: Any) -> None:
    store = window.stores["next_token"]
    window.show_panel("next_token")
    store.set_state(one_cut_state())
    store.derive_now()
    check_singular(window.pages["next_token"])


def test_a_new_switch_speaks_english_plurals_until_a_language_is_chosen(
    qtbot: Any,
) -> None:
    from PySide6.QtCore import QCoreApplication

    from core import i18n
    from viz.language import LanguageSwitch

    def tokens(n: int) -> str:
        return QCoreApplication.translate(
            "NextTokenPage",
            "∞: {other}̃ gives probability 0 to {count} tokens that {keeper}̃ keeps, "
            "such as {token}",
            "",
            n,
        )

    switch = LanguageSwitch()
    try:
        switch.speak_source_plurals()
        assert "{count} token that" in tokens(1)
        assert "{count} tokens that" in tokens(2)
        assert i18n.language() == "en"
    finally:
        for translator in switch._translators:
            QCoreApplication.removeTranslator(translator)
        switch.deleteLater()
