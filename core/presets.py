"""Lecture presets: ready-made scenarios with an explanation, kept as data.

The presets live in ``assets/presets.json``::

    {
      "format": "entropy-lab-presets",
      "version": 2,
      "presets": [
        {
          "id": "kl-asymmetry",
          "title": {"en": "KL is not symmetric", "zh_CN": "KL散度不对称"},
          "key": 3,
          "page": "scenario",
          "scenario": {"p_weights": [0.7, 0.3], "q_weights": [0.5, 0.5],
                       "logits": [0.0, 0.0]},
          "explanation": {"en": "D(P‖Q) = 0.1187 bits but …",
                          "zh_CN": "D(P‖Q) = 0.1187 比特，而 …"},
          "settings": {}
        }
      ]
    }

A preset's scenario is a session scenario (see :mod:`core.state_schemas`) in
which every key but ``p_weights``, ``q_weights`` and ``logits`` may be left
out and takes the value of :data:`SCENARIO_DEFAULTS`. ``page`` names the
state kind whose page the preset shows ("scenario" for the explorer; see
:data:`core.state_schemas.SETTING_KINDS`), and ``settings`` (optional) are
that page's, read by :func:`core.state_schemas.settings_to_state`.

A title and an explanation are given per language (:func:`core.i18n.localized_text`;
a plain string is English only): ``preset.title`` and ``preset.explanation``
are the text in the language in use, ``preset.titles`` and
``preset.explanations`` all of them.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from core.i18n import LocalizedText, localized_text, translate
from core.json_values import (
    SessionError,
    check_header,
    check_keys,
    choice,
    integer,
    json_list,
    json_object,
    read_text,
    strict_json,
)
from core.resources import AssetError, asset_path
from core.scenario import Scenario
from core.state_schemas import SETTING_KINDS, scenario_from_dict, settings_to_state

PRESETS_FORMAT = "entropy-lab-presets"
PRESETS_VERSION = 2

#: The bundled presets file, inside the assets package (core/resources.py).
BUNDLED_PRESETS = "presets.json"

#: Values for the scenario keys a preset leaves out.
SCENARIO_DEFAULTS: Mapping[str, Any] = MappingProxyType(
    {
        "temperature": 1.0,
        "label": 0,
        "label_smoothing": 0.0,
        "units": "bits",
        "linked": False,
        "p_family": None,
        "q_family": None,
        "logits_follow_q": False,
    }
)

_PRESET_KEYS = ("id", "title", "key", "page", "scenario", "explanation")
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_MAX_PRESETS = 100
_MAX_TITLE = 80
_MAX_EXPLANATION = 2000


class PresetError(ValueError):
    """A presets file that cannot be read; the message names the preset and field."""


@dataclass(frozen=True)
class Preset:
    """One lecture preset.

    Attributes
    ----------
    id : str
        Lower-case words joined by hyphens, unique, e.g. ``"kl-asymmetry"``.
    titles : LocalizedText
        Short plain text for a menu, per language (:attr:`title`: the one
        in use).
    key : int or None
        The keyboard shortcut 1–9, or None.
    page : str
        The state kind whose page to show ("scenario" for the explorer).
    explanations : LocalizedText
        Qt rich text: what to look at, and what to try next, per language
        (:attr:`explanation`: the one in use).
    settings : mapping
        The settings as written (their values are checked with :attr:`state`).
    scenario : Scenario
        Valid: :func:`~core.scenario.evaluate` accepts it.
    state : page state or None
        The page's state the settings describe (None for the explorer).

    The scenario and the state are built the first time either is read, and
    kept: a window starts without evaluating every preset. Reading them
    raises :class:`PresetError` (naming the file, preset and field) for a
    preset :func:`parse_presets` was told not to check.
    """

    id: str
    titles: LocalizedText
    key: int | None
    page: str
    explanations: LocalizedText
    settings: Mapping[str, Any]
    built: Callable[[], tuple[Scenario, Any]] = field(repr=False, compare=False)

    def __hash__(self) -> int:
        return hash(self.id)

    @property
    def scenario(self) -> Scenario:
        """The preset's scenario (built on first use; PresetError if invalid)."""
        return self.built()[0]

    @property
    def state(self) -> Any:
        """The page's state, or None for the explorer (built on first use)."""
        return self.built()[1]

    @property
    def title(self) -> str:
        """The title in the language in use (English where it has none)."""
        return self.titles.get()

    @property
    def explanation(self) -> str:
        """The explanation in the language in use (English where it has none)."""
        return self.explanations.get()


def _preset(data: Any, where: str) -> Preset:
    data = json_object(data, "the preset")
    check_keys(data, "the preset", _PRESET_KEYS, ("settings",))
    preset_id = data["id"]
    if not isinstance(preset_id, str) or not _ID.fullmatch(preset_id):
        raise SessionError(
            translate("Presets", "id must be lower-case words joined by hyphens")
        )
    key = data["key"]
    if key is not None and not 1 <= integer(key, "key") <= 9:
        raise SessionError(
            translate("Presets", "key must be 1 to 9 or null, got {key}").format(
                key=key
            )
        )
    page = choice(data["page"], "page", SETTING_KINDS)
    scenario_data = json_object(data["scenario"], "scenario")
    settings = json_object(data.get("settings", {}), "settings")
    return Preset(
        id=preset_id,
        titles=localized_text(data["title"], "title", _MAX_TITLE, SessionError),
        key=key,
        page=page,
        explanations=localized_text(
            data["explanation"], "explanation", _MAX_EXPLANATION, SessionError
        ),
        settings=MappingProxyType(dict(settings)),
        built=_builder(page, scenario_data, settings, where),
    )


