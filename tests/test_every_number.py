"""Every number the explorer shows, against values computed independently.

For each preset and for seeded random scenarios (sliders and families up to
K = 100,000) the window is set to the scenario and every readout and the data
of every plot item is compared with a reference computed here from the
scenario's inputs alone: SciPy for entropies, divergences, softmax and the
loss, and central finite differences of an independent loss function for
every gradient. No core function computes an expected value.

Display conventions the comparisons follow (they are the views', not the
numbers'): readouts show four decimals (or three significant digits) with the
unit, and "∞ <reason>" for an infinite value; an infinite KL term or total has
no plain bar but a hatched one that ends at the plot's top edge, whatever the
range, with an ∞ inside the plot;
above 200 outcomes a series is a line, through every bucket's minimum and
maximum when K is large; the loss curve is in the scenario's units, every
gradient in nats.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import numpy as np
import pytest
from numpy.typing import NDArray
from PySide6.QtWidgets import QWidget
from scipy.spatial.distance import jensenshannon
from scipy.special import log_softmax, logsumexp, rel_entr, softmax, xlogy
from scipy.stats import entropy

from core import FAMILY_PARAMETERS, Family, Scenario
from viz.plotting import InfiniteBars

LN_UNIT = {"bits": math.log(2.0), "nats": 1.0}
READOUT_KEYS = (
    "entropy_p",
    "entropy_q",
    "cross_entropy_pq",
    "cross_entropy_qp",
    "kl_pq",
    "kl_qp",
    "js",
    "loss",
)
#: Above this many outcomes the explorer draws lines instead of bars.
BARS_UP_TO = 200
#: Finite-difference step, as a fraction of the temperature.
STEP = 1e-4
#: Outcomes listed by name in a reason for ∞ before "and N more".
LISTED = 5

Array = NDArray[np.float64]


# --- the reference -------------------------------------------------------------


def family_weights(family: Family) -> Array:
    """A family's weights from its documented definition (core.Family)."""
    params = {name: d for name, (d, _, _) in FAMILY_PARAMETERS[family.kind].items()}
    params.update(family.params)
    k = family.k
    if family.kind == "uniform":
        return np.ones(k)
    if family.kind == "zipf":
        return np.arange(1, k + 1, dtype=np.float64) ** -params["exponent"]
    if family.kind == "two_peaks":
        x = np.linspace(0.0, 1.0, k)
        bumps = params["mix"] * np.exp(
            -0.5 * ((x - params["position_1"]) / params["width_1"]) ** 2
        ) + (1 - params["mix"]) * np.exp(
            -0.5 * ((x - params["position_2"]) / params["width_2"]) ** 2
        )
        return bumps if bumps.any() else np.ones(k)
    draw = np.random.default_rng(int(params["seed"])).dirichlet(
        np.full(k, params["concentration"])
    )
    return draw if draw.any() else np.ones(k)


def loss_nats(z: Array, y: Array, t: float) -> float:
    """−Σ y log softmax(z/T), with 0·log 0 = 0."""
    log_s = log_softmax(z / t)
    used = y > 0
    return float(-np.sum(y[used] * log_s[used]))


def gradient_by_differences(z: Array, y: Array, t: float) -> Array:
    """∂L/∂z_i by central differences of :func:`loss_nats`, one logit at a time."""
    h = STEP * t
    grad = np.empty(z.size)
    for i in range(z.size):
        up, down = z.copy(), z.copy()
        up[i] += h
        down[i] -= h
        grad[i] = (loss_nats(up, y, t) - loss_nats(down, y, t)) / (up[i] - down[i])
    return grad


def gradient_by_differences_at_scale(z: Array, y: Array, t: float) -> Array:
    """The same central differences for K up to 100,000 (and −inf logits).

    Moving z_i alone by ±h changes L = logsumexp(z/T) − Σ y_j z_j/T by
    log1p(s_i·expm1(±h/T)) ∓ y_i·h/T, with s = softmax(z/T): the difference
    L(z + h e_i) − L(z − h e_i) for every i at once, without cancellation.
    """
    h = STEP * t
    s, a = softmax(z / t), h / t
    difference = np.log1p(s * np.expm1(a)) - np.log1p(s * np.expm1(-a)) - 2 * y * a
    return difference / (2 * h)


