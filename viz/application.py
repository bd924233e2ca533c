"""The application's identity: names for QSettings, the desktop entry, the icon.

The organisation and application names decide where QSettings keeps the
remembered geometry, state and recent files
(``~/.config/Entropy Lab/Entropy Lab.conf`` on Linux, the registry key
``Software/Entropy Lab/Entropy Lab`` of the current user on Windows): they
are the names every earlier version used, so settings already kept stay
readable.
No organisation domain is set, because on macOS it would move the settings
file to another name.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

import core
from viz.icon import application_icon

ORGANISATION_NAME = "Entropy Lab"
APPLICATION_NAME = "Entropy Lab"
#: The desktop entry ``entropy-lab.desktop`` (assets/), without ".desktop":
#: on Wayland it is the window's app id, which finds the entry and its icon.
DESKTOP_FILE_NAME = "entropy-lab"
#: The distribution's name, whose metadata holds the version and licence.
DISTRIBUTION = "entropy-lab"


def application_version() -> str:
    """The release ("0.1.0"): the one pyproject.toml gives the distribution."""
    return core.__version__


def configure_application(application: QGuiApplication) -> None:
    """Names, version, desktop entry and icon of ``application``, before any window."""
    application.setOrganizationName(ORGANISATION_NAME)
    application.setApplicationName(APPLICATION_NAME)
    application.setApplicationVersion(application_version())
    QGuiApplication.setDesktopFileName(DESKTOP_FILE_NAME)
    QGuiApplication.setWindowIcon(application_icon())
