"""Time per step of the animations' pure step functions (medians, microseconds).

The pages run a fixed number of steps per frame; these figures say how many
fit in a 16.7 ms frame. Run: .venv/bin/python benchmarks/steps.py [--repeats 2000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.fitting import default_kl_start, start_kl_fit, step_kl_fit, two_peak_target
from core.training import (
    start_logit_training,
    start_sigmoid_descent,
    step_logit_training,
    step_sigmoid_descent,
)


def median_microseconds(step, state, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        state = step(state)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=2000)
    repeats = parser.parse_args().repeats
    logits = [2.0, 1.0, 0.1, -1.0, 0.5]
    target = two_peak_target()
    mu, log_sigma = default_kl_start()
    cases = {
        "sigmoid, cross-entropy": (
            step_sigmoid_descent,
            start_sigmoid_descent("cross_entropy"),
        ),
        "sigmoid, squared error": (
            step_sigmoid_descent,
            start_sigmoid_descent("squared_error"),
        ),
        "logits K=5, cross-entropy": (
            step_logit_training,
            start_logit_training(logits, 3, "cross_entropy"),
        ),
        "logits K=5, squared error": (
            step_logit_training,
            start_logit_training(logits, 3, "squared_error"),
        ),
        "KL fit K=60, forward": (
            step_kl_fit,
            start_kl_fit(target, "forward", mu, log_sigma),
        ),
        "KL fit K=60, reverse": (
            step_kl_fit,
            start_kl_fit(target, "reverse", mu, log_sigma),
        ),
    }
    print(f"{'step':28} {'median µs':>10} {'steps per 16.7 ms':>18}")
    for name, (step, state) in cases.items():
        micro = median_microseconds(step, state, repeats)
        print(f"{name:28} {micro:10.1f} {16_700 / micro:18.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
