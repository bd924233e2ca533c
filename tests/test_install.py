"""A normal (non-editable) install works from outside the checkout.

The wheel is built from a copy of the files git knows or would add, installed with
``pip install --no-deps`` into a new virtual environment that borrows this
one's dependencies (NumPy, PySide6, pyqtgraph) through a ``.pth`` line, and
its ``entropy-lab`` command is run from a temporary directory: nothing can
be found through the source tree.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = "Scripts" if os.name == "nt" else "bin"


def _run(command, **options):
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=300, **options
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


def _working_copy(destination: Path) -> Path:
    listed = _run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
    ).stdout.split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return destination


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    source = _working_copy(work / "source")
    # No build isolation: the build needs no download, only this venv's
    # setuptools.
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-w",
            str(work / "dist"),
            str(source),
        ]
    )
    (built,) = (work / "dist").glob("entropy_lab-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A new venv with the wheel installed; returns its ``entropy-lab`` command."""
    venv = tmp_path_factory.mktemp("venv")
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / BIN / ("python.exe" if os.name == "nt" else "python")
    purelib = _run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]
    ).stdout.strip()
    # This venv's dependencies, but not its editable install of the project:
    # a .pth line adds a directory without running the .pth files inside it.
    Path(purelib, "borrowed_dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "-q",
            str(wheel),
        ]
    )
    return venv / BIN / "entropy-lab"


def test_the_wheel_holds_the_code_and_the_assets(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "main.py",
        "core/__init__.py",
        "core/resources.py",
        "viz/__init__.py",
        "viz/pages/__init__.py",
        "entropy_lab_assets/__init__.py",
        "entropy_lab_assets/presets.json",
    ):
        assert expected in names
    # The desktop entry and the icon at every size, found as package data.
    assert "entropy_lab_assets/entropy-lab.desktop" in names
    assert "entropy_lab_assets/icons/entropy-lab.svg" in names
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert f"entropy_lab_assets/icons/entropy-lab-{size}.png" in names
    assert not any(name.startswith("entropy_lab_assets/screenshots") for name in names)
    assert not any(name.startswith(("tests/", "benchmarks/")) for name in names)


def _outside(tmp_path: Path) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    environment["QT_QPA_PLATFORM"] = "offscreen"
    environment["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    return environment


def test_the_installed_command_runs_outside_the_checkout(installed, tmp_path):
    environment = _outside(tmp_path)
    listed = _run([str(installed), "--list-presets"], cwd=tmp_path, env=environment)
    assert "kl-asymmetry" in listed.stdout
    shown = _run(
        [str(installed), "--metrics", "--p", "0.7,0.3", "--q", "0.5,0.5"],
        cwd=tmp_path,
        env=environment,
    )
    assert json.loads(shown.stdout)["kl_pq"] == pytest.approx(0.1187091007693073)
    exported = _run(
        [str(installed), "--preset", "kl-asymmetry", "--export", "out.png"],
        cwd=tmp_path,
        env=environment,
    )
    assert "wrote out.png" in exported.stdout
    assert (tmp_path / "out.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # The code that ran is the wheel's, not the checkout's.
    where = _run(
        [
            str(installed.with_name("python")),
            "-c",
            "import core, entropy_lab_assets; "
            "print(core.__file__); print(entropy_lab_assets.__file__)",
        ],
        cwd=tmp_path,
        env=environment,
    ).stdout
    assert str(ROOT) not in where


def test_a_damaged_installation_is_one_line_and_exit_2(installed, tmp_path):
    environment = _outside(tmp_path)
    locate = (
        "import importlib.resources as r; "
        "print(r.files('entropy_lab_assets') / 'presets.json')"
    )
    presets = Path(
        _run(
            [str(installed.with_name("python")), "-c", locate],
            cwd=tmp_path,
            env=environment,
        ).stdout.strip()
    )
    original = presets.read_bytes()
    try:
        for damage, expected in (
            (b'{"format": "entropy-lab-presets", "version": 1, "presets": [', "JSON"),
            (None, "presets.json is missing"),
        ):
            if damage is None:
                presets.unlink()
            else:
                presets.write_bytes(damage)
            for arguments in (["--list-presets"], ["--preset", "softmax", "--metrics"]):
                done = subprocess.run(
                    [str(installed), *arguments],
                    capture_output=True,
                    text=True,
                    timeout=120,
                    cwd=tmp_path,
                    env=environment,
                )
                assert done.returncode == 2
                lines = done.stderr.strip().splitlines()
                assert len(lines) == 1 and "Traceback" not in done.stderr
                assert lines[0].startswith("entropy-lab: error: the installation")
                assert expected in lines[0]
    finally:
        presets.write_bytes(original)
