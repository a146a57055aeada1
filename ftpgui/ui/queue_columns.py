"""How a queue tab's columns share its width: fitted to the tab's rows and to the table's width, again as they
change, until the person drags a divider (from then on the widths are theirs, kept in ``window.ini``).

Found by QA at 1366×768: the State column stayed as wide as "Cancelled" (~75 px), so a failure's reason — the
useful part ("Failed: The server refused STOR: 550 Not enough privileges.") — always read "Fail…ges.", while
the paths took the rest and Rate and Time left stood empty. Now (design note 162):

- State is as wide as its widest text among the tab's rows, up to half the table, and never so wide that a
  path gets less than ``PATH_SAMPLE`` (a longer reason is elided in the middle, whole in its tooltip); never
  narrower than the widest word the tab's State says alone (``model.state_words``: a row about to say "Awaiting
  reply" has the room before it says it — design note 278);
- Local file and Remote file share what is left (they stretch; a path loses its folders before its name,
  ``queue_elide``), and the State column leaves each at least the end of its rows' widest name ("…/name", up to
  ``NAME_SHARE`` of the table: names tell the rows apart, the reason is whole in its tooltip — design note 385);
- Direction and Server as wide as their title or their widest usual text (``SAMPLES``, a direction in the
  person's language; a longer server's name elides in the middle, whole in its tooltip); Size and Progress so
  too, or as their title while the tab's rows have nothing there (a failed upload has no size yet); Progress,
  where a row has a bar, wide enough for "100 %" and a bar beside it (design note 485);
- Rate and Time left as narrow as their titles while no row of the tab moves, and as wide as their widest usual
  text from the moment one does — at once, in the model's update that says it, not at the next fit: a first
  rate had read "9…s" for 250 ms (design note 361, which kept them that wide always: ~160 px of empty columns
  beside a 360-px dock squeezed the paths, note 398). They keep that room until no row has moved for
  ``HOLD_MS`` (from one file to the next nothing jumps), and are hidden in the tabs of items that ended
  (failed, cancelled, finished: nothing there ever moves).
"""

from __future__ import annotations

import os
import posixpath
import time
from typing import Any, Dict, Iterable, List, Optional

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

from ..transfers.items import ACTIVE, TransferItem
from ..transfers.model import (
    COL_DIRECTION,
    COL_LOCAL,
    COL_PROGRESS,
    COL_RATE,
    COL_REMOTE,
    COL_SERVER,
    COL_SIZE,
    COL_STATE,
    COL_TIME_LEFT,
    state_words,
    translate,
)
from .queue_paint import BAR_FITTED, BAR_GAP, PERCENT_SAMPLE
from .window_fit import ColumnFitter

# what the narrow columns show at their widest (sizes, rates, times); the Server column: enough for a part of
# the address to show (its user dropped first, ``queue_elide``) — "f…7" had said nothing; the whole address is
# its tooltip
SAMPLES = {
    COL_SIZE: "1023.9 MiB",
    COL_PROGRESS: "100 %",
    COL_RATE: "1023.9 KiB/s",
    COL_TIME_LEFT: "00:00:00",
    COL_SERVER: "example.com",
}
PATH_SAMPLE = "…/report.pdf"  # the least a path keeps while the State column takes room: a name's end
STATE_SHARE = 0.5  # of the table's width, the most the State column takes
NAME_SHARE = 0.2  # of the table's width, the most each path keeps from the State column for its rows' names
FIT_ROWS = 300  # the rows a fit reads (and those on show): a tab of 100,000 items is not read whole
FIT_AFTER_MS = 250  # the rows changed: fitted again this long after (a stream of changes, once)
MOVING = (COL_RATE, COL_TIME_LEFT)  # empty unless a row of the tab is active: wide while one moves (note 398)
HOLD_MS = 3000  # no row moved for this long: Rate and Time left are narrowed again (not between two files)
OFTEN_EMPTY = (COL_SIZE, COL_PROGRESS)  # as wide as the rows' texts there, as narrow as their title with none
PATHS = (COL_LOCAL, COL_REMOTE)


