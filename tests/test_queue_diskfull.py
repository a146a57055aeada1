"""A full local disk: the item fails with "disk full", keeps its temporary file, and the queue goes on."""

from __future__ import annotations

import os
import subprocess

import pytest

from ftpgui.ftp import SessionOptions
from ftpgui.transfers.items import DONE, FAILED
from ftpgui.transfers.queue import TransferQueue
from ftpgui.transfers.worker import Endpoint

from conftest import need
from ftpserver import PASSWORD, USER

pytestmark = pytest.mark.usefixtures("qapp")
LONG = 120_000  # ms: a safety net, not a performance limit


@pytest.fixture
def tiny_disk(tmp_path):
    """A 1 MiB tmpfs mounted for this test (needs root), unmounted afterwards."""
    need(os.geteuid() == 0, "mounting a 1 MiB tmpfs needs root")
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)], capture_output=True, text=True)
    need(done.returncode == 0, f"mount -t tmpfs is not permitted here: {done.stderr.strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], check=True)


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
