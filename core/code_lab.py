"""The Code-length lab as a value: prefix codes for P and for Q, and P's draws coded.

Section 2 of issue 16. Four binary prefix codes are built from the explorer's
P and Q (:mod:`core.huffman`): Shannon's code (lengths ⌈−log₂ q⌉) and
Huffman's for Q, Huffman's and Shannon's for P. Outcomes drawn from P are
coded with each; the average length per symbol converges to the code's
expected length on P, L = Σ p·l. What that is close to depends on the code,
and the page says which code each number uses:

* Shannon's code of Q: H(P,Q) ≤ L < H(P,Q) + 1, for every P (the claim "coding
  P with Q's code costs H(P,Q) bits" holds to within a bit for this code);
* Huffman's code of Q is optimal for Q but *not* within one bit of H(P,Q) on
  P's draws in general (see :mod:`core.huffman`); it never beats P's own
  Huffman code;
* Huffman's code of P: H(P) ≤ L < H(P) + 1, the best any prefix code does;
* Shannon's code of P: H(P) ≤ L < H(P) + 1, and Shannon Q minus Shannon P,
  the extra bits for coding with the wrong distribution, lies within one
  bit of D(P‖Q).

:class:`CodeLabState` holds P and Q as given, the seed, the rate of Play,
which code the tree shows, and the run: the draws (a
:class:`core.sampling.SamplingState`; the lab uses its draws from P), the
codes, and each code's running average length at the run's checkpoints.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from core._checks import FloatArray
from core.huffman import (
    TREE_DRAWING_K,
    CodeLengthReadouts,
    CodeTree,
    PrefixCode,
    code_length_readouts,
    code_tree,
)
from core.ranges import LAB_DEFAULT_RATE, LAB_DRAWS, SEED
from core.sampling import (
    MAX_DRAW,
    RECENT_LIMIT,
    SamplingResults,
    SamplingState,
    draw,
    reset,
    sampling_results,
    start_sampling,
)
from core.sampling_lab import lab_distribution, lab_rate, lab_seed

#: The four codes, in the order of every per-code tuple and (4, ·) array:
#: Q's two codes (the mismatched ones) first, then P's own.
CODE_NAMES = ("shannon_q", "huffman_q", "huffman_p", "shannon_p")

#: How many of the latest draws from P the page writes out as bits.
RECENT_SHOWN = 16


def check_code_name(value: Any, name: str = "tree") -> str:
    """One of :data:`CODE_NAMES`, or a ValueError naming ``name``."""
    if value not in CODE_NAMES:
        raise ValueError(f"{name} must be one of {', '.join(CODE_NAMES)}")
    return str(value)


@dataclass(frozen=True, eq=False)
class CodeBook:
    """The four codes of a P and Q, built once per run.

    Attributes
    ----------
    readouts : CodeLengthReadouts
        Both codes of each distribution and their exact costs on P, in bits.
    codes : tuple of PrefixCode
        In the order of :data:`CODE_NAMES`.
    trees : tuple of (CodeTree or None)
        Each code's tree, for K ≤ :data:`core.huffman.TREE_DRAWING_K`;
        None for larger K (a tree of more leaves is not legible).
    """

    readouts: CodeLengthReadouts
    codes: tuple[PrefixCode, ...]
    trees: tuple[CodeTree | None, ...]


def code_book(p: Any, q: Any) -> CodeBook:
    """The four codes of ``p`` and ``q`` (:func:`core.huffman.code_length_readouts`)."""
    readouts = code_length_readouts(p, q)
    codes = (
        readouts.shannon_q,
        readouts.huffman_q,
        readouts.huffman_p,
        readouts.shannon_p,
    )
    small = codes[0].k <= TREE_DRAWING_K
    trees = tuple(code_tree(code) if small else None for code in codes)
    return CodeBook(readouts=readouts, codes=codes, trees=trees)


@dataclass(frozen=True)
class LengthMoments:
    """The running average length of a sample coded with one code.

    Attributes
    ----------
    mean : float or None
        Bits per symbol; None before the first draw; ``+inf`` once an
        outcome without a codeword was drawn.
    standard_error : float or None
        Of the mean (sample standard deviation of the lengths over √n);
        None before two draws; ``+inf`` with the mean.
    infinite_at : tuple of int
        Outcomes drawn that the code has no codeword for.
    """

    mean: float | None
    standard_error: float | None
    infinite_at: tuple[int, ...]


def length_moments(code: PrefixCode, counts: Any) -> LengthMoments:
    """The average codeword length of a sample with outcome ``counts``, and its SE.

    Computed from the counts in integers (lengths are whole numbers), so the
    mean is the exact total bits over n and the variance has no
    cancellation: n·Σc·l² − (Σc·l)² is exact.

    Parameters
    ----------
    code : PrefixCode
    counts : array_like of int, shape (K,)

    Raises
    ------
    ValueError
        If ``counts`` is not K non-negative integers.
    """
    array = np.asarray(counts)
    if array.dtype.kind not in "iu" or array.shape != (code.k,):
        raise ValueError(f"counts must be {code.k} integers (one per outcome)")
    if (array < 0).any():
        raise ValueError("counts must not be negative")
    used = array > 0
    missing = used & np.isinf(code.lengths)
    if missing.any():
        return LengthMoments(
            math.inf, math.inf, tuple(int(i) for i in np.flatnonzero(missing))
        )
    n = int(array.sum())
    if n == 0:
        return LengthMoments(None, None, ())
    lengths = [int(length) for length in code.lengths[used]]
    weights = [int(c) for c in array[used]]
    pairs = list(zip(weights, lengths, strict=True))
    total = sum(c * length for c, length in pairs)
    squares = sum(c * length * length for c, length in pairs)
    mean = total / n
    if n == 1:
        return LengthMoments(mean, None, ())
    spread = n * squares - total * total  # n²·(sample variance)·(n − 1)/n, exact
    error = math.sqrt(spread / (n * n * (n - 1)))
    return LengthMoments(mean, error, ())


@dataclass(frozen=True, eq=False)
class CodeRun:
    """The draws of a run and each code's running average at its checkpoints.

    Attributes
    ----------
    sampling : SamplingState
        The draws (the lab codes those from P).
    book : CodeBook
        The codes of the run's P and Q.
    history_means, history_errors : ndarray, shape (4, M)
        Read-only: each code's average length and its standard error after
        ``sampling.checkpoints[i]`` draws (``+inf`` error where it is
        unknown, at one draw, or infinite).
    """

    sampling: SamplingState
    book: CodeBook
    history_means: FloatArray
    history_errors: FloatArray


def _readonly(values: Any) -> FloatArray:
    array: FloatArray = np.array(values, dtype=np.float64)
    array.setflags(write=False)
    return array


@dataclass
class _Sums:
    """One code's exact running totals Σl and Σl² (ints), or infinite."""

    total: int
    squares: int
    infinite: bool

    @classmethod
    def of_counts(cls, code: PrefixCode, counts: NDArray[np.int64]) -> _Sums:
        used = counts > 0
        if np.isinf(code.lengths[used]).any():
            return cls(0, 0, True)
        weights = [int(c) for c in counts[used]]
        lengths = [int(length) for length in code.lengths[used]]
        pairs = list(zip(weights, lengths, strict=True))
        return cls(
            sum(c * length for c, length in pairs),
            sum(c * length * length for c, length in pairs),
            False,
        )

    def moments(self, n: int) -> tuple[float, float]:
        """Mean and standard error after n ≥ 1 draws (+inf error at n = 1)."""
        if self.infinite:
            return math.inf, math.inf
        mean = self.total / n
        if n == 1:
            return mean, math.inf
        spread = n * self.squares - self.total * self.total
        return mean, math.sqrt(spread / (n * n * (n - 1)))


