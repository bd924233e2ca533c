"""Gradient descent you can watch: why classifiers train on cross-entropy.

Two trainings, each an immutable state and a pure step function (the GUI
keeps a state and replaces it with ``step_*(state)`` or ``run_*(state, n)``
from a timer):

* one sigmoid output z with label y, trained by gradient descent on z with
  binary cross-entropy or with squared error (docs/teaching.md claims 13 and 14:
  squared error's gradient vanishes on a confidently wrong output);
* a logit vector trained toward a class label or a soft target, with
  cross-entropy or squared error on the softmax (claims 12 and 15).

Loss kinds are named the same in both: ``"cross_entropy"`` (binary
cross-entropy for one sigmoid output) and ``"squared_error"``. Every loss is
in nats except squared error, which has no unit. Fitting a single-peak model
to a two-peak target with forward and reverse KL lives in :mod:`core.fitting`.
"""

from __future__ import annotations

import dataclasses
import math
import operator
from dataclasses import dataclass
from typing import Any, Literal, cast

import numpy as np
from numpy.typing import NDArray

from core import _checks
from core._checks import FloatArray
from core.losses import (
    _per_sample_loss,
    bce_with_logits,
    bce_with_logits_grad,
    binary_loss_and_gradient,
    cross_entropy_grad,
    mse_sigmoid,
    mse_sigmoid_grad,
    sigmoid,
    smoothed_targets,
)
from core.softmax import softmax

LossKind = Literal["cross_entropy", "squared_error"]
LOSS_KINDS: tuple[LossKind, ...] = ("cross_entropy", "squared_error")

#: A loss history keeps at most this many of the most recent losses, so a
#: training left running never makes a step copy an ever-growing array.
HISTORY_LIMIT = 10_000

#: Learning rate for the sigmoid race. From z = −8 with y = 1, cross-entropy
#: reaches a loss below 0.1 in 19 steps (z gains about lr per step while
#: badly wrong) and squared error needs 1511 (z gains about 2·lr·e^z ≈
#: 0.0007 per step at first): at 2 steps per frame and 60 frames/s that is
#: 1/6 s against 12.6 s.
DEFAULT_SIGMOID_LR = 1.0

#: Where the sigmoid race starts: badly wrong for the default label 1.
DEFAULT_SIGMOID_START = -8.0

#: Learning rate for training a logit vector: a few dozen steps from a
#: wrong prediction to a loss below 0.1 with cross-entropy at T = 1.
DEFAULT_LOGIT_LR = 0.5

#: The grid of :func:`sigmoid_loss_curves` when none is given.
CURVE_Z_RANGE = (-10.0, 10.0)
CURVE_POINTS = 401


# --------------------------------------------------------------------------
# Shared validation and history helpers (also used by core.fitting).


def _finite(value: Any, name: str) -> float:
    """A finite float, or a ValueError naming ``name``."""
    if isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be a number, got {value!r}")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return number


def _positive(value: Any, name: str) -> float:
    """A finite float > 0, or a ValueError naming ``name``."""
    number = _finite(value, name)
    if number <= 0:
        raise ValueError(f"{name} must be > 0, got {value!r}")
    return number


def _learning_rate(value: Any) -> float:
    return _positive(value, "lr")


def _count(value: Any, name: str) -> int:
    """A non-negative integer (bools refused), or a ValueError naming ``name``."""
    if isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be an integer, got {value!r}")
    try:
        number = operator.index(value)
    except TypeError:
        raise ValueError(f"{name} must be an integer, got {value!r}") from None
    if number < 0:
        raise ValueError(f"{name} must be >= 0, got {number}")
    return number


def _loss_kind(value: Any) -> LossKind:
    if value not in LOSS_KINDS:
        raise ValueError(f"loss_kind must be one of {LOSS_KINDS}, got {value!r}")
    return cast(LossKind, value)


def _readonly(values: Any) -> FloatArray:
    """A fresh read-only float64 copy."""
    array = np.array(values, dtype=np.float64)
    array.setflags(write=False)
    return array


