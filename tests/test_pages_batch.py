"""The batch page: PyTorch's example batch in an editable, validated table.

Claim 11 of docs/teaching.md, on the page: the loss from logits is
−z_y + log Σ exp(z) per sample and the batch's loss is their mean,
1.5229846 nats for the course's example. The page's state is a
:class:`core.batch.BatchState` in ``window.stores["batch"]``; the table is
a ``QAbstractTableModel`` over that store, edited here as a person does
(through the view's editor) and through ``setData``.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox, QPushButton

from core.batch import (
    MAX_QUOTED,
    BatchState,
    add_sample,
    batch_of,
    derive_batch,
    example_batch,
)
from core.losses import cross_entropy_loss
from core.ranges import BATCH_ROWS
from core.session import session_to_json
from core.state_schemas import batch_to_dict
from core.training import pytorch_batch_example
from viz.pages.batch import BatchModel, BatchPage
from viz.plotting import configure_pyqtgraph
from viz.store import Store

EDIT = Qt.ItemDataRole.EditRole
MEAN_TEXT = "1.5229846 nats"


#: Built before the shared window is handed out (tests/window_reuse.py).
SHARED_WINDOW_PAGES = ("batch",)


@pytest.fixture
def batch_state() -> BatchState:
    """The state the page opens on: the course's example."""
    return example_batch()


@pytest.fixture
def batch_store(request, qtbot, batch_state):
    """The page's store: the window's, if the test names the window.

    Building a window costs about two seconds; a test that needs no menus,
    undo on the page on show or sessions gets a store and a page of its own.
    """
    if "window" in request.fixturenames:
        store = request.getfixturevalue("window").stores["batch"]
        assert store.state == batch_state
        return store
    return Store(batch_state, derive_batch, "the batch")


@pytest.fixture
def page(request, qtbot, batch_store):
    """The batch page on show, drawn from ``batch_store``."""
    if "window" in request.fixturenames:
        window = request.getfixturevalue("window")
        window.show_panel("batch")
        page = window.pages["batch"]
    else:
        configure_pyqtgraph()
        page = BatchPage(batch_store)
        qtbot.addWidget(page)
        page.resize(1280, 760)
        page.show()
        qtbot.waitExposed(page)
    assert isinstance(page, BatchPage)
    assert page.store is batch_store
    return page


def child(page, cls, name):
    widget = page.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name}"
    return widget


def settle(qtbot, store):
    """Wait for the one derive the store scheduled (results of the current state)."""
    qtbot.waitUntil(lambda: store.results_state is store.state)


def cell(page, row, column):
    """The text a cell shows."""
    return page.model.index(row, column).data(Qt.ItemDataRole.DisplayRole)


def mean_text(page):
    return child(page, QLabel, "batch_mean_loss").text()


def message(page):
    return child(page, QLabel, "batch_message")


def open_editor(qtbot, page, row, column) -> QLineEdit:
    """Select a cell and open its editor, as a double click does."""
    table = page.table
    index = page.model.index(row, column)
    table.scrollTo(index)  # as a user scrolls to a cell before a double click
    table.setCurrentIndex(index)
    table.edit(index)
    # The last editor may linger, hidden, until its deferred delete runs.
    editors = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1
    editor = editors[0]
    assert editor.text() == cell(page, row, column)  # it opens on the shown text
    return editor


def commit(qtbot, page, editor):
    """Press Enter in an open editor and wait for the results it asked for."""
    # Enter commits through a queued call: wait for the editor to close.
    with qtbot.waitSignal(page.table.itemDelegate().closeEditor):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    settle(qtbot, page.store)


def type_into_cell(qtbot, page, row, column, text):
    """Edit a cell as a person does: select it, type, press Enter."""
    editor = open_editor(qtbot, page, row, column)
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:  # QTest types ASCII only; a real "−" arrives as one inserted character
        editor.insert(text)
    commit(qtbot, page, editor)


def undo_steps(window, store) -> int:
    """Undo on the page on show until nothing is left; how many steps it took."""
    steps = 0
    while store.can_undo:
        window.undo()
        steps += 1
    return steps


# --- the table and the example -------------------------------------------------


