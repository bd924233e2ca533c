"""Pages beyond the explorer, one tab each, sharing the window's state.

Each page offers ``toggle_play()``, ``step_once()``, ``reset()``,
``settings()`` and ``apply_settings(dict)``; the window calls them from
Space, "." and presets or sessions. Settings keys are those of
:data:`core.session.PANEL_SETTINGS`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from viz.pages.batch import BatchPage
from viz.pages.binary import BinaryPage
from viz.pages.fitting import FittingPage
from viz.pages.training import TrainingPage
from viz.state import ScenarioStore


def build_pages(store: ScenarioStore) -> list[tuple[str, str, QWidget]]:
    """Every extra page as (panel id, tab title, widget), in tab order.

    Panel ids are those of :data:`core.session.PANELS`.
    """
    return [
        ("binary", "Vanishing gradients", BinaryPage()),
        ("training", "Training the logits", TrainingPage(store)),
        ("fitting", "Forward vs reverse KL", FittingPage()),
        ("batch", "A PyTorch batch", BatchPage()),
    ]
