"""The left-hand controls: one small widget per thing a user sets.

Each widget only translates between Qt controls and plain values: it emits a
signal when the user changes something and offers ``show_*`` methods that set
the controls without emitting (so the state can drive them). None of them
holds the scenario or computes anything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Signal, SignalInstance
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from core._checks import FloatArray
from core.numbers import format_fixed, unit_name
from viz.livetext import FixedWidthLabel
from viz.sliders import FloatSlider, SliderScale
from viz.translated import Retranslating
from viz.typed_entry import TypedEntry, in_range
from viz.widgets import set_text, show_stale

translate = QCoreApplication.translate

#: A typed value for row i: None when taken, else why it was refused.
TypedCommit = Callable[[int, float], str | None]

MIN_K = 2
MAX_SLIDER_K = 16
WEIGHT_SCALE = SliderScale(0.0, 1.0, steps=1000)
LOGIT_SCALE = SliderScale(-10.0, 10.0, steps=2000)
TEMPERATURE_SCALE = SliderScale(0.05, 20.0, steps=1000, log=True)
SMOOTHING_SCALE = SliderScale(0.0, 1.0, steps=1000)


class GestureSource(Protocol):
    """A widget that announces the start and end of a drag (one undo step)."""

    @property
    def gesture_started(self) -> SignalInstance:
        """Emitted when a drag begins."""

    @property
    def gesture_finished(self) -> SignalInstance:
        """Emitted when the drag ends."""


def forward_gestures(slider: FloatSlider, owner: GestureSource) -> None:
    """Re-emit a slider's press and release as ``owner``'s gesture signals.

    The state makes one undo step of everything between the two.
    """
    slider.sliderPressed.connect(owner.gesture_started)
    slider.sliderReleased.connect(owner.gesture_finished)


class SliderColumn(Retranslating, QWidget):
    """One labelled slider per outcome, e.g. ``p_slider_0`` … ``p_slider_{K-1}``.

    Rows are kept and reused when K changes, so shrinking K deletes exactly
    the rows that go and growing K builds only the new ones.
    """

    value_changed = Signal(int, float)
    #: A slider was pressed (start of one drag) or released (its end).
    gesture_started = Signal()
    gesture_finished = Signal()

    def __init__(
        self,
        prefix: str,
        symbol: str,
        scale: SliderScale,
        describe: Callable[[int], str],
        widest: str = "0.000",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._widest = widest
        self._prefix = prefix
        self._symbol = symbol
        self._scale = scale
        self._describe = describe
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setHorizontalSpacing(6)
        self._layout.setVerticalSpacing(2)
        self._sliders: list[FloatSlider] = []
        self._readouts: list[QLabel] = []
        self._names: list[QLabel] = []
        self._typing: tuple[Callable[[int], float], TypedCommit] | None = None
        self._why: Callable[[], str] | None = None

    def allow_typing(
        self, current: Callable[[int], float], commit: TypedCommit
    ) -> None:
        """Let a double-click on row i's number type a value for it.

        ``current(i)`` is the value the field starts from; ``commit(i, v)``
        takes a typed value and returns None, or why it was refused.
        """
        self._typing = (current, commit)
        for index in range(len(self._sliders)):
            self._add_typing(index)

    def _add_typing(self, index: int) -> None:
        if self._typing is None:
            return
        current, commit = self._typing
        TypedEntry(
            self._readouts[index],
            self._sliders[index],
            lambda: current(index),
            lambda value: commit(index, value),
        )

    def _describe_row(self, index: int, slider: QWidget, readout: QWidget) -> None:
        described = self._describe(index)
        slider.setAccessibleName(described)
        readout.setAccessibleName(
            translate("SliderColumn", "{slider}: value").format(slider=described)
        )

    def retranslate(self) -> None:
        """Every row's accessible names, and the tooltips of disabled sliders."""
        for index, (slider, readout) in enumerate(
            zip(self._sliders, self._readouts, strict=True)
        ):
            self._describe_row(index, slider, readout)
            if self._why is not None and not slider.isEnabled():
                slider.setToolTip(self._why())

    @property
    def sliders(self) -> Sequence[FloatSlider]:
        """The sliders, in outcome order."""
        return tuple(self._sliders)

    def readout(self, index: int) -> QLabel:
        """The label beside slider ``index``."""
        return self._readouts[index]

    def set_count(self, k: int) -> None:
        """Show exactly ``k`` rows."""
        while len(self._sliders) > k:
            for widget in (
                self._sliders.pop(),
                self._readouts.pop(),
                self._names.pop(),
            ):
                self._layout.removeWidget(widget)
                widget.setParent(None)
                widget.deleteLater()
        while len(self._sliders) < k:
            self._add_row(len(self._sliders))

    def _add_row(self, index: int) -> None:
        name = QLabel(f"{self._symbol}<sub>{index}</sub>")
        slider = FloatSlider(self._scale)
        slider.setObjectName(f"{self._prefix}_slider_{index}")
        slider.value_changed_float.connect(
            lambda v, i=index: self.value_changed.emit(i, v)
        )
        forward_gestures(slider, self)
        readout = FixedWidthLabel(self._widest)
        readout.setObjectName(f"{self._prefix}_value_{index}")
        self._describe_row(index, slider, readout)
        for column, widget in enumerate((name, slider, readout)):
            self._layout.addWidget(widget, index, column)
        self._names.append(name)
        self._sliders.append(slider)
        self._readouts.append(readout)
        self._add_typing(index)

    def show_values(self, values: Sequence[float] | FloatArray) -> None:
        """Move the handles to ``values`` without emitting."""
        for slider, value in zip(self._sliders, values, strict=False):
            slider.set_float(float(value))

    def set_texts_stale(self, stale: bool) -> None:
        """Grey the labels beside the sliders while they are the last valid state's."""
        show_stale(list(self._readouts), stale)

    def show_texts(self, texts: Sequence[str]) -> None:
        """Set the labels beside the sliders."""
        for label, text in zip(self._readouts, texts, strict=False):
            set_text(label, text)

    def set_editable(self, editable: bool, why: str | Callable[[], str] = "") -> None:
        """Enable or disable every slider, with a tooltip saying why.

        ``why`` may be a function that words the reason, so that the tooltip
        follows a change of language.
        """
        self._why = why if callable(why) else (lambda: why)
        for slider in self._sliders:
            if slider.isEnabled() == editable:
                continue
            slider.setEnabled(editable)
            slider.setToolTip("" if editable else self._why())


