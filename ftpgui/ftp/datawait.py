"""Waiting on a data connection's socket, and being woken from that wait to cancel (``datachannel``).

Every wait here is a ``select`` on the data socket *and* a wake-up socket, with a timeout. ``cancel()``
from another thread writes to the wake-up socket instead of shutting the data socket down: a shutdown
sends FIN, which an FTP server reads as "upload complete"; the session thread must first send ABOR and
then reset the connection (see ``FtpSession._abort_transfer``).
"""

from __future__ import annotations

import select
import socket
import threading
from typing import Optional, Protocol


class WaitTimeout(Exception):
    """Nothing happened on the socket within the timeout."""


class WakeUp(Exception):
    """The wake-up socket fired: the transfer was cancelled."""


class Waker:
    """A socket pair another thread can poke to wake a ``select``, plus the cancel flag it stands for."""

    def __init__(self) -> None:
        self._r, self._w = socket.socketpair()
        self._r.setblocking(False)
        self._w.setblocking(False)
        self._event = threading.Event()
        self._poked = False  # a byte may be in the pair since the last reset

    def fileno(self) -> int:
        return self._r.fileno()

    @property
    def fired(self) -> bool:
        return self._event.is_set()

    def fire(self) -> None:
        self._event.set()
        try:
            self._w.send(b"x")
        except OSError:
            pass  # the pipe is full: it is already awake
        self._poked = True  # (after the byte: a reset that sees it drains that byte)

    def reset(self) -> None:
        self._event.clear()
        if not self._poked:  # (nothing to drain: no system call, as for every transfer nobody cancelled)
            return
        self._poked = False
        try:
            while self._r.recv(4096):
                pass
        except OSError:
            pass

    def close(self) -> None:
        self._r.close()
        self._w.close()


class ControlWatch(Protocol):
    """The control connection, watched while an upload's data waits (``transferend.ServerWatch``)."""

    watching: bool  # False once what the server said there needs no more watching

    def fileno(self) -> int: ...

    def read(self) -> None:
        """Read what the server said; raises when that ends the transfer."""


def wait(
    sock: socket.socket, waker: Waker, *, write: bool, timeout: float, control: Optional[ControlWatch] = None
) -> None:
    """Block until ``sock`` is readable (or writable), the waker fires, or ``timeout`` passes. With ``control``
    (an upload's): until the server speaks on the control connection too — what it says is read then
    (``control.read``; a refusal raises), and this returns as if ``sock`` were ready."""
    if waker.fired:
        raise WakeUp()
    rlist = [waker] if write else [sock, waker]
    wlist = [sock] if write else []
    if control is not None and control.watching:
        rlist.append(control)
    r, w, _ = select.select(rlist, wlist, [], timeout)
    if waker.fired:
        raise WakeUp()
    if control is not None and control in r:
        control.read()
        return
    if not r and not w:
        raise WaitTimeout()
