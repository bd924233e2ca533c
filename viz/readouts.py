"""The large readouts: one value with its unit, and ∞ with its reason."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from core import Results
from viz import theme


@dataclass(frozen=True)
class ReadoutSpec:
    """Which result a readout shows and how it is titled."""

    key: str
    title: str
    tooltip: str


READOUTS: tuple[ReadoutSpec, ...] = (
    ReadoutSpec("entropy_p", "H(P)", "Entropy of P: −Σ p log p"),
    ReadoutSpec("entropy_q", "H(Q)", "Entropy of Q: −Σ q log q"),
    ReadoutSpec(
        "cross_entropy_pq", "H(P,Q)", "Cross-entropy −Σ p log q = H(P) + D(P‖Q)"
    ),
    ReadoutSpec(
        "cross_entropy_qp", "H(Q,P)", "Cross-entropy −Σ q log p = H(Q) + D(Q‖P)"
    ),
    ReadoutSpec("kl_pq", "D(P‖Q)", "KL divergence Σ p log(p/q)"),
    ReadoutSpec(
        "kl_qp", "D(Q‖P)", "KL divergence Σ q log(q/p): not the same as D(P‖Q)"
    ),
    ReadoutSpec("js", "JS(P,Q)", "Jensen–Shannon divergence: symmetric, at most 1 bit"),
    ReadoutSpec("loss", "Loss", "Cross-entropy loss of the logits against the target"),
)


def format_number(value: float) -> str:
    """Four decimals for everyday sizes, fewer for large ones; ∞ for infinity."""
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    if value == 0 or 1e-4 <= abs(value) < 1e4:
        return f"{value:.4f}".replace("-", "−")
    return f"{value:.3e}".replace("-", "−")


def _outcomes(indices: Sequence[int]) -> str:
    shown = ", ".join(str(i) for i in indices[:5])
    more = f" and {len(indices) - 5} more" if len(indices) > 5 else ""
    noun = "outcome" if len(indices) == 1 else "outcomes"
    return f"{noun} {shown}{more}"


def infinity_reason(results: Results, key: str) -> str:
    """Why the readout ``key`` is infinite, or "" when it is finite."""
    if key in ("kl_pq", "cross_entropy_pq") and results.kl_pq_infinite_at:
        return f"Q = 0 where P > 0 at {_outcomes(results.kl_pq_infinite_at)}"
    if key in ("kl_qp", "cross_entropy_qp") and results.kl_qp_infinite_at:
        return f"P = 0 where Q > 0 at {_outcomes(results.kl_qp_infinite_at)}"
    if key == "loss" and results.loss_infinite_at:
        where = _outcomes(results.loss_infinite_at)
        return f"softmax = 0 where the target > 0 at {where}"
    return ""


class Readout(QFrame):
    """A titled value, e.g. ``D(P‖Q)`` over ``0.1187 bits``."""

    def __init__(self, spec: ReadoutSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setObjectName(f"readout_{spec.key}")
        self.setAccessibleName(spec.title)
        self.setToolTip(spec.tooltip)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(0)
        self.title = QLabel(spec.title)
        self.value = QLabel("")
        self.value.setObjectName(f"readout_{spec.key}_value")
        self.reason = QLabel("")
        self.reason.setObjectName(f"readout_{spec.key}_reason")
        self.reason.setWordWrap(True)
        for label in (self.title, self.value, self.reason):
            # A new number must never re-lay out the window (and repaint
            # every plot): the labels take the width they are given.
            label.setSizePolicy(
                QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
            )
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)

    def text(self) -> str:
        """What the readout shows, as one line of plain text."""
        parts = [self.value.text(), self.reason.text()]
        return " ".join(part for part in parts if part)

    def show_value(self, value: float, units: str, reason: str) -> None:
        """Display ``value`` in ``units``; an infinite value gets its reason."""
        text = (
            format_number(value)
            if math.isinf(value)
            else f"{format_number(value)} {units}"
        )
        if self.value.text() != text:
            self.value.setText(text)
        if self.reason.text() != reason:
            self.reason.setText(reason)
            self.reason.setVisible(bool(reason))
        self.setAccessibleDescription(self.text())

    def set_font_px(self, value_px: int) -> None:
        """Scale the value's font (lecture mode makes it larger)."""
        self.value.setStyleSheet(f"font-size: {value_px}px; font-weight: 600;")
        self.title.setStyleSheet(f"font-size: {max(12, value_px // 2)}px;")
        self.reason.setStyleSheet(
            f"font-size: {max(11, value_px // 3)}px; color: #A0300A;"
        )


class ReadoutPanel(QWidget):
    """All readouts in a grid, always visible above the plots."""

    def __init__(self, columns: int = 4, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
        self.readouts = {spec.key: Readout(spec) for spec in READOUTS}
        for index, readout in enumerate(self.readouts.values()):
            grid.addWidget(readout, index // columns, index % columns)
        self.set_font_px(theme.NORMAL.readout_font_px)

    def show_results(self, results: Results) -> None:
        """Show every value of ``results``."""
        for key, readout in self.readouts.items():
            readout.show_value(
                getattr(results, key), results.units, infinity_reason(results, key)
            )

    def set_font_px(self, value_px: int) -> None:
        """Scale every readout."""
        for readout in self.readouts.values():
            readout.set_font_px(value_px)
