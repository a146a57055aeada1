"""The decoded numbers under the picture are drawn whole: a long line wraps (at spaces, a long token such as an
EPRT argument anywhere) instead of being elided in the middle, and the narration goes below the wrapped lines,
still inside the canvas. Checked on the real painting path: every drawText call is recorded."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QPainter
from test_modepanel_fit import SCREENS, language  # noqa: F401  (the fixture: English and Chinese)

from ftpgui.ftp import (
    CommandSent,
    ControlConnected,
    DataChannelPlanned,
    DataClosed,
    DataConnected,
    ReplyReceived,
)
from ftpgui.ui.modepanel import ModePanel, picture
from ftpgui.ui.modepanel import narration as nr

pytestmark = pytest.mark.gui


class Recorder(QPainter):
    """A painter that keeps what drawText was asked to draw, and where (in the canvas's logical units): ``drawn``
    (text, rect, font), ``flags`` (each call's alignment and text flags) and ``boxes`` (the rounded rects: the
    hosts' boxes, the port badges, the pills)."""

    def __init__(self, device) -> None:
        super().__init__(device)
        self.drawn = []
        self.flags = []
        self.boxes = []

    def drawText(self, *args):
        text = next(a for a in args if isinstance(a, str))
        rect = next((QRectF(a) for a in args if isinstance(a, QRectF)), None)
        self.drawn.append((text, rect, QFont(self.font())))
        self.flags.append(next((int(a) for a in args if isinstance(a, (int, Qt.AlignmentFlag))), 0))
        return super().drawText(*args)

    def drawRoundedRect(self, *args):
        self.boxes.append(QRectF(args[0]))
        return super().drawRoundedRect(*args)


def epsv_events(cid=3, command="EPSV", argument="(|||39843|)"):
    target = ("2001:db8:ffff:ffff:ffff:ffff:ffff:1", 39843) if command == "EPRT" else ("192.0.2.1", 39843)
    return [
        ControlConnected(cid, local=("192.0.2.2", 49152), remote=("192.0.2.1", 21)),
        CommandSent(cid, text=f"{command} {argument}" if command == "EPRT" else command),
        ReplyReceived(cid, code=229 if command == "EPSV" else 200, lines=(f"229 Entering ({argument})",)),
        DataChannelPlanned(
            cid,
            mode="passive" if command == "EPSV" else "active",
            command=command,
            argument=argument,
            advertised=target,
            target=target,
        ),
        CommandSent(cid, text="RETR a-file-with-a-rather-long-name-to-make-the-line-long.tar.gz"),
        ReplyReceived(cid, code=150, lines=("150 ok",)),
        DataConnected(cid, local=("192.0.2.2", 50000), remote=target, dialer="client"),
        DataClosed(cid, bytes=2048, seconds=0.5),
        ReplyReceived(cid, code=226, lines=("226 ok",)),
    ]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("command", ["EPSV", "EPRT"])
@pytest.mark.parametrize("width", [360, 480, 720])
def test_decoded_lines_are_drawn_whole(qtbot, language, width, command):  # noqa: F811
    argument = "(|2|2001:db8:ffff:ffff:ffff:ffff:ffff:1|39843|)" if command == "EPRT" else "(|||39843|)"
    panel = ModePanel()
    qtbot.addWidget(panel)
    for e in epsv_events(command=command, argument=argument):
        panel.add_event(e)
    conn = panel.connection
    step = conn.step(conn.last_serial)
    ex = picture.current_exchange(conn, step) or conn.exchanges()[-1]
    decoded = nr.decode(ex, picture.kinds_so_far(conn, step))[:4]
    assert len(decoded) >= 2
    height = int(width * picture.HEIGHT / picture.geometry_for(width).width)
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    painter = Recorder(image)
    frame = picture.Frame(conn, step.serial, 1.0)
    picture.paint_picture(painter, QRectF(image.rect()), panel.palette(), frame, panel.font())
    painter.end()
    texts = [t for t, _, _ in painter.drawn]
    assert not any("…" in t for t in texts), (language, width, [t for t in texts if "…" in t])
    under = [(t, r) for t, r, _ in painter.drawn if r is not None and r.top() >= picture.BOX_BOTTOM]
    drawn_under = _squash("".join(t for t, _ in under))
    for line in decoded:
        assert _squash(line) in drawn_under, (language, width, line, [t for t, _ in under])
    # the narration comes last, below every decoded line, and inside the canvas
    footer_text, footer_rect, footer_font = painter.drawn[-1]
    decoded_bottom = max(r.bottom() for t, r in under[:-1])
    assert footer_rect.top() >= decoded_bottom, (footer_rect, decoded_bottom)
    assert footer_rect.bottom() <= frame.height  # (the canvas: taller for a long narration when small, note 444)
    needed = QFontMetricsF(footer_font).boundingRect(footer_rect, int(Qt.TextFlag.TextWordWrap), footer_text)
    assert needed.height() <= footer_rect.height(), (language, width, footer_text)
    SCREENS.mkdir(parents=True, exist_ok=True)
    image.save(str(SCREENS / f"modepanel-decoded-{command}-{width}-{language}.png"))
