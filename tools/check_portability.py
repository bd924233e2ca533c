"""Run the iterative algorithms' tests again under other CPUs' arithmetic.

NumPy picks SIMD kernels (AVX2, AVX-512) and OpenBLAS a BLAS kernel for the
CPU it runs on, and they round differently in the last bits. A test that
pins where an iteration stops would pass here and fail on the next machine.
So CI (``.ci/run``, after the README's test command) runs the tests marked
``iterative`` twice more, each in its own pytest process: once with NumPy's
AVX-512 paths disabled and once with OpenBLAS's Haswell kernels. On a CPU
with AVX-512 the first differs from the default run; on one without it the
second may.

Run: .venv/bin/python tools/check_portability.py (exit 0 when all pass)
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

VARIATIONS = {
    "numpy-without-avx512": {
        "NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL AVX512_SPR"
    },
    "openblas-haswell": {"OPENBLAS_CORETYPE": "Haswell"},
}


def iterative_test_files() -> list[str]:
    """The test files that mark tests iterative.

    Only those are collected again: the whole suite would cost more than the
    tests themselves.
    """
    files = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "tests").glob("test_*.py"))
        if "mark.iterative" in path.read_text(encoding="utf-8")
    ]
    if not files:
        raise SystemExit("no test is marked iterative")
    return files


def run_variation(name: str) -> bool:
    """The iterative tests under one variation; True when they all passed."""
    environment = {**os.environ, **VARIATIONS[name]}
    command = [sys.executable, "-m", "pytest", "-q", "-m", "iterative"]
    command += ["-p", "no:cacheprovider", *iterative_test_files()]
    done = subprocess.run(command, cwd=ROOT, env=environment, check=False)
    return done.returncode == 0


def main() -> int:
    """Every variation on an x86-64 machine; 1 if any failed."""
    machine = platform.machine().lower()
    if machine not in ("x86_64", "amd64"):
        print(f"the variations name x86-64 kernels; this is {machine!r}")
        return 0
    failed = []
    for name in VARIATIONS:
        print(f"iterative tests with {name}:", flush=True)
        if not run_variation(name):
            failed.append(name)
    if failed:
        print("failed with: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
