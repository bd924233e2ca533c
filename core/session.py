"""Save and load a scenario as a small, human-readable JSON session file.

A session file holds one :class:`~core.scenario.Scenario` and an optional
*view* (which panel was showing, and that panel's settings)::

    {
      "format": "entropy-lab-session",
      "version": 1,
      "scenario": {
        "p_weights": [0.7, 0.3],
        "q_weights": [0.5, 0.5],
        "logits": [0.0, 0.0],
        "temperature": 1.0,
        "label": 0,
        "label_smoothing": 0.0,
        "units": "bits",
        "linked": false,
        "p_family": null,
        "q_family": null,
        "logits_follow_q": false
      },
      "view": {
        "panel": "explorer"
      }
    }

A family is written as ``{"kind": "zipf", "k": 50000, "params": {"exponent":
1.1}}``. Reading is strict: every key must be present and known, every value
of the right JSON type and within the window's ranges, and the scenario must
evaluate. Anything else raises :class:`SessionError` with a one-line message
that names the field. Nothing read from a file is ever executed: the text is
parsed with :mod:`json` only.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np

from core.atomic import FileError, atomic_write_bytes, read_regular_file
from core.families import FAMILY_PARAMETERS, MAX_FAMILY_K, Family, family_weights
from core.fitting import DEFAULT_K as FIT_K
from core.scenario import UNITS, Scenario, evaluate

SESSION_FORMAT = "entropy-lab-session"
SESSION_VERSION = 1

#: Largest session (or presets) file read, in bytes: checked before reading.
MAX_FILE_BYTES = 1_000_000

#: Slider weights come in 2 to 16 outcomes; families go up to MAX_FAMILY_K.
MIN_SLIDER_K = 2
MAX_SLIDER_K = 16

#: The window's temperature range.
TEMPERATURE_RANGE = (0.05, 20.0)

#: Batch-table and binary-panel logits lie in [−LOGIT_LIMIT, LOGIT_LIMIT].
LOGIT_LIMIT = 50.0

#: A scenario's logits lie in the explorer sliders' range, so they can be shown.
SLIDER_LOGIT_LIMIT = 10.0

#: The window's panels, in the order the window lists them.
PANELS = ("explorer", "binary", "training", "fitting", "batch")

#: The keys of a scenario object, in the order they are written.
SCENARIO_KEYS = (
    "p_weights",
    "q_weights",
    "logits",
    "temperature",
    "label",
    "label_smoothing",
    "units",
    "linked",
    "p_family",
    "q_family",
    "logits_follow_q",
)

#: Largest batch the batch panel's settings may hold.
MAX_BATCH_ROWS = 64

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


def _shown(value: Any) -> str:
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


def _fail(field: str, problem: str) -> SessionError:
    return SessionError(f"{field} {problem}", field)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _number(value: Any, field: str) -> float:
    """A finite JSON number (never a bool, string or null) as a float."""
    if not _is_number(value):
        raise _fail(field, f"must be a number, got {_shown(value)}")
    try:
        number = float(value)
    except OverflowError:
        raise _fail(field, f"is too large ({_shown(value)})") from None
    if not math.isfinite(number):
        raise _fail(field, f"must be a finite number, got {_shown(value)}")
    return number


def _number_in(value: Any, field: str, low: float, high: float) -> float:
    number = _number(value, field)
    if not low <= number <= high:
        raise _fail(field, f"must lie in [{low:g}, {high:g}], got {number:g}")
    return number


def _integer(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(field, f"must be an integer, got {_shown(value)}")
    return value


def _boolean(value: Any, field: str) -> bool:
    if not isinstance(value, bool):
        raise _fail(field, f"must be true or false, got {_shown(value)}")
    return value


def _choice(value: Any, field: str, choices: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in choices:
        allowed = ", ".join(f'"{c}"' for c in choices)
        raise _fail(field, f"must be one of {allowed}, got {_shown(value)}")
    return value


def _list(value: Any, field: str, low: int, high: int) -> list[Any]:
    """A JSON list whose length lies in [low, high] (checked before its items)."""
    if not isinstance(value, (list, tuple)):
        raise _fail(field, f"must be a list, got {_shown(value)}")
    if not low <= len(value) <= high:
        raise _fail(field, f"must have {low} to {high} entries, got {len(value)}")
    return list(value)


def _object(value: Any, field: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _fail(field, f"must be an object, got {_shown(value)}")
    return value


def _check_keys(
    data: Mapping[str, Any],
    where: str,
    required: tuple[str, ...],
    optional: tuple[str, ...] = (),
) -> None:
    """Reject unknown keys first (a typo explains a missing key), then missing."""
    known = set(required) | set(optional)
    for key in data:
        if key not in known:
            raise _fail(where, f"has an unknown key {_shown_key(key)}")
    for key in required:
        if key not in data:
            raise _fail(where, f"is missing the key {_shown_key(key)}")


def _shown_key(key: Any) -> str:
    text = json.dumps(str(key), ensure_ascii=True)
    return text if len(text) <= 42 else text[:40] + "…"


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


# --- the scenario -----------------------------------------------------------


def _weights(value: Any, field: str) -> list[float]:
    """Slider weights, scaled down together if any exceeds the sliders' 1.

    Weights only fix proportions, so the scaling changes no probability.
    """
    items = _list(value, field, MIN_SLIDER_K, MAX_SLIDER_K)
    weights = [_number(item, f"{field}[{i}]") for i, item in enumerate(items)]
    for i, weight in enumerate(weights):
        if weight < 0:
            raise _fail(f"{field}[{i}]", f"is negative ({weight:g})")
    top = max(weights)
    return [weight / top for weight in weights] if top > 1.0 else weights


def _check_used_weights(weights: list[float], field: str, used: bool) -> None:
    """Weights a scenario uses may not all be zero; ignored ones may."""
    if used and not any(weights):
        raise _fail(field, "is all zero: at least one weight must be positive")


def _logits(value: Any, field: str) -> list[float]:
    items = _list(value, field, MIN_SLIDER_K, MAX_SLIDER_K)
    return [
        _number_in(item, f"{field}[{i}]", -SLIDER_LOGIT_LIMIT, SLIDER_LOGIT_LIMIT)
        for i, item in enumerate(items)
    ]


def _family(value: Any, field: str) -> Family | None:
    if value is None:
        return None
    data = _object(value, field)
    _check_keys(data, field, ("kind", "k", "params"))
    kind = _choice(data["kind"], f"{field}.kind", tuple(FAMILY_PARAMETERS))
    k = _integer(data["k"], f"{field}.k")
    if not MIN_SLIDER_K <= k <= MAX_FAMILY_K:
        raise _fail(f"{field}.k", f"must lie in [2, {MAX_FAMILY_K}], got {_shown(k)}")
    raw = _object(data["params"], f"{field}.params")
    spec = FAMILY_PARAMETERS[kind]
    _check_keys(raw, f"{field}.params", (), tuple(spec))
    params: dict[str, float] = {}
    for name, parameter in raw.items():
        number = _number(parameter, f"{field}.params.{name}")
        if name == "seed" and not number.is_integer():
            raise _fail(f"{field}.params.seed", f"must be a whole number, got {number}")
        params[name] = number
    family = Family(kind, k, params)
    try:
        family_weights(family)
    except ValueError as error:
        raise _fail(field, f"is invalid: {error}") from None
    return family


def _check_representable(
    where: str,
    p_weights: list[float],
    q_weights: list[float],
    logits: list[float],
    p_family: Family | None,
    q_family: Family | None,
) -> None:
    """Refuse what the window cannot show: it has two modes, nothing between.

    Sliders: one weight of P, one of Q and one logit per outcome, however
    Q is made (linked, or logits that follow Q), so all three lists have
    the same length. Families: both P and Q come from a family of the same
    K; the three lists are then the sliders' hidden state, still of one
    length.
    """
    k = len(p_weights)
    for field, values in (("q_weights", q_weights), ("logits", logits)):
        if len(values) != k:
            raise _fail(
                _join(where, field),
                f"has {len(values)} entries but p_weights has {k}: the window "
                "shows one slider of each per outcome",
            )
    if (p_family is None) != (q_family is None):
        missing = "q_family" if q_family is None else "p_family"
        raise _fail(
            _join(where, missing),
            "is null while the other family is set: give both (families) or "
            "neither (sliders)",
        )
    if p_family is not None and q_family is not None and p_family.k != q_family.k:
        raise _fail(
            _join(where, "q_family.k"),
            f"gives Q {q_family.k} outcomes but P has {p_family.k}",
        )


def _scenario(data: Any, where: str) -> Scenario:
    """Validate a scenario object field by field, then check that it evaluates."""
    data = _object(data, where)
    _check_keys(data, where, SCENARIO_KEYS)

    def at(key: str) -> str:
        return _join(where, key)

    p_weights = _weights(data["p_weights"], at("p_weights"))
    q_weights = _weights(data["q_weights"], at("q_weights"))
    logits = _logits(data["logits"], at("logits"))
    temperature = _number_in(data["temperature"], at("temperature"), *TEMPERATURE_RANGE)
    label = _integer(data["label"], at("label"))
    smoothing = _number_in(data["label_smoothing"], at("label_smoothing"), 0.0, 1.0)
    units = _choice(data["units"], at("units"), tuple(UNITS))
    linked = _boolean(data["linked"], at("linked"))
    p_family = _family(data["p_family"], at("p_family"))
    q_family = _family(data["q_family"], at("q_family"))
    follow_q = _boolean(data["logits_follow_q"], at("logits_follow_q"))
    # Linked, Q is the softmax of the logits: its own weights are unused
    # (unless the logits follow them), so a file may hold them all at zero.
    q_used = q_family is None and (not linked or follow_q)
    _check_used_weights(p_weights, at("p_weights"), p_family is None)
    _check_used_weights(q_weights, at("q_weights"), q_used)

    _check_representable(where, p_weights, q_weights, logits, p_family, q_family)
    if p_family is not None and not follow_q:
        raise _fail(
            at("logits_follow_q"),
            "must be true with families: the window has no logit sliders for "
            "them, so the logits are log Q",
        )
    k = p_family.k if p_family else len(p_weights)
    if not 0 <= label < k:
        raise _fail(at("label"), f"must lie in [0, {k - 1}], got {label}")
    scenario = Scenario(
        p_weights=np.array(p_weights),
        q_weights=np.array(q_weights),
        logits=np.array(logits),
        temperature=temperature,
        label=label,
        label_smoothing=smoothing,
        units=units,
        linked=linked,
        p_family=p_family,
        q_family=q_family,
        logits_follow_q=follow_q,
    )
    try:
        evaluate(scenario)
    except ValueError as error:
        raise _fail(where, f"cannot be evaluated: {error}") from None
    return scenario


def scenario_from_dict(data: Any) -> Scenario:
    """Build a :class:`Scenario` from its JSON object, validating strictly.

    Parameters
    ----------
    data : mapping
        Exactly the keys of :data:`SCENARIO_KEYS` (see the module docstring).

    Returns
    -------
    Scenario
        A scenario that :func:`~core.scenario.evaluate` accepts.

    Raises
    ------
    SessionError
        Naming the field, for: a missing or unknown key; a value of the wrong
        JSON type (a bool, string, null or list where a number belongs);
        NaN or ±inf; slider weights with fewer than 2 or more than 16
        entries, a negative entry, or all zero where the scenario uses them
        (weights above 1 are scaled down together); logits outside [−10, 10] or
        not one per outcome; a temperature outside [0.05, 20]; a label
        outside [0, K); label smoothing outside [0, 1]; units other than
        "bits" or "nats"; a family with an unknown kind or parameter, K
        outside [2, 100000] or a parameter out of its range; or a Q that
        does not have P's number of outcomes.

    Notes
    -----
    Weights that a family or linked mode ignores are still checked, so a
    file never stores a state the sliders cannot show. When
    ``logits_follow_q`` is true the stored logits are ignored and may hold
    2 to 16 slider values instead of one per outcome.
    """
    return _scenario(data, "scenario")


def _float_list(values: Any, field: str) -> list[float]:
    try:
        return [float(v) for v in values]
    except (TypeError, ValueError, OverflowError):
        raise _fail(field, "must hold numbers") from None


def _family_dict(family: Family | None) -> dict[str, Any] | None:
    if family is None:
        return None
    params = {
        name: int(value) if name == "seed" else float(value)
        for name, value in sorted(family.params.items())
    }
    return {"kind": family.kind, "k": int(family.k), "params": params}


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario as a plain JSON-ready dict, with the keys of :data:`SCENARIO_KEYS`.

    Parameters
    ----------
    scenario : Scenario

    Returns
    -------
    dict
        Lists of Python floats, a Python int label, bools, strings and family
        objects (or None). Nothing is validated here, so the dict may hold
        values that :func:`scenario_from_dict` rejects;
        :func:`session_to_json` checks before it writes.

    Raises
    ------
    SessionError
        Only if a field cannot be converted at all (a label that is not a
        number, say).
    """
    label = scenario.label
    if isinstance(label, bool) or not isinstance(label, int):
        try:
            label = int(label)
        except (TypeError, ValueError, OverflowError):
            raise _fail("scenario.label", "must be an integer") from None
    try:
        temperature = float(scenario.temperature)
        smoothing = float(scenario.label_smoothing)
    except (TypeError, ValueError):
        raise _fail(
            "scenario", "temperature and label_smoothing must be numbers"
        ) from None
    return {
        "p_weights": _float_list(scenario.p_weights, "scenario.p_weights"),
        "q_weights": _float_list(scenario.q_weights, "scenario.q_weights"),
        "logits": _float_list(scenario.logits, "scenario.logits"),
        "temperature": temperature,
        "label": label,
        "label_smoothing": smoothing,
        "units": scenario.units,
        "linked": bool(scenario.linked),
        "p_family": _family_dict(scenario.p_family),
        "q_family": _family_dict(scenario.q_family),
        "logits_follow_q": bool(scenario.logits_follow_q),
    }


