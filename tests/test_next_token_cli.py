"""``--metrics --p-file``: the next-token lab's readouts on the command line.

The JSON builders of core.metrics directly, then main.py run as a user
would (a child process per call), including every refusal: one line on
stderr and exit code 2.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import main as entry_point
from core.metrics import (
    NEXT_TOKEN_READOUTS,
    next_token_metrics,
    parse_decoding_args,
    read_next_token_files,
)
from core.next_token import (
    KIND_CHOICES,
    DecodingSettings,
    next_token_statistics,
    token_distribution,
)

ROOT = Path(__file__).resolve().parents[1]


def run(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *arguments],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={**os.environ, "XDG_CONFIG_HOME": str(cwd / "config")},
    )


def refused(done: subprocess.CompletedProcess[str], message: str) -> bool:
    lines = done.stderr.strip().splitlines()
    return (
        done.returncode == 2
        and done.stdout == ""
        and len(lines) == 1
        and lines[0].startswith("entropy-lab: error: ")
        and message in lines[0]
    )


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    rng = np.random.default_rng(0)
    logits = rng.normal(0, 2, 300)
    np.save(tmp_path / "p.npy", logits)
    q = np.exp(logits * 0.8 + rng.normal(0, 0.5, 300))
    (tmp_path / "q.json").write_text(json.dumps({"probs": (q / q.sum()).tolist()}))
    (tmp_path / "counts.csv").write_text("\n".join(str(i) for i in range(1, 301)))
    return {
        "p": tmp_path / "p.npy",
        "q": tmp_path / "q.json",
        "counts": tmp_path / "counts.csv",
    }


# --- the JSON builders ----------------------------------------------------------------


def test_readouts_are_the_statistics_as_strict_json(files) -> None:
    p, q = read_next_token_files(str(files["p"]), str(files["q"]))
    settings = parse_decoding_args("0.8", "40", "0.9", "0.01")
    data = next_token_metrics(p, q, settings, "nats")
    results = next_token_statistics(p, q, settings, units="nats", top_n=10)
    assert data["settings"] == {
        "temperature": 0.8,
        "top_k": 40,
        "top_p": 0.9,
        "min_p": 0.01,
    }
    assert data["p"]["kind"] == "logits" and data["q"]["kind"] == "probs"
    assert data["p"]["kind_detected"] is True and data["q"]["kind_detected"] is False
    for name in NEXT_TOKEN_READOUTS:
        value = getattr(results.p, name)
        assert data["p"][name] == ("inf" if value == math.inf else value)
    assert len(data["p"]["top_tokens"]) == 10
    assert data["js"] == results.pair.js
    text = json.dumps(data, allow_nan=False)
    assert json.loads(text) == data


def test_infinite_divergences_come_with_their_reasons() -> None:
    p = token_distribution([0.1, 0.5, 0.4], "probs", tokens=["a", "b", "c"])
    q = token_distribution([0.3, 0.6, 0.1], "probs", tokens=["a", "b", "c"])
    data = next_token_metrics(p, q, DecodingSettings(top_k=2))  # {b, c}, {b, a}
    assert data["kl_pq"] == data["kl_qp"] == "inf"
    assert data["reasons"]["kl_pq"] == (
        "Q gives probability 0 to 1 token that P keeps (1 cut by Q's "
        "truncation), e.g. token 2 'c'"
    )
    assert data["reasons"]["kl_qp"].endswith("e.g. token 0 'a'")
    assert "kl_to_truncated" in data["p"]["reasons"]
    impossible = token_distribution([0.0, -math.inf], "logits")
    possible = token_distribution([0.0, -1.0], "logits")
    reasons = next_token_metrics(impossible, possible)["reasons"]
    assert reasons == {
        "kl_qp": "P gives probability 0 to 1 token that Q keeps (1 with a -inf "
        "logit in P), e.g. token 1"
    }


def test_a_single_model_has_no_pair() -> None:
    data = next_token_metrics(token_distribution([0.0, 1.0], "logits"))
    assert "q" not in data and "kl_pq" not in data


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("0",), r"--temperature must lie in \[0.001, 1000\]"),
        (("hot",), "--temperature must be a number"),
        (("1", "0"), "--top-k must be an integer ≥ 1, got 0"),
        (("1", "2.5"), "--top-k must be an integer ≥ 1, got '2.5'"),
        (("1", None, "0"), r"--top-p must lie in \(0, 1\], got 0"),
        (("1", None, "1.5"), r"--top-p must lie in \(0, 1\]"),
        (("1", None, None, "-0.1"), r"--min-p must lie in \[0, 1\]"),
        (("1", None, None, "nan"), "--min-p must be finite"),
    ],
)
def test_decoding_options_are_refused_by_name(args, message) -> None:
    with pytest.raises(ValueError, match=message):
        parse_decoding_args(*args)


def test_file_problems_name_the_option(files, tmp_path) -> None:
    with pytest.raises(ValueError, match=r"--p-file .*missing.npy: No such file"):
        read_next_token_files(str(tmp_path / "missing.npy"))
    with pytest.raises(
        ValueError, match=r"--q-file .*counts.csv: .*\(give --q-format\)"
    ):
        read_next_token_files(str(files["p"]), str(files["counts"]))
    with pytest.raises(ValueError, match="--p-format must be one of"):
        read_next_token_files(str(files["p"]), p_format="weights")
    counts, _ = read_next_token_files(str(files["counts"]), p_format="probs")
    assert counts.kind == "probs" and counts.vocabulary_size == 300


def test_the_command_line_lists_the_same_formats_as_the_core() -> None:
    assert entry_point.NEXT_TOKEN_FORMATS == KIND_CHOICES


# --- main.py as a user runs it --------------------------------------------------------


def test_help_lists_the_next_token_options(tmp_path) -> None:
    done = run("--help", cwd=tmp_path)
    assert done.returncode == 0
    for option in (
        "--p-file",
        "--q-file",
        "--p-format",
        "--q-format",
        "--top-k",
        "--top-p",
        "--min-p",
    ):
        assert option in done.stdout


def test_metrics_of_two_files(files, tmp_path) -> None:
    done = run(
        "--metrics",
        "--p-file",
        str(files["p"]),
        "--q-file",
        str(files["q"]),
        "--temperature",
        "0.7",
        "--top-k",
        "50",
        "--top-p",
        "0.95",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    p, q = read_next_token_files(str(files["p"]), str(files["q"]))
    settings = DecodingSettings(temperature=0.7, top_k=50, top_p=0.95)
    results = next_token_statistics(p, q, settings, units="bits")
    assert data["units"] == "bits"
    assert data["p"]["entropy"] == pytest.approx(results.p.entropy, rel=1e-12)
    assert data["q"]["kept"] == results.q.kept
    expected_js = results.pair.js
    assert data["js"] == pytest.approx(expected_js, rel=1e-12)


def test_metrics_of_one_file_in_nats_with_a_chosen_format(files, tmp_path) -> None:
    done = run(
        "--metrics",
        "--p-file",
        str(files["counts"]),
        "--p-format",
        "probs",
        "--min-p",
        "0.499",
        "--units",
        "nats",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["units"] == "nats" and "q" not in data
    assert data["p"]["kept"] == 151  # counts 150 … 300: about half of 300 on
    assert data["p"]["kind"] == "probs" and not data["p"]["kind_detected"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--metrics", "--p-file", "missing.npy"], "--p-file missing.npy: No such"),
        (["--metrics", "--p-file", "COUNTS"], "(give --p-format)"),
        (["--metrics", "--q-file", "P"], "go with --p-file"),
        (["--metrics", "--p-file", "P", "--top-k", "0"], "--top-k must be"),
        (["--metrics", "--p-file", "P", "--top-p", "1.5"], "--top-p must lie"),
        (["--metrics", "--p-file", "P", "--p", "1,1"], "not with them"),
        (["--metrics", "--p-file", "P", "--preset", "softmax"], "not with them"),
        (["--metrics", "--top-k", "5", "--p", "1,1", "--q", "1,1"], "--p-file"),
        (["--p-file", "P"], "go with --metrics"),
        (["--metrics", "--p-file", ""], "--p-file needs a value"),
        (["--metrics", "--p-file", "P", "--label", "3"], "--label and --smoothing"),
        (["--metrics", "--p-file", "P", "--q-format", "probs"], "--q-format goes"),
        (["--metrics", "--p-file", "P", "--p-format", "odds"], "invalid choice"),
        (["--metrics", "--p-file", "P", "--temperature", "0"], "--temperature"),
    ],
)
def test_refusals_are_one_line_and_exit_2(files, tmp_path, arguments, message) -> None:
    names = {"P": str(files["p"]), "COUNTS": str(files["counts"])}
    done = run(*(names.get(a, a) for a in arguments), cwd=tmp_path)
    assert refused(done, message), (done.returncode, done.stdout, done.stderr)


def test_no_hint_to_give_the_format_when_it_was_given(files, tmp_path) -> None:
    # "… (choose logits if these are logits) (give --p-format)" followed a
    # --p-format that had been given.
    (tmp_path / "negative.csv").write_text("0.5\n-0.2\n0.7\n")
    done = run(
        "--metrics", "--p-file", "negative.csv", "--p-format", "probs", cwd=tmp_path
    )
    assert refused(done, "is negative (-0.2)"), done.stderr
    assert "(give" not in done.stderr


def test_a_negative_zero_is_printed_as_zero(tmp_path) -> None:
    done = run("--metrics", "--p", "-0.0,1", "--q", "1,0", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["p"] == [0.0, 1.0]
    assert "-0.0" not in done.stdout


def test_next_token_metrics_never_import_qt(files, tmp_path) -> None:
    probe = (
        "import sys, json, main\n"
        f"code = main.main(['--metrics', '--p-file', {str(files['p'])!r}])\n"
        "loaded = sorted({m.split('.')[0] for m in sys.modules} & "
        "{'PySide6', 'shiboken6', 'pyqtgraph', 'scipy'})\n"
        "print(json.dumps([code, loaded]), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    code, loaded = json.loads(done.stderr.strip().splitlines()[-1])
    assert code == 0 and loaded == []
