"""The window on a server that lists names in two codecs (found by QA): UTF-8 names and GBK names, no UTF8 in
FEAT, and a site set to "auto:gbk" (UTF-8 where a name is valid UTF-8, else GBK; typed names go out in GBK).
The same text can name two files — 日本.txt in UTF-8 and in GBK — and a connection that did not list a name
cannot tell which bytes it came as: every action on a listed entry sends the bytes the server listed (in the
remote pane and in the results of Search Remote Files)."""

from __future__ import annotations

import dataclasses
import os
import shlex
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QStyleOptionViewItem
from test_remote_edit import EDITOR, idle, question

from ftpgui.sites.store import Site
from ftpgui.ui.remote_model import COL_NAME, COLUMN_COUNT
from ftpgui.ui.search_dialog import HitRole, SearchDialog

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, quick_connect, wait_listing

pytestmark = pytest.mark.gui

UTF8_SAME, GBK_SAME = "日本.txt".encode(), "日本.txt".encode("gbk")  # both read "日本.txt"
UTF8_ONLY = "中国.txt".encode()  # GBK can write 中国 too, as other bytes: only the listed bytes find it
FILES = {UTF8_SAME: b"utf-8 one\n", GBK_SAME: b"gbk one\n", UTF8_ONLY: b"utf-8 only\n"}


@pytest.fixture
def legacy(make_server):
    srv = make_server(legacy_names=True)
    for name, data in FILES.items():
        with open(os.path.join(os.fsencode(srv.root), name), "wb") as f:
            f.write(data)
    return srv


@pytest.fixture
def editor(tmp_path) -> str:
    """test_remote_edit's editor (it appends a line to the copy), as the person's editor command."""
    script = tmp_path / "editor.py"
    script.write_text(EDITOR)
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))} {shlex.quote(str(tmp_path / 'editor.log'))}"


def utf8_folder(srv) -> bytes:
    """A folder named 资料 in UTF-8 holding a 日本.txt in UTF-8 ("inside"); its path on disk."""
    folder = os.path.join(os.fsencode(srv.root), "资料".encode())
    os.mkdir(folder)
    with open(os.path.join(folder, UTF8_SAME), "wb") as f:
        f.write(b"inside\n")
    return folder


def on_disk(srv) -> dict:
    """The server folder's files and contents; read again when a file goes between the listing and the read
    (the server renames while this polls: an edit's upload goes by a temporary name, a rename is a rename)."""
    root = os.fsencode(srv.root)
    while True:
        found = {}
        try:
            for name in os.listdir(root):
                with open(os.path.join(root, name), "rb") as f:
                    found[name] = f.read()
        except FileNotFoundError:
            continue
        return found


def connect(qtbot, w, srv, **prefs) -> None:
    w.apply_preferences(dataclasses.replace(w.prefs, **prefs))
    site = Site(id="g" * 32, name="Legacy", host=srv.host, port=srv.port, user=USER, encoding="auto:gbk")
    site.protocol = "ftp-plain"
    w.connect_site(site, PASSWORD)
    qtbot.waitUntil(lambda: w.remote.path == "/" and not w.remote_browser.connection.busy, timeout=WAIT)


def select_listed(w, raw: bytes):
    """Select the row listed with these bytes (rows that read the same are told apart by what was listed)."""
    model = w.remote.model
    (row,) = [r for r in range(model.rowCount()) if model.entry(r).raw_name == raw]
    w.set_active_side("remote")
    view = w.remote.view
    view.selectionModel().clearSelection()
    view.selectRow(row)
    return model.entry(row)


def test_downloads_of_names_listed_in_either_codec_fetch_those_files(qtbot, window, legacy, tmp_path):
    w = window
    connect(qtbot, w, legacy)
    assert sorted(e.name for e in w.remote.model.entries()) == ["中国.txt", "日本.txt", "日本.txt"]
    for raw in (UTF8_ONLY, UTF8_SAME):
        down = tmp_path / raw.hex()
        down.mkdir()
        w.local.set_path(str(down))
        select_listed(w, raw)
        w.act_download.trigger()  # on a transfer connection, which did not list the folder
        qtbot.waitUntil(w.queue.is_idle, timeout=WAIT)
        assert [(i.state, i.error) for i in w.queue.model.items()][-1] == ("done", "")
        assert [p.read_bytes() for p in down.iterdir()] == [FILES[raw]]


