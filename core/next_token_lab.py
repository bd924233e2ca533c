"""The next-token lab's state: which models, how each is decoded, and derive.

One frozen :class:`NextTokenLabState` holds everything the page shows:

* **P and Q**, each a :class:`LabModel`: a
  :class:`core.next_token.TokenDistribution` with the source it came from
  (the bundled example at 128,256 or 262,144 tokens, a file, or pasted
  text). Q may be absent (one model).
* **each model's decoding** (:class:`core.next_token.DecodingSettings`:
  temperature, top-k, top-p, min-p), and whether Q follows P's (linked);
* the units, and **notices**: what could not be restored from a session
  (a file that is gone) or what an import changed (a Q of another
  vocabulary removed).

Pure changes (:func:`with_model`, :func:`with_settings`, …) return a new
state; :func:`derive_lab` computes every number the page shows with
:func:`core.next_token.next_token_statistics`.

Memory: a distribution of 262,144 tokens is about 8 MB of arrays. They are
read-only, so every state of the undo history that keeps the same model
shares them: a change of temperature copies a few references, never an
array, and only an import adds a distribution to the history.

Equality: a model equals another with the same *source* (the example of
the same size and role, a file of the same path, kind and SHA-256, pasted
text of the same digest and kind), whatever object holds its arrays, so a
state read back from a session equals the one saved, and re-importing the
same file is no change.

Sessions (see :mod:`core.next_token_lab_schema`) store a model by its
source, never its values: the example by its size, a file by its absolute
path, the kind chosen and the SHA-256 of its bytes, pasted text by the
text itself (up to :data:`MAX_KEPT_PASTE` characters) and its digest. A
file that is gone, unreadable or changed since is not an error: the
session loads with the example in its place and a :class:`Notice` saying
why.
"""

from __future__ import annotations

import hashlib
import os
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, cast

from core.atomic import read_regular_file
from core.next_token import (
    EXAMPLE_SIZES,
    KIND_CHOICES,
    MAX_INPUT_BYTES,
    DecodingSettings,
    NextTokenResults,
    TokenDistribution,
    _vocabulary_problem,  # cached there by the (immutable) pair
    example_distributions,
    next_token_statistics,
    parse_clipboard,
    parse_distribution,
    well_formed,
)
from core.ranges import MIN_P, NEXT_TOKEN_TEMPERATURE, TOP_K, TOP_P

Role = Literal["p", "q"]
ROLES: tuple[Role, ...] = ("p", "q")
UNITS = ("bits", "nats")

#: Pasted text up to this many characters is kept in a session (two of them
#: stay well inside a session file's 1 MB); longer text is not, and a
#: session reloads without it (with a notice).
MAX_KEPT_PASTE = 200_000

#: The top tokens the page lists per model.
LAB_TOP_TOKENS = 20


# --- where a distribution came from ------------------------------------------------


@dataclass(frozen=True)
class ExampleSource:
    """The bundled example (:func:`core.next_token.example_distributions`).

    Attributes
    ----------
    size : int
        One of :data:`core.next_token.EXAMPLE_SIZES`.
    role : {"p", "q"}
        Which of the example's two models.
    """

    size: int
    role: Role


@dataclass(frozen=True)
class FileSource:
    """A file read with :func:`core.next_token.parse_distribution`.

    Attributes
    ----------
    path : str
        Absolute.
    kind : str
        The kind chosen at import: one of
        :data:`core.next_token.KIND_CHOICES` ("auto" detects it).
    sha256 : str
        Of the file's bytes, in lower-case hex: a session reloads the file
        only if it still holds the same bytes.
    """

    path: str
    kind: str
    sha256: str


@dataclass(frozen=True)
class PastedSource:
    """Text pasted from the clipboard (:func:`core.next_token.parse_clipboard`).

    Attributes
    ----------
    kind : str
        The kind chosen at import.
    sha256 : str
        Of the text, UTF-8 encoded (lone surrogates passed through).
    text : str or None
        The text, when at most :data:`MAX_KEPT_PASTE` characters (so a
        session can keep it); not compared (the digest stands for it).
    """

    kind: str
    sha256: str
    text: str | None = field(default=None, compare=False, repr=False)


