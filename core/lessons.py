"""Guided lessons: steps that set up the window, ask, and then reveal.

A lesson is a JSON file (the bundled ones are in ``assets/lessons/``, in
course order by file name), read as strictly as a session and never
executed::

    {
      "format": "entropy-lab-lesson",
      "version": 1,
      "name": "kl-divergence",
      "title": {"en": "KL divergence", "zh_CN": "KL 散度"},
      "summary": {"en": "…"},
      "steps": [
        {
          "title": {"en": "Not symmetric"},
          "caption": {"en": "P = [0.7, 0.3], Q = [0.5, 0.5]. …"},
          "page": "scenario",
          "scenario": {"p_weights": [0.7, 0.3], "q_weights": [0.5, 0.5],
                       "logits": [0.0, 0.0]},
          "pages": {"race": {"z0": -8.0, "label": 1, "learning_rate": 1.0,
                             "step": 0}},
          "panels": ["distributions", "asymmetry", "readouts"],
          "highlight": ["plot_asymmetry", "plot_distributions#0"],
          "question": {
            "kind": "choice",
            "prompt": {"en": "Which is larger?"},
            "options": [
              {"text": {"en": "D(P‖Q)"},
               "when": [{"quantity": "kl_pq", "op": ">", "value": "kl_qp"}]},
              {"text": {"en": "D(Q‖P)"},
               "when": [{"quantity": "kl_qp", "op": ">", "value": "kl_pq"}]}
            ],
            "answer": 1,
            "why": {"en": "The weights in D(P‖Q) are P's …"}
          }
        }
      ]
    }

Every text is an object of languages: ``en`` is required, others (``zh_CN``)
optional; it is plain text with only ``<b> <i> <sub> <sup> <br>`` and the
entities ``&amp; &lt; &gt;`` allowed. A step's ``scenario`` holds only what
changes from the previous step's (the first starts from the default
scenario); ``pages`` are other pages' states as a session writes them
(:mod:`core.state_schemas`; the trainings may leave out ``start``, which is
then the step's scenario's, as the Training page follows the explorer);
``page`` is the state kind on show (its state defaults to what a preset
without settings shows); ``panels`` are the explorer's panels on show
(:data:`core.lesson_quantities.PANELS`); ``highlight`` and a question's
``hide`` name elements (:data:`core.lesson_quantities.TARGETS`).

A question is one of:

``choice``
    ``options`` (2 to 6), each with ``when``: the claims that make it the
    right one (:class:`core.lesson_quantities.Claim`). Exactly one option's
    claims must hold for the step's states, and ``answer`` must be its index.
``estimate``
    ``quantity``, the stated ``answer`` (which must be what the core
    computes, to 5 parts in 10⁴) and the ``tolerance`` a guess may be off by.
``drag``
    ``goal`` (claims the student makes true by moving the page's controls),
    ``only`` (the fields of the page's state they may change) and an
    optional ``example``: such a change, which must reach the goal. The goal
    may not hold at the start.

``why`` is revealed with the answer, right or wrong; ``hide`` (default: the
elements that show the question's quantities; none for a drag) stays
hidden until then.

Reading checks every field and computes every question's answer from the
core, so a lesson that claims the wrong number does not load; the message is
one line naming the file and the field.
"""

from __future__ import annotations

import importlib.resources
import json
import math
import os
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from core.atomic import atomic_write_bytes
from core.history import same_state
from core.i18n import LocalizedText, localized_text, translate
from core.json_values import (
    MAX_FILE_BYTES,
    SessionError,
    check_header,
    check_keys,
    choice,
    dumps,
    fail,
    integer,
    join,
    json_list,
    json_object,
    number,
    read_text,
    shown,
    strict_json,
)
from core.lesson_quantities import (
    DEFAULT_PANELS,
    OPERATORS,
    PANELS,
    Claim,
    Evaluation,
    Quantity,
    Target,
    describe_claims,
    parse_quantity,
    parse_target,
    shown_value,
)
from core.numbers import format_number
from core.resources import ASSETS_PACKAGE, AssetError
from core.scenario import Scenario, default_scenario, evaluate
from core.state_schemas import (
    SCENARIO_KEYS,
    SETTING_KINDS,
    STATE_KINDS,
    scenario_from_dict,
    scenario_to_dict,
    settings_to_state,
)
from core.trainings import DEFAULT_START, training_start

LESSON_FORMAT = "entropy-lab-lesson"
LESSON_VERSION = 1
#: The bundled lessons' folder inside ``assets/``.
BUNDLED_FOLDER = "lessons"

MAX_STEPS = 200
MAX_TITLE = 100
MAX_TEXT = 2000
MAX_OPTION = 300
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
#: Markup a text may hold: a few inline tags and three entities.
_TAG = re.compile(r"<[^<>]*>")
_ALLOWED_TAG = re.compile(r"</?(b|i|sub|sup)>|<br ?/?>")
_ENTITY = re.compile(r"&[^;\s]{0,10};?")
_ALLOWED_ENTITY = re.compile(r"&(amp|lt|gt);")

#: How close a stated estimate must be to the core's number: relative to
#: the number (or to 1 below 1), so four significant digits suffice.
STATED_TOLERANCE = 5e-4
#: The largest tolerance an estimate may give (in its unit).
MAX_TOLERANCE = 1e6


class LessonError(ValueError):
    """A lesson that cannot be read or written: one line naming file and field."""


# --- texts --------------------------------------------------------------------


#: A text in one or more languages (English always): core.i18n's type.
Text = LocalizedText


def text_dict(text: LocalizedText) -> dict[str, str]:
    """A text as a lesson file writes it: an object of languages, English first.

    Always an object, even for English alone, so that a translator adds a
    key beside it.
    """
    texts = dict(text.texts)
    return {"en": texts.pop("en"), **texts}


def _check_markup(value: str, where: str, markup: bool) -> None:
    for tag in _TAG.findall(value):
        if not markup or not _ALLOWED_TAG.fullmatch(tag):
            allowed = "only <b>, <i>, <sub>, <sup> and <br>" if markup else "no tags"
            raise fail(where, f"may hold {allowed}, got {shown(tag)}")
    if "<" in _TAG.sub("", value):
        raise fail(where, "has a < outside a tag: write &lt;")
    for entity in _ENTITY.findall(value):
        if not _ALLOWED_ENTITY.fullmatch(entity):
            raise fail(
                where, f"may hold only &amp;, &lt; and &gt;, got {shown(entity)}"
            )


