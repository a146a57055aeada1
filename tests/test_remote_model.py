"""The remote file list model, without a server: sorting, folders first, hidden files, drag payloads, size."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, Qt

from ftpgui.ftp import Entry
from ftpgui.transfers.model import human_size
from ftpgui.ui.remote_model import (
    COL_MODIFIED,
    COL_NAME,
    COL_OWNER,
    COL_PERMISSIONS,
    COL_SIZE,
    MIME_REMOTE,
    EntryRole,
    IsDirRole,
    PathRole,
    RemoteModel,
    decode_remote_entries,
)
from ftpgui.ui.remote_pane import RemoteView

pytestmark = pytest.mark.gui


def entries():
    return [
        Entry("zeta.txt", "file", 300, datetime(2024, 1, 3), "-rw-r--r--", "bob", "staff"),
        Entry("Alpha", "dir", None, datetime(2024, 1, 9), "drwxr-xr-x", "amy", "staff"),
        Entry("beta.bin", "file", 20, datetime(2024, 1, 1, tzinfo=timezone.utc), "-rwx------", "carl", "wheel"),
        Entry("link", "link", None, None, "lrwxrwxrwx", "amy", "staff", target="/elsewhere"),
        Entry(".profile", "file", 5, datetime(2023, 1, 1), "-rw-------", "amy", "staff"),
        Entry("omega", "dir", None, datetime(2023, 6, 1), "drwx------", "bob", "staff"),
    ]


def names(model):
    return [e.name for e in model.entries()]


@pytest.fixture
def model(qapp):
    m = RemoteModel()
    m.set_entries("/pub", entries())
    return m


def test_passes_the_model_tester(qtmodeltester, model):
    qtmodeltester.check(model)


def test_folders_first_and_hidden_files_on_request(model):
    assert names(model) == ["Alpha", "omega", "beta.bin", "link", "zeta.txt"]
    model.set_show_hidden(True)
    assert names(model) == ["Alpha", "omega", ".profile", "beta.bin", "link", "zeta.txt"]


@pytest.mark.parametrize(
    ("column", "order", "expected"),
    [
        (COL_NAME, Qt.SortOrder.DescendingOrder, ["omega", "Alpha", "zeta.txt", "link", "beta.bin"]),
        (COL_SIZE, Qt.SortOrder.AscendingOrder, ["Alpha", "omega", "link", "beta.bin", "zeta.txt"]),
        (COL_SIZE, Qt.SortOrder.DescendingOrder, ["Alpha", "omega", "zeta.txt", "beta.bin", "link"]),
        (COL_MODIFIED, Qt.SortOrder.AscendingOrder, ["omega", "Alpha", "link", "beta.bin", "zeta.txt"]),
        (COL_PERMISSIONS, Qt.SortOrder.AscendingOrder, ["omega", "Alpha", "zeta.txt", "beta.bin", "link"]),
        (COL_OWNER, Qt.SortOrder.AscendingOrder, ["Alpha", "omega", "link", "zeta.txt", "beta.bin"]),
    ],
)
def test_sorts_by_each_column_with_folders_first(model, column, order, expected):
    model.sort(column, order)
    assert names(model) == expected


def test_sorting_keeps_a_selection_on_its_entry(model):
    row = model.row_of("zeta.txt")
    keep = QPersistentModelIndex(model.index(row, 0))
    model.sort(COL_SIZE, Qt.SortOrder.DescendingOrder)
    assert keep.isValid() and keep.data() == "zeta.txt"


def test_roles_and_cells(model):
    i = model.index(model.row_of("zeta.txt"), 0)
    assert i.data(PathRole) == "/pub/zeta.txt" and i.data(EntryRole).size == 300 and not i.data(IsDirRole)
    assert model.index(i.row(), COL_SIZE).data() == "300 B"
    assert model.index(i.row(), COL_MODIFIED).data() == "2024-01-03 00:00"
    assert model.index(i.row(), COL_OWNER).data() == "bob staff"
    assert model.index(model.row_of("link"), 0).data(Qt.ItemDataRole.ToolTipRole) == "link → /elsewhere"
    assert model.flags(model.index(model.row_of("Alpha"), 0)) & Qt.ItemFlag.ItemIsDropEnabled
    assert not model.flags(i) & Qt.ItemFlag.ItemIsDropEnabled
    assert human_size(1536) == "1.5 KiB" and human_size(None) == "" and human_size(5 << 30) == "5.0 GiB"


def test_drag_payload_names_the_session_and_the_entries(model):
    model.connection_key = "alice@h:21#7"
    rows = [model.index(model.row_of(n), 0) for n in ("Alpha", "zeta.txt")]
    mime = model.mimeData(rows)
    key, items = decode_remote_entries(mime.data(MIME_REMOTE).data())
    assert key == "alice@h:21#7"
    assert items == [("/pub/Alpha", True, None), ("/pub/zeta.txt", False, 300)]


def test_a_hundred_thousand_entries_in_one_reset(qtbot, qapp):
    big = [Entry(f"file{i:06d}.dat", "file", i, datetime(2024, 1, 1)) for i in range(100_000)]
    big += [Entry(f"dir{i:03d}", "dir") for i in range(100)]
    model = RemoteModel()
    view = RemoteView(model)
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    model.set_entries("/huge", big)
    assert resets == [1] and model.rowCount(QModelIndex()) == 100_100
    assert model.entry(0).name == "dir000" and model.entry(100).name == "file000000.dat"
    view.scrollToBottom()
    qtbot.wait(10)
    last = view.indexAt(QPoint(5, view.viewport().height() - 5))
    assert model.entry(model.rowCount() - 1).name == "file099999.dat"
    assert last.isValid() and last.row() > 100_000 - 60
    view.sortByColumn(COL_SIZE, Qt.SortOrder.DescendingOrder)
    assert model.entry(100).name == "file099999.dat"


def test_rows_of_answers_for_many_names_in_one_pass():
    from ftpgui.ui.remote_model import RemoteModel

    model = RemoteModel()
    model.set_entries("/", [Entry("b", "file", 1), Entry("a", "dir"), Entry("c", "file", 2)])
    names = [model.entry(r).name for r in range(model.rowCount())]
    assert model.rows_of(["c", "zzz", "a"]) == [names.index("c"), names.index("a")]
    assert model.rows_of(["c"]) == [model.row_of("c")] and model.rows_of([]) == []


def test_hostile_names_display_marked_and_keep_their_real_name(qtbot):
    """A name with U+202E (right-to-left override) or an escape sequence is shown with the character
    visible, never reversed or hidden; the entry, its path and the drag payload keep the real name."""
    from PySide6.QtWidgets import QTreeView

    from ftpgui.ui.remote_pane import RemoteTree

    evil = "gpj\u202eexe.txt"
    term = "a\x1b]0;t\x07\u2066b"
    model = RemoteModel()
    model.set_entries(
        "/d", [Entry(evil, "file", 1, None, "r\x9bw", "o\u200fwn", None), Entry(term, "link", 1, None, target=evil)]
    )
    shown_names = {model.index(r, COL_NAME).data() for r in range(2)}
    assert shown_names == {"gpj\\u202eexe.txt", "a\\x1b]0;t\\x07\\u2066b"}
    row = model.row_of(evil)
    assert model.index(row, COL_NAME).data(EntryRole).name == evil
    assert model.index(row, COL_NAME).data(PathRole) == "/d/" + evil
    assert model.index(row, COL_PERMISSIONS).data() == "r\\x9bw" and model.index(row, COL_OWNER).data() == "o\\u200fwn"
    tip = model.index(model.row_of(term), COL_NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert "\u202e" not in tip and "\\u202e" in tip
    _, items = decode_remote_entries(model.mimeData([model.index(row, COL_NAME)]).data(MIME_REMOTE))
    assert items[0][0] == "/d/" + evil

    view = QTreeView()
    qtbot.addWidget(view)
    tree = RemoteTree(view)
    tree.set_children("/", [Entry(evil, "dir")])
    child = tree.model.item(0).child(0)
    assert child.text() == "gpj\\u202eexe.txt"
