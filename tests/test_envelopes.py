"""The long-tail lines keep every column's extremes, in a few thousand points."""

import numpy as np
import pytest

from viz.plotting import ENVELOPE_BUCKETS, envelope, step_envelope


def _intervals(k: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    width = rng.dirichlet(np.full(k, 0.3))
    width[rng.integers(0, k, size=k // 10)] = 0.0  # outcomes that never happen
    width /= width.sum()
    left = np.concatenate(([0.0], np.cumsum(width)[:-1]))
    return left, width, rng.random(k)


@pytest.mark.parametrize("k", [3 * ENVELOPE_BUCKETS, 100_000])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_step_line_keeps_each_columns_lowest_and_highest_interval(
    k: int, seed: int
) -> None:
    left, width, height = _intervals(k, seed)
    x, y = step_envelope(left, width, height)
    assert x.size == y.size <= 2 * ENVELOPE_BUCKETS
    assert np.all(np.diff(x) >= 0)
    column = np.minimum(
        (left / (left[-1] + width[-1]) * ENVELOPE_BUCKETS).astype(int),
        ENVELOPE_BUCKETS - 1,
    )
    starts = x[::2]
    for j in np.unique(column)[:: max(1, ENVELOPE_BUCKETS // 60)]:
        inside = column == j
        first = np.flatnonzero(inside)[0]
        # the column's first interval starts a step, at the column's extremes
        i = np.flatnonzero(starts == left[first])
        assert i.size, f"column {j} has no step"
        pair = y[2 * i[-1] : 2 * i[-1] + 2]
        assert pair.max() == height[inside].max()
        assert pair.min() == height[inside].min()


def test_a_single_spike_in_a_long_tail_survives_both_envelopes() -> None:
    k = 100_000
    values = np.full(k, 1e-6)
    values[73_519] = 0.5
    for log_x in (False, True):
        assert envelope(values, log_x)[1].max() == 0.5
    width = np.full(k, 1.0 / k)
    left = np.arange(k) / k
    assert step_envelope(left, width, values)[1].max() == 0.5