def _text(value: Any, where: str, longest: int = MAX_TEXT, markup: bool = True) -> Text:
    """A text field: ``"…"`` (English) or ``{"en": "…", "zh_CN": "…"}``."""
    text = localized_text(value, where, longest, SessionError)
    for language, version in text.texts.items():
        at = where if isinstance(value, str) else join(where, language)
        _check_markup(version, at, markup)
    return text


# --- questions ----------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    """A choice and the claims that make it the right one."""

    text: Text
    when: tuple[Claim, ...]


@dataclass(frozen=True)
class ChoiceQuestion:
    """Pick one of ``options``; ``answer`` is the index whose claims hold."""

    prompt: Text
    options: tuple[Option, ...]
    answer: int
    why: Text
    hide: tuple[Target, ...]
    kind: str = "choice"


@dataclass(frozen=True)
class EstimateQuestion:
    """Guess ``quantity`` to within ``tolerance``; ``answer`` is its value."""

    prompt: Text
    quantity: Quantity
    answer: float
    tolerance: float
    why: Text
    hide: tuple[Target, ...]
    kind: str = "estimate"


@dataclass(frozen=True)
class DragQuestion:
    """Move only the ``only`` fields until every claim of ``goal`` holds."""

    prompt: Text
    goal: tuple[Claim, ...]
    only: tuple[str, ...]
    example: Mapping[str, Any] | None
    why: Text
    hide: tuple[Target, ...]
    kind: str = "drag"


Question = ChoiceQuestion | EstimateQuestion | DragQuestion
QUESTION_KINDS = ("choice", "estimate", "drag")


# --- steps and lessons --------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Step:
    """One step: the states it sets, what it shows and says, and its question.

    Attributes
    ----------
    title, caption : Text
    page : str
        The state kind on show ("scenario" for the explorer).
    scenario : Scenario
        The explorer's state (the whole of it).
    pages : mapping of kind to state
        The other page states the step sets (the page on show's always).
    panels : tuple of str
        The explorer's panels on show.
    highlight : tuple of Target
    question : Question or None
    """

    title: Text
    caption: Text
    page: str
    scenario: Scenario
    pages: Mapping[str, Any]
    panels: tuple[str, ...] = DEFAULT_PANELS
    highlight: tuple[Target, ...] = ()
    question: Question | None = None
    _evaluation: list[Evaluation] = field(default_factory=list, repr=False)

    def evaluation(self) -> Evaluation:
        """The step's derived results (computed once, on demand)."""
        if not self._evaluation:
            self._evaluation.append(Evaluation(self.scenario, self.pages))
        return self._evaluation[0]

    def state(self, kind: str) -> Any:
        """The state the step sets for ``kind`` (None if it sets none)."""
        return self.scenario if kind == "scenario" else self.pages.get(kind)


@dataclass(frozen=True, eq=False)
class Lesson:
    """A named, titled list of steps.

    Attributes
    ----------
    name : str
        Lower-case words joined by hyphens (``--lesson NAME``).
    title : Text
    summary : Text or None
    steps : tuple of Step
        At least one (a lesson being written may have none until saved).
    source : str
        Where it was read from (a file's name, or "" for a new lesson).
    """

    name: str
    title: Text
    steps: tuple[Step, ...]
    summary: Text | None = None
    source: str = ""

    @property
    def questions(self) -> tuple[int, ...]:
        """The indices of the steps that ask a question."""
        return tuple(i for i, step in enumerate(self.steps) if step.question)

    def replace_steps(self, steps: Sequence[Step]) -> Lesson:
        """The same lesson with other steps (authoring)."""
        return Lesson(self.name, self.title, tuple(steps), self.summary, self.source)


# --- reading a step -------------------------------------------------------------

_STEP_KEYS = ("title", "caption", "page")
_STEP_OPTIONAL = ("scenario", "pages", "panels", "highlight", "question")


def _trainings(data: Any, where: str, scenario: Scenario) -> Any:
    """The trainings of a step: ``start`` is the scenario's (and must be)."""
    item = dict(json_object(data, where))
    expected = _scenario_start(scenario)
    from core.state_schemas import trainings_from_dict, trainings_to_dict
    from core.trainings import start_trainings

    if "start" not in item:
        item["start"] = trainings_to_dict(start_trainings(expected))["start"]
    state = trainings_from_dict(item, where)
    if state.start != expected:
        raise fail(
            join(where, "start"),
            "must be where the step's scenario starts the training (the "
            "Training page follows the explorer): leave it out",
        )
    return state


def _scenario_start(scenario: Scenario) -> Any:
    results = evaluate(scenario)
    return DEFAULT_START if results.family_mode else training_start(results)


def _pages(data: Any, where: str, scenario: Scenario) -> dict[str, Any]:
    items = json_object(data, where)
    check_keys(items, where, (), tuple(STATE_KINDS))
    pages: dict[str, Any] = {}
    for kind, item in items.items():
        at = join(where, kind)
        if kind == "trainings":
            pages[kind] = _trainings(item, at, scenario)
        else:
            pages[kind] = STATE_KINDS[kind][1](item, at)
    return pages


