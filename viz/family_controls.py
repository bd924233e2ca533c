"""Family mode: P and Q from parametric families, for K up to 100,000."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from core.families import FAMILY_PARAMETERS, MAX_FAMILY_K, Family
from viz.controls import forward_gestures
from viz.sliders import FloatSlider, SliderScale

KIND_TITLES = {
    "uniform": "Uniform",
    "zipf": "Zipf (word frequencies)",
    "two_peaks": "Two peaks",
    "dirichlet": "Random (Dirichlet draw)",
}


def _scale(low: float, high: float) -> SliderScale:
    # Widths and concentrations span orders of magnitude: slide them in log.
    log = low > 0 and high / low >= 100
    return SliderScale(low, high, steps=1000, log=log)


class FamilyEditor(QWidget):
    """Kind and shape parameters of one distribution (``p_family_*`` or ``q_family_*``).

    Every parameter's control is built once; changing the kind only shows
    and hides rows.
    """

    family_changed = Signal(object)
    gesture_started = Signal()
    gesture_finished = Signal()

    def __init__(self, prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._prefix = prefix
        self._k = 2
        self._layout = QFormLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.kind = QComboBox()
        self.kind.setObjectName(f"{prefix}_family_combo")
        self.kind.setAccessibleName(f"{prefix.upper()} family")
        for kind, title in KIND_TITLES.items():
            self.kind.addItem(title, kind)
        self._layout.addRow("Family", self.kind)
        self.controls: dict[tuple[str, str], QWidget] = {}
        for kind, parameters in FAMILY_PARAMETERS.items():
            for name, (_, low, high) in parameters.items():
                self.controls[(kind, name)] = self._make_control(kind, name, low, high)
            # A kind chosen for the first time starts from its defaults, not
            # from each slider's minimum (two peaks at 0, width 0.001...).
            self._show_parameters(Family(kind, self._k))
        self.kind.currentIndexChanged.connect(self._kind_changed)

    def _make_control(self, kind: str, name: str, low: float, high: float) -> QWidget:
        control: QWidget
        if name == "seed":
            spin = QSpinBox()
            spin.setRange(int(low), int(high))
            spin.valueChanged.connect(self._emit)
            control = spin
        else:
            slider = FloatSlider(_scale(low, high))
            slider.value_changed_float.connect(self._emit)
            forward_gestures(slider, self)
            control = slider
        control.setObjectName(f"{self._prefix}_family_{name}")
        control.setAccessibleName(
            f"{self._prefix.upper()} {kind} {name.replace('_', ' ')}"
        )
        self._layout.addRow(QLabel(name.replace("_", " ")), control)
        return control

    def _kind_changed(self) -> None:
        self._show_rows(self.current_kind())
        self._emit()

    def current_kind(self) -> str:
        """The kind chosen in the combo box."""
        return str(self.kind.currentData())

    def _show_rows(self, kind: str) -> None:
        for (owner, _), control in self.controls.items():
            self._layout.setRowVisible(control, owner == kind)

    def family(self) -> Family:
        """The family the controls describe now."""
        kind = self.current_kind()
        params: dict[str, float] = {}
        for (owner, name), control in self.controls.items():
            if owner != kind:
                continue
            if isinstance(control, QSpinBox):
                params[name] = float(control.value())
            elif isinstance(control, FloatSlider):
                params[name] = control.float_value()
        return Family(kind, self._k, params)

    def _emit(self) -> None:
        self.family_changed.emit(self.family())

    def show_family(self, family: Family) -> None:
        """Set every control from ``family`` without emitting."""
        self._k = family.k
        with QSignalBlocker(self.kind):
            self.kind.setCurrentIndex(self.kind.findData(family.kind))
        self._show_rows(family.kind)
        self._show_parameters(family)

    def _show_parameters(self, family: Family) -> None:
        """Set the controls of ``family``'s kind (defaults where it has none)."""
        for name, (default, _, _) in FAMILY_PARAMETERS[family.kind].items():
            control = self.controls[(family.kind, name)]
            value = family.params.get(name, default)
            if isinstance(control, QSpinBox):
                with QSignalBlocker(control):
                    control.setValue(int(value))
            elif isinstance(control, FloatSlider):
                control.set_float(value)


class FamilySettings(QWidget):
    """K for family mode (``family_k_spin``), the true class, and both editors."""

    k_changed = Signal(int)
    label_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.k = QSpinBox()
        self.k.setObjectName("family_k_spin")
        self.k.setAccessibleName("Number of outcomes K in family mode")
        self.k.setRange(2, MAX_FAMILY_K)
        self.k.setKeyboardTracking(False)
        self.k.setGroupSeparatorShown(True)
        self.label = QSpinBox()
        self.label.setObjectName("family_label_spin")
        self.label.setAccessibleName("True class in family mode")
        self.label.setKeyboardTracking(False)
        self.p = FamilyEditor("p")
        self.q = FamilyEditor("q")
        note = QLabel(
            "The logits are log Q: softmax at T = 1 gives Q back, like a language "
            "model's prediction; the temperature reshapes it."
        )
        note.setWordWrap(True)
        layout.addRow("Outcomes K", self.k)
        layout.addRow("True class y", self.label)
        layout.addRow(QLabel("<b>P</b>"))
        layout.addRow(self.p)
        layout.addRow(QLabel("<b>Q</b>"))
        layout.addRow(self.q)
        layout.addRow(note)
        self.k.valueChanged.connect(self.k_changed)
        self.label.valueChanged.connect(self.label_changed)

    def show_families(self, p: Family, q: Family, label: int) -> None:
        """Set every control without emitting."""
        with QSignalBlocker(self.k):
            self.k.setValue(p.k)
        with QSignalBlocker(self.label):
            self.label.setRange(0, p.k - 1)
            self.label.setValue(label)
        self.p.show_family(p)
        self.q.show_family(q)
