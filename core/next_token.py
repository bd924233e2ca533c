"""The next-token lab: a language model's distribution, reshaped and measured.

A next-token distribution over a vocabulary of V tokens (V = 128,256 for
Llama 3, 262,144 for Gemma 3) is read from a file or the clipboard
(:func:`read_distribution_file`, :func:`parse_distribution`,
:func:`parse_clipboard`) or made by :func:`example_distributions`. A
decoder reshapes it before sampling (:class:`DecodingSettings`), in the
order of Hugging Face's ``generate``:

1. **temperature** T: softmax(z/T);
2. **top-k**: keep the k most probable tokens;
3. **top-p** (nucleus): keep the smallest set of most probable tokens whose
   total probability is at least p (of what top-k kept);
4. **min-p**: keep the tokens whose probability is at least min_p times the
   largest;

then renormalises what is kept. Every rule keeps a set of the most probable
tokens, so the result is "the first n tokens by rank". Ties at a cut are
kept whole (every token as probable as the last one kept stays, so top-k
may keep more than k tokens); ties are decided on the logits, which
temperature does not reorder, so they are exact. A token exactly at a cut
(a probability of exactly min_p times the largest, a cumulative mass of
exactly top_p) falls on one side or the other by rounding.

:func:`next_token_statistics` measures, for each model, the entropy and
perplexity before and after truncation, the probability mass cut off, the
divergences between the tempered distribution and its truncation, the top
tokens and a rank curve; and between two models, both KL divergences and
JS of the truncated distributions (what a sampler would draw from).

Precision: the statistics run in float32 by default, with every step
arranged so that float32 keeps a relative accuracy of about 1e-6 (measured
against float64 and mpmath in the tests): log-ratios are formed in float64
from the logits before they are rounded, each sum adds non-negative terms
in float64, and divergences near 0 come from series rather than from
cancelling differences. ``precision="float64"`` runs the same formulas in
double precision. Below about 1e-38 of the largest probability a float32
weight is subnormal or 0: each model's own statistics (entropy, perplexity,
the mass cut off and the truncation's divergences) take such tokens again
in float64, so they keep their accuracy however cold the temperature; in
the divergences between two models they add nothing (an absolute error
below 1e-36). Such tokens still count as possible: whether a
divergence is infinite is decided by which tokens have a finite logit and
which the truncation kept, never by a rounded probability.
"""

from __future__ import annotations

import bisect
import csv
import functools
import io
import json
import math
import operator
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal, cast

import numpy as np
from numpy.typing import NDArray

from core.atomic import read_regular_file
from core.json_values import unique_keys

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
Kind = Literal["logits", "logprobs", "probs"]
Precision = Literal["float32", "float64"]

#: The three ways values can describe a distribution.
KINDS: tuple[Kind, ...] = ("logits", "logprobs", "probs")
#: Accepted for ``kind``: one of :data:`KINDS`, or "auto" to detect it.
KIND_CHOICES = ("auto", *KINDS)
PRECISIONS: tuple[Precision, ...] = ("float32", "float64")

#: Unit names and their logarithm bases (as in the explorer).
LOG_BASES = {"bits": 2.0, "nats": math.e}

#: A distribution has at least this many and at most this many tokens.
MIN_TOKENS = 2
MAX_TOKENS = 1_000_000
#: The largest file or clipboard text read: a million tokens with their
#: strings as JSON is about 40 MB.
MAX_INPUT_BYTES = 64 * 1024 * 1024
#: The longest token string accepted, in characters.
MAX_TOKEN_CHARS = 1000
#: Finite values beyond ±this are refused; values at or below −this are read
#: as −inf (probability 0): PyTorch masks tokens with float32's lowest value,
#: −3.4e38, and means "impossible".
MASK_BELOW = 1e30
#: How far probabilities may sum from 1, or log-probabilities' logsumexp
#: from 0, and still be detected as such (a float16 softmax over 262,144
#: tokens can miss 1 by some 1e-4).
NORMALISATION_TOLERANCE = 1e-3
#: Temperatures accepted, inclusive: beyond them the scaled logits could
#: leave float32's range.
TEMPERATURE_RANGE = (1e-3, 1e3)

#: The bundled examples' vocabulary sizes (Llama 3 and Gemma 3).
EXAMPLE_SIZES = (128_256, 262_144)
#: The seed of the bundled examples' generator (with V, so each size has
#: its own draw).
EXAMPLE_SEED = 16

#: A rank curve has at most about this many points.
RANK_CURVE_POINTS = 2000
#: The top tokens listed by default.
TOP_TOKENS = 20

#: Top-p sums the ranked probabilities in blocks of this many.
_TOP_P_BLOCK = 4096


# --- the distribution -------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class TokenDistribution:
    """A next-token distribution, as logits, with optional token strings.

    Make one with :func:`token_distribution`, a parser or
    :func:`example_distributions`; those fill in the derived fields.

    Attributes
    ----------
    logits : ndarray, shape (V,)
        Read-only float64: the log-probabilities up to a constant (log p
        for probabilities); ``-inf`` for a token of probability 0.
    tokens : tuple of str or None
        The token strings, or None when the source had none.
    kind : {"logits", "logprobs", "probs"}
        What the source's values were.
    detected : bool
        True if ``kind`` was detected from the values, False if chosen.
    name : str
        Where it came from (a file name, "clipboard", "example P").
    order : ndarray of int64, shape (V,)
        Read-only: token ids by decreasing logit (equal logits in
        increasing id); the impossible tokens last.
    ranks : ndarray of int64, shape (V,)
        Read-only: each token id's position in ``order`` (0 for the most
        probable).
    sorted_logits : ndarray, shape (support,)
        Read-only: the finite logits in ``order``, largest first.
    support : int
        How many tokens have a finite logit (positive probability).
    """

    logits: FloatArray
    tokens: tuple[str, ...] | None
    kind: Kind
    detected: bool
    name: str
    order: IntArray
    ranks: IntArray
    sorted_logits: FloatArray
    support: int

    @property
    def vocabulary_size(self) -> int:
        """V, the number of tokens (possible or not)."""
        return int(self.logits.size)

    def token_text(self, token_id: int) -> str | None:
        """The string of a token, or None when the source gave no strings."""
        return None if self.tokens is None else self.tokens[token_id]


def _readonly(values: Any, dtype: Any = np.float64) -> NDArray[Any]:
    array = np.array(values, dtype=dtype)
    array.setflags(write=False)
    return array


def _first_index(mask: NDArray[np.bool_]) -> int:
    return int(np.argmax(mask))


def _check_values(values: FloatArray, name: str) -> FloatArray:
    """Finite-or-masked numbers in range; at or below −1e30 becomes −inf."""
    if values.ndim != 1:
        raise ValueError(f"{name} must be one list of values, got shape {values.shape}")
    if values.size < MIN_TOKENS:
        raise ValueError(
            f"{name} has {_count(values.size, 'value')}; at least {MIN_TOKENS}"
        )
    if values.size > MAX_TOKENS:
        raise ValueError(
            f"{name} has {values.size:,} values; at most {MAX_TOKENS:,} are read"
        )
    nan = np.isnan(values)
    if nan.any():
        raise ValueError(f"{name}[{_first_index(nan)}] is NaN")
    plus_inf = np.isposinf(values)
    if plus_inf.any():
        raise ValueError(f"{name}[{_first_index(plus_inf)}] is +inf")
    too_large = values > MASK_BELOW
    if too_large.any():
        index = _first_index(too_large)
        raise ValueError(
            f"{name}[{index}] is {float(values[index])!r}; values must be at most "
            f"{MASK_BELOW:g}"
        )
    return np.where(values <= -MASK_BELOW, -np.inf, values)


def _logsumexp(values: FloatArray) -> float:
    top = float(values.max())
    if top == -math.inf:
        return -math.inf
    return top + math.log(float(np.sum(np.exp(values - top))))


def detect_kind(values: Any) -> Kind:
    """Which kind of values these are, where the values say so unambiguously.

    Parameters
    ----------
    values : array_like, shape (V,)

    Returns
    -------
    {"logits", "logprobs", "probs"}
        "probs" if every value is ≥ 0 and they sum to 1 (within
        :data:`NORMALISATION_TOLERANCE`); "logprobs" if every value is ≤ 0
        (−inf allowed) and their logsumexp is 0 (within the same); "logits"
        if some value is negative and they are not log-probabilities, or if
        every value is 0 (no probabilities sum to 0: uniform logits).

    Raises
    ------
    ValueError
        If every value is ≥ 0 but they do not sum to 1: they could be
        logits or unnormalised probabilities (counts), and only the person
        who made them knows; the message asks to choose. Also for NaN, +inf
        or values beyond ±1e30.

    Examples
    --------
    >>> detect_kind([0.7, 0.2, 0.1]), detect_kind([-0.5, -1.2, -2.0])
    ('probs', 'logits')
    >>> import math
    >>> detect_kind([math.log(0.7), math.log(0.3)])
    'logprobs'
    """
    array = _check_values(np.asarray(values, dtype=np.float64), "values")
    if not array.any():
        return "logits"  # all zero: no probabilities, uniform logits
    if (array >= 0).all():
        total = float(np.sum(array))
        if abs(total - 1.0) <= NORMALISATION_TOLERANCE:
            return "probs"
        raise ValueError(
            f"the values are all ≥ 0 and sum to {total:.6g}, not 1: they could be "
            "logits or unnormalised probabilities; choose logits or probs"
        )
    if (array <= 0).all() and abs(_logsumexp(array)) <= NORMALISATION_TOLERANCE:
        return "logprobs"
    return "logits"