def _names(value: Any, where: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    items = json_list(value, where, 0, len(allowed))
    names = tuple(
        choice(item, f"{where}[{i}]", allowed) for i, item in enumerate(items)
    )
    for i, name in enumerate(names):
        if name in names[:i]:
            raise fail(f"{where}[{i}]", f'repeats "{name}"')
    return names


def _targets(value: Any, where: str, step: Step, bars: bool) -> tuple[Target, ...]:
    items = json_list(value, where, 0, 12)
    outcomes = None if step.scenario.p_family is not None else step.scenario.k
    targets: list[Target] = []
    for i, item in enumerate(items):
        at = f"{where}[{i}]"
        try:
            target = parse_target(item, outcomes, bars)
        except ValueError as error:
            raise fail(at, str(error)) from None
        if target.kind != step.page:
            raise fail(at, f'is on the page of "{target.kind}", not on show here')
        if target.written in (t.written for t in targets):
            raise fail(at, f'repeats "{target.written}"')
        targets.append(target)
    return tuple(targets)


def _quantity(value: Any, where: str, evaluation: Evaluation) -> Quantity:
    try:
        quantity = parse_quantity(value)
        evaluation.value(quantity)
    except ValueError as error:
        raise fail(where, str(error)) from None
    return quantity


def _claim(value: Any, where: str, evaluation: Evaluation) -> Claim:
    data = json_object(value, where)
    check_keys(data, where, ("quantity", "op", "value"), ("tolerance",))
    quantity = _quantity(data["quantity"], join(where, "quantity"), evaluation)
    op = choice(data["op"], join(where, "op"), OPERATORS)
    raw, at = data["value"], join(where, "value")
    right: float | Quantity
    if raw in ("inf", "-inf"):
        right = math.inf if raw == "inf" else -math.inf
    elif isinstance(raw, str):
        right = _quantity(raw, at, evaluation)
    else:
        right = number(raw, at)
    tolerance = 0.0
    if "tolerance" in data:
        if op != "=":
            raise fail(join(where, "tolerance"), 'goes only with "op": "="')
        tolerance = number(data["tolerance"], join(where, "tolerance"))
        if not 0 <= tolerance <= MAX_TOLERANCE:
            raise fail(join(where, "tolerance"), "must lie in [0, 1e+06]")
    return Claim(quantity, op, right, tolerance)


def _claims(value: Any, where: str, evaluation: Evaluation) -> tuple[Claim, ...]:
    items = json_list(value, where, 1, 4)
    return tuple(
        _claim(item, f"{where}[{i}]", evaluation) for i, item in enumerate(items)
    )


def _holds(claims: tuple[Claim, ...], evaluation: Evaluation) -> bool:
    return all(claim.holds(evaluation) for claim in claims)


def _choice(data: Mapping[str, Any], where: str, step: Step) -> ChoiceQuestion:
    check_keys(data, where, ("kind", "prompt", "options", "answer", "why"), ("hide",))
    evaluation = step.evaluation()
    entries = json_list(data["options"], join(where, "options"), 2, 6)
    options = []
    for i, entry in enumerate(entries):
        at = f"{join(where, 'options')}[{i}]"
        item = json_object(entry, at)
        check_keys(item, at, ("text", "when"))
        text = _text(item["text"], join(at, "text"), MAX_OPTION)
        options.append(
            Option(text, _claims(item["when"], join(at, "when"), evaluation))
        )
    holding = [i for i, option in enumerate(options) if _holds(option.when, evaluation)]
    answer = integer(data["answer"], join(where, "answer"))
    if not 0 <= answer < len(options):
        raise fail(join(where, "answer"), f"must lie in [0, {len(options) - 1}]")
    if len(holding) != 1:
        facts = "; ".join(
            claim.describe(evaluation) for option in options for claim in option.when
        )
        count = "no option's" if not holding else f"{len(holding)} options'"
        raise fail(
            join(where, "options"),
            f"must have one option whose claims hold, but {count} do here ({facts})",
        )
    if answer != holding[0]:
        facts = "; ".join(c.describe(evaluation) for c in options[holding[0]].when)
        raise fail(
            join(where, "answer"),
            f"is {answer}, but option {holding[0]} is right here ({facts})",
        )
    quantities = _claimed(options)
    return ChoiceQuestion(
        prompt=_text(data["prompt"], join(where, "prompt")),
        options=tuple(options),
        answer=answer,
        why=_text(data["why"], join(where, "why")),
        hide=_hide(data, where, step, quantities),
    )


def _hide(
    data: Mapping[str, Any], where: str, step: Step, quantities: Sequence[Quantity]
) -> tuple[Target, ...]:
    if "hide" in data:
        return _targets(data["hide"], join(where, "hide"), step, bars=False)
    return default_hide(step, quantities)


#: Quantities any two of which give the third: H(P,Q) = H(P) + D(P‖Q).
_RELATED = (
    ("entropy_p", "cross_entropy_pq", "kl_pq"),
    ("entropy_q", "cross_entropy_qp", "kl_qp"),
)


def _with_partners(
    step: Step, quantity: Quantity, hide: tuple[Target, ...]
) -> tuple[Target, ...]:
    """``hide`` and what shows the asked quantity's partners (see _RELATED).

    "Estimate H(P)" with H(P,Q) = 1.0000 and D(P‖Q) = 0.1187 on show was
    answered by a subtraction: an estimate's partners are hidden too.
    """
    if step.page != "scenario":
        return hide
    partners = [
        name
        for related in _RELATED
        if quantity.name in related
        for name in related
        if name != quantity.name
    ]
    if not partners:
        return hide
    extra = default_hide(step, [parse_quantity(name) for name in partners])
    names = {target.name for target in hide}
    return hide + tuple(t for t in extra if t.name not in names)


def _claimed(options: Sequence[Option]) -> list[Quantity]:
    """The quantities the options' claims compare (both sides)."""
    return [c.quantity for option in options for c in option.when] + [
        c.value
        for option in options
        for c in option.when
        if isinstance(c.value, Quantity)
    ]


def _outcomes(scenario: Scenario) -> int | None:
    """The explorer's sliders per series in ``scenario`` (None: families)."""
    return None if scenario.p_family is not None else scenario.k


def default_hide(step: Step, quantities: Sequence[Quantity]) -> tuple[Target, ...]:
    """What shows these quantities on the step's page, to hide until answered.

    Only what shows them whatever the window's state: where Q shows them
    too depends on the state on show while the question is open (the reader
    may link Q to the softmax), and :func:`veiled_now` adds it then.
    """
    outcomes = _outcomes(step.scenario)
    names: list[str] = []
    for quantity in quantities:
        for view in quantity.spec.views_for(outcomes):
            if view not in names:
                names.append(view)
    targets = (parse_target(name, outcomes, bars=False) for name in names)
    return tuple(target for target in targets if target.kind == step.page)


def asked_quantities(question: Question | None) -> tuple[Quantity, ...]:
    """The quantities a question asks about (none for a drag task or none)."""
    if isinstance(question, EstimateQuestion):
        return (question.quantity,)
    if isinstance(question, ChoiceQuestion):
        return tuple(_claimed(question.options))
    return ()


def veiled_now(step: Step, shown: Sequence[Scenario]) -> tuple[Target, ...]:
    """What to veil while the step's question is open and the explorer shows ``shown``.

    The question's ``hide``, and the views of Q that show an asked quantity
    in one of the states ``shown`` (Q's readouts and bars while Q is the
    softmax: see :meth:`QuantitySpec.mirrors`), on the explorer's steps
    only. ``shown`` holds the explorer's state and the one the numbers on
    screen were derived from (they differ until the next derive), so an
    element is veiled while either state makes it show the answer. A step
    without a question veils nothing.
    """
    question = step.question
    if question is None:
        return ()
    targets = list(question.hide)
    if step.page != "scenario":
        return tuple(targets)
    names = {target.name for target in targets}
    for scenario in shown:
        outcomes = _outcomes(scenario)
        for quantity in asked_quantities(question):
            for view in quantity.spec.mirrors(outcomes, scenario):
                if view not in names:
                    names.add(view)
                    targets.append(parse_target(view, outcomes, bars=False))
    return tuple(targets)


def veiled_ahead(
    steps: Sequence[Step],
    index: int,
    revealed: Callable[[int], bool],
    shown: Sequence[Any],
) -> tuple[Target, ...]:
    """What later questions will ask, veiled on step ``index`` while unanswered.

    A step before a question often shows the question's own state: "H(P,Q)
    1.0000 bits" on the step before "Estimate H(P,Q) in bits" gave the
    answer away. What a later question hides (its ``hide``) is veiled while
    the page it asks about is on show in its state (one of ``shown``: the
    page's state now, and for the explorer the one its numbers come from),
    until that question has been revealed; in another state the window
    shows other numbers, and nothing of it is veiled. On the explorer a
    question about the softmax is on show too in its state linked or
    unlinked (Q = softmax(z/T) or not: the softmax is the same), and while
    Q is the softmax Q's views are veiled as well (as :func:`veiled_now`).
    """
    here = steps[index]
    targets: list[Target] = []
    names: set[str] = set()

    def veil(target: Target) -> None:
        if target.name not in names:
            names.add(target.name)
            targets.append(target)

    for question, on_show in _questions_ahead(steps, index, revealed, shown):
        for target in question.hide:
            veil(target)
        if here.page != "scenario":
            continue
        for state in on_show:
            outcomes = _outcomes(state)
            for quantity in asked_quantities(question):
                for view in quantity.spec.mirrors(outcomes, state):
                    veil(parse_target(view, outcomes, bars=False))
    return tuple(targets)


def _questions_ahead(
    steps: Sequence[Step],
    index: int,
    revealed: Callable[[int], bool],
    shown: Sequence[Any],
) -> Iterator[tuple[ChoiceQuestion | EstimateQuestion, list[Any]]]:
    """Later unrevealed questions about a state on show, with those states."""
    here = steps[index]
    for later_index in range(index + 1, len(steps)):
        later = steps[later_index]
        question = later.question
        if question is None or isinstance(question, DragQuestion):
            continue
        if revealed(later_index) or later.page != here.page:
            continue
        asked_state = later.state(later.page)
        on_show = [state for state in shown if _asks_in(question, asked_state, state)]
        if on_show:
            yield question, on_show


def asked_ahead(
    steps: Sequence[Step],
    index: int,
    revealed: Callable[[int], bool],
    shown: Sequence[Any],
) -> frozenset[str]:
    """The quantities (as written) that later questions ask about a state on show.

    Step ``index``'s answer must not print them: "Class 2 (∂L/∂z₂ = −0.9014
    < 0)" answered the next step's "Estimate ∂L/∂z for the true class".
    """
    return frozenset(
        quantity.written
        for question, _ in _questions_ahead(steps, index, revealed, shown)
        for quantity in asked_quantities(question)
    )


def _asks_in(question: Question, asked: Any, shown: Any) -> bool:
    """Whether state ``shown`` shows what ``question`` asks of state ``asked``.

    The same state does; so, on the explorer, does the same state linked
    the other way when the question asks of something Q mirrors (the
    softmax): linking changes Q and the target, not the softmax.
    """
    if same_state(asked, shown):
        return True
    if not (isinstance(asked, Scenario) and isinstance(shown, Scenario)):
        return False
    if not any(quantity.spec.q_views for quantity in asked_quantities(question)):
        return False
    return same_state(asked.replace(linked=shown.linked), shown)


def _estimate(data: Mapping[str, Any], where: str, step: Step) -> EstimateQuestion:
    check_keys(
        data,
        where,
        ("kind", "prompt", "quantity", "answer", "tolerance", "why"),
        ("hide",),
    )
    evaluation = step.evaluation()
    quantity = _quantity(data["quantity"], join(where, "quantity"), evaluation)
    value = evaluation.value(quantity)
    if math.isinf(value):
        raise fail(
            join(where, "quantity"),
            "is infinite here: ask a choice question instead of an estimate",
        )
    answer = number(data["answer"], join(where, "answer"))
    if abs(answer - value) > STATED_TOLERANCE * max(1.0, abs(value)):
        unit = evaluation.unit(quantity)
        raise fail(
            join(where, "answer"),
            f"is {answer:g}, but {quantity.title} is {format_number(value)}"
            f"{' ' + unit if unit else ''} here",
        )
    tolerance = number(data["tolerance"], join(where, "tolerance"))
    if not 0 < tolerance <= MAX_TOLERANCE:
        raise fail(join(where, "tolerance"), "must be above 0 (and at most 1e+06)")
    return EstimateQuestion(
        prompt=_text(data["prompt"], join(where, "prompt")),
        quantity=quantity,
        answer=answer,
        tolerance=tolerance,
        why=_text(data["why"], join(where, "why")),
        hide=_with_partners(step, quantity, _hide(data, where, step, [quantity])),
    )


def state_dict(kind: str, state: Any) -> dict[str, Any]:
    """A page state as a session writes it (the scenario's too)."""
    if kind == "scenario":
        return scenario_to_dict(state)
    return STATE_KINDS[kind][0](state)


def state_from_dict(kind: str, data: Any, where: str, scenario: Scenario) -> Any:
    """A page state read as a step reads it."""
    if kind == "scenario":
        return _scenario_at(data, where)
    if kind == "trainings":
        return _trainings(data, where, scenario)
    return STATE_KINDS[kind][1](data, where)


def _scenario_at(data: Any, where: str) -> Scenario:
    try:
        return scenario_from_dict(data)
    except SessionError as error:
        message = str(error)
        if message.startswith("scenario"):
            message = where + message[len("scenario") :]
        raise SessionError(message, where) from None


def _drag(data: Mapping[str, Any], where: str, step: Step) -> DragQuestion:
    check_keys(
        data, where, ("kind", "prompt", "goal", "only", "why"), ("example", "hide")
    )
    evaluation = step.evaluation()
    goal = _claims(data["goal"], join(where, "goal"), evaluation)
    for i, claim in enumerate(goal):
        quantities = [claim.quantity]
        if isinstance(claim.value, Quantity):
            quantities.append(claim.value)
        for quantity in quantities:
            if quantity.spec.kind != step.page:
                raise fail(
                    f"{join(where, 'goal')}[{i}]",
                    f'measures the page of "{quantity.spec.kind}": a drag task '
                    "measures the page on show",
                )
    if _holds(goal, evaluation):
        facts = "; ".join(claim.describe(evaluation) for claim in goal)
        raise fail(
            join(where, "goal"),
            translate("Lessons", "already holds at the start ({facts})").format(
                facts=facts
            ),
        )
    start = state_dict(step.page, step.state(step.page))
    only = _names(data["only"], join(where, "only"), tuple(start))
    if not only:
        raise fail(join(where, "only"), "must name at least one field to move")
    example = None
    if "example" in data:
        example = _example(data["example"], join(where, "example"), step, only, goal)
    return DragQuestion(
        prompt=_text(data["prompt"], join(where, "prompt")),
        goal=goal,
        only=only,
        example=example,
        why=_text(data["why"], join(where, "why")),
        hide=_hide(data, where, step, []),
    )


def _example(
    value: Any, where: str, step: Step, only: tuple[str, ...], goal: tuple[Claim, ...]
) -> Mapping[str, Any]:
    changes = json_object(value, where)
    check_keys(changes, where, (), only)
    state = moved_state(step, changes, where)
    evaluation = _evaluation_with(step, state)
    if not _holds(goal, evaluation):
        facts = "; ".join(claim.describe(evaluation) for claim in goal)
        raise fail(where, f"does not reach the goal ({facts})")
    return MappingProxyType(dict(changes))


def moved_state(step: Step, changes: Mapping[str, Any], where: str = "example") -> Any:
    """The page state on show with some of its fields changed (a drag's example)."""
    data = {**state_dict(step.page, step.state(step.page)), **changes}
    return state_from_dict(step.page, data, where, step.scenario)


def goal_shortfall(
    step: Step, goal: Sequence[Claim], changes: Mapping[str, Any]
) -> float:
    """How far the page on show, with ``changes``, is from making ``goal`` true.

    0 exactly when every claim holds; else the summed distances of the
    claims that do not (how much a "<" side is too high, and so on), and
    +inf for changes the page refuses (a weight out of range).
    """
    try:
        evaluation = _evaluation_with(step, moved_state(step, changes))
    except (SessionError, ValueError):
        return math.inf
    if _holds(tuple(goal), evaluation):
        return 0.0
    total = 0.0
    for claim in goal:
        if claim.holds(evaluation):
            continue
        left = evaluation.value(claim.quantity)
        value = claim.value
        right = evaluation.value(value) if isinstance(value, Quantity) else value
        gap = abs(left - right) - (claim.tolerance if claim.op == "=" else 0.0)
        # A side at ±∞ is as far as can be, yet finite: a search compares.
        total += min(max(gap, 1e-300), 1e300) if math.isfinite(gap) else 1e300
    return total


def _evaluation_with(step: Step, state: Any) -> Evaluation:
    if step.page == "scenario":
        return Evaluation(state, step.pages)
    return Evaluation(step.scenario, {**step.pages, step.page: state})


def _question(value: Any, where: str, step: Step) -> Question:
    data = json_object(value, where)
    if "kind" not in data:
        raise fail(where, 'is missing the key "kind"')
    kind = choice(data["kind"], join(where, "kind"), QUESTION_KINDS)
    if kind == "choice":
        return _choice(data, where, step)
    if kind == "estimate":
        return _estimate(data, where, step)
    return _drag(data, where, step)


def _step(
    data: Any, where: str, previous: Mapping[str, Any]
) -> tuple[Step, dict[str, Any]]:
    """A step, and its scenario as a dict (the next step's starting point)."""
    data = json_object(data, where)
    check_keys(data, where, _STEP_KEYS, _STEP_OPTIONAL)
    changes = json_object(data.get("scenario", {}), join(where, "scenario"))
    check_keys(changes, join(where, "scenario"), (), SCENARIO_KEYS)
    merged = {**previous, **changes}
    scenario = _scenario_at(merged, join(where, "scenario"))
    page = choice(data["page"], join(where, "page"), SETTING_KINDS)
    pages = _pages(data.get("pages", {}), join(where, "pages"), scenario)
    if page != "scenario" and page not in pages:
        pages[page] = settings_to_state(page, {}, scenario, join(where, "page"))
    panels: tuple[str, ...] = DEFAULT_PANELS
    if "panels" in data:
        panels = _names(data["panels"], join(where, "panels"), PANELS)
    step = Step(
        title=_text(data["title"], join(where, "title"), MAX_TITLE, markup=False),
        caption=_text(data["caption"], join(where, "caption")),
        page=page,
        scenario=scenario,
        pages=MappingProxyType(pages),
        panels=panels,
    )
    highlight = _targets(
        data.get("highlight", []), join(where, "highlight"), step, True
    )
    question = None
    if "question" in data:
        question = _question(data["question"], join(where, "question"), step)
    step = _with(step, highlight=highlight, question=question)
    return step, merged


def _with(step: Step, **changes: Any) -> Step:
    values = {f.name: getattr(step, f.name) for f in fields(step) if f.init}
    values.update(changes)
    values["_evaluation"] = step._evaluation
    return Step(**values)


def step_from_dict(data: Any, where: str = "step") -> Step:
    """A step written whole (its scenario complete), read and checked.

    This is how authoring turns the window's state into a step: the same
    checks as in a file, so a step that is added always saves and loads.

    Raises
    ------
    SessionError
        Naming the field, as for a step in a lesson file.
    """
    step, _ = _step(data, where, scenario_to_dict(default_scenario()))
    return step


def lesson_name_for(title: str) -> str:
    """A lesson name made from its title ("My KL lesson" → "my-kl-lesson")."""
    words = re.findall(r"[a-z0-9]+", title.lower())
    name = "-".join(words)[:60].strip("-")
    return name or "my-lesson"


# --- reading and writing a lesson ------------------------------------------------


def _document(data: Any) -> Lesson:
    document = check_header(data, "lesson", LESSON_FORMAT, LESSON_VERSION)
    check_keys(
        document,
        "the lesson",
        ("format", "version", "name", "title", "steps"),
        ("summary",),
    )
    name = document["name"]
    if not isinstance(name, str) or not _ID.fullmatch(name) or len(name) > 60:
        raise fail("name", "must be lower-case words joined by hyphens (at most 60)")
    title = _text(document["title"], "title", MAX_TITLE, markup=False)
    summary = None
    if "summary" in document:
        summary = _text(document["summary"], "summary")
    entries = json_list(document["steps"], "steps", 1, MAX_STEPS)
    steps = []
    previous = scenario_to_dict(default_scenario())
    for i, entry in enumerate(entries):
        step, previous = _step(entry, f"steps[{i}]", previous)
        steps.append(step)
    return Lesson(name, title, tuple(steps), summary)


def parse_lesson(text: str, source: str = "lesson") -> Lesson:
    """Read a lesson from its JSON text.

    Parameters
    ----------
    text : str
    source : str
        Names the text in messages (a file's name).

    Returns
    -------
    Lesson

    Raises
    ------
    LessonError
        One line, ``"<source>: steps[3].question.answer is 0, but option 1
        is right here (…)"``: for text that is not strict JSON, a wrong
        format tag or version, a missing or unknown key, any field a control
        or the format could not hold, and any question whose stated answer
        is not what the core computes. No other exception escapes.
    """
    try:
        lesson = _document(strict_json(text))
    except SessionError as error:
        raise LessonError(f"{source}: {error}") from None
    except (ValueError, OverflowError, ArithmeticError) as error:  # pragma: no cover
        # A state the schemas passed that a page's core still refuses.
        raise LessonError(f"{source}: {str(error).splitlines()[0]}") from None
    return Lesson(lesson.name, lesson.title, lesson.steps, lesson.summary, source)


def load_lesson(path: str | os.PathLike[str]) -> Lesson:
    """Read a lesson file (a regular UTF-8 file of at most 1 MB).

    Raises
    ------
    LessonError
        Starting with the file's name: for a file that cannot be read, and
        for everything :func:`parse_lesson` refuses.
    """
    name = Path(os.fspath(path)).name
    try:
        text = read_text(path)
    except SessionError as error:
        raise LessonError(f"{name}: {error}") from None
    return parse_lesson(text, name)


def _claims_dict(claims: tuple[Claim, ...]) -> list[dict[str, Any]]:
    return [claim.to_dict() for claim in claims]


def _targets_dict(targets: tuple[Target, ...]) -> list[str]:
    return [target.written for target in targets]


def question_to_dict(question: Question) -> dict[str, Any]:
    """A question as a lesson file writes it (``hide`` always explicit)."""
    data: dict[str, Any] = {"kind": question.kind, "prompt": text_dict(question.prompt)}
    if isinstance(question, ChoiceQuestion):
        data["options"] = [
            {"text": text_dict(option.text), "when": _claims_dict(option.when)}
            for option in question.options
        ]
        data["answer"] = question.answer
    elif isinstance(question, EstimateQuestion):
        data["quantity"] = question.quantity.written
        data["answer"] = question.answer
        data["tolerance"] = question.tolerance
    else:
        data["goal"] = _claims_dict(question.goal)
        data["only"] = list(question.only)
        if question.example is not None:
            data["example"] = dict(question.example)
    data["why"] = text_dict(question.why)
    data["hide"] = _targets_dict(question.hide)
    return data


def _pages_dict(step: Step) -> dict[str, Any]:
    pages: dict[str, Any] = {}
    for kind, state in step.pages.items():
        written = STATE_KINDS[kind][0](state)
        if kind == "trainings":
            written.pop("start")  # always the scenario's: see _trainings
        pages[kind] = written
    return pages


def step_to_dict(step: Step, previous: Mapping[str, Any]) -> dict[str, Any]:
    """A step as a lesson writes it: its scenario as changes from ``previous``."""
    scenario = scenario_to_dict(step.scenario)
    changes = {k: v for k, v in scenario.items() if previous.get(k) != v}
    data: dict[str, Any] = {
        "title": text_dict(step.title),
        "caption": text_dict(step.caption),
        "page": step.page,
    }
    if changes:
        data["scenario"] = changes
    if step.pages:
        data["pages"] = _pages_dict(step)
    if step.panels != DEFAULT_PANELS:
        data["panels"] = list(step.panels)
    if step.highlight:
        data["highlight"] = _targets_dict(step.highlight)
    if step.question is not None:
        data["question"] = question_to_dict(step.question)
    return data


def lesson_to_dict(lesson: Lesson) -> dict[str, Any]:
    """The lesson as a JSON-ready dict (see the module docstring)."""
    data: dict[str, Any] = {
        "format": LESSON_FORMAT,
        "version": LESSON_VERSION,
        "name": lesson.name,
        "title": text_dict(lesson.title),
    }
    if lesson.summary is not None:
        data["summary"] = text_dict(lesson.summary)
    steps = []
    previous = scenario_to_dict(default_scenario())
    for step in lesson.steps:
        steps.append(step_to_dict(step, previous))
        previous = scenario_to_dict(step.scenario)
    data["steps"] = steps
    return data


def lesson_to_json(lesson: Lesson) -> str:
    """The lesson as indented JSON text, checked by reading it back.

    Raises
    ------
    LessonError
        If the text would not load again (no steps, say) or would exceed
        :data:`MAX_FILE_BYTES`.
    """
    text = dumps(lesson_to_dict(lesson)) + "\n"
    parse_lesson(text, lesson.source or lesson.name)
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        raise LessonError(
            f"{lesson.name}: the lesson would be {size:,} bytes; a file may "
            f"hold {MAX_FILE_BYTES:,}"
        )
    return text


def save_lesson(path: str | os.PathLike[str], lesson: Lesson) -> None:
    """Write a lesson file atomically: the old file or the new one, never half.

    Raises
    ------
    LessonError
        If the lesson would not load again (nothing is written).
    OSError
        (:class:`core.atomic.FileError`) If the file cannot be written.
    """
    atomic_write_bytes(path, lesson_to_json(lesson).encode("utf-8"))


# --- the bundled lessons --------------------------------------------------------


def bundled_lessons() -> tuple[Lesson, ...]:
    """The lessons in ``assets/lessons/``, in course order (by file name).

    Raises
    ------
    AssetError
        If the folder is missing (a broken installation).
    LessonError
        If a bundled lesson does not load, or two share a name.
    """
    lessons: list[Lesson] = []
    for entry in _bundled_files():
        lesson = parse_lesson(entry.read_text(encoding="utf-8"), entry.name)
        if lesson.name in (known.name for known in lessons):
            raise LessonError(f"{entry.name}: the name {lesson.name} is used twice")
        lessons.append(lesson)
    return tuple(lessons)


@dataclass(frozen=True)
class LessonEntry:
    """A bundled lesson as a menu lists it, read without checking its steps.

    :func:`load_bundled` reads the whole lesson, strictly, when it is chosen.
    """

    file: str
    name: str
    title: Text
    steps: int


def _bundled_folder() -> Any:
    try:
        folder = importlib.resources.files(ASSETS_PACKAGE).joinpath(BUNDLED_FOLDER)
    except ModuleNotFoundError:
        raise AssetError(
            f"the bundled data ({ASSETS_PACKAGE}) is not installed; "
            "reinstall Entropy Lab with pip"
        ) from None
    if not folder.is_dir():
        raise AssetError(
            "the bundled lessons are missing; reinstall Entropy Lab with pip"
        )
    return folder


def _bundled_files() -> list[Any]:
    folder = _bundled_folder()
    return sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(".json")),
        key=lambda entry: entry.name,
    )


