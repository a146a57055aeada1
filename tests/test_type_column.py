"""The Type column of both panes, over real files and a real pyftpdlib listing: a file the MIME database has
no name for says "DAT file" (its extension upper-cased), one without an extension "File", in both panes alike
and in Chinese too (design note 282; QA found "unknown" in the local pane for a ``.dat`` file)."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QMimeDatabase, Qt

from ftpgui.ui.local_model import LOCAL_COL_TYPE
from ftpgui.ui.remote_model import COL_TYPE

from guihelpers import WAIT, close_window, open_window, quick_connect, wait_listing

pytestmark = pytest.mark.gui
FILES = {
    "data.dat": bytes(range(256)) * 4,  # binary bytes: the system's guess from them was "unknown"
    "notes.dat": b"plain words\n",  # text bytes: the guess was "plain text document"
    "UPPER.DAT": b"\x00\x01",
    "empty.txt": b"",  # the guess from no bytes was "empty document"
    "rawdump": b"\x00" * 10,
    "photo.jpg": b"\xff\xd8\xff\xe0" + b"\x00" * 100,
    "backup.tar.gz": b"\x1f\x8b" + b"\x00" * 20,
    ".hidden.xyz": b"x",
}


@pytest.fixture(params=["en", "zh_CN"])
def language(request) -> str:
    """The language installed before the window opens, as the app does."""
    if request.param == "zh_CN":
        request.getfixturevalue("chinese")
    return request.param


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch, make_server, language):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    srv = make_server("127.0.0.1")
    local = tmp_path / "local"
    local.mkdir()
    for root in (srv.path(), str(local)):
        os.mkdir(os.path.join(root, "folder"))
        for name, data in FILES.items():
            with open(os.path.join(root, name), "wb") as f:
                f.write(data)
    w = open_window(qtbot)
    w.resize(1366, 768)
    w.local.set_show_hidden(True)
    w.remote.model.set_show_hidden(True)
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    w.local.set_path(str(local))
    qtbot.waitUntil(lambda: w.local.list_proxy.rowCount(w.local.view.rootIndex()) == len(FILES) + 1, timeout=WAIT)
    qtbot.waitUntil(lambda: w.remote.model.rowCount() == len(FILES) + 1, timeout=WAIT)
    yield w
    close_window(qtbot, w)


def local_type(w, name: str) -> str:
    src = w.local.model.index(os.path.join(w.local.path, name))
    return w.local.list_proxy.mapFromSource(src).siblingAtColumn(LOCAL_COL_TYPE).data()


def remote_type(w, name: str) -> str:
    return w.remote.model.index(w.remote.model.row_of(name), COL_TYPE).data()


def test_both_panes_name_a_files_type_alike(window, language):
    w = window
    mime = QMimeDatabase()
    expected = {
        "data.dat": "DAT file",
        "notes.dat": "DAT file",
        "UPPER.DAT": "DAT file",
        "empty.txt": mime.mimeTypeForName("text/plain").comment(),
        "rawdump": "File",
        "photo.jpg": mime.mimeTypeForName("image/jpeg").comment(),
        "backup.tar.gz": mime.mimeTypeForName("application/x-compressed-tar").comment(),
        ".hidden.xyz": "XYZ file",
        "folder": "Folder",
    }
    if language == "zh_CN":
        chinese = {"DAT file": "DAT 文件", "File": "文件", "XYZ file": "XYZ 文件", "Folder": "文件夹"}
        expected = {name: chinese.get(words, words) for name, words in expected.items()}
        assert expected["photo.jpg"] != "JPEG image"  # the MIME database's own words are in Chinese too
    local = {name: local_type(w, name) for name in expected}
    remote = {name: remote_type(w, name) for name in expected}
    assert local == expected
    assert remote == expected
    # both panes sort by the words shown
    w.remote.view.sortByColumn(COL_TYPE, Qt.SortOrder.AscendingOrder)
    files = [e.name for e in w.remote.model.entries() if e.type == "file"]
    words = [remote_type(w, name).casefold() for name in files]
    assert words == sorted(words)
