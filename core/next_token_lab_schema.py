"""The next-token lab's state as session JSON, and back (strict).

A state is written as::

    {"p": {"source": "example", "size": 128256, "model": "p"},
     "q": {"source": "file", "path": "/data/q.npy", "kind": "auto",
           "sha256": "9f86d0…"},
     "p_settings": {"temperature": 0.8, "top_k": 50, "top_p": null,
                    "min_p": null},
     "q_settings": {...}, "linked": false, "units": "bits"}

``q`` may be null (one model). A pasted model is ``{"source": "clipboard",
"kind": "auto", "sha256": …, "text": …}`` with the text itself, or null when
it was longer than :data:`core.next_token_lab.MAX_KEPT_PASTE` characters.
Settings are checked against :mod:`core.ranges` (None is "off").

Reading is strict about the JSON (every key, type and range, named on
refusal), but a file that is gone, unreadable, changed since (another
SHA-256) or no longer a distribution, or a paste that was not kept, is not
a refusal: the state loads with the bundled example in P's place (or
without Q) and a :class:`core.next_token_lab.Notice` that the page shows.

Saving a session reads it back to check it
(:func:`core.session.session_to_json`): files are reopened with
:func:`core.next_token_lab.reopen_file`, which costs a ``stat`` while a
file keeps its size and modification time, and pasted text is parsed once.
"""

from __future__ import annotations

import os
import re
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, cast

from core.atomic import FileError
from core.json_values import (
    SessionError,
    boolean,
    check_keys,
    choice,
    fail,
    integer,
    join,
    json_object,
    number_in,
    shown,
)
from core.next_token import EXAMPLE_SIZES, KIND_CHOICES, DecodingSettings
from core.next_token_lab import (
    MAX_KEPT_PASTE,
    ROLES,
    UNITS,
    ExampleSource,
    FileChangedError,
    FileSource,
    LabModel,
    NextTokenLabState,
    Notice,
    NoticeCode,
    PastedSource,
    Role,
    Source,
    example_model,
    forget_opened_files,
    pasted_model,
    reopen_file,
    start_lab,
    text_digest,
)
from core.ranges import MIN_P, NEXT_TOKEN_TEMPERATURE, TOP_K, TOP_P, IntRange, Range

NEXT_TOKEN_KEYS = ("p", "q", "p_settings", "q_settings", "linked", "units")
SETTINGS_KEYS = ("temperature", "top_k", "top_p", "min_p")
SOURCE_KEYS: Mapping[str, tuple[str, ...]] = {
    "example": ("source", "size", "model"),
    "file": ("source", "path", "kind", "sha256"),
    "clipboard": ("source", "kind", "sha256", "text"),
}
#: The keys a preset's settings may give (all optional).
PRESET_KEYS = ("size", *SETTINGS_KEYS, "units")

_SHA256 = re.compile(r"[0-9a-f]{64}")
#: The longest path accepted (Linux's PATH_MAX).
MAX_PATH_CHARS = 4096


# --- writing ----------------------------------------------------------------------


def settings_to_dict(settings: DecodingSettings) -> dict[str, Any]:
    """Decoding settings as JSON data (None for a rule that is off)."""
    return {
        "temperature": float(settings.temperature),
        "top_k": settings.top_k,
        "top_p": settings.top_p,
        "min_p": settings.min_p,
    }


def source_to_dict(source: Source) -> dict[str, Any]:
    """Where a model came from, as JSON data."""
    if isinstance(source, ExampleSource):
        return {"source": "example", "size": source.size, "model": source.role}
    if isinstance(source, FileSource):
        return {
            "source": "file",
            "path": source.path,
            "kind": source.kind,
            "sha256": source.sha256,
        }
    return {
        "source": "clipboard",
        "kind": source.kind,
        "sha256": source.sha256,
        "text": source.text,
    }


def next_token_to_dict(state: NextTokenLabState) -> dict[str, Any]:
    """The lab's state as JSON data: sources, settings, link and units.

    Notices are not written: they describe how a state was loaded.
    """
    return {
        "p": source_to_dict(state.p.source),
        "q": None if state.q is None else source_to_dict(state.q.source),
        "p_settings": settings_to_dict(state.p_settings),
        "q_settings": settings_to_dict(state.q_settings),
        "linked": state.linked,
        "units": state.units,
    }


# --- reading ----------------------------------------------------------------------


def _optional_number(value: Any, limits: Range, field: str) -> float | None:
    if value is None:
        return None
    return number_in(value, field, limits.low, limits.high)


