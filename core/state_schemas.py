"""Every page's state as plain JSON data, and back, checked strictly.

Each state kind has a ``*_to_dict`` that writes it and a ``*_from_dict``
that reads it back, refusing with :class:`core.json_values.SessionError`
(naming the field) anything a control could not show: the ranges are those
of :mod:`core.ranges`. The kinds are the states of :mod:`core.scenario`
("scenario"), :mod:`core.race` ("race"), :mod:`core.trainings`
("trainings"), :mod:`core.kl_fits` ("fits"), :mod:`core.batch`
("batch") and :mod:`core.next_token_lab` ("next_token", written by
:mod:`core.next_token_lab_schema`); which page shows which is the window's
business.

A scenario object has exactly these keys::

    {"p_weights": [0.7, 0.3], "q_weights": [0.5, 0.5], "logits": [0.0, 0.0],
     "temperature": 1.0, "label": 0, "label_smoothing": 0.0, "units": "bits",
     "linked": false, "p_family": null, "q_family": null,
     "logits_follow_q": false}

A family is written as ``{"kind": "zipf", "k": 50000, "params": {"exponent":
1.1}}``; the scenario must evaluate.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from core.families import FAMILY_PARAMETERS, MAX_FAMILY_K, Family, family_weights
from core.json_values import (
    SessionError,
    boolean,
    check_keys,
    choice,
    fail,
    integer,
    join,
    json_list,
    json_object,
    number,
    number_in,
    shown,
)
from core.ranges import (
    BATCH_CLASSES,
    BATCH_LOGIT,
    BATCH_ROWS,
    FIT_BINS,
    FIT_SIGMA_MIN,
    FIT_STEPS,
    LABEL_SMOOTHING,
    LOGIT,
    PEAKS,
    RACE_DEFAULT_SPEED,
    RACE_LEARNING_RATE,
    RACE_SPEEDS,
    RACE_STEPS,
    RACE_Z0,
    SEED,
    SLIDER_K,
    TEMPERATURE,
    TRAINING_LEARNING_RATE,
    TRAINING_STEPS,
    IntRange,
    Range,
)
from core.scenario import UNITS, Scenario, evaluate

if TYPE_CHECKING:
    from core.batch import BatchState
    from core.kl_fits import FitsState
    from core.race import RaceState
    from core.trainings import (
        TrainingsState,
        TrainingStart,
    )


#: The keys of a scenario object, in the order they are written.
SCENARIO_KEYS = (
    "p_weights",
    "q_weights",
    "logits",
    "temperature",
    "label",
    "label_smoothing",
    "units",
    "linked",
    "p_family",
    "q_family",
    "logits_follow_q",
)


def in_range(limits: Range, value: Any, field: str) -> float:
    """A JSON number in the range of a control."""
    return number_in(value, field, limits.low, limits.high)


def int_in_range(limits: IntRange, value: Any, field: str) -> int:
    """A JSON integer in the range of a control."""
    checked = integer(value, field)
    if not limits.low <= checked <= limits.high:
        raise fail(
            field, f"must lie in [{limits.low}, {limits.high}], got {shown(checked)}"
        )
    return checked


# --- the scenario -----------------------------------------------------------


def _weights(value: Any, field: str) -> list[float]:
    """Slider weights, scaled down together if any exceeds the sliders' 1.

    Weights only fix proportions, so the scaling changes no probability.
    """
    items = json_list(value, field, SLIDER_K.low, SLIDER_K.high)
    weights = [number(item, f"{field}[{i}]") for i, item in enumerate(items)]
    for i, weight in enumerate(weights):
        if weight < 0:
            raise fail(f"{field}[{i}]", f"is negative ({weight:g})")
    top = max(weights)
    return [weight / top for weight in weights] if top > 1.0 else weights


def _check_used_weights(weights: list[float], field: str, used: bool) -> None:
    """Weights a scenario uses may not all be zero; ignored ones may."""
    if used and not any(weights):
        raise fail(field, "is all zero: at least one weight must be positive")


def _logits(value: Any, field: str) -> list[float]:
    items = json_list(value, field, SLIDER_K.low, SLIDER_K.high)
    return [
        number_in(item, f"{field}[{i}]", LOGIT.low, LOGIT.high)
        for i, item in enumerate(items)
    ]


def _family(value: Any, field: str) -> Family | None:
    if value is None:
        return None
    data = json_object(value, field)
    check_keys(data, field, ("kind", "k", "params"))
    kind = choice(data["kind"], f"{field}.kind", tuple(FAMILY_PARAMETERS))
    k = integer(data["k"], f"{field}.k")
    if not SLIDER_K.low <= k <= MAX_FAMILY_K:
        raise fail(f"{field}.k", f"must lie in [2, {MAX_FAMILY_K}], got {shown(k)}")
    raw = json_object(data["params"], f"{field}.params")
    spec = FAMILY_PARAMETERS[kind]
    check_keys(raw, f"{field}.params", (), tuple(spec))
    params: dict[str, float] = {}
    for name, parameter in raw.items():
        value = number(parameter, f"{field}.params.{name}")
        if name == "seed" and not value.is_integer():
            raise fail(f"{field}.params.seed", f"must be a whole number, got {value}")
        params[name] = value
    family = Family(kind, k, params)
    try:
        family_weights(family)
    except ValueError as error:
        raise fail(field, f"is invalid: {error}") from None
    return family


def _check_representable(
    where: str,
    p_weights: list[float],
    q_weights: list[float],
    logits: list[float],
    p_family: Family | None,
    q_family: Family | None,
) -> None:
    """Refuse what the window cannot show: it has two modes, nothing between.

    Sliders: one weight of P, one of Q and one logit per outcome, however
    Q is made (linked, or logits that follow Q), so all three lists have
    the same length. Families: both P and Q come from a family of the same
    K; the three lists are then the sliders' hidden state, still of one
    length.
    """
    k = len(p_weights)
    for field, values in (("q_weights", q_weights), ("logits", logits)):
        if len(values) != k:
            raise fail(
                join(where, field),
                f"has {len(values)} entries but p_weights has {k}: the window "
                "shows one slider of each per outcome",
            )
    if (p_family is None) != (q_family is None):
        missing = "q_family" if q_family is None else "p_family"
        raise fail(
            join(where, missing),
            "is null while the other family is set: give both (families) or "
            "neither (sliders)",
        )
    if p_family is not None and q_family is not None and p_family.k != q_family.k:
        raise fail(
            join(where, "q_family.k"),
            f"gives Q {q_family.k} outcomes but P has {p_family.k}",
        )


def _scenario(data: Any, where: str) -> Scenario:
    """Validate a scenario object field by field, then check that it evaluates."""
    data = json_object(data, where)
    check_keys(data, where, SCENARIO_KEYS)

    def at(key: str) -> str:
        return join(where, key)

    p_weights = _weights(data["p_weights"], at("p_weights"))
    q_weights = _weights(data["q_weights"], at("q_weights"))
    logits = _logits(data["logits"], at("logits"))
    temperature = in_range(TEMPERATURE, data["temperature"], at("temperature"))
    label = integer(data["label"], at("label"))
    smoothing = in_range(
        LABEL_SMOOTHING, data["label_smoothing"], at("label_smoothing")
    )
    units = choice(data["units"], at("units"), tuple(UNITS))
    linked = boolean(data["linked"], at("linked"))
    p_family = _family(data["p_family"], at("p_family"))
    q_family = _family(data["q_family"], at("q_family"))
    follow_q = boolean(data["logits_follow_q"], at("logits_follow_q"))
    # Linked, Q is the softmax of the logits: its own weights are unused
    # (unless the logits follow them), so a file may hold them all at zero.
    q_used = q_family is None and (not linked or follow_q)
    _check_used_weights(p_weights, at("p_weights"), p_family is None)
    _check_used_weights(q_weights, at("q_weights"), q_used)

    _check_representable(where, p_weights, q_weights, logits, p_family, q_family)
    if p_family is not None and not follow_q:
        raise fail(
            at("logits_follow_q"),
            "must be true with families: the window has no logit sliders for "
            "them, so the logits are log Q",
        )
    k = p_family.k if p_family else len(p_weights)
    if not 0 <= label < k:
        raise fail(at("label"), f"must lie in [0, {k - 1}], got {label}")
    scenario = Scenario(
        p_weights=np.array(p_weights),
        q_weights=np.array(q_weights),
        logits=np.array(logits),
        temperature=temperature,
        label=label,
        label_smoothing=smoothing,
        units=units,
        linked=linked,
        p_family=p_family,
        q_family=q_family,
        logits_follow_q=follow_q,
    )
    try:
        evaluate(scenario)
    except ValueError as error:
        raise fail(where, f"cannot be evaluated: {error}") from None
    return scenario


def scenario_from_dict(data: Any) -> Scenario:
    """Build a :class:`Scenario` from its JSON object, validating strictly.

    Parameters
    ----------
    data : mapping
        Exactly the keys of :data:`SCENARIO_KEYS` (see the module docstring).

    Returns
    -------
    Scenario
        A scenario that :func:`~core.scenario.evaluate` accepts.

    Raises
    ------
    SessionError
        Naming the field, for: a missing or unknown key; a value of the wrong
        JSON type (a bool, string, null or list where a number belongs);
        NaN or ±inf; slider weights with fewer than 2 or more than 16
        entries, a negative entry, or all zero where the scenario uses them
        (weights above 1 are scaled down together); logits outside [−10, 10] or
        not one per outcome; a temperature outside [0.05, 20]; a label
        outside [0, K); label smoothing outside [0, 1]; units other than
        "bits" or "nats"; a family with an unknown kind or parameter, K
        outside [2, 100000] or a parameter out of its range; or a Q that
        does not have P's number of outcomes.

    Notes
    -----
    Weights that a family or linked mode ignores are still checked, so a
    file never stores a state the sliders cannot show. When
    ``logits_follow_q`` is true the stored logits are ignored and may hold
    2 to 16 slider values instead of one per outcome.
    """
    return _scenario(data, "scenario")


def _float_list(values: Any, field: str) -> list[float]:
    try:
        return [float(v) for v in values]
    except (TypeError, ValueError, OverflowError):
        raise fail(field, "must hold numbers") from None


def _family_dict(family: Family | None) -> dict[str, Any] | None:
    if family is None:
        return None
    params = {
        name: int(value) if name == "seed" else float(value)
        for name, value in sorted(family.params.items())
    }
    return {"kind": family.kind, "k": int(family.k), "params": params}


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario as a plain JSON-ready dict, with the keys of :data:`SCENARIO_KEYS`.

    Parameters
    ----------
    scenario : Scenario

    Returns
    -------
    dict
        Lists of Python floats, a Python int label, bools, strings and family
        objects (or None). Nothing is validated here, so the dict may hold
        values that :func:`scenario_from_dict` rejects;
        :func:`session_to_json` checks before it writes.

    Raises
    ------
    SessionError
        Only if a field cannot be converted at all (a label that is not a
        number, say).
    """
    label = scenario.label
    if isinstance(label, bool) or not isinstance(label, int):
        try:
            label = int(label)
        except (TypeError, ValueError, OverflowError):
            raise fail("scenario.label", "must be an integer") from None
    try:
        temperature = float(scenario.temperature)
        smoothing = float(scenario.label_smoothing)
    except (TypeError, ValueError):
        raise fail(
            "scenario", "temperature and label_smoothing must be numbers"
        ) from None
    return {
        "p_weights": _float_list(scenario.p_weights, "scenario.p_weights"),
        "q_weights": _float_list(scenario.q_weights, "scenario.q_weights"),
        "logits": _float_list(scenario.logits, "scenario.logits"),
        "temperature": temperature,
        "label": label,
        "label_smoothing": smoothing,
        "units": scenario.units,
        "linked": bool(scenario.linked),
        "p_family": _family_dict(scenario.p_family),
        "q_family": _family_dict(scenario.q_family),
        "logits_follow_q": bool(scenario.logits_follow_q),
    }


