"""The Code-length lab through its real widgets, its store, the explorer and the window.

The page codes draws from the explorer's P with four codes (core.code_lab):
its table shows the codewords core.huffman builds, the tree for K ≤ 16, the
running bits per symbol that core.huffman's own bits_per_symbol gives for
the counts, the claim that holds for each code, and ∞ with its reason where
Q's codes have no codeword for an outcome P gives.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QTableView

from core import Family
from core.code_lab import CODE_NAMES, derive_code_lab, start_code_lab
from core.huffman import bits_per_symbol, huffman_code, shannon_code
from viz.pages.code_views import TABLE_COLUMNS
from viz.pages.codes import CodesPage, average_text, claim_text
from viz.pages.common import number_text

#: Built before the shared window is handed out (tests/window_reuse.py).
SHARED_WINDOW_PAGES = ("codes",)


@pytest.fixture
def codes(window):
    """The window's code-length store."""
    return window.stores["codes"]


@pytest.fixture
def page(window, codes, qtbot):
    window.show_panel("codes")
    page = window.pages["codes"]
    assert isinstance(page, CodesPage) and page.store is codes
    settle(qtbot, window)
    return page


def settle(qtbot, window):
    explorer, codes = window.store, window.stores["codes"]
    qtbot.waitUntil(
        lambda: (
            not explorer.pending
            and not codes.pending
            and codes.results_state is codes.state
        )
    )


def child(page, cls, name):
    widget = page.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name}"
    return widget


def cell(page, name, column):
    return child(page, QLabel, f"codes_{name}_{column}").text()


def table_text(page, row, column):
    table = child(page, QTableView, "codes_table")
    model = table.model()
    return model.data(model.index(row, TABLE_COLUMNS.index(column)))


def use(window, qtbot, p, q):
    """Make the explorer's P and Q (K sliders each, and K logits)."""
    window.store.update(
        p_weights=np.array(p), q_weights=np.array(q), logits=np.zeros(len(p))
    )
    settle(qtbot, window)
    assert window.store.error is None


P = [0.4, 0.3, 0.2, 0.06, 0.04]
Q = [0.05, 0.1, 0.15, 0.3, 0.4]


def test_the_table_shows_the_codewords_huffman_code_builds(window, page, qtbot):
    use(window, qtbot, P, Q)
    p, q = window.store.results.p, window.store.results.q
    built = {
        "huffman_q": huffman_code(q),
        "shannon_q": shannon_code(q),
        "huffman_p": huffman_code(p),
        "shannon_p": shannon_code(p),
    }
    for row in range(5):
        assert table_text(page, row, "outcome") == str(row)
        assert table_text(page, row, "q") == number_text(q[row])
        assert table_text(page, row, "ideal_q") == number_text(-math.log2(q[row]), 3)
        for name, code in built.items():
            word, length = code.codewords[row], int(code.lengths[row])
            assert table_text(page, row, name) == f"{word} ({length})"
    # Huffman's codes are prefix-free with Kraft sum 1; Shannon's lengths ⌈−log₂ q⌉.
    assert [int(x) for x in built["shannon_q"].lengths] == [
        math.ceil(-math.log2(x)) for x in q
    ]
    header = (
        child(page, QTableView, "codes_table")
        .model()
        .headerData(TABLE_COLUMNS.index("huffman_q"), Qt.Orientation.Horizontal)
    )
    assert header == "Q: Huffman"


