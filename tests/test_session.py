"""Session files: round trips, a battery of bad files, version 1, fuzzing, saves.

A session (version 2) holds the explorer's scenario, each page's state and
the window's view. Reading never executes anything and refuses every bad
field naming it; version-1 files (one scenario and the settings of the panel
on show) still load; a failed save leaves the old file as it was.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import session as session_module
from core import state_schemas
from core.batch import batch_of, example_batch
from core.families import Family
from core.json_values import dumps
from core.kl_fits import advance_fits, peaks, start_fits
from core.race import advance_race, start_race
from core.scenario import Scenario, default_scenario, evaluate
from core.session import (
    MAX_FILE_BYTES,
    SESSION_VERSION,
    V1_PANEL_KINDS,
    Session,
    SessionError,
    load_session,
    parse_session,
    save_session,
    scenario_from_dict,
    scenario_to_dict,
    session_to_json,
)
from core.state_schemas import STATE_KINDS
from core.trainings import (
    DEFAULT_START,
    advance_trainings,
    start_trainings,
    training_start,
)

FUZZ = settings(deadline=None, max_examples=150)
#: Fewer for the fuzzers whose files often load (and are saved and read again).
FUZZ_LOADING = settings(deadline=None, max_examples=80)

#: In a battery: remove the field instead of replacing it.
DELETE = object()

SCENARIO = {
    "p_weights": [0.7, 0.3],
    "q_weights": [0.5, 0.5],
    "logits": [2.0, 1.0],
    "temperature": 1.0,
    "label": 0,
    "label_smoothing": 0.0,
    "units": "bits",
    "linked": False,
    "p_family": None,
    "q_family": None,
    "logits_follow_q": False,
}


def valid_document() -> dict[str, Any]:
    """A version-2 session: a scenario, a race a few steps in, the race's page."""
    return {
        "format": "entropy-lab-session",
        "version": 2,
        "scenario": copy.deepcopy(SCENARIO),
        "pages": {"race": {"z0": -8.0, "label": 1, "learning_rate": 1.0, "step": 3}},
        "view": {"page": "race"},
    }


def v1_document(view: Any = None) -> dict[str, Any]:
    """A version-1 session, as Entropy Lab wrote them before pages had states."""
    return {
        "format": "entropy-lab-session",
        "version": 1,
        "scenario": copy.deepcopy(SCENARIO),
        "view": {"panel": "explorer"} if view is None else view,
    }


def text_of(document: Any) -> str:
    return json.dumps(document)


def session(
    scenario: Scenario | None = None,
    pages: dict[str, Any] | None = None,
    view: dict[str, Any] | None = None,
) -> Session:
    return Session(scenario or default_scenario(), pages or {}, view or {})


# --- round trips ------------------------------------------------------------


def test_round_trip_of_the_default_scenario() -> None:
    text = session_to_json(session(view={"page": "scenario"}))
    loaded = parse_session(text)
    assert loaded.scenario == default_scenario()
    assert loaded.pages == {}
    assert loaded.view == {"page": "scenario"}


def test_the_text_is_indented_tagged_and_ends_in_a_newline() -> None:
    text = session_to_json(session())
    data = json.loads(text)
    assert data["format"] == "entropy-lab-session"
    assert data["version"] == SESSION_VERSION == 2
    assert data["pages"] == {} and data["view"] == {}
    assert text.endswith("}\n")
    assert '\n  "scenario": {\n    "p_weights": [0.4, 0.3, 0.2, 0.1],' in text
    assert list(data) == ["format", "version", "scenario", "pages", "view"]


def test_round_trip_with_families_linked_mode_and_page_states() -> None:
    scenario = Scenario(
        p_weights=[0.5, 1.0],
        q_weights=[0.0, 1.0],
        logits=[0.5, -0.5],
        temperature=0.05,
        label=49_999,
        label_smoothing=1.0,
        units="nats",
        linked=True,
        p_family=Family("zipf", 50_000, {"exponent": 1.1}),
        q_family=Family("dirichlet", 50_000, {"concentration": 0.5, "seed": 7}),
        logits_follow_q=True,
    )
    pages = {
        "race": advance_race(start_race(-8.0, 1, 1.0), 12),
        "trainings": advance_trainings(start_trainings(DEFAULT_START, 0.25), 7),
        "fits": advance_fits(start_fits(peaks(width_1=7.0), 3, "forward"), 20),
        "batch": batch_of([[0.1, 0.2, 0.3], [1.0, 2.0, 3.0]], [2, 0]),
    }
    loaded = parse_session(session_to_json(session(scenario, pages, {"page": "race"})))
    assert loaded.scenario == scenario
    assert loaded.pages == pages
    assert loaded.view == {"page": "race"}


def test_a_view_is_plain_values_kept_as_written() -> None:
    # The core does not know the window's keys; lists come back as tuples.
    view = {"page": "fits", "zoom": 1.5, "panels": ["a", "b"], "lecture": False}
    loaded = parse_session(session_to_json(session(view=view)))
    assert loaded.view == {**view, "panels": ("a", "b")}
    assert session_to_json(loaded) == session_to_json(session(view=view))


def test_long_lists_wrap_ten_numbers_a_line() -> None:
    # Slider lists hold at most 16 numbers and stay on one line; longer
    # lists (a batch row never is) wrap ten to a line.
    text = dumps([float(i) / 7 for i in range(40)])
    assert json.loads(text) == [float(i) / 7 for i in range(40)]
    lines = text.splitlines()
    assert len(lines) >= 5 and max(len(line) for line in lines) < 300


def test_scenario_to_dict_is_plain_json_data() -> None:
    data = scenario_to_dict(default_scenario().replace(label=np.int64(2)))
    assert type(data["label"]) is int
    assert all(type(x) is float for x in data["p_weights"])
    assert json.loads(json.dumps(data)) == data
    assert scenario_from_dict(data) == default_scenario().replace(label=2)


