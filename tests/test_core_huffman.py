"""Prefix codes (core.huffman): optimality, Kraft, which bounds hold and which not.

References are independent of the code under test: brute-force searches over
every length vector that satisfies Kraft's inequality for small K, textbook
examples (Cover & Thomas, Sayood), and exact rational arithmetic.
"""

from __future__ import annotations

import doctest
import functools
import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import core.huffman
from core.huffman import (
    MAX_CODE_K,
    MAX_TREE_LEAVES,
    bits_per_symbol,
    canonical_codewords,
    code_length_readouts,
    code_tree,
    encode,
    encoded_bits,
    expected_length,
    huffman_code,
    ideal_lengths,
    kraft_sum,
    shannon_code,
)
from core.information import cross_entropy, entropy, kl_divergence

#: Slack for comparisons of float sums of a few terms.
SLACK = 1e-12


def test_docstring_examples_hold() -> None:
    failures, _ = doctest.testmod(core.huffman)
    assert failures == 0


# --- references --------------------------------------------------------------------


@functools.cache
def kraft_feasible(k: int) -> np.ndarray:
    """Every length vector in {1 … K−1}^K with Kraft sum ≤ 1, one per row."""
    grid = np.array(list(itertools.product(range(1, k), repeat=k)), dtype=np.int64)
    # Σ 2^−l ≤ 1 in integers: Σ 2^(K−l) ≤ 2^K.
    feasible = (np.left_shift(1, k - grid).sum(axis=1)) <= (1 << k)
    return grid[feasible]


def brute_force_optimal(weights: list[int]) -> tuple[int, list[tuple[int, ...]]]:
    """Least Σ w·l over every length vector with Kraft sum ≤ 1, and its minimisers."""
    candidates = kraft_feasible(len(weights))
    costs = candidates @ np.array(weights, dtype=np.int64)
    best = int(costs.min())
    return best, [tuple(int(x) for x in row) for row in candidates[costs == best]]


def decode(code, bits: str) -> list[int]:
    """Read codewords off the front of ``bits`` (the prefix property at work)."""
    table = {word: i for i, word in enumerate(code.codewords) if word is not None}
    outcomes, word = [], ""
    for bit in bits:
        word += bit
        if word in table:
            outcomes.append(table[word])
            word = ""
    assert word == ""
    return outcomes


def is_prefix_free(words) -> bool:
    present = [w for w in words if w is not None]
    return not any(
        a != b and b.startswith(a) for a, b in itertools.permutations(present, 2)
    ) and len(set(present)) == len(present)


probability_vectors = (
    st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=12)
    .filter(any)
    .map(lambda w: np.array(w, dtype=float) / sum(w))
)


# --- Huffman: optimal, deterministic, full ------------------------------------------


@pytest.mark.parametrize(
    "weights",
    [
        [1, 1],
        [3, 1, 1],
        [5, 2, 2, 1, 1],
        [10, 9, 8, 7, 6],
        [1, 2, 4, 8, 16, 32],
        [13, 8, 5, 3, 2, 1],
        [7, 7, 7, 1, 1, 1],
    ],
)
def test_huffman_lengths_are_optimal_against_brute_force(weights) -> None:
    total = sum(weights)
    code = huffman_code([w / total for w in weights])
    best, _ = brute_force_optimal(weights)
    cost = sum(w * int(length) for w, length in zip(weights, code.lengths, strict=True))
    assert cost == best


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 20), min_size=2, max_size=6))
def test_huffman_is_optimal_for_random_small_distributions(weights) -> None:
    total = sum(weights)
    code = huffman_code([w / total for w in weights])
    best, _ = brute_force_optimal(weights)
    cost = sum(w * int(length) for w, length in zip(weights, code.lengths, strict=True))
    assert cost == best


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 8), min_size=2, max_size=6))
def test_the_tie_rule_gives_the_least_variance_and_shortest_longest_codeword(
    raw,
) -> None:
    # Weights summing to a power of two are exact floats, so every tie of the
    # rationals is a tie of the floats too.
    weights = [*raw, 2 ** math.ceil(math.log2(sum(raw) + 1)) - sum(raw)]
    total = sum(weights)
    code = huffman_code([w / total for w in weights])
    lengths = tuple(int(x) for x in code.lengths)
    _, minimisers = brute_force_optimal(weights)
    assert lengths in minimisers

    def second_moment(ls):
        return sum(w * x * x for w, x in zip(weights, ls, strict=True))

    assert second_moment(lengths) == min(second_moment(m) for m in minimisers)
    assert max(lengths) == min(max(m) for m in minimisers)