class OutcomeCount(Retranslating, QWidget):
    """The number of outcomes K (``k_spin``), 2 to 16."""

    count_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel()
        self.caption = label
        self.spin = QSpinBox()
        self.spin.setObjectName("k_spin")
        self.spin.setRange(MIN_K, MAX_SLIDER_K)
        label.setBuddy(self.spin)
        layout.addWidget(label)
        layout.addWidget(self.spin)
        layout.addStretch(1)
        self.spin.valueChanged.connect(self.count_changed)
        self.retranslate()

    def retranslate(self) -> None:
        """The caption in the language in use."""
        self.caption.setText(translate("OutcomeCount", "Outcomes K"))
        self.spin.setAccessibleName(translate("OutcomeCount", "Number of outcomes K"))

    def show_count(self, k: int) -> None:
        """Set the spin box without emitting."""
        if self.spin.value() != k:
            with QSignalBlocker(self.spin):
                self.spin.setValue(k)


class LossSettings(Retranslating, QWidget):
    """Temperature, true class, label smoothing and the link to Q."""

    temperature_changed = Signal(float)
    label_changed = Signal(int)
    smoothing_changed = Signal(float)
    linked_changed = Signal(bool)
    gesture_started = Signal()
    gesture_finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.temperature = FloatSlider(TEMPERATURE_SCALE)
        self.temperature.setObjectName("temperature_slider")
        self.temperature_value = FixedWidthLabel("00.000")
        self.temperature_value.setObjectName("temperature_value")
        self.label = QComboBox()
        self.label.setObjectName("label_combo")
        self.smoothing = FloatSlider(SMOOTHING_SCALE)
        self.smoothing.setObjectName("smoothing_slider")
        self.smoothing_value = FixedWidthLabel("00.000")
        self.smoothing_value.setObjectName("smoothing_value")
        self.link = QCheckBox()
        self.link.setObjectName("link_toggle")
        rows = (
            ("temperature", self.temperature, self.temperature_value),
            ("label", self.label, None),
            ("smoothing", self.smoothing, self.smoothing_value),
        )
        self._captions: dict[str, QLabel] = {}
        for row, (key, control, value) in enumerate(rows):
            caption = QLabel()
            self._captions[key] = caption
            caption.setBuddy(control)
            if control is self.label:
                self._label_caption = caption
            grid.addWidget(caption, row, 0)
            grid.addWidget(control, row, 1)
            if value is not None:
                grid.addWidget(value, row, 2)
        grid.addWidget(self.link, len(rows), 0, 1, 3)
        self.smoothed_note = QLabel()
        self.smoothed_note.setObjectName("smoothed_target_note")
        self.smoothed_note.setWordWrap(True)
        # Its width is what the column has: its own wish widened the column.
        self.smoothed_note.setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        )
        self.smoothed_note.setVisible(False)
        grid.addWidget(self.smoothed_note, len(rows) + 1, 0, 1, 3)
        forward_gestures(self.temperature, self)
        forward_gestures(self.smoothing, self)
        self.temperature.value_changed_float.connect(self.temperature_changed)
        TypedEntry(
            self.temperature_value,
            self.temperature,
            self.temperature.float_value,
            in_range(
                TEMPERATURE_SCALE.low,
                TEMPERATURE_SCALE.high,
                "T",
                self._typed(self.temperature_changed),
            ),
        )
        TypedEntry(
            self.smoothing_value,
            self.smoothing,
            self.smoothing.float_value,
            in_range(0.0, 1.0, "ε", self._typed(self.smoothing_changed)),
        )
        self.label.currentIndexChanged.connect(self._emit_label)
        self.smoothing.value_changed_float.connect(self.smoothing_changed)
        self.link.toggled.connect(self.linked_changed)
        self.retranslate()

    def retranslate(self) -> None:
        """Captions, names, tooltips and the classes' names in the language in use."""
        captions = self._captions
        captions["temperature"].setText(translate("LossSettings", "Temperature T"))
        self._word_target()
        captions["smoothing"].setText(translate("LossSettings", "Label smoothing ε"))
        names = (
            (self.temperature, translate("LossSettings", "Softmax temperature T")),
            (self.temperature_value, translate("LossSettings", "Temperature T: value")),
            (self.label, translate("LossSettings", "True class")),
            (self.smoothing, translate("LossSettings", "Label smoothing epsilon")),
            (
                self.smoothing_value,
                translate("LossSettings", "Label smoothing ε: value"),
            ),
            (
                self.link,
                translate("LossSettings", "Link Q to the softmax and the target to P"),
            ),
        )
        for widget, name in names:
            widget.setAccessibleName(name)
        for index in range(self.label.count()):
            self.label.setItemText(index, class_name(index))

    #: What the target is, as last shown: linked (to P), and smoothed (ε > 0).
    _linked = False
    _smoothed = False

    def _word_target(self) -> None:
        """The class box's caption and the link's text say what the target is.

        Linked, the target is P and "True class y" picks no target: it only
        chooses the logit the loss curve sweeps. Smoothed, the target is no
        longer P itself, and "the loss is then H(P,Q)" was false.
        """
        if self._linked:
            caption = translate("LossSettings", "Curve's class y")
            why = translate(
                "LossSettings",
                "Linked, the target is P, not one class: y picks the logit z_y\n"
                "that the loss curve sweeps, and the class outlined in the plots.",
            )
        else:
            caption, why = translate("LossSettings", "True class y"), ""
        self._captions["label"].setText(caption)
        self.label.setToolTip(why)
        self.link.setText(
            translate("LossSettings", "Link: Q = softmax(z/T), target = P")
        )
        if self._smoothed:
            tip = translate(
                "LossSettings",
                "Q becomes the softmax of the logits and the loss's target becomes\n"
                "P smoothed: (1 − ε)·P + ε/K. The loss is then H(that target, Q);\n"
                "at ε = 0 it is H(P,Q), and KL(P‖Q) = loss − H(P).",
            )
        else:
            tip = translate(
                "LossSettings",
                "Q becomes the softmax of the logits and the loss's target becomes P:\n"
                "the loss is then H(P,Q), and KL(P‖Q) = loss − H(P).",
            )
        self.link.setToolTip(tip)
        # A line that wraps, not a longer check box: the column is 300 px.
        set_text(
            self.smoothed_note,
            translate(
                "LossSettings",
                "Smoothed by ε, the target is (1 − ε)·P + ε/K, not P: the loss is "
                "the cross-entropy against it, H(target, Q).",
            )
            if self._smoothed
            else "",
        )
        self.smoothed_note.setVisible(self._smoothed)

    @staticmethod
    def _typed(signal: SignalInstance) -> Callable[[float], None]:
        def emit(value: float) -> None:
            signal.emit(value)

        return emit

    def _emit_label(self, index: int) -> None:
        if index >= 0:
            self.label_changed.emit(index)

    def show_settings(
        self,
        temperature: float,
        label: int,
        k: int | None,
        smoothing: float,
        linked: bool,
    ) -> None:
        """Set every control without emitting; ``k=None`` hides the class list.

        In family mode K can be 100,000: a combo box that long is useless, so
        the family settings offer a spin box instead.
        """
        # Three decimals, as every slider's value beside them ("1" and "0"
        # stood under "0.400"); both are at most 20 with 0.001 steps.
        self.temperature.set_float(temperature)
        set_text(self.temperature_value, format_fixed(temperature, 3))
        self.smoothing.set_float(smoothing)
        set_text(self.smoothing_value, format_fixed(smoothing, 3))
        if self.label.isVisibleTo(self) != (k is not None):
            self.label.setVisible(k is not None)
            self._label_caption.setVisible(k is not None)
        with QSignalBlocker(self.label):
            if k is not None and self.label.count() != k:
                self.label.clear()
                self.label.addItems([class_name(i) for i in range(k)])
            if k is not None and self.label.currentIndex() != label:
                self.label.setCurrentIndex(label)
        if self.link.isChecked() != linked:
            with QSignalBlocker(self.link):
                self.link.setChecked(linked)
        smoothed = linked and smoothing > 0
        if (linked, smoothed) != (self._linked, self._smoothed):
            self._linked, self._smoothed = linked, smoothed
            self._word_target()


