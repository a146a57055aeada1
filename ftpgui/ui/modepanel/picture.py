"""The picture: client and server, the control connection and one data connection, painted from the scene.

``paint_picture`` draws onto any ``QPainter`` (the widget, a PNG image, an SVG generator) in a fixed
logical canvas scaled to fit, so text and lines stay vector-sharp at any device pixel ratio. It paints
nothing the scene did not say; what moves now (``Frame.now``) comes from ``motion``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Dict, Optional, Set

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QTextLayout,
    QTextOption,
    QTransform,
)

from . import controldial as cd
from . import motion as mo
from . import narration as nr
from . import proxywords as pw
from . import scene as sc
from . import whatif as wi

WIDTH, HEIGHT = 760.0, 470.0  # the logical canvas
CLIENT_X, SERVER_X, BOX_W = 16.0, 594.0, 150.0
BOX_TOP, BOX_BOTTOM = 44.0, 300.0
CONTROL_Y, DATA_Y = 118.0, 228.0
LANE_L, LANE_R = CLIENT_X + BOX_W, SERVER_X
BADGE_GAP = 30.0
WALL_INSET = 112.0
COMPACT_BELOW = 600.0  # px: a view narrower than this gets the compact canvas (boxes and lanes closer)


@dataclass(frozen=True)
class Geometry:
    """The canvas's horizontal layout; everything vertical is the same in both."""

    width: float
    client_x: float
    server_x: float
    box_w: float
    wall_inset: float

    @property
    def lane_l(self) -> float:
        return self.client_x + self.box_w

    @property
    def lane_r(self) -> float:
        return self.server_x


WIDE = Geometry(WIDTH, CLIENT_X, SERVER_X, BOX_W, WALL_INSET)
# a narrow dock: scaled 0.67 at 360 px instead of 0.45, so the words stay readable
COMPACT = Geometry(520.0, 8.0, 408.0, 104.0, 84.0)


def proxy_rect(g: Geometry) -> QRectF:
    """Where the proxy stands: a narrow box in the middle of the lanes, as tall as the hosts' boxes."""
    width = 112.0 if g is COMPACT else 124.0
    middle = (g.lane_l + g.lane_r) / 2
    return QRectF(middle - width / 2, BOX_TOP, width, BOX_BOTTOM - BOX_TOP)


def geometry_for(width: float) -> Geometry:
    """The canvas for a view ``width`` px wide (exports are always the wide one)."""
    return COMPACT if width < COMPACT_BELOW else WIDE


FIREWALL_SIDE = {
    "server-firewall": "server",
    "client-firewall": "client",
    "client-nat": "client",
    "tls-helper": "server",  # the server's firewall, whose FTP helper could not read the encrypted reply
}  # where an imagined firewall stands, from a box's edge  # half a port badge and a little air


DECODED_LINE = 18.0  # logical px per line of the decoded numbers under the boxes
DECODED_ALIGN = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


_WRAPPED: Dict[tuple, tuple] = {}


def _wrapped(text: str, font: QFont, width: float) -> tuple:
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # words; a long token anywhere
    layout.setTextOption(option)
    layout.beginLayout()
    pieces = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        pieces.append(text[line.textStart() : line.textStart() + line.textLength()].rstrip())
    layout.endLayout()
    return tuple(p for p in pieces if p) or ("",)


def wrapped(text: str, font: QFont, width: float) -> tuple:
    """``text`` broken into lines no wider than ``width`` in ``font``: at spaces, or anywhere in a long word."""
    key = (text, font.key(), width)
    pieces = _WRAPPED.get(key)
    if pieces is None:
        if len(_WRAPPED) > 256:
            _WRAPPED.clear()
        pieces = _WRAPPED[key] = _wrapped(text, font, width)
    return pieces


