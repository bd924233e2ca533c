"""Animations for slides, as values: which state each frame shows, and for how long.

Two kinds of animation are made from states alone, never from a clock, so a
file is the same on a fast machine and a slow one:

* a **run** of an animated page (the race, the logit training, the KL fits):
  frame 0 is the run's start, and each later frame is the page's state
  ``steps_per_frame`` steps further (:func:`run_frames`). Once the run
  cannot go on (the race is won, the fits converged) the last state holds
  for the remaining frames;
* a **sweep** of one explorer control from one value to another
  (:func:`parse_sweep`, :func:`sweep_values`, :func:`sweep_frames`): the
  temperature, the label smoothing, one logit, or one weight of P or Q.

The frame rate only sets each frame's duration in the file
(:func:`frame_durations_ms`). Every check raises ValueError naming the
argument, in words a command line can print as they are.
"""

from __future__ import annotations

import itertools
import math
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np

from core.editing import with_entry
from core.numbers import format_number
from core.ranges import LABEL_SMOOTHING, LOGIT, TEMPERATURE, WEIGHT, IntRange, Range
from core.scenario import Scenario

State = TypeVar("State")

#: Frames in one animation: two at least (one frame is a picture).
FRAMES = IntRange("frames", 2, 600, 60)
#: Frames per second. GIF counts in hundredths of a second, and viewers
#: slow frames shorter than 2/100 s down to 1/10 s: 50 is the most that plays.
FPS = IntRange("fps", 1, 50, 15)
#: Steps of a page's run between two frames.
STEPS_PER_FRAME = IntRange("steps_per_frame", 1, 10_000, 1)
#: The most pixels all frames together may hold (about 0.5 GB as RGB while
#: the file is encoded): 60 frames of 1600×1000, or 150 of 960×600 at 1×.
MAX_TOTAL_PIXELS = 160_000_000

#: File suffixes and the format each writes. ``.png`` is an animated PNG.
ANIMATION_SUFFIXES = {".gif": "gif", ".apng": "apng", ".png": "apng"}

#: Pages with a run to animate, by their tab id.
ANIMATED_PAGES = ("binary", "training", "fitting")


def animation_format(path: str | os.PathLike[str]) -> str:
    """``"gif"`` or ``"apng"`` for an animation's file name.

    Raises
    ------
    ValueError
        For any other suffix; for ``.mp4`` the message says why no video
        is offered (it needs an encoder that is not installed with the app).
    """
    suffix = Path(path).suffix.lower()
    if suffix in ANIMATION_SUFFIXES:
        return ANIMATION_SUFFIXES[suffix]
    if suffix in (".mp4", ".webm", ".mov", ".avi"):
        raise ValueError(
            f"{path}: video ({suffix}) needs an encoder that Entropy Lab does not "
            "install; write .gif or .apng (both play in browsers and slides)"
        )
    raise ValueError(
        f"{path}: an animation must end in .gif, .apng or .png (animated PNG)"
    )