scenarios = st.integers(2, 16).flatmap(
    lambda k: st.builds(
        Scenario,
        p_weights=st.lists(st.floats(0, 1), min_size=k, max_size=k).filter(any),
        q_weights=st.lists(st.floats(0, 1), min_size=k, max_size=k).filter(any),
        logits=st.lists(st.floats(-10, 10), min_size=k, max_size=k),
        temperature=st.floats(0.05, 20),
        label=st.integers(0, k - 1),
        label_smoothing=st.floats(0, 1),
        units=st.sampled_from(["bits", "nats"]),
        linked=st.booleans(),
        logits_follow_q=st.booleans(),
    )
)


@FUZZ
@given(scenarios)
def test_any_valid_scenario_round_trips_exactly(scenario: Scenario) -> None:
    loaded = parse_session(session_to_json(session(scenario)))
    assert loaded.scenario == scenario
    assert loaded.pages == {} and loaded.view == {}


# --- version 1 --------------------------------------------------------------

V1_PANELS = [
    ("explorer", {}, "scenario", None),
    (
        "binary",
        {"z0": 2.5, "y": 0, "learning_rate": 0.3},
        "race",
        start_race(2.5, 0, 0.3),
    ),
    # Version 1 wrote the label as a number, 1.0.
    ("binary", {"z0": -8.0, "y": 1.0}, "race", start_race(-8.0, 1, 1.0)),
    ("training", {"learning_rate": 2.0}, "trainings", "from the scenario"),
    (
        "fitting",
        {"direction": "reverse", "seed": 12, "position_1": 3.5, "width_2": 15.0},
        "fits",
        start_fits(peaks(position_1=3.5, width_2=15.0), 12, "reverse"),
    ),
    ("fitting", {"direction": "both"}, "fits", start_fits()),
    (
        "batch",
        {"logits": [[0.5, -1.0, 2.0], [50.0, -50.0, 0.0]], "labels": [2, 0]},
        "batch",
        batch_of([[0.5, -1.0, 2.0], [50.0, -50.0, 0.0]], [2, 0]),
    ),
    ("batch", {}, "batch", example_batch()),
]


@pytest.mark.parametrize(
    ("panel", "panel_settings", "kind", "expected"),
    V1_PANELS,
    ids=[f"{p[0]}-{i}" for i, p in enumerate(V1_PANELS)],
)
def test_a_version_1_file_loads_to_its_pages_state(
    panel: str, panel_settings: dict[str, Any], kind: str, expected: Any
) -> None:
    document = v1_document({"panel": panel, "settings": panel_settings})
    loaded = parse_session(text_of(document))
    assert loaded.scenario == scenario_from_dict(SCENARIO)
    assert loaded.view == {"page": kind}
    assert V1_PANEL_KINDS[panel] == kind
    if expected is None:
        assert loaded.pages == {}
        return
    assert set(loaded.pages) == {kind}
    state = loaded.pages[kind]
    if expected == "from the scenario":
        # The training panel trained the explorer's logits: so do the states.
        start = training_start(evaluate(loaded.scenario))
        expected = start_trainings(start, panel_settings["learning_rate"])
    assert state == expected
    assert state.step == 0 if kind != "batch" else True
    # Saved again, it is a version-2 file that reads back the same.
    again = parse_session(session_to_json(loaded))
    assert again == loaded


def test_a_version_1_panel_without_settings_shows_its_page() -> None:
    for panel, kind in V1_PANEL_KINDS.items():
        loaded = parse_session(text_of(v1_document({"panel": panel})))
        assert loaded.pages == {} and loaded.view == {"page": kind}
    loaded = parse_session(text_of(v1_document({})))
    assert loaded.pages == {} and loaded.view == {}


def test_a_version_1_z0_beyond_the_slider_is_refused_clearly() -> None:
    # Version 1 allowed z₀ in [−50, 50]; the race's slider stops at 10, and a
    # z₀ of 30 was drawn off the plot.
    document = v1_document({"panel": "binary", "settings": {"z0": 30}})
    with pytest.raises(SessionError) as caught:
        parse_session(text_of(document))
    assert str(caught.value) == "view.settings.z0 must lie in [-10, 10], got 30"
    assert caught.value.field == "view.settings.z0"


def test_a_future_version_is_refused_naming_this_reader() -> None:
    document = valid_document()
    document["version"] = 3
    with pytest.raises(SessionError) as caught:
        parse_session(text_of(document))
    message = str(caught.value)
    assert message == ("version 3 is newer than this Entropy Lab reads (2); update it")
    assert caught.value.field == "version"


V1_BAD_VIEWS = [
    (DELETE, 'the session is missing the key "view"'),
    ("null", "view must be an object, got null"),
    ({"panel": "explorer", "zoom": 2}, 'view has an unknown key "zoom"'),
    ({"panel": "graphs"}, 'view.panel must be one of "explorer", "binary"'),
    ({"page": "race"}, 'view has an unknown key "page"'),
    ({"settings": {}}, "view.settings needs view.panel"),
    (
        {"panel": "explorer", "settings": {"z0": 1}},
        'view.settings has an unknown key "z0"',
    ),
    (
        {"panel": "binary", "settings": {"z0": "-8"}},
        "view.settings.z0 must be a number, got the string",
    ),
    ({"panel": "binary", "settings": {"y": 2}}, "view.settings.y must be 0 or 1"),
    ({"panel": "binary", "settings": {"y": 0.5}}, "view.settings.y must be an int"),
    (
        {"panel": "binary", "settings": {"learning_rate": 20}},
        "view.settings.learning_rate must lie in [0.01, 10], got 20",
    ),
    (
        {"panel": "training", "settings": {"learning_rate": 0}},
        "view.settings.learning_rate must lie in [0.001, 10], got 0",
    ),
    (
        {"panel": "fitting", "settings": {"direction": "sideways"}},
        'view.settings.direction must be one of "both", "forward", "reverse"',
    ),
    (
        {"panel": "fitting", "settings": {"seed": -1}},
        "view.settings.seed must lie in [0, 2147483647], got -1",
    ),
    (
        {"panel": "batch", "settings": {"logits": [[1, 2]], "labels": [2]}},
        "view.settings.labels[0] must lie in [0, 1], got 2",
    ),
    (
        {"panel": "batch", "settings": {"logits": [[1, 2]], "labels": [0, 1]}},
        "view.settings.labels must have 1 to 1 entries, got 2",
    ),
    (
        {
            "panel": "batch",
            "settings": {"logits": [[1, 2], [1, 2, 3]], "labels": [0, 1]},
        },
        "view.settings.logits must have rows of equal length",
    ),
    (
        {"panel": "batch", "settings": {"logits": [[1, 2]]}},
        "view.settings must give batch logits and labels together",
    ),
    (
        {"panel": "batch", "settings": {"logits": [[1, 51]], "labels": [0]}},
        "view.settings.logits[0][1] must lie in [-50, 50], got 51",
    ),
]


