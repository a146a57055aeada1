"""The queue's tabs: one table model per group (queued, failed, cancelled, finished), kept in step with ``QueueModel``.

Each ``GroupModel`` lists the items of its group in queue order and answers the views itself. It is no
``QSortFilterProxyModel``: that one asks Python for every cell role by role (``data()`` seven times a cell,
``rowCount`` and ``columnCount`` for each index) and re-filters every row a change spans; while the transfer
connections run, each of those calls from Qt into Python waits for their threads to hand over Python's GIL,
and a repaint of the queue took 35 ms. Here a cell costs one call (``multiData``), an index one
(``index``), and the queue model tells the groups exactly which items changed, entered or left
(``GroupViews``) — one ``dataChanged``, ``rowsRemoved`` or ``rowsInserted`` per run of adjacent rows.
"""

from __future__ import annotations

import bisect
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from .items import TransferItem
from .model import ANSWERED_ROLES, COLUMNS, QueueModel

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def runs(positions: Iterable[int]) -> List[List[int]]:
    """Sorted positions as [first, last] runs of adjacent ones."""
    out: List[List[int]] = []
    for p in sorted(set(positions)):
        if out and out[-1][1] == p - 1:
            out[-1][1] = p
        else:
            out.append([p, p])
    return out


class GroupModel(QAbstractTableModel):
    """The items of one group, in queue order, with the queue model's columns and roles."""

    def __init__(self, source: QueueModel, group: str, parent: Optional[QObject] = None):
        super().__init__(parent)
        self.source = source
        self.group = group
        self.items: List[TransferItem] = []  # in the queue model's row order

    # --- Qt's side ---------------------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else COLUMNS

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if not 0 <= row < len(self.items) or not 0 <= column < COLUMNS or parent.isValid():
            return QModelIndex()
        return self.createIndex(row, column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return self.source.headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or row >= len(self.items):
            return None
        return self.source.item_data(self.items[row], index.column(), role)

    def multiData(self, index: Index, roleDataSpan: Any) -> None:
        """Every role a delegate asks for at once: one call into Python per cell.

        (Every slot is answered, an empty one cleared: Qt's delegate hands the same span from cell to cell, so a
        slot left alone keeps the cell before's value — the size column's right alignment had spread to the
        direction and state columns.)"""
        row = index.row()
        valid = index.isValid() and row < len(self.items)
        item, column, answer = (self.items[row] if valid else None), index.column(), self.source.item_data
        for k in range(len(roleDataSpan)):
            slot = roleDataSpan[k]
            role = slot.role()
            value = answer(item, column, role) if valid and role in ANSWERED_ROLES else None
            if value is None:
                slot.clearData()
            else:
                slot.setData(value)

    # --- kept in step by GroupViews --------------------------------------------------------------------
    def position(self, item: TransferItem) -> int:
        """Where ``item`` (a member, at its queue row now) is in this group."""
        rows = self.source.rows
        return bisect.bisect_left(self.items, rows[item.id], key=lambda it: rows[it.id])

    def insert_at(self, row: int, members: Sequence[TransferItem]) -> None:
        """Add ``members`` — items the queue holds at adjacent rows from ``row`` on — in their place."""
        if not members:
            return
        rows = self.source.rows
        pos = bisect.bisect_left(self.items, row, key=lambda it: rows[it.id])
        self.beginInsertRows(_ROOT, pos, pos + len(members) - 1)
        self.items[pos:pos] = members
        self.endInsertRows()

    def take(self, positions: Iterable[int]) -> None:
        """Remove the members at these positions, a run of adjacent ones at a time (from the bottom)."""
        for first, last in reversed(runs(positions)):
            self.beginRemoveRows(_ROOT, first, last)
            del self.items[first : last + 1]
            self.endRemoveRows()

    def add(self, members: List[TransferItem]) -> None:
        """Add items that joined the group (anywhere in the queue), each in its place, a run at a time."""
        rows = self.source.rows
        members.sort(key=lambda it: rows[it.id])
        blocks: List[List[Any]] = []  # [position in the group as it is now, members going there]
        for item in members:
            pos = bisect.bisect_left(self.items, rows[item.id], key=lambda it: rows[it.id])
            if blocks and blocks[-1][0] == pos:
                blocks[-1][1].append(item)
            else:
                blocks.append([pos, [item]])
        for pos, block in reversed(blocks):  # from the bottom: the positions above stay right
            self.beginInsertRows(_ROOT, pos, pos + len(block) - 1)
            self.items[pos:pos] = block
            self.endInsertRows()

    def changed(self, positions: Iterable[int]) -> None:
        last_column = COLUMNS - 1
        for first, last in runs(positions):
            self.dataChanged.emit(self.createIndex(first, 0), self.createIndex(last, last_column))

    def sync(self, new: List[TransferItem], changed: Set[str]) -> None:
        """Become ``new`` (this group's items in the queue now): who left, then who came, a run of adjacent
        rows at a time; repaint the rows of ``changed`` that stayed."""
        new_ids = {it.id for it in new}
        self.take([i for i, it in enumerate(self.items) if it.id not in new_ids])
        kept = {it.id for it in self.items}
        if [it.id for it in new if it.id in kept] != [it.id for it in self.items]:
            self.beginResetModel()  # (an order changed unannounced: never by the queue; kept safe anyway)
            self.items = list(new)
            self.endResetModel()
            return
        i = 0
        while i < len(new):  # self.items[:i] is new[:i]
            if new[i].id in kept:
                i += 1
                continue
            j = i
            while j < len(new) and new[j].id not in kept:
                j += 1
            self.beginInsertRows(_ROOT, i, j - 1)
            self.items[i:i] = new[i:j]
            self.endInsertRows()
            i = j
        self.changed(i for i, it in enumerate(new) if it.id in changed and it.id in kept)

    def move(self, item: TransferItem, old: int) -> None:
        """``item`` (at ``old`` in this group) moved in the queue: move it here too if it passed a member."""
        del self.items[old]
        new = self.position(item)
        self.items.insert(old, item)
        if new == old:
            return
        self.beginMoveRows(_ROOT, old, old, _ROOT, new + 1 if new > old else new)
        self.items.insert(new, self.items.pop(old))
        self.endMoveRows()


class GroupViews:
    """The group models of one ``QueueModel``, told by it of every change (``QueueModel.groups``)."""

    def __init__(self, source: QueueModel, groups: Sequence[str], parent: Optional[QObject] = None):
        self.source = source
        self.models: Dict[str, GroupModel] = {g: GroupModel(source, g, parent) for g in groups}
        self._placed: Dict[str, str] = {}  # item id → the group whose model shows it
        self.stale = False  # the queue changed shape unannounced (QueueModel.deferred): resync at its flush
        source.groups = self
        self.inserted(0, source.items())

    def inserted(self, row: int, items: Sequence[TransferItem]) -> None:
        """``items`` were inserted at ``row`` in the queue (its rows already renumbered)."""
        members: Dict[str, List[TransferItem]] = {}
        for item in items:
            members.setdefault(item.group, []).append(item)
        for group, block in members.items():
            model = self.models.get(group)
            if model is not None:
                for item in block:
                    self._placed[item.id] = group
                model.insert_at(row, block)

    def removing(self, items: Sequence[TransferItem]) -> None:
        """``items`` are about to leave the queue (their rows still valid)."""
        gone: Dict[str, List[int]] = {}
        for item in items:
            group = self._placed.pop(item.id, None)
            if group is not None:
                gone.setdefault(group, []).append(self.models[group].position(item))
        for group, positions in gone.items():
            self.models[group].take(positions)

    def position(self, item: TransferItem) -> Optional[int]:
        group = self._placed.get(item.id)
        return None if group is None else self.models[group].position(item)

    def moved(self, item: TransferItem, old: Optional[int]) -> None:
        """``item`` moved in the queue; ``old``: its position in its group before (``position``)."""
        group = self._placed.get(item.id)
        if group is not None and old is not None:
            self.models[group].move(item, old)

    def resync(self, changed: Sequence[TransferItem]) -> None:
        """Compare every group with the queue as it is (after ``QueueModel.deferred`` changes): one pass over
        the queue, then each model's leavers and newcomers a run at a time."""
        self.stale = False
        lists: Dict[str, List[TransferItem]] = {g: [] for g in self.models}
        placed: Dict[str, str] = {}
        for _, item in self.source.rows_from(0):
            group = item.group
            members = lists.get(group)
            if members is not None:
                members.append(item)
                placed[item.id] = group
        self._placed = placed
        ids = {it.id for it in changed}
        for group, model in self.models.items():
            model.sync(lists[group], ids)

    def changed(self, items: Sequence[TransferItem]) -> None:
        """``items`` changed: repaint their rows, and move those whose group changed to their new group."""
        leaving: Dict[str, List[int]] = {}
        entering: Dict[str, List[TransferItem]] = {}
        staying: Dict[str, List[int]] = {}
        for item in items:
            old, new = self._placed.get(item.id), item.group
            if old is None:
                continue
            if old == new:
                staying.setdefault(new, []).append(self.models[new].position(item))
                continue
            leaving.setdefault(old, []).append(self.models[old].position(item))
            if new in self.models:
                entering.setdefault(new, []).append(item)
                self._placed[item.id] = new
            else:
                del self._placed[item.id]
        for group, positions in staying.items():
            self.models[group].changed(positions)
        for group, positions in leaving.items():
            self.models[group].take(positions)
        for group, joined in entering.items():
            self.models[group].add(joined)
