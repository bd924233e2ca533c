"""The next-token lab's core (core.next_token): reading, truncating, measuring.

References are independent of the module: probabilities from
core.softmax, entropies and divergences from core.information (accurate to
a few ulps in float64), mpmath at 40 digits for a small vocabulary, and
Hugging Face's own top-p rule written out here. The float32 statistics are
held to the module's promise of 1e-6 relative accuracy against float64.
"""

from __future__ import annotations

import doctest
import io
import json
import math
import os
import subprocess
import sys

import mpmath as mp
import numpy as np
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

import core.next_token
from core.atomic import FileError
from core.information import entropy, js_divergence, kl_divergence
from core.next_token import (
    EXAMPLE_SIZES,
    MAX_TOKENS,
    RANK_CURVE_POINTS,
    DecodingSettings,
    decoded_distribution,
    detect_kind,
    example_distributions,
    next_token_statistics,
    parse_clipboard,
    parse_distribution,
    read_distribution_file,
    token_distribution,
)
from core.softmax import softmax

mp.mp.dps = 40
LN2 = math.log(2.0)
#: The accuracy float32 promises, relative.
FLOAT32_RTOL = 1e-6
#: float64 against core.information: a few ulps of sums of many terms.
FLOAT64_RTOL = 1e-12

SETTINGS = [
    DecodingSettings(),
    DecodingSettings(temperature=0.7),
    DecodingSettings(temperature=1.6),
    DecodingSettings(top_k=50),
    DecodingSettings(temperature=0.8, top_p=0.9),
    DecodingSettings(min_p=0.05),
    DecodingSettings(temperature=1.2, top_k=200, top_p=0.95, min_p=0.01),
]


def test_docstring_examples_hold() -> None:
    failures, _ = doctest.testmod(core.next_token)
    assert failures == 0


# --- an independent reference ---------------------------------------------------------


def reference_kept(p: np.ndarray, s: DecodingSettings) -> np.ndarray:
    """The kept tokens (a mask), from the rules as the module documents them."""
    order = np.argsort(-p, kind="stable")
    sorted_p = p[order]
    positive = int(np.count_nonzero(sorted_p > 0))
    kept = positive
    if s.top_k is not None and s.top_k < kept:
        kept = int(np.count_nonzero(sorted_p >= sorted_p[s.top_k - 1]))
    if s.top_p is not None and s.top_p < 1:
        mass = np.cumsum(sorted_p[:kept])
        last = int(np.argmax(mass >= s.top_p * mass[-1]))
        kept = min(kept, int(np.count_nonzero(sorted_p >= sorted_p[last])))
    if s.min_p is not None and s.min_p > 0:
        kept = min(kept, int(np.count_nonzero(sorted_p >= s.min_p * sorted_p[0])))
    mask = np.zeros(p.size, dtype=bool)
    mask[order[:kept]] = True
    return mask


def reference(logits: np.ndarray, s: DecodingSettings):
    """(tempered P, truncated P) in float64 from core.softmax."""
    p = softmax(logits, s.temperature)
    kept = reference_kept(p, s)
    truncated = np.where(kept, p, 0.0)
    return p, truncated / truncated.sum()


def check_model(stats, logits, s: DecodingSettings, rtol: float) -> None:
    p, truncated = reference(logits, s)
    assert stats.entropy == pytest.approx(entropy(p), rel=rtol, abs=1e-300)
    assert stats.truncated_entropy == pytest.approx(
        entropy(truncated), rel=rtol, abs=1e-300
    )
    assert stats.perplexity == pytest.approx(math.exp(entropy(p)), rel=rtol)
    assert stats.kept == int(np.count_nonzero(truncated))
    cut = float(p[truncated == 0].sum())
    assert stats.cut_mass == pytest.approx(cut, rel=max(rtol, 1e-10), abs=1e-300)
    anything_cut = stats.kept < np.count_nonzero(p)
    if not anything_cut:  # exactly 0, not the reference's rounding
        assert stats.kl_from_truncated == stats.js_truncated == 0.0
        assert stats.kl_to_truncated == 0.0
        return
    # The reference's truncated vector is rounded (divided by its sum): its
    # divergence from p carries noise of order ε² ≈ 5×10⁻³², which for a cut
    # of 10⁻³² is all of it (v = 20, T = 0.0625, top-k 10: 1.2×10⁻⁸ apart).
    rounding = 64 * np.finfo(np.float64).eps ** 2
    assert stats.kl_from_truncated == pytest.approx(
        kl_divergence(truncated, p), rel=max(rtol, 1e-9), abs=rounding
    )
    assert stats.js_truncated == pytest.approx(
        js_divergence(p, truncated), rel=max(rtol, 1e-9), abs=rounding
    )
    assert stats.kl_to_truncated == math.inf


def check_pair(results, logits_p, logits_q, rtol: float) -> None:
    _, tp = reference(logits_p, results.p_settings)
    _, tq = reference(logits_q, results.q_settings)
    pair = results.pair
    assert pair.kl_pq == pytest.approx(kl_divergence(tp, tq), rel=rtol, abs=1e-300)
    assert pair.kl_qp == pytest.approx(kl_divergence(tq, tp), rel=rtol, abs=1e-300)
    assert pair.js == pytest.approx(js_divergence(tp, tq), rel=rtol, abs=1e-300)


