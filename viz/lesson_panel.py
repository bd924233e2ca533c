"""The lesson panel: the step's caption, its question, the answer, progress.

The panel only shows what :class:`viz.lessons.LessonController` hands it
(a :class:`StepView`, texts already in the reader's language and numbers
already computed by the core) and says what was pressed through signals.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyleOptionProgressBar,
    QVBoxLayout,
    QWidget,
)

from viz.widgets import named

RIGHT_COLOUR = "#0B6E2E"
WRONG_COLOUR = "#A0300A"
#: Count-down lengths a lecturer can pick, in seconds (0: none).
COUNTDOWNS = (0, 10, 20, 30, 60, 90)


@dataclass(frozen=True)
class StepView:
    """What the panel shows for one step (all text ready to show).

    ``kind`` is None for a step without a question. ``revealed`` says
    whether the answer is on show; ``verdict`` is True or False once the
    reader has answered (None: not answered, or revealed by the lecturer);
    ``picked`` is the option they chose.
    """

    lesson_title: str
    index: int
    count: int
    title: str
    caption: str
    kind: str | None = None
    prompt: str = ""
    options: tuple[str, ...] = ()
    unit: str = ""
    revealed: bool = False
    verdict: bool | None = None
    #: The answer was shown before any was given (its verdict is False).
    peeked: bool = False
    picked: int | None = None
    right_option: int | None = None
    answer: str = ""
    why: str = ""
    guess: str = ""
    extras: dict[str, str] = field(default_factory=dict)


def _label(object_name: str, rich: bool = True) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


class WrappingButton(QPushButton):
    """A push button whose text wraps to the width it is given.

    An answer option is a sentence ("The one trained with cross-entropy"):
    as a QPushButton's one line it set the lesson column's width, and at
    1280×720 the column's right part (the prompt, the verdict, the Leave
    button) was cut off beyond the dock.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._label = QLabel(self)
        self._label.setWordWrap(True)
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._label)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text(self) -> str:
        """The option's text (drawn by the wrapping label, not the button)."""
        return self._label.text()

    def setText(self, text: str) -> None:
        """Show ``text``, wrapped to the button's width."""
        self._label.setText(text)
        self.setAccessibleDescription(text)
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        """The text on one line where there is room for it."""
        return self._label.sizeHint()

    def minimumSizeHint(self) -> QSize:
        """A few words wide: the column's width decides, not the sentence."""
        return QSize(80, self._label.minimumSizeHint().height())

    def hasHeightForWidth(self) -> bool:
        """Taller when narrower: the text wraps."""
        return True

    def heightForWidth(self, width: int) -> int:
        """The height the wrapped text needs at ``width``."""
        return self._label.heightForWidth(width)


class StepBar(QWidget):
    """How far through the lesson: drawn as the style draws a progress bar.

    Not a QProgressBar: its ``setValue`` repaints at once, and a repaint
    brings the whole window's pending paints forward (every plot, for the
    state the step is about to change), 15 ms for each step shown.
    """

    def __init__(self) -> None:
        super().__init__()
        self._range, self._value = (0, 1), 0

    def setRange(self, low: int, high: int) -> None:
        """The values of an empty and of a full bar."""
        self._range = (low, high)
        self.update()

    def setValue(self, value: int) -> None:
        """The bar's fill; painted with the window's next paint."""
        if value != self._value:
            self._value = value
            self.update()

    def value(self) -> int:
        """The fill, as last set."""
        return self._value

    def maximum(self) -> int:
        """The value of a full bar."""
        return self._range[1]

    def sizeHint(self) -> QSize:
        """A thin bar; its width is the panel's."""
        return QSize(120, 10)

    def paintEvent(self, event: QPaintEvent) -> None:
        """The style's own progress bar, without text."""
        option = QStyleOptionProgressBar()
        option.initFrom(self)
        option.minimum, option.maximum = self._range
        option.progress = self._value
        option.textVisible = False
        option.state |= QStyle.StateFlag.State_Horizontal  # Qt 6 draws upright without
        painter = QPainter(self)
        self.style().drawControl(
            QStyle.ControlElement.CE_ProgressBar, option, painter, self
        )


