"""The Training page as a value: both trainings of one logit vector.

Claims 12 and 15 of docs/teaching.md. :class:`TrainingsState` holds the start
(the explorer's logits, target, T and ε), the learning rate and the two
trainings (cross-entropy and squared error), always at the same step.
:func:`trainings_from` builds it from the explorer's results;
:func:`advance_trainings` takes steps; :func:`derive_trainings` gives what
the page shows.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np

from core._checks import FloatArray
from core.ranges import TRAINING_LEARNING_RATE, TRAINING_STEPS
from core.scenario import Results
from core.training import (
    LOSS_KINDS,
    LogitTrainingState,
    LossKind,
    run_logit_training,
    start_logit_training,
)

#: A logit of −∞ (the log of a zero weight) starts this far below the
#: smallest finite one: probability e⁻⁴⁰ ≈ 4e-18, and a gradient that can
#: move it (gradient descent cannot start from −∞).
IMPOSSIBLE_GAP = 40.0


def trainable(logits: FloatArray) -> FloatArray:
    """``logits`` with −∞ (an impossible class) made finite but far below."""
    finite = logits[np.isfinite(logits)]
    floor = (float(np.min(finite)) if finite.size else 0.0) - IMPOSSIBLE_GAP
    result: FloatArray = np.where(np.isneginf(logits), floor, logits)
    return result


@dataclass(frozen=True)
class TrainingStart:
    """Where both trainings start.

    Attributes
    ----------
    logits : tuple of float
        Finite logits z (see :func:`trainable`).
    label : int
        The true class (for a soft target, the class it makes most likely).
    soft_target : tuple of float or None
        P when the explorer is linked, else None (a one-hot label).
    temperature, label_smoothing : float
    """

    logits: tuple[float, ...]
    label: int
    soft_target: tuple[float, ...] | None
    temperature: float
    label_smoothing: float


def training_start(results: Results) -> TrainingStart:
    """The start the explorer's results describe (linked: the target is P).

    Linked, the label is the class the (smoothed) target makes most likely,
    the class both trainings measure and the formulas show
    (:attr:`core.training.LogitTrainingState.true_class`), not the
    explorer's label, which the soft target P ignores.
    """
    linked = bool(results.linked)
    label = int(np.argmax(results.target)) if linked else int(results.label)
    return TrainingStart(
        logits=tuple(float(z) for z in trainable(np.asarray(results.logits))),
        label=label,
        soft_target=tuple(float(p) for p in results.p) if linked else None,
        temperature=float(results.temperature),
        label_smoothing=float(results.label_smoothing),
    )


@dataclass(frozen=True, eq=False)
class TrainingsState:
    """The page's whole state.

    Attributes
    ----------
    start : TrainingStart
    learning_rate : float
        In :data:`core.ranges.TRAINING_LEARNING_RATE`.
    trainings : tuple of LogitTrainingState
        Cross-entropy's and squared error's, in the order of LOSS_KINDS.
    """

    start: TrainingStart
    learning_rate: float
    trainings: tuple[LogitTrainingState, ...]

    @property
    def step(self) -> int:
        """Steps both trainings have taken."""
        return self.trainings[0].step

    def training(self, kind: LossKind) -> LogitTrainingState:
        """The training with loss ``kind``."""
        return self.trainings[LOSS_KINDS.index(kind)]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TrainingsState):
            return NotImplemented
        return (self.start, self.learning_rate, self.step) == (
            other.start,
            other.learning_rate,
            other.step,
        )

    __hash__ = None  # type: ignore[assignment]


def start_trainings(
    start: TrainingStart, learning_rate: float = TRAINING_LEARNING_RATE.default
) -> TrainingsState:
    """Both trainings at step 0.

    Raises
    ------
    ValueError
        For a learning rate outside its range, or a start the core refuses.
    """
    lr = TRAINING_LEARNING_RATE.check(learning_rate)
    target: Any = start.soft_target if start.soft_target is not None else start.label
    trainings = tuple(
        start_logit_training(
            start.logits, target, kind, lr, start.temperature, start.label_smoothing
        )
        for kind in LOSS_KINDS
    )
    return TrainingsState(start=start, learning_rate=lr, trainings=trainings)


#: The page's first state, before it has read the explorer.
DEFAULT_START = TrainingStart((2.0, 1.0, 0.1), 2, None, 1.0, 0.0)


def advance_trainings(state: TrainingsState, steps: int) -> TrainingsState:
    """``steps`` more steps for both, up to the step limit."""
    n = min(int(steps), TRAINING_STEPS.high - state.step)
    if n <= 0:
        return state
    trainings = tuple(run_logit_training(t, n) for t in state.trainings)
    return dataclasses.replace(state, trainings=trainings)


def can_advance(state: TrainingsState) -> bool:
    """Until the step limit (training never stops by itself)."""
    return state.step < TRAINING_STEPS.high


def restart_trainings(
    state: TrainingsState,
    start: TrainingStart | None = None,
    learning_rate: float | None = None,
) -> TrainingsState:
    """Step 0 again, from a new start or learning rate if given."""
    return start_trainings(
        start if start is not None else state.start,
        state.learning_rate if learning_rate is None else learning_rate,
    )


def run_trainings_to(state: TrainingsState, step: int) -> TrainingsState:
    """The state after exactly ``step`` steps from its start (for sessions)."""
    return advance_trainings(restart_trainings(state), TRAINING_STEPS.check(step))


@dataclass(frozen=True)
class TrueClassTerms:
    """The numbers in one training's true-class gradient formula."""

    q: float
    y: float
    temperature: float
    mixed: float
    gradient: float


@dataclass(frozen=True)
class TrainingsResults:
    """What the page shows: the state and each training's formula numbers."""

    state: TrainingsState
    terms: tuple[TrueClassTerms, ...]


def true_class_terms(training: LogitTrainingState, c: int) -> TrueClassTerms:
    """q_c, y_c, T, Σ q(q − y) (in squared error's gradient) and ∂L/∂z_c."""
    q, y = training.probabilities, training.target
    return TrueClassTerms(
        q=float(q[c]),
        y=float(y[c]),
        temperature=training.temperature,
        mixed=float(np.sum(q * (q - y))),
        gradient=float(training.gradient[c]),
    )


def derive_trainings(state: TrainingsState) -> TrainingsResults:
    """Everything the page shows for ``state``."""
    c = state.trainings[0].true_class
    return TrainingsResults(
        state=state, terms=tuple(true_class_terms(t, c) for t in state.trainings)
    )