def zipf_logits(v: int, seed: int, exponent: float = 1.3) -> np.ndarray:
    rng = np.random.default_rng(seed)
    z = -exponent * np.log(np.arange(1, v + 1) + 2.0) + rng.normal(0, 0.4, v)
    return rng.permutation(z)


# --- statistics against the reference ------------------------------------------------


@pytest.mark.parametrize("s", SETTINGS, ids=repr)
def test_float64_statistics_match_the_reference(s) -> None:
    zp, zq = zipf_logits(5000, 1), zipf_logits(5000, 2)
    p, q = token_distribution(zp, "logits"), token_distribution(zq, "logits")
    results = next_token_statistics(p, q, s, units="nats", precision="float64")
    check_model(results.p, zp, s, FLOAT64_RTOL)
    check_model(results.q, zq, s, FLOAT64_RTOL)
    check_pair(results, zp, zq, FLOAT64_RTOL)


@pytest.mark.parametrize("v", EXAMPLE_SIZES)
@pytest.mark.parametrize("s", SETTINGS, ids=repr)
def test_float32_keeps_1e_6_relative_accuracy_on_the_examples(v, s) -> None:
    p, q = example_distributions(v)
    results = next_token_statistics(p, q, s, units="nats")
    assert results.precision == "float32"
    check_model(results.p, p.logits, s, FLOAT32_RTOL)
    check_model(results.q, q.logits, s, FLOAT32_RTOL)
    check_pair(results, p.logits, q.logits, FLOAT32_RTOL)


@pytest.mark.parametrize("delta", [1e-1, 1e-3, 1e-5, 1e-7])
def test_float32_keeps_its_accuracy_for_nearly_equal_models(delta) -> None:
    # KL and JS are then of order δ²: a plain difference of logs would lose
    # all of it in float32; the series keep it.
    zp = zipf_logits(20_000, 3)
    zq = zp + delta * np.random.default_rng(4).normal(size=zp.size)
    p, q = token_distribution(zp, "logits"), token_distribution(zq, "logits")
    results = next_token_statistics(p, q, units="nats")
    check_pair(results, zp, zq, FLOAT32_RTOL)
    assert 0 < results.pair.kl_pq < 10 * delta**2
    # Below the floor float32's normalisers would show: float64 takes over.
    tiny = results.pair.kl_pq < core.next_token.FLOAT32_PAIR_FLOOR
    assert results.pair.precision == ("float64" if tiny else "float32")


def test_identical_models_are_exactly_zero_apart() -> None:
    p, _ = example_distributions(EXAMPLE_SIZES[0])
    for precision in ("float32", "float64"):
        pair = next_token_statistics(p, p, precision=precision).pair
        assert (pair.kl_pq, pair.kl_qp, pair.js) == (0.0, 0.0, 0.0)


def _mp_reference(logits_p, logits_q):
    """Entropy, KL both ways and JS at 40 digits, T = 1, no truncation."""

    def softmax_mp(z):
        top = max(z)
        weights = [mp.exp(mp.mpf(x) - top) for x in z]
        total = mp.fsum(weights)
        return [w / total for w in weights]

    p, q = softmax_mp(logits_p.tolist()), softmax_mp(logits_q.tolist())
    h = -mp.fsum(a * mp.log(a) for a in p)
    kl_pq = mp.fsum(a * mp.log(a / b) for a, b in zip(p, q, strict=True))
    kl_qp = mp.fsum(b * mp.log(b / a) for a, b in zip(p, q, strict=True))
    js = mp.fsum(
        (a * mp.log(2 * a / (a + b)) + b * mp.log(2 * b / (a + b))) / 2
        for a, b in zip(p, q, strict=True)
    )
    return float(h), float(kl_pq), float(kl_qp), float(js)


@pytest.mark.parametrize("spread", [1.0, 1e-4])
def test_statistics_match_mpmath(spread) -> None:
    zp = zipf_logits(400, 5)
    zq = zp + spread * np.random.default_rng(6).normal(size=zp.size)
    h, kl_pq, kl_qp, js = _mp_reference(zp, zq)
    p, q = token_distribution(zp, "logits"), token_distribution(zq, "logits")
    for precision, rtol in (("float64", 1e-13), ("float32", FLOAT32_RTOL)):
        results = next_token_statistics(p, q, units="nats", precision=precision)
        assert results.p.entropy == pytest.approx(h, rel=rtol)
        assert results.pair.kl_pq == pytest.approx(kl_pq, rel=rtol)
        assert results.pair.kl_qp == pytest.approx(kl_qp, rel=rtol)
        assert results.pair.js == pytest.approx(js, rel=rtol)


@settings(max_examples=100, deadline=None)
@example(v=20, seed=0, t=0.0625, top_k=10, top_p=None, min_p=None)  # a 10⁻³² cut
@given(
    st.integers(2, 60),
    st.integers(0, 2**32 - 1),
    st.floats(0.05, 20.0),
    st.one_of(st.none(), st.integers(1, 70)),
    st.one_of(st.none(), st.floats(0.01, 1.0)),
    st.one_of(st.none(), st.floats(0.0, 1.0)),
)
def test_random_settings_match_the_reference(v, seed, t, top_k, top_p, min_p) -> None:
    rng = np.random.default_rng(seed)
    zp, zq = rng.normal(0, 3, v), rng.normal(0, 3, v)
    s = DecodingSettings(temperature=t, top_k=top_k, top_p=top_p, min_p=min_p)
    # Cuts exactly at a boundary depend on the last bit; keep clear of them.
    for z in (zp, zq):
        probs = np.sort(softmax(z, t))[::-1]
        if top_p is not None:
            assume(np.min(np.abs(np.cumsum(probs) / probs.sum() - top_p)) > 1e-6)
        if min_p is not None:
            assume(np.min(np.abs(probs / probs[0] - min_p)) > 1e-6)
    p, q = token_distribution(zp, "logits"), token_distribution(zq, "logits")
    results = next_token_statistics(p, q, s, units="nats", precision="float64")
    check_model(results.p, zp, s, 1e-9)
    check_pair(results, zp, zq, 1e-9)
    for value in (results.pair.kl_pq, results.pair.kl_qp, results.pair.js):
        assert not math.isnan(value)


