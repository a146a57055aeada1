"""A transfer the speed limit holds back says so in the queue (design note 270).

Found by QA: with a speed limit of 20 KiB/s and many 20 KB files queued, each active row sat at "100 %" with
State "Waiting for the server's reply" and Rate and Time left blank — while ftpgui itself held the transfer
back: the limiter charges a transfer's bytes after they arrived (``throttle.MeteredSink``) and sleeps on its
connection's thread. Now the limiter tells the queue (``SpeedHeld``) before a wait long enough to see, and the
row's State says "Speed limited" (the words of design note 278), with the transfer's rate, until its
connection's next event.

The queue against pyftpdlib, its model's cells read as the view shows them.
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt

from ftpgui.ftp import SessionOptions
from ftpgui.transfers.items import ACTIVE, DONE
from ftpgui.transfers.model import COL_PROGRESS, COL_RATE, COL_STATE
from ftpgui.transfers.queue import TransferQueue
from ftpgui.transfers.worker import Endpoint

from ftpserver import PASSWORD, USER

pytestmark = pytest.mark.usefixtures("qapp")
LONG = 120_000  # ms: a safety net, not a performance limit
FILES = 6
SIZE = 20_000  # bytes: each file comes in one progress report, then waits for the limit
HELD = "Speed limited"


def cell(q: TransferQueue, row: int, col: int) -> str:
    return q.model.index(row, col).data(Qt.ItemDataRole.DisplayRole) or ""


@pytest.mark.parametrize("limit", [20 << 10, 0])
def test_a_transfer_the_speed_limit_holds_back_says_so_with_its_rate(qtbot, tmp_path, make_server, limit):
    srv = make_server("127.0.0.1")
    for i in range(FILES):
        with open(srv.path(f"f{i}.bin"), "wb") as f:
            f.write(os.urandom(SIZE))
    q = TransferQueue(str(tmp_path / "queue.json"))
    seen = []  # (progress, state, rate) of each active row the model said was held

    def look(*_args) -> None:
        for row, item in enumerate(q.model.items()):
            if item.state == ACTIVE and cell(q, row, COL_STATE) == HELD:
                seen.append((cell(q, row, COL_PROGRESS), cell(q, row, COL_STATE), cell(q, row, COL_RATE)))

    q.model.dataChanged.connect(look)
    try:
        q.set_speed_limit(limit)
        q.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20), 2)
        q.download([(f"/f{i}.bin", False, SIZE) for i in range(FILES)], str(tmp_path))
        if limit:
            qtbot.waitUntil(lambda: bool(seen), timeout=LONG)
        qtbot.waitUntil(q.is_idle, timeout=LONG)
        assert [i.state for i in q.model.items()] == [DONE] * FILES
        assert all(cell(q, row, COL_STATE) != HELD for row in range(FILES))  # (over once each file is done)
    finally:
        q.shutdown()
    if not limit:
        assert seen == []  # no limit: nothing is ever said to hold a transfer back
        return
    # held before its next bytes move (charged before the move: design note 284), no longer at 100 % after them;
    # once some have moved, with the rate it has had (none before its first byte)
    moving = [row for row in seen if row[0] != "0 %"]
    assert moving, seen
    assert all(rate.endswith("/s") for _progress, _state, rate in moving), moving
