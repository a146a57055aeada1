"""The remote side: path field with history, a lazily filled folder tree, and the file list.

The pane shows what the :class:`~ftpgui.ui.remote_browser.RemoteBrowser` lists and turns the person's
gestures (double-click, drops) into requests; the main window carries them out.
"""

from __future__ import annotations

import posixpath
from typing import Dict, List, Optional, Sequence, Tuple

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileIconProvider,
    QHeaderView,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..ftp import Entry
from ..ftp.localpath import names_no_entry
from ..ftp.safetext import shown_name
from .current_row import GivenCurrent
from .drag_image import start_drag
from .name_hint import NameHintBar
from .path_bar import PathBar
from .remote_model import MIME_REMOTE, DraggedEntries, IsDirRole, ListedFolder, RemoteModel, download_item

UNUSABLE = "\0"  # (``RemoteView._folder_at``) a folder row a drop may not go into: no path holds a NUL

TreePathRole = Qt.ItemDataRole.UserRole + 10  # a node's path, in a tuple: Qt's strings drop lone surrogates
_PLACEHOLDER = "…"


def tree_path(data) -> Optional[str]:
    """The path a tree node's ``TreePathRole`` holds (None for a placeholder)."""
    return data[0] if isinstance(data, tuple) else data


def local_paths(urls: List[QUrl]) -> List[str]:
    """The local files among dropped URLs (a file manager's ``text/uri-list``)."""
    return [u.toLocalFile() for u in urls if u.isLocalFile() and u.toLocalFile()]


def is_inside(path: str, folder: str) -> bool:
    """True when ``path`` is ``folder`` or lies below it (a folder cannot move into itself)."""
    folder = folder.rstrip("/") or "/"
    return path == folder or path.startswith(folder + "/") or (folder == "/" and path == "/")


