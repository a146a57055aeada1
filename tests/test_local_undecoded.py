"""The local pane says when its folder holds names that are not valid UTF-8 — Qt's model leaves them out of the
list — and lists them in a small window of their own, from which they are uploaded (their bytes on the wire),
renamed and moved to the trash (design note 421; note 406's way, a proxy under the list, was withdrawn for its
cost). Real files made with ``os.open`` of bytes, the real pane and window (pytest-qt), pyftpdlib set to write
the name bytes it is sent (``legacy_names``, UTF8 in its FEAT, as a server listing GBK or Latin-1 names)."""

from __future__ import annotations

import os
import sys

import pytest

from ftpgui.ui.local_pane import LocalPane

from guihelpers import WAIT, quick_connect, wait_listing

pytestmark = [pytest.mark.gui, pytest.mark.skipif(sys.platform == "win32", reason="Windows names are UTF-16")]

CAFE = b"caf\xe9.txt"  # (Latin-1's é: a byte that is no UTF-8)
GBK = b"\xd6\xd0\xce\xc4.log"  # ("中文" in GBK)


def make(folder, name: bytes, data: bytes = b"x") -> str:
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


def listed(pane: LocalPane) -> list:
    root = pane.view.rootIndex()
    proxy = pane.list_proxy
    return sorted(proxy.index(r, 0, root).data() for r in range(proxy.rowCount(root)))


def said(pane: LocalPane) -> str:
    bar = pane.undecoded
    return bar.text.text() if bar.isVisible() else ""


def test_the_bar_says_how_many_names_the_list_cannot_show(qtbot, tmp_path):
    work, plain = tmp_path / "work", tmp_path / "plain"
    work.mkdir()
    plain.mkdir()
    (work / "good.txt").write_bytes(b"g")
    (plain / "normal.txt").write_bytes(b"n")
    make(work, CAFE)
    gbk = make(work, GBK)
    pane = LocalPane()
    qtbot.addWidget(pane)
    pane.set_path(str(plain))
    pane.show()
    qtbot.waitUntil(lambda: listed(pane) == ["normal.txt"] and pane.undecoded.answered, timeout=WAIT)
    assert not pane.undecoded.isVisible()  # a normal folder: no bar

    pane.set_path(str(work))
    text = "2 items here have names that are not valid UTF-8 and are not listed:"
    qtbot.waitUntil(lambda: said(pane) == text, timeout=WAIT)  # (the code before: no bar at all)
    qtbot.waitUntil(lambda: listed(pane) == ["good.txt"], timeout=WAIT)  # the list is Qt's, as it was (its own read)
    assert pane.undecoded.show_button.text() == "Show…"

    # the folder changes on disk: the count follows, and the bar goes with the last such name
    make(work, b"third\xff")
    qtbot.waitUntil(lambda: said(pane).startswith("3 items"), timeout=WAIT)
    os.unlink(os.path.join(os.fsencode(str(work)), CAFE))
    os.unlink(os.path.join(os.fsencode(str(work)), b"third\xff"))
    qtbot.waitUntil(lambda: said(pane).startswith("1 item here has a name"), timeout=WAIT)
    os.unlink(gbk)
    qtbot.waitUntil(lambda: not pane.undecoded.isVisible(), timeout=WAIT)

    # a hidden one counts only with hidden files shown; another folder shown: its own count
    make(work, b".hid\xe9")
    pane.set_show_hidden(True)
    qtbot.waitUntil(lambda: said(pane).startswith("1 item"), timeout=WAIT)
    pane.set_path(str(plain))
    qtbot.waitUntil(lambda: pane.undecoded.answered and not pane.undecoded.isVisible(), timeout=WAIT)
    pane.set_show_hidden(False)
    pane.set_path(str(work))
    qtbot.waitUntil(lambda: pane.undecoded.answered, timeout=WAIT)
    assert not pane.undecoded.isVisible()


