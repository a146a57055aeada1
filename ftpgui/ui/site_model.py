"""The site manager's tree: folders and sites of a :class:`~ftpgui.sites.store.SiteStore`, drag to refile.

The model reads the store it is given and changes it in place (rename, refile); after each change it emits
``changed`` and rebuilds itself. Drags carry ``application/x-ftpgui-site-items`` (a JSON list of
``["site", id]`` / ``["folder", path]``); drops onto a folder or the top level move the items there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from PySide6.QtCore import QAbstractItemModel, QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QApplication, QStyle

from ..ftp.safetext import format_address
from ..sites.store import Site, SiteStore, clean_folder

COL_NAME = 0
KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "folder" | "site"
KEY_ROLE = Qt.ItemDataRole.UserRole + 2  # folder path | site id
MIME_TYPE = "application/x-ftpgui-site-items"

Index = QModelIndex | QPersistentModelIndex
_TOP = QModelIndex()  # the invalid index: the top level


@dataclass(eq=False)
class _Node:
    kind: str  # "root" | "folder" | "site"
    key: str  # folder path or site id
    name: str
    parent: Optional[_Node] = None
    children: List[_Node] = field(default_factory=list)

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0


def _basename(folder: str) -> str:
    return folder.rsplit("/", 1)[-1]


def _parent_folder(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


class SiteTreeModel(QAbstractItemModel):
    """Folders first, then sites, each sorted by name, case-insensitively."""

    changed = Signal()  # the store was changed through the model (rename, drop)
    renameRefused = Signal(str)  # why a rename was refused, in words for the person

    def __init__(self, store: SiteStore, parent=None):
        super().__init__(parent)
        self.store = store
        self._root = _Node("root", "", "")
        self.rebuild()

    # --- building -----------------------------------------------------------------------------------
    def rebuild(self) -> None:
        self.beginResetModel()
        root = _Node("root", "", "")
        folders = {"": root}
        for path in sorted(self.store.folders(), key=lambda p: (p.count("/"), p.casefold())):
            parent = folders.get(_parent_folder(path), root)
            node = _Node("folder", path, _basename(path), parent)
            parent.children.append(node)
            folders[path] = node
        for site in self.store.sites():
            parent = folders.get(site.folder, root)
            parent.children.append(_Node("site", site.id, site.name, parent))
        self._sort(root)
        self._root = root
        self.endResetModel()

    def _sort(self, node: _Node) -> None:
        node.children.sort(key=lambda n: (n.kind != "folder", n.name.casefold()))
        for child in node.children:
            self._sort(child)

    def _node(self, index: Index) -> _Node:
        return index.internalPointer() if index.isValid() else self._root  # type: ignore[return-value]

    # --- lookups for the dialog -----------------------------------------------------------------------
    def index_of(self, kind: str, key: str) -> QModelIndex:
        """The index of a site (by id) or folder (by path); invalid when absent."""

        def find(node: _Node) -> Optional[_Node]:
            for child in node.children:
                if child.kind == kind and child.key == key:
                    return child
                hit = find(child)
                if hit:
                    return hit
            return None

        hit = find(self._root)
        return self.createIndex(hit.row(), 0, hit) if hit else QModelIndex()

    def item(self, index: Index) -> Tuple[str, str]:
        """``(kind, key)`` of an index; ``("root", "")`` for the invalid index."""
        node = self._node(index)
        return node.kind, node.key

    def folder_of(self, index: Index) -> str:
        """The folder a new item goes into when ``index`` is current: the folder itself, or a site's folder."""
        node = self._node(index)
        if node.kind == "folder":
            return node.key
        if node.kind == "site":
            site = self.store.get(node.key)
            return site.folder if site else ""
        return ""

    def site_changed(self, site_id: str) -> None:
        """A site's name changed in the form: show it."""
        index = self.index_of("site", site_id)
        site = self.store.get(site_id)
        if index.isValid() and site:
            self._node(index).name = site.name
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])

    # --- QAbstractItemModel -------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = _TOP) -> QModelIndex:
        node = self._node(parent)
        if column != COL_NAME or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: Index = _TOP) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = self._node(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row(), 0, parent)

    def rowCount(self, parent: Index = _TOP) -> int:
        if parent.isValid() and parent.column() != COL_NAME:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: Index = _TOP) -> int:
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node = self._node(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return node.name
        if role == Qt.ItemDataRole.ToolTipRole and node.kind == "site":
            site = self.store.get(node.key)
            return format_address((site.host, site.port)) if site else None
        if role == Qt.ItemDataRole.DecorationRole:
            icon = QStyle.StandardPixmap.SP_DirIcon if node.kind == "folder" else QStyle.StandardPixmap.SP_DriveNetIcon
            return QApplication.style().standardIcon(icon)
        if role == KIND_ROLE:
            return node.kind
        if role == KEY_ROLE:
            return node.key
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and section == COL_NAME:
            return self.tr("Sites")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsDragEnabled
        )
        if self._node(index).kind == "folder":
            flags |= Qt.ItemFlag.ItemIsDropEnabled
        return flags

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        name = str(value).strip()
        kind, key = self.item(index)
        if not name or "/" in name:
            self.renameRefused.emit(self.tr("A name may not be empty or contain '/'."))
            return False
        if kind == "site":
            site = self.store.get(key)
            if site is None or site.name == name:
                return False
            site.name = name
            self.site_changed(key)
            self.changed.emit()
            return True
        parent = _parent_folder(key)
        target = f"{parent}/{name}" if parent else name
        if target == key:
            return False
        if target in self.store.folders():
            self.renameRefused.emit(self.tr("There is already a folder named “{name}” here.").format(name=name))
            return False
        self.store.move_folder(key, target)
        self.rebuild()
        self.changed.emit()
        return True

    # --- drag and drop ------------------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> List[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes) -> QMimeData:
        items = []
        for index in indexes:
            item = list(self.item(index))
            if item[0] != "root" and item not in items:
                items.append(item)
        mime = QMimeData()
        mime.setData(MIME_TYPE, QByteArray(json.dumps(items).encode("utf-8")))
        return mime

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return data.hasFormat(MIME_TYPE) and self._node(parent).kind in ("root", "folder")

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        try:
            items = json.loads(bytes(data.data(MIME_TYPE).data()).decode("utf-8"))
        except ValueError:
            return False
        return self.move_items([(str(k), str(v)) for k, v in items], self.item(parent)[1])

    def move_items(self, items: List[Tuple[str, str]], target: str) -> bool:
        """Refile sites and folders into the folder ``target`` ("" = top level); True if anything moved."""
        target = clean_folder(target)
        moved = False
        for kind, key in items:
            if kind == "site":
                site: Optional[Site] = self.store.get(key)
                if site is not None and site.folder != target:
                    site.folder = target
                    moved = True
            elif kind == "folder" and key in self.store.folders():
                new_path = f"{target}/{_basename(key)}" if target else _basename(key)
                if new_path == key or new_path.startswith(key + "/") or new_path in self.store.folders():
                    continue  # into itself, or onto a folder of the same name
                self.store.move_folder(key, new_path)
                moved = True
        if moved:
            self.rebuild()
            self.changed.emit()
        return moved
