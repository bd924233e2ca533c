"""The language of the window: Qt's translators, the choice, and the Language menu.

Every text of the app goes through Qt's translation system
(``QCoreApplication.translate``); this module installs the catalogues:

* the app's own, ``assets/i18n/entropy_lab_<lang>.qm`` (compiled from
  ``i18n/*.ts`` by ``tools/update_translations.py``; English has one too,
  for its plural forms), and
* Qt's own ``qtbase_<lang>.qm`` from PySide6's translations directory, so
  that standard dialogs and buttons ("Cancel", "Open") speak the language.

Switching installs the new translators and removes the old ones; Qt then
sends ``QEvent.LanguageChange`` to every widget, and each one with texts
retranslates itself (:class:`viz.translated.Retranslating`): no restart.

The language is, in this order: ``--lang`` on the command line, the choice
remembered in QSettings (``language``), the system's locale. The core's
messages follow through :func:`core.i18n.install`, and its numbers through
:mod:`core.numbers`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
    QTranslator,
    Signal,
)
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QMenu

from core import i18n
from core.i18n import LANGUAGES, SOURCE_LANGUAGE
from core.resources import AssetError, asset_path

translate = QCoreApplication.translate

#: Each language named in itself: a menu entry the reader can always find.
LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}

#: Where the choice is remembered.
SETTINGS_KEY = "language"

#: The locales (Qt's names) shown in Simplified Chinese when nothing was chosen.
_SIMPLIFIED_CHINESE = ("zh_CN", "zh_SG", "zh_Hans")


def language_of_locale(locale: QLocale) -> str:
    """The app's language for a system locale: Simplified Chinese or English."""
    if locale.language() == QLocale.Language.Chinese:
        if locale.script() == QLocale.Script.SimplifiedHanScript:
            return "zh_CN"
        if locale.name() in _SIMPLIFIED_CHINESE:
            return "zh_CN"
    return SOURCE_LANGUAGE


def system_language() -> str:
    """The system locale's language (see :func:`language_of_locale`)."""
    return language_of_locale(QLocale.system())


def remembered_language(settings: QSettings | None) -> str | None:
    """The language chosen in an earlier run, if one was kept and is known."""
    if settings is None:
        return None
    value = settings.value(SETTINGS_KEY)
    return value if isinstance(value, str) and value in LANGUAGES else None


def initial_language(settings: QSettings | None, requested: str | None = None) -> str:
    """``--lang``, else the remembered choice, else the system locale's."""
    if requested is not None:
        return requested
    return remembered_language(settings) or system_language()


def qt_translations_directory() -> str:
    """PySide6's directory of Qt's own catalogues (qtbase_zh_CN.qm and others)."""
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def _qt_translate(
    context: str, source: str, disambiguation: str | None = None, n: int = -1
) -> str:
    """The core's hook: Qt's translate over the installed catalogues."""
    return QCoreApplication.translate(context, source, disambiguation, n)


