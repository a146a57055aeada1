"""What an upload has really delivered: the bytes written to the data socket that the server has not yet
acknowledged, still in this computer's send queue.

An upload's progress counted the bytes handed to the kernel. Its send buffer grows to megabytes, so on a
slow uplink the queue showed 100 % seconds or minutes before the server had the file, with Rate and Time
left blank (found by QA: a 3 MB upload at 200 kB/s stood at "100 %, Active" from its first second; a
Cancel then left a row at 100 % over a server file of a quarter of it). The progress reported is now the
bytes written less those still queued (Linux ``SIOCOUTQ``, macOS ``SO_NWRITE``; elsewhere nothing is
subtracted), and after the last write the sender waits, reporting, while the queue drains (``drain``). Bytes
the server's kernel has acknowledged but its program has not yet read cannot be seen from here."""

from __future__ import annotations

import select
import socket
import struct
import sys
import time
from typing import Any, Callable, Optional, Tuple

try:
    import fcntl
    import termios

    _OUTQ = getattr(termios, "TIOCOUTQ", None)  # (= SIOCOUTQ for a TCP socket: written, not yet acknowledged)
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    _OUTQ = None
_SO_NWRITE = 0x1024 if sys.platform == "darwin" else None

# less than this still queued after the last write: not waited for (each small file of a tree would pay a poll)
DRAIN_MIN = 256 * 1024
FIRST_POLL = 0.002  # seconds: the first look at a draining queue (then as fast as it drains, at most ``every``)
_FOUR = bytes(4)


def unsent(sock: socket.socket) -> int:
    """Bytes written to ``sock`` that its peer has not acknowledged yet (0 where the system does not say)."""
    try:
        if _OUTQ is not None:
            return struct.unpack("i", fcntl.ioctl(sock.fileno(), _OUTQ, _FOUR))[0]
        if _SO_NWRITE is not None:
            return sock.getsockopt(socket.SOL_SOCKET, _SO_NWRITE)
    except (OSError, ValueError):  # (closed meanwhile; a socket type without it)
        pass
    return 0


def delivered(sock: socket.socket, written: int) -> int:
    """Of ``written`` bytes, those the peer has acknowledged."""
    return max(0, written - unsent(sock))


# Linux's ``TCP_INFO``: the connection's state (its first byte) and ``tcpi_bytes_acked`` (a u64 at 120, Linux 4.1+)
_TCP_INFO = getattr(socket, "TCP_INFO", None) if sys.platform.startswith("linux") else None
_ACKED_AT = 120
_TCP_CLOSE = 7


def _tcp_info(sock: socket.socket) -> bytes:
    try:
        return sock.getsockopt(socket.IPPROTO_TCP, _TCP_INFO, 256) if _TCP_INFO is not None else b""
    except (OSError, ValueError):
        return b""


def acked_total(sock: socket.socket) -> Optional[int]:
    """The bytes the peer of the plain TCP socket ``sock`` has acknowledged since it connected — a SYN among them
    on the side that dialled — which the kernel still says once the connection was reset (its send queue, which
    ``unsent`` reads, is then gone). None where it is not said (not Linux, a TLS socket: its bytes are records)."""
    if type(sock) is not socket.socket:
        return None
    info = _tcp_info(sock)
    return struct.unpack_from("Q", info, _ACKED_AT)[0] if len(info) >= _ACKED_AT + 8 else None


def delivered_at_end(sock: socket.socket, written: int, base: Optional[int], broken: bool) -> int:
    """Of ``written`` bytes, those the peer is known to have acknowledged when an upload ended part way; 0 when it
    is not known. ``base``: ``acked_total`` before the first byte. ``broken``: the connection failed under it — its
    send queue is dropped, so that "written less queued" would count every byte written as delivered, and so
    would a look at a connection the server reset (``ftpgui-cli put`` says the count: design note 400)."""
    now = acked_total(sock)
    if now is not None and base is not None:
        return max(0, min(written, now - base))
    info = _tcp_info(sock)
    if broken or (info and info[0] == _TCP_CLOSE):
        return 0
    return delivered(sock, written)


def told_end(sock: socket.socket) -> bool:
    """An upload's data connection told its end (``shutdown``: the FIN its close would send), kept open so that what
    its peer acknowledged can be looked at until the server's final reply (design note 424); False when it cannot
    be (the caller closes it at once)."""
    try:
        sock.shutdown(socket.SHUT_WR)
    except OSError:
        return False
    return True


def drain(
    sock: socket.socket,
    waker: Any,
    timeout: float,
    written: int,
    shown: int,
    progress: Callable[[int], None],
    every: float,
    control: Any = None,
) -> int:
    """After the last write: wait while at least ``DRAIN_MIN`` of the ``written`` bytes are still queued,
    reporting the bytes delivered every ``every`` seconds (``shown``: the last reported; returned updated).
    A cancel (``waker``) raises ``WakeUp``; nothing delivered for ``timeout`` raises ``WaitTimeout``, as a
    stalled write does. ``control``: what the server says meanwhile is read (``datachannel.send``)."""
    from .datachannel import WaitTimeout, WakeUp  # (they live with the rest of the data path)

    left = unsent(sock)
    moved_at = last = time.monotonic()
    pause = FIRST_POLL
    while left >= DRAIN_MIN:
        now_shown = written - left
        if now_shown > shown:
            shown = now_shown
            progress(shown)
        watched = [waker, control] if control is not None and control.watching else [waker]
        readable, _, _ = select.select(watched, [], [], pause)
        if waker.fired:
            raise WakeUp()
        if control is not None and control in readable:
            control.read()
        now_left = unsent(sock)
        now = time.monotonic()
        if now_left < left:
            # the next look when the queue should be short enough at this pace (a poll every ``every`` would
            # keep each file of a tree up to that long after its last byte arrived)
            rate = (left - now_left) / max(now - last, 1e-6)
            pause = min(every, max(FIRST_POLL, (now_left - DRAIN_MIN) / rate))
            moved_at = now
        elif now - moved_at >= timeout:
            raise WaitTimeout()
        else:
            pause = min(every, pause * 2)
        left, last = now_left, now
    return shown


def wait_to_send(
    sock: socket.socket,
    waker: Any,
    write: bool,
    timeout: float,
    written: int,
    shown: int,
    progress: Callable[[int], None],
    report_at: float,
    every: float,
    control: Any = None,
) -> Tuple[int, float]:
    """A write ``sock`` refused: wait until it takes more (``write``; else, TLS, until it can read), and while
    it waits report at each report's time (``report_at``, then every ``every`` seconds) the bytes of ``written``
    the server has acknowledged, if more than ``shown``. Its program may read slowly or not at all: the send
    queue stays full, the socket not writable, and the bytes it took were never reported — the queue's row and
    the mode panel said what the last write saw (often 0 B) through a stall (note 337). A stall is ``timeout``
    seconds in which neither room came nor one byte more was acknowledged (``WaitTimeout``); a cancel raises
    ``WakeUp``; ``control`` as in ``drain``. Returns (``shown``, ``report_at``), updated."""
    from .datawait import WaitTimeout, wait

    moved_at = time.monotonic()
    while True:
        now = time.monotonic()
        if now >= report_at:
            report_at = now + every
            now_shown = delivered(sock, written)
            if now_shown > shown:
                shown = now_shown
                progress(shown)
                moved_at = now
        left = moved_at + timeout - now
        if left <= 0:
            raise WaitTimeout()
        try:
            wait(sock, waker, write=write, timeout=min(left, report_at - now), control=control)
        except WaitTimeout:
            continue
        return shown, report_at
