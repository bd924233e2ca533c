"""Lessons as data: bundled lessons load, their numbers are the core's, bad files fail.

The answers are checked twice: the loader refuses a lesson whose stated
answer is not what the core computes, and here every quantity the bundled
lessons use is computed again independently (SciPy, plain loops) and every
option, estimate and drag goal is judged with those numbers.
"""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path

import numpy as np
import pytest
from scipy import special, stats
from scipy.spatial import distance

from core.i18n import localized_text
from core.json_values import SessionError
from core.lesson_quantities import (
    QUANTITIES,
    TARGETS,
    Claim,
    Evaluation,
    Quantity,
    parse_quantity,
    parse_target,
    shown_value,
)
from core.lessons import (
    ChoiceQuestion,
    DragQuestion,
    EstimateQuestion,
    Lesson,
    LessonError,
    Progress,
    Step,
    asked_ahead,
    asked_quantities,
    bundled_entries,
    bundled_lessons,
    check_choice,
    check_estimate,
    drag_status,
    find_lesson,
    lesson_name_for,
    lesson_to_dict,
    lesson_to_json,
    load_bundled,
    load_lesson,
    moved_state,
    parse_estimate,
    parse_lesson,
    parse_progress,
    progress_to_json,
    right_answer,
    same_setup,
    save_lesson,
    step_from_dict,
    text_dict,
    veiled_ahead,
)
from core.scenario import evaluate

ASSETS = Path(__file__).resolve().parents[1] / "assets" / "lessons"


@pytest.fixture(scope="module")
def lessons() -> tuple[Lesson, ...]:
    return bundled_lessons()


def all_steps(lessons):
    return [
        (lesson, i, step) for lesson in lessons for i, step in enumerate(lesson.steps)
    ]


# --- the bundled lessons ---------------------------------------------------------


def test_six_lessons_in_course_order_with_enough_steps_and_questions(lessons):
    names = [lesson.name for lesson in lessons]
    assert names == [
        "information-and-entropy",
        "kl-divergence",
        "cross-entropy",
        "softmax-and-temperature",
        "loss-and-gradient",
        "why-cross-entropy",
    ]
    assert sum(len(lesson.steps) for lesson in lessons) >= 48
    questions = [s.question for _, _, s in all_steps(lessons) if s.question]
    assert len(questions) >= 24
    kinds = {q.kind for q in questions}
    assert kinds == {"choice", "estimate", "drag"}


def test_entries_agree_with_the_full_lessons(lessons):
    entries = bundled_entries()
    assert [(e.name, e.steps, e.title.get("en")) for e in entries] == [
        (lesson.name, len(lesson.steps), lesson.title.get("en")) for lesson in lessons
    ]


def test_every_step_state_evaluates(lessons):
    from core.lesson_quantities import DERIVE

    for lesson, i, step in all_steps(lessons):
        results = evaluate(step.scenario)
        assert np.all(np.isfinite(results.p)), (lesson.name, i)
        for kind, state in step.pages.items():
            DERIVE[kind](state)
        assert step.page == "scenario" or step.page in step.pages


def test_every_highlight_and_hide_is_on_the_page_on_show(lessons):
    for _lesson, _i, step in all_steps(lessons):
        targets = list(step.highlight) + list(
            step.question.hide if step.question else []
        )
        for target in targets:
            assert TARGETS.get(target.name, "scenario") == step.page


#: What a caption says of a highlighted element that is veiled, per language.
HIDDEN_WORDS = {"en": "hidden", "zh_CN": "隐藏"}


def test_a_step_that_points_at_a_veiled_element_says_it_is_hidden(lessons):
    # A step before a question veils what that question will ask (in the
    # same state): "in the information plot each outcome is a rectangle"
    # beside a plot that reads "?  Asked on a later step" left the reader
    # looking for it.
    for lesson, i, step in all_steps(lessons):
        if step.question is not None:
            continue  # its own veils are the question's: it asks first
        ahead = veiled_ahead(lesson.steps, i, lambda _: False, [step.state(step.page)])
        veiled = {target.name for target in ahead}
        pointed = [target.name for target in step.highlight if target.name in veiled]
        if not pointed:
            continue
        for language, word in HIDDEN_WORDS.items():
            caption = step.caption.get(language)
            assert word in caption, (lesson.name, i, language, pointed)


def test_an_answer_never_prints_what_a_later_question_asks(lessons):
    # "Class 2 (∂L/∂z of outcome 2 = −0.9014 < 0)" answered the next step's
    # "Estimate ∂L/∂z for the true class 2"; the softmax lesson's "rises
    # (softmax of outcome 0 = 0.8638 > 0.66)" its next estimate.
    withheld_somewhere = 0
    for lesson, i, step in all_steps(lessons):
        if not isinstance(step.question, ChoiceQuestion):
            continue
        shown = [step.state(step.page)]
        asked = asked_ahead(lesson.steps, i, lambda _: False, shown)
        answer = right_answer(step, asked)
        for name in asked:
            number = shown_value(step.evaluation(), parse_quantity(name))
            assert number not in answer, (lesson.name, i, name, answer)
            withheld_somewhere += number in right_answer(step)
    assert withheld_somewhere >= 2  # the two cases above happen


