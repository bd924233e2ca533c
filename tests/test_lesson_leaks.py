"""Predict first: no number on screen gives a question's answer away.

Before a question is answered, every element that shows one of its
quantities is veiled: the readouts, the plots, the readout beside each logit
slider ("+2.00 → 0.864" is the softmax) and the batch's loss column. The
property is checked on the window itself: every text on show outside the
lesson's dock and outside a veil is read for numbers, and none may round to
a quantity the question asks about.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QTableView, QWidget

from core.lesson_quantities import parse_quantity, parse_target
from core.lessons import (
    ChoiceQuestion,
    EstimateQuestion,
    bundled_entries,
    default_hide,
    load_bundled,
)
from viz.column_area import ColumnArea
from viz.language import set_language
from viz.lesson_marks import Veil

#: Built before the shared window is handed out (tests/window_reuse.py).
SHARED_WINDOW_PAGES = ("batch",)

#: A shown number with at least three decimals (fewer match by chance).
_NUMBER = re.compile(r"(\d+)\.(\d{3,})")


def started(window, entry):
    """The window's lesson controller, on the first step of bundled ``entry``."""
    controller = window.lessons
    lesson = load_bundled(entry.file)
    controller.start(lesson, 0, remember=False)
    return controller, lesson


def _lesson(name):
    return load_bundled(next(e for e in bundled_entries() if e.name == name).file)


def _asked(step) -> list:
    """The quantities a step's question asks about (its claims' too)."""
    question = step.question
    if isinstance(question, EstimateQuestion):
        return [question.quantity]
    if isinstance(question, ChoiceQuestion):
        return [claim.quantity for o in question.options for claim in o.when]
    return []


def _under_veil(widget: QWidget) -> bool:
    node: QWidget | None = widget
    while node is not None:
        for child in node.children():
            if isinstance(child, Veil) and child.isVisible():
                return True
        node = node.parentWidget()
    return False


def _veiled_columns(table: QTableView) -> set[int]:
    return {
        area.column()
        for area in table.viewport().findChildren(ColumnArea)
        if any(isinstance(c, Veil) and c.isVisible() for c in area.children())
    }


def shown(window) -> list[tuple[str, str]]:
    """(object name, text) of every text on show outside the dock and veils."""
    dock = window.lessons.panel
    texts = []
    for label in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        outside = not dock.isAncestorOf(label) and not _under_veil(label)
        if label.isVisible() and outside:
            texts.append((label.objectName(), label.text()))
    for table in window.findChildren(QTableView):
        if not table.isVisible() or _under_veil(table):
            continue
        model, hidden = table.model(), _veiled_columns(table)
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                if column not in hidden:
                    cell = str(model.index(row, column).data() or "")
                    texts.append((f"{table.objectName()}[{row},{column}]", cell))
    return texts


def shown_texts(window) -> list[str]:
    return [text for _, text in shown(window)]


def numbers_near(texts: list[str], value: float) -> list[str]:
    """The shown numbers that are ``value`` rounded to their own decimals."""
    return [f"{n} in {t!r}" for t in texts for n in _rounded_to(t, value)]


def _rounded_to(text: str, value: float) -> list[str]:
    found = []
    for whole, decimals in _NUMBER.findall(text.replace(",", "")):
        number = float(f"{whole}.{decimals}")
        if abs(number - abs(value)) <= 0.5 * 10 ** -len(decimals) + 1e-12:
            found.append(f"{whole}.{decimals}")
    return found


#: Numbers on show that equal an asked quantity and give nothing away, each
#: with why: (lesson, step from 1, element).
COINCIDENCES = {
    # "Which is more uncertain?": H(Q,P) and the loss are log 2 = 1 bit for
    # any uniform P or logits; they do not say which entropy is larger.
    ("information-and-entropy", 5, "readout_cross_entropy_qp_value"),
    ("information-and-entropy", 5, "readout_loss_value"),
    # H(Q) = 1 bit is the fair coin's code, the step's point (see its why).
    ("cross-entropy", 2, "readout_entropy_q_value"),
    # The options name H(P) (on show on purpose); Q = P, so H(Q) = H(P).
    ("cross-entropy", 4, "readout_entropy_p_value"),
    ("cross-entropy", 4, "readout_entropy_q_value"),
    # P is one-hot: 1.000 is p₂ beside its slider, as it is 1 bit.
    ("cross-entropy", 6, "p_value_2"),
    ("cross-entropy", 7, "p_value_2"),
    # A sign question; the softmax is on show (its plot too) on purpose.
    ("loss-and-gradient", 3, "logit_value_0"),
    ("loss-and-gradient", 3, "logit_value_1"),
    # The learning rate is 1.000; the gradient is 0.9997.
    ("why-cross-entropy", 2, "binary_lr_value"),
    ("why-cross-entropy", 3, "binary_lr_value"),
}

