"""One plain scenario in, everything the window shows out: :func:`evaluate`."""

from __future__ import annotations

import dataclasses
import functools
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from core import _checks
from core._checks import FloatArray
from core.families import Family, family_log_weights, family_weights
from core.information import (
    _divergences,
    _entropy_from_log,
    _scale_to_one,
)
from core.losses import (
    _sigmoid,
    _softmax_from_parts,
    _softmax_minus_target,
    smoothed_targets,
)
from core.softmax import _log_normaliser, _normaliser_parts, _scaled

UNITS = {"bits": 2.0, "nats": math.e}

#: The loss curve spans at least this range of the true-class logit.
CURVE_HALF_WIDTH = 12.0
CURVE_POINTS = 241


def _frozen_array(values: Any, name: str = "values") -> FloatArray:
    """A read-only float64 array; complex values or huge integers name ``name``.

    An array that is already float64, read-only and owns its memory (as every
    array this returns is) is shared, not copied: a change of T in a state
    with 100,000 logits then costs the undo history nothing but the new T.
    """
    if (
        isinstance(values, np.ndarray)
        and values.dtype == np.float64
        and not values.flags.writeable
        and values.base is None
    ):
        return values
    array = np.array(_checks.as_float_array(values, name))
    array.setflags(write=False)
    return array


@dataclass(frozen=True, eq=False)
class Scenario:
    """Everything a user can set, as plain immutable values.

    A scenario may hold values that :func:`evaluate` rejects (all weights of
    P at zero, say): the window keeps such a state and explains it, rather
    than refusing the slider move that produced it. Only arrays that are not
    real numbers at all (complex values, integers beyond the float range,
    text) are refused at construction, with a ValueError naming the field.

    Attributes
    ----------
    p_weights, q_weights : array of float, shape (K,)
        Non-negative weights; P and Q are their normalisations.
    logits : array of float, shape (K,)
        One logit per outcome (the classes are the outcomes).
    temperature : float
        Softmax temperature T > 0.
    label : int
        The true class, in [0, K).
    label_smoothing : float
        ε in [0, 1].
    units : {"bits", "nats"}
        Unit of every entropy, divergence and loss in the results.
    linked : bool
        If true, Q is softmax(logits/T) (``q_weights`` is ignored) and the
        loss's target is P (a soft label) instead of ``label``.
    p_family, q_family : Family or None
        When set, the family's weights replace ``p_weights``/``q_weights``
        (family mode, for K up to 100,000).
    logits_follow_q : bool
        If true, the logits are log Q's weights (−inf where a weight is 0)
        instead of ``logits``, so softmax at T = 1 reproduces Q: a language
        model's prediction, reshaped by the temperature.
    """

    p_weights: FloatArray = field(default_factory=lambda: _frozen_array([]))
    q_weights: FloatArray = field(default_factory=lambda: _frozen_array([]))
    logits: FloatArray = field(default_factory=lambda: _frozen_array([]))
    temperature: float = 1.0
    label: int = 0
    label_smoothing: float = 0.0
    units: str = "bits"
    linked: bool = False
    p_family: Family | None = None
    q_family: Family | None = None
    logits_follow_q: bool = False

    def __post_init__(self) -> None:
        for name in ("p_weights", "q_weights", "logits"):
            object.__setattr__(self, name, _frozen_array(getattr(self, name), name))

    @property
    def k(self) -> int:
        """Number of outcomes."""
        return self.p_family.k if self.p_family else int(self.p_weights.size)

    def replace(self, **changes: Any) -> Scenario:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Scenario):
            return NotImplemented
        return all(
            np.array_equal(getattr(self, f.name), getattr(other, f.name))
            for f in dataclasses.fields(self)
        )

    __hash__ = None  # type: ignore[assignment]


