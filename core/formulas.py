"""Each readout's formula, written out and with the current numbers put in.

:func:`formulas` formats what :func:`~core.scenario.evaluate` computed; it
computes nothing new (beyond M = (P + Q)/2 for the terms of JS that it
shows). The HTML is the small subset that Qt's rich text renders: ``<i>``,
``<sub>``, ``<sup>``, ``&minus;``, ``&hellip;``, ``&gt;`` and plain Unicode
(·, ‖, Σ, ½, ∞); no LaTeX.

Numbers are formatted one way throughout:

* probabilities, logits, T and ε: up to 3 decimals, trailing zeros dropped
  (0.7, 0.659, 2, 0.1); below 0.01, 3 significant digits (0.00723); below
  1e-4, a power of ten (3.35·10⁻⁴); just below 1, enough decimals not to
  read as 1 (0.9997);
* results: 3 decimals kept (0.881 bits, 1.000 bits), with the same rule
  for small values; ∞ with its cause.

Outcomes are numbered from 0, as the sliders p0, p1, … are. With more than
:data:`MAX_TERMS_SHOWN` outcomes a sum shows its first three terms, "…" and
the last. A term whose weight is 0 is shown as 0 (0·log 0 = 0).
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from core._checks import FloatArray
from core.numbers import MINUS, format_compact, format_number
from core.scenario import Results, Scenario

#: Up to this many outcomes every term of a sum is shown.
MAX_TERMS_SHOWN = 6

_MINUS = "&minus;"
_SUB = str.maketrans(
    "0123456789+-−=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"
)
_SUP = str.maketrans("0123456789+-−=()in", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁱⁿ")


@dataclass(frozen=True)
class Formula:
    """One readout's formula.

    Attributes
    ----------
    name : str
        The readout's plain-text label, e.g. ``"D(P‖Q)"``.
    symbolic_html : str
        The formula, e.g. ``<i>H</i>(<i>P</i>) = &minus;Σ…``.
    numeric_html : str
        The same with the current numbers, ending in ``= value units`` or
        ``= ∞ (cause)``.
    plain_text : str
        Both in one line of plain Unicode (subscript digits, −, …), for a
        tooltip, the clipboard or a screen reader.
    """

    name: str
    symbolic_html: str
    numeric_html: str
    plain_text: str


# --- numbers ----------------------------------------------------------------


def _number(value: float) -> str:
    """A number inside a formula (:func:`core.numbers.format_compact`), in HTML."""
    if math.isnan(value):
        return "undefined"
    return format_compact(value).replace(MINUS, _MINUS)


def _value(value: float) -> str:
    """A formula's result, exactly as its readout shows it."""
    return format_number(value).replace(MINUS, _MINUS)


def _factor(value: float) -> str:
    """A number inside a product or ratio: a power of ten gets parentheses."""
    text = _number(value)
    return f"({text})" if "×10" in text else text


def _log_of(log: str, value: float) -> str:
    """Log of a number: "log₂ 0.7", "ln 0", "log₂(2·10⁻⁵)" for a power of ten."""
    text = _factor(value)
    return f"{log}{text}" if text.startswith("(") else f"{log} {text}"


# --- pieces -----------------------------------------------------------------


def _shown(k: int) -> list[int | None]:
    """The indices a sum shows; None stands for "…"."""
    if k <= MAX_TERMS_SHOWN:
        return list(range(k))
    return [0, 1, 2, None, k - 1]


def _sum(k: int, term: Callable[[int], str]) -> str:
    return " + ".join("&hellip;" if i is None else term(i) for i in _shown(k))


def _vector(values: FloatArray) -> str:
    return (
        "["
        + ", ".join(
            "&hellip;" if i is None else _number(float(values[i]))
            for i in _shown(values.size)
        )
        + "]"
    )


def _v(letter: str, index: str | int = "<i>i</i>") -> str:
    return f"<i>{letter}</i><sub>{index}</sub>"


def _log(units: str) -> str:
    return "log<sub>2</sub>" if units == "bits" else "ln"


def _more(indices: tuple[int, ...]) -> str:
    extra = len(indices) - 1
    if extra <= 0:
        return ""
    return f", and at {extra} more outcome{'s' if extra > 1 else ''}"


def _infinite(zero: str, positive: str, indices: tuple[int, ...]) -> str:
    i = indices[0]
    cause = f"{_v(zero, i)} = 0 where {_v(positive, i)} &gt; 0{_more(indices)}"
    return f"∞ ({cause})"


