"""Entropy Lab's numerical core: pure NumPy, no Qt, no SciPy.

Everything the window shows comes from :func:`evaluate` on a :class:`Scenario`;
the functions below are its building blocks, each usable on its own.
"""

#: The release, read by pyproject.toml (setuptools' ``attr``, without importing
#: the package) and by the window: importlib.metadata would cost a start-up
#: 25–50 ms to tell the same.
__version__ = "0.1.0"

from core.families import FAMILY_PARAMETERS, MAX_FAMILY_K, Family, family_weights
from core.information import (
    cross_entropy,
    entropy,
    information,
    js_divergence,
    kl_divergence,
    kl_terms,
    normalize,
    support_violations,
)
from core.losses import (
    bce_with_logits,
    bce_with_logits_grad,
    cross_entropy_grad,
    cross_entropy_loss,
    mse_sigmoid,
    mse_sigmoid_grad,
    sigmoid,
    smoothed_targets,
)
from core.scenario import (
    UNITS,
    LossCurve,
    Results,
    Scenario,
    default_scenario,
    evaluate,
)
from core.softmax import log_softmax, logsumexp, softmax

__all__ = [
    "FAMILY_PARAMETERS",
    "MAX_FAMILY_K",
    "UNITS",
    "Family",
    "LossCurve",
    "Results",
    "Scenario",
    "bce_with_logits",
    "bce_with_logits_grad",
    "cross_entropy",
    "cross_entropy_grad",
    "cross_entropy_loss",
    "default_scenario",
    "entropy",
    "evaluate",
    "family_weights",
    "information",
    "js_divergence",
    "kl_divergence",
    "kl_terms",
    "log_softmax",
    "logsumexp",
    "mse_sigmoid",
    "mse_sigmoid_grad",
    "normalize",
    "sigmoid",
    "smoothed_targets",
    "softmax",
    "support_violations",
]
