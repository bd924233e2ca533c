"""An integer QSlider that speaks floats, linearly or logarithmically.

The float↔position mapping is written once here (and tested); every float
control in the window is one of these.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QSlider, QWidget


@dataclass(frozen=True)
class SliderScale:
    """Maps a float range onto slider positions 0..steps.

    With ``log=True`` equal slider travel multiplies the value by the same
    factor (for the temperature, where 0.05→0.1 matters as much as 10→20).
    """

    low: float
    high: float
    steps: int = 1000
    log: bool = False

    def __post_init__(self) -> None:
        if not self.low < self.high:
            raise ValueError(f"low must be below high, got {self.low}, {self.high}")
        if self.log and self.low <= 0:
            raise ValueError(f"a log scale needs low > 0, got {self.low}")
        if self.steps < 1:
            raise ValueError(f"steps must be at least 1, got {self.steps}")

    def to_position(self, value: float) -> int:
        """Nearest slider position for ``value``, clamped to the range."""
        clamped = min(max(value, self.low), self.high)
        if self.log:
            span = math.log(self.high / self.low)
            fraction = math.log(clamped / self.low) / span
        else:
            fraction = (clamped - self.low) / (self.high - self.low)
        return round(fraction * self.steps)

    def to_value(self, position: int) -> float:
        """The float a slider position stands for."""
        fraction = min(max(position, 0), self.steps) / self.steps
        if self.log:
            return float(self.low * (self.high / self.low) ** fraction)
        return float(self.low + fraction * (self.high - self.low))


#: Values between steps a slider remembers (the latest ones).
KEPT_BETWEEN = 16


class FloatSlider(QSlider):
    """A horizontal slider with a float value; emits ``value_changed_float``.

    ``set_float`` moves the handle without emitting anything, so the state can
    drive the control without a feedback loop.
    """

    value_changed_float = Signal(float)

    def __init__(self, scale: SliderScale, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.scale = scale
        self.setRange(0, scale.steps)
        self.setSingleStep(max(1, scale.steps // 200))
        self.setPageStep(max(1, scale.steps // 20))
        #: Values set between two steps, by the position that shows them.
        self._between: dict[int, float] = {}
        self.valueChanged.connect(self._emit_float)

    def _emit_float(self, position: int) -> None:
        self.value_changed_float.emit(self._value_at(position))

    def _value_at(self, position: int) -> float:
        return self._between.get(position, self.scale.to_value(position))

    def float_value(self) -> float:
        """The float the handle stands for now.

        At a position a value between two steps was set at
        (:meth:`set_float`), that value: a default of 0.5 between two of the
        slider's steps stood for 0.5012 there, so a drag away and back, or
        any other control's change read from the sliders, turned 0.5 into
        0.5012. Elsewhere the step's value.
        """
        return self._value_at(self.value())

    def set_float(self, value: float) -> None:
        """Move the handle to ``value`` without emitting signals."""
        with QSignalBlocker(self):
            self.setValue(self.scale.to_position(value))
        position = self.value()
        shown = min(max(float(value), self.scale.low), self.scale.high)
        self._between.pop(position, None)
        if shown != self.scale.to_value(position):
            self._between[position] = shown
            while len(self._between) > KEPT_BETWEEN:
                del self._between[next(iter(self._between))]
