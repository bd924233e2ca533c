"""The one observable state of the window and its coalesced recompute.

Controls write the :class:`ScenarioStore`; it announces the new scenario at
once (so controls can follow) and schedules a single evaluation for the next
pass of the event loop, however many changes arrive before it. Views listen
only to ``results_ready``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from core import Results, Scenario, evaluate
from core.history import History


class ScenarioStore(QObject):
    """Holds the current :class:`~core.Scenario` and its latest results.

    Signals
    -------
    scenario_changed(Scenario)
        Right after every real change (not for a no-op update).
    results_ready(Results)
        Once per event-loop pass in which the scenario changed.
    evaluation_failed(str)
        When the scenario cannot be evaluated (all of P's weights at zero,
        say); the previous results stay the latest valid ones.
    history_changed()
        When undo or redo became possible or impossible.
    pinned_changed(Results or None)
        When a state was pinned for comparison, unpinned, or its results were
        recomputed in new units (a ghost in bits beside bars in nats would
        show a difference that does not exist).
    """

    scenario_changed = Signal(object)
    results_ready = Signal(object)
    evaluation_failed = Signal(str)
    history_changed = Signal()
    pinned_changed = Signal(object)

    def __init__(self, scenario: Scenario, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._scenario = scenario
        self._results: Results | None = None
        self._results_scenario: Scenario | None = None
        self._error: str | None = None
        self.evaluations = 0
        self._history: History[Scenario] = History(scenario)
        self._pinned: Scenario | None = None
        self._pinned_results: Results | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.recompute_now)

    @property
    def scenario(self) -> Scenario:
        """The current scenario."""
        return self._scenario

    @property
    def results(self) -> Results | None:
        """The results of the last scenario that evaluated without error."""
        return self._results

    @property
    def results_scenario(self) -> Scenario | None:
        """The scenario that :attr:`results` were computed from."""
        return self._results_scenario

    @property
    def error(self) -> str | None:
        """Why the current scenario could not be evaluated, or None."""
        return self._error

    def update(self, **changes: Any) -> None:
        """Change some fields of the scenario."""
        self.set_scenario(self._scenario.replace(**changes))

    def set_scenario(self, scenario: Scenario) -> None:
        """Replace the whole scenario (a preset, a loaded file); one undo step."""
        if scenario == self._scenario:
            return
        self._history.record(scenario)
        self._show(scenario)
        self.history_changed.emit()

    def _show(self, scenario: Scenario) -> None:
        self._scenario = scenario
        self.scenario_changed.emit(scenario)
        if not self._timer.isActive():
            self._timer.start()

    @property
    def can_undo(self) -> bool:
        """True when there is a change to undo."""
        return self._history.can_undo

    @property
    def can_redo(self) -> bool:
        """True when there is an undone change to redo."""
        return self._history.can_redo

    def undo(self) -> None:
        """Go back one step (one whole drag counts as one step)."""
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
        """Changes until :meth:`end_gesture` are one undo step (a drag)."""
        self._history.begin_gesture()

    def end_gesture(self) -> None:
        """Close the gesture begun by :meth:`begin_gesture`."""
        self._history.end_gesture()

    def recompute_now(self) -> None:
        """Evaluate the current scenario and announce the outcome."""
        self._timer.stop()
        self.evaluations += 1
        try:
            results = evaluate(self._scenario)
        except ValueError as error:
            self._error = str(error)
            self.evaluation_failed.emit(self._error)
            return
        self._error = None
        self._results = results
        self._results_scenario = self._scenario
        self._follow_units_with_pin(results.units)
        self.results_ready.emit(results)

    @property
    def pinned_results(self) -> Results | None:
        """The pinned state's results, in the current units; None if none."""
        return self._pinned_results

    def pin(self) -> bool:
        """Pin the last valid state for comparison; False if there is none."""
        if self._results is None or self._results_scenario is None:
            return False
        self._pinned, self._pinned_results = self._results_scenario, self._results
        self.pinned_changed.emit(self._pinned_results)
        return True

    def unpin(self) -> None:
        """Forget the pinned state."""
        self._pinned = self._pinned_results = None
        self.pinned_changed.emit(None)

    def _follow_units_with_pin(self, units: str) -> None:
        pinned = self._pinned_results
        if self._pinned is None or pinned is None or pinned.units == units:
            return
        self._pinned_results = evaluate(self._pinned.replace(units=units))
        self.pinned_changed.emit(self._pinned_results)

    @property
    def pending(self) -> bool:
        """True while a recompute is scheduled but has not run."""
        return self._timer.isActive()
