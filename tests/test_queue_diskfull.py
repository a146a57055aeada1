"""A full local disk: the item fails with "disk full", keeps its temporary file, and the queue goes on."""

from __future__ import annotations

import os

import pytest

from ftpgui.ftp import SessionOptions
from ftpgui.transfers.items import DONE, FAILED
from ftpgui.transfers.queue import TransferQueue
from ftpgui.transfers.worker import Endpoint

from ftpserver import PASSWORD, USER

pytestmark = pytest.mark.usefixtures("qapp")
LONG = 120_000  # ms: a safety net, not a performance limit


def test_a_full_disk_fails_the_item_keeps_the_part_and_the_queue_goes_on(qtbot, tmp_path, tiny_disk, make_server):
    srv = make_server("127.0.0.1", refuse=("SIZE",))  # the size unknown: the disk fills up during the download
    with open(srv.path("big.bin"), "wb") as f:
        f.write(os.urandom(3 << 20))
    with open(srv.path("small.txt"), "wb") as f:
        f.write(b"fits")
    other = tmp_path / "other"
    other.mkdir()
    q = TransferQueue(str(tmp_path / "queue.json"))
    try:
        q.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20), 1)
        q.download([("/big.bin", False, None)], str(tiny_disk))
        q.download([("/small.txt", False, None)], str(other))
        qtbot.waitUntil(q.is_idle, timeout=LONG)
        big, small = q.model.items()
        assert big.state == FAILED
        assert big.error.startswith("Disk full")
        part = tiny_disk / "big.bin.ftpgui-part"
        assert part.exists() and part.stat().st_size > 0
        assert not (tiny_disk / "big.bin").exists()
        assert small.state == DONE and (other / "small.txt").read_bytes() == b"fits"
        assert big.attempts == 0  # a full disk is not a dropped connection: no retries
    finally:
        q.shutdown()
