"""core.history: undo over immutable states, a gesture as one step."""

from __future__ import annotations

import pytest

from core.history import History


def test_a_gesture_is_one_step() -> None:
    history = History(0)
    history.begin_gesture()
    for value in (1, 2, 3):
        history.record(value)
    history.end_gesture()
    assert history.undo() == 0
    assert history.redo() == 3


def test_undo_inside_a_gesture_makes_the_rest_of_it_one_step() -> None:
    # Ctrl+Z with the mouse still on a slider closed the drag, and each
    # later move of it became a step of its own (five moves, five steps).
    history = History(0)
    history.record(10)
    history.begin_gesture()
    history.record(11)
    assert history.undo() == 10
    for value in (12, 13, 14, 15, 16):
        history.record(value)
    history.end_gesture()
    assert history.undo() == 10  # the rest of the drag, in one step
    assert history.undo() == 0
    assert history.undo() is None


def test_redo_inside_a_gesture_makes_the_rest_of_it_one_step() -> None:
    history = History(0)
    history.record(1)
    history.undo()
    history.begin_gesture()
    assert history.redo() == 1
    for value in (2, 3):
        history.record(value)
    history.end_gesture()
    assert history.undo() == 1
    assert history.undo() == 0


def test_a_new_change_drops_what_was_undone() -> None:
    history = History(0)
    history.record(1)
    history.undo()
    history.record(2)
    assert history.redo() is None and history.undo() == 0


def test_the_oldest_steps_go_first() -> None:
    history = History(0, limit=2)
    for value in (1, 2, 3):
        history.record(value)
    assert [history.undo(), history.undo(), history.undo()] == [2, 1, None]


def test_a_limit_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="limit"):
        History(0, limit=0)


def test_a_gesture_that_ends_where_it_began_is_no_step() -> None:
    # A drag away and back left a step whose undo changed nothing.
    history = History(0)
    history.record(5)
    history.begin_gesture()
    history.record(6)
    history.record(5)
    history.end_gesture()
    assert history.undo() == 0
    assert history.undo() is None
