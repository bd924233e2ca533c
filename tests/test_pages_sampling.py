"""The Sampling lab through its real widgets, its store, the explorer and the window.

The page draws from the explorer's P and Q, its controls write its store,
the store moves the controls (signals blocked), the views show the core's
numbers, Play draws at the rate chosen by the clock (a fake clock here: no
timed assertions), a run is one undo step, and sessions keep the run.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pyqtgraph as pg
import pytest
from chinese import assert_chinese, in_chinese
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QSpinBox

from core import Family
from core.numbers import parse_shown
from core.ranges import LAB_RATES
from core.sampling import QUANTITIES, samples_due
from core.sampling_lab import (
    advance_sampling_lab,
    derive_sampling_lab,
    start_sampling_lab,
)
from viz.pages.common import number_text
from viz.pages.lab_plots import INFINITY_MARK_PX
from viz.pages.sampling import SamplingPage, cell_texts

#: Built before the shared window is handed out (tests/window_reuse.py).
SHARED_WINDOW_PAGES = ("sampling",)


@pytest.fixture
def labs(window):
    """The window's sampling store (made with the window, before the page)."""
    return window.stores["sampling"]


@pytest.fixture
def page(window, labs, qtbot):
    window.show_panel("sampling")
    page = window.pages["sampling"]
    assert isinstance(page, SamplingPage) and page.store is labs
    settle(qtbot, window)
    return page


def settle(qtbot, window):
    """Let the explorer evaluate, the page follow it, and the lab derive."""
    explorer, labs = window.store, window.stores["sampling"]
    qtbot.waitUntil(
        lambda: (
            not explorer.pending
            and not labs.pending
            and labs.results_state is labs.state
        )
    )


def child(page, cls, name):
    widget = page.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name}"
    return widget


def click(qtbot, page, name):
    qtbot.mouseClick(child(page, QPushButton, name), Qt.MouseButton.LeftButton)


def cell(page, name, column):
    return child(page, QLabel, f"sampling_{name}_{column}").text()


