"""Render assets/icons/entropy-lab.svg again as the PNGs beside it (16–512 px).

Run after changing the drawing: ``.venv/bin/python tools/render_icons.py``.
tests/test_desktop_app.py checks that the committed PNGs match the SVG.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no screen needed

from PySide6.QtGui import QGuiApplication  # noqa: E402

from viz.icon import write_pngs  # noqa: E402

if __name__ == "__main__":
    application = QGuiApplication(sys.argv[:1])
    for path in write_pngs(ROOT / "assets"):
        print(f"wrote {path.relative_to(ROOT)}")