def _optional_integer(value: Any, limits: IntRange, field: str) -> int | None:
    if value is None:
        return None
    checked = integer(value, field)
    if not limits.low <= checked <= limits.high:
        raise fail(
            field,
            f"must lie in [{limits.low}, {limits.high}] or be null, got {checked}",
        )
    return checked


def settings_from_dict(data: Any, where: str) -> DecodingSettings:
    """Decoding settings written by :func:`settings_to_dict`, in range."""
    data = json_object(data, where)
    check_keys(data, where, SETTINGS_KEYS)
    return _settings(data, where, DecodingSettings())


def _settings(
    data: Mapping[str, Any], where: str, default: DecodingSettings
) -> DecodingSettings:
    """Settings from the keys present in ``data`` (the rest from ``default``)."""
    t = NEXT_TOKEN_TEMPERATURE
    return DecodingSettings(
        temperature=number_in(
            data.get("temperature", default.temperature),
            join(where, "temperature"),
            t.low,
            t.high,
        ),
        top_k=_optional_integer(data.get("top_k"), TOP_K, join(where, "top_k")),
        top_p=_optional_number(data.get("top_p"), TOP_P, join(where, "top_p")),
        min_p=_optional_number(data.get("min_p"), MIN_P, join(where, "min_p")),
    )


def _text(value: Any, field: str, longest: int) -> str:
    if not isinstance(value, str):
        raise fail(field, f"must be text, got {shown(value)}")
    if len(value) > longest:
        raise fail(field, f"is longer than {longest:,} characters")
    return value


def _digest(value: Any, field: str) -> str:
    text = _text(value, field, 64)
    if not _SHA256.fullmatch(text):
        raise fail(field, "must be 64 lower-case hexadecimal digits (a SHA-256)")
    return text


def _source(data: Any, where: str) -> Source:
    data = json_object(data, where)
    if "source" not in data:
        every = {key for keys in SOURCE_KEYS.values() for key in keys}
        check_keys(data, where, ("source",), tuple(sorted(every - {"source"})))
    kind = choice(data["source"], join(where, "source"), tuple(SOURCE_KEYS))
    check_keys(data, where, SOURCE_KEYS[kind])
    if kind == "example":
        size = integer(data["size"], join(where, "size"))
        if size not in EXAMPLE_SIZES:
            sizes = " or ".join(str(s) for s in EXAMPLE_SIZES)
            raise fail(join(where, "size"), f"must be {sizes}, got {shown(size)}")
        role = cast(Role, choice(data["model"], join(where, "model"), ROLES))
        return ExampleSource(size, role)
    chosen = choice(data["kind"], join(where, "kind"), KIND_CHOICES)
    digest = _digest(data["sha256"], join(where, "sha256"))
    if kind == "file":
        path = _text(data["path"], join(where, "path"), MAX_PATH_CHARS)
        if not os.path.isabs(path) or "\0" in path:
            raise fail(join(where, "path"), "must be an absolute path")
        return FileSource(path, chosen, digest)
    text = data["text"]
    if text is not None:
        text = _text(text, join(where, "text"), MAX_KEPT_PASTE)
        if text_digest(text) != digest:
            raise fail(join(where, "sha256"), "is not the SHA-256 of the text")
    return PastedSource(chosen, digest, text)


class _UnrestorableError(Exception):
    """A source whose distribution cannot be had again: why, for a Notice."""

    def __init__(self, code: NoticeCode, name: str, detail: str = "") -> None:
        super().__init__(code)
        self.code: NoticeCode = code
        self.name = name
        self.detail = detail


def _restore_file(source: FileSource) -> LabModel:
    try:
        return reopen_file(source)
    except FileError as error:
        raise _UnrestorableError("file_unreadable", source.path, str(error)) from None
    except FileChangedError:
        raise _UnrestorableError("file_changed", source.path) from None
    except ValueError as error:
        raise _UnrestorableError("file_invalid", source.path, str(error)) from None


#: Restored pastes (kind, digest): the text cannot change.
_PASTES: OrderedDict[PastedSource, LabModel] = OrderedDict()
_PASTES_LIMIT = 4


def _restore(source: Source, where: str) -> LabModel:
    """The model of a source (_UnrestorableError; SessionError for bad text)."""
    if isinstance(source, ExampleSource):
        return example_model(source.size, source.role)
    if isinstance(source, FileSource):
        return _restore_file(source)
    if source.text is None:
        raise _UnrestorableError("paste_not_kept", "")
    known = _PASTES.get(source)
    if known is not None:
        return known
    try:
        model = pasted_model(source.text, source.kind)
    except ValueError as error:
        # The text is in the session itself: a bad one is a bad session.
        raise fail(join(where, "text"), f"is not a distribution: {error}") from None
    _PASTES[source] = model
    while len(_PASTES) > _PASTES_LIMIT:
        _PASTES.popitem(last=False)
    return model


