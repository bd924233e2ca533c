"""Plain-text exports of the results: the per-outcome table and the readouts."""

from __future__ import annotations

import csv
import io
import math

from core.metrics import READOUTS, reason_text
from core.numbers import format_number, format_probability
from core.scenario import Results

#: Readout titles: the window, the clipboard and the command line use these.
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

    An infinite value is written as ∞ with its reason.
    """
    lines = []
    for key in READOUTS:
        value = getattr(results, key)
        if math.isinf(value):
            lines.append(f"{TITLES[key]} = ∞ ({reason_text(results, key)})")
        else:
            lines.append(f"{TITLES[key]} = {format_number(value)} {results.units}")
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
        return f"∞ ({why})" if math.isinf(value) else f"{format_number(value)} {units}"

    p, q = format_probability(results.p[index]), format_probability(results.q[index])
    lines = [
        f"outcome {index}",
        f"p = {p}    q = {q}",
        f"−log p = {shown(results.information_p[index], 'p = 0')}",
        f"−log q = {shown(results.information_q[index], 'q = 0')}",
        f"p·log(p/q) = {shown(results.kl_terms_pq[index], 'q = 0 where p > 0')}",
        f"q·log(q/p) = {shown(results.kl_terms_qp[index], 'p = 0 where q > 0')}",
    ]
    return "\n".join(lines)
