"""Prefix codes for the code-length lab: Huffman's and Shannon's, as data.

A :class:`PrefixCode` gives each outcome of a distribution a binary codeword
(or none, for an outcome of probability 0). Coding outcomes drawn from P
with the code built for Q costs, on average, L_Q(P) = Σ p·l_Q bits per
symbol. What that is close to depends on the code (docs/teaching.md's claim
that H(P,Q) is the cost of describing P as if it were Q is about ideal
lengths −log₂ q, which are rarely integers):

* **Huffman's code** is the optimal prefix code for the distribution it was
  built for: H(Q) ≤ L_Q(Q) < H(Q) + 1, and no prefix code does better on
  Q. For another distribution P it is *not* within one bit of H(P,Q):
  L_Q(P) − H(P,Q) can be any size of either sign. Huffman's lengths
  follow −log₂ q only on average over Q: with Fibonacci-like weights the
  rarest of K outcomes gets K − 1 bits while −log₂ q grows only as about
  0.69·K, and among three outcomes of Q = [0.9, 0.05, 0.05] the rare two
  get 2 bits where −log₂ q is 4.32; a P that puts its mass there pays
  that difference. What always holds is
  L_Q(P) = H(P) + D(P‖2^−l) ≥ H(P), with 2^−l the dyadic distribution the
  code is optimal for (Kraft's sum is 1), and L_Q(P) ≥ L_P(P).
* **Shannon's code** has the lengths ⌈−log₂ q⌉. It is within one bit of the
  ideal for every outcome, so H(P,Q) ≤ L_Q(P) < H(P,Q) + 1 for every P
  with q > 0 wherever p > 0 (with P = Q: H(Q) ≤ L < H(Q) + 1), and the
  extra length of Q's code over P's own, L_Q(P) − L_P(P), lies within one
  bit of D(P‖Q). This is the code that makes "coding with the wrong
  distribution costs D(P‖Q) extra bits" visible.

Codewords are canonical (as in DEFLATE): the code fixes only the lengths,
and the codewords follow from them, shortest first and outcomes in index
order within a length, each the previous plus one. So the same lengths
always give the same codewords, and the most probable outcomes get the
codewords made of zeros.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from core import _checks
from core._checks import FloatArray
from core.information import cross_entropy, entropy, kl_divergence

IntArray = NDArray[np.int64]
CodeKind = Literal["huffman", "shannon"]

#: Largest number of outcomes a code is built for (the explorer's largest K).
#: Building takes about 0.1 s there (a Python loop over the merges).
MAX_CODE_K = 100_000

#: Trees are meant to be drawn up to this many outcomes (the issue's limit).
TREE_DRAWING_K = 16

#: :func:`code_tree` refuses codes with more codewords than this: a tree of
#: thousands of leaves cannot be drawn and costs seconds to build.
MAX_TREE_LEAVES = 1024


@dataclass(frozen=True, eq=False)
class PrefixCode:
    """A binary prefix code for the outcomes 0 … K−1 of a distribution.

    Attributes
    ----------
    kind : {"huffman", "shannon"}
        How the lengths were chosen (see :func:`huffman_code` and
        :func:`shannon_code`).
    probabilities : ndarray, shape (K,)
        The distribution the code was built for, read-only.
    lengths : ndarray, shape (K,)
        Codeword lengths in bits, read-only: whole numbers, and ``+inf``
        for an outcome of probability 0, which has no codeword (coding it
        would cost infinitely much, as −log₂ 0 does). A distribution with a
        single possible outcome gives it the empty codeword, of length 0.
    codewords : tuple of (str or None)
        The codewords as strings of "0" and "1"; None where there is none.
    """

    kind: CodeKind
    probabilities: FloatArray
    lengths: FloatArray
    codewords: tuple[str | None, ...]

    @property
    def k(self) -> int:
        """Number of outcomes, including those without a codeword."""
        return len(self.codewords)

    @property
    def kraft_sum(self) -> Fraction:
        """Σ 2^−l over the codewords, exactly (see :func:`kraft_sum`)."""
        return kraft_sum(self.lengths)

    @property
    def average_length(self) -> float:
        """Σ p·l in bits under the code's own distribution."""
        return expected_length(self, self.probabilities)

    @property
    def ideal_lengths(self) -> FloatArray:
        """−log₂ p of each outcome: Shannon's ideal, rarely a whole number."""
        return ideal_lengths(self.probabilities)


