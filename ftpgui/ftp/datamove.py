"""Moving a transfer's bytes over its data connection (``datachannel``): ``receive`` into a ``FileSink`` (by
``splice`` where Linux offers it) or any writer, ``send`` from a file (by ``sendfile``), with progress reports;
each wait is ``datawait.wait``, so a cancel wakes it.
"""

from __future__ import annotations

import errno
import os
import socket
import ssl
import stat
import time
from typing import BinaryIO, Callable, Optional, Protocol

from .datawait import ControlWatch, WaitTimeout, Waker, WakeUp, wait
from .errors import QT_TRANSLATE_NOOP, LocalFileError, worded
from .sendqueue import DRAIN_MIN, acked_total, delivered_at_end, drain, wait_to_send

try:
    import fcntl
except ImportError:  # Windows: no splice there either
    fcntl = None  # type: ignore[assignment]

BLOCK = 1 << 20  # 1 MiB reads and writes
SMALL_BLOCK = 64 << 10  # the least receive buffer (under malloc's mmap threshold: reused, no page faults)
SPLICE_MIN = 1 << 20  # below this, setting up a pipe costs more than the copy through Python
PROGRESS_BYTES = 262144  # a progress report every 256 KiB…
PROGRESS_SECONDS = 0.1  # …or sooner on a slow connection, so the rate shown (and the panel's picture) keeps up


class Pace(Protocol):
    """A speed limit's gate, asked before each move (``FtpSession.pace``): the transfer waits in ``allow`` until
    it may move bytes (or ``waker`` fires: a cancel), then moves at most the count ``allow`` returns; ``unused``
    gives back what it did not move. Charged before the bytes move, so no block goes past the limit before the
    limit knows of it."""

    def allow(self, want: int, waker: Waker) -> int: ...

    def unused(self, n: int) -> None: ...


def _allowed(pace: Optional[Pace], want: int, waker: Waker) -> int:
    if pace is None:
        return want
    n = pace.allow(want, waker)
    if waker.fired:  # cancelled while it waited
        raise WakeUp()
    return n


class DeadlinePassed(Exception):
    """The transfer was still moving at its deadline (a listing dripping a byte a second)."""


class EndedWithoutCloseNotify(Exception):
    """A TLS data connection ended without close_notify after ``done`` bytes: maybe cut short."""

    def __init__(self, done: int) -> None:
        super().__init__(done)
        self.done = done


def _nonblocking(sock: socket.socket) -> None:
    """Make ``sock`` non-blocking unless it is already (a dialled socket is: no second system call)."""
    if sock.gettimeout() != 0.0:
        sock.setblocking(False)


class TooMuchData(Exception):
    """The server sent more than a download's ``limit``; the bytes past it were not written. ``written``: those
    the move that found it wrote first, up to the limit (counted by ``_pump`` as moved)."""

    def __init__(self, limit: int, written: int = 0) -> None:
        super().__init__(limit)
        self.limit = limit
        self.written = written


class WriteFailed(LocalFileError):
    """A local file could not be written (a full disk, an I/O error). ``written``: the bytes of the move that
    failed that reached the file before it did — a disk fills part-way into a block (a short write, then
    ENOSPC) — counted by ``_pump`` with those before (note 338)."""

    def __init__(self, message: str, written: int = 0) -> None:
        super().__init__(message)
        self.written = written


class FileSink:
    """Where a download's bytes go: a file's descriptor, written with ``os.write`` (no file object: its
    constructor's ``fstat`` and buffering are not needed). Called with each block; a plain socket may instead
    ``splice`` straight into ``fileno`` (see ``receive``).

    ``limit``: the bytes the server announced. Nothing past it is written (a server that lies about the
    size cannot fill the disk): the block that crosses it raises ``TooMuchData``."""

    def __init__(self, fd: int, name: str, expected: Optional[int] = None, limit: Optional[int] = None):
        self.fd = fd
        self.name = name
        self.expected = expected  # bytes to come, if known: a small file is not worth a pipe
        self.limit = limit
        self.written = 0

    def fileno(self) -> int:
        return self.fd

    def __call__(self, block: memoryview) -> None:
        over = self.limit is not None and self.written + len(block) > self.limit
        if over:
            block = block[: self.limit - self.written]
        before = self.written
        try:
            while block:
                n = os.write(self.fd, block)
                block = block[n:]
                self.written += n
        except OSError as exc:
            raise self.error(exc, self.written - before) from exc
        if over:
            raise TooMuchData(self.limit, self.written - before)  # type: ignore[arg-type]

    def error(self, exc: OSError, written: int = 0) -> WriteFailed:
        """``exc`` in words, ``written`` bytes of the move that failed in the file before it."""
        return write_error(self.name, exc, written)


