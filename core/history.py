"""Undo and redo over immutable states, with gestures as single steps."""

from __future__ import annotations

from typing import Generic, TypeVar

State = TypeVar("State")


class History(Generic[State]):
    """A linear undo history of immutable states.

    Every :meth:`record` is one undo step, except inside a gesture (a slider
    drag, a bar drag): between :meth:`begin_gesture` and :meth:`end_gesture`
    the first change opens one step and later changes only update where it
    ends, so one drag is undone in one go.

    Parameters
    ----------
    initial : State
        The state before any change.
    limit : int
        How many undo steps are kept (oldest dropped first); at least 1.

    Raises
    ------
    ValueError
        If ``limit`` is below 1.
    """

    def __init__(self, initial: State, limit: int = 500) -> None:
        if limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit}")
        self._past: list[State] = []
        self._future: list[State] = []
        self._current = initial
        self._limit = limit
        self._in_gesture = False
        self._gesture_recorded = False

    @property
    def current(self) -> State:
        """The state now."""
        return self._current

    @property
    def can_undo(self) -> bool:
        """True when there is a step to undo."""
        return bool(self._past)

    @property
    def can_redo(self) -> bool:
        """True when there is an undone step to redo."""
        return bool(self._future)

    def record(self, state: State) -> None:
        """The state changed to ``state`` (by the user, not by undo/redo)."""
        if self._in_gesture and self._gesture_recorded:
            self._current = state
            return
        self._past.append(self._current)
        del self._past[: -self._limit]
        self._future.clear()
        self._current = state
        self._gesture_recorded = self._in_gesture

    def replace_current(self, state: State) -> None:
        """The current state becomes ``state`` without an undo step.

        For changes the user did not make (a count that fills in what the
        state already implied): undo still returns to the step before.
        """
        self._current = state

    def begin_gesture(self) -> None:
        """Changes from now until :meth:`end_gesture` form one step."""
        self._in_gesture = True
        self._gesture_recorded = False

    def end_gesture(self) -> None:
        """Close the current gesture; one that ended where it began is no step.

        A drag away and back left a step whose undo changed nothing.
        """
        if (
            self._gesture_recorded
            and self._past
            and same_state(self._past[-1], self._current)
        ):
            self._past.pop()
        self._in_gesture = False
        self._gesture_recorded = False

    def undo(self) -> State | None:
        """Step back; returns the state to show, or None if there is none.

        Inside a gesture (Ctrl+Z with the mouse still on a slider) the rest
        of the gesture is one new step: closing it made each later move of
        that drag a step of its own.
        """
        if not self._past:
            return None
        self._gesture_recorded = False
        self._future.append(self._current)
        self._current = self._past.pop()
        return self._current

    def redo(self) -> State | None:
        """Step forward again; returns the state to show, or None (as :meth:`undo`)."""
        if not self._future:
            return None
        self._gesture_recorded = False
        self._past.append(self._current)
        self._current = self._future.pop()
        return self._current


def same_state(a: object, b: object) -> bool:
    """Whether two states are equal (states that cannot tell: not equal)."""
    if a is b:
        return True
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False
