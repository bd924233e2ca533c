"""For tests that switch to Chinese and back: the switch, and what a text must be."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QApplication

from viz.language import set_language

_HAN = re.compile(r"[\u4e00-\u9fff]")
#: An English word: four letters or more (P, Q, KL, NaN and the like stay).
_ENGLISH_WORD = re.compile(r"[A-Za-z]{4,}")


@contextmanager
def in_chinese() -> Iterator[None]:
    """The application in zh_CN inside the block, in English again after it."""
    set_language("zh_CN")
    try:
        QApplication.processEvents()
        yield
    finally:
        set_language("en")
        QApplication.processEvents()


def assert_chinese(text: str) -> None:
    """``text`` is Chinese, with no English word left in it."""
    assert _HAN.search(text), text
    assert not _ENGLISH_WORD.search(text), text
