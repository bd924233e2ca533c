"""Next-token lab statistics: time per full set (median, ms) and float32 accuracy.

For each bundled vocabulary size, the full set of statistics of two models
(core.next_token.next_token_statistics: temperature, truncation, entropy,
perplexity, cut mass, the truncation's divergences, KL both ways and JS,
top tokens, rank curves) in float32 and in float64, with and without
truncation, next to the floor of one float32 exp over the vocabulary in the
same run (a busy machine slows both alike). Then the largest relative
difference between float32 and float64 over a grid of settings.

Run: .venv/bin/python benchmarks/next_token.py [--repeats 31]
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.next_token import (
    EXAMPLE_SIZES,
    DecodingSettings,
    example_distributions,
    next_token_statistics,
)

TRUNCATED = DecodingSettings(temperature=0.8, top_k=50, top_p=0.9, min_p=0.01)
GRID = [
    DecodingSettings(temperature=t, top_k=k, top_p=p, min_p=m)
    for t in (0.5, 1.0, 1.5)
    for k in (None, 40)
    for p in (None, 0.9)
    for m in (None, 0.05)
]
MODEL_FIELDS = ("entropy", "truncated_entropy", "cut_mass", "kl_from_truncated")
PAIR_FIELDS = ("kl_pq", "kl_qp", "js")


def timings_ms(call, repeats: int) -> tuple[float, float]:
    """(median, minimum) in ms: the minimum is the cost on an idle machine."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3, min(times) * 1e3


def largest_relative_difference(v: int) -> float:
    p, q = example_distributions(v)
    worst = 0.0
    for settings in GRID:
        single = next_token_statistics(p, q, settings, units="nats")
        double = next_token_statistics(
            p, q, settings, units="nats", precision="float64"
        )
        pairs = [
            (getattr(a, name), getattr(b, name))
            for a, b in ((single.p, double.p), (single.q, double.q))
            for name in MODEL_FIELDS
        ]
        pairs += [
            (getattr(single.pair, n), getattr(double.pair, n)) for n in PAIR_FIELDS
        ]
        for x, y in pairs:
            if math.isfinite(y) and y != 0:
                worst = max(worst, abs(x / y - 1))
    return worst


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=31)
    repeats = parser.parse_args().repeats
    for v in EXAMPLE_SIZES:
        p, q = example_distributions(v)
        x = np.random.default_rng(0).normal(size=v).astype(np.float32)
        floor, _ = timings_ms(lambda x=x: np.exp(x), repeats)
        print(f"V = {v:,}: one float32 exp over V takes {floor:.2f} ms")
        for label, settings in (
            ("T = 1", DecodingSettings()),
            ("truncated", TRUNCATED),
        ):
            for precision in ("float32", "float64"):
                median, least = timings_ms(
                    lambda p=p, q=q, s=settings, c=precision: next_token_statistics(
                        p, q, s, precision=c
                    ),
                    repeats,
                )
                print(
                    f"  {label:9} {precision}: median {median:6.1f} ms "
                    f"({median / floor:4.1f} exps), least {least:6.1f} ms"
                )
        worst = largest_relative_difference(v)
        print(
            f"  float32 vs float64, {len(GRID)} settings: at most {worst:.1e} relative"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