def _readonly(values: Any, dtype: Any = np.float64) -> NDArray[Any]:
    array = np.array(values, dtype=dtype)
    array.setflags(write=False)
    return array


def _code_distribution(probabilities: Any) -> FloatArray:
    array = _checks.distribution(probabilities, "probabilities")
    if array.size > MAX_CODE_K:
        raise ValueError(
            f"probabilities has {array.size:,} outcomes; a code is built for at "
            f"most {MAX_CODE_K:,}"
        )
    return array


def ideal_lengths(probabilities: Any) -> FloatArray:
    """Shannon's ideal codeword lengths −log₂ p, in bits.

    Parameters
    ----------
    probabilities : array_like, shape (K,)
        A probability vector.

    Returns
    -------
    ndarray, shape (K,)
        Read-only; ``+inf`` where p = 0, 0 where p = 1. Σ p·(−log₂ p) is H(P).

    Raises
    ------
    ValueError
        For an invalid probability vector.
    """
    array = _code_distribution(probabilities)
    with np.errstate(divide="ignore"):
        return _readonly(0.0 - np.log2(array))


def kraft_sum(lengths: Any) -> Fraction:
    """Kraft's sum Σ 2^−l over the finite lengths, as an exact fraction.

    Parameters
    ----------
    lengths : array_like, shape (K,)
        Codeword lengths: non-negative whole numbers, or ``+inf`` for "no
        codeword" (such entries are left out).

    Returns
    -------
    Fraction
        A prefix code with these lengths exists exactly when the sum is at
        most 1 (Kraft's inequality); it is exactly 1 for a Huffman code (a
        full binary tree: every node has two children or none). Computed in
        integers: a float sum of 2^−l loses terms beyond 53 bits apart.

    Raises
    ------
    ValueError
        If a length is negative, NaN, −inf or not a whole number.
    """
    finite = _finite_lengths(lengths)
    if finite.size == 0:
        return Fraction(0)
    longest = int(finite.max())
    return Fraction(_kraft_numerators(finite, longest).sum(), 1 << longest)


def _finite_lengths(lengths: Any) -> FloatArray:
    """The finite entries of valid lengths, or a ValueError."""
    array = _checks.as_float_array(lengths, "lengths")
    if array.ndim != 1:
        raise ValueError(f"lengths must be 1-D, got shape {array.shape}")
    finite = array[np.isfinite(array)]
    if np.isnan(array).any() or np.isneginf(array).any():
        raise ValueError("lengths must be whole numbers ≥ 0 or +inf")
    if (finite < 0).any() or (finite != np.floor(finite)).any():
        raise ValueError("lengths must be whole numbers ≥ 0 or +inf")
    return finite


def _kraft_numerators(lengths: FloatArray, longest: int) -> NDArray[Any]:
    """2^(longest − l) for each length, exact: int64 while it fits, else int."""
    shifts = (longest - lengths).astype(np.int64)
    if longest <= 62:
        return np.left_shift(np.int64(1), shifts)
    return np.array([1 << s for s in shifts.tolist()], dtype=object)


# --- Huffman --------------------------------------------------------------------


def _exact_weights(values: FloatArray) -> list[int]:
    """The floats as integers on a common power-of-two scale, exactly.

    p = m·2^e with an integer mantissa m < 2^53; multiplying every value by
    2^−(smallest e) makes each an integer, and sums of integers are exact.
    So the merges compare the true sums of the given floats and a tie is a
    tie in exact arithmetic (0.1 + 0.2 does not come out above 0.3).
    """
    mantissas, exponents = np.frexp(values)
    integers = np.ldexp(mantissas, 53).astype(np.int64)  # exact: |m| < 1
    shifts = (exponents - exponents.min()).tolist()
    return [int(m) << s for m, s in zip(integers.tolist(), shifts, strict=True)]


