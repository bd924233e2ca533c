"""Guided lessons in the window: steps, questions, reveals, keys and progress.

:class:`LessonController` is the window's one lesson: it sets each step's
states through the page stores exactly as a session does (one undo step
each), shows the step's panels, halos and veils (:mod:`viz.lesson_marks`),
leads the reader through the question in the dock (:mod:`viz.lesson_panel`)
and checks every answer with the core (:mod:`core.lessons`).

Keys: Page Down / Page Up step the lesson (or, with no lesson, load the
next / previous preset: a presentation clicker sends these); the arrow keys
step it too, unless the focused control uses them (a slider nudges, a
field moves its cursor). In lecture mode Page Down first reveals a
question's answer, then moves on.

Progress (the step and the first answer to each question) is remembered
per lesson in QSettings under ``lessons/<name>``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QRadioButton,
    QTextEdit,
    QWidget,
)

from core.i18n import language
from core.json_values import SessionError
from core.resources import AssetError
from core.scenario import Scenario
from viz import theme
from viz.keys import FocusFollower
from viz.lesson_marks import Marks
from viz.lesson_panel import LessonPanel, StepView
from viz.pages import PANEL_OF_KIND

if TYPE_CHECKING:
    from core.lessons import (
        Lesson,
        LessonEntry,
        Progress,
        Step,
    )

LESSON_FILTER = "Entropy Lab lessons (*.json)"
#: Controls that use the arrow keys themselves: a lesson never takes them.
ARROW_TAKERS = (
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QAbstractItemView,
    QRadioButton,
)
_FORWARD = (Qt.Key.Key_Right, Qt.Key.Key_Down)
_BACKWARD = (Qt.Key.Key_Left, Qt.Key.Key_Up)
#: The explorer's plots, as the lesson format names them.
PLOTS = (
    "distributions",
    "information",
    "asymmetry",
    "softmax",
    "gradient",
    "loss_curve",
)


def translate(text: str) -> str:
    """``text`` in the language in use (context "Lessons")."""
    return QCoreApplication.translate("Lessons", text)


@dataclass(frozen=True)
class ViewSnapshot:
    """The window's panels before a lesson changed them (restored on leaving)."""

    hidden_plots: tuple[str, ...]
    controls: bool
    readouts: bool
    formulas: bool
    explanation: bool


class LessonKeys(QObject):
    """Arrow keys step the lesson unless the focused control uses them."""

    def __init__(self, controller: LessonController) -> None:
        super().__init__(controller)
        self.controller = controller

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Take a plain arrow key meant for the window, not for a control."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if self.controller.lesson is None or not isinstance(watched, QWidget):
            return False
        if watched.window() is not self.controller.window:
            return False  # a dialog or a menu keeps its keys
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        key = event.key()
        if modifiers != Qt.KeyboardModifier.NoModifier or key not in (
            *_FORWARD,
            *_BACKWARD,
        ):
            return False
        if isinstance(watched, ARROW_TAKERS):
            return False
        if not event.isAutoRepeat():  # holding a key must not race through
            self.controller.advance(1 if key in _FORWARD else -1)
        return True


#: What a dock's splitter handle and margins take beside the central widget.
DOCK_SEPARATOR_PX = 12
#: Width the page keeps beyond its minimum before the lesson panel widens:
#: squeezed to it, the explorer's readouts took more rows, and at 1280×720
#: in Chinese lecture type the window grew to 773 px tall.
PAGE_SLACK_PX = 400
#: Event-loop passes the window waits for its page to settle (_keep_size).
KEEP_SIZE_PASSES = 8