def test_a_question_at_p_equal_to_q_hides_every_divergence(lessons):
    # "What is D(P‖Q) when Q = P?" beside D(Q‖P) = 0 bits and JS = 0 bits.
    divergences = {"kl_pq", "kl_qp", "js", "cross_entropy_pq", "cross_entropy_qp"}
    asked_at_equal = 0
    for lesson, i, step in all_steps(lessons):
        question = step.question
        if step.page != "scenario" or not isinstance(
            question, ChoiceQuestion | EstimateQuestion
        ):
            continue
        results = evaluate(step.scenario)
        asks = {quantity.name for quantity in asked_quantities(question)}
        if results.kl_pq != 0.0 or not asks & divergences:
            continue
        asked_at_equal += 1
        hidden = {target.name for target in question.hide}
        expected = {"readout_kl_pq", "readout_kl_qp", "readout_js"}
        assert expected <= hidden, (lesson.name, i, expected - hidden)
    assert asked_at_equal >= 2


def test_a_question_on_the_gradient_hides_the_loss_curves_gradient():
    assert "plot_loss_curve" in QUANTITIES["grad"].views


# --- independent numbers ----------------------------------------------------------


def _base(step: Step) -> float:
    return 2.0 if step.scenario.units == "bits" else math.e


def _pq(step: Step):
    s = step.scenario
    p = np.asarray(s.p_weights, float) / np.sum(s.p_weights)
    q = np.asarray(s.q_weights, float) / np.sum(s.q_weights)
    return p, q


def _kl(p, q, base):
    with np.errstate(divide="ignore"):
        return float(np.sum(special.rel_entr(p, q)) / math.log(base))


def _softmax_and_target(step: Step):
    s = step.scenario
    z = np.asarray(s.logits, float)
    probabilities = special.softmax(z / s.temperature)
    k = z.size
    target = np.full(k, s.label_smoothing / k)
    target[s.label] += 1 - s.label_smoothing
    return probabilities, target


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def _race_steps(kind: str, z0: float, y: int, lr: float) -> float:
    z = z0
    for step in range(200_001):
        s = _sigmoid(z)
        loss = -math.log(s) if kind == "ce" else (s - y) ** 2
        if y == 0 and kind == "ce":
            loss = -math.log(1 - s)
        if loss < 0.1:
            return float(step)
        grad = (s - y) if kind == "ce" else 2 * (s - y) * s * (1 - s)
        z -= lr * grad
    return math.inf


def _trained(step: Step, steps: int):
    """Both trainings by plain gradient descent, from closed-form gradients."""
    state = step.pages["trainings"]
    start = state.start
    z0 = np.asarray(start.logits, float)
    k = z0.size
    y = np.zeros(k)
    y[start.label] = 1.0
    t, lr = start.temperature, state.learning_rate
    out = {}
    for kind in ("ce", "se"):
        z = z0.copy()
        for _ in range(steps):
            q = special.softmax(z / t)
            if kind == "ce":
                grad = (q - y) / t
            else:
                residual = q - y
                grad = (q * (residual - np.dot(q, residual))) * 2 / t
            z = z - lr * grad
        q = special.softmax(z / t)
        out[kind] = (q, z)
    return out, y, t


def _se_gradient(step: Step):
    state = step.pages["trainings"]
    z = np.asarray(state.start.logits, float)
    y = np.zeros(z.size)
    y[state.start.label] = 1.0

    def loss(v):
        return float(np.sum((special.softmax(v / state.start.temperature) - y) ** 2))

    grad = np.zeros(z.size)
    for i in range(z.size):
        h = np.zeros(z.size)
        h[i] = 1e-6
        grad[i] = (loss(z + h) - loss(z - h)) / 2e-6
    return grad


def _fit(step: Step, index: int):
    state = step.pages["fits"]
    fit = state.fits[index]
    x = np.arange(60, dtype=float)
    sigma = math.exp(fit.log_sigma)
    q = special.softmax(-((x - fit.mu) ** 2) / (2 * sigma * sigma))
    p = np.asarray(state.peaks.target(), float)
    return p, q, fit.mu, sigma