class FakeClock:
    """Seconds that pass only when a test says so."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def tick(page, clock, seconds):
    """One frame, ``seconds`` after the last one."""
    clock.now += seconds
    page._tick()


# P and Q come from the explorer ---------------------------------------------------


def test_draws_from_the_explorers_p_and_q_without_an_undo_step(window, page, labs):
    results = window.store.results
    assert labs.state.p == tuple(results.p.tolist())
    assert labs.state.q == tuple(results.q.tolist())
    assert labs.state.count == 0 and not labs.can_undo
    assert "K = 4 outcomes" in child(page, QLabel, "sampling_source").text()


def test_a_changed_explorer_starts_a_new_run_and_undo_brings_the_old_back(
    window, page, labs, store, qtbot
):
    labs.set_state(advance_sampling_lab(labs.state, 500))
    window.show_panel("explorer")
    store.update(q_weights=np.array([0.1, 0.2, 0.3, 0.4]))
    settle(qtbot, window)
    assert labs.state.count == 500  # hidden: nothing happens yet
    window.show_panel("sampling")
    settle(qtbot, window)
    assert labs.state.q == tuple(store.results.q.tolist()) and labs.state.count == 0
    window.actions_by_name["undo"].trigger()
    assert labs.state.count == 500 and labs.state.q != tuple(store.results.q.tolist())


def show_5000_outcomes(store):
    """The explorer in family mode at K = 5,000: more than a lab draws from."""
    store.update(
        p_family=Family("zipf", 5_000, {"exponent": 1.1}),
        q_family=Family("uniform", 5_000, {}),
        logits_follow_q=True,
    )


def test_too_many_outcomes_are_explained_and_change_nothing(
    window, page, labs, store, qtbot
):
    before = labs.state
    show_5000_outcomes(store)
    settle(qtbot, window)
    problem = child(page, QLabel, "sampling_problem")
    assert problem.isVisible() and "5,000 outcomes" in problem.text()
    assert "at most 1,024" in problem.text()
    assert labs.state is before
    store.update(p_family=None, q_family=None, logits_follow_q=False)
    settle(qtbot, window)
    assert not problem.isVisible()


def test_the_explanation_follows_a_change_of_language(window, page, store, qtbot):
    """It stayed in the language it was first written in."""
    show_5000_outcomes(store)
    settle(qtbot, window)
    problem = child(page, QLabel, "sampling_problem")
    english = problem.text()
    with in_chinese():
        assert problem.isVisible() and "5,000" in problem.text()
        assert_chinese(problem.text())
    assert problem.text() == english
    store.update(p_family=None, q_family=None, logits_follow_q=False)
    settle(qtbot, window)


def test_an_explorer_that_cannot_be_evaluated_is_explained_in_words(
    window, page, store, qtbot
):
    """The lab quoted the core: "q_weights is all zero", English in Chinese."""
    before = window.stores["sampling"].state
    store.update(q_weights=np.zeros(4))
    qtbot.waitUntil(lambda: store.error is not None)
    problem = child(page, QLabel, "sampling_problem")
    assert problem.text() == (
        "The Explorer's P and Q cannot be evaluated: Q is all zero: at least one "
        "weight must be positive. Raise one of its sliders above zero. Showing the "
        "last P and Q."
    )
    with in_chinese():
        assert_chinese(problem.text())
    assert window.stores["sampling"].state is before
    store.undo()
    settle(qtbot, window)
    assert not problem.isVisible()


# play, pause, step, reset -----------------------------------------------------------


def test_draw_one_play_pause_and_reset_through_the_buttons(window, page, labs, qtbot):
    click(qtbot, page, "sampling_step_button")
    assert labs.state.count == 1 and not page.playing
    click(qtbot, page, "sampling_play_button")
    assert page.playing and page.timer.isActive()
    assert "Pause" in child(page, QPushButton, "sampling_play_button").text()
    qtbot.waitUntil(lambda: labs.state.count >= 3, timeout=10_000)
    click(qtbot, page, "sampling_play_button")
    assert not page.playing and not page.timer.isActive()
    drawn = labs.state.count
    click(qtbot, page, "sampling_reset_button")
    assert labs.state.count == 0 and labs.state.p == tuple(window.store.results.p)
    window.actions_by_name["undo"].trigger()  # reset is one step
    assert labs.state.count == drawn
    window.actions_by_name["undo"].trigger()  # the whole run is one step
    assert labs.state.count == 1
    window.actions_by_name["undo"].trigger()  # Draw 1
    assert labs.state.count == 0
    settle(qtbot, window)
    assert "no draws yet" in cell(page, "information_p", "mean")


@pytest.mark.parametrize("rate", LAB_RATES)
def test_play_draws_at_the_rate_by_the_clock(window, page, labs, rate, monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(page, "clock", clock)
    child(page, QComboBox, "sampling_rate_combo").setCurrentIndex(LAB_RATES.index(rate))
    assert labs.state.rate == rate
    page.play()
    tick(page, clock, 0.0)  # the first frame starts the clock
    assert labs.state.count == 0
    frames = [0.016, 0.017, 0.25, 0.016, 1.0]
    expected, carried = 0, 0.0
    for seconds in frames:
        tick(page, clock, seconds)
        due, carried = samples_due(rate, seconds, carried)
        expected += due
        assert labs.state.count == expected
    assert expected == math.floor(rate * sum(frames) + 1e-9)
    page.pause()
    assert not page.timer.isActive()


def test_one_draw_per_second_draws_once_in_a_second_of_frames(
    window, page, labs, monkeypatch
):
    clock = FakeClock()
    monkeypatch.setattr(page, "clock", clock)
    page.set_rate(1)
    page.play()
    tick(page, clock, 0.0)
    for _ in range(3):
        tick(page, clock, 0.25)
    assert labs.state.count == 0
    tick(page, clock, 0.25)
    assert labs.state.count == 1
    page.pause()


def test_the_controls_follow_the_store_without_writing_back(window, page, labs, qtbot):
    changed = []
    labs.state_changed.connect(changed.append)
    labs.set_state(start_sampling_lab(labs.state.p, labs.state.q, 42, "nats", 10_000))
    assert len(changed) == 1  # the controls moved without writing back
    assert child(page, QSpinBox, "sampling_seed_spin").value() == 42
    assert child(page, QComboBox, "sampling_units_combo").currentText() == "nats"
    assert child(page, QComboBox, "sampling_rate_combo").currentData() == 10_000
    child(page, QSpinBox, "sampling_seed_spin").setValue(7)
    assert labs.state.seed == 7 and labs.state.count == 0
    child(page, QComboBox, "sampling_units_combo").setCurrentIndex(0)
    assert labs.state.units == "bits"
    window.actions_by_name["undo"].trigger()
    assert labs.state.units == "nats"
    settle(qtbot, window)
    assert "(nats)" in page.table.headers[2].text()


# the numbers are the core's -------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_the_page_shows_the_cores_estimates_and_they_converge(
    window, page, labs, qtbot, seed
):
    window.store.update(
        p_weights=np.array([0.6, 0.25, 0.1, 0.05]),
        q_weights=np.array([0.3, 0.3, 0.2, 0.2]),
    )
    settle(qtbot, window)
    page.set_seed(seed)
    labs.set_state(page.advanced(labs.state, 20_000))
    settle(qtbot, window)
    expected = derive_sampling_lab(labs.state).sampling
    for estimate in expected.estimates:
        for column, text in cell_texts(estimate, "bits").items():
            assert cell(page, estimate.name, column) == text
        assert number_text(estimate.mean) in cell(page, estimate.name, "mean")
        # Within 4 standard errors of what the mean converges to.
        assert abs(estimate.mean - estimate.expected) <= 4 * estimate.standard_error
    plots = page.plots
    for row, mean in enumerate(plots.means_p.means):
        np.testing.assert_array_equal(mean.line.yData, expected.history_means[row])
    np.testing.assert_array_equal(
        plots.recent_q.points[0].yData, expected.recent_values[3]
    )
    shares = plots.p_share.yData
    np.testing.assert_array_equal(shares, expected.counts_p / 20_000)


def test_the_estimators_are_labelled_as_estimates_of_d_q_p(window, page, labs, qtbot):
    labs.set_state(page.advanced(labs.state, 100))
    settle(qtbot, window)
    for name in ("k1", "k2", "k3"):
        assert cell(page, name, "exact").startswith("D(Q‖P) = ")
    assert "x drawn from <b>Q</b>" in child(page, QLabel, "sampling_note").text()
    assert "estimate D(Q‖P)" in child(page, QLabel, "sampling_note").text()
    assert cell(page, "k1", "bias") == "0 (unbiased)"
    assert cell(page, "k2", "bias").startswith("+")
    title = page.plots.plot("means_q").titleLabel.text
    assert "D(Q‖P)" in title


def test_q_missing_an_outcome_shows_infinity_and_why_never_nan(
    window, page, labs, store, qtbot
):
    store.update(q_weights=np.array([0.5, 0.0, 0.25, 0.25]))
    settle(qtbot, window)
    assert cell(page, "information_q", "exact").startswith("H(P,Q) = ∞ (Q = 0 where")
    assert "at outcome 1" in cell(page, "log_ratio", "exact")
    assert cell(page, "information_q", "bias") == "none defined (∞)"
    labs.set_state(page.advanced(labs.state, 2_000))
    settle(qtbot, window)
    assert labs.state.run.counts_p[1] > 0
    assert cell(page, "information_q", "mean") == "∞: drew outcome 1, where q = 0"
    assert math.isfinite(labs.results.sampling.estimate("information_p").mean)
    for label in page.findChildren(QLabel):
        assert "nan" not in label.text().lower(), label.objectName()
    line = page.plots.means_p.means[1].line
    assert np.isfinite(line.yData).all()  # the infinite part is an ∞ mark
    assert page.plots.means_p.means[1].infinite.data.size == 1


def test_what_to_look_at_says_k3_is_biased_while_q_misses_an_outcome(
    window, page, labs, store, qtbot
):
    # "k3 is unbiased" stood above a k3 row whose bias read −0.1443, and
    # "make Q miss an outcome" was offered beside a Q that already did.
    assert "k3 is unbiased" in page.look.text()
    store.update(q_weights=np.array([0.5, 0.0, 0.25, 0.25]))
    settle(qtbot, window)
    look = page.look.text()
    assert "Here Q misses an outcome of P" in look
    assert "k3 is unbiased" not in look and "make Q miss" not in look
    assert labs.results.sampling.estimate("k3").bias < 0  # what it says
    store.update(q_weights=np.array([0.25, 0.25, 0.25, 0.25]))
    settle(qtbot, window)
    assert "k3 is unbiased" in page.look.text()


def test_k3s_shortfall_is_said_in_the_units_on_show(window, page, labs, store, qtbot):
    # "falls short of D(Q‖P) by P's mass there" beside a bias of −0.1443
    # bits: P's mass there is 0.1, and the shortfall is 0.1 only in nats.
    store.update(q_weights=np.array([0.5, 0.25, 0.25, 0.0]))
    settle(qtbot, window)
    missed = float(store.results.p[3])
    shown = parse_shown(cell(page, "k3", "bias"))
    assert labs.state.units == "bits"
    assert shown == pytest.approx(-missed / math.log(2), abs=1e-4)
    look = page.look.text()
    assert "P(Q = 0)/ln 2 bits" in look and "that many nats" in look


def test_p_missing_an_outcome_makes_the_estimators_infinite(
    window, page, labs, store, qtbot
):
    store.update(p_weights=np.array([0.5, 0.5, 0.0, 0.0]))
    settle(qtbot, window)
    labs.set_state(page.advanced(labs.state, 300))
    settle(qtbot, window)
    for name in ("k1", "k2", "k3"):
        assert cell(page, name, "mean").startswith("∞: drew outcomes 2 and 3 from Q")
        assert "P = 0 where Q > 0 at outcomes 2 and 3" in cell(page, name, "exact")


# sessions ----------------------------------------------------------------------------


def test_a_session_keeps_the_run_and_continues_its_draws(
    window, page, labs, tmp_path, qtbot
):
    page.set_seed(5)
    page.set_units("nats")
    labs.set_state(page.advanced(labs.state, 3_333))
    saved = labs.state
    path = tmp_path / "lab.json"
    assert window.save_session_to(path)
    page.reset()
    assert labs.state.count == 0
    assert window.load_session_from(path)
    assert window.current_panel() == "sampling"
    settle(qtbot, window)
    assert labs.state == saved and labs.state.count == 3_333
    further = advance_sampling_lab(labs.state, 100)
    np.testing.assert_array_equal(
        further.run.counts_p, advance_sampling_lab(saved, 100).run.counts_p
    )
    assert (
        cell(page, "k3", "mean")
        == cell_texts(labs.results.sampling.estimate("k3"), "nats")["mean"]
    )
    assert QUANTITIES[0] == "information_p"


def _view_ranges(page):
    return [
        np.array(item.getViewBox().viewRange())
        for widget in page.plot_widgets()
        for item in widget.plot_items()
    ]


def test_after_reset_the_plots_fit_the_new_run_not_the_last(page, labs, window, qtbot):
    # A range keeps the widest it was asked for while a run goes on; a new
    # run (Reset, or Undo back before the draws) starts from its own, or the
    # first draws sit squeezed into the last run's spread.
    fresh = _view_ranges(page)
    labs.set_state(page.advanced(labs.state, 5000))
    settle(qtbot, window)
    widened = _view_ranges(page)
    assert any(not np.allclose(a, b) for a, b in zip(fresh, widened, strict=True))
    page.reset()
    settle(qtbot, window)
    for before, after in zip(fresh, _view_ranges(page), strict=True):
        assert np.allclose(before, after, rtol=1e-9, atol=1e-9)


def _bands_drawn(page) -> list[bool]:
    """Whether each running mean's ±2 SE band is drawn (visible, with a path)."""
    return [
        mean.band.isVisible() and not mean.band.path().isEmpty()
        for plot in (page.plots.means_p, page.plots.means_q)
        for mean in plot.means
    ]


