"""What the mode panel says of a cancelled upload is true of the server's file (design note 310).

Found by QA against proftpd: the panel said the client stopped STOR "after 145,518,592 bytes", and the server's
file held 145,519,455 (the queue's "the server has 138.8 MiB" was right). An upload's count is the bytes the
server had acknowledged at the last progress report: the server may have more by the time the data connection
ends. The panel says that count as what had reached the server, and the server's size once the session asks
for it (the queue's SIZE after a stopped upload). A real cancelled upload through pyftpdlib, the queue's Cancel;
its events fed to a real panel as the window feeds them.
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QImage
from test_modepanel_bytes_label import connected
from test_modepanel_decoded import Recorder
from test_modepanel_fit import SCREENS, language  # noqa: F401 (language: a fixture)
from test_queue import LONG, queue, site, wait_idle  # noqa: F401 (queue: a fixture)

from ftpgui.ftp.events import (
    CommandSent,
    DataClosed,
    ReplyReceived,
    TransferProgress,
)
from ftpgui.transfers.items import CANCELLED
from ftpgui.ui.modepanel import ModePanel, picture
from ftpgui.ui.modepanel import narration as nr
from ftpgui.ui.modepanel import scene as sc

pytestmark = pytest.mark.gui
WIDTH = 360


def test_the_panel_says_what_the_server_has_of_a_cancelled_upload(qtbot, queue, make_server, tmp_path):  # noqa: F811
    srv = make_server("127.0.0.1", throttle=1 << 20)  # (more than the socket buffers hold: still sending at the cancel)
    data = os.urandom(16 << 20)
    src = tmp_path / "up.bin"
    src.write_bytes(data)
    panel = ModePanel()
    qtbot.addWidget(panel)
    progress = []  # the bytes acknowledged, as the engine reported them

    def heard(events) -> None:
        for e in events:
            panel.add_event(e)
            if isinstance(e, TransferProgress):
                progress.append(e.done)

    queue.eventsArrived.connect(heard)
    site(queue, srv, connections=1)
    queue.upload([str(src)], "/")
    (item,) = queue.model.items()
    qtbot.waitUntil(lambda: item.done > 1 << 20, timeout=LONG)
    queue.cancel([item.id])
    wait_idle(qtbot, queue)
    assert item.state == CANCELLED
    kept = os.path.getsize(srv.path("up.bin"))
    assert item.server_size == kept and 0 < kept < len(data)
    (conn,) = [c for c in panel.scene.connections.values() if any(e.transfer_verb == "STOR" for e in c.exchanges())]
    qtbot.waitUntil(lambda: conn.steps[-1].exchange is None or conn.current is None, timeout=LONG)
    (stor,) = [e for e in conn.exchanges() if e.transfer_verb == "STOR"]
    assert stor.aborted and stor.bytes is not None
    (closed,) = [s for s in conn.steps if s.exchange is stor and s.kind == sc.CLOSED]
    said = nr.narrate(conn, closed)
    # every number it gives is what it says it is
    # the count is the bytes the server had acknowledged, as the engine last reported them (pyftpdlib keeps fewer:
    # it drops what it had not read; proftpd kept more), and the server's file is said as SIZE gave it
    assert f"after the server had acknowledged {stor.bytes:,} bytes" in said, said
    assert stor.bytes == max(progress)
    assert f"The server has {kept:,} bytes of the file" in said, said


def test_the_words_fit_a_360_px_dock(qtbot, language):  # noqa: F811
    """The longer words, and the server's size after them, are drawn whole at 360 px, in English and Chinese."""
    panel = ModePanel()
    qtbot.addWidget(panel)
    for e in (
        *connected("STOR /a-file-with-a-long-name.iso"),
        TransferProgress(3, done=145_518_592, total=300_000_000, at=114.8),
        CommandSent(3, text="ABOR"),
        DataClosed(3, bytes=145_518_592, seconds=14.8),
        ReplyReceived(3, code=426, lines=("426 Transfer aborted",)),
        ReplyReceived(3, code=226, lines=("226 Abort successful",)),
        CommandSent(3, text="NOOP"),
        ReplyReceived(3, code=200, lines=("200 NOOP ok",)),
        CommandSent(3, text="SIZE /a-file-with-a-long-name.iso"),
        ReplyReceived(3, code=213, lines=("213 145519455",)),
    ):
        panel.add_event(e)
    conn = panel.connection
    (closed,) = [s for s in conn.steps if s.kind == sc.CLOSED]
    assert nr.number(145_519_455) in nr.narrate(conn, closed)
    image = QImage(WIDTH, int(WIDTH * picture.HEIGHT / picture.geometry_for(WIDTH).width), QImage.Format.Format_ARGB32)
    painter = Recorder(image)
    frame = picture.Frame(conn, closed.serial)
    picture.paint_picture(painter, QRectF(image.rect()), panel.palette(), frame, panel.font())
    painter.end()
    SCREENS.mkdir(parents=True, exist_ok=True)
    image.save(str(SCREENS / f"modepanel-cancelled-upload-360-{language}.png"))
    text, rect, font = painter.drawn[-1]  # the narration, last
    assert nr.number(145_519_455) in text
    needed = QFontMetricsF(font).boundingRect(rect, int(Qt.TextFlag.TextWordWrap), text)
    assert needed.height() <= rect.height() and rect.bottom() <= frame.height, (language, text)