def loss_along_true_logit(
    z: Array, y: Array, t: float, label: int, xs: Array, finite_part: bool = False
) -> Array:
    """The loss in nats with the true class's logit set to each of ``xs``.

    ``finite_part`` drops the terms −y_j·z_j/T of classes with z_j = −inf:
    constants in z_y that make the loss +inf everywhere. What is left has the
    same slope, which finite differences can then measure.
    """
    if z.size <= 16 and np.isfinite(z).all():
        grid = np.tile(z, (xs.size, 1))
        grid[:, label] = xs
        log_s = log_softmax(grid / t, axis=1)
        used = y > 0
        return -np.sum(y[used] * log_s[:, used], axis=1)
    # Large K: split the normaliser into the other classes and the true one;
    # L = Σ_j y_j·(log Σ exp(z/T) − z_j/T).
    others = np.delete(z, label) / t
    y_others = np.delete(y, label)
    normaliser = np.logaddexp(logsumexp(others), xs / t)
    used = y_others > 0
    constants = others[used]
    if finite_part:
        constants = np.where(np.isneginf(constants), 0.0, constants)
    weight = float(np.sum(y_others[used]))
    loss = normaliser * weight - float(np.sum(y_others[used] * constants))
    if y[label] > 0:
        loss = loss + y[label] * (normaliser - xs / t)
    return loss


def reason(cause: str, indices: NDArray[np.intp]) -> str:
    """The documented wording of why a value is ∞ (core.metrics.reason_text)."""
    names = [str(i) for i in indices]
    if len(names) == 1:
        return f"{cause} at outcome {names[0]}"
    if len(names) > LISTED:
        shown = ", ".join(names[:LISTED])
        return f"{cause} at outcomes {shown} and {len(names) - LISTED} more"
    return f"{cause} at outcomes {', '.join(names[:-1])} and {names[-1]}"


@dataclass
class Reference:
    """Every number the explorer should show, computed here."""

    k: int
    t: float
    label: int
    ln_unit: float
    log_x: bool
    p: Array
    q: Array
    z: Array
    softmax: Array
    target: Array
    terms_pq: Array
    terms_qp: Array
    readouts: dict[str, float]
    reasons: dict[str, str]
    grad: Array


