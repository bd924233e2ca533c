"""Every readout as plain JSON data (for ``--metrics``), and why a value is ∞.

Outcomes are numbered from 0, as the sliders p0, p1, … and PyTorch's class
labels are: "outcome 2" is the third bar. :func:`reason_text` is the single
source of the "Q = 0 where P > 0 at outcome 2" explanations that the window
and the command line show next to an infinite value.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from core._checks import FloatArray
from core.atomic import FileError
from core.families import MAX_FAMILY_K
from core.i18n import QT_TRANSLATE_NOOP, in_source_language, translate
from core.information import normalize
from core.scenario import UNITS, Results, Scenario, evaluate

if TYPE_CHECKING:
    from core.next_token import DecodingSettings, ModelStatistics, TokenDistribution

#: The scalar readouts, in the order the window shows them.
READOUTS = (
    "entropy_p",
    "entropy_q",
    "cross_entropy_pq",
    "cross_entropy_qp",
    "kl_pq",
    "kl_qp",
    "js",
    "loss",
)

#: The per-outcome readouts written by :func:`metrics`.
VECTORS = (
    "p",
    "q",
    "information_p",
    "information_q",
    "kl_terms_pq",
    "kl_terms_qp",
    "softmax",
    "target",
    "grad",
)

#: At most this many outcomes are listed in a reason; the rest are counted.
_LISTED = 5

#: Which readout is infinite because of which cause (in English: translated
#: when shown).
_CAUSES = {
    "kl_pq": ("kl_pq_infinite_at", QT_TRANSLATE_NOOP("Reasons", "Q = 0 where P > 0")),
    "cross_entropy_pq": (
        "kl_pq_infinite_at",
        QT_TRANSLATE_NOOP("Reasons", "Q = 0 where P > 0"),
    ),
    "kl_qp": ("kl_qp_infinite_at", QT_TRANSLATE_NOOP("Reasons", "P = 0 where Q > 0")),
    "cross_entropy_qp": (
        "kl_qp_infinite_at",
        QT_TRANSLATE_NOOP("Reasons", "P = 0 where Q > 0"),
    ),
    "loss": (
        "loss_infinite_at",
        QT_TRANSLATE_NOOP("Reasons", "softmax = 0 where the target > 0"),
    ),
}


def _outcomes(indices: tuple[int, ...]) -> str:
    """Name outcomes: "outcome 2", "outcomes 1 and 3", "… 0, 1, 2, 3, 4 and 7 more"."""
    if len(indices) == 1:
        return translate("Reasons", "outcome {index}").format(index=indices[0])
    shown = [str(i) for i in indices[:_LISTED]]
    if len(indices) > _LISTED:
        return translate("Reasons", "outcomes {first} and {more} more").format(
            first=", ".join(shown), more=len(indices) - _LISTED
        )
    return translate("Reasons", "outcomes {first} and {last}").format(
        first=", ".join(shown[:-1]), last=shown[-1]
    )


def infinite_at(results: Results, which: str) -> tuple[int, ...]:
    """The outcomes that make a readout infinite (empty when it is finite).

    Parameters
    ----------
    results : Results
    which : str
        One of :data:`READOUTS`.

    Returns
    -------
    tuple of int
        0-based outcome indices. Always empty for the entropies and JS,
        which are never infinite.

    Raises
    ------
    ValueError
        If ``which`` is not a readout name.
    """
    if which not in READOUTS:
        raise ValueError(f"which must be one of {', '.join(READOUTS)}, got {which!r}")
    if which not in _CAUSES:
        return ()
    indices: tuple[int, ...] = getattr(results, _CAUSES[which][0])
    return indices


def reason_text(results: Results, which: str) -> str:
    """Why a readout is infinite, in words; "" when it is finite.

    Parameters
    ----------
    results : Results
        From :func:`~core.scenario.evaluate`.
    which : str
        One of :data:`READOUTS`.

    Returns
    -------
    str
        ``"Q = 0 where P > 0 at outcome 2"`` for D(P‖Q) and H(P,Q);
        ``"P = 0 where Q > 0 at outcome 0"`` for D(Q‖P) and H(Q,P);
        ``"softmax = 0 where the target > 0 at outcome 3"`` for the loss.
        Several outcomes read "at outcomes 1 and 3", more than five
        "at outcomes 0, 1, 2, 3, 4 and 7 more". Outcomes count from 0.
        The window shows it as "∞ (Q = 0 where P > 0 at outcome 2)".

    Raises
    ------
    ValueError
        If ``which`` is not a readout name.

    Examples
    --------
    >>> from core.scenario import Scenario, evaluate
    >>> r = evaluate(Scenario([0.5, 0.5], [1.0, 0.0], [0.0, 0.0]))
    >>> reason_text(r, "kl_pq")
    'Q = 0 where P > 0 at outcome 1'
    """
    indices = infinite_at(results, which)
    if not indices:
        return ""
    cause = translate("Reasons", _CAUSES[which][1])  # i18n: variable (_CAUSES)
    return translate("Reasons", "{cause} at {outcomes}").format(
        cause=cause, outcomes=_outcomes(indices)
    )


def _json_number(value: float) -> float | str:
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return float(value)


def _json_vector(values: FloatArray) -> list[float | str]:
    return [_json_number(v) for v in values.tolist()]


def metrics(scenario: Scenario) -> dict[str, Any]:
    """Every readout of a scenario as JSON-ready data.

    Parameters
    ----------
    scenario : Scenario

    Returns
    -------
    dict
        ``units``, ``k``, the settings (``temperature``, ``label``,
        ``label_smoothing``, ``linked``), each of :data:`READOUTS` as a float
        in ``units``, each of :data:`VECTORS` as a list of K floats, and
        ``reasons``: for each infinite readout, :func:`reason_text` (in
        English whatever the language: the JSON is an interface). An
        infinite value is written as the string ``"inf"`` (JSON has no
        infinity). ``grad`` is the gradient of the loss in nats with respect
        to the logits.

    Raises
    ------
    ValueError
        If :func:`~core.scenario.evaluate` rejects the scenario.

    Examples
    --------
    >>> from core.scenario import Scenario
    >>> m = metrics(Scenario([0.7, 0.3], [0.5, 0.5], [0.0, 0.0]))
    >>> round(m["kl_pq"], 4), round(m["kl_qp"], 4)
    (0.1187, 0.1258)
    """
    results = evaluate(scenario)
    data: dict[str, Any] = {
        "units": results.units,
        "k": int(results.p.size),
        "temperature": float(scenario.temperature),
        "label": int(scenario.label),
        "label_smoothing": float(scenario.label_smoothing),
        "linked": bool(scenario.linked),
    }
    for name in READOUTS:
        data[name] = _json_number(getattr(results, name))
    for name in VECTORS:
        data[name] = _json_vector(getattr(results, name))
    with in_source_language():
        data["reasons"] = {
            name: reason_text(results, name)
            for name in READOUTS
            if reason_text(results, name)
        }
    return data


# --- the command line's arguments -------------------------------------------


def _parse_numbers(text: Any, option: str) -> list[float]:
    """Comma-separated finite numbers, e.g. "0.7,0.3"."""
    if not isinstance(text, str):
        raise ValueError(
            translate(
                "Metrics", "{option} must be numbers separated by commas, e.g. 0.7,0.3"
            ).format(option=option)
        )
    parts = text.split(",")
    if len(parts) > MAX_FAMILY_K:
        raise ValueError(
            translate("Metrics", "{option} has {count} entries; at most {most}").format(
                option=option, count=len(parts), most=MAX_FAMILY_K
            )
        )
    values = []
    for i, part in enumerate(parts):
        entry = part.strip()
        if not entry:
            raise ValueError(
                translate(
                    "Metrics",
                    "{option}: entry {index} is empty; give numbers separated by "
                    "commas, e.g. 0.7,0.3",
                ).format(option=option, index=i)
            )
        try:
            if "_" in entry:  # Python's float reads "1_0" as 10
                raise ValueError(entry)
            value = float(entry) + 0.0  # −0 is 0: "-0.0" was printed back
        except ValueError:
            raise ValueError(
                translate(
                    "Metrics", "{option}: entry {index} ({entry}) is not a number"
                ).format(option=option, index=i, entry=repr(entry[:20]))
            ) from None
        if not math.isfinite(value):
            raise ValueError(
                translate(
                    "Metrics", "{option}: entry {index} ({entry}) is not finite"
                ).format(option=option, index=i, entry=repr(entry[:20]))
            )
        values.append(value)
    return values


def _parse_weights(text: Any, option: str) -> list[float]:
    values = _parse_numbers(text, option)
    if len(values) < 2:
        raise ValueError(
            translate(
                "Metrics", "{option} needs at least 2 outcomes, got {count}"
            ).format(option=option, count=len(values))
        )
    for i, value in enumerate(values):
        if value < 0:
            raise ValueError(
                translate(
                    "Metrics", "{option}: entry {index} is negative ({value})"
                ).format(option=option, index=i, value=f"{value:g}")
            )
    if not any(values):
        raise ValueError(
            translate(
                "Metrics", "{option} is all zero: at least one weight must be positive"
            ).format(option=option)
        )
    return values


def _parse_scalar(text: Any, option: str) -> float:
    must_be_number = translate("Metrics", "{option} must be a number, got {value}")
    if isinstance(text, bool):
        raise ValueError(must_be_number.format(option=option, value=repr(text)))
    if isinstance(text, (complex, np.complexfloating)):
        raise ValueError(
            translate("Metrics", "{option} must be a real number, got {value}").format(
                option=option, value=repr(text)
            )
        )
    try:
        value = float(text.strip() if isinstance(text, str) else text)
    except OverflowError:
        raise ValueError(
            translate(
                "Metrics", "{option} must be finite, got an integer too large"
            ).format(option=option)
        ) from None
    except (TypeError, ValueError):
        raise ValueError(
            must_be_number.format(option=option, value=repr(str(text)[:20]))
        ) from None
    if not math.isfinite(value):
        raise ValueError(
            translate("Metrics", "{option} must be finite, got {value}").format(
                option=option, value=repr(str(text)[:20])
            )
        )
    return value


def _parse_label(text: Any, k: int) -> int:
    not_a_class = translate("Metrics", "--label must be an integer class, got {value}")
    if isinstance(text, bool):
        raise ValueError(not_a_class.format(value=repr(text)))
    if isinstance(text, (int, np.integer)):
        label = int(text)
    else:
        try:
            label = int(str(text).strip())
        except ValueError:
            raise ValueError(not_a_class.format(value=repr(str(text)[:20]))) from None
    if not 0 <= label < k:
        raise ValueError(
            translate(
                "Metrics", "--label must lie in [0, {last}] (classes count from 0)"
            ).format(last=k - 1)
        )
    return label


def parse_metrics_args(
    p: str | None,
    q: str | None,
    logits: str | None = None,
    label: str | int = 0,
    temperature: str | float = 1.0,
    smoothing: str | float = 0.0,
    units: str = "bits",
) -> Scenario:
    """Turn the command line's ``--metrics`` options into a scenario.

    Parameters
    ----------
    p, q : str or None
        Comma-separated non-negative weights, e.g. ``"0.7,0.3"``; normalised
        to sum to 1. Both must have the same length K, 2 ≤ K ≤ 100000.
        Either may be left out when ``logits`` are given: then Q is
        softmax(logits/T) (linked), and P, if left out too, is one-hot on
        ``label``, so that the loss is PyTorch's cross-entropy of the logits.
    logits : str or None
        K comma-separated finite logits; None gives K zeros.
    label : str or int
        The true class, 0 ≤ label < K.
    temperature : str or float
        Finite and > 0 (the command line is not limited to the window's
        [0.05, 20]).
    smoothing : str or float
        Label smoothing ε in [0, 1].
    units : str
        "bits" or "nats" (case-insensitive).

    Returns
    -------
    Scenario
        No families; linked exactly when ``q`` is left out.

    Raises
    ------
    ValueError
        With a one-line message naming the option: an empty, non-numeric or
        non-finite entry, a negative weight, all-zero weights, fewer than 2
        outcomes, lengths that differ, a label that is not an integer in
        range, a temperature ≤ 0, ε outside [0, 1], or unknown units.

    Notes
    -----
    With argparse, a value that starts with a minus sign must be attached
    to its option: ``--logits=-1,2,0.5``.

    Examples
    --------
    >>> s = parse_metrics_args("7,3", "1,1", units="bits")
    >>> s.p_weights.tolist(), s.logits.tolist()
    ([0.7, 0.3], [0.0, 0.0])
    """
    if q is None and logits is None:
        raise ValueError(
            translate("Metrics", "give --q (with --p), or --logits: there is no Q")
        )
    if p is None and q is not None:
        raise ValueError(
            translate(
                "Metrics", "--q needs --p: give both, or --logits and --label alone"
            )
        )
    z_given = None if logits is None else _parse_numbers(logits, "--logits")
    if p is None:
        assert z_given is not None
        k = len(z_given)
        if k < 2:
            raise ValueError(
                translate(
                    "Metrics", "--logits needs at least 2 entries, got {count}"
                ).format(count=k)
            )
        label_index = _parse_label(label, k)
        p_weights = [1.0 if i == label_index else 0.0 for i in range(k)]
    else:
        p_weights = _parse_weights(p, "--p")
    k = len(p_weights)
    q_weights = _parse_weights(q, "--q") if q is not None else [1.0] * k
    if len(q_weights) != k:
        raise ValueError(
            translate(
                "Metrics",
                "--q has {count} entries but --p has {k}: give --q {k} values",
            ).format(count=len(q_weights), k=k)
        )
    if z_given is not None and len(z_given) != k:
        raise ValueError(
            translate(
                "Metrics",
                "--logits has {count} entries but --p has {k}: give --logits "
                "{k} values (one per outcome of --p)",
            ).format(count=len(z_given), k=k)
        )
    z = z_given if z_given is not None else [0.0] * k
    t = _parse_scalar(temperature, "--temperature")
    if t <= 0:
        raise ValueError(
            translate("Metrics", "--temperature must be > 0, got {value}").format(
                value=f"{t:g}"
            )
        )
    eps = _parse_scalar(smoothing, "--smoothing")
    if not 0.0 <= eps <= 1.0:
        raise ValueError(
            translate("Metrics", "--smoothing must lie in [0, 1], got {value}").format(
                value=f"{eps:g}"
            )
        )
    unit = units.strip().lower() if isinstance(units, str) else units
    if unit not in UNITS:
        raise ValueError(
            translate("Metrics", "--units must be bits or nats, got {value}").format(
                value=repr(str(units)[:20])
            )
        )
    return Scenario(
        p_weights=normalize(p_weights),
        q_weights=normalize(q_weights),
        logits=np.array(z),
        temperature=t,
        label=_parse_label(label, k),
        label_smoothing=eps,
        units=unit,
        linked=q is None,
    )


# --- the next-token lab on the command line -----------------------------------

#: The per-model readouts of :func:`next_token_metrics`, in the lab's order.
NEXT_TOKEN_READOUTS = (
    "entropy",
    "perplexity",
    "truncated_entropy",
    "truncated_perplexity",
    "max_probability",
    "threshold_probability",
    "cut_mass",
    "kl_to_truncated",
    "kl_from_truncated",
    "js_truncated",
)

#: The top tokens listed per model on the command line.
NEXT_TOKEN_TOP = 10


def _optional_integer(text: Any, option: str) -> int | None:
    if text is None:
        return None
    message = translate("Metrics", "{option} must be an integer ≥ 1, got {value}")
    if isinstance(text, bool):
        raise ValueError(message.format(option=option, value=repr(text)))
    try:
        value = int(str(text).strip())
    except ValueError:
        raise ValueError(
            message.format(option=option, value=repr(str(text)[:20]))
        ) from None
    if value < 1:
        raise ValueError(message.format(option=option, value=value))
    return value


def _optional_share(text: Any, option: str, low_open: bool) -> float | None:
    if text is None:
        return None
    value = _parse_scalar(text, option)
    low_ok = value > 0 if low_open else value >= 0
    if not (low_ok and value <= 1):
        interval = "(0, 1]" if low_open else "[0, 1]"
        raise ValueError(
            translate("Metrics", "{option} must lie in {interval}, got {value}").format(
                option=option, interval=interval, value=f"{value:g}"
            )
        )
    return value


def parse_decoding_args(
    temperature: Any = "1",
    top_k: Any = None,
    top_p: Any = None,
    min_p: Any = None,
) -> DecodingSettings:
    """The command line's ``--temperature --top-k --top-p --min-p`` as settings.

    Parameters
    ----------
    temperature : str or float
        In [0.001, 1000].
    top_k : str or int, optional
        An integer ≥ 1; None keeps every token.
    top_p : str or float, optional
        In (0, 1]; None keeps every token.
    min_p : str or float, optional
        In [0, 1]; None keeps every token.

    Returns
    -------
    core.next_token.DecodingSettings

    Raises
    ------
    ValueError
        With a one-line message naming the option.
    """
    from core.next_token import TEMPERATURE_RANGE, DecodingSettings

    t = _parse_scalar(temperature, "--temperature")
    low, high = TEMPERATURE_RANGE
    if not low <= t <= high:
        raise ValueError(
            translate(
                "Metrics",
                "--temperature must lie in [{low}, {high}] for next-token files, "
                "got {value}",
            ).format(low=f"{low:g}", high=f"{high:g}", value=f"{t:g}")
        )
    return DecodingSettings(
        temperature=t,
        top_k=_optional_integer(top_k, "--top-k"),
        top_p=_optional_share(top_p, "--top-p", low_open=True),
        min_p=_optional_share(min_p, "--min-p", low_open=False),
    )


def _token_label(distribution: TokenDistribution, token_id: int) -> str:
    text = distribution.token_text(token_id)
    return f"token {token_id}" if text is None else f"token {token_id} {text!r}"


def _one_sided_reason(
    keeper: str, other: str, count: int, cut: int, example: str
) -> str:
    """Why D(keeper‖other) is infinite: tokens only ``keeper`` keeps."""
    impossible = count - cut
    causes = []
    if cut:
        causes.append(f"{cut:,} cut by {other}'s truncation")
    if impossible:
        causes.append(f"{impossible:,} with a -inf logit in {other}")
    tokens = "token" if count == 1 else "tokens"
    return (
        f"{other} gives probability 0 to {count:,} {tokens} that {keeper} keeps "
        f"({', '.join(causes)}), e.g. {example}"
    )


def _model_json(
    model: ModelStatistics, distribution: TokenDistribution
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": model.name,
        "kind": distribution.kind,
        "kind_detected": distribution.detected,
        "vocabulary_size": model.vocabulary_size,
        "possible": model.possible,
        "kept": model.kept,
    }
    for name in NEXT_TOKEN_READOUTS:
        data[name] = _json_number(getattr(model, name))
    data["top_tokens"] = [
        {
            "rank": top.rank,
            "token_id": top.token_id,
            "text": top.text,
            "probability": top.probability,
            "truncated_probability": top.truncated_probability,
            "other_probability": top.other_probability,
        }
        for top in model.top_tokens
    ]
    if model.kl_to_truncated == math.inf:
        data["reasons"] = {
            "kl_to_truncated": (
                f"the truncation keeps {model.kept:,} of {model.possible:,} possible "
                f"tokens and gives 0 to the rest, which hold {model.cut_mass:.6g} of "
                "the probability"
            )
        }
    return data


def next_token_metrics(
    p: TokenDistribution,
    q: TokenDistribution | None = None,
    settings: DecodingSettings | None = None,
    units: str = "bits",
    top_n: int = NEXT_TOKEN_TOP,
) -> dict[str, Any]:
    """The next-token lab's readouts as JSON-ready data.

    Parameters
    ----------
    p, q : core.next_token.TokenDistribution
        One or two models over one vocabulary (q may be None).
    settings : core.next_token.DecodingSettings, optional
        Applied to both (default: T = 1, no truncation).
    units : {"bits", "nats"}
    top_n : int
        Top tokens listed per model.

    Returns
    -------
    dict
        ``units``, ``precision``, ``settings``, ``p`` (and ``q``) with
        :data:`NEXT_TOKEN_READOUTS`, the model's ``kind`` and whether it was
        detected, and its top tokens; with two models ``kl_pq``, ``kl_qp``
        and ``js`` between the truncated distributions, and ``reasons`` for
        each infinite one (which tokens, and whether a truncation cut them
        or a logit was −inf). Infinity is the string ``"inf"``.

    Raises
    ------
    ValueError
        As :func:`core.next_token.next_token_statistics` does.
    """
    from core.next_token import next_token_statistics

    results = next_token_statistics(p, q, settings, units=units, top_n=top_n)
    s = results.p_settings
    data: dict[str, Any] = {
        "units": units,
        "precision": results.precision,
        "settings": {
            "temperature": s.temperature,
            "top_k": s.top_k,
            "top_p": s.top_p,
            "min_p": s.min_p,
        },
        "p": _model_json(results.p, p),
    }
    if q is None or results.q is None or results.pair is None:
        return data
    data["q"] = _model_json(results.q, q)
    pair = results.pair
    data["kl_pq"] = _json_number(pair.kl_pq)
    data["kl_qp"] = _json_number(pair.kl_qp)
    data["js"] = _json_number(pair.js)
    data["pair_precision"] = pair.precision
    reasons = {}
    if pair.p_only_example is not None:
        reasons["kl_pq"] = _one_sided_reason(
            "P", "Q", pair.p_only, pair.p_only_cut, _token_label(p, pair.p_only_example)
        )
    if pair.q_only_example is not None:
        reasons["kl_qp"] = _one_sided_reason(
            "Q", "P", pair.q_only, pair.q_only_cut, _token_label(q, pair.q_only_example)
        )
    data["reasons"] = reasons
    return data


def read_next_token_files(
    p_file: str,
    q_file: str | None = None,
    p_format: str = "auto",
    q_format: str = "auto",
) -> tuple[TokenDistribution, TokenDistribution | None]:
    """Read ``--p-file`` and ``--q-file``, with errors that name the option.

    Parameters
    ----------
    p_file, q_file : str
        Paths (.npy, .csv, .tsv, .txt or .json); ``q_file`` may be None.
    p_format, q_format : {"auto", "logits", "logprobs", "probs"}

    Returns
    -------
    (TokenDistribution, TokenDistribution or None)

    Raises
    ------
    ValueError
        One line: ``--p-file model.npy: <why>`` for a file that cannot be
        read or is not a distribution; for values that could be logits or
        probabilities it names ``--p-format``.
    """
    from core.next_token import KIND_CHOICES, read_distribution_file

    def read(
        path: str, kind: str, option: str, format_option: str
    ) -> TokenDistribution:
        if kind not in KIND_CHOICES:
            raise ValueError(
                translate(
                    "Metrics", "{option} must be one of {choices}, got {value}"
                ).format(
                    option=format_option,
                    choices=", ".join(KIND_CHOICES),
                    value=repr(str(kind)[:20]),
                )
            )
        try:
            return read_distribution_file(path, kind)
        except FileError as error:
            raise ValueError(f"{option} {path}: {error}") from None
        except ValueError as error:
            hint = ""
            undecided = getattr(error, "ambiguous", False) or "choose" in str(error)
            if undecided and kind == "auto":  # not when the format was given
                hint = translate("Metrics", " (give {option})").format(
                    option=format_option
                )
            raise ValueError(f"{option} {path}: {error}{hint}") from None

    p = read(p_file, p_format, "--p-file", "--p-format")
    q = None if q_file is None else read(q_file, q_format, "--q-file", "--q-format")
    return p, q
