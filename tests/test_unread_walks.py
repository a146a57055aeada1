"""The walks that act on a remote folder's contents say the listing lines no format reads (design note 165), as
the pane and ``get -r`` do (note 158): Search Remote Files said "0 found" of a file that was there, listed in a
line no format reads; Delete of its folder failed with a bare "550 Directory not empty"; a recursive permission
change left it as it was without a word. Against pyftpdlib listing a real file so (``unreadable``: its size as
10^20 in LIST, no space before its name in MLSD), through the window's actions and dialogs."""

from __future__ import annotations

import os
import stat

import pytest
from PySide6.QtWidgets import QMessageBox

from ftpgui.explain import describe_error
from ftpgui.ftp import FtpSession, ReplyError, SessionOptions
from ftpgui.ftp.safetext import UnreadLines
from ftpgui.ui.name_hint import NOT_CHANGED, NOT_SEARCHED, unread_words
from ftpgui.ui.remote_browser import CHMOD_ALL, LeftUnread, remove_tree
from ftpgui.ui.search_dialog import SearchDialog

from guihelpers import WAIT, names, quick_connect, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)
from scripted import FakeTree, ScriptedServer, unix_listing

pytestmark = pytest.mark.gui

FILES = {
    "data/found.txt": b"found",
    "data/hidden.txt": b"listed unreadably",
    "data/sub/hidden.txt": b"listed unreadably too",
    "data/sub/seen.txt": b"seen",
}


@pytest.fixture
def srv(make_server):
    srv = make_server("127.0.0.1", unreadable=("hidden.txt",))
    for path, data in FILES.items():
        os.makedirs(os.path.dirname(srv.path(*path.split("/"))), exist_ok=True)
        with open(srv.path(*path.split("/")), "wb") as f:
            f.write(data)
    return srv


@pytest.fixture
def in_data(qtbot, window, srv):
    """The window (conftest's) connected to ``srv``, the remote pane in /data."""
    quick_connect(qtbot, window, srv)
    wait_listing(qtbot, window, "/")
    window.navigate("/data")
    wait_listing(qtbot, window, "/data")
    return window


def errors(w) -> list:
    return [text for kind, text in w.log.lines if kind == "error"]


def quoted_line(name: str) -> str:
    """The end of a quoted unreadable line of ``name`` (its facts or its fields change with time and disk)."""
    return f"{name}”"


# --- Search Remote Files ------------------------------------------------------------------------------------


def search(qtbot, w, folder: str, pattern: str) -> SearchDialog:
    w.filtering.act_search.trigger()
    dialog = w.filtering.search
    dialog.folder.setText(folder)
    dialog.form.pattern.setText(pattern)
    dialog.search_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT)
    return dialog


def test_search_says_the_lines_it_could_not_read_where_it_found_nothing(qtbot, in_data):
    w = in_data
    dialog = search(qtbot, w, "/data/sub", "hidden*")
    assert dialog.results.topLevelItemCount() == 0
    # not a bare "0 found": the folder that may hold it, and why
    assert dialog.status.text() == (
        "0 found in 1 folders. 1 listing line(s) could not be read in /data/sub; what they name is not searched."
    )
    said = "1 line(s) of the listing of /data/sub could not be read; what they name is not searched: “"
    tip = dialog.status.toolTip()
    assert tip.startswith(said) and tip.endswith(quoted_line("hidden.txt")), tip
    assert [t for t in errors(w) if t.startswith(said)] == [tip]  # the window's log has it too


def test_search_counts_the_lines_of_every_folder(qtbot, in_data):
    w = in_data
    dialog = search(qtbot, w, "/data", "*.txt")
    assert sorted(dialog.results.topLevelItem(r).text(0) for r in range(dialog.results.topLevelItemCount())) == [
        "found.txt",
        "seen.txt",
    ]
    assert dialog.status.text() == (
        "2 found in 2 folders. 2 listing lines could not be read in 2 folders; what they name is not searched."
    )
    tips = dialog.status.toolTip().splitlines()
    assert [t.split(";")[0] for t in tips] == [
        "1 line(s) of the listing of /data could not be read",
        "1 line(s) of the listing of /data/sub could not be read",
    ]
    assert all(t.endswith(quoted_line("hidden.txt")) for t in tips)


# --- Delete -----------------------------------------------------------------------------------------------


def test_deleting_a_folder_says_which_lines_kept_it(qtbot, in_data, srv):
    w = in_data
    w.set_active_side("remote")
    w.remote.select(["sub"])
    w.act_delete.trigger()
    assert isinstance(w.prompt, QMessageBox)
    w.prompt.yes_button.click()
    said = (
        "1 line(s) of the listing of /data/sub could not be read; what they name is not deleted, and so neither is "
        "the folder: “"
    )
    qtbot.waitUntil(lambda: any(t.startswith(said) for t in errors(w)), timeout=WAIT)
    (text,) = [t for t in errors(w) if t.startswith(said)]
    # the line, then the server's refusal (it was all the person got: "550 Directory not empty")
    assert quoted_line("hidden.txt") + " The server refused RMD: 550 " in text, text
    assert w.statusBar().currentMessage() == text
    assert os.listdir(srv.path("data", "sub")) == ["hidden.txt"]  # what was read was deleted
    qtbot.waitUntil(lambda: "sub" in names(w) and not w.remote_browser.connection.busy, timeout=WAIT)


