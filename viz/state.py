"""The explorer's store: a :class:`viz.store.Store` of Scenarios, with a pin.

Controls write the :class:`ScenarioStore`; it announces the new scenario at
once (so controls can follow) and schedules a single evaluation for the next
pass of the event loop, however many changes arrive before it. Views listen
only to ``results_ready``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from core import Results, Scenario, evaluate
from viz.store import Store


class ScenarioStore(Store[Scenario, Results]):
    """The explorer's :class:`~core.Scenario` and its latest results.

    Besides the signals of :class:`~viz.store.Store`:

    Signals
    -------
    scenario_changed(Scenario)
        The same as ``state_changed``.
    pinned_changed(Results or None)
        When a state was pinned for comparison, unpinned, or its results were
        recomputed in new units (a ghost in bits beside bars in nats would
        show a difference that does not exist).
    """

    scenario_changed = Signal(object)
    pinned_changed = Signal(object)

    def __init__(self, scenario: Scenario, parent: QObject | None = None) -> None:
        super().__init__(scenario, evaluate, "the explorer", parent)
        self._pinned: Scenario | None = None
        self._pinned_results: Results | None = None
        self.state_changed.connect(self.scenario_changed)

    @property
    def scenario(self) -> Scenario:
        """The current scenario."""
        return self.state

    @property
    def results_scenario(self) -> Scenario | None:
        """The scenario that :attr:`results` were computed from."""
        return self.results_state

    @property
    def evaluations(self) -> int:
        """How many times the scenario was evaluated."""
        return self.derivations

    def set_scenario(self, scenario: Scenario) -> None:
        """Replace the whole scenario (a preset, a loaded file); one undo step."""
        self.set_state(scenario)

    def recompute_now(self) -> None:
        """Evaluate the current scenario and announce the outcome."""
        self.derive_now()

    # the pinned state ------------------------------------------------------------

    @property
    def pinned_results(self) -> Results | None:
        """The pinned state's results, in the current units; None if none."""
        return self._pinned_results

    def pin(self) -> bool:
        """Pin the last valid state for comparison; False if there is none."""
        if self.results is None or self.results_state is None:
            return False
        self._pinned, self._pinned_results = self.results_state, self.results
        self.pinned_changed.emit(self._pinned_results)
        return True

    def unpin(self) -> None:
        """Forget the pinned state."""
        self._pinned = self._pinned_results = None
        self.pinned_changed.emit(None)

    def _after_derive(self, results: Results) -> None:
        pinned = self._pinned_results
        if self._pinned is None or pinned is None or pinned.units == results.units:
            return
        self._pinned_results = evaluate(self._pinned.replace(units=results.units))
        self.pinned_changed.emit(self._pinned_results)
