"""What a person reads in the status bar and the queue's State column (design note 225, found by QA): a
restored queue's totals while it waits for a password, an error that a later success made stale, and the
words of a cancelled or incomplete upload."""

from __future__ import annotations

import pytest

from ftpgui.ui.dialogs import PasswordDialog

from ftpserver import PASSWORD
from guihelpers import (
    WAIT,
    close_window,
    fill_server,
    filled_server,
    names,
    open_window,
    quick_connect,
    save_queued_upload,
    wait_listing,
)


@pytest.fixture
def config(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture
def window(qtbot, config, make_server):  # servers outlive the window
    w = open_window(qtbot)
    yield w
    close_window(qtbot, w)


@pytest.mark.gui
def test_a_login_error_goes_from_the_status_bar_once_a_later_connect_succeeds(qtbot, window, make_server):
    """The error stayed its 15 s beside "Connected to …" (found by QA)."""
    w = window
    srv = filled_server(make_server)
    quick_connect(qtbot, w, srv, password="wrong")
    qtbot.waitUntil(lambda: "Login failed" in w.statusBar().currentMessage(), timeout=WAIT)
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    qtbot.waitUntil(lambda: w.state_label.text().startswith("Connected"), timeout=WAIT)
    assert w.statusBar().currentMessage() == ""


@pytest.mark.gui
def test_a_failed_reconnect_goes_from_the_status_bar_once_a_reconnect_succeeds(qtbot, window, make_server):
    """ "Could not connect" beside "Connected to …" after the server came back (found by QA)."""
    w = window
    srv = filled_server(make_server)
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    port = srv.port
    srv.stop()  # the server dies: Reconnect cannot reach it
    qtbot.waitUntil(lambda: w.conn_status.reconnect_button.isVisible(), timeout=WAIT)
    w.conn_status.reconnect_button.click()
    qtbot.waitUntil(lambda: "Could not connect" in w.statusBar().currentMessage(), timeout=WAIT)
    again = make_server("127.0.0.1", port=port)  # back on the same port
    fill_server(again)
    with open(again.path("new.txt"), "wb") as f:
        f.write(b"n")
    w.set_active_side("remote")
    w.act_refresh.trigger()
    qtbot.waitUntil(lambda: "new.txt" in names(w), timeout=WAIT)
    qtbot.waitUntil(lambda: w.state_label.text().startswith("Connected"), timeout=WAIT)
    assert w.statusBar().currentMessage() == ""


@pytest.mark.gui
def test_a_restored_queue_waiting_for_its_password_shows_its_totals(qtbot, config, make_server, tmp_path):
    """The status bar's totals were empty until the queue next changed: the window heard only later totals."""
    srv = make_server()
    local = tmp_path / "report.bin"
    local.write_bytes(b"x" * 3000)
    save_queued_upload(config, srv, str(local), "/report.bin")
    w = open_window(qtbot)
    try:
        qtbot.waitUntil(lambda: isinstance(w.queue_logins.prompt, PasswordDialog), timeout=WAIT)
        assert w.totals_label.text().startswith("1 queued, ")
        w.queue_logins.prompt.field.setText(PASSWORD)
        w.queue_logins.prompt.accept()
        qtbot.waitUntil(lambda: w.totals_label.text() == "", timeout=WAIT)  # (uploaded: nothing left)
    finally:
        close_window(qtbot, w)
