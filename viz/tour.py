"""A short tour of the window: a few steps, each pointing at what it explains.

Each step outlines its part of the window (the controls, the readouts, the
plots, a menu) with a thick ring drawn over the window, and shows its text
in a small dialog beside it. The tour is skipped with Esc or "Skip tour",
and reopened from the Help menu.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QAction, QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from viz import appearance, theme

if TYPE_CHECKING:
    from viz.window import MainWindow

#: Where a step points, in the window's coordinates (None: nowhere on show).
Target = Callable[[], QRect | None]


translate = QCoreApplication.translate


@dataclass(frozen=True)
class TourStep:
    """One step: a title, a sentence or two, and what it points at."""

    title: str
    text: str
    target: Target


def widget_target(window: QWidget, widget: Callable[[], QWidget]) -> Target:
    """Point at ``widget()`` while it is on show in ``window``."""

    def rect() -> QRect | None:
        shown = widget()
        if not shown.isVisible() or shown.width() <= 0:
            return None
        return QRect(shown.mapTo(window, QPoint(0, 0)), shown.size())

    return rect


def menu_holding(action: QAction) -> QMenu | None:
    """The menu ``action`` was added to (None if it is in none)."""
    for owner in action.associatedObjects():
        if isinstance(owner, QMenu):
            return owner
    return None


def menu_target(window: QMainWindow, menu: Callable[[], QMenu | None]) -> Target:
    """Point at the title of ``menu()`` in the window's menu bar."""

    def rect() -> QRect | None:
        bar = window.menuBar()
        wanted = menu()
        for entry in bar.actions():
            if wanted is not None and entry.menu() is wanted:
                place = bar.actionGeometry(entry)
                if bar.isVisible() and not place.isEmpty():
                    return QRect(bar.mapTo(window, place.topLeft()), place.size())
        return None

    return rect


