"""Reading and writing the user's files safely: bounded reads, atomic writes.

Every file the app reads (sessions, lessons, distributions) and writes
(sessions, pictures, tables) goes through here, so that the same rules hold
everywhere:

* Only regular files are read. A named pipe, a device or a directory is
  refused before it is opened for reading (opening a FIFO blocks until a
  writer appears, which would freeze the window), and at most ``limit``
  bytes are read.
* A write goes to a short hidden temporary file in the target's directory,
  is flushed and fsynced, then renamed over the target: a failure at any
  point (a full disk, a kill) leaves the previous file as it was. A
  symbolic link is written through (the file it points to is replaced, the
  link stays); a target that exists but is not a regular file is refused.
* Temporary files that a killed save left behind are removed by the next
  save to the same directory.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import time
from collections.abc import Callable
from pathlib import Path

#: Temporary files are named ``.entropy-lab-<pid>-<random>.tmp``: short, so a
#: target name of 255 bytes still has a legal temporary name beside it.
TEMPORARY_PREFIX = ".entropy-lab-"
TEMPORARY_SUFFIX = ".tmp"

#: A temporary file of a process that no longer runs, or (where processes
#: cannot be asked) older than this, is left over from a killed save.
STALE_AFTER_SECONDS = 24 * 3600.0


class FileError(OSError):
    """A file could not be read or written; the message says why in one line.

    It names the user's file, never a temporary one.
    """


def _reason(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__


def read_regular_file(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Parameters
    ----------
    path : str or path-like
        Followed if it is a symbolic link.
    limit : int
        The largest size accepted, in bytes.

    Returns
    -------
    bytes

    Raises
    ------
    FileError
        "not a regular file" for a FIFO, device, socket or directory
        (checked without opening it for a blocking read); "the file is N
        bytes; at most M are read" for a file over ``limit`` (checked
        before reading, and again while reading in case it grows); the
        operating system's reason ("No such file or directory", "Permission
        denied") otherwise.
    """
    name = os.fspath(path)
    try:
        if not stat.S_ISREG(os.stat(name).st_mode):
            raise FileError("not a regular file")
        # O_NONBLOCK: if a FIFO replaced the file since the check, opening it
        # returns at once instead of waiting for a writer.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(name, flags)
    except FileError:
        raise
    except OSError as error:
        raise FileError(_reason(error)) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise FileError("not a regular file")
        if info.st_size > limit:
            raise FileError(
                f"the file is {info.st_size:,} bytes; at most {limit:,} are read"
            )
        try:
            data = handle.read(limit + 1)
        except OSError as error:
            raise FileError(_reason(error)) from None
    if len(data) > limit:
        raise FileError(f"the file holds more than {limit:,} bytes")
    return data


def writable_target(path: str | os.PathLike[str]) -> Path:
    """The file a write to ``path`` replaces: links followed, kind checked.

    Raises
    ------
    FileError
        If ``path`` (after following links) exists and is not a regular
        file ("not a regular file": a FIFO, a device or a directory), or its
        folder does not exist.
    """
    target = Path(os.path.realpath(os.fspath(path)))
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise FileError(_reason(error)) from None
    if mode is not None and not stat.S_ISREG(mode):
        raise FileError(
            "is a directory" if stat.S_ISDIR(mode) else "not a regular file"
        )
    if not target.parent.is_dir():
        raise FileError("the folder does not exist")
    return target


def _temporary_name() -> str:
    return f"{TEMPORARY_PREFIX}{os.getpid()}-{secrets.token_hex(4)}{TEMPORARY_SUFFIX}"


def _is_stale(path: Path) -> bool:
    middle = path.name[len(TEMPORARY_PREFIX) : -len(TEMPORARY_SUFFIX)]
    pid_text = middle.split("-", 1)[0]
    if os.name == "posix" and pid_text.isdigit():
        pid = int(pid_text)
        if pid == os.getpid():
            return False
        try:
            os.kill(pid, 0)  # signal 0 only asks whether the process exists
        except ProcessLookupError:
            return True
        except OSError:
            return False
        return False
    try:
        return time.time() - path.stat().st_mtime > STALE_AFTER_SECONDS
    except OSError:
        return False


def remove_stale_temporaries(directory: Path) -> None:
    """Delete temporary files left in ``directory`` by killed saves."""
    with contextlib.suppress(OSError):
        for entry in directory.iterdir():
            name = entry.name
            ours = name.startswith(TEMPORARY_PREFIX) and name.endswith(TEMPORARY_SUFFIX)
            if ours and _is_stale(entry):
                with contextlib.suppress(OSError):
                    entry.unlink()


def _fsync_directory(directory: Path) -> None:
    """Make a rename durable; not every platform can open a directory."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: str | os.PathLike[str], write: Callable[[Path], None]) -> None:
    """Create a file by ``write(temporary_path)``, then move it over ``path``.

    Parameters
    ----------
    path : str or path-like
        The user's file. See :func:`writable_target` for links and kinds.
    write : callable(Path)
        Writes the whole content to the path it is given (which does not
        exist yet), raising on any failure: an :class:`OSError` (its reason
        is reported) or a :class:`FileError`.

    Raises
    ------
    FileError
        Naming the reason; the previous file at ``path`` is untouched and
        no temporary file remains. An existing file's permission bits are
        kept.
    """
    target = writable_target(path)
    directory = target.parent
    remove_stale_temporaries(directory)
    temporary = directory / _temporary_name()
    try:
        write(temporary)
        if not temporary.is_file():
            raise FileError("nothing was written")
        _fsync_file(temporary)
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temporary, stat.S_IMODE(os.stat(target).st_mode))
        os.replace(temporary, target)
    except FileError:
        _discard(temporary)
        raise
    except OSError as error:
        _discard(temporary)
        raise FileError(_reason(error)) from None
    except BaseException:
        _discard(temporary)
        raise
    _fsync_directory(directory)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_write`)."""

    def write(temporary: Path) -> None:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        fd = os.open(temporary, flags, 0o666)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()

    atomic_write(path, write)


def _discard(temporary: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(temporary)