class LessonPanel(QDockWidget):
    """The dock that leads through a lesson."""

    next_requested = Signal()
    previous_requested = Signal()
    back_requested = Signal()
    leave_requested = Signal()
    reveal_requested = Signal()
    option_picked = Signal(int)
    estimate_submitted = Signal(str)
    #: The application's font or language changed: the owner redraws.
    font_changed = Signal()
    language_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Lesson"), parent)
        self.setObjectName("lesson_panel")
        self.lecture = False
        self.view: StepView | None = None
        self._font_px = 13
        body = QWidget()
        body.setObjectName("lesson_body")
        self.column = QVBoxLayout(body)
        self.column.setContentsMargins(10, 8, 10, 8)
        self.column.setSpacing(8)
        self._build_header()
        self._build_step()
        self._build_question()
        self._build_footer()
        self.column.addStretch(1)
        scroll = self._scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.setSpacing(0)
        holder_layout.addWidget(scroll, 1)
        holder_layout.addWidget(self.footer)
        self.setWidget(holder)
        self.setMinimumWidth(300)
        self._countdown_left = 0
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)

    # building ------------------------------------------------------------------

    def _build_header(self) -> None:
        row = QHBoxLayout()
        self.lesson_title = _label("lesson_title", rich=False)
        self.leave = QPushButton(self.tr("Leave"))
        named(self.leave, "lesson_leave", self.tr("Leave the lesson"))
        self.leave.setToolTip(self.tr("Leave the lesson: the window keeps its state"))
        self.leave.clicked.connect(self.leave_requested)
        row.addWidget(self.lesson_title, 1)
        row.addWidget(self.leave)
        self.column.addLayout(row)
        self.position = _label("lesson_position", rich=False)
        self.bar = StepBar()
        self.bar.setObjectName("lesson_progress_bar")
        self.bar.setMaximumHeight(10)
        self.score = _label("lesson_score", rich=False)
        self.column.addWidget(self.position)
        self.column.addWidget(self.bar)
        self.column.addWidget(self.score)

    def _build_step(self) -> None:
        self.step_title = _label("lesson_step_title", rich=False)
        self.caption = _label("lesson_caption")
        self.exploring = QWidget()
        self.exploring.setObjectName("lesson_exploring")
        strip = QHBoxLayout(self.exploring)
        strip.setContentsMargins(0, 0, 0, 0)
        self.exploring_text = _label("lesson_exploring_text", rich=False)
        self.exploring_text.setText(
            self.tr("You are exploring: the window differs from the step.")
        )
        self.exploring_text.setStyleSheet(
            "background: #EAF2FB; color: #0B3D91; padding: 4px;"
        )
        self.back = QPushButton(self.tr("Back to the lesson"))
        named(self.back, "lesson_back", self.tr("Back to the lesson's step"))
        self.back.clicked.connect(self.back_requested)
        strip.addWidget(self.exploring_text, 1)
        strip.addWidget(self.back)
        self.exploring.setVisible(False)
        self.column.addWidget(self.step_title)
        self.column.addWidget(self.caption)
        self.column.addWidget(self.exploring)

    def _build_question(self) -> None:
        self.question = QGroupBox(self.tr("Predict first"))
        self.question.setObjectName("lesson_question")
        layout = QVBoxLayout(self.question)
        self.prompt = _label("lesson_prompt")
        layout.addWidget(self.prompt)
        self.options_box = QWidget()
        self.options_layout = QVBoxLayout(self.options_box)
        self.options_layout.setContentsMargins(0, 0, 0, 0)
        self.option_buttons: list[WrappingButton] = []
        layout.addWidget(self.options_box)
        self.estimate_row = QWidget()
        row = QHBoxLayout(self.estimate_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.estimate = QLineEdit()
        named(self.estimate, "lesson_estimate", self.tr("Your estimate"))
        self.estimate.setPlaceholderText(self.tr("your estimate"))
        self.estimate.returnPressed.connect(self._submit_estimate)
        self.unit = QLabel()
        self.unit.setObjectName("lesson_estimate_unit")
        self.check = QPushButton(self.tr("Check"))
        named(self.check, "lesson_check", self.tr("Check the estimate"))
        self.check.clicked.connect(self._submit_estimate)
        row.addWidget(self.estimate, 1)
        row.addWidget(self.unit)
        row.addWidget(self.check)
        layout.addWidget(self.estimate_row)
        self.problem = _label("lesson_input_problem", rich=False)
        self.problem.setStyleSheet(f"color: {WRONG_COLOUR};")
        layout.addWidget(self.problem)
        self.drag_status = _label("lesson_drag_status", rich=False)
        layout.addWidget(self.drag_status)
        self.countdown_row = QWidget()
        timer_row = QHBoxLayout(self.countdown_row)
        timer_row.setContentsMargins(0, 0, 0, 0)
        self.countdown_choice = QComboBox()
        named(self.countdown_choice, "lesson_countdown_choice", self.tr("Count-down"))
        for seconds in COUNTDOWNS:
            self.countdown_choice.addItem(self._countdown_text(seconds), seconds)
        self.countdown_start = QPushButton(self.tr("Start"))
        named(
            self.countdown_start,
            "lesson_countdown_start",
            self.tr("Start the count-down"),
        )
        self.countdown_start.clicked.connect(self.start_countdown)
        self.countdown_label = QLabel()
        self.countdown_label.setObjectName("lesson_countdown")
        timer_row.addWidget(self.countdown_choice)
        timer_row.addWidget(self.countdown_start)
        timer_row.addWidget(self.countdown_label, 1)
        layout.addWidget(self.countdown_row)
        self.reveal = QPushButton(self.tr("Show the answer"))
        named(self.reveal, "lesson_reveal", self.tr("Show the answer"))
        self.reveal.clicked.connect(self.reveal_requested)
        layout.addWidget(self.reveal)
        self.verdict = _label("lesson_verdict")
        self.why = _label("lesson_why")
        layout.addWidget(self.verdict)
        layout.addWidget(self.why)
        self.column.addWidget(self.question)

    def _build_footer(self) -> None:
        row = QHBoxLayout()
        self.previous = QPushButton(self.tr("◀ Previous"))
        named(self.previous, "lesson_previous", self.tr("Previous step (Page Up)"))
        self.previous.setToolTip(self.tr("Previous step (Page Up, ← or ↑)"))
        self.previous.clicked.connect(self.previous_requested)
        self.next = QPushButton(self.tr("Next ▶"))
        named(self.next, "lesson_next", self.tr("Next step (Page Down)"))
        self.next.setToolTip(self.tr("Next step (Page Down, → or ↓)"))
        self.next.clicked.connect(self.next_requested)
        row.addWidget(self.previous)
        row.addWidget(self.next)
        # Under the scrolling column, not in it: a long answer in lecture
        # type pushed ◀ and ▶ below the dock's edge, out of reach.
        self.footer = QWidget()
        self.footer.setObjectName("lesson_footer")
        self.footer.setLayout(row)
        row.setContentsMargins(10, 4, 10, 8)
        #: Where the authoring tools go (viz.lesson_authoring fills it).
        self.authoring_host = QVBoxLayout()
        self.column.addLayout(self.authoring_host)

    # showing -------------------------------------------------------------------

    def show_step(self, view: StepView) -> None:
        """Show a step: its place in the lesson, caption, question and answer."""
        before = self.view
        # Revealed here and now (not a step arrived at already answered):
        # the answer is brought into sight.
        self._answered_now = (
            before is not None
            and before.index == view.index
            and before.lesson_title == view.lesson_title
            and not before.revealed
            and view.revealed
        )
        self.view = view
        self.stop_countdown()
        self.lesson_title.setText(view.lesson_title)
        self.position.setText(
            self.tr("Step {n} of {total}").format(n=view.index + 1, total=view.count)
        )
        self.bar.setRange(0, max(view.count, 1))
        self.bar.setValue(view.index + 1)
        self.step_title.setText(view.title)
        self.caption.setText(view.caption)
        self.previous.setEnabled(view.index > 0)
        self.next.setEnabled(view.index + 1 < view.count)
        self.problem.setText("")
        self.problem.setVisible(False)
        self._show_question(view)

    def _show_question(self, view: StepView) -> None:
        asks = view.kind is not None
        self.question.setVisible(asks)
        if not asks:
            return
        self.question.setTitle(
            self.tr("Answer") if view.revealed else self.tr("Predict first")
        )
        self.prompt.setText(view.prompt)
        self._show_options(view)
        typing = view.kind == "estimate" and not self.lecture and not view.revealed
        self.estimate_row.setVisible(view.kind == "estimate" and not self.lecture)
        self.estimate.setEnabled(typing)
        self.check.setEnabled(typing)
        if view.revealed:
            self.estimate.setText(view.guess)
        elif self.estimate.text() and view.guess == "":
            self.estimate.clear()
        self.unit.setText(view.unit)
        self.drag_status.setVisible(view.kind == "drag" and not view.revealed)
        self.countdown_row.setVisible(self.lecture and not view.revealed)
        self.reveal.setVisible(not view.revealed)
        self.reveal.setText(
            self.tr("Reveal the answer")
            if self.lecture
            else (
                self.tr("Show me")
                if view.kind == "drag"
                else self.tr("Show the answer")
            )
        )
        self.verdict.setVisible(view.revealed)
        self.why.setVisible(view.revealed)
        if view.revealed:
            self.verdict.setText(self._verdict_html(view))
            self.why.setText(view.why)
        if self._answered_now:
            # In lecture type at 1280×720 the answer came below the fold:
            # the room saw the question still, and nothing had happened.
            QTimer.singleShot(0, self, self._bring_answer_into_sight)

    _answered_now = False

    def _bring_answer_into_sight(self) -> None:
        """Scroll the step so that the verdict and as much of why as fits show."""
        if self.verdict.isVisible():
            self._scroll.ensureWidgetVisible(self.why, 0, 0)
            self._scroll.ensureWidgetVisible(self.verdict, 0, 0)

    def _show_options(self, view: StepView) -> None:
        choosing = view.kind == "choice"
        self.options_box.setVisible(choosing)
        while len(self.option_buttons) < len(view.options):
            index = len(self.option_buttons)
            button = WrappingButton()
            named(button, f"lesson_option_{index}", self.tr("Answer option"))
            button.clicked.connect(lambda *_, i=index: self.option_picked.emit(i))
            self.options_layout.addWidget(button)
            self.option_buttons.append(button)
        for index, button in enumerate(self.option_buttons):
            if index >= len(view.options) or not choosing:
                button.setVisible(False)
                continue
            letter = "ABCDEF"[index]
            mark = ""
            if view.revealed and index == view.right_option:
                mark = "  ✓"
            elif view.revealed and index == view.picked:
                mark = "  ✗"
            button.setText(f"{letter}.  {view.options[index]}{mark}")
            button.setVisible(True)
            # In a lecture the room answers, not the mouse: the options are
            # shown, and the lecturer reveals.
            button.setEnabled(not view.revealed and not self.lecture)
            # A disabled option is still read (by the room, or after the
            # reveal): in the text's own colour, not the grey of a dead button.
            text = self.palette().color(QPalette.ColorRole.WindowText).name()
            style = f"color: {text};"
            if view.revealed and index == view.right_option:
                style = f"color: {RIGHT_COLOUR}; font-weight: bold;"
            elif view.revealed and index == view.picked:
                style = f"color: {WRONG_COLOUR};"
            # The label inside draws the text: the padding is its own, once.
            button.setStyleSheet(
                f"QPushButton {{ padding: 0px; }} QLabel {{ padding: 4px 8px; "
                f"font-size: {self._font_px}px; {style} }}"
            )

    def _verdict_html(self, view: StepView) -> str:
        if view.peeked:
            # Asked for, not answered: "Not quite." told the reader they
            # had answered wrong.
            word, colour = self.tr("Shown without an answer."), WRONG_COLOUR
        elif view.verdict is True:
            word, colour = self.tr("Right."), RIGHT_COLOUR
        elif view.verdict is False:
            word, colour = self.tr("Not quite."), WRONG_COLOUR
        else:
            word, colour = "", ""
        head = f"<b style='color:{colour}'>{word}</b> " if word else ""
        answer = self.tr("The answer: {answer}").format(answer=_escaped(view.answer))
        return head + answer

    def show_score(self, correct: int, answered: int, questions: int) -> None:
        """How the reader's answers went, in the whole lesson."""
        self.score.setText(
            self.tr(
                "Answered right: {correct} of {answered} ({questions} questions)"
            ).format(correct=correct, answered=answered, questions=questions)
        )

    def show_drag_status(self, text: str) -> None:
        """Where a drag task stands, live."""
        self.drag_status.setText(text)

    def show_input_problem(self, text: str) -> None:
        """Why a typed estimate was not taken (empty: none)."""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def show_exploring(self, exploring: bool) -> None:
        """Offer the way back once the window no longer shows the step."""
        self.exploring.setVisible(exploring)

    def is_exploring(self) -> bool:
        """Whether the way back is on offer."""
        return not self.exploring.isHidden()

    # lecture use -----------------------------------------------------------------

    def set_lecture(self, on: bool) -> None:
        """Lecture use: options are shown to the room, the lecturer reveals."""
        self.lecture = on
        if self.view is not None:
            self._show_question(self.view)

    def set_font_px(self, px: int) -> None:
        """The caption's and question's type size (lecture mode: larger)."""
        self._font_px = px
        for label in (self.caption, self.prompt, self.verdict, self.why):
            font = label.font()
            font.setPixelSize(px)
            label.setFont(font)
        title_font = self.step_title.font()
        title_font.setPixelSize(round(px * 1.25))
        title_font.setWeight(QFont.Weight.Bold)
        self.step_title.setFont(title_font)
        self.countdown_label.setStyleSheet(
            f"font-size: {round(px * 1.5)}px; font-weight: bold;"
        )
        # At least a narrow column (the page beside it must still fit a
        # 1024-px projector in lecture type: at 19 characters the window
        # grew to 1175 px); wider where there is room (preferred_width).
        self.setMinimumWidth(max(300, px * 12))
        if self.view is not None:
            self._show_options(self.view)

    def preferred_width(self) -> int:
        """About 19 characters of the caption's type, where the window has room."""
        return max(self.minimumWidth(), self._font_px * 19)

    def start_countdown(self) -> None:
        """Count down the chosen seconds; the answer stays hidden after it."""
        seconds = int(self.countdown_choice.currentData() or 0)
        if seconds <= 0:
            self.countdown_label.setText("")
            return
        self._countdown_left = seconds
        self.countdown_label.setText(self.tr("{seconds} s").format(seconds=seconds))
        self._countdown.start()

    def stop_countdown(self) -> None:
        """Stop and clear the count-down."""
        self._countdown.stop()
        self.countdown_label.setText("")

    def _tick(self) -> None:
        self._countdown_left -= 1
        if self._countdown_left <= 0:
            self._countdown.stop()
            self.countdown_label.setText(self.tr("Time's up: reveal when ready"))
            return
        self.countdown_label.setText(
            self.tr("{seconds} s").format(seconds=self._countdown_left)
        )

    def _submit_estimate(self) -> None:
        if self.estimate.isEnabled():
            self.estimate_submitted.emit(self.estimate.text())

    def changeEvent(self, event: QEvent) -> None:
        """Ask for new sizes (zoom, lecture mode) or texts (another language)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.font_changed.emit()
        elif event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.language_changed.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        """The dock's own × leaves the lesson, as "Leave" does."""
        super().closeEvent(event)
        self.leave_requested.emit()

    def retranslate(self) -> None:
        """The panel's fixed texts in the language now in use."""
        self.setWindowTitle(self.tr("Lesson"))
        self.leave.setText(self.tr("Leave"))
        self.leave.setAccessibleName(self.tr("Leave the lesson"))
        self.leave.setToolTip(self.tr("Leave the lesson: the window keeps its state"))
        self.exploring_text.setText(
            self.tr("You are exploring: the window differs from the step.")
        )
        self.back.setText(self.tr("Back to the lesson"))
        self.check.setText(self.tr("Check"))
        # Made once in __init__: after a switch to Chinese mid-lesson the
        # empty box still said "your estimate".
        self.estimate.setPlaceholderText(self.tr("your estimate"))
        self.estimate.setAccessibleName(self.tr("Your estimate"))
        self.check.setAccessibleName(self.tr("Check the estimate"))
        self.countdown_start.setText(self.tr("Start"))
        self.previous.setText(self.tr("◀ Previous"))
        self.next.setText(self.tr("Next ▶"))
        for index, seconds in enumerate(COUNTDOWNS):
            self.countdown_choice.setItemText(index, self._countdown_text(seconds))

    def _countdown_text(self, seconds: int) -> str:
        if seconds == 0:
            return self.tr("no count-down")
        return self.tr("{seconds} s to think").format(seconds=seconds)


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
