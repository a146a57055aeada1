"""What is moving now, for the picture: bytes on a data connection, a connect attempt waiting for its
timeout, an idle control connection; and the lock of an encrypted connection.

Only the newest step of a connection is "now": a replay or an export shows no motion (``Frame.now`` is
None there). Everything comes from the scene, which has it from the engine's events (``TransferProgress``
about ten times a second, ``DataChannelPlanned.timeout``, ``TlsEstablished``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, List, Optional

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from ftpgui.transfers.model import human_size

from . import scene as sc

translate = QCoreApplication.translate
TICK_MS = 50  # the travelling marks move 20 times a second; their labels change with each progress batch
IDLE_AFTER = 1.0  # seconds without a command, reply or data connection before the control connection looks idle
MARK_SPACING = 26.0  # logical px between two travelling marks
MAX_SPEED = 220.0  # logical px a second, for the fastest transfers


@dataclass(frozen=True)
class Motion:
    """Something in flight at the newest step: ``"bytes"`` moving, a data connection being ``"dialled"``, or
    the control connection (``"control"``: ``dial`` is the attempt)."""

    kind: str
    exchange: Optional[sc.Exchange]
    dial: Optional[sc.Dial] = None


def present(conn: Optional[sc.ConnectionScene], step: Optional[sc.Step]) -> Optional[Motion]:
    """What is in flight at ``step`` when it is its connection's newest step (otherwise None)."""
    if conn is None or step is None or step.serial != conn.last_serial:
        return None
    if step.kind == sc.CONTROL_DIAL:
        return Motion("control", None, step.dial) if step.dial is conn.dialling else None
    ex = conn.current
    if ex is None or step.exchange is not ex or ex.failure is not None:
        return None
    if ex.local is not None:
        return Motion("bytes", ex) if ex.bytes is None else None
    if ex.planned and ex.dial_from is not None:
        return Motion("dialled", ex)
    return None


def idle_at(conn: Optional[sc.ConnectionScene], step: Optional[sc.Step]) -> Optional[float]:
    """When the control connection shown at ``step`` became (or becomes) idle; None when it is not the
    newest step, the connection is closed, or a data connection is in flight."""
    if conn is None or step is None or step.serial != conn.last_serial or not conn.open:
        return None
    if conn.current is not None:
        return None
    return conn.last_at + IDLE_AFTER


def speed(rate: float) -> float:
    """How fast the marks travel (logical px a second) for ``rate`` bytes a second: slow for a trickle,
    faster for each tenfold, never so fast the eye loses them."""
    if rate <= 0:
        return 0.0
    return min(MAX_SPEED, 40.0 * math.log10(1.0 + rate / 256.0))


def bytes_label(ex: sc.Exchange) -> str:
    """ "12.0 MiB of 50.0 MiB · 4.2 MiB/s" while the bytes move."""
    return bytes_lines(ex, lambda _text: True)[0]


def bytes_lines(ex: sc.Exchange, fits: Callable[[str], bool]) -> List[str]:
    """The label while the bytes move, in lines that each ``fits``: on one line when it fits; else the rate on
    a line of its own; else the bytes so far and the total on a line each, the rate dropped (the least needed).
    Never a number cut: the first line is all the bytes so far (a narrow dock in Chinese cut the total in the
    middle: "已传 116.8 MiB，共 15…iB", note 309)."""
    done = human_size(ex.done or 0)
    if ex.rate_said > 0:
        rate = translate("ModePanel", "{rate}/s").format(rate=human_size(ex.rate_said))
    elif ex.rate_so_far > 0:  # the average since the data connection's start, before a whole window (note 340)
        rate = translate("ModePanel", "{rate}/s so far").format(rate=human_size(ex.rate_so_far))
    else:
        rate = ""

    def way(text: str) -> str:
        return f"{text} →" if ex.upload else f"← {text}"  # which way the bytes go

    if ex.total:
        sizes = translate("ModePanel", "{done} of {total}").format(done=done, total=human_size(ex.total))
        apart = [way(done), translate("ModePanel", "of {total}").format(total=human_size(ex.total))]
    else:
        sizes, apart = done, [way(done)]
    whole = way(f"{sizes} · {rate}" if rate else sizes)
    if fits(whole) or not (rate or ex.total):
        return [whole]
    if fits(way(sizes)):
        return [way(sizes), rate] if rate else [way(sizes)]
    return apart


