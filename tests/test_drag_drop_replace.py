"""Found by QA (data loss): a remote file dragged onto a remote folder that already held a file of its name
replaced that file unasked (RNTO replaces on most Unix daemons). The window now lists the target folder first
(on the browsing connection, when not cached) and asks — in the drag's own question (note 397); a folder of the
name is refused. On a legacy server a moved file keeps the bytes it was listed with: the other file that reads
the same is neither moved nor replaced. Drops built from QMimeData on a real X server, as in tests/test_drag_drop.py."""

from __future__ import annotations

import dataclasses
import os

import pytest
from PySide6.QtWidgets import QMessageBox
from test_drag_drop import answer_move, drop, row_point
from test_legacy_names_gui import FILES, GBK_SAME, UTF8_SAME, legacy, select_listed, utf8_folder  # noqa: F401
from test_legacy_names_gui import connect as connect_legacy
from test_rename_replace import cancel, content, replace_question

from guihelpers import (
    WAIT,
    close_window,
    filled_server,
    names,
    open_window,
    probe_dir,
    quick_connect,
    shown_whole,
    wait_listing,
)

pytestmark = [pytest.mark.gui, pytest.mark.xvfb_only]


@pytest.fixture
def srv(make_server):
    srv = filled_server(make_server)
    with open(srv.path("sub", "a.txt"), "wb") as f:
        f.write(b"the other a.txt")
    os.mkdir(srv.path("sub", "b.bin"))
    return srv


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    w = open_window(qtbot)
    yield w
    close_window(qtbot, w)


def drag_onto(qtbot, w, name: str, folder: str) -> None:
    view, model = w.remote.view, w.remote.model
    mime = model.mimeData([model.index(model.row_of(name), 0)])
    _move, ev = drop(view, mime, row_point(view, model, model.row_of(folder)))
    assert ev.isAccepted()


def one_question(qtbot, w, text: str) -> QMessageBox:
    """The drag's question, which says what it replaces too (design note 397): Move and Replace, or Cancel."""
    box = replace_question(qtbot, w, text)
    assert box.yes_button.text() == "Move and Replace" and box.icon() == QMessageBox.Icon.Warning
    shown_whole(qtbot, box)
    return box


def test_a_drag_onto_a_folder_holding_the_name_asks_once_cancel_keeps_both_yes_replaces(qtbot, window, srv):
    """Found by QA (design note 397): the drag asked "Move a.txt into the folder /sub?", then, after Move, "/sub/
    a.txt already exists. Replace it?" — two questions for one drop. Now one says both."""
    w = window
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    assert "/sub" not in w.remote_browser.cache  # listed first, on the browsing connection
    drag_onto(qtbot, w, "a.txt", "sub")
    said = f"Move a.txt into the folder\n/sub?\n/sub/a.txt already exists on {srv.host}: it will be replaced."
    box = one_question(qtbot, w, said)
    box.grab().save(os.path.join(probe_dir(), "drag-move-replace-en.png"))
    assert "RNFR" not in srv.record.verbs()
    cancel(qtbot, w, box)
    assert w.prompt is None and "RNFR" not in srv.record.verbs()  # no second question
    assert content(srv, "a.txt") == b"a" * 10 and content(srv, "sub", "a.txt") == b"the other a.txt"
    drag_onto(qtbot, w, "a.txt", "sub")
    one_question(qtbot, w, said).yes_button.click()
    qtbot.waitUntil(lambda: names(w) == ["sub", "b.bin"], timeout=WAIT)
    assert w.prompt is None  # moved: nothing more was asked
    assert content(srv, "sub", "a.txt") == b"a" * 10 and not os.path.exists(srv.path("a.txt"))


def test_the_one_question_in_chinese(qtbot, chinese, window, srv):
    w = window
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    drag_onto(qtbot, w, "a.txt", "sub")
    said = f"要将 a.txt 移动到以下文件夹吗？\n/sub\n{srv.host} 上已存在 /sub/a.txt，它将被替换。"
    box = replace_question(qtbot, w, said)
    assert box.yes_button.text() == "移动并替换"
    shown_whole(qtbot, box)
    box.grab().save(os.path.join(probe_dir(), "drag-move-replace-zh_CN.png"))
    cancel(qtbot, w, box)
    assert "RNFR" not in srv.record.verbs()


