"""Entropy Lab's window: Qt and pyqtgraph views bound to one scenario state."""

from viz.window import MainWindow

__all__ = ["MainWindow"]
