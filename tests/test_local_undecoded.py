"""A local file whose name is not UTF-8 is listed in the local pane, escaped as the remote pane shows such names,
and can be uploaded, renamed and deleted from the app with its real bytes (design note 406, found by QA: a file a
download wrote byte for byte from a server's listing — ``bad\\xff\\xfe\\xc3(.txt`` — was not in the local list at
all, F5 or not: Qt leaves out every name that is not UTF-8).

Real files made with ``os.open`` of bytes, the real window and its local pane (pytest-qt), pyftpdlib (its
handler set to read command bytes with ``surrogateescape``, UTF8 in its FEAT, as the QA's server that listed such
a name: the name it writes is the bytes sent)."""

from __future__ import annotations

import os
import sys

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from ftpgui.ui.local_pane import LocalPane

from guihelpers import WAIT, quick_connect, wait_listing

pytestmark = [pytest.mark.gui, pytest.mark.skipif(sys.platform == "win32", reason="Windows names are UTF-16")]

BAD = b"bad\xff\xfe\xc3(.txt"
OTHER = b"other\xe9.log"  # (Latin-1's é: one byte that is no UTF-8)


def make(folder, name: bytes, data: bytes) -> str:
    """The file ``name`` (bytes) in ``folder``, written with ``data``; its path as Python names it."""
    fd = os.open(os.path.join(os.fsencode(str(folder)), name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    os.write(fd, data)
    os.close(fd)
    return os.path.join(str(folder), os.fsdecode(name))


def read(path: bytes) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return b""


def shown(pane: LocalPane) -> list:
    root = pane.view.rootIndex()
    proxy = pane.list_proxy
    return [proxy.index(r, 0, root).data() for r in range(proxy.rowCount(root))]


def test_a_name_that_is_not_utf8_is_listed_escaped_and_refreshed(qtbot, tmp_path):
    (tmp_path / "good.txt").write_bytes(b"g")
    bad = make(tmp_path, BAD, b"12345")
    pane = LocalPane()
    qtbot.addWidget(pane)
    pane.set_path(str(tmp_path))
    pane.show()
    qtbot.waitUntil(lambda: len(shown(pane)) == 2, timeout=WAIT)
    assert shown(pane) == [r"bad\xff\xfe\xc3(.txt", "good.txt"]  # (the old code: only good.txt, F5 or not)
    pane.select([os.path.basename(bad)])
    assert pane.selected_paths() == [bad]  # the real name's bytes, as os.fsdecode gives them
    row = pane.view.selectionModel().selectedRows(1)[0]
    assert row.data() == "5 B"
    # a file made (then one gone) while the folder is shown, Qt's watcher saying nothing: listed all the same
    other = make(tmp_path, OTHER, b"x")
    qtbot.waitUntil(lambda: r"other\xe9.log" in shown(pane), timeout=WAIT)
    os.unlink(other)
    qtbot.waitUntil(lambda: len(shown(pane)) == 2, timeout=WAIT)
    make(tmp_path, b".hidden\xff", b"h")  # a hidden one: only with hidden files shown
    pane.set_show_hidden(True)
    qtbot.waitUntil(lambda: r".hidden\xff" in shown(pane) and len(shown(pane)) == 3, timeout=WAIT)
    pane.set_show_hidden(False)
    qtbot.waitUntil(lambda: len(shown(pane)) == 2, timeout=WAIT)
    pane.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert shown(pane) == ["good.txt", r"bad\xff\xfe\xc3(.txt"]
    pane.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    pane.refresh()  # F5: still there
    qtbot.waitUntil(lambda: not pane._fresh_timer.isActive() and pane._fresh is None, timeout=WAIT)
    qtbot.waitUntil(lambda: shown(pane) == [r"bad\xff\xfe\xc3(.txt", "good.txt"], timeout=WAIT)


def test_upload_rename_and_delete_use_the_real_bytes(qtbot, window, make_server, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the system trash, inside the test
    srv = make_server("127.0.0.1", legacy_names=True, feat_utf8=True)  # (UTF8 in FEAT; writes the bytes it is sent)
    work = tmp_path / "work"
    work.mkdir()
    bad = make(work, BAD, b"bad bytes")
    other = make(work, OTHER, b"other")
    w = window
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    w.local.set_path(str(work))
    qtbot.waitUntil(lambda: len(shown(w.local)) == 2, timeout=WAIT)

    # upload: STOR with the name's bytes; the server writes a file of that very name
    w.set_active_side("local")
    w.local.select([os.path.basename(bad)])
    w.act_upload.trigger()
    served = os.path.join(os.fsencode(srv.root), BAD)
    qtbot.waitUntil(lambda: read(served) == b"bad bytes", timeout=WAIT)

    # rename: asked with the name as shown, renamed on the disk by its bytes
    w.local.select([os.path.basename(other)])
    w.act_rename.trigger()
    assert w.prompt.textValue() == r"other\xe9.log"
    w.prompt.setTextValue("renamed.log")
    w.prompt.accept()
    qtbot.waitUntil(lambda: (work / "renamed.log").exists(), timeout=WAIT)
    assert not os.path.exists(os.fsencode(other))
    qtbot.waitUntil(lambda: sorted(shown(w.local)) == [r"bad\xff\xfe\xc3(.txt", "renamed.log"], timeout=WAIT)

    # delete: to the trash, the name's bytes kept
    w.local.select([os.path.basename(bad)])
    w.act_delete.trigger()
    assert r"bad\xff\xfe\xc3(.txt" in w.prompt.text()
    w.prompt.yes_button.click()
    qtbot.waitUntil(lambda: not os.path.exists(os.fsencode(bad)), timeout=WAIT)
    trash = tmp_path / "data" / "Trash"
    assert os.listdir(os.fsencode(str(trash / "files"))) == [BAD]
    info = (trash / "info" / (os.fsdecode(BAD) + ".trashinfo")).read_bytes()
    assert b"Path=" + os.fsencode(str(work)) + b"/bad%FF%FE%C3%28.txt" in info
    qtbot.waitUntil(lambda: shown(w.local) == ["renamed.log"], timeout=WAIT)
    QCoreApplication.processEvents()


def test_its_selection_holds_when_the_model_sorts_again(qtbot, tmp_path):
    """Found by QA (note 406's addendum): selected, such a file lost its selection a second later when a file
    came in a folder the model had read (the folder above, a sibling): the model sorts again, and the added row
    has no source index to be carried by — Upload, F2 and Delete then acted on nothing, unsaid."""
    loc = tmp_path / "loc"
    (loc / "A").mkdir(parents=True)
    (loc / "B" / "Bsub").mkdir(parents=True)
    (loc / "B" / "b1.txt").write_bytes(b"b")
    bad = make(loc / "B", BAD, b"12345")
    pane = LocalPane()
    qtbot.addWidget(pane)
    pane.set_path(str(loc / "B"))
    pane.show()
    qtbot.waitUntil(lambda: len(shown(pane)) == 3, timeout=WAIT)
    pane.select([os.path.basename(bad)])
    assert pane.selected_paths() == [bad]
    for made in (loc / "new.txt", loc / "B" / "Bsub" / "x.txt", loc / "zz.txt"):
        with qtbot.waitSignal(pane.list_proxy.layoutChanged, timeout=WAIT):
            made.write_bytes(b"n")
        QCoreApplication.processEvents()
        assert pane.selected_paths() == [bad], made  # (the old code: [])
        current = pane.list_proxy.mapToSource(pane.view.currentIndex())
        assert pane.model.filePath(current) == bad
    pane.select(["b1.txt"])  # a plain row's selection is the model's own, as before
    with qtbot.waitSignal(pane.list_proxy.layoutChanged, timeout=WAIT):
        (loc / "later.txt").write_bytes(b"n")
    assert pane.selected_paths() == [str(loc / "B" / "b1.txt")]