def _extended(history: FloatArray, losses: list[float]) -> FloatArray:
    """``history`` followed by ``losses``, trimmed to the last HISTORY_LIMIT."""
    if not losses:
        return history
    combined = np.concatenate((history, np.asarray(losses, dtype=np.float64)))
    if combined.size > HISTORY_LIMIT:
        combined = combined[-HISTORY_LIMIT:].copy()
    combined.setflags(write=False)
    return combined


def _history_start(step: int, history: FloatArray) -> int:
    return step - len(history) + 1


# --------------------------------------------------------------------------
# One sigmoid output: vanishing gradients.


@dataclass(frozen=True)
class SigmoidLossCurves:
    """Loss and gradient magnitude of both losses over a grid of logits z.

    Attributes
    ----------
    z : ndarray, shape (M,)
        The logits.
    y : float
        The label, 0 or 1.
    cross_entropy_loss, squared_error_loss : ndarray, shape (M,)
        −[y log σ(z) + (1−y) log(1−σ(z))] in nats, and (σ(z) − y)².
    cross_entropy_gradient, squared_error_gradient : ndarray, shape (M,)
        |dL/dz|: |σ(z) − y| and 2|σ(z) − y|·σ(z)(1 − σ(z)). Both are > 0 for
        every finite z (σ(z) never equals 0 or 1 exactly in the formulas
        used), so both can be drawn on a logarithmic axis.
    """

    z: FloatArray
    y: float
    cross_entropy_loss: FloatArray
    cross_entropy_gradient: FloatArray
    squared_error_loss: FloatArray
    squared_error_gradient: FloatArray


def _label(value: Any) -> float:
    y = _finite(value, "y")
    if y not in (0.0, 1.0):
        raise ValueError(f"y must be 0 or 1, got {value!r}")
    return y


def sigmoid_loss_curves(y: Any = 1, z: Any = None) -> SigmoidLossCurves:
    """Loss and |dL/dz| of sigmoid + cross-entropy and sigmoid + squared error.

    Parameters
    ----------
    y : {0, 1}
        The label.
    z : array_like, shape (M,), optional
        Finite logits, in any order. Default: 401 points evenly spaced over
        [−10, 10] (:data:`CURVE_Z_RANGE`, :data:`CURVE_POINTS`).

    Returns
    -------
    SigmoidLossCurves
        Read-only arrays, computed with :func:`core.losses.bce_with_logits`,
        :func:`~core.losses.bce_with_logits_grad`,
        :func:`~core.losses.mse_sigmoid` and
        :func:`~core.losses.mse_sigmoid_grad`.

    Raises
    ------
    ValueError
        If ``y`` is not 0 or 1, or ``z`` is empty, not 1-D, or holds NaN or
        ±inf.

    Notes
    -----
    What to look at (claim 14): where the output is confidently wrong (z ≪ 0
    for y = 1) the cross-entropy gradient is close to 1, its largest value,
    while the squared-error gradient carries the factor σ(z)(1 − σ(z)) ≈
    e^(−|z|) and is about 1e-4 at |z| = 10: the most wrong output learns
    the least. Squared error's loss is also capped at 1 there, while
    cross-entropy grows about linearly in |z|.
    """
    label = _label(y)
    if z is None:
        grid = np.linspace(*CURVE_Z_RANGE, CURVE_POINTS)
    else:
        grid = _checks.as_float_array(z, "z")
        _checks.check_one_dimensional(grid, "z")
        _checks.check_finite(grid, "z")
    return SigmoidLossCurves(
        z=_readonly(grid),
        y=label,
        cross_entropy_loss=_readonly(bce_with_logits(grid, label)),
        cross_entropy_gradient=_readonly(np.abs(bce_with_logits_grad(grid, label))),
        squared_error_loss=_readonly(mse_sigmoid(grid, label)),
        squared_error_gradient=_readonly(np.abs(mse_sigmoid_grad(grid, label))),
    )


