"""The bundled data files: ``assets/``, installed as ``entropy_lab_assets``.

Everything the app reads from its own installation (presets, and later
lessons, icons and translations) is found here, through
:mod:`importlib.resources`, so that an installed wheel works from any
directory exactly as a checkout does.
"""

from __future__ import annotations

import contextlib
import importlib.resources
from collections.abc import Iterator
from pathlib import Path

#: The importable name of the ``assets/`` folder (see pyproject.toml).
ASSETS_PACKAGE = "entropy_lab_assets"


class AssetError(OSError):
    """A bundled file is missing or unreadable: the installation is broken."""


@contextlib.contextmanager
def asset_path(name: str) -> Iterator[Path]:
    """A real file path for the bundled file ``name`` (e.g. ``"presets.json"``).

    Parameters
    ----------
    name : str
        A path relative to ``assets/``, with ``/`` separators.

    Yields
    ------
    pathlib.Path
        The file, or a temporary copy of it where the package is not a
        plain directory (a zip); valid inside the ``with`` block.

    Raises
    ------
    AssetError
        If the assets package is not installed or holds no such file; the
        message names the file and says how to repair the installation.
    """
    try:
        root = importlib.resources.files(ASSETS_PACKAGE)
    except ModuleNotFoundError:
        raise AssetError(
            f"the bundled data ({ASSETS_PACKAGE}) is not installed; "
            "reinstall Entropy Lab with pip"
        ) from None
    resource = root.joinpath(*name.split("/"))
    if not resource.is_file():
        raise AssetError(
            f"the bundled file {name} is missing; reinstall Entropy Lab with pip"
        )
    with importlib.resources.as_file(resource) as path:
        yield Path(path)
