"""The one way a number is written: readouts, formulas, hovers, pages, clipboard.

Rules, so that no digit misleads:

* An exact zero (and −0.0) is ``0``; a non-zero value never shows as zero.
  Where fixed decimals would keep fewer than two significant digits it
  switches to scientific notation with four (``4.250×10⁻¹⁸``, and
  ``3.350×10⁻⁴`` rather than ``0.0003``), never ``0.0000``.
* Everyday sizes get a fixed number of decimals (four by default), so a
  column of readouts lines up; from 10,000 up, scientific notation again,
  so 1e300 is ten characters, not three hundred.
* The minus sign is a real minus (−), infinity is ∞, and NaN (which no
  computation should produce) is an em dash rather than "nan".
* The decimal point and the separator between groups of three digits are
  the language's (:data:`SYMBOLS`, read from :func:`core.i18n.language`).
  Chinese writes numbers as English does (GB/T 15835: Arabic digits, "."
  and ","), so both languages share them today; a language that writes
  "0,1187" needs only a row in the table.

CSV files keep full precision (``repr``): they are data, not display.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from core import i18n

MINUS = "−"


@dataclass(frozen=True)
class NumberSymbols:
    """How a language writes a number: its decimal point and digit-group separator."""

    decimal: str = "."
    group: str = ","


#: How English writes numbers (and Python, which is why it needs no swap).
PLAIN = NumberSymbols()

#: The symbols of each language of :data:`core.i18n.LANGUAGES`.
SYMBOLS = {"en": PLAIN, "zh_CN": PLAIN}


def symbols() -> NumberSymbols:
    """The symbols of the language in use."""
    return SYMBOLS.get(i18n.language(), PLAIN)


def _localized(text: str) -> str:
    """A number Python wrote ("1,234.5", "-0.3") in the language's symbols."""
    chosen = symbols()
    # A table of 120 probabilities is written on every frame of a drag: the
    # identity test spares the dataclass comparison in the common case.
    if chosen is not PLAIN and chosen != PLAIN:
        swap = {".": chosen.decimal, ",": chosen.group}
        text = "".join(swap.get(character, character) for character in text)
    return text.replace("-", MINUS)


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")

#: From this size up, a number is written in scientific notation.
LARGE = 1e4


def format_number(value: float, decimals: int = 4, significant: int = 4) -> str:
    """``value`` as shown on screen.

    Parameters
    ----------
    value : float
    decimals : int
        Decimals for sizes in [10¹⁻ᵈᵉᶜⁱᵐᵃˡˢ, 10⁴): 0.001 and up for four.
    significant : int
        Significant digits in scientific notation (below or above that).

    Returns
    -------
    str
        ``"0"`` for ±0; ``"∞"``/``"−∞"``; ``"—"`` for NaN; otherwise a fixed
        or scientific rendering as described in the module docstring.

    Examples
    --------
    >>> format_number(0.1187091007693073), format_number(2.8e-17)
    ('0.1187', '2.800×10⁻¹⁷')
    >>> format_number(-0.0), format_number(1e300)
    ('0', '1.000×10³⁰⁰')
    """
    if math.isnan(value):
        return "—"
    if math.isinf(value):
        return "∞" if value > 0 else f"{MINUS}∞"
    if value == 0:
        return "0"
    size = abs(value)
    if 10.0 ** (1 - decimals) <= size < LARGE:
        return _localized(f"{value:.{decimals}f}")
    return scientific(value, significant)


def scientific(value: float, significant: int = 4) -> str:
    """``value`` as ``m.mmm×10ⁿ`` with ``significant`` digits (n in superscript)."""
    mantissa, exponent = f"{value:.{significant - 1}e}".split("e")
    power = str(int(exponent)).translate(_SUPERSCRIPT)
    return f"{_localized(mantissa)}×10{power}"


def power_of_ten(value: float) -> str:
    """A tick value to one digit in powers of ten: 1e-06 → "10⁻⁶", 5e-4 → "5·10⁻⁴".

    Empty for a value that is not positive and finite (no tick has it).
    """
    if not value > 0 or not math.isfinite(value):
        return ""
    mantissa, exponent = f"{value:.0e}".split("e")
    power = "10" + str(int(exponent)).translate(_SUPERSCRIPT)
    return power if mantissa == "1" else f"{mantissa}·{power}"


