"""The queue's Cancel and Pause end a job whatever it waits for, and end it as the person asked (design note 150).

Found in review, each through the queue panel's buttons:
- a job waiting for the server's answer to SIZE, MDTM or the login (a server that never answers) was not cut
  short by a cancel — design note 146 cut only the transfer command's waits: it ran out the session's timeout,
  and was then retried as a lost connection;
- a stalled download cancelled or paused while it was being aborted (its server silent, the abort waiting for
  the answer to ABOR) ended as stalled, and was retried;
- a failure that reached the queue after Pause or Cancel (the job failed just before the cancel came to it) was
  retried.

The server here is pyftpdlib: ``no_reply`` holds back the reply to a command, a data-connection mixin stalls a
download mid-file. The sessions' timeout is 60 s, beyond the tests' wait for the job's end (``WAIT``): on the
old code that end comes too late, or as retrying. (The stalled download's timeout is short, 4 s, for the stall
to be found; the cut shows in how its control connection ended.) The last tests drive the engine alone, cancelled
from another thread as the queue's connections are, in waits a cancel from the window rarely or never meets: the
TCP connect, the greeting, the TLS handshake, QUIT."""

from __future__ import annotations

import os
import socket
import threading
import time
from contextlib import contextmanager
from typing import Dict, Iterator, Tuple

import pytest
from PySide6.QtWidgets import QPushButton
from test_queue_cancel_wait import click
from test_queue_upload_restart import shown

from ftpgui import settings
from ftpgui.ftp import Cancelled, ControlClosed, ControlConnectFailed, ControlConnecting, FtpSession, SessionOptions
from ftpgui.transfers.items import ACTIVE, CANCELLED, DONE, PAUSED, QUEUED, WAITING
from ftpgui.ui.queue_view import GROUPS

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, quick_connect, wait_listing
from scripted import ScriptedServer

TIMEOUT = 60  # s: the sessions' timeout, longer than WAIT
ENDED = {"cancel": CANCELLED, "pause": PAUSED}


@pytest.fixture(params=["process", "thread"])
def kind(request) -> str:
    """The queue's transfer connections: processes (Linux's default) or threads (elsewhere)."""
    return request.param


def use_timeout(tmp_path, monkeypatch, seconds: float) -> None:
    """The window's config folder, with the sessions' timeout."""
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    settings.save(settings.Preferences(timeout=seconds))


@contextmanager
def downloading(qtbot, make_server, tmp_path, files: Dict[str, bytes], kind: str, **server) -> Iterator:
    """The window browsing a pyftpdlib (``server``: ``make_server``'s options) whose folder holds ``files``, its
    queue's connections of ``kind``: (the window, the server, the folder to download to)."""
    srv = make_server("127.0.0.1", **server)
    for name, data in files.items():
        with open(srv.path(name), "wb") as f:
            f.write(data)
    target = tmp_path / "down"
    target.mkdir()
    with shown(qtbot) as w:
        quick_connect(qtbot, w, srv)
        wait_listing(qtbot, w, "/")
        w.queue.transfer_processes = kind == "process"
        yield w, srv, target


def closed_reasons(w) -> list:
    """The reasons the queue's connections' control connections closed with, as they come."""
    reasons: list = []
    w.queue.eventsArrived.connect(
        lambda events: reasons.extend(e.reason for e in events if isinstance(e, ControlClosed))
    )
    return reasons


def upload_held(qtbot, w, srv, source, kind: str, silent: str, held: dict):
    """Upload ``source`` to a server that never answers ``silent`` (SIZE, MDTM or PASS) on the transfer
    connection; returns the item once the server holds that reply back."""
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    held[silent if silent == "PASS" else f"{silent} /up.bin"] = 1  # (from now: the browsing login is done)
    w.queue.transfer_processes = kind == "process"
    w.request_upload([str(source)], "/")
    qtbot.waitUntil(lambda: srv.holding() == 1, timeout=WAIT)
    return w.queue.model.items()[0]


