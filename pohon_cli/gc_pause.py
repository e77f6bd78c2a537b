"""One way to pause Python's cyclic garbage collector around work that makes many small
objects without cycles (loading, diffing, writing a view): each collection would walk
the whole loaded tree again, for nothing. Restores the collector as it found it, so
pauses nest."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """The collector off inside the block, and back on after it if it was on before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
