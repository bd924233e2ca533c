"""Animations from File → Export: the dialog, the progress bar, cancel, the frames."""

from __future__ import annotations

import itertools
from typing import ClassVar

import pytest
from PIL import Image, ImageChops, ImageSequence
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QWidget

import viz.export_menu
from core.animation import frame_durations_ms

SMALL = (640, 360)


class RecordingProgress(viz.export_menu.QProgressDialog):
    """The real progress dialog, remembering each value; cancels at ``cancel_at``."""

    values: ClassVar[list[int]] = []
    cancel_at: ClassVar[int | None] = None

    def setValue(self, value):
        type(self).values.append(value)
        super().setValue(value)
        if value == type(self).cancel_at:
            self.cancel()


@pytest.fixture
def progress(monkeypatch):
    RecordingProgress.values = []
    RecordingProgress.cancel_at = None
    monkeypatch.setattr(viz.export_menu, "QProgressDialog", RecordingProgress)
    return RecordingProgress


def choose(combo: QComboBox, data) -> None:
    combo.setCurrentIndex(combo.findData(data))
    assert combo.currentData() == data


def open_dialog(window, qtbot, monkeypatch, path):
    monkeypatch.setattr(
        viz.export_menu.QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *_, **__: (str(path), "")),
    )
    window.actions_by_name["export_animation"].trigger()
    dialog = window.findChild(QDialog, "animation_export_dialog")
    assert dialog is not None and dialog.isVisible()
    dialog.findChild(QWidget, "export_width").setValue(SMALL[0])
    dialog.findChild(QWidget, "export_height").setValue(SMALL[1])
    return dialog


def frames_of(path):
    with Image.open(path) as image:
        durations = []
        frames = []
        for frame in ImageSequence.Iterator(image):
            durations.append(frame.info["duration"])
            frames.append(frame.convert("RGB"))
        return frames, durations


def differs(a, b) -> bool:
    return ImageChops.difference(a, b).getbbox() is not None


def test_the_menu_writes_a_gif_of_the_race(
    window, qtbot, monkeypatch, tmp_path, progress
):
    path = tmp_path / "race.gif"
    dialog = open_dialog(window, qtbot, monkeypatch, path)
    choose(dialog.findChild(QComboBox, "animation_source"), "binary")
    dialog.findChild(QWidget, "animation_frames").setValue(8)
    dialog.findChild(QWidget, "animation_fps").setValue(15)
    before = window.pages["binary"].store.state
    dialog.accept()
    assert path.is_file()
    assert progress.values[0] == 0 and progress.values[-1] == 8
    assert progress.values == sorted(progress.values)  # it only moves forward
    frames, durations = frames_of(path)
    assert len(frames) == 8 and frames[0].size == SMALL
    assert differs(frames[0], frames[-1])  # the race moves
    assert durations == list(frame_durations_ms(8, 15, "gif"))
    assert window.pages["binary"].store.state == before  # the window is untouched
    assert "8 frames" in window.statusBar().currentMessage()


def test_the_menu_writes_a_temperature_sweep(
    window, qtbot, monkeypatch, tmp_path, progress
):
    path = tmp_path / "temperature.apng"
    dialog = open_dialog(window, qtbot, monkeypatch, path)
    choose(dialog.findChild(QComboBox, "animation_source"), "sweep")
    choose(dialog.findChild(QComboBox, "animation_control"), "temperature")
    choose(dialog.findChild(QComboBox, "animation_format"), ".apng")
    dialog.findChild(QWidget, "animation_start").setValue(0.2)
    dialog.findChild(QWidget, "animation_end").setValue(5.0)
    dialog.findChild(QWidget, "animation_frames").setValue(5)
    scenario = window.store.scenario
    dialog.accept()
    frames, durations = frames_of(path)
    assert len(frames) == 5 and frames[0].size == SMALL
    assert all(differs(a, b) for a, b in itertools.pairwise(frames))
    assert durations == list(frame_durations_ms(5, 15, "apng"))
    assert window.store.scenario == scenario  # the sweep ran on a copy
    assert progress.values[-1] == 5


def test_cancel_stops_drawing_and_writes_nothing(
    window, qtbot, monkeypatch, tmp_path, progress
):
    path = tmp_path / "race.gif"
    path.write_bytes(b"the old animation")
    progress.cancel_at = 3
    dialog = open_dialog(window, qtbot, monkeypatch, path)
    choose(dialog.findChild(QComboBox, "animation_source"), "binary")
    dialog.findChild(QWidget, "animation_frames").setValue(40)
    dialog.accept()
    assert max(progress.values) == 3  # no frame drawn after the cancel
    assert path.read_bytes() == b"the old animation"
    assert [p.name for p in tmp_path.iterdir()] == ["race.gif"]
    assert "nothing was written" in window.statusBar().currentMessage()


def test_the_whole_window_as_svg_has_no_raster_image(window, qtbot, tmp_path):
    # Before: group boxes, buttons, combo and spin boxes and the dock's
    # buttons were embedded as 1× PNGs by the Fusion style.
    path = tmp_path / "window.svg"
    assert window.export_picture(window, path)
    text = path.read_text(encoding="utf-8")
    assert "<image" not in text
    assert ">Reset<" in text  # a button's text is text
    app = QApplication.instance()
    styled = [w for w in window.findChildren(QWidget) if not w.styleSheet()]
    assert all(w.style() is app.style() for w in styled)  # styles given back


def test_the_whole_window_as_pdf_has_no_raster_image(window, qtbot, tmp_path):
    path = tmp_path / "window.pdf"
    assert window.export_picture(window, path)
    assert b"/Subtype /Image" not in path.read_bytes()
