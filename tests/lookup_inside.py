"""The tests of ``test_cancel_lookup.py``, run by it in a namespace whose name server never answers
(``slowdns.run_inside``); never collected on their own (the file's name is not ``test_*``)."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading

import pytest
from test_queue_cancel_silent import cancel_when

from ftpgui.ftp import Cancelled, ControlConnected, ControlConnecting, FtpSession, SessionOptions
from ftpgui.ftp.proxy import Proxy

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, type_in
from slowdns import SilentNameServer, inside

TIMEOUT = 60  # s: the sessions' timeout (the name server's one try takes 30 s)

pytestmark = pytest.mark.skipif(not inside(), reason="run by test_cancel_lookup.py in a namespace of its own")


@pytest.fixture
def nameserver():
    with SilentNameServer() as server:
        yield server


def lookups() -> list:
    """The lookups' threads still running (``dialing.Lookup``)."""
    return [t for t in threading.enumerate() if t.name == "ftpgui-lookup"]


def test_engine_cancel_ends_the_lookup_of_the_servers_name(nameserver):
    """The name lookup ends at once as ``Cancelled`` while the name server is still silent; its thread is left
    to finish, and the address it finds once the name server answers connects nothing."""
    events: list = []
    with socket.create_server(("127.0.0.1", 0)) as listener:  # what the late answer would lead to
        port = listener.getsockname()[1]
        with FtpSession(SessionOptions(timeout=TIMEOUT), events.append) as session:
            canceller = cancel_when(session, nameserver.asked.is_set)
            with pytest.raises(Cancelled) as caught:
                session.open("ftp.slow.test", port, USER, PASSWORD)
            canceller.join()
            assert nameserver.answered == 0  # (before: the open ended only when the name server's try ran out)
            assert str(caught.value) == "Cancelled while looking up the address of ftp.slow.test."
            left = lookups()
            assert left  # the lookup still waits for the name server, on its own thread
            nameserver.answer()  # now ftp.slow.test is 127.0.0.1
            for thread in left:
                thread.join(WAIT / 1000)
            assert not lookups() and nameserver.answered >= 1
            listener.setblocking(False)
            with pytest.raises(BlockingIOError):
                listener.accept()  # nobody connected with the late answer
        assert not [e for e in events if isinstance(e, (ControlConnecting, ControlConnected))]
    assert nameserver.questions[0] == "ftp.slow.test"


def test_engine_cancel_ends_the_lookup_of_the_proxys_name(nameserver):
    proxy = Proxy("socks5", "proxy.slow.test", 1080)
    with FtpSession(SessionOptions(timeout=TIMEOUT, proxy=proxy)) as session:
        canceller = cancel_when(session, nameserver.asked.is_set)
        with pytest.raises(Cancelled) as caught:
            session.open("ftp.example", 21, USER, PASSWORD)  # (the proxy would look this one up)
        canceller.join()
    assert nameserver.answered == 0
    assert str(caught.value) == "Cancelled while looking up the address of proxy.slow.test."
    assert nameserver.questions[0] == "proxy.slow.test"


def test_window_disconnect_ends_the_lookup(qtbot, window, nameserver):
    """A server typed into the quick-connect bar whose name the name server does not answer: Disconnect ends the
    attempt — the browsing connection's thread ends while the name server is still silent."""
    w = window
    type_in(w, "ftp.slow.test", "21")
    qtbot.waitUntil(nameserver.asked.is_set, timeout=WAIT)
    conn = w.remote_browser.connection
    assert w.act_disconnect.isEnabled()
    w.act_disconnect.trigger()
    qtbot.waitUntil(lambda: not conn.running, timeout=WAIT)
    assert nameserver.answered == 0
    assert w.state_label.text() == "Not connected"
    assert "Stopped connecting to ftp.slow.test:21." in w.log.toPlainText()


def test_cli_ctrl_c_ends_the_lookup(nameserver):
    """``ftpgui-cli ls`` waiting for the name server: Ctrl+C (SIGINT) ends it at once, in words."""
    code = "import sys; from ftpgui.cli import main; sys.exit(main())"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "ls", "ftp://bob:pw@ftp.slow.test:2121/"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert nameserver.asked.wait(WAIT / 1000)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=WAIT / 1000)  # (before: only when the name server's try ran out)
    finally:
        proc.kill()
        proc.wait()
    assert nameserver.answered == 0
    assert proc.returncode == 130 and out == "" and err.strip() == "ftpgui-cli: interrupted", err