# --- the race -----------------------------------------------------------------

RACE_KEYS = ("z0", "label", "learning_rate", "step")
#: Written since the speed became part of the state; older files play at
#: the default speed.
RACE_OPTIONAL_KEYS = ("steps_per_frame",)


def race_to_dict(state: RaceState) -> dict[str, Any]:
    """The race as JSON data: its settings and how far it has run."""
    return {
        "z0": state.z0,
        "label": state.label,
        "learning_rate": state.learning_rate,
        "step": state.step,
        "steps_per_frame": state.steps_per_frame,
    }


def race_from_dict(data: Any, where: str = "race") -> RaceState:
    """The race written by :func:`race_to_dict`, run again to its step."""
    from core.race import run_race_to, start_race, with_speed

    data = json_object(data, where)
    check_keys(data, where, RACE_KEYS, RACE_OPTIONAL_KEYS)
    z0 = in_range(RACE_Z0, data["z0"], join(where, "z0"))
    label = choice_int(data["label"], join(where, "label"), (0, 1))
    lr = in_range(
        RACE_LEARNING_RATE, data["learning_rate"], join(where, "learning_rate")
    )
    step = int_in_range(RACE_STEPS, data["step"], join(where, "step"))
    race = run_race_to(start_race(z0, label, lr), step)
    return with_speed(race, _race_speed(data, where))