def test_the_tree_is_the_chosen_codes_for_k_up_to_16(window, page, codes, qtbot):
    use(window, qtbot, P, Q)
    tree = page.plots.tree
    words = huffman_code(window.store.results.q).codewords
    shown = sorted(item.textItem.toPlainText() for item in tree._words[:5])
    assert shown == sorted(f"{i}\n{w}" for i, w in enumerate(words))
    assert tree.leaves.data.size == 5 and not tree.message.isVisible()
    combo = child(page, QComboBox, "codes_tree_combo")
    combo.setCurrentIndex(combo.findData("shannon_p"))
    assert codes.state.tree == "shannon_p"
    settle(qtbot, window)
    words = shannon_code(window.store.results.p).codewords
    shown = sorted(
        item.textItem.toPlainText() for item in tree._words if item.isVisible()
    )
    assert shown == sorted(f"{i}\n{w}" for i, w in enumerate(words))
    assert "Shannon's code of P" in page.plots.plot("tree").titleLabel.text
    window.actions_by_name["undo"].trigger()
    assert codes.state.tree == "huffman_q" and combo.currentData() == "huffman_q"
    window.store.update(
        p_family=Family("zipf", 40, {"exponent": 1.0}),
        q_family=Family("uniform", 40, {}),
        logits_follow_q=True,
    )
    settle(qtbot, window)
    assert len(codes.state.p) == 40 and codes.results.tree is None
    assert tree.message.isVisible() and "K = 40" in tree.message.textItem.toPlainText()
    assert not any(item.isVisible() for item in tree._words)


def test_running_bits_per_symbol_are_the_cores_for_the_counts(
    window, page, codes, qtbot
):
    use(window, qtbot, P, Q)
    codes.set_state(page.advanced(codes.state, 5_000))
    settle(qtbot, window)
    results = derive_code_lab(codes.state)
    counts = codes.state.run.sampling.counts_p
    for estimate, code in zip(results.estimates, results.codes, strict=True):
        assert estimate.moments.mean == bits_per_symbol(code, counts)
        assert cell(page, estimate.name, "mean") == average_text(estimate)
        assert number_text(estimate.moments.mean) in cell(page, estimate.name, "mean")
        assert cell(page, estimate.name, "claim") == claim_text(estimate)
        error = estimate.moments.standard_error
        assert error is not None and error > 0
        assert abs(estimate.moments.mean - estimate.expected) <= 4 * error
    # Shannon's code of Q lands in [H(P,Q), H(P,Q) + 1); P's Huffman in [H(P), +1).
    assert cell(page, "shannon_q", "claim").startswith("H(P,Q) ≤ L < H(P,Q) + 1")
    assert cell(page, "shannon_q", "claim").endswith("✓")
    assert cell(page, "huffman_p", "claim").endswith("✓")
    huffman_q = child(page, QLabel, "codes_huffman_q_claim")
    assert huffman_q.text().startswith("L ≥ ")
    assert "Not within a bit of H(P,Q)" in huffman_q.toolTip()
    extra = child(page, QLabel, "codes_extra_bits").text()
    r = results.readouts
    assert number_text(r.shannon_extra) in extra and number_text(r.kl_pq) in extra
    line = page.plots.bits.means[CODE_NAMES.index("huffman_p")].line
    np.testing.assert_array_equal(line.yData, results.history_means[2])


def test_the_counterexample_preset_shows_huffman_below_cross_entropy(window, qtbot):
    window.apply_preset(window.preset("huffman-of-q-misses-cross-entropy"))
    assert window.current_panel() == "codes"
    settle(qtbot, window)
    page = window.pages["codes"]
    assert cell(page, "huffman_q", "exact") == "L = 1.9500"
    assert cell(page, "shannon_q", "exact") == "L = 4.8000"
    assert "4.1134 ≤ L < 5.1134 ✓" in cell(page, "shannon_q", "claim")
    assert table_text(page, 1, "huffman_q") == "10 (2)"
    assert table_text(page, 1, "shannon_q") == "10000 (5)"


