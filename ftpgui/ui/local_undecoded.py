"""The local file list's model: ``QFileSystemModel`` with the files whose names Qt cannot carry added.

On Linux and macOS a name is bytes. Qt reads names as UTF-8 and leaves out every one that is not (its directory
iterator skips them), so a file whose name is not valid UTF-8 — one a download wrote byte for byte from a server
listing such a name — was not in the local list at all, F5 or not (found by QA; design note 406). ``LocalFiles``
is a ``QIdentityProxyModel`` over the file-system model that adds those files of the folder shown as rows of their
own after the model's: read on a thread of their own (``undecodable_files``), again when the folder changes (a
watcher of its own: the model's says nothing about names it does not list), shown with ``\\xNN`` escapes as the
remote pane shows such names (``shown``). Their paths are Python's (``os.fsdecode``: the bytes as lone
surrogates), so a rename, a delete or an upload uses the real bytes; none of them goes through a Qt string (Qt
drops lone surrogates). It answers what the pane and its proxies ask the file-system model (``fileName``,
``filePath``, ``isDir``, ``size``, ``lastModified``, ``index(path)``…) for both kinds of rows.

Only files: a folder whose name Qt cannot carry cannot be shown by the model either (it is left out, as before).
Windows names are UTF-16: Qt carries every one, and nothing is added there.
"""

from __future__ import annotations

import os
import stat
from typing import Any, List, Optional, Tuple