Source = ExampleSource | FileSource | PastedSource


@dataclass(frozen=True)
class LabModel:
    """A distribution and where it came from; equal when the sources are.

    Attributes
    ----------
    source : Source
    loaded : TokenDistribution or None
        The distribution read from a file or text; None for the example,
        which is made (and cached) only when first needed, so a window
        that never shows the lab never pays for it.
    """

    source: Source
    loaded: TokenDistribution | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if (self.loaded is None) != isinstance(self.source, ExampleSource):
            raise ValueError("a model holds its distribution unless it is the example")

    @property
    def distribution(self) -> TokenDistribution:
        """The model's distribution."""
        if self.loaded is not None:
            return self.loaded
        source = cast(ExampleSource, self.source)
        p, q = example_distributions(source.size)
        return p if source.role == "p" else q

    @property
    def vocabulary_size(self) -> int:
        """V."""
        if isinstance(self.source, ExampleSource):
            return self.source.size
        return self.distribution.vocabulary_size


def vocabulary_problem(p: LabModel, q: LabModel) -> str:
    """Why P and Q cannot be compared token by token ("" if they can).

    Two models of the bundled example of one size always can (and are not
    made to find out).
    """
    a, b = p.source, q.source
    examples = isinstance(a, ExampleSource) and isinstance(b, ExampleSource)
    if examples and a.size == b.size:  # type: ignore[union-attr]
        return ""
    return _vocabulary_problem(p.distribution, q.distribution)


def example_model(size: int, role: Role) -> LabModel:
    """One model of the bundled example at ``size`` tokens.

    Raises
    ------
    ValueError
        If ``size`` is not one of :data:`core.next_token.EXAMPLE_SIZES` or
        ``role`` not "p" or "q".
    """
    if size not in EXAMPLE_SIZES:
        sizes = " or ".join(f"{s:,}" for s in EXAMPLE_SIZES)
        raise ValueError(f"size must be {sizes}, got {size!r}")
    _check_role(role)
    return LabModel(ExampleSource(size, role))


def file_model(path: str | os.PathLike[str], kind: str = "auto") -> LabModel:
    """A model read from a file (.npy, .csv/.tsv/.txt, .json).

    Parameters
    ----------
    path : str or path-like
    kind : {"auto", "logits", "logprobs", "probs"}

    Returns
    -------
    LabModel
        Its source holds the absolute path, ``kind`` and the bytes' SHA-256.

    Raises
    ------
    core.atomic.FileError
        If the file cannot be read.
    ValueError
        If it is not a distribution (see
        :func:`core.next_token.parse_distribution`), or ``kind`` is unknown.
    """
    _check_kind(kind)
    absolute = os.path.abspath(os.fspath(path))
    signature = _signature(absolute)
    data = read_regular_file(absolute, MAX_INPUT_BYTES)
    model = model_from_bytes(data, absolute, kind)
    _remember(model, signature)
    return model


class FileChangedError(ValueError):
    """A file imported before no longer holds the bytes it had."""


def reopen_file(source: FileSource) -> LabModel:
    """The model of a file imported before, if it still holds the same bytes.

    A session is read back each time it is saved, so the last few files
    read are remembered with their size and modification time: while
    those are unchanged, reopening costs a ``stat``, not a read and a hash
    of up to 64 MB.

    Raises
    ------
    core.atomic.FileError
        If the file cannot be read (gone, not permitted, not regular).
    FileChangedError
        If its bytes' SHA-256 is no longer ``source.sha256``.
    ValueError
        If it is not a distribution any more (or ``source.kind`` unknown).
    """
    _check_kind(source.kind)
    signature = _signature(source.path)
    known = _OPENED.get(source)
    if known is not None and signature is not None and known[0] == signature:
        _OPENED.move_to_end(source)
        return known[1]
    data = read_regular_file(source.path, MAX_INPUT_BYTES)
    if sha256_of(data) != source.sha256:
        raise FileChangedError(f"{source.path} has changed since it was imported")
    model = model_from_bytes(data, source.path, source.kind)
    _remember(model, signature)
    return model


