"""Shared fixtures: Qt runs offscreen, whatever the machine has."""

from __future__ import annotations

import os
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


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item):
    """Delete the test's widgets now, not at some later event loop.

    pytest-qt closes each widget and calls ``deleteLater``, but no event loop
    runs between tests to carry it out: windows piled up (19 at once, with
    12,000 widgets and as many application event filters), and every test
    ran slower than the one before.
    """
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def window(qtbot):
    """The real main window on the default scenario, shown and evaluated."""
    from viz import MainWindow

    main_window = MainWindow()
    qtbot.addWidget(main_window)
    main_window.resize(1280, 800)
    main_window.show()
    qtbot.waitExposed(main_window)
    return main_window


@pytest.fixture
def explorer(window):
    """The explorer page of the window."""
    return window.explorer


@pytest.fixture
def store(window):
    """The window's scenario store."""
    return window.store
