"""Parametric distribution families (core.families)."""

import dataclasses
import math

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from core import FAMILY_PARAMETERS, MAX_FAMILY_K, Family, family_weights, normalize
from core.families import describe, family_log_weights

RTOL = 1e-12


def test_uniform_weights_are_all_equal() -> None:
    assert_array_equal(family_weights(Family("uniform", 5)), np.ones(5))


@pytest.mark.parametrize("exponent", [0.0, 1.0, 2.5])
def test_zipf_weights_fall_as_a_power_of_the_rank(exponent: float) -> None:
    weights = family_weights(Family("zipf", 6, {"exponent": exponent}))
    assert_allclose(weights, np.arange(1.0, 7.0) ** -exponent, rtol=RTOL)


def test_zipf_defaults_to_exponent_one() -> None:
    assert_allclose(family_weights(Family("zipf", 4)), [1, 1 / 2, 1 / 3, 1 / 4])


def test_two_peaks_sit_at_their_positions_with_their_mix() -> None:
    family = Family(
        "two_peaks",
        101,
        {"position_1": 0.2, "position_2": 0.9, "width_1": 0.05, "mix": 0.75},
    )
    weights = family_weights(family)
    assert weights[20] == pytest.approx(0.75, rel=RTOL)
    assert weights[90] == pytest.approx(0.25, rel=RTOL)
    # Between the peaks: the two Gaussian tails, one width from the first peak.
    assert weights[25] == pytest.approx(
        0.75 * math.exp(-0.5) + 0.25 * math.exp(-0.5 * 13**2), rel=RTOL
    )
    assert int(np.argmax(weights)) == 20


def test_narrow_two_peaks_underflow_to_exact_zeros_far_away() -> None:
    family = Family("two_peaks", 1000, {"width_1": 0.005, "width_2": 0.005})
    weights = family_weights(family)
    assert np.all(weights >= 0)
    assert np.count_nonzero(weights == 0) > 0
    assert weights[0] == 0.0  # 50 widths from the first peak
    assert weights[round(0.25 * 999)] > 0.4


def test_two_peaks_fall_back_to_uniform_if_every_weight_underflows() -> None:
    family = Family(
        "two_peaks",
        2,
        {"position_1": 0.5, "position_2": 0.5, "width_1": 0.001, "width_2": 0.001},
    )
    assert_array_equal(family_weights(family), [1.0, 1.0])


def test_dirichlet_is_reproducible_from_its_seed() -> None:
    first = family_weights(Family("dirichlet", 50, {"seed": 7}))
    again = family_weights(Family("dirichlet", 50, {"seed": 7}))
    other = family_weights(Family("dirichlet", 50, {"seed": 8}))
    assert_array_equal(first, again)
    assert not np.array_equal(first, other)
    expected = np.random.default_rng(7).dirichlet(np.ones(50))
    assert_array_equal(first, expected)


def test_dirichlet_concentration_controls_spread() -> None:
    flat = normalize(family_weights(Family("dirichlet", 200, {"concentration": 100})))
    spiky = normalize(family_weights(Family("dirichlet", 200, {"concentration": 0.01})))
    assert flat.max() < 0.02
    assert spiky.max() > 0.2


@pytest.mark.parametrize(
    "family",
    [
        Family("uniform", MAX_FAMILY_K),
        Family("zipf", MAX_FAMILY_K, {"exponent": 4.0}),
        Family("two_peaks", MAX_FAMILY_K, {"width_1": 0.001, "width_2": 0.001}),
        Family("dirichlet", MAX_FAMILY_K, {"concentration": 0.01, "seed": 3}),
    ],
    ids=lambda family: family.kind,
)
def test_every_kind_gives_valid_weights_at_the_largest_k(family: Family) -> None:
    weights = family_weights(family)
    assert weights.shape == (MAX_FAMILY_K,)
    assert np.all(np.isfinite(weights))
    assert np.all(weights >= 0)
    assert weights.any()
    assert normalize(weights).sum() == pytest.approx(1.0, rel=1e-12)


def test_every_parameter_default_lies_in_its_range() -> None:
    for kind, spec in FAMILY_PARAMETERS.items():
        for name, (default, low, high) in spec.items():
            assert low <= default <= high, (kind, name)
        assert family_weights(Family(kind, 3)).shape == (3,)


# --- the Family value --------------------------------------------------------


def test_families_compare_and_hash_by_value() -> None:
    a = Family("zipf", 10, {"exponent": 2.0})
    b = Family("zipf", 10, {"exponent": 2.0})
    assert a == b
    assert hash(a) == hash(b)
    assert a != Family("zipf", 10, {"exponent": 3.0})
    assert a != Family("zipf", 11, {"exponent": 2.0})
    assert len({a, b}) == 1