def _huffman_depths(weights: list[int]) -> list[int]:
    """Depth of each leaf of Huffman's tree, leaves given in increasing weight.

    The two-queue algorithm (van Leeuwen 1976): leaves wait in one queue in
    increasing weight, merged nodes in a second, where they arrive in
    non-decreasing weight; each step merges the two lightest fronts. On a
    tie the leaf is taken first (a merged node goes behind the leaves and
    older merged nodes of the same weight), which among all optimal codes
    gives the smallest variance of the lengths and the shortest longest
    codeword (Schwartz 1964).
    """
    n = len(weights)
    if n == 1:
        return [0]
    parent = [0] * (2 * n - 1)
    merged: list[int] = []  # weights of merged nodes, node ids n, n+1, …
    leaf = front = 0  # the next leaf, the next merged node not yet taken
    for _ in range(n - 1):
        pair = []
        for _ in range(2):
            if leaf < n and (front == len(merged) or weights[leaf] <= merged[front]):
                pair.append((leaf, weights[leaf]))
                leaf += 1
            else:
                pair.append((n + front, merged[front]))
                front += 1
        (first, first_weight), (second, second_weight) = pair
        parent[first] = parent[second] = n + len(merged)
        merged.append(first_weight + second_weight)
    root = 2 * n - 2
    depth = [0] * (2 * n - 1)
    for node in range(root - 1, -1, -1):  # parents are created after children
        depth[node] = depth[parent[node]] + 1
    return depth[:n]


def huffman_code(probabilities: Any) -> PrefixCode:
    """Huffman's optimal prefix code for a distribution.

    Parameters
    ----------
    probabilities : array_like, shape (K,)
        A probability vector, K ≤ :data:`MAX_CODE_K`.

    Returns
    -------
    PrefixCode
        Minimises Σ p·l over all prefix codes, so H(P) ≤ L < H(P) + 1.
        Outcomes of probability 0 get no codeword (length ``+inf``); a
        single possible outcome gets the empty codeword (length 0: nothing
        needs to be sent, and L = H(P) = 0); otherwise every length is at
        least 1 and Kraft's sum is exactly 1.

    Raises
    ------
    ValueError
        For an invalid probability vector or more than :data:`MAX_CODE_K`
        outcomes.

    Notes
    -----
    Deterministic, with ties broken by a stated rule: leaves enter in
    increasing probability, equal probabilities from the highest outcome
    index down (so that of equally likely outcomes the first ones get the
    shorter codewords); the two lightest nodes are merged at each step, a leaf before a
    merged node of the same weight and merged nodes in the order they were
    made. Weights are compared as the exact sums of the given floats. The
    rule gives, among the optimal codes, the one with the least variance of
    lengths and the shortest longest codeword. Codewords are canonical (see
    the module docstring).

    Examples
    --------
    >>> huffman_code([0.5, 0.25, 0.25]).codewords
    ('0', '10', '11')
    >>> huffman_code([0.4, 0.2, 0.2, 0.1, 0.1]).lengths.tolist()
    [2.0, 2.0, 2.0, 3.0, 3.0]
    >>> huffman_code([0.2] * 5).codewords
    ('00', '01', '10', '110', '111')
    """
    p = _code_distribution(probabilities)
    positive = np.flatnonzero(p > 0)
    # Increasing probability; equal ones from the highest index down, so
    # that the first of several equally likely outcomes is merged last.
    ordered = positive[np.lexsort((-positive, p[positive]))]
    depths = _huffman_depths(_exact_weights(p[ordered]))
    lengths = np.full(p.size, np.inf)
    lengths[ordered] = depths
    return _prefix_code("huffman", p, lengths)


# --- Shannon --------------------------------------------------------------------


def _shannon_lengths(p: FloatArray) -> FloatArray:
    """⌈−log₂ p⌉ exactly, from the binary exponent: no logarithm to round.

    With p = m·2^e and m in [½, 1), −log₂ p lies in (−e, 1 − e], so its
    ceiling is 1 − e (p = 1 gives 0, p = ¼ gives 2, p = 0.3 gives 2).
    """
    _, exponents = np.frexp(p)
    lengths = (1 - exponents).astype(np.float64)
    lengths[p == 0] = np.inf
    return lengths


