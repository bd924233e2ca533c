"""The window's session loader against any file at all (hypothesis).

Random JSON, truncated and mutated valid sessions, huge numbers, wrong types
and raw bytes are written to a file and opened with
``window.load_session_from``: it returns True or False and never raises; on
False the scenario and the page on show are unchanged and a problem dialog
explains; on True the window shows exactly the file's scenario, which
evaluates.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from core import Family, Scenario, default_scenario
from core.presets import load_presets
from core.session import SessionError, parse_session, session_to_json

FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

PRESETS = load_presets()
BASE_TEXTS = [session_to_json(default_scenario(), {"panel": "explorer"})] + [
    session_to_json(p.scenario, {"panel": p.panel, "settings": dict(p.settings)})
    for p in PRESETS
]
BASE_DOCUMENTS = [json.loads(text) for text in BASE_TEXTS]


def base_texts():
    # By index: a failing example then names a number, not every file.
    return st.integers(0, len(BASE_TEXTS) - 1).map(BASE_TEXTS.__getitem__)


def base_documents():
    return st.integers(0, len(BASE_DOCUMENTS) - 1).map(BASE_DOCUMENTS.__getitem__)


HUGE = ("1e999", "-1e999", "1e308", "-1e308", "4.9e-324", "1" + "0" * 500, "1e-400")

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()  # NaN and ±inf are written as the non-JSON NaN and Infinity
    | st.text(max_size=12)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=6)
        | st.dictionaries(st.text(max_size=8), inner, max_size=6)
    ),
    max_leaves=25,
)


def _paths(value, prefix=()):
    """Every path into a JSON document, the root first."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


def _at(document, path):
    for step in path:
        document = document[step]
    return document


def _replaced(document, path, value):
    if not path:
        return value
    copy = json.loads(json.dumps(document))
    holder = copy
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = value
    return copy


@st.composite
def mutated_sessions(draw):
    """A valid session with one value replaced, removed or one key added."""
    document = draw(base_documents())
    path = draw(st.sampled_from(list(_paths(document))))
    how = draw(st.sampled_from(["replace", "wrong type", "remove", "add key"]))
    if how == "remove" and path:
        copy = json.loads(json.dumps(document))
        holder = copy
        for step in path[:-1]:
            holder = holder[step]
        del holder[path[-1]]
        return json.dumps(copy)
    if how == "add key":
        objects = [p for p in _paths(document) if isinstance(_at(document, p), dict)]
        where = draw(st.sampled_from(objects))
        return json.dumps(_replaced(document, (*where, "extra"), 1))
    if how == "wrong type":
        value = draw(st.sampled_from([None, True, "1.0", [], {}, [1.0, "x"], 0, -1]))
    else:
        value = draw(json_values)
    return json.dumps(_replaced(document, path, value))


@st.composite
def huge_numbers(draw):
    """A valid session with one number written as a huge or tiny literal."""
    text = draw(base_texts())
    numbers = list(re.finditer(r"-?\d+(\.\d+)?([eE][-+]?\d+)?", text))
    match = draw(st.sampled_from(numbers))
    return text[: match.start()] + draw(st.sampled_from(HUGE)) + text[match.end() :]


truncated_sessions = st.builds(
    lambda text, fraction: text[: int(len(text) * fraction)],
    base_texts(),
    st.floats(0.0, 0.999),
)

any_file = st.one_of(
    json_values.map(json.dumps).map(str.encode),
    mutated_sessions().map(str.encode),
    huge_numbers().map(str.encode),
    truncated_sessions.map(str.encode),
    st.binary(max_size=300),
    base_texts().map(lambda text: b"\xef\xbb\xbf" + text.encode()),
)


def close_problem_dialogs(window) -> int:
    """Close every problem dialog; returns how many were open."""
    boxes = [
        box
        for box in window.findChildren(QMessageBox, "problem_dialog")
        if box.isVisible()
    ]
    for box in boxes:
        box.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return len(boxes)


def settle(qtbot, window):
    qtbot.waitUntil(lambda: not window.store.pending)


def assert_loads_or_refuses(window, qtbot, path, data: bytes):
    path.write_bytes(data)
    before, panel = window.store.scenario, window.current_panel()
    loaded = window.load_session_from(path)
    assert loaded is True or loaded is False
    settle(qtbot, window)
    if loaded:
        scenario, _ = parse_session(data.decode("utf-8-sig"))
        assert window.store.scenario == scenario
        assert window.store.error is None
        assert close_problem_dialogs(window) == 0
    else:
        assert window.store.scenario == before
        assert window.current_panel() == panel
        assert close_problem_dialogs(window) == 1
    for key in ("entropy_p", "kl_pq", "loss"):
        text = window.findChild(QWidget, f"readout_{key}").text()
        assert "nan" not in text.lower()
    return loaded


@FUZZ
@given(data=any_file)
def test_any_file_loads_or_is_refused_without_harm(window, qtbot, tmp_path, data):
    loaded = assert_loads_or_refuses(window, qtbot, tmp_path / "session.json", data)
    event("loaded" if loaded else "refused")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    preset=st.sampled_from(PRESETS),
    temperature=st.floats(0.05, 20.0),
    smoothing=st.floats(0.0, 1.0),
    units=st.sampled_from(["bits", "nats"]),
    linked=st.booleans(),
    k=st.integers(2, 100_000),
)
def test_every_valid_session_loads(
    window, qtbot, tmp_path, preset, temperature, smoothing, units, linked, k
):
    scenario = preset.scenario.replace(
        temperature=temperature, label_smoothing=smoothing, units=units, linked=linked
    )
    if scenario.p_family is not None and scenario.q_family is not None:
        scenario = scenario.replace(
            p_family=Family(scenario.p_family.kind, k, scenario.p_family.params),
            q_family=Family(scenario.q_family.kind, k, scenario.q_family.params),
            label=min(scenario.label, k - 1),
        )
    try:
        text = session_to_json(scenario, {"panel": preset.panel})
    except SessionError:
        assume(False)  # e.g. a linked scenario whose Q is all zero
    path = tmp_path / "valid.json"
    assert assert_loads_or_refuses(window, qtbot, path, text.encode()) is True
    assert window.current_panel() == preset.panel


@pytest.mark.parametrize(
    "where", ["missing.json", "a directory", "no such folder/session.json"]
)
def test_a_path_that_cannot_be_read_is_refused(window, qtbot, tmp_path, where):
    path = tmp_path if where == "a directory" else tmp_path / where
    before = window.store.scenario
    assert window.load_session_from(path) is False
    assert window.store.scenario == before
    assert close_problem_dialogs(window) == 1


def test_a_refused_file_leaves_a_changed_scenario_alone(window, qtbot, tmp_path):
    window.store.update(temperature=3.0, units="nats")
    settle(qtbot, window)
    before = window.store.scenario
    path = tmp_path / "bad.json"
    path.write_text(BASE_TEXTS[0].replace('"units": "bits"', '"units": "furlongs"'))
    assert window.load_session_from(path) is False
    assert window.store.scenario == before
    assert window.store.scenario != default_scenario()
    assert close_problem_dialogs(window) == 1
    assert isinstance(before, Scenario)