def ended_tab(group: str) -> bool:
    """The tab of items that ended (no rate, no time left there)."""
    return group != "queued"


class QueueColumns(ColumnFitter):
    """Fits one queue tab's columns (see the module's docstring) until the person drags a divider."""

    def __init__(self, table: QTableView, group: str) -> None:
        self.table, self.group = table, group
        self._fitting = False
        self._stale = False  # rows changed while the tab was not on show
        self._wanted: Optional[Dict[int, int]] = None  # each column's width as the rows last read want it
        self._least = 0  # the State column's: its widest word (``state_words``), as the last fit read it
        self._names = 0  # the widest "…/name" of the rows' paths, as the last fit read it
        self._moving = False  # Rate and Time left wide: a row of the tab moved within ``HOLD_MS``
        self._moved_at = 0.0  # (time.monotonic()) when a fit last saw a row move
        self._hold = QTimer(table)
        self._hold.setSingleShot(True)
        self._hold.timeout.connect(self.fit)  # (narrowed once nothing moved for ``HOLD_MS``)
        self._later = QTimer(table)
        self._later.setSingleShot(True)
        self._later.setInterval(FIT_AFTER_MS)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in PATHS:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for column in MOVING:
            header.setSectionHidden(column, ended_tab(group))
        super().__init__(table, lambda: True, (self._later.timeout,))  # (fits now)
        model = table.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.layoutChanged, model.dataChanged):
            signal.connect(self._soon)
        model.dataChanged.connect(self._data_changed)  # (methods, not lambdas: let go with the table)
        model.rowsInserted.connect(self._rows_inserted)
        self._viewport = table.viewport()  # (kept: asked of a table being deleted, the events' look-up failed)
        self._viewport.installEventFilter(self)  # (its width: the share of each column follows it)

    def _soon(self, *_args: Any) -> None:
        if self.active and not self._later.isActive():
            self._later.start()

    def _data_changed(self, first: Any, last: Any, *_roles: Any) -> None:
        self._moves_now(first.row(), last.row())

    def _rows_inserted(self, _parent: Any, first: int, last: int) -> None:
        self._moves_now(first, last)

    def _moves_now(self, first: int, last: int) -> None:
        """Rows ``first``…``last`` changed: one that moves now, while Rate and Time left are narrow, has them
        widened before it is drawn (the update is painted after this, in the same turn)."""
        if self._moving or not self.active or ended_tab(self.group):
            return
        items = self.table.model().items
        if any(self._moves(item) for item in items[max(0, first) : min(last, first + FIT_ROWS) + 1]):
            self.fit()

    def _moves(self, item: TransferItem) -> bool:
        return item.state == ACTIVE or bool(self.table.model().source.cell_text(item, COL_RATE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._viewport:
            if self.active and event.type() == QEvent.Type.Resize and self._wanted is not None:
                self.share()
            elif self.active and event.type() == QEvent.Type.Show and self._stale:
                self.fit()
            return False
        return super().eventFilter(watched, event)

    def fit(self, *_args: Any) -> None:
        """Read the rows again, then share the width."""
        if not self.table.isVisible() and self._wanted is not None:
            self._stale = True  # (a tab not on show: fitted once it is)
            return
        self._stale = False
        self._wanted = self.wanted()
        self.share()

    def resized(self, *_args: Any) -> None:
        if not self._fitting:  # (the fit's own widths, while a button is down on the header, are no person's)
            super().resized(*_args)

    def wanted(self) -> Dict[int, int]:
        """Each column's width as the tab's rows and its title want it (paths aside)."""
        table, header = self.table, self.table.horizontalHeader()
        metrics = table.fontMetrics()
        pad = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1) + 2
        widths: Dict[str, int] = {}

        def wide(text: str) -> int:
            width = widths.get(text)
            if width is None:
                width = widths[text] = metrics.horizontalAdvance(text) + pad
            return width

        rows = self._rows()
        self._moving = self._still_moving(rows)
        self._least = max(wide(word) for word in state_words(self.group))
        cell_text, percent = table.model().source.cell_text, table.model().source.percent
        paths = {cell_text(item, column).replace(os.sep, "/") for item in rows for column in PATHS}
        names = {"…/" + posixpath.basename(path.rstrip("/")) for path in paths}
        self._names = max((metrics.horizontalAdvance(name) for name in names), default=0)
        out = {}
        for column in range(header.count()):
            if column in PATHS:
                continue
            title = header.sectionSizeHint(column)
            if column == COL_STATE:
                out[column] = max(title, self._least, *(wide(cell_text(item, column)) for item in rows))
            elif column in OFTEN_EMPTY and rows:  # (as wide as their texts: a sample's room cut the State's words)
                texts = {text for text in (cell_text(item, column) for item in rows) if text}
                out[column] = max(title, *(wide(text) + 4 for text in texts)) if texts else title
                if column == COL_PROGRESS and any(percent(item) >= 0 for item in rows):  # a bar and its words
                    out[column] = max(out[column], wide(PERCENT_SAMPLE) + BAR_GAP + BAR_FITTED)
            elif column in MOVING and not self._moving:
                out[column] = title  # (nothing there: the paths take the room, note 398)
            else:  # (a little room beside the usual text, as the columns had)
                out[column] = max(title, max(metrics.horizontalAdvance(t) for t in self._samples(column)) + 16)
        return out

    def _still_moving(self, rows: List[TransferItem]) -> bool:
        """Whether Rate and Time left are wide: a row moves, or one did less than ``HOLD_MS`` ago (then the
        tab is fitted again when that time is up)."""
        now = time.monotonic()
        if any(self._moves(item) for item in rows):
            self._moved_at = now
            return True
        left = self._moved_at + HOLD_MS / 1000 - now
        if self._moving and left > 0:
            self._hold.start(int(left * 1000) + 1)
            return True
        return False

    @staticmethod
    def _samples(column: int) -> List[str]:
        """The column's widest usual texts: a direction as the person's language says it ("下载" is narrow)."""
        if column == COL_DIRECTION:
            return [translate("QueueModel", "Download"), translate("QueueModel", "Upload")]
        return [SAMPLES.get(column, "")]

    def _rows(self) -> List[TransferItem]:
        """The first ``FIT_ROWS`` items of the tab and those on show."""
        items = self.table.model().items
        rows = self.table.verticalHeader()
        first = max(0, rows.logicalIndexAt(0))
        last = rows.logicalIndexAt(self.table.viewport().height())
        last = len(items) - 1 if last < 0 else last
        shown: Iterable[TransferItem] = items[first : last + 1] if first >= FIT_ROWS else ()
        return [*items[:FIT_ROWS], *shown]

    def share(self) -> None:
        """The widths wanted, the State column's bounded by its share of the table's width and the paths'
        least (never below its widest word); the paths stretch over the rest."""
        wanted = self._wanted or {}
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        width = self.table.viewport().width()
        others = sum(w for c, w in wanted.items() if c != COL_STATE and not header.isSectionHidden(c))
        name = min(self._names, int(width * NAME_SHARE))
        paths = 2 * (max(metrics.horizontalAdvance(PATH_SAMPLE), name) + 8)
        state = max(
            self._least, min(wanted.get(COL_STATE, self._least), int(width * STATE_SHARE), width - others - paths)
        )
        self._fitting = True
        try:
            for column, w in wanted.items():
                if column != COL_STATE and header.sectionSize(column) != w:
                    header.resizeSection(column, w)
            if header.sectionSize(COL_STATE) != state:
                header.resizeSection(COL_STATE, state)
        finally:
            self._fitting = False
