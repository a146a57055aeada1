"""The remote file list: one folder's entries, folders first, sortable by every column.

Built for huge folders: a listing is set in one reset, each entry's sort keys are computed once when it
arrives, and ``data()`` does no more per row than format the cells being painted. The folder stays as the
engine made it (a ``Listing``: about 50 bytes an entry, each ``Entry`` made when read): the model keeps a
row order of indexes and makes the ``Entry`` of a row only when it is asked for (a painted row, a selected
one), a few hundred at most kept at a time. ``ListedFolder`` (``listed_folder``) adds the columns every row
needs — names, their sort keys, which are folders — made once, on the connection's thread
(``remote_browser.list_folder``).
"""

from __future__ import annotations

import json
from array import array
from datetime import datetime, timezone
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Set, Tuple

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QMimeData, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QFileIconProvider, QStyle

from ..ftp import Entry
from ..ftp.listing_store import Listing
from ..ftp.names import remote_join
from ..ftp.safetext import dated, shown, shown_name
from ..transfers.model import human_size, local_time
from . import remote_names as notes
from .compare import DAY, listing_precision
from .listed_folder import ListedFolder, listed
from .type_names import file_type

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
_FONT = int(Qt.ItemDataRole.FontRole)
_ENTRY, _PATH, _IS_DIR = int(EntryRole), int(PathRole), int(IsDirRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_FILE_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemNeverHasChildren
)
_DIR_FLAGS = _FILE_FLAGS | Qt.ItemFlag.ItemIsDropEnabled
_STARTS_WRAP = Qt.MatchFlag.MatchStartsWith | Qt.MatchFlag.MatchWrap


def type_text(entry: Entry) -> str:
    """The Type column's words: a file named as the local pane names one (``file_type``, design note 282)."""
    if entry.type == "file":
        return file_type(entry.name)
    if entry.type == "dir":
        return QCoreApplication.translate("RemoteModel", "Folder")
    return QCoreApplication.translate("RemoteModel", "Link") if entry.type == "link" else ""


def _timestamp(entry: Entry) -> float:
    m = entry.modified
    if m is None:
        return float("-inf")
    if m.tzinfo is None:
        return (m - _EPOCH).total_seconds()
    return m.astimezone(timezone.utc).replace(tzinfo=None).__sub__(_EPOCH).total_seconds()


def shown_time(entry: Entry) -> str:
    """An entry's time as the window says every time — the local pane, the "target exists" question, Compare —
    in this computer's zone (MLSD's and MDTM's are UTC; a LIST's is in the site's zone, UTC by default); a LIST
    date with no time (``ls -l``'s ``Jan 5 2024`` for an old file) is that day alone, as the listing gives it."""
    m = entry.modified
    if m is None:
        return ""
    if m.tzinfo is None:
        m = m.replace(tzinfo=timezone.utc)
    if listing_precision(m, b"modify=" in entry.raw_facts.lower()) == DAY:
        return dated(m, "%Y-%m-%d")
    return local_time(m.timestamp(), "%Y-%m-%d %H:%M")


# One key function per column; each is applied once per entry when a listing arrives.
_SORT_KEYS: Dict[int, Callable[[Entry], Any]] = {
    COL_NAME: lambda e: e.name.casefold(),
    COL_SIZE: lambda e: -1 if e.size is None else e.size,
    COL_TYPE: lambda e: type_text(e).casefold(),
    COL_MODIFIED: _timestamp,
    COL_PERMISSIONS: lambda e: e.permissions or "",
    COL_OWNER: lambda e: ((e.owner or "").casefold(), (e.group or "").casefold()),
}


def column_titles() -> Tuple[str, ...]:
    """The file lists' column titles: the remote list's six, whose first four the local list shows too
    (``FoldersFirstProxy.headerData``) — one word for each in both panes, in every language (design note 431)."""
    translate = QCoreApplication.translate
    return (
        translate("RemoteModel", "Name"),
        translate("RemoteModel", "Size"),
        translate("RemoteModel", "Type"),
        translate("RemoteModel", "Modified"),
        translate("RemoteModel", "Permissions"),
        translate("RemoteModel", "Owner/Group"),
    )


# rows whose Entry the model keeps made: more than a screen, so a repaint makes none again, and more than the
# 1,000 rows a column's fit to its contents samples (``QHeaderView.resizeContentsPrecision``)
MADE_KEPT = 2048


