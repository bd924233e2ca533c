"""Strict JSON for the app's files: parsing, checking values, writing, reading.

Sessions, presets and lessons are small JSON documents that people edit and
share. Reading is strict: every key must be known, every value of the right
JSON type and within its range; anything else raises :class:`SessionError`
with a one-line message that names the field. Nothing read from a file is
ever executed: the text is parsed with :mod:`json` only, with NaN, Infinity,
numbers beyond the float range, huge integers and repeated keys refused.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from core.atomic import FileError, read_regular_file

#: Largest session, presets or lesson file read, in bytes: checked first.
MAX_FILE_BYTES = 1_000_000

_LONGEST_INTEGER_DIGITS = 400
_SHORT_LIST = 16
_NUMBERS_PER_LINE = 10


class SessionError(ValueError):
    """A session (or its scenario or view) that cannot be read or written.

    Parameters
    ----------
    message : str
        One line, naming the offending field.
    field : str or None
        The dotted path of the offending field (``"scenario.temperature"``),
        or None when the problem concerns the whole file.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


# --- describing and checking JSON values ------------------------------------


def shown(value: Any) -> str:
    """A short, one-line rendering of a JSON value for an error message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = json.dumps(value, ensure_ascii=True)
        return f"the string {text if len(text) <= 42 else text[:40] + '…'}"
    if isinstance(value, int):
        text = str(value)
        return text if len(text) <= 24 else f"an integer with {len(text)} digits"
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else str(value)
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value)}"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def fail(field: str, problem: str) -> SessionError:
    """A SessionError "<field> <problem>" that carries the field."""
    return SessionError(f"{field} {problem}", field)


def is_number(value: Any) -> bool:
    """True for a JSON number (a bool is not one)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def number(value: Any, field: str) -> float:
    """A finite JSON number (never a bool, string or null) as a float."""
    if not is_number(value):
        raise fail(field, f"must be a number, got {shown(value)}")
    try:
        number = float(value)
    except OverflowError:
        raise fail(field, f"is too large ({shown(value)})") from None
    if not math.isfinite(number):
        raise fail(field, f"must be a finite number, got {shown(value)}")
    return number


def number_in(value: Any, field: str, low: float, high: float) -> float:
    """A finite number in [low, high]."""
    checked = number(value, field)
    if not low <= checked <= high:
        raise fail(field, f"must lie in [{low:g}, {high:g}], got {checked:g}")
    return checked


def integer(value: Any, field: str) -> int:
    """A JSON integer (a bool or a float is not one)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise fail(field, f"must be an integer, got {shown(value)}")
    return value


def boolean(value: Any, field: str) -> bool:
    """A JSON true or false."""
    if not isinstance(value, bool):
        raise fail(field, f"must be true or false, got {shown(value)}")
    return value


def choice(value: Any, field: str, choices: tuple[str, ...]) -> str:
    """One of ``choices``, exactly."""
    if not isinstance(value, str) or value not in choices:
        allowed = ", ".join(f'"{c}"' for c in choices)
        raise fail(field, f"must be one of {allowed}, got {shown(value)}")
    return value


def json_list(value: Any, field: str, low: int, high: int) -> list[Any]:
    """A JSON list whose length lies in [low, high] (checked before its items)."""
    if not isinstance(value, (list, tuple)):
        raise fail(field, f"must be a list, got {shown(value)}")
    if not low <= len(value) <= high:
        raise fail(field, f"must have {low} to {high} entries, got {len(value)}")
    return list(value)


def json_object(value: Any, field: str) -> Mapping[str, Any]:
    """A JSON object."""
    if not isinstance(value, Mapping):
        raise fail(field, f"must be an object, got {shown(value)}")
    return value


def check_keys(
    data: Mapping[str, Any],
    where: str,
    required: tuple[str, ...],
    optional: tuple[str, ...] = (),
) -> None:
    """Reject unknown keys first (a typo explains a missing key), then missing."""
    known = set(required) | set(optional)
    for key in data:
        if key not in known:
            raise fail(where, f"has an unknown key {shown_key(key)}")
    for key in required:
        if key not in data:
            raise fail(where, f"is missing the key {shown_key(key)}")


def shown_key(key: Any) -> str:
    """A key quoted for a message, cut to a readable length."""
    text = json.dumps(str(key), ensure_ascii=True)
    return text if len(text) <= 42 else text[:40] + "…"


def join(where: str, key: str) -> str:
    """The dotted path of ``key`` inside ``where``."""
    return f"{where}.{key}" if where else key


# --- strict JSON ------------------------------------------------------------


def _reject_constant(name: str) -> Any:
    raise SessionError(f"not valid JSON: {name} is not a number JSON allows")


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise SessionError(f"not valid JSON: the number {text[:24]} is too large")
    return value


def _parse_int(text: str) -> int:
    if len(text) > _LONGEST_INTEGER_DIGITS:
        raise SessionError(f"not valid JSON: an integer has {len(text)} digits")
    return int(text)


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object (``object_pairs_hook``), refused if a key repeats.

    Python's json keeps the last of repeated keys without a word.
    """
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise SessionError(f"not valid JSON: the key {shown_key(key)} repeats")
        data[key] = value
    return data


