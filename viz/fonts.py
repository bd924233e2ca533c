"""Fonts for Chinese: find one that covers it, prefer it, name it in SVG files.

Qt draws a Chinese character with any installed font that has it. Which one
it picks matters: a Japanese face draws some Han characters in their
Japanese forms, so in Simplified Chinese the application font lists a
Simplified Chinese family (:data:`CJK_FAMILIES`, the first installed) after
its own. Bold is asked of that family as of every other; where it has no
bold face Qt emboldens the regular one.

A machine with no such font would draw boxes: the app says so once, in
English and in Chinese (:func:`cjk_font_notice`). It never downloads one.

An SVG file names its fonts for whoever opens it, on another machine:
:func:`svg_font_fallbacks` replaces Qt's one family name ("Sans Serif", a
name only fontconfig knows) by a CSS list that covers Chinese on Linux,
Windows and macOS and ends in the generic ``sans-serif``.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

#: Simplified Chinese families, best first: Linux (Noto, Source Han,
#: WenQuanYi), Windows (Microsoft YaHei, SimHei), macOS (PingFang, Hiragino).
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "SimHei",
    "Droid Sans Fallback",
)

#: The font list an exported SVG gives its text (CSS font-family syntax).
SVG_FONT_FAMILIES = (
    "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', "
    "'Hiragino Sans GB', 'WenQuanYi Micro Hei', 'Noto Sans', 'DejaVu Sans', "
    "Arial, sans-serif"
)

#: Shown once if Chinese is chosen and no font can draw it (both languages:
#: the reader may read only one of them, and the Chinese may show as boxes).
NO_CJK_FONT = (
    "No font on this computer can show Chinese characters, so Chinese text "
    "may appear as boxes. Install a Chinese font (for example Noto Sans CJK SC: "
    "the package fonts-noto-cjk on Debian and Ubuntu), or choose English in "
    "the Language menu.\n\n"
    "这台电脑上没有能显示中文的字体，中文可能显示为方框。请安装中文字体"
    "（例如 Noto Sans CJK SC，Debian 与 Ubuntu 的软件包 fonts-noto-cjk），"
    "或在“语言”菜单中选择 English。"
)


def installed_cjk_families() -> list[str]:
    """The installed families that cover Simplified Chinese."""
    return list(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def cjk_family() -> str | None:
    """The best installed Simplified Chinese family, or None when there is none."""
    installed = installed_cjk_families()
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    # A family that claims Chinese but is a monospace or serif face is a
    # poorer choice than none of ours, yet better than boxes.
    return installed[0] if installed else None


def cjk_font_available() -> bool:
    """True when some installed font can draw Chinese."""
    return cjk_family() is not None


def font_for_language(font: QFont, language: str) -> QFont:
    """``font`` with the Chinese family after its own in zh_CN, without it otherwise.

    In zh_CN an alias of its own ("Sans Serif", which only fontconfig knows)
    is first resolved to the family it stands for: Qt passes over a name it
    has no face of and drew every Latin letter, digit and formula in the
    Chinese face, whose combining tilde is a speck above the P of D(P̃‖Q̃).
    """
    chosen = QFont(font)
    own = [family for family in font.families() if family not in CJK_FAMILIES]
    if not own:
        own = [font.family()]
    family = cjk_family() if language == "zh_CN" else None
    if family:
        own = [_concrete_family(name) for name in own]
    else:  # the alias again: a switch there and back changes nothing
        own = [_RESOLVED_ALIASES.get(name, name) for name in own]
    chosen.setFamilies([*own, family] if family else own)
    return chosen


#: Installed families that an alias was resolved to, and the alias.
_RESOLVED_ALIASES: dict[str, str] = {}


def _concrete_family(name: str) -> str:
    """``name``, or the installed family it is an alias of."""
    if QFontDatabase.hasFamily(name):
        return name
    resolved = QFontInfo(QFont(name)).family()
    if not resolved or resolved in CJK_FAMILIES:
        return name
    _RESOLVED_ALIASES.setdefault(resolved, name)
    return resolved


def apply_language_font(language: str) -> None:
    """Give the application font the Chinese family it needs (see the module)."""
    application = QGuiApplication.instance()
    if isinstance(application, QGuiApplication):
        QGuiApplication.setFont(font_for_language(QGuiApplication.font(), language))


_NOTICE_SHOWN: list[bool] = []


def cjk_font_notice(language: str) -> str | None:
    """:data:`NO_CJK_FONT` when Chinese is first chosen without a font; else None."""
    if language != "zh_CN" or _NOTICE_SHOWN or cjk_font_available():
        return None
    _NOTICE_SHOWN.append(True)
    return NO_CJK_FONT


def notify_missing_font(parent: QWidget | None, language: str) -> QMessageBox | None:
    """Say :data:`NO_CJK_FONT` in a non-blocking box, once (:func:`cjk_font_notice`)."""
    notice = cjk_font_notice(language)
    if notice is None:
        return None
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "Chinese font / 中文字体",
        notice,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("font_notice")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


_FONT_FAMILY = re.compile(rb'font-family="[^"]*"')


def svg_font_fallbacks(svg: bytes) -> bytes:
    """An SVG document with every ``font-family`` set to :data:`SVG_FONT_FAMILIES`."""
    replacement = b'font-family="' + SVG_FONT_FAMILIES.encode("ascii") + b'"'
    return _FONT_FAMILY.sub(replacement, svg)