def test_textbook_examples() -> None:
    # Cover & Thomas, Example 5.6.1: lengths (2, 2, 2, 3, 3), L = 2.3 bits.
    code = huffman_code([0.25, 0.25, 0.2, 0.15, 0.15])
    assert code.lengths.tolist() == [2, 2, 2, 3, 3]
    assert code.average_length == pytest.approx(2.3, abs=SLACK)
    # Sayood's minimum-variance example: (2, 2, 2, 3, 3) rather than the
    # equally optimal (1, 2, 3, 4, 4); L = 2.2 bits either way.
    code = huffman_code([0.4, 0.2, 0.2, 0.1, 0.1])
    assert code.lengths.tolist() == [2, 2, 2, 3, 3]
    assert code.average_length == pytest.approx(2.2, abs=SLACK)
    # A dyadic distribution is coded at its entropy exactly.
    code = huffman_code([0.5, 0.25, 0.125, 0.125])
    assert code.codewords == ("0", "10", "110", "111")
    assert code.average_length == entropy([0.5, 0.25, 0.125, 0.125], 2) == 1.75


def test_codewords_are_canonical() -> None:
    assert huffman_code([0.1, 0.2, 0.7]).codewords == ("10", "11", "0")
    assert canonical_codewords([2, 1, 3, 3]) == ("10", "0", "110", "111")
    assert canonical_codewords([math.inf, 1, 1]) == (None, "0", "1")
    assert canonical_codewords([math.inf, math.inf]) == (None, None)


def test_equally_likely_outcomes_give_the_first_ones_the_shorter_codewords() -> None:
    assert huffman_code([0.2] * 5).lengths.tolist() == [2, 2, 2, 3, 3]
    assert huffman_code([0.25] * 4).codewords == ("00", "01", "10", "11")


def test_ties_are_exact_ties_of_the_given_floats() -> None:
    # 0.1 + 0.2 is above 0.3 in floating point but the sum is taken exactly,
    # so the order of merging is that of the real numbers the floats are.
    a = huffman_code([0.1, 0.2, 0.3, 0.4])
    b = huffman_code([0.1, 0.2, 0.3, 0.4])
    assert a.codewords == b.codewords
    assert a.kraft_sum == 1


@settings(max_examples=150, deadline=None)
@given(probability_vectors)
def test_huffman_is_full_prefix_free_and_within_one_bit(p) -> None:
    code = huffman_code(p)
    positive = int(np.count_nonzero(p))
    assert code.kraft_sum == 1
    assert is_prefix_free(code.codewords)
    for word, length, prob in zip(code.codewords, code.lengths, p, strict=True):
        assert (word is None) == (prob == 0)
        assert length == (len(word) if word is not None else math.inf)
        if positive > 1 and word is not None:
            assert len(word) >= 1
    h = entropy(p, 2)
    assert h - SLACK <= code.average_length < h + 1


def test_zero_probability_outcomes_have_no_codeword_and_cost_infinitely_much() -> None:
    q = [0.5, 0.0, 0.5]
    code = huffman_code(q)
    assert code.codewords == ("0", None, "1")
    assert code.lengths.tolist() == [1, math.inf, 1]
    assert code.kraft_sum == 1
    assert expected_length(code, [0.5, 0.0, 0.5]) == 1.0
    assert expected_length(code, [0.4, 0.2, 0.4]) == math.inf
    assert encoded_bits(code, np.array([3, 0, 1])) == 4.0
    assert encoded_bits(code, np.array([3, 1, 1])) == math.inf
    with pytest.raises(ValueError, match=r"outcomes\[1\] = 1 has no codeword"):
        encode(code, np.array([0, 1]))


def test_a_single_possible_outcome_gets_the_empty_codeword() -> None:
    for p in ([1.0], [0.0, 1.0, 0.0]):
        code = huffman_code(p)
        assert code.average_length == 0.0
        assert code.kraft_sum == 1
        assert "" in code.codewords
        assert encode(code, np.array([p.index(1.0)] * 3)) == ""
        tree = code_tree(code)
        assert len(tree.nodes) == 1 and tree.depth == 0
        assert tree.nodes[0].outcome == p.index(1.0)