def bundled_entries() -> tuple[LessonEntry, ...]:
    """Name, title and length of each bundled lesson, quickly (for menus).

    Raises
    ------
    AssetError
        If the folder is missing.
    LessonError
        If a file's header, name, title or step list cannot be read.
    """
    entries = []
    for entry in _bundled_files():
        try:
            data = json_object(strict_json(entry.read_text(encoding="utf-8")), "lesson")
            title = _text(data.get("title"), "title", MAX_TITLE, markup=False)
            name = data.get("name")
            if not isinstance(name, str) or not _ID.fullmatch(name):
                raise fail("name", "must be lower-case words joined by hyphens")
            steps = json_list(data.get("steps"), "steps", 1, MAX_STEPS)
        except SessionError as error:
            raise LessonError(f"{entry.name}: {error}") from None
        entries.append(LessonEntry(entry.name, name, title, len(steps)))
    return tuple(entries)


def load_bundled(file: str) -> Lesson:
    """The bundled lesson in ``file`` (a name from :func:`bundled_entries`)."""
    for entry in _bundled_files():
        if entry.name == file:
            return parse_lesson(entry.read_text(encoding="utf-8"), entry.name)
    raise AssetError(f"the bundled lesson {file} is missing; reinstall Entropy Lab")


def find_lesson(name: str, lessons: Sequence[Lesson]) -> Lesson:
    """The lesson called ``name``; LessonError lists the known names."""
    for lesson in lessons:
        if lesson.name == name:
            return lesson
    known = ", ".join(lesson.name for lesson in lessons)
    shown_name = name if len(name) <= 40 else name[:39] + "…"
    raise LessonError(f"unknown lesson {shown_name!r}; known: {known}")