#: Files read, by source, with the (size, mtime_ns) they had just before.
_OPENED: OrderedDict[FileSource, tuple[tuple[int, int], LabModel]] = OrderedDict()
_OPENED_LIMIT = 4


def _signature(path: str) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def _remember(model: LabModel, signature: tuple[int, int] | None) -> None:
    # The signature is taken before the read: a file changed during the
    # read then fails the next comparison and is read again.
    source = model.source
    if signature is None or not isinstance(source, FileSource):
        return
    _OPENED[source] = (signature, model)
    _OPENED.move_to_end(source)
    while len(_OPENED) > _OPENED_LIMIT:
        _OPENED.popitem(last=False)


def forget_opened_files() -> None:
    """Forget the remembered files (for tests that rewrite a file in place)."""
    _OPENED.clear()


def model_from_bytes(data: bytes, path: str, kind: str) -> LabModel:
    """A model from a file's bytes already read (``path`` names it).

    Raises
    ------
    ValueError
        As :func:`core.next_token.parse_distribution` does.
    """
    distribution = parse_distribution(data, kind, name=Path(path).name)
    return LabModel(FileSource(path, kind, sha256_of(data)), distribution)


def pasted_model(text: str, kind: str = "auto") -> LabModel:
    """A model from pasted text (kept in the source if short enough).

    Raises
    ------
    ValueError
        As :func:`core.next_token.parse_clipboard` does, or for an unknown
        ``kind``.
    """
    _check_kind(kind)
    # Half of a UTF-16 pair (a clipboard may carry one) is no character,
    # and a session holding it could not be written as UTF-8.
    text = well_formed(text)
    distribution = parse_clipboard(text, kind)
    kept = text if len(text) <= MAX_KEPT_PASTE else None
    return LabModel(PastedSource(kind, text_digest(text), kept), distribution)


def sha256_of(data: bytes) -> str:
    """The SHA-256 of ``data`` in lower-case hex."""
    return hashlib.sha256(data).hexdigest()


def text_digest(text: str) -> str:
    """The SHA-256 of ``text`` as UTF-8 (lone surrogates passed through)."""
    return sha256_of(text.encode("utf-8", "surrogatepass"))


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise ValueError(f"role must be 'p' or 'q', got {role!r}")


def _check_kind(kind: str) -> None:
    if kind not in KIND_CHOICES:
        raise ValueError(f"kind must be one of {', '.join(KIND_CHOICES)}, got {kind!r}")


# --- notices -----------------------------------------------------------------------

NoticeCode = Literal[
    "file_unreadable",
    "file_changed",
    "file_invalid",
    "paste_not_kept",
    "q_removed",
    "q_replaced",
]


@dataclass(frozen=True)
class Notice:
    """Something the page must say about the models on show.

    Attributes
    ----------
    code : str
        "file_unreadable" (gone, or not readable: ``detail`` says why),
        "file_changed" (its bytes differ from the session's digest),
        "file_invalid" (readable but no longer a distribution),
        "paste_not_kept" (pasted text too long to keep in a session):
        the model was replaced by the bundled example, or Q removed;
        "q_removed": a new P has another vocabulary than Q, which was
        removed (``detail`` says how they differ); "q_replaced": P could not
        be restored, so Q (which must share its vocabulary) was replaced by
        the example too.
    role : {"p", "q"}
        The model concerned.
    name : str
        The file's path, or "" for pasted text.
    detail : str
        The operating system's or the parser's reason (English), or "".
    """

    code: NoticeCode
    role: Role
    name: str = ""
    detail: str = ""


#: Notices that a session's model could not be restored (the example stands in).
NOT_RESTORED: frozenset[str] = frozenset(
    {"file_unreadable", "file_changed", "file_invalid", "paste_not_kept", "q_replaced"}
)


