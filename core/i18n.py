"""Translations without Qt: the hook every message goes through, and texts per language.

The core never imports Qt, yet its messages (a refused session file, a bad
``--p``) are read in the language the user chose. Each message is written as
``translate("Context", "source with {placeholders}").format(...)``:

* :func:`translate` calls the installed translator. The window installs
  ``QCoreApplication.translate`` (``viz.language``), so the core's strings
  come from the same catalogue as the window's; ``main.py --metrics``, which
  never loads Qt, installs :func:`catalogue_translator` over the bundled
  ``.qm`` file read by :class:`Catalogue`. Until either happens the source
  text is used (English).
* ``pyside6-lupdate`` finds these calls: it extracts any call named
  ``translate`` (``translate(…)``, ``i18n.translate(…)``,
  ``QCoreApplication.translate(…)``) and :func:`QT_TRANSLATE_NOOP` whose
  context and source are string literals given positionally. A keyword
  argument (``disambiguation=…``), a variable or an f-string as the source
  is not extracted (or is extracted wrongly): ``tests/test_translations.py``
  refuses them.
* Counts pass ``n``, which picks the plural form (the catalogue holds one
  per grammatical number: English two, Chinese one), and fill the number in
  themselves: ``translate("C", "{count} steps", None, n).format(count=
  format_count(n))`` groups its digits as the language does. Qt's ``%n``
  works too (``%n`` becomes the bare number), for small counts.

Data files carry texts per language (``{"en": "…", "zh_CN": "…"}``):
:func:`localized_text` reads one into a :class:`LocalizedText`, which shows
the language in use (:func:`language`) and falls back to English.
"""

from __future__ import annotations

import contextlib
import struct
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

#: The languages the app speaks, English first (the source language).
LANGUAGES = ("en", "zh_CN")
SOURCE_LANGUAGE = "en"

#: The bundled catalogue of a language, inside the assets package.
CATALOGUE_NAME = "i18n/entropy_lab_{language}.qm"

#: translate(context, source, disambiguation, n) -> text
Translator = Callable[[str, str, "str | None", int], str]


def _plural_index(language: str, n: int) -> int:
    """Which numerus form of ``language`` a count ``n`` takes (Qt's order)."""
    if language == "zh_CN":
        return 0  # Chinese has one form
    return 0 if n == 1 else 1


def fill_count(text: str, n: int) -> str:
    """``text`` with Qt's ``%n`` and ``%Ln`` replaced by the count ``n``."""
    if n < 0 or "%" not in text:
        return text
    from core.numbers import format_count

    # As Qt: %Ln groups the digits as the language does, %n does not.
    return text.replace("%Ln", format_count(n)).replace("%n", str(n))


def untranslated(
    context: str, source: str, disambiguation: str | None = None, n: int = -1
) -> str:
    """The source text itself, with ``%n`` filled in: English without a catalogue."""
    del context, disambiguation
    return fill_count(source, n)


@dataclass
class _Installed:
    translator: Translator = untranslated
    language: str = SOURCE_LANGUAGE


_INSTALLED = _Installed()


