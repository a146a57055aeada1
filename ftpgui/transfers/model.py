"""``QueueModel``: the queue's items as a table; the tabs show one group each (``groups.py``).

Progress from the transfer connections changes items many times a second; the model only marks their rows
and a 100 ms timer turns the marks into one ``dataChanged`` — about ten updates a second whatever the
number of connections — and tells the group models which items changed.

A rate measured (``set_rate``) is shown from that update on, with the total of the rates shown
(``ratesShown``): the rows and the footer's and the status bar's total change together (design note 379).
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, Any, Dict, Iterable, Iterator, List, Optional, Set, Tuple

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from ..ftp.safetext import shown
from .cellwords import (  # noqa: F401 (the queue's words: from here as well, as before they had a module)
    FINISHING,
    HELD,
    MOMENTS,
    SAID_MAX,
    STATE_NAMES,
    human_duration,
    human_size,
    local_time,
    reason,
    said,
    state_words,
    total_rate,
    tr,
    why,
)
from .items import ACTIVE, CANCELLED, DOWNLOAD, FAILED, GROUP_QUEUED, SKIPPED, TransferItem

if TYPE_CHECKING:
    from .groups import GroupViews

COL_LOCAL, COL_DIRECTION, COL_REMOTE, COL_SIZE, COL_PROGRESS, COL_RATE, COL_TIME_LEFT, COL_STATE, COL_SERVER = range(9)
COLUMNS = 9
ItemIdRole = Qt.ItemDataRole.UserRole + 1  # str
StateRole = Qt.ItemDataRole.UserRole + 2  # str: queued, active, … (items.py)
GroupRole = Qt.ItemDataRole.UserRole + 3  # str: queued | failed | finished — which view shows the row
ProgressRole = Qt.ItemDataRole.UserRole + 4  # int 0–100, or -1 when the size is unknown
ItemRole = Qt.ItemDataRole.UserRole + 5  # the TransferItem itself
UPDATE_INTERVAL_MS = 100
# many rows changed at once (a stream of small files finishing): the next update waits longer — each moves
# rows from tab to tab and repaints the whole table, for a change nobody can read at ten a second anyway
BUSY_ROWS, BUSY_INTERVAL_MS = 8, 300
# a folder listed in the background shows in the tabs at the next update, not at once (every row inserted or
# removed repaints a whole table); up to this many items the tabs are then compared with the queue in full
DEFER_MAX_ITEMS = 20_000
# the roles item_data answers, as plain numbers (a PySide enum's lookup and comparison cost more than the cell)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
ANSWERED_ROLES = frozenset(
    {_DISPLAY, _TOOLTIP, _ALIGNMENT, *(int(r) for r in (ItemIdRole, StateRole, GroupRole, ProgressRole, ItemRole))}
)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)

RIGHT_ALIGNED = frozenset((COL_SIZE, COL_PROGRESS, COL_RATE, COL_TIME_LEFT))  # (queue_paint.py too)
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

translate = QCoreApplication.translate  # lupdate reads the literal translate("QueueModel", …) calls


class QueueModel(QAbstractTableModel):
    """The items of a ``TransferQueue``, one row each, in queue order."""

    ratesShown = Signal(float)  # the rows' rates changed at this update: their total (``cellwords.total_rate``)

    HEADERS = (
        QT_TRANSLATE_NOOP("QueueModel", "Local file"),
        QT_TRANSLATE_NOOP("QueueModel", "Direction"),
        QT_TRANSLATE_NOOP("QueueModel", "Remote file"),
        QT_TRANSLATE_NOOP("QueueModel", "Size"),
        QT_TRANSLATE_NOOP("QueueModel", "Progress"),
        QT_TRANSLATE_NOOP("QueueModel", "Rate"),
        QT_TRANSLATE_NOOP("QueueModel", "Time left"),
        QT_TRANSLATE_NOOP("QueueModel", "State"),
        QT_TRANSLATE_NOOP("QueueModel", "Server"),
    )

    def __init__(self, parent: Optional[QObject] = None):
        super().__init__(parent)
        self._items: List[TransferItem] = []
        self.servers: Dict[str, Any] = {}  # key → servers.Server: the queue shares its own dict (no cycle)
        self.version = 0  # counts inserts, removals and moves: row numbers kept elsewhere are stale when it changes
        self._rows: Dict[str, int] = {}
        self.groups: Optional[GroupViews] = None  # the tabs' models, told of every change (groups.py)
        self._rates: Dict[str, float] = {}  # the rates the rows show
        self._next_rates: Dict[str, Optional[float]] = {}  # measured since the last update: shown at the next
        self._held: Set[str] = set()  # ids of the items the speed limit holds back now
        self._dirty: Set[str] = set()  # ids of the items changed since the last update
        self._deferring = False  # see deferred()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(UPDATE_INTERVAL_MS)
        self._timer.timeout.connect(self.flush)

    # --- Qt's side -----------------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != _DISPLAY or not 0 <= section < COLUMNS or orientation != Qt.Orientation.Horizontal:
            return None  # (asked role by role at each repaint of the header: the cheap answer first)
        return tr(self.HEADERS[section])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._items):
            return None
        return self.item_data(self._items[index.row()], index.column(), role)

    def item_data(self, item: TransferItem, col: int, role: int) -> Any:
        """What ``data`` answers for ``item``'s cell in column ``col`` (the group models ask this too; each
        repaint asks it for every role of every cell shown: the roles are compared as plain numbers)."""
        if role == _DISPLAY:
            return self.cell_text(item, col)
        if role == _ALIGNMENT:
            return _RIGHT if col in RIGHT_ALIGNED else None
        if role == _TOOLTIP:
            if col == COL_SERVER:  # a site's name alone does not say where: its address
                server = self.servers.get(item.server)
                return server.address() if server is not None else None
            moment = self.moment(item) if col == COL_STATE else None
            if moment is not None:
                return tr(MOMENTS[moment][1])
            if col == COL_STATE and item.error and self._kept_on_server(item):
                return self.state_text(item, reason(item), exact=True)  # (the column's text, the reason in full)
            return reason(item) if item.error else None
        if role == ItemIdRole:
            return item.id
        if role == StateRole:
            return item.state
        if role == GroupRole:
            return item.group
        if role == ProgressRole:
            return self.percent(item)
        if role == ItemRole:
            return item
        return None

    def percent(self, item: TransferItem) -> int:
        """How much of ``item`` is done, 0–100, or -1 when its size is not known or it was skipped (it moved
        nothing: a full bar said it had — found by QA; a queue saved before counted its size done)."""
        if item.state == SKIPPED:
            return -1
        if not item.size:
            return 100 if item.size == 0 and item.state == "done" else -1
        return min(100, int(item.done * 100 / item.size))

    def cell_text(self, item: TransferItem, col: int) -> str:
        """The text of ``item``'s cell in column ``col`` (its ``DisplayRole``)."""
        if col == COL_LOCAL:  # (shown: a name's bytes no codec read as \xd6 — Qt drops lone surrogates — and
            return shown(item.local) + (os.sep if item.is_dir else "")  # a server's control characters escaped)
        if col == COL_DIRECTION:
            return (
                translate("QueueModel", "Download") if item.direction == DOWNLOAD else translate("QueueModel", "Upload")
            )
        if col == COL_REMOTE:
            return shown(item.remote) + ("/" if item.is_dir else "")
        if col == COL_SIZE:
            return human_size(item.size)
        if col == COL_PROGRESS:
            pct = self.percent(item)
            return f"{pct} %" if pct >= 0 else human_size(item.done) if item.done and item.state != SKIPPED else ""
        rate = self._rates.get(item.id)
        if col == COL_RATE:
            return human_size(rate) + "/s" if rate else ""
        if col == COL_TIME_LEFT:
            if rate and item.size is not None and item.size >= item.done:
                return human_duration((item.size - item.done) / rate)
            return ""
        if col == COL_SERVER:
            server = self.servers.get(item.server)
            return server.label() if server is not None else translate("QueueModel", "(not recorded)")
        if col == COL_STATE:
            return self.state_text(item, why(item) if item.error else "")
        return ""

    def moment(self, item: TransferItem) -> Optional[str]:
        """``HELD`` or ``FINISHING``: the moment of ``item``'s transfer its State names (``MOMENTS``), or None."""
        if item.state != ACTIVE:
            return None
        if item.id in self._held:
            return HELD
        if item.size and item.done >= item.size and not item.is_dir:
            return FINISHING
        return None

    @staticmethod
    def _kept_on_server(item: TransferItem) -> bool:
        """An upload that stopped part way: the server keeps what it received (``server_size``)."""
        return item.state in (FAILED, CANCELLED) and item.server_size is not None and item.direction != DOWNLOAD

    def state_text(self, item: TransferItem, why: str, exact: bool = False) -> str:
        """The State column's text for ``item``, its failure said as ``why`` (the tooltip: in full, and ``exact``:
        what the server kept of an upload counted in bytes too)."""
        text = tr(STATE_NAMES.get(item.state, item.state))
        moment = self.moment(item)
        if moment is not None:
            return tr(MOMENTS[moment][0])
        kept = self._kept_on_server(item)
        if why and item.state == CANCELLED and (item.error or "").startswith("Cancelled"):
            # the engine's words say it ("Cancelled after 16.6 MiB."): not "Cancelled: Cancelled after…"; beside
            # what the server kept, the column says "Cancelled" alone — what was sent is the tooltip's (note 232)
            said = why if exact or not kept else text
        elif why:
            said = translate("QueueModel", "{state}: {reason}").format(state=text, reason=why)
        else:
            said = text
        if not kept:
            return said
        size = human_size(item.server_size)  # as the Size column says it (it said "18015881 bytes": QA)
        if exact:
            size = translate("QueueModel", "{size} ({n} bytes)").format(size=size, n=item.server_size)
        # why it stopped first: it said only "Incomplete" (a failure: found by QA; a cancel: design note 232)
        if why or item.state == CANCELLED:
            return translate("QueueModel", "{said} — the server has {size}").format(said=said, size=size)
        return translate("QueueModel", "Incomplete: the server has {size}").format(size=size)

    # --- the queue's side ----------------------------------------------------------------------
    def items(self) -> List[TransferItem]:
        return list(self._items)

    def rows_from(self, start: int) -> Iterator[Tuple[int, TransferItem]]:
        """(row, item) from row ``start`` on, without copying the list (do not insert, remove or move meanwhile)."""
        items = self._items
        for row in range(start, len(items)):
            yield row, items[row]

    def item(self, item_id: str) -> Optional[TransferItem]:
        row = self._rows.get(item_id)
        return None if row is None else self._items[row]

    def row_of(self, item_id: str) -> int:
        return self._rows.get(item_id, -1)

    @property
    def rows(self) -> Dict[str, int]:
        """Item id → its row (read only)."""
        return self._rows

    def rate(self, item_id: str) -> Optional[float]:
        """The item's rate as last measured (its row shows it from the next update on)."""
        if item_id in self._next_rates:
            return self._next_rates[item_id]
        return self._rates.get(item_id)

    def set_rate(self, item_id: str, rate: Optional[float]) -> None:
        """The item's rate (None: none any more), shown in its row from the next update (``flush``) on — at the
        moment the total of the rows' rates changes (``ratesShown``): a row repainted between two updates of
        the total said another rate than it (design note 379)."""
        if item_id in self._rows:
            self._next_rates[item_id] = rate
        self.touch(item_id)

    def total_rate(self) -> float:
        """The rates the rows show, added up as they say them (``cellwords.total_rate``)."""
        return total_rate(self._rates.values())

    def set_held(self, item_id: str, held: bool) -> None:
        """The speed limit holds ``item_id``'s transfer back now (its State says so), or no longer."""
        (self._held.add if held else self._held.discard)(item_id)
        self.touch(item_id)

    def insert(self, row: int, items: List[TransferItem]) -> None:
        if not items:
            return
        row = max(0, min(row, len(self._items)))
        if not self._deferring:
            self.flush()
        self.version += 1
        self.beginInsertRows(QModelIndex(), row, row + len(items) - 1)
        self._items[row:row] = items
        self._reindex(row)
        self.endInsertRows()
        if self._deferring:
            self._groups_stale()
        elif self.groups is not None:
            self.groups.inserted(row, items)

    def append(self, items: List[TransferItem]) -> None:
        self.insert(len(self._items), items)

    def remove(self, ids: Iterable[str]) -> None:
        rows = sorted({self._rows[i] for i in ids if i in self._rows}, reverse=True)
        if not rows:
            return
        if not self._deferring:
            self.flush()
        self.version += 1
        if self._deferring:
            self._groups_stale()
        elif self.groups is not None:
            self.groups.removing([self._items[r] for r in rows])
        # runs of adjacent rows, each removed at once (row by row, every view and filter above updates per row:
        # clearing 32,000 finished items took a second of the GUI thread), from the bottom so the rows above
        # keep their numbers
        runs: List[List[int]] = []
        for row in rows:
            if runs and runs[-1][0] == row + 1:
                runs[-1][0] = row
            else:
                runs.append([row, row])
        for first, last in runs:
            self.beginRemoveRows(QModelIndex(), first, last)
            for gone in self._items[first : last + 1]:
                self._rates.pop(gone.id, None)
                self._next_rates.pop(gone.id, None)
                self._held.discard(gone.id)
                del self._rows[gone.id]
            del self._items[first : last + 1]
            self.endRemoveRows()
        self._reindex(rows[-1])

    def move(self, item_id: str, delta: int) -> bool:
        """Move an item ``delta`` rows up (negative) or down, within the queued view's order."""
        row = self._rows.get(item_id)
        if row is None or delta == 0:
            return False
        target = row
        step = -1 if delta < 0 else 1
        for _ in range(abs(delta)):  # skip over rows other views show
            t = target + step
            while 0 <= t < len(self._items) and self._items[t].group != GROUP_QUEUED:
                t += step
            if not 0 <= t < len(self._items):
                break
            target = t
        if target == row:
            return False
        self.flush()
        dest = target + 1 if target > row else target
        self.version += 1
        item = self._items[row]
        old = self.groups.position(item) if self.groups is not None else None
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), dest)
        self._items.insert(target, self._items.pop(row))
        self.endMoveRows()
        self._reindex(min(row, target))
        if self.groups is not None:
            self.groups.moved(item, old)
        return True

    @property
    def update_interval(self) -> int:
        """Milliseconds from a change to its ``dataChanged`` now (longer while many rows change)."""
        return self._timer.interval()

    @contextlib.contextmanager
    def deferred(self) -> Iterator[None]:
        """Inserts and removals made inside show in the tabs at the next update (``flush``), not at once:
        for what the transfers do in the background, such as a listed folder's entries taking its place."""
        defer = self.groups is not None and len(self._items) <= DEFER_MAX_ITEMS and not self._deferring
        if defer:
            self._deferring = True
        try:
            yield
        finally:
            if defer:
                self._deferring = False

    def _groups_stale(self) -> None:
        assert self.groups is not None
        self.groups.stale = True
        if not self._timer.isActive():
            self._timer.start()

    def touch(self, item_id: str) -> None:
        """The item changed; its row is repainted at the next coalesced update."""
        if item_id not in self._rows:
            return
        self._dirty.add(item_id)
        if not self._timer.isActive():
            self._timer.start()

    def flush(self) -> None:
        """Emit the pending ``dataChanged`` now (one signal spanning the changed rows), and bring the tabs up
        to date."""
        self._timer.stop()
        rated = self._show_rates()
        stale = self.groups is not None and self.groups.stale
        if not self._dirty and not stale:
            if rated:
                self.ratesShown.emit(self.total_rate())
            return
        rows = [self._rows[i] for i in self._dirty if i in self._rows]
        self._dirty.clear()
        self._timer.setInterval(BUSY_INTERVAL_MS if len(rows) > BUSY_ROWS else UPDATE_INTERVAL_MS)
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), COLUMNS - 1))
        if self.groups is not None:
            changed = [self._items[r] for r in rows]
            if stale:
                self.groups.resync(changed)
            elif changed:
                self.groups.changed(changed)
        if rated:
            self.ratesShown.emit(self.total_rate())

    def pending_ms(self) -> int:
        """Milliseconds until the update changes (rows, rates) wait for; -1 when none waits."""
        return self._timer.remainingTime() if self._timer.isActive() else -1

    def _show_rates(self) -> bool:
        """The rates measured since the last update, shown from now on; True when any changed."""
        if not self._next_rates:
            return False
        changed = False
        for item_id, rate in self._next_rates.items():
            if rate is None:
                changed = self._rates.pop(item_id, None) is not None or changed
            elif self._rates.get(item_id) != rate:
                self._rates[item_id] = rate
                changed = True
        self._next_rates.clear()
        return changed

    def _reindex(self, start: int) -> None:
        for row in range(start, len(self._items)):
            self._rows[self._items[row].id] = row
