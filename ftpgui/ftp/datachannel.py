"""Sockets of the data connection: dial, listen and accept, move bytes, and be woken to cancel.

Here: dialling out (passive mode), listening and accepting (active mode), closing with a reset. The waiting
and its wake-up (why a cancel never shuts the data socket down) are in ``datawait``, the moving of bytes in
``datamove``; their names are imported from here as well (the engine's modules use ``datachannel`` for all
of the data path).
"""

from __future__ import annotations

import errno
import os
import random
import select
import socket
import struct
import time
from typing import Callable, Optional, Tuple

from .datamove import (  # noqa: F401 (the data path's names, from here as well)
    BLOCK,
    PROGRESS_BYTES,
    PROGRESS_SECONDS,
    SMALL_BLOCK,
    SPLICE_MIN,
    DeadlinePassed,
    EndedWithoutCloseNotify,
    FileSink,
    Pace,
    TooMuchData,
    read_size,
    receive,
    receive_head,
    send,
    write_error,
)
from .datawait import ControlWatch, WaitTimeout, Waker, WakeUp, wait  # noqa: F401 (as above)
from .dialing import address
from .errors import (
    QT_TRANSLATE_NOOP,
    FtpError,
    LocalFileError,
    ProtocolError,
    SizeExceeded,
    TransferFailed,
    counted,
    worded,
)

Address = Tuple[str, int]


class StrangerRefused(WaitTimeout):
    """No connection came from the host expected, and one from ``host`` did and was turned away (``accept``);
    ``answered``: the control connection spoke meanwhile, so none will come (the wait ended then)."""

    def __init__(self, host: str, answered: bool) -> None:
        super().__init__(host)
        self.host, self.answered = host, answered


_SOCK_NONBLOCK = getattr(socket, "SOCK_NONBLOCK", 0)


def dial(target: Address, family: int, waker: Waker, timeout: float) -> socket.socket:
    """Connect to ``target`` without blocking past ``timeout`` or a cancel."""
    sock = socket.socket(family, socket.SOCK_STREAM | _SOCK_NONBLOCK)  # (Linux: made non-blocking, no ioctl)
    try:
        if not _SOCK_NONBLOCK:
            sock.setblocking(False)
        err = sock.connect_ex(target)
        if err:
            if err not in (errno.EINPROGRESS, errno.EWOULDBLOCK, errno.EALREADY, 10035):  # 10035: WSAEWOULDBLOCK
                raise OSError(err, os.strerror(err))
            wait(sock, waker, write=True, timeout=timeout)
            err = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if err:
                raise OSError(err, os.strerror(err))
        return sock
    except BaseException:
        sock.close()
        raise


def listen(host: str, family: int, port_range: Optional[Tuple[int, int]]) -> socket.socket:
    """A listening socket on ``host``; with a range, a random free port from it."""
    ports = [0]
    if port_range:
        lo, hi = port_range
        ports = list(range(lo, hi + 1))
        random.shuffle(ports)
    last: Optional[OSError] = None
    for port in ports:
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.bind((host, port))
            sock.listen(1)
            sock.setblocking(False)
            return sock
        except OSError as exc:
            sock.close()
            last = exc
    raise OSError(f"no free port in {port_range[0]}–{port_range[1]}: {last}" if port_range else str(last))


def accept(
    listener: socket.socket,
    waker: Waker,
    timeout: float,
    expect_host: Optional[str],
    control: Optional[socket.socket] = None,
    replied: Callable[[], bool] = lambda: False,
    stranger: Optional[str] = None,
) -> socket.socket:
    """Accept one connection, from ``expect_host`` only (another peer is turned away: port theft).

    A peer turned away is named: :class:`StrangerRefused` instead of a plain :class:`WaitTimeout` (the words
    blamed a firewall here, which had let the connection through - found by QA). From then on the wait also
    ends when the ``control`` connection speaks (``replied``: a reply is buffered already) and nothing more
    is waiting to be accepted: the server has answered the transfer command - no connection of its own is
    coming (the stranger's was most likely its own, from another of its addresses). ``stranger``: one turned
    away already (by ``accept_waiting``)."""
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        try:
            if remaining <= 0:
                raise WaitTimeout()
            if stranger is not None and control is not None:
                if replied():
                    raise StrangerRefused(stranger, answered=True)
                ready, _, _ = select.select([listener, control, waker], [], [], remaining)
                if waker.fired:
                    raise WakeUp()
                if control in ready and listener not in ready:
                    raise StrangerRefused(stranger, answered=True)
            else:
                wait(listener, waker, write=False, timeout=remaining)
        except StrangerRefused:
            raise
        except WaitTimeout:
            raise WaitTimeout() if stranger is None else StrangerRefused(stranger, answered=False) from None
        try:
            conn, host = _take(listener, expect_host)
        except (BlockingIOError, InterruptedError):
            continue
        if conn is not None:
            return conn
        stranger = stranger or host


