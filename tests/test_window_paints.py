"""A real window with pyqtgraph plots must paint without killing the interpreter.

PySide6 6.12.0 with pyqtgraph 0.14.0 aborts ("Fatal Python error:
none_dealloc") the moment an axis paints. If a dependency update brings such a
pair back, this test fails CI instead of a lecture.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
from PySide6.QtGui import QColor, QImage

from viz import theme

ROOT = Path(__file__).resolve().parents[1]


def _count_colour(image: QImage, colour: str) -> int:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    width, height = image.width(), image.height()
    pixels = np.frombuffer(image.constBits(), dtype=np.uint32, count=width * height)
    rgb = QColor(colour).rgb() & 0xFFFFFF
    return int(np.count_nonzero((pixels & 0xFFFFFF) == rgb))


def test_window_paints_its_plots_with_p_and_q_colours(window):
    image = window.grab().toImage()
    assert image.width() >= 1280
    assert _count_colour(image, theme.P_COLOUR) > 500
    assert _count_colour(image, theme.Q_COLOUR) > 500


def test_the_real_entry_point_paints_and_quits_cleanly():
    # A crash in paint kills the interpreter, so start the real entry point in
    # a child process and check that it painted and then exited normally.
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--quit-after-paint"],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"first paint after \d+ ms\n", done.stdout)