# --- truncation rules -----------------------------------------------------------------


def kept(values, **options) -> int:
    distribution = token_distribution(values, "probs")
    results = next_token_statistics(distribution, settings=DecodingSettings(**options))
    return results.p.kept


def test_top_k_keeps_k_and_its_ties() -> None:
    assert kept([0.4, 0.3, 0.2, 0.1], top_k=2) == 2
    assert kept([0.3, 0.3, 0.3, 0.1], top_k=2) == 3  # the tie at the cut stays
    assert kept([0.4, 0.3, 0.2, 0.1], top_k=4) == 4
    assert kept([0.4, 0.3, 0.2, 0.1], top_k=100) == 4


def test_top_p_keeps_the_smallest_set_reaching_p() -> None:
    p = [0.5, 0.3, 0.15, 0.05]
    assert kept(p, top_p=0.45) == 1
    assert kept(p, top_p=0.75) == 2
    assert kept(p, top_p=0.85) == 3
    assert kept(p, top_p=1.0) == 4
    assert kept([0.4, 0.2, 0.2, 0.2], top_p=0.5) == 4  # ties with the last kept


def test_min_p_is_relative_to_the_largest_probability() -> None:
    p = [0.5, 0.3, 0.15, 0.05]
    assert kept(p, min_p=0.35) == 2  # 0.175 and up
    assert kept(p, min_p=0.0) == 4
    assert kept(p, min_p=1.0) == 1
    assert kept([0.4, 0.4, 0.2], min_p=1.0) == 2


def test_top_p_applies_to_what_top_k_kept_renormalised() -> None:
    # After top-k = 2 the kept pair is [4/7, 3/7]: 4/7 alone reaches 0.5.
    assert kept([0.4, 0.3, 0.2, 0.1], top_k=2, top_p=0.5) == 1
    assert kept([0.4, 0.3, 0.2, 0.1], top_p=0.5) == 2


def hugging_face_top_p(p: np.ndarray, top_p: float) -> int:
    """TopPLogitsWarper: sort ascending, drop while the cumulative ≤ 1 − p."""
    ascending = np.sort(p)
    removed = np.cumsum(ascending) <= 1 - top_p
    removed[-1] = False  # min_tokens_to_keep = 1
    return int(np.count_nonzero(~removed))


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 40), st.integers(0, 2**32 - 1), st.floats(0.05, 0.99))
def test_top_p_agrees_with_hugging_face(v, seed, top_p) -> None:
    p = np.random.default_rng(seed).dirichlet(np.full(v, 0.5))
    assume(np.min(np.abs(np.cumsum(np.sort(p)[::-1]) - top_p)) > 1e-9)
    assume(np.unique(p).size == v)  # HF breaks ties by sort order
    assert kept(p, top_p=top_p) == hugging_face_top_p(p, top_p)


def test_temperature_reshapes_without_reordering() -> None:
    z = np.array([2.0, 1.0, 0.1, -1.0])
    distribution = token_distribution(z, "logits")
    for t in (0.05, 0.5, 1.0, 4.0):
        results = next_token_statistics(
            distribution, settings=DecodingSettings(temperature=t), units="nats"
        )
        expected = softmax(z, t)
        assert [x.token_id for x in results.p.top_tokens] == [0, 1, 2, 3]
        for top in results.p.top_tokens:
            assert top.probability == pytest.approx(
                expected[top.token_id], rel=FLOAT32_RTOL
            )
    cold = next_token_statistics(
        distribution, settings=DecodingSettings(temperature=0.001), units="nats"
    )
    assert cold.p.entropy < 1e-300 or cold.p.entropy == 0.0
    assert cold.p.max_probability == 1.0


def test_a_truncated_model_and_itself() -> None:
    distribution = token_distribution([0.5, 0.25, 0.125, 0.125], "probs")
    results = next_token_statistics(
        distribution, settings=DecodingSettings(top_k=2), units="bits"
    )
    model = results.p
    assert model.cut_mass == 0.25
    assert model.kl_to_truncated == math.inf  # the truncation calls 0.25 impossible
    assert model.kl_from_truncated == pytest.approx(-math.log2(0.75), rel=1e-15)
    truncated = [2 / 3, 1 / 3, 0.0, 0.0]
    assert model.js_truncated == pytest.approx(
        js_divergence([0.5, 0.25, 0.125, 0.125], truncated, 2), rel=1e-12
    )
    assert model.truncated_entropy == pytest.approx(entropy(truncated, 2), rel=1e-6)
    assert model.threshold_probability == pytest.approx(0.25, rel=1e-12)
    untouched = next_token_statistics(distribution).p
    assert (untouched.kl_to_truncated, untouched.kl_from_truncated) == (0.0, 0.0)
    assert untouched.js_truncated == 0.0 and untouched.cut_mass == 0.0