def _notice(problem: _UnrestorableError, role: Role) -> Notice:
    return Notice(problem.code, role, problem.name, problem.detail)


def _models(
    p_source: Source, q_source: Source | None, where: str
) -> tuple[LabModel, LabModel | None, tuple[Notice, ...]]:
    """Both models, or their stand-ins and the notices that say why."""
    notices: list[Notice] = []
    try:
        p: LabModel | None = _restore(p_source, join(where, "p"))
    except _UnrestorableError as problem:
        p = None
        notices.append(_notice(problem, "p"))
    q: LabModel | None = None
    if q_source is not None:
        try:
            q = _restore(q_source, join(where, "q"))
        except _UnrestorableError as problem:
            notices.append(_notice(problem, "q"))
    if p is None:
        # Q must share P's vocabulary: both become the example.
        if q is not None and not isinstance(q.source, ExampleSource):
            notices.append(Notice("q_replaced", "q", _source_name(q.source)))
        example = start_lab()
        return example.p, example.q, tuple(notices)
    return p, q, tuple(notices)


def _source_name(source: Source) -> str:
    return source.path if isinstance(source, FileSource) else ""


def next_token_from_dict(data: Any, where: str = "next_token") -> NextTokenLabState:
    """The lab's state written by :func:`next_token_to_dict`.

    Raises
    ------
    SessionError
        Naming the field: a missing or unknown key, a wrong type, a
        setting out of its control's range, an unknown source or kind, a
        digest that is not 64 hex digits (or not the pasted text's), a
        relative path, pasted text that is not a distribution, Q's
        settings other than P's while linked, or two models (both
        restored) over different vocabularies. A file that cannot be read
        again is not an error (see the module docstring).
    """
    data = json_object(data, where)
    check_keys(data, where, NEXT_TOKEN_KEYS)
    p_source = _source(data["p"], join(where, "p"))
    q_source = None if data["q"] is None else _source(data["q"], join(where, "q"))
    p_settings = settings_from_dict(data["p_settings"], join(where, "p_settings"))
    q_settings = settings_from_dict(data["q_settings"], join(where, "q_settings"))
    linked = boolean(data["linked"], join(where, "linked"))
    units = choice(data["units"], join(where, "units"), UNITS)
    if linked and q_settings != p_settings:
        raise fail(
            join(where, "q_settings"), "must equal p_settings while linked is true"
        )
    p, q, notices = _models(p_source, q_source, where)
    try:
        return NextTokenLabState(
            p, q, p_settings, q_settings, linked, units, notices=notices
        )
    except ValueError as error:
        raise fail(join(where, "q"), f"cannot be compared with p: {error}") from None


def next_token_settings_to_state(data: Any, where: str) -> NextTokenLabState:
    """The lab's state a preset's settings describe (keys left out: defaults).

    ``size`` (the example's), ``temperature``, ``top_k``, ``top_p``,
    ``min_p`` (one set of decoding settings for both models, linked) and
    ``units``.

    Raises
    ------
    SessionError
        Naming the field, for an unknown key or a value out of range.
    """
    data = json_object(data, where)
    check_keys(data, where, (), PRESET_KEYS)
    size = integer(data.get("size", EXAMPLE_SIZES[0]), join(where, "size"))
    if size not in EXAMPLE_SIZES:
        sizes = " or ".join(str(s) for s in EXAMPLE_SIZES)
        raise fail(join(where, "size"), f"must be {sizes}, got {shown(size)}")
    settings = _settings(data, where, DecodingSettings())
    units = choice(data.get("units", "bits"), join(where, "units"), UNITS)
    return replace(
        start_lab(size), p_settings=settings, q_settings=settings, units=units
    )


def forget_restored() -> None:
    """Drop every remembered file and paste (tests; nothing else needs to)."""
    forget_opened_files()
    _PASTES.clear()


__all__ = [
    "NEXT_TOKEN_KEYS",
    "PRESET_KEYS",
    "SessionError",
    "forget_restored",
    "next_token_from_dict",
    "next_token_settings_to_state",
    "next_token_to_dict",
    "settings_from_dict",
    "settings_to_dict",
    "source_to_dict",
]