def independent(step: Step, written: str) -> float:
    """The quantity computed without core.lesson_quantities."""
    quantity = parse_quantity(written)
    name, index = quantity.name, quantity.index
    base = _base(step)
    if "." not in name:
        p, q = _pq(step)
        probabilities, target = _softmax_and_target(step)
        with np.errstate(divide="ignore"):
            info_p, info_q = -np.log(p) / math.log(base), -np.log(q) / math.log(base)
        scalars = {
            "entropy_p": lambda: stats.entropy(p, base=base),
            "entropy_q": lambda: stats.entropy(q, base=base),
            "kl_pq": lambda: _kl(p, q, base),
            "kl_qp": lambda: _kl(q, p, base),
            "cross_entropy_pq": lambda: stats.entropy(p, base=base) + _kl(p, q, base),
            "js": lambda: distance.jensenshannon(p, q, base=base) ** 2,
            "loss": lambda: (
                float(
                    -np.sum(
                        target
                        * special.log_softmax(
                            step.scenario.logits / step.scenario.temperature
                        )
                    )
                )
                / math.log(base)
            ),
            "info_sum_p": lambda: float(np.sum(info_p[np.isfinite(info_p)])),
            "info_sum_q": lambda: float(np.sum(info_q[np.isfinite(info_q)])),
        }
        vectors = {
            "information_q": info_q,
            "information_p": info_p,
            "softmax": probabilities,
            "target": target,
            "grad": (probabilities - target) / step.scenario.temperature,
        }
        if name in scalars:
            return float(scalars[name]())
        return float(vectors[name][index])
    kind, short = name.split(".")
    if kind == "race":
        race = step.pages["race"]
        s = _sigmoid(race.z0)
        values = {
            "ce_gradient": abs(s - race.label),
            "se_gradient": abs(2 * (s - race.label) * s * (1 - s)),
            "ce_steps": _race_steps("ce", race.z0, race.label, race.learning_rate),
            "se_steps": _race_steps("se", race.z0, race.label, race.learning_rate),
        }
        return float(values[short])
    if kind == "trainings":
        state = step.pages["trainings"]
        if short == "se_grad":
            return float(_se_gradient(step)[index])
        trained, y, _t = _trained(step, state.step)
        label = int(np.argmax(y))
        return float(trained[short[:2]][0][label])
    if kind == "fits":
        direction, what = short.split("_", 1)
        p, q, mu, sigma = _fit(step, 0 if direction == "forward" else 1)
        values = {
            "sigma": sigma,
            "mu": mu,
            "kl_pq": float(np.sum(special.rel_entr(p, q))),
            "kl_qp": float(np.sum(special.rel_entr(q, p))),
        }
        return values[what]
    if kind == "batch":
        state = step.pages["batch"]
        rows = -special.log_softmax(state.logits, axis=1)[
            np.arange(state.n), state.labels
        ]
        return float(np.mean(rows)) if short == "mean" else float(rows[index])
    raise AssertionError(f"no independent value for {written}")


def _holds(claim: Claim, step: Step) -> bool:
    left = independent(step, claim.quantity.written)
    right = (
        independent(step, claim.value.written)
        if isinstance(claim.value, Quantity)
        else claim.value
    )
    if claim.op == "<":
        return left < right
    if claim.op == ">":
        return left > right
    if math.isinf(left) or math.isinf(right):
        return left == right
    return abs(left - right) <= max(claim.tolerance, 1e-12)


def _questions(lessons):
    return [
        pytest.param(step, id=f"{lesson.name}-{i}")
        for lesson, i, step in all_steps(lessons)
        if step.question is not None
    ]


@pytest.mark.parametrize("step", _questions(bundled_lessons()))
def test_every_stated_answer_is_what_the_numbers_say(step):
    question = step.question
    if isinstance(question, ChoiceQuestion):
        holding = [
            i
            for i, option in enumerate(question.options)
            if all(_holds(claim, step) for claim in option.when)
        ]
        assert holding == [question.answer]
        assert check_choice(step, question.answer).correct
        wrong = (question.answer + 1) % len(question.options)
        assert not check_choice(step, wrong).correct
    elif isinstance(question, EstimateQuestion):
        value = independent(step, question.quantity.written)
        assert question.answer == pytest.approx(value, rel=1e-3, abs=1e-3)
        assert check_estimate(step, value).correct
        assert not check_estimate(step, value + 2.5 * question.tolerance).correct
    else:
        assert isinstance(question, DragQuestion)
        assert not all(_holds(claim, step) for claim in question.goal)
        assert question.example is not None, "bundled drag tasks carry an example"
        moved = moved_state(step, question.example)
        status = drag_status(step, moved)
        assert status.done and not status.moved
        solved = _with_page_state(step, moved)
        assert all(_holds(claim, solved) for claim in question.goal)


def _with_page_state(step: Step, state) -> Step:
    if step.page == "scenario":
        return Step(step.title, step.caption, step.page, state, step.pages)
    return Step(
        step.title,
        step.caption,
        step.page,
        step.scenario,
        {**step.pages, step.page: state},
    )


def test_hand_values_of_the_course_texts(lessons):
    """A few numbers of docs/teaching.md, against the steps that state them."""
    entropy = find_lesson("information-and-entropy", lessons)
    assert entropy.steps[8].evaluation().value(
        parse_quantity("entropy_p")
    ) == pytest.approx(0.8813, abs=5e-5)
    kl = find_lesson("kl-divergence", lessons)
    value = kl.steps[4].evaluation().value
    assert value(parse_quantity("kl_pq")) == pytest.approx(0.1187, abs=5e-5)
    assert value(parse_quantity("kl_qp")) == pytest.approx(0.1258, abs=5e-5)
    batch = find_lesson("loss-and-gradient", lessons).steps[7]
    assert batch.evaluation().value(parse_quantity("batch.mean")) == pytest.approx(
        1.5229846, abs=1e-7
    )
    why = find_lesson("why-cross-entropy", lessons)
    assert why.steps[3].evaluation().value(
        parse_quantity("race.se_steps")
    ) == pytest.approx(1500, rel=0.05)


