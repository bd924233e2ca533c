"""The next-token lab's state (core.next_token_lab) and its session form.

The numbers themselves are core.next_token's (tested against mpmath and
float64 in test_core_next_token.py); here: that derive_lab is exactly
next_token_statistics of the state, that the pure changes do what they
say and refuse what they must, that undo copies share the big arrays, and
that sessions store sources (never values), strictly, with a missing or
changed file loading as the example plus a notice.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from core import default_scenario
from core.atomic import FileError
from core.json_values import SessionError, strict_json
from core.next_token import (
    EXAMPLE_SIZES,
    DecodingSettings,
    example_distributions,
    next_token_statistics,
)
from core.next_token_lab import (
    LAB_TOP_TOKENS,
    MAX_KEPT_PASTE,
    ExampleSource,
    FileSource,
    LabModel,
    NextTokenLabState,
    Notice,
    PastedSource,
    derive_lab,
    example_model,
    file_model,
    forget_opened_files,
    pasted_model,
    reopen_file,
    sha256_of,
    start_lab,
    text_digest,
    with_example,
    with_linked,
    with_model,
    with_settings,
    with_units,
    without_q,
)
from core.next_token_lab_schema import (
    forget_restored,
    next_token_from_dict,
    next_token_settings_to_state,
    next_token_to_dict,
)
from core.session import Session, parse_session, session_to_json
from core.state_schemas import STATE_KINDS, settings_to_state

SMALL = [0.5, 0.25, 0.125, 0.0625, 0.0625]
TRUNCATING = DecodingSettings(temperature=0.8, top_k=50, top_p=0.9, min_p=0.01)


@pytest.fixture(autouse=True)
def _fresh_files() -> Any:
    # Files are rewritten in place by some tests: nothing remembered leaks.
    forget_restored()
    yield
    forget_restored()


def write_npy(path: Path, values: Any) -> Path:
    np.save(path, np.asarray(values, dtype=np.float64))
    return path


def saved(state: NextTokenLabState) -> dict[str, Any]:
    """The state as a session file holds it (a plain JSON copy)."""
    data: dict[str, Any] = json.loads(json.dumps(next_token_to_dict(state)))
    return data


# --- derive ---------------------------------------------------------------------------


def assert_same_statistics(a: Any, b: Any) -> None:
    """Two NextTokenResults equal field by field (arrays exactly)."""
    assert a.units == b.units and a.precision == b.precision
    assert (a.p_settings, a.q_settings) == (b.p_settings, b.q_settings)
    for left, right in ((a.p, b.p), (a.q, b.q)):
        if left is None:
            assert right is None
            continue
        for name in (
            "entropy",
            "perplexity",
            "truncated_entropy",
            "truncated_perplexity",
            "cut_mass",
            "kept",
            "kl_to_truncated",
            "kl_from_truncated",
            "js_truncated",
            "threshold_probability",
        ):
            assert getattr(left, name) == getattr(right, name), name
        assert left.top_tokens == right.top_tokens
        np.testing.assert_array_equal(left.rank_curve.ranks, right.rank_curve.ranks)
        np.testing.assert_array_equal(
            left.rank_curve.probabilities, right.rank_curve.probabilities
        )
    assert a.pair == b.pair


@pytest.mark.parametrize("size", EXAMPLE_SIZES)
@pytest.mark.parametrize(
    "settings", [DecodingSettings(), TRUNCATING, DecodingSettings(temperature=0.3)]
)
def test_derive_is_next_token_statistics_of_the_state(
    size: int, settings: DecodingSettings
) -> None:
    state = with_settings(start_lab(size), "p", settings)
    p, q = example_distributions(size)
    expected = next_token_statistics(
        p, q, settings, settings, "bits", LAB_TOP_TOKENS, "float32"
    )
    results = derive_lab(state)
    assert results.state is state
    assert_same_statistics(results.statistics, expected)


def test_derive_with_each_model_its_own_settings_and_units() -> None:
    state = with_linked(start_lab(), False)
    state = with_settings(state, "q", DecodingSettings(temperature=2.0, top_k=7))
    state = with_units(with_settings(state, "p", TRUNCATING), "nats")
    p, q = example_distributions(EXAMPLE_SIZES[0])
    expected = next_token_statistics(
        p,
        q,
        TRUNCATING,
        DecodingSettings(temperature=2.0, top_k=7),
        "nats",
        LAB_TOP_TOKENS,
    )
    assert_same_statistics(derive_lab(state).statistics, expected)
    assert derive_lab(state).statistics.q.kept == 7


def test_a_single_model() -> None:
    state = without_q(start_lab())
    assert state.q is None
    statistics = derive_lab(state).statistics
    assert statistics.q is None and statistics.pair is None
    assert statistics.p.entropy == pytest.approx(3.8545, abs=1e-4)


# --- the pure changes -----------------------------------------------------------------


def test_the_start_is_the_example_linked_at_t_1() -> None:
    state = start_lab()
    assert state.p == example_model(EXAMPLE_SIZES[0], "p")
    assert state.p.source == ExampleSource(128_256, "p")
    assert state.q is not None and state.q.source == ExampleSource(128_256, "q")
    assert state.p_settings == state.q_settings == DecodingSettings()
    assert state.linked and state.units == "bits" and state.notices == ()
    assert state.vocabulary_size == 128_256
    assert start_lab(262_144).vocabulary_size == 262_144


def test_the_example_is_made_only_when_asked_for() -> None:
    # A window holds the lab's state from its start; it must not cost 0.4 s.
    model = example_model(262_144, "q")
    assert model.loaded is None and model.vocabulary_size == 262_144
    assert model.distribution is example_distributions(262_144)[1]


def test_linked_settings_change_both_and_unlinked_only_one() -> None:
    state = with_settings(start_lab(), "p", TRUNCATING)
    assert state.p_settings == state.q_settings == TRUNCATING
    with pytest.raises(ValueError, match="Q follows P's settings while linked"):
        with_settings(state, "q", DecodingSettings())
    apart = with_linked(state, False)
    assert apart.q_settings == TRUNCATING  # unlinking changes nothing on show
    apart = with_settings(apart, "p", DecodingSettings(temperature=2.0))
    assert apart.q_settings == TRUNCATING
    apart = with_settings(apart, "q", DecodingSettings(top_k=3))
    assert apart.p_settings == DecodingSettings(temperature=2.0)
    assert apart.q_settings == DecodingSettings(top_k=3)
    relinked = with_linked(apart, True)
    assert (
        relinked.q_settings == relinked.p_settings == DecodingSettings(temperature=2.0)
    )


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (DecodingSettings(temperature=0.01), r"temperature must lie in \[0.05, 20\]"),
        (DecodingSettings(temperature=30.0), r"temperature must lie in \[0.05, 20\]"),
        (DecodingSettings(top_p=0.001), r"top_p must lie in \[0.01, 1\]"),
        (DecodingSettings(min_p=0.0001), r"min_p must lie in \[0.001, 1\]"),
        (DecodingSettings(top_k=2_000_000), r"top_k must lie in \[1, 1000000\]"),
    ],
)
def test_settings_outside_the_controls_are_refused(
    settings: DecodingSettings, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        with_settings(start_lab(), "p", settings)
    with pytest.raises(ValueError, match=message):
        NextTokenLabState(start_lab().p, None, settings, settings)


def test_a_state_refuses_bad_units_roles_and_unlinked_equal_is_fine() -> None:
    with pytest.raises(ValueError, match="units must be 'bits' or 'nats'"):
        with_units(start_lab(), "bans")
    with pytest.raises(ValueError, match="role must be 'p' or 'q'"):
        with_settings(start_lab(), "r", DecodingSettings())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="q_settings must equal p_settings"):
        replace(start_lab(), q_settings=TRUNCATING)
    assert replace(start_lab(), linked=False, q_settings=TRUNCATING).q_settings


def test_a_q_of_another_vocabulary_is_refused_and_the_state_kept(
    tmp_path: Path,
) -> None:
    other = file_model(write_npy(tmp_path / "q.npy", SMALL), "probs")
    state = start_lab()
    with pytest.raises(ValueError, match="P has 128,256 tokens and Q 5"):
        with_model(state, "q", other)
    assert state.q is not None and state.q.source == ExampleSource(128_256, "q")


def test_a_p_of_another_vocabulary_removes_q_with_a_notice(tmp_path: Path) -> None:
    p = file_model(write_npy(tmp_path / "p.npy", SMALL), "probs")
    state = with_model(start_lab(), "p", p)
    assert state.p == p and state.q is None
    (notice,) = state.notices
    assert notice.code == "q_removed" and notice.role == "q"
    assert "P has 5 tokens and Q 128,256" in notice.detail
    q = file_model(write_npy(tmp_path / "q.npy", SMALL[::-1]), "probs")
    both = with_model(state, "q", q)
    assert both.q == q and both.notices == ()
    stats = derive_lab(both).statistics
    assert stats.pair is not None and math.isfinite(stats.pair.kl_pq)


def test_token_strings_must_agree(tmp_path: Path) -> None:
    (tmp_path / "p.json").write_text(
        json.dumps({"tokens": ["a", "b", "c"], "probs": [0.5, 0.3, 0.2]})
    )
    (tmp_path / "q.json").write_text(
        json.dumps({"tokens": ["a", "x", "c"], "probs": [0.2, 0.3, 0.5]})
    )
    state = with_model(start_lab(), "p", file_model(tmp_path / "p.json"))
    with pytest.raises(ValueError, match="name token 1 differently"):
        with_model(state, "q", file_model(tmp_path / "q.json"))


def test_with_example_puts_both_back_and_keeps_the_settings(tmp_path: Path) -> None:
    p = file_model(write_npy(tmp_path / "p.npy", SMALL), "probs")
    state = with_settings(with_model(start_lab(), "p", p), "p", TRUNCATING)
    back = with_example(state, 262_144)
    assert back.p.source == ExampleSource(262_144, "p")
    assert back.q is not None and back.q.source == ExampleSource(262_144, "q")
    assert back.p_settings == TRUNCATING and back.notices == ()


# --- imports --------------------------------------------------------------------------


def test_each_file_format_and_kind(tmp_path: Path) -> None:
    probabilities = np.array(SMALL)
    logits = np.log(probabilities) + 1.0  # mixed signs: detected as logits
    write_npy(tmp_path / "logits.npy", logits)
    (tmp_path / "logprobs.csv").write_text(
        "token,logprob\n"
        + "".join(f"t{i},{float(v)!r}\n" for i, v in enumerate(np.log(probabilities)))
    )
    (tmp_path / "probs.json").write_text(
        json.dumps({"tokens": [f"t{i}" for i in range(5)], "probs": SMALL})
    )
    for name, kind, detected in (
        ("logits.npy", "logits", False),
        ("logprobs.csv", "logprobs", False),  # named by the heading
        ("probs.json", "probs", False),  # named by the key
    ):
        model = file_model(tmp_path / name, kind)
        assert model.distribution.kind == kind
        assert model.distribution.detected is detected
        decoded = np.exp(model.distribution.logits - model.distribution.logits.max())
        np.testing.assert_allclose(decoded / decoded.sum(), probabilities, rtol=1e-12)
    detected_model = file_model(tmp_path / "logits.npy")  # mixed signs: logits
    assert detected_model.distribution.kind == "logits"
    assert detected_model.distribution.detected


def test_a_file_model_names_its_source(tmp_path: Path) -> None:
    path = write_npy(tmp_path / "p.npy", SMALL)
    model = file_model(path, "probs")
    assert model.source == FileSource(str(path), "probs", sha256_of(path.read_bytes()))
    assert model.distribution.name == "p.npy"
    # The same file again is the same model (re-importing is no change)...
    assert file_model(path, "probs") == model
    # ...but another kind or other bytes is not.
    assert file_model(path, "auto") != model


def test_a_relative_path_is_made_absolute(tmp_path: Path, monkeypatch: Any) -> None:
    write_npy(tmp_path / "p.npy", SMALL)
    monkeypatch.chdir(tmp_path)
    model = file_model("p.npy", "probs")
    assert isinstance(model.source, FileSource)
    assert model.source.path == str(tmp_path / "p.npy")


def test_bad_imports_raise_naming_the_problem(tmp_path: Path) -> None:
    with pytest.raises(FileError):
        file_model(tmp_path / "missing.npy")
    (tmp_path / "bad.csv").write_text("0.5\nnot a number\n")
    with pytest.raises(ValueError, match="line 2"):
        file_model(tmp_path / "bad.csv")
    (tmp_path / "counts.csv").write_text("3\n2\n1\n")
    with pytest.raises(ValueError, match="choose logits or probs"):
        file_model(tmp_path / "counts.csv")
    with pytest.raises(ValueError, match="kind must be one of"):
        file_model(tmp_path / "counts.csv", "logprob")
    with pytest.raises(ValueError, match="choose logits or probs"):
        pasted_model("3, 2, 1")


def test_pasted_text_is_kept_when_short() -> None:
    model = pasted_model("0.7 0.2 0.1")
    assert model.source == PastedSource("auto", text_digest("0.7 0.2 0.1"))
    assert isinstance(model.source, PastedSource)
    assert model.source.text == "0.7 0.2 0.1"
    assert model.distribution.kind == "probs" and model.distribution.detected
    long_text = "\n".join(["1"] * (MAX_KEPT_PASTE // 2 + 1))
    long_model = pasted_model(long_text, "logits")
    assert isinstance(long_model.source, PastedSource)
    assert long_model.source.text is None
    assert long_model.vocabulary_size == MAX_KEPT_PASTE // 2 + 1


def test_a_model_holds_its_values_unless_it_is_the_example() -> None:
    with pytest.raises(ValueError, match="holds its distribution"):
        LabModel(FileSource("/x", "auto", "0" * 64))
    with pytest.raises(ValueError, match="holds its distribution"):
        LabModel(ExampleSource(128_256, "p"), example_distributions()[0])


# --- undo copies ----------------------------------------------------------------------


def test_changes_share_the_distributions_arrays(tmp_path: Path) -> None:
    path = write_npy(tmp_path / "p.npy", example_distributions()[0].logits)
    state = with_model(start_lab(), "p", file_model(path, "logits"))
    history = [state]
    for t in (0.5, 0.7, 1.3, 2.0):
        history.append(with_settings(history[-1], "p", DecodingSettings(t, top_k=9)))
    history.append(with_units(with_linked(history[-1], False), "nats"))
    first = history[0].p.distribution
    assert first.logits.flags.writeable is False
    for state in history:
        assert state.p.distribution is first
        assert state.p.distribution.logits is first.logits
    assert len({id(s.p.loaded) for s in history}) == 1


# --- sessions -------------------------------------------------------------------------


def test_the_example_round_trips_as_its_name_and_size() -> None:
    state = with_settings(start_lab(262_144), "p", TRUNCATING)
    data = saved(state)
    assert data == {
        "p": {"source": "example", "size": 262144, "model": "p"},
        "q": {"source": "example", "size": 262144, "model": "q"},
        "p_settings": {"temperature": 0.8, "top_k": 50, "top_p": 0.9, "min_p": 0.01},
        "q_settings": {"temperature": 0.8, "top_k": 50, "top_p": 0.9, "min_p": 0.01},
        "linked": True,
        "units": "bits",
    }
    assert next_token_from_dict(data) == state


def test_a_session_round_trip_through_the_session_text(tmp_path: Path) -> None:
    p = file_model(write_npy(tmp_path / "p.npy", SMALL), "probs")
    q = pasted_model("0.1 0.2 0.3 0.2 0.2")
    state = with_model(with_model(start_lab(), "p", p), "q", q)
    state = with_settings(with_linked(state, False), "q", DecodingSettings(top_k=2))
    text = session_to_json(Session(default_scenario(), {"next_token": state}))
    loaded = parse_session(text).pages["next_token"]
    assert loaded == state and loaded.notices == ()
    np.testing.assert_array_equal(loaded.p.distribution.logits, p.distribution.logits)
    np.testing.assert_array_equal(loaded.q.distribution.logits, q.distribution.logits)
    assert session_to_json(Session(default_scenario(), {"next_token": loaded})) == text


def test_saving_again_does_not_read_an_unchanged_file_again(
    tmp_path: Path, monkeypatch: Any
) -> None:
    path = write_npy(tmp_path / "p.npy", example_distributions()[0].logits)
    state = with_model(start_lab(), "p", file_model(path, "logits"))
    reads: list[str] = []
    import core.next_token_lab as lab

    original = lab.read_regular_file

    def counted(name: Any, limit: int) -> bytes:
        reads.append(str(name))
        return original(name, limit)

    monkeypatch.setattr(lab, "read_regular_file", counted)
    for _ in range(3):
        session_to_json(Session(default_scenario(), {"next_token": state}))
    assert reads == []
    write_npy(path, example_distributions()[1].logits)  # new bytes, new mtime
    os.utime(path, ns=(1, 1))
    loaded = next_token_from_dict(saved(state))
    assert reads == [str(path)]
    assert loaded.notices[0].code == "file_changed"


def test_a_missing_file_loads_as_the_example_with_a_notice(tmp_path: Path) -> None:
    path = write_npy(tmp_path / "p.npy", example_distributions()[0].logits)
    state = with_settings(
        with_model(start_lab(), "p", file_model(path, "logits")), "p", TRUNCATING
    )
    data = saved(state)
    path.unlink()
    forget_restored()
    loaded = next_token_from_dict(data)
    assert loaded.p == example_model(128_256, "p")
    assert loaded.q == example_model(128_256, "q")
    assert loaded.p_settings == TRUNCATING  # the settings survive
    assert loaded.notices == (
        Notice("file_unreadable", "p", str(path), "No such file or directory"),
    )
    # A state that loaded with a notice saves as what it shows.
    assert saved(loaded)["p"] == {"source": "example", "size": 128256, "model": "p"}


def test_a_changed_or_invalid_file_loads_with_its_notice(tmp_path: Path) -> None:
    path = write_npy(tmp_path / "p.npy", example_distributions()[0].logits)
    data = saved(with_model(start_lab(), "p", file_model(path, "logits")))
    write_npy(path, example_distributions()[1].logits)
    forget_restored()
    (notice,) = next_token_from_dict(data).notices
    assert (notice.code, notice.role, notice.name) == ("file_changed", "p", str(path))
    path.write_bytes(b"not a distribution")
    data["p"]["sha256"] = sha256_of(b"not a distribution")
    forget_restored()
    (notice,) = next_token_from_dict(data).notices
    assert notice.code == "file_invalid" and notice.detail


def test_an_unrestorable_q_leaves_p_alone(tmp_path: Path) -> None:
    p = file_model(write_npy(tmp_path / "p.npy", SMALL), "probs")
    q = file_model(write_npy(tmp_path / "q.npy", SMALL[::-1]), "probs")
    data = saved(with_model(with_model(start_lab(), "p", p), "q", q))
    (tmp_path / "q.npy").unlink()
    forget_restored()
    loaded = next_token_from_dict(data)
    assert loaded.p == p and loaded.q is None
    assert [n.code for n in loaded.notices] == ["file_unreadable"]
    assert loaded.notices[0].role == "q"


def test_an_unrestorable_p_takes_q_with_it(tmp_path: Path) -> None:
    p = file_model(write_npy(tmp_path / "p.npy", SMALL), "probs")
    q = file_model(write_npy(tmp_path / "q.npy", SMALL[::-1]), "probs")
    data = saved(with_model(with_model(start_lab(), "p", p), "q", q))
    (tmp_path / "p.npy").unlink()
    forget_restored()
    loaded = next_token_from_dict(data)
    assert loaded.p.source == ExampleSource(128_256, "p")
    assert [(n.code, n.role) for n in loaded.notices] == [
        ("file_unreadable", "p"),
        ("q_replaced", "q"),
    ]


def test_a_paste_too_long_to_keep_loads_with_a_notice() -> None:
    long_text = "\n".join(["1"] * (MAX_KEPT_PASTE // 2 + 1))
    state = with_model(without_q(start_lab()), "p", pasted_model(long_text, "logits"))
    data = saved(state)
    assert data["p"]["text"] is None
    loaded = next_token_from_dict(data)
    assert loaded.notices == (Notice("paste_not_kept", "p"),)
    assert loaded.p.source == ExampleSource(128_256, "p")


def test_the_session_kind_is_registered() -> None:
    write, read = STATE_KINDS["next_token"]
    state = with_settings(start_lab(), "p", TRUNCATING)
    assert write(state) == next_token_to_dict(state)
    assert read(write(state), "next_token") == next_token_from_dict(
        next_token_to_dict(state), "next_token"
    )
    assert (write.__name__, read.__name__) == (
        "next_token_to_dict",
        "next_token_from_dict",
    )


def valid() -> dict[str, Any]:
    return saved(with_settings(start_lab(), "p", TRUNCATING))


def _with(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    holder: Any = data
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = value
    return data


BAD = [
    (("p", "source"), "model", 'next_token.p.source must be one of "example"'),
    (("p", "size"), 1000, "next_token.p.size must be 128256 or 262144, got 1000"),
    (("p", "model"), "r", 'next_token.p.model must be one of "p", "q"'),
    (("p_settings", "temperature"), 0.01, "next_token.p_settings.temperature must"),
    (("p_settings", "temperature"), "1", "next_token.p_settings.temperature must be"),
    (
        ("p_settings", "top_k"),
        0,
        "next_token.p_settings.top_k must lie in [1, 1000000]",
    ),
    (("p_settings", "top_k"), 2.0, "next_token.p_settings.top_k must be an integer"),
    (("p_settings", "top_p"), 1.5, "next_token.p_settings.top_p must lie in [0.01"),
    (("p_settings", "min_p"), 0.0, "next_token.p_settings.min_p must lie in [0.001"),
    (("q_settings", "top_k"), 3, "next_token.q_settings must equal p_settings"),
    (("linked",), 1, "next_token.linked must be true or false"),
    (("units",), "bans", 'next_token.units must be one of "bits", "nats"'),
    (("q",), [], "next_token.q must be an object"),
]


@pytest.mark.parametrize(("path", "value", "message"), BAD)
def test_bad_fields_are_refused_by_name(
    path: tuple[Any, ...], value: Any, message: str
) -> None:
    with pytest.raises(SessionError) as caught:
        next_token_from_dict(_with(valid(), path, value))
    assert str(caught.value).startswith(message), str(caught.value)


def file_entry(**changes: Any) -> dict[str, Any]:
    entry = {"source": "file", "path": "/x/p.npy", "kind": "auto", "sha256": "a" * 64}
    entry.update(changes)
    return entry


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (file_entry(path="p.npy"), "next_token.p.path must be an absolute path"),
        (file_entry(sha256="A" * 64), "next_token.p.sha256 must be 64 lower-case"),
        (file_entry(sha256="a" * 63), "next_token.p.sha256 must be 64 lower-case"),
        (file_entry(kind="words"), 'next_token.p.kind must be one of "auto"'),
        (file_entry(size=5), 'next_token.p has an unknown key "size"'),
        (
            {"source": "clipboard", "kind": "auto", "sha256": "a" * 64, "text": "1 2"},
            "next_token.p.sha256 is not the SHA-256 of the text",
        ),
        (
            {
                "source": "clipboard",
                "kind": "auto",
                "sha256": text_digest("3 2 1"),
                "text": "3 2 1",
            },
            "next_token.p.text is not a distribution",
        ),
        ({"size": 128256, "model": "p"}, 'next_token.p is missing the key "source"'),
    ],
)
def test_bad_sources_are_refused_by_name(entry: dict[str, Any], message: str) -> None:
    with pytest.raises(SessionError) as caught:
        next_token_from_dict(_with(valid(), ("p",), entry))
    assert str(caught.value).startswith(message), str(caught.value)


def test_two_restored_models_of_different_vocabularies_are_refused(
    tmp_path: Path,
) -> None:
    p = file_model(write_npy(tmp_path / "p.npy", SMALL), "probs")
    data = valid()
    data["p"] = saved(with_model(start_lab(), "p", p))["p"]
    with pytest.raises(SessionError, match=r"^next_token\.q cannot be compared with p"):
        next_token_from_dict(data)


def test_the_saved_data_is_strict_json() -> None:
    data = next_token_to_dict(start_lab())
    assert strict_json(json.dumps(data, allow_nan=False)) == data


# --- presets --------------------------------------------------------------------------


def test_preset_settings_take_defaults() -> None:
    assert next_token_settings_to_state({}, "settings") == start_lab()
    state = settings_to_state(
        "next_token",
        {"size": 262144, "temperature": 0.7, "top_p": 0.9, "units": "nats"},
        default_scenario(),
        "settings",
    )
    assert state == replace(
        start_lab(262_144),
        p_settings=DecodingSettings(temperature=0.7, top_p=0.9),
        q_settings=DecodingSettings(temperature=0.7, top_p=0.9),
        units="nats",
    )


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"size": 5}, "settings.size must be 128256 or 262144"),
        ({"top_k": 0}, "settings.top_k must lie in [1, 1000000]"),
        ({"temperature": 99}, "settings.temperature must lie in [0.05, 20]"),
        ({"linked": False}, 'settings has an unknown key "linked"'),
    ],
)
def test_bad_preset_settings_are_refused(
    settings: dict[str, Any], message: str
) -> None:
    with pytest.raises(SessionError) as caught:
        next_token_settings_to_state(settings, "settings")
    assert str(caught.value).startswith(message)


def test_reopen_refuses_other_bytes(tmp_path: Path) -> None:
    path = write_npy(tmp_path / "p.npy", SMALL)
    model = file_model(path, "probs")
    assert isinstance(model.source, FileSource)
    assert reopen_file(model.source) is model  # remembered: not read again
    write_npy(path, SMALL[::-1])
    os.utime(path, ns=(2, 2))
    forget_opened_files()
    from core.next_token_lab import FileChangedError

    with pytest.raises(FileChangedError):
        reopen_file(model.source)