def _builder(
    page: str, scenario_data: Mapping[str, Any], settings: Any, where: str
) -> Callable[[], tuple[Scenario, Any]]:
    """The preset's (scenario, state), made once, when first asked for."""

    @functools.cache
    def built() -> tuple[Scenario, Any]:
        try:
            scenario = scenario_from_dict({**SCENARIO_DEFAULTS, **scenario_data})
            return scenario, settings_to_state(page, settings, scenario, "settings")
        except ValueError as error:  # a SessionError, or a core's own refusal
            raise PresetError(f"{where}: {error}") from None

    return built


def _label(index: int, data: Any) -> str:
    preset_id = data.get("id") if isinstance(data, Mapping) else None
    shown = isinstance(preset_id, str) and _ID.fullmatch(preset_id[:80])
    if shown:
        return translate("Presets", "preset {index} ({id})").format(
            index=index, id=preset_id
        )
    return translate("Presets", "preset {index}").format(index=index)


def parse_presets(
    text: str, source: str = "presets", *, check_states: bool = True
) -> tuple[Preset, ...]:
    """Read presets from JSON text.

    Parameters
    ----------
    text : str
    source : str
        Names the text in error messages (a file name).
    check_states : bool
        Build every preset's scenario and page state now (the default).
        False checks the rest and leaves those two to their first use, where
        an invalid one raises the same PresetError.

    Returns
    -------
    tuple of Preset
        In the file's order.

    Raises
    ------
    PresetError
        ``"<source>: preset 3 (kl-asymmetry): scenario.temperature must lie
        in [0.05, 20], got 25"``: for invalid JSON, a wrong format tag or
        version, an unknown or missing key, an invalid scenario or settings,
        an id that is malformed or repeats, or a key 1–9 used twice.
    """
    try:
        document = check_header(
            strict_json(text), "presets file", PRESETS_FORMAT, PRESETS_VERSION
        )
        if document["version"] != PRESETS_VERSION:
            raise SessionError(
                translate("Presets", "version must be {version}").format(
                    version=PRESETS_VERSION
                )
            )
        check_keys(document, "the presets file", ("format", "version", "presets"))
        entries = json_list(document["presets"], "presets", 1, _MAX_PRESETS)
    except SessionError as error:
        raise PresetError(f"{source}: {error}") from None
    presets: list[Preset] = []
    for index, entry in enumerate(entries):
        where = f"{source}: {_label(index, entry)}"
        try:
            preset = _preset(entry, where)
        except SessionError as error:
            raise PresetError(f"{where}: {error}") from None
        if check_states:
            preset.built()
        presets.append(preset)
    _check_unique(presets, source)
    return tuple(presets)


def _check_unique(presets: list[Preset], source: str) -> None:
    seen_ids: set[str] = set()
    seen_keys: dict[int, str] = {}
    for preset in presets:
        if preset.id in seen_ids:
            raise PresetError(
                translate("Presets", "{source}: the id {id} appears twice").format(
                    source=source, id=preset.id
                )
            )
        seen_ids.add(preset.id)
        if preset.key is not None:
            if preset.key in seen_keys:
                raise PresetError(
                    translate(
                        "Presets",
                        "{source}: key {key} is used by both {one} and {other}",
                    ).format(
                        source=source,
                        key=preset.key,
                        one=seen_keys[preset.key],
                        other=preset.id,
                    )
                )
            seen_keys[preset.key] = preset.id


def load_presets(
    path: str | os.PathLike[str] | None = None, *, check_states: bool = True
) -> tuple[Preset, ...]:
    """Load and validate the lecture presets.

    Parameters
    ----------
    path : str, path-like or None
        None reads the bundled ``assets/presets.json``
        (:data:`BUNDLED_PRESETS`, found through :mod:`core.resources`).
    check_states : bool
        As in :func:`parse_presets`: False leaves each preset's scenario and
        page state to their first use (a window starting).

    Returns
    -------
    tuple of Preset
        In the file's order; the first nine carry the keys 1–9.

    Raises
    ------
    PresetError
        For a file that cannot be read, exceeds 1 MB or is not UTF-8 (a
        bundled file that is missing included), and for everything
        :func:`parse_presets` rejects. The message starts with the file's
        name.
    """
    if path is not None:
        presets = _load_presets_file(Path(path))
    else:
        try:
            with asset_path(BUNDLED_PRESETS) as bundled:
                presets = _load_presets_file(bundled)
        except AssetError as error:
            raise PresetError(str(error)) from None
    if check_states:
        for preset in presets:
            preset.built()
    return presets


def _load_presets_file(source: Path) -> tuple[Preset, ...]:
    try:
        text = read_text(source)
    except SessionError as error:
        raise PresetError(f"{source.name}: {error}") from None
    return _parsed_presets(text, source.name)


@functools.lru_cache(maxsize=4)
def _parsed_presets(text: str, name: str) -> tuple[Preset, ...]:
    # Presets are frozen values: the same text parses to the same presets,
    # and every new window (and every window test) need not validate again.
    return parse_presets(text, name, check_states=False)