def _as_logits(values: FloatArray, kind: Kind, name: str) -> FloatArray:
    """Log-weights for values of a given kind, checked for that kind."""
    if kind == "probs":
        negative = values < 0
        if negative.any():
            index = _first_index(negative)
            raise ValueError(
                f"{name}[{index}] is negative ({float(values[index])!r}); "
                "probabilities are ≥ 0 (choose logits if these are logits)"
            )
        if np.isinf(values).any() or not (values > 0).any():
            raise ValueError(f"{name}: probabilities must be finite, not all zero")
        with np.errstate(divide="ignore"):
            return np.log(values)
    plus_inf = np.isposinf(values)
    if plus_inf.any():
        raise ValueError(f"{name}[{_first_index(plus_inf)}] is +inf")
    if np.isneginf(values).all():
        raise ValueError(f"{name} is all -inf: no token has a positive probability")
    if kind == "logprobs":
        log_total = _logsumexp(values)
        if abs(log_total) > NORMALISATION_TOLERANCE:
            raise ValueError(
                f"{name}: log-probabilities have a logsumexp of {log_total:.6g}, "
                "not 0; choose logits if these are unnormalised"
            )
    return values


def token_distribution(
    values: Any,
    kind: str = "auto",
    tokens: Sequence[str] | None = None,
    name: str = "",
) -> TokenDistribution:
    """A next-token distribution from its values.

    Parameters
    ----------
    values : array_like, shape (V,)
        Logits, log-probabilities or probabilities; MIN_TOKENS ≤ V ≤
        :data:`MAX_TOKENS`. −inf (logits, log-probabilities) and 0
        (probabilities) mean "impossible"; values at or below −1e30 are
        read as −inf (PyTorch's mask value).
    kind : {"auto", "logits", "logprobs", "probs"}
        "auto" detects it (see :func:`detect_kind`). Chosen probabilities
        may be any non-negative weights (counts): they are normalised.
        Chosen log-probabilities must have a logsumexp within 1e-3 of 0.
    tokens : sequence of str, optional
        One string per value, each at most :data:`MAX_TOKEN_CHARS` long.
    name : str
        Shown with the results.

    Returns
    -------
    TokenDistribution

    Raises
    ------
    ValueError
        Naming the problem: a value that is NaN, +inf or beyond 1e30, a
        negative probability, all values impossible, log-probabilities
        that are not normalised, ambiguous values with ``kind="auto"``,
        too few or too many values, an unknown kind, or token strings
        that are not strings, too long, or not one per value.
    """
    if kind not in KIND_CHOICES:
        raise ValueError(f"kind must be one of {', '.join(KIND_CHOICES)}, got {kind!r}")
    try:
        raw = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError, OverflowError) as error:
        raise ValueError(f"values must be numbers: {error}") from None
    array = _check_values(raw, "values")
    resolved = detect_kind(array) if kind == "auto" else cast(Kind, kind)
    logits = _as_logits(array, resolved, "values")
    return _distribution(
        logits, resolved, kind == "auto", _tokens(tokens, array.size), name
    )


def _tokens(tokens: Sequence[str] | None, size: int) -> tuple[str, ...] | None:
    if tokens is None:
        return None
    strings = tuple(tokens)
    if len(strings) != size:
        raise ValueError(
            f"there are {_count(len(strings), 'token')} for {size:,} values"
        )
    for index, token in enumerate(strings):
        if not isinstance(token, str):
            raise ValueError(f"tokens[{index}] is not a string: {token!r:.40}")
        if len(token) > MAX_TOKEN_CHARS:
            raise ValueError(
                f"tokens[{index}] has {len(token):,} characters; at most "
                f"{MAX_TOKEN_CHARS:,}"
            )
    return tuple(well_formed(token) for token in strings)


def well_formed(token: str) -> str:
    """``token`` with any lone surrogate (half of a UTF-16 pair) as U+FFFD.

    It is no character (written as the escape ud800 in a JSON file): the
    table showed it as "", and a session holding it could not be written as
    UTF-8 (saving crashed).
    """
    try:
        token.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in token)
    return token


def _distribution(
    logits: FloatArray,
    kind: Kind,
    detected: bool,
    tokens: tuple[str, ...] | None,
    name: str,
) -> TokenDistribution:
    # Sorting once here is what makes a change of T or of a cut cheap: the
    # order of the logits is the order of the probabilities at every T.
    order = np.argsort(-logits, kind="stable").astype(np.int64)
    ranks = np.empty_like(order)
    ranks[order] = np.arange(order.size, dtype=np.int64)
    support = int(np.count_nonzero(np.isfinite(logits)))
    return TokenDistribution(
        logits=_readonly(logits),
        tokens=tokens,
        kind=kind,
        detected=detected,
        name=name,
        order=_readonly(order, np.int64),
        ranks=_readonly(ranks, np.int64),
        sorted_logits=_readonly(logits[order[:support]]),
        support=support,
    )


# --- reading files and text ---------------------------------------------------------

#: Column headings that name the kind of the values in a CSV file.
_HEADINGS: dict[str, Kind] = {
    "logit": "logits",
    "logits": "logits",
    "logprob": "logprobs",
    "logprobs": "logprobs",
    "log_prob": "logprobs",
    "log_probs": "logprobs",
    "prob": "probs",
    "probs": "probs",
    "probability": "probs",
    "probabilities": "probs",
}


#: Column headings that name no kind.
_NEUTRAL_HEADINGS = frozenset({"value", "values", "score", "scores"})


@dataclass(frozen=True)
class _Parsed:
    values: FloatArray
    tokens: tuple[str, ...] | None
    declared: Kind | None  # named by the source itself (a JSON key, a heading)


def _npy_header(data: bytes) -> tuple[tuple[int, ...], np.dtype[Any]]:
    """The shape and dtype a .npy file declares, read before its data.

    np.load allocates the declared shape before it reads the data, so a
    small file claiming 10¹² values would ask for terabytes: the header is
    checked first.
    """
    stream = io.BytesIO(data)
    try:
        version = np.lib.format.read_magic(stream)
        if version == (1, 0):
            shape, _, dtype = np.lib.format.read_array_header_1_0(stream)
        elif version == (2, 0):
            shape, _, dtype = np.lib.format.read_array_header_2_0(stream)
        else:
            raise ValueError(f"version {version[0]}.{version[1]} is not read here")
    except ValueError as error:
        raise ValueError(f"not a valid .npy file: {error}") from None
    return tuple(shape), dtype


def _parse_npy(data: bytes) -> _Parsed:
    if data[:2] == b"PK":
        raise ValueError("an .npz archive holds several arrays; give one .npy file")
    shape, dtype = _npy_header(data)
    if dtype.kind not in "fiu":
        raise ValueError(f"the .npy file holds {dtype} values, not real numbers")
    count = math.prod(shape)
    if count > MAX_TOKENS:
        raise ValueError(
            f"the .npy array has {count:,} values; at most {MAX_TOKENS:,} are read"
        )
    if len(shape) != 1 and not (len(shape) == 2 and shape[0] == 1):
        raise ValueError(f"the .npy array has shape {shape}; give one row")
    try:
        loaded = np.load(io.BytesIO(data), allow_pickle=False)
    except (ValueError, OSError, EOFError) as error:
        raise ValueError(f"not a valid .npy file: {error}") from None
    # One row of shape (1, V), as a model returns its logits, is a row.
    return _Parsed(np.asarray(loaded, dtype=np.float64).reshape(-1), None, None)


def _number(text: str, where: str) -> float:
    """A number as written in a file: Python's "1_0" (10) is not one."""
    try:
        if "_" in text:
            raise ValueError(text)
        return float(text)
    except ValueError:
        raise ValueError(f"{where}: {text.strip()[:30]!r} is not a number") from None


