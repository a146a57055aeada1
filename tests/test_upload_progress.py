"""An upload's progress is what the server has, not what was handed to this computer's kernel.

Found by QA: a 3 MB upload to a server taking 200 kB/s stood at "100 %, Active" from its first second, Rate
and Time left blank, while the server had a sixth of it; a Cancel then left the row at 100 % over a quarter
of a file. The send buffer, which Linux grows to megabytes, held the rest. The progress reported now leaves
out what is still in the send queue (``ftp/sendqueue.py``), and after the last write the sender reports the
queue draining.

The server here reads 128 KiB a second with a 32 KiB receive buffer — a slow uplink: the bytes wait on the
client's side, as they do behind a real one (on loopback a large receive buffer at the server would hide
them there, where no client can see)."""

from __future__ import annotations

import os
import socket
import sys

import pytest
from test_queue_upload_restart import LONG, shown

from ftpgui.transfers.items import ACTIVE, DONE
from ftpgui.transfers.model import COL_STATE

from guihelpers import quick_connect, wait_listing

pytestmark = pytest.mark.skipif(
    sys.platform not in ("linux", "darwin"), reason="the send queue is read on Linux, macOS"
)

RATE = 128 * 1024
SIZE = 3_000_000
SLACK = 512 * 1024  # the server's receive buffer and pyftpdlib's own read, with room


class SmallWindow:
    """The server's data connection with a small receive buffer (set before pyftpdlib reads from it)."""

    def __init__(self, sock, *args, **kwargs):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 32 * 1024)
        super().__init__(sock, *args, **kwargs)


def test_an_uploads_progress_follows_what_the_server_has(qtbot, make_server, tmp_path, monkeypatch):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    srv = make_server("127.0.0.1", throttle=RATE, dtp_mixin=SmallWindow)
    source = tmp_path / "up.bin"
    source.write_bytes(os.urandom(SIZE))
    samples = []
    last = set()  # what the State column said once every byte was delivered
    with shown(qtbot) as w:
        quick_connect(qtbot, w, srv)
        wait_listing(qtbot, w, "/")
        w.request_upload([str(source)], "/")
        (item,) = w.queue.model.items()

        def sample() -> bool:
            try:
                on_server = os.path.getsize(srv.path("up.bin"))
            except OSError:
                on_server = 0
            if item.state == ACTIVE:
                samples.append((item.done, on_server))
                if item.done >= SIZE:
                    last.add(w.queue.model.cell_text(item, COL_STATE))
            return item.state != ACTIVE and item.state == DONE

        qtbot.waitUntil(sample, timeout=LONG)
    assert len(samples) > 10  # (the upload took seconds: the window was asked many times meanwhile)
    ahead = [(done, there) for done, there in samples if done > there + SLACK]
    # before: 100 % within the first second, 2.5 MB ahead of the server at its worst
    assert not ahead, ahead[:5]
    assert any(0 < done < SIZE for done, _ in samples)  # it moved on the way, not all at the end
    # the last 256 KiB and the server's buffer take seconds here: meanwhile the row says what it waits for
    assert last == {"Awaiting reply"}
