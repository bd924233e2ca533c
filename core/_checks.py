"""Input checks shared by the core; each rejection names its argument."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]

#: How far a probability vector's sum may stray from 1 before it is rejected.
SUM_TOLERANCE = 1e-9


def as_float_array(values: Any, name: str) -> FloatArray:
    """Return ``values`` as a float64 array, or raise naming ``name``."""
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name} must be numbers: {error}") from None
    return array


def _first_index(mask: NDArray[np.bool_]) -> str:
    index = np.argwhere(mask)[0]
    return ", ".join(str(int(i)) for i in index)


def check_finite(array: FloatArray, name: str) -> None:
    """Reject NaN and ±inf, naming the first offending index."""
    if np.isfinite(array).all():  # one pass in the usual case
        return
    nan = np.isnan(array)
    if nan.any():
        raise ValueError(f"{name}[{_first_index(nan)}] is NaN")
    infinite = np.isinf(array)
    if infinite.any():
        raise ValueError(f"{name}[{_first_index(infinite)}] is infinite")


def check_non_negative(array: FloatArray, name: str) -> None:
    """Reject negative entries, naming the first one and its value."""
    negative = array < 0
    if negative.any():
        where = _first_index(negative)
        raise ValueError(f"{name}[{where}] is negative ({float(array[negative][0])!r})")


def check_one_dimensional(array: FloatArray, name: str) -> None:
    """Reject anything but a non-empty 1-D array."""
    if array.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} is empty")


def weights(values: Any, name: str) -> FloatArray:
    """Validate non-negative finite weights that are not all zero."""
    array = as_float_array(values, name)
    check_one_dimensional(array, name)
    check_finite(array, name)
    check_non_negative(array, name)
    if not array.any():
        raise ValueError(f"{name} is all zero: at least one weight must be positive")
    return array


def check_sums_to_one(array: FloatArray, name: str) -> None:
    """Reject (the rows of) an array whose sum is not 1 within SUM_TOLERANCE."""
    totals = np.atleast_1d(array.sum(axis=-1))
    bad = np.abs(totals - 1.0) > SUM_TOLERANCE
    if bad.any():
        row = int(np.argmax(bad))
        where = f"{name}[{row}]" if array.ndim > 1 else name
        total = float(totals[row])
        raise ValueError(
            f"{where} sums to {total!r}, not 1; normalise it with normalize()"
        )


def distribution(values: Any, name: str) -> FloatArray:
    """Validate a 1-D probability vector (finite, non-negative, sums to 1)."""
    array = weights(values, name)
    check_sums_to_one(array, name)
    return array


def distribution_pair(p: Any, q: Any) -> tuple[FloatArray, FloatArray]:
    """Validate two probability vectors of the same length."""
    p_array = distribution(p, "p")
    q_array = distribution(q, "q")
    if p_array.size != q_array.size:
        raise ValueError(f"p and q differ in length ({p_array.size} vs {q_array.size})")
    return p_array, q_array


def log_base(base: Any) -> float:
    """Return ln(base) for a valid logarithm base (finite, > 0, not 1)."""
    try:
        value = float(base)
    except (TypeError, ValueError):
        raise ValueError(f"base must be a number, got {base!r}") from None
    if not math.isfinite(value) or value <= 0 or value == 1:
        raise ValueError(f"base must be finite, positive and not 1, got {base!r}")
    return math.log(value)


def temperature(value: Any) -> float:
    """Validate a softmax temperature: finite and strictly positive."""
    try:
        t = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"temperature must be a number, got {value!r}") from None
    if not math.isfinite(t) or t <= 0:
        raise ValueError(f"temperature must be finite and > 0, got {value!r}")
    return t


def logits(values: Any, name: str = "logits") -> FloatArray:
    """Validate logits: no NaN, no +inf (−inf is allowed: probability 0)."""
    array = as_float_array(values, name)
    if array.ndim not in (1, 2):
        raise ValueError(f"{name} must have shape (K,) or (N, K), got {array.shape}")
    if array.size == 0 or array.shape[-1] == 0:
        raise ValueError(f"{name} is empty")
    nan = np.isnan(array)
    if nan.any():
        raise ValueError(f"{name}[{_first_index(nan)}] is NaN")
    plus_inf = np.isposinf(array)
    if plus_inf.any():
        raise ValueError(f"{name}[{_first_index(plus_inf)}] is +inf")
    all_minus_inf = np.isneginf(array).all(axis=-1)
    if np.any(all_minus_inf):
        where = f"{name}[{int(np.argmax(np.atleast_1d(all_minus_inf)))}]"
        where = where if array.ndim == 2 else name
        raise ValueError(f"{where} is all -inf: no class has a positive probability")
    return array


def label_smoothing(value: Any) -> float:
    """Validate a label-smoothing amount ε in [0, 1]."""
    try:
        eps = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"label_smoothing must be a number, got {value!r}") from None
    if not 0.0 <= eps <= 1.0:
        raise ValueError(f"label_smoothing must lie in [0, 1], got {value!r}")
    return eps


def class_index(value: Any, n_classes: int, name: str = "target") -> int:
    """Validate one integer class label in [0, n_classes)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise ValueError(f"{name} must be an integer class, got {value!r}")
    if not 0 <= value < n_classes:
        raise ValueError(f"{name} {value} is out of range [0, {n_classes})")
    return int(value)