def frame_durations_ms(frames: int, fps: int, kind: str) -> tuple[int, ...]:
    """Each frame's time in the file, so that frame k starts at k/fps seconds.

    A GIF counts in hundredths of a second, so 15 fps cannot be one repeated
    duration (70 ms would play at 14.3 fps); here each frame ends at the
    file's unit nearest to (k + 1)/fps, so the times differ by one unit at
    most (15 fps: 70, 60, 70, 70, 60, ... ms) and the whole runs exactly
    frames/fps seconds, rounded once. An animated PNG does the same in
    milliseconds. Every GIF frame is at least 20 ms (browsers slow anything
    shorter to 100 ms): fps ≤ 50 guarantees it.

    Raises
    ------
    ValueError
        For frames below 1, an fps outside :data:`FPS` or an unknown kind.
    """
    rate = FPS.check(fps)
    if isinstance(frames, bool) or not isinstance(frames, int) or frames < 1:
        raise ValueError(f"frames must be a whole number ≥ 1, got {frames!r:.40}")
    if kind not in ("gif", "apng"):
        raise ValueError(f"kind must be 'gif' or 'apng', got {kind!r:.40}")
    unit = 10 if kind == "gif" else 1  # ms per tick of the file's clock
    ticks_per_second = 1000 // unit
    # Exact integer rounding of k·ticks/rate (half up): no float drift.
    ends = [(2 * k * ticks_per_second + rate) // (2 * rate) for k in range(frames + 1)]
    return tuple(unit * (b - a) for a, b in itertools.pairwise(ends))


@dataclass(frozen=True)
class AnimationSettings:
    """How many frames, how fast, and how far a run moves between frames.

    Build it with :func:`animation_settings`, which checks every field.
    """

    frames: int
    fps: int
    steps_per_frame: int


def animation_settings(
    frames: int = FRAMES.default,
    fps: int = FPS.default,
    steps_per_frame: int = STEPS_PER_FRAME.default,
) -> AnimationSettings:
    """Checked settings (ValueError naming frames, fps or steps_per_frame)."""
    return AnimationSettings(
        FRAMES.check(frames), FPS.check(fps), STEPS_PER_FRAME.check(steps_per_frame)
    )


def check_frame_size(frames: int, width: int, height: int, scale: int) -> None:
    """Refuse an animation whose frames would not fit in memory together.

    Raises
    ------
    ValueError
        Naming ``frames`` (and the size) when frames × width × height ×
        scale² exceeds :data:`MAX_TOTAL_PIXELS`, with the most frames that fit.
    """
    per_frame = width * height * scale * scale
    if per_frame <= 0:
        raise ValueError(f"size must be positive, got {width}x{height}")
    if frames * per_frame > MAX_TOTAL_PIXELS:
        most = MAX_TOTAL_PIXELS // per_frame
        raise ValueError(
            f"frames: {frames} frames of {width}x{height} at {scale}× are too "
            f"many pixels to hold; at this size at most {most} frames fit "
            "(or choose a smaller size or scale)"
        )


def run_frames(
    start: State,
    advance: Callable[[State, int], State],
    can_advance: Callable[[State], bool],
    frames: int,
    steps_per_frame: int,
) -> Iterator[State]:
    """The state each frame of a run shows: ``start``, then ``steps_per_frame`` on.

    ``advance(state, n)`` is the page's pure step function. Once
    ``can_advance`` says the run is over, that state is yielded for every
    remaining frame. Exactly ``frames`` states are yielded, lazily, so a
    caller can stop (cancel) at any frame.

    Raises
    ------
    ValueError
        For ``frames`` or ``steps_per_frame`` outside their ranges (raised
        on the first ``next``).
    """
    count = FRAMES.check(frames)
    steps = STEPS_PER_FRAME.check(steps_per_frame)
    state = start
    yield state
    for _ in range(count - 1):
        if can_advance(state):
            state = advance(state, steps)
        yield state


# sweeps ------------------------------------------------------------------------

#: Controls a sweep can move: the name on the command line and its range.
SWEEP_CONTROLS: dict[str, Range] = {
    "temperature": TEMPERATURE,
    "smoothing": LABEL_SMOOTHING,
    "logit": LOGIT,
    "p": WEIGHT,
    "q": WEIGHT,
}
#: Other spellings of the same controls.
_ALIASES = {"label_smoothing": "smoothing", "t": "temperature", "z": "logit"}
#: Controls that need an outcome's index (``logit2``, ``p0``).
INDEXED_CONTROLS = ("logit", "p", "q")

_NUMBER = r"[-+−]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_SWEEP = re.compile(
    rf"\s*([A-Za-z_]+?)(\d*)\s*=\s*({_NUMBER})\s*:\s*({_NUMBER})\s*", re.ASCII
)

SWEEP_SYNTAX = (
    "CONTROL=START:END with CONTROL one of temperature, smoothing, logitN, pN, qN "
    "(N an outcome, from 0), e.g. temperature=0.2:5"
)


@dataclass(frozen=True)
class Sweep:
    """One control moved from ``start`` to ``end``.

    Attributes
    ----------
    control : {"temperature", "smoothing", "logit", "p", "q"}
    index : int or None
        The outcome of a logit or weight (None for the others).
    start, end : float
        Both within the control's range, and different.
    """

    control: str
    index: int | None
    start: float
    end: float

    @property
    def name(self) -> str:
        """How the command line spells the control: ``logit2``, ``temperature``."""
        return self.control if self.index is None else f"{self.control}{self.index}"

    @property
    def limits(self) -> Range:
        """The control's range (:mod:`core.ranges`)."""
        return SWEEP_CONTROLS[self.control]


def _number(text: str) -> float:
    return float(text.replace("−", "-"))


def parse_sweep(text: str) -> Sweep:
    """Read ``temperature=0.2:5``, ``logit2=-3:3``, ``p0=0.1:0.9`` and the like.

    Raises
    ------
    ValueError
        Naming ``sweep``: for text of another shape, an unknown control, a
        missing or unwanted index, or a start or end outside the control's
        range (:mod:`core.ranges`), or start equal to end.
    """
    if not isinstance(text, str):
        raise ValueError(f"sweep must be text, got {type(text).__name__}")
    match = _SWEEP.fullmatch(text)
    if match is None:
        raise ValueError(f"sweep must look like {SWEEP_SYNTAX}; got {text[:60]!r}")
    name, digits, low, high = match.groups()
    control = _ALIASES.get(name.lower(), name.lower())
    if control not in SWEEP_CONTROLS:
        known = "temperature, smoothing, logitN, pN, qN"
        raise ValueError(f"sweep: unknown control {name[:40]!r}; known: {known}")
    index: int | None = None
    if control in INDEXED_CONTROLS:
        if not digits:
            raise ValueError(
                f"sweep: {control} needs an outcome number, e.g. {control}0"
            )
        index = int(digits)
    elif digits:
        raise ValueError(
            f"sweep: {control} takes no outcome number, got {name}{digits}"
        )
    limits = SWEEP_CONTROLS[control]
    label = f"sweep: {control if index is None else f'{control}{index}'}"
    start = limits.check(_number(low), f"{label} start")
    end = limits.check(_number(high), f"{label} end")
    if start == end:
        raise ValueError(f"{label}: start and end are equal ({start:g}): nothing moves")
    return Sweep(control, index, start, end)