def test_the_table_is_a_model_over_the_store(page):
    model = page.model
    assert isinstance(model, BatchModel) and isinstance(model, QAbstractTableModel)
    assert page.table.model() is model
    assert (model.rowCount(), model.columnCount()) == (4, 7)
    assert model.rowCount(model.index(0, 0)) == 0  # a table, not a tree
    horizontal = [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(7)
    ]
    assert horizontal == ["z0", "z1", "z2", "z3", "z4", "label y", "loss (nats)"]
    assert model.headerData(2, Qt.Orientation.Vertical) == "sample 2"
    for column in range(6):
        assert model.flags(model.index(0, column)) & Qt.ItemFlag.ItemIsEditable
    loss = model.index(0, 6)
    assert not model.flags(loss) & Qt.ItemFlag.ItemIsEditable
    assert "−z_y + log Σ exp(z)" in loss.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, 0).data(EDIT) == "0.1117"


def test_shows_the_course_example(page):
    assert mean_text(page) == MEAN_TEXT
    results = page.store.results
    assert results.mean == pytest.approx(1.5229845917064049, abs=1e-15)
    logits, labels = pytorch_batch_example()
    per_sample = cross_entropy_loss(logits, labels, reduction="none")
    np.testing.assert_array_equal(results.losses, per_sample)
    assert [cell(page, row, 6) for row in range(4)] == [
        "1.4360",
        "1.7127",
        "1.4064",
        "1.5368",
    ]
    np.testing.assert_array_equal(page.plots.losses.heights(), per_sample)
    assert page.plots.mean_line.value() == pytest.approx(1.5229846, abs=5e-8)
    assert cell(page, 0, 0) == "0.1117"
    assert [cell(page, row, 5) for row in range(4)] == list("4332")
    assert (
        "(1.4360 + 1.7127 + 1.4064 + 1.5368) / 4"
        in child(page, QLabel, "batch_mean_formula").text()
    )
    assert not message(page).isVisible()


def test_selecting_a_row_shows_its_softmax(page):
    page.table.setCurrentIndex(page.model.index(2, 0))
    logits, _ = pytorch_batch_example()
    q = np.exp(logits[2]) / np.sum(np.exp(logits[2]))
    np.testing.assert_allclose(page.plots.softmax.heights(), q, rtol=1e-14)
    assert page.plots.target.heights().tolist() == [0, 0, 0, 1, 0]
    assert "sample 2" in page.plots.sample_plot.titleLabel.text


# --- editing through the view ------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "text", "reason"),
    [
        (2, "abc", "“abc” is not a number"),
        (2, "nan", "is not a finite number"),
        (2, "1e999", "is not a finite number"),
        (2, "99", "99.00 is outside [−50, 50]"),
        (2, "", "is not a number"),
        (5, "7", "labels run from 0 to 4"),
        (5, "2.5", "is not a whole number"),
        (5, "", "is not a whole number"),
    ],
)
def test_a_refused_cell_keeps_its_value_and_says_why_naming_the_cell(
    page, qtbot, column, text, reason
):
    store = page.store
    before = store.state
    shown = cell(page, 1, column)
    type_into_cell(qtbot, page, 1, column, text)
    assert message(page).isVisible()
    said = message(page).text()
    where = "Sample 1, label: " if column == 5 else f"Sample 1, logit z{column}: "
    assert said.startswith(where) and reason in said
    assert said.endswith(f"; kept {shown}.")
    assert store.state is before and not store.can_undo  # kept, and no undo step
    assert cell(page, 1, column) == shown
    assert mean_text(page) == MEAN_TEXT
    for row in range(4):
        assert "nan" not in cell(page, row, 6).lower()


def test_a_refusal_is_said_in_chinese_and_follows_a_switch_of_language(
    window, page, qtbot
):
    # The core's English sentence was shown as it was: "Sample 0, logit z0:
    # 1.000×10⁶ is outside [−50, 50]; kept 0.1117." in the Chinese window.
    from chinese import in_chinese

    with in_chinese():
        type_into_cell(qtbot, page, 0, 0, "1e6")
        said = message(page).text()
        assert said.startswith("样本 0 的 logit z0：") and "超出了 [−50, 50]" in said
        assert not {"Sample", "outside", "kept"} & set(said.replace("：", " ").split())
    english = message(page).text()  # back in English: the same refusal, reworded
    assert english.startswith("Sample 0, logit z0: 1.000×10⁶ is outside [−50, 50]")
    assert english.endswith("; kept 0.1117.")