def test_the_bar_and_its_list_in_chinese(qtbot, chinese, tmp_path):
    make(tmp_path, CAFE)
    make(tmp_path, GBK)
    pane = LocalPane()
    qtbot.addWidget(pane)
    pane.set_path(str(tmp_path))
    pane.show()
    qtbot.waitUntil(lambda: said(pane) == "此处有 2 项的名称不是有效的 UTF-8，未列出：", timeout=WAIT)
    assert pane.undecoded.show_button.text() == "显示…"
    pane.undecoded.open_list()
    dialog = pane.undecoded.dialog
    assert dialog.windowTitle() == "不是 UTF-8 的名称"
    assert dialog.upload_button.text() == "上传(&U)"
    assert [dialog.list.topLevelItem(r).text(0) for r in range(2)] == [r"caf\xe9.txt", r"\xd6\xd0\xce\xc4.log"]
    dialog.close()


def test_upload_rename_and_trash_from_its_list(qtbot, window, make_server, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the system trash, inside the test
    srv = make_server("127.0.0.1", legacy_names=True, feat_utf8=True)  # (writes the name bytes it is sent)
    work = tmp_path / "work"
    work.mkdir()
    cafe = make(work, CAFE, b"cafe bytes")
    make(work, GBK, b"gbk")
    folder = os.path.join(os.fsencode(str(work)), b"dir\xff")  # a folder too, with a file inside
    os.mkdir(folder)
    make(os.fsdecode(folder), b"inside.txt", b"inside")
    w = window
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    w.local.set_path(str(work))
    bar = w.local.undecoded
    qtbot.waitUntil(lambda: said(w.local).startswith("3 items"), timeout=WAIT)
    bar.show_button.click()
    dialog = bar.dialog
    assert dialog.isVisible()
    rows = [(dialog.list.topLevelItem(r).text(0), dialog.list.topLevelItem(r).text(1)) for r in range(3)]
    assert rows == [(r"caf\xe9.txt", "10 B"), (r"dir\xff", "Folder"), (r"\xd6\xd0\xce\xc4.log", "3 B")]

    # upload: STOR (and MKD) with the names' bytes; the server writes a file and a folder of those very names
    dialog.select([os.fsdecode(CAFE), os.fsdecode(b"dir\xff")])
    assert dialog.selected_paths() == [cafe, os.fsdecode(folder)]
    dialog.upload_button.click()
    served = os.fsencode(srv.root)
    qtbot.waitUntil(lambda: read(os.path.join(served, CAFE)) == b"cafe bytes", timeout=WAIT)
    qtbot.waitUntil(lambda: read(os.path.join(served, b"dir\xff", b"inside.txt")) == b"inside", timeout=WAIT)

    # rename: the window's question, with the name as shown; renamed on the disk by its bytes
    dialog.select([os.fsdecode(GBK)])
    assert dialog.rename_button.isEnabled()
    dialog.rename_button.click()
    assert w.prompt.textValue() == r"\xd6\xd0\xce\xc4.log"
    w.prompt.setTextValue("chinese.log")
    w.prompt.accept()
    qtbot.waitUntil(lambda: read(os.fsencode(str(work / "chinese.log"))) == b"gbk", timeout=WAIT)
    assert not os.path.exists(os.path.join(os.fsencode(str(work)), GBK))
    qtbot.waitUntil(lambda: said(w.local).startswith("2 items"), timeout=WAIT)
    qtbot.waitUntil(lambda: "chinese.log" in listed(w.local), timeout=WAIT)
    names = [dialog.list.topLevelItem(r).text(0) for r in range(dialog.list.topLevelItemCount())]
    assert names == [r"caf\xe9.txt", r"dir\xff"]

    # trash: the local pane's question; the name's bytes kept in the trash; the bar and its window go
    dialog.select([os.fsdecode(CAFE)])
    dialog.trash_button.click()
    assert r"caf\xe9.txt" in w.prompt.text()
    w.prompt.yes_button.click()
    qtbot.waitUntil(lambda: not os.path.exists(os.fsencode(cafe)), timeout=WAIT)
    qtbot.waitUntil(lambda: said(w.local).startswith("1 item here"), timeout=WAIT)
    trash = tmp_path / "data" / "Trash"
    assert os.listdir(os.fsencode(str(trash / "files"))) == [CAFE]
    info = (trash / "info" / (os.fsdecode(CAFE) + ".trashinfo")).read_bytes()
    assert b"Path=" + os.fsencode(str(work)) + b"/caf%E9.txt" in info
    os.rename(folder, os.path.join(os.fsencode(str(work)), b"dir"))  # (the last one, renamed elsewhere)
    qtbot.waitUntil(lambda: not bar.isVisible() and bar.dialog is None, timeout=WAIT)
