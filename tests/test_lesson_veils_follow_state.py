"""A question's veils follow the explorer's state while the question is open.

Where Q shows the softmax depends on the window, not on the lesson file:
linked, Q is softmax(z/T), so its readouts, its bars and its handles give a
softmax question away; with the logits = log Q, Q is the softmax only at
T = 1 and at any other T is what the softmax is made from (an input the
reader needs). The reader may tick either box, or move T, while a question
is open: the veils are worked out again each time, and stay until the
numbers on screen no longer show the answer.
"""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from core.lesson_quantities import (
    UNIT_TEMPERATURE_TOLERANCE,
    parse_quantity,
    q_handles_show_q,
    q_is_softmax,
)
from core.lessons import (
    bundled_entries,
    default_hide,
    load_bundled,
    parse_lesson,
    veiled_now,
)
from core.scenario import Scenario
from tests.test_lesson_leaks import numbers_near, shown_texts
from viz.lesson_marks import Veil

SOFTMAX_0 = 0.8638  # softmax([2, 1, 0.1] / 0.5)[0]: step 4 of the softmax lesson
Q_VIEWS = [f"q_value_{i}" for i in range(3)] + ["plot_distributions"]
HANDLES = [f"q_slider_{i}" for i in range(3)]


def _softmax_lesson():
    entry = next(e for e in bundled_entries() if e.name == "softmax-and-temperature")
    return load_bundled(entry.file)


def veiled(window) -> set[str]:
    return {
        v.target.objectName()
        for v in window.findChildren(Veil)
        if v.isVisibleTo(v.target) and v.parent() is not None
    }


def settle(qtbot, window):
    for store in window.stores.values():
        if store.pending:
            store.derive_now()
    qtbot.wait(1)


def _ask_softmax(window, qtbot):
    """Step 4 of the softmax lesson: "estimate softmax[0]" at T = 0.5."""
    window.lessons.start(_softmax_lesson(), 3, remember=False)
    settle(qtbot, window)
    assert window.store.state.temperature == 0.5


def _q_readout(window, index: int) -> str:
    return window.explorer.controls.q_sliders.readout(index).text()


# --- in the window ------------------------------------------------------------


def test_linking_q_during_a_softmax_question_veils_q_s_readouts_bars_and_handles(
    window, qtbot
):
    _ask_softmax(window, qtbot)
    assert veiled(window).isdisjoint(Q_VIEWS + HANDLES)  # Q is set on its own
    window.explorer.controls.loss.link.click()
    assert window.store.state.linked
    assert set(Q_VIEWS + HANDLES) <= veiled(window)  # before a number is redrawn
    settle(qtbot, window)
    assert "0.864" in _q_readout(window, 0)  # what the veil covers: the answer
    assert set(Q_VIEWS + HANDLES) <= veiled(window)
    assert numbers_near(shown_texts(window), SOFTMAX_0) == []


def test_unlinking_uncovers_q_once_its_numbers_are_q_s_own_again(window, qtbot):
    _ask_softmax(window, qtbot)
    link = window.explorer.controls.loss.link
    link.click()
    settle(qtbot, window)
    link.click()
    assert not window.store.state.linked
    # The readouts still say the softmax until the next derive: still veiled.
    assert set(Q_VIEWS) <= veiled(window)
    settle(qtbot, window)
    assert veiled(window).isdisjoint(Q_VIEWS + HANDLES)
    assert "0.864" not in _q_readout(window, 0)
    assert {"plot_softmax", "logit_value_0"} <= veiled(window)  # as the step had


def test_answering_leaves_the_next_question_s_answer_veiled_linked_or_not(
    window, qtbot
):
    # Step 4 asks for softmax[0] at T = 0.5 unlinked. Linked, Q is that
    # softmax too: answering step 3 while linked uncovered its own veils
    # and left 0.864 beside Q's slider, in Q's bar and in the softmax plot.
    _ask_softmax(window, qtbot)
    controller = window.lessons
    next_step = controller.lesson.steps[controller.index + 1]
    next_hide = {t.name for t in next_step.question.hide}
    window.explorer.controls.loss.link.click()
    settle(qtbot, window)
    controller.reveal()
    assert window.store.state == next_step.state("scenario").replace(linked=True)
    assert veiled(window) == next_hide | set(Q_VIEWS + HANDLES) | {"formulas_panel"}
    assert numbers_near(shown_texts(window), SOFTMAX_0) == []
    window.explorer.controls.loss.link.click()
    settle(qtbot, window)
    # Unlinked, the window is back in the state of the next step: only that
    # question's veils remain, and Q, its own again, shows.
    assert next_step.state("scenario") == window.store.state
    assert veiled(window) == next_hide | {"formulas_panel"}
    assert numbers_near(shown_texts(window), SOFTMAX_0) == []


def test_a_later_question_on_other_numbers_is_not_veiled_by_linking():
    # Linked or not, a question about D(P‖Q) is asked of its own Q: linking
    # Q to the softmax shows other numbers, and nothing of it is veiled.
    from core.lessons import veiled_ahead

    lesson = next(
        load_bundled(e.file) for e in bundled_entries() if e.name == "kl-divergence"
    )
    steps = lesson.steps
    index = next(
        i
        for i, step in enumerate(steps)
        if veiled_ahead(steps, i, lambda _: False, [step.scenario])
    )
    here = steps[index].scenario
    linked = here.replace(linked=not here.linked)
    assert veiled_ahead(steps, index, lambda _: False, [linked]) == ()


