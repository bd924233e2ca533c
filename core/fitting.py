"""Fitting a single-peak model Q to a two-peak target P with KL divergence.

Claim 16 of docs/teaching.md: minimising D(P‖Q) (forward KL) over a simpler Q is
mode-covering, minimising D(Q‖P) (reverse KL) is mode-seeking. The target P
lives on K bins x = 0, 1, …, K − 1; the model is a discretised Gaussian over
the bin index,

    Q = softmax(s),  s_i = −(x_i − μ)² / (2σ²),

with parameters (μ, log σ). A fit is an immutable :class:`KLFitState`,
advanced by the pure :func:`step_kl_fit` or :func:`run_kl_fit` (the GUI
keeps a state and replaces it from a timer). All divergences are in nats.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple, cast

import numpy as np

from core import _checks
from core._checks import FloatArray
from core.ranges import FIT_SIGMA_MIN
from core.softmax import _log_normaliser
from core.training import (
    _count,
    _extended,
    _finite,
    _history_start,
    _learning_rate,
    _positive,
    _readonly,
)

Direction = Literal["forward", "reverse"]
DIRECTIONS: tuple[Direction, ...] = ("forward", "reverse")

#: Number of bins of the default target.
DEFAULT_K = 60

#: Learning rate of the natural-gradient steps: on the default target from
#: the default start both fits are within 1e-3 nats of their minimum after
#: about a second of visible motion at one step per frame and 60 frames/s.
DEFAULT_FIT_LR = 0.05

#: A fit has converged when a full natural-gradient step would lower the loss
#: by at most this much (nats): half the Newton decrement gᵀF⁻¹g over the
#: parameters that are free to move. It is far above rounding (about 1e-16
#: of the loss), so where a fit stops does not depend on the CPU's last bits,
#: and far below what a plot can show. See :func:`run_kl_fit`.
CONVERGENCE_TOLERANCE = 1e-12

#: σ is kept in [SIGMA_MIN, K] and μ in [−K, 2K] (see :func:`step_kl_fit`).
SIGMA_MIN = FIT_SIGMA_MIN

#: Weight of the continuous Gaussian's Fisher information diag(1/σ², 2)
#: added to the model's own, so the preconditioner stays invertible.
FISHER_DAMPING = 1e-3

#: A step never moves μ by more than max(σ, 1) nor log σ by more than this.
MAX_LOG_SIGMA_STEP = 0.5

#: A step that would raise the loss is halved at most this many times.
MAX_HALVINGS = 40


def _direction(value: Any) -> Direction:
    if value not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}, got {value!r}")
    return cast(Direction, value)


def _bins(value: Any) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise ValueError(f"k must be an integer, got {value!r}")
    if value < 2:
        raise ValueError(f"k must be at least 2, got {value}")
    return int(value)


# --------------------------------------------------------------------------
# The target.


def two_peak_target(
    k: int = DEFAULT_K,
    position_1: float = 15.0,
    position_2: float = 45.0,
    width_1: float = 4.0,
    width_2: float = 4.0,
    height_1: float = 1.0,
    height_2: float = 1.0,
    floor: float = 1e-6,
) -> FloatArray:
    """Two Gaussian peaks over the bin index, with a floor so P > 0 everywhere.

    Parameters
    ----------
    k : int
        Number of bins, ≥ 2.
    position_1, position_2 : float
        Peak centres, in bins, each in [0, k − 1]; they may coincide.
    width_1, width_2 : float
        Standard deviations in bins, finite and > 0.
    height_1, height_2 : float
        Peak heights, finite and ≥ 0, not both 0 (the ratio is what counts).
    floor : float
        Finite and > 0: added to every bin, relative to the highest point of
        the two peaks, before normalising.

    Returns
    -------
    ndarray, shape (k,)
        P_i ∝ w_i / max(w) + floor with w_i = Σ_j h_j exp(−(i − c_j)²/(2 w_j²)):
        sums to 1 and is > 0 everywhere, even for a width so small that a
        peak falls between bins (w is formed in the log domain relative to
        its largest term, so it never underflows to all zeros).

    Raises
    ------
    ValueError
        Naming the argument, for ``k`` < 2 or not an integer, a position
        outside [0, k − 1], a width or floor that is not finite and > 0, or
        heights that are negative, not finite or both 0.

    Examples
    --------
    >>> p = two_peak_target()
    >>> int(np.argmax(p[:30])), int(30 + np.argmax(p[30:]))
    (15, 45)
    """
    bins = _bins(k)
    centres = [_finite(position_1, "position_1"), _finite(position_2, "position_2")]
    for name, centre in zip(("position_1", "position_2"), centres, strict=True):
        if not 0.0 <= centre <= bins - 1:
            raise ValueError(f"{name} must lie in [0, {bins - 1}], got {centre!r}")
    widths = [_positive(width_1, "width_1"), _positive(width_2, "width_2")]
    heights = [_finite(height_1, "height_1"), _finite(height_2, "height_2")]
    for name, height in zip(("height_1", "height_2"), heights, strict=True):
        if height < 0:
            raise ValueError(f"{name} must be >= 0, got {height!r}")
    if not any(heights):
        raise ValueError("height_1 and height_2 are both 0: one peak must have height")
    relative_floor = _positive(floor, "floor")
    x = np.arange(bins, dtype=np.float64)
    # Each peak's log weight; a peak of height 0 contributes nothing.
    logs = np.full((2, bins), -np.inf)
    for row, (centre, width, height) in enumerate(
        zip(centres, widths, heights, strict=True)
    ):
        if height > 0:
            logs[row] = math.log(height) - (x - centre) ** 2 / (2.0 * width * width)
    weights = np.sum(np.exp(logs - np.max(logs)), axis=0)
    weights = weights / np.max(weights) + relative_floor
    return cast(FloatArray, weights / np.sum(weights))


def peak_masses(
    distribution: Any, position_1: float, position_2: float
) -> tuple[float, float]:
    """How much of a distribution lies on each peak's side.

    Parameters
    ----------
    distribution : array_like, shape (K,)
        A probability vector over bins 0 … K − 1.
    position_1, position_2 : float
        The peak centres, finite and different.

    Returns
    -------
    tuple of float
        The mass on the bins strictly closer to ``position_1`` than to
        ``position_2``, and the reverse. A bin exactly half-way counts for
        neither, so the two may sum to less than 1. For peaks at 15 and 45
        on 60 bins: bins 0–29 and 31–59.

    Raises
    ------
    ValueError
        For an invalid distribution, a non-finite position, or positions
        that coincide.
    """
    q, gap = _nearer_which(distribution, position_1, position_2)
    return float(np.sum(q[gap < 0])), float(np.sum(q[gap > 0]))


def halfway_mass(distribution: Any, position_1: float, position_2: float) -> float:
    """The mass :func:`peak_masses` counts for neither peak: on bins half-way.

    0 when no bin centre lies exactly half-way (a half-integer midpoint).
    With the two peak masses it makes up the whole distribution, to rounding.

    Raises
    ------
    ValueError
        As :func:`peak_masses`.
    """
    q, gap = _nearer_which(distribution, position_1, position_2)
    return float(np.sum(q[gap == 0]))


def _nearer_which(
    distribution: Any, position_1: float, position_2: float
) -> tuple[FloatArray, FloatArray]:
    """The checked distribution, and each bin's distance to peak 1 less peak 2's."""
    q = _checks.distribution(distribution, "distribution")
    first = _finite(position_1, "position_1")
    second = _finite(position_2, "position_2")
    if first == second:
        raise ValueError(f"position_1 and position_2 coincide ({first!r})")
    x = np.arange(q.size, dtype=np.float64)
    return q, np.abs(x - first) - np.abs(x - second)


# --------------------------------------------------------------------------
# The model and the objectives.


def _target(values: Any) -> FloatArray:
    p = _checks.distribution(values, "target")
    if p.size < 2:
        raise ValueError(f"target must have at least 2 bins, got {p.size}")
    zero = p == 0
    if zero.any():
        raise ValueError(
            f"target[{int(np.argmax(zero))}] is 0: reverse KL needs P > 0 in every "
            "bin (two_peak_target adds a floor)"
        )
    return p


def _bounded(mu: float, log_sigma: float, k: int) -> tuple[float, float]:
    """(μ, log σ) clipped into μ ∈ [−K, 2K], σ ∈ [SIGMA_MIN, K]."""
    return (
        min(max(mu, -float(k)), 2.0 * k),
        min(max(log_sigma, math.log(SIGMA_MIN)), math.log(k)),
    )


def _log_model(k: int, mu: float, log_sigma: float) -> tuple[FloatArray, FloatArray]:
    """Log Q and ∂s/∂(μ, log σ), shape (K, 2), for finite parameters."""
    offsets = np.arange(k, dtype=np.float64) - mu
    inverse_variance = math.exp(-2.0 * log_sigma)
    ds_dmu = offsets * inverse_variance
    s = -0.5 * offsets * ds_dmu
    shifted = s - np.max(s)
    log_q = shifted - _log_normaliser(shifted)
    return log_q, np.stack((ds_dmu, offsets * ds_dmu), axis=1)


class _Evaluation(NamedTuple):
    loss: float
    gradient: FloatArray
    q: FloatArray
    jacobian: FloatArray


def _evaluate(
    log_p: FloatArray, p: FloatArray, mu: float, log_sigma: float, direction: Direction
) -> _Evaluation:
    """The loss, its gradient in (μ, log σ), Q and ∂s/∂(μ, log σ)."""
    log_q, jacobian = _log_model(p.size, mu, log_sigma)
    q = np.exp(log_q)
    if direction == "forward":
        loss = float(np.sum(p * (log_p - log_q)))
        ds = q - p
    else:
        log_ratio = log_q - log_p
        loss = float(np.sum(q * log_ratio))
        ds = q * (log_ratio - loss)
    return _Evaluation(max(loss, 0.0), ds @ jacobian, q, jacobian)


def gaussian_model(k: int, mu: float, log_sigma: float) -> FloatArray:
    """The model Q = softmax(−(x − μ)²/(2σ²)) over bins x = 0 … k − 1.

    Parameters
    ----------
    k : int
        Number of bins, ≥ 2.
    mu, log_sigma : float
        Finite; used as given (no clipping to the fit's bounds).

    Returns
    -------
    ndarray, shape (k,)
        Sums to 1. Bins far from μ relative to σ may be exactly 0 (a
        one-hot Q for σ ≪ 1); a μ outside the range gives a one-sided tail.

    Raises
    ------
    ValueError
        For a bad ``k`` or a non-finite ``mu`` or ``log_sigma``.
    """
    bins = _bins(k)
    log_q, _ = _log_model(bins, _finite(mu, "mu"), _finite(log_sigma, "log_sigma"))
    return np.exp(log_q)


def kl_fit_objective(
    target: Any, mu: float, log_sigma: float, direction: str
) -> tuple[float, FloatArray]:
    """A fit's loss and its gradient with respect to (μ, log σ).

    Parameters
    ----------
    target : array_like, shape (K,)
        P: a probability vector with every entry > 0, K ≥ 2.
    mu, log_sigma : float
        The model's parameters, finite (no clipping).
    direction : {"forward", "reverse"}
        Loss D(P‖Q) (forward) or D(Q‖P) (reverse), in nats.

    Returns
    -------
    loss : float
        ≥ 0 and finite (log Q comes from a log-softmax, so it is finite even
        where Q underflows to 0).
    gradient : ndarray, shape (2,)
        (∂L/∂μ, ∂L/∂log σ).

    Raises
    ------
    ValueError
        For an invalid target (including a 0 entry), non-finite parameters
        or an unknown direction.

    Notes
    -----
    With Q = softmax(s): ∂D(P‖Q)/∂s_i = q_i − p_i and ∂D(Q‖P)/∂s_i =
    q_i (log(q_i/p_i) − D(Q‖P)). By the chain rule, with s_i =
    −(x_i − μ)²/(2σ²): ∂s_i/∂μ = (x_i − μ)/σ² and ∂s_i/∂log σ =
    (x_i − μ)²/σ². For the forward KL this gives ∂L/∂μ =
    (E_Q[x] − E_P[x])/σ²: Q's mean is pulled to P's mean (moment matching).
    """
    p = _target(target)
    loss, gradient, _, _ = _evaluate(
        np.log(p),
        p,
        _finite(mu, "mu"),
        _finite(log_sigma, "log_sigma"),
        _direction(direction),
    )
    return loss, gradient


# --------------------------------------------------------------------------
# The fit.


class DivergencePair(NamedTuple):
    """Both divergences between a fit's target P and its model Q, in nats."""

    forward: float
    """D(P‖Q): large where Q misses mass that P has."""
    reverse: float
    """D(Q‖P): large where Q puts mass that P lacks."""


@dataclass(frozen=True, eq=False)
class KLFitState:
    """A fit of Q = softmax(−(x − μ)²/(2σ²)) to P: the state after ``step`` steps.

    Create it with :func:`start_kl_fit`; advance it with :func:`step_kl_fit`,
    :func:`run_kl_fit` or :func:`run_kl_fit_to_convergence`.

    Attributes
    ----------
    direction : {"forward", "reverse"}
        The loss: D(P‖Q) (forward, mode-covering) or D(Q‖P) (reverse,
        mode-seeking).
    target : ndarray, shape (K,)
        Read-only. P, > 0 everywhere.
    lr : float
        Learning rate of the natural-gradient steps.
    mu, log_sigma : float
        The model's parameters, within μ ∈ [−K, 2K], σ ∈ [SIGMA_MIN, K].
    step : int
        Steps taken so far.
    model : ndarray, shape (K,)
        Read-only. Q at (μ, log σ).
    loss : float
        The loss (in ``direction``) at (μ, log σ), nats.
    gradient : ndarray, shape (2,)
        Read-only. (∂loss/∂μ, ∂loss/∂log σ).
    converged : bool
        True when (μ, log σ) meets the stopping rule of :func:`run_kl_fit`:
        a full natural-gradient step would lower the loss by at most
        :data:`CONVERGENCE_TOLERANCE` nats (further steps leave it put).
    loss_history : ndarray
        Read-only. The losses after steps ``history_start`` … ``step``;
        never increasing.
    """

    direction: Direction
    target: FloatArray
    lr: float
    mu: float
    log_sigma: float
    step: int
    model: FloatArray
    loss: float
    gradient: FloatArray
    converged: bool
    loss_history: FloatArray

    @property
    def sigma(self) -> float:
        """σ = exp(log σ), in bins."""
        return math.exp(self.log_sigma)

    @property
    def k(self) -> int:
        """The number of bins."""
        return int(self.target.size)

    @property
    def history_start(self) -> int:
        """The step number of ``loss_history[0]``."""
        return _history_start(self.step, self.loss_history)


def default_kl_start(k: int = DEFAULT_K) -> tuple[float, float]:
    """The start shared by both fits: μ = 0.4·(k − 1), σ = k/12.

    Parameters
    ----------
    k : int
        Number of bins, ≥ 2.

    Returns
    -------
    tuple of float
        (μ, log σ); for k = 60, μ = 23.6 and σ = 5.

    Raises
    ------
    ValueError
        For a bad ``k``.

    Notes
    -----
    The start sits left of the centre on purpose: from an exactly central
    start and a mirror-symmetric P, ∂D(Q‖P)/∂μ is 0 by symmetry, and the
    reverse fit would stay balanced between the peaks instead of choosing
    one. It is narrow enough that the reverse fit falls onto the left peak
    of the default target rather than spreading over the whole range (a
    wide start, σ ≳ K/8, can end in that wide local minimum instead).
    """
    bins = _bins(k)
    return 0.4 * (bins - 1), math.log(bins / 12.0)


def random_kl_start(
    k: int = DEFAULT_K, seed: int | np.random.Generator = 0
) -> tuple[float, float]:
    """A random start: μ uniform on [0, k − 1], σ log-uniform on [k/30, k/12].

    Parameters
    ----------
    k : int
        Number of bins, ≥ 2.
    seed : int or numpy.random.Generator
        An int seeds a fresh ``numpy.random.default_rng`` (the same seed
        always gives the same start); a Generator is used, and advanced,
        as is.

    Returns
    -------
    tuple of float
        (μ, log σ). Start both fits from it to compare them; over a few
        seeds the reverse fit lands on either peak.

    Raises
    ------
    ValueError
        For a bad ``k``, or a ``seed`` that is neither a non-negative int
        nor a Generator.
    """
    bins = _bins(k)
    if isinstance(seed, (bool, np.bool_)) or not isinstance(
        seed, (int, np.integer, np.random.Generator)
    ):
        raise ValueError(f"seed must be an int or a numpy Generator, got {seed!r}")
    if not isinstance(seed, np.random.Generator) and seed < 0:
        raise ValueError(f"seed must be >= 0, got {seed}")
    rng = np.random.default_rng(seed)
    mu = float(rng.uniform(0.0, bins - 1.0))
    log_sigma = float(rng.uniform(math.log(bins / 30.0), math.log(bins / 12.0)))
    return mu, log_sigma


def start_kl_fit(
    target: Any,
    direction: str,
    mu: float | None = None,
    log_sigma: float | None = None,
    lr: float = DEFAULT_FIT_LR,
) -> KLFitState:
    """The state before the first step of a KL fit.

    Parameters
    ----------
    target : array_like, shape (K,)
        P: a probability vector with every entry > 0 and K ≥ 2, such as
        :func:`two_peak_target`.
    direction : {"forward", "reverse"}
        Minimise D(P‖Q) or D(Q‖P).
    mu, log_sigma : float, optional
        Finite starting parameters, clipped into μ ∈ [−K, 2K] and σ ∈
        [SIGMA_MIN, K]. Default: :func:`default_kl_start`. Pass the same
        values to both directions to compare them.
    lr : float
        Learning rate, finite and > 0 (:data:`DEFAULT_FIT_LR`). At 1 a fit
        converges in about ten steps; larger values lean on the step
        halving and move in jumps.

    Returns
    -------
    KLFitState
        Step 0, with the starting loss as the only history entry.

    Raises
    ------
    ValueError
        For an invalid target (including a 0 entry), an unknown direction,
        a non-finite ``mu`` or ``log_sigma``, or a bad ``lr``.

    Notes
    -----
    When the user reshapes P, continue from the current Q with
    :func:`retarget_kl_fit`.
    """
    p = _target(target)
    kind = _direction(direction)
    default_mu, default_log_sigma = default_kl_start(p.size)
    start = _bounded(
        default_mu if mu is None else _finite(mu, "mu"),
        default_log_sigma if log_sigma is None else _finite(log_sigma, "log_sigma"),
        p.size,
    )
    rate = _learning_rate(lr)
    evaluation = _evaluate(np.log(p), p, start[0], start[1], kind)
    return KLFitState(
        direction=kind,
        target=_readonly(p),
        lr=rate,
        mu=start[0],
        log_sigma=start[1],
        step=0,
        model=_readonly(evaluation.q),
        loss=evaluation.loss,
        gradient=_readonly(evaluation.gradient),
        converged=_is_converged(evaluation, start, p.size),
        loss_history=_readonly([evaluation.loss]),
    )


def retarget_kl_fit(state: KLFitState, target: Any) -> KLFitState:
    """A fresh fit toward a new target, starting from the state's current Q.

    Parameters
    ----------
    state : KLFitState
        Its direction, learning rate and parameters are kept.
    target : array_like, shape (K,)
        The new P (any K ≥ 2; μ and σ are clipped into the new bounds).

    Returns
    -------
    KLFitState
        Step 0 with a new history: the objective changed, so earlier losses
        are not comparable.

    Raises
    ------
    ValueError
        For an invalid target.
    """
    return start_kl_fit(target, state.direction, state.mu, state.log_sigma, state.lr)


def _fisher(evaluation: _Evaluation, log_sigma: float) -> FloatArray:
    """F = Jᵀ(diag q − q qᵀ)J, damped by the continuous Gaussian's diag(1/σ², 2)."""
    q = evaluation.q
    centred = evaluation.jacobian - q @ evaluation.jacobian
    fisher: FloatArray = (centred * q[:, np.newaxis]).T @ centred
    sigma = math.exp(log_sigma)
    fisher[0, 0] += FISHER_DAMPING / (sigma * sigma)
    fisher[1, 1] += FISHER_DAMPING * 2.0
    return fisher


def _held(parameters: tuple[float, float], gradient: FloatArray, k: int) -> list[bool]:
    """Which parameters sit on a bound that the descent direction pushes against."""
    lower = (-float(k), math.log(SIGMA_MIN))
    upper = (2.0 * k, math.log(k))
    return [
        (value <= low and slope > 0) or (value >= high and slope < 0)
        for value, low, high, slope in zip(
            parameters, lower, upper, gradient.tolist(), strict=True
        )
    ]


def _natural_direction(
    evaluation: _Evaluation, parameters: tuple[float, float], k: int
) -> tuple[FloatArray, float]:
    """F⁻¹g over the free parameters (0 for held ones) and the decrement gᵀF⁻¹g."""
    free = ~np.array(_held(parameters, evaluation.gradient, k))
    direction = np.zeros(2)
    if free.any():
        fisher = _fisher(evaluation, parameters[1])
        direction[free] = np.linalg.solve(
            fisher[np.ix_(free, free)], evaluation.gradient[free]
        )
    return direction, max(float(np.sum(evaluation.gradient * direction)), 0.0)


def _is_converged(
    evaluation: _Evaluation, parameters: tuple[float, float], k: int
) -> bool:
    """The stopping rule: a full natural step would gain at most the tolerance."""
    _, decrement = _natural_direction(evaluation, parameters, k)
    return 0.5 * decrement <= CONVERGENCE_TOLERANCE


def _limited(step: FloatArray, log_sigma: float) -> tuple[float, float]:
    """|Δμ| ≤ max(σ, 1) and |Δlog σ| ≤ MAX_LOG_SIGMA_STEP."""
    limit = max(math.exp(log_sigma), 1.0)
    d_mu, d_log_sigma = step.tolist()
    return (
        min(max(d_mu, -limit), limit),
        min(max(d_log_sigma, -MAX_LOG_SIGMA_STEP), MAX_LOG_SIGMA_STEP),
    )


def _advance(
    log_p: FloatArray,
    p: FloatArray,
    direction: Direction,
    lr: float,
    parameters: tuple[float, float],
    evaluation: _Evaluation,
) -> tuple[tuple[float, float], _Evaluation, bool]:
    """One natural-gradient step with backtracking; returns (θ, eval, converged)."""
    mu, log_sigma = parameters
    natural, _ = _natural_direction(evaluation, parameters, p.size)
    d_mu, d_log_sigma = _limited(lr * natural, log_sigma)
    for _ in range(MAX_HALVINGS + 1):
        moved = _bounded(mu - d_mu, log_sigma - d_log_sigma, p.size)
        trial = _evaluate(log_p, p, moved[0], moved[1], direction)
        if trial.loss <= evaluation.loss:
            return moved, trial, _is_converged(trial, moved, p.size)
        d_mu, d_log_sigma = d_mu / 2.0, d_log_sigma / 2.0
    # Not even 2⁻⁴⁰ of the step lowers the loss: a minimum at the level of
    # rounding. The tolerance is meant to stop a fit long before this.
    return parameters, evaluation, True


def run_kl_fit(state: KLFitState, n: int) -> KLFitState:
    """The state after ``n`` more natural-gradient steps.

    Parameters
    ----------
    state : KLFitState
    n : int
        Number of steps, ≥ 0; 0 returns ``state`` itself.

    Returns
    -------
    KLFitState
        A new state; ``state`` is unchanged. Deterministic, and
        ``run(s, a + b)`` equals ``run(run(s, a), b)``. Steps on a converged
        state leave it where it is (``step`` still counts them).

    Raises
    ------
    ValueError
        If ``n`` is not a non-negative integer.

    Notes
    -----
    Each step is natural-gradient descent with backtracking:

    1. Δ = lr·F⁻¹·∇L, with F = Jᵀ(diag q − q qᵀ)J the Fisher information of
       the discretised Gaussian (J = ∂s/∂(μ, log σ)) plus
       :data:`FISHER_DAMPING` times the continuous Gaussian's diag(1/σ², 2),
       so F stays invertible when Q is one-hot or nearly flat. Measuring the
       step by how much Q changes, not by raw parameter units, lets one lr
       serve narrow and wide Q and both directions.
    2. |Δμ| ≤ max(σ, 1) and |Δlog σ| ≤ :data:`MAX_LOG_SIGMA_STEP`.
    3. θ ← θ − Δ, clipped into μ ∈ [−K, 2K], σ ∈ [SIGMA_MIN, K] (without the
       bounds a forward fit to peaks at both edges would run off to σ → ∞,
       and a reverse fit to a needle-thin peak to σ → 0).
    4. If the loss went up, Δ is halved (at most :data:`MAX_HALVINGS`
       times), so the loss never increases.

    The stopping rule: a state is ``converged`` when ½·gᵀF⁻¹g, the loss a
    full natural-gradient step would gain to second order, is at most
    :data:`CONVERGENCE_TOLERANCE` (1e-12 nats). A parameter held on a bound
    by a gradient pushing outward is left out of g and F, so a minimum on a
    bound converges too. The rule is a stated tolerance, not a comparison
    of rounded losses: where a fit stops moves by at most a step or two
    between CPUs, and μ and σ agree to far better than 1e-4 relative. (If
    no halved step lowers the loss at all, the fit is also ``converged``;
    the tolerance normally stops it well before.)

    From the default start on the default target each fit converges in a
    few hundred steps at :data:`DEFAULT_FIT_LR`; a step costs a few tens of
    microseconds for K = 60.
    """
    return _iterate(state, _count(n, "n"), stop_when_converged=False)


def _iterate(state: KLFitState, steps: int, stop_when_converged: bool) -> KLFitState:
    """Up to ``steps`` steps; with ``stop_when_converged``, none after convergence."""
    if steps == 0 or (stop_when_converged and state.converged):
        return state
    p = state.target
    log_p = np.log(p)
    parameters = (state.mu, state.log_sigma)
    evaluation = _evaluate(log_p, p, state.mu, state.log_sigma, state.direction)
    converged = state.converged
    losses: list[float] = []
    while len(losses) < steps and not (stop_when_converged and converged):
        if not converged:
            parameters, evaluation, converged = _advance(
                log_p, p, state.direction, state.lr, parameters, evaluation
            )
        losses.append(evaluation.loss)
    return dataclasses.replace(
        state,
        mu=parameters[0],
        log_sigma=parameters[1],
        step=state.step + len(losses),
        model=_readonly(evaluation.q),
        loss=evaluation.loss,
        gradient=_readonly(evaluation.gradient),
        converged=converged,
        loss_history=_extended(state.loss_history, losses),
    )


def step_kl_fit(state: KLFitState) -> KLFitState:
    """The state after one natural-gradient step (see :func:`run_kl_fit`)."""
    return run_kl_fit(state, 1)


def run_kl_fit_to_convergence(
    state: KLFitState, max_steps: int = 100_000
) -> KLFitState:
    """Step until the fit has converged or ``max_steps`` more steps were taken.

    Parameters
    ----------
    state : KLFitState
    max_steps : int
        At most this many steps, ≥ 0.

    Returns
    -------
    KLFitState
        ``state.step`` is then the number of steps after which the stopping
        rule of :func:`run_kl_fit` held (every one of them moved μ or σ);
        check ``converged`` in case ``max_steps`` ran out. A converged
        state is returned as it is. The count is deterministic on one
        machine; across CPUs it may differ by a step or two, since the rule
        compares a quantity that shrinks by a few percent a step.

    Raises
    ------
    ValueError
        If ``max_steps`` is not a non-negative integer.
    """
    return _iterate(state, _count(max_steps, "max_steps"), stop_when_converged=True)


def kl_readouts(state: KLFitState) -> DivergencePair:
    """D(P‖Q) and D(Q‖P) for the fit's current Q, whichever one it minimises.

    Parameters
    ----------
    state : KLFitState

    Returns
    -------
    DivergencePair
        (forward, reverse) in nats, both finite and ≥ 0 (P > 0 everywhere,
        and log Q is taken from a log-softmax). After convergence the
        forward fit has the smaller D(P‖Q) and the reverse fit the smaller
        D(Q‖P).
    """
    p = state.target
    log_p = np.log(p)
    forward = _evaluate(log_p, p, state.mu, state.log_sigma, "forward").loss
    reverse = _evaluate(log_p, p, state.mu, state.log_sigma, "reverse").loss
    return DivergencePair(forward, reverse)


__all__ = [
    "CONVERGENCE_TOLERANCE",
    "DEFAULT_FIT_LR",
    "DEFAULT_K",
    "DIRECTIONS",
    "Direction",
    "DivergencePair",
    "KLFitState",
    "default_kl_start",
    "gaussian_model",
    "halfway_mass",
    "kl_fit_objective",
    "kl_readouts",
    "peak_masses",
    "random_kl_start",
    "retarget_kl_fit",
    "run_kl_fit",
    "run_kl_fit_to_convergence",
    "start_kl_fit",
    "step_kl_fit",
    "two_peak_target",
]
