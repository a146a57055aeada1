"""An upload whose server stops reading: the bytes it took are reported while the upload waits, and named when
it is given up as stalled (design note 337; the upload's side of note 291).

The server here takes nothing at first (the client fills the server's receive buffer and its own send queue,
then waits for room), then reads 512 KiB and stops. The client's send queue stays full — its socket never
becomes writable — so nothing was reported: the row and the mode panel said what the last write had seen
acknowledged, about the server's first receive window, all through the wait, and the stall's words ("The client
stopped STOR (ABOR) after N bytes") said that count too. Both the ``sendfile`` path (binary) and the one through
Python (ASCII: LF sent as CRLF) are driven.
"""

from __future__ import annotations

import fcntl
import os
import select
import socket
import struct
import sys
import termios
import threading
import time

import pytest
from test_hostile_size_bytes import of, said_at_close

from ftpgui.ftp import DataClosed, FtpSession, SessionOptions, TransferFailed, TransferProgress

from scripted import Conversation, FakeTree, ScriptedServer

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the send queue is read with Linux's SIOCOUTQ")

TOTAL = 16 << 20  # more than the client's send queue and the server's receive buffer hold together
FIRST = 512 * 1024  # read once the client waits: more than a first receive window, less than a third of the queue


def queued(sock: socket.socket) -> int:
    """Bytes in ``sock``'s receive queue (acknowledged to the client, not read yet)."""
    return struct.unpack("i", fcntl.ioctl(sock.fileno(), termios.FIONREAD, bytes(4)))[0]


def settle(conn: socket.socket) -> None:
    """Until the receive queue stops growing: the window is full, the client's writes go to its send queue."""
    last, still = -1, 0
    while still < 6:
        time.sleep(0.05)  # (a pace for the look, no limit on the test: it waits as long as it takes)
        now = queued(conn)
        still = still + 1 if now == last else 0
        last = now


def read_exactly(conn: socket.socket, n: int) -> None:
    while n:
        chunk = conn.recv(min(n, 65536))
        assert chunk, "the client closed the data connection early"
        n -= len(chunk)


def stops_reading(shown: threading.Event, then_reads: bool, took: list, released: threading.Event) -> FakeTree:
    """Takes nothing until the client waits, then FIRST bytes, then nothing: until ``shown`` (at most 15 s; then
    ``released``, the rest, and 226) when ``then_reads``, else until the client says ABOR (then 426, and 226).
    ``took``: the bytes acknowledged once it stopped. A fixed receive buffer: grown by the kernel as the server
    reads, it took the client's whole queue, and the client wrote on — no wait to report in."""

    def store(conn: socket.socket, control: Conversation) -> bytes:
        settle(conn)
        read_exactly(conn, FIRST)
        settle(conn)
        took.append(FIRST + queued(conn))
        if then_reads:
            shown.wait(15)
            released.set()
            while conn.recv(1 << 20):
                pass
            return b""
        select.select([control.sock], [], [])  # (reading nothing meanwhile, until the client gives up)
        return b""

    ended = ("226 got it",) if then_reads else ("426 connection closed; transfer aborted",)
    return FakeTree(features=("EPSV",), store=store, receive_buffer=64 * 1024, after_data=lambda verb, path: ended)


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "up.bin"
    path.write_bytes(os.urandom(TOTAL))
    return path


@pytest.mark.timeout(120)
@pytest.mark.parametrize("ascii", [False, True], ids=["sendfile", "through-python"])
def test_the_bytes_an_upload_sent_before_a_stall_are_reported_during_it(qtbot, source, ascii):
    """Before: no report while the server held still (15 s), the last said the first window's bytes."""
    shown, released = threading.Event(), threading.Event()
    took: list = []
    first: list = []  # the first report of the bytes the server took: (its count, whether the server read on)

    def listener(event):
        if isinstance(event, TransferProgress) and event.done >= FIRST and not first:
            first.append((event.done, released.is_set()))
            shown.set()

    with ScriptedServer(stops_reading(shown, True, took, released)) as srv:
        with FtpSession(SessionOptions(timeout=60), listener) as s:
            s.open("127.0.0.1", srv.port, "u", "p")
            s.upload(str(source), "/up.bin", ascii=ascii)
    (done, late) = first[0]
    assert not late, f"no report while the server held still; the first of {FIRST:,} or more came after: {done:,}"
    assert done <= took[0]


@pytest.mark.timeout(120)
@pytest.mark.parametrize("ascii", [False, True], ids=["sendfile", "through-python"])
def test_a_stalled_upload_says_the_bytes_the_server_took(qtbot, source, ascii):
    """Before: the stall's count, its data connection's close and the panel's words said about the first receive
    window's bytes (some 100 KB), the server having taken over 512 KiB."""
    events: list = []
    took: list = []
    with ScriptedServer(stops_reading(threading.Event(), False, took, threading.Event())) as srv:
        with FtpSession(SessionOptions(timeout=3), events.append) as s:
            s.open("127.0.0.1", srv.port, "u", "p")
            with pytest.raises(TransferFailed, match="stalled") as failed:
                s.upload(str(source), "/up.bin", ascii=ascii)
    assert FIRST <= failed.value.received <= took[0]
    (closed,) = of(events, DataClosed)
    assert closed.bytes == failed.value.received == of(events, TransferProgress)[-1].done
    said = said_at_close(qtbot, events, "STOR")
    assert f"The client stopped STOR (ABOR) after the server had acknowledged {closed.bytes:,} bytes, in " in said
    assert "not for a cancel: The transfer stalled" in said, said