def test_edit_delete_and_rename_act_on_the_file_of_the_row(qtbot, window, legacy, editor):
    w = window
    connect(qtbot, w, legacy, editor_command=editor, upload_edited_without_asking=True)
    select_listed(w, GBK_SAME)
    w.remote_edit.act_edit.trigger()
    qtbot.waitUntil(lambda: on_disk(legacy)[GBK_SAME] == b"gbk one\nedited line\n", timeout=WAIT)
    idle(qtbot, w)
    assert on_disk(legacy)[UTF8_SAME] == b"utf-8 one\n"  # the other 日本.txt: not read, not written
    select_listed(w, UTF8_SAME)
    w.act_delete.trigger()
    question(qtbot, w, "Delete the file “日本.txt”").yes_button.click()
    qtbot.waitUntil(lambda: UTF8_SAME not in on_disk(legacy), timeout=WAIT)
    assert on_disk(legacy)[GBK_SAME] == b"gbk one\nedited line\n"
    qtbot.waitUntil(lambda: len(list(w.remote.model.entries())) == 2, timeout=WAIT)
    select_listed(w, UTF8_ONLY)
    w.act_rename.trigger()
    qtbot.waitUntil(lambda: isinstance(w.prompt, QInputDialog), timeout=WAIT)
    w.prompt.setTextValue("中国 (1).txt")  # typed: goes out in GBK, the session's codec for typed names
    w.prompt.accept()
    qtbot.waitUntil(lambda: "中国 (1).txt".encode("gbk") in on_disk(legacy), timeout=WAIT)
    assert on_disk(legacy) == {GBK_SAME: b"gbk one\nedited line\n", "中国 (1).txt".encode("gbk"): b"utf-8 only\n"}


def test_a_name_in_a_codec_the_session_does_not_read_is_edited_and_uploaded_byte_exact(qtbot, window, legacy, editor):
    """Found by QA: quick connect reads names as UTF-8; a GBK name keeps its bytes as lone surrogates, which Qt's
    strings cannot hold. The copy had that name, so the editor was handed another path (U+FFFD for each byte)
    and saved a new, empty file there: nothing was uploaded, the edit was silently lost. The copy's name now
    has "_" for such bytes; the upload goes to the name's bytes."""
    w = window
    gbk = "中文文件.txt".encode("gbk")
    with open(os.path.join(os.fsencode(legacy.root), gbk), "wb") as f:
        f.write(b"gbk file\n")
    w.apply_preferences(dataclasses.replace(w.prefs, editor_command=editor, upload_edited_without_asking=True))
    quick_connect(qtbot, w, legacy)  # no encoding chosen: UTF-8
    wait_listing(qtbot, w, "/")
    entry = select_listed(w, gbk)
    assert "\udcd6" in entry.name  # not readable as UTF-8: its bytes kept
    w.remote_edit.act_edit.trigger()
    qtbot.waitUntil(lambda: on_disk(legacy)[gbk] == b"gbk file\nedited line\n", timeout=WAIT)
    idle(qtbot, w)
    (copy,) = w.remote_edit.edited
    assert os.path.basename(copy).endswith(".txt") and "_" in os.path.basename(copy)
    assert sorted(on_disk(legacy)) == sorted([*FILES, gbk])  # no other file made on the server