def test_fibonacci_weights_give_the_longest_possible_codeword() -> None:
    fibonacci = [1, 1]
    while len(fibonacci) < 70:
        fibonacci.append(fibonacci[-1] + fibonacci[-2])
    weights = np.array(fibonacci, dtype=float)
    code = huffman_code(weights / weights.sum())
    assert code.lengths.max() == 69  # K − 1: a chain
    assert code.kraft_sum == 1  # exact, beyond 53 bits of spread
    assert is_prefix_free(code.codewords)


# --- encoding and the tree ------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(probability_vectors, st.data())
def test_encoding_decodes_back_and_counts_its_bits(p, data) -> None:
    code = huffman_code(p)
    possible = np.flatnonzero(p > 0).tolist()
    outcomes = data.draw(st.lists(st.sampled_from(possible), max_size=30))
    bits = encode(code, np.array(outcomes, dtype=int))
    counts = np.bincount(np.array(outcomes, dtype=int), minlength=p.size)
    assert len(bits) == encoded_bits(code, counts)
    if all(code.codewords[i] for i in possible):
        assert decode(code, bits) == outcomes


def test_the_tree_has_one_leaf_per_codeword_at_its_depth() -> None:
    p = [0.4, 0.2, 0.2, 0.1, 0.1]
    code = huffman_code(p)
    tree = code_tree(code)
    assert tree.nodes[0].parent == -1 and tree.nodes[0].prefix == ""
    assert tree.nodes[0].probability == pytest.approx(1.0)
    assert tree.depth == 3
    for outcome, node_index in enumerate(tree.leaves):
        node = tree.nodes[node_index]
        assert node.outcome == outcome
        assert node.prefix == code.codewords[outcome]
        assert node.depth == code.lengths[outcome]
        assert node.children == ()
        assert node.probability == p[outcome]
    for node in tree.nodes:
        for child in node.children:
            assert tree.nodes[child].parent == node.index
            assert tree.nodes[child].depth == node.depth + 1
        if node.children:  # a full tree: two children, probability adds up
            assert len(node.children) == 2
            assert node.probability == pytest.approx(
                sum(tree.nodes[c].probability for c in node.children)
            )
            xs = [tree.nodes[c].x for c in node.children]
            assert node.x == (min(xs) + max(xs)) / 2
    leaf_x = sorted(tree.nodes[i].x for i in tree.leaves)
    assert leaf_x == [0.0, 1.0, 2.0, 3.0, 4.0]


def test_a_shannon_tree_may_have_single_children() -> None:
    tree = code_tree(shannon_code([0.5, 0.3, 0.2]))  # lengths 1, 2, 3
    single = [n for n in tree.nodes if len(n.children) == 1]
    assert single
    assert tree.leaves[2] != -1 and tree.nodes[tree.leaves[2]].prefix == "110"


def test_the_tree_refuses_codes_too_large_to_draw() -> None:
    k = MAX_TREE_LEAVES + 1
    with pytest.raises(ValueError, match="a tree is built for at most"):
        code_tree(huffman_code(np.full(k, 1.0 / k)))


# --- Shannon's code and the bounds under a mismatched distribution --------------------


@settings(max_examples=150, deadline=None)
@given(probability_vectors)
def test_shannon_lengths_are_the_exact_ceiling_of_the_ideal(p) -> None:
    code = shannon_code(p)
    for prob, length in zip(p.tolist(), code.lengths.tolist(), strict=True):
        if prob == 0:
            assert length == math.inf
            continue
        # 2^−l ≤ p < 2^−(l−1), checked exactly in rationals.
        assert Fraction(1, 2 ** int(length)) <= Fraction(prob)
        if length > 0:
            assert Fraction(prob) < Fraction(2, 2 ** int(length))
    assert code.kraft_sum <= 1
    assert is_prefix_free(code.codewords)


def test_shannon_code_of_a_dyadic_distribution_is_huffmans() -> None:
    p = [0.5, 0.25, 0.125, 0.0625, 0.0625]
    assert shannon_code(p).codewords == huffman_code(p).codewords
    assert shannon_code(p).kraft_sum == 1
    assert shannon_code([0.5, 0.3, 0.2]).kraft_sum == Fraction(7, 8)


pairs = st.integers(2, 10).flatmap(
    lambda k: st.tuples(
        st.lists(st.integers(0, 100), min_size=k, max_size=k).filter(any),
        st.lists(st.integers(1, 100), min_size=k, max_size=k),
    )
)


def _normalised(weights) -> np.ndarray:
    array = np.array(weights, dtype=float)
    return array / array.sum()