def _race_speed(data: Mapping[str, Any], where: str) -> int:
    """The file's steps per frame (the default where it names none)."""
    value = data.get("steps_per_frame", RACE_DEFAULT_SPEED)
    return choice_int(value, join(where, "steps_per_frame"), RACE_SPEEDS)


def choice_int(value: Any, field: str, choices: tuple[int, ...]) -> int:
    """One of a few integers (0 and 1 written as 0.0 and 1.0 too, as v1 did)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    checked = integer(value, field)
    if checked not in choices:
        allowed = " or ".join(str(c) for c in choices)
        raise fail(field, f"must be {allowed}, got {shown(checked)}")
    return checked


# --- the trainings ------------------------------------------------------------

TRAININGS_KEYS = ("learning_rate", "step", "start")

#: A start's logits lie in [−START_LOGIT, START_LOGIT]. They are the
#: explorer's: slider logits (±10), or log Q when the logits follow Q, which
#: reaches log 5e-324 ≈ −744.4 for the smallest positive weight, and a −∞
#: (a zero weight) becomes a finite logit 40 below the rest
#: (:data:`core.trainings.IMPOSSIBLE_GAP`): about −785 at most. (Before: a
#: limit of ±100 refused a Q weight of 1e-30, and the window could then
#: neither save its session nor remember its last state.)
START_LOGIT = 1000.0
START_KEYS = ("logits", "label", "soft_target", "temperature", "label_smoothing")


def trainings_to_dict(state: TrainingsState) -> dict[str, Any]:
    """Both trainings as JSON data: their start, learning rate and step."""
    start = state.start
    return {
        "learning_rate": state.learning_rate,
        "step": state.step,
        "start": {
            "logits": list(start.logits),
            "label": start.label,
            "soft_target": None
            if start.soft_target is None
            else list(start.soft_target),
            "temperature": start.temperature,
            "label_smoothing": start.label_smoothing,
        },
    }


def trainings_from_dict(data: Any, where: str = "trainings") -> TrainingsState:
    """The trainings written by :func:`trainings_to_dict`, run to their step."""
    from core.trainings import run_trainings_to, start_trainings

    data = json_object(data, where)
    check_keys(data, where, TRAININGS_KEYS)
    lr = in_range(
        TRAINING_LEARNING_RATE, data["learning_rate"], join(where, "learning_rate")
    )
    step = int_in_range(TRAINING_STEPS, data["step"], join(where, "step"))
    start = _training_start(data["start"], join(where, "start"))
    try:
        state = start_trainings(start, lr)
    except ValueError as error:
        raise fail(join(where, "start"), f"cannot be trained: {error}") from None
    return run_trainings_to(state, step)


def _training_start(data: Any, where: str) -> TrainingStart:
    from core.trainings import TrainingStart

    data = json_object(data, where)
    check_keys(data, where, START_KEYS)
    items = json_list(
        data["logits"], join(where, "logits"), SLIDER_K.low, SLIDER_K.high
    )
    logits = tuple(
        number_in(z, f"{join(where, 'logits')}[{i}]", -START_LOGIT, START_LOGIT)
        for i, z in enumerate(items)
    )
    label = integer(data["label"], join(where, "label"))
    if not 0 <= label < len(logits):
        raise fail(
            join(where, "label"), f"must lie in [0, {len(logits) - 1}], got {label}"
        )
    soft = data["soft_target"]
    target = None
    if soft is not None:
        values = json_list(soft, join(where, "soft_target"), len(logits), len(logits))
        target = tuple(
            number_in(v, f"{join(where, 'soft_target')}[{i}]", 0.0, 1.0)
            for i, v in enumerate(values)
        )
        if abs(sum(target) - 1.0) > 1e-9:
            raise fail(join(where, "soft_target"), "must sum to 1")
    return TrainingStart(
        logits=logits,
        label=label,
        soft_target=target,
        temperature=in_range(
            TEMPERATURE, data["temperature"], join(where, "temperature")
        ),
        label_smoothing=in_range(
            LABEL_SMOOTHING, data["label_smoothing"], join(where, "label_smoothing")
        ),
    )


# --- the fits -----------------------------------------------------------------

FITS_KEYS = ("peaks", "seed", "shown", "fits")
FIT_KEYS = ("mu", "log_sigma", "step")

#: Where a fit can be: :mod:`core.fitting` keeps μ in [−K, 2K] and σ in
#: [FIT_SIGMA_MIN, K] (computed as it does, so that its bounds are inside). A
#: value beyond them used to load clipped, silently: it is refused instead.
FIT_MU = (-float(FIT_BINS), 2.0 * FIT_BINS)
FIT_LOG_SIGMA = (math.log(FIT_SIGMA_MIN), math.log(FIT_BINS))


def fits_to_dict(state: FitsState) -> dict[str, Any]:
    """Both fits as JSON data: P's peaks, the start, what is shown, where they are."""
    return {
        "peaks": {limits.name: getattr(state.peaks, limits.name) for limits in PEAKS},
        "seed": state.seed,
        "shown": state.shown,
        "fits": [
            {"mu": fit.mu, "log_sigma": fit.log_sigma, "step": fit.step}
            for fit in state.fits
        ],
    }