def test_a_long_gbk_name_goes_through_a_temporary_name_cut_between_characters(qtbot, window, make_server, editor):
    """The temporary name an edit's upload goes through keeps the front of a long name, cut to 100 bytes between
    two GBK characters (never half of one), with its dots as underscores; the log names the file it left by the
    bytes that made it, as the session reads them (design note 154)."""
    srv = make_server(legacy_names=True, no_1xx={"STOR": 1})  # (STOR's file made, its 1xx held)
    raw = ("x" + "很长的文件名" * 10 + ".txt").encode("gbk")  # 125 bytes: 100 would cut a character in two
    with open(os.path.join(os.fsencode(srv.root), raw), "wb") as f:
        f.write(b"old\n")
    w = window
    connect(qtbot, w, srv, editor_command=editor, upload_edited_without_asking=True)
    select_listed(w, raw)
    w.remote_edit.act_edit.trigger()
    qtbot.waitUntil(lambda: "STOR" in srv.record.verbs(), timeout=WAIT)
    w.disconnect_server()
    question(qtbot, w, "are being uploaded").yes_button.click()  # Disconnect Anyway: no DELE can go
    srv.send_held_replies()
    qtbot.waitUntil(lambda: not w.remote_browser.closing, timeout=WAIT)
    (temp,) = [name for name in on_disk(srv) if name != raw]
    front, tag, suffix = temp.rsplit(b".", 2)
    assert front == raw[:99].replace(b".", b"_") and suffix == b"ftpgui-part" and len(tag) == 8
    left = f"/{temp.decode('gbk')}, the temporary file ftpgui uploaded /{raw.decode('gbk')} through, may be left on"
    assert any(kind == "error" and text.startswith(left) for kind, text in w.log.lines), w.log.lines


def search(qtbot, w, pattern: str) -> SearchDialog:
    """Edit ▸ Search Remote Files… in the folder the pane shows, for ``pattern``, to the end of the walk."""
    w.filtering.act_search.trigger()
    dialog = w.filtering.search
    assert isinstance(dialog, SearchDialog) and dialog.isVisible()
    dialog.form.pattern.setText(pattern)
    dialog.search_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT)
    return dialog


def results(dialog: SearchDialog) -> list:
    """The results' names as the server listed them."""
    hits = [dialog.results.topLevelItem(r).data(0, HitRole) for r in range(dialog.results.topLevelItemCount())]
    return sorted(hit.entry.raw_name for hit in hits)


def select_hits(dialog: SearchDialog, *raws: bytes) -> None:
    """Select the results listed with these bytes (rows that read the same are told apart by what was listed)."""
    dialog.results.clearSelection()
    for r in range(dialog.results.topLevelItemCount()):
        item = dialog.results.topLevelItem(r)
        item.setSelected(item.data(0, HitRole).entry.raw_name in raws)


def close_search(qtbot, dialog: SearchDialog) -> None:
    dialog.close()
    qtbot.waitUntil(lambda: dialog.conn is None, timeout=WAIT)


def test_search_results_download_and_delete_the_file_listed(qtbot, window, legacy, tmp_path):
    """Found by a review: the search dialog's Download and Delete sent a result's text. The queue's connection
    wrote 日本.txt (listed in UTF-8) in GBK and fetched the other 日本.txt, 中国.txt went out in GBK and failed
    550; the search's connection, which had listed both 日本.txt, deleted the UTF-8 one for the GBK one."""
    w = window
    connect(qtbot, w, legacy)
    w.local.set_path(str(tmp_path))
    dialog = search(qtbot, w, "*.txt")
    assert results(dialog) == sorted(FILES)
    select_hits(dialog, UTF8_SAME, UTF8_ONLY)
    dialog.download_button.click()
    qtbot.waitUntil(lambda: len(w.queue.model.items()) == 2 and w.queue.is_idle(), timeout=WAIT)
    assert [(i.state, i.error) for i in w.queue.model.items()] == [("done", "")] * 2
    assert (tmp_path / "日本.txt").read_bytes() == FILES[UTF8_SAME]  # the UTF-8 one, not the GBK one
    assert (tmp_path / "中国.txt").read_bytes() == FILES[UTF8_ONLY]
    select_hits(dialog, GBK_SAME)
    dialog.delete_button.click()
    assert dialog.prompt.text() == "Delete /日本.txt from the server?"
    dialog.prompt.yes_button.click()
    qtbot.waitUntil(lambda: dialog.status.text() == "1 deleted.", timeout=WAIT)
    assert on_disk(legacy) == {UTF8_SAME: FILES[UTF8_SAME], UTF8_ONLY: FILES[UTF8_ONLY]}  # the other one kept
    assert results(dialog) == sorted([UTF8_ONLY, UTF8_SAME])  # and its row, which reads the same
    qtbot.waitUntil(lambda: len(list(w.remote.model.entries())) == 2, timeout=WAIT)  # the pane listed it again
    close_search(qtbot, dialog)


