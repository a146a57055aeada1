"""The ladder: the whole exchange of one connection as a sequence diagram, beside the picture.

Two lifelines, Client and Server; every command and reply an arrow in time order; every TCP connection
drawn from the dialling side's port to the listening side's; TLS handshakes, closes, and failures ending at
a wall (a real one, from the failure's cause, or one imagined in *What if*). A run of alike data connections
is one row that expands. Built from the connection's transcript (the scene's events), painted row by row:
only the rows in view are painted, and the rows (``ladderrows``) are rebuilt only while the ladder is shown.
A row's words wrap into as many lines as its room needs (``ladderlines``), the row as tall as its lines, its
arrow at its foot; the hosts' addresses over the lifelines wrap too (``ladderpaint`` lays out and paints them).
The layout is made when the rows or the width change, never while painting.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import List, Optional, Set, Tuple

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QScrollArea, QToolTip, QWidget

from . import narration as nr
from . import scene as sc
from . import whatif as wi
from .ladderlines import MAX_LINES, Memo, RowLayout, tooltip
from .ladderpaint import HEADER_H, ROW_H, LadderPainter, Laid, export_height, lay_out, paint_ladder
from .ladderrows import CLOSE, FAIL, GROUP, MESSAGE, NOTE, TCP, TLS, Row, build_rows

__all__ = [
    "CLOSE",
    "FAIL",
    "GROUP",
    "HEADER_H",
    "MAX_LINES",
    "MESSAGE",
    "NOTE",
    "ROW_H",
    "TCP",
    "TLS",
    "Ladder",
    "LadderPainter",
    "LadderView",
    "Laid",
    "Row",
    "RowLayout",
    "build_rows",
    "export_height",
    "lay_out",
    "paint_ladder",
]

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


class Ladder(QScrollArea):
    """The ladder tab: scrolls, follows the newest row in live mode, and says which step was clicked."""

    stepClicked = Signal(int)

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.canvas = LadderView()
        self.canvas.stepClicked.connect(self.stepClicked)
        self.setWidget(self.canvas)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # rows wrap, never scroll sideways
        self.follow = True
        self._dirty = True
        self._later = QTimer(self)  # events come in bursts: rebuild at most about three times a second
        self._later.setSingleShot(True)
        self._later.setInterval(300)  # a rebuild of 2,000 events costs about 6 ms
        self._later.timeout.connect(self._catch_up)

    def show_connection(self, conn: Optional[sc.ConnectionScene], at: int, walls: wi.Firewalls, follow: bool) -> None:
        """Show ``conn`` with step ``at`` highlighted; with ``follow``, keep the newest rows in view.
        Cheap while hidden: the rows are rebuilt when the tab is shown."""
        canvas = self.canvas
        if conn is not canvas.conn:
            canvas.expanded.clear()
        canvas.conn, canvas.at, canvas.walls, self.follow = conn, at, walls, follow
        if not self.isVisible():
            self._dirty = True
            return
        self._catch_up()
        if not follow:
            i = canvas.highlighted()
            if i is not None:
                height = canvas.layout_of(i).height
                self.ensureVisible(0, int(canvas.row_top(i) + height / 2), 0, int(height / 2 + ROW_H))

    def changed(self) -> None:
        """New events on the connection shown: rebuild soon (only while the ladder is shown)."""
        if not self.isVisible():
            self._dirty = True
        elif not self._later.isActive():
            self._later.start()

    def rows_for_export(self) -> Optional[Tuple[sc.ConnectionScene, List[Row], int]]:
        """The connection, its rows (groups as the person left them) and the step shown, for an export."""
        canvas = self.canvas
        if canvas.conn is None or not canvas.conn.steps:
            return None
        return canvas.conn, build_rows(canvas.conn, canvas.expanded, canvas.walls, interactive=False), canvas.at

    def _catch_up(self) -> None:
        self._dirty = False
        canvas = self.canvas
        canvas.rebuild()
        self._fit()

    def _fit(self) -> None:
        """The rows laid out for the viewport's width, the canvas as tall as they are now (so the scroll range
        is right), and in Live the newest rows in view."""
        canvas = self.canvas
        canvas.fit(self.viewport().width())
        canvas.resize(self.viewport().width(), canvas.minimumHeight())
        canvas.update()
        if self.follow:
            bar = self.verticalScrollBar()
            bar.setValue(bar.maximum())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.isVisible() and not self._dirty:
            self._fit()  # a narrower dock: rows take more lines, and Live keeps the newest in view

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self._catch_up()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:  # the rows' words are made when they are built
            self._dirty = True
            if self.isVisible():
                self.canvas.rebuild(force=True)
        super().changeEvent(event)
