"""Shared test configuration: Qt runs offscreen, whatever the machine has."""

import os

# Set before anything imports Qt, so a developer's DISPLAY never matters.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
