"""The remote file list: one folder's entries, folders first, sortable by every column.

Built for huge folders: a listing is set in one reset, each entry's sort keys are computed once when it
arrives, and ``data()`` does no more per row than format the cells being painted.
"""

from __future__ import annotations

import json
import posixpath
from datetime import datetime, timezone
from typing import Any, Callable, Dict, List, Optional, Sequence

from PySide6.QtCore import QAbstractTableModel, QMimeData, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QFileIconProvider, QStyle

from ..ftp import Entry
from ..ftp.safetext import shown
from ..transfers.model import human_size

COL_NAME, COL_SIZE, COL_TYPE, COL_MODIFIED, COL_PERMISSIONS, COL_OWNER = range(6)
COLUMN_COUNT = 6
MIME_REMOTE = "application/x-ftpgui-remote-entries"

EntryRole = Qt.ItemDataRole.UserRole + 1  # the Entry itself
PathRole = Qt.ItemDataRole.UserRole + 2  # the entry's full remote path
IsDirRole = Qt.ItemDataRole.UserRole + 3  # True for folders (and links the server marks as folders)

_EPOCH = datetime(1970, 1, 1)
# plain ints and flags computed once: data() and flags() run for every painted cell
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ENTRY, _PATH, _IS_DIR = int(EntryRole), int(PathRole), int(IsDirRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_FILE_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemNeverHasChildren
)
_DIR_FLAGS = _FILE_FLAGS | Qt.ItemFlag.ItemIsDropEnabled


def _timestamp(entry: Entry) -> float:
    m = entry.modified
    if m is None:
        return float("-inf")
    if m.tzinfo is None:
        return (m - _EPOCH).total_seconds()
    return m.astimezone(timezone.utc).replace(tzinfo=None).__sub__(_EPOCH).total_seconds()


# One key function per column; each is applied once per entry when a listing arrives.
_SORT_KEYS: Dict[int, Callable[[Entry], Any]] = {
    COL_NAME: lambda e: e.name.casefold(),
    COL_SIZE: lambda e: -1 if e.size is None else e.size,
    COL_TYPE: lambda e: e.type,
    COL_MODIFIED: _timestamp,
    COL_PERMISSIONS: lambda e: e.permissions or "",
    COL_OWNER: lambda e: ((e.owner or "").casefold(), (e.group or "").casefold()),
}


