"""The ladder's painting: its rows laid out at a width and painted onto any painter (the ladder's widget, an
exported PNG or SVG). A row's words wrap into as many lines as its room needs (``ladderlines``), the row as tall
as its lines, its arrow at its foot; the hosts' addresses over the lifelines wrap too (``ladder`` is the widget).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPalette, QPen

from . import motion as mo
from . import narration as nr
from . import scene as sc
from .ladderlines import Memo, RowLayout, remember, wrap
from .ladderrows import CLOSE, FAIL, GROUP, MESSAGE, NOTE, TCP, TLS, Row
from .picture import Colours
from .wrapping import wrapped

ROW_H = 24.0  # a row of one line; each line more adds its font's line spacing
HEADER_H = 44.0  # the names and the hosts' addresses in one line each; an address in more lines adds them
HOST_LINES = 4  # an address over a lifeline takes at most this many lines (an IPv6 one two or three)
LOCK_ROOM = 18.0  # px left of a TLS row's words for its padlock (and as much right of them: they are centred)
SIDE = 76.0  # px from each edge to a lifeline: room for the port numbers
NARROW_SIDE, NARROW_BELOW = 60.0, 480.0  # in a view narrower than this, 60 px (five digits need 37): more for words
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
        pitch = self.fm_mono.horizontalAdvance("0")  # (a monospaced font: every printable ASCII character as wide)
        self.pitch = pitch if abs(self.fm_mono.horizontalAdvance("Wi.@~|") - 6 * pitch) < 0.01 else 0.0
        self.side = side = NARROW_SIDE if width < NARROW_BELOW else SIDE
        self.left, self.right = side, max(side + 120, width - side)

    def hosts(self, conn: Optional[sc.ConnectionScene]) -> Tuple[Tuple[str, ...], Tuple[str, ...]]:
        """The client's and the server's addresses over their lifelines, each in the lines it needs there."""
        return tuple(
            wrapped(addr[0], self.mono, 2 * self.side - 4, address=True)[:HOST_LINES] if addr else ("",)
            for addr in ((conn.client, conn.server) if conn is not None else (None, None))
        )

    def header_height(self, conn: Optional[sc.ConnectionScene]) -> float:
        most = max(len(lines) for lines in self.hosts(conn))
        return HEADER_H + (most - 1) * self.fm_mono.lineSpacing()

    def header(self, conn: sc.ConnectionScene, height: float) -> None:
        """Client and Server over their lifelines, which run down ``height``."""
        words = nr.labels()
        self.p.setPen(QPen(self.c.muted, 1.2, Qt.PenStyle.DashLine))
        for x in (self.left, self.right):
            self.p.drawLine(QPointF(x, self.header_height(conn) - 4), QPointF(x, height))
        step, side = self.fm_mono.lineSpacing(), self.side
        hosts = self.hosts(conn)
        for x, name, lines in ((self.left, words["client"], hosts[0]), (self.right, words["server"], hosts[1])):
            self.p.setFont(self.bold)
            self.p.setPen(self.c.text)
            self.p.drawText(QRectF(x - side, 4, 2 * side, 18), int(Qt.AlignmentFlag.AlignCenter), name)
            self.p.setFont(self.mono)
            for k, line in enumerate(lines):
                self.p.drawText(QRectF(x - side, 22 + k * step, 2 * side, 16), int(Qt.AlignmentFlag.AlignCenter), line)

    def lay_out(self, row: Row, memo: Memo = None) -> RowLayout:
        """``row``'s words in the lines its room needs, and its height (from ``memo``, the layouts made in this
        base font, when it has them)."""
        left, right = self.room(row)
        mono = row.kind == MESSAGE
        key = (mono, row.label, right - left)
        lay = memo.get(key) if memo is not None else None
        if lay is None:
            font, fm = (self.mono, self.fm_mono) if mono else (self.font, self.fm)
            lines, cut = wrap(row.label, font, fm, right - left, self.pitch if mono else 0.0)
            lay = RowLayout(lines, ROW_H + (len(lines) - 1) * fm.lineSpacing(), cut)
            if memo is not None:
                remember(memo, key, lay)
        return lay

    def row(self, row: Row, top: float, highlighted: bool, lay: Optional[RowLayout] = None) -> None:
        """``row`` from ``top`` down, laid out as ``lay`` (made here when not given)."""
        lay = lay if lay is not None else self.lay_out(row)
        c = self.c
        colour = c.control if row.channel == "control" else c.client
        if row.kind in (TCP, FAIL) and row.channel == "data" and not row.to_server:
            colour = c.server  # the server dialled (active mode): the picture's active colour
        if row.kind == FAIL:
            colour = c.failure
        if highlighted:
            self.p.fillRect(QRectF(0, top, self.width, lay.height), c.box)
        y = top + lay.height - 6  # the arrow, at the row's foot, under its words
        a, b = QPointF(self.left, y), QPointF(self.right, y)
        start, end = (a, b) if row.to_server else (b, a)
        if row.kind in (GROUP, NOTE):  # words alone, in the middle of the row
            rect = QRectF(self.left + 8, top, self.right - self.left - 16, lay.height)
            self.text(rect, lay.lines, c.muted if row.kind == GROUP or row.neutral else colour, self.font)
            return
        if row.kind == CLOSE:
            self.p.setPen(QPen(colour, 1.4, Qt.PenStyle.DotLine))
            self.p.drawLine(a, b)
            self.label(lay.lines, top, colour, self.font)
            return
        if row.kind == TLS:
            self.arrow(a, b, colour, 2.0)
            self.arrow(b, a, colour, 2.0)
            widest = max(self.fm.horizontalAdvance(line) for line in lay.lines)
            mo.lock(self.p, QPointF((self.left + self.right) / 2 - widest / 2 - 10, top + 8), colour, c.background)
            self.label(lay.lines, top, colour, self.font, *self.room(row))
            return
        if row.kind == FAIL:
            wall_x = self.wall_x(row)
            stop = QPointF(wall_x - (6 if end.x() > start.x() else -6), y)
            self.arrow(start, stop, colour, 1.8, dashed=not row.seen)  # dashed: not seen to arrive
            if row.refused:  # a refusal: a cross short of the port, not a barrier (design notes 390 and 446)
                mark = QPointF(wall_x + (8 if end.x() > start.x() else -8), y)
                self.p.setPen(QPen(colour, 2.0))
                self.p.drawLine(mark + QPointF(-4, -4), mark + QPointF(4, 4))
                self.p.drawLine(mark + QPointF(-4, 4), mark + QPointF(4, -4))
            else:
                self.p.setPen(QPen(colour, 1.2))
                self.p.setBrush(QBrush(colour, Qt.BrushStyle.DiagCrossPattern))
                self.p.drawRect(QRectF(wall_x - 3, top + 3, 6, lay.height - 5))
            self.ports(row, y, colour)
            self.label(lay.lines, top, colour, self.font, *self.room(row))
            return
        width = 2.0 if row.kind == TCP else 1.3
        self.arrow(start, end, colour, width)
        if row.kind == TCP:
            self.ports(row, y, colour)
        self.label(
            lay.lines, top, colour if row.kind == TCP else c.text, self.mono if row.kind == MESSAGE else self.font
        )

    def wall_x(self, row: Row) -> float:
        """Where a failed row's arrow stops: at a wall near the side that (probably) has the firewall, else on
        the way."""
        span = self.right - self.left
        if row.refused:  # short of the listening side's lifeline: the refusal may come from on the way (note 446)
            return self.right - 24 if row.to_server else self.left + 24
        if row.wall:
            return self.left + 0.18 * span if row.wall == "client" else self.right - 0.18 * span
        return self.left + span * (0.55 if row.to_server else 0.45)

    def room(self, row: Row) -> Tuple[float, float]:
        """Where a row's words go, left to right: between the lifelines (a TLS row's leave room for the padlock
        beside them); a failed row's beside its wall, on the side the arrow came from, not across it."""
        if row.kind == TLS:
            return self.left + 8 + LOCK_ROOM, self.right - 8 - LOCK_ROOM
        if row.kind != FAIL:
            return self.left + 8, self.right - 8
        wall_x = self.wall_x(row)
        return (self.left + 8, wall_x - 8) if row.to_server else (wall_x + 8, self.right - 8)

    def ports(self, row: Row, y: float, colour: QColor) -> None:
        """The dialling side's port at the arrow's start, the listening side's at its end."""
        left, right = (row.from_port, row.to_port) if row.to_server else (row.to_port, row.from_port)
        self.p.setFont(self.mono)
        self.p.setPen(colour)
        box = QRectF(0, y - 9, self.side - 6, 16)
        self.p.drawText(box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), left)
        box = QRectF(self.right + 6, y - 9, self.side - 6, 16)
        self.p.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), right)

    def label(self, lines, top: float, colour: QColor, font: QFont, left: float = -1, right: float = -1) -> None:
        """The row's lines above its arrow, each centred between ``left`` and ``right`` (the lifelines by
        default); the last line just above the arrow."""
        step = (self.fm_mono if font is self.mono else self.fm).lineSpacing()
        left = self.left + 8 if left < 0 else left
        w = max(10.0, (self.right - 8 if right < 0 else right) - left)
        self.p.setFont(font)
        self.p.setPen(colour)
        flags = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
        for k, line in enumerate(lines):
            self.p.drawText(QRectF(left, top + k * step, w, ROW_H - 8), flags, line)

    def text(self, rect: QRectF, lines, colour: QColor, font: QFont) -> None:
        """``lines`` (or one text, wrapped to fit: the "waiting" words), centred in ``rect``."""
        self.p.setFont(font)
        self.p.setPen(colour)
        flags = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter)
        if isinstance(lines, str):
            lines = wrap(lines, font, self.fm, rect.width())[0]
        step = self.fm.lineSpacing()
        first = rect.top() + (rect.height() - step * len(lines)) / 2
        for k, line in enumerate(lines):
            self.p.drawText(QRectF(rect.left(), first + k * step, rect.width(), step), flags, line)

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