class RemoteView(GivenCurrent, QTableView):
    """The remote file list. Drops: local files upload; our own entries onto a folder move there."""

    # (paths as object: a str in a signal becomes a QString, which drops the lone surrogates of undecoded bytes)
    uploadDropped = Signal(object, object)  # local paths, remote folder
    moveDropped = Signal(object, object)  # [(remote path, its listed bytes or None)], remote folder
    refusedTarget = Signal(str, str)  # a drop on a folder row whose listed name names no folder here: name, kind

    def __init__(self, model: RemoteModel, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.remote_model = model
        self._dragged = DraggedEntries()  # the remote entries of the drag in progress
        self.setModel(model)
        # A table, not a tree: QTreeView lays out every row of a folder up front (a Python call per row);
        # a table with fixed-height rows touches only the rows it paints, whatever the folder's size.
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # Tab leaves the list, as from the local list (a tree): a table's Tab went from cell to cell and row to
        # row, moving the selection, and never out — a keyboard trap, its way out (Ctrl+Tab) the next server tab
        self.setTabKeyNavigation(False)
        self.setSortingEnabled(True)
        self.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        columns = self.horizontalHeader()
        columns.setStretchLastSection(False)
        columns.setSectionsMovable(True)
        columns.setHighlightSections(False)
        columns.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def moveCursor(self, action, modifiers):
        """Home and End go to the first and last row, as in every file manager: a table's own Home and End
        move to the first and last column of the row, which scrolled sideways and left the wrong item current."""
        home, end = QAbstractItemView.CursorAction.MoveHome, QAbstractItemView.CursorAction.MoveEnd
        rows = self.model().rowCount()
        if action in (home, end) and rows:
            column = max(self.currentIndex().column(), 0)  # stay in the column shown: no sideways scroll
            return self.model().index(0 if action == home else rows - 1, column)
        return super().moveCursor(action, modifiers)

    def keyboardSearch(self, search: str) -> None:
        """Typing a name's first letters jumps to it: search the Name column whichever cell is current."""
        current = self.currentIndex()
        if current.isValid() and current.column() != 0:
            self.selectionModel().setCurrentIndex(
                current.siblingAtColumn(0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        super().keyboardSearch(search)

    def startDrag(self, supported) -> None:
        start_drag(self, supported)  # the drag's picture beside the pointer, not over the row under it

    def _folder_row(self, pos) -> Optional[Entry]:
        index = self.indexAt(pos)
        if index.isValid() and index.data(IsDirRole):  # (not PathRole: a QString, without undecoded bytes)
            return self.remote_model.entry(index.row())
        return None

    def _folder_at(self, pos) -> Optional[str]:
        """The folder a drop at ``pos`` goes into, or None beside the folders; ``UNUSABLE`` on a folder row whose
        listed name names no folder here ("sub/deep": joined to this folder it is another folder, where a drop
        uploaded or moved the files: design note 247)."""
        entry = self._folder_row(pos)
        if entry is None:
            return None
        return UNUSABLE if names_no_entry(entry.name) else self.remote_model.full_path(entry)

    def _plan(self, event) -> Optional[Tuple[str, list, str]]:
        """What a drop at this place would do: ("upload"|"move", items, folder), or None."""
        mime = event.mimeData()
        pos = event.position().toPoint()
        folder = self._folder_at(pos)
        if folder is UNUSABLE:
            return None
        if mime.hasFormat(MIME_REMOTE):
            key, items = self._dragged(mime)
            if key != self.remote_model.connection_key or folder is None:
                return None  # another session's entries, or dropped beside the folders: nothing to do
            moved = [
                (p, w, *n) for p, _d, _s, w, *n in items if not is_inside(folder, p) and posixpath.dirname(p) != folder
            ]
            return ("move", moved, folder) if moved else None
        if mime.hasUrls():
            paths = local_paths(mime.urls())
            if paths and self.remote_model.path:
                return "upload", paths, folder or self.remote_model.path
        return None

    def dragEnterEvent(self, event) -> None:
        mime = event.mimeData()
        if mime.hasFormat(MIME_REMOTE) or mime.hasUrls():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        plan = self._plan(event)
        if plan is None:
            event.ignore()
            return
        # within the pane a drag moves; anything from outside is a copy, never a move
        event.setDropAction(Qt.DropAction.MoveAction if plan[0] == "move" else Qt.DropAction.CopyAction)
        event.accept()

    def dropEvent(self, event) -> None:
        plan = self._plan(event)
        if plan is None:
            pos = event.position().toPoint()
            if self._folder_at(pos) is UNUSABLE:  # (said: the drag's forbidden pointer alone says nothing of why)
                kind = "move" if event.mimeData().hasFormat(MIME_REMOTE) else "upload"
                self.refusedTarget.emit(self._folder_row(pos).name, kind)  # type: ignore[union-attr]
            event.ignore()
            return
        kind, items, folder = plan
        event.setDropAction(Qt.DropAction.MoveAction if kind == "move" else Qt.DropAction.CopyAction)
        event.accept()
        (self.moveDropped if kind == "move" else self.uploadDropped).emit(items, folder)


class RemoteTree:
    """The folder tree: a node per folder seen, children filled in when a listing of it arrives."""

    def __init__(self, view: QTreeView):
        self.view = view
        self.model = QStandardItemModel(view)
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(True)
        self._icon = QFileIconProvider().icon(QFileIconProvider.IconType.Folder)
        self._items: Dict[str, QStandardItem] = {}

    def clear(self) -> None:
        self.model.clear()
        self._items.clear()

    def _item(self, path: str) -> QStandardItem:
        item = self._items.get(path)
        if item is not None:
            return item
        if path == "/":
            item = self._new("/", "/")
            self.model.appendRow(item)
        else:
            parent = self._item(posixpath.dirname(path) or "/")
            self._drop_placeholder(parent)
            item = self._new(posixpath.basename(path), path)
            parent.appendRow(item)
        return item

    def _new(self, name: str, path: str) -> QStandardItem:
        item = QStandardItem(self._icon, shown_name(name))  # escaped, cut as a list cuts it; the path keeps the name
        item.setData((path,), TreePathRole)
        item.setEditable(False)
        self._items[path] = item
        return item

    @staticmethod
    def _drop_placeholder(item: QStandardItem) -> None:
        if item.rowCount() == 1 and item.child(0).data(TreePathRole) is None:
            item.removeRow(0)

    def set_children(self, path: str, entries: Sequence[Entry]) -> None:
        """The subfolders of ``path``, each with a placeholder until it is listed itself."""
        item = self._item(path)
        if isinstance(entries, ListedFolder):  # (without making every Entry of a big folder)
            names = sorted(entries.dir_names(), key=str.casefold)
        else:
            names = sorted((e.name for e in entries if e.type == "dir"), key=str.casefold)
        names = [n for n in names if not names_no_entry(n)]  # ("a/b": another folder's path, not a subfolder)
        wanted = set(names)  # (a list here made a refresh quadratic in the number of subfolders)
        for row in range(item.rowCount() - 1, -1, -1):
            child_path = tree_path(item.child(row).data(TreePathRole))
            if child_path is None or posixpath.basename(child_path) not in wanted:
                self._forget(item.child(row))
                item.removeRow(row)
        have = {posixpath.basename(tree_path(item.child(r).data(TreePathRole))) for r in range(item.rowCount())}
        for name in names:
            if name in have:
                continue
            child = self._new(name, posixpath.join(path, name))
            child.appendRow(QStandardItem(_PLACEHOLDER))
            item.appendRow(child)
        item.sortChildren(0)

    def _forget(self, item: QStandardItem) -> None:
        path = tree_path(item.data(TreePathRole))
        if path is not None:
            self._items.pop(path, None)
        for r in range(item.rowCount()):
            self._forget(item.child(r))

    def select(self, path: str) -> None:
        item = self._item(path)
        index = item.index()
        parent = index.parent()
        while parent.isValid():
            self.view.expand(parent)
            parent = parent.parent()
        self.view.setCurrentIndex(index)
        self.view.expand(index)
        self.view.scrollTo(index)

    def paths(self) -> List[str]:
        return sorted(self._items)

    def has(self, path: str) -> bool:
        """Whether the tree has a node for ``path``."""
        return path in self._items


class RemotePane(QWidget):
    """Shows one remote folder at a time; asks for listings through ``navigateRequested``."""

    navigateRequested = Signal(object, bool)  # path (object: see RemoteView), refresh
    activatedFile = Signal(object)  # Entry double-clicked
    # a symbolic link's Entry double-clicked: a folder or a file, the server says (or a folder's whose name names
    # no entry of the folder shown: refused by the window in words)
    activatedLink = Signal(object)
    treeListingWanted = Signal(object)  # a tree node was expanded: list it for the tree, keep the folder shown

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("remotePane")
        self._came_from: Optional[Tuple[str, str]] = None  # (parent, child): Up selects the child once listed
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.path_bar = PathBar(self)
        self.path_bar.setAccessibleName(self.tr("Remote folder"))
        self.path_bar.pathEntered.connect(lambda p: self.navigateRequested.emit(p, False))
        layout.addWidget(self.path_bar)
        self.hint_bar = NameHintBar(self)  # names not in the session's encoding: which setting reads them
        layout.addWidget(self.hint_bar)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("remoteSplitter")
        self.tree_view = QTreeView(self.splitter)
        self.tree_view.setObjectName("remoteTree")
        self.tree = RemoteTree(self.tree_view)
        self.model = RemoteModel(self)
        self.view = RemoteView(self.model, self.splitter)
        self.view.setObjectName("remoteList")
        self.splitter.addWidget(self.tree_view)
        self.splitter.addWidget(self.view)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([150, 450])
        layout.addWidget(self.splitter)
        self.view.activated.connect(self._activated)  # Enter, or the platform's click
        self.tree_view.clicked.connect(self._tree_clicked)
        self.tree_view.expanded.connect(self._tree_expanded)

    @property
    def path(self) -> str:
        return self.model.path

    def reset(self, connection_key: str = "") -> None:
        """A new server (or none): forget everything shown."""
        self.model.connection_key = connection_key
        self.model.read_as = None
        self.hint_bar.hide()
        self.model.clear()
        self.tree.clear()
        self.path_bar.clear()

    def show_listing(self, path: str, entries: Sequence[Entry], current: bool = True) -> None:
        """A listing arrived: update the tree, and the list when it is the folder being shown."""
        self.tree.set_children(path, entries)
        if current:
            selected = {e.name for e in self.selected_entries()} if path == self.model.path else set()
            self.model.set_entries(path, entries)
            self.path_bar.set_path(path)
            self.tree.select(path)
            came_from, self._came_from = self._came_from, None
            if selected:
                self.select(sorted(selected))
            elif came_from is not None and came_from[0] == path:  # Up: the folder left is the one selected
                self.select([came_from[1]])
                self.view.scrollTo(self.view.currentIndex())

    def _activated(self, index: QModelIndex) -> None:
        entry: Entry = self.model.entry(index.row())
        if entry.type == "dir" and not names_no_entry(entry.name):
            self.navigateRequested.emit(self.model.full_path(entry), False)
        elif entry.type in ("link", "dir"):  # shown if it leads to a folder, else downloaded as a file is (the
            self.activatedLink.emit(entry)  # window asks; a name that names no entry here, the window refuses)
        else:
            self.activatedFile.emit(entry)

    def _tree_clicked(self, index: QModelIndex) -> None:
        path = tree_path(index.data(TreePathRole))
        if path:
            self.navigateRequested.emit(path, False)

    def _tree_expanded(self, index: QModelIndex) -> None:
        item = self.tree.model.itemFromIndex(index)
        if item is not None and item.rowCount() == 1 and item.child(0).data(TreePathRole) is None:
            self.treeListingWanted.emit(tree_path(index.data(TreePathRole)))

    def up(self) -> None:
        if self.path and self.path != "/":
            parent = posixpath.dirname(self.path.rstrip("/")) or "/"
            self._came_from = (parent, posixpath.basename(self.path.rstrip("/")))
            self.navigateRequested.emit(parent, False)

    # --- selection ----------------------------------------------------------------------------------
    def tree_folder(self) -> Optional[str]:
        """The folder selected in the folder tree (None: none)."""
        rows = self.tree_view.selectionModel().selectedRows(0)
        return tree_path(rows[0].data(TreePathRole)) if len(rows) == 1 else None

    def selected_entries(self) -> List[Entry]:
        sel = self.view.selectionModel()
        rows = sorted(i.row() for i in sel.selectedRows(0)) if sel else []
        return [self.model.entry(r) for r in rows]

    def selected_items(self) -> List[Tuple[str, Optional[bool], Optional[int], Optional[bytes], str]]:
        """(remote path, is folder, size, the path's bytes as listed, the name) of the selection — what the queue's
        ``download`` takes (``download_item``'s)."""
        model = self.model
        return [download_item(model.full_path(e), e, model.wire_path(e)) for e in self.selected_entries()]

    def select(self, names: List[str]) -> None:
        sel = self.view.selectionModel()
        sel.clearSelection()
        rows = self.model.rows_of(names)  # (one pass over the listing, not one per name)
        if not rows:
            return
        selection = QItemSelection()
        for row in rows:
            selection.select(self.model.index(row, 0), self.model.index(row, 0))
        sel.select(selection, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
        sel.setCurrentIndex(self.model.index(rows[-1], 0), QItemSelectionModel.SelectionFlag.NoUpdate)
