"""Classification losses and their analytic gradients, in nats.

``cross_entropy_loss`` matches ``torch.nn.CrossEntropyLoss`` (log-softmax then
negative log-likelihood, PyTorch's label smoothing and reductions), extended
with a softmax temperature. The binary losses take one logit ``z`` per
sample and a label ``y`` in [0, 1].
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

from core import _checks
from core._checks import FloatArray
from core.softmax import _log_normaliser, _normaliser_parts, _scaled

_REDUCTIONS = ("mean", "sum", "none")


def _class_targets(target: Any, n_samples: int, n_classes: int) -> FloatArray:
    """One-hot rows for integer class labels (one per sample)."""
    # dtype=object keeps each label's own type, so a bool or a float such as
    # 1.0 is caught (and named by its index) even among integers.
    labels = np.asarray(target, dtype=object)
    name = "target" if labels.ndim == 0 else "target[{}]"
    if labels.ndim == 0:
        labels = labels.reshape(1)
    if labels.shape != (n_samples,):
        raise ValueError(
            f"target must hold {n_samples} class label(s), got shape {labels.shape}"
        )
    rows = np.zeros((n_samples, n_classes))
    for row, label in enumerate(labels.tolist()):
        rows[row, _checks.class_index(label, n_classes, name.format(row))] = 1.0
    return rows


def _soft_targets(target: Any, shape: tuple[int, ...]) -> FloatArray:
    """Probability rows given directly (soft labels).

    Integers of the logits' shape that are not one-hot rows were meant as
    class labels, one per outcome: the message says so, not that they fail
    to sum to 1. The sum's tolerance follows the values' precision.
    """
    raw = _checks.real_numbers(target, "target")
    array = _checks.to_float64(raw, "target")
    _checks.check_finite(array, "target")
    _checks.check_non_negative(array, "target")
    rows = array.reshape(shape)
    if raw.dtype.kind in "iu" and np.any(rows.sum(axis=-1) != 1):
        n, k = shape
        raise ValueError(
            f"target holds {raw.size} integers for {n} sample(s) of {k} classes: "
            f"give one class label per sample ({n} in all), or probability rows "
            "that sum to 1"
        )
    _checks.check_sums_to_one(array, "target", raw.dtype)
    return rows


def _is_soft(target: Any, logits_shape: tuple[int, ...]) -> bool:
    return bool(np.shape(target) == logits_shape)


def smoothed_targets(
    logits: Any, target: Any, label_smoothing: float = 0.0
) -> FloatArray:
    """The (N, K) target distribution a loss compares against.

    Parameters
    ----------
    logits : array_like, shape (K,) or (N, K)
        Only the shape is used.
    target : int, sequence of int, or array_like
        A class label (or N labels), or probability rows of the logits' shape.
    label_smoothing : float
        ε in [0, 1]: the target becomes (1 − ε)·y + ε/K, as in PyTorch.

    Returns
    -------
    ndarray, shape (N, K)
        Rows that sum to 1 (N = 1 for 1-D logits).

    Raises
    ------
    ValueError
        For a label that is out of range or not an integer, soft targets
        that are negative, non-finite or do not sum to 1, or ε outside [0, 1].
    """
    eps = _checks.label_smoothing(label_smoothing)
    shape = np.shape(logits)
    if len(shape) not in (1, 2) or shape[-1] == 0:
        raise ValueError(f"logits must have shape (K,) or (N, K), got {shape}")
    rows = (1, shape[-1]) if len(shape) == 1 else shape
    if _is_soft(target, shape):
        y = _soft_targets(target, rows)
    else:
        y = _class_targets(target, rows[0], rows[1])
    smoothed: FloatArray = (1.0 - eps) * y + eps / rows[1]
    return smoothed


def _validated(logits: Any, temperature: float) -> tuple[FloatArray, float]:
    t = _checks.temperature(temperature)
    z = _checks.logits(logits)
    return np.atleast_2d(z), t


def _per_sample_loss(z: FloatArray, y: FloatArray, t: float) -> FloatArray:
    shifted = _scaled(z, t)
    log_q = shifted - _log_normaliser(shifted)
    # 0·log 0 = 0: a class the target ignores adds nothing, even at q = 0.
    terms = y * np.where(y > 0, log_q, 0.0)
    # 0.0 − Σ, not −Σ: a perfect prediction costs +0, never −0.
    total: FloatArray = np.sum(terms, axis=-1)
    return 0.0 - total


def cross_entropy_loss(
    logits: Any,
    target: Any,
    label_smoothing: float = 0.0,
    temperature: float = 1.0,
    reduction: str = "mean",
) -> Any:
    """Cross-entropy loss from logits: −Σ y·log softmax(z/T), as PyTorch.

    Parameters
    ----------
    logits : array_like, shape (K,) or (N, K)
        No NaN or +inf; −inf means probability 0.
    target : int, sequence of N int, or array_like of the logits' shape
        Class labels, or probability rows for soft targets.
    label_smoothing : float
        ε in [0, 1]; the target becomes (1 − ε)·y + ε/K.
    temperature : float
        T > 0; the logits are divided by T before the softmax.
    reduction : {"mean", "sum", "none"}
        Mean or sum over the N samples, or the per-sample losses.

    Returns
    -------
    float or ndarray, shape (N,)
        In nats, ≥ 0. For a single sample with class label y it is
        −z[y]/T + log Σ exp(z/T). With 1-D logits "none" returns a float.
        ``+inf`` where the target gives mass to a class whose probability is
        exactly 0; never NaN.

    Raises
    ------
    ValueError
        For invalid logits, target, ε, temperature, or an unknown reduction.

    Examples
    --------
    >>> cross_entropy_loss([1000.0, -1000.0], 1)
    2000.0
    """
    if reduction not in _REDUCTIONS:
        raise ValueError(f"reduction must be one of {_REDUCTIONS}, got {reduction!r}")
    z, t = _validated(logits, temperature)
    y = smoothed_targets(logits, target, label_smoothing)
    losses = _per_sample_loss(z, y.reshape(z.shape), t)
    if reduction == "mean":
        return float(np.mean(losses))
    if reduction == "sum":
        return float(np.sum(losses))
    return float(losses[0]) if np.ndim(logits) == 1 else losses


def cross_entropy_grad(
    logits: Any, target: Any, label_smoothing: float = 0.0, temperature: float = 1.0
) -> FloatArray:
    """Gradient of the (mean) cross-entropy loss with respect to the logits.

    Parameters
    ----------
    logits, target, label_smoothing, temperature
        As for :func:`cross_entropy_loss`.

    Returns
    -------
    ndarray, same shape as ``logits``
        (softmax(z/T) − y)/T for one sample, y the smoothed target; for (N, K)
        logits each row is further divided by N (the gradient of the mean).
        Each row sums to 0 (to rounding); the true class's entry is ≤ 0, and
        stays nonzero where its probability rounds to 1: at logits [40, 0]
        and class 0 it is −4.25e-18, not 0.

    Raises
    ------
    ValueError
        As for :func:`cross_entropy_loss`.
    """
    z, t = _validated(logits, temperature)
    y = smoothed_targets(logits, target, label_smoothing).reshape(z.shape)
    _, top, rest, exps = _normaliser_parts(_scaled(z, t))
    q = _softmax_from_parts(top, rest, exps)
    grad = _softmax_minus_target(q, y, top, rest) / (t * z.shape[0])
    return np.reshape(grad, np.shape(logits))


def _softmax_from_parts(
    top: NDArray[np.intp], rest: FloatArray, exps: FloatArray
) -> FloatArray:
    """The softmax exp(s)/(1 + rest), from ``_normaliser_parts``.

    Reuses the buffer of ``exps`` (whose top entry is 0) and sets the top's
    probability, 1/(1 + rest).
    """
    denominator = 1.0 + rest
    q = exps
    q /= denominator
    np.put_along_axis(q, top, 1.0 / denominator, axis=-1)
    return q


def _softmax_minus_target(
    q: FloatArray, y: FloatArray, top: NDArray[np.intp], rest: FloatArray
) -> FloatArray:
    """The softmax minus y per row, without cancellation at the likeliest class.

    There q = 1/(1 + rest) may round to 1, and q − y to 0 for y = 1 (at a gap
    of 40 the true gradient is −4.25e-18, and the row must sum to 0). That
    entry is taken as (1 − y)·q − y·(1 − q) with 1 − q = rest/(1 + rest), the
    other classes' share. 1 − y comes from the other entries of y where y
    is near 1 but not 1: a smoothed label's 1 − ε + ε/K has rounded away
    digits of ε (at ε = 1e-12, 1 − y was 2e-4 off, and so the gradient).
    """
    residual: FloatArray = q - y
    y_top = np.take_along_axis(y, top, axis=-1)
    q_top = np.take_along_axis(q, top, axis=-1)
    complement = 1.0 - y_top
    near_one = y_top > 0.5  # 1 − ε + ε/K may round to 1 itself (ε ≈ 1.5e-16)
    if y.ndim == 1 and near_one.any():
        index = int(top[0])
        complement = np.array(
            [float(np.sum(y[:index])) + float(np.sum(y[index + 1 :]))]
        )
    elif near_one.any():
        others = y.copy()
        np.put_along_axis(others, top, 0.0, axis=-1)
        complement = np.where(
            near_one, np.sum(others, axis=-1, keepdims=True), complement
        )
    top_residual = complement * q_top - y_top * (rest / (1.0 + rest))
    np.put_along_axis(residual, top, top_residual, axis=-1)
    return residual


def _binary_inputs(z: Any, y: Any) -> tuple[FloatArray, FloatArray]:
    z_array = _checks.as_float_array(z, "z")
    y_array = _checks.as_float_array(y, "y")
    _checks.check_finite(z_array, "z")
    _checks.check_finite(y_array, "y")
    if y_array.ndim and z_array.shape != y_array.shape:
        raise ValueError(
            f"z and y differ in shape ({z_array.shape} vs {y_array.shape})"
        )
    outside = (y_array < 0) | (y_array > 1)
    if outside.any():
        where = f"y[{_checks._first_index(outside)}]" if y_array.ndim else "y"
        bad = float(y_array[outside][0])
        raise ValueError(f"{where} must lie in [0, 1], got {bad!r}")
    return z_array, y_array


def _result(values: FloatArray) -> Any:
    return float(values) if values.ndim == 0 else values


def _sigmoid(z: FloatArray) -> FloatArray:
    """σ(z) from exp(−|z|) only, so no exp ever overflows."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid(z: Any) -> Any:
    """Logistic function σ(z) = 1/(1 + e^(−z)), stable for any finite z.

    Raises
    ------
    ValueError
        If ``z`` contains NaN or ±inf.
    """
    array = _checks.as_float_array(z, "z")
    _checks.check_finite(array, "z")
    return _result(_sigmoid(array))


