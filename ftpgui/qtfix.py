"""A guard against a reference-count bug in PySide6's ``SignalInstance.emit`` (seen in 6.12.0).

There, every ``emit()`` called from Python returns ``True`` without taking a reference to it, so each call
drops one reference to the interpreter's ``True``; after a few hundred emits Python aborts with "Fatal
Python error: bool_dealloc" (``True`` is not immortal before Python 3.12). ``install()`` detects the bug by
measuring it, and only then wraps ``emit`` to take the missing reference.
"""

from __future__ import annotations

import ctypes
import sys

_installed = False


def _leaks() -> bool:
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.ping.emit()
    return sys.getrefcount(True) < before - 4


def install() -> bool:
    """Wrap ``SignalInstance.emit`` if this PySide6 has the bug; returns True when it did."""
    global _installed
    if _installed:
        return True
    from PySide6.QtCore import SignalInstance

    if not _leaks():
        return False
    original = SignalInstance.emit
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]

    def emit(self, *args):
        result = original(self, *args)
        if result is True or result is False:
            incref(result)  # the reference PySide returned without owning it
        return result

    SignalInstance.emit = emit
    _installed = True
    return True
