"""Writing lessons in the window: add the current state as a step, reorder, save.

The editor sits in the lesson panel under the navigation (Lessons → Edit
this lesson); the step dialog asks for a caption and, optionally, a
question whose answer the core computes from the state on show
(:mod:`core.lesson_authoring`). Saving writes the lesson atomically
(:func:`core.lessons.save_lesson`); a lecturer can share the file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.json_values import SessionError
from viz.pages import KIND_OF_PANEL
from viz.widgets import named, problem_label

translate = QCoreApplication.translate

if TYPE_CHECKING:
    from core.lesson_authoring import (
        QuestionSpec,
        StepSpec,
    )
    from core.lessons import Step

LESSON_FILTER = "Entropy Lab lessons (*.json)"

#: The question kinds the dialog offers, as (kind, what the menu says).
QUESTION_CHOICES = (
    ("", "No question: a caption only"),
    ("largest", "Which is largest? (multiple choice)"),
    ("zero-finite-infinite", "Zero, finite or infinite? (multiple choice)"),
    ("estimate", "Estimate a number"),
    ("drag", "Drag until a goal is reached"),
)


class StepEditor(QGroupBox):
    """The lesson's steps in a list, with add, move, delete and save."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Edit this lesson"), parent)
        self.setObjectName("lesson_editor")
        layout = QVBoxLayout(self)
        self.steps = QListWidget()
        named(self.steps, "lesson_steps_list", self.tr("The lesson's steps"))
        self.steps.setMaximumHeight(180)
        layout.addWidget(self.steps)
        self.add = self._button(
            "lesson_add_step", self.tr("Add the current state as a step…")
        )
        layout.addWidget(self.add)
        row = QHBoxLayout()
        self.up = self._button("lesson_move_up", self.tr("Move up"))
        self.down = self._button("lesson_move_down", self.tr("Move down"))
        self.delete = self._button("lesson_delete_step", self.tr("Delete"))
        for button in (self.up, self.down, self.delete):
            row.addWidget(button)
        layout.addLayout(row)
        self.save = self._button("lesson_save", self.tr("Save lesson as…"))
        layout.addWidget(self.save)
        self.state = QLabel()
        self.state.setObjectName("lesson_editor_state")
        self.state.setWordWrap(True)
        layout.addWidget(self.state)

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text)
        named(button, name, text)
        return button

    def show_steps(self, titles: list[str], current: int, saved: bool) -> None:
        """List the steps, select the one on show, say whether all is saved."""
        self.steps.blockSignals(True)
        self.steps.clear()
        for number, title in enumerate(titles, start=1):
            self.steps.addItem(f"{number}. {title}")
        if 0 <= current < len(titles):
            self.steps.setCurrentRow(current)
        self.steps.blockSignals(False)
        has_steps = bool(titles)
        self.up.setEnabled(has_steps and current > 0)
        self.down.setEnabled(has_steps and current + 1 < len(titles))
        self.delete.setEnabled(has_steps)
        self.save.setEnabled(has_steps)
        self.state.setText(
            self.tr("All changes saved.") if saved else self.tr("Unsaved changes.")
        )