def fits_from_dict(data: Any, where: str = "fits") -> FitsState:
    """The fits written by :func:`fits_to_dict`, resumed where they were."""
    from core.kl_fits import SHOWN, resume_fits

    data = json_object(data, where)
    check_keys(data, where, FITS_KEYS)
    shape = _peaks(data["peaks"], join(where, "peaks"))
    seed = _seed(data["seed"], join(where, "seed"))
    shown_fits = choice(data["shown"], join(where, "shown"), SHOWN)
    entries = json_list(data["fits"], join(where, "fits"), 2, 2)
    where_fits = []
    for i, entry in enumerate(entries):
        field = f"{join(where, 'fits')}[{i}]"
        fit = json_object(entry, field)
        check_keys(fit, field, FIT_KEYS)
        where_fits.append(
            (
                number_in(fit["mu"], join(field, "mu"), *FIT_MU),
                number_in(fit["log_sigma"], join(field, "log_sigma"), *FIT_LOG_SIGMA),
                int_in_range(FIT_STEPS, fit["step"], join(field, "step")),
            )
        )
    try:
        return resume_fits(shape, seed, shown_fits, tuple(where_fits))
    except ValueError as error:
        raise fail(where, f"cannot be resumed: {error}") from None


def _seed(value: Any, field: str) -> int | None:
    return None if value is None else int_in_range(SEED, value, field)


