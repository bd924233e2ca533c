"""Entropy Lab's bundled data: presets, lessons, icons and translations (no code).

Installed as the package ``entropy_lab_assets`` so that ``importlib.resources``
finds it, in a checkout and in an installed wheel alike (core/resources.py).
"""
