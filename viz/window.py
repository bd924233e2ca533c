"""The main window: pages in tabs, side panels, menus, files and lecture mode."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QRect, QSettings, Qt
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from core import Scenario, default_scenario
from core.export import outcome_table_csv, readouts_text
from core.i18n import QT_TRANSLATE_NOOP
from core.numbers import format_percent
from core.presets import Preset, PresetError, load_presets
from core.session import (
    Session,
    SessionError,
    load_session,
    parse_session,
    save_session,
    session_to_json,
)
from viz import appearance
from viz.docks import ExplanationDock, FormulaDock
from viz.explorer import ExplorerPage
from viz.files import write_text
from viz.help import HelpDialogs
from viz.icon import application_icon
from viz.keys import FocusFollower, KeyOwnership
from viz.language import LanguageMenu
from viz.lazy_pages import LazyPages
from viz.lessons import LessonController
from viz.memory import reuse_large_allocations
from viz.page_hints import PageHint
from viz.page_stores import PageStores
from viz.pages import KIND_OF_PANEL, PAGES, PANEL_OF_KIND, PageSpec
from viz.pages.common import Page
from viz.plot_grid import PlotGrid
from viz.plotting import configure_pyqtgraph
from viz.presenter import CaptionBar, LaserPointer
from viz.remembered import Remembered
from viz.session_title import SessionTitle
from viz.slides import SLIDE_NAMES, slide_title
from viz.state import ScenarioStore
from viz.store import Store
from viz.theme import Theme
from viz.widgets import RoomyTabBar, shortened
from viz.window_texts import TextMaker, WindowTexts, window_text

if TYPE_CHECKING:
    from viz.export_menu import Exporter

WINDOW_TITLE = "Entropy Lab"
SESSION_FILTER = QT_TRANSLATE_NOOP("MainWindow", "Entropy Lab sessions (*.json)")
MAX_RECENT = 8

#: How long a page's passing remark stays in the status line, in ms.
REMARK_MS = 8000

#: Keys that hide and show the explorer's panels (lecture mode and beyond).
PANEL_KEYS = {
    "distributions": (QT_TRANSLATE_NOOP("MainWindow", "P and Q"), "Ctrl+1"),
    "information": (QT_TRANSLATE_NOOP("MainWindow", "Information as area"), "Ctrl+I"),
    "asymmetry": (QT_TRANSLATE_NOOP("MainWindow", "KL terms and totals"), "Ctrl+2"),
    "softmax": (QT_TRANSLATE_NOOP("MainWindow", "Softmax vs target"), "Ctrl+3"),
    "gradient": (QT_TRANSLATE_NOOP("MainWindow", "Gradient per logit"), "Ctrl+4"),
    "loss_curve": (
        QT_TRANSLATE_NOOP("MainWindow", "Loss vs true-class logit"),
        "Ctrl+5",
    ),
}


#: Fields of a page state that hold an animation's progress, not a setting.
PROGRESS_FIELDS = frozenset({"racers", "trainings", "fits", "run"})


def _same_start(now: Any, preset: Any) -> bool:
    """A page state still shows a preset's: the same settings, however far run."""
    if now == preset:
        return True
    if not dataclasses.is_dataclass(now) or type(now) is not type(preset):
        return False
    names = [f.name for f in dataclasses.fields(now)]
    if not PROGRESS_FIELDS.intersection(names):
        return False  # nothing runs on this page: only equality counts
    settings = [name for name in names if name not in PROGRESS_FIELDS]
    return all(getattr(now, name) == getattr(preset, name) for name in settings)


def _preset_title(preset: Preset) -> str:
    """A preset's menu entry: its title in the language in use."""
    return preset.title