# --- round trips --------------------------------------------------------------------


def test_a_lesson_written_out_reads_back_the_same(lessons):
    for lesson in lessons:
        text = lesson_to_json(lesson)
        again = parse_lesson(text, "again.json")
        assert lesson_to_dict(again) == lesson_to_dict(lesson)
        for a, b in zip(again.steps, lesson.steps, strict=True):
            assert a.scenario == b.scenario
            for kind in b.pages:
                assert same_setup(a.pages[kind], b.pages[kind])


def test_save_is_atomic_and_refuses_an_empty_lesson(tmp_path, lessons):
    path = tmp_path / "mine.json"
    save_lesson(path, lessons[0])
    assert load_lesson(path).name == lessons[0].name
    before = path.read_bytes()
    empty = lessons[0].replace_steps([])
    with pytest.raises(LessonError, match="steps must have 1 to 200 entries"):
        save_lesson(path, empty)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["mine.json"]


def test_a_step_from_the_window_state_loads_and_saves(lessons):
    data = {
        "title": {"en": "Mine"},
        "caption": {"en": "Look."},
        "page": "scenario",
        "scenario": {
            "p_weights": [0.7, 0.3],
            "q_weights": [0.5, 0.5],
            "logits": [0.0, 0.0],
            "temperature": 1.0,
            "label": 0,
            "label_smoothing": 0.0,
            "units": "bits",
            "linked": False,
            "p_family": None,
            "q_family": None,
            "logits_follow_q": False,
        },
        "question": {
            "kind": "estimate",
            "prompt": {"en": "H(P)?"},
            "quantity": "entropy_p",
            "answer": 0.881291,
            "tolerance": 0.1,
            "why": {"en": "Because."},
        },
    }
    step = step_from_dict(data)
    lesson = Lesson("mine", localized_text("Mine", "title", 10), (step,))
    assert parse_lesson(lesson_to_json(lesson)).steps[0].question.answer == 0.881291


# --- the battery of bad files --------------------------------------------------------


def _document():
    return json.loads((ASSETS / "02-kl-divergence.json").read_text(encoding="utf-8"))


def _set(path, value):
    def change(document):
        *parents, last = path
        node = document
        for key in parents:
            node = node[key]
        if value is _DELETE:
            del node[last]
        else:
            node[last] = value

    return change


_DELETE = object()