@dataclass(frozen=True, eq=False)
class SigmoidDescentState:
    """Gradient descent on one logit z: the state after ``step`` steps.

    Create it with :func:`start_sigmoid_descent`; advance it with
    :func:`step_sigmoid_descent` or :func:`run_sigmoid_descent`.

    Attributes
    ----------
    loss_kind : {"cross_entropy", "squared_error"}
        Binary cross-entropy or squared error of σ(z).
    y : float
        The label, 0 or 1.
    lr : float
        Learning rate: each step sets z ← z − lr·dL/dz.
    z : float
        The current logit.
    step : int
        Steps taken so far.
    loss : float
        The loss at ``z``.
    gradient : float
        dL/dz at ``z``: the next step moves z by −lr·gradient.
    probability : float
        σ(z), the predicted probability of class 1.
    loss_history : ndarray
        Read-only. The losses after steps ``history_start`` … ``step`` (the
        first entry is the starting loss until more than
        :data:`HISTORY_LIMIT` − 1 steps have been taken).
    """

    loss_kind: LossKind
    y: float
    lr: float
    z: float
    step: int
    loss: float
    gradient: float
    probability: float
    loss_history: FloatArray

    @property
    def history_start(self) -> int:
        """The step number of ``loss_history[0]``."""
        return _history_start(self.step, self.loss_history)


def _binary_loss_and_gradient(
    kind: LossKind, z: float, y: float
) -> tuple[float, float]:
    return binary_loss_and_gradient(kind, float(z), float(y))


def start_sigmoid_descent(
    loss_kind: str,
    z0: float = DEFAULT_SIGMOID_START,
    y: Any = 1,
    lr: float = DEFAULT_SIGMOID_LR,
) -> SigmoidDescentState:
    """The state before the first step of gradient descent on one logit.

    Parameters
    ----------
    loss_kind : {"cross_entropy", "squared_error"}
        Binary cross-entropy −[y log σ(z) + (1−y) log(1−σ(z))] (nats), or
        squared error (σ(z) − y)².
    z0 : float
        Finite starting logit; −8 (with y = 1) is confidently wrong.
    y : {0, 1}
        The label.
    lr : float
        Learning rate, finite and > 0 (:data:`DEFAULT_SIGMOID_LR`).

    Returns
    -------
    SigmoidDescentState
        Step 0, with the starting loss as the only history entry.

    Raises
    ------
    ValueError
        For an unknown ``loss_kind``, a non-finite ``z0``, ``y`` not 0 or 1,
        or ``lr`` that is not finite and > 0.
    """
    kind = _loss_kind(loss_kind)
    z = _finite(z0, "z0")
    label = _label(y)
    rate = _learning_rate(lr)
    loss, gradient = _binary_loss_and_gradient(kind, z, label)
    return SigmoidDescentState(
        loss_kind=kind,
        y=label,
        lr=rate,
        z=z,
        step=0,
        loss=loss,
        gradient=gradient,
        probability=float(sigmoid(z)),
        loss_history=_readonly([loss]),
    )


def run_sigmoid_descent(state: SigmoidDescentState, n: int) -> SigmoidDescentState:
    """The state after ``n`` more steps z ← z − lr·dL/dz.

    Parameters
    ----------
    state : SigmoidDescentState
    n : int
        Number of steps, ≥ 0; 0 returns ``state`` itself.

    Returns
    -------
    SigmoidDescentState
        A new state; ``state`` is unchanged. Deterministic: the same state
        and ``n`` give bit-identical results, and ``run(s, a + b)`` equals
        ``run(run(s, a), b)``.

    Raises
    ------
    ValueError
        If ``n`` is not a non-negative integer.

    Notes
    -----
    z stays finite: each step moves it by less than lr for cross-entropy
    (|σ(z) − y| < 1) and at most lr/2 for squared error.
    """
    steps = _count(n, "n")
    if steps == 0:
        return state
    z, loss, gradient = state.z, state.loss, state.gradient
    losses: list[float] = []
    for _ in range(steps):
        z -= state.lr * gradient
        loss, gradient = _binary_loss_and_gradient(state.loss_kind, z, state.y)
        losses.append(loss)
    return dataclasses.replace(
        state,
        z=z,
        step=state.step + steps,
        loss=loss,
        gradient=gradient,
        probability=float(sigmoid(z)),
        loss_history=_extended(state.loss_history, losses),
    )


