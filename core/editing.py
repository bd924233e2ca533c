"""Turning a user's gesture on a plot into a weight: pure arithmetic, no Qt."""

from __future__ import annotations

from typing import Any

import numpy as np

from core import _checks
from core._checks import FloatArray


def weight_for_probability(
    weights: Any, index: int, probability: float, max_weight: float
) -> float:
    """The weight for outcome ``index`` that gives it ``probability`` after normalising.

    Only that weight changes: with S the sum of the others, w/(w + S) = p gives
    w = p·S/(1 − p).

    Parameters
    ----------
    weights : array_like, shape (K,)
        Current non-negative weights (all zero is allowed).
    index : int
        The outcome being dragged.
    probability : float
        The wanted probability; clamped to [0, 1].
    max_weight : float
        The largest weight a control can hold (> 0).

    Returns
    -------
    float
        In [0, max_weight]. Where the wanted probability needs more than
        ``max_weight`` (p near 1 while the others hold mass) it is clamped; if
        every other weight is 0, any positive weight gives probability 1, so
        the result is ``probability · max_weight``.

    Raises
    ------
    ValueError
        For weights that are negative or non-finite, an index out of range,
        a NaN probability or a non-positive ``max_weight``.
    """
    array = _checks.as_float_array(weights, "weights")
    _checks.check_one_dimensional(array, "weights")
    _checks.check_finite(array, "weights")
    _checks.check_non_negative(array, "weights")
    _checks.class_index(index, array.size, "index")
    if np.isnan(probability):
        raise ValueError("probability is NaN")
    if not max_weight > 0:
        raise ValueError(f"max_weight must be > 0, got {max_weight!r}")
    p = min(max(float(probability), 0.0), 1.0)
    others = float(array.sum() - array[index])
    if others == 0.0:
        return p * max_weight
    if p >= 1.0:
        return max_weight
    return min(p * others / (1.0 - p), max_weight)


def with_entry(values: Any, index: int, value: float) -> FloatArray:
    """A copy of ``values`` with entry ``index`` set to ``value``.

    Raises
    ------
    ValueError
        If ``index`` is not a valid position.
    """
    array = np.array(values, dtype=np.float64)
    _checks.class_index(index, array.size, "index")
    array[index] = value
    return array


def resized(values: Any, k: int, fill: float) -> FloatArray:
    """``values`` cut to ``k`` entries, or extended with ``fill``.

    Raises
    ------
    ValueError
        If ``k`` is below 1.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    array = np.asarray(values, dtype=np.float64)[:k]
    return np.concatenate([array, np.full(k - array.size, float(fill))])