@pytest.mark.parametrize("silent", ["SIZE", "MDTM", "PASS"])
def test_cancel_cuts_short_a_wait_for_size_mdtm_or_the_login(qtbot, make_server, tmp_path, monkeypatch, kind, silent):
    """The upload asks SIZE of its target (and MDTM when the server has it), after its connection's login."""
    use_timeout(tmp_path, monkeypatch, TIMEOUT)
    held: dict = {}
    srv = make_server("127.0.0.1", no_reply=held)
    if silent == "MDTM":
        with open(srv.path("up.bin"), "wb") as f:
            f.write(b"the server's own file")
    source = tmp_path / "up.bin"
    source.write_bytes(os.urandom(100_000))
    with shown(qtbot) as w:
        item = upload_held(qtbot, w, srv, source, kind, silent, held)
        click(qtbot, w, "queued", "cancel")
        qtbot.waitUntil(lambda: item.state not in (ACTIVE, QUEUED), timeout=WAIT)  # (before: 60 s on, retrying)
        assert item.state == CANCELLED, (item.state, item.error)
        assert "waiting for the server's reply" in item.error
        click(qtbot, w, "cancelled", "retry")  # a new connection: the server answers it
        qtbot.waitUntil(lambda: item.state in (DONE, WAITING), timeout=WAIT)
        assert item.state == (WAITING if silent == "MDTM" else DONE)  # (the server's own file is asked about)


def test_pause_cuts_short_a_wait_for_size_and_resume_goes_on(qtbot, make_server, tmp_path, monkeypatch, kind):
    use_timeout(tmp_path, monkeypatch, TIMEOUT)
    held: dict = {}
    srv = make_server("127.0.0.1", no_reply=held)
    source = tmp_path / "up.bin"
    source.write_bytes(os.urandom(100_000))
    with shown(qtbot) as w:
        item = upload_held(qtbot, w, srv, source, kind, "SIZE", held)
        click(qtbot, w, "queued", "pause")
        qtbot.waitUntil(lambda: item.state not in (ACTIVE, QUEUED), timeout=WAIT)
        assert item.state == PAUSED, (item.state, item.error)
        click(qtbot, w, "queued", "resume")
        qtbot.waitUntil(lambda: item.state == DONE, timeout=WAIT)
    with open(srv.path("up.bin"), "rb") as f:
        assert f.read() == source.read_bytes()


STALL_AT = 64 * 1024  # bytes a download's data connection carries before it stalls


class Stalls:
    """A data connection that sends ``STALL_AT`` bytes, then nothing, and stays open: a server that stalls
    mid-file (taken out of the server's loop, as pyftpdlib's own throttle puts a connection to sleep)."""

    def use_sendfile(self) -> bool:
        return False

    def send(self, data) -> int:
        left = STALL_AT - self.tot_bytes_sent
        if left <= 0:
            self.del_channel()
            return 0
        return super().send(data[:left])


@pytest.mark.parametrize("action, kind", [("cancel", "process"), ("pause", "thread")])
def test_a_stalled_download_stopped_while_it_is_aborted_ends_as_asked(
    qtbot, make_server, tmp_path, monkeypatch, action, kind
):
    """After the timeout with no data the download is aborted, and its server answers ABOR with a 226 alone and
    never the NOOP after it: the abort waits for that answer (half the timeout). The person's Cancel or Pause
    then cuts that wait short, and the item ends cancelled or paused, not stalled and retried."""
    use_timeout(tmp_path, monkeypatch, 4)
    files = {"big.bin": os.urandom(4 * STALL_AT)}
    server = {"dtp_mixin": Stalls, "no_reply": {"ABOR": 1, "NOOP": 1}}
    with downloading(qtbot, make_server, tmp_path, files, kind, **server) as (w, srv, target):
        reasons = closed_reasons(w)
        w.request_download([("/big.bin", False, 4 * STALL_AT)], str(target))
        item = w.queue.model.items()[0]
        qtbot.waitUntil(lambda: srv.holding() == 2, timeout=WAIT)  # stalled: the abort waits for the NOOP's 200
        click(qtbot, w, "queued", action)
        qtbot.waitUntil(lambda: item.state not in (ACTIVE, QUEUED), timeout=WAIT)
        assert item.state == ENDED[action], (item.state, item.error)  # (before: retrying, as stalled)
        assert "stalled" not in item.error
        assert reasons == ["cancelled"]  # the abort's wait was cut short, not run out (that says "error")