def _count(n: int, noun: str) -> str:
    """A count and its noun: "1 field", "2 fields"."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def _parse_csv(text: str) -> _Parsed:
    """Lines of ``value`` or of ``token,value``; an optional heading line."""
    first = next((line for line in io.StringIO(text) if line.strip()), "")
    delimiter = (
        "\t" if "\t" in first else ";" if ";" in first and "," not in first else ","
    )
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    for row in reader:
        # A blank line is skipped; the last cell is looked at first, as the
        # value there nearly always is (any() over every cell cost a third
        # of reading 262,144 lines).
        if not row or not (row[-1].strip() or any(cell.strip() for cell in row)):
            continue
        if len(rows) > MAX_TOKENS:  # a heading and MAX_TOKENS values at most
            # Stopped here: 33 million short lines took a minute and 7 GB
            # to be read whole before they were refused.
            raise ValueError(
                f"the text has more than {MAX_TOKENS + 1:,} lines; "
                f"at most {MAX_TOKENS:,} values are read"
            )
        rows.append((reader.line_num, row))
    declared: Kind | None = None
    heading = rows[0][1][-1].strip().lower() if rows else ""
    if heading in _HEADINGS or heading in _NEUTRAL_HEADINGS:
        declared = _HEADINGS.get(heading)
        rows = rows[1:]
    if not rows:
        raise ValueError("there are no values")
    width = len(rows[0][1])
    if width not in (1, 2):
        raise ValueError(
            f"line {rows[0][0]} has {_count(width, 'field')}; give one value per "
            "line, or token,value (quote a token that holds the separator)"
        )
    values = np.empty(len(rows))
    tokens: list[str] = []
    for position, (number, row) in enumerate(rows):
        if len(row) != width:
            raise ValueError(
                f"line {number} has {_count(len(row), 'field')}, "
                f"line {rows[0][0]} {width}"
            )
        values[position] = _number(row[-1], f"line {number}")
        if width == 2:
            tokens.append(row[0])
    one_number = width == 2 and len(tokens) > 1 and len(set(tokens)) == 1
    if one_number and tokens[0].strip().lstrip("+-").isdigit():
        # "0,1" "0,2" …: numbers with a decimal comma, read as the token
        # "0" with the values 1, 2, … (never a vocabulary).
        raise ValueError(
            "every line reads as the token "
            f"{tokens[0].strip()[:10]!r} and a value: if these are numbers "
            "with a decimal comma (like 0,25), write them with a point (0.25)"
        )
    return _Parsed(values, tuple(tokens) if width == 2 else None, declared)


def _json_numbers(items: Any, where: str) -> FloatArray:
    if not isinstance(items, list):
        raise ValueError(f"{where} must be a list of numbers")
    if len(items) > MAX_TOKENS:
        raise ValueError(f"{where} has {len(items):,} values; at most {MAX_TOKENS:,}")
    for index, item in enumerate(items):
        if isinstance(item, bool) or not isinstance(item, (int, float)):
            raise ValueError(f"{where}[{index}] is not a number: {item!r:.30}")
    try:
        return np.array(items, dtype=np.float64)
    except OverflowError:
        raise ValueError(f"{where} holds an integer too large for a float") from None


def _parse_json(text: str) -> _Parsed:
    try:
        data = json.loads(text, object_pairs_hook=unique_keys)
    except json.JSONDecodeError as error:
        raise ValueError(f"not valid JSON: {error}") from None
    except RecursionError:
        raise ValueError("not valid JSON: nested too deeply") from None
    if isinstance(data, list):
        return _Parsed(_json_numbers(data, "the list"), None, None)
    if not isinstance(data, dict):
        raise ValueError("the JSON must be a list of numbers or an object")
    present = [kind for kind in KINDS if kind in data]
    if len(present) != 1:
        found = ", ".join(present) if present else "none"
        raise ValueError(
            "the JSON object needs exactly one of logits, logprobs, probs "
            f"(found {found})"
        )
    kind = present[0]
    values = _json_numbers(data[kind], f'"{kind}"')
    tokens = data.get("tokens")
    if tokens is not None:
        if not isinstance(tokens, list):
            raise ValueError('"tokens" must be a list of strings')
        tokens = tuple(tokens)
    return _Parsed(values, tokens, kind)


def _looks_like_json(text: str) -> bool:
    return text.lstrip()[:1] in ("[", "{")


def _parse_text(text: str, container: str | None) -> _Parsed:
    if container == "json" or (container is None and _looks_like_json(text)):
        return _parse_json(text)
    return _parse_csv(text)


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")  # a byte-order mark is not a token
    except UnicodeDecodeError as error:
        raise ValueError(f"the text is not UTF-8 (byte {error.start})") from None


_CONTAINERS = {
    ".npy": "npy",
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".json": "json",
}


def _resolve(parsed: _Parsed, kind: str, name: str) -> TokenDistribution:
    if kind not in KIND_CHOICES:
        raise ValueError(f"kind must be one of {', '.join(KIND_CHOICES)}, got {kind!r}")
    if parsed.declared is not None and kind not in ("auto", parsed.declared):
        raise ValueError(f"the source says {parsed.declared}, but {kind} was chosen")
    # A kind the source names is taken as chosen, not detected.
    chosen = parsed.declared if kind == "auto" and parsed.declared else kind
    return token_distribution(parsed.values, chosen, parsed.tokens, name)


def parse_distribution(
    data: bytes, kind: str = "auto", name: str = "", container: str | None = None
) -> TokenDistribution:
    """A next-token distribution from a file's bytes.

    Parameters
    ----------
    data : bytes
        At most :data:`MAX_INPUT_BYTES`. One of:

        * ``.npy`` (read with ``allow_pickle=False``): a 1-D array of real
          numbers, or one row of shape (1, V);
        * CSV text (``.csv``, ``.tsv``, ``.txt``): one value per line, or
          ``token,value`` per line (tab- or semicolon-separated lines work
          too; quote a token holding the separator), optionally under a
          heading whose last field names the kind (``token,logprob``;
          ``value`` or ``score`` names none);
        * JSON: a list of numbers, or ``{"tokens": [...], "logits": [...]}``
          with exactly one of ``logits``, ``logprobs``, ``probs`` (which
          then names the kind) and optional ``tokens``.
    kind : {"auto", "logits", "logprobs", "probs"}
        What the values are; "auto" takes it from a JSON key or a heading,
        else detects it (:func:`detect_kind`). A choice that contradicts
        the source's own name for its values is refused.
    name : str
        The source's name, for the results; its suffix picks the format
        when ``container`` is not given.
    container : {"npy", "csv", "json"}, optional
        The format; by default from the suffix of ``name``, else from the
        content (the .npy magic bytes; text starting with ``[`` or ``{`` is
        JSON, other text CSV).

    Returns
    -------
    TokenDistribution

    Raises
    ------
    ValueError
        With a one-line message naming the problem (and the line, index or
        key where there is one).
    """
    if len(data) > MAX_INPUT_BYTES:
        raise ValueError(
            f"the input is {len(data):,} bytes; at most {MAX_INPUT_BYTES:,}"
        )
    if container is None:
        container = _CONTAINERS.get(Path(name).suffix.lower())
    if container not in (None, "npy", "csv", "json"):
        raise ValueError(f"container must be npy, csv or json, got {container!r}")
    is_npy = container == "npy" or (container is None and data[:6] == b"\x93NUMPY")
    parsed = _parse_npy(data) if is_npy else _parse_text(_decoded(data), container)
    return _resolve(parsed, kind, name)


def parse_clipboard(text: str, kind: str = "auto") -> TokenDistribution:
    """A next-token distribution from pasted text.

    Parameters
    ----------
    text : str
        JSON (as for :func:`parse_distribution`); or lines of ``value`` or
        ``token,value``; or a single line of numbers separated by commas,
        semicolons, tabs or spaces (a Python list without its brackets).
    kind : {"auto", "logits", "logprobs", "probs"}

    Returns
    -------
    TokenDistribution
        Named "clipboard".

    Raises
    ------
    ValueError
        As for :func:`parse_distribution`.
    """
    if len(text) > MAX_INPUT_BYTES:
        raise ValueError(
            f"the text is {len(text):,} characters; at most {MAX_INPUT_BYTES:,}"
        )
    stripped = text.strip()
    one_line = not any(
        mark in stripped for mark in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
    )
    if stripped and one_line and not _looks_like_json(text):
        _check_decimal_commas(stripped)
        values = []
        for i, field in enumerate(_FIELD.finditer(stripped)):
            if i == MAX_TOKENS:  # stopped here, not after reading them all
                raise ValueError(
                    f"the text has more than {MAX_TOKENS:,} values; "
                    f"at most {MAX_TOKENS:,} are read"
                )
            values.append(_number(field.group(), f"value {i}"))
        return _resolve(_Parsed(np.array(values), None, None), kind, "clipboard")
    return _resolve(_parse_text(text, None), kind, "clipboard")


#: What str.splitlines breaks a line at.
_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
#: A number of a pasted line: what lies between commas, semicolons and spaces.
_FIELD = re.compile(r"[^\s,;]+")
#: A decimal comma ("0,25") among numbers separated by semicolons or spaces.
_DECIMAL_COMMA = re.compile(r"(?:^|[\s;])[-+]?\d+,\d+(?=$|[\s;])")


def _check_decimal_commas(line: str) -> None:
    """Refuse "0,1;0,2": a comma as the decimal point, read as two numbers."""
    if (";" in line or " " in line.strip()) and _DECIMAL_COMMA.search(line):
        raise ValueError(
            "the numbers look written with a decimal comma (like 0,25); "
            "write them with a point (0.25)"
        )


def read_distribution_file(
    path: str | os.PathLike[str], kind: str = "auto"
) -> TokenDistribution:
    """A next-token distribution from a file (see :func:`parse_distribution`).

    Parameters
    ----------
    path : str or path-like
        A regular file of at most :data:`MAX_INPUT_BYTES`; its suffix
        (.npy, .csv, .tsv, .txt, .json) picks the format, else the content.
    kind : {"auto", "logits", "logprobs", "probs"}

    Returns
    -------
    TokenDistribution
        Named by the file's name.

    Raises
    ------
    core.atomic.FileError
        If the file cannot be read (not a regular file, too large, missing,
        not permitted).
    ValueError
        If its content is not a distribution.
    """
    data = read_regular_file(path, MAX_INPUT_BYTES)
    return parse_distribution(data, kind, name=Path(os.fspath(path)).name)


# --- the bundled examples -----------------------------------------------------------

#: The head of the example's vocabulary: P's most probable tokens, in order.
_EXAMPLE_WORDS = (
    " the",
    " a",
    " to",
    " of",
    " and",
    " in",
    " that",
    " is",
    " it",
    " for",
    " was",
    " on",
    " with",
    " as",
    " he",
    " be",
    " at",
    " by",
    " this",
    " had",
    " not",
    " are",
    " but",
    " from",
    " or",
    " have",
    " an",
    " they",
    " which",
    " one",
    " you",
    " were",
    " her",
    " all",
    " she",
    " there",
    " would",
    " their",
    " we",
    " him",
    " been",
    " has",
    " when",
    " who",
    " will",
    " more",
    " no",
    " if",
    " out",
    " so",
)


def example_distributions(
    vocabulary_size: int = EXAMPLE_SIZES[0],
) -> tuple[TokenDistribution, TokenDistribution]:
    """Two made-up next-token distributions over one vocabulary, P and Q.

    Parameters
    ----------
    vocabulary_size : int
        V, from MIN_TOKENS to :data:`MAX_TOKENS`; the bundled sizes are
        :data:`EXAMPLE_SIZES` (Llama 3's 128,256 and Gemma 3's 262,144).

    Returns
    -------
    (TokenDistribution, TokenDistribution)
        Logits named "example P" and "example Q", with token strings.
        Cached by V (the same objects each time; they are immutable).

    Raises
    ------
    ValueError
        If ``vocabulary_size`` is not an integer in range.

    Notes
    -----
    The process, seeded by :data:`EXAMPLE_SEED` and V, so that every run
    on every machine gives the same values:

    1. A Zipf–Mandelbrot tail: the token of rank r (from 1) gets the logit
       −1.6·ln(r + 2.7), so probabilities fall as a power of the rank, as
       word frequencies do.
    2. A realistic head: the top three ranks are raised by 2.0, 0.8 and
       0.3, so that the most likely token has about half of the mass, the
       first ten about four fifths, and the tokens beyond rank 1,000 a few
       per cent: a language model's prediction in running text (entropy
       about 4 bits).
    3. Noise: every logit from rank 11 on gets Gaussian noise of standard
       deviation 0.3, so the curve is not perfectly smooth.
    4. Q, a second model on the same vocabulary: 0.95 times P's logits
       (flatter) plus Gaussian noise of standard deviation 0.5, with its
       top two tokens swapped, so the models disagree about the most likely
       token; Q's entropy is higher than P's, and D(P‖Q) and D(Q‖P) are
       about half a bit to a bit.
    5. One seeded permutation maps ranks to token ids, so that ids carry no
       order. Tokens are named " the", " a", … (50 common English words)
       for P's most probable ranks, and ``<id>`` for the rest.

    Nothing is downloaded or stored: the values are made at run time (about
    50 ms at V = 262,144).
    """
    if isinstance(vocabulary_size, (bool, np.bool_)) or not isinstance(
        vocabulary_size, (int, np.integer)
    ):
        raise ValueError(f"vocabulary_size must be an integer, got {vocabulary_size!r}")
    if not MIN_TOKENS <= vocabulary_size <= MAX_TOKENS:
        raise ValueError(
            f"vocabulary_size must lie in [{MIN_TOKENS}, {MAX_TOKENS:,}], "
            f"got {vocabulary_size:,}"
        )
    return _example(int(vocabulary_size))


@functools.lru_cache(maxsize=4)
def _example(v: int) -> tuple[TokenDistribution, TokenDistribution]:
    rng = np.random.default_rng(np.random.SeedSequence([EXAMPLE_SEED, v]))
    rank = np.arange(1, v + 1, dtype=np.float64)
    z_p = -1.6 * np.log(rank + 2.7)
    head = [2.0, 0.8, 0.3]
    z_p[: len(head)] += head[:v]
    z_p[10:] += rng.normal(0.0, 0.3, max(v - 10, 0))
    z_q = 0.95 * z_p + rng.normal(0.0, 0.5, v)
    z_q[[0, 1]] = z_q[[1, 0]]
    token_of_rank = rng.permutation(v)
    logits_p = np.empty(v)
    logits_q = np.empty(v)
    logits_p[token_of_rank] = z_p
    logits_q[token_of_rank] = z_q
    names = [f"<{i}>" for i in range(v)]
    for r, word in enumerate(_EXAMPLE_WORDS[:v]):
        names[int(token_of_rank[r])] = word
    tokens = tuple(names)
    return (
        _distribution(logits_p, "logits", False, tokens, "example P"),
        _distribution(logits_q, "logits", False, tokens, "example Q"),
    )


# --- decoding settings --------------------------------------------------------------


@dataclass(frozen=True)
class DecodingSettings:
    """Temperature and truncation, as a decoder applies them before sampling.

    Attributes
    ----------
    temperature : float
        T in :data:`TEMPERATURE_RANGE`; 1 leaves the distribution as it is.
    top_k : int or None
        Keep the k most probable tokens (and any tied with the k-th);
        None, or k ≥ the number of possible tokens, keeps all.
    top_p : float or None
        In (0, 1]: keep the smallest set of most probable tokens holding
        at least this share of what top-k kept (and ties with its last
        token); 1 or None keeps all.
    min_p : float or None
        In [0, 1]: keep tokens with at least min_p times the largest
        probability; 0 or None keeps all, 1 only the most probable (and
        its ties).

    Raises
    ------
    ValueError
        On construction, naming the field that is out of range.
    """

    temperature: float = 1.0
    top_k: int | None = None
    top_p: float | None = None
    min_p: float | None = None

    def __post_init__(self) -> None:
        t = _real(self.temperature, "temperature")
        low, high = TEMPERATURE_RANGE
        if not low <= t <= high:
            raise ValueError(f"temperature must lie in [{low:g}, {high:g}], got {t:g}")
        object.__setattr__(self, "temperature", t)
        if self.top_k is not None:
            if isinstance(self.top_k, bool) or not isinstance(
                self.top_k, (int, np.integer)
            ):
                raise ValueError(f"top_k must be an integer, got {self.top_k!r}")
            if self.top_k < 1:
                raise ValueError(f"top_k must be ≥ 1, got {self.top_k}")
            object.__setattr__(self, "top_k", int(self.top_k))
        if self.top_p is not None:
            p = _real(self.top_p, "top_p")
            if not 0 < p <= 1:
                raise ValueError(f"top_p must lie in (0, 1], got {p:g}")
            object.__setattr__(self, "top_p", p)
        if self.min_p is not None:
            m = _real(self.min_p, "min_p")
            if not 0 <= m <= 1:
                raise ValueError(f"min_p must lie in [0, 1], got {m:g}")
            object.__setattr__(self, "min_p", m)

    @property
    def truncates(self) -> bool:
        """Whether any rule can cut a token."""
        return (
            self.top_k is not None
            or (self.top_p is not None and self.top_p < 1)
            or (self.min_p is not None and self.min_p > 0)
        )


def _real(value: Any, name: str) -> float:
    if isinstance(value, (bool, np.bool_, complex, np.complexfloating)):
        raise ValueError(f"{name} must be a real number, got {value!r}")
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return number


# --- one model: tempered, truncated, measured ------------------------------------


@dataclass(frozen=True)
class _Tempered:
    """One model at one temperature and truncation, in rank order.

    Everything a frame computes over the whole vocabulary, once.
    """

    scaled: FloatArray  # (z − max z)/T of the possible tokens, float64, ≤ 0
    weights: NDArray[Any]  # exp(scaled) in the working precision; [0] is 1
    top_logit: float  # max z
    temperature: float
    possible: int  # tokens with a finite logit
    kept: int  # the truncation keeps ranks 0 … kept − 1
    log_total: float  # log Σ weights
    log_kept_total: float  # log Σ weights[:kept]
    cut_mass: float  # Σ weights[kept:] / Σ weights
    entropy: float  # nats, before truncation
    truncated_entropy: float  # nats, after truncation and renormalisation

    def probability(self, rank: int) -> float:
        """The tempered probability of a rank (from 0), in float64."""
        return math.exp(float(self.scaled[rank]) - self.log_total)

    def truncated_probability(self, rank: int) -> float:
        """The probability after truncation; 0 for a rank that was cut."""
        if rank >= self.kept:
            return 0.0
        return math.exp(float(self.scaled[rank]) - self.log_kept_total)


#: log of float32's smallest normal number: below it a float32 weight is
#: subnormal (or 0), with fewer digits the further below.
_LOG_FLOAT32_TINY = math.log(float(np.finfo(np.float32).tiny))


def _first_below_normal(scaled: FloatArray) -> int:
    """The first rank whose float32 weight exp(s) is below the normal numbers.

    ``scaled`` falls with rank, so only its end is looked at unless some are.
    """
    if scaled[-1] >= _LOG_FLOAT32_TINY:
        return int(scaled.size)
    return int(np.searchsorted(-scaled, -_LOG_FLOAT32_TINY, side="right"))


def _below_normal_again(
    scaled: FloatArray,
    float32_parts: tuple[NDArray[Any], NDArray[Any]],
    sums: tuple[float, float, float, float],
    start: int,
    kept: int,
) -> tuple[float, float, float, float]:
    """The four sums of :func:`_temper` with ranks ``start`` on in float64.

    A token more than 87 nats below the top (a cold temperature, a wide
    range of logits) has a subnormal float32 weight, a few digits or none:
    [0, −100] gave H = 3.82×10⁻⁴² nats for 3.757×10⁻⁴² and "mass cut off
    0" beside "1 of 2 kept". Taken again in float64 they keep their value
    down to about 10⁻³⁰⁸ (below that it is 0 in any float, and the page
    says so: "> 0, below …"). Costs one exp over those ranks, only when
    there are any.
    """
    weights, information = float32_parts
    kept_rest, cut, kept_information, cut_information = sums
    tail = scaled[start:]
    exact = np.exp(tail)
    exact_information = exact * tail
    split = max(kept - start, 0)  # the kept ranks among them
    rough_kept, rough_cut = _partial_sums(weights[start:], split)
    good_kept, good_cut = _partial_sums(exact, split)
    kept_rest += good_kept - rough_kept
    cut += good_cut - rough_cut
    rough_kept, rough_cut = _partial_sums(information[start:], split)
    good_kept, good_cut = _partial_sums(exact_information, split)
    kept_information += good_kept - rough_kept
    cut_information += good_cut - rough_cut
    return kept_rest, cut, kept_information, cut_information


def _exp_weights(scaled: FloatArray, dtype: Any) -> tuple[NDArray[Any], NDArray[Any]]:
    """exp(scaled) in ``dtype``, accurate to an ulp or two; and scaled rounded.

    Rounding the scaled logit s to float32 first would change exp(s) by a
    relative |s|·2⁻²⁴ (a millionth at s = −17); the rounding's residual,
    kept in float64, puts it back: exp(s) = exp(s₃₂)·(1 + (s − s₃₂)).
    """
    rounded = scaled.astype(dtype)
    weights = np.exp(rounded)
    if dtype != np.float64:
        residual = (scaled - rounded).astype(dtype)
        residual += 1
        weights *= residual
    return weights, rounded


def _count_at_least(descending: FloatArray, threshold: float) -> int:
    """How many entries of a non-increasing array are ≥ ``threshold``.

    A binary search through the array itself (about 18 reads at V =
    262,144), not ``np.searchsorted`` on a negated copy of it.
    """
    return bisect.bisect_right(descending, -threshold, key=operator.neg)


def _mass_reached(weights: NDArray[Any], target: float) -> int:
    """The first index at which Σ weights[:index + 1] ≥ ``target``.

    Summed block by block in float64 and stopped at the block that gets
    there: the head of a next-token distribution holds most of its mass, so
    top-p rarely needs more than the first block.
    """
    running = 0.0
    for start in range(0, weights.size, _TOP_P_BLOCK):
        block = np.cumsum(weights[start : start + _TOP_P_BLOCK], dtype=np.float64)
        block += running
        index = int(np.searchsorted(block, target, side="left"))
        if index < block.size:
            return start + index
        running = float(block[-1])
    return weights.size - 1  # rounding kept the total just short of target


def _kept_count(
    scaled: FloatArray, weights: NDArray[Any], settings: DecodingSettings
) -> int:
    """The length of the prefix of ranks that the truncation keeps.

    Ties are decided on the scaled logits (exact), not on rounded
    probabilities, and a tie at a cut is kept whole.
    """
    kept = scaled.size
    if settings.top_k is not None and settings.top_k < kept:
        kept = _count_at_least(scaled, float(scaled[settings.top_k - 1]))
    if settings.top_p is not None and settings.top_p < 1:
        total = float(np.sum(weights[:kept], dtype=np.float64))
        # The first rank at which the kept mass reaches top_p of the total.
        last = _mass_reached(weights[:kept], settings.top_p * total)
        kept = min(kept, _count_at_least(scaled, float(scaled[last])))
    if settings.min_p is not None and settings.min_p > 0:
        # p ≥ min_p·p_max  ⇔  s ≥ log min_p, since p/p_max = e^s.
        kept = min(kept, _count_at_least(scaled, math.log(settings.min_p)))
    return kept


def _partial_sums(values: NDArray[Any], split: int) -> tuple[float, float]:
    """Σ values[:split] and Σ values[split:], each in float64."""
    return (
        float(np.sum(values[:split], dtype=np.float64)),
        float(np.sum(values[split:], dtype=np.float64)),
    )


def _temper(
    distribution: TokenDistribution, settings: DecodingSettings, dtype: Any
) -> _Tempered:
    sorted_logits = distribution.sorted_logits
    scaled = sorted_logits - sorted_logits[0]
    scaled /= settings.temperature
    weights, rounded = _exp_weights(scaled, dtype)
    kept = _kept_count(scaled, weights, settings)
    # weights[0] is exactly 1: log Σ = log1p(Σ of the rest), which keeps the
    # digits of a near-certain token's tiny complement.
    kept_rest, cut = _partial_sums(weights[1:], kept - 1)
    # H = Σ (w/W)(log W − s) = log W + Σ w·(−s)/W: two non-negative parts,
    # so nothing cancels; the truncated entropy uses the kept prefix.
    information = weights * rounded
    kept_information, cut_information = _partial_sums(information, kept)
    start = _first_below_normal(scaled) if dtype != np.float64 else scaled.size
    if start < scaled.size:
        kept_rest, cut, kept_information, cut_information = _below_normal_again(
            scaled,
            (weights, information),
            (kept_rest, cut, kept_information, cut_information),
            start,
            kept,
        )
    log_total = math.log1p(kept_rest + cut)
    log_kept_total = math.log1p(kept_rest)
    total = math.exp(log_total)
    kept_total = math.exp(log_kept_total)
    return _Tempered(
        scaled=scaled,
        weights=weights,
        top_logit=float(sorted_logits[0]),
        temperature=settings.temperature,
        possible=int(scaled.size),
        kept=kept,
        log_total=log_total,
        log_kept_total=log_kept_total,
        cut_mass=cut / total,
        entropy=max(0.0, log_total - (kept_information + cut_information) / total),
        truncated_entropy=max(0.0, log_kept_total - kept_information / kept_total),
    )


def _truncation_divergences(
    cut: float, anything_cut: bool
) -> tuple[float, float, float]:
    """D(P‖P̃), D(P̃‖P) and JS(P, P̃) of a distribution and its truncation P̃.

    P̃ = P/Z on the kept tokens (Z = 1 − c), so every log-ratio is the same
    constant and each divergence depends on c alone:
    D(P̃‖P) = −log Z; D(P‖P̃) = ∞ as soon as anything is cut (P̃ is 0 where
    P is not); JS = ½[c ln 2 + (1 − c)·log(1 − c) − (2 − c)·log(1 − c/2)]
    (from M = (P + P̃)/2: P/2 on the cut tokens, P(1 + 1/Z)/2 on the kept
    ones), ≈ c·ln 2/2 for small c without cancellation.
    """
    if not anything_cut:
        return 0.0, 0.0, 0.0
    kl_from = -math.log1p(-cut)
    js = 0.5 * (
        cut * math.log(2.0)
        + (1 - cut) * math.log1p(-cut)
        - (2 - cut) * math.log1p(-cut / 2)
    )
    return math.inf, kl_from, min(max(js, 0.0), math.log(2.0))


@dataclass(frozen=True)
class TopToken:
    """One of a model's most probable tokens.

    Attributes
    ----------
    rank : int
        From 1 (the most probable).
    token_id : int
    text : str or None
        The token's string, when known.
    probability : float
        At the temperature, before truncation.
    truncated_probability : float
        After truncation and renormalisation; 0 if the token was cut.
    other_probability : float or None
        The other model's truncated probability of the same token (None
        without a second model).
    """

    rank: int
    token_id: int
    text: str | None
    probability: float
    truncated_probability: float
    other_probability: float | None


@dataclass(frozen=True)
class RankCurve:
    """Probability against rank, downsampled for a log–log plot.

    Attributes
    ----------
    ranks : ndarray of int64
        Ranks from 1 to the number of possible tokens, about evenly spaced
        on a logarithmic axis (every rank at the start), with the last kept
        rank and the first cut one always included; at most about
        :data:`RANK_CURVE_POINTS` + 2. Probabilities fall with rank, so
        sampling the curve at these ranks draws it faithfully.
    probabilities : ndarray
        The tempered probability at each rank, in float64 (0 only below
        1e-308, far beyond float32's 1e-38).
    kept_points : int
        The first ``kept_points`` entries are ranks the truncation keeps.
    threshold_rank : int
        The last rank kept (where to mark the cut).
    truncated_probabilities : ndarray, shape (kept_points,)
        After truncation and renormalisation, at the kept ranks.
    """

    ranks: IntArray
    probabilities: FloatArray
    kept_points: int
    threshold_rank: int
    truncated_probabilities: FloatArray


@functools.lru_cache(maxsize=16)
def _spaced_ranks(possible: int) -> IntArray:
    """Ranks 1 … possible, about evenly spaced on a log axis (made once)."""
    spaced = np.geomspace(1, possible, RANK_CURVE_POINTS).round().astype(np.int64)
    return _readonly(np.unique(spaced), np.int64)


def _curve_ranks(possible: int, kept: int) -> IntArray:
    spaced = _spaced_ranks(possible)
    marks = [kept, kept + 1] if kept < possible else [kept]
    missing = [m for m in marks if spaced[np.searchsorted(spaced, m)] != m]
    if not missing:
        return spaced
    return np.insert(spaced, np.searchsorted(spaced, missing), missing)


def _rank_curve(tempered: _Tempered) -> RankCurve:
    ranks = _curve_ranks(tempered.possible, tempered.kept)
    log_p = tempered.scaled[ranks - 1] - tempered.log_total
    kept_points = int(np.count_nonzero(ranks <= tempered.kept))
    truncated = np.exp(
        tempered.scaled[ranks[:kept_points] - 1] - tempered.log_kept_total
    )
    return RankCurve(
        ranks=_readonly(ranks, np.int64),
        probabilities=_readonly(np.exp(log_p)),
        kept_points=kept_points,
        threshold_rank=tempered.kept,
        truncated_probabilities=_readonly(truncated),
    )


@dataclass(frozen=True)
class ModelStatistics:
    """One model's distribution at its settings, in the results' units.

    Attributes
    ----------
    name : str
    vocabulary_size : int
        V.
    possible : int
        Tokens of positive probability (finite logits).
    kept : int
        Tokens the truncation keeps: ranks 1 … kept.
    entropy, perplexity : float
        H and e^H (in nats; perplexity has no unit) of the tempered
        distribution, before truncation.
    truncated_entropy, truncated_perplexity : float
        The same after truncation and renormalisation.
    max_probability : float
        The most probable token's tempered probability.
    threshold_probability : float
        The last kept token's tempered probability.
    cut_mass : float
        Tempered probability removed by the truncation, in [0, 1).
    kl_to_truncated : float
        D(P‖P̃) of the tempered P and its truncation P̃: ``+inf`` when a token
        of positive probability was cut (P̃ calls it impossible), else 0.
    kl_from_truncated : float
        D(P̃‖P) = −log(1 − cut_mass): finite, 0 when nothing is cut.
    js_truncated : float
        JS(P, P̃): finite, at most 1 bit.
    top_tokens : tuple of TopToken
    rank_curve : RankCurve
    """

    name: str
    vocabulary_size: int
    possible: int
    kept: int
    entropy: float
    perplexity: float
    truncated_entropy: float
    truncated_perplexity: float
    max_probability: float
    threshold_probability: float
    cut_mass: float
    kl_to_truncated: float
    kl_from_truncated: float
    js_truncated: float
    top_tokens: tuple[TopToken, ...]
    rank_curve: RankCurve


# --- two models ---------------------------------------------------------------------


@dataclass(frozen=True)
class PairStatistics:
    """Divergences between the two truncated distributions P̃ and Q̃.

    Attributes
    ----------
    kl_pq, kl_qp : float
        D(P̃‖Q̃) and D(Q̃‖P̃); ``+inf`` where one gives probability 0 to a
        token the other keeps.
    js : float
        JS(P̃, Q̃): always finite, at most 1 bit.
    p_only : int
        Tokens P̃ keeps and Q̃ does not: each makes D(P̃‖Q̃) infinite.
    p_only_cut : int
        Of those, the ones Q's truncation cut (the rest are impossible for
        Q itself: a −inf logit).
    p_only_example : int or None
        The most probable such token under P (its id), if any.
    q_only, q_only_cut, q_only_example
        The same the other way: tokens that make D(Q̃‖P̃) infinite.
    precision : {"float32", "float64"}
        The precision the divergences were computed in: float64 when a
        float32 result came out below :data:`FLOAT32_PAIR_FLOOR`.
    """

    kl_pq: float
    kl_qp: float
    js: float
    p_only: int
    p_only_cut: int
    p_only_example: int | None
    q_only: int
    q_only_cut: int
    q_only_example: int | None
    precision: Precision


#: A float32 divergence between two models below this (in nats) is computed
#: again in float64. Each float32 weight is within about 3 ulps (4e-7), so a
#: model's normaliser can be off by that much relative, and a divergence
#: between two such slightly mis-normalised vectors by about the square of
#: the difference, up to 3e-13: 1e-6 relative needs the result above a few
#: 1e-7. Such nearly equal models are rare; they cost a frame in float64.
FLOAT32_PAIR_FLOOR = 1e-6

#: Below this |log-ratio| the KL and JS terms come from their series; from it
#: on the direct forms cancel by at most a factor 3.4 (see :func:`_pair_sums`).
_SERIES_BELOW = 1.0


def _horner(
    x: NDArray[Any], coefficients: Sequence[float], out: NDArray[Any] | None = None
) -> NDArray[Any]:
    """Σ_k c_k x^k, highest power first, in x's precision (into ``out``)."""
    total = np.full_like(x, coefficients[-1]) if out is None else out
    if out is not None:
        total.fill(coefficients[-1])
    for c in reversed(coefficients[:-1]):
        total *= x
        total += c
    return total