def test_reset_and_a_mean_gone_infinite_leave_no_band_of_the_old_run(
    page, labs, window, store, qtbot
):
    # An emptied band's FillBetweenItem kept its last path: after Reset the
    # last run's bands stood beside "0 draws", and under an infinite mean
    # a finite band from the run before.
    labs.set_state(page.advanced(labs.state, 5000))
    settle(qtbot, window)
    assert all(_bands_drawn(page))
    page.reset()
    settle(qtbot, window)
    assert not any(_bands_drawn(page))
    labs.set_state(page.advanced(labs.state, 5000))
    settle(qtbot, window)
    store.update(q_weights=np.array([0.5, 0.0, 0.25, 0.25]))  # a new run
    settle(qtbot, window)
    labs.set_state(page.advanced(labs.state, 40))
    settle(qtbot, window)
    count = labs.state.run.count
    for plot in (page.plots.means_p, page.plots.means_q):
        for mean in plot.means:
            if mean.band.isVisible():  # never beyond this run's draws
                right = mean.band.path().boundingRect().right()
                assert right <= math.log10(count) + 1e-9


def test_the_exact_values_labels_stay_whole_and_apart_at_1024_by_768(
    window, page, qtbot
):
    # E[k2] sits at the top of its plot's range: above its line it lost its
    # upper half off the plot; H(P) and H(P,Q), 4 px apart, overlapped once
    # either was moved. Each label is inside its plot and off the others.
    size = window.size()
    window.resize(1024, 768)
    try:

        def labels_clear() -> bool:
            for means in (page.plots.means_p, page.plots.means_q):
                view = means.plot.getViewBox().sceneBoundingRect()
                boxes = [
                    m.label.sceneBoundingRect()
                    for m in means.means
                    if m.label.isVisible()
                ]
                if len(boxes) < 2 or not all(view.contains(b) for b in boxes):
                    return False
                for i, box in enumerate(boxes):
                    if any(box.intersects(other) for other in boxes[i + 1 :]):
                        return False
            return True

        qtbot.waitUntil(labels_clear)
    finally:
        window.resize(size)