class StepDialog(QDialog):
    """Describe the current state as a step: caption, highlight and question.

    ``step`` is the step made once OK was pressed and every check passed;
    a refused choice is explained in the dialog, which stays open.
    """

    def __init__(
        self, bare: Step, spec: StepSpec, parent: QWidget | None = None
    ) -> None:
        from core.lesson_authoring import quantity_choices, target_choices

        super().__init__(parent)
        self.setObjectName("lesson_step_dialog")
        self.setWindowTitle(self.tr("Add the current state as a step"))
        self.bare = bare
        self.spec = spec
        self.step: Step | None = None
        form = QFormLayout()
        self.title = QLineEdit()
        named(self.title, "step_title_edit", self.tr("Step title"))
        self.caption = QPlainTextEdit()
        named(self.caption, "step_caption_edit", self.tr("Caption"))
        self.caption.setPlaceholderText(
            self.tr("What to look at, in a sentence or two")
        )
        self.caption.setMaximumHeight(90)
        self.highlight = QComboBox()
        named(self.highlight, "step_highlight_combo", self.tr("Highlight"))
        self.highlight.addItem(self.tr("(nothing)"), "")
        for name in target_choices(spec.page):
            self.highlight.addItem(name, name)
        self.kind = QComboBox()
        named(self.kind, "step_question_kind", self.tr("Question"))
        for kind, text in QUESTION_CHOICES:
            self.kind.addItem(self.tr(text), kind)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Caption"), self.caption)
        form.addRow(self.tr("Highlight"), self.highlight)
        form.addRow(self.tr("Question"), self.kind)
        self.choices = quantity_choices(bare)
        self.quantities = [self._quantity_combo(f"step_quantity_{i}") for i in range(3)]
        self.tolerance = QDoubleSpinBox()
        named(self.tolerance, "step_tolerance", self.tr("Tolerance"))
        self.tolerance.setDecimals(4)
        self.tolerance.setRange(0.0001, 1e6)
        self.tolerance.setValue(0.1)
        self.op = QComboBox()
        named(self.op, "step_goal_op", self.tr("Goal comparison"))
        self.op.addItem(self.tr("below"), "<")
        self.op.addItem(self.tr("above"), ">")
        self.goal = QDoubleSpinBox()
        named(self.goal, "step_goal_value", self.tr("Goal value"))
        self.goal.setDecimals(4)
        self.goal.setRange(-1e6, 1e6)
        self.fields = self._field_boxes(spec)
        self.details = self._details()
        self.prompt = QLineEdit()
        named(self.prompt, "step_prompt_edit", self.tr("Question"))
        self.why = QPlainTextEdit()
        named(self.why, "step_why_edit", self.tr("Why (shown with the answer)"))
        self.why.setMaximumHeight(70)
        question = QWidget()
        question_form = QFormLayout(question)
        question_form.setContentsMargins(0, 0, 0, 0)
        question_form.addRow(self.details)
        question_form.addRow(self.tr("Ask"), self.prompt)
        question_form.addRow(self.tr("Why"), self.why)
        self.question_box = question
        self.problem = problem_label("step_dialog_problem")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(question)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _quantity_combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        named(combo, name, self.tr("Quantity"))
        for written, title in self.choices:
            combo.addItem(f"{title}  ({written})", written)
        return combo

    def _field_boxes(self, spec: StepSpec) -> list[QCheckBox]:
        state = spec.scenario if spec.page == "scenario" else (spec.page_state or {})
        boxes = []
        for key in state:
            box = QCheckBox(key)
            box.setObjectName(f"step_only_{key}")
            boxes.append(box)
        return boxes

    def _details(self) -> QStackedWidget:
        stack = QStackedWidget()
        stack.addWidget(QWidget())  # no question
        largest = QWidget()
        form = QFormLayout(largest)
        form.setContentsMargins(0, 0, 0, 0)
        self.third = QCheckBox(self.tr("compare a third"))
        self.third.setObjectName("step_third_toggle")
        form.addRow(self.tr("Compare"), self.quantities[0])
        form.addRow(self.tr("with"), self.quantities[1])
        form.addRow(self.third, self.quantities[2])
        stack.addWidget(largest)
        single = QWidget()
        single_form = QFormLayout(single)
        single_form.setContentsMargins(0, 0, 0, 0)
        self.single_quantity = self._quantity_combo("step_single_quantity")
        single_form.addRow(self.tr("Quantity"), self.single_quantity)
        self.tolerance_row = QWidget()
        tolerance_layout = QHBoxLayout(self.tolerance_row)
        tolerance_layout.setContentsMargins(0, 0, 0, 0)
        tolerance_layout.addWidget(QLabel(self.tr("right within ±")))
        tolerance_layout.addWidget(self.tolerance)
        single_form.addRow(self.tolerance_row)
        self.goal_row = QWidget()
        goal_layout = QHBoxLayout(self.goal_row)
        goal_layout.setContentsMargins(0, 0, 0, 0)
        goal_layout.addWidget(QLabel(self.tr("until it is")))
        goal_layout.addWidget(self.op)
        goal_layout.addWidget(self.goal)
        single_form.addRow(self.goal_row)
        self.fields_row = QWidget()
        fields_layout = QHBoxLayout(self.fields_row)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        fields_layout.addWidget(QLabel(self.tr("moving only")))
        for box in self.fields:
            fields_layout.addWidget(box)
        single_form.addRow(self.fields_row)
        stack.addWidget(single)
        return stack

    def _kind_changed(self, *_: Any) -> None:
        kind = self.kind.currentData()
        self.question_box.setVisible(bool(kind))
        self.details.setCurrentIndex(0 if not kind else (1 if kind == "largest" else 2))
        self.tolerance_row.setVisible(kind == "estimate")
        self.goal_row.setVisible(kind == "drag")
        self.fields_row.setVisible(kind == "drag")
        defaults = {
            "largest": self.tr("Which is largest?"),
            "zero-finite-infinite": self.tr("Is it zero, finite or infinite?"),
            "estimate": self.tr("Estimate it."),
            "drag": self.tr("Move the controls until the goal is reached."),
        }
        if (kind and not self.prompt.text()) or self.prompt.text() in defaults.values():
            self.prompt.setText(defaults.get(kind, ""))
        self.adjustSize()

    def question_spec(self) -> QuestionSpec | None:
        """The question as chosen (None: a caption only)."""
        from core.lesson_authoring import QuestionSpec

        kind = self.kind.currentData()
        if not kind:
            return None
        if kind == "largest":
            combos = (
                self.quantities[:3] if self.third.isChecked() else self.quantities[:2]
            )
            names = tuple(combo.currentData() for combo in combos)
        else:
            names = (self.single_quantity.currentData(),)
        return QuestionSpec(
            kind=kind,
            prompt=self.prompt.text().strip(),
            why=self.why.toPlainText().strip(),
            quantities=tuple(str(name) for name in names if name),
            tolerance=self.tolerance.value(),
            op=str(self.op.currentData()),
            value=self.goal.value(),
            only=tuple(box.text() for box in self.fields if box.isChecked()),
        )

    def accept(self) -> None:
        """Build the step; explain a refusal and stay open."""
        from core.lesson_authoring import StepSpec, authored_step

        highlight = self.highlight.currentData()
        spec = StepSpec(
            title=self.title.text().strip(),
            caption=self.caption.toPlainText().strip(),
            page=self.spec.page,
            scenario=self.spec.scenario,
            page_state=self.spec.page_state,
            panels=self.spec.panels,
            highlight=(highlight,) if highlight else (),
            question=self.question_spec(),
        )
        try:
            self.step = authored_step(spec)
        except SessionError as error:
            self.problem.setText(_problem_text(error))
            self.problem.setVisible(True)
            return
        super().accept()


