"""The next-token lab page: imports, decoding controls, readouts, plot, undo, sessions.

The page's state is a :class:`core.next_token_lab.NextTokenLabState` in a
:class:`viz.background_store.BackgroundStore` (``window.stores["next_token"]``):
its derive runs on a worker thread, so a test waits for the results of the
state it set (``settled``). Every number on the page is compared with
:func:`core.next_token.next_token_statistics` of the same models and
settings, computed here; imports go through the page's own import methods
(the file dialog only hands them a path).
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from core.next_token import (
    EXAMPLE_SIZES,
    DecodingSettings,
    example_distributions,
    next_token_statistics,
)
from core.next_token_lab import (
    LAB_TOP_TOKENS,
    MAX_KEPT_PASTE,
    ExampleSource,
    FileSource,
    NextTokenLabResults,
    NextTokenLabState,
    derive_lab,
    pasted_model,
    start_lab,
    with_linked,
    with_model,
    with_settings,
    with_units,
)
from core.next_token_lab_schema import forget_restored
from core.numbers import format_number, format_probability
from core.session import Session, session_to_json
from viz.background_store import BackgroundStore
from viz.pages.next_token import (
    DRAW_FLOOR,
    MAX_FILL_POINTS,
    NextTokenPage,
    TopTokensModel,
    fill_safe,
    token_text,
    value_text,
)
from viz.plotting import configure_pyqtgraph

ROOT = Path(__file__).resolve().parents[1]
SMALL = [0.5, 0.25, 0.125, 0.0625, 0.0625]
TRUNCATING = DecodingSettings(temperature=0.8, top_k=50, top_p=0.9, min_p=0.01)


@pytest.fixture
def window(fresh_window: Any) -> Any:
    """A window of its own: the lecture-type refit below fails when the
    window's event loop has run before the page is first shown (seen with
    three processEvents calls), so this module does not share one."""
    return fresh_window


@pytest.fixture(autouse=True)
def _fresh_files() -> Any:
    forget_restored()
    yield
    forget_restored()


@pytest.fixture
def lab_store(request: Any, qtbot: Any) -> BackgroundStore[Any, Any]:
    """The page's store: the window's if the test names the window."""
    if "window" in request.fixturenames:
        store = request.getfixturevalue("window").stores["next_token"]
        assert isinstance(store, BackgroundStore)
        return store
    return BackgroundStore(start_lab(), derive_lab, "the next-token lab")


@pytest.fixture
def page(request: Any, qtbot: Any, lab_store: Any) -> NextTokenPage:
    """The page on show, drawn from ``lab_store``."""
    if "window" in request.fixturenames:
        window = request.getfixturevalue("window")
        window.show_panel("next_token")
        built = window.pages["next_token"]
    else:
        configure_pyqtgraph()
        built = NextTokenPage(lab_store)
        qtbot.addWidget(built)
        built.resize(1280, 760)
        built.show()
        qtbot.waitExposed(built)
    assert isinstance(built, NextTokenPage) and built.store is lab_store
    return built


def settled(qtbot: Any, store: Any) -> NextTokenLabResults:
    """Wait until the store's results are those of its current state."""
    qtbot.waitUntil(
        lambda: not store.pending and store.results_state is store.state, timeout=20000
    )
    results: NextTokenLabResults = store.results
    return results


def expected(state: NextTokenLabState) -> Any:
    """next_token_statistics of the state's models and settings, computed here."""
    return next_token_statistics(
        state.p.distribution,
        None if state.q is None else state.q.distribution,
        state.p_settings,
        state.q_settings,
        units=state.units,
        top_n=LAB_TOP_TOKENS,
    )


def write_npy(path: Path, values: Any) -> Path:
    np.save(path, np.asarray(values, dtype=np.float64))
    return path


# --- numbers -----------------------------------------------------------------------


def shown_table(page: NextTokenPage, role: str) -> Any:
    """The top-tokens model of ``role``, chosen into the table (as a user does).

    Only the model on show follows every frame; the other catches up when
    it is chosen, so a table is read after choosing it.
    """
    page.top_choice.setCurrentIndex(1 if role == "q" else 0)
    assert page.table.model() is page.top_models[role]
    return page.top_models[role]