#: Settings written as set (three decimals since they match the sliders'):
#: T = 1.000 and ε = 0.000 beside their sliders equal a 1-bit or a zero
#: answer and say nothing about it, as the learning rate above.
SETTINGS = {"temperature_value", "smoothing_value"}


def settle(qtbot, window):
    for store in window.stores.values():
        if store.pending:
            store.derive_now()
    qtbot.wait(1)


def test_the_softmax_step_veils_the_readouts_beside_the_logit_sliders(window, qtbot):
    controller = window.lessons
    controller.start(_lesson("softmax-and-temperature"), 3, remember=False)
    settle(qtbot, window)
    readouts = window.explorer.controls.logit_sliders
    assert "0.864" in readouts.readout(0).text()  # what the veil covers
    for index in range(3):
        veil = readouts.readout(index).findChild(Veil)
        assert veil is not None and veil.isVisible()
        assert veil.label.text() == "?"  # the full words do not fit there
        assert veil.geometry() == readouts.readout(index).rect()
    assert numbers_near(shown_texts(window), 0.8638) == []
    controller.panel.findChild(QWidget, "lesson_option_0").click()
    # Revealed, but the next step asks for this very number in this very
    # state ("Estimate class 0's probability at T = 0.5"): still veiled.
    veil = readouts.readout(0).findChild(Veil)
    assert veil is not None and veil.isVisible()
    assert numbers_near(shown_texts(window), 0.8638) == []
    controller.go(4)
    controller.submit_estimate("0.8")
    controller.reveal()
    assert readouts.readout(0).findChild(Veil) is None  # answered: back in view
    assert any("0.864" in text for text in shown_texts(window))
    controller.go(3)  # and it stays in view on the step before, now
    assert readouts.readout(0).findChild(Veil) is None


def test_the_veils_say_question_mark_in_chinese_too(window, qtbot):
    set_language("zh_CN")
    try:
        controller = window.lessons
        controller.start(_lesson("softmax-and-temperature"), 4, remember=False)
        settle(qtbot, window)
        readout = window.explorer.controls.logit_sliders.readout(0)
        assert readout.findChild(Veil).label.text() == "?"
        assert numbers_near(shown_texts(window), 0.8638) == []
        veil = window.findChild(Veil, "lesson_veil_plot_softmax")
        assert veil.label.text() == "?  先作答"
    finally:
        set_language("en")


def test_the_batch_steps_veil_the_loss_column_the_sum_and_the_example(window, qtbot):
    controller = window.lessons
    controller.start(_lesson("loss-and-gradient"), 7, remember=False)
    settle(qtbot, window)
    page = window.current_page()
    assert _veiled_columns(page.table) == {page.model.columnCount() - 1}
    assert numbers_near(shown_texts(window), 1.5229846) == []
    assert numbers_near(shown_texts(window), 1.7127) == []
    controller.go(8)
    settle(qtbot, window)
    assert numbers_near(shown_texts(window), 1.7127) == []


@pytest.mark.parametrize("entry", bundled_entries(), ids=lambda e: e.name)
def test_no_bundled_question_shows_its_answer_before_the_reveal(window, qtbot, entry):
    controller, lesson = started(window, entry)
    leaks = []
    for index, step in enumerate(lesson.steps):
        asked = _asked(step)
        if not asked:
            continue
        controller.go(index)
        settle(qtbot, window)
        leaks += [
            f"step {index + 1}, {leak}"
            for leak in answers_on_show(shown(window), entry.name, index, step)
        ]
    controller.leave()
    assert leaks == []


def answers_on_show(texts, lesson_name: str, index: int, step) -> list[str]:
    """The numbers in ``texts`` that give step ``index``'s answers (bar known
    coincidences and settings)."""
    evaluation = step.evaluation()
    found = []
    for quantity in _asked(step):
        for name, text in texts:
            if (lesson_name, index + 1, name) in COINCIDENCES or name in SETTINGS:
                continue
            for number in _rounded_to(text, evaluation.value(quantity)):
                found.append(f"{quantity.written}: {name} {number}")
    return found


def test_a_logit_readout_is_a_target_of_the_step_s_outcomes():
    assert parse_target("logit_value_1", 2).kind == "scenario"
    with pytest.raises(ValueError, match="no slider 2"):
        parse_target("logit_value_2", 2)
    with pytest.raises(ValueError, match="no bars"):
        parse_target("q_value_0#1", 2)


