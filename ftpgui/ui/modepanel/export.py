"""Exporting the exchange: the picture as PNG or SVG, the transcript as text, written atomically.

Rendering uses the painter (GUI thread); the bytes are then plain data that any thread may write, so the
panel writes them off the GUI thread.
"""

from __future__ import annotations

import os
import secrets

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, QStandardPaths
from PySide6.QtGui import QFont, QImage, QPainter, QPalette
from PySide6.QtSvg import QSvgGenerator

from .view import HEIGHT, WIDTH, Frame, paint_picture


def render_png(frame: Frame, palette: QPalette, font: QFont, scale: float = 2.0) -> bytes:
    """The picture as PNG bytes at ``scale`` × the logical canvas."""
    image = QImage(int(WIDTH * scale), int(HEIGHT * scale), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(scale)
    painter = QPainter(image)
    paint_picture(painter, QRectF(0, 0, WIDTH, HEIGHT), palette, frame, font)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError("Qt could not encode the picture as PNG")
    buffer.close()
    return bytes(data.data())


def render_svg(frame: Frame, palette: QPalette, font: QFont, description: str) -> bytes:
    """The picture as SVG bytes (vector: text stays text)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    gen = QSvgGenerator()
    gen.setOutputDevice(buffer)
    gen.setSize(QSize(int(WIDTH), int(HEIGHT)))
    gen.setViewBox(QRectF(0, 0, WIDTH, HEIGHT))
    gen.setTitle("ftpgui")
    gen.setDescription(description)
    painter = QPainter(gen)
    paint_picture(painter, QRectF(0, 0, WIDTH, HEIGHT), palette, frame, font)
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


_last_folder = ""  # where the person last exported to, this run


def suggested_path(kind: str) -> str:
    """Where the Export dialog opens: the folder used last, else Pictures (images) or Documents (text), else
    the home folder; never the app's own working folder."""
    folder = _last_folder if _last_folder and os.path.isdir(_last_folder) else ""
    if not folder:
        where = QStandardPaths.StandardLocation
        wanted = where.DocumentsLocation if kind == "txt" else where.PicturesLocation
        for location in (wanted, where.HomeLocation):
            candidate = QStandardPaths.writableLocation(location)
            if candidate and os.path.isdir(candidate):
                folder = candidate
                break
    return os.path.join(folder or os.path.expanduser("~"), f"ftp-exchange.{kind}")


def remember_folder(path: str) -> None:
    """The next export opens where ``path`` was written."""
    global _last_folder
    _last_folder = os.path.dirname(os.path.abspath(path))