def shannon_code(probabilities: Any) -> PrefixCode:
    """Shannon's prefix code: codeword lengths ⌈−log₂ p⌉.

    Parameters
    ----------
    probabilities : array_like, shape (K,)
        A probability vector, K ≤ :data:`MAX_CODE_K`.

    Returns
    -------
    PrefixCode
        Lengths ⌈−log₂ p⌉, within one bit of the ideal −log₂ p for every
        outcome; ``+inf`` (no codeword) where p = 0; 0 (the empty codeword)
        where p = 1. Kraft's sum is at most 1, and below 1 unless every
        probability is a power of two (then the code equals Huffman's).
        Coding P with Q's Shannon code costs H(P,Q) ≤ L_Q(P) < H(P,Q) + 1.

    Raises
    ------
    ValueError
        For an invalid probability vector or more than :data:`MAX_CODE_K`
        outcomes.

    Notes
    -----
    A vector that sums to slightly more than 1 (within the accepted
    rounding) could give a Kraft sum just above 1; the longest codewords
    are then lengthened by one bit until it is at most 1, so a prefix code
    always exists.

    Examples
    --------
    >>> shannon_code([0.5, 0.3, 0.2]).lengths.tolist()
    [1.0, 2.0, 3.0]
    """
    p = _code_distribution(probabilities)
    lengths = _shannon_lengths(p)
    if np.count_nonzero(p > 0) > 1:
        # p = 1 beside another positive p (1 and 10⁻²⁰, a sum within
        # rounding of 1) gave the empty codeword next to another: no prefix
        # code. Two codewords or more are a bit long at least.
        lengths[lengths == 0] = 1
    _fit_kraft(lengths)
    return _prefix_code("shannon", p, lengths)


def _fit_kraft(lengths: FloatArray) -> None:
    """Lengthen codewords, in place, until Kraft's sum is at most 1.

    Only a sum within rounding of 1 can exceed it (2^−⌈−log₂ p⌉ ≤ p). Each
    step lengthens the longest codeword whose halved share covers the
    excess: lengthening the longest of all could never do (its 2^−l halves
    each time, and the loop ran for ever, 600,000 bits long, on p = [1,
    10⁻²⁰] before the rule above).
    """
    while (excess := kraft_sum(lengths) - 1) > 0:
        finite = np.flatnonzero(np.isfinite(lengths))
        covering = [
            i for i in finite if Fraction(1, 1 << (int(lengths[i]) + 1)) >= excess
        ]
        # The shortest codeword's half is at least 1/(2K) ≫ any rounding.
        chosen = (
            max(covering, key=lambda i: lengths[i])
            if covering
            else finite[int(np.argmin(lengths[finite]))]
        )
        lengths[chosen] += 1


# --- codewords ------------------------------------------------------------------


def canonical_codewords(lengths: Any) -> tuple[str | None, ...]:
    """The canonical codewords for given lengths (DEFLATE's rule).

    Parameters
    ----------
    lengths : array_like, shape (K,)
        Whole numbers ≥ 0, or ``+inf`` for "no codeword", with a Kraft sum
        of at most 1.

    Returns
    -------
    tuple of (str or None)
        Outcomes sorted by length, then by index; the first gets the
        codeword of zeros of its length, each next one the previous plus
        one, shifted left by the growth in length. None for ``+inf``.

    Raises
    ------
    ValueError
        If a length is not a whole number ≥ 0 or ``+inf``, or the Kraft sum
        exceeds 1 (no prefix code has such lengths).

    Examples
    --------
    >>> canonical_codewords([2, 1, 3, 3])
    ('10', '0', '110', '111')
    """
    finite_lengths = _finite_lengths(lengths)
    if kraft_sum(finite_lengths) > 1:
        raise ValueError("lengths have a Kraft sum above 1: no prefix code has them")
    array = _checks.as_float_array(lengths, "lengths")
    finite = np.flatnonzero(np.isfinite(array))
    ordered = finite[np.lexsort((finite, array[finite]))]
    words: list[str | None] = [None] * array.size
    if ordered.size == 0:
        return tuple(words)
    # Codeword i is the first l_i bits of the Kraft sum of the codewords
    # before it (the running value of DEFLATE's "previous plus one, shifted").
    sorted_lengths = array[ordered]
    longest = int(sorted_lengths[-1])
    numerators = _kraft_numerators(sorted_lengths, longest)
    before = np.cumsum(numerators) - numerators
    values = before >> (longest - sorted_lengths.astype(np.int64))
    for index, value, length in zip(
        ordered.tolist(),
        values.tolist(),
        sorted_lengths.astype(int).tolist(),
        strict=True,
    ):
        words[index] = format(value, f"0{length}b") if length else ""
    return tuple(words)