@pytest.mark.parametrize("action", ["pause", "cancel"])
def test_a_failure_that_comes_after_pause_or_cancel_ends_the_item_as_asked(
    qtbot, make_server, tmp_path, monkeypatch, action
):
    """The server goes away while the download waits for its answer to EPSV; before the window hears of it, the
    person presses Pause or Cancel: the item ends paused or cancelled (the failure's words kept), not retried. (Thread
    connections: the job's end waits, unread, in the connection's outbox while the window's thread is held.)"""
    use_timeout(tmp_path, monkeypatch, TIMEOUT)
    held: dict = {}
    files = {"a.bin": os.urandom(10_000)}
    with downloading(qtbot, make_server, tmp_path, files, "thread", no_reply=held) as (w, srv, target):
        held["EPSV"] = 1  # (the browsing connection's listing is done)
        w.request_download([("/a.bin", False, 10_000)], str(target))
        item = w.queue.model.items()[0]
        qtbot.waitUntil(lambda: srv.holding() == 1, timeout=WAIT)
        view = w.queue_view
        view.tabs.setCurrentIndex(GROUPS.index("queued"))
        view.tables["queued"].selectRow(0)
        button = view.findChild(QPushButton, f"queue-button-{action}")
        qtbot.waitUntil(button.isEnabled, timeout=WAIT)
        conn = next(c for c in w.queue.connections() if c.busy)
        srv.stop()
        # off Qt's loop: the job fails on its thread, and its end stays undelivered until the click is made
        deadline = time.monotonic() + WAIT / 1000
        while conn.session.connected:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        button.click()
        qtbot.waitUntil(lambda: item.state not in (ACTIVE, QUEUED), timeout=WAIT)
        assert item.state == ENDED[action], (item.state, item.error)  # (before: retrying)
        assert "closed the connection" in item.error


# --- the engine: the connect, the logon and QUIT, cut from another thread as the queue's connections do -----------


@contextmanager
def engine(**options) -> Iterator[Tuple[FtpSession, list]]:
    """A session (its timeout ``TIMEOUT``) and the events it reports; closed at the end whatever happened."""
    events: list = []
    session = FtpSession(SessionOptions(timeout=TIMEOUT, **options), events.append)
    try:
        yield session, events
    finally:
        session.close()


def cancel_when(session: FtpSession, ready) -> threading.Thread:
    """Cancel ``session`` from another thread once ``ready()`` (as the queue's connections are cancelled)."""

    def run() -> None:
        deadline = time.monotonic() + WAIT / 1000
        while not ready() and time.monotonic() < deadline:
            time.sleep(0.01)
        session.cancel()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def closed(events: list) -> list:
    return [e.reason for e in events if isinstance(e, ControlClosed)]


def silent_after(reached: threading.Event):
    """The rest of a script: say so, then never a word until the client hangs up."""

    def rest(c) -> None:
        reached.set()
        while c.sock.recv(4096):
            pass

    return rest


@pytest.mark.parametrize("silent", ["greeting", "handshake"])
def test_a_cancel_cuts_short_the_wait_for_the_greeting_or_the_tls_handshake(silent):
    """A server that accepts and says nothing, or agrees to TLS and then never answers the handshake."""
    reached = threading.Event()

    def script(c) -> None:
        if silent == "handshake":
            c.reply("220 TLS to come")
            c.expect("AUTH")
            c.reply("234 go ahead")
        silent_after(reached)(c)

    with ScriptedServer(script) as srv, engine(tls="require" if silent == "handshake" else "off") as (session, events):
        canceller = cancel_when(session, reached.is_set)
        with pytest.raises(Cancelled, match="waiting for the server's reply"):
            session.open("127.0.0.1", srv.port, USER, PASSWORD)
        canceller.join()
        assert closed(events) == ["cancelled"]


def test_a_cancel_cuts_short_a_connect_that_waits():
    """A listener whose backlog is full: the system drops the connect's SYN, and the connect waits."""
    with socket.socket() as listener, engine() as (session, events):
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        filling = [socket.socket() for _ in range(3)]
        try:
            for sock in filling:
                sock.setblocking(False)
                sock.connect_ex(("127.0.0.1", port))
            canceller = cancel_when(session, lambda: any(isinstance(e, ControlConnecting) for e in events))
            with pytest.raises(Cancelled, match="waiting for the server's reply"):
                session.open("127.0.0.1", port, USER, PASSWORD)
            canceller.join()
            assert not [e for e in events if isinstance(e, ControlConnectFailed)]  # a cancel, not the address
        finally:
            for sock in filling:
                sock.close()


def test_a_cancel_cuts_short_the_wait_for_quits_answer():
    reached = threading.Event()

    def script(c) -> None:
        c.login()
        c.expect("QUIT")
        silent_after(reached)(c)

    with ScriptedServer(script) as srv, engine() as (session, events):
        session.open("127.0.0.1", srv.port, USER, PASSWORD)
        canceller = cancel_when(session, reached.is_set)
        session.quit()  # (no exception: a cancel during QUIT's wait ends it)
        canceller.join()
        # once QUIT is sent the connection ends as quit, however its wait ended (design note 157)
        assert closed(events) == ["quit"]