def _series_terms(largest: float, term: Any, dtype: Any) -> int:
    """Fewest terms whose first omitted one, ``term(n, largest)``, is negligible."""
    eps = float(np.finfo(dtype).eps)
    n = 1
    while term(n, largest) > eps / 8:
        n += 1
    return n


def _bernoulli_numbers(count: int) -> list[Fraction]:
    """B_0 … B_(count−1) exactly (Akiyama–Tanigawa), B_1 = +½."""
    numbers, row = [], [Fraction(0)] * count
    for m in range(count):
        row[m] = Fraction(1, m + 1)
        for j in range(m, 0, -1):
            row[j - 1] = j * (row[j - 1] - row[j])
        numbers.append(row[0])
    return numbers


@functools.cache
def _js_coefficients(count: int) -> tuple[float, ...]:
    """c_n of h·tanh h − log cosh h = Σ_(n≥1) c_n h^(2n), as floats.

    Its derivative is h·sech²h = h·(tanh h)′, so with tanh h =
    Σ T_n h^(2n−1), T_n = 2^(2n)(2^(2n) − 1)·B_(2n)/(2n)!, the
    coefficients are c_n = (2n − 1)·T_n/(2n): ½, −¼, 1/9, −17/360, …
    """
    bernoulli = _bernoulli_numbers(2 * count + 1)
    coefficients = []
    for n in range(1, count + 1):
        t_n = (
            2 ** (2 * n) * (2 ** (2 * n) - 1) * bernoulli[2 * n] / math.factorial(2 * n)
        )
        coefficients.append(float((2 * n - 1) * t_n / (2 * n)))
    return tuple(coefficients)