@dataclass(frozen=True)
class Colours:
    """Colours for a palette: readable on light and dark backgrounds alike."""

    background: QColor
    text: QColor
    muted: QColor
    box: QColor
    control: QColor
    client: QColor
    server: QColor
    failure: QColor

    @staticmethod
    def for_palette(palette: QPalette) -> Colours:
        bg = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        dark = bg.lightnessF() < 0.5
        muted = _blend(text, bg, 0.7)  # opaque colours: blending translucent fills costs paint time
        box = _blend(text, bg, 0.14 if dark else 0.08)
        if dark:
            return Colours(
                bg, text, muted, box, QColor("#8ab4f8"), QColor("#81c995"), QColor("#fdd663"), QColor("#f28b82")
            )
        return Colours(bg, text, muted, box, QColor("#1a56b0"), QColor("#13723a"), QColor("#a04b00"), QColor("#b3261e"))


def _blend(top: QColor, bottom: QColor, alpha: float) -> QColor:
    return QColor.fromRgbF(
        top.redF() * alpha + bottom.redF() * (1 - alpha),
        top.greenF() * alpha + bottom.greenF() * (1 - alpha),
        top.blueF() * alpha + bottom.blueF() * (1 - alpha),
    )


@dataclass
class Frame:
    """What to paint: a connection, the step shown, and how far its movement has got (0…1)."""

    conn: Optional[sc.ConnectionScene] = None
    serial: int = 0
    t: float = 1.0
    walls: wi.Firewalls = field(default_factory=wi.Firewalls)  # imagined firewalls (what-if), none by default
    now: Optional[float] = None  # monotonic time, to draw what is moving at the newest step (None: a still)
    phase: float = 0.0  # logical px the travelling marks have moved (the view advances it with the rate)


def _font(base: QFont, px: float, *, mono: bool = False, bold: bool = False) -> QFont:
    f = QFont(base)
    if mono:
        f.setFamilies(["DejaVu Sans Mono", "Menlo", "Consolas", "monospace", *base.families()])
        f.setStyleHint(QFont.StyleHint.Monospace)
    f.setPixelSize(round(px))
    f.setBold(bold)
    return f


def kinds_so_far(conn: sc.ConnectionScene, step: sc.Step) -> Set[str]:
    """The step kinds of ``step``'s exchange up to and including ``step``."""
    kinds = {step.kind}
    ex = step.exchange
    if ex is None:
        return kinds
    serial = step.serial - 1
    while serial >= conn.first_serial:
        s = conn.step(serial)
        if s is None or s.exchange is not ex:
            break
        kinds.add(s.kind)
        serial -= 1
    return kinds


def current_exchange(conn: sc.ConnectionScene, step: sc.Step) -> Optional[sc.Exchange]:
    """The exchange to draw at ``step``: its own, or for a control step the latest one before it."""
    if step.exchange is not None:
        return step.exchange
    if step.kind == sc.FALLBACK:
        prev = conn.step(step.serial - 1)
        return prev.exchange if prev is not None else None
    return None


def paint_picture(
    painter: QPainter, rect: QRectF, palette: QPalette, frame: Frame, base_font: QFont, part: str = "all"
) -> None:
    """Draw ``frame`` into ``rect``, scaled uniformly from the logical canvas.

    ``part``: "all"; or "base" (all but the bytes moving now) and "overlay" (only those: the travelling marks
    and their label), so the widget repaints only the overlay, over a cached base, while bytes move."""
    c = Colours.for_palette(palette)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    if part != "overlay":
        painter.fillRect(rect, c.background)
    g = geometry_for(rect.width())
    painter.setTransform(canvas_transform(rect), True)
    pen = _Painter(painter, c, base_font, part, g)
    if part == "overlay":
        pen.overlay(frame)
    else:
        pen.paint(frame)
    painter.restore()


def canvas_transform(rect: QRectF) -> QTransform:
    """From the logical canvas (wide or compact, by ``rect``'s width) to ``rect``: uniform scale, centred."""
    width = geometry_for(rect.width()).width
    scale = min(rect.width() / width, rect.height() / HEIGHT)
    t = QTransform()
    t.translate(rect.x() + (rect.width() - width * scale) / 2, rect.y() + (rect.height() - HEIGHT * scale) / 2)
    t.scale(scale, scale)
    return t


def bytes_band(width: float) -> QRectF:
    """The part of the canvas the bytes-moving overlay paints in (the data lane and its label), for a view
    ``width`` px wide."""
    g = geometry_for(width)
    return QRectF(g.lane_l, DATA_Y - 16, g.lane_r - g.lane_l, 62)


