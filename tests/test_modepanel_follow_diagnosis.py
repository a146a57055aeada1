"""The mode panel follows a diagnosis while it runs (design note 450), in the real main window against pyftpdlib on
loopback: Diagnose This Server (the Server menu's action) shows each probe's own connection as it runs — its
name, its real local port, the command it waits on —, not the browsing connection it was showing; when the
diagnosis ends its result stays shown (a download's bytes do not take it away), and the next activity is
followed again; a download started while a probe runs is listed, not shown, until the diagnosis ends.

The server holds back its answer to one probe's EPSV or EPRT (``no_reply``), so "while the probe runs" is a
moment the test can look at, with no clock."""

from __future__ import annotations

import time

import pytest

from ftpgui.ui.modepanel import connections as cl

from ftpserver import USER
from guihelpers import WAIT, close_window, fill_server, open_window, quick_connect, wait_listing

pytestmark = pytest.mark.gui

BIG = 1_500_000  # bytes: at THROTTLE, a download of several seconds
THROTTLE = 100_000  # bytes a second


def shown_id(panel):
    conn = panel.connection
    return conn.connection_id if conn is not None else None


def newest_client_port(srv) -> int:
    """The client's port of the newest control connection the server accepted (the probe's)."""
    with srv.record.lock:
        return srv.record.control[-1][1][1]


def held_probe(qtbot, window, srv, verb: str, before: int = 0) -> int:
    """Wait until the diagnosis' probe sent ``verb`` and waits for its answer (held back by the server; ``before``:
    the port of the probe held before it, released); the panel shows that probe, live, with its own port:
    returns its connection id."""
    panel = window.mode_panel
    qtbot.waitUntil(lambda: srv.holding() == 1 and newest_client_port(srv) != before, timeout=WAIT)
    port = newest_client_port(srv)

    def on_probe() -> bool:
        conn = panel.connection
        return (
            conn is not None
            and conn.client is not None
            and conn.client[1] == port
            and conn.steps[-1].line.startswith(verb)
        )

    qtbot.waitUntil(on_probe, timeout=WAIT)
    assert panel.connections.role(shown_id(panel)).kind == cl.DIAGNOSIS
    assert panel.live_button.isChecked()  # live: the probe's steps as they come
    # its name, cut to the dock's width, keeps the server's port (the probe's words are not taken for a state)
    assert f":{srv.port}" in panel.connection_box.displayed_text(), panel.connection_box.displayed_text()
    return shown_id(panel)


def connected(qtbot, make_server, **kwargs):
    held: dict = {}
    srv = make_server("127.0.0.1", no_reply=held, **kwargs)
    fill_server(srv)
    window = open_window(qtbot)
    quick_connect(qtbot, window, srv)
    wait_listing(qtbot, window, "/")
    panel = window.mode_panel
    qtbot.waitUntil(lambda: shown_id(panel) == window.browser.connection_id, timeout=WAIT)
    return srv, held, window


def test_the_panel_follows_the_probes_while_the_diagnosis_runs(qtbot, config, make_server):
    """QA: "Diagnose shows the older connection while it runs" — the panel kept drawing the browsing connection
    until the diagnosis ended, then showed two attempts at once."""
    srv, held, window = connected(qtbot, make_server)
    panel = window.mode_panel
    browsing = window.browser.connection_id
    try:
        held["EPSV"] = 1  # the first probe's EPSV waits for its answer
        window.act_diagnose.trigger()
        epsv = held_probe(qtbot, window, srv, "EPSV")
        assert epsv != browsing
        where = f"{USER}@127.0.0.1:{srv.port}"
        assert panel.connection_box.currentText() == f"Diagnosis: Passive, EPSV — {where}"
        assert panel.connection.server == ("127.0.0.1", srv.port)
        assert panel.diagnosis.summary.text() == "Trying passive mode (EPSV)…"  # the probe named (note 490)

        held["EPRT"] = 1  # the third probe, active mode, waits too: the panel goes with the probes
        with qtbot.waitSignal(panel.diagnosis.finished, timeout=60000, raising=False) as done:
            srv.send_held_replies()
            eprt = held_probe(qtbot, window, srv, "EPRT", before=panel.scene.connections[epsv].client[1])
            assert eprt not in (epsv, browsing)
            assert panel.connection_box.currentText() == f"Diagnosis: Active, EPRT — {where}"
            assert panel.diagnosis.summary.text() == "Trying active mode (EPRT)…"
            srv.send_held_replies()
        assert done.signal_triggered
        found = done.args[0]
        assert found is not None and found.recommended == "passive", panel.diagnosis.summary.text()

        # the result stays shown: the passive attempt (both modes work here), at its end, not live
        result = panel._diagnosis_ids["passive"]
        assert result == epsv and shown_id(panel) == result and not panel.live_button.isChecked()
        assert "Recommended: Passive" in panel.diagnosis.summary.text()
        # the next activity is followed again (Follow: Latest activity): the browsing connection's listing
        assert panel.follow() == cl.LATEST
        window.navigate("/sub", refresh=True)
        wait_listing(qtbot, window, "/sub")
        qtbot.waitUntil(lambda: shown_id(panel) == browsing, timeout=WAIT)
    finally:
        close_window(qtbot, window)


def test_a_download_started_while_a_probe_runs_waits_for_the_diagnosis(qtbot, config, make_server, tmp_path):
    """A download started while a probe waits is listed in the picker, not shown over the probe; when the
    diagnosis ends its result is shown, and the download's bytes still moving do not take it away — its next
    data connection (a second file) does."""
    srv, held, window = connected(qtbot, make_server, throttle=THROTTLE)
    with open(srv.path("big.bin"), "wb") as f:
        f.write(b"x" * BIG)
    window.navigate("/", refresh=True)
    wait_listing(qtbot, window, "/")
    panel = window.mode_panel
    try:
        held["EPRT"] = 1
        window.act_diagnose.trigger()
        eprt = held_probe(qtbot, window, srv, "EPRT")

        window.local.set_path(str(tmp_path))
        window.set_active_side("remote")
        window.remote.select(["big.bin"])
        window.download_selected()
        qtbot.waitUntil(lambda: bool(window.queue.connections()), timeout=WAIT)
        transfer = window.queue.connections()[0].connection_id
        qtbot.waitUntil(lambda: panel.connections.active_at(transfer) is not None, timeout=WAIT)
        qtbot.waitUntil(lambda: panel.connection_box.findData(transfer) >= 0, timeout=WAIT)  # listed…
        qtbot.wait(300)  # (bytes moving meanwhile)
        assert shown_id(panel) == eprt  # …not shown over the probe

        with qtbot.waitSignal(panel.diagnosis.finished, timeout=60000):
            srv.send_held_replies()
        result = panel._diagnosis_ids["passive"]
        assert shown_id(panel) == result
        ended = time.monotonic()  # (the events' clock)
        # the download's bytes keep moving, heard by the panel after the end: the result stays
        qtbot.waitUntil(lambda: (panel.connections.moving_at(transfer) or 0) > ended + cl.DWELL, timeout=WAIT)
        assert not window.queue.is_idle()
        assert shown_id(panel) == result

        window.remote.select(["a.txt"])  # new activity: a second download's data connection takes the panel
        window.download_selected()
        qtbot.waitUntil(lambda: shown_id(panel) not in (result, None), timeout=WAIT)
        assert panel.connections.role(shown_id(panel)).kind == cl.TRANSFER
    finally:
        close_window(qtbot, window)
