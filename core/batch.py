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
    """A checked batch (the inputs are copied).

    Raises
    ------
    ValueError
        For a shape outside :data:`core.ranges.BATCH_ROWS` × ``BATCH_CLASSES``,
        a logit that is not a real number, non-finite or outside
        :data:`core.ranges.BATCH_LOGIT` (naming the first such entry), or a
        label that is not a whole number or not a class.
    """
    z = _real_table(logits)
    BATCH_ROWS.check(z.shape[0], "samples")
    BATCH_CLASSES.check(z.shape[1], "classes")
    with np.errstate(invalid="ignore"):
        bad = ~((z >= BATCH_LOGIT.low) & (z <= BATCH_LOGIT.high))
    if np.any(bad):
        row, column = (int(i) for i in np.argwhere(bad)[0])
        raise ValueError(
            f"logits[{row}][{column}] is {float(z[row, column])!r}: every logit "
            f"must lie in [{BATCH_LOGIT.low:g}, {BATCH_LOGIT.high:g}]"
        )
    y = _class_indices(labels, z.shape[0], z.shape[1])
    z.setflags(write=False)
    y.setflags(write=False)
    return BatchState(z, y)


def _real_table(logits: Any) -> FloatArray:
    """``logits`` as a new float (N, K) array; only ints and floats are numbers.

    ``np.array(..., dtype=float)`` alone would turn True into 1 and "2" into
    2.0, and raise TypeError for a complex value.
    """
    if _holds_a_bool(logits):
        # np.asarray([[True, 1]]) is an int table: [[1, 1]] was taken.
        raise ValueError("logits must be real numbers, not True or False")
    try:
        raw = np.asarray(logits)
    except ValueError:  # ragged rows
        raise ValueError(
            "logits must be a table (N, K) with rows of equal length"
        ) from None
    if raw.dtype.kind not in "iufO":
        raise ValueError(f"logits must be real numbers, got {raw.dtype} values")
    try:
        z = np.array(raw, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):
        raise ValueError("logits must be real numbers") from None
    if raw.dtype.kind == "O" and any(
        isinstance(v, bool) or not isinstance(v, int | float | np.number)
        for v in raw.ravel()
    ):
        raise ValueError("logits must be real numbers")
    if z.ndim != 2:
        raise ValueError(f"logits must be a table (N, K), got shape {z.shape}")
    return z


def _holds_a_bool(value: Any) -> bool:
    """Whether nested lists or tuples hold True or False (NumPy makes them ints)."""
    if isinstance(value, bool | np.bool_):
        return True
    if isinstance(value, list | tuple):
        return any(_holds_a_bool(item) for item in value)
    return False


def _class_indices(labels: Any, n: int, k: int) -> NDArray[np.int64]:
    """``labels`` as a new int array of n classes in [0, k); whole numbers only.

    ``np.array(..., dtype=int)`` alone would truncate 2.5 to class 2.
    """
    raw = np.asarray(labels)
    if raw.shape != (n,):
        raise ValueError(f"labels has {raw.size} entries but logits has {n} rows")
    if raw.dtype.kind not in "iu":
        raise ValueError(f"every label must be a whole number in [0, {k - 1}]")
    outside = (raw < 0) | (raw >= k)
    if np.any(outside):
        i = int(np.argmax(outside))
        raise ValueError(
            f"labels[{i}] is {int(raw[i])}: every label must lie in [0, {k - 1}]"
        )
    return np.array(raw, dtype=np.int64)


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


