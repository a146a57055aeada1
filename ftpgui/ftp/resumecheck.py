"""A resumed download's overlap check: the server is asked for the file from ``OVERLAP`` bytes before the local
file's end (REST N-K, or no REST when the file is shorter than that), and the bytes it sends up to that end
must be the local file's own — only then is the rest written after them. A local file that is no start of the
server's file (a file of the same name, a server file changed since the first try) was continued: its bytes
and the server's rest, "Done", the server's time stamped on it (found by QA, design note 428).

A resumed upload's check is the same window the other way round (``StartCheck``): the server's last bytes before
its file's end, read back, must be the local file's at the same offsets before APPE or REST+STOR adds the rest —
an unrelated file of the same name was continued into a mix (found by QA, design note 474)."""

from __future__ import annotations

import os
import socket
from typing import Callable, Optional

from . import datachannel as dc
from .errors import QT_TRANSLATE_NOOP, LocalFileError, NotResumable, worded

OVERLAP = 64 << 10  # bytes of the local file's end compared with the server's at the same offset


class NotAPart(NotResumable, LocalFileError):
    """The server's bytes before a resume's offset are not the local file's: it is no part of the server's file.
    Nothing was written (``seen``: the bytes the server sent for the overlap, as far as they came)."""

    def __init__(self, message: str, seen: bytes = b"") -> None:
        super().__init__(message)
        self.seen = seen


NOT_A_PART = QT_TRANSLATE_NOOP(
    "engine",
    "The last {count} bytes of {path} do not match the server's file at that point: it is not a part of it. "
    "Not resumed; nothing was changed.",
)


def rest_for(offset: int) -> int:
    """The REST a resume from ``offset`` asks: ``OVERLAP`` bytes earlier, or 0 (none sent) for a shorter file."""
    return max(0, offset - OVERLAP)


def local_bytes(fd: int, start: int, count: int) -> bytes:
    """``count`` bytes of the open file ``fd`` from ``start`` (fewer at its end)."""
    os.lseek(fd, start, os.SEEK_SET)
    chunks = []
    while count > 0:
        chunk = os.read(fd, count)
        if not chunk:
            break
        chunks.append(chunk)
        count -= len(chunk)
    return b"".join(chunks)


def _unsaid(n: int) -> None:
    pass


class Overlap:
    """What a resume from ``offset`` asks and compares: REST ``start``, and ``head`` — the local file's bytes from
    there to ``offset``, which the server's first bytes must be (``path``: the file, for the words)."""

    def __init__(self, fd: int, offset: int, path: str) -> None:
        self.start = rest_for(offset)
        self.head = local_bytes(fd, self.start, offset - self.start)
        self.path = path
        self.short = False  # the transfer ended before the overlap did: the server's file is shorter

    def mismatch(self, seen: bytes) -> NotAPart:
        return worded(NotAPart, NOT_A_PART, _init={"seen": seen}, count=len(self.head), path=self.path)

    def receive(
        self,
        sock: socket.socket,
        sink: Callable[[memoryview], object],
        waker: dc.Waker,
        timeout: float,
        progress: Callable[[int], None],
        pace: Optional[dc.Pace] = None,
    ) -> int:
        """The overlap read and compared — a mismatch ends the transfer with ``NotAPart``, nothing written — then
        the rest received into ``sink`` (positioned at the offset; its limit counts from there); returns the
        bytes moved, the overlap's with them."""
        # (no progress said for the overlap: the file's bytes before the offset, not new ones — shown from
        # ``start`` they moved the bar back by the overlap before it went on)
        seen = dc.receive_head(sock, len(self.head), waker, timeout, _unsaid, pace)
        if len(seen) < len(self.head):
            self.short = True  # (the transfer ended: no abort, the caller says so after the final reply)
            return len(seen)
        if seen != self.head:
            raise self.mismatch(seen)
        n = len(seen)
        try:
            return n + dc.receive(sock, sink, waker, timeout, lambda done: progress(n + done), pace=pace)
        except dc.TooMuchData as exc:  # (the server's announced size counts from the REST: the overlap with it)
            raise dc.TooMuchData(exc.limit + n, exc.written) from None


class NotAStart(NotAPart):
    """A resumed upload: the server's bytes before its file's end are not the local file's at the same offsets —
    the server's file is no start of it. Nothing was sent; the server's file is as it was."""


NOT_A_START = QT_TRANSLATE_NOOP(
    "engine",
    "The last {count} bytes of {remote} on the server do not match {path} at that point: the file on the server "
    "is not the start of this file. Not resumed; nothing was changed.",
)


class StartCheck(Overlap):
    """What a resumed upload from ``offset`` (the server file's size) asks back and compares: REST ``start`` and
    RETR, whose bytes must be ``head`` — the local file's from ``start`` to ``offset`` — and end there (``remote``:
    the server's file, for the words)."""

    def __init__(self, fd: int, offset: int, path: str, remote: str) -> None:
        super().__init__(fd, offset, path)
        self.remote = remote

    def mismatch(self, seen: bytes) -> NotAPart:
        return worded(
            NotAStart, NOT_A_START, _init={"seen": seen}, count=len(self.head), path=self.path, remote=self.remote
        )

    def read(self, sock: socket.socket, waker: dc.Waker, timeout: float, pace: Optional[dc.Pace] = None) -> int:
        """The server's bytes read to their end — a byte more than ``head`` is not waited for: the file has grown
        since its size was asked, and is no start to continue either — and compared (``NotAStart``: the caller's
        transfer aborts, as a download's mismatch does); returns the bytes read."""
        seen = dc.receive_head(sock, len(self.head) + 1, waker, timeout, _unsaid, pace)
        if seen != self.head:
            raise self.mismatch(seen)
        return len(seen)
