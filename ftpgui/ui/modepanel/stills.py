"""A step's animation, frame by frame: the picture without what the animation moves is painted once (a still),
and each frame paints only what moves (an arrow growing, a command travelling), in the band between the boxes.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QPalette

from .canvas import begin
from .picture import CONTROL_Y, DATA_Y, Frame, _Painter, canvas_transform, frame_words, geometry_for
from .readable import fitted, footer_transform


class Moving:
    """What the step's animation moves (an arrow growing, a command travelling), left out of a still painted
    once: ``paint`` draws it at ``t`` over that still, so each animation frame costs a few draws, not a picture."""

    def __init__(self, pen: _Painter, rect: QRectF) -> None:
        self.pen, self.rect = pen, QRectF(rect)
        self.height = pen.height  # the canvas's (``readable.fitted``)

    def paint(self, painter: QPainter, t: float) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setTransform(canvas_transform(self.rect, self.height), True)
        # only inside the band a frame repaints (``ModeView._on_value``): what a frame drew outside it stayed
        # on the screen after the arrow had moved on (a refused connect's cross beside the client, note 388)
        painter.setClipRect(animation_band(self.rect.width()), Qt.ClipOperation.IntersectClip)
        self.pen.p = painter
        for draw in self.pen.deferred or ():
            draw(t)
        painter.restore()


def paint_still(painter: QPainter, rect: QRectF, palette: QPalette, frame: Frame, base_font: QFont) -> Moving:
    """``paint_picture`` without what the step's animation moves; returns that, to be painted at each frame."""
    frame.height = fitted(rect, *frame_words(frame), base_font)
    under = footer_transform(rect, frame.height)  # (the words' own scale, before the canvas's is set)
    under = (under[0] * painter.worldTransform(), under[1])
    c, g = begin(painter, rect, palette, height=frame.height)
    pen = _Painter(painter, c, base_font, "all", g, frame.height, under)
    pen.deferred = []
    pen.paint(frame)
    painter.restore()
    return Moving(pen, rect)


def animation_band(width: float) -> QRectF:
    """The part of the canvas a step's animation moves in (the commands, replies and arrows between the boxes),
    for a view ``width`` px wide."""
    g = geometry_for(width)
    return QRectF(g.lane_l, CONTROL_Y - 48, g.lane_r - g.lane_l, DATA_Y - CONTROL_Y + 72)
