"""core.animation: which state each frame shows, sweeps, durations, checks."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from core import Family, default_scenario
from core.animation import (
    FRAMES,
    MAX_TOTAL_PIXELS,
    Sweep,
    animation_format,
    animation_settings,
    check_frame_size,
    frame_durations_ms,
    parse_sweep,
    run_frames,
    sweep_caption,
    sweep_frames,
    sweep_values,
    swept,
)
from core.race import advance_race, can_advance, start_race


@pytest.mark.parametrize(
    ("name", "kind"),
    [("a.gif", "gif"), ("A.GIF", "gif"), ("b.apng", "apng"), ("c.png", "apng")],
)
def test_animation_formats_by_suffix(name, kind):
    assert animation_format(name) == kind


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("a.mp4", "encoder"),
        ("a.webm", "encoder"),
        ("a.jpg", ".gif, .apng"),
        ("a", ".gif"),
    ],
)
def test_other_suffixes_say_what_to_write(name, words):
    with pytest.raises(ValueError, match=words):
        animation_format(name)


def test_frame_durations_as_each_file_stores_them():
    # GIF counts hundredths of a second: 1000/15 = 66.7 ms cannot repeat, so
    # frame k ends at the hundredth nearest k/15 s: 7, 13, 20, 27, 33, 40 cs.
    assert frame_durations_ms(6, 15, "gif") == (70, 60, 70, 70, 60, 70)
    assert frame_durations_ms(3, 10, "gif") == (100, 100, 100)
    assert frame_durations_ms(4, 50, "gif") == (20, 20, 20, 20)
    assert frame_durations_ms(3, 15, "apng") == (67, 66, 67)
    assert frame_durations_ms(1, 1, "apng") == (1000,)
    with pytest.raises(ValueError, match="fps"):
        frame_durations_ms(3, 51, "gif")
    with pytest.raises(ValueError, match="fps"):
        frame_durations_ms(3, 0, "apng")
    with pytest.raises(ValueError, match="kind"):
        frame_durations_ms(3, 10, "mp4")
    with pytest.raises(ValueError, match="frames"):
        frame_durations_ms(0, 10, "gif")


@pytest.mark.parametrize("kind", ["gif", "apng"])
@pytest.mark.parametrize("fps", [1, 7, 12, 15, 24, 25, 30, 50])
@pytest.mark.parametrize("frames", [1, 2, 59, 60, 600])
def test_an_animation_runs_frames_over_fps_seconds_at_an_even_pace(kind, fps, frames):
    durations = frame_durations_ms(frames, fps, kind)
    unit = 10 if kind == "gif" else 1
    assert len(durations) == frames
    assert all(d % unit == 0 for d in durations)
    # The whole: frames/fps seconds, to the file's clock (one rounding, not n).
    assert abs(sum(durations) - 1000 * frames / fps) <= unit / 2
    # Even: no frame more than one tick away from 1000/fps.
    assert all(abs(d - 1000 / fps) < unit for d in durations)
    if kind == "gif":
        assert min(durations) >= 20  # browsers slow shorter GIF frames to 100 ms


@pytest.mark.parametrize(
    ("arguments", "name"),
    [
        ({"frames": 1}, "frames"),
        ({"frames": 10_000}, "frames"),
        ({"frames": 2.5}, "frames"),
        ({"fps": 0}, "fps"),
        ({"fps": True}, "fps"),
        ({"steps_per_frame": 0}, "steps_per_frame"),
    ],
)
def test_settings_name_the_bad_argument(arguments, name):
    with pytest.raises(ValueError, match=name):
        animation_settings(**arguments)


def test_the_pixel_budget_names_frames_and_the_most_that_fit():
    check_frame_size(60, 1600, 1000, 1)
    with pytest.raises(ValueError, match="frames") as caught:
        check_frame_size(200, 1600, 1000, 2)
    most = MAX_TOTAL_PIXELS // (1600 * 1000 * 4)
    assert f"at most {most} frames" in str(caught.value)


def test_a_run_yields_exactly_the_frames_asked_for_and_holds_its_end():
    start = start_race()
    states = list(run_frames(start, advance_race, can_advance, 5, 3))
    assert [s.step for s in states] == [0, 3, 6, 9, 12]
    # Each frame is the pure step function applied again, so the same on any
    # machine: equal to stepping 12 at once.
    assert states[-1] == advance_race(start, 12)
    finished = list(run_frames(start, advance_race, lambda s: s.step < 4, 4, 3))
    assert [s.step for s in finished] == [0, 3, 6, 6]


def test_a_run_checks_its_arguments():
    with pytest.raises(ValueError, match="steps_per_frame"):
        next(run_frames(start_race(), advance_race, can_advance, 5, 0))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("temperature=0.2:5", Sweep("temperature", None, 0.2, 5.0)),
        ("T=5:0.2", Sweep("temperature", None, 5.0, 0.2)),
        ("smoothing=0:0.5", Sweep("smoothing", None, 0.0, 0.5)),
        ("label_smoothing=0.1:0", Sweep("smoothing", None, 0.1, 0.0)),
        ("logit2=-3:3", Sweep("logit", 2, -3.0, 3.0)),
        ("z0=−3:3", Sweep("logit", 0, -3.0, 3.0)),
        ("p1=0.1:0.9", Sweep("p", 1, 0.1, 0.9)),
        (" q0 = 1 : 1e-3 ", Sweep("q", 0, 1.0, 0.001)),
    ],
)
def test_sweeps_parse(text, expected):
    assert parse_sweep(text) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("temperature", "must look like"),
        ("temperature=1", "must look like"),
        ("colour=1:2", "unknown control 'colour'"),
        ("logit=1:2", "needs an outcome number"),
        ("temperature2=1:2", "takes no outcome number"),
        ("temperature=0:5", r"temperature start must lie in \[0.05, 20\]"),
        ("temperature=1:50", "temperature end"),
        ("p0=0.5:2", "p0 end"),
        ("logit0=-11:0", "logit0 start"),
        ("smoothing=0.3:0.3", "start and end are equal"),
        ("temperature=nan:2", "must look like"),
    ],
)
def test_bad_sweeps_name_the_sweep(text, words):
    with pytest.raises(ValueError, match=words) as caught:
        parse_sweep(text)
    assert str(caught.value).startswith("sweep")


def test_a_temperature_sweep_is_geometric_and_ends_exactly():
    values = sweep_values(parse_sweep("temperature=0.2:5"), 5)
    assert values[0] == 0.2 and values[-1] == 5.0
    ratios = [b / a for a, b in itertools.pairwise(values)]
    # (5 / 0.2) ** (1/4) = 25 ** 0.25 = √5
    assert ratios == pytest.approx([math.sqrt(5)] * 4, rel=1e-12)


def test_a_logit_sweep_is_linear():
    values = sweep_values(parse_sweep("logit1=-3:3"), 7)
    assert values == pytest.approx((-3, -2, -1, 0, 1, 2, 3), abs=1e-12)
    assert len(sweep_values(parse_sweep("p0=0:1"), FRAMES.high)) == FRAMES.high


def test_swept_scenarios_change_only_the_control():
    base = default_scenario()
    hot = swept(base, parse_sweep("temperature=0.2:5"), 3.0)
    assert hot.temperature == 3.0 and hot.replace(temperature=1.0) == base
    moved = swept(base, parse_sweep("logit3=-3:3"), 2.5)
    assert moved.logits[3] == 2.5
    assert np.array_equal(moved.logits[:3], base.logits[:3])
    weighted = swept(base, parse_sweep("q1=0:1"), 0.75)
    assert weighted.q_weights[1] == 0.75 and np.array_equal(
        weighted.p_weights, base.p_weights
    )
    frames = list(sweep_frames(base, parse_sweep("smoothing=0:0.5"), 3))
    assert [f.label_smoothing for f in frames] == [0.0, 0.25, 0.5]


def test_sweeps_the_scenario_cannot_take_are_refused_up_front():
    base = default_scenario()  # four outcomes
    with pytest.raises(ValueError, match="outcome 4, but there are 4"):
        sweep_frames(base, parse_sweep("p4=0:1"), 3)
    linked = base.replace(linked=True)
    with pytest.raises(ValueError, match="Q follows the logits"):
        sweep_frames(linked, parse_sweep("q0=0:1"), 3)
    following = base.replace(logits_follow_q=True)
    with pytest.raises(ValueError, match="logits follow Q"):
        sweep_frames(following, parse_sweep("logit0=0:1"), 3)
    family = base.replace(
        p_family=Family("zipf", 100, {"exponent": 1.1}),
        q_family=Family("zipf", 100, {"exponent": 0.8}),
    )
    with pytest.raises(ValueError, match="family mode"):
        sweep_frames(family, parse_sweep("p0=0:1"), 3)
    # The temperature moves in every mode.
    assert len(list(sweep_frames(family, parse_sweep("temperature=0.5:2"), 3))) == 3


def test_captions_say_the_value_in_the_shared_format():
    assert (
        sweep_caption(parse_sweep("temperature=0.2:5"), 0.2) == "temperature T = 0.200"
    )
    assert sweep_caption(parse_sweep("logit2=-3:3"), -1.5) == "logit z2 = −1.500"
    assert sweep_caption(parse_sweep("p0=0:1"), 1.0).startswith(
        "weight of P at outcome 0"
    )
