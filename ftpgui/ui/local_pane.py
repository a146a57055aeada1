"""The local side: a folder tree and a file list over one ``QFileSystemModel`` (created when first shown), and
under it a bar that says when the folder holds names Qt cannot list (``local_undecoded``, note 421).

``QFileSystemModel`` reads the disk on its own thread, so a slow or huge folder never blocks the GUI.
"""

from __future__ import annotations

import contextlib
import os
from typing import Any, Callable, List, Optional, Set, Tuple

from PySide6.QtCore import (
    QCoreApplication,
    QDir,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileIconProvider,
    QFileSystemModel,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..ftp.localpath import part_name
from ..transfers.items import ACTIVE, DOWNLOAD
from .current_row import GivenCurrent
from .drag_image import start_drag
from .local_model import (  # noqa: F401 (the column numbers: imported from here too)
    LOCAL_COL_MODIFIED,
    LOCAL_COL_NAME,
    LOCAL_COL_SIZE,
    LOCAL_COL_TYPE,
    FoldersFirstProxy,
    refiltered,
)
from .local_undecoded import UndecodedBar
from .path_bar import PathBar
from .remote_model import MIME_REMOTE, decode_remote_entries

PART_REFRESH_MS = 1000  # a growing download's row is repainted about once a second
WANTED_MS = 3000  # how long ``select_soon`` waits for its name to be listed
FRESH_WAIT_MS = 2000  # a Refresh's new model takes over when it has read the folder, or after this at most


def _words_qt_lacks() -> Tuple[str, ...]:
    """Words ``QFileSystemModel`` asks Qt for that Qt's own zh_CN translation lacks ("Folder" in the Type
    column). Listed here so lupdate puts them in ftpgui's .ts, where Qt finds them at run time."""
    return (
        QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "All other platforms"),
        QCoreApplication.translate("QAbstractFileIconProvider", "Drive"),
        QCoreApplication.translate("QAbstractFileIconProvider", "Unknown"),
    )


class LocalFileView(GivenCurrent, QTreeView):
    """The local file list; remote entries dropped on it are downloaded (into the folder under the cursor)."""

    downloadDropped = Signal(list, str)  # [(remote path, is_dir, size)], local folder

    def __init__(self, pane: LocalPane):
        super().__init__(pane)
        self.pane = pane
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        # the remote session whose entries may be dropped here (the window sets it; None: any session). Entries
        # of another session (another window, a server no longer browsed) would be fetched from this one.
        self.session_key: Optional[Callable[[], str]] = None

    def startDrag(self, supported) -> None:
        start_drag(self, supported)  # the drag's picture beside the pointer, not over the row under it

    def _target(self, pos) -> str:
        index = self.indexAt(pos)
        path = self.pane.path_of(index) if index.isValid() else ""
        return path if path and os.path.isdir(path) else self.pane.path

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasFormat(MIME_REMOTE):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()  # local → local copies are the file manager's job

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        mime = event.mimeData()
        if not mime.hasFormat(MIME_REMOTE):
            event.ignore()
            return
        key, items = decode_remote_entries(mime.data(MIME_REMOTE).data())
        if self.session_key is not None and key != self.session_key():
            event.ignore()  # not the server being browsed: these paths mean other files here
            return
        event.setDropAction(Qt.DropAction.CopyAction)  # a download never removes the remote file
        event.accept()
        if items:
            self.downloadDropped.emit(items, self._target(event.position().toPoint()))