def _residual(z: FloatArray, y: FloatArray) -> FloatArray:
    """σ(z) − y, accurate to a few ulps of the result or of z.

    For |z| < 1 and y ≥ ¼ it is ½·tanh(z/2) + (½ − y): ½ − y is exact and
    tanh keeps the digits of a small z, where σ(z) rounds to ½ (the plain
    form gives 0 at z = 1e-20, y = ½, instead of 2.5e-21). Elsewhere it is
    (1−y)σ(z) − yσ(−z), so y ∈ {0, 1} loses no digits: 1 − σ(z) rounds to
    0 for z > 37, and this form keeps the tiny gradient that a log-scale
    plot must show. Near a root z* = logit(y) ≠ 0 the difference is
    ill-conditioned in z itself; the result is then that of a z within a
    few ulps of the given one.
    """
    centre = (np.abs(z) < 1.0) & (y >= 0.25)
    halfway: FloatArray = 0.5 * np.tanh(0.5 * z) + (0.5 - y)
    tails = (1.0 - y) * _sigmoid(z) - y * _sigmoid(-z)
    return np.where(centre, halfway, tails)


def _scalar_sigmoids(z: float) -> tuple[float, float, float]:
    """σ(z), σ(−z) and e^(−|z|) of one float, as :func:`_sigmoid` takes them."""
    e = math.exp(-abs(z))
    high, low = 1.0 / (1.0 + e), e / (1.0 + e)
    return (high, low, e) if z >= 0 else (low, high, e)


