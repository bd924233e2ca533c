"""The batch page's state as a value (core/batch.py), without Qt.

Claim 11 of docs/teaching.md: the loss from logits is L = −z_y + log Σ exp(z)
per sample, and a batch's loss is the mean over its samples; for the
course's PyTorch example it is 1.5229846 nats.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys

import numpy as np
import pytest

from core.batch import (
    MAX_QUOTED,
    BatchState,
    add_sample,
    batch_of,
    derive_batch,
    edit_cell,
    example_batch,
    logit_text,
    remove_sample,
)
from core.json_values import SessionError, strict_json
from core.ranges import BATCH_CLASSES, BATCH_LOGIT, BATCH_ROWS
from core.state_schemas import batch_from_dict, batch_to_dict
from core.training import pytorch_batch_example

#: nn.CrossEntropyLoss()(logits, labels) of the example, in float64.
EXAMPLE_MEAN = 1.5229845917064049


def log_softmax(z):
    """An independent log-softmax: shift by the row maximum, then log-sum-exp."""
    z = np.asarray(z, dtype=np.float64)
    shifted = z - np.max(z, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


def reference_losses(logits, labels):
    """−log softmax(z)[y] per sample."""
    rows = np.arange(len(labels))
    return -log_softmax(logits)[rows, np.asarray(labels)]


def test_importing_the_state_loads_no_qt():
    probe = "import sys, core.batch; print('PySide6' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert done.stdout.strip() == "False"


# --- the batch ------------------------------------------------------------------


def test_the_example_is_the_course_batch():
    batch = example_batch()
    logits, labels = pytorch_batch_example()
    assert (batch.n, batch.k) == (4, 5)
    np.testing.assert_array_equal(batch.logits, logits)
    assert batch.labels.tolist() == list(labels) == [4, 3, 3, 2]
    assert batch.logits.dtype == np.float64 and batch.labels.dtype == np.int64
    results = derive_batch(batch)
    assert results.mean == pytest.approx(EXAMPLE_MEAN, abs=1e-15)
    assert f"{results.mean:.7f}" == "1.5229846"  # what PyTorch prints
    assert [f"{loss:.4f}" for loss in results.losses] == [
        "1.4360",
        "1.7127",
        "1.4064",
        "1.5368",
    ]


def test_a_batch_is_read_only_and_copies_its_inputs():
    logits = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
    labels = [2, 0]
    batch = batch_of(logits, labels)
    logits[0, 0] = 40.0
    labels[0] = 1
    assert batch.logits[0, 0] == 1.0 and batch.labels[0] == 2
    for array in (batch.logits, batch.labels):
        with pytest.raises(ValueError, match="read-only"):
            array[0] = 0


@pytest.mark.parametrize(
    ("logits", "labels", "match"),
    [
        ([1.0, 2.0], [0], r"^logits must be a table \(N, K\), got shape \(2,\)$"),
        ([[1.0, 2.0], [3.0]], [0, 0], "rows of equal length"),
        (np.zeros((0, 3)), [], r"^samples must lie in \[1, 64\], got 0$"),
        (np.zeros((65, 3)), [0] * 65, r"^samples must lie in \[1, 64\], got 65$"),
        (np.zeros((2, 1)), [0, 0], r"^classes must lie in \[2, 16\], got 1$"),
        (np.zeros((2, 17)), [0, 0], r"^classes must lie in \[2, 16\], got 17$"),
        ([[0.0, math.nan]], [0], r"^logits\[0\]\[1\] is nan: every logit must lie"),
        ([[0.0, 1.0], [-math.inf, 0.0]], [0, 0], r"^logits\[1\]\[0\] is -inf"),
        ([[0.0, 50.5]], [0], r"^logits\[0\]\[1\] is 50.5: .* \[-50, 50\]$"),
        ([[True, False]], [0], "^logits must be real numbers"),
        ([[True, 1]], [0], "^logits must be real numbers"),  # was [[1, 1]]
        ([[0.5, True]], [0], "^logits must be real numbers"),
        ([["1", "2"]], [0], "^logits must be real numbers"),
        ([[1j, 0.0]], [0], "^logits must be real numbers"),
        ([[1.0, None]], [0], "^logits must be real numbers"),
        ([[1.0, 2.0]], [0, 1], "^labels has 2 entries but logits has 1 rows$"),
        ([[1.0, 2.0]], [], "^labels has 0 entries but logits has 1 rows$"),
        ([[1.0, 2.0]], [2], r"^labels\[0\] is 2: every label must lie in \[0, 1\]$"),
        ([[1.0, 2.0]] * 2, [0, -1], r"^labels\[1\] is -1: every label must lie"),
        ([[1.0, 2.0]], [0.5], r"^every label must be a whole number in \[0, 1\]$"),
        ([[1.0, 2.0]], [1.0], "^every label must be a whole number"),
        ([[1.0, 2.0]], [True], "^every label must be a whole number"),
        ([[1.0, 2.0]], ["1"], "^every label must be a whole number"),
        ([[1.0, 2.0]], [2**70], "^every label must be a whole number"),
    ],
)
def test_a_bad_batch_is_refused_saying_why(logits, labels, match):
    with pytest.raises(ValueError, match=match):
        batch_of(logits, labels)


def test_the_limits_are_those_of_the_ranges():
    at_limits = batch_of(
        np.full((BATCH_ROWS.high, BATCH_CLASSES.high), BATCH_LOGIT.high),
        [BATCH_CLASSES.high - 1] * BATCH_ROWS.high,
    )
    assert (at_limits.n, at_limits.k) == (64, 16)
    assert batch_of([[BATCH_LOGIT.low, 0.0]], [0]).logits[0, 0] == -50.0


def test_batches_are_equal_by_value():
    batch = example_batch()
    assert batch == batch_of(*pytorch_batch_example())
    assert batch != edit_cell(batch, 0, 5, "0").state
    assert batch != edit_cell(batch, 0, 0, "1").state
    assert batch != batch_of(batch.logits[:3], batch.labels[:3])
    assert batch != "a batch"
    with pytest.raises(TypeError):
        hash(batch)


# --- the results ------------------------------------------------------------------


def test_losses_are_minus_the_log_softmax_of_the_label():
    batch = example_batch()
    results = derive_batch(batch)
    assert results.state is batch
    expected = reference_losses(batch.logits, batch.labels)
    np.testing.assert_allclose(results.losses, expected, rtol=1e-15)
    assert results.mean == pytest.approx(float(np.mean(expected)), rel=1e-15)
    np.testing.assert_allclose(
        results.probabilities, np.exp(log_softmax(batch.logits)), rtol=1e-15
    )
    np.testing.assert_allclose(results.probabilities.sum(axis=1), 1.0, rtol=1e-15)


def test_losses_at_the_logit_limits_are_finite_and_exact():
    # exp(50) and exp(−50) are far apart but representable; the log-softmax
    # must not overflow, and a certain right answer costs next to nothing.
    batch = batch_of([[50.0, -50.0], [-50.0, 50.0], [0.0, 0.0]], [1, 1, 0])
    results = derive_batch(batch)
    assert results.losses[0] == pytest.approx(100.0, rel=1e-15)
    assert 0.0 <= results.losses[1] < 1e-40
    assert results.losses[2] == pytest.approx(math.log(2.0), rel=1e-15)
    assert results.mean == pytest.approx((100.0 + math.log(2.0)) / 3, rel=1e-15)
    assert np.all(np.isfinite(results.probabilities))


def test_shifting_a_sample_s_logits_changes_no_loss():
    batch = example_batch()
    shifted = batch_of(batch.logits + 7.0, batch.labels)
    np.testing.assert_allclose(
        derive_batch(shifted).losses, derive_batch(batch).losses, rtol=1e-14
    )


# --- editing ----------------------------------------------------------------------


def test_typing_a_logit_gives_a_new_batch_and_leaves_the_old_one():
    batch = example_batch()
    before = batch.logits.copy()
    edit = edit_cell(batch, 1, 3, "−2.5")  # a real minus sign
    assert edit.message == ""
    assert edit.state.logits[1, 3] == -2.5
    np.testing.assert_array_equal(batch.logits, before)  # never edited in place
    changed = edit.state.logits != before
    assert changed.sum() == 1 and changed[1, 3]
    np.testing.assert_array_equal(edit.state.labels, batch.labels)
    assert edit_cell(batch, 0, 2, "  -3e1 ").state.logits[0, 2] == -30.0
    assert edit_cell(batch, 0, 2, "50").state.logits[0, 2] == 50.0


def test_typing_a_label_changes_only_that_label():
    batch = example_batch()
    edit = edit_cell(batch, 3, 5, "0")
    assert edit.message == ""
    assert edit.state.labels.tolist() == [4, 3, 3, 0]
    np.testing.assert_array_equal(edit.state.logits, batch.logits)
    assert edit_cell(batch, 3, 5, " 4 ").state.labels[3] == 4


@pytest.mark.parametrize(
    ("row", "column", "text", "message"),
    [
        (1, 2, "abc", "Sample 1, logit z2: “abc” is not a number; kept 0.0428."),
        (1, 2, "nan", "Sample 1, logit z2: “nan” is not a finite number; kept 0.0428."),
        (0, 0, "1e999", "Sample 0, logit z0: “1e999” is not a finite number; kept "),
        (2, 4, "99", "Sample 2, logit z4: 99.00 is outside [−50, 50]; kept 0.4183."),
        (2, 4, "-50.5", "Sample 2, logit z4: −50.50 is outside [−50, 50]; kept "),
        (2, 4, "", "Sample 2, logit z4: “” is not a number; kept 0.4183."),
        (
            3,
            5,
            "7",
            "Sample 3, label: class 7 does not exist: labels run from 0 to 4; kept 2.",
        ),
        (3, 5, "2.5", "Sample 3, label: “2.5” is not a whole number; kept 2."),
        (3, 5, "-1", "Sample 3, label: class -1 does not exist"),
        (0, 5, "", "Sample 0, label: “” is not a whole number; kept 4."),
    ],
)
def test_a_refused_cell_keeps_its_value_and_says_why_naming_the_cell(
    row, column, text, message
):
    batch = example_batch()
    edit = edit_cell(batch, row, column, text)
    assert edit.state is batch
    assert edit.message.startswith(message)


def test_confirming_the_shown_rounded_value_keeps_the_exact_one():
    batch = example_batch()
    exact = float(batch.logits[0, 0])
    shown = logit_text(exact)
    assert shown == "0.1117" and exact != 0.1117
    edit = edit_cell(batch, 0, 0, shown)
    assert edit.state is batch and edit.message == ""
    assert edit_cell(batch, 0, 0, f" {shown} ").state is batch
    # A value shown in scientific notation, or with a minus sign, too.
    small = batch_of([[1.234567e-6, -3.14159265]], [0])
    for column in (0, 1):
        text = logit_text(float(small.logits[0, column]))
        assert edit_cell(small, 0, column, text).state is small
    assert logit_text(-3.14159265) == "−3.1416"
    # Typing the rounded value differently is an edit: it takes that value.
    assert edit_cell(batch, 0, 0, "0.11170").state.logits[0, 0] == 0.1117


def test_the_loss_column_and_cells_outside_the_table_are_not_edited():
    batch = example_batch()
    for row, column in ((0, 6), (4, 0), (-1, 0), (0, -1), (0, 7)):
        edit = edit_cell(batch, row, column, "1")
        assert edit.state is batch and edit.message == ""


def test_a_megabyte_in_a_cell_is_quoted_in_a_few_characters():
    batch = example_batch()
    pasted = "0.5, 0.25; " * 100_000  # about a megabyte of a pasted table
    for column in (0, 5):
        edit = edit_cell(batch, 0, column, pasted)
        assert edit.state is batch
        quoted = edit.message[edit.message.index("“") + 1 : edit.message.index("”")]
        assert len(quoted) == MAX_QUOTED == 40
        assert quoted.endswith("…") and quoted.startswith("0.5, 0.25;")
        assert len(edit.message) < 120
    digits = edit_cell(batch, 0, 0, "9" * 1_000_000)  # a number beyond the floats
    assert "is not a finite number" in digits.message and len(digits.message) < 120
    label = edit_cell(batch, 0, 5, "9" * 1_000_000)  # beyond int()'s digit limit
    assert "is not a whole number" in label.message and len(label.message) < 120


def test_samples_are_added_and_removed_within_the_row_limits():
    batch = example_batch()
    added = add_sample(batch)
    assert added.message == ""
    assert added.state.n == 5 and added.state.labels.tolist() == [4, 3, 3, 2, 0]
    np.testing.assert_array_equal(added.state.logits[-1], np.zeros(5))
    assert derive_batch(added.state).losses[-1] == pytest.approx(math.log(5), rel=1e-15)
    full = batch
    while full.n < BATCH_ROWS.high:
        full = add_sample(full).state
    refused = add_sample(full)
    assert refused.state is full and full.n == BATCH_ROWS.high
    assert refused.message == "A batch holds at most 64 samples here."
    removed = remove_sample(batch)
    assert removed.message == "" and removed.state.n == 3
    np.testing.assert_array_equal(removed.state.logits, batch.logits[:3])
    one = batch
    while one.n > BATCH_ROWS.low:
        one = remove_sample(one).state
    refused = remove_sample(one)
    assert refused.state is one and one.n == 1
    assert refused.message == "A batch needs at least one sample."


# --- JSON -------------------------------------------------------------------------


def test_the_batch_round_trips_through_json_exactly():
    batch = edit_cell(add_sample(example_batch()).state, 4, 2, "-7.125").state
    data = batch_to_dict(batch)
    assert data["labels"] == [4, 3, 3, 2, 0]
    assert data["logits"][4] == [0.0, 0.0, -7.125, 0.0, 0.0]
    assert all(type(z) is float for row in data["logits"] for z in row)
    again = batch_from_dict(strict_json(json.dumps(data)))
    assert again == batch
    np.testing.assert_array_equal(again.logits, batch.logits)  # every bit


@pytest.mark.parametrize(
    ("data", "field", "match"),
    [
        ({"logits": [[1.0, 2.0]], "labels": [2]}, "batch.labels[0]", r"\[0, 1\]"),
        ({"logits": [[1.0, 2.0], [1.0]], "labels": [0, 0]}, "batch.logits[1]", "2 to"),
        (
            {"logits": [[1.0, 2.0], [1.0, 2.0, 3.0]], "labels": [0, 0]},
            "batch.logits",
            "equal length",
        ),
        ({"logits": [[1.0, 51.0]], "labels": [0]}, "batch.logits[0][1]", "50"),
        ({"logits": [[1.0, "2"]], "labels": [0]}, "batch.logits[0][1]", "number"),
        ({"logits": [[1.0, 2.0]], "labels": [0.5]}, "batch.labels[0]", "integer"),
        ({"logits": [[1.0, 2.0]], "labels": [0, 1]}, "batch.labels", "1 to 1"),
        ({"logits": [], "labels": []}, "batch.logits", "1 to 64"),
        ({"logits": [[1.0, 2.0]]}, "batch", "missing"),
        ({"logits": [[1.0, 2.0]], "labels": [0], "x": 1}, "batch", "unknown"),
    ],
)
def test_a_bad_file_is_refused_naming_the_field(data, field, match):
    with pytest.raises(SessionError, match=match) as caught:
        batch_from_dict(data)
    assert caught.value.field == field
    assert str(caught.value).startswith(field + " ")


def test_a_state_is_a_batch_state():
    assert isinstance(example_batch(), BatchState)