def step_sigmoid_descent(state: SigmoidDescentState) -> SigmoidDescentState:
    """The state after one step z ← z − lr·dL/dz (see :func:`run_sigmoid_descent`)."""
    return run_sigmoid_descent(state, 1)


def steps_to_reach(
    loss_kind: str,
    z0: float = DEFAULT_SIGMOID_START,
    y: Any = 1,
    lr: float = DEFAULT_SIGMOID_LR,
    threshold: float = 0.1,
    max_steps: int = 100_000,
) -> int | None:
    """How many gradient-descent steps on z bring the loss below ``threshold``.

    Parameters
    ----------
    loss_kind, z0, y, lr
        As for :func:`start_sigmoid_descent`.
    threshold : float
        Finite and > 0; the loss must become strictly smaller.
    max_steps : int
        Give up after this many steps (≥ 0).

    Returns
    -------
    int or None
        0 if the starting loss is already below ``threshold``; otherwise the
        first step count n with loss < threshold, exactly the n at which
        :func:`run_sigmoid_descent` would get there; None if ``max_steps``
        steps are not enough. With ``threshold`` > 1, squared error (which
        never exceeds 1) is below it from the start.

    Raises
    ------
    ValueError
        For invalid ``loss_kind``, ``z0``, ``y`` or ``lr`` (as for
        :func:`start_sigmoid_descent`), ``threshold`` that is not finite and
        > 0, or ``max_steps`` that is not a non-negative integer.

    Notes
    -----
    The stopping rule is the stated ``threshold``. For the default race the
    loss crosses it by several percent in the deciding step, so the counts
    below do not depend on a CPU's rounding.

    Examples
    --------
    >>> steps_to_reach("cross_entropy"), steps_to_reach("squared_error")
    (19, 1511)
    """
    kind = _loss_kind(loss_kind)
    z = _finite(z0, "z0")
    label = _label(y)
    rate = _learning_rate(lr)
    limit = _positive(threshold, "threshold")
    most = _count(max_steps, "max_steps")
    loss, gradient = _binary_loss_and_gradient(kind, z, label)
    for step in range(most + 1):
        if loss < limit:
            return step
        z -= rate * gradient
        loss, gradient = _binary_loss_and_gradient(kind, z, label)
    return None


# --------------------------------------------------------------------------
# A logit vector trained toward a target.


@dataclass(frozen=True, eq=False)
class LogitTrainingState:
    """Gradient descent on a logit vector: the state after ``step`` steps.

    Create it with :func:`start_logit_training`; advance it with
    :func:`step_logit_training` or :func:`run_logit_training`. To change
    the loss, target, temperature or ε mid-run, start again from
    ``state.logits``.

    Attributes
    ----------
    loss_kind : {"cross_entropy", "squared_error"}
        −Σ y log softmax(z/T) (nats) or Σ (softmax(z/T) − y)².
    label : int or None
        The true class, or None for a soft target.
    target : ndarray, shape (K,)
        Read-only. The distribution y the output is pulled toward, with
        label smoothing applied: (1 − ε)·onehot + ε/K for a label.
    lr, temperature, label_smoothing : float
        Learning rate, T, ε.
    logits : ndarray, shape (K,)
        Read-only. The current logits z.
    step : int
        Steps taken so far.
    probabilities : ndarray, shape (K,)
        Read-only. softmax(z/T).
    loss : float
        The loss at ``logits``. Computed from a log-softmax, so it stays
        finite (z = [0, 1], label 0, T = 1e-3 gives 1000); +inf only when
        (max z − z_j)/T overflows for a class j the target needs.
    gradient : ndarray, shape (K,)
        Read-only. dL/dz at ``logits``; the next step moves
        z by −lr·gradient, so a negative bar means "this logit goes up".
    loss_history : ndarray
        Read-only. The losses after steps ``history_start`` … ``step``.
    cross_entropy_history : ndarray
        Read-only. The cross-entropy −Σ y log softmax(z/T) (nats) after the
        same steps, whatever ``loss_kind`` is trained: the one measure on
        which both trainings can be compared (a squared error has no unit).
    true_probability_history : ndarray
        Read-only. The probability the model gives the true class (for a
        soft target, the target's most likely class) after the same steps.
    """

    loss_kind: LossKind
    label: int | None
    target: FloatArray
    lr: float
    temperature: float
    label_smoothing: float
    logits: FloatArray
    step: int
    probabilities: FloatArray
    loss: float
    gradient: FloatArray
    loss_history: FloatArray
    cross_entropy_history: FloatArray
    true_probability_history: FloatArray

    @property
    def history_start(self) -> int:
        """The step number of ``loss_history[0]``."""
        return _history_start(self.step, self.loss_history)

    @property
    def true_class(self) -> int:
        """The true class, or the soft target's most likely class."""
        return self.label if self.label is not None else int(np.argmax(self.target))