def test_one_draw_is_counted_in_the_singular(window, page, labs, qtbot):
    # "1 draws from each of P and Q": the count was not a plural message.
    click(qtbot, page, "sampling_step_button")
    settle(qtbot, window)
    count = child(page, QLabel, "sampling_count")
    assert count.text() == "<b>1</b> draw from each of P and Q"
    click(qtbot, page, "sampling_step_button")
    settle(qtbot, window)
    assert count.text() == "<b>2</b> draws from each of P and Q"
    with in_chinese():
        assert count.text() == "从 P 和 Q 各抽样 <b>2</b> 次"


def test_after_draw_1_every_running_mean_is_a_dot_in_sight(window, page, qtbot):
    # One draw: a line through one point draws nothing, and the range was
    # fitted to the exact values only (k1 = 0.32 over a top of 0.25).
    click(qtbot, page, "sampling_step_button")
    settle(qtbot, window)
    for means in (page.plots.means_p, page.plots.means_q):
        _, (low, high) = means.plot.getViewBox().viewRange()
        for mean in means.means:
            _, y = mean.line.getData()
            assert mean.line.opts["symbol"] == "o" and len(y) == 1
            assert low <= y[0] <= high
    click(qtbot, page, "sampling_step_button")
    settle(qtbot, window)
    assert all(m.line.opts["symbol"] is None for m in page.plots.means_p.means)