def test_a_valid_edit_changes_only_its_row(page, qtbot):
    changed = []
    page.model.dataChanged.connect(lambda *args: changed.append(args))
    type_into_cell(qtbot, page, 1, 3, "5")
    assert not message(page).isVisible()
    assert page.store.state.logits[1, 3] == 5.0
    assert len(changed) == 1  # one report of the changed cells per result
    logits, labels = pytorch_batch_example()
    logits[1, 3] = 5.0
    per_sample = cross_entropy_loss(logits, labels, reduction="none")
    np.testing.assert_array_equal(page.store.results.losses, per_sample)
    assert cell(page, 1, 6) == f"{per_sample[1]:.4f}"
    assert cell(page, 1, 3) == "5.0000"
    assert cell(page, 0, 6) == "1.4360"  # other rows unchanged
    assert mean_text(page) == f"{np.mean(per_sample):.7f} nats"
    type_into_cell(qtbot, page, 2, 5, "0")
    assert page.store.state.labels.tolist() == [4, 3, 0, 2]
    assert page.store.results.losses[2] == pytest.approx(
        cross_entropy_loss(logits[2], 0), rel=1e-15
    )


def test_a_real_minus_sign_is_a_minus(page, qtbot):
    type_into_cell(qtbot, page, 0, 0, "−3")
    assert page.store.state.logits[0, 0] == -3.0
    assert cell(page, 0, 0) == "−3.0000"
    assert mean_text(page) != MEAN_TEXT


def test_confirming_a_shown_value_keeps_the_exact_one(page, qtbot):
    store = page.store
    before = store.state
    exact = before.logits[0, 0]
    editor = open_editor(qtbot, page, 0, 0)  # it holds the shown, rounded text
    commit(qtbot, page, editor)
    assert store.state is before and store.state.logits[0, 0] == exact
    assert not store.can_undo
    assert mean_text(page) == MEAN_TEXT


def test_a_megabyte_pasted_into_a_cell_is_refused_with_a_short_message(page, qtbot):
    store = page.store
    before = store.state
    pasted = "0.5, 0.25; " * 100_000  # about a megabyte of a copied table
    # Through the model, the whole megabyte:
    assert not page.model.setData(page.model.index(1, 2), pasted, EDIT)
    said = message(page).text()
    quoted = said[said.index("“") + 1 : said.index("”")]
    assert len(quoted) == MAX_QUOTED and quoted.endswith("…")
    assert said.startswith("Sample 1, logit z2: “0.5, 0.25;")
    assert len(said) < 120
    assert store.state is before and not store.can_undo
    # Through the editor, pasted from the clipboard (the line edit keeps what
    # it can hold):
    QGuiApplication.clipboard().setText(pasted)
    editor = open_editor(qtbot, page, 3, 5)
    editor.selectAll()
    qtbot.keySequence(editor, QKeySequence.StandardKey.Paste)
    assert len(editor.text()) > 10_000
    commit(qtbot, page, editor)
    said = message(page).text()
    assert said.startswith("Sample 3, label: “0.5, 0.25;") and len(said) < 120
    assert store.state is before and cell(page, 3, 5) == "2"


# --- setData: the model writes the store, the views follow -------------------------


def test_set_data_only_writes_the_store_and_the_views_follow_on_the_next_pass(
    page, qtbot
):
    store, model = page.store, page.model
    derivations = store.derivations
    assert model.setData(model.index(1, 3), "5", EDIT)
    assert model.setData(model.index(2, 5), "0", EDIT)
    state = store.state
    assert state.logits[1, 3] == 5.0 and state.labels[2] == 0  # the state, at once
    assert store.pending  # the views, on the next pass
    assert mean_text(page) == MEAN_TEXT and cell(page, 1, 3) != "5.0000"
    settle(qtbot, store)
    assert store.derivations == derivations + 1  # one derive for both edits
    logits, labels = pytorch_batch_example()
    logits[1, 3], labels[2] = 5.0, 0
    expected = cross_entropy_loss(logits, labels)
    assert mean_text(page) == f"{expected:.7f} nats"
    assert cell(page, 1, 3) == "5.0000" and cell(page, 2, 5) == "0"
    # What is not an edit changes nothing.
    before = store.state
    assert not model.setData(model.index(0, 6), "9", EDIT)  # the loss column
    assert not model.setData(model.index(0, 0), "9", Qt.ItemDataRole.DisplayRole)
    assert not model.setData(QModelIndex(), "9", EDIT)
    assert not model.setData(model.index(0, 0), "abc", EDIT)  # refused
    assert store.state is before and not store.pending


