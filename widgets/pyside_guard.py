"""Keeps None, True and False alive under PySide 6.12 on Python 3.11, whose bindings forget to count them.

Shiboken 6.12 returns ``None`` from every void method (and ``True``/``False`` from some) without
taking a reference, which is harmless on Python 3.12+ where those objects are immortal, but on
3.11 each call lowers their reference count by one: a video wall paints thousands of times a
second and the interpreter aborts ("deallocating None") within minutes. Giving the three
singletons a huge reference count once makes them as good as immortal here too.
"""

from __future__ import annotations

import ctypes
import sys

# 2**40 decrements at ten thousand a second take about three and a half years.
_BOOST = 1 << 40
_done = False


def keep_singletons_alive() -> None:
    """Idempotent; a no-op on Python 3.12+ (immortal objects) and outside CPython."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    _done = True
    for obj in (None, True, False):
        # ob_refcnt is the first field of every CPython object, at the object's address.
        ctypes.c_ssize_t.from_address(id(obj)).value += _BOOST