def _comparable(
    z: FloatArray, y: FloatArray, t: float, q: FloatArray, true_class: int
) -> tuple[float, float]:
    """(cross-entropy in nats, q of the true class): what both trainings share."""
    return float(_per_sample_loss(z[np.newaxis], y[np.newaxis], t)[0]), float(
        q[true_class]
    )


def _vector_loss_and_gradient(
    kind: LossKind, z: FloatArray, y: FloatArray, t: float
) -> tuple[float, FloatArray, FloatArray]:
    """Loss, dL/dz and softmax(z/T) for validated logits and target."""
    q = softmax(z, t)
    if kind == "cross_entropy":
        # What cross_entropy_loss computes once its inputs are validated.
        loss = float(_per_sample_loss(z[np.newaxis], y[np.newaxis], t)[0])
        return loss, cross_entropy_grad(z, y, temperature=t), q
    residual = q - y
    loss = float(np.sum(residual * residual))
    # Jᵀ·2(q − y) with J = (diag q − q qᵀ)/T, the softmax Jacobian.
    gradient = 2.0 * q * (residual - np.sum(q * residual)) / t
    return loss, gradient, q


def _training_inputs(
    logits: Any, target: Any, temperature: Any, label_smoothing: Any
) -> tuple[FloatArray, FloatArray, float, float, int | None]:
    z = _checks.logits(logits)
    _checks.check_one_dimensional(z, "logits")
    _checks.check_finite(z, "logits")
    t = _checks.temperature(temperature)
    eps = _checks.label_smoothing(label_smoothing)
    y = smoothed_targets(z, target, eps)[0]
    soft = np.shape(target) == z.shape
    label = None if soft else int(np.asarray(target).ravel()[0])
    return z, y, t, eps, label