def test_a_family_is_immutable_even_through_the_params_it_was_given() -> None:
    given = {"exponent": 2.0}
    family = Family("zipf", 10, given)
    given["exponent"] = 3.0
    assert family.params["exponent"] == 2.0
    with pytest.raises(TypeError):
        family.params["exponent"] = 3.0  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        family.k = 3  # type: ignore[misc]


@pytest.mark.parametrize(
    ("family", "text"),
    [
        (Family("zipf", 50000, {"exponent": 1.1}), "Zipf (exponent 1.1), K = 50000"),
        (Family("uniform", 4), "Uniform, K = 4"),
        (
            Family("dirichlet", 8, {"concentration": 0.5}),
            "Dirichlet draw (concentration 0.5, seed 0), K = 8",
        ),
    ],
)
def test_describe_reads_well(family: Family, text: str) -> None:
    assert describe(family) == text


# --- rejected families -------------------------------------------------------


@pytest.mark.parametrize(
    ("family", "message"),
    [
        (
            Family("normal", 5),
            r"^family kind must be one of uniform, zipf, two_peaks, dirichlet, "
            r"got 'normal'",
        ),
        (Family("zipf", True), r"^family k must be an integer, got True"),
        (Family("zipf", 5.0), r"^family k must be an integer, got 5\.0"),  # type: ignore[arg-type]
        (Family("zipf", 1), r"^family k must lie in \[2, 100000\], got 1"),
        (Family("zipf", 100_001), r"^family k must lie in \[2, 100000\], got 100001"),
        (Family("zipf", 5, {"alpha": 1.0}), r"^zipf has no parameter 'alpha'"),
        (
            Family("zipf", 5, {"exponent": 4.5}),
            r"^zipf exponent must lie in \[0\.0, 4\.0\]",
        ),
        (
            Family("two_peaks", 5, {"width_1": 0.0}),
            r"^two_peaks width_1 must lie in \[0\.001, 1\.0\]",
        ),
        (
            Family("dirichlet", 5, {"concentration": math.nan}),
            r"^dirichlet concentration must be a finite number",
        ),
        (
            Family("zipf", 5, {"exponent": "2"}),  # type: ignore[dict-item]
            r"^zipf exponent must be a finite number",
        ),
        (
            Family("dirichlet", 5, {"seed": -1}),
            r"^dirichlet seed must lie in \[0, 2147483647\]",
        ),
        # A Python integer beyond the float range raised OverflowError.
        (Family("zipf", 5, {"exponent": 10**400}), r"^zipf exponent must be a finite"),
        (
            Family("zipf", 5, {"exponent": np.complex128(2.0)}),  # type: ignore[dict-item]
            r"^zipf exponent must be a finite number",
        ),
    ],
)
def test_invalid_families_are_rejected_by_name(family: Family, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        family_weights(family)
    with pytest.raises(ValueError, match=message):
        describe(family)


@pytest.mark.parametrize(
    "family",
    [
        Family("zipf", 100_000, {"exponent": 0.0}),
        Family("zipf", 100_000, {"exponent": 1.1}),
        Family("zipf", 100_000, {"exponent": 4.0}),
        Family("uniform", 7),
    ],
    ids=lambda f: f"{f.kind}-{dict(f.params)}",
)
def test_closed_form_log_weights_are_the_logs_of_the_weights(family: Family) -> None:
    logs = family_log_weights(family)
    assert logs is not None and not logs.flags.writeable
    weights = family_weights(family)
    assert weights.max() == weights[0] == 1.0  # what log p = log w − log Σw needs
    # exp of these very numbers are the weights: the logs agree to rounding
    assert_allclose(logs, np.log(weights), rtol=0, atol=2e-14)


def test_kinds_without_a_closed_form_have_no_log_weights() -> None:
    assert family_log_weights(Family("two_peaks", 50)) is None
    assert family_log_weights(Family("dirichlet", 50)) is None
    assert family_log_weights(Family("zipf", 50, {"exponent": 9.0})) is None  # bad


def test_a_zipf_scenario_reads_the_same_through_its_closed_form_logs() -> None:
    from core import Scenario, evaluate

    p = Family("zipf", 3000, {"exponent": 1.3})
    q = Family("zipf", 3000, {"exponent": 0.7})
    by_family = evaluate(Scenario(p_family=p, q_family=q, logits_follow_q=True))
    by_weights = evaluate(
        Scenario(
            p_weights=family_weights(p),
            q_weights=family_weights(q),
            logits_follow_q=True,
        )
    )
    assert_array_equal(by_family.p, by_weights.p)
    assert_array_equal(by_family.q, by_weights.q)
    for name in ("information_p", "information_q", "logits", "softmax"):
        assert_allclose(
            getattr(by_family, name), getattr(by_weights, name), rtol=1e-14, atol=0
        )
    for name in ("entropy_p", "entropy_q", "cross_entropy_pq", "kl_pq", "loss"):
        assert getattr(by_family, name) == pytest.approx(
            getattr(by_weights, name), rel=1e-14
        )