def assert_page_shows(page: NextTokenPage, statistics: Any) -> None:
    units = statistics.units
    for role in ("p", "q"):
        model = statistics.p if role == "p" else statistics.q
        texts = page.readouts.texts(role)
        if model is None:
            assert set(texts.values()) == {"—"}
            continue
        assert texts["entropy"] == (
            f"{format_number(model.entropy)} → "
            f"{format_number(model.truncated_entropy)} {units}"
        )
        assert texts["perplexity"] == (
            f"{format_number(model.perplexity)} → "
            f"{format_number(model.truncated_perplexity)}"
        )
        assert texts["kept"] == f"{model.kept:,} of {model.possible:,}"
        assert texts["cut"] == format_probability(model.cut_mass)
        assert texts["kl_to"] == value_text(model.kl_to_truncated, units)
        assert texts["kl_from"] == value_text(model.kl_from_truncated, units)
        assert texts["js"] == value_text(model.js_truncated, units)
        table = shown_table(page, role)
        assert table.rowCount() == len(model.top_tokens) == LAB_TOP_TOKENS
        for row, top in enumerate(model.top_tokens):
            cells = [table.cell_text(top, column) for column in range(6)]
            shown = [
                table.data(table.index(row, c)) for c in range(table.columnCount())
            ]
            assert shown == cells
            assert cells[1] == token_text(top.text, top.token_id)
            assert cells[3] == format_probability(top.probability)
            assert cells[4] == format_probability(top.truncated_probability)
    shown_table(page, "p")  # as the page opens
    pair = statistics.pair
    if pair is None:
        assert page.pair["kl_pq"].value.text() == "—"
        return
    assert page.pair["kl_pq"].value.text() == value_text(pair.kl_pq, units)
    assert page.pair["kl_qp"].value.text() == value_text(pair.kl_qp, units)
    assert page.pair["js"].value.text() == value_text(pair.js, units)
    assert math.isfinite(pair.js)
    for key, value in (("kl_pq", pair.kl_pq), ("kl_qp", pair.kl_qp)):
        reason = page.pair[key].reason
        assert reason.isVisibleTo(page) == math.isinf(value)
        if math.isinf(value):
            assert reason.text().startswith("∞: ")


def assert_page_shows_five(page: NextTokenPage, statistics: Any) -> None:
    """assert_page_shows for a vocabulary of fewer tokens than the table lists."""
    for role in ("p", "q"):
        model = statistics.p if role == "p" else statistics.q
        table = shown_table(page, role)
        assert table.rowCount() == len(model.top_tokens) == model.possible
        texts = page.readouts.texts(role)
        assert texts["kept"] == f"{model.kept:,} of {model.possible:,}"
        assert texts["js"] == value_text(model.js_truncated, statistics.units)
    shown_table(page, "p")  # as the page opens
    pair = statistics.pair
    assert page.pair["kl_pq"].value.text() == value_text(pair.kl_pq, statistics.units)
    assert page.pair["js"].value.text() == value_text(pair.js, statistics.units)


STATES = [
    lambda: start_lab(),
    lambda: with_settings(start_lab(), "p", TRUNCATING),
    lambda: with_units(with_settings(start_lab(262_144), "p", TRUNCATING), "nats"),
    lambda: with_settings(
        with_linked(
            with_settings(start_lab(), "p", DecodingSettings(top_p=0.5)), False
        ),
        "q",
        DecodingSettings(temperature=3.0, min_p=0.2),
    ),
]


@pytest.mark.parametrize("make", STATES, ids=["default", "cut", "262k nats", "apart"])
def test_the_page_shows_next_token_statistics(
    qtbot: Any, page: NextTokenPage, lab_store: Any, make: Any
) -> None:
    state = make()
    lab_store.set_state(state)
    results = settled(qtbot, lab_store)
    assert results.state == state
    assert_page_shows(page, expected(state))


def test_a_single_model(qtbot: Any, page: NextTokenPage, lab_store: Any) -> None:
    page.models.remove_q.click()
    results = settled(qtbot, lab_store)
    assert lab_store.state.q is None and results.statistics.pair is None
    assert_page_shows(page, expected(lab_store.state))
    assert not page.models.remove_q.isEnabled()
    assert not page.decoding["q"].isEnabled() and not page.linked.isEnabled()
    assert not page.plot.curves["q"].isVisible()
    # Why the pair shows "—", said once (it was said twice under the readouts).
    reasons = [readout.reason for readout in page.pair.values()]
    shown = [r.text() for r in reasons if r.isVisibleTo(page)]
    assert shown == ["one model: import or show a Q"]
    # Nothing speaks of a Q that is not there: the plot's title said
    # "Q dashed" and P's controls "(and Q while linked)".
    title = page.plot.plot.titleLabel.text
    assert "P" in title and "Q" not in title and "dashed" not in title
    assert page.p_group.title() == "Decoding P"
    page.show_example(lab_store.state.vocabulary_size)
    settled(qtbot, lab_store)
    assert "Q" in page.plot.plot.titleLabel.text
    assert page.p_group.title() == "Decoding P (and Q while linked)"


def test_no_nan_anywhere_on_the_page(
    qtbot: Any, page: NextTokenPage, lab_store: Any
) -> None:
    for settings in (TRUNCATING, DecodingSettings(temperature=0.05, min_p=1.0)):
        lab_store.set_state(with_settings(start_lab(262_144), "p", settings))
        settled(qtbot, lab_store)
        texts = [label.text() for label in page.findChildren(QLabel)]
        texts += [
            page.top_models[r].data(page.top_models[r].index(i, j))
            for r in ("p", "q")
            for i in range(page.top_models[r].rowCount())
            for j in range(6)
        ]
        assert not [t for t in texts if "nan" in str(t).lower()]
        for role in ("p", "q"):
            _, y = page.plot.curves[role].getData()
            assert np.all(np.isfinite(y)) and y.min() >= math.log10(DRAW_FLOOR)


