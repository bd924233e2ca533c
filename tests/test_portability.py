"""CI runs the iterative algorithms' tests under other CPUs' arithmetic too.

The runs themselves are ``tools/check_portability.py``, which ``.ci/run``
calls after the README's test command (in the suite they doubled its
slowest minute); these tests hold CI to it.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tool():
    path = ROOT / "tools" / "check_portability.py"
    spec = importlib.util.spec_from_file_location("check_portability", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _readme_test_command() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if "-m pytest" in line]
    assert lines, "the README gives no test command"
    return lines[0].strip()


def test_ci_runs_the_readme_command_then_the_type_check_and_the_variations():
    commands = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    steps = [line for line in commands if ".venv/bin/python" in line]
    assert steps == [
        _readme_test_command(),
        ".venv/bin/python -m mypy",
        ".venv/bin/python tools/check_portability.py",
    ]
    assert "set -euo pipefail" in commands  # a failing step fails CI


def test_the_variations_change_numpys_and_openblass_kernels():
    variations = _tool().VARIATIONS
    assert set(variations) == {"numpy-without-avx512", "openblas-haswell"}
    assert "AVX512" in variations["numpy-without-avx512"]["NPY_DISABLE_CPU_FEATURES"]
    assert variations["openblas-haswell"] == {"OPENBLAS_CORETYPE": "Haswell"}


def test_every_file_with_iterative_tests_is_run_again():
    files = _tool().iterative_test_files()
    marked = sorted(
        f"tests/{path.name}"
        for path in (ROOT / "tests").glob("test_*.py")
        if re.search(r"mark\.iterative", path.read_text(encoding="utf-8"))
        and path.name != Path(__file__).name
    )
    assert files == marked
    assert {"tests/test_training.py", "tests/test_core_kl_fits.py"} <= set(files)
