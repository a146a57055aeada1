"""The one way to run blocking work (network, disk, keyring) off the GUI thread.

``run_blocking(fn, *args)`` runs ``fn`` on Qt's global thread pool and delivers its result (or the exception
it raised) back on the thread that called ``run_blocking`` — the GUI thread — as the ``done`` / ``failed``
signals of the returned :class:`Call`, or to the ``on_done`` / ``on_error`` callbacks.
"""

from __future__ import annotations

import threading
from typing import Any, Callable, Optional, Set

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

_alive: Set[Call] = set()  # a Call must outlive its runnable; it is dropped once delivered


class Call(QObject):
    """A piece of blocking work in flight. Lives on the calling thread; its signals arrive there."""

    done = Signal(object)
    failed = Signal(object)
    _finished = Signal(bool, object)  # emitted on the pool thread, queued to this object's thread

    def __init__(self, fn: Callable[..., Any], args: tuple, kwargs: dict):
        super().__init__()
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self.finished = False
        self.result: Any = None
        self.error: Optional[BaseException] = None
        self._finished.connect(self._deliver)

    def _execute(self) -> None:  # on the pool thread
        try:
            result = self._fn(*self._args, **self._kwargs)
        except BaseException as exc:
            ok, value = False, exc
        else:
            ok, value = True, result
        try:
            self._finished.emit(ok, value)
        except RuntimeError:  # this object is gone (the app is quitting): nobody is left to hear the result
            _alive.discard(self)

    @Slot(bool, object)
    def _deliver(self, ok: bool, value: object) -> None:  # on the caller's thread
        self.finished = True
        _alive.discard(self)
        self._fn = self._args = self._kwargs = None  # type: ignore[assignment]
        if ok:
            self.result = value
            self.done.emit(value)
        else:
            self.error = value  # type: ignore[assignment]
            self.failed.emit(value)


class _Runnable(QRunnable):
    def __init__(self, call: Call):
        super().__init__()
        self._call = call

    def run(self) -> None:
        self._call._execute()


def run_blocking(
    fn: Callable[..., Any],
    *args: Any,
    on_done: Optional[Callable[[Any], None]] = None,
    on_error: Optional[Callable[[BaseException], None]] = None,
    detached: bool = False,
    **kwargs: Any,
) -> Call:
    """Run ``fn(*args, **kwargs)`` on a pool thread; the result comes back as a signal on this thread.

    ``detached``: on a daemon thread of its own instead, for a read of the local disk that may hang for good (a
    network folder, NFS or SMB, whose server is gone): it holds none of the pool's threads, which the keyring and
    the settings share, and the app's exit does not wait for it as it waits for a pool's threads (Quit was held
    for as long as the read hung; its result is of no use then). Its caller has one such read at a time."""
    call = Call(fn, args, kwargs)
    if on_done is not None:
        call.done.connect(_while_alive(on_done))
    if on_error is not None:
        call.failed.connect(_while_alive(on_error))
    _alive.add(call)
    if detached:
        threading.Thread(target=call._execute, name="ftpgui-disk-read", daemon=True).start()
    else:
        QThreadPool.globalInstance().start(_Runnable(call))
    return call


def _while_alive(callback: Callable[[Any], None]) -> Callable[[Any], None]:
    """``callback``, called only while the Qt object it works on still exists: a window, dialog or queue closed
    and deleted while the work ran (the loop running on, as in a test, or a dialog closed by its person) gave the
    answer to an object Qt had deleted — "Internal C++ object already deleted", raised in the event loop (design
    note 230). The object is the bound method's, or the ``self`` a lambda or a partial closes over."""
    owner = _owner(callback)
    if owner is None:
        return callback

    def guarded(value: Any) -> None:
        if shiboken6.isValid(owner):
            callback(value)

    return guarded


def _owner(callback: Any) -> Optional[QObject]:
    target = getattr(callback, "__self__", None)
    if isinstance(target, QObject):
        return target
    inner = getattr(callback, "func", None)  # (functools.partial)
    if inner is not None:
        return _owner(inner)
    code, cells = getattr(callback, "__code__", None), getattr(callback, "__closure__", None)
    if code is not None and cells and "self" in code.co_freevars:
        value = cells[code.co_freevars.index("self")].cell_contents
        if isinstance(value, QObject):
            return value
    return None