def _piece_columns(
    book: CodeBook,
    sums: list[_Sums],
    count: int,
    outcomes: NDArray[np.int64],
    positions: NDArray[np.int64],
) -> tuple[list[list[float]], list[list[float]]]:
    """Each code's mean and error after each of ``positions`` draws of a piece.

    ``sums`` hold the totals before the piece and are moved to its end.
    Lengths are whole numbers: the cumulative sums are exact in int64.
    """
    means: list[list[float]] = []
    errors: list[list[float]] = []
    for code, code_sums in zip(book.codes, sums, strict=True):
        lengths = code.lengths[outcomes]
        missing = np.isinf(lengths)
        whole = np.where(missing, 0.0, lengths).astype(np.int64)
        firsts = np.cumsum(whole)
        seconds = np.cumsum(whole * whole)
        first_missing = int(np.argmax(missing)) if missing.any() else outcomes.size
        code_means, code_errors = [], []
        for position in positions.tolist():
            at = _Sums(
                code_sums.total + int(firsts[position - 1]),
                code_sums.squares + int(seconds[position - 1]),
                code_sums.infinite or first_missing < position,
            )
            mean, error = at.moments(count + position)
            code_means.append(mean)
            code_errors.append(error)
        means.append(code_means)
        errors.append(code_errors)
        code_sums.total += int(firsts[-1])
        code_sums.squares += int(seconds[-1])
        code_sums.infinite = code_sums.infinite or bool(missing.any())
    return means, errors