@settings(max_examples=200, deadline=None)
@given(pairs)
def test_shannon_code_of_q_costs_within_one_bit_of_the_cross_entropy(pair) -> None:
    p, q = (_normalised(w) for w in pair)
    readouts = code_length_readouts(p, q)
    h_pq = cross_entropy(p, q, 2)
    assert h_pq - SLACK <= readouts.shannon_mismatched < h_pq + 1
    assert entropy(p, 2) - SLACK <= readouts.shannon_own < entropy(p, 2) + 1
    d = kl_divergence(p, q, 2)
    assert d - 1 < readouts.shannon_extra < d + 1


@settings(max_examples=200, deadline=None)
@given(pairs)
def test_what_holds_for_huffman_under_a_mismatched_distribution(pair) -> None:
    p, q = (_normalised(w) for w in pair)
    readouts = code_length_readouts(p, q)
    h_p = entropy(p, 2)
    # Never below H(P) (Kraft and Gibbs), never below P's own code.
    assert readouts.huffman_mismatched >= h_p - SLACK
    assert readouts.huffman_extra >= -SLACK
    # Exactly H(P) + D(P‖2^−l): the code is optimal for the dyadic 2^−l.
    implied = 2.0**-readouts.huffman_q.lengths
    assert readouts.huffman_mismatched == pytest.approx(
        h_p + kl_divergence(p, implied, 2), abs=1e-9
    )
    assert readouts.huffman_own < h_p + 1


def test_huffman_for_q_can_beat_the_cross_entropy_by_far() -> None:
    # Q's code gives the rare outcomes 2 bits where −log₂ q is 4.32.
    readouts = code_length_readouts([0.0, 0.5, 0.5], [0.9, 0.05, 0.05])
    assert readouts.huffman_mismatched == 2.0
    assert readouts.cross_entropy_pq == pytest.approx(-math.log2(0.05))
    assert readouts.huffman_mismatched < readouts.cross_entropy_pq - 2
    # Shannon's code keeps the promise: ⌈4.32⌉ = 5 bits.
    assert readouts.shannon_mismatched == 5.0


@pytest.mark.parametrize(("k", "gap_above"), [(10, 0.8), (30, 7.0), (60, 17.0)])
def test_huffman_for_q_can_exceed_the_cross_entropy_by_more_than_one_bit(
    k, gap_above
) -> None:
    # Fibonacci weights make Huffman's tree a chain: the rarest outcome's
    # codeword is K − 1 bits, while −log₂ q grows only as K·log₂ φ ≈ 0.69 K.
    fibonacci = [1, 1]
    while len(fibonacci) < k:
        fibonacci.append(fibonacci[-1] + fibonacci[-2])
    q = _normalised(fibonacci)
    p = np.zeros(k)
    p[0] = 1.0
    readouts = code_length_readouts(p, q)
    assert readouts.huffman_mismatched == k - 1
    gap = readouts.huffman_mismatched - readouts.cross_entropy_pq
    assert gap > gap_above
    assert readouts.shannon_mismatched < readouts.cross_entropy_pq + 1


def test_readouts_of_q_missing_an_outcome_of_p_are_infinite() -> None:
    readouts = code_length_readouts([0.5, 0.5], [1.0, 0.0])
    assert readouts.cross_entropy_pq == math.inf
    assert readouts.huffman_mismatched == math.inf
    assert readouts.shannon_mismatched == math.inf
    assert readouts.huffman_extra == math.inf


# --- helpers and rejected input -----------------------------------------------------


def test_ideal_lengths_and_kraft_sum() -> None:
    assert ideal_lengths([0.5, 0.25, 0.25, 0.0]).tolist() == [1, 2, 2, math.inf]
    assert not ideal_lengths([0.5, 0.5]).flags.writeable
    assert kraft_sum([1, 2, math.inf, 2]) == 1
    assert kraft_sum([math.inf]) == 0
    assert kraft_sum([1, 1, 1]) == Fraction(3, 2)


@pytest.mark.parametrize(
    ("lengths", "message"),
    [
        ([1, -1], "whole numbers"),
        ([1.5, 1], "whole numbers"),
        ([math.nan, 1], "whole numbers"),
        ([[1, 1]], "1-D"),
    ],
)
def test_bad_lengths_are_refused(lengths, message) -> None:
    with pytest.raises(ValueError, match=message):
        kraft_sum(lengths)


def test_lengths_beyond_kraft_have_no_codewords() -> None:
    with pytest.raises(ValueError, match="Kraft sum above 1"):
        canonical_codewords([1, 1, 1])


