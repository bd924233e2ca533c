"""The lecture hall: every page laid out at the projector sizes halls have.

At 1024×768, 1280×720, 1366×768 and 1920×1080, in lecture mode and out of
it, in every language: every plot on show is at least the theme's minimum
tall (240 px in lecture mode; the page shows fewer plots when they would
not fit), no title, axis label or tick label overruns its room or another,
no label or button is cut off, and the layout comes to rest (a layout that
keeps re-fitting itself would spin the CPU for ever). 3840×2160 at a scale
factor of 2 is the 1920×1080 layout in logical pixels: a subprocess checks
it with Qt's own scaling.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import layout_checks as checks
import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QWidget

from core.i18n import LANGUAGES
from viz import appearance, theme
from viz.pages import PAGES
from viz.pages.common import ControlsColumn

SIZES = ((1024, 768), (1280, 720), (1366, 768), (1920, 1080))


def settle() -> None:
    """Deliver posted layout requests until none are left (a bounded loop)."""
    for _ in range(12):
        QCoreApplication.sendPostedEvents()
        QApplication.processEvents()


def geometries(root: QWidget) -> dict[str, tuple[int, int, int, int]]:
    """Where every named, visible widget is: a layout at rest keeps this."""
    shown = {}
    for widget in root.findChildren(QWidget):
        if widget.objectName() and widget.isVisible():
            rect = widget.geometry()
            shown[widget.objectName()] = (
                rect.x(),
                rect.y(),
                rect.width(),
                rect.height(),
            )
    return shown


def problems_on_show(window, style: theme.Theme) -> list[str]:
    height, width = style.min_plot_px
    return (
        checks.plot_size_problems(window, height, width)
        + checks.plot_outside_view_problems(window)
        + checks.title_problems(window)
        + checks.axis_label_problems(window)
        + checks.tick_problems(window)
        + checks.clipped_label_problems(window)
    )


@pytest.fixture
def normal_style_after(window):
    """A failed check must not leave lecture type to the tests after it."""
    yield
    window.set_lecture(False, full_screen=False)
    appearance.apply_application_style(theme.NORMAL, 1.0)


@pytest.fixture(params=LANGUAGES)
def language(request):
    from viz.language import set_language

    set_language(request.param)
    yield request.param
    set_language("en")


@pytest.mark.parametrize("lecture", [False, True], ids=["normal", "lecture"])
def test_every_page_fits_every_projector_size(
    window, qtbot, lecture, language, normal_style_after
):
    style = theme.LECTURE if lecture else theme.NORMAL
    appearance.apply_application_style(style, 1.0)
    window.set_lecture(lecture, full_screen=False)
    found = []
    for width, height in SIZES:
        window.resize(width, height)
        for spec in PAGES:
            window.show_panel(spec.panel)
            # A page built on first show takes a few passes to polish its
            # fonts; a layout that keeps moving after that never rests.
            for _ in range(3):
                settle()
            where = f"{width}×{height} {style.name} {language} {spec.panel}"
            if window.width() != width:
                found.append(f"{where}: the window is {window.width()} wide")
            if window.height() != height:  # taller than the projector
                found.append(f"{where}: the window is {window.height()} tall")
            found += [
                f"{where}: {problem}" for problem in problems_on_show(window, style)
            ]
            before = geometries(window)
            settle()
            moved = {
                name
                for name, rect in geometries(window).items()
                if before.get(name) != rect
            }
            if moved:
                found.append(f"{where}: still moving: {sorted(moved)[:5]}")
    window.set_lecture(False, full_screen=False)
    assert not found, "\n".join(found)


def test_lecture_type_at_1920_carries_to_the_back_row(window):
    window.resize(1920, 1080)
    window.set_lecture(True, full_screen=False)
    window.show_panel("explorer")
    settle()
    try:
        for name in ("readout_kl_pq_value", "readout_entropy_p_value"):
            value = window.findChild(QWidget, name)
            assert value._font_that_fits().pixelSize() >= 40, name
        for _name, plot in checks.visible_plot_items(window):
            for side in ("left", "bottom"):
                font = plot.getAxis(side).style["tickFont"]
                assert font is not None and font.pixelSize() >= 24
        assert window.explanation.text.font().pixelSize() >= 24
    finally:
        window.set_lecture(False, full_screen=False)


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768), (1024, 768)])
def test_sixteen_outcomes_are_numbered_evenly(window, size):
    # pyqtgraph's overlap rule dropped whichever number ran into the one
    # before it: "0 1 … 7 8 9 11 13" under the bars in lecture type.
    appearance.apply_application_style(theme.LECTURE, 1.0)
    window.set_lecture(True, full_screen=False)
    window.resize(*size)
    window.show_panel("explorer")
    window.explorer.controls.count.spin.setValue(16)
    settle()
    try:
        numbered = 0
        for name, plot in checks.visible_plot_items(window):
            axis = plot.getAxis("bottom")
            drawn = sorted(
                int(text) for _, text in checks._tick_text_rects(axis) if text.isdigit()
            )
            if len(drawn) < 2 or drawn[-1] > 15:
                continue  # not an outcome axis
            numbered += 1
            every = drawn[1] - drawn[0]
            evenly = list(range(0, 16, every))
            # The last may stand too near the axis's end for its text.
            assert drawn == evenly[: len(drawn)], (name, drawn)
            assert len(drawn) >= len(evenly) - 1, (name, drawn)
        assert numbered >= 1  # lecture type at 1024 px shows two plots
    finally:
        window.set_lecture(False, full_screen=False)
        appearance.apply_application_style(theme.NORMAL, 1.0)
        window.explorer.controls.count.spin.setValue(4)
        settle()


def test_a_page_first_shown_in_lecture_type_cuts_off_no_control(fresh_window):
    """A page built after lecture mode was on got no font change: its column
    kept the 300 pixels it had before its texts were set, and the batch
    page's "Reset to the PyTorch example" and "1.5229846 nats" were cut."""
    window = fresh_window
    window.resize(1920, 1080)
    window.set_lecture(True, full_screen=False)
    found = []
    try:
        for spec in PAGES:
            window.show_panel(spec.panel)
            for _ in range(3):
                settle()
            page = window.pages[spec.panel]
            found += [f"{spec.panel}: {p}" for p in checks.clipped_label_problems(page)]
            for column in page.findChildren(ControlsColumn):
                needed = column.widget().minimumSizeHint().width()
                room = column.viewport().width()
                if needed > room + 1:  # no horizontal scroll bar: cut off
                    found.append(f"{spec.panel}: column needs {needed} px of {room}")
    finally:
        window.set_lecture(False, full_screen=False)
    assert not found, "\n".join(found)


