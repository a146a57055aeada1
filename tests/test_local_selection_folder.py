# ruff: noqa: F811 (the fixtures srv and window, imported from test_keys_focus)
"""The local pane's actions act only on what is selected in the folder shown (note 407). Found by QA: a file
selected in folder A stayed selected after the pane showed folder B (a click in the folder tree, a path typed,
Up, Enter on a folder), unseen; Upload then sent A's file, Delete put it (or the folder B itself) in the trash,
F2 offered to rename it. The selection and the current row now go whenever another folder is shown."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QToolBar
from test_keys_focus import press, srv, window  # noqa: F401 (fixtures: the window on pyftpdlib)

from guihelpers import WAIT

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def trash(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the system trash, inside the test


@pytest.fixture
def folders(tmp_path):
    v = tmp_path / "v"
    (v / "A").mkdir(parents=True)
    (v / "B").mkdir()
    (v / "A" / "victim3.txt").write_bytes(b"victim")
    (v / "B" / "other.txt").write_bytes(b"other")
    return v


def shown(w) -> list:
    root, proxy = w.local.view.rootIndex(), w.local.list_proxy
    return [proxy.index(r, 0, root).data() for r in range(proxy.rowCount(root))]


def active(qtbot, w) -> None:
    if QGuiApplication.platformName() == "offscreen":
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow, timeout=WAIT)


def victim_selected(qtbot, w, folders) -> None:
    """A's file selected in the list, by a click, as a person does, after A was typed in the path field."""
    bar = w.local.path_bar
    active(qtbot, w)
    bar.setFocus()
    bar.lineEdit().selectAll()
    qtbot.keyClicks(bar.lineEdit(), str(folders / "A"))
    qtbot.keyClick(bar.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown(w) == ["victim3.txt"], timeout=WAIT)
    view = w.local.view
    rect = view.visualRect(w.local.list_proxy.index(0, 0, view.rootIndex()))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert w.local.selected_paths() == [str(folders / "A" / "victim3.txt")]
    assert w._active == "local"


def tree_click(qtbot, w, path) -> None:
    local = w.local
    index = local.tree_proxy.mapFromSource(local.model.index(str(path)))
    local.tree.scrollTo(index)
    rect = local.tree.visualRect(index)
    assert rect.isValid()
    qtbot.mouseClick(local.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: shown(w) == ["other.txt"], timeout=WAIT)


def typed_path(qtbot, w, path) -> None:
    bar = w.local.path_bar
    active(qtbot, w)
    bar.setFocus()
    bar.lineEdit().selectAll()
    qtbot.keyClicks(bar.lineEdit(), str(path))
    qtbot.keyClick(bar.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown(w) == ["other.txt"], timeout=WAIT)


def nothing_done(qtbot, w, srv, requests, folders) -> None:
    qtbot.wait(200)  # (a question or a transfer would have come by now: both start at once)
    assert w.prompt is None or not w.prompt.isVisible()
    assert not requests and "STOR" not in srv.record.verbs()
    assert (folders / "A" / "victim3.txt").read_bytes() == b"victim" and (folders / "B" / "other.txt").exists()
    assert not os.path.exists(srv.path("victim3.txt"))


@pytest.fixture
def requests(window):
    found = []
    window.transferRequested.connect(lambda *args: found.append(args))
    return found


def toolbar_click(qtbot, w, action) -> None:
    buttons = [bar.widgetForAction(action) for bar in w.findChildren(QToolBar) if bar.widgetForAction(action)]
    assert buttons, action.text()
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)


def test_toolbar_upload_after_a_tree_click_sends_nothing(qtbot, window, srv, folders, requests):
    w = window
    victim_selected(qtbot, w, folders)
    tree_click(qtbot, w, folders / "B")
    toolbar_click(qtbot, w, w.act_upload)
    nothing_done(qtbot, w, srv, requests, folders)


def test_toolbar_delete_after_a_tree_click_asks_nothing_then_asks_about_the_shown_folders_file(
    qtbot, window, srv, folders, requests
):
    w = window
    victim_selected(qtbot, w, folders)
    tree_click(qtbot, w, folders / "B")
    toolbar_click(qtbot, w, w.act_delete)
    nothing_done(qtbot, w, srv, requests, folders)
    # what is selected in the folder shown is what Delete asks about
    w.local.select(["other.txt"])
    toolbar_click(qtbot, w, w.act_delete)
    assert isinstance(w.prompt, QMessageBox) and "other.txt" in w.prompt.text()
    assert "victim3" not in w.prompt.text()
    w.prompt.reject()


