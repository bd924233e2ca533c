"""What a lesson's questions measure, and the window elements a step points at.

A lesson never holds code: a question names *quantities* of its step's
states, and the claims it makes about them are comparisons, all checked here
against what the core computes. A quantity is written

* ``kl_pq`` or ``entropy_p``: a number of the explorer (the readouts, and
  ``info_sum_p``, the unweighted sum of P's information, ``log_k``);
* ``softmax[2]``: one entry of a per-outcome vector of the explorer;
* ``race.se_steps``, ``fits.reverse_sigma``, ``batch.loss[3]``: a number of
  another page's state, after the kind's name and a dot.

:data:`QUANTITIES` lists every name with its page kind, its unit and the
elements of the window that show it (what a question hides until it is
answered). A *claim* compares a quantity with a number, with infinity or
with another quantity (``kl_pq > kl_qp``); ``=`` takes a tolerance.

A *target* is an element of the window a step highlights or a question
hides, named by its widget's object name (``readout_kl_pq``,
``plot_asymmetry``, ``binary_race_plot``); a bar of a bar plot is the plot's
name, ``#`` and the outcome (``plot_distributions#1``); a slider of the
explorer and the readout beside it are ``logit_slider_2`` and
``logit_value_2`` (``p_``, ``q_``, ``logit_``). :data:`TARGETS` maps each
other target to the page kind that shows it.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np

from core.batch import derive_batch
from core.i18n import QT_TRANSLATE_NOOP, translate
from core.kl_fits import derive_fits
from core.race import COUNT_LIMIT, THRESHOLD, derive_race
from core.scenario import Scenario, evaluate
from core.training import LOSS_KINDS, steps_to_reach
from core.trainings import derive_trainings

# --- quantities ---------------------------------------------------------------

#: Units a quantity may have. "info" is the explorer's unit (bits or nats).
UNIT_WORDS: Mapping[str, str] = MappingProxyType(
    {
        "info": "",
        "nats": QT_TRANSLATE_NOOP("LessonQuantities", "nats"),
        "probability": "",
        "gradient": "",
        "steps": QT_TRANSLATE_NOOP("LessonQuantities", "steps"),
        "bins": QT_TRANSLATE_NOOP("LessonQuantities", "bins"),
        "ratio": "",
        "loss": "",
    }
)


@dataclass(frozen=True)
class QuantitySpec:
    """One named quantity.

    Attributes
    ----------
    kind : str
        The page state kind it is computed from ("scenario", "race", …).
    title : str
        How it is written for people ("D(P‖Q)", "σ of the reverse fit").
    unit : str
        One of :data:`UNIT_WORDS`.
    vector : bool
        True when it needs an index (``softmax[2]``).
    views : tuple of str
        The targets that show it: hidden until a question about it is
        answered (unless the question says otherwise). A view with
        ``{outcome}`` stands for one per outcome of the step
        (``logit_value_{outcome}``: every readout beside a logit slider).
    read : callable(results) -> float or array
        From the kind's derived results.
    """

    kind: str
    title: str
    unit: str
    vector: bool
    views: tuple[str, ...]
    read: Callable[[Any], Any]
    #: Words to put into ``title``'s {placeholders}, each translated too
    #: ("loss": "cross-entropy").
    words: tuple[tuple[str, str], ...] = ()

    #: Views of Q that show it only while Q is it (see :func:`q_is_softmax`):
    #: Q's readouts, Q's bars and, while linked, Q's handles. Which of them
    #: do depends on the window's state, not the step's: see ``mirrors``.
    q_views: tuple[str, ...] = ()

    def views_for(
        self, outcomes: int | None, shown: Scenario | None = None
    ) -> tuple[str, ...]:
        """The views of a step with ``outcomes`` sliders (None: families, none).

        With ``shown``, the explorer's state, the views of Q that show the
        quantity in that state too (see ``mirrors``).
        """
        named = _per_outcome(self.views, outcomes)
        if shown is None:
            return named
        return named + self.mirrors(outcomes, shown)

    def mirrors(self, outcomes: int | None, shown: Scenario) -> tuple[str, ...]:
        """The views of Q that show the quantity while the explorer shows ``shown``.

        None unless Q is the softmax there (:func:`q_is_softmax`); Q's
        slider handles only while they stand at Q (:func:`q_handles_show_q`).
        """
        if not q_is_softmax(shown):
            return ()
        handles = q_handles_show_q(shown)
        views = tuple(v for v in self.q_views if handles or v != Q_HANDLES)
        return _per_outcome(views, outcomes)

    def english_title(self) -> str:
        """The title in English (as a lesson file writes it)."""
        return self.title.format(**dict(self.words))

    def shown_title(self) -> str:
        """The title in the language in use."""
        words = {key: _shown(word) for key, word in self.words}
        return _shown(self.title).format(**words)


#: In a view's name: one view per outcome (the readouts beside the sliders).
PER_OUTCOME = "{outcome}"
#: Q's slider handles, a view of Q only while they stand at Q (linked).
Q_HANDLES = "q_slider_{outcome}"
#: A temperature this close to 1 reads 1.000 beside its slider; with the
#: logits = log Q, softmax(z/T) then agrees with Q to the digits shown
#: (the log slider's own 1 is 1 only to rounding).
UNIT_TEMPERATURE_TOLERANCE = 5e-4


def _per_outcome(views: tuple[str, ...], outcomes: int | None) -> tuple[str, ...]:
    """``views`` with each ``{outcome}`` view named once per outcome."""
    named: list[str] = []
    for view in views:
        if PER_OUTCOME not in view:
            named.append(view)
        elif outcomes is not None:
            named.extend(view.format(outcome=i) for i in range(outcomes))
    return tuple(named)


def q_is_softmax(shown: Scenario) -> bool:
    """Whether the explorer's Q is the softmax of its logits in state ``shown``.

    Linked, Q is softmax(z/T) at every temperature. With the logits = log Q
    (unlinked), softmax(z/T) is Q's own normalisation only at T = 1 (within
    :data:`UNIT_TEMPERATURE_TOLERANCE`); at another T, Q is what the softmax
    is made from, not the softmax. Otherwise Q is set on its own.
    """
    if shown.linked:
        return True
    off_one = abs(float(shown.temperature) - 1.0)
    return shown.logits_follow_q and off_one < UNIT_TEMPERATURE_TOLERANCE


def q_handles_show_q(shown: Scenario) -> bool:
    """Whether Q's slider handles stand at Q itself in state ``shown``.

    Only while linked with logits of their own: the handles follow the
    softmax. Otherwise they stand at Q's weights, which the reader sets
    (linked with the logits = log Q, they set the logits).
    """
    return shown.linked and not shown.logits_follow_q


def _shown(text: str) -> str:
    return translate("LessonQuantities", text)


QT_TRANSLATE_NOOP("LessonQuantities", "{quantity} of outcome {index}")


def _field(name: str) -> Callable[[Any], Any]:
    return lambda results: getattr(results, name)


def _at(read: Callable[[Any, int], Any], index: int) -> Callable[[Any], Any]:
    """``read(results, index)`` with the index fixed now (not when called)."""
    return lambda results: read(results, index)


def _log_k(results: Any) -> float:
    base = 2.0 if results.units == "bits" else math.e
    return math.log(results.p.size) / math.log(base)


def _unweighted_sum(name: str) -> Callable[[Any], float]:
    """Σ −log p over the outcomes that can happen (a zero adds no outcome)."""

    def read(results: Any) -> float:
        values = np.asarray(getattr(results, name))
        return float(np.sum(values[np.isfinite(values)]))

    return read


def _scenario_quantities() -> dict[str, QuantitySpec]:
    scalar_views = {
        "entropy_p": ("readout_entropy_p", "plot_information"),
        "entropy_q": ("readout_entropy_q", "plot_information"),
        "cross_entropy_pq": ("readout_cross_entropy_pq", "plot_asymmetry"),
        "cross_entropy_qp": ("readout_cross_entropy_qp", "plot_asymmetry"),
        "kl_pq": ("readout_kl_pq", "readout_cross_entropy_pq", "plot_asymmetry"),
        "kl_qp": ("readout_kl_qp", "readout_cross_entropy_qp", "plot_asymmetry"),
        "js": ("readout_js",),
        "loss": ("readout_loss", "plot_loss_curve"),
    }
    titles = {
        "entropy_p": "H(P)",
        "entropy_q": "H(Q)",
        "cross_entropy_pq": "H(P,Q)",
        "cross_entropy_qp": "H(Q,P)",
        "kl_pq": "D(P‖Q)",
        "kl_qp": "D(Q‖P)",
        "js": "JS(P,Q)",
        "loss": QT_TRANSLATE_NOOP("LessonQuantities", "the loss"),
    }
    specs = {
        name: QuantitySpec("scenario", titles[name], "info", False, views, _field(name))
        for name, views in scalar_views.items()
    }
    specs["info_sum_p"] = QuantitySpec(
        "scenario",
        QT_TRANSLATE_NOOP("LessonQuantities", "the sum of P's information"),
        "info",
        False,
        ("plot_information",),
        _unweighted_sum("information_p"),
    )
    specs["info_sum_q"] = QuantitySpec(
        "scenario",
        QT_TRANSLATE_NOOP("LessonQuantities", "the sum of Q's information"),
        "info",
        False,
        ("plot_information",),
        _unweighted_sum("information_q"),
    )
    specs["log_k"] = QuantitySpec("scenario", "log K", "info", False, (), _log_k)
    vectors = {
        "p": ("p", "probability", ()),
        "q": ("q", "probability", ()),
        "information_p": ("−log p", "info", ("plot_information",)),
        "information_q": ("−log q", "info", ("plot_information",)),
        "kl_terms_pq": ("p·log(p/q)", "info", ("plot_asymmetry",)),
        "kl_terms_qp": ("q·log(q/p)", "info", ("plot_asymmetry",)),
        "softmax": ("softmax", "probability", ("plot_softmax",)),
        "target": (
            QT_TRANSLATE_NOOP("LessonQuantities", "the target"),
            "probability",
            ("plot_softmax",),
        ),
        # The loss curve's lower panel, ∂L/∂z_y, has a dot at the true
        # class's gradient: "which gradient is negative" read off it.
        "grad": ("∂L/∂z", "gradient", ("plot_gradient", "plot_loss_curve")),
    }
    for name, (title, unit, views) in vectors.items():
        specs[name] = QuantitySpec("scenario", title, unit, True, views, _field(name))
    # Each logit's readout says "+2.00 → 0.864": the softmax beside its logit
    # (and Q's readouts, bars and handles show it while Q is it). The
    # gradient's bars are (softmax − y)/T, the softmax itself off the true
    # class; the loss is −log softmax[y], on its readout and its curve's dot.
    specs["softmax"] = dataclasses.replace(
        specs["softmax"],
        views=(
            "plot_softmax",
            "logit_value_{outcome}",
            "plot_gradient",
            "readout_loss",
            "plot_loss_curve",
        ),
        q_views=("q_value_{outcome}", Q_HANDLES, "plot_distributions"),
    )
    return specs


_RACE_VIEWS = (
    "binary_gradient_plot",
    "binary_gradient_ratio",
    "binary_ce_gradient",
    "binary_se_gradient",
)
_RACE_RUN_VIEWS = (
    "binary_race_plot",
    "binary_ce_race",
    "binary_se_race",
    "binary_ce_count",
    "binary_se_count",
)
_RACE_TITLES = {
    "cross_entropy": QT_TRANSLATE_NOOP("LessonQuantities", "cross-entropy"),
    "squared_error": QT_TRANSLATE_NOOP("LessonQuantities", "squared error"),
}
_SHORT = {"cross_entropy": "ce", "squared_error": "se"}


@functools.lru_cache(maxsize=64)
def _steps_to_reach(kind: str, z0: float, label: int, learning_rate: float) -> float:
    """Steps to a loss below the race's threshold (pure, and slow: kept)."""
    steps = steps_to_reach(
        kind, z0, label, learning_rate, threshold=THRESHOLD, max_steps=COUNT_LIMIT
    )
    return math.inf if steps is None else float(steps)


