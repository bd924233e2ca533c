"""The theme's colours carry to the back of a hall and survive colour blindness.

Contrast is WCAG 2's ratio of relative luminances. Colour blindness is
simulated with Machado, Oliveira and Fernandes (2009), severity 1, in linear
RGB; distinguishable means a CIELAB ΔE*ab of at least 20 (about five times
a just-noticeable difference). No Qt: these are the theme's numbers.
"""

from __future__ import annotations

import numpy as np
import pytest

from viz import theme

WHITE = "#FFFFFF"

PROTANOPIA = np.array(
    [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ]
)
DEUTERANOPIA = np.array(
    [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ]
)
SIMULATIONS = {
    "normal": np.eye(3),
    "protanopia": PROTANOPIA,
    "deuteranopia": DEUTERANOPIA,
}


def linear_rgb(colour: str) -> np.ndarray:
    """sRGB hex → linear RGB in [0, 1]."""
    srgb = np.array([int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def luminance(colour: str) -> float:
    return float(np.array([0.2126, 0.7152, 0.0722]) @ linear_rgb(colour))


def contrast(a: str, b: str = WHITE) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def lab(linear: np.ndarray) -> np.ndarray:
    to_xyz = np.array(
        [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
    )
    t = to_xyz @ np.clip(linear, 0.0, 1.0) / np.array([0.95047, 1.0, 1.08883])
    delta = 6 / 29
    f = np.where(t > delta**3, np.cbrt(t), t / (3 * delta**2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def difference(a: str, b: str, simulation: np.ndarray) -> float:
    return float(
        np.linalg.norm(
            lab(simulation @ linear_rgb(a)) - lab(simulation @ linear_rgb(b))
        )
    )


def test_the_reference_values_of_the_formulas():
    # WCAG: black on white is 21:1; #777777 is the classic 4.48:1 grey.
    assert contrast("#000000") == pytest.approx(21.0)
    assert contrast("#777777") == pytest.approx(4.48, abs=0.01)
    # Okabe and Ito's orange, which the issue measured at 2.25:1.
    assert contrast("#E69F00") == pytest.approx(2.25, abs=0.01)
    # A simulated deuteranope cannot tell pure red from pure green apart as
    # well as a normal viewer can.
    red, green = "#FF0000", "#00FF00"
    assert difference(red, green, DEUTERANOPIA) < difference(red, green, np.eye(3)) / 2


@pytest.mark.parametrize("colour", theme.PLOTTED)
def test_every_plotted_colour_is_at_least_3_to_1_on_the_white_plot(colour):
    assert contrast(colour) >= 3.0, f"{colour}: {contrast(colour):.2f}:1"


@pytest.mark.parametrize("colour", theme.PLOTTED)
def test_every_colour_has_a_text_version_of_at_least_7_to_1(colour):
    text = theme.text_colour(colour)
    assert contrast(text) >= 7.0, f"{colour} as text {text}: {contrast(text):.2f}:1"


@pytest.mark.parametrize("name", SIMULATIONS)
@pytest.mark.parametrize("pair", theme.DISTINGUISHED)
def test_colours_drawn_side_by_side_stay_apart_under_colour_blindness(pair, name):
    a, b = pair
    assert difference(a, b, SIMULATIONS[name]) >= 20.0, (a, b, name)


def test_q_differs_from_p_by_an_outline_as_well_as_by_colour():
    assert theme.Q_COLOUR in theme.OUTLINES
    assert theme.P_COLOUR not in theme.OUTLINES
    # The outline itself stands out from the bar it edges.
    assert contrast(theme.OUTLINES[theme.Q_COLOUR], theme.Q_COLOUR) >= 3.0


def test_text_colours_of_both_themes_are_at_least_7_to_1():
    from viz.fitted_text import HINT_COLOUR

    for colour in (theme.NORMAL.foreground, theme.LECTURE.foreground, HINT_COLOUR):
        assert contrast(colour) >= 7.0, colour


def test_disabled_controls_look_disabled_in_lecture_mode(qapp):
    """A control that does nothing must not look live on the projector."""
    from PySide6.QtGui import QPalette

    from viz.appearance import high_contrast_palette

    palette = high_contrast_palette()
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        live = palette.color(QPalette.ColorGroup.Active, role)
        dead = palette.color(QPalette.ColorGroup.Disabled, role)
        assert contrast(live.name(), dead.name()) > 3.0


def test_a_warning_strip_follows_lecture_type(qapp):
    """A style sheet once pinned warning strips at the small type of the desk."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from viz.widgets import problem_label

    holder = QWidget()
    strip = problem_label("strip")
    QVBoxLayout(holder).addWidget(strip)
    before = qapp.font()
    try:
        font = qapp.font()
        font.setPixelSize(31)
        qapp.setFont(font)
        qapp.processEvents()
        assert strip.font().pixelSize() == 31
    finally:
        qapp.setFont(before)


@pytest.mark.parametrize(
    ("label", "units"),
    [
        ("contribution (bits)", "bits"),
        ("贡献（比特）", "比特"),
        ("−log p (nats)", "nats"),
    ],
)
def test_a_label_too_long_for_its_axis_keeps_its_units(label, units):
    from viz.fitted_text import UNITS_AT_END, UNITS_IN_HTML

    assert UNITS_AT_END.search(label)
    assert (
        UNITS_IN_HTML.sub(r">\1<", f"<span>{label}</span>") == f"<span>{units}</span>"
    )
    assert UNITS_AT_END.search("probability") is None


def test_a_log_axis_writes_all_its_ticks_in_one_form(qapp):
    # pyqtgraph's own text mixed "10¹" with "1" and "0.1" on one axis, and
    # "0.0001" with "10⁻⁶" on another.
    from viz.fitted_text import FittedAxisItem

    axis = FittedAxisItem("left")
    assert axis.logTickStrings([1, 0, -1, -2, -3], 1.0, 1.0) == [
        "10",
        "1",
        "0.1",
        "0.01",
        "0.001",
    ]
    assert axis.logTickStrings([0, -2, -4, -6, -8], 1.0, 2.0) == [
        "10⁰",
        "10⁻²",
        "10⁻⁴",
        "10⁻⁶",
        "10⁻⁸",
    ]
    assert axis.logTickStrings(np.log10([5e-4, 1e-5]), 1.0, 1.0) == [
        "5·10⁻⁴",
        "10⁻⁵",
    ]
    assert axis.logTickStrings([0, 2, 4, 5], 1.0, 1.0) == ["10⁰", "10²", "10⁴", "10⁵"]


def test_a_log_axis_s_major_and_minor_ticks_share_one_form(qapp):
    # pyqtgraph asks for each level's text apart: an axis from 1 to 10⁵ read
    # "1, 10¹, 100, 10³, 10000", its majors plain and its minors in powers.
    from viz.fitted_text import FittedAxisItem

    axis = FittedAxisItem("bottom")
    axis.setLogMode(True)
    axis.setRange(0.0, 5.0)  # 1 … 10⁵, in log10
    majors = axis.logTickStrings([0, 2, 4], 1.0, 2.0)
    minors = axis.logTickStrings([1, 3], 1.0, 1.0)
    assert majors == ["10⁰", "10²", "10⁴"]
    assert minors == ["10¹", "10³"]
    axis.setRange(0.0, 4.2)  # 1 … 15,800: no tick above 10⁴
    assert axis.logTickStrings([0, 2, 4], 1.0, 2.0) == ["1", "100", "10000"]
    assert axis.logTickStrings([1, 3], 1.0, 1.0) == ["10", "1000"]


@pytest.mark.parametrize(
    ("style", "ratio", "expected"),
    [
        (theme.NORMAL, 1.0, 1),
        (theme.NORMAL, 2.0, 2),
        (theme.NORMAL, 1.25, 1),
        (theme.LECTURE, 1.0, 2),
        (theme.LECTURE, 2.0, 4),
    ],
)
def test_a_curve_is_as_thick_on_a_200_percent_screen(style, ratio, expected):
    # A pen's width is in device pixels: unscaled, a 4K screen at 200 %
    # drew the long tails as hairlines beside two-pixel axes text.
    assert style.line_width(ratio) == expected