# --- infinite divergences and why ----------------------------------------------------


def test_a_truncation_of_q_makes_d_p_q_infinite_and_says_which_tokens() -> None:
    p = token_distribution([0.1, 0.5, 0.4], "probs", tokens=["a", "b", "c"])
    q = token_distribution([0.2, 0.6, 0.2], "probs", tokens=["a", "b", "c"])
    results = next_token_statistics(
        p, q, DecodingSettings(), DecodingSettings(top_k=1), units="nats"
    )
    pair = results.pair
    assert pair.kl_pq == math.inf and pair.p_only == 2 and pair.p_only_cut == 2
    assert pair.p_only_example == 2  # "c": P's most probable token Q cut
    assert math.isfinite(pair.kl_qp) and pair.q_only == 0
    assert pair.kl_qp == pytest.approx(kl_divergence([0, 1, 0], [0.1, 0.5, 0.4]))
    assert 0 < pair.js <= LN2


def test_an_impossible_token_is_not_counted_as_cut() -> None:
    p = token_distribution([0.0, -math.inf, -1.0], "logits")
    q = token_distribution([0.0, -0.5, -1.0], "logits")
    pair = next_token_statistics(p, q, units="nats").pair
    assert pair.kl_qp == math.inf and pair.q_only == 1
    assert pair.q_only_cut == 0  # P's logit is −inf: impossible, not cut
    assert pair.q_only_example == 1
    assert math.isfinite(pair.kl_pq) and pair.p_only == 0
    assert pair.js == pytest.approx(
        js_divergence(softmax(np.array([0, -np.inf, -1.0])), softmax([0, -0.5, -1.0])),
        rel=1e-6,
    )


def test_js_stays_finite_for_disjoint_truncations() -> None:
    p = token_distribution([0.9, 0.1], "probs")
    q = token_distribution([0.1, 0.9], "probs")
    results = next_token_statistics(p, q, DecodingSettings(top_k=1), units="bits")
    assert results.pair.kl_pq == results.pair.kl_qp == math.inf
    assert results.pair.js == pytest.approx(1.0, rel=1e-12)  # at most 1 bit


# --- what a page draws ----------------------------------------------------------------


def test_rank_curve_is_downsampled_monotone_and_marks_the_cut() -> None:
    p, _ = example_distributions(EXAMPLE_SIZES[1])
    s = DecodingSettings(top_p=0.9)
    curve = next_token_statistics(p, settings=s, units="nats").p.rank_curve
    ranks = curve.ranks
    assert ranks[0] == 1 and ranks[-1] == p.support
    assert (np.diff(ranks) > 0).all() and ranks.size <= RANK_CURVE_POINTS + 2
    assert curve.threshold_rank in ranks and curve.threshold_rank + 1 in ranks
    assert (np.diff(curve.probabilities) <= 0).all() and (curve.probabilities > 0).all()
    reference_sorted = np.sort(softmax(p.logits))[::-1]
    # The curve's points are float64, over float32's normaliser.
    np.testing.assert_allclose(
        curve.probabilities, reference_sorted[ranks - 1], rtol=FLOAT32_RTOL
    )
    kept_mass = reference_sorted[: curve.threshold_rank].sum()
    assert curve.kept_points == np.count_nonzero(ranks <= curve.threshold_rank)
    np.testing.assert_allclose(
        curve.truncated_probabilities,
        reference_sorted[ranks[: curve.kept_points] - 1] / kept_mass,
        rtol=FLOAT32_RTOL,
    )
    assert not curve.ranks.flags.writeable and not curve.probabilities.flags.writeable


def test_top_tokens_carry_strings_and_both_models_probabilities() -> None:
    p, q = example_distributions(EXAMPLE_SIZES[0])
    results = next_token_statistics(p, q, DecodingSettings(top_k=5), top_n=8)
    tops = results.p.top_tokens
    assert len(tops) == 8 and [t.rank for t in tops] == list(range(1, 9))
    assert tops[0].text == " the" and tops[1].text == " a"
    reference_p = softmax(p.logits)
    _, truncated_q = reference(q.logits, DecodingSettings(top_k=5))
    for top in tops:
        assert top.text == p.tokens[top.token_id]
        assert top.probability == pytest.approx(
            reference_p[top.token_id], rel=FLOAT32_RTOL
        )
        assert top.other_probability == pytest.approx(
            truncated_q[top.token_id], rel=FLOAT32_RTOL, abs=1e-300
        )
    assert [t.truncated_probability > 0 for t in tops] == [True] * 5 + [False] * 3
    assert next_token_statistics(p, top_n=0).p.top_tokens == ()


def test_units_and_perplexity() -> None:
    p, q = example_distributions(EXAMPLE_SIZES[0])
    bits = next_token_statistics(p, q, DecodingSettings(top_p=0.8), units="bits")
    nats = next_token_statistics(p, q, DecodingSettings(top_p=0.8), units="nats")
    for name in ("entropy", "truncated_entropy", "kl_from_truncated", "js_truncated"):
        assert getattr(bits.p, name) == pytest.approx(getattr(nats.p, name) / LN2)
    assert bits.pair.js == pytest.approx(nats.pair.js / LN2)
    assert bits.pair.kl_pq == pytest.approx(nats.pair.kl_pq / LN2)
    assert bits.pair.kl_qp == nats.pair.kl_qp == math.inf  # Q keeps more
    assert bits.p.perplexity == pytest.approx(2**bits.p.entropy, rel=1e-12)
    assert bits.p.perplexity == nats.p.perplexity