# --- panel settings and the view --------------------------------------------


def _batch_logits(value: Any, field: str) -> tuple[tuple[float, ...], ...]:
    rows = _list(value, field, 1, MAX_BATCH_ROWS)
    matrix = []
    for r, row in enumerate(rows):
        items = _list(row, f"{field}[{r}]", MIN_SLIDER_K, MAX_SLIDER_K)
        matrix.append(
            tuple(
                _number_in(item, f"{field}[{r}][{c}]", -LOGIT_LIMIT, LOGIT_LIMIT)
                for c, item in enumerate(items)
            )
        )
    if len({len(row) for row in matrix}) > 1:
        raise _fail(field, "must have rows of equal length")
    return tuple(matrix)


def _batch_labels(value: Any, field: str) -> tuple[int, ...]:
    items = _list(value, field, 1, MAX_BATCH_ROWS)
    labels = tuple(_integer(item, f"{field}[{i}]") for i, item in enumerate(items))
    for i, label in enumerate(labels):
        if label < 0:
            raise _fail(f"{field}[{i}]", f"must be ≥ 0, got {label}")
    return labels


#: Largest random-start seed the fitting panel's settings may hold.
MAX_SEED = 2**31 - 1

_Checker = Callable[[Any, str], Any]

#: The fitting panel's peaks: each setting's range, as its slider offers it.
PEAK_RANGES: Mapping[str, tuple[float, float]] = MappingProxyType(
    {
        "position_1": (0.0, FIT_K - 1.0),
        "position_2": (0.0, FIT_K - 1.0),
        "width_1": (0.5, 15.0),
        "width_2": (0.5, 15.0),
        "height_1": (0.0, 1.0),
        "height_2": (0.0, 1.0),
    }
)