class RemoteModel(QAbstractTableModel):
    """The entries of one remote folder (``path``), folders first, in the chosen sort order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.path = ""
        self.connection_key = ""  # identifies the server, so drops can tell our own entries from another window's
        self._all = ListedFolder([])
        self._rows = array("I")  # the index in ``_all`` of each row shown
        self._made: Dict[int, Entry] = {}  # row → its Entry, for the rows asked for lately (MADE_KEPT)
        self._keys: Dict[int, List[Any]] = {}
        self._alike = notes.alike_font()  # the name of a row whose name another row reads as too
        self._show_hidden = False
        self._rules: Any = None  # ftpgui.filters.FilterSet: what the filters hide
        self._quick: Optional[Callable[[str], bool]] = None  # the quick filter box: which names to keep
        self.read_as: Optional[str] = None  # the code page a name not readable in the session's looks like
        self.hidden_by_rules = 0  # entries of the folder the filters hide now (the pane says how many)
        self.hidden_by_quick = 0
        self._sort_column = COL_NAME
        self._sort_order = Qt.SortOrder.AscendingOrder
        style = QApplication.style()
        provider = QFileIconProvider()
        self._dir_icon = provider.icon(QFileIconProvider.IconType.Folder)
        self._file_icon = provider.icon(QFileIconProvider.IconType.File)
        self._link_icon = style.standardIcon(QStyle.StandardPixmap.SP_FileLinkIcon)
        self._headers = column_titles()

    # --- content ------------------------------------------------------------------------------
    def set_entries(self, path: str, entries: Sequence[Entry]) -> None:
        """Show ``entries`` (best a ``ListedFolder``, made off this thread) as the content of ``path``, in one
        model reset."""
        folder = listed(entries)
        self.beginResetModel()
        self.path = path
        self._all = folder
        self._keys = {}
        self._order()
        self.endResetModel()

    def _order(self) -> None:
        self._rows = self._ordered(self._all)
        self._made = {}

    def clear(self) -> None:
        self.set_entries("", [])

    @property
    def show_hidden(self) -> bool:
        return self._show_hidden

    def set_show_hidden(self, show: bool) -> None:
        if show != self._show_hidden:
            self._show_hidden = show
            self.beginResetModel()
            self._order()
            self.endResetModel()

    def set_filters(self, rules: Any, quick: Optional[Callable[[str], bool]]) -> None:
        """Hide what ``rules`` (a FilterSet, or None) hide and keep only names ``quick`` keeps (None: all)."""
        self._rules, self._quick = rules, quick
        self.beginResetModel()
        self._order()
        self.endResetModel()

    def _filtered(self, folder: ListedFolder, group: List[int]) -> List[int]:
        rules, quick, kept, names = self._rules, self._quick, [], folder.names
        for i in group:
            if rules:
                e = folder[i]
                if rules.hides(e.name, e.type == "dir", e.size, e.modified):
                    self.hidden_by_rules += 1
                    continue
            if quick is not None and not quick(names[i]):
                self.hidden_by_quick += 1
            else:
                kept.append(i)
        return kept

    def entries(self) -> List[Entry]:
        """The entries shown, in display order."""
        folder = self._all
        return [folder[i] for i in self._rows]

    def briefly(self, every: bool = False) -> Tuple[Optional[timezone], Iterator[Tuple[str, Any]]]:
        """The entries shown (``every``: all the folder's, those hidden too), in the folder's order, as (name,
        entry): the zone of their times and the pairs. Of a folder kept as the engine's ``Listing`` in a fixed
        zone, an entry is its brief (``Listing.brief``: type, size, time code, MLSD time) and the zone is that;
        else each is its ``Entry`` (and the zone None)."""
        folder = self._all
        names, listing = folder.names, folder.entries
        if isinstance(listing, Listing) and isinstance(listing.zone, timezone):
            if every:
                return listing.zone, zip(names, listing.brief(), strict=True)
            shown = bytearray(len(folder))
            for i in self._rows:
                shown[i] = 1
            return listing.zone, ((names[i], brief) for i, brief in enumerate(listing.brief()) if shown[i])
        return None, ((names[i], folder[i]) for i in (range(len(folder)) if every else sorted(self._rows)))

    def names_shown(self) -> Set[str]:
        """The names of the rows shown (not those hidden: a leading dot, the filters)."""
        names = self._all.names
        return {names[i] for i in self._rows}

    def entry(self, row: int) -> Entry:
        made = self._made
        e = made.get(row)
        if e is None:
            e = self._all[self._rows[row]]
            if len(made) >= MADE_KEPT:
                made.clear()
            made[row] = e
        return e

    def full_path(self, entry: Entry) -> str:
        """The folder's path and ``entry``'s name, joined as the bytes sent for it are (``wire_path``): a listed
        "/abs.txt" is not taken for the path /abs.txt (it names no entry here: nothing is done with it)."""
        return remote_join(self.path or "/", entry.name)

    def wire_path(self, entry: Entry) -> Optional[bytes]:
        """The bytes to send for ``entry``: its folder's and its own as the server listed them (None when the
        folder's bytes are not known). Two names the server wrote in different codecs may read the same, and a
        connection that did not list them cannot tell which codec a name came in: the bytes always can."""
        wire = self._all.wire
        return None if wire is None else remote_join(wire, entry.wire_name)

    @property
    def folder_wire(self) -> Optional[bytes]:
        """The bytes of the folder shown, as the server wrote them (None when not known)."""
        return self._all.wire

    def row_of(self, name: str) -> int:
        names = self._all.names
        for row, i in enumerate(self._rows):
            if names[i] == name:
                return row
        return -1

    def rows_of(self, names: Sequence[str]) -> List[int]:
        """The rows of the entries named, in the order named (names not shown are left out)."""
        where: Dict[str, int] = {}
        known = self._all.names
        for row, i in enumerate(self._rows):
            where.setdefault(known[i], row)  # (the first, as row_of)
        return [where[n] for n in names if n in where]

    # --- sorting --------------------------------------------------------------------------------
    def _key_list(self, column: int) -> List[Any]:
        if column == COL_NAME:  # the key every sort needs: made with the folder
            return self._all.keys
        keys = self._keys.get(column)
        if keys is None:  # (the first sort by this column makes every Entry once)
            fn = _SORT_KEYS[column]
            keys = self._keys[column] = [fn(e) for e in self._all]
        return keys

    def _ordered(self, folder: ListedFolder) -> array:
        """The indexes in ``folder`` of the rows to show: folders first, each group sorted by the column's
        precomputed key, then by name."""
        self.hidden_by_rules = self.hidden_by_quick = 0
        out = array("I")
        if not len(folder):
            return out
        names, is_dir = folder.names, folder.dirs
        reverse = self._sort_order == Qt.SortOrder.DescendingOrder
        if self._show_hidden:
            dirs = [i for i, d in enumerate(is_dir) if d]
            files = [i for i, d in enumerate(is_dir) if not d]
        else:
            dirs = [i for i, d in enumerate(is_dir) if d and names[i][:1] != "."]
            files = [i for i, d in enumerate(is_dir) if not d and names[i][:1] != "."]
        if self._rules or self._quick is not None:
            dirs, files = self._filtered(folder, dirs), self._filtered(folder, files)
        name_keys = self._key_list(COL_NAME)
        keys = None if self._sort_column == COL_NAME else self._key_list(self._sort_column)
        for group in (dirs, files):
            # stable sorts: by name first, then by the column, so equal keys stay in name order
            group.sort(key=name_keys.__getitem__, reverse=reverse and keys is None)
            if keys is not None:
                group.sort(key=keys.__getitem__, reverse=reverse)
            out.extend(group)
        return out

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in _SORT_KEYS:
            return
        self.layoutAboutToBeChanged.emit()
        before = self._rows
        self._sort_column, self._sort_order = column, order
        self._order()
        persistent = self.persistentIndexList()
        if persistent:
            new_row = {i: row for row, i in enumerate(self._rows)}
            moved = []
            for p in persistent:
                row = new_row.get(before[p.row()]) if 0 <= p.row() < len(before) else None
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
        role = int(role)
        if role == _IS_DIR:
            return bool(self._all.dirs[self._rows[index.row()]])
        if role == _FONT:  # (asked for every cell painted: answered from the names, making no Entry)
            if index.column() != COL_NAME:
                return None
            alike = self._all.alike
            return self._alike if alike and self._all.names[self._rows[index.row()]] in alike else None
        e = self.entry(index.row())
        col = index.column()
        if role == _DISPLAY:
            # server text shown with its control and bidi characters visible (a name with U+202E would otherwise
            # show reversed), cut at a name's length; the entry keeps the real name for every operation
            if col == COL_NAME:
                return shown_name(e.name)
            if col == COL_SIZE:
                return human_size(e.size)
            if col == COL_TYPE:
                return type_text(e)
            if col == COL_MODIFIED:
                return shown_time(e)
            if col == COL_PERMISSIONS:
                return shown_name(e.permissions or "")
            if col == COL_OWNER:
                return shown_name(" ".join(x for x in (e.owner, e.group) if x))
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
            if col != COL_NAME:
                return None
            tips = [notes.link(e) if e.target else notes.undecoded(e, self.read_as)]
            if e.name in self._all.alike:  # (read the same as another: which codec, which bytes)
                tips.append(notes.alike(e, self._all.codecs))
            return "\n".join(t for t in tips if t) or None
        if role == _ENTRY:
            return e
        if role == _PATH:
            return self.full_path(e)
        return None

    def match(self, start: QModelIndex, role: int, value: Any, hits: int = 1, flags: Any = _STARTS_WRAP) -> list:
        """Type-ahead (``QAbstractItemView.keyboardSearch``: the names that start with what was typed, from
        ``start`` on, round): answered from the folder's names, making no Entry; any other search as Qt's."""
        flags = Qt.MatchFlag(flags)
        if (
            int(role) != _DISPLAY
            or start.column() != COL_NAME
            or not isinstance(value, str)
            or flags & ~Qt.MatchFlag.MatchWrap != Qt.MatchFlag.MatchStartsWith
        ):
            return super().match(start, role, value, hits, flags)
        if hits == 0:
            return []
        rows, names, n = self._rows, self._all.names, len(self._rows)
        first = max(0, start.row())
        order = range(first, n) if not flags & Qt.MatchFlag.MatchWrap else [*range(first, n), *range(first)]
        wanted, found = value.casefold(), []
        for row in order:
            if shown(names[rows[row]]).casefold().startswith(wanted):
                found.append(self.index(row, COL_NAME))
                if len(found) == hits:
                    break
        return found

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return _DIR_FLAGS if self._all.dirs[self._rows[index.row()]] else _FILE_FLAGS

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
        entries = [self.entry(r) for r in rows]
        mime.setData(MIME_REMOTE, encode_remote_entries(self.connection_key, entries, self.path, self._all.wire))
        return mime

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        return False  # the view decides what a drop means (it knows the pane and the connection)


def download_item(
    path: str, entry: Entry, wire: Optional[bytes]
) -> Tuple[str, Optional[bool], Optional[int], Any, str]:
    """What the queue's ``download`` takes for ``entry`` at ``path``: a symbolic link's "is folder" is None, and
    its size unknown (its line's is the link's own) — its job asks the server what it leads to, as FileZilla does
    when a person acts on a link (``jobs.download_link``; it was queued as a file, and a link to a folder failed).
    Last, the name as listed: the queue checks it, not the path's last part (design note 247)."""
    if entry.type == "link":
        return path, None, None, wire, entry.name
    return path, entry.type == "dir", entry.size, wire, entry.name


def encode_remote_entries(
    connection_key: str, entries: Sequence[Entry], folder: str, folder_wire: Optional[bytes] = None
) -> bytes:
    """The payload of :data:`MIME_REMOTE`: which server, and each entry's path, kind and size, and its path's
    bytes as the server listed them (hex; when the folder's are known)."""
    items = []
    for e in entries:
        path, is_dir, size, _, name = download_item(remote_join(folder or "/", e.name), e, None)
        item = {"path": path, "is_dir": is_dir, "size": size, "name": name}  # (a link's "is_dir": null)
        if folder_wire is not None:
            item["wire"] = remote_join(folder_wire, e.wire_name).hex()
        items.append(item)
    return json.dumps({"connection": connection_key, "entries": items}).encode("utf-8")


def _is_dir(value: Any) -> Optional[bool]:
    return None if value is None else bool(value)  # (None: a link, ``download_item``)


def decode_remote_entries(data: bytes) -> tuple:
    """``(connection_key, [(path, is_dir, size, wire bytes or None, name as listed or None), ...])`` from a
    :data:`MIME_REMOTE` payload."""
    obj = json.loads(bytes(data).decode("utf-8"))
    return obj.get("connection", ""), [
        (
            d["path"],
            _is_dir(d["is_dir"]),
            d.get("size"),
            bytes.fromhex(d["wire"]) if d.get("wire") else None,
            d.get("name"),
        )
        for d in obj.get("entries", [])
    ]


class DraggedEntries:
    """The remote entries a drag carries (``decode_remote_entries``), decoded once per drag, not per mouse move
    over a drop target."""

    def __init__(self) -> None:
        self._last: Optional[Tuple[bytes, tuple]] = None  # (payload, decoded)

    def __call__(self, mime: Any) -> tuple:
        raw = bytes(mime.data(MIME_REMOTE).data())
        if self._last is None or self._last[0] != raw:
            self._last = (raw, decode_remote_entries(raw))
        return self._last[1]
