"""Family mode: P and Q from parametric families, for K up to 100,000."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from core.families import FAMILY_PARAMETERS, MAX_FAMILY_K, Family
from core.i18n import QT_TRANSLATE_NOOP
from core.numbers import format_fixed
from viz.controls import forward_gestures
from viz.livetext import FixedWidthLabel
from viz.sliders import FloatSlider, SliderScale
from viz.translated import Retranslating
from viz.typed_entry import TypedEntry, in_range
from viz.widgets import set_range, set_text

translate = QCoreApplication.translate

#: Each family's name in English (:func:`kind_title`: in the language in use).
KIND_TITLES = {
    "uniform": QT_TRANSLATE_NOOP("Families", "Uniform"),
    "zipf": QT_TRANSLATE_NOOP("Families", "Zipf (word frequencies)"),
    "two_peaks": QT_TRANSLATE_NOOP("Families", "Two peaks"),
    "dirichlet": QT_TRANSLATE_NOOP("Families", "Random (Dirichlet draw)"),
}

#: Each shape parameter's name in English (:func:`parameter_name` translates).
PARAMETER_NAMES = {
    "exponent": QT_TRANSLATE_NOOP("Families", "exponent"),
    "position_1": QT_TRANSLATE_NOOP("Families", "position 1"),
    "width_1": QT_TRANSLATE_NOOP("Families", "width 1"),
    "position_2": QT_TRANSLATE_NOOP("Families", "position 2"),
    "width_2": QT_TRANSLATE_NOOP("Families", "width 2"),
    "mix": QT_TRANSLATE_NOOP("Families", "mix"),
    "concentration": QT_TRANSLATE_NOOP("Families", "concentration"),
    "seed": QT_TRANSLATE_NOOP("Families", "seed"),
}


def kind_title(kind: str) -> str:
    """A family's name in the language in use ("Zipf (word frequencies)")."""
    return translate("Families", KIND_TITLES[kind])  # i18n: variable (KIND_TITLES)


def parameter_name(name: str) -> str:
    """A shape parameter's name in the language in use ("width 1")."""
    source = PARAMETER_NAMES.get(name, name.replace("_", " "))
    return translate("Families", source)  # i18n: variable (PARAMETER_NAMES)


def parameter_text(value: float) -> str:
    """A shape parameter beside its slider: 0.250, 1.070, a narrow width 0.0053."""
    return format_fixed(value, 3 if value == 0 or abs(value) >= 0.01 else 4)


def _scale(low: float, high: float) -> SliderScale:
    # Widths and concentrations span orders of magnitude: slide them in log.
    log = low > 0 and high / low >= 100
    return SliderScale(low, high, steps=1000, log=log)


