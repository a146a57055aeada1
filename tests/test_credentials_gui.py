"""The password never leaks from the GUI either: after a whole session in the real main window (quick
connect, browse, a download and an upload through the queue, a failed transfer, a refused login,
disconnect, close), no file under the test's home (settings, sites and recent servers, the saved queue,
the window's layout) and no text the window shows holds it. Server text is shown as plain text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ftpgui.sites.store import SiteStore
from ftpgui.transfers.items import DONE, FAILED
from ftpgui.ui.main_window import MainWindow

from ftpserver import PASSWORD
from guihelpers import WAIT, answer_plain_ftp, names
from test_credentials import SECRET, USER, find_leaks, home  # noqa: F401 (home: a fixture)

pytestmark = pytest.mark.gui


def quick_connect(qtbot, window: MainWindow, srv, password: str) -> None:
    bar = window.quick
    bar.host.setText(srv.host)
    bar.port.setText(str(srv.port))
    bar.user.setText(USER)
    bar.password.setText(password)
    bar.connect_button.click()
    answer_plain_ftp(qtbot, window)  # the test server has no TLS: "Connect without encryption"


def test_a_whole_gui_session_leaves_the_password_nowhere(qtbot, make_server, home, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.delenv("FTPGUI_CONFIG_DIR", raising=False)  # the real config folder, inside the test's home
    srv = make_server("127.0.0.1")
    srv.handler.authorizer.add_user(USER, SECRET, srv.root, perm="elradfmwMT")
    Path(srv.path("remote.bin")).write_bytes(b"r" * 300_000)
    local = tmp_path / "local"
    local.mkdir()
    (local / "up.bin").write_bytes(b"u" * 100_000)

    window = MainWindow(SiteStore())
    window.show()
    qtbot.waitExposed(window)
    try:
        quick_connect(qtbot, window, srv, SECRET)
        qtbot.waitUntil(lambda: "remote.bin" in names(window), timeout=WAIT)
        window.request_download([("/remote.bin", False, 300_000), ("/missing.bin", False, 10)], str(local))
        window.request_upload([str(local / "up.bin")], "/")
        states = lambda: sorted(i.state for i in window.queue.model.items())  # noqa: E731
        qtbot.waitUntil(lambda: states() == sorted([DONE, DONE, FAILED]), timeout=WAIT)
        assert (local / "remote.bin").read_bytes() == b"r" * 300_000
        assert Path(srv.path("up.bin")).read_bytes() == b"u" * 100_000
        window.disconnect_server()
        quick_connect(qtbot, window, srv, "not-" + SECRET)  # refused: the wrong password is not shown either
        qtbot.waitUntil(lambda: "Not connected" in window.state_label.text(), timeout=WAIT)
        shown = [window.log.toPlainText(), window.statusBar().currentMessage(), window.windowTitle()]
        shown += [i.error for i in window.queue.model.items()]
    finally:
        window.close()
        qtbot.waitUntil(lambda: not window.remote_browser.closing, timeout=WAIT)
        window.deleteLater()

    assert "PASS ****" in shown[0]  # the log did show the login, masked
    assert any("missing.bin" in text or "550" in text for text in shown[3:])  # the failure is in words
    config = home / ".config" / "ftpgui"
    assert {"queue.json", "sites.json", "window.ini"} <= set(os.listdir(config))  # the app did write its files
    for path in (p for p in home.rglob("*") if p.is_file()):
        assert not find_leaks(path.read_bytes().decode("utf-8", "replace")), f"{path} holds the password"
        assert "not-" + SECRET not in path.read_bytes().decode("utf-8", "replace")
    for text in shown:
        assert not find_leaks(text), text


def test_server_text_is_shown_as_plain_text(qtbot, make_server, monkeypatch, tmp_path):
    """A server's banner and replies with markup appear literally in the log; nothing is interpreted."""
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    srv = make_server("127.0.0.1")
    srv.handler.banner = '<b>bold</b> <a href="http://x.invalid">link</a> <img src="x.png">'
    window = MainWindow()
    window.show()
    qtbot.waitExposed(window)
    try:
        quick_connect(qtbot, window, srv, PASSWORD)
        qtbot.waitUntil(lambda: "<b>bold</b>" in window.log.toPlainText(), timeout=WAIT)
        assert window.log.toPlainText().count("<a href=") == 1  # the characters, not a link
        # painted by Qt's plain item delegate, which draws a row's text as characters (it has no markup mode)
        from PySide6.QtWidgets import QStyledItemDelegate

        assert type(window.log.itemDelegate()) is QStyledItemDelegate
    finally:
        window.close()
        qtbot.waitUntil(lambda: not window.remote_browser.closing, timeout=WAIT)
        window.deleteLater()