# --- answers ------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """How an answer went, and what the right one is, in words."""

    correct: bool
    answer: str


def right_answer(step: Step, withheld: Collection[str] = ()) -> str:
    """The right answer with the core's numbers ("D(Q‖P): D(Q‖P) = 0.1258 …").

    A choice's claims on a quantity in ``withheld`` (written as a lesson
    writes it: what a later question asks, see :func:`asked_ahead`) are
    given in words, without the number.
    """
    question = step.question
    evaluation = step.evaluation()
    if isinstance(question, ChoiceQuestion):
        option = question.options[question.answer]
        # By the number on show too: q[0] of a linked Q is softmax[0].
        numbers = {shown_value(evaluation, parse_quantity(name)) for name in withheld}
        if any(
            _claim_uses(claim, withheld, numbers, evaluation) for claim in option.when
        ):
            facts = "; ".join(claim.text() for claim in option.when)
        else:
            facts = describe_claims(option.when, evaluation)
        return f"{option.text.get()} ({facts})"
    if isinstance(question, EstimateQuestion):
        shown = shown_value(evaluation, question.quantity)
        return f"{question.quantity.title} = {shown}"
    if isinstance(question, DragQuestion):
        return "; ".join(claim.text() for claim in question.goal)
    raise ValueError("the step asks no question")


