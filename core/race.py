"""The Vanishing gradients page as a value: the inspected logit and the race.

Claims 13 and 14 of docs/teaching.md. :class:`RaceState` is everything the
page holds: z₀, the label y, the learning rate and the two racers
(gradient descent on z from z₀ with cross-entropy and with squared error).
:func:`derive_race` computes what the page shows from it; :func:`advance_race`
takes steps. The steps each loss needs to get below :data:`THRESHOLD` are
counted incrementally (:class:`ReachCount`), since a small learning rate can
take 150,000 steps.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from core.ranges import (
    RACE_DEFAULT_SPEED,
    RACE_LEARNING_RATE,
    RACE_SPEEDS,
    RACE_STEPS,
    RACE_Z0,
)
from core.training import (
    HISTORY_LIMIT,
    LOSS_KINDS,
    LossKind,
    SigmoidDescentState,
    SigmoidLossCurves,
    run_sigmoid_descent,
    sigmoid_loss_curves,
    start_sigmoid_descent,
)

#: The race counts the steps until the loss drops below this.
THRESHOLD = 0.1

#: The count of steps to reach THRESHOLD gives up after this many steps.
COUNT_LIMIT = 200_000


def _label(value: Any) -> int:
    """0 or 1 (also as 0.0, 1.0 or a NumPy scalar); ValueError naming it otherwise."""
    number = isinstance(value, int | float | np.integer | np.floating)
    if not number or isinstance(value, bool) or value not in (0, 1):
        raise ValueError(f"label must be 0 or 1, got {value!r:.40}")
    return int(value)


@dataclass(frozen=True, eq=False)
class RaceState:
    """The page's whole state; build it with :func:`start_race`.

    Attributes
    ----------
    z0 : float
        The inspected logit, where both racers start; in :data:`RACE_Z0`.
    label : {0, 1}
    learning_rate : float
        In :data:`RACE_LEARNING_RATE`.
    racers : tuple of SigmoidDescentState
        Cross-entropy's and squared error's descent, in the order of
        :data:`core.training.LOSS_KINDS`, both at the same step.
    steps_per_frame : int
        How many steps Play takes a frame, one of :data:`RACE_SPEEDS`.
    """

    z0: float
    label: int
    learning_rate: float
    racers: tuple[SigmoidDescentState, ...]
    steps_per_frame: int = RACE_DEFAULT_SPEED

    @property
    def step(self) -> int:
        """Steps both racers have taken."""
        return self.racers[0].step

    def racer(self, kind: LossKind) -> SigmoidDescentState:
        """The racer trained with ``kind``."""
        return self.racers[LOSS_KINDS.index(kind)]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RaceState):
            return NotImplemented
        return (
            self.z0,
            self.label,
            self.learning_rate,
            self.step,
            self.steps_per_frame,
        ) == (
            other.z0,
            other.label,
            other.learning_rate,
            other.step,
            other.steps_per_frame,
        )

    __hash__ = None  # type: ignore[assignment]


def start_race(
    z0: float = RACE_Z0.default,
    label: int = 1,
    learning_rate: float = RACE_LEARNING_RATE.default,
) -> RaceState:
    """Both racers at z₀, step 0.

    Raises
    ------
    ValueError
        Naming the argument, for a z₀ or learning rate outside its range or a
        label that is not 0 or 1.
    """
    z = RACE_Z0.check(z0)
    y = _label(label)
    lr = RACE_LEARNING_RATE.check(learning_rate)
    racers = tuple(start_sigmoid_descent(kind, z, y, lr) for kind in LOSS_KINDS)
    return RaceState(z0=z, label=y, learning_rate=lr, racers=racers)


def restart_race(state: RaceState, **changes: Any) -> RaceState:
    """The race again from step 0, with some of z0, label, learning_rate changed.

    Its speed (steps per frame) stays as it was.
    """
    unknown = set(changes) - {"z0", "label", "learning_rate"}
    if unknown:
        raise ValueError(f"unknown race setting {sorted(unknown)[0]!r}")
    restarted = start_race(
        changes.get("z0", state.z0),
        changes.get("label", state.label),
        changes.get("learning_rate", state.learning_rate),
    )
    return dataclasses.replace(restarted, steps_per_frame=state.steps_per_frame)


def race_speed(value: Any) -> int:
    """One of :data:`RACE_SPEEDS`, or a ValueError naming ``steps_per_frame``."""
    if isinstance(value, bool) or value not in RACE_SPEEDS:
        allowed = ", ".join(str(speed) for speed in RACE_SPEEDS)
        raise ValueError(f"steps_per_frame must be one of {allowed}, got {value!r:.40}")
    return int(value)


def with_speed(state: RaceState, steps_per_frame: Any) -> RaceState:
    """The same race, played ``steps_per_frame`` steps a frame from now on."""
    return dataclasses.replace(state, steps_per_frame=race_speed(steps_per_frame))


def race_finished(state: RaceState) -> bool:
    """True when both racers' losses are below :data:`THRESHOLD`."""
    return all(racer.loss < THRESHOLD for racer in state.racers)