def test_the_bundled_examples_look_like_a_language_model() -> None:
    for v in EXAMPLE_SIZES:
        p, q = example_distributions(v)
        assert p.vocabulary_size == q.vocabulary_size == v
        assert p.tokens is q.tokens and len(p.tokens) == v
        assert example_distributions(v) == (p, q)  # cached: the same objects
        probabilities = np.sort(softmax(p.logits))[::-1]
        assert 0.4 < probabilities[0] < 0.65
        assert 0.7 < probabilities[:10].sum() < 0.9
        assert 0.005 < probabilities[1000:].sum() < 0.05
        assert 3.0 < entropy(probabilities, 2) < 5.0
        assert entropy(softmax(q.logits), 2) > entropy(probabilities, 2)
        assert p.tokens[int(p.order[0])] == " the"
        assert int(q.order[0]) == int(p.order[1])  # Q prefers P's second token
        assert not p.logits.flags.writeable


def test_the_examples_are_reproducible() -> None:
    code = (
        "from core.next_token import example_distributions\n"
        "p, q = example_distributions(128256)\n"
        "print(repr(float(p.logits.sum())), repr(float(q.logits[:100].sum())))"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout
        for _ in range(2)
    }
    assert len(runs) == 1


def test_no_statistic_is_nan() -> None:
    p, q = example_distributions(EXAMPLE_SIZES[0])
    for s in SETTINGS:
        results = next_token_statistics(p, q, s)
        for model in (results.p, results.q):
            for value in vars(model).values():
                if isinstance(value, float):
                    assert not math.isnan(value)
        pair = vars(results.pair).values()
        assert not any(math.isnan(x) for x in pair if isinstance(x, float))


# --- reading --------------------------------------------------------------------------


def npy_bytes(array) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64, np.int32])
def test_npy_files_of_any_real_dtype(dtype) -> None:
    values = np.array([3, 1, -2, 0], dtype=dtype)
    distribution = parse_distribution(npy_bytes(values), name="model.npy")
    assert distribution.kind == "logits" and distribution.detected
    assert distribution.logits.tolist() == values.astype(float).tolist()
    assert distribution.name == "model.npy"


def test_npy_detected_by_its_magic_and_one_row_accepted() -> None:
    data = npy_bytes(np.array([[0.7, 0.2, 0.1]]))
    distribution = parse_distribution(data)  # no name, no suffix
    assert distribution.kind == "probs" and distribution.vocabulary_size == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (npy_bytes(np.array([1 + 2j, 3])), "not real numbers"),
        (npy_bytes(np.zeros((2, 3))), "shape"),
        (npy_bytes(np.array([True, False])), "not real numbers"),
        (b"\x93NUMPY garbage", "not a valid .npy"),
    ],
)
def test_bad_npy_files_are_refused(data, message) -> None:
    with pytest.raises(ValueError, match=message):
        parse_distribution(data, name="x.npy")


def test_npy_with_objects_is_refused_without_unpickling() -> None:
    buffer = io.BytesIO()
    np.save(buffer, np.array([1.0, "x"], dtype=object), allow_pickle=True)
    with pytest.raises(ValueError, match="object values, not real numbers"):
        parse_distribution(buffer.getvalue(), name="x.npy")


def test_npy_declaring_more_values_than_allowed_is_refused_before_loading() -> None:
    header = npy_bytes(np.zeros(3))
    lying = header.replace(b"(3,)", b"(10000000000,)")  # no data to match
    with pytest.raises(ValueError, match="10,000,000,000 values; at most"):
        parse_distribution(lying, name="x.npy")


def test_npz_archives_are_refused() -> None:
    buffer = io.BytesIO()
    np.savez(buffer, a=np.zeros(3))
    with pytest.raises(ValueError, match=r"\.npz"):
        parse_distribution(buffer.getvalue(), container="npy")


def test_csv_values_tokens_and_headings() -> None:
    plain = parse_distribution(b"0.5\n0.25\n\n0.25\n", name="p.csv")
    assert plain.kind == "probs" and plain.tokens is None
    named = parse_distribution(
        '"a,b",-0.1\n" the",-2.5\n\xe2\x80\x94,-3\n'.encode(), name="p.csv"
    )
    assert named.tokens == ("a,b", " the", "\u00e2\u0080\u0094")
    headed = parse_distribution(b"token,logprob\nx,-0.5\ny,-0.9327521295671886\n")
    assert headed.kind == "logprobs" and not headed.detected
    tabs = parse_distribution(b"x\t1.0\ny\t-2.0\n", name="p.tsv")
    assert tabs.tokens == ("x", "y") and tabs.kind == "logits"
    neutral = parse_distribution(b"token,value\nx,1\ny,-1\n", name="p.csv")
    assert neutral.kind == "logits" and neutral.detected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0.5\nx,0.5\n", "line 2 has 2 fields, line 1 1"),
        ("0.5\nabc\n", r"line 2: 'abc' is not a number"),
        ("a,b,0.5\n", "line 1 has 3 fields"),
        ("token,logit\n", "no values"),
        ("0.5\n", "at least 2"),
    ],
)
def test_bad_csv_is_refused_naming_the_line(text, message) -> None:
    with pytest.raises(ValueError, match=message):
        parse_distribution(text.encode(), name="p.csv")