def test_q_missing_an_outcome_is_infinite_with_its_reason(window, page, codes, qtbot):
    use(window, qtbot, [0.5, 0.3, 0.2], [0.5, 0.5, 0.0])
    assert table_text(page, 2, "huffman_q") == "none: q = 0 (∞ bits)"
    assert cell(page, "shannon_q", "exact") == "L = ∞ (q = 0 where p > 0 at outcome 2)"
    codes.set_state(page.advanced(codes.state, 200))
    settle(qtbot, window)
    assert cell(page, "huffman_q", "mean") == (
        "∞: drew outcome 2, which has no codeword (q = 0)"
    )
    assert cell(page, "huffman_p", "mean").startswith("<b>")
    assert "∞ bits: no codeword" in child(page, QLabel, "codes_draws").text()
    assert "∞, as D(P‖Q) = ∞" in child(page, QLabel, "codes_extra_bits").text()
    for label in page.findChildren(QLabel):
        assert "nan" not in label.text().lower(), label.objectName()
    for row in range(3):
        for column in TABLE_COLUMNS:
            assert "nan" not in table_text(page, row, column).lower()


def test_play_pause_step_and_reset(window, page, codes, qtbot):
    qtbot.mouseClick(
        child(page, QPushButton, "codes_step_button"), Qt.MouseButton.LeftButton
    )
    assert codes.state.count == 1
    settle(qtbot, window)
    assert "Last draws from P: " in child(page, QLabel, "codes_draws").text()
    qtbot.mouseClick(
        child(page, QPushButton, "codes_play_button"), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: codes.state.count >= 3, timeout=10_000)
    qtbot.mouseClick(
        child(page, QPushButton, "codes_play_button"), Qt.MouseButton.LeftButton
    )
    assert not page.playing
    drawn = codes.state.count
    qtbot.mouseClick(
        child(page, QPushButton, "codes_reset_button"), Qt.MouseButton.LeftButton
    )
    assert codes.state.count == 0
    window.actions_by_name["undo"].trigger()
    assert codes.state.count == drawn
    window.actions_by_name["undo"].trigger()
    assert codes.state.count == 1


def test_a_session_keeps_the_codes_run(window, page, codes, tmp_path, qtbot):
    use(window, qtbot, P, Q)
    page.set_tree("shannon_q")
    codes.set_state(page.advanced(codes.state, 2_500))
    saved = codes.state
    path = tmp_path / "codes.json"
    assert window.save_session_to(path)
    codes.set_state(start_code_lab(P[::-1], Q[::-1]))
    assert window.load_session_from(path)
    settle(qtbot, window)
    assert codes.state == saved
    np.testing.assert_array_equal(
        codes.state.run.history_means, saved.run.history_means
    )
    assert child(page, QComboBox, "codes_tree_combo").currentData() == "shannon_q"


@pytest.mark.parametrize("lecture", [False, True], ids=["normal", "lecture"])
def test_the_claims_are_whole_lines_in_sight_at_1024_by_768(
    window, page, qtbot, lecture
):
    # The claim was the table's widest cell: at 1024 px it got what the
    # other columns left, a word a line ("L ≥ 1.9000 (P's own Huffman)."
    # over nine lines), and in lecture type it scrolled out of sight.
    size = window.size()
    window.set_lecture(lecture, full_screen=False)
    window.resize(1024, 768)
    try:
        area = page.header

        def claims_fit() -> bool:
            for name in CODE_NAMES:
                label = child(page, QLabel, f"codes_{name}_claim")
                metrics = label.fontMetrics()
                lines = label.text().split("\n")
                widest = max(metrics.horizontalAdvance(line) for line in lines)
                left = label.mapTo(area.viewport(), label.rect().topLeft()).x()
                if not (
                    len(lines) == 2
                    and label.contentsRect().width() >= widest
                    and label.height() <= 3 * metrics.lineSpacing()
                    and left >= 0
                    and left + widest <= area.viewport().width()
                ):
                    return False
            return True

        qtbot.waitUntil(claims_fit)
    finally:
        window.set_lecture(False, full_screen=False)
        window.resize(size)


