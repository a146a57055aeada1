"""The ladder's canvas: the rows of one connection's exchange laid out and painted, one row a command, reply
or connection; a click on a row selects its step (``Ladder``, the tab's scroll area, holds it). Loaded with the
ladder's first connection, not with the first window.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import List, Optional, Set

from PySide6.QtCore import QEvent, QRectF, QSize, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QToolTip, QWidget

from . import narration as nr
from . import scene as sc
from . import whatif as wi
from .ladderlines import Memo, RowLayout, tooltip
from .ladderpaint import HEADER_H, ROW_H, LadderPainter, Laid, lay_out
from .ladderrows import GROUP, Row, build_rows

BOTTOM = 16  # px of air under the last row


class LadderView(QWidget):
    """The ladder's canvas (in a ``Ladder`` scroll area); a click on a row selects its step."""

    stepClicked = Signal(int)

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.conn: Optional[sc.ConnectionScene] = None
        self.rows: List[Row] = []
        self.expanded: Set[int] = set()
        self.walls = wi.Firewalls()
        self.at = 0  # the serial shown in the picture
        self._built_for: tuple = ()
        self.laid = Laid()  # the rows laid out at the width they were laid out for
        self._laid_for: tuple = (0, "")
        self._memo: Memo = {}  # texts laid out already (the rows are built anew three times a second)
        self.setMouseTracking(False)

    def sizeHint(self) -> QSize:
        return QSize(360, int(self.laid.height + 4))

    def minimumSizeHint(self) -> QSize:
        return QSize(240, int(HEADER_H + ROW_H))

    def fit(self, width: Optional[int] = None, force: bool = False) -> None:
        """Lay the rows out for ``width`` px (the view's own by default) when that changed, or with ``force``
        (new rows); the view is then as tall as they are."""
        width = self.width() if width is None else width
        key = (width, self.font().key())
        if key == self._laid_for and not force:
            return
        if self._laid_for[1:] != key[1:]:
            self._memo.clear()  # (laid out in another font)
        self._laid_for = key
        pen = LadderPainter(None, self.palette(), self.font(), width)
        self.laid = lay_out(pen, self.conn, self.rows, self._memo)
        self.setMinimumHeight(int(max(self.laid.height, HEADER_H + ROW_H) + BOTTOM))
        self.updateGeometry()
        self.update()

    def layout_of(self, index: int) -> RowLayout:
        """Row ``index`` as laid out: its lines, its height, whether its words were cut."""
        return self.laid.rows[index]

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit()  # narrower: rows take more lines

    def rebuild(self, force: bool = False) -> bool:
        """Build the rows again when the transcript, the groups or the walls changed; True when it did."""
        conn = self.conn
        key = (
            id(conn),
            len(conn.transcript) if conn else 0,
            conn.last_at if conn else 0,
            frozenset(self.expanded),
            self.walls,
        )
        last = conn.transcript[-1] if conn is not None and conn.transcript else None
        key += (id(last),)
        if key == self._built_for and not force:
            return False
        self._built_for = key
        self.rows = build_rows(conn, self.expanded, self.walls)
        self.fit(force=True)
        return True

    def row_at(self, y: float) -> Optional[int]:
        laid = self.laid
        i = bisect_right(laid.tops, y) - 1
        return i if 0 <= i < len(laid.rows) and y < laid.tops[i] + laid.rows[i].height else None

    def row_top(self, index: int) -> float:
        laid = self.laid
        return laid.tops[index] if index < len(laid.tops) else laid.height

    def highlighted(self) -> Optional[int]:
        """The row of the step the picture shows (its primary row), if it is in the ladder."""
        for i in range(len(self.rows) - 1, -1, -1):
            row = self.rows[i]
            if row.primary and row.serial == self.at:
                return i
        return None

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:  # a row cut after its last line (a hostile reply): more of it
            i = self.row_at(event.pos().y())
            if i is not None and self.laid.rows[i].cut:
                QToolTip.showText(event.globalPos(), tooltip(self.rows[i].label), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mousePressEvent(self, event) -> None:
        i = self.row_at(event.position().y())
        if i is None:
            return super().mousePressEvent(event)
        row = self.rows[i]
        if row.kind == GROUP:
            self.expanded.symmetric_difference_update({row.group})
            self.rebuild()
        elif row.serial is not None:
            self.stepClicked.emit(row.serial)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(p, QRectF(event.rect()))
        p.end()

    def paint(self, p: QPainter, rect: QRectF) -> None:
        """What of the ladder lies in ``rect``: the rows there, as laid out (none is laid out here)."""
        pen = LadderPainter(p, self.palette(), self.font(), self.width())
        p.fillRect(rect, pen.c.background)
        if self.conn is None or not self.conn.steps:
            pen.text(QRectF(self.rect()), nr.labels()["waiting"], pen.c.muted, pen.font)
            return
        pen.header(self.conn, self.height())
        laid = self.laid
        first = max(0, bisect_right(laid.tops, rect.top()) - 1)
        last = min(len(laid.rows), bisect_right(laid.tops, rect.bottom()))
        at = self.highlighted()
        for i in range(first, last):
            pen.row(self.rows[i], laid.tops[i], i == at, laid.rows[i])