BAD = [
    (_set(["format"], "entropy-lab-session"), "format must be"),
    (_set(["version"], 2), "version 2 is newer"),
    (_set(["name"], "Not A Name"), "name must be lower-case"),
    (_set(["extra"], 1), 'the lesson has an unknown key "extra"'),
    (_set(["title"], {"zh_CN": "KL"}), "title needs an English text (en)"),
    (_set(["title"], {"en": "KL", "de": "x"}), "title has an unknown language 'de'"),
    (_set(["title"], 7), "title must be non-empty text"),
    (_set(["steps", 0, "title", "en"], ""), "steps[0].title.en must be non-empty text"),
    (_set(["title", "en"], "<b>KL</b>"), "title.en may hold no tags"),
    (
        _set(["steps", 0, "caption", "en"], "<img src=x>"),
        "steps[0].caption.en may hold only",
    ),
    (
        _set(["steps", 0, "caption", "en"], "a &nbsp; b"),
        "steps[0].caption.en may hold only &amp;",
    ),
    (_set(["steps"], []), "steps must have 1 to 200 entries"),
    (_set(["steps", 0, "colour"], "red"), 'steps[0] has an unknown key "colour"'),
    (_set(["steps", 0, "page"], "nowhere"), "steps[0].page must be one of"),
    (
        _set(["steps", 0, "scenario", "temperature"], 25),
        "steps[0].scenario.temperature must lie in",
    ),
    (
        _set(["steps", 0, "scenario", "q_weights"], [0.5, 0.5]),
        "steps[0].scenario.q_weights has 2 entries",
    ),
    (
        _set(["steps", 0, "panels"], ["distributions", "pie"]),
        "steps[0].panels[1] must be one of",
    ),
    (
        _set(["steps", 0, "panels"], ["softmax", "softmax"]),
        'steps[0].panels[1] repeats "softmax"',
    ),
    (
        _set(["steps", 0, "highlight"], ["plot_distributions#7"]),
        "steps[0].highlight[0]",
    ),
    (_set(["steps", 0, "highlight"], ["binary_race_plot"]), 'is on the page of "race"'),
    (_set(["steps", 0, "highlight"], ["plot_information#1"]), "has no bars"),
    (
        _set(
            ["steps", 0, "pages"],
            {"race": {"z0": 30, "label": 1, "learning_rate": 1, "step": 0}},
        ),
        "steps[0].pages.race.z0 must lie in",
    ),
    (
        _set(
            ["steps", 0, "pages"],
            {
                "trainings": {
                    "learning_rate": 0.5,
                    "step": 0,
                    "start": {
                        "logits": [1.0, 0.0],
                        "label": 0,
                        "soft_target": None,
                        "temperature": 1.0,
                        "label_smoothing": 0.0,
                    },
                }
            },
        ),
        "steps[0].pages.trainings.start must be where",
    ),
    (
        _set(["steps", 1, "question", "kind"], "essay"),
        "steps[1].question.kind must be one of",
    ),
    (
        _set(["steps", 1, "question", "answer"], 1),
        "steps[1].question.answer is 1, but option 2 is right here",
    ),
    (
        _set(["steps", 1, "question", "answer"], 7),
        "steps[1].question.answer must lie in [0, 2]",
    ),
    (
        _set(["steps", 1, "question", "options", 0, "when", 0, "quantity"], "kl_zz"),
        'names no quantity: "kl_zz"',
    ),
    (
        _set(["steps", 1, "question", "options", 0, "when", 0, "quantity"], "softmax"),
        'needs an outcome, as in "softmax[0]"',
    ),
    (
        _set(
            ["steps", 1, "question", "options", 0, "when", 0, "quantity"], "softmax[9]"
        ),
        "softmax[9]: there are outcomes 0 to 3",
    ),
    (
        _set(["steps", 1, "question", "options", 0, "when", 0, "op"], "<="),
        ".op must be one of",
    ),
    (
        _set(["steps", 1, "question", "options", 1, "when", 0, "op"], "="),
        "must have one option whose claims hold, but 2 options'",
    ),
    (
        _set(["steps", 1, "question", "options", 1, "when", 0, "tolerance"], 0.1),
        "steps[1].question.options[1].when[0].tolerance goes only with",
    ),
    (
        _set(
            ["steps", 1, "question", "options"],
            [
                {
                    "text": {"en": "x"},
                    "when": [{"quantity": "kl_pq", "op": "=", "value": 0}],
                }
            ],
        ),
        "options must have 2 to 6 entries",
    ),
    (
        _set(["steps", 1, "question", "why"], _DELETE),
        'steps[1].question is missing the key "why"',
    ),
    (
        _set(["steps", 1, "question", "hide"], ["readout_kl_pq#1"]),
        "hide the whole plot",
    ),
    (
        _set(["steps", 2, "question", "goal", 0, "value"], 1.0),
        "steps[2].question.goal already holds at the start",
    ),
    (
        _set(["steps", 2, "question", "example"], {"q_weights": [0.1, 0.2, 0.3, 0.4]}),
        "steps[2].question.example does not reach the goal",
    ),
    (
        _set(
            ["steps", 2, "question", "example"], {"p_weights": [0.25, 0.25, 0.25, 0.25]}
        ),
        'steps[2].question.example has an unknown key "p_weights"',
    ),
    (
        _set(["steps", 2, "question", "only"], ["q_weights", "colour"]),
        "steps[2].question.only[1] must be one of",
    ),
    (
        _set(["steps", 2, "question", "goal", 0, "quantity"], "race.ce_loss"),
        'needs the step to set the page state "race"',
    ),
    (
        _set(["steps", 3, "question", "answer"], 0.5),
        "steps[3].question.answer is 0.5, but D(P‖Q) is 0.1187 bits here",
    ),
    (
        _set(["steps", 3, "question", "tolerance"], 0),
        "steps[3].question.tolerance must be above 0",
    ),
    (
        _set(["steps", 3, "question", "tolerance"], True),
        "steps[3].question.tolerance must be a number, got true",
    ),
    (
        _set(
            ["steps", 6, "question"],
            {
                "kind": "estimate",
                "prompt": {"en": "x"},
                "quantity": "kl_pq",
                "answer": 1,
                "tolerance": 1,
                "why": {"en": "y"},
            },
        ),
        "is infinite here",
    ),
]


@pytest.mark.parametrize(("change", "expected"), BAD, ids=[e for _, e in BAD])
def test_a_bad_lesson_is_refused_in_one_line_naming_the_field(
    tmp_path, change, expected
):
    document = copy.deepcopy(_document())
    change(document)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(LessonError) as caught:
        load_lesson(path)
    message = str(caught.value)
    assert message.startswith("bad.json: "), message
    assert "\n" not in message
    assert expected in message, message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"format": NaN}', "not valid JSON: NaN"),
        (b'{"format": "a", "format": "b"}', 'the key "format" repeats'),
        (b"\xff\xfe not text", "not UTF-8 text"),
        (b"[1, 2]", "not an Entropy Lab lesson"),
        (b"[" * 5000 + b"]" * 5000, "nested too deeply"),
        (b" " * 1_000_001, "at most 1,000,000 are read"),
    ],
)
def test_files_that_are_not_lessons(tmp_path, content, expected):
    path = tmp_path / "odd.json"
    path.write_bytes(content)
    with pytest.raises(LessonError, match=r"^odd\.json: ") as caught:
        load_lesson(path)
    assert expected in str(caught.value)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(LessonError, match=r"none\.json: cannot read"):
        load_lesson(tmp_path / "none.json")
    with pytest.raises(LessonError, match="not a regular file"):
        load_lesson(tmp_path)