def _claim_uses(
    claim: Claim,
    names: Collection[str],
    numbers: Collection[str],
    evaluation: Evaluation,
) -> bool:
    """Whether ``claim`` shows one of ``names``, or a number one of them shows."""
    quantities = [claim.quantity]
    if isinstance(claim.value, Quantity):
        quantities.append(claim.value)
    return any(
        quantity.written in names or shown_value(evaluation, quantity) in numbers
        for quantity in quantities
    )


def check_choice(step: Step, picked: int) -> Verdict:
    """Check the option ``picked`` against the core's numbers for the step.

    Raises
    ------
    ValueError
        If the step asks no choice question or ``picked`` is not an option.
    """
    question = step.question
    if not isinstance(question, ChoiceQuestion):
        raise ValueError("the step asks no choice question")
    if not 0 <= picked < len(question.options):
        raise ValueError(f"picked must lie in [0, {len(question.options) - 1}]")
    evaluation = step.evaluation()
    correct = _holds(question.options[picked].when, evaluation)
    return Verdict(correct, right_answer(step))


def parse_estimate(text: str) -> float:
    """A typed guess: "0.88", "0,88", "−1.5", "1e-3"; ValueError says why not."""
    cleaned = text.strip().replace("−", "-").replace(",", ".").replace(" ", "")
    if not cleaned:
        raise ValueError("type a number first")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"{text.strip()[:20]!r} is not a number") from None
    if not math.isfinite(value):
        raise ValueError("type a finite number")
    return value