@pytest.mark.parametrize(
    ("view", "message"), V1_BAD_VIEWS, ids=range(len(V1_BAD_VIEWS))
)
def test_a_bad_version_1_view_is_refused_naming_it(view: Any, message: str) -> None:
    document = v1_document()
    if view is DELETE:
        del document["view"]
    else:
        document["view"] = None if view == "null" else view
    with pytest.raises(SessionError) as caught:
        parse_session(text_of(document))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_version_1_file_has_no_pages() -> None:
    document = v1_document()
    document["pages"] = {}
    with pytest.raises(SessionError, match='the session has an unknown key "pages"'):
        parse_session(text_of(document))


def test_a_version_1_scenario_is_checked_as_strictly() -> None:
    document = v1_document()
    document["scenario"]["temperature"] = 25
    with pytest.raises(SessionError) as caught:
        parse_session(text_of(document))
    assert caught.value.field == "scenario.temperature"


# --- the bad-file battery ---------------------------------------------------


def mutated(path: str, value: Any, document: dict[str, Any] | None = None) -> str:
    """A valid document with one field (dotted path) replaced or deleted."""
    document = valid_document() if document is None else document
    *parents, last = path.split(".")
    target = document
    for key in parents:
        target = target[key]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return text_of(document)


BAD_TEXTS = [
    ("", "not valid JSON: Expecting value at line 1, column 1"),
    ("{", "not valid JSON"),
    ("hello", "not valid JSON"),
    ("[1, 2]", "not an Entropy Lab session: the JSON is a list"),
    ('"a string"', "not an Entropy Lab session: the JSON is the string"),
    ("null", "not an Entropy Lab session: the JSON is null"),
    ("{}", 'missing the key "format"'),
    ('{"format": "something-else", "version": 1}', 'format must be "entropy-lab'),
    ('{"format": "entropy-lab-session"}', "version is missing"),
    ('{"a": NaN}', "NaN is not a number JSON allows"),
    ('{"a": -Infinity}', "-Infinity is not a number JSON allows"),
    ('{"a": 1e999}', "the number 1e999 is too large"),
    ('{"a": 1' + "0" * 400 + "}", "an integer has 401 digits"),
    ('{"a": 1, "a": 2}', 'the key "a" repeats'),
    ("[" * 100_000 + "]" * 100_000, "not valid JSON"),
    ('{"a": {"b": 1, "b": 2}}', 'the key "b" repeats'),
]

