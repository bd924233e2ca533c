"""Entropy Lab: start the window (``python main.py --help`` for options)."""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402
import sys  # noqa: E402
from collections.abc import Sequence  # noqa: E402


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        prog="entropy-lab",
        description="Move sliders and watch entropy, KL divergence, cross-entropy "
        "and softmax losses respond live.",
    )
    parser.add_argument(
        "--quit-after-paint",
        action="store_true",
        help="Quit as soon as the window's plots have painted, printing how long "
        "that took from process start (a start-up check).",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the app; returns the process exit code."""
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    from PySide6.QtWidgets import QApplication

    from viz import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Entropy Lab")
    app.setOrganizationName("Entropy Lab")
    window = MainWindow()
    window.resize(1400, 900)
    if arguments.quit_after_paint:
        _quit_after_first_paint(app, window)
    window.show()
    code = app.exec()
    # Delete the window while the application still exists: pyqtgraph's
    # scenes can crash if the interpreter tears them down in its own order.
    window.deleteLater()
    app.processEvents()
    return code


def _quit_after_first_paint(app, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt, QTimer

    from viz.probe import PaintProbe

    probe = PaintProbe(window.explorer.distributions.viewport())

    def report() -> None:
        elapsed = time.perf_counter() - STARTED
        print(f"first paint after {elapsed * 1000:.0f} ms", flush=True)
        QTimer.singleShot(0, app.quit)

    probe.painted.connect(report, Qt.ConnectionType.SingleShotConnection)


if __name__ == "__main__":
    sys.exit(main())