def _result(
    value: float, units: str, zero: str, positive: str, at: tuple[int, ...]
) -> str:
    if math.isinf(value) and at:
        return _infinite(zero, positive, at)
    return f"{_value(value)} {units}" if math.isfinite(value) else _value(value)


def _plain_script(text: str, table: dict[int, int], mark: str) -> str:
    text = html.unescape(re.sub(r"</?i>", "", text))
    if all(ord(c) in table for c in text):
        return text.translate(table)
    return f"{mark}{text}" if len(text) == 1 else f"{mark}({text})"


def plain(html_text: str) -> str:
    """Qt rich text of this module as plain Unicode: log₂, pᵢ, 10⁻⁵, −, ….

    Parameters
    ----------
    html_text : str

    Returns
    -------
    str
        Tags removed; a subscript or superscript that Unicode can write
        becomes those characters, any other one ``_y`` or ``^(…)``; entities
        decoded.
    """
    text = re.sub(
        r"<sub>(.*?)</sub>",
        lambda m: _plain_script(m.group(1), _SUB, "_"),
        html_text,
    )
    text = re.sub(
        r"<sup>(.*?)</sup>",
        lambda m: _plain_script(m.group(1), _SUP, "^"),
        text,
    )
    return html.unescape(re.sub(r"<[^>]+>", "", text))


@dataclass(frozen=True)
class _Parts:
    lhs: str
    symbolic: str
    numeric: str
    #: Trailing clauses as (symbolic, numeric); symbolic None: numeric only.
    notes: tuple[tuple[str | None, str], ...] = ()


def _formula(name: str, parts: _Parts) -> Formula:
    symbolic = f"{parts.lhs} = {parts.symbolic}"
    numeric = f"{parts.lhs} = {parts.numeric}"
    both = f"{parts.lhs} = {parts.symbolic} = {parts.numeric}"
    if parts.notes:
        shown = [s for s, _ in parts.notes if s is not None]
        if shown:
            symbolic += ", where " + ", ".join(shown)
        numeric += ", where " + ", ".join(n for _, n in parts.notes)
        both += ", where " + ", ".join(n for _, n in parts.notes)
    return Formula(name, symbolic, numeric, plain(both))


def _zero_note(weights: FloatArray, letter: str) -> tuple[tuple[str | None, str], ...]:
    if not (weights == 0).any():
        return ()
    note = f"a term with {_v(letter)} = 0 is 0 (0·log 0 = 0)"
    return ((note, note),)


# --- the readouts -----------------------------------------------------------


def _entropy(a: FloatArray, letter: str, name: str, value: float, units: str) -> _Parts:
    log = _log(units)

    def term(i: int) -> str:
        p = float(a[i])
        return "0" if p == 0 else f"{_factor(p)}·{_log_of(log, p)}"

    return _Parts(
        lhs=f"<i>H</i>(<i>{name}</i>)",
        symbolic=f"{_MINUS}Σ<sub><i>i</i></sub> {_v(letter)} {log} {_v(letter)}",
        numeric=f"{_MINUS}({_sum(a.size, term)}) = {_value(value)} {units}",
        notes=_zero_note(a, letter),
    )


def _cross(
    a: FloatArray,
    b: FloatArray,
    names: tuple[str, str],
    value: float,
    at: tuple[int, ...],
    units: str,
) -> _Parts:
    (na, nb), (la, lb) = names, (names[0].lower(), names[1].lower())
    log = _log(units)

    def term(i: int) -> str:
        p, q = float(a[i]), float(b[i])
        return "0" if p == 0 else f"{_factor(p)}·{_log_of(log, q)}"

    result = _result(value, units, lb, la, at)
    return _Parts(
        lhs=f"<i>H</i>(<i>{na}</i>, <i>{nb}</i>)",
        symbolic=f"{_MINUS}Σ<sub><i>i</i></sub> {_v(la)} {log} {_v(lb)}",
        numeric=f"{_MINUS}({_sum(a.size, term)}) = {result}",
        notes=_zero_note(a, la),
    )


def _kl(
    a: FloatArray,
    b: FloatArray,
    names: tuple[str, str],
    value: float,
    at: tuple[int, ...],
    units: str,
) -> _Parts:
    (na, nb), (la, lb) = names, (names[0].lower(), names[1].lower())
    log = _log(units)

    def term(i: int) -> str:
        p, q = float(a[i]), float(b[i])
        return "0" if p == 0 else f"{_factor(p)}·{log}({_factor(p)}/{_factor(q)})"

    result = _result(value, units, lb, la, at)
    return _Parts(
        lhs=f"<i>D</i>(<i>{na}</i>‖<i>{nb}</i>)",
        symbolic=f"Σ<sub><i>i</i></sub> {_v(la)} {log}({_v(la)}/{_v(lb)})",
        numeric=f"{_sum(a.size, term)} = {result}",
        notes=_zero_note(a, la),
    )


