"""Exporting the exchange: the picture as PNG or SVG, the transcript as text, written atomically.

The transcript is in the person's language, line by line, as the message log is: commands and replies as
they were (passwords masked), every other line in words, then the narrated steps.

Rendering uses the painter (GUI thread); the bytes are then plain data that any thread may write, so the
panel writes them off the GUI thread. The panel's Export menu is ``exportmenu``'s, which imports this module
when the first export is asked for.
"""

from __future__ import annotations

import os
from typing import Optional, Tuple

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QRectF, QSize, QStandardPaths
from PySide6.QtGui import QFont, QImage, QPainter, QPalette

from ftpgui.ftp.events import (
    CommandSent,
    ControlClosed,
    ControlConnected,
    ControlConnectFailed,
    ControlConnecting,
    DataChannelPlanned,
    DataClosed,
    DataConnected,
    DataFailed,
    Event,
    ModeFallback,
    ProxyHop,
    ReplyReceived,
    TlsEstablished,
    TransferStopped,
)
from ftpgui.ftp.safetext import mask_command, shown

from . import controldial
from . import narration as nr
from . import scene as sc
from .ladderpaint import export_height, paint_ladder
from .view import HEIGHT, WIDTH, Frame, paint_picture

Ladder = Optional[Tuple[object, list, int]]  # (connection, rows, step shown) from Ladder.rows_for_export()

translate = QCoreApplication.translate


def transcript_of(conn: sc.ConnectionScene) -> str:
    """Commands and replies of ``conn`` (passwords masked), then its narrated steps, in the person's language."""
    lines = [transcript_line(e) for e in conn.transcript]
    lines += ["", translate("ModePanel", "Steps:")]
    lines += [f"{step.serial}. {nr.narrate(conn, step)}" for step in conn.steps]
    return "\n".join(lines) + "\n"


def transcript_line(e: Event) -> str:
    """One event as a transcript line: "> " a command, "< " a reply, "-- " what happened, in words."""
    if isinstance(e, CommandSent):
        return "> " + shown(mask_command(e.text))
    if isinstance(e, ReplyReceived):
        said = "< " + nr.unasked_words() + " " if e.unasked else "< "  # (a stray reply: note 426)
        return said + f"\n{said}".join(shown(line) for line in e.lines)
    show = sc.show_address
    if isinstance(e, DataConnected):
        who = translate("ModePanel", "the client") if e.dialer == "client" else translate("ModePanel", "the server")
        text = translate("ModePanel", "data connection {client} ↔ {server} (dialled by {who})").format(
            client=show(e.local), server=show(e.remote), who=who
        )
        text = _through(text, e.proxy)
    elif isinstance(e, DataClosed):
        if e.bytes == 1:
            text = translate("ModePanel", "data connection closed: 1 byte in {seconds} s")
        else:
            text = translate("ModePanel", "data connection closed: {bytes} bytes in {seconds} s")
        text = text.format(bytes=nr.number(e.bytes), seconds=nr.seconds(e.seconds))
    elif isinstance(e, DataFailed):
        text = translate("ModePanel", "data connection failed at the “{stage}” stage ({cause}): {detail}").format(
            stage=nr.stage_name(e.stage), cause=nr.cause_name(e.cause), detail=nr.engine_words(e)
        )
    elif isinstance(e, TransferStopped):
        text = translate("ModePanel", "the client stops the transfer, not for a cancel: {reason}").format(
            reason=nr.engine_words(e)
        )
    elif isinstance(e, ModeFallback):
        text = translate("ModePanel", "{title} ({cause})").format(
            title=nr.fallback_title(e.from_mode, e.to_mode), cause=nr.cause_name(e.cause)
        )
    elif isinstance(e, ControlConnected) and e.proxy is not None:
        text = translate("ModePanel", "control connection {client} → {server} through the proxy {proxy}").format(
            client=show(e.local), server=show(e.remote), proxy=show(e.proxy.address)
        )
    elif isinstance(e, ControlConnected):
        text = translate("ModePanel", "control connection {client} → {server}").format(
            client=show(e.local), server=show(e.remote)
        )
    elif isinstance(e, ControlClosed):
        text = translate("ModePanel", "control connection closed ({reason})").format(reason=nr.close_reason(e.reason))
    elif isinstance(e, ControlConnecting):
        text = translate("ModePanel", "connecting to {server}").format(server=show(e.remote))
    elif isinstance(e, ControlConnectFailed):
        dial = sc.Dial(e.remote, None, e.at, e.cause, e.detail, e.errno)
        text = translate("ModePanel", "connecting to {server} failed: {reason}").format(
            server=show(e.remote), reason=controldial.reason(dial)
        )
    elif isinstance(e, DataChannelPlanned):
        if e.command.upper() == "EPSV":  # its reply names a port, and no address
            text = translate(
                "ModePanel",
                "{mode}: {command} {argument}, port {port} on the control connection's address, used {target}",
            ).format(
                mode=nr.mode_name(e.mode),
                command=e.command,
                argument=e.argument,
                port=e.advertised[1],
                target=show(e.target),
            )
        else:
            text = translate(
                "ModePanel", "{mode}: {command} {argument}, advertised {advertised}, used {target}"
            ).format(
                mode=nr.mode_name(e.mode),
                command=e.command,
                argument=e.argument,
                advertised=show(e.advertised),
                target=show(e.target),
            )
        text = _through(text, e.proxy)
    elif isinstance(e, TlsEstablished):
        if e.channel == "control":
            text = translate("ModePanel", "TLS on the control connection: {version}, {cipher}")
        else:
            text = translate("ModePanel", "TLS on a data connection: {version}, {cipher}")
        text = text.format(version=shown(e.version), cipher=shown(e.cipher))
    else:
        text = type(e).__name__
    return "-- " + text


