"""Small things a FileZilla user notices (issue 19 item 6): a cancelled transfer has its own tab, Rename
selects the name without its extension, Disconnect only when connected, each Alt+letter once per window,
Export opens in a sensible folder, the practice login is not a recent server, and the drag picture leaves the
row under the pointer visible."""

from __future__ import annotations

import os
import re
from collections import Counter

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QLabel, QLineEdit

from ftpgui.ftp import SessionOptions
from ftpgui.sites.store import SiteStore
from ftpgui.transfers.items import CANCELLED
from ftpgui.transfers.queue import TransferQueue
from ftpgui.transfers.worker import Endpoint
from ftpgui.ui.modepanel import export as exporter
from ftpgui.ui.queue_view import QueueView

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, close_window, filled_server, quick_connect, wait_listing

pytestmark = pytest.mark.gui
LONG = 120_000  # ms: a safety net, not a performance limit


def mnemonic(text: str) -> str:
    """The Alt+letter of a text with a & marker ("" for none; "&&" is a literal &)."""
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else ""


def window_mnemonics(window) -> Counter:
    """Every Alt+letter a person can press in the window: the menu bar's menus, the labels with a buddy,
    the buttons shown (not the commands inside menus: those work only while their menu is open)."""
    keys = Counter()
    for action in window.menuBar().actions():
        keys[mnemonic(action.text())] += 1
    for label in window.findChildren(QLabel):
        if label.buddy() is not None and label.isVisibleTo(window):
            keys[mnemonic(label.text())] += 1
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window):
            keys[mnemonic(button.text())] += 1
    keys.pop("", None)
    return keys


def test_each_alt_letter_is_used_once(window):
    keys = window_mnemonics(window)
    assert len(keys) >= 8  # the menus and the quick-connect bar at least
    assert [k for k, n in keys.items() if n > 1] == []


def test_each_alt_letter_is_used_once_in_chinese(chinese, window):
    keys = window_mnemonics(window)
    assert len(keys) >= 8
    assert [k for k, n in keys.items() if n > 1] == []


def test_a_cancelled_transfer_has_its_own_tab_not_failed(qtbot, qapp, tmp_path, make_server):
    srv = make_server("127.0.0.1", throttle=64 * 1024)
    with open(srv.path("big.bin"), "wb") as f:
        f.write(os.urandom(1 << 20))
    q = TransferQueue(str(tmp_path / "queue.json"))
    view = QueueView(q)
    qtbot.addWidget(view)
    try:
        q.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20), 1)
        q.download([("/big.bin", False, 1 << 20)], str(tmp_path))
        item = q.model.items()[0]
        qtbot.waitUntil(lambda: item.done > 0, timeout=LONG)
        q.cancel([item.id])
        qtbot.waitUntil(lambda: item.state == CANCELLED, timeout=LONG)
        qtbot.waitUntil(lambda: q.views["cancelled"].rowCount() == 1)
        assert q.views["failed"].rowCount() == 0
        qtbot.waitUntil(lambda: view.tabs.tabText(2) == "Cancelled (1)")
        assert view.tabs.tabText(1) == "Failed (0)"
        q.retry([item.id])  # what was cancelled can be started again
        qtbot.waitUntil(lambda: q.views["cancelled"].rowCount() == 0, timeout=LONG)
    finally:
        q.shutdown()


def test_rename_selects_the_name_without_its_extension(qtbot, window, tmp_path):
    local = tmp_path / "files"
    local.mkdir()
    (local / "report.final.pdf").write_bytes(b"x")
    window.local.set_path(str(local))
    qtbot.waitUntil(lambda: window.local.list_proxy.rowCount(window.local.view.rootIndex()) == 1, timeout=WAIT)
    window.local.select(["report.final.pdf"])
    window.set_active_side("local")
    window.act_rename.trigger()
    qtbot.waitUntil(lambda: window.prompt is not None, timeout=WAIT)
    field = window.prompt.findChild(QLineEdit)
    assert field.text() == "report.final.pdf" and field.selectedText() == "report.final"
    window.prompt.reject()


def test_disconnect_is_enabled_only_while_connected(qtbot, window, make_server):
    srv = filled_server(make_server)
    assert not window.act_disconnect.isEnabled()
    quick_connect(qtbot, window, srv)
    wait_listing(qtbot, window, "/")
    assert window.act_disconnect.isEnabled()
    window.act_disconnect.trigger()
    assert not window.act_disconnect.isEnabled()


def test_the_practice_login_is_not_a_recent_server(qtbot, tmp_path, monkeypatch, make_server):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    from ftpgui.ui.main_window import MainWindow

    store = SiteStore(str(tmp_path / "sites.json"))
    w = MainWindow(store)
    w.show()
    qtbot.waitExposed(w)
    try:
        w.mode_panel.practice.start()
        qtbot.waitUntil(lambda: w.remote_browser.endpoint is not None, timeout=WAIT)
        wait_listing(qtbot, w, "/")
        assert store.recent() == []
        srv = filled_server(make_server)  # a real server, by contrast, is remembered
        quick_connect(qtbot, w, srv)
        qtbot.waitUntil(lambda: [r.port for r in store.recent()] == [srv.port], timeout=WAIT)
    finally:
        close_window(qtbot, w)


def test_the_drag_picture_leaves_the_row_under_the_pointer_visible(qtbot, window, make_server, tmp_path):
    from ftpgui.ui import drag_image

    srv = filled_server(make_server)
    quick_connect(qtbot, window, srv)
    wait_listing(qtbot, window, "/")
    here = tmp_path / "here"  # (a local folder with a row in it: the home folder may show none)
    here.mkdir()
    (here / "a.txt").write_text("x")
    window.local.set_path(str(here))
    local = window.local.view
    qtbot.waitUntil(lambda: local.model().rowCount(local.rootIndex()) > 0, timeout=5000)
    for view in (window.remote.view, window.local.view):
        row = view.visualRect(view.model().index(0, 0, view.rootIndex()))
        assert row.height() > 0
        hot = drag_image.hotspot(view)
        for pointer in (row.topLeft(), row.center(), row.bottomRight()):
            picture = drag_image.picture(view, [view.model().index(0, 0, view.rootIndex())])
            placed = picture.rect().translated(pointer - hot)
            assert not placed.intersects(row.adjusted(0, 0, 0, -1)), (pointer, placed, row)


def test_export_opens_in_pictures_then_in_the_folder_used_last(qtbot, window, tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / "Pictures").mkdir(parents=True)
    (home / "Documents").mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setattr(exporter, "_last_folder", "")
    app_folder = tmp_path / "app"
    app_folder.mkdir()
    monkeypatch.chdir(app_folder)
    seen = []

    def answer(name: str):
        def look() -> None:
            dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog) and w.isVisible()]
            if not dialogs:
                QTimer.singleShot(50, look)
                return
            dialog = dialogs[0]
            seen.append(dialog.directory().absolutePath())
            dialog.findChild(QLineEdit, "fileNameEdit").setText(name)  # typed, as a person does
            dialog.accept()

        QTimer.singleShot(50, look)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    answer(str(elsewhere / "first.png"))
    window.mode_panel._ask_export("png")
    qtbot.waitUntil(lambda: (elsewhere / "first.png").exists(), timeout=WAIT)
    answer(str(elsewhere / "second.txt"))
    window.mode_panel._ask_export("txt")
    qtbot.waitUntil(lambda: (elsewhere / "second.txt").exists(), timeout=WAIT)
    assert seen == [str(home / "Pictures"), str(elsewhere)]
    assert str(app_folder) not in seen