BAD_FIELDS = [
    ("version", 3, "version 3 is newer than this Entropy Lab reads (2)"),
    ("version", 10**20, "is newer than this Entropy Lab reads (2)"),
    ("version", 0, "version must be 1 to 2, got 0"),
    ("version", -1, "version must be 1 to 2, got -1"),
    ("version", True, "version must be an integer, got true"),
    ("version", "2", 'version must be an integer, got the string "2"'),
    ("version", 2.0, "version must be an integer, got 2.0"),
    ("version", DELETE, "version is missing"),
    ("format", DELETE, 'missing the key "format"'),
    ("format", None, 'format must be "entropy-lab-session", got null'),
    ("scenario", DELETE, 'the session is missing the key "scenario"'),
    ("extra", 1, 'the session has an unknown key "extra"'),
    ("panel", "explorer", 'the session has an unknown key "panel"'),
    ("pages", None, "pages must be an object, got null"),
    ("pages", [], "pages must be an object, got a list of 0"),
    ("pages.scenario", {}, 'pages has an unknown key "scenario"'),
    ("pages.binary", {}, 'pages has an unknown key "binary"'),
    ("pages.race", [], "pages.race must be an object, got a list of 0"),
    ("pages.race.z0", 30, "pages.race.z0 must lie in [-10, 10], got 30"),
    ("pages.race.step", -1, "pages.race.step must lie in [0, 200000], got -1"),
    ("pages.race.speed", 2, 'pages.race has an unknown key "speed"'),
    ("pages.race.label", DELETE, 'pages.race is missing the key "label"'),
    ("pages.fits", {}, 'pages.fits is missing the key "peaks"'),
    ("pages.trainings", {"step": 0}, 'pages.trainings is missing the key "learning'),
    ("pages.batch", {"logits": [[1]], "labels": [0]}, "pages.batch.logits[0] must"),
    ("view", None, "view must be an object, got null"),
    ("view", "race", 'view must be an object, got the string "race"'),
    ("view", {"page": {"kind": "race"}}, "view.page must be a plain value, got an"),
    ("view", {"page": [["race"]]}, "view.page[0] must be a plain value, got a list"),
    ("view", {"page": "x" * 201}, "view.page is longer than 200 characters"),
    ("view", {"k" * 41: 1}, "view has a key longer than 40 characters"),
    ("view", {f"k{i}": i for i in range(33)}, "view has more than 32 keys"),
    ("view", {"panels": [1] * 65}, "view.panels must have 0 to 64 entries, got 65"),
    ("view", {"page": "\ud800"}, "view.page holds a lone surrogate"),
    ("view", {"\n": 1}, 'view has a key that is not a plain name: "\\n"'),
    ("view", {"a.b": 1}, 'view has a key that is not a plain name: "a.b"'),
    ("view", {"": 1}, 'view has a key that is not a plain name: ""'),
    # The scenario, field by field.
    ("scenario", [], "scenario must be an object, got a list of 0"),
    ("scenario.label", DELETE, 'scenario is missing the key "label"'),
    ("scenario.colour", "red", 'scenario has an unknown key "colour"'),
    ("scenario.p_weights", "0.7,0.3", "scenario.p_weights must be a list, got the str"),
    ("scenario.p_weights", None, "scenario.p_weights must be a list, got null"),
    (
        "scenario.p_weights",
        [0.7, True],
        "scenario.p_weights[1] must be a number, got t",
    ),
    ("scenario.p_weights", [0.7, "0.3"], "scenario.p_weights[1] must be a number, got"),
    (
        "scenario.p_weights",
        [0.7, None],
        "scenario.p_weights[1] must be a number, got n",
    ),
    (
        "scenario.p_weights",
        [[0.7], [0.3]],
        "scenario.p_weights[0] must be a number, got",
    ),
    ("scenario.p_weights", [0.7, -0.3], "scenario.p_weights[1] is negative (-0.3)"),
    ("scenario.p_weights", [0.0, 0.0], "scenario.p_weights is all zero"),
    ("scenario.q_weights", [0, 0], "scenario.q_weights is all zero"),
    (
        "scenario.p_weights",
        [1.0],
        "scenario.p_weights must have 2 to 16 entries, got 1",
    ),
    ("scenario.p_weights", [1.0] * 17, "scenario.p_weights must have 2 to 16 entries"),
    ("scenario.p_weights", [1] * 300_000, "must have 2 to 16 entries, got 300000"),
    ("scenario.p_weights", [1e308, 10**350], "scenario.p_weights[1] is too large"),
    (
        "scenario.q_weights",
        [1.0, 1.0, 1.0],
        "scenario.q_weights has 3 entries but p_weights has 2",
    ),
    ("scenario.logits", [0.0], "scenario.logits must have 2 to 16 entries, got 1"),
    (
        "scenario.logits",
        [0.0, 0.0, 0.0],
        "scenario.logits has 3 entries but p_weights has 2",
    ),
    (
        "scenario.logits",
        [0.0, 51.0],
        "scenario.logits[1] must lie in [-10, 10], got 51",
    ),
    ("scenario.logits", [0.0, -1e300], "scenario.logits[1] must lie in [-10, 10]"),
    ("scenario.temperature", 0.0, "scenario.temperature must lie in [0.05, 20], got 0"),
    ("scenario.temperature", 25, "scenario.temperature must lie in [0.05, 20], got 25"),
    ("scenario.temperature", "1", "scenario.temperature must be a number, got the st"),
    ("scenario.temperature", True, "scenario.temperature must be a number, got true"),
    ("scenario.temperature", None, "scenario.temperature must be a number, got null"),
    (
        "scenario.temperature",
        [1.0],
        "scenario.temperature must be a number, got a list",
    ),
    ("scenario.label", 2, "scenario.label must lie in [0, 1], got 2"),
    ("scenario.label", -1, "scenario.label must lie in [0, 1], got -1"),
    ("scenario.label", 1.0, "scenario.label must be an integer, got 1.0"),
    ("scenario.label", False, "scenario.label must be an integer, got false"),
    ("scenario.label_smoothing", 1.5, "scenario.label_smoothing must lie in [0, 1]"),
    ("scenario.label_smoothing", -0.1, "scenario.label_smoothing must lie in [0, 1]"),
    ("scenario.units", "BITS", 'scenario.units must be one of "bits", "nats"'),
    ("scenario.units", 2, 'scenario.units must be one of "bits", "nats", got 2'),
    ("scenario.linked", 1, "scenario.linked must be true or false, got 1"),
    ("scenario.linked", "false", "scenario.linked must be true or false, got the"),
    (
        "scenario.logits_follow_q",
        None,
        "scenario.logits_follow_q must be true or false",
    ),
    ("scenario.p_family", "zipf", "scenario.p_family must be an object, got the str"),
    (
        "scenario.p_family",
        {"kind": "zipf", "k": 2},
        'scenario.p_family is missing the key "params"',
    ),
    (
        "scenario.p_family",
        {"kind": "cauchy", "k": 2, "params": {}},
        'scenario.p_family.kind must be one of "uniform", "zipf"',
    ),
    (
        "scenario.p_family",
        {"kind": "zipf", "k": 1_000_000, "params": {}},
        "scenario.p_family.k must lie in [2, 100000], got 1000000",
    ),
    (
        "scenario.p_family",
        {"kind": "zipf", "k": 2.0, "params": {}},
        "scenario.p_family.k must be an integer, got 2.0",
    ),
    (
        "scenario.p_family",
        {"kind": "zipf", "k": 2, "params": {"exponent": 9}},
        "scenario.p_family is invalid: zipf exponent must lie in [0.0, 4.0]",
    ),
    (
        "scenario.p_family",
        {"kind": "zipf", "k": 2, "params": {"exponent": True}},
        "scenario.p_family.params.exponent must be a number, got true",
    ),
    (
        "scenario.p_family",
        {"kind": "zipf", "k": 2, "params": {"width": 1}},
        'scenario.p_family.params has an unknown key "width"',
    ),
    (
        "scenario.p_family",
        {"kind": "dirichlet", "k": 2, "params": {"seed": 1.5}},
        "scenario.p_family.params.seed must be a whole number, got 1.5",
    ),
    (
        "scenario.p_family",
        {"kind": "uniform", "k": 5, "params": {}},
        "scenario.q_family is null while the other family is set",
    ),
    (
        "scenario.q_family",
        {"kind": "uniform", "k": 5, "params": {}},
        "scenario.p_family is null while the other family is set",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD_TEXTS, ids=range(len(BAD_TEXTS)))
def test_bad_text_is_rejected_with_a_one_line_message(text: str, message: str) -> None:
    with pytest.raises(SessionError) as caught:
        parse_session(text)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("field", "value", "message"), BAD_FIELDS, ids=[f[0] for f in BAD_FIELDS]
)
def test_bad_field_is_rejected_naming_it(field: str, value: Any, message: str) -> None:
    with pytest.raises(SessionError) as caught:
        parse_session(mutated(field, value))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("field", ["pages", "view"])