def start_code_run(p: Any, q: Any, seed: int) -> CodeRun:
    """A run before its first draw, with the codes of ``p`` and ``q``."""
    sampling = start_sampling(p, q, seed)
    empty = _readonly(np.zeros((len(CODE_NAMES), 0)))
    return CodeRun(sampling, code_book(sampling.p, sampling.q), empty, empty)


def advance_code_run(run: CodeRun, n: int) -> CodeRun:
    """``n`` more draws; every checkpoint passed records each code's average.

    The draws are made in pieces of at most :data:`core.sampling.RECENT_LIMIT`
    (whose outcomes the sampling state keeps) or ending at the next
    checkpoint, so the lengths at each checkpoint are known exactly; the
    outcomes are those of one call of :func:`core.sampling.draw` (they depend
    only on the seed and position).
    """
    sampling = run.sampling
    left = int(n)
    if left <= 0:
        return run
    sums = [_Sums.of_counts(code, sampling.counts_p) for code in run.book.codes]
    means: list[list[float]] = [[] for _ in CODE_NAMES]
    errors: list[list[float]] = [[] for _ in CODE_NAMES]
    while left > 0:
        gap = sampling.next_checkpoint - sampling.count
        piece = min(left, MAX_DRAW, gap if gap > RECENT_LIMIT else RECENT_LIMIT)
        before, recorded = sampling.count, sampling.checkpoints.size
        sampling = draw(sampling, piece)
        left -= piece
        positions = sampling.checkpoints[recorded:] - before
        if piece <= RECENT_LIMIT:  # the piece's outcomes are the recent ones
            outcomes = sampling.recent_p[-piece:]
            piece_means, piece_errors = _piece_columns(
                run.book, sums, before, outcomes, positions
            )
        else:  # a longer piece ends at the next checkpoint or before it
            counts = sampling.counts_p
            sums = [_Sums.of_counts(code, counts) for code in run.book.codes]
            columns = [s.moments(sampling.count) for s in sums]
            reached = positions.size > 0
            piece_means = [[mean] if reached else [] for mean, _ in columns]
            piece_errors = [[error] if reached else [] for _, error in columns]
        for row in range(len(CODE_NAMES)):
            means[row] += piece_means[row]
            errors[row] += piece_errors[row]
    if not means[0]:
        return dataclasses.replace(run, sampling=sampling)
    return dataclasses.replace(
        run,
        sampling=sampling,
        history_means=_readonly(np.hstack((run.history_means, np.array(means)))),
        history_errors=_readonly(np.hstack((run.history_errors, np.array(errors)))),
    )


@dataclass(frozen=True, eq=False)
class CodeLabState:
    """The Code-length lab's whole state; make it with :func:`start_code_lab`.

    Attributes
    ----------
    p, q : tuple of float
        The distributions as given (the explorer's P and Q).
    seed : int
    rate : int
        Draws per second while playing (:data:`core.ranges.LAB_RATES`).
    tree : str
        Which code the tree shows, one of :data:`CODE_NAMES`.
    run : CodeRun

    Two states are equal when their settings and numbers of draws are.
    """

    p: tuple[float, ...]
    q: tuple[float, ...]
    seed: int
    rate: int
    tree: str
    run: CodeRun

    @property
    def count(self) -> int:
        """Draws so far from P."""
        return self.run.sampling.count

    @property
    def step(self) -> int:
        """The run's progress (as the other pages' ``step``): draws so far."""
        return self.count

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CodeLabState):
            return NotImplemented
        return _key(self) == _key(other)

    __hash__ = None  # type: ignore[assignment]


def _key(state: CodeLabState) -> tuple[Any, ...]:
    return (state.p, state.q, state.seed, state.rate, state.tree, state.count)


def start_code_lab(
    p: Any,
    q: Any,
    seed: Any = SEED.default,
    rate: Any = LAB_DEFAULT_RATE,
    tree: Any = "huffman_q",
) -> CodeLabState:
    """The codes of P and Q, before the first draw.

    Raises
    ------
    ValueError
        Naming the argument: K outside [2, 1024], vectors the core refuses,
        a seed, rate or tree not offered.
    """
    p_values = lab_distribution(p, "p")
    q_values = lab_distribution(q, "q")
    seed_value = lab_seed(seed)
    return CodeLabState(
        p=p_values,
        q=q_values,
        seed=seed_value,
        rate=lab_rate(rate),
        tree=check_code_name(tree),
        run=start_code_run(p_values, q_values, seed_value),
    )


