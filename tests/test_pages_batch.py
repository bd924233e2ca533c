"""The batch page: PyTorch's example batch in an editable, validated table."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton

from core.losses import cross_entropy_loss
from core.session import SessionError
from core.training import pytorch_batch_example
from viz.pages.batch import (
    NOTHING_TO_PLAY,
    NOTHING_TO_STEP,
    BatchPage,
    BatchState,
    edit_cell,
)


@pytest.fixture
def page(window):
    window.show_panel("batch")
    page = window.pages["batch"]
    assert isinstance(page, BatchPage)
    return page


def child(page, cls, name):
    widget = page.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name}"
    return widget


def mean_text(page):
    return child(page, QLabel, "batch_mean_loss").text()


def message(page):
    return child(page, QLabel, "batch_message")


def type_into_cell(qtbot, page, row, column, text):
    """Edit a cell as a person does: select it, type, press Enter."""
    table = page.table
    table.setCurrentCell(row, column)
    table.editItem(table.item(row, column))
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:  # QTest types ASCII only; a real "−" arrives as one inserted character
        editor.insert(text)
    # Enter commits through a queued call: wait for the editor to close.
    with qtbot.waitSignal(table.itemDelegate().closeEditor):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.draw_pending)  # the one redraw it asked for


def test_shows_the_course_example(page):
    assert mean_text(page) == "1.5229846 nats"
    logits, labels = pytorch_batch_example()
    per_sample = cross_entropy_loss(logits, labels, reduction="none")
    column = page.k + 1
    shown = [page.table.item(row, column).text() for row in range(4)]
    assert shown == ["1.4360", "1.7127", "1.4064", "1.5368"]
    assert np.array_equal(page.plots.losses.heights(), per_sample)
    assert page.plots.mean_line.value() == pytest.approx(1.5229846, abs=5e-8)
    assert page.table.item(0, 0).text() == "0.1117"
    assert [page.table.item(row, 5).text() for row in range(4)] == list("4332")
    assert (
        "(1.4360 + 1.7127 + 1.4064 + 1.5368) / 4"
        in child(page, QLabel, "batch_mean_formula").text()
    )


@pytest.mark.parametrize(
    ("column", "text", "reason"),
    [
        (2, "abc", "is not a number"),
        (2, "nan", "is not a finite number"),
        (2, "1e999", "is not a finite number"),
        (2, "99", "outside [−50, 50]"),
        (5, "7", "labels run from 0 to 4"),
        (5, "2.5", "is not a whole number"),
        (5, "", "is not a whole number"),
    ],
)
def test_a_bad_entry_is_refused_with_a_message(page, qtbot, column, text, reason):
    before = page.settings()
    shown = page.table.item(1, column).text()
    type_into_cell(qtbot, page, 1, column, text)
    assert message(page).isVisible()
    assert reason in message(page).text()
    assert message(page).text().startswith("Sample 1")
    assert f"kept {shown}" in message(page).text()
    assert page.settings() == before  # the last valid value is kept
    assert page.table.item(1, column).text() == shown
    assert mean_text(page) == "1.5229846 nats"
    for row in range(4):
        assert "nan" not in page.table.item(row, page.k + 1).text().lower()


def test_a_valid_edit_changes_only_its_row(page, qtbot):
    type_into_cell(qtbot, page, 1, 3, "5")
    assert not message(page).isVisible()
    assert page.logits[1, 3] == 5.0
    logits, labels = pytorch_batch_example()
    logits[1, 3] = 5.0
    per_sample = cross_entropy_loss(logits, labels, reduction="none")
    assert np.array_equal(page.losses, per_sample)
    assert page.table.item(1, 6).text() == f"{per_sample[1]:.4f}"
    assert page.table.item(0, 6).text() == "1.4360"  # other rows unchanged
    assert mean_text(page) == f"{np.mean(per_sample):.7f} nats"
    type_into_cell(qtbot, page, 2, 5, "0")
    assert page.labels.tolist() == [4, 3, 0, 2]
    assert page.losses[2] == pytest.approx(cross_entropy_loss(logits[2], 0), rel=1e-15)


def test_confirming_a_shown_value_keeps_the_exact_one(page, qtbot):
    exact = page.logits[0, 0]
    type_into_cell(qtbot, page, 0, 0, page.table.item(0, 0).text())
    assert page.logits[0, 0] == exact
    assert mean_text(page) == "1.5229846 nats"


def test_reset_add_and_remove(page, qtbot):
    type_into_cell(qtbot, page, 0, 0, "−3")
    assert page.logits[0, 0] == -3.0  # a real minus sign is accepted
    assert mean_text(page) != "1.5229846 nats"
    qtbot.mouseClick(
        child(page, QPushButton, "batch_add_row_button"), Qt.MouseButton.LeftButton
    )
    assert page.table.rowCount() == 5 and page.labels.tolist()[-1] == 0
    assert page.losses[-1] == pytest.approx(np.log(5))
    qtbot.mouseClick(
        child(page, QPushButton, "batch_reset_button"), Qt.MouseButton.LeftButton
    )
    assert page.table.rowCount() == 4
    assert mean_text(page) == "1.5229846 nats"
    for _ in range(3):
        page.remove_sample()
    page.remove_sample()  # a batch keeps one sample
    assert page.table.rowCount() == 1
    assert "at least one sample" in message(page).text()


def test_selecting_a_row_shows_its_softmax(page):
    page.table.setCurrentCell(2, 0)
    logits, _ = pytorch_batch_example()
    q = np.exp(logits[2]) / np.sum(np.exp(logits[2]))
    assert np.allclose(page.plots.softmax.heights(), q, rtol=1e-14)
    assert page.plots.target.heights().tolist() == [0, 0, 0, 1, 0]


def test_settings_round_trip_and_strict_validation(page):
    settings = {"logits": ((1.0, 2.0, 3.0), (0.0, 0.0, 0.0)), "labels": (2, 0)}
    page.apply_settings(settings)
    assert page.settings() == settings
    assert page.table.columnCount() == 5 and page.table.rowCount() == 2
    expected = cross_entropy_loss(np.array(settings["logits"]), [2, 0])
    assert mean_text(page) == f"{expected:.7f} nats"
    with pytest.raises(SessionError, match=r"labels\[0\] must lie in \[0, 2\]"):
        page.apply_settings({"logits": ((1.0, 2.0, 3.0),), "labels": (3,)})
    assert page.settings() == settings  # unchanged
    page.apply_settings({})
    assert mean_text(page) == "1.5229846 nats"


def test_space_and_dot_say_there_is_nothing_to_play_here(window, page, qtbot):
    before = page.settings()
    window.actions_by_name["play"].trigger()  # Space
    assert message(page).isVisible() and message(page).text() == NOTHING_TO_PLAY
    assert "Nothing to play on this page" in NOTHING_TO_PLAY
    window.actions_by_name["step"].trigger()  # "."
    assert message(page).isVisible() and message(page).text() == NOTHING_TO_STEP
    assert page.settings() == before
    type_into_cell(qtbot, page, 0, 0, "1")  # the next valid edit clears the hint
    assert not message(page).isVisible()


def test_the_cell_slot_only_stores_the_state_and_asks_for_one_redraw(page, qtbot):
    item = page.table.item(1, 3)
    item.setText("5")  # as a committed editor does: itemChanged
    page.table.item(2, 5).setText("0")
    assert page.logits[1, 3] == 5.0 and page.labels[2] == 0  # the state, at once
    assert page.draw_pending  # the views, on the next pass
    assert mean_text(page) == "1.5229846 nats"
    qtbot.waitUntil(lambda: not page.draw_pending)
    logits, labels = pytorch_batch_example()
    logits[1, 3], labels[2] = 5.0, 0
    expected = cross_entropy_loss(logits, labels)
    assert mean_text(page) == f"{expected:.7f} nats"
    assert item.text() == "5.0000"
    assert page.table.item(2, 5).text() == "0"


def test_edit_cell_is_a_pure_function_of_the_batch():
    batch = BatchState.of(*pytorch_batch_example())
    logits = batch.logits.copy()
    accepted = edit_cell(batch, 1, 3, "−2.5")
    assert accepted.message == ""
    assert accepted.batch.logits[1, 3] == -2.5
    assert np.array_equal(batch.logits, logits)  # never edited in place
    expected = cross_entropy_loss(accepted.batch.logits, batch.labels, reduction="none")
    assert np.array_equal(accepted.batch.losses, expected)
    assert accepted.batch.mean == float(np.mean(expected))
    shown = f"{batch.logits[0, 0]:.4f}"
    for ignored in (edit_cell(batch, 0, 0, shown), edit_cell(batch, 0, 6, "9")):
        assert ignored.batch is batch and ignored.message is None  # no change
    refused = edit_cell(batch, 1, 2, "abc")
    assert refused.batch is batch
    assert refused.message == (
        f"Sample 1, logit z2: “abc” is not a number; kept {batch.logits[1, 2]:.4f}."
    )
    refused = edit_cell(batch, 3, 5, "7")
    assert refused.batch is batch
    assert refused.message == (
        "Sample 3, label: class 7 does not exist: labels run from 0 to 4; kept 2."
    )
    relabelled = edit_cell(batch, 3, 5, "0")
    assert relabelled.message == "" and relabelled.batch.labels.tolist() == [4, 3, 3, 0]
