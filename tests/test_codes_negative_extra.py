"""The code-length lab says why its Shannon extra bits can be negative.

Shannon's code of P is not the best code for P: with P = [0.4, 0.3, 0.2,
0.1] and Q uniform it rounds −log₂ p up to lengths 2, 2, 3, 4 and costs
2.4 bits per symbol on P, while Q's code (2 bits everywhere) costs 2.0. The
extra bits of Q's code are then −0.4, exactly, although D(P‖Q) ≈ 0.1536 ≥ 0;
a student reads that as "KL is negative" unless the page says why.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtWidgets import QLabel

from core.code_lab import derive_code_lab, start_code_lab
from viz.pages.codes import negative_extra_text

P = [0.4, 0.3, 0.2, 0.1]
UNIFORM = [0.25] * 4


def test_the_hand_worked_case_has_negative_shannon_extra_bits() -> None:
    r = derive_code_lab(start_code_lab(P, UNIFORM)).readouts
    assert r.shannon_p.lengths.tolist() == [2, 2, 3, 4]  # ⌈−log₂ p⌉
    assert r.shannon_q.lengths.tolist() == [2, 2, 2, 2]
    assert sorted(r.huffman_p.lengths.tolist()) == [1, 2, 3, 3]
    # Σ p·l by hand: 0.8 + 0.6 + 0.6 + 0.4 and 0.4 + 0.6 + 0.6 + 0.3.
    assert r.shannon_own == pytest.approx(2.4, abs=1e-12)
    assert r.shannon_mismatched == pytest.approx(2.0, abs=1e-12)
    assert r.huffman_own == pytest.approx(1.9, abs=1e-12)
    assert r.huffman_mismatched == pytest.approx(2.0, abs=1e-12)
    assert r.shannon_extra == pytest.approx(-0.4, abs=1e-12)
    assert r.huffman_extra == pytest.approx(0.1, abs=1e-12)
    entropy = -sum(p * math.log2(p) for p in P)
    assert r.kl_pq == pytest.approx(2.0 - entropy, abs=1e-12)  # ≈ 0.1536 ≥ 0
    # L_Q − L_P = D + w_Q − w_P, w a code's rounding waste on P (in [0, 1)):
    # Shannon's code of P wastes 2.4 − H(P) ≈ 0.55 bits, more than D + 0.
    waste_p = r.shannon_own - entropy
    assert r.shannon_mismatched - r.cross_entropy_pq == pytest.approx(0, abs=1e-12)
    assert waste_p > r.kl_pq
    # The bound the page states: within one bit of D(P‖Q).
    assert abs(r.shannon_extra - r.kl_pq) < 1


def test_the_reason_is_given_only_when_the_extra_bits_are_negative() -> None:
    assert negative_extra_text(derive_code_lab(start_code_lab(P, UNIFORM)))
    for p, q in ((P, P), ([0.5, 0.25, 0.125, 0.125], UNIFORM)):
        results = derive_code_lab(start_code_lab(p, q))
        assert results.readouts.shannon_extra >= 0
        assert negative_extra_text(results) == ""


def settle(qtbot, window) -> None:
    explorer, codes = window.store, window.stores["codes"]
    qtbot.waitUntil(
        lambda: (
            not explorer.pending
            and not codes.pending
            and codes.results_state is codes.state
        )
    )


def use(window, qtbot, p, q) -> None:
    window.store.update(
        p_weights=np.array(p), q_weights=np.array(q), logits=np.zeros(len(p))
    )
    settle(qtbot, window)
    assert window.store.error is None


def test_the_page_shows_the_exact_numbers_and_the_reason_beside_them(
    window, qtbot
) -> None:
    window.show_panel("codes")
    page = window.pages["codes"]
    use(window, qtbot, P, UNIFORM)
    extra = page.findChild(QLabel, "codes_extra_bits")
    reason = page.findChild(QLabel, "codes_extra_reason")
    assert reason is not None, "no reason beside the extra bits"
    assert "−0.4000" in extra.text()  # Shannon's, exact
    assert "0.1536" in extra.text()  # D(P‖Q)
    assert "0.1000" in extra.text()  # Huffman's, never negative
    assert reason.isVisible() and extra.toolTip() == reason.text()
    assert "D(P‖Q) ≥ 0" in reason.text()
    assert "not averages of the draws" in reason.text()
    use(window, qtbot, [0.5, 0.25, 0.125, 0.125], UNIFORM)
    assert "0.2500" in extra.text()
    assert not reason.isVisible()