def read_size(expected: Optional[int]) -> int:
    """The receive buffer for a transfer of ``expected`` bytes (None: unknown): BLOCK for a large or unknown
    one, less for a small file — a 1 MiB buffer, zeroed and its pages faulted in, cost more than a 4 KiB file
    itself. At least one byte over ``expected``, so the end (or a byte too many) is seen in the next read."""
    if expected is None or expected >= BLOCK:
        return BLOCK
    return max(SMALL_BLOCK, expected + 1)


def receive(
    sock: socket.socket,
    write: Callable[[memoryview], object],
    waker: Waker,
    timeout: float,
    progress: Callable[[int], None],
    limit: Optional[int] = None,
    deadline: Optional[float] = None,
    pace: Optional[Pace] = None,
) -> int:
    """Read until EOF, handing each block to ``write``; returns the byte count.

    ``progress`` is called every 256 KiB, or after a tenth of a second with fewer bytes. ``limit`` caps the
    total (a listing that never ends), ``deadline`` (``time.monotonic()``) the time: past it, ``DeadlinePassed``
    however steadily bytes arrive. ``pace``: a speed limit, asked before each read.
    A ``FileSink`` behind a plain socket is filled by ``splice`` (no copy through Python) where Linux offers it.
    """
    _nonblocking(sock)
    if isinstance(write, FileSink) and limit is None and deadline is None and _can_splice(sock, write):
        try:
            r, w = os.pipe()
        except OSError:
            pass
        else:
            try:
                return _pump(_splice_mover(sock, write, r, w), sock, waker, timeout, progress, pace=pace)
            except _NoSplice:
                pass  # e.g. a file system without splice: read through Python instead
            finally:
                os.close(r)
                os.close(w)
    buf = bytearray(read_size(write.expected if isinstance(write, FileSink) else None))
    view = memoryview(buf)

    def move(most: int) -> int:
        n = sock.recv_into(buf, min(most, len(buf)))
        if n:
            write(view[:n])
        return n

    return _pump(move, sock, waker, timeout, progress, limit, deadline, pace)


def receive_head(
    sock: socket.socket,
    count: int,
    waker: Waker,
    timeout: float,
    progress: Callable[[int], None],
    pace: Optional[Pace] = None,
) -> bytes:
    """The first ``count`` bytes of a transfer (fewer: it ended first), read and kept, nothing past them taken
    from the socket: ``receive`` reads the rest (a resume's overlap, ``resumecheck``)."""
    _nonblocking(sock)
    head = bytearray(count)
    view = memoryview(head)
    got = 0

    def move(most: int) -> int:
        nonlocal got
        n = sock.recv_into(view[got:], min(most, count - got)) if got < count else 0
        got += n
        return n

    _pump(move, sock, waker, timeout, progress, pace=pace)
    return bytes(head[:got])