def reference(s: Scenario) -> Reference:
    p_w = family_weights(s.p_family) if s.p_family else np.array(s.p_weights)
    q_w = family_weights(s.q_family) if s.q_family else np.array(s.q_weights)
    with np.errstate(divide="ignore"):
        z = np.log(q_w) if s.logits_follow_q else np.array(s.logits)
    k, t, ln_unit = p_w.size, float(s.temperature), LN_UNIT[s.units]
    p = p_w / np.sum(p_w)
    log_s = log_softmax(z / t)
    soft = softmax(z / t)
    with np.errstate(divide="ignore"):
        # Linked, Q is the softmax and its log is log_softmax (finite where the
        # softmax underflows to 0). Otherwise Q is the normalised array: a
        # weight of 1e-322 over a total of 60 is a Q of exactly 0.
        q = soft if s.linked else q_w / np.sum(q_w)
        log_q = log_s if s.linked else np.log(q)
        log_p = np.log(p)
    one_hot = np.zeros(k)
    one_hot[s.label] = 1.0
    y = p if s.linked else one_hot
    y = (1.0 - s.label_smoothing) * y + s.label_smoothing / k
    if s.linked:
        used = p > 0
        terms_pq = np.zeros(k)
        terms_pq[used] = p[used] * (log_p[used] - log_q[used])
        cross_pq = float(-np.sum(p[used] * log_q[used]))
    else:
        terms_pq = rel_entr(p, q)
        cross_pq = float(-np.sum(xlogy(p, q)))
    terms_qp = rel_entr(q, p)
    nats = {
        "entropy_p": entropy(p),
        "entropy_q": entropy(q),
        "cross_entropy_pq": cross_pq,
        "cross_entropy_qp": float(-np.sum(xlogy(q, p))),
        "kl_pq": float(np.sum(terms_pq)),
        "kl_qp": float(np.sum(terms_qp)),
        "js": float(jensenshannon(p, q)) ** 2,
        "loss": loss_nats(z, y, t),
    }
    if not s.linked:
        assert nats["kl_pq"] == pytest.approx(entropy(p, q), rel=1e-9, abs=1e-12)
    pq_cause = np.flatnonzero((p > 0) & np.isneginf(log_q))
    qp_cause = np.flatnonzero((q > 0) & (p == 0))
    loss_cause = np.flatnonzero((y > 0) & np.isneginf(log_s))
    causes = {
        "kl_pq": ("Q = 0 where P > 0", pq_cause),
        "cross_entropy_pq": ("Q = 0 where P > 0", pq_cause),
        "kl_qp": ("P = 0 where Q > 0", qp_cause),
        "cross_entropy_qp": ("P = 0 where Q > 0", qp_cause),
        "loss": ("softmax = 0 where the target > 0", loss_cause),
    }
    reasons = {
        key: reason(*causes[key]) if key in causes and causes[key][1].size else ""
        for key in READOUT_KEYS
    }
    small = k <= BARS_UP_TO and np.isfinite(z).all()
    grad = (gradient_by_differences if small else gradient_by_differences_at_scale)(
        z, y, t
    )
    families = (s.p_family, s.q_family)
    # A log rank axis for ranked families only: a Zipf, with a Zipf or a
    # uniform (two peaks and a Dirichlet draw are indexed outcomes).
    kinds = {f.kind for f in families if f is not None}
    log_x = k > BARS_UP_TO and "zipf" in kinds and kinds <= {"zipf", "uniform"}
    return Reference(
        k=k,
        t=t,
        label=int(s.label),
        ln_unit=ln_unit,
        log_x=log_x,
        p=p,
        q=q,
        z=z,
        softmax=soft,
        target=y,
        terms_pq=terms_pq / ln_unit,
        terms_qp=terms_qp / ln_unit,
        readouts={key: value / ln_unit for key, value in nats.items()},
        reasons=reasons,
        grad=grad,
    )


# --- the scenarios -------------------------------------------------------------


def random_slider_scenario(seed: int) -> Scenario:
    rng = random.Random(seed)
    k = rng.randint(2, 16)

    def weights() -> list[float]:
        w = [0.0 if rng.random() < 0.25 else rng.random() for _ in range(k)]
        w[rng.randrange(k)] = rng.uniform(0.05, 1.0)  # never all zero
        return w

    return Scenario(
        p_weights=weights(),
        q_weights=weights(),
        logits=[rng.choice((-10.0, 10.0, rng.uniform(-10, 10))) for _ in range(k)],
        temperature=math.exp(rng.uniform(math.log(0.05), math.log(20.0))),
        label=rng.randrange(k),
        label_smoothing=rng.choice((0.0, 1.0, rng.random(), rng.random())),
        units=rng.choice(("bits", "nats")),
        linked=rng.random() < 0.5,
    )


def family_scenario(p: Family, q: Family, **settings) -> Scenario:
    return Scenario(
        p_weights=[1.0, 1.0],
        q_weights=[1.0, 1.0],
        logits=[0.0, 0.0],
        p_family=p,
        q_family=q,
        logits_follow_q=True,
        **settings,
    )


