"""Exporting the exchange: the picture as PNG or SVG, the transcript as text, written atomically.

Rendering uses the painter (GUI thread); the bytes are then plain data that any thread may write, so the
panel writes them off the GUI thread.
"""

from __future__ import annotations

import os
import secrets
from typing import Optional, Tuple

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QFont, QImage, QPainter, QPalette
from PySide6.QtSvg import QSvgGenerator

from .ladder import export_height, paint_ladder
from .view import HEIGHT, WIDTH, Frame, paint_picture

Ladder = Optional[Tuple[object, list, int]]  # (connection, rows, step shown) from Ladder.rows_for_export()


def _paint(painter: QPainter, frame: Frame, palette: QPalette, font: QFont, ladder: Ladder) -> None:
    """The picture, and under it the ladder of the whole exchange."""
    paint_picture(painter, QRectF(0, 0, WIDTH, HEIGHT), palette, frame, font)
    if ladder is not None:
        conn, rows, at = ladder
        painter.save()
        painter.translate(0, HEIGHT)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_ladder(painter, palette, font, WIDTH, conn, rows, at)
        painter.restore()


def _height(ladder: Ladder) -> float:
    return HEIGHT + (export_height(ladder[1]) if ladder is not None else 0.0)


def render_png(frame: Frame, palette: QPalette, font: QFont, scale: float = 2.0, ladder: Ladder = None) -> bytes:
    """The picture (and the ladder under it) as PNG bytes at ``scale`` × the logical canvas."""
    height = _height(ladder)
    image = QImage(int(WIDTH * scale), int(height * scale), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(scale)
    painter = QPainter(image)
    _paint(painter, frame, palette, font, ladder)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError("Qt could not encode the picture as PNG")
    buffer.close()
    return bytes(data.data())


def render_svg(frame: Frame, palette: QPalette, font: QFont, description: str, ladder: Ladder = None) -> bytes:
    """The picture (and the ladder under it) as SVG bytes (vector: text stays text)."""
    height = _height(ladder)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    gen = QSvgGenerator()
    gen.setOutputDevice(buffer)
    gen.setSize(QSize(int(WIDTH), int(height)))
    gen.setViewBox(QRectF(0, 0, WIDTH, height))
    gen.setTitle("ftpgui")
    gen.setDescription(description)
    painter = QPainter(gen)
    _paint(painter, frame, palette, font, ladder)
    painter.end()
    buffer.close()
    return bytes(data.data())


def write_atomically(path: str, data: bytes) -> None:
    """Write through a temporary file beside ``path`` and rename it: nothing half-written under the name.
    The temporary file is created by ``open`` (ordinary permissions), not ``mkstemp`` (private ones)."""
    folder, name = os.path.split(os.path.abspath(path))
    tmp = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.part")
    try:
        with open(tmp, "xb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