def test_infinite_draws_are_marked_above_the_finite_ones(window, page, labs, qtbot):
    # P misses outcomes 2 and 3: half the draws from Q give k1 = k2 = k3 = ∞.
    # Their marks sat at the top of the finite range, on the k2 and k3
    # points, all three series' marks on one row.
    size = window.size()
    window.resize(1280, 800)
    window.store.update(p_weights=np.array([0.5, 0.5, 0.0, 0.0]))
    settle(qtbot, window)
    labs.set_state(page.advanced(labs.state, 300))
    settle(qtbot, window)
    recent = page.plots.recent_q
    finite_top = max(float(np.max(item.getData()[1])) for item in recent.points)
    rows = []
    for marks in recent.infinite:
        _, y = marks.getData()
        assert len(y) > 0
        rows.append(float(y[0]))
    (_, _), (low, high) = recent.plot.getViewBox().viewRange()
    row_px = 16 / recent.plot.getViewBox().height() * (high - low)  # a mark's height
    try:
        assert min(rows) - row_px / 2 > finite_top
        assert all(a - b >= 0.9 * row_px for a, b in itertools.pairwise(rows))
    finally:
        window.resize(size)


def test_the_draws_axis_starts_between_0_9_and_1_draws(window, page, qtbot):
    # Its padding reached 0.87 draws: the log axis labelled a tick "0.9".
    for means in (page.plots.means_p, page.plots.means_q):
        (left, _), _ = means.plot.getViewBox().viewRange()
        assert 0.9 < 10.0**left < 1.0