NARROW = {"position_1": 0.2, "width_1": 0.005, "position_2": 0.7, "width_2": 0.005}
FAMILY_SCENARIOS = {
    "zipf-10000": family_scenario(
        Family("zipf", 10_000, {"exponent": 1.1}),
        Family("zipf", 10_000, {"exponent": 0.8}),
    ),
    "zipf-100000-linked-cold": family_scenario(
        Family("zipf", 100_000, {"exponent": 1.3}),
        Family("zipf", 100_000, {"exponent": 0.9}),
        temperature=0.05,
        label=7,
        label_smoothing=0.1,
        units="nats",
        linked=True,
    ),
    "two-peaks-100000-zeros-in-q": family_scenario(
        Family("zipf", 100_000, {"exponent": 1.0}),
        Family("two_peaks", 100_000, {**NARROW, "mix": 0.6}),
        label=99_999,  # where Q's weight underflows: log Q = −inf
        label_smoothing=0.3,
    ),
    "two-peaks-100000-zeros-in-p": family_scenario(
        Family("two_peaks", 100_000, {**NARROW, "mix": 0.3}),
        Family("uniform", 100_000),
        temperature=3.0,
        label=20_000,
        units="nats",
    ),
    "two-peaks-150-bars": family_scenario(
        Family("two_peaks", 150, {**NARROW, "mix": 0.5}),
        Family("uniform", 150),
        label=75,
        label_smoothing=0.05,
    ),
    "dirichlet-5000-linked-hot": family_scenario(
        Family("dirichlet", 5000, {"concentration": 0.05, "seed": 3}),
        Family("dirichlet", 5000, {"concentration": 1.0, "seed": 4}),
        temperature=20.0,
        label=1234,
        units="nats",
        linked=True,
    ),
    "uniform-vs-zipf-201": family_scenario(
        Family("uniform", 201),
        Family("zipf", 201, {"exponent": 4.0}),
        temperature=0.2,
        label=200,
    ),
    "uniform-vs-two-peaks-2401": family_scenario(
        Family("uniform", 2401),
        Family("two_peaks", 2401, {**NARROW, "mix": 1.0}),
        label=480,
        label_smoothing=0.5,
        units="nats",
    ),
}

RANDOM_SEEDS = range(40)


def _cases() -> list[tuple[str, int | str]]:
    """Random slider scenarios with a family scenario after every fifth.

    One window shows them all in this order (after the presets), so every
    switch between bars and lines, linear and log rank, is made from a real
    previous state.
    """
    cases: list[tuple[str, int | str]] = []
    families = iter(FAMILY_SCENARIOS)
    for seed in RANDOM_SEEDS:
        cases.append(("random", seed))
        name = next(families, None) if seed % 5 == 4 else None
        if name is not None:
            cases.append(("family", name))
    cases.extend(("family", name) for name in families)
    return cases


# --- comparing -----------------------------------------------------------------


def assert_close(shown, expected, what, rtol=1e-9, atol=1e-12):
    np.testing.assert_allclose(
        np.asarray(shown, dtype=np.float64),
        np.asarray(expected, dtype=np.float64),
        rtol=rtol,
        atol=atol,
        err_msg=what,
    )


def gradient_tolerance(t: float) -> dict[str, float]:
    """Finite differences: O(h²) truncation, rounding of losses up to ~10³."""
    return {"rtol": 1e-6, "atol": 1e-6 * max(1.0, 1.0 / t)}


def shown_number(text: str) -> float:
    """A readout's number, written here rather than taken from the core."""
    text = text.replace("−", "-")
    if "×10" not in text:
        return float(text)
    mantissa, power = text.split("×10")
    return float(f"{mantissa}e{int(power.translate(SUPERSCRIPT_DIGITS))}")


SUPERSCRIPT_DIGITS = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")


def assert_readouts(window, ref: Reference, units: str):
    for key in READOUT_KEYS:
        text = window.findChild(QWidget, f"readout_{key}").text()
        value = ref.readouts[key]
        assert "nan" not in text.lower(), (key, text)
        if math.isinf(value):
            assert text == f"∞ {ref.reasons[key]}", key
            continue
        number, unit = text.split()
        assert unit == units, (key, text)
        shown = shown_number(number)
        # An exact zero reads "0"; nothing else does (no "0.0000" for 1e-17).
        assert (number == "0") == (value == 0), (key, text, value)
        # Four decimals from 10⁻³ to 10⁴; four significant digits outside.
        scientific = not 1e-3 <= abs(value) < 1e4
        assert ("×10" in number) == (scientific and value != 0), (key, text)
        tolerance = 5e-4 * abs(value) if scientific else 5e-5
        assert abs(shown - value) <= tolerance * (1 + 1e-6), (key, text, value)
        assert not number.startswith("−"), (key, text)  # none can be negative


