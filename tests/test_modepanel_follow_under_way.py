"""Follow: Latest activity moves to the connection whose data connection is under way now, once the one shown
has gone quiet — not only when the one shown closes (design note 392).

Found by QA: the dwell (note 57) held off a listing the browsing connection began while a transfer connection
had just opened its data connection; the transfer finished, its connection stayed open and idle, and it held the
panel until its next event while the browsing connection's data connection was under way. The real main window
against pyftpdlib: a throttled download shown, then a listing whose EPSV reply the server holds back (its data
connection under way, no byte moving yet).
"""

from __future__ import annotations

import pytest
from test_mode_choice_window import config, shown  # noqa: F401 (config: a fixture)

from ftpgui.ui.modepanel import connections as cl

from guihelpers import WAIT, close_window, fill_server, quick_connect, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture)

pytestmark = pytest.mark.gui

SIZE = 150_000  # bytes: at THROTTLE, a download of a second or two
THROTTLE = 100_000  # bytes a second


def shown_id(panel):
    conn = panel.connection
    return conn.connection_id if conn is not None else None


def test_latest_activity_leaves_an_idle_connection_for_a_data_connection_under_way(
    qtbot,
    config,  # noqa: F811
    make_server,
    tmp_path,
    monkeypatch,
):
    monkeypatch.setattr(cl, "DWELL", 3.0)  # (the listing comes well within it, however slow the machine)
    holding: dict = {}
    srv = make_server("127.0.0.1", throttle=THROTTLE, no_reply=holding)
    fill_server(srv)
    with open(srv.path("big.bin"), "wb") as f:
        f.write(b"x" * SIZE)
    window = shown(qtbot)
    panel = window.mode_panel
    try:
        quick_connect(qtbot, window, srv)
        wait_listing(qtbot, window, "/")
        assert panel.follow() == cl.LATEST
        window.local.set_path(str(tmp_path))
        window.set_active_side("remote")
        window.remote.select(["big.bin"])
        window.download_selected()
        qtbot.waitUntil(lambda: bool(window.queue.connections()), timeout=WAIT)
        transfer = window.queue.connections()[0].connection_id
        qtbot.waitUntil(lambda: shown_id(panel) == transfer, timeout=WAIT)
        holding["EPSV"] = 1  # the browsing connection's next EPSV is not answered (until the end of the test)
        browsing = window.browser.connection_id
        window.navigate("/sub", refresh=True)
        qtbot.waitUntil(lambda: (panel.connections.active_at(browsing) or 0) > panel.connections.active_at(transfer))
        assert shown_id(panel) == transfer  # (held off by the dwell: the download had just begun)
        qtbot.waitUntil(lambda: (tmp_path / "big.bin").exists() and window.queue.is_idle(), timeout=WAIT)
        # the download is over, its connection open and idle; the listing's data connection is under way: shown
        qtbot.waitUntil(lambda: shown_id(panel) == browsing, timeout=WAIT)
        assert panel.scene.connections[transfer].open, "(the transfer's connection closed: note 382's case, not this)"
        assert panel.connection.current is not None and panel.follow() == cl.LATEST
    finally:
        srv.send_held_replies()
        close_window(qtbot, window)