# --- answers, progress, texts ------------------------------------------------------


def test_estimates_are_read_generously_and_judged_within_the_tolerance(lessons):
    step = find_lesson("information-and-entropy", lessons).steps[8]
    assert parse_estimate(" 0,88 ") == 0.88
    assert parse_estimate("−1.5") == -1.5
    for bad in ("", "abc", "inf", "nan"):
        with pytest.raises(ValueError):
            parse_estimate(bad)
    value = 0.7 * math.log2(1 / 0.7) + 0.3 * math.log2(1 / 0.3)
    assert check_estimate(step, value + 0.05).correct  # the border counts
    assert check_estimate(step, value - 0.05).correct
    assert not check_estimate(step, value + 0.0501).correct
    verdict = check_estimate(step, 0.5)
    assert not verdict.correct and "0.8813 bits" in verdict.answer


def test_a_drag_that_moves_another_field_is_not_done(lessons):
    step = find_lesson("kl-divergence", lessons).steps[2]
    both = moved_state(step, {"q_weights": [0.4, 0.3, 0.2, 0.1]})
    assert drag_status(step, both).done
    cheat = both.replace(p_weights=np.array([0.25, 0.25, 0.25, 0.25]))
    status = drag_status(step, cheat)
    assert not status.done and status.moved == ("p_weights",)
    assert "D(P‖Q) =" in status.now


def test_progress_keeps_the_first_answer_and_reads_back(lessons):
    lesson = lessons[0]
    progress = (
        Progress()
        .with_answer(2, True)
        .with_answer(2, False)
        .with_answer(1, False)
        .at(5)
    )
    assert progress.answers == ((1, False), (2, True))
    assert progress.correct == 1 and progress.verdict(2) is True
    assert parse_progress(progress_to_json(progress), lesson) == progress
    for bad in (
        '{"step": 99, "answers": {}}',
        '{"step": 0, "answers": {"0": true}}',  # step 0 asks nothing
        '{"step": 0, "answers": {"1": "yes"}}',
        '{"step": "0", "answers": {}}',
        "[]",
        "nonsense",
    ):
        with pytest.raises(ValueError):
            parse_progress(bad, lesson)


def test_an_answer_shown_unanswered_counts_as_not_right_and_is_told_apart(lessons):
    lesson = lessons[0]
    asked = lesson.questions
    progress = Progress().with_answer(asked[0], False).with_peek(asked[1]).at(3)
    assert progress.verdict(asked[1]) is False and progress.correct == 0
    assert progress.peeked_at(asked[1]) and not progress.peeked_at(asked[0])
    assert progress.with_peek(asked[0]) == progress  # answered already
    back = parse_progress(progress_to_json(progress), lesson)
    assert back == progress and back.peeked == (asked[1],)
    # Older progress has no "peeked": it reads as before.
    assert parse_progress('{"step": 0, "answers": {}}', lesson) == Progress()
    for bad in (
        f'{{"step": 0, "answers": {{"{asked[0]}": true}}, "peeked": [{asked[0]}]}}',
        f'{{"step": 0, "answers": {{}}, "peeked": [{asked[0]}]}}',
        f'{{"step": 0, "answers": {{"{asked[0]}": false}}, "peeked": "x"}}',
    ):
        with pytest.raises(ValueError, match="peeked"):
            parse_progress(bad, lesson)


def test_texts_fall_back_to_english():
    text = localized_text({"zh_CN": "熵", "en": "Entropy"}, "title", 10)
    assert text.get("zh_CN") == "熵"
    assert text.get("en") == "Entropy"
    assert text_dict(text) == {"en": "Entropy", "zh_CN": "熵"}
    assert list(text_dict(text)) == ["en", "zh_CN"]
    assert text_dict(localized_text("Plain", "title", 10)) == {"en": "Plain"}


def test_names_for_new_lessons():
    assert lesson_name_for("My KL lesson!") == "my-kl-lesson"
    assert lesson_name_for("熵") == "my-lesson"


def test_quantities_and_targets_are_checked_by_name():
    assert set(QUANTITIES) >= {
        "kl_pq",
        "softmax",
        "race.se_steps",
        "fits.reverse_sigma",
        "batch.mean",
    }
    for bad in ("", "kl_pq[0]", "race", "1kl", "a" * 100):
        with pytest.raises(ValueError):
            parse_quantity(bad)
    assert parse_target("plot_softmax#2", 3).bar == 2
    assert parse_target("p_slider_1", 2).kind == "scenario"
    with pytest.raises(ValueError, match="no slider 2"):
        parse_target("p_slider_2", 2)
    with pytest.raises(ValueError, match="names no element"):
        parse_target("main_window", 2)


