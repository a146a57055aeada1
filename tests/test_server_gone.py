"""A server that stops answering or goes away at an awkward moment, seen through the window and the CLI."""

from __future__ import annotations

import dataclasses
import threading

import pytest

from ftpgui.transfers.worker import Endpoint

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, names, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)
from scripted import ScriptedServer, silent_at_quit

pytestmark = [pytest.mark.gui, pytest.mark.timeout(120)]


def falls_silent_at(folder: str, silenced: threading.Event):
    """The server of ``silent_at_quit`` that, asked to change into ``folder``, stops answering (as a stopped or hung
    server does: the connection stays open, nothing comes) until the client hangs up. A later connection is
    answered in full."""

    def script(c) -> None:
        read = c.command

        def command() -> str:
            line = read()
            if line == f"CWD {folder}" and not silenced.is_set():
                silenced.set()
                while True:
                    read()  # (until the client hangs up: EOFError ends the conversation)
            return line

        c.command = command
        silent_at_quit(c)

    return script


def test_a_folder_clicked_on_a_server_that_stopped_answering_fails_after_one_timeout(qtbot, window):
    """Found by QA (a vsftpd stopped with SIGSTOP while the window was idle, then a folder clicked): the window said
    "Connected" for 60 s, twice the timeout, because the listing was tried again on a new connection whose
    greeting never came either. A listing that timed out is not tried again: after one timeout the window says the
    server did not answer and offers Reconnect, which gets the person back."""
    w = window
    w.conn_watch.set_interval(0)  # no NOOP while idle: the click is what finds the server silent
    silenced = threading.Event()
    with ScriptedServer(falls_silent_at("/d", silenced), connections=3, concurrent=True) as srv:
        options = dataclasses.replace(w.session_defaults(), tls="off", timeout=1.0)
        w.connect_to(Endpoint("127.0.0.1", srv.port, USER, PASSWORD), options, "A site")
        wait_listing(qtbot, w, "/")
        assert names(w) == ["f.txt"]
        w.remote.navigateRequested.emit("/d", False)  # a click on the folder
        qtbot.waitUntil(lambda: silenced.is_set() and not w.remote_browser.connection.busy, timeout=WAIT)
        assert w.state_label.text() == "Connection lost"
        assert "did not answer within 1 second" in w.log.toPlainText()
        assert len(srv.conversations) == 1, "the listing was tried again on a new connection"
        assert w.conn_status.reconnect_button.isVisible()
        w.conn_status.reconnect_button.click()
        qtbot.waitUntil(lambda: w.state_label.text().startswith("Connected"), timeout=WAIT)
        wait_listing(qtbot, w, "/")
        w.disconnect_server()