def restored_in_full(notices: Sequence[Notice]) -> bool:
    """Whether a state loaded with ``notices`` shows every model its session named."""
    return not any(notice.code in NOT_RESTORED for notice in notices)


def pastes_not_kept(p: LabModel, q: LabModel | None) -> tuple[Role, ...]:
    """The models pasted as text too long for a session to keep (it keeps a digest)."""
    models: tuple[tuple[Role, LabModel | None], ...] = (("p", p), ("q", q))
    return tuple(
        role
        for role, model in models
        if model is not None
        and isinstance(model.source, PastedSource)
        and model.source.text is None
    )


# --- the state ---------------------------------------------------------------------

DEFAULT_SETTINGS = DecodingSettings()


@dataclass(frozen=True)
class NextTokenLabState:
    """Everything the next-token lab shows (see the module docstring).

    Attributes
    ----------
    p : LabModel
    q : LabModel or None
        Over P's vocabulary (same V, and the same token strings when both
        have them); None for a single model.
    p_settings, q_settings : DecodingSettings
        Each within :mod:`core.ranges`' next-token ranges; equal while
        ``linked``.
    linked : bool
        Q is decoded with P's settings: a change of P's changes both.
    units : {"bits", "nats"}
    notices : tuple of Notice
    """

    p: LabModel
    q: LabModel | None
    p_settings: DecodingSettings = DEFAULT_SETTINGS
    q_settings: DecodingSettings = DEFAULT_SETTINGS
    linked: bool = True
    units: str = "bits"
    notices: tuple[Notice, ...] = ()

    def __post_init__(self) -> None:
        if self.units not in UNITS:
            raise ValueError(f"units must be 'bits' or 'nats', got {self.units!r}")
        check_settings(self.p_settings, "p_settings")
        check_settings(self.q_settings, "q_settings")
        if self.linked and self.q_settings != self.p_settings:
            raise ValueError("q_settings must equal p_settings while linked")
        if self.q is not None:
            problem = vocabulary_problem(self.p, self.q)
            if problem:
                raise ValueError(problem)

    @property
    def vocabulary_size(self) -> int:
        """V, shared by both models."""
        return self.p.vocabulary_size

    def model(self, role: Role) -> LabModel | None:
        """P or Q."""
        _check_role(role)
        return self.p if role == "p" else self.q

    def settings(self, role: Role) -> DecodingSettings:
        """The settings the model of ``role`` is decoded with."""
        _check_role(role)
        return self.p_settings if role == "p" else self.q_settings


def check_settings(settings: DecodingSettings, name: str = "settings") -> None:
    """Refuse settings outside the controls' ranges (:mod:`core.ranges`).

    Raises
    ------
    ValueError
        Naming ``name`` and the field: a temperature outside
        [0.05, 20], a top-k outside [1, 1,000,000], a top-p outside
        [0.01, 1] or a min-p outside [0.001, 1] (None, off, is always
        allowed).
    """
    if not isinstance(settings, DecodingSettings):
        raise ValueError(f"{name} must be DecodingSettings, got {settings!r:.40}")
    NEXT_TOKEN_TEMPERATURE.check(settings.temperature, f"{name}.temperature")
    if settings.top_k is not None:
        TOP_K.check(settings.top_k, f"{name}.top_k")
    if settings.top_p is not None:
        TOP_P.check(settings.top_p, f"{name}.top_p")
    if settings.min_p is not None:
        MIN_P.check(settings.min_p, f"{name}.min_p")


def start_lab(size: int = EXAMPLE_SIZES[0]) -> NextTokenLabState:
    """The bundled example at ``size`` tokens, T = 1, no truncation, linked."""
    return NextTokenLabState(example_model(size, "p"), example_model(size, "q"))


def with_example(state: NextTokenLabState, size: int) -> NextTokenLabState:
    """Both models replaced by the bundled example at ``size``; settings kept."""
    return replace(
        state, p=example_model(size, "p"), q=example_model(size, "q"), notices=()
    )


