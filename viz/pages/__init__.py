"""The window's pages: what each shows, which state it draws, how it is built.

Every page follows one pattern (see README, "How to extend"): its state is
a frozen value from ``core`` held by a :class:`viz.store.Store`, made the
first time anything asks for it (:mod:`viz.page_stores`), so that sessions
and presets can set it before the page is ever built; the page (a
:class:`viz.pages.common.Page`) is built the first time it is shown, draws
the store's results and writes the store from its controls.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from core.i18n import QT_TRANSLATE_NOOP
from viz.pages.common import Page
from viz.state import ScenarioStore
from viz.store import Store


@dataclass(frozen=True)
class PageSpec:
    """One page: its tab, its state kind, its store and its widget.

    Attributes
    ----------
    panel : str
        The tab's id (presets and the view name pages by ``kind``).
    title : str
        The tab's title, in English (the source text of :meth:`tab_title`).
    kind : str
        The state kind of :mod:`core.state_schemas` ("scenario" for the
        explorer, whose store the window makes itself).
    new_store : callable(parent) -> Store, or None
        The page's store, at its default state.
    build : callable(store, explorer store) -> Page
        The page's widget (imported only when first shown).
    """

    panel: str
    title: str
    kind: str
    new_store: Callable[[QObject], Store[Any, Any]] | None
    build: Callable[[Store[Any, Any], ScenarioStore], Page]

    def tab_title(self) -> str:
        """The tab's title in the language in use."""
        return QCoreApplication.translate("Pages", self.title)


def _race_store(parent: QObject) -> Store[Any, Any]:
    from core.race import derive_race, start_race

    return Store(start_race(), derive_race, "the race", parent)


def _race_page(store: Store[Any, Any], _explorer: ScenarioStore) -> Page:
    from viz.pages.binary import BinaryPage

    return BinaryPage(store)


def _trainings_store(parent: QObject) -> Store[Any, Any]:
    from core.trainings import DEFAULT_START, derive_trainings, start_trainings

    return Store(
        start_trainings(DEFAULT_START), derive_trainings, "the trainings", parent
    )


def _trainings_page(store: Store[Any, Any], explorer: ScenarioStore) -> Page:
    from viz.pages.training import TrainingPage

    return TrainingPage(store, explorer)


def _fits_store(parent: QObject) -> Store[Any, Any]:
    from core.kl_fits import derive_fits, start_fits

    return Store(start_fits(), derive_fits, "the fits", parent)


def _fits_page(store: Store[Any, Any], _explorer: ScenarioStore) -> Page:
    from viz.pages.fitting import FittingPage

    return FittingPage(store)


def _batch_store(parent: QObject) -> Store[Any, Any]:
    from core.batch import derive_batch, example_batch

    return Store(example_batch(), derive_batch, "the batch", parent)


def _batch_page(store: Store[Any, Any], _explorer: ScenarioStore) -> Page:
    from viz.pages.batch import BatchPage

    return BatchPage(store)


def _default_pair() -> tuple[Any, Any]:
    """The default scenario's P and Q: a lab's run before it reads the explorer."""
    from core.scenario import default_scenario, evaluate

    results = evaluate(default_scenario())
    return results.p, results.q


def _sampling_store(parent: QObject) -> Store[Any, Any]:
    from core.sampling_lab import derive_sampling_lab, start_sampling_lab

    return Store(
        start_sampling_lab(*_default_pair()), derive_sampling_lab, "the draws", parent
    )


def _sampling_page(store: Store[Any, Any], explorer: ScenarioStore) -> Page:
    from viz.pages.sampling import SamplingPage

    return SamplingPage(store, explorer)


def _codes_store(parent: QObject) -> Store[Any, Any]:
    from core.code_lab import derive_code_lab, start_code_lab

    return Store(start_code_lab(*_default_pair()), derive_code_lab, "the codes", parent)


def _codes_page(store: Store[Any, Any], explorer: ScenarioStore) -> Page:
    from viz.pages.codes import CodesPage

    return CodesPage(store, explorer)


def _next_token_store(parent: QObject) -> Store[Any, Any]:
    from core.next_token_lab import derive_lab, start_lab
    from viz.background_store import BackgroundStore

    return BackgroundStore(start_lab(), derive_lab, "the next-token lab", parent)


def _next_token_page(store: Store[Any, Any], _explorer: ScenarioStore) -> Page:
    from viz.pages.next_token import NextTokenPage

    return NextTokenPage(store)


def _explorer_page(store: Store[Any, Any], explorer: ScenarioStore) -> Page:
    from viz.explorer import ExplorerPage

    return ExplorerPage(explorer)


#: Every page, in tab order.
PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "explorer",
        QT_TRANSLATE_NOOP("Pages", "Explorer"),
        "scenario",
        None,
        _explorer_page,
    ),
    PageSpec(
        "binary",
        QT_TRANSLATE_NOOP("Pages", "Vanishing gradients"),
        "race",
        _race_store,
        _race_page,
    ),
    PageSpec(
        "training",
        QT_TRANSLATE_NOOP("Pages", "Training the logits"),
        "trainings",
        _trainings_store,
        _trainings_page,
    ),
    PageSpec(
        "fitting",
        QT_TRANSLATE_NOOP("Pages", "Forward vs reverse KL"),
        "fits",
        _fits_store,
        _fits_page,
    ),
    PageSpec(
        "batch",
        QT_TRANSLATE_NOOP("Pages", "A PyTorch batch"),
        "batch",
        _batch_store,
        _batch_page,
    ),
    PageSpec(
        "sampling",
        QT_TRANSLATE_NOOP("Pages", "Sampling"),
        "sampling",
        _sampling_store,
        _sampling_page,
    ),
    PageSpec(
        "codes",
        QT_TRANSLATE_NOOP("Pages", "Code lengths"),
        "codes",
        _codes_store,
        _codes_page,
    ),
    PageSpec(
        "next_token",
        QT_TRANSLATE_NOOP("Pages", "Next-token lab"),
        "next_token",
        _next_token_store,
        _next_token_page,
    ),
)

#: The page that shows each state kind.
PANEL_OF_KIND = {spec.kind: spec.panel for spec in PAGES}
KIND_OF_PANEL = {spec.panel: spec.kind for spec in PAGES}
