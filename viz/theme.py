"""Colours and fonts: one place, so P and Q look the same in every plot.

The palette is Okabe and Ito's, safe for the common colour-vision
deficiencies: P is blue and Q is orange everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

P_COLOUR = "#0072B2"  # blue
Q_COLOUR = "#E69F00"  # orange
GRADIENT_COLOUR = "#D55E00"  # vermillion
TARGET_COLOUR = P_COLOUR
MODEL_COLOUR = Q_COLOUR
ACCENT_COLOUR = "#009E73"  # bluish green
MARKER_COLOUR = "#CC79A7"  # reddish purple
ENTROPY_COLOUR = "#56B4E9"  # sky blue, for the H(P) part of a stacked bar


@dataclass(frozen=True)
class Theme:
    """What a plot needs to draw itself in one look."""

    name: str
    foreground: str
    axis_font_px: int
    readout_font_px: int
    bar_scale: float
    #: The smallest plot shown (height, width); fewer plots show if need be.
    min_plot_px: tuple[int, int] = (130, 180)
    explanation_font_px: int = 13


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
    min_plot_px=(240, 300),
    explanation_font_px=24,
)
