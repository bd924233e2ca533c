"""File → Export: pictures of the window, slides, and animations, with their dialogs.

Each menu entry opens a small options dialog (format, scale, size; for an
animation what moves and how), then the file dialog, then writes. A
failure is explained in the window's problem dialog in one line and leaves
any older file as it was; an animation shows its progress and can be
cancelled, which writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QSpinBox,
    QWidget,
)

from core.animation import (
    FPS,
    FRAMES,
    STEPS_PER_FRAME,
    SWEEP_CONTROLS,
    animation_settings,
    parse_sweep,
)
from core.i18n import QT_TRANSLATE_NOOP
from core.numbers import format_count
from viz.animation_export import (
    ANIMATION_SIZE,
    AnimationCancelledError,
    AnimationJob,
    write_animation,
)
from viz.files import PNG_SCALES, ExportError, PictureInfo, save_picture
from viz.slides import SLIDE_NAMES, SLIDE_SIZE, export_slide, slide_title
from viz.vector_style import controls_for_picture

if TYPE_CHECKING:
    from viz.window import MainWindow

translate = QCoreApplication.translate

#: Picture formats the dialog offers: label, suffix, file-dialog filter
#: (label and filter are source texts, translated where shown).
PICTURE_FORMATS = (
    (
        QT_TRANSLATE_NOOP("Export", "SVG drawing (vector: sharp at any size)"),
        ".svg",
        QT_TRANSLATE_NOOP("Export", "SVG drawing (*.svg)"),
    ),
    (
        QT_TRANSLATE_NOOP("Export", "PDF document (vector)"),
        ".pdf",
        QT_TRANSLATE_NOOP("Export", "PDF document (*.pdf)"),
    ),
    (
        QT_TRANSLATE_NOOP("Export", "PNG image"),
        ".png",
        QT_TRANSLATE_NOOP("Export", "PNG image (*.png)"),
    ),
)
ANIMATION_FORMATS = (
    (
        QT_TRANSLATE_NOOP("Export", "Animated GIF (plays everywhere)"),
        ".gif",
        QT_TRANSLATE_NOOP("Export", "Animated GIF (*.gif)"),
    ),
    (
        QT_TRANSLATE_NOOP("Export", "Animated PNG (full colour)"),
        ".apng",
        QT_TRANSLATE_NOOP("Export", "Animated PNG (*.apng *.png)"),
    ),
)
#: What an animation can show: a page's run, or a sweep in the explorer.
ANIMATION_SOURCES = (
    ("binary", QT_TRANSLATE_NOOP("Export", "The race (Vanishing gradients)")),
    (
        "training",
        QT_TRANSLATE_NOOP("Export", "The logit training (Training the logits)"),
    ),
    ("fitting", QT_TRANSLATE_NOOP("Export", "The KL fits (Forward vs reverse KL)")),
    ("sweep", QT_TRANSLATE_NOOP("Export", "A sweep of one explorer control")),
)
SWEEP_LABELS = {
    "temperature": QT_TRANSLATE_NOOP("Export", "temperature T"),
    "smoothing": QT_TRANSLATE_NOOP("Export", "label smoothing ε"),
    "logit": QT_TRANSLATE_NOOP("Export", "a logit z"),
    "p": QT_TRANSLATE_NOOP("Export", "a weight of P"),
    "q": QT_TRANSLATE_NOOP("Export", "a weight of Q"),
}
#: A sweep's suggested ends, per control.
SWEEP_DEFAULTS = {
    "temperature": (0.2, 5.0),
    "smoothing": (0.0, 0.5),
    "logit": (-3.0, 3.0),
    "p": (0.05, 1.0),
    "q": (0.05, 1.0),
}


def _size_row(size: tuple[int, int]) -> tuple[QWidget, QSpinBox, QSpinBox]:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    width, height = QSpinBox(), QSpinBox()
    names = {
        "width": translate("Export", "Picture width in pixels"),
        "height": translate("Export", "Picture height in pixels"),
    }
    for box, value, name in ((width, size[0], "width"), (height, size[1], "height")):
        box.setRange(160, 4096)
        box.setValue(value)
        box.setSuffix(translate("Export", " px"))
        box.setObjectName(f"export_{name}")
        box.setAccessibleName(names[name])
    layout.addWidget(width)
    layout.addWidget(QLabel("×"))
    layout.addWidget(height)
    return row, width, height


class PictureDialog(QDialog):
    """Format, scale and (for a slide) size of a picture to export."""

    def __init__(
        self, parent: QWidget, title: str, size: tuple[int, int] | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("picture_export_dialog")
        self.setWindowTitle(translate("Export", "Export: {title}").format(title=title))
        self.format = QComboBox()
        self.format.setObjectName("export_format")
        for label, suffix, _ in PICTURE_FORMATS:
            self.format.addItem(translate("Export", label), suffix)
        self.scale = QComboBox()
        self.scale.setObjectName("export_scale")
        for scale in PNG_SCALES:
            why = (
                translate("Export", "sharp on a HiDPI projector")
                if scale > 1
                else translate("Export", "screen pixels")
            )
            text = translate("Export", "{scale}× ({why})")
            self.scale.addItem(text.format(scale=scale, why=why), scale)
        form = QFormLayout(self)
        form.addRow(translate("Export", "Format"), self.format)
        form.addRow(translate("Export", "PNG scale"), self.scale)
        self.size_row: QWidget | None = None
        if size is not None:
            self.size_row, self.width_box, self.height_box = _size_row(size)
            form.addRow(translate("Export", "Size"), self.size_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.format.currentIndexChanged.connect(self._follow_format)
        self._follow_format()

    def _follow_format(self, *_: object) -> None:
        # A vector file has no pixels to scale.
        self.scale.setEnabled(self.suffix == ".png")

    @property
    def suffix(self) -> str:
        """The chosen format's suffix."""
        return str(self.format.currentData())

    @property
    def chosen_scale(self) -> int:
        """The chosen PNG scale (1 for vector formats)."""
        return int(self.scale.currentData()) if self.suffix == ".png" else 1

    @property
    def chosen_size(self) -> tuple[int, int]:
        """The chosen slide size."""
        return self.width_box.value(), self.height_box.value()

    def file_filter(self) -> str:
        """The file dialog's filter for the chosen format."""
        return translate(
            "Export", next(f for _, s, f in PICTURE_FORMATS if s == self.suffix)
        )