def _peak(key: str) -> _Checker:
    low, high = PEAK_RANGES[key]
    return lambda value, field: _number_in(value, field, low, high)


def _binary_label(value: Any, field: str) -> float:
    label = _number_in(value, field, 0.0, 1.0)
    if label not in (0.0, 1.0):
        raise _fail(field, f"must be 0 or 1, got {label:g}")
    return label


def _seed(value: Any, field: str) -> int:
    seed = _integer(value, field)
    if not 0 <= seed <= MAX_SEED:
        raise _fail(field, f"must lie in [0, {MAX_SEED}], got {_shown(seed)}")
    return seed


#: Each panel's optional settings and how each is checked.
PANEL_SETTINGS: Mapping[str, Mapping[str, _Checker]] = MappingProxyType(
    {
        "explorer": {},
        "binary": {
            "z0": lambda v, f: _number_in(v, f, -LOGIT_LIMIT, LOGIT_LIMIT),
            "y": _binary_label,
            "learning_rate": lambda v, f: _number_in(v, f, 0.01, 10.0),
        },
        "training": {
            "learning_rate": lambda v, f: _number_in(v, f, 0.001, 10.0),
        },
        "fitting": {
            "direction": lambda v, f: _choice(v, f, ("forward", "reverse", "both")),
            "seed": _seed,
            **{key: _peak(key) for key in PEAK_RANGES},
        },
        "batch": {
            "logits": _batch_logits,
            "labels": _batch_labels,
        },
    }
)


