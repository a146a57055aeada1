"""The local file list's model side: a ``QFileSystemModel`` seen through ``FoldersFirstProxy`` (folders on
top in either order, real sizes and dates, the filters), and ``refiltered`` to change what it filters by."""

from __future__ import annotations

import contextlib
import os
from typing import Any, Callable, Dict, Iterable, Iterator, Optional, Tuple

from PySide6.QtCore import (
    QDateTime,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtWidgets import QFileSystemModel

from ..ftp.localpath import PART_SUFFIX
from ..transfers.model import human_size
from ..transfers.runner import run_blocking
from .remote_model import column_titles
from .type_names import file_type

LOCAL_COL_NAME, LOCAL_COL_SIZE, LOCAL_COL_TYPE, LOCAL_COL_MODIFIED = range(4)
PART_READ_MS = 100  # a growing temporary file's size is read again at most this often
DATE_FORMAT = "yyyy-MM-dd HH:mm"  # as the remote pane writes them, whatever the locale's short form
STAT_EVERY_MS = 2000  # the files a list shows: their sizes and times read again this often (design note 263)


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
        self._titles = column_titles()  # (once, as the remote model's: a header paints them often)
        self.dirs_only = dirs_only
        self.setRecursiveFilteringEnabled(False)
        self.rules: Any = None  # ftpgui.filters.FilterSet: what the filters hide
        self.quick: Optional[Callable[[str], bool]] = None  # the quick filter box: which names to keep
        self.folder = ""  # the folder shown: only its entries are filtered (never the folders above it)
        self.stats = RowStats(self)

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
        its size — the system's guess was "empty document", or "unknown" (design note 255). A file is named by
        its name, as the remote pane names it (``file_type``: "DAT file", not "unknown"; design note 282)."""
        model: QFileSystemModel = self.sourceModel()
        if model.isDir(src):
            return model.type(src)  # "Folder", or a drive's word
        name = model.fileName(src)
        if name.endswith(PART_SUFFIX):
            return self.tr("Partial download")
        return file_type(name)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and index.column() == LOCAL_COL_TYPE:
            return self.type_name(self.mapToSource(index))
        # sizes and dates written the same way as in the remote pane, whatever the locale's short forms
        if role == Qt.ItemDataRole.DisplayRole and index.column() in (LOCAL_COL_SIZE, LOCAL_COL_MODIFIED):
            model: QFileSystemModel = self.sourceModel()
            src = self.mapToSource(index).siblingAtColumn(0)
            if model.isDir(src):
                return "" if index.column() == LOCAL_COL_SIZE else model.lastModified(src).toString(DATE_FORMAT)
            path = model.filePath(src)
            if index.column() == LOCAL_COL_SIZE and model.fileName(src).endswith(PART_SUFFIX):  # growing now
                size, seconds = self.stats.size(path, src), None
            else:  # the model's are from when it read the folder: as read since, where they changed (note 263)
                size, seconds = self.stats.stat(path, src)
            if index.column() == LOCAL_COL_MODIFIED:
                when = QDateTime.fromSecsSinceEpoch(seconds) if seconds is not None else model.lastModified(src)
                return when.toString(DATE_FORMAT)
            return human_size(size if size is not None else model.size(src))
        return super().data(index, role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        # the remote list's titles, not Qt's own for its file-system model: in Chinese those said 体积 and
        # 修改日期 beside the remote pane's 大小 and 修改时间 (design note 431)
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if LOCAL_COL_NAME <= section <= LOCAL_COL_MODIFIED:
                return self._titles[section]
        return super().headerData(section, orientation, role)

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


def file_stats(paths: Iterable[str]) -> Dict[str, Optional[Tuple[int, int]]]:
    """The size and modification time (whole seconds) of each of ``paths`` (None: not there). It reads the disk:
    not on the GUI thread."""
    stats: Dict[str, Optional[Tuple[int, int]]] = {}
    for path in paths:
        try:
            st = os.stat(path)
            stats[path] = (st.st_size, int(st.st_mtime))
        except (OSError, ValueError):
            stats[path] = None
    return stats


class RowStats(QObject):
    """Sizes and times of the files a local list shows, as they are now. The file-system model keeps what it read
    when a file appeared (its watcher reports names, not writes): a file another program writes, or a download's
    temporary file (``NAME.ftpgui-part``), kept its first size until Refresh (found by QA, design note 263).

    The list's ``data`` takes what was read last and never waits on the disk (it read each part file with
    ``os.stat`` whenever it painted the row: a slow or hung disk froze the window); what is asked for is read on a
    thread of its own (``run_blocking``'s ``detached``: a hung disk holds no shared thread, nor Quit), one read at
    a time, at most every ``PART_READ_MS``, and a row that changed is repainted. A part file is asked for each time
    its row is painted (a growing one: again and again); the rows ``follow``'s view shows are asked for every
    ``STAT_EVERY_MS`` — only those, so a folder of any size costs the same. Only what differs from the model is
    kept (``known``)."""

    def __init__(self, proxy: QSortFilterProxyModel):
        super().__init__(proxy)
        self.proxy = proxy
        # path: its size and time read, its source row — only where they differ from the model's
        self.known: Dict[str, Tuple[int, int, QPersistentModelIndex]] = {}
        self.asked: Dict[str, QPersistentModelIndex] = {}  # to read next
        self.reading: Optional[Dict[str, QPersistentModelIndex]] = None
        self.timer = QTimer(self, singleShot=True, interval=PART_READ_MS)
        self.timer.timeout.connect(self._read)
        self.view: Any = None
        self.ticker = QTimer(self, interval=STAT_EVERY_MS)
        self.ticker.timeout.connect(self.read_shown)

    def follow(self, view: Any) -> None:
        """Read the rows ``view`` shows again every ``STAT_EVERY_MS`` while it is on screen."""
        self.view = view
        self.ticker.start()

    def size(self, path: str, src: QModelIndex) -> Optional[int]:
        """The size last read of the part file at ``path`` (``src``: its source index), None until one is; read
        again soon."""
        self.ask(path, src)
        return self.stat(path, src)[0]

    def stat(self, path: str, src: QModelIndex) -> Tuple[Optional[int], Optional[int]]:
        """The size and time (seconds) last read of the file at ``path`` where they differ from the model's."""
        known = self.known.get(path)
        if known is None or not known[2].isValid() or known[2].model() != src.model():
            return None, None  # (none, or from the model a Refresh replaced)
        return known[0], known[1]

    def ask(self, path: str, src: QModelIndex) -> None:
        if path not in self.asked:
            self.asked[path] = QPersistentModelIndex(src)
            if self.reading is None and not self.timer.isActive():
                self.timer.start()

    def read_shown(self) -> None:
        """Ask for the rows the followed view shows (nothing while it is hidden: another tab's, a minimized window)."""
        view = self.view
        if view is None or not view.isVisible() or view.window().isMinimized() or self.proxy.sourceModel() is None:
            return
        model = self.proxy.sourceModel()
        index, bottom = view.indexAt(QPoint(0, 0)), view.viewport().height()
        while index.isValid() and view.visualRect(index).top() < bottom:
            src = self.proxy.mapToSource(index)
            if not model.isDir(src):
                self.ask(model.filePath(src), src.siblingAtColumn(0))
            index = view.indexBelow(index)

    def _read(self) -> None:
        if self.reading is not None or not self.asked:
            return
        self.reading, self.asked = self.asked, {}
        call = run_blocking(file_stats, list(self.reading), detached=True)
        call.done.connect(self._got)
        call.failed.connect(self._failed)

    @Slot(object)
    def _failed(self, _exc: BaseException) -> None:
        self._got({})

    @Slot(object)
    def _got(self, stats: Dict[str, Optional[Tuple[int, int]]]) -> None:
        read, self.reading = self.reading or {}, None
        for path in [p for p, (_s, _t, row) in self.known.items() if not row.isValid()]:
            del self.known[path]  # its row is gone (the download ended: renamed) or the model was replaced
        source = self.proxy.sourceModel()
        for path, row in read.items():
            now = stats.get(path)
            if now is None or not row.isValid() or row.model() != source:
                self.known.pop(path, None)
                continue
            src = source.index(row.row(), 0, row.parent())
            listed = (source.size(src), source.lastModified(src).toSecsSinceEpoch())
            before = self.stat(path, src)
            if before == (None, None):
                before = listed
            if now == listed:
                self.known.pop(path, None)  # the model has it right (nothing kept for a folder's unchanged files)
            else:
                self.known[path] = (now[0], now[1], row)
            if now != before:
                left = self.proxy.mapFromSource(src.siblingAtColumn(LOCAL_COL_SIZE))
                right = self.proxy.mapFromSource(src.siblingAtColumn(LOCAL_COL_MODIFIED))
                if left.isValid() and right.isValid():
                    self.proxy.dataChanged.emit(left, right)
        if self.asked:
            self.timer.start()