def default_scenario() -> Scenario:
    """The scenario the window opens with: four outcomes, bits."""
    return Scenario(
        p_weights=_frozen_array([0.4, 0.3, 0.2, 0.1]),
        q_weights=_frozen_array([0.25, 0.25, 0.25, 0.25]),
        logits=_frozen_array([2.0, 1.0, 0.1, -1.0]),
        temperature=1.0,
        label=0,
        label_smoothing=0.0,
        units="bits",
    )


@dataclass(frozen=True)
class LossCurve:
    """The loss and its gradient as the true-class logit sweeps, others fixed.

    ``z`` is the grid of true-class logits; ``loss`` is in the scenario's
    units; ``grad`` is d(loss in nats)/dz. ``current_z`` marks the scenario's
    own logit, where the curve equals the loss readout; the grid spans at
    least [−12, 12] and ``current_z`` ± 1 (a −inf logit lies off the grid).
    """

    z: FloatArray
    loss: FloatArray
    grad: FloatArray
    current_z: float


@dataclass(frozen=True)
class Results:
    """Every number the window shows, computed in one pass by :func:`evaluate`.

    Entropies, divergences and the loss are in ``units``. Each ``*_infinite_at``
    tuple lists the outcomes that make the matching value infinite (empty
    when it is finite): Q = 0 where P > 0 for D(P‖Q) and H(P,Q); P = 0 where
    Q > 0 for D(Q‖P) and H(Q,P); a class the target needs but whose
    probability is exactly 0 for the loss.

    When linked, Q is a softmax and an outcome whose probability underflows
    to 0 (or to a subnormal) is still possible: its log comes from the
    log-softmax. D(P‖Q), H(P,Q) and the information of Q stay finite there
    (a −inf logit is needed for an infinite value; with ε = 0, H(P,Q) is
    the loss), and D(Q‖P) and H(Q,P) are infinite where such an outcome has
    P = 0, with the outcome named.

    The entropies and divergences are those of the normalised P and Q
    (see :mod:`core.information`), each accurate to a few ulps however close
    Q is to P; H(P,Q) = H(P) + D(P‖Q) to rounding. ``kl_terms_pq`` and
    ``kl_terms_qp`` are p·log(p/q) and q·log(q/p) of the vectors shown, each
    accurate to a few ulps; a single term may be negative.

    Every array is read-only, and may be the very array of an earlier
    Results: a side of the scenario that did not change (Q's, while P is
    dragged) hands on its arrays, so that a view can tell by identity that
    there is nothing to redraw.
    """

    units: str
    p: FloatArray
    q: FloatArray
    information_p: FloatArray
    information_q: FloatArray
    entropy_p: float
    entropy_q: float
    cross_entropy_pq: float
    cross_entropy_qp: float
    kl_pq: float
    kl_qp: float
    kl_terms_pq: FloatArray
    kl_terms_qp: FloatArray
    js: float
    kl_pq_infinite_at: tuple[int, ...]
    kl_qp_infinite_at: tuple[int, ...]
    softmax: FloatArray
    target: FloatArray
    loss: float
    loss_infinite_at: tuple[int, ...]
    grad: FloatArray
    curve: LossCurve
    # What the views need to draw these numbers, so none reads the state.
    label: int = 0
    logits: FloatArray = field(default_factory=lambda: _frozen_array([]))
    temperature: float = 1.0
    label_smoothing: float = 0.0
    linked: bool = False
    logits_follow_q: bool = False
    family_mode: bool = False
    log_rank: bool = False


class _Same:
    """A cache key that matches the same array object (held, so its id lives).

    Scenario arrays are read-only and owned (see :func:`_frozen_array`), and
    family weights are cached read-only arrays: the same object is the same
    values.
    """

    __slots__ = ("array",)

    def __init__(self, array: FloatArray) -> None:
        self.array = array

    def __hash__(self) -> int:
        return id(self.array)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.array is self.array


