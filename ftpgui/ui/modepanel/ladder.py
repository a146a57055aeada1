"""The ladder: the whole exchange of one connection as a sequence diagram, beside the picture.

Two lifelines, Client and Server; every command and reply an arrow in time order; every TCP connection
drawn from the dialling side's port to the listening side's; TLS handshakes, closes, and failures ending at
a wall (a real one, from the failure's cause, or one imagined in *What if*). A run of alike data connections
is one row that expands. Built from the connection's transcript (the scene's events), painted row by row:
only the rows in view are painted, and the rows (``ladderrows``) are rebuilt only while the ladder is shown.
"""

from __future__ import annotations

from typing import List, Optional, Set, Tuple

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QScrollArea, QToolTip, QWidget

from . import motion as mo
from . import narration as nr
from . import scene as sc
from . import whatif as wi
from .ladderrows import CLOSE, FAIL, GROUP, MESSAGE, NOTE, TCP, TLS, Row, build_rows
from .picture import Colours

__all__ = ["CLOSE", "FAIL", "GROUP", "MESSAGE", "NOTE", "TCP", "TLS", "Ladder", "LadderView", "Row", "build_rows"]

ROW_H = 24.0
HEADER_H = 44.0
BOTTOM = 16  # px of air under the last row
SIDE = 76.0  # px from each edge to a lifeline: room for the port numbers
EXPORT_ROWS = 120  # an export shows at most this many rows (the newest): a PNG stays a few MB