@pytest.mark.parametrize(
    ("p", "message"),
    [
        ([0.5, 0.6], "sums to"),
        ([], "empty"),
        ([-0.5, 1.5], r"probabilities\[0\] is negative"),
        ([math.nan, 1.0], "NaN"),
    ],
)
def test_invalid_distributions_are_refused(p, message) -> None:
    with pytest.raises(ValueError, match=message):
        huffman_code(p)
    with pytest.raises(ValueError, match=message):
        shannon_code(p)


def test_too_many_outcomes_are_refused() -> None:
    k = MAX_CODE_K + 1
    with pytest.raises(ValueError, match="at most 100,000"):
        huffman_code(np.full(k, 1.0 / k))


def test_mismatched_sizes_and_bad_counts_are_refused() -> None:
    code = huffman_code([0.5, 0.5])
    with pytest.raises(ValueError, match="3 outcomes but the code 2"):
        expected_length(code, [0.2, 0.3, 0.5])
    with pytest.raises(ValueError, match="counts must be 2 integers"):
        encoded_bits(code, np.array([1.0, 2.0]))
    with pytest.raises(ValueError, match="must not be negative"):
        encoded_bits(code, np.array([1, -2]))
    with pytest.raises(ValueError, match="out of range"):
        encode(code, np.array([2]))
    with pytest.raises(ValueError, match="integers"):
        encode(code, np.array([0.5]))


def test_results_are_read_only() -> None:
    code = huffman_code([0.7, 0.3])
    assert not code.lengths.flags.writeable
    assert not code.probabilities.flags.writeable


def test_coding_samples_of_p_with_q_code_converges_to_the_expected_length() -> None:
    from core.sampling import draw, start_sampling

    p, q = [0.5, 0.3, 0.2], [0.2, 0.3, 0.5]
    state = start_sampling(p, q, 3)
    code = huffman_code(state.q)
    assert bits_per_symbol(code, state.counts_p) is None
    state = draw(state, 50_000)
    average = bits_per_symbol(code, state.counts_p)
    lengths = code.lengths  # 0.5·2 + 0.3·2 + 0.2·1 bits on average
    expected = expected_length(code, state.p)
    assert expected == pytest.approx(float(np.dot(state.p, lengths)))
    # Bernoulli-like spread of one codeword length: at most 0.5 bit here.
    assert abs(average - expected) < 4 * 0.5 / math.sqrt(50_000)
    assert bits_per_symbol(huffman_code([1.0, 0.0, 0.0]), state.counts_p) == math.inf


def test_the_pages_claim_about_q_codes_on_p_draws_holds() -> None:
    """What the code-length page says: no code of Q beats P's Huffman code on P.

    Its old wording ("costs more than with P's own") was false for Shannon's
    codes: with P = [0.4, 0.3, 0.2, 0.1] and a uniform Q, Shannon's code of Q
    averages 2 bits on P's draws and Shannon's code of P 2.4 bits.
    """
    p, uniform = [0.4, 0.3, 0.2, 0.1], [0.25] * 4
    assert expected_length(shannon_code(uniform), p) == pytest.approx(2.0)
    assert expected_length(shannon_code(p), p) == pytest.approx(2.4)
    rng = np.random.default_rng(7)
    for _ in range(300):
        k = int(rng.integers(2, 17))
        p = rng.dirichlet(np.full(k, 0.5))
        q = rng.dirichlet(np.full(k, 0.5))
        best = expected_length(huffman_code(p), p)
        for code in (huffman_code(q), shannon_code(q), shannon_code(p)):
            assert expected_length(code, p) >= best - SLACK


@pytest.mark.parametrize(
    ("probabilities", "lengths"),
    [
        ([1.0, 1e-20], [1, 67]),  # p₀ rounds to 1 beside a positive p₁
        ([1.0, 0.0, 1e-300], [1, math.inf, 997]),
        ([1.0], [0]),  # one outcome: the empty codeword
    ],
)
def test_shannon_s_code_of_a_near_certain_outcome_is_a_prefix_code(
    probabilities, lengths
) -> None:
    # p = [1, 10⁻²⁰] gave the empty codeword beside another; lengthening
    # the longest codeword to mend Kraft's sum never ended (a session file
    # with such a Q hung the window: 600,000 bits long after two minutes).
    code = shannon_code(probabilities)
    assert code.lengths.tolist() == lengths
    assert kraft_sum(code.lengths) <= 1