def test_a_folder_whose_unreadable_line_named_nothing_is_deleted_without_a_word(tmp_path):
    """The line may name nothing there (a server's stray text): the folder then goes, and nothing is said."""
    listing = unix_listing(("a.txt", "file", 1)) + b"garbage that names nothing\r\n"
    deleting = ("DELE", "RMD")
    tree = FakeTree({"/top": listing}.get, answer=lambda line: ("250 gone",) if line[:4].strip() in deleting else None)
    with ScriptedServer(tree, connections=2, concurrent=True) as srv:
        session = FtpSession(SessionOptions())
        try:
            session.open("127.0.0.1", srv.port, "u", "p")
            remove_tree(session, "/top", True)
        finally:
            session.close()
    assert [c for c in tree.seen if c.split(" ")[0] in deleting] == ["DELE /top/a.txt", "RMD /top"]


# --- Permissions ------------------------------------------------------------------------------------------


def test_a_recursive_permission_change_says_what_it_left_unchanged(qtbot, in_data, srv):
    w = in_data
    for path in FILES:
        os.chmod(srv.path(*path.split("/")), 0o644)
    w.set_active_side("remote")
    w.remote.select(["sub"])
    w.act_permissions.trigger()
    dialog = w.prompt
    dialog.octal.setText("600")
    dialog.octal.textEdited.emit("600")
    dialog.recurse.setChecked(True)
    dialog.apply_to.setCurrentIndex(dialog.apply_to.findData(CHMOD_ALL))
    dialog.accept()
    said = "1 line(s) of the listing of /data/sub could not be read; what they name is not changed: “"
    qtbot.waitUntil(lambda: any(t.startswith(said) for t in errors(w)), timeout=WAIT)
    (text,) = [t for t in errors(w) if t.startswith(said)]
    assert text.endswith(quoted_line("hidden.txt")), text
    assert w.statusBar().currentMessage() == text

    def mode(path: str) -> int:
        return stat.S_IMODE(os.stat(srv.path(*path.split("/"))).st_mode)

    assert mode("data/sub/seen.txt") == 0o600
    assert mode("data/sub/hidden.txt") == 0o644  # (unchanged: the message says so)


# --- in Chinese ---------------------------------------------------------------------------------------------


def test_the_words_in_chinese(chinese):
    unread = UnreadLines("/data/sub", 6, ("a", "b", "c", "d", "e"))  # (six lines, five quoted)
    refused = ReplyError("RMD /data/sub", 550, "Directory not empty.")
    assert describe_error(LeftUnread(unread, refused)) == (
        "/data/sub 的列表中有 6 行无法读取；其所指的内容未被删除，因此该文件夹也未被删除："
        "“a”, “b”, “c”, “d”, “e”, … 服务器拒绝了 RMD：550 Directory not empty."
    )
    assert (
        unread_words(unread, NOT_CHANGED)
        .text()
        .startswith("/data/sub 的列表中有 6 行无法读取；其所指的内容的权限未被更改：“a”")
    )
    assert (
        unread_words(unread, NOT_SEARCHED)
        .text()
        .startswith("/data/sub 的列表中有 6 行无法读取；其所指的内容未被搜索：“a”")
    )


@pytest.mark.parametrize("name", ["../victim.txt", "/etc/victim.txt", "sub/../../victim.txt"])
def test_a_listed_name_with_a_slash_is_never_deleted_by_a_folders_delete(tmp_path, name):
    """A server that lists, in the folder being deleted, a "name" with a "/" in it: that names no entry of this
    folder — joined to the folder's path it names a file elsewhere (``/top/../victim.txt``, or ``/etc/...``
    taken whole). It is not deleted; the folder's RMD is refused ("not empty") and the refusal says a line named
    nothing this folder holds. (It was deleted: DELE of the joined path; found after note 212, where a pattern
    LIST's full path made a folder's Delete delete another folder.)"""
    listing = unix_listing(("a.txt", "file", 1), (name, "file", 1))
    deleting = ("DELE", "RMD")

    def answer(line):
        if line == "RMD /top":
            return ("550 Directory not empty",)
        return ("250 gone",) if line[:4].strip() in deleting else None

    tree = FakeTree({"/top": listing}.get, answer=answer)
    with ScriptedServer(tree, connections=2, concurrent=True) as srv:
        session = FtpSession(SessionOptions())
        try:
            session.open("127.0.0.1", srv.port, "u", "p")
            with pytest.raises(LeftUnread) as caught:
                remove_tree(session, "/top", True)
        finally:
            session.close()
    assert [c for c in tree.seen if c.split(" ")[0] in deleting] == ["DELE /top/a.txt", "RMD /top"]
    assert caught.value.unread.count == 1