def _pump(
    move: Callable[[int], int],
    sock: socket.socket,
    waker: Waker,
    timeout: float,
    progress: Callable[[int], None],
    limit: Optional[int] = None,
    deadline: Optional[float] = None,
    pace: Optional[Pace] = None,
) -> int:
    """Call ``move`` (bytes moved, at most the count given; 0 at EOF) until EOF, waiting while the socket has
    nothing; ``pace`` allows each move's count first (a speed limit; what a move did not take is given back).
    Bytes not yet reported are reported at the report's time even when no more come: a burst and then a stall
    showed "0 %" all through the stall (note 291). However it ends, the bytes written are reported: a cancel
    left the last report's count, behind the file (the mode panel said a cancelled download stopped at 518,038
    bytes; its part file, continued from there, held 524,288); so does a move that wrote up to a limit and
    found more (``TooMuchData``: note 292)."""
    done = 0
    reported = 0
    report_at = time.monotonic() + PROGRESS_SECONDS
    try:
        while True:
            if waker.fired:
                raise WakeUp()
            left = timeout
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise DeadlinePassed(done)
            most = _allowed(pace, BLOCK, waker)
            try:
                n = move(most)
            except (BlockingIOError, InterruptedError, ssl.SSLWantReadError, ssl.SSLWantWriteError) as exc:
                if pace is not None:
                    pace.unused(most)
                writing = isinstance(exc, ssl.SSLWantWriteError)
                spent = 0.0
                if done != reported:  # bytes not shown yet: shown at the report's time, whether more come or not
                    tick = report_at - time.monotonic()
                    if 0 < tick < min(timeout, left):
                        if _ready(sock, waker, writing, tick):
                            continue
                        spent = tick  # (counted in the stall's time: a stall is still said after ``timeout``)
                    reported = done
                    report_at = time.monotonic() + PROGRESS_SECONDS
                    progress(done)
                try:
                    wait(sock, waker, write=writing, timeout=min(timeout, left) - spent)
                except WaitTimeout:
                    if left < timeout:  # the deadline came first: not a stall
                        raise DeadlinePassed(done) from None
                    raise
                continue
            except ssl.SSLEOFError:
                raise EndedWithoutCloseNotify(done) from None
            except (TooMuchData, WriteFailed) as exc:
                done += exc.written  # (written up to the limit before the rest was found; before the disk filled)
                raise
            if pace is not None and n < most:
                pace.unused(most - n)
            if n == 0:
                break
            done += n
            if limit is not None and done > limit:
                raise OverflowError(done)
            if done - reported >= PROGRESS_BYTES or time.monotonic() >= report_at:
                reported = done
                report_at = time.monotonic() + PROGRESS_SECONDS
                progress(done)
    except BaseException:  # a cancel, a stall, a broken connection: the bytes written are reported first
        if done != reported:
            progress(done)
        raise
    if done != reported:
        progress(done)
    return done


def _ready(sock: socket.socket, waker: Waker, write: bool, seconds: float) -> bool:
    """``wait`` for at most ``seconds``: True when ``sock`` is ready, False when the time passed first."""
    try:
        wait(sock, waker, write=write, timeout=seconds)
    except WaitTimeout:
        return False
    return True


class _NoSplice(Exception):
    """splice refused before any byte moved: copy through Python instead."""


def _can_splice(sock: socket.socket, sink: FileSink) -> bool:
    """Linux, a plain socket (not TLS), and a regular file (every Linux file system can splice into one)."""
    if not hasattr(os, "splice") or type(sock) is not socket.socket:
        return False
    if sink.expected is not None and sink.expected < SPLICE_MIN:
        return False
    try:
        return stat.S_ISREG(os.fstat(sink.fileno()).st_mode)
    except (OSError, ValueError):
        return False


def _splice_mover(sock: socket.socket, sink: FileSink, r: int, w: int) -> Callable[[], int]:
    """One step of socket → pipe → file, inside the kernel."""
    if hasattr(fcntl, "F_SETPIPE_SZ"):
        try:
            fcntl.fcntl(w, fcntl.F_SETPIPE_SZ, BLOCK)  # fewer, larger moves; the default pipe is 64 KiB
        except OSError:
            pass
    moved = False

    def move(most: int) -> int:
        nonlocal moved
        # past a limit, one byte more than it allows is enough to know the server sent too much
        want = most if sink.limit is None else min(most, sink.limit - sink.written + 1)
        try:
            n = os.splice(sock.fileno(), w, want, flags=os.SPLICE_F_MOVE | os.SPLICE_F_NONBLOCK)
        except OSError as exc:
            if not moved and exc.errno in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
                raise _NoSplice() from exc
            raise
        moved = True
        over = sink.limit is not None and sink.written + n > sink.limit
        left = sink.limit - sink.written if over else n  # type: ignore[operator]
        before = sink.written
        while left:
            try:
                m = os.splice(r, sink.fileno(), left, flags=os.SPLICE_F_MOVE)
            except OSError as exc:
                raise sink.error(exc, sink.written - before) from exc
            left -= m
            sink.written += m
        if over:
            raise TooMuchData(sink.limit, sink.written - before)  # type: ignore[arg-type]
        return n

    return move


