"""A session file: the explorer's scenario, every page's state, and the view.

Version 2 holds each page's state (see :mod:`core.state_schemas`) and a
*view*, which the window writes and checks itself (the page on show); the
core only checks that the view is a small object of plain values::

    {
      "format": "entropy-lab-session",
      "version": 2,
      "scenario": {"p_weights": [0.7, 0.3], ...},
      "pages": {"race": {"z0": -8.0, "label": 1, "learning_rate": 1.0,
                         "step": 40}, ...},
      "view": {"page": "race"}
    }

Version 1 files (one scenario, and the settings of the panel on show) still
load: their settings become that page's state, their panel the view's page.
Nothing read from a file is ever executed; reading is strict (see
:mod:`core.json_values`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from core.atomic import atomic_write_bytes
from core.json_values import (
    MAX_FILE_BYTES,
    SessionError,
    check_header,
    check_keys,
    choice,
    dumps,
    fail,
    is_number,
    join,
    json_list,
    json_object,
    number,
    read_text,
    shown,
    shown_key,
    strict_json,
)
from core.scenario import Scenario
from core.state_schemas import (
    STATE_KINDS,
    scenario_from_dict,
    scenario_to_dict,
    settings_to_state,
)

SESSION_FORMAT = "entropy-lab-session"
SESSION_VERSION = 2

#: Version 1 named its panels with these words; each is a page state kind.
V1_PANEL_KINDS: Mapping[str, str] = MappingProxyType(
    {
        "explorer": "scenario",
        "binary": "race",
        "training": "trainings",
        "fitting": "fits",
        "batch": "batch",
    }
)

#: A view is at most this many keys of plain values (the window's own data).
MAX_VIEW_KEYS = 32
MAX_VIEW_TEXT = 200
MAX_VIEW_LIST = 64
#: A view's keys are plain names ("page", "zoom"): they appear in messages.
_VIEW_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class Session:
    """What a session file holds.

    Attributes
    ----------
    scenario : Scenario
        The explorer's state; it evaluates.
    pages : mapping of str to state
        Each saved page state by its kind (``"race"``, ``"trainings"``,
        ``"fits"``, ``"batch"``); a page left out keeps its own.
    view : mapping
        The window's data, checked here only as a small object of plain
        values (strings, numbers, booleans, null, short lists of those).
    """

    scenario: Scenario
    pages: Mapping[str, Any] = field(default_factory=dict)
    view: Mapping[str, Any] = field(default_factory=dict)


def _is_unicode(text: str) -> bool:
    """False for text with a lone surrogate, which UTF-8 cannot hold."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _plain(value: Any, where: str) -> Any:
    if is_number(value):
        number(value, where)  # finite (a view made in Python may hold a NaN)
        return value
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        if len(value) > MAX_VIEW_TEXT:
            raise fail(where, f"is longer than {MAX_VIEW_TEXT} characters")
        if not _is_unicode(value):
            # Before: it loaded, and saving the session again raised
            # UnicodeEncodeError instead of a SessionError.
            raise fail(where, "holds a lone surrogate, which is not Unicode text")
        return value
    raise fail(where, f"must be a plain value, got {shown(value)}")


def _view(value: Any, where: str = "view") -> dict[str, Any]:
    data = json_object(value, where)
    if len(data) > MAX_VIEW_KEYS:
        raise fail(where, f"has more than {MAX_VIEW_KEYS} keys")
    view: dict[str, Any] = {}
    for key, item in data.items():
        if not isinstance(key, str):
            raise fail(where, f"has a key that is not text: {shown(key)}")
        if len(key) > 40:
            raise fail(where, f"has a key longer than 40 characters: {shown_key(key)}")
        if not _VIEW_KEY.fullmatch(key):
            # Before: a key such as "\n" went into the message as it was, and
            # the one-line message took two lines.
            raise fail(where, f"has a key that is not a plain name: {shown_key(key)}")
        at = join(where, key)
        if isinstance(item, list):
            items = json_list(item, at, 0, MAX_VIEW_LIST)
            view[key] = tuple(_plain(v, f"{at}[{i}]") for i, v in enumerate(items))
        else:
            view[key] = _plain(item, at)
    return view


def _pages(value: Any, where: str = "pages") -> dict[str, Any]:
    data = json_object(value, where)
    check_keys(data, where, (), tuple(STATE_KINDS))
    return {
        kind: STATE_KINDS[kind][1](item, join(where, kind))
        for kind, item in data.items()
    }


