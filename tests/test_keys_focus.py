"""A key acts on the widget with the focus. Found by QA: Delete pressed in the queue's table (a row of the
Failed tab selected) asked "Delete the file … from the server?" for the remote pane's selection: the window's
Delete was window-wide. In the queue it now removes the items selected there, as Remove does; in a pane it
is the pane's, as before."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

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


def press(qtbot, w, widget, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """``key`` pressed with the focus on ``widget``, in the active window (shortcuts need one)."""
    if QGuiApplication.platformName() == "offscreen":
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(widget, key, modifiers)


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
    assert isinstance(w.prompt, QMessageBox) and w.prompt.text() == "Delete the file “a.txt” from the server?"
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


def combo_of(sequence: QKeySequence):
    """(key, modifiers) of a one-key shortcut, for qtbot.keyClick."""
    combo = sequence[0]
    return combo.key(), combo.keyboardModifiers()


class KeysSeen(QObject):
    """Records the keys that reach a widget as key presses (not taken by a shortcut on the way)."""

    def __init__(self, widget):
        super().__init__(widget)
        self.keys = []
        widget.installEventFilter(self)

    def eventFilter(self, _obj, event) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            self.keys.append(event.key())
        return False


def nothing_done(w, srv, requests) -> bool:
    """No question, no transfer, no change on the server, no URL copied."""
    changed = {"DELE", "RMD", "RNFR", "MKD", "RETR", "STOR"} & set(srv.record.verbs())
    return w.prompt is None and not requests and not changed and "ftp://" not in QGuiApplication.clipboard().text()


def test_delete_in_a_folder_tree_acts_on_the_folder_selected_there(qtbot, window, srv, tmp_path, monkeypatch):
    """Delete with the focus in the remote folder tree asked to delete the file selected in the remote list
    (found by QA); the same in the local tree. Each tree's Delete now asks about the folder selected in that
    tree, as FileZilla's trees do; the other keys on a selection (Ctrl+D, F3…) do nothing there (F2 renames
    the tree's folder: the test after this one)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the system trash, inside the test
    w = window
    w.local.set_path(str(tmp_path))  # (a download, were one started, lands here)
    requests = []
    w.transferRequested.connect(lambda *args: requests.append(args))
    QGuiApplication.clipboard().setText("")
    os.mkdir(srv.path("zdir"))  # (listed once "/" is listed again)
    w.navigate("/sub")
    wait_listing(qtbot, w, "/sub")
    w.remote.select(["inner.txt"])
    tree = w.remote.tree_view
    assert tree.currentIndex().data() == "sub"  # (the folder shown: selected in the tree too)
    ctrl, shift, none = (
        Qt.KeyboardModifier.ControlModifier,
        Qt.KeyboardModifier.ShiftModifier,
        Qt.KeyboardModifier.NoModifier,
    )
    for key, modifiers in (
        (Qt.Key.Key_F3, none),
        (Qt.Key.Key_F4, none),
        (Qt.Key.Key_D, ctrl),
        (Qt.Key.Key_C, ctrl | shift),
    ):
        press(qtbot, w, tree, key, modifiers)
        qtbot.wait(50)
        assert nothing_done(w, srv, requests), QKeySequence(QKeyCombination(modifiers, key)).toString()
    press(qtbot, w, tree, Qt.Key.Key_Delete)
    assert isinstance(w.prompt, QMessageBox)
    assert w.prompt.text() == "Delete the folder “sub” from the server?\nFolders are deleted with everything in them."
    w.prompt.yes_button.click()
    w.prompt = None
    # the folder gone, its parent shown (the folder shown was the one deleted), the tree without it
    qtbot.waitUntil(lambda: w.remote.path == "/" and "sub" not in names(w), timeout=WAIT)
    assert not os.path.exists(srv.path("sub")) and os.path.exists(srv.path("a.txt"))
    assert "/sub" not in w.remote.tree.paths()
    # a folder selected in the tree that is not the one shown: that folder, and the list stays where it is
    wait_listing(qtbot, w, "/")
    w.remote.select(["a.txt"])
    w.remote.tree.select("/zdir")
    press(qtbot, w, tree, Qt.Key.Key_Delete)
    assert w.prompt.text() == "Delete the folder “zdir” from the server?\nFolders are deleted with everything in them."
    w.prompt.yes_button.click()
    w.prompt = None
    qtbot.waitUntil(lambda: names(w) == ["a.txt", "b.bin"] and "/zdir" not in w.remote.tree.paths(), timeout=WAIT)
    assert not os.path.exists(srv.path("zdir")) and w.remote.path == "/"
    # the root selected in the tree: nothing to delete, nothing asked
    w.remote.tree.select("/")
    press(qtbot, w, tree, Qt.Key.Key_Delete)
    qtbot.wait(100)
    assert w.prompt is None

    # the local tree: its folder to the trash, not the file selected in the local list
    work = tmp_path / "work"
    (work / "old").mkdir(parents=True)
    (work / "old" / "x.txt").write_bytes(b"x")
    (work / "keep.txt").write_bytes(b"k")
    w.local.set_path(str(work / "old"))
    qtbot.waitUntil(lambda: w.local.ensure_model().index(str(work / "old" / "x.txt")).isValid(), timeout=WAIT)
    w.local.select(["x.txt"])
    assert w.local.tree.currentIndex().data() == "old"
    press(qtbot, w, w.local.tree, Qt.Key.Key_Delete)
    assert isinstance(w.prompt, QMessageBox) and w.prompt.text() == "Move “old” to the trash?"
    w.prompt.yes_button.click()
    w.prompt = None
    qtbot.waitUntil(lambda: not (work / "old").exists() and w.local.path == str(work), timeout=WAIT)
    assert (work / "keep.txt").exists()
    assert [p.name for p in (tmp_path / "data" / "Trash" / "files").iterdir()] == ["old"]


