"""The remote file list model, without a server: sorting, folders first, hidden files, drag payloads, size."""

from __future__ import annotations

import gc
import sys
import tracemalloc
from datetime import datetime, timezone
from typing import Sequence

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
    MADE_KEPT,
    MIME_REMOTE,
    EntryRole,
    IsDirRole,
    ListedFolder,
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


def shown_view(qtbot, model):
    view = RemoteView(model)
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


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
    assert model.index(i.row(), COL_MODIFIED).data() == "2024-01-03"  # (an old LIST date: the day alone, note 217)
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
    # (bytes: not listed; last, the names as listed)
    assert items == [("/pub/Alpha", True, None, None, "Alpha"), ("/pub/zeta.txt", False, 300, None, "zeta.txt")]


def test_a_hundred_thousand_entries_in_one_reset(qtbot, qapp):
    big = [Entry(f"file{i:06d}.dat", "file", i, datetime(2024, 1, 1)) for i in range(100_000)]
    big += [Entry(f"dir{i:03d}", "dir") for i in range(100)]
    model = RemoteModel()
    view = shown_view(qtbot, model)
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


class Counted(Sequence):
    """A folder's entries that count how many are asked for one by one (``made``)."""

    def __init__(self, entries):
        self.entries, self.made = entries, 0

    def __len__(self):
        return len(self.entries)

    def __getitem__(self, i):
        self.made += 1
        return self.entries[i]

    def __iter__(self):  # (ListedFolder's columns and a sort key's list read it whole, once)
        return iter(self.entries)


def test_a_big_folder_makes_entries_only_for_the_rows_asked_for(qtbot):
    """Shown, scrolled, sorted by name and selected, a 100,000-entry folder has had only the entries of the
    rows painted or asked for made (the engine's Listing makes each when read: the pane keeps no list of them)."""
    counted = Counted([Entry(f"f{i:06d}", "file", i) for i in range(100_000)] + [Entry("D", "dir")])
    model = RemoteModel()
    view = shown_view(qtbot, model)
    model.set_entries("/big", ListedFolder(counted))
    view.viewport().repaint()
    view.scrollToBottom()
    view.viewport().repaint()
    view.sortByColumn(COL_NAME, Qt.SortOrder.DescendingOrder)
    view.viewport().repaint()
    view.selectRow(3)
    assert model.entry(0).name == "D" and model.entry(1).name == "f099999" and model.row_of("f000000") == 100_000
    (selected,) = view.selectionModel().selectedRows(0)
    assert selected.data(EntryRole).name == "f099997"
    assert 0 < counted.made < 2 * MADE_KEPT
    model.sort(COL_SIZE)  # (another column's keys read the folder once, whole)
    assert model.entry(1).name == "f000000" and counted.made < 3 * MADE_KEPT


def test_a_shown_folder_keeps_less_memory_than_twice_and_a_half_its_listing(qtbot):
    """An ``ls -l`` reply of 50,000 entries, parsed by the engine and shown in the pane: what stays allocated
    for it — the Listing, the pane's columns, the model with the view painted — under 2.5× the reply's bytes
    (a list of every Entry, as the pane kept a folder before, took 6.5×)."""
    sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/benchmarks")
    from bench_remote_listing import NOW, list_reply

    from ftpgui.ftp.listing import parse_list

    reply = list_reply(50_000)
    model = RemoteModel()
    view = shown_view(qtbot, model)
    tracemalloc.start()
    try:
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]
        model.set_entries("/big", ListedFolder(parse_list(reply, now=NOW)))
        view.viewport().repaint()
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert model.rowCount() == 50_000
    print(f"\n{kept / len(reply):.2f}× the reply's {len(reply):,} bytes")
    assert kept < 2.5 * len(reply)


def test_the_folder_tree_takes_a_listed_folders_subfolders():
    from PySide6.QtWidgets import QTreeView

    from ftpgui.ui.remote_pane import RemoteTree

    view = QTreeView()
    tree = RemoteTree(view)
    tree.set_children("/", ListedFolder([Entry("b", "dir"), Entry("x", "file"), Entry("A", "dir")]))
    root = tree.model.item(0)
    assert [root.child(r).text() for r in range(root.rowCount())] == ["A", "b"]


def test_type_ahead_finds_what_qt_would_without_making_entries(qtbot):
    """``match`` for type-ahead (names starting with what was typed, from the current row, round) answers as
    Qt's own would — case aside, hidden and shown names, folders first — without making an Entry; typing in
    the view moves to the name."""
    from PySide6.QtCore import QAbstractTableModel

    names = ["Beta", "beta2", "alpha", "éclair", "Éte", "b\u202eb", "zeta", "file-0701", "file-0702", "FILE-07x"]
    counted = Counted([Entry(n, "dir" if n.startswith("a") else "file", 1) for n in names])
    model = RemoteModel()
    view = shown_view(qtbot, model)
    model.set_entries("/", ListedFolder(counted))
    view.viewport().repaint()
    made = counted.made
    display = Qt.ItemDataRole.DisplayRole
    flags = (Qt.MatchFlag.MatchStartsWith | Qt.MatchFlag.MatchWrap, Qt.MatchFlag.MatchStartsWith)
    asked = [
        (p, r, f, h)
        for p in ("b", "B", "file-07", "é", "É", "b\\u", "q")
        for r in (0, 4)
        for f in flags
        for h in (1, -1)
    ]
    ours = [[i.row() for i in model.match(model.index(r, COL_NAME), display, p, h, f)] for p, r, f, h in asked]
    assert counted.made == made  # (no Entry made for a search)
    qts = [
        [i.row() for i in QAbstractTableModel.match(model, model.index(r, COL_NAME), display, p, h, f)]
        for p, r, f, h in asked
    ]
    assert ours == qts and any(ours)
    view.setCurrentIndex(model.index(0, COL_NAME))
    view.setFocus()
    qtbot.keyClicks(view, "file-070")
    assert model.entry(view.currentIndex().row()).name == "file-0701"


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


def test_a_hostile_long_name_that_reads_like_another_has_a_bounded_tooltip(qapp):
    """A server may list two names of 100,000 bytes that read the same (UTF-8 and GBK): each row's tooltip says
    its codec and the first of its bytes, and how many there are - never the whole name's bytes."""
    text = "日" * 50_000
    utf8, gbk = text.encode(), text.encode("gbk")
    folder = ListedFolder([Entry(text, "file", 1, raw_name=utf8), Entry(text, "file", 2, raw_name=gbk)])
    folder.codecs = ("utf-8", "gbk")  # (as an "auto:gbk" session reads names)
    model = RemoteModel()
    model.set_entries("/", folder)
    tips = {model.entry(r).size: model.index(r, COL_NAME).data(Qt.ItemDataRole.ToolTipRole) for r in range(2)}
    said = "Another name in this folder reads the same. This one was listed in {codec} as {bytes} … ({count} bytes)"
    utf8_lines = "\n".join([("e6 97 a5 " * 8).strip()] * 4)  # (in lines of 24 bytes: a tooltip does not wrap)
    gbk_lines = "\n".join([("c8 d5 " * 12).strip()] * 4)
    assert tips == {
        1: said.format(codec="UTF-8", bytes=utf8_lines, count="150000"),
        2: said.format(codec="GBK", bytes=gbk_lines, count="100000"),
    }