def check_estimate(step: Step, guess: float) -> Verdict:
    """Check a guess against the core's value for the step, within the tolerance.

    Raises
    ------
    ValueError
        If the step asks no estimate or the guess is not finite.
    """
    question = step.question
    if not isinstance(question, EstimateQuestion):
        raise ValueError("the step asks no estimate")
    if not math.isfinite(guess):
        raise ValueError("guess must be finite")
    value = step.evaluation().value(question.quantity)
    # A guess at the border counts: the tolerance the lesson states is
    # "within ±t", and floating point must not take that away.
    correct = abs(guess - value) <= question.tolerance * (1 + 1e-12)
    return Verdict(correct, right_answer(step))


@dataclass(frozen=True)
class DragStatus:
    """Where a drag task stands for the state on show.

    Attributes
    ----------
    done : bool
        Every claim of the goal holds and nothing but ``only`` moved.
    reached : tuple of bool
        Which claims of the goal hold.
    moved : tuple of str
        Fields outside ``only`` that differ from the step's.
    now : str
        The goal's quantities with their current numbers
        ("D(P‖Q) = 0.1536 bits").
    """

    done: bool
    reached: tuple[bool, ...]
    moved: tuple[str, ...]
    now: str


def drag_status(step: Step, state: Any) -> DragStatus:
    """Check a drag task against the page's current ``state``.

    Raises
    ------
    ValueError
        If the step asks no drag task, or ``state`` cannot be derived.
    """
    question = step.question
    if not isinstance(question, DragQuestion):
        raise ValueError("the step asks no drag task")
    start = state_dict(step.page, step.state(step.page))
    current = state_dict(step.page, state)
    moved = tuple(
        key
        for key in start
        if key not in question.only and start[key] != current.get(key)
    )
    evaluation = _evaluation_with(step, state)
    reached = tuple(claim.holds(evaluation) for claim in question.goal)
    shown_values: list[str] = []
    for claim in question.goal:
        for quantity in (claim.quantity, claim.value):
            if isinstance(quantity, Quantity):
                text = _value_text(evaluation, quantity)
                if text not in shown_values:
                    shown_values.append(text)
    now = "; ".join(shown_values)
    return DragStatus(all(reached) and not moved, reached, moved, now)


