"""The PyTorch batch page as a value: N×K logits and N labels, and their losses.

Claim 11 of docs/teaching.md: the loss from logits is L = −z_y + log Σ exp(z)
per sample (log-softmax, then negative log-likelihood) and a batch's loss
is the mean over its samples. :class:`BatchState` is the batch;
:func:`derive_batch` gives the per-sample losses, their mean and every
sample's softmax; the edits (:func:`edit_cell`, :func:`add_sample`,
:func:`remove_sample`) return a new state and what to say.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from core._checks import FloatArray
from core.losses import cross_entropy_loss
from core.numbers import format_number
from core.ranges import BATCH_CLASSES, BATCH_LOGIT, BATCH_ROWS
from core.softmax import softmax
from core.training import pytorch_batch_example

#: Decimals of a logit in the table (the exact value is kept).
LOGIT_DECIMALS = 4

#: A cell's text is cut to this many characters in a message (a pasted
#: megabyte must not become a megabyte-long refusal).
MAX_QUOTED = 40


def _quoted(text: str) -> str:
    cleaned = text.strip()
    return cleaned if len(cleaned) <= MAX_QUOTED else cleaned[: MAX_QUOTED - 1] + "…"


@dataclass(frozen=True, eq=False)
class BatchState:
    """A batch: build it with :func:`batch_of`, never edit it in place.

    Attributes
    ----------
    logits : ndarray, shape (N, K)
        Read-only; every entry in :data:`core.ranges.BATCH_LOGIT`.
    labels : ndarray of int, shape (N,)
        Read-only; each in [0, K).
    """

    logits: FloatArray
    labels: NDArray[np.int64]

    @property
    def k(self) -> int:
        """The number of classes."""
        return int(self.logits.shape[1])

    @property
    def n(self) -> int:
        """The number of samples."""
        return int(self.logits.shape[0])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BatchState):
            return NotImplemented
        return np.array_equal(self.logits, other.logits) and np.array_equal(
            self.labels, other.labels
        )

    __hash__ = None  # type: ignore[assignment]


def batch_of(logits: Any, labels: Any) -> BatchState:
    """A checked batch.

    Raises
    ------
    ValueError
        For a shape outside :data:`core.ranges.BATCH_ROWS` × ``BATCH_CLASSES``,
        a logit outside :data:`core.ranges.BATCH_LOGIT` or non-finite, or a
        label that is not a class.
    """
    z = np.array(logits, dtype=np.float64)
    if z.ndim != 2:
        raise ValueError(f"logits must be a table (N, K), got shape {z.shape}")
    BATCH_ROWS.check(z.shape[0], "samples")
    BATCH_CLASSES.check(z.shape[1], "classes")
    if not np.all(np.isfinite(z)) or np.any(np.abs(z) > BATCH_LOGIT.high):
        raise ValueError(
            f"every logit must lie in [{BATCH_LOGIT.low:g}, {BATCH_LOGIT.high:g}]"
        )
    y = np.array(labels, dtype=np.int64)
    if y.shape != (z.shape[0],):
        raise ValueError(
            f"labels has {y.size} entries but logits has {z.shape[0]} rows"
        )
    if np.any((y < 0) | (y >= z.shape[1])):
        raise ValueError(f"every label must lie in [0, {z.shape[1] - 1}]")
    z.setflags(write=False)
    y.setflags(write=False)
    return BatchState(z, y)


def example_batch() -> BatchState:
    """The course's batch: ``torch.manual_seed(100); torch.rand(4, 5)``."""
    return batch_of(*pytorch_batch_example())


@dataclass(frozen=True)
class BatchResults:
    """What the page shows for a batch."""

    state: BatchState
    losses: FloatArray
    mean: float
    probabilities: FloatArray


def derive_batch(state: BatchState) -> BatchResults:
    """Per-sample losses (PyTorch's ``reduction="none"``), their mean, softmax."""
    losses = np.asarray(
        cross_entropy_loss(state.logits, state.labels, reduction="none"),
        dtype=np.float64,
    )
    return BatchResults(state, losses, float(np.mean(losses)), softmax(state.logits))


def parse_logit(text: str) -> float:
    """A logit from a cell's text; ValueError says why it is refused."""
    cleaned = text.strip().replace("−", "-")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"“{_quoted(text)}” is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"“{_quoted(text)}” is not a finite number")
    if not BATCH_LOGIT.low <= value <= BATCH_LOGIT.high:
        raise ValueError(
            f"{format_number(value, 2)} is outside "
            f"[{BATCH_LOGIT.low:g}, {BATCH_LOGIT.high:g}]".replace("-", "−")
        )
    return value


def parse_class(text: str, k: int) -> int:
    """A class index in [0, k) from a cell's text; ValueError says why not."""
    cleaned = text.strip()
    try:
        value = int(cleaned)
    except ValueError:
        raise ValueError(f"“{_quoted(cleaned)}” is not a whole number") from None
    if not 0 <= value < k:
        raise ValueError(f"class {value} does not exist: labels run from 0 to {k - 1}")
    return value


def logit_text(value: float) -> str:
    """A logit as its cell shows it."""
    return format_number(value, LOGIT_DECIMALS)


@dataclass(frozen=True)
class Edit:
    """What an edit does: the batch afterwards, and what to say ("" for nothing)."""

    state: BatchState
    message: str


def edit_cell(state: BatchState, row: int, column: int, text: str) -> Edit:
    """The batch after ``text`` is typed into cell (``row``, ``column``).

    Columns 0..K−1 hold logits, column K the label; the loss column is not
    editable. Confirming a logit as shown (rounded) keeps its exact value;
    a refused entry keeps the batch and says why, naming the cell.
    """
    k = state.k
    if not 0 <= row < state.n or not 0 <= column <= k:
        return Edit(state, "")
    if column < k:
        current = float(state.logits[row, column])
        if text.strip() == logit_text(current):
            return Edit(state, "")
        try:
            value = parse_logit(text)
        except ValueError as error:
            kept = logit_text(current)
            return Edit(state, f"Sample {row}, logit z{column}: {error}; kept {kept}.")
        logits = state.logits.copy()
        logits[row, column] = value
        return Edit(batch_of(logits, state.labels), "")
    try:
        label = parse_class(text, k)
    except ValueError as error:
        kept_label = int(state.labels[row])
        return Edit(state, f"Sample {row}, label: {error}; kept {kept_label}.")
    labels = state.labels.copy()
    labels[row] = label
    return Edit(batch_of(state.logits, labels), "")


def add_sample(state: BatchState) -> Edit:
    """One more sample with logits 0 and label 0 (up to the row limit)."""
    if state.n >= BATCH_ROWS.high:
        return Edit(state, f"A batch holds at most {BATCH_ROWS.high} samples here.")
    logits = np.vstack([state.logits, np.zeros(state.k)])
    return Edit(batch_of(logits, [*state.labels.tolist(), 0]), "")


def remove_sample(state: BatchState) -> Edit:
    """The last sample dropped (a batch keeps at least one)."""
    if state.n <= BATCH_ROWS.low:
        return Edit(state, "A batch needs at least one sample.")
    return Edit(batch_of(state.logits[:-1], state.labels[:-1]), "")
