"""A full local disk: the item fails with "disk full", keeps its temporary file, and the queue goes on."""

from __future__ import annotations

import os

import pytest
from test_queue_local_attacks import by_remote, queue, to_server  # noqa: F401 (``queue``: a fixture)

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


def test_two_downloads_that_fit_alone_but_not_together_do_not_both_start(qtbot, queue, tiny_disk, make_server):  # noqa: F811
    """QA: a small disk, a folder of files downloaded with 2 connections. Each file alone fitted the free space,
    so both passed the check, both started and both failed "Disk full", their temporary files eating the
    space. The check now counts what the other downloads under way still have to write on that file system:
    the second fails before it starts, in words, and the first completes."""
    srv = make_server("127.0.0.1", no_1xx={"RETR": 1})  # the first file under way (checked, its file made), held
    os.mkdir(srv.path("big"))
    for name in ("b1.bin", "b2.bin"):
        with open(srv.path("big", name), "wb") as f:
            f.write(os.urandom(600_000))  # (the disk: 1 MiB; each fits, the two do not)
    to_server(queue, srv, connections=2)
    queue.download([("/big", True, None)], str(tiny_disk))
    qtbot.waitUntil(srv.holding, timeout=LONG)
    # (the other file's check comes while the first is held; the folder's own item is no file)
    qtbot.waitUntil(lambda: any(i.state in (DONE, FAILED) and not i.is_dir for i in queue.model.items()), timeout=LONG)
    srv.send_held_replies()
    qtbot.waitUntil(queue.is_idle, timeout=LONG)
    done, failed = sorted(queue.model.items(), key=lambda i: i.state)
    assert (done.state, failed.state) == (DONE, FAILED), done.error  # (the first failed "Disk full" on the old code)
    assert failed.attempts == 0
    # in words, before it starts: counting the first's bytes still to come (its check while the first is held),
    # or — the two files given to one connection, one after the other (a loaded machine) — the space the first
    # has taken by then
    assert failed.error.startswith(f"Not enough space in {tiny_disk / 'big'}"), failed.error
    assert "600000 bytes needed" in failed.error, failed.error
    # (no temporary file of the second eats the space)
    assert os.listdir(tiny_disk / "big") == [os.path.basename(done.local)]