def _prefix_code(kind: CodeKind, p: FloatArray, lengths: FloatArray) -> PrefixCode:
    return PrefixCode(
        kind=kind,
        probabilities=_readonly(p),
        lengths=_readonly(lengths),
        codewords=canonical_codewords(lengths),
    )


# --- cost -----------------------------------------------------------------------


def expected_length(code: PrefixCode, probabilities: Any) -> float:
    """Average codeword length Σ p·l, in bits, of outcomes drawn from P.

    Parameters
    ----------
    code : PrefixCode
        Built for any distribution over the same K outcomes.
    probabilities : array_like, shape (K,)
        The distribution P the outcomes come from.

    Returns
    -------
    float
        ``+inf`` exactly when P gives positive probability to an outcome
        without a codeword (the code's distribution has probability 0
        there, and H(P,Q) is infinite too). Outcomes with p = 0 cost
        nothing, whatever their length. Always ≥ H(P).

    Raises
    ------
    ValueError
        For an invalid P or one whose length differs from the code's.
    """
    p = _checks.distribution(probabilities, "probabilities")
    if p.size != code.k:
        raise ValueError(f"probabilities has {p.size} outcomes but the code {code.k}")
    used = p > 0
    if np.isinf(code.lengths[used]).any():
        return math.inf
    return float(np.sum(p[used] * code.lengths[used]))


def _counts(counts: Any, k: int) -> IntArray:
    array = np.asarray(counts)
    if array.dtype.kind not in "iu" or array.shape != (k,):
        raise ValueError(f"counts must be {k} integers (one per outcome)")
    if (array < 0).any():
        raise ValueError("counts must not be negative")
    return array.astype(np.int64)


def encoded_bits(code: PrefixCode, counts: Any) -> float:
    """Total bits to encode a sample with outcome counts ``counts``.

    Parameters
    ----------
    code : PrefixCode
    counts : array_like of int, shape (K,)
        How often each outcome occurred (e.g. a sampling state's
        ``counts_p``); the order of the samples does not change the total.

    Returns
    -------
    float
        Σ counts·l, a whole number of bits; ``+inf`` if an outcome without
        a codeword occurred at least once. Divide by the number of samples
        for the average length per symbol, which converges to
        :func:`expected_length` under the sampled distribution.

    Raises
    ------
    ValueError
        If ``counts`` is not K non-negative integers.
    """
    array = _counts(counts, code.k)
    used = array > 0
    if np.isinf(code.lengths[used]).any():
        return math.inf
    return float(np.sum(array[used] * code.lengths[used]))


def bits_per_symbol(code: PrefixCode, counts: Any) -> float | None:
    """The running average code length of a sample: encoded bits / samples.

    Parameters
    ----------
    code : PrefixCode
    counts : array_like of int, shape (K,)
        Outcome counts, e.g. :attr:`core.sampling.SamplingState.counts_p`.

    Returns
    -------
    float or None
        None before the first sample; ``+inf`` once an outcome without a
        codeword has occurred. Converges to :func:`expected_length` under
        the distribution sampled.

    Raises
    ------
    ValueError
        If ``counts`` is not K non-negative integers.
    """
    total = int(_counts(counts, code.k).sum())
    return None if total == 0 else encoded_bits(code, counts) / total


def encode(code: PrefixCode, outcomes: Any) -> str:
    """The bit string of a sequence of outcomes, codewords concatenated.

    Parameters
    ----------
    code : PrefixCode
    outcomes : array_like of int
        Outcome indices in [0, K).

    Returns
    -------
    str
        Of "0" and "1"; "" for no outcomes (and for any number of the one
        outcome of a one-outcome code, whose codeword is empty).

    Raises
    ------
    ValueError
        If an outcome is out of range or has no codeword (naming the first
        such position).
    """
    array = np.asarray(outcomes)
    if array.dtype.kind not in "iu" or array.ndim != 1:
        raise ValueError("outcomes must be a 1-D sequence of integers")
    parts = []
    for position, outcome in enumerate(array.tolist()):
        if not 0 <= outcome < code.k:
            raise ValueError(f"outcomes[{position}] = {outcome} is out of range")
        word = code.codewords[outcome]
        if word is None:
            raise ValueError(
                f"outcomes[{position}] = {outcome} has no codeword: the code's "
                "distribution gives it probability 0"
            )
        parts.append(word)
    return "".join(parts)