class AnimationDialog(QDialog):
    """What to animate (a run or a sweep), frames, rate, format, size, scale."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("animation_export_dialog")
        self.setWindowTitle(translate("Export", "Export an animation"))
        self.window_ = window
        self.source = QComboBox()
        self.source.setObjectName("animation_source")
        for key, label in ANIMATION_SOURCES:
            self.source.addItem(translate("Export", label), key)
        self.control = QComboBox()
        self.control.setObjectName("animation_control")
        for key in SWEEP_CONTROLS:
            self.control.addItem(translate("Export", SWEEP_LABELS[key]), key)
        self.outcome = QSpinBox()
        self.outcome.setObjectName("animation_outcome")
        self.outcome.setAccessibleName(
            translate("Export", "The outcome whose logit or weight moves")
        )
        self.start, self.end = QDoubleSpinBox(), QDoubleSpinBox()
        ends = {
            "start": translate("Export", "Value at the start of the sweep"),
            "end": translate("Export", "Value at the end of the sweep"),
        }
        for box, name in ((self.start, "start"), (self.end, "end")):
            box.setObjectName(f"animation_{name}")
            box.setDecimals(3)
            box.setAccessibleName(ends[name])
        self.view = QComboBox()
        self.view.setObjectName("animation_view")
        for name in SLIDE_NAMES:
            self.view.addItem(
                translate("Export", "The explorer (readouts and plots)")
                if name == "page"
                else slide_title(name),
                name,
            )
        self.view.setCurrentIndex(SLIDE_NAMES.index("page"))
        self.frames = self._spin("animation_frames", FRAMES.low, FRAMES.high, 60)
        self.fps = self._spin("animation_fps", FPS.low, FPS.high, FPS.default)
        self.steps = self._spin(
            "animation_steps", STEPS_PER_FRAME.low, STEPS_PER_FRAME.high, 2
        )
        self.format = QComboBox()
        self.format.setObjectName("animation_format")
        for label, suffix, _ in ANIMATION_FORMATS:
            self.format.addItem(translate("Export", label), suffix)
        self.scale = QComboBox()
        self.scale.setObjectName("animation_scale")
        for scale in PNG_SCALES:
            self.scale.addItem(f"{scale}×", scale)
        size_row, self.width_box, self.height_box = _size_row(ANIMATION_SIZE)
        form = QFormLayout(self)
        form.addRow(translate("Export", "Animate"), self.source)
        form.addRow(translate("Export", "Control"), self.control)
        form.addRow(translate("Export", "Outcome"), self.outcome)
        form.addRow(translate("Export", "From"), self.start)
        form.addRow(translate("Export", "To"), self.end)
        form.addRow(translate("Export", "Show"), self.view)
        form.addRow(translate("Export", "Steps per frame"), self.steps)
        form.addRow(translate("Export", "Frames"), self.frames)
        form.addRow(translate("Export", "Frames per second"), self.fps)
        form.addRow(translate("Export", "Format"), self.format)
        form.addRow(translate("Export", "Size"), size_row)
        form.addRow(translate("Export", "Scale"), self.scale)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.form = form
        self.source.currentIndexChanged.connect(self._follow_source)
        self.control.currentIndexChanged.connect(self._follow_control)
        self._choose_source_for(window.current_panel())
        self._follow_control()

    @staticmethod
    def _spin(name: str, low: int, high: int, value: int) -> QSpinBox:
        box = QSpinBox()
        box.setObjectName(name)
        box.setRange(low, high)
        box.setValue(value)
        return box

    def _choose_source_for(self, panel: str) -> None:
        keys = [key for key, _ in ANIMATION_SOURCES]
        self.source.setCurrentIndex(keys.index(panel if panel in keys else "sweep"))
        self._follow_source()

    def _follow_source(self, *_: object) -> None:
        sweep = self.is_sweep
        for widget in (self.control, self.outcome, self.start, self.end, self.view):
            widget.setEnabled(sweep)
        self.steps.setEnabled(not sweep)
        if not sweep:
            page = self.window_.pages.built().get(self.source_key)
            speed = getattr(page, "steps_per_tick", None)
            if isinstance(speed, int):
                self.steps.setValue(speed)

    def _follow_control(self, *_: object) -> None:
        key = str(self.control.currentData())
        limits = SWEEP_CONTROLS[key]
        for box in (self.start, self.end):
            box.setRange(limits.low, limits.high)
            box.setSingleStep(0.1)
        low, high = SWEEP_DEFAULTS[key]
        self.start.setValue(low)
        self.end.setValue(high)
        k = self.window_.store.scenario.p_weights.size
        self.outcome.setRange(0, max(0, k - 1))
        self.outcome.setEnabled(self.is_sweep and key in ("logit", "p", "q"))

    @property
    def source_key(self) -> str:
        """The source: binary, training, fitting or sweep."""
        return str(self.source.currentData())

    @property
    def is_sweep(self) -> bool:
        """True when a control is swept."""
        return self.source_key == "sweep"

    @property
    def suffix(self) -> str:
        """The chosen format's suffix."""
        return str(self.format.currentData())

    def file_filter(self) -> str:
        """The file dialog's filter for the chosen format."""
        return translate(
            "Export", next(f for _, s, f in ANIMATION_FORMATS if s == self.suffix)
        )

    def job(self) -> AnimationJob:
        """The animation the dialog describes; ValueError says what is wrong."""
        settings = animation_settings(
            self.frames.value(), self.fps.value(), self.steps.value()
        )
        size = (self.width_box.value(), self.height_box.value())
        scale = int(self.scale.currentData())
        if not self.is_sweep:
            return AnimationJob(settings, self.source_key, size=size, scale=scale)
        key = str(self.control.currentData())
        index = str(self.outcome.value()) if key in ("logit", "p", "q") else ""
        text = f"{key}{index}={self.start.value()!r}:{self.end.value()!r}"
        sweep = parse_sweep(text)
        slide = str(self.view.currentData())
        return AnimationJob(settings, "explorer", sweep, slide, size, scale)