class MainWindow(QMainWindow):
    """Entropy Lab's window. ``MainWindow()`` opens on the default scenario.

    Parameters
    ----------
    scenario : Scenario, optional
        What to open on (the default scenario otherwise).
    settings : QSettings, optional
        Where to remember geometry, the last state and recent files. Without
        it nothing is read or written (tests, ``--export``).
    """

    def __init__(
        self,
        scenario: Scenario | None = None,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        configure_pyqtgraph()
        reuse_large_allocations()
        self.key_ownership = KeyOwnership(self)
        FocusFollower(self, self.key_ownership)
        self.setWindowTitle(WINDOW_TITLE)
        self.setWindowIcon(application_icon())
        self.setObjectName("main_window")
        self.settings = settings
        self.remembered = Remembered(settings)
        self.session_path: Path | None = None
        self.lecture = False
        self._geometry_before_lecture: QRect | None = None
        self.zoom = 1.0
        self._exporter: Exporter | None = None
        # Each preset's scenario and page state are built when first applied.
        self.presets: tuple[Preset, ...] = load_presets(check_states=False)
        self.store = ScenarioStore(scenario or default_scenario(), self)
        #: Every page's store by state kind. A session or preset can set a
        #: page that has not been built yet: its store is made when first
        #: asked for (viz/page_stores.py), not at start-up.
        self.stores = PageStores(
            {"scenario": self.store},
            {
                spec.kind: partial(spec.new_store, self)
                for spec in PAGES
                if spec.new_store is not None
            },
        )
        #: The window's own texts, made again on a language change.
        self.texts = WindowTexts(self.statusBar())
        self.tabs = QTabWidget()
        self.tabs.setTabBar(RoomyTabBar())  # before any tab is added
        self.tabs.setObjectName("panel_tabs")
        self.explorer = ExplorerPage(self.store)
        self.pages = LazyPages(self.tabs, self._page_built)
        for spec in PAGES:
            self.add_page(spec.panel, spec.title, self._page_factory(spec))
            self.texts.tab(self.tabs, self.pages.host(spec.panel), spec.tab_title)
        self.setCentralWidget(self.tabs)
        self.explanation = ExplanationDock(self)
        self.formulas = FormulaDock(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.explanation)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.formulas)
        self.formulas.hide()
        self._explained: Preset | None = None
        self._stepped: Preset | None = None
        self.explanation.restore_requested.connect(self.restore_explained)
        self.store.scenario_changed.connect(self._check_explanation)
        self.tabs.currentChanged.connect(self._check_explanation)
        self.actions_by_name: dict[str, QAction] = {}
        #: Presenter conveniences (viz/presenter.py): a halo that follows the
        #: mouse and a line of large type for the room.
        self.laser = LaserPointer(self)
        self.caption = CaptionBar(self)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.caption)
        self.caption.line.finished.connect(self._caption_typed)
        self.help = HelpDialogs(self)
        self._build_menus()
        self.session_title = SessionTitle(self, self.stores)
        self.store.results_ready.connect(self._show_formulas)
        self.formulas.visibilityChanged.connect(lambda _: self._show_formulas())
        self.stores.each(self._listen_to_store)
        self.tabs.currentChanged.connect(self._update_history_actions)
        #: Guided lessons: their menu, dock and keys (viz/lessons.py).
        self.lessons = LessonController(self)
        # The normal look from the start, the same as after leaving lecture
        # mode (Qt's default font is a pixel smaller than the theme's).
        self._apply_appearance()
        #: What to do on the page on show, under any transient message.
        self.page_hint = PageHint(self.statusBar(), self.tabs, self.current_panel)
        self.store.results_ready.connect(
            lambda results: self.page_hint.follow_explorer(results.family_mode)
        )
        self.store.recompute_now()
        self._update_history_actions()

    # pages -------------------------------------------------------------------

    def _listen_to_store(self, _kind: str, store: Store[Any, Any]) -> None:
        store.history_changed.connect(self._update_history_actions)
        store.state_changed.connect(self._check_explanation)

    def _page_factory(self, spec: PageSpec) -> Callable[[], QWidget]:
        if spec.kind == "scenario":
            return lambda: self.explorer
        return lambda: spec.build(self.stores[spec.kind], self.store)

    def add_page(self, panel: str, title: str, factory: Callable[[], QWidget]) -> None:
        """Add a tab that presets and sessions can name as ``panel``.

        ``factory()`` builds the page the first time the tab is shown or the
        page is looked up in :attr:`pages`.
        """
        self.pages.add(panel, title, factory)

    def _page_built(self, panel: str, page: QWidget) -> None:
        if isinstance(page, Page):
            page.said.connect(self._remark)
        if panel != "explorer":  # styled with the window, before it exists
            self._style_page(page, appearance.theme_for(self.lecture))

    def _remark(self, text: str) -> None:
        """A page's passing remark, in the status line for a while."""
        self.statusBar().showMessage(text, REMARK_MS)

    def current_panel(self) -> str:
        """The id of the page on show."""
        return self.pages.current_panel()

    def current_page(self) -> Page:
        """The page on show."""
        page = self.pages[self.current_panel()]
        assert isinstance(page, Page)
        return page

    def current_store(self) -> Store[Any, Any]:
        """The store of the page on show (undo and redo act on it)."""
        return self.stores[KIND_OF_PANEL[self.current_panel()]]

    def show_panel(self, panel: str) -> None:
        """Bring the page ``panel`` to the front, if this window has it."""
        if panel in self.pages:
            self.tabs.setCurrentWidget(self.pages.host(panel))

    def play_or_pause(self) -> None:
        """Space: the page on show plays or pauses (or says why it cannot)."""
        self._say(self.current_page().toggle_play())

    def single_step(self) -> None:
        """Full stop: the page on show takes one step (or says why it cannot)."""
        self._say(self.current_page().step_once())

    def _say(self, message: str | None) -> None:
        if message:
            self.statusBar().showMessage(message)

    # menus -------------------------------------------------------------------

    def _action(
        self,
        menu: QMenu,
        name: str,
        text: str | TextMaker,
        slot: Callable[[], Any],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        checkable: bool = False,
    ) -> QAction:
        """A menu entry and shortcut named ``name``.

        ``text`` is a source text marked with ``QT_TRANSLATE_NOOP("MainWindow",
        …)``, or a function that makes the text: either way it is set again on
        a language change.
        """
        action = QAction(self)
        self.texts.action(action, text)
        action.setObjectName(f"action_{name}")
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        action.triggered.connect(lambda *_: slot())
        menu.addAction(action)
        self.addAction(action)  # shortcuts work with the menu bar hidden (full screen)
        self.actions_by_name[name] = action
        return action

    def _build_menus(self) -> None:
        self._build_file_menu(self._menu(lambda: self.tr("&File")))
        self._build_edit_menu(self._menu(lambda: self.tr("&Edit")))
        self._build_view_menu(self._menu(lambda: self.tr("&View")))
        self._build_presets_menu(self._menu(lambda: self.tr("&Presets")))
        self.language_menu = LanguageMenu(self, self.settings)
        self.menuBar().addMenu(self.language_menu)
        self._build_help_menu(self._menu(lambda: self.tr("&Help")))

    def _menu(self, title: TextMaker, parent: QMenu | None = None) -> QMenu:
        """A menu in the menu bar (or ``parent``) whose title follows the language."""
        menu = (parent or self.menuBar()).addMenu("")
        return self.texts.menu(menu, title)

    def _build_file_menu(self, menu: QMenu) -> None:
        self._action(
            menu,
            "open",
            QT_TRANSLATE_NOOP("MainWindow", "&Open session…"),
            self.open_session_dialog,
            QKeySequence.StandardKey.Open,
        )
        self.recent_menu = self._menu(lambda: self.tr("Open &recent"), menu)
        self.recent_menu.setObjectName("recent_menu")
        self._action(
            menu,
            "save",
            QT_TRANSLATE_NOOP("MainWindow", "&Save session"),
            self.save_session_action,
            QKeySequence.StandardKey.Save,
        )
        self._action(
            menu,
            "save_as",
            QT_TRANSLATE_NOOP("MainWindow", "Save session &as…"),
            self.save_session_dialog,
            "Ctrl+Shift+S",
        )
        menu.addSeparator()
        export = self._menu(lambda: self.tr("&Export"), menu)
        export.setObjectName("export_menu")
        self._action(
            export,
            "export_window",
            QT_TRANSLATE_NOOP(
                "MainWindow", "Whole window as a picture (SVG, PDF or PNG)…"
            ),
            lambda: self.exporter.picture_dialog(self, "entropy-lab", "Entropy Lab"),
        )
        self._action(
            export,
            "export_page",
            QT_TRANSLATE_NOOP(
                "MainWindow", "The page on show, as on screen (SVG, PDF or PNG)…"
            ),
            lambda: self.exporter.picture_dialog(
                self.current_page(), f"entropy-lab-{self.current_panel()}"
            ),
        )
        export.addSeparator()
        # Slides: drawn afresh at the slide's size, without controls or hints.
        for name in SLIDE_NAMES:
            self._action(
                export,
                f"export_{name}" if name in PANEL_KEYS else f"export_slide_{name}",
                partial(self._slide_entry, name),
                partial(self._export_slide, name),
            )
        self._action(
            export,
            "export_animation",
            QT_TRANSLATE_NOOP(
                "MainWindow", "Animation: a run or a sweep (GIF or APNG)…"
            ),
            lambda: self.exporter.animation_dialog(),
        )
        export.addSeparator()
        self._action(
            export,
            "export_csv",
            QT_TRANSLATE_NOOP("MainWindow", "Per-outcome table as CSV…"),
            self.export_csv_dialog,
        )
        self._action(
            menu,
            "copy_readouts",
            QT_TRANSLATE_NOOP("MainWindow", "&Copy readouts as text"),
            self.copy_readouts,
            "Ctrl+Shift+C",
        )
        menu.addSeparator()
        self._action(
            menu,
            "quit",
            QT_TRANSLATE_NOOP("MainWindow", "&Quit"),
            self.close,
            QKeySequence.StandardKey.Quit,
        )
        self._rebuild_recent_menu()

    def _build_edit_menu(self, menu: QMenu) -> None:
        self._action(
            menu,
            "undo",
            QT_TRANSLATE_NOOP("MainWindow", "&Undo"),
            self.undo,
            QKeySequence.StandardKey.Undo,
        )
        self._action(
            menu,
            "redo",
            QT_TRANSLATE_NOOP("MainWindow", "&Redo"),
            self.redo,
            "Ctrl+Shift+Z",
        )
        menu.addSeparator()
        self._action(
            menu,
            "swap",
            QT_TRANSLATE_NOOP("MainWindow", "S&wap P and Q"),
            lambda: self._explorer_edit(self.explorer.swap_p_and_q),
            "Ctrl+Shift+W",
        )
        self._action(
            menu,
            "copy_p_to_q",
            QT_TRANSLATE_NOOP("MainWindow", "Copy P &to Q"),
            lambda: self._explorer_edit(self.explorer.copy_p_to_q),
            "Ctrl+Shift+E",
        )
        menu.addSeparator()
        self._action(
            menu,
            "pin",
            QT_TRANSLATE_NOOP(
                "MainWindow", "&Pin this state to compare (dashed ghosts)"
            ),
            self.explorer.pin,
            "Ctrl+G",
        )
        self._action(
            menu,
            "unpin",
            QT_TRANSLATE_NOOP("MainWindow", "&Clear the pinned state"),
            self.explorer.unpin,
            "Ctrl+Shift+G",
        )
        menu.addSeparator()
        self._action(
            menu,
            "reset",
            QT_TRANSLATE_NOOP("MainWindow", "Reset to the default scenario"),
            lambda: self._explorer_edit(self._reset_scenario),
            "Ctrl+Backspace",
        )

    def _build_view_menu(self, menu: QMenu) -> None:
        self._action(
            menu,
            "lecture",
            QT_TRANSLATE_NOOP("MainWindow", "&Lecture mode"),
            self.toggle_lecture,
            "F11",
            checkable=True,
        )
        self._action(
            menu,
            "leave_full_screen",
            QT_TRANSLATE_NOOP("MainWindow", "Leave lecture mode and full screen"),
            self.leave_full_screen,
            "Esc",
        ).setEnabled(False)
        self._action(
            menu,
            "zoom_in",
            QT_TRANSLATE_NOOP("MainWindow", "Zoom &in"),
            lambda: self.set_zoom(appearance.zoom_in(self.zoom)),
            "Ctrl+=",
        )
        self._action(
            menu,
            "laser_pointer",
            QT_TRANSLATE_NOOP("MainWindow", "Laser &pointer"),
            self.toggle_laser,
            "Ctrl+L",
            checkable=True,
        )
        self._action(
            menu,
            "caption",
            QT_TRANSLATE_NOOP("MainWindow", "&Caption line"),
            self.toggle_caption,
            "Ctrl+K",
            checkable=True,
        )
        self._action(
            menu,
            "zoom_out",
            QT_TRANSLATE_NOOP("MainWindow", "Zoom &out"),
            lambda: self.set_zoom(appearance.zoom_out(self.zoom)),
            "Ctrl+-",
        )
        self._action(
            menu,
            "zoom_reset",
            QT_TRANSLATE_NOOP("MainWindow", "&Actual size"),
            lambda: self.set_zoom(1.0),
            "Ctrl+0",
        )
        menu.addSeparator()
        for name, (title, key) in PANEL_KEYS.items():
            action = self._action(
                menu,
                f"toggle_{name}",
                partial(self._show_plot_entry, title),
                partial(self.toggle_plot, name),
                key,
                checkable=True,
            )
            action.setChecked(True)
        self._action(
            menu,
            "next_plots",
            QT_TRANSLATE_NOOP("MainWindow", "Next plots"),
            lambda: self.page_plots(1),
            "Alt+Right",
        )
        self._action(
            menu,
            "previous_plots",
            QT_TRANSLATE_NOOP("MainWindow", "Previous plots"),
            lambda: self.page_plots(-1),
            "Alt+Left",
        )
        controls = self._action(
            menu,
            "toggle_controls",
            QT_TRANSLATE_NOOP("MainWindow", "Show the controls column"),
            self.toggle_controls,
            "Ctrl+6",
            checkable=True,
        )
        controls.setChecked(True)
        readouts = self._action(
            menu,
            "toggle_readouts",
            QT_TRANSLATE_NOOP("MainWindow", "Show the readouts"),
            self.toggle_readouts,
            "Ctrl+7",
            checkable=True,
        )
        readouts.setChecked(True)
        menu.addSeparator()
        explanation = self.explanation.toggleViewAction()
        explanation.setShortcut(QKeySequence("Ctrl+8"))
        formulas = self.formulas.toggleViewAction()
        formulas.setShortcut(QKeySequence("Ctrl+9"))
        for action in (explanation, formulas):
            menu.addAction(action)
            self.addAction(action)
        menu.addSeparator()
        self._action(
            menu,
            "next_outcome",
            QT_TRANSLATE_NOOP("MainWindow", "Next outcome's slider"),
            lambda: self.step_outcome(1),
            "]",
        )
        self._action(
            menu,
            "previous_outcome",
            QT_TRANSLATE_NOOP("MainWindow", "Previous outcome's slider"),
            lambda: self.step_outcome(-1),
            "[",
        )
        self._action(
            menu,
            "play",
            QT_TRANSLATE_NOOP("MainWindow", "Play / pause"),
            self.play_or_pause,
            "Space",
        )
        self._action(
            menu,
            "step",
            QT_TRANSLATE_NOOP("MainWindow", "Single step"),
            self.single_step,
            ".",
        )

    def _build_presets_menu(self, menu: QMenu) -> None:
        menu.setObjectName("presets_menu")
        for preset in self.presets:
            key = str(preset.key) if preset.key is not None else None
            self._action(
                menu,
                f"preset_{preset.id}",
                partial(_preset_title, preset),
                partial(self.apply_preset, preset),
                key,
            )

    @property
    def exporter(self) -> Exporter:
        """The Export menu's work (viz/export_menu.py, loaded on first use)."""
        if self._exporter is None:
            from viz.export_menu import Exporter

            self._exporter = Exporter(self)
        return self._exporter

    def _export_slide(self, name: str) -> None:
        self.exporter.slide_dialog(name)

    def _slide_entry(self, name: str) -> str:
        return self.tr("{slide} as a slide…").format(slide=slide_title(name))

    def _show_plot_entry(self, title: str) -> str:
        return self.tr("Show {plot}").format(plot=window_text(title))

    def _build_help_menu(self, menu: QMenu) -> None:
        menu.setObjectName("help_menu")
        self._action(
            menu,
            "keyboard_sheet",
            QT_TRANSLATE_NOOP("MainWindow", "&Keyboard shortcuts"),
            self.help.show_keyboard_sheet,
            "F1",
        )
        self._action(
            menu,
            "tour",
            QT_TRANSLATE_NOOP("MainWindow", "A &tour of the window"),
            self.help.start_tour,
        )
        menu.addSeparator()
        self._action(
            menu,
            "about",
            QT_TRANSLATE_NOOP("MainWindow", "&About Entropy Lab"),
            self.help.show_about,
        )

    def _explorer_edit(self, edit: Callable[[], str]) -> None:
        # On the explorer, where it can be seen and undone (Ctrl+Z undoes
        # on the page on show): from another page it changed out of sight.
        self.show_panel("explorer")
        self.statusBar().showMessage(edit())

    def _reset_scenario(self) -> str:
        self.store.set_scenario(default_scenario())
        return self.tr("The explorer is back at its default scenario.")

    def pause_every_page(self) -> None:
        """Pause every page built, on show or not (their runs end as undo steps).

        Before a preset, a session or a lesson step sets page states: a run
        left playing on a hidden page took the new state into its open undo
        step and played on from it when shown.
        """
        for page in self.pages.built().values():
            if isinstance(page, Page):
                page.pause()

    # presets -----------------------------------------------------------------

    def preset(self, preset_id: str) -> Preset:
        """The preset called ``preset_id``; ValueError names the known ones."""
        for preset in self.presets:
            if preset.id == preset_id:
                return preset
        known = ", ".join(p.id for p in self.presets)
        raise ValueError(f"unknown preset {preset_id!r}; known presets: {known}")

    def apply_preset(self, preset: Preset) -> None:
        """Load a preset: scenario, page state (one undo step each), page, text.

        A preset that cannot be built (a damaged installation) is explained
        and changes nothing.
        """
        self._stepped = preset
        try:
            scenario, state = preset.scenario, preset.state
        except PresetError as error:
            self.show_problem(self.tr("This preset cannot be shown"), str(error))
            return
        self.pause_every_page()
        explorer_changed = preset.page != "scenario" and self.store.scenario != scenario
        self.store.set_scenario(scenario)
        if state is not None:
            self.stores[preset.page].set_state(state)
        self.show_panel(PANEL_OF_KIND[preset.page])
        self.explanation.show_preset(preset)
        self.explanation.show()
        self._explained = preset
        if explorer_changed:
            # Out of sight, and beyond this page's Ctrl+Z: said, not silent.
            self.texts.status(
                lambda: self.tr(
                    "Preset: {title}. The Explorer holds its scenario too "
                    "(Ctrl+Z on the Explorer brings yours back)."
                ).format(title=preset.title)
            )
        else:
            self.texts.status(
                lambda: self.tr("Preset: {title}").format(title=preset.title)
            )

    def _check_explanation(self, *_: Any) -> None:
        """Mark the preset's text as describing another state once it does."""
        self.explanation.show_page(self.current_panel())  # no preset: its welcome
        preset = self._explained
        if preset is None:
            return
        panel = PANEL_OF_KIND[preset.page]
        page_title = self.tabs.tabText(self.tabs.indexOf(self.pages.host(panel)))
        page_state = self.stores[preset.page].state
        if self.current_panel() != panel:
            why = self.tr("This explains the example on the {page} page.").format(
                page=page_title
            )
        elif self.store.scenario != preset.scenario or (
            preset.state is not None and not _same_start(page_state, preset.state)
        ):
            why = self.tr(
                "Changed since the example was loaded: the numbers in this "
                "text describe the example, not what is on show."
            )
        else:
            why = ""
        self.explanation.show_changed(why)

    @property
    def explained_preset(self) -> Preset | None:
        """The preset whose explanation is on show."""
        return self._explained

    @property
    def stepped_preset(self) -> Preset | None:
        """The preset last asked for, shown or not (Page Down goes on from it)."""
        return self._stepped

    def restore_explained(self) -> None:
        """Load the explained preset again (one undo step)."""
        if self._explained is not None:
            self.apply_preset(self._explained)

    # the explorer's panels and keyboard --------------------------------------

    def toggle_plot(self, name: str) -> None:
        """Hide or show one of the explorer's plots."""
        grid = self.explorer.plot_grid
        grid.set_hidden(name, not grid.is_hidden(name))
        self.actions_by_name[f"toggle_{name}"].setChecked(not grid.is_hidden(name))
        if self.current_panel() != "explorer":
            self.texts.status(lambda: self.tr("Changed on the Explorer page"))

    def page_plots(self, step: int) -> None:
        """Alt+→ / Alt+←: the next or previous plots, when not all fit."""
        for grid in self.current_page().findChildren(PlotGrid):
            grid.page(step)

    def toggle_controls(self) -> None:
        """Hide or show the controls column (more room for the plots)."""
        self._toggle(self.explorer.controls_column, "toggle_controls")

    def toggle_readouts(self) -> None:
        """Hide or show the readouts."""
        self._toggle(self.explorer.readouts, "toggle_readouts")

    def _toggle(self, widget: QWidget, action: str) -> None:
        # isHidden, not isVisible: on another tab every explorer widget is
        # invisible, yet the key must still flip this one.
        widget.setHidden(not widget.isHidden())
        self.actions_by_name[action].setChecked(not widget.isHidden())
        if self.current_panel() != "explorer":
            self.texts.status(lambda: self.tr("Changed on the Explorer page"))

    def step_outcome(self, step: int) -> None:
        """Move the keyboard focus to the next or previous outcome's slider."""
        self.explorer.focus_neighbour_slider(step)

    # lecture mode ------------------------------------------------------------

    def toggle_lecture(self) -> None:
        """Switch lecture mode on or off."""
        self.set_lecture(not self.lecture)

    def set_lecture(self, on: bool, full_screen: bool = True) -> None:
        """Full screen, large type, thick bars, high contrast; or back.

        ``full_screen=False`` keeps the window's size (for ``--export``).
        """
        self.lecture = on
        self.actions_by_name["lecture"].setChecked(on)
        self._apply_appearance()
        self._update_escape()
        if not full_screen:
            return
        if on:
            self._geometry_before_lecture = self.geometry()
            # Without a window manager (a bare X server) full-screen is only a
            # request: take the screen's geometry as well.
            screen = self.screen() or QGuiApplication.primaryScreen()
            self.setGeometry(screen.geometry())
            self.showFullScreen()
        else:
            self.showNormal()
            if self._geometry_before_lecture is not None:
                self.setGeometry(self._geometry_before_lecture)

    def toggle_laser(self) -> None:
        """Ctrl+L: the halo that follows the mouse, on or off."""
        on = not self.laser.is_on()
        self.laser.set_on(on)
        self.actions_by_name["laser_pointer"].setChecked(on)

    def toggle_caption(self) -> None:
        """Ctrl+K: show the caption line and type into it, or hide it."""
        if self.caption.isHidden():
            self.caption.show()
            self.caption.line.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.caption.line.selectAll()
        else:
            self.caption.hide()
        self.actions_by_name["caption"].setChecked(not self.caption.isHidden())

    def _caption_typed(self) -> None:
        # The keys go back to the page (Space plays, arrows step); an empty
        # caption takes no room.
        if not self.caption.text().strip():
            self.caption.hide()
            self.actions_by_name["caption"].setChecked(False)
        self.current_page().setFocus(Qt.FocusReason.OtherFocusReason)

    def leave_full_screen(self) -> None:
        """Esc: out of lecture mode and out of full screen, whichever is on."""
        if self.lecture:
            self.set_lecture(False)
        elif self.isFullScreen():
            self.showNormal()

    def _update_escape(self) -> None:
        # Enabled only when there is something to leave: a disabled action
        # leaves Esc to whoever else wants it.
        self.actions_by_name["leave_full_screen"].setEnabled(
            self.lecture or self.isFullScreen()
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Give the explanation fewer lines on a short screen (plots first)."""
        super().resizeEvent(event)
        self.explanation.set_window_height(event.size().height())

    def event(self, event: QEvent) -> bool:
        """A new device-pixel ratio (another screen): curves keep their width."""
        if event.type() == QEvent.Type.DevicePixelRatioChange:
            self._apply_appearance()
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:
        """Follow full screen entered or left by the window manager, too."""
        if event.type() == QEvent.Type.WindowStateChange:
            self._update_escape()
        elif event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The window's menus, actions, tabs and messages in the language in use."""
        self.texts.retranslate()
        self._check_explanation()

    def set_zoom(self, zoom: float) -> None:
        """Scale every font (Ctrl+= and Ctrl+−)."""
        self.zoom = zoom
        self._apply_appearance()
        self.texts.status(
            lambda: self.tr("Zoom {percent}").format(percent=format_percent(zoom))
        )

    def _apply_appearance(self) -> None:
        style = appearance.theme_for(self.lecture)
        appearance.apply_application_style(style, self.zoom)
        appearance.style_plots(self.explorer.plots.values(), style, self.zoom)
        for page in self.pages.built().values():
            self._style_page(page, style)
        self.explorer.readouts.set_font_px(round(style.readout_font_px * self.zoom))
        self.explorer.readouts.set_reason_colour(
            "#7A2E00" if self.lecture else "#A0300A"
        )
        self.explanation.set_font_px(round(style.explanation_font_px * self.zoom))
        caption_px = style.readout_font_px if self.lecture else 22
        self.caption.set_font_px(round(caption_px * self.zoom))
        self.laser.set_radius(round((48 if self.lecture else 32) * self.zoom))

    def _style_page(self, page: QWidget, style: Theme) -> None:
        if isinstance(page, Page):
            appearance.style_plots(page.plot_widgets(), style, self.zoom)
        # A plot readable from the back row is at least this large.
        height, width = style.min_plot_px
        for grid in page.findChildren(PlotGrid):
            grid.set_minimum(round(height * self.zoom), round(width * self.zoom))

    # undo --------------------------------------------------------------------

    def undo(self) -> None:
        """Ctrl+Z: undo on the page on show (each page has its own history)."""
        self.current_page().pause()
        self.current_store().undo()

    def redo(self) -> None:
        """Ctrl+Shift+Z: redo on the page on show."""
        self.current_page().pause()
        self.current_store().redo()

    def _update_history_actions(self, *_: Any) -> None:
        if "undo" not in self.actions_by_name:
            return
        store = self.current_store()
        self.actions_by_name["undo"].setEnabled(store.can_undo)
        self.actions_by_name["redo"].setEnabled(store.can_redo)

    # formulas ----------------------------------------------------------------

    def _show_formulas(self) -> None:
        results, scenario = self.store.results, self.store.results_scenario
        if results is not None and scenario is not None:
            self.formulas.show_results(scenario, results)

    # sessions ----------------------------------------------------------------

    def view_state(self) -> dict[str, Any]:
        """The window's part of a session: the page on show."""
        return {"page": KIND_OF_PANEL[self.current_panel()]}

    def session(
        self, scenario: Scenario | None = None, *, made_pages_only: bool = False
    ) -> Session:
        """Everything a session file keeps, now (``scenario`` for the explorer's).

        ``made_pages_only`` leaves out the pages whose store was never made:
        they are at their start, which a session without them gives too.
        """
        stores = self.stores.made() if made_pages_only else self.stores
        return Session(
            scenario=self.store.scenario if scenario is None else scenario,
            pages={
                kind: store.state
                for kind, store in stores.items()
                if kind != "scenario"
            },
            view=self.view_state(),
        )

    def save_session_to(self, path: str | os.PathLike[str]) -> bool:
        """Save atomically to ``path``; on failure explain and return False."""
        session = self.session()
        try:
            save_session(path, session)
        except (SessionError, OSError, UnicodeError) as error:
            self.show_problem(self.tr("Could not save the session"), f"{path}: {error}")
            return False
        self.session_path = Path(path)
        self.session_title.matches_file(self.session_path)
        self._remember_recent(self.session_path)
        self.texts.status(lambda: self.tr("Saved {path}").format(path=path))
        self._warn_of_pastes_not_kept(session)
        return True

    def _warn_of_pastes_not_kept(self, session: Session) -> None:
        """Say so when a saved session will not bring back a long paste.

        It keeps pasted text up to a length: longer, only its digest, and
        the session opens with the example in its place. Saved without a
        word, a user lost a pasted vocabulary.
        """
        lab = session.pages.get("next_token")
        if lab is None:
            return
        # Here, not at the top: the lab's core loads when the lab is first used.
        from core.next_token_lab import MAX_KEPT_PASTE, pastes_not_kept

        roles = pastes_not_kept(lab.p, lab.q)
        if not roles:
            return
        if len(roles) == 1:
            text = self.tr(
                "{model} was pasted as more than {n} characters: a session "
                "keeps a digest of such text, not the text, and opens with the "
                "example in its place. To keep it, save the values to a file "
                "and open that file instead."
            ).replace("{model}", roles[0].upper())
        else:
            text = self.tr(
                "P and Q were pasted as more than {n} characters each: a "
                "session keeps a digest of such text, not the text, and opens "
                "with the example in their place. To keep them, save the "
                "values to files and open those files instead."
            )
        self.show_problem(
            self.tr("Saved, but not every pasted model"),
            text.replace("{n}", f"{MAX_KEPT_PASTE:,}"),
        )

    def load_session_from(self, path: str | os.PathLike[str]) -> bool:
        """Load ``path``; a bad file is explained and changes nothing."""
        try:
            session = load_session(path)
            self._check_view(session.view)
        except SessionError as error:
            self.show_problem(self.tr("Could not open the session"), str(error))
            return False
        self.open_session(session, path)
        return True

    def open_session(
        self, session: Session, path: str | os.PathLike[str] | None = None
    ) -> None:
        """Show a session already read and checked (and remember its file)."""
        self._apply_session(session)
        if path is None:
            return
        lab = session.pages.get("next_token")
        complete = lab is None or not lab.notices or _restored_in_full(lab.notices)
        self.session_title.matches_file(Path(path))
        self._remember_recent(Path(path))
        if complete:
            self.session_path = Path(path)
            self.texts.status(lambda: self.tr("Opened {path}").format(path=path))
            return
        # Ctrl+S on it wrote the example over the user's file and paste:
        # the file keeps what could not be shown, and Save asks for another.
        self.session_path = None
        self.texts.status(
            lambda: self.tr(
                "Opened {path}, but not every model in it could be shown: Save "
                "asks for a new file, so that this one keeps them."
            ).format(path=path)
        )

    @staticmethod
    def _check_view(view: Mapping[str, Any]) -> None:
        """The view is the window's own data: check it before changing anything."""
        unknown = set(view) - {"page"}
        if unknown:
            raise SessionError(f'view has an unknown key "{sorted(unknown)[0][:40]}"')
        page = view.get("page")
        if page is not None and page not in PANEL_OF_KIND:
            known = ", ".join(PANEL_OF_KIND)
            raise SessionError(f"view.page must be one of {known}, got {page!r:.40}")

    def _apply_session(self, session: Session) -> None:
        self.pause_every_page()
        self.store.set_scenario(session.scenario)
        for kind, state in session.pages.items():
            self.stores[kind].set_state(state)
        page = session.view.get("page")
        if page is not None:
            self.show_panel(PANEL_OF_KIND[page])

    def save_session_action(self) -> None:
        """Ctrl+S: save to the current file, or ask for one."""
        if self.session_path is None:
            self.save_session_dialog()
        else:
            self.save_session_to(self.session_path)

    def save_session_dialog(self) -> None:
        """Ask where to save, then save."""
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save session"),
            self._suggested_path(),
            window_text(SESSION_FILTER),
        )
        if path:
            if not path.lower().endswith(".json"):
                path += ".json"
            self.save_session_to(path)

    def open_session_dialog(self) -> None:
        """Ask which file to open, then open it."""
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open session"),
            self._suggested_path(),
            window_text(SESSION_FILTER),
        )
        if path:
            self.load_session_from(path)

    def _suggested_path(self) -> str:
        return str(self.session_path or Path.home() / "entropy-lab-session.json")

    # recent files and remembered state ---------------------------------------

    def recent_files(self) -> list[str]:
        """Recently opened or saved sessions, newest first."""
        files = self.remembered.texts("recent_files")[:MAX_RECENT]
        self._report_dropped_settings()
        return files

    def _report_dropped_settings(self) -> None:
        if self.remembered.dropped:
            names = ", ".join(self.remembered.dropped)
            self.texts.status(
                lambda: self.tr(
                    "Ignored damaged remembered settings ({names}); defaults apply."
                ).format(names=names)
            )

    def _remember_recent(self, path: Path) -> None:
        if self.settings is None:
            return
        entry = str(path.resolve())
        files = [entry] + [f for f in self.recent_files() if f != entry]
        self.settings.setValue("recent_files", files[:MAX_RECENT])
        self._rebuild_recent_menu()

    def open_recent(self, path: str, *_: Any) -> bool:
        """Open a recent session; one that no longer opens leaves the list."""
        if self.load_session_from(path):
            return True
        if self.settings is not None:
            files = [f for f in self.recent_files() if f != path]
            self.settings.setValue("recent_files", files)
            self._rebuild_recent_menu()
        return False

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        for path in files:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(partial(self.open_recent, path))
        self.recent_menu.setEnabled(bool(files))

    def restore_from_settings(self) -> None:
        """Geometry and the last state, as the window was closed."""
        self.restore_geometry()
        self.restore_last_state()

    def restore_geometry(self) -> bool:
        """The window's remembered size, place and zoom; False if none was kept."""
        zoom = self.remembered.number("zoom")
        if zoom in appearance.ZOOM_STEPS and zoom != 1.0:
            self.set_zoom(zoom)
        geometry = self.remembered.bytes("geometry")
        self._report_dropped_settings()
        return geometry is not None and self.restoreGeometry(geometry)

    def restore_last_state(self) -> None:
        """The scenario and page on show when the window was last closed."""
        text = self.remembered.text("last_session")
        self._report_dropped_settings()
        if text is not None:
            try:
                session = parse_session(text)
                self._check_view(session.view)
            except SessionError:
                return  # an unreadable memory is forgotten, not fatal
            self._apply_session(session)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember geometry and state for the next start."""
        if self.settings is not None:
            self.settings.setValue("geometry", self.saveGeometry())
            self.settings.setValue("zoom", self.zoom)
            self._remember_last_state()
            self.settings.sync()
        super().closeEvent(event)

    def _remember_last_state(self) -> None:
        """Keep the state on show, or else the last valid one: never nothing."""
        assert self.settings is not None
        candidates = [self.store.scenario, self.store.results_scenario]
        for scenario in candidates:
            if scenario is None:
                continue
            try:
                # The pages never opened are at their start: a quit need not
                # import their modules to write that down.
                text = session_to_json(self.session(scenario, made_pages_only=True))
            except SessionError:
                continue
            self.settings.setValue("last_session", text)
            return

    # export ------------------------------------------------------------------

    def export_picture(
        self, widget: QWidget, path: str | os.PathLike[str], scale: int = 1
    ) -> bool:
        """Write ``widget`` to a PNG, SVG or PDF file; explain a failure."""
        return self.exporter.picture(widget, str(path), scale)

    def export_picture_dialog(self, widget: QWidget, name: str) -> None:
        """Ask format and scale, then a file name, then export ``widget``."""
        self.exporter.picture_dialog(widget, name)

    def export_csv(self, path: str | os.PathLike[str]) -> bool:
        """Write the per-outcome table of the shown results as CSV."""
        results = self.store.results
        if results is None:
            return False
        try:
            write_text(path, outcome_table_csv(results))
        except OSError as error:
            self.show_problem(self.tr("Could not export the table"), f"{path}: {error}")
            return False
        self.texts.status(lambda: self.tr("Exported {path}").format(path=path))
        return True

    def export_csv_dialog(self) -> None:
        """Ask for a file name, then write the CSV table."""
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export table"),
            str(Path.home() / "entropy-lab-table.csv"),
            self.tr("CSV table (*.csv)"),
        )
        if path:
            self.export_csv(path)

    def copy_readouts(self) -> str:
        """Put every readout on the clipboard as text (and return it)."""
        results = self.store.results
        text = readouts_text(results) if results is not None else ""
        QGuiApplication.clipboard().setText(text)
        self.texts.status(lambda: self.tr("Readouts copied to the clipboard"))
        return text

    # problems ----------------------------------------------------------------

    def show_problem(self, title: str, message: str) -> None:
        """Explain a problem in a non-blocking message box; the state is untouched.

        The message is plain text, cut to a readable length: it often quotes
        a file, and markup from a file must never become a link or an image.
        """
        message = shortened(message, 600)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            title,
            message,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setObjectName("problem_dialog")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.statusBar().showMessage(
            self.tr("{title}: {message}").format(title=title, message=message)
        )


def _restored_in_full(notices: Any) -> bool:
    """:func:`core.next_token_lab.restored_in_full`, loaded when first needed."""
    from core.next_token_lab import restored_in_full

    return restored_in_full(notices)
