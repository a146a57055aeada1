"""The local file list's model side: a ``QFileSystemModel`` seen through ``FoldersFirstProxy`` (folders on
top in either order, real sizes and dates, the filters), and ``refiltered`` to change what it filters by."""

from __future__ import annotations

import contextlib
import os
from typing import Any, Callable, Dict, Iterable, Iterator, Optional, Tuple

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt, QTimer, Slot
from PySide6.QtWidgets import QFileSystemModel

from ..ftp.localpath import PART_SUFFIX
from ..transfers.model import human_size
from ..transfers.runner import run_blocking

LOCAL_COL_NAME, LOCAL_COL_SIZE, LOCAL_COL_TYPE, LOCAL_COL_MODIFIED = range(4)
PART_READ_MS = 100  # a growing temporary file's size is read again at most this often


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
        self.parts = PartSizes(self)

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

    def type_name(self, src: QModelIndex) -> str:
        """The Type column's words: a download's temporary file (``NAME.ftpgui-part``) says what it is, whatever
        its size — the system's guess was "empty document", or "unknown" (design note 255)."""
        model: QFileSystemModel = self.sourceModel()
        if not model.isDir(src) and model.fileName(src).endswith(PART_SUFFIX):
            return self.tr("Partial download")
        return model.type(src)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and index.column() == LOCAL_COL_TYPE:
            return self.type_name(self.mapToSource(index))
        # sizes and dates written the same way as in the remote pane, whatever the locale's short forms
        if role == Qt.ItemDataRole.DisplayRole and index.column() in (LOCAL_COL_SIZE, LOCAL_COL_MODIFIED):
            model: QFileSystemModel = self.sourceModel()
            src = self.mapToSource(index)
            if index.column() == LOCAL_COL_MODIFIED:
                return model.lastModified(src).toString("yyyy-MM-dd HH:mm")
            if model.isDir(src):
                return ""
            if model.fileName(src).endswith(PART_SUFFIX):  # growing now: the model's size is from its last scan
                size = self.parts.size(model.filePath(src), src)
                if size is not None:
                    return human_size(size)
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
            a, b = self.type_name(left).casefold(), self.type_name(right).casefold()
        else:
            a, b = model.fileName(left).casefold(), model.fileName(right).casefold()
        if a == b:
            return model.fileName(left).casefold() < model.fileName(right).casefold()
        return a < b


def file_sizes(paths: Iterable[str]) -> Dict[str, Optional[int]]:
    """The size of each of ``paths`` (None: not there). It reads the disk: not on the GUI thread."""
    sizes: Dict[str, Optional[int]] = {}
    for path in paths:
        try:
            sizes[path] = os.stat(path).st_size
        except (OSError, ValueError):
            sizes[path] = None
    return sizes


class PartSizes(QObject):
    """The sizes of the downloads' temporary files (``NAME.ftpgui-part``) a local list shows: they grow, and the
    file-system model keeps the size of its last scan (its watcher reports names, not writes). The list's
    ``data`` takes the size last read and never waits on the disk (it read each with ``os.stat`` whenever it
    painted the row: a slow or hung disk froze the window); what it asked for is read on a thread of its own
    (``run_blocking``'s ``detached``: a hung disk holds no shared thread, nor Quit), one read at a time, at most
    every ``PART_READ_MS``, and a row whose size changed is repainted — which asks for it again."""

    def __init__(self, proxy: QSortFilterProxyModel):
        super().__init__(proxy)
        self.proxy = proxy
        self.known: Dict[str, Tuple[int, QPersistentModelIndex]] = {}  # path: its size read, its source row
        self.asked: Dict[str, QPersistentModelIndex] = {}  # to read next
        self.reading: Optional[Dict[str, QPersistentModelIndex]] = None
        self.timer = QTimer(self, singleShot=True, interval=PART_READ_MS)
        self.timer.timeout.connect(self._read)

    def size(self, path: str, src: QModelIndex) -> Optional[int]:
        """The size last read of the file at ``path`` (``src``: its source index), None until one is; read again
        soon."""
        if path not in self.asked:
            self.asked[path] = QPersistentModelIndex(src)
            if self.reading is None and not self.timer.isActive():
                self.timer.start()
        known = self.known.get(path)
        return known[0] if known is not None else None

    def _read(self) -> None:
        if self.reading is not None or not self.asked:
            return
        self.reading, self.asked = self.asked, {}
        call = run_blocking(file_sizes, list(self.reading), detached=True)
        call.done.connect(self._got)
        call.failed.connect(self._failed)

    @Slot(object)
    def _failed(self, _exc: BaseException) -> None:
        self._got({})

    @Slot(object)
    def _got(self, sizes: Dict[str, Optional[int]]) -> None:
        read, self.reading = self.reading or {}, None
        for path in [p for p, (_size, row) in self.known.items() if not row.isValid()]:
            del self.known[path]  # its row is gone (the download ended: renamed) or the model was replaced
        source = self.proxy.sourceModel()
        for path, row in read.items():
            size, before = sizes.get(path), self.known.pop(path, None)
            if size is not None:
                self.known[path] = (size, row)
            if size != (before[0] if before is not None else None) and row.isValid() and row.model() == source:
                index = self.proxy.mapFromSource(source.index(row.row(), row.column(), row.parent()))
                if index.isValid():
                    self.proxy.dataChanged.emit(index, index)
        if self.asked:
            self.timer.start()
