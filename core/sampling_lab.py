"""The Sampling lab as a value: a seeded run of draws from the explorer's P and Q.

Section 1 of issue 16: draw outcomes from P (and, in step, from Q), show each
draw's information and the running means converging to H(P), H(P,Q) and
D(P‖Q), and the three Monte Carlo estimators k1, k2, k3 of **D(Q‖P)** from the
draws of Q (Schulman's convention: the divergence weighted by the
distribution sampled from; see :mod:`core.sampling`).

:class:`SamplingLabState` is everything the page holds: P and Q as the
explorer gave them, the seed, the units, the rate at which Play draws, and
the run (a :class:`core.sampling.SamplingState`). The draws are a function
of the seed and of how many came before, so a saved run continues with the
same draws it would have made. :func:`start_sampling_lab` makes one;
:func:`advance_sampling_lab`, :func:`reset_sampling_lab`,
:func:`restart_sampling_lab`, :func:`with_units` and :func:`with_rate` are
its pure changes; :func:`derive_sampling_lab` gives what the page shows.
"""

from __future__ import annotations

import dataclasses
import operator
from dataclasses import dataclass
from typing import Any

from core._checks import FloatArray, as_float_array
from core.ranges import LAB_DEFAULT_RATE, LAB_DRAWS, LAB_K, LAB_RATES, SEED
from core.sampling import (
    LOG_BASES,
    MAX_DRAW,
    SamplingResults,
    SamplingState,
    draw,
    reset,
    sampling_results,
    start_sampling,
)

#: The units the page offers.
LAB_UNITS = tuple(LOG_BASES)


def lab_distribution(values: Any, name: str) -> tuple[float, ...]:
    """A lab's P or Q as a tuple of floats, with K in :data:`core.ranges.LAB_K`.

    Raises
    ------
    ValueError
        Naming ``name``, for something that is not a 1-D list of numbers or
        whose length is outside [2, 1024]. (Whether it is a distribution is
        :func:`core.sampling.start_sampling`'s check.)
    """
    array = as_float_array(values, name)
    if array.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional")
    if not LAB_K.low <= array.size <= LAB_K.high:
        raise ValueError(
            f"{name} has {array.size:,} outcomes; the labs draw from "
            f"{LAB_K.low} to {LAB_K.high:,}"
        )
    return tuple(float(v) for v in array)


def lab_rate(value: Any) -> int:
    """One of :data:`core.ranges.LAB_RATES`, or a ValueError naming ``rate``."""
    if isinstance(value, bool) or value not in LAB_RATES:
        allowed = ", ".join(f"{r:,}" for r in LAB_RATES)
        raise ValueError(f"rate must be one of {allowed} draws per second")
    return int(value)


def lab_seed(value: Any) -> int:
    """A seed in :data:`core.ranges.SEED`, or a ValueError naming ``seed``."""
    if isinstance(value, bool):
        raise ValueError("seed must be an integer")
    try:
        number = operator.index(value)
    except TypeError:
        raise ValueError("seed must be an integer") from None
    return SEED.check(number, "seed")


@dataclass(frozen=True, eq=False)
class SamplingLabState:
    """The Sampling lab's whole state; make it with :func:`start_sampling_lab`.

    Attributes
    ----------
    p, q : tuple of float
        The distributions as given (the explorer's P and Q); the run
        normalises them.
    seed : int
        In :data:`core.ranges.SEED`; the run's draws are a function of it.
    units : {"bits", "nats"}
        What the page shows every value in.
    rate : int
        Draws per second while playing, one of :data:`core.ranges.LAB_RATES`.
    run : SamplingState
        The draws so far (its seed is ``seed``).

    Two states are equal when their settings and their number of draws are:
    the draws themselves follow from those.
    """

    p: tuple[float, ...]
    q: tuple[float, ...]
    seed: int
    units: str
    rate: int
    run: SamplingState

    @property
    def count(self) -> int:
        """Draws so far from each of P and Q."""
        return self.run.count

    @property
    def step(self) -> int:
        """The run's progress (as the other pages' ``step``): draws so far."""
        return self.run.count

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SamplingLabState):
            return NotImplemented
        return _key(self) == _key(other)

    __hash__ = None  # type: ignore[assignment]


def _key(state: SamplingLabState) -> tuple[Any, ...]:
    return (state.p, state.q, state.seed, state.units, state.rate, state.count)


