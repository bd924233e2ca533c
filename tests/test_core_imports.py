"""The core's public API, and that importing it pulls in no Qt and no SciPy."""

import json
import subprocess
import sys

import pytest

import core

PUBLIC_API = {
    # information measures
    "entropy",
    "cross_entropy",
    "kl_divergence",
    "js_divergence",
    "information",
    "kl_terms",
    "normalize",
    "support_violations",
    # softmax
    "logsumexp",
    "softmax",
    "log_softmax",
    # losses
    "cross_entropy_loss",
    "cross_entropy_grad",
    "bce_with_logits",
    "bce_with_logits_grad",
    "mse_sigmoid",
    "mse_sigmoid_grad",
    "sigmoid",
    "smoothed_targets",
    # scenario and families
    "Scenario",
    "Results",
    "LossCurve",
    "evaluate",
    "default_scenario",
    "UNITS",
    "Family",
    "family_weights",
    "FAMILY_PARAMETERS",
    "MAX_FAMILY_K",
}

FORBIDDEN = ("PySide6", "shiboken6", "pyqtgraph", "scipy")

# Run in a fresh interpreter: in this process other tests import Qt and SciPy.
PROBE = """
import json, sys
{pre_import}
import core
top_level = {{name.split(".")[0] for name in sys.modules}}
print(json.dumps(sorted(top_level & set({forbidden!r}))))
"""


def _forbidden_modules_after_import(pre_import: str = "") -> list[str]:
    code = PROBE.format(pre_import=pre_import, forbidden=FORBIDDEN)
    completed = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    loaded: list[str] = json.loads(completed.stdout)
    return loaded


def test_importing_core_loads_no_qt_and_no_scipy() -> None:
    assert _forbidden_modules_after_import() == []


@pytest.mark.parametrize("module", ["scipy", "pyqtgraph"])
def test_the_import_probe_detects_a_forbidden_module(module: str) -> None:
    # The probe itself must be able to fail: import the module on purpose.
    assert module in _forbidden_modules_after_import(f"import {module}")


def test_all_lists_exactly_the_public_api() -> None:
    assert set(core.__all__) == PUBLIC_API
    assert len(core.__all__) == len(PUBLIC_API)


@pytest.mark.parametrize("name", sorted(PUBLIC_API))
def test_every_public_name_is_importable_from_core(name: str) -> None:
    assert getattr(core, name) is not None


@pytest.mark.parametrize(
    ("name", "call"),
    [
        ("entropy", lambda: core.entropy([0.5, 0.5], 2)),
        ("cross_entropy", lambda: core.cross_entropy([0.5, 0.5], [0.5, 0.5], 2)),
        ("kl_divergence", lambda: core.kl_divergence([0.5, 0.5], [0.5, 0.5])),
        ("js_divergence", lambda: core.js_divergence([1.0, 0.0], [0.0, 1.0], 2)),
        ("logsumexp", lambda: core.logsumexp([0.0, 0.0])),
        ("cross_entropy_loss", lambda: core.cross_entropy_loss([0.0, 0.0], 1)),
        ("bce_with_logits", lambda: core.bce_with_logits(0.0, 1.0)),
        ("sigmoid", lambda: core.sigmoid(0.0)),
    ],
)
def test_scalar_results_are_plain_python_floats(name: str, call) -> None:
    value = call()
    assert type(value) is float, name
