"""A store whose derive runs on a worker thread, so a long one never blocks a frame.

The next-token lab derives everything at 262,144 tokens in about 20 ms:
more than a frame. :class:`BackgroundStore` is a :class:`viz.store.Store`
(undo, gestures, ``state_changed`` at once) whose scheduled derive runs on
one worker thread instead of the GUI thread. The flow is the same:

* a change of state is announced at once (controls follow) and asks for
  one derive on the next pass of the event loop, however many changes
  arrive in that pass;
* at most one derive is in flight; changes while it runs wait, and when
  it finishes the latest state (only) is derived next, so a drag never
  queues work and always ends on its last value;
* results come back to the GUI thread as a queued signal and are
  announced with ``results_ready``, as the plain store does, unless newer
  results were announced meanwhile (an older derive never overwrites a
  newer one); so during a drag the page shows the newest state it has
  numbers for, and the GUI thread only draws.

:meth:`derive_now` still derives synchronously (a page shown for the first
time, tests). The derive function must be pure (it runs beside the GUI
thread and shares only immutable states); NumPy releases the interpreter
lock for the bulk of the work. A ValueError it raises is reported as by the
plain store; any other exception is raised again on the GUI thread, where
the window's exception reporter shows it.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from typing import Any, Generic

from PySide6.QtCore import QObject, QTimer, Signal

from viz.store import Results, State, Store

#: A derive's outcome: ("results", value), ("problem", ValueError) or
#: ("crash", BaseException).
Outcome = tuple[str, Any]


class _Relay(QObject):
    """Carries a finished derive from the worker to the GUI thread (queued)."""

    finished = Signal(int, object, object)


def _work(
    jobs: queue.SimpleQueue[tuple[int, Any] | None],
    derive: Callable[[Any], Any],
    relay: _Relay,
) -> None:
    """The worker: derive each job, hand back the outcome; None stops it."""
    while True:
        job = jobs.get()
        if job is None:
            return
        generation, state = job
        outcome: Outcome
        try:
            outcome = ("results", derive(state))
        except ValueError as error:
            outcome = ("problem", error)
        except BaseException as error:  # raised again on the GUI thread
            outcome = ("crash", error)
        try:
            relay.finished.emit(generation, state, outcome)
        except RuntimeError:  # the store (and its relay) was deleted: stop
            return


class BackgroundStore(Store[State, Results], Generic[State, Results]):
    """A :class:`viz.store.Store` that derives on a worker thread (see the module).

    Attributes
    ----------
    delivered_at : float
        ``time.perf_counter()`` when the latest results reached the GUI
        thread (benchmarks split a frame's GUI time from its wait).
    """

    def __init__(
        self,
        state: State,
        derive: Callable[[State], Results],
        name: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(state, derive, name, parent)
        self._background_derive = derive
        #: Each state shown gets the next generation; results carry theirs.
        self._generation = 0
        self._published_generation = -1
        self._in_flight = False
        self.delivered_at = 0.0
        self._jobs: queue.SimpleQueue[tuple[int, Any] | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finished)
        self._submit_timer = QTimer(self)
        self._submit_timer.setSingleShot(True)
        self._submit_timer.setInterval(0)
        self._submit_timer.timeout.connect(self._submit)
        jobs = self._jobs
        # Not a method: the store is gone when ``destroyed`` is emitted.
        self.destroyed.connect(lambda *_: jobs.put(None))

    # scheduling ------------------------------------------------------------------

    def _show(self, state: State) -> None:
        self._generation += 1
        super()._show(state)

    def _schedule_derive(self) -> None:
        if not self._submit_timer.isActive():
            self._submit_timer.start()

    def _submit(self) -> None:
        """Hand the current state to the worker, unless one is in flight."""
        if self._in_flight or self._published_generation == self._generation:
            return
        if self._thread is None:
            self._thread = threading.Thread(
                target=_work,
                args=(self._jobs, self._background_derive, self._relay),
                name=f"derive {self.name}",
                daemon=True,
            )
            self._thread.start()
        self._in_flight = True
        self.derivations += 1
        self._jobs.put((self._generation, self.state))

    def _finished(self, generation: int, state: Any, outcome: Outcome) -> None:
        """A derive came back: announce it if nothing newer was, then go on."""
        self._in_flight = False
        self.delivered_at = time.perf_counter()
        kind, value = outcome
        newer = generation > self._published_generation
        if kind == "results" and newer:
            self._published_generation = generation
            self._publish(state, value)
        elif kind == "problem" and generation == self._generation:
            self._published_generation = generation
            self._publish_problem(value)
        if self._published_generation != self._generation:
            self._submit()
        if kind == "crash":
            raise value

    # deriving now ----------------------------------------------------------------

    def derive_now(self) -> None:
        """Derive the current state here and now (on the GUI thread)."""
        self._submit_timer.stop()
        generation = self._generation
        super().derive_now()
        self._published_generation = generation

    @property
    def pending(self) -> bool:
        """True while a derive is scheduled or running."""
        return self._in_flight or self._submit_timer.isActive() or super().pending