class LanguageSwitch(QObject):
    """The application's translators; :meth:`set_language` swaps them.

    One per application (:func:`language_switch`). ``language_changed``
    follows the LanguageChange events Qt sends every widget.
    """

    language_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.language = SOURCE_LANGUAGE
        self._translators: list[QTranslator] = []
        #: Catalogue data kept alive: a QTranslator loaded from bytes reads them later.
        self._data: list[bytes] = []
        #: Why a catalogue did not load ("" when all did).
        self.problem = ""

    def set_language(self, language: str) -> None:
        """Speak ``language`` from now on (every widget retranslates).

        Raises
        ------
        ValueError
            If ``language`` is not one of :data:`core.i18n.LANGUAGES`.
        """
        if language not in LANGUAGES:
            known = ", ".join(LANGUAGES)
            raise ValueError(f"language must be one of {known}, got {language!r:.40}")
        application = QCoreApplication.instance()
        if application is None:
            raise RuntimeError("set_language needs a QApplication")
        loaded: list[QTranslator] = []
        data: list[bytes] = []
        self.problem = ""
        own = self._own_catalogue(language)
        if own is not None:
            translator = QTranslator(self)
            if translator.load(own):
                loaded.append(translator)
                data.append(own)
        if language != SOURCE_LANGUAGE:
            qt = QTranslator(self)
            if qt.load(f"qtbase_{language}", qt_translations_directory()):
                loaded.append(qt)
        for old in self._translators:
            QCoreApplication.removeTranslator(old)
        for translator in loaded:
            QCoreApplication.installTranslator(translator)
        self._translators, self._data = list(loaded), data
        self.language = language
        QLocale.setDefault(QLocale(language))
        i18n.install(_qt_translate, language)
        self.language_changed.emit(language)

    def speak_source_plurals(self) -> None:
        """Install English's own catalogue, as long as no language was chosen.

        English's plural forms ("1 token", "2 tokens") live in that
        catalogue; a window made before :meth:`set_language` (by a script, a
        test, a page on its own) used the source text, "1 tokens", for one.
        The locale and the core's language stay as they are (a core already
        speaking another language is left to it).
        """
        if self._translators or i18n.language() != SOURCE_LANGUAGE:
            return
        own = self._own_catalogue(SOURCE_LANGUAGE)
        translator = QTranslator(self)
        if own is None or not translator.load(own):
            return
        QCoreApplication.installTranslator(translator)
        self._translators, self._data = [translator], [own]
        i18n.install(_qt_translate, SOURCE_LANGUAGE)

    def _own_catalogue(self, language: str) -> bytes | None:
        try:
            with asset_path(i18n.CATALOGUE_NAME.format(language=language)) as path:
                return path.read_bytes()
        except (AssetError, OSError) as error:
            self.problem = str(error)
            return None


_SWITCH: list[LanguageSwitch] = []


def language_switch() -> LanguageSwitch:
    """The application's :class:`LanguageSwitch` (made on first use)."""
    application = QCoreApplication.instance()
    if _SWITCH and _SWITCH[0].parent() is application:
        return _SWITCH[0]
    switch = LanguageSwitch(application)
    _SWITCH[:] = [switch]
    switch.speak_source_plurals()
    return switch


def current_language() -> str:
    """The language the window speaks now."""
    return language_switch().language if _SWITCH else i18n.language()


def set_language(language: str, settings: QSettings | None = None) -> None:
    """Switch to ``language`` now, and remember it in ``settings`` if given."""
    language_switch().set_language(language)
    if settings is not None:
        settings.setValue(SETTINGS_KEY, language)


def start_language(settings: QSettings | None, requested: str | None = None) -> str:
    """At start-up: speak :func:`initial_language`, with the fonts it needs.

    Nothing is remembered here: only a choice in the Language menu is.
    Returns the language.
    """
    from viz.fonts import apply_language_font

    language = initial_language(settings, requested)
    switch = language_switch()
    switch.language_changed.connect(apply_language_font)
    switch.set_language(language)
    return language


class LanguageMenu(QMenu):
    """The Language menu: English and 简体中文, the one in use ticked.

    Each entry is written in its own language, so it can be found whatever
    language the window speaks; only the menu's title is translated.
    """

    def __init__(
        self,
        parent: QMainWindow,
        settings: QSettings | None,
        on_switched: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("language_menu")
        self.settings = settings
        self._on_switched = on_switched
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.actions_by_language: dict[str, QAction] = {}
        for code in LANGUAGES:
            action = QAction(LANGUAGE_NAMES[code], self)
            action.setObjectName(f"action_language_{code}")
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, code=code: self.choose(code))
            self.group.addAction(action)
            self.addAction(action)
            self.actions_by_language[code] = action
        language_switch().language_changed.connect(self._tick)
        self._tick(current_language())
        self.retranslate()

    def choose(self, code: str) -> None:
        """Switch to ``code`` (from the menu) and remember the choice."""
        from viz.fonts import apply_language_font, notify_missing_font

        if code != current_language():
            set_language(code, self.settings)
            apply_language_font(code)
        notify_missing_font(self.parentWidget(), code)
        if self._on_switched is not None:
            self._on_switched(code)

    def _tick(self, code: str) -> None:
        self.actions_by_language[code].setChecked(True)

    def retranslate(self) -> None:
        """The menu's title in the language in use."""
        self.setTitle(translate("LanguageMenu", "&Language"))

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate the title on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