@dataclass
class Laid:
    """The ladder laid out at a width: the header's height, each row's layout and top, and the height of all."""

    header: float = HEADER_H
    rows: List[RowLayout] = field(default_factory=list)
    tops: List[float] = field(default_factory=list)

    @property
    def height(self) -> float:
        return self.tops[-1] + self.rows[-1].height if self.rows else self.header


def lay_out(pen: LadderPainter, conn: Optional[sc.ConnectionScene], rows: List[Row], memo: Memo = None) -> Laid:
    """``rows`` laid out by ``pen`` (its fonts and width), one under another below the header."""
    laid = Laid(pen.header_height(conn))
    top = laid.header
    for row in rows:
        lay = pen.lay_out(row, memo)
        laid.rows.append(lay)
        laid.tops.append(top)
        top += lay.height
    return laid


def paint_ladder(
    p: QPainter, palette: QPalette, font: QFont, width: float, conn: sc.ConnectionScene, rows: List[Row], at: int
) -> float:
    """All of ``rows`` (the newest ``EXPORT_ROWS``), for an export; returns the height used."""
    shown = rows[-EXPORT_ROWS:]
    pen = LadderPainter(p, palette, font, width)
    laid = lay_out(pen, conn, shown)
    height = laid.height + 4
    p.fillRect(QRectF(0, 0, width, height), pen.c.background)
    pen.header(conn, height)
    for row, top, lay in zip(shown, laid.tops, laid.rows, strict=True):
        pen.row(row, top, row.primary and row.serial == at, lay)
    return height


def export_height(
    conn: Optional[sc.ConnectionScene], rows: List[Row], palette: QPalette, font: QFont, width: float
) -> float:
    """The height ``paint_ladder`` paints ``rows`` in, ``width`` px wide."""
    return lay_out(LadderPainter(None, palette, font, width), conn, rows[-EXPORT_ROWS:]).height + 4