def _race_steps(kind: str) -> Callable[[Any], float]:
    def read(results: Any) -> float:
        state = results.state
        return _steps_to_reach(kind, state.z0, state.label, state.learning_rate)

    return read


def _race_quantities() -> dict[str, QuantitySpec]:
    specs = {
        "probability": QuantitySpec(
            "race",
            "σ(z₀)",
            "probability",
            False,
            ("binary_probability",),
            _field("probability"),
        ),
        "gradient_ratio": QuantitySpec(
            "race",
            QT_TRANSLATE_NOOP("LessonQuantities", "the ratio of the gradients"),
            "ratio",
            False,
            _RACE_VIEWS,
            _field("gradient_ratio"),
        ),
    }
    for index, kind in enumerate(LOSS_KINDS):
        short, title = _SHORT[kind], _RACE_TITLES[kind]
        specs[f"{short}_gradient"] = QuantitySpec(
            "race",
            QT_TRANSLATE_NOOP("LessonQuantities", "|dL/dz| of {loss} at z₀"),
            "gradient",
            False,
            _RACE_VIEWS,
            _at(lambda r, i: abs(r.at_z0[i].gradient), index),
            (("loss", title),),
        )
        specs[f"{short}_loss"] = QuantitySpec(
            "race",
            QT_TRANSLATE_NOOP("LessonQuantities", "the {loss} loss now"),
            "loss",
            False,
            _RACE_RUN_VIEWS,
            _at(lambda r, i: r.state.racers[i].loss, index),
            (("loss", title),),
        )
        specs[f"{short}_steps"] = QuantitySpec(
            "race",
            QT_TRANSLATE_NOOP(
                "LessonQuantities", "steps {loss} needs to bring the loss below {limit}"
            ),
            "steps",
            False,
            _RACE_RUN_VIEWS,
            _race_steps(kind),
            (("loss", title), ("limit", f"{THRESHOLD:g}")),
        )
    return specs