def panel_settings(
    panel: Any, settings: Any, where: str = "settings"
) -> dict[str, Any]:
    """Validate one panel's settings and return a checked copy.

    Parameters
    ----------
    panel : str
        One of :data:`PANELS`.
    settings : mapping
        Optional keys, by panel: ``binary``: ``z0`` (the logit, in
        [−50, 50]), ``y`` (the label, 0 or 1) and ``learning_rate`` (of the
        race, in [0.01, 10]); ``training``: ``learning_rate`` in [0.001,
        10]; ``fitting``: ``direction`` (the fits shown: "forward",
        "reverse" or "both") and ``seed`` (the random start, an integer in
        [0, 2³¹ − 1]; left out for the default start) and the target's two
        peaks, ``position_1`` and ``position_2`` (in bins, [0, 59]),
        ``width_1`` and ``width_2`` (in bins, [0.5, 15]) and ``height_1``
        and ``height_2`` ([0, 1], not both 0; see :data:`PEAK_RANGES`);
        ``batch``: ``logits`` (1 to 64 rows of 2 to 16 numbers in [−50,
        50]) and ``labels`` (one integer class per row, in range).
        ``explorer`` takes none.
    where : str
        The field name used in error messages.

    Returns
    -------
    dict
        Numbers as float (labels as int) and lists as tuples.

    Raises
    ------
    SessionError
        For an unknown panel or key, or a value of the wrong type or range.
    """
    panel = _choice(panel, "panel", PANELS)
    data = _object(settings, where)
    checkers = PANEL_SETTINGS[panel]
    _check_keys(data, where, (), tuple(checkers))
    checked = {
        key: checkers[key](value, _join(where, key)) for key, value in data.items()
    }
    if checked.get("height_1") == 0.0 and checked.get("height_2") == 0.0:
        raise _fail(_join(where, "height_2"), "must be above 0 when height_1 is 0")
    logits, labels = checked.get("logits"), checked.get("labels")
    if (logits is None) != (labels is None):
        raise _fail(where, "must give batch logits and labels together")
    if logits is not None and labels is not None:
        if len(labels) != len(logits):
            raise _fail(
                _join(where, "labels"),
                f"has {len(labels)} entries but logits has {len(logits)} rows",
            )
        k = len(logits[0])
        for i, label in enumerate(labels):
            if label >= k:
                raise _fail(
                    f"{_join(where, 'labels')}[{i}]",
                    f"must lie in [0, {k - 1}], got {label}",
                )
    return checked


