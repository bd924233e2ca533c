"""The Sampling and Code-length labs' states as JSON data, and back, checked strictly.

A lab's session keeps its settings and where its run is, not a list of
draws: the draws are a function of the seed and their position
(:mod:`core.sampling`), so a run read back continues with exactly the draws
it would have made, and nothing is drawn again to load it. What the run has
accumulated is kept as the sampling state holds it: the counts of each
outcome, the running means and Σ(x − mean)² (Welford's M2), the recent
draws and the history at the checkpoints (whose draw counts follow from the
number of draws). Every field is checked: the counts against the number of
draws and the outcomes P and Q can give, the means and M2 against those the
counts imply (to 1e-9 relative, and 1e-6 for M2), the recent draws against
the counts. A value that is +∞ (a mean once an outcome with q = 0 was
drawn) is written as the string ``"inf"``: JSON has no infinity.

A sampling lab is::

    {"p": [0.7, 0.3], "q": [0.5, 0.5], "seed": 0, "units": "bits",
     "rate": 100, "run": {RUN}}

and a code-length lab::

    {"p": […], "q": […], "seed": 0, "rate": 100, "tree": "huffman_q",
     "run": {RUN}, "lengths": {"history_means": [[…] × 4],
                               "history_errors": [[…] × 4]}}

with ``RUN`` = ``{"count", "counts_p", "counts_q", "means",
"squared_deviations", "recent_p", "recent_q", "history_means",
"history_errors"}``.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from core._checks import FloatArray
from core.code_lab import (
    CODE_NAMES,
    CodeLabState,
    CodeRun,
    check_code_name,
    start_code_lab,
)
from core.json_values import (
    check_keys,
    choice,
    fail,
    integer,
    join,
    json_list,
    json_object,
    number,
    shown,
)
from core.ranges import LAB_DEFAULT_RATE, LAB_DRAWS, LAB_K, LAB_RATES
from core.sampling import QUANTITIES, RECENT_LIMIT, SamplingState
from core.sampling_lab import (
    LAB_UNITS,
    SamplingLabState,
    lab_seed,
    start_sampling_lab,
)

SAMPLING_LAB_KEYS = ("p", "q", "seed", "units", "rate", "run")
CODE_LAB_KEYS = ("p", "q", "seed", "rate", "tree", "run", "lengths")
RUN_KEYS = (
    "count",
    "counts_p",
    "counts_q",
    "means",
    "squared_deviations",
    "recent_p",
    "recent_q",
    "history_means",
    "history_errors",
)
LENGTHS_KEYS = ("history_means", "history_errors")

#: How far a saved mean may lie from the one its counts imply (relative to
#: the mean of |value|), and a saved M2 from its counts' M2: a run's moments
#: are updated batch by batch and agree with the counts to rounding.
MEAN_TOLERANCE = 1e-9
M2_TOLERANCE = 1e-6


def lab_checkpoints(count: int) -> list[int]:
    """The draw counts at which a run of ``count`` draws recorded its history.

    1, 2, …, 11, then each about 9% beyond the last (``c + max(1, c // 11)``),
    up to ``count``: the rule of :mod:`core.sampling`.
    """
    found, checkpoint = [], 1
    while checkpoint <= count:
        found.append(checkpoint)
        checkpoint += max(1, checkpoint // 11)
    return found


# --- writing ------------------------------------------------------------------


def _extended(value: float) -> float | str:
    return "inf" if math.isinf(value) else float(value)


def _extended_list(values: Any) -> list[float | str]:
    return [_extended(v) for v in np.asarray(values, dtype=np.float64).tolist()]


def _rows(values: Any) -> list[list[float | str]]:
    return [_extended_list(row) for row in np.asarray(values)]


def run_to_dict(run: SamplingState) -> dict[str, Any]:
    """A sampling run's accumulated values as JSON data (see the module docstring)."""
    return {
        "count": int(run.count),
        "counts_p": [int(c) for c in run.counts_p],
        "counts_q": [int(c) for c in run.counts_q],
        "means": _extended_list(run.means),
        "squared_deviations": _extended_list(run.squared_deviations),
        "recent_p": [int(x) for x in run.recent_p],
        "recent_q": [int(x) for x in run.recent_q],
        "history_means": _rows(run.history_means),
        "history_errors": _rows(run.history_errors),
    }


def sampling_lab_to_dict(state: SamplingLabState) -> dict[str, Any]:
    """The Sampling lab as JSON data: P, Q, seed, units, rate and the run."""
    return {
        "p": list(state.p),
        "q": list(state.q),
        "seed": state.seed,
        "units": state.units,
        "rate": state.rate,
        "run": run_to_dict(state.run),
    }


def code_lab_to_dict(state: CodeLabState) -> dict[str, Any]:
    """The Code-length lab as JSON data: P, Q, seed, rate, tree, run, lengths."""
    return {
        "p": list(state.p),
        "q": list(state.q),
        "seed": state.seed,
        "rate": state.rate,
        "tree": state.tree,
        "run": run_to_dict(state.run.sampling),
        "lengths": {
            "history_means": _rows(state.run.history_means),
            "history_errors": _rows(state.run.history_errors),
        },
    }


# --- reading --------------------------------------------------------------------


def _extended_number(value: Any, field: str, low: float = 0.0) -> float:
    """A finite number ≥ ``low``, or the string "inf" for +∞."""
    if value == "inf" and isinstance(value, str):
        return math.inf
    if isinstance(value, str):
        raise fail(field, f'must be a number or "inf", got {shown(value)}')
    checked = number(value, field)
    if checked < low:
        raise fail(field, f"must be at least {low:g}, got {checked:g}")
    return checked


def _probabilities(value: Any, field: str) -> list[float]:
    items = json_list(value, field, LAB_K.low, LAB_K.high)
    values = [number(item, f"{field}[{i}]") for i, item in enumerate(items)]
    for i, v in enumerate(values):
        if v < 0:
            raise fail(f"{field}[{i}]", f"is negative ({v:g})")
    return values


def _counts(value: Any, field: str, k: int, count: int, possible: Any) -> Any:
    items = json_list(value, field, k, k)
    counts = []
    for i, item in enumerate(items):
        c = integer(item, f"{field}[{i}]")
        if not 0 <= c <= count:
            raise fail(f"{field}[{i}]", f"must lie in [0, {count}], got {shown(c)}")
        if c and not possible[i]:
            raise fail(f"{field}[{i}]", f"is {c}, but outcome {i} has probability 0")
        counts.append(c)
    if sum(counts) != count:
        raise fail(field, f"must add up to the count {count}, got {sum(counts)}")
    return np.array(counts, dtype=np.int64)


def _recent(value: Any, field: str, count: int, counts: Any) -> Any:
    size = min(count, RECENT_LIMIT)
    items = json_list(value, field, size, size)
    k = counts.size
    outcomes = []
    for i, item in enumerate(items):
        x = integer(item, f"{field}[{i}]")
        if not 0 <= x < k:
            raise fail(f"{field}[{i}]", f"must lie in [0, {k - 1}], got {shown(x)}")
        outcomes.append(x)
    recent = np.array(outcomes, dtype=np.int64)
    seen = np.bincount(recent, minlength=k)
    too_many = np.flatnonzero(seen > counts)
    if too_many.size:
        i = int(too_many[0])
        raise fail(
            field,
            f"holds outcome {i} {int(seen[i])} times, more than its count {counts[i]}",
        )
    return recent


def _vector(value: Any, field: str, size: int, low: float = -math.inf) -> FloatArray:
    items = json_list(value, field, size, size)
    return np.array(
        [_extended_number(item, f"{field}[{i}]", low) for i, item in enumerate(items)]
    )


def _matrix(value: Any, field: str, rows: int, columns: int, low: float) -> FloatArray:
    items = json_list(value, field, rows, rows)
    return np.array(
        [_vector(row, f"{field}[{r}]", columns, low) for r, row in enumerate(items)]
    ).reshape(rows, columns)


def _check_moments(
    field: str,
    start: SamplingState,
    count: int,
    counts: tuple[Any, Any],
    means: FloatArray,
    squared_deviations: FloatArray,
) -> None:
    """Means and M2 as the counts imply them (infinite exactly where they are)."""
    values = start.tables.values
    for row, name in enumerate(QUANTITIES):
        at_mean = f"{join(field, 'means')}[{row}]"
        at_m2 = f"{join(field, 'squared_deviations')}[{row}]"
        c = counts[0] if row < 3 else counts[1]
        used = c > 0
        row_values = values[row][used]
        weights = c[used].astype(np.float64)
        if count == 0:
            if means[row] != 0 or squared_deviations[row] != 0:
                raise fail(at_mean, "must be 0 before the first draw")
            continue
        infinite = bool(np.isinf(row_values).any())
        if infinite != math.isinf(means[row]):
            why = "is infinite" if infinite else "is finite"
            raise fail(at_mean, f'must be "inf" exactly when {name} {why}')
        if infinite != math.isinf(squared_deviations[row]):
            raise fail(at_m2, 'must be "inf" exactly with its mean')
        if infinite:
            continue
        implied = math.fsum(weights * row_values) / count
        scale = math.fsum(weights * np.abs(row_values)) / count
        if abs(means[row] - implied) > MEAN_TOLERANCE * (1.0 + scale):
            saved = float(means[row])
            raise fail(at_mean, f"is {saved!r}, but the counts give {implied!r}")
        deviations = row_values - implied
        m2 = math.fsum(weights * deviations * deviations)
        spread = count * (1.0 + float(np.max(row_values * row_values)))
        if abs(squared_deviations[row] - m2) > M2_TOLERANCE * m2 + 1e-9 * spread:
            saved = float(squared_deviations[row])
            raise fail(at_m2, f"is {saved!r}, but the counts give {m2!r}")


def run_from_dict(data: Any, where: str, start: SamplingState) -> SamplingState:
    """The run written by :func:`run_to_dict`, continuing ``start`` (same P, Q, seed).

    Raises
    ------
    SessionError
        Naming the field, for anything the run could not have reached.
    """
    data = json_object(data, where)
    check_keys(data, where, RUN_KEYS)
    count = integer(data["count"], join(where, "count"))
    if not LAB_DRAWS.low <= count <= LAB_DRAWS.high:
        raise fail(
            join(where, "count"),
            f"must lie in [{LAB_DRAWS.low}, {LAB_DRAWS.high}], got {shown(count)}",
        )
    k = start.p.size
    counts_p = _counts(data["counts_p"], join(where, "counts_p"), k, count, start.p > 0)
    counts_q = _counts(data["counts_q"], join(where, "counts_q"), k, count, start.q > 0)
    rows = len(QUANTITIES)
    means = _vector(data["means"], join(where, "means"), rows)
    m2 = _vector(data["squared_deviations"], join(where, "squared_deviations"), rows, 0)
    _check_moments(where, start, count, (counts_p, counts_q), means, m2)
    recent_p = _recent(data["recent_p"], join(where, "recent_p"), count, counts_p)
    recent_q = _recent(data["recent_q"], join(where, "recent_q"), count, counts_q)
    checkpoints = lab_checkpoints(count)
    m = len(checkpoints)
    history_means = _matrix(
        data["history_means"], join(where, "history_means"), rows, m, -math.inf
    )
    history_errors = _matrix(
        data["history_errors"], join(where, "history_errors"), rows, m, 0.0
    )
    following = checkpoints[-1] + max(1, checkpoints[-1] // 11) if checkpoints else 1
    return dataclasses.replace(
        start,
        count=count,
        counts_p=_readonly(counts_p, np.int64),
        counts_q=_readonly(counts_q, np.int64),
        means=_readonly(means),
        squared_deviations=_readonly(m2),
        recent_p=_readonly(recent_p, np.int64),
        recent_q=_readonly(recent_q, np.int64),
        checkpoints=_readonly(checkpoints, np.int64),
        history_means=_readonly(history_means.reshape(rows, m)),
        history_errors=_readonly(history_errors.reshape(rows, m)),
        next_checkpoint=following,
    )


def _readonly(values: Any, dtype: Any = np.float64) -> Any:
    array = np.array(values, dtype=dtype)
    array.setflags(write=False)
    return array


def _rate(value: Any, field: str) -> int:
    checked = integer(value, field)
    if checked not in LAB_RATES:
        allowed = ", ".join(str(r) for r in LAB_RATES)
        raise fail(field, f"must be one of {allowed}, got {shown(checked)}")
    return checked


def _seed(value: Any, field: str) -> int:
    checked = integer(value, field)
    try:
        return lab_seed(checked)
    except ValueError:
        problem = f"must lie in [0, 2147483647], got {shown(checked)}"
        raise fail(field, problem) from None


def _pair(data: Mapping[str, Any], where: str) -> tuple[list[float], list[float]]:
    p = _probabilities(data["p"], join(where, "p"))
    q = _probabilities(data["q"], join(where, "q"))
    if len(q) != len(p):
        raise fail(join(where, "q"), f"has {len(q)} entries but p has {len(p)}")
    return p, q


def sampling_lab_from_dict(data: Any, where: str = "sampling") -> SamplingLabState:
    """The Sampling lab written by :func:`sampling_lab_to_dict`.

    Raises
    ------
    SessionError
        Naming the field: unknown or missing keys, P or Q that are not
        distributions of 2 to 1,024 outcomes, a seed, units or rate the
        page does not offer, or a run it could not have reached.
    """
    data = json_object(data, where)
    check_keys(data, where, SAMPLING_LAB_KEYS)
    p, q = _pair(data, where)
    seed = _seed(data["seed"], join(where, "seed"))
    units = choice(data["units"], join(where, "units"), LAB_UNITS)
    rate = _rate(data["rate"], join(where, "rate"))
    try:
        state = start_sampling_lab(p, q, seed, units, rate)
    except ValueError as error:
        raise fail(where, f"cannot be sampled: {error}") from None
    run = run_from_dict(data["run"], join(where, "run"), state.run)
    return dataclasses.replace(state, run=run)


def _length_history(
    data: Any, where: str, run: CodeRun, m: int
) -> tuple[FloatArray, FloatArray]:
    data = json_object(data, where)
    check_keys(data, where, LENGTHS_KEYS)
    rows = len(CODE_NAMES)
    at_means, at_errors = join(where, "history_means"), join(where, "history_errors")
    means = _matrix(data["history_means"], at_means, rows, m, 0.0)
    errors = _matrix(data["history_errors"], at_errors, rows, m, 0.0)
    for row, code in enumerate(run.book.codes):
        finite = code.lengths[np.isfinite(code.lengths)]
        longest = float(finite.max()) if finite.size else 0.0
        beyond = np.flatnonzero(np.isfinite(means[row]) & (means[row] > longest))
        if beyond.size:
            at = f"{join(where, 'history_means')}[{row}][{int(beyond[0])}]"
            raise fail(at, f"is longer than the code's longest codeword ({longest:g})")
    return means.reshape(rows, m), errors.reshape(rows, m)


def code_lab_from_dict(data: Any, where: str = "codes") -> CodeLabState:
    """The Code-length lab written by :func:`code_lab_to_dict`.

    Raises
    ------
    SessionError
        Naming the field, as :func:`sampling_lab_from_dict`, and for a tree
        that names no code or a length history of the wrong shape or with
        averages no code of the run can have.
    """
    data = json_object(data, where)
    check_keys(data, where, CODE_LAB_KEYS)
    p, q = _pair(data, where)
    seed = _seed(data["seed"], join(where, "seed"))
    rate = _rate(data["rate"], join(where, "rate"))
    tree = choice(data["tree"], join(where, "tree"), CODE_NAMES)
    try:
        state = start_code_lab(p, q, seed, rate, check_code_name(tree))
    except ValueError as error:
        raise fail(where, f"cannot be coded: {error}") from None
    sampling = run_from_dict(data["run"], join(where, "run"), state.run.sampling)
    means, errors = _length_history(
        data["lengths"], join(where, "lengths"), state.run, sampling.checkpoints.size
    )
    run = dataclasses.replace(
        state.run,
        sampling=sampling,
        history_means=_readonly(means),
        history_errors=_readonly(errors),
    )
    return dataclasses.replace(state, run=run)


# --- settings (presets) -------------------------------------------------------------

SAMPLING_SETTINGS = ("seed", "units", "rate")
CODE_SETTINGS = ("seed", "rate", "tree")


def _explorer_pair(p: Any, q: Any, where: str) -> None:
    if not LAB_K.low <= len(p) <= LAB_K.high:
        raise fail(
            where,
            f"belongs to a lab that draws from at most {LAB_K.high:,} outcomes; "
            f"the scenario has {len(p):,}",
        )


def sampling_lab_settings(
    data: Mapping[str, Any], where: str, p: Any, q: Any, units: str
) -> SamplingLabState:
    """The Sampling lab a preset's settings describe, drawing from its P and Q.

    ``seed`` (default 0), ``units`` (default: the scenario's) and ``rate``
    (default :data:`core.ranges.LAB_DEFAULT_RATE`).
    """
    check_keys(data, where, (), SAMPLING_SETTINGS)
    _explorer_pair(p, q, where)
    seed = _seed(data.get("seed", 0), join(where, "seed"))
    chosen = choice(data.get("units", units), join(where, "units"), LAB_UNITS)
    rate = _rate(data.get("rate", LAB_DEFAULT_RATE), join(where, "rate"))
    return start_sampling_lab(p, q, seed, chosen, rate)


def code_lab_settings(
    data: Mapping[str, Any], where: str, p: Any, q: Any
) -> CodeLabState:
    """The Code-length lab of a preset's settings: ``seed``, ``rate``, ``tree``."""
    check_keys(data, where, (), CODE_SETTINGS)
    _explorer_pair(p, q, where)
    seed = _seed(data.get("seed", 0), join(where, "seed"))
    rate = _rate(data.get("rate", LAB_DEFAULT_RATE), join(where, "rate"))
    tree = choice(data.get("tree", "huffman_q"), join(where, "tree"), CODE_NAMES)
    return start_code_lab(p, q, seed, rate, tree)


__all__ = [
    "CODE_LAB_KEYS",
    "RUN_KEYS",
    "SAMPLING_LAB_KEYS",
    "code_lab_from_dict",
    "code_lab_settings",
    "code_lab_to_dict",
    "lab_checkpoints",
    "run_from_dict",
    "run_to_dict",
    "sampling_lab_from_dict",
    "sampling_lab_settings",
    "sampling_lab_to_dict",
]