class LocalPane(QWidget):
    """Path field with history, folder tree, file list; folders first, hidden files on request."""

    pathChanged = Signal(str)
    activatedFile = Signal(str)  # a file double-clicked (or Enter): the window uploads it, or opens it
    refused = Signal(str)  # a folder typed in the path field that is not there, said in words
    # the file-system model's news, from whichever model is current (Refresh replaces it: follow these, not it)
    folderLoaded = Signal(str)  # it has read a folder
    listChanged = Signal()  # rows came, went, changed or moved

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("localPane")
        self.path = ""
        self._show_hidden = False
        self.model: Optional[QFileSystemModel] = None
        self.tree_proxy = FoldersFirstProxy(dirs_only=True, parent=self)
        self.list_proxy = FoldersFirstProxy(parent=self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.path_bar = PathBar(self)
        self.path_bar.setAccessibleName(self.tr("Local folder"))
        self.path_bar.pathEntered.connect(self._path_entered)
        layout.addWidget(self.path_bar)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("localSplitter")
        self.tree = QTreeView(self.splitter)
        self.tree.setObjectName("localTree")
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.view = LocalFileView(self)
        self.view.setObjectName("localList")
        self.view.setParent(self.splitter)
        self.view.setRootIsDecorated(False)
        self.view.setItemsExpandable(False)
        self.view.setUniformRowHeights(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.view)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([150, 450])
        layout.addWidget(self.splitter)
        self.undecoded = UndecodedBar(self)  # (shown only when the folder holds names that are not UTF-8)
        layout.addWidget(self.undecoded)
        self.view.activated.connect(self._activated)  # Enter, or the platform's click
        self.list_proxy.stats.follow(self.view)  # its rows' sizes and times as they change (design note 263)
        self.tree.clicked.connect(lambda i: self.set_path(self.path_of(i, self.tree_proxy)))
        self._start = QDir.homePath()
        self._parts_timer = QTimer(self, singleShot=True, interval=PART_REFRESH_MS)
        self._parts_timer.timeout.connect(self.refresh_parts)
        self._growing: Set[str] = set()  # temporary download files to repaint
        self._wanted = ""  # a name to select once the model lists it (``select_soon``)
        self._wanted_timer = QTimer(self, singleShot=True, interval=WANTED_MS)
        self._wanted_timer.timeout.connect(self._wanted_over)
        self.listChanged.connect(self._select_wanted)
        # the folder just gone up from: kept in view while its parent is still being read and sorted
        self._left = ""
        self.listChanged.connect(self._left_soon)
        self._icons = QFileIconProvider()
        self._fresh: Optional[QFileSystemModel] = None  # a Refresh's model, reading the folder shown
        self._fresh_timer = QTimer(self, singleShot=True, interval=FRESH_WAIT_MS)
        self._fresh_timer.timeout.connect(lambda: self._take_fresh(False))

    # --- lazily created model -------------------------------------------------------------------
    def ensure_model(self) -> QFileSystemModel:
        """Create the file-system model the first time it is needed (it starts watching the disk)."""
        if self.model is None:
            self.tree.setModel(self.tree_proxy)
            self.view.setModel(self.list_proxy)
            self._install(self._new_model())
            self.view.setSortingEnabled(True)
            self.view.sortByColumn(LOCAL_COL_NAME, Qt.SortOrder.AscendingOrder)
            self.tree_proxy.sort(0)
            self.set_path(self.path or self._start)
        return self.model

    def _new_model(self) -> QFileSystemModel:
        model = QFileSystemModel(self)
        model.setReadOnly(True)
        model.setIconProvider(self._icons)
        model.setFilter(self._filter())
        model.setRootPath(QDir.rootPath())
        return model

    def _install(self, model: QFileSystemModel) -> None:
        """Make ``model`` the one both views show and the pane's signals follow."""
        model.directoryLoaded.connect(self._loaded)
        model.directoryLoaded.connect(self.folderLoaded)
        for signal in (model.rowsInserted, model.rowsRemoved, model.dataChanged, model.layoutChanged):
            signal.connect(self.listChanged)
        self.model = model
        self.tree_proxy.setSourceModel(model)
        self.list_proxy.setSourceModel(model)
        for col in range(1, model.columnCount()):
            self.tree.hideColumn(col)

    def _loaded(self, folder: str) -> None:
        """The model reads folders on its own thread: show the current one in the tree once it is there."""
        if self.model is not None and (self.path == folder or self.path.startswith(folder.rstrip(os.sep) + os.sep)):
            index = self.tree_proxy.mapFromSource(self.model.index(self.path))
            if index.isValid():
                self.tree.setCurrentIndex(index)
                self.tree.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def showEvent(self, event) -> None:
        self.ensure_model()
        super().showEvent(event)

    def _filter(self) -> QDir.Filter:
        f = QDir.Filter.AllDirs | QDir.Filter.Files | QDir.Filter.NoDotAndDotDot | QDir.Filter.Drives
        if self._show_hidden:
            f |= QDir.Filter.Hidden
        return f

    # --- navigation -------------------------------------------------------------------------------
    def set_path(self, path: str) -> None:
        path = os.path.abspath(os.path.expanduser(path))
        if not os.path.isdir(path):
            return
        if self.model is None:
            self._start = path
            self.path = path
            self.path_bar.set_path(path)
            return
        if path != self.path:
            self._wanted = self._left = ""  # a name to select, or keep in view, of the folder left
        self.path = path
        if self.list_proxy.folder != path:
            proxy = self.list_proxy
            with refiltered(proxy, bool(proxy.rules or proxy.quick is not None)):
                proxy.folder = path
        src = self.model.index(path)
        root = self.list_proxy.mapFromSource(src)
        if root != self.view.rootIndex() and self.view.selectionModel() is not None:
            # another folder shown, however (tree, path field, Up, Enter, bookmark, sync browsing, Refresh): the
            # selection and the current row of the folder left go (note 407; Refresh and Up select again after)
            self.view.selectionModel().clear()
        self.view.setRootIndex(root)
        self.undecoded.watch(path, self._show_hidden)
        tree_index = self.tree_proxy.mapFromSource(src)
        self.tree.setCurrentIndex(tree_index)
        self.tree.scrollTo(tree_index)
        self.path_bar.set_path(path)
        self.pathChanged.emit(path)

    def _path_entered(self, text: str) -> None:
        """A path typed (or picked from the history): shown if it is a folder; else the field goes back to the
        folder shown and the reason is said (before, nothing happened and the field named a folder not shown)."""
        path = os.path.abspath(os.path.expanduser(text))
        if os.path.isdir(path):
            self.set_path(path)
            return
        self.path_bar.put_back(self.path)
        if os.path.exists(path):
            self.refused.emit(self.tr("{path} is not a folder.").format(path=path))
        else:
            self.refused.emit(self.tr("There is no folder {path}.").format(path=path))

    def up(self) -> None:
        """The parent folder, with the folder left selected (as in every file manager: a key goes on from it)."""
        parent = os.path.dirname(self.path)
        if parent and parent != self.path:
            left = os.path.basename(self.path)
            self.set_path(parent)
            if self.model is not None:
                self.select([left])
                self.view.scrollTo(self.view.currentIndex())
                # a parent not read before (a path typed, a bookmark): its rows come, and are sorted, after
                # this; the folder left is kept in view meanwhile, unless the person moves on from it
                self._left = os.path.join(parent, left)
                self._wanted_timer.start()

    def follow_downloads(self, queue: Any) -> None:
        """Show the size of the queue's downloads growing: their ``NAME.ftpgui-part`` rows in the folder on
        show are repainted at most once a second (the disk watcher reports new files, not bigger ones)."""
        self._followed = queue
        queue.totalsChanged.connect(self._downloads_moved)  # a method: let go when the pane is (a closed tab)

    def _downloads_moved(self, _totals: Any) -> None:
        for item in self._followed.model.items():
            if item.state == ACTIVE and item.direction == DOWNLOAD and not item.is_dir:
                if os.path.dirname(item.local) == self.path:
                    self._growing.add(part_name(item.local))
        if self._growing and not self._parts_timer.isActive():
            self._parts_timer.start()

    def refresh_parts(self) -> None:
        """Repaint the size of the growing temporary files noted since the last time."""
        paths, self._growing = self._growing, set()
        if self.model is None:
            return
        for path in paths:
            index = self.list_proxy.mapFromSource(self.model.index(path, LOCAL_COL_SIZE))
            if index.isValid():
                self.list_proxy.dataChanged.emit(index, index)

    def refresh(self) -> None:
        """Read the folder shown again, sizes and times too. ``QFileSystemModel`` watches folders for names and
        attributes, not for writes — a file another program is writing keeps the size it had when it appeared —
        and has no call to read a folder again: a new model reads it, and takes over once it has (or after
        ``FRESH_WAIT_MS``), so the list does not go blank meanwhile. The selection, the scroll position, the
        columns and the tree's open folders stay."""
        if self.model is None:
            return
        self.undecoded.rescan()
        if self._fresh is not None:
            self._fresh.deleteLater()
        fresh = self._fresh = self._new_model()
        folder = self.path
        fresh.directoryLoaded.connect(lambda read: read == folder and fresh is self._fresh and self._take_fresh(True))
        index = fresh.index(folder)
        if not index.isValid():  # gone meanwhile: the new model shows where it went
            self._take_fresh(False)
            return
        fresh.fetchMore(index)
        self._fresh_timer.start()

    def _take_fresh(self, loaded: bool) -> None:
        """The Refresh's model takes over (``loaded``: it has read the folder shown)."""
        fresh, self._fresh = self._fresh, None
        self._fresh_timer.stop()
        if fresh is None or self.model is None:
            return
        old, header = self.model, self.view.header().saveState()
        selected = [old.fileName(self.list_proxy.mapToSource(i)) for i in self.view.selectionModel().selectedRows(0)]
        current = old.fileName(self.list_proxy.mapToSource(self.view.currentIndex()))
        scroll = self.view.verticalScrollBar().value(), self.tree.verticalScrollBar().value()
        opened = self._opened_folders()
        with contextlib.ExitStack() as stack:
            for view in (self.view, self.tree):
                stack.callback(view.setUpdatesEnabled, True)
                view.setUpdatesEnabled(False)
            self._install(fresh)
            old.deleteLater()
            self.view.header().restoreState(header)
            for path in opened:
                self.tree.expand(self.tree_proxy.mapFromSource(fresh.index(path)))
            path = self.path
            while not os.path.isdir(path) and os.path.dirname(path) != path:
                path = os.path.dirname(path)  # the folder shown is gone: its nearest parent still there
            self.set_path(path)
            self.select([n for n in selected if n], current)
            self.view.verticalScrollBar().setValue(scroll[0])
            self.tree.verticalScrollBar().setValue(scroll[1])
        # what followed the old model hears of the new one's rows (it read them before it was connected)
        self.listChanged.emit()
        if loaded:
            self.folderLoaded.emit(path)

    def _opened_folders(self) -> List[str]:
        """The folders open in the tree (those loaded: the tree opens no others)."""
        found, todo = [], [QModelIndex()]
        while todo:
            parent = todo.pop()
            for row in range(self.tree_proxy.rowCount(parent)):
                index = self.tree_proxy.index(row, 0, parent)
                if self.tree.isExpanded(index):
                    found.append(self.model.filePath(self.tree_proxy.mapToSource(index)))
                    todo.append(index)
        return found

    def path_of(self, index: QModelIndex, proxy: Optional[QSortFilterProxyModel] = None) -> str:
        if self.model is None or not index.isValid():
            return ""
        return self.model.filePath((proxy or self.list_proxy).mapToSource(index))

    def _activated(self, index: QModelIndex) -> None:
        path = self.path_of(index)
        if os.path.isdir(path):
            self.set_path(path)
        elif path:
            self.activatedFile.emit(path)

    @staticmethod
    def open_file(path: str) -> bool:
        """Open a file with the system's default application."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    # --- selection and options --------------------------------------------------------------------
    def tree_folder(self) -> str:
        """The folder selected in the folder tree ("" for none)."""
        rows = self.tree.selectionModel().selectedRows(0) if self.tree.selectionModel() else []
        return self.path_of(rows[0], self.tree_proxy) if len(rows) == 1 else ""

    def _selected_rows(self) -> List[QModelIndex]:
        """The selected rows of the folder shown (none of another: ``set_path`` clears them, note 407)."""
        sel, root = self.view.selectionModel(), self.view.rootIndex()
        return [i for i in sel.selectedRows(0) if i.parent() == root] if sel is not None else []

    def selected_paths(self) -> List[str]:
        return [self.path_of(i) for i in self._selected_rows()]

    def known_folders(self, paths: List[str]) -> Set[str]:
        """Those of ``paths`` selected here that this pane's listing read as folders: what its model knows, no
        look at the disk (a path dropped from elsewhere is not known)."""
        if self.model is None:
            return set()
        wanted, found = set(paths), set()
        for index in self._selected_rows():
            source = self.list_proxy.mapToSource(index)
            path = self.model.filePath(source)
            if path in wanted and self.model.isDir(source):
                found.add(path)
        return found

    def select_soon(self, name: str) -> None:
        """Select ``name`` of the folder shown as soon as the model lists it: a file just renamed or made there
        is listed when the disk watcher reports it, a moment after (for at most ``WANTED_MS``)."""
        self._wanted = name
        self._wanted_timer.start()
        self._select_wanted()

    def _wanted_over(self) -> None:
        self._wanted = ""
        self._left = ""

    def _left_soon(self) -> None:
        if self._left:
            QTimer.singleShot(0, self, self._show_left)  # (with the pane as context: dropped if it goes first)

    def _show_left(self) -> None:
        """The folder gone up from back in view, while it is still the current row (after the model's changes
        are through the proxy: hence called a moment later)."""
        if not self._left:
            return
        current = self.view.currentIndex()
        # (Qt's paths have "/" on Windows too; the folder left was joined with os.path)
        if os.path.normpath(self.path_of(current)) != os.path.normpath(self._left):
            self._left = ""  # the person went on (or another folder is shown): leave the view alone
            return
        if not self.view.viewport().rect().intersects(self.view.visualRect(current)):
            self.view.scrollTo(current)

    def _select_wanted(self) -> None:
        if not self._wanted or self.model is None:
            return
        self.select([self._wanted])
        chosen = self.selected_paths()  # (Qt's paths have "/" on Windows too: both compared normalised)
        if len(chosen) == 1 and os.path.normpath(chosen[0]) == os.path.normpath(os.path.join(self.path, self._wanted)):
            self._wanted = ""

    def select(self, names: List[str], current: str = "") -> None:
        """Select the named entries of the current folder (``current`` the one with the focus, else the last
        of them)."""
        model = self.ensure_model()
        sel = self.view.selectionModel()
        sel.clearSelection()
        flags = QItemSelectionModel.SelectionFlag
        for name in names:
            index = self.list_proxy.mapFromSource(model.index(os.path.join(self.path, name)))
            if index.isValid():
                sel.select(index, flags.Select | flags.Rows)
                if not current:
                    sel.setCurrentIndex(index, flags.NoUpdate)
        if current:
            index = self.list_proxy.mapFromSource(model.index(os.path.join(self.path, current)))
            if index.isValid():
                sel.setCurrentIndex(index, flags.NoUpdate)

    def set_filters(self, rules: Any, quick: Optional[Callable[[str], bool]]) -> None:
        """Hide what ``rules`` (a FilterSet, or None) hide in the folder shown, and keep only the names ``quick``
        keeps (None: all)."""
        proxy = self.list_proxy
        with refiltered(proxy):
            proxy.rules, proxy.quick, proxy.folder = rules, quick, self.path

    def hidden_counts(self) -> Tuple[int, int]:
        """(hidden by the filters, hidden by the quick filter) in the folder shown."""
        proxy = self.list_proxy
        if self.model is None or not (proxy.rules or proxy.quick is not None):
            return 0, 0
        parent = self.model.index(self.path)
        counts = [0, 0, 0]
        for row in range(self.model.rowCount(parent)):
            counts[proxy.hidden_by(self.model.index(row, 0, parent))] += 1
        return counts[1], counts[2]

    @property
    def show_hidden(self) -> bool:
        return self._show_hidden

    def set_show_hidden(self, show: bool) -> None:
        self._show_hidden = show
        if self.model is not None:
            self.model.setFilter(self._filter())
            self.undecoded.watch(self.path, show)