def _weights(scenario: Scenario) -> tuple[FloatArray, FloatArray]:
    """P's and Q's weights, with families expanded (cached per family)."""
    p_w = family_weights(scenario.p_family) if scenario.p_family else scenario.p_weights
    q_w = family_weights(scenario.q_family) if scenario.q_family else scenario.q_weights
    return p_w, q_w


def _closed_log(family: Family | None) -> _Same | None:
    """A family's log-weights in closed form (Zipf, uniform), as a cache key."""
    logs = family_log_weights(family) if family is not None else None
    return None if logs is None else _Same(logs)


def _raw_logits(scenario: Scenario, q_w: FloatArray) -> FloatArray:
    """The scenario's logits, or log Q's weights when the logits follow Q."""
    if not scenario.logits_follow_q:
        return scenario.logits
    closed = _closed_log(scenario.q_family)
    return closed.array if closed is not None else _log_weights(_Same(q_w))


# While one slider moves, only one side of a scenario changes: P's weights,
# or the logits and T, or the label. Each side is worked out by a function
# of the objects it depends on, cached for the last two (the one shown and
# the one before), so a drag of P at K = 100,000 does not redo Q's logs
# and exponentials. Every array these return is read-only: the same arrays
# go to every Results that shares them.


@functools.lru_cache(maxsize=2)
def _log_weights(q_w: _Same) -> FloatArray:
    q_checked = _checks.weights(q_w.array, "q_weights")
    with np.errstate(divide="ignore"):
        return _read_only(np.log(q_checked))


@dataclass(frozen=True, eq=False)
class _Distribution:
    """P or Q: probabilities, their logs, information (in the units), entropy (nats).

    Q's logs are a log-softmax when linked (see :func:`_q_from_logits`).
    """

    probabilities: FloatArray
    logs: FloatArray
    information: FloatArray
    entropy: float


def _distribution(
    probabilities: FloatArray, logs: FloatArray, ln_unit: float
) -> _Distribution:
    return _Distribution(
        probabilities=_read_only(probabilities),
        logs=_read_only(logs),
        information=_read_only((0.0 - logs) / ln_unit),
        entropy=_entropy_from_log(probabilities, logs),
    )


def _normalised_with_log(
    w: _Same, log_w: _Same | None, name: str
) -> tuple[FloatArray, FloatArray]:
    """Weights scaled to sum to 1, and their logs.

    With a family's closed-form log-weights (largest weight 1, valid by
    construction) log p is log w − log Σw: no pass of logarithms, and p
    itself is what :func:`_normalised` gives, to the bit.
    """
    if log_w is None:
        p = _normalised(w.array, name)
        with np.errstate(divide="ignore"):
            return p, np.log(p)
    total = float(np.sum(w.array))
    return w.array / total, log_w.array - math.log(total)


@functools.lru_cache(maxsize=2)
def _p_side(p_w: _Same, ln_unit: float, log_w: _Same | None = None) -> _Distribution:
    return _distribution(*_normalised_with_log(p_w, log_w, "p_weights"), ln_unit)


@dataclass(frozen=True, eq=False)
class _Model:
    """The softmax of the logits at T, with the pieces its exact forms need."""

    z: FloatArray
    t: float
    log_softmax: FloatArray
    softmax: FloatArray
    top: Any
    rest: FloatArray
    #: T·log Σ exp(z/T), for the loss curve.
    full_normaliser: float


@functools.lru_cache(maxsize=2)
def _model(raw_logits: _Same, t: float) -> _Model:
    z = _checks.logits(raw_logits.array, "logits")
    shifted = _scaled(z, t)
    log_normaliser, top, rest, exps = _normaliser_parts(shifted)
    log_softmax = shifted - log_normaliser
    softmax = _softmax_from_parts(top, rest, exps)
    return _Model(
        z=_frozen_array(z),
        t=t,
        log_softmax=_read_only(log_softmax),
        softmax=_read_only(softmax),
        top=top,
        rest=rest,
        full_normaliser=float(np.max(z)) + t * float(log_normaliser[0]),
    )