def drawn_line(series, log_x: bool) -> tuple[NDArray[np.intp], Array]:
    """Outcome indices and values of a series drawn as a line (getData)."""
    x, y = series.line.getData()
    x = np.asarray(x, dtype=np.float64)
    # On a log rank axis getData gives log10(rank), and rank = outcome + 1.
    index = np.rint(10**x) - 1 if log_x else np.rint(x)
    return index.astype(np.intp), np.asarray(y, dtype=np.float64)


def assert_series(series, expected: Array, ref: Reference, what: str, **tolerance):
    """Bars (K ≤ 200), a line of every value, or every bucket's extremes."""
    if ref.k <= BARS_UP_TO:
        assert series.bars.isVisible() and not series.line.isVisible(), what
        assert_close(series.heights(), expected, what, **tolerance)
        assert_close(series.bars.opts["x"], np.arange(ref.k) + series.offset, what)
        return
    assert series.line.isVisible() and not series.bars.isVisible(), what
    index, y = drawn_line(series, ref.log_x)
    if index.size == ref.k:
        assert np.array_equal(index, np.arange(ref.k)), what
        assert_close(y, expected, what, **tolerance)
        return
    # An envelope: each bucket's start twice, with its minimum and maximum.
    starts = index[0::2]
    assert np.array_equal(starts, index[1::2]), what
    assert starts[0] == 0 and np.all(np.diff(starts) > 0) and starts[-1] < ref.k
    assert_close(y[0::2], np.minimum.reduceat(expected, starts), what, **tolerance)
    assert_close(y[1::2], np.maximum.reduceat(expected, starts), what, **tolerance)


def assert_on_screen(plot_item, values, what):
    """Every finite value lies inside the plot's y range (nothing drawn off it)."""
    finite = np.asarray(values, dtype=np.float64)
    finite = finite[np.isfinite(finite)]
    low, high = plot_item.viewRange()[1]
    assert low <= np.min(finite, initial=0.0), (what, low)
    assert np.max(finite, initial=0.0) <= high, (what, high)


def assert_distributions(explorer, ref: Reference):
    plot = explorer.distributions
    assert_series(plot.p, ref.p, ref, "P", rtol=1e-12)
    assert_series(plot.q, ref.q, ref, "Q", rtol=1e-12)
    for values in (ref.p, ref.q):
        assert_on_screen(plot.getPlotItem(), values, "P and Q")


def assert_softmax(explorer, ref: Reference):
    plot = explorer.softmax
    assert_series(plot.softmax, ref.softmax, ref, "softmax", rtol=1e-12)
    assert_series(plot.target, ref.target, ref, "target", rtol=1e-12)
    for values in (ref.softmax, ref.target):
        assert_on_screen(plot.getPlotItem(), values, "softmax and target")


def assert_infinite_bars(
    bars: InfiniteBars, plot, expected_x, expected_y0, name: str, as_bars=True
):
    """Hatched bars at ``expected_x`` from ``expected_y0`` to the top edge, ∞ inside."""
    expected_x = np.asarray(expected_x, dtype=float)
    low, high = plot.getViewBox().viewRange()[1]
    xs, ys = bars.marks.getData()
    assert_close(xs, expected_x, f"∞ marks of {name}")
    assert bars.marks.isVisible() == (expected_x.size > 0), name
    if expected_x.size == 0:
        return
    # Inside the plot, below its top edge: never cut off.
    assert np.all((ys > low) & (ys < high)), f"∞ of {name} off the plot"
    assert bars.bars.isVisible() == as_bars, name
    if as_bars:
        opts = bars.bars.opts
        assert_close(opts["x"], expected_x, f"infinite bars of {name}")
        assert_close(opts["y0"], expected_y0, f"infinite bars' base of {name}")
        tops = np.asarray(opts["y0"]) + np.asarray(opts["height"])
        assert_close(tops, np.full(expected_x.size, high), f"{name} reaches the top")