def test_search_in_a_folder_listed_in_utf8_searches_that_folder(qtbot, window, legacy):
    """The folder the pane shows is searched by its bytes: the search's own connection never listed its
    parent, and sent the folder's name in GBK (550: nothing found, "1 folders could not be listed")."""
    utf8_folder(legacy)
    w = window
    connect(qtbot, w, legacy)
    w.navigate("/资料")
    qtbot.waitUntil(lambda: w.remote.path == "/资料" and len(list(w.remote.model.entries())) == 1, timeout=WAIT)
    dialog = search(qtbot, w, "*")
    assert dialog.status.text() == "1 found in 1 folders."
    assert results(dialog) == [UTF8_SAME]
    assert dialog.results.topLevelItem(0).data(0, HitRole).path == "/资料/日本.txt"
    close_search(qtbot, dialog)


@pytest.fixture(params=["en", "zh_CN"])
def language(request):
    if request.param == "zh_CN":
        request.getfixturevalue("chinese")
    return request.param


ALIKE = {
    "en": "Another name in this folder reads the same. This one was listed in {codec} as {bytes}",
    "zh_CN": "此文件夹中另有一个名称与它读起来相同。这一个按 {codec} 读取，列出时的字节为 {bytes}",
}


def test_rows_whose_names_read_the_same_are_told_apart(qtbot, language, window, legacy):
    """Found by QA: the two 日本.txt showed as two identical rows, and a person could not tell which was which.
    Each of them now says in its tooltip the codec it was read in and the bytes it was listed as, and its name is
    in italics; the name itself, which the actions use, is unchanged, and no other row is marked."""
    w = window
    connect(qtbot, w, legacy)
    model, view = w.remote.model, w.remote.view
    rows = {model.entry(r).raw_name: r for r in range(model.rowCount())}
    assert sorted(rows) == sorted(FILES)

    def cell(raw: bytes, column: int = COL_NAME):
        return model.index(rows[raw], column)

    def italic(index) -> bool:
        """As the view paints the cell: its delegate's font for it."""
        option = QStyleOptionViewItem()
        view.itemDelegate().initStyleOption(option, index)
        return option.font.italic()

    tips = {raw: cell(raw).data(Qt.ItemDataRole.ToolTipRole) for raw in FILES}
    assert tips == {
        UTF8_SAME: ALIKE[language].format(codec="UTF-8", bytes="e6 97 a5 e6 9c ac 2e 74 78 74"),
        GBK_SAME: ALIKE[language].format(codec="GBK", bytes="c8 d5 b1 be 2e 74 78 74"),
        UTF8_ONLY: None,  # 中国.txt reads like no other name
    }
    marked = {raw for raw in FILES for column in range(COLUMN_COUNT) if italic(cell(raw, column))}
    assert marked == {UTF8_SAME, GBK_SAME}
    assert [italic(cell(raw, c)) for raw in (UTF8_SAME, GBK_SAME) for c in range(COLUMN_COUNT)].count(True) == 2
    assert {cell(raw).data() for raw in (UTF8_SAME, GBK_SAME)} == {"日本.txt"}  # (the name as it reads, both)
    assert {model.entry(rows[raw]).name for raw in (UTF8_SAME, GBK_SAME)} == {"日本.txt"}
    view.sortByColumn(COL_NAME, Qt.SortOrder.DescendingOrder)  # marks and words follow their rows
    rows = {model.entry(r).raw_name: r for r in range(model.rowCount())}
    assert {raw for raw in FILES if italic(cell(raw))} == {UTF8_SAME, GBK_SAME}
    assert cell(GBK_SAME).data(Qt.ItemDataRole.ToolTipRole) == tips[GBK_SAME]