# --- imports -----------------------------------------------------------------------


def test_each_format_imports(
    qtbot: Any, page: NextTokenPage, lab_store: Any, tmp_path: Path
) -> None:
    probabilities = np.array(SMALL)
    write_npy(tmp_path / "p.npy", np.log(probabilities) + 1.0)
    (tmp_path / "q.csv").write_text(
        "".join(f"t{i},{float(p)!r}\n" for i, p in enumerate(SMALL[::-1]))
    )
    (tmp_path / "q.json").write_text(
        json.dumps({"tokens": [f"t{i}" for i in range(5)], "logprobs": [-1.6094] * 5})
    )
    assert page.import_file("p", str(tmp_path / "p.npy"))
    assert lab_store.state.q is None  # the example's Q had another vocabulary
    assert "Q was removed" in page.notice.text() and page.notice.isVisibleTo(page)
    assert page.import_file("q", str(tmp_path / "q.csv"))
    state = lab_store.state
    assert state.p.source == FileSource(
        str(tmp_path / "p.npy"), "auto", state.p.source.sha256
    )
    assert state.p.distribution.kind == "logits" and state.p.distribution.detected
    assert state.q is not None and state.q.distribution.kind == "probs"
    assert (
        "p.npy · 5 tokens · logits, detected, no strings"
        in page.models.labels["p"].text()
    )
    results = settled(qtbot, lab_store)
    assert results.statistics.pair is not None
    assert_page_shows_five(page, expected(state))
    assert page.notice.isHidden()
    # The table's strings come from the file (the CSV's token column).
    assert page.top_models["q"].cell_text(results.statistics.q.top_tokens[0], 1) == (
        '"t4"'
    )
    assert page.import_file("q", str(tmp_path / "q.json"), "logprobs")
    assert lab_store.state.q.distribution.kind == "logprobs"


def test_the_kind_choice_is_used_and_ambiguity_explained(
    qtbot: Any, page: NextTokenPage, lab_store: Any, tmp_path: Path
) -> None:
    (tmp_path / "counts.csv").write_text("3\n2\n1\n")
    before = lab_store.state
    assert not page.import_file("p", str(tmp_path / "counts.csv"))
    assert lab_store.state is before and not lab_store.can_undo
    assert page.models.problem.isVisibleTo(page)
    assert "counts.csv" in page.models.problem.text()
    assert "choose logits or probs" in page.models.problem.text()
    page.models.kind.setCurrentIndex(page.models.kind.findData("probs"))
    assert page.import_file("p", str(tmp_path / "counts.csv"))
    assert page.models.problem.isHidden()
    logits = lab_store.state.p.distribution.logits
    shown = np.exp(logits) / np.exp(logits).sum()
    np.testing.assert_allclose(shown, [0.5, 1 / 3, 1 / 6], rtol=1e-12)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"0.5\nhalf\n", "line 2"),
        (b"\x93NUMPY\x01\x00garbage", "npy"),
        (b"[0.5, NaN]", "NaN"),
        (b'{"probs": [0.5, 0.5], "logits": [1, 2]}', "exactly one of"),
    ],
)
def test_a_bad_file_is_explained_and_changes_nothing(
    qtbot: Any,
    page: NextTokenPage,
    lab_store: Any,
    tmp_path: Path,
    content: bytes,
    reason: str,
) -> None:
    suffix = ".npy" if content.startswith(b"\x93") else ".json"
    if content.startswith(b"0.5"):
        suffix = ".csv"
    path = tmp_path / f"bad{suffix}"
    path.write_bytes(content)
    before = lab_store.state
    assert not page.import_file("q", str(path))
    assert lab_store.state is before and not lab_store.can_undo
    text = page.models.problem.text()
    assert page.models.problem.isVisibleTo(page) and path.name in text
    assert reason.lower() in text.lower(), text


def test_a_missing_file_and_a_q_of_another_vocabulary_are_explained(
    page: NextTokenPage, lab_store: Any, tmp_path: Path
) -> None:
    before = lab_store.state
    assert not page.import_file("p", str(tmp_path / "gone.npy"))
    assert "No such file" in page.models.problem.text()
    write_npy(tmp_path / "small.npy", SMALL)
    assert not page.import_file("q", str(tmp_path / "small.npy"), "probs")
    assert "P has 128,256 tokens and Q 5" in page.models.problem.text()
    assert lab_store.state is before


def test_the_clipboard_imports_with_token_strings(
    qtbot: Any, page: NextTokenPage, lab_store: Any
) -> None:
    clipboard = QGuiApplication.clipboard()
    clipboard.setText(" the,0.6\n a,0.3\n cat,0.1\n")
    page.models.paste_buttons["p"].click()
    assert lab_store.state.p.distribution.tokens == (" the", " a", " cat")
    clipboard.setText("0.2 0.3 0.5")
    page.models.paste_buttons["q"].click()
    results = settled(qtbot, lab_store)
    assert results.statistics.q is not None
    assert page.top_models["p"].cell_text(results.statistics.p.top_tokens[0], 1) == (
        '" the"'
    )
    assert results.statistics.pair is not None
    assert_page_shows_five(page, expected(lab_store.state))
    clipboard.setText("   ")
    before = lab_store.state
    page.models.paste_buttons["q"].click()
    assert lab_store.state is before
    assert "clipboard holds no text" in page.models.problem.text()