def strict_json(text: Any) -> Any:
    """Parse JSON text, rejecting NaN, Infinity, huge numbers and repeated keys."""
    if not isinstance(text, str):
        raise SessionError(f"a session must be text, got {type(text).__name__}")
    if len(text) > MAX_FILE_BYTES:
        raise SessionError(f"the text is longer than {MAX_FILE_BYTES:,} characters")
    try:
        return json.loads(
            text,
            parse_constant=_reject_constant,
            parse_float=_parse_float,
            parse_int=_parse_int,
            object_pairs_hook=unique_keys,
        )
    except SessionError:
        raise
    except json.JSONDecodeError as error:
        raise SessionError(
            f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    except RecursionError:
        raise SessionError("not valid JSON: nested too deeply") from None
    except ValueError as error:
        raise SessionError(f"not valid JSON: {str(error).splitlines()[0]}") from None


def read_text(path: str | os.PathLike[str]) -> str:
    """Read at most MAX_FILE_BYTES of UTF-8 text from a regular file."""
    name = os.fspath(path)
    try:
        data = read_regular_file(name, MAX_FILE_BYTES)
    except FileError as error:
        raise SessionError(f"cannot read {shown_name(name)}: {error}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        byte = data[error.start]
        raise SessionError(
            f"not UTF-8 text: byte 0x{byte:02x} at offset {error.start}"
        ) from None


def shown_name(name: str) -> str:
    """A file's name for a message, quoted and cut to a readable length."""
    base = Path(name).name
    return repr(base if len(base) <= 80 else base[:77] + "…")


# --- the document header and writing -------------------------------------


def check_header(data: Any, kind: str, fmt: str, version: int) -> Mapping[str, Any]:
    """Check the object, its format tag and version; return the object."""
    if not isinstance(data, Mapping):
        raise SessionError(f"not an Entropy Lab {kind}: the JSON is {shown(data)}")
    if "format" not in data:
        raise SessionError(f'not an Entropy Lab {kind}: missing the key "format"')
    if data["format"] != fmt:
        raise fail("format", f'must be "{fmt}", got {shown(data["format"])}')
    if "version" not in data:
        raise fail("version", "is missing")
    found = integer(data["version"], "version")
    if found > version:
        raise fail(
            "version",
            f"{found} is newer than this Entropy Lab reads ({version}); update it",
        )
    if found < 1:
        raise fail("version", f"must be 1 to {version}, got {found}")
    return data


def dumps(value: Any, depth: int = 0) -> str:
    """Indented JSON with short lists of numbers kept on one line."""
    pad, inner = "  " * depth, "  " * (depth + 1)
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        items = [
            f"{inner}{json.dumps(k)}: {dumps(v, depth + 1)}" for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    if isinstance(value, (list, tuple)):
        scalars = not any(isinstance(v, (list, tuple, Mapping)) for v in value)
        if scalars and len(value) <= _SHORT_LIST:
            return "[" + ", ".join(dumps(v) for v in value) + "]"
        if scalars:
            lines = [
                inner + ", ".join(dumps(v) for v in value[i : i + _NUMBERS_PER_LINE])
                for i in range(0, len(value), _NUMBERS_PER_LINE)
            ]
        else:
            lines = [inner + dumps(v, depth + 1) for v in value]
        return "[\n" + ",\n".join(lines) + f"\n{pad}]"
    return json.dumps(value, allow_nan=False, ensure_ascii=False)