def _version_2(document: Mapping[str, Any]) -> Session:
    check_keys(
        document, "the session", ("format", "version", "scenario"), ("pages", "view")
    )
    return Session(
        scenario=scenario_from_dict(document["scenario"]),
        pages=_pages(document.get("pages", {})),
        view=_view(document.get("view", {})),
    )


def _version_1(document: Mapping[str, Any]) -> Session:
    """A version-1 file: the scenario, and the settings of the panel on show."""
    check_keys(document, "the session", ("format", "version", "scenario", "view"))
    scenario = scenario_from_dict(document["scenario"])
    view = json_object(document["view"], "view")
    check_keys(view, "view", (), ("panel", "settings"))
    if "settings" in view and "panel" not in view:
        raise fail("view.settings", "needs view.panel")
    if "panel" not in view:
        return Session(scenario)
    panel = choice(view["panel"], "view.panel", tuple(V1_PANEL_KINDS))
    kind = V1_PANEL_KINDS[panel]
    pages: dict[str, Any] = {}
    if "settings" in view:
        state = settings_to_state(kind, view["settings"], scenario, "view.settings")
        if state is not None:
            pages[kind] = state
    return Session(scenario, pages, {"page": kind})


def _session(data: Any) -> Session:
    document = check_header(data, "session", SESSION_FORMAT, SESSION_VERSION)
    if document["version"] == 1:
        return _version_1(document)
    return _version_2(document)


def session_to_json(session: Session) -> str:
    """The session as indented, human-readable JSON text (version 2).

    Raises
    ------
    SessionError
        If a state or the view would be refused on loading (they are read
        back here first), or the text would exceed :data:`MAX_FILE_BYTES`.
    """
    pages = json_object(session.pages, "pages")
    for kind in pages:
        if kind not in STATE_KINDS:
            raise fail("pages", f"has an unknown key {shown_key(kind)}")
    document: dict[str, Any] = {
        "format": SESSION_FORMAT,
        "version": SESSION_VERSION,
        "scenario": scenario_to_dict(session.scenario),
        "pages": {kind: STATE_KINDS[kind][0](state) for kind, state in pages.items()},
        "view": {
            key: list(value) if isinstance(value, tuple) else value
            for key, value in json_object(session.view, "view").items()
        },
    }
    # What loading would refuse, saving refuses, naming the field: checked
    # on the data before it is written, so that a NaN is "scenario.temperature
    # must be a finite number", not json's ValueError.
    _session(document)
    text = dumps(document) + "\n"
    strict_json(text)  # and the text is the strict JSON that loading reads
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        raise SessionError(
            f"the session would be {size:,} bytes; a file may hold {MAX_FILE_BYTES:,}"
        )
    return text


def parse_session(text: str) -> Session:
    """Read a session (version 1 or 2) from its JSON text.

    Raises
    ------
    SessionError
        One line naming the problem: text that is not JSON (including NaN,
        Infinity, numbers beyond the float range, integers of more than 400
        digits, repeated keys, deep nesting), not an object, a wrong
        ``format`` tag, a missing, wrong or future ``version``, a missing or
        unknown key, or any field that a control could not show. No other
        exception escapes.
    """
    return _session(strict_json(text))


def load_session(path: str | os.PathLike[str]) -> Session:
    """Read a session file (a regular file of at most 1 MB, UTF-8).

    Raises
    ------
    SessionError
        For everything :func:`parse_session` rejects, and for a file that
        cannot be read (the reason in the message), is not a regular file,
        is larger than :data:`MAX_FILE_BYTES` (checked before reading) or
        is not UTF-8. A UTF-8 byte-order mark is allowed.
    """
    return parse_session(read_text(path))


def save_session(path: str | os.PathLike[str], session: Session) -> None:
    """Write a session file atomically: the old file or the new one, never half.

    See :func:`core.atomic.atomic_write`: the text goes to a short hidden
    temporary file in the same directory, is fsynced and renamed over
    ``path``; on any failure the temporary file is removed and a previous
    file at ``path`` is left untouched. A symbolic link is written through;
    an existing file's permission bits are kept; a FIFO, device or
    directory at ``path`` is refused.

    Raises
    ------
    SessionError
        If the session is invalid (nothing is written).
    OSError
        (:class:`core.atomic.FileError`) If the file cannot be written.
    """
    atomic_write_bytes(path, session_to_json(session).encode("utf-8"))


__all__ = [
    "MAX_FILE_BYTES",
    "SESSION_FORMAT",
    "SESSION_VERSION",
    "Session",
    "SessionError",
    "load_session",
    "parse_session",
    "save_session",
    "scenario_from_dict",
    "scenario_to_dict",
    "session_to_json",
]