def test_pages_and_view_may_be_left_out(field: str) -> None:
    loaded = parse_session(mutated(field, DELETE))
    assert loaded.scenario == scenario_from_dict(SCENARIO)
    assert getattr(loaded, field) == {}


def test_the_error_carries_the_field() -> None:
    with pytest.raises(SessionError) as caught:
        parse_session(mutated("scenario.temperature", 99))
    assert caught.value.field == "scenario.temperature"
    assert isinstance(caught.value, ValueError)
    with pytest.raises(SessionError) as caught:
        parse_session(mutated("pages.race.learning_rate", 99))
    assert caught.value.field == "pages.race.learning_rate"
    with pytest.raises(SessionError) as caught:
        parse_session("{")
    assert caught.value.field is None


def test_a_scenario_that_does_not_evaluate_is_rejected(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The field checks already exclude everything evaluate rejects; the final
    # evaluate is a safety net, exercised here with a stand-in.
    def refuse(scenario: Scenario) -> None:
        raise ValueError("logits[0] is NaN")

    monkeypatch.setattr(state_schemas, "evaluate", refuse)
    with pytest.raises(SessionError, match="scenario cannot be evaluated: logits"):
        parse_session(text_of(valid_document()))


def test_nothing_in_a_file_is_executed(tmp_path: Path) -> None:
    marker = tmp_path / "owned"
    payload = f"__import__('os').system('echo owned > {marker}')"
    with pytest.raises(SessionError, match=r"scenario\.temperature must be a number"):
        parse_session(mutated("scenario.temperature", payload))
    with pytest.raises(SessionError, match=r"pages\.race\.z0 must be a number"):
        parse_session(mutated("pages.race.z0", payload))
    with pytest.raises(SessionError, match=r"pages has an unknown key"):
        document = valid_document()
        document["pages"][payload] = {}
        parse_session(text_of(document))
    # The view is the window's: the core keeps a string as a string.
    loaded = parse_session(mutated("view", {"page": payload[:200]}))
    assert loaded.view == {"page": payload[:200]}
    assert not marker.exists()


def test_text_over_the_size_limit_is_rejected_before_parsing() -> None:
    with pytest.raises(SessionError, match="longer than 1,000,000 characters"):
        parse_session(" " * (MAX_FILE_BYTES + 1))


def test_parse_session_rejects_bytes() -> None:
    with pytest.raises(SessionError, match="must be text, got bytes"):
        parse_session(b"{}")  # type: ignore[arg-type]


def test_ignored_logits_may_keep_the_slider_values_when_following_q() -> None:
    document = valid_document()
    document["scenario"]["p_family"] = {"kind": "uniform", "k": 1000, "params": {}}
    document["scenario"]["q_family"] = {"kind": "zipf", "k": 1000, "params": {}}
    document["scenario"]["logits_follow_q"] = True
    assert parse_session(text_of(document)).scenario.k == 1000
    # Explicit logits with families: the window has no sliders for them
    # (two would show while K = 1000, and a switch back to sliders broke).
    document["scenario"]["logits_follow_q"] = False
    with pytest.raises(SessionError, match="logits_follow_q must be true"):
        parse_session(text_of(document))


@pytest.mark.parametrize(
    "changes, message",
    [
        # The issue's case: a Zipf P of K = 20, no Q family, linked.
        (
            {"p_family": {"kind": "zipf", "k": 20, "params": {}}, "linked": True},
            "q_family is null while the other family is set",
        ),
        (
            {"q_family": {"kind": "zipf", "k": 20, "params": {}}},
            "p_family is null while the other family is set",
        ),
        (
            {
                "p_family": {"kind": "zipf", "k": 20, "params": {}},
                "q_family": {"kind": "uniform", "k": 30, "params": {}},
                "logits_follow_q": True,
            },
            "q_family.k gives Q 30 outcomes but P has 20",
        ),
        ({"q_weights": [1.0, 1.0, 1.0], "linked": True}, "q_weights has 3 entries"),
        (
            {"logits": [0.0] * 3, "logits_follow_q": True},
            "logits has 3 entries but p_weights has 2",
        ),
    ],
)
@pytest.mark.parametrize("version", [1, 2])
def test_mixed_family_and_slider_states_are_refused(
    changes: dict[str, Any], message: str, version: int
) -> None:
    document = valid_document() if version == 2 else v1_document()
    document["scenario"].update(changes)
    with pytest.raises(SessionError, match=re.escape(message)):
        parse_session(text_of(document))


def test_linked_mode_keeps_q_weights_that_are_all_zero() -> None:
    document = valid_document()
    document["scenario"]["q_weights"] = [0.0, 0.0]
    document["scenario"]["linked"] = True
    assert parse_session(text_of(document)).scenario.linked


FITTING_PEAKS = {
    "position_1": 0.0,
    "position_2": 59.0,
    "width_1": 0.5,
    "width_2": 15.0,
    "height_1": 0.0,
    "height_2": 0.25,
}


def test_fitting_peaks_round_trip_at_the_ends_of_their_ranges() -> None:
    view = {"panel": "fitting", "settings": {"direction": "both", **FITTING_PEAKS}}
    loaded = parse_session(text_of(v1_document(view)))
    state = loaded.pages["fits"]
    assert state == start_fits(peaks(**FITTING_PEAKS), None, "both")
    assert all(type(getattr(state.peaks, key)) is float for key in FITTING_PEAKS)
    again = parse_session(session_to_json(loaded))
    assert again.pages["fits"] == state
    assert json.loads(session_to_json(loaded))["pages"]["fits"]["peaks"] == (
        FITTING_PEAKS
    )


@pytest.mark.parametrize(
    ("peak_settings", "field", "message"),
    [
        ({"position_1": -0.5}, "position_1", "must lie in [0, 59], got -0.5"),
        ({"position_2": 60}, "position_2", "must lie in [0, 59], got 60"),
        ({"width_1": 0.49}, "width_1", "must lie in [0.5, 15], got 0.49"),
        ({"width_2": 15.5}, "width_2", "must lie in [0.5, 15], got 15.5"),
        ({"height_1": 1.5}, "height_1", "must lie in [0, 1], got 1.5"),
        ({"height_2": -1}, "height_2", "must lie in [0, 1], got -1"),
        ({"height_1": "0.5"}, "height_1", 'must be a number, got the string "0.5"'),
        ({"width_1": True}, "width_1", "must be a number, got true"),
        ({"position_1": None}, "position_1", "must be a number, got null"),
        (
            {"height_1": 0, "height_2": 0.0},
            "height_2",
            "must be above 0 when height_1 is 0",
        ),
    ],
)
def test_a_bad_fitting_peak_is_rejected_naming_it(
    peak_settings: dict[str, Any], field: str, message: str
) -> None:
    # In a version-1 file's settings, and in a version-2 file's fits.
    view = {"panel": "fitting", "settings": peak_settings}
    with pytest.raises(SessionError) as caught:
        parse_session(text_of(v1_document(view)))
    assert caught.value.field == f"view.settings.{field}"
    assert f"{field} {message}" in str(caught.value)
    assert str(caught.value).startswith("view.settings")
    fits = json.loads(session_to_json(session(pages={"fits": start_fits()})))
    fits["pages"]["fits"]["peaks"].update(peak_settings)
    with pytest.raises(SessionError) as caught:
        parse_session(json.dumps(fits))
    assert caught.value.field == f"pages.fits.peaks.{field}"
    assert f"{field} {message}" in str(caught.value)


# --- saving invalid sessions ------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"p_weights": [0.0, 0.0, 0.0, 0.0]}, "scenario.p_weights is all zero"),
        ({"temperature": float("nan")}, "scenario.temperature must be a finite number"),
        ({"temperature": float("inf")}, "scenario.temperature must be a finite number"),
        ({"p_weights": [float("nan")] * 4}, "scenario.p_weights[0] must be a finite"),
        ({"temperature": 100.0}, "scenario.temperature must lie in [0.05, 20]"),
        ({"p_weights": []}, "scenario.p_weights must have 2 to 16 entries, got 0"),
        ({"label": "a"}, "scenario.label must be an integer"),
        ({"units": "furlongs"}, 'scenario.units must be one of "bits", "nats"'),
    ],
)
def test_session_to_json_refuses_what_loading_would_reject(
    changes: dict[str, Any], message: str
) -> None:
    # Before: a NaN reached json and raised its ValueError, which the
    # window's save (catching SessionError) did not expect.
    with pytest.raises(SessionError) as caught:
        session_to_json(session(default_scenario().replace(**changes)))
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("view", "message"),
    [
        ("explorer", 'view must be an object, got the string "explorer"'),
        ({"zoom": float("nan")}, "view.zoom must be a finite number, got nan"),
        ({"page": {"kind": "race"}}, "view.page must be a plain value"),
        ({"page": "\ud800"}, "view.page holds a lone surrogate"),
        ({1: "race"}, "view has a key that is not text: 1"),
        ({"n": 10**401}, "view.n is too large (an integer with 402 digits)"),
    ],
)
def test_session_to_json_refuses_a_bad_view(view: Any, message: str) -> None:
    # Before: a lone surrogate loaded, and saving it again raised
    # UnicodeEncodeError; a view that was not a dict raised AttributeError.
    with pytest.raises(SessionError) as caught:
        session_to_json(Session(default_scenario(), {}, view))
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("pages", "message"),
    [
        ([], "pages must be an object, got a list of 0"),
        ({"scenario": default_scenario()}, 'pages has an unknown key "scenario"'),
        ({"graphs": None}, 'pages has an unknown key "graphs"'),
    ],
)
def test_session_to_json_refuses_unknown_pages(pages: Any, message: str) -> None:
    # Before: KeyError or AttributeError.
    with pytest.raises(SessionError) as caught:
        session_to_json(Session(default_scenario(), pages))
    assert str(caught.value) == message


