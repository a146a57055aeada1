"""One transfer, one rate: the queue's row (and with it the status bar's total) says the rate the mode panel
says, over the same window (design note 369; QA: 363.4 KiB/s in the queue and the status bar, 255.5 KiB/s in
the mode panel, for one download from a 256 KiB/s server).

A real pyftpdlib server throttled to 256 KiB/s (``ThrottledDTPHandler``: its bytes in bursts, then a sleep),
the real ``TransferQueue`` and a real ``ModePanel`` fed the queue's events as the window feeds it: after each
batch, the row's rate and the panel's are read."""

from __future__ import annotations

import math
import os

import pytest

from ftpgui.ftp import SessionOptions
from ftpgui.ftp.events import TransferProgress
from ftpgui.ratewindow import RATE_WINDOW
from ftpgui.transfers.items import DONE
from ftpgui.transfers.queue import TransferQueue
from ftpgui.transfers.worker import Endpoint
from ftpgui.ui.modepanel import ModePanel

from ftpserver import PASSWORD, USER
from guihelpers import WAIT

pytestmark = pytest.mark.gui
LIMIT = 256 * 1024


@pytest.mark.parametrize("limited", ["server", "queue"])
def test_the_queue_row_says_the_rate_the_panel_says(qtbot, make_server, tmp_path, monkeypatch, limited):
    """``server``: pyftpdlib's throttle; ``queue``: the queue's own speed limit (note 284), reports every tenth
    of a second."""
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    srv = make_server("127.0.0.1", throttle=LIMIT if limited == "server" else None)
    with open(srv.path("big.bin"), "wb") as f:
        f.write(os.urandom(8 * LIMIT))  # a few bursts
    queue = TransferQueue(str(tmp_path / "config" / "queue.json"))
    if limited == "queue":
        queue.set_speed_limit(LIMIT)
    panel = ModePanel()
    qtbot.addWidget(panel)
    read = []  # (the report's time since the first, the row's rate, the panel's rate) after each batch
    first = []
    try:
        queue.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20), 1)
        queue.download([("/big.bin", False, None)], str(tmp_path))
        (item,) = queue.model.items()

        def arrived(events: list) -> None:
            panel.add_events(events)
            reports = [e for e in events if isinstance(e, TransferProgress)]
            if not reports or item.state == DONE:
                return
            first[:] = first or [reports[0].at]
            conn = panel.scene.connections.get(reports[-1].connection_id)
            ex = conn.current if conn is not None else None
            panel_rate = ex.rate_said if ex is not None else 0.0
            read.append((reports[-1].at - first[0], queue.model.rate(item.id) or 0.0, panel_rate))

        queue.eventsArrived.connect(arrived)
        qtbot.waitUntil(lambda: item.state == DONE, timeout=WAIT * 4)
    finally:
        queue.shutdown()
    shown = [(round(t, 2), round(row / 1024, 1), round(said / 1024, 1)) for t, row, said in read]
    assert any(row for _, row, _ in read), shown
    for t, row, said in read:
        if t < RATE_WINDOW:
            assert not row, f"a rate said {t:.2f} s into the reports: {shown}"
        else:
            assert row and math.isclose(row, said, rel_tol=1e-9), shown
