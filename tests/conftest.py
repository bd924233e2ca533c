"""Shared fixtures: Qt runs offscreen, whatever the machine has."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Set before anything imports Qt, so a developer's DISPLAY never matters. The
# offscreen screen is a 1920×1080 projector (Qt's default would be 800×600).
_SCREEN = Path(__file__).with_name("offscreen_screen.json")
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_SCREEN}")

import pytest  # noqa: E402


def pytest_addoption(parser):
    parser.addoption(
        "--slow",
        action="store_true",
        help="also run the tests marked slow (more monkey seeds and the like)",
    )


def pytest_collection_modifyitems(config, items):
    """The README's command leaves out the slow tests; --slow (or -m slow) runs them."""
    if config.getoption("--slow") or "slow" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def pytest_collection_finish(session):
    """What the collection made (modules, tests, strategies) lives to the end:
    frozen out of the garbage collector, so each full collection (one after
    every shared window let go of, and Python's own) walks only what the
    tests make, not a few hundred thousand objects that cannot be garbage."""
    import gc

    gc.collect()
    gc.freeze()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """No garbage collection inside a test: it runs in the teardown instead.

    A collection that came due inside Qt's event processing, while a lab's
    worker thread derived, took down the interpreter (a segmentation fault
    "Garbage-collecting", in test_pages_next_token, depending on what the
    tests before had left to collect); collected between tests, the same
    garbage goes quietly. The garbage is the tests' own (windows let go
    of); the app's one window lives as long as it runs, and the crash was
    not seen outside the tests. Its cause is not found (see the note).
    """
    import gc

    gc.disable()


#: Tests since the last full collection (the others collect the young ones).
_SINCE_FULL_COLLECTION = [0]


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item):
    """Delete the test's widgets now, not at some later event loop.

    pytest-qt closes each widget and calls ``deleteLater``, but no event loop
    runs between tests to carry it out: windows piled up (19 at once, with
    12,000 widgets and as many application event filters), and every test
    ran slower than the one before.
    """
    import gc

    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    reuse = sys.modules.get("window_reuse")
    if reuse is not None and reuse.LET_GO[0]:
        reuse.LET_GO[0] = False
        # A shared window let go of leaves Python cycles around its widgets;
        # collected here, not by chance inside PySide's signal code in the
        # next window's build (which deadlocked, in pyqtgraph's _updateView).
        gc.collect()
        _SINCE_FULL_COLLECTION[0] = 0
    _SINCE_FULL_COLLECTION[0] += 1
    if _SINCE_FULL_COLLECTION[0] >= 50:
        gc.collect()
        _SINCE_FULL_COLLECTION[0] = 0
    else:
        gc.collect(1)
    gc.enable()


#: How the module-shared windows fared: built, reused, and why some were not.
WINDOW_REUSE = {"built": 0, "reused": 0, "discarded": []}


@pytest.fixture(scope="module")
def _shared_window():
    """The module's one window, closed with the module (tests/window_reuse.py)."""
    from window_reuse import SharedWindow

    shared = SharedWindow()
    yield shared
    shared.close()
    WINDOW_REUSE["built"] += shared.built
    WINDOW_REUSE["reused"] += shared.reused
    WINDOW_REUSE["discarded"] += shared.discarded


@pytest.fixture
def window(qtbot, _shared_window, request):
    """The real main window on the default scenario, shown and evaluated.

    It is as new: the window the module's last test left, reset and found
    the same as when it was built, or else a new one (tests/window_reuse.py).
    A module's ``SHARED_WINDOW_PAGES`` names the pages to build beforehand.
    A test about what a window does when it is new takes ``fresh_window``.
    """
    pages = getattr(request.module, "SHARED_WINDOW_PAGES", ())
    shown = _shared_window.take(qtbot, pages)
    yield shown
    _shared_window.give_back(qtbot, request.node.nodeid)


@pytest.fixture
def fresh_window(qtbot):
    """A main window built for this test alone (first shows, start-up)."""
    from window_reuse import new_window

    main_window = new_window(qtbot)
    qtbot.addWidget(main_window)
    return main_window


def pytest_terminal_summary(terminalreporter, config):
    """With -v: how many windows the shared ``window`` fixture saved."""
    if config.getoption("verbose") < 1 or not WINDOW_REUSE["built"]:
        return
    terminalreporter.write_line(
        f"shared windows: {WINDOW_REUSE['built']} built, "
        f"{WINDOW_REUSE['reused']} reused, "
        f"{len(WINDOW_REUSE['discarded'])} discarded as changed"
    )
    if config.getoption("verbose") > 1:
        for line in WINDOW_REUSE["discarded"]:
            terminalreporter.write_line(f"  {line}")


@pytest.fixture
def explorer(window):
    """The explorer page of the window."""
    return window.explorer


@pytest.fixture
def store(window):
    """The window's scenario store."""
    return window.store
