"""Plain-text exports of the results: the per-outcome table and the readouts."""

from __future__ import annotations

import csv
import io
import math

from core.i18n import translate
from core.metrics import READOUTS, reason_text
from core.numbers import format_probability, format_with_unit
from core.scenario import Results

#: Readout titles: the window, the clipboard and the command line use these
#: (symbols, the same in every language, but "Loss": see :func:`readout_title`).
TITLES = {
    "entropy_p": "H(P)",
    "entropy_q": "H(Q)",
    "cross_entropy_pq": "H(P,Q)",
    "cross_entropy_qp": "H(Q,P)",
    "kl_pq": "D(P‖Q)",
    "kl_qp": "D(Q‖P)",
    "js": "JS(P,Q)",
    "loss": "Loss",
}


def readout_title(key: str) -> str:
    """The title of readout ``key`` in the language in use ("Loss": "损失")."""
    if key == "loss":
        return translate("Readouts", "Loss")
    return TITLES[key]


#: CSV header (with the unit filled in) and the Results field of each column.
_COLUMNS = (
    ("p", "p"),
    ("q", "q"),
    ("information_p_{units}", "information_p"),
    ("information_q_{units}", "information_q"),
    ("kl_term_pq_{units}", "kl_terms_pq"),
    ("kl_term_qp_{units}", "kl_terms_qp"),
    ("softmax", "softmax"),
    ("target", "target"),
    ("gradient_nats", "grad"),
)


def _cell(value: float) -> str:
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return repr(float(value))


def outcome_table_csv(results: Results) -> str:
    """The per-outcome table as CSV text, one row per outcome.

    Columns: outcome (from 0), p, q, information −log p and −log q and both
    KL terms (in the results' units), softmax, target and the gradient of the
    loss in nats. Numbers are written with full precision (``repr``);
    infinities as ``inf``.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    headers = [header.format(units=results.units) for header, _ in _COLUMNS]
    writer.writerow(["outcome", *headers])
    columns = [getattr(results, field) for _, field in _COLUMNS]
    for index in range(results.p.size):
        writer.writerow([str(index), *(_cell(column[index]) for column in columns)])
    return buffer.getvalue()


def readouts_text(results: Results) -> str:
    """Every readout on its own line, e.g. ``D(P‖Q) = 0.1187 bits``.

    An infinite value is written as ∞ with its reason. The words (the unit,
    "Loss", the reason) are in the language in use.
    """
    lines = []
    for key in READOUTS:
        value = getattr(results, key)
        title = readout_title(key)
        if math.isinf(value):
            lines.append(f"{title} = ∞ ({reason_text(results, key)})")
        else:
            lines.append(f"{title} = {format_with_unit(value, results.units)}")
    return "\n".join(lines) + "\n"


def outcome_summary(results: Results, index: int) -> str:
    """What a pointer over outcome ``index`` should tell: p, q, −log p, both KL terms.

    Raises
    ------
    ValueError
        If ``index`` is not an outcome.
    """
    k = results.p.size
    if not 0 <= index < k:
        raise ValueError(f"index {index} is out of range [0, {k})")
    units = results.units

    def shown(value: float, why: str) -> str:
        # An infinite value says why, and carries no unit.
        return f"∞ ({why})" if math.isinf(value) else format_with_unit(value, units)

    p, q = format_probability(results.p[index]), format_probability(results.q[index])
    where_q = translate("Hover", "q = 0 where p > 0")
    where_p = translate("Hover", "p = 0 where q > 0")
    lines = [
        translate("Hover", "outcome {index}").format(index=index),
        f"p = {p}    q = {q}",
        f"−log p = {shown(results.information_p[index], 'p = 0')}",
        f"−log q = {shown(results.information_q[index], 'q = 0')}",
        f"p·log(p/q) = {shown(results.kl_terms_pq[index], where_q)}",
        f"q·log(q/p) = {shown(results.kl_terms_qp[index], where_p)}",
    ]
    return "\n".join(lines)