def advance_code_lab(state: CodeLabState, n: int) -> CodeLabState:
    """``n`` more draws from P, up to :data:`core.ranges.LAB_DRAWS`."""
    left = min(int(n), LAB_DRAWS.high - state.count)
    if left <= 0:
        return state
    run = advance_code_run(state.run, left)
    return state if run is state.run else dataclasses.replace(state, run=run)


def can_advance_code_lab(state: CodeLabState) -> bool:
    """Until the run has made :data:`core.ranges.LAB_DRAWS` draws."""
    return state.count < LAB_DRAWS.high


def reset_code_lab(state: CodeLabState) -> CodeLabState:
    """The same codes and seed before the first draw."""
    empty = _readonly(np.zeros((len(CODE_NAMES), 0)))
    run = CodeRun(reset(state.run.sampling), state.run.book, empty, empty)
    return dataclasses.replace(state, run=run)


def restart_code_lab(
    state: CodeLabState, p: Any = None, q: Any = None, seed: Any = None
) -> CodeLabState:
    """A new run (and new codes): new P and Q, or a new seed, if given."""
    return start_code_lab(
        state.p if p is None else p,
        state.q if q is None else q,
        state.seed if seed is None else seed,
        state.rate,
        state.tree,
    )


def with_tree(state: CodeLabState, tree: Any) -> CodeLabState:
    """The same run, its tree showing another code."""
    return dataclasses.replace(state, tree=check_code_name(tree))


def with_code_rate(state: CodeLabState, rate: Any) -> CodeLabState:
    """The same run, played at another rate from now on."""
    return dataclasses.replace(state, rate=lab_rate(rate))


# --- results ------------------------------------------------------------------------

#: The relative rounding :attr:`CodeEstimate.meets_bound` allows: sums of K
#: terms each within an ulp or two (K ≤ 1024 here) are within 1e-12.
BOUND_ROUNDING = 1e-12
#: What each code's expected length is bounded by, on P's draws.
BOUNDS = {
    "shannon_q": "cross_entropy",  # H(P,Q) ≤ L < H(P,Q) + 1
    "huffman_q": "own_huffman",  # L ≥ P's Huffman; no bound against H(P,Q)
    "huffman_p": "entropy",  # H(P) ≤ L < H(P) + 1
    "shannon_p": "entropy",
}


@dataclass(frozen=True)
class CodeEstimate:
    """One code's running average length on P's draws, and where it goes.

    Attributes
    ----------
    name : str
        One of :data:`CODE_NAMES`.
    moments : LengthMoments
        The running average and its standard error.
    expected : float
        The exact expected length Σ p·l on P (``+inf`` where P has mass on
        an outcome without a codeword).
    low, high : float
        The interval the claim for this code puts ``expected`` in, [low,
        high): [H(P,Q), H(P,Q) + 1) for Shannon's code of Q, [H(P), H(P) + 1)
        for P's codes; for Huffman's code of Q only a lower bound, P's own
        Huffman length, with ``high`` = +inf.
    expected_infinite_at : tuple of int
        Outcomes with p > 0 and no codeword (q = 0 < p for Q's codes).
    """

    name: str
    moments: LengthMoments
    expected: float
    low: float
    high: float
    expected_infinite_at: tuple[int, ...]

    @property
    def meets_bound(self) -> bool:
        """Whether ``expected`` lies in [low, high), to the rounding of both.

        The bounds hold exactly; the numbers are sums of rounded terms. At a
        tie (Q = [½, ½]: L = H(P,Q) = 1 bit) H(P,Q) came out an ulp above L,
        and the page marked a theorem ✗ beside "1.0000 ≤ L < 2.0000".
        """
        slack = BOUND_ROUNDING * max(1.0, abs(self.expected))
        return self.low - slack <= self.expected < self.high + slack