def start_sampling_lab(
    p: Any,
    q: Any,
    seed: Any = SEED.default,
    units: Any = "bits",
    rate: Any = LAB_DEFAULT_RATE,
) -> SamplingLabState:
    """A run of P and Q before its first draw.

    Parameters
    ----------
    p, q : array_like, shape (K,)
        Probability vectors of the same length, 2 ≤ K ≤ 1024, each summing
        to 1 within 1e-9 (the explorer's P and Q; weights are refused).
    seed : int
        In [0, 2³¹ − 1].
    units : {"bits", "nats"}
    rate : int
        One of :data:`core.ranges.LAB_RATES`.

    Raises
    ------
    ValueError
        Naming the argument: K outside [2, 1024], vectors the sampling core
        refuses (negative, not summing to 1, different lengths), a seed,
        units or rate not offered.
    """
    p_values = lab_distribution(p, "p")
    q_values = lab_distribution(q, "q")
    if units not in LAB_UNITS:
        raise ValueError(f"units must be 'bits' or 'nats', got {units!r:.40}")
    seed_value = lab_seed(seed)
    return SamplingLabState(
        p=p_values,
        q=q_values,
        seed=seed_value,
        units=str(units),
        rate=lab_rate(rate),
        run=start_sampling(p_values, q_values, seed_value),
    )


def advance_sampling_lab(state: SamplingLabState, n: int) -> SamplingLabState:
    """``n`` more draws from each of P and Q, up to :data:`core.ranges.LAB_DRAWS`.

    Any n ≥ 0 (in calls of at most the core's one million). Returns
    ``state`` itself when there is nothing to draw.
    """
    left = min(int(n), LAB_DRAWS.high - state.count)
    run = state.run
    while left > 0:
        batch = min(left, MAX_DRAW)
        run = draw(run, batch)
        left -= batch
    return state if run is state.run else dataclasses.replace(state, run=run)


def can_advance_sampling_lab(state: SamplingLabState) -> bool:
    """Until the run has made :data:`core.ranges.LAB_DRAWS` draws."""
    return state.count < LAB_DRAWS.high


def reset_sampling_lab(state: SamplingLabState) -> SamplingLabState:
    """The same run before its first draw (same P, Q and seed)."""
    return dataclasses.replace(state, run=reset(state.run))


def restart_sampling_lab(
    state: SamplingLabState, p: Any = None, q: Any = None, seed: Any = None
) -> SamplingLabState:
    """A new run from its first draw: new P and Q, or a new seed, if given."""
    return start_sampling_lab(
        state.p if p is None else p,
        state.q if q is None else q,
        state.seed if seed is None else seed,
        state.units,
        state.rate,
    )


def with_units(state: SamplingLabState, units: Any) -> SamplingLabState:
    """The same run shown in other units."""
    if units not in LAB_UNITS:
        raise ValueError(f"units must be 'bits' or 'nats', got {units!r:.40}")
    return dataclasses.replace(state, units=str(units))


def with_rate(state: SamplingLabState, rate: Any) -> SamplingLabState:
    """The same run, played at another rate from now on."""
    return dataclasses.replace(state, rate=lab_rate(rate))


@dataclass(frozen=True)
class SamplingLabResults:
    """What the page shows: the state and its sampling results in its units.

    Attributes
    ----------
    state : SamplingLabState
    sampling : SamplingResults
        Every estimate, in ``state.units``.
    p, q : ndarray, shape (K,)
        The normalised distributions the run draws from.
    """

    state: SamplingLabState
    sampling: SamplingResults
    p: FloatArray
    q: FloatArray


def derive_sampling_lab(state: SamplingLabState) -> SamplingLabResults:
    """Everything the page shows for ``state`` (cheap: O(K), never O(draws))."""
    return SamplingLabResults(
        state=state,
        sampling=sampling_results(state.run, state.units),
        p=state.run.p,
        q=state.run.q,
    )


__all__ = [
    "LAB_UNITS",
    "SamplingLabResults",
    "SamplingLabState",
    "advance_sampling_lab",
    "can_advance_sampling_lab",
    "derive_sampling_lab",
    "lab_distribution",
    "lab_rate",
    "lab_seed",
    "reset_sampling_lab",
    "restart_sampling_lab",
    "start_sampling_lab",
    "with_rate",
    "with_units",
]
