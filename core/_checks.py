"""Input checks shared by the core; each rejection names its argument."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


class InputError(ValueError):
    """A rejected argument, with what is wrong as fields, not only as text.

    ``argument`` is the argument's name (``"p_weights"``), ``reason`` one of
    ``"all_zero"``, ``"negative"``, ``"nan"``, ``"infinite"``, ``"shape"`` or
    ``"empty"`` (or a module's own, such as :mod:`core.kl_fits`'s
    ``"no_height"``), ``index`` the first offending entry (or None). The message
    is the same English text as ever; an interface words the fields in its
    own language instead of rewriting the message.
    """

    def __init__(
        self, message: str, argument: str, reason: str, index: str | None = None
    ) -> None:
        super().__init__(message)
        self.argument = argument
        self.reason = reason
        self.index = index


#: How far a float64 probability vector's sum may stray from 1 before it is
#: rejected (see :func:`sum_tolerance` for other precisions).
SUM_TOLERANCE = 1e-9


def real_numbers(values: Any, name: str) -> NDArray[Any]:
    """``values`` as a NumPy array of real numbers (any dtype), or raise."""
    try:
        raw = np.asarray(values)
    except (TypeError, ValueError, OverflowError) as error:
        raise ValueError(f"{name} must be numbers: {error}") from None
    if raw.dtype.kind == "c":
        raise ValueError(
            f"{name} must be real numbers, got complex values (dtype {raw.dtype})"
        )
    return raw


def _too_large(raw: NDArray[Any]) -> str:
    """Where an object array holds an integer beyond the float range."""
    for index, value in np.ndenumerate(raw):
        try:
            float(value)
        except OverflowError:
            where = ", ".join(str(i) for i in index)
            return f"[{where}]" if where else ""
        except (TypeError, ValueError):
            continue
    return ""


def to_float64(raw: NDArray[Any], name: str) -> FloatArray:
    try:
        return np.asarray(raw, dtype=np.float64)
    except OverflowError:
        where = _too_large(raw)
        raise ValueError(
            f"{name}{where} is an integer too large for a float (above 1.8e308)"
        ) from None
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name} must be numbers: {error}") from None


def as_float_array(values: Any, name: str) -> FloatArray:
    """Return ``values`` as a float64 array, or raise naming ``name``.

    Complex values are refused (never truncated to their real part), and so
    are integers beyond the float range (never an OverflowError).
    """
    return to_float64(real_numbers(values, name), name)


def sum_tolerance(dtype: np.dtype[Any], k: int) -> float:
    """How far from 1 the sum of K probabilities stored as ``dtype`` may be.

    :data:`SUM_TOLERANCE` (1e-9) for float64 and for anything that is not a
    float (integers, Python numbers). For a float type with a larger machine
    epsilon ε (float32, float16), K·ε: the most by which a vector normalised
    in that precision can miss 1, whatever the order of summation (each of
    the K entries and the K − 1 additions of the normaliser round by ε/2 at
    most). Float32 at K = 4 allows 4.8e-7.
    """
    if dtype.kind != "f":
        return SUM_TOLERANCE
    return max(SUM_TOLERANCE, k * float(np.finfo(dtype).eps))


def _scalar(value: Any, name: str) -> float:
    """A real number as a float, or a ValueError naming ``name``."""
    if isinstance(value, (complex, np.complexfloating)):
        raise ValueError(f"{name} must be a real number, got {value!r}")
    try:
        return float(value)
    except OverflowError:
        raise ValueError(
            f"{name} must be a finite number, got an integer too large for a float"
        ) from None
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None


def _first_index(mask: NDArray[np.bool_]) -> str:
    index = np.argwhere(mask)[0]
    return ", ".join(str(int(i)) for i in index)


def check_finite(array: FloatArray, name: str) -> None:
    """Reject NaN and ±inf, naming the first offending index."""
    if np.isfinite(array).all():  # one pass in the usual case
        return
    nan = np.isnan(array)
    if nan.any():
        where = _first_index(nan)
        raise InputError(f"{name}[{where}] is NaN", name, "nan", where)
    infinite = np.isinf(array)
    if infinite.any():
        where = _first_index(infinite)
        raise InputError(f"{name}[{where}] is infinite", name, "infinite", where)


def check_non_negative(array: FloatArray, name: str) -> None:
    """Reject negative entries, naming the first one and its value."""
    negative = array < 0
    if negative.any():
        where = _first_index(negative)
        value = float(array[negative][0])
        raise InputError(
            f"{name}[{where}] is negative ({value!r})", name, "negative", where
        )


def check_one_dimensional(array: FloatArray, name: str) -> None:
    """Reject anything but a non-empty 1-D array."""
    if array.ndim != 1:
        raise InputError(f"{name} must be 1-D, got shape {array.shape}", name, "shape")
    if array.size == 0:
        raise InputError(f"{name} is empty", name, "empty")


def weights(values: Any, name: str) -> FloatArray:
    """Validate non-negative finite weights that are not all zero."""
    return _checked_weights(real_numbers(values, name), name)


def _checked_weights(raw: NDArray[Any], name: str) -> FloatArray:
    array = to_float64(raw, name)
    check_one_dimensional(array, name)
    check_finite(array, name)
    check_non_negative(array, name)
    if not array.any():
        raise InputError(
            f"{name} is all zero: at least one weight must be positive",
            name,
            "all_zero",
        )
    return array


def check_sums_to_one(
    array: FloatArray, name: str, dtype: np.dtype[Any] | None = None
) -> None:
    """Reject (the rows of) an array whose sum is not 1 within tolerance.

    The tolerance is :func:`sum_tolerance` for the precision the values came
    in (``dtype``; float64 if not given) and the length of a row.
    """
    tolerance = sum_tolerance(
        dtype if dtype is not None else array.dtype, array.shape[-1]
    )
    totals = np.atleast_1d(array.sum(axis=-1))
    bad = np.abs(totals - 1.0) > tolerance
    if bad.any():
        row = int(np.argmax(bad))
        where = f"{name}[{row}]" if array.ndim > 1 else name
        total = float(totals[row])
        raise ValueError(
            f"{where} sums to {total!r}, not 1; normalise it with normalize()"
        )


def distribution(values: Any, name: str) -> FloatArray:
    """Validate a 1-D probability vector (finite, non-negative, sums to 1).

    The sum may miss 1 by :func:`sum_tolerance` of the values' own precision,
    so float32 probabilities are accepted as they come.
    """
    raw = real_numbers(values, name)
    array = _checked_weights(raw, name)
    check_sums_to_one(array, name, raw.dtype)
    return array


def distribution_pair(p: Any, q: Any) -> tuple[FloatArray, FloatArray]:
    """Validate two probability vectors of the same length."""
    p_array = distribution(p, "p")
    q_array = distribution(q, "q")
    if p_array.size != q_array.size:
        raise ValueError(f"p and q differ in length ({p_array.size} vs {q_array.size})")
    return p_array, q_array


def log_base(base: Any) -> float:
    """Return ln(base) for a valid logarithm base: finite and greater than 1.

    A base in (0, 1) is a logarithm base in mathematics, but it turns every
    entropy and divergence negative (and clamping would then show a KL of 0):
    the units of information are bits (2), nats (e) and the like, all > 1.
    """
    value = _scalar(base, "base")
    if not math.isfinite(value) or value <= 1:
        raise ValueError(f"base must be finite and greater than 1, got {base!r}")
    return math.log(value)


def temperature(value: Any) -> float:
    """Validate a softmax temperature: finite and strictly positive."""
    t = _scalar(value, "temperature")
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
    eps = _scalar(value, "label_smoothing")
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