def advance_race(state: RaceState, steps: int) -> RaceState:
    """``steps`` more steps for both racers, up to :data:`RACE_STEPS`' limit."""
    n = min(int(steps), RACE_STEPS.high - state.step)
    if n <= 0:
        return state
    racers = tuple(run_sigmoid_descent(racer, n) for racer in state.racers)
    return dataclasses.replace(state, racers=racers)


def can_advance(state: RaceState) -> bool:
    """Whether play would do anything: not finished, and under the step limit."""
    return not race_finished(state) and state.step < RACE_STEPS.high


def run_race_to(state: RaceState, step: int) -> RaceState:
    """The state after exactly ``step`` steps from the start (for sessions)."""
    start = restart_race(state)
    return advance_race(start, RACE_STEPS.check(step))


@dataclass(frozen=True)
class RaceResults:
    """What the page shows, derived from a :class:`RaceState`.

    Attributes
    ----------
    state : RaceState
    curves : SigmoidLossCurves
        Both losses and |dL/dz| over z ∈ [−10, 10] for the label.
    at_z0 : tuple of SigmoidDescentState
        Both losses at z₀ (step 0): the readouts of the gradients.
    probability : float
        σ(z₀).
    gradient_ratio : float
        |dL/dz| of cross-entropy over that of squared error at z₀ (inf when
        squared error's is 0).
    finished : bool
    """

    state: RaceState
    curves: SigmoidLossCurves
    at_z0: tuple[SigmoidDescentState, ...]
    probability: float
    gradient_ratio: float
    finished: bool


def derive_race(state: RaceState) -> RaceResults:
    """Everything the page shows for ``state`` (the curves are cached per label)."""
    start = restart_race(state)
    ce, se = (abs(racer.gradient) for racer in start.racers)
    ratio = ce / se if se > 0 else math.inf
    return RaceResults(
        state=state,
        curves=_curves(state.label),
        at_z0=start.racers,
        probability=start.racers[0].probability,
        gradient_ratio=ratio,
        finished=race_finished(state),
    )


_CURVES: dict[int, SigmoidLossCurves] = {}


def _curves(label: int) -> SigmoidLossCurves:
    if label not in _CURVES:
        _CURVES[label] = sigmoid_loss_curves(label)
    return _CURVES[label]


@dataclass(frozen=True)
class ReachCount:
    """Counting, a chunk at a time, the steps one loss needs to get below 0.1.

    ``steps`` is the answer once ``done``: exactly
    :func:`core.training.steps_to_reach` with ``max_steps`` =
    :data:`COUNT_LIMIT` (None when that is not enough).
    """

    kind: LossKind
    runner: SigmoidDescentState
    steps: int | None
    done: bool

    @property
    def progress(self) -> int:
        """Steps checked so far."""
        return self.runner.step


def start_count(kind: LossKind, state: RaceState) -> ReachCount:
    """A count for ``kind`` from the state's z₀, label and learning rate."""
    runner = start_sigmoid_descent(kind, state.z0, state.label, state.learning_rate)
    if runner.loss < THRESHOLD:
        return ReachCount(kind, runner, 0, True)
    return ReachCount(kind, runner, None, False)


def count_further(count: ReachCount, chunk: int = 250) -> ReachCount:
    """Up to ``chunk`` more steps of the count (a finished count is returned as is).

    A chunk never runs past :data:`COUNT_LIMIT` (a crossing after it is not
    counted, as :func:`core.training.steps_to_reach` would not count it),
    nor past the losses a runner keeps (:data:`core.training.HISTORY_LIMIT`).

    Raises
    ------
    ValueError
        If ``chunk`` is below 1 (a count that never moves would never end).
    """
    if isinstance(chunk, bool) or not isinstance(chunk, int) or chunk < 1:
        raise ValueError(f"chunk must be at least 1, got {chunk!r:.40}")
    if count.done:
        return count
    n = min(chunk, COUNT_LIMIT - count.runner.step, HISTORY_LIMIT)
    runner = run_sigmoid_descent(count.runner, n)
    recent = np.asarray(runner.loss_history[-n:])
    below = np.flatnonzero(recent < THRESHOLD)
    if below.size:
        return ReachCount(count.kind, runner, runner.step - n + 1 + int(below[0]), True)
    if runner.step >= COUNT_LIMIT:
        return ReachCount(count.kind, runner, None, True)
    return ReachCount(count.kind, runner, None, False)