FOLDER_ALIKE = {
    "en": "Another folder reads the same. This one was listed in {codec} as {bytes}",
    "zh_CN": "另有一个文件夹与它读起来相同。这一个按 {codec} 读取，列出时的字节为 {bytes}",
}
UTF8_FOLDER, GBK_FOLDER = "资料".encode(), "资料".encode("gbk")  # both read "资料"


def test_search_results_that_read_the_same_are_told_apart(qtbot, language, window, legacy):
    """Found by QA after note 155: the remote pane told the two 日本.txt apart, the results of Search Remote Files
    still showed two identical rows — and two identical "a.txt in /资料" for a.txt in a folder 资料 written in
    UTF-8 and one in GBK. The results now mark them as the pane does: the name (or the folder) in italics, its
    tooltip naming the codec it was read in and its bytes; a row left alone by a delete is no longer marked."""
    root = os.fsencode(legacy.root)
    for folder in (UTF8_FOLDER, GBK_FOLDER):
        os.mkdir(os.path.join(root, folder))
        with open(os.path.join(root, folder, b"a.txt"), "wb") as f:
            f.write(folder)
    w = window
    connect(qtbot, w, legacy)
    dialog = search(qtbot, w, "*")
    tree = dialog.results

    def rows() -> dict:
        """Each result by the path bytes listed: its name and folder cells as shown, each with its tooltip and
        whether the view paints it italic."""
        found = {}
        for r in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(r)
            cells = []
            for column in (0, 1):
                option = QStyleOptionViewItem()
                tree.itemDelegate().initStyleOption(option, tree.indexFromItem(item, column))
                cells.append((item.text(column), option.font.italic(), item.toolTip(column) or None))
            found[item.data(0, HitRole).wire] = tuple(cells)
        return found

    name, folder = ALIKE[language], FOLDER_ALIKE[language]
    utf8_dir, gbk_dir = b"/" + UTF8_FOLDER, b"/" + GBK_FOLDER
    assert rows() == {
        b"/" + UTF8_SAME: (
            ("日本.txt", True, name.format(codec="UTF-8", bytes="e6 97 a5 e6 9c ac 2e 74 78 74")),
            ("/", False, None),
        ),
        b"/" + GBK_SAME: (
            ("日本.txt", True, name.format(codec="GBK", bytes="c8 d5 b1 be 2e 74 78 74")),
            ("/", False, None),
        ),
        b"/" + UTF8_ONLY: (("中国.txt", False, None), ("/", False, None)),  # reads like no other
        utf8_dir: (("资料", True, name.format(codec="UTF-8", bytes="e8 b5 84 e6 96 99")), ("/", False, None)),
        gbk_dir: (("资料", True, name.format(codec="GBK", bytes="d7 ca c1 cf")), ("/", False, None)),
        utf8_dir + b"/a.txt": (
            ("a.txt", False, None),
            ("/资料", True, folder.format(codec="UTF-8", bytes="2f e8 b5 84 e6 96 99")),
        ),
        gbk_dir + b"/a.txt": (
            ("a.txt", False, None),
            ("/资料", True, folder.format(codec="GBK", bytes="2f d7 ca c1 cf")),
        ),
    }
    # the GBK 日本.txt deleted from the results: the UTF-8 one reads like no other now
    select_hits(dialog, GBK_SAME)
    dialog.delete_button.click()
    dialog.prompt.yes_button.click()
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 6, timeout=WAIT)
    left = rows()
    assert b"/" + GBK_SAME not in left
    assert left[b"/" + UTF8_SAME] == (("日本.txt", False, None), ("/", False, None))
    assert left[gbk_dir + b"/a.txt"][1][1]  # (the others as they were)
    close_search(qtbot, dialog)
