"""The window's session loader against any file at all (hypothesis).

Random JSON, truncated and mutated valid sessions (version 2 with every page's
state, and version 1), huge numbers, wrong types and raw bytes are written to
a file and opened with ``window.load_session_from``: it returns True or False
and never raises. On False every store (the explorer's and each page's)
keeps its state and its undo history, the page on show stays, and a problem
dialog explains. On True the window shows exactly the file's scenario and
page states, on the page its view names.
"""

from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from core import Family, Scenario, default_scenario
from core.batch import batch_of, example_batch
from core.kl_fits import advance_fits, peaks, start_fits
from core.presets import load_presets
from core.race import advance_race, start_race
from core.session import Session, SessionError, parse_session, session_to_json
from core.trainings import DEFAULT_START, advance_trainings, start_trainings
from viz.pages import KIND_OF_PANEL, PANEL_OF_KIND

#: A window is in the loop: a modest number of examples keeps the suite fast.
FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

PRESETS = load_presets()


def preset_session(preset: Any) -> Session:
    pages = {} if preset.state is None else {preset.page: preset.state}
    return Session(preset.scenario, pages, {"page": preset.page})


EVERY_PAGE = Session(
    default_scenario().replace(temperature=2.0, units="nats"),
    {
        "race": advance_race(start_race(-3.0, 0, 0.5), 6),
        "trainings": advance_trainings(start_trainings(DEFAULT_START, 1.5), 4),
        "fits": advance_fits(start_fits(peaks(width_1=2.0), 7, "reverse"), 5),
        "batch": batch_of([[1.0, -2.0, 0.5], [49.5, 0.0, -49.5]], [2, 1]),
    },
    {"page": "fits"},
)


def v1_text(panel: str, panel_settings: dict[str, Any]) -> str:
    """A version-1 file, as Entropy Lab wrote them before pages had states."""
    document = json.loads(session_to_json(Session(default_scenario())))
    return json.dumps(
        {
            "format": "entropy-lab-session",
            "version": 1,
            "scenario": document["scenario"],
            "view": {"panel": panel, "settings": panel_settings},
        },
        indent=2,
    )


BASE_TEXTS = (
    [session_to_json(Session(default_scenario(), {}, {"page": "scenario"}))]
    + [session_to_json(preset_session(p)) for p in PRESETS]
    + [session_to_json(EVERY_PAGE)]
    + [
        v1_text("explorer", {}),
        v1_text("binary", {"z0": 2.0, "y": 0, "learning_rate": 0.5}),
        v1_text("training", {"learning_rate": 0.25}),
        v1_text("fitting", {"direction": "forward", "seed": 3, "width_2": 9.0}),
        v1_text("batch", {"logits": [[0.5, 1.5], [2.0, -1.0]], "labels": [1, 0]}),
    ]
)
BASE_DOCUMENTS = [json.loads(text) for text in BASE_TEXTS]


def base_texts() -> st.SearchStrategy[str]:
    # By index: a failing example then names a number, not every file.
    return st.integers(0, len(BASE_TEXTS) - 1).map(BASE_TEXTS.__getitem__)


def base_documents() -> st.SearchStrategy[Any]:
    return st.integers(0, len(BASE_DOCUMENTS) - 1).map(BASE_DOCUMENTS.__getitem__)


HUGE = ("1e999", "-1e999", "1e308", "-1e308", "4.9e-324", "1" + "0" * 500, "1e-400")

