"""`--metrics` data, the reasons for infinite values, and the argument parser."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.information import cross_entropy, entropy, js_divergence, kl_divergence
from core.losses import cross_entropy_loss
from core.metrics import (
    READOUTS,
    VECTORS,
    infinite_at,
    metrics,
    parse_metrics_args,
    reason_text,
)
from core.scenario import Scenario, evaluate


def test_metrics_of_the_asymmetry_example() -> None:
    data = metrics(parse_metrics_args("0.7,0.3", "0.5,0.5"))
    assert data["units"] == "bits"
    assert data["k"] == 2
    assert data["entropy_p"] == pytest.approx(0.8813, abs=5e-5)
    assert data["kl_pq"] == pytest.approx(0.1187, abs=5e-5)
    assert data["kl_qp"] == pytest.approx(0.1258, abs=5e-5)
    assert data["cross_entropy_pq"] == pytest.approx(1.0)
    assert data["reasons"] == {}
    assert data["p"] == [0.7, 0.3]
    assert data["softmax"] == [0.5, 0.5]
    assert data["grad"] == [-0.5, 0.5]


def test_metrics_holds_every_readout_and_vector_and_is_strict_json() -> None:
    data = metrics(parse_metrics_args("0.5,0.3,0.2", "0.6,0.4,0", "2,1,0.1"))
    for name in (*READOUTS, *VECTORS, "reasons", "units", "k", "temperature"):
        assert name in data
    for name in VECTORS:
        assert len(data[name]) == 3
    text = json.dumps(data, allow_nan=False)
    assert json.loads(text) == data


def test_infinite_values_are_the_string_inf_with_a_reason() -> None:
    data = metrics(parse_metrics_args("0.5,0.3,0.2", "0.6,0.4,0"))
    assert data["kl_pq"] == "inf"
    assert data["cross_entropy_pq"] == "inf"
    assert data["information_q"][2] == "inf"
    assert data["kl_terms_pq"][2] == "inf"
    assert data["reasons"] == {
        "kl_pq": "Q = 0 where P > 0 at outcome 2",
        "cross_entropy_pq": "Q = 0 where P > 0 at outcome 2",
    }
    assert math.isfinite(data["kl_qp"])
    assert data["js"] == pytest.approx(js_divergence([0.5, 0.3, 0.2], [0.6, 0.4, 0], 2))


def test_metrics_in_nats_match_the_core_functions() -> None:
    p, q = [0.1, 0.2, 0.7], [0.3, 0.3, 0.4]
    data = metrics(
        parse_metrics_args("1,2,7", "3,3,4", "1,-2,0.5", label=2, units="nats")
    )
    assert data["entropy_p"] == pytest.approx(entropy(p))
    assert data["cross_entropy_qp"] == pytest.approx(cross_entropy(q, p))
    assert data["kl_pq"] == pytest.approx(kl_divergence(p, q))
    assert data["loss"] == pytest.approx(cross_entropy_loss([1, -2, 0.5], 2))


def test_linked_metrics_report_linked() -> None:
    scenario = Scenario([1.0, 0.0], [1.0, 1.0], [0.0, 1.0], linked=True)
    data = metrics(scenario)
    assert data["linked"] is True
    assert data["q"] == data["softmax"]
    assert data["kl_qp"] == "inf"
    assert data["reasons"]["kl_qp"] == "P = 0 where Q > 0 at outcome 1"


def test_metrics_passes_on_evaluate_errors() -> None:
    with pytest.raises(ValueError, match="p_weights is all zero"):
        metrics(Scenario([0.0, 0.0], [1.0, 1.0], [0.0, 0.0]))


# --- reason_text ------------------------------------------------------------


def results_with(kl_pq: tuple[int, ...] = (), loss: tuple[int, ...] = ()) -> Any:
    base = evaluate(Scenario([0.5, 0.5], [0.5, 0.5], [0.0, 0.0]))
    return replace(base, kl_pq_infinite_at=kl_pq, loss_infinite_at=loss)


@pytest.mark.parametrize(
    ("indices", "text"),
    [
        ((3,), "Q = 0 where P > 0 at outcome 3"),
        ((1, 3), "Q = 0 where P > 0 at outcomes 1 and 3"),
        ((0, 1, 2), "Q = 0 where P > 0 at outcomes 0, 1 and 2"),
        ((0, 1, 2, 3, 4), "Q = 0 where P > 0 at outcomes 0, 1, 2, 3 and 4"),
        (tuple(range(12)), "Q = 0 where P > 0 at outcomes 0, 1, 2, 3, 4 and 7 more"),
    ],
)
def test_reason_text_names_the_outcomes(indices: tuple[int, ...], text: str) -> None:
    results = results_with(kl_pq=indices)
    assert reason_text(results, "kl_pq") == text
    assert reason_text(results, "cross_entropy_pq") == text
    assert infinite_at(results, "kl_pq") == indices


def test_reason_text_for_the_loss() -> None:
    text = reason_text(results_with(loss=(3,)), "loss")
    assert text == "softmax = 0 where the target > 0 at outcome 3"


def test_reason_text_of_a_real_infinite_loss() -> None:
    scenario = Scenario(
        [1.0, 1.0], [1.0, 0.0], [0.0, 0.0], label=1, logits_follow_q=True
    )
    results = evaluate(scenario)
    assert math.isinf(results.loss)
    assert reason_text(results, "loss") == (
        "softmax = 0 where the target > 0 at outcome 1"
    )


@pytest.mark.parametrize("which", READOUTS)
def test_reason_text_is_empty_for_finite_values(which: str) -> None:
    assert reason_text(results_with(), which) == ""


def test_reason_text_rejects_an_unknown_readout() -> None:
    with pytest.raises(ValueError, match="which must be one of entropy_p"):
        reason_text(results_with(), "kl")


# --- parse_metrics_args -----------------------------------------------------


def test_parse_normalises_and_defaults_the_logits() -> None:
    scenario = parse_metrics_args("7, 3", "1,1")
    assert scenario.p_weights.tolist() == [0.7, 0.3]
    assert scenario.q_weights.tolist() == [0.5, 0.5]
    assert scenario.logits.tolist() == [0.0, 0.0]
    assert (scenario.temperature, scenario.label, scenario.label_smoothing) == (1, 0, 0)
    assert scenario.units == "bits"
    assert not scenario.linked


def test_parse_takes_every_option() -> None:
    scenario = parse_metrics_args(
        "1,1,2",
        "1,2,1",
        "2,1,0.1",
        label="2",
        temperature="0.5",
        smoothing="0.1",
        units="NATS",
    )
    assert scenario.logits.tolist() == [2.0, 1.0, 0.1]
    assert scenario.label == 2
    assert scenario.temperature == 0.5
    assert scenario.label_smoothing == 0.1
    assert scenario.units == "nats"


def test_parse_accepts_numbers_as_well_as_strings() -> None:
    scenario = parse_metrics_args("1,1", "1,1", label=1, temperature=2, smoothing=0.5)
    assert (scenario.label, scenario.temperature, scenario.label_smoothing) == (
        1,
        2,
        0.5,
    )


BAD_ARGS = [
    ({"p": ""}, "--p: entry 0 is empty"),
    ({"p": "0.5,,0.5"}, "--p: entry 1 is empty"),
    ({"p": "a,b"}, "--p: entry 0 ('a') is not a number"),
    ({"p": "nan,1"}, "--p: entry 0 ('nan') is not finite"),
    ({"p": "1,inf"}, "--p: entry 1 ('inf') is not finite"),
    ({"p": "1,1e999"}, "--p: entry 1 ('1e999') is not finite"),
    ({"p": "-1,2"}, "--p: entry 0 is negative (-1)"),
    ({"p": "0,0"}, "--p is all zero"),
    ({"p": "1"}, "--p needs at least 2 outcomes, got 1"),
    ({"p": None}, "--q needs --p"),
    ({"q": "1,1,1"}, "--q has 3 entries but --p has 2"),
    ({"q": "0.5;0.5"}, "--q: entry 0 ('0.5;0.5') is not a number"),
    ({"logits": "1,2,3"}, "--logits has 3 entries but --p has 2"),
    ({"logits": "1,nan"}, "--logits: entry 1 ('nan') is not finite"),
    ({"label": "x"}, "--label must be an integer class, got 'x'"),
    ({"label": "1.5"}, "--label must be an integer class, got '1.5'"),
    ({"label": True}, "--label must be an integer class, got True"),
    ({"label": 2}, "--label must lie in [0, 1] (classes count from 0)"),
    ({"label": "-1"}, "--label must lie in [0, 1]"),
    ({"temperature": "0"}, "--temperature must be > 0, got 0"),
    ({"temperature": "-1"}, "--temperature must be > 0, got -1"),
    ({"temperature": "hot"}, "--temperature must be a number, got 'hot'"),
    ({"temperature": "inf"}, "--temperature must be finite, got 'inf'"),
    ({"temperature": None}, "--temperature must be a number, got 'None'"),
    ({"temperature": 10**400}, "--temperature must be finite, got an integer too"),
    ({"smoothing": 0.5j}, "--smoothing must be a real number, got 0.5j"),
    ({"smoothing": "2"}, "--smoothing must lie in [0, 1], got 2"),
    ({"smoothing": "nan"}, "--smoothing must be finite"),
    ({"units": "furlongs"}, "--units must be bits or nats, got 'furlongs'"),
]


@pytest.mark.parametrize(("changes", "message"), BAD_ARGS)
def test_bad_arguments_give_one_line_errors(
    changes: dict[str, Any], message: str
) -> None:
    arguments: dict[str, Any] = {"p": "0.7,0.3", "q": "0.5,0.5", **changes}
    with pytest.raises(ValueError) as caught:
        parse_metrics_args(**arguments)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_too_many_entries_are_refused_before_parsing() -> None:
    with pytest.raises(ValueError, match="--p has 100001 entries; at most 100000"):
        parse_metrics_args(",".join(["1"] * 100_001), "1,1")


def test_large_k_is_allowed_on_the_command_line() -> None:
    k = 1000
    ones = ",".join(["1"] * k)
    data = metrics(parse_metrics_args(ones, ones))
    assert data["entropy_p"] == pytest.approx(math.log2(k))


@settings(deadline=None, max_examples=200)
@given(
    st.text(max_size=30),
    st.text(max_size=30),
    st.none() | st.text(max_size=30),
    st.text(max_size=5) | st.integers(),
    st.text(max_size=8) | st.floats(),
    st.text(max_size=8) | st.floats(),
    st.text(max_size=6),
)
def test_random_arguments_give_a_scenario_or_value_error(
    p: str, q: str, logits: str | None, label: Any, t: Any, eps: Any, units: str
) -> None:
    try:
        scenario = parse_metrics_args(p, q, logits, label, t, eps, units)
    except ValueError as error:
        assert "\n" not in str(error)
        return
    data = metrics(scenario)
    json.dumps(data, allow_nan=False)


@settings(deadline=None, max_examples=100)
@given(
    st.integers(2, 8).flatmap(
        lambda k: st.tuples(
            st.lists(st.floats(0, 10), min_size=k, max_size=k).filter(any),
            st.lists(st.floats(0, 10), min_size=k, max_size=k).filter(any),
            st.lists(st.floats(-20, 20), min_size=k, max_size=k),
            st.integers(0, k - 1),
        )
    ),
    st.floats(0.05, 20),
    st.floats(0, 1),
)
def test_metrics_are_finite_or_inf_with_a_reason(
    case: tuple[list[float], list[float], list[float], int], t: float, eps: float
) -> None:
    p, q, z, label = case
    join = ",".join
    data = metrics(
        parse_metrics_args(
            join(map(repr, p)), join(map(repr, q)), join(map(repr, z)), label, t, eps
        )
    )
    for name in READOUTS:
        value = data[name]
        if value == "inf":
            assert data["reasons"][name]
        else:
            assert np.isfinite(value)
            assert name not in data["reasons"]
    json.dumps(data, allow_nan=False)