def _view(value: Any, where: str = "view") -> dict[str, Any]:
    data = _object(value, where)
    _check_keys(data, where, (), ("panel", "settings"))
    view: dict[str, Any] = {}
    if "panel" in data:
        view["panel"] = _choice(data["panel"], f"{where}.panel", PANELS)
    if "settings" in data:
        if "panel" not in data:
            raise _fail(f"{where}.settings", f"needs {where}.panel")
        view["settings"] = panel_settings(
            data["panel"], data["settings"], f"{where}.settings"
        )
    return view


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


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise SessionError(f"not valid JSON: the key {_shown_key(key)} repeats")
        data[key] = value
    return data


def _strict_json(text: Any) -> Any:
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
            object_pairs_hook=_unique_keys,
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


def _read_text(path: str | os.PathLike[str]) -> str:
    """Read at most MAX_FILE_BYTES of UTF-8 text from a regular file."""
    name = os.fspath(path)
    try:
        data = read_regular_file(name, MAX_FILE_BYTES)
    except FileError as error:
        raise SessionError(f"cannot read {_shown_name(name)}: {error}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        byte = data[error.start]
        raise SessionError(
            f"not UTF-8 text: byte 0x{byte:02x} at offset {error.start}"
        ) from None


def _shown_name(name: str) -> str:
    """A file's name for a message, quoted and cut to a readable length."""
    base = Path(name).name
    return repr(base if len(base) <= 80 else base[:77] + "…")


# --- the session document ---------------------------------------------------


def _check_header(data: Any, kind: str, fmt: str, version: int) -> Mapping[str, Any]:
    """Check the object, its format tag and version; return the object."""
    if not isinstance(data, Mapping):
        raise SessionError(f"not an Entropy Lab {kind}: the JSON is {_shown(data)}")
    if "format" not in data:
        raise SessionError(f'not an Entropy Lab {kind}: missing the key "format"')
    if data["format"] != fmt:
        raise _fail("format", f'must be "{fmt}", got {_shown(data["format"])}')
    if "version" not in data:
        raise _fail("version", "is missing")
    found = _integer(data["version"], "version")
    if found > version:
        raise _fail(
            "version",
            f"{found} is newer than this Entropy Lab reads ({version}); update it",
        )
    if found != version:
        raise _fail("version", f"must be {version}, got {found}")
    return data


def _session(data: Any) -> tuple[Scenario, dict[str, Any]]:
    document = _check_header(data, "session", SESSION_FORMAT, SESSION_VERSION)
    _check_keys(document, "the session", ("format", "version", "scenario", "view"))
    scenario = _scenario(document["scenario"], "scenario")
    return scenario, _view(document["view"])


def _dumps(value: Any, depth: int = 0) -> str:
    """Indented JSON with short lists of numbers kept on one line."""
    pad, inner = "  " * depth, "  " * (depth + 1)
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        items = [
            f"{inner}{json.dumps(k)}: {_dumps(v, depth + 1)}" for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    if isinstance(value, (list, tuple)):
        scalars = not any(isinstance(v, (list, tuple, Mapping)) for v in value)
        if scalars and len(value) <= _SHORT_LIST:
            return "[" + ", ".join(_dumps(v) for v in value) + "]"
        if scalars:
            lines = [
                inner + ", ".join(_dumps(v) for v in value[i : i + _NUMBERS_PER_LINE])
                for i in range(0, len(value), _NUMBERS_PER_LINE)
            ]
        else:
            lines = [inner + _dumps(v, depth + 1) for v in value]
        return "[\n" + ",\n".join(lines) + f"\n{pad}]"
    return json.dumps(value, allow_nan=False, ensure_ascii=False)


def session_to_json(scenario: Scenario, view: Mapping[str, Any] | None = None) -> str:
    """The session as indented, human-readable JSON text (ending in a newline).

    Parameters
    ----------
    scenario : Scenario
    view : mapping or None
        Optional ``{"panel": ..., "settings": {...}}`` (see
        :func:`panel_settings`); None writes an empty view.

    Returns
    -------
    str
        Text that :func:`parse_session` reads back to an equal scenario and
        view.

    Raises
    ------
    SessionError
        If the scenario or view would be rejected on loading (the same
        checks as :func:`scenario_from_dict`), or the text would exceed
        :data:`MAX_FILE_BYTES` (a family with 100,000 explicit logits, say).
    """
    document = {
        "format": SESSION_FORMAT,
        "version": SESSION_VERSION,
        "scenario": scenario_to_dict(scenario),
        "view": view if view is not None else {},
    }
    document["view"] = _session(document)[1]
    text = _dumps(document) + "\n"
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        raise SessionError(
            f"the session would be {size:,} bytes; a file may hold {MAX_FILE_BYTES:,}"
        )
    return text


def parse_session(text: str) -> tuple[Scenario, dict[str, Any]]:
    """Read a session from its JSON text.

    Parameters
    ----------
    text : str

    Returns
    -------
    scenario : Scenario
        Valid: :func:`~core.scenario.evaluate` accepts it.
    view : dict
        Empty, or with ``"panel"`` and possibly ``"settings"`` (lists as
        tuples).

    Raises
    ------
    SessionError
        One line naming the problem: text that is not JSON (including NaN,
        Infinity, numbers beyond the float range, integers of more than 400
        digits, repeated keys, deep nesting), not an object, a wrong
        ``format`` tag, a missing, wrong or future ``version``, a missing or
        unknown key, or any scenario or view field that
        :func:`scenario_from_dict` or :func:`panel_settings` rejects. No
        other exception escapes.
    """
    return _session(_strict_json(text))


def load_session(path: str | os.PathLike[str]) -> tuple[Scenario, dict[str, Any]]:
    """Read a session file.

    Parameters
    ----------
    path : str or path-like

    Returns
    -------
    scenario : Scenario
    view : dict
        As for :func:`parse_session`.

    Raises
    ------
    SessionError
        For everything :func:`parse_session` rejects, and for a file that
        cannot be read (the OS reason in the message), is larger than
        :data:`MAX_FILE_BYTES` (checked before reading) or is not UTF-8. A
        UTF-8 byte-order mark is allowed.
    """
    return parse_session(_read_text(path))


def save_session(
    path: str | os.PathLike[str],
    scenario: Scenario,
    view: Mapping[str, Any] | None = None,
) -> None:
    """Write a session file atomically: the old file or the new one, never half.

    See :func:`core.atomic.atomic_write`: the text goes to a short hidden
    temporary file in the same directory, is fsynced and renamed over
    ``path``; on any failure (even a KeyboardInterrupt) the temporary file
    is removed and a previous file at ``path`` is left untouched. A
    symbolic link is written through; an existing file's permission bits
    are kept; a FIFO, device or directory at ``path`` is refused.

    Parameters
    ----------
    path : str or path-like
    scenario : Scenario
    view : mapping or None
        As for :func:`session_to_json`.

    Raises
    ------
    SessionError
        If the scenario or view is invalid (nothing is written).
    OSError
        (:class:`core.atomic.FileError`) If the file cannot be written or
        moved into place; the message names the reason.
    """
    data = session_to_json(scenario, view).encode("utf-8")
    atomic_write_bytes(path, data)