class LadderPainter:
    """Paints rows onto any painter (the widget, a PNG, an SVG), ``width`` logical px wide."""

    def __init__(self, p: QPainter, palette: QPalette, base: QFont, width: float) -> None:
        self.p, self.c, self.width = p, Colours.for_palette(palette), width
        self.font = QFont(base)
        self.font.setPixelSize(12)
        self.mono = QFont(base)
        self.mono.setFamilies(["DejaVu Sans Mono", "Menlo", "Consolas", "monospace", *base.families()])
        self.mono.setStyleHint(QFont.StyleHint.Monospace)
        self.mono.setPixelSize(12)
        self.bold = QFont(self.font)
        self.bold.setBold(True)
        self.bold.setPixelSize(13)
        self.fm = QFontMetricsF(self.font)
        self.fm_mono = QFontMetricsF(self.mono)
        self.left, self.right = SIDE, max(SIDE + 120, width - SIDE)

    def header(self, conn: sc.ConnectionScene, height: float) -> None:
        """Client and Server over their lifelines, which run down ``height``."""
        words = nr.labels()
        self.p.setPen(QPen(self.c.muted, 1.2, Qt.PenStyle.DashLine))
        for x in (self.left, self.right):
            self.p.drawLine(QPointF(x, HEADER_H - 4), QPointF(x, height))
        for x, name, addr in ((self.left, words["client"], conn.client), (self.right, words["server"], conn.server)):
            self.p.setFont(self.bold)
            self.p.setPen(self.c.text)
            self.p.drawText(QRectF(x - SIDE, 4, 2 * SIDE, 18), int(Qt.AlignmentFlag.AlignCenter), name)
            self.p.setFont(self.mono)
            host = self.fm_mono.elidedText(addr[0] if addr else "", Qt.TextElideMode.ElideMiddle, 2 * SIDE - 4)
            self.p.drawText(QRectF(x - SIDE, 22, 2 * SIDE, 16), int(Qt.AlignmentFlag.AlignCenter), host)

    def row(self, row: Row, top: float, highlighted: bool) -> None:
        c = self.c
        colour = c.control if row.channel == "control" else c.client
        if row.kind in (TCP, FAIL) and row.channel == "data" and not row.to_server:
            colour = c.server  # the server dialled (active mode): the picture's active colour
        if row.kind == FAIL:
            colour = c.failure
        if highlighted:
            self.p.fillRect(QRectF(0, top, self.width, ROW_H), c.box)
        y = top + ROW_H - 6
        a, b = QPointF(self.left, y), QPointF(self.right, y)
        start, end = (a, b) if row.to_server else (b, a)
        if row.kind == GROUP:
            self.text(QRectF(self.left + 8, top, self.right - self.left - 16, ROW_H), row.label, c.muted, self.font)
            return
        if row.kind == NOTE:
            self.text(
                QRectF(self.left + 8, top + 2, self.right - self.left - 16, ROW_H - 4), row.label, colour, self.font
            )
            return
        if row.kind == CLOSE:
            self.p.setPen(QPen(colour, 1.4, Qt.PenStyle.DotLine))
            self.p.drawLine(a, b)
            self.label(row.label, top, colour, self.font)
            return
        if row.kind == TLS:
            self.arrow(a, b, colour, 2.0)
            self.arrow(b, a, colour, 2.0)
            mo.lock(
                self.p,
                QPointF((self.left + self.right) / 2 - self.fm.horizontalAdvance(row.label) / 2 - 10, top + 8),
                colour,
                c.background,
            )
            self.label(row.label, top, colour, self.font)
            return
        if row.kind == FAIL:
            wall_x = self.wall_x(row)
            stop = QPointF(wall_x - (6 if end.x() > start.x() else -6), y)
            self.arrow(start, stop, colour, 1.8, dashed=not row.seen)  # dashed: not seen to arrive
            self.p.setPen(QPen(colour, 1.2))
            self.p.setBrush(QBrush(colour, Qt.BrushStyle.DiagCrossPattern))
            self.p.drawRect(QRectF(wall_x - 3, top + 3, 6, ROW_H - 5))
            self.ports(row, y, colour)
            self.label(row.label, top, colour, self.font, *self.room(row))
            return
        width = 2.0 if row.kind == TCP else 1.3
        self.arrow(start, end, colour, width)
        if row.kind == TCP:
            self.ports(row, y, colour)
        self.label(
            row.label, top, colour if row.kind == TCP else c.text, self.mono if row.kind == MESSAGE else self.font
        )

    def wall_x(self, row: Row) -> float:
        """Where a failed row's arrow stops: at a wall near the side that (probably) has the firewall, else on
        the way."""
        span = self.right - self.left
        if row.wall:
            return self.left + 0.18 * span if row.wall == "client" else self.right - 0.18 * span
        return self.left + span * (0.55 if row.to_server else 0.45)

    def room(self, row: Row) -> Tuple[float, float]:
        """Where a row's words go, left to right: between the lifelines; a failed row's beside its wall, on the
        side the arrow came from, not across it."""
        if row.kind != FAIL:
            return self.left + 8, self.right - 8
        wall_x = self.wall_x(row)
        return (self.left + 8, wall_x - 8) if row.to_server else (wall_x + 8, self.right - 8)

    def elided(self, row: Row) -> bool:
        """Its words do not fit its room (they are drawn shortened, "…")."""
        left, right = self.room(row)
        fm = self.fm_mono if row.kind == MESSAGE else self.fm
        return fm.horizontalAdvance(row.label) > max(10.0, right - left)

    def ports(self, row: Row, y: float, colour: QColor) -> None:
        """The dialling side's port at the arrow's start, the listening side's at its end."""
        left, right = (row.from_port, row.to_port) if row.to_server else (row.to_port, row.from_port)
        self.p.setFont(self.mono)
        self.p.setPen(colour)
        box = QRectF(0, y - 9, SIDE - 6, 16)
        self.p.drawText(box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), left)
        box = QRectF(self.right + 6, y - 9, SIDE - 6, 16)
        self.p.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), right)

    def label(self, text: str, top: float, colour: QColor, font: QFont, left: float = -1, right: float = -1) -> None:
        """``text`` above the row's arrow, centred between ``left`` and ``right`` (the lifelines by default)."""
        fm = self.fm_mono if font is self.mono else self.fm
        left = self.left + 8 if left < 0 else left
        w = max(10.0, (self.right - 8 if right < 0 else right) - left)
        self.p.setFont(font)
        self.p.setPen(colour)
        self.p.drawText(
            QRectF(left, top, w, ROW_H - 8),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
            fm.elidedText(text, Qt.TextElideMode.ElideRight, w),
        )

    def text(self, rect: QRectF, text: str, colour: QColor, font: QFont) -> None:
        self.p.setFont(font)
        self.p.setPen(colour)
        shown = self.fm.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        self.p.drawText(rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter), shown)

    def arrow(self, a: QPointF, b: QPointF, colour: QColor, width: float, dashed: bool = False) -> None:
        self.p.setPen(QPen(colour, width, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine))
        self.p.drawLine(a, b)
        d = 1.0 if b.x() >= a.x() else -1.0
        head = QPainterPath(b)
        head.lineTo(b + QPointF(-8 * d, -4.5))
        head.lineTo(b + QPointF(-8 * d, 4.5))
        head.closeSubpath()
        self.p.setPen(Qt.PenStyle.NoPen)
        self.p.setBrush(colour)
        self.p.drawPath(head)


