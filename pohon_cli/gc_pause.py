"""One way to pause Python's cyclic garbage collector around work that makes many small
objects without cycles (loading, diffing, writing a view): each collection would walk
the whole loaded tree again, for nothing. Restores the collector as it found it, so
pauses nest. Or, once a tree is loaded for the rest of a command, keep the collector
from ever walking it (``keep_unscanned``)."""

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


def keep_unscanned() -> None:
    """Everything made so far lives until the command ends (the tree just loaded): out of
    the collector's sight, so that the collections that the next work triggers (a report,
    sheets, a page) do not walk all of it again and again. Objects are still freed when
    nothing refers to them; only a cycle among them would stay."""
    gc.freeze()
