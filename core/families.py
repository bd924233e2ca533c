"""Parametric families of distributions, for K far beyond one slider per outcome.

A :class:`Family` is a plain, immutable description (a kind, K and its shape
parameters); :func:`family_weights` turns it into K non-negative weights.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from core._checks import FloatArray

#: Largest K a family may have (a language model's vocabulary).
MAX_FAMILY_K = 100_000

#: Each kind's parameters with (default, lowest, highest).
FAMILY_PARAMETERS: MappingProxyType[str, dict[str, tuple[float, float, float]]] = (
    MappingProxyType(
        {
            "uniform": {},
            "zipf": {"exponent": (1.0, 0.0, 4.0)},
            "two_peaks": {
                "position_1": (0.25, 0.0, 1.0),
                "width_1": (0.05, 0.001, 1.0),
                "position_2": (0.75, 0.0, 1.0),
                "width_2": (0.05, 0.001, 1.0),
                "mix": (0.5, 0.0, 1.0),
            },
            "dirichlet": {
                "concentration": (1.0, 0.01, 100.0),
                "seed": (0, 0, 2**31 - 1),
            },
        }
    )
)


@dataclass(frozen=True)
class Family:
    """A distribution family with its shape parameters.

    Attributes
    ----------
    kind : {"uniform", "zipf", "two_peaks", "dirichlet"}
        ``zipf``: weight (i+1)^(−exponent), as exp(−exponent·log(i+1)), within
        1e-14 of the power. ``two_peaks``: two Gaussian bumps at
        ``position_1``/``position_2`` (fractions of the range) with widths
        ``width_1``/``width_2`` (fractions of the range), mixed as ``mix`` and
        1 − ``mix``. ``dirichlet``: one draw with all concentrations equal to
        ``concentration``, from ``seed``.
    k : int
        Number of outcomes, 2 to :data:`MAX_FAMILY_K`.
    params : mapping of str to float
        Missing parameters take their defaults.
    """

    kind: str
    k: int
    params: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    def __hash__(self) -> int:
        return hash((self.kind, self.k, tuple(sorted(self.params.items()))))


def _checked_params(family: Family) -> dict[str, float]:
    if family.kind not in FAMILY_PARAMETERS:
        kinds = ", ".join(FAMILY_PARAMETERS)
        raise ValueError(f"family kind must be one of {kinds}, got {family.kind!r}")
    if isinstance(family.k, bool) or not isinstance(family.k, (int, np.integer)):
        raise ValueError(f"family k must be an integer, got {family.k!r}")
    if not 2 <= family.k <= MAX_FAMILY_K:
        raise ValueError(f"family k must lie in [2, {MAX_FAMILY_K}], got {family.k}")
    spec = FAMILY_PARAMETERS[family.kind]
    unknown = set(family.params) - set(spec)
    if unknown:
        raise ValueError(f"{family.kind} has no parameter {sorted(unknown)[0]!r}")
    values = {}
    for name, (default, low, high) in spec.items():
        value = family.params.get(name, default)
        if not _is_finite_real(value):
            raise ValueError(f"{family.kind} {name} must be a finite number")
        if not low <= value <= high:
            raise ValueError(f"{family.kind} {name} must lie in [{low}, {high}]")
        values[name] = float(value)
    return values


def _is_finite_real(value: Any) -> bool:
    """A real, finite number (a huge int is not: it has no float)."""
    if not isinstance(value, (int, float, np.number)):
        return False
    if isinstance(value, np.complexfloating):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _bump(x: FloatArray, centre: float, width: float) -> FloatArray:
    return np.exp(-0.5 * ((x - centre) / width) ** 2)


def family_weights(family: Family) -> FloatArray:
    """The K non-negative weights of a family (not normalised).

    Parameters
    ----------
    family : Family

    Returns
    -------
    ndarray, shape (family.k,)
        Finite, non-negative, not all zero, read-only. Two-peak weights far
        from both peaks may underflow to exactly 0, which is what makes a KL
        infinite. Results are cached: while a slider reshapes P, Q's family
        (and its 100,000 weights) is not built again.

    Raises
    ------
    ValueError
        For an unknown kind or parameter, K outside [2, 100000], or a
        parameter outside its range (see :data:`FAMILY_PARAMETERS`).
    """
    try:
        hash(family)
    except TypeError:  # unhashable parameters: let the checks name them
        return _family_weights(family)
    return _cached_weights(family)


def family_log_weights(family: Family) -> FloatArray | None:
    """The logs of :func:`family_weights`, where they have a closed form.

    Returns
    -------
    ndarray, shape (family.k,), or None
        Zipf: −s·log r, the very numbers whose exponentials are its weights;
        uniform: 0. None for the other kinds (and for a family whose checks
        fail: :func:`family_weights` names the problem). Cached, read-only.
        Both have their largest weight, 1, at the first outcome.
    """
    if family.kind not in ("zipf", "uniform"):
        return None
    try:
        return _cached_log_weights(family)
    except (TypeError, ValueError):
        return None


@functools.lru_cache(maxsize=8)
def _cached_log_weights(family: Family) -> FloatArray:
    params = _checked_params(family)
    if family.kind == "uniform":
        logs = np.zeros(family.k)
    else:
        logs = _zipf_log_weights(family.k, params["exponent"])
    logs.setflags(write=False)
    return logs


def _zipf_log_weights(k: int, exponent: float) -> FloatArray:
    return -exponent * _log_ranks(k)


@functools.lru_cache(maxsize=8)
def _cached_weights(family: Family) -> FloatArray:
    weights = _family_weights(family)
    weights.setflags(write=False)
    return weights


@functools.lru_cache(maxsize=4)
def _log_ranks(k: int) -> FloatArray:
    """The logs of the ranks 1 … k (read-only)."""
    logs = np.log(np.arange(1, k + 1, dtype=np.float64))
    logs.setflags(write=False)
    return logs


def _family_weights(family: Family) -> FloatArray:
    params = _checked_params(family)
    k = family.k
    if family.kind == "uniform":
        return np.ones(k)
    if family.kind == "zipf":
        # exp(−s·log r) from the ranks' logs, kept per K: a third of the
        # time of a power at K = 100,000, where P's exponent moves every
        # frame; within 5e-15 of r**−s (s·log r ≤ 4·11.6 carries its ulp).
        return np.exp(_zipf_log_weights(k, params["exponent"]))
    if family.kind == "two_peaks":
        x = np.linspace(0.0, 1.0, k)
        first = params["mix"] * _bump(x, params["position_1"], params["width_1"])
        second = (1 - params["mix"]) * _bump(x, params["position_2"], params["width_2"])
        total = first + second
        return total if total.any() else np.ones(k)
    rng = np.random.default_rng(int(params["seed"]))
    draw = rng.dirichlet(np.full(k, params["concentration"]))
    return draw if draw.any() else np.ones(k)


def describe(family: Any) -> str:
    """A short human-readable description, e.g. ``"Zipf (exponent 1.1), K = 50000"``."""
    params = _checked_params(family)
    names = {
        "uniform": "Uniform",
        "zipf": "Zipf",
        "two_peaks": "Two peaks",
        "dirichlet": "Dirichlet draw",
    }
    shown = ", ".join(
        f"{key.replace('_', ' ')} {value:g}" for key, value in params.items()
    )
    inner = f" ({shown})" if shown else ""
    return f"{names[family.kind]}{inner}, K = {family.k}"
