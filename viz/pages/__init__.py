"""Pages beyond the explorer, one tab each, sharing the window's state.

Each page offers ``toggle_play()``, ``step_once()``, ``reset()``,
``settings()`` and ``apply_settings(dict)``; the window calls them from
Space, "." and presets or sessions. Settings keys are those of
:data:`core.session.PANEL_SETTINGS`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from viz.state import ScenarioStore


def _binary() -> QWidget:
    from viz.pages.binary import BinaryPage

    return BinaryPage()


def _fitting() -> QWidget:
    from viz.pages.fitting import FittingPage

    return FittingPage()


def _batch() -> QWidget:
    from viz.pages.batch import BatchPage

    return BatchPage()


def build_pages(
    store: ScenarioStore,
) -> list[tuple[str, str, Callable[[], QWidget]]]:
    """Every extra page as (panel id, tab title, factory), in tab order.

    The window calls a factory the first time its page is shown, so a page's
    module is imported only then. Panel ids are those of
    :data:`core.session.PANELS`.
    """

    def training() -> QWidget:
        from viz.pages.training import TrainingPage

        return TrainingPage(store)

    return [
        ("binary", "Vanishing gradients", _binary),
        ("training", "Training the logits", training),
        ("fitting", "Forward vs reverse KL", _fitting),
        ("batch", "A PyTorch batch", _batch),
    ]