def assert_information(explorer, ref: Reference):
    """P's rectangles: p wide, −log p tall, areas summing to H(P); Q's likewise."""
    plot = explorer.information
    for name, probabilities, entropy_key in (
        ("p", ref.p, "entropy_p"),
        ("q", ref.q, "entropy_q"),
    ):
        used = probabilities > 0
        heights = np.zeros(ref.k)
        heights[used] = -np.log(probabilities[used]) / ref.ln_unit
        if ref.k <= BARS_UP_TO:
            opts = plot.rectangles[name].opts
            assert_close(opts["width"], probabilities, f"{name}'s widths", rtol=1e-12)
            assert_close(opts["height"], heights, f"−log {name}", rtol=1e-9, atol=1e-12)
            lefts = np.concatenate(([0.0], np.cumsum(probabilities)[:-1]))
            assert_close(opts["x0"], lefts, f"{name}'s places", atol=1e-12)
            area = float(np.sum(np.asarray(opts["width"]) * np.asarray(opts["height"])))
            assert area == pytest.approx(
                ref.readouts[entropy_key], rel=1e-9, abs=1e-12
            ), f"{name}'s area is its entropy"
        else:
            _, y = plot.lines[name].getData()
            assert float(np.max(y)) == pytest.approx(float(np.max(heights)), rel=1e-9)


def assert_terms(explorer, ref: Reference):
    plot = explorer.asymmetry
    for series, terms, name in (
        (plot.pq_terms, ref.terms_pq, "p·log(p/q)"),
        (plot.qp_terms, ref.terms_qp, "q·log(q/p)"),
    ):
        plain = np.where(np.isposinf(terms), 0.0, terms)
        assert_series(series, plain, ref, name, rtol=1e-9, atol=1e-13)
        assert_on_screen(plot.terms_plot, plain, name)
    for bars, terms, offset, name in (
        (plot.infinite_pq, ref.terms_pq, -0.2, "p·log(p/q)"),
        (plot.infinite_qp, ref.terms_qp, 0.2, "q·log(q/p)"),
    ):
        where = np.flatnonzero(np.isposinf(terms))
        if ref.k <= BARS_UP_TO:
            expected = where + offset
        else:
            # A long tail marks its (first 200) infinite terms at their rank.
            log_rank = plot.terms_plot.ctrl.logXCheck.isChecked()
            first = where[:200].astype(float)
            expected = np.log10(first + 1) if log_rank else first
        assert_infinite_bars(
            bars,
            plot.terms_plot,
            expected,
            np.zeros(expected.size),
            name,
            as_bars=ref.k <= BARS_UP_TO,
        )