def translate(
    context: str, source: str, disambiguation: str | None = None, n: int = -1
) -> str:
    """``source`` in the language in use.

    Parameters
    ----------
    context : str
        Where the text is used ("Session", "Metrics"): a translator sees the
        same source text in different places as different texts.
    source : str
        The English text; placeholders in braces are filled afterwards with
        ``str.format``, and ``%n`` is the count ``n``.
    disambiguation : str or None
        A note that tells apart equal sources in one context.
    n : int
        A count that selects the plural form (−1: none).

    Returns
    -------
    str
        The translation, or ``source`` where the catalogue has none.
    """
    return _INSTALLED.translator(context, source, disambiguation, n)


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark ``source`` for the catalogue without translating it yet.

    For texts kept in tables at import time (a menu's titles): translate
    them where they are shown, with ``translate(context, source)``.
    """
    del context
    return source


def install(translator: Translator, language: str) -> None:
    """Route :func:`translate` through ``translator`` for ``language``.

    Raises
    ------
    ValueError
        If ``language`` is not one of :data:`LANGUAGES`.
    """
    if language not in LANGUAGES:
        known = ", ".join(LANGUAGES)
        raise ValueError(f"language must be one of {known}, got {language!r:.40}")
    _INSTALLED.translator = translator
    _INSTALLED.language = language


def uninstall() -> None:
    """Back to the source texts (English)."""
    install(untranslated, SOURCE_LANGUAGE)


def language() -> str:
    """The language :func:`translate` speaks now ("en" or "zh_CN")."""
    return _INSTALLED.language


@contextlib.contextmanager
def in_source_language() -> Iterator[None]:
    """English inside the block, whatever is installed (interfaces such as JSON)."""
    saved = (_INSTALLED.translator, _INSTALLED.language)
    _INSTALLED.translator, _INSTALLED.language = untranslated, SOURCE_LANGUAGE
    try:
        yield
    finally:
        _INSTALLED.translator, _INSTALLED.language = saved


# --- compiled catalogues (.qm) without Qt -------------------------------------

_QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
_MESSAGES_BLOCK = 0x69
_TAG_END, _TAG_TRANSLATION, _TAG_OBSOLETE1 = 1, 3, 5
_TAG_SOURCE, _TAG_CONTEXT, _TAG_COMMENT = 6, 7, 8
_NULL_TEXT = 0xFFFFFFFF


class CatalogueError(ValueError):
    """A ``.qm`` file that is not a catalogue lrelease wrote."""


@dataclass(frozen=True)
class Catalogue:
    """The messages of a compiled Qt catalogue, read without Qt.

    ``pyside6-lrelease`` writes each finished message with its context,
    source text, comment (the disambiguation) and one translation per
    plural form; :meth:`read` reads them back.

    Attributes
    ----------
    language : str
    messages : mapping
        ``(context, source, comment) -> (form, …)``.
    """

    language: str
    messages: Mapping[tuple[str, str, str], tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )

    @classmethod
    def read(cls, path: str | Path, language: str) -> Catalogue:
        """Read ``path``.

        Raises
        ------
        CatalogueError
            If the file does not start as a ``.qm`` file or a block or
            message is cut short.
        OSError
            If it cannot be read.
        """
        data = Path(path).read_bytes()
        if not data.startswith(_QM_MAGIC):
            raise CatalogueError(f"{Path(path).name} is not a Qt catalogue (.qm)")
        messages: dict[tuple[str, str, str], tuple[str, ...]] = {}
        offset = len(_QM_MAGIC)
        while offset < len(data):
            tag, length = data[offset], _u32(data, offset + 1)
            start = offset + 5
            if tag == _MESSAGES_BLOCK:
                _read_messages(data[start : start + length], messages)
            offset = start + length
        return cls(language, MappingProxyType(messages))

    def lookup(
        self, context: str, source: str, disambiguation: str | None, n: int
    ) -> str | None:
        """The translation, or None (Qt's order: with the comment, then without)."""
        forms = self.messages.get((context, source, disambiguation or ""))
        if forms is None and disambiguation:
            forms = self.messages.get((context, source, ""))
        if not forms:
            return None
        index = _plural_index(self.language, n) if n >= 0 else 0
        return forms[min(index, len(forms) - 1)]


def _u32(data: bytes, offset: int) -> int:
    """The big-endian 32-bit length at ``offset``."""
    if offset + 4 > len(data):
        raise CatalogueError("the catalogue is cut short")
    (value,) = struct.unpack_from(">I", data, offset)
    return int(value)


def _read_messages(
    block: bytes, messages: dict[tuple[str, str, str], tuple[str, ...]]
) -> None:
    offset = 0
    while offset < len(block):
        texts: dict[int, str] = {}
        forms: list[str] = []
        while True:
            if offset >= len(block):
                raise CatalogueError("a message of the catalogue is cut short")
            tag = block[offset]
            offset += 1
            if tag == _TAG_END:
                break
            if tag == _TAG_OBSOLETE1:
                offset += 4
                continue
            length = _u32(block, offset)
            if length == _NULL_TEXT:  # a translation that is null, not empty
                length = 0
            value = block[offset + 4 : offset + 4 + length]
            if len(value) != length:
                raise CatalogueError("a message of the catalogue is cut short")
            offset += 4 + length
            if tag == _TAG_TRANSLATION:
                forms.append(value.decode("utf-16-be"))
            elif tag in (_TAG_SOURCE, _TAG_CONTEXT, _TAG_COMMENT):
                texts[tag] = value.decode("utf-8")
            else:
                raise CatalogueError(f"unknown tag {tag} in the catalogue")
        key = (
            texts.get(_TAG_CONTEXT, ""),
            texts.get(_TAG_SOURCE, ""),
            texts.get(_TAG_COMMENT, ""),
        )
        messages[key] = tuple(forms)


def catalogue_translator(catalogue: Catalogue) -> Translator:
    """A :data:`Translator` over ``catalogue``: its text, else the source."""

    def translator(
        context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        found = catalogue.lookup(context, source, disambiguation, n)
        return fill_count(source if found is None else found, n)

    return translator


def use_bundled_catalogue(language: str) -> None:
    """Translate with the bundled catalogue of ``language`` (no Qt).

    English needs only its plural forms; a missing catalogue leaves the
    source texts (the installation check reports damaged files elsewhere).

    Raises
    ------
    ValueError
        If ``language`` is not one of :data:`LANGUAGES`.
    """
    from core.resources import AssetError, asset_path

    if language not in LANGUAGES:
        install(untranslated, language)  # raises, naming the languages
    try:
        with asset_path(CATALOGUE_NAME.format(language=language)) as path:
            catalogue = Catalogue.read(path, language)
    except (AssetError, CatalogueError, OSError):
        install(untranslated, language)
        return
    install(catalogue_translator(catalogue), language)


# --- texts per language in data files -----------------------------------------


@dataclass(frozen=True)
class LocalizedText:
    """One text in several languages, as a data file gives it.

    ``str(text)`` is the text in the language in use (:func:`language`),
    else the English one; :meth:`get` asks for a language explicitly.

    Attributes
    ----------
    texts : mapping
        Language code → text; "en" is always present.
    """

    texts: Mapping[str, str]

    def get(self, language_code: str | None = None) -> str:
        """The text in ``language_code`` (default: the one in use), else English."""
        code = language() if language_code is None else language_code
        return self.texts.get(code) or self.texts[SOURCE_LANGUAGE]

    def __str__(self) -> str:
        return self.get()

    @classmethod
    def english(cls, text: str) -> LocalizedText:
        """A text that exists only in English."""
        return cls(MappingProxyType({SOURCE_LANGUAGE: text}))


def localized_text(
    value: Any, where: str, longest: int, error: type[ValueError] = ValueError
) -> LocalizedText:
    """Read a text field of a data file: ``"…"`` or ``{"en": "…", "zh_CN": "…"}``.

    Parameters
    ----------
    value : Any
        The JSON value. A plain string is English only.
    where : str
        The field's name, for messages ("title").
    longest : int
        The most characters any one language's text may have.
    error : type
        The ValueError subclass to raise (a file's own error type).

    Raises
    ------
    ValueError (of type ``error``)
        If a text is empty or longer than ``longest``, "en" is missing, or a
        key is not one of :data:`LANGUAGES`.
    """
    texts = {SOURCE_LANGUAGE: value} if isinstance(value, str) else value
    if not isinstance(texts, Mapping):
        raise error(
            translate("Data", "{field} must be non-empty text").format(field=where)
        )
    unknown = sorted(set(texts) - set(LANGUAGES))
    if unknown:
        raise error(
            translate("Data", "{field} has an unknown language {language}").format(
                field=where, language=repr(str(unknown[0])[:20])
            )
        )
    if SOURCE_LANGUAGE not in texts:
        raise error(
            translate("Data", "{field} needs an English text (en)").format(field=where)
        )
    for code, text in texts.items():
        name = where if isinstance(value, str) else f"{where}.{code}"
        if not isinstance(text, str) or not text.strip():
            raise error(
                translate("Data", "{field} must be non-empty text").format(field=name)
            )
        if len(text) > longest:
            raise error(
                translate("Data", "{field} is longer than {limit} characters").format(
                    field=name, limit=longest
                )
            )
    return LocalizedText(MappingProxyType(dict(texts)))