class LessonController(QObject):
    """The window's lesson: what is on show, the reader's answers, the keys.

    Parameters
    ----------
    window : MainWindow
        Its menus must exist (the Lessons menu goes before Help).
    """

    #: The step on show changed (its index), or the lesson ended (−1).
    step_shown = Signal(int)

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.lesson: Lesson | None = None
        self.index = 0
        self._progress: Progress | None = None
        #: Steps whose answer is on show in this run (a lecturer's reveals).
        self.revealed: set[int] = set()
        self.picked: dict[int, int] = {}
        self.guesses: dict[int, str] = {}
        self._applying = False
        self._snapshot: ViewSnapshot | None = None
        self.panel = LessonPanel(window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
        self.panel.hide()
        self.marks = Marks(window)
        self._connect_panel()
        window.stores.each(self._listen_to_store)
        window.tabs.currentChanged.connect(self._state_changed)
        self.keys = LessonKeys(self)
        FocusFollower(window, self.keys)
        self.menu = self._build_menu()
        lecture = window.actions_by_name.get("lecture")
        if lecture is not None:
            lecture.toggled.connect(self._lecture_changed)
        self._lecture_changed(bool(window.lecture))
        from viz.lesson_authoring import Authoring

        self.authoring = Authoring(self)

    @property
    def progress(self) -> Progress:
        """The step and the answers of the lesson on show (empty before one)."""
        if self._progress is None:
            from core.lessons import Progress

            self._progress = Progress()
        return self._progress

    @progress.setter
    def progress(self, progress: Progress) -> None:
        self._progress = progress

    def _listen_to_store(self, _kind: str, store: Any) -> None:
        store.state_changed.connect(self._state_changed)
        store.results_ready.connect(self._results_ready)

    # menus ---------------------------------------------------------------------

    def _action(
        self,
        menu: QMenu,
        name: str,
        text: Callable[[], str],
        slot: Any,
        shortcut: str | None = None,
    ) -> QAction:
        """A menu entry whose ``text()`` is made again on a language change."""
        action = QAction(self.window)
        self.window.texts.action(action, text)
        action.setObjectName(f"action_{name}")
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda *_: slot())
        menu.addAction(action)
        self.window.addAction(action)  # works with the menu bar hidden too
        self.window.actions_by_name[name] = action
        return action

    def _build_menu(self) -> QMenu:
        bar = self.window.menuBar()
        menu = QMenu(self.window)
        self.window.texts.menu(menu, lambda: self.tr("&Lessons"))
        menu.setObjectName("lessons_menu")
        help_menu = next(
            (
                action
                for action in bar.actions()
                if action.menu() is not None
                and action.menu().objectName() == "help_menu"
            ),
            None,
        )
        if help_menu is not None:
            bar.insertMenu(help_menu, menu)
        else:
            bar.addMenu(menu)
        self.list_menu = self.window.texts.menu(
            menu.addMenu(""), lambda: self.tr("&Bundled lessons")
        )
        self.list_menu.setObjectName("lessons_list_menu")
        self.list_menu.aboutToShow.connect(self._fill_list_menu)
        self._action(
            menu,
            "open_lesson",
            lambda: self.tr("&Open lesson file…"),
            self.open_file_dialog,
        )
        self._add_to_file_menu()
        menu.addSeparator()
        self._action(
            menu,
            "lesson_next",
            lambda: self.tr("Next step (or preset)"),
            lambda: self.advance(1),
            "PgDown",
        )
        self._action(
            menu,
            "lesson_previous",
            lambda: self.tr("Previous step (or preset)"),
            lambda: self.advance(-1),
            "PgUp",
        )
        self._action(
            menu, "lesson_reveal", lambda: self.tr("Reveal the answer"), self.reveal
        )
        self._action(
            menu,
            "lesson_back",
            lambda: self.tr("Back to the lesson's step"),
            self.back_to_step,
        )
        self._action(
            menu,
            "lesson_reset",
            lambda: self.tr("Forget my answers"),
            self.reset_answers,
        )
        self._action(
            menu, "lesson_leave", lambda: self.tr("Leave the lesson"), self.leave
        )
        #: Where the authoring tools add their actions.
        self.authoring_menu = menu
        self._update_actions()
        return menu

    def _add_to_file_menu(self) -> None:
        """File → Open lesson…, just after Open recent."""
        opening = self.window.actions_by_name.get("open")
        lesson = self.window.actions_by_name["open_lesson"]
        if opening is None:
            return
        for owner in opening.associatedObjects():
            if isinstance(owner, QMenu):
                actions = owner.actions()
                index = actions.index(opening)
                if index + 2 < len(actions):
                    owner.insertAction(actions[index + 2], lesson)
                else:
                    owner.addAction(lesson)
                return

    def _fill_list_menu(self) -> None:
        from core.lessons import LessonError, bundled_entries

        self.list_menu.clear()
        try:
            entries = bundled_entries()
        except (LessonError, AssetError) as error:
            action = self.list_menu.addAction(str(error))
            action.setEnabled(False)
            return
        for number, entry in enumerate(entries, start=1):
            text = self.tr("{number}. {title} ({steps} steps)").format(
                number=number, title=entry.title.get(language()), steps=entry.steps
            )
            action = self.list_menu.addAction(text)
            action.setObjectName(f"action_lesson_{entry.name}")
            action.triggered.connect(lambda *_, e=entry: self.open_bundled(e))

    def _update_actions(self) -> None:
        active = self.lesson is not None
        for name in ("lesson_reveal", "lesson_back", "lesson_reset", "lesson_leave"):
            self.window.actions_by_name[name].setEnabled(active)

    # starting and leaving --------------------------------------------------------

    def open_bundled(self, entry: LessonEntry, step: int | None = None) -> bool:
        """Start a bundled lesson (its file is read strictly now)."""
        from core.lessons import LessonError, load_bundled

        try:
            lesson = load_bundled(entry.file)
        except (LessonError, AssetError) as error:
            self.window.show_problem(self.tr("Could not open the lesson"), str(error))
            return False
        self.start(lesson, step)
        return True

    def open_file(self, path: str | os.PathLike[str]) -> bool:
        """Start the lesson in ``path``; a bad file is explained and changes nothing."""
        from core.lessons import LessonError, load_lesson

        try:
            lesson = load_lesson(path)
        except LessonError as error:
            self.window.show_problem(self.tr("Could not open the lesson"), str(error))
            return False
        self.start(lesson)
        self.authoring.path = Path(path)
        self.authoring.saved = True
        self.authoring.show_steps()
        self.window.statusBar().showMessage(
            self.tr("Opened the lesson {path}").format(path=path)
        )
        return True

    def open_file_dialog(self) -> None:
        """File → Open lesson…: ask for a file, then open it."""
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Open lesson"), str(Path.home()), LESSON_FILTER
        )
        if path:
            self.open_file(path)

    def start(
        self, lesson: Lesson, step: int | None = None, remember: bool = True
    ) -> None:
        """Show ``lesson`` from ``step`` (default: where the reader left it)."""
        from core.lessons import Progress

        if self.lesson is None:
            self._snapshot = self._view_snapshot()
        self.lesson = lesson
        self.revealed = set()
        self.picked = {}
        self.guesses = {}
        self.progress = self._remembered_progress(lesson) if remember else Progress()
        index = self.progress.step if step is None else step
        size = self.window.size()
        self.panel.show()
        self.panel.raise_()
        self._widen_panel()
        self.window.explanation.hide()
        QTimer.singleShot(0, self.window, lambda: self._keep_size(size))
        self._update_actions()
        if lesson.steps:
            self.go(index)
        else:
            self._show_empty()

    def leave(self) -> None:
        """End the lesson; the window keeps the state on show, panels as before."""
        if self.lesson is None:
            return
        self._remember()
        self.lesson = None
        self.marks.clear()
        self.panel.stop_countdown()
        size = self.window.size()
        self.panel.hide()
        self._restore_view()
        QTimer.singleShot(0, self.window, lambda: self._keep_size(size))
        self._update_actions()
        self.step_shown.emit(-1)

    def _keep_size(self, size: QSize, passes: int = KEEP_SIZE_PASSES) -> None:
        """The window kept at ``size`` while the panels' coming and going settle.

        As the lesson panel left, the explanation and the plots came back
        under a page still laid out for the narrow room beside the panel:
        their minimums together passed the screen, and a 1024×768 window in
        lecture type grew to 850 px tall, and stayed so. The page settles in
        event-loop passes of its own (the plots page themselves, the
        readouts go four a row again), so each of the next few passes puts
        the size back; the window's layout keeps the minimum it grew by
        until told.
        """
        window = self.window
        if window.isFullScreen() or window.isMaximized():
            return
        if window.size() != size:
            layout = window.layout()
            layout.invalidate()
            layout.activate()  # the minimum it set on the window, anew
            window.resize(size)
        if passes > 1:
            QTimer.singleShot(0, window, lambda: self._keep_size(size, passes - 1))

    def replace_lesson(self, lesson: Lesson, index: int) -> None:
        """An edited lesson (authoring): answers start again, step ``index`` shows."""
        from core.lessons import Progress

        self.lesson = lesson
        self.progress = Progress(max(index, 0))
        self.revealed = set()
        self.picked = {}
        self.guesses = {}
        if lesson.steps:
            self.go(index)
        else:
            self.index = 0
            self._show_empty()

    @property
    def step(self) -> Step | None:
        """The step on show, or None."""
        if self.lesson is None or not self.lesson.steps:
            return None
        return self.lesson.steps[self.index]

    # stepping ------------------------------------------------------------------

    def advance(self, delta: int) -> None:
        """Page Down / Page Up (and arrows): the next step, or preset.

        In lecture mode a question whose answer is withheld is revealed
        first: a clicker's "next" shows the answer, the following one moves on.
        """
        if self.lesson is None:
            self.step_preset(delta)
            return
        step = self.step
        if (
            delta > 0
            and self.window.lecture
            and step is not None
            and step.question is not None
            and not self.is_revealed(self.index)
        ):
            self.reveal()
            return
        target = self.index + delta
        if self.lesson.steps and 0 <= target < len(self.lesson.steps):
            self.go(target)
        else:
            where = self.tr("the last") if delta > 0 else self.tr("the first")
            self.window.statusBar().showMessage(
                self.tr("This is {where} step of the lesson").format(where=where)
            )

    def step_preset(self, delta: int) -> None:
        """The next or previous preset (no lesson on show)."""
        presets = list(self.window.presets)
        if not presets:
            return
        current = getattr(self.window, "stepped_preset", None)
        index = next((i for i, p in enumerate(presets) if p is current), None)
        if index is None:
            target = 0 if delta > 0 else len(presets) - 1
        else:
            target = index + delta
        if not 0 <= target < len(presets):
            self.window.statusBar().showMessage(
                self.tr("This is the last preset")
                if delta > 0
                else self.tr("This is the first preset")
            )
            return
        self.window.apply_preset(presets[target])

    def go(self, index: int) -> None:
        """Show step ``index`` (clamped to the lesson): its states, panels, question."""
        if self.lesson is None or not self.lesson.steps:
            return
        self.index = min(max(index, 0), len(self.lesson.steps) - 1)
        self.progress = self.progress.at(self.index)
        self._remember()
        self._apply_states(self.lesson.steps[self.index])
        self.refresh()
        self.step_shown.emit(self.index)

    def back_to_step(self) -> None:
        """Back to the lesson: the step's states again (one undo step each)."""
        step = self.step
        if step is not None:
            self._apply_states(step)
            self.refresh()

    def _apply_states(self, step: Step) -> None:
        window = self.window
        self._applying = True
        try:
            window.pause_every_page()
            window.store.set_scenario(step.scenario)
            for kind, state in step.pages.items():
                if kind in window.stores:
                    window.stores[kind].set_state(state)
            window.show_panel(PANEL_OF_KIND[step.page])
            self._show_panels(step.panels)
        finally:
            self._applying = False

    def _show_panels(self, panels: tuple[str, ...]) -> None:
        window = self.window
        explorer = window.explorer
        for name in PLOTS:
            explorer.plot_grid.set_hidden(name, name not in panels)
            action = window.actions_by_name.get(f"toggle_{name}")
            if action is not None:
                action.setChecked(name in panels)
        for name, widget, action in (
            ("controls", explorer.controls_column, "toggle_controls"),
            ("readouts", explorer.readouts, "toggle_readouts"),
        ):
            widget.setHidden(name not in panels)
            if action in window.actions_by_name:
                window.actions_by_name[action].setChecked(name in panels)
        window.formulas.setVisible("formulas" in panels)

    def _view_snapshot(self) -> ViewSnapshot:
        explorer = self.window.explorer
        return ViewSnapshot(
            hidden_plots=tuple(n for n in PLOTS if explorer.plot_grid.is_hidden(n)),
            controls=not explorer.controls_column.isHidden(),
            readouts=not explorer.readouts.isHidden(),
            formulas=not self.window.formulas.isHidden(),
            explanation=not self.window.explanation.isHidden(),
        )

    def _restore_view(self) -> None:
        snapshot = self._snapshot
        if snapshot is None:
            return
        shown = [n for n in PLOTS if n not in snapshot.hidden_plots]
        if snapshot.controls:
            shown.append("controls")
        if snapshot.readouts:
            shown.append("readouts")
        if snapshot.formulas:
            shown.append("formulas")
        self._show_panels(tuple(shown))
        self.window.explanation.setVisible(snapshot.explanation)
        self._snapshot = None

    # answering -------------------------------------------------------------------

    def is_revealed(self, index: int) -> bool:
        """Whether step ``index``'s answer is on show.

        In lecture mode only a reveal in this run counts (the room has not
        seen the answer, whatever was answered at home); for a reader, an
        answered question stays answered.
        """
        if index in self.revealed:
            return True
        return not self.window.lecture and self.progress.answered(index)

    def pick(self, option: int) -> None:
        """The reader chose ``option`` of a multiple-choice question."""
        from core.lessons import ChoiceQuestion, check_choice

        step = self.step
        if step is None or not isinstance(step.question, ChoiceQuestion):
            return
        if self.is_revealed(self.index):
            return
        verdict = check_choice(step, option)
        self.picked[self.index] = option
        self._answered(verdict.correct)

    def submit_estimate(self, text: str) -> None:
        """The reader typed an estimate: checked with the core's number."""
        from core.lessons import EstimateQuestion, check_estimate, parse_estimate

        step = self.step
        if step is None or not isinstance(step.question, EstimateQuestion):
            return
        if self.is_revealed(self.index):
            return
        try:
            guess = parse_estimate(text)
        except ValueError as error:
            self.panel.show_input_problem(str(error))
            return
        if step.question.quantity.spec.unit == "probability" and not 0 <= guess <= 1:
            # 2.977 for a probability was taken as an answer, and wrong,
            # with nothing said of why it could never be right.
            self.panel.show_input_problem(
                self.tr(
                    "A probability lies between 0 and 1: {guess} cannot be one."
                ).format(guess=text.strip())
            )
            return
        verdict = check_estimate(step, guess)
        self.guesses[self.index] = text.strip()
        self._answered(verdict.correct)

    def reveal(self, count: bool = True) -> None:
        """Show the answer now (a lecturer's reveal, or "show the answer").

        A reader who asks for the answer without answering has it counted
        as not right (unless ``count`` is False: a slide made with
        ``--reveal``); in lecture mode nothing is counted. A drag task shows
        its example (if it has one).
        """
        from core.lessons import DragQuestion, moved_state

        step = self.step
        if step is None or step.question is None or self.is_revealed(self.index):
            return
        if count and not self.window.lecture:
            self.progress = self.progress.with_peek(self.index)
            self._remember()
        self.revealed.add(self.index)
        question = step.question
        if isinstance(question, DragQuestion) and question.example is not None:
            self._applying = True
            try:
                state = moved_state(step, question.example)
                self.window.stores[step.page].set_state(state)
            finally:
                self._applying = False
        self.refresh()

    def _answered(self, correct: bool) -> None:
        self.progress = self.progress.with_answer(self.index, correct)
        self.revealed.add(self.index)
        self._remember()
        self.refresh()

    def reset_answers(self) -> None:
        """Forget every answer to this lesson (and start it again)."""
        from core.lessons import Progress

        if self.lesson is None:
            return
        self.progress = Progress(self.index)
        self.revealed = set()
        self.picked = {}
        self.guesses = {}
        self._remember()
        self.go(self.index)

    # showing ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Draw the step on show: panel, halos, veils, drag status, way back."""
        step = self.step
        lesson = self.lesson
        if step is None or lesson is None:
            return
        revealed = self.is_revealed(self.index)
        self.panel.show_step(self._view(lesson, step, revealed))
        questions = len(lesson.questions)
        self.panel.show_score(
            self.progress.correct, len(self.progress.answers), questions
        )
        self._mark(step, revealed)
        self._check_drag()
        self._check_exploring()

    def _view(self, lesson: Lesson, step: Step, revealed: bool) -> StepView:
        from core.lessons import ChoiceQuestion, EstimateQuestion, right_answer

        code = language()
        question = step.question
        common = dict(
            lesson_title=lesson.title.get(code),
            index=self.index,
            count=len(lesson.steps),
            title=step.title.get(code),
            caption=step.caption.get(code),
        )
        if question is None:
            return StepView(**common)  # type: ignore[arg-type]
        unit = ""
        if isinstance(question, EstimateQuestion):
            unit = step.evaluation().unit(question.quantity)
        options: tuple[str, ...] = ()
        right = None
        if isinstance(question, ChoiceQuestion):
            options = tuple(option.text.get(code) for option in question.options)
            right = question.answer
        return StepView(
            **common,  # type: ignore[arg-type]
            kind=question.kind,
            prompt=question.prompt.get(code),
            options=options,
            unit=unit,
            revealed=revealed,
            verdict=self.progress.verdict(self.index)
            if not self.window.lecture
            else None,
            peeked=self.progress.peeked_at(self.index) and not self.window.lecture,
            picked=self.picked.get(self.index),
            right_option=right,
            answer=right_answer(step, self._asked_later(step)),
            why=question.why.get(code),
            guess=self.guesses.get(self.index, ""),
        )

    def _mark(self, step: Step, revealed: bool) -> None:
        self.marks.highlight([(t.name, t.bar) for t in step.highlight])
        self._veil(step, revealed)

    def _veil(self, step: Step, revealed: bool) -> None:
        """Veil what gives an open question's answer away in the window now.

        The step's own question, and the later ones that ask about this very
        state (:func:`core.lessons.veiled_ahead`).
        """
        from core.lessons import DragQuestion, veiled_ahead, veiled_now

        question = step.question
        names: list[str] = []
        if question is not None and not revealed:
            names = [t.name for t in veiled_now(step, self._explorer_states())]
            if not isinstance(question, DragQuestion):
                names.append("formulas_panel")  # the formulas carry every number
        lesson = self.lesson
        ahead = (
            ()
            if lesson is None
            else veiled_ahead(
                lesson.steps, self.index, self.is_revealed, self._page_states(step)
            )
        )
        later = [t.name for t in ahead if t.name not in names]
        if ahead and "formulas_panel" not in names:
            later.append("formulas_panel")
        names += later
        if not names:
            self.marks.clear_veils()
            return
        self.marks.veil(names, later=later)

    def _asked_later(self, step: Step) -> frozenset[str]:
        """What later questions ask about the state on show: not in this answer."""
        from core.lessons import asked_ahead

        if self.lesson is None:
            return frozenset()
        return asked_ahead(
            self.lesson.steps, self.index, self.is_revealed, self._page_states(step)
        )

    def _page_states(self, step: Step) -> tuple[Any, ...]:
        """The states on show of the step's page (the explorer's: both of them)."""
        if step.page == "scenario":
            return self._explorer_states()
        store = self.window.stores.get(step.page)
        return () if store is None else (store.state,)

    def _explorer_states(self) -> tuple[Scenario, ...]:
        """The explorer's state and the one its numbers on show come from."""
        store = self.window.store
        on_screen = store.results_state
        return (store.state,) if on_screen is None else (store.state, on_screen)

    def _follow_state(self) -> None:
        """The veils again for the window's state (linked, logits = log Q, T)."""
        step = self.step
        if step is not None:
            self._veil(step, self.is_revealed(self.index))

    def _show_empty(self) -> None:
        lesson = self.lesson
        assert lesson is not None
        self.marks.clear()
        self.panel.show_step(
            StepView(
                lesson_title=lesson.title.get(language()),
                index=0,
                count=0,
                title=self.tr("No steps yet"),
                caption=self.tr(
                    "Set up the window, then add the current state as a step."
                ),
            )
        )

    # watching the window -----------------------------------------------------------

    def _state_changed(self, *_: Any) -> None:
        if not self._applying and self.lesson is not None:
            self._check_exploring()
            self._follow_state()  # veiled before the new numbers are drawn

    def _results_ready(self, *_: Any) -> None:
        if not self._applying and self.lesson is not None:
            self._follow_state()  # unveiled once the numbers on show changed
            self._check_drag()

    def _check_exploring(self) -> None:
        step = self.step
        if step is None:
            self.panel.show_exploring(False)
            return
        self.panel.show_exploring(self.exploring())

    def exploring(self) -> bool:
        """Whether the window has left the step (another page, other states).

        On a drag task's step, moving the page's controls is the task, not
        exploring: before the goal is reached and after (the state that
        reached it, or the one "Show me" set, differs from the step's).
        """
        from core.lessons import DragQuestion, same_setup

        step = self.step
        if step is None:
            return False
        window = self.window
        if window.current_panel() != PANEL_OF_KIND[step.page]:
            return True
        dragging = isinstance(step.question, DragQuestion)
        kinds = {"scenario": step.scenario, **step.pages}
        for kind, state in kinds.items():
            if dragging and kind == step.page:
                continue
            if kind in window.stores and not same_setup(
                window.stores[kind].state, state
            ):
                return True
        return False

    def _check_drag(self) -> None:
        from core.lessons import DragQuestion, drag_status

        step = self.step
        if step is None or not isinstance(step.question, DragQuestion):
            return
        if self.is_revealed(self.index):
            return
        state = self.window.stores[step.page].state
        try:
            status = drag_status(step, state)
        except ValueError as error:
            self.panel.show_drag_status(
                self.tr("Cannot compute: {why}").format(why=error)
            )
            return
        goal = "; ".join(claim.text() for claim in step.question.goal)
        if status.moved:
            moved = ", ".join(status.moved)
            text = self.tr(
                "Move only what the task says: {moved} changed. "
                "Back to the lesson starts again."
            ).format(moved=moved)
        else:
            text = self.tr("Goal: {goal}. Now: {now}").format(goal=goal, now=status.now)
        self.panel.show_drag_status(text)
        if status.done:
            self._answered(True)

    # lecture mode, fonts and language ---------------------------------------------

    def _lecture_changed(self, on: bool) -> None:
        self.panel.set_lecture(on)
        self._set_font()
        self.marks.set_halo_width(7 if on else 4)
        self.marks.veil_font_px = 26 if on else 15
        self.refresh()

    def _set_font(self) -> None:
        style = theme.LECTURE if self.window.lecture else theme.NORMAL
        zoom = float(getattr(self.window, "zoom", 1.0))
        base = style.explanation_font_px + (0 if self.window.lecture else 1)
        self.panel.set_font_px(round(base * zoom))
        if self.panel.isVisible():
            self._widen_panel()

    def _widen_panel(self) -> None:
        """The panel as wide as it prefers, while the page beside it keeps room."""
        window = self.window
        central = window.centralWidget()
        room = window.width() - central.minimumSizeHint().width() - DOCK_SEPARATOR_PX
        wanted = min(self.panel.preferred_width(), room - PAGE_SLACK_PX)
        width = max(self.panel.minimumWidth(), wanted)
        window.resizeDocks([self.panel], [width], Qt.Orientation.Horizontal)

    # remembering -------------------------------------------------------------------

    def _key(self, lesson: Lesson) -> str:
        return f"lessons/{lesson.name}"

    def _remembered_progress(self, lesson: Lesson) -> Progress:
        from core.lessons import Progress, parse_progress

        window = self.window
        key = self._key(lesson)
        text = window.remembered.text(key)
        if text is None:
            return Progress()
        try:
            return parse_progress(text, lesson)
        except (ValueError, SessionError):
            if window.settings is not None:
                window.settings.remove(key)  # a lesson that changed: start afresh
            return Progress()

    def _remember(self) -> None:
        from core.lessons import progress_to_json

        lesson = self.lesson
        settings = self.window.settings
        if lesson is None or settings is None or not lesson.steps:
            return
        settings.setValue(self._key(lesson), progress_to_json(self.progress))

    # panel signals ------------------------------------------------------------------

    def _connect_panel(self) -> None:
        panel = self.panel
        panel.next_requested.connect(lambda: self.advance(1))
        panel.previous_requested.connect(lambda: self.advance(-1))
        panel.back_requested.connect(self.back_to_step)
        panel.leave_requested.connect(self.leave)
        panel.reveal_requested.connect(self.reveal)
        panel.option_picked.connect(self.pick)
        panel.estimate_submitted.connect(self.submit_estimate)
        panel.font_changed.connect(self._set_font)
        panel.language_changed.connect(self.refresh)

    def settle(self) -> None:
        """Derive every store now and lay out the marks (for an export)."""
        for store in self.window.stores.made().values():
            store.derive_now()
        QApplication.processEvents()
        if self.step is not None:
            self.refresh()
        QApplication.processEvents()


__all__ = ["ARROW_TAKERS", "LessonController", "LessonKeys", "ViewSnapshot"]
