"""The data lane of the picture: the data connection (who listens, who dials, what failed and where), the
imagined firewalls, the bytes moving, and the decoded numbers under the boxes. A mixin of ``picture._Painter``,
which has the primitives (``elided``, ``arrow``, ``badge``, ``cross``) and the state (``p``, ``c``, ``g``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Set

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
    COMPACT,
    CONTROL_Y,
    DATA_Y,
    DECODED_ALIGN,
    DECODED_LINE,
    proxy_rect,
    wrapped,
)

if TYPE_CHECKING:
    from .picture import Frame


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
        self.elided(
            self.g.lane_l, DATA_Y - 46, self.g.lane_r - self.g.lane_l, self.words["data"], self.small, colour, True
        )
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
        self.firewalls(block)
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
        elif arrow is not None:
            self.failed(arrow, a, b, step, t)
        if listen_known and ex.target is not None:
            self.badge(listener_x, DATA_Y, str(ex.target[1]), colour, self.words["listens"])
        elif arrow is not None and not arrow.seen and arrow.port != "?":  # the port a 425 to PORT/EPRT names
            self.badge(listener_x, DATA_Y, arrow.port, colour, self.words["listens"])
        if connected:
            dial_port = ex.local if ex.dialer == "client" else ex.remote
            self.badge(dialer_x, DATA_Y, str(dial_port[1]) if dial_port else "?", colour, self.words["dials"])
        if ex.nat and listen_known and ex.advertised is not None:
            self.advertised(self.g.server_x if ex.mode == "passive" else self.g.client_x, ex.advertised)
        if failed and (arrow is None or not arrow.wall):  # (a wall carries its own label)
            width = self.g.lane_r - self.g.lane_l - 20  # (whole: in lines, under the lane)
            below = QRectF(self.g.lane_l + 10, DATA_Y + 22, width, BOX_BOTTOM - DATA_Y - 24)
            words = arrow.words if arrow is not None else nr.failed_because(ex.failure[1])
            self.block(below, words, self.fonts.labels, self.c.failure)
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

    def failed(self, arrow: fa.FailedArrow, a: QPointF, b: QPointF, step: sc.Step, t: float) -> None:
        """A data connection that could not be made: its dialler's arrow stopped at the likely wall (or on the way),
        with a cross; one that was not seen to arrive is dashed, its words beside the wall, under the arrow."""
        start, end = (a, b) if arrow.dialer == "client" else (b, a)
        progress = 1.0 if step.kind != sc.FAILED else t
        moves = step.kind == sc.FAILED
        dashed = not arrow.seen
        if not arrow.wall:

            def stopped(t: float) -> None:
                stop = self.arrow(start, end, self.c.failure, 0.55 * t, dashed=dashed)
                self.cross(stop + QPointF(14 if arrow.dialer == "client" else -14, 0), self.c.failure)

            self.at_t(stopped, progress, moves)
            return
        client = arrow.wall == "client"
        self.wall(arrow.wall, self.c.failure, arrow.words if arrow.seen else "")
        wall_x = self.g.lane_l + self.g.wall_inset if client else self.g.lane_r - self.g.wall_inset
        stop_at = QPointF(wall_x + (14 if client else -14), DATA_Y)
        self.at_t(
            lambda t: self.arrow(start, start + (stop_at - start) * t, self.c.failure, 1.0, dashed=dashed),
            progress,
            moves,
        )
        self.cross(QPointF(wall_x + (16 if client else -16), DATA_Y - 20), self.c.failure)
        if not arrow.seen:  # what is known (nothing arrived) and the likely cause, beside the wall under the arrow
            left, right = (wall_x + 10, self.g.lane_r - 10) if client else (self.g.lane_l + 10, wall_x - 10)
            align = (Qt.AlignmentFlag.AlignLeft if client else Qt.AlignmentFlag.AlignRight) | Qt.AlignmentFlag.AlignTop
            rect = QRectF(left, DATA_Y + 8, right - left, BOX_BOTTOM - 2 - (DATA_Y + 8))
            self.block(rect, arrow.words, self.fonts.labels, self.c.failure, align)

    def advertised(self, x: float, address: sc.Address) -> None:
        """The address a reply (or our PORT/EPRT) advertised, whole, in the box at ``x`` under its data port's
        badge; an address too long for there (IPv6) goes above the badge."""
        inner, words = self.g.box_w - 16, self.words["advertised"]
        said = self.fm(self.small).height()
        text = sc.show_address(address)
        below = BOX_BOTTOM - 2 - (DATA_Y + 14)
        font, lines, fits = self.fit(text, self.fonts.monos, inner, below - said, address=True)
        if fits:
            top = DATA_Y + 14
        else:
            room = DATA_Y - 14 - max(CONTROL_Y + 14, self.host_bottom.get(x, 0.0) + 4) - said  # (under the address)
            font, lines, _ = self.fit(text, self.fonts.monos, inner, room, address=True)
            top = DATA_Y - 14 - said - len(lines) * self.fm(font).height()
        self.lines(QPointF(x + 8, top), inner, self.small, (words,), self.c.failure)
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
                words = self.words["client_wall"] if side == "client" else self.words["server_wall"]
                # on the compact canvas the walls stand closer: the server's label goes a line lower, clear of the
                # client's
                self.wall(side, colour, words, lower=side == "server" and self.walls.client and self.g is COMPACT)

    def wall(self, side: str, colour: QColor, label: str, lower: bool = False) -> None:
        """A wall across the data lane near ``side``'s box, with a label under it (if any), whole (wrapped: "failed:
        likely a firewall at the server" is two lines in a narrow dock); ``lower``: a line lower, clear of the other
        wall's."""
        x = self.g.lane_l + self.g.wall_inset if side == "client" else self.g.lane_r - self.g.wall_inset
        self.p.setPen(QPen(colour, 1.5))
        self.p.setBrush(QBrush(colour, Qt.BrushStyle.DiagCrossPattern))
        self.p.drawRect(QRectF(x - 5, DATA_Y - 34, 10, 68))
        if not label:
            return
        width = self.g.lane_r - self.g.lane_l - self.g.wall_inset - 20
        left = x - 4 if side == "client" else x + 4 - width
        align = Qt.AlignmentFlag.AlignLeft if side == "client" else Qt.AlignmentFlag.AlignRight
        y = DATA_Y + 38 + (16 if lower else 0)
        under = QRectF(left, y, width, BOX_BOTTOM - 2 - y)
        self.block(under, label, self.fonts.footer, colour, align | Qt.AlignmentFlag.AlignVCenter)
