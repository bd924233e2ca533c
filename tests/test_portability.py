"""The iterative algorithms' tests pass on other CPUs' arithmetic too.

NumPy picks SIMD kernels (AVX2, AVX-512) and OpenBLAS a BLAS kernel for the
CPU it runs on, and they round differently in the last bits. A test that
pins where an iteration stops would pass here and fail on the next machine.
So the tests marked ``iterative`` run again in subprocesses, once with
NumPy's AVX-512 paths disabled and once with OpenBLAS's Haswell kernels;
on a CPU with AVX-512 the first differs from the default run, on one
without it the second may.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

VARIATIONS = {
    "numpy-without-avx512": {
        "NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL AVX512_SPR"
    },
    "openblas-haswell": {"OPENBLAS_CORETYPE": "Haswell"},
}


def iterative_test_files() -> list[str]:
    """The test files that mark tests iterative: collecting the whole suite
    again in each subprocess would cost more than the tests themselves."""
    tests = Path(__file__).parent
    files = [
        str(path.relative_to(ROOT))
        for path in sorted(tests.glob("test_*.py"))
        if path.name != Path(__file__).name
        and "mark.iterative" in path.read_text(encoding="utf-8")
    ]
    assert files, "no test is marked iterative"
    return files


@pytest.mark.skipif(
    platform.machine().lower() not in ("x86_64", "amd64"),
    reason="the variations name x86-64 kernels",
)
@pytest.mark.parametrize("name", list(VARIATIONS))
def test_iterative_tests_pass_with_other_kernels(name):
    environment = {**os.environ, **VARIATIONS[name]}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-m",
            "iterative",
            "-p",
            "no:cacheprovider",
            *iterative_test_files(),
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    assert " passed" in done.stdout and " failed" not in done.stdout