def sweep_values(sweep: Sweep, frames: int) -> tuple[float, ...]:
    """The control's value at each of ``frames`` frames, ``start`` to ``end``.

    Evenly spaced as the control's slider moves: geometrically for a
    logarithmic range (the temperature: each frame multiplies T by the same
    factor), linearly otherwise. The first and last values are exactly
    ``start`` and ``end``.

    Raises
    ------
    ValueError
        For ``frames`` outside :data:`FRAMES`.
    """
    count = FRAMES.check(frames)
    fractions = np.linspace(0.0, 1.0, count)
    if sweep.limits.log:
        low, high = math.log(sweep.start), math.log(sweep.end)
        values = np.exp(low + (high - low) * fractions)
    else:
        values = sweep.start + (sweep.end - sweep.start) * fractions
    values = np.clip(values, sweep.limits.low, sweep.limits.high)
    values[0], values[-1] = sweep.start, sweep.end
    return tuple(float(v) for v in values)


def check_sweep(scenario: Scenario, sweep: Sweep) -> None:
    """Whether ``sweep`` moves anything in ``scenario``; ValueError naming ``sweep``.

    Refused: a logit or weight of an outcome the scenario does not have; a
    weight or logit in family mode (families shape P and Q there); a weight
    of Q while Q follows the logits (linked); a logit while the logits
    follow Q.
    """
    if sweep.index is None:
        return
    family_mode = scenario.p_family is not None and scenario.q_family is not None
    if family_mode:
        raise ValueError(
            f"sweep: in family mode the families shape P and Q, so {sweep.name} "
            "has no slider; sweep temperature or smoothing"
        )
    k = scenario.p_weights.size
    if not 0 <= sweep.index < k:
        raise ValueError(
            f"sweep: {sweep.name} names outcome {sweep.index}, but there are {k} "
            f"(0 to {k - 1})"
        )
    if sweep.control == "q" and scenario.linked and not scenario.logits_follow_q:
        raise ValueError(
            "sweep: Q follows the logits while linked; sweep a logit instead"
        )
    if sweep.control == "logit" and scenario.logits_follow_q:
        raise ValueError(
            "sweep: the logits follow Q (z = log q); sweep a weight of Q instead"
        )


def swept(scenario: Scenario, sweep: Sweep, value: float) -> Scenario:
    """``scenario`` with the swept control at ``value``.

    Raises
    ------
    ValueError
        As :func:`check_sweep`, or for a value outside the control's range.
    """
    check_sweep(scenario, sweep)
    number = sweep.limits.check(value, f"sweep: {sweep.name}")
    if sweep.control == "temperature":
        return scenario.replace(temperature=number)
    if sweep.control == "smoothing":
        return scenario.replace(label_smoothing=number)
    assert sweep.index is not None
    field = {"logit": "logits", "p": "p_weights", "q": "q_weights"}[sweep.control]
    values = with_entry(getattr(scenario, field), sweep.index, number)
    return scenario.replace(**{field: values})


def sweep_frames(scenario: Scenario, sweep: Sweep, frames: int) -> Iterator[Scenario]:
    """The scenario each frame of a sweep shows (lazily; see :func:`sweep_values`).

    Raises
    ------
    ValueError
        As :func:`check_sweep` and :func:`sweep_values`, before any frame.
    """
    check_sweep(scenario, sweep)
    values = sweep_values(sweep, frames)
    return (swept(scenario, sweep, value) for value in values)


#: How a frame's caption names each control.
_CAPTION_NAMES = {
    "temperature": "temperature T",
    "smoothing": "label smoothing ε",
    "logit": "logit z",
    "p": "weight of P at outcome ",
    "q": "weight of Q at outcome ",
}


def sweep_caption(sweep: Sweep, value: float) -> str:
    """What a frame of the sweep says it shows, e.g. ``temperature T = 0.92``.

    The number is written by :func:`core.numbers.format_number`.
    """
    name = _CAPTION_NAMES[sweep.control]
    if sweep.index is not None:
        name = f"{name}{sweep.index}"
    return f"{name} = {format_number(value, 3)}"


def sweep_text(sweep: Sweep, frames: int, fps: int) -> str:
    """A one-line description for a file's metadata."""
    return (
        f"{sweep.name} from {sweep.start:g} to {sweep.end:g} over {frames} frames "
        f"at {fps} frames per second"
    )