def test_session_to_json_refuses_a_file_over_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No state the window can show comes near 1 MB (families are stored by
    # their parameters); the guard still holds for a smaller limit.
    monkeypatch.setattr(session_module, "MAX_FILE_BYTES", 300)
    with pytest.raises(SessionError, match="bytes; a file may hold 300"):
        session_to_json(session())


def test_the_largest_session_the_window_can_hold_is_far_below_the_limit() -> None:
    pages = {
        "race": start_race(),
        "trainings": start_trainings(DEFAULT_START),
        "fits": start_fits(),
        "batch": batch_of(np.full((64, 16), -49.123456789012345), [15] * 64),
    }
    scenario = default_scenario().replace(
        p_weights=[1 / 3] * 16, q_weights=[1 / 7] * 16, logits=[-9.87654321] * 16
    )
    text = session_to_json(session(scenario, pages, {"page": "batch"}))
    assert len(text.encode()) < MAX_FILE_BYTES / 10
    assert parse_session(text).pages == pages


# --- files ------------------------------------------------------------------


def test_save_and_load_a_file(tmp_path: Path) -> None:
    path = tmp_path / "lesson.json"
    saved = session(
        pages={"race": advance_race(start_race(), 5)}, view={"page": "race"}
    )
    save_session(path, saved)
    loaded = load_session(path)
    assert loaded == saved
    assert load_session(str(path)) == saved
    assert os.listdir(tmp_path) == ["lesson.json"]
    assert path.read_text(encoding="utf-8") == session_to_json(saved)


def test_saving_over_a_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "lesson.json"
    path.write_text("old")
    path.chmod(0o640)
    save_session(path, session())
    assert path.stat().st_mode & 0o777 == 0o640
    assert load_session(path).scenario == default_scenario()


def write_old(tmp_path: Path) -> tuple[Path, bytes]:
    path = tmp_path / "lesson.json"
    save_session(path, session(default_scenario().replace(temperature=2.0)))
    return path, path.read_bytes()


@pytest.mark.parametrize("failure", [OSError("disk full"), KeyboardInterrupt()])
@pytest.mark.parametrize("step", ["replace", "fsync"])
def test_an_interrupted_save_leaves_the_old_file_intact(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    step: str,
    failure: BaseException,
) -> None:
    path, old = write_old(tmp_path)

    def fail(*args: Any) -> None:
        raise failure

    monkeypatch.setattr(os, step, fail)
    with pytest.raises(type(failure)):
        save_session(path, session())
    monkeypatch.undo()
    assert path.read_bytes() == old
    assert os.listdir(tmp_path) == ["lesson.json"]


def test_a_failing_write_leaves_the_old_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, old = write_old(tmp_path)
    real_fdopen = os.fdopen

    class FailingFile:
        def __init__(self, fd: int) -> None:
            self.handle = real_fdopen(fd, "wb")

        def __enter__(self) -> FailingFile:
            return self

        def __exit__(self, *args: Any) -> None:
            self.handle.close()

        def write(self, data: bytes) -> None:
            self.handle.write(data[:10])
            raise OSError("no space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: FailingFile(fd))
    with pytest.raises(OSError, match="no space left"):
        save_session(path, session())
    monkeypatch.undo()
    assert path.read_bytes() == old
    assert os.listdir(tmp_path) == ["lesson.json"]


@pytest.mark.parametrize(
    "bad",
    [
        session(default_scenario().replace(p_weights=[0.0, 0.0, 0.0, 0.0])),
        session(default_scenario().replace(temperature=float("nan"))),
        Session(default_scenario(), {"scenario": default_scenario()}),
        Session(default_scenario(), {}, {"page": "\ud800"}),
    ],
    ids=["all-zero", "nan", "unknown-page", "surrogate"],
)
def test_saving_an_invalid_session_writes_nothing(tmp_path: Path, bad: Session) -> None:
    path, old = write_old(tmp_path)
    with pytest.raises(SessionError):
        save_session(path, bad)
    assert path.read_bytes() == old
    assert os.listdir(tmp_path) == ["lesson.json"]


def test_saving_onto_a_directory_fails_cleanly(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    with pytest.raises(OSError):
        save_session(tmp_path / "folder", session())
    assert os.listdir(tmp_path) == ["folder"]


def test_saving_into_a_missing_directory_raises_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="the folder does not exist"):
        save_session(tmp_path / "nowhere" / "lesson.json", session())


def test_a_huge_file_is_rejected_by_its_size_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(10**10)  # sparse: reading it would take a long time
    with pytest.raises(SessionError, match="10,000,000,000 bytes; at most 1,000,000"):
        load_session(path)


def test_a_file_just_over_the_limit_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (MAX_FILE_BYTES + 1))
    with pytest.raises(SessionError, match="1,000,001 bytes"):
        load_session(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b'{"format": "entropy-lab-session\xff"}',
            "not UTF-8 text: byte 0xff at offset",
        ),
        (b"\x89PNG\r\n\x1a\n", "not UTF-8 text: byte 0x89 at offset 0"),
        (b"", "not valid JSON"),
    ],
)
def test_bad_bytes_are_rejected(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(SessionError, match=message):
        load_session(path)


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + session_to_json(session()).encode())
    assert load_session(path).scenario == default_scenario()