def _value_text(evaluation: Evaluation, quantity: Quantity) -> str:
    unit = evaluation.unit(quantity)
    value = format_number(evaluation.value(quantity))
    return f"{quantity.title} = {value}" + (f" {unit}" if unit else "")


# --- exploring away from a step ------------------------------------------------

#: Fields of a page state that hold an animation's progress, not a setting.
PROGRESS_FIELDS = frozenset({"racers", "trainings", "fits"})
#: Fields that set how fast an animation plays: watching a race at 20 steps
#: a frame is the step's race still, not exploring.
PACE_FIELDS = frozenset({"steps_per_frame"})


def same_setup(now: Any, then: Any) -> bool:
    """Whether a page state still shows a step's: equal, or the same settings run on.

    Pressing Play on an animated page is part of the step, not exploring.
    """
    if now == then:
        return True
    if not is_dataclass(now) or type(now) is not type(then):
        return False
    names = [f.name for f in fields(now)]
    if not PROGRESS_FIELDS.intersection(names):
        return False
    ignored = PROGRESS_FIELDS | PACE_FIELDS
    return all(getattr(now, n) == getattr(then, n) for n in names if n not in ignored)


# --- progress -----------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """Where a student is in a lesson and how their answers went.

    Attributes
    ----------
    step : int
        The step on show, from 0.
    answers : tuple of (step, correct)
        The first answer to each question, by step, in step order.
    peeked : tuple of int
        The steps whose answer was shown before any was given (each counts
        as not right among ``answers``), in step order.
    """

    step: int = 0
    answers: tuple[tuple[int, bool], ...] = ()
    peeked: tuple[int, ...] = ()

    def answered(self, step: int) -> bool:
        """Whether the question of ``step`` has been answered."""
        return any(index == step for index, _ in self.answers)

    def verdict(self, step: int) -> bool | None:
        """True or False for an answered step, None otherwise."""
        return next((ok for index, ok in self.answers if index == step), None)

    @property
    def correct(self) -> int:
        """Questions answered right."""
        return sum(1 for _, ok in self.answers if ok)

    def at(self, step: int) -> Progress:
        """The same answers at another step."""
        return Progress(step, self.answers, self.peeked)

    def with_answer(self, step: int, correct: bool) -> Progress:
        """The first answer to ``step`` recorded (a second changes nothing)."""
        if self.answered(step):
            return self
        answers = tuple(sorted((*self.answers, (step, correct))))
        return Progress(self.step, answers, self.peeked)

    def with_peek(self, step: int) -> Progress:
        """The answer to ``step`` shown unanswered: not right, and said so."""
        if self.answered(step):
            return self
        answered = self.with_answer(step, False)
        return Progress(
            self.step, answered.answers, tuple(sorted((*self.peeked, step)))
        )

    def peeked_at(self, step: int) -> bool:
        """Whether ``step``'s answer was shown before any was given."""
        return step in self.peeked


def progress_to_json(progress: Progress) -> str:
    """Progress as compact JSON (for QSettings)."""
    data: dict[str, Any] = {
        "step": progress.step,
        "answers": {str(i): ok for i, ok in progress.answers},
    }
    if progress.peeked:
        data["peeked"] = list(progress.peeked)
    return json.dumps(data, separators=(",", ":"))


def parse_progress(text: Any, lesson: Lesson) -> Progress:
    """Progress read back for ``lesson``; ValueError for anything that does not fit.

    A step beyond the lesson, an answer to a step without a question or a
    value of the wrong type is refused (the caller forgets the progress).
    """
    data = json_object(strict_json(text), "progress")
    check_keys(data, "progress", ("step", "answers"), ("peeked",))
    step = integer(data["step"], "progress.step")
    if not 0 <= step < len(lesson.steps):
        raise ValueError(f"progress.step {step} is beyond the lesson")
    answers = []
    questions = set(lesson.questions)
    for key, value in json_object(data["answers"], "progress.answers").items():
        if not key.isdigit() or int(key) not in questions:
            raise ValueError(f"progress.answers has a step without a question: {key!r}")
        if not isinstance(value, bool):
            raise ValueError("progress.answers must hold true or false")
        answers.append((int(key), value))
    peeked = data.get("peeked", [])
    wrong = {index for index, ok in answers if not ok}
    if not isinstance(peeked, list) or not all(
        isinstance(i, int) and not isinstance(i, bool) and i in wrong for i in peeked
    ):
        raise ValueError("progress.peeked must list steps answered as not right")
    return Progress(step, tuple(sorted(answers)), tuple(sorted(set(peeked))))


__all__ = [
    "BUNDLED_FOLDER",
    "LESSON_FORMAT",
    "LESSON_VERSION",
    "ChoiceQuestion",
    "DragQuestion",
    "DragStatus",
    "EstimateQuestion",
    "Lesson",
    "LessonEntry",
    "LessonError",
    "Option",
    "Progress",
    "Question",
    "Step",
    "Text",
    "Verdict",
    "asked_quantities",
    "bundled_entries",
    "bundled_lessons",
    "check_choice",
    "check_estimate",
    "default_hide",
    "drag_status",
    "find_lesson",
    "lesson_name_for",
    "lesson_to_dict",
    "lesson_to_json",
    "load_bundled",
    "load_lesson",
    "moved_state",
    "parse_estimate",
    "parse_lesson",
    "parse_progress",
    "progress_to_json",
    "right_answer",
    "same_setup",
    "save_lesson",
    "state_dict",
    "state_from_dict",
    "step_from_dict",
    "step_to_dict",
    "text_dict",
    "veiled_ahead",
    "veiled_now",
]
