"""The main window: pages in tabs, the menus, and the one shared state."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from core import Scenario, default_scenario
from viz.explorer import ExplorerPage
from viz.plotting import configure_pyqtgraph
from viz.state import ScenarioStore

WINDOW_TITLE = "Entropy Lab"


class MainWindow(QMainWindow):
    """Entropy Lab's window. ``MainWindow()`` opens on the default scenario."""

    def __init__(
        self, scenario: Scenario | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        configure_pyqtgraph()
        self.setWindowTitle(WINDOW_TITLE)
        self.setObjectName("main_window")
        self.store = ScenarioStore(scenario or default_scenario(), self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("panel_tabs")
        self.explorer = ExplorerPage(self.store)
        self.tabs.addTab(self.explorer, "Explorer")
        self.setCentralWidget(self.tabs)
        self._build_menus()
        self.statusBar().showMessage("Move a slider or drag a bar.")
        self.store.recompute_now()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