class FamilyEditor(Retranslating, QWidget):
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
        for kind in KIND_TITLES:
            self.kind.addItem(kind_title(kind), kind)
        self._kind_caption = QLabel()
        self._layout.addRow(self._kind_caption, self.kind)
        self._captions: dict[tuple[str, str], QLabel] = {}
        self.controls: dict[tuple[str, str], QWidget] = {}
        #: The number beside each slider (the seed's spin box shows its own).
        self.values: dict[tuple[str, str], FixedWidthLabel] = {}
        self._rows: dict[tuple[str, str], QWidget] = {}
        for kind, parameters in FAMILY_PARAMETERS.items():
            for name, (_, low, high) in parameters.items():
                self.controls[(kind, name)] = self._make_control(kind, name, low, high)
            # A kind chosen for the first time starts from its defaults, not
            # from each slider's minimum (two peaks at 0, width 0.001...).
            self._show_parameters(Family(kind, self._k))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.retranslate()

    def retranslate(self) -> None:
        """Every caption and name in the language in use."""
        symbol = self._prefix.upper()
        self._kind_caption.setText(translate("FamilyEditor", "Family"))
        self.kind.setAccessibleName(
            translate("FamilyEditor", "{distribution} family").format(
                distribution=symbol
            )
        )
        for index in range(self.kind.count()):
            self.kind.setItemText(index, kind_title(str(self.kind.itemData(index))))
        for (kind, name), caption in self._captions.items():
            caption.setText(parameter_name(name))
            accessible = translate(
                "FamilyEditor", "{distribution} {family} {parameter}"
            ).format(
                distribution=symbol,
                family=kind_title(kind),
                parameter=parameter_name(name),
            )
            self.controls[(kind, name)].setAccessibleName(accessible)
            if (kind, name) in self.values:
                self.values[(kind, name)].setAccessibleName(
                    translate("FamilyEditor", "{control}: value").format(
                        control=accessible
                    )
                )

    def _make_control(self, kind: str, name: str, low: float, high: float) -> QWidget:
        control: QWidget
        row: QWidget
        if name == "seed":
            spin = QSpinBox()
            spin.setRange(int(low), int(high))
            spin.valueChanged.connect(self._emit)
            control = row = spin
        else:
            slider = FloatSlider(_scale(low, high))
            slider.value_changed_float.connect(self._emit)
            forward_gestures(slider, self)
            control = slider
            row = self._slider_row(kind, name, slider, low, high)
        control.setObjectName(f"{self._prefix}_family_{name}")
        caption = QLabel(parameter_name(name))
        caption.setBuddy(control)
        self._captions[(kind, name)] = caption
        self._rows[(kind, name)] = row
        self._layout.addRow(caption, row)
        return control

    def _slider_row(
        self, kind: str, name: str, slider: FloatSlider, low: float, high: float
    ) -> QWidget:
        """The slider with its number beside it, which a double-click types."""
        value = FixedWidthLabel("000.000")
        value.setObjectName(f"{self._prefix}_family_{name}_value")
        self.values[(kind, name)] = value
        slider.value_changed_float.connect(
            lambda number, label=value: set_text(label, parameter_text(number))
        )

        def typed(number: float) -> None:
            slider.set_float(number)
            set_text(value, parameter_text(number))
            self._emit()

        TypedEntry(
            value,
            slider,
            slider.float_value,
            in_range(low, high, parameter_name(name), _committed(typed)),
        )
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(slider, 1)
        layout.addWidget(value)
        return row

    def _kind_changed(self) -> None:
        self._show_rows(self.current_kind())
        self._emit()

    def current_kind(self) -> str:
        """The kind chosen in the combo box."""
        return str(self.kind.currentData())

    def _show_rows(self, kind: str) -> None:
        for (owner, _), row in self._rows.items():
            self._layout.setRowVisible(row, owner == kind)

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
                set_text(self.values[(family.kind, name)], parameter_text(value))


def _committed(apply: Callable[[float], None]) -> Callable[[float], str | None]:
    """``apply`` as a TypedEntry's commit: it refuses nothing in range."""

    def commit(value: float) -> None:
        apply(value)

    return commit


class FamilySettings(Retranslating, QWidget):
    """K for family mode (``family_k_spin``), the true class, and both editors."""

    k_changed = Signal(int)
    label_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.k = QSpinBox()
        self.k.setObjectName("family_k_spin")
        self.k.setRange(2, MAX_FAMILY_K)
        self.k.setKeyboardTracking(False)
        self.k.setGroupSeparatorShown(True)
        self.label = QSpinBox()
        self.label.setObjectName("family_label_spin")
        self.label.setKeyboardTracking(False)
        self.p = FamilyEditor("p")
        self.q = FamilyEditor("q")
        note = QLabel()
        note.setWordWrap(True)
        self._note = note
        self._k_caption, self._label_caption = QLabel(), QLabel()
        layout.addRow(self._k_caption, self.k)
        layout.addRow(self._label_caption, self.label)
        layout.addRow(QLabel("<b>P</b>"))
        layout.addRow(self.p)
        layout.addRow(QLabel("<b>Q</b>"))
        layout.addRow(self.q)
        layout.addRow(note)
        self.k.valueChanged.connect(self.k_changed)
        self.label.valueChanged.connect(self.label_changed)
        self.retranslate()

    def retranslate(self) -> None:
        """Captions, names and the note in the language in use."""
        self.k.setAccessibleName(
            translate("FamilySettings", "Number of outcomes K in family mode")
        )
        self.label.setAccessibleName(
            translate("FamilySettings", "True class in family mode")
        )
        self._k_caption.setText(translate("FamilySettings", "Outcomes K"))
        self._label_caption.setText(translate("FamilySettings", "True class y"))
        self._note.setText(
            translate(
                "FamilySettings",
                "The logits are log Q: softmax at T = 1 gives Q back, like a "
                "language model's prediction; the temperature reshapes it.",
            )
        )

    def show_families(self, p: Family, q: Family, label: int) -> None:
        """Set every control without emitting."""
        with QSignalBlocker(self.k):
            self.k.setValue(p.k)
        with QSignalBlocker(self.label):
            set_range(self.label, 0, p.k - 1)
            self.label.setValue(label)
        self.p.show_family(p)
        self.q.show_family(q)
