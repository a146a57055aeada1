"""Disconnect during a listing the server holds (150, then nothing on the data connection) is said as the
person's: the control connection closed "cancelled", never "timed out" (design note 404, found by QA: "Connection
closed (timed out)" in the log and as the mode panel's last step, after the person clicked Disconnect).

The real window's Disconnect against a small hostile server on loopback."""

from __future__ import annotations

import dataclasses
import threading

import pytest

from ftpgui.transfers.worker import Endpoint
from ftpgui.ui.modepanel import scene as sc

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, close_window, open_window
from scripted import ScriptedServer, epsv_reply

pytestmark = [pytest.mark.gui]


def holds_the_listing(gone: threading.Event):
    """Logs in; LIST: 150 and a data connection on which nothing ever comes; stays silent until the client hangs
    up (``gone`` set then)."""

    def script(c) -> None:
        c.reply("220 holds listings")
        listener = data = None
        try:
            while True:
                verb = c.command().split(" ", 1)[0].upper()
                if verb == "EPSV":
                    listener = c.passive()
                    c.reply(epsv_reply(listener))
                elif verb in ("LIST", "MLSD", "NLST") and listener is not None:
                    c.reply("150 here it comes")
                    data, _ = listener.accept()
                    c.sock.settimeout(600)  # (the client decides)
                else:
                    answers = {
                        "USER": "331 password",
                        "PASS": "230 in",
                        "TYPE": "200 binary",
                        "PWD": '257 "/"',
                        "CWD": "250 here",
                    }
                    c.reply(answers.get(verb, "500 not here"))
        finally:
            gone.set()
            for s in (data, listener):
                if s is not None:
                    s.close()

    return script


def test_disconnect_during_a_held_listing_is_said_as_the_persons(qtbot, config):
    w = open_window(qtbot)
    try:
        gone = threading.Event()
        with ScriptedServer(holds_the_listing(gone)) as srv:
            options = dataclasses.replace(w.session_defaults(), tls="off")
            w.connect_to(Endpoint("127.0.0.1", srv.port, USER, PASSWORD), options, "A site")
            qtbot.waitUntil(
                lambda: any(c.startswith("LIST") for cv in srv.conversations for c in cv.commands), timeout=WAIT
            )
            qtbot.wait(1500)  # the listing waits for its data
            assert w.act_disconnect.isEnabled()
            w.act_disconnect.trigger()
            qtbot.waitUntil(lambda: "Connection closed (" in w.log.toPlainText(), timeout=WAIT)
            text = w.log.toPlainText()
            assert "Connection closed (cancelled)" in text and "timed out" not in text, text
            panel = w.mode_panel
            ((cid, conn),) = panel.scene.connections.items()
            last = conn.steps[-1]
            assert last.kind == sc.CONTROL_CLOSED and last.reason == "cancelled", last
            panel.select_connection(cid)
            panel.go_to(last.serial)  # the panel's last step, in words
            assert "closed (cancelled)" in panel.narration(), panel.narration()
            qtbot.waitUntil(gone.is_set, timeout=WAIT)
    finally:
        close_window(qtbot, w)