# --- buttons, limits and undo ------------------------------------------------------


def test_reset_add_and_remove(window, page, qtbot):
    store = page.store
    type_into_cell(qtbot, page, 0, 0, "−3")
    edited = store.state
    qtbot.mouseClick(
        child(page, QPushButton, "batch_add_row_button"), Qt.MouseButton.LeftButton
    )
    settle(qtbot, store)
    assert page.model.rowCount() == 5 and store.state.labels.tolist()[-1] == 0
    assert store.results.losses[-1] == pytest.approx(np.log(5), rel=1e-15)
    added = store.state
    qtbot.mouseClick(
        child(page, QPushButton, "batch_reset_button"), Qt.MouseButton.LeftButton
    )
    settle(qtbot, store)
    assert page.model.rowCount() == 4 and mean_text(page) == MEAN_TEXT
    # Reset is one undo step on the page on show, as each edit is.
    window.undo()
    settle(qtbot, store)
    assert store.state is added and page.model.rowCount() == 5
    window.undo()
    assert store.state is edited
    window.redo()
    window.redo()
    remove = child(page, QPushButton, "batch_remove_row_button")
    for _ in range(3):
        qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert not message(page).isVisible()
    before = store.state
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)  # a batch keeps one sample
    settle(qtbot, store)
    assert store.state is before and page.model.rowCount() == BATCH_ROWS.low
    assert message(page).isVisible()
    assert message(page).text() == "A batch needs at least one sample."


def test_a_full_batch_takes_no_more_samples(page, qtbot):
    store = page.store
    full = example_batch()
    while full.n < BATCH_ROWS.high:
        full = add_sample(full).state
    store.set_state(full)
    settle(qtbot, store)
    assert page.model.rowCount() == 64
    qtbot.mouseClick(
        child(page, QPushButton, "batch_add_row_button"), Qt.MouseButton.LeftButton
    )
    assert store.state is full
    assert message(page).text() == "A batch holds at most 64 samples here."
    qtbot.mouseClick(
        child(page, QPushButton, "batch_remove_row_button"), Qt.MouseButton.LeftButton
    )
    settle(qtbot, store)
    assert page.model.rowCount() == 63 and not message(page).isVisible()
    assert "…" in child(page, QLabel, "batch_mean_formula").text()  # a long sum


def test_every_cell_edit_is_one_undo_step(window, page, qtbot):
    store = page.store
    type_into_cell(qtbot, page, 1, 3, "5")
    type_into_cell(qtbot, page, 2, 5, "0")
    assert store.state.labels[2] == 0 and store.state.logits[1, 3] == 5.0
    window.undo()
    settle(qtbot, store)
    assert store.state.labels[2] == 3 and store.state.logits[1, 3] == 5.0
    assert cell(page, 2, 5) == "3"
    window.undo()
    settle(qtbot, store)
    assert store.state == example_batch() and not store.can_undo
    assert cell(page, 1, 3) == "0.2080" and mean_text(page) == MEAN_TEXT
    window.redo()
    settle(qtbot, store)
    assert cell(page, 1, 3) == "5.0000"
    assert undo_steps(window, store) == 1


def test_a_refusal_is_cleared_once_the_batch_changes(window, page, qtbot):
    type_into_cell(qtbot, page, 1, 3, "5")
    type_into_cell(qtbot, page, 1, 2, "abc")
    assert message(page).isVisible()
    window.undo()  # the batch it spoke of is gone
    assert not message(page).isVisible() and message(page).text() == ""


def test_space_and_dot_say_there_is_nothing_to_play_here(window, page, qtbot):
    before = page.store.state
    window.actions_by_name["play"].trigger()  # Space
    assert message(page).isVisible()
    assert message(page).text() == page.nothing_to_play
    assert "Nothing to play on this page" in page.nothing_to_play
    window.actions_by_name["step"].trigger()  # "."
    assert message(page).isVisible()
    assert message(page).text() == page.nothing_to_play
    assert page.store.state is before and not page.store.can_undo
    type_into_cell(qtbot, page, 0, 0, "1")  # the next valid edit clears the hint
    assert not message(page).isVisible()