class CellError(ValueError):
    """A cell's text refused: ``code`` says why, ``shown`` what (:class:`Problem`)."""

    def __init__(self, code: str, shown: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.shown = shown


def parse_logit(text: str) -> float:
    """A logit from a cell's text; :class:`CellError` (a ValueError) says why not."""
    cleaned = text.strip().replace("−", "-")
    quoted = _quoted(text)
    try:
        value = float(cleaned)
    except ValueError:
        raise CellError("not_a_number", quoted, f"“{quoted}” is not a number") from None
    if not math.isfinite(value):
        raise CellError("not_finite", quoted, f"“{quoted}” is not a finite number")
    if not BATCH_LOGIT.low <= value <= BATCH_LOGIT.high:
        shown = format_number(value, 2)
        interval = f"[{_bound(BATCH_LOGIT.low)}, {_bound(BATCH_LOGIT.high)}]"
        raise CellError("outside", shown, f"{shown} is outside {interval}")
    return value


def _bound(value: float) -> str:
    return f"{value:g}".replace("-", "−")


def parse_class(text: str, k: int) -> int:
    """A class index in [0, k) from a cell's text; :class:`CellError` says why not."""
    cleaned = text.strip()
    try:
        value = int(cleaned)
    except ValueError:
        quoted = _quoted(cleaned)
        raise CellError(
            "not_whole", quoted, f"“{quoted}” is not a whole number"
        ) from None
    if not 0 <= value < k:
        raise CellError(
            "no_such_class",
            str(value),
            f"class {value} does not exist: labels run from 0 to {k - 1}",
        )
    return value


def logit_text(value: float) -> str:
    """A logit as its cell shows it."""
    return format_number(value, LOGIT_DECIMALS)


#: Why an edit was refused (:attr:`Problem.code`): a cell's text (the codes
#: of :class:`CellError`), or a batch already at its size limit.
PROBLEM_CODES = (
    "not_a_number",
    "not_finite",
    "outside",
    "not_whole",
    "no_such_class",
    "too_many",
    "too_few",
)


@dataclass(frozen=True)
class Problem:
    """Why an edit was refused, as fields the interface words in its language.

    Attributes
    ----------
    code : str
        One of :data:`PROBLEM_CODES`.
    row : int or None
        The sample whose cell was typed into (None: a whole-batch problem).
    column : int or None
        The logit's class; None for the label (or a whole-batch problem).
    shown : str
        What was typed, quoted and cut short, or the value refused as shown.
    kept : str
        The cell's value, kept, as shown.
    limit : int
        The bound broken: the highest logit-free class for ``no_such_class``
        (K − 1), the row limit for ``too_many`` and ``too_few``.
    """

    code: str
    row: int | None = None
    column: int | None = None
    shown: str = ""
    kept: str = ""
    limit: int = 0


@dataclass(frozen=True)
class Edit:
    """What an edit does: the batch afterwards, and why it was refused (if it was)."""

    state: BatchState
    problem: Problem | None = None

    @property
    def message(self) -> str:
        """The problem in English ("" for none), for scripts and logs."""
        return "" if self.problem is None else english(self.problem)


def english(problem: Problem) -> str:
    """A refused edit's problem in English (the interface words it itself)."""
    if problem.code == "too_many":
        return f"A batch holds at most {problem.limit} samples here."
    if problem.code == "too_few":
        return "A batch needs at least one sample."
    reasons = {
        "not_a_number": f"“{problem.shown}” is not a number",
        "not_finite": f"“{problem.shown}” is not a finite number",
        "outside": (
            f"{problem.shown} is outside "
            f"[{_bound(BATCH_LOGIT.low)}, {_bound(BATCH_LOGIT.high)}]"
        ),
        "not_whole": f"“{problem.shown}” is not a whole number",
        "no_such_class": (
            f"class {problem.shown} does not exist: labels run from 0 to "
            f"{problem.limit}"
        ),
    }
    cell = "label" if problem.column is None else f"logit z{problem.column}"
    return (
        f"Sample {problem.row}, {cell}: {reasons[problem.code]}; kept {problem.kept}."
    )


def edit_cell(state: BatchState, row: int, column: int, text: str) -> Edit:
    """The batch after ``text`` is typed into cell (``row``, ``column``).

    Columns 0..K−1 hold logits, column K the label; the loss column is not
    editable. Confirming a logit as shown (rounded) keeps its exact value;
    a refused entry keeps the batch and says why, naming the cell.
    """
    k = state.k
    if not 0 <= row < state.n or not 0 <= column <= k:
        return Edit(state)
    if column < k:
        current = float(state.logits[row, column])
        if text.strip() == logit_text(current):
            return Edit(state)
        try:
            value = parse_logit(text)
        except CellError as error:
            kept = logit_text(current)
            return Edit(state, Problem(error.code, row, column, error.shown, kept))
        logits = state.logits.copy()
        logits[row, column] = value
        return Edit(batch_of(logits, state.labels))
    try:
        label = parse_class(text, k)
    except CellError as error:
        kept_label = str(int(state.labels[row]))
        return Edit(
            state, Problem(error.code, row, None, error.shown, kept_label, k - 1)
        )
    labels = state.labels.copy()
    labels[row] = label
    return Edit(batch_of(state.logits, labels))


def add_sample(state: BatchState) -> Edit:
    """One more sample with logits 0 and label 0 (up to the row limit)."""
    if state.n >= BATCH_ROWS.high:
        return Edit(state, Problem("too_many", limit=BATCH_ROWS.high))
    logits = np.vstack([state.logits, np.zeros(state.k)])
    return Edit(batch_of(logits, [*state.labels.tolist(), 0]))


def remove_sample(state: BatchState) -> Edit:
    """The last sample dropped (a batch keeps at least one)."""
    if state.n <= BATCH_ROWS.low:
        return Edit(state, Problem("too_few", limit=BATCH_ROWS.low))
    return Edit(batch_of(state.logits[:-1], state.labels[:-1]))
