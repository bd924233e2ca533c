"""Animated GIF and APNG files of a page's run or of a sweep in the explorer.

Which state each frame shows comes from :mod:`core.animation`; here each
state is drawn by an offscreen copy of the page (:class:`viz.slides.OffscreenPage`),
rendered to an image and handed to Pillow. Frames are made one at a time as
the encoder asks for them, so a progress callback can report each and
cancel: a cancelled or failed export leaves no file (and an older file at
the path as it was). Video (MP4) is not offered: it needs an encoder that
is not installed with the app.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QImage

from core.animation import (
    ANIMATED_PAGES,
    AnimationSettings,
    Sweep,
    animation_format,
    check_frame_size,
    check_sweep,
    frame_durations_ms,
    run_frames,
    sweep_caption,
    sweep_frames,
    sweep_text,
    sweep_values,
)
from core.atomic import FileError, atomic_write
from viz.files import CREATOR, ExportError, PictureInfo, check_scale
from viz.slides import OffscreenPage, check_slide

if TYPE_CHECKING:
    from PIL import Image

    from viz.window import MainWindow

#: An animation's size unless one is asked for: small enough for a slide
#: deck and a quick encode, 16:9.
ANIMATION_SIZE = (960, 540)

#: progress(frames done, frames in all) → False to cancel.
Progress = Callable[[int, int], bool]


class AnimationCancelledError(Exception):
    """The user cancelled; nothing was written."""


@dataclass(frozen=True)
class AnimationJob:
    """What to animate, and how.

    Attributes
    ----------
    settings : AnimationSettings
        Frames, frames per second, steps per frame (for a run).
    panel : str
        The page: one of :data:`core.animation.ANIMATED_PAGES` for a run,
        "explorer" for a sweep.
    sweep : Sweep or None
        The explorer control to move (None: the page's run).
    slide : str
        What each frame shows (:data:`viz.slides.SLIDE_NAMES`); "page" is the
        page without its controls.
    size : (int, int)
    scale : int
        Pixel ratio, 1 to 3.
    """

    settings: AnimationSettings
    panel: str
    sweep: Sweep | None = None
    slide: str = "page"
    size: tuple[int, int] = ANIMATION_SIZE
    scale: int = 1

    def check(self) -> None:
        """Raise ExportError (one line) for a job that cannot be made."""
        check_slide(self.slide)
        check_scale(self.scale)
        if self.sweep is None and self.panel not in ANIMATED_PAGES:
            pages = ", ".join(ANIMATED_PAGES)
            raise ExportError(
                f"page {self.panel!r} has no run to animate; animated pages: "
                f"{pages} (or sweep a control of the explorer)"
            )
        if self.sweep is not None and self.panel != "explorer":
            raise ExportError("a sweep moves a control of the explorer page")
        try:
            check_frame_size(self.settings.frames, *self.size, self.scale)
        except ValueError as error:
            raise ExportError(str(error)) from None


def qimage_to_pil(image: QImage) -> Image.Image:
    """An RGB Pillow image of ``image`` (alpha dropped: frames are opaque)."""
    from PIL import Image  # Pillow loads when an animation is made, not at start

    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height = rgb.width(), rgb.height()
    data = bytes(rgb.constBits())
    return Image.frombuffer(
        "RGB", (width, height), data, "raw", "RGB", rgb.bytesPerLine(), 1
    )


def _states(copy: OffscreenPage, job: AnimationJob) -> Iterator[Any]:
    settings = job.settings
    if job.sweep is not None:
        return sweep_frames(copy.store.state, job.sweep, settings.frames)
    page: Any = copy.page
    start = page.restarted(copy.store.state)
    return run_frames(
        start,
        page.advanced,
        page.can_advance,
        settings.frames,
        settings.steps_per_frame,
    )


def _description(job: AnimationJob) -> str:
    settings = job.settings
    if job.sweep is not None:
        return sweep_text(job.sweep, settings.frames, settings.fps)
    return (
        f"the run from its start, {settings.steps_per_frame} step(s) per frame, "
        f"{settings.frames} frames at {settings.fps} frames per second"
    )


def write_animation(
    window: MainWindow,
    path: str | os.PathLike[str],
    job: AnimationJob,
    progress: Progress | None = None,
) -> int:
    """Write ``job`` as an animated GIF or APNG (by the suffix); returns the frames.

    The window is left as it is: frames are drawn by an offscreen copy of
    the page, from a copy of its state. The file's metadata hold a title,
    what moves, and the numbers of the first frame. Identical consecutive
    frames (a run that ended early) are stored once, for their summed time.

    Raises
    ------
    ExportError
        One line, for a bad job or suffix, a sweep the scenario cannot take,
        or a file that cannot be written.
    AnimationCancelledError
        When ``progress`` returned False; no file is written.
    """
    try:
        kind = animation_format(path)
        durations = frame_durations_ms(job.settings.frames, job.settings.fps, kind)
    except ValueError as error:
        raise ExportError(str(error)) from None
    job.check()
    with OffscreenPage(window, job.panel, job.slide, job.size) as copy:
        if job.sweep is not None:
            try:
                check_sweep(copy.store.state, job.sweep)
            except ValueError as error:
                raise ExportError(str(error)) from None
        info = copy.info(_description(job))
        frames = _frame_images(copy, job, kind, progress)

    def write(temporary: Path) -> None:
        _encode(temporary, kind, frames, list(durations[: len(frames)]), info)

    try:
        atomic_write(path, write)
    except FileError as error:
        raise ExportError(f"could not write {path}: {error}") from None
    return len(frames)


def _frame_images(
    copy: OffscreenPage, job: AnimationJob, kind: str, progress: Progress | None
) -> list[Image.Image]:
    """Every frame, drawn in turn; a GIF's already in its 256 colours."""
    total = job.settings.frames
    images = []
    values = sweep_values(job.sweep, total) if job.sweep is not None else ()
    for done, state in enumerate(_states(copy, job), start=1):
        if job.sweep is not None:
            copy.set_caption(sweep_caption(job.sweep, values[done - 1]))
        copy.show_state(state)
        image = qimage_to_pil(copy.image(job.scale))
        if kind == "gif":
            # Fast octree without dithering: a plot's flat colours stay flat
            # (median cut took ten times as long for the same picture).
            from PIL import Image

            image = image.quantize(
                colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
            )
        images.append(image)
        if progress is not None and not progress(done, total):
            raise AnimationCancelledError
    return images


def _encode(
    path: Path,
    kind: str,
    frames: list[Image.Image],
    duration: list[int],
    info: PictureInfo,
) -> None:
    first, rest = frames[0], frames[1:]
    if kind == "gif":
        first.save(
            path,
            format="GIF",
            save_all=True,
            append_images=rest,
            duration=duration,
            loop=0,
            comment=f"{info.title}\n{info.description}",
        )
        return
    from PIL import PngImagePlugin

    text = PngImagePlugin.PngInfo()
    text.add_itxt("Title", info.title)
    text.add_itxt("Description", info.description)
    text.add_itxt("Software", CREATOR)
    first.save(
        path,
        format="PNG",
        save_all=True,
        append_images=rest,
        duration=duration,
        loop=0,
        pnginfo=text,
    )