def test_a_file_that_comes_in_the_way_while_the_question_is_open_is_asked_about(qtbot, window, srv):
    """The question said nothing is in the way; before Move, another client puts a file of the name there: it is
    not replaced unasked — the folder is read again, and its Replace question comes (Cancel keeps both)."""
    os.remove(srv.path("sub", "a.txt"))
    w = window
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    drag_onto(qtbot, w, "a.txt", "sub")
    box = replace_question(qtbot, w, "Move a.txt into the folder\n/sub?")
    assert box.yes_button.text() == "Move"
    with open(srv.path("sub", "a.txt"), "wb") as f:
        f.write(b"put there meanwhile")
    box.yes_button.click()
    box = replace_question(qtbot, w, f"/sub/a.txt already exists on {srv.host}. Replace it?")
    cancel(qtbot, w, box)
    assert "RNFR" not in srv.record.verbs()
    assert content(srv, "a.txt") == b"a" * 10 and content(srv, "sub", "a.txt") == b"put there meanwhile"


def test_without_the_drags_question_a_file_in_the_way_is_the_one_question(qtbot, window, srv):
    """ "Don't ask again" said before: a file in the way is still asked about, alone ("Replace it?")."""
    w = window
    w.prefs = dataclasses.replace(w.prefs, confirm_drag_move=False)
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    drag_onto(qtbot, w, "a.txt", "sub")
    replace_question(qtbot, w, f"/sub/a.txt already exists on {srv.host}. Replace it?").yes_button.click()
    qtbot.waitUntil(lambda: names(w) == ["sub", "b.bin"], timeout=WAIT)
    assert w.prompt is None and content(srv, "sub", "a.txt") == b"a" * 10


def test_a_drag_onto_a_folder_holding_a_folder_of_the_name_is_refused(qtbot, window, srv):
    w = window
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    drag_onto(qtbot, w, "b.bin", "sub")  # (refused before any question: nothing to agree to)
    refused = f"A folder named /sub/b.bin already exists on {srv.host}. Nothing was moved."
    qtbot.waitUntil(lambda: refused in w.log.toPlainText(), timeout=WAIT)
    assert not isinstance(w.prompt, QMessageBox)
    assert "RNFR" not in srv.record.verbs() and content(srv, "b.bin") == b"b" * 5000
    assert os.path.isdir(srv.path("sub", "b.bin"))


def test_a_file_moved_keeps_its_bytes_and_replaces_nothing_that_only_reads_the_same(qtbot, window, legacy):  # noqa: F811
    """A folder holds 日本.txt in UTF-8; the GBK 日本.txt dragged into it: other bytes, no question, both kept.
    (Before, the move sent the text, which went out as the UTF-8 name: the other file moved, and replaced.)"""
    folder = utf8_folder(legacy)
    w = window
    connect_legacy(qtbot, w, legacy)
    select_listed(w, GBK_SAME)
    view, model = w.remote.view, w.remote.model
    _move, ev = drop(view, model.mimeData(view.selectedIndexes()), row_point(view, model, model.row_of("资料")))
    assert ev.isAccepted()
    answer_move(qtbot, w)
    root = os.fsencode(legacy.root)
    qtbot.waitUntil(lambda: GBK_SAME not in os.listdir(root), timeout=WAIT)
    assert not isinstance(w.prompt, QMessageBox)
    with open(os.path.join(folder, GBK_SAME), "rb") as f:
        assert f.read() == FILES[GBK_SAME]
    with open(os.path.join(folder, UTF8_SAME), "rb") as f:
        assert f.read() == b"inside\n"
    with open(os.path.join(root, UTF8_SAME), "rb") as f:
        assert f.read() == FILES[UTF8_SAME]


def test_several_files_in_the_way_are_named_in_one_question_their_names_escaped(qtbot, window, make_server):
    """The names are the server's text: a right-to-left override in one is shown escaped, not obeyed."""
    srv = make_server()
    os.mkdir(srv.path("sub"))
    odd = "x\u202etxt.exe"
    for name in ("a.txt", odd):
        for where in ((name,), ("sub", name)):
            with open(srv.path(*where), "wb") as f:
                f.write(where[0].encode())
    w = window
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    view, model = w.remote.view, w.remote.model
    rows = [model.index(model.row_of(n), 0) for n in ("a.txt", odd)]
    _move, ev = drop(view, model.mimeData(rows), row_point(view, model, model.row_of("sub")))
    assert ev.isAccepted()
    text = (
        f"Move 2 items into the folder\n/sub?\nThese 2 files already exist on {srv.host} and will be replaced:"
        "\n/sub/a.txt\n/sub/x\\u202etxt.exe"
    )
    one_question(qtbot, w, text).yes_button.click()
    qtbot.waitUntil(lambda: names(w) == ["sub"], timeout=WAIT)
    assert content(srv, "sub", "a.txt") == b"a.txt" and content(srv, "sub", odd) == odd.encode()