def accept_waiting(
    listener: socket.socket, expect_host: Optional[str]
) -> Tuple[Optional[socket.socket], Optional[str]]:
    """The connection already waiting on ``listener`` from ``expect_host``, without waiting (None: none yet), and
    the first peer from another host turned away meanwhile (as ``accept`` turns it away: port theft). Active mode,
    just after the reply to PORT/EPRT: a server that connects as soon as it gets the command (pyftpdlib answers
    only once it has) is seen to have done so before the transfer command (design note 322)."""
    stranger: Optional[str] = None
    while select.select([listener], [], [], 0)[0]:
        try:
            conn, host = _take(listener, expect_host)
        except (BlockingIOError, InterruptedError):
            break
        if conn is not None:
            return conn, stranger
        stranger = stranger or host
    return None, stranger


def _take(listener: socket.socket, expect_host: Optional[str]) -> Tuple[Optional[socket.socket], str]:
    """One connection waiting on ``listener``, and its peer's host: None for the connection when it came from
    another host than ``expect_host`` (it is closed unread: port theft)."""
    conn, peer = listener.accept()
    host = address(peer)[0]
    if expect_host is None or host == expect_host:
        return conn, host
    conn.close()
    return None, host


def reset_close(sock: socket.socket) -> None:
    """Close with RST (SO_LINGER 0), so the peer cannot take the end of the stream for a normal end."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    sock.close()


TIMED_OUT = {  # what ran out of time: (the error, the session option of seconds, its words for 1 and for N)
    WaitTimeout: (
        TransferFailed,
        "timeout",
        QT_TRANSLATE_NOOP("engine", "The transfer stalled: No data moved for 1 second."),
        QT_TRANSLATE_NOOP("engine", "The transfer stalled: No data moved for {seconds} seconds."),
    ),
    DeadlinePassed: (
        ProtocolError,
        "listing_timeout",
        QT_TRANSLATE_NOOP("engine", "The listing did not finish within 1 second; stopped."),
        QT_TRANSLATE_NOOP("engine", "The listing did not finish within {seconds} seconds; stopped."),
    ),
}


def stopped_because(exc: Exception, rest: int, moved: int, options) -> FtpError:
    """Why the client stops a transfer of its own accord, in words, as ``exc`` (raised by the data path after
    ``moved`` bytes of a transfer from ``rest``) says: a local file that could not be written (``exc`` itself), more
    than was announced, a stall, a listing too slow or too large (``options``: the session's limits)."""
    if isinstance(exc, LocalFileError):
        return exc
    if isinstance(exc, TooMuchData):
        return worded(
            SizeExceeded,
            QT_TRANSLATE_NOOP(
                "engine", "The server sent more than the {total} bytes it announced; the rest was not written."
            ),
            _init={"received": exc.limit},
            total=rest + exc.limit,
        )
    for kind, (cls, limit, one, many) in TIMED_OUT.items():
        if isinstance(exc, kind):  # (a stall, a listing too slow: said in seconds, "1 second" its own sentence)
            n = getattr(options, limit)
            init = {"received": moved} if cls is TransferFailed else None
            return worded(cls, counted(n, one, many), _init=init, seconds=f"{n:g}")
    return worded(  # (OverflowError)
        ProtocolError,
        QT_TRANSLATE_NOOP("engine", "The listing is larger than {limit} bytes; stopped."),
        limit=options.listing_limit,
    )
