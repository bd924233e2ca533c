"""core.atomic: bounded reads of regular files only, atomic writes, cleanup."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from core import default_scenario
from core.atomic import (
    TEMPORARY_PREFIX,
    FileError,
    atomic_write,
    atomic_write_bytes,
    read_regular_file,
)
from core.session import Session, SessionError, load_session, save_session

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev")


def _read_in_a_thread(function, *arguments):
    """Run ``function`` in a thread; a hang fails the test instead of the suite."""
    outcome: dict[str, object] = {}

    def target():
        try:
            outcome["value"] = function(*arguments)
        except Exception as error:
            outcome["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout=10)
    assert not thread.is_alive(), "the read blocked"
    return outcome


@posix_only
def test_a_fifo_is_refused_without_blocking(tmp_path):
    # Before: open() on a FIFO waited for a writer forever; the window froze.
    fifo = tmp_path / "session.json"
    os.mkfifo(fifo)
    outcome = _read_in_a_thread(read_regular_file, fifo, 1000)
    assert isinstance(outcome["error"], FileError)
    assert str(outcome["error"]) == "not a regular file"
    outcome = _read_in_a_thread(load_session, fifo)
    assert isinstance(outcome["error"], SessionError)
    assert "not a regular file" in str(outcome["error"])


@posix_only
@pytest.mark.parametrize("special", ["/dev/zero", "/dev/null"])
def test_devices_are_refused(special):
    with pytest.raises(FileError, match="not a regular file"):
        read_regular_file(special, 1000)
    with pytest.raises(SessionError, match="not a regular file"):
        load_session(special)


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(FileError, match="not a regular file"):
        read_regular_file(tmp_path, 1000)


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b"x" * 101)
    with pytest.raises(FileError, match="the file is 101 bytes; at most 100"):
        read_regular_file(path, 100)
    assert read_regular_file(path, 101) == b"x" * 101


def test_a_missing_file_says_so(tmp_path):
    with pytest.raises(FileError, match="No such file"):
        read_regular_file(tmp_path / "gone.json", 100)


def test_a_write_replaces_the_file_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "a.json"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    atomic_write_bytes(path, b"new")
    assert path.read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["a.json"]
    if os.name == "posix":
        assert (path.stat().st_mode & 0o777) == 0o640


def test_a_failed_write_keeps_the_old_file_and_names_the_reason(tmp_path):
    path = tmp_path / "a.png"
    path.write_bytes(b"old picture")

    def half_then_full_disk(temporary: Path) -> None:
        temporary.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(FileError, match="No space left on device") as caught:
        atomic_write(path, half_then_full_disk)
    assert TEMPORARY_PREFIX not in str(caught.value)
    assert path.read_bytes() == b"old picture"
    assert os.listdir(tmp_path) == ["a.png"]


def test_a_write_that_writes_nothing_is_an_error(tmp_path):
    with pytest.raises(FileError, match="nothing was written"):
        atomic_write(tmp_path / "a.svg", lambda temporary: None)
    assert os.listdir(tmp_path) == []


def test_the_longest_legal_name_can_be_saved(tmp_path):
    # Before: the temporary name was ".<name>.<hex>.tmp", over NAME_MAX.
    name = "s" * 250 + ".json"
    save_session(tmp_path / name, Session(default_scenario()))
    assert load_session(tmp_path / name).scenario == default_scenario()


@posix_only
def test_saving_over_a_symlink_writes_through_it(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("{}", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    save_session(link, Session(default_scenario()))
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert load_session(real).scenario == default_scenario()


@posix_only
def test_saving_to_a_fifo_or_a_directory_is_refused_and_keeps_it(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(FileError, match="not a regular file"):
        save_session(fifo, Session(default_scenario()))
    assert fifo.is_fifo()
    folder = tmp_path / "folder.json"
    folder.mkdir()
    with pytest.raises(FileError, match="is a directory"):
        save_session(folder, Session(default_scenario()))
    assert folder.is_dir()


@posix_only
def test_temporaries_of_killed_saves_are_cleaned_up(tmp_path):
    # A process that has ended leaves its temporary file behind, as kill -9
    # during a save does; the next save to the folder removes it.
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = int(done.stdout)
    stale = tmp_path / f"{TEMPORARY_PREFIX}{dead}-0badf00d.tmp"
    stale.write_bytes(b"half a session")
    mine = tmp_path / f"{TEMPORARY_PREFIX}{os.getpid()}-00000000.tmp"
    mine.write_bytes(b"a save under way in this process")
    other = tmp_path / ".unrelated.tmp"
    other.write_bytes(b"not ours")
    save_session(tmp_path / "a.json", Session(default_scenario()))
    assert sorted(os.listdir(tmp_path)) == sorted(["a.json", mine.name, other.name])