class Exporter:
    """The Export menu's actions for one window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    # pictures of what is on screen ---------------------------------------

    def picture(
        self, widget: QWidget, path: str | Path, scale: int = 1, title: str = ""
    ) -> bool:
        """Write ``widget`` as it is on screen; explain a failure."""
        window = self.window
        results = window.store.results
        from core.export import readouts_text

        numbers = readouts_text(results) if results is not None else ""
        info = PictureInfo(title or "Entropy Lab", numbers.strip())
        from viz.background_work import finish_background_work

        finish_background_work([window.current_page()])
        try:
            with controls_for_picture(widget, path):
                save_picture(widget, path, scale, info)
        except ExportError as error:
            window.show_problem(translate("Export", "Could not export"), str(error))
            return False
        window.statusBar().showMessage(
            translate("Export", "Exported {path}").format(path=path)
        )
        return True

    def picture_dialog(self, widget: QWidget, name: str, title: str = "") -> None:
        """Ask format and scale, then the file, then export ``widget``."""
        dialog = PictureDialog(self.window, title or name, None)

        def chosen() -> None:
            path = self._ask_path(name, dialog.suffix, dialog.file_filter())
            if path:
                self.picture(widget, path, dialog.chosen_scale, title)

        self._open(dialog, chosen)

    # slides --------------------------------------------------------------

    def slide(
        self,
        name: str,
        path: str | Path,
        size: tuple[int, int] = SLIDE_SIZE,
        scale: int = 1,
    ) -> bool:
        """Write a slide (see :func:`viz.slides.export_slide`); explain a failure."""
        window = self.window
        try:
            export_slide(window, name, path, size, scale)
        except ExportError as error:
            window.show_problem(
                translate("Export", "Could not export the slide"), str(error)
            )
            return False
        window.statusBar().showMessage(
            translate("Export", "Exported the slide {path}").format(path=path)
        )
        return True

    def slide_dialog(self, name: str) -> None:
        """Ask format, scale and size, then the file, then write the slide."""
        dialog = PictureDialog(self.window, slide_title(name), SLIDE_SIZE)

        def chosen() -> None:
            base = f"entropy-lab-{self._slide_base(name)}"
            path = self._ask_path(base, dialog.suffix, dialog.file_filter())
            if path:
                self.slide(name, path, dialog.chosen_size, dialog.chosen_scale)

        self._open(dialog, chosen)

    def _slide_base(self, name: str) -> str:
        return self.window.current_panel() if name == "page" else name

    # animations ----------------------------------------------------------

    def animation(self, path: str | Path, job: AnimationJob) -> bool:
        """Write an animation with a progress dialog; explain a failure.

        Cancel leaves no file behind (and an older file as it was).
        """
        window = self.window
        progress = QProgressDialog(
            translate("Export", "Drawing the frames…"),
            translate("Export", "Cancel"),
            0,
            job.settings.frames,
            window,
        )
        progress.setObjectName("animation_progress")
        progress.setWindowTitle(translate("Export", "Export an animation"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setValue(0)

        def report(done: int, total: int) -> bool:
            progress.setValue(done)
            if done == total:
                progress.setLabelText(translate("Export", "Writing the file…"))
            QApplication.processEvents()
            return not progress.wasCanceled()

        try:
            frames = write_animation(window, path, job, report)
        except AnimationCancelledError:
            window.statusBar().showMessage(
                translate("Export", "Animation cancelled: nothing was written")
            )
            return False
        except ExportError as error:
            window.show_problem(
                translate("Export", "Could not export the animation"), str(error)
            )
            return False
        finally:
            progress.reset()
            progress.deleteLater()
        text = translate("Export", "Exported {path} ({count} frames)", "", frames)
        window.statusBar().showMessage(
            text.format(path=path, count=format_count(frames))
        )
        return True

    def animation_dialog(self) -> None:
        """Ask what to animate and how, then the file, then write it."""
        dialog = AnimationDialog(self.window)

        def chosen() -> None:
            try:
                job = dialog.job()
            except ValueError as error:
                self.window.show_problem(
                    translate("Export", "Cannot make this animation"), str(error)
                )
                return
            name = job.sweep.name if job.sweep is not None else job.panel
            path = self._ask_path(
                f"entropy-lab-{name}", dialog.suffix, dialog.file_filter()
            )
            if path:
                self.animation(path, job)

        self._open(dialog, chosen)

    # helpers -------------------------------------------------------------

    def _open(self, dialog: QDialog, chosen: Callable[[], Any]) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(chosen)
        dialog.open()

    def _ask_path(self, base: str, suffix: str, file_filter: str) -> str:
        suggested = str(Path.home() / f"{base}{suffix}")
        path, _ = QFileDialog.getSaveFileName(
            self.window, translate("Export", "Export"), suggested, file_filter
        )
        if path and Path(path).suffix.lower() not in (suffix, ".png"):
            path += suffix
        return path
