"""One observable state per page: undo, one derive per event-loop pass, results.

Every page follows the same flow: a control writes its page's
:class:`Store` (``update`` or ``set_state``); the store records the change
for undo, announces the new state at once (so controls can follow), and
schedules a single call of the page's pure ``derive`` function from
``core`` for the next pass of the event loop, however many changes arrive
before it. Views listen only to ``results_ready``.

A drag or an animation run is one undo step: changes between
:meth:`Store.begin_gesture` and :meth:`Store.end_gesture` make one step.
:meth:`Store.refine` replaces the state without an undo step (a background
count that fills in what the state already implies).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal

from core.history import History

#: The event that runs a scheduled derive (see Store._schedule_derive).
DERIVE_EVENT = QEvent.Type(QEvent.registerEventType())

State = TypeVar("State")
Results = TypeVar("Results")


class Store(QObject, Generic[State, Results]):
    """Holds one page's immutable state and its latest results.

    Parameters
    ----------
    state : State
        An immutable value with ``replace(**changes)`` or a dataclass.
    derive : callable(State) -> Results
        Pure; a ValueError means the state cannot be shown (the previous
        results stay the latest valid ones, and ``derive_failed`` says why).
    name : str
        What the page is called in messages ("the explorer").

    Signals
    -------
    state_changed(State)
        Right after every real change (not for a no-op update).
    results_ready(Results)
        Once per event-loop pass in which the state changed.
    derive_failed(ValueError)
        When the state cannot be derived; the error is passed, not its text.
    history_changed()
        When undo or redo became possible or impossible.
    """

    state_changed = Signal(object)
    results_ready = Signal(object)
    derive_failed = Signal(object)
    history_changed = Signal()

    def __init__(
        self,
        state: State,
        derive: Callable[[State], Results],
        name: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.name = name
        self._derive = derive
        self._state = state
        self._results: Results | None = None
        self._results_state: State | None = None
        self._problem: ValueError | None = None
        self.derivations = 0
        self._history: History[State] = History(state)
        self._scheduled = False

    # the state -----------------------------------------------------------------

    @property
    def state(self) -> State:
        """The current state."""
        return self._state

    @property
    def results(self) -> Results | None:
        """The results of the last state that derived without error."""
        return self._results

    @property
    def results_state(self) -> State | None:
        """The state that :attr:`results` were derived from."""
        return self._results_state

    @property
    def problem(self) -> ValueError | None:
        """Why the current state could not be derived, or None."""
        return self._problem

    @property
    def error(self) -> str | None:
        """:attr:`problem` as text, or None."""
        return None if self._problem is None else str(self._problem)

    def update(self, **changes: Any) -> None:
        """Change some fields of the state (one undo step)."""
        replace = getattr(self._state, "replace", None)
        if callable(replace):
            self.set_state(replace(**changes))
        else:
            self.set_state(dataclasses.replace(self._state, **changes))  # type: ignore[type-var]

    def set_state(self, state: State) -> None:
        """Replace the whole state (a preset, a loaded file): one undo step."""
        if state == self._state:
            return
        self._history.record(state)
        self._show(state)
        self.history_changed.emit()

    def refine(self, state: State) -> None:
        """Replace the state without an undo step (what it already implied)."""
        if state == self._state and state is self._state:
            return
        self._history.replace_current(state)
        self._show(state)

    def _show(self, state: State) -> None:
        self._state = state
        self.state_changed.emit(state)
        self._schedule_derive()

    def _schedule_derive(self) -> None:
        """Derive on the next pass of the event loop.

        A subclass may derive elsewhere
        (:class:`viz.background_store.BackgroundStore`: on a worker thread).
        """
        # A posted event of high priority, not a zero timer: it runs before
        # the repaint that the control's own change asked for, so the
        # control and the views it moves are painted in one pass (a timer
        # fired after that repaint, and every frame was painted twice).
        if not self._scheduled:
            self._scheduled = True
            QCoreApplication.postEvent(
                self, QEvent(DERIVE_EVENT), Qt.EventPriority.HighEventPriority.value
            )

    def event(self, event: QEvent) -> bool:
        """Run the derive scheduled by :meth:`_schedule_derive` (once, however many)."""
        if event.type() == DERIVE_EVENT:
            if self._scheduled:
                self.derive_now()
            return True
        return super().event(event)

    # undo ----------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        """True when there is a change to undo."""
        return self._history.can_undo

    @property
    def can_redo(self) -> bool:
        """True when there is an undone change to redo."""
        return self._history.can_redo

    def undo(self) -> None:
        """Go back one step (one whole drag or run counts as one step)."""
        previous = self._history.undo()
        if previous is not None:
            self._show(previous)
            self.history_changed.emit()

    def redo(self) -> None:
        """Redo the last undone step."""
        following = self._history.redo()
        if following is not None:
            self._show(following)
            self.history_changed.emit()

    def begin_gesture(self) -> None:
        """Changes until :meth:`end_gesture` are one undo step (a drag, a run)."""
        self._history.begin_gesture()

    def end_gesture(self) -> None:
        """Close the gesture begun by :meth:`begin_gesture`.

        One that ended where it began leaves no step (undo changes with it).
        """
        self._history.end_gesture()
        self.history_changed.emit()

    # deriving ------------------------------------------------------------------

    def derive_now(self) -> None:
        """Derive the results of the current state and announce the outcome."""
        self._scheduled = False
        self.derivations += 1
        try:
            results = self._derive(self._state)
        except ValueError as error:
            self._publish_problem(error)
            return
        self._publish(self._state, results)

    def _publish(self, state: State, results: Results) -> None:
        """Make ``results``, derived from ``state``, the latest; announce them."""
        self._problem = None
        self._results = results
        self._results_state = state
        self._after_derive(results)
        self.results_ready.emit(results)

    def _publish_problem(self, error: ValueError) -> None:
        """The current state cannot be derived: say why (results stay)."""
        self._problem = error
        self.derive_failed.emit(error)

    def _after_derive(self, results: Results) -> None:
        """A hook for subclasses, before the results are announced."""

    @property
    def pending(self) -> bool:
        """True while a derive is scheduled but has not run."""
        return self._scheduled
