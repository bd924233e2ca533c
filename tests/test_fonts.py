"""Chinese gets a Chinese face after the Latin one, never instead of it."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo

from viz.fonts import CJK_FAMILIES, cjk_family, font_for_language


def test_latin_letters_and_formulas_keep_a_latin_face_in_chinese(qapp: Any) -> None:
    """A font alias ("Sans Serif") before the Chinese family was passed over:
    every digit and formula was drawn in the Chinese face, whose combining
    tilde is a speck above the P of D(P̃‖Q̃)."""
    if cjk_family() is None:
        pytest.skip("no Chinese font installed")
    alias = QFont("Sans Serif")
    chinese = font_for_language(alias, "zh_CN")
    families = chinese.families()
    assert families[-1] == cjk_family()
    assert QFontDatabase.hasFamily(families[0]), families
    assert QFontInfo(chinese).family() not in CJK_FAMILIES
    # Back to English: the font it was (a switch there and back changes
    # nothing, not even a layout), and no Chinese family.
    english = font_for_language(chinese, "en")
    assert english.families() == alias.families()
    assert QFontInfo(english).family() == QFontInfo(chinese).family()