def test_one_draw_is_counted_in_the_singular(window, page, codes, qtbot):
    # "1 draws from P": the count was not a plural message.
    codes.set_state(page.advanced(codes.state, 1))
    settle(qtbot, window)
    assert child(page, QLabel, "codes_count").text() == "<b>1</b> draw from P"
    codes.set_state(page.advanced(codes.state, 1))
    settle(qtbot, window)
    assert child(page, QLabel, "codes_count").text() == "<b>2</b> draws from P"


@pytest.mark.parametrize("p0", [0.2, 0.35, 0.55, 0.7])
def test_a_bound_met_at_a_tie_is_marked_as_met(p0: float) -> None:
    # Q = [½, ½]: L = H(P,Q) = 1 bit, with H(P,Q) an ulp above 1.0, and
    # "1.0000 ≤ L < 2.0000 ✗" stood beside a theorem.
    results = derive_code_lab(start_code_lab([p0, 1 - p0], [0.5, 0.5]))
    shannon = next(e for e in results.estimates if e.name == "shannon_q")
    assert shannon.expected == 1.0 and shannon.low == pytest.approx(1.0)
    for estimate in results.estimates:
        assert estimate.meets_bound, estimate.name
    assert claim_text(shannon).endswith("✓")


@pytest.mark.parametrize("size", [(1366, 768), (1024, 768), (1920, 1080)])
def test_every_leaf_label_is_inside_the_tree_and_no_bit_covers_a_node(
    window, page, codes, qtbot, size
):
    # Shannon's code of P = [0.4, 0.3, 0.2, 0.1]: "3" stood at the bottom
    # edge with its codeword 1010 cut off, and the bit of a lone child sat
    # on the edge between its two dots.
    window.resize(*size)
    use(window, qtbot, [0.4, 0.3, 0.2, 0.1], [0.25] * 4)
    child(page, QComboBox, "codes_tree_combo").setCurrentIndex(
        child(page, QComboBox, "codes_tree_combo").findData("shannon_p")
    )
    settle(qtbot, window)
    qtbot.wait(1)  # the resize's layout
    tree = page.plots.tree
    view = tree.plot.getViewBox()
    inside = view.mapRectToScene(view.boundingRect())
    words = [item for item in tree._words if item.isVisible()]
    assert any(item.textItem.toPlainText().endswith("1010") for item in words)
    for item in words:
        rect = item.mapRectToScene(item.boundingRect())
        assert inside.contains(rect), item.textItem.toPlainText()
    dots = [
        view.mapViewToScene(point.pos())
        for scatter in (tree.inner, tree.leaves)
        for point in scatter.points()
    ]
    for item in (bit for bit in tree._bits if bit.isVisible()):
        rect = item.mapRectToScene(item.boundingRect())
        assert not any(rect.contains(dot) for dot in dots), item.textItem.toPlainText()


def test_try_next_is_never_the_state_on_show(window, page, codes, store, qtbot):
    # After the preset "Huffman's code of Q is not within a bit", the page
    # still said "Try next: make Q = [0.9, 0.05, 0.05] and P = [0.05, 0.05,
    # 0.9]", the very P and Q on show.
    look = child(page, QLabel, "codes_look_at")
    assert "make Q = [0.9, 0.05, 0.05]" in look.text()
    window.actions_by_name["preset_huffman-of-q-misses-cross-entropy"].trigger()
    window.show_panel("codes")
    settle(qtbot, window)
    np.testing.assert_allclose(store.results.q, [0.9, 0.05, 0.05])
    np.testing.assert_allclose(store.results.p, [0.05, 0.05, 0.9])
    huffman_q = next(e for e in codes.results.estimates if e.name == "huffman_q")
    gap = abs(huffman_q.expected - codes.results.readouts.cross_entropy_pq)
    assert gap >= 1.0  # what the page now says is so
    assert "make Q = [0.9, 0.05, 0.05]" not in look.text()
    assert "Here it does" in look.text() and "make Q = P" in look.text()
    store.update(q_weights=store.results.p.copy())
    settle(qtbot, window)
    assert "make Q = [0.9, 0.05, 0.05]" in look.text()