from PySide6.QtCore import (
    QDateTime,
    QDir,
    QFileSystemWatcher,
    QIdentityProxyModel,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QFileIconProvider, QFileSystemModel

from ..ftp.safetext import shown
from ..transfers.model import human_size
from ..transfers.runner import run_blocking
from .type_names import file_type

EXTRA_ID = 1  # the ``internalId`` of an added row (no node of the file-system model lives at address 1)
RESCAN_MS = 200  # a folder's changes are looked at once they pause this long
Extra = Tuple[str, int, float]  # (name as os.fsdecode gives it, size, modification time)


def undecodable_files(folder: str, hidden: bool) -> List[Extra]:
    """The files (and links to files) of ``folder`` whose names are not UTF-8, sorted; ``hidden``: those whose
    names start with "." too. It reads the disk: not on the GUI thread."""
    found: List[Extra] = []
    if os.name == "nt":
        return found
    try:
        with os.scandir(os.fsencode(folder)) as it:
            for entry in it:
                try:
                    entry.name.decode("utf-8")
                    continue
                except UnicodeDecodeError:
                    pass
                if entry.name.startswith(b".") and not hidden:
                    continue
                try:
                    st = entry.stat()
                except OSError:
                    continue
                if not stat.S_ISDIR(st.st_mode):
                    found.append((os.fsdecode(entry.name), st.st_size, st.st_mtime))
    except OSError:
        return []
    return sorted(found)


class LocalFiles(QIdentityProxyModel):
    """``fs`` (a ``QFileSystemModel``, taken over) with the folder shown's files Qt cannot name added after its
    rows (see the module docstring); ``show(folder)`` says which folder that is."""

    directoryLoaded = Signal(str)

    def __init__(self, fs: QFileSystemModel, parent=None):
        super().__init__(parent)
        fs.setParent(self)
        self.fs = fs
        self.setSourceModel(fs)
        fs.directoryLoaded.connect(self.directoryLoaded)
        fs.directoryLoaded.connect(self._loaded)
        self.folder = ""
        self.extras: List[Extra] = []
        self._folder_src = QPersistentModelIndex()
        self._icon = QFileIconProvider().icon(QFileIconProvider.IconType.File)
        self._reading = False
        self._again = False
        self._watcher: Optional[QFileSystemWatcher] = None
        self._timer = QTimer(self, singleShot=True, interval=RESCAN_MS)
        self._timer.timeout.connect(self.rescan)

    # --- which folder, and reading it -----------------------------------------------------------------
    def show(self, folder: str) -> None:
        """The added rows are ``folder``'s from now on (read again now)."""
        if folder != self.folder:
            self._set([])
            if self._watcher is not None and self.folder:
                self._watcher.removePath(self.folder)
            self.folder = folder
            self._folder_src = QPersistentModelIndex(self.fs.index(folder))
            if os.name != "nt":
                if self._watcher is None:
                    self._watcher = QFileSystemWatcher(self)
                    self._watcher.directoryChanged.connect(lambda _p: self._timer.start())
                self._watcher.addPath(folder)
        self.rescan()

    def _loaded(self, folder: str) -> None:
        if folder == self.folder:
            self._timer.start()

    def rescan(self) -> None:
        """Read the folder's names again (on a thread of its own; one read at a time)."""
        if not self.folder or os.name == "nt":
            return
        if self._reading:
            self._again = True
            return
        self._reading, folder = True, self.folder
        hidden = bool(self.fs.filter() & QDir.Filter.Hidden)
        # (its answer only while this model lives: a Refresh replaces the pane's model, and the old one's read
        # answered into a deleted file-system model — "Internal C++ object already deleted" in the event loop)
        run_blocking(
            undecodable_files,
            folder,
            hidden,
            detached=True,
            on_done=lambda found: self._read(folder, found),
            on_error=lambda _exc: self._read(folder, None),
        )

    def _read(self, folder: str, found: Optional[List[Extra]]) -> None:
        self._reading = False
        if found is not None and folder == self.folder:
            self._set(found)
        if self._again:
            self._again = False
            self.rescan()

    def _set(self, found: List[Extra]) -> None:
        if found == self.extras:
            return
        parent = self.mapFromSource(QModelIndex(self._folder_src))
        start = self.fs.rowCount(QModelIndex(self._folder_src))
        if self.extras:
            self.beginRemoveRows(parent, start, start + len(self.extras) - 1)
            self.extras = []
            self.endRemoveRows()
        if found:
            self.beginInsertRows(parent, start, start + len(found) - 1)
            self.extras = found
            self.endInsertRows()

    def setFilter(self, filters) -> None:
        self.fs.setFilter(filters)
        self.rescan()  # (hidden files shown or not)

    def filter(self):
        return self.fs.filter()

    # --- the added rows -------------------------------------------------------------------------------
    def is_extra(self, index: QModelIndex) -> bool:
        return index.isValid() and index.model() is self and index.internalId() == EXTRA_ID

    def _extra(self, index: QModelIndex) -> Extra:
        return self.extras[index.row() - self.fs.rowCount(QModelIndex(self._folder_src))]

    def _is_folder(self, parent: QModelIndex) -> bool:
        """``parent`` (an index of this model) is the folder the added rows are in."""
        return (
            bool(self.extras)
            and parent.isValid()
            and not self.is_extra(parent)
            and self.mapToSource(parent) == QModelIndex(self._folder_src)
        )

    def index(self, *args):  # (row, column, parent) as any model's, or (path, column=0) as QFileSystemModel's
        if args and isinstance(args[0], str):
            path, column = args[0], (args[1] if len(args) > 1 else 0)
            if self.extras and os.path.dirname(path) == self.folder:
                names = [e[0] for e in self.extras]
                name = os.path.basename(path)
                if name in names:
                    start = self.fs.rowCount(QModelIndex(self._folder_src))
                    return self.createIndex(start + names.index(name), column, EXTRA_ID)
            return self.mapFromSource(self.fs.index(path, column))
        row, column = args[0], args[1]
        parent = args[2] if len(args) > 2 else QModelIndex()
        if self._is_folder(parent):
            start = self.fs.rowCount(QModelIndex(self._folder_src))
            if row >= start:
                ok = row < start + len(self.extras) and 0 <= column < self.fs.columnCount()
                return self.createIndex(row, column, EXTRA_ID) if ok else QModelIndex()
        return super().index(row, column, parent)

    def parent(self, *args):
        if not args:
            return super().parent()  # (the QObject's)
        if self.is_extra(args[0]):
            return self.mapFromSource(QModelIndex(self._folder_src))
        return super().parent(args[0])

    def sibling(self, row: int, column: int, index: QModelIndex) -> QModelIndex:
        if not index.isValid():
            return QModelIndex()
        return self.index(row, column, self.parent(index))

    def buddy(self, index: QModelIndex) -> QModelIndex:
        return index

    def mapToSource(self, index: QModelIndex) -> QModelIndex:
        if self.is_extra(index):
            return QModelIndex()
        return super().mapToSource(index)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        if self.is_extra(parent):
            return 0
        count = super().rowCount(parent)
        return count + len(self.extras) if self._is_folder(parent) else count

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if self.is_extra(parent) else super().columnCount(parent)

    def hasChildren(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return False if self.is_extra(parent) else super().hasChildren(parent)

    def canFetchMore(self, parent: QModelIndex) -> bool:
        return False if self.is_extra(parent) else super().canFetchMore(parent)

    def fetchMore(self, parent: QModelIndex) -> None:
        if not self.is_extra(parent):
            super().fetchMore(parent)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if self.is_extra(index):  # (not dragged: a drag's file URLs cannot carry the name's bytes)
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        return super().flags(index)

    def mimeData(self, indexes):
        return super().mimeData([i for i in indexes if not self.is_extra(i)])

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not self.is_extra(index):
            return super().data(index, role)
        name, size, _when = self._extra(index)
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return shown(name) if role == Qt.ItemDataRole.DisplayRole else shown(self.filePath(index))
            if column == 1:
                return human_size(size)
            if column == 2:
                return file_type(name)
            return self.lastModified(index).toString("yyyy-MM-dd HH:mm")
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self._icon
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # --- what the pane asks a QFileSystemModel -----------------------------------------------------------
    def fileName(self, index: QModelIndex) -> str:
        return self._extra(index)[0] if self.is_extra(index) else self.fs.fileName(self.mapToSource(index))

    def filePath(self, index: QModelIndex) -> str:
        if self.is_extra(index):
            return os.path.join(self.folder, self._extra(index)[0])
        return self.fs.filePath(self.mapToSource(index))

    def isDir(self, index: QModelIndex) -> bool:
        return False if self.is_extra(index) else self.fs.isDir(self.mapToSource(index))

    def size(self, index: QModelIndex) -> int:
        return self._extra(index)[1] if self.is_extra(index) else self.fs.size(self.mapToSource(index))

    def lastModified(self, index: QModelIndex) -> QDateTime:
        if self.is_extra(index):
            return QDateTime.fromSecsSinceEpoch(int(self._extra(index)[2]))
        return self.fs.lastModified(self.mapToSource(index))

    def type(self, index: QModelIndex) -> str:
        return file_type(self._extra(index)[0]) if self.is_extra(index) else self.fs.type(self.mapToSource(index))


class ExtrasKept(QObject):
    """Keeps the list's selection, and current row, of added rows across the file-system model's layout changes.
    The model re-sorts its rows when a file comes or goes in any folder it has read — a tree's sibling of the folder
    shown too — and ``QIdentityProxyModel`` carries each persistent index across by its source index: an added
    row has none, and its selection went, a second after the click (Upload, F2 and Delete then acted on nothing:
    found by QA, design note 406's addendum). ``proxy``: the list's proxy over a ``LocalFiles``."""

    def __init__(self, view: Any, proxy: Any):
        super().__init__(view)
        self.view, self.proxy = view, proxy
        self._kept: Tuple[List[str], Optional[str]] = ([], None)
        proxy.layoutAboutToBeChanged.connect(self._before)
        proxy.layoutChanged.connect(self._after)

    def _before(self, *_args: Any) -> None:
        files, sel = self.proxy.sourceModel(), self.view.selectionModel()
        self._kept = ([], None)
        if not isinstance(files, LocalFiles) or not files.extras or sel is None:
            return
        rows = [self.proxy.mapToSource(i) for i in sel.selectedRows()]
        current = self.proxy.mapToSource(sel.currentIndex())
        self._kept = (
            [files.filePath(s) for s in rows if files.is_extra(s)],
            files.filePath(current) if files.is_extra(current) else None,
        )

    def _after(self, *_args: Any) -> None:
        (paths, current), self._kept = self._kept, ([], None)
        files, sel = self.proxy.sourceModel(), self.view.selectionModel()
        if not isinstance(files, LocalFiles) or sel is None:
            return
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for path in paths:  # (only the folder shown's: ``index(path)`` finds added rows of no other)
            index = self.proxy.mapFromSource(files.index(path))
            if index.isValid() and not sel.isSelected(index):
                sel.select(index, flags)
        if current is not None:
            index = self.proxy.mapFromSource(files.index(current))
            if index.isValid() and sel.currentIndex() != index:
                sel.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