# --- the tree, for drawing ----------------------------------------------------------


@dataclass(frozen=True)
class TreeNode:
    """One node of a code's binary tree.

    Attributes
    ----------
    index : int
        Position in :attr:`CodeTree.nodes` (the root is 0).
    parent : int
        The parent's index; −1 for the root.
    children : tuple of int
        Indices of the children: the "0" branch first. Two for an internal
        node of a Huffman tree; a Shannon tree may have nodes with one
        child (its Kraft sum is below 1); none for a leaf.
    bit : str
        "0" or "1", the branch from the parent; "" for the root.
    prefix : str
        The bits from the root to this node (a leaf's codeword).
    depth : int
        Distance from the root (a leaf's codeword length).
    probability : float
        Total probability of the leaves below, under the code's own
        distribution.
    outcome : int
        The outcome of a leaf; −1 for an internal node.
    x : float
        Horizontal position for drawing: leaves at 0, 1, 2, … from left
        ("0" branches) to right, each internal node midway between its
        leftmost and rightmost child.
    """

    index: int
    parent: int
    children: tuple[int, ...]
    bit: str
    prefix: str
    depth: int
    probability: float
    outcome: int
    x: float


@dataclass(frozen=True)
class CodeTree:
    """A code's codewords as a binary tree (for K ≤ :data:`TREE_DRAWING_K`).

    Attributes
    ----------
    nodes : tuple of TreeNode
        Root first, then breadth-first, "0" before "1".
    leaves : tuple of int
        Node index of each outcome's leaf; −1 for an outcome without a
        codeword.
    depth : int
        The longest codeword's length.
    """

    nodes: tuple[TreeNode, ...]
    leaves: tuple[int, ...]
    depth: int


def code_tree(code: PrefixCode) -> CodeTree:
    """The binary tree of a code's codewords, with positions for drawing.

    Parameters
    ----------
    code : PrefixCode

    Returns
    -------
    CodeTree
        One leaf per outcome with a codeword; the empty codeword of a
        one-outcome code is a tree of a single node, the root leaf. A
        picture is legible up to :data:`TREE_DRAWING_K` leaves.

    Raises
    ------
    ValueError
        If the code has more than :data:`MAX_TREE_LEAVES` codewords.
    """
    leaf_count = sum(word is not None for word in code.codewords)
    if leaf_count > MAX_TREE_LEAVES:
        raise ValueError(
            f"the code has {leaf_count:,} codewords; a tree is built for at most "
            f"{MAX_TREE_LEAVES:,}"
        )
    prefixes = {""}
    for word in code.codewords:
        if word is not None:
            prefixes.update(word[:cut] for cut in range(len(word) + 1))
    ordered = sorted(prefixes, key=lambda text: (len(text), text))
    index = {prefix: i for i, prefix in enumerate(ordered)}
    outcome_of = {w: i for i, w in enumerate(code.codewords) if w is not None}
    children: dict[str, list[str]] = {prefix: [] for prefix in ordered}
    for prefix in ordered[1:]:
        children[prefix[:-1]].append(prefix)
    x = _positions(ordered, children)
    weight = _subtree_probabilities(ordered, children, outcome_of, code.probabilities)
    nodes = tuple(
        TreeNode(
            index=index[prefix],
            parent=index[prefix[:-1]] if prefix else -1,
            children=tuple(index[c] for c in children[prefix]),
            bit=prefix[-1:] if prefix else "",
            prefix=prefix,
            depth=len(prefix),
            probability=weight[prefix],
            outcome=outcome_of.get(prefix, -1) if not children[prefix] else -1,
            x=x[prefix],
        )
        for prefix in ordered
    )
    leaves = tuple(index[w] if w is not None else -1 for w in code.codewords)
    return CodeTree(nodes=nodes, leaves=leaves, depth=max(len(p) for p in ordered))