def assert_totals(explorer, ref: Reference):
    plot, r = explorer.asymmetry, ref.readouts
    kl_pq, kl_qp = (0.0 if math.isinf(r[key]) else r[key] for key in ("kl_pq", "kl_qp"))
    assert_close(plot.kl_pq_bar.opts["height"], [kl_pq], "D(P‖Q) total", atol=1e-12)
    assert_close(plot.kl_qp_bar.opts["height"], [kl_qp], "D(Q‖P) total", atol=1e-12)
    assert_close(plot.entropy_part.opts["height"], [r["entropy_p"]], "H(P) part")
    assert_close(plot.kl_part.opts["y0"], [r["entropy_p"]], "stack's base")
    top = plot.kl_part.opts["y0"][0] + plot.kl_part.opts["height"][0]
    if math.isfinite(r["cross_entropy_pq"]):
        # The stack shows H(P) + D(P‖Q) = H(P,Q).
        assert top == pytest.approx(r["cross_entropy_pq"], rel=1e-9, abs=1e-12)
    else:
        # No finite part above H(P): the hatched bar stands in for ∞.
        assert top == pytest.approx(r["entropy_p"], rel=1e-9, abs=1e-12)
    if math.isinf(r["kl_pq"]):
        # D(P‖Q)'s bar, and the stack's top above H(P) where it stands.
        pq_x = [float(plot.kl_pq_bar.opts["x"][0]), float(plot.kl_part.opts["x"][0])]
        pq_y0 = [0.0, r["entropy_p"]]
    else:
        pq_x, pq_y0 = [], []
    assert_infinite_bars(
        plot.infinite_totals, plot.totals_plot, pq_x, pq_y0, "D(P‖Q) and H(P,Q)"
    )
    # The ∞ mark stands where D(Q‖P)'s bar does.
    qp_x = [float(plot.kl_qp_bar.opts["x"][0])] if math.isinf(r["kl_qp"]) else []
    assert_infinite_bars(
        plot.infinite_qp_total, plot.totals_plot, qp_x, [0.0] * len(qp_x), "D(Q‖P)"
    )
    assert_on_screen(plot.totals_plot, [kl_pq, kl_qp, top], "totals")


def assert_gradient(explorer, ref: Reference):
    plot = explorer.gradient
    tolerance = gradient_tolerance(ref.t)
    assert_series(plot.gradient, ref.grad, ref, "∂L/∂z", **tolerance)
    true_bar = plot.true_class.opts
    assert list(true_bar["x"]) == [ref.label]
    assert_close(true_bar["height"], [ref.grad[ref.label]], "true class", **tolerance)
    assert plot.true_class.isVisible() == (ref.k <= BARS_UP_TO)
    assert_on_screen(plot.getPlotItem(), ref.grad, "∂L/∂z")


def assert_loss_curve(explorer, ref: Reference):
    plot = explorer.loss_curve
    z_c = float(ref.z[ref.label])
    grad_x, grad_y = (
        np.asarray(a, dtype=np.float64) for a in plot.grad_curve.getData()
    )
    # The sweep covers [−12, 12] and the current logit ± 1.
    reach = z_c if math.isfinite(z_c) else 0.0
    assert grad_x[0] <= min(-12.0, reach - 1.0) and grad_x[-1] >= max(12.0, reach + 1)
    assert np.all(np.diff(grad_x) > 0)
    h = STEP * ref.t
    args = (ref.z, ref.target, ref.t, ref.label)
    up = loss_along_true_logit(*args, grad_x + h, finite_part=True)
    down = loss_along_true_logit(*args, grad_x - h, finite_part=True)
    tolerance = gradient_tolerance(ref.t)
    assert_close(grad_y, (up - down) / (2 * h), "loss curve's gradient", **tolerance)
    loss = loss_along_true_logit(ref.z, ref.target, ref.t, ref.label, grad_x)
    loss /= ref.ln_unit
    finite = np.isfinite(loss)
    loss_x, loss_y = plot.loss_curve.getData()
    if not finite.any():
        assert loss_x is None or len(loss_x) == 0
    else:
        assert_close(loss_x, grad_x[finite], "loss curve's z")
        assert_close(loss_y, loss[finite], "loss curve", rtol=1e-9, atol=1e-9)
        assert_on_screen(plot.loss_plot, loss[finite], "loss curve")
    assert_on_screen(plot.grad_plot, grad_y, "loss curve's gradient")
    marker_x, marker_y = plot.loss_marker.getData()
    loss_now = ref.readouts["loss"]
    if math.isfinite(z_c) and math.isfinite(loss_now):
        # The app's Zipf weights are exp(−s·log r), this reference's r**−s:
        # within 5e-15 of each other, so the logits within a few ulps.
        assert len(marker_x) == 1
        assert marker_x[0] == pytest.approx(z_c, rel=1e-14, abs=1e-14)
        assert marker_y[0] == pytest.approx(loss_now, rel=1e-9, abs=1e-12)
    else:
        assert len(marker_x) == 0
    marker_x, marker_y = plot.grad_marker.getData()
    if math.isfinite(z_c):
        assert len(marker_x) == 1
        assert marker_x[0] == pytest.approx(z_c, rel=1e-14, abs=1e-14)
        assert_close(marker_y, [ref.grad[ref.label]], "gradient marker", **tolerance)
        assert plot.loss_line.value() == marker_x[0] and plot.loss_line.isVisible()
    else:
        assert len(marker_x) == 0 and not plot.loss_line.isVisible()