def send(
    sock: socket.socket,
    source: BinaryIO,
    waker: Waker,
    timeout: float,
    progress: Callable[[int], None],
    control: Optional[ControlWatch] = None,
    pace: Optional[Pace] = None,
) -> int:
    """Send ``source`` from its current position to EOF; zero-copy ``sendfile`` where the OS offers it; ``pace``:
    a speed limit, asked before each write. The progress reported is the bytes the server has acknowledged
    (``sendqueue``), not those handed to the kernel; after the last write, a long send queue is waited out,
    reported as it drains. While the data waits (the server reads no more), the control connection is read when
    the server speaks there (``control``): a server that refuses the rest of a file (proftpd's ``552`` past
    MaxStoreFileSize, vsftpd's ``451`` on a full disk) stops reading and says so at once — heard then, not
    after the timeout as a stall."""
    _nonblocking(sock)
    done = 0
    reported = 0  # bytes written at the last report
    shown = 0  # bytes reported delivered
    report_at = time.monotonic() + PROGRESS_SECONDS
    offset = source.tell()
    use_sendfile = hasattr(os, "sendfile") and type(sock) is socket.socket
    try:
        fd = source.fileno()
    except (OSError, AttributeError, ValueError):
        use_sendfile = False
    base = acked_total(sock)  # (what its peer had acknowledged before the first byte: a SYN, or nothing)
    buf = memoryview(b"")
    most = 0  # a write the socket refused is tried again as it was (TLS wants the same length), still allowed
    try:
        while True:
            if waker.fired:
                raise WakeUp()
            most = most or _allowed(pace, BLOCK, waker)
            try:
                if use_sendfile:
                    n = os.sendfile(sock.fileno(), fd, offset + done, most)
                else:
                    if not buf:
                        buf = memoryview(source.read(BLOCK))
                    n = sock.send(buf[:most]) if buf else 0
                    buf = buf[n:]
            except (BlockingIOError, InterruptedError, ssl.SSLWantReadError, ssl.SSLWantWriteError) as exc:
                writing = not isinstance(exc, ssl.SSLWantReadError)
                shown, report_at = wait_to_send(
                    sock, waker, writing, timeout, done, shown, progress, report_at, PROGRESS_SECONDS, control
                )
                continue
            if pace is not None and n < most:
                pace.unused(most - n)
            most = 0
            if n == 0:
                break
            done += n
            if done - reported >= PROGRESS_BYTES or time.monotonic() >= report_at:
                reported = done
                report_at = time.monotonic() + PROGRESS_SECONDS
                now_shown = delivered_at_end(sock, done, base, broken=False)  # (a reset meanwhile: not all)
                if now_shown > shown:
                    shown = now_shown
                    progress(shown)
        if use_sendfile:
            source.seek(offset + done)
        if done >= DRAIN_MIN:  # (a small file: never waited for)
            shown = drain(sock, waker, timeout, done, shown, progress, PROGRESS_SECONDS, control)
    except BaseException as exc:
        # a cancel (note 310), a stall, the server's refusal: the bytes it has acknowledged by now are reported
        # first — the stall's words said the last write's count (note 337). When the connection broke, only as
        # its kernel counted them: its send queue is then dropped, and all written would look delivered — the
        # count said was the last report's, none at all when it broke before the first (note 400)
        now_shown = delivered_at_end(sock, done, base, broken=isinstance(exc, OSError))
        if now_shown > shown:
            progress(now_shown)
        raise
    if done != shown:
        progress(done)
    return done


def write_error(path: str, exc: OSError, written: int = 0) -> WriteFailed:
    """A local file could not be written (disk full, permission denied), in words; ``written`` as
    ``WriteFailed``'s."""
    return worded(
        WriteFailed,
        QT_TRANSLATE_NOOP("engine", "Could not write {path}: {reason}"),
        _init={"written": written},
        path=path,
        reason=exc.strerror or exc,
    )
