"""Page stores are made when first asked for, and behave as if always there."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from core.race import start_race
from core.session import load_session
from viz import MainWindow
from viz.page_stores import PageStores

ROOT = Path(__file__).resolve().parents[1]


class _Store:
    def __init__(self, name: str) -> None:
        self.name = name


def test_a_store_is_made_once_on_first_use_and_every_listener_hears_of_it():
    made: list[str] = []

    def factory(kind: str):
        def make():
            made.append(kind)
            return _Store(kind)

        return make

    stores = PageStores({"scenario": _Store("scenario")}, {"race": factory("race")})
    heard: list[str] = []
    stores.each(lambda kind, store: heard.append(kind))
    assert heard == ["scenario"] and made == []
    assert "race" in stores and list(stores) == ["scenario", "race"]
    assert len(stores) == 2 and made == [] and not stores.is_made("race")
    race = stores["race"]
    assert stores["race"] is race and made == ["race"] and heard == ["scenario", "race"]
    late: list[str] = []
    stores.each(lambda kind, store: late.append(kind))
    assert late == ["scenario", "race"]
    assert "batch" not in stores
    with pytest.raises(KeyError):
        stores["batch"]


def test_a_new_window_makes_only_the_explorers_store(fresh_window):
    assert list(fresh_window.stores.made()) == ["scenario"]
    assert set(fresh_window.stores) >= {"race", "fits", "next_token", "codes"}


def test_a_store_made_late_has_undo_and_marks_the_session_modified(
    fresh_window, qtbot, tmp_path
):
    window = fresh_window
    window.save_session_to(tmp_path / "s.json")
    assert not window.isWindowModified()
    window.show_panel("binary")
    store = window.stores["race"]
    store.set_state(start_race(z0=3.0))
    qtbot.waitUntil(lambda: window.actions_by_name["undo"].isEnabled())
    assert window.isWindowModified()
    window.actions_by_name["undo"].trigger()
    assert store.state == start_race()
    assert not window.isWindowModified()


def test_a_quit_remembers_the_pages_opened_and_the_next_start_restores_them(
    qtbot, tmp_path
):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    first = MainWindow(settings=settings)
    qtbot.addWidget(first)
    first.store.update(temperature=3.0)
    first.stores["race"].set_state(start_race(z0=-2.0))
    first.close()
    remembered = json.loads(str(settings.value("last_session")))
    assert set(remembered["pages"]) == {"race"}  # the others were never made
    path = tmp_path / "last.json"
    path.write_text(json.dumps(remembered), encoding="utf-8")
    assert set(load_session(path).pages) == {"race"}
    second = MainWindow(settings=settings)
    qtbot.addWidget(second)
    second.restore_from_settings()
    assert second.store.scenario.temperature == pytest.approx(3.0)
    assert second.stores["race"].state == start_race(z0=-2.0)
    assert second.stores["fits"].state == first.stores["fits"].state  # its start


def test_a_saved_session_holds_every_page():
    window = MainWindow()
    try:
        pages = window.session().pages
        assert set(pages) == set(window.stores) - {"scenario"}
    finally:
        window.deleteLater()


def test_starting_the_window_loads_no_lab_and_no_lesson():
    """The labs' cores and the lessons' load when first needed, not at start."""
    code = (
        "import sys, os; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from viz import MainWindow\n"
        "window = MainWindow(); window.show(); app.processEvents()\n"
        "labs = ('core.code_lab', 'core.huffman', 'core.sampling', "
        "'core.next_token', 'core.next_token_lab', 'core.sampling_lab', "
        "'core.lessons', 'core.lesson_quantities', 'core.lesson_authoring', "
        "'core.race', 'core.trainings', 'core.training', 'core.fitting', "
        "'core.kl_fits', 'core.batch', 'core.animation', 'viz.export_menu', "
        "'viz.animation_export')\n"
        "print(sorted(m for m in labs if m in sys.modules))\n"
        "window.stores['codes']\n"
        "print('core.code_lab' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    assert done.stdout.split("\n")[:2] == ["[]", "True"], done.stderr