def _scalar_residual(z: float, y: float) -> float:
    """:func:`_residual` of one float (the same two forms)."""
    if abs(z) < 1.0 and y >= 0.25:
        return 0.5 * math.tanh(0.5 * z) + (0.5 - y)
    up, down, _ = _scalar_sigmoids(z)
    return (1.0 - y) * up - y * down


def binary_loss_and_gradient(kind: str, z: float, y: float) -> tuple[float, float]:
    """The loss and dL/dz of one logit, for a loop of many steps.

    The same formulas as :func:`bce_with_logits` with its gradient
    (``kind`` "cross_entropy") or :func:`mse_sigmoid` with its gradient
    (any other ``kind``), on Python floats: a step of gradient descent then
    costs about 1 µs, not 30 (four validated array calls). Nothing is
    checked: ``z`` and ``y`` must be finite floats and ``y`` in [0, 1], as
    the callers have already made sure.
    """
    residual = _scalar_residual(z, y)
    if kind == "cross_entropy":
        linear = (1.0 - y) * z if z >= 0 else -y * z
        return linear + math.log1p(math.exp(-abs(z))), residual
    e = math.exp(-abs(z))
    return residual * residual, 2.0 * residual * (e / (1.0 + e) ** 2)


def bce_with_logits(z: Any, y: Any) -> Any:
    """Binary cross-entropy of a sigmoid output: −[y log σ(z) + (1−y) log(1−σ(z))].

    Parameters
    ----------
    z : float or array_like
        Finite logits (|z| up to 1e4 and beyond is fine).
    y : float or array_like
        Labels in [0, 1], a scalar or the shape of ``z``.

    Returns
    -------
    float or ndarray
        In nats, ≥ 0; computed as (1 − y)·z + log1p(e^(−z)) for z ≥ 0 and
        y·|z| + log1p(e^(−|z|)) below, two terms that are never negative,
        so z = −1e4 with y = 1 gives 1e4, not inf, and z = 513 with
        y = 1 − 2⁻⁵³ gives 5.7e-14 (max(z, 0) − y·z would round to a
        multiple of 513's ulp, 1.1e-13).

    Raises
    ------
    ValueError
        For NaN or ±inf in ``z`` or ``y``, ``y`` outside [0, 1], or shapes
        that differ.
    """
    z_array, y_array = _binary_inputs(z, y)
    # 1 − y is exact for y ≥ ½, where y·z would lose z's low digits.
    linear = np.where(z_array >= 0, (1.0 - y_array) * z_array, -y_array * z_array)
    return _result(linear + np.log1p(np.exp(-np.abs(z_array))))