def _through(text: str, hop: Optional[ProxyHop]) -> str:
    """A data connection's line, with the proxy it went through (SOCKS BIND, CONNECT), if any."""
    if hop is None:
        return text
    return translate("ModePanel", "{line}, through the proxy {proxy}").format(
        line=text, proxy=sc.show_address(hop.address)
    )


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


def _height(ladder: Ladder, palette: QPalette, font: QFont) -> float:
    return HEIGHT + (export_height(ladder[0], ladder[1], palette, font, WIDTH) if ladder is not None else 0.0)


def render_png(frame: Frame, palette: QPalette, font: QFont, scale: float = 2.0, ladder: Ladder = None) -> bytes:
    """The picture (and the ladder under it) as PNG bytes at ``scale`` × the logical canvas."""
    height = _height(ladder, palette, font)
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
    return _svg(
        _height(ladder, palette, font), description, lambda painter: _paint(painter, frame, palette, font, ladder)
    )


def render_ladder_svg(palette: QPalette, font: QFont, description: str, ladder: Tuple[object, list, int]) -> bytes:
    """The ladder alone (the connection, its rows, the step marked) as SVG bytes."""

    def paint(painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        conn, rows, at = ladder
        paint_ladder(painter, palette, font, WIDTH, conn, rows, at)

    return _svg(export_height(ladder[0], ladder[1], palette, font, WIDTH), description, paint)


def _svg(height: float, description: str, paint) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    from PySide6.QtSvg import QSvgGenerator  # Qt's SVG library loads when a picture is exported, not at start-up

    gen = QSvgGenerator()
    gen.setOutputDevice(buffer)
    gen.setSize(QSize(int(WIDTH), int(height)))
    gen.setViewBox(QRectF(0, 0, WIDTH, height))
    gen.setTitle("ftpgui")
    gen.setDescription(description)
    painter = QPainter(gen)
    paint(painter)
    painter.end()
    buffer.close()
    return bytes(data.data())


def write_atomically(path: str, data: bytes) -> None:
    """Write through a temporary file beside ``path`` and rename it: nothing half-written under the name.
    The temporary file is created by ``open`` (ordinary permissions), not ``mkstemp`` (private ones)."""
    import secrets

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
