"""A rejected scenario's problem in words, in the language in use.

The core raises :class:`core._checks.InputError` with the argument and the
reason as fields; this words them for a student (P, Q, the logits; what to
do) instead of rewriting the core's English message. Any other error is
quoted as it is. The explorer and the pages that follow it share these
words, so a problem reads the same everywhere.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from core._checks import InputError

translate = QCoreApplication.translate


def error_words(error: ValueError) -> str:
    """What is wrong, as a sentence that ends with its full stop."""
    words = _input_problem(error) if isinstance(error, InputError) else None
    if words is None:
        words = translate("Explorer", "{message}.").format(message=error)
    return words


def _input_problem(error: InputError) -> str | None:
    names = {
        "p_weights": "P",
        "q_weights": "Q",
        "logits": translate("Explorer", "the logits"),
    }
    name = names.get(error.argument)
    reasons = {
        "all_zero": lambda: translate(
            "Explorer",
            "{name} is all zero: at least one weight must be positive. "
            "Raise one of its sliders above zero.",
        ),
        "negative": lambda: translate("Explorer", "{name}[{index}] is negative."),
        "nan": lambda: translate("Explorer", "{name}[{index}] is not a number (NaN)."),
        "infinite": lambda: translate("Explorer", "{name}[{index}] is infinite."),
    }
    reason = reasons.get(error.reason)
    if name is None or reason is None:
        return None
    return reason().format(name=name, index=error.index)