@functools.lru_cache(maxsize=2)
def _q_from_logits(model: _Model, ln_unit: float) -> _Distribution:
    # A linked Q underflows to 0 where its log is still finite (a gap of
    # 800 nats): keep log Q, so that H(P,Q) stays the (finite) loss and
    # such an outcome still counts as possible.
    return _distribution(model.softmax, model.log_softmax, ln_unit)


@functools.lru_cache(maxsize=2)
def _q_from_weights(
    q_w: _Same, ln_unit: float, log_w: _Same | None = None
) -> _Distribution:
    return _distribution(*_normalised_with_log(q_w, log_w, "q_weights"), ln_unit)


@dataclass(frozen=True, eq=False)
class _TargetSide:
    """The (smoothed) target, the loss (nats) and what follows from it."""

    target: FloatArray
    loss: float
    loss_infinite_at: tuple[int, ...]
    grad: FloatArray
    curve: LossCurve


@functools.lru_cache(maxsize=2)
def _target_side(
    model: _Model,
    p_side: _Distribution | None,
    label: int,
    eps: float,
    ln_unit: float,
) -> _TargetSide:
    """Against P when linked (``p_side``), else against the label."""
    raw_target = p_side.probabilities if p_side is not None else label
    target = smoothed_targets(model.z, raw_target, eps)[0]
    log_softmax = model.log_softmax
    # 0·log 0 = 0: a class the target ignores adds nothing, even at q = 0;
    # 0.0 − Σ, not −Σ: a perfect prediction costs +0, never −0.
    loss = 0.0 - float(np.sum(target * np.where(target > 0, log_softmax, 0.0)))
    grad = _softmax_minus_target(model.softmax, target, model.top, model.rest)
    impossible = (target > 0) & np.isneginf(log_softmax)
    return _TargetSide(
        target=_read_only(target),
        loss=loss,
        loss_infinite_at=tuple(int(i) for i in np.flatnonzero(impossible)),
        grad=_read_only(grad / model.t),
        curve=_sweep_true_logit(
            model.z,
            target,
            model.t,
            label,
            ln_unit,
            model.full_normaliser,
            float(model.softmax[label]),
        ),
    )


def forget_cached_sides() -> None:
    """Drop every cached side: the next :func:`evaluate` works all out anew.

    Results never depend on it (the tests check that warm and cold agree to
    the last bit); it frees the arrays of the last two scenarios.
    """
    for cached in (
        _log_weights,
        _p_side,
        _model,
        _q_from_logits,
        _q_from_weights,
        _target_side,
    ):
        cached.cache_clear()


def _read_only(array: FloatArray) -> FloatArray:
    array.setflags(write=False)
    return array


def _check_sizes(p_w: FloatArray, q_w: FloatArray, z: FloatArray, linked: bool) -> None:
    k = p_w.size
    if k < 2:
        raise ValueError(f"p_weights must have at least 2 outcomes, got {k}")
    if not linked and q_w.size != k:
        raise ValueError(f"q_weights has {q_w.size} entries but p_weights has {k}")
    if z.ndim != 1:
        raise ValueError(f"logits must be 1-D, got shape {z.shape}")
    if z.size != k:
        raise ValueError(f"logits has {z.size} entries but p_weights has {k}")


def _check_settings(scenario: Scenario) -> tuple[float, float, float, int]:
    if scenario.units not in UNITS:
        raise ValueError(f"units must be 'bits' or 'nats', got {scenario.units!r}")
    k = scenario.k
    t = _checks.temperature(scenario.temperature)
    eps = _checks.label_smoothing(scenario.label_smoothing)
    label = _checks.class_index(scenario.label, k, "label")
    return t, eps, math.log(UNITS[scenario.units]), label


