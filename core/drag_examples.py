"""A drag task's example, found by trying the controls it may move.

A drag task ("bring D(P‖Q) below 0.05 bits by moving only Q") is only fair
if some setting of those controls reaches its goal. A lesson file proves it
with an ``example``; a step written in the window has none, so its author
could ask for the impossible (H(P) above 3 bits with four outcomes) and
the student would drag in vain. :func:`find_example` tries settings of the
named fields across their controls' ranges, nearest to the start first,
and returns the nearest that reaches the goal: the step then carries it,
and "Show me" moves there.

Searched are the fields whose control has a range in :mod:`core.ranges`
(:data:`SEARCHED`); a field without one (a seed, a step count, a family)
makes the search give up, and the step keeps no example, as before.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from core.ranges import (
    LABEL_SMOOTHING,
    LOGIT,
    RACE_LEARNING_RATE,
    RACE_Z0,
    TEMPERATURE,
    WEIGHT,
    Range,
)

#: Each searched field, by page, with its control's range (per element for
#: a vector); ``label`` is searched over the classes.
SEARCHED: dict[tuple[str, str], Range | None] = {
    ("scenario", "p_weights"): WEIGHT,
    ("scenario", "q_weights"): WEIGHT,
    ("scenario", "logits"): LOGIT,
    ("scenario", "temperature"): TEMPERATURE,
    ("scenario", "label_smoothing"): LABEL_SMOOTHING,
    ("scenario", "label"): None,
    ("race", "z0"): RACE_Z0,
    ("race", "learning_rate"): RACE_LEARNING_RATE,
}
#: Points of a scalar's grid; random settings of vectors and of several fields.
GRID_POINTS = 81
RANDOM_SETTINGS = 300
#: The search is seeded: the same step always gets the same example.
SEED = 20261204


def searchable(page: str, only: Sequence[str]) -> bool:
    """Whether every field in ``only`` has a range to search on ``page``."""
    return all((page, name) in SEARCHED for name in only)


def find_example(
    page: str,
    start: Mapping[str, Any],
    only: Sequence[str],
    shortfall: Callable[[Mapping[str, Any]], float],
) -> dict[str, Any] | None:
    """A setting of ``only`` near ``start`` that reaches the goal, or None.

    Parameters
    ----------
    page : str
        The page whose state ``start`` is (as a session writes it).
    start : mapping
        The state the task starts from.
    only : sequence of str
        The fields the task may move (see :func:`searchable`).
    shortfall : callable(dict) -> float
        How far the state with these fields changed is from the goal: 0
        exactly when it reaches it, more the further it is, +inf for a
        setting the page refuses.

    Returns
    -------
    dict or None
        The changes (``{"temperature": 0.15}``). The nearest of the tried
        settings that reaches the goal (by the summed distance of the
        fields, each on its control's scale, log for a log range); failing
        that, one found by a pattern search from the tried settings nearest
        the goal (a minimum such as logits = log y under label smoothing,
        which no grid hits). None if neither reaches it: then the goal is
        out of reach as far as the search can tell.
    """
    if not searchable(page, only):
        return None
    candidates = sorted(
        _candidates(page, start, only),
        key=lambda changes: _distance(page, start, changes),
    )
    scored: list[tuple[float, int, dict[str, Any]]] = []
    for changes in candidates:
        gap = shortfall(changes)
        if gap == 0.0:
            return _rounded(changes, shortfall)
        scored.append((gap, len(scored), changes))
    for _, _, changes in sorted(scored)[:SEARCH_STARTS]:
        found = _pattern_search(page, changes, shortfall)
        if found is not None:
            return _rounded(found, shortfall)
    return None


#: Pattern searches run from this many of the tried settings nearest the
#: goal, each for at most this many evaluations.
SEARCH_STARTS = 3
SEARCH_EVALUATIONS = 400


def _pattern_search(
    page: str,
    changes: dict[str, Any],
    shortfall: Callable[[Mapping[str, Any]], float],
) -> dict[str, Any] | None:
    """Move one coordinate at a time while the goal comes nearer; halve the step."""
    point = {name: list(v) if isinstance(v, list) else v for name, v in changes.items()}
    best = shortfall(point)
    coordinates = [
        (name, index)
        for name, value in point.items()
        if SEARCHED[(page, name)] is not None
        for index in (range(len(value)) if isinstance(value, list) else [None])
    ]
    step, evaluations = 0.25, 0
    while step > 1e-6 and evaluations < SEARCH_EVALUATIONS:
        improved = False
        for name, index in coordinates:
            for direction in (1.0, -1.0):
                trial = _moved(page, point, name, index, direction * step)
                gap = shortfall(trial)
                evaluations += 1
                if gap == 0.0:
                    return trial
                if gap < best:
                    point, best, improved = trial, gap, True
                    break
        if not improved:
            step /= 2
    return None


def _moved(
    page: str, point: dict[str, Any], name: str, index: int | None, step: float
) -> dict[str, Any]:
    """``point`` with one coordinate moved by ``step`` of its control's range."""
    limits = SEARCHED[(page, name)]
    assert limits is not None
    value = point[name][index] if index is not None else point[name]
    if limits.log:
        span = math.log(limits.high / limits.low)
        moved = value * math.exp(step * span)
    else:
        moved = value + step * (limits.high - limits.low)
    moved = min(max(moved, limits.low), limits.high)
    trial = {key: list(v) if isinstance(v, list) else v for key, v in point.items()}
    if index is None:
        trial[name] = moved
    else:
        trial[name][index] = moved
    return trial


def _candidates(
    page: str, start: Mapping[str, Any], only: Sequence[str]
) -> Iterator[dict[str, Any]]:
    rng = np.random.default_rng(SEED)
    for name in only:  # one field at a time, the others as they start
        for value in _values(page, name, start[name], start, rng):
            yield {name: value}
    if len(only) > 1:
        for _ in range(RANDOM_SETTINGS):
            yield {name: _random(page, name, start, rng) for name in only}


def _values(
    page: str, name: str, value: Any, start: Mapping[str, Any], rng: Any
) -> Iterator[Any]:
    limits = SEARCHED[(page, name)]
    if limits is None:  # the true class
        yield from range(len(start["p_weights"]))
        return
    if not isinstance(value, list):
        yield from _grid(limits)
        return
    yield from _shapes(limits, len(value))
    for index in range(len(value)):  # one element to either end
        for end in (limits.low, limits.high):
            yield [end if i == index else v for i, v in enumerate(value)]
    yield from _siblings(page, name, start)
    for _ in range(RANDOM_SETTINGS):
        yield _random(page, name, start, rng)


def _shapes(limits: Range, size: int) -> Iterator[list[float]]:
    """Every element at one end, and one element at the high end (one-hot)."""
    for end in (limits.low, limits.high):
        yield [end] * size
    for index in range(size):
        yield [limits.high if i == index else limits.low for i in range(size)]


def _siblings(page: str, name: str, start: Mapping[str, Any]) -> Iterator[list[float]]:
    """The other vectors of the start that fit this one: Q := P, logits := log P."""
    limits = SEARCHED[(page, name)]
    assert limits is not None
    for other, value in start.items():
        if other == name or (page, other) not in SEARCHED:
            continue
        if not isinstance(value, list) or len(value) != len(start[name]):
            continue
        if SEARCHED[(page, other)] is limits:
            yield list(value)
        elif limits is LOGIT and SEARCHED[(page, other)] is WEIGHT:
            total = sum(value)
            if total > 0 and min(value) > 0:
                logs = [math.log(v / total) for v in value]
                yield [min(max(v, limits.low), limits.high) for v in logs]


def _grid(limits: Range) -> list[float]:
    if limits.log:
        points = np.geomspace(limits.low, limits.high, GRID_POINTS)
    else:
        points = np.linspace(limits.low, limits.high, GRID_POINTS)
    return [float(v) for v in points]


def _random(page: str, name: str, start: Mapping[str, Any], rng: Any) -> Any:
    limits = SEARCHED[(page, name)]
    if limits is None:
        return int(rng.integers(len(start["p_weights"])))
    size = len(start[name]) if isinstance(start[name], list) else None
    if limits.log:
        draw = np.exp(rng.uniform(math.log(limits.low), math.log(limits.high), size))
    else:
        draw = rng.uniform(limits.low, limits.high, size)
    return draw.tolist() if size is not None else float(draw)


def _distance(page: str, start: Mapping[str, Any], changes: Mapping[str, Any]) -> float:
    total = 0.0
    for name, value in changes.items():
        limits = SEARCHED[(page, name)]
        if limits is None:
            total += float(value != start[name])
            continue
        before = np.atleast_1d(np.asarray(start[name], dtype=float))
        after = np.atleast_1d(np.asarray(value, dtype=float))
        if limits.log:
            span = math.log(limits.high / limits.low)
            total += float(np.sum(np.abs(np.log(after / before)))) / span
        else:
            total += float(np.sum(np.abs(after - before))) / (limits.high - limits.low)
    return total


def _rounded(
    changes: dict[str, Any], shortfall: Callable[[Mapping[str, Any]], float]
) -> dict[str, Any]:
    """``changes`` with three significant digits, where that still reaches."""
    shorter = {name: _round(value) for name, value in changes.items()}
    return shorter if shortfall(shorter) == 0.0 else changes


def _round(value: Any) -> Any:
    if isinstance(value, list):
        return [_round(v) for v in value]
    if isinstance(value, int) or value == 0:  # a bool is an int
        return value
    return float(f"{value:.3g}")
