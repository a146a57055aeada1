"""Found by QA (data loss): F2 on a.txt, typed b.bin, OK — RNFR/RNTO went out unasked, and the server (RNTO
replaces on pyftpdlib, vsftpd and the other Unix daemons) replaced b.bin: the old b.bin was gone. The window
now looks in the folder's listing first and asks ("b.bin already exists on HOST. Replace it?", Cancel the
default); a folder in the way is refused. Names are the bytes the server listed; on a server that takes names
differing only in case for one (IIS's greeting here), the name ignoring case too, though a rename that only
changes an entry's case is a plain rename."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QInputDialog, QMessageBox
from test_legacy_names_gui import FILES, GBK_SAME, UTF8_ONLY, UTF8_SAME, legacy, on_disk, select_listed  # noqa: F401
from test_legacy_names_gui import connect as connect_legacy

from conftest import need
from guihelpers import WAIT, answer_plain_ftp, fill_server, names, quick_connect, type_in, wait_listing

pytestmark = pytest.mark.gui


def content(srv, *parts: str) -> bytes:
    with open(srv.path(*parts), "rb") as f:
        return f.read()


def connected(qtbot, w, srv) -> None:
    fill_server(srv)
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")


def rename(qtbot, w, name: str, new: str, key: bool = False) -> None:
    """Select ``name`` in the remote list, Rename (F2 with ``key``, as a person presses it), type ``new``, OK."""
    w.set_active_side("remote")
    w.remote.select([name])
    assert [e.name for e in w.remote.selected_entries()] == [name]
    if key and QGuiApplication.platformName() == "offscreen":
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow)
        qtbot.keyClick(w.remote.view, Qt.Key.Key_F2)
    else:
        w.act_rename.trigger()
    qtbot.waitUntil(lambda: isinstance(w.prompt, QInputDialog), timeout=WAIT)
    w.prompt.setTextValue(new)
    w.prompt.accept()


def replace_question(qtbot, w, text: str) -> QMessageBox:
    qtbot.waitUntil(lambda: isinstance(w.prompt, QMessageBox) and w.prompt.isVisible(), timeout=WAIT)
    box = w.prompt
    assert box.text() == text
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    return box


def cancel(qtbot, w, box: QMessageBox) -> None:
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.wait(100)
    qtbot.waitUntil(lambda: not w.browser.busy, timeout=WAIT)


def test_a_rename_onto_an_existing_file_asks_cancel_keeps_both_yes_replaces(qtbot, window, make_server):
    srv = make_server()
    w = window
    connected(qtbot, w, srv)
    rename(qtbot, w, "a.txt", "b.bin", key=True)
    box = replace_question(qtbot, w, f"b.bin already exists on {srv.host}. Replace it?")
    assert "RNFR" not in srv.record.verbs()  # asked before anything was sent
    cancel(qtbot, w, box)
    assert "RNFR" not in srv.record.verbs()
    assert content(srv, "a.txt") == b"a" * 10 and content(srv, "b.bin") == b"b" * 5000
    rename(qtbot, w, "a.txt", "b.bin")
    replace_question(qtbot, w, f"b.bin already exists on {srv.host}. Replace it?").yes_button.click()
    qtbot.waitUntil(lambda: names(w) == ["sub", "b.bin"], timeout=WAIT)
    assert content(srv, "b.bin") == b"a" * 10 and not os.path.exists(srv.path("a.txt"))
    assert [e.name for e in w.remote.selected_entries()] == ["b.bin"]


def test_a_hidden_file_or_a_folder_in_the_way(qtbot, window, make_server):
    """The listing, not the rows shown: a hidden file is asked about too; a folder of the name is refused."""
    srv = make_server()
    w = window
    connected(qtbot, w, srv)
    assert ".hidden" not in names(w)
    rename(qtbot, w, "a.txt", ".hidden")
    cancel(qtbot, w, replace_question(qtbot, w, f".hidden already exists on {srv.host}. Replace it?"))
    rename(qtbot, w, "a.txt", "sub")
    qtbot.waitUntil(lambda: "A folder named sub already exists" in w.log.toPlainText(), timeout=WAIT)
    assert f"A folder named sub already exists on {srv.host}. Choose another name." in w.log.toPlainText()
    assert not isinstance(w.prompt, QMessageBox) or not w.prompt.isVisible()
    assert "RNFR" not in srv.record.verbs() and content(srv, "a.txt") == b"a" * 10
    assert sorted(os.listdir(srv.path("sub"))) == ["inner.txt"]


def test_case_is_another_name_on_a_unix_daemon(qtbot, window, make_server):
    srv = make_server()
    w = window
    connected(qtbot, w, srv)
    rename(qtbot, w, "a.txt", "B.BIN")
    qtbot.waitUntil(lambda: "B.BIN" in names(w), timeout=WAIT)
    assert content(srv, "b.bin") == b"b" * 5000 and content(srv, "B.BIN") == b"a" * 10


def test_on_a_server_that_folds_case_a_name_one_case_apart_is_asked_about(qtbot, window, make_server):
    """IIS's greeting: B.BIN is b.bin there (this test server takes it so, as NTFS does). a.txt renamed A.TXT
    is a plain rename, not a replacement of another file."""
    srv = make_server(folds_case=True)
    w = window
    connected(qtbot, w, srv)
    rename(qtbot, w, "a.txt", "B.BIN")
    box = replace_question(qtbot, w, f"b.bin already exists on {srv.host}. Replace it?")  # the name listed
    cancel(qtbot, w, box)
    assert "RNFR" not in srv.record.verbs() and content(srv, "b.bin") == b"b" * 5000
    rename(qtbot, w, "a.txt", "A.TXT")
    qtbot.waitUntil(lambda: "A.TXT" in names(w), timeout=WAIT)
    assert "RNTO /A.TXT" in srv.record.commands and content(srv, "A.TXT") == b"a" * 10
    assert content(srv, "b.bin") == b"b" * 5000


def test_on_a_legacy_server_the_file_with_the_bytes_sent_is_the_one_asked_about(qtbot, window, legacy):  # noqa: F811
    """Two files read 日本.txt (UTF-8 and GBK bytes): the typed name goes out as the UTF-8 one was listed, so
    that one is replaced on Yes; the GBK one stays as it was."""
    w = window
    connect_legacy(qtbot, w, legacy)
    select_listed(w, UTF8_ONLY)
    w.act_rename.trigger()
    qtbot.waitUntil(lambda: isinstance(w.prompt, QInputDialog), timeout=WAIT)
    w.prompt.setTextValue("日本.txt")
    w.prompt.accept()
    replace_question(qtbot, w, f"日本.txt already exists on {legacy.host}. Replace it?").yes_button.click()
    qtbot.waitUntil(lambda: UTF8_ONLY not in on_disk(legacy), timeout=WAIT)
    assert on_disk(legacy) == {UTF8_SAME: FILES[UTF8_ONLY], GBK_SAME: FILES[GBK_SAME]}


def test_vsftpd_asks_before_a_rename_would_replace(qtbot, window, tmp_path_factory):
    from daemons import start_vsftpd, vsftpd_usable

    need(vsftpd_usable(), "vsftpd is not installed (apt-get install vsftpd) or the tests are not root")
    daemon = start_vsftpd(tmp_path_factory.mktemp("vsftpd"))
    try:
        daemon.put_file("a.txt", b"aaa")
        daemon.put_file("b.bin", b"bbb")
        w = window
        type_in(w, daemon.host, str(daemon.port), daemon.user, daemon.password)
        answer_plain_ftp(qtbot, w)
        wait_listing(qtbot, w, "/")
        w.navigate("/pub")
        qtbot.waitUntil(lambda: names(w) == ["a.txt", "b.bin"] and not w.browser.busy, timeout=WAIT)
        rename(qtbot, w, "a.txt", "b.bin")
        cancel(qtbot, w, replace_question(qtbot, w, f"b.bin already exists on {daemon.host}. Replace it?"))
        assert (daemon.writable / "a.txt").read_bytes() == b"aaa" and (daemon.writable / "b.bin").read_bytes() == b"bbb"
        rename(qtbot, w, "a.txt", "b.bin")
        replace_question(qtbot, w, f"b.bin already exists on {daemon.host}. Replace it?").yes_button.click()
        qtbot.waitUntil(lambda: names(w) == ["b.bin"], timeout=WAIT)
        assert (daemon.writable / "b.bin").read_bytes() == b"aaa"
    finally:
        daemon.stop()