def _follow_lesson(temperature: float) -> str:
    """One step: logits = log Q, Q = [0.6, 0.3, 0.1], asks softmax[0] at T."""
    q = np.array([0.6, 0.3, 0.1])
    answer = float(q[0] ** (1 / temperature) / np.sum(q ** (1 / temperature)))
    step = {
        "title": {"en": "Log Q", "zh_CN": "Log Q"},
        "caption": {"en": "z = log Q.", "zh_CN": "z = log Q。"},
        "page": "scenario",
        "scenario": {
            "p_weights": [1.0, 1.0, 1.0],
            "q_weights": q.tolist(),
            "logits": [0.0, 0.0, 0.0],
            "logits_follow_q": True,
            "temperature": temperature,
        },
        "panels": ["distributions", "softmax", "controls", "readouts"],
        "question": {
            "kind": "estimate",
            "prompt": {"en": "softmax[0]?", "zh_CN": "softmax[0]？"},
            "quantity": "softmax[0]",
            "answer": answer,
            "tolerance": 0.02,
            "why": {"en": "q^(1/T), normalised.", "zh_CN": "q^(1/T)，归一化。"},
        },
    }
    lesson = {
        "format": "entropy-lab-lesson",
        "version": 1,
        "name": "follow-q",
        "title": {"en": "Log Q", "zh_CN": "Log Q"},
        "summary": {"en": "One step.", "zh_CN": "一步。"},
        "steps": [step],
    }
    return json.dumps(lesson)


def test_logits_of_log_q_at_another_temperature_leave_q_in_view(window, qtbot):
    # softmax(log Q / 2) is √q normalised: 0.4727 for class 0; Q (0.600) is
    # what it is made from, the question's input, and stays in view.
    lesson = parse_lesson(_follow_lesson(2.0), "follow.json")
    window.lessons.start(lesson, 0, remember=False)
    settle(qtbot, window)
    assert _q_readout(window, 0) == "0.600"
    assert veiled(window).isdisjoint(Q_VIEWS + HANDLES)
    assert {"plot_softmax", "logit_value_0", "logit_value_2"} <= veiled(window)
    assert numbers_near(shown_texts(window), 0.4727) == []


def test_logits_of_log_q_at_t_1_veil_q_and_another_t_uncovers_it(window, qtbot):
    lesson = parse_lesson(_follow_lesson(2.0), "follow.json")
    window.lessons.start(lesson, 0, remember=False)
    settle(qtbot, window)
    window.store.update(temperature=1.0)  # Q is now the softmax itself
    settle(qtbot, window)
    assert set(Q_VIEWS) <= veiled(window)
    assert veiled(window).isdisjoint(HANDLES)  # Q's weights, which set z
    window.store.update(temperature=3.0)
    settle(qtbot, window)
    assert veiled(window).isdisjoint(Q_VIEWS + HANDLES)


def test_fewer_and_more_outcomes_keep_the_readouts_veiled_and_reveal_clean(
    window, qtbot
):
    _ask_softmax(window, qtbot)
    explorer = window.explorer
    explorer.set_outcome_count(2)  # deletes row 2 and the veil on it
    settle(qtbot, window)
    explorer.set_outcome_count(3)  # a new row 2 with the same name
    settle(qtbot, window)
    assert {"logit_value_0", "logit_value_1", "logit_value_2"} <= veiled(window)
    window.lessons.reveal()
    assert veiled(window) == set()


# --- in the core ------------------------------------------------------------


@pytest.mark.parametrize(
    ("linked", "follow", "temperature", "softmax", "handles"),
    [
        (False, False, 1.0, False, False),  # Q set on its own
        (True, False, 0.5, True, True),  # Q = softmax(z/T), handles at Q
        (True, True, 3.0, True, False),  # handles at Q's weights, which set z
        (False, True, 1.0, True, False),  # softmax(log Q) = Q
        (False, True, 1.0 + 1e-12, True, False),  # the log slider's 1
        (False, True, 1.0 + 2 * UNIT_TEMPERATURE_TOLERANCE, False, False),
        (False, True, 2.0, False, False),  # Q is the input of the softmax
    ],
)
def test_where_q_is_the_softmax(linked, follow, temperature, softmax, handles):
    scenario = Scenario(
        p_weights=[1.0, 1.0],
        q_weights=[0.7, 0.3],
        logits=[1.0, 0.0],
        temperature=temperature,
        linked=linked,
        logits_follow_q=follow,
    )
    assert q_is_softmax(scenario) is softmax
    assert q_handles_show_q(scenario) is handles


def test_a_linked_step_s_hide_leaves_q_to_the_state_on_show():
    step = _softmax_lesson().steps[3]
    asked = [parse_quantity("softmax[0]")]
    linked = step.scenario.replace(linked=True)
    step_linked = dataclasses.replace(step, scenario=linked)
    static = [t.name for t in default_hide(step_linked, asked)]
    softmax_views = [
        "plot_softmax",
        "logit_value_0",
        "logit_value_1",
        "logit_value_2",
        "plot_gradient",
        "readout_loss",
        "plot_loss_curve",
    ]
    assert static == softmax_views
    now = [t.name for t in veiled_now(step, [linked])]
    assert now == [
        *softmax_views,
        *Q_VIEWS[:3],
        *HANDLES,
        "plot_distributions",
    ]
    assert [t.name for t in veiled_now(step, [step.scenario])] == static
    # Either of the two states (the one set, the one on screen) veils.
    assert {t.name for t in veiled_now(step, [step.scenario, linked])} >= set(Q_VIEWS)
