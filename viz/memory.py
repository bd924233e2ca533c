"""Keep large NumPy arrays in the allocator's heap instead of fresh pages.

glibc hands out blocks above its mmap threshold (128 KiB at first) as new
memory mappings and returns them on free, so every 100,000-element array a
frame creates costs about 200 page faults: at K = 100,000 that was most of a
frame. Raising the threshold lets freed blocks be reused at once.
"""

from __future__ import annotations

import ctypes
import sys

_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD_BYTES = 64 * 1024 * 1024
TRIM_THRESHOLD_BYTES = 128 * 1024 * 1024


def reuse_large_allocations() -> bool:
    """Raise glibc's mmap and trim thresholds; True if that was possible.

    Elsewhere (macOS, Windows, musl) nothing happens: their allocators do not
    unmap blocks of this size on every free.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return False
    mallopt = getattr(libc, "mallopt", None)
    if mallopt is None:
        return False
    done = mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)
    done &= mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES)
    return bool(done)
