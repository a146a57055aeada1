"""The local file list's model side: a ``QFileSystemModel`` seen through ``FoldersFirstProxy`` (folders on
top in either order, real sizes and dates, the filters), and ``refiltered`` to change what it filters by."""

from __future__ import annotations

import contextlib
import os
from typing import Any, Callable, Iterator, Optional

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QFileSystemModel

from ..ftp.localpath import PART_SUFFIX
from ..transfers.model import human_size

LOCAL_COL_NAME, LOCAL_COL_SIZE, LOCAL_COL_TYPE, LOCAL_COL_MODIFIED = range(4)


@contextlib.contextmanager
def refiltered(proxy: QSortFilterProxyModel, really: bool = True) -> Iterator[None]:
    """Change what ``proxy`` filters by inside the block; it filters again after it (Qt ≥ 6.10's way, else
    the older ``invalidateFilter``)."""
    if not really:
        yield
        return
    if hasattr(proxy, "beginFilterChange"):
        proxy.beginFilterChange()
        yield
        proxy.endFilterChange(QSortFilterProxyModel.Direction.Rows)
    else:
        yield
        proxy.invalidateFilter()


class FoldersFirstProxy(QSortFilterProxyModel):
    """Sorts a ``QFileSystemModel`` with folders on top in either order, by real sizes and dates."""

    def __init__(self, dirs_only: bool = False, parent=None):
        super().__init__(parent)
        self.dirs_only = dirs_only
        self.setRecursiveFilteringEnabled(False)
        self.rules: Any = None  # ftpgui.filters.FilterSet: what the filters hide
        self.quick: Optional[Callable[[str], bool]] = None  # the quick filter box: which names to keep
        self.folder = ""  # the folder shown: only its entries are filtered (never the folders above it)

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        model: QFileSystemModel = self.sourceModel()
        if self.dirs_only:
            return model.isDir(model.index(row, 0, parent))
        if (self.rules or self.quick is not None) and model.filePath(parent) == self.folder:
            return not self.hidden_by(model.index(row, 0, parent))
        return True

    def hidden_by(self, src: QModelIndex) -> int:
        """0: shown; 1: hidden by the filters; 2: hidden by the quick filter."""
        model: QFileSystemModel = self.sourceModel()
        name = model.fileName(src)
        if self.rules:
            is_dir = model.isDir(src)
            if self.rules.hides(name, is_dir, None if is_dir else model.size(src), model.lastModified(src).toPython()):
                return 1
        return 2 if self.quick is not None and not self.quick(name) else 0

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # sizes and dates written the same way as in the remote pane, whatever the locale's short forms
        if role == Qt.ItemDataRole.DisplayRole and index.column() in (LOCAL_COL_SIZE, LOCAL_COL_MODIFIED):
            model: QFileSystemModel = self.sourceModel()
            src = self.mapToSource(index)
            if index.column() == LOCAL_COL_MODIFIED:
                return model.lastModified(src).toString("yyyy-MM-dd HH:mm")
            if model.isDir(src):
                return ""
            if model.fileName(src).endswith(PART_SUFFIX):  # growing now: the model's size is from its last scan
                try:
                    return human_size(os.stat(model.filePath(src)).st_size)
                except OSError:
                    pass
            return human_size(model.size(src))
        return super().data(index, role)

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:
        model: QFileSystemModel = self.sourceModel()
        ldir, rdir = model.isDir(left), model.isDir(right)
        if ldir != rdir:
            # Qt reverses the comparison for a descending sort; folders stay on top either way
            return ldir if self.sortOrder() == Qt.SortOrder.AscendingOrder else rdir
        col = left.column()
        if col == LOCAL_COL_SIZE:
            a, b = model.size(left), model.size(right)
        elif col == LOCAL_COL_MODIFIED:
            a, b = model.lastModified(left), model.lastModified(right)
        elif col == LOCAL_COL_TYPE:
            a, b = model.type(left).casefold(), model.type(right).casefold()
        else:
            a, b = model.fileName(left).casefold(), model.fileName(right).casefold()
        if a == b:
            return model.fileName(left).casefold() < model.fileName(right).casefold()
        return a < b