def test_the_softmax_hides_every_logit_readout_and_q_s_when_linked():
    step = _lesson("softmax-and-temperature").steps[3]
    names = [t.name for t in default_hide(step, [parse_quantity("softmax[0]")])]
    # The gradient's bars are (softmax − y)/T and the loss −log softmax[y]:
    # both give the softmax away as surely as its own bars.
    assert names == [
        "plot_softmax",
        "logit_value_0",
        "logit_value_1",
        "logit_value_2",
        "plot_gradient",
        "readout_loss",
        "plot_loss_curve",
    ]
    spec = parse_quantity("softmax[0]").spec
    linked = step.scenario.replace(linked=True)
    assert spec.views_for(2, linked) == (
        "plot_softmax",
        "logit_value_0",
        "logit_value_1",
        "plot_gradient",
        "readout_loss",
        "plot_loss_curve",
        "q_value_0",
        "q_value_1",
        "q_slider_0",
        "q_slider_1",
        "plot_distributions",
    )
    assert spec.views_for(None) == (
        "plot_softmax",
        "plot_gradient",
        "readout_loss",
        "plot_loss_curve",
    )  # families: no sliders


def test_the_batch_mean_s_default_hide_names_only_elements_of_the_window():
    step = _lesson("loss-and-gradient").steps[7]
    names = {t.name for t in default_hide(step, [parse_quantity("batch.mean")])}
    assert names == {
        "batch_mean_loss",
        "batch_mean_formula",
        "batch_loss_column",
        "batch_origin",
    }


@pytest.mark.parametrize("entry", bundled_entries(), ids=lambda e: e.name)
def test_no_step_shows_a_later_questions_answer_in_the_same_state(window, qtbot, entry):
    """ "H(P,Q) 1.0000 bits" stood on the step before "Estimate H(P,Q) in
    bits", in the same state: the answer before the question."""
    controller, lesson = started(window, entry)
    leaks = []
    for index, step in enumerate(lesson.steps):
        controller.go(index)
        settle(qtbot, window)
        texts = shown(window)
        for later_index in range(index + 1, len(lesson.steps)):
            later = lesson.steps[later_index]
            same = later.page == step.page and later.state(later.page) == step.state(
                step.page
            )
            if not same or not later.question or not later.question.hide:
                continue
            leaks += [
                f"step {index + 1} shows step {later_index + 1}'s {leak}"
                for leak in answers_on_show(texts, entry.name, later_index, later)
            ]
    controller.leave()
    assert leaks == []


#: Any two of these give the third: H(P,Q) = H(P) + D(P‖Q), and for Q.
RELATED = (
    ("readout_entropy_p", "readout_cross_entropy_pq", "readout_kl_pq"),
    ("readout_entropy_q", "readout_cross_entropy_qp", "readout_kl_qp"),
)


@pytest.mark.parametrize("entry", bundled_entries(), ids=lambda e: e.name)
def test_no_estimate_can_be_worked_out_from_two_readouts_on_show(window, qtbot, entry):
    # "Estimate H(P)" had H(P,Q) 1.0000 and D(P‖Q) 0.1187 on show: 0.8813.
    controller, lesson = started(window, entry)
    found = []
    for index, step in enumerate(lesson.steps):
        question = step.question
        if not isinstance(question, EstimateQuestion) or step.page != "scenario":
            continue
        asked = f"readout_{question.quantity.name}"
        related = next((r for r in RELATED if asked in r), None)
        if related is None:
            continue
        controller.go(index)
        settle(qtbot, window)
        open_ = [
            name
            for name in related
            if name != asked
            and (widget := window.findChild(QWidget, name)) is not None
            and widget.isVisible()
            and not _under_veil(widget.findChild(QLabel) or widget)
        ]
        if len(open_) == 2:
            found.append(f"step {index + 1} asks {asked}; on show: {open_}")
    controller.leave()
    assert found == []


def test_a_veil_for_a_later_question_says_so(window, qtbot):
    # Step 1 asks nothing, but step 2 asks H(P,Q) in the same state: its
    # readout was veiled with "? Answer first", with no question to answer.
    controller = window.lessons
    controller.start(_lesson("cross-entropy"), 0, remember=False)
    settle(qtbot, window)
    veil = window.findChild(QWidget, "readout_cross_entropy_pq").findChild(Veil)
    assert veil is not None and veil.isVisible() and veil.later
    assert "later step" in veil._words
    controller.go(1)  # the question itself: answer first
    settle(qtbot, window)
    veil = window.findChild(QWidget, "readout_cross_entropy_pq").findChild(Veil)
    assert veil is not None and not veil.later and "Answer first" in veil._words
    controller.leave()