def logit_loss_and_gradient(
    logits: Any,
    target: Any,
    loss_kind: str = "cross_entropy",
    temperature: float = 1.0,
    label_smoothing: float = 0.0,
) -> tuple[float, FloatArray]:
    """The loss of one logit vector and its gradient with respect to the logits.

    Parameters
    ----------
    logits : array_like, shape (K,)
        Finite logits z.
    target : int or array_like, shape (K,)
        A class label in [0, K), or a probability vector (soft target).
    loss_kind : {"cross_entropy", "squared_error"}
        Cross-entropy −Σ y log q (nats) or squared error Σ (q − y)², with
        q = softmax(z/T) and y the smoothed target.
    temperature : float
        T, finite and > 0.
    label_smoothing : float
        ε in [0, 1]: y = (1 − ε)·target + ε/K.

    Returns
    -------
    loss : float
        ≥ 0. Cross-entropy comes from a log-softmax and is +inf only when
        (max z − z_j)/T overflows float64 for a class j with y_j > 0.
    gradient : ndarray, shape (K,)
        Sums to 0 up to rounding (adding a constant to every logit changes
        nothing); each entry is at most 1/T (cross-entropy) or 4/T (squared
        error) in size, so it is finite unless 1/T overflows.
        Cross-entropy: (q − y)/T (:func:`core.losses.cross_entropy_grad`).
        Squared error: Jᵀ·2(q − y) with J = (diag q − q qᵀ)/T, that is
        2 q ⊙ ((q − y) − Σ q(q − y)) / T.

    Raises
    ------
    ValueError
        For logits that are empty, not 1-D or not finite, a label out of
        range or not an integer, a soft target that is negative, non-finite
        or does not sum to 1, an unknown ``loss_kind``, or a bad T or ε.

    Notes
    -----
    What to look at (claim 15), with a one-hot target: cross-entropy is
    −log q[true class], so it changes only through the true class's
    log-probability; its gradient pushes the true logit up by (1 − q_y)/T
    and every other logit down by exactly q_j/T, never up. Squared error is
    (1 − q_y)² + Σ_{j≠y} q_j², so it also cares how the wrong classes are
    spread: every output is pulled toward its own target and the gradient on
    each logit mixes all of the errors through Σ q(q − y). It pushes the
    largest wrong class down hardest and can push a small wrong class *up*
    (to spread the wrong mass evenly), and every entry carries the factor
    q_j, so a true class with q_y ≈ 0 barely moves: the vanishing gradient of
    claim 14 again. Example: z = [2, 1, 0.1, −1, 0.5] with label 3 gives
    cross-entropy bars [0.56, 0.21, 0.08, −0.97, 0.13] but squared-error
    bars [0.23, −0.06, −0.04, −0.07, −0.06].
    """
    kind = _loss_kind(loss_kind)
    z, y, t, _, _ = _training_inputs(logits, target, temperature, label_smoothing)
    loss, gradient, _ = _vector_loss_and_gradient(kind, z, y, t)
    return loss, gradient


def start_logit_training(
    logits: Any,
    target: Any,
    loss_kind: str = "cross_entropy",
    lr: float = DEFAULT_LOGIT_LR,
    temperature: float = 1.0,
    label_smoothing: float = 0.0,
) -> LogitTrainingState:
    """The state before the first step of gradient descent on a logit vector.

    Parameters
    ----------
    logits, target, loss_kind, temperature, label_smoothing
        As for :func:`logit_loss_and_gradient`.
    lr : float
        Learning rate, finite and > 0 (:data:`DEFAULT_LOGIT_LR`). The step
        in z scales as lr/T, so a small T with a large lr overshoots.

    Returns
    -------
    LogitTrainingState
        Step 0, with the starting loss as the only history entry.

    Raises
    ------
    ValueError
        As for :func:`logit_loss_and_gradient`, or for a bad ``lr``.
    """
    kind = _loss_kind(loss_kind)
    rate = _learning_rate(lr)
    z, y, t, eps, label = _training_inputs(logits, target, temperature, label_smoothing)
    loss, gradient, q = _vector_loss_and_gradient(kind, z, y, t)
    true_class = label if label is not None else int(np.argmax(y))
    cross_entropy, true_probability = _comparable(z, y, t, q, true_class)
    return LogitTrainingState(
        loss_kind=kind,
        label=label,
        target=_readonly(y),
        lr=rate,
        temperature=t,
        label_smoothing=eps,
        logits=_readonly(z),
        step=0,
        probabilities=_readonly(q),
        loss=loss,
        gradient=_readonly(gradient),
        loss_history=_readonly([loss]),
        cross_entropy_history=_readonly([cross_entropy]),
        true_probability_history=_readonly([true_probability]),
    )


