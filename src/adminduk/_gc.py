"""Pausing the cyclic garbage collector while building large acyclic data."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building large acyclic data.

    Building a register (or its document) creates millions of small objects; without the pause
    the collector scans them again and again (measured: dumping a register ran 2.5 times
    slower). The previous state is restored however the block ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