class Spotlight(QWidget):
    """A ring round one rectangle of its parent, over everything, never in the way.

    Mouse events pass through it, so the part it points at stays usable.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = parent
        self.setObjectName("tour_spotlight")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.target: QRect | None = None
        self.ring_px = 5
        parent.installEventFilter(self)
        self.hide()

    def point_at(self, target: QRect | None, ring_px: int) -> None:
        """Ring ``target`` (in the parent's coordinates); None hides the ring."""
        self.target, self.ring_px = target, ring_px
        self.setGeometry(self.host.rect())
        self.setVisible(target is not None)
        self.raise_()
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Cover the parent again when it is resized (F11, a dragged edge)."""
        if watched is self.host and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.host.rect())
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        """A white halo under a vermillion ring: visible on white and on blue."""
        if self.target is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        # Round the target, outside it: a menu's title stays readable. At
        # the window's edge the ring's outer half is simply not drawn.
        reach = self.ring_px
        ring = self.target.adjusted(-reach, -reach, reach, reach)
        for colour, width in (
            (QColor("#FFFFFF"), self.ring_px * 2),
            (QColor(theme.GRADIENT_COLOUR), self.ring_px),
        ):
            painter.setPen(QPen(colour, width))
            painter.drawRoundedRect(ring, 6, 6)
        painter.end()


class Tour(QDialog):
    """The tour's dialog: the step's text, Back, Next and Skip.

    Parameters
    ----------
    window : QWidget
        The window the steps point into (the ring is drawn over it).
    steps : list of TourStep
        In order; at least one.
    """

    def __init__(self, window: QWidget, steps: list[TourStep]) -> None:
        super().__init__(window)
        if not steps:
            raise ValueError("steps must hold at least one step")
        self.setObjectName("tour_dialog")
        self.window_ = window
        self.steps = steps
        self.index = 0
        self.spotlight = Spotlight(window)
        self.ring_px = 5
        self.counter = QLabel()
        self.counter.setObjectName("tour_counter")
        self.heading = QLabel()
        self.heading.setObjectName("tour_heading")
        self.body = QLabel()
        self.body.setObjectName("tour_text")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.skip = QPushButton()
        self.skip.setObjectName("tour_skip")
        self.back = QPushButton()
        self.back.setObjectName("tour_back")
        self.next = QPushButton()
        self.next.setObjectName("tour_next")
        self.next.setDefault(True)
        self.skip.clicked.connect(self.reject)
        self.back.clicked.connect(lambda: self.show_step(self.index - 1))
        self.next.clicked.connect(self._forward)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip)
        buttons.addStretch(1)
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counter)
        layout.addWidget(self.heading)
        layout.addWidget(self.body, 1)
        layout.addLayout(buttons)
        self.finished.connect(lambda _: self.spotlight.point_at(None, self.ring_px))

    def set_reading_size(self, lecture: bool, zoom: float) -> None:
        """The explanation's type size, and a ring as thick as the bars."""
        px = round(appearance.theme_for(lecture).explanation_font_px * zoom)
        font = self.font()
        font.setPixelSize(px)
        self.setFont(font)
        heading = self.heading.font()
        heading.setPixelSize(round(px * 1.3))
        heading.setBold(True)
        self.heading.setFont(heading)
        self.ring_px = 8 if lecture else 5
        self.setFixedWidth(round(px * 26))

    def start(self) -> None:
        """Show the first step."""
        self.setWindowTitle(self.tr("A tour of Entropy Lab"))
        self.skip.setText(self.tr("Skip tour"))
        self.back.setText(self.tr("Back"))
        self.show_step(0)
        self.show()
        self.raise_()
        self.activateWindow()

    def show_step(self, index: int) -> None:
        """Show step ``index`` (clamped to the steps there are)."""
        self.index = max(0, min(index, len(self.steps) - 1))
        step = self.steps[self.index]
        self.counter.setText(
            self.tr("Step {number} of {count}").format(
                number=self.index + 1, count=len(self.steps)
            )
        )
        self.heading.setText(step.title)
        self.body.setText(step.text)
        self.back.setEnabled(self.index > 0)
        last = self.index == len(self.steps) - 1
        self.next.setText(self.tr("Done") if last else self.tr("Next"))
        target = step.target()
        self.spotlight.point_at(target, self.ring_px)
        self.adjustSize()
        self._place_beside(target)

    def _forward(self) -> None:
        if self.index == len(self.steps) - 1:
            self.accept()
        else:
            self.show_step(self.index + 1)

    def _place_beside(self, target: QRect | None) -> None:
        """Below the target if it fits, else right, left or above; else centred.

        A side fits when the whole dialog lies on that side inside the window
        (inside the screen for a window smaller than the dialog); the dialog
        then slides along the side to stay inside.
        """
        window = self.window_
        screen = window.screen().availableGeometry()
        size = self.frameGeometry().size()
        bounds = window.frameGeometry().intersected(screen)
        if bounds.width() < size.width() or bounds.height() < size.height():
            bounds = screen
        if target is None:
            centre = bounds.center()
            self.move(centre.x() - size.width() // 2, centre.y() - size.height() // 2)
            return
        area = QRect(window.mapToGlobal(target.topLeft()), target.size())
        gap = 12 + self.ring_px
        middle_y = area.center().y() - size.height() // 2
        below = QPoint(area.left(), area.bottom() + gap)
        right = QPoint(area.right() + gap, middle_y)
        left = QPoint(area.left() - gap - size.width(), middle_y)
        above = QPoint(area.left(), area.top() - gap - size.height())
        vertical, horizontal = Qt.Orientation.Vertical, Qt.Orientation.Horizontal
        for corner, across in (
            (below, vertical),
            (right, horizontal),
            (left, horizontal),
            (above, vertical),
        ):
            placed = QRect(corner, size)
            if across == vertical:
                fits = bounds.top() <= placed.top() <= bounds.bottom() - size.height()
            else:
                fits = bounds.left() <= placed.left() <= bounds.right() - size.width()
            if fits:
                self.move(_clamped(placed, bounds))
                return
        middle = QPoint(area.center().x() - size.width() // 2, middle_y)
        self.move(_clamped(QRect(middle, size), bounds))


def _clamped(placed: QRect, screen: QRect) -> QPoint:
    """The top-left corner that keeps ``placed`` on ``screen``."""
    x = max(screen.left(), min(placed.left(), screen.right() - placed.width()))
    y = max(screen.top(), min(placed.top(), screen.bottom() - placed.height()))
    return QPoint(x, y)


def window_tour(window: MainWindow) -> list[TourStep]:
    """The tour of Entropy Lab's window: the explorer's parts, then the menus."""
    explorer = window.explorer
    actions = window.actions_by_name
    return [
        TourStep(
            translate("Tour", "The controls"),
            translate(
                "Tour",
                "Set P and Q, the logits, the temperature and the true class "
                "here. Double-click any number beside a slider to type it exactly.",
            ),
            widget_target(window, lambda: explorer.controls_column),
        ),
        TourStep(
            translate("Tour", "The readouts"),
            translate(
                "Tour",
                "Every number follows at once: both entropies, the "
                "cross-entropies, KL divergence both ways, JS and the loss. An "
                "infinite value says why.",
            ),
            widget_target(window, lambda: explorer.readouts),
        ),
        TourStep(
            translate("Tour", "The plots"),
            translate(
                "Tour",
                "Drag a bar to set its weight and hover for its numbers. "
                "Ctrl+1 to Ctrl+5 hide or show plots; Alt+Right shows the next "
                "ones when not all fit.",
            ),
            widget_target(window, lambda: explorer.plot_grid),
        ),
        TourStep(
            translate("Tour", "Presets"),
            translate(
                "Tour",
                "The course's worked examples, on keys 1 to 9. Each explains "
                "what to look at and what to try next.",
            ),
            menu_target(window, lambda: window.findChild(QMenu, "presets_menu")),
        ),
        TourStep(
            translate("Tour", "Lecture mode"),
            translate(
                "Tour",
                "F11: full screen, large type, thick bars and high contrast for "
                "the projector. Esc leaves it.",
            ),
            menu_target(window, lambda: menu_holding(actions["lecture"])),
        ),
        TourStep(
            translate("Tour", "Help"),
            translate(
                "Tour",
                "F1 lists every key. This tour is in the Help menu whenever you "
                "want it again.",
            ),
            menu_target(window, lambda: menu_holding(actions["keyboard_sheet"])),
        ),
    ]