def _trainings_quantities() -> dict[str, QuantitySpec]:
    specs: dict[str, QuantitySpec] = {}
    # Each loss's formula writes out q_y, its loss and the true class's gradient.
    formulas = ("training_ce_formula", "training_se_formula")
    views = ("training_probability_plot", "training_cross_entropy_plot", *formulas)
    for index, kind in enumerate(LOSS_KINDS):
        short, title = _SHORT[kind], _RACE_TITLES[kind]

        def true_q(results: Any, i: int = index) -> float:
            return float(results.state.trainings[i].true_probability_history[-1])

        def cross_entropy(results: Any, i: int = index) -> float:
            return float(results.state.trainings[i].cross_entropy_history[-1])

        specs[f"{short}_true_q"] = QuantitySpec(
            "trainings",
            QT_TRANSLATE_NOOP(
                "LessonQuantities", "q of the true class, trained by {loss}"
            ),
            "probability",
            False,
            views,
            true_q,
            (("loss", title),),
        )
        specs[f"{short}_cross_entropy"] = QuantitySpec(
            "trainings",
            QT_TRANSLATE_NOOP(
                "LessonQuantities", "the cross-entropy (nats), trained by {loss}"
            ),
            "nats",
            False,
            views,
            cross_entropy,
            (("loss", title),),
        )
        specs[f"{short}_grad"] = QuantitySpec(
            "trainings",
            QT_TRANSLATE_NOOP("LessonQuantities", "∂L/∂z of {loss}"),
            "gradient",
            True,
            (f"training_{short}_gradient_plot", f"training_{short}_formula"),
            _at(lambda r, i: r.state.trainings[i].gradient, index),
            (("loss", title),),
        )
    return specs