def test_the_example_button_and_its_size(
    qtbot: Any, page: NextTokenPage, lab_store: Any
) -> None:
    page.models.example_size.setCurrentIndex(1)
    assert lab_store.state.vocabulary_size == 128_256  # a choice, not a change
    page.models.example.click()
    assert lab_store.state.p.source == ExampleSource(262_144, "p")
    results = settled(qtbot, lab_store)
    assert results.statistics.p.vocabulary_size == 262_144
    assert page.decoding["p"].top_k.maximum() == 262_144


# --- decoding controls -------------------------------------------------------------


def test_truncation_controls_write_the_state_and_the_results_follow(
    qtbot: Any, page: NextTokenPage, lab_store: Any
) -> None:
    p = page.decoding["p"]
    p.top_p_check.setChecked(True)
    assert lab_store.state.p_settings == DecodingSettings(top_p=0.9)
    assert lab_store.state.q_settings == DecodingSettings(top_p=0.9)  # linked
    assert settled(qtbot, lab_store).statistics.p.kept == 41
    p.top_p.slider.setValue(p.top_p.slider.scale.to_position(0.5))
    assert lab_store.state.p_settings.top_p == pytest.approx(0.5, abs=1e-3)
    kept = settled(qtbot, lab_store).statistics.p.kept
    assert kept < 41
    p.top_k_check.setChecked(True)
    p.top_k.setValue(1)
    assert settled(qtbot, lab_store).statistics.p.kept == 1
    p.top_k_check.setChecked(False)
    p.min_p_check.setChecked(True)
    p.min_p.slider.setValue(p.min_p.slider.scale.to_position(0.1))
    state = lab_store.state
    assert state.p_settings.top_k is None
    assert state.p_settings.min_p == pytest.approx(0.1, rel=1e-2)
    statistics = settled(qtbot, lab_store).statistics
    assert_page_shows(page, expected(state))
    # Something is cut: D(P‖P̃) = ∞, said in one line, each model's count
    # (grouped in thousands, as the rows show it) in its tooltip.
    reasons = page.readouts.reasons
    assert reasons.isVisibleTo(page) and reasons.text().startswith("D(model")
    cut = statistics.p.possible - statistics.p.kept
    assert cut > 1000 and f"0 to {cut:,} tokens that P can emit" in reasons.toolTip()
    assert page.plot.lines["p"].isVisible()
    assert page.plot.lines["p"].value() == pytest.approx(
        math.log10(statistics.p.rank_curve.threshold_rank)
    )


def test_temperature_and_linking(
    qtbot: Any, page: NextTokenPage, lab_store: Any
) -> None:
    page.decoding["p"].temperature.slider.setValue(
        page.decoding["p"].temperature.slider.scale.to_position(0.5)
    )
    t = lab_store.state.p_settings.temperature
    assert (
        t == pytest.approx(0.5, rel=1e-2)
        and lab_store.state.q_settings.temperature == t
    )
    assert not page.decoding["q"].isEnabled()
    assert page.decoding["q"].temperature.slider.float_value() == pytest.approx(
        t, rel=1e-2
    )
    page.linked.setChecked(False)
    assert not lab_store.state.linked and page.decoding["q"].isEnabled()
    page.decoding["q"].temperature.slider.setValue(
        page.decoding["q"].temperature.slider.scale.to_position(2.0)
    )
    state = lab_store.state
    assert state.p_settings.temperature == t
    assert state.q_settings.temperature == pytest.approx(2.0, rel=1e-2)
    settled(qtbot, lab_store)
    assert_page_shows(page, expected(state))
    page.linked.setChecked(True)
    assert lab_store.state.q_settings == lab_store.state.p_settings


def test_the_state_moves_the_controls(page: NextTokenPage, lab_store: Any) -> None:
    state = with_settings(
        with_linked(with_settings(start_lab(), "p", TRUNCATING), False),
        "q",
        DecodingSettings(temperature=4.0, min_p=0.3),
    )
    lab_store.set_state(with_units(state, "nats"))
    shown = page.decoding["p"].settings()
    assert shown.top_k == 50 and page.decoding["p"].top_k.isEnabled()
    # Each slider shows its value to the slider's resolution (1,000 steps).
    assert shown.temperature == pytest.approx(0.8, rel=1e-2)
    assert shown.top_p == pytest.approx(0.9, abs=1e-3)
    assert shown.min_p == pytest.approx(0.01, rel=1e-2)
    q = page.decoding["q"]
    assert q.min_p_check.isChecked() and not q.top_p_check.isChecked()
    assert not q.top_p.isEnabled() and q.min_p.isEnabled()
    assert q.min_p.slider.float_value() == pytest.approx(0.3, rel=1e-2)
    assert not page.linked.isChecked()
    assert page.units.currentData() == "nats"
    assert lab_store.state.units == "nats"  # showing it wrote nothing back