def _peaks(data: Any, where: str) -> Any:
    from core.kl_fits import peaks

    data = json_object(data, where)
    names = tuple(limits.name for limits in PEAKS)
    check_keys(data, where, (), names)
    values = {
        limits.name: in_range(limits, data[limits.name], join(where, limits.name))
        for limits in PEAKS
        if limits.name in data
    }
    try:
        return peaks(**values)
    except ValueError as error:
        # The only refusal left is both heights at 0: name height_2, the
        # field to fix, as the error's field (the message keeps its words).
        problem = str(error)
        name = problem.split(" ", 1)[0]
        at = join(where, name) if name in names else where
        raise SessionError(f"{where} {problem}", at) from None


# --- the batch ----------------------------------------------------------------

BATCH_KEYS = ("logits", "labels")


def batch_to_dict(state: BatchState) -> dict[str, Any]:
    """The batch as JSON data."""
    return {
        "logits": [[float(z) for z in row] for row in state.logits],
        "labels": [int(y) for y in state.labels],
    }


def batch_from_dict(data: Any, where: str = "batch") -> BatchState:
    """The batch written by :func:`batch_to_dict`."""
    from core.batch import batch_of

    data = json_object(data, where)
    check_keys(data, where, BATCH_KEYS)
    field = join(where, "logits")
    rows = json_list(data["logits"], field, BATCH_ROWS.low, BATCH_ROWS.high)
    matrix = []
    for r, row in enumerate(rows):
        items = json_list(row, f"{field}[{r}]", BATCH_CLASSES.low, BATCH_CLASSES.high)
        matrix.append(
            [
                in_range(BATCH_LOGIT, item, f"{field}[{r}][{c}]")
                for c, item in enumerate(items)
            ]
        )
    if len({len(row) for row in matrix}) > 1:
        raise fail(field, "must have rows of equal length")
    label_field = join(where, "labels")
    labels = json_list(data["labels"], label_field, len(matrix), len(matrix))
    k = len(matrix[0])
    checked = []
    for i, label in enumerate(labels):
        value = integer(label, f"{label_field}[{i}]")
        if not 0 <= value < k:
            raise fail(f"{label_field}[{i}]", f"must lie in [0, {k - 1}], got {value}")
        checked.append(value)
    return batch_of(matrix, checked)


