"""Writing a lesson without code: a step from the window's state and a few choices.

The lesson panel's "Add the current state as a step" collects a title, a
caption and, optionally, one of four kinds of question; this module turns
them into a step exactly as a lesson file would give it, so that every
authored step passes the same checks (and so saves and loads). The answers
are never typed: they are what the core computes for the state.

Question kinds (``QuestionSpec.kind``):

``largest``
    "Which is largest?" over two to four quantities; the options are the
    quantities, the right one is the largest here (a tie is refused).
``zero-finite-infinite``
    Is the quantity exactly 0, finite and above 0, or infinite?
``estimate``
    A guess of the quantity within a tolerance.
``drag``
    Move only some fields of the page's state until ``quantity op value``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from core.drag_examples import find_example, searchable
from core.i18n import translate
from core.json_values import SessionError, fail
from core.lesson_quantities import QUANTITIES, TARGETS, Quantity, parse_quantity
from core.lessons import (
    DragQuestion,
    Lesson,
    Step,
    goal_shortfall,
    state_dict,
    step_from_dict,
)

AUTHORED_KINDS = ("largest", "zero-finite-infinite", "estimate", "drag")


@dataclass(frozen=True)
class QuestionSpec:
    """What the author chose for a step's question (see the module docstring)."""

    kind: str
    prompt: str
    why: str
    quantities: tuple[str, ...] = ()
    tolerance: float = 0.1
    op: str = "<"
    value: float = 0.0
    only: tuple[str, ...] = ()


@dataclass(frozen=True)
class StepSpec:
    """A step as the author described it, with the window's states as data."""

    title: str
    caption: str
    page: str
    scenario: Mapping[str, Any]
    page_state: Mapping[str, Any] | None = None
    panels: tuple[str, ...] | None = None
    highlight: tuple[str, ...] = ()
    question: QuestionSpec | None = None


def _text(value: str) -> dict[str, str]:
    return {"en": value}


def _base(spec: StepSpec) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": _text(spec.title),
        "caption": _text(spec.caption),
        "page": spec.page,
        "scenario": dict(spec.scenario),
    }
    if spec.page_state is not None and spec.page != "scenario":
        state = dict(spec.page_state)
        if spec.page == "trainings":
            state.pop("start", None)  # always the scenario's (core.lessons)
        data["pages"] = {spec.page: state}
    if spec.panels is not None:
        data["panels"] = list(spec.panels)
    if spec.highlight:
        data["highlight"] = list(spec.highlight)
    return data


def _claim(quantity: str, op: str, value: Any, **extra: Any) -> dict[str, Any]:
    return {"quantity": quantity, "op": op, "value": value, **extra}


def _largest(spec: QuestionSpec, step: Step) -> dict[str, Any]:
    names = list(dict.fromkeys(spec.quantities))
    if not 2 <= len(names) <= 4:
        raise fail("question.quantities", "must name two to four different quantities")
    evaluation = step.evaluation()
    quantities = [parse_quantity(name) for name in names]
    values = [evaluation.value(quantity) for quantity in quantities]
    top = max(values)
    if values.count(top) > 1:
        raise fail(
            "question.quantities",
            translate(
                "Lessons",
                "has a tie for the largest here: choose quantities that differ",
            ),
        )
    options = []
    for quantity in quantities:
        others = [q for q in quantities if q is not quantity]
        options.append(
            {
                "text": _text(quantity.english_title),
                "when": [_claim(quantity.written, ">", o.written) for o in others],
            }
        )
    return {
        "kind": "choice",
        "prompt": _text(spec.prompt),
        "options": options,
        "answer": values.index(top),
        "why": _text(spec.why),
    }


def _zero_finite_infinite(spec: QuestionSpec, step: Step) -> dict[str, Any]:
    if len(spec.quantities) != 1:
        raise fail("question.quantities", "must name one quantity")
    name = spec.quantities[0]
    quantity = parse_quantity(name)
    value = step.evaluation().value(quantity)
    options = [
        {"text": _text("exactly 0"), "when": [_claim(name, "=", 0)]},
        {
            "text": _text("finite and above 0"),
            "when": [_claim(name, ">", 0), _claim(name, "<", "inf")],
        },
        {"text": _text("infinite"), "when": [_claim(name, "=", "inf")]},
    ]
    if value < 0:
        raise fail(
            "question.quantities",
            translate("Lessons", "{quantity} is negative here").format(
                quantity=quantity.title
            ),
        )
    answer = 0 if value == 0 else (2 if value == float("inf") else 1)
    return {
        "kind": "choice",
        "prompt": _text(spec.prompt),
        "options": options,
        "answer": answer,
        "why": _text(spec.why),
    }


def _estimate(spec: QuestionSpec, step: Step) -> dict[str, Any]:
    if len(spec.quantities) != 1:
        raise fail("question.quantities", "must name one quantity")
    quantity = parse_quantity(spec.quantities[0])
    return {
        "kind": "estimate",
        "prompt": _text(spec.prompt),
        "quantity": quantity.written,
        "answer": step.evaluation().value(quantity),
        "tolerance": spec.tolerance,
        "why": _text(spec.why),
    }