def renamed_in_the_tree(qtbot, w, tree, old: str, new: str) -> None:
    """F2 with the focus in ``tree``: the list's Rename question, naming the tree's folder ``old``, answered
    ``new``."""
    press(qtbot, w, tree, Qt.Key.Key_F2)
    dialog = w.prompt
    assert isinstance(dialog, QInputDialog), dialog
    assert dialog.labelText() == f"New name for {old}:" and dialog.textValue() == old
    dialog.setTextValue(new)
    dialog.accept()


def test_f2_in_a_folder_tree_renames_the_folder_selected_there(qtbot, window, srv, tmp_path):
    """F2 in a folder tree did nothing (note 185); FileZilla's trees rename the folder selected there. It asks
    as the list does, renames (RNFR/RNTO; locally os.rename), and the tree and the pane follow: a pane that
    showed the folder, or one inside it, shows it under its new name."""
    w = window
    os.makedirs(srv.path("sub", "deeper"))
    w.navigate("/sub/deeper")
    wait_listing(qtbot, w, "/sub/deeper")
    tree = w.remote.tree_view
    w.remote.tree.select("/sub")  # (a folder the one shown is inside)
    renamed_in_the_tree(qtbot, w, tree, "sub", "moved")
    qtbot.waitUntil(lambda: w.remote.path == "/moved/deeper" and not w.remote_browser.connection.busy, timeout=WAIT)
    qtbot.waitUntil(lambda: "/sub" not in w.remote.tree.paths(), timeout=WAIT)
    assert os.path.isdir(srv.path("moved", "deeper")) and not os.path.exists(srv.path("sub"))
    assert [c for c in srv.record.commands if c.split()[0] in ("RNFR", "RNTO")] == ["RNFR /sub", "RNTO /moved"]
    assert not [p for p in w.remote.tree.paths() if p.startswith("/sub")]
    assert {"/moved", "/moved/deeper"} <= set(w.remote.tree.paths())
    # a folder that is not the one shown: renamed, the folder shown stays, the tree follows
    w.navigate("/")
    wait_listing(qtbot, w, "/")
    w.remote.tree.select("/moved/deeper")
    renamed_in_the_tree(qtbot, w, tree, "deeper", "d2")
    qtbot.waitUntil(lambda: "/moved/d2" in w.remote.tree.paths(), timeout=WAIT)
    assert "/moved/deeper" not in w.remote.tree.paths() and w.remote.path == "/"
    assert os.path.isdir(srv.path("moved", "d2"))
    # the root: nothing to rename, nothing asked
    w.remote.tree.select("/")
    press(qtbot, w, tree, Qt.Key.Key_F2)
    qtbot.wait(100)
    assert w.prompt is None

    # the local tree: a folder the one shown is inside renamed, the pane follows it
    work = tmp_path / "work"
    (work / "old" / "in").mkdir(parents=True)
    (work / "old" / "in" / "x.txt").write_bytes(b"x")
    w.local.set_path(str(work / "old" / "in"))
    qtbot.waitUntil(lambda: w.local.ensure_model().index(str(work / "old" / "in" / "x.txt")).isValid(), timeout=WAIT)
    w.local.tree.setCurrentIndex(w.local.tree_proxy.mapFromSource(w.local.ensure_model().index(str(work / "old"))))
    renamed_in_the_tree(qtbot, w, w.local.tree, "old", "new")
    qtbot.waitUntil(lambda: w.local.path == str(work / "new" / "in"), timeout=WAIT)
    assert (work / "new" / "in" / "x.txt").read_bytes() == b"x" and not (work / "old").exists()