def _pair_sums(
    p: NDArray[Any], q: NDArray[Any], d: NDArray[Any], dtype: Any
) -> tuple[float, float, float]:
    """Σ p·φ(d), Σ q·φ(−d) and Σ of the JS terms, for d = log(p/q).

    φ(d) = d − 1 + e^(−d) ≥ 0 gives the non-negative terms p·log(p/q) − p + q
    and q·log(q/p) − q + p, whose sums are the KL divergences when P and Q
    both sum to 1 over the tokens given. The JS term ½p·log(2p/(p+q)) +
    ½q·log(2q/(p+q)) is (p + q)/2·f(d/2) with f(h) = h·tanh h − log cosh h
    (from 1 ± tanh h = e^(±h)/cosh h).

    For |d| < 1 all three would cancel to second-order results, so they come
    from series: φ(d)/d² = Σ_k (−d)^k/(k+2)! (its even part E and odd part
    d·O give E − d·O and E + d·O), and f(h) = Σ c_n h^(2n) (see
    :func:`_js_coefficients`; |h| < ½ is well inside its radius π/2), with
    as many terms as the largest such |d| needs. From |d| = 1 on:
    p·(d − 1) + q and q·(−d − 1) + p (no exponential to overflow, at most a
    factor 2.7 of cancellation) and, with a = |d| and w = e^(−a) ≤ 1/e,
    f = ln 2 − log(1 + w) − wa/(1 + w) (from log cosh h = h − ln 2 +
    log(1 + e^(−2h)); no 1 − tanh to lose digits, at most 3.4×).

    The regions are combined by multiplying with 0/1 masks (exact; cheaper
    than ``np.where`` or splitting the arrays), the series' argument is 0
    where far, and buffers are reused in place: at V = 262,144 a fresh
    array costs as much as the arithmetic on it. Each sum is in float64.
    """
    a = np.abs(d)
    near_mask = a < _SERIES_BELOW
    near = near_mask.astype(dtype)
    dn = d * near
    largest = float(np.max(np.abs(dn), initial=0.0))  # (a where= max is slow)
    x = dn * dn
    n = _series_terms(largest, lambda k, v: v**k / math.factorial(k + 2), dtype)
    even = _horner(x, [1.0 / math.factorial(2 * j + 2) for j in range((n + 2) // 2)])
    odd = _horner(x, [1.0 / math.factorial(2 * j + 3) for j in range((n + 1) // 2)])
    odd *= dn
    terms = np.subtract(even, odd)
    terms *= x
    terms *= p
    kl_pq = float(np.sum(terms, dtype=np.float64))
    even += odd
    even *= x
    even *= q
    kl_qp = float(np.sum(even, dtype=np.float64))
    x *= 0.25  # h² = (d/2)²
    m = _series_terms(largest / 2, lambda k, v: (v / 1.5) ** (2 * k), dtype)
    series = _horner(x, _js_coefficients(m), out=odd)
    series *= x
    both = np.add(p, q, out=terms)
    series *= both
    js = float(np.sum(series, dtype=np.float64))
    if near_mask.all():
        return kl_pq, kl_qp, 0.5 * js
    far = np.subtract(1, near, out=near)
    work = np.subtract(d, 1, out=dn)
    work *= p
    work += q
    work *= far
    kl_pq += float(np.sum(work, dtype=np.float64))
    np.negative(d, out=work)
    work -= 1
    work *= q
    work += p
    work *= far
    kl_qp += float(np.sum(work, dtype=np.float64))
    a *= far  # 0 where near: w = 1 and f = 0 there, masked anyway
    w = np.negative(a, out=x)
    np.exp(w, out=w)
    one_plus_w = np.add(w, 1, out=even)
    a *= w
    a /= one_plus_w  # wa/(1 + w)
    np.log(one_plus_w, out=one_plus_w)
    f = np.subtract(math.log(2.0), one_plus_w, out=one_plus_w)
    f -= a
    f *= both
    f *= far
    js += float(np.sum(f, dtype=np.float64))
    return kl_pq, kl_qp, 0.5 * js


#: The pair's sums run over blocks of this many tokens: the dozen arrays of
#: one block stay in the processor's cache, which at V = 262,144 is about a
#: third faster than whole-vocabulary arrays (each pass of those reads and
#: writes main memory).
_BLOCK = 65536


def _shared_sums(
    p: TokenDistribution,
    p_tempered: _Tempered,
    alignment: _Alignment,
    q_tempered: _Tempered,
    q_by_rank: NDArray[Any],
    shared: IntArray | None,
    dtype: Any,
) -> tuple[float, float, float]:
    """:func:`_pair_sums` over the tokens both keep (P's ranks ``shared``).

    ``shared`` None means P's first ``kept`` ranks. Each block forms its
    log-ratios in float64 from the logits, then works in ``dtype``.
    """
    count = p_tempered.kept if shared is None else int(shared.size)
    scale_p = math.exp(-p_tempered.log_kept_total)
    offset = p_tempered.log_kept_total - q_tempered.log_kept_total
    totals = [0.0, 0.0, 0.0]
    for start in range(0, count, _BLOCK):
        stop = min(count, start + _BLOCK)
        ranks: Any = slice(start, stop) if shared is None else shared[start:stop]
        # log(p̃/q̃) in float64 from the logits, before anything is rounded.
        d = p.sorted_logits[ranks] - p_tempered.top_logit
        d /= p_tempered.temperature
        q_part = alignment.q_logits[ranks] - q_tempered.top_logit
        q_part /= q_tempered.temperature
        d -= q_part  # finite: both keep only tokens with finite logits
        d -= offset
        p_block = p_tempered.weights[ranks] * scale_p
        q_block = q_by_rank[alignment.q_rank[ranks]]
        sums = _pair_sums(p_block, q_block, d.astype(dtype), dtype)
        totals = [a + b for a, b in zip(totals, sums, strict=True)]
    return totals[0], totals[1], totals[2]


@dataclass(frozen=True)
class _Alignment:
    """Q listed in P's rank order, made once a pair (temperature-free)."""

    q_rank: IntArray  # Q's rank of P's token of rank r
    q_logits: FloatArray  # Q's logit of P's token of rank r


@functools.lru_cache(maxsize=8)
def _alignment(p: TokenDistribution, q: TokenDistribution) -> _Alignment:
    """Q's ranks and logits in P's rank order, cached by the (immutable) pair.

    The pair is compared in P's rank order, where P's values already lie in
    a row; Q's weights are gathered through ``q_rank``, and its logits are
    gathered here once, since they do not depend on the temperature.
    """
    return _Alignment(
        q_rank=_readonly(q.ranks[p.order], np.int64),
        q_logits=_readonly(q.logits[p.order]),
    )


def _pair(
    p: TokenDistribution,
    p_tempered: _Tempered,
    q: TokenDistribution,
    q_tempered: _Tempered,
    dtype: Any,
) -> PairStatistics:
    """KL both ways and JS of the truncated P̃ and Q̃, in nats."""
    alignment = _alignment(p, q)
    q_rank = alignment.q_rank
    kept_p, kept_q = p_tempered.kept, q_tempered.kept
    # Q̃ by Q's rank, 0 beyond what Q keeps, then listed in P's rank order.
    q_by_rank = np.zeros(q.vocabulary_size, dtype=dtype)
    np.multiply(
        q_tempered.weights[:kept_q],
        math.exp(-q_tempered.log_kept_total),
        out=q_by_rank[:kept_q],
    )
    scale_p = math.exp(-p_tempered.log_kept_total)
    everything_shared = kept_q == q.vocabulary_size  # Q keeps every token
    head_rank = q_rank[:kept_p]
    p_only_ranks = (
        np.empty(0, dtype=np.int64)
        if everything_shared
        else np.flatnonzero(head_rank >= kept_q)
    )
    p_only = int(p_only_ranks.size)
    shared = np.flatnonzero(head_rank < kept_q) if p_only else None
    alone = p_tempered.weights[p_only_ranks]
    mass_p_alone = scale_p * float(np.sum(alone, dtype=np.float64))
    shared_pq, shared_qp, js = _shared_sums(
        p, p_tempered, alignment, q_tempered, q_by_rank, shared, dtype
    )
    tail_rank = q_rank[kept_p:]  # tokens P does not keep
    q_only_ranks = kept_p + np.flatnonzero(tail_rank < kept_q)
    q_only = int(q_only_ranks.size)
    mass_q_alone = float(np.sum(q_by_rank[tail_rank], dtype=np.float64))
    # Σ over shared tokens of p·log(p/q) − p + q, plus Σ(p − q) over them,
    # which is the mass the other side keeps alone (added, not cancelled);
    # and ½·p·log 2 for each token only one side keeps (M = p/2 there).
    js += 0.5 * math.log(2.0) * (mass_p_alone + mass_q_alone)
    return PairStatistics(
        kl_pq=max(shared_pq + mass_q_alone, 0.0) if p_only == 0 else math.inf,
        kl_qp=max(shared_qp + mass_p_alone, 0.0) if q_only == 0 else math.inf,
        js=min(max(js, 0.0), math.log(2.0)),
        p_only=p_only,
        p_only_cut=int(np.count_nonzero(q_rank[p_only_ranks] < q_tempered.possible)),
        p_only_example=int(p.order[p_only_ranks[0]]) if p_only else None,
        q_only=q_only,
        q_only_cut=int(np.count_nonzero(q_only_ranks < p_tempered.possible)),
        q_only_example=(
            int(p.order[q_only_ranks[np.argmin(q_rank[q_only_ranks])]])
            if q_only
            else None
        ),
        precision="float32" if dtype == np.float32 else "float64",
    )


def decoded_distribution(
    distribution: TokenDistribution, settings: DecodingSettings | None = None
) -> FloatArray:
    """The distribution a decoder samples from, token by token, in float64.

    Parameters
    ----------
    distribution : TokenDistribution
    settings : DecodingSettings, optional
        Default: T = 1, no truncation.

    Returns
    -------
    ndarray, shape (V,)
        Read-only: softmax(z/T) with the truncation's cut tokens set to 0 and
        the rest renormalised, indexed by token id (for a table, an export
        or the clipboard; the lab's statistics do not need it).
    """
    tempered = _temper(distribution, settings or DecodingSettings(), np.float64)
    by_rank = np.zeros(distribution.vocabulary_size)
    kept = tempered.kept
    by_rank[:kept] = np.exp(tempered.scaled[:kept] - tempered.log_kept_total)
    return _readonly(by_rank[distribution.ranks])


# --- the lab's results ----------------------------------------------------------------


@dataclass(frozen=True)
class NextTokenResults:
    """Everything the next-token lab shows, in ``units``.

    Attributes
    ----------
    units : {"bits", "nats"}
    precision : {"float32", "float64"}
    p_settings, q_settings : DecodingSettings
    p : ModelStatistics
    q : ModelStatistics or None
        None with a single model.
    pair : PairStatistics or None
        Between the truncated distributions; None with a single model.
    """

    units: str
    precision: Precision
    p_settings: DecodingSettings
    q_settings: DecodingSettings
    p: ModelStatistics
    q: ModelStatistics | None
    pair: PairStatistics | None


def _model_statistics(
    distribution: TokenDistribution,
    tempered: _Tempered,
    ln_unit: float,
    top_n: int,
    other: tuple[TokenDistribution, _Tempered] | None,
) -> ModelStatistics:
    kl_to, kl_from, js = _truncation_divergences(
        tempered.cut_mass, tempered.kept < tempered.possible
    )
    return ModelStatistics(
        name=distribution.name,
        vocabulary_size=distribution.vocabulary_size,
        possible=tempered.possible,
        kept=tempered.kept,
        entropy=tempered.entropy / ln_unit,
        perplexity=math.exp(tempered.entropy),
        truncated_entropy=tempered.truncated_entropy / ln_unit,
        truncated_perplexity=math.exp(tempered.truncated_entropy),
        max_probability=tempered.probability(0),
        threshold_probability=tempered.probability(tempered.kept - 1),
        cut_mass=tempered.cut_mass,
        kl_to_truncated=kl_to,
        kl_from_truncated=kl_from / ln_unit,
        js_truncated=js / ln_unit,
        top_tokens=_top_tokens(distribution, tempered, top_n, other),
        rank_curve=_rank_curve(tempered),
    )


def _top_tokens(
    distribution: TokenDistribution,
    tempered: _Tempered,
    top_n: int,
    other: tuple[TokenDistribution, _Tempered] | None,
) -> tuple[TopToken, ...]:
    tokens = []
    for rank in range(min(top_n, tempered.possible)):
        token_id = int(distribution.order[rank])
        other_probability = None
        if other is not None:
            other_distribution, other_tempered = other
            other_rank = int(other_distribution.ranks[token_id])
            other_probability = other_tempered.truncated_probability(other_rank)
        tokens.append(
            TopToken(
                rank=rank + 1,
                token_id=token_id,
                text=distribution.token_text(token_id),
                probability=tempered.probability(rank),
                truncated_probability=tempered.truncated_probability(rank),
                other_probability=other_probability,
            )
        )
    return tuple(tokens)


def _same_vocabulary(p: TokenDistribution, q: TokenDistribution) -> None:
    problem = _vocabulary_problem(p, q)
    if problem:
        raise ValueError(problem)


@functools.lru_cache(maxsize=8)
def _vocabulary_problem(p: TokenDistribution, q: TokenDistribution) -> str:
    """Why P and Q cannot be compared token by token ("" if they can).

    Cached by the (immutable) pair: comparing 262,144 strings costs
    milliseconds, and a page asks every frame.
    """
    if p.vocabulary_size != q.vocabulary_size:
        return (
            f"P has {p.vocabulary_size:,} tokens and Q {q.vocabulary_size:,}: "
            "models compared token by token need one vocabulary"
        )
    if p.tokens is not None and q.tokens is not None and p.tokens != q.tokens:
        pairs = enumerate(zip(p.tokens, q.tokens, strict=True))
        index = next(i for i, (a, b) in pairs if a != b)
        return (
            f"P and Q name token {index} differently ({p.tokens[index]!r:.30} vs "
            f"{q.tokens[index]!r:.30}): not one vocabulary"
        )
    return ""


def next_token_statistics(
    p: TokenDistribution,
    q: TokenDistribution | None = None,
    settings: DecodingSettings | None = None,
    q_settings: DecodingSettings | None = None,
    units: str = "bits",
    top_n: int = TOP_TOKENS,
    precision: Precision = "float32",
) -> NextTokenResults:
    """Temperature, truncation and every statistic the lab shows.

    Parameters
    ----------
    p : TokenDistribution
    q : TokenDistribution, optional
        A second model over the same vocabulary (same V; token strings, if
        both have them, equal).
    settings : DecodingSettings, optional
        For P, and for Q unless ``q_settings`` is given; default T = 1,
        no truncation.
    q_settings : DecodingSettings, optional
    units : {"bits", "nats"}
        For entropies and divergences (perplexity has no unit).
    top_n : int
        How many top tokens to list for each model (≥ 0).
    precision : {"float32", "float64"}
        See the module docstring: float32 keeps about 1e-6 relative
        accuracy and is about twice as fast at V = 262,144. Divergences
        between nearly equal models (below :data:`FLOAT32_PAIR_FLOOR`) are
        computed in float64 either way; ``pair.precision`` says which.

    Returns
    -------
    NextTokenResults

    Raises
    ------
    ValueError
        For unknown units or precision, a negative ``top_n``, or two models
        that do not share a vocabulary.

    Notes
    -----
    Cost: O(V) vectorised work per model and for the pair, with no sort
    (the order of the logits is found once, when a distribution is made,
    and temperature does not change it).

    Examples
    --------
    >>> p = token_distribution([0.5, 0.25, 0.125, 0.125], "probs")
    >>> results = next_token_statistics(p, settings=DecodingSettings(top_k=2))
    >>> round(results.p.entropy, 6), results.p.kept, results.p.cut_mass
    (1.75, 2, 0.25)
    >>> round(results.p.kl_from_truncated, 6)  # −log₂ 0.75
    0.415037
    """
    ln_unit = math.log(LOG_BASES[units]) if units in LOG_BASES else None
    if ln_unit is None:
        raise ValueError(f"units must be 'bits' or 'nats', got {units!r}")
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be float32 or float64, got {precision!r}")
    if isinstance(top_n, bool) or not isinstance(top_n, int) or top_n < 0:
        raise ValueError(f"top_n must be an integer ≥ 0, got {top_n!r}")
    dtype = np.float32 if precision == "float32" else np.float64
    p_settings = settings if settings is not None else DecodingSettings()
    q_settings = q_settings if q_settings is not None else p_settings
    p_tempered = _temper(p, p_settings, dtype)
    if q is None:
        return NextTokenResults(
            units=units,
            precision=precision,
            p_settings=p_settings,
            q_settings=q_settings,
            p=_model_statistics(p, p_tempered, ln_unit, top_n, None),
            q=None,
            pair=None,
        )
    _same_vocabulary(p, q)
    q_tempered = _temper(q, q_settings, dtype)
    pair = _pair(p, p_tempered, q, q_tempered, dtype)
    finite = [x for x in (pair.kl_pq, pair.kl_qp, pair.js) if math.isfinite(x)]
    if dtype == np.float32 and min(finite) < FLOAT32_PAIR_FLOOR:
        pair = _pair(
            p,
            _temper(p, p_settings, np.float64),
            q,
            _temper(q, q_settings, np.float64),
            np.float64,
        )
    return NextTokenResults(
        units=units,
        precision=precision,
        p_settings=p_settings,
        q_settings=q_settings,
        p=_model_statistics(p, p_tempered, ln_unit, top_n, (q, q_tempered)),
        q=_model_statistics(q, q_tempered, ln_unit, top_n, (p, p_tempered)),
        pair=replace(
            pair,
            kl_pq=pair.kl_pq / ln_unit,
            kl_qp=pair.kl_qp / ln_unit,
            js=pair.js / ln_unit,
        ),
    )
