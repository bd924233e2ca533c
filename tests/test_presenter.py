"""Presenter conveniences: the laser pointer's halo and the caption line."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from viz import presenter


def ring_pixel(window, centre: QPoint) -> QColor:
    """The colour the window shows on the halo's red ring, right of ``centre``."""
    image = window.grab().toImage()
    ratio = image.devicePixelRatio()
    x = round((centre.x() + window.laser.radius) * ratio)
    return image.pixelColor(x, round(centre.y() * ratio))


def test_the_laser_pointer_draws_a_halo_where_it_points_and_takes_no_clicks(
    window, qtbot
):
    window.actions_by_name["laser_pointer"].trigger()
    laser = window.laser
    assert laser.is_on() and laser.isVisible()
    assert window.actions_by_name["laser_pointer"].isChecked()
    assert laser.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    assert laser.geometry() == window.rect()
    laser._timer.stop()  # the test points; the real mouse stays where it is
    centre = QPoint(400, 300)
    laser.point_at(centre)
    assert ring_pixel(window, centre) == presenter.RING_COLOUR
    laser.point_at(QPoint(-5, -5))  # off the window: nowhere
    assert laser.at is None
    assert ring_pixel(window, centre) != presenter.RING_COLOUR
    # The widget under the halo is what a click reaches.
    under = QApplication.widgetAt(window.mapToGlobal(centre))
    assert under is not laser
    window.actions_by_name["laser_pointer"].trigger()
    assert not laser.is_on() and laser.isHidden()


def test_the_halo_is_larger_in_lecture_mode(window):
    normal = window.laser.radius
    window.set_lecture(True, full_screen=False)
    assert window.laser.radius > normal
    window.set_lecture(False, full_screen=False)
    assert window.laser.radius == normal


def test_the_caption_line_takes_keys_until_enter_then_gives_them_back(window, qtbot):
    caption = window.caption
    assert caption.isHidden()
    window.actions_by_name["caption"].trigger()
    assert caption.isVisible() and window.actions_by_name["caption"].isChecked()
    qtbot.waitUntil(lambda: caption.line.hasFocus())
    qtbot.keyClicks(caption.line, "Watch q3 -> 0")
    assert caption.text() == "Watch q3 -> 0"
    # Space typed here is text, not the animation's play key.
    qtbot.keyClick(caption.line, Qt.Key.Key_Space)
    assert caption.text() == "Watch q3 -> 0 "
    qtbot.keyClick(caption.line, Qt.Key.Key_Return)
    assert not caption.line.hasFocus()
    assert caption.isVisible() and caption.text() == "Watch q3 -> 0 "


def test_an_empty_caption_takes_no_room_once_typing_ends(window, qtbot):
    window.actions_by_name["caption"].trigger()
    qtbot.waitUntil(lambda: window.caption.line.hasFocus())
    qtbot.keyClick(window.caption.line, Qt.Key.Key_Escape)
    assert window.caption.isHidden()
    assert not window.actions_by_name["caption"].isChecked()


def test_the_caption_is_in_lecture_type(window):
    window.set_lecture(True, full_screen=False)
    lecture_px = window.caption.line.font().pixelSize()
    window.set_lecture(False, full_screen=False)
    assert lecture_px >= 40 > window.caption.line.font().pixelSize()