def _others_log_normaliser(
    others: FloatArray, t: float, full: float, q_c: float
) -> float:
    """R = T·log Σ_{i≠c} exp(z_i/T), the other classes' share of the normaliser.

    While the true class holds less than half the mass, R comes from the full
    normaliser as T·(log Σ exp(z/T) + log(1 − q_c)): no second pass of
    exponentials over 100,000 classes. Otherwise 1 − q_c would lose digits,
    and the sum over the others is taken directly.
    """
    top = float(np.max(others))
    if not math.isfinite(top):
        return -math.inf  # every other class has probability 0
    if q_c < 0.5:
        return full + t * math.log1p(-q_c)
    return top + t * float(_log_normaliser(_scaled(others, t))[0])


def _sweep_true_logit(
    z: FloatArray,
    target: FloatArray,
    t: float,
    label: int,
    ln_unit: float,
    full: float,
    true_share: float,
) -> LossCurve:
    """Loss(z_c) in closed form, O(K + grid), never NaN.

    With R = T·logsumexp over the other logits and d = (R − z_c)/T:
    L = y_c·softplus(d) + (1 − y_c)·softplus(−d) + Σ_{i≠c} y_i (R − z_i)/T.
    """
    current = float(z[label])
    others = np.delete(z, label)
    y_others = np.delete(target, label)
    y_c = float(target[label])
    needed = y_others > 0
    r = _others_log_normaliser(others, t, full, true_share)
    if np.any(np.isneginf(others[needed])):
        # The target needs a class of probability 0, whatever z_c: +inf.
        constant = math.inf
    else:
        with np.errstate(over="ignore"):
            gaps = (r - others[needed]) / t
        constant = float(np.sum(y_others[needed] * gaps))
    # A true-class logit of −inf is marked but does not stretch the grid.
    reach = current if math.isfinite(current) else 0.0
    grid = np.linspace(
        min(-CURVE_HALF_WIDTH, reach - 1.0),
        max(CURVE_HALF_WIDTH, reach + 1.0),
        CURVE_POINTS,
    )
    with np.errstate(over="ignore"):
        d = (r - grid) / t
    loss = np.full_like(grid, constant)
    if y_c > 0:
        loss += y_c * np.logaddexp(0.0, d)
    if y_c < 1:
        loss += (1.0 - y_c) * np.logaddexp(0.0, -d)
    # q_c − y_c as (1 − y_c)·q_c − y_c·(1 − q_c), with q_c = σ(−d) and
    # 1 − q_c = σ(d) each from its own exponential: q_c − 1 would round to 0
    # once q_c rounds to 1 (d < −37), where the true gradient is −e^d.
    # (exp(−logaddexp(0, d)) would round its argument: 32 ulps at d = −32.)
    q_c = _sigmoid(-d)
    others = _sigmoid(d)
    return LossCurve(
        z=_read_only(grid),
        loss=_read_only(loss / ln_unit),
        grad=_read_only(((1.0 - y_c) * q_c - y_c * others) / t),
        current_z=current,
    )


