"""The KL fitting page as a value: the target's peaks, the start, both fits.

Claim 16 of docs/teaching.md. :class:`FitsState` holds P's two peaks, the
start of both fits (the default, or a seed's random start), which fits are
shown, and the forward and reverse fits (:class:`core.fitting.KLFitState`).
Reshaping P continues both fits from their current Q; :func:`derive_fits`
gives the readouts the page shows.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from core._checks import FloatArray, InputError
from core.fitting import (
    DIRECTIONS,
    DivergencePair,
    KLFitState,
    default_kl_start,
    halfway_mass,
    kl_readouts,
    peak_masses,
    random_kl_start,
    retarget_kl_fit,
    run_kl_fit,
    start_kl_fit,
    two_peak_target,
)
from core.ranges import FIT_BINS, FIT_STEPS, PEAKS, SEED

#: Which fits the page shows.
SHOWN = ("both", "forward", "reverse")


@dataclass(frozen=True)
class Peaks:
    """The target's two peaks, in bins (see :func:`core.fitting.two_peak_target`).

    Every field lies in its range of :mod:`core.ranges` (checked by
    :func:`peaks`); the two heights are not both 0.
    """

    position_1: float = 15.0
    position_2: float = 45.0
    width_1: float = 4.0
    width_2: float = 4.0
    height_1: float = 1.0
    height_2: float = 1.0

    def target(self) -> FloatArray:
        """P over the bins; ValueError for an impossible shape."""
        return two_peak_target(
            FIT_BINS,
            self.position_1,
            self.position_2,
            self.width_1,
            self.width_2,
            self.height_1,
            self.height_2,
        )


def peaks(**values: Any) -> Peaks:
    """Checked :class:`Peaks`; keys left out take their defaults.

    Raises
    ------
    ValueError
        Naming the key, for an unknown key, a value outside its range, or
        both heights at 0.
    """
    known = {limits.name: limits for limits in PEAKS}
    for key in values:
        if key not in known:
            raise ValueError(f"unknown peak setting {key!r:.40}")
    checked = {key: known[key].check(value) for key, value in values.items()}
    shape = Peaks(**checked)
    if shape.height_1 == 0 and shape.height_2 == 0:
        raise InputError(
            "height_2 must be above 0 when height_1 is 0", "height_2", "no_height"
        )
    return shape


@dataclass(frozen=True, eq=False)
class FitsState:
    """The page's whole state; build it with :func:`start_fits`.

    Attributes
    ----------
    peaks : Peaks
    seed : int or None
        The random start's seed, None for the default start.
    shown : {"both", "forward", "reverse"}
    fits : tuple of KLFitState
        The forward and the reverse fit, in the order of DIRECTIONS.
    """

    peaks: Peaks
    seed: int | None
    shown: str
    fits: tuple[KLFitState, ...]

    @property
    def step(self) -> int:
        """Steps since the last start or reshaping of P (the longer fit's)."""
        return max(fit.step for fit in self.fits)

    @property
    def converged(self) -> bool:
        """True when both fits have converged."""
        return all(fit.converged for fit in self.fits)

    def fit(self, direction: str) -> KLFitState:
        """The fit in ``direction``."""
        return self.fits[DIRECTIONS.index(direction)]

    def start_point(self) -> tuple[float, float]:
        """(μ, log σ) both fits start from."""
        if self.seed is None:
            return default_kl_start(FIT_BINS)
        return random_kl_start(FIT_BINS, self.seed)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FitsState):
            return NotImplemented
        mine = [(f.mu, f.log_sigma, f.step) for f in self.fits]
        theirs = [(f.mu, f.log_sigma, f.step) for f in other.fits]
        return (self.peaks, self.seed, self.shown, mine) == (
            other.peaks,
            other.seed,
            other.shown,
            theirs,
        )

    __hash__ = None  # type: ignore[assignment]


def _shown(value: Any) -> str:
    if value not in SHOWN:
        raise ValueError(f"shown must be one of {SHOWN}, got {value!r:.40}")
    return str(value)


def start_fits(
    shape: Peaks | None = None, seed: int | None = None, shown: str = "both"
) -> FitsState:
    """Both fits at step 0 from the start ``seed`` gives, towards ``shape``.

    Raises
    ------
    ValueError
        For a seed outside its range, an unknown ``shown`` or an impossible
        shape of P.
    """
    shape = Peaks() if shape is None else shape
    if seed is not None:
        seed = SEED.check(seed)
    state = FitsState(shape, seed, _shown(shown), ())
    mu, log_sigma = state.start_point()
    target = shape.target()
    fits = tuple(start_kl_fit(target, d, mu, log_sigma) for d in DIRECTIONS)
    return dataclasses.replace(state, fits=fits)


def restart_fits(state: FitsState, **changes: Any) -> FitsState:
    """Step 0 again, with some of peaks, seed or shown changed."""
    unknown = set(changes) - {"peaks", "seed", "shown"}
    if unknown:
        raise ValueError(f"unknown fit setting {sorted(unknown)[0]!r}")
    return start_fits(
        changes.get("peaks", state.peaks),
        changes.get("seed", state.seed),
        changes.get("shown", state.shown),
    )