def test_a_version_1_file_loads_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    view = {"panel": "binary", "settings": {"z0": -8.0, "y": 1.0}}
    path.write_text(json.dumps(v1_document(view), indent=2), encoding="utf-8")
    loaded = load_session(path)
    assert loaded.pages == {"race": start_race(-8.0, 1)}
    assert loaded.view == {"page": "race"}


def test_unreadable_paths_raise_session_error(tmp_path: Path) -> None:
    with pytest.raises(
        SessionError, match=r"cannot read 'missing\.json': No such file"
    ):
        load_session(tmp_path / "missing.json")
    with pytest.raises(SessionError, match="cannot read"):
        load_session(tmp_path)


# --- fuzzing ----------------------------------------------------------------

#: Integers small enough that a step replays quickly, and some far too large.
#: (A race replayed to its limit of 200,000 steps takes over a minute: see
#: the note in test_core_state_schemas.py.)
fuzz_integers = st.integers(-300, 300) | st.sampled_from(
    [2**31 - 1, 2**31, 2**63, -(2**70), 10**30, 200_001]
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | fuzz_integers
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=25,
)

SCENARIO_FIELDS = list(SCENARIO)


def parse_or_session_error(text: str) -> None:
    """Refused with a one-line SessionError, or loaded whole and re-savable."""
    try:
        loaded = parse_session(text)
    except SessionError as error:
        assert "\n" not in str(error)
        return
    evaluate(loaded.scenario)
    assert set(loaded.pages) <= set(STATE_KINDS)
    assert isinstance(loaded.view, dict)
    # What loads, saves, and reads back the same.
    assert parse_session(session_to_json(loaded)) == loaded


@FUZZ
@given(json_values)
def test_random_json_is_rejected_cleanly(value: Any) -> None:
    parse_or_session_error(json.dumps(value))


@FUZZ
@given(st.text(max_size=200))
def test_random_text_is_rejected_cleanly(text: str) -> None:
    parse_or_session_error(text)


@FUZZ
@given(st.sampled_from(SCENARIO_FIELDS), json_values)
def test_any_scenario_field_replaced_by_random_json(field: str, value: Any) -> None:
    parse_or_session_error(mutated(f"scenario.{field}", value))