def _problem_text(error: SessionError) -> str:
    """A refusal said of what the dialog shows ("The goal …"), not of its path.

    The path ("step.question.goal[0]") is the lesson file's word for the
    field; the rest of the sentence comes translated from the core.
    """
    text, field = str(error), error.field
    if not field or not text.startswith(field + " "):
        return text
    problem = text[len(field) + 1 :]
    name = field.rsplit(".", 1)[-1].split("[", 1)[0]
    subjects = {
        "goal": lambda: translate("StepDialog", "The goal"),
        "value": lambda: translate("StepDialog", "The goal"),
        "quantities": lambda: translate("StepDialog", "The question"),
        "only": lambda: translate("StepDialog", "The fields to move"),
        "title": lambda: translate("StepDialog", "The title"),
        "caption": lambda: translate("StepDialog", "The caption"),
    }
    subject = subjects.get(name)
    if subject is None:
        return text
    return translate("StepDialog", "{subject} {problem}.").format(
        subject=subject(), problem=problem
    )


class Authoring(QObject):
    """The editing side of the lesson controller: steps in, steps moved, saved."""

    def __init__(self, controller: Any) -> None:
        super().__init__(controller)
        self.controller = controller
        self.window = controller.window
        self.saved = True
        self.path: Path | None = None
        self.editor = StepEditor()
        self.editor.setVisible(False)
        controller.panel.authoring_host.addWidget(self.editor)
        self.editor.add.clicked.connect(self.add_step_dialog)
        self.editor.up.clicked.connect(lambda: self.move(-1))
        self.editor.down.clicked.connect(lambda: self.move(1))
        self.editor.delete.clicked.connect(self.delete)
        self.editor.save.clicked.connect(self.save_dialog)
        self.editor.steps.currentRowChanged.connect(self._row_chosen)
        controller.step_shown.connect(lambda _: self.show_steps())
        menu = controller.authoring_menu
        menu.addSeparator()
        controller._action(
            menu, "lesson_new", lambda: self.tr("&New lesson…"), self.new_dialog
        )
        self.edit_action = controller._action(
            menu,
            "lesson_edit",
            lambda: self.tr("&Edit this lesson"),
            self.toggle_editing,
        )
        self.edit_action.setCheckable(True)

    @property
    def editing(self) -> bool:
        """Whether the editor is on show."""
        return not self.editor.isHidden()

    def toggle_editing(self) -> None:
        """Show or hide the editor (a new lesson opens with it)."""
        if self.controller.lesson is None:
            self.edit_action.setChecked(False)
            self.window.statusBar().showMessage(
                self.tr("Open a lesson, or start a new one, to edit it")
            )
            return
        self.set_editing(not self.editing)

    def set_editing(self, on: bool) -> None:
        """Show or hide the editor."""
        self.editor.setVisible(on)
        self.edit_action.setChecked(on)
        self.show_steps()

    def show_steps(self) -> None:
        """List the lesson's steps in the editor."""
        lesson = self.controller.lesson
        if lesson is None:
            self.editor.setVisible(False)
            self.edit_action.setChecked(False)
            return
        titles = [step.title.get() for step in lesson.steps]
        self.editor.show_steps(titles, self.controller.index, self.saved)

    def _row_chosen(self, row: int) -> None:
        if row >= 0 and row != self.controller.index:
            self.controller.go(row)

    # the current state as a step ---------------------------------------------------

    def current_spec(self) -> StepSpec:
        """The window's state as the start of a step (no caption yet)."""
        from core.lesson_authoring import StepSpec
        from core.lessons import state_dict

        window = self.window
        kind = KIND_OF_PANEL[window.current_panel()]
        scenario = state_dict("scenario", window.store.scenario)
        page_state = (
            None if kind == "scenario" else state_dict(kind, window.stores[kind].state)
        )
        explorer = window.explorer
        panels = [
            n
            for n in (
                "distributions",
                "information",
                "asymmetry",
                "softmax",
                "gradient",
                "loss_curve",
            )
            if not explorer.plot_grid.is_hidden(n)
        ]
        if not explorer.controls_column.isHidden():
            panels.append("controls")
        if not explorer.readouts.isHidden():
            panels.append("readouts")
        if not window.formulas.isHidden():
            panels.append("formulas")
        return StepSpec("", "", kind, scenario, page_state, tuple(panels))

    def bare_step(self, spec: StepSpec) -> Step:
        """The state as a step without text (to list what it can ask about)."""
        from core.lessons import step_from_dict

        data: dict[str, Any] = {
            "title": {"en": "step"},
            "caption": {"en": "step"},
            "page": spec.page,
            "scenario": dict(spec.scenario),
        }
        if spec.page_state is not None:
            state = dict(spec.page_state)
            if spec.page == "trainings":
                state.pop("start", None)
            data["pages"] = {spec.page: state}
        return step_from_dict(data)

    def add_step_dialog(self) -> StepDialog | None:
        """Ask for the new step's caption and question (non-blocking)."""
        if self.controller.lesson is None:
            return None
        spec = self.current_spec()
        try:
            bare = self.bare_step(spec)
        except SessionError as error:
            self.window.show_problem(self.tr("Cannot add this state"), str(error))
            return None
        dialog = StepDialog(bare, spec, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.add(dialog.step))
        dialog.open()
        return dialog

    def add(self, step: Step | None) -> None:
        """Insert ``step`` after the step on show, and show it."""
        from core.lesson_authoring import with_step

        lesson = self.controller.lesson
        if step is None or lesson is None:
            return
        after = self.controller.index if lesson.steps else -1
        self._replace(with_step(lesson, step, after), after + 1)

    def move(self, delta: int) -> None:
        """Move the step on show up (−1) or down (+1)."""
        from core.lesson_authoring import moved

        lesson = self.controller.lesson
        if lesson is None or not lesson.steps:
            return
        index = self.controller.index
        target = min(max(index + delta, 0), len(lesson.steps) - 1)
        self._replace(moved(lesson, index, delta), target)

    def delete(self) -> None:
        """Delete the step on show."""
        from core.lesson_authoring import without

        lesson = self.controller.lesson
        if lesson is None or not lesson.steps:
            return
        index = self.controller.index
        self._replace(without(lesson, index), min(index, len(lesson.steps) - 2))

    def _replace(self, lesson: Any, index: int) -> None:
        self.saved = False
        self.controller.replace_lesson(lesson, index)
        self.show_steps()

    # files ----------------------------------------------------------------------------

    def new_dialog(self) -> None:
        """Lessons → New lesson…: ask for a title, start an empty lesson."""
        title, ok = QInputDialog.getText(
            self.window, self.tr("New lesson"), self.tr("Title of the lesson:")
        )
        if ok:
            self.new(title)

    def new(self, title: str) -> None:
        """Start an empty lesson with the editor open."""
        from core.lesson_authoring import new_lesson

        self.controller.start(new_lesson(title), remember=False)
        self.saved = True
        self.path = None
        self.set_editing(True)

    def save_to(self, path: str | os.PathLike[str]) -> bool:
        """Save the lesson atomically; explain a failure (nothing is lost)."""
        from core.lessons import LessonError, save_lesson

        lesson = self.controller.lesson
        if lesson is None:
            return False
        try:
            save_lesson(path, lesson)
        except (LessonError, OSError) as error:
            self.window.show_problem(
                self.tr("Could not save the lesson"), f"{path}: {error}"
            )
            return False
        self.path = Path(path)
        self.saved = True
        self.show_steps()
        self.window.statusBar().showMessage(
            self.tr("Saved the lesson {path}").format(path=path)
        )
        return True

    def save_dialog(self) -> None:
        """Ask where to save the lesson, then save it."""
        lesson = self.controller.lesson
        if lesson is None:
            return
        suggested = str(self.path or Path.home() / f"{lesson.name}.json")
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Save lesson"), suggested, LESSON_FILTER
        )
        if path:
            if not path.lower().endswith(".json"):
                path += ".json"
            self.save_to(path)
