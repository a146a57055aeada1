"""The data lane of the picture: the data connection (who listens, who dials, what failed and where), the
imagined firewalls, the bytes moving, and the decoded numbers under the boxes. A mixin of ``picture._Painter``,
which has the primitives (``elided``, ``arrow``, ``badge``, ``cross``) and the state (``p``, ``c``, ``g``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Optional, Set, Tuple

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen

from . import failedarrow as fa
from . import motion as mo
from . import narration as nr
from . import scene as sc
from . import whatif as wi
from .canvas import (
    BADGE_GAP,
    BOX_BOTTOM,
    CONTROL_Y,
    DATA_Y,
    proxy_rect,
)
from .wrapping import wrapped

if TYPE_CHECKING:
    from .picture import Frame


REFUSED_SHORT = 46.0  # logical px: a refused arrow's tip stops this far short of the port's end of the lane
REFUSED_MARK = 22.0  # and the refusal's cross stands this far short of it: between the tip and the port


def refused_stop(start: QPointF, end: QPointF) -> Tuple[QPointF, QPointF]:
    """(the arrow's tip, the refusal's cross) of a refused connect from ``start`` toward the port at ``end``: the
    tip short of the port, the cross between them — a refusal (a TCP reset or an ICMP "unreachable") may come
    from a router or a firewall on the way, so the picture never claims the attempt reached the port (note 446)."""
    towards = 1.0 if end.x() > start.x() else -1.0
    return end - QPointF(REFUSED_SHORT * towards, 0), end - QPointF(REFUSED_MARK * towards, 0)


class DataLane:
    """The data connection's half of the picture."""

    def data(self, ex: sc.Exchange, kinds: Set[str], step: sc.Step, t: float) -> None:
        a, b = (
            QPointF(self.g.lane_l + BADGE_GAP, DATA_Y),
            QPointF(self.g.lane_r - BADGE_GAP, DATA_Y),
        )  # arrows end at the badges
        colour = self.c.client if ex.mode == "passive" else self.c.server
        animate = t if step.kind == sc.DIAL else 1.0
        dialling = step.kind == sc.DIAL  # the arrow grows with the animation
        listen_known = ex.planned and (ex.mode == "active" or sc.REPLY in kinds)
        listener_x, dialer_x = (
            (self.g.lane_r, self.g.lane_l) if ex.mode == "passive" else (self.g.lane_l, self.g.lane_r)
        )
        proxied = ex.proxy is not None or (not ex.planned and self.frame.conn.proxy is not None)
        if proxied and ex.mode == "active":  # SOCKS BIND: the proxy listens, not the client
            listener_x = proxy_rect(self.g).right()
        connected = sc.DIAL in kinds
        failed = sc.FAILED in kinds and ex.failure is not None
        arrow = fa.failed_arrow(ex) if failed else None  # (None: it failed at another stage)
        block = wi.blocked(ex, self.walls) if self.walls.any else None
        walls = self.firewalls(block)  # (their labels last, where the real failure's words are not)
        crossed = block.wall if block is not None else (arrow.wall if arrow is not None and not arrow.refused else "")
        self.taken = [self.lane_label(colour, crossed)]  # the lane's labels drawn so far: walls' labels go elsewhere
        if block is not None:  # what-if: the dial stops at the wall
            start, end = (a, b) if wi.dialer_of(ex) == "client" else (b, a)
            wall_x = self.g.lane_l + self.g.wall_inset if block.wall == "client" else self.g.lane_r - self.g.wall_inset
            stop = QPointF(wall_x + (14 if block.wall == "client" else -14), DATA_Y)
            self.at_t(lambda t: self.arrow(start, stop, self.c.failure, t), animate, dialling)
            self.cross(QPointF(wall_x + (-16 if block.wall == "server" else 16), DATA_Y - 20), self.c.failure)
            connected = failed = False
            arrow = None
        elif connected:
            start, end = (a, b) if ex.dialer == "client" else (b, a)
            dashed = sc.CLOSED in kinds
            self.at_t(lambda t: self.arrow(start, end, colour, t, dashed=dashed), animate, dialling)
            if ex.tls:
                self.lock_label(QPointF((self.g.lane_l + self.g.lane_r) / 2, DATA_Y - 62), ex.tls, colour)
            if self.motion is not None and self.motion.kind == "bytes" and self.part == "all":
                self.bytes_moving(ex, colour)
        elif self.motion is not None and self.motion.kind == "dialled":
            waited = self.frame.now - ex.dial_from
            if ex.mode == "passive":  # our own connect attempt: its arrow grows toward the port as the timeout nears
                self.arrow(a, b, colour, mo.dial_fraction(ex, waited), dashed=True)
            # active mode: the client only waits at its port — whether the server dials is not known, so no arrow
            # from it is drawn; the seconds are the client's own wait (design note 443)
            width = self.g.lane_r - self.g.lane_l - 20
            below = QRectF(self.g.lane_l + 10, DATA_Y + 22, width, BOX_BOTTOM - DATA_Y - 24)
            self.taken.append(self.block(below, mo.dial_label(ex, waited), self.fonts.labels, colour))
        elif arrow is not None:
            self.failed(arrow, a, b)
        captioned = False  # a "listens" caption under the listener's badge, over the lane's words' first line
        if listen_known and ex.target is not None and arrow is not None and arrow.dialer == "client":
            # passive, our connect to the port the server named failed: it is not known to listen there (refused:
            # nothing may), so the port is drawn as named, in a neutral colour, without "listens" (design note 482)
            self.badge(listener_x, DATA_Y, str(ex.target[1]), self.c.muted)
        elif listen_known and ex.target is not None:
            self.badge(listener_x, DATA_Y, str(ex.target[1]), colour, self.words["listens"])
            captioned = True
        elif arrow is not None and not arrow.seen and arrow.port != "?":  # the port a 425 to PORT/EPRT names
            self.badge(listener_x, DATA_Y, arrow.port, colour, self.words["listens"])
            captioned = True
        if connected:
            dial_port = ex.local if ex.dialer == "client" else ex.remote
            self.badge(dialer_x, DATA_Y, str(dial_port[1]) if dial_port else "?", colour, self.words["dials"])
        if ex.nat and listen_known and ex.advertised is not None:
            passive = ex.mode == "passive"  # (a 227's address is not dialled: "not used", never "advertised")
            words = self.words["not_used" if passive else "advertised"]
            self.advertised(self.g.server_x if passive else self.g.client_x, ex.advertised, words)
        if failed and (arrow is None or not arrow.wall):  # (a wall carries its own label)
            width = self.g.lane_r - self.g.lane_l - 20  # (whole: in lines, under the lane)
            # under the "listens" caption where one is drawn (an active refusal's words touched it: note 482)
            top = DATA_Y + 22
            if captioned and arrow is not None:  # (its ink: a CJK fallback's glyphs stand taller than the font's line)
                flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                caption = QRectF(0, DATA_Y + 7, 110, 18)  # (where ``badge`` draws it)
                top = max(top, self.fm(self.small).boundingRect(caption, flags, self.words["listens"]).bottom() + 4)
            below = QRectF(self.g.lane_l + 10, top, width, BOX_BOTTOM - 2 - top)
            words = arrow.words if arrow is not None else nr.failed_because(ex.failure[1])
            self.taken.append(self.block(below, words, self.fonts.labels, self.c.failure))
        elif self.motion is not None and self.motion.kind == "bytes" and connected:
            pass  # bytes_moving labels it
        elif sc.CLOSED in kinds and ex.bytes is not None and block is None:
            moved = nr.bytes_moved(ex.bytes)
            moved = f"{moved} →" if ex.upload else f"← {moved}"  # which way the bytes went
            self.taken.append(
                self.elided(
                    self.g.lane_l + 10, DATA_Y + 22, self.g.lane_r - self.g.lane_l - 20, moved, self.label, colour, True
                )
            )
        for side, wall_colour, words in walls:
            self.wall_label(side, wall_colour, words)
        # the decoded numbers, under the boxes: drawn with the narration, in the words' own scale (``words_under``)
        self.decoded = nr.decode(ex, kinds)[:5]  # (at most 5: a refused EPSV, PASV, 227, the address dialled, RETR)

    def failed(self, arrow: fa.FailedArrow, a: QPointF, b: QPointF) -> None:
        """A data connection that could not be made: its dialler's arrow, whole in every frame, to where the attempt
        ended — short of the port, for one refused (the refusal may come from a router or a firewall on the way:
        the cross between the arrow's tip and the port, note 446), the likely wall, else on the way — with one
        cross there; one that was not seen to arrive is dashed, its words beside the wall, under the arrow. (Grown
        with the step's animation, the cross rode on the arrow's tip: as a refused reconnect's did before note 388
        — design note 391.)"""
        start, end = (a, b) if arrow.dialer == "client" else (b, a)
        dashed = not arrow.seen
        towards = 1.0 if end.x() > start.x() else -1.0
        if arrow.refused:
            tip, mark = refused_stop(start, end)
            self.arrow(start, tip, self.c.failure, 1.0, dashed=dashed)
            self.cross(mark, self.c.failure)
            return
        if not arrow.wall:
            stop = self.arrow(start, end, self.c.failure, 0.55, dashed=dashed)
            self.cross(stop + QPointF(14 * towards, 0), self.c.failure)  # on the way: just past the arrow's tip
            return
        client = arrow.wall == "client"
        self.wall(arrow.wall, self.c.failure)
        if arrow.seen:
            self.wall_label(arrow.wall, self.c.failure, arrow.words)
        wall_x = self.g.lane_l + self.g.wall_inset if client else self.g.lane_r - self.g.wall_inset
        self.arrow(start, QPointF(wall_x + (14 if client else -14), DATA_Y), self.c.failure, 1.0, dashed=dashed)
        self.cross(QPointF(wall_x + (16 if client else -16), DATA_Y - 20), self.c.failure)
        if not arrow.seen:  # what is known (nothing arrived) and the likely cause, beside the wall under the arrow
            left, right = (wall_x + 10, self.g.lane_r - 10) if client else (self.g.lane_l + 10, wall_x - 10)
            align = (Qt.AlignmentFlag.AlignLeft if client else Qt.AlignmentFlag.AlignRight) | Qt.AlignmentFlag.AlignTop
            rect = QRectF(left, DATA_Y + 8, right - left, BOX_BOTTOM - 2 - (DATA_Y + 8))
            self.taken.append(self.block(rect, arrow.words, self.fonts.labels, self.c.failure, align))

    def advertised(self, x: float, address: sc.Address, words: str) -> None:
        """The address a reply (or our PORT/EPRT) advertised, whole, in the box at ``x`` under its data port's
        badge, under ``words``; an address too long for there (IPv6) goes above the badge."""
        inner = self.g.box_w - 16
        said_lines = wrapped(words, self.small, inner)  # ("not dialled": two lines where the font is raised)
        said = len(said_lines) * self.fm(self.small).height()
        text = sc.show_address(address)
        below = BOX_BOTTOM - 2 - (DATA_Y + 14)
        font, lines, fits = self.fit(text, self.fonts.monos, inner, below - said, address=True)
        if fits:
            top = DATA_Y + 14
        else:
            room = DATA_Y - 14 - max(CONTROL_Y + 14, self.host_bottom.get(x, 0.0) + 4) - said  # (under the address)
            font, lines, _ = self.fit(text, self.fonts.monos, inner, room, address=True)
            top = DATA_Y - 14 - said - len(lines) * self.fm(font).height()
        self.lines(QPointF(x + 8, top), inner, self.small, said_lines, self.c.failure)
        self.lines(QPointF(x + 8, top + said), inner, font, lines, self.c.failure)

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
        width = self.g.lane_r - self.g.lane_l - 20
        fm = self.fm(self.label)
        lines = mo.bytes_lines(ex, lambda text: fm.horizontalAdvance(text) <= width)
        self.lines(QPointF(self.g.lane_l + 10, DATA_Y + 22), width, self.label, lines, colour)

    def lock_label(self, centre: QPointF, version: str, colour: QColor) -> None:
        """A padlock and the TLS version above an arrow: this connection is encrypted."""
        fm = self.fm(self.small)
        w = fm.horizontalAdvance(version)
        left = centre.x() - (w + 18) / 2
        mo.lock(self.p, QPointF(left + 6, centre.y() + 1), colour, self.c.background)
        self.p.setFont(self.small)
        self.p.setPen(colour)
        self.p.drawText(QRectF(left + 16, centre.y() - 9, w + 4, 18), int(Qt.AlignmentFlag.AlignVCenter), version)

    def firewalls(self, block: Optional[wi.Blocked]) -> List[Tuple[str, QColor, str]]:
        """The imagined firewalls: a wall across the data lane on each side that has one; returns their labels
        (side, colour, words), drawn last (``wall_label``)."""
        labels = []
        for side, on in (("client", self.walls.client), ("server", self.walls.server)):
            if on:
                colour = self.c.failure if block is not None and block.wall == side else self.c.muted
                self.wall(side, colour)
                labels.append(
                    (side, colour, self.words["client_wall"] if side == "client" else self.words["server_wall"])
                )
        return labels

    def lane_label(self, colour: QColor, crossed: str) -> QRectF:
        """The lane's name ("data connection") above it, in the middle: of the lane, or of its part away from the
        cross a stopped dial draws before ``crossed``'s wall, which stood on its last letters (note 489)."""
        left, right, words = self.g.lane_l, self.g.lane_r, self.words["data"]
        if crossed == "server":
            right = self.wall_x("server") - 26
        elif crossed == "client":
            left = self.wall_x("client") + 26
        if self.fm(self.small).horizontalAdvance(words) > right - left:  # (no room beside the cross: as before)
            left, right = self.g.lane_l, self.g.lane_r
        return self.elided(left, DATA_Y - 46, right - left, words, self.small, colour, True)

    def wall_x(self, side: str) -> float:
        return self.g.lane_l + self.g.wall_inset if side == "client" else self.g.lane_r - self.g.wall_inset

    def wall(self, side: str, colour: QColor) -> None:
        """A wall across the data lane near ``side``'s box."""
        x = self.wall_x(side)
        self.p.setPen(QPen(colour, 1.5))
        self.p.setBrush(QBrush(colour, Qt.BrushStyle.DiagCrossPattern))
        self.p.drawRect(QRectF(x - 5, DATA_Y - 34, 10, 68))

    def _wall_place(self, label: str, fonts, room: QRectF, above: bool) -> tuple:
        """(rect, font, lines, fits): ``label`` wrapped in ``room`` in the first of ``fonts`` that fits; above the
        lane its lines stand on what is under them."""
        font, lines, fits = self.fit(label, fonts, room.width(), room.height())
        if above:
            room = QRectF(room.left(), room.bottom() - len(lines) * self.fm(font).height(), room.width(), 0)
        return room, font, lines, fits

    def wall_label(self, side: str, colour: QColor, label: str) -> None:
        """A wall's label, whole (wrapped: "failed: likely a firewall at the server" is two lines in a narrow
        dock), clear of every label drawn in the lane before it (``taken``): under the wall, else lower, else above
        the lane (a real failure's wall and an imagined one stand in the same place, and their words were drawn
        over each other - QA)."""
        x = self.wall_x(side)
        width = self.g.lane_r - self.g.lane_l - self.g.wall_inset - 20
        left = x - 4 if side == "client" else x + 4 - width
        align = (
            Qt.AlignmentFlag.AlignLeft if side == "client" else Qt.AlignmentFlag.AlignRight
        ) | Qt.AlignmentFlag.AlignTop
        top_room = CONTROL_Y + 16 + self.fm(self.small).height()  # (under the control connection's caption)
        tops = [DATA_Y + 38, *sorted(r.bottom() + 2 for r in self.taken if r.bottom() > DATA_Y)]
        places = [QRectF(left, y, width, BOX_BOTTOM - 2 - y) for y in tops if y < BOX_BOTTOM - 12]
        # or beside the wall, under the arrow: two lines of a raised font where under the wall holds one (note 489)
        beside = width - 12
        places.insert(
            1, QRectF(x + 8 if side == "client" else x - 8 - beside, DATA_Y + 10, beside, BOX_BOTTOM - 12 - DATA_Y)
        )
        # else above the lane's "data connection" label, or above the labels already there
        bottoms = [DATA_Y - 48, *sorted((r.top() - 2 for r in self.taken if r.bottom() <= DATA_Y - 46), reverse=True)]
        # (above the lane nothing stands beside the wall: the lane's whole width, so a raised font takes one line)
        wide, wide_left = self.g.lane_r - self.g.lane_l - 20, self.g.lane_l + 10
        above = [QRectF(wide_left, top_room, wide, y - top_room) for y in bottoms if y - top_room > 10]
        # in a font read on the screen wherever one fits (the footer's 12 px were 7.7 px in a 360 px dock: note
        # 489), else in the smaller steps, as before
        for rect, font, lines, fits in (
            self._wall_place(label, fonts, room, room in above)
            for fonts in (self.fonts.readable, self.fonts.footer)
            for room in places + above
        ):
            ink = self.ink(rect, font, lines, align)
            if fits and not any(ink.intersects(r) for r in self.taken):
                break
        self.lines(rect.topLeft(), rect.width(), font, lines, colour, align)
        self.taken.append(ink)
