"""The command line, run as a user would.

A child process per call where the process matters (exit codes, a window
rendered and the process gone, Qt never imported, a full stdout); the
answers decided before any window opens (argument errors, --metrics,
--list-presets) are checked by calling ``main.main`` in this process, which
it supports (it undoes its language on the way out).
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

import main as entry_point

ROOT = Path(__file__).resolve().parents[1]


def run(*arguments, tmp_path=None, timeout=120):
    environment = dict(os.environ)
    if tmp_path is not None:
        environment["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *arguments],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environment,
        cwd=tmp_path or ROOT,
    )


@dataclass
class Done:
    """What a call of ``main.main`` gave: like subprocess.CompletedProcess."""

    returncode: int
    stdout: str
    stderr: str


def _no_window(*_: object, **__: object) -> None:
    raise AssertionError("this call opens a window: run it in a child process")


@pytest.fixture
def here(monkeypatch, tmp_path):
    """``run`` in this process, for calls that end before any window.

    A call that would build a window or silence Qt's messages (for the rest
    of the test session) fails instead of doing so.
    """
    import viz

    monkeypatch.setattr(viz, "MainWindow", _no_window)
    monkeypatch.setattr(entry_point, "_quiet_qt", _no_window)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.chdir(tmp_path)

    def call(*arguments: str) -> Done:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = entry_point.main(list(arguments))
            except SystemExit as leaving:  # argparse's --help
                code = leaving.code if isinstance(leaving.code, int) else 1
        return Done(code, out.getvalue(), err.getvalue())

    return call


def test_help_lists_every_option():
    done = run("--help")
    assert done.returncode == 0
    for option in (
        "--preset",
        "--lecture",
        "--load",
        "--export",
        "--metrics",
        "--p",
        "--q",
        "--logits",
        "--label",
        "--temperature",
        "--smoothing",
        "--units",
    ):
        assert option in done.stdout


def test_metrics_prints_every_readout_as_json():
    done = run("--metrics", "--p", "0.7,0.3", "--q", "0.5,0.5")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["units"] == "bits"
    assert data["entropy_p"] == pytest.approx(0.8812908992306927, rel=1e-12)
    assert data["kl_pq"] == pytest.approx(0.1187091007693073, rel=1e-12)
    assert data["kl_qp"] == pytest.approx(0.12576938349798225, rel=1e-12)
    assert data["cross_entropy_pq"] == pytest.approx(1.0, rel=1e-12)


def test_metrics_with_logits_label_temperature_smoothing_and_nats(here):
    done = here(
        "--metrics",
        "--p",
        "1,0,0",
        "--q",
        "1,1,1",
        "--logits",
        "2,1,0.1",
        "--label",
        "0",
        "--temperature",
        "1",
        "--smoothing",
        "0",
        "--units",
        "nats",
    )
    data = json.loads(done.stdout)
    assert data["loss"] == pytest.approx(0.4170300162778335, rel=1e-12)
    assert data["softmax"] == pytest.approx([0.659, 0.242, 0.099], abs=5e-4)


def test_metrics_writes_infinity_as_a_string_with_its_reason(here):
    done = here("--metrics", "--p", "0.5,0.5", "--q", "1,0")
    data = json.loads(done.stdout)
    assert data["kl_pq"] == "inf"
    assert data["reasons"]["kl_pq"] == "Q = 0 where P > 0 at outcome 1"
    assert data["js"] < 1


def test_metrics_never_imports_qt():
    script = (
        "import sys, main\n"
        "main.main(['--metrics', '--p', '0.7,0.3', '--q', '0.5,0.5'])\n"
        "assert not any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def test_negative_logits_are_read_as_numbers(here):
    done = here("--metrics", "--p", "1,1", "--q", "1,1", "--logits", "-1,2")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["softmax"][1] > 0.9


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["--metrics", "--p", "0.7,x", "--q", "1,1"], "--p"),
        (["--metrics", "--p", "0.7,0.3"], "--metrics needs --p and --q"),
        (["--metrics", "--p", "0.7,0.3", "--q", "1,1,1"], "q"),
        (["--metrics", "--p", "-1,2", "--q", "1,1"], "negative"),
        (
            ["--metrics", "--p", "1,1", "--q", "1,1", "--temperature", "0"],
            "temperature",
        ),
        (["--metrics", "--p", "1,1", "--q", "1,1", "--label", "5"], "label"),
        (["--preset", "no-such-preset"], "unknown preset 'no-such-preset'"),
        # A near miss names the closest ids, not all of them (one short line).
        (["--preset", "kl-asymetry"], "did you mean kl-asymmetry"),
        (["--preset", "no-such-preset"], "see --list-presets"),
        (["--load", "missing.json"], "missing.json"),
        (["--preset", "kl-asymmetry", "--export", "slide.gif"], ".png, .svg or .pdf"),
        (["--preset", "softmax", "--load", "x.json"], "not both"),
        (["--units", "furlongs"], "invalid choice"),
        # Empty values were silently ignored: --export "" opened the window
        # and blocked a slide-making script forever.
        (["--export", ""], "--export needs a value"),
        (["--load", ""], "--load needs a value"),
        (["--preset", ""], "--preset needs a value"),
        (["--metrics", "--p", "", "--q", "1,1"], "--p needs a value"),
        (["--export", "x.png", "--size", "99999x99999"], "320–8192"),
        (["--export", "x.png", "--size", "100x100"], "320–8192"),
        (["--export", "x.png", "--size", "big"], "1600x1000"),
        (["--preset", "x" * 100_000], "unknown preset 'xxxx"),
        (["--animate", "x.mp4", "--page", "binary"], "needs an encoder"),
        (["--animate", "x.gif"], "--page or --sweep"),
    ],
)
def test_bad_arguments_give_one_line_and_exit_code_two(
    arguments, message, tmp_path, here
):
    done = here(*arguments)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("entropy-lab: error:")
    assert message in lines[0]
    assert len(lines[0]) < 400
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["--preset", "kl-asymetry"], "did you mean kl-asymmetry"),
        (["--metrics", "--p", "-1,2", "--q", "1,1"], "negative"),
    ],
)
def test_a_process_given_bad_arguments_exits_two_with_one_line(
    arguments, message, tmp_path
):
    # The contract a script sees, from a real process: the cases above run
    # main.main in this process (argparse, a preset's name, a number's check).
    done = run(*arguments, tmp_path=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("entropy-lab: error:") and message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "arguments", [["--list-presets"], ["--metrics", "--p", "1,1", "--q", "1,3"]]
)
def test_a_failed_write_to_stdout_is_one_line(arguments, tmp_path):
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), *arguments],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "entropy-lab: error: could not write the output: No space left on device"
    ]


def test_an_unwritable_export_says_why_without_qt_noise(tmp_path):
    folder = tmp_path / "slide.svg"
    folder.mkdir()
    done = run("--preset", "softmax", "--export", str(folder), tmp_path=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"entropy-lab: error: could not write the SVG file {folder}: is a directory"
    ]


def test_the_minimum_size_is_reported(tmp_path):
    done = run(
        "--preset",
        "softmax",
        "--export",
        "small.png",
        "--size",
        "320x320",
        tmp_path=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "the smallest size the window allows" in done.stdout
    image = QImage(str(tmp_path / "small.png"))
    assert image.width() > 320


@pytest.mark.parametrize(
    "numbers",
    [
        ["--p", "1e308,1e308", "--q", "5e-324,1"],
        ["--p", "1,1", "--q", "1,1", "--logits=1e308,-1e308"],
        ["--p", "1,1", "--q", "1,1", "--logits=1,2", "--temperature", "1e-300"],
    ],
)
def test_extreme_numbers_leak_no_warning(numbers, tmp_path, here):
    done = here("--metrics", *numbers)
    assert done.returncode == 0 and done.stderr == ""
    json.loads(done.stdout)


def test_a_bad_session_file_gives_one_line_and_exit_code_two(tmp_path, here):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "entropy-lab-session", "version": 1}', encoding="utf-8")
    done = here("--load", str(bad), "--export", str(tmp_path / "x.png"))
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_export_renders_a_preset_without_a_window_and_exits(tmp_path, suffix):
    target = tmp_path / f"slide{suffix}"
    done = run(
        "--preset",
        "kl-asymmetry",
        "--export",
        str(target),
        "--size",
        "1280x800",
        tmp_path=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert target.exists()
    if suffix == ".png":
        image = QImage(str(target))
        assert (image.width(), image.height()) == (1280, 800)
    else:
        assert ElementTree.parse(target).getroot().tag.endswith("svg")
        # The controls too are paths and text, not 1× PNGs of the style.
        assert "<image" not in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("arguments", "frames"),
    [
        (["--page", "binary", "--frames", "6", "--fps", "15"], 6),
        (["--sweep", "temperature=0.2:5", "--frames", "4"], 4),
    ],
)
def test_animate_writes_a_gif_whose_frames_move(tmp_path, arguments, frames):
    from PIL import Image, ImageChops, ImageSequence

    target = tmp_path / "movie.gif"
    done = run("--animate", str(target), *arguments, "--size", "640x360")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        f"wrote {target}: {frames} frames of 640x360 at 15 fps"
    )
    with Image.open(target) as image:
        shown = [frame.convert("RGB") for frame in ImageSequence.Iterator(image)]
    assert len(shown) == frames and shown[0].size == (640, 360)
    assert ImageChops.difference(shown[0], shown[-1]).getbbox() is not None


def test_export_from_a_saved_session_in_lecture_style(tmp_path):
    session = tmp_path / "s.json"
    from core import default_scenario
    from core.session import Session, save_session

    save_session(session, Session(default_scenario().replace(units="nats")))
    target = tmp_path / "lecture.png"
    done = run(
        "--load", str(session), "--lecture", "--export", str(target), tmp_path=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert QImage(str(target)).width() == entry_point.DEFAULT_SIZE[0]


def test_list_presets(here):
    done = here("--list-presets")
    assert done.returncode == 0
    assert "kl-asymmetry" in done.stdout
    assert len(done.stdout.strip().splitlines()) >= 12


def test_metrics_of_a_preset_in_the_units_asked_for(here):
    done = here("--metrics", "--preset", "kl-asymmetry", "--units", "nats")
    data = json.loads(done.stdout)
    assert data["units"] == "nats"
    assert data["kl_pq"] == pytest.approx(0.1187091007693073 * 0.6931471805599453)


def test_numbers_and_a_preset_together_are_refused(here):
    done = here("--metrics", "--preset", "kl-asymmetry", "--p", "1,1")
    assert done.returncode == 2
    assert "instead of --preset or --load" in done.stderr


def test_the_loss_from_logits_and_a_label_alone(here):
    # The course's first sample: log-softmax and NLL, as PyTorch (1.4360).
    logits = (
        "0.1116642951965332,0.8158431053161621,0.26256197690963745,"
        "0.48387759923934937,0.676503598690033"
    )
    done = here("--metrics", f"--logits={logits}", "--label", "4", "--units", "nats")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["loss"] == pytest.approx(1.4359878595509, rel=1e-10)
    assert data["linked"] and data["entropy_p"] == 0.0
    assert data["cross_entropy_pq"] == pytest.approx(data["loss"], rel=1e-12)
    # With P given, the loss is against P (a soft label).
    done = here("--metrics", "--logits", "0,0", "--p", "1,3", "--units", "nats")
    data = json.loads(done.stdout)
    assert data["loss"] == pytest.approx(math.log(2.0), rel=1e-12)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--logits", "1,2,3", "--p", "1,1"], "give --logits 2 values"),
        (["--p", "1,1", "--q", "1,1,1"], "give --q 2 values"),
        (["--q", "1,1"], "--metrics needs --p and --q, or --logits"),
        (["--logits", "1,2", "--q", "1,1"], "--q needs --p"),
    ],
)
def test_mismatched_numbers_say_which_option_to_fix(arguments, message, tmp_path, here):
    done = here("--metrics", *arguments)
    assert done.returncode == 2
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_a_quit_writes_the_settings_before_the_process_ends(tmp_path):
    """run() freezes the objects left for Python's exit; the settings are written.

    The first start shows the tour and remembers that it did: lost, the
    tour would come back at every start.
    """
    done = run("--quit-after-paint", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "first paint after" in done.stdout
    written = (tmp_path / "config" / "Entropy Lab" / "Entropy Lab.conf").read_text(
        encoding="utf-8"
    )
    assert "tour_shown_edition=1" in written


def test_the_command_is_run_which_freezes_only_on_the_way_out():
    import gc

    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import main; main.run()",
            "--metrics",
            "--p",
            "1,1",
            "--q",
            "1,3",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0 and json.loads(done.stdout)["kl_pq"] > 0
    frozen = gc.get_freeze_count()
    enabled = gc.isenabled()  # (off inside tests: see tests/conftest.py)
    assert entry_point.main(["--metrics", "--p", "1,1", "--q", "1,3"]) == 0
    # main() neither freezes nor switches the collector.
    assert gc.isenabled() == enabled and gc.get_freeze_count() == frozen
