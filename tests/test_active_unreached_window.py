"""The window against a server that cannot connect back to the client's active-mode port and says so with 421,
hanging up (pyftpdlib's way when its connection times out): "Diagnose this server" reports (note 440); Active
picked fails at the client's wall, once, with no silent login and second EPRT (note 441)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ftpgui.ftp.options import MODES
from ftpgui.ui.modepanel import scene as sc

from guihelpers import WAIT, close_window, fill_server, names, open_window, quick_connect, wait_listing

pytestmark = pytest.mark.gui


def test_diagnose_and_active_mode_against_a_server_that_cannot_reach_the_client(qtbot, config, make_server):
    srv = make_server("127.0.0.1", unreachable_client=True)
    fill_server(srv)
    window = open_window(qtbot)
    panel = window.mode_panel
    diagnosis = panel.diagnosis
    try:
        quick_connect(qtbot, window, srv)
        wait_listing(qtbot, window, "/")
        qtbot.waitUntil(lambda: names(window) == ["sub", "a.txt", "b.bin"], timeout=WAIT)

        # Active picked: the listing fails at the client's wall, said so, and is not tried again behind the scenes
        since = len(srv.record.commands)
        panel.mode_box.setCurrentIndex(MODES.index("active"))
        qtbot.waitUntil(lambda: window.remote_browser.options.mode == "active", timeout=WAIT)
        qtbot.waitUntil(
            lambda: (
                any(c.startswith("EPRT") for c in srv.record.commands[since:])
                and not window.remote_browser.connection.busy
            ),
            timeout=WAIT,
        )
        qtbot.waitUntil(
            lambda: panel.current_step() is not None and panel.current_step().kind == sc.FAILED, timeout=WAIT
        )
        assert panel.current_step().exchange.failure[:2] == ("accept", "client-firewall")
        log = window.log.toPlainText()
        assert "closing the connection" not in log and "did not answer" not in log, log
        assert "could not, or would not, connect to 127.0.0.1 port" in log, log
        qtbot.wait(500)  # (a silent retry would have logged in again and sent EPRT by now)
        verbs = [c.split(" ", 1)[0] for c in srv.record.commands[since:]]
        assert verbs.count("EPRT") == 1 and verbs.count("USER") == 1 and "PORT" not in verbs, verbs

        # "Diagnose this server": the report, passive recommended, active failed at the client's wall
        qtbot.waitUntil(lambda: diagnosis.button.isEnabled(), timeout=WAIT)
        with qtbot.waitSignal(diagnosis.finished, timeout=60000) as done:
            qtbot.mouseClick(diagnosis.button, Qt.MouseButton.LeftButton)
        result = done.args[0]
        assert result is not None, diagnosis.summary.text()
        assert result.recommended == "passive" and result.passive.ok
        assert (result.active.stage, result.active.cause) == ("accept", "client-firewall")
        assert "Could not diagnose" not in diagnosis.summary.text()
        assert "Recommended: Passive" in diagnosis.summary.text()
    finally:
        close_window(qtbot, window)