def _drag(spec: QuestionSpec, step: Step, base: dict[str, Any]) -> dict[str, Any]:
    if len(spec.quantities) != 1:
        raise fail("question.quantities", "must name one quantity")
    data: dict[str, Any] = {
        "kind": "drag",
        "prompt": _text(spec.prompt),
        "goal": [_claim(spec.quantities[0], spec.op, spec.value)],
        "only": list(spec.only),
        "why": _text(spec.why),
    }
    # Checked as a file's drag task is first: a goal that already holds,
    # fields the page does not have.
    question = step_from_dict({**base, "question": data}).question
    assert isinstance(question, DragQuestion)
    if not searchable(step.page, question.only):
        return data  # a field without a range: nothing to try
    start = state_dict(step.page, step.state(step.page))
    example = find_example(
        step.page,
        start,
        question.only,
        lambda changes: goal_shortfall(step, question.goal, changes),
    )
    if example is None and any(claim.op == "=" for claim in question.goal):
        # An equality is met at a point a search only comes near (H(P) = 1
        # bit at P = [½, ½, 0, 0]): unproven, not refused.
        return data
    if example is None:
        fields = ", ".join(question.only)
        raise fail(
            "question.value",
            translate(
                "Lessons",
                "is out of reach as far as a search can tell: no setting of "
                "{fields} tried within their controls' ranges makes {goal} true",
            ).format(fields=fields, goal=question.goal[0].text()),
        )
    data["example"] = example
    return data


def authored_step(spec: StepSpec) -> Step:
    """The step the author described, checked as a lesson file's step is.

    Raises
    ------
    SessionError
        Naming the field: an empty title or caption, a state the page
        cannot show, a tie in "which is largest", a drag goal that already
        holds, and everything else a lesson file refuses.
    """
    data = _base(spec)
    step = step_from_dict(data)
    question = spec.question
    if question is None:
        return step
    try:
        if question.kind == "largest":
            data["question"] = _largest(question, step)
        elif question.kind == "zero-finite-infinite":
            data["question"] = _zero_finite_infinite(question, step)
        elif question.kind == "estimate":
            data["question"] = _estimate(question, step)
        elif question.kind == "drag":
            data["question"] = _drag(question, step, data)
        else:
            raise fail("question.kind", f"must be one of {', '.join(AUTHORED_KINDS)}")
    except ValueError as error:
        if isinstance(error, SessionError):
            raise
        raise fail("question.quantities", str(error)) from None
    return step_from_dict(data)


def quantity_choices(step: Step) -> list[tuple[str, str]]:
    """Every quantity of the step's page a question may ask about: (written, title).

    Vectors are listed per outcome (``softmax[0]``, ``softmax[1]``, …).
    """
    evaluation = step.evaluation()
    choices: list[tuple[str, str]] = []
    for name, spec in QUANTITIES.items():
        if spec.kind != step.page:
            continue
        if not spec.vector:
            quantity = Quantity(name, spec, None)
            if _computable(evaluation, quantity):
                choices.append((name, spec.shown_title()))
            continue
        size = np.asarray(spec.read(evaluation.results(spec.kind))).size
        for index in range(min(size, 16)):
            quantity = Quantity(name, spec, index)
            choices.append((quantity.written, quantity.title))
    return choices


def _computable(evaluation: Any, quantity: Quantity) -> bool:
    try:
        evaluation.value(quantity)
    except ValueError:
        return False
    return True


def target_choices(page: str) -> list[str]:
    """The elements of the page ``page`` a step may highlight."""
    return [name for name, kind in TARGETS.items() if kind == page]


def with_step(lesson: Lesson, step: Step, after: int) -> Lesson:
    """The lesson with ``step`` inserted after index ``after`` (−1: first)."""
    steps = list(lesson.steps)
    steps.insert(after + 1, step)
    return lesson.replace_steps(steps)


def moved(lesson: Lesson, index: int, delta: int) -> Lesson:
    """The lesson with step ``index`` moved ``delta`` places (clamped)."""
    steps = list(lesson.steps)
    target = min(max(index + delta, 0), len(steps) - 1)
    steps.insert(target, steps.pop(index))
    return lesson.replace_steps(steps)


def without(lesson: Lesson, index: int) -> Lesson:
    """The lesson without step ``index``."""
    steps = list(lesson.steps)
    del steps[index]
    return lesson.replace_steps(steps)


def new_lesson(title: str) -> Lesson:
    """An empty lesson titled ``title`` (it needs a step before it can be saved)."""
    from core.i18n import localized_text
    from core.lessons import lesson_name_for

    text = title.strip() or "My lesson"
    return Lesson(lesson_name_for(text), localized_text(text, "title", 100), ())


__all__ = [
    "AUTHORED_KINDS",
    "QuestionSpec",
    "StepSpec",
    "authored_step",
    "moved",
    "new_lesson",
    "quantity_choices",
    "target_choices",
    "with_step",
    "without",
]