SCALED_CHECK = """
import sys
sys.path[:0] = {paths!r}
from PySide6.QtWidgets import QApplication
app = QApplication([])
import json
import layout_checks as checks
from test_layout import problems_on_show, settle
from viz import MainWindow, theme
window = MainWindow()
window.show()
window.set_lecture(True)
found = []
plots = {{}}
for panel in ("explorer", "training", "fitting", "sampling", "codes"):
    window.show_panel(panel)
    settle()
    found += [panel + ": " + p for p in problems_on_show(window, theme.LECTURE)]
    plots[panel] = len(list(checks.visible_plot_items(window)))
screen = window.screen()
print(json.dumps({{
    "problems": found,
    "logical": [window.width(), window.height()],
    "ratio": window.devicePixelRatio(),
    "plots": plots,
}}))
"""


def test_a_3840_by_2160_screen_at_scale_2_lays_out_as_1920_by_1080(tmp_path):
    tests = Path(__file__).parent
    screen = {
        "synchronousWindowSystemEvents": False,
        "windowFrameMargins": False,
        "screens": [
            {
                "name": "4k projector",
                "x": 0,
                "y": 0,
                "width": 3840,
                "height": 2160,
                "logicalDpiX": 96,
                "logicalDpiY": 96,
                "dpr": 1,
            }
        ],
    }
    config = tmp_path / "screen.json"
    config.write_text(json.dumps(screen))
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    env["QT_SCALE_FACTOR"] = "2"
    env["HOME"] = str(tmp_path)  # no settings of the developer's
    script = SCALED_CHECK.format(paths=[str(tests), str(tests.parent)])
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["ratio"] == 2.0
    assert report["logical"] == [1920, 1080]
    # The explorer's 1920×1080 lecture layout: two rows of at least three.
    assert report["plots"]["explorer"] >= 6
    assert not report["problems"], "\n".join(report["problems"])


def _ink_rows(image, left: int, top: int, width: int, height: int) -> list[int]:
    """The rows of a region that hold dark (text) pixels."""
    return [
        y
        for y in range(top, top + height)
        if any(
            image.pixelColor(x, y).lightness() < 110 for x in range(left, left + width)
        )
    ]


def test_unselected_tabs_keep_their_descenders(window):
    # Fusion lowers an unselected tab's text: "logits" and "PyTorch" lost
    # the last row of their g and y, in either language and type size.
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QImage, QPainter

    window.resize(1366, 768)
    window.show_panel("explorer")
    settle()
    bar = window.tabs.tabBar()
    grabbed = window.grab().toImage()
    for index in range(1, bar.count()):
        text = bar.tabText(index).replace("&", "")
        if not set(text) & set("gjpqy"):
            continue
        rect = bar.tabRect(index)
        corner = bar.mapTo(window, rect.topLeft())
        shown = _ink_rows(
            grabbed, corner.x() + 8, corner.y(), rect.width() - 16, rect.height() + 4
        )
        free = QImage(rect.width(), 3 * rect.height(), QImage.Format.Format_RGB32)
        free.fill(QColor("white"))
        painter = QPainter(free)
        painter.setFont(bar.font())
        painter.setPen(QColor("black"))
        painter.drawText(QRect(0, 0, free.width(), free.height()), 0x84, text)
        painter.end()
        alone = _ink_rows(free, 0, 0, free.width(), free.height())
        assert shown[-1] - shown[0] >= alone[-1] - alone[0], text


@pytest.mark.parametrize("size", [(1920, 1080), (1600, 900)])
def test_the_totals_names_stand_whole_inside_their_axis(window, size):
    # With no label under them, "P‖Q Q‖P H(P,Q)" lost the bottom of their
    # brackets and bars to the plot's edge in lecture type.
    appearance.apply_application_style(theme.LECTURE, 1.0)
    window.set_lecture(True, full_screen=False)
    window.resize(*size)
    window.show_panel("explorer")
    settle()
    try:
        plot = window.explorer.plots["asymmetry"]
        assert plot.isVisible(), window.size()
        axis = plot.totals_plot.getAxis("bottom")
        inside = axis.boundingRect()
        rects = checks._tick_text_rects(axis)
        assert {text for _, text in rects} >= {"P‖Q", "Q‖P", "H(P,Q)"}
        metrics = QFontMetrics(axis.style["tickFont"])
        for rect, text in rects:
            # The text's own ink, not just its line: brackets reach below it.
            ink = metrics.boundingRect(text)
            bottom = (
                rect.top()
                + (rect.height() + metrics.height()) / 2
                + (ink.bottom() - metrics.descent())
            )
            assert bottom <= inside.bottom(), (text, bottom, inside.bottom())
    finally:
        window.set_lecture(False, full_screen=False)
        appearance.apply_application_style(theme.NORMAL, 1.0)
