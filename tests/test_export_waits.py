"""An export waits (boundedly) for the background work its page shows.

``main.py --lesson why-cross-entropy --step 4 --reveal --export x.png`` drew
"Squared error: counting… (more than 150)" beside a revealed answer of
1,511 steps: the picture was taken while the race's step count ran.
"""

from __future__ import annotations

import argparse
from typing import Any

import pytest

import main as entry_point
from core.lessons import bundled_entries, load_bundled
from core.next_token import DecodingSettings
from core.next_token_lab import start_lab, with_settings
from core.race import start_count, start_race
from viz import export_menu
from viz.background_work import busy, finish_background_work
from viz.slides import OffscreenPage

#: Built before the shared window is handed out (tests/window_reuse.py).
SHARED_WINDOW_PAGES = ("binary",)


def lesson(name: str) -> Any:
    entry = next(e for e in bundled_entries() if e.name == name)
    return load_bundled(entry.file)


def squared_error_text(page: Any) -> str:
    return str(page.counts["squared_error"].text())


def steps_needed(z0: float, learning_rate: float) -> int:
    count = start_count("squared_error", start_race(z0, 1, learning_rate))
    from core.race import count_further

    while not count.done:
        count = count_further(count, 1000)
    assert count.steps is not None
    return count.steps


def new_count(window: Any, z0: float, learning_rate: float = 1.0) -> Any:
    """The race page on show, counting afresh for (z0, learning_rate)."""
    window.show_panel("binary")
    window.stores["race"].set_state(start_race(z0, 1, learning_rate))
    page = window.current_page()
    assert page.background_busy()  # one pass of the count has not run yet
    return page


def test_a_window_export_of_a_lesson_step_shows_the_finished_count(
    fresh_window: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Any, capsys: Any
) -> None:
    from PySide6.QtWidgets import QApplication

    window = fresh_window
    window.lessons.start(lesson("why-cross-entropy"), 3, remember=False)
    seen: list[str] = []

    def write(window: Any, arguments: argparse.Namespace) -> str:
        seen.append(squared_error_text(window.current_page()))
        return ""

    monkeypatch.setattr(entry_point, "_write_export", write)
    arguments = argparse.Namespace(
        size=(1280, 720), lecture=False, export=str(tmp_path / "x.png")
    )
    assert entry_point._export_and_quit(QApplication.instance(), window, arguments) == 0
    assert seen == ["Squared error needs <b>1,511</b> steps"]


def test_a_slide_of_the_race_shows_the_finished_count(window: Any) -> None:
    new_count(window, -7.5)
    needed = steps_needed(-7.5, 1.0)
    with OffscreenPage(window, "binary", "page", (1280, 720)) as copy:
        assert copy.work_finished and not busy([copy.page])
        assert squared_error_text(copy.page) == (
            f"Squared error needs <b>{needed:,}</b> steps"
        )
        assert f"Squared error needs {needed:,} steps" in copy.info().description


def test_a_gui_export_shows_the_finished_count(
    window: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    page = new_count(window, -7.0)
    needed = steps_needed(-7.0, 1.0)
    seen: list[str] = []
    monkeypatch.setattr(
        export_menu, "save_picture", lambda *_: seen.append(squared_error_text(page))
    )
    assert window.exporter.picture(window, tmp_path / "x.png")
    assert seen == [f"Squared error needs <b>{needed:,}</b> steps"]


def test_the_wait_is_bounded_and_then_the_page_says_it_is_counting(
    window: Any,
) -> None:
    # About 150,000 steps at the smallest learning rate: far beyond 50 ms.
    page = new_count(window, -8.0, 0.01)
    try:
        assert not finish_background_work([page], bound=0.05)
        assert page.background_busy()
        done = page.counter.progress("squared_error")
        assert done < 150_000  # what it has checked so far, truly
        assert squared_error_text(page) == (
            f"Squared error: counting… (more than {done:,})"
        )
    finally:
        window.stores["race"].set_state(start_race())  # a short count again
        finish_background_work([page])


def test_nothing_running_returns_at_once(window: Any) -> None:
    window.show_panel("explorer")
    page = window.current_page()
    assert not page.background_busy()
    assert finish_background_work([page], bound=0.0)


def test_the_next_token_page_waits_for_its_worker(window: Any) -> None:
    window.show_panel("next_token")
    store = window.stores["next_token"]
    store.derive_now()
    page = window.current_page()
    state = with_settings(start_lab(), "p", DecodingSettings(top_k=7))
    store.set_state(state)
    assert page.background_busy()
    assert finish_background_work([page])
    assert not store.pending and store.results_state is state