@dataclass(frozen=True)
class CodeLabResults:
    """What the page shows.

    Attributes
    ----------
    state : CodeLabState
    readouts : CodeLengthReadouts
        H(P), H(P,Q), D(P‖Q) in bits, the codes and their exact costs.
    codes : tuple of PrefixCode
        In the order of :data:`CODE_NAMES`.
    tree : CodeTree or None
        The tree of the code ``state.tree`` names (None for K > 16).
    p, q : ndarray, shape (K,)
        The normalised distributions.
    ideal_q, ideal_p : ndarray, shape (K,)
        −log₂ q and −log₂ p per outcome (``+inf`` at probability 0).
    estimates : tuple of CodeEstimate
        One per code, in the order of :data:`CODE_NAMES`.
    sampling : SamplingResults
        The draws in bits: its ``information_q`` and ``information_p`` are
        the running averages of the ideal lengths −log₂ q(x) and −log₂ p(x).
    count : int
        Draws from P so far.
    checkpoints : ndarray of int64, shape (M,)
    history_means, history_errors : ndarray, shape (4, M)
    recent : tuple of int
        The last (at most :data:`RECENT_SHOWN`) outcomes drawn from P,
        oldest first.
    recent_words : tuple of tuple of (str or None)
        For each code, the codeword of each of ``recent`` (None: none).
    """

    state: CodeLabState
    readouts: CodeLengthReadouts
    codes: tuple[PrefixCode, ...]
    tree: CodeTree | None
    p: FloatArray
    q: FloatArray
    ideal_q: FloatArray
    ideal_p: FloatArray
    estimates: tuple[CodeEstimate, ...]
    sampling: SamplingResults
    count: int
    checkpoints: NDArray[np.int64]
    history_means: FloatArray
    history_errors: FloatArray
    recent: tuple[int, ...]
    recent_words: tuple[tuple[str | None, ...], ...]

    def estimate(self, name: str) -> CodeEstimate:
        """The estimate of the code ``name`` (one of :data:`CODE_NAMES`)."""
        return self.estimates[CODE_NAMES.index(check_code_name(name, "name"))]

    def code(self, name: str) -> PrefixCode:
        """The code ``name`` (one of :data:`CODE_NAMES`)."""
        return self.codes[CODE_NAMES.index(check_code_name(name, "name"))]


def _ideal(p: FloatArray) -> FloatArray:
    with np.errstate(divide="ignore"):
        return _readonly(0.0 - np.log2(p))


def _estimates(
    book: CodeBook, counts: Any, q_misses: tuple[int, ...]
) -> tuple[CodeEstimate, ...]:
    readouts = book.readouts
    expected = {
        "shannon_q": readouts.shannon_mismatched,
        "huffman_q": readouts.huffman_mismatched,
        "huffman_p": readouts.huffman_own,
        "shannon_p": readouts.shannon_own,
    }
    bounds = {
        "cross_entropy": (readouts.cross_entropy_pq, readouts.cross_entropy_pq + 1),
        "own_huffman": (readouts.huffman_own, math.inf),
        "entropy": (readouts.entropy_p, readouts.entropy_p + 1),
    }
    return tuple(
        CodeEstimate(
            name=name,
            moments=length_moments(code, counts),
            expected=expected[name],
            low=bounds[BOUNDS[name]][0],
            high=bounds[BOUNDS[name]][1],
            expected_infinite_at=q_misses if name.endswith("_q") else (),
        )
        for name, code in zip(CODE_NAMES, book.codes, strict=True)
    )


def derive_code_lab(state: CodeLabState) -> CodeLabResults:
    """Everything the page shows for ``state`` (O(K), never O(draws))."""
    run, book = state.run, state.run.book
    sampling = run.sampling
    p, q = sampling.p, sampling.q
    q_misses = tuple(int(i) for i in np.flatnonzero((p > 0) & (q == 0)))
    recent = tuple(int(x) for x in sampling.recent_p[-RECENT_SHOWN:])
    return CodeLabResults(
        state=state,
        readouts=book.readouts,
        codes=book.codes,
        tree=book.trees[CODE_NAMES.index(state.tree)],
        p=p,
        q=q,
        ideal_q=_ideal(q),
        ideal_p=_ideal(p),
        estimates=_estimates(book, sampling.counts_p, q_misses),
        sampling=sampling_results(sampling, "bits"),
        count=sampling.count,
        checkpoints=sampling.checkpoints,
        history_means=run.history_means,
        history_errors=run.history_errors,
        recent=recent,
        recent_words=tuple(
            tuple(code.codewords[x] for x in recent) for code in book.codes
        ),
    )


__all__ = [
    "BOUNDS",
    "CODE_NAMES",
    "RECENT_SHOWN",
    "CodeBook",
    "CodeEstimate",
    "CodeLabResults",
    "CodeLabState",
    "CodeRun",
    "LengthMoments",
    "advance_code_lab",
    "advance_code_run",
    "can_advance_code_lab",
    "check_code_name",
    "code_book",
    "derive_code_lab",
    "length_moments",
    "reset_code_lab",
    "restart_code_lab",
    "start_code_lab",
    "start_code_run",
    "with_code_rate",
    "with_tree",
]
