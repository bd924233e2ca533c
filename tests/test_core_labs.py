"""The Sampling and Code-length labs' states without Qt: runs, results, sessions.

The statistics themselves are core.sampling's and core.huffman's (tested in
their own files); here: the labs' states hold what their pages need, run
the same draws however they are chunked, record each code's average length
exactly at every checkpoint, and go through a session bit for bit (a run
read back continues with the draws it would have made), refusing by field
anything a run could not have reached.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import math
from typing import Any

import numpy as np
import pytest

from core.code_lab import (
    CODE_NAMES,
    advance_code_lab,
    can_advance_code_lab,
    derive_code_lab,
    length_moments,
    reset_code_lab,
    restart_code_lab,
    start_code_lab,
    with_tree,
)
from core.huffman import bits_per_symbol, huffman_code, shannon_code
from core.json_values import MAX_FILE_BYTES, SessionError
from core.lab_schemas import (
    code_lab_from_dict,
    code_lab_to_dict,
    lab_checkpoints,
    sampling_lab_from_dict,
    sampling_lab_to_dict,
)
from core.ranges import LAB_DRAWS, LAB_RATES
from core.sampling import RECENT_LIMIT, draw, start_sampling
from core.sampling_lab import (
    advance_sampling_lab,
    can_advance_sampling_lab,
    derive_sampling_lab,
    reset_sampling_lab,
    restart_sampling_lab,
    start_sampling_lab,
    with_rate,
    with_units,
)
from core.scenario import default_scenario
from core.session import Session, parse_session, session_to_json

P = [0.5, 0.25, 0.125, 0.125]
Q = [0.1, 0.2, 0.3, 0.4]
#: Q misses outcome 2, which P can give; P misses outcome 3, which Q can give.
P_GAP = [0.5, 0.3, 0.2, 0.0]
Q_GAP = [0.4, 0.4, 0.0, 0.2]


def assert_same_arrays(a: Any, b: Any) -> None:
    np.testing.assert_array_equal(np.asarray(a), np.asarray(b), strict=True)


def assert_same_run(a: Any, b: Any) -> None:
    """Two sampling states equal in everything they accumulate, bit for bit."""
    for name in (
        "p",
        "q",
        "counts_p",
        "counts_q",
        "means",
        "squared_deviations",
        "recent_p",
        "recent_q",
        "checkpoints",
        "history_means",
        "history_errors",
    ):
        assert_same_arrays(getattr(a, name), getattr(b, name))
    assert (a.seed, a.count, a.next_checkpoint) == (b.seed, b.count, b.next_checkpoint)


# --- the sampling lab ----------------------------------------------------------------


def test_a_sampling_lab_starts_before_its_first_draw() -> None:
    state = start_sampling_lab(P, Q, seed=7, units="nats", rate=10)
    assert (state.p, state.q) == (tuple(P), tuple(Q))
    assert (state.seed, state.units, state.rate, state.count, state.step) == (
        7,
        "nats",
        10,
        0,
        0,
    )
    assert state.run.seed == 7
    results = derive_sampling_lab(state)
    assert results.sampling.units == "nats" and results.sampling.count == 0
    assert all(e.mean is None for e in results.sampling.estimates)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ([0.5, 0.5, 0.0][:1], [1.0]),
            "p has 1 outcomes; the labs draw from 2 to 1,024",
        ),
        (([1 / 1025] * 1025, [1 / 1025] * 1025), "p has 1,025 outcomes"),
        (([[0.5, 0.5]], [0.5, 0.5]), "p must be one-dimensional"),
        (([0.5, 0.5], [0.5, 0.25, 0.25]), "different|length|shape"),
        (([0.5, 0.5], [0.5, 0.5], -1), "seed must lie in"),
        (([0.5, 0.5], [0.5, 0.5], 1.5), "seed must be an integer"),
        (([0.5, 0.5], [0.5, 0.5], True), "seed must be an integer"),
        (([0.5, 0.5], [0.5, 0.5], 0, "bans"), "units must be 'bits' or 'nats'"),
        (([0.5, 0.5], [0.5, 0.5], 0, "bits", 50), "rate must be one of 1, 10"),
        (([0.5, 0.5], [0.5, 0.5], 0, "bits", True), "rate must be one of"),
        (([0.5, -0.5], [0.5, 0.5]), "negative"),
    ],
)
def test_a_bad_start_is_refused_naming_the_argument(
    arguments: tuple[Any, ...], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        start_sampling_lab(*arguments)


def test_the_draws_depend_only_on_the_seed_and_their_number() -> None:
    state = start_sampling_lab(P, Q, seed=3)
    chunked = state
    for n in (1, 2, 199, 200, 201, 5_000):
        chunked = advance_sampling_lab(chunked, n)
    whole = advance_sampling_lab(state, chunked.count)
    direct = draw(start_sampling(P, Q, 3), chunked.count)
    assert chunked == whole and chunked.count == 5_603
    assert_same_arrays(chunked.run.counts_p, direct.counts_p)
    assert_same_arrays(chunked.run.recent_q, direct.recent_q)
    np.testing.assert_allclose(chunked.run.means, direct.means, rtol=1e-12)
    other_seed = advance_sampling_lab(restart_sampling_lab(state, seed=4), 5_603)
    assert not np.array_equal(other_seed.run.counts_p, direct.counts_p)


def test_changes_keep_or_restart_the_run_as_they_say() -> None:
    state = advance_sampling_lab(start_sampling_lab(P, Q, seed=1), 100)
    assert with_units(state, "nats").count == 100
    assert with_units(state, "nats").run is state.run
    assert with_rate(state, 10_000).run is state.run
    assert reset_sampling_lab(state).count == 0
    assert reset_sampling_lab(state).run.tables is state.run.tables
    restarted = restart_sampling_lab(state, p=Q, q=P)
    assert (restarted.p, restarted.q, restarted.count) == (tuple(Q), tuple(P), 0)
    assert restarted.units == state.units and restarted.rate == state.rate
    with pytest.raises(ValueError, match="units"):
        with_units(state, "bytes")
    with pytest.raises(ValueError, match="rate"):
        with_rate(state, 3)


def test_equality_is_settings_and_number_of_draws() -> None:
    a = advance_sampling_lab(start_sampling_lab(P, Q, 2), 10)
    b = advance_sampling_lab(advance_sampling_lab(start_sampling_lab(P, Q, 2), 4), 6)
    assert a == b and a.run is not b.run
    assert a != advance_sampling_lab(a, 1)
    assert a != with_units(a, "nats") and a != with_rate(a, 1)
    assert a != advance_sampling_lab(start_sampling_lab(P, Q, 3), 10)
    assert a.__eq__(object()) is NotImplemented


def test_a_run_stops_at_the_draw_limit() -> None:
    state = start_sampling_lab(P, Q)
    # A run 3 draws from the limit (its next checkpoint beyond it).
    run = dataclasses.replace(
        state.run, count=LAB_DRAWS.high - 3, next_checkpoint=2 * LAB_DRAWS.high
    )
    near = dataclasses.replace(state, run=run)
    assert can_advance_sampling_lab(near)
    done = advance_sampling_lab(near, 10)
    assert done.count == LAB_DRAWS.high and not can_advance_sampling_lab(done)
    assert advance_sampling_lab(done, 5) is done
    assert advance_sampling_lab(state, 0) is state


def test_the_results_are_the_cores_in_the_states_units() -> None:
    state = advance_sampling_lab(start_sampling_lab(P, Q, 5, "nats"), 3_000)
    nats = derive_sampling_lab(state).sampling
    bits = derive_sampling_lab(with_units(state, "bits")).sampling
    for in_nats, in_bits in zip(nats.estimates, bits.estimates, strict=True):
        assert in_nats.mean == pytest.approx(in_bits.mean * math.log(2), rel=1e-12)
        assert in_nats.target == pytest.approx(in_bits.target * math.log(2), rel=1e-12)


# --- the code-length lab -----------------------------------------------------------


def test_a_code_lab_builds_four_codes_once() -> None:
    state = start_code_lab(P, Q, seed=2, rate=1, tree="shannon_p")
    results = derive_code_lab(state)
    assert results.code("huffman_q").codewords == huffman_code(Q).codewords
    assert results.code("huffman_p").codewords == huffman_code(P).codewords
    assert results.code("shannon_q").codewords == shannon_code(Q).codewords
    assert results.code("shannon_p").codewords == shannon_code(P).codewords
    assert results.tree is state.run.book.trees[CODE_NAMES.index("shannon_p")]
    assert advance_code_lab(state, 50).run.book is state.run.book
    assert results.count == 0 and results.recent == ()
    assert all(e.moments.mean is None for e in results.estimates)
    with pytest.raises(ValueError, match="tree must be one of"):
        start_code_lab(P, Q, tree="arithmetic")
    with pytest.raises(ValueError, match="name must be one of"):
        results.code("arithmetic")


def test_trees_are_built_up_to_sixteen_outcomes_only() -> None:
    sixteen = [1 / 16] * 16
    assert all(t is not None for t in start_code_lab(sixteen, sixteen).run.book.trees)
    seventeen = [1 / 17] * 17
    assert derive_code_lab(start_code_lab(seventeen, seventeen)).tree is None


def moments_by_hand(lengths: list[float], counts: list[int]) -> tuple[float, float]:
    """Mean and SE of a sample given by counts, from the listed sample itself."""
    sample = np.repeat(np.array(lengths), counts)
    return float(sample.mean()), float(sample.std(ddof=1) / math.sqrt(sample.size))


def test_length_moments_are_the_samples_mean_and_standard_error() -> None:
    code = huffman_code(P)  # lengths 1, 2, 3, 3
    counts = np.array([7, 3, 0, 2])
    moments = length_moments(code, counts)
    mean, error = moments_by_hand(code.lengths.tolist(), counts.tolist())
    assert moments.mean == pytest.approx(mean, rel=1e-15)
    assert moments.mean == bits_per_symbol(code, counts)
    assert moments.standard_error == pytest.approx(error, rel=1e-12)
    assert length_moments(code, np.zeros(4, dtype=np.int64)).mean is None
    one = length_moments(code, np.array([0, 1, 0, 0]))
    assert (one.mean, one.standard_error) == (2.0, None)
    missing = length_moments(huffman_code(Q_GAP), np.array([1, 0, 1, 0]))
    assert (missing.mean, missing.infinite_at) == (math.inf, (2,))
    with pytest.raises(ValueError, match="counts must be 4 integers"):
        length_moments(code, [1.0, 2.0, 3.0, 4.0])
    with pytest.raises(ValueError, match="negative"):
        length_moments(code, np.array([1, -1, 0, 0]))


@pytest.mark.parametrize(
    "pieces",
    [[1] * 30, [167] * 40, [10_000], [3, 250, 1, 4_000, 199, 20_000], [200, 201]],
)
def test_each_checkpoint_records_each_codes_exact_average(pieces: list[int]) -> None:
    state = start_code_lab(P_GAP, Q_GAP, seed=9)
    for n in pieces:
        state = advance_code_lab(state, n)
    results = derive_code_lab(state)
    checkpoints = results.checkpoints.tolist()
    assert checkpoints == lab_checkpoints(state.count)
    assert results.history_means.shape == (4, len(checkpoints))
    # The same draws, made up to each checkpoint, coded by hand.
    sampling, drawn = start_sampling(P_GAP, Q_GAP, 9), 0
    for column, checkpoint in enumerate(checkpoints):
        sampling, drawn = draw(sampling, checkpoint - drawn), checkpoint
        for row, code in enumerate(results.codes):
            moments = length_moments(code, sampling.counts_p)
            assert results.history_means[row, column] == moments.mean
            error = moments.standard_error
            expected = math.inf if error is None else error
            assert results.history_errors[row, column] == pytest.approx(expected)
    sampling = draw(sampling, state.count - drawn)
    assert_same_arrays(state.run.sampling.counts_p, sampling.counts_p)


def test_the_estimates_name_the_claim_that_holds_for_each_code() -> None:
    results = derive_code_lab(start_code_lab(P, Q))
    r = results.readouts
    by_name = {e.name: e for e in results.estimates}
    assert (by_name["shannon_q"].low, by_name["shannon_q"].high) == (
        r.cross_entropy_pq,
        r.cross_entropy_pq + 1,
    )
    assert (by_name["huffman_p"].low, by_name["huffman_p"].high) == (
        r.entropy_p,
        r.entropy_p + 1,
    )
    assert (by_name["huffman_q"].low, by_name["huffman_q"].high) == (
        r.huffman_own,
        math.inf,
    )
    for estimate in results.estimates:
        assert estimate.low <= estimate.expected < estimate.high
    gap = derive_code_lab(start_code_lab(P_GAP, Q_GAP))
    assert gap.estimate("shannon_q").expected == math.inf
    assert gap.estimate("shannon_q").expected_infinite_at == (2,)
    assert gap.estimate("huffman_p").expected_infinite_at == ()


def test_recent_draws_come_with_each_codes_codewords() -> None:
    state = advance_code_lab(start_code_lab(P_GAP, Q_GAP, seed=4), 40)
    results = derive_code_lab(state)
    assert results.recent == tuple(state.run.sampling.recent_p[-16:].tolist())
    for code, words in zip(results.codes, results.recent_words, strict=True):
        assert words == tuple(code.codewords[x] for x in results.recent)
    assert None in results.recent_words[CODE_NAMES.index("shannon_q")]  # outcome 2


def test_code_lab_changes() -> None:
    state = advance_code_lab(start_code_lab(P, Q, seed=1), 300)
    assert with_tree(state, "shannon_q").run is state.run
    reset = reset_code_lab(state)
    assert reset.count == 0 and reset.run.history_means.shape == (4, 0)
    assert reset.run.book is state.run.book
    assert restart_code_lab(state, seed=2).run.book is not state.run.book
    assert can_advance_code_lab(state)
    assert advance_code_lab(state, 0) is state
    assert state == advance_code_lab(advance_code_lab(start_code_lab(P, Q, 1), 1), 299)


# --- sessions ---------------------------------------------------------------------


def test_the_checkpoint_rule_is_the_samplings() -> None:
    state = draw(start_sampling(P, Q), 123_456)
    assert lab_checkpoints(123_456) == state.checkpoints.tolist()
    assert lab_checkpoints(0) == []


def through_json(data: dict[str, Any]) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(json.dumps(data))
    return loaded


@pytest.mark.parametrize("pair", [(P, Q), (P_GAP, Q_GAP)])
@pytest.mark.parametrize("draws", [0, 1, 2, 150, 12_345])
def test_a_sampling_lab_round_trips_and_continues_with_the_same_draws(
    pair: tuple[list[float], list[float]], draws: int
) -> None:
    state = advance_sampling_lab(start_sampling_lab(*pair, 11, "nats", 10_000), draws)
    loaded = sampling_lab_from_dict(through_json(sampling_lab_to_dict(state)))
    assert loaded == state
    assert_same_run(loaded.run, state.run)
    for n in (1, 500):
        assert_same_run(
            advance_sampling_lab(loaded, n).run, advance_sampling_lab(state, n).run
        )


@pytest.mark.parametrize("draws", [0, 1, 299, 4_321])
def test_a_code_lab_round_trips_and_continues_with_the_same_draws(draws: int) -> None:
    state = advance_code_lab(start_code_lab(P_GAP, Q_GAP, 6, 1, "shannon_q"), draws)
    loaded = code_lab_from_dict(through_json(code_lab_to_dict(state)))
    assert loaded == state
    assert_same_run(loaded.run.sampling, state.run.sampling)
    assert_same_arrays(loaded.run.history_means, state.run.history_means)
    assert_same_arrays(loaded.run.history_errors, state.run.history_errors)
    further = (advance_code_lab(loaded, 700), advance_code_lab(state, 700))
    assert_same_arrays(further[0].run.history_means, further[1].run.history_means)


def test_a_long_run_of_1024_outcomes_fits_a_session_file_twice_over() -> None:
    rng = np.random.default_rng(0)
    p, q = rng.dirichlet(np.ones(1024)), rng.dirichlet(np.ones(1024))
    sampling = start_sampling_lab(p, q, 2**31 - 1)
    codes = start_code_lab(p, q, 2**31 - 1)
    for _ in range(3):
        sampling = advance_sampling_lab(sampling, 1_000_000)
        codes = advance_code_lab(codes, 1_000_000)
    text = session_to_json(
        Session(default_scenario(), {"sampling": sampling, "codes": codes})
    )
    assert len(text.encode("utf-8")) < MAX_FILE_BYTES / 2
    loaded = parse_session(text)
    assert loaded.pages["sampling"] == sampling and loaded.pages["codes"] == codes


def saved_sampling() -> dict[str, Any]:
    state = advance_sampling_lab(start_sampling_lab(P_GAP, Q_GAP, 3), 40)
    return through_json(sampling_lab_to_dict(state))


def changed(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(data)
    holder = data
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = value
    return data


def test_infinite_values_are_written_as_the_string_inf() -> None:
    data = saved_sampling()
    assert data["run"]["means"][1] == "inf" and data["run"]["means"][3] == "inf"
    assert data["run"]["history_errors"][0][0] == "inf"  # unknown at one draw
    json.dumps(data, allow_nan=False)


BAD_SAMPLING = [
    (("rate",), 50, "sampling.rate must be one of 1, 10, 100, 10000, got 50"),
    (("seed",), -1, r"sampling.seed must lie in \[0, 2147483647\], got -1"),
    (("units",), "bans", 'sampling.units must be one of "bits", "nats"'),
    (("p",), [1.0], "sampling.p must have 2 to 1024 entries, got 1"),
    (("p", 0), -0.5, r"sampling.p\[0\] is negative"),
    (("q",), [0.5, 0.5], "sampling.q has 2 entries but p has 4"),
    (("p",), [2.0, 1.0, 1.0, 0.0], "sampling cannot be sampled: p sums to 4"),
    (("run", "count"), 41, "sampling.run.counts_p must add up to the count 41"),
    (("run", "count"), -1, r"sampling.run.count must lie in \[0, 1000000000\]"),
    (("run", "counts_p", 3), 1, r"sampling.run.counts_p\[3\] is 1, but outcome 3"),
    (("run", "counts_q"), [40, 0, 0], "sampling.run.counts_q must have 4 to 4"),
    (("run", "means", 0), 0.1, r"sampling.run.means\[0\] is 0.1, but the counts give"),
    (("run", "means", 1), 1.0, r"sampling.run.means\[1\] must be \"inf\" exactly"),
    (("run", "means", 0), "-inf", r"sampling.run.means\[0\] must be a number or"),
    (("run", "squared_deviations", 0), -1.0, "must be at least 0"),
    (("run", "squared_deviations", 0), 99.0, "but the counts give"),
    (("run", "recent_p"), [0] * 39, "sampling.run.recent_p must have 40 to 40"),
    (("run", "recent_p", 0), 7, r"sampling.run.recent_p\[0\] must lie in \[0, 3\]"),
    (("run", "history_means"), [[0.0]] * 6, r"sampling.run.history_means\[0\] must"),
    (("run", "history_errors", 0, 1), -0.1, "must be at least 0"),
    (("run", "history_means", 0, 0), None, "must be a number, got null"),
]


@pytest.mark.parametrize(("path", "value", "message"), BAD_SAMPLING)
def test_a_sampling_lab_a_run_could_not_reach_is_refused_by_field(
    path: tuple[Any, ...], value: Any, message: str
) -> None:
    with pytest.raises(SessionError, match=message):
        sampling_lab_from_dict(changed(saved_sampling(), path, value), "sampling")


def test_recent_draws_more_often_than_counted_are_refused() -> None:
    data = saved_sampling()
    counts = data["run"]["counts_p"]
    rare = int(np.argmin([c if c else 10**9 for c in counts]))
    recent = data["run"]["recent_p"]
    recent[: counts[rare] + 1] = [rare] * (counts[rare] + 1)
    with pytest.raises(SessionError, match=f"holds outcome {rare} .* than its count"):
        sampling_lab_from_dict(data, "sampling")


def test_a_code_lab_with_a_bad_tree_or_lengths_is_refused() -> None:
    state = advance_code_lab(start_code_lab(P, Q, 3), 30)
    data = through_json(code_lab_to_dict(state))
    with pytest.raises(SessionError, match=r'codes\.tree must be one of "shannon_q"'):
        code_lab_from_dict(changed(data, ("tree",), "oak"), "codes")
    with pytest.raises(SessionError, match=r"codes.lengths.history_means\[0\] must"):
        code_lab_from_dict(changed(data, ("lengths", "history_means", 0), []), "codes")
    with pytest.raises(SessionError, match="longer than the code's longest codeword"):
        code_lab_from_dict(
            changed(data, ("lengths", "history_means", 2, 5), 9.0), "codes"
        )
    with pytest.raises(SessionError, match=r"codes\.rate must be one of"):
        code_lab_from_dict(changed(data, ("rate",), 0), "codes")


def test_every_offered_rate_round_trips() -> None:
    for rate in LAB_RATES:
        state = start_sampling_lab(P, Q, rate=rate)
        assert sampling_lab_from_dict(sampling_lab_to_dict(state)).rate == rate


def test_recent_keeps_at_most_its_limit() -> None:
    state = advance_sampling_lab(start_sampling_lab(P, Q), RECENT_LIMIT + 5)
    data = sampling_lab_to_dict(state)
    assert len(data["run"]["recent_p"]) == RECENT_LIMIT