def paint_ladder(
    p: QPainter, palette: QPalette, font: QFont, width: float, conn: sc.ConnectionScene, rows: List[Row], at: int
) -> float:
    """All of ``rows`` (the newest ``EXPORT_ROWS``), for an export; returns the height used."""
    shown = rows[-EXPORT_ROWS:]
    height = HEADER_H + ROW_H * len(shown) + 4
    pen = LadderPainter(p, palette, font, width)
    p.fillRect(QRectF(0, 0, width, height), pen.c.background)
    pen.header(conn, height)
    for i, row in enumerate(shown):
        pen.row(row, HEADER_H + i * ROW_H, row.primary and row.serial == at)
    return height


def export_height(rows: List[Row]) -> float:
    return HEADER_H + ROW_H * len(rows[-EXPORT_ROWS:]) + 4


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
        self.setMouseTracking(False)

    def sizeHint(self) -> QSize:
        return QSize(360, int(HEADER_H + ROW_H * max(1, len(self.rows)) + 4))

    def minimumSizeHint(self) -> QSize:
        return QSize(240, int(HEADER_H + ROW_H))

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
        self.setMinimumHeight(int(HEADER_H + ROW_H * max(1, len(self.rows)) + BOTTOM))
        self.updateGeometry()
        self.update()
        return True

    def row_at(self, y: float) -> Optional[int]:
        i = int((y - HEADER_H) // ROW_H)
        return i if 0 <= i < len(self.rows) else None

    def row_top(self, index: int) -> float:
        return HEADER_H + index * ROW_H

    def highlighted(self) -> Optional[int]:
        """The row of the step the picture shows (its primary row), if it is in the ladder."""
        for i in range(len(self.rows) - 1, -1, -1):
            row = self.rows[i]
            if row.primary and row.serial == self.at:
                return i
        return None

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:  # a row shortened to fit ("no connection arriv…"), whole
            i = self.row_at(event.pos().y())
            row = self.rows[i] if i is not None else None
            pen = LadderPainter(None, self.palette(), self.font(), self.width())
            if row is not None and pen.elided(row):
                QToolTip.showText(event.globalPos(), row.label, self)
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
        pen = LadderPainter(p, self.palette(), self.font(), self.width())
        p.fillRect(event.rect(), pen.c.background)
        if self.conn is None or not self.conn.steps:
            pen.text(QRectF(self.rect()), nr.labels()["waiting"], pen.c.muted, pen.font)
            p.end()
            return
        pen.header(self.conn, self.height())
        first = max(0, int((event.rect().top() - HEADER_H) // ROW_H))
        last = min(len(self.rows), int((event.rect().bottom() - HEADER_H) // ROW_H) + 1)
        at = self.highlighted()
        for i in range(first, last):
            pen.row(self.rows[i], self.row_top(i), i == at)
        p.end()


class Ladder(QScrollArea):
    """The ladder tab: scrolls, follows the newest row in live mode, and says which step was clicked."""

    stepClicked = Signal(int)

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.canvas = LadderView()
        self.canvas.stepClicked.connect(self.stepClicked)
        self.setWidget(self.canvas)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # rows elide, never scroll sideways
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
                self.ensureVisible(0, int(canvas.row_top(i) + ROW_H / 2), 0, int(ROW_H * 2))

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
        canvas.resize(self.viewport().width(), canvas.minimumHeight())  # now, so the scroll range is right
        canvas.update()
        if self.follow:
            bar = self.verticalScrollBar()
            bar.setValue(bar.maximum())

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