def reshape(state: FitsState, shape: Peaks) -> FitsState:
    """P takes ``shape``; both fits continue from their current Q.

    The same shape again is no change: ``state`` itself (its step count and
    loss histories are kept, and a store records no undo step).

    Raises
    ------
    ValueError
        For an impossible shape (the state is not changed).
    """
    if shape == state.peaks:
        return state
    target = shape.target()
    fits = tuple(retarget_kl_fit(fit, target) for fit in state.fits)
    return dataclasses.replace(state, peaks=shape, fits=fits)


def show(state: FitsState, shown: str) -> FitsState:
    """The same fits, shown differently."""
    return dataclasses.replace(state, shown=_shown(shown))


def advance_fits(state: FitsState, steps: int) -> FitsState:
    """``steps`` more steps for both fits, up to the step limit."""
    n = min(int(steps), FIT_STEPS.high - state.step)
    if n <= 0:
        return state
    return dataclasses.replace(
        state, fits=tuple(run_kl_fit(fit, n) for fit in state.fits)
    )


def can_advance(state: FitsState) -> bool:
    """Until both fits have converged, or the step limit."""
    return not state.converged and state.step < FIT_STEPS.high


def resume_fits(
    shape: Peaks,
    seed: int | None,
    shown: str,
    where: tuple[tuple[float, float, int], ...],
) -> FitsState:
    """Both fits at given (μ, log σ, step) towards ``shape`` (a saved session).

    A session, or a lesson's step, keeps where the fits are, not how they
    got there; the loss histories are recomputed by the rule of playing:
    each fit is run ``step`` steps from the start ``seed`` gives. Where that
    run arrives at the saved point (within :data:`REPLAY_TOLERANCE`, for
    another CPU's last bits), the resumed fit has its losses, as if it had
    been played here, with the last one the loss at the saved point. Where
    it does not (P was reshaped on the way, or the point was written by
    hand), no history is known and it starts afresh at the saved point.
    """
    state = start_fits(shape, seed, shown)
    target = shape.target()
    fits = []
    for played, (mu, log_sigma, step) in zip(state.fits, where, strict=True):
        fit = start_kl_fit(target, played.direction, mu, log_sigma)
        fit = dataclasses.replace(fit, step=FIT_STEPS.check(step))
        fits.append(_with_played_history(fit, played))
    return dataclasses.replace(state, fits=tuple(fits))


#: How near (relative, and absolute near 0) a replayed fit must come to a
#: saved (μ, log σ) to lend it its history: far looser than a CPU's last
#: bits over a run (:func:`core.fitting.run_kl_fit`), far tighter than any
#: reshaping of P moves a fit.
REPLAY_TOLERANCE = 1e-6


def _with_played_history(fit: KLFitState, start: KLFitState) -> KLFitState:
    """``fit`` with the losses of ``start`` run to its step, if that run gets there."""
    if fit.step == 0:
        return fit
    played = run_kl_fit(start, fit.step)
    arrived = all(
        math.isclose(a, b, rel_tol=REPLAY_TOLERANCE, abs_tol=REPLAY_TOLERANCE)
        for a, b in ((played.mu, fit.mu), (played.log_sigma, fit.log_sigma))
    )
    if not arrived:
        return fit
    history = np.append(played.loss_history[:-1], fit.loss)
    # The saved point's loss may differ from the replay's in its last bits:
    # the history stays never increasing, as a played one is.
    history = np.maximum.accumulate(history[::-1])[::-1].copy()
    history.setflags(write=False)
    return dataclasses.replace(fit, loss_history=history)


@dataclass(frozen=True)
class FitSummary:
    """What a fit's readouts show."""

    divergences: DivergencePair
    masses: tuple[float, float] | None  # None when the peaks coincide
    #: Q's mass on a bin half-way between the peaks (counted in neither).
    halfway: float = 0.0


@dataclass(frozen=True)
class FitsResults:
    """What the page shows for a :class:`FitsState`."""

    state: FitsState
    target: FloatArray
    summaries: tuple[FitSummary, ...]
    start: tuple[float, float]

    @property
    def start_sigma(self) -> float:
        """σ of the start, in bins."""
        return math.exp(self.start[1])


def summarise(fit: KLFitState, shape: Peaks) -> FitSummary:
    """Both divergences of the fit's Q and its mass near each peak."""
    if shape.position_1 == shape.position_2:
        return FitSummary(kl_readouts(fit), None)
    where = (fit.model, shape.position_1, shape.position_2)
    return FitSummary(kl_readouts(fit), peak_masses(*where), halfway_mass(*where))


def derive_fits(state: FitsState) -> FitsResults:
    """Everything the page shows for ``state``."""
    return FitsResults(
        state=state,
        target=state.fits[0].target,
        summaries=tuple(summarise(fit, state.peaks) for fit in state.fits),
        start=state.start_point(),
    )
