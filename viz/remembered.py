"""Values read back from QSettings, checked: a damaged one is dropped, never fatal.

A settings file is outside the app's control (an old version, another
program, a hand edit). QSettings returns whatever the file holds, an int
where a list was written, say, so every read goes through these checks,
and each value that fails is removed from the file and named in
:attr:`Remembered.dropped` for the status bar.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QByteArray, QSettings


class Remembered:
    """Typed reads of a :class:`QSettings` (or of nothing, for ``None``)."""

    def __init__(self, settings: QSettings | None) -> None:
        self.settings = settings
        #: Keys whose stored value had the wrong type and was removed.
        self.dropped: list[str] = []

    def _raw(self, key: str) -> object:
        if self.settings is None or not self.settings.contains(key):
            return None
        return self.settings.value(key)

    def _drop(self, key: str) -> None:
        assert self.settings is not None
        self.settings.remove(key)
        if key not in self.dropped:
            self.dropped.append(key)

    def texts(self, key: str) -> list[str]:
        """A list of strings (QSettings stores a one-item list as a string)."""
        value = self._raw(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return list(value)
        self._drop(key)
        return []

    def text(self, key: str) -> str | None:
        """A string, or None."""
        value = self._raw(key)
        if value is None or isinstance(value, str):
            return value
        self._drop(key)
        return None

    def number(self, key: str) -> float | None:
        """A finite number (stored as a number or as its text), or None."""
        value = self._raw(key)
        if value is None:
            return None
        if not isinstance(value, bool) and isinstance(value, int | float | str):
            try:
                number = float(value)
            except ValueError:
                number = math.nan
            if math.isfinite(number):
                return number
        self._drop(key)
        return None

    def bytes(self, key: str) -> QByteArray | None:
        """A byte array (a saved geometry), or None."""
        value = self._raw(key)
        if value is None or isinstance(value, QByteArray):
            return value
        self._drop(key)
        return None
