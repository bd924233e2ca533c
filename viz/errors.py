"""An exception in a slot is shown, never silently fatal, and the app keeps running."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

translate = QCoreApplication.translate

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


class ExceptionReporter:
    """Replaces ``sys.excepthook`` while installed; restores it on :meth:`uninstall`.

    Each unexpected exception is printed to stderr (for a bug report) and
    shown in a non-blocking message box whose details hold the traceback.
    The window's state lives in an immutable scenario that a failing view
    cannot half-change, so carrying on is safe.
    """

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent
        self._previous: ExceptHook | None = None
        self.reported: list[str] = []

    def install(self) -> None:
        """Start catching exceptions that reach the event loop."""
        self._previous = sys.excepthook
        sys.excepthook = self.report

    def uninstall(self) -> None:
        """Give ``sys.excepthook`` back."""
        if self._previous is not None:
            sys.excepthook = self._previous
            self._previous = None

    def report(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        """Print and show one exception; KeyboardInterrupt still quits."""
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        details = "".join(traceback.format_exception(kind, error, trace))
        print(details, file=sys.stderr)
        self.reported.append(details)
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            translate("ExceptionReporter", "Something went wrong"),
            translate(
                "ExceptionReporter",
                "{error}\n\nEntropy Lab keeps running; your work is "
                "unchanged. Please report this with the details below.",
            ).format(error=f"{kind.__name__}: {error}"),
            QMessageBox.StandardButton.Ok,
            self._parent,
        )
        box.setObjectName("exception_dialog")
        box.setDetailedText(details)
        box.open()