#: How each pyqtgraph symbol looks, as a legend must show it ("t" points down).
LOOKS = {"o": "●", "t": "▼", "s": "■"}


def test_the_last_draws_legends_show_the_symbols_the_points_have(page) -> None:
    # The titles keyed k1, k2 and k3 with squares over circles and triangles.
    plots = page.plots
    for name, recent in (("recent_p", plots.recent_p), ("recent_q", plots.recent_q)):
        title = plots.plot(name).titleLabel.text
        drawn = [LOOKS[item.opts["symbol"]] for item in recent.points]
        found = [title.index(f">{mark}<") for mark in drawn]
        assert found == sorted(found), (name, title)
        assert "■</span>&nbsp;" not in title.replace(f">{drawn[-1]}<", "", 1), title


def test_infinite_means_are_marked_inside_the_plot_and_apart(
    window, page, labs, store, qtbot
):
    # −log q(x) and log p(x)/q(x) gone infinite at draw 1: their ∞ marks lay
    # one over the other, centred on the left edge, over the axis's ticks.
    store.update(q_weights=np.array([0.4, 0.3, 0.3, 0.0]))
    settle(qtbot, window)
    state = labs.state  # one draw at a time, until P's outcome 3 is drawn
    for _ in range(200):
        state = page.advanced(state, 1)
        if state.run.counts_p[3] > 0:
            break
    assert state.run.counts_p[3] > 0
    labs.set_state(state)
    settle(qtbot, window)
    plot = page.plots.means_p
    view = plot.plot.getViewBox()
    marks = [m.infinite for m in plot.means if m.infinite_from is not None]
    assert len(marks) == 2
    places = []
    for mark in marks:
        x, y = mark.getData()
        point = view.mapViewToScene(pg.Point(float(x[0]), float(y[0])))
        left = view.mapViewToScene(view.viewRect().topLeft())
        assert point.x() - INFINITY_MARK_PX / 2 >= left.x()  # all of it inside
        places.append(point)
    apart = places[0] - places[1]
    assert max(abs(apart.x()), abs(apart.y())) >= INFINITY_MARK_PX  # not stacked
    # Side by side along the top, not down over the band of a short plot.
    assert places[0].y() == pytest.approx(places[1].y())
