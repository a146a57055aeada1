"""The picture: client and server, the control connection and one data connection, painted from the scene.

``paint_picture`` draws onto any ``QPainter`` (the widget, a PNG image, an SVG generator) in a fixed
logical canvas scaled to fit, so text and lines stay vector-sharp at any device pixel ratio. It paints
nothing the scene did not say; what moves now (``Frame.now``) comes from ``motion``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Optional, Sequence, Tuple

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPalette, QPen, QTransform

from . import controldial as cd
from . import motion as mo
from . import narration as nr
from . import proxywords as pw
from . import readable as rd
from . import scene as sc
from . import whatif as wi
from .canvas import (  # the canvas's names, importable from here as before the split
    BADGE_GAP,
    BOTTOM_GAP,
    BOX_BOTTOM,
    BOX_TOP,
    BOX_W,
    CLIENT_X,
    COMPACT,
    COMPACT_BELOW,
    CONTROL_Y,
    DATA_Y,
    DECODED_ALIGN,
    DECODED_LINE,
    DECODED_TOP,
    FIREWALL_SIDE,
    HEIGHT,
    LANE_L,
    LANE_R,
    NARRATION_GAP,
    SERVER_X,
    WALL_INSET,
    WIDE,
    WIDTH,
    Colours,
    Geometry,
    _fonts,
    begin,
    bytes_band,
    canvas_transform,
    geometry_for,
    label_px,
    proxy_rect,
)
from .datalane import DataLane
from .pilltext import pill_text
from .shown import current_exchange, frame_text, frame_words, kinds_so_far, shown
from .wrapping import wrapped

CENTRE = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter

__all__ = [
    "BADGE_GAP",
    "BOX_BOTTOM",
    "BOX_TOP",
    "BOX_W",
    "CLIENT_X",
    "COMPACT",
    "COMPACT_BELOW",
    "CONTROL_Y",
    "DATA_Y",
    "FIREWALL_SIDE",
    "HEIGHT",
    "LANE_L",
    "LANE_R",
    "SERVER_X",
    "WALL_INSET",
    "WIDE",
    "WIDTH",
    "Colours",
    "Frame",
    "Geometry",
    "bytes_band",
    "canvas_transform",
    "current_exchange",
    "geometry_for",
    "kinds_so_far",
    "paint_picture",
    "proxy_rect",
    "wrapped",
]


@dataclass
class Frame:
    """What to paint: a connection, the step shown, and how far its movement has got (0…1)."""

    conn: Optional[sc.ConnectionScene] = None
    serial: int = 0
    t: float = 1.0
    walls: wi.Firewalls = field(default_factory=wi.Firewalls)  # imagined firewalls (what-if), none by default
    now: Optional[float] = None  # monotonic time, to draw what is moving at the newest step (None: a still)
    phase: float = 0.0  # logical px the travelling marks have moved (the view advances it with the rate)
    height: float = 0.0  # the canvas's height at the last paint (``readable.fitted``; 0: ``canvas_size``'s)


def paint_picture(
    painter: QPainter, rect: QRectF, palette: QPalette, frame: Frame, base_font: QFont, part: str = "all"
) -> None:
    """Draw ``frame`` into ``rect``, scaled uniformly from the logical canvas.

    ``part``: "all"; or "base" (all but the bytes moving now) and "overlay" (only those: the travelling marks
    and their label), so the widget repaints only the overlay, over a cached base, while bytes move."""
    frame.height = rd.fitted(rect, *frame_words(frame), base_font)
    under = rd.footer_transform(rect, frame.height)  # (the words' own scale, before the canvas's is set)
    under = (under[0] * painter.worldTransform(), under[1])
    c, g = begin(painter, rect, palette, fill=part != "overlay", height=frame.height)
    pen = _Painter(painter, c, base_font, part, g, frame.height, under)
    if part == "overlay":
        pen.overlay(frame)
    else:
        pen.paint(frame)
    painter.restore()


class _Painter(DataLane):
    def __init__(
        self,
        p: QPainter,
        c: Colours,
        base: QFont,
        part: str = "all",
        g: Optional[Geometry] = None,
        height=HEIGHT,
        under: Optional[Tuple[QTransform, float]] = None,
    ) -> None:
        self.p, self.c, self.part, self.g = p, c, part, g or WIDE
        self.base, self.height = base, height  # (the canvas's height: ``readable.fitted``)
        # the words under the boxes: their transform (the painter's world) and their room's bottom in it
        self.under = under if under is not None else (QTransform(p.worldTransform()), height)
        self.decoded: Sequence[str] = ()  # the decoded lines of the exchange drawn (``data``), drawn by the words
        self.decoded_height = 0.0
        self.deferred: Optional[list] = None  # a list: the draws that depend on the animation's t are kept there
        # the labels never under ``MIN_TEXT_PX`` on the screen: raised where the picture is drawn small (note 448)
        f = self.fonts = _fonts(base, label_px(p.worldTransform().m11()))
        self.label, self.small, self.title, self.mono, self.mono_bold = f.label, f.small, f.title, f.mono, f.mono_bold

    @functools.cached_property
    def words(self) -> dict:
        return nr.labels()  # not needed by the overlay, painted 20 times a second

    def fm(self, font: QFont) -> QFontMetricsF:
        return self.fonts.metrics[id(font)]

    def at_t(self, draw, t: float, moves: bool = True) -> None:
        """``draw(t)``, a draw that depends on the step's animation: now, or kept for each frame (``paint_still``)."""
        if moves and self.deferred is not None:
            self.deferred.append(draw)
        else:
            draw(t)

    # --- primitives -------------------------------------------------------------------------------
    def text(self, rect: QRectF, text: str, font: QFont, colour: QColor, flags=Qt.AlignmentFlag.AlignLeft) -> None:
        self.p.setFont(font)
        self.p.setPen(colour)
        self.p.drawText(rect, int(flags) | int(Qt.TextFlag.TextWordWrap), text)

    def elided(self, x: float, y: float, w: float, text: str, font: QFont, colour: QColor, centre=False) -> None:
        fm = self.fm(font)
        text = fm.elidedText(text, Qt.TextElideMode.ElideMiddle, w)
        align = Qt.AlignmentFlag.AlignHCenter if centre else Qt.AlignmentFlag.AlignLeft
        self.p.setFont(font)
        self.p.setPen(colour)
        rect = QRectF(x, y, w, fm.height() + 2)
        self.p.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), text)
        return self.ink(rect, font, (text,), align | Qt.AlignmentFlag.AlignVCenter, rect.height())

    def fit(self, text: str, fonts: Sequence[QFont], width: float, height: float, address: bool = False) -> tuple:
        """(font, lines, fits): ``text`` wrapped to ``width`` in the first of ``fonts`` whose lines fit ``height``
        (else in the last, ``fits`` False). Nothing is left out: a long text takes more lines, never an ellipsis."""
        for font in fonts:
            lines = wrapped(text, font, width, address)
            if len(lines) * self.fm(font).height() <= height:
                return font, lines, True
        return font, lines, False

    def block(self, rect: QRectF, text: str, fonts: Sequence[QFont], colour: QColor, align=CENTRE, address=False):
        """``text`` whole in ``rect``, wrapped (``fit``), from its top; returns the rect its ink takes."""
        font, lines, _ = self.fit(text, fonts, rect.width(), rect.height(), address)
        self.lines(rect.topLeft(), rect.width(), font, lines, colour, align)
        return self.ink(rect, font, lines, align)

    def ink(self, rect: QRectF, font: QFont, lines: Sequence[str], align, line: float = 0.0) -> QRectF:
        """Where ``lines``, drawn one under another from ``rect``'s top in rects ``line`` high (a line's height by
        default) with ``align``, put their ink (a CJK fallback font's taller glyphs too)."""
        fm = self.fm(font)
        line = line or fm.height()
        ink = QRectF()
        for i, text in enumerate(lines):
            box = QRectF(rect.left(), rect.top() + i * line, rect.width(), line)
            ink = ink.united(fm.boundingRect(box, int(align), text))
        return ink

    def lines(self, at: QPointF, width: float, font: QFont, lines: Sequence[str], colour: QColor, align=CENTRE):
        """``lines`` one under another from ``at``, each in a rect ``width`` wide; returns the rect they took."""
        height = self.fm(font).height()
        self.p.setFont(font)
        self.p.setPen(colour)
        for i, line in enumerate(lines):
            self.p.drawText(QRectF(at.x(), at.y() + i * height, width, height), int(align), line)
        return QRectF(at.x(), at.y(), width, len(lines) * height)

    def pill(self, centre: QPointF, text: str, colour: QColor) -> None:
        """A command or reply on the control arrow: whole, or its code and numbers kept (``pilltext``)."""
        room = self.g.lane_r - self.g.lane_l - 40 - 12
        font, text = pill_text(text, self.fonts.readable_monos, self.fm, room)
        fm = self.fm(font)
        w = fm.horizontalAdvance(text) + 14
        x = max(self.g.lane_l + 20, min(self.g.lane_r - 20 - w, centre.x() - w / 2))  # stays between the boxes
        r = QRectF(x, centre.y() - fm.height() / 2 - 3, w, fm.height() + 6)
        self.p.setPen(QPen(colour, 1.4))
        self.p.setBrush(self.c.background)
        self.p.drawRoundedRect(r, 6, 6)
        self.p.setFont(font)
        self.p.setPen(self.c.text)
        self.p.drawText(r, int(Qt.AlignmentFlag.AlignCenter), text)

    def badge_width(self, port: str) -> float:
        return max(self.fm(self.mono_bold).horizontalAdvance(port) + 12, 46)

    def badge(self, x: float, y: float, port: str, colour: QColor, caption: str = "") -> None:
        """A port number on a box's edge, with an optional caption under it ('listens', 'dials')."""
        w = self.badge_width(port)
        r = QRectF(x - w / 2, y - 12, w, 24)
        self.p.setPen(QPen(colour, 2))
        self.p.setBrush(self.c.background)
        self.p.drawRoundedRect(r, 5, 5)
        self.p.setFont(self.mono_bold)
        self.p.setPen(colour)
        self.p.drawText(r, int(Qt.AlignmentFlag.AlignCenter), port)
        if caption:  # under the badge, on the lane's side so it never crosses a box's edge
            inward = 1.0 if x < self.g.width / 2 else -1.0
            cx = x + inward * (w / 2 + 4)
            left = cx if inward > 0 else cx - 110
            align = Qt.AlignmentFlag.AlignLeft if inward > 0 else Qt.AlignmentFlag.AlignRight
            self.p.setFont(self.small)
            self.p.setPen(colour)
            self.p.drawText(QRectF(left, y + 7, 110, 18), int(align | Qt.AlignmentFlag.AlignTop), caption)

    def arrow(self, a: QPointF, b: QPointF, colour: QColor, t: float, *, dashed=False, width=2.4) -> QPointF:
        """A line from a towards b, drawn as far as t (0…1), with a head at its end; returns the end."""
        end = a + (b - a) * max(0.0, min(1.0, t))
        pen = QPen(colour, width)
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        self.p.setPen(pen)
        self.p.drawLine(a, end)
        if t > 0.05:
            d = 1.0 if b.x() >= a.x() else -1.0
            head = QPainterPath(end)
            head.lineTo(end + QPointF(-10 * d, -6))
            head.lineTo(end + QPointF(-10 * d, 6))
            head.closeSubpath()
            self.p.setPen(Qt.PenStyle.NoPen)
            self.p.setBrush(colour)
            self.p.drawPath(head)
        return end

    def cross(self, at: QPointF, colour: QColor) -> None:
        self.p.setPen(QPen(colour, 3.2))
        self.p.drawLine(at + QPointF(-8, -8), at + QPointF(8, 8))
        self.p.drawLine(at + QPointF(-8, 8), at + QPointF(8, -8))

    # --- the picture ------------------------------------------------------------------------------
    def paint(self, frame: Frame) -> None:
        conn = frame.conn
        step = conn.step(frame.serial) if conn is not None else None
        if conn is None or step is None or (conn.client is None and step.dial is None):
            self.text(QRectF(20, 20, self.g.width - 40, 60), self.words["waiting"], self.label, self.c.muted)
            return
        if step.dial is not None:  # the control connection's connect attempt
            self.frame, self.walls = frame, frame.walls
            self.header(conn, step, None)
            self.hosts(conn, server=step.dial.remote)
            cd.paint(self, conn, step, frame.t)
            self.no_data(conn)
            self.words_under(frame_text(frame))
            return
        _conn, _step, ex, kinds = shown(frame)
        self.walls = frame.walls
        self.motion = mo.present(conn, step) if frame.now is not None and not self.walls.any else None
        self.frame = frame
        text = frame_text(frame)
        self.decoded = ()
        self.header(conn, step, ex)
        self.hosts(conn)
        self.control(conn, step, ex, frame.t)
        if ex is not None:
            self.data(ex, kinds, step, frame.t)
        else:
            self.no_data(conn)
        self.words_under(text)

    def no_data(self, conn: sc.ConnectionScene) -> None:
        self.elided(
            self.g.lane_l + 10,
            DATA_Y - 10,
            self.g.lane_r - self.g.lane_l - 20,
            self.words["no_data" if not conn.data_connections else "none_open"],  # "yet" only when true
            self.label,
            self.c.muted,
            True,
        )

    def header(self, conn: sc.ConnectionScene, step: sc.Step, ex: Optional[sc.Exchange]) -> None:
        if step.kind == sc.CONTROL_FAILED:
            colour, title = self.c.failure, cd.failed_title()
        elif step.kind == sc.FALLBACK and step.fallback:
            colour, title = self.c.failure, nr.fallback_title(*step.fallback[:2])
        elif ex is not None:
            colour = self.c.client if ex.mode == "passive" else self.c.server
            title = f"{nr.mode_name(ex.mode)} — " + self.words["data_n"].format(number=ex.number)
        elif step.kind == sc.TLS:
            colour, title = self.c.control, mo.tls_title()
        else:
            colour, title = self.c.control, self.words["control"]
        count = conn.last_serial - conn.first_serial + 1
        index = step.serial - conn.first_serial + 1
        counter = self.words["step"].format(index=index, count=count)
        fm = self.fm(self.small)
        w = fm.horizontalAdvance(counter) + 4
        self.elided(self.g.width - 16 - w, 12, w, counter, self.small, self.c.muted)
        # the title has the rest of the line (at most what it had before the compact canvas)
        room = min(470.0, self.g.width - 16 - w - 16 - self.g.client_x)
        self.elided(self.g.client_x, 10, room, title, self.title, colour)

    def hosts(self, conn: sc.ConnectionScene, server: Optional[sc.Address] = None) -> None:
        """The two boxes; ``server``: the address dialled, before the control connection is up."""
        self.host_bottom = {}  # box's x → where its address ends
        for x, name, addr in (
            (self.g.client_x, self.words["client"], conn.client),
            (self.g.server_x, self.words["server"], server or conn.server),
        ):
            r = QRectF(x, BOX_TOP, self.g.box_w, BOX_BOTTOM - BOX_TOP)
            self.p.setPen(QPen(self.c.muted, 1.2))
            self.p.setBrush(self.c.box)
            self.p.drawRoundedRect(r, 10, 10)
            self.elided(x + 10, BOX_TOP + 8, self.g.box_w - 20, name, self.title, self.c.text, centre=True)
            if addr:  # (the client's address is known once it is connected)
                self.host(x, addr[0])
        if conn.proxy is not None:
            self.proxy_box(conn.proxy)

    def host(self, x: float, host: str) -> None:
        """A box's address, whole: on a line or two above the control port's badge, or beside it (a long IPv6
        address, in up to four lines on the side away from the badge, which stands on the box's inner edge)."""
        top, inner = BOX_TOP + 30, self.g.box_w - 16
        font, lines, fits = self.fit(host, self.fonts.monos[:2], inner, CONTROL_Y - 14 - top, address=True)
        if fits:
            self.host_bottom[x] = self.lines(QPointF(x + 8, top), inner, font, lines, self.c.text).bottom()
            return
        beside = inner - (self.badge_width("65535") / 2 - 8 + 3)  # clear of the widest badge, reaching in
        font, lines, _ = self.fit(host, self.fonts.monos, beside, CONTROL_Y + 30 - top, address=True)
        client = x < self.g.width / 2  # the client's badge is on its right edge, the server's on its left
        align = (Qt.AlignmentFlag.AlignLeft if client else Qt.AlignmentFlag.AlignRight) | Qt.AlignmentFlag.AlignVCenter
        at = QPointF(x + 8 if client else x + 8 + inner - beside, top)
        self.host_bottom[x] = self.lines(at, beside, font, lines, self.c.text, align).bottom()

    def proxy_box(self, hop) -> None:
        """The proxy, a hop in the middle of both lanes: the arrows pass through it (drawn over it)."""
        r = proxy_rect(self.g)
        self.p.setPen(QPen(self.c.muted, 1.2, Qt.PenStyle.DashLine))
        self.p.setBrush(self.c.box)
        self.p.drawRoundedRect(r, 8, 8)
        self.elided(r.x() + 4, BOX_TOP + 6, r.width() - 8, pw.box_label(hop), self.small, self.c.text, centre=True)
        # under the data lane's own label: the proxy's address and port, whole (ending where they always did)
        font, lines, _ = self.fit(sc.show_address(hop.address), self.fonts.footer, r.width() - 4, 48, address=True)
        bottom = BOX_BOTTOM - 4 - len(lines) * self.fm(font).height()
        self.lines(QPointF(r.x() + 2, bottom), r.width() - 4, font, lines, self.c.text)

    def control(self, conn: sc.ConnectionScene, step: sc.Step, ex: Optional[sc.Exchange], t: float) -> None:
        a, b = QPointF(self.g.lane_l, CONTROL_Y), QPointF(self.g.lane_r, CONTROL_Y)
        closed = step.kind == sc.CONTROL_CLOSED
        idle_from = mo.idle_at(conn, step) if self.frame.now is not None else None
        idle = idle_from is not None and self.frame.now >= idle_from
        colour = self.c.muted if idle else self.c.control  # nothing on it now: it looks idle
        # the control connection, dialled by the client to the server's port
        self.arrow(a + QPointF(BADGE_GAP, 0), b - QPointF(BADGE_GAP, 0), colour, 1.0, dashed=closed)
        caption = mo.idle_word() if idle else self.words["control"]
        self.elided(self.g.lane_l, CONTROL_Y + 14, self.g.lane_r - self.g.lane_l, caption, self.small, colour, True)
        version = conn.encrypted_at(step.serial)
        if version:
            self.lock_label(QPointF((self.g.lane_l + self.g.lane_r) / 2, CONTROL_Y - 44), version, self.c.control)
        self.badge(self.g.lane_l, CONTROL_Y, str(conn.client[1]) if conn.client else "?", self.c.control)
        self.badge(self.g.lane_r, CONTROL_Y, str(conn.server[1]) if conn.server else "?", self.c.control)
        if step.kind == sc.CONTROL:  # the client dials the server's control port
            self.at_t(
                lambda t: self.arrow(a + QPointF(30, -22), b + QPointF(-30, -22), self.c.control, t, width=1.8), t
            )
            return
        if ex is None:
            return
        message, forward = None, True
        if step.kind == sc.REQUEST:
            message = step.line or ex.command_line  # the step's own command (EPSV, then PASV after a refusal)
        elif step.kind == sc.REPLY:
            message, forward = step.text or ex.reply_text, False
        elif step.kind == sc.TRANSFER:
            message = ex.transfer_line
        if message:
            start, end = (a, b) if forward else (b, a)

            def pill(t: float) -> None:
                x = start.x() + (end.x() - start.x()) * (0.2 + 0.6 * t)
                self.pill(QPointF(x, CONTROL_Y - 22), message, self.c.control)

            self.at_t(pill, t)

    def words_under(self, text: str) -> None:
        """The decoded numbers (``self.decoded``, set by ``data``) and the narration ``text`` under the boxes, in
        their own transform (``readable.footer_transform``: the usual scale, the view's width, where the boxes are
        drawn smaller to leave them room — note 447): each decoded line wrapped whole (a long EPRT argument breaks
        anywhere), as many as leave the narration its room (``rows_left``), then the narration."""
        world = self.p.worldTransform()
        self.p.setWorldTransform(self.under[0])
        try:
            scale = self.p.worldTransform().m11()
            font, line = rd.decoded_font(self.base, scale), rd.decoded_line(self.base, scale)
            width = self.g.width - 2 * self.g.client_x
            rows, y = self.rows_left(text, line), DECODED_TOP
            self.p.setPen(self.c.text)
            for decoded in self.decoded:
                pieces = wrapped(decoded, font, width)
                if len(pieces) > rows:
                    break
                rows -= len(pieces)
                for piece in pieces:
                    self.p.setFont(font)
                    self.p.drawText(QRectF(self.g.client_x, y, width, line), int(DECODED_ALIGN), piece)
                    y += line
            self.decoded_height = y - DECODED_TOP
            self.footer(text, self.decoded_height)
        finally:
            self.p.setWorldTransform(world)

    def rows_left(self, text: str, line: float = DECODED_LINE) -> int:
        """How many rows of decoded lines (``line`` high) leave the narration ``text`` room under them in its
        smallest readable font (a 227 naming another host has five decoded lines, two of them long: with the
        sentences about it, or a "what if" of both firewalls, they pushed the narration past the bottom at a
        narrow dock's 400 px). In the words' own transform (``words_under``)."""
        width = self.g.width - 2 * self.g.client_x
        needed = rd.text_height(self.footer_fonts()[-1], width, text)
        bottom = self.under[1]
        # (+0.5: a canvas made just tall enough by ``readable.fitted`` is that tall give or take a float's last bit)
        return max(0, int((bottom - BOTTOM_GAP - DECODED_TOP - NARRATION_GAP - needed + 0.5) // line))

    def footer_fonts(self) -> tuple:
        """The narration's fonts, largest first, none under ``canvas.MIN_TEXT_PX`` on the screen (note 444)."""
        return rd.footer_fonts(self.base, self.p.worldTransform().m11())

    def footer(self, text: str, decoded_height: float) -> None:
        """The narration, under the decoded lines (``decoded_height`` logical px of them)."""
        top = DECODED_TOP + decoded_height + NARRATION_GAP
        rect = QRectF(self.g.client_x, top, self.g.width - 2 * self.g.client_x, self.under[1] - top - BOTTOM_GAP)
        self.text(rect, text, self.footer_font(rect, text), self.c.text)

    def footer_font(self, rect: QRectF, text: str) -> QFont:
        """The narration's font: smaller steps until the sentences fit ``rect`` (never cut at the bottom)."""
        scale = self.p.worldTransform().m11()
        for font in (*self.footer_fonts(), *rd.fallback_fonts(self.base, scale)):
            if rd.text_height(font, rect.width(), text) <= rect.height() + 0.5:  # (a float's last bits: ``rows_left``)
                return font
        return font