def dial_label(ex, waited: float) -> str:
    """ "connecting… 4 s of 30 s": a connect attempt (an ``Exchange`` or a ``Dial``) waiting for its timeout. An
    active-mode exchange's is the client's wait at its port: "waiting for the server to connect to port 50000…
    4 s of 30 s" — the client cannot see whether the server is dialling (design note 443)."""
    seconds = int(max(0.0, waited))
    if getattr(ex, "mode", "") == "active":
        port = str(ex.target[1]) if getattr(ex, "target", None) is not None else "?"
        if ex.timeout:
            return translate(
                "ModePanel", "waiting for the server to connect to port {port}… {seconds} s of {timeout} s"
            ).format(port=port, seconds=seconds, timeout=f"{ex.timeout:g}")
        return translate("ModePanel", "waiting for the server to connect to port {port}… {seconds} s").format(
            port=port, seconds=seconds
        )
    if ex.timeout:
        return translate("ModePanel", "connecting… {seconds} s of {timeout} s").format(
            seconds=seconds, timeout=f"{ex.timeout:g}"
        )
    return translate("ModePanel", "connecting… {seconds} s").format(seconds=seconds)


def dial_fraction(ex, waited: float) -> float:
    """How far the attempt's arrow has grown toward the listener: its share of the timeout."""
    if not ex.timeout:
        return 0.5
    return max(0.04, min(1.0, waited / ex.timeout))


def idle_word() -> str:
    return translate("ModePanel", "control connection (idle)")


def tls_sentence(version: str) -> str:
    """What encryption changes for firewalls (the TLS step's narration)."""
    return translate(
        "ModePanel",
        "The control connection is now encrypted ({version}): a firewall's FTP helper can no longer read the "
        "client's PORT/EPRT commands or the server's 227/229 replies, so it cannot open data ports by itself.",
    ).format(version=version or "TLS")


def tls_title() -> str:
    return translate("ModePanel", "Encrypted (TLS)")


def marks(p: QPainter, a: QPointF, b: QPointF, phase: float, colour: QColor, background: QColor) -> None:
    """Chevrons travelling from ``a`` to ``b``, ``phase`` px along (the view advances it with the rate)."""
    length = b.x() - a.x()
    direction = 1.0 if length >= 0 else -1.0
    span = abs(length)
    path = QPainterPath()
    d = phase % MARK_SPACING
    while d < span - 8:
        if d > 14:
            x = a.x() + direction * d
            path.moveTo(x - direction * 6, a.y() - 6)
            path.lineTo(x, a.y())
            path.lineTo(x - direction * 6, a.y() + 6)
        d += MARK_SPACING
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(background, 5.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    p.drawPath(path)  # a halo, so the chevrons stand out from the line under them
    p.setPen(QPen(colour, 2.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    p.drawPath(path)


def lock(p: QPainter, centre: QPointF, colour: QColor, background: QColor) -> None:
    """A small padlock: an encrypted connection."""
    body = QRectF(centre.x() - 6, centre.y() - 2, 12, 9)
    p.setPen(QPen(colour, 1.8))
    p.setBrush(Qt.BrushStyle.NoBrush)
    shackle = QPainterPath(QPointF(centre.x() - 3.5, centre.y() - 2))
    shackle.lineTo(centre.x() - 3.5, centre.y() - 5)
    shackle.arcTo(QRectF(centre.x() - 3.5, centre.y() - 8.5, 7, 7), 180, -180)
    shackle.lineTo(centre.x() + 3.5, centre.y() - 2)
    p.drawPath(shackle)
    p.setPen(QPen(background, 1.0))
    p.setBrush(colour)
    p.drawRoundedRect(body, 2, 2)