def run_logit_training(state: LogitTrainingState, n: int) -> LogitTrainingState:
    """The state after ``n`` more steps z ← z − lr·dL/dz.

    Parameters
    ----------
    state : LogitTrainingState
    n : int
        Number of steps, ≥ 0; 0 returns ``state`` itself.

    Returns
    -------
    LogitTrainingState
        A new state; ``state`` is unchanged. Deterministic, and
        ``run(s, a + b)`` equals ``run(run(s, a), b)``.

    Raises
    ------
    ValueError
        If ``n`` is not a non-negative integer.

    Notes
    -----
    Each step moves a logit by at most lr/T (cross-entropy) or 4·lr/T
    (squared error); the mean of the logits stays put (up to rounding),
    since the gradient sums to 0.
    """
    steps = _count(n, "n")
    if steps == 0:
        return state
    z, loss = state.logits, state.loss
    gradient, q = state.gradient, state.probabilities
    true_class = state.true_class
    losses: list[float] = []
    cross_entropies: list[float] = []
    true_probabilities: list[float] = []
    for _ in range(steps):
        z = z - state.lr * gradient
        loss, gradient, q = _vector_loss_and_gradient(
            state.loss_kind, z, state.target, state.temperature
        )
        losses.append(loss)
        cross_entropy, true_probability = _comparable(
            z, state.target, state.temperature, q, true_class
        )
        cross_entropies.append(cross_entropy)
        true_probabilities.append(true_probability)
    return dataclasses.replace(
        state,
        logits=_readonly(z),
        step=state.step + steps,
        probabilities=_readonly(q),
        loss=loss,
        gradient=_readonly(gradient),
        loss_history=_extended(state.loss_history, losses),
        cross_entropy_history=_extended(state.cross_entropy_history, cross_entropies),
        true_probability_history=_extended(
            state.true_probability_history, true_probabilities
        ),
    )


def step_logit_training(state: LogitTrainingState) -> LogitTrainingState:
    """The state after one step z ← z − lr·dL/dz (see :func:`run_logit_training`)."""
    return run_logit_training(state, 1)


# --------------------------------------------------------------------------
# The course's batch example.

_BATCH_LOGITS = (
    (
        0.1116642951965332,
        0.8158431053161621,
        0.26256197690963745,
        0.48387759923934937,
        0.676503598690033,
    ),
    (
        0.7539109587669373,
        0.26269054412841797,
        0.042839646339416504,
        0.2080286741256714,
        0.11803746223449707,
    ),
    (
        0.12169468402862549,
        0.7355988621711731,
        0.7117654085159302,
        0.7875806093215942,
        0.41830527782440186,
    ),
    (
        0.9014149904251099,
        0.9968863129615784,
        0.7565145492553711,
        0.2238936424255371,
        0.3023461699485779,
    ),
)
_BATCH_LABELS = (4, 3, 3, 2)


def pytorch_batch_example() -> tuple[FloatArray, NDArray[np.int64]]:
    """The course's batch: ``torch.manual_seed(100); torch.rand(4, 5)``.

    Returns
    -------
    logits : ndarray, shape (4, 5)
        The float32 draws, exactly, as float64.
    labels : ndarray of int64, shape (4,)
        [4, 3, 3, 2].

    Notes
    -----
    Fresh writable arrays on every call.
    ``cross_entropy_loss(logits, labels)`` is 1.5229845917064049 nats
    (PyTorch, in float32, prints 1.5229846); with ``reduction="none"`` the
    per-sample losses are about 1.4360, 1.7127, 1.4064 and 1.5368.
    """
    return np.array(_BATCH_LOGITS, dtype=np.float64), np.array(
        _BATCH_LABELS, dtype=np.int64
    )


__all__ = [
    "CURVE_POINTS",
    "CURVE_Z_RANGE",
    "DEFAULT_LOGIT_LR",
    "DEFAULT_SIGMOID_LR",
    "DEFAULT_SIGMOID_START",
    "HISTORY_LIMIT",
    "LOSS_KINDS",
    "LogitTrainingState",
    "LossKind",
    "SigmoidDescentState",
    "SigmoidLossCurves",
    "logit_loss_and_gradient",
    "pytorch_batch_example",
    "run_logit_training",
    "run_sigmoid_descent",
    "sigmoid_loss_curves",
    "start_logit_training",
    "start_sigmoid_descent",
    "step_logit_training",
    "step_sigmoid_descent",
    "steps_to_reach",
]
