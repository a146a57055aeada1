"""Rows whose listed name names no entry of their folder (design note 247; found by QA against a hostile
pyftpdlib). A server listed ``sub/inner.txt``, ``/abs.txt`` and ``../escaped.txt`` in ``/evil``: Select All and
Download in the window sent ``RETR /evil/sub/inner.txt`` and ``RETR /evil//abs.txt`` — other files than the rows —
and wrote them as ``inner.txt`` and ``abs.txt``, while ``ftpgui-cli get -r`` refused the same names ("Unsafe name
…: the name contains a path separator"). The window now refuses them in the CLI's words: a download's item
fails (no Retry), the actions that act on the row on the server are refused before anything is sent. And the
Failed tab said ``con\\back.txt`` as a Python repr, its backslash doubled."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from test_local_attacks import files_under

from ftpgui.transfers.items import DONE, FAILED
from ftpgui.transfers.model import COL_STATE

from guihelpers import WAIT, drop_on_local, quick_connect, wait_listing

pytestmark = pytest.mark.gui

# a file in /evil listed under each name (the key: its name on disk), beside good.txt and a real ``con\back.txt``
LISTED_AS = {"row-inner": "sub/inner.txt", "row-abs": "/abs.txt", "row-up": "../escaped.txt"}
SEPARATOR = "the name contains a path separator"
WRONG = b"ANOTHER FILE: not the row's"


@pytest.fixture(params=["LIST", "MLSD"])
def evil(request, qtbot, window, make_server, tmp_path):
    """The window connected to pyftpdlib listing ``/evil`` so, the remote pane there with hidden files shown
    (``../escaped.txt`` starts with a dot), the local pane on an empty folder. The files the joined names
    would name exist, with other bytes: a RETR of one of them succeeds."""
    refuse = ("MLSD",) if request.param == "LIST" else ()
    srv = make_server("127.0.0.1", listed_as={**LISTED_AS, "sub": None}, refuse=refuse)  # (sub: not listed)
    root = Path(srv.root)
    (root / "evil" / "sub").mkdir(parents=True)
    for name in LISTED_AS:
        (root / "evil" / name).write_bytes(b"the row's own bytes")
    (root / "evil" / "good.txt").write_bytes(b"good")
    (root / "evil" / "con\\back.txt").write_bytes(b"a backslash is a name's character here")
    (root / "evil" / "sub" / "inner.txt").write_bytes(WRONG)
    (root / "abs.txt").write_bytes(WRONG)
    (root / "escaped.txt").write_bytes(WRONG)
    local = tmp_path / "local"
    local.mkdir()
    quick_connect(qtbot, window, srv)
    wait_listing(qtbot, window, "/")
    if not window.act_hidden_remote.isChecked():
        window.act_hidden_remote.trigger()
    window.navigate("/evil")
    wait_listing(qtbot, window, "/evil")
    assert sorted(e.name for e in window.remote.model.entries()) == sorted(
        ["good.txt", "con\\back.txt", *LISTED_AS.values()]
    )
    window.local.set_path(str(local))
    window.set_active_side("remote")
    window.srv = srv
    return window, local


def sent(srv, verb: str) -> list:
    return [c for c in srv.record.commands if c.split(" ", 1)[0].upper() == verb]


def finished(qtbot, w, count: int) -> dict:
    qtbot.waitUntil(lambda: w.queue.is_idle() and len(w.queue.model.items()) >= count, timeout=WAIT)
    return {i.remote: i for i in w.queue.model.items()}


def said(w) -> str:
    return "\n".join(text for _kind, text in w.log.lines)


def assert_refused_in_the_queue(w, local, items: dict) -> None:
    """good.txt downloaded; every other row a failed item in the CLI's words, with no Retry; nothing else
    fetched or written."""
    assert sent(w.srv, "RETR") == ["RETR /evil/good.txt"]
    assert files_under(local) == ["good.txt"]
    assert items.pop("/evil/good.txt").state == DONE
    assert len(items) == 4
    words = {}
    for item in items.values():
        assert item.state == FAILED and "retry" not in w.queue.applicable([item.id]), item
        words[item.error] = w.queue.model.cell_text(item, COL_STATE)
    # the CLI's words (its check's); the Failed tab says each name as the pane shows it: one backslash, where a
    # Python repr had two
    assert words == {
        f"Unsafe name '{name}': {SEPARATOR}": f"Failed: Unsafe name '{name}': {SEPARATOR}"
        for name in [*LISTED_AS.values(), "con\\back.txt"]
    }
    assert sorted(items) == ["/evil/../escaped.txt", "/evil//abs.txt", "/evil/con\\back.txt", "/evil/sub/inner.txt"]
    assert {i.local for i in items.values()} == {str(local)}  # (no name of the row's or another's)


def test_select_all_and_download_fetches_no_other_file(qtbot, evil):
    w, local = evil
    QTest.keyClick(w.remote.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(w.remote.selected_entries()) == 5
    w.act_download.trigger()  # (Ctrl+D)
    items = finished(qtbot, w, 5)
    assert_refused_in_the_queue(w, local, items)
    # said in the window at once too, counted, the others gone (it said "Download: not possible, because this
    # name names no file in the folder. Unsafe name '../escaped.txt'…", one name: design note 300)
    assert w.statusBar().currentMessage() == (
        "4 of 5 items were not downloaded: their names are not safe to use as local file names (../escaped.txt, "
        "/abs.txt, con\\back.txt, …)."
    )


def test_one_such_row_of_two_is_said_alone_and_the_other_goes(qtbot, evil):
    w, local = evil
    w.remote.select(["good.txt", "sub/inner.txt"])
    w.act_download.trigger()
    items = finished(qtbot, w, 2)
    assert w.statusBar().currentMessage() == (
        "1 of 2 items was not downloaded: its name is not safe to use as a local file name (sub/inner.txt)."
    )
    assert items["/evil/good.txt"].state == DONE and files_under(local) == ["good.txt"]
    assert items["/evil/sub/inner.txt"].state == FAILED


def test_dragged_to_the_local_pane_fetches_no_other_file(qtbot, evil):
    """The rows dragged onto the local pane (the drag's payload, read back by the drop): as Download."""
    w, local = evil
    model = w.remote.model
    mime = model.mimeData([model.index(row, 0) for row in range(model.rowCount())])
    drop_on_local(w, mime)
    assert_refused_in_the_queue(w, local, finished(qtbot, w, 5))


def test_a_queued_folder_holding_such_names_fails_them_with_no_retry(qtbot, evil):
    """``/evil`` downloaded as a folder (from its parent): its job's children fail in the same words, and none
    offers Retry — "sub/inner.txt" is the path /evil/sub/inner.txt, whose last part, "inner.txt", passed the
    queue's look at the name, so Retry was offered (and would have fetched /evil/sub/inner.txt)."""
    w, local = evil
    w.navigate("/")
    wait_listing(qtbot, w, "/")
    w.remote.select(["evil"])
    w.act_download.trigger()
    items = finished(qtbot, w, 5)
    assert sent(w.srv, "RETR") == ["RETR /evil/good.txt"]
    assert files_under(local) == ["evil", "evil/good.txt"]
    assert items.pop("/evil/good.txt").state == DONE
    assert sorted(items) == ["/evil/../escaped.txt", "/evil//abs.txt", "/evil/con\\back.txt", "/evil/sub/inner.txt"]
    for item in items.values():
        assert item.state == FAILED and item.error.startswith("Unsafe name") and SEPARATOR in item.error, item
        assert "retry" not in w.queue.applicable([item.id]), item.remote
    assert files_under(local) == ["evil", "evil/good.txt"]


def _enter(w) -> None:
    QTest.keyClick(w.remote.view, Qt.Key.Key_Return)


ACTIONS = {
    "delete": lambda w: w.act_delete.trigger(),
    "rename": lambda w: w.act_rename.trigger(),
    "permissions": lambda w: w.act_permissions.trigger(),
    "view": lambda w: w.remote_edit.act_view.trigger(),
    "edit": lambda w: w.remote_edit.act_edit.trigger(),
    "copy URL": lambda w: w.act_copy_url.trigger(),
    "Enter": _enter,
}


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("kind", ["file", "dir"])
def test_an_action_on_such_a_row_is_refused_before_anything_is_sent(qtbot, evil, action, kind):
    """Delete, rename, permissions, view, edit, copy URL and Enter on the row "sub/inner.txt" (a file, or a
    folder so named): refused in words before any question, no command sent — they acted on /evil/sub/inner.txt
    (DELE, RNFR, SITE CHMOD, RETR of the other file; Enter on the folder entered /evil/sub/inner.txt)."""
    w, local = evil
    if kind == "dir":  # the same server, but the row is a folder
        os.mkdir(os.path.join(w.srv.root, "evil", "row-dir"))
        w.srv.handler.abstracted_fs.listed_as = {**w.srv.handler.abstracted_fs.listed_as, "row-dir": "sub/inner"}
        w.navigate("/evil", refresh=True)
        qtbot.waitUntil(lambda: w.remote.model.row_of("sub/inner") >= 0, timeout=WAIT)
        wait_listing(qtbot, w, "/evil")
        node = w.remote.tree._item("/evil")  # (the folder tree leaves it out: it is no subfolder of /evil)
        assert [node.child(r).text() for r in range(node.rowCount())] == []
    name = "sub/inner" if kind == "dir" else "sub/inner.txt"
    w.remote.select([name])
    w.remote.view.setFocus()
    before = list(w.srv.record.commands)
    ACTIONS[action](w)
    qtbot.waitUntil(lambda: f"Unsafe name '{name}': {SEPARATOR}" in w.statusBar().currentMessage(), timeout=WAIT)
    assert w.prompt is None or not w.prompt.isVisible()  # (no question asked)
    qtbot.wait(200)  # (nothing is on its way: a command sent would be in the record by now)
    assert w.srv.record.commands == before
    assert f"Unsafe name '{name}': {SEPARATOR}" in said(w)
    assert w.remote.path == "/evil" and files_under(local) == []
    # (Enter on a file downloads it: its item failed, in those words)
    assert all(i.state == FAILED and i.refused for i in w.queue.model.items())
    assert len(w.queue.model.items()) == (action == "Enter" and kind == "file")
    assert os.path.exists(os.path.join(w.srv.root, "evil", "sub", "inner.txt"))


@pytest.mark.parametrize("evil", ["LIST"], indirect=True)
def test_the_refusal_is_said_in_chinese(qtbot, chinese, evil):
    """In Chinese: the window's sentence, the CLI's reason in it, and the Failed tab's."""
    w, local = evil
    w.remote.select(["sub/inner.txt"])
    w.act_delete.trigger()
    qtbot.waitUntil(lambda: "sub/inner.txt" in w.statusBar().currentMessage(), timeout=WAIT)
    assert w.statusBar().currentMessage() == (
        "删除：无法进行，因为此名称不指向该文件夹中的任何文件。不安全的名称 'sub/inner.txt'：名称包含路径分隔符。"
    )
    w.remote.select(["con\\back.txt", "/abs.txt", "../escaped.txt"])
    w.act_download.trigger()
    items = finished(qtbot, w, 3)
    assert w.statusBar().currentMessage() == (
        "3 项中有 3 项未下载：它们的名称不能安全地用作本地文件名（../escaped.txt、/abs.txt、con\\back.txt）。"
    )
    assert w.queue.model.cell_text(items["/evil/con\\back.txt"], COL_STATE).endswith(
        "不安全的名称 'con\\back.txt'：名称包含路径分隔符"
    )
    assert files_under(local) == [] and sent(w.srv, "RETR") == []


def test_such_a_row_dragged_onto_a_folder_in_the_remote_pane_is_not_moved(qtbot, evil):
    """A drag within the remote pane moves (RNFR/RNTO): of "sub/inner.txt", it would have moved
    /evil/sub/inner.txt. Refused in the same words, nothing sent."""
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QDropEvent

    w, _local = evil
    os.mkdir(os.path.join(w.srv.root, "evil", "into"))
    w.navigate("/evil", refresh=True)
    qtbot.waitUntil(lambda: w.remote.model.row_of("into") >= 0, timeout=WAIT)
    wait_listing(qtbot, w, "/evil")
    model, view = w.remote.model, w.remote.view
    mime = model.mimeData([model.index(model.row_of("sub/inner.txt"), 0)])
    at = view.visualRect(model.index(model.row_of("into"), 0)).center()
    before = list(w.srv.record.commands)
    drop = QDropEvent(
        QPointF(at), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
        QEvent.Type.Drop,
    )  # fmt: skip
    view.dropEvent(drop)
    assert drop.isAccepted()  # (a move onto a folder: the window is asked, and refuses)
    assert f"Unsafe name 'sub/inner.txt': {SEPARATOR}" in w.statusBar().currentMessage()
    qtbot.wait(200)
    assert w.srv.record.commands == before
    assert os.path.exists(os.path.join(w.srv.root, "evil", "sub", "inner.txt"))


def test_a_drop_onto_a_folder_row_named_with_a_slash_goes_nowhere(qtbot, window, make_server, tmp_path):
    """The row dropped ON was not checked (found by a review of note 247): a folder listed as "sub/deep" in /evil
    took a remote row's move (RNFR /evil/good.txt, RNTO /evil/sub/deep/good.txt) and a local file's upload (STOR
    /evil/sub/deep/up.txt) into another folder than the row, nothing said. Now neither is made, and it is said
    in the same words."""
    from PySide6.QtCore import QEvent, QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    srv = make_server("127.0.0.1", listed_as={"row-dir": "sub/deep"})
    root = Path(srv.root)
    (root / "evil" / "row-dir").mkdir(parents=True)
    (root / "evil" / "sub" / "deep").mkdir(parents=True)
    (root / "evil" / "good.txt").write_bytes(b"good")
    up = tmp_path / "up.txt"
    up.write_bytes(b"up")
    quick_connect(qtbot, window, srv)
    wait_listing(qtbot, window, "/")
    window.navigate("/evil")
    wait_listing(qtbot, window, "/evil")
    model, view = window.remote.model, window.remote.view
    assert model.row_of("sub/deep") >= 0
    at = QPointF(view.visualRect(model.index(model.row_of("sub/deep"), 0)).center())
    before = list(srv.record.commands)
    urls = QMimeData()
    urls.setUrls([QUrl.fromLocalFile(str(up))])
    for mime, action in (
        (model.mimeData([model.index(model.row_of("good.txt"), 0)]), Qt.DropAction.MoveAction),
        (urls, Qt.DropAction.CopyAction),
    ):
        window.statusBar().clearMessage()
        drop = QDropEvent(at, action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QEvent.Type.Drop)
        view.dropEvent(drop)
        assert not drop.isAccepted()
        assert f"Unsafe name 'sub/deep': {SEPARATOR}" in window.statusBar().currentMessage()
    qtbot.wait(300)
    assert [c for c in srv.record.commands[len(before) :] if c.split(" ")[0] in ("RNFR", "RNTO", "STOR")] == []
    assert not window.queue.model.items()
    assert sorted(os.listdir(root / "evil" / "sub" / "deep")) == []
    assert (root / "evil" / "good.txt").exists()
