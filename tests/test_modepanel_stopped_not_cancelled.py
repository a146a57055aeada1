"""A download the client stopped for its own reason — the local disk full — is not told as a cancel in the mode
panel (design note 269).

Found by QA: a download into a full local disk failed "Disk full", and the Picture said "The client stopped RETR
(ABOR, a cancel) after 303,616 bytes". Nobody had cancelled: the engine sends ABOR as well when a local file
cannot be written (or too much came, or the data stalled). Now the engine says why first (``TransferStopped``),
and the panel says that reason, in the engine's words, not "a cancel".

The real window against pyftpdlib (no SIZE: the disk fills up during the download), a real 1 MiB tmpfs, the
remote pane's Download; the panel fed by the transfer connection's own events; in English, then in Chinese.
"""

from __future__ import annotations

import os

import pytest
from test_exists_choice_gui import download

from ftpgui.transfers.items import FAILED
from ftpgui.ui.modepanel import connections as cl
from ftpgui.ui.modepanel import scene as sc
from ftpgui.ui.modepanel.export import transcript_of

from guihelpers import WAIT, quick_connect, wait_listing

pytestmark = pytest.mark.gui
LONG = 120_000  # ms: a safety net on a loaded machine, not a performance limit
SIZE = 600_000  # bytes: it fits on the 1 MiB disk
THROTTLE = 100_000  # bytes a second: time to fill the disk while it comes


def fill(path) -> None:
    """Write ``path`` until its disk is full."""
    with open(path, "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 4096)
        except OSError:
            pass


def test_a_download_into_a_full_disk_is_not_said_to_be_cancelled(qtbot, window, make_server, tiny_disk, request):
    srv = make_server("127.0.0.1", throttle=THROTTLE)
    with open(srv.path("big.bin"), "wb") as f:
        f.write(os.urandom(SIZE))
    w = window
    panel = w.mode_panel
    panel.set_follow(cl.FOLLOW_TRANSFERS)
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    download(qtbot, w, tiny_disk, ["big.bin"])  # (the disk has room for it when it starts)
    qtbot.waitUntil(lambda: len(w.queue.model.items()) == 1, timeout=WAIT)
    (item,) = w.queue.model.items()
    qtbot.waitUntil(lambda: item.done > 100_000, timeout=LONG)
    fill(tiny_disk / "other.bin")  # as another download did, in QA's case: the disk is full before it ends
    qtbot.waitUntil(lambda: item.state == FAILED, timeout=LONG)
    assert item.error.startswith("Disk full"), item.error

    (cid,) = {c.connection_id for c in w.queue.connections()}
    conn = panel.scene.connections[cid]
    retrs = lambda: [e for e in conn.exchanges() if e.transfer_verb == "RETR"]  # noqa: E731
    qtbot.waitUntil(lambda: len(retrs()) == 1 and retrs()[0].aborted and retrs()[0].bytes is not None, timeout=WAIT)
    (ex,) = retrs()
    assert 0 < ex.bytes < SIZE
    (closed,) = [s for s in conn.steps if s.exchange is ex and s.kind == sc.CLOSED]
    panel.select_connection(cid)
    panel.go_to(closed.serial)
    said = panel.narration()
    assert "a cancel)" not in said, said
    assert f"The client stopped RETR (ABOR) after {ex.bytes:,} bytes" in said, said
    assert "not for a cancel: Could not write " in said and "No space left on device;" in said, said

    # and the exported transcript says it where the engine told it, before the ABOR
    lines = transcript_of(conn).splitlines()
    (told,) = [i for i, line in enumerate(lines) if "the client stops the transfer, not for a cancel" in line]
    assert "No space left on device" in lines[told] and "> ABOR" in lines[told + 1 : told + 3], lines[told : told + 3]

    request.getfixturevalue("chinese")  # the same step, in Chinese: the engine's words translated too
    panel.go_to(closed.serial - 1)
    panel.go_to(closed.serial)
    qtbot.waitUntil(lambda: "客户端" in panel.narration(), timeout=WAIT)
    said = panel.narration()
    assert "取消）" not in said and "并非有人取消：无法写入 " in said, said
    assert "No space left on device；" in said, said  # (the system's own words, as the engine has them)
