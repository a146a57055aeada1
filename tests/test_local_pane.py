"""The local pane: the file-system model is created when first shown, folders first, hidden files, sorting."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt

from ftpgui.ui.local_pane import LOCAL_COL_MODIFIED, LOCAL_COL_NAME, LOCAL_COL_SIZE, LocalPane

from guihelpers import WAIT

pytestmark = pytest.mark.gui


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "zdir").mkdir()
    (tmp_path / "adir").mkdir()
    (tmp_path / "big.bin").write_bytes(b"x" * 5000)
    (tmp_path / "small.txt").write_bytes(b"x")
    (tmp_path / ".secret").write_bytes(b"x" * 10)
    os.utime(tmp_path / "big.bin", (1_000_000_000, 1_000_000_000))
    return tmp_path


def shown(pane: LocalPane) -> list:
    root = pane.view.rootIndex()
    proxy = pane.list_proxy
    return [proxy.index(r, 0, root).data() for r in range(proxy.rowCount(root))]


@pytest.fixture
def pane(qtbot, folder):
    p = LocalPane()
    qtbot.addWidget(p)
    p.set_path(str(folder))
    assert p.model is None  # nothing reads the disk before the pane is shown
    p.show()
    qtbot.waitExposed(p)
    assert p.model is not None
    qtbot.waitUntil(lambda: len(shown(p)) == 4, timeout=WAIT)
    return p


def test_folders_first_in_both_orders(pane):
    assert shown(pane) == ["adir", "zdir", "big.bin", "small.txt"]
    pane.view.sortByColumn(LOCAL_COL_NAME, Qt.SortOrder.DescendingOrder)
    assert shown(pane) == ["zdir", "adir", "small.txt", "big.bin"]


def test_sort_by_size_and_date(pane):
    pane.view.sortByColumn(LOCAL_COL_SIZE, Qt.SortOrder.DescendingOrder)
    assert shown(pane)[2:] == ["big.bin", "small.txt"]
    pane.view.sortByColumn(LOCAL_COL_MODIFIED, Qt.SortOrder.AscendingOrder)
    assert shown(pane)[2:] == ["big.bin", "small.txt"]  # big.bin is from 2001


def test_hidden_files_toggle(qtbot, pane):
    pane.set_show_hidden(True)
    qtbot.waitUntil(lambda: ".secret" in shown(pane), timeout=WAIT)
    pane.set_show_hidden(False)
    qtbot.waitUntil(lambda: ".secret" not in shown(pane), timeout=WAIT)


def test_path_history_up_and_selection(qtbot, pane, folder):
    pane.set_path(str(folder / "adir"))
    assert pane.path == str(folder / "adir")
    pane.up()
    assert pane.path == str(folder)
    assert pane.path_bar.history()[:2] == [str(folder), str(folder / "adir")]
    pane.select(["small.txt", "adir"])
    assert sorted(pane.selected_paths()) == [str(folder / "adir"), str(folder / "small.txt")]
    pane.set_path(str(folder / "missing"))  # not a folder: stays where it is
    assert pane.path == str(folder)


def test_sizes_and_dates_read_like_the_remote_pane(pane):
    proxy, root = pane.list_proxy, pane.view.rootIndex()
    rows = {proxy.index(r, 0, root).data(): r for r in range(proxy.rowCount(root))}
    assert proxy.index(rows["big.bin"], LOCAL_COL_SIZE, root).data() == "4.9 KiB"
    assert proxy.index(rows["adir"], LOCAL_COL_SIZE, root).data() == ""
    modified = proxy.index(rows["big.bin"], LOCAL_COL_MODIFIED, root).data()
    assert len(modified) == 16 and modified.startswith("2001-09-")  # 1,000,000,000 s after 1970, local time