def _imported(module: str, name: str) -> Callable[..., Any]:
    """``module.name``, imported at the first call.

    The labs' schemas bring the labs' cores (Huffman codes, samplers, the
    next-token statistics): about 40 ms of a window's start, for pages a
    window opens only when asked.
    """

    def call(*arguments: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*arguments)

    call.__name__ = call.__qualname__ = name
    return call


#: Each page state kind: how it is written and read.
STATE_KINDS: Mapping[
    str, tuple[Callable[[Any], dict[str, Any]], Callable[[Any, str], Any]]
] = {
    "race": (race_to_dict, race_from_dict),
    "trainings": (trainings_to_dict, trainings_from_dict),
    "fits": (fits_to_dict, fits_from_dict),
    "batch": (batch_to_dict, batch_from_dict),
    "next_token": (
        _imported("core.next_token_lab_schema", "next_token_to_dict"),
        _imported("core.next_token_lab_schema", "next_token_from_dict"),
    ),
    "sampling": (
        _imported("core.lab_schemas", "sampling_lab_to_dict"),
        _imported("core.lab_schemas", "sampling_lab_from_dict"),
    ),
    "codes": (
        _imported("core.lab_schemas", "code_lab_to_dict"),
        _imported("core.lab_schemas", "code_lab_from_dict"),
    ),
}


# --- a page's few settings (presets, and version 1 session files) ---------------

#: The kinds whose pages take settings, and the explorer's own ("scenario").
SETTING_KINDS = ("scenario", *STATE_KINDS)


