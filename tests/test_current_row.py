# ruff: noqa: F811 (the fixtures srv and window, imported from test_keys_focus)
"""The row with the keyboard's focus is acted upon when nothing is selected (note 417). Found by QA: in the local
and the remote list, the focus on a row (the current row) but no row selected — Ctrl+Space took the selection
away — Ctrl+D, F2 and Delete did nothing, not a word; Windows Explorer and FileZilla act on that row. The real
window on pyftpdlib, real files, real keys."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QInputDialog, QMessageBox
from test_keys_focus import press, srv, window  # noqa: F401 (fixtures: the window on pyftpdlib)

from guihelpers import WAIT

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def trash(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the system trash, inside the test


def focus_left_on(qtbot, w, view, index_of) -> None:
    """A click on the row ``index_of()`` gives, then Ctrl+Space: the row keeps the focus, nothing is selected.
    (``index_of``: a proxy's index goes stale when the list's rows are sorted again.)"""
    if QGuiApplication.platformName() == "offscreen":
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow, timeout=WAIT)
    view.scrollTo(index_of())
    qtbot.waitUntil(lambda: not view.visualRect(index_of()).isEmpty(), timeout=WAIT)  # (laid out)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index_of()).center())
    qtbot.waitUntil(view.hasFocus, timeout=WAIT)
    qtbot.keyClick(view, Qt.Key.Key_Space, CTRL)
    assert not view.selectionModel().hasSelection()
    assert view.currentIndex() == index_of()


def asked(qtbot, w, kind):
    qtbot.waitUntil(lambda: isinstance(w.prompt, kind) and w.prompt.isVisible(), timeout=WAIT)
    return w.prompt


def test_the_remote_lists_current_row_is_renamed_deleted_and_downloaded(qtbot, window, srv, tmp_path):
    w = window
    here = tmp_path / "here"
    here.mkdir()
    w.local.set_path(str(here))
    row = w.remote.model.rows_of(["a.txt"])[0]
    view = w.remote.view
    focus_left_on(qtbot, w, view, lambda: w.remote.model.index(row, 0))
    press(qtbot, w, view, Qt.Key.Key_F2)
    dialog = asked(qtbot, w, QInputDialog)
    assert dialog.textValue() == "a.txt"
    dialog.reject()
    focus_left_on(qtbot, w, view, lambda: w.remote.model.index(row, 0))
    press(qtbot, w, view, Qt.Key.Key_Delete)
    box = asked(qtbot, w, QMessageBox)
    assert box.text() == "Delete the file “a.txt” from the server?"
    box.reject()
    focus_left_on(qtbot, w, view, lambda: w.remote.model.index(row, 0))
    press(qtbot, w, view, Qt.Key.Key_D, CTRL)
    qtbot.waitUntil(lambda: (here / "a.txt").exists() and (here / "a.txt").stat().st_size == 10, timeout=WAIT)
    assert os.path.exists(srv.path("a.txt")) and "DELE" not in srv.record.verbs()


def test_the_local_lists_current_row_is_renamed_trashed_and_uploaded(qtbot, window, srv, tmp_path):
    w = window
    here = tmp_path / "here"
    here.mkdir()
    (here / "mine.txt").write_bytes(b"mine")
    (here / "other.txt").write_bytes(b"other")
    w.local.set_path(str(here))
    model = w.local.ensure_model()
    view = w.local.view
    qtbot.waitUntil(lambda: w.local.list_proxy.rowCount(view.rootIndex()) == 2, timeout=WAIT)

    def mine():
        return w.local.list_proxy.mapFromSource(model.index(str(here / "mine.txt")))

    focus_left_on(qtbot, w, view, mine)
    press(qtbot, w, view, Qt.Key.Key_F2)
    dialog = asked(qtbot, w, QInputDialog)
    assert dialog.textValue() == "mine.txt"
    dialog.reject()
    focus_left_on(qtbot, w, view, mine)
    press(qtbot, w, view, Qt.Key.Key_Delete)
    box = asked(qtbot, w, QMessageBox)
    assert "mine.txt" in box.text() and "other.txt" not in box.text()
    box.reject()
    focus_left_on(qtbot, w, view, mine)
    press(qtbot, w, view, Qt.Key.Key_U, CTRL)
    qtbot.waitUntil(lambda: w.queue.is_idle() and os.path.exists(srv.path("mine.txt")), timeout=WAIT)
    with open(srv.path("mine.txt"), "rb") as f:
        assert f.read() == b"mine"
    assert not os.path.exists(srv.path("other.txt")) and (here / "mine.txt").exists()