def test_step_counts_in_answers_are_whole_numbers():
    """ "1,511 steps > 100", never "1511.0000 steps > 100.0000" (a misleading digit)."""
    import re

    found = []
    for entry in bundled_entries():
        for step in load_bundled(entry.file).steps:
            if step.question is None:
                continue
            answer = right_answer(step)
            if re.search(r"\d\.\d+ steps|\.0000 steps|> 100\.0", answer):
                found.append(answer)
            # A threshold as the lesson wrote it (0.66), not as if computed.
            if re.search(r"[<>] −?\d+\.\d*0\b", answer):
                found.append(answer)
    assert not found, found
    # At least one answer does speak of steps, so the check can fail.
    answers = [
        right_answer(step)
        for entry in bundled_entries()
        for step in load_bundled(entry.file).steps
        if step.question is not None
    ]
    assert any(re.search(r"\b1,\d{3} steps", answer) for answer in answers)


def test_a_revealed_answer_is_written_in_the_language_in_use():
    """The quantities, their units and the option in Chinese, not in English."""
    import re

    from core.i18n import uninstall, use_bundled_catalogue

    step = next(
        step
        for entry in bundled_entries()
        for step in load_bundled(entry.file).steps
        if step.question is not None and "steps" in right_answer(step)
    )
    english = right_answer(step)
    use_bundled_catalogue("zh_CN")
    try:
        chinese = right_answer(step)
    finally:
        uninstall()
    assert re.search(r"[\u4e00-\u9fff]", chinese)
    assert not re.search(r"\b(steps|needs|loss|of the)\b", chinese), chinese
    assert re.findall(r"[\d,]+", english) == re.findall(r"[\d,]+", chinese)
    assert right_answer(step) == english  # and back


def test_two_bounds_on_one_quantity_name_it_and_its_value_once():
    """A lecturer reads the answer aloud: the quantity once, then its bounds."""
    entry = next(e for e in bundled_entries() if e.name == "why-cross-entropy")
    answers = [
        right_answer(step)
        for step in load_bundled(entry.file).steps
        if step.question is not None
    ]
    bounded = [a for a in answers if " and < " in a]
    assert bounded, answers
    for answer in bounded:
        assert answer.count("steps squared error needs") == 1, answer
        assert "1,511 steps, > 100 and < 10,000" in answer


def test_no_lesson_puts_every_right_option_in_the_same_place() -> None:
    # 16 of 24 right options were the first, and in two lessons all of
    # them: a student learned "pick A" instead of the claim.
    from core.lessons import ChoiceQuestion, bundled_entries, load_bundled

    answers = []
    for entry in bundled_entries():
        lesson = load_bundled(entry.file)
        here = [
            step.question.answer
            for step in lesson.steps
            if isinstance(step.question, ChoiceQuestion)
        ]
        if len(here) >= 3:
            assert len(set(here)) > 1, entry.name
        answers += here
    assert max(answers.count(a) for a in set(answers)) <= 0.6 * len(answers)


def test_a_claim_between_two_values_that_read_alike_shows_the_digits_apart():
    # "D(P‖Q) = 2.885×10⁻¹⁴ bits > D(Q‖P) = 2.885×10⁻¹⁴ bits" read as false.
    from core.lesson_quantities import Claim, Evaluation, parse_quantity
    from core.scenario import Scenario

    near = Scenario(  # D(P‖Q) and D(Q‖P) alike to 7 digits, not equal
        p_weights=[0.2, 0.3, 0.5],
        q_weights=[0.2 + 1e-7, 0.3 - 2e-7, 0.5 + 1e-7],
        logits=[0.0, 0.0, 0.0],
    )
    evaluation = Evaluation(near, {})
    pq, qp = parse_quantity("kl_pq"), parse_quantity("kl_qp")
    low, high = sorted((pq, qp), key=evaluation.value)
    said = Claim(high, ">", low).describe(evaluation)
    left, right = (side.split(" = ")[1] for side in said.split(" > "))
    assert left != right, said
    assert float(left.split()[0].replace("−", "-")) > float(
        right.split()[0].replace("−", "-")
    )
    plain = Claim(pq, "<", parse_quantity("entropy_p")).describe(evaluation)
    assert "×10" in plain or "bits" in plain  # other claims as readouts show them


# --- a drag task written in the window gets an example, or is refused ---------------


def _authored_drag(quantity: str, op: str, value: float, only: tuple[str, ...]):
    from core.lesson_authoring import QuestionSpec, StepSpec, authored_step
    from core.lessons import state_dict
    from core.scenario import default_scenario

    question = QuestionSpec(
        kind="drag", prompt="Drag", why="Because.", quantities=(quantity,),
        op=op, value=value, only=only,
    )  # fmt: skip
    spec = StepSpec(
        title="T", caption="C", page="scenario",
        scenario=state_dict("scenario", default_scenario()), question=question,
    )  # fmt: skip
    return authored_step(spec)


