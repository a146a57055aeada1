"""``ModeView``: the picture as a widget. It animates the current step's arrow (``QVariantAnimation``) and,
at the newest step, what is moving now: bytes on the data connection, a connect attempt growing toward its
timeout. Its timer runs only while the widget is visible and something moves.

Until a connection's first event it shows only that it waits for one (``canvas.paint_waiting``): the picture's
machinery (``picture``, ``motion``, ``narration``, ``stills``) is imported when it is first given a step, or
asked for its ``frame`` — not with the first window.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Optional

from PySide6.QtCore import QEasingCurve, QRect, QRectF, QSize, Qt, QTimer, QVariantAnimation, Signal
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from . import labelwords as lw
from .canvas import (  # the canvas's names, importable from here as before the split
    ABOVE_NARRATION,
    BADGE_GAP,
    BOX_BOTTOM,
    BOX_TOP,
    BOX_W,
    CLIENT_X,
    COMPACT,
    CONTROL_Y,
    DATA_Y,
    HEIGHT,
    LANE_L,
    LANE_R,
    NARRATION_ROOM,
    READABLE_SCALE,
    SERVER_X,
    WALL_INSET,
    WIDTH,
    bytes_band,
    canvas_transform,
    geometry_for,
    paint_waiting,
)

if TYPE_CHECKING:
    from . import scene as sc
    from . import whatif as wi
    from .picture import Frame

__all__ = [
    "BADGE_GAP",
    "BOX_BOTTOM",
    "BOX_TOP",
    "BOX_W",
    "CLIENT_X",
    "CONTROL_Y",
    "DATA_Y",
    "HEIGHT",
    "LANE_L",
    "LANE_R",
    "SERVER_X",
    "WALL_INSET",
    "WIDTH",
    "ModeView",
]
# the picture's, importable from here too (as before the split), loaded when first asked for
PICTURE_NAMES = ("Frame", "current_exchange", "kinds_so_far", "paint_picture")


def __getattr__(name: str) -> Any:
    if name in PICTURE_NAMES:
        from . import picture

        return getattr(picture, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# the compact picture is drawn no larger than this (centred, with room at its sides): taller, it would push the
# timeline, What if and Diagnose below a 768-line screen
MAX_COMPACT_SCALE = 0.78
MIN_WIDTH = 240  # px: the narrowest the picture gets (a 360 px dock leaves it about 330)
FRAME_INTERVAL = 1 / 32  # seconds between animation repaints
DIAL_FRAME = 0.2  # seconds between repaints of a connect attempt waiting for its timeout


class ModeView(QWidget):
    """The animated picture; ``show_step`` moves to a step and animates its arrow."""

    animationFinished = Signal()

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self._frame: Optional[Frame] = None  # (made when first asked for: ``frame``)
        self._anim = QVariantAnimation(self)
        self._anim.setStartValue(0.0)
        self._anim.setEndValue(1.0)
        self._anim.setEasingCurve(QEasingCurve.Type.InOutQuad)
        self._anim.valueChanged.connect(self._on_value)
        self._anim.finished.connect(self.animationFinished)
        self.duration_ms = 900
        self._painted_at = 0.0
        # what moves now (bytes, a connect attempt): a timer that runs only while visible and something moves
        self._motion = QTimer(self)  # (its interval is set as it starts: ``note_activity``)
        self._motion.timeout.connect(self._tick)
        self._ticked_at = 0.0
        self._dial_painted = 0.0
        self._idle = QTimer(self)  # one repaint when the control connection turns idle, not a running timer
        # while bytes move, the picture but them is painted once into a pixmap; a tick repaints the lane only
        self._base: Optional[QPixmap] = None
        self._base_key: tuple = ()
        self._tick_only = False
        # while a step animates, the picture but what moves is painted once too; a frame paints only what moves
        self._still: Optional[QPixmap] = None
        self._still_key: tuple = ()
        self._moving: Any = None  # (a ``stills.Moving``)
        self._frame_only = False
        self._full_pending = False  # a repaint of everything is on its way
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._on_idle)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # every paint covers the whole widget (the picture's background first): the tab page and frame behind it
        # are not painted again for each frame of an animation or each tick of the bytes moving
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(lw.labels()["picture"])

    @property
    def frame(self) -> Frame:
        """What the picture shows: the connection, the step, how far its arrow has got, the imagined walls."""
        if self._frame is None:
            from .picture import Frame

            self._frame = Frame()
        return self._frame

    @frame.setter
    def frame(self, frame: Frame) -> None:
        self._frame = frame

    def sizeHint(self) -> QSize:
        return QSize(int(WIDTH), int(HEIGHT))

    def minimumSizeHint(self) -> QSize:
        # the picture scales down to fit a 360 px dock rather than widening the panel past it
        return QSize(MIN_WIDTH, self.heightForWidth(MIN_WIDTH))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        g = geometry_for(width)
        scale = width / g.width
        if g is COMPACT:  # (just under COMPACT_BELOW, as in 1366×768's default dock, it would be 1.15)
            scale = min(scale, MAX_COMPACT_SCALE)
        if scale < READABLE_SCALE:  # drawn small: the narration's room at a readable size (design note 444)
            return int(max(HEIGHT * scale, ABOVE_NARRATION * scale + NARRATION_ROOM))
        return int(HEIGHT * scale)

    @property
    def animating(self) -> bool:
        return self._anim.state() == QVariantAnimation.State.Running

    def show_step(self, conn: Optional[sc.ConnectionScene], serial: int, animate: bool) -> None:
        """Show ``serial`` of ``conn``; with ``animate``, its arrow moves over ``duration_ms``."""
        self._anim.stop()
        from .picture import Frame

        self.frame = Frame(conn, serial, 0.0 if animate else 1.0, self.frame.walls, phase=self.frame.phase)
        self._describe()
        if animate:
            self._anim.setDuration(max(1, self.duration_ms))
            self._anim.start()
        self.note_activity()
        self.update()

    # --- what moves now -----------------------------------------------------------------------------
    @property
    def moving(self) -> bool:
        """True while the motion timer runs (bytes or a connect attempt shown, and the widget visible)."""
        return self._motion.isActive()

    def note_activity(self) -> None:
        """Something happened on a connection: start or stop the motion timer (cheap; call per event)."""
        frame = self._frame
        if frame is None or frame.conn is None:  # nothing shown yet, or nothing now: nothing moves
            if self._motion.isActive():
                self._motion.stop()
                self.update()
            self._idle.stop()
            return
        from . import motion as mo

        conn = frame.conn
        step = conn.step(frame.serial)
        motion = mo.present(conn, step) if self.isVisible() and not frame.walls.any else None
        moves = motion is not None
        if moves:  # bytes: the marks travel 20 times a second; a connect attempt is looked at 5 times a second
            interval = mo.TICK_MS if motion.kind == "bytes" else int(DIAL_FRAME * 1000)
            if interval != self._motion.interval():
                self._motion.setInterval(interval)
        if moves and not self._motion.isActive():
            self._ticked_at = time.monotonic()
            self._motion.start()
            self.update()
        elif not moves and self._motion.isActive():
            self._motion.stop()
            self.update()
        idle_at = mo.idle_at(conn, step) if self.isVisible() else None
        if idle_at is None:
            if self._idle.isActive():
                self._idle.stop()
        elif not self._idle.isActive():  # (called per event: no timer restart each time; _on_idle looks again)
            wait = idle_at - time.monotonic()
            if wait > 0:
                self._idle.start(int(wait * 1000) + 20)

    def _on_idle(self) -> None:
        self.update()  # the control connection may look idle now
        self.note_activity()  # or, when more happened meanwhile, later

    def _tick(self) -> None:
        from . import motion as mo

        frame = self.frame
        conn = frame.conn
        step = conn.step(frame.serial) if conn is not None else None
        now = time.monotonic()
        motion = mo.present(conn, step)
        if motion is None or not self.isVisible():
            self.note_activity()  # it stopped: the timer stops too
            return
        elapsed, self._ticked_at = now - self._ticked_at, now
        if motion.kind != "bytes":
            # a connect attempt: its arrow grows by a few px a second and its seconds change once a second, so
            # five repaints a second are plenty (the whole picture: a still is not worth keeping for it)
            if now - self._dial_painted >= DIAL_FRAME:
                self._dial_painted = now
                self.update()
            return
        frame.phase += mo.speed(motion.exchange.rate) * elapsed
        self._tick_only = True
        QWidget.update(self, self.tick_band())  # not self.update(): that means "the whole picture changed"

    def tick_band(self) -> QRect:
        """The part of the widget a tick of the bytes moving repaints: all the overlay may paint in."""
        picture = canvas_transform(QRectF(self.rect()), self.frame.height)
        band = bytes_band(self.width(), self.font(), picture.m11())
        return picture.mapRect(band).toAlignedRect().adjusted(-2, -2, 2, 2)

    def update(self, *args) -> None:
        """Repaint; the cached picture is stale (the step, its numbers, the words or the firewalls changed)."""
        self._tick_only = False
        self._frame_only = False
        self._full_pending = True
        super().update(*args)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.note_activity()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._motion.stop()  # no timer runs for a hidden panel
        self._idle.stop()

    def set_walls(self, walls: wi.Firewalls) -> None:
        """Imagine these firewalls on the exchange shown (no traffic is sent)."""
        self.frame.walls = walls
        self._describe()
        self.note_activity()
        self.update()

    def _describe(self) -> None:
        conn, frame = self.frame.conn, self.frame
        step = conn.step(frame.serial) if conn is not None else None
        if conn is None or step is None:
            self.setAccessibleDescription("")
            return
        from . import narration as nr
        from .picture import current_exchange

        ex = current_exchange(conn, step)
        if frame.walls.any:
            exchanges = conn.exchanges()
            ex = ex or (exchanges[-1] if exchanges else None)
        if frame.walls.any and ex is not None:
            self.setAccessibleDescription(nr.whatif(ex, frame.walls, conn.server[1] if conn.server else 21))
        else:
            self.setAccessibleDescription(nr.narrate(conn, step))

    def refresh_words(self) -> None:
        """The step shown changed in place (its bytes began to move, its numbers came): its words and picture."""
        self._describe()
        self.update()

    def finish_animation(self) -> None:
        if self.animating:
            self._anim.stop()
            self.frame.t = 1.0
            self.update()
            self.animationFinished.emit()

    def _on_value(self, value) -> None:
        self.frame.t = float(value)
        now = time.monotonic()
        if now - self._painted_at >= FRAME_INTERVAL or self.frame.t >= 1.0:  # ~30 frames a second is smooth
            self._painted_at = now
            self._tick_only = False
            if self._still is not None and not self._full_pending:
                self._frame_only = True  # only the animation moved: the still painted for this step stays
                from .stills import animation_band

                band = canvas_transform(QRectF(self.rect()), self.frame.height).mapRect(animation_band(self.width()))
                QWidget.update(self, band.toAlignedRect().adjusted(-3, -3, 3, 3))
            else:
                QWidget.update(self)

    def paintEvent(self, event) -> None:
        frame = self._frame
        if frame is None:  # no step given yet: the words that say so, without the picture's machinery
            painter = QPainter(self)
            paint_waiting(painter, QRectF(self.rect()), self.palette(), self.font(), lw.labels()["waiting"])
            painter.end()
            return
        from . import motion as mo
        from .picture import paint_picture
        from .stills import paint_still

        frame.now = time.monotonic()  # the newest step shows what is moving at this moment
        tick_only, self._tick_only = self._tick_only, False
        frame_only, self._frame_only, self._full_pending = self._frame_only, False, False
        rect = QRectF(self.rect())
        painter = QPainter(self)
        if not self._motion.isActive() and self.animating:
            self._base = None
            idle_at = mo.idle_at(frame.conn, frame.conn.step(frame.serial)) if frame.conn is not None else None
            idle = idle_at is not None and frame.now >= idle_at
            ratio = self.devicePixelRatioF()
            key = (self.size(), ratio, id(frame.conn), frame.serial, frame.walls, idle, self.palette().cacheKey())
            if self._still is None or not frame_only or key != self._still_key:
                still = QPixmap(self.size() * ratio)
                still.setDevicePixelRatio(ratio)
                p = QPainter(still)
                self._moving = paint_still(p, rect, self.palette(), frame, self.font())
                p.end()
                self._still, self._still_key = still, key
            painter.setClipRegion(event.region())
            painter.drawPixmap(0, 0, self._still)
            self._moving.paint(painter, frame.t)
            painter.end()
            return
        self._still = self._moving = None
        if not self._motion.isActive():
            self._base = None
            paint_picture(painter, rect, self.palette(), frame, self.font())
            painter.end()
            return
        ratio = self.devicePixelRatioF()
        key = (self.size(), ratio, id(frame.conn), frame.serial, frame.t, frame.walls, self.palette().cacheKey())
        if self._base is None or not tick_only or key != self._base_key:
            base = QPixmap(self.size() * ratio)
            base.setDevicePixelRatio(ratio)
            p = QPainter(base)
            paint_picture(p, rect, self.palette(), frame, self.font(), part="base")
            p.end()
            self._base, self._base_key = base, key
        painter.setClipRegion(event.region())
        painter.drawPixmap(0, 0, self._base)
        paint_picture(painter, rect, self.palette(), frame, self.font(), part="overlay")
        painter.end()