def test_json_lists_and_objects() -> None:
    listed = parse_distribution(b"[1.0, 2.0, -Infinity]", name="p.json")
    assert listed.kind == "logits" and listed.support == 2
    data = {"tokens": ["a", "b"], "logprobs": [math.log(0.25), math.log(0.75)]}
    obj = parse_distribution(json.dumps(data).encode())
    assert obj.kind == "logprobs" and obj.tokens == ("a", "b") and not obj.detected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"logits": [1, 2], "probs": [0.5, 0.5]}, "exactly one of"),
        ({"values": [1, 2]}, r"exactly one of .* \(found none\)"),
        ({"logits": [1, True]}, r'"logits"\[1\] is not a number'),
        ({"logits": [1, 2], "tokens": ["a"]}, "1 token for 2 values"),
        ({"logits": [1, 2], "tokens": ["a", 3]}, r"tokens\[1\] is not a string"),
        ({"logits": [1, 2], "tokens": "ab"}, "must be a list of strings"),
        ({"logits": [[1, 2]]}, r'"logits"\[0\] is not a number'),
        ("just text", "a list of numbers or an object"),
    ],
)
def test_bad_json_is_refused(data, message) -> None:
    with pytest.raises(ValueError, match=message):
        parse_distribution(json.dumps(data).encode(), name="p.json")


def test_invalid_json_and_text_are_refused() -> None:
    with pytest.raises(ValueError, match="not valid JSON"):
        parse_distribution(b"[1, 2", name="p.json")
    with pytest.raises(ValueError, match="not UTF-8"):
        parse_distribution(b"\xff\xfe1\n2\n", name="p.csv")
    with pytest.raises(ValueError, match="container must be"):
        parse_distribution(b"1\n2\n", container="xlsx")


def test_clipboard_text() -> None:
    assert parse_clipboard("0.2, 0.3 0.5").kind == "probs"
    assert parse_clipboard("1;-2;3").logits.tolist() == [1, -2, 3]
    assert parse_clipboard('{"probs": [0.5, 0.5]}').name == "clipboard"
    assert parse_clipboard("a,1\nb,-2\n").tokens == ("a", "b")
    with pytest.raises(ValueError, match=r"value 1: 'x' is not a number"):
        parse_clipboard("1, x, 3")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0,1;0,2;0,3;0,4", "decimal comma"),  # was 8 tokens: 0, 1, 0, 2, …
        ("0,1 0,2 0,3", "decimal comma"),
        ("0,1\n0,2\n0,3\n0,4\n", "decimal comma"),  # was the token "0" four times
        ("1_0, 2", r"'1_0' is not a number"),  # Python's float reads it as 10
        ('{"probs": [0.5, 0.5], "probs": [0.1, 0.9]}', r"the key .*probs.* repeats"),
    ],
    ids=["semicolons", "spaces", "lines", "underscore", "repeated key"],
)
def test_text_that_would_be_misread_is_refused(text, message) -> None:
    with pytest.raises(ValueError, match=message):
        parse_clipboard(text)


def test_commas_between_numbers_still_separate_them() -> None:
    # A Python list without its brackets.
    assert parse_clipboard("0,1,0,2", kind="logits").logits.size == 4
    assert parse_clipboard("0.1;0.2;0.7").kind == "probs"
    assert parse_clipboard("3,1\n4,1\n", kind="logits").tokens == ("3", "4")


def test_too_many_lines_are_refused_before_they_are_all_read(monkeypatch) -> None:
    # Every line was made a row before the count was checked: 33 million
    # lines of "1" took a minute and 7 GB to be refused.
    monkeypatch.setattr(core.next_token, "MAX_TOKENS", 5)
    rows: list[int] = []
    real_reader = core.next_token.csv.reader

    class CountingReader:
        def __init__(self, *args, **kwargs) -> None:
            self.inner = real_reader(*args, **kwargs)

        def __iter__(self):
            return self

        def __next__(self):
            rows.append(1)
            return next(self.inner)

        @property
        def line_num(self) -> int:
            return self.inner.line_num

    monkeypatch.setattr(core.next_token.csv, "reader", CountingReader)
    with pytest.raises(ValueError, match="more than 6 lines; at most 5 values"):
        parse_distribution(b"1\n" * 1000, name="p.csv")
    assert len(rows) <= 7
    with pytest.raises(ValueError, match="more than 5 values"):
        parse_clipboard("1 " * 1000)


def test_a_lone_surrogate_in_a_token_becomes_a_replacement_character() -> None:
    # Half of a UTF-16 pair: shown as "" in the table, and a session holding
    # it could not be saved (UnicodeEncodeError).
    text = '{"logits": [1, 2, 3], "tokens": ["a", "\\ud800b", "\\ud83d\\ude00"]}'
    tokens = parse_clipboard(text).tokens
    assert tokens == ("a", "\ufffdb", "\U0001f600")  # a whole pair is kept
    for token in tokens:
        token.encode("utf-8")


def test_messages_name_numbers_plainly() -> None:
    with pytest.raises(ValueError, match=r"is negative \(-0\.2\)"):
        parse_clipboard("0.5 -0.2 0.7", kind="probs")
    with pytest.raises(ValueError, match="has 1 value; at least 2"):
        parse_clipboard("[0.5]")