def settings_to_state(kind: str, settings: Any, scenario: Scenario, where: str) -> Any:
    """The page state a few settings describe (keys left out take defaults).

    ``race``: ``z0``, ``y`` (0 or 1) and ``learning_rate``; ``trainings``:
    ``learning_rate`` (the start is ``scenario``'s); ``fits``: ``direction``
    (the fits shown), ``seed`` (left out: the default start) and the six
    peak settings of :data:`core.ranges.PEAKS`; ``batch``: ``logits`` and
    ``labels`` together (left out: the course's example); ``next_token``:
    see :func:`core.next_token_lab_schema.next_token_settings_to_state`. ``scenario``
    takes none and gives None: its state is the scenario itself.

    Raises
    ------
    SessionError
        Naming the field, for an unknown kind or key, or a value that a
        control could not show.
    """
    from core.batch import example_batch
    from core.trainings import start_trainings

    data = json_object(settings, where)
    if kind == "scenario":
        check_keys(data, where, ())
        return None
    if kind == "race":
        return _race_settings(data, where)
    if kind == "trainings":
        check_keys(data, where, (), ("learning_rate",))
        lr = in_range(
            TRAINING_LEARNING_RATE,
            data.get("learning_rate", TRAINING_LEARNING_RATE.default),
            join(where, "learning_rate"),
        )
        return start_trainings(_start_of(scenario), lr)
    if kind == "fits":
        return _fits_settings(data, where)
    if kind == "batch":
        check_keys(data, where, (), BATCH_KEYS)
        if not data:
            return example_batch()
        if set(data) != set(BATCH_KEYS):
            raise fail(where, "must give batch logits and labels together")
        return batch_from_dict(data, where)
    if kind == "next_token":
        from core.next_token_lab_schema import next_token_settings_to_state

        return next_token_settings_to_state(data, where)
    if kind in ("sampling", "codes"):
        return _lab_settings(kind, data, scenario, where)
    raise fail(where, f"belongs to an unknown page {shown(kind)}")


def _lab_settings(
    kind: str, data: Mapping[str, Any], scenario: Scenario, where: str
) -> Any:
    """A lab drawing from the scenario's P and Q (:mod:`core.lab_schemas`)."""
    from core.lab_schemas import code_lab_settings, sampling_lab_settings

    results = evaluate(scenario)
    if kind == "sampling":
        return sampling_lab_settings(data, where, results.p, results.q, results.units)
    return code_lab_settings(data, where, results.p, results.q)


def _race_settings(data: Mapping[str, Any], where: str) -> RaceState:
    from core.race import start_race, with_speed

    check_keys(data, where, (), ("z0", "y", "learning_rate", "steps_per_frame"))
    default = start_race()
    z0 = in_range(RACE_Z0, data.get("z0", default.z0), join(where, "z0"))
    label = choice_int(data.get("y", 1), join(where, "y"), (0, 1))
    lr = in_range(
        RACE_LEARNING_RATE,
        data.get("learning_rate", default.learning_rate),
        join(where, "learning_rate"),
    )
    return with_speed(start_race(z0, label, lr), _race_speed(data, where))


def _fits_settings(data: Mapping[str, Any], where: str) -> FitsState:
    from core.kl_fits import SHOWN, start_fits

    names = tuple(limits.name for limits in PEAKS)
    check_keys(data, where, (), ("direction", "seed", *names))
    shape = _peaks({k: v for k, v in data.items() if k in names}, where)
    seed = _seed(data.get("seed"), join(where, "seed"))
    direction = join(where, "direction")
    shown_fits = choice(data.get("direction", "both"), direction, SHOWN)
    return start_fits(shape, seed, shown_fits)


def _start_of(scenario: Scenario) -> TrainingStart:
    """Where the trainings start for a scenario (a safe default in family mode)."""
    from core.trainings import DEFAULT_START, training_start

    results = evaluate(scenario)
    return DEFAULT_START if results.family_mode else training_start(results)


__all__ = [
    "SCENARIO_KEYS",
    "SETTING_KINDS",
    "STATE_KINDS",
    "batch_from_dict",
    "batch_to_dict",
    "fits_from_dict",
    "fits_to_dict",
    "race_from_dict",
    "race_to_dict",
    "scenario_from_dict",
    "scenario_to_dict",
    "settings_to_state",
    "trainings_from_dict",
    "trainings_to_dict",
]