class RemoteModel(QAbstractTableModel):
    """The entries of one remote folder (``path``), folders first, in the chosen sort order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.path = ""
        self.connection_key = ""  # identifies the server, so drops can tell our own entries from another window's
        self._all: List[Entry] = []
        self._rows: List[Entry] = []
        self._keys: Dict[int, List[Any]] = {}
        self._show_hidden = False
        self._rules: Any = None  # ftpgui.filters.FilterSet: what the filters hide
        self._quick: Optional[Callable[[str], bool]] = None  # the quick filter box: which names to keep
        self.hidden_by_rules = 0  # entries of the folder the filters hide now (the pane says how many)
        self.hidden_by_quick = 0
        self._sort_column = COL_NAME
        self._sort_order = Qt.SortOrder.AscendingOrder
        style = QApplication.style()
        provider = QFileIconProvider()
        self._dir_icon = provider.icon(QFileIconProvider.IconType.Folder)
        self._file_icon = provider.icon(QFileIconProvider.IconType.File)
        self._link_icon = style.standardIcon(QStyle.StandardPixmap.SP_FileLinkIcon)
        self._headers = (
            self.tr("Name"),
            self.tr("Size"),
            self.tr("Type"),
            self.tr("Modified"),
            self.tr("Permissions"),
            self.tr("Owner/Group"),
        )
        self._types = {"dir": self.tr("Folder"), "file": self.tr("File"), "link": self.tr("Link"), "other": ""}

    # --- content ------------------------------------------------------------------------------
    def set_entries(self, path: str, entries: Sequence[Entry]) -> None:
        """Show ``entries`` as the content of ``path``, in one model reset."""
        self.beginResetModel()
        self.path = path
        self._all = list(entries)
        self._keys = {}
        self._rows = self._ordered(self._all)
        self.endResetModel()

    def clear(self) -> None:
        self.set_entries("", [])

    @property
    def show_hidden(self) -> bool:
        return self._show_hidden

    def set_show_hidden(self, show: bool) -> None:
        if show != self._show_hidden:
            self._show_hidden = show
            self.beginResetModel()
            self._rows = self._ordered(self._all)
            self.endResetModel()

    def set_filters(self, rules: Any, quick: Optional[Callable[[str], bool]]) -> None:
        """Hide what ``rules`` (a FilterSet, or None) hide and keep only names ``quick`` keeps (None: all)."""
        self._rules, self._quick = rules, quick
        self.beginResetModel()
        self._rows = self._ordered(self._all)
        self.endResetModel()

    def _filtered(self, entries: List[Entry], group: List[int]) -> List[int]:
        rules, quick, kept = self._rules, self._quick, []
        for i in group:
            e = entries[i]
            if rules and rules.hides(e.name, e.type == "dir", e.size, e.modified):
                self.hidden_by_rules += 1
            elif quick is not None and not quick(e.name):
                self.hidden_by_quick += 1
            else:
                kept.append(i)
        return kept

    def entries(self) -> List[Entry]:
        """The entries shown, in display order."""
        return list(self._rows)

    def entry(self, row: int) -> Entry:
        return self._rows[row]

    def full_path(self, entry: Entry) -> str:
        return posixpath.join(self.path or "/", entry.name)

    def row_of(self, name: str) -> int:
        for i, e in enumerate(self._rows):
            if e.name == name:
                return i
        return -1

    def rows_of(self, names: Sequence[str]) -> List[int]:
        """The rows of the entries named, in the order named (names not shown are left out)."""
        where: Dict[str, int] = {}
        for i, e in enumerate(self._rows):
            where.setdefault(e.name, i)  # (the first, as row_of)
        return [where[n] for n in names if n in where]

    # --- sorting --------------------------------------------------------------------------------
    def _key_list(self, column: int) -> List[Any]:
        keys = self._keys.get(column)
        if keys is None:
            if column == COL_NAME:  # the key every sort needs: without a Python call per entry
                keys = [e.name.casefold() for e in self._all]
            else:
                fn = _SORT_KEYS[column]
                keys = [fn(e) for e in self._all]
            self._keys[column] = keys
        return keys

    def _ordered(self, entries: List[Entry]) -> List[Entry]:
        """Folders first, each group sorted by the column's precomputed key, then by name."""
        self.hidden_by_rules = self.hidden_by_quick = 0
        if not entries:
            return []
        names = self._key_list(COL_NAME)
        reverse = self._sort_order == Qt.SortOrder.DescendingOrder
        if self._show_hidden:
            dirs = [i for i, e in enumerate(entries) if e.type == "dir"]
            files = [i for i, e in enumerate(entries) if e.type != "dir"]
        else:
            dirs = [i for i, e in enumerate(entries) if e.type == "dir" and e.name[:1] != "."]
            files = [i for i, e in enumerate(entries) if e.type != "dir" and e.name[:1] != "."]
        if self._rules or self._quick is not None:
            dirs, files = self._filtered(entries, dirs), self._filtered(entries, files)
        keys = None if self._sort_column == COL_NAME else self._key_list(self._sort_column)
        out: List[Entry] = []
        for group in (dirs, files):
            # stable sorts: by name first, then by the column, so equal keys stay in name order
            group.sort(key=names.__getitem__, reverse=reverse and keys is None)
            if keys is not None:
                group.sort(key=keys.__getitem__, reverse=reverse)
            out.extend(map(entries.__getitem__, group))
        return out

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in _SORT_KEYS:
            return
        self.layoutAboutToBeChanged.emit()
        before = self._rows
        self._sort_column, self._sort_order = column, order
        self._rows = self._ordered(self._all)
        persistent = self.persistentIndexList()
        if persistent:
            new_row = {id(e): row for row, e in enumerate(self._rows)}
            moved = []
            for p in persistent:
                row = new_row.get(id(before[p.row()])) if 0 <= p.row() < len(before) else None
                moved.append(QModelIndex() if row is None else self.index(row, p.column()))
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    # --- Qt model API ---------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < COLUMN_COUNT:
                return self._headers[section]
        return None

    def data(self, index: QModelIndex, role: int = _DISPLAY):
        if not index.isValid():
            return None
        e = self._rows[index.row()]
        col = index.column()
        role = int(role)
        if role == _DISPLAY:
            # server text shown with its control and bidi characters visible (a name with U+202E would
            # otherwise show reversed); the entry keeps the real name for every operation
            if col == COL_NAME:
                return shown(e.name)
            if col == COL_SIZE:
                return human_size(e.size)
            if col == COL_TYPE:
                return self._types.get(e.type, "")
            if col == COL_MODIFIED:
                return e.modified.strftime("%Y-%m-%d %H:%M") if e.modified else ""
            if col == COL_PERMISSIONS:
                return shown(e.permissions or "")
            if col == COL_OWNER:
                return shown(" ".join(x for x in (e.owner, e.group) if x))
            return None
        if role == _DECORATION:
            if col != COL_NAME:
                return None
            if e.type == "dir":
                return self._dir_icon
            return self._link_icon if e.type == "link" else self._file_icon
        if role == _ALIGNMENT:
            return _RIGHT if col == COL_SIZE else None
        if role == _TOOLTIP:
            return shown(f"{e.name} → {e.target}") if col == COL_NAME and e.target else None
        if role == _ENTRY:
            return e
        if role == _PATH:
            return self.full_path(e)
        if role == _IS_DIR:
            return e.type == "dir"
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return _DIR_FLAGS if self._rows[index.row()].type == "dir" else _FILE_FLAGS

    # --- drag and drop --------------------------------------------------------------------------
    def mimeTypes(self) -> List[str]:
        return [MIME_REMOTE, "text/uri-list"]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        mime = QMimeData()
        mime.setData(MIME_REMOTE, encode_remote_entries(self.connection_key, [self._rows[r] for r in rows], self.path))
        return mime

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        return False  # the view decides what a drop means (it knows the pane and the connection)


def encode_remote_entries(connection_key: str, entries: Sequence[Entry], folder: str) -> bytes:
    """The payload of :data:`MIME_REMOTE`: which server, and each entry's path, kind and size."""
    items = [
        {"path": posixpath.join(folder or "/", e.name), "is_dir": e.type == "dir", "size": e.size} for e in entries
    ]
    return json.dumps({"connection": connection_key, "entries": items}).encode("utf-8")


def decode_remote_entries(data: bytes) -> tuple:
    """``(connection_key, [(path, is_dir, size), ...])`` from a :data:`MIME_REMOTE` payload."""
    obj = json.loads(bytes(data).decode("utf-8"))
    return obj.get("connection", ""), [(d["path"], bool(d["is_dir"]), d.get("size")) for d in obj.get("entries", [])]