#: Integers that a step may take and replay quickly, and some far too large.
#: (A race replayed to its limit of 200,000 steps takes over a minute.)
json_integers = st.integers(-300, 300) | st.sampled_from(
    [2**31 - 1, 2**31, 2**63, -(2**70), 200_001, 10**30]
)
json_scalars = (
    st.none()
    | st.booleans()
    | json_integers
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


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Any:
    """Every path into a JSON document, the root first."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


def _at(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


def _replaced(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    copy = json.loads(json.dumps(document))
    holder = copy
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = value
    return copy


@st.composite
def mutated_sessions(draw: Any) -> str:
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
        key = draw(st.sampled_from(["extra", "page", "race", "panel", "step"]))
        return json.dumps(_replaced(document, (*where, key), 1))
    if how == "wrong type":
        value = draw(st.sampled_from([None, True, "1.0", [], {}, [1.0, "x"], 0, -1]))
    else:
        value = draw(json_values)
    return json.dumps(_replaced(document, path, value))


@st.composite
def huge_numbers(draw: Any) -> str:
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


def close_problem_dialogs(window: Any) -> int:
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


def settle(qtbot: Any, window: Any) -> None:
    qtbot.waitUntil(lambda: not any(s.pending for s in window.stores.values()))


def snapshot(window: Any) -> dict[str, Any]:
    """Everything a refused file must leave alone."""
    return {
        "states": {kind: store.state for kind, store in window.stores.items()},
        "history": {
            kind: (store.can_undo, store.can_redo)
            for kind, store in window.stores.items()
        },
        "panel": window.current_panel(),
    }


def assert_loads_or_refuses(window: Any, qtbot: Any, path: Any, data: bytes) -> bool:
    path.write_bytes(data)
    before = snapshot(window)
    loaded = window.load_session_from(path)
    assert loaded is True or loaded is False
    if loaded:
        session = parse_session(data.decode("utf-8-sig"))
        assert window.store.scenario == session.scenario
        for kind, store in window.stores.items():
            if kind in session.pages:
                assert store.state == session.pages[kind]
            elif kind != "scenario":
                assert store.state is before["states"][kind]
        page = session.view.get("page")
        expected_panel = before["panel"] if page is None else PANEL_OF_KIND[page]
        assert window.current_panel() == expected_panel
        settle(qtbot, window)
        assert window.store.scenario == session.scenario
        assert window.store.error is None
        assert close_problem_dialogs(window) == 0
    else:
        settle(qtbot, window)
        after = snapshot(window)
        for kind, state in before["states"].items():
            assert after["states"][kind] is state, kind
        assert after["history"] == before["history"]
        assert after["panel"] == before["panel"]
        assert close_problem_dialogs(window) == 1
    for key in ("entropy_p", "kl_pq", "loss"):
        text = window.findChild(QWidget, f"readout_{key}").text()
        assert "nan" not in text.lower()
    return loaded


@FUZZ
@given(data=any_file)
def test_any_file_loads_or_is_refused_without_harm(
    window: Any, qtbot: Any, tmp_path: Any, data: bytes
) -> None:
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
    steps=st.integers(0, 40),
)
def test_every_valid_session_loads(
    window: Any,
    qtbot: Any,
    tmp_path: Any,
    preset: Any,
    temperature: float,
    smoothing: float,
    units: str,
    linked: bool,
    k: int,
    steps: int,
) -> None:
    scenario = preset.scenario.replace(
        temperature=temperature, label_smoothing=smoothing, units=units, linked=linked
    )
    if scenario.p_family is not None and scenario.q_family is not None:
        scenario = scenario.replace(
            p_family=Family(scenario.p_family.kind, k, scenario.p_family.params),
            q_family=Family(scenario.q_family.kind, k, scenario.q_family.params),
            label=min(scenario.label, k - 1),
        )
    pages = {
        "race": advance_race(start_race(), steps),
        "fits": advance_fits(start_fits(), steps),
        "batch": example_batch(),
    }
    if preset.state is not None:
        pages[preset.page] = preset.state
    try:
        text = session_to_json(Session(scenario, pages, {"page": preset.page}))
    except SessionError:
        assume(False)  # e.g. a linked scenario whose Q is all zero
    path = tmp_path / "valid.json"
    assert assert_loads_or_refuses(window, qtbot, path, text.encode()) is True
    assert KIND_OF_PANEL[window.current_panel()] == preset.page


def test_a_path_that_cannot_be_read_is_refused(
    window: Any, qtbot: Any, tmp_path: Any
) -> None:
    for where in ("missing.json", "a directory", "no such folder/session.json"):
        path = tmp_path if where == "a directory" else tmp_path / where
        before = snapshot(window)
        assert window.load_session_from(path) is False, where
        assert snapshot(window) == before, where
        assert close_problem_dialogs(window) == 1, where


def changed_window(window: Any, qtbot: Any) -> dict[str, Any]:
    """Every store moved away from its default, then a snapshot."""
    window.store.update(temperature=3.0, units="nats")
    window.stores["race"].set_state(advance_race(start_race(1.5, 0, 0.2), 9))
    window.stores["fits"].set_state(advance_fits(start_fits(seed=4), 6))
    window.stores["batch"].set_state(batch_of([[9.0, 8.0]], [1]))
    window.stores["trainings"].set_state(
        advance_trainings(start_trainings(DEFAULT_START, 4.0), 3)
    )
    window.show_panel("batch")
    settle(qtbot, window)
    assert window.store.scenario != default_scenario()
    return snapshot(window)


REFUSED = [
    (("scenario", "units"), "furlongs"),
    # A valid race and scenario, a bad batch: nothing of the file is shown.
    (("pages", "batch", "labels", 0), 7),
    (("pages", "fits", "fits", 1, "mu"), -61.0),
    (("pages", "trainings", "start", "temperature"), 0.0),
    (("pages", "race", "z0"), 30),
    (("view", "page"), "graphs"),
    (("view", "zoom"), 2),  # the window's view has only "page"
    (("version",), 3),
]


def test_a_refused_file_leaves_every_changed_state_alone(
    window: Any, qtbot: Any, tmp_path: Any
) -> None:
    # One window for every case (a window takes seconds to build); each
    # refusal must leave it exactly as the last one did.
    before = changed_window(window, qtbot)
    for path, value in REFUSED:
        document = _replaced(json.loads(session_to_json(EVERY_PAGE)), path, value)
        file = tmp_path / "bad.json"
        file.write_text(json.dumps(document), encoding="utf-8")
        assert window.load_session_from(file) is False, path
        settle(qtbot, window)
        after = snapshot(window)
        for kind, state in before["states"].items():
            assert after["states"][kind] is state, (path, kind)
        assert after == before, path
        assert close_problem_dialogs(window) == 1, path
    assert isinstance(window.store.scenario, Scenario)


def test_a_loaded_file_sets_every_page_and_shows_its_page(
    window: Any, qtbot: Any, tmp_path: Any
) -> None:
    changed_window(window, qtbot)
    file = tmp_path / "good.json"
    file.write_text(session_to_json(EVERY_PAGE), encoding="utf-8")
    assert window.load_session_from(file) is True
    assert window.current_panel() == PANEL_OF_KIND["fits"]
    for kind, state in EVERY_PAGE.pages.items():
        assert window.stores[kind].state == state
    settle(qtbot, window)
    assert window.store.scenario == EVERY_PAGE.scenario
    assert close_problem_dialogs(window) == 0


def test_every_version_1_base_file_loads_on_its_page(
    window: Any, qtbot: Any, tmp_path: Any
) -> None:
    old = [text for text in BASE_TEXTS if json.loads(text)["version"] == 1]
    assert len(old) == 5
    for text in old:
        path = tmp_path / "old.json"
        assert assert_loads_or_refuses(window, qtbot, path, text.encode()) is True
        assert window.current_panel() == json.loads(text)["view"]["panel"]
