"""Widgets that follow the language: a retranslate path for every visible text.

Qt sends ``QEvent.LanguageChange`` to every widget when the translators
change (:mod:`viz.language`). A widget with texts mixes in
:class:`Retranslating` and implements ``retranslate()``, which sets every
text it owns again, in the language now installed, as Qt Designer's
``retranslateUi`` does.

:class:`LiveTexts` saves writing each text twice (once when built, once in
``retranslate``): a text is registered once, as the function that makes it,
and is set at once and again on every language change::

    self.texts = LiveTexts()
    self.texts.set(button, lambda: translate("BatchPage", "Add sample"))
    self.texts.call(lambda: style_plot_texts(plot, translate(...), ...))

Texts made from results (a readout, a caption with numbers) are not
registered: a page redraws its latest results on a language change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEvent, QObject

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    _WidgetBase = QWidget
else:
    _WidgetBase = object


class LiveTexts:
    """Texts registered with the function that makes them, re-made on demand."""

    def __init__(self) -> None:
        self._entries: list[tuple[QObject | None, Callable[[], None]]] = []

    def set(
        self, target: QObject, make: Callable[[], str], setter: str = "setText"
    ) -> None:
        """``target.<setter>(make())`` now and on every :meth:`retranslate`.

        ``setter`` is any one-text method: ``setText``, ``setToolTip``,
        ``setTitle``, ``setWindowTitle``, ``setAccessibleName``,
        ``setPlaceholderText``.
        """
        method = getattr(target, setter)

        def apply() -> None:
            method(make())

        self._add(target, apply)

    def call(self, apply: Callable[[], None], owner: QObject | None = None) -> None:
        """Run ``apply()`` now and at each :meth:`retranslate` while ``owner`` lives."""
        self._add(owner, apply)

    def _add(self, owner: QObject | None, apply: Callable[[], None]) -> None:
        apply()
        self._entries.append((owner, apply))

    def retranslate(self) -> None:
        """Make and set every registered text again (in the language now in use)."""
        alive = [
            (owner, apply)
            for owner, apply in self._entries
            if owner is None or shiboken6.isValid(owner)
        ]
        self._entries = alive
        for _, apply in alive:
            apply()

    def __len__(self) -> int:
        return len(self._entries)


def reannounce(store: Any) -> None:
    """Have ``store`` announce its latest results (or its problem) again.

    Every view connected to it draws them again, so the texts made from
    them follow a new language. A problem's message was worded when it was
    raised: the state is derived again to word it anew.
    """
    if store.problem is not None:
        store.derive_now()
    elif store.results is not None:
        store.results_ready.emit(store.results)


def set_plot_texts(
    plot: Any, title: str, x_label: str, y_label: str, hint: str | None = None
) -> None:
    """A plot's title, axis labels and hint (as :func:`viz.plotting.style_plot`).

    Only the texts: the plot keeps its style, so this can run on every
    language change.
    """
    plot.setTitle(title)
    set_hint = getattr(plot.titleLabel, "set_hint", None)
    if hint is not None and callable(set_hint):
        set_hint(hint)
    plot.setLabel("bottom", x_label)
    plot.setLabel("left", y_label)


class Retranslating(_WidgetBase):
    """Mix into a QWidget subclass (first): a language change calls ``retranslate()``.

    The class lists its texts in :attr:`texts` (a :class:`LiveTexts`) or sets
    them in its own ``retranslate``; either way nothing visible keeps the old
    language.
    """

    texts: LiveTexts

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate on ``QEvent.LanguageChange``; everything else as Qt does."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text again; the default re-makes :attr:`texts`."""
        texts = getattr(self, "texts", None)
        if texts is not None:
            texts.retranslate()