def _positions(ordered: list[str], children: dict[str, list[str]]) -> dict[str, float]:
    """Leaves left to right at 0, 1, …; parents midway over their children."""
    # A prefix code's codewords in lexicographic order run left to right.
    leaves = sorted(p for p in ordered if not children[p])
    x = {leaf: float(i) for i, leaf in enumerate(leaves)}
    for prefix in reversed(ordered):  # deepest first
        if children[prefix]:
            below = [x[c] for c in children[prefix]]
            x[prefix] = (min(below) + max(below)) / 2
    return x


def _subtree_probabilities(
    ordered: list[str],
    children: dict[str, list[str]],
    outcome_of: dict[str, int],
    p: FloatArray,
) -> dict[str, float]:
    weight: dict[str, float] = {}
    for prefix in reversed(ordered):
        if children[prefix]:
            weight[prefix] = math.fsum(weight[c] for c in children[prefix])
        else:
            weight[prefix] = float(p[outcome_of[prefix]])
    return weight


# --- the lab's readouts -------------------------------------------------------------


@dataclass(frozen=True)
class CodeLengthReadouts:
    """What coding samples of P with P's and Q's codes costs, in bits/symbol.

    Attributes
    ----------
    entropy_p, cross_entropy_pq, kl_pq : float
        H(P), H(P,Q) and D(P‖Q) in bits (``+inf`` where Q misses P's
        support).
    huffman_p, huffman_q, shannon_p, shannon_q : PrefixCode
        The codes built for P and for Q.
    huffman_own, huffman_mismatched : float
        L_P(P) and L_Q(P) with Huffman's codes: H(P) ≤ L_P(P) < H(P) + 1
        and L_Q(P) ≥ L_P(P), but L_Q(P) need not be within one bit of
        H(P,Q) (see the module docstring).
    shannon_own, shannon_mismatched : float
        The same with Shannon's codes: H(P) ≤ L_P(P) < H(P) + 1 and
        H(P,Q) ≤ L_Q(P) < H(P,Q) + 1.
    huffman_extra, shannon_extra : float
        L_Q(P) − L_P(P): the extra bits for using Q's code. Shannon's lies
        within one bit of D(P‖Q); Huffman's is ≥ 0. ``+inf`` where L_Q(P)
        is.
    """

    entropy_p: float
    cross_entropy_pq: float
    kl_pq: float
    huffman_p: PrefixCode
    huffman_q: PrefixCode
    shannon_p: PrefixCode
    shannon_q: PrefixCode
    huffman_own: float
    huffman_mismatched: float
    shannon_own: float
    shannon_mismatched: float
    huffman_extra: float
    shannon_extra: float


def code_length_readouts(p: Any, q: Any) -> CodeLengthReadouts:
    """Both codes for P and for Q and what each costs on P's outcomes.

    Parameters
    ----------
    p, q : array_like, shape (K,)
        Probability vectors of the same length, K ≤ :data:`MAX_CODE_K`.

    Returns
    -------
    CodeLengthReadouts
        In bits per symbol.

    Raises
    ------
    ValueError
        For invalid vectors or lengths that differ.
    """
    p_array, q_array = _checks.distribution_pair(p, q)
    huffman_p, huffman_q = huffman_code(p_array), huffman_code(q_array)
    shannon_p, shannon_q = shannon_code(p_array), shannon_code(q_array)
    own = expected_length(huffman_p, p_array)
    mismatched = expected_length(huffman_q, p_array)
    shannon_own = expected_length(shannon_p, p_array)
    shannon_mismatched = expected_length(shannon_q, p_array)
    return CodeLengthReadouts(
        entropy_p=entropy(p_array, 2.0),
        cross_entropy_pq=cross_entropy(p_array, q_array, 2.0),
        kl_pq=kl_divergence(p_array, q_array, 2.0),
        huffman_p=huffman_p,
        huffman_q=huffman_q,
        shannon_p=shannon_p,
        shannon_q=shannon_q,
        huffman_own=own,
        huffman_mismatched=mismatched,
        shannon_own=shannon_own,
        shannon_mismatched=shannon_mismatched,
        huffman_extra=mismatched - own,
        shannon_extra=shannon_mismatched - shannon_own,
    )
