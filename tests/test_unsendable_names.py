"""Names no FTP command can carry (design note 186): a server lists a file whose name holds a CR (or LF, NUL).
The engine refuses to send such a name (a CR ends a command; RFC 959's CR NUL is not read back as a CR:
pyftpdlib takes the NUL into the path and drops the connection), so the window says so before it asks anything
— Delete, Rename, Permissions, View, Edit asked first and only then failed ("Refused to send a command
containing CR") — and a folder download holding such an entry fails that one entry in words and copies the
rest, in the window's queue and in ``ftpgui-cli get -r`` (each left it out as a local name's "skip": the
window said nothing, the CLI exited 0)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from test_keys_focus import press

from ftpgui.ftp.safetext import UNSAFE
from ftpgui.transfers.items import DONE, FAILED

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, names, quick_connect, wait_listing
from test_cli import run

CR = "x\ry.txt"  # shown as x\x0dy.txt
ODD = "z\rz.txt"
CR_FOLDER = "e\rf"
WORDS = "its name holds the control character CR, which FTP cannot send to a server; not downloaded"


def said(action: str, name: str = "x\\x0dy.txt") -> str:
    return (
        f"{action}: not possible, because the name {name} holds the control character CR, which FTP cannot send "
        "to a server."
    )


def odd_server(make_server):
    """A pyftpdlib server listing a file with a CR in its name beside a plain one, a folder holding another, and
    a folder with a CR in its name."""
    srv = make_server("127.0.0.1")
    os.mkdir(srv.path("d"))
    os.mkdir(srv.path(CR_FOLDER))
    for path in (CR, ODD, "fine.txt", os.path.join("d", "a\rb.txt"), os.path.join("d", "ok.txt")):
        Path(srv.path(path)).write_bytes(b"x")
    return srv


def connected(qtbot, window, make_server, tmp_path):
    """(``odd_server``, the local folder the window downloads into): the window connected to the one, its
    remote pane listing its root, its local pane showing the other."""
    srv = odd_server(make_server)
    local = tmp_path / "local"
    local.mkdir()
    window.local.set_path(str(local))
    quick_connect(qtbot, window, srv)
    wait_listing(qtbot, window, "/")
    window.set_active_side("remote")
    return srv, local


def no_question(window) -> bool:
    """Nothing asked: no prompt of the window's, no dialog or message box shown."""
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, (QDialog, QMessageBox)) and w.isVisible()]
    return window.prompt is None and shown == []


def test_actions_on_a_name_ftp_cannot_send_are_refused_before_any_question(qtbot, window, make_server, tmp_path):
    srv, _local = connected(qtbot, window, make_server, tmp_path)
    assert sorted(names(window)) == sorted([CR, ODD, CR_FOLDER, "d", "fine.txt"])
    sent = len(srv.record.commands)
    status = window.statusBar()
    for action, words in (
        (window.act_delete, "Delete"),
        (window.act_rename, "Rename"),
        (window.act_permissions, "File Permissions"),
        (window.remote_edit.act_view, "View File"),
        (window.remote_edit.act_edit, "Edit File"),
    ):
        window.remote.select([CR])
        action.trigger()
        assert no_question(window), words  # (the old code asked here: "Delete the file x\x0dy.txt…?")
        assert status.currentMessage() == said(words)
        assert said(words) in window.log.toPlainText()
    window.remote.select([CR, ODD, "fine.txt"])  # a selection holding such names: refused whole
    window.act_delete.trigger()
    assert no_question(window)
    assert status.currentMessage() == (
        "Delete: not possible, because 2 of the selected names, x\\x0dy.txt among them, hold control "
        "characters (CR, LF or NUL) that FTP cannot send to a server."
    )
    window.move_remote([("/" + CR, b"/x\ry.txt")], "/d")  # (what a drag onto the folder "d" asks)
    assert no_question(window) and status.currentMessage() == said("Move")
    # Delete in the folder tree on such a folder (it asked "Delete the folder e\x0df from the server?")
    window.remote.tree.select("/" + CR_FOLDER)
    press(qtbot, window, window.remote.tree_view, Qt.Key.Key_Delete)
    assert no_question(window) and status.currentMessage() == said("Delete", "e\\x0df")
    # Download: said at once, its item failed in the same words, not retried, and no Retry offered
    window.remote.select([CR])
    window.act_download.trigger()
    assert no_question(window) and status.currentMessage() == (
        "x\\x0dy.txt was not downloaded: its name holds the control character CR, which FTP cannot send to a server."
    )
    queue = window.queue
    (item,) = queue.model.items()
    assert item.state == FAILED and item.error == WORDS and item.attempts == 0
    assert "retry" not in queue.applicable([item.id])
    assert not any(UNSAFE.search(line) for line in window.log.toPlainText().split("\n"))  # (said escaped)
    # nothing was sent for any of it, and the files are as they were
    assert not set(srv.record.verbs()[sent:]) & {"DELE", "RMD", "RNFR", "SITE", "RETR", "SIZE", "MDTM", "CWD", "MLST"}
    assert Path(srv.path(CR)).read_bytes() == b"x" and os.path.exists(srv.path("fine.txt"))
    assert os.path.isdir(srv.path(CR_FOLDER))


