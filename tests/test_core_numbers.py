"""core.numbers: the one formatter; no digit that misleads."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.numbers import (
    format_compact,
    format_number,
    format_probability,
    parse_shown,
)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.0, "0"),
        (-0.0, "0"),
        (0.1187091007693073, "0.1187"),
        (1.0, "1.0000"),
        (1154.0, "1154.0000"),
        (2.81e-17, "2.810×10⁻¹⁷"),
        (-2.78e-17, "−2.780×10⁻¹⁷"),
        (0.000335, "3.350×10⁻⁴"),  # not 0.0003: two digits at least
        (0.0030182, "0.0030"),
        (1e300, "1.000×10³⁰⁰"),
        (5e-324, "4.941×10⁻³²⁴"),
        (math.inf, "∞"),
        (-math.inf, "−∞"),
        (math.nan, "—"),
    ],
)
def test_examples(value, text):
    # Before: 1e-17 showed as 0.0000, 1e300 as a 305-character number, and
    # −0.0 as −0.0000.
    assert format_number(value) == text


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_no_digit_misleads(value):
    text = format_number(value)
    assert len(text) <= 16  # never a 305-character number
    shown = parse_shown(text)
    if math.isinf(shown):  # 1.7975e308 shows as 1.798×10³⁰⁸, beyond a float
        assert abs(value) > 1.797e308
        return
    assert (shown == 0) == (value == 0)  # 0 means zero, and only zero
    assert math.copysign(1, shown) == math.copysign(1, value) or value == 0
    if "×10" in text:
        assert shown == pytest.approx(value, rel=5e-4)
    else:
        assert abs(shown - value) <= 5e-5
        assert value == 0 or abs(value) >= 1e-3  # two digits at least


def test_probabilities_keep_their_meaning():
    assert format_probability(0.99999999) == "0.99999999"
    assert format_probability(1 - 2**-52) == "0.9999999999999998"
    assert format_probability(1 - 2**-53) == "0.9999999999999999"
    assert format_probability(1.0) == "1.0000"
    assert format_compact(0.4) == "0.4"
    assert format_compact(1e-5) == "1×10⁻⁵"
    assert format_compact(0.99999) == "0.99999"
    assert format_compact(0.0) == "0"


def test_parse_shown_refuses_other_text():
    with pytest.raises(ValueError):
        parse_shown("bits")


def test_a_power_of_ten_keeps_one_digit_and_writes_the_exponent_raised():
    from core.numbers import power_of_ten

    assert [power_of_ten(v) for v in (1e-6, 5e-4, 1.0, 10.0, 2e5)] == [
        "10⁻⁶",
        "5·10⁻⁴",
        "10⁰",
        "10¹",
        "2·10⁵",
    ]
    assert power_of_ten(0.0) == power_of_ten(float("inf")) == ""


def test_a_probability_in_a_table_keeps_its_gap_to_1_short() -> None:
    from core.numbers import format_probability

    # 0.99999999999998 widened a table's column past the window's edge.
    assert format_probability(1 - 2e-14) == "0.99999999999998"
    assert format_probability(1 - 2e-14, most_decimals=8) == "1 − 2.0×10⁻¹⁴"
    assert format_probability(0.99999999, most_decimals=8) == "0.99999999"
    assert format_probability(0.5, most_decimals=8) == "0.5000"


def test_a_value_bounded_by_1_reads_as_1_only_when_it_is() -> None:
    from core.numbers import format_unit_bounded

    assert format_unit_bounded(0.99995) == "0.99995"  # σ(10) − 0
    assert format_unit_bounded(-0.99995) == "−0.99995"
    assert format_unit_bounded(-0.5) == "−0.5000"
    assert format_unit_bounded(1.0) == "1.0000"
    assert format_unit_bounded(-4.5e-5) == "−4.500×10⁻⁵"
    assert format_unit_bounded(0.0) == "0"