def _js(r: Results) -> _Parts:
    log = _log(r.units)

    def half(a: FloatArray, b: FloatArray) -> str:
        def term(i: int) -> str:
            x, m = float(a[i]), 0.5 * (float(a[i]) + float(b[i]))
            ratio = f"{_factor(x)}/{_factor(m)}"
            return "0" if x == 0 else f"{_factor(x)}·{log}({ratio})"

        return f"½({_sum(a.size, term)})"

    m_note = "<i>M</i> = ½(<i>P</i> + <i>Q</i>)"
    return _Parts(
        lhs="<i>JS</i>(<i>P</i>, <i>Q</i>)",
        symbolic="½<i>D</i>(<i>P</i>‖<i>M</i>) + ½<i>D</i>(<i>Q</i>‖<i>M</i>)",
        numeric=f"{half(r.p, r.q)} + {half(r.q, r.p)} = {_value(r.js)} {r.units}",
        notes=((m_note, m_note),),
    )


def _scaled_logit(z: float, t: float) -> str:
    """The numerator z or z/T: "2", "&minus;1/0.5"."""
    return _number(z) if t == 1 else f"{_number(z)}/{_number(t)}"


def _loss_from_logits(s: Scenario, r: Results) -> _Parts:
    """Class label, no smoothing: L = −z_y/T + ln Σ exp(z_j/T) = −log s_y."""
    t, y, log = float(s.temperature), int(s.label), _log(r.units)
    over_t = "" if t == 1 else "/<i>T</i>"
    s_y = float(r.softmax[y])
    tail = f" = {_MINUS}{_log_of(log, s_y)}" if s_y > 0 else ""
    # The target here is the one-hot y (no t is defined in this formula).
    result = _result(r.loss, r.units, "s", "y", r.loss_infinite_at)
    softmax_note = f"<i>s</i> = softmax(<i>z</i>{over_t})"
    if s.logits_follow_q:
        weights = "<i>z</i> = ln(<i>Q</i>'s weights)"
        return _Parts(
            lhs="<i>L</i>",
            symbolic=f"{_MINUS}{log} {_v('s', '<i>y</i>')}",
            numeric=f"{_MINUS}{_log_of(log, s_y)} = {result}",
            notes=((softmax_note, softmax_note), (weights, weights)),
        )
    z = s.logits
    z_y = _number(float(z[y]))
    own = f"({z_y})" if float(z[y]) < 0 else z_y
    own = own if t == 1 else f"{own}/{_number(t)}"
    sum_terms = _sum(z.size, lambda j: f"exp({_scaled_logit(float(z[j]), t)})")
    inner = f"{_MINUS}{own} + ln({sum_terms})"
    symbolic = (
        f"{_MINUS}{_v('z', '<i>y</i>')}{over_t} + "
        f"ln Σ<sub><i>j</i></sub> exp({_v('z', '<i>j</i>')}{over_t})"
    )
    if r.units == "bits":
        symbolic, inner = f"({symbolic})/ln 2", f"({inner})/ln 2"
    return _Parts(
        lhs="<i>L</i>",
        symbolic=f"{symbolic} = {_MINUS}{log} {_v('s', '<i>y</i>')}",
        numeric=f"{inner}{tail} = {result}",
        notes=((softmax_note, softmax_note), (None, f"<i>y</i> = {y}")),
    )