def class_name(index: int) -> str:
    """A class of the true-class list: "class 2" ("类别 2")."""
    return translate("LossSettings", "class {index}").format(index=index)


class ViewSettings(Retranslating, QWidget):
    """Units (bits or nats) and the reset to the default scenario."""

    units_changed = Signal(str)
    reset_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._shown_units = "bits"
        self.units = QPushButton()
        self.units.setCheckable(True)
        self.units.setObjectName("units_toggle")
        self.reset = QPushButton()
        self.reset.setObjectName("reset_button")
        self.retranslate()
        layout.addWidget(self.units)
        layout.addWidget(self.reset)
        layout.addStretch(1)
        self.units.toggled.connect(
            lambda nats: self.units_changed.emit("nats" if nats else "bits")
        )
        self.reset.clicked.connect(self.reset_requested)

    def retranslate(self) -> None:
        """The buttons' texts in the language in use."""
        self.units.setAccessibleName(translate("ViewSettings", "Units: bits or nats"))
        self.units.setToolTip(
            translate(
                "ViewSettings",
                "Switch between bits (log base 2) and nats (natural log)",
            )
        )
        self.reset.setText(translate("ViewSettings", "Reset"))
        self.reset.setAccessibleName(
            translate("ViewSettings", "Reset to the default scenario")
        )
        self._show_units_text()

    def _show_units_text(self) -> None:
        set_text(
            self.units,
            translate("ViewSettings", "Units: {units}").format(
                units=unit_name(self._shown_units)
            ),
        )

    def show_units(self, units: str) -> None:
        """Set the toggle without emitting."""
        if self.units.isChecked() != (units == "nats"):
            with QSignalBlocker(self.units):
                self.units.setChecked(units == "nats")
        self._shown_units = units
        self._show_units_text()