def test_files_are_read_through_the_safe_reader(tmp_path, monkeypatch) -> None:
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"logits": [0.0, 1.0, 2.0]}))
    assert read_distribution_file(path).name == "model.json"
    with pytest.raises(FileError, match="No such file"):
        read_distribution_file(tmp_path / "missing.npy")
    with pytest.raises(FileError, match="not a regular file"):
        read_distribution_file(tmp_path)
    monkeypatch.setattr(core.next_token, "MAX_INPUT_BYTES", 10)
    with pytest.raises(FileError, match="at most 10 are read"):
        read_distribution_file(path)
    with pytest.raises(ValueError, match="at most 10"):
        parse_distribution(b"0.5\n0.25\n0.25\n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_blocking(tmp_path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(FileError, match="not a regular file"):
        read_distribution_file(fifo)


# --- detecting and validating the kind ------------------------------------------------


def test_detection_where_the_values_say_so() -> None:
    assert detect_kind([0.7, 0.2, 0.1]) == "probs"
    assert detect_kind([0.7, 0.2, 0.1 + 5e-4]) == "probs"  # a float16 softmax
    assert detect_kind(np.log([0.7, 0.2, 0.1])) == "logprobs"
    assert detect_kind([0.0, -math.inf]) == "logprobs"
    assert detect_kind([-1.0, -2.0]) == "logits"  # ≤ 0 but not normalised
    assert detect_kind([2.0, -1.0, 0.5]) == "logits"
    assert detect_kind([0.0, 0.0]) == "logits"  # sums to 0: uniform logits


def test_ambiguous_values_require_a_choice() -> None:
    with pytest.raises(ValueError, match="choose logits or probs"):
        token_distribution([3.0, 1.0, 2.0])
    as_counts = token_distribution([3.0, 1.0, 0.0], "probs")
    np.testing.assert_allclose(softmax(as_counts.logits), [0.75, 0.25, 0.0])
    as_logits = token_distribution([3.0, 1.0, 0.0], "logits")
    assert as_logits.kind == "logits" and as_logits.support == 3


def test_a_choice_that_contradicts_the_source_is_refused() -> None:
    data = json.dumps({"probs": [0.5, 0.5]}).encode()
    with pytest.raises(ValueError, match="the source says probs, but logits"):
        parse_distribution(data, "logits", name="p.json")
    assert parse_distribution(data, "probs", name="p.json").kind == "probs"


@pytest.mark.parametrize(
    ("values", "kind", "message"),
    [
        ([0.5, math.nan], "auto", r"values\[1\] is NaN"),
        ([0.5, math.inf], "logits", r"values\[1\] is \+inf"),
        ([0.5, 2e30], "logits", r"values\[1\] is 2e\+30"),
        ([-math.inf, -math.inf], "logits", "all -inf"),
        ([0.5, -0.1, 0.6], "probs", r"values\[1\] is negative"),
        ([0.0, 0.0], "probs", "not all zero"),
        ([-0.1, -0.2], "logprobs", "logsumexp of"),
        ([0.5], "auto", "at least 2"),
        ([[0.5, 0.5]], "auto", "one list of values"),
        (["a", "b"], "auto", "must be numbers"),
        ([0.5, 0.5], "logit", "kind must be one of"),
    ],
)
def test_invalid_values_are_refused_naming_the_problem(values, kind, message) -> None:
    with pytest.raises(ValueError, match=message):
        token_distribution(values, kind)


def test_pytorch_mask_values_read_as_impossible() -> None:
    lowest = float(np.finfo(np.float32).min)
    distribution = token_distribution([1.0, lowest, 0.0], "logits")
    assert distribution.logits[1] == -math.inf and distribution.support == 2


def test_size_limits(monkeypatch) -> None:
    monkeypatch.setattr(core.next_token, "MAX_TOKENS", 5)
    with pytest.raises(ValueError, match="at most 5 are read"):
        token_distribution(np.zeros(6), "logits")
    assert MAX_TOKENS == 1_000_000
    with pytest.raises(ValueError, match="has 1,001 characters; at most 1,000"):
        token_distribution([0.0, 0.0], "logits", tokens=["a", "x" * 1001])


def test_models_with_different_vocabularies_are_not_compared() -> None:
    a = token_distribution([0.0, 1.0], "logits", tokens=["x", "y"])
    b = token_distribution([0.0, 1.0], "logits", tokens=["x", "z"])
    c = token_distribution([0.0, 1.0, 2.0], "logits")
    with pytest.raises(ValueError, match="name token 1 differently"):
        next_token_statistics(a, b)
    with pytest.raises(ValueError, match="P has 2 tokens and Q 3"):
        next_token_statistics(a, c)
    plain = token_distribution([0.0, 1.0], "logits")
    assert next_token_statistics(a, plain).pair is not None  # one side unnamed


# --- settings and options -------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"temperature": 0.0}, "temperature must lie in"),
        ({"temperature": 1e4}, "temperature must lie in"),
        ({"temperature": math.nan}, "temperature must be finite"),
        ({"temperature": "hot"}, "temperature must be a number"),
        ({"top_k": 0}, "top_k must be ≥ 1"),
        ({"top_k": 2.5}, "top_k must be an integer"),
        ({"top_k": True}, "top_k must be an integer"),
        ({"top_p": 0.0}, r"top_p must lie in \(0, 1\]"),
        ({"top_p": 1.5}, r"top_p must lie in \(0, 1\]"),
        ({"min_p": -0.1}, r"min_p must lie in \[0, 1\]"),
    ],
)
def test_settings_are_validated_by_name(options, message) -> None:
    with pytest.raises(ValueError, match=message):
        DecodingSettings(**options)