def test_path_typed_then_tab_tab_delete_asks_nothing(qtbot, window, srv, folders, requests):
    w = window
    victim_selected(qtbot, w, folders)
    typed_path(qtbot, w, folders / "B")
    active(qtbot, w)  # (the path's completion list, shown while typing, took the activation with it)
    qtbot.keyClick(w.local.path_bar.lineEdit(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is w.local.tree
    qtbot.keyClick(w.local.tree, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is w.local.view  # (path field, folder tree, file list)
    qtbot.keyClick(w.local.view, Qt.Key.Key_Delete)
    nothing_done(qtbot, w, srv, requests, folders)


@pytest.mark.parametrize(
    "key, modifiers",
    [(Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)],
    ids=["F2", "Ctrl+U"],
)
def test_path_typed_then_f2_or_ctrl_u_does_nothing(qtbot, window, srv, folders, requests, key, modifiers):
    w = window
    victim_selected(qtbot, w, folders)
    typed_path(qtbot, w, folders / "B")
    press(qtbot, w, w.local.view, key, modifiers)
    nothing_done(qtbot, w, srv, requests, folders)


def test_up_then_enter_on_a_folder_then_delete_asks_nothing(qtbot, window, srv, folders, requests):
    """Backspace to the parent (the folder left, A, selected there), B typed in the list to jump to it, Enter:
    B shown, and Delete asked to trash B itself (it was still selected in its parent)."""
    w = window
    victim_selected(qtbot, w, folders)
    press(qtbot, w, w.local.view, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: w.local.path == str(folders) and shown(w) == ["A", "B"], timeout=WAIT)
    assert w.local.selected_paths() == [str(folders / "A")]  # (the folder left: a key goes on from it)
    qtbot.keyClicks(w.local.view, "B")
    assert w.local.selected_paths() == [str(folders / "B")]
    qtbot.keyClick(w.local.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown(w) == ["other.txt"], timeout=WAIT)
    qtbot.keyClick(w.local.view, Qt.Key.Key_Delete)
    nothing_done(qtbot, w, srv, requests, folders)
    assert (folders / "B").is_dir()


def test_a_bookmark_or_sync_browsing_path_also_clears_the_selection(qtbot, window, folders):
    """Every way to another folder goes through ``set_path`` (bookmarks, sync browsing, a site's folder,
    the path field's history): the selection of the folder left goes there."""
    w = window
    victim_selected(qtbot, w, folders)
    w.local.set_path(str(folders / "B"))
    qtbot.waitUntil(lambda: shown(w) == ["other.txt"], timeout=WAIT)
    assert w.local.selected_paths() == [] and not w.local.view.currentIndex().isValid()


@pytest.fixture(params=["en", "zh_CN"])
def language(request):
    if request.param == "zh_CN":
        request.getfixturevalue("chinese")
    return request.param


def test_the_local_delete_question_quotes_the_name_as_the_remote_one_does(qtbot, language, window, folders):
    """The remote pane asked "Delete the file “a.txt” from the server?", the local one "Move other.txt to the
    trash?" (found by QA): the local question quotes its name the same way now, in both languages (note 409)."""
    w = window
    w.local.set_path(str(folders / "B"))
    qtbot.waitUntil(lambda: shown(w) == ["other.txt"], timeout=WAIT)
    w.local.select(["other.txt"])
    press(qtbot, w, w.local.view, Qt.Key.Key_Delete)
    local = w.prompt.text()
    w.prompt.reject()
    w.prompt = None
    w.remote.select(["a.txt"])
    press(qtbot, w, w.remote.view, Qt.Key.Key_Delete)
    remote = w.prompt.text()
    w.prompt.reject()
    if language == "en":
        assert local == "Move “other.txt” to the trash?" and remote == "Delete the file “a.txt” from the server?"
    else:
        assert local == "要将“other.txt”移到回收站吗？" and remote == "要从服务器删除文件“a.txt”吗？", (local, remote)
    assert (folders / "B" / "other.txt").exists()