def with_model(
    state: NextTokenLabState, role: Role, model: LabModel
) -> NextTokenLabState:
    """P or Q replaced by ``model`` (an import).

    A new P over another vocabulary than Q removes Q (a notice
    "q_removed" says so); a new Q must share P's vocabulary.

    Raises
    ------
    ValueError
        For a Q whose vocabulary is not P's (the message says how they
        differ): the caller keeps the previous state.
    """
    _check_role(role)
    if role == "q":
        problem = vocabulary_problem(state.p, model)
        if problem:
            raise ValueError(problem)
        return replace(state, q=model, notices=())
    notices: tuple[Notice, ...] = ()
    q = state.q
    if q is not None:
        problem = vocabulary_problem(model, q)
        if problem:
            q = None
            notices = (Notice("q_removed", "q", detail=problem),)
    return replace(state, p=model, q=q, notices=notices)


def without_q(state: NextTokenLabState) -> NextTokenLabState:
    """A single model: Q removed."""
    return replace(state, q=None, notices=())


def with_settings(
    state: NextTokenLabState, role: Role, settings: DecodingSettings
) -> NextTokenLabState:
    """New decoding settings for P (and Q while linked) or for Q.

    Raises
    ------
    ValueError
        For settings outside the ranges, or Q's while linked (Q then
        follows P).
    """
    _check_role(role)
    check_settings(settings)
    if role == "q":
        if state.linked:
            raise ValueError("Q follows P's settings while linked: unlink first")
        return replace(state, q_settings=settings)
    if state.linked:
        return replace(state, p_settings=settings, q_settings=settings)
    return replace(state, p_settings=settings)


def with_linked(state: NextTokenLabState, linked: bool) -> NextTokenLabState:
    """Link Q to P's settings, or unlink it (Q keeps P's settings to start).

    Either way Q starts from P's current settings, so nothing on show
    jumps when the box is ticked or unticked.
    """
    return replace(state, linked=bool(linked), q_settings=state.p_settings)


def with_units(state: NextTokenLabState, units: str) -> NextTokenLabState:
    """Bits or nats.

    Raises
    ------
    ValueError
        For other units.
    """
    return replace(state, units=units)


# --- results -----------------------------------------------------------------------


@dataclass(frozen=True)
class NextTokenLabResults:
    """What the page shows: the statistics of a state.

    Attributes
    ----------
    state : NextTokenLabState
        The state they were derived from.
    statistics : core.next_token.NextTokenResults
        :func:`core.next_token.next_token_statistics` of both models with
        their settings, in the state's units, with
        :data:`LAB_TOP_TOKENS` top tokens each, in float32.
    """

    state: NextTokenLabState
    statistics: NextTokenResults


def derive_lab(state: NextTokenLabState) -> NextTokenLabResults:
    """Every number the next-token lab shows (O(V) per model; no sort).

    Raises
    ------
    ValueError
        Only if the core refuses the pair (the state's invariants make it
        accept).
    """
    statistics = next_token_statistics(
        state.p.distribution,
        None if state.q is None else state.q.distribution,
        state.p_settings,
        state.q_settings,
        units=state.units,
        top_n=LAB_TOP_TOKENS,
        precision="float32",
    )
    return NextTokenLabResults(state, statistics)


__all__ = [
    "LAB_TOP_TOKENS",
    "MAX_KEPT_PASTE",
    "NOT_RESTORED",
    "ROLES",
    "UNITS",
    "ExampleSource",
    "FileChangedError",
    "FileSource",
    "LabModel",
    "NextTokenLabResults",
    "NextTokenLabState",
    "Notice",
    "PastedSource",
    "Source",
    "check_settings",
    "derive_lab",
    "example_model",
    "file_model",
    "forget_opened_files",
    "model_from_bytes",
    "pasted_model",
    "pastes_not_kept",
    "reopen_file",
    "restored_in_full",
    "sha256_of",
    "start_lab",
    "text_digest",
    "vocabulary_problem",
    "with_example",
    "with_linked",
    "with_model",
    "with_settings",
    "with_units",
    "without_q",
]
