"""A key acts on the widget with the focus. Found by QA: Delete pressed in the queue's table (a row of the
Failed tab selected) asked "Delete the file … from the server?" for the remote pane's selection: the window's
Delete was window-wide. In the queue it now removes the items selected there, as Remove does; in a pane it
is the pane's, as before."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from guihelpers import WAIT, close_window, filled_server, names, open_window, quick_connect, wait_listing

pytestmark = pytest.mark.gui


@pytest.fixture
def srv(make_server):
    return filled_server(make_server)


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch, srv):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    w = open_window(qtbot)
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    yield w
    close_window(qtbot, w)


def press(qtbot, w, widget, key) -> None:
    """``key`` pressed with the focus on ``widget``, in the active window (shortcuts need one)."""
    if QGuiApplication.platformName() == "offscreen":
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(widget, key)


def test_delete_in_the_queue_removes_the_queue_items_not_the_remote_selection(qtbot, window, srv, tmp_path):
    w = window
    w.set_active_side("remote")
    w.remote.select(["a.txt"])
    w.request_download([("/missing.txt", False, None, None)], str(tmp_path))  # 550: a failed item
    failed = w.queue.views["failed"]
    qtbot.waitUntil(lambda: failed.rowCount() == 1 and w.queue.is_idle(), timeout=WAIT)
    view = w.queue_view
    view.tabs.setCurrentIndex(1)
    table = view.tables["failed"]
    table.selectRow(0)
    assert [e.name for e in w.remote.selected_entries()] == ["a.txt"]  # still selected over there
    press(qtbot, w, table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: failed.rowCount() == 0, timeout=WAIT)
    qtbot.wait(100)
    assert not isinstance(w.prompt, QMessageBox)  # nothing asked about the server's files
    assert "DELE" not in srv.record.verbs() and os.path.exists(srv.path("a.txt"))
    # nothing selected in the queue: Delete there does nothing at all
    press(qtbot, w, table, Qt.Key.Key_Delete)
    qtbot.wait(100)
    assert not isinstance(w.prompt, QMessageBox)
    # in the remote list Delete is the remote pane's, as before
    w.remote.select(["a.txt"])
    press(qtbot, w, w.remote.view, Qt.Key.Key_Delete)
    assert isinstance(w.prompt, QMessageBox) and w.prompt.text() == "Delete the file a.txt from the server?"
    w.prompt.yes_button.click()
    qtbot.waitUntil(lambda: names(w) == ["sub", "b.bin"], timeout=WAIT)


def test_pane_keys_do_nothing_in_the_message_log(qtbot, window, srv):
    """F2 and Delete with the focus in the log: neither the rename prompt nor the delete question."""
    w = window
    w.set_active_side("remote")
    w.remote.select(["a.txt"])
    for key in (Qt.Key.Key_F2, Qt.Key.Key_Delete):
        press(qtbot, w, w.log, key)
    qtbot.wait(100)
    assert w.prompt is None or not w.prompt.isVisible()
    assert "DELE" not in srv.record.verbs() and "RNFR" not in srv.record.verbs()