@FUZZ
@given(st.sampled_from(["scenario", "pages", "view", "version", "format"]), json_values)
def test_any_top_level_value_replaced_by_random_json(field: str, value: Any) -> None:
    parse_or_session_error(mutated(field, value))


PAGE_FIELDS = [
    f"{kind}.{key}"
    for kind, keys in {
        "race": state_schemas.RACE_KEYS,
        "trainings": state_schemas.TRAININGS_KEYS,
        "fits": state_schemas.FITS_KEYS,
        "batch": state_schemas.BATCH_KEYS,
    }.items()
    for key in keys
] + [f"trainings.start.{key}" for key in state_schemas.START_KEYS]


def every_page() -> dict[str, Any]:
    document = json.loads(
        session_to_json(
            session(
                pages={
                    "race": advance_race(start_race(), 2),
                    "trainings": advance_trainings(start_trainings(DEFAULT_START), 2),
                    "fits": advance_fits(start_fits(), 2),
                    "batch": example_batch(),
                }
            )
        )
    )
    result: dict[str, Any] = document
    return result


EVERY_PAGE = every_page()


@FUZZ_LOADING
@given(st.sampled_from(PAGE_FIELDS), json_values)
def test_any_page_field_replaced_by_random_json(field: str, value: Any) -> None:
    parse_or_session_error(mutated(f"pages.{field}", value, copy.deepcopy(EVERY_PAGE)))


@FUZZ_LOADING
@given(json_values, json_values)
def test_random_v1_views(panel: Any, settings_value: Any) -> None:
    view = {"panel": panel, "settings": settings_value}
    parse_or_session_error(text_of(v1_document(view)))


@FUZZ_LOADING
@given(st.sampled_from(list(V1_PANEL_KINDS)), json_values)
def test_random_v1_settings_of_each_panel(panel: str, settings_value: Any) -> None:
    view = {"panel": panel, "settings": settings_value}
    parse_or_session_error(text_of(v1_document(view)))


@FUZZ_LOADING
@given(json_values)
def test_random_v2_views(view: Any) -> None:
    parse_or_session_error(mutated("view", view))


VALID_TEXT = session_to_json(
    session(
        default_scenario().replace(
            p_family=Family("zipf", 4, {"exponent": 2.0}),
            q_family=Family("uniform", 4),
            logits_follow_q=True,
        ),
        {
            "race": advance_race(start_race(), 4),
            "fits": advance_fits(start_fits(seed=2), 3),
            "batch": batch_of([[1.0, 2.0], [-3.5, 0.25]], [1, 0]),
        },
        {"page": "race"},
    )
)
V1_TEXT = json.dumps(
    v1_document({"panel": "binary", "settings": {"z0": -8, "y": 1}}), indent=2
)


@FUZZ
@given(st.sampled_from([VALID_TEXT, V1_TEXT]), st.floats(0, 1))
def test_truncated_files_are_rejected_cleanly(text: str, fraction: float) -> None:
    parse_or_session_error(text[: int(len(text) * fraction)])


@FUZZ
@given(
    st.sampled_from([VALID_TEXT, V1_TEXT]),
    st.floats(0, 1, exclude_max=True),
    st.characters(),
)
def test_files_with_one_character_changed(
    text: str, fraction: float, character: str
) -> None:
    position = int(len(text) * fraction)
    parse_or_session_error(text[:position] + character + text[position + 1 :])


huge_numbers = st.one_of(
    st.integers(min_value=-(10**350), max_value=10**350),
    st.sampled_from(["1e308", "-1e308", "1e-400", "1e400", "-0.0", "5e-324"]),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
)


@FUZZ
@given(st.sampled_from(SCENARIO_FIELDS), huge_numbers)
def test_huge_and_tiny_numbers_anywhere(field: str, number: int | str) -> None:
    document = valid_document()
    document["scenario"][field] = "@@"
    text = text_of(document).replace('"@@"', str(number))
    parse_or_session_error(text)
    document = valid_document()
    document["scenario"][field] = ["@@", 1.0]
    parse_or_session_error(text_of(document).replace('"@@"', str(number)))


@FUZZ
@given(st.sampled_from(["z0", "learning_rate", "label"]), huge_numbers)
def test_huge_and_tiny_numbers_in_a_page(field: str, number: int | str) -> None:
    document = valid_document()
    document["pages"]["race"][field] = "@@"
    parse_or_session_error(text_of(document).replace('"@@"', str(number)))


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(content=st.binary(max_size=300))
def test_random_bytes_in_a_file(
    tmp_path_factory: pytest.TempPathFactory, content: bytes
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "session.json"
    path.write_bytes(content)
    with contextlib.suppress(SessionError):
        load_session(path)


def test_mutations_do_not_touch_the_template() -> None:
    before = copy.deepcopy(valid_document())
    mutated("scenario.label", 5)
    assert valid_document() == before
    every = copy.deepcopy(EVERY_PAGE)
    mutated("pages.race.z0", 5, copy.deepcopy(EVERY_PAGE))
    assert every == EVERY_PAGE


def test_core_stays_free_of_qt_and_scipy() -> None:
    code = (
        "import sys, core.session, core.presets, core.formulas, core.metrics;"
        "import core.state_schemas, core.json_values;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'scipy')];"
        "assert not bad, bad"
    )
    subprocess.run(
        [sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[1]
    )


def test_weights_above_the_sliders_are_scaled_down_together() -> None:
    data = scenario_to_dict(default_scenario())
    data["p_weights"] = [2.0, 6.0, 1.0, 1.0]
    scenario = scenario_from_dict(data)
    assert scenario.p_weights.tolist() == [2 / 6, 1.0, 1 / 6, 1 / 6]


def test_unused_q_weights_may_all_be_zero_when_linked() -> None:
    data = scenario_to_dict(default_scenario().replace(linked=True))
    data["q_weights"] = [0.0, 0.0, 0.0, 0.0]
    assert scenario_from_dict(data).linked
    data["linked"] = False
    with pytest.raises(SessionError, match=r"scenario\.q_weights is all zero"):
        scenario_from_dict(data)
