"""Colours and fonts: one place, so P and Q look the same in every plot.

The palette is Okabe and Ito's, safe for the common colour-vision
deficiencies (P is blue and Q is orange everywhere), made darker where a
washed-out projector needs it: every plotted colour is at least 3:1 against
the white plot background and every coloured text at least 7:1
(``tests/test_theme.py`` computes the ratios and simulates protanopia and
deuteranopia). Q's bars also carry a dark outline, so P and Q differ by more
than colour.
"""

from __future__ import annotations

from dataclasses import dataclass

P_COLOUR = "#0072B2"  # blue, 5.2:1
# Okabe and Ito's orange (#E69F00) is 2.25:1 on white: too faint for a hall.
Q_COLOUR = "#C27C00"  # orange, 3.4:1
GRADIENT_COLOUR = "#D55E00"  # vermillion, 3.9:1
TARGET_COLOUR = P_COLOUR
MODEL_COLOUR = Q_COLOUR
ACCENT_COLOUR = "#009E73"  # bluish green, 3.4:1
MARKER_COLOUR = "#CC79A7"  # reddish purple, 3.1:1 (always with a black edge)
# The H(P) part of the stack H(P) + D(P‖Q): neutral, under D(P‖Q)'s blue.
ENTROPY_COLOUR = "#8A8A8A"  # grey, 3.5:1

#: Every colour drawn as data on the white plot background.
PLOTTED = (
    P_COLOUR,
    Q_COLOUR,
    GRADIENT_COLOUR,
    ACCENT_COLOUR,
    MARKER_COLOUR,
    ENTROPY_COLOUR,
)

#: Pairs drawn side by side that must stay apart under colour blindness.
DISTINGUISHED = (
    (P_COLOUR, Q_COLOUR),
    (ACCENT_COLOUR, GRADIENT_COLOUR),
    (ENTROPY_COLOUR, P_COLOUR),
)

#: A dark outline for bars of these colours (Q): a second cue besides hue.
OUTLINES = {Q_COLOUR: "#4A2F00"}

#: The same hues dark enough for text (at least 7:1 on white).
TEXT_VERSIONS = {
    P_COLOUR: "#004F7C",
    Q_COLOUR: "#6B4400",
    GRADIENT_COLOUR: "#8C2F00",
    ACCENT_COLOUR: "#00664A",
    MARKER_COLOUR: "#7A2D5C",
    ENTROPY_COLOUR: "#4D4D4D",
}


def text_colour(colour: str) -> str:
    """``colour`` as text: its darker version where it has one."""
    return TEXT_VERSIONS.get(colour, colour)


@dataclass(frozen=True)
class Theme:
    """What a plot needs to draw itself in one look."""

    name: str
    foreground: str
    axis_font_px: int
    readout_font_px: int
    bar_scale: float
    #: A curve's stroke. Qt draws a one-pixel line directly and strokes any
    #: wider one as polygons: 1.1 ms per curve of 1,400 points, most of a
    #: large-K frame. A projector gets two.
    line_px: int = 1
    #: The smallest plot shown (height, width); fewer plots show if need be.
    min_plot_px: tuple[int, int] = (130, 180)
    explanation_font_px: int = 13
    #: Whether plots show hints for a newcomer ("drag a bar").
    shows_hints: bool = True

    def line_width(self, device_pixel_ratio: float) -> int:
        """A curve's stroke in device pixels, as wide on any screen.

        A pen's width is in device pixels: at 200 % it would draw the curves
        half as thick as the rest of the window.
        """
        return max(1, round(self.line_px * device_pixel_ratio))


NORMAL = Theme(
    name="normal",
    foreground="#222222",
    axis_font_px=12,
    readout_font_px=24,
    bar_scale=1.0,
)

# Projectors wash out dark themes and thin strokes: black on white, big type.
LECTURE = Theme(
    name="lecture",
    foreground="#000000",
    axis_font_px=24,
    readout_font_px=42,
    bar_scale=1.25,
    line_px=2,
    min_plot_px=(240, 300),
    explanation_font_px=24,
    shows_hints=False,
)
