"""What a person reads in the status bar and the queue's State column (design note 225, found by QA): a
restored queue's totals while it waits for a password, an error that a later success made stale, and the
words of a cancelled or incomplete upload."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from ftpgui.ftp import SessionOptions
from ftpgui.transfers.items import CANCELLED
from ftpgui.transfers.model import COL_STATE
from ftpgui.transfers.queue import TransferQueue
from ftpgui.transfers.worker import Endpoint
from ftpgui.ui.dialogs import PasswordDialog

from ftpserver import PASSWORD, USER
from guihelpers import (
    WAIT,
    close_window,
    fill_server,
    filled_server,
    names,
    open_window,
    opened,
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
def test_a_listing_error_goes_from_the_status_bar_once_a_later_rename_succeeds(qtbot, window, make_server):
    """A connect was the only success that took a stale error away (design note 239): "… /gone …" stayed its
    15 s beside the file just renamed."""
    w = window
    srv = filled_server(make_server)
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    w.navigate("/gone")  # (as the path field asks)
    qtbot.waitUntil(lambda: "550" in w.statusBar().currentMessage(), timeout=WAIT)
    wait_listing(qtbot, w, "/")
    dialog = opened(qtbot, w, "a.txt", w.act_rename, QInputDialog)
    dialog.setTextValue("renamed.txt")
    dialog.accept()
    qtbot.waitUntil(lambda: "renamed.txt" in names(w), timeout=WAIT)
    assert w.statusBar().currentMessage() == ""


@pytest.mark.gui
def test_an_error_stays_while_the_app_lists_the_folder_again_by_itself(qtbot, window, make_server):
    """A failed delete lists its folder again (part may be done): that listing was not asked for, and the
    error it follows stays in the status bar."""
    w = window
    srv = filled_server(make_server)
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    box = opened(qtbot, w, "a.txt", w.act_delete, QMessageBox)
    os.remove(srv.path("a.txt"))  # gone meanwhile: DELE fails
    box.yes_button.click()
    qtbot.waitUntil(lambda: "a.txt" not in names(w), timeout=WAIT)  # (listed again)
    wait_listing(qtbot, w, "/")
    assert "DELE" in w.statusBar().currentMessage()
    w.navigate("/sub")  # then the person goes on: a listing asked for
    wait_listing(qtbot, w, "/sub")
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
        # its size, read from the disk as the queue is restored (saved without one: "0 B left" was said, note 379)
        qtbot.waitUntil(lambda: w.totals_label.text() == "1 queued, 2.9 KiB left", timeout=WAIT)
        w.queue_logins.prompt.field.setText(PASSWORD)
        w.queue_logins.prompt.accept()
        qtbot.waitUntil(lambda: w.totals_label.text() == "", timeout=WAIT)  # (uploaded: nothing left)
    finally:
        close_window(qtbot, w)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_cancelled_download_says_it_was_cancelled_once(request, qtbot, make_server, tmp_path, monkeypatch, language):
    """The State column said "Cancelled: Cancelled after 16.6 MiB…" (found by QA): the cancel's own words
    say it, alone."""
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    srv = make_server("127.0.0.1", throttle=256 * 1024)
    with open(srv.path("big.bin"), "wb") as f:
        f.write(os.urandom(4 << 20))
    queue = TransferQueue(str(tmp_path / "config" / "queue.json"))
    try:
        queue.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20), 1)
        queue.download([("/big.bin", False, None)], str(tmp_path))
        (item,) = queue.model.items()
        qtbot.waitUntil(lambda: item.done > 0, timeout=WAIT)
        queue.cancel([item.id])
        qtbot.waitUntil(queue.is_idle, timeout=WAIT)
        assert item.state == CANCELLED and item.error.startswith("Cancelled"), item.error
        index = queue.model.index(0, COL_STATE)
        shown = index.data()
        assert shown == index.data(Qt.ItemDataRole.ToolTipRole)  # the reason's words, in the person's language
        cancelled = "已取消" if language == "zh_CN" else "Cancelled"
        assert shown.count(cancelled) == 1 and not shown.startswith(cancelled + ("：" if language == "zh_CN" else ":"))
    finally:
        queue.shutdown()


@pytest.mark.gui
def test_an_ipv6_server_is_shown_in_brackets_in_the_status_bar_and_recent_servers(qtbot, window, make_server):
    """Quick connect to ::1: the state said "Connected to ::1:42199" while the title and the recent servers
    said [::1]:42199 (found by QA; design note 261): every host and port go through ``format_address``."""
    from conftest import need
    from ftpserver import ipv6_available

    need(ipv6_available(), "IPv6 loopback (::1) is not available")
    from ftpgui.sites.store import SiteStore

    w = window
    w.store = SiteStore()  # (in the test's config folder) the recent servers are remembered
    srv = make_server("::1")
    fill_server(srv)
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    shown = f"[::1]:{srv.port}"
    qtbot.waitUntil(lambda: w.state_label.text() == f"Connected to {shown}", timeout=WAIT)
    qtbot.waitUntil(lambda: bool(w.quick.recent_menu.actions()), timeout=WAIT)
    assert [a.text() for a in w.quick.recent_menu.actions()] == [f"{USER}@{shown}"]
