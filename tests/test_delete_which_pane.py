# ruff: noqa: F811 (the fixtures srv and window, imported from test_keys_focus)
"""Which pane Delete and Rename act on when the other pane has a selection (design note 460): the real window
on pyftpdlib, real files, real keys, clicks and menus. A remote delete cannot be undone, a local one goes to the
trash: the remote file is deleted only when the remote pane is the one acted in."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu, QMessageBox
from test_keys_focus import srv, window  # noqa: F401 (fixtures: the window on pyftpdlib)

from guihelpers import WAIT

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def trash(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the system trash, inside the test


@pytest.fixture
def panes(qtbot, window, tmp_path):
    """The window with "a.txt" selected in the remote list (a click) and a local folder holding "mine.txt"."""
    w = window
    here = tmp_path / "here"
    here.mkdir()
    (here / "mine.txt").write_bytes(b"mine")
    w.local.set_path(str(here))
    model = w.local.ensure_model()
    qtbot.waitUntil(lambda: w.local.list_proxy.rowCount(w.local.view.rootIndex()) == 1, timeout=WAIT)
    if QGuiApplication.platformName() == "offscreen":
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow, timeout=WAIT)
    w.mine = lambda: w.local.list_proxy.mapFromSource(model.index(str(here / "mine.txt")))
    w.remote_a = lambda: w.remote.model.index(w.remote.model.rows_of(["a.txt"])[0], 0)
    click(qtbot, w.remote.view, w.remote_a())
    assert [e.name for e in w.remote.selected_entries()] == ["a.txt"]
    return w


def click(qtbot, view, index, button=Qt.MouseButton.LeftButton) -> None:
    view.scrollTo(index)
    qtbot.waitUntil(lambda: not view.visualRect(index).isEmpty(), timeout=WAIT)
    qtbot.mouseClick(view.viewport(), button, pos=view.visualRect(index).center())


def empty_spot(view):
    """A point of the list under its last row (no row there)."""
    from PySide6.QtCore import QPoint

    return QPoint(5, view.viewport().height() - 5)


def asked(qtbot, w):
    qtbot.waitUntil(lambda: isinstance(w.prompt, (QMessageBox, QInputDialog)) and w.prompt.isVisible(), timeout=WAIT)
    box = w.prompt
    text = box.text() if isinstance(box, QMessageBox) else box.textValue()
    box.reject()
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=WAIT)
    return text


def still_on_the_server(srv) -> bool:
    return os.path.exists(srv.path("a.txt")) and "DELE" not in srv.record.verbs()


def test_del_with_the_local_list_focused_asks_about_the_local_file_not_the_remote_one(qtbot, panes, srv):
    w = panes
    click(qtbot, w.local.view, w.mine())
    qtbot.waitUntil(w.local.view.hasFocus, timeout=WAIT)
    assert [e.name for e in w.remote.selected_entries()] == ["a.txt"]  # (still selected over there)
    qtbot.keyClick(w.local.view, Qt.Key.Key_Delete)
    assert "mine.txt" in asked(qtbot, w)
    qtbot.keyClick(w.local.view, Qt.Key.Key_F2)
    assert asked(qtbot, w) == "mine.txt"
    assert still_on_the_server(srv) and w.local.view.hasFocus()


def test_del_in_the_local_list_with_nothing_there_selected_does_nothing(qtbot, panes, srv):
    w = panes
    qtbot.mouseClick(w.local.view.viewport(), Qt.MouseButton.LeftButton, pos=empty_spot(w.local.view))
    qtbot.waitUntil(w.local.view.hasFocus, timeout=WAIT)
    assert not w.local.selected_paths() and [e.name for e in w.remote.selected_entries()] == ["a.txt"]
    for key in (Qt.Key.Key_Delete, Qt.Key.Key_F2):
        qtbot.keyClick(w.local.view, key)  # (a question would be open by now: the actions ask at once)
        assert w.prompt is None or not w.prompt.isVisible(), key
    assert still_on_the_server(srv)


def choose_delete_in_the_menu(w, chosen: list) -> None:
    """Once the context menu is open: Delete chosen in it (``chosen`` gets the menu's words)."""
    menu = QApplication.activePopupWidget()
    if not isinstance(menu, QMenu):
        QTimer.singleShot(50, lambda: choose_delete_in_the_menu(w, chosen))
        return
    chosen.append([a.text() for a in menu.actions()])
    menu.setActiveAction(w.act_delete)
    QTimer.singleShot(0, w.act_delete.trigger)
    QTimer.singleShot(0, menu.close)


@pytest.mark.parametrize("pressed", [True, False], ids=["right-click", "menu-without-a-click"])
def test_the_local_lists_menu_deletes_the_local_file_though_the_remote_list_had_the_focus(qtbot, panes, srv, pressed):
    """A right click gives the local list the focus first, and its menu's Delete asked about the local file
    before too. A context menu the list is asked for with no click before it left the focus in the remote list,
    and its Delete asked to delete the REMOTE selection from the server (found writing this test: that variant
    failed on the code before). A pane's menu acts on its own pane now."""
    w = panes
    w.remote.view.setFocus()
    qtbot.waitUntil(w.remote.view.hasFocus, timeout=WAIT)
    click(qtbot, w.local.view, w.mine())  # "mine.txt" selected…
    w.remote.view.setFocus()  # …and the focus back in the remote list, "a.txt" still selected there
    qtbot.waitUntil(w.remote.view.hasFocus, timeout=WAIT)
    assert w.local.selected_paths() and [e.name for e in w.remote.selected_entries()] == ["a.txt"]
    chosen: list = []
    QTimer.singleShot(0, lambda: choose_delete_in_the_menu(w, chosen))
    view, at = w.local.view, w.local.view.visualRect(w.mine()).center()
    if pressed:
        qtbot.mousePress(view.viewport(), Qt.MouseButton.RightButton, pos=at)  # (as a window system sends it)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, view.viewport().mapToGlobal(at))
    QApplication.sendEvent(view.viewport(), event)  # (the menu, open until Delete is chosen in it)
    assert chosen and "De&lete…" in chosen[0]
    assert "mine.txt" in asked(qtbot, w)
    assert still_on_the_server(srv)


def test_the_toolbar_and_menu_act_on_the_pane_last_used(qtbot, panes, srv):
    w = panes
    click(qtbot, w.local.view, w.mine())
    w.log.setFocus()  # (the focus then goes to the message log: the local pane was the last used)
    w.act_delete.trigger()
    assert "mine.txt" in asked(qtbot, w)
    w.act_rename.trigger()
    assert asked(qtbot, w) == "mine.txt"
    click(qtbot, w.remote.view, w.remote_a())
    w.log.setFocus()
    w.act_delete.trigger()
    assert asked(qtbot, w) == "Delete the file “a.txt” from the server?"
    assert still_on_the_server(srv)