def test_settings_say_whether_they_truncate() -> None:
    assert not DecodingSettings().truncates
    assert not DecodingSettings(top_p=1.0, min_p=0.0, temperature=0.5).truncates
    assert DecodingSettings(top_k=40).truncates


def test_statistics_options_are_validated() -> None:
    p = token_distribution([0.0, 1.0], "logits")
    with pytest.raises(ValueError, match="units must be"):
        next_token_statistics(p, units="hartleys")
    with pytest.raises(ValueError, match="precision must be"):
        next_token_statistics(p, precision="float16")
    with pytest.raises(ValueError, match="top_n must be"):
        next_token_statistics(p, top_n=-1)
    with pytest.raises(ValueError, match="vocabulary_size must lie"):
        example_distributions(1)
    with pytest.raises(ValueError, match="vocabulary_size must be an integer"):
        example_distributions(2.5)


def test_new_module_imports_no_qt_and_no_scipy() -> None:
    code = (
        "import json, sys\n"
        "import core.next_token\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'PySide6', 'shiboken6', 'pyqtgraph', 'scipy'})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert json.loads(done.stdout) == []


def test_a_model_with_one_possible_token() -> None:
    certain = token_distribution([0.0, -math.inf, -math.inf], "logits")
    results = next_token_statistics(certain, settings=DecodingSettings(top_p=0.5))
    model = results.p
    assert (model.entropy, model.perplexity, model.kept, model.possible) == (
        0.0,
        1.0,
        1,
        1,
    )
    assert model.cut_mass == 0.0 and model.kl_to_truncated == 0.0
    assert model.rank_curve.ranks.tolist() == [1]
    assert model.rank_curve.probabilities.tolist() == [1.0]
    other = token_distribution([0.0, 0.0, -math.inf], "logits")
    pair = next_token_statistics(certain, other, units="bits").pair
    assert pair.kl_pq == pytest.approx(1.0) and pair.kl_qp == math.inf
    assert pair.q_only == 1 and pair.q_only_cut == 0


@pytest.mark.parametrize("s", SETTINGS, ids=repr)
def test_the_decoded_distribution_token_by_token(s) -> None:
    z = zipf_logits(3000, 8)
    decoded = decoded_distribution(token_distribution(z, "logits"), s)
    _, truncated = reference(z, s)
    np.testing.assert_allclose(decoded, truncated, rtol=1e-12, atol=1e-300)
    assert not decoded.flags.writeable


@pytest.mark.parametrize("precision", ["float32", "float64"])
@pytest.mark.parametrize("tail", [-120.0, -500.0, -700.0])
def test_a_cut_tail_below_float32_keeps_its_mass(precision, tail) -> None:
    # Under top-k = 2 the tail's float32 weights underflow to 0 (below
    # 1.4e-45): the mass cut off is taken again in float64, exactly.
    logits = [0.0, -1.0, tail, tail - 3.0]
    results = next_token_statistics(
        token_distribution(logits, "logits"),
        settings=DecodingSettings(top_k=2),
        precision=precision,
    )
    with mp.workdps(40):
        weights = [mp.exp(z) for z in logits]
        expected = float((weights[2] + weights[3]) / mp.fsum(weights))
    assert results.p.kept == 2
    assert results.p.cut_mass == pytest.approx(expected, rel=1e-6, abs=0)
    # D(P̃‖P) = −log(1 − cut): far below anything shown, but not a lie.
    assert results.p.kl_from_truncated >= 0.0


def test_a_cut_tail_below_every_float_is_0_only_there() -> None:
    results = next_token_statistics(
        token_distribution([0.0, -800.0], "logits"),
        settings=DecodingSettings(top_k=1),
    )
    assert results.p.kept == 1 and results.p.cut_mass == 0.0


@pytest.mark.parametrize("gap", [88.0, 95.0, 100.0, 102.5, 110.0])
@pytest.mark.parametrize("top_k", [None, 1])
def test_subnormal_float32_weights_keep_the_statistics_to_a_millionth(
    gap: float, top_k: int | None
) -> None:
    # Logits [0, −gap]: the second weight is subnormal in float32, with a
    # few digits left. H came out 3.82e-42 nats for 3.757e-42 at a gap of
    # 100, the mass cut off by top-k 1 3.78e-44 for 3.72e-44.
    distribution = token_distribution([0.0, -gap], "logits")
    chosen = DecodingSettings(top_k=top_k)
    rough = next_token_statistics(
        distribution, settings=chosen, units="nats", precision="float32"
    ).p
    with mp.workdps(60):
        second = mp.exp(-gap) / (1 + mp.exp(-gap))
        # −q₀ log q₀ = q₀·log1p(e^−gap): no 60-digit rounding of q₀ ≈ 1.
        exact_entropy = (1 - second) * mp.log1p(mp.exp(-gap)) - second * mp.log(second)
    assert rough.entropy == pytest.approx(float(exact_entropy), rel=1e-6, abs=0)
    if top_k == 1:
        assert rough.cut_mass == pytest.approx(float(second), rel=1e-6, abs=0)
        assert rough.kl_from_truncated == pytest.approx(
            float(-mp.log1p(-second)), rel=1e-6, abs=0
        )
        assert rough.truncated_entropy == 0.0