# --- store → table, and sessions ---------------------------------------------------


def test_the_table_follows_the_store(page, qtbot):
    store = page.store
    batch = batch_of([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]], [2, 0])
    store.set_state(batch)
    settle(qtbot, store)
    assert (page.model.rowCount(), page.model.columnCount()) == (2, 5)
    assert [cell(page, 0, c) for c in range(4)] == ["1.0000", "2.0000", "3.0000", "2"]
    expected = cross_entropy_loss(batch.logits, batch.labels)
    assert mean_text(page) == f"{expected:.7f} nats"
    assert page.plots.losses.heights().size == 2
    assert page.table.currentIndex().isValid()


def test_the_batch_survives_saving_and_opening_a_session(window, page, qtbot, tmp_path):
    store = page.store
    type_into_cell(qtbot, page, 1, 3, "5")
    qtbot.mouseClick(
        child(page, QPushButton, "batch_add_row_button"), Qt.MouseButton.LeftButton
    )
    saved_state = store.state
    path = tmp_path / "batch.json"
    assert window.save_session_to(path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["pages"]["batch"] == batch_to_dict(saved_state)
    assert saved["view"] == {"page": "batch"}
    page.reset()
    window.show_panel("explorer")
    assert window.load_session_from(path)
    assert window.current_panel() == "batch"
    settle(qtbot, store)
    assert store.state == saved_state
    assert page.model.rowCount() == 5 and cell(page, 1, 3) == "5.0000"


def test_a_bad_batch_in_a_session_is_refused_naming_it_and_changes_nothing(
    window, page, tmp_path
):
    store = page.store
    before = store.state
    good = json.loads(session_to_json(window.session()))
    bad = [
        ("labels", [4, 3, 3, 5], "pages.batch.labels[3]"),
        ("logits", [[0.0] * 5] * 3, "pages.batch.labels"),
        ("logits", [[0.0, 51.0]] * 4, "pages.batch.logits[0][1]"),
    ]
    for key, value, field in bad:
        document = json.loads(json.dumps(good))
        document["pages"]["batch"][key] = value
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        assert not window.load_session_from(path)
        assert store.state is before
        dialog = window.findChild(QMessageBox, "problem_dialog")
        assert dialog is not None and dialog.text().startswith(field + " ")
        dialog.close()
        dialog.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_label_and_loss_columns_are_never_cut_in_lecture_type(window, page, qtbot):
    # Every column stretched alike: at 1024 px in lecture type the header
    # read "oss (nats" over "1.436".
    from viz import appearance, theme

    size = window.size()
    appearance.apply_application_style(theme.LECTURE, 1.0)
    window.set_lecture(True, full_screen=False)
    window.resize(1024, 768)
    try:
        table = page.table
        header = table.horizontalHeader()
        last = page.model.columnCount() - 1

        def fitted() -> bool:
            return all(
                header.sectionSize(column)
                >= max(header.sectionSizeHint(column), table.sizeHintForColumn(column))
                for column in (last - 1, last)
            )

        for _ in range(12):  # the new size and type laid out first
            QCoreApplication.sendPostedEvents()
            QApplication.processEvents()
        qtbot.waitUntil(fitted)
    finally:
        window.set_lecture(False, full_screen=False)
        appearance.apply_application_style(theme.NORMAL, 1.0)
        window.resize(size)


def test_the_logits_and_every_row_are_whole_in_lecture_type(window, page, qtbot):
    # At 1024 px in lecture type the logits read "0.11…", "0.81…"; at
    # 3840×2160 the table showed three and a half of its four rows.
    from layout_checks import in_lecture

    with in_lecture(window, 1024, 768, app_style=True):
        table = page.table
        header = table.horizontalHeader()
        logits = range(page.model.columnCount() - 2)
        rows = page.model.rowCount()

        def whole() -> bool:
            QApplication.processEvents()
            cells = all(
                header.sectionSize(c) >= table.sizeHintForColumn(c) for c in logits
            )
            last = table.rowViewportPosition(rows - 1) + table.rowHeight(rows - 1)
            return cells and last <= table.viewport().height()

        qtbot.waitUntil(whole)