@pytest.mark.parametrize(
    ("quantity", "op", "value", "only"),
    [
        ("kl_pq", "<", 0.05, ("q_weights",)),
        ("kl_pq", "=", 0.0, ("q_weights",)),  # Q := P, which no random draw hits
        ("entropy_p", ">", 1.999, ("p_weights",)),  # uniform: 2 bits
        ("softmax[0]", ">", 0.99, ("temperature",)),
        ("loss", "<", 0.5, ("logits",)),
        ("loss", "<", 0.5, ("logits", "temperature", "label")),
    ],
)
def test_a_drag_written_in_the_window_carries_an_example_that_reaches_it(
    quantity, op, value, only
):
    step = _authored_drag(quantity, op, value, only)
    question = step.question
    assert isinstance(question, DragQuestion) and question.example is not None
    assert set(question.example) <= set(only)
    moved = moved_state(step, question.example)
    evaluation = Evaluation(moved, step.pages)
    assert all(claim.holds(evaluation) for claim in question.goal)
    # It is kept as a file's example: the saved lesson loads with it.
    lesson = Lesson("mine", localized_text("Mine", "title", 10), (step,))
    again = parse_lesson(lesson_to_json(lesson)).steps[0].question
    assert dict(again.example) == dict(question.example)


def test_a_minimum_no_grid_hits_is_found_by_the_search():
    # Label smoothing 0.5: the lowest loss, 1.5488 bits, is at logits = log y
    # (up to a constant); "loss < 1.5988" was refused as out of reach.
    from core.lesson_authoring import QuestionSpec, StepSpec, authored_step
    from core.lessons import state_dict
    from core.scenario import default_scenario

    scenario = {**state_dict("scenario", default_scenario()), "label_smoothing": 0.5}

    def drag(value):
        question = QuestionSpec(
            kind="drag", prompt="Drag", why="Because.", quantities=("loss",),
            op="<", value=value, only=("logits",),
        )  # fmt: skip
        spec = StepSpec(
            title="T", caption="C", page="scenario", scenario=scenario,
            question=question,
        )  # fmt: skip
        return authored_step(spec)

    step = drag(1.5988)
    assert step.evaluation().value(parse_quantity("loss")) > 1.5988  # from above
    moved = moved_state(step, step.question.example)
    assert evaluate(moved).loss < 1.5988
    with pytest.raises(SessionError, match="out of reach"):
        drag(1.548)  # below the minimum


def test_an_equality_a_search_only_comes_near_is_kept_without_an_example():
    step = _authored_drag("entropy_p", "=", 1.0, ("p_weights",))  # P = [½, ½, 0, 0]
    assert isinstance(step.question, DragQuestion) and step.question.example is None


@pytest.mark.parametrize(
    ("quantity", "op", "value", "only"),
    [
        ("entropy_p", ">", 3.0, ("p_weights",)),  # four outcomes: at most 2 bits
        ("kl_pq", "<", 0.0, ("q_weights",)),  # never negative
        ("kl_pq", "<", 1e-9, ("logits", "temperature")),  # Q is not the softmax
    ],
)
def test_a_drag_out_of_reach_is_refused_naming_its_fields(quantity, op, value, only):
    # H(P) > 3 bits with four outcomes loaded, and a student dragged in vain.
    with pytest.raises(SessionError, match="out of reach") as refused:
        _authored_drag(quantity, op, value, only)
    assert ", ".join(only) in str(refused.value)


def test_a_met_equality_is_said_once(lessons):
    # "Infinite (D(P‖Q) = ∞ bits = ∞)" and "Exactly 0 (D(P‖Q) = 0 bits = 0)".
    kl = next(lesson for lesson in lessons if lesson.name == "kl-divergence")
    assert right_answer(kl.steps[6]).endswith("(D(P‖Q) = ∞ bits)")
    assert right_answer(kl.steps[1]).endswith("(D(P‖Q) = 0 bits)")


def test_an_answer_keeps_back_a_later_number_under_another_name():
    # While Q is the softmax, q[0] is softmax[0]: "rises (q of outcome 0 =
    # 0.8638 > 0.66)" would answer the next step's "Estimate class 0's
    # probability" (softmax[0]) by the number, not by the name.
    document = json.loads(
        (ASSETS / "04-softmax-and-temperature.json").read_text(encoding="utf-8")
    )
    step = document["steps"][3]
    step["scenario"]["linked"] = True
    for option in step["question"]["options"]:
        for claim in option["when"]:
            claim["quantity"] = "q[0]"
    lesson = parse_lesson(json.dumps(document), "linked.json")
    here = lesson.steps[3]
    asked = asked_ahead(lesson.steps, 3, lambda _: False, [here.state(here.page)])
    assert asked == {"softmax[0]"}
    assert "0.8638" in right_answer(here)  # the number the next step asks
    assert "0.8638" not in right_answer(here, asked)


def test_a_race_played_faster_is_still_the_steps_race() -> None:
    # The speed became part of the race's state: 20 steps a frame read as
    # "You are exploring: the window differs from the step".
    from core.race import advance_race, restart_race, start_race, with_speed

    step = start_race(-8.0, 1, 1.0)
    faster = advance_race(with_speed(step, 20), 40)
    assert same_setup(faster, step)
    assert not same_setup(restart_race(faster, z0=-4.0), step)  # a setting moved
