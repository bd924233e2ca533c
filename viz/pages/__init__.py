"""Pages beyond the explorer, one tab each, sharing the window's state."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from viz.state import ScenarioStore


def build_pages(store: ScenarioStore) -> list[tuple[str, str, QWidget]]:
    """Every extra page as (panel id, tab title, widget), in tab order.

    Panel ids are those of :data:`core.session.PANELS`.
    """
    del store
    return []