def test_a_folder_holding_such_a_name_downloads_the_rest_and_fails_that_entry_in_words(
    qtbot, chinese, window, make_server, tmp_path
):
    """In Chinese: the queue's words for the entry, and the window's for an action refused."""
    from ftpgui.transfers.model import COL_STATE

    srv, local = connected(qtbot, window, make_server, tmp_path)
    window.remote.select(["d"])
    window.act_download.trigger()
    queue = window.queue
    qtbot.waitUntil(lambda: len(queue.model.items()) == 2 and queue.is_idle(), timeout=WAIT)
    items = {i.remote: i for i in queue.model.items()}
    odd, ok = items["/d/a\rb.txt"], items["/d/ok.txt"]
    assert odd.state == FAILED and odd.error == WORDS and odd.attempts == 0
    assert "retry" not in queue.applicable([odd.id])
    assert ok.state == DONE and (local / "d" / "ok.txt").read_bytes() == b"x"
    assert os.listdir(local / "d") == ["ok.txt"]
    assert [c for c in srv.record.commands if c.startswith("RETR")] == ["RETR /d/ok.txt"]
    assert queue.model.cell_text(odd, COL_STATE) == "失败：其名称含有控制字符 CR，FTP 无法把它发送给服务器；未下载"
    window.remote.select([CR])
    window.act_delete.trigger()
    assert no_question(window)
    assert window.statusBar().currentMessage() == (
        "删除：无法进行，因为名称 x\\x0dy.txt 含有控制字符 CR，FTP 无法把它发送给服务器。"
    )
    # a folder named with a CR, opened from the list (Enter) and from the tree (a click): said in the same words
    # before anything is sent (the engine's "Refused to send a command containing CR" was all that was said)
    os.mkdir(srv.path("g\rh"))
    window.navigate("/", refresh=True)
    qtbot.waitUntil(lambda: "g\rh" in names(window) and not window.remote_browser.connection.busy, timeout=WAIT)
    sent = len(srv.record.commands)
    words = "打开文件夹：无法进行，因为名称 g\\x0dh 含有控制字符 CR，FTP 无法把它发送给服务器。"
    window.remote.select(["g\rh"])
    qtbot.keyClick(window.remote.view, Qt.Key.Key_Return)
    assert window.statusBar().currentMessage() == words and window.remote.path == "/"
    tree = window.remote.tree
    window.statusBar().clearMessage()
    index = tree._item("/g\rh").index()
    qtbot.mouseClick(tree.view.viewport(), Qt.MouseButton.LeftButton, pos=tree.view.visualRect(index).center())
    assert window.statusBar().currentMessage() == words and window.remote.path == "/"
    qtbot.wait(50)
    assert not [c for c in srv.record.commands[sent:] if c.split()[0] in ("CWD", "MLSD", "LIST")]
    assert "Refused to send" not in window.log.toPlainText()


def test_get_r_fails_such_an_entry_in_words_and_copies_the_rest(make_server, tmp_path):
    srv = odd_server(make_server)
    dest = tmp_path / "dest"
    code, _out, err = run("get", "-r", f"ftp://{USER}:{PASSWORD}@127.0.0.1:{srv.port}/d", str(dest))
    assert code == 1  # (0 before: a "skipped" line)
    assert f"failed /d/a\\x0db.txt: {WORDS}\n" in err
    assert os.listdir(dest) == ["ok.txt"] and (dest / "ok.txt").read_bytes() == b"x"