def test_the_pane_keys_in_a_text_box_are_the_text_boxs_own(qtbot, window, srv, tmp_path):
    """F2 in a quick-filter box renamed the file selected in the list under it (found by QA), Ctrl+D there
    downloaded it, F3 viewed it… Every key of the panes' actions, in the filter boxes and the path fields,
    now reaches the box and acts on nothing else."""
    w = window
    w.local.set_path(str(tmp_path))  # (the local list's selection stays empty: Ctrl+O opens nothing)
    requests = []
    w.transferRequested.connect(lambda *args: requests.append(args))
    QGuiApplication.clipboard().setText("")
    tab = w.tabs[0]
    keys = [combo_of(s) for act in w.pane_stack.actions() for s in act.shortcuts()]
    assert (Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier) in keys and len(keys) >= 10
    keys.sort(key=lambda k: k[0] != Qt.Key.Key_F2)  # F2 first: the old code's rename question
    for box in (tab.remote_filter_bar.edit, tab.local_filter_bar.edit, w.remote.path_bar, w.local.path_bar):
        w.set_active_side("remote")
        w.remote.select(["a.txt"])
        press(qtbot, w, box, Qt.Key.Key_End)
        seen = KeysSeen(QApplication.focusWidget())
        for key, modifiers in keys:
            if key == Qt.Key.Key_F4 and box in (w.remote.path_bar, w.local.path_bar):
                continue  # (F4 opens a combo box's list: its own key, but the list would take the next keys)
            qtbot.keyClick(QApplication.focusWidget(), key, modifiers)
            assert nothing_done(w, srv, requests), QKeySequence(QKeyCombination(modifiers, key)).toString()
            assert seen.keys[-1] == key  # the box had the key
        assert w.local.path == str(tmp_path) and w.remote.path == "/"
        seen.deleteLater()


def test_ctrl_r_refreshes_the_pane_with_the_focus(qtbot, window, srv, tmp_path):
    """Only F5 refreshed; Ctrl+R now does too (FileZilla, WinSCP and the browsers have both), in the pane with
    the focus, and no other action of the window has it."""
    w = window
    ctrl_r = QKeySequence("Ctrl+R")
    assert [a for a in w.findChildren(QAction) if ctrl_r in a.shortcuts()] == [w.act_refresh]
    assert w.act_refresh.shortcut() == QKeySequence("F5")  # (the one the menu shows)

    def lists() -> int:
        verbs = srv.record.verbs()
        return verbs.count("MLSD") + verbs.count("LIST")

    before = lists()
    press(qtbot, w, w.remote.view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: lists() > before, timeout=WAIT)
    wait_listing(qtbot, w, "/")
    before = lists()
    with qtbot.waitSignal(w.local.folderLoaded, timeout=WAIT):  # (a new model reads the folder again)
        press(qtbot, w, w.local.view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert lists() == before