def bce_with_logits_grad(z: Any, y: Any) -> Any:
    """d/dz of :func:`bce_with_logits`: σ(z) − y (no vanishing factor).

    Accurate to a few ulps of the result, also where it is tiny: −σ(−z)
    for y = 1 and large z, z/4 for y = ½ and small z (see ``_residual``).

    Raises
    ------
    ValueError
        As for :func:`bce_with_logits`.
    """
    return _result(_residual(*_binary_inputs(z, y)))


def mse_sigmoid(z: Any, y: Any) -> Any:
    """Squared error of a sigmoid output: (σ(z) − y)².

    The residual σ(z) − y is computed without cancellation (see
    :func:`bce_with_logits_grad`), so the loss stays accurate near its
    root: z²/16 for y = ½ and small z.

    Raises
    ------
    ValueError
        As for :func:`bce_with_logits`.
    """
    return _result(_residual(*_binary_inputs(z, y)) ** 2)


def mse_sigmoid_grad(z: Any, y: Any) -> Any:
    """d/dz of :func:`mse_sigmoid`: 2(σ(z) − y)·σ(z)(1 − σ(z)).

    The factor σ(z)(1 − σ(z)) = e^(−|z|)/(1 + e^(−|z|))² vanishes for large
    |z|: a confidently wrong output barely learns.

    Raises
    ------
    ValueError
        As for :func:`bce_with_logits`.
    """
    z_array, y_array = _binary_inputs(z, y)
    e = np.exp(-np.abs(z_array))
    slope = e / (1.0 + e) ** 2
    return _result(2.0 * _residual(z_array, y_array) * slope)