def evaluate(scenario: Scenario) -> Results:
    """Compute everything the window shows from one scenario, in one pass.

    Parameters
    ----------
    scenario : Scenario

    Returns
    -------
    Results
        Normalised P and Q (Q = softmax(logits/T) when linked), the
        information of each outcome, H(P), H(Q), H(P,Q), H(Q,P), D(P‖Q),
        D(Q‖P) with their per-outcome terms, JS, the softmax, the (smoothed)
        target, the loss, its gradient (of the loss in nats) and the loss
        curve over the true-class logit. No value is NaN; an infinite value
        comes with the outcomes that cause it.

    Raises
    ------
    ValueError
        With a message naming the field, for weights that are negative,
        non-finite or all zero, lengths that differ, K < 2, a bad
        temperature, label, label smoothing or unit, or logits with NaN or
        +inf.
    """
    p_w, q_w = _weights(scenario)
    raw_logits = _raw_logits(scenario, q_w)
    _check_sizes(p_w, q_w, raw_logits, scenario.linked)
    t, eps, ln_unit, label = _check_settings(scenario)
    p_side = _p_side(_Same(p_w), ln_unit, _closed_log(scenario.p_family))
    model = _model(_Same(raw_logits), t)
    # softmax(log w) is w/Σw exactly, but exp(log w) rounds: at T = 1 with
    # logits that follow Q, Q is taken as the normalised weights themselves,
    # so that Q = P (the same family) gives divergences of exactly 0.
    exact_q = scenario.logits_follow_q and t == 1.0
    from_logits = scenario.linked and not exact_q
    if from_logits:
        q_side = _q_from_logits(model, ln_unit)
    else:
        q_side = _q_from_weights(_Same(q_w), ln_unit, _closed_log(scenario.q_family))
    aim = _target_side(model, p_side if scenario.linked else None, label, eps, ln_unit)
    p, q = p_side.probabilities, q_side.probabilities
    pair = _divergences(p, q, q_side.logs if from_logits else None)
    kl_pq, kl_qp, js = pair.kl_pq, pair.kl_qp, pair.js
    infinite_pq = tuple(int(i) for i in np.flatnonzero(np.isinf(pair.terms_pq)))
    infinite_qp = tuple(int(i) for i in np.flatnonzero(np.isinf(pair.terms_qp)))
    entropy_p, entropy_q = p_side.entropy, q_side.entropy
    return Results(
        units=scenario.units,
        p=p,
        q=q,
        information_p=p_side.information,
        information_q=q_side.information,
        entropy_p=entropy_p / ln_unit,
        entropy_q=entropy_q / ln_unit,
        # H(P,Q) = H(P) + D(P‖Q) to rounding, never below H(P).
        cross_entropy_pq=(entropy_p + kl_pq) / ln_unit,
        cross_entropy_qp=(entropy_q + kl_qp) / ln_unit,
        kl_pq=kl_pq / ln_unit,
        kl_qp=kl_qp / ln_unit,
        # In place: the terms are fresh, and 100,000 of them a new buffer each.
        kl_terms_pq=_read_only(np.divide(pair.terms_pq, ln_unit, out=pair.terms_pq)),
        kl_terms_qp=_read_only(np.divide(pair.terms_qp, ln_unit, out=pair.terms_qp)),
        js=js / ln_unit,
        kl_pq_infinite_at=infinite_pq,
        kl_qp_infinite_at=infinite_qp,
        softmax=model.softmax,
        target=aim.target,
        loss=aim.loss / ln_unit,
        loss_infinite_at=aim.loss_infinite_at,
        grad=aim.grad,
        label=label,
        logits=model.z,
        temperature=t,
        label_smoothing=eps,
        linked=scenario.linked,
        logits_follow_q=scenario.logits_follow_q,
        family_mode=scenario.p_family is not None and scenario.q_family is not None,
        log_rank=_ranked(scenario.p_family, scenario.q_family),
        curve=aim.curve,
    )


#: Families whose outcomes are ranks, most probable first (uniform: any
#: order): a log axis of rank suits them.
RANKED_KINDS = ("zipf", "uniform")


def _ranked(*families: Family | None) -> bool:
    """Whether the outcome axis is a log rank: a Zipf, and only ranked families.

    Two peaks and a Dirichlet draw are indexed, not ranked: beside a Zipf
    Q, a two-peaks P's peaks (outcomes 25,000 and 75,000) were squeezed
    into the last decade of an axis labelled "outcome rank".
    """
    kinds = [family.kind for family in families if family is not None]
    return "zipf" in kinds and all(kind in RANKED_KINDS for kind in kinds)


def _normalised(weights: FloatArray, name: str) -> FloatArray:
    return _scale_to_one(_checks.weights(weights, name))
