"""Turning a user's gesture on a plot into a weight: pure arithmetic, no Qt."""

from __future__ import annotations

from typing import Any

import numpy as np

from core import _checks
from core._checks import FloatArray


def weights_for_probability(
    weights: Any, index: int, probability: float, max_weight: float
) -> FloatArray:
    """New weights that give outcome ``index`` the wanted probability after normalising.

    While it can, only that weight changes: with S the sum of the others,
    w/(w + S) = p gives w = p·S/(1 − p). Where that needs more than
    ``max_weight`` (a bar dragged high while the others hold mass), the
    dragged weight takes ``max_weight`` and the others shrink by one common
    factor, so their proportions stay and the bar still lands where it was
    dragged.

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
    ndarray, shape (K,)
        Weights in [0, max_weight]. If every other weight is 0, any positive
        weight gives probability 1: the dragged one becomes
        ``probability · max_weight`` (0 leaves P all zero, which the window
        explains).

    Raises
    ------
    ValueError
        For weights that are negative or non-finite, an index out of range,
        a NaN probability or a non-positive ``max_weight``.
    """
    array = _checks.as_float_array(weights, "weights").copy()
    _checks.check_one_dimensional(array, "weights")
    _checks.check_finite(array, "weights")
    _checks.check_non_negative(array, "weights")
    _checks.class_index(index, array.size, "index")
    if np.isnan(probability):
        raise ValueError("probability is NaN")
    if not max_weight > 0:
        raise ValueError(f"max_weight must be > 0, got {max_weight!r}")
    p = min(max(float(probability), 0.0), 1.0)
    # Summed without the dragged weight, not as the total minus it: beside a
    # weight of 1 a total loses the others' low digits (1e-14 read as
    # 9.992e-15, and a bar dragged to 0.5 landed at 0.4998).
    others = float(np.sum(np.delete(array, index)))
    if others == 0.0:
        array[index] = p * max_weight
        return array
    needed = others * (p / (1.0 - p)) if p < 1.0 else np.inf
    if needed <= max_weight:
        array[index] = needed
        return array
    # max/(max + f·S) = p  ⇒  f = max·(1 − p)/(p·S)
    factor = max_weight * (1.0 - p) / (p * others)
    array *= factor
    array[index] = max_weight
    return array


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
