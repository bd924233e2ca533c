"""Every range and default a control offers, defined once.

A slider, the validator of a session or preset file and a page's state all
read their limits from here, so a file can never hold a value that a
control cannot show (a z₀ of 30 loaded while its slider stopped at 10, and
the marker was drawn off the plot).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Range:
    """A closed interval of floats with a default, linear or logarithmic.

    Attributes
    ----------
    name : str
        How error messages call the value ("temperature", "z0").
    low, high : float
        The limits, low < high (low > 0 when ``log``).
    default : float
        Within [low, high].
    log : bool
        Equal slider travel multiplies the value by the same factor.
    """

    name: str
    low: float
    high: float
    default: float
    log: bool = False

    def __post_init__(self) -> None:
        if not self.low < self.high:
            raise ValueError(f"{self.name}: low must be below high")
        if self.log and self.low <= 0:
            raise ValueError(f"{self.name}: a log range needs low > 0")
        if not self.low <= self.default <= self.high:
            raise ValueError(f"{self.name}: the default lies outside the range")

    def check(self, value: Any, name: str | None = None) -> float:
        """``value`` as a float in the range; ValueError naming it otherwise."""
        label = name or self.name
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{label} must be a number, got {value!r:.40}")
        number = float(value)
        if not math.isfinite(number) or not self.low <= number <= self.high:
            raise ValueError(
                f"{label} must lie in [{self.low:g}, {self.high:g}], got {number:g}"
            )
        return number

    def clamp(self, value: float) -> float:
        """The nearest value in the range."""
        return min(max(value, self.low), self.high)


@dataclass(frozen=True)
class IntRange:
    """A closed interval of integers with a default."""

    name: str
    low: int
    high: int
    default: int

    def check(self, value: Any, name: str | None = None) -> int:
        """``value`` as an int in the range; ValueError naming it otherwise."""
        label = name or self.name
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{label} must be an integer, got {value!r:.40}")
        if not self.low <= value <= self.high:
            raise ValueError(
                f"{label} must lie in [{self.low}, {self.high}], got {value}"
            )
        return int(value)


# The explorer ------------------------------------------------------------------

#: Outcomes with one slider each.
SLIDER_K = IntRange("K", 2, 16, 4)
#: A slider weight (weights fix proportions: only their ratios count).
WEIGHT = Range("weight", 0.0, 1.0, 0.25)
#: A logit slider.
LOGIT = Range("logit", -10.0, 10.0, 0.0)
TEMPERATURE = Range("temperature", 0.05, 20.0, 1.0, log=True)
LABEL_SMOOTHING = Range("label_smoothing", 0.0, 1.0, 0.0)

# Vanishing gradients (the race) --------------------------------------------------

#: The inspected logit z₀, over the plotted range of z.
RACE_Z0 = Range("z0", -10.0, 10.0, -8.0)
RACE_LEARNING_RATE = Range("learning_rate", 0.01, 10.0, 1.0, log=True)
#: Steps a race may take before it pauses itself.
RACE_STEPS = IntRange("steps", 0, 200_000, 0)
#: Steps both racers take per frame while playing, as the speed box offers.
RACE_SPEEDS = (1, 2, 5, 20, 100)
RACE_DEFAULT_SPEED = 2

# Training the logits -----------------------------------------------------------

TRAINING_LEARNING_RATE = Range("learning_rate", 0.001, 10.0, 0.5, log=True)
TRAINING_STEPS = IntRange("steps", 0, 100_000, 0)

# KL fitting --------------------------------------------------------------------

#: Bins of the fitted target.
FIT_BINS = 60
#: A fitted Gaussian's σ is kept in [FIT_SIGMA_MIN, K] (core.fitting).
FIT_SIGMA_MIN = 0.1
PEAK_POSITION_1 = Range("position_1", 0.0, FIT_BINS - 1.0, 15.0)
PEAK_POSITION_2 = Range("position_2", 0.0, FIT_BINS - 1.0, 45.0)
PEAK_WIDTH_1 = Range("width_1", 0.5, 15.0, 4.0)
PEAK_WIDTH_2 = Range("width_2", 0.5, 15.0, 4.0)
PEAK_HEIGHT_1 = Range("height_1", 0.0, 1.0, 1.0)
PEAK_HEIGHT_2 = Range("height_2", 0.0, 1.0, 1.0)
PEAKS = (
    PEAK_POSITION_1,
    PEAK_POSITION_2,
    PEAK_WIDTH_1,
    PEAK_WIDTH_2,
    PEAK_HEIGHT_1,
    PEAK_HEIGHT_2,
)
#: Seeds of random starts.
SEED = IntRange("seed", 0, 2**31 - 1, 0)
FIT_STEPS = IntRange("steps", 0, 100_000, 0)

# A PyTorch batch -----------------------------------------------------------------

BATCH_ROWS = IntRange("samples", 1, 64, 4)
BATCH_CLASSES = IntRange("classes", 2, 16, 5)
#: A logit typed into the batch table.
BATCH_LOGIT = Range("logit", -50.0, 50.0, 0.0)

# The sampling and code-length labs ------------------------------------------------

#: Draws per second a lab's run offers while it plays (Step draws one).
LAB_RATES = (1, 10, 100, 10_000)
LAB_DEFAULT_RATE = 100
#: Outcomes a lab draws from. Its session keeps the run's counts, one per
#: outcome, for each of P and Q; at 1,024 both labs stay far inside a
#: session file's megabyte (a family of 100,000 would not).
LAB_K = IntRange("K", 2, 1024, 4)
#: Draws a lab's run may make before it pauses itself (28 hours at 10,000/s).
LAB_DRAWS = IntRange("draws", 0, 1_000_000_000, 0)

# The next-token lab ---------------------------------------------------------------

#: The decoder's temperature (the core accepts 0.001–1000; the slider offers
#: the explorer's span, where a student sees both greedy and flat).
NEXT_TOKEN_TEMPERATURE = Range("temperature", 0.05, 20.0, 1.0, log=True)
#: Top-k's k when it is on (off is None); above the vocabulary it keeps all.
TOP_K = IntRange("top_k", 1, 1_000_000, 50)
#: Top-p's share when it is on (off is None).
TOP_P = Range("top_p", 0.01, 1.0, 0.9)
#: Min-p's factor when it is on (off is None); logarithmic, as thresholds
#: that matter lie between a thousandth and a half.
MIN_P = Range("min_p", 0.001, 1.0, 0.05, log=True)