class _Fonts:
    """The picture's fonts and their metrics, made once per base font."""

    def __init__(self, base: QFont) -> None:
        self.label = _font(base, 13)
        self.small = _font(base, 12)
        self.title = _font(base, 15, bold=True)
        self.mono = _font(base, 12, mono=True)
        self.mono_bold = _font(base, 13, mono=True, bold=True)
        self.footer = tuple(_font(base, px) for px in (12, 11, 10))  # a long narration shrinks to fit
        every = (self.label, self.small, self.title, self.mono, self.mono_bold, *self.footer)
        self.metrics = {id(f): QFontMetricsF(f) for f in every}


_FONTS: Dict[str, _Fonts] = {}


def _fonts(base: QFont) -> _Fonts:
    key = base.key()
    fonts = _FONTS.get(key)
    if fonts is None:
        if len(_FONTS) > 8:
            _FONTS.clear()
        fonts = _FONTS[key] = _Fonts(base)
    return fonts


class _Painter:
    def __init__(self, p: QPainter, c: Colours, base: QFont, part: str = "all", g: Optional[Geometry] = None) -> None:
        self.p, self.c, self.part, self.g = p, c, part, g or WIDE
        self.deferred: Optional[list] = None  # a list: the draws that depend on the animation's t are kept there
        f = self.fonts = _fonts(base)
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
        self.p.drawText(QRectF(x, y, w, fm.height() + 2), int(align | Qt.AlignmentFlag.AlignVCenter), text)

    def pill(self, centre: QPointF, text: str, colour: QColor, font: Optional[QFont] = None) -> None:
        font = font or self.mono
        fm = self.fm(font)
        w = min(fm.horizontalAdvance(text) + 14, self.g.lane_r - self.g.lane_l - 40)
        text = fm.elidedText(text, Qt.TextElideMode.ElideRight, w - 12)
        x = max(self.g.lane_l + 20, min(self.g.lane_r - 20 - w, centre.x() - w / 2))  # stays between the boxes
        r = QRectF(x, centre.y() - fm.height() / 2 - 3, w, fm.height() + 6)
        self.p.setPen(QPen(colour, 1.4))
        self.p.setBrush(self.c.background)
        self.p.drawRoundedRect(r, 6, 6)
        self.p.setFont(font)
        self.p.setPen(self.c.text)
        self.p.drawText(r, int(Qt.AlignmentFlag.AlignCenter), text)

    def badge(self, x: float, y: float, port: str, colour: QColor, caption: str = "") -> None:
        """A port number on a box's edge, with an optional caption under it ('listens', 'dials')."""
        fm = self.fm(self.mono_bold)
        w = max(fm.horizontalAdvance(port) + 12, 46)
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
            self.footer(cd.narrate(step), 0.0)
            return
        ex = current_exchange(conn, step)
        kinds = kinds_so_far(conn, step)
        if step.kind == sc.FALLBACK and ex is not None:  # keep the failed attempt in view during the switch
            prev = conn.step(step.serial - 1)
            kinds = kinds_so_far(conn, prev) if prev is not None else kinds
        self.walls = frame.walls
        if self.walls.any and ex is None:  # what-if works on the last real exchange
            exchanges = conn.exchanges()
            ex = exchanges[-1] if exchanges else None
            kinds = {sc.REQUEST, sc.REPLY, sc.TRANSFER, sc.DIAL}
        self.motion = mo.present(conn, step) if frame.now is not None and not self.walls.any else None
        self.frame = frame
        self.header(conn, step, ex)
        self.hosts(conn)
        self.control(conn, step, ex, frame.t)
        if ex is not None:
            self.data(ex, kinds, step, frame.t)
        else:
            self.no_data(conn)
        control_port = conn.server[1] if conn.server else 21
        text = nr.whatif(ex, self.walls, control_port) if self.walls.any and ex is not None else nr.narrate(conn, step)
        self.footer(text, self.decoded_height if ex is not None else 0.0)

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
        for x, name, addr in (
            (self.g.client_x, self.words["client"], conn.client),
            (self.g.server_x, self.words["server"], server or conn.server),
        ):
            r = QRectF(x, BOX_TOP, self.g.box_w, BOX_BOTTOM - BOX_TOP)
            self.p.setPen(QPen(self.c.muted, 1.2))
            self.p.setBrush(self.c.box)
            self.p.drawRoundedRect(r, 10, 10)
            self.elided(x + 10, BOX_TOP + 8, self.g.box_w - 20, name, self.title, self.c.text, centre=True)
            host = addr[0] if addr else ""  # (the client's address is known once it is connected)
            self.elided(x + 8, BOX_TOP + 30, self.g.box_w - 16, host, self.mono, self.c.text, centre=True)
        if conn.proxy is not None:
            self.proxy_box(conn.proxy)

    def proxy_box(self, hop) -> None:
        """The proxy, a hop in the middle of both lanes: the arrows pass through it (drawn over it)."""
        r = proxy_rect(self.g)
        self.p.setPen(QPen(self.c.muted, 1.2, Qt.PenStyle.DashLine))
        self.p.setBrush(self.c.box)
        self.p.drawRoundedRect(r, 8, 8)
        self.elided(r.x() + 4, BOX_TOP + 6, r.width() - 8, pw.box_label(hop), self.small, self.c.text, centre=True)
        # under the data lane's own label: the proxy's address and port
        host, port = hop.address
        self.elided(r.x() + 2, BOX_BOTTOM - 36, r.width() - 4, host, self.small, self.c.text, centre=True)
        self.elided(r.x() + 2, BOX_BOTTOM - 20, r.width() - 4, f":{port}", self.small, self.c.text, centre=True)

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

    def data(self, ex: sc.Exchange, kinds: Set[str], step: sc.Step, t: float) -> None:
        a, b = (
            QPointF(self.g.lane_l + BADGE_GAP, DATA_Y),
            QPointF(self.g.lane_r - BADGE_GAP, DATA_Y),
        )  # arrows end at the badges
        colour = self.c.client if ex.mode == "passive" else self.c.server
        animate = t if step.kind == sc.DIAL else 1.0
        dialling = step.kind == sc.DIAL  # the arrow grows with the animation
        listen_known = ex.planned and (ex.mode == "active" or sc.REPLY in kinds)
        self.elided(
            self.g.lane_l, DATA_Y - 46, self.g.lane_r - self.g.lane_l, self.words["data"], self.small, colour, True
        )
        listener_x, dialer_x = (
            (self.g.lane_r, self.g.lane_l) if ex.mode == "passive" else (self.g.lane_l, self.g.lane_r)
        )
        if ex.proxy is not None and ex.mode == "active":  # SOCKS BIND: the proxy listens, not the client
            listener_x = proxy_rect(self.g).right()
        connected = sc.DIAL in kinds
        failed = sc.FAILED in kinds and ex.failure is not None
        block = wi.blocked(ex, self.walls) if self.walls.any else None
        self.firewalls(block)
        if block is not None:  # what-if: the dial stops at the wall
            start, end = (a, b) if wi.dialer_of(ex) == "client" else (b, a)
            wall_x = self.g.lane_l + self.g.wall_inset if block.wall == "client" else self.g.lane_r - self.g.wall_inset
            stop = QPointF(wall_x + (14 if block.wall == "client" else -14), DATA_Y)
            self.at_t(lambda t: self.arrow(start, stop, self.c.failure, t), animate, dialling)
            self.cross(QPointF(wall_x + (-16 if block.wall == "server" else 16), DATA_Y - 20), self.c.failure)
            connected = failed = False
        elif connected:
            start, end = (a, b) if ex.dialer == "client" else (b, a)
            dashed = sc.CLOSED in kinds
            self.at_t(lambda t: self.arrow(start, end, colour, t, dashed=dashed), animate, dialling)
            if ex.tls:
                self.lock_label(QPointF((self.g.lane_l + self.g.lane_r) / 2, DATA_Y - 62), ex.tls, colour)
            if self.motion is not None and self.motion.kind == "bytes" and self.part == "all":
                self.bytes_moving(ex, colour)
        elif self.motion is not None and self.motion.kind == "dialled":
            # a connect attempt in flight: its arrow grows toward the listener as the timeout nears
            start, end = (a, b) if ex.mode == "passive" else (b, a)
            waited = self.frame.now - ex.dial_from
            self.arrow(start, end, colour, mo.dial_fraction(ex, waited), dashed=True)
            self.elided(
                self.g.lane_l + 10,
                DATA_Y + 22,
                self.g.lane_r - self.g.lane_l - 20,
                mo.dial_label(ex, waited),
                self.label,
                colour,
                True,
            )
        elif failed and ex.failure[0] in ("connect", "accept"):
            start, end = (a, b) if ex.mode == "passive" else (b, a)
            progress = 1.0 if step.kind != sc.FAILED else t
            moves = step.kind == sc.FAILED
            side = FIREWALL_SIDE.get(ex.failure[1])
            if side is not None:  # a (likely) firewall or NAT: the arrow stops at a wall on that side
                self.wall(side, self.c.failure, nr.failed_because(ex.failure[1]))
                wall_x = self.g.lane_l + self.g.wall_inset if side == "client" else self.g.lane_r - self.g.wall_inset
                stop_at = QPointF(wall_x + (14 if side == "client" else -14), DATA_Y)
                self.at_t(
                    lambda t: self.arrow(start, start + (stop_at - start) * t, self.c.failure, 1.0), progress, moves
                )
                self.cross(QPointF(wall_x + (16 if side == "client" else -16), DATA_Y - 20), self.c.failure)
            else:

                def stopped(t: float) -> None:
                    stop = self.arrow(start, end, self.c.failure, 0.55 * t)
                    self.cross(stop + QPointF(14 if ex.mode == "passive" else -14, 0), self.c.failure)

                self.at_t(stopped, progress, moves)
        if listen_known and ex.target is not None:
            self.badge(listener_x, DATA_Y, str(ex.target[1]), colour, self.words["listens"])
        if connected:
            dial_port = ex.local if ex.dialer == "client" else ex.remote
            self.badge(dialer_x, DATA_Y, str(dial_port[1]) if dial_port else "?", colour, self.words["dials"])
        if ex.nat and listen_known and ex.advertised is not None:
            side_x = self.g.server_x + 8 if ex.mode == "passive" else self.g.client_x + 8
            self.elided(
                side_x, DATA_Y + 34, self.g.box_w - 16, self.words["advertised"], self.small, self.c.failure, True
            )
            address = sc.show_address(ex.advertised)
            self.elided(side_x, DATA_Y + 52, self.g.box_w - 16, address, self.mono, self.c.failure, centre=True)
        if failed and FIREWALL_SIDE.get(ex.failure[1]) is None:  # (a wall carries its own label)
            self.elided(
                self.g.lane_l + 10,
                DATA_Y + 22,
                self.g.lane_r - self.g.lane_l - 20,
                nr.failed_because(ex.failure[1]),
                self.label,
                self.c.failure,
                True,
            )
        elif self.motion is not None and self.motion.kind == "bytes" and connected:
            pass  # bytes_moving labels it
        elif sc.CLOSED in kinds and ex.bytes is not None and block is None:
            moved = nr.bytes_moved(ex.bytes)
            moved = f"{moved} →" if ex.upload else f"← {moved}"  # which way the bytes went
            self.elided(
                self.g.lane_l + 10, DATA_Y + 22, self.g.lane_r - self.g.lane_l - 20, moved, self.label, colour, True
            )
        # the decoded numbers, under the boxes: each wrapped whole (a long EPRT argument breaks anywhere)
        y = top = BOX_BOTTOM + 8
        width = self.g.width - 2 * self.g.client_x
        self.p.setFont(self.mono)
        self.p.setPen(self.c.text)
        for line in nr.decode(ex, kinds)[:4]:
            for piece in wrapped(line, self.mono, width):
                self.p.setFont(self.mono)
                self.p.drawText(QRectF(self.g.client_x, y, width, DECODED_LINE), int(DECODED_ALIGN), piece)
                y += DECODED_LINE
        self.decoded_height = y - top

    def overlay(self, frame: Frame) -> None:
        """Only the bytes moving now (over a base painted with ``part="base"``)."""
        conn = frame.conn
        motion = mo.present(conn, conn.step(frame.serial) if conn is not None else None)
        if motion is None or motion.kind != "bytes" or frame.walls.any:
            return
        self.frame = frame
        ex = motion.exchange
        self.bytes_moving(ex, self.c.client if ex.mode == "passive" else self.c.server)

    def bytes_moving(self, ex: sc.Exchange, colour: QColor) -> None:
        """Marks travelling the way the bytes go (to the client for a download or a listing), and the label."""
        a, b = QPointF(self.g.lane_l + BADGE_GAP, DATA_Y), QPointF(self.g.lane_r - BADGE_GAP, DATA_Y)
        start, end = (a, b) if ex.upload else (b, a)
        mo.marks(self.p, start, end, self.frame.phase, colour, self.c.background)
        self.elided(
            self.g.lane_l + 10,
            DATA_Y + 22,
            self.g.lane_r - self.g.lane_l - 20,
            mo.bytes_label(ex),
            self.label,
            colour,
            True,
        )

    def lock_label(self, centre: QPointF, version: str, colour: QColor) -> None:
        """A padlock and the TLS version above an arrow: this connection is encrypted."""
        fm = self.fm(self.small)
        w = fm.horizontalAdvance(version)
        left = centre.x() - (w + 18) / 2
        mo.lock(self.p, QPointF(left + 6, centre.y() + 1), colour, self.c.background)
        self.p.setFont(self.small)
        self.p.setPen(colour)
        self.p.drawText(QRectF(left + 16, centre.y() - 9, w + 4, 18), int(Qt.AlignmentFlag.AlignVCenter), version)

    def firewalls(self, block: Optional[wi.Blocked]) -> None:
        """The imagined firewalls: a wall across the data lane on each side that has one."""
        for side, on in (("client", self.walls.client), ("server", self.walls.server)):
            if on:
                colour = self.c.failure if block is not None and block.wall == side else self.c.muted
                self.wall(side, colour, self.words["client_wall"] if side == "client" else self.words["server_wall"])

    def wall(self, side: str, colour: QColor, label: str) -> None:
        """A wall across the data lane near ``side``'s box, with a label under it."""
        x = self.g.lane_l + self.g.wall_inset if side == "client" else self.g.lane_r - self.g.wall_inset
        self.p.setPen(QPen(colour, 1.5))
        self.p.setBrush(QBrush(colour, Qt.BrushStyle.DiagCrossPattern))
        self.p.drawRect(QRectF(x - 5, DATA_Y - 34, 10, 68))
        width = self.g.lane_r - self.g.lane_l - self.g.wall_inset - 20
        fm = self.fm(self.small)
        label = fm.elidedText(label, Qt.TextElideMode.ElideRight, width)
        left = x - 4 if side == "client" else x + 4 - width
        align = Qt.AlignmentFlag.AlignLeft if side == "client" else Qt.AlignmentFlag.AlignRight
        self.p.setFont(self.small)
        self.p.setPen(colour)
        # on the compact canvas the walls stand closer: the server's label goes a line lower, clear of the client's
        y = DATA_Y + 38 + (16 if side == "server" and self.g is COMPACT else 0)
        self.p.drawText(QRectF(left, y, width, fm.height() + 2), int(align), label)

    def footer(self, text: str, decoded_height: float) -> None:
        """The narration, under the decoded lines (``decoded_height`` logical px of them)."""
        top = BOX_BOTTOM + 8 + decoded_height + 6
        rect = QRectF(self.g.client_x, top, self.g.width - 2 * self.g.client_x, HEIGHT - top - 4)
        self.text(rect, text, self.footer_font(rect, text), self.c.text)

    def footer_font(self, rect: QRectF, text: str) -> QFont:
        """The narration's font: smaller steps until the sentences fit ``rect`` (never cut at the bottom)."""
        flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
        for font in (self.label, *self.fonts.footer):
            if self.fm(font).boundingRect(rect, flags, text).height() <= rect.height():
                return font
        return font
