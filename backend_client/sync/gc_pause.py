"""Pause Python's cyclic garbage collector while a sync moves thousands of changes.

Why: a ``/sync`` page decodes into a tree of dicts and lists (JSON has no reference cycles),
and every one of those objects is freed by reference counting as soon as its page is in the
cache. The cyclic collector cannot free any of them, but the allocations trigger it again
and again, and each full collection walks every tracked object of the process — in the
10,000-change catch-up benchmark 50-60 young collections plus, in most runs, one full
collection of ~100 ms: 40-140 ms of a 1 s budget, spent holding the GIL (so the GUI thread
waited too). The pause only defers the collector: cycles made meanwhile by other code are
collected by the first collection after it ends.

The collector switch is process-wide, so pauses are counted: overlapping pauses from several
threads end only when the last one does, and a collector that was already disabled by the
application stays disabled.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_enable_after = False


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Disable the cyclic collector for the duration of the block (reference counting goes on)."""
    global _depth, _enable_after
    with _lock:
        if _depth == 0:
            _enable_after = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _enable_after:
                gc.enable()