def test_one_control_changes_its_own_setting_and_no_other(
    page: NextTokenPage, lab_store: Any
) -> None:
    # Ticking min-p re-read every slider: a session's T = 0.7331 stood on the
    # slider's grid at 0.7323 and came back as that, top-p 0.9137 as 0.914.
    settings = DecodingSettings(temperature=0.7331, top_p=0.9137)
    lab_store.set_state(with_settings(with_linked(start_lab(), False), "p", settings))
    page.decoding["p"].min_p_check.setChecked(True)
    changed = lab_store.state.p_settings
    assert changed.temperature == 0.7331 and changed.top_p == 0.9137
    assert changed.min_p == pytest.approx(page.decoding["p"].min_p.slider.float_value())
    page.decoding["p"].top_p_check.setChecked(False)
    assert lab_store.state.p_settings.top_p is None
    assert lab_store.state.p_settings.temperature == 0.7331


def test_a_slider_drag_is_one_undo_step_and_derives_a_few_times(
    qtbot: Any, page: NextTokenPage, lab_store: Any
) -> None:
    lab_store.set_state(start_lab(262_144))
    settled(qtbot, lab_store)
    slider = page.decoding["p"].temperature.slider
    before = lab_store.state
    derivations = lab_store.derivations
    slider.sliderPressed.emit()
    for position in range(slider.value(), slider.value() - 200, -5):
        slider.setValue(position)
        QGuiApplication.processEvents()
    slider.sliderReleased.emit()
    results = settled(qtbot, lab_store)
    # The drag ends on its last value, and a derive never queued behind another.
    assert results.state is lab_store.state
    assert lab_store.derivations - derivations <= 41
    lab_store.undo()
    assert lab_store.state == before


# --- the background store ----------------------------------------------------------


def test_the_worker_derives_off_the_gui_thread_and_never_goes_back(qtbot: Any) -> None:
    threads: list[str] = []

    def derive(state: NextTokenLabState) -> NextTokenLabResults:
        threads.append(threading.current_thread().name)
        return derive_lab(state)

    store: BackgroundStore[Any, Any] = BackgroundStore(start_lab(), derive, "t")
    announced: list[Any] = []
    store.results_ready.connect(lambda r: announced.append(r.state))
    states = [with_settings(start_lab(), "p", DecodingSettings(t)) for t in (0.5, 1.5)]
    for state in states:
        store.set_state(state)
    settled(qtbot, store)
    assert threads and threading.main_thread().name not in threads
    assert announced[-1] is states[-1]
    # A synchronous derive now, then an older result arriving, changes nothing.
    store.set_state(start_lab())
    store.derive_now()
    assert store.results_state is store.state
    qtbot.waitUntil(lambda: not store.pending)
    assert store.results_state is store.state


def test_a_problem_in_the_worker_is_reported(qtbot: Any) -> None:
    def derive(state: Any) -> Any:
        raise ValueError("cannot show this")

    store: BackgroundStore[Any, Any] = BackgroundStore(start_lab(), derive, "t")
    with qtbot.waitSignal(store.derive_failed) as failed:
        store.set_state(with_units(start_lab(), "nats"))
    assert (
        str(failed.args[0]) == "cannot show this" and store.error == "cannot show this"
    )


# --- the plot and its fills --------------------------------------------------------


def test_fills_stay_far_below_thirty_thousand_points(
    qtbot: Any, page: NextTokenPage, lab_store: Any
) -> None:
    lab_store.set_state(
        with_settings(start_lab(262_144), "p", DecodingSettings(top_k=3))
    )
    settled(qtbot, lab_store)
    assert 0 < page.plot.filled_points() < MAX_FILL_POINTS < 30_000
    page.grab()  # paints every fill
    x = np.arange(100_000, dtype=np.float64)
    thin_x, _ = fill_safe(x, x)
    assert thin_x.size <= MAX_FILL_POINTS and thin_x[0] == 0 and thin_x[-1] == 99_999


PAINT_SCRIPT = """
import os, sys
sys.path.insert(0, {root!r})
from PySide6.QtWidgets import QApplication
app = QApplication([])
from core.next_token import DecodingSettings
from core.next_token_lab import derive_lab, start_lab, with_settings
from viz.background_store import BackgroundStore
from viz.pages.next_token import NextTokenPage
from viz.plotting import configure_pyqtgraph
configure_pyqtgraph()
state = with_settings(start_lab(262_144), "p", DecodingSettings(0.7, top_k=30000))
store = BackgroundStore(state, derive_lab, "lab")
page = NextTokenPage(store)
page.resize(1920, 1080)
page.show()
for _ in range(3):
    app.processEvents()
image = page.grab().toImage()
print("painted", image.width(), image.height(), page.plot.filled_points())
"""


def test_the_page_paints_its_fills_in_a_child_process() -> None:
    # A fill that aborts PySide6 kills the interpreter: paint in a child.
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", PAINT_SCRIPT.format(root=str(ROOT))],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )
    assert done.returncode == 0, done.stderr
    words = done.stdout.split()
    assert words[:3] == ["painted", "1920", "1080"], done.stdout
    assert 0 < int(words[3]) < MAX_FILL_POINTS


