"""A float slider gives back the value it was set to, not its nearest step's."""

from __future__ import annotations

from typing import Any

import pytest

from viz.sliders import FloatSlider, SliderScale

LOG = SliderScale(0.01, 10.0, steps=1000, log=True)


def test_a_value_between_steps_is_read_back_as_set(qtbot: Any) -> None:
    slider = FloatSlider(LOG)
    qtbot.addWidget(slider)
    slider.set_float(0.5)
    step_value = LOG.to_value(slider.value())
    assert step_value != 0.5  # 0.5 lies between two steps of this scale
    assert slider.float_value() == 0.5
    emitted: list[float] = []
    slider.value_changed_float.connect(emitted.append)
    start = slider.value()
    slider.setValue(start + 1)
    slider.setValue(start)  # a drag away and back
    assert emitted == [LOG.to_value(start + 1), 0.5]
    assert slider.float_value() == 0.5


def test_a_value_out_of_range_reads_as_the_end_it_stands_at(qtbot: Any) -> None:
    slider = FloatSlider(LOG)
    qtbot.addWidget(slider)
    slider.set_float(30.0)
    assert slider.value() == LOG.steps and slider.float_value() == 10.0
    slider.set_float(1e-9)
    assert slider.value() == 0 and slider.float_value() == 0.01


@pytest.mark.parametrize("value", [0.01, 0.2, 1.0, 7.5, 10.0])
def test_a_moved_handle_stands_for_its_step(qtbot: Any, value: float) -> None:
    slider = FloatSlider(LOG)
    qtbot.addWidget(slider)
    slider.set_float(value)
    position = min(slider.value() + 3, LOG.steps - 1) if value < 10 else 500
    slider.setValue(position)
    assert slider.float_value() == LOG.to_value(position)


def test_the_value_set_survives_the_steps_a_drag_shows_on_the_way(qtbot: Any) -> None:
    # A page shows each value of a drag on its slider again (set_float at a
    # step): coming back to where 0.5 was set still reads 0.5.
    slider = FloatSlider(LOG)
    qtbot.addWidget(slider)
    slider.set_float(0.5)
    start = slider.value()
    slider.setValue(start + 50)
    slider.set_float(slider.float_value())  # the page shows the new state
    slider.setValue(start)
    assert slider.float_value() == 0.5
    slider.set_float(LOG.to_value(start))  # a step's own value set there
    assert slider.float_value() == LOG.to_value(start)
