"""Formulas with live numbers: exact strings, elision, zeros, infinities, loss forms."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.families import Family
from core.formulas import Formula, formulas, plain
from core.metrics import READOUTS
from core.numbers import format_number
from core.scenario import Scenario, evaluate


def formulas_of(**fields: object) -> dict[str, Formula]:
    scenario = Scenario(**fields)  # type: ignore[arg-type]
    return formulas(scenario, evaluate(scenario))


ASYMMETRY = formulas_of(p_weights=[0.7, 0.3], q_weights=[0.5, 0.5], logits=[0.0, 0.0])


def test_every_readout_has_a_formula_in_order() -> None:
    assert list(ASYMMETRY) == list(READOUTS)
    assert [f.name for f in ASYMMETRY.values()] == [
        "H(P)",
        "H(Q)",
        "H(P, Q)",
        "H(Q, P)",
        "D(P‖Q)",
        "D(Q‖P)",
        "JS(P, Q)",
        "L",
    ]


def test_entropy_of_p_exactly() -> None:
    formula = ASYMMETRY["entropy_p"]
    assert formula.symbolic_html == (
        "<i>H</i>(<i>P</i>) = &minus;Σ<sub><i>i</i></sub> <i>p</i><sub><i>i</i></sub> "
        "log<sub>2</sub> <i>p</i><sub><i>i</i></sub>"
    )
    assert formula.numeric_html == (
        "<i>H</i>(<i>P</i>) = &minus;(0.7·log<sub>2</sub> 0.7 + "
        "0.3·log<sub>2</sub> 0.3) = 0.8813 bits"
    )
    assert formula.plain_text == (
        "H(P) = −Σᵢ pᵢ log₂ pᵢ = −(0.7·log₂ 0.7 + 0.3·log₂ 0.3) = 0.8813 bits"
    )


@pytest.mark.parametrize(
    ("key", "text"),
    [
        (
            "entropy_q",
            "H(Q) = −Σᵢ qᵢ log₂ qᵢ = −(0.5·log₂ 0.5 + 0.5·log₂ 0.5) = 1.0000 bits",
        ),
        (
            "cross_entropy_pq",
            "H(P, Q) = −Σᵢ pᵢ log₂ qᵢ = −(0.7·log₂ 0.5 + 0.3·log₂ 0.5) = 1.0000 bits",
        ),
        (
            "cross_entropy_qp",
            "H(Q, P) = −Σᵢ qᵢ log₂ pᵢ = −(0.5·log₂ 0.7 + 0.5·log₂ 0.3) = 1.1258 bits",
        ),
        (
            "kl_pq",
            "D(P‖Q) = Σᵢ pᵢ log₂(pᵢ/qᵢ) = 0.7·log₂(0.7/0.5) + 0.3·log₂(0.3/0.5)"
            " = 0.1187 bits",
        ),
        (
            "kl_qp",
            "D(Q‖P) = Σᵢ qᵢ log₂(qᵢ/pᵢ) = 0.5·log₂(0.5/0.7) + 0.5·log₂(0.5/0.3)"
            " = 0.1258 bits",
        ),
        (
            "js",
            "JS(P, Q) = ½D(P‖M) + ½D(Q‖M) = ½(0.7·log₂(0.7/0.6) + 0.3·log₂(0.3/0.4))"
            " + ½(0.5·log₂(0.5/0.6) + 0.5·log₂(0.5/0.4)) = 0.0303 bits,"
            " where M = ½(P + Q)",
        ),
        (
            "loss",
            "L = (−z_y + ln Σⱼ exp(zⱼ))/ln 2 = −log₂ s_y"
            " = (−0 + ln(exp(0) + exp(0)))/ln 2 = −log₂ 0.5 = 1.0000 bits,"
            " where s = softmax(z), y = 0",
        ),
    ],
)
def test_the_asymmetry_example_exactly(key: str, text: str) -> None:
    assert ASYMMETRY[key].plain_text == text


def test_kl_html_exactly() -> None:
    assert ASYMMETRY["kl_pq"].numeric_html == (
        "<i>D</i>(<i>P</i>‖<i>Q</i>) = 0.7·log<sub>2</sub>(0.7/0.5) + "
        "0.3·log<sub>2</sub>(0.3/0.5) = 0.1187 bits"
    )


def test_nats_use_ln() -> None:
    f = formulas_of(
        p_weights=[0.7, 0.3], q_weights=[0.5, 0.5], logits=[0, 0], units="nats"
    )
    assert f["entropy_p"].plain_text == (
        "H(P) = −Σᵢ pᵢ ln pᵢ = −(0.7·ln 0.7 + 0.3·ln 0.3) = 0.6109 nats"
    )
    assert "log" not in f["kl_pq"].numeric_html
    assert f["loss"].plain_text.startswith("L = −z_y + ln Σⱼ exp(zⱼ) = −ln s_y = ")


# --- many outcomes ----------------------------------------------------------


def test_up_to_six_outcomes_show_every_term() -> None:
    f = formulas_of(p_weights=[1.0] * 6, q_weights=[1.0] * 6, logits=[0.0] * 6)
    assert "…" not in f["entropy_p"].plain_text
    assert f["entropy_p"].plain_text.count("·log₂ 0.1667") == 6


def test_more_than_six_outcomes_show_the_first_three_and_the_last() -> None:
    p = [1, 2, 3, 4, 5, 6, 7, 8]
    f = formulas_of(p_weights=p, q_weights=[1.0] * 8, logits=[0.0] * 7 + [3.0], label=7)
    assert f["entropy_p"].plain_text == (
        "H(P) = −Σᵢ pᵢ log₂ pᵢ = −(0.0278·log₂ 0.0278 + 0.0556·log₂ 0.0556 + "
        "0.0833·log₂ 0.0833 + … + 0.2222·log₂ 0.2222) = 2.7942 bits"
    )
    assert "&hellip;" in f["entropy_p"].numeric_html
    for key in READOUTS:
        assert f[key].plain_text.count("…") >= 1, key
    assert "ln(exp(0) + exp(0) + exp(0) + … + exp(3))" in f["loss"].plain_text


def test_a_family_with_100000_outcomes_is_formatted_quickly() -> None:
    k = 100_000
    f = formulas_of(
        p_weights=[1.0, 1.0],
        q_weights=[1.0, 1.0],
        logits=[0.0, 0.0],
        p_family=Family("zipf", k, {"exponent": 1.0}),
        q_family=Family("uniform", k),
        logits_follow_q=True,
        label=5,
    )
    assert "(1×10⁻⁵)·log₂(1×10⁻⁵)" in f["entropy_q"].plain_text
    assert all(len(x.plain_text) < 1000 for x in f.values())
    assert f["loss"].plain_text == (
        "L = −log₂ s_y = −log₂(1×10⁻⁵) = 16.6096 bits, "
        "where s = softmax(z), z = ln(Q's weights)"
    )


# --- zeros and infinities ---------------------------------------------------

MISSES = formulas_of(
    p_weights=[0.5, 0.3, 0.2], q_weights=[0.6, 0.4, 0.0], logits=[0, 0, 0]
)


def test_an_infinite_kl_names_its_cause() -> None:
    assert MISSES["kl_pq"].plain_text == (
        "D(P‖Q) = Σᵢ pᵢ log₂(pᵢ/qᵢ) = 0.5·log₂(0.5/0.6) + 0.3·log₂(0.3/0.4) + "
        "0.2·log₂(0.2/0) = ∞ (q₂ = 0 where p₂ > 0)"
    )
    assert MISSES["kl_pq"].numeric_html.endswith(
        "= ∞ (<i>q</i><sub>2</sub> = 0 where <i>p</i><sub>2</sub> &gt; 0)"
    )
    assert MISSES["cross_entropy_pq"].plain_text.endswith(
        "0.2·log₂ 0) = ∞ (q₂ = 0 where p₂ > 0)"
    )


def test_zero_terms_show_as_zero_with_the_convention() -> None:
    assert MISSES["kl_qp"].plain_text == (
        "D(Q‖P) = Σᵢ qᵢ log₂(qᵢ/pᵢ) = 0.6·log₂(0.6/0.5) + 0.4·log₂(0.4/0.3) + 0"
        " = 0.3238 bits, where a term with qᵢ = 0 is 0 (0·log 0 = 0)"
    )
    assert MISSES["entropy_q"].plain_text == (
        "H(Q) = −Σᵢ qᵢ log₂ qᵢ = −(0.6·log₂ 0.6 + 0.4·log₂ 0.4 + 0) = 0.9710 bits,"
        " where a term with qᵢ = 0 is 0 (0·log 0 = 0)"
    )
    assert "0·log 0 = 0" in MISSES["entropy_q"].symbolic_html
    assert "0·log 0" not in MISSES["entropy_p"].symbolic_html


def test_several_causes_are_counted() -> None:
    f = formulas_of(
        p_weights=[1.0, 0.0, 0.0],
        q_weights=[1.0, 1.0, 1.0],
        logits=[2, 1, 0.1],
        linked=True,
    )
    assert f["kl_qp"].plain_text.endswith(
        "= ∞ (p₁ = 0 where q₁ > 0, and at 1 more outcome)"
    )
    f = formulas_of(
        p_weights=[1.0, 0, 0, 0], q_weights=[1.0] * 4, logits=[0] * 4, linked=True
    )
    assert f["kl_qp"].plain_text.endswith("and at 2 more outcomes)")


def test_an_infinite_loss_names_its_cause() -> None:
    f = formulas_of(
        p_weights=[1.0, 1.0],
        q_weights=[1.0, 0.0],
        logits=[0, 0],
        label=1,
        logits_follow_q=True,
    )
    assert f["loss"].plain_text == (
        "L = −log₂ s_y = −log₂ 0 = ∞ (s₁ = 0 where y₁ > 0), "
        "where s = softmax(z), z = ln(Q's weights)"
    )


def test_an_underflowing_softmax_is_explained_not_shown_as_log_zero() -> None:
    f = formulas_of(
        p_weights=[0.0, 1.0],
        q_weights=[1.0, 1.0],
        logits=[50.0, -50.0],
        temperature=0.05,
        linked=True,
        units="nats",
    )
    assert f["loss"].plain_text == (
        "L = H(P, Q) = −Σⱼ pⱼ ln qⱼ = 2000.0000 nats (q₁ underflows to 0; "
        "the loss comes from log-softmax), where Q = softmax(z/T)"
    )
    label_mode = formulas_of(
        p_weights=[0.5, 0.5],
        q_weights=[1.0, 1.0],
        logits=[50.0, -50.0],
        temperature=0.05,
        label=1,
        units="nats",
    )
    assert label_mode["loss"].plain_text == (
        "L = −z_y/T + ln Σⱼ exp(zⱼ/T) = −ln s_y = "
        "−(−50)/0.05 + ln(exp(50/0.05) + exp(−50/0.05)) = 2000.0000 nats, "
        "where s = softmax(z/T), y = 1"
    )


# --- the loss's forms -------------------------------------------------------


def test_loss_with_a_temperature() -> None:
    f = formulas_of(
        p_weights=[1, 1, 1],
        q_weights=[1, 1, 1],
        logits=[2, 1, -0.1],
        temperature=0.5,
        units="nats",
    )
    assert f["loss"].symbolic_html == (
        "<i>L</i> = &minus;<i>z</i><sub><i>y</i></sub>/<i>T</i> + "
        "ln Σ<sub><i>j</i></sub> exp(<i>z</i><sub><i>j</i></sub>/<i>T</i>) = "
        "&minus;ln <i>s</i><sub><i>y</i></sub>, where <i>s</i> = "
        "softmax(<i>z</i>/<i>T</i>)"
    )
    assert f["loss"].numeric_html == (
        "<i>L</i> = &minus;2/0.5 + ln(exp(2/0.5) + exp(1/0.5) + exp(&minus;0.1/0.5))"
        " = &minus;ln 0.8693 = 0.1400 nats, where"
        " <i>s</i> = softmax(<i>z</i>/<i>T</i>), <i>y</i> = 0"
    )


def test_loss_with_label_smoothing_shows_the_target() -> None:
    f = formulas_of(
        p_weights=[1, 1, 1],
        q_weights=[1, 1, 1],
        logits=[2, 1, 0.1],
        label_smoothing=0.1,
        units="nats",
    )
    assert f["loss"].plain_text == (
        "L = −Σⱼ tⱼ ln sⱼ = −(0.9333·ln 0.659 + 0.0333·ln 0.2424 + 0.0333·ln 0.0986)"
        " = 0.5137 nats, where s = softmax(z), t = (1 − 0.1)·onehot(0) + 0.1/3"
        " = [0.9333, 0.0333, 0.0333]"
    )
    assert f["loss"].symbolic_html.endswith(
        "<i>t</i> = (1 &minus; ε)·onehot(<i>y</i>) + ε/<i>K</i>"
    )


def test_linked_loss_is_the_cross_entropy() -> None:
    f = formulas_of(
        p_weights=[1, 0, 0],
        q_weights=[1, 1, 1],
        logits=[2, 1, 0.1],
        linked=True,
        units="nats",
    )
    assert f["loss"].plain_text == (
        "L = H(P, Q) = −Σⱼ pⱼ ln qⱼ = −(1·ln 0.659 + 0 + 0) = 0.4170 nats,"
        " where Q = softmax(z)"
    )
    assert f["loss"].numeric_html.endswith(
        "= 0.4170 nats, where <i>Q</i> = softmax(<i>z</i>)"
    )


def test_linked_loss_with_smoothing_smooths_p() -> None:
    f = formulas_of(
        p_weights=[0.5, 0.5],
        q_weights=[1, 1],
        logits=[1, 0],
        linked=True,
        label_smoothing=0.5,
    )
    assert f["loss"].plain_text.endswith(
        "where Q = softmax(z), t = (1 − 0.5)·P + 0.5/2 = [0.5, 0.5]"
    )


def test_negative_true_logit_is_parenthesised() -> None:
    f = formulas_of(p_weights=[1, 1], q_weights=[1, 1], logits=[-1.5, 2], units="nats")
    assert "= −(−1.5) + ln(exp(−1.5) + exp(2)) = −ln 0.029" in f["loss"].plain_text


# --- number formatting -----------------------------------------------------


def test_small_and_near_one_probabilities_keep_their_meaning() -> None:
    f = formulas_of(
        p_weights=[0.0, 1.0],
        q_weights=[1, 1],
        logits=[0, -8],
        linked=True,
        units="nats",
    )
    assert f["entropy_q"].plain_text == (
        "H(Q) = −Σᵢ qᵢ ln qᵢ = −(0.9997·ln 0.9997 + (3.354×10⁻⁴)·ln(3.354×10⁻⁴))"
        " = 0.0030 nats"
    )
    tiny = formulas_of(p_weights=[1.0, 1e-7], q_weights=[1, 1], logits=[0, 0])
    assert "(1×10⁻⁷)·log₂(1×10⁻⁷)" in tiny["entropy_p"].plain_text
    assert "1×10⁻⁷" in tiny["entropy_p"].numeric_html


def test_a_zero_result_reads_zero() -> None:
    f = formulas_of(p_weights=[1, 1], q_weights=[1, 1], logits=[0, 0])
    assert f["kl_pq"].plain_text.endswith("= 0 bits")


def test_plain_converts_scripts_and_entities() -> None:
    assert plain("log<sub>2</sub> <i>p</i><sub><i>i</i></sub>") == "log₂ pᵢ"
    assert plain("<i>z</i><sub><i>y</i></sub>") == "z_y"
    assert plain("<i>z</i><sub>12a</sub>") == "z₁₂ₐ"
    assert plain("<i>z</i><sub>yy</sub>") == "z_(yy)"
    assert plain("10<sup>&minus;5</sup> &hellip; a &gt; b") == "10⁻⁵ … a > b"
    assert plain("e<sup>xy</sup>") == "e^(xy)"


# --- never nan --------------------------------------------------------------

weights = st.lists(
    st.sampled_from([0.0, 1e-9, 0.001, 0.3, 1.0, 7.0]), min_size=2, max_size=9
)


@settings(deadline=None, max_examples=200)
@given(
    st.integers(2, 9).flatmap(
        lambda k: st.tuples(
            st.lists(
                st.sampled_from([0.0, 1e-9, 0.001, 0.3, 1.0, 7.0]),
                min_size=k,
                max_size=k,
            ).filter(any),
            st.lists(
                st.sampled_from([0.0, 1e-300, 0.02, 0.5, 3.0]), min_size=k, max_size=k
            ).filter(any),
            st.lists(st.floats(-50, 50), min_size=k, max_size=k),
            st.integers(0, k - 1),
        )
    ),
    st.floats(0.05, 20),
    st.sampled_from([0.0, 0.1, 1.0]),
    st.sampled_from(["bits", "nats"]),
    st.booleans(),
    st.booleans(),
)
def test_formulas_never_show_nan_and_end_in_the_readout(
    case: tuple[list[float], list[float], list[float], int],
    t: float,
    eps: float,
    units: str,
    linked: bool,
    follow_q: bool,
) -> None:
    p, q, z, label = case
    scenario = Scenario(p, q, z, t, label, eps, units, linked, logits_follow_q=follow_q)
    results = evaluate(scenario)
    for key, formula in formulas(scenario, results).items():
        for text in (formula.symbolic_html, formula.numeric_html, formula.plain_text):
            assert "nan" not in text.lower(), (key, text)
            assert "undefined" not in text
            assert "inf" not in text.replace("infinite", ""), (key, text)
        assert "<" not in formula.plain_text and "&" not in formula.plain_text
        value = getattr(results, key)
        if math.isinf(value):
            assert "= ∞ (" in formula.numeric_html
        else:
            # The formula ends in exactly what its readout shows.
            shown = format_number(value)
            assert f"= {shown} {units}" in formula.plain_text, formula