# --- the window: undo, sessions, presets -------------------------------------------


def test_ctrl_z_undoes_a_change_from_whichever_control_has_the_focus(
    qtbot: Any, window: Any, page: NextTokenPage, lab_store: Any
) -> None:
    p = page.decoding["p"]
    undo = (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(p.top_k_check, Qt.MouseButton.LeftButton)
    assert lab_store.state.p_settings.top_k == 50
    assert QApplication.focusWidget() is p.top_k_check
    qtbot.keyClick(p.top_k_check, *undo)
    assert lab_store.state.p_settings.top_k is None
    qtbot.mouseClick(p.top_k_check, Qt.MouseButton.LeftButton)
    # A spin box's own text undo would swallow Ctrl+Z: the page's undo wins.
    p.top_k.setFocus()
    qtbot.keyClick(p.top_k, Qt.Key.Key_Up)
    assert lab_store.state.p_settings.top_k == 51
    qtbot.keyClick(p.top_k, *undo)
    assert lab_store.state.p_settings.top_k == 50 and p.top_k.value() == 50
    qtbot.keyClick(
        p.top_k,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert lab_store.state.p_settings.top_k == 51
    # Typed digits are one change, on Enter.
    p.top_k.lineEdit().selectAll()
    qtbot.keyClicks(p.top_k, "700")
    assert lab_store.state.p_settings.top_k == 51
    qtbot.keyClick(p.top_k, Qt.Key.Key_Return)
    assert lab_store.state.p_settings.top_k == 700
    qtbot.keyClick(p.top_k, *undo)
    assert lab_store.state.p_settings.top_k == 51
    slider = p.temperature.slider
    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key.Key_Right)
    assert lab_store.state.p_settings.temperature > 1.0
    qtbot.keyClick(slider, *undo)
    assert lab_store.state.p_settings.temperature == 1.0
    settled(qtbot, lab_store)


def test_lecture_type_refits_the_table_and_keeps_the_reasons_in_it(
    qtbot: Any, window: Any, page: NextTokenPage, lab_store: Any
) -> None:
    lab_store.set_state(with_settings(start_lab(), "p", TRUNCATING))
    settled(qtbot, lab_store)
    window.set_lecture(True, full_screen=False)
    try:
        table = page.table
        header = table.horizontalHeader()

        def numbers_fit() -> bool:
            # As wide as their cells and titles need in the lecture font.
            # The id column may give way to the tokens' text (never the
            # numbers), and the token column keeps room for ten characters.
            shown = [c for c in (0, 2, 3, 4, 5) if not table.isColumnHidden(c)]
            tokens = table.fontMetrics().horizontalAdvance("“ tokens…”")
            return (
                table.font().pixelSize() == QApplication.font().pixelSize()
                and {3, 4, 5} <= set(shown)
                and header.sectionSize(1) >= tokens
                and all(
                    header.sectionSize(c)
                    >= max(table.sizeHintForColumn(c), header.sectionSizeHint(c))
                    for c in shown
                )
            )

        # The font grew with no new results: the columns fit it anyway.
        qtbot.waitUntil(numbers_fit)
        size = QApplication.font().pixelSize()
        reason = page.pair["kl_pq"].reason
        assert reason.isVisibleTo(page) and reason.text().startswith("∞: ")
        # The fonts follow the application's (Qt delivers that change later).
        qtbot.waitUntil(
            lambda: (
                reason.font().pixelSize()
                == page.readouts.reasons.font().pixelSize()
                == size
            )
        )
    finally:
        window.set_lecture(False, full_screen=False)


def test_undo_on_the_page_and_a_session_round_trip(
    qtbot: Any, window: Any, page: NextTokenPage, lab_store: Any, tmp_path: Path
) -> None:
    path = write_npy(tmp_path / "p.npy", example_distributions()[0].logits)
    assert page.import_file("p", str(path), "logits")
    page.decoding["p"].top_k_check.setChecked(True)
    imported = lab_store.state
    assert imported.p_settings.top_k == 50
    window.actions_by_name["undo"].trigger()
    assert lab_store.state.p_settings.top_k is None
    window.actions_by_name["redo"].trigger()
    assert lab_store.state == imported
    saved = tmp_path / "session.json"
    assert window.save_session_to(saved)
    document = json.loads(saved.read_text())
    assert document["pages"]["next_token"]["p"]["path"] == str(path)
    assert document["view"] == {"page": "next_token"}
    page.reset()
    assert lab_store.state == start_lab()
    assert window.load_session_from(saved)
    assert lab_store.state == imported
    np.testing.assert_array_equal(
        lab_store.state.p.distribution.logits, example_distributions()[0].logits
    )
    assert page.notice.isHidden()
    # The file gone: the session still loads, with the example and a notice.
    path.unlink()
    forget_restored()
    assert window.load_session_from(saved)
    assert lab_store.state.p.source == ExampleSource(EXAMPLE_SIZES[0], "p")
    assert lab_store.state.p_settings.top_k == 50
    assert page.notice.isVisibleTo(page)
    assert str(path) in page.notice.text() and "No such file" in page.notice.text()
    # Ctrl+S then wrote the example over the user's file name: it asks for
    # a new file instead, and the session file keeps the model it names.
    assert window.session_path is None
    assert "Save asks for a new file" in window.statusBar().currentMessage()
    asked: list[bool] = []
    window.save_session_dialog = lambda: asked.append(True)
    window.save_session_action()
    assert asked
    assert json.loads(saved.read_text())["pages"]["next_token"]["p"]["path"] == str(
        path
    )
    settled(qtbot, lab_store)


def test_saving_a_paste_too_long_to_keep_says_so(
    qtbot: Any, window: Any, page: NextTokenPage, lab_store: Any, tmp_path: Path
) -> None:
    # A paste of 604,679 characters was dropped from the session silently.
    text = " ".join(f"{v:.6f}" for v in np.linspace(-3, 3, 30_000))
    assert len(text) > MAX_KEPT_PASTE
    assert page.import_text("p", text, "logits")
    assert window.save_session_to(tmp_path / "session.json")
    title, message = _problem_said(window)
    assert "not every pasted model" in title
    assert message.startswith(
        f"P was pasted as more than {MAX_KEPT_PASTE:,} characters"
    )
    assert "save the values to a file" in message
    settled(qtbot, lab_store)


def _problem_said(window: Any) -> tuple[str, str]:
    """The last problem box on show (title, text); every one is closed."""
    dialogs = [
        box
        for box in window.findChildren(QMessageBox, "problem_dialog")
        if box.isVisible()
    ]
    assert dialogs
    said = (dialogs[-1].windowTitle(), dialogs[-1].text())
    for box in dialogs:
        box.close()
    return said


def test_saving_two_pastes_too_long_to_keep_says_so_of_both(
    qtbot: Any, window: Any, page: NextTokenPage, lab_store: Any, tmp_path: Path
) -> None:
    # Both pasted read "P and Q was pasted ... in its place".
    text = " ".join(f"{v:.6f}" for v in np.linspace(-3, 3, 30_000))
    assert page.import_text("p", text, "logits")
    other = " ".join(f"{v:.6f}" for v in np.linspace(3, -3, 30_000))
    assert page.import_text("q", other, "logits")
    settled(qtbot, lab_store)
    assert window.save_session_to(tmp_path / "session.json")
    _, message = _problem_said(window)
    assert message.startswith(
        f"P and Q were pasted as more than {MAX_KEPT_PASTE:,} characters each"
    )
    assert "in their place" in message and "{" not in message
    settled(qtbot, lab_store)


def test_a_paste_with_half_a_utf16_pair_is_saved(
    qtbot: Any, window: Any, page: NextTokenPage, lab_store: Any, tmp_path: Path
) -> None:
    # Saving raised UnicodeEncodeError out of the window.
    text = '{"logits": [1, 2, 3, 4], "tokens": ["a", "b", "c", "\ud800"]}'
    assert page.import_text("p", text)
    assert lab_store.state.p.distribution.tokens[-1] == "\ufffd"
    saved = tmp_path / "session.json"
    assert window.save_session_to(saved)
    assert json.loads(saved.read_text(encoding="utf-8"))
    settled(qtbot, lab_store)


def test_the_preset_opens_the_page(qtbot: Any, window: Any) -> None:
    preset = next(p for p in window.presets if p.id == "next-token-nucleus")
    window.apply_preset(preset)
    assert window.current_panel() == "next_token"
    store = window.stores["next_token"]
    assert store.state.p_settings == DecodingSettings(top_p=0.9)
    results = settled(qtbot, store)
    assert results.statistics.p.kept == 41
    page = window.pages["next_token"]
    assert page.readouts.texts("p")["kept"] == "41 of 128,256"
    assert session_to_json(Session(window.store.scenario, {"next_token": store.state}))


def test_the_table_shows_either_models_top_tokens(
    qtbot: Any, page: NextTokenPage, lab_store: Any
) -> None:
    results = settled(qtbot, lab_store)
    assert page.table.model() is page.top_models["p"]
    page.top_choice.setCurrentIndex(1)
    model = page.table.model()
    assert model is page.top_models["q"]
    first = results.statistics.q.top_tokens[0]
    assert model.data(model.index(0, 3)) == format_probability(first.probability)
    assert model.headerData(3, Qt.Orientation.Horizontal, 0) == "q at T"
    page.models.remove_q.click()
    assert page.table.model() is page.top_models["p"]
    assert not page.top_choice.isEnabled()


def test_a_top_k_beyond_the_last_vocabulary_is_shown_as_set(
    qtbot: Any, page: NextTokenPage, lab_store: Any
) -> None:
    """From 128,256 tokens to 262,144 with top-k 262,143 in one change."""
    settled(qtbot, lab_store)
    assert page.decoding["p"].top_k.maximum() == 128_256
    wide = with_settings(
        start_lab(262_144), "p", DecodingSettings(temperature=1.0, top_k=262_143)
    )
    lab_store.set_state(wide)
    spin = page.decoding["p"].top_k
    assert spin.maximum() == 262_144
    assert spin.value() == 262_143
    assert lab_store.state.p_settings.top_k == 262_143  # no write-back either


def test_a_top_k_beyond_a_small_vocabulary_shows_the_k_the_state_holds(
    qtbot: Any, page: NextTokenPage, lab_store: Any
) -> None:
    # Top-k 100 of 4 tokens keeps all 4; the box said 4 while the state,
    # the session and undo held 100.
    model = pasted_model("0.4 0.3 0.2 0.1", "probs")
    state = with_settings(
        with_model(start_lab(), "p", model), "p", DecodingSettings(top_k=100)
    )
    lab_store.set_state(state)
    results = settled(qtbot, lab_store)
    spin = page.decoding["p"].top_k
    assert spin.value() == 100 and spin.maximum() == 100
    assert lab_store.state == state
    assert results.statistics.p.kept == 4
    assert page.readouts.texts("p")["kept"] == "4 of 4"
    spin.setValue(3)  # below the vocabulary: a real cut, and the box follows
    results = settled(qtbot, lab_store)
    assert lab_store.state.p_settings.top_k == 3
    assert results.statistics.p.kept == 3
    assert spin.maximum() == 4  # now the vocabulary's: 4 keeps every token


def test_a_probability_that_grows_longer_is_never_cut_short(
    qtbot: Any, page: NextTokenPage, lab_store: Any
) -> None:
    """T = 1 → 3: "0.0011" becomes "6.490×10⁻⁴"; it was shown as "6.49…"."""
    settled(qtbot, lab_store)
    table = page.table
    header = table.horizontalHeader()

    def cut_numbers() -> list[str]:
        # sizeHintForColumn: the width the column's widest cell on show needs.
        return [
            f"column {column}: {header.sectionSize(column)} px of "
            f"{table.sizeHintForColumn(column)}"
            for column in TopTokensModel.NUMBERS
            if header.sectionSize(column) < table.sizeHintForColumn(column)
        ]

    assert not cut_numbers()
    slider = page.decoding["p"].temperature.slider
    widened = False
    for temperature in (1.5, 2.0, 2.5, 3.0):
        slider.setValue(slider.scale.to_position(temperature))
        settled(qtbot, lab_store)
        texts = [
            table.model().data(table.model().index(row, 3))
            for row in range(table.model().rowCount())
        ]
        widened = widened or any("×10" in text for text in texts)
        assert not cut_numbers(), temperature
    assert widened  # the case this test is about happened


@pytest.mark.parametrize(
    ("tail", "shown"),
    [
        # e^-120: below float32's smallest weight, a float64 number.
        (-120.0, format_probability(math.exp(-120.0) / (1 + math.exp(-120.0)))),
        # e^-800: below any float; positive all the same.
        (-800.0, "> 0, below 2.225×10⁻³⁰⁸"),
    ],
)
def test_the_mass_cut_off_is_never_0_while_tokens_are_cut(
    qtbot: Any, page: NextTokenPage, lab_store: Any, tail: float, shown: str
) -> None:
    # A cold tail under top-k = 1: the float32 weights of the cut token
    # underflowed, and the page said "mass cut off 0" beside "1 of 2 kept".
    model = pasted_model(f"0.0\n{tail}", "logits")
    state = with_settings(
        with_model(start_lab(), "p", model), "p", DecodingSettings(top_k=1)
    )
    lab_store.set_state(state)
    results = settled(qtbot, lab_store)
    # The whole state stands: a 2-token vocabulary clamped the top-k box,
    # whose signal wrote the old settings (top-k off) back over it.
    assert lab_store.state == state
    statistics = results.statistics.p
    assert statistics.kept == 1 and statistics.possible == 2
    assert statistics.cut_mass == pytest.approx(
        math.exp(tail) / (1 + math.exp(tail)), rel=1e-6, abs=0
    )
    texts = page.readouts.texts("p")
    assert texts["kept"] == "1 of 2"
    assert texts["cut"] == shown


def test_the_header_grows_for_a_truncations_reason_and_its_rows(
    qtbot: Any, window: Any, page: NextTokenPage, lab_store: Any
) -> None:
    # Ticking top-k shows a line of reasons inside the header: its area kept
    # its height and "JS(model, truncated)" went out of sight, "D(truncated
    # ‖ model)" cut in half, with the page's room to spare at 1920×1080.
    window.resize(1920, 1080)
    settled(qtbot, lab_store)
    header = page.header
    controls = page.decoding["p"]
    controls.top_k_check.click()
    controls.top_k.setValue(3)
    settled(qtbot, lab_store)
    js_row = page.readouts.cells[("p", "js")]

    def rows_in_sight() -> bool:
        bottom = js_row.mapTo(header.viewport(), js_row.rect().bottomLeft()).y()
        return (
            page.readouts.reasons.isVisible()
            and header.sizeHint().height() < header.maximumHeight()
            and header.height() >= header.sizeHint().height()
            and bottom <= header.viewport().height()
        )

    qtbot.waitUntil(rows_in_sight)