def _loss_from_target(s: Scenario, r: Results) -> _Parts:
    """Linked or smoothed: L = −Σ t_j log s_j with the (smoothed) target t."""
    t, eps, k, log = (
        float(s.temperature),
        float(s.label_smoothing),
        r.p.size,
        _log(r.units),
    )
    over_t = "" if t == 1 else "/<i>T</i>"
    letter = "q" if s.linked else "s"
    target, probs = r.target, r.softmax
    underflow = [
        i for i in range(k) if target[i] > 0 and probs[i] == 0 and math.isfinite(r.loss)
    ]

    def term(i: int) -> str:
        y, q = float(target[i]), float(probs[i])
        return "0" if y == 0 else f"{_factor(y)}·{_log_of(log, q)}"

    result = _result(r.loss, r.units, letter, "t", r.loss_infinite_at)
    if underflow:
        numeric = (
            f"{result} ({_v(letter, underflow[0])} underflows to 0; "
            "the loss comes from log-softmax)"
        )
    else:
        numeric = f"{_MINUS}({_sum(k, term)}) = {result}"
    model = (
        f"<i>Q</i> = softmax(<i>z</i>{over_t})"
        if s.linked
        else f"<i>s</i> = softmax(<i>z</i>{over_t})"
    )
    notes: list[tuple[str | None, str]] = [(model, model)]
    if s.linked and eps == 0:
        return _Parts(
            lhs="<i>L</i> = <i>H</i>(<i>P</i>, <i>Q</i>)",
            symbolic=f"{_MINUS}Σ<sub><i>j</i></sub> {_v('p', '<i>j</i>')} {log} "
            f"{_v('q', '<i>j</i>')}",
            numeric=numeric,
            notes=tuple(notes),
        )
    base = "<i>P</i>" if s.linked else "onehot(<i>y</i>)"
    base_value = "<i>P</i>" if s.linked else f"onehot({int(s.label)})"
    notes.append(
        (
            f"<i>t</i> = (1 {_MINUS} ε)·{base} + ε/<i>K</i>",
            f"<i>t</i> = (1 {_MINUS} {_number(eps)})·{base_value} + "
            f"{_number(eps)}/{k} = {_vector(target)}",
        )
    )
    return _Parts(
        lhs="<i>L</i>",
        symbolic=f"{_MINUS}Σ<sub><i>j</i></sub> {_v('t', '<i>j</i>')} {log} "
        f"{_v(letter, '<i>j</i>')}",
        numeric=numeric,
        notes=tuple(notes),
    )


def formulas(scenario: Scenario, results: Results) -> dict[str, Formula]:
    """Every readout's formula, symbolic and with the current numbers.

    Parameters
    ----------
    scenario : Scenario
        Gives the logits, label, temperature, ε and mode.
    results : Results
        ``evaluate(scenario)``: every number shown is taken from here.

    Returns
    -------
    dict of str to Formula
        Keys ``entropy_p``, ``entropy_q``, ``cross_entropy_pq``,
        ``cross_entropy_qp``, ``kl_pq``, ``kl_qp``, ``js``, ``loss`` (the
        order of :data:`core.metrics.READOUTS`). Logarithms are log₂ in bits
        and ln in nats. An infinite value reads "= ∞ (q₂ = 0 where p₂ > 0)"
        (and ", and at N more outcomes" when several cause it). The loss is
        −z_y/T + ln Σ exp(z_j/T) (divided by ln 2 in bits) for a class
        label; −Σ t_j log s_j with the smoothed target t when ε > 0; and
        H(P, Q) with Q = softmax(z/T) when linked. Never "nan".

    Raises
    ------
    ValueError
        Never for a scenario that evaluates; the inputs are not re-checked.

    Examples
    --------
    >>> from core.scenario import Scenario, evaluate
    >>> s = Scenario([0.7, 0.3], [0.5, 0.5], [0.0, 0.0])
    >>> formulas(s, evaluate(s))["entropy_p"].plain_text
    'H(P) = −Σᵢ pᵢ log₂ pᵢ = −(0.7·log₂ 0.7 + 0.3·log₂ 0.3) = 0.881 bits'
    """
    r, u = results, results.units
    pq, qp = ("P", "Q"), ("Q", "P")
    by_target = scenario.linked or float(scenario.label_smoothing) > 0
    loss = _loss_from_target if by_target else _loss_from_logits
    parts = {
        "entropy_p": ("H(P)", _entropy(r.p, "p", "P", r.entropy_p, u)),
        "entropy_q": ("H(Q)", _entropy(r.q, "q", "Q", r.entropy_q, u)),
        "cross_entropy_pq": (
            "H(P, Q)",
            _cross(r.p, r.q, pq, r.cross_entropy_pq, r.kl_pq_infinite_at, u),
        ),
        "cross_entropy_qp": (
            "H(Q, P)",
            _cross(r.q, r.p, qp, r.cross_entropy_qp, r.kl_qp_infinite_at, u),
        ),
        "kl_pq": ("D(P‖Q)", _kl(r.p, r.q, pq, r.kl_pq, r.kl_pq_infinite_at, u)),
        "kl_qp": ("D(Q‖P)", _kl(r.q, r.p, qp, r.kl_qp, r.kl_qp_infinite_at, u)),
        "js": ("JS(P, Q)", _js(r)),
        "loss": ("L", loss(scenario, r)),
    }
    return {key: _formula(name, part) for key, (name, part) in parts.items()}