def format_probability(value: float, decimals: int = 4, most_decimals: int = 16) -> str:
    """A probability, with as many decimals as it takes not to read as 0 or 1.

    ``format_number`` would write 0.99999999 as ``1.0000``, a certainty the
    value is not; here it is ``0.99999999`` (up to ``most_decimals``
    decimals, then 1 − its gap in scientific notation: a table's column
    takes ``1 − 2.0×10⁻¹⁴`` better than ``0.99999999999998``).
    """
    if 0.0 < value < 1.0:
        fixed = f"{value:.{decimals}f}"
        if fixed.startswith("1"):  # rounded up to a certainty
            for more in range(decimals + 1, most_decimals + 1):
                text = f"{value:.{more}f}"
                if not text.startswith("1"):
                    return _localized(text)
            digits = 4 if most_decimals >= 16 else 2
            return f"1 {MINUS} {scientific(1.0 - value, digits)}"
        if value >= 10.0 ** (1 - decimals):  # format_number's fixed range
            return _localized(fixed)
    return format_number(value, decimals)


def format_unit_bounded(value: float, decimals: int = 4) -> str:
    """A value in [−1, 1] (a gradient σ − y, a probability): ±1 only if it is.

    σ(10) − 0 = 0.99995 written ``1.0000`` says the gradient reached its
    bound, which it never does: here it is ``0.99995``, as
    :func:`format_probability` writes a probability.
    """
    if 0.0 < abs(value) < 1.0:
        text = format_probability(abs(value), decimals)
        return text if value > 0 else f"{MINUS}{text}"
    return format_number(value, decimals)


def format_compact(value: float, decimals: int = 4) -> str:
    """A number inside a formula: :func:`format_number` without trailing zeros.

    ``0.4·log₂ 0.4`` reads better than ``0.4000·log₂ 0.4000``; the same rules
    apply otherwise (``1×10⁻⁵``, ``0`` only for zero), and a probability just
    below 1 keeps the decimals that say so (see :func:`format_probability`).
    """
    text = format_probability(value, decimals) if 0 < value < 1 else None
    if text is None or "×10" in text or text.startswith("1 "):
        text = format_number(value, decimals)
    if "×10" in text:
        mantissa, power = text.split("×10")
        return f"{_stripped(mantissa)}×10{power}"
    return _stripped(text)


def _stripped(text: str) -> str:
    point = symbols().decimal
    return text.rstrip("0").rstrip(point) if point in text else text


def format_count(count: int) -> str:
    """A count of things (steps, samples, tokens): ``150,000``, grouped.

    Examples
    --------
    >>> format_count(150000), format_count(7), format_count(-1200)
    ('150,000', '7', '−1,200')
    """
    return _localized(f"{int(count):,}")


def format_fixed(value: float, decimals: int) -> str:
    """``value`` with exactly ``decimals`` decimals and grouped thousands.

    For numbers that are never tiny or huge by construction (a ratio ``2.50``,
    ``1,234``): no switch to scientific notation. Non-finite values as in
    :func:`format_number`.
    """
    if not math.isfinite(value):
        return format_number(value)
    return _localized(f"{value:,.{decimals}f}")


#: The units' names in English (``Scenario.units``); :func:`unit_name` translates.
UNIT_NAMES = {
    "bits": i18n.QT_TRANSLATE_NOOP("Units", "bits"),
    "nats": i18n.QT_TRANSLATE_NOOP("Units", "nats"),
}


def unit_name(units: str) -> str:
    """``"bits"`` or ``"nats"`` in the language in use (比特, 奈特)."""
    source = UNIT_NAMES.get(units, units)
    return i18n.translate("Units", source)  # i18n: variable (UNIT_NAMES)


def format_with_unit(value: float, units: str, decimals: int = 4) -> str:
    """``0.1187 bits`` (``0.1187 比特``); an infinity or NaN carries no unit."""
    if not math.isfinite(value):
        return format_number(value, decimals)
    return f"{format_number(value, decimals)} {unit_name(units)}"


def format_percent(fraction: float, decimals: int = 0) -> str:
    """``fraction`` as a percentage: 0.9 → ``90%``."""
    return format_fixed(fraction * 100.0, decimals) + "%"


def parse_shown(text: str) -> float:
    """The number a :func:`format_number` text stands for (tests and tools).

    Raises
    ------
    ValueError
        If ``text`` is not such a rendering.
    """
    cleaned = text.strip().replace(MINUS, "-")
    chosen = symbols()
    if chosen != NumberSymbols():
        cleaned = cleaned.replace(chosen.group, "").replace(chosen.decimal, ".")
    if cleaned in ("∞", "-∞"):
        return math.inf if cleaned == "∞" else -math.inf
    if "×10" in cleaned:
        mantissa, power = cleaned.split("×10")
        digits = power.translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789"))
        return float(f"{mantissa}e{int(digits)}")
    return float(cleaned)