def assert_every_number(window, scenario: Scenario):
    ref = reference(scenario)
    explorer = window.explorer
    assert window.store.error is None
    assert_readouts(window, ref, scenario.units)
    assert_distributions(explorer, ref)
    assert_information(explorer, ref)
    assert_terms(explorer, ref)
    assert_totals(explorer, ref)
    assert_softmax(explorer, ref)
    assert_gradient(explorer, ref)
    assert_loss_curve(explorer, ref)


# --- the tests -------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_window(qapp):
    """One window for every case, so each is reached from the one before."""
    from viz import MainWindow

    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    yield window
    window.close()
    window.deleteLater()


def show(window, qtbot, scenario: Scenario):
    window.show_panel("explorer")
    window.store.set_scenario(scenario)
    qtbot.waitUntil(lambda: not window.store.pending)


def test_every_preset(shared_window, qtbot):
    for preset in shared_window.presets:
        shared_window.apply_preset(preset)
        shared_window.show_panel("explorer")
        qtbot.waitUntil(lambda: not shared_window.store.pending)
        assert shared_window.store.scenario == preset.scenario
        assert_every_number(shared_window, preset.scenario)


@pytest.mark.parametrize(("kind", "case"), _cases())
def test_every_number_on_screen(shared_window, qtbot, kind, case):
    scenario = (
        random_slider_scenario(case) if kind == "random" else FAMILY_SCENARIOS[case]
    )
    show(shared_window, qtbot, scenario)
    assert_every_number(shared_window, scenario)


def test_the_reference_is_not_the_core_by_another_name():
    # A few values known by hand, so the reference itself is checked.
    fair = reference(Scenario([1, 1], [1, 3], [0.0, 0.0], units="bits"))
    assert fair.readouts["entropy_p"] == pytest.approx(1.0)
    assert fair.readouts["kl_pq"] == pytest.approx(
        0.5 * math.log2(0.5 / 0.25) + 0.5 * math.log2(0.5 / 0.75)
    )
    assert fair.readouts["loss"] == pytest.approx(1.0)  # log 2 in bits
    assert fair.grad == pytest.approx([-0.5, 0.5], abs=1e-8)
    hole = reference(Scenario([1, 1, 1], [1, 0, 0], [0.0, 0.0, 0.0]))
    assert hole.reasons["kl_pq"] == "Q = 0 where P > 0 at outcomes 1 and 2"
    assert math.isinf(hole.readouts["cross_entropy_pq"])
    z = np.array([3.0, -1.0, 0.5, -np.inf])
    y = np.array([0.1, 0.2, 0.3, 0.4])
    at_scale = gradient_by_differences_at_scale(z, y, 0.7)
    assert at_scale == pytest.approx((softmax(z / 0.7) - y) / 0.7, abs=1e-7)


def test_numbers_stay_on_screen_when_the_axis_turns_to_log_rank(window, qtbot):
    # A gradient of a few 1e-4 fits the range a tiny gradient left behind, so
    # nothing re-ranges it; turning to log rank must not leave it to autorange
    # (which showed ±1e-29 and clipped the line to nothing).
    tiny = Scenario([1, 1], [1, 1], [10.0, -10.0])
    zipf = FAMILY_SCENARIOS["zipf-10000"].replace(temperature=0.05)
    for scenario in (tiny, zipf):
        show(window, qtbot, scenario)
        assert_every_number(window, scenario)