_FIT_NAMES = {
    "forward": QT_TRANSLATE_NOOP("LessonQuantities", "the forward fit"),
    "reverse": QT_TRANSLATE_NOOP("LessonQuantities", "the reverse fit"),
}


def _fits_quantities() -> dict[str, QuantitySpec]:
    specs: dict[str, QuantitySpec] = {}
    for index, direction in enumerate(("forward", "reverse")):
        plot = f"fitting_{direction}_plot"
        details = f"fitting_{direction}_details"
        specs[f"{direction}_mu"] = QuantitySpec(
            "fits",
            QT_TRANSLATE_NOOP("LessonQuantities", "μ of {fit}"),
            "bins",
            False,
            (plot, details),
            _at(lambda r, i: r.state.fits[i].mu, index),
            (("fit", _FIT_NAMES[direction]),),
        )
        specs[f"{direction}_sigma"] = QuantitySpec(
            "fits",
            QT_TRANSLATE_NOOP("LessonQuantities", "σ of {fit}"),
            "bins",
            False,
            (plot, details),
            _at(lambda r, i: math.exp(r.state.fits[i].log_sigma), index),
            (("fit", _FIT_NAMES[direction]),),
        )
        for which, title in (("kl_pq", "D(P‖Q)"), ("kl_qp", "D(Q‖P)")):
            field = "forward" if which == "kl_pq" else "reverse"
            shown_in: tuple[str, ...] = (f"fitting_{direction}_{which}",)
            if field == direction:  # the fit's loss, whose curve ends on it
                shown_in += (f"fitting_{direction}_loss_plot",)
            specs[f"{direction}_{which}"] = QuantitySpec(
                "fits",
                QT_TRANSLATE_NOOP("LessonQuantities", "{divergence} of {fit}"),
                "nats",
                False,
                shown_in,
                _at(_divergence(field), index),
                (("divergence", title), ("fit", _FIT_NAMES[direction])),
            )
        for peak in (1, 2):
            specs[f"{direction}_mass_{peak}"] = QuantitySpec(
                "fits",
                QT_TRANSLATE_NOOP("LessonQuantities", "{fit}'s mass near peak {peak}"),
                "probability",
                False,
                (plot, details),
                _at(lambda r, i: _mass(r, i // 2, i % 2), 2 * index + peak - 1),
                (("fit", _FIT_NAMES[direction]), ("peak", str(peak))),
            )
    return specs


def _divergence(which: str) -> Callable[[Any, int], float]:
    """D(P‖Q) ("forward") or D(Q‖P) ("reverse") of fit i."""
    return lambda results, i: float(getattr(results.summaries[i].divergences, which))


def _mass(results: Any, fit: int, peak: int) -> float:
    masses = results.summaries[fit].masses
    if masses is None:
        raise ValueError("the peaks coincide, so there is no mass near each")
    return float(masses[peak])


def _batch_quantities() -> dict[str, QuantitySpec]:
    return {
        "mean": QuantitySpec(
            "batch",
            QT_TRANSLATE_NOOP("LessonQuantities", "the batch's mean loss (nats)"),
            "nats",
            False,
            # The losses' column and the sum written out give the mean away;
            # the example's note says what PyTorch returns for it.
            (
                "batch_mean_loss",
                "batch_mean_formula",
                "batch_loss_column",
                "batch_origin",
            ),
            _field("mean"),
        ),
        "loss": QuantitySpec(
            "batch",
            QT_TRANSLATE_NOOP("LessonQuantities", "a sample's loss (nats)"),
            "nats",
            True,
            ("batch_losses_plot", "batch_loss_column", "batch_mean_formula"),
            _field("losses"),
        ),
    }


def _all_quantities() -> dict[str, QuantitySpec]:
    specs: dict[str, QuantitySpec] = dict(_scenario_quantities())
    for kind, made in (
        ("race", _race_quantities()),
        ("trainings", _trainings_quantities()),
        ("fits", _fits_quantities()),
        ("batch", _batch_quantities()),
    ):
        specs.update({f"{kind}.{name}": spec for name, spec in made.items()})
    return specs


#: Every quantity by its written name (without an index).
QUANTITIES: Mapping[str, QuantitySpec] = MappingProxyType(_all_quantities())

#: How each page state kind derives the results its quantities read.
DERIVE: Mapping[str, Callable[[Any], Any]] = MappingProxyType(
    {
        "scenario": evaluate,
        "race": derive_race,
        "trainings": derive_trainings,
        "fits": derive_fits,
        "batch": derive_batch,
    }
)

_NAME = re.compile(r"(?P<name>(?:[a-z]+\.)?[a-z][a-z0-9_]*)(?:\[(?P<index>\d{1,5})\])?")


@dataclass(frozen=True)
class Quantity:
    """A quantity as written in a lesson: its spec and, for a vector, the index."""

    name: str
    spec: QuantitySpec
    index: int | None

    @property
    def written(self) -> str:
        """The quantity as a lesson writes it (``softmax[2]``)."""
        return self.name if self.index is None else f"{self.name}[{self.index}]"

    @property
    def title(self) -> str:
        """The quantity for people (``softmax of outcome 2``), translated."""
        if self.index is None:
            return self.spec.shown_title()
        return _shown("{quantity} of outcome {index}").format(
            quantity=self.spec.shown_title(), index=self.index
        )

    @property
    def english_title(self) -> str:
        """The title in English, as a lesson file writes it."""
        if self.index is None:
            return self.spec.english_title()
        return f"{self.spec.english_title()} of outcome {self.index}"


def parse_quantity(text: Any) -> Quantity:
    """A quantity's written name, checked against :data:`QUANTITIES`.

    Raises
    ------
    ValueError
        For text that is not a name, an unknown name, a vector without an
        index or a number with one; the message says which.
    """
    if not isinstance(text, str):
        raise ValueError('must be a quantity\'s name, such as "kl_pq"')
    match = _NAME.fullmatch(text)
    if match is None or match["name"] not in QUANTITIES:
        shown = text if len(text) <= 40 else text[:39] + "…"
        raise ValueError(f'names no quantity: "{shown}"')
    spec = QUANTITIES[match["name"]]
    index = None if match["index"] is None else int(match["index"])
    if spec.vector and index is None:
        raise ValueError(f'needs an outcome, as in "{match["name"]}[0]"')
    if not spec.vector and index is not None:
        raise ValueError(f'"{match["name"]}" is one number: it takes no [index]')
    return Quantity(match["name"], spec, index)


class Evaluation:
    """The derived results of one step's states, each computed once, on demand.

    Parameters
    ----------
    scenario : Scenario
        The explorer's state.
    pages : mapping of kind to state
        The other page states the step sets.
    """

    def __init__(self, scenario: Scenario, pages: Mapping[str, Any]) -> None:
        self.scenario = scenario
        self.pages = pages
        self._results: dict[str, Any] = {}
        self._values: dict[str, float] = {}

    def results(self, kind: str) -> Any:
        """The kind's results; ValueError when the step does not set that page."""
        if kind not in self._results:
            if kind == "scenario":
                state: Any = self.scenario
            elif kind in self.pages:
                state = self.pages[kind]
            else:
                raise ValueError(f'needs the step to set the page state "{kind}"')
            self._results[kind] = DERIVE[kind](state)
        return self._results[kind]

    def value(self, quantity: Quantity) -> float:
        """The quantity's value (±inf allowed; never NaN).

        Raises
        ------
        ValueError
            When the step does not set the quantity's page, the index is not
            an outcome, or the value is NaN.
        """
        written = quantity.written
        if written not in self._values:
            self._values[written] = self._value(quantity)
        return self._values[written]

    def _value(self, quantity: Quantity) -> float:
        raw = quantity.spec.read(self.results(quantity.spec.kind))
        if quantity.index is not None:
            values = np.asarray(raw)
            if not 0 <= quantity.index < values.size:
                raise ValueError(
                    f"{quantity.written}: there are outcomes 0 to {values.size - 1}"
                )
            raw = values[quantity.index]
        value = float(raw)
        if math.isnan(value):
            raise ValueError(f"{quantity.written} is not a number here")
        return value

    def unit(self, quantity: Quantity) -> str:
        """The unit to write after the quantity's value ("bits", "steps", "")."""
        from core.numbers import unit_name

        if quantity.spec.unit == "info":
            return unit_name(str(self.scenario.units))
        word = UNIT_WORDS[quantity.spec.unit]
        return _shown(word) if word else ""


# --- claims -------------------------------------------------------------------

#: The comparisons a claim may make.
OPERATORS = ("<", ">", "=")


@dataclass(frozen=True)
class Claim:
    """``quantity op value``: value a number, ``inf`` or another quantity.

    ``=`` holds within ``tolerance`` (0: exactly; infinity equals only
    infinity).
    """

    quantity: Quantity
    op: str
    value: float | Quantity
    tolerance: float = 0.0

    def holds(self, evaluation: Evaluation) -> bool:
        """Whether the claim is true of the step's states."""
        left = evaluation.value(self.quantity)
        right = (
            evaluation.value(self.value)
            if isinstance(self.value, Quantity)
            else self.value
        )
        if self.op == "<":
            return left < right
        if self.op == ">":
            return left > right
        if math.isinf(left) or math.isinf(right):
            return left == right
        return abs(left - right) <= self.tolerance

    def describe(self, evaluation: Evaluation) -> str:
        """The claim with its numbers: ``D(P‖Q) = 0.1187 bits > D(Q‖P) = …``.

        Step counts and whole thresholds show as whole numbers: "1,511 steps
        > 100", never "1511.0000 steps > 100.0000"; other values as every
        readout shows them.
        """
        digits: int | None = None
        if isinstance(self.value, Quantity) and self.op in "<>":
            same = shown_value(evaluation, self.quantity) == shown_value(
                evaluation, self.value
            )
            # "2.885×10⁻¹⁴ bits > 2.885×10⁻¹⁴ bits" read as false: as many
            # digits as tell the two apart.
            digits = (
                _digits_apart(
                    evaluation.value(self.quantity), evaluation.value(self.value)
                )
                if same
                else None
            )

        def written(quantity: Quantity) -> str:
            value = shown_value(evaluation, quantity, digits)
            return f"{quantity.title} = {value}"

        left = written(self.quantity)
        if isinstance(self.value, Quantity):
            right = written(self.value)
        elif self.op == "=" and evaluation.value(self.quantity) == self.value:
            # Met: "D(P‖Q) = ∞ bits", not "D(P‖Q) = ∞ bits = ∞".
            return left
        else:
            right = _number_text(self.value)
        return f"{left} {self.op} {right}"

    def text(self) -> str:
        """The claim in words, without numbers (``D(P‖Q) < 0.05``)."""
        if isinstance(self.value, Quantity):
            right = self.value.title
        else:
            right = _number_text(self.value)
        return f"{self.quantity.title} {self.op} {right}"

    def to_dict(self) -> dict[str, Any]:
        """The claim as a lesson writes it."""
        value: Any
        if isinstance(self.value, Quantity):
            value = self.value.written
        elif math.isinf(self.value):
            value = "inf" if self.value > 0 else "-inf"
        else:
            value = self.value
        data: dict[str, Any] = {
            "quantity": self.quantity.written,
            "op": self.op,
            "value": value,
        }
        if self.op == "=" and self.tolerance:
            data["tolerance"] = self.tolerance
        return data


# --- targets -----------------------------------------------------------------

#: The explorer's plots whose bars stand at outcomes 0, 1, …: ``name#i``.
BAR_PLOTS = ("plot_distributions", "plot_asymmetry", "plot_softmax", "plot_gradient")

#: The explorer's panels a step may show (the rest are hidden).
PANELS = (
    "distributions",
    "information",
    "asymmetry",
    "softmax",
    "gradient",
    "loss_curve",
    "controls",
    "readouts",
    "formulas",
)
#: What a step shows when it does not say.
DEFAULT_PANELS = PANELS[:-1]


def _targets() -> dict[str, str]:
    from core.metrics import READOUTS

    names: dict[str, str] = {f"readout_{key}": "scenario" for key in READOUTS}
    names.update({f"plot_{panel}": "scenario" for panel in PANELS[:6]})
    names.update(
        {
            name: "scenario"
            for name in (
                "controls_column",
                "temperature_slider",
                "smoothing_slider",
                "label_combo",
                "link_toggle",
            )
        }
    )
    race = (
        "binary_loss_plot",
        "binary_gradient_plot",
        "binary_race_plot",
        "binary_gradient_ratio",
        "binary_probability",
        *(
            f"binary_{short}_{part}"
            for short in ("ce", "se")
            for part in ("gradient", "loss", "race", "count")
        ),
    )
    trainings = (
        "training_ce_softmax_plot",
        "training_se_softmax_plot",
        "training_ce_gradient_plot",
        "training_se_gradient_plot",
        "training_probability_plot",
        "training_cross_entropy_plot",
        "training_ce_formula",
        "training_se_formula",
    )
    fits = tuple(
        f"fitting_{direction}_{part}"
        for direction in ("forward", "reverse")
        for part in ("view", "plot", "loss_plot", "kl_pq", "kl_qp", "details")
    )
    batch = (
        "batch_losses_plot",
        "batch_sample_plot",
        "batch_mean_loss",
        "batch_mean_formula",
        "batch_loss_column",
        "batch_origin",
    )
    for kind, group in (
        ("race", race),
        ("trainings", trainings),
        ("fits", fits),
        ("batch", batch),
    ):
        names.update({name: kind for name in group})
    return names


#: Every element a step may highlight or a question hide, and its page kind.
TARGETS: Mapping[str, str] = MappingProxyType(_targets())

#: A slider (``logit_slider_2``) or the readout beside it (``logit_value_2``).
_SLIDER = re.compile(r"(?P<series>p|q|logit)_(?P<part>slider|value)_(?P<index>\d{1,2})")


@dataclass(frozen=True)
class Target:
    """An element of the window: a widget's object name, and a bar's outcome."""

    name: str
    kind: str
    bar: int | None = None

    @property
    def written(self) -> str:
        """As a lesson writes it (``plot_softmax#2``)."""
        return self.name if self.bar is None else f"{self.name}#{self.bar}"


def parse_target(text: Any, outcomes: int | None, bars: bool = True) -> Target:
    """A target as written; ``outcomes`` is K of the step (None: families).

    Raises
    ------
    ValueError
        For an unknown element, a bar of a plot without bars, a bar or slider
        beyond K, or a bar where ``bars`` is False (a question hides whole
        elements).
    """
    if not isinstance(text, str) or len(text) > 60:
        raise ValueError('must be the name of an element, such as "readout_kl_pq"')
    name, _, bar = text.partition("#")
    slider = _SLIDER.fullmatch(name)
    if slider is not None:
        index = int(slider["index"])
        if outcomes is None or index >= outcomes:
            raise ValueError(f'"{name}": the step has no slider {index}')
        if bar:
            raise ValueError(f'"{text}": a slider and its readout have no bars')
        return Target(name, "scenario")
    if name not in TARGETS:
        raise ValueError(f'names no element of the window: "{text}"')
    if not bar:
        return Target(name, TARGETS[name])
    if not bars:
        raise ValueError(f'"{text}": hide the whole plot, not one bar')
    if name not in BAR_PLOTS:
        raise ValueError(f'"{name}" has no bars to point at')
    if not bar.isdigit() or len(bar) > 5:
        raise ValueError(f'"{text}": the part after # must be an outcome number')
    index = int(bar)
    if outcomes is None or index >= outcomes:
        raise ValueError(f'"{text}": the step has no outcome {index} drawn as a bar')
    return Target(name, TARGETS[name], index)


__all__ = [
    "BAR_PLOTS",
    "DEFAULT_PANELS",
    "DERIVE",
    "OPERATORS",
    "PANELS",
    "PER_OUTCOME",
    "QUANTITIES",
    "Q_HANDLES",
    "TARGETS",
    "UNIT_TEMPERATURE_TOLERANCE",
    "Claim",
    "Evaluation",
    "Quantity",
    "QuantitySpec",
    "Target",
    "describe_claims",
    "parse_quantity",
    "parse_target",
    "q_handles_show_q",
    "q_is_softmax",
]


def describe_claims(claims: tuple[Claim, ...], evaluation: Evaluation) -> str:
    """The claims with their numbers, each quantity and its value named once.

    Two bounds on one quantity read "steps … = 1,511 steps, > 100 and
    < 10,000", not the quantity and its value twice over; claims on other
    quantities are joined by "; ".
    """
    parts: list[str] = []
    for quantity, grouped in itertools.groupby(claims, key=lambda c: c.quantity):
        group = list(grouped)
        limits = [(c.op, c.value) for c in group if not isinstance(c.value, Quantity)]
        if len(group) > 1 and len(limits) == len(group):
            written = f"{quantity.title} = {shown_value(evaluation, quantity)}"
            bounds = translate("Lessons", " and ").join(
                f"{op} {_number_text(value)}" for op, value in limits
            )
            parts.append(f"{written}, {bounds}")
        else:
            parts.extend(claim.describe(evaluation) for claim in group)
    return "; ".join(parts)


def _number_text(value: float) -> str:
    """A number a lesson wrote (a threshold) as it wrote it: 100, 0.66, −0.2.

    Not "0.6600": four decimals beside a computed 0.8638 would read as a
    computed value too. Step counts use it as well ("1,511 steps").
    """
    from core.numbers import format_count, format_number

    if not math.isfinite(value):
        return format_number(value)
    if value == round(value) and abs(value) < 1e15:
        return format_count(round(value))
    return f"{value:.6g}".replace("-", "−")


def shown_value(
    evaluation: Evaluation, quantity: Quantity, digits: int | None = None
) -> str:
    """``quantity``'s value with its unit, as a claim or an answer writes it.

    With ``digits``, that many significant digits (to tell two values apart).
    """
    from core.numbers import format_number

    unit = evaluation.unit(quantity)
    number = evaluation.value(quantity)
    steps = quantity.spec.unit == "steps"
    if digits is not None and math.isfinite(number):
        value = f"{number:.{digits}g}".replace("-", "−")
    else:
        value = _number_text(number) if steps else format_number(number)
    return f"{value} {unit}" if unit else value


def _digits_apart(a: float, b: float) -> int | None:
    """The fewest significant digits (up to 17) that write ``a`` and ``b`` apart."""
    if not (math.isfinite(a) and math.isfinite(b)) or a == b:
        return None
    for digits in range(5, 18):
        if f"{a:.{digits}g}" != f"{b:.{digits}g}":
            return digits
    return 17
