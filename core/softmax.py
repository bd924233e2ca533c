"""Stable log-sum-exp, softmax and log-softmax, with a temperature.

Logits have shape (K,) or (N, K); the reduction runs over the last axis.
They may contain −inf (a class with probability 0) but not NaN or +inf, and a
row may not be entirely −inf.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from core import _checks
from core._checks import FloatArray


def _scaled(z: FloatArray, temperature: float) -> FloatArray:
    """(z − max z)/T: 0 at the maximum, ≤ 0 elsewhere, never NaN.

    Dividing after the shift means a tiny T sends the non-maximal entries far
    below 0 or to −inf (exp gives exactly 0: the one-hot limit) instead of
    producing inf − inf.
    """
    top: FloatArray = np.max(z, axis=-1, keepdims=True)
    with np.errstate(over="ignore"):
        return (z - top) / temperature


def _normaliser_parts(
    shifted: FloatArray,
) -> tuple[FloatArray, NDArray[np.intp], FloatArray, FloatArray]:
    """For rows whose maximum is exactly 0: log Σ exp(s) and its pieces.

    Returns ``log1p(rest)``, the index of each row's maximum (keepdims),
    ``rest`` = Σ exp(s) over the other entries, and exp(s) with the maximum's
    entry set to 0. The maximum's own exp(0) = 1 is left out of the sum and
    restored by log1p, which keeps full precision when the other terms are
    tiny; ``rest/(1 + rest)`` is 1 − softmax at the top without the
    cancellation of 1 − q (0 instead of 4e-18 at a gap of 40), and
    ``exps/(1 + rest)`` the other probabilities, each within 2 ulps of the
    shifted logits' (exp of a log-softmax would round its argument first:
    8 ulps at a gap of 20).
    """
    exps = np.exp(shifted)
    top = np.expand_dims(np.argmax(shifted, axis=-1), -1)
    np.put_along_axis(exps, top, 0.0, axis=-1)
    rest: FloatArray = np.sum(exps, axis=-1, keepdims=True)
    return np.log1p(rest), top, rest, exps


def _log_normaliser(shifted: FloatArray) -> FloatArray:
    """Log Σ exp(s) for rows whose maximum is exactly 0, via log1p.

    See :func:`_normaliser_parts`.
    """
    return _normaliser_parts(shifted)[0]


def logsumexp(z: Any) -> Any:
    """Log Σ exp(z) over the last axis, without overflow.

    Parameters
    ----------
    z : array_like, shape (K,) or (N, K)
        Logits; −inf entries contribute 0 to the sum.

    Returns
    -------
    float or ndarray, shape (N,)
        ``max(z) + log Σ exp(z − max z)``. ``logsumexp([1000, 1000])`` is
        ``1000 + log 2``.

    Raises
    ------
    ValueError
        If ``z`` is empty, has NaN or +inf, is not 1-D or 2-D, or a row is all
        −inf.

    Examples
    --------
    >>> float(logsumexp([0.0, 0.0])) == float(np.log(2))
    True
    """
    array = _checks.logits(z, "z")
    top = np.max(array, axis=-1, keepdims=True)
    result = (top + _log_normaliser(_scaled(array, 1.0)))[..., 0]
    return float(result) if result.ndim == 0 else result


def log_softmax(z: Any, temperature: float = 1.0) -> FloatArray:
    """Log softmax(z/T) over the last axis, computed without log(softmax).

    Parameters
    ----------
    z : array_like, shape (K,) or (N, K)
        Logits.
    temperature : float
        T > 0 and finite.

    Returns
    -------
    ndarray, same shape as ``z``
        Entries ≤ 0. ``log_softmax([1000, 0]) == [0, -1000]``. A probability
        that underflows to 0 keeps its finite log (−3e300 for a gap of 3 at
        T = 1e-300); −inf only for a −inf logit or beyond the float range.

    Raises
    ------
    ValueError
        For invalid logits (see module docstring) or temperature.
    """
    t = _checks.temperature(temperature)
    array = _checks.logits(z, "z")
    shifted = _scaled(array, t)
    return shifted - _log_normaliser(shifted)


def softmax(z: Any, temperature: float = 1.0) -> FloatArray:
    """softmax(z/T) = exp(z/T) / Σ exp(z/T) over the last axis.

    Parameters
    ----------
    z : array_like, shape (K,) or (N, K)
        Logits.
    temperature : float
        T > 0 and finite. Small T sharpens toward one-hot; large T flattens
        toward uniform.

    Returns
    -------
    ndarray, same shape as ``z``
        Non-negative, each row sums to 1. Unchanged by adding a constant to
        every logit. ``softmax([1000, 0]) == [1, 0]``; as T → 0 the result is
        one-hot on the maximum, and tied maxima share equally.

    Raises
    ------
    ValueError
        For invalid logits (see module docstring) or temperature.

    Examples
    --------
    >>> np.round(softmax([2.0, 1.0, 0.1]), 3).tolist()
    [0.659, 0.242, 0.099]
    """
    t = _checks.temperature(temperature)
    array = _checks.logits(z, "z")
    exps = np.exp(_scaled(array, t))
    total: FloatArray = np.sum(exps, axis=-1, keepdims=True)
    return exps / total
